"""The package's layout: the ideas-file reader stays usable without Sphinx."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import sphinxcontrib_ideas.ideasfile

READER = Path(sphinxcontrib_ideas.ideasfile.__file__).parent
PACKAGE = READER.parent
#: Top-level packages of the Sphinx layer that the reader must never import.
SPHINX_SIDE = {"sphinx", "docutils", "myst_parser"}


def _imported_names(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a module; relative ones keep their dots."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def test_no_reader_module_imports_sphinx_or_the_sphinx_layer() -> None:
    modules = sorted(READER.glob("*.py"))
    assert {"parser.py", "model.py", "_blocks.py"} <= {m.name for m in modules}
    wrong = [
        f"{path.name}:{line}: {name}"
        for path in modules
        for line, name in _imported_names(path)
        if name.split(".")[0] in SPHINX_SIDE
        or name.startswith("..")  # the Sphinx layer is the parent package
        or (name.startswith("sphinxcontrib_ideas") and ".ideasfile" not in name)
    ]
    assert wrong == []


def test_reading_a_file_loads_no_sphinx_module(tmp_path: Path) -> None:
    ideas = tmp_path / "ideas.md"
    ideas.write_text("### Proj\n\n#### Idea\n\n- Description: text\n- Mentor(s): Ann\n", "utf-8")
    script = (
        "import sys\n"
        "from sphinxcontrib_ideas.ideasfile import load_catalog\n"
        "from sphinxcontrib_ideas.ideasfile import export, lint, normalize\n"
        f"result = load_catalog({str(ideas)!r})\n"
        "assert [i.title for p in result.catalog.projects for i in p.ideas] == ['Idea']\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        f"set({sorted(SPHINX_SIDE)!r})))\n"
    )
    # the same copy of the package as this test run imports, wherever it is installed
    env = {**os.environ, "PYTHONPATH": str(READER.parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"


def _declared_distributions() -> set[str]:
    """Normalised names of the distributions ``pyproject.toml`` depends on."""
    data = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    names = {
        re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0] for spec in data["project"]["dependencies"]
    }
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


def _third_party_imports() -> dict[str, list[str]]:
    """Top-level module -> the package modules importing it, outside the standard library."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for _line, name in _imported_names(path):
            top = name.split(".")[0]
            if top and top not in sys.stdlib_module_names and top != PACKAGE.name:
                found.setdefault(top, []).append(path.relative_to(PACKAGE.parent).as_posix())
    return found


def test_every_third_party_import_of_the_package_is_a_declared_dependency() -> None:
    """An import that only works because another dependency brings its package fails here."""
    providers = importlib.metadata.packages_distributions()
    declared = _declared_distributions()
    undeclared = {
        module: where
        for module, where in _third_party_imports().items()
        if not {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(module, [module])}
        & declared
    }
    assert undeclared == {}
    assert {"sphinx", "docutils", "myst-parser", "markdown-it-py", "google-re2"} <= declared


def test_the_floor_run_pins_every_declared_floor() -> None:
    """``make test-min`` runs on constraints/min.txt: it must pin each floor pyproject claims."""
    sys.path.insert(0, str(PACKAGE.parent / "scripts"))
    try:
        import check_floor
    finally:
        sys.path.pop(0)
    floors = check_floor.read_floors()
    pins = check_floor.read_pins(PACKAGE.parent / "constraints" / "min.txt")
    assert {"sphinx", "docutils", "myst-parser", "markdown-it-py"} <= set(floors)
    off = {
        n: (f, pins.get(n))
        for n, f in floors.items()
        if not check_floor.same_line(f, pins.get(n, ""))
    }
    assert off == {}
    # the check itself: a pin of another release line is caught
    assert not check_floor.same_line("8.1", "8.2.0")
    assert check_floor.same_line("8.1", "8.1.3")
