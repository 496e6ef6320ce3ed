"""The Mentor(s) value parser: people with name, GitHub handle, e-mail and role.

Data flow: the parser hands a Mentor(s) value to :func:`parse_mentors` (re-exported by
:mod:`.normalize`); it returns :class:`~.model.Mentor` records and diagnostics.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ._sanitize import dropped_link_message, link_target
from ._text import (
    AUTOLINK,
    LINK,
    Text,
    diag,
    is_placeholder,
    is_valid_email,
    is_valid_github_handle,
    nested_spans,
    split_top,
    squash,
    trimmed,
    value_items,
    word_set,
)
from .model import Diagnostic, Mentor, Subtype, normalize_name

_ROLE_WORDS = r"primary|secondary|backup|co-?mentor|lead|main|shadow|alternate|additional"
# A comma may be followed by a conjunction: "Ann, and [Bo](mailto:...)".
_MENTOR_SEPARATOR = re.compile(
    r"\s*[,;|]\s*(?:(?:and/or|and|or|&|\+)\s+)?|\s+(?:and/or|and|or|&|\+|e|y|und|et)\s+",
    re.IGNORECASE,
)
#: "..., ada@example.org. Bo Chen, ...": a full stop after an address or handle, before
#: a capital, ends one person's entry.
_STOP_AFTER_CONTACT = re.compile(r"(?<=[\w-])\.(?=\s+[A-Z])")
_ONLY_HANDLE = re.compile(r"@[A-Za-z0-9][\w-]*|(?:https?://)?github\.com/[\w-]+/?", re.IGNORECASE)
_ONLY_ADDRESS = re.compile(r"<?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?")
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
_GITHUB_URL = re.compile(
    r"(?:https?://)?(?:www\.)?github\.com/(?P<path>[^\s()<>\[\],;]*)", re.IGNORECASE
)
_AT_HANDLE = re.compile(r"(?<![\w@.+-])@(?P<handle>[\w-]+(?:\.[\w-]+)*)")
# Lookbehinds start matches only where a word starts: linear time on long words.
_EMAIL_CANDIDATE = re.compile(
    r"(?:mailto:)?(?<![^\s()<>\[\],;:@])(?P<addr>[^\s()<>\[\],;:@]+@[^\s()<>\[\],;]*)"
)
_HANDLE_MAIL_PAREN = re.compile(
    r"\(\s*@?(?P<handle>[A-Za-z0-9][\w-]*)\s*[,;/|]\s*(?:mailto:)?<?(?P<addr>[^\s()<>,;]+@[^\s()<>,;]+)>?\s*\)"
    r"|\(\s*(?:mailto:)?<?(?P<addr2>[^\s()<>,;]+@[^\s()<>,;]+)>?\s*[,;/|]\s*@?(?P<handle2>[A-Za-z0-9][\w-]*)\s*\)"
)
# "ann (at) example (dot) org", "ann AT example DOT org": addresses written against spam.
_OBFUSCATED_AT = re.compile(r"(?<=[\w.])[ \t]*(?:[(\[]at[)\]]|[ \t]AT[ \t])[ \t]*(?=\w)")
_OBFUSCATED_DOT = re.compile(r"(?<=\w)[ \t]*(?:[(\[]dot[)\]]|[ \t]DOT[ \t])[ \t]*(?=\w)")
# "*Ann*, mail: ann@example.org": the address belongs to the name before the comma.
_MAIL_LABEL = re.compile(r"[ \t]*,[ \t]*e?-?mail[ \t]*:[ \t]*", re.IGNORECASE)
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
_OTHER_SERVICE_URL = re.compile(rf"^(?:https?://)?(?:www\.)?(?:{_SERVICES})\b", re.IGNORECASE)
_OTHER_SERVICE_ON = re.compile(
    rf"(?<![\w.@-])@?(?P<handle>[\w.-]+)\s+(?:on|in|at|via)\s+(?:the\s+)?(?:\w+\s+)?(?:{_SERVICES})\b",
    re.IGNORECASE,
)
# "(@Mike Spreitzer, mike@...)": a name typed where the handle goes.
_SPACED_HANDLE = re.compile(r"\(\s*@([\w-]+) ([A-Z][\w-]*)\s*[,;)]")
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
_NOT_NAME_WORDS = word_set(
    """the an to from of on in at by for with via see please contact ask reach out will
    be is are any all our your their this that these those team teams maintainers maintainer
    members member community someone anyone somebody anybody volunteer volunteers needed
    wanted looking mentor mentors mentee mentees slack discord mailing list channel more
    details later soon here there who what when also other others etc"""
)
_TEAM_WORDS = frozenset({"team", "teams", "maintainers", "developers", "squad"})
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
    #: (URL, scheme) of each link dropped for its scheme (``javascript:`` and the like).
    unsafe_links: tuple[tuple[str, str], ...] = ()


def parse_mentors(value: str, *, line: int) -> tuple[tuple[Mentor, ...], tuple[Diagnostic, ...]]:
    """Read the people in a Mentor(s) value, one :class:`Mentor` per person, in order."""
    mentors = _MentorList()
    diagnostics: list[Diagnostic] = []
    value = _MAIL_LABEL.sub(" ", _OBFUSCATED_AT.sub("@", _OBFUSCATED_DOT.sub(".", value)))
    for item in value_items(value, line, join_continuations=False):
        if _MENTEE.search(item.text) and not _AT_HANDLE.search(_MENTEE.split(item.text)[0]):
            continue  # a "Mentee: ..." line names the student, not a mentor
        for chunk in _mentor_chunks(item):
            mentor, found = _parse_mentor_at(chunk.text, chunk.line_at(0))
            diagnostics.extend(found)
            if mentor is not None:
                _add_mentor(mentors, diagnostics, mentor)
    return tuple(mentors.items), tuple(diagnostics)


def _mentor_chunks(item: Text) -> list[Text]:
    """One text per person: split at separators, then at glued entries."""
    chunks: list[Text] = []
    # "Jane Doe, PhD": the comma before a degree is not a separator (same length: the
    # line mapping stays right).
    item = replace(item, text=_stops_to_separators(_DEGREE_COMMA.sub(_KEPT_COMMA, item.text)))
    for piece in split_top(item, _MENTOR_SEPARATOR):
        chunks.extend(_split_glued(piece))
    return _join_contacts(chunks)


def _stops_to_separators(text: str) -> str:
    """A full stop that ends an entry by an address or handle becomes a ";" (same length)."""
    out = list(text)
    for match in _STOP_AFTER_CONTACT.finditer(text):
        word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
        if "@" in word:
            out[match.start()] = ";"
    return "".join(out)


def _join_contacts(chunks: list[Text]) -> list[Text]:
    """``Ada Byron, @adab, ada@example.org``: one person written as three entries.

    A name alone followed by a handle alone and/or an address alone is one person when
    both follow, or when the one that follows looks like the name ("adab" for "Ada
    Byron"); otherwise they stay separate entries, so that nobody is lost.
    """
    joined: list[Text] = []
    index = 0
    while index < len(chunks):
        name = chunks[index]
        handle = address = None
        after = index + 1
        if _is_name_alone(name.text):
            if after < len(chunks) and _ONLY_HANDLE.fullmatch(chunks[after].text):
                handle, after = chunks[after], after + 1
            if after < len(chunks) and _ONLY_ADDRESS.fullmatch(chunks[after].text):
                address, after = chunks[after], after + 1
        contacts = [c.text for c in (handle, address) if c is not None]
        one_person = len(contacts) == 2 or any(_resembles(name.text, c) for c in contacts)
        if contacts and one_person:
            text = f"{name.text} ({', '.join(contacts)})"
            joined.append(Text(text, (0,), (name.line_at(0),)))
            index = after
        else:
            joined.append(name)
            index += 1
    return joined


def _address_name(address: str | None) -> str:
    """A name for a mentor known only by an address, revealing nothing of it.

    Named after the address's local part it would publish part of the address in pages,
    slugs and ``objects.inv``; four characters of a digest tell such mentors apart and
    stay the same from build to build.
    """
    if not address:
        return ""
    digest = hashlib.sha256(address.casefold().encode("utf-8")).hexdigest()
    return f"Mentor {digest[:4]}"


def _is_name_alone(text: str) -> bool:
    return "@" not in text and "github.com" not in text.lower() and _looks_like_name(text)


def _resembles(name: str, contact: str) -> bool:
    """Whether a handle or address looks made from the name: "adab", "ada.byron@..."."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", name)]
    local = contact.lstrip("<@").split("@")[0].rsplit("/", 1)[-1].casefold()
    squashed = re.sub(r"[\W_]+", "", local)
    if not words or not squashed:
        return False
    initials = "".join(w[0] for w in words)
    return (
        any(len(w) >= 3 and w in squashed for w in words)
        or squashed.startswith(initials)
        or squashed.endswith(words[-1][:3])
    )


def _split_glued(piece: Text) -> list[Text]:
    """Split "@a @b" and "Ann (@a) Bob (@b)", which some files write without separators."""
    if _HANDLE_LIST.fullmatch(piece.text):
        return [piece.slice(m.start(), m.end()) for m in re.finditer(r"@[\w-]+", piece.text)]
    for start, end in nested_spans(piece.text):
        group = piece.text[start:end]
        if group[-1] not in ")]>" or not ("@" in group or "github.com" in group.lower()):
            continue
        if _starts_new_entry(piece.text[end:]):
            return [
                trimmed(piece.slice(0, end)),
                *_split_glued(trimmed(piece.slice(end, len(piece.text)))),
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
    raw = squash(text)
    if is_placeholder(raw) or _MENTEE.search(raw):
        return None, []
    parts = _MentorParts(rest=raw.replace("`", ""))
    for step in (_take_label, _take_handle_mail_paren, _take_links, _take_autolinks):
        step(parts)
    for step in (_take_labelled_handles, _take_github_urls, _take_emails):
        step(parts)
    spaced = _SPACED_HANDLE.search(parts.rest)
    for step in (_take_at_handles, _take_role):
        step(parts)
    mentor, diagnostics = _build_mentor(parts, raw, line)
    for url, scheme in parts.unsafe_links:
        diagnostics.append(diag(line, Subtype.UNSAFE, dropped_link_message(url, scheme)))
    if spaced and mentor is not None and mentor.github == spaced.group(1):
        written = f"@{spaced.group(1)} {spaced.group(2)}"
        message = f"handle {written!r} has a space, which GitHub handles cannot"
        message += f"; read as '@{mentor.github}'"
        diagnostics.append(diag(line, Subtype.GITHUB_HANDLE, message))
    return mentor, diagnostics


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
    for match in reversed(list(LINK.finditer(parts.rest))):
        text, url = match.group("text").strip(), match.group("url")
        keep = ""
        if (scheme := link_target(url).unsafe_scheme) is not None:
            # as if the link were its text alone: "[@eve](javascript:...)" is still @eve
            parts.unsafe_links += ((url, scheme),)
            keep = text
        elif url.lower().startswith("mailto:"):
            parts.email = parts.email or url[len("mailto:") :]
            keep = "" if "@" in text else text
        elif (handle := _github_user(url)) is not None:
            parts.github, parts.name_hint = handle, _link_name(text, handle) or parts.name_hint
        elif text.startswith("@") and not _OTHER_SERVICE_URL.search(url):
            parts.github = parts.github or text[1:].strip()
        elif text.startswith("@"):  # "[@jane](https://gitlab.com/jane)": not a GitHub handle
            parts.name_hint = parts.name_hint or text[1:].strip()
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
    for match in reversed(list(AUTOLINK.finditer(parts.rest))):
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
        addr = match.group("addr").rstrip(".")
        if "." not in addr.partition("@")[2] and parts.rest.strip() == match.group().strip():
            # "team-cert-manager@Jetstack" alone: a team at an organisation, not a
            # malformed address; it is the mentor's name.
            parts.name_hint = addr
        else:
            parts.email = addr
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
    for _ in range(3):  # "( () )": groups emptied by the handle's removal, a few levels deep
        text = _EMPTY_GROUP.sub(" ", text)
    text = squash(text).strip(" \t-–—,;:|/*_~")
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


def _names_team(name: str) -> bool:
    """A named team standing in for people: "Lyft networking team", "Foo maintainers"."""
    words = name.rstrip(".").split()
    if not 2 <= len(words) <= 5 or words[-1].casefold() not in _TEAM_WORDS:
        return False
    return words[0][:1].isupper() and _looks_like_name(" ".join(words[:-1]))


def _build_mentor(
    parts: _MentorParts, raw: str, line: int
) -> tuple[Mentor | None, list[Diagnostic]]:
    name = _name_part(_clean_name(parts.rest))
    diagnostics: list[Diagnostic] = []
    has_contact = parts.github is not None or parts.email is not None
    if name and not has_contact and is_placeholder(name):
        return None, []  # "TBD (will be updated)"
    understood = (
        (_looks_like_name(name) or _names_team(name))
        if name
        else has_contact or bool(parts.name_hint)
    )
    if not understood:
        diagnostics.append(diag(line, Subtype.MENTOR, f"mentor entry not understood: {raw!r}"))
    for extra in parts.extra_handles:
        diagnostics.append(
            diag(
                line,
                Subtype.MENTOR,
                f"mentor entry {raw!r} has a second handle '@{extra}' (ignored)",
            )
        )
    if not has_contact and not understood:
        return None, diagnostics
    if not understood or not name:
        name = parts.name_hint or parts.github or _address_name(parts.email)
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
            diag(
                line,
                Subtype.GITHUB_HANDLE,
                f"handle '@{parts.github}' breaks GitHub's username rules",
            )
        )
    if parts.email is not None and not is_valid_email(parts.email):
        found.append(diag(line, Subtype.EMAIL, f"e-mail address {parts.email!r} is malformed"))
    return found


class _MentorList:
    """The mentors of one value in order, each found again in constant time.

    The same person is the same handle when both entries have one, otherwise the same
    normalised name; a line of thousands of mentors must not compare each with all.
    """

    def __init__(self) -> None:
        self.items: list[Mentor] = []
        self._by_handle: dict[str, int] = {}
        #: First entry of each name, and the entry of each name that has no handle (there
        #: is at most one: a second one would have been merged into it).
        self._by_name: dict[str, int] = {}
        self._without_handle: dict[str, int] = {}

    def earlier(self, mentor: Mentor) -> int | None:
        """The earlier entry of the same person: a handle match first, else a name match.

        Handle first, so that filling a handle into a name-only entry can never make two
        entries with the same handle.
        """
        name = normalize_name(mentor.name)
        if mentor.github:
            found = self._by_handle.get(mentor.github.casefold())
            return found if found is not None else self._without_handle.get(name)
        return self._by_name.get(name)

    def append(self, mentor: Mentor) -> None:
        self._index(len(self.items), mentor)
        self.items.append(mentor)

    def replace_at(self, index: int, mentor: Mentor) -> None:
        """Put the merged ``mentor`` in place of entry ``index`` (same name, maybe a handle)."""
        self.items[index] = mentor
        self._index(index, mentor)

    def _index(self, index: int, mentor: Mentor) -> None:
        name = normalize_name(mentor.name)
        self._by_name.setdefault(name, index)
        if mentor.github:
            self._by_handle.setdefault(mentor.github.casefold(), index)
            if self._without_handle.get(name) == index:
                del self._without_handle[name]
        else:
            self._without_handle.setdefault(name, index)


def _add_mentor(mentors: _MentorList, diagnostics: list[Diagnostic], mentor: Mentor) -> None:
    """Append, or merge into the earlier entry for the same person and say so."""
    index = mentors.earlier(mentor)
    if index is None:
        mentors.append(mentor)
        return
    earlier = mentors.items[index]
    mentors.replace_at(
        index,
        replace(
            earlier,
            github=earlier.github or mentor.github,
            email=earlier.email or mentor.email,
            role=earlier.role or mentor.role,
        ),
    )
    message = (
        f"mentor {mentor.raw!r} is listed twice (also as {earlier.raw!r} at line {earlier.line})"
    )
    diagnostics.append(diag(mentor.line, Subtype.DUPLICATE_MENTOR, message))
