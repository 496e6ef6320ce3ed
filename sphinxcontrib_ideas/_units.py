"""The body of a section cut into units: labelled fields and unlabelled Markdown chunks.

Data flow: :mod:`._blocks` gives a section's top-level blocks; this module reads each
bullet item and paragraph for a field label (:mod:`._labels`) and slices the original
lines for the value, so values and descriptions keep their Markdown source exactly.
The parser then decides what the units mean for an idea. No Sphinx import here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._blocks import Block, is_comment
from ._labels import Label, split_label, suggest_label

_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])")
_TAB = 4


@dataclass(slots=True)
class Unit:
    """A labelled field (``label`` set) or an unlabelled chunk of Markdown."""

    label: Label | None
    #: The field's value, or the chunk, as Markdown source ("" when empty).
    value: str
    #: 1-based line of the label or of the chunk.
    line: int
    #: 1-based line where the value starts (the label's line when the value is empty).
    value_line: int
    #: The label opened a paragraph rather than a bullet item.
    paragraph: bool = False


def slice_lines(lines: list[str], start: int, end: int) -> tuple[str, int]:
    """``lines[start:end]`` joined, blank lines trimmed at both ends, and its 1-based line."""
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end]), start + 1


def read_units(body: list[Block], lines: list[str]) -> list[Unit]:
    """The units of a section's own body, in file order; comments and rules are skipped."""
    units: list[Unit] = []
    for block in body:
        if block.kind == "hr" or is_comment(block, lines):
            continue  # a "---" between ideas separates, it says nothing
        if block.kind == "bullet_list" and block.items:
            units.extend(_list_units(block, lines))
        elif block.kind == "paragraph":
            units.extend(_paragraph_units(block, lines))
        else:
            units.append(_chunk(lines, block.start, block.end))
    return [unit for unit in units if unit.label is not None or unit.value]


def is_field_bearing(units: list[Unit]) -> bool:
    """Whether these units look like an idea: one field bullet, or two field paragraphs.

    Paragraph labels are weaker evidence (prose such as "Mentors: please submit..."), so
    one alone does not make a section an idea.
    """
    in_paragraphs = 0
    for unit in units:
        if unit.label is None:
            continue
        if not unit.label.known and suggest_label(unit.label) is None:
            continue  # "Mentros" counts (a typo of a field); "Difficulty" alone does not
        if not unit.paragraph:
            return True
        in_paragraphs += 1
    return in_paragraphs >= 2


def _chunk(lines: list[str], start: int, end: int) -> Unit:
    text, line = slice_lines(lines, start, end)
    return Unit(label=None, value=text, line=line, value_line=line)


def _list_units(block: Block, lines: list[str]) -> list[Unit]:
    items = [_item_unit(lines, start, end) for start, end in block.items]
    if not any(item.label is not None for item in items):
        # A plain list (features, steps): one chunk, bullet markers kept.
        return [_chunk(lines, block.start, block.end)]
    units: list[Unit] = []
    run: list[int] = []  # indices of consecutive unlabelled items
    for index, item in enumerate([*items, None]):
        if item is not None and item.label is None:
            run.append(index)
            continue
        if len(run) == 1:
            units.append(items[run[0]])  # one unlabelled bullet: its text, marker dropped
        elif run:
            # Several: a list inside the description that lost its indentation; keep it a list.
            units.append(_chunk(lines, block.items[run[0]][0], block.items[run[-1]][1]))
        run = []
        if item is not None:
            units.append(item)
    return units


def _item_unit(lines: list[str], start: int, end: int) -> Unit:
    first = lines[start]
    marker = _MARKER.match(first)
    marker_end = marker.end() if marker else 0
    rest = first[marker_end:].lstrip(" \t")
    indent = _content_indent(first, marker_end)
    tail = [dedent(line, indent) for line in lines[start + 1 : end]]
    label = split_label(rest)
    if label is None:
        return _joined(None, [rest, *tail], start)
    return _joined(label, [label.value, *tail], start)


def _paragraph_units(block: Block, lines: list[str]) -> list[Unit]:
    """A paragraph, cut at each line that starts with a label.

    GSoC-style pages write ``**Mentors:** ...`` lines one after another without blank
    lines, so one Markdown paragraph holds several fields.
    """
    units: list[Unit] = []
    start = block.start
    label: Label | None = None
    for index in range(block.start, block.end + 1):
        found = _paragraph_label(lines[index]) if index < block.end else None
        if index < block.end and found is None:
            continue
        if index > start:
            units.append(_paragraph_part(label, lines, start, index))
        start, label = index, found
    return units


def _paragraph_label(line: str) -> Label | None:
    label = split_label(line.strip(" \t"))
    return label if label is not None and (label.known or label.emphasised) else None


def _paragraph_part(label: Label | None, lines: list[str], start: int, end: int) -> Unit:
    if label is None:
        return _chunk(lines, start, end)
    # A trailing backslash or two spaces is a hard line break, not part of the value.
    tail = [line.strip(" \t").removesuffix("\\").rstrip() for line in lines[start + 1 : end]]
    unit = _joined(label, [label.value.removesuffix("\\").rstrip(), *tail], start)
    unit.paragraph = True
    return unit


def _joined(label: Label | None, parts: list[str], start: int) -> Unit:
    """A unit whose text is ``parts`` (first line, then continuation lines) trimmed."""
    first, last = 0, len(parts)
    while first < last and not parts[first].strip():
        first += 1
    while last > first and not parts[last - 1].strip():
        last -= 1
    value = "\n".join(parts[first:last])
    value_line = start + 1 + first if value else start + 1
    return Unit(label=label, value=value, line=start + 1, value_line=value_line)


def _content_indent(line: str, marker_end: int) -> int:
    """Column where a list item's content starts (CommonMark: 1-4 spaces after the marker).

    ``-\\tDescription:`` or ``-      Description:`` puts five or more columns after the
    marker, which CommonMark reads as one space plus indented code; continuation lines
    are then indented by marker + 1.
    """
    column = _columns(line[:marker_end])
    after = line[marker_end:]
    spaces = _columns(line[: marker_end + len(after) - len(after.lstrip(" \t"))]) - column
    if spaces < 1 or spaces > _TAB or not after.strip():
        return column + 1
    return column + spaces


def _columns(text: str) -> int:
    column = 0
    for char in text:
        column = column + _TAB - column % _TAB if char == "\t" else column + 1
    return column


def dedent(line: str, width: int) -> str:
    """``line`` with up to ``width`` columns of leading whitespace removed (tabs stop at 4)."""
    column = 0
    index = 0
    while index < len(line) and column < width and line[index] in " \t":
        column = column + _TAB - column % _TAB if line[index] == "\t" else column + 1
        index += 1
    return line[index:]
