"""Tokenising an ideas file in pieces (issue 15): the outline read piece by piece, with or
without pieces kept from an earlier read, is the outline of the whole file read at once;
an edit to one idea tokenises one piece again.

The expectation is always computed by reading the same text as one piece (``_PIECE_START``
switched off), never written down.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from _ideas_text import catalog_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_ideas import _catalogs
from sphinxcontrib_ideas.ideasfile import _blocks
from sphinxcontrib_ideas.ideasfile._blocks import (
    Heading,
    Outline,
    PieceCache,
    _shifted,
    iter_sections,
    read_outline,
)
from sphinxcontrib_ideas.ideasfile.model import ParseResult
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog

ROOT = Path(__file__).parent
SEED = ROOT.parent / "sphinxcontrib_ideas" / "data" / "cncf-lfx-2021-spring-ideas.md"
#: Every ideas file the tests hold: curated fixtures and the test projects' files.
FILES = sorted(
    {SEED, *(ROOT / "fixtures").rglob("*.md"), *(ROOT / "roots").rglob("*.md")},
)
TEXT_FILES = [path for path in FILES if path.is_file()]

#: Lines that open or close what a heading does not end (fences, HTML blocks), and
#: headings, links and references: spliced at random between real lines.
TRICKY_LINES = [
    *["```", "~~~", "````", "```python", "    ```", "- ```", "> ```", "  ```"],
    *["<div>", "</div>", "<!--", "-->", "<script>", "</script>", "<pre>", "</pre>"],
    *["<?php", "?>", "<![CDATA[", "]]>", "<textarea>", "</textarea>", "<p align=center>"],
    *["# Title", "## Project", "### Idea", "#### Idea", "#", "#tag", "  # indented"],
    *["## [Alpha][a]", "### [Beta][zz]", "[a]: https://a.example", "[zz]: https://z.example"],
    *[
        "| a | b |",
        "|---|---|",
        "===",
        "---",
        "- item",
        "> quote",
        "    code",
        "",
        "1. #### Idea: x",
    ],
    *["   - Description: y", "- Mentors: @ann", "***", "*a *b **c** d* e*"],
]


def _shape(outline: Outline) -> list[Any]:
    """Everything an outline holds, in comparable form."""
    shape: list[Any] = [
        outline.lines,
        sorted(outline.references.items()),
        outline.front_title,
        outline.front_matter,
        outline.flattened,
        outline.unclosed_fences,
    ]
    for section in [outline.root, *iter_sections(outline.root)]:
        shape.append(
            (section.heading, section.level, section.end, section.body, len(section.children))
        )
    return shape


def _whole(text: str, monkeypatch: pytest.MonkeyPatch) -> Outline:
    """The outline of ``text`` read as one piece."""
    with monkeypatch.context() as patch:
        patch.setattr(_blocks, "_PIECE_START", re.compile(r"(?!)"))
        return read_outline(text)


def _spliced(seed: int, count: int) -> Iterator[str]:
    rng = random.Random(seed)
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in TEXT_FILES]
    real = [line for text in texts for line in text.split("\n")]
    for _ in range(count):
        size = rng.randint(1, 60)
        lines = [rng.choice(real if rng.random() < 0.6 else TRICKY_LINES) for _ in range(size)]
        yield "\n".join(lines)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_every_file_reads_the_same_in_pieces(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert _shape(read_outline(text)) == _shape(_whole(text, monkeypatch))


def test_real_lines_spliced_with_fences_and_html_read_the_same_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    differ = [
        text
        for text in _spliced(seed=15, count=2000)
        if _shape(read_outline(text)) != _shape(_whole(text, monkeypatch))
    ]
    assert differ == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TRICKY_LINES), max_size=40))
def test_any_mix_of_tricky_lines_reads_the_same_in_pieces(lines: list[str]) -> None:
    text = "\n".join(lines)
    with pytest.MonkeyPatch.context() as patch:
        assert _shape(read_outline(text)) == _shape(_whole(text, patch))


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The line count of every piece tokenised from now on."""
    read: list[int] = []
    real = _blocks._read_piece

    def counting(lines: list[str], *, last: bool) -> Any:
        read.append(len(lines))
        return real(lines, last=last)

    monkeypatch.setattr(_blocks, "_read_piece", counting)
    return read


@pytest.mark.parametrize(
    ("edit", "pieces_read"),
    [
        # a word of one description: its idea's piece, nothing else
        (lambda text: text.replace("part 1 of project 5.", "part 1 of project five."), 1),
        # a paragraph added: every later line moves, yet only that piece changed
        (lambda text: text.replace("part 0 of project 3.", "part 0 of project 3.\n\n  More."), 1),
        # a new idea between two: its own piece, the others unchanged
        (lambda text: text.replace("### Idea 7.1", "### Idea 7.0b\n\nNew.\n\n### Idea 7.1"), 1),
        # an idea's heading renamed and a field added to the next: two pieces
        (
            lambda text: text.replace("### Idea 2.1", "### Idea two.one").replace(
                "- Recommended Skills: Golang (basic), Rust\n"
                "- Upstream Issue (URL): https://github.com/o/p2/issues/3",
                "- Recommended Skills: Golang (basic), Rust\n- Difficulty: easy\n"
                "- Upstream Issue (URL): https://github.com/o/p2/issues/3",
            ),
            2,
        ),
    ],
    ids=["word", "paragraph", "idea", "two-ideas"],
)
def test_an_edit_tokenises_only_the_pieces_it_changed(
    edit: Any, pieces_read: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = catalog_text(projects=12, ideas=3)
    first = PieceCache()
    parse_catalog(text, pieces=first)
    edited = edit(text)
    assert edited != text
    read = _counting(monkeypatch)
    again = parse_catalog(edited, pieces=PieceCache(first.used))
    assert len(read) == pieces_read
    assert again == parse_catalog(edited)  # with or without the pieces: the same result
    assert again.catalog != parse_catalog(text).catalog


def test_a_heading_link_uses_a_definition_from_another_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "## [Alpha][home]\n\n### Idea\n\n- Description: x\n\n## Beta\n\n[home]: https://a.example\n"
    )
    outline = read_outline(text)
    alpha = iter_sections(outline.root)[0]
    assert alpha.heading is not None
    assert alpha.heading.url == "https://a.example"
    assert _shape(outline) == _shape(_whole(text, monkeypatch))


def test_a_fence_left_open_is_read_with_what_follows_in_few_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headings = 1000
    text = "```\n" + "\n".join(f"## Project {n}\n\nText {n}." for n in range(headings))
    read = _counting(monkeypatch)
    outline = read_outline(text)
    assert _shape(outline) == _shape(_whole(text, monkeypatch))
    assert outline.unclosed_fences == [(1, len(text.split("\n")) - 1)]  # to the end
    # the span read doubles each time: about log2(1000) reads, not one per heading
    assert len(read) <= 2 * headings.bit_length()


def test_an_html_block_before_a_heading_takes_it_as_in_the_whole_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # no blank line after the HTML: CommonMark reads "## Beta" as part of the HTML block
    text = '## Alpha\n\n<p align="center">logo</p>\n## Beta\n\n### Idea\n\n- Description: x\n'
    outline = read_outline(text)
    assert [s.title for s in iter_sections(outline.root)] == ["Alpha", "Idea"]
    assert _shape(outline) == _shape(_whole(text, monkeypatch))


def test_the_sphinx_layer_keeps_the_pieces_on_disk_between_builds(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ideas = tmp_path / "ideas.md"
    shutil.copy(seed_path, ideas)
    cache_dir = str(tmp_path / "doctrees")
    monkeypatch.setattr(_catalogs, "_cache", {})
    first = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=cache_dir)
    assert isinstance(first, ParseResult)

    text = ideas.read_text(encoding="utf-8")
    word = "Description"
    at = text.index(word, len(text) // 2)
    ideas.write_text(text[:at] + text[at:].replace(word, "Description", 1) + "\nMore.\n")
    monkeypatch.setattr(_catalogs, "_cache", {})  # a new process
    # an edit the splice of test_splice.py cannot take: the whole file is parsed
    monkeypatch.setattr(_catalogs, "_spliced", lambda *args: None)
    read = _counting(monkeypatch)
    again = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=cache_dir)
    assert len(read) == 1  # the last piece alone, where the text was added
    assert again == parse_catalog(ideas.read_text(encoding="utf-8"), source=str(ideas))

    # another version of the code does not use them
    monkeypatch.setattr(_catalogs, "_cache", {})
    monkeypatch.setattr(_catalogs, "code_stamp", lambda: (1, 2, 3))
    read.clear()
    _catalogs.load(str(ideas), skill_aliases={}, cache_dir=cache_dir)
    assert len(read) > 1


def test_a_heading_moved_to_its_line_keeps_everything_else() -> None:
    """Every field of a piece's heading but its lines survives the move to the file's lines
    (a field left out, the heading's source, once lost its reference-style links)."""
    heading = Heading(2, 1, 2, "*M*", "M", "https://example.org", ("x", "javascript"), "[M][m]")
    moved = _shifted(heading, 10)
    assert isinstance(moved, Heading)
    assert (moved.line, moved.end) == (11, 12)
    for item in fields(Heading):
        if item.name not in {"line", "end"}:
            assert getattr(moved, item.name) == getattr(heading, item.name), item.name
    assert all(getattr(heading, item.name) != item.default for item in fields(Heading))
