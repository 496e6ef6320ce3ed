"""Readings of sections kept from an earlier parse (issue 15): a parse that reuses them gives
the result of a parse without them, on every file, after any edit; an edit to one idea
reads that idea's section again and no other.

The expectation is always the same text parsed without anything kept, never written down.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _ideas_text import IDEAS_FILES as FILES
from _ideas_text import catalog_text

from sphinxcontrib_ideas import _catalogs
from sphinxcontrib_ideas.ideasfile import _classify, _fields, _units
from sphinxcontrib_ideas.ideasfile import parser as parser_module
from sphinxcontrib_ideas.ideasfile._blocks import PieceCache
from sphinxcontrib_ideas.ideasfile._memo import SectionMemo
from sphinxcontrib_ideas.ideasfile.model import ParseResult
from sphinxcontrib_ideas.ideasfile.options import ReadingOptions
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog


def _kept(text: str, **options: Any) -> dict[str, object]:
    """What a parse of ``text`` keeps for the next one."""
    pieces = PieceCache(sections=SectionMemo())
    parse_catalog(text, pieces=pieces, **options)
    assert pieces.sections is not None
    return pieces.sections.kept()


def _again(text: str, kept: dict[str, object], **options: Any) -> ParseResult:
    """``text`` parsed with the readings ``kept`` by an earlier parse."""
    return parse_catalog(text, pieces=PieceCache(sections=SectionMemo(kept)), **options)


def _edits(text: str, rng: random.Random) -> Iterator[str]:
    """The same text edited as authors do: a word, a line added, a line removed, a line
    moved, anywhere (line numbers below the edit all move)."""
    lines = text.split("\n")
    where = rng.randrange(len(lines))
    yield "\n".join([*lines[:where], lines[where] + " more", *lines[where + 1 :]])
    yield "\n".join([*lines[:where], "", "An added paragraph.", "", *lines[where:]])
    yield "\n".join([*lines[:where], *lines[where + 1 :]])
    other = rng.randrange(len(lines))
    moved = list(lines)
    moved.insert(other, moved.pop(where))
    yield "\n".join(moved)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_file_parses_the_same_with_the_readings_of_an_earlier_version(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    kept = _kept(text)
    assert _again(text, kept) == parse_catalog(text)  # unchanged: every reading reused
    rng = random.Random(path.name)
    for edited in _edits(text, rng):
        assert _again(edited, kept) == parse_catalog(edited)


def test_spliced_files_parse_the_same_after_random_edits() -> None:
    rng = random.Random(15)
    real = [line for path in FILES for line in path.read_text(errors="replace").split("\n")]
    differ = []
    for _ in range(300):
        start = rng.randrange(len(real))
        text = "\n".join(real[start : start + rng.randint(5, 120)])
        kept = _kept(text)
        differ += [
            edited for edited in _edits(text, rng) if _again(edited, kept) != parse_catalog(edited)
        ]
    assert differ == []


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many section bodies are read into units, and ideas into fields, from now on."""
    calls = {"units": 0, "fields": 0}

    def counted(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def count(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return count

    # the names the parser calls them by (imported into its modules)
    monkeypatch.setattr(_classify, "read_units", counted("units", _units.read_units))
    monkeypatch.setattr(parser_module, "read_fields", counted("fields", _fields.read_fields))
    return calls


@pytest.mark.parametrize(
    ("edit", "ideas_read"),
    [
        # a word of one description: that idea alone
        (lambda text: text.replace("part 1 of project 5.", "part 1 of project five."), 1),
        # a paragraph added: every later line moves, the later ideas are moved, not read
        (lambda text: text.replace("part 0 of project 3.", "part 0 of project 3.\n\n  More."), 1),
        # a line removed at the top: every idea moves up
        (lambda text: text.replace("# Program ideas\n", "", 1), 0),
        # a new idea between two: itself
        (
            lambda text: text.replace(
                "### Idea 7.1", "### Idea 7.0b\n\n- Description: New.\n\n### Idea 7.1"
            ),
            1,
        ),
    ],
    ids=["word", "paragraph", "top-line", "idea"],
)
def test_an_edit_reads_only_the_sections_it_changed(
    edit: Callable[[str], str], ideas_read: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = catalog_text(projects=12, ideas=3)
    kept = _kept(text)
    edited = edit(text)
    assert edited != text
    calls = _counting(monkeypatch)
    again = _again(edited, kept)
    assert calls == {"units": ideas_read, "fields": ideas_read}
    assert again == parse_catalog(edited)
    assert again.catalog != parse_catalog(text).catalog


def test_moved_sections_whose_fields_warn_are_read_again() -> None:
    # a mentor listed twice: the warning names the line of the first, so the idea's
    # fields are read again at their new place, not moved
    text = catalog_text(projects=3, ideas=2).replace(
        "- Mentors: Ann Lee (@ann2)", "- Mentors: Ann Lee (@ann2), Ann Lee (@ann2)", 1
    )
    kept = _kept(text)
    edited = "Intro line.\n\n" + text
    again = _again(edited, kept)
    assert again == parse_catalog(edited)
    [twice] = [d for d in again.diagnostics if "listed twice" in d.message]
    assert f"at line {twice.line})" in twice.message  # the new line, not the kept one


@pytest.mark.parametrize(
    "options",
    [
        {"skill_aliases": {"golang": "Go language"}},
        {"reading": ReadingOptions(labels=(("toolbox", "skills"),))},
    ],
    ids=["aliases", "labels"],
)
def test_readings_made_under_other_options_are_not_used(
    options: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = catalog_text(projects=4, ideas=2)
    kept = _kept(text)
    calls = _counting(monkeypatch)
    again = _again(text, kept, **options)
    assert calls["fields"] == 8  # every idea read again
    assert again == parse_catalog(text, **options)
    assert again != parse_catalog(text)


def test_a_new_link_reference_definition_reads_every_section_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = catalog_text(projects=2, ideas=2).replace("it works", "see [docs]")
    kept = _kept(text)
    edited = text + "\n\n[docs]: https://docs.example\n"
    calls = _counting(monkeypatch)
    again = _again(edited, kept)
    assert calls["fields"] == 4
    assert again == parse_catalog(edited)
    assert "https://docs.example" in again.catalog.projects[0].ideas[0].fields[0].value


def test_the_sphinx_layer_keeps_the_readings_on_disk_between_builds(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ideas = tmp_path / "ideas.md"
    shutil.copy(seed_path, ideas)
    cache_dir = str(tmp_path / "doctrees")
    monkeypatch.setattr(_catalogs, "_cache", {})
    first = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=cache_dir)
    assert isinstance(first, ParseResult)

    text = ideas.read_text(encoding="utf-8")
    at = text.index("- Description:", len(text) // 2) + len("- Description:")
    ideas.write_text(text[:at] + " Edited." + text[at:], encoding="utf-8")
    monkeypatch.setattr(_catalogs, "_cache", {})  # a new process
    # an edit the splice of test_splice.py cannot take: the whole file is parsed
    monkeypatch.setattr(_catalogs, "_spliced", lambda *args: None)
    calls = _counting(monkeypatch)
    again = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=cache_dir)
    assert calls == {"units": 1, "fields": 1}
    assert again == parse_catalog(ideas.read_text(encoding="utf-8"), source=str(ideas))

    # another version of the code does not use them
    monkeypatch.setattr(_catalogs, "_cache", {})
    monkeypatch.setattr(_catalogs, "code_stamp", lambda: (1, 2, 3))
    calls.update(units=0, fields=0)
    _catalogs.load(str(ideas), skill_aliases={}, cache_dir=cache_dir)
    assert calls["fields"] == first.catalog.idea_count
