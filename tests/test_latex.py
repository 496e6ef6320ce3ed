"""PDF output: a located warning where pdflatex would lose characters of the ideas file.

pdflatex cannot set CJK, Arabic, emoji or a zero-width space with Sphinx's default fonts:
it drops them and still writes the PDF (Read the Docs calls that green). The latex builder
warns once per ideas file, at the first such character's line, with the count.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas._latex import _shown, settable, unsettable

TIKV_TITLE = "##### Coprocessor plugin"


def _with_characters(srcdir: Path) -> int:
    """Put CJK in a title, an emoji and a zero-width space further down; the title's line."""
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8")
    assert TIKV_TITLE in text
    text = text.replace(TIKV_TITLE, TIKV_TITLE + " 协处理器", 1)
    text = text.replace("on top of Wasmer.", "on top of Wasmer 🚀.\u200b", 1)
    ideas.write_text(text, encoding="utf-8")
    return next(n for n, line in enumerate(text.split("\n"), 1) if "协处理器" in line)


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_pdflatex_is_warned_once_per_file_at_the_first_line(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    line = _with_characters(srcdir)
    app = build(make_app, srcdir, "latex")
    (warning,) = warnings(app)
    assert warning.startswith(f"{srcdir / 'ideas.md'}:{line}: WARNING: 6 characters pdflatex ")
    assert "'协' U+534F" in warning  # the first characters, shown with their code points
    assert "latex_engine = 'xelatex'" in warning
    assert warning.endswith("[ideas.latex]")
    # the rest is built as before
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Coprocessor plugin" in tex


@pytest.mark.parametrize(
    ("builder", "overrides"),
    [
        ("latex", {"latex_engine": "xelatex"}),
        ("latex", {"latex_engine": "lualatex"}),
        ("latex", {"suppress_warnings": ["ideas.latex"]}),
        ("html", {}),
        ("text", {}),
    ],
)
def test_no_warning_where_nothing_is_lost(
    make_app: MakeApp, tmp_path: Path, builder: str, overrides: dict[str, object]
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    _with_characters(srcdir)
    app = build(make_app, srcdir, builder, confoverrides=overrides)
    assert warnings(app) == []


def test_the_sample_is_clean_for_pdflatex(seed_path: Path) -> None:
    assert unsettable(seed_path.read_text(encoding="utf-8")) == (0, 0, [])


def test_invisible_characters_are_named() -> None:
    assert _shown("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert _shown("：") == "'：' U+FF1A"


def test_greek_and_cyrillic_follow_the_font_encodings() -> None:
    assert not settable("λ")
    assert settable("λ", greek=True)
    assert not settable("ж")
    assert settable("ж", cyrillic=True)
    # Latin with accents, typographic punctuation and the euro are set
    assert all(settable(c) for c in "Ærøskøbing – “quoted” … € ł ő")
    assert not any(settable(c) for c in "：、）\u200b🚀中")


def test_greek_is_allowed_when_the_project_loads_lgr(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    ideas = srcdir / "ideas.md"
    ideas.write_text(ideas.read_text("utf-8").replace(TIKV_TITLE, TIKV_TITLE + " (λ)", 1), "utf-8")
    warned = build(make_app, srcdir, "latex")
    assert [w.endswith("[ideas.latex]") for w in warnings(warned)] == [True]
    fontenc = {"fontenc": r"\usepackage[LGR,T1]{fontenc}"}
    quiet = build(make_app, srcdir, "latex", confoverrides={"latex_elements": fontenc})
    assert warnings(quiet) == []
