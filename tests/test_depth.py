"""Deep nesting never drops content and never ends a build.

Lists nested up to the bound are read whole (markdown-it's own limit used to drop the rest
of the file after ten levels); anything deeper, and runs of hundreds of emphasis marks, is
flattened into text with an ``ideas.depth`` warning at its line, the same in
``sphinx-ideas check`` and in a build, in an rST and a MyST host.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas.ideasfile._depth import MAX_DEPTH
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
