"""References to another project's ideas with the names people write.

Locally, ``:ideas:mentor:`@andylokandy```, ``:ideas:skill:`golang``` and an idea's title
resolve through the domain's aliases (:meth:`.domain.IdeasDomain.find`). Through
``sphinx.ext.intersphinx`` only the exact object names of the other project's
``objects.inv`` would (``andylokandy``, ``go``, ``tikv.coprocessor-plugin``).

Data flow: a page's ``ideas`` references that name nothing of this build, and every
``:external+name:ideas:...:`` reference --> :class:`CanonicalExternalTargets`, a
post-transform run before intersphinx's resolvers, finds the object the name means in the
loaded inventories (the same rules as :meth:`~.domain.IdeasDomain.find`: exact name, any
case, slug, ``@handle``, display name or title, skill aliases) --> rewrites the reference's
target to that object's inventory name --> intersphinx resolves it as usual. A name that
matches several objects warns, as it does locally.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ._logging import warn
from .domain import ideas_domain
from .ideasfile.model import Subtype, slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class CanonicalExternalTargets(SphinxPostTransform):
    """Rewrites the targets of ``ideas`` references meant for another project's inventory
    to the names that inventory holds."""

    # before intersphinx's IntersphinxRoleResolver (9) and Sphinx's ReferencesResolver (10)
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        named: Mapping[str, Mapping[str, Any]] = (
            getattr(self.env, "intersphinx_named_inventory", None) or {}
        )
        if not named:
            return  # intersphinx not loaded, or no inventory
        domain = ideas_domain(self.env)
        # (inventory asked for or None, object type) -> its lookup, made once per page
        lookups: dict[tuple[str | None, str], _Lookup] = {}
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") != "ideas":
                continue
            typ, target = node["reftype"], node["reftarget"]
            external = "intersphinx" in node
            if not external and domain.find(typ, target):
                continue  # an object of this build: resolved here, as before
            wanted = node.get("inventory") if external else None
            if (wanted, typ) not in lookups:
                inventories = [v for k, v in named.items() if wanted in (None, k)]
                lookups[wanted, typ] = _Lookup(inventories, typ)
            matches = lookups[wanted, typ].matches(target, self._slugs(typ, target))
            if not matches:
                continue  # intersphinx (or our own warning) reports it
            if len(matches) > 1:
                warn(
                    "ideas %s reference %r is ambiguous in the inventories: %s; using %s",
                    typ,
                    target,
                    ", ".join(matches),
                    matches[0],
                    subtype=Subtype.AMBIGUOUS,
                    location=node,
                )
            node["reftarget"] = matches[0]

    def _slugs(self, typ: str, target: str) -> set[str]:
        """The slugs ``target`` may be written for: ``@andylokandy``, ``golang``."""
        slugs = {slugify(target.strip().lstrip("@"))}
        if typ == "skill":
            from .ideasfile.normalize import canonical_skill

            slugs.add(slugify(canonical_skill(target, self.config.ideas_skill_aliases)))
        return slugs


class _Lookup:
    """The objects of one type in some inventories, by every key a reference may use."""

    def __init__(self, inventories: Iterable[Mapping[str, Any]], typ: str) -> None:
        self.names: set[str] = set()
        #: case-folded name or display name, or the slug behind a catalog key -> names
        self.by_key: dict[str, set[str]] = {}
        for inventory in inventories:
            for name, item in inventory.get(f"ideas:{typ}", {}).items():
                self.names.add(name)
                display = _display(item) or name
                for key in (name.casefold(), display.casefold(), "slug:" + name.rsplit(".")[-1]):
                    self.by_key.setdefault(key, set()).add(name)

    def matches(self, target: str, slugs: set[str]) -> list[str]:
        """Object names ``target`` may mean, sorted: its exact name alone, else any name,
        display name (a title) in any case, or a slug it is written for."""
        if target in self.names:
            return [target]
        keys = [target.strip().casefold(), *("slug:" + slug for slug in slugs)]
        return sorted(set().union(*(self.by_key.get(key, set()) for key in keys)))


def _display(item: Any) -> str:
    """An inventory item's display name ("-" when it equals the name): Sphinx 8.2 items
    have ``display_name``; Sphinx 8.1's are tuples."""
    display = getattr(item, "display_name", None)
    if display is None:
        display = item[3]
    return "" if display == "-" else str(display)


def setup_intersphinx_names(app: Sphinx) -> None:
    app.add_post_transform(CanonicalExternalTargets)
