"""Listing directives for any page: ``ideas-list`` and ``ideas-table``.

Data flow: the catalogs of this build (the domain's plan, parsed once and cached, see
``_catalogs``) --(the shared filter options, :func:`~._catalogs.make_filter`)--> the
selected ideas --> a bullet list or a table of ``pending_xref`` nodes that the ``ideas``
domain resolves once every page is read, so the links work in every builder.

The directive only checks its options and leaves a :class:`pending_listing`; the listing
is made when the page is written (:class:`ExpandListings`, a post-transform, as
``sphinx.ext.todo`` makes its ``todolist``). A listing shows ideas of other files, so its
page is written again, not read again, whenever a catalog changes: see :mod:`._listed`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import nodes as ideas_nodes
from ._catalogs import CatalogSpec, make_filter, option_pairs, split_list
from ._listed import note_listing
from ._logging import warn
from ._myst import FragmentRenderer
from .config import settings
from .domain import ideas_domain
from .filters import FilterError, IdeaFilter, catalog_name
from .ideasfile._sanitize import is_web_url
from .ideasfile.model import Catalog, Idea, Project, Subtype, slugify
from .pages import LoadedCatalog, load_catalogs

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinxcontrib_ideas")

#: The filter options every listing directive shares: name -> what it selects.
FILTER_OPTIONS: tuple[tuple[str, str], ...] = (
    ("projects", "only these projects (comma-separated names or slugs)"),
    ("skills", "only ideas needing one of these skills (comma-separated)"),
    ("mentors", "only ideas mentored by one of these people (handles or names)"),
    ("catalogs", "only ideas of these catalogs (labels, file names or keys, comma-separated)"),
    ("filter", "only ideas matching this filter expression"),
)
#: The option spec of :data:`FILTER_OPTIONS`, for every directive that selects ideas.
FILTER_OPTION_SPEC: dict[str, Callable[[str], Any]] = {
    name: directives.unchanged for name, _doc in FILTER_OPTIONS
}

#: Options of ``ideas-list``, for the docs table.
LIST_OPTIONS: tuple[tuple[str, str], ...] = FILTER_OPTIONS
#: Options of ``ideas-table``, for the docs table.
TABLE_OPTIONS: tuple[tuple[str, str], ...] = (
    *FILTER_OPTIONS,
    ("columns", "the columns, comma-separated (default: title, project, skills, mentors)"),
    ("sort", "the column to sort by; ``-column`` sorts descending (default: file order)"),
)
#: The columns ``ideas-table`` knows besides the ideas' extra field keys.
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "the idea, linked to its section"),
    ("project", "the project, linked to its page"),
    ("catalog", "the catalog's label, else its file name"),
    ("group", "the group heading between project and idea"),
    ("skills", "the skills, each linked to the skills index"),
    ("mentors", "the mentors, each linked to the mentor index"),
    ("issues", "the upstream issues, as links"),
)
DEFAULT_COLUMNS = ("title", "project", "skills", "mentors")
# relative widths (the text builder takes them as characters); a field column gets 15
_COLUMN_WIDTHS = {"title": 30, "project": 15, "catalog": 12, "group": 15, "issues": 25}
_COLUMN_WIDTHS.update(skills=20, mentors=20)
_CORE_COLUMNS = frozenset(name for name, _doc in TABLE_COLUMNS)


@dataclass(frozen=True, slots=True)
class Row:
    """One selected idea, with where it comes from."""

    spec: CatalogSpec
    catalog: Catalog
    project: Project
    idea: Idea

    @property
    def idea_name(self) -> str:
        """The idea's object name in the ``ideas`` domain."""
        return self.spec.object_name(self.project.slug, self.idea.slug)


def catalog_keys(loaded: LoadedCatalog) -> frozenset[str]:
    """The names ``:catalogs:`` may use for a catalog: label, file name, stem, key."""
    file_name = loaded.spec.path.replace("\\", "/").rsplit("/", 1)[-1]
    names = (catalog_name(loaded.catalog), file_name, file_name.rsplit(".", 1)[0])
    return frozenset(slugify(n) for n in (*names, loaded.spec.key) if n)


def select_rows(catalogs: Iterable[LoadedCatalog], selection: IdeaFilter) -> list[Row]:
    """Every idea of ``catalogs`` the selection matches, in catalog and file order."""
    # catalogs are matched here, by every name a user may know them by; the filter
    # itself only knows the label and the file name
    per_idea = replace(selection, catalogs=frozenset())
    everything = per_idea == IdeaFilter()  # then no idea needs asking
    rows: list[Row] = []
    for loaded in catalogs:
        if selection.catalogs and not selection.catalogs & catalog_keys(loaded):
            continue
        # only the ideas the catalog's host shows: the others have no page to link to
        for project, ideas in loaded.projects:
            rows.extend(
                Row(loaded.spec, loaded.catalog, project, idea)
                for idea in ideas
                if everything or per_idea.matches(loaded.catalog, project, idea)
            )
    return rows


def parse_columns(value: str) -> tuple[str, ...]:
    """The ``:columns:`` option as slugs, in order; the default when empty."""
    columns = tuple(slugify(name) for name in split_list(value))
    return columns or DEFAULT_COLUMNS


def parse_sort(value: str) -> tuple[str, bool] | None:
    """The ``:sort:`` option as (column, descending), or None for file order."""
    text = value.strip()
    if not text:
        return None
    return slugify(text.lstrip("-+")), text.startswith("-")


def cell_text(row: Row, column: str) -> str:
    """The plain text of a cell: what sorting compares."""
    idea = row.idea
    values: dict[str, Callable[[], str]] = {
        "title": lambda: idea.title,
        "project": lambda: row.project.name,
        "catalog": lambda: catalog_name(row.catalog),
        "group": lambda: idea.group or "",
        "skills": lambda: ", ".join(s.name for s in idea.skills),
        "mentors": lambda: ", ".join(m.name for m in idea.mentors),
        "issues": lambda: ", ".join(idea.issues),
    }
    if column in values:
        return values[column]()
    return next((f.value for f in idea.fields if f.key == column), "")


def sort_rows(rows: Sequence[Row], column: str, *, descending: bool) -> list[Row]:
    """``rows`` by a column's text, case-folded and with numbers in numeric order; ties
    keep file order, and empty cells go last either way."""
    filled = [r for r in rows if cell_text(r, column).strip()]
    empty = [r for r in rows if not cell_text(r, column).strip()]
    ordered = sorted(filled, key=lambda r: _natural(cell_text(r, column)), reverse=descending)
    return ordered + empty


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    parts = re.split(r"(\d+)", text.casefold().strip())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def field_columns(rows: Iterable[Row]) -> dict[str, str]:
    """Extra field key -> its label as written (the first seen), over ``rows``."""
    labels: dict[str, str] = {}
    for row in rows:
        for extra in row.idea.fields:
            labels.setdefault(extra.key, extra.label)
    return labels


class pending_listing(nodes.General, nodes.Element):
    """An ``ideas-list`` or ``ideas-table`` (``kind``) with its ``options``, made into the
    listing when the page is written (:class:`ExpandListings`)."""


class _ListingDirective(SphinxDirective):
    """What both listing directives share: the options, checked, left for write time."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = dict(FILTER_OPTION_SPEC)
    kind = ""

    def run(self) -> list[Node]:
        note_listing(self.env)
        options = option_pairs(self.options)
        try:  # the one check that needs no catalog: the rest is done when written
            make_filter(options)
        except FilterError as error:
            warn(
                "invalid :filter: option %r: %s",
                self.options.get("filter"),
                error,
                subtype=Subtype.DIRECTIVE,
                location=self.get_location(),
            )
            return []
        node = pending_listing("", kind=self.kind, options=options)
        self.set_source_info(node)
        return [node]


class IdeasListDirective(_ListingDirective):
    """``.. ideas-list::`` with filter options: the selected ideas as a linked list."""

    kind = "list"


class IdeasTableDirective(_ListingDirective):
    """``.. ideas-table::`` with filter options, ``:columns:`` and ``:sort:``."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **FILTER_OPTION_SPEC,
        "columns": directives.unchanged,
        "sort": directives.unchanged,
    }
    kind = "table"


class ExpandListings(SphinxPostTransform):
    """Makes each :class:`pending_listing` into its list or table, from this build's
    catalogs: a page with a listing is written again when a catalog changes, not read
    again (see :mod:`._listed`)."""

    default_priority = 5  # before ReferencesResolver (10) resolves the links we add

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pending_listing)):
            listing = _Listing(self.env, self.document, node)
            made = listing.bullet_list() if node["kind"] == "list" else listing.table()
            node.replace_self(made)


class _Listing:
    """One listing being made: selecting rows, reporting at the directive's line, nodes."""

    def __init__(
        self, env: BuildEnvironment, document: nodes.document, node: pending_listing
    ) -> None:
        self.env = env
        self.document = document
        self.node = node
        self.options = dict(node["options"])

    def problem(self, message: str, *args: object) -> None:
        """An ``ideas.directive`` warning at the directive's line."""
        warn(message, *args, subtype=Subtype.DIRECTIVE, location=self.node)

    def placed(self, made: nodes.Element) -> nodes.Element:
        made.source, made.line = self.node.source, self.node.line
        return made

    def rows(self) -> list[Row] | None:
        """The selected ideas, or None (after a warning) when there is nothing to list from."""
        selection = make_filter(self.node["options"])  # checked when read
        catalogs = self.catalogs()
        if not ideas_domain(self.env).catalogs:
            self.problem(
                "no ideas catalog in this build to list from (add an ideas-catalog "
                "directive, or ideas_catalogs)"
            )
            return None
        self.check_names(catalogs)
        return select_rows(catalogs, selection)

    def check_names(self, catalogs: Sequence[LoadedCatalog]) -> None:
        """Warn about ``:catalogs:`` and ``:projects:`` names that match nothing: most
        likely typos, which would otherwise just make ideas vanish from the listing."""
        known = frozenset().union(*(catalog_keys(loaded) for loaded in catalogs))
        for name in split_list(self.options.get("catalogs", "")):
            if slugify(name) not in known:
                names = ", ".join(catalog_name(loaded.catalog) for loaded in catalogs)
                self.problem("no catalog %r in this build; catalogs are: %s", name, names)
        projects = {slugify(p.name): p.name for c in catalogs for p, _ideas in c.projects}
        projects.update({p.slug: p.name for c in catalogs for p, _ideas in c.projects})
        for name in split_list(self.options.get("projects", "")):
            if slugify(name) not in projects:
                names = ", ".join(sorted(set(projects.values()), key=str.casefold))
                self.problem("no project %r in the catalogs; projects are: %s", name, names)

    def catalogs(self) -> list[LoadedCatalog]:
        """The catalogs of this build (parsed once, cached)."""
        specs = ideas_domain(self.env).catalogs
        cache_dir = os.fspath(self.env.doctreedir)
        return load_catalogs(specs, settings(self.env.config), cache_dir=cache_dir)

    def several(self) -> bool:
        """Whether the build has several catalogs (then entries name theirs)."""
        return len(ideas_domain(self.env).catalogs) > 1

    def empty(self) -> list[Node]:
        text = _("No ideas match.")
        return [nodes.paragraph(text, text, classes=["ideas-listing-empty"])]

    # -- ideas-list

    def bullet_list(self) -> list[Node]:
        rows = self.rows()
        if rows is None:
            return []
        if not rows:
            return self.empty()
        listing = nodes.bullet_list(classes=["ideas-list"])
        for row in rows:
            listing += nodes.list_item("", self._item(row))
        return [self.placed(listing)]

    def _item(self, row: Row) -> nodes.paragraph:
        item = nodes.paragraph("", "", ideas_nodes.xref("idea", row.idea_name, row.idea.title))
        where = row.project.name
        if self.several():
            where += f", {catalog_name(row.catalog)}"
        item += nodes.Text(f" ({where})")
        return item

    # -- ideas-table

    def table(self) -> list[Node]:
        rows = self.rows()
        if rows is None:
            return []
        columns = parse_columns(self.options.get("columns", ""))
        sort = parse_sort(self.options.get("sort", ""))
        labels = field_columns(self._all_rows())
        wanted = (*columns, sort[0]) if sort else columns
        unknown = [c for c in wanted if c not in _CORE_COLUMNS and c not in labels]
        if unknown:
            known = ", ".join([*sorted(_CORE_COLUMNS), *sorted(labels)])
            self.problem("unknown ideas-table column %r (known: %s)", unknown[0], known)
            return []
        if not rows:
            return self.empty()
        if sort:
            rows = sort_rows(rows, sort[0], descending=sort[1])
        return [self.placed(self._table(rows, columns, labels))]

    def _all_rows(self) -> list[Row]:
        """Every idea of the build: a field column is known if any idea has the field."""
        return select_rows(self.catalogs(), IdeaFilter())

    def _table(
        self, rows: Sequence[Row], columns: Sequence[str], labels: dict[str, str]
    ) -> nodes.table:
        # the widths below, in proportion (LaTeX gave every column an equal share without)
        table = nodes.table(classes=["ideas-table", "colwidths-given"])
        group = nodes.tgroup(cols=len(columns))
        table += group
        for column in columns:
            group += nodes.colspec(colwidth=_COLUMN_WIDTHS.get(column, 15))
        head = nodes.thead()
        head += _row([[nodes.Text(_column_title(c, labels))] for c in columns])
        group += head
        body = nodes.tbody()
        for row in rows:
            body += _row([list(self._cell(row, c)) for c in columns])
        group += body
        return table

    def _cell(self, row: Row, column: str) -> Iterator[nodes.Node]:
        idea = row.idea
        if column == "title":
            yield ideas_nodes.xref("idea", row.idea_name, idea.title)
        elif column == "project":
            name = row.spec.object_name(row.project.slug)
            yield ideas_nodes.xref("project", name, row.project.name)
        elif column == "skills":
            yield from ideas_nodes.skill_chips(idea.skills)
        elif column == "mentors":
            yield from ideas_nodes.joined([ideas_nodes.mentor_ref(m)] for m in idea.mentors)
        elif column == "issues":
            yield from ideas_nodes.joined([_issue(url)] for url in idea.issues)
        elif column in _CORE_COLUMNS:
            yield nodes.Text(cell_text(row, column))
        else:
            yield from self._field_cell(row, column)

    def _field_cell(self, row: Row, key: str) -> Iterator[nodes.Node]:
        extra = next((f for f in row.idea.fields if f.key == key), None)
        if extra is None:
            return
        current = settings(self.env.config)
        renderer = FragmentRenderer(
            self.document,
            source=row.spec.path,
            base_url=current.upstream_url_for(row.spec.path),
            allow_html=current.allow_raw_html,
            show_emails=current.show_emails,
        )
        yield from renderer.inline(extra.value, extra.line)


def _column_title(column: str, labels: dict[str, str]) -> str:
    titles = {
        "title": _("Idea"),
        "project": _("Project"),
        "catalog": _("Catalog"),
        "group": _("Group"),
        "skills": _("Skills"),
        "mentors": _("Mentors"),
        "issues": _("Issues"),
    }
    return titles.get(column) or labels.get(column, column)


def _row(cells: Iterable[list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        row += nodes.entry("", nodes.paragraph("", "", *content))
    return row


def _issue(url: str) -> nodes.Node:
    if is_web_url(url):
        # "owner/repo#12" for a GitHub issue, as on the project pages: a full URL does not
        # fit a table's column
        return ideas_nodes.external(url, ideas_nodes.issue_label(url), classes=["ideas-issue"])
    return nodes.Text(url)


def setup_listings(app: Sphinx) -> None:
    """Register the listing directives, the cross-catalog links and ``ideas.json``."""
    from ._across import AlsoInLinks
    from ._json import exclude_from_epub, write_ideas_json
    from ._listed import (
        catalog_pages_to_rewrite,
        merge_listings,
        purge_listing,
    )

    app.add_node(pending_listing)
    app.add_directive("ideas-list", IdeasListDirective)
    app.add_directive("ideas-table", IdeasTableDirective)
    app.add_post_transform(ExpandListings)
    app.add_post_transform(AlsoInLinks)
    app.connect("env-purge-doc", purge_listing)
    app.connect("env-merge-info", merge_listings)
    app.connect("env-get-updated", catalog_pages_to_rewrite)
    app.connect("config-inited", exclude_from_epub)
    app.connect("build-finished", write_ideas_json)
