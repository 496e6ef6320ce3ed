"""How the sections of an ideas file are read: which are ideas, projects, groups, wrappers.

Data flow: :class:`._blocks.Outline` (the section tree) --(:class:`Shape`)--> the sets of
sections that :mod:`.parser`'s walk then turns into projects and ideas. The reading is
*relative*, because real files put projects and ideas at different heading levels:

- an idea is a section whose own body carries fields (:mod:`._units`): a labelled bullet,
  two labelled paragraphs (GSoC pages), or two sub-headings named like fields;
- a container is a section with ideas below it; the project level is the shallowest level
  with several containers (one container level above it is a wrapper such as "Proposed
  Project ideas"; containers below it are groups such as "SIG Usability");
- a section whose heading says "Sample"/"Template" (or a "(sample)" project) excludes
  everything in it, decided by the enclosing section, never by an idea's own title;
- a heading written a level off among its neighbours is repaired first (:mod:`._repair`),
  unless the user gave the levels.

No Sphinx import here.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice, takewhile
from typing import TYPE_CHECKING

from ._blocks import Block, Outline, Section, is_comment, is_toc, iter_sections, plain_inline
from ._labels import DESCRIPTION, ISSUES, SKILLS, TITLE, Label
from ._repair import field_heading, names_idea_field, repair_outline
from ._units import Unit, is_field_bearing, read_units, slice_lines
from .model import Diagnostic, Subtype, normalize_name
from .options import ReadingOptions

if TYPE_CHECKING:
    from ._memo import SectionMemo

_MARKER_WORDS = frozenset({"sample", "samples", "template", "templates", "example", "examples"})
# Words that may sit next to a marker word in a heading that is still only a marker
# ("Project idea template", "Sample:"), unlike a real name ("Template Engine").
_FILLER_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "this", "here", "is", "project", "projects", "idea", "ideas"}
    | {"proposal", "entry", "format", "submission", "name", "title", "cncf", "lfx", "gsoc"}
)
_MARKER_PAREN = re.compile(r"\(\s*(?:sample|template|example)s?\s*\)", re.IGNORECASE)
_MARKER_PREFIX = re.compile(r"\s*(?:sample|template|example)s?\s*:", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
# Headings that sort ideas by size or difficulty ("small (90 hours)", "Easy", "Long
# projects") group the ideas of one project; they never name a project themselves.
_CATEGORY_GLUE = frozenset({"h", "hr", "hrs", "or", "to", "and"})
_CATEGORY_WORDS = frozenset(
    {"small", "medium", "large", "long", "short", "mid", "sized", "size", "length"}
    | {"easy", "hard", "moderate", "difficult", "difficulty", "level", "intermediate"}
    | {"beginner", "beginners", "advanced", "expert", "newcomer", "newcomers", "friendly"}
    | {"hour", "hours", "about", "approx", "approximately"}
    | _CATEGORY_GLUE
)
_GROUP_PREFIX = re.compile(
    r"\s*(?:sig|wg|(?:special\s+interest|working)\s+group)\b(?!\s*$)", re.IGNORECASE
)
_CATEGORY_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
#: Fields an organisation above its ideas does not have (it may have mentors, a website).
_IDEA_ONLY_KEYS = frozenset(
    {DESCRIPTION, SKILLS, ISSUES, "expected-outcome", "project-size", "difficulty"}
)
_TITLE_LINK = re.compile(r"(?:\*\*|__)?\[[^\[\]]+\]\([^()\s]+\)(?:\*\*|__)?")


def says_sample(title: str) -> bool:
    """Whether a heading marks its section as a sample or template, not real ideas."""
    if _MARKER_PAREN.search(title) or _MARKER_PREFIX.match(title):
        return True
    words = _WORD.findall(title.casefold())
    return bool(_MARKER_WORDS & set(words)) and all(
        word in _MARKER_WORDS or word in _FILLER_WORDS for word in words
    )


def names_category(title: str) -> bool:
    """Whether a heading names a group of one project's ideas rather than a project.

    Size or difficulty classes ("Small (90 hours)") and community groups ("SIG Network",
    "WG Policy") sort ideas; a file whose every heading above the ideas is one of them
    holds one project.
    """
    if _GROUP_PREFIX.match(title):
        return True
    words = _CATEGORY_TOKEN.findall(title.casefold())
    kept = [word for word in words if word not in _FILLER_WORDS and not word.isdigit()]
    return (
        bool(kept)
        and all(word in _CATEGORY_WORDS for word in kept)
        and not set(kept) <= _CATEGORY_GLUE
    )


class Shape:
    """The reading of one file's section tree: every set the walk asks about."""

    def __init__(
        self, outline: Outline, reading: ReadingOptions, memo: SectionMemo | None = None
    ) -> None:
        self.lines = outline.lines
        self.root = outline.root
        self.reading = reading
        #: ``ideas.level`` and ``ideas.structure`` warnings of the reading.
        self.diagnostics: list[Diagnostic] = []
        #: Sections left out as unfilled templates (excluded, with a warning).
        self.templates: set[Section] = set()
        #: Each section's own body read as units (labelled fields and text chunks).
        #: (Kept from an earlier parse, with ``memo``, for the bodies it saw before.)
        self.units = {
            section: read_units(section.body, self.lines)
            if memo is None
            else memo.units(section.body, self.lines, read_units)
            for section in [self.root, *iter_sections(self.root)]
        }
        # Levels given by the user are taken as written: no slip to repair.
        levels_given = self.reading.project_level or self.reading.idea_level
        repairs = (
            []
            if levels_given
            else repair_outline(
                self.root,
                bears_fields=lambda section: is_field_bearing(self.units[section]),
                says_sample=says_sample,
                has_idea_fields=self._has_idea_fields,
            )
        )
        self.diagnostics += [_diag(r.line, Subtype.LEVEL, r.message) for r in repairs if not r.note]
        #: Lines of the headings a repair re-read (and reported, unless announced).
        self.repaired = {repair.line for repair in repairs}
        sections = iter_sections(self.root)
        #: Ideas written as tables with a Title row or column, by the section holding them.
        self.records: dict[Section, list[list[Unit]]] = {}
        #: 0-based first lines of those tables (not shown as intro text).
        self.record_tables: set[int] = set()
        for section in [self.root, *sections]:
            self._find_records(section)
        #: Sub-sections read as fields of their parent ("#### Expected Outcomes").
        self.absorbed: set[Section] = set()
        for section in sections:
            self._absorb_heading_fields(section)
        self.excluded = self._find_excluded(sections)
        self.ideas = {
            s
            for s in sections
            if s not in self.excluded and s not in self.absorbed and self._is_idea(s)
        }
        if not self.reading.idea_level:
            self.ideas -= self._find_field_containers()
        self.containers = self._find_containers(sections)
        self.project_level = self._find_project_level()
        self.wrappers = self._find_wrappers(sections)
        self.title_section = self._find_title()

    def _find_records(self, section: Section) -> None:
        """Tables that each hold a whole idea, titled by a Title row or column.

        One such table whose title is the section's own heading is that idea's fields.
        """
        records: dict[int, list[Unit]] = {}
        for unit in self.units[section]:
            if unit.record >= 0:
                records.setdefault(unit.record, []).append(unit)
        titled = [units for units in records.values() if record_title(units) is not None]
        if not titled:
            self._find_link_titled(section)
            return
        if len(titled) == 1 and section.heading is not None:
            title = record_title(titled[0])
            assert title is not None
            if normalize_name(plain_inline(title.value)[0]) == normalize_name(section.title):
                self.units[section] = [u for u in self.units[section] if u is not title]
                return
        kept = {id(unit) for units in titled for unit in units}
        self.units[section] = [u for u in self.units[section] if id(u) not in kept]
        self.records[section] = titled
        self.record_tables.update(units[0].table for units in titled)

    def _find_link_titled(self, section: Section) -> None:
        """Ideas without headings, each opened by a paragraph that is only a link.

        Apache's generated GSoC page lists each idea under its project's heading as
        ``[Title](issue URL)``, the description, then bold fields; every part from a
        title link to the next must carry fields, or the links are just text.
        """
        body = section.body
        starts = [i for i, block in enumerate(body) if self._is_title_link(block)]
        if not starts:
            return
        records: list[list[Unit]] = []
        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(body)
            units = read_units(body[start + 1 : end], self.lines)
            if not is_field_bearing(units):
                return
            block = body[start]
            text, line = slice_lines(self.lines, block.start, block.end)
            title = Label(text="Title", key=TITLE, known=True, emphasised=False, value=text)
            records.append([Unit(title, text, line, line), *units])
        self.records[section] = records
        self.record_tables.update(block.start for block in body[starts[0] :])
        self.units[section] = read_units(body[: starts[0]], self.lines)

    def _is_title_link(self, block: Block) -> bool:
        if block.kind != "paragraph" or block.end - block.start != 1:
            return False
        return _TITLE_LINK.fullmatch(self.lines[block.start].strip()) is not None

    def _absorb_heading_fields(self, section: Section) -> None:
        """Fields written as sub-headings (``### Abstract``, ``### Mentors``): one idea.

        Two such headings are needed, or one naming a field only ideas have (mentors,
        skills) under a section with text of its own and no idea below it: a lone
        "Mentors" heading beside ideas is an organisation's list of mentors. A lone
        "Abstract" that holds the fields (NumFOCUS's table) is enough: it is never an
        idea of its own.
        """
        labels = [field_heading(child.title) for child in section.children]
        described = any(
            label is not None and label.key == DESCRIPTION and self._bears_fields(child)
            for child, label in zip(section.children, labels, strict=True)
        )
        named = sum(label is not None for label in labels)
        alone = (
            any(names_idea_field(label) for label in labels)
            and bool(kept_body(self.lines, section, self.record_tables))
            and not any(self._bears_fields(s) for s in iter_sections(section))
        )
        if named < 2 and not described and not alone:
            return
        units = list(self.units[section])
        # An unlabelled child holding fields the idea already has is an idea of its own.
        keys = _unit_keys(units) | {label.key for label in labels if label and label.known}
        for child, label in zip(section.children, labels, strict=True):
            if label is not None and label.key == DESCRIPTION and self._bears_fields(child):
                # "### Abstract" holding the idea's field table: its text is the
                # description, its fields are the idea's.
                units.extend(self.units[child])
                units.extend(_chunk_unit(whole(self.lines, sub)) for sub in child.children)
            elif label is not None:
                assert child.heading is not None
                value, line = slice_lines(self.lines, child.heading.end, child.end)
                units.append(Unit(label, value, child.line, line if value else child.line))
            elif self._bears_fields(child) and not (keys | _unit_keys(units)) & _unit_keys(
                self.units[child]
            ):
                units.extend(self.units[child])  # "### Details" holding field bullets
            else:
                continue
            self.absorbed.add(child)
        self.units[section] = units

    def _is_idea(self, section: Section) -> bool:
        """An idea holds fields, or sits at the ideas' level when the user gave it."""
        if self.reading.idea_level:
            return section.level == self.reading.idea_level
        return is_field_bearing(self.units[section])

    def _bears_fields(self, section: Section) -> bool:
        return is_field_bearing(self.units[section])

    def _find_field_containers(self) -> set[Section]:
        """Sections with fields of their own above the idea level: organisations.

        "## Org" with "- Website:" and "- Mentors:" bullets above its "### Idea"
        sections holds ideas; an idea with one idea below it (written a level too low)
        stays an idea. Which it is follows from where most ideas are, unless the section
        has a field only ideas have (a description, skills, an outcome, a size): then
        it is an idea, whatever its neighbours, and reading it as an organisation would
        lose it.
        """
        parents: list[Section] = []
        nested: Counter[int] = Counter()  # ideas right below ideas of a level
        childless: Counter[int] = Counter()  # ideas of a level with no idea below
        for section in self.ideas:
            below = sum(child in self.ideas for child in section.children)
            if below:
                parents.append(section)
                nested[section.level] += below
            else:
                childless[section.level] += 1
        return {
            s
            for s in parents
            if nested[s.level] > childless[s.level] and not self._has_idea_fields(s)
        }

    def _has_idea_fields(self, section: Section) -> bool:
        return bool(_unit_keys(self.units[section]) & _IDEA_ONLY_KEYS)

    def _find_excluded(self, sections: list[Section]) -> set[Section]:
        excluded: set[Section] = set()
        for section in sections:  # pre-order: a parent is decided before its children
            marker = says_sample(section.title) and not is_field_bearing(self.units[section])
            if marker or self.reading.excludes(section.title) or section.parent in excluded:
                excluded.add(section)
                if marker and section.parent not in excluded:
                    self._check_sample_slips(section)
            elif self._is_unfilled_template(section):
                excluded.add(section)
                self.templates.add(section)
                message = (
                    f"section {section.title!r} is an unfilled template (a placeholder title "
                    "and values) and is left out of the catalog; give it a heading that "
                    "says 'Template' to say so"
                )
                self.diagnostics.append(_diag(section.line, Subtype.STRUCTURE, message))
        return excluded

    def _check_sample_slips(self, marker: Section) -> None:
        """A project heading written a level too low inside a sample ("##### Jaeger" among
        the sample's ideas, then its own ideas) would be left out with it: say so.

        Such a heading is bare (no text, no sub-sections) and followed by ideas at its
        own level; a sample's own example ideas are not, so an announced sample with two
        example ideas is still quiet.
        """
        for parent in [marker, *iter_sections(marker)]:
            for index, section in enumerate(parent.children):
                if section.children or self.units[section]:
                    continue  # not bare: checked first, so only bare headings scan ahead
                following = islice(parent.children, index + 1, None)
                ideas = list(takewhile(lambda s: is_field_bearing(self.units[s]), following))
                if ideas:
                    self._sample_slip(marker, section, ideas)

    def _sample_slip(self, marker: Section, section: Section, ideas: list[Section]) -> None:
        message = (
            f"heading {section.title!r} in sample {marker.title!r} is followed by "
            f"{len(ideas)} idea(s) at its level ({ideas[0].title!r}...): left out with "
            "the sample; if it is a real project, write its heading at the level of "
            "the other projects"
        )
        self.diagnostics.append(_diag(section.line, Subtype.STRUCTURE, message))

    def _is_unfilled_template(self, section: Section) -> bool:
        """``## Title`` with ``Mentors: MentorName @MentorName``: a template nobody announced."""
        if normalize_name(section.title) not in _PLACEHOLDER_TITLES:
            return False
        text, _line = whole(self.lines, section)
        return _PLACEHOLDER_VALUE.search(text) is not None

    def _find_containers(self, sections: list[Section]) -> set[Section]:
        containers: set[Section] = set()
        for section in reversed(sections):  # children before parents
            if section in self.ideas or section in self.excluded:
                continue
            if section in self.records or any(
                c in self.ideas or c in containers for c in section.children
            ):
                containers.add(section)
        return containers

    def _find_project_level(self) -> int:
        if self.reading.project_level:
            return self.reading.project_level
        return self._guess_project_level()

    def _guess_project_level(self) -> int:
        """The level of the projects: the shallowest level of two or more containers.

        Only containers holding ideas themselves count while there are two, so that a
        wrapper ("### Proposed Project ideas") beside one project written at its level
        does not make every project a group of the wrapper.
        """
        counts: dict[int, int] = {}
        holding = [
            s
            for s in self.containers
            if s in self.records or any(c in self.ideas for c in s.children)
        ]
        pool = holding if len(holding) >= 2 else list(self.containers)
        named = [s for s in pool if not names_category(s.title)] or [
            s for s in self.containers if not names_category(s.title)
        ]
        # Size or difficulty headings are groups, so the project is the heading above
        # them; only when nothing is above them do they stand in as projects.
        for section in named or pool:
            counts[section.level] = counts.get(section.level, 0) + 1
        several = [level for level, count in counts.items() if count >= 2]
        if several:
            return min(several)
        return max(counts, default=0)

    def _find_wrappers(self, sections: list[Section]) -> set[Section]:
        """Containers above the project level that hold project-level containers."""
        wrappers: set[Section] = set()
        for section in reversed(sections):
            if section not in self.containers or section.level >= self.project_level:
                continue
            if any(
                c in wrappers or (c in self.containers and c.level <= self.project_level)
                for c in section.children
            ):
                wrappers.add(section)
        return wrappers

    def _find_title(self) -> Section | None:
        """The file's title: its only top heading, or a bare one above the others."""
        children = self.root.children
        if not children:
            return None
        first = children[0]
        if len(children) > 1:
            bare = not first.children and not kept_body(self.lines, first, self.record_tables)
            if not bare or first.level > 2 or children[1] in self.ideas:
                return None  # "# Example Org" then "# Projects" names the file
            return first
        if first.level > 2 or first in self.ideas or first in self.excluded:
            return None
        if first in self.containers and first not in self.wrappers:
            return None  # the only top heading is the (single) project
        return first


def kept_body(lines: list[str], section: Section, record_tables: set[int]) -> list[tuple[str, int]]:
    """The section's own blocks as Markdown, without separators, comments, TOCs and the
    tables that are ideas of their own (``record_tables``: their first lines)."""
    parts: list[tuple[str, int]] = []
    for block in section.body:
        if block.start in record_tables:
            continue  # ideas of their own
        if block.kind == "hr" or is_comment(block, lines) or is_toc(block, lines):
            continue
        text, line = slice_lines(lines, block.start, block.end)
        if text:
            parts.append((text, line))
    return parts


def whole(lines: list[str], section: Section) -> tuple[str, int]:
    """A whole section (heading, body and sub-sections) as Markdown source."""
    assert section.heading is not None
    return slice_lines(lines, section.heading.line, section.end)


def record_title(units: list[Unit]) -> Unit | None:
    """The Title unit of an idea written as a table, if it has one."""
    return next((u for u in units if u.label is not None and u.label.key == TITLE), None)


def _unit_keys(units: list[Unit]) -> set[str]:
    """The known fields that units name."""
    return {unit.label.key for unit in units if unit.label is not None and unit.label.known}


def _chunk_unit(part: tuple[str, int]) -> Unit:
    text, line = part
    return Unit(label=None, value=text, line=line, value_line=line)


#: Headings that stand for a title still to be written.
_PLACEHOLDER_TITLES = frozenset(
    {
        "title",
        "project title",
        "idea title",
        "your idea",
        "idea name",
        "project name",
        "name of the idea",
        "name of the project",
        "idea",
        "project idea",
        "title of the idea",
    }
)
#: Values still to be written: "MentorName", "@username", "Skill1", "<link>", "TBD".
_PLACEHOLDER_VALUE = re.compile(
    r"mentor\s?name|@?user\s?name\b|your[ -]?(?:name|handle|github)|\bskill\s?\d|"
    r"<(?:link|url|issue|name|title)[^>]*>|\bTBD\b|\bXXX\b|lorem ipsum",
    re.IGNORECASE,
)


def _diag(line: int, subtype: Subtype, message: str) -> Diagnostic:
    return Diagnostic(line=line, subtype=subtype, message=message)
