"""Field labels of an idea: recognising ``- **Mentor(s)**: value`` and its many spellings.

Data flow: the parser hands the first line of a bullet item or paragraph to
:func:`split_label`; a :class:`Label` tells it which field the value belongs to. Values
themselves are read by :mod:`.normalize`. No Sphinx import here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import MappingProxyType

#: Canonical field keys the parser treats specially.
DESCRIPTION = "description"
MENTORS = "mentors"
SKILLS = "skills"
ISSUES = "issues"
#: An idea's title given as a field: tables that hold a whole idea ("| Title | ... |").
TITLE = "title"

#: Normalised label (lower case, parentheticals removed) -> canonical key.
_ALIASES: dict[str, str] = {
    "description": DESCRIPTION,
    "project description": DESCRIPTION,
    "idea description": DESCRIPTION,
    "abstract": DESCRIPTION,
    "brief description": DESCRIPTION,
    "short description": DESCRIPTION,
    "detailed description": DESCRIPTION,
    "long description": DESCRIPTION,
    "full description": DESCRIPTION,
    "more detailed description": DESCRIPTION,
    "detailed project description": DESCRIPTION,
    "project details": DESCRIPTION,
    "brief explanation": DESCRIPTION,
    "short explanation": DESCRIPTION,
    "explanation": DESCRIPTION,
    "overview": DESCRIPTION,
    "project overview": DESCRIPTION,
    "synopsis": DESCRIPTION,
    "summary": DESCRIPTION,
    "mentor": MENTORS,
    "mentors": MENTORS,
    "potential mentor": MENTORS,
    "potential mentors": MENTORS,
    "possible mentor": MENTORS,
    "possible mentors": MENTORS,
    "likely mentor": MENTORS,
    "likely mentors": MENTORS,
    "proposed mentor": MENTORS,
    "proposed mentors": MENTORS,
    "primary mentor": MENTORS,
    "co-mentor": MENTORS,
    "project mentor": MENTORS,
    "project mentors": MENTORS,
    "co-mentors": MENTORS,
    "mentor names": MENTORS,
    "coding mentor": MENTORS,
    "coding mentors": MENTORS,
    "assisting mentor": MENTORS,
    "assisting mentors": MENTORS,
    "secondary mentor": MENTORS,
    "secondary mentors": MENTORS,
    "backup mentor": MENTORS,
    "backup mentors": MENTORS,
    "suggested mentor": MENTORS,
    "suggested mentors": MENTORS,
    "interested mentors": MENTORS,
    "available mentors": MENTORS,
    "lead mentor": MENTORS,
    "lead mentors": MENTORS,
    "main mentor": MENTORS,
    "mentor contact": MENTORS,
    "recommended skills": SKILLS,
    "recommended skill": SKILLS,
    "recommend skills": SKILLS,
    "required skills": SKILLS,
    "required skill": SKILLS,
    "skills required": SKILLS,
    "skills needed": SKILLS,
    "desired skills": SKILLS,
    "desirable skills": SKILLS,
    "desirable skill": SKILLS,
    "useful skills": SKILLS,
    "helpful skills": SKILLS,
    "nice to have skills": SKILLS,
    "skills desired": SKILLS,
    "preferred skills": SKILLS,
    "skills": SKILLS,
    "skill": SKILLS,
    "skills required/preferred": SKILLS,
    "required/preferred skills": SKILLS,
    "prerequisites": SKILLS,
    "prerequisite skills": SKILLS,
    "required knowledge": SKILLS,
    "helpful experience": SKILLS,
    # NumFOCUS's ideas template: "| Intensity | Priority | Involves | Mentors |".
    "involves": SKILLS,
    "skills preferred": SKILLS,
    "preferred skill": SKILLS,
    "technical skills": SKILLS,
    "required skills/knowledge": SKILLS,
    "skills/knowledge": SKILLS,
    "knowledge/skills recommended": SKILLS,
    "knowledge/skills": SKILLS,
    "skills recommended": SKILLS,
    "knowledge prerequisite": SKILLS,
    "knowledge prerequisites": SKILLS,
    "prerequisite knowledge": SKILLS,
    "knowledge": SKILLS,
    "prerequisite": SKILLS,
    "pre-requisites": SKILLS,
    "pre-requisite": SKILLS,
    "required experience": SKILLS,
    "desired knowledge": SKILLS,
    "recommended knowledge": SKILLS,
    "knowledge required": SKILLS,
    "relevant skills": SKILLS,
    "needed skills": SKILLS,
    "skill requirements": SKILLS,
    "skills to learn": SKILLS,
    "programming languages": SKILLS,
    "programming language": SKILLS,
    "languages": SKILLS,
    "title": TITLE,
    "project title": TITLE,
    "idea": TITLE,
    "idea title": TITLE,
    "project name": TITLE,
    "idea name": TITLE,
    "upstream issue": ISSUES,
    "upstream issues": ISSUES,
    "issue": ISSUES,
    "issues": ISSUES,
    "related issue": ISSUES,
    "related issues": ISSUES,
    "tracking issue": ISSUES,
    "tracking issues": ISSUES,
    "ticket": ISSUES,
    "tickets": ISSUES,
    "related ticket": ISSUES,
    "related tickets": ISSUES,
    "relevant issue": ISSUES,
    "relevant issues": ISSUES,
    "github issue": ISSUES,
    "github issues": ISSUES,
    "issue link": ISSUES,
    "upstream issue link": ISSUES,
    "expected outcome": "expected-outcome",
    "expected outcomes": "expected-outcome",
    "expected results": "expected-outcome",
    # "Expected Result(s)": the parenthetical is dropped before the lookup
    "expected result": "expected-outcome",
    "expected output": "expected-outcome",
    "expected outputs": "expected-outcome",
    "deliverables": "expected-outcome",
    "deliverable": "expected-outcome",
    "expected deliverables": "expected-outcome",
    "project deliverables": "expected-outcome",
    "outcome": "expected-outcome",
    "outcomes": "expected-outcome",
    "expected project size": "project-size",
    "project size": "project-size",
    "expected size": "project-size",
    "expected size of project": "project-size",
    "size of project": "project-size",
    "expected size of the project": "project-size",
    "size of the project": "project-size",
    "size of this project": "project-size",
    "project length": "project-size",
    "length": "project-size",
    "expected time": "project-size",
    "time estimate": "project-size",
    "estimated time": "project-size",
    "project duration": "project-size",
    "duration": "project-size",
    "size": "project-size",
    "estimated size": "project-size",
    "estimated project size": "project-size",
    "rough project size": "project-size",
    "estimated project length": "project-size",
    "expected project length": "project-size",
    "expected length": "project-size",
    "estimated length": "project-size",
    "estimated duration": "project-size",
    "expected duration": "project-size",
    "estimated hours": "project-size",
    "expected hours": "project-size",
    "hours": "project-size",
    "time commitment": "project-size",
    "lfx url": "lfx-url",
    "lfx link": "lfx-url",
    "lfx mentorship url": "lfx-url",
    "technologies": "technologies",
    "technology": "technologies",
    "tech stack": "technologies",
    "difficulty": "difficulty",
    "difficulty level": "difficulty",
    "complexity": "difficulty",
    # GSoC's mentor guide asks for "an easy, medium or hard rating" of each idea.
    "rating": "difficulty",
    "difficulty rating": "difficulty",
    "skill level": "difficulty",
    "level": "difficulty",
    "estimated difficulty": "difficulty",
    "expected difficulty": "difficulty",
    "project difficulty": "difficulty",
}

#: How a canonical key is spelt in a "did you mean" hint.
_DISPLAY: dict[str, str] = {
    DESCRIPTION: "Description",
    MENTORS: "Mentors",
    SKILLS: "Recommended Skills",
    ISSUES: "Upstream Issue",
    TITLE: "Title",
    "expected-outcome": "Expected Outcome",
    "project-size": "Expected project size",
    "lfx-url": "LFX URL",
    "technologies": "Technologies",
    "difficulty": "Difficulty",
}

# A label is a short run of words; commas and sentence punctuation mean prose.
_LABEL_SHAPE = re.compile(r"[^\W\d_][\w '’()/&.+-]*")
_PARENTHETICAL = re.compile(r"\([^()]*\)")
# "***Description:***": bold italic is three marks.
_EMPHASIS_OPEN = re.compile(r"(?:\*\*\*|___|\*\*|__|\*|_)(?=\S)")
_EMPHASIS_EDGE = re.compile(r"^(?:\*{1,3}|_{1,3})\s*|\s*(?:\*{1,3}|_{1,3})$")
_MAX_LABEL_CHARS = 60
# "**Description**<br>": an HTML line break after a label is layout, not value.
_LINE_BREAK = re.compile(r"^\s*<br\s*/?>|<br\s*/?>\s*$", re.IGNORECASE)
# ASCII or full-width colon (files written with a CJK input method use the latter).
_COLON = re.compile("[:\uff1a]")
# Longest alias first, so "Upstream Issues" wins over "Issues"; a parenthetical may follow.
_ONE_ALIAS = (
    r"(?:"
    + "|".join(
        r"\s+".join(map(re.escape, a.split())) for a in sorted(_ALIASES, key=len, reverse=True)
    )
    + r")(?:\s*\([^()]*\))?"
)
# "Required skills / Prerequisites - Rust": two spellings of one field may be joined.
_BARE_LABEL = re.compile(
    rf"({_ONE_ALIAS}(?:\s*(?:/|&|\+|\band\b)\s*{_ONE_ALIAS})*)" + r"[ \t]*(?:[-–—=][ \t]+|$)",
    re.IGNORECASE,
)
_MAX_UNKNOWN_WORDS = 4
_MAX_UNKNOWN_CHARS = 40


@dataclass(frozen=True, slots=True)
class Label:
    """A field label found at the start of a line, and the value text after it."""

    #: The label as written, without emphasis, colon or surrounding space.
    text: str
    #: Canonical key ("mentors", "expected-outcome") or a slug-ready normalised label.
    key: str
    #: True when the label is one of the known spellings.
    known: bool
    #: True when the label was bold or italic (a strong sign it is a label).
    emphasised: bool
    #: The rest of the line after the label.
    value: str


def normalize_label(text: str) -> str:
    """Compare-key of a label: lower case, parentheticals and extra space removed."""
    return " ".join(_PARENTHETICAL.sub(" ", text.casefold()).split())


def split_label(line: str) -> Label | None:
    """The label at the start of ``line`` (a bullet's text or a paragraph's first line)."""
    opened = _EMPHASIS_OPEN.match(line)
    rest = line[opened.end() :] if opened else line
    label = _colon_label(rest, emphasised=opened is not None)
    if label is None and opened is not None:
        label = _closed_label(rest, opened.group())
    if label is None:
        label = _bare_label(rest)
    return label


def _colon_label(rest: str, *, emphasised: bool) -> Label | None:
    found = _COLON.search(rest, 0, _MAX_LABEL_CHARS + 4)
    colon = found.start() if found else -1
    if colon < 0 or rest.startswith("//", colon + 1):  # "https://..." is a value, not a label
        return None
    text = _EMPHASIS_EDGE.sub("", rest[:colon]).strip()
    if not _LABEL_SHAPE.fullmatch(text):
        return None
    value = _strip_closing_emphasis(rest[colon + 1 :])
    if _COLON.fullmatch(value[:1]) and value[1:2] in ("", " ", "\t"):
        value = value[1:].strip()  # "Description: : text", a colon typed twice
    return _make_label(text, value, emphasised=emphasised or "*" in rest[:colon])


def _strip_closing_emphasis(after_colon: str) -> str:
    stripped = after_colon.lstrip()
    for mark in ("***", "___", "**", "__", "*", "_"):
        if stripped.startswith(mark) and not stripped.startswith(mark + mark[0]):
            return stripped[len(mark) :].strip()
    return stripped.strip()


def _closed_label(rest: str, mark: str) -> Label | None:
    """``**Mentors** value``, or ``**Tasks**`` alone on its line: emphasis marks the label.

    With a value on the same line only a known label counts: ``**Note** that...`` is prose.
    """
    close = rest.find(mark, 0, _MAX_LABEL_CHARS + 4)
    if close < 0:
        return None
    label = _make_label(rest[:close].strip(), rest[close + len(mark) :].strip(), emphasised=True)
    return label if label is not None and (label.known or not label.value) else None


def _bare_label(rest: str) -> Label | None:
    """``Mentors`` alone on its line, or ``Mentors - value``: known labels only."""
    match = _BARE_LABEL.match(rest)
    if match is None:
        return None
    label = _make_label(match.group(1).strip(), rest[match.end() :].strip(), emphasised=False)
    # "Difficulty & Requirements - ..." joins two fields: without a colon it is prose.
    return label if label is not None and label.known else None


def _make_label(text: str, value: str, *, emphasised: bool) -> Label | None:
    value = _LINE_BREAK.sub("", value).strip()
    if not text or len(text) > _MAX_LABEL_CHARS or not _LABEL_SHAPE.fullmatch(text):
        return None
    normal = normalize_label(text)
    key = _known_key(normal)
    if key is not None:
        return Label(text=text, key=key, known=True, emphasised=emphasised, value=value)
    if not normal or len(normal) > _MAX_UNKNOWN_CHARS:
        return None
    if len(normal.split()) > _MAX_UNKNOWN_WORDS:
        return None
    return Label(text=text, key=normal, known=False, emphasised=emphasised, value=value)


#: "Required skills / Prerequisites", "Skills & Knowledge": two spellings of one field.
_LABEL_JOIN = re.compile(r"\s*(?:/|&|\+|\band\b)\s*")


def _known_key(normal: str) -> str | None:
    """The field a normalised label names: an alias, the user's, or a join of one field's.

    A join of two fields ("Difficulty & Requirements") names neither: it stays unknown.
    """
    key = _lookup(normal) or _lookup(_LABEL_JOIN.sub(lambda m: m.group().strip(), normal))
    if key is not None:
        return key
    parts = [part for part in _LABEL_JOIN.split(normal) if part]
    keys = {_lookup(part) for part in parts}
    return keys.pop() if len(parts) > 1 and len(keys) == 1 else None


def _lookup(normal: str) -> str | None:
    return _ALIASES.get(normal) or _USER_LABELS.get().get(normal)


def heading_label(title: str) -> Label | None:
    """The known label a whole heading consists of ("Expected Outcomes"), or None."""
    label = split_label(title)
    return label if label is not None and label.known and not label.value else None


def suggest_label(label: Label) -> str | None:
    """The known label an unknown one is probably a misspelling of, or None."""
    key = suggested_key(label)
    return _DISPLAY[key] if key else None


def suggested_key(label: Label) -> str | None:
    """The field an unknown label is probably a misspelling of ("Mentros": mentors)."""
    if label.known:
        return None
    close = difflib.get_close_matches(label.key, _ALIASES, n=1, cutoff=0.8)
    return _ALIASES[close[0]] if close else None


#: Label spellings the user maps to fields for the file being read (``ideas_reading``'s
#: ``labels``), normalised; set around one parse by :func:`user_labels`.
_USER_LABELS: ContextVar[Mapping[str, str]] = ContextVar(
    "user_labels", default=MappingProxyType({})
)


@contextmanager
def user_labels(labels: Mapping[str, str]) -> Iterator[None]:
    """Read ``labels`` (normalised spelling -> field key) as known labels meanwhile."""
    token = _USER_LABELS.set(labels)
    try:
        yield
    finally:
        _USER_LABELS.reset(token)


def known_field_keys() -> frozenset[str]:
    """The fields a label can name (``ideas_reading``'s ``labels`` map spellings to these)."""
    return frozenset(_DISPLAY) - {TITLE}
