"""Docs-only Sphinx extension: show what the reader makes of an example ideas file.

Data flow: a small ideas file in ``docs/_examples/format/`` --(the real parser,
:func:`sphinxcontrib_ideas.ideasfile.parser.parse_catalog`)--> :func:`describe` --> a literal block
on the format page, right below the file itself. The "read as" half of every format example
is therefore the parser's own output and cannot drift from it; ``tests/test_docs.py`` also
checks each example's reading.

Usage in a MyST page::

    ```{ideas-read-example} _examples/format/structure.md
    ```

With the ``outline`` option the block is what ``sphinx-ideas check --outline FILE`` prints
for the file instead (its standard output, produced by the command's own functions). The
``reading`` option gives corrections as a JSON object of ``ideas_reading`` keys.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from sphinxcontrib_ideas.ideasfile.model import Catalog, Idea, ParseResult

#: Longer texts are cut to this many characters (with an ellipsis) in the summary.
_SHORT = 80
#: Words left in a skills text once its skills are taken out, from which it is prose.
_PROSE_WORDS = 3


def describe(result: ParseResult) -> str:
    """The catalog and diagnostics as an indented outline, one line per fact."""
    lines = _catalog_lines(result.catalog)
    for project in result.catalog.projects:
        url = f" -> {project.url}" if project.url else ""
        lines.append(f"project {project.name!r} (line {project.line}){url}")
        if project.intro:
            lines.append(f"  introduction: {_short(project.intro)}")
        for idea in project.ideas:
            lines.extend(_idea_lines(idea))
    if result.diagnostics:
        lines.append("")
    lines.extend(
        f"{d.source}:{d.line}: {d.severity}: {d.message} [ideas.{d.subtype}]"
        for d in result.diagnostics
    )
    return "\n".join(lines)


def _catalog_lines(catalog: Catalog) -> list[str]:
    lines = []
    if catalog.title:
        lines.append(f"title: {catalog.title!r}")
    if catalog.preamble:
        lines.append(f"preamble: {_short(catalog.preamble)}")
    return lines


def _idea_lines(idea: Idea) -> list[str]:
    group = f", group {idea.group!r}" if idea.group else ""
    url = f" -> {idea.url}" if idea.url else ""
    lines = [f"  idea {idea.title!r} (line {idea.line}{group}){url}"]
    if idea.description:
        lines.append(f"    description: {_short(idea.description)}")
    for mentor in idea.mentors:
        parts = [f"{mentor.name!r}"]
        parts += [f"@{mentor.github}"] if mentor.github else []
        parts += [f"<{mentor.email}>"] if mentor.email else []
        parts += [f"role {mentor.role!r}"] if mentor.role else []
        lines.append("    mentor: " + ", ".join(parts))
    for skill in idea.skills:
        extra = [f"level {skill.level!r}"] if skill.level else []
        extra += [f"note {skill.note!r}"] if skill.note else []
        written = f" (written {skill.raw!r})" if skill.raw != skill.name else ""
        lines.append(f"    skill: {skill.name}{written}" + "".join(f", {e}" for e in extra))
    if _is_prose(idea):
        lines.append(f"    skills text (shown on the page): {_short(idea.skills_text)}")
    lines.extend(f"    issue: {url}" for url in idea.issues)
    lines.extend(f"    field {f.label!r}: {_short(f.value)}" for f in idea.fields)
    return lines


def _is_prose(idea: Idea) -> bool:
    """Whether the skills text says more than its skills (a sentence, not a list)."""
    rest = idea.skills_text
    for skill in idea.skills:
        rest = rest.replace(skill.raw, " ")
    return len(re.findall(r"[^\W\d_]{2,}", rest)) >= _PROSE_WORDS


def _short(text: str) -> str:
    """One line of at most :data:`_SHORT` characters, quoted."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= _SHORT else flat[: _SHORT - 1].rstrip() + "…")


def read_example(path: Path, reading: str = "") -> ParseResult:
    """The parser's reading of an example file, named by its file name in diagnostics.

    ``reading`` is a JSON object of ``ideas_reading`` keys (corrections), or empty.
    """
    from sphinxcontrib_ideas.ideasfile import reading_options
    from sphinxcontrib_ideas.ideasfile.parser import parse_catalog

    options = reading_options(json.loads(reading)) if reading else None
    return parse_catalog(path.read_text(encoding="utf-8"), source=path.name, reading=options)


def check_outline(result: ParseResult) -> str:
    """What ``sphinx-ideas check --outline FILE`` prints on standard output for the file."""
    from sphinxcontrib_ideas.cli import format_diagnostic
    from sphinxcontrib_ideas.ideasfile.outline import format_outline

    lines = [f"$ sphinx-ideas check --outline {result.catalog.source}", format_outline(result)]
    lines.extend(format_diagnostic(d) for d in sorted(result.diagnostics, key=lambda d: d.line))
    return "\n".join(lines)


class ReadExampleDirective(SphinxDirective):
    """``ideas-read-example PATH``: what the parser reads from the ideas file at PATH."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "outline": directives.flag,
        "reading": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        _rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(path)
        result = read_example(Path(path), self.options.get("reading", ""))
        if "outline" in self.options:
            text = check_outline(result)
            return [nodes.literal_block(text, text, language="console")]
        text = describe(result)
        return [nodes.literal_block(text, text, language="text", classes=["ideas-read-as"])]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive."""
    app.add_directive("ideas-read-example", ReadExampleDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
