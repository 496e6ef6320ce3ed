"""Docs-only Sphinx extension: reference tables generated from the code's own lists.

Data flow: the extension's code tables (warning subtypes in ``model.SUBTYPE_DOCS``, filter
names in ``filters.FILTER_NAMES``, config values, directive options, roles) --> one
directive per table --> a docutils table in the docs. The docs therefore cannot drift from
the code, and ``tests/test_docs.py`` checks that every name the code defines is shown.

Usage in a MyST page::

    ```{ideas-reference-table} subtypes
    ```
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

Row = tuple[str, ...]
#: A table: its column titles and its rows. Cells use ``literal`` markup only.
Table = tuple[Row, Sequence[Row]]

_LITERAL = re.compile(r"``(.+?)``(?!`)|`([^`]+)`")


def subtypes_table() -> Table:
    """Every warning subtype, with the name to give ``suppress_warnings``."""
    from sphinxcontrib_ideas.ideasfile.model import SUBTYPE_DOCS, Subtype

    rows = [(f"``ideas.{subtype.value}``", SUBTYPE_DOCS[subtype]) for subtype in Subtype]
    return ("Subtype", "Reported for"), rows


def filter_names_table() -> Table:
    """The attribute names a ``:filter:`` expression may use."""
    from sphinxcontrib_ideas.filters import FILTER_NAMES

    return ("Name", "Holds"), [(f"``{name}``", doc) for name, doc in FILTER_NAMES.items()]


def config_table() -> Table:
    """Every ``ideas_*`` configuration value, with its default and accepted types."""
    from sphinxcontrib_ideas.config import CONFIG_VALUES

    rows = [
        (
            f"``{value.name}``",
            f"``{value.default!r}``",
            " or ".join(f"``{t.__name__}``" for t in value.types),
            value.doc,
        )
        for value in CONFIG_VALUES
    ]
    return ("Name", "Default", "Type", "Meaning"), rows


def options_table() -> Table:
    """Every option of the ``ideas-catalog`` directive."""
    from sphinxcontrib_ideas.directives import CATALOG_OPTIONS

    return ("Option", "Effect"), [(f"``:{name}:``", doc) for name, doc in CATALOG_OPTIONS]


def list_options_table() -> Table:
    """Every option of the ``ideas-list`` directive."""
    from sphinxcontrib_ideas.listing import LIST_OPTIONS

    return ("Option", "Effect"), [(f"``:{name}:``", doc) for name, doc in LIST_OPTIONS]


def table_options_table() -> Table:
    """Every option of the ``ideas-table`` directive."""
    from sphinxcontrib_ideas.listing import TABLE_OPTIONS

    return ("Option", "Effect"), [(f"``:{name}:``", doc) for name, doc in TABLE_OPTIONS]


def table_columns_table() -> Table:
    """The columns ``ideas-table`` knows (besides the ideas' extra fields)."""
    from sphinxcontrib_ideas.listing import TABLE_COLUMNS

    return ("Column", "Shows"), [(f"``{name}``", doc) for name, doc in TABLE_COLUMNS]


def labels_table() -> Table:
    """Every field label the parser recognises, grouped by the field it fills."""
    # The parser's own table (private to it, so read here rather than copied).
    from sphinxcontrib_ideas.ideasfile import _labels

    fields: dict[str, list[str]] = {}
    for label, key in _labels._ALIASES.items():
        fields.setdefault(key, []).append(label)
    display = _labels._DISPLAY
    rows = [
        (display.get(key, key), ", ".join(f"``{label}``" for label in labels))
        for key, labels in fields.items()
    ]
    return ("Field", "Labels (any case; colon, bold and a parenthetical suffix optional)"), rows


def skill_aliases_table() -> Table:
    """The built-in skill alias table: canonical name and the spellings that map to it."""
    from sphinxcontrib_ideas.ideasfile._skills import BUILTIN_SKILL_ALIASES

    names: dict[str, list[str]] = {}
    for alias, name in BUILTIN_SKILL_ALIASES.items():
        spellings = names.setdefault(name, [])
        if alias != name.casefold():
            spellings.append(alias)
    rows = [
        (f"``{name}``", ", ".join(f"``{a}``" for a in spellings))
        for name, spellings in sorted(names.items(), key=lambda item: item[0].casefold())
    ]
    return ("Skill", "Also written (any case)"), rows


def roles_table() -> Table:
    """Every role of the ``ideas`` domain, in rST and MyST spelling."""
    from sphinxcontrib_ideas.domain import OBJECT_TYPES

    rows = [
        (f"``:ideas:{name}:`target```", f"``{{ideas:{name}}}`target```", doc)
        for name, doc in OBJECT_TYPES
    ]
    return ("reStructuredText", "MyST", "Refers to"), rows


#: Table name (the directive's argument) -> builder of that table.
TABLES: dict[str, Callable[[], Table]] = {
    "subtypes": subtypes_table,
    "config": config_table,
    "roles": roles_table,
    "labels": labels_table,
    "skill-aliases": skill_aliases_table,
    "options": options_table,
    "list-options": list_options_table,
    "table-options": table_options_table,
    "table-columns": table_columns_table,
    "filter-names": filter_names_table,
}


def inline_nodes(text: str) -> list[nodes.Node]:
    """Text with ````literal```` spans as docutils nodes (nothing else is markup here)."""
    out: list[nodes.Node] = []
    pos = 0
    for match in _LITERAL.finditer(text):
        if match.start() > pos:
            out.append(nodes.Text(text[pos : match.start()]))
        literal = match.group(1) or match.group(2)
        out.append(nodes.literal(literal, literal))
        pos = match.end()
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


def _row(cells: Sequence[str], *, header: bool = False) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        para = nodes.paragraph()
        para.extend(inline_nodes(cell))
        if header:
            para = nodes.paragraph("", "", nodes.strong("", "", *para.children))
        entry += para
        row += entry
    return row


def latex_columns(table: Table) -> addnodes.tabular_col_spec:
    """The table's column widths for LaTeX (as ``tabularcolumns`` gives them), in
    proportion to each column's longest text (between 8 and 40 characters): LaTeX's
    automatic widths squeezed the name columns until names ran off the page."""
    header, rows = table
    widths = [
        min(max(8, *(len(row[i].replace("``", "")) for row in [header, *rows])), 40)
        for i in range(len(header))
    ]
    total = sum(widths)
    spec = "|" + "|".join(f"\\X{{{width}}}{{{total}}}" for width in widths) + "|"
    return addnodes.tabular_col_spec(spec=spec)


def build_table(table: Table, *, widths: Sequence[int] | None = None) -> nodes.table:
    """A docutils table from a :data:`Table`."""
    header, rows = table
    tgroup = nodes.tgroup(cols=len(header))
    for width in widths or [1] * len(header):
        tgroup += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    thead += _row(header, header=True)
    tgroup += thead
    tbody = nodes.tbody()
    for cells in rows:
        tbody += _row(cells)
    tgroup += tbody
    node = nodes.table(classes=["ideas-reference-table", "colwidths-auto"])
    node += tgroup
    return node


def schema_path() -> Path:
    """The JSON Schema of ``sphinx-ideas export``, as shipped in the package."""
    import sphinxcontrib_ideas

    return Path(sphinxcontrib_ideas.__file__).parent / "schema" / "ideas-export.schema.json"


def _schema_type(spec: dict[str, Any]) -> str:
    """A short, readable type for one property of the schema."""
    if "$ref" in spec:
        return "``" + str(spec["$ref"]).rsplit("/", 1)[-1] + "``"
    if "const" in spec:
        return f"``{json.dumps(spec['const'])}``"
    if "enum" in spec:
        return " or ".join(f"``{json.dumps(v)}``" for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return "array of " + _schema_type(spec.get("items", {}))
    kinds = kind if isinstance(kind, list) else [kind]
    return " or ".join(f"``{k}``" for k in kinds)


def schema_objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The document itself, then every object definition, in the schema's order."""
    objects = [("document", schema)]
    for name, spec in schema.get("$defs", {}).items():
        if spec.get("type") == "object":
            objects.append((name, spec))
    return objects


def schema_table(spec: dict[str, Any]) -> Table:
    """One object of the schema: its keys, types, whether required, and their meaning."""
    required = set(spec.get("required", ()))
    rows = [
        (
            f"``{key}``",
            _schema_type(prop),
            "yes" if key in required else "optional",
            str(prop.get("description", "")),
        )
        for key, prop in spec.get("properties", {}).items()
    ]
    return ("Key", "Type", "Required", "Meaning"), rows


class SchemaTablesDirective(SphinxDirective):
    """``ideas-schema-tables``: the export format, one table per object of the schema."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = schema_path()
        self.env.note_dependency(str(path))
        schema = json.loads(path.read_text(encoding="utf-8"))
        out: list[nodes.Node] = []
        for name, spec in schema_objects(schema):
            section_id = nodes.make_id(f"export-{name}")
            out.append(nodes.rubric("", "", nodes.literal(name, name), ids=[section_id]))
            if spec.get("description"):
                out.append(nodes.paragraph("", "", *inline_nodes(str(spec["description"]))))
            table = schema_table(spec)
            out += [latex_columns(table), build_table(table)]
        return out


def cli_help(command: str | None) -> str:
    """``sphinx-ideas [COMMAND] --help`` as the command prints it, at a fixed width."""
    from sphinxcontrib_ideas.cli import build_parser

    argv = [command, "--help"] if command else ["--help"]
    out = io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "90"  # argparse wraps to the terminal; the docs need one width
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            build_parser().parse_args(argv)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return out.getvalue().rstrip()


class CliHelpDirective(SphinxDirective):
    """``ideas-cli-help [COMMAND]``: the command's own ``--help``, so the docs cannot drift."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        command = self.arguments[0] if self.arguments else None
        text = cli_help(command)
        if not text:
            raise self.error(f"no help text for command {command!r}")
        block = nodes.literal_block(text, text, language="text")
        return [block]


class ReferenceTableDirective(SphinxDirective):
    """``ideas-reference-table NAME``: one of :data:`TABLES`, built from the code."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        make = TABLES.get(name)
        if make is None:
            known = ", ".join(sorted(TABLES))
            raise self.error(f"unknown reference table {name!r}; known: {known}")
        table = make()
        return [latex_columns(table), build_table(table)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive."""
    app.add_directive("ideas-reference-table", ReferenceTableDirective)
    app.add_directive("ideas-schema-tables", SchemaTablesDirective)
    app.add_directive("ideas-cli-help", CliHelpDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
