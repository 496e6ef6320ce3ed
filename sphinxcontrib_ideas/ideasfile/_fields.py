"""An idea's fields: from the units of its body to description, mentors, skills, issues.

Data flow: :mod:`._units` cuts an idea's body into labelled fields and unlabelled chunks;
:func:`read_fields` folds chunks into the field they continue, hands Mentors, Skills and
Upstream issue values to :mod:`.normalize`, and keeps the rest as the description (in file
order, so a lead paragraph comes before the Description field) or as extra fields.
No Sphinx import here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ._blocks import inline_references, with_references
from ._labels import DESCRIPTION, ISSUES, MENTORS, SKILLS, suggest_label, suggested_key
from ._units import Unit
from .model import Diagnostic, Field, Mentor, Skill, Subtype, slugify
from .normalize import parse_issues, parse_mentors, parse_skills

_REMARK_WORDS = 4
#: Fields whose value is a word or a number ("175 hours", "Hard", a URL): paragraphs after
#: them are the description, not more of the value.
_SHORT_FIELDS = frozenset({"project-size", "difficulty", "lfx-url", "technologies"})
_MAX_ENTRY_CHARS = 120


def read_fields(
    units: list[Unit],
    *,
    aliases: Mapping[str, str] | None,
    references: Mapping[str, tuple[str, str]] | None = None,
) -> IdeaFields:
    """Everything an idea's own body says, with the diagnostics of its values.

    ``references`` are the file's link reference definitions: values read by the value
    parsers get them inline, extra fields get the definitions they use appended.
    """
    fields = IdeaFields()
    for entry in _entries(units):
        _read_entry(entry, fields, aliases, references or {})
    return fields


@dataclass(slots=True)
class IdeaFields:
    """What an idea's entries have yielded so far."""

    description: list[tuple[str, int]] = field(default_factory=list)
    mentors: list[Mentor] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    skills_text: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _entries(units: list[Unit]) -> list[_Entry]:
    """Units with unlabelled chunks folded into the field value they continue."""
    entries: list[_Entry] = []
    for unit in units:
        last = entries[-1] if entries else None
        if last is not None and last.takes_bold_value(unit):
            # "**Difficulty**<br>" then a paragraph "**Hard**<br>": Hard is the value
            assert unit.label is not None
            last.value, last.value_line = unit.label.text, unit.line
            continue
        if unit.label is None and last is not None and (last.collects() or last.lists(unit)):
            if last.value:
                last.value = f"{last.value}\n\n{unit.value}"
            else:
                last.value, last.value_line = unit.value, unit.value_line
        else:
            entries.append(_Entry(unit=unit, value=unit.value, value_line=unit.value_line))
    return entries


@dataclass(slots=True)
class _Entry:
    """A field with the chunks that continue its value, or a description chunk."""

    unit: Unit
    value: str
    value_line: int

    def lists(self, unit: Unit) -> bool:
        """Whether ``unit`` is one more mentor written as its own paragraph.

        ``**Potential mentors:**`` alone, then one short paragraph per person.
        """
        label = self.unit.label
        short = "\n" not in unit.value and len(unit.value) <= _MAX_ENTRY_CHARS
        return label is not None and label.key == MENTORS and not self.unit.value and short

    def takes_bold_value(self, unit: Unit) -> bool:
        """Whether ``unit``, a bold word alone, is the value of this empty field."""
        label, found = self.unit.label, unit.label
        if label is None or self.value or found is None or found.value:
            return False
        return label.key in _SHORT_FIELDS and not found.known and suggest_label(found) is None

    def collects(self) -> bool:
        """Whether a following unlabelled chunk continues this field's value.

        An empty value continues below ("- Description:" then paragraphs); a paragraph
        label's prose value continues too ("**Description:** ..." then paragraphs). A
        non-empty Mentors/Skills/Issues value does not: prose after it is description.
        """
        label = self.unit.label
        if label is None:
            return False
        if not self.value:
            return True
        return self.unit.paragraph and label.key not in {MENTORS, SKILLS, ISSUES, *_SHORT_FIELDS}


def _read_entry(
    entry: _Entry,
    draft: IdeaFields,
    aliases: Mapping[str, str] | None,
    references: Mapping[str, tuple[str, str]],
) -> None:
    label = entry.unit.label
    value, line = entry.value, entry.value_line
    misspelt = suggested_key(label) if label is not None else None
    if label is not None and misspelt is not None:
        # "- Mentros: fay@example.org" is the mentors field: read so, and its address is
        # handled like any mentor's (hidden unless shown), not published as an extra field
        _check_label(entry.unit, draft)
        label = replace(label, key=misspelt)
    if label is None or label.key == DESCRIPTION:
        if value:
            draft.description.append((value, line))
        return
    if label.key in (MENTORS, SKILLS, ISSUES):
        value = inline_references(value, references)
    else:
        value = with_references(value, references)
    if label.key == MENTORS:
        value, remark = _split_remark(value)
        mentors, found = parse_mentors(value, line=line)
        role = _label_role(label.text)
        if role:  # "Coding Mentors: ..." and "Assisting Mentors: ...": two roles
            mentors = tuple(replace(m, role=m.role or role) for m in mentors)
        if remark:
            # "Maybe someone else wants to help, too?" below the names: the idea's text
            draft.description.append((remark, line + value.count("\n") + 2))
        draft.mentors.extend(mentors)
        draft.diagnostics.extend(found)
    elif label.key == SKILLS:
        skills, text, found = parse_skills(value, line=line, aliases=aliases)
        # Skills named twice (a table row and a "Technical skills" paragraph) are one.
        known = {skill.name.casefold() for skill in draft.skills}
        draft.skills.extend(skill for skill in skills if skill.name.casefold() not in known)
        if text:
            draft.skills_text.append(text)
        draft.diagnostics.extend(found)
    elif label.key == ISSUES:
        issues, found = parse_issues(value, line=line)
        draft.issues.extend(issues)
        draft.diagnostics.extend(found)
    else:
        key = slugify(label.key)
        draft.fields.append(Field(label=label.text, key=key, value=value, line=entry.unit.line))
        _check_label(entry.unit, draft)


#: "Coding Mentors", "Assisting mentor", "Co-mentors": the words before "mentor" name a role.
_ROLE_LABEL = re.compile(r"^\s*(?P<role>[^\W\d_][\w -]*?)[\s-]*mentors?\b", re.IGNORECASE)
#: Words before "mentor" in a label that name no role ("Possible mentors").
_NOT_ROLES = frozenset(
    {
        "possible",
        "potential",
        "likely",
        "the",
        "our",
        "proposed",
        "project",
        "suggested",
        "interested",
        "available",
    }
)


def _label_role(label: str) -> str | None:
    """The role a Mentors label names ("coding" for "Coding Mentors"), or None."""
    match = _ROLE_LABEL.match(label)
    if match is None:
        return None
    role = match.group("role").strip(" -").casefold()
    if role == "co":
        return "co-mentor"
    return None if not role or role in _NOT_ROLES else role


def _split_remark(value: str) -> tuple[str, str]:
    """A Mentors value without the prose paragraphs after its first, and that prose.

    A paragraph is prose when it is a sentence (four words or more, ending with ".",
    "?" or "!") and names nobody: no handle, link or address.
    """
    paragraphs = value.split("\n\n")
    cut = len(paragraphs)
    while cut > 1 and _is_remark(paragraphs[cut - 1]):
        cut -= 1
    return "\n\n".join(paragraphs[:cut]), "\n\n".join(paragraphs[cut:])


def _is_remark(paragraph: str) -> bool:
    text = paragraph.strip()
    if any(mark in text for mark in ("@", "http", "<", "](")):
        return False
    return len(text.split()) >= _REMARK_WORDS and text.endswith((".", "?", "!"))


def _check_label(unit: Unit, draft: IdeaFields) -> None:
    assert unit.label is not None
    suggestion = suggest_label(unit.label)
    if suggestion is not None:
        message = (
            f"unknown field label {unit.label.text!r}, did you mean {suggestion!r}? "
            f"Its value is read as {suggestion}"
        )
        draft.diagnostics.append(Diagnostic(line=unit.line, subtype=Subtype.LABEL, message=message))
