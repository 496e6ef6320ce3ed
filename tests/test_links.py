"""Links as the ideas file's author meant them: root-relative links resolved like GitHub and
GitLab resolve them, issues shown as ``owner/repo#N`` in tables too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas.ideasfile._sanitize import is_web_url, link_target, repository_root
from sphinxcontrib_ideas.ideasfile._urls import split_bare_urls

GITHUB_FILE = "https://github.com/cncf/mentoring/blob/main/lfx-mentorship/2021/ideas.md"


@pytest.mark.parametrize(
    ("base", "root"),
    [
        (GITHUB_FILE, "https://github.com/cncf/mentoring/blob/main/"),
        (
            "https://github.com/o/r/tree/v2/docs/ideas.md",
            "https://github.com/o/r/tree/v2/",
        ),
        (
            "https://raw.githubusercontent.com/o/r/main/a/b/ideas.md",
            "https://raw.githubusercontent.com/o/r/main/",
        ),
        (
            "https://gitlab.com/group/sub/project/-/blob/main/docs/ideas.md",
            "https://gitlab.com/group/sub/project/-/blob/main/",
        ),
        # any other host: the file's folder
        ("https://example.org/program/2021/ideas.md", "https://example.org/program/2021/"),
    ],
)
def test_repository_root(base: str, root: str) -> None:
    assert repository_root(base) == root


def test_root_relative_and_relative_links() -> None:
    assert link_target("/TEMPLATE.md", base_url=GITHUB_FILE).url == (
        "https://github.com/cncf/mentoring/blob/main/TEMPLATE.md"
    )
    # relative links stay relative to the file, as before
    assert link_target("notes.md", base_url=GITHUB_FILE).url == (
        "https://github.com/cncf/mentoring/blob/main/lfx-mentorship/2021/notes.md"
    )
    assert link_target("/TEMPLATE.md").url is None  # no upstream URL: text only
    # only the leading slashes go, not letters of the name
    assert link_target("/XML/X.md", base_url=GITHUB_FILE).url == (
        "https://github.com/cncf/mentoring/blob/main/XML/X.md"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://github.com/cncf/mentoring/issues/1", True),
        ("http://example.org", True),
        ("  HTTP://example.org/x  ", True),  # the scheme in any case, space around
        ("ftp://example.org/file", False),  # a host, but not the web
        ("https:/no-host", False),  # the web, but no host
        ("//example.org/x", False),  # no scheme
        ("mailto:ann@example.org", False),
        ("javascript:alert(1)", False),
        ("github.com/cncf/mentoring", False),
        ("", False),
    ],
)
def test_is_web_url(value: str, expected: bool) -> None:
    assert is_web_url(value) is expected


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_the_samples_template_link_reaches_the_repository_root(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    app = build(make_app, srcdir, confoverrides={"ideas_upstream_url": GITHUB_FILE})
    assert warnings(app) == []
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    # the sample's preamble links "[template](/PROJECT_IDEA_TEMPLATE.md)"
    assert 'href="https://github.com/cncf/mentoring/blob/main/PROJECT_IDEA_TEMPLATE.md"' in index
    assert 'href="https://github.com/PROJECT_IDEA_TEMPLATE.md"' not in index


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_ideas_table_shows_issues_as_owner_repo_number(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    page = srcdir / ("table.rst" if host == "catalog-rst" else "table.md")
    if host == "catalog-rst":
        page.write_text(
            ":orphan:\n\nTable\n=====\n\n.. ideas-table::\n   :projects: TiKV\n"
            "   :columns: title, issues\n",
            encoding="utf-8",
        )
    else:
        page.write_text(
            "---\norphan: true\n---\n# Table\n\n```{ideas-table}\n:projects: TiKV\n"
            ":columns: title, issues\n```\n",
            encoding="utf-8",
        )
    app = build(make_app, srcdir)
    assert warnings(app) == []
    html = (Path(app.outdir) / "table.html").read_text(encoding="utf-8")
    assert ">tikv/tikv#" in html
    assert ">https://github.com/tikv/tikv/issues/" not in html


UPSTREAM = "https://github.com/example/mentoring/blob/main/terms/ideas.md"


@pytest.mark.parametrize(
    ("href", "base", "url", "unsafe"),
    [
        ("https://example.org/a", "", "https://example.org/a", None),
        ("HTTPS://example.org/a", "", "HTTPS://example.org/a", None),
        ("mailto:ann@example.org", "", "mailto:ann@example.org", None),
        ("javascript:alert(1)", "", None, "javascript"),
        ("JavaScript:alert(1)", UPSTREAM, None, "javascript"),
        ("java\tscript:alert(1)", "", None, "javascript"),  # browsers drop the tab
        ("\x01javascript:alert(1)", "", None, "javascript"),  # and control characters
        (" javascript:alert(1)", "", None, "javascript"),
        ("data:text/html,<script>", "", None, "data"),
        ("vbscript:x", "", None, "vbscript"),
        ("//evil.example/x", "", "https://evil.example/x", None),  # scheme made explicit
        ("docs/guide.md", "", None, None),  # relative, no upstream URL: text only
        (
            "docs/guide.md",
            UPSTREAM,
            "https://github.com/example/mentoring/blob/main/terms/docs/guide.md",
            None,
        ),
        (
            "../README.md",
            UPSTREAM,
            "https://github.com/example/mentoring/blob/main/README.md",
            None,
        ),
        ("#section", UPSTREAM, None, None),  # an anchor of the file itself: text
        ("", UPSTREAM, None, None),
    ],
)
def test_link_target(href: str, base: str, url: str | None, unsafe: str | None) -> None:
    verdict = link_target(href, base_url=base)
    assert (verdict.url, verdict.unsafe_scheme) == (url, unsafe)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "See https://a.example/x.",
            [("See ", False), ("https://a.example/x", True), (".", False)],
        ),
        (
            "(https://a.example/x_(y))",
            [("(", False), ("https://a.example/x_(y)", True), (")", False)],
        ),
        ("www.a.example stays", [("www.a.example stays", False)]),
        ("no link", [("no link", False)]),
    ],
)
def test_bare_urls_are_cut_out_as_github_links_them(
    text: str, pieces: list[tuple[str, bool]]
) -> None:
    assert split_bare_urls(text) == pieces


def test_a_url_followed_by_a_flood_of_parentheses_is_cut_in_linear_time() -> None:
    """200,000 ")" after a URL: the parentheses were counted again for each one stripped
    (minutes for a million); now one pass."""
    pieces = split_bare_urls("see https://a.example/x" + ")" * 200_000)
    assert pieces[1] == ("https://a.example/x", True)
    assert pieces[2] == (")" * 200_000, False)


LINKED_TEXT_IDEAS = """\
# Ideas

### Proj

#### Idea one

- Description: See [**the guide at https://example.org/guide**](https://example.org/docs)
  and https://example.org/bare.
- Recommended Skills: Go
- Mentor(s): Ann Lee (@annlee)
"""


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_bare_url_becomes_a_link_but_not_inside_a_link(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """A bare URL in a description is a link; one in a link's text (even in its bold)
    stays text: a link inside a link is not HTML."""
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(LINKED_TEXT_IDEAS, encoding="utf-8")
    for refs in srcdir.glob("refs.*"):  # the root's page names the sample's ideas
        refs.write_text("Refs\n====\n" if refs.suffix == ".rst" else "# Refs\n", "utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    html = (Path(app.outdir) / "ideas" / "proj.html").read_text(encoding="utf-8")
    assert '<a class="reference external" href="https://example.org/bare">' in html
    for link in re.findall(r"<a\b.*?</a>", html, re.DOTALL):
        assert "<a" not in link[2:], link
    assert 'href="https://example.org/guide"' not in html
