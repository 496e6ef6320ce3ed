"""Value parsers: the Mentors, Skills and Upstream issue fields of an idea.

Data flow: the parser finds a labelled field and hands its value (Markdown source, the
inline text plus any continuation lines or dedented sub-list) to one of the ``parse_*``
functions here; they return model records plus diagnostics, never raise. Everything
here is pure text processing: no Sphinx, no markdown-it. ``source`` of a diagnostic is
left empty; the parser fills it in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from .model import Diagnostic, Mentor, Skill, Subtype, normalize_name

__all__ = [
    "BUILTIN_SKILL_ALIASES",
    "canonical_skill",
    "find_urls",
    "is_valid_email",
    "is_valid_github_handle",
    "is_valid_url",
    "parse_issues",
    "parse_mentors",
    "parse_skills",
]

# ---------------------------------------------------------------------------------------
# Shared text helpers
# ---------------------------------------------------------------------------------------

_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])(?:[ \t]+|$)")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
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
class _Text:
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

    def slice(self, start: int, end: int) -> _Text:
        """The sub-text ``[start, end)`` keeping the line mapping."""
        if len(self.lines) == 1:  # most values are one line: no mapping to carry
            return _Text(self.text[start:end], self.starts, self.lines)
        starts, lines = [0], [self.line_at(start)]
        for pos, line in zip(self.starts, self.lines, strict=True):
            if start < pos < end:
                starts.append(pos - start)
                lines.append(line)
        return _Text(self.text[start:end], tuple(starts), tuple(lines))


def _is_placeholder(text: str) -> bool:
    """True for "TBD", "N/A", "-", "to be decided" and other ways of saying nothing."""
    if len(text) > _LONGEST_PLACEHOLDER and any(char.isalnum() for char in text[:2]):
        return False
    words = re.sub(r"[\W_]+", " ", text).strip().casefold()
    return not words or words in _PLACEHOLDERS


def _strip_marker(line: str) -> tuple[str, bool]:
    """A line without its list marker, and whether it had one."""
    match = _MARKER.match(line)
    if match:
        return line[match.end() :], True
    return line, False


def _items(value: str, line: int, *, join_continuations: bool) -> list[_Text]:
    """Split a value into items: one per line, or per bullet with its continuation lines.

    The inline part (before any sub-list) is an item of its own. With
    ``join_continuations`` an unmarked line continues the previous item (prose wraps);
    without, it starts a new item unless the previous one has an unclosed bracket.
    """
    items: list[tuple[list[str], list[int]]] = []
    for index, raw_line in enumerate(_BR.sub(", ", value).split("\n")):
        text, marked = _strip_marker(raw_line)
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


def _unbalanced(parts: list[str]) -> bool:
    text = " ".join(parts)
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def _join(parts: list[str], lines: list[int]) -> _Text:
    starts, offset = [], 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + 1
    return _Text(" ".join(parts), tuple(starts), tuple(lines))


def _nested_spans(text: str) -> list[tuple[int, int]]:
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


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` touches a nested run (values have only a few runs)."""
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def _split_top(item: _Text, separator: re.Pattern[str]) -> list[_Text]:
    """Split at ``separator`` matches that lie outside brackets; empty pieces dropped."""
    spans = _nested_spans(item.text)
    pieces, start = [], 0
    for match in separator.finditer(item.text):
        if match.start() == match.end() or _overlaps(spans, match.start(), match.end()):
            continue
        pieces.append(item.slice(start, match.start()))
        start = match.end()
    pieces.append(item.slice(start, len(item.text)))
    return [_trimmed(piece) for piece in pieces if piece.text.strip()]


def _trimmed(piece: _Text) -> _Text:
    """The piece without surrounding whitespace (line mapping kept)."""
    lead = len(piece.text) - len(piece.text.lstrip())
    return piece.slice(lead, len(piece.text.rstrip()))


def _word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated block (easier to read and extend)."""
    return frozenset(text.split())


def _squash(text: str) -> str:
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


# ---------------------------------------------------------------------------------------
# Mentors
# ---------------------------------------------------------------------------------------

_ROLE_WORDS = r"primary|secondary|backup|co-?mentor|lead|main|shadow|alternate|additional"
_MENTOR_SEPARATOR = re.compile(
    r"\s*[,;|]\s*|\s+(?:and/or|and|or|&|\+|e|y|und|et)\s+", re.IGNORECASE
)
_MENTEE = re.compile(r"^[*_\s]*mentees?\b|\(\s*mentees?\s*\)", re.IGNORECASE)
_LABEL_PREFIX = re.compile(
    rf"^[*_\s]*(?:(?P<role>{_ROLE_WORDS})\s*)?(?:mentors?(?:\s*\(s\))?)?[*_\s]*:[*_\s]*",
    re.IGNORECASE,
)
_ROLE_PAREN = re.compile(
    rf"\(\s*[,;]?\s*(?P<role>{_ROLE_WORDS})(?:\s+mentor)?\s*[,;]?\s*\)", re.IGNORECASE
)
_ROLE_SUFFIX = re.compile(
    rf"\s+(?:[-–—:]\s*|as\s+(?:an?\s+|the\s+)?)(?P<role>{_ROLE_WORDS})(?:\s+mentor)?[.\s]*$",
    re.IGNORECASE,
)
_ROLE_START = re.compile(
    rf"^\s*[-–—(]?\s*(?:as\s+(?:an?\s+|the\s+)?)?(?:{_ROLE_WORDS})\b", re.IGNORECASE
)
_LINK = re.compile(r"@?\[(?P<text>[^\[\]]*)\]\(\s*<?(?P<url>[^()\s<>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(?P<url>[^<>\s]+)>")
_GITHUB_URL = re.compile(
    r"(?:https?://)?(?:www\.)?github\.com/(?P<path>[^\s()<>\[\],;]*)", re.IGNORECASE
)
_AT_HANDLE = re.compile(r"(?<![\w@.+-])@(?P<handle>[\w-]+(?:\.[\w-]+)*)")
_EMAIL_CANDIDATE = re.compile(r"(?:mailto:)?(?P<addr>[^\s()<>\[\],;:@]+@[^\s()<>\[\],;]*)")
_HANDLE_MAIL_PAREN = re.compile(
    r"\(\s*@?(?P<handle>[A-Za-z0-9][\w-]*)\s*[,;/|]\s*(?:mailto:)?<?(?P<addr>[^\s()<>,;]+@[^\s()<>,;]+)>?\s*\)"
    r"|\(\s*(?:mailto:)?<?(?P<addr2>[^\s()<>,;]+@[^\s()<>,;]+)>?\s*[,;/|]\s*@?(?P<handle2>[A-Za-z0-9][\w-]*)\s*\)"
)
_KEPT_COMMA = "\ue001"  # a private-use character: a "," that must not split
_DEGREE_COMMA = re.compile(
    r",(?=[ \t]*(?:Ph\.?\s?D|M\.?D|M\.?Sc|B\.?Sc|M\.?S|MBA|Jr|Sr|II|III|IV)\b\.?)"
)
_SERVICES = (
    r"slack|twitter|discord|gitlab|matrix|telegram|linkedin|mastodon|zulip|irc|gitter|"
    r"keybase|element|x\.com|bluesky|wechat"
)
_GITHUB_LABELLED = re.compile(
    r"\b(?:github|gh)(?:\s+(?:handle|id|username|user))?\s*[:=]\s*@?(?P<handle>[A-Za-z0-9][\w-]*)",
    re.IGNORECASE,
)
_OTHER_SERVICE_LABELLED = re.compile(
    rf"\b(?:{_SERVICES})(?:\s+(?:handle|id|username|user))?\s*[:=]\s*@?(?P<handle>[\w.:#-]+)",
    re.IGNORECASE,
)
_OTHER_SERVICE_ON = re.compile(
    rf"@?(?P<handle>[\w.-]+)\s+(?:on|in|at|via)\s+(?:the\s+)?(?:\w+\s+)?(?:{_SERVICES})\b",
    re.IGNORECASE,
)
_HANDLE_LIST = re.compile(r"(?:@[\w-]+[\s,]*){2,}")
_URL_ANY = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMPTY_GROUP = re.compile(r"\(\s*[-,;:/|]*\s*\)|\[\s*\]|<\s*>")
_NOT_GITHUB_USERS = frozenset(
    {
        "orgs",
        "sponsors",
        "issues",
        "pulls",
        "settings",
        "apps",
        "marketplace",
        "topics",
        "features",
        "about",
        "explore",
        "collections",
        "login",
        "join",
        "notifications",
    }
)
_NOT_NAME_WORDS = _word_set(
    """the an to from of on in at by for with via see please contact ask reach out will
    be is are any all our your their this that these those team teams maintainers maintainer
    members member community someone anyone somebody anybody volunteer volunteers needed
    wanted looking mentor mentors mentee mentees slack discord mailing list channel more
    details later soon here there who what when also other others etc"""
)
_NAME_CHARS = re.compile(r"[^\W_](?:[\w.'’()-]*[\w.'’),])?|[^\W_]", re.UNICODE)


@dataclass(slots=True)
class _MentorParts:
    """What one mentor entry has yielded so far, while its text is being consumed."""

    rest: str
    github: str | None = None
    email: str | None = None
    role: str | None = None
    name_hint: str | None = None
    extra_handles: tuple[str, ...] = ()


def parse_mentors(value: str, *, line: int) -> tuple[tuple[Mentor, ...], tuple[Diagnostic, ...]]:
    """Read the people in a Mentor(s) value, one :class:`Mentor` per person, in order."""
    mentors: list[Mentor] = []
    diagnostics: list[Diagnostic] = []
    for item in _items(value, line, join_continuations=False):
        if _MENTEE.search(item.text) and not _AT_HANDLE.search(_MENTEE.split(item.text)[0]):
            continue  # a "Mentee: ..." line names the student, not a mentor
        for chunk in _mentor_chunks(item):
            mentor, found = _parse_mentor_at(chunk.text, chunk.line_at(0))
            diagnostics.extend(found)
            if mentor is not None:
                _add_mentor(mentors, diagnostics, mentor)
    return tuple(mentors), tuple(diagnostics)


def _mentor_chunks(item: _Text) -> list[_Text]:
    """One text per person: split at separators, then at glued entries."""
    chunks: list[_Text] = []
    # "Jane Doe, PhD": the comma before a degree is not a separator (same length: the
    # line mapping stays right).
    item = replace(item, text=_DEGREE_COMMA.sub(_KEPT_COMMA, item.text))
    for piece in _split_top(item, _MENTOR_SEPARATOR):
        chunks.extend(_split_glued(piece))
    return chunks


def _split_glued(piece: _Text) -> list[_Text]:
    """Split "@a @b" and "Ann (@a) Bob (@b)", which some files write without separators."""
    if _HANDLE_LIST.fullmatch(piece.text):
        return [piece.slice(m.start(), m.end()) for m in re.finditer(r"@[\w-]+", piece.text)]
    for start, end in _nested_spans(piece.text):
        group = piece.text[start:end]
        if group[-1] not in ")]>" or not ("@" in group or "github.com" in group.lower()):
            continue
        if _starts_new_entry(piece.text[end:]):
            return [
                _trimmed(piece.slice(0, end)),
                *_split_glued(_trimmed(piece.slice(end, len(piece.text)))),
            ]
    return [piece]


def _starts_new_entry(rest: str) -> bool:
    stripped = rest.lstrip()
    if not stripped or stripped == rest or _ROLE_START.match(stripped):
        return False
    return stripped[0].isalpha() or stripped[0] in "@["


def _parse_mentor_at(text: str, line: int) -> tuple[Mentor | None, list[Diagnostic]]:
    """:func:`_parse_mentor`, remembered: a file names the same people again and again."""
    mentor, found = _parse_mentor_cached(text.replace(_KEPT_COMMA, ","))
    if mentor is not None:
        mentor = replace(mentor, line=line)
    return mentor, [replace(diagnostic, line=line) for diagnostic in found]


@lru_cache(maxsize=4096)
def _parse_mentor_cached(text: str) -> tuple[Mentor | None, tuple[Diagnostic, ...]]:
    mentor, found = _parse_mentor(text, 0)
    return mentor, tuple(found)


def _parse_mentor(text: str, line: int) -> tuple[Mentor | None, list[Diagnostic]]:
    """One person from one entry; None for placeholders and text that is not a person."""
    raw = _squash(text)
    if _is_placeholder(raw) or _MENTEE.search(raw):
        return None, []
    parts = _MentorParts(rest=raw.replace("`", ""))
    for step in (_take_label, _take_handle_mail_paren, _take_links, _take_autolinks):
        step(parts)
    for step in (_take_labelled_handles, _take_github_urls, _take_emails):
        step(parts)
    for step in (_take_at_handles, _take_role):
        step(parts)
    return _build_mentor(parts, raw, line)


def _take_labelled_handles(parts: _MentorParts) -> None:
    """``GitHub: jdoe`` is a GitHub handle; ``Slack: @jane``, ``@jane on Discord`` are not."""
    match = _GITHUB_LABELLED.search(parts.rest)
    if match:
        parts.github = parts.github or match.group("handle")
        parts.rest = _cut(parts.rest, match)
    for pattern in (_OTHER_SERVICE_LABELLED, _OTHER_SERVICE_ON):
        for found in reversed(list(pattern.finditer(parts.rest))):
            parts.name_hint = parts.name_hint or found.group("handle")
            parts.rest = _cut(parts.rest, found)


def _take_label(parts: _MentorParts) -> None:
    """A "Mentor:" or "Backup mentor:" label repeated inside the value."""
    match = _LABEL_PREFIX.match(parts.rest)
    if match and match.group(0).strip(" *_:"):
        parts.role = _role(match.group("role"))
        parts.rest = parts.rest[match.end() :]


def _take_handle_mail_paren(parts: _MentorParts) -> None:
    """``(handle, mail)`` written without the ``@``."""
    match = _HANDLE_MAIL_PAREN.search(parts.rest)
    if match:
        parts.github = match.group("handle") or match.group("handle2")
        parts.email = match.group("addr") or match.group("addr2")
        parts.rest = _cut(parts.rest, match)


def _take_links(parts: _MentorParts) -> None:
    """Markdown links: a GitHub profile URL wins over the link text."""
    for match in reversed(list(_LINK.finditer(parts.rest))):
        text, url = match.group("text").strip(), match.group("url")
        keep = ""
        if url.lower().startswith("mailto:"):
            parts.email = parts.email or url[len("mailto:") :]
            keep = "" if "@" in text else text
        elif (handle := _github_user(url)) is not None:
            parts.github, parts.name_hint = handle, _link_name(text, handle) or parts.name_hint
        elif text.startswith("@"):
            parts.github = parts.github or text[1:].strip()
        else:
            keep = text
        parts.rest = parts.rest[: match.start()] + keep + parts.rest[match.end() :]


def _link_name(text: str, handle: str) -> str | None:
    """A display name from a profile link's text (``[@William-Wang](...)`` -> William-Wang)."""
    cleaned = text.strip().lstrip("@").strip()
    if not cleaned or "://" in cleaned or "github.com" in cleaned.lower():
        return None
    return cleaned if cleaned.casefold() != handle.casefold() or text.startswith("@") else None


def _take_autolinks(parts: _MentorParts) -> None:
    for match in reversed(list(_AUTOLINK.finditer(parts.rest))):
        target = match.group("url")
        address = target[len("mailto:") :] if target.lower().startswith("mailto:") else target
        if "@" in address and "/" not in address:
            parts.email = parts.email or address
        elif (handle := _github_user(target)) is not None:
            parts.github = parts.github or handle
        parts.rest = _cut(parts.rest, match)


def _take_github_urls(parts: _MentorParts) -> None:
    for match in reversed(list(_GITHUB_URL.finditer(parts.rest))):
        handle = _github_user(match.group(0))
        if handle is not None:
            parts.github = parts.github or handle
        parts.rest = _cut(parts.rest, match)
    parts.rest = _URL_ANY.sub("", parts.rest)  # a personal homepage is not part of the name


def _take_emails(parts: _MentorParts) -> None:
    for match in reversed(list(_EMAIL_CANDIDATE.finditer(parts.rest))):
        parts.email = match.group("addr").rstrip(".")
        parts.rest = _cut(parts.rest, match)


def _take_at_handles(parts: _MentorParts) -> None:
    handles = [m.group("handle").rstrip(".") for m in _AT_HANDLE.finditer(parts.rest)]
    parts.rest = _AT_HANDLE.sub("", parts.rest)
    if parts.github is None and handles:
        parts.github, handles = handles[0], handles[1:]
    parts.extra_handles = tuple(
        h for h in handles if h.casefold() != (parts.github or "").casefold()
    )


def _take_role(parts: _MentorParts) -> None:
    for pattern in (_ROLE_PAREN, _ROLE_SUFFIX):
        match = pattern.search(parts.rest)
        if match:
            parts.role = parts.role or _role(match.group("role"))
            parts.rest = _cut(parts.rest, match)


def _role(word: str | None) -> str | None:
    if not word:
        return None
    lowered = word.casefold()
    return "co-mentor" if lowered in {"comentor", "co-mentor"} else lowered


def _github_user(url: str) -> str | None:
    """The user of a ``github.com/<user>`` profile URL; None for repository or other pages."""
    match = _GITHUB_URL.fullmatch(url.strip().rstrip("/"))
    if not match:
        return None
    path = match.group("path").split("?")[0].split("#")[0].strip("/")
    if not path or "/" in path or path.casefold() in _NOT_GITHUB_USERS:
        return None
    return path.lstrip("@")


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def _clean_name(rest: str) -> str:
    text = rest.replace("**", "").replace("`", "")
    previous = None
    while previous != text:
        previous, text = text, _EMPTY_GROUP.sub(" ", text)
    text = _squash(text).strip(" \t-–—,;:|/*_~")
    if _WRAPPED.fullmatch(text):  # "@jdoe (Jane Doe)": the name written after the handle
        text = text[1:-1].strip()
    if not re.search(r"(?:^|[\s.])(?:\w{1,2}|Jr|Sr)\.$", text):  # keep the dot of "Nate W."
        text = text.strip(" .")
    return text.rstrip(" (") if text.count("(") > text.count(")") else text


_WRAPPED = re.compile(r"\([^()]*\)")
_TRAILING_REMARK = re.compile(r"\s*(?:\([^()]*\)|\s[-–—:]\s.*)$")


def _name_part(text: str) -> str:
    """The name without an affiliation or remark: "Jane Doe (Red Hat) - happy to help"."""
    candidate = text
    while not _looks_like_name(candidate):
        shorter = _TRAILING_REMARK.sub("", candidate).strip()
        if shorter == candidate or not shorter:
            return text
        candidate = shorter
    return candidate


def _looks_like_name(name: str) -> bool:
    """A person's name: a few words of letters, no sentence, no leftover markup."""
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 64:
        return False
    if any(word.casefold().strip(".,") in _NOT_NAME_WORDS for word in words):
        return False
    return all(_NAME_CHARS.fullmatch(word) for word in words)


def _build_mentor(
    parts: _MentorParts, raw: str, line: int
) -> tuple[Mentor | None, list[Diagnostic]]:
    name = _name_part(_clean_name(parts.rest))
    diagnostics: list[Diagnostic] = []
    has_contact = parts.github is not None or parts.email is not None
    if name and not has_contact and _is_placeholder(name):
        return None, []  # "TBD (will be updated)"
    understood = _looks_like_name(name) if name else has_contact or bool(parts.name_hint)
    if not understood:
        diagnostics.append(_diag(line, Subtype.MENTOR, f"mentor entry not understood: {raw!r}"))
    for extra in parts.extra_handles:
        diagnostics.append(
            _diag(
                line,
                Subtype.MENTOR,
                f"mentor entry {raw!r} has a second handle '@{extra}' (ignored)",
            )
        )
    if not has_contact and not understood:
        return None, diagnostics
    if not understood or not name:
        name = parts.name_hint or parts.github or (parts.email or "").split("@")[0]
    if not name:
        return None, diagnostics
    diagnostics.extend(_check_contact(parts, line))
    mentor = Mentor(
        name=name, github=parts.github, email=parts.email, role=parts.role, raw=raw, line=line
    )
    return mentor, diagnostics


def _check_contact(parts: _MentorParts, line: int) -> list[Diagnostic]:
    found = []
    if parts.github is not None and not is_valid_github_handle(parts.github):
        found.append(
            _diag(
                line,
                Subtype.GITHUB_HANDLE,
                f"GitHub handle '@{parts.github}' breaks GitHub's username rules",
            )
        )
    if parts.email is not None and not is_valid_email(parts.email):
        found.append(_diag(line, Subtype.EMAIL, f"e-mail address {parts.email!r} is malformed"))
    return found


def _same_person(a: Mentor, b: Mentor) -> bool:
    """Handles decide when both have one; otherwise the normalised names do."""
    if a.github and b.github:
        return a.github.casefold() == b.github.casefold()
    return normalize_name(a.name) == normalize_name(b.name)


def _add_mentor(mentors: list[Mentor], diagnostics: list[Diagnostic], mentor: Mentor) -> None:
    """Append, or merge into the earlier entry for the same person and say so."""
    index = _earlier_entry(mentors, mentor)
    if index is None:
        mentors.append(mentor)
        return
    earlier = mentors[index]
    mentors[index] = replace(
        earlier,
        github=earlier.github or mentor.github,
        email=earlier.email or mentor.email,
        role=earlier.role or mentor.role,
    )
    message = (
        f"mentor {mentor.raw!r} is listed twice (also as {earlier.raw!r} at line {earlier.line})"
    )
    diagnostics.append(_diag(mentor.line, Subtype.DUPLICATE_MENTOR, message))


def _earlier_entry(mentors: list[Mentor], mentor: Mentor) -> int | None:
    """The earlier entry of the same person: a handle match first, else a name match.

    Handle first, so that filling a handle into a name-only entry can never make two
    entries with the same handle.
    """
    if mentor.github:
        for index, earlier in enumerate(mentors):
            if earlier.github and earlier.github.casefold() == mentor.github.casefold():
                return index
    for index, earlier in enumerate(mentors):
        if _same_person(earlier, mentor):
            return index
    return None


def _diag(line: int, subtype: Subtype, message: str) -> Diagnostic:
    return Diagnostic(line=line, subtype=subtype, message=message, severity="warning")


# ---------------------------------------------------------------------------------------
# Skills
# ---------------------------------------------------------------------------------------

# One canonical name per line, then its aliases (lower case). A leading "~" marks a broad
# concept ("Testing", "Security"): a skill when listed, but never picked out of prose,
# where such words are ordinary English.
_ALIAS_TABLE = """
Go: go, golang, go lang, go-lang, golang programming
Rust: rust, rustlang, rust lang, rust-lang
Python: python, python3, python 3, python2, py
JavaScript: javascript, js, java script, ecmascript, es6, vanilla js
TypeScript: typescript, ts, type script
Java: java
Kotlin: kotlin
Scala: scala
C: c, ansi c, c language, c programming
C++: c++, cpp, cplusplus, c plus plus
C#: c#, csharp, c sharp
Ruby: ruby
Ruby on Rails: rails, ruby on rails, ror
PHP: php
Erlang: erlang
Elixir: elixir
Clojure: clojure
Haskell: haskell
OCaml: ocaml
Lua: lua
Perl: perl
R: r, r language, rlang
Julia: julia
Dart: dart
Swift: swift
Zig: zig
Solidity: solidity
WebAssembly: webassembly, wasm, web assembly
eBPF: ebpf, bpf
Shell scripting: shell, shell scripting, shell script, shell scripts, scripting in shell
Bash: bash, bash scripting
PowerShell: powershell
Linux: linux, gnu/linux, linux kernel
Docker: docker, dockerfile, dockerfiles
~Containers: containers, container, containerization, linux containers, oci
Kubernetes: kubernetes, k8s, kube
Helm: helm, helm charts
Kubernetes operators: kubernetes operators, operators, operator sdk, kubebuilder
Prometheus: prometheus, promql
Grafana: grafana
OpenTelemetry: opentelemetry, otel, open telemetry
Jaeger: jaeger
Envoy: envoy, envoy proxy
Istio: istio
gRPC: grpc
Protocol Buffers: protocol buffers, protobuf, protobufs
REST: rest, rest api, rest apis, restful, restful api, restful apis
GraphQL: graphql
~HTTP: http, http/2
~CI: ci, continuous integration
~CI/CD: ci/cd, cicd, ci cd
GitHub Actions: github actions, gh actions
Git: git
GitHub: github
GitLab: gitlab
Jenkins: jenkins
Tekton: tekton
Terraform: terraform
Ansible: ansible
AWS: aws, amazon web services
Google Cloud: gcp, google cloud, google cloud platform
Azure: azure, microsoft azure
~SQL: sql
PostgreSQL: postgresql, postgres
MySQL: mysql
SQLite: sqlite
MongoDB: mongodb, mongo
Redis: redis
etcd: etcd
Kafka: kafka, apache kafka
Elasticsearch: elasticsearch, elastic search
React: react, reactjs, react.js
Vue.js: vue, vuejs, vue.js
Angular: angular, angularjs
Node.js: node.js, nodejs, node
CSS: css, css3
HTML: html, html5
Sass: sass, scss
YAML: yaml
JSON: json
Markdown: markdown
~CLI: cli, command line, command-line, command line interface, command-line interface
OpenAPI: openapi, swagger
Syslog: syslog
TensorFlow: tensorflow
PyTorch: pytorch
~Machine learning: machine learning, ml
~Deep learning: deep learning, dl
~Distributed systems: distributed systems, distributed computing
~Networking: networking, computer networking, networks
~Security: security, information security, infosec, cybersecurity
~Cryptography: cryptography
~Testing: testing, test, tests, software testing
~End-to-end testing: end-to-end testing, e2e, e2e testing, e2e tests
~Documentation: documentation, docs
~Technical writing: technical writing
~UX: ux, user experience, ux design
~UI: ui, user interface, ui design
~User research: user research, ux research
~Microservices: microservices, micro services, microservice architecture
~Observability: observability, o11y
~Monitoring: monitoring
~Distributed tracing: distributed tracing, tracing
~Cloud native: cloud native, cloud-native
~Service mesh: service mesh, service meshes
~Chaos engineering: chaos engineering
~Databases: databases, database
~DevOps: devops
~SRE: sre, site reliability engineering
~English: english, written english
~Git workflow: git workflow, github workflow
LaTeX: latex
Android: android
iOS: ios
Flutter: flutter
LLVM: llvm
"""


def _read_alias_table(table: str) -> tuple[dict[str, str], frozenset[str]]:
    aliases: dict[str, str] = {}
    concepts: set[str] = set()
    for row in table.strip().splitlines():
        name, _, keys = row.partition(":")
        if name.startswith("~"):
            name = name[1:]
            concepts.add(name)
        for key in [name, *keys.split(",")]:
            aliases.setdefault(_skill_key(key), name)
    return aliases, frozenset(concepts)


def _skill_key(text: str) -> str:
    return _squash(text).casefold().strip(" .:;")


BUILTIN_SKILL_ALIASES: Mapping[str, str]
_CONCEPTS: frozenset[str]
BUILTIN_SKILL_ALIASES, _CONCEPTS = _read_alias_table(_ALIAS_TABLE)

# English words that are also skill names: inside prose they count only when capitalised.
_ENGLISH_WORDS = frozenset(
    {
        "go",
        "rust",
        "swift",
        "ruby",
        "react",
        "helm",
        "dart",
        "julia",
        "node",
        "rest",
        "shell",
        "git",
        "envoy",
        "angular",
        "vue",
        "kube",
        "rails",
        "bash",
        "mongo",
    }
)
_LEVEL_WORDS = re.compile(
    r"\b(?:basic|basics|beginner|beginners|novice|intermediate|advanced|expert|entry[- ]level|"
    r"junior|senior|proficient|fluent)\b",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\(\s*(?P<q>[^()]*)\s*\)")
_FILLER_PREFIX = re.compile(
    r"^(?P<conj>(?:and|or|plus|also|e|y|und|et|ou|e\.?g\.?|i\.?e\.?)\s+)?"
    r"(?:(?P<adj>basic|good|strong|solid|deep|advanced|intermediate|working|general|some|"
    r"prior|previous|practical|hands-on|a\s+bit\s+of|a\s+little)\s+)?"
    r"(?P<phrase>(?:understanding|knowledge|experience|familiarity|proficiency|expertise|"
    r"skills?|background|exposure)\s+(?:of|with|in|on|using)\s+(?:the\s+)?|"
    r"(?:familiar|comfortable|experienced|proficient)\s+with\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# Adjectives that are filler on their own ("some Go"), not part of a name ("Deep learning").
_FILLER_ADJECTIVES = frozenset(
    {"some", "basic", "advanced", "intermediate", "a bit of", "a little"}
)
_VARIANT_SUFFIX = re.compile(
    r"(?:\s+(?:programming(?:\s+language)?|language|lang|experience|skills?|knowledge|"
    r"development|coding|scripting|basics|fundamentals|ecosystem|proficiency|systems?|"
    r"tools?|tooling|frameworks?|concepts|stack))+$",
    re.IGNORECASE,
)
_VARIANT_PREFIX = re.compile(
    r"^(?:(?:programming|coding|development|scripting)\s+(?:in|with)\s+|the\s+)", re.IGNORECASE
)
_SKILL_SEPARATOR = re.compile(r"\s*[,;]\s*|(?<=[^\s.])\.\s+(?=[A-Z])")
_SUBSKILL_SEPARATOR = re.compile(
    # "e", "y", "und", "et", "ou": files written in other languages list skills too
    r"\s+(?:and|or|&|and/or|as well as|e|y|und|et|ou|oder)\s+|(?<=[\w+#)])\s*/\s*(?=[\w.(])",
    re.IGNORECASE,
)
_SLASH_COMPOUND = re.compile(r"[^\s,/]+(?:/[^\s,/]+)+")
_KEPT_SLASH = "\ue000"  # a private-use character: a "/" that must not split
_PROSE_WORDS = _word_set(
    """though although ideally would could should we we'd we're you you'd your our us i
    consider considered interest interested willing willingness ability able eager any
    another other others etc e.g i.e such must need needs needed helpful is are be being
    have has will want wants not but if which who that this these those it its prefer
    preferably preferred bonus welcome nice useful learn familiarise familiarize
    understand understanding like"""
)
_MAX_SKILL_WORDS = 5


@dataclass(frozen=True, slots=True)
class _Qualified:
    """A skill item with its parenthesised qualifiers taken out."""

    text: str
    level: str | None
    note: str | None


def canonical_skill(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """The canonical name of a skill ("golang" -> "Go"); unknown names come back cleaned."""
    cleaned = _clean_skill_text(name)
    return _lookup_skill(cleaned, _skill_table(_alias_items(aliases)).names) or cleaned


def _alias_items(aliases: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(aliases.items())) if aliases else ()


def _clean_skill_text(text: str) -> str:
    """Markup and surrounding punctuation off: ``**Go**.`` -> ``Go``."""
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = text.replace("**", "").replace("`", "").replace("__", "")
    return _squash(text).strip(" \t*_~:;,.!?-–—'\"")


def _lookup_skill(text: str, aliases: Mapping[str, str]) -> str | None:
    """Try the text, then spelling variants ("Rust Programming", "programming in Go")."""
    key = _skill_key(text)
    candidates = [key]
    for pattern in (_VARIANT_SUFFIX, _VARIANT_PREFIX):
        stripped = pattern.sub("", key).strip()
        if stripped and stripped != key:
            candidates.append(stripped)
    for candidate in list(candidates):
        candidates += [
            candidate.replace("-", " "),
            candidate.replace(" ", ""),
            candidate.replace("-", ""),
        ]
    for candidate in candidates:
        if candidate in aliases:
            return aliases[candidate]
    return None


def parse_skills(
    value: str, *, line: int, aliases: Mapping[str, str] | None = None
) -> tuple[tuple[Skill, ...], str, tuple[Diagnostic, ...]]:
    """Skills of a Recommended Skills value, the value as text, and diagnostics.

    List items become skills; prose is kept only as text, from which the skill names the
    alias table knows are still indexed.
    """
    alias_items = _alias_items(aliases)
    skills: list[Skill] = []
    for item in _items(value, line, join_continuations=True):
        for piece in _split_top(item, _SKILL_SEPARATOR):
            skills.extend(_piece_skills_at(piece, alias_items))
    return _dedupe_skills(skills), _skills_text(value), ()


def _piece_skills_at(piece: _Text, alias_items: tuple[tuple[str, str], ...]) -> list[Skill]:
    """Skills of one list item; one-line items are remembered, as files repeat them a lot."""
    if len(piece.lines) > 1:
        return _skills_of_piece(piece, _skill_table(alias_items))
    line = piece.lines[0]
    return [replace(skill, line=line) for skill in _piece_skills(piece.text, alias_items)]


@lru_cache(maxsize=8192)
def _piece_skills(text: str, alias_items: tuple[tuple[str, str], ...]) -> tuple[Skill, ...]:
    return tuple(_skills_of_piece(_Text(text, (0,), (0,)), _skill_table(alias_items)))


def _skills_text(value: str) -> str:
    lines = (_squash(raw_line) for raw_line in value.split("\n"))
    return "\n".join(text for text in lines if text)


def _skills_of_piece(piece: _Text, table: _SkillTable) -> list[Skill]:
    raw = _squash(piece.text)
    if _is_placeholder(raw):
        return []
    qualified = _take_qualifiers(raw)
    return [*_main_skills(piece, raw, qualified, table), *_example_skills(piece, qualified, table)]


def _main_skills(piece: _Text, raw: str, qualified: _Qualified, table: _SkillTable) -> list[Skill]:
    text, prefix_level = _strip_filler(qualified.text)
    level = qualified.level or prefix_level
    if not text:  # all in parentheses: "(Optional: writing APIs in Golang)"
        return _skills_in_prose(piece, table)
    known = _lookup_skill(text, table.names)
    if known is not None:
        return [Skill(name=known, raw=raw, level=level, note=qualified.note, line=piece.line_at(0))]
    if _is_prose(text):
        return _skills_in_prose(piece, table)
    return _sub_skills(piece, text, raw, table, _Qualified(text, level, qualified.note))


_EXAMPLES = re.compile(r"^(?:e\.?\s?g\.?|such as|like|including|for example|for instance)\b", re.I)


def _example_skills(piece: _Text, qualified: _Qualified, table: _SkillTable) -> list[Skill]:
    """Named examples are skills too: "Observability tools (e.g. Prometheus, Grafana)"."""
    if qualified.note is None or not _EXAMPLES.match(qualified.note):
        return []
    return _skills_in_prose(_Text(qualified.note, (0,), (piece.line_at(0),)), table)


def _alternatives(text: str, table: _SkillTable) -> list[str]:
    """ "Rust/Clojure" -> two parts, but "CI/CD systems" keeps its known "CI/CD" whole."""
    for match in _SLASH_COMPOUND.finditer(text):
        if _lookup_skill(match.group(0), table.names) is not None:
            kept = match.group(0).replace("/", _KEPT_SLASH)
            text = text[: match.start()] + kept + text[match.end() :]
    parts = _split_top(_Text(text, (0,), (0,)), _SUBSKILL_SEPARATOR)
    return [_squash(part.text).replace(_KEPT_SLASH, "/") for part in parts]


def _sub_skills(
    piece: _Text, text: str, raw: str, table: _SkillTable, qualifiers: _Qualified
) -> list[Skill]:
    """Split "Rust/Clojure", "Go and Rust" into separate skills."""
    parts = _alternatives(text, table)
    if any(len(part) < 3 and _lookup_skill(part, table.names) is None for part in parts):
        parts = [text]  # "TCP/IP", "I/O": one name, not two
    skills = []
    for part in parts:
        part_text, part_level = _strip_filler(_clean_skill_text(part))
        if not part_text or _is_placeholder(part_text):
            continue
        if _lookup_skill(part_text, table.names) is None and _is_prose(part_text):
            skills.extend(_skills_in_prose(_Text(part, (0,), (piece.line_at(0),)), table))
            continue
        name = _lookup_skill(part_text, table.names) or part_text
        skill_raw = raw if len(parts) == 1 else part
        level = qualifiers.level or part_level
        skills.append(
            Skill(
                name=name, raw=skill_raw, level=level, note=qualifiers.note, line=piece.line_at(0)
            )
        )
    return skills


def _take_qualifiers(raw: str) -> _Qualified:
    """``Rust Programming (beginner is ok)`` -> text, level "beginner is ok"."""
    levels: list[str] = []
    notes: list[str] = []
    raw = _LINK.sub(lambda match: match.group("text"), raw)  # "[Rust](https://...)"
    for match in _QUALIFIER.finditer(raw):
        qualifier = _squash(match.group("q")).strip(" ,;.")
        if not qualifier:
            continue
        is_level = _LEVEL_WORDS.search(qualifier) and len(qualifier.split()) <= 4
        (levels if is_level else notes).append(qualifier)
    text = _clean_skill_text(_QUALIFIER.sub(" ", raw))
    return _Qualified(text, "; ".join(levels) or None, "; ".join(notes) or None)


def _strip_filler(text: str) -> tuple[str, str | None]:
    """``some experience with syslog`` -> ``syslog``; ``basic knowledge of Go`` -> level."""
    match = _FILLER_PREFIX.match(text)
    if match is None or match.end() >= len(text):
        return _clean_skill_text(text), None
    adjective = _squash(match.group("adj") or "").casefold()
    level = adjective if _LEVEL_WORDS.fullmatch(adjective) else None
    if match.group("phrase") or adjective in _FILLER_ADJECTIVES:
        return _clean_skill_text(text[match.end() :]), level
    return _clean_skill_text(text[match.end("conj") if match.group("conj") else 0 :]), None


def _is_prose(text: str) -> bool:
    """A sentence rather than a skill name: long, or with the words sentences are made of."""
    words = [word.casefold().strip(".,:;!?()'\"") for word in text.split()]
    if len(words) > _MAX_SKILL_WORDS or re.search(r"[.!?]\s+\w", text):
        return True
    return any(word in _PROSE_WORDS for word in words)


def _prose_pattern(table: Mapping[str, str]) -> re.Pattern[str]:
    keys = sorted(
        (key for key, name in table.items() if len(key) > 1 and name not in _CONCEPTS),
        key=len,
        reverse=True,
    )
    body = "|".join(re.escape(key) for key in keys)
    return re.compile(rf"(?<![\w+#.-])(?:{body})(?![\w+#]|-\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _SkillTable:
    """Alias table (lower-cased alias -> canonical name) and its prose search pattern."""

    names: Mapping[str, str]
    prose: re.Pattern[str]


_BUILTIN_TABLE = _SkillTable(BUILTIN_SKILL_ALIASES, _prose_pattern(BUILTIN_SKILL_ALIASES))


@lru_cache(maxsize=32)
def _skill_table(alias_items: tuple[tuple[str, str], ...]) -> _SkillTable:
    """The built-in table extended by the user's aliases (built once per configuration)."""
    if not alias_items:
        return _BUILTIN_TABLE
    names = dict(BUILTIN_SKILL_ALIASES)
    for key, value in alias_items:
        names[_skill_key(key)] = value
        names.setdefault(_skill_key(value), value)
    return _SkillTable(names, _prose_pattern(names))


def _skills_in_prose(piece: _Text, table: _SkillTable) -> list[Skill]:
    """The skill names the alias table knows, found inside a sentence."""
    found = []
    for match in table.prose.finditer(piece.text):
        written = match.group(0)
        if written.casefold() in _ENGLISH_WORDS and not written[0].isupper():
            continue
        name = table.names[_skill_key(written)]
        found.append(
            Skill(name=name, raw=written, level=None, note=None, line=piece.line_at(match.start()))
        )
    return found


def _dedupe_skills(skills: Iterable[Skill]) -> tuple[Skill, ...]:
    seen: dict[str, Skill] = {}
    for skill in skills:
        seen.setdefault(skill.name.casefold(), skill)
    return tuple(seen.values())


# ---------------------------------------------------------------------------------------
# Upstream issues
# ---------------------------------------------------------------------------------------

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
    for index, raw_line in enumerate(_BR.sub("\n", value).split("\n")):
        text = _strip_marker(raw_line)[0].strip()
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
    for match in _AUTOLINK.finditer(rest):
        _note_url(match.group("url"), match.start(), line, found, problems)
    rest = _AUTOLINK.sub(" ", rest)
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


def _strip_trailing(url: str) -> str:
    """Sentence punctuation after a bare URL is not part of it; a balanced ')' is."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _note_url(
    url: str, offset: int, line: int, found: list[tuple[int, str]], problems: list[Diagnostic]
) -> None:
    candidate = "https://" + url if url.lower().startswith("www.") else url
    if is_valid_url(candidate):
        found.append((offset, candidate))
    elif candidate.startswith("#") or candidate.startswith("mailto:"):
        return  # an in-page anchor or an address: not an issue, not an error
    else:
        problems.append(_diag(line, Subtype.URL, f"malformed URL {url!r}"))


def _leftover_problems(rest: str, line: int, *, has_urls: bool, subject: str) -> list[Diagnostic]:
    """Text that is not a URL: a broken URL, an unexpandable ``#123``, or plain words."""
    problems = [
        _diag(line, Subtype.URL, f"malformed URL {m.group(0)!r}")
        for m in _BROKEN_URL.finditer(rest)
    ]
    rest = _BROKEN_URL.sub(" ", rest)
    for match in _HASH_ONLY.finditer(rest):
        message = (
            f"issue reference '#{match.group('num')}' names no repository and cannot be linked"
        )
        problems.append(_diag(line, Subtype.URL, message))
    rest = _HASH_ONLY.sub(" ", rest)
    words = _squash(_QUALIFIER.sub(" ", rest))  # "N/A (new feature)" says nothing either
    if not has_urls and not problems and words and not _is_placeholder(words):
        problems.append(_diag(line, Subtype.URL, f"{subject} is not a URL: {words!r}"))
    return problems
