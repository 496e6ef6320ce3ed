"""PDFs that hold every character and fit the page, compiled as Read the Docs compiles them.

Data flow: a test site (the sample, or ``fixtures/pdf-stress.md``: CJK, Arabic, emoji,
invisible characters, long links, a wide table) or ``docs/`` --(sphinx-build -b latex,
with the PDF recipe of ``docs/conf.py``)--> ``.tex`` --(``latexmk -r latexmkrc -pdf -f
-dvi- -ps- -interaction=nonstopmode``, Read the Docs' command)--> PDF, read back with
``pdftotext``. The assertions read LaTeX's log: no error, no missing character (other
than those the extension warned about, at their line), no line far wider than the page.

Needs TeX Live, xeCJK, Noto CJK and FreeFont (``scripts/install-tex-deps.sh``, which
``make test`` runs); a machine without them fails here rather than skipping, like the
browser tests.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from _docs_build import DOCS, built_docs
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas._latex import symbols_named
from sphinxcontrib_ideas.ideasfile import load_catalog

pytestmark = pytest.mark.pdf

FIXTURES = Path(__file__).parent / "fixtures"
#: How far past the right margin a line may reach (LaTeX's "Overfull \hbox"): a few
#: points are invisible, a URL running off the page is a hundred and more.
TOLERANCE_PT = 20.0


def _need_tex() -> None:
    if not all(shutil.which(tool) for tool in ("xelatex", "latexmk", "pdftotext")):
        pytest.fail("TeX Live and poppler-utils are needed: run scripts/install-tex-deps.sh")


def recipe() -> dict[str, Any]:
    """The PDF settings of ``docs/conf.py``: the recipe the docs teach, used as written."""
    conf = runpy.run_path(str(DOCS / "conf.py"))
    return {key: conf[key] for key in ("latex_engine", "latex_use_xindy", "latex_elements")}


class Compiled:
    """A LaTeX folder compiled with latexmk: its log and the PDF's text."""

    def __init__(self, latex_dir: Path) -> None:
        # the main file (Sphinx writes one per latex_documents entry; we have one)
        (tex,) = [p for p in latex_dir.glob("*.tex") if "\\begin{document}" in p.read_text("utf-8")]
        name = tex.stem
        cmd = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-"]
        cmd += [f"-jobname={name}", "-interaction=nonstopmode", tex.name]
        run = subprocess.run(
            cmd, cwd=latex_dir, capture_output=True, text=True, timeout=600, check=False
        )
        pdf = latex_dir / f"{name}.pdf"
        assert pdf.is_file(), f"no PDF:\n{run.stdout[-3000:]}"
        self.log = (latex_dir / f"{name}.log").read_text("utf-8", errors="replace")
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.text = _squashed(text)

    def errors(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith("!")]

    def missing(self) -> set[str]:
        """Characters a font lacked (XeTeX's "Missing character: There is no X")."""
        return set(re.findall(r"Missing character: There is no (.) ", self.log))

    def widest_overflow(self) -> float:
        return max(
            map(float, re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", self.log)), default=0.0
        )

    def shows(self, title: str) -> bool:
        return _squashed(title) in self.text


def _squashed(text: str) -> str:
    """``text`` without spaces, hyphens or soft hyphens: how a title broken across lines
    (or hyphenated) by LaTeX still compares with the file's."""
    return re.sub(r"[\s\u00ad\u2010-]+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_the_sample_compiles_with_the_recipe(
    make_app: MakeApp, tmp_path: Path, seed_path: Path, host: str
) -> None:
    _need_tex()
    app = build(make_app, make_site(tmp_path, host), "latex", confoverrides=recipe())
    assert warnings(app) == []
    pdf = Compiled(Path(app.outdir))
    assert pdf.errors() == []
    assert pdf.missing() == set()
    assert pdf.widest_overflow() <= TOLERANCE_PT
    catalog = load_catalog(seed_path).catalog
    for project, idea in catalog.iter_ideas():
        assert pdf.shows(project.name), project.name
        assert pdf.shows(idea.title), idea.title
    # one-sided chapters: a page per project at most, no blank left-hand pages
    pages = int(re.search(r"Output written on .*?\((\d+) pages", pdf.log).group(1))  # type: ignore[union-attr]
    assert pages < 3 * len(catalog.projects)


def _stress_site(tmp_path: Path, host: str) -> Path:
    """The host's configuration, the stress file, and a page with its catalog and an
    ``ideas-table``."""
    srcdir = make_site(tmp_path, host)
    shutil.copyfile(FIXTURES / "pdf-stress.md", srcdir / "ideas.md")
    columns = "title, project, skills, mentors, issues"
    for old in srcdir.glob("*.*"):
        if old.suffix in (".rst", ".md") and old.name != "ideas.md":
            old.unlink()  # the root's pages name the sample's objects
    if host == "catalog-rst":
        page = "Stress\n======\n\n.. ideas-catalog:: ideas.md\n\n.. ideas-table::\n"
        (srcdir / "index.rst").write_text(f"{page}   :columns: {columns}\n", encoding="utf-8")
    else:
        page = "# Stress\n\n```{ideas-catalog} ideas.md\n```\n\n```{ideas-table}\n"
        (srcdir / "index.md").write_text(f"{page}:columns: {columns}\n```\n", encoding="utf-8")
    return srcdir


def _first_line_with(path: Path, script: str) -> tuple[int, set[str]]:
    """The first line holding a character of ``script`` (a Unicode name's first word),
    and every such character of the file."""
    text = path.read_text("utf-8")
    chars = {c for c in text if unicodedata.name(c, "").startswith(script + " ")}
    line = next(n for n, row in enumerate(text.splitlines(), 1) if chars & set(row))
    return line, chars


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_the_stress_file_compiles_and_warns_at_the_lines_it_loses(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    _need_tex()
    srcdir = _stress_site(tmp_path, host)
    app = build(make_app, srcdir, "latex", confoverrides=recipe())
    # Arabic: the recipe's fonts have it upright only, not in the bold of a title
    line, arabic = _first_line_with(srcdir / "ideas.md", "ARABIC")
    (warning,) = warnings(app)
    assert warning.startswith(f"{srcdir / 'ideas.md'}:{line}: WARNING: ")
    assert warning.endswith("[ideas.latex]")
    pdf = Compiled(Path(app.outdir))
    assert pdf.errors() == []
    # CJK (with full-width punctuation), emoji and invisible characters are all set or
    # named: the only characters missing are those the warning named
    assert pdf.missing() <= arabic
    assert pdf.widest_overflow() <= TOLERANCE_PT
    for _project, idea in load_catalog(srcdir / "ideas.md").catalog.iter_ideas():
        if not any(c in arabic for c in idea.title):
            assert pdf.shows(symbols_named(idea.title)), idea.title
    assert pdf.shows("协处理器插件：性能测试、基准")
    assert pdf.shows("Emoji [party popper] in a description, a zero-widthspace, a joiner and")


def test_the_docs_compile(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> None:
    """Our own docs, as Read the Docs builds their PDF (``-W`` for the LaTeX, latexmk)."""
    _need_tex()
    # a copy: the LaTeX folder is shared with tests/test_docs.py, which reads it as built
    latex = tmp_path_factory.mktemp("docs-pdf") / "latex"
    shutil.copytree(built_docs(tmp_path_factory, "latex"), latex)
    pdf = Compiled(latex)
    assert pdf.errors() == []
    assert pdf.missing() == set()
    assert pdf.widest_overflow() <= TOLERANCE_PT
    for _project, idea in load_catalog(seed_path).catalog.iter_ideas():
        assert pdf.shows(idea.title), idea.title
