"""PDF output: symbols no font has named, and a warning where the PDF will lose text.

pdflatex sets only the characters its font encodings declare. With Sphinx's defaults
(``T1`` fonts, no Greek or Cyrillic encoding unless the language or ``fontenc`` asks for
them) a CJK, Arabic or emoji character, a full-width comma or a zero-width space gives
"Unicode character not set up" and vanishes, yet the PDF is still written; past 100 such
errors pdflatex stops. Read the Docs builds PDFs with pdflatex unless ``latex_engine`` says
otherwise, and calls the build green.

Emoji are in no font a LaTeX engine uses (none draws colour glyphs), and invisible format
characters (a zero-width space) are missing from most: in the extension's own content they
become their names in brackets ("[rocket]") or go, in every engine.

xelatex and lualatex set every character their fonts have. With Sphinx's default fonts
(FreeFont, when ``latex_elements`` sets no ``fontpkg``) the bold and italic faces, used
for titles, links and emphasis, cover Latin, Greek and Cyrillic only, and no face has
CJK, which a project adds with ``xeCJK`` (see the docs' PDF output section).

Data flow: ``builder-inited`` of the latex builder --> each ideas file of the build scanned
for characters the engine and fonts cannot set (:func:`unsettable`) --> one
``ideas.latex`` warning per file, at the line of the first, with how many there are and a
few examples. Later, :class:`NameSymbols` (a post-transform of the latex builder) names
the symbols in the pages' ideas content.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ._logging import file_location, warn
from .ideasfile.model import Subtype
from .pages import build_plan

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Ranges pdflatex sets with Sphinx's default ``T1`` fonts and LaTeX's ``textcomp``
#: symbols: Basic Latin, Latin-1, Latin Extended-A, and single characters below.
_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x100, 0x17F))
_SINGLES = frozenset(
    "\t\n\r\u0218\u0219\u021a\u021b\u02c6\u02c7\u02d8\u02d9\u02da\u02db\u02dc\u02dd"
    "\u2013\u2014\u2016\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026"
    "\u2030\u2031\u2039\u203a\u2044\u20ac\u2103\u2116\u2122\u2126\u2190\u2191\u2192"
    "\u2193\u2212\u25e6\u266a"
    # what Sphinx's LaTeX writer replaces itself (sphinx.util.texescape)
    "\u2713\u2714\u2715\u2716\ufeff\u23bd\u212f\u2148\u221e\u00b1\u2023"
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
    "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"
)
_GREEK = (0x370, 0x3FF)
_CYRILLIC = (0x400, 0x4FF)
#: What the bold and italic faces of FreeFont (Sphinx's fonts for xelatex and lualatex)
#: have beyond :data:`_RANGES`: Latin Extended-B and Additional, IPA, Greek (also
#: extended), Cyrillic, punctuation, super- and subscripts, currency, letterlike symbols,
#: arrows and mathematical operators.
_FREEFONT = (
    (0x180, 0x2FF),
    (0x370, 0x52F),
    (0x1E00, 0x1FFF),
    (0x2000, 0x22FF),
)
#: What ``xeCJK`` sets with a CJK font: CJK symbols and punctuation, kana, Hangul,
#: ideographs (with extension A and compatibility ideographs) and full-width forms.
_CJK = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)
#: Emoji and pictographs (named), variation selectors, zero-width and other invisible
#: format characters, and tag characters (dropped): no LaTeX font draws them.
_SYMBOLS = "\U0001f000-\U0001faff"
_INVISIBLE = (
    "\u200b-\u200d\u2060-\u2064\ufe00-\ufe0f\ufeff\U000e0000-\U000e007f"
    "\U0001f3fb-\U0001f3ff"  # skin tones: part of the emoji before them
)
_REPLACED = re.compile(f"[{_SYMBOLS}{_INVISIBLE}]")
_DROPPED = re.compile(f"[{_INVISIBLE}]")
_SYMBOL = re.compile(f"[{_SYMBOLS}]")
#: How many different characters a warning shows.
_EXAMPLES = 5


@functools.cache
def _unsettable_pattern(
    *, greek: bool, cyrillic: bool, freefont: bool = False, cjk: bool = False
) -> re.Pattern[str]:
    """One character the PDF loses: the complement of :data:`_RANGES`, :data:`_SINGLES`,
    the scripts asked for and the characters :class:`NameSymbols` replaces, as a regular
    expression, so that a file of tens of megabytes is scanned in C, not character by
    character in Python."""
    ranges = [*_RANGES, *([_GREEK] if greek else []), *([_CYRILLIC] if cyrillic else [])]
    ranges += [*(_FREEFONT if freefont else ()), *(_CJK if cjk else ())]
    allowed = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    allowed += "".join(f"\\u{ord(char):04x}" for char in sorted(_SINGLES))
    return re.compile(f"[^{allowed}{_SYMBOLS}{_INVISIBLE}]")


def settable(char: str, *, greek: bool = False, cyrillic: bool = False) -> bool:
    """Whether pdflatex sets ``char`` with Sphinx's default preamble (plus the Greek or
    Cyrillic font encodings when the project loads them), or the extension names or drops
    it (:func:`symbols_named`)."""
    return _unsettable_pattern(greek=greek, cyrillic=cyrillic).match(char) is None


def unsettable(
    text: str,
    *,
    greek: bool = False,
    cyrillic: bool = False,
    freefont: bool = False,
    cjk: bool = False,
) -> tuple[int, int, list[str]]:
    """(count, line of the first, distinct examples) of the characters of ``text`` that
    the PDF loses: with pdflatex by default; with xelatex or lualatex and FreeFont when
    ``freefont`` (in bold or italic), plus ``cjk`` when the project loads ``xeCJK``;
    (0, 0, []) when there are none."""
    pattern = _unsettable_pattern(greek=greek, cyrillic=cyrillic, freefont=freefont, cjk=cjk)
    first = pattern.search(text)
    if first is None:
        return 0, 0, []
    found = pattern.findall(text, first.start())
    examples = list(dict.fromkeys(found))[:_EXAMPLES]
    return len(found), text.count("\n", 0, first.start()) + 1, examples


def _shown(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) in ("Cf", "Zs", "Cc", "Mn") or not char.isprintable():
        return f"{code} {name}".strip()
    return f"{char!r} {code}"


def warn_unsettable_characters(app: Sphinx) -> None:
    """``builder-inited``: warn once per ideas file about the characters the PDF will
    lose, with pdflatex, or with xelatex/lualatex and Sphinx's default fonts."""
    if app.builder.name != "latex":
        return
    engine = app.config.latex_engine
    elements = {key: str(value) for key, value in (app.config.latex_elements or {}).items()}
    if engine == "pdflatex":
        fontenc = elements.get("fontenc", "")
        options = {
            "greek": "LGR" in fontenc,
            "cyrillic": "T2A" in fontenc
            or "X2" in fontenc
            or _cyrillic_language(app.config.language),
        }
        lost = "%d characters pdflatex cannot set"
        fix = "or stop after 100: set latex_engine = 'xelatex' with fonts that have them"
    elif engine in ("xelatex", "lualatex") and "fontpkg" not in elements:
        # FreeFont, unless the project chose fonts (we cannot tell what those have)
        options = {"freefont": True, "cjk": any("xeCJK" in v for v in elements.values())}
        lost = "%d characters Sphinx's default fonts (FreeFont) lack in bold or italic"
        fix = "set fonts that have them in latex_elements['fontpkg'] (and xeCJK for CJK)"
    else:
        return
    for spec in build_plan(app).specs:
        try:
            with open(spec.path, encoding="utf-8", errors="replace") as stream:
                text = stream.read()
        except OSError:
            continue  # reported where the file is read
        count, line, examples = unsettable(text, **options)
        if not count:
            continue
        warn(
            f"{lost}, the first on this line (%s); the PDF will lose them, {fix} (see the "
            "PDF output section of the docs), or remove them",
            count,
            ", ".join(map(_shown, examples)),
            subtype=Subtype.LATEX,
            location=file_location(spec.path, line),
        )


def symbols_named(text: str) -> str:
    """``text`` with each emoji as its name in brackets ("[rocket]") and invisible format
    characters (zero-width space, variation selectors, tags) left out."""
    if _REPLACED.search(text) is None:
        return text
    visible = _DROPPED.sub("", text)
    return _SYMBOL.sub(lambda m: f"[{unicodedata.name(m.group(), 'symbol').lower()}]", visible)


class NameSymbols(SphinxPostTransform):
    """latex: the symbols of the extension's content (inside an element whose class
    starts with ``ideas-``) become their names, so that no engine drops them."""

    default_priority = 400
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if _REPLACED.search(text) is None or not _is_ours(text):
                continue
            parent = text.parent
            if parent is not None:
                parent.replace(text, nodes.Text(symbols_named(str(text))))


def _is_ours(node: nodes.Node) -> bool:
    """Whether ``node`` lies inside an element the extension made."""
    for ancestor in _ancestors(node):
        classes: list[str] = ancestor.get("classes", [])
        if any(c.startswith("ideas-") for c in classes):
            return True
    return False


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _cyrillic_language(language: str | None) -> bool:
    """Whether babel sets Cyrillic fonts up for ``language`` (as Sphinx's builder asks)."""
    return (language or "").split("_")[0] in {"ru", "uk", "bg", "kk", "mn"}
