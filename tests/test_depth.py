"""Deep nesting never drops content and never ends a build.

Lists nested up to the bound are read whole (markdown-it's own limit used to drop the rest
of the file after ten levels); anything deeper, and runs of hundreds of emphasis marks, is
flattened into text with an ``ideas.depth`` warning at its line, the same in
``sphinx-ideas check`` and in a build, in an rST and a MyST host.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sphinxcontrib_ideas.ideasfile import _blocks, _depth
from sphinxcontrib_ideas.ideasfile._blocks import read_outline
from sphinxcontrib_ideas.ideasfile._depth import MARKDOWN_NESTING, MAX_DEPTH
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog


def nested_list(levels: int) -> str:
    return "".join("  " * level + f"- level {level}\n" for level in range(levels))


def ideas_file(middle: str) -> str:
    """Two projects; the first idea's description holds ``middle`` (from line 9 on)."""
    return (
        "## Alpha\n\n### Deep\n\n- Description: see below\n- Mentors: @ann-ex\n- Skills: Go\n\n"
        + middle
        + "\nAfter it.\n\n### Next\n\n- Description: fine\n- Mentors: @bo-ex\n- Skills: Go\n\n"
        "## Beta\n\n### Later\n\n- Description: later\n- Mentors: @cy-ex\n- Skills: Go\n"
    )


EMPHASIS_BOMB = "***" * 500 + "x" + "***" * 500 + "\n"
#: The same depth with a word between the marks: no long run of marks to spot on the line.
SPACED_BOMB = "*a " * 500 + "x" + " a*" * 500 + "\n"
INLINE_DEEPER = "emphasis, links or strike-through nested deeper than 32"


def titles(text: str) -> list[str]:
    return [i.title for _, i in parse_catalog(text, source="d.md").catalog.iter_ideas()]


def depth_lines(text: str) -> list[int]:
    result = parse_catalog(text, source="d.md")
    return [d.line for d in result.diagnostics if d.subtype.value == "depth"]


def test_lists_nested_within_the_bound_are_read_whole() -> None:
    text = ideas_file(nested_list(MAX_DEPTH))
    assert titles(text) == ["Deep", "Next", "Later"]
    assert depth_lines(text) == []
    (deep,) = [i for _, i in parse_catalog(text, source="d.md").catalog.iter_ideas()][:1]
    assert f"- level {MAX_DEPTH - 1}" in deep.description
    assert deep.description.endswith("After it.")


@pytest.mark.parametrize(
    ("middle", "first_flat_line"),
    [
        (nested_list(MAX_DEPTH + 6), 9 + MAX_DEPTH),  # "- level 16" is the 17th line
        ("> " * 300 + "quoted\n", 9),
        ("- " * 5000 + "deep\n", 9),
        (EMPHASIS_BOMB, 9),
        ("Some text,\n" + SPACED_BOMB + "more text.\n", 9),  # the paragraph's first line
        ("*a " * 33 + "x" + " a*" * 33 + "\n", 9),  # one level more than allowed
        ("> " + "**b " * 40 + "x" + " b**" * 40 + "\n", 9),
        ("- [" * 40 + "x" + "](u)" * 40 + "\n", 9),
        ("![" * 300 + "x" + "](u)" * 300 + "\n", 9),
        ("".join("> " + "  " * level + f"- level {level}\n" for level in range(40)), 24),
        ("".join(">" * level + f" level {level}\n" for level in range(1, 40)), 25),
        # a fence opened in a list item ends with the item, not at the next fence line
        ("- item\n  ```\n  code\n" + "- " * 40 + "deep\n", 12),
        ("> quote\n> ~~~\n" + "1. " * 40 + "deep\n", 11),
        # indented four columns (a tab too), three backticks are code, not a fence
        ("\t```\n\n" + "- " * 40 + "deep\n", 11),
        ("    ~~~\n\n" + "> " * 40 + "deep\n", 11),
        # a lazy line goes on with the paragraph: its list items stay open
        ("- " * 15 + "a\nlazy text\n" + "  " * 15 + "- " * 6 + "b\n", 11),
        ("> " * 10 + "a\nlazy\n" + "> " * 10 + "- " * 8 + "b\n", 11),
    ],
    ids=[
        "list",
        "quotes",
        "markers",
        "emphasis",
        "spaced",
        "just-over",
        "strong",
        "links",
        "images",
        "list-in-quote",
        "quotes-growing",
        "fence-ended-by-its-item",
        "fence-ended-by-its-quote",
        "tab-indented-backticks",
        "indented-tildes",
        "lazy-line-in-list",
        "lazy-line-in-quote",
    ],
)
def test_deeper_content_is_flattened_at_its_line_and_nothing_after_it_is_lost(
    middle: str, first_flat_line: int
) -> None:
    text = ideas_file(middle)
    assert titles(text) == ["Deep", "Next", "Later"]
    assert depth_lines(text) == [first_flat_line]


def test_an_emphasis_bomb_is_kept_as_escaped_text() -> None:
    text = ideas_file(EMPHASIS_BOMB)
    deep = next(i for _, i in parse_catalog(text, source="d.md").catalog.iter_ideas())
    assert "\\*\\*\\*" in deep.description
    assert "x" in deep.description


def test_a_flattened_line_keeps_its_list_marker_and_its_escapes() -> None:
    text = ideas_file("* " + r"\* " + "*a " * 40 + "x" + " a*" * 40 + "\n")
    deep = next(i for _, i in parse_catalog(text, source="d.md").catalog.iter_ideas())
    expected = r"* \* " + r"\*a " * 40 + "x" + r" a\*" * 40
    assert expected in deep.description.splitlines()


@pytest.mark.parametrize(
    "middle",
    [
        "*" * 60 + "\n",  # a rule
        "Name: " + "_" * 50 + "\n\nDate: " + "_" * 40 + "\n",  # blanks to fill in
        "*_" * 300 + "x" + "_*" * 300 + "\n",  # marks markdown-it does not pair
        "[a](u) **b** _c_ " * 12 + "\n",  # many marks, none nested
        "*a " * 32 + "x" + " a*" * 32 + "\n",  # as deep as allowed
    ],
    ids=["rule", "fill-in", "unpaired", "flat", "at-the-bound"],
)
def test_many_marks_that_do_not_nest_are_left_alone(middle: str) -> None:
    text = ideas_file(middle)
    assert depth_lines(text) == []
    deep = next(i for _, i in parse_catalog(text, source="d.md").catalog.iter_ideas())
    if not middle.startswith("***"):  # a rule is structure, not description
        assert middle.strip() in deep.description


@pytest.mark.parametrize("host", ["reading-rst", "reading-myst"])
def test_a_build_with_deep_content_completes_with_located_warnings(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    # the deepest item kept holds emphasis as deep as allowed: read, pickled and written
    at_bound = "  " * (MAX_DEPTH - 1) + "- " + "*a " * 32 + "y" + " a*" * 32 + "\n"
    middle = (
        nested_list(MAX_DEPTH + 6)
        + "\n"
        + EMPHASIS_BOMB
        + "\n"
        + SPACED_BOMB
        + "\n"
        + nested_list(MAX_DEPTH - 1)
        + at_bound
    )
    (srcdir / "ideas.md").write_text(ideas_file(middle), encoding="utf-8")
    app = build(make_app, srcdir, "html")
    found = warnings(app)
    assert len(found) == 3, found
    assert all("[ideas.depth]" in w for w in found)
    assert f"ideas.md:{9 + MAX_DEPTH}: WARNING: lists or quotes nested deeper" in found[0]
    emphasis_line = 9 + MAX_DEPTH + 6 + 1
    assert f"ideas.md:{emphasis_line}: WARNING: {INLINE_DEEPER}" in found[1]
    assert f"ideas.md:{emphasis_line + 2}: WARNING: {INLINE_DEEPER}" in found[2]
    outdir = Path(app.outdir)
    alpha = (outdir / "ideas" / "alpha.html").read_text(encoding="utf-8")
    assert f"level {MAX_DEPTH - 1}" in alpha  # kept as a list, up to the bound
    assert "<em>a " * 32 + "y" + " a</em>" * 32 in alpha
    assert "After it." in alpha
    assert (outdir / "ideas" / "beta.html").is_file()
    shutil.rmtree(outdir)
    text_app = build(make_app, srcdir, "text")
    assert "Later" in (Path(text_app.outdir) / "ideas" / "beta.txt").read_text(encoding="utf-8")


def _containers_deepest(text: str) -> int:
    """How many list items and quotes markdown-it itself nests, at most, in ``text``."""
    depth = deepest = 0
    for token in MarkdownIt("commonmark", {"maxNesting": 10_000}).parse(text):
        if token.type in ("blockquote_open", "list_item_open"):
            depth += 1
            deepest = max(deepest, depth)
        elif token.type in ("blockquote_close", "list_item_close"):
            depth -= 1
    return deepest


_CONTAINER_SOUP = st.lists(
    st.lists(
        st.sampled_from(["- ", "* ", "1. ", "2) ", "> ", ">", "-\t", "  ", "    ", "\t", "x"]),
        max_size=40,
    ).map(lambda markers: "".join(markers) + "x")
    | st.sampled_from(["", "text", "```", "    ```", "~~~", "# h", "---"]),
    min_size=1,
    max_size=10,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(middle=_CONTAINER_SOUP)
def test_what_the_reader_keeps_never_reaches_markdown_its_limit(middle: str) -> None:
    """Whatever mix of list markers, quotes, fences and indentation: the lines as read are
    nested far below markdown-it's limit (the bound, give or take the tab and blank-item
    rules the line scan simplifies), and the projects and ideas after them are read."""
    text = ideas_file(middle + "\n")
    outline = read_outline(text)
    assert _containers_deepest("\n".join(outline.lines)) <= 2 * MAX_DEPTH
    if not outline.unclosed_fences:  # a fence left open is code to the end (and reported)
        assert titles(text)[-2:] == ["Next", "Later"]


def _quick_and_full(middle: str) -> None:
    lines = ideas_file(middle + "\n").split("\n")
    scanned = list(lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_depth, "_MAY_NEST_DEEP", re.compile(""))  # always scan
        found = _depth.flatten_deep(scanned)
    quick = list(lines)
    assert _depth.flatten_deep(quick) == found
    assert quick == scanned


@settings(max_examples=500, deadline=None)
@given(middle=_CONTAINER_SOUP)
def test_a_file_the_quick_test_skips_has_nothing_to_flatten(middle: str) -> None:
    """The scan is skipped for a file with no line that starts with more than MAX_DEPTH
    markers and indentation (or a tab among them): it would have flattened nothing."""
    _quick_and_full(middle)


@pytest.mark.parametrize(
    "middle",
    [
        ">" * (MAX_DEPTH + 1) + "x",  # the fewest characters one level deeper takes
        "".join(">" * level + "-\n" for level in range(1, MAX_DEPTH + 2)),
        "".join("\t" * level + "- x\n" for level in range(MAX_DEPTH + 2)),  # tabs
        "".join(" " * level + "-\n" for level in range(MAX_DEPTH + 2)),
    ],
    ids=["quotes", "quoted-items", "tabs", "bare-markers"],
)
def test_the_quick_test_lets_the_shallowest_too_deep_lines_through(middle: str) -> None:
    _quick_and_full(middle)
    lines = ideas_file(middle + "\n").split("\n")
    assert _depth.flatten_deep(lines)  # each of them is flattened somewhere


@pytest.mark.parametrize(
    "middle",
    [
        "".join("  " * level + f"- level {level}\n" for level in range(100)),
        "> " * 200 + "quoted\n",
        "- " * 300 + "x\n" + "".join("  " * level + "- y\n" for level in range(90)),
    ],
    ids=["list", "quotes", "two-places"],
)
def test_markdown_its_own_limit_never_drops_content(
    monkeypatch: pytest.MonkeyPatch, middle: str
) -> None:
    """The safety net: were the line scan ever to miss a shape, markdown-it's nesting limit
    would skip the rest of the file; what it skipped is read again as text, with a warning
    where the cut was."""
    monkeypatch.setattr(_blocks, "flatten_deep", lambda lines: [])  # a scan that misses
    text = ideas_file(middle)
    result = parse_catalog(text, source="d.md")
    assert [i.title for _, i in result.catalog.iter_ideas()] == ["Deep", "Next", "Later"]
    deep = next(i for _, i in result.catalog.iter_ideas())
    assert deep.description.endswith("After it.")
    lines = [d.line for d in result.diagnostics if d.subtype.value == "depth"]
    assert lines
    outline = read_outline(text)
    assert _containers_deepest("\n".join(outline.lines)) < MARKDOWN_NESTING // 2
    # every cut is reported at a line of the deep part
    last = 9 + middle.count("\n")
    assert all(9 <= line < last for line in lines)
