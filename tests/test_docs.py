"""The documentation builds the way Read the Docs builds it, and documents everything.

Data flow: ``docs/`` --(``sphinx-build -W`` in a subprocess, offline, output in a tmp
folder)--> html, singlehtml (RTD's htmlzip), epub and latex (RTD's PDF, without compiling
it). The generated reference tables are then compared with the code's own lists: every
config value, directive option, role and warning subtype the code defines is in the docs.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinxcontrib_ideas.config import CONFIG_VALUES
from sphinxcontrib_ideas.directives import CATALOG_OPTIONS
from sphinxcontrib_ideas.domain import ROLES
from sphinxcontrib_ideas.listing import LIST_OPTIONS, TABLE_COLUMNS, TABLE_OPTIONS
from sphinxcontrib_ideas.model import Subtype
from sphinxcontrib_ideas.reader import load_catalog

DOCS = Path(__file__).parent.parent / "docs"
EXAMPLES = sorted(p.name for p in (DOCS / "_examples").iterdir() if (p / "conf.py").is_file())

pytestmark = pytest.mark.docs

BuildDocs = Callable[[str], Path]


def run_sphinx(builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -W --keep-going`` as Read the Docs runs it, with fresh doctrees."""
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        builder,
        "-d",
        str(out / ".doctrees"),
        str(DOCS),
        str(out / builder),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="session")
def build_docs(tmp_path_factory: pytest.TempPathFactory) -> BuildDocs:
    """Build ``docs/`` once per builder in the session; fail with Sphinx's own output."""
    built: dict[str, Path] = {}

    def build(builder: str) -> Path:
        if builder not in built:
            out = tmp_path_factory.mktemp(f"docs-{builder}")
            result = run_sphinx(builder, out)
            assert result.returncode == 0, f"{builder} build failed:\n{result.stderr}"
            assert result.stderr.strip() == "", f"{builder} build warned:\n{result.stderr}"
            built[builder] = out / builder
        return built[builder]

    return build


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
    assert page.count('class="ideas-idea') >= catalog.idea_count
    # Controls are added by the script in a browser; the built page holds none.
    assert "ideas-filter" not in re.sub(r"<script\b.*?</script>", "", page, flags=re.DOTALL)


def test_singlehtml_links_resolve(build_docs: BuildDocs) -> None:
    """In the single page (Read the Docs' htmlzip) every ideas link points at an id."""
    page = (build_docs("singlehtml") / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    links = re.findall(r'<a class="[^"]*ideas-[^"]*"[^>]* href="#([^"]+)"', page)
    links += re.findall(r'<a [^>]*href="#([^"]+)"[^>]*title="[^"]*"><span class="xref ideas', page)
    assert links
    assert [link for link in links if html.unescape(link) not in ids] == []


def test_epub_builds(build_docs: BuildDocs) -> None:
    out = build_docs("epub")
    epubs = list(out.glob("*.epub"))
    assert len(epubs) == 1
    assert epubs[0].stat().st_size > 10_000


def test_latex_builds(build_docs: BuildDocs, seed_path: Path) -> None:
    out = build_docs("latex")
    tex = (out / "sphinxcontrib-ideas.tex").read_text(encoding="utf-8")
    assert r"\begin{document}" in tex
    for name in seed_catalog(seed_path):
        # LaTeX escapes a few characters (SPIFFE/SPIRE keeps its slash): compare a word.
        word = re.split(r"\W+", name)[0]
        assert word in tex, f"project {name!r} missing from the LaTeX output"


def test_every_subtype_is_documented(build_docs: BuildDocs) -> None:
    text = page_text(build_docs("html") / "warnings.html")
    missing = [s.value for s in Subtype if f"ideas.{s.value}" not in text]
    assert missing == []


def test_every_config_value_is_documented(build_docs: BuildDocs) -> None:
    text = page_text(build_docs("html") / "usage.html")
    missing = [value.name for value in CONFIG_VALUES if value.name not in text]
    assert missing == []


def test_every_option_and_role_is_documented(build_docs: BuildDocs) -> None:
    text = page_text(build_docs("html") / "usage.html")
    for options in (CATALOG_OPTIONS, LIST_OPTIONS, TABLE_OPTIONS):
        assert [name for name, _doc in options if f":{name}:" not in text] == []
    assert [name for name, _doc in TABLE_COLUMNS if name not in text] == []
    assert [role for role in ROLES if f":ideas:{role}:" not in text] == []
    assert [role for role in ROLES if f"{{ideas:{role}}}" not in text] == []


def test_the_cli_help_is_in_the_docs(build_docs: BuildDocs) -> None:
    text = page_text(build_docs("html") / "cli.html")
    for option in ("--strict", "--suppress", "--skill-alias", "--no-emails", "--format"):
        assert option in text


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


def test_a_second_build_changes_nothing(tmp_path: Path) -> None:
    """What sphinx-autobuild relies on: a rebuild reads no page and rewrites no stub."""
    cmd = [sys.executable, "-m", "sphinx", "-W", "-b", "html", "-d", str(tmp_path / "d")]
    cmd += [str(DOCS), str(tmp_path / "html")]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert first.returncode == 0, first.stderr
    stubs = {p: p.stat().st_mtime_ns for p in (DOCS / "ideas").rglob("*") if p.is_file()}
    assert stubs
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert second.returncode == 0, second.stderr
    assert "0 added, 0 changed, 0 removed" in second.stdout
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
