"""The body of a section cut into units: labelled fields and unlabelled Markdown chunks.

Data flow: :mod:`._blocks` gives a section's top-level blocks; this module reads each
bullet item and paragraph for a field label (:mod:`._labels`) and slices the original
lines for the value, so values and descriptions keep their Markdown source exactly.
The parser then decides what the units mean for an idea. No Sphinx import here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ._blocks import Block, is_comment
from ._labels import ISSUES, MENTORS, SKILLS, TITLE, Label, split_label, suggest_label

_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])")
_LISTS = ("bullet_list", "ordered_list")
_VALUE_KEYS = (MENTORS, SKILLS, ISSUES)
_INDEX_COLUMNS = frozenset({"id", "no", "no.", "nr", "number", "s.no", "s. no.", "sr. no.", "rank"})
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CELL_EDGE = re.compile(r"^[\s*_]+|[\s*_:\uff1a]+$")
_CELL_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*(\S+?)\s*\)")
_CELL_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
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
    #: For a table cell: 0-based line of the table, and of the record (the whole table
    #: when labels run down the first column, else the row) the cell belongs to.
    table: int = -1
    record: int = -1


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
    trusted, seen = False, 0  # whether a known label came before, in units[:seen]
    for index, block in enumerate(body):
        if block.kind == "hr" or is_comment(block, lines):
            continue  # a "---" between ideas separates, it says nothing
        if block.kind in _LISTS and block.items and _opens_list_value(units):
            units[-1] = _with_list_value(units[-1], block, lines)
        elif block.kind in _LISTS and block.items:
            units.extend(_list_units(block, lines))
        elif block.kind == "paragraph":
            # Unknown labels ("Prior efforts:") are trusted only after a known one: before
            # it, "Some related tasks:" is the description leading into a list.
            trusted = trusted or any(u.label is not None and u.label.known for u in units[seen:])
            seen = len(units)
            listed = index + 1 < len(body) and body[index + 1].kind in _LISTS
            units.extend(_paragraph_units(block, lines, unknown=trusted, listed=listed))
        elif block.kind == "table":
            units.extend(_table_units(block, lines))
        else:
            units.append(_chunk(lines, block.start, block.end))
    return [unit for unit in units if unit.label is not None or unit.value]


def _table_units(block: Block, lines: list[str]) -> list[Unit]:
    """Fields laid out as a table: label and value per row, or labels in the header row.

    Both shapes need a known label among their labels; any other table (a timeline, a
    list of past projects) stays one Markdown chunk of the description.
    """
    rows = [(index, _cells(lines[index])) for index in range(block.start, block.end)]
    rows = [(index, cells) for index, cells in rows if cells]
    if len(rows) >= 3:
        head, body = rows[0], rows[2:]  # rows[1] is the delimiter row
        units = _row_units([head, *body]) or _column_units(head, body)
        for unit in units:
            unit.table = block.start
            unit.record = block.start if unit.record < 0 else unit.record
        if units:
            return units
    return [_chunk(lines, block.start, block.end)]


def _row_units(rows: list[tuple[int, list[str]]]) -> list[Unit]:
    """``| Mentors | Ada, Bo |`` rows; a header row without a label is skipped."""
    units: list[Unit] = []
    for position, (index, cells) in enumerate(rows):
        label = _cell_label(cells[0], " ".join(cells[1:])) if len(cells) == 2 else None
        if label is None and len(cells) == 1 and position > 0:
            label = _cell_link_label(cells[0])  # "| [Link](url)" on its own
        if label is None and position > 0:
            return []
        if label is not None and (position > 0 or label.known):
            units.append(_cell_unit(label, index))
    return units if any(unit.label is not None and unit.label.known for unit in units) else []


def _column_units(head: tuple[int, list[str]], rows: list[tuple[int, list[str]]]) -> list[Unit]:
    """A header row of labels over rows of values: one record, or one idea per row.

    Several rows are ideas only with a title column ("| Project Title | Mentors |");
    without one they are any other table (a timeline) and stay Markdown.
    """
    names = [_cell_label(cell, "-") for cell in head[1]]
    # A running number ("| ID | Idea |") orders the rows; it says nothing about an idea.
    names = [None if n is not None and n.key in _INDEX_COLUMNS else n for n in names]
    if not any(name is not None and name.known for name in names):
        return []
    if len(rows) > 1 and not any(name is not None and name.key == TITLE for name in names):
        return []
    units: list[Unit] = []
    for index, values in rows:
        labels = [
            _cell_label(cell, value) if name is not None else None
            for cell, value, name in zip(head[1], values, names, strict=False)
        ]
        for label in labels:
            if label is not None and label.value:
                unit = _cell_unit(label, index)
                unit.record = index if len(rows) > 1 else -1
                units.append(unit)
    return units


def _cell_unit(label: Label, index: int) -> Unit:
    return Unit(label=label, value=label.value, line=index + 1, value_line=index + 1)


def _cell_label(cell: str, value: str) -> Label | None:
    name = _CELL_EDGE.sub("", cell)
    label = split_label(f"{name}:") if name else None
    if label is None or not value.strip():
        return None
    # A cell holds one line: "<br>" is how a table writes a line break (one mentor each).
    return replace(label, value=_CELL_BREAK.sub("\n", value).strip())


def _cell_link_label(cell: str) -> Label | None:
    """``| [Link](url)`` alone in a row: the link's text labels its URL."""
    match = _CELL_LINK.fullmatch(cell)
    return _cell_label(match.group(1), match.group(2)) if match else None


def _cells(line: str) -> list[str]:
    """The cells of a table row (escaped pipes kept), or [] for a blank line."""
    text = line.strip()
    if not text:
        return []
    text = text.removeprefix("|")
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [cell.strip() for cell in _CELL_SPLIT.split(text)]


def _opens_list_value(units: list[Unit]) -> bool:
    """Whether the last unit is a paragraph ``Possible mentors:`` waiting for its list.

    A known label alone on its line with a list right below is laid out like a bullet
    field and is as strong a sign of an idea.
    """
    last = units[-1] if units else None
    return (
        last is not None
        and last.paragraph
        and not last.value
        and last.label is not None
        and (last.label.known or suggest_label(last.label) is not None)
    )


def _with_list_value(unit: Unit, block: Block, lines: list[str]) -> Unit:
    value, line = slice_lines(lines, block.start, block.end)
    return Unit(label=unit.label, value=value, line=unit.line, value_line=line)


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
    if not any(_names_field(item.label) for item in items):
        # A plain list (features, steps, "**Term**: meaning" entries): one chunk,
        # markers kept; only a known field label makes it a list of fields.
        return [_chunk(lines, block.start, block.end)]
    units: list[Unit] = []
    run: list[int] = []  # indices of consecutive unlabelled items
    for index, item in enumerate([*items, None]):
        if item is not None and item.label is None:
            run.append(index)
            continue
        lazy = _lazy_tail(lines, *block.items[index], item.label) if item is not None else None
        if item is not None and lazy is not None:
            item = _item_unit(lines, block.items[index][0], lazy)
        if len(run) == 1:
            units.append(items[run[0]])  # one unlabelled bullet: its text, marker dropped
        elif run:
            # Several: a list inside the description that lost its indentation; keep it a list.
            units.append(_chunk(lines, block.items[run[0]][0], block.items[run[-1]][1]))
        run = []
        if item is not None:
            units.append(item)
        if lazy is not None:
            end = block.items[index][1]
            labelled = _starts_known_label(lines[lazy])
            units.append(_item_unit(lines, lazy, end) if labelled else _chunk(lines, lazy, end))
    return units


def _names_field(label: Label | None) -> bool:
    return label is not None and (label.known or suggest_label(label) is not None)


def _starts_known_label(line: str) -> bool:
    label = split_label(line.strip(" \t"))
    return label is not None and label.known


def _lazy_tail(lines: list[str], start: int, end: int, label: Label | None) -> int | None:
    """Where unindented text glued to a field bullet starts a new unit, if it does.

    ``* **Mentor**: Ann`` directly followed by ``This project will...`` at the margin
    continues the bullet for Markdown, but the author started the description; so does
    a known label at the margin (``Recommended Skills: Go`` below a Description line).
    ``label`` is the bullet's own (its :func:`_item_unit`'s).
    """
    marker = _MARKER.match(lines[start])
    marker_end = marker.end() if marker else 0
    if label is None:
        return None
    prose_ends = label.key in _VALUE_KEYS and bool(label.value)
    indent = _content_indent(lines[start], marker_end)
    for index in range(start + 1, end):
        line = lines[index]
        if not line.strip():
            return None  # past the first paragraph every line is indented
        lazy = _columns(line[: len(line) - len(line.lstrip(" \t"))]) < indent
        if lazy and not _MARKER.match(line) and (prose_ends or _starts_known_label(line)):
            return index
    return None


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


def _paragraph_units(
    block: Block, lines: list[str], *, unknown: bool = False, listed: bool = False
) -> list[Unit]:
    """A paragraph, cut at each line that starts with a label.

    GSoC-style pages write ``**Mentors:** ...`` lines one after another without blank
    lines, so one Markdown paragraph holds several fields. With ``unknown``, an unknown
    label alone on the first line counts when its value follows: on the next lines, or
    in the list right below (``listed``).
    """
    units: list[Unit] = []
    start = block.start
    label: Label | None = None
    for index in range(block.start, block.end + 1):
        found = None
        if index < block.end:
            heads = unknown and index == block.start and (listed or index + 1 < block.end)
            found = _paragraph_label(lines[index], heads=heads)
        if index < block.end and found is None:
            continue
        if index > start:
            units.append(_paragraph_part(label, lines, start, index))
        start, label = index, found
    return units


def _paragraph_label(line: str, *, heads: bool) -> Label | None:
    """A label opening a line of a paragraph: known, or bold, or heading the paragraph.

    ``Prior efforts:`` alone on a paragraph's first line with the value on the lines below
    is a label even when unknown; a capitalised short phrase is not how prose wraps.
    """
    label = split_label(line.strip(" \t"))
    if label is None:
        return None
    if label.known or label.emphasised:
        return label
    alone = heads and not label.value and line.rstrip().endswith((":", "\uff1a"))
    return label if alone and label.text[:1].isupper() else None


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
