"""The ideas-file parser: Markdown text in, :class:`~.model.Catalog` and diagnostics out.

Data flow: ``ideas.md`` --(:func:`parse_catalog`)--> :class:`~.model.ParseResult` -->
CLI export, Sphinx pages, domain objects. The file is tokenised once by markdown-it-py
(:mod:`._blocks`); sections are then classified *relatively*, because real files put
projects and ideas at different heading levels:

- an idea is a section whose own body carries fields (:mod:`._units`): a labelled bullet,
  two labelled paragraphs (GSoC pages), or two sub-headings named like fields;
- a container is a section with ideas below it; the project level is the shallowest level
  with several containers (one container level above it is a wrapper such as "Proposed
  Project ideas"; containers below it are groups such as "SIG Usability");
- a section whose heading says "Sample"/"Template" (or a "(sample)" project) excludes
  everything in it, decided by the enclosing section, never by an idea's own title.

Text before the first project is the preamble, text under a project before its first idea
its intro; anything else that holds no idea is reported (``ideas.structure``), never
dropped silently. Field values are read by :mod:`._fields` and :mod:`.normalize`; the whole
catalog is then checked by :mod:`.lint`. Nothing raises: problems come back as diagnostics.
No Sphinx import here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ._account import LineAccount
from ._blocks import (
    Block,
    Outline,
    Section,
    is_comment,
    is_toc,
    iter_sections,
    plain_inline,
    read_outline,
    with_references,
)
from ._fields import read_fields
from ._labels import DESCRIPTION, TITLE, Label, user_labels
from ._repair import field_heading, names_idea_field, repair_outline
from ._text import word_set
from ._titles import idea_title, idea_title_markdown
from ._units import Unit, is_field_bearing, read_units, slice_lines
from .lint import lint_catalog
from .model import (
    Catalog,
    Diagnostic,
    Idea,
    ParseResult,
    Project,
    Span,
    SpanRole,
    Subtype,
    normalize_name,
    slugify,
    unique_slug,
)
from .options import ReadingOptions

__all__ = ["parse_catalog"]

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
_IDEA_PARTS = frozenset(
    {"first steps", "getting started", "technical details", "resources", "references"}
    | {"tasks", "milestones", "deliverables", "helpful experience", "project goals"}
)
_TITLE_LINK = re.compile(r"(?:\*\*|__)?\[[^\[\]]+\]\([^()\s]+\)(?:\*\*|__)?")
_GROUP_LINE = re.compile(r"[*_]{0,2}([^\W\d_][^\n:*_\[\]()]{0,60}?)[*_]{0,2}:[*_]{0,2}")
_MAX_GROUP_WORDS = 5
#: Name of the project that takes ideas written under no project heading at all.
_FALLBACK_PROJECT = "Ideas"


def parse_catalog(
    text: str,
    *,
    source: str = "<string>",
    skill_aliases: Mapping[str, str] | None = None,
    reading: ReadingOptions | None = None,
) -> ParseResult:
    """Read an ideas file's text into a catalog; never raises on any text.

    Every diagnostic (from structure, value parsers and the linter) carries ``source``;
    line numbers are 1-based lines of ``text``. ``reading`` holds the user's corrections
    to the reader's guesses (levels, labels, excluded sections, the project name).
    """
    with user_labels(dict(reading.labels) if reading else {}):
        outline = read_outline(text)
        builder = _CatalogBuilder(outline, skill_aliases=skill_aliases, reading=reading)
        catalog = builder.build(source)
    diagnostics = [*builder.diagnostics, *lint_catalog(catalog)]
    diagnostics.sort(key=lambda diagnostic: diagnostic.line)
    return ParseResult(
        catalog=catalog,
        diagnostics=tuple(replace(d, source=source) for d in diagnostics),
        spans=builder.spans,
    )


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


@dataclass(slots=True, eq=False)
class _ProjectDraft:
    """A project while its ideas are being collected (slugs are given at the end)."""

    name: str
    line: int
    url: str | None
    intro: list[tuple[str, int]] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    #: False for the one project the user named (its ``line`` is its first group's).
    headed: bool = True


class _CatalogBuilder:
    """One pass over the section tree, filling drafts and diagnostics."""

    def __init__(
        self,
        outline: Outline,
        *,
        skill_aliases: Mapping[str, str] | None,
        reading: ReadingOptions | None = None,
    ) -> None:
        self.lines = outline.lines
        self.reading = reading or ReadingOptions()
        self.references = outline.references
        self.front_title = outline.front_title
        self.root = outline.root
        self.aliases = skill_aliases
        self.diagnostics: list[Diagnostic] = []
        self.account = LineAccount(self.lines, front_matter=outline.front_matter)
        self.diagnostics += [
            _diag(line, Subtype.DEPTH, f"{what}: shown flattened as text from here")
            for line, what in outline.flattened
        ]
        self.diagnostics += [
            _diag(
                line,
                Subtype.STRUCTURE,
                f"a code fence opened here is never closed: the {count} lines after it, to "
                "the end of the file, are read as code (close it with a line like its first)",
            )
            for line, count in outline.unclosed_fences
            if count
        ]
        self.projects: list[_ProjectDraft] = []
        self.preamble: list[tuple[str, int]] = []
        #: Heading of an idea-less wrapper before the first project, used as the title.
        self.wrapper_title: str | None = None
        #: 1-based line of the last idea added so far.
        self.last_idea_line = 0
        #: The last section reported as stray text, and its diagnostic.
        self.flagged: tuple[Section, Diagnostic] | None = None
        #: Sections left out as unfilled templates (excluded, with a warning).
        self.templates: set[Section] = set()
        #: Sections whose heading has been considered for the preamble.
        self.headed: set[Section] = set()
        self.units = {
            section: read_units(section.body, self.lines)
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
        self.spans: tuple[Span, ...] = ()

    # -- classification ------------------------------------------------------------------

    def _find_records(self, section: Section) -> None:
        """Tables that each hold a whole idea, titled by a Title row or column.

        One such table whose title is the section's own heading is that idea's fields.
        """
        records: dict[int, list[Unit]] = {}
        for unit in self.units[section]:
            if unit.record >= 0:
                records.setdefault(unit.record, []).append(unit)
        titled = [units for units in records.values() if _record_title(units) is not None]
        if not titled:
            self._find_link_titled(section)
            return
        if len(titled) == 1 and section.heading is not None:
            title = _record_title(titled[0])
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
            and bool(self._kept_body(section))
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
                units.extend(_chunk_unit(self._whole(sub)) for sub in child.children)
            elif label is not None:
                assert child.heading is not None
                value, line = slice_lines(self.lines, child.heading.end, child.end)
                units.append(Unit(label, value, child.line, line if value else child.line))
            elif self._bears_fields(child) and not keys & _unit_keys(self.units[child]):
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
        stays an idea. Which it is follows from where most ideas are.
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
        return {s for s in parents if nested[s.level] > childless[s.level]}

    def _find_excluded(self, sections: list[Section]) -> set[Section]:
        excluded: set[Section] = set()
        for section in sections:  # pre-order: a parent is decided before its children
            marker = says_sample(section.title) and not is_field_bearing(self.units[section])
            if marker or self.reading.excludes(section.title) or section.parent in excluded:
                excluded.add(section)
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

    def _is_unfilled_template(self, section: Section) -> bool:
        """``## Title`` with ``Mentors: MentorName @MentorName``: a template nobody announced."""
        if normalize_name(section.title) not in _PLACEHOLDER_TITLES:
            return False
        text, _line = self._whole(section)
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
            bare = not first.children and not self._kept_body(first)
            if not bare or first.level > 2 or children[1] in self.ideas:
                return None  # "# Example Org" then "# Projects" names the file
            return first
        if first.level > 2 or first in self.ideas or first in self.excluded:
            return None
        if first in self.containers and first not in self.wrappers:
            return None  # the only top heading is the (single) project
        return first

    # -- the walk ------------------------------------------------------------------------

    def build(self, source: str) -> Catalog:
        """Walk the tree in file order and assemble the catalog."""
        self._mark_skipped_blocks()
        self._walk_outside(self.root)
        projects = self._finish_projects()
        self._mark_projects_and_preamble()
        spans, unread = self.account.finish()
        self.spans = spans
        self.diagnostics += unread
        if not any(project.ideas for project in projects):
            self.diagnostics.append(_no_ideas(self.lines))
        preamble, preamble_line = _join(self.preamble)
        preamble = with_references(preamble, self.references)
        title = self.title_section.title if self.title_section else None
        title = title or self.wrapper_title or self.front_title
        if not self.reading.project_name:
            projects = _named_after_title(projects, title)
        return Catalog(
            source=source,
            projects=projects,
            title=title,
            preamble=preamble,
            preamble_line=preamble_line,
        )

    def _mark_skipped_blocks(self) -> None:
        """Rules, comments and tables of contents, which no fragment shows on its own."""
        for section in [self.root, *iter_sections(self.root)]:
            for block in section.body:
                if block.kind == "hr":
                    self.account.mark(block.start, block.end, "structure", "rule")
                elif is_comment(block, self.lines):
                    self.account.mark(block.start, block.end, "excluded", "comment")
                elif is_toc(block, self.lines):
                    self.account.mark(block.start, block.end, "excluded", "table of contents")

    def _mark_projects_and_preamble(self) -> None:
        for part, line in self.preamble:
            self.account.mark_text(part, line, "preamble")
        for draft in self.projects:
            if draft.ideas and draft.headed:
                self.account.mark(draft.line - 1, draft.line, "project", draft.name)
                for part, line in draft.intro:
                    self.account.mark_text(part, line, "intro", draft.name)

    def _kept_children(self, section: Section) -> list[Section]:
        """The sub-sections that are not excluded; the excluded ones are accounted for."""
        kept: list[Section] = []
        for child in section.children:
            if child in self.excluded:
                assert child.heading is not None
                if self.reading.excludes(child.title):
                    reason = f"excluded by the reading options: {child.title!r}"
                elif child in self.templates:
                    reason = f"unfilled template {child.title!r} (see warning)"
                else:
                    reason = f"sample or template {child.title!r}"
                self.account.mark(child.heading.line, child.end, "excluded", reason)
            else:
                kept.append(child)
        return kept

    def _walk_outside(self, section: Section) -> None:
        """A section above or beside the projects: preamble, wrapper or stray text."""
        if self.projects and section.heading and section not in self.containers:
            self._stray_section(section)
            return
        self._mark_heading(section)
        self._outside_body(section)
        self._mark_record_tables(section)
        for record in self.records.get(section, []):
            line = record[0].line
            self._add_record(record, self._project_for_stray(line, record[0].value), groups=())
        children = self._kept_children(section)
        demoted = self._demoted_projects(children)
        for child in children:
            if child in self.ideas:
                self._add_idea(child, self._project_for_stray(child.line, child.title), groups=())
            elif child in self.containers and child not in self.wrappers:
                self._walk_project(child)
            elif child in demoted:
                self._demoted_project(child)  # its ideas follow at its own level
            else:
                self._walk_outside(child)

    def _mark_heading(self, section: Section) -> None:
        """The heading of a section outside the projects: the title or a wrapper."""
        heading = section.heading
        if heading is None:
            return
        if section is self.title_section:
            self.account.mark(heading.line, heading.end, "title", section.title)
        elif section in self.wrappers or section in self.containers:
            self.account.mark(heading.line, heading.end, "structure", "heading over projects")

    def _stray_section(self, section: Section) -> None:
        """A section after the projects holding no ideas ("## Contact"): one warning."""
        for part in (section, *iter_sections(section)):
            kept = self._kept_body(part)
            if kept:
                self._structure(kept[0][1], f"text under heading {section.title!r}")
                self.flagged = (section, self.diagnostics[-1]) if part is section else None
                self._mark_reported(section)
                return
        self._mark_reported(section)  # a bare heading: reported with nothing below it

    def _mark_reported(self, section: Section, *, reason: str = "left out (see warning)") -> None:
        assert section.heading is not None
        self.account.mark(section.heading.line, section.end, "reported", reason)

    def _outside_body(self, section: Section) -> None:
        parts = self._kept_body(section)
        if not parts:
            return
        if self.projects:
            where = f"text under heading {section.title!r}" if section.heading else "text"
            self._structure(parts[0][1], where)
            for part, line in parts:
                self.account.mark_text(part, line, "reported", "left out (see warning)")
            return
        self.preamble.extend(self._preamble_headings(section))
        self.preamble.extend(parts)

    def _preamble_headings(self, section: Section) -> list[tuple[str, int]]:
        """Headings of the section and of its not yet shown ancestors, outermost first.

        A heading with text below it is kept so the preamble keeps its outline; the
        title, and a heading that only held a table of contents, are not.
        """
        headings: list[tuple[str, int]] = []
        current: Section | None = section
        while current is not None and current.heading is not None:
            if current in self.headed:
                break
            self.headed.add(current)
            heading = current.heading
            if self._holds_toc(current):
                self.account.mark(heading.line, heading.end, "excluded", "table of contents")
            elif current is not self.title_section:
                headings.append(slice_lines(self.lines, heading.line, heading.end))
            current = current.parent
        headings.reverse()
        return headings

    def _holds_toc(self, section: Section) -> bool:
        return any(is_toc(block, self.lines) for block in section.body)

    def _walk_project(self, section: Section) -> None:
        heading = section.heading
        assert heading is not None  # the root is never a container of this kind
        project = _ProjectDraft(name=heading.title, line=section.line, url=heading.url)
        project.intro.extend(self._kept_body(section))
        self.projects.append(project)
        if section.level < self.project_level and section.line not in self.repaired:
            message = (
                f"heading {section.title!r} is at level {section.level} where the projects "
                f"around it use level {self.project_level}; read as a project like them"
            )
            self.diagnostics.append(_diag(section.line, Subtype.LEVEL, message))
        self._add_records(section, project, groups=())
        first = next((c for c in section.children if c not in self.excluded), None)
        label = _group_line(project.intro[-1][0]) if project.intro and first in self.ideas else None
        if label:
            text, line = project.intro.pop()  # "Prometheus ideas:" right above the first idea
            self.account.mark_text(text, line, "group", label)
        self._walk_inside(section, project, groups=(), lead=label)

    def _walk_inside(
        self,
        section: Section,
        project: _ProjectDraft,
        groups: tuple[str, ...],
        *,
        lead: str | None = None,
    ) -> None:
        """The children of a project or group: ideas, groups, intro text, stray text.

        ``lead`` is a group line ("Prometheus ideas:") right above the first idea.
        """
        target, base = project, groups
        groups = (*base, lead) if lead else base
        children = self._kept_children(section)
        demoted = self._demoted_projects(children)
        for index, child in enumerate(children):
            if child in self.ideas:
                label = self._take_group_line(child, _next(children, index))
                self._add_idea(child, target, groups=groups)
                groups = (*base, label) if label else groups
            elif child in self.containers:
                assert child.heading is not None
                self.account.mark(child.heading.line, child.heading.end, "group", child.title)
                self._group_body(child)
                self._add_records(child, target, groups=(*groups, child.title))
                self._walk_inside(child, target, groups=(*groups, child.title))
            elif child in demoted and names_category(child.title):
                groups = (*base, child.title)  # "#### Easy" over ideas at its own level
                self._mark_whole(child, "group")
            elif child in demoted:
                target = self._demoted_project(child)
                groups = base = ()
            elif not target.ideas:
                target.intro.append(self._whole(child))
            elif _names_idea_part(child.title) and _previous(children, index) in self.ideas:
                self._extend_last_idea(target, child)  # "## First steps" a level too high
            else:
                # After the first idea a section without fields is more often "How to
                # apply" than an idea with nothing filled in: flag it, never guess.
                self._structure(child.line, f"section {child.title!r}")
                self.flagged = (child, self.diagnostics[-1])
                self._mark_reported(child)

    def _extend_last_idea(self, project: _ProjectDraft, section: Section) -> None:
        """Append a part of the last idea written at the idea's own level to it."""
        last = project.ideas[-1]
        text, line = self._whole(section)
        self.account.mark_text(text, line, "idea", last.title)
        # Each part keeps the reference definitions it uses (the first already has its own).
        parts = [
            (last.description, last.description_line),
            (with_references(text, self.references), line),
        ]
        description, description_line = _join(parts)
        project.ideas[-1] = replace(
            last, description=description, description_line=description_line
        )

    def _take_group_line(self, section: Section, following: Section | None) -> str | None:
        """A last line "Alertmanager ideas:" of an idea: a group heading for the next ones.

        Written as a paragraph between ideas, it belongs to none of them; taken from the
        idea's units so it is not its description.
        """
        units = self.units[section]
        if section.children or following not in self.ideas or not units:
            return None
        last = units[-1]
        if last.label is None:
            label = _group_line(last.value)
        else:  # "**Alerting ideas:**" reads as an empty field of an unknown label
            empty = last.paragraph and not last.value and not last.label.known
            label = _group_line(f"{last.label.text}:") if empty else None
        if label:
            self.units[section] = units[:-1]
        return label

    def _demoted_projects(self, children: list[Section]) -> set[Section]:
        """Bare headings at idea level, each followed by ideas: project headings a level low."""
        return {
            child
            for index, child in enumerate(children)
            if self._is_demoted_project(child, _next(children, index))
        }

    def _is_demoted_project(self, section: Section, following: Section | None) -> bool:
        """A bare heading followed by an idea at its own level."""
        return not section.children and following in self.ideas and not self._kept_body(section)

    def _demoted_project(self, section: Section) -> _ProjectDraft:
        heading = section.heading
        assert heading is not None
        project = _ProjectDraft(name=heading.title, line=section.line, url=heading.url)
        self.projects.append(project)
        return project

    def _group_body(self, section: Section) -> None:
        parts = self._kept_body(section)
        if parts:
            self._structure(parts[0][1], f"text under group heading {section.title!r}")
            for part, line in parts:
                self.account.mark_text(part, line, "reported", "left out (see warning)")

    def _project_for_stray(self, line: int, title: str) -> _ProjectDraft:
        """The project of an idea outside any project: the previous one, else a fallback.

        A heading flagged as stray text since the last idea ("## pyGAM" with its intro,
        its ideas then written as "# 1. Title") is that project after all.
        """
        flagged = self._take_flagged(line)
        if flagged is not None:
            return flagged
        if self.projects:
            return self.projects[-1]
        name = self.title_section.title if self.title_section else _FALLBACK_PROJECT
        message = f"idea {title!r} is not under a project heading; put in project {name!r}"
        self.diagnostics.append(_diag(line, Subtype.STRUCTURE, message))
        project = _ProjectDraft(name=name, line=line, url=None)
        self.projects.append(project)
        return project

    # -- ideas -----------------------------------------------------------------------------

    def _add_idea(
        self, section: Section, project: _ProjectDraft, *, groups: tuple[str, ...]
    ) -> None:
        heading = section.heading
        assert heading is not None
        draft = read_fields(self.units[section], aliases=self.aliases, references=self.references)
        self.diagnostics.extend(draft.diagnostics)
        self._mark_whole(section, "idea")
        nested: list[Section] = []
        for child in self._kept_children(section):
            if child in self.absorbed:
                continue
            if child in self.ideas or child in self.containers:
                nested.append(child)  # an idea written one level too low
            else:
                draft.description.append(self._whole(child))
        description, description_line = _join(draft.description)
        description = with_references(description, self.references)
        project.ideas.append(
            Idea(
                title=idea_title(heading.title),
                slug="",
                line=section.line,
                group=" / ".join(groups) or None,
                description=description,
                description_line=description_line,
                skills=tuple(draft.skills),
                skills_text="\n".join(draft.skills_text),
                mentors=tuple(draft.mentors),
                issues=tuple(draft.issues),
                fields=tuple(draft.fields),
                url=heading.url,
                title_markdown=idea_title_markdown(heading.markdown, heading.title),
            )
        )
        self.last_idea_line = max(self.last_idea_line, project.ideas[-1].line)
        for child in nested:
            if child in self.ideas:
                self._add_idea(child, project, groups=groups)
            else:
                self._walk_inside(child, project, groups=(*groups, child.title))

    def _add_records(
        self, section: Section, project: _ProjectDraft, *, groups: tuple[str, ...]
    ) -> None:
        self._mark_record_tables(section)
        for record in self.records.get(section, []):
            self._add_record(record, project, groups=groups)

    def _mark_record_tables(self, section: Section) -> None:
        """The blocks of a section's ideas written as tables, header and rules included.

        Each record then marks its own cells, so a table of several ideas is split
        between them.
        """
        for block in section.body:
            if block.start in self.record_tables:
                self.account.mark(block.start, block.end, "idea", "ideas written as a table")

    def _add_record(
        self, record: list[Unit], project: _ProjectDraft, *, groups: tuple[str, ...]
    ) -> None:
        """An idea written as a table: its Title cell is its heading."""
        title_unit = _record_title(record)
        assert title_unit is not None
        title, url = plain_inline(title_unit.value)
        fields = [unit for unit in record if unit is not title_unit]
        for unit in record:
            self.account.mark_text(unit.value or " ", unit.line, "idea", title)
            self.account.mark_text(unit.value, unit.value_line, "idea", title)
        draft = read_fields(fields, aliases=self.aliases, references=self.references)
        self.diagnostics.extend(draft.diagnostics)
        description, description_line = _join(draft.description)
        project.ideas.append(
            Idea(
                title=idea_title(title),
                slug="",
                line=title_unit.line,
                group=" / ".join(groups) or None,
                description=with_references(description, self.references),
                description_line=description_line,
                skills=tuple(draft.skills),
                skills_text="\n".join(draft.skills_text),
                mentors=tuple(draft.mentors),
                issues=tuple(draft.issues),
                fields=tuple(draft.fields),
                url=url,
                title_markdown=idea_title_markdown(title_unit.value, title),
            )
        )
        self.last_idea_line = max(self.last_idea_line, project.ideas[-1].line)

    # -- helpers ---------------------------------------------------------------------------

    def _kept_body(self, section: Section) -> list[tuple[str, int]]:
        """The section's own blocks as Markdown, without separators, comments and TOCs."""
        parts: list[tuple[str, int]] = []
        for block in section.body:
            if block.start in self.record_tables:
                continue  # ideas of their own
            if block.kind == "hr" or is_comment(block, self.lines) or is_toc(block, self.lines):
                continue
            text, line = slice_lines(self.lines, block.start, block.end)
            if text:
                parts.append((text, line))
        return parts

    def _mark_whole(self, section: Section, role: SpanRole) -> None:
        assert section.heading is not None
        self.account.mark(section.heading.line, section.end, role, section.title)

    def _whole(self, section: Section) -> tuple[str, int]:
        """A whole section (heading, body and sub-sections) as Markdown source."""
        assert section.heading is not None
        return slice_lines(self.lines, section.heading.line, section.end)

    def _take_flagged(self, line: int) -> _ProjectDraft | None:
        if self.flagged is None:
            return None
        section, diagnostic = self.flagged
        self.flagged = None
        if not self.last_idea_line < section.line < line or section.heading is None:
            return None
        self.diagnostics.remove(diagnostic)
        heading = section.heading
        project = _ProjectDraft(name=heading.title, line=section.line, url=heading.url)
        project.intro.extend(self._kept_body(section))
        self.projects.append(project)
        return project

    def _structure(self, line: int, what: str) -> None:
        message = f"{what} is not part of any project or idea and is left out of the catalog"
        self.diagnostics.append(_diag(line, Subtype.STRUCTURE, message))

    def _finish_projects(self) -> tuple[Project, ...]:
        """Merge same-named projects, then give projects and ideas their unique slugs."""
        if self.reading.project_name:
            self._one_project(self.reading.project_name)
        merged: dict[str, _ProjectDraft] = {}
        for draft in self.projects:
            key = normalize_name(draft.name)
            first = merged.setdefault(key, draft)
            if first is not draft:
                first.ideas.extend(draft.ideas)
                first.intro.extend(draft.intro)
                message = (
                    f"duplicate project {draft.name!r}, other instance at line {first.line}; "
                    "its ideas are merged into the first"
                )
                self.diagnostics.append(_diag(draft.line, Subtype.DUPLICATE_PROJECT, message))
        seen_ideas = False
        for draft in merged.values():
            if not draft.ideas:
                self._without_ideas(draft, leading=not seen_ideas)
            seen_ideas = seen_ideas or bool(draft.ideas)
        taken: set[str] = set()
        return tuple(
            _freeze_project(draft, unique_slug(slugify(draft.name), taken), self.references)
            for draft in merged.values()
            if draft.ideas
        )

    def _one_project(self, name: str) -> None:
        """The whole file as one project named by the user; its projects become groups.

        A file read as one project (its wrapper heading taken as the project) keeps its
        reading and only takes the name.
        """
        drafts = [draft for draft in self.projects if draft.ideas]
        if not drafts:
            return
        if len(drafts) == 1:  # the wrapper ("## Ideas") read as the project: renamed
            drafts[0].name = name
            return
        only = _ProjectDraft(name=name, line=drafts[0].line, url=None, headed=False)
        for draft in drafts:
            self.account.mark(draft.line - 1, draft.line, "group", draft.name)
            only.intro.extend(draft.intro)
            only.ideas.extend(
                replace(idea, group=" / ".join(filter(None, [draft.name, idea.group])))
                for idea in draft.ideas
            )
        self.projects = [only, *(draft for draft in self.projects if not draft.ideas)]

    def _without_ideas(self, draft: _ProjectDraft, *, leading: bool) -> None:
        """A wrapper whose ideas all went to project headings written a level low.

        Before the first project its heading is the file's title (when it has none) and
        its text the preamble; later, its text is reported.
        """
        if leading and self.title_section is None and self.wrapper_title is None:
            self.wrapper_title = draft.name
            self.account.mark(draft.line - 1, draft.line, "title", draft.name)
        elif leading:
            self.preamble.append(slice_lines(self.lines, draft.line - 1, draft.line))
        else:
            self.account.mark(draft.line - 1, draft.line, "structure", "heading over projects")
        if not draft.intro:
            return
        if leading:
            self.preamble.extend(draft.intro)
        else:
            self._structure(draft.intro[0][1], f"text under heading {draft.name!r}")
            for part, line in draft.intro:
                self.account.mark_text(part, line, "reported", "left out (see warning)")


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


#: Words of a heading that names no organisation: "Ideas", "Possible projects:",
#: "GSoC 2024 project ideas".
_GENERIC_WORDS = word_set(
    """ideas idea projects project proposed possible potential list of the for our and
    gsoc google summer code lfx mentorship outreachy term program programme"""
)


def _is_generic(name: str) -> bool:
    words = normalize_name(name).split()
    return bool(words) and all(w in _GENERIC_WORDS or w.isdigit() for w in words)


def _named_after_title(projects: tuple[Project, ...], title: str | None) -> tuple[Project, ...]:
    """A single-organisation file's one project named "Ideas" takes the file's title.

    Its wrapper heading was read as the project; every index line would end in
    "— Ideas". The file's title ("Example Org") names it, when it says more.
    """
    if len(projects) != 1 or not title or not _is_generic(projects[0].name) or _is_generic(title):
        return projects
    only = projects[0]
    return (replace(only, name=title, slug=slugify(title)),)


def _group_line(text: str) -> str | None:
    """The group named by a short line ending in a colon ("**TSDB ideas:**"), or None."""
    match = _GROUP_LINE.fullmatch(text.strip())
    if match is None or len(match.group(1).split()) > _MAX_GROUP_WORDS:
        return None
    return match.group(1).strip()


def _unit_keys(units: list[Unit]) -> set[str]:
    """The known fields that units name."""
    return {unit.label.key for unit in units if unit.label is not None and unit.label.known}


def _record_title(units: list[Unit]) -> Unit | None:
    return next((u for u in units if u.label is not None and u.label.key == TITLE), None)


def _chunk_unit(part: tuple[str, int]) -> Unit:
    text, line = part
    return Unit(label=None, value=text, line=line, value_line=line)


def _names_idea_part(title: str) -> bool:
    """A heading naming a part of an idea (NumFOCUS's template), never an idea itself."""
    return normalize_name(title) in _IDEA_PARTS


def _previous(sections: list[Section], index: int) -> Section | None:
    return sections[index - 1] if index > 0 else None


def _next(sections: list[Section], index: int) -> Section | None:
    return sections[index + 1] if index + 1 < len(sections) else None


def _freeze_project(
    draft: _ProjectDraft, slug: str, references: Mapping[str, tuple[str, str]]
) -> Project:
    taken: set[str] = set()
    counters: dict[str, int] = {}  # thousands of ideas of one title stay linear
    ideas = tuple(
        replace(idea, slug=unique_slug(slugify(idea.title), taken, counters))
        for idea in draft.ideas
    )
    intro, intro_line = _join(draft.intro)
    intro = with_references(intro, references)
    return Project(
        name=draft.name,
        slug=slug,
        line=draft.line,
        ideas=ideas,
        url=draft.url,
        intro=intro,
        intro_line=intro_line,
    )


def _join(parts: list[tuple[str, int]]) -> tuple[str, int]:
    """Markdown fragments joined by a blank line, and the first one's line (0 if none)."""
    kept = [(text, line) for text, line in parts if text]
    if not kept:
        return "", 0
    return "\n\n".join(text for text, _ in kept), kept[0][1]


def _no_ideas(lines: list[str]) -> Diagnostic:
    """The error for a file that yields no idea: an empty catalog is never what was meant."""
    message = "the file is empty" if not "".join(lines).strip() else "no ideas found"
    return Diagnostic(line=0, subtype=Subtype.EMPTY, message=message, severity="error")


def _diag(line: int, subtype: Subtype, message: str) -> Diagnostic:
    return Diagnostic(line=line, subtype=subtype, message=message)
