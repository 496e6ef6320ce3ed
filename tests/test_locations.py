"""What is made from the ideas file points at the ideas file: link checks, message catalogs,
translations.

Data flow: the ideas file's titles, issue links and mentor profiles become nodes that carry
the ideas file as their source and the line they come from --> ``linkcheck`` reports a
broken link at that line, ``gettext`` extracts the titles with that location, and a
translated title replaces the original in a translated build. Offline: every link points
at a local port where nothing listens, so each check fails at once.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
import sphinx.locale
from _sphinx_sites import MakeApp, build, make_site, rebuild, warnings

DEAD = "http://127.0.0.1:9"  # the discard port: nothing listens, a check fails at once
IDEAS = f"""# Ideas

## Alpha

### Faster import

- Description: Import in half the time.
- Recommended Skills: Python
- Mentor(s): Ann Example (@ann-example)
- Upstream Issue (URL): {DEAD}/alpha/issues/1

### Better docs

- Description: Write the docs.
- Recommended Skills: Markdown
- Mentor(s): Bo Example (@bo-example)
- Upstream Issue (URL): {DEAD}/alpha/issues/2
"""


def _site(tmp_path: Path, host: str) -> tuple[Path, list[str]]:
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(IDEAS, encoding="utf-8")
    # the root's other page refers to the sample's ideas, which this file does not have
    for refs in srcdir.glob("refs.*"):
        head = "Refs\n====\n" if refs.suffix == ".rst" else "# Refs\n"
        refs.write_text(head + "\nNone here.\n", encoding="utf-8")
    # profiles point at the dead port too (the links are GitHub's otherwise)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("linkcheck_timeout = 2\nlinkcheck_retries = 1\n")
    return srcdir, IDEAS.split("\n")


def _line(lines: list[str], text: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if line == text)


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_linkcheck_reports_issue_links_at_their_idea_line(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir, lines = _site(tmp_path, host)
    # only the dead port is checked: GitHub profiles are out of reach here
    overrides = {"linkcheck_ignore": [r"https://github\.com/.*"]}
    app = build(make_app, srcdir, "linkcheck", confoverrides=overrides)
    found = [json.loads(line) for line in (Path(app.outdir) / "output.json").open()]
    issues = {r["uri"]: r for r in found if r["uri"].startswith(DEAD)}
    assert set(issues) == {f"{DEAD}/alpha/issues/1", f"{DEAD}/alpha/issues/2"}
    assert all(r["status"] == "broken" for r in issues.values())
    # the line of the idea in ideas.md, not of the generated page's directive
    assert issues[f"{DEAD}/alpha/issues/1"]["lineno"] == _line(lines, "### Faster import")
    assert issues[f"{DEAD}/alpha/issues/2"]["lineno"] == _line(lines, "### Better docs")
    # and the linkcheck output folder gets no ideas.json
    assert not (Path(app.outdir) / "ideas.json").exists()


def test_mentor_profiles_in_the_index_carry_their_first_idea_line(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir, lines = _site(tmp_path, "catalog-rst")
    overrides = {"linkcheck_ignore": [re.escape(DEAD) + ".*"], "linkcheck_anchors": False}
    # GitHub is out of reach: profiles come back broken, which is all this test needs
    app = build(make_app, srcdir, "linkcheck", confoverrides=overrides)
    found = [json.loads(line) for line in (Path(app.outdir) / "output.json").open()]
    profiles = [r for r in found if r["uri"] == "https://github.com/ann-example"]
    assert profiles
    assert {r["lineno"] for r in profiles} == {_line(lines, "### Faster import")}


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_gettext_extracts_titles_with_their_ideas_file_lines(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir, lines = _site(tmp_path, host)
    app = build(make_app, srcdir, "gettext")
    assert warnings(app) == []
    pot = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.pot"))
    for title in ("Faster import", "Better docs", "Alpha"):
        block = pot[: pot.index(f'msgid "{title}"')].rsplit("\n\n", 1)[-1]
        line = _line(lines, next(t for t in lines if t.lstrip("# ") == title))
        assert f"ideas.md:{line}" in block, (title, block)
    assert not (Path(app.outdir) / "ideas.json").exists()


def _german(srcdir: Path, title: str, *, compact: bool = True) -> None:
    """A German message catalog for the generated pages (one for the folder, as
    ``gettext_compact`` has it by default, or the project page's own), translating one
    title and one description."""
    po = srcdir / "locale" / "de" / "LC_MESSAGES" / ("ideas.po" if compact else "ideas/alpha.po")
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Faster import"\nmsgstr "{title}"\n\n'
        'msgid "Import in half the time."\nmsgstr "Import in der halben Zeit."\n',
        encoding="utf-8",
    )


GERMAN = {"language": "de", "locale_dirs": ["locale"]}


@pytest.mark.parametrize("compact", [True, False])
@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_changed_translation_reaches_the_lists(
    make_app: MakeApp, tmp_path: Path, host: str, compact: bool
) -> None:
    """An incremental build after a translation changed: the pages that list the idea,
    which are not read again, are written again with the new title."""
    srcdir, _lines = _site(tmp_path, host)
    german = {**GERMAN, "gettext_compact": compact}
    _german(srcdir, "Schnellerer Import", compact=compact)
    build(make_app, srcdir, confoverrides=german)
    _german(srcdir, "Rascher Import", compact=compact)
    # as a new sphinx-build process would: Python's gettext and Sphinx keep a message
    # catalog once loaded, and the project page would be translated with the old one
    gettext._translations.clear()  # type: ignore[attr-defined]
    sphinx.locale.translators.pop(("general", "ideas"), None)
    app, read = rebuild(make_app, srcdir, confoverrides=german)
    assert "index" not in read  # written again, not read
    assert warnings(app) == []
    for listing in ("index.html", "ideas/skills.html", "ideas/mentors.html", "ideas/alpha.html"):
        html = (Path(app.outdir) / listing).read_text(encoding="utf-8")
        assert ">Rascher Import<" in html, listing
        assert "Schnellerer" not in html, listing


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_translated_title_is_used(make_app: MakeApp, tmp_path: Path, host: str) -> None:
    srcdir, _lines = _site(tmp_path, host)
    _german(srcdir, "Schnellerer Import")
    app = build(make_app, srcdir, confoverrides=GERMAN)
    assert warnings(app) == []
    page = (Path(app.outdir) / "ideas" / "alpha.html").read_text(encoding="utf-8")
    assert "Schnellerer Import" in page
    assert "Import in der halben Zeit." in page
    # and where other pages list the idea: the catalog page and both indices
    for listing in ("index.html", "ideas/skills.html", "ideas/mentors.html"):
        html = (Path(app.outdir) / listing).read_text(encoding="utf-8")
        assert ">Schnellerer Import<" in html, listing
        assert ">Faster import<" not in html, listing
        assert ">Better docs<" in html, listing  # no translation: the file's title
