"""How deep an ideas file may nest: a bound the reader and the renderer both keep.

Data flow: the file's lines --(:func:`flatten_deep`, before :mod:`._blocks` tokenises
them)--> the same lines, with any line nested deeper than :data:`MAX_DEPTH` lists or
block quotes, and any run of more than :data:`MAX_EMPHASIS_RUN` emphasis marks, rewritten
as plain text in place (line numbers stay) --> a ``(line, what)`` per flattened run, which
the parser reports as ``ideas.depth`` warnings.

Why: markdown-it stops at its nesting limit and silently drops the rest of the file, and
a tree hundreds of levels deep (``***...***x***...***``) makes docutils and pickle
recurse until Python gives up, which ends the whole Sphinx build. Bounding the depth here,
in the Sphinx-free reader, means ``sphinx-ideas check`` and the build report the same
line, and both markdown-it limits (ours in :mod:`._blocks`, MyST's in the renderer) are
set above :data:`MAX_DEPTH`, so nothing within the bound is ever dropped. No Sphinx import
here.
"""

from __future__ import annotations

import re

#: Deepest nesting of lists and block quotes kept as Markdown. Real descriptions stay
#: well under it; markdown-it's own limit (``MARKDOWN_NESTING``) leaves room above it.
MAX_DEPTH = 16
#: Longest run of ``*`` or ``_`` kept as emphasis marks (each mark can nest one level).
MAX_EMPHASIS_RUN = 2 * MAX_DEPTH
#: markdown-it's ``maxNesting`` for our tokenising and MyST's: a list level costs two
#: token levels (list and item), a quote one, and inline emphasis some more.
MARKDOWN_NESTING = 4 * MAX_DEPTH + 2 * MAX_EMPHASIS_RUN

#: One container marker at the start of what is left of a line: a quote or a list item.
_CONTAINER = re.compile(r"(>)[ \t]?|([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_EMPHASIS_RUN = re.compile(rf"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")
#: Characters that could start a block if a flattened line began with them.
_BLOCK_START = re.compile(r"[#>\-*+=_~`|<]|\d{1,9}[.)]")


def flatten_deep(lines: list[str]) -> list[tuple[int, str]]:
    """Rewrite, in place, what nests deeper than the bound; (1-based line, what) per run."""
    found: list[tuple[int, str]] = []
    open_items: list[int] = []  # content column of each list item still open
    fence: str | None = None
    previous_flat = False
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        body = expanded[indent:]
        if fence is not None:  # code is text, however it is indented
            if body.startswith(fence):
                fence = None
            continue
        while open_items and indent < open_items[-1]:
            open_items.pop()
        depth, rest = _containers(body, indent, open_items)
        opened = _FENCE.match(rest)
        if opened:
            fence = opened.group(1)
        flat = depth > MAX_DEPTH
        if flat:
            # the text stays inside the deepest item kept (quotes are not kept: it leaves them)
            keep = open_items[MAX_DEPTH - 1] if len(open_items) >= MAX_DEPTH else 0
            lines[number] = " " * keep + _escaped(rest)
            del open_items[MAX_DEPTH:]
            if not previous_flat:
                found.append((number + 1, f"lists or quotes nested deeper than {MAX_DEPTH}"))
        elif _EMPHASIS_RUN.search(line):
            lines[number] = _EMPHASIS_RUN.sub(
                lambda run: "".join("\\" + c for c in run.group()), line
            )
            found.append((number + 1, f"a run of more than {MAX_EMPHASIS_RUN} emphasis marks"))
        previous_flat = flat
    return found


def _containers(body: str, indent: int, open_items: list[int]) -> tuple[int, str]:
    """Depth of a line (open items and its own markers) and its text after the markers.

    Each list marker on the line opens an item (its content column is pushed).
    """
    position = indent
    quotes = 0
    rest = body
    while True:
        match = _CONTAINER.match(rest)
        if match is None:
            break
        if match.group(1):
            quotes += 1
        else:
            open_items.append(position + match.end())
        position += match.end()
        rest = rest[match.end() :]
    return len(open_items) + quotes, rest


def _escaped(text: str) -> str:
    """``text`` made plain: a long emphasis run and a leading block marker escaped."""
    text = _EMPHASIS_RUN.sub(lambda run: "".join("\\" + c for c in run.group()), text)
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    start = match.group()
    if start[0].isdigit():
        return start[:-1] + "\\" + start[-1] + text[len(start) :]
    return "\\" + text
