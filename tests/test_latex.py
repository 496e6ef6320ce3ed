"""PDF output: a located warning where the PDF would lose characters of the ideas file,
and emoji named rather than lost.

pdflatex cannot set CJK or Arabic with Sphinx's default fonts, and xelatex's default fonts
lack them in bold and italic: the engine drops them and still writes the PDF (Read the Docs
calls that green). The latex builder warns once per ideas file, at the first such
character's line, with the count. Emoji (in no LaTeX font) become their names and invisible
format characters go, in every engine. ``test_pdf.py`` compiles the results.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas._latex import _shown, settable, symbols_named, unsettable

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
    # the four ideographs; the emoji and the zero-width space are not lost (below)
    assert warning.startswith(f"{srcdir / 'ideas.md'}:{line}: WARNING: 4 characters pdflatex ")
    assert "'协' U+534F" in warning  # the first characters, shown with their code points
    assert "latex_engine = 'xelatex'" in warning
    assert warning.endswith("[ideas.latex]")
    # the rest is built as before, the emoji by its name
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Coprocessor plugin" in tex
    assert "Wasmer {[}rocket{]}." in tex
    assert "🚀" not in tex
    assert "\u200b" not in tex


CJK_RECIPE = {"preamble": r"\usepackage{xeCJK}\setCJKmainfont{Noto Serif CJK SC}"}


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
def test_default_fonts_without_cjk_are_warned(
    make_app: MakeApp, tmp_path: Path, host: str, engine: str
) -> None:
    """xelatex and lualatex with Sphinx's fonts (FreeFont) have no CJK either."""
    srcdir = make_site(tmp_path, host)
    line = _with_characters(srcdir)
    app = build(make_app, srcdir, "latex", confoverrides={"latex_engine": engine})
    (warning,) = warnings(app)
    assert warning.startswith(f"{srcdir / 'ideas.md'}:{line}: WARNING: 4 characters Sphinx's ")
    assert "xeCJK" in warning
    assert warning.endswith("[ideas.latex]")


@pytest.mark.parametrize(
    ("builder", "overrides"),
    [
        # the docs' recipe: xeCJK with a CJK font
        ("latex", {"latex_engine": "xelatex", "latex_elements": CJK_RECIPE}),
        # fonts of the project's choosing: we cannot tell what they have
        ("latex", {"latex_engine": "lualatex", "latex_elements": {"fontpkg": "% chosen"}}),
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
    assert not any(settable(c) for c in "：、）中")
    # named or left out by the extension: never lost
    assert all(settable(c) for c in "\u200b🚀\ufe0f")


def test_symbols_are_named_and_invisible_characters_go() -> None:
    assert symbols_named("Ship 🚀 it\u200b now 👍🏽 ❤\ufe0f") == (
        "Ship [rocket] it now [thumbs up sign] ❤"
    )
    assert symbols_named("plain text, 中文") == "plain text, 中文"


def test_xelatex_with_freefont_warns_for_what_bold_and_italic_lack() -> None:
    arabic = "تحسين"
    assert unsettable(f"Title\n{arabic}", freefont=True) == (5, 2, list(arabic))
    assert unsettable("中文", freefont=True)[0] == 2
    assert unsettable("中文：、", freefont=True, cjk=True) == (0, 0, [])
    assert unsettable("Ελληνικά, русский, Tiếng Việt", freefont=True) == (0, 0, [])


def test_greek_is_allowed_when_the_project_loads_lgr(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    ideas = srcdir / "ideas.md"
    ideas.write_text(ideas.read_text("utf-8").replace(TIKV_TITLE, TIKV_TITLE + " (λ)", 1), "utf-8")
    warned = build(make_app, srcdir, "latex")
    assert [w.endswith("[ideas.latex]") for w in warnings(warned)] == [True]
    fontenc = {"fontenc": r"\usepackage[LGR,T1]{fontenc}"}
    quiet = build(make_app, srcdir, "latex", confoverrides={"latex_elements": fontenc})
    assert warnings(quiet) == []
