"""How deep an ideas file may nest: a bound the reader and the renderer both keep.

Data flow, in :func:`._blocks.read_outline`:

1. the file's lines --(:func:`flatten_deep`, before tokenising)--> the same lines, with
   any line nested deeper than :data:`MAX_DEPTH` lists or block quotes rewritten as plain
   text in place (line numbers stay);
2. markdown-it's block tokens --(:func:`flatten_deep_inline`)--> the lines of any
   paragraph, heading or table row whose emphasis, links or strike-through nest deeper
   than :data:`MAX_INLINE_DEPTH` escaped in place, so they read as literal text;

and a ``(line, what)`` per flattened run, which the parser reports as ``ideas.depth``
warnings.

Why: markdown-it stops at its nesting limit and silently drops the rest of the file, and
a tree hundreds of levels deep (``***...***x***...***``, or ``*a *a ... a* a*``) makes
MyST, docutils and pickle recurse until Python gives up, which ends the whole Sphinx
build. Bounding the depth here, in the Sphinx-free reader, means ``sphinx-ideas check``
and the build report the same line, and both markdown-it limits (ours in :mod:`._blocks`,
MyST's in the renderer) are set above the bound, so nothing within it is ever dropped.
Inline nesting is measured on markdown-it's own inline tokens (emphasis is paired by its
delimiter algorithm, which no line pattern can follow), but only for the rare block that
holds enough delimiters to be that deep. No Sphinx import here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from markdown_it import MarkdownIt

#: Deepest nesting of lists and block quotes kept as Markdown. Real descriptions stay
#: well under it; markdown-it's own limit (``MARKDOWN_NESTING``) leaves room above it.
MAX_DEPTH = 16
#: Deepest nesting of emphasis, strong emphasis, links and strike-through in one
#: paragraph, heading or table row.
MAX_INLINE_DEPTH = 2 * MAX_DEPTH
#: markdown-it's ``maxNesting`` for our tokenising and MyST's: a list level costs two
#: token levels (list and item), a quote one, and inline nesting some more.
MARKDOWN_NESTING = 4 * MAX_DEPTH + 2 * MAX_INLINE_DEPTH

#: One container marker at the start of what is left of a line: a quote or a list item.
_CONTAINER = re.compile(r"(>)[ \t]?|([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
#: An inline delimiter not already escaped (an escape pair is matched first, kept as it is).
_INLINE_DELIMITER = re.compile(r"\\.|([*_~\[\]])")
_BRACKET = re.compile(r"\\.|[\[\]]")
#: The inline syntax MyST may nest: CommonMark's, and strike-through if a project enables it.
_INLINE_MD = MarkdownIt("commonmark", {"maxNesting": MARKDOWN_NESTING}).enable("strikethrough")
#: Characters that could start a block if a flattened line began with them.
_BLOCK_START = re.compile(r"[#>\-*+=_~`|<]|\d{1,9}[.)]")


#: What a line nested deeper than the bound starts with: every level takes at least one
#: column of its start (a ">", a list marker, or the indentation that continues an item),
#: so more than ``MAX_DEPTH`` of them; with a tab among them (a tab is at most four
#: columns), at least a quarter as many characters. A file without such a line is not
#: scanned line by line (a template's ``-<tab>Description:`` is not such a line).
_MAY_NEST_DEEP = re.compile(
    rf"^[ >*+\-.)\d]{{{MAX_DEPTH + 1}}}"
    rf"|^(?=[ >*+\-.)\d]*\t)[\t >*+\-.)\d]{{{(MAX_DEPTH + 4) // 4}}}",
    re.MULTILINE,
)


def flatten_deep(lines: list[str]) -> list[tuple[int, str]]:
    """Rewrite, in place, what nests deeper than the bound; (1-based line, what) per run."""
    if not _MAY_NEST_DEEP.search("\n".join(lines)):
        return []
    found: list[tuple[int, str]] = []
    # the containers still open: (is a quote, content column), outermost first
    open_: list[tuple[bool, int]] = []
    fence: str | None = None
    previous_flat = False
    paragraph = False  # the line before is paragraph text
    for number, line in enumerate(lines):
        if not line.strip():
            paragraph = False
            continue
        expanded = line.expandtabs(4)
        kept, position, rest = _continued(expanded, open_)
        if fence is not None:  # code is text, however it is indented...
            if kept == len(open_):
                if rest.lstrip(" ").startswith(fence):
                    fence = None
                continue
            # ...until the list item or quote it is in ends: that closes it too
            fence = None
        if paragraph and kept < len(open_) and _lazy(rest):
            continue  # the paragraph goes on: its list items and quotes stay open
        del open_[kept:]
        rest = _open_markers(rest, position, open_)
        indent = _indent(rest)
        rest = rest[indent:]
        # four columns in, a fence is indented code, not a fence
        opened = _FENCE.match(rest) if indent <= 3 else None
        if opened:
            fence = opened.group(1)
        paragraph = bool(rest) and not opened and not rest.startswith("#")
        flat = len(open_) > MAX_DEPTH
        if flat:
            # the text stays inside the deepest item kept; quotes are not kept (the text
            # would need their markers): it leaves them
            kept = next((i for i, (quote, _) in enumerate(open_) if quote), MAX_DEPTH)
            kept = min(kept, MAX_DEPTH)
            lines[number] = " " * (open_[kept - 1][1] if kept else 0) + _escaped(rest)
            # the next lines are still matched against the file as written
            del open_[MAX_DEPTH:]
            if not previous_flat:
                found.append((number + 1, f"lists or quotes nested deeper than {MAX_DEPTH}"))
        previous_flat = flat
    return found


def _open_markers(rest: str, position: int, open_: list[tuple[bool, int]]) -> str:
    """Open a container for each list or quote marker at the start of ``rest`` (which
    starts at column ``position``); the text after them, indentation kept."""
    while True:
        blanks = len(rest) - len(rest.lstrip(" "))
        match = _CONTAINER.match(rest, blanks)
        if match is None:
            return rest
        width = match.end()
        open_.append((bool(match.group(1)), position + width))
        position += width
        rest = rest[width:]


def _lazy(rest: str) -> bool:
    """Whether ``rest``, a line that does not continue every open container, is a lazy
    continuation of the paragraph before: plain text, not the start of another block."""
    text = rest.lstrip(" ")
    if _CONTAINER.match(text) or text.startswith(("#", "```", "~~~", "<")):
        return False
    return not _THEMATIC_BREAK.match(text)


def _continued(line: str, open_: list[tuple[bool, int]]) -> tuple[int, int, str]:
    """How many of the open containers ``line`` continues, the column after their
    markers, and the text from there.

    Like CommonMark's container matching, simplified: an open quote continues while the
    line repeats its ``>``, an open list item while the line is indented to its content
    column; the first one not continued closes it and all inside it (a lazy continuation
    line of a paragraph is told apart by :func:`_lazy`). Then each list or quote marker
    left on the line opens a container (:func:`_open_markers`).
    """
    position = 0
    rest = line
    kept = 0
    for quote, column in open_:
        blanks = len(rest) - len(rest.lstrip(" "))
        if quote and blanks <= 3 and rest[blanks:].startswith(">"):
            taken = blanks + (2 if rest[blanks + 1 : blanks + 2] == " " else 1)
        elif not quote and position + blanks >= column:
            taken = column - position
        else:
            break
        position += taken
        rest = rest[taken:]
        kept += 1
    return kept, position, rest


def _escaped(text: str) -> str:
    """``text`` made plain: a leading block marker escaped (its inline nesting is
    measured later, by :func:`flatten_deep_inline`, like any other line's)."""
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    start = match.group()
    if start[0].isdigit():
        return start[:-1] + "\\" + start[-1] + text[len(start) :]
    return "\\" + text


def flatten_cut(lines: list[str], tokens: Iterable[Any]) -> list[tuple[int, str]]:
    """The safety net under :func:`flatten_deep`: where markdown-it reached its nesting
    limit anyway (it then skips the rest of what encloses that point, often the rest of
    the file), rewrite the line there as plain text, markers and all, with the lines
    indented deeper below it; return (1-based line, what) per place. The caller reads the
    file again and repeats while this finds something.

    :func:`flatten_deep` follows CommonMark's containers closely enough that this should
    never happen; if a shape it misreads ever gets this deep, its text is still shown.
    """
    found: list[tuple[int, str]] = []
    done = 0  # lines before this are rewritten already
    for token in tokens:
        if token.nesting != 1 or token.level + 1 < MARKDOWN_NESTING or not token.map:
            continue
        start = token.map[0]
        if start < done:
            continue
        base = _indent(lines[start])
        number = start
        while number < len(lines) and (
            number == start or not lines[number].strip() or _indent(lines[number]) > base
        ):
            text = _open_markers(lines[number].expandtabs(4), 0, []).lstrip(" ")
            lines[number] = _escaped(text) if text else ""
            number += 1
        done = number
        found.append((start + 1, f"lists or quotes nested deeper than {MAX_DEPTH}"))
    return found


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def flatten_deep_inline(lines: list[str], tokens: Iterable[Any]) -> list[tuple[int, str]]:
    """Escape, in place, the inline blocks of ``tokens`` that nest too deep.

    ``tokens`` are markdown-it block tokens of ``lines`` (inline parsing may be off: only
    each ``inline`` token's source is read). Returns (1-based line, what) per block.
    """
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type != "inline" or not token.map or not _too_deep_inline(token.content):
            continue
        start, end = token.map
        _escape_inline(lines, start, end, token.content.split("\n"))
        what = f"emphasis, links or strike-through nested deeper than {MAX_INLINE_DEPTH}"
        if not found or found[-1][0] != start + 1:  # cells of one table row: one warning
            found.append((start + 1, what))
    return found


def _too_deep_inline(content: str) -> bool:
    # Cheap and exact as a filter: each inline level needs one opening character.
    openers = content.count("*") + content.count("_") + content.count("~") + content.count("[")
    if openers <= MAX_INLINE_DEPTH:
        return False
    # Brackets nested this deep are flattened without asking markdown-it, whose search for
    # the end of each nested link label takes time growing faster than the text.
    if _bracket_depth(content) > MAX_INLINE_DEPTH:
        return True
    return inline_depth(content) > MAX_INLINE_DEPTH


def _bracket_depth(content: str) -> int:
    """How deep ``[`` nests in ``content`` (escaped brackets aside): links and images
    nest no deeper than their brackets."""
    depth = deepest = 0
    for match in _BRACKET.finditer(content):
        bracket = match.group()
        if bracket == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket == "]":
            depth = max(0, depth - 1)
    return deepest


def inline_depth(content: str) -> int:
    """How deep markdown-it nests the inline tokens of ``content`` (images' alt text too)."""
    deepest = 0
    (inline,) = _INLINE_MD.parseInline(content)
    pending: list[tuple[Sequence[Any], int]] = [(inline.children or [], 0)]
    while pending:  # a loop, not recursion: the input may be thousands of levels deep
        children, depth = pending.pop()
        for token in children:
            depth += token.nesting
            deepest = max(deepest, depth)
            if token.children:
                pending.append((token.children, depth + 1))
    return deepest


def _escape_inline(lines: list[str], start: int, end: int, content: list[str]) -> None:
    """Backslash-escape every inline delimiter of the block's text on lines [start, end).

    Each line of the inline text is the end of its source line (markers, quotes and
    indentation are before it); only that part is escaped, so the block stays in place.
    """
    for number, text in zip(range(start, end), content, strict=False):
        text = text.strip()
        line = lines[number]
        at = line.rfind(text) if text else -1
        if at < 0:
            continue
        escaped = _INLINE_DELIMITER.sub(
            lambda m: "\\" + m.group(1) if m.group(1) else m.group(), text
        )
        lines[number] = line[:at] + escaped + line[at + len(text) :]
