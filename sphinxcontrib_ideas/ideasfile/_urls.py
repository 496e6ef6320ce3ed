"""The Upstream Issue(s) value parser, and URL finding for any URL-valued field.

Data flow: the parser hands an issues value to :func:`parse_issues`, the linter hands
URL fields to :func:`find_urls` (both re-exported by :mod:`.normalize`).
"""

from __future__ import annotations

import re

from ._text import (
    AUTOLINK,
    BR,
    QUALIFIER,
    diag,
    is_placeholder,
    is_valid_url,
    squash,
    strip_html,
    strip_marker,
)
from .model import Diagnostic, Subtype

_MD_LINK_TARGET = re.compile(
    r"\[(?P<text>[^\[\]]*)\]\(\s*(?P<target>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_BARE_URL = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>\[\]\"'`]+", re.IGNORECASE)
_SHORTHAND = re.compile(r"(?<![\w/.#-])(?P<repo>[A-Za-z0-9][\w.-]*/[\w.-]+)#(?P<num>\d+)\b")
_HASH_ONLY = re.compile(r"(?<![\w/&])#(?P<num>\d+)\b")
_BROKEN_URL = re.compile(
    r"(?<![\w/])(?:h?t?tps?:/(?!/)\S*|https?//\S*|h?t?tps?:\\\S*|(?:htp|htps|hhtps?|http?s):/+\S*)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"*_"


def parse_issues(value: str, *, line: int) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """Issue URLs of an Upstream Issue(s) value, in order, without duplicates."""
    return find_urls(value, line=line, subject="upstream issue")


def find_urls(
    value: str, *, line: int, subject: str = "value"
) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """URLs of any field value (bare, autolinks, Markdown links, ``org/repo#1``), deduped.

    ``subject`` names the value in the "... is not a URL" message.
    """
    urls: list[str] = []
    diagnostics: list[Diagnostic] = []
    for index, raw_line in enumerate(value.split("\n")):
        for segment in BR.split(raw_line):  # "<br>" separates entries on one line
            text = strip_html(strip_marker(segment.strip())[0]).strip()
            if text:
                found, problems = _urls_in_line(text, line + index, subject=subject)
                urls.extend(url for url in found if url not in urls)
                diagnostics.extend(problems)
    return tuple(dict.fromkeys(urls)), tuple(diagnostics)


def _urls_in_line(text: str, line: int, *, subject: str) -> tuple[list[str], list[Diagnostic]]:
    found: list[tuple[int, str]] = []
    problems: list[Diagnostic] = []
    rest = text
    for match in _MD_LINK_TARGET.finditer(text):
        target = _link_target(match.group("target"))
        _note_url(target, match.start(), line, found, problems)
        rest = rest.replace(match.group(0), " ", 1)  # its text is a caption, not an issue
    for match in AUTOLINK.finditer(rest):
        _note_url(match.group("url"), match.start(), line, found, problems)
    rest = AUTOLINK.sub(" ", rest)
    for match in _BARE_URL.finditer(rest):
        _note_url(_strip_trailing(match.group(0)), match.start(), line, found, problems)
    rest = _BARE_URL.sub(" ", rest)
    for match in _SHORTHAND.finditer(rest):
        url = f"https://github.com/{match.group('repo')}/issues/{match.group('num')}"
        found.append((match.start(), url))
    rest = _SHORTHAND.sub(" ", rest)
    has_urls = bool(found) or bool(problems)
    problems.extend(_leftover_problems(rest, line, has_urls=has_urls, subject=subject))
    return [url for _, url in sorted(found, key=lambda pair: pair[0])], problems


def _link_target(target: str) -> str:
    """``<url> "title"`` -> ``url``; spaces inside a bare target are kept (and reported)."""
    target = target.strip()
    if target.startswith("<") and ">" in target:
        return target[1 : target.index(">")]
    title = re.search(r"\s+(?:\"[^\"]*\"|'[^']*')$", target)
    return target[: title.start()] if title else target


def split_bare_urls(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a URL) pairs at each bare ``http(s)://`` URL, as GitHub
    links them: sentence punctuation after the URL stays text. ``www.`` without a scheme
    stays text too (a link needs an explicit scheme here)."""
    if "://" not in text:
        return [(text, False)]  # most text: no scan
    pieces: list[tuple[str, bool]] = []
    done = 0
    for match in _BARE_URL.finditer(text):
        url = _strip_trailing(match.group())
        if not url.lower().startswith(("http://", "https://")) or url.endswith("://"):
            continue
        if match.start() > done:
            pieces.append((text[done : match.start()], False))
        pieces.append((url, True))
        done = match.start() + len(url)
    if done < len(text):
        pieces.append((text[done:], False))
    return pieces


def _strip_trailing(url: str) -> str:
    """Sentence punctuation after a bare URL is not part of it; a balanced ')' is.

    Linear: the parentheses are counted once, not again for each character stripped (a
    URL followed by a million ")" took minutes)."""
    opened, closed = url.count("("), url.count(")")
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == ")" and opened < closed:
            end -= 1
            closed -= 1
        else:
            break
    return url[:end]


def _note_url(
    url: str, offset: int, line: int, found: list[tuple[int, str]], problems: list[Diagnostic]
) -> None:
    candidate = "https://" + url if url.lower().startswith("www.") else url
    if is_valid_url(candidate):
        found.append((offset, candidate))
    elif candidate.startswith("#") or candidate.startswith("mailto:"):
        return  # an in-page anchor or an address: not an issue, not an error
    else:
        problems.append(diag(line, Subtype.URL, f"malformed URL {url!r}"))


def _leftover_problems(rest: str, line: int, *, has_urls: bool, subject: str) -> list[Diagnostic]:
    """Text that is not a URL: a broken URL, an unexpandable ``#123``, or plain words."""
    problems = [
        diag(line, Subtype.URL, f"malformed URL {m.group(0)!r}") for m in _BROKEN_URL.finditer(rest)
    ]
    rest = _BROKEN_URL.sub(" ", rest)
    for match in _HASH_ONLY.finditer(rest):
        message = (
            f"issue reference '#{match.group('num')}' names no repository and cannot be linked"
        )
        problems.append(diag(line, Subtype.URL, message))
    rest = _HASH_ONLY.sub(" ", rest)
    words = squash(QUALIFIER.sub(" ", rest))  # "N/A (new feature)" says nothing either
    if not has_urls and not problems and words and not is_placeholder(words):
        problems.append(diag(line, Subtype.URL, f"{subject} is not a URL: {words!r}"))
    return problems
