"""The parse cache the Sphinx layer keeps outside the environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _sphinx_sites import count_parses

import sphinxcontrib_ideas
from sphinxcontrib_ideas import _catalogs
from sphinxcontrib_ideas.ideasfile.model import ParseResult


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
