"""The ideas-file parser: Markdown text in, :class:`~.model.Catalog` and diagnostics out.

Data flow: ``ideas.md`` --(:func:`parse_catalog`)--> :class:`~.model.ParseResult` -->
CLI export, Sphinx pages, domain objects. The file is tokenised once by markdown-it-py
into a section tree (:mod:`._blocks`); :class:`._classify.Shape` decides which sections
are ideas, projects, groups, wrappers or excluded samples; then :class:`_CatalogBuilder`
walks the tree in file order, filling project drafts and accounting for every line.

Text before the first project is the preamble, text under a project before its first idea
its intro; anything else that holds no idea is reported (``ideas.structure``), never
dropped silently. Field values are read by :mod:`._fields` and :mod:`.normalize`; the whole
catalog is then checked by :mod:`.lint`. Nothing raises: problems come back as diagnostics.
No Sphinx import here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ._account import LineAccount
from ._blocks import (
    Outline,
    PieceCache,
    Section,
    is_comment,
    is_toc,
    iter_sections,
    plain_inline,
    read_outline,
    with_references,
)
from ._classify import Shape, kept_body, names_category, record_title, says_sample, whole
from ._fields import IdeaFields, read_fields
from ._labels import user_labels
from ._memo import SectionMemo
from ._sanitize import dropped_link_message
from ._text import word_set
from ._titles import idea_title, idea_title_markdown
from ._units import Unit, slice_lines
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

__all__ = ["names_category", "parse_catalog", "says_sample"]

_IDEA_PARTS = frozenset(
    {"first steps", "getting started", "technical details", "resources", "references"}
    | {"tasks", "milestones", "deliverables", "helpful experience", "project goals"}
)
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
    pieces: PieceCache | None = None,
) -> ParseResult:
    """Read an ideas file's text into a catalog; never raises on any text.

    Every diagnostic (from structure, value parsers and the linter) carries ``source``;
    line numbers are 1-based lines of ``text``. ``reading`` holds the user's corrections
    to the reader's guesses (levels, labels, excluded sections, the project name).
    ``pieces``, kept from an earlier read of the file, spares tokenising again the parts
    that did not change (see :class:`~._blocks.PieceCache`).
    """
    with user_labels(dict(reading.labels) if reading else {}):
        outline = read_outline(text, pieces)
        sections = pieces.sections if pieces is not None else None
        if sections is not None:
            # what the reading of a section's body depends on beyond its own lines
            sections.begin(
                (
                    reading.labels if reading else (),
                    tuple(sorted((skill_aliases or {}).items())),
                    tuple(sorted(outline.references.items())),
                )
            )
        builder = _CatalogBuilder(
            outline, skill_aliases=skill_aliases, reading=reading, sections=sections
        )
        catalog = builder.build(source)
    diagnostics = [*builder.diagnostics, *lint_catalog(catalog)]
    diagnostics.sort(key=lambda diagnostic: diagnostic.line)
    return ParseResult(
        catalog=catalog,
        diagnostics=tuple(replace(d, source=source) for d in diagnostics),
        spans=builder.spans,
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
        sections: SectionMemo | None = None,
    ) -> None:
        self.lines = outline.lines
        #: Readings of section bodies kept from an earlier parse, or None.
        self.sections = sections
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
        self.diagnostics += [
            _diag(section.line, Subtype.UNSAFE, dropped_link_message(*section.heading.dropped))
            for section in iter_sections(self.root)
            if section.heading is not None and section.heading.dropped is not None
        ]
        self.projects: list[_ProjectDraft] = []
        self.preamble: list[tuple[str, int]] = []
        #: Heading of an idea-less wrapper before the first project, used as the title.
        self.wrapper_title: str | None = None
        #: 1-based line of the last idea added so far.
        self.last_idea_line = 0
        #: The last section reported as stray text, and its diagnostic.
        self.flagged: tuple[Section, Diagnostic] | None = None
        #: Sections whose heading has been considered for the preamble.
        self.headed: set[Section] = set()
        #: How the file's sections are read: ideas, containers, levels, exclusions.
        self.shape = Shape(outline, self.reading, sections)
        self.diagnostics += self.shape.diagnostics
        self.spans: tuple[Span, ...] = ()

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
        title = self.shape.title_section.title if self.shape.title_section else None
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
            if child in self.shape.excluded:
                assert child.heading is not None
                if self.reading.excludes(child.title):
                    reason = f"excluded by the reading options: {child.title!r}"
                elif child in self.shape.templates:
                    reason = f"unfilled template {child.title!r} (see warning)"
                else:
                    reason = f"sample or template {child.title!r}"
                self.account.mark(child.heading.line, child.end, "excluded", reason)
            else:
                kept.append(child)
        return kept

    def _walk_outside(self, section: Section) -> None:
        """A section above or beside the projects: preamble, wrapper or stray text."""
        if self.projects and section.heading and section not in self.shape.containers:
            self._stray_section(section)
            return
        self._mark_heading(section)
        self._outside_body(section)
        self._mark_record_tables(section)
        for record in self.shape.records.get(section, []):
            line = record[0].line
            self._add_record(record, self._project_for_stray(line, record[0].value), groups=())
        children = self._kept_children(section)
        demoted = self._demoted_projects(children)
        for child in children:
            if child in self.shape.ideas:
                self._add_idea(child, self._project_for_stray(child.line, child.title), groups=())
            elif child in self.shape.containers and child not in self.shape.wrappers:
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
        if section is self.shape.title_section:
            self.account.mark(heading.line, heading.end, "title", section.title)
        elif section in self.shape.wrappers or section in self.shape.containers:
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
            elif current is not self.shape.title_section:
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
        if section.level < self.shape.project_level and section.line not in self.shape.repaired:
            message = (
                f"heading {section.title!r} is at level {section.level} where the projects "
                f"around it use level {self.shape.project_level}; read as a project like them"
            )
            self.diagnostics.append(_diag(section.line, Subtype.LEVEL, message))
        self._add_records(section, project, groups=())
        first = next((c for c in section.children if c not in self.shape.excluded), None)
        label = (
            _group_line(project.intro[-1][0])
            if project.intro and first in self.shape.ideas
            else None
        )
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
            if child in self.shape.ideas:
                label = self._take_group_line(child, _next(children, index))
                self._add_idea(child, target, groups=groups)
                groups = (*base, label) if label else groups
            elif child in self.shape.containers:
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
            elif _names_idea_part(child.title) and _previous(children, index) in self.shape.ideas:
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
        units = self.shape.units[section]
        if section.children or following not in self.shape.ideas or not units:
            return None
        last = units[-1]
        if last.label is None:
            label = _group_line(last.value)
        else:  # "**Alerting ideas:**" reads as an empty field of an unknown label
            empty = last.paragraph and not last.value and not last.label.known
            label = _group_line(f"{last.label.text}:") if empty else None
        if label:
            self.shape.units[section] = units[:-1]
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
        return (
            not section.children and following in self.shape.ideas and not self._kept_body(section)
        )

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
        name = self.shape.title_section.title if self.shape.title_section else _FALLBACK_PROJECT
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
        units = self.shape.units[section]
        if self.sections is None:
            draft = self._read_fields(units)
        else:
            draft = self.sections.fields(units, self._read_fields)
        self.diagnostics.extend(draft.diagnostics)
        self._mark_whole(section, "idea")
        nested: list[Section] = []
        for child in self._kept_children(section):
            if child in self.shape.absorbed:
                continue
            if child in self.shape.ideas or child in self.shape.containers:
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
            if child in self.shape.ideas:
                if child.line not in self.shape.repaired:
                    message = (
                        f"idea {child.title!r} is written at level {child.level}, inside idea "
                        f"{heading.title!r} (level {section.level}); read as an idea of its own"
                    )
                    self.diagnostics.append(_diag(child.line, Subtype.LEVEL, message))
                self._add_idea(child, project, groups=groups)
            else:
                self._walk_inside(child, project, groups=(*groups, child.title))

    def _read_fields(self, units: list[Unit]) -> IdeaFields:
        return read_fields(units, aliases=self.aliases, references=self.references)

    def _add_records(
        self, section: Section, project: _ProjectDraft, *, groups: tuple[str, ...]
    ) -> None:
        self._mark_record_tables(section)
        for record in self.shape.records.get(section, []):
            self._add_record(record, project, groups=groups)

    def _mark_record_tables(self, section: Section) -> None:
        """The blocks of a section's ideas written as tables, header and rules included.

        Each record then marks its own cells, so a table of several ideas is split
        between them.
        """
        for block in section.body:
            if block.start in self.shape.record_tables:
                self.account.mark(block.start, block.end, "idea", "ideas written as a table")

    def _add_record(
        self, record: list[Unit], project: _ProjectDraft, *, groups: tuple[str, ...]
    ) -> None:
        """An idea written as a table: its Title cell is its heading."""
        title_unit = record_title(record)
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
        return kept_body(self.lines, section, self.shape.record_tables)

    def _mark_whole(self, section: Section, role: SpanRole) -> None:
        assert section.heading is not None
        self.account.mark(section.heading.line, section.end, role, section.title)

    def _whole(self, section: Section) -> tuple[str, int]:
        return whole(self.lines, section)

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
        if leading and self.shape.title_section is None and self.wrapper_title is None:
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
