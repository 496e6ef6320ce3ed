"""The documentation builds the way Read the Docs builds it, and documents everything.

Data flow: ``docs/`` --(``sphinx-build -W`` in a subprocess, offline, output in a tmp
folder)--> html, singlehtml (RTD's htmlzip), epub and latex (RTD's PDF, without compiling
it). The generated reference tables are then compared with the code's own lists: every
config value, directive option, role and warning subtype the code defines is in the docs.
"""

from __future__ import annotations

import argparse
import functools
import html
import importlib
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import yaml  # type: ignore[import-untyped]  # comes with myst-parser, without stubs
from _docs_build import DOCS, built_docs, run_sphinx
from docutils.parsers.rst import directives as rst_directives
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_ideas.cli import build_parser
from sphinxcontrib_ideas.filters import FILTER_NAMES
from sphinxcontrib_ideas.ideasfile.model import Catalog, Idea, ParseResult, Subtype
from sphinxcontrib_ideas.ideasfile.reader import load_catalog
from sphinxcontrib_ideas.listing import TABLE_COLUMNS

EXAMPLES = sorted(p.name for p in (DOCS / "_examples").iterdir() if (p / "conf.py").is_file())

pytestmark = pytest.mark.docs

BuildDocs = Callable[[str], Path]


@pytest.fixture(scope="session")
def build_docs(tmp_path_factory: pytest.TempPathFactory) -> BuildDocs:
    """Build ``docs/`` once per builder in the session; fail with Sphinx's own output."""
    return functools.partial(built_docs, tmp_path_factory)


def page_text(path: Path) -> str:
    """The visible text of an HTML page, roughly: tags dropped, entities decoded."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def seed_catalog(seed_path: Path) -> list[str]:
    """Names of the projects the bundled sample holds, read by the parser."""
    return [project.name for project in load_catalog(seed_path).catalog.projects]


def test_html_has_the_demo_catalog(build_docs: BuildDocs, seed_path: Path) -> None:
    out = build_docs("html")
    demo = (out / "demo.html").read_text(encoding="utf-8")
    assert "ideas-catalog" in demo
    assert "CC BY 4.0" in page_text(out / "demo.html")
    for name in seed_catalog(seed_path):
        assert html.escape(name, quote=False) in demo, f"project {name!r} not on the demo page"
    ideas_html = sorted((out / "ideas").rglob("*.html"))
    projects = len(seed_catalog(seed_path))
    # One page per project, plus the skills and mentor indices.
    assert len(ideas_html) >= projects + 2


def test_singlehtml_holds_every_idea(build_docs: BuildDocs, seed_path: Path) -> None:
    out = build_docs("singlehtml")
    page = (out / "index.html").read_text(encoding="utf-8")
    catalog = load_catalog(seed_path).catalog
    assert page.count('class="ideas-idea-title') >= catalog.idea_count
    # Controls are added by the script in a browser; the built page holds none.
    assert re.search(r'class="[^"]*\bideas-filter\b', page) is None


def test_singlehtml_links_resolve(build_docs: BuildDocs) -> None:
    """In the single page (Read the Docs' htmlzip) every ideas link points at an id."""
    page = (build_docs("singlehtml") / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    links = re.findall(r'<a class="[^"]*ideas-[^"]*"[^>]* href="#([^"]+)"', page)
    links += re.findall(r'<a [^>]*href="#([^"]+)"[^>]*title="[^"]*"><span class="xref ideas', page)
    assert links
    assert [link for link in links if html.unescape(link) not in ids] == []


def test_epub_builds(build_docs: BuildDocs, seed_path: Path) -> None:
    """One epub, holding every idea, with no filter control in its pages (an e-reader
    without JavaScript must see no dead control)."""
    out = build_docs("epub")
    epubs = list(out.glob("*.epub"))
    assert len(epubs) == 1
    with zipfile.ZipFile(epubs[0]) as book:
        pages = [book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")]
    markup = re.sub(r"<script\b.*?</script>", "", "\n".join(pages), flags=re.DOTALL)
    assert markup.count('class="ideas-idea-title') >= load_catalog(seed_path).catalog.idea_count
    assert re.search(r'class="[^"]*\bideas-filter\b', markup) is None
    assert "<input" not in markup


def test_latex_builds(build_docs: BuildDocs, seed_path: Path) -> None:
    out = build_docs("latex")
    tex = (out / "sphinxcontrib-ideas.tex").read_text(encoding="utf-8")
    assert r"\begin{document}" in tex
    for name in seed_catalog(seed_path):
        # LaTeX escapes a few characters (SPIFFE/SPIRE keeps its slash): compare a word.
        word = re.split(r"\W+", name)[0]
        assert word in tex, f"project {name!r} missing from the LaTeX output"


@dataclass(frozen=True, slots=True)
class Registered:
    """What ``setup()`` really registers with Sphinx, read from a live application."""

    config_values: list[str]
    #: Directive name -> its option names.
    directives: dict[str, list[str]]
    roles: list[str]


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> Registered:
    """The extension loaded into a real (empty) Sphinx project: not the docs' own lists,
    so an option or value added to the code but not to those lists is caught too."""
    src = tmp_path_factory.mktemp("registered")
    (src / "conf.py").write_text(
        "extensions = ['sphinxcontrib_ideas']\nsource_suffix = {'.rst': 'restructuredtext'}\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text("Empty\n=====\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        config = sorted(name for name in app.config._options if name.startswith("ideas_"))
        found = {
            name: sorted(getattr(cls, "option_spec", None) or {})
            for name, cls in vars(rst_directives)["_directives"].items()
            if name.startswith("ideas-")
        }
        roles = sorted(app.env.get_domain("ideas").roles)
    finally:
        app.cleanup()
    return Registered(config_values=config, directives=found, roles=roles)


def test_the_live_lists_are_complete(registered: Registered) -> None:
    """The comparisons below would pass on empty lists: make sure they are not."""
    assert "ideas_pages_dir" in registered.config_values
    assert {"ideas-catalog", "ideas-list", "ideas-table"} <= set(registered.directives)
    assert "filter" in registered.directives["ideas-catalog"]
    assert {"project", "idea", "skill", "mentor"} <= set(registered.roles)


def test_every_subtype_is_documented(build_docs: BuildDocs) -> None:
    text = page_text(build_docs("html") / "warnings.html")
    missing = [s.value for s in Subtype if f"ideas.{s.value}" not in text]
    assert missing == []


def test_every_config_value_is_documented(build_docs: BuildDocs, registered: Registered) -> None:
    text = page_text(build_docs("html") / "usage.html")
    assert [name for name in registered.config_values if name not in text] == []


def test_every_directive_and_option_is_documented(
    build_docs: BuildDocs, registered: Registered
) -> None:
    text = page_text(build_docs("html") / "usage.html")
    assert [name for name in registered.directives if name not in text] == []
    missing = [
        f"{directive} :{option}:"
        for directive, options in registered.directives.items()
        for option in options
        if f":{option}:" not in text
    ]
    assert missing == []
    assert [name for name, _doc in TABLE_COLUMNS if name not in text] == []
    assert [name for name in FILTER_NAMES if name not in text] == []


def test_every_role_is_documented(build_docs: BuildDocs, registered: Registered) -> None:
    text = page_text(build_docs("html") / "usage.html")
    assert [role for role in registered.roles if f":ideas:{role}:" not in text] == []
    assert [role for role in registered.roles if f"{{ideas:{role}}}" not in text] == []


def cli_options(parser: argparse.ArgumentParser) -> set[str]:
    """Every long option of the command and of its sub-commands, and the sub-commands."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(o for o in action.option_strings if o.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.add(name)
                found |= cli_options(sub)
    return found


def test_the_cli_help_is_in_the_docs(build_docs: BuildDocs) -> None:
    text = page_text(build_docs("html") / "cli.html")
    options = cli_options(build_parser())
    assert {"check", "export", "--strict", "--format"} <= options
    assert sorted(o for o in options if o not in text) == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_docs_example_builds(example: str, seed_path: Path, tmp_path: Path) -> None:
    """Each example project the docs show builds with ``-W`` on the bundled sample."""
    src = tmp_path / "src"
    shutil.copytree(DOCS / "_examples" / example, src)
    shutil.copyfile(seed_path, src / "ideas.md")
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "-q",
        "-b",
        "html",
        str(src),
        str(tmp_path / "out"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "ideas-catalog" in index


def test_docs_examples_are_shown(build_docs: BuildDocs) -> None:
    """Every example project is included in some page of the docs."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    assert EXAMPLES
    assert [e for e in EXAMPLES if f"_examples/{e}/" not in sources] == []


def test_a_second_build_changes_nothing(build_docs: BuildDocs) -> None:
    """What sphinx-autobuild relies on: a rebuild reads no page and rewrites no stub.

    It rebuilds the session's HTML build in place (a no-op build writes nothing, so the
    other tests still see the same site)."""
    out = build_docs("html").parent
    stubs = {p: p.stat().st_mtime_ns for p in (DOCS / "ideas").rglob("*") if p.is_file()}
    assert stubs
    second = run_sphinx("html", out, quiet=False)
    assert second.returncode == 0, second.stderr
    assert "0 added, 0 changed, 0 removed" in second.stdout, second.stdout
    assert {p: p.stat().st_mtime_ns for p in stubs} == stubs


def test_api_example_runs(seed_path: Path, tmp_path: Path) -> None:
    """The API page's example reads the sample and prints one line per idea."""
    shutil.copyfile(seed_path, tmp_path / "ideas.md")
    script = DOCS / "_examples" / "read_ideas.py"
    cmd = [sys.executable, str(script)]
    result = subprocess.run(
        cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    catalog = load_catalog(seed_path).catalog
    lines = result.stdout.splitlines()
    for project, idea in catalog.iter_ideas():
        assert any(line.startswith(f"{project.name} / {idea.title} ") for line in lines)


# -- the format page's examples: what the reader really makes of each -------------------

FORMAT = DOCS / "_examples" / "format"
FORMAT_EXAMPLES = sorted(p.name for p in FORMAT.glob("*.md"))


def docs_extension() -> ModuleType:
    """The docs' own ``ideas_examples`` extension (it lives outside the package)."""
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return importlib.import_module("ideas_examples")
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def read_format_example(name: str) -> tuple[ParseResult, list[str]]:
    """The parser's reading of ``docs/_examples/format/NAME`` and the file's lines."""
    path = FORMAT / name
    result: ParseResult = docs_extension().read_example(path)
    return result, path.read_text(encoding="utf-8").split("\n")


def line_of(lines: list[str], text: str) -> int:
    """1-based number of the one line that is exactly ``text``."""
    (number,) = (n for n, line in enumerate(lines, 1) if line == text)
    return number


def idea_named(catalog: Catalog, title: str) -> Idea:
    (found,) = (idea for _, idea in catalog.iter_ideas() if idea.title == title)
    return found


def warned(result: ParseResult) -> list[tuple[int, str]]:
    return [(d.line, d.subtype.value) for d in result.diagnostics]


def test_format_examples_are_all_shown() -> None:
    """Each example file is on the format page, with the reader's reading below it."""
    page = (DOCS / "format.md").read_text(encoding="utf-8")
    assert len(FORMAT_EXAMPLES) >= 5
    for name in FORMAT_EXAMPLES:
        assert f"```{{literalinclude}} _examples/format/{name}\n" in page, name
        assert f"```{{ideas-read-example}} _examples/format/{name}\n" in page, name


def test_format_page_shows_the_parsers_reading(build_docs: BuildDocs) -> None:
    describe = docs_extension().describe
    text = " ".join(page_text(build_docs("html") / "format.html").split())
    for name in FORMAT_EXAMPLES:
        result, _lines = read_format_example(name)
        reading = describe(result)
        assert reading
        assert " ".join(reading.split()) in text, name


def test_format_structure_example() -> None:
    result, lines = read_format_example("structure.md")
    catalog = result.catalog
    assert catalog.title == "Example Org project ideas"
    assert catalog.preamble.startswith("Read the contributor guide")
    # Neither the table of contents nor the HTML comment is kept in the preamble.
    assert "](#alpha)" not in catalog.preamble
    assert "maintainers" not in catalog.preamble
    assert [p.name for p in catalog.projects] == ["Alpha", "Beta"]
    titles = [idea.title for _, idea in catalog.iter_ideas()]
    assert "Refactor the APIs" not in titles  # the sample
    assert "Template rendering" in titles  # a real idea whose title says "template"
    streaming = idea_named(catalog, "Streaming importer")
    assert streaming.group == "SIG Storage"
    lead, labelled = streaming.description.split("\n\n")
    assert lead.startswith("A lead paragraph")
    assert labelled.startswith("Rewrite")
    assert catalog.projects[0].intro.startswith("Alpha builds")
    assert catalog.projects[1].url == "https://beta.example.org"
    assert idea_named(catalog, "Plugin registry").group == "Easy"
    assert warned(result) == [(line_of(lines, "Write to the mailing list."), "structure")]


def test_format_slips_example() -> None:
    result, lines = read_format_example("slips.md")
    catalog = result.catalog
    assert catalog.title == "Autumn Term Ideas"
    assert {p.name: [i.title for i in p.ideas] for p in catalog.projects} == {
        "Harbor": ["Replication dashboard"],
        "Newproj": ["Scheduler plugins"],
        "Thanos": ["Query sharding"],
    }
    assert warned(result) == [
        (line_of(lines, "### Newproj"), "level"),
        (line_of(lines, "Write to the mailing list."), "structure"),
    ]


def test_the_outline_on_the_format_and_cli_pages_is_the_commands_output(
    build_docs: BuildDocs,
) -> None:
    path = FORMAT / "slips.md"
    done = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_ideas", "check", "--outline", "slips.md"],
        cwd=FORMAT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "   22  project    Newproj" in done.stdout
    html = build_docs("html")
    for page in ("format.html", "cli.html"):
        text = " ".join(page_text(html / page).split())
        assert f"$ sphinx-ideas check --outline {path.name}" in text, page
        assert " ".join(done.stdout.split()) in text, page


def test_format_paragraphs_example() -> None:
    result, _lines = read_format_example("paragraphs.md")
    (project,) = result.catalog.projects
    assert [idea.title for idea in project.ideas] == [
        "Faster startup",
        "Better error messages",
        "Port the test suite",
    ]
    startup = idea_named(result.catalog, "Faster startup")
    assert [m.github for m in startup.mentors] == ["ada-ex", "bo-ex"]
    assert [s.name for s in startup.skills] == ["C", "Python"]
    assert {f.key: f.value for f in startup.fields} == {
        "expected-outcome": "Start-up under 50 ms.",
        "project-size": "350 hours",
        "difficulty": "Hard",
    }
    errors = idea_named(result.catalog, "Better error messages")
    assert errors.description.startswith("Error messages should")
    assert "GTK" in [s.name for s in errors.skills]
    assert [m.github for m in errors.mentors] == ["cy-ex"]
    port = idea_named(result.catalog, "Port the test suite")  # fields as sub-headings
    assert port.description == "Move the test suite to pytest."
    assert [m.github for m in port.mentors] == ["dee-ex"]
    assert {f.key for f in port.fields} == {"expected-outcome", "project-size"}
    assert result.diagnostics == ()


def test_format_tables_example() -> None:
    result, _lines = read_format_example("tables.md")
    catalog = result.catalog
    editor = idea_named(catalog, "Simulation editor")
    assert [m.github for m in editor.mentors] == ["ada-ex", "bo-ex"]  # <br> in a cell
    assert [s.name for s in editor.skills] == ["Vue.js", "Flask"]
    exporter = idea_named(catalog, "Report exporter")
    assert exporter.issues == ("https://github.com/example/alpha/issues/7",)
    assert [idea.title for idea in catalog.projects[1].ideas] == ["Faster layout engine"]
    gamma = [idea.title for idea in catalog.projects[2].ideas]
    assert gamma == ["Office register", "Budget tracker"]
    assert [m.github for m in idea_named(catalog, "Budget tracker").mentors] == [
        "gus-ex",
        "hal-ex",
    ]
    assert result.diagnostics == ()


def test_format_mentors_example() -> None:
    result, lines = read_format_example("mentors.md")
    names = idea_named(result.catalog, "Names and handles").mentors
    assert [(m.name, m.github) for m in names] == [
        ("Jim Bugwadia", "JimBugwadia"),
        ("Ann Lee", "annlee"),
        ("Bo Chen", "bochen"),
        ("William-Wang", "william-wang"),  # the URL wins over the text
        ("carol-ex", "carol-ex"),
        ("Dee Example", "dee-ex"),
        ("Kevin(Zefeng) Wang", "kevin-wangzefeng"),
    ]
    assert [m.email for m in names[1:3]] == ["ann@example.org", "bo@example.org"]
    roles = idea_named(result.catalog, "Separators and roles").mentors
    assert [(m.github, m.role) for m in roles] == [
        ("eve-ex", "primary"),
        ("fay-ex", "backup"),
        ("gus-ex", None),
        ("hal-ex", None),
    ]  # and not the mentee
    assert idea_named(result.catalog, "Not yet known").mentors == ()
    assert warned(result) == [(line_of(lines, "#### Not yet known"), "no-mentors")]


def test_format_values_example() -> None:
    result, lines = read_format_example("values.md")
    split = idea_named(result.catalog, "Split skills")
    skills = {s.name: s for s in split.skills}
    assert list(skills) == ["Go", "Kubernetes", "Docker", "Helm", "Rust", "Python", "C", "eBPF"]
    assert skills["Go"].raw == "golang"
    assert skills["Helm"].note == "charts, hooks"
    assert skills["Rust"].level == "basic"
    assert skills["eBPF"].note == "Optional"
    issues = tuple(f"https://github.com/example/alpha/issues/{n}" for n in range(1, 5))
    assert split.issues == issues
    prose = idea_named(result.catalog, "Skills in a sentence")
    assert [s.name for s in prose.skills] == ["Go"]
    assert prose.skills_text.startswith("Ideally Go programming, though")
    assert prose.issues == ()
    bad = line_of(lines, "- Upstream Issue (URL): see the tracker")
    assert warned(result) == [(bad, "url")]


def test_format_problems_example() -> None:
    result, lines = read_format_example("problems.md")
    subtypes = {d.subtype.value for d in result.diagnostics}
    assert subtypes == {
        "structure",
        "no-description",
        "label",
        "url",
        "duplicate-idea",
        "duplicate-mentor",
        "github-handle",
        "email",
        "duplicate-project",
    }
    # Nothing is lost: the second "Mu" is merged into the first, the idea before any
    # project still has a project, and the misspelt labels are read as what they meant.
    names = [p.name for p in result.catalog.projects]
    assert names.count("Mu") == 1
    (mu,) = (p for p in result.catalog.projects if p.name == "Mu")
    assert [idea.title for idea in mu.ideas] == ["Faster parser", "Faster parser", "Better errors"]
    assert idea_named(result.catalog, "An idea before any project").mentors
    first = mu.ideas[0]
    assert first.fields == ()
    assert [s.name for s in first.skills] == ["Go"]
    assert [m.github for m in first.mentors] == ["bo-ex"]  # written twice: one mentor
    assert (line_of(lines, "Nu has no ideas this term."), "structure") in warned(result)


# -- Read the Docs, the pages issue 4 asks for, the stylesheet and the script -----------

ROOT = DOCS.parent
#: The docs pages a reader needs, by the job each does.
PAGES = (
    *("quickstart", "usage", "format", "warnings", "crossref"),
    *("cli", "export", "api", "changelog", "demo"),
)


def test_readthedocs_builds_like_the_tests() -> None:
    """Version 2, ``-W``, the docs' conf.py, and the three downloadable formats."""
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    sphinx = config["sphinx"]
    assert (ROOT / sphinx["configuration"]) == DOCS / "conf.py"
    assert sphinx["builder"] == "html"
    assert sphinx["fail_on_warning"] is True
    assert sorted(config["formats"]) == ["epub", "htmlzip", "pdf"]
    (install,) = config["python"]["install"]
    assert install["path"] == "."
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for extra in install["extra_requirements"]:
        assert re.search(rf"^{re.escape(extra)} = \[", pyproject, flags=re.MULTILINE), extra


def test_the_pre_commit_hook_is_documented(build_docs: BuildDocs) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    text = page_text(build_docs("html") / "cli.html")
    assert hooks
    assert [hook["id"] for hook in hooks if hook["id"] not in text] == []


def test_every_page_is_in_the_docs(build_docs: BuildDocs) -> None:
    out = build_docs("html")
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in PAGES:
        assert (out / f"{page}.html").is_file(), page
        assert f'href="{page}.html"' in index, f"{page} is not in the table of contents"


def test_the_crossref_page_uses_every_role(build_docs: BuildDocs, registered: Registered) -> None:
    """Each role resolves to a link on the cross-referencing page (none is left as text)."""
    page = (build_docs("html") / "crossref.html").read_text(encoding="utf-8")
    for role in registered.roles:
        assert re.search(rf'<a [^>]*href="[^"]+"[^>]*><span class="xref ideas ideas-{role}"', page)


def test_catalog_pages_carry_the_stylesheet_and_script(build_docs: BuildDocs) -> None:
    out = build_docs("html")
    for page in (out / "demo.html", out / "ideas" / "tikv.html"):
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<link [^>]*href="[./]*_static/ideas\.css', text), page.name
        assert re.search(r'<script [^>]*src="[./]*_static/ideas\.js', text), page.name
    assert (out / "_static" / "ideas.css").is_file()
    assert (out / "_static" / "ideas.js").is_file()


def test_the_script_needs_no_library_and_no_network() -> None:
    """The filter is plain browser JavaScript: nothing fetched, imported or evaluated."""
    script = (ROOT / "sphinxcontrib_ideas" / "static" / "ideas.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)
    for word in ("fetch(", "XMLHttpRequest", "import", "require(", "eval(", "http", "jQuery"):
        assert word not in code, word
    assert "$(" not in code
    assert "addEventListener" in code  # it does work in the page


def test_the_readme_command_builds_a_fresh_clone(tmp_path: Path) -> None:
    """``make demo`` in a copy of the tracked files (a fresh clone of this working tree)
    builds the docs and prints the page to open. The venv is this one, so nothing is
    installed (``-o`` tells make the docs' install stamp is up to date)."""
    clone = tmp_path / "clone"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    venv = Path(sys.executable).parent.parent
    make = ["make", "-o", f"{venv}/.installed-docs", "demo", f"VENV={venv}"]
    result = subprocess.run(make, cwd=clone, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    index = clone / "docs" / "_build" / "html" / "index.html"
    assert index.is_file()
    assert f"open {index}" in result.stdout


# -- sphinx-autobuild: serving does not rebuild in a loop -------------------------------

AUTOBUILD = Path(sys.executable).parent / "sphinx-autobuild"
#: How long the server is watched for a build nobody asked for.
SETTLE = 6.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.25)


@pytest.mark.skipif(not AUTOBUILD.exists(), reason="sphinx-autobuild is not installed")
def test_autobuild_rebuilds_once_per_edit(tmp_path: Path, seed_path: Path) -> None:
    """The set-up the usage page recommends (ideas file outside the source folder,
    ``--watch`` its folder, ``--ignore`` the generated one): one build at start, one per
    edit of the ideas file, and none in a loop after either."""
    src, data, out = tmp_path / "src", tmp_path / "data", tmp_path / "out"
    shutil.copytree(DOCS / "_examples" / "rst", src)
    (src / "index.rst").write_text(
        "Project ideas\n=============\n\n.. ideas-catalog:: ../data/ideas.md\n", encoding="utf-8"
    )
    data.mkdir()
    ideas = data / "ideas.md"
    shutil.copyfile(seed_path, ideas)
    log = tmp_path / "autobuild.log"
    cmd = [str(AUTOBUILD), str(src), str(out), "--host", "127.0.0.1", "--port", str(free_port())]
    cmd += ["--ignore", str(src / "ideas"), "--watch", str(data), "-q"]
    with log.open("w") as sink:
        server = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:

        def builds() -> int:
            return log.read_text(encoding="utf-8", errors="replace").count("-m sphinx build")

        page = out / "ideas" / "tikv.html"
        wait_for(page.is_file, timeout=300, what="the first build")
        time.sleep(SETTLE)
        assert builds() == 1, log.read_text(encoding="utf-8")

        def edit(old: str, new: str, *, shown: str, what: str) -> None:
            """Edit the ideas file; wait until the page shows ``shown``, and a while more."""
            text = ideas.read_text(encoding="utf-8")
            ideas.write_text(text.replace(old, new), "utf-8")
            wait_for(
                lambda: shown in page.read_text(encoding="utf-8"),
                timeout=300,
                what=f"the rebuild after {what}",
            )
            time.sleep(SETTLE)

        edit("Coprocessor plugin", "Coprocessor plug-in", shown="plug-in", what="a title edit")
        assert builds() == 2, log.read_text(encoding="utf-8")
        # the title shows on the catalog page and in the indices too, written (not read)
        # by that same rebuild
        for listing in ("index.html", "ideas/skills.html", "ideas/mentors.html"):
            assert "Coprocessor plug-in" in (out / listing).read_text(encoding="utf-8")
        # a word of a description: spliced into the kept parse, one rebuild again
        assert "on top of Wasmer" in ideas.read_text(encoding="utf-8")
        edit("on top of Wasmer", "on top of Wasmtime", shown="Wasmtime", what="a description edit")
        assert builds() == 3, log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_format_generated_example() -> None:
    result, lines = read_format_example("generated.md")
    (alpha, beta) = result.catalog.projects
    assert [(i.title, i.url) for i in alpha.ideas] == [
        ("Form UI from JSON Schema", "https://issues.example.org/browse/ALPHA-39"),
        ("Query assistant", "https://issues.example.org/browse/ALPHA-41"),
    ]
    form = alpha.ideas[0]
    assert [(m.name, m.email) for m in form.mentors] == [
        ("Ann Example", "ann@example.org"),
        ("Bo Example", "bo@example.org"),
    ]
    (transport,) = beta.ideas
    assert "Build the toolchain" in transport.description  # "First steps" stays with it
    assert [m.github for m in transport.mentors] == ["Dee"]
    typed = line_of(lines, "- Mentors: Dee Example (@Dee Example, dee@example.org)")
    assert warned(result) == [(typed, "github-handle")]


def test_the_format_page_shows_a_reading_corrected_in_conf_py(build_docs: BuildDocs) -> None:
    text = " ".join(page_text(build_docs("html") / "format.html").split())
    assert "ideas.md:0: error: no ideas found [ideas.empty]" in text  # as it is
    assert "project 'Example Org' (line 1) idea 'Faster import' (line 3)" in text
    assert "idea 'Better docs' (line 10)" in text
    assert "Administrative Notes" in text
