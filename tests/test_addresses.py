"""Mentors' e-mail addresses stay out of everything published unless shown on purpose.

With ``ideas_show_emails = False`` (the default) and ``sphinx-ideas export --no-emails``,
an address quoted by a diagnostic (a duplicate mentor, a malformed address) is hidden in
the build log and in ``ideas.json``; a misspelt Mentors label is read as mentors, so its
address is not published as an extra field. ``sphinx-ideas check`` (read by the
maintainer, not published) keeps them, to say what to fix.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from _sphinx_sites import MakeApp, build, make_site, read_inventory, warnings

from sphinxcontrib_ideas.ideasfile._sanitize import HIDDEN_ADDRESS, redact_addresses

HIDDEN = "<e-mail address>"
IDEAS = """## Alpha

### Faster import

- Description: Make import faster.
- Skills: Python
- Mentors: Ann Lee (@ann-lee, ann.lee@example.org), Ann Lee <ann.lee@example.org>
- Mentros: fay@example.org

### Better docs

- Description: Write the tutorial.
- Skills: Sphinx
- Mentors: Bo Chen <bo.chen@>
"""
ADDRESSES = ("ann.lee@example.org", "fay@example.org", "bo.chen@")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mentor 'Ann <ann@example.org>' is listed twice",
            f"mentor 'Ann <{HIDDEN}>' is listed twice",
        ),
        ("e-mail address 'hello@' is malformed", f"e-mail address '{HIDDEN}' is malformed"),
        ("Ann (@ann) and @bo", "Ann (@ann) and @bo"),
        ("write to cy (at) lab (dot) edu", f"write to {HIDDEN}"),
        ("ann [at] example.org", HIDDEN),
        ("ann at example.org", HIDDEN),
        ("we meet at noon. Then lunch", "we meet at noon. Then lunch"),
        ("[Bo](mailto:bo@example.org)", f"[Bo](mailto:{HIDDEN})"),
    ],
)
def test_redact_addresses(text: str, expected: str) -> None:
    assert HIDDEN_ADDRESS == HIDDEN
    assert redact_addresses(text) == expected


def export(tmp_path: Path, *flags: str) -> dict[str, object]:
    (tmp_path / "ideas.md").write_text(IDEAS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_ideas", "export", *flags, "ideas.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    document: dict[str, object] = json.loads(done.stdout)
    return document


def test_export_without_emails_hides_them_in_diagnostics_too(tmp_path: Path) -> None:
    hidden = json.dumps(export(tmp_path, "--no-emails"))
    assert not [address for address in ADDRESSES if address in hidden]
    assert HIDDEN in hidden
    shown = json.dumps(export(tmp_path))
    assert "ann.lee@example.org" in shown


def test_a_misspelt_mentors_label_is_read_as_mentors(tmp_path: Path) -> None:
    document: Any = export(tmp_path)
    (catalog,) = document["catalogs"]
    idea = catalog["projects"][0]["ideas"][0]
    assert "fay@example.org" in [m["email"] for m in idea["mentors"]]
    assert idea["fields"] == []


def test_check_keeps_the_addresses_for_the_maintainer(tmp_path: Path) -> None:
    (tmp_path / "ideas.md").write_text(IDEAS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_ideas", "check", "ideas.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "'bo.chen@' is malformed" in done.stdout


def inventory_text(path: Path) -> str:
    """Every name, display name and URI in an ``objects.inv`` (it is compressed)."""
    return "\n".join(
        f"{name} {display} {uri}"
        for items in read_inventory(path).values()
        for name, (uri, display) in items.items()
    )


@pytest.mark.parametrize("host", ["reading-rst", "reading-myst"])
@pytest.mark.parametrize("show", [False, True])
def test_a_build_publishes_no_address_unless_told_to(
    make_app: MakeApp, tmp_path: Path, host: str, show: bool
) -> None:
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(IDEAS, encoding="utf-8")
    app = build(make_app, srcdir, confoverrides={"ideas_show_emails": show})
    log = "\n".join(warnings(app))
    assert "listed twice" in log
    assert "is malformed" in log
    outdir = Path(app.outdir)
    published = {
        "log": log,
        "ideas.json": (outdir / "ideas.json").read_text(encoding="utf-8"),
        "page": (outdir / "ideas" / "alpha.html").read_text(encoding="utf-8"),
        "objects.inv": inventory_text(outdir / "objects.inv"),
    }
    for where, text in published.items():
        found = [address for address in ADDRESSES if address in text]
        if show:
            continue
        assert found == [], where
    if show:
        assert "ann.lee@example.org" in published["log"]
        assert "ann.lee@example.org" in published["ideas.json"]


@pytest.mark.parametrize("host", ["reading-rst", "reading-myst"])
def test_handle_only_and_address_only_mentors_are_shown_once_and_safely(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    text = (
        "## Alpha\n\n### One\n\n- Description: d\n- Skills: Go\n"
        "- Mentors: @ann-ex, zed.q@example.org\n"
    )
    (srcdir / "ideas.md").write_text(text, encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    page = (outdir / "ideas" / "alpha.html").read_text(encoding="utf-8")
    visible = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "@ann-ex (GitHub" in visible
    assert "ann-ex (@ann-ex)" not in visible
    for where in (page, inventory_text(outdir / "objects.inv")):
        assert "zed" not in where
    assert "Mentor " in visible


ELSEWHERE = """## Alpha

Write to alpha-team@example.org before you apply.

### Faster import

- Description: Ask [the list](mailto:list@example.org) or <dev@example.org>, or
  write to cy.dale@example.org directly.
- Skills: Go, contact skills@example.org
- Mentors: @ann-ex
"""
ELSEWHERE_ADDRESSES = (
    "alpha-team@example.org",
    "list@example.org",
    "dev@example.org",
    "cy.dale@example.org",
    "skills@example.org",
)


@pytest.mark.parametrize("host", ["reading-rst", "reading-myst"])
@pytest.mark.parametrize("show", [False, True])
def test_addresses_in_descriptions_and_skills_are_hidden_by_default(
    make_app: MakeApp, tmp_path: Path, host: str, show: bool
) -> None:
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(ELSEWHERE, encoding="utf-8")
    app = build(make_app, srcdir, confoverrides={"ideas_show_emails": show})
    assert warnings(app) == []
    outdir = Path(app.outdir)
    page = (outdir / "ideas" / "alpha.html").read_text(encoding="utf-8")
    published = {
        "page": page,
        "ideas.json": (outdir / "ideas.json").read_text(encoding="utf-8"),
        "objects.inv": inventory_text(outdir / "objects.inv"),
        "search": (outdir / "searchindex.js").read_text(encoding="utf-8"),
    }
    leaked = {w: [a for a in ELSEWHERE_ADDRESSES if a in t] for w, t in published.items()}
    if show:
        assert "cy.dale@example.org" in html.unescape(page)
        # Sphinx writes the address of a mailto: link percent-encoded
        assert 'href="mailto:list@example.org"' in unquote(html.unescape(page))
    else:
        assert leaked == {w: [] for w in published}
        visible = html.unescape(re.sub(r"<[^>]+>", "", page))
        assert "Ask the list or <e-mail address>" in " ".join(visible.split())
    assert "skills@example.org" not in published["objects.inv"]  # never a skill
