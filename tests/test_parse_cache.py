"""The parse cache the Sphinx layer keeps outside the environment."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from _sphinx_sites import count_parses

import sphinxcontrib_ideas
from sphinxcontrib_ideas import _catalogs
from sphinxcontrib_ideas.ideasfile._blocks import Block, Heading, PieceCache
from sphinxcontrib_ideas.ideasfile.model import ParseResult
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog


def test_a_result_on_disk_is_used_only_by_the_same_code(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ideas = tmp_path / "ideas.md"
    shutil.copy(seed_path, ideas)
    parsed = count_parses(monkeypatch)
    monkeypatch.setattr(_catalogs, "_cache", {})
    first = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert isinstance(first, ParseResult)
    assert parsed == [str(ideas)]

    monkeypatch.setattr(_catalogs, "_cache", {})  # a new process
    again = _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert again == first
    assert parsed == [str(ideas)]

    # another version of any module of the package (the parser spans many) parses again
    monkeypatch.setattr(_catalogs, "_cache", {})
    monkeypatch.setattr(_catalogs, "code_stamp", lambda: (1, 2, 3))
    _catalogs.load(str(ideas), skill_aliases={}, cache_dir=str(tmp_path))
    assert parsed == [str(ideas), str(ideas)]


def test_the_code_stamp_covers_every_module_of_the_package() -> None:
    package = Path(sphinxcontrib_ideas.__file__).parent
    modules = sorted(package.rglob("*.py"))
    names = {m.relative_to(package).as_posix() for m in modules}
    assert {"ideasfile/parser.py", "ideasfile/_mentors.py", "_catalogs.py"} <= names
    assert _catalogs.code_stamp() == tuple(m.stat().st_mtime_ns for m in modules)


def test_what_is_kept_on_disk_pickles_as_calls_of_its_classes_and_comes_back_equal(
    seed_path: Path,
) -> None:
    """The model's records, and the tokenised pieces, are pickled as a call of their class
    with their fields (twice as fast both ways as the default for slotted classes)."""
    pieces = PieceCache()
    result = parse_catalog(seed_path.read_text(encoding="utf-8"), pieces=pieces)
    protocol = pickle.HIGHEST_PROTOCOL
    assert pickle.loads(pickle.dumps(result, protocol)) == result
    assert pickle.loads(pickle.dumps(pieces.used, protocol)) == pieces.used
    project = next(p for p in result.catalog.projects if p.ideas)
    idea = next(i for p in result.catalog.projects for i in p.ideas if i.skills and i.mentors)
    piece = next(p for p in pieces.used.values() if any(isinstance(i, Block) for i in p.items))
    block = next(i for i in piece.items if isinstance(i, Block))
    heading = next(i for p in pieces.used.values() for i in p.items if isinstance(i, Heading))
    records = [result, result.catalog, project, idea, idea.skills[0], idea.mentors[0]]
    records += [result.spans[0], piece, block, heading]
    records += [f for p in result.catalog.projects for i in p.ideas for f in i.fields][:1]
    if result.diagnostics:
        records.append(result.diagnostics[0])
    assert {type(record).__name__ for record in records} >= {"Idea", "Skill", "Mentor", "Piece"}
    for record in records:
        reduced: tuple[Any, ...] = record.__reduce_ex__(protocol)  # type: ignore[assignment]
        function, arguments = reduced[:2]
        assert function is type(record)
        assert function(*arguments) == record
