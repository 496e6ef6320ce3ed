"""Helpers for the Sphinx build tests: copy a test root into a temporary folder, build it,
read its warnings and outputs. Every mutating test gets its own source folder."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences  # type: ignore[attr-defined]

ROOTS = Path(__file__).parent / "roots"
SEED = (
    Path(__file__).parent.parent / "sphinxcontrib_ideas" / "data" / "cncf-lfx-2021-spring-ideas.md"
)

MakeApp = Callable[..., SphinxTestApp]


def make_site(tmp_path: Path, root: str, *, name: str | None = None) -> Path:
    """A private copy of ``roots/test-<root>``; the sample becomes its ``ideas.md`` unless
    the root brings its own."""
    dest = tmp_path / (name or root)
    shutil.copytree(ROOTS / f"test-{root}", dest)
    if not (dest / "ideas.md").exists():
        shutil.copy(SEED, dest / "ideas.md")
    return dest


def build(
    make_app: MakeApp, srcdir: Path, buildername: str = "html", **kwargs: Any
) -> SphinxTestApp:
    """Build ``srcdir`` with a fresh environment unless told otherwise."""
    kwargs.setdefault("freshenv", True)
    app = make_app(buildername, srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        # node and role registrations are global to docutils: undo them now, so that a
        # second app in the same test does not warn about registering them again
        app.cleanup()
    return app


def rebuild(
    make_app: MakeApp, srcdir: Path, buildername: str = "html", **kwargs: Any
) -> tuple[SphinxTestApp, list[str]]:
    """An incremental build of ``srcdir``; also returns the documents it read."""
    app = make_app(buildername, srcdir=srcdir, freshenv=False, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, sorted(read)


def warnings(app: SphinxTestApp) -> list[str]:
    """The warning lines of a build, without colours."""
    text = strip_escape_sequences(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def pages(outdir: Path, pattern: str = "**/*.html") -> dict[str, str]:
    """Output files under ``outdir`` (relative path -> text), static and search files aside."""
    found = {}
    for path in sorted(outdir.glob(pattern)):
        relative = path.relative_to(outdir).as_posix()
        if relative.startswith(("_static", "_sources", "_images")) or relative in {
            "search.html",
            "genindex.html",
        }:
            continue
        found[relative] = normalise(path.read_text(encoding="utf-8"))
    return found


def normalise(html: str) -> str:
    """What differs between equal builds in different folders: the project's own paths."""
    return re.sub(r"\?v=[0-9a-f]+", "", html)


def build_standalone(
    srcdir: Path, buildername: str = "html", **kwargs: Any
) -> tuple[Path, list[str]]:
    """Build outside the ``make_app`` fixture (for module-scoped fixtures); returns the
    output folder and the warnings."""
    app = SphinxTestApp(buildername, srcdir=srcdir, freshenv=True, **kwargs)
    try:
        app.build()
        return Path(app.outdir), warnings(app)
    finally:
        app.cleanup()


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every ideas file the Sphinx layer really parses (not served from its cache)."""
    from sphinxcontrib_ideas import _catalogs
    from sphinxcontrib_ideas.ideasfile import reader

    parsed: list[str] = []
    real = reader.load_catalog

    def counting(path: str, **kwargs: Any) -> Any:
        parsed.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(_catalogs, "load_catalog", counting)
    return parsed


def read_inventory(path: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """An ``objects.inv``: object type -> name -> (URI, display name).

    ``InventoryFile.loads`` is Sphinx 8.2's API; the declared floor, Sphinx 8.1, has only
    ``InventoryFile.load`` on a stream, which gives tuples.
    """
    from sphinx.util.inventory import InventoryFile

    data = path.read_bytes()
    if hasattr(InventoryFile, "loads"):
        items = InventoryFile.loads(data, uri="").data
        return {
            objtype: {name: (item.uri, item.display_name) for name, item in entries.items()}
            for objtype, entries in items.items()
        }
    old = InventoryFile.load(io.BytesIO(data), "", lambda base, uri: uri)
    return {
        objtype: {name: (str(entry[2]), str(entry[3])) for name, entry in entries.items()}
        for objtype, entries in old.items()
    }
