"""The outline of an ideas file: top-level Markdown blocks grouped into heading sections.

Data flow: text --(markdown-it-py block tokens)--> :class:`Block` list --> a tree of
:class:`Section` (one per heading, plus the root) that :mod:`.parser` classifies into
projects, groups and ideas. Only line ranges are kept: every fragment is later sliced from
the original lines, so its Markdown source is kept exactly. No Sphinx import here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from ._depth import MARKDOWN_NESTING, flatten_cut, flatten_deep, flatten_deep_inline
from ._sanitize import link_target
from .model import pickled_by_fields

if TYPE_CHECKING:
    from ._memo import SectionMemo

# markdown-it's own normalisation (its "normalize" core rule); we apply it first so that our
# line numbers and markdown-it's token maps count the same lines.
_NEWLINES = re.compile(r"\r\n?")
_HTML_COMMENT = re.compile(r"\s*<!--.*-->\s*", re.DOTALL)
_LISTS = ("bullet_list", "ordered_list")
_MAX_FRONT_MATTER = 200
#: How many times the file is read again after markdown-it's nesting limit cut it.
_MAX_CUTS = 16
_YAML_LINE = re.compile(r"\s*(?:#.*|[\w.-]+[ \t]*:.*|-[ \t].*|)|[ \t]+\S.*")
_YAML_KEY = re.compile(r"([\w.-]+)[ \t]*:[ \t]*(.*)")
# "[text][label]", "[text][]" or "[label]" not followed by "(url)" or ": url".
_REFERENCE_USE = re.compile(r"(?<![\\\]])\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\])?(?![(:\[])")
_ITEM_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*")
_TOC_LINE = re.compile(r"\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?\[[^\]]*\]\(#[^)\s]*\)\s*")


@pickled_by_fields
@dataclass(slots=True)
class Block:
    """A top-level block of the file: paragraph, list, fence, table, heading..."""

    #: markdown-it token type without ``_open`` ("paragraph", "bullet_list", "fence").
    kind: str
    #: 0-based first line.
    start: int
    #: 0-based line after the block.
    end: int
    #: For lists: the 0-based ``[start, end)`` of each top-level item.
    items: list[tuple[int, int]] = field(default_factory=list)


@pickled_by_fields
@dataclass(slots=True)
class Heading:
    """A section heading with its title as plain text and as Markdown."""

    level: int
    #: 0-based line of the heading.
    line: int
    #: 0-based line after the heading (setext headings take two lines).
    end: int
    #: The heading's Markdown source (emphasis and links kept).
    markdown: str
    #: Plain text (markup removed).
    title: str
    #: Target of a heading written wholly as a link, or None.
    url: str | None
    #: (target, scheme) of a link in the heading dropped for its scheme ("javascript:").
    dropped: tuple[str, str] | None = None
    #: The heading's text as written (markers and closing ``#`` aside).
    source: str = ""


@dataclass(slots=True, eq=False)
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    heading: Heading | None
    level: int
    parent: Section | None
    #: Blocks between the heading and the first sub-heading.
    body: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    #: 0-based line after the section's last line (its sub-sections included).
    end: int = 0

    @property
    def title(self) -> str:
        """Plain title ("" for the root)."""
        return self.heading.title if self.heading else ""

    @property
    def line(self) -> int:
        """1-based line of the heading (0 for the root)."""
        return self.heading.line + 1 if self.heading else 0


@dataclass(slots=True)
class Outline:
    """The file's lines, its section tree and its link reference definitions."""

    lines: list[str]
    root: Section
    #: ``[label]: url "title"`` definitions by normalised label: (url, title).
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The ``title:`` of a YAML front matter block, if the file starts with one.
    front_title: str | None = None
    #: How many lines the front matter block takes (0 without one); they are blanked.
    front_matter: int = 0
    #: (1-based line, what) of each run of lines nested too deep, flattened into text.
    flattened: list[tuple[int, str]] = field(default_factory=list)
    #: (1-based line, lines after it) of a code fence never closed: it runs to the end
    #: of the file, which Markdown then reads as code.
    unclosed_fences: list[tuple[int, int]] = field(default_factory=list)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MARKDOWN_NESTING}).enable("table")
    # Only headings need inline parsing (done by ``_heading``); skipping it everywhere else
    # makes our whole parse cheaper than markdown-it's full tokenising.
    md.disable("inline")
    return md


_MD = _markdown()
#: Reads headings and title cells. It takes links of every scheme, which markdown-it
#: would leave as text ("[Alpha](javascript:...)" as a project name); ``_plain_title``
#: keeps their text and drops the target.
_TITLE_MD = MarkdownIt("commonmark", {"maxNesting": MARKDOWN_NESTING})
_TITLE_MD.validateLink = lambda url: True  # type: ignore[method-assign]


def normalize_text(text: str) -> str:
    """The text as markdown-it sees it: one newline style, no NUL characters."""
    return _NEWLINES.sub("\n", text).replace("\0", "\ufffd")


def read_outline(text: str, pieces: PieceCache | None = None) -> Outline:
    """Tokenise ``text`` and build its section tree.

    The file is tokenised in pieces, each from a top-level heading to the next (see
    :class:`PieceCache`); with ``pieces`` from an earlier read of the file, only the pieces
    that changed are tokenised again.
    """
    lines = normalize_text(text).split("\n")
    front_title, front_matter = _blank_front_matter(lines)
    flattened = flatten_deep(lines)
    cache = pieces if pieces is not None else PieceCache()
    items: list[Heading | Block] = []
    references: dict[str, tuple[str, str]] = {}
    unclosed: list[tuple[int, int]] = []
    read: list[str] = []
    bounds = _piece_starts(lines)
    first = 0
    while first < len(bounds) - 1:
        after = first + 1
        while True:
            start, end = bounds[first], bounds[after]
            piece = cache.piece(lines[start:end], last=end == len(lines))
            if not piece.open_end or after == len(bounds) - 1:
                break
            # a fence or HTML block runs into the next piece: read them as one (doubling
            # the span, so that one fence left open at the top costs a few reads, not one
            # per heading below it)
            after = min(len(bounds) - 1, after + (after - first))
        read.extend(piece.lines if piece.lines is not None else lines[start:end])
        items.extend(_shifted(item, start) for item in piece.items)
        for label, target in piece.references:
            references.setdefault(label, target)  # the first definition counts
        flattened.extend((line + start, what) for line, what in piece.flattened)
        if end == len(lines):
            unclosed.extend((line + start, count) for line, count in piece.unclosed)
        first = after
    if references:
        items = _with_references(items, references)
    root = Section(heading=None, level=0, parent=None, end=len(read))
    current = root
    for item in items:
        if isinstance(item, Heading):
            current = _open_section(current, item)
        else:
            current.body.append(item)
    return Outline(
        lines=read,
        root=root,
        references=references,
        front_title=front_title,
        front_matter=front_matter,
        flattened=sorted(flattened),
        unclosed_fences=unclosed,
    )


#: A line that opens a heading at the first column. It ends every Markdown block open
#: before it (a paragraph, a list, a quote, a table) except a code fence or an HTML
#: block: where a file can be cut into pieces that markdown-it reads on their own.
_PIECE_START = re.compile(r"#{1,6}(?:[ \t]|$)")


def _piece_starts(lines: list[str]) -> list[int]:
    """0-based first lines of the pieces, then the number of lines."""
    starts = [0]
    starts += [number for number, line in enumerate(lines) if number and _PIECE_START.match(line)]
    starts.append(len(lines))
    return starts


@pickled_by_fields
@dataclass(slots=True, frozen=True)
class Piece:
    """What markdown-it makes of a run of lines; line numbers count from its first line."""

    #: The lines as rewritten by the depth checks and the unwrapping of list items that
    #: open with a heading; None when none was rewritten.
    lines: tuple[str, ...] | None
    #: Top-level headings and blocks, in order.
    items: tuple[Heading | Block, ...]
    #: ``[label]: url "title"`` definitions: (normalised label, (url, title)), in order.
    references: tuple[tuple[str, tuple[str, str]], ...]
    #: (1-based line, what) of each run flattened into text after tokenising.
    flattened: tuple[tuple[int, str], ...]
    #: (1-based line, lines after it) of a code fence never closed (for the last piece).
    unclosed: tuple[tuple[int, int], ...]
    #: Whether a code fence or HTML block runs to the last line, so that read with the
    #: lines after the piece it might go on: the piece must be read with the next one.
    open_end: bool


class PieceCache:
    """The pieces of an ideas file, by the digest of their text, kept between reads.

    A piece runs from one top-level heading to the next; markdown-it reads it as it
    would inside the whole file (a heading at the first column ends every block but a
    fence or an HTML block, and a piece that ends inside one of those is read with the
    next). Our tokenising disables inline parsing, so no piece depends on another's
    reference definitions. ``earlier`` holds the pieces of a previous read (the Sphinx
    layer keeps them on disk); :attr:`used` the pieces of this one, to keep for the next.
    ``sections``, if given, does the same one step later: what each section's body was
    read as (:class:`~._memo.SectionMemo`).
    """

    def __init__(
        self, earlier: Mapping[str, Piece] | None = None, *, sections: SectionMemo | None = None
    ) -> None:
        self.earlier = dict(earlier or {})
        self.sections = sections
        #: The pieces this read used, by digest.
        self.used: dict[str, Piece] = {}

    def piece(self, lines: list[str], *, last: bool) -> Piece:
        """The piece of ``lines`` (``last`` when they end the file), from an earlier read
        if it had the same text."""
        text = "\n".join(lines) + ("" if last else "\n")
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass")).hexdigest()
        found = self.used.get(digest) or self.earlier.get(digest)
        if found is None:
            found = _read_piece(list(lines), last=last)
        self.used[digest] = found
        return found


def _read_piece(lines: list[str], *, last: bool) -> Piece:
    """Tokenise one piece (its ``lines`` may be rewritten in place).

    A piece that does not end the file is given a final newline: its last line, blank or
    not, is then a line to markdown-it, as it is in the whole file (``"a\\n"`` is one line).
    """
    original = list(lines)
    flattened: list[tuple[int, str]] = []
    end = "" if last else "\n"
    env: dict[str, Any] = {}
    tokens = _MD.parse("\n".join(lines) + end, env)
    for _ in range(_MAX_CUTS):  # never expected (see flatten_cut)
        cut = flatten_cut(lines, tokens)
        if not cut:
            break
        flattened += cut  # read again what markdown-it left out
        env = {}
        tokens = _MD.parse("\n".join(lines) + end, env)
    for _ in range(_MAX_CUTS):
        # an item unwrapped can end a fence that hid more such items: until none is left
        if not _unwrap_item_headings(tokens, lines):
            break
        env = {}
        tokens = _MD.parse("\n".join(lines) + end, env)
    flattened_inline = flatten_deep_inline(lines, tokens)
    if flattened_inline:
        flattened += flattened_inline
        env = {}
        tokens = _MD.parse("\n".join(lines) + end, env)
    references = tuple(
        (str(label), (str(ref.get("href", "")), str(ref.get("title", ""))))
        for label, ref in env.get("references", {}).items()
    )
    return Piece(
        lines=None if lines == original else tuple(lines),
        items=tuple(_top_level(tokens, env, lines)),
        references=references,
        flattened=tuple(flattened),
        unclosed=tuple(_unclosed_fences(tokens, lines)),
        open_end=_open_end(tokens, len(lines)),
    )


def _with_references(
    items: list[Heading | Block], references: Mapping[str, tuple[str, str]]
) -> list[Heading | Block]:
    """``items`` with each heading that may hold a reference link (``[Alpha][a]``) read
    again with every definition of the file, wherever in it: its piece knew only its own."""
    env = {
        "references": {k: {"href": url, "title": title} for k, (url, title) in references.items()}
    }
    return [
        _make_heading(item.level, item.line, item.end, item.source, env)
        if isinstance(item, Heading) and "[" in item.source
        else item
        for item in items
    ]


def _open_end(tokens: list[Any], count: int) -> bool:
    """Whether a top-level fence not closed, or an HTML block, reaches line ``count``.

    An HTML block that ends on the last line is taken as open too: which kind it is
    (one that ends at a blank line, or at its closing tag) is not in its token.
    """
    for token in tokens:
        if token.level or not token.map or token.map[1] < count:
            continue
        if token.type == "html_block" or (token.type == "fence" and not _closed(token)):
            return True
    return False


def _closed(fence: Any) -> bool:
    """Whether markdown-it found the closing line of ``fence``: its map then covers the
    opening line, the code and the closing line (the last code line may lack its newline)."""
    start, end = fence.map
    content = str(fence.content)
    code_lines = content.count("\n") + (1 if content and not content.endswith("\n") else 0)
    return bool(end - start == code_lines + 2)


def _shifted(item: Heading | Block, offset: int) -> Heading | Block:
    """A copy of a piece's item with its lines counted from the file's first line."""
    if isinstance(item, Heading):  # the class called: dataclasses.replace costs twice as much
        return Heading(
            level=item.level,
            line=item.line + offset,
            end=item.end + offset,
            markdown=item.markdown,
            title=item.title,
            url=item.url,
            dropped=item.dropped,
            source=item.source,
        )
    return Block(
        kind=item.kind,
        start=item.start + offset,
        end=item.end + offset,
        items=[(start + offset, end + offset) for start, end in item.items],
    )


def _unclosed_fences(tokens: list[Any], lines: list[str]) -> Iterator[tuple[int, int]]:
    """Fences that run to the end of the file without a closing line (a typo, or a line
    of ``~`` meant as a rule): (their 1-based line, the lines after it)."""
    last = len(lines)
    while last and not lines[last - 1].strip():
        last -= 1
    for token in tokens:
        if token.type != "fence" or not token.map or token.map[1] < last:
            continue
        if not _closed(token):
            start = token.map[0]
            yield start + 1, last - start - 1


def _unwrap_item_headings(tokens: list[Any], lines: list[str]) -> bool:
    """Rewrite, in place, top-level list items that open with a heading as plain sections.

    Some files number their ideas: ``1. #### Idea: Title`` with the idea's fields indented
    inside the item. Markdown reads the heading as part of the list, so no section would
    be found; dedenting each such item (its marker dropped, every line kept, so line
    numbers stay) reads it as the heading and body the author meant.
    """
    changed = False
    for index, token in enumerate(tokens[:-1]):
        opens_item = token.type == "list_item_open" and token.level == 1 and token.map
        if not opens_item or tokens[index + 1].type != "heading_open":
            continue
        start, end = token.map
        first = lines[start]
        marker = _ITEM_MARKER.match(first)
        if marker is None:
            continue
        width = len(marker.group().expandtabs(4))
        lines[start] = first[marker.end() :]
        for number in range(start + 1, end):
            lines[number] = _dedent(lines[number], width)
        changed = True
    return changed


def _dedent(line: str, width: int) -> str:
    """``line`` without up to ``width`` columns of leading blanks (a lazy line keeps its text)."""
    expanded = line.expandtabs(4)
    blanks = len(expanded) - len(expanded.lstrip(" "))
    return expanded[min(blanks, width) :]


def _blank_front_matter(lines: list[str]) -> tuple[str | None, int]:
    """Blank a YAML front matter block in place (line numbers stay): its title and size.

    Wiki and static-site pages start with ``---`` / ``title: ...`` / ``---``, which
    Markdown reads as a rule and a heading made of the metadata. The size is the number
    of lines blanked, 0 when the file has no front matter.
    """
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for end in range(1, min(len(lines), _MAX_FRONT_MATTER)):
        if lines[end].rstrip() in ("---", "..."):
            break
        if not _YAML_LINE.fullmatch(lines[end]):
            return None, 0
    else:
        return None, 0
    keys = [_YAML_KEY.match(line) for line in lines[1:end]]
    if not any(keys):
        return None, 0
    title = next((m.group(2) for m in keys if m and m.group(1).casefold() == "title"), "")
    lines[: end + 1] = [""] * (end + 1)
    return title.strip().strip("'\"").strip() or None, end + 1


def with_references(text: str, references: Mapping[str, tuple[str, str]]) -> str:
    """``text`` with the definitions of the reference links it uses appended.

    A fragment cut from the file (a description, a field) is rendered on its own later;
    ``[design doc][]`` needs its ``[design doc]: url`` line, wherever the author put it.
    """
    if not references or "[" not in text:
        return text
    lines: list[str] = []
    seen: set[str] = set()
    for label, key in _used_labels(text, references):
        if key not in seen:
            seen.add(key)
            url, title = references[key]
            quoted = ' "' + title.replace('"', '\\"') + '"' if title else ""
            lines.append(f"[{label}]: <{url}>{quoted}")
    return f"{text}\n\n" + "\n".join(lines) if lines else text


def inline_references(text: str, references: Mapping[str, tuple[str, str]]) -> str:
    """``text`` with reference links written inline, for the value parsers.

    ``[@ada][]`` with ``[@ada]: https://github.com/ada`` is the mentor ``@ada``.
    """
    if not references or "[" not in text:
        return text

    def inline(match: re.Match[str]) -> str:
        key = normalizeReference(match.group(2) or match.group(1))
        found = references.get(key)
        return f"[{match.group(1)}]({found[0]})" if found else match.group()

    return _REFERENCE_USE.sub(inline, text)


def _used_labels(text: str, references: Mapping[str, tuple[str, str]]) -> list[tuple[str, str]]:
    used: list[tuple[str, str]] = []
    for match in _REFERENCE_USE.finditer(text):
        label = match.group(2) or match.group(1)
        key = normalizeReference(label)
        if key in references:
            used.append((label, key))
    return used


def _open_section(current: Section, heading: Heading) -> Section:
    while current.parent is not None and current.level >= heading.level:
        current.end = heading.line
        current = current.parent
    section = Section(heading=heading, level=heading.level, parent=current, end=current.end)
    current.children.append(section)
    return section


def _top_level(tokens: list[Any], env: dict[str, Any], lines: list[str]) -> list[Heading | Block]:
    out: list[Heading | Block] = []
    in_bullets = False
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting >= 0 and token.map:
            if token.type == "heading_open":
                out.append(_heading(token, tokens[index + 1], env))
            else:
                kind = token.type.removesuffix("_open")
                out.append(Block(kind=kind, start=token.map[0], end=token.map[1]))
                # Numbered fields ("1. Description: ...") are read like bullets.
                in_bullets = kind in _LISTS
        elif in_bullets and token.level == 1 and token.type == "list_item_open" and token.map:
            block = out[-1]
            assert isinstance(block, Block)
            block.items.append((token.map[0], token.map[1]))
    return out


def _heading(token: Any, inline: Any, env: dict[str, Any]) -> Heading:
    return _make_heading(int(token.tag[1:]), token.map[0], token.map[1], inline.content, env)


def _make_heading(level: int, line: int, end: int, content: str, env: dict[str, Any]) -> Heading:
    children: list[Any] = []
    _TITLE_MD.inline.parse(content, _TITLE_MD, env, children)
    title, url, dropped = _plain_title(children)
    return Heading(
        level=level,
        line=line,
        end=end,
        # the title alone when its link was dropped: no page shows the target
        markdown=content.strip() if dropped is None else title,
        title=title,
        url=url,
        dropped=dropped,
        source=content,
    )


def plain_inline(text: str) -> tuple[str, str | None]:
    """Plain text of one line of Markdown, and the link target if a link is all of it."""
    children: list[Any] = []
    _TITLE_MD.inline.parse(text, _TITLE_MD, {}, children)
    title, url, _dropped = _plain_title(children)
    return title, url


def _plain_title(
    children: list[Any],
) -> tuple[str, str | None, tuple[str, str] | None]:
    """Plain text of inline tokens, the link target if one link holds all the text, and
    (target, scheme) of a link dropped for its scheme (its text stays)."""
    parts: list[str] = []
    links: list[tuple[str, int]] = []
    dropped: tuple[str, str] | None = None
    link_depth = 0
    outside_link = False
    for child in children:
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            scheme = link_target(href).unsafe_scheme
            if scheme is not None:
                dropped = dropped or (href, scheme)
                href = ""
            links.append((href, len(parts)))
            link_depth += 1
        elif child.type == "link_close":
            link_depth = max(0, link_depth - 1)
        elif child.type in ("text", "text_special", "code_inline", "html_inline"):
            parts.append(child.content)
            outside_link = outside_link or (link_depth == 0 and bool(child.content.strip()))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    title = " ".join("".join(parts).split())
    url = links[0][0] if len(links) == 1 and not outside_link and links[0][0] else None
    return title, url, dropped


def is_comment(block: Block, lines: list[str]) -> bool:
    """An HTML comment: invisible when rendered, never content."""
    if block.kind != "html_block":
        return False
    return _HTML_COMMENT.fullmatch("\n".join(lines[block.start : block.end])) is not None


def is_toc(block: Block, lines: list[str]) -> bool:
    """A table of contents: a list or paragraph whose every line links to an in-page anchor.

    Its anchors point at headings of the source file that the catalog renders under other
    names, so it is dropped rather than shown with dead links.
    """
    if block.kind not in ("bullet_list", "ordered_list", "paragraph"):
        return False
    seen = False
    for line in lines[block.start : block.end]:
        if not line.strip():
            continue
        if _TOC_LINE.fullmatch(line) is None:
            return False
        seen = True
    return seen


def iter_sections(root: Section) -> list[Section]:
    """Every section below ``root`` in file order (pre-order), without recursion."""
    out: list[Section] = []
    stack = list(reversed(root.children))
    while stack:
        section = stack.pop()
        out.append(section)
        stack.extend(reversed(section.children))
    return out
