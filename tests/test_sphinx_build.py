"""The extension on the bundled sample: every builder, rST and MyST hosts, objects.inv."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from _sphinx_sites import (
    MakeApp,
    build,
    build_standalone,
    make_site,
    read_inventory,
    warnings,
)

from sphinxcontrib_ideas.filters import IdeaFilter
from sphinxcontrib_ideas.ideasfile.model import Catalog, Idea, Project
from sphinxcontrib_ideas.ideasfile.reader import load_catalog

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text")


@pytest.fixture(scope="module")
def seed_catalog(seed_path: Path) -> Catalog:
    return load_catalog(seed_path).catalog


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_every_builder_builds_the_sample_without_warnings(
    make_app: MakeApp, tmp_path: Path, builder: str, host: str
) -> None:
    app = build(make_app, make_site(tmp_path, host), builder)
    assert warnings(app) == []
    outputs = [p for p in Path(app.outdir).rglob("*") if p.is_file()]
    assert outputs, f"{builder} wrote nothing"


def _inventory(outdir: Path) -> dict[str, dict[str, tuple[str, str]]]:
    return read_inventory(outdir / "objects.inv")


@pytest.fixture(scope="module")
def html_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, problems = build_standalone(make_site(tmp_path_factory.mktemp("html"), "catalog-rst"))
    assert problems == []
    return outdir


def test_objects_inv_holds_every_object_of_the_model(
    html_site: Path, seed_catalog: Catalog
) -> None:
    inventory = _inventory(html_site)
    mentors = {m.slug for _p, idea in seed_catalog.iter_ideas() for m in idea.mentors}
    skills = {s.slug for _p, idea in seed_catalog.iter_ideas() for s in idea.skills}
    assert set(inventory["ideas:project"]) == {p.slug for p in seed_catalog.projects}
    assert set(inventory["ideas:idea"]) == {
        f"{p.slug}.{i.slug}" for p, i in seed_catalog.iter_ideas()
    }
    assert set(inventory["ideas:mentor"]) == mentors
    assert set(inventory["ideas:skill"]) == skills
    # the counts the issue states for the sample
    assert len(inventory["ideas:project"]) == 17
    assert len(inventory["ideas:idea"]) == 38
    assert len(inventory["ideas:mentor"]) == 42


def test_every_project_has_its_page_and_every_idea_anchor_exists(
    html_site: Path, seed_catalog: Catalog
) -> None:
    inventory = _inventory(html_site)
    for project in seed_catalog.projects:
        uri = inventory["ideas:project"][project.slug][0]
        page = uri.split("#")[0]
        assert (html_site / page).is_file()
        html = (html_site / page).read_text(encoding="utf-8")
        assert project.name in html
    for name, (uri, _title) in inventory["ideas:idea"].items():
        page, anchor = uri.split("#")
        html = (html_site / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, name
    for objtype in ("ideas:skill", "ideas:mentor"):
        for name, (uri, _title) in inventory[objtype].items():
            page, anchor = uri.split("#")
            assert f'id="{anchor}"' in (html_site / page).read_text(encoding="utf-8"), name


def test_idea_sections_carry_the_classes_the_stylesheet_uses(
    html_site: Path, seed_catalog: Catalog
) -> None:
    project = next(p for p in seed_catalog.projects if p.ideas[0].mentors and p.ideas[0].skills)
    html = (html_site / "ideas" / f"{project.slug}.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<section class="ideas-idea" id="idea-', html)) == len(project.ideas)
    for cls in ("ideas-project", "ideas-meta", "ideas-skill", "ideas-mentor"):
        assert cls in html, cls
    assert "ideas-description" in html
    index = (html_site / "index.html").read_text(encoding="utf-8")
    assert "ideas-catalog" in index
    skills = (html_site / "ideas" / "skills.html").read_text(encoding="utf-8")
    assert "ideas-skills-index" in skills
    assert "ideas-index-entry" in skills


def test_indices_are_sorted_case_folded_with_counts(html_site: Path, seed_catalog: Catalog) -> None:
    text = (html_site / "ideas" / "mentors.html").read_text(encoding="utf-8")
    strong = re.findall(r'class="ideas-index-heading"><strong>(.*?)</strong>', text)
    # a mentor known by a handle only is "@handle", sorted by the handle
    names = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in strong]
    assert names == sorted(names, key=lambda n: n.lstrip("@").casefold())
    assert len(names) == len({m.slug for _p, i in seed_catalog.iter_ideas() for m in i.mentors})
    counts = [int(c) for c in re.findall(r'class="ideas-count"> \((\d+)\)', text)]
    assert sum(counts) == sum(
        len({m.slug for m in i.mentors}) for _p, i in seed_catalog.iter_ideas()
    )


def test_mentor_emails_stay_private_by_default(html_site: Path, seed_path: Path) -> None:
    emails = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", seed_path.read_text(encoding="utf-8")))
    published = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in html_site.rglob("*.*")
        if p.suffix in {".html", ".js", ".txt"}
    )
    inventory = (html_site / "objects.inv").read_bytes()
    for email in emails:
        assert email not in published
        assert email.encode() not in inventory


def test_the_ideas_file_in_the_source_folder_is_not_a_page(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-myst"))
    assert "ideas" not in app.env.found_docs
    assert "ideas.md" in app.config.exclude_patterns
    # MyST-only project: the generated pages are written in MyST
    assert (Path(app.srcdir) / "ideas" / "tikv.md").is_file()


def test_every_latex_link_to_an_ideas_object_has_its_label(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-rst"), "latex")
    (tex,) = Path(app.outdir).glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]+)\}\]", text))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]+)\}\}", text))
    ours = {t for t in targets if t.startswith("ideas/")}
    assert any(":ideas-mentor-" in t for t in ours)
    assert any(":ideas-skill-" in t for t in ours)
    assert ours - labels == set()


def test_singlehtml_links_to_ideas_objects_point_at_ids(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-rst"), "singlehtml")
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    links = re.findall(r'href="#([^"]+)"[^>]*><span class="xref ideas', page)
    assert len(links) > 100
    assert [link for link in links if link not in ids] == []


def test_the_catalog_page_links_every_project_idea_and_both_indices(
    html_site: Path, seed_catalog: Catalog
) -> None:
    index = (html_site / "index.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="([^"]+)"', index))
    for project in seed_catalog.projects:
        assert f"ideas/{project.slug}.html#ideas-project-{project.slug}" in hrefs, project.name
        for idea in project.ideas:
            assert f"ideas/{project.slug}.html#idea-{project.slug}-{idea.slug}" in hrefs
    assert {"ideas/skills.html", "ideas/mentors.html"} <= hrefs
    # the generated pages sit in the catalog page's toctree: the first one comes next
    first = seed_catalog.projects[0]
    assert f'rel="next" title="{first.name}" href="ideas/{first.slug}.html"' in index


def test_mentor_entries_show_name_handle_and_profile(
    html_site: Path, seed_catalog: Catalog
) -> None:
    html = (html_site / "ideas" / "mentors.html").read_text(encoding="utf-8")
    mentors = {m.slug: m for _p, idea in seed_catalog.iter_ideas() for m in idea.mentors}
    with_handle = [m for m in mentors.values() if m.github]
    assert with_handle
    for mentor in with_handle:
        start = html.index(f'id="ideas-mentor-{mentor.slug}"')
        entry = html[start : html.index("</p>", start)]
        assert mentor.name.replace("'", "&#x27;") in entry or mentor.name in entry
        assert f'href="https://github.com/{mentor.github}"' in entry
        assert f"&#64;{mentor.github}" in entry  # "@", as Sphinx writes it


def test_the_search_index_knows_every_ideas_object(html_site: Path, seed_catalog: Catalog) -> None:
    text = (html_site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    objtypes = {value: key for key, value in index["objtypes"].items()}
    # Sphinx indexes an object by its display name (a title), split at its last dot
    found: dict[str, set[str]] = {}
    for prefix, entries in index["objects"].items():
        for entry in entries:
            kind = index["objtypes"][str(entry[1])]
            name = ".".join(part for part in (prefix, entry[4]) if part)
            found.setdefault(kind, set()).add(html.unescape(name))
    assert "ideas:idea" in objtypes
    # (a title ending in a dot loses it to that split)
    titles = {i.title.rstrip(".") for _p, i in seed_catalog.iter_ideas()}
    assert found["ideas:idea"] == titles
    assert found["ideas:project"] == {p.name for p in seed_catalog.projects}
    # by name; a mentor known by a handle only as "@handle"
    mentors = {
        f"@{m.github}" if m.github and m.name == m.github else m.name
        for _p, i in seed_catalog.iter_ideas()
        for m in i.mentors
    }
    assert found["ideas:mentor"] == mentors


def _count_matches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often a build asks a filter about one idea (one number, updated in place)."""
    calls = [0]
    original = IdeaFilter.matches

    def counting(self: IdeaFilter, catalog: Catalog, project: Project, idea: Idea) -> bool:
        calls[0] += 1
        return original(self, catalog, project, idea)

    monkeypatch.setattr(IdeaFilter, "matches", counting)
    return calls


def test_a_filtered_catalog_is_selected_once_per_build_not_once_per_page(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_catalog: Catalog
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    index = srcdir / "index.rst"
    directive = ".. ideas-catalog:: ideas.md\n"
    text = index.read_text(encoding="utf-8")
    assert directive in text
    index.write_text(text.replace(directive, directive + "   :skills: Go, Rust\n"), "utf-8")
    calls = _count_matches(monkeypatch)
    app = build(make_app, srcdir)
    assert warnings(app) == []
    shown = [
        p
        for p in seed_catalog.projects
        if any(s.slug in {"go", "rust"} for i in p.ideas for s in i.skills)
    ]
    assert len(shown) > 2  # several project pages, so per-page selection would show
    idea_count = sum(len(p.ideas) for p in seed_catalog.projects)
    # the host page selects once, the generated pages share one selection: each idea is
    # asked about at most twice, where selecting per project page asked once per page
    assert 0 < calls[0] <= 2 * idea_count


def test_an_unfiltered_catalog_asks_about_no_idea(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_catalog: Catalog
) -> None:
    calls = _count_matches(monkeypatch)
    app = build(make_app, make_site(tmp_path, "catalog-rst"))
    assert warnings(app) == []
    html = (Path(app.outdir) / "ideas" / f"{seed_catalog.projects[-1].slug}.html").read_text(
        encoding="utf-8"
    )
    assert seed_catalog.projects[-1].ideas[-1].title in html
    assert calls[0] == 0
