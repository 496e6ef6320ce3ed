"""Bad and untrusted input in a build: located messages, the rest of the build complete,
and nothing from an ideas file able to run in a reader's browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, read_inventory, warnings

from sphinxcontrib_ideas.ideasfile.parser import parse_catalog


def test_each_bad_file_gives_one_located_message_and_the_rest_builds(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-bad")
    app = build(make_app, srcdir)
    problems = warnings(app)
    expected = {
        "missing": "[ideas.file]",
        "directory": "[ideas.file]",
        "binary": "[ideas.file]",
        "empty": "[ideas.empty]",
        "noideas": "[ideas.empty]",
    }
    assert len(problems) == len(expected), problems
    for page, subtype in expected.items():
        (line,) = [p for p in problems if p.startswith(f"{srcdir / page}.rst:4: WARNING:")]
        assert line.endswith(subtype)
        assert f"{page}.md" in line or subtype == "[ideas.empty]"
    # the good catalog is complete: all its project pages and both indices
    inventory = app.env.domains["ideas"].get_objects()
    projects = [name for name, _d, objtype, *_rest in inventory if objtype == "project"]
    assert len(projects) == 17
    outdir = Path(app.outdir)
    assert (outdir / "ideas" / "skills.html").is_file()
    assert (outdir / "ideas" / "mentors.html").is_file()
    assert "ideas-catalog" in (outdir / "good.html").read_text(encoding="utf-8")


def test_a_malformed_entry_warns_at_its_line_in_the_ideas_file(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-malformed")
    app = build(make_app, srcdir)
    lines = (srcdir / "ideas.md").read_text(encoding="utf-8").splitlines()
    misspelt = lines.index("- Recomended Skils: Go") + 1
    label = [p for p in warnings(app) if p.endswith("[ideas.label]")]
    assert len(label) == 1
    assert label[0].startswith(f"{srcdir / 'ideas.md'}:{misspelt}: WARNING: ")
    assert "Recomended Skils" in label[0]


def test_parser_warnings_can_be_suppressed_by_subtype(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-malformed")
    app = build(
        make_app, srcdir, confoverrides={"suppress_warnings": ["ideas.label", "ideas.no-skills"]}
    )
    assert warnings(app) == []


class _ActiveContent(HTMLParser):
    """Collects what a browser would run or follow: script bodies, event handlers, and
    link or image targets."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            if name in {"href", "src", "action", "formaction"} and value:
                self.targets.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _active(outdir: Path) -> _ActiveContent:
    parser = _ActiveContent()
    for page in outdir.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def unsafe_site(make_app: MakeApp, tmp_path: Path) -> tuple[Path, list[str]]:
    srcdir = make_site(tmp_path, "catalog-unsafe")
    app = build(make_app, srcdir)
    return Path(app.outdir), warnings(app)


def test_no_payload_from_the_ideas_file_is_active(unsafe_site: tuple[Path, list[str]]) -> None:
    outdir, _problems = unsafe_site
    active = _active(outdir)
    assert not [s for s in active.scripts if "alert" in s]
    assert active.handlers == []
    assert not [t for t in active.targets if "alert(" in t or t.lower().startswith("javascript")]


def test_payloads_are_shown_as_text_and_comments_dropped(
    unsafe_site: tuple[Path, list[str]],
) -> None:
    outdir, _problems = unsafe_site
    html = "".join(p.read_text(encoding="utf-8") for p in (outdir / "ideas").glob("*.html"))
    assert "&lt;script&gt;alert(" in html
    assert "onerror=alert(" in html  # as escaped text, not as an attribute (see above)
    # MyST's escape hatches are code, not run: {eval-rst} with a raw HTML directive,
    # {include} of a file of the machine, roles
    assert "{eval-rst}" in html
    assert "alert('eval-rst')" in html  # shown, as text inside the code block
    assert "{include}" in html
    assert "secret-token-7f3a" not in html  # the file beside it (secret.txt) stays out
    assert "secret comment" not in html
    assert "must never reach" not in html
    assert 'href="https://example.org/safe"' in html
    # a relative link with no upstream URL configured is text, not a broken link
    assert ">relative<" not in html
    assert "relative" in html


def test_unsafe_links_warn_at_their_line(unsafe_site: tuple[Path, list[str]]) -> None:
    _outdir, problems = unsafe_site
    unsafe = [p for p in problems if p.endswith("[ideas.unsafe]")]
    assert len(unsafe) == 2
    assert "ideas.md:11: WARNING: link to \"javascript:alert('link')\" dropped" in unsafe[0]
    # a mentor's link too, and the mentor is still read ("[Eve](javascript:...) (@eve)")
    assert "ideas.md:13: WARNING: link to \"javascript:alert('mentor')\" dropped" in unsafe[1]
    assert not [p for p in problems if "[ideas.mentor]" in p]


def test_relative_links_resolve_against_the_upstream_url(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-unsafe")
    upstream = "https://github.com/example/mentoring/blob/main/ideas.md"
    app = build(make_app, srcdir, confoverrides={"ideas_upstream_url": upstream})
    html = "".join(
        p.read_text(encoding="utf-8") for p in (Path(app.outdir) / "ideas").glob("*.html")
    )
    assert 'href="https://github.com/example/mentoring/blob/main/docs/guide.md"' in html
    # each idea links to its line upstream
    assert f'href="{upstream}#L9"' in html


def test_raw_html_passes_only_when_allowed(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-unsafe")
    app = build(make_app, srcdir, confoverrides={"ideas_allow_raw_html": True})
    html = "".join(
        p.read_text(encoding="utf-8") for p in (Path(app.outdir) / "ideas").glob("*.html")
    )
    assert "<script>alert(" in html
    assert '<div onclick="alert(' in html
    # still never a directive, a comment or a javascript: link
    assert "secret comment" not in html
    assert "javascript:alert('link')" not in html.replace("&quot;", '"').split("dropped")[0]


HOSTILE_LINKS = ("preamble-link", "intro-link", "description-link", "mentor-link")
#: Where each payload sits in the hostile ideas file: it must show as text there.
HOSTILE_PLACES = ("preamble", "intro", "title", "description", "skills", "field")
_SCHEME = re.compile(r"\s*(javascript|vbscript|data):", re.IGNORECASE)
LATEX_COMMANDS = ("\\input{/etc", "\\write18", "\\immediate", "\\def\\x")


def _hostile_site(tmp_path: Path, host: str) -> tuple[Path, dict[str, object]]:
    srcdir = make_site(tmp_path, "catalog-hostile")
    if host == "myst":
        (srcdir / "index.rst").unlink()
        overrides: dict[str, object] = {
            "extensions": ["myst_parser", "sphinxcontrib_ideas"],
            "source_suffix": {".md": "markdown"},
        }
    else:
        (srcdir / "index.md").unlink()
        overrides = {}
    return srcdir, overrides


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text"])
@pytest.mark.parametrize("host", ["rst", "myst"])
def test_hostile_content_is_inert_in_every_builder(
    make_app: MakeApp, tmp_path: Path, builder: str, host: str
) -> None:
    srcdir, overrides = _hostile_site(tmp_path, host)
    app = build(make_app, srcdir, builder, confoverrides=overrides)
    problems = warnings(app)
    # only our own, located messages: nothing from docutils, LaTeX or the theme
    ideas = srcdir / "ideas.md"
    assert all(p.startswith(f"{ideas}:") and "[ideas." in p for p in problems), problems
    unsafe = [p for p in problems if p.endswith("[ideas.unsafe]")]
    assert sorted(link for link in HOSTILE_LINKS if any(link in p for p in unsafe)) == sorted(
        HOSTILE_LINKS
    )
    outdir = Path(app.outdir)
    if builder == "latex":
        (tex,) = outdir.glob("*.tex")
        text = tex.read_text(encoding="utf-8")
        assert [c for c in LATEX_COMMANDS if c in text] == []
        assert "\\textbackslash{}input\\{/etc/passwd\\}" in text  # shown, as text
        assert "javascript:" not in text.replace("(javascript:alert(", "")
        return
    files = [p for p in outdir.rglob("*") if p.suffix in {".html", ".xhtml", ".txt"}]
    output = "".join(p.read_text(encoding="utf-8") for p in files)
    if builder == "text":
        for place in HOSTILE_PLACES:
            assert re.search(rf"<script>alert\(.{place}.\)</script>", output), place
        assert "\\input{/etc/passwd}" in output
        return
    parser = _ActiveContent()
    for page in files:
        parser.feed(page.read_text(encoding="utf-8"))
    assert not [s for s in parser.scripts if "alert" in s]
    assert parser.handlers == []
    # (slugs of the hostile titles may spell "javascriptalert": a page name, not a scheme)
    assert not [t for t in parser.targets if "alert(" in t or _SCHEME.match(t)]
    for place in HOSTILE_PLACES:
        assert re.search(rf"&lt;script&gt;alert\(.{place}.\)&lt;/script&gt;", output), place


HEADING_LINKS = """# Ideas

## [Alpha](javascript:alert('project'))

### [One](https://ok.example/one)

- Description: d
- Skills: Go
- Mentors: @ann-ex

### [Two](data:text/html,<script>alert(2)</script>)

- Description: d
- Skills: Go
- Mentors: @bo-ex

## [Beta](//beta.example/home)

### [Three](vbscript:msgbox(3))

- Description: d
- Skills: Go
- Mentors: @cy-ex
"""


@pytest.mark.parametrize("host", ["reading-rst", "reading-myst"])
def test_links_in_project_and_idea_headings_keep_their_text_and_drop_unsafe_targets(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """A heading written as a link names its project or idea by the link's text; a safe
    target is its link, an unsafe one is dropped with an ``ideas.unsafe`` warning at the
    heading, the same in ``sphinx-ideas check`` and in the build."""
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(HEADING_LINKS, encoding="utf-8")
    lines = HEADING_LINKS.split("\n")
    unsafe = {
        number: scheme
        for number, line in enumerate(lines, 1)
        for scheme in ("javascript", "data", "vbscript")
        if line.startswith("#") and f"]({scheme}:" in line
    }
    assert len(unsafe) == 3
    checked = parse_catalog(HEADING_LINKS, source="ideas.md")
    assert [(d.line, d.subtype.value) for d in checked.diagnostics] == [
        (number, "unsafe") for number in sorted(unsafe)
    ]
    app = build(make_app, srcdir, "html")
    found = [
        (int(m.group(1)), m.group(2))
        for m in map(
            re.compile(r"ideas\.md:(\d+): WARNING: .* \[ideas\.(\w+)\]").search, warnings(app)
        )
        if m
    ]
    assert found == [(number, "unsafe") for number in sorted(unsafe)]
    assert all(
        f"the {unsafe[line]!r} scheme is not allowed" in w
        for line, w in zip(sorted(unsafe), warnings(app), strict=True)
    )
    inventory = read_inventory(Path(app.outdir) / "objects.inv")
    assert set(inventory["ideas:project"]) == {"alpha", "beta"}
    assert set(inventory["ideas:idea"]) == {"alpha.one", "alpha.two", "beta.three"}
    active = _active(Path(app.outdir))
    assert not [t for t in active.targets if re.match(r"\s*(java|data|vb)", t, re.I)]
    assert "https://ok.example/one" in active.targets
    assert "https://beta.example/home" in active.targets
    pages = " ".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html"))
    assert "alert(" not in pages
    assert "msgbox(" not in pages
