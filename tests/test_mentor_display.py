"""A mentor known only by a GitHub handle is shown once, as ``@handle``: in the mentor
index, in tables and in search; a mentor with a name shows the name and the handle."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings
from test_search import search_index, search_targets

from sphinxcontrib_ideas.ideasfile.reader import load_catalog


def _heading(page: str, anchor: str) -> str:
    """The visible text of an index entry's heading line."""
    start = page.index(f'id="{anchor}"')
    block = page[start : page.index("</p>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", block.split(">", 1)[1])).split())


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_handle_only_mentors_are_shown_once_as_handles(
    make_app: MakeApp, tmp_path: Path, host: str, seed_path: Path
) -> None:
    ideas = [i for _p, i in load_catalog(seed_path).catalog.iter_ideas()]
    count = {
        h: sum(h in {m.github for m in i.mentors} for i in ideas) for h in ("negz", "andylokandy")
    }
    srcdir = make_site(tmp_path, host)
    table = (
        ":orphan:\n\nT\n=\n\n.. ideas-table::\n   :projects: Crossplane\n"
        "   :columns: title, mentors\n"
        if host == "catalog-rst"
        else "---\norphan: true\n---\n# T\n\n```{ideas-table}\n:projects: Crossplane\n"
        ":columns: title, mentors\n```\n"
    )
    (srcdir / ("table.rst" if host == "catalog-rst" else "table.md")).write_text(table, "utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    mentors = (outdir / "ideas" / "mentors.html").read_text(encoding="utf-8")
    # the sample's Crossplane mentors are handles only ("@negz")
    assert _heading(mentors, "ideas-mentor-negz") == f"@negz ({count['negz']})"
    assert _heading(mentors, "ideas-mentor-andylokandy") == (
        f"Andy Lok @andylokandy ({count['andylokandy']})"
    )
    rows = html.unescape((outdir / "table.html").read_text(encoding="utf-8"))
    assert ">@negz<" in rows
    shown = {(kind, name) for kind, name, *_rest in search_targets(search_index(outdir))}
    assert ("mentor", "@negz") in shown
    assert ("mentor", "Andy Lok") in shown
