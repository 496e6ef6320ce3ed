"""Build ``docs/`` once per test session, shared by the docs and the browser tests.

Data flow: ``docs/`` --(``sphinx-build -W --keep-going``, as Read the Docs runs it, in a
subprocess)--> ``<session tmp>/docs-<builder>/<builder>``. The first test module that asks
for a builder's output builds it; later ones (in any module) reuse it, since the docs'
HTML is the slowest thing both ``test_docs.py`` and ``test_browser.py`` need.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
_DONE = ".built"


def run_sphinx(builder: str, out: Path, *, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -W --keep-going`` as Read the Docs runs it, doctrees in ``out``."""
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", *(["-q"] if quiet else [])]
    cmd += ["-b", builder, "-d", str(out / ".doctrees"), str(DOCS), str(out / builder)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)


def built_docs(factory: pytest.TempPathFactory, builder: str) -> Path:
    """The output folder of ``builder`` for ``docs/``, built once per session.

    Fails with Sphinx's own output when the build fails or warns.
    """
    out = factory.getbasetemp() / f"docs-{builder}"
    if not (out / _DONE).is_file():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        result = run_sphinx(builder, out)
        assert result.returncode == 0, f"{builder} build failed:\n{result.stderr}"
        assert result.stderr.strip() == "", f"{builder} build warned:\n{result.stderr}"
        (out / _DONE).touch()
    return out / builder
