"""A parse spliced from the parse of an earlier version (issue 15): where an edit is
spliced in, the result is exactly a parse of the whole new file; where it cannot be
shown safe, nothing is spliced and the whole file is parsed.

The expectation is always the new text parsed whole, never written down.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from _ideas_text import IDEAS_FILES as FILES
from _ideas_text import catalog_text
from _sphinx_sites import count_parses

from sphinxcontrib_ideas import _catalogs
from sphinxcontrib_ideas._digests import project_digests, take_digests
from sphinxcontrib_ideas.ideasfile._splice import splice
from sphinxcontrib_ideas.ideasfile.model import ParseResult
from sphinxcontrib_ideas.ideasfile.options import ReadingOptions
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog

#: Lines authors add inside an idea: plain text, fields, structure, markup that runs on.
_ADDED = (
    "An added paragraph.",
    "- Mentor(s): Jane Roe (@janeroe)",
    "- Recommended Skills: Go, Rust",
    "  - a nested point",
    "#### A new idea",
    "### A new project",
    "```",
    "<div>",
    "<!-- a comment",
    "- Description:",
    "Sample",
    "> a quote",
    "[ref]: https://example.org",
    "| a | table |",
    "Mentors",
)


def _edits(text: str, rng: random.Random) -> Iterator[str]:
    """``text`` edited as authors do, at random lines: a word added, a line added (of
    each kind in :data:`_ADDED`), a line removed, a line emptied, a line moved, a word
    of a heading changed."""
    lines = text.split("\n")
    if not lines:
        return

    def at() -> int:
        return rng.randrange(len(lines))

    where = at()
    yield "\n".join([*lines[:where], lines[where] + " more", *lines[where + 1 :]])
    for added in _ADDED:
        where = at()
        yield "\n".join([*lines[:where], added, *lines[where:]])
    where = at()
    yield "\n".join([*lines[:where], *lines[where + 1 :]])
    where = at()
    yield "\n".join([*lines[:where], "", *lines[where + 1 :]])
    moved = list(lines)
    moved.insert(at(), moved.pop(at()))
    yield "\n".join(moved)
    headings = [number for number, line in enumerate(lines) if line.startswith("#")]
    if headings:
        where = rng.choice(headings)
        yield "\n".join([*lines[:where], lines[where] + " revised", *lines[where + 1 :]])


def _check(old_text: str, new_text: str, **options: object) -> bool:
    """Whether ``new_text`` was spliced in; fails if a splice differs from a whole parse."""
    old = parse_catalog(old_text, source="ideas.md", **options)  # type: ignore[arg-type]
    spliced = splice(old_text, old, new_text, source="ideas.md", **options)  # type: ignore[arg-type]
    if spliced is None:
        return False
    assert spliced.result == parse_catalog(new_text, source="ideas.md", **options)  # type: ignore[arg-type]
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_file_after_random_edits_splices_to_a_whole_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    rng = random.Random(path.name)
    for _ in range(2):
        for edited in _edits(text, rng):
            _check(text, edited)


def test_pieces_of_real_files_after_random_edits_splice_to_a_whole_parse() -> None:
    """Files cut from real ones at random lines (their shapes mixed), edited at random;
    and a word added to a random line is spliced often enough that the check is not
    empty (the line may be above the projects, a heading, or in a file without any)."""
    rng = random.Random(15)
    real = [line for path in FILES for line in path.read_text(errors="replace").split("\n")]
    words = 0
    for _ in range(150):
        start = rng.randrange(len(real))
        text = "\n".join(real[start : start + rng.randint(10, 160)])
        for number, edited in enumerate(_edits(text, rng)):
            spliced = _check(text, edited)
            words += spliced and number == 0
    assert words >= 15


def test_an_edit_inside_an_idea_of_a_large_file_is_spliced() -> None:
    text = catalog_text(projects=30, ideas=4)
    lines = text.split("\n")
    description = next(n for n, line in enumerate(lines) if "part 2 of project 17" in line)
    word = lines.copy()
    word[description] += " Now with more words."
    added = [*lines[: description + 1], "  A paragraph more.", *lines[description + 1 :]]
    removed = [*lines[: description + 2], *lines[description + 3 :]]  # a point of its list
    skill = lines.copy()
    skill[description + 5] = "- Recommended Skills: Python, Rust"
    for edited in (word, added, removed, skill):
        assert _check(text, "\n".join(edited))
    assert _check(text, "\n".join(word), reading=ReadingOptions(labels=(("toolbox", "skills"),)))


@pytest.mark.parametrize(
    "change",
    [
        "#### A new idea",  # the ideas of the project change
        "```",  # a fence left open runs into the next project
        "<!--",  # so does an HTML comment
        "[ref]: https://example.org",  # references resolve across the file
    ],
)
def test_what_could_reach_beyond_the_project_is_not_spliced(change: str) -> None:
    text = catalog_text(projects=6, ideas=3)
    lines = text.split("\n")
    where = next(n for n, line in enumerate(lines) if "part 1 of project 3" in line) + 1
    edited = "\n".join([*lines[:where], change, *lines[where:]])
    old = parse_catalog(text, source="ideas.md")
    assert splice(text, old, edited, source="ideas.md") is None


def test_an_edit_in_a_project_that_is_most_of_a_large_file_is_not_spliced() -> None:
    """Its lines would be read twice on their own: the whole file is read once instead."""
    text = catalog_text(projects=1, ideas=100)
    assert len(text) > 20_000
    edited = text.replace("part 50 of project 0.", "part 50 of project 0, edited.")
    assert edited != text
    old = parse_catalog(text, source="ideas.md")
    assert splice(text, old, edited, source="ideas.md") is None
    small = catalog_text(projects=1, ideas=20)
    edited = small.replace("part 10 of project 0.", "part 10 of project 0, edited.")
    assert _check(small, edited)


def test_an_edit_above_the_projects_or_across_two_is_not_spliced() -> None:
    text = catalog_text(projects=6, ideas=3)
    old = parse_catalog(text, source="ideas.md")
    preamble = text.replace("# Program ideas\n", "# Program ideas\n\nWelcome.\n", 1)
    across = text.replace("part 2 of project 2", "part 2 of project 2 x").replace(
        "part 0 of project 3", "part 0 of project 3 x"
    )
    for edited in (preamble, across):
        assert splice(text, old, edited, source="ideas.md") is None
        assert splice(text, old, text, source="ideas.md") == (old, -1)


def test_the_sphinx_layer_splices_an_edit_into_the_kept_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit inside one idea, a new process takes the kept parse and splices the
    edit in (the file is not parsed whole); the result is a whole parse's."""
    ideas = tmp_path / "ideas.md"
    text = catalog_text(projects=8, ideas=3)
    ideas.write_text(text, encoding="utf-8")
    parsed = count_parses(monkeypatch)
    first = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert isinstance(first, ParseResult)
    assert parsed == [str(ideas)]
    ideas.write_text(text.replace("part 1 of project 4.", "part 1 of project 4, and more."))
    monkeypatch.setattr(_catalogs, "_cache", {})  # a new process
    spliced = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert parsed == [str(ideas)]
    whole = parse_catalog(ideas.read_text(encoding="utf-8"), source=str(ideas))
    assert spliced == whole
    _same_digests(spliced)
    # a line added: the projects below move; their digests with line numbers are taken
    # again, the others are kept
    ideas.write_text(text.replace("part 1 of project 4.", "part 1 of project 4.\n  More."))
    monkeypatch.setattr(_catalogs, "_cache", {})
    moved = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert parsed == [str(ideas)]
    assert moved == parse_catalog(ideas.read_text(encoding="utf-8"), source=str(ideas))
    _same_digests(moved)
    # an edit that cannot be spliced is parsed whole
    ideas.write_text(text.replace("## Project 5", "## Project 5\n\n### Idea 5.x"))
    monkeypatch.setattr(_catalogs, "_cache", {})
    _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert parsed == [str(ideas), str(ideas)]
    shutil.rmtree(tmp_path / "sphinxcontrib-ideas")


def _same_digests(result: object) -> None:
    """The digests kept for each project of ``result`` are those taken of it now."""
    assert isinstance(result, ParseResult)
    for project in result.catalog.projects:
        assert project_digests(project) == take_digests(project), project.name
