"""A warning where a PDF made with pdflatex will lose text.

pdflatex sets only the characters its font encodings declare. With Sphinx's defaults
(``T1`` fonts, no Greek or Cyrillic encoding unless the language or ``fontenc`` asks for
them) a CJK, Arabic or emoji character, a full-width comma or a zero-width space gives
"Unicode character not set up" and vanishes, yet the PDF is still written; past 100 such
errors pdflatex stops. Read the Docs builds PDFs with pdflatex unless ``latex_engine`` says
otherwise, and calls the build green.

Data flow: ``builder-inited`` of the latex builder, engine pdflatex --> each ideas file of
the build scanned for characters outside :func:`settable` --> one ``ideas.latex`` warning
per file, at the line of the first, with how many there are and a few examples.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

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
#: How many different characters a warning shows.
_EXAMPLES = 5


@functools.cache
def _unsettable_pattern(*, greek: bool, cyrillic: bool) -> re.Pattern[str]:
    """One character pdflatex cannot set: the complement of :data:`_RANGES`,
    :data:`_SINGLES` and the scripts asked for, as a regular expression, so that a file
    of tens of megabytes is scanned in C, not character by character in Python."""
    ranges = [*_RANGES, *([_GREEK] if greek else []), *([_CYRILLIC] if cyrillic else [])]
    allowed = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges)
    allowed += "".join(f"\\u{ord(char):04x}" for char in sorted(_SINGLES))
    return re.compile(f"[^{allowed}]")


def settable(char: str, *, greek: bool = False, cyrillic: bool = False) -> bool:
    """Whether pdflatex sets ``char`` with Sphinx's default preamble (plus the Greek or
    Cyrillic font encodings when the project loads them)."""
    return _unsettable_pattern(greek=greek, cyrillic=cyrillic).match(char) is None


def unsettable(
    text: str, *, greek: bool = False, cyrillic: bool = False
) -> tuple[int, int, list[str]]:
    """(count, line of the first, distinct examples) of the characters of ``text`` that
    pdflatex cannot set; (0, 0, []) when there are none."""
    pattern = _unsettable_pattern(greek=greek, cyrillic=cyrillic)
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
    """``builder-inited``: with pdflatex, warn once per ideas file about the characters
    the PDF will lose."""
    if app.builder.name != "latex" or app.config.latex_engine != "pdflatex":
        return
    elements = app.config.latex_elements or {}
    fontenc = str(elements.get("fontenc", ""))
    greek = "LGR" in fontenc
    cyrillic = "T2A" in fontenc or "X2" in fontenc or _cyrillic_language(app.config.language)
    for spec in build_plan(app).specs:
        try:
            with open(spec.path, encoding="utf-8", errors="replace") as stream:
                text = stream.read()
        except OSError:
            continue  # reported where the file is read
        count, line, examples = unsettable(text, greek=greek, cyrillic=cyrillic)
        if not count:
            continue
        warn(
            "%d characters pdflatex cannot set, the first on this line (%s); the PDF will "
            "lose them, or stop after 100: set latex_engine = 'xelatex' or 'lualatex' with "
            "fonts that have them (see the PDF output section of the docs), or remove them",
            count,
            ", ".join(map(_shown, examples)),
            subtype=Subtype.LATEX,
            location=file_location(spec.path, line),
        )


def _cyrillic_language(language: str | None) -> bool:
    """Whether babel sets Cyrillic fonts up for ``language`` (as Sphinx's builder asks)."""
    return (language or "").split("_")[0] in {"ru", "uk", "bg", "kk", "mn"}
