"""Links across catalogs: a project (or idea) offered in several terms points at the others.

Data flow: the ``ideas`` domain's objects (all pages read) --(:class:`AlsoInLinks`, a
post-transform that runs before references are resolved, while each page is written)-->
an "Also in: 2022 Spring" line under each project title and an "Also in" field on each
idea that has a namesake (same slugs) in another catalog, made of ``pending_xref`` nodes.

Done while writing, not reading, so a project page need not be read again when another
catalog gains or loses a namesake: the page is written again instead (a new or removed
project page changes the navigation, which re-writes every page; other catalog changes
re-write the generated pages, see :func:`._listed.catalog_pages_to_rewrite`). Sections
are found by their anchors, which works on assembled documents too (singlehtml, latex).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import nodes as ideas_nodes
from ._catalogs import CatalogSpec
from .domain import IdeasDomain, IdeasObject, ideas_domain

_ = get_translation("sphinxcontrib_ideas")

#: (object type, catalog key, name without the key) of a section, by its anchor.
_Anchors = dict[str, tuple[str, str, str]]


def catalog_label(spec: CatalogSpec) -> str:
    """How links name a catalog: the host's ``:label:``, else the catalog's key."""
    return spec.label or spec.key


def namesakes(
    domain: IdeasDomain, objtype: str, key: str, rest: str
) -> Iterator[tuple[CatalogSpec, str, IdeasObject]]:
    """The objects called ``rest`` in every catalog but ``key``, in catalog order."""
    table = domain.objects[objtype]
    for spec in domain.catalogs:
        name = f"{spec.key}.{rest}"
        if spec.key != key and name in table:
            yield spec, name, table[name]


def _anchors(domain: IdeasDomain) -> _Anchors:
    keys = {spec.key for spec in domain.catalogs if spec.qualified}
    found: _Anchors = {}
    for objtype in ("project", "idea"):
        for name, entry in domain.objects[objtype].items():
            key, _dot, rest = name.partition(".")
            if key in keys and rest:
                found[entry.anchor] = (objtype, key, rest)
    return found


class AlsoInLinks(SphinxPostTransform):
    """Adds the "also in" links to the project and idea sections of a page."""

    default_priority = 5  # before ReferencesResolver (10) resolves the links we add

    section_classes: ClassVar[dict[str, str]] = {
        "ideas-project": "project",
        "ideas-idea": "idea",
    }

    def run(self, **kwargs: Any) -> None:
        domain = ideas_domain(self.env)
        if len(domain.catalogs) < 2:
            return
        anchors: _Anchors | None = None
        for section in list(self.document.findall(nodes.section)):
            if not any(c in self.section_classes for c in section["classes"]):
                continue
            anchors = _anchors(domain) if anchors is None else anchors
            for anchor in section["ids"]:
                if anchor in anchors:
                    self._add_links(domain, section, *anchors[anchor])

    def _add_links(
        self, domain: IdeasDomain, section: nodes.section, objtype: str, key: str, rest: str
    ) -> None:
        links: list[nodes.Node] = []
        for spec, name, _entry in namesakes(domain, objtype, key, rest):
            if links:
                links.append(nodes.Text(", "))
            links.append(ideas_nodes.xref(objtype, name, catalog_label(spec)))
        if not links:
            return
        if objtype == "project":
            label = _("Also in:") + " "
            line = nodes.paragraph("", label, *links, classes=["ideas-also-in"])
            section.insert(1, line)  # under the title
            return
        meta = next(
            (c for c in section.children if isinstance(c, nodes.field_list)),
            None,
        )
        field = nodes.field(classes=["ideas-field-also-in"])
        field += nodes.field_name(_("Also in"), _("Also in"))
        field += nodes.field_body("", nodes.paragraph("", "", *links))
        if meta is None:
            section += nodes.field_list("", field, classes=["ideas-meta"])
        else:
            meta += field
