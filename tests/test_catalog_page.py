"""The catalog page answers "which idea fits me, and who mentors it?": each idea's line
shows its skills and mentors, linked to their index entries, in every builder."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, rebuild, warnings

from sphinxcontrib_ideas.ideasfile.model import Catalog, Skill
from sphinxcontrib_ideas.ideasfile.reader import load_catalog


@pytest.fixture(scope="module")
def seed_catalog(seed_path: Path) -> Catalog:
    return load_catalog(seed_path).catalog


def _chip(skill: Skill) -> str:
    """A skill chip's text: the canonical name, then its qualifiers in parentheses."""
    qualifiers = ", ".join(q for q in (skill.level, skill.note) if q)
    return f"{skill.name} ({qualifiers})" if qualifiers else skill.name


def _label(mentor_name: str, github: str | None) -> str:
    return f"@{github}" if github and github == mentor_name else mentor_name


def _idea_items(page: str) -> list[str]:
    """The catalog page's idea lines (an idea's link, then its facts)."""
    return re.findall(r"<li>(<p><a [^>]*href=\"ideas/[^\"]*#idea-.*?)</li>", page, re.DOTALL)


def _chip_keys(item: str, kind: str) -> list[str]:
    """The keys of an idea line's chips of ``kind``, as the script reads them: the key,
    else the name in lower case with each run of other characters one dash."""
    chips = re.findall(rf'<span class="ideas-{kind}"(?: data-k="([^"]+)")?>([^<]*)', item)
    return [
        key or re.sub(r"[^a-z0-9]+", "-", html.unescape(name).lower()).strip("-")
        for key, name in chips
    ]


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
@pytest.mark.parametrize(("builder", "index"), [("html", "index.html"), ("dirhtml", "index.html")])
def test_each_idea_line_names_its_skills_and_mentors_for_the_script_to_link(
    make_app: MakeApp, tmp_path: Path, host: str, builder: str, index: str, seed_catalog: Catalog
) -> None:
    """In HTML pages the chips are text with their keys, and the page says where the
    index pages are: the script makes each chip a link to its entry, which exists."""
    app = build(make_app, make_site(tmp_path, host), builder)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    page = (outdir / index).read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/json" class="ideas-chip-links">(.*?)</script>', page
    )
    assert found is not None
    pages = json.loads(found.group(1))
    targets = {
        kind: (outdir / uri / "index.html" if uri.endswith("/") else outdir / uri).read_text(
            encoding="utf-8"
        )
        for kind, uri in pages.items()
    }
    items = _idea_items(page)
    assert len(items) == seed_catalog.idea_count
    for project, idea in seed_catalog.iter_ideas():
        (item,) = [i for i in items if f'#idea-{project.slug}-{idea.slug}"' in i]
        skills, mentors = _chip_keys(item, "skill"), _chip_keys(item, "mentor")
        assert skills == [s.slug for s in idea.skills], idea.title
        assert mentors == [m.slug for m in idea.mentors], idea.title
        assert "href" not in item.split("ideas-overview-facts", 1)[-1]  # no link in the facts
        for kind, keys in (("skill", skills), ("mentor", mentors)):
            for key in keys:
                assert f'id="ideas-{kind}-{key}"' in targets[kind], key


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
@pytest.mark.parametrize(
    ("builder", "output"), [("singlehtml", "index.html"), ("epub", "index.xhtml")]
)
def test_one_page_and_epub_link_every_chip_themselves(
    make_app: MakeApp, tmp_path: Path, host: str, builder: str, output: str, seed_catalog: Catalog
) -> None:
    """No script to rely on (an epub reader) or one page holding every index: the links
    are made when the page is written."""
    app = build(make_app, make_site(tmp_path, host), builder)
    assert warnings(app) == []
    page = (Path(app.outdir) / output).read_text(encoding="utf-8")
    assert 'class="ideas-skill">' not in page
    assert "data-k=" not in page
    assert "ideas-chip-links" not in page
    skills = sum(len(idea.skills) for _p, idea in seed_catalog.iter_ideas())
    # each idea's chips, and each skill's chips on its project page in one page
    assert len(re.findall(r'<a class="ideas-skill reference internal" href="', page)) >= skills


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_the_catalog_page_weighs_little_more_than_a_list_of_titles(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """Issue 13's budget: the facts after each title (skills, mentors, size) add at most
    about 300 bytes per idea to a plain list of linked titles."""
    app = build(make_app, make_site(tmp_path, host))
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    items = _idea_items(page)
    assert items
    extra = 0
    for item in items:
        title = re.match(r"<p>(<a [^>]*>.*?</a>)", item, re.DOTALL)
        assert title is not None
        extra += len(item.encode("utf-8")) - len(f"<p>{title.group(1)}</p>".encode())
    assert extra / len(items) <= 300, extra / len(items)


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
        skills = ", ".join(_chip(s) for s in idea.skills)
        mentors = ", ".join(_label(m.name, m.github) for m in idea.mentors)
        expected = " ".join(f"{idea.title} — {skills} · {mentors}".split())
        assert expected in text, expected


SIZED = Path(__file__).parent / "fixtures" / "parser" / "gsoc-paragraphs.md"


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_each_idea_line_shows_size_and_difficulty(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """When the file gives an idea's size or difficulty, its line on the catalog page
    shows them after its mentors (html and text)."""
    srcdir = make_site(tmp_path, host)
    shutil.copyfile(SIZED, srcdir / "ideas.md")
    for refs in srcdir.glob("refs.*"):  # the root's page names the sample's ideas
        refs.write_text("Refs\n====\n" if refs.suffix == ".rst" else "# Refs\n", "utf-8")
    catalog = load_catalog(SIZED).catalog
    facts = {
        idea.title: [f.value for f in idea.fields if f.key in ("project-size", "difficulty")]
        for _project, idea in catalog.iter_ideas()
    }
    assert any(facts.values())
    html_app = build(make_app, srcdir)
    # only the fixture's own slips (an idea without mentors...), at their lines
    assert all(f"{srcdir / 'ideas.md'}:" in w for w in warnings(html_app))
    page = (Path(html_app.outdir) / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li><p>(<a [^>]*href=\"ideas/[^\"]*#idea-.*?)</li>", page, re.DOTALL)
    assert len(items) == len(facts)
    for title, values in facts.items():
        (item,) = [i for i in items if f">{title}<" in i]
        shown = re.findall(r'class="ideas-fact-[a-z-]+">([^<]*)<', item)
        assert shown == values, title
    text_app = build(make_app, srcdir, "text")
    text = (Path(text_app.outdir) / "index.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())  # the text builder wraps long lines
    for title, values in facts.items():
        line = flat[flat.index(title) :].split(" * ", 1)[0]  # up to the next list item
        assert all(value in line for value in values), line


def test_a_changed_difficulty_reaches_the_catalog_page(make_app: MakeApp, tmp_path: Path) -> None:
    """The catalog page is not read again for an idea's edit, and still shows what its
    lines show as edited (here a difficulty; the lists' digest counts these fields)."""
    srcdir = make_site(tmp_path, "catalog-rst")
    shutil.copyfile(SIZED, srcdir / "ideas.md")
    (srcdir / "refs.rst").write_text("Refs\n====\n", "utf-8")
    build(make_app, srcdir)
    ideas = srcdir / "ideas.md"
    text = ideas.read_text("utf-8")
    assert text.count("Hard") == 1
    ideas.write_text(text.replace("Hard", "Very hard"), "utf-8")
    app, read = rebuild(make_app, srcdir)
    assert "index" not in read
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'class="ideas-fact-difficulty">Very hard<' in page


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_pages_carry_the_aliases_of_their_skills_for_the_filter(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """HTML pages that link skills carry those skills' other spellings as JSON for the
    filter; a user's alias cannot close the script element; other builders get none."""
    srcdir = make_site(tmp_path, host)
    hostile = "</script><script>alert(1)</script>"
    app = build(make_app, srcdir, confoverrides={"ideas_skill_aliases": {hostile: "Go"}})
    assert warnings(app) == []
    page = (Path(app.outdir) / "ideas" / "kubernetes.html").read_text(encoding="utf-8")
    (data,) = re.findall(
        r'<script type="application/json" class="ideas-skill-aliases">(.*?)</script>', page
    )
    found = json.loads(data)
    assert "golang" in found["go"]
    assert hostile.casefold() in found["go"]  # there, and inert
    assert "alert(1)</script>" not in page
    text = build(make_app, srcdir, "text")
    assert "ideas-skill-aliases" not in (Path(text.outdir) / "ideas" / "tikv.txt").read_text(
        "utf-8"
    )


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_chips_show_the_canonical_skill_and_its_qualifier_muted(
    make_app: MakeApp, tmp_path: Path, host: str, seed_catalog: Catalog
) -> None:
    """A chip reads "Rust (beginner is ok)" with the qualifier in its own muted element,
    whatever the author wrote ("Rust Programming (beginner is ok)"); the commas between
    chips are there for text output and hidden in HTML."""
    app = build(make_app, make_site(tmp_path, host))
    qualified = [
        (project, skill)
        for project, idea in seed_catalog.iter_ideas()
        for skill in idea.skills
        if skill.level or skill.note
    ]
    assert qualified
    for project, skill in qualified:
        page = (Path(app.outdir) / "ideas" / f"{project.slug}.html").read_text("utf-8")
        note = ", ".join(q for q in (skill.level, skill.note) if q)
        chip = (
            f'<span class="xref ideas ideas-skill">{html.escape(skill.name)}'
            f'<span class="ideas-skill-note"> ({html.escape(note)})</span></span>'
        )
        assert chip in page, (project.slug, skill.raw)
    tremor = (Path(app.outdir) / "ideas" / "tremor.html").read_text("utf-8")
    assert '<span class="ideas-skill-sep">, </span>' in tremor


HOSTILE_CHIPS = """## Alpha

### One

- Description: x
- Recommended Skills: <img src=x onerror=alert(1)>, Go & "Rust"
- Mentor(s): \"><script>alert(2)</script> (@ann-ex)
"""


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_chips_made_from_hostile_names_are_text(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """A skill or mentor written as HTML never reaches a chip as markup (the reader keeps
    its text), and a chip's key (a slug) cannot leave its attribute: every tag among the
    facts is one of the chips' own."""
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text(HOSTILE_CHIPS, "utf-8")
    app = build(make_app, srcdir)
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    facts = re.findall(r'<span class="ideas-overview-facts">(.*?)</span></p>', page, re.DOTALL)
    assert facts
    chips = facts[0]
    assert "<img" not in chips
    assert "<script" not in chips
    assert "@ann-ex" in html.unescape(chips)
    for tag in re.findall(r"<[^>]+>", chips):
        assert re.fullmatch(r'</?(span|small)( class="[\w -]+")?( data-k="[a-z0-9-]+")?>', tag), tag
