"""Search results of ``ideas`` objects open their page at their entry.

Sphinx's search script (``searchtools.js``) rebuilds a shortened anchor from an object's
*display* name, so our ids are never of a shortened form; this module reads
``searchindex.js`` the way that script does and checks every ``ideas`` object's anchor
exists on its page, in both hosts and both builders that have a search page. The browser
test (``test_browser.py``) clicks through a few of them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings


def search_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    match = re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)
    assert match is not None
    index: dict[str, Any] = json.loads(match.group(1))
    return index


def search_targets(index: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(object type, display name, docname, anchor) of each ``ideas`` result, the anchor
    as ``searchtools.js`` computes it."""
    objtypes = {int(n): name for n, name in index["objtypes"].items()}
    found = []
    for prefix, entries in index["objects"].items():
        for doc, typeindex, _prio, anchor, name in entries:
            domain, _colon, objtype = objtypes[typeindex].partition(":")
            if domain != "ideas":
                continue
            fullname = f"{prefix}.{name}" if prefix else name
            if anchor == "":
                anchor = fullname
            elif anchor == "-":
                anchor = f"{objtype}-{fullname}"
            found.append((objtype, fullname, index["docnames"][doc], anchor))
    return found


def page_of(outdir: Path, docname: str, builder: str) -> Path:
    if builder == "dirhtml" and docname != "index":
        return outdir / docname / "index.html"
    return outdir / f"{docname}.html"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("root", ["catalog-rst", "catalog-myst"])
def test_every_search_result_lands_on_its_entry(
    make_app: MakeApp, tmp_path: Path, root: str, builder: str
) -> None:
    app = build(make_app, make_site(tmp_path, root), builder)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    targets = search_targets(search_index(outdir))
    kinds = {objtype for objtype, *_rest in targets}
    assert kinds == {"project", "idea", "skill", "mentor"}
    missing = []
    for objtype, display, docname, anchor in targets:
        html = page_of(outdir, docname, builder).read_text(encoding="utf-8")
        if f'id="{anchor}"' not in html:
            missing.append((objtype, display, docname, anchor))
    assert missing == []
    # results show the names people know, not slugs: a mentor by name, a skill by its
    # canonical spelling
    shown = {(objtype, display) for objtype, display, *_rest in targets}
    assert ("mentor", "Andy Lok") in shown
    assert ("skill", "Rust") in shown
    assert ("project", "TiKV") in shown


@pytest.mark.parametrize("root", ["catalog-rst", "catalog-myst"])
def test_no_ideas_anchor_is_stored_shortened(make_app: MakeApp, tmp_path: Path, root: str) -> None:
    """Sphinx stores an anchor ``<type>-<name>`` or ``<name>`` shortened, and each search
    script rebuilds it its own way (sphinx-immaterial's warns once per object it cannot
    rebuild, failing ``-W`` builds): ours are always stored in full."""
    app = build(make_app, make_site(tmp_path, root))
    index = search_index(Path(app.outdir))
    ours = {int(n) for n, name in index["objtypes"].items() if name.startswith("ideas:")}
    stored = [
        (name, anchor)
        for entries in index["objects"].values()
        for _doc, typeindex, _prio, anchor, name in entries
        if typeindex in ours
    ]
    assert len(stored) > 100  # the sample's projects, ideas, skills and mentors
    assert [(name, anchor) for name, anchor in stored if anchor in ("", "-")] == []


@pytest.mark.parametrize("root", ["catalog-rst", "catalog-myst"])
def test_links_to_former_ids_still_land(make_app: MakeApp, tmp_path: Path, root: str) -> None:
    """Projects, skills and mentors had ids without the ``ideas-`` start before 0.1: a
    link made to one then still finds its element."""
    from sphinxcontrib_ideas.nodes import ANCHOR_PREFIX

    app = build(make_app, make_site(tmp_path, root))
    outdir = Path(app.outdir)
    renamed = [t for t in search_targets(search_index(outdir)) if t[3].startswith(ANCHOR_PREFIX)]
    assert {objtype for objtype, *_rest in renamed} == {"project", "skill", "mentor"}
    for _objtype, _display, docname, anchor in renamed:
        html = page_of(outdir, docname, "html").read_text(encoding="utf-8")
        former = anchor.removeprefix(ANCHOR_PREFIX)
        assert f'id="{former}"' in html, former
        assert f'id="{anchor}"' in html, anchor
