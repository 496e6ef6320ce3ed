"""Keep the extension's message catalogs in step with the code.

Every label the extension writes into pages goes through ``_ = get_translation(
"sphinxcontrib_ideas")``. This script finds those ``_("...")`` calls and:

``python scripts/i18n.py update``
    rewrites ``sphinxcontrib_ideas/locale/sphinxcontrib_ideas.pot`` and merges it into every
    ``locale/<lang>/LC_MESSAGES/sphinxcontrib_ideas.po`` (new strings are added untranslated,
    vanished ones dropped), then compiles each ``.po`` into the ``.mo`` that ships in the wheel.

``python scripts/i18n.py check``
    exits 1 when a catalog is out of date (a string missing, or a ``.mo`` whose translations
    differ from its ``.po``; the bytes are not compared, since they record the Babel version);
    the test suite runs the same check.

Babel comes with Sphinx, so nothing extra is installed.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

DOMAIN = "sphinxcontrib_ideas"
PACKAGE = Path(__file__).resolve().parent.parent / "sphinxcontrib_ideas"
LOCALE = PACKAGE / "locale"


def extract_messages(package: Path = PACKAGE) -> dict[str, list[tuple[str, int]]]:
    """Every ``_("literal")`` msgid in the package, with where it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = (path.relative_to(package.parent).as_posix(), node.lineno)
                found.setdefault(node.args[0].value, []).append(where)
    return found


def template() -> Catalog:
    """The ``.pot`` catalog of the package's messages."""
    catalog = Catalog(project="sphinxcontrib-ideas", domain=DOMAIN, fuzzy=False)
    for msgid, locations in sorted(extract_messages().items()):
        catalog.add(msgid, locations=locations)
    return catalog


def po_paths(locale: Path = LOCALE) -> list[Path]:
    """The translated catalogs, one per language."""
    return sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` bytes for a catalog (translated entries only)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def translations(catalog: Catalog) -> dict[tuple[str, str | None], object]:
    """What a compiled catalog means: each translated entry's (msgid, context) and text.

    This, not the ``.mo`` bytes, is compared: a ``.mo`` also records the Babel version that
    wrote it (``Generated-By``) and header order, which change with the installed Babel.
    """
    found: dict[tuple[str, str | None], object] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        text = message.string
        if not (any(text) if isinstance(text, (list, tuple)) else text):
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        found[(str(key), message.context)] = (
            tuple(text) if isinstance(text, (list, tuple)) else text
        )
    return found


def read_compiled(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_mo(handle)


def update() -> None:
    pot = template()
    LOCALE.mkdir(parents=True, exist_ok=True)
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, pot, omit_header=False, width=100)
    for path in po_paths():
        catalog = read_catalog(path)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100)
        path.with_suffix(".mo").write_bytes(compiled(read_catalog(path)))
        print(f"updated {path.relative_to(PACKAGE.parent)}")


def problems(locale: Path = LOCALE) -> list[str]:
    """What is out of date; empty when every catalog matches the code."""
    wanted = set(extract_messages())
    found: list[str] = []
    for path in po_paths(locale):
        catalog = read_catalog(path)
        name = path.relative_to(locale.parent).as_posix()
        have = {message.id for message in catalog if message.id}
        found += [f"{name}: missing msgid {msgid!r}" for msgid in sorted(wanted - have)]
        found += [f"{name}: unused msgid {msgid!r}" for msgid in sorted(have - wanted)]
        mo = path.with_suffix(".mo")
        if not mo.exists() or translations(read_compiled(mo)) != translations(catalog):
            found.append(f"{name}: {mo.name} is not compiled from it")
    return found


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    if argv[1:] == ["check"]:
        issues = problems()
        for line in issues:
            print(line)
        return 1 if issues else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
