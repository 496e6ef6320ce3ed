"""The package's layout: the ideas-file reader stays usable without Sphinx."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import sphinxcontrib_ideas.ideasfile

READER = Path(sphinxcontrib_ideas.ideasfile.__file__).parent
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
