"""Text helpers shared by the value parsers: items, bracket-aware splitting, validators.

Data flow: used by :mod:`._mentors`, :mod:`._skills` and :mod:`._urls`, which
:mod:`.normalize` re-exports. Pure text processing; no Sphinx, no markdown-it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import urlsplit

from .model import Diagnostic, Subtype

__all__ = [
    "AUTOLINK",
    "BR",
    "LINK",
    "QUALIFIER",
    "Text",
    "diag",
    "is_placeholder",
    "is_valid_email",
    "is_valid_github_handle",
    "is_valid_url",
    "nested_spans",
    "split_top",
    "squash",
    "strip_html",
    "strip_marker",
    "trimmed",
    "value_items",
    "word_set",
]


# "a. nix and bash": lettered lists too (lower case only: "A. Lee" is a name)
_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)]|[a-z][.)](?=[ \t]))(?:[ \t]+|$)")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_WS = re.compile(r"\s+")
_OPEN_TO_CLOSE = {"(": ")", "[": "]", "{": "}"}
# ``<...>`` is a bracket only as an autolink or e-mail: a bare ``<`` is text ("a < b").
_ANGLE = re.compile(r"<[^<>\s]+>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_BRACKET = re.compile(r"[()\[\]{}]")
_BRACKET_CHARS = re.compile(r"[()\[\]{}<`]")
_PLACEHOLDERS = frozenset(
    {
        "tbd",
        "tba",
        "tbc",
        "tbd tbd",
        "n a",
        "na",
        "none",
        "nil",
        "nobody",
        "unknown",
        "to be decided",
        "to be determined",
        "to be announced",
        "to be confirmed",
        "to be added",
        "coming soon",
        "will be added",
        "will be added later",
        "not yet",
        "todo",
        "fixme",
        "a ser mencionado",
        "a definir",
        "por definir",
        "will be created",
        "to be created",
        "will be filed",
        "to be filed",
        "xxx",
        "tbd later",
    }
)


_LONGEST_PLACEHOLDER = 2 * max(len(words) for words in _PLACEHOLDERS)


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of a value with the 1-based line of each of its characters' lines."""

    text: str
    #: Offsets in ``text`` where a new source line starts (first is always 0).
    starts: tuple[int, ...]
    #: The source line of each start.
    lines: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        """Source line of the character at ``offset``."""
        if len(self.lines) == 1:
            return self.lines[0]
        return self.lines[max(0, bisect_right(self.starts, offset) - 1)]

    def slice(self, start: int, end: int) -> Text:
        """The sub-text ``[start, end)`` keeping the line mapping."""
        if len(self.lines) == 1:  # most values are one line: no mapping to carry
            return Text(self.text[start:end], self.starts, self.lines)
        starts, lines = [0], [self.line_at(start)]
        for pos, line in zip(self.starts, self.lines, strict=True):
            if start < pos < end:
                starts.append(pos - start)
                lines.append(line)
        return Text(self.text[start:end], tuple(starts), tuple(lines))


def is_placeholder(text: str) -> bool:
    """True for "TBD", "N/A", "-", "to be decided" and other ways of saying nothing."""
    if len(text) > _LONGEST_PLACEHOLDER and any(char.isalnum() for char in text[:2]):
        return False
    words = re.sub(r"[\W_]+", " ", text).strip().casefold()
    return not words or words in _PLACEHOLDERS


def strip_marker(line: str) -> tuple[str, bool]:
    """A line without its list marker, and whether it had one."""
    match = _MARKER.match(line)
    if match:
        return line[match.end() :], True
    return line, False


def value_items(value: str, line: int, *, join_continuations: bool) -> list[Text]:
    """Split a value into items: one per line, or per bullet with its continuation lines.

    The inline part (before any sub-list) is an item of its own. With
    ``join_continuations`` an unmarked line continues the previous item (prose wraps);
    without, it starts a new item unless the previous one has an unclosed bracket.
    """
    items: list[tuple[list[str], list[int]]] = []
    for index, raw_line in enumerate(value.split("\n")):
        text, marked = strip_marker(strip_html(BR.sub(", ", raw_line)))
        text = text.strip()
        if not text:
            continue
        continues = items and not marked and (join_continuations or _unbalanced(items[-1][0]))
        if continues:
            items[-1][0].append(text)
            items[-1][1].append(line + index)
        else:
            items.append(([text], [line + index]))
    return [_join(parts, lines) for parts, lines in items]


_HTML_LINK = re.compile(
    r"<a\s[^<>]*?href\s*=\s*[\"']?(?P<url>[^\"'\s<>]+)[\"']?[^<>]*>(?P<text>[^<]*)</a\s*>",
    re.IGNORECASE,
)
# A tag has a name and maybe attributes after a space; autolinks (":", "@") never match.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def strip_html(text: str) -> str:
    """Inline HTML as Markdown: ``<a href=u>t</a>`` -> ``[t](u)``; other tags dropped.

    Values taken from HTML tables or pasted from web pages carry such markup.
    """
    if "<" not in text:
        return text
    text = _HTML_LINK.sub(lambda match: f"[{match.group('text')}]({match.group('url')})", text)
    return _HTML_TAG.sub(" ", text)


def _unbalanced(parts: list[str]) -> bool:
    text = " ".join(parts)
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def _join(parts: list[str], lines: list[int]) -> Text:
    starts, offset = [], 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + 1
    return Text(" ".join(parts), tuple(starts), tuple(lines))


def nested_spans(text: str) -> list[tuple[int, int]]:
    """Runs ``[start, end)`` of text inside matched brackets, autolinks or code spans.

    Unmatched brackets are ordinary characters, so "Go (basic, Python" still splits.
    Touching runs are merged: ``[@x](url)`` is one run.
    """
    if not _BRACKET_CHARS.search(text):
        return []  # the common case, kept cheap: values are parsed once per idea
    spans = [m.span() for m in _ANGLE.finditer(text)] + [
        m.span() for m in _CODE_SPAN.finditer(text)
    ]
    stack: list[tuple[str, int]] = []
    for match in _BRACKET.finditer(text):
        char, pos = match.group(), match.start()
        if char in _OPEN_TO_CLOSE:
            stack.append((char, pos))
        elif stack and _OPEN_TO_CLOSE[stack[-1][0]] == char:
            spans.append((stack.pop()[1], pos + 1))
    return _merge_spans(spans)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` touches a run; ``spans`` are sorted and disjoint.

    Only the last run starting before ``end`` can overlap: every earlier one ends before
    that one starts. Bisecting keeps long values linear.
    """
    index = bisect_right(starts, end - 1) - 1
    return index >= 0 and spans[index][1] > start


def split_top(item: Text, separator: re.Pattern[str]) -> list[Text]:
    """Split at ``separator`` matches that lie outside brackets; empty pieces dropped."""
    spans = nested_spans(item.text)
    starts = [span_start for span_start, _ in spans]
    pieces, start = [], 0
    for match in separator.finditer(item.text):
        if match.start() == match.end() or _overlaps(spans, starts, match.start(), match.end()):
            continue
        pieces.append(item.slice(start, match.start()))
        start = match.end()
    pieces.append(item.slice(start, len(item.text)))
    return [trimmed(piece) for piece in pieces if piece.text.strip()]


def trimmed(piece: Text) -> Text:
    """The piece without surrounding whitespace (line mapping kept)."""
    lead = len(piece.text) - len(piece.text.lstrip())
    return piece.slice(lead, len(piece.text.rstrip()))


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated block (easier to read and extend)."""
    return frozenset(text.split())


def squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Validators
# ---------------------------------------------------------------------------------------

_HANDLE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_HOST = re.compile(
    r"(?:[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,61}[A-Za-z0-9\u00a1-\uffff])?\.)+"
    r"[A-Za-z\u00a1-\uffff]{2,63}|localhost|\d{1,3}(?:\.\d{1,3}){3}"
)


def is_valid_github_handle(handle: str) -> bool:
    """GitHub's username rules: 1-39 alphanumerics or single inner hyphens."""
    return _HANDLE.fullmatch(handle) is not None


def is_valid_email(address: str) -> bool:
    """A plausible ``local@domain.tld`` address (no display name, no brackets)."""
    return len(address) <= 254 and _EMAIL.fullmatch(address) is not None


def is_valid_url(url: str) -> bool:
    """An absolute ``http``/``https`` URL with a real host and no whitespace."""
    if not url or _WS.search(url):
        return False
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in {"http", "https"} and port_ok and _HOST.fullmatch(host) is not None


#: A Markdown link ``[text](url "title")``; the ``@`` of ``@[handle](url)`` goes with it.
#: The URL may hold balanced parentheses, as CommonMark allows (``.../Foo_(bar)``,
#: ``javascript:alert(1)``), one level deep.
LINK = re.compile(
    r"@?\[(?P<text>[^\[\]]*)\]\(\s*<?(?P<url>(?:[^()\s<>]|\([^()\s<>]*\))*)>?"
    r"(?:\s+\"[^\"]*\")?\s*\)"
)
#: A CommonMark autolink ``<https://...>`` or ``<me@example.org>``.
AUTOLINK = re.compile(r"<(?P<url>[^<>\s]+)>")
#: A parenthesised remark without nested parentheses: "(basic)", "(new feature)".
QUALIFIER = re.compile(r"\(\s*(?P<q>[^()]*)\s*\)")


def diag(line: int, subtype: Subtype, message: str) -> Diagnostic:
    """A warning about a value; the parser fills in ``source``."""
    return Diagnostic(line=line, subtype=subtype, message=message, severity="warning")
