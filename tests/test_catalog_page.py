"""The catalog page answers "which idea fits me, and who mentors it?": each idea's line
shows its skills and mentors, linked to their index entries, in every builder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

from sphinxcontrib_ideas.ideasfile.model import Catalog
from sphinxcontrib_ideas.ideasfile.reader import load_catalog


@pytest.fixture(scope="module")
def seed_catalog(seed_path: Path) -> Catalog:
    return load_catalog(seed_path).catalog


def _label(mentor_name: str, github: str | None) -> str:
    return f"@{github}" if github and github == mentor_name else mentor_name


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_each_idea_line_links_its_skills_and_mentors(
    make_app: MakeApp, tmp_path: Path, host: str, seed_catalog: Catalog
) -> None:
    app = build(make_app, make_site(tmp_path, host))
    assert warnings(app) == []
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>(<p><a [^>]*href=\"ideas/[^\"]*#idea-.*?)</li>", page, re.DOTALL)
    assert len(items) == seed_catalog.idea_count
    for project, idea in seed_catalog.iter_ideas():
        (item,) = [i for i in items if f'#idea-{project.slug}-{idea.slug}"' in i]
        linked_skills = re.findall(r'href="ideas/skills\.html#ideas-skill-([^"]+)"', item)
        linked_mentors = re.findall(r'href="ideas/mentors\.html#ideas-mentor-([^"]+)"', item)
        assert linked_skills == [s.slug for s in idea.skills], idea.title
        assert linked_mentors == [m.slug for m in idea.mentors], idea.title


def test_the_text_builder_shows_them_too(
    make_app: MakeApp, tmp_path: Path, seed_catalog: Catalog
) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-rst"), "text")
    assert warnings(app) == []
    # (the text builder marks links as *emphasis*, and wraps lines after a hyphen)
    raw = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8").replace("*", "")
    text = " ".join(re.sub(r"-\n\s*", "-", raw).split())
    for _project, idea in seed_catalog.iter_ideas():
        if not idea.skills or not idea.mentors:
            continue
        skills = ", ".join(s.raw or s.name for s in idea.skills)
        mentors = ", ".join(_label(m.name, m.github) for m in idea.mentors)
        expected = " ".join(f"{idea.title} — {skills} · {mentors}".split())
        assert expected in text, expected
