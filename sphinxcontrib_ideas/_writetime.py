"""Lists of ideas made when a page is written, not when it is read.

Data flow: a directive read at read time leaves a placeholder, :class:`pending_ideas`,
saying what to list (a catalog's overview, the skills or the mentor index) -->
:class:`ExpandPendingIdeas`, a post-transform run when the page is written (after every page
is read, before references are resolved), replaces it with the list, made from this build's
catalogs (the parse cache of :mod:`._catalogs`) --> its links resolve like any ``ideas``
reference.

So a page that lists every idea (the catalog's host, the index pages) is not read again when
one idea changes: it is written again (:func:`.pages.pages_to_rewrite`). Editing one idea
re-reads only its project page. This is how ``sphinx.ext.todo`` makes its ``todolist``.
"""

from __future__ import annotations

import gettext
import json
import os
import unicodedata
from collections.abc import Iterable, Sequence, Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain

from . import nodes as ideas_nodes
from ._catalogs import make_filter
from ._dashboard import dashboard_body
from ._digests import OVERVIEW_FIELDS
from .config import settings
from .domain import ideas_domain
from .filters import FilterError
from .ideasfile._skills import skill_aliases_of
from .pages import (
    INDEX_OBJTYPES,
    MENTORS_PAGE,
    SKILLS_PAGE,
    IndexEntry,
    LoadedCatalog,
    index_entries,
    load_catalogs,
    select_projects,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ._catalogs import CatalogSpec
    from .config import Settings
    from .ideasfile.model import Idea, Project


_ = get_translation("sphinxcontrib_ideas")


class pending_ideas(nodes.General, nodes.Element):
    """What to list here, filled in when the page is written.

    ``kind`` is ``"overview"`` (with ``catalog``, the catalog's key), ``"skills"`` or
    ``"mentors"``; ``docname`` is the page it was read in.
    """


def pending(
    kind: str, docname: str, *, catalog: str = "", options: tuple[tuple[str, str], ...] = ()
) -> pending_ideas:
    """A placeholder for ``kind`` in the page ``docname``; an overview's ``options`` are
    its directive's, which select what it lists."""
    return pending_ideas("", kind=kind, docname=docname, catalog=catalog, options=options)


class ExpandPendingIdeas(SphinxPostTransform):
    """Replaces each :class:`pending_ideas` with its list, from this build's catalogs."""

    default_priority = 5  # before ReferencesResolver (10) resolves the links we add

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(pending_ideas))
        if not found:
            return
        specs = ideas_domain(self.env).catalogs
        current = settings(self.config)
        loaded = load_catalogs(specs, current, cache_dir=os.fspath(self.env.doctreedir))
        for node in found:
            if node["kind"] == "overview":
                shown = [c for c in loaded if c.spec.key == node["catalog"]]
                compact = self._compact()
                made: list[nodes.Node] = [
                    _overview(c, node["options"], compact=compact) for c in shown
                ]
                if compact and shown:
                    made += self._chip_links(node["docname"], current)
            elif node["kind"] == "dashboard":
                made = dashboard_body([c for c in loaded if not c.spec.inline], svg=self._svg())
            else:
                kind = node["kind"]
                entries = _entries(loaded, kind, show_emails=current.show_emails)
                made = index_body(kind, entries, node["docname"], html=self._is_html())
            node.replace_self(made)

    def _builder(self) -> Any:
        # the builder's class, as Sphinx's own post-transforms read it (``self.app`` is
        # deprecated from Sphinx 9; 8.x has no ``_builder_cls``)
        return getattr(self.env, "_builder_cls", None) or self.app.builder

    def _compact(self) -> bool:
        """Whether the catalog page's chips are text for its script to link: HTML pages,
        one per document (in one page or an epub, the links are made here)."""
        return self._is_html() and self._builder().name in ("html", "dirhtml")

    def _chip_links(self, docname: str, current: Settings) -> list[nodes.Node]:
        """Where the chips of ``docname`` link to, for its script: each index page's URI
        from this page (a JSON script element), when the build has that page."""
        app = getattr(self.env, "_app", None) or self.app
        pages = {}
        for kind, page in (("skill", SKILLS_PAGE), ("mentor", MENTORS_PAGE)):
            target = f"{current.pages_dir}/{page}"
            if target in self.env.all_docs:
                pages[kind] = app.builder.get_relative_uri(docname, target)
        return [json_script("ideas-chip-links", pages)] if pages else []

    def _svg(self) -> bool:
        """Whether charts are inline SVG: HTML pages, not epub (its readers vary)."""
        return self._is_html() and not self._builder().name.startswith("epub")

    def _is_html(self) -> bool:
        return bool(self._builder().format == "html")


def json_script(class_name: str, data: object) -> nodes.raw:
    """``data`` as a JSON script element of the HTML page, for its script to read."""
    # "<" escaped: the text of a script element ends at the first "</"
    text = json.dumps(data, sort_keys=True).replace("<", "\\u003c")
    return nodes.raw(
        "", f'<script type="application/json" class="{class_name}">{text}</script>', format="html"
    )


def _overview(
    loaded: LoadedCatalog, options: tuple[tuple[str, str], ...], *, compact: bool
) -> nodes.Node:
    """A catalog's list of projects and ideas, as the directive's options select them (its
    host's selection, unless another page shows the file with options of its own)."""
    projects: Sequence[tuple[Project, Sequence[Idea]]] = loaded.projects
    if options != loaded.spec.options:
        try:
            projects = select_projects(loaded.catalog, make_filter(options))
        except FilterError:
            projects = ()  # reported when the page was read
    return project_list(loaded.spec, projects, compact=compact)


#: The last index entries made, per kind: (the catalogs they were made from, entries).
#: Both index pages, written one after the other, share one computation; not kept on
#: ``env`` (parallel workers pickle it back).
_made: dict[tuple[str, bool], tuple[list[LoadedCatalog], list[IndexEntry]]] = {}


def _entries(loaded: list[LoadedCatalog], kind: str, *, show_emails: bool) -> list[IndexEntry]:
    # ``load_catalogs`` hands out the same objects while no file or option changed
    cached = _made.get((kind, show_emails))
    if (
        cached is not None
        and len(cached[0]) == len(loaded)
        and all(a is b for a, b in zip(cached[0], loaded, strict=True))
    ):
        return cached[1]
    entries = index_entries(loaded, kind, show_emails=show_emails)
    _made[kind, show_emails] = (loaded, entries)
    return entries


def project_list(
    spec: CatalogSpec, projects: Iterable[tuple[Project, Sequence[Idea]]], *, compact: bool
) -> nodes.bullet_list:
    """Each project linked, with its ideas' titles linked under it (``compact``: the
    skills and mentors after each title as :class:`~.nodes.chip` text, not links)."""
    prefix = spec.key if spec.qualified else ""
    return project_list_of(projects, prefix, compact=compact)


def project_list_of(
    projects: Iterable[tuple[Project, Sequence[Idea]]], prefix: str, *, compact: bool = False
) -> nodes.bullet_list:
    """:func:`project_list` for object names behind ``prefix`` ("" when unqualified)."""
    listing = nodes.bullet_list(classes=["ideas-overview"])
    for project, ideas in projects:
        name = ideas_nodes.object_name(prefix, project.slug)
        item = nodes.list_item(
            "", nodes.paragraph("", "", ideas_nodes.xref("project", name, project.name))
        )
        sub = nodes.bullet_list()
        for idea in ideas:
            target = ideas_nodes.object_name(prefix, project.slug, idea.slug)
            line = nodes.paragraph("", "", ideas_nodes.xref("idea", target, idea.title))
            line += _idea_facts(idea, compact=compact)
            sub += nodes.list_item("", line)
        if ideas:
            item += sub
        listing += item
    return listing


def _idea_facts(idea: Idea, *, compact: bool = False) -> list[nodes.Node]:
    """What a reader choosing an idea asks next, after its title: its skills (as on its
    page, linked to the skills index), its mentors, and its size and difficulty when the
    file gives them; the catalog page's filter finds ideas by them too ("rust", "andy").

    ``compact`` (the catalog page in HTML): skills and mentors as chips of text that the
    page's script links, so that the page weighs a few hundred bytes per idea more than
    a list of titles, not a thousand (about 110 bytes a link, five links an idea).
    """
    mentors: list[nodes.Node] = [
        ideas_nodes.compact_mentor(m) if compact else ideas_nodes.mentor_ref(m)
        for m in idea.mentors
    ]
    sizes: list[nodes.Node] = [
        nodes.inline(f.value, f.value, classes=[f"ideas-fact-{f.key}"])
        for f in idea.fields
        if f.key in OVERVIEW_FIELDS and f.value.strip()
    ]
    if not idea.skills and not mentors and not sizes:
        return []
    facts = nodes.inline("", "", classes=["ideas-overview-facts"])
    facts += nodes.Text(" — ")
    groups = [
        (ideas_nodes.compact_skill_chips if compact else ideas_nodes.skill_chips)(idea.skills),
        *(ideas_nodes.joined([node] for node in g) for g in (mentors, sizes)),
    ]
    for group_index, group in enumerate(g for g in groups if g):
        if group_index:
            facts += nodes.Text(" · ")
        facts += group
    return [facts]


#: An index of this many entries or more gets a bar of initial letters at its top.
LETTER_BAR_MIN = 15
#: How many skills the skills index names first, as the most requested.
MOST_REQUESTED = 10


def index_body(
    kind: str, entries: list[IndexEntry], docname: str, *, html: bool
) -> list[nodes.Node]:
    """An index page's content: for the skills, the most requested first; then the
    entries, under a heading per initial letter with a bar of links to them (HTML) when
    the index is long. The letter headings are rubrics, not sections, so the page's table
    of contents does not depend on the catalog."""
    made: list[nodes.Node] = []
    if kind == "skills" and len(entries) > MOST_REQUESTED:
        made.append(_most_requested(entries))
    groups = _by_initial(entries)
    if len(entries) < LETTER_BAR_MIN or len(groups) < 2:
        return made + [index_entry_node(kind, e, docname) for e in entries]
    if html:
        bar = nodes.paragraph("", "", classes=["ideas-letter-bar"])
        for index, (letter, _group) in enumerate(groups):
            if index:
                bar += nodes.Text(" ")
            bar += nodes.reference(letter, letter, refid=_letter_id(kind, letter))
        made.append(bar)
    for letter, group in groups:
        made.append(
            nodes.rubric(letter, letter, ids=[_letter_id(kind, letter)], classes=["ideas-letter"])
        )
        made += [index_entry_node(kind, e, docname) for e in group]
    return made


def _initial(name: str) -> str:
    """The letter an index entry is filed under: its first letter, without accents, in
    capitals ("@negz" under N, "Émile" under E); "#" for anything else."""
    folded = unicodedata.normalize("NFKD", name.lstrip("@ ")).encode("ascii", "ignore")
    first = folded[:1].decode().upper()
    return first if first.isalpha() else "#"


def _by_initial(entries: list[IndexEntry]) -> list[tuple[str, list[IndexEntry]]]:
    groups: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        groups.setdefault(_initial(entry.name), []).append(entry)
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))


def _letter_id(kind: str, letter: str) -> str:
    return f"ideas-{kind}-{'other' if letter == '#' else letter.lower()}"


def _most_requested(entries: list[IndexEntry]) -> nodes.paragraph:
    """The skills most ideas ask for, with their counts, each linked to its entry."""
    top = sorted(entries, key=lambda e: (-len(e.ideas), e.name.casefold()))[:MOST_REQUESTED]
    line = nodes.paragraph("", "", classes=["ideas-most-requested"])
    line += nodes.Text(_("Most requested:") + " ")
    for index, entry in enumerate(top):
        if index:
            line += nodes.Text(", ")
        line += ideas_nodes.xref("skill", entry.slug, entry.name)
        line += nodes.Text(f" ({len(entry.ideas)})")
    return line


def index_entry_node(kind: str, entry: IndexEntry, docname: str) -> nodes.Node:
    """One entry of the skills or mentor index, in the page ``docname``."""
    heading: list[nodes.Node] = [nodes.strong(entry.name, entry.name)]
    if INDEX_OBJTYPES[kind] == "skill":
        anchor = ideas_nodes.skill_anchor(entry.slug)
    else:
        anchor = ideas_nodes.mentor_anchor(entry.slug)
        if entry.github:
            profile = ideas_nodes.github_link(entry.github)
            profile.source, profile.line = entry.source or None, entry.line or None
            if ideas_nodes.is_handle_only(entry.name, entry.github):  # "@negz", once
                heading = [nodes.strong("", "", profile)]
            else:
                heading += [nodes.Text(" "), profile]
        if entry.email:
            mail = ideas_nodes.external(
                f"mailto:{entry.email}", entry.email, classes=["ideas-email"]
            )
            heading += [nodes.Text(" "), mail]
    return ideas_nodes.index_entry(anchor, heading, entry.ideas, docname=docname)


class TranslateListedTitles(SphinxPostTransform):
    """Idea titles and project names linked from other pages (the catalog's overview, the
    indices, listings) as their own page shows them: in a build with a ``language``, each
    is looked up in the message catalog of the page that holds the idea, as Sphinx's
    ``Locale`` transform translates that page's own titles."""

    default_priority = 8  # after the lists are made (5), before references resolve (10)

    def run(self, **kwargs: Any) -> None:
        if not _has_translations(self.env):
            return  # the usual build: nothing to look up, no page to walk
        domain = ideas_domain(self.env)
        catalogs: dict[str, gettext.NullTranslations] = {}
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "ideas" or xref.get("reftype") not in _TITLED:
                continue
            entry = domain.table(xref["reftype"]).get(xref["reftarget"])
            texts = list(xref.findall(nodes.Text))
            if entry is None or len(texts) != 1 or str(texts[0]) != entry.display:
                continue  # text of the author's own choosing
            if entry.docname not in catalogs:
                catalogs[entry.docname] = _messages(self.env, entry.docname)
            translated = catalogs[entry.docname].gettext(entry.display)
            if translated != entry.display:
                texts[0].parent.replace(texts[0], nodes.Text(translated))


class SkillAliasesForTheFilter(SphinxPostTransform):
    """HTML: the other spellings of the skills a page links to ("golang" for Go), as a
    JSON script element the filter reads, so that typing an alias finds the skill."""

    default_priority = 8
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        domain = ideas_domain(self.env)
        aliases = settings(self.config).skill_aliases
        found: dict[str, list[str]] = {}
        skills = [
            xref["reftarget"]
            for xref in self.document.findall(addnodes.pending_xref)
            if xref.get("refdomain") == "ideas" and xref.get("reftype") == "skill"
        ]
        chips = self.document.findall(ideas_nodes.chip)
        skills += [chip["key"] for chip in chips if chip["kind"] == "skill"]
        for slug in skills:
            entry = domain.table("skill").get(slug)
            if entry is not None and slug not in found:
                spellings = skill_aliases_of(entry.display, aliases)
                if spellings:
                    found[slug] = list(spellings)
        if found:
            self.document += json_script("ideas-skill-aliases", found)


#: The objects whose display name is a title of the ideas file, translated on their page.
_TITLED = frozenset({"idea", "project"})
#: Message catalogs by their ``.mo`` files and those files' times, loaded once.
_catalogs: dict[tuple[tuple[str, float], ...], gettext.NullTranslations] = {}


def _has_translations(env: BuildEnvironment) -> bool:
    """Whether the build's language has a folder of message catalogs in ``locale_dirs``
    (Sphinx's default language, "en", usually has none)."""
    language = env.config.language
    return bool(language) and any(
        os.path.isdir(os.path.join(env.srcdir, folder, language, "LC_MESSAGES"))
        for folder in env.config.locale_dirs
    )


def _message_files(env: BuildEnvironment, docname: str) -> list[tuple[str, float]]:
    """The ``.mo`` files Sphinx translates the page ``docname`` with, and their times."""
    language = env.config.language
    textdomain = docname_to_domain(docname, env.config.gettext_compact)
    files = [
        os.path.join(env.srcdir, folder, language, "LC_MESSAGES", f"{textdomain}.mo")
        for folder in env.config.locale_dirs
    ]
    return [(path, os.stat(path).st_mtime) for path in files if os.path.isfile(path)]


def _messages(env: BuildEnvironment, docname: str) -> gettext.NullTranslations:
    """The message catalog Sphinx translates the page ``docname`` with."""
    found = _message_files(env, docname)
    key = tuple(found)
    if key not in _catalogs:
        catalog = gettext.NullTranslations()
        for path, _mtime in reversed(found):  # the first folder's wins, as in Sphinx
            with open(path, "rb") as stream:
                messages = gettext.GNUTranslations(stream)
            messages.add_fallback(catalog)
            catalog = messages
        _catalogs[key] = catalog
    return _catalogs[key]


def relist_translated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """``env-get-outdated``: a generated page read again because its message catalog
    changed may bring new translations of titles that the lists show: write the lists
    again (:func:`.pages.pages_to_rewrite`)."""
    domain = ideas_domain(env)
    if any(_message_files(env, docname) for docname in changed & domain.data["pages"]):
        domain.data["relist"] = True
    return []


def setup_writetime(app: Sphinx) -> None:
    app.add_node(pending_ideas)
    text_only = (ideas_nodes.visit_chip_text, ideas_nodes.visit_chip_text)
    app.add_node(
        ideas_nodes.chip,
        html=(ideas_nodes.visit_chip_html, None),
        latex=text_only,
        text=text_only,
        man=text_only,
        texinfo=text_only,
    )
    app.add_post_transform(ExpandPendingIdeas)
    app.add_post_transform(TranslateListedTitles)
    app.add_post_transform(SkillAliasesForTheFilter)
    app.connect("env-get-outdated", relist_translated)
