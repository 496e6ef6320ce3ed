"""The outline of an ideas file: top-level Markdown blocks grouped into heading sections.

Data flow: text --(markdown-it-py block tokens)--> :class:`Block` list --> a tree of
:class:`Section` (one per heading, plus the root) that :mod:`.parser` classifies into
projects, groups and ideas. Only line ranges are kept: every fragment is later sliced from
the original lines, so its Markdown source is kept exactly. No Sphinx import here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from ._depth import MARKDOWN_NESTING, flatten_cut, flatten_deep, flatten_deep_inline
from ._sanitize import link_target

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


def read_outline(text: str) -> Outline:
    """Tokenise ``text`` once and build its section tree."""
    lines = normalize_text(text).split("\n")
    front_title, front_matter = _blank_front_matter(lines)
    flattened = flatten_deep(lines)
    env: dict[str, Any] = {}
    tokens = _MD.parse("\n".join(lines), env)
    for _ in range(_MAX_CUTS):  # never expected (see flatten_cut)
        cut = flatten_cut(lines, tokens)
        if not cut:
            break
        flattened = sorted(flattened + cut)  # read again what markdown-it left out
        env = {}
        tokens = _MD.parse("\n".join(lines), env)
    if _unwrap_item_headings(tokens, lines):
        env = {}
        tokens = _MD.parse("\n".join(lines), env)
    flattened_inline = flatten_deep_inline(lines, tokens)
    if flattened_inline:
        flattened = sorted(flattened + flattened_inline)
        env = {}
        tokens = _MD.parse("\n".join(lines), env)
    root = Section(heading=None, level=0, parent=None, end=len(lines))
    current = root
    for item in _top_level(tokens, env, lines):
        if isinstance(item, Heading):
            current = _open_section(current, item)
        else:
            current.body.append(item)
    references = {
        str(label): (str(ref.get("href", "")), str(ref.get("title", "")))
        for label, ref in env.get("references", {}).items()
    }
    return Outline(
        lines=lines,
        root=root,
        references=references,
        front_title=front_title,
        front_matter=front_matter,
        flattened=flattened,
        unclosed_fences=list(_unclosed_fences(tokens, lines)),
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
        start, end = token.map
        # markdown-it's map covers the opening line, the code and, when it found one, the
        # closing line; the code is every line between (the last one may lack its newline)
        content = token.content
        code_lines = content.count("\n") + (1 if content and not content.endswith("\n") else 0)
        if end - start != code_lines + 2:
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
    children: list[Any] = []
    _TITLE_MD.inline.parse(inline.content, _TITLE_MD, env, children)
    title, url, dropped = _plain_title(children)
    return Heading(
        level=int(token.tag[1:]),
        line=token.map[0],
        end=token.map[1],
        # the title alone when its link was dropped: no page shows the target
        markdown=inline.content.strip() if dropped is None else title,
        title=title,
        url=url,
        dropped=dropped,
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
