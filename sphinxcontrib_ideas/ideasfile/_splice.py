"""A parse made from the parse of an earlier version of the file, when an edit stayed
inside one project.

Data flow: (the earlier text, its :class:`~.model.ParseResult`, the new text)
--(:func:`splice`)--> the new text's parse, or None when it cannot be made this way
(the caller then parses the whole file).

The reader makes some decisions for the whole file (heading levels, what is a project, an
idea, a template), so a project's reading may depend on the rest of the file. An edit is
spliced in only when these checks show that this did not matter and cannot have begun to:

1. the lines that changed lie between one project's heading and the next project's
   heading (neither heading changed);
2. that span of lines, read on its own, reads as the project did in the whole file:
   the same project, the same problems, the same spans (so nothing outside the span
   shaped its reading);
3. the span of the new text, read on its own, has the same structure as the old one:
   the same ideas under the same headings and groups, the same fields present, the same
   labels in each section's body, the same kinds of spans and problems (so the edit
   changed values, not what the file-wide decisions are made from); and no code fence
   or HTML block runs on into the next project's heading (read after the span, as in
   the whole file);
4. neither text holds ``]:`` (a link reference definition, which resolves references
   anywhere in the file, may be there).

Then the new parse is the earlier one with that project, its problems and spans replaced
by the new span's, and every line below moved by the number of lines the edit added.
``tests/test_splice.py`` checks on every fixture, after random edits, that a splice gives
exactly what a parse of the whole new file gives. No Sphinx import here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, NamedTuple

from ._blocks import iter_sections, read_outline
from ._labels import user_labels
from ._units import Unit, read_units
from .model import LINE_FIELDS, Idea, ParseResult, Project, Span
from .options import ReadingOptions

#: A message that names a line of the file ("other instance at line 12").
#: A project of up to this many characters is spliced in whatever the file's size; a
#: larger one only if it is at most a quarter of the file (its old and new lines are read
#: on their own, which for a file of one project would cost more than reading it again:
#: at 20,000 characters, about 0.1 s more, paid only by a file that small).
_SMALL_SPAN = 20_000
_NAMES_A_LINE = re.compile(r"\blines? \d")


@dataclass(frozen=True, slots=True)
class _Edit:
    """Where two texts differ, in 0-based lines: ``[start, old_end)`` of the old text
    became ``[start, new_end)`` of the new one."""

    start: int
    old_end: int
    new_end: int

    @property
    def delta(self) -> int:
        """Lines the edit added (negative: removed)."""
        return self.new_end - self.old_end


class Splice(NamedTuple):
    """A parse made by :func:`splice`."""

    result: ParseResult
    #: The index of the project read again (the others are the earlier parse's, moved by
    #: the lines the edit added if they are below it); -1 when the text did not change.
    edited: int


def splice(
    old_text: str,
    old: ParseResult,
    new_text: str,
    *,
    source: str,
    skill_aliases: Mapping[str, str] | None = None,
    reading: ReadingOptions | None = None,
) -> Splice | None:
    """The parse of ``new_text`` made from ``old`` (the parse of ``old_text`` with the
    same ``source``, aliases and reading options), and which project it read again; or
    None when the edit cannot be spliced in (see the module's documentation)."""
    # imported here: the parser imports the reader's modules, this module among them
    from .parser import parse_catalog

    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    edit = _edit(old_text, new_text, old_lines, new_lines)
    if edit is None:
        return Splice(old, -1)  # the same text
    found = _project_span(old, old_lines, edit)
    if found is None:
        return None
    index, start, end = found
    span = sum(map(len, old_lines[start:end])) + end - start
    if span > max(_SMALL_SPAN, len(old_text) // 4):
        return None  # a project that is much of the file: reading it twice costs more
    new_end = end + edit.delta
    if "]:" in old_text or "]:" in new_text:
        # a link reference definition may be there (``[label]: url``, the label perhaps
        # over lines): references resolve against the definitions of the whole file
        return None

    def alone(lines: list[str], end: int) -> ParseResult:
        """The lines from ``start`` to ``end`` read on their own, with the next project's
        heading after them (if any): what runs on into it shows (a fence left open, an
        HTML block), and it ends the last idea as it does in the whole file."""
        text = "\n".join(lines[start : end + 1])
        result = parse_catalog(text, source=source, skill_aliases=skill_aliases, reading=reading)
        moved: ParseResult = _moved(result, start)
        return moved

    old_alone = alone(old_lines, end)
    project = old.catalog.projects[index]
    if not _reads_as(old_alone, old, project, start, end):
        return None
    new_alone = alone(new_lines, new_end)
    if _structure(new_alone, new_end) != _structure(old_alone, end):
        return None
    old_sections = _sections(old_lines[start : end + 1], reading)
    if _sections(new_lines[start : new_end + 1], reading) != old_sections:
        return None
    later_diagnostics = [d for d in old.diagnostics if d.line > end]
    if edit.delta and any(_NAMES_A_LINE.search(d.message) for d in later_diagnostics):
        return None  # a moved problem's message would name an old line
    return Splice(_splice(old, new_alone, index, start, end, edit.delta, project.slug), index)


def _edit(old_text: str, new_text: str, old_lines: list[str], new_lines: list[str]) -> _Edit | None:
    """Where the texts differ (None if they do not): the lines from the first that differs
    to the last, counted in each text."""
    if old_text == new_text:
        return None
    first = _common_run(old_text, new_text)
    start = old_text.count("\n", 0, first)
    tail = _common_run(old_text, new_text, from_end=True)
    # the lines before ``start`` are the same in both; so are the last ``same`` lines (each
    # begins after a newline of the common end), as long as they do not reach ``start``
    same = old_text.count("\n", len(old_text) - tail)
    same = min(same, len(old_lines) - start, len(new_lines) - start)
    return _Edit(start, len(old_lines) - same, len(new_lines) - same)


def _common_run(first: str, second: str, *, from_end: bool = False) -> int:
    """The length of the longest common prefix (or suffix) of two strings, compared in
    chunks of decreasing size (a file of 12 MB in a few milliseconds)."""

    def chunk(text: str, done: int, step: int) -> str:
        if from_end:
            return text[len(text) - done - step : len(text) - done]
        return text[done : done + step]

    size = min(len(first), len(second))
    step = 1 << 16
    done = 0
    while step:
        while done + step <= size and chunk(first, done, step) == chunk(second, done, step):
            done += step
        step >>= 1
    return done


def _project_span(old: ParseResult, lines: list[str], edit: _Edit) -> tuple[int, int, int] | None:
    """(index of the project, its heading's 0-based line, the next project's heading's
    line) whose span holds every changed line of the old text; None if there is none."""
    projects = old.catalog.projects
    heads = [project.line - 1 for project in projects]
    if heads != sorted(heads) or len(set(heads)) != len(heads):
        return None  # projects not in file order (merged duplicates, a named project)
    index = bisect.bisect_left(heads, edit.start) - 1
    if index < 0 or heads[index] < 0:
        return None
    start = heads[index]
    end = heads[index + 1] if index + 1 < len(heads) else len(lines)
    if edit.old_end > end or not lines[start].startswith("#"):
        return None
    return index, start, end


def _reads_as(
    alone: ParseResult, whole: ParseResult, project: Project, start: int, end: int
) -> bool:
    """Whether the lines ``[start, end)`` read on their own (``alone``, lines moved to the
    file's) read as they did in the whole file (``whole``)."""
    projects = alone.catalog.projects
    if not projects or replace(projects[0], slug=project.slug) != project:
        return False
    if any(other.line <= end for other in projects[1:]):
        return False
    inside = [d for d in whole.diagnostics if start < d.line <= end]
    if [d for d in alone.diagnostics if d.line <= end] != inside:
        return False
    spans = _spans_within(alone.spans, start, end)  # the next project's heading left out
    return spans is not None and spans == _spans_within(whole.spans, start, end)


def _spans_within(spans: Sequence[Span], start: int, end: int) -> list[Span] | None:
    """The spans of the 0-based lines ``[start, end)``; None if one crosses a bound."""
    found = [span for span in spans if span.end > start and span.start <= end]
    if any(span.start <= start or span.end > end for span in found):
        return None
    return found


def _structure(result: ParseResult, end: int) -> tuple[object, ...]:
    """What the file-wide decisions are made from, of lines read on their own up to the
    0-based ``end`` (and the next project's heading there): its projects, their ideas'
    headings, groups and fields present, the kinds of its spans and problems."""
    projects = result.catalog.projects
    spans = tuple((span.role, span.name, span.start > end) for span in result.spans)
    problems = tuple((d.subtype, d.severity, d.line > end) for d in result.diagnostics)
    shown = tuple(
        (project.name, project.url, bool(project.intro), tuple(map(_idea_structure, project.ideas)))
        for project in projects
    )
    return (shown, spans, problems)


def _sections(lines: list[str], reading: ReadingOptions | None) -> tuple[object, ...]:
    """What the file-wide decisions read of each section of ``lines``: its heading, and
    of each unit of its body (field or chunk) the label, whether it is a bullet or a
    paragraph, in a table, and has a value (a section whose body holds a field bullet is
    an idea, and its parent is read by what its children hold)."""
    with user_labels(dict(reading.labels) if reading else {}):
        outline = read_outline("\n".join(lines))
        return tuple(
            (
                section.level,
                section.title,
                tuple(map(_unit_structure, read_units(section.body, outline.lines))),
            )
            for section in [outline.root, *iter_sections(outline.root)]
        )


def _unit_structure(unit: Unit) -> tuple[object, ...]:
    label = unit.label
    named = None if label is None else (label.text, label.key, label.known, label.emphasised)
    return (named, unit.paragraph, unit.table >= 0, unit.record >= 0, bool(unit.value))


def _idea_structure(idea: Idea) -> tuple[object, ...]:
    present = (bool(idea.description), bool(idea.skills), bool(idea.mentors), bool(idea.issues))
    keys = tuple(item.key for item in idea.fields)
    return (idea.title, idea.title_markdown, idea.group, idea.url, present, keys)


def _splice(
    old: ParseResult,
    alone: ParseResult,
    index: int,
    start: int,
    end: int,
    delta: int,
    slug: str,
) -> ParseResult:
    """``old`` with the project at ``index`` (lines ``[start, end)``), its problems and
    spans replaced by those of ``alone``, and the lines below moved by ``delta``."""
    catalog = old.catalog
    project = replace(alone.catalog.projects[0], slug=slug)
    below = tuple(_moved(p, delta) for p in catalog.projects[index + 1 :])
    projects = (*catalog.projects[:index], project, *below)
    new_end = end + delta  # the lines read on their own end there (the next heading after)
    above = [d for d in old.diagnostics if d.line <= start]
    inside = [d for d in alone.diagnostics if d.line <= new_end]
    after = [_moved(d, delta) for d in old.diagnostics if d.line > end]
    spans_above = [span for span in old.spans if span.end <= start]
    spans_inside = [span for span in alone.spans if span.start <= new_end]
    spans_after = [_moved(span, delta) for span in old.spans if span.start > end]
    return ParseResult(
        catalog=replace(catalog, projects=projects),
        diagnostics=(*above, *inside, *after),
        spans=(*spans_above, *spans_inside, *spans_after),
    )


def _moved(record: Any, delta: int) -> Any:
    """``record`` (a model record, or a tuple of them) with its line numbers and those of
    everything in it moved by ``delta``; a line number 0 ("none") stays."""
    if not delta or type(record) in _PLAIN:
        return record
    if type(record) is tuple:
        return tuple([_moved(item, delta) for item in record])
    plan = _plan(type(record))
    if plan is None:
        return record
    values = []
    for name, is_line in plan:
        value = getattr(record, name)
        if is_line:
            values.append(value + delta if type(value) is int and value else value)
        else:
            values.append(_moved(value, delta))
    return type(record)(*values)  # every field of a model record is an argument


_PLAIN = frozenset({str, int, bool, float, type(None)})
#: A model class -> (name, whether it is a line number) of each of its fields, in order.
_plans: dict[type, tuple[tuple[str, bool], ...] | None] = {}


def _plan(kind: type) -> tuple[tuple[str, bool], ...] | None:
    if kind not in _plans:
        found = fields(kind) if is_dataclass(kind) else ()
        _plans[kind] = tuple((item.name, item.name in LINE_FIELDS) for item in found) or None
    return _plans[kind]
