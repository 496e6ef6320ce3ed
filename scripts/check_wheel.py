"""The wheel is what we test: build it, install it in a clean environment, build a site.

Data flow: this checkout --(``python -m build``)--> a wheel and an sdist in a temporary
folder, both passing ``twine check`` --> the wheel's file
list checked (stylesheet, script, message catalogs, schema, sample and its CC BY notice)
--> a new virtual environment with only the wheel and its dependencies (from the package
index, as ``make test`` installs them) --> ``sphinx-ideas sample`` and a ``sphinx-build -W``
of a one-page site hosting the sample, in German too (the message catalogs) --> the
output checked. ``make test`` runs it; it prints what it checked and exits 1 on a problem.

Usage::

    python scripts/check_wheel.py [--keep]     # --keep: leave the temporary folder
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Files the wheel must carry, besides the modules.
PACKAGE_DATA = (
    "sphinxcontrib_ideas/static/ideas.css",
    "sphinxcontrib_ideas/static/ideas.js",
    "sphinxcontrib_ideas/locale/de/LC_MESSAGES/sphinxcontrib_ideas.mo",
    "sphinxcontrib_ideas/locale/es/LC_MESSAGES/sphinxcontrib_ideas.mo",
    "sphinxcontrib_ideas/schema/ideas-export.schema.json",
    "sphinxcontrib_ideas/data/cncf-lfx-2021-spring-ideas.md",
    "sphinxcontrib_ideas/data/README.md",
    "sphinxcontrib_ideas/py.typed",
)
CONF = 'extensions = ["sphinxcontrib_ideas"]\nproject = "Wheel check"\n'
INDEX = "Ideas\n=====\n\n.. ideas-catalog:: ideas.md\n"


def run(*command: str | Path, cwd: Path | None = None) -> str:
    """Run a command; on failure print its output and stop with status 1."""
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
        sys.exit(f"check_wheel: failed: {' '.join(map(str, command))}")
    return done.stdout + done.stderr


def check(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"check_wheel: {what}")
    print(f"ok: {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ideas-wheel-"))
    try:
        run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", work, ROOT)
        (wheel,) = work.glob("sphinxcontrib_ideas-*.whl")
        (sdist,) = work.glob("sphinxcontrib_ideas-*.tar.gz")
        run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist)
        print("ok: twine check passes on the wheel and the sdist")
        names = set(zipfile.ZipFile(wheel).namelist())
        for name in PACKAGE_DATA:
            check(name in names, f"the wheel holds {name}")
        env = work / "venv"
        venv.create(env, with_pip=True)
        python = env / "bin" / "python"
        run(python, "-m", "pip", "install", "--quiet", wheel)
        site = work / "site"
        site.mkdir()
        (site / "conf.py").write_text(CONF, encoding="utf-8")
        (site / "index.rst").write_text(INDEX, encoding="utf-8")
        run(env / "bin" / "sphinx-ideas", "sample", "-o", site / "ideas.md")
        notice = (site / "ideas.md").read_text(encoding="utf-8")
        check(len(notice) > 10_000, "sphinx-ideas sample writes the bundled sample")
        for language in ("en", "de"):
            out = work / f"html-{language}"
            log = run(
                env / "bin" / "sphinx-build",
                "-W",
                "-q",
                "-b",
                "html",
                "-D",
                f"language={language}",
                site,
                out,
            )
            check(
                "WARNING" not in log, f"a site from the wheel builds without warnings ({language})"
            )
            check(
                (out / "_static" / "ideas.css").is_file(), f"the stylesheet is copied ({language})"
            )
            check((out / "_static" / "ideas.js").is_file(), f"the script is copied ({language})")
            check(
                (out / "ideas" / "kubernetes.html").is_file(), f"project pages exist ({language})"
            )
            check((out / "ideas.json").is_file(), f"ideas.json is written ({language})")
        german = (work / "html-de" / "ideas" / "skills.html").read_text(encoding="utf-8")
        check("Kenntnisverzeichnis" in german, "the German message catalog is used")
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
