"""Directive options and configuration: filters, inline catalogs, several catalogs,
e-mail opt-in, a user's own page, config validation, MyST registered either way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sphinx
from _sphinx_sites import MakeApp, build, make_site, rebuild, warnings
from sphinx.errors import ConfigError

from sphinxcontrib_ideas.filters import FilterError, compile_filter
from sphinxcontrib_ideas.ideasfile.reader import load_catalog


def _objects(app: object) -> dict[str, dict[str, tuple[str, str]]]:
    found: dict[str, dict[str, tuple[str, str]]] = {}
    domain = app.env.domains["ideas"]  # type: ignore[attr-defined]
    for name, _display, objtype, docname, anchor, _prio in domain.get_objects():
        found.setdefault(objtype, {})[name] = (docname, anchor)
    return found


def test_colon_fence_with_projects_option_generates_only_those(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-colon")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    assert sorted(p.stem for p in (srcdir / "ideas").glob("*.rst")) == [
        "dashboard",
        "mentors",
        "skills",
        "thanos",
        "tikv",
    ]
    assert set(_objects(app)["project"]) == {"thanos", "tikv"}


def test_no_pages_renders_everything_on_the_page(
    make_app: MakeApp, tmp_path: Path, seed_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-inline")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    assert not (srcdir / "ideas").exists()
    objects = _objects(app)
    catalog = load_catalog(seed_path).catalog
    assert len(objects["idea"]) == catalog.idea_count
    assert {docname for table in objects.values() for docname, _a in table.values()} == {"index"}
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    internal = re.findall(r'<a class="reference internal" href="([^"]*)"', html)
    assert internal
    assert all(href.startswith("#") for href in internal)
    assert "ideas-skills-index" in html
    assert "ideas-mentors-index" in html


def test_several_catalogs_get_subfolders_qualified_names_and_shared_indices(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-several")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    objects = _objects(app)
    assert objects["project"]["autumn.beta"][0] == "ideas/autumn/beta"
    assert objects["project"]["ideas.tikv"][0] == "ideas/ideas/tikv"
    assert "autumn.beta.add-a-cli" in objects["idea"]
    # one skills index spans both catalogs and says which catalog an idea is from
    skills = (Path(app.outdir) / "ideas" / "skills.html").read_text(encoding="utf-8")
    assert "Beta (autumn)" in skills
    assert "TiKV (ideas)" in skills


def test_emails_are_published_only_on_request(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-unsafe")
    hidden = build(make_app, srcdir)
    for page in (Path(hidden.outdir) / "ideas").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "jane@example.org" not in html
        assert "mailto:" not in html
        assert "ideas-email" not in html
    shown = build(make_app, srcdir, confoverrides={"ideas_show_emails": True})
    mentors = (Path(shown.outdir) / "ideas" / "mentors.html").read_text(encoding="utf-8")
    # Sphinx cloaks the address against harvesters; the link is there
    assert re.search(r'class="ideas-email reference external" href="mailto:jane', mentors)


def test_a_users_own_page_of_the_same_name_wins(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    own = srcdir / "ideas" / "tikv.rst"
    own.parent.mkdir()
    text = "TiKV, our way\n=============\n\nHand-written.\n\n.. ideas-project:: ideas tikv\n"
    own.write_text(text, encoding="utf-8")
    app = build(make_app, srcdir)
    assert own.read_text(encoding="utf-8") == text
    assert "Hand-written." in (Path(app.outdir) / "ideas" / "tikv.html").read_text(encoding="utf-8")
    assert warnings(app) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ideas_pages_dir", "../outside"),
        ("ideas_pages_dir", ""),
        ("ideas_show_emails", "yes"),
        ("ideas_catalogs", [3]),
        ("ideas_upstream_url", "ftp://example.org/ideas.md"),
        ("ideas_skill_aliases", {"golang": 1}),
    ],
)
@pytest.mark.parametrize("where", ["conf.py", "-D"])
def test_a_bad_config_value_is_a_clear_error(
    make_app: MakeApp, tmp_path: Path, name: str, value: object, where: str
) -> None:
    if where == "-D" and name == "ideas_show_emails" and sphinx.version_info < (8, 2):
        # Sphinx 8.1 converts a -D string for a boolean itself ("yes" -> True)
        pytest.skip("Sphinx < 8.2 converts a -D string to a boolean itself")
    srcdir = make_site(tmp_path, "catalog-rst")
    if where == "conf.py":
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\n{name} = {value!r}\n")
        overrides = {}
    else:
        overrides = {name: value}
    with pytest.raises(ConfigError, match=name):
        make_app("html", srcdir=srcdir, confoverrides=overrides)


@pytest.mark.parametrize(
    "extensions",
    [
        ["myst_parser", "sphinxcontrib_ideas"],
        ["sphinxcontrib_ideas", "myst_parser"],
        ["sphinxcontrib_ideas"],
    ],
)
def test_myst_parser_may_be_listed_before_after_or_not_at_all(
    make_app: MakeApp, tmp_path: Path, extensions: list[str]
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    app = build(make_app, srcdir, confoverrides={"extensions": extensions})
    assert warnings(app) == []
    # Markdown descriptions are rendered whatever the host's syntax
    html = (Path(app.outdir) / "ideas" / "kubernetes.html").read_text(encoding="utf-8")
    assert 'class="ideas-description' in html


def test_a_users_page_in_another_suffix_wins_too(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-colon")
    build(make_app, srcdir)
    assert (srcdir / "ideas" / "tikv.rst").is_file()
    own = srcdir / "ideas" / "tikv.md"
    own.write_text("# TiKV, in Markdown\n\n```{ideas-project} ideas tikv\n```\n", encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    assert not (srcdir / "ideas" / "tikv.rst").exists()
    html = (Path(app.outdir) / "ideas" / "tikv.html").read_text(encoding="utf-8")
    assert "TiKV, in Markdown" in html


def test_an_unknown_project_name_in_projects_warns_at_the_directive(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-colon")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("TiKV, Thanos", "TiKV, Thanso"), encoding="utf-8"
    )
    app = build(make_app, srcdir)
    problems = warnings(app)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{index}:3: WARNING: no project 'Thanso' in /ideas.md")
    assert "Thanos" in problems[0]
    assert problems[0].endswith("[ideas.directive]")


def test_the_documented_option_table_is_the_directives_options() -> None:
    from sphinxcontrib_ideas.directives import CATALOG_OPTIONS, IdeasCatalogDirective

    assert IdeasCatalogDirective.option_spec is not None
    assert [name for name, _doc in CATALOG_OPTIONS] == list(IdeasCatalogDirective.option_spec)


def test_upstream_urls_may_differ_per_ideas_file(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-several")
    urls = {
        "autumn.md": "https://example.org/autumn/ideas.md",
        "ideas.md": "https://example.org/spring/ideas.md",
    }
    app = build(make_app, srcdir, confoverrides={"ideas_upstream_url": urls})
    assert warnings(app) == []
    beta = (Path(app.outdir) / "ideas" / "autumn" / "beta.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/autumn/ideas.md#L' in beta
    tikv = (Path(app.outdir) / "ideas" / "ideas" / "tikv.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/spring/ideas.md#L' in tikv


@pytest.mark.parametrize("builder", ["html", "singlehtml"])
def test_an_inline_copy_of_a_catalog_with_pages_links_to_the_pages(
    make_app: MakeApp, tmp_path: Path, builder: str
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    (srcdir / "all.rst").write_text(
        "Every idea on one page\n======================\n\n"
        ".. ideas-catalog:: ideas.md\n   :no-pages:\n",
        encoding="utf-8",
    )
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   all\n", encoding="utf-8")
    app = build(make_app, srcdir, builder)
    # the pages win: no duplicate objects, every object lives on a generated page
    assert warnings(app) == []
    objects = _objects(app)
    assert objects["idea"]["tikv.coprocessor-plugin"][0] == "ideas/tikv"
    assert all(d.startswith("ideas/") for t in objects.values() for d, _a in t.values())
    outdir = Path(app.outdir)
    if builder == "html":
        html = (outdir / "all.html").read_text(encoding="utf-8")
        # the copy shows the ideas and links its overview to the generated pages
        assert 'class="ideas-idea"' in html
        assert 'href="ideas/tikv.html#idea-tikv-coprocessor-plugin"' in html
        assert 'href="ideas/skills.html"' in html
        return
    page = (outdir / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # the copy's anchors are its own
    links = re.findall(r'href="#([^"]+)"[^>]*><span class="xref ideas', page)
    assert links
    assert [link for link in links if link not in ids] == []


def test_catalog_keys_come_from_the_path_not_the_order() -> None:
    from sphinxcontrib_ideas._catalogs import assign_keys

    paths = ["/src/2021/ideas.md", "/src/2022/ideas.md", "/src/gsoc.md", "/elsewhere/lfx/ideas.md"]
    keys = assign_keys("/src", paths)
    assert keys == {
        "/src/2021/ideas.md": "2021-ideas",
        "/src/2022/ideas.md": "2022-ideas",
        "/src/gsoc.md": "gsoc",
        "/elsewhere/lfx/ideas.md": "lfx-ideas",
    }
    assert assign_keys("/src", reversed(paths)) == keys
    # as many folders as it takes, and a name no other file shares keeps its stem
    deep = assign_keys("/src", ["/src/a/x/ideas.md", "/src/b/x/ideas.md", "/src/ideas.md"])
    assert deep == {
        "/src/a/x/ideas.md": "a-x-ideas",
        "/src/b/x/ideas.md": "b-x-ideas",
        "/src/ideas.md": "ideas",
    }


def test_ideas_files_of_the_same_name_get_readable_folders(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-several")
    (srcdir / "data" / "ideas.md").write_text(
        (srcdir / "data" / "autumn.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (srcdir / "other.rst").write_text(
        "Other\n=====\n\n.. ideas-catalog:: data/ideas.md\n", encoding="utf-8"
    )
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   other\n", encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    objects = _objects(app)
    assert objects["project"]["ideas.tikv"][0] == "ideas/ideas/tikv"
    assert objects["project"]["data-ideas.beta"][0] == "ideas/data-ideas/beta"
    assert (Path(app.outdir) / "ideas" / "data-ideas" / "beta.html").is_file()


def test_a_catalog_listed_in_config_may_carry_a_label(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-several")
    (srcdir / "index.rst").write_text("Home\n====\n\nNo directive here.\n", encoding="utf-8")
    for page in ("spring.rst", "autumn.rst"):
        (srcdir / page).unlink()
    entries = ["ideas.md", {"path": "data/autumn.md", "label": "Autumn 2021"}]
    app = build(make_app, srcdir, confoverrides={"ideas_catalogs": entries})
    assert warnings(app) == []
    skills = (Path(app.outdir) / "ideas" / "skills.html").read_text(encoding="utf-8")
    # the label names the catalog in the indices; the other one keeps its key
    assert "Beta (Autumn 2021)" in skills
    assert "TiKV (ideas)" in skills
    assert "(autumn)" not in skills


@pytest.mark.parametrize(
    "entry", [{"path": "ideas.md", "title": "x"}, {"label": "x"}, {"path": "ideas.md", "label": 3}]
)
def test_a_bad_catalog_entry_in_config_is_a_clear_error(
    make_app: MakeApp, tmp_path: Path, entry: object
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    with pytest.raises(ConfigError, match="ideas_catalogs"):
        make_app("html", srcdir=srcdir, confoverrides={"ideas_catalogs": [entry]})


EXTRA_CATALOG = """### Zeta

#### Proof assistant

- Description: Port the checker.
- Recommended Skills: Haskell, Rust
- Mentor(s): Zed Zulu (@zedzulu)
"""


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_the_indices_of_inline_catalogs_span_them_all(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, "catalog-inline")
    (srcdir / "zeta.md").write_text(EXTRA_CATALOG, encoding="utf-8")
    if host == "rst":
        page = ":orphan:\n\nExtra\n=====\n\n.. ideas-catalog:: zeta.md\n   :no-pages:\n"
        (srcdir / "extra.rst").write_text(page, encoding="utf-8")
    else:
        conf = srcdir / "conf.py"
        conf.write_text(
            conf.read_text(encoding="utf-8")
            .replace('["sphinxcontrib_ideas"]', '["myst_parser", "sphinxcontrib_ideas"]')
            .replace(
                '{".rst": "restructuredtext"}', '{".rst": "restructuredtext", ".md": "markdown"}'
            ),
            encoding="utf-8",
        )
        page = "---\norphan: true\n---\n# Extra\n\n```{ideas-catalog} zeta.md\n:no-pages:\n```\n"
        (srcdir / "extra.md").write_text(page, encoding="utf-8")
    app = build(make_app, srcdir)
    # every skill chip on either page finds its entry
    assert warnings(app) == []
    objects = _objects(app)
    assert {d for d, _a in objects["skill"].values()} == {"extra"}
    assert {"haskell", "rust", "go"} <= set(objects["skill"])
    assert "zedzulu" in objects["mentor"]
    # the spanning index on the first page links to the other page's ideas
    extra = (Path(app.outdir) / "extra.html").read_text(encoding="utf-8")
    assert 'href="index.html#idea-' in extra
    # and the other page's chips link to it
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="extra.html#ideas-skill-go"' in index
    # editing the other catalog re-reads the page whose indices show it
    ideas = srcdir / "ideas.md"
    ideas.write_text(ideas.read_text(encoding="utf-8").replace("Golang", "Elixir"), "utf-8")
    _app, read = rebuild(make_app, srcdir)
    assert read == ["extra", "index"]


def test_an_inline_catalog_beside_one_with_pages_is_a_catalog_of_its_own(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-several")
    autumn = srcdir / "autumn.rst"
    autumn.write_text(
        "Autumn\n======\n\n.. ideas-catalog:: data/autumn.md\n   :no-pages:\n", encoding="utf-8"
    )
    app = build(make_app, srcdir)
    # no duplicate skills or mentors: the index pages hold them, for both catalogs
    assert warnings(app) == []
    objects = _objects(app)
    assert objects["project"]["autumn.beta"][0] == "autumn"
    assert objects["project"]["ideas.tikv"][0] == "ideas/ideas/tikv"
    assert {d for d, _a in objects["skill"].values()} == {"ideas/skills"}
    assert not (srcdir / "ideas" / "autumn").exists()
    skills = (Path(app.outdir) / "ideas" / "skills.html").read_text(encoding="utf-8")
    assert 'href="../autumn.html#idea-autumn-beta-add-a-cli"' in skills
    page = (Path(app.outdir) / "autumn.html").read_text(encoding="utf-8")
    assert 'href="ideas/skills.html"' in page
    assert "ideas-skills-index" not in page


def test_two_inline_catalogs_share_names_without_clashing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-inline")
    (srcdir / "again.md").write_text(
        (srcdir / "ideas.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (srcdir / "again.rst").write_text(
        ":orphan:\n\nAgain\n=====\n\n.. ideas-catalog:: again.md\n   :no-pages:\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    assert warnings(app) == []
    objects = _objects(app)
    assert objects["project"]["ideas.tikv"][0] == "index"
    assert objects["project"]["again.tikv"][0] == "again"
    # the first inline catalog's page holds the skills and mentors
    assert {d for d, _a in objects["skill"].values()} == {"again"}
    assert not (srcdir / "ideas").exists()


@pytest.mark.parametrize(("root", "shown"), [("reading-rst", False), ("reading-myst", True)])
def test_myst_config_line_only_where_the_project_loads_myst(
    make_app: MakeApp, tmp_path: Path, root: str, shown: bool
) -> None:
    """MyST prints its whole configuration on every build; an rST-only project that loads
    only us did not ask for it (the MyST host lists ``myst_parser`` itself)."""
    app = build(make_app, make_site(tmp_path, root))
    assert ("MdParserConfig(" in app.status.getvalue()) is shown


CHOICES_IDEAS = """# Ideas

Mentors: please use the template when you add an idea.

## Alpha

Alpha builds the fastest widgets in town.

### Faster import

- Description: Import in half the time.
- Recommended Skills: Python
- Mentor(s): Ann Example (@ann-example)
"""


@pytest.mark.parametrize("hidden", [True, False])
@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_the_preamble_and_intros_can_be_left_out(
    make_app: MakeApp, tmp_path: Path, host: str, hidden: bool
) -> None:
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(CHOICES_IDEAS, encoding="utf-8")
    for refs in srcdir.glob("refs.*"):  # it refers to the sample's ideas
        refs.write_text("Refs\n====\n" if refs.suffix == ".rst" else "# Refs\n", "utf-8")
    if hidden:
        index = next(srcdir.glob("index.*"))
        text = index.read_text(encoding="utf-8")
        indent = "   " if index.suffix == ".rst" else ""
        flags = f"{indent}:no-preamble:\n{indent}:no-intros:\n"
        text = re.sub(r"(ideas-catalog(?::: |\} )ideas\.md\n)", lambda m: m.group(1) + flags, text)
        assert ":no-intros:" in text
        index.write_text(text, encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    catalog = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    project = (Path(app.outdir) / "ideas" / "alpha.html").read_text(encoding="utf-8")
    assert ("please use the template" in catalog) is not hidden
    assert ("the fastest widgets" in project) is not hidden
    assert "Faster import" in catalog
    assert "Import in half the time." in project


_BAD_FILTERS = [
    "title ==",
    'skills ~ "(unclosed"',
    "colour == 'red'",
    "not",
    "(" * 300 + "title" + ")" * 300,  # deeper than the bound: an error, not a RecursionError
]


@pytest.mark.parametrize("expression", _BAD_FILTERS)
@pytest.mark.parametrize(
    ("host", "page", "text", "line"),
    [
        (
            "reading-rst",
            "index.rst",
            "Home\n====\n\n.. ideas-catalog:: ideas.md\n   :filter: {}\n",
            4,
        ),
        (
            "reading-myst",
            "index.md",
            "# Home\n\n```{{ideas-catalog}} ideas.md\n:filter: {}\n```\n",
            3,
        ),
    ],
)
def test_a_bad_catalog_filter_warns_at_the_directive_and_builds_the_rest(
    make_app: MakeApp,
    tmp_path: Path,
    seed_path: Path,
    host: str,
    page: str,
    text: str,
    line: int,
    expression: str,
) -> None:
    """A malformed ``:filter:`` on ``ideas-catalog`` is one located warning (the filter's own
    message), the catalog shows nothing and generates no page, the other pages build."""
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (srcdir / page).write_text(text.format(expression), encoding="utf-8")
    other = "other.md" if page.endswith(".md") else "other.rst"
    heading = (
        "---\norphan: true\n---\n# Other\n"
        if page.endswith(".md")
        else ":orphan:\n\nOther\n=====\n"
    )
    (srcdir / other).write_text(heading + "\nStill built.\n", encoding="utf-8")
    with pytest.raises(FilterError) as error:
        compile_filter(expression)
    app = build(make_app, srcdir, "html")
    assert warnings(app) == [
        f"{srcdir / page}:{line}: WARNING: invalid :filter: option: {error.value} [ideas.directive]"
    ]
    assert not (srcdir / "ideas").exists()
    outdir = Path(app.outdir)
    assert "Still built." in (outdir / "other.html").read_text(encoding="utf-8")
    assert "Home" in (outdir / "index.html").read_text(encoding="utf-8")
    assert list(app.env.domains["ideas"].get_objects()) == []
