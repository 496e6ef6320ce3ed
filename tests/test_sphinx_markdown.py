"""Markdown fragments of an ideas file rendered with MyST in any host page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings


def _description(html: str) -> str:
    start = html.index('class="ideas-description')
    return html[start : html.index('class="ideas-meta', start)]


def _myst_host(srcdir: Path) -> dict[str, object]:
    """Make the site's host page MyST; the configuration that reads it."""
    (srcdir / "index.rst").unlink()
    (srcdir / "index.md").write_text(
        "# Markdown\n\n```{ideas-catalog} ideas.md\n```\n", encoding="utf-8"
    )
    return {
        "extensions": ["myst_parser", "sphinxcontrib_ideas"],
        "source_suffix": {".md": "markdown"},
    }


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_markdown_survives_in_either_host(make_app: MakeApp, tmp_path: Path, host: str) -> None:
    srcdir = make_site(tmp_path, "catalog-markdown")
    overrides = _myst_host(srcdir) if host == "myst" else {}
    app = build(make_app, srcdir, confoverrides=overrides)
    assert warnings(app) == []
    html = (Path(app.outdir) / "ideas" / "gamma.html").read_text(encoding="utf-8")
    description = _description(html)
    assert "<em>whole</em>" in description
    assert "<strong>Markdown</strong>" in description
    assert '<span class="pre">code</span>' in description
    assert 'href="https://example.org/doc">a link</a>' in description
    assert re.search(r"<ol[^>]*>\s*<li><p>a numbered list</p>\s*<ul", description)
    assert "<blockquote>" in description
    assert 'class="highlight-python' in description
    # the heading becomes a rubric: the idea keeps its place in the page's sections
    assert '<p class="rubric"' in description
    assert "A heading inside a description" in description
    assert len(re.findall(r"<section", html)) == 2  # the project and its one idea


def test_a_fragment_problem_is_located_in_the_ideas_file(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-markdown")
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8").replace("a second item", "a second item[^nowhere]")
    ideas.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  2. and a second item[^nowhere]") + 1
    app = build(make_app, srcdir)
    # ours, once, at its line: not docutils' own errors about footnote numbering
    assert warnings(app) == [
        f"{ideas}:{line}: WARNING: footnote [^nowhere] is not defined [ideas.markdown]"
    ]
    html = (Path(app.outdir) / "ideas" / "gamma.html").read_text(encoding="utf-8")
    assert "a second item[^nowhere]" in html


FOOTNOTES = """
##### Footnotes

- Description: One[^1], two[^note] and one again[^1].

  [^1]: the first note
  [^note]: the second note
- Recommended Skills: Python
- Mentor(s): Gina Gamma (@gina-gamma)

##### More footnotes

- Description: Again[^1].

  [^1]: same label, another idea
  [^lonely]: nobody refers to me
- Recommended Skills: Python
- Mentor(s): Gina Gamma (@gina-gamma)
"""


@pytest.mark.parametrize("builder", ["html", "singlehtml", "latex"])
def test_footnotes_work_per_fragment(make_app: MakeApp, tmp_path: Path, builder: str) -> None:
    srcdir = make_site(tmp_path, "catalog-markdown")
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8") + FOOTNOTES
    ideas.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  [^lonely]: nobody refers to me") + 1
    app = build(make_app, srcdir, builder)
    # two ideas may use the same label; an unused note is reported and kept as text
    assert warnings(app) == [
        f"{ideas}:{line}: WARNING: footnote [^lonely] is not referenced [ideas.markdown]"
    ]
    outdir = Path(app.outdir)
    if builder == "latex":
        (tex,) = outdir.glob("*.tex")
        latex = tex.read_text(encoding="utf-8")
        assert latex.count("\\begin{footnote}") == 3
        assert "nobody refers to me" in latex
        return
    page = "ideas/gamma.html" if builder == "html" else "index.html"
    html = (outdir / page).read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    refs = re.findall(r'class="footnote-reference brackets" href="#([^"]+)"', html)
    assert len(refs) == 4
    assert set(refs) <= set(ids)
    assert len(set(refs)) == 3
    assert "nobody refers to me" in html


def test_catalogs_listed_in_config_get_pages_without_a_directive(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-markdown")
    (srcdir / "index.rst").write_text("Home\n====\n\nNo directive here.\n", encoding="utf-8")
    app = build(make_app, srcdir, confoverrides={"ideas_catalogs": ["ideas.md"]})
    # the generated pages are orphans (no toctree names them), so no warning
    assert warnings(app) == []
    assert (Path(app.outdir) / "ideas" / "gamma.html").is_file()
    assert (srcdir / "ideas" / "gamma.rst").read_text(encoding="utf-8").startswith(":orphan:")


def test_problems_of_a_catalog_listed_only_in_config_are_reported_once(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-malformed")
    (srcdir / "index.rst").write_text("Home\n====\n\nNo directive here.\n", encoding="utf-8")
    overrides = {"ideas_catalogs": ["ideas.md"]}
    app = build(make_app, srcdir, confoverrides=overrides)
    problems = warnings(app)
    assert any(p.startswith(f"{srcdir / 'ideas.md'}:") and "[ideas.label]" in p for p in problems)
    again = build(make_app, srcdir, confoverrides=overrides, freshenv=False)
    assert warnings(again) == []


def test_myst_findings_and_unsafe_images_are_ideas_warnings_at_their_line(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-markdown")
    ideas = srcdir / "ideas.md"
    extra = "  > a block quote\n\n  [^a]: one\n\n  [^a]: two\n\n  ![pic](javascript:alert(1))\n"
    text = ideas.read_text(encoding="utf-8").replace("  > a block quote\n", extra)
    ideas.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    app = build(make_app, srcdir)
    problems = warnings(app)
    duplicate = lines.index("  [^a]: two") + 1
    image = lines.index("  ![pic](javascript:alert(1))") + 1
    assert any(p.startswith(f"{ideas}:{duplicate}: ") and "[ideas.markdown]" in p for p in problems)
    assert any(p.startswith(f"{ideas}:{image}: ") and "[ideas.unsafe]" in p for p in problems)
    html = (Path(app.outdir) / "ideas" / "gamma.html").read_text(encoding="utf-8")
    assert "javascript:" not in html
