"""Several catalogs in one project: three terms, two of which share projects and mentors.

The test root ``multi-terms`` has ``terms/2021-spring.md`` (label ``2021 Spring``),
``terms/2022-spring.md`` (``:term: 2022 Spring``) and ``gsoc-2023.md`` (``GSoC 2023``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, pages, rebuild, warnings

from sphinxcontrib_ideas.ideasfile.model import Catalog
from sphinxcontrib_ideas.ideasfile.reader import load_catalog

ROOT = Path(__file__).parent / "roots" / "test-multi-terms"
#: catalog key (the file's stem) -> (file, label given by its host page)
TERMS = {
    "2021-spring": ("terms/2021-spring.md", "2021 Spring"),
    "2022-spring": ("terms/2022-spring.md", "2022 Spring"),
    "gsoc-2023": ("gsoc-2023.md", "GSoC 2023"),
}


def catalog(key: str) -> Catalog:
    return load_catalog(ROOT / TERMS[key][0]).catalog


def html_ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def section(html: str, anchor: str) -> str:
    """The HTML of the element with id ``anchor`` up to the next index entry or section."""
    start = html.index(f'id="{anchor}"')
    following = re.compile(r'<(?:div|section)[^>]* id="(?:mentor|skill|idea|project)-')
    end = following.search(html, start + 1)
    return html[start : end.start() if end else len(html)]


@pytest.mark.parametrize("builder", ["html", "singlehtml", "latex", "text"])
def test_three_catalogs_build_with_warnings_as_errors(
    make_app: MakeApp, tmp_path: Path, builder: str
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"), builder, warningiserror=True)
    assert warnings(app) == []
    assert (Path(app.outdir) / "ideas.json").is_file()
    if builder == "singlehtml":
        # one page: every link to an idea, project, skill or mentor is an anchor on it
        html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'href="#([^"]+)"[^>]*><span class="xref ideas', html)
        assert len(links) > 20
        assert [link for link in links if link not in html_ids(html)] == []


def test_each_catalog_has_its_own_pages_in_its_own_folder(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"))
    outdir = Path(app.outdir)
    for key in TERMS:
        for project in catalog(key).projects:
            page = outdir / "ideas" / key / f"{project.slug}.html"
            html = page.read_text(encoding="utf-8")
            for idea in project.ideas:
                assert f'id="idea-{key}-{project.slug}-{idea.slug}"' in html
    # the project both springs offer: two pages, each with its own term's ideas
    spring21 = (outdir / "ideas/2021-spring/tikv.html").read_text(encoding="utf-8")
    spring22 = (outdir / "ideas/2022-spring/tikv.html").read_text(encoding="utf-8")
    assert "Raft log compaction" in spring21
    assert "Raft log compaction" not in spring22


def test_mentor_index_lists_a_shared_mentor_once_with_ideas_of_every_catalog(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"))
    html = (Path(app.outdir) / "ideas" / "mentors.html").read_text(encoding="utf-8")
    assert html.count('id="ideas-mentor-annlee"') == 1
    entry = section(html, "ideas-mentor-annlee")
    expected = [
        (key, project.slug, idea.slug, project.name)
        for key in TERMS
        for project, idea in catalog(key).iter_ideas()
        if any((m.github or "").lower() == "annlee" for m in idea.mentors)
    ]
    assert {key for key, *_rest in expected} == {"2021-spring", "2022-spring"}
    for key, project, idea, name in expected:
        # the index is ideas/mentors.html: links to the pages beside it are relative
        assert f'href="{key}/{project}.html#idea-{key}-{project}-{idea}"' in entry
        # the index names the term of each idea by the label its host page gives
        assert f"{name} ({TERMS[key][1]})" in entry
    assert f"({len(expected)})" in entry


def test_skills_index_spans_every_catalog(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"))
    html = (Path(app.outdir) / "ideas" / "skills.html").read_text(encoding="utf-8")
    python = section(html, "ideas-skill-python")
    users = [
        (key, project.name)
        for key in TERMS
        for project, idea in catalog(key).iter_ideas()
        if "Python" in {s.name for s in idea.skills}
    ]
    assert {key for key, _name in users} == {"2022-spring", "gsoc-2023"}
    for key, name in users:
        assert f"{name} ({TERMS[key][1]})" in python


def test_a_project_in_several_terms_links_to_the_others(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"))
    outdir = Path(app.outdir)
    spring22 = (outdir / "ideas/2022-spring/tikv.html").read_text(encoding="utf-8")
    also = section(spring22, "ideas-project-2022-spring-tikv")
    assert 'href="../2021-spring/tikv.html#ideas-project-2021-spring-tikv"' in also
    assert "2021 Spring" in also
    # the idea both terms offer links to its namesake too
    idea = section(spring22, "idea-2022-spring-tikv-coprocessor-plugin")
    assert "../2021-spring/tikv.html#idea-2021-spring-tikv-coprocessor-plugin" in idea
    # an idea only one term has, and a project only one catalog has, link nowhere else
    spring21 = (outdir / "ideas/2021-spring/tikv.html").read_text(encoding="utf-8")
    assert "2022-spring" not in section(spring21, "idea-2021-spring-tikv-raft-log-compaction")
    gsoc = (outdir / "ideas/gsoc-2023/sphinx.html").read_text(encoding="utf-8")
    assert "ideas-also-in" not in gsoc


def test_the_links_across_catalogs_follow_an_incremental_build(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    build(make_app, srcdir)
    # 2022 drops TiKV: the 2021 TiKV page must lose its "also in" link, unread
    spring22 = srcdir / "terms" / "2022-spring.md"
    text = spring22.read_text(encoding="utf-8")
    start, end = text.index("### TiKV"), text.index("### Vitess")
    spring22.write_text(text[:start] + text[end:], encoding="utf-8")
    app, _read = rebuild(make_app, srcdir)
    assert warnings(app) == []
    incremental = pages(Path(app.outdir))
    assert "ideas-also-in" not in incremental["ideas/2021-spring/tikv.html"]
    clean = build(make_app, srcdir, builddir=tmp_path / "clean")
    assert pages(Path(clean.outdir)) == {
        name: html for name, html in incremental.items() if name in pages(Path(clean.outdir))
    }


def test_a_relabelled_term_is_renamed_everywhere_by_an_incremental_build(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    build(make_app, srcdir)
    host = srcdir / "spring21.rst"
    host.write_text(
        host.read_text(encoding="utf-8").replace(":label: 2021 Spring", ":label: First Spring")
    )
    app, _read = rebuild(make_app, srcdir)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    for page in ("ideas/mentors.html", "ideas/2022-spring/tikv.html", "listings.html"):
        html = (outdir / page).read_text(encoding="utf-8")
        assert "First Spring" in html, page
        assert "2021 Spring" not in html, page


def test_epub_packages_without_ideas_json_and_builds_again_cleanly(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    first = build(make_app, srcdir, "epub", warningiserror=True)
    assert (Path(first.outdir) / "ideas.json").is_file()
    # a second build finds ideas.json in the output folder: it must not enter the book
    second = build(make_app, srcdir, "epub", warningiserror=True, freshenv=False)
    assert warnings(second) == []
    book = next(Path(second.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED
        names = archive.namelist()
        manifest = archive.read("content.opf").decode("utf-8")
    assert "ideas.json" not in names
    assert "ideas.json" not in manifest
    assert any(name.startswith("ideas/2022-spring/") for name in names)


def test_a_parallel_build_equals_a_serial_one_and_still_tracks_listings(
    make_app: MakeApp, tmp_path: Path
) -> None:
    serial = build(make_app, make_site(tmp_path, "multi-terms", name="serial"))
    srcdir = make_site(tmp_path, "multi-terms", name="parallel")
    parallel = build(make_app, srcdir, parallel=4)
    assert warnings(parallel) == []
    assert pages(Path(parallel.outdir)) == pages(Path(serial.outdir))
    assert (Path(parallel.outdir) / "ideas.json").read_bytes() == (
        Path(serial.outdir) / "ideas.json"
    ).read_bytes()
    # the listing page was read by a worker: the main process must still know it, and
    # write it again when a catalog changes
    listings = Path(parallel.outdir) / "listings.html"
    written = listings.stat().st_mtime_ns
    gsoc = srcdir / "gsoc-2023.md"
    gsoc.write_text(gsoc.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    _app, read = rebuild(make_app, srcdir, parallel=4)
    assert "listings" not in read
    assert listings.stat().st_mtime_ns != written


def test_the_labels_of_listings_and_links_across_catalogs_are_translated(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"), confoverrides={"language": "de"})
    assert warnings(app) == []
    outdir = Path(app.outdir)
    tikv = (outdir / "ideas/2022-spring/tikv.html").read_text(encoding="utf-8")
    assert "Auch in:" in tikv
    assert "Also in" not in tikv
    listings = (outdir / "listings.html").read_text(encoding="utf-8")
    assert '<th class="head"><p>Idee</p></th>' in listings
