"""``ideas.json`` in the build output: the export schema, URIs that exist in the site,
null URIs where a builder has none, privacy, and writing only when it changed."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test extra
import pytest
from _sphinx_sites import MakeApp, build, make_site, rebuild, warnings
from test_export import strict

from sphinxcontrib_ideas import _json
from sphinxcontrib_ideas.ideasfile import export
from sphinxcontrib_ideas.ideasfile.export import load_schema
from sphinxcontrib_ideas.ideasfile.reader import load_catalog

ROOT = Path(__file__).parent / "roots" / "test-multi-terms"


def ideas_json(app: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (Path(app.outdir) / "ideas.json").read_text(encoding="utf-8")
    )
    return document


def uris(document: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
    """(what, uri) of every object that has a ``uri`` key, anywhere in the document."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, str | None]]:
        if isinstance(value, dict):
            if "uri" in value:
                yield (
                    f"{where}:{value.get('slug') or value.get('idea') or value.get('source')}",
                    (value["uri"]),
                )
            for key, item in value.items():
                yield from walk(item, f"{where}/{key}")
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, where)

    yield from walk(document, "")


def assert_uri_exists(outdir: Path, uri: str, *, index: str = "index.html") -> None:
    page, _hash, anchor = uri.partition("#")
    path = outdir / page
    if page == "" or page.endswith("/"):
        path = path / index
    assert path.is_file(), uri
    if anchor:
        html = path.read_text(encoding="utf-8")
        assert re.search(rf'\bid="{re.escape(anchor)}"', html), uri


def test_ideas_json_validates_and_every_uri_exists_in_the_html_site(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"))
    assert warnings(app) == []
    document = ideas_json(app)
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    jsonschema.Draft202012Validator(strict(load_schema())).validate(document)
    found = list(uris(document))
    assert all(uri for _what, uri in found), [what for what, uri in found if not uri]
    for _what, uri in found:
        assert uri is not None
        assert_uri_exists(Path(app.outdir), uri)
    # every catalog, project, idea, skill and mentor carries one
    kinds = {what.split(":")[0] for what, _uri in found}
    assert kinds == {
        "/catalogs",
        "/catalogs/projects",
        "/catalogs/projects/ideas",
        "/skills",
        "/skills/ideas",
        "/mentors",
        "/mentors/ideas",
    }


def test_the_catalogs_are_the_ones_of_the_build_with_relative_sources_and_labels(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    app = build(make_app, srcdir)
    document = ideas_json(app)
    by_source = {c["source"]: c for c in document["catalogs"]}
    assert set(by_source) == {"terms/2021-spring.md", "terms/2022-spring.md", "gsoc-2023.md"}
    assert by_source["terms/2022-spring.md"]["label"] == "2022 Spring"  # from :term:
    assert by_source["gsoc-2023.md"]["uri"] == "gsoc.html"
    for source, exported in by_source.items():
        model = load_catalog(ROOT / source).catalog
        assert [p["slug"] for p in exported["projects"]] == [p.slug for p in model.projects]
        ideas = [i["slug"] for p in exported["projects"] for i in p["ideas"]]
        assert ideas == [idea.slug for _p, idea in model.iter_ideas()]
    # the machine's paths stay out of the published file
    text = (Path(app.outdir) / "ideas.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in text


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_uris_exist_in_other_html_layouts(make_app: MakeApp, tmp_path: Path, builder: str) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"), builder)
    assert warnings(app) == []
    found = list(uris(ideas_json(app)))
    assert found
    for _what, uri in found:
        assert uri is not None
        assert_uri_exists(Path(app.outdir), uri)
    if builder == "singlehtml":
        assert all(uri and uri.startswith("index.html") for _what, uri in found)


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_builders_without_pages_get_null_uris(
    make_app: MakeApp, tmp_path: Path, builder: str
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"), builder)
    assert warnings(app) == []
    document = ideas_json(app)
    jsonschema.Draft202012Validator(strict(load_schema())).validate(document)
    found = list(uris(document))
    assert found
    assert {uri for _what, uri in found} == {None}


@pytest.mark.parametrize("builder", ["gettext", "dummy"])
def test_builders_that_write_no_documents_get_no_file(
    make_app: MakeApp, tmp_path: Path, builder: str
) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"), builder)
    assert warnings(app) == []
    assert not (Path(app.outdir) / "ideas.json").exists()


def test_emails_only_with_ideas_show_emails(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    hidden = ideas_json(build(make_app, srcdir))
    assert "eve@example.org" not in json.dumps(hidden)
    shown = ideas_json(
        build(make_app, srcdir, builddir=tmp_path / "b2", confoverrides={"ideas_show_emails": True})
    )
    eve = next(m for m in shown["mentors"] if m["github"] == "evepark")
    assert eve["email"] == "eve@example.org"


def test_written_only_when_it_changed(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    app = build(make_app, srcdir)
    target = Path(app.outdir) / "ideas.json"
    before = target.stat().st_mtime_ns
    build(make_app, srcdir, freshenv=False)
    assert target.stat().st_mtime_ns == before
    # a page read again with nothing new: the same file, not written again
    inode = target.stat().st_ino
    index = next(srcdir.glob("index.*"))
    index.write_text(index.read_text(encoding="utf-8"), encoding="utf-8")
    _app, read = rebuild(make_app, srcdir)
    assert read
    assert target.stat().st_ino == inode
    gsoc = srcdir / "gsoc-2023.md"
    gsoc.write_text(
        gsoc.read_text(encoding="utf-8").replace("in parallel", "in threads"), encoding="utf-8"
    )
    build(make_app, srcdir, freshenv=False)
    assert target.stat().st_mtime_ns != before
    assert "in threads" in target.read_text(encoding="utf-8")
    # streamed through a file beside it, which is never left behind
    assert sorted(p.name for p in target.parent.glob("*ideas.json*")) == ["ideas.json"]


def test_a_no_op_build_skips_the_export_and_a_lost_file_comes_back(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = make_site(tmp_path, "multi-terms")
    app = build(make_app, srcdir)
    target = Path(app.outdir) / "ideas.json"
    text = target.read_text(encoding="utf-8")

    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("a build that read nothing exported the catalogs again")

    with monkeypatch.context() as patch:
        patch.setattr(_json, "document_bytes", no_export)
        app = build(make_app, srcdir, freshenv=False)
    assert warnings(app) == []
    target.unlink()
    build(make_app, srcdir, freshenv=False)
    assert target.read_text(encoding="utf-8") == text


def test_opt_out(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "multi-terms"), confoverrides={"ideas_json": False})
    assert warnings(app) == []
    assert not (Path(app.outdir) / "ideas.json").exists()


def test_a_single_catalog_from_a_myst_host(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-myst"))
    document = ideas_json(app)
    jsonschema.Draft202012Validator(strict(load_schema())).validate(document)
    assert [c["source"] for c in document["catalogs"]] == ["ideas.md"]
    for _what, uri in uris(document):
        assert uri is not None
        assert_uri_exists(Path(app.outdir), uri)


def _edited(path: Path, line: int, edit: str) -> None:
    """Edit the 1-based line ``line`` of ``path``: a word added, a paragraph after it, or a
    title changed (the line is a heading)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = lines[line - 1].rstrip("\n")
    if edit == "word":
        lines[line - 1] = text + " edited\n"
    elif edit == "paragraph":
        lines[line - 1] = text + "\n\n  An added paragraph.\n"
    else:
        lines[line - 1] = text + " (revised)\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_after_an_edit_the_file_is_a_clean_builds_with_only_the_edited_project_encoded(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    """Each project's text is taken from the last build's file unless something it is made
    of changed: an edit inside one idea encodes that project again, and an edit that moves
    the lines below it moves the line numbers in the texts of the projects below; the
    indices are made again only when a title changed. The file equals a clean build's,
    byte for byte."""
    srcdir = make_site(tmp_path, host)
    build(make_app, srcdir)
    ideas = srcdir / "ideas.md"
    encoded: list[str] = []
    real = export.project_to_dict

    def counting(project: Any, **kwargs: Any) -> Any:
        encoded.append(project.slug)
        return real(project, **kwargs)

    monkeypatch.setattr(_json, "project_to_dict", counting)
    indexed: list[int] = []
    real_index = export.skills_index

    def counting_index(catalogs: Any) -> Any:
        indexed.append(len(catalogs))
        return real_index(catalogs)

    monkeypatch.setattr(_json, "skills_index", counting_index)
    for number, edit in enumerate(("word", "paragraph", "title")):
        projects = [p for p in load_catalog(ideas).catalog.projects if p.ideas]
        middle = len(projects) // 2
        idea = projects[middle].ideas[0]
        line = idea.line if edit == "title" else idea.description_line
        _edited(ideas, line, edit)
        encoded.clear()
        indexed.clear()
        app, _read = rebuild(make_app, srcdir)
        assert warnings(app) == []
        assert encoded == [projects[middle].slug], edit
        # the skills and mentor indices list titles, not descriptions or lines
        assert len(indexed) == (edit == "title"), edit
        clean = make_site(tmp_path, host, name=f"clean-{number}")
        shutil.copy(ideas, clean / "ideas.md")
        expected = (Path(build(make_app, clean).outdir) / "ideas.json").read_bytes()
        assert (Path(app.outdir) / "ideas.json").read_bytes() == expected, edit
