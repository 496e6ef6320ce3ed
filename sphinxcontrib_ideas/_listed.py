"""Which pages list ideas, so that they follow the catalogs in incremental builds.

Data flow: a listing directive being read --(:func:`note_listing`)--> the page in the
``ideas`` domain's data (kept right by ``env-purge-doc`` and, for parallel readers,
``env-merge-info``) --> when the catalogs' fingerprint (the page generator's digest of
every stub and catalog) moved since the last build, :func:`.pages.pages_to_rewrite`
(``env-get-updated``) has those pages written again (their listings are made when
written), and :func:`catalog_pages_to_rewrite` the generated pages, whose "also in" links
(:mod:`._across`) look across catalogs when they are written.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from .domain import ideas_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_LISTINGS = "listings"  # domain data: docname -> None, the pages with a listing


def note_listing(env: BuildEnvironment) -> None:
    """Remember that the page being read lists ideas (it is read again when they change)."""
    ideas_domain(env).data.setdefault(_LISTINGS, {})[env.docname] = None


def listing_pages(env: BuildEnvironment) -> dict[str, None]:
    """The pages that hold a listing directive."""
    listings: dict[str, None] = ideas_domain(env).data.setdefault(_LISTINGS, {})
    return listings


def purge_listing(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``: the page is read again; it notes its listings again."""
    listing_pages(env).pop(docname, None)


def merge_listings(
    app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: the pages a parallel reader found listings in."""
    # the worker's environment comes unpickled, without domain objects: read its data
    found = other.domaindata.get("ideas", {}).get(_LISTINGS, {})
    listing_pages(env).update((d, None) for d in docnames if d in found)


def catalog_pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: after a catalog changed, the generated pages are written
    again, so their links to the same project in other catalogs stay right."""
    data = ideas_domain(env).data
    if not data.pop("catalogs_changed", False) or len(ideas_domain(env).catalogs) < 2:
        return []
    return sorted(d for d in data.get("pages", ()) if d in env.all_docs)
