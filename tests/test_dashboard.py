"""The program dashboard (issue 13, item 6): a generated page of charts, made when it is
written, in both hosts and every builder; SVG with a title and a description in HTML,
tables elsewhere; untrusted names escaped; off with ``ideas_dashboard = False``.

Expected figures are counted from the sample through the reader, not from the pages."""

from __future__ import annotations

import collections
import html as html_module
import re
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, rebuild, warnings

from sphinxcontrib_ideas.ideasfile.model import Catalog, Mentor
from sphinxcontrib_ideas.ideasfile.reader import load_catalog


@pytest.fixture(scope="module")
def catalog(seed_path: Path) -> Catalog:
    return load_catalog(seed_path).catalog


def _handle_only(name: str, github: str | None) -> bool:
    return bool(github) and name == github


def _top(counts: dict[str, int], order: list[str]) -> list[tuple[str, int]]:
    """The ten largest; among equals, in ``order``."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    return ranked[:10]


def expected_charts(catalog: Catalog) -> dict[str, list[tuple[str, int]]]:
    """The charts as the indices count: skills by name, mentors by handle (else name), each
    once per idea, shown by the name the mentor index gives (a real name met later wins
    over a handle alone); ties broken by name, as the "Most requested" line does."""
    ideas = list(catalog.iter_ideas())
    projects = {p.name: len(p.ideas) for p in catalog.projects}
    skills: collections.Counter[str] = collections.Counter()
    mentors: collections.Counter[str] = collections.Counter()
    people: dict[str, Mentor] = {}
    for _project, idea in ideas:
        for name in dict.fromkeys(s.name for s in idea.skills):
            skills[name] += 1
        for mentor in {m.slug: m for m in idea.mentors}.values():
            mentors[mentor.slug] += 1
            known = people.setdefault(mentor.slug, mentor)
            if _handle_only(known.name, known.github) and not _handle_only(
                mentor.name, mentor.github
            ):
                people[mentor.slug] = mentor
    labels = {
        slug: f"@{m.github}" if _handle_only(m.name, m.github) else m.name
        for slug, m in people.items()
    }
    by_label = {labels[slug]: n for slug, n in mentors.items()}
    # the mentor index orders people by name ("hasheddan" for @hasheddan)
    by_name = sorted(people, key=lambda slug: people[slug].name.casefold())
    return {
        "projects": _top(projects, [p.name for p in catalog.projects]),
        "skills": _top(skills, sorted(skills, key=str.casefold)),
        "mentors": _top(by_label, [labels[slug] for slug in by_name]),
        "gaps": [
            ("without skills", sum(1 for _p, i in ideas if not i.skills)),
            ("without mentors", sum(1 for _p, i in ideas if not i.mentors)),
            ("without an upstream issue", sum(1 for _p, i in ideas if not i.issues)),
        ],
    }


def svg_charts(page: str) -> dict[str, tuple[str, str, list[tuple[str, int]]]]:
    """Each chart of an HTML page: key -> (title, description, bars from its rows)."""
    found = {}
    for match in re.finditer(r'<svg class="ideas-chart".*?</svg>', page, re.DOTALL):
        svg = match.group()
        key = re.search(r'aria-labelledby="ideas-chart-[\w-]+?-(\w+)-t ', svg)
        title = re.search(r'<title id="[^"]+">([^<]*)</title>', svg)
        desc = re.search(r'<desc id="[^"]+">([^<]*)</desc>', svg)
        assert key is not None, svg[:300]
        assert title is not None, svg[:300]
        assert desc is not None, svg[:300]
        rows = [
            (html_module.unescape(name), int(count))
            for name, count in re.findall(r"<g><title>([^<]*): (\d+)</title>", svg)
        ]
        found[key.group(1)] = (title.group(1), html_module.unescape(desc.group(1)), rows)
    return found


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_the_dashboard_charts_what_the_file_holds(
    make_app: MakeApp, tmp_path: Path, host: str, catalog: Catalog
) -> None:
    app = build(make_app, make_site(tmp_path, host))
    assert warnings(app) == []
    outdir = Path(app.outdir)
    page = (outdir / "ideas" / "dashboard.html").read_text(encoding="utf-8")
    charts = svg_charts(page)
    expected = expected_charts(catalog)
    assert sorted(charts) == sorted(expected)
    for key, rows in expected.items():
        _title, desc, shown = charts[key]
        assert shown == rows, key
        # the description names every bar for a screen reader
        assert all(f"{name}: {count}" in desc for name, count in rows), key
    # the same figures as the indices: the skills in the order of "Most requested", the
    # mentors' counts as their index entries give them
    skills_page = (outdir / "ideas" / "skills.html").read_text(encoding="utf-8")
    requested = re.search(r'<p class="ideas-most-requested">(.*?)</p>', skills_page)
    assert requested is not None
    listed = re.findall(
        r'title="([^"]*)"><span class="xref ideas">[^<]*</span></a> \((\d+)\)', requested.group(1)
    )
    top = [(html_module.unescape(name), int(n)) for name, n in listed]
    assert charts["skills"][2][: len(top)] == top
    mentors_page = (outdir / "ideas" / "mentors.html").read_text(encoding="utf-8")
    counted = {
        # a name, or "@handle" (a link) for a mentor known by a handle only
        html_module.unescape(re.sub(r"<[^>]+>", "", name)): int(n)
        for name, n in re.findall(
            r'<p class="ideas-index-heading"><strong>(.*?)</strong>'
            r'.*?<span class="ideas-count"> \((\d+)\)',
            mentors_page,
        )
    }
    for name, n in charts["mentors"][2]:
        assert counted[name] == n, name
    ideas = sum(len(p.ideas) for p in catalog.projects)
    summary = re.search(r'<p class="ideas-dashboard-summary">([^<]*)</p>', page)
    assert summary is not None
    assert summary.group(1).startswith(f"{ideas} ideas in {len(catalog.projects)} projects")
    # reached from the catalog page, and in its (hidden) toctree: the sidebar lists it
    index = (outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="ideas/dashboard.html"' in index
    assert "ideas/dashboard" in app.env.toctree_includes["index"]


@pytest.mark.parametrize(
    ("builder", "output"),
    [
        ("dirhtml", "ideas/dashboard/index.html"),
        ("singlehtml", "index.html"),
        ("epub", "ideas/dashboard.xhtml"),
        ("latex", "*.tex"),
        ("text", "ideas/dashboard.txt"),
    ],
)
def test_every_builder_shows_the_figures(
    make_app: MakeApp, tmp_path: Path, builder: str, output: str, catalog: Catalog
) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-myst"), builder)
    assert warnings(app) == []
    (path,) = [p for p in Path(app.outdir).glob(output) if p.is_file()]
    text = path.read_text(encoding="utf-8")
    expected = expected_charts(catalog)
    top_skill, top_count = expected["skills"][0]
    if builder in ("dirhtml", "singlehtml"):
        assert svg_charts(text)["skills"][2] == expected["skills"]
    else:  # a table of the same rows: no SVG where readers or formats may not show it
        assert "<svg" not in text
        flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())  # epub's markup aside
        assert top_skill in flat
        assert re.search(rf"{re.escape(top_skill)}\W+{top_count}\b", flat), flat[:2000]
        for name, _count in expected["projects"]:
            assert name in flat


def test_names_from_the_file_are_escaped_in_the_svg(make_app: MakeApp, tmp_path: Path) -> None:
    site = make_site(tmp_path, "catalog-rst")
    (site / "ideas.md").write_text(
        "# Ideas\n\n## <script>alert(1)</script> & Co\n\n### Break it\n\n"
        "- Description: x\n- Mentors: Ann <img src=x onerror=alert(2)> Lee\n"
        "- Recommended Skills: Go\n",
        encoding="utf-8",
    )
    app = build(make_app, site)
    page = (Path(app.outdir) / "ideas" / "dashboard.html").read_text(encoding="utf-8")
    body = page.split('class="ideas-dashboard', 1)[1]
    assert "<script>alert" not in body
    assert "<img" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in body


def test_several_catalogs_get_a_chart_of_ideas_per_catalog(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"))
    page = (Path(app.outdir) / "ideas" / "dashboard.html").read_text(encoding="utf-8")
    charts = svg_charts(page)
    terms = charts["terms"][2]
    # each catalog's own part counts the same ideas
    parts = re.findall(r'<p class="ideas-dashboard-summary">(\d+) ideas? in', page)
    assert [count for _name, count in terms] == [int(n) for n in parts]
    assert len(terms) >= 2


def test_the_dashboard_can_be_turned_off(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(
        make_app, make_site(tmp_path, "catalog-rst"), confoverrides={"ideas_dashboard": False}
    )
    assert warnings(app) == []
    outdir = Path(app.outdir)
    assert not (outdir / "ideas" / "dashboard.html").exists()
    assert "ideas/dashboard.html" not in (outdir / "index.html").read_text(encoding="utf-8")
    assert (outdir / "ideas" / "skills.html").is_file()


def test_an_edit_rewrites_the_dashboard_without_reading_it(
    make_app: MakeApp, tmp_path: Path
) -> None:
    site = make_site(tmp_path, "catalog-rst")
    build(make_app, site)
    ideas = site / "ideas.md"
    text = ideas.read_text(encoding="utf-8")
    # drop the first upstream issue line: one more idea without an issue
    issue = re.search(r"^- Upstream Issue.*\n", text, re.MULTILINE)
    assert issue is not None
    ideas.write_text(text[: issue.start()] + text[issue.end() :], encoding="utf-8")
    app, read = rebuild(make_app, site)
    assert "ideas/dashboard" not in read
    page = (Path(app.outdir) / "ideas" / "dashboard.html").read_text(encoding="utf-8")
    edited = load_catalog(ideas).catalog
    assert svg_charts(page)["gaps"][2] == expected_charts(edited)["gaps"]
    # the same page as a clean build makes
    clean_site = make_site(tmp_path, "catalog-rst", name="clean")
    (clean_site / "ideas.md").write_text(ideas.read_text(encoding="utf-8"), encoding="utf-8")
    clean = build(make_app, clean_site)
    again = (Path(clean.outdir) / "ideas" / "dashboard.html").read_text(encoding="utf-8")
    assert svg_charts(again) == svg_charts(page)


def test_the_dashboard_speaks_the_build_language(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-myst"), confoverrides={"language": "de"})
    assert warnings(app) == []
    page = (Path(app.outdir) / "ideas" / "dashboard.html").read_text(encoding="utf-8")
    charts = svg_charts(page)
    assert charts["projects"][0] == "Ideen je Projekt"
    assert charts["skills"][0] == "Meistgefragte Kenntnisse"
    summary = re.search(r'<p class="ideas-dashboard-summary">([^<]*)</p>', page)
    assert summary is not None
    assert re.fullmatch(
        r"\d+ Ideen in \d+ Projekten, mit \d+ Mentoren und \d+ Kenntnissen\.", summary.group(1)
    )
    assert "ohne Kenntnisse" in charts["gaps"][1]
