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

from collections.abc import Iterator, Mapping
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
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") != "ideas":
                continue
            typ, target = node["reftype"], node["reftarget"]
            external = "intersphinx" in node
            if not external and domain.find(typ, target):
                continue  # an object of this build: resolved here, as before
            wanted = node.get("inventory") if external else None
            inventories = {k: v for k, v in named.items() if wanted in (None, k)}
            matches = sorted(set(self._matches(inventories, typ, target)))
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

    def _matches(
        self, inventories: Mapping[str, Mapping[str, Any]], typ: str, target: str
    ) -> Iterator[str]:
        """Object names of type ``typ`` in ``inventories`` that ``target`` may mean."""
        table: dict[str, str] = {}  # name -> display name, over the inventories
        for inventory in inventories.values():
            for name, item in inventory.get(f"ideas:{typ}", {}).items():
                table.setdefault(name, _display(item) or name)
        if target in table:
            yield target
            return
        wanted = target.strip().casefold()
        slugs = {slugify(target.strip().lstrip("@"))}
        if typ == "skill":
            from .ideasfile.normalize import canonical_skill

            slugs.add(slugify(canonical_skill(target, self.config.ideas_skill_aliases)))
        for name, display in table.items():
            last = name.rsplit(".", 1)[-1]  # a project or idea behind its catalog key
            if name.casefold() == wanted or display.casefold() == wanted or last in slugs:
                yield name


def _display(item: Any) -> str:
    """An inventory item's display name ("-" when it equals the name): Sphinx 8.2 items
    have ``display_name``; Sphinx 8.1's are tuples."""
    display = getattr(item, "display_name", None)
    if display is None:
        display = item[3]
    return "" if display == "-" else str(display)


def setup_intersphinx_names(app: Sphinx) -> None:
    app.add_post_transform(CanonicalExternalTargets)
