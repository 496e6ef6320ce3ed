"""``ideas-list`` and ``ideas-table``: filters, columns, sorting, bad options, rST and MyST
hosts, and listings that follow the catalogs in incremental builds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, rebuild, warnings

from sphinxcontrib_ideas._catalogs import CatalogSpec
from sphinxcontrib_ideas.filters import FilterError, IdeaFilter, compile_filter
from sphinxcontrib_ideas.ideasfile.model import Catalog, Field, Idea, Mentor, Project, Skill
from sphinxcontrib_ideas.ideasfile.reader import load_catalog
from sphinxcontrib_ideas.listing import (
    DEFAULT_COLUMNS,
    parse_columns,
    parse_sort,
    select_rows,
    sort_rows,
)
from sphinxcontrib_ideas.pages import LoadedCatalog

ROOT = Path(__file__).parent / "roots" / "test-multi-terms"
FILES = {"2021-spring": "terms/2021-spring.md", "2022-spring": "terms/2022-spring.md"}
FILES["gsoc-2023"] = "gsoc-2023.md"


# -- selecting and sorting, without Sphinx ---------------------------------------------


def _idea(title: str, *, skills: tuple[str, ...] = (), size: str = "") -> Idea:
    fields = (Field("Expected size", "project-size", size, 3),) if size else ()
    return Idea(
        title=title,
        slug=title.lower().replace(" ", "-"),
        line=1,
        skills=tuple(Skill(s, s, None, None, 2) for s in skills),
        mentors=(Mentor("Ann Lee", "annlee", None, None, "Ann Lee (@annlee)", 2),),
        fields=fields,
    )


def _loaded(key: str, label: str | None, *ideas: Idea) -> LoadedCatalog:
    project = Project("Alpha", "alpha", 1, ideas=ideas)
    catalog = Catalog(source=f"/somewhere/{key}.md", projects=(project,), label=label)
    spec = CatalogSpec(key, f"/somewhere/{key}.md", None, "index", f"ideas/{key}", True)
    return LoadedCatalog(spec, catalog, ((project, ideas),))


def test_catalogs_are_selected_by_label_file_name_or_key() -> None:
    spring = _loaded("spring", "2022 Spring", _idea("One"))
    autumn = _loaded("autumn", None, _idea("Two"))
    for name in ("2022 Spring", "spring", "spring.md"):
        rows = select_rows([spring, autumn], IdeaFilter.from_options(catalogs=[name]))
        assert [r.idea.title for r in rows] == ["One"], name
    rows = select_rows([spring, autumn], IdeaFilter.from_options(catalogs=["autumn.md"]))
    assert [r.idea.title for r in rows] == ["Two"]
    assert select_rows([spring, autumn], IdeaFilter.from_options(catalogs=["winter"])) == []


def test_only_the_ideas_the_host_shows_are_listed() -> None:
    shown, hidden = _idea("Shown"), _idea("Hidden")
    loaded = _loaded("spring", None, shown, hidden)
    project = loaded.catalog.projects[0]
    narrowed = LoadedCatalog(loaded.spec, loaded.catalog, ((project, (shown,)),))
    assert [r.idea.title for r in select_rows([narrowed], IdeaFilter())] == ["Shown"]


def test_sorting_is_case_folded_numeric_stable_and_puts_empty_cells_last() -> None:
    ideas = [
        _idea("b", size="90 hours"),
        _idea("A", size="350 hours"),
        _idea("c"),
        _idea("d", size="175 hours"),
        _idea("e", size="175 hours"),
    ]
    loaded = _loaded("spring", None, *ideas)
    rows = select_rows([loaded], IdeaFilter())
    by_title = [r.idea.title for r in sort_rows(rows, "title", descending=False)]
    assert by_title == ["A", "b", "c", "d", "e"]
    ascending = [r.idea.title for r in sort_rows(rows, "project-size", descending=False)]
    assert ascending == ["b", "d", "e", "A", "c"]
    descending = [r.idea.title for r in sort_rows(rows, "project-size", descending=True)]
    assert descending == ["A", "d", "e", "b", "c"]


def test_column_and_sort_options_are_read_as_slugs() -> None:
    assert parse_columns("") == DEFAULT_COLUMNS
    assert parse_columns("Title, Expected size ,mentors") == ("title", "expected-size", "mentors")
    assert parse_sort("") is None
    assert parse_sort("-Project size") == ("project-size", True)
    assert parse_sort("title") == ("title", False)


# -- in a build -----------------------------------------------------------------------


def _sections(html: str) -> dict[str, str]:
    """The listings page cut at its ``<h2>`` headings: heading text -> its HTML."""
    parts = re.split(r"<h2>(.*?)<a class=\"headerlink\"", html)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _linked_ideas(html: str) -> list[str]:
    """Idea anchors linked from a piece of HTML, in order."""
    return re.findall(r'href="[^"#]*#(idea-[^"]+)"', html)


def _skills(idea: Idea) -> set[str]:
    return {skill.name for skill in idea.skills}


def _expected(
    predicate: Callable[[Project, Idea], bool], keys: tuple[str, ...] = tuple(FILES)
) -> set[str]:
    """Anchors of the ideas of the test root that ``predicate`` selects, read from the files.

    The predicates are plain Python over the reader's model, not the filter code under test.
    """
    found = set()
    for key in keys:
        catalog = load_catalog(ROOT / FILES[key]).catalog
        for project, idea in catalog.iter_ideas():
            if predicate(project, idea):
                found.add(f"idea-{key}-{project.slug}-{idea.slug}")
    return found


@pytest.fixture(scope="module")
def listings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from _sphinx_sites import build_standalone

    srcdir = make_site(tmp_path_factory.mktemp("listing"), "multi-terms")
    outdir, problems = build_standalone(srcdir)
    assert problems == []
    return _sections((outdir / "listings.html").read_text(encoding="utf-8"))


def test_skills_option_lists_every_catalogs_ideas_with_that_skill(
    listings: dict[str, str],
) -> None:
    linked = _linked_ideas(listings["Go ideas"])
    assert set(linked) == _expected(lambda _project, idea: "Go" in _skills(idea))
    assert len(linked) == len(set(linked)) == 3
    # with several catalogs, each entry names its project and term
    assert "(Vitess, 2022 Spring)" in listings["Go ideas"]


def test_mentors_and_catalogs_options_combine(listings: dict[str, str]) -> None:
    linked = _linked_ideas(listings["Ann’s ideas of 2022"])
    assert linked == [
        "idea-2022-spring-tikv-coprocessor-plugin",
        "idea-2022-spring-vitess-query-planner-tracing",
    ]


def test_filter_expression_selects_across_catalogs(listings: dict[str, str]) -> None:
    # the page's :filter: is ("Rust" in skills or "Python" in skills) and project != "TiKV"
    linked = _linked_ideas(listings["Rust or Python, not TiKV"])
    assert set(linked) == _expected(
        lambda project, idea: bool({"Rust", "Python"} & _skills(idea)) and project.name != "TiKV"
    )
    assert not any("tikv" in anchor for anchor in linked)
    assert len(linked) == 2


def test_table_shows_chosen_columns_sorted_descending(listings: dict[str, str]) -> None:
    table = listings["Everything, by project size"]
    headers = re.findall(r'<th class="head"><p>(.*?)</p></th>', table)
    assert headers == ["Idea", "Catalog", "Project", "Expected size", "Mentors"]
    body = table[table.index("<tbody>") :]
    rows = re.findall(r"<tr class=\"row-(?:odd|even)\">(.*?)</tr>", body, flags=re.S)
    sizes = [re.findall(r"<td><p>(.*?)</p></td>", row)[3] for row in rows]
    hours = [int(size.split()[0]) for size in sizes if size]
    assert hours == sorted(hours, reverse=True)
    assert sizes[len(hours) :] == [""] * (len(sizes) - len(hours))  # no size: last
    assert len(rows) == len(_expected(lambda _project, _idea: True))
    # titles, projects and mentors are links to their objects
    assert all('href="ideas/' in row for row in rows)
    assert "#ideas-mentor-annlee" in table
    # a field's Markdown is rendered in its cell, links and code included
    assert '<a class="reference external" href="https://example.org/guide">the guide</a>' in table
    assert '<span class="pre">code</span>' in table


def _add_page(srcdir: Path, name: str, body: str) -> Path:
    page = srcdir / name
    page.write_text(":orphan:\n\nBad listings\n============\n\n" + body, encoding="utf-8")
    return page


def _line_of(page: Path, text: str) -> int:
    lines = page.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_bad_filter_and_column_warn_at_the_directive_and_show_nothing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    bad = {
        "unclosed": 'title ~ "(oops"',
        "dangling": '"Go" in',
        "unknown": "colour == 'red'",
    }
    body = ""
    for label, expression in bad.items():
        body += f"{label}\n\n.. ideas-list::\n   :filter: {expression}\n\n"
    body += "table\n\n.. ideas-table::\n   :columns: title, colour\n\n"
    body += "sort\n\n.. ideas-table::\n   :sort: -colour\n"
    page = _add_page(srcdir, "bad.rst", body)
    app = build(make_app, srcdir)
    expected = []
    for label, expression in bad.items():
        with pytest.raises(FilterError) as error:
            compile_filter(expression)
        line = _line_of(page, label) + 2
        expected.append(
            f"{page}:{line}: WARNING: invalid :filter: option {expression!r}: "
            f"{error.value} [ideas.directive]"
        )
    known = "catalog, group, issues, mentors, project, skills, title, project-size"
    for label in ("table", "sort"):
        line = _line_of(page, label) + 2
        expected.append(
            f"{page}:{line}: WARNING: unknown ideas-table column 'colour' (known: {known}) "
            "[ideas.directive]"
        )
    assert warnings(app) == expected
    html = (Path(app.outdir) / "bad.html").read_text(encoding="utf-8")
    assert "ideas-list" not in html
    assert "ideas-table" not in html


def test_a_listing_that_matches_nothing_says_so(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    _add_page(srcdir, "none.rst", ".. ideas-table::\n   :skills: COBOL\n")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    html = (Path(app.outdir) / "none.html").read_text(encoding="utf-8")
    assert "ideas-listing-empty" in html
    assert "<table" not in html


def test_listings_in_a_myst_page(make_app: MakeApp, tmp_path: Path, seed_path: Path) -> None:
    srcdir = make_site(tmp_path, "listing-myst")
    app = build(make_app, srcdir)
    page = srcdir / "listings.md"
    expression = 'title ~ "(unclosed"'
    with pytest.raises(FilterError) as error:
        compile_filter(expression)
    line = _line_of(page, "(unclosed") - 1
    assert warnings(app) == [
        f"{page}:{line}: WARNING: invalid :filter: option {expression!r}: "
        f"{error.value} [ideas.directive]"
    ]
    sections = _sections((Path(app.outdir) / "listings.html").read_text(encoding="utf-8"))
    seed = load_catalog(seed_path).catalog

    def anchors(selected: Callable[[Project, Idea], bool]) -> set[str]:
        return {f"idea-{p.slug}-{i.slug}" for p, i in seed.iter_ideas() if selected(p, i)}

    go = anchors(lambda p, i: p.name in {"TiKV", "Chaos Mesh"} and "Go" in _skills(i))
    assert set(_linked_ideas(sections["Go ideas of TiKV and Chaos Mesh"])) == go
    rust = _linked_ideas(sections["Rust ideas"])
    assert set(rust) == anchors(lambda _p, i: "Rust" in _skills(i))
    assert rust, "the sample has Rust ideas"
    # the table's rows come sorted by title
    titles = re.findall(
        r'<tr class="row-(?:odd|even)">\s*<td><p><a[^>]*><span[^>]*>(.*?)</span>',
        sections["Rust ideas"],
    )
    assert len(titles) == len(rust)
    assert titles == sorted(titles, key=str.casefold)


def test_a_listing_page_is_written_again_when_a_catalog_changes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    build(make_app, srcdir)
    gsoc = srcdir / "gsoc-2023.md"
    gsoc.write_text(
        gsoc.read_text(encoding="utf-8")
        + "\n#### Go bindings\n\n- Description: Bind it.\n- Recommended Skills: Go\n"
        "- Mentor(s): Fay Ngo (@fayngo)\n",
        encoding="utf-8",
    )
    app, read = rebuild(make_app, srcdir)
    assert warnings(app) == []
    # listings are made when a page is written: the page is written again, not read
    assert "listings" not in read
    assert "spring21" not in read  # hosts of unchanged catalogs are not read again
    sections = _sections((Path(app.outdir) / "listings.html").read_text(encoding="utf-8"))
    assert "idea-gsoc-2023-sphinx-go-bindings" in _linked_ideas(sections["Go ideas"])
    # and a build with nothing changed reads nothing
    _app, read = rebuild(make_app, srcdir)
    assert read == []


def test_names_that_match_no_catalog_or_project_warn(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    page = _add_page(
        srcdir,
        "typos.rst",
        ".. ideas-list::\n   :catalogs: 2023 Autumn, 2022 Spring\n   :projects: TiKV, Vitesse\n",
    )
    app = build(make_app, srcdir)
    line = _line_of(page, ".. ideas-list::")
    # catalogs come in the order of their host pages' names: gsoc, spring21, spring22
    terms = "GSoC 2023, 2021 Spring, 2022 Spring"
    names = {
        p.name for source in FILES.values() for p in load_catalog(ROOT / source).catalog.projects
    }
    projects = ", ".join(sorted(names, key=str.casefold))
    assert warnings(app) == [
        f"{page}:{line}: WARNING: no catalog '2023 Autumn' in this build; catalogs are: {terms} "
        "[ideas.directive]",
        f"{page}:{line}: WARNING: no project 'Vitesse' in the catalogs; projects are: {projects} "
        "[ideas.directive]",
    ]
    # the names that do match still select
    html = (Path(app.outdir) / "typos.html").read_text(encoding="utf-8")
    assert _linked_ideas(html) == ["idea-2022-spring-tikv-coprocessor-plugin"]


def test_a_listing_lists_an_inline_catalog_too(
    make_app: MakeApp, tmp_path: Path, seed_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-inline")
    _add_page(srcdir, "rust.rst", ".. ideas-list::\n   :skills: Rust\n")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    seed = load_catalog(seed_path).catalog
    expected = {
        f"index.html#idea-{p.slug}-{i.slug}" for p, i in seed.iter_ideas() if "Rust" in _skills(i)
    }
    html = (Path(app.outdir) / "rust.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="(index.html#idea-[^"]+)"', html))
    assert expected
    assert linked == expected


def test_a_listing_without_any_catalog_warns(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-inline")
    (srcdir / "index.rst").write_text("Home\n====\n\nNo catalog.\n", encoding="utf-8")
    page = _add_page(srcdir, "lonely.rst", ".. ideas-table::\n")
    app = build(make_app, srcdir)
    line = _line_of(page, ".. ideas-table::")
    assert warnings(app) == [
        f"{page}:{line}: WARNING: no ideas catalog in this build to list from (add an "
        "ideas-catalog directive, or ideas_catalogs) [ideas.directive]"
    ]


def test_a_listing_of_an_inline_catalog_follows_its_edits(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-inline")
    _add_page(srcdir, "cobol.rst", ".. ideas-list::\n   :skills: COBOL\n")
    build(make_app, srcdir)
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8").replace(
        "#### Tremor\n\n",
        "#### Tremor\n\n##### Mainframe bridge\n\n- Description: Bridge it.\n"
        "- Recommended Skills: COBOL\n- Mentor(s): Heinz Gies (@Licenser)\n\n",
    )
    ideas.write_text(text, encoding="utf-8")
    app, read = rebuild(make_app, srcdir)
    assert warnings(app) == []
    assert "cobol" not in read  # written again, not read again
    html = (Path(app.outdir) / "cobol.html").read_text(encoding="utf-8")
    assert _linked_ideas(html) == ["idea-tremor-mainframe-bridge"]


@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_a_table_keeps_its_column_widths_in_latex(
    make_app: MakeApp, tmp_path: Path, syntax: str
) -> None:
    """LaTeX gave every column of ``ideas-table`` an equal share (the title cramped, the
    issues column wide); the widths are now proportions of the line."""
    from sphinxcontrib_ideas.listing import _COLUMN_WIDTHS

    columns = ["title", "project", "skills", "mentors", "issues"]
    chosen = ", ".join(columns)
    # on the root page: the PDF holds the pages of the root's toctree only
    if syntax == "rst":
        srcdir = make_site(tmp_path, "multi-terms")
        page = srcdir / "index.rst"
        table = f"\n.. ideas-table::\n   :columns: {chosen}\n"
    else:
        srcdir = make_site(tmp_path, "listing-myst")
        page = srcdir / "index.md"
        table = f"\n```{{ideas-table}}\n:columns: {chosen}\n```\n"
    page.write_text(page.read_text("utf-8") + table, encoding="utf-8")
    app = build(make_app, srcdir, "latex")
    assert [w for w in warnings(app) if str(page) in w] == []
    tex = "\n".join(p.read_text("utf-8") for p in Path(app.outdir).glob("*.tex"))
    widths = [_COLUMN_WIDTHS[c] for c in columns]
    # each table's column specification, as (share, of) pairs ("|" rules vary by version)
    specs = [
        re.findall(r"\\X\{(\d+)\}\{(\d+)\}", spec)
        for spec in re.findall(r"\\begin\{(?:tabular|longtable)\}(?:\[\w\])?\{(.*)\}", tex)
    ]
    assert [(str(w), str(sum(widths))) for w in widths] in specs
