"""The ``ideas`` domain: projects, ideas, skills and mentors as cross-referenceable objects.

Data flow: the directives record objects while pages are read (:meth:`IdeasDomain.note_object`,
keyed by docname so ``clear_doc`` and ``merge_domaindata`` keep incremental and parallel
builds right) --> roles (``:ideas:idea:``...) and the domain's own ``pending_xref`` nodes
resolve against them after reading --> ``get_objects`` feeds ``objects.inv`` and search.
The domain also holds the catalog plan of this build (written at ``builder-inited``) and
which pages refer to ideas, so those can be re-written when the catalogs change.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ._logging import warn
from .ideasfile.model import Subtype, slugify

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ._catalogs import CatalogSpec

_ = get_translation("sphinxcontrib_ideas")

#: The object types (and roles of the same names), in the order the docs list them.
OBJECT_TYPES: tuple[tuple[str, str], ...] = (
    ("project", "a project of a catalog: ``tikv``, or ``spring.tikv`` with several catalogs"),
    ("idea", "an idea, by ``project.idea`` slug or by its title"),
    ("skill", "a skill of the skills index, by canonical name"),
    ("mentor", "a mentor of the mentor index, by GitHub handle or name"),
)
#: Roles: ``:ideas:<type>:`` for every object type.
ROLES: tuple[str, ...] = tuple(name for name, _doc in OBJECT_TYPES)


@dataclass(frozen=True, slots=True)
class IdeasObject:
    """Where an object lives and how a reference may name it."""

    docname: str
    anchor: str
    #: Shown for a reference without explicit text, and in objects.inv.
    display: str
    #: Other names a reference may use (title, handle, project name), any case.
    aliases: tuple[str, ...] = ()


class IdeasDomain(Domain):
    """Objects of the ideas catalogs."""

    name = "ideas"
    label = "Project ideas"
    object_types: ClassVar[dict[str, ObjType]] = {
        name: ObjType(name, name) for name, _doc in OBJECT_TYPES
    }
    roles: ClassVar[dict[str, Any]] = {
        name: XRefRole(warn_dangling=True, innernodeclass=nodes.inline) for name in ROLES
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {name: {} for name in ROLES},  # type -> name -> IdeasObject
        "referrers": {},  # docname -> None: pages that refer to ideas objects
        "hosts": {},  # docname -> {ideas file path: what the page showed of it when read}
        "host_lines": {},  # docname -> {ideas file path: line of its ideas-catalog}
        # skill and mentor objects of the generated index pages (written, not read)
        "indexed": {},  # type -> name -> IdeasObject, set at builder-inited
        "catalogs": (),  # the CatalogSpecs of this build
        "pages": frozenset(),  # generated docnames of this build
        "navigation": (),  # (docname, title) of the generated pages, in order
        "index_host": None,  # the page whose toctree holds the two index pages
        "digest": "",  # fingerprint of all catalogs of the last build
        "rewrite": False,  # set when the catalogs changed; pages that refer must be re-written
        "lists_digest": "",  # what the overviews and indices showed in the last build
        "relist": False,  # set when that changed: those pages must be re-written
    }
    data_version = 7

    @property
    def objects(self) -> dict[str, dict[str, IdeasObject]]:
        """Object type -> object name -> where it is."""
        objects: dict[str, dict[str, IdeasObject]] = self.data["objects"]
        return objects

    def table(self, objtype: str) -> Mapping[str, IdeasObject]:
        """Objects of ``objtype``: those recorded by the pages read, then those of the
        generated index pages."""
        indexed: dict[str, IdeasObject] = self.data["indexed"].get(objtype, {})
        recorded = self.objects.get(objtype, {})
        return ChainMap(recorded, indexed) if indexed else recorded

    @property
    def catalogs(self) -> tuple[CatalogSpec, ...]:
        """The catalogs with generated pages in this build."""
        catalogs: tuple[CatalogSpec, ...] = self.data["catalogs"]
        return catalogs

    @property
    def referrers(self) -> dict[str, None]:
        """Pages (not generated ones) that refer to ideas objects."""
        referrers: dict[str, None] = self.data["referrers"]
        return referrers

    @property
    def hosts(self) -> dict[str, dict[str, object]]:
        """Pages with an ``ideas-catalog`` directive -> the ideas files they read, each
        with what the page showed of it (see :func:`.pages.host_state`)."""
        hosts: dict[str, dict[str, object]] = self.data["hosts"]
        return hosts

    def note_host(self, docname: str, path: str, state: object) -> None:
        """Record that ``docname`` shows ``state`` of the ideas file ``path``. A page that
        shows one file in two ways keeps the stricter: the file's state over an overview's."""
        files = self.hosts.setdefault(docname, {})
        if path not in files or (is_overview(files[path]) and not is_overview(state)):
            files[path] = state

    def note_host_line(self, docname: str, path: str, line: int) -> None:
        """Record where ``docname`` names ``path`` (for problems of the whole file)."""
        self.data["host_lines"].setdefault(docname, {}).setdefault(path, line)

    def host_line(self, path: str) -> tuple[str, int] | None:
        """(page, line) of the first ``ideas-catalog`` read that names ``path``, if any."""
        for docname, files in sorted(self.data["host_lines"].items()):
            if path in files:
                return docname, files[path]
        return None

    def catalog(self, key: str) -> CatalogSpec | None:
        """The catalog called ``key``, or None."""
        return next((spec for spec in self.catalogs if spec.key == key), None)

    def note_object(self, objtype: str, name: str, entry: IdeasObject, *, location: Any) -> None:
        """Record an object; a second one of the same name warns, naming the first."""
        other = self.objects[objtype].get(name)
        if other is not None and other.docname != entry.docname:
            warn(
                "duplicate ideas %s %r, other instance in %s",
                objtype,
                name,
                other.docname,
                subtype=Subtype.DIRECTIVE,
                location=location,
            )
            return
        self.objects[objtype].setdefault(name, entry)

    def clear_doc(self, docname: str) -> None:
        for table in self.objects.values():
            for name in [n for n, entry in table.items() if entry.docname == docname]:
                del table[name]
        self.referrers.pop(docname, None)
        self.hosts.pop(docname, None)
        self.data["host_lines"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for objtype, table in otherdata["objects"].items():
            for name, entry in table.items():
                if entry.docname in docnames:
                    self.objects[objtype].setdefault(name, entry)
        for docname in otherdata["referrers"]:
            if docname in docnames:
                self.referrers[docname] = None
        for docname, files in otherdata["hosts"].items():
            if docname in docnames:
                self.hosts[docname] = files
        for docname, lines in otherdata["host_lines"].items():
            if docname in docnames:
                self.data["host_lines"][docname] = lines

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        if docname in self.data["pages"]:
            return
        if any(n.get("refdomain") == "ideas" for n in document.findall(addnodes.pending_xref)):
            self.referrers[docname] = None

    def find(self, objtype: str, target: str) -> list[tuple[str, IdeasObject]]:
        """Objects of ``objtype`` a reference to ``target`` may mean: an exact object name
        first, else names, titles and handles compared case-insensitively."""
        table = self.table(objtype)
        if target in table:
            return [(target, table[target])]
        wanted = target.strip().casefold()
        by_name = [(n, e) for n, e in table.items() if n.casefold() == wanted]
        if by_name:
            return by_name
        by_alias = sorted(
            (n, e) for n, e in table.items() if wanted in (a.casefold() for a in e.aliases)
        )
        if by_alias or objtype != "skill":
            return by_alias
        # any spelling the alias table knows: :ideas:skill:`golang` is the Go entry (imported
        # here: the value parsers are not needed by a build that reads nothing)
        from .ideasfile.normalize import canonical_skill

        slug = slugify(canonical_skill(target, self.env.config.ideas_skill_aliases))
        return [(slug, table[slug])] if slug in table else []

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        matches = self.find(typ, target)
        if not matches:
            return None  # intersphinx may know it; else warn_missing_reference below
        if len(matches) > 1:
            names = ", ".join(name for name, _entry in matches)
            warn(
                "ideas %s reference %r is ambiguous: %s; using %s",
                typ,
                target,
                names,
                matches[0][0],
                subtype=Subtype.AMBIGUOUS,
                location=node,
            )
        return self._refnode(builder, fromdocname, matches[0], node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for objtype in ROLES:
            matches = self.find(objtype, target)
            if len(matches) == 1:
                refnode = self._refnode(builder, fromdocname, matches[0], node, contnode)
                results.append((f"ideas:{objtype}", refnode))
        return results

    def _refnode(
        self,
        builder: Builder,
        fromdocname: str,
        match: tuple[str, IdeasObject],
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference:
        _name, entry = match
        if not node.get("refexplicit"):
            contnode = nodes.inline(entry.display, entry.display, classes=contnode["classes"])
        refnode = make_refnode(
            builder, fromdocname, entry.docname, entry.anchor, contnode, entry.display
        )
        refnode["classes"].extend(node.get("classes", []))
        refuri = refnode.get("refuri", "")
        if refuri.count("#") > 1:
            # singlehtml puts every page on one and answers "#document-x" for a page;
            # make_refnode then appends "#anchor" (an open Sphinx bug). Anchors are unique
            # across our pages, so the anchor alone is the right link there.
            refnode["refuri"] = "#" + refuri.rsplit("#", 1)[1]
        return refnode

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for objtype in self.objects:
            for name, entry in sorted(self.table(objtype).items()):
                yield name, entry.display, objtype, entry.docname, entry.anchor, 1


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: an ideas reference nothing resolved (not even
    intersphinx) warns as ``ideas.ref`` at the referencing line, instead of Sphinx's
    generic message."""
    if domain is None or domain.name != IdeasDomain.name:
        return None
    typ, target = node["reftype"], node["reftarget"]
    warn("unknown ideas %s %r", typ, target, subtype=Subtype.REF, location=node)
    return True


def is_overview(state: object) -> bool:
    """Whether a host's recorded ``state`` is an overview digest (the page lists the
    catalog's ideas when written) rather than the file's state."""
    return isinstance(state, tuple) and state[:1] == ("overview",)


def ideas_domain(env: BuildEnvironment) -> IdeasDomain:
    """The ``ideas`` domain of ``env``, typed."""
    domain = env.domains["ideas"]
    assert isinstance(domain, IdeasDomain)
    return domain
