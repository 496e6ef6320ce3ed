"""The skills and mentor indices scale: the skills most asked for first, a bar of initial
letters, and a heading per letter (rubrics, so the table of contents stays the same).

Expectations are computed from the sample through the reader, not from the pages."""

from __future__ import annotations

import collections
import html as html_module
import re
import unicodedata
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas.ideasfile.model import Catalog
from sphinxcontrib_ideas.ideasfile.reader import load_catalog


@pytest.fixture(scope="module")
def catalog(seed_path: Path) -> Catalog:
    return load_catalog(seed_path).catalog


def _initial(label: str) -> str:
    first = unicodedata.normalize("NFKD", label.lstrip("@")).encode("ascii", "ignore")[:1]
    return first.decode().upper() if first.isalpha() else "#"


def _skill_counts(catalog: Catalog) -> collections.Counter[str]:
    """Canonical skill name -> how many ideas ask for it."""
    return collections.Counter(
        name for _p, idea in catalog.iter_ideas() for name in {s.name for s in idea.skills}
    )


def _mentor_labels(catalog: Catalog) -> set[str]:
    labels = set()
    for _p, idea in catalog.iter_ideas():
        for m in idea.mentors:
            labels.add(f"@{m.github}" if m.github and m.github == m.name else m.name)
    return labels


def _letters(html: str) -> list[str]:
    bar = re.search(r'<p class="ideas-letter-bar">(.*?)</p>', html, re.DOTALL)
    assert bar is not None
    return re.findall(r">([A-Z#])</a>", bar.group(1))


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_long_indices_have_letters_and_the_most_requested_skills(
    make_app: MakeApp, tmp_path: Path, host: str, catalog: Catalog
) -> None:
    app = build(make_app, make_site(tmp_path, host))
    assert warnings(app) == []
    outdir = Path(app.outdir)
    counts = _skill_counts(catalog)
    kinds = {"skills": set(counts), "mentors": _mentor_labels(catalog)}
    for kind, names in kinds.items():
        html = (outdir / "ideas" / f"{kind}.html").read_text(encoding="utf-8")
        initials = sorted({_initial(n) for n in names}, key=lambda c: (c == "#", c))
        assert _letters(html) == initials, kind
        # each letter's heading, then the entries filed under it
        body = html.split('class="ideas-letter-bar"', 1)[1]
        parts = re.split(r'<p class="[^"]*\bideas-letter\b[^"]*"', body)[1:]
        for letter, part in zip(initials, parts, strict=True):
            headings = re.findall(
                r'class="ideas-index-heading"><strong>(?:<a[^>]*>)?([^<]+)<', part
            )
            assert headings, (kind, letter)
            assert {_initial(html_module.unescape(h)) for h in headings} == {letter}, (
                kind,
                letter,
                headings,
            )
    # the skills most asked for, with their counts, in that order
    skills = (outdir / "ideas" / "skills.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="ideas-most-requested">(.*?)</p>', skills, re.DOTALL)
    assert line is not None
    shown = re.findall(r'<span class="xref ideas">([^<]+)</span></a> \((\d+)\)', line.group(1))
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:10]
    assert [(name, int(n)) for name, n in shown] == expected


def test_the_text_builder_files_entries_under_letters(
    make_app: MakeApp, tmp_path: Path, catalog: Catalog
) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-rst"), "text")
    assert warnings(app) == []
    text = (Path(app.outdir) / "ideas" / "mentors.txt").read_text(encoding="utf-8")
    headings = {line.strip("-[] ") for line in text.splitlines()}  # a rubric: "-[ A ]-"
    for letter in {_initial(n) for n in _mentor_labels(catalog)}:
        assert letter in headings, letter
