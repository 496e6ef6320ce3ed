"""The directives: ``ideas-catalog`` for users, ``ideas-project`` and ``ideas-index`` for
the generated stubs.

Data flow: a directive in a page being read --> the catalog (parsed once, cached, see
``_catalogs``) --> nodes built by :mod:`.nodes` --> objects recorded in the ``ideas``
domain for this page. ``run()`` stays short: resolve, load, report, build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from . import nodes as ideas_nodes
from ._catalogs import (
    CatalogSpec,
    directive_reading,
    file_state,
    load,
    make_filter,
    option_pairs,
    split_list,
)
from ._logging import warn, warn_diagnostic
from ._myst import FragmentRenderer
from ._writetime import index_entry_node, pending, project_list_of
from .config import Settings, settings
from .domain import IdeasDomain, IdeasObject, ideas_domain
from .filters import FilterError
from .ideasfile.model import Catalog, Idea, ParseResult, Project, Subtype, slugify
from .ideasfile.options import ReadingOptions
from .ideasfile.reader import IdeasFileError
from .pages import (
    INDEX_OBJTYPES,
    IndexEntry,
    LoadedCatalog,
    find_project,
    host_state,
    index_docnames,
    index_object,
    load_catalogs,
    mentor_entries,
    select_projects,
    skill_entries,
    summary_docnames,
)

if TYPE_CHECKING:
    from docutils.nodes import Node

_ = get_translation("sphinxcontrib_ideas")

#: Options of ``ideas-catalog``, for the docs table: name -> what it does.
CATALOG_OPTIONS: tuple[tuple[str, str], ...] = (
    ("projects", "only these projects (comma-separated names or slugs)"),
    ("skills", "only ideas needing one of these skills (comma-separated)"),
    ("mentors", "only ideas mentored by one of these people (handles or names)"),
    ("filter", "only ideas matching this filter expression"),
    (
        "no-pages",
        "render the whole catalog on this page, without generated pages (with its indices, "
        "unless other catalogs have index pages; of several such catalogs, the first one's "
        "page holds the indices that span them all); listings include it",
    ),
    (
        "no-preamble",
        "leave out the text before the first project (often a note to mentors on how to "
        "submit ideas)",
    ),
    ("no-intros", "leave out each project's introduction on its page"),
    ("label", "the catalog's name in indices, listings and filters, e.g. ``2022 Spring``"),
    ("term", "another name for ``:label:``"),
    (
        "labels",
        "extra field label spellings, ``Spelling=field`` pairs separated by commas "
        "(``Desirable Skills=skills, Coding Mentors=mentors``)",
    ),
    ("project-level", "heading level (1-6) of the projects, instead of the reader's judgement"),
    ("idea-level", "heading level (1-6) of the ideas, instead of the reader's judgement"),
    (
        "project-name",
        "read the whole file as one project of this name (a single-organisation file); the "
        "headings read as projects become its groups",
    ),
    ("exclude-sections", "titles of sections to leave out, with their sub-sections (commas)"),
)

_STD_LABEL_PREFIX = "ideas-"


class _IdeasDirective(SphinxDirective):
    """What the three directives share: settings, reporting, object recording."""

    @property
    def ideas_settings(self) -> Settings:
        return settings(self.config)

    @property
    def domain(self) -> IdeasDomain:
        return ideas_domain(self.env)

    @property
    def cache_dir(self) -> str:
        """Where parsed ideas files are cached between builds."""
        return os.fspath(self.env.doctreedir)

    def problem(self, message: str, *args: object, subtype: Subtype = Subtype.DIRECTIVE) -> None:
        """A warning at this directive."""
        warn(message, *args, subtype=subtype, location=self.get_location())

    def fragments(self, path: str) -> FragmentRenderer:
        current = self.ideas_settings
        return FragmentRenderer(
            self.state.document,
            source=path,
            base_url=current.upstream_url_for(path),
            allow_html=current.allow_raw_html,
            show_emails=current.show_emails,
        )

    def render_options(
        self, path: str, prefix: str, *, options: Iterable[tuple[str, str]] = ()
    ) -> ideas_nodes.RenderOptions:
        """How to render the file at ``path``; ``options`` are the catalog directive's."""
        current = self.ideas_settings
        return ideas_nodes.RenderOptions(
            fragments=self.fragments(path),
            prefix=prefix,
            show_emails=current.show_emails,
            upstream_url=current.upstream_url_for(path),
            show_intros="no-intros" not in dict(options),
        )

    def record_projects(
        self, projects: Iterable[tuple[Project, tuple[Idea, ...]]], prefix: str
    ) -> None:
        """Note the projects and ideas shown on this page in the domain."""
        for project, ideas in projects:
            name = ideas_nodes.object_name(prefix, project.slug)
            anchor = ideas_nodes.project_anchor(prefix, project.slug)
            entry = IdeasObject(self.env.docname, anchor, project.name, (project.name,))
            self.domain.note_object("project", name, entry, location=self.get_location())
            for idea in ideas:
                self._record_idea(project, idea, prefix)

    def _record_idea(self, project: Project, idea: Idea, prefix: str) -> None:
        name = ideas_nodes.object_name(prefix, project.slug, idea.slug)
        anchor = ideas_nodes.idea_anchor(prefix, project.slug, idea.slug)
        aliases = (idea.title, idea.slug, f"{project.name}.{idea.title}")
        entry = IdeasObject(self.env.docname, anchor, idea.title, aliases)
        self.domain.note_object("idea", name, entry, location=self.get_location())

    def std_label(self, name: str, anchor: str, title: str) -> None:
        """A label for ``:ref:``, so a page can be linked without knowing its file name."""
        std = self.env.domains.standard_domain
        std.note_hyperlink_target(_STD_LABEL_PREFIX + name, self.env.docname, anchor, title)


class IdeasCatalogDirective(_IdeasDirective):
    """``.. ideas-catalog:: path/to/ideas.md``: a catalog's overview, with generated pages."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "projects": directives.unchanged,
        "skills": directives.unchanged,
        "mentors": directives.unchanged,
        "filter": directives.unchanged,
        "no-pages": directives.flag,
        "no-preamble": directives.flag,
        "no-intros": directives.flag,
        "label": directives.unchanged,
        "term": directives.unchanged,
        # corrections to how the file is read (see READING_OPTIONS)
        "labels": directives.unchanged,
        "project-level": directives.unchanged,
        "idea-level": directives.unchanged,
        "project-name": directives.unchanged,
        "exclude-sections": directives.unchanged,
    }

    def run(self) -> list[Node]:
        _relpath, path = self.env.relfn2path(self.arguments[0])
        spec = self._spec(path)
        if spec is None:  # shown whole here: every edit of the file shows on this page
            self.env.note_dependency(path)
            self.domain.note_host(self.env.docname, path, file_state(path))
        else:  # with pages: this page is read again only when its overview changes
            state = host_state(
                self.domain, self.env.docname, path, self.ideas_settings, cache_dir=self.cache_dir
            )
            self.domain.note_host(self.env.docname, path, state)
        # the file's problems are reported here when this page is read, and by
        # .pages.report_catalogs when only the file changed
        self.domain.note_host_line(self.env.docname, path, self.lineno)
        catalog = self._read(path)
        if catalog is None:
            return []
        try:
            selection = make_filter(option_pairs(self.options))
        except FilterError as error:
            self.problem("invalid :filter: option: %s", error)
            return []
        projects = select_projects(catalog, selection)
        self._check_project_names(catalog)
        if spec is None:
            return self._inline(path, catalog, projects)
        return self._overview(spec, catalog)

    def _read(self, path: str) -> Catalog | None:
        result = load(
            path,
            skill_aliases=self.ideas_settings.skill_aliases,
            reading=self._reading(path),
            cache_dir=self.cache_dir,
        )
        if isinstance(result, IdeasFileError):
            self.problem(
                "cannot read ideas file %s: %s",
                self.arguments[0],
                result.reason,
                subtype=Subtype.FILE,
            )
            return None
        self._report(result, path)
        if result.catalog.idea_count == 0:
            if not any(d.subtype is Subtype.EMPTY for d in result.diagnostics):
                self.problem(
                    "ideas file %s holds no ideas", self.arguments[0], subtype=Subtype.EMPTY
                )
            return None
        return result.catalog

    def _reading(self, path: str) -> ReadingOptions:
        """How the file is read: as planned for it (the first directive naming it wins).

        A directive that asks for another reading than the planned one is told so.
        """
        planned = _planned(self.domain, path)
        base = planned.reading if planned else self.ideas_settings.reading
        try:
            own = directive_reading(option_pairs(self.options))
        except ValueError as error:
            self.problem("invalid reading option: %s", error)
            return base
        if planned is None:
            return own.over(base)
        if own.over(base) != base:
            self.problem(
                "the reading options of this ideas-catalog differ from those of the first "
                "directive naming %s (in %s), which are used; give them there",
                self.arguments[0],
                planned.host or "conf.py",
            )
        return base

    def _check_project_names(self, catalog: Catalog) -> None:
        """A ``:projects:`` name that matches no project is most likely a typo."""
        known = {slugify(p.name) for p in catalog.projects} | {p.slug for p in catalog.projects}
        for name in split_list(str(self.options.get("projects") or "")):
            if slugify(name) not in known:
                self.problem(
                    "no project %r in %s; projects are: %s",
                    name,
                    self.arguments[0],
                    ", ".join(p.name for p in catalog.projects),
                )

    def _report(self, result: ParseResult, path: str) -> None:
        for diagnostic in result.diagnostics:
            warn_diagnostic(
                diagnostic,
                path=path,
                show_emails=self.ideas_settings.show_emails,
                fallback=self.get_location(),
            )

    def _spec(self, path: str) -> CatalogSpec | None:
        """The planned catalog this directive hosts, or None (render inline)."""
        if "no-pages" in self.options:
            return None
        spec = _planned(self.domain, path)
        if spec is None:
            self.problem(
                "ideas-catalog for %s was not found when scanning the sources (inside an "
                "included file?); rendered inline, without generated pages",
                self.arguments[0],
            )
        return spec

    def _overview(self, spec: CatalogSpec, catalog: Catalog) -> list[Node]:
        """The preamble and index links; the list of projects and ideas is made when the
        page is written (so an edited idea does not make this page read again)."""
        container = nodes.container(classes=["ideas-catalog"])
        if catalog.preamble.strip() and "no-preamble" not in self.options:
            container += self.fragments(spec.path).block(catalog.preamble, catalog.preamble_line)
        container += _index_links(self.ideas_settings)
        options = option_pairs(self.options)
        container += pending("overview", self.env.docname, catalog=spec.key, options=options)
        if spec.host == self.env.docname:
            shown = load_catalogs([spec], self.ideas_settings, cache_dir=self.cache_dir)
            container += self._toctree(spec, shown[0].projects if shown else ())
        return [container]

    def _toctree(
        self, spec: CatalogSpec, projects: tuple[tuple[Project, tuple[Idea, ...]], ...]
    ) -> nodes.Node:
        docnames = [spec.project_docname(project.slug) for project, _ideas in projects]
        if self.domain.data.get("index_host") == self.env.docname:
            docnames += summary_docnames(self.ideas_settings)
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, d) for d in docnames]
        toctree["includefiles"] = docnames
        toctree["maxdepth"] = 1
        toctree["caption"] = None
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        self.set_source_info(toctree)
        return nodes.compound("", toctree, classes=["toctree-wrapper"])

    def _inline(
        self, path: str, catalog: Catalog, projects: tuple[tuple[Project, tuple[Idea, ...]], ...]
    ) -> list[Node]:
        """``:no-pages:``: overview, every project and both indices on this page."""
        spec = _planned(self.domain, path)
        if spec is not None and (not spec.inline or spec.host != self.env.docname):
            return self._copy(spec, catalog, projects)
        if spec is None:  # not found by the scan (reported): a catalog of its own
            spec = CatalogSpec("", path, None, self.env.docname, "", qualified=False, inline=True)
        prefix = spec.key if spec.qualified else ""
        own = option_pairs(self.options)
        options = self.render_options(path, prefix, options=own)
        sections: list[Node] = [self._inline_head(catalog, projects, prefix, options)]
        for project, ideas in projects:
            section = ideas_nodes.project_section(project, ideas, options)
            name = ideas_nodes.object_name(prefix, project.slug)
            self.std_label(name, section["ids"][0], project.name)
            sections.append(section)
        self.record_projects(projects, prefix)
        if not self._index_pages():
            # the indices' objects belong to one page, the first inline catalog's host,
            # whose indices span every inline catalog, as generated index pages do
            inline = [s for s in self.domain.catalogs if s.inline]
            record = not inline or inline[0].host == self.env.docname
            loaded = [LoadedCatalog(spec, catalog, projects)]
            if record:
                loaded = self._spanned(loaded[0], inline)
            for kind in ("skills", "mentors"):
                sections.append(_index_section(self, kind, loaded, record=record))
        return sections

    def _spanned(self, own: LoadedCatalog, inline: list[CatalogSpec]) -> list[LoadedCatalog]:
        """This page's catalog and every other inline one (as its host selects it), in
        plan order; the other files become dependencies of this page."""
        others = [s for s in inline if s.path != own.spec.path]
        for other in others:
            self.env.note_dependency(other.path)
            self.domain.note_host(self.env.docname, other.path, file_state(other.path))
        found = load_catalogs(others, self.ideas_settings, cache_dir=self.cache_dir)
        by_path = {c.spec.path: c for c in [own, *found]}
        order = [s.path for s in inline]
        if own.spec.path not in order:  # a directive the scan did not see
            order.insert(0, own.spec.path)
        return [by_path[path] for path in order if path in by_path]

    def _index_pages(self) -> bool:
        """Whether this build has the generated skills and mentor index pages."""
        skills, _mentors = index_docnames(self.ideas_settings.pages_dir)
        return skills in self.domain.data["pages"]

    def _copy(
        self,
        spec: CatalogSpec,
        catalog: Catalog,
        projects: tuple[tuple[Project, tuple[Idea, ...]], ...],
    ) -> list[Node]:
        """``:no-pages:`` for a file that also has generated pages: the pages win.

        The copy shows every project here but records no objects or labels (they would be
        duplicates of the pages' own); its overview and indices link to the pages, and its
        anchors are its own, so a page that holds both (singlehtml, latex) has unique ids.
        """
        prefix = spec.key if spec.qualified else ""
        own = option_pairs(self.options)
        copy_prefix = "-".join(filter(None, ("copy", prefix)))
        options = self.render_options(spec.path, copy_prefix, options=own)
        sections: list[Node] = [self._inline_head(catalog, projects, prefix, options)]
        sections += [ideas_nodes.project_section(p, i, options) for p, i in projects]
        return sections

    def _inline_head(
        self,
        catalog: Catalog,
        projects: tuple[tuple[Project, tuple[Idea, ...]], ...],
        prefix: str,
        options: ideas_nodes.RenderOptions,
    ) -> nodes.container:
        """The head of an inline catalog: preamble, index links, projects and their ideas."""
        container = nodes.container(classes=["ideas-catalog"])
        if catalog.preamble.strip() and "no-preamble" not in self.options:
            container += options.fragments.block(catalog.preamble, catalog.preamble_line)
        if self._index_pages():
            container += _index_links(self.ideas_settings)
        container += project_list_of(projects, prefix)
        return container


def _planned(domain: IdeasDomain, path: str) -> CatalogSpec | None:
    """The planned catalog of the ideas file ``path`` (with pages, or inline), if any."""
    return next((spec for spec in domain.catalogs if spec.path == path), None)


def _index_links(current: Settings) -> nodes.paragraph:
    pages = summary_docnames(current)
    titles = [_("Skills index"), _("Mentor index"), _("Dashboard")]
    links = nodes.paragraph("", "", classes=["ideas-index-links"])
    for index, (page, title) in enumerate(zip(pages, titles, strict=False)):
        if index:
            links += nodes.Text(" · ")
        links += ideas_nodes.doc_link(page, title)
    return links


class IdeasProjectDirective(_IdeasDirective):
    """``.. ideas-project:: <catalog-key> <project-slug>`` in a generated project page."""

    required_arguments = 2
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"digest": directives.unchanged}

    def run(self) -> list[Node]:
        key, slug = self.arguments
        spec = self.domain.catalog(key)
        found = self._find(spec, slug) if spec else None
        if spec is None or found is None:
            self.problem("no project %r in ideas catalog %r (stale generated page?)", slug, key)
            return []
        project, ideas = found
        prefix = spec.key if spec.qualified else ""
        section = ideas_nodes.project_section(
            project, ideas, self.render_options(spec.path, prefix, options=spec.options)
        )
        self.record_projects([found], prefix)
        name = ideas_nodes.object_name(prefix, project.slug)
        self.std_label(name, section["ids"][0], project.name)
        return [section]

    def _find(self, spec: CatalogSpec, slug: str) -> tuple[Project, tuple[Idea, ...]] | None:
        return find_project(spec, slug, self.ideas_settings, cache_dir=self.cache_dir)


class IdeasIndexDirective(_IdeasDirective):
    """``.. ideas-index:: skills`` (or ``mentors``) in a generated index page."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"digest": directives.unchanged}

    def run(self) -> list[Node]:
        kind = self.arguments[0]
        if kind == "dashboard":
            return [self._dashboard()]
        if kind not in ("skills", "mentors"):
            self.problem("unknown ideas index %r: use skills, mentors or dashboard", kind)
            return []
        # the entries are made when the page is written (see ._writetime), their objects
        # when the pages are generated (.pages.index_object)
        title = _("Skills index") if kind == "skills" else _("Mentor index")
        section = nodes.section(ids=[f"ideas-{kind}-index"], classes=[f"ideas-{kind}-index"])
        section += nodes.title(title, title)
        section += pending(kind, self.env.docname)
        self.std_label(f"{kind}-index", section["ids"][0], title)
        return [section]

    def _dashboard(self) -> nodes.section:
        """The dashboard page: its charts are made when it is written (see ._dashboard)."""
        title = _("Dashboard")
        section = nodes.section(ids=["ideas-dashboard"], classes=["ideas-dashboard"])
        section += nodes.title(title, title)
        section += pending("dashboard", self.env.docname)
        self.std_label("ideas-dashboard", section["ids"][0], title)
        return section


def _index_section(
    directive: _IdeasDirective, kind: str, catalogs: list[LoadedCatalog], *, record: bool = True
) -> nodes.section:
    """The skills or mentor index as a section, its objects recorded for this page
    (unless ``record`` is false: another page holds them)."""
    if kind == "skills":
        title, entries = _("Skills index"), skill_entries(catalogs)
    else:
        show = directive.ideas_settings.show_emails
        title, entries = _("Mentor index"), mentor_entries(catalogs, show_emails=show)
    section = nodes.section(ids=[f"ideas-{kind}-index"], classes=[f"ideas-{kind}-index"])
    section += nodes.title(title, title)
    for entry in entries:
        section += _entry_node(directive, kind, entry, record=record)
    return section


def _entry_node(
    directive: _IdeasDirective, kind: str, entry: IndexEntry, *, record: bool
) -> nodes.Node:
    docname = directive.env.docname
    if record:
        objtype = INDEX_OBJTYPES[kind]
        found = index_object(objtype, entry, docname)
        directive.domain.note_object(objtype, entry.slug, found, location=directive.get_location())
    return index_entry_node(kind, entry, docname)
