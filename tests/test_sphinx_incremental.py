"""Incremental and parallel builds are correct, not just fast: each equals a clean build."""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import signal
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from _sphinx_sites import ROOTS, MakeApp, build, count_parses, make_site, pages, rebuild, warnings

from sphinxcontrib_ideas._digests import without_lines as _without_lines
from sphinxcontrib_ideas.ideasfile.reader import load_catalog

TIKV_DESCRIPTION = "Implement a basic coprocessor plugin runtime on top of Wasmer."
NEW_IDEA = """##### Tremor language server

- Description: A language server for tremor-script, with *completion*.
- Recommended Skills: Rust, TypeScript
- Mentor(s): Heinz Gies (@Licenser)
- Upstream Issue (URL): https://github.com/tremor-rs/tremor-runtime/issues/999

"""


def _edit(srcdir: Path, old: str, new: str) -> None:
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8")
    assert old in text
    ideas.write_text(text.replace(old, new, 1), encoding="utf-8")


def _remove_project(srcdir: Path, heading: str) -> None:
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8")
    start = text.index(heading + "\n")
    end = text.index("\n#### ", start + 1)
    ideas.write_text(text[:start] + text[end + 1 :], encoding="utf-8")


def _clean_copy(make_app: MakeApp, srcdir: Path, tmp_path: Path) -> dict[str, str]:
    """The pages of a clean build of the same sources in another folder."""
    clean = tmp_path / "clean"
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    app = build(make_app, clean)
    return pages(Path(app.outdir))


def _same_as_clean(incremental: dict[str, str], clean: dict[str, str]) -> None:
    for name, html in clean.items():
        assert incremental.get(name) == html, f"{name} differs from a clean build"


def test_a_no_op_rebuild_reads_and_writes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    first = build(make_app, srcdir)
    outdir = Path(first.outdir)
    # Sphinx itself re-writes search.html and genindex.html on every build
    ours = [outdir / name for name in pages(outdir)]
    stamps = {p: p.stat().st_mtime_ns for p in ours}
    stubs = {p: p.stat().st_mtime_ns for p in (srcdir / "ideas").iterdir()}
    app, read = rebuild(make_app, srcdir)
    assert read == []
    assert "0 added, 0 changed, 0 removed" in app.status.getvalue()
    assert {p: p.stat().st_mtime_ns for p in ours} == stamps
    assert {p: p.stat().st_mtime_ns for p in (srcdir / "ideas").iterdir()} == stubs
    assert warnings(app) == []


def _mtimes(outdir: Path) -> dict[str, int]:
    return {
        p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
        for p in outdir.rglob("*")
        if p.is_file()
    }


def _touched_by_a_no_op_rebuild(make_app: MakeApp, srcdir: Path) -> tuple[set[str], list[str]]:
    """Output files a second, unchanged build writes again; and the warnings it gives."""
    first = build(make_app, srcdir)
    before = _mtimes(Path(first.outdir))
    app, _read = rebuild(make_app, srcdir)
    after = _mtimes(Path(app.outdir))
    assert set(after) == set(before)
    return {name for name, stamp in after.items() if before[name] != stamp}, warnings(app)


def test_a_no_op_rebuild_writes_only_what_sphinx_always_writes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(ROOTS / "test-catalog-rst" / "conf.py", plain / "conf.py")
    (plain / "index.rst").write_text("Plain\n=====\n\nNo ideas here.\n", encoding="utf-8")
    sphinx_own, _problems = _touched_by_a_no_op_rebuild(make_app, plain)
    ours, problems = _touched_by_a_no_op_rebuild(make_app, make_site(tmp_path, "catalog-rst"))
    assert problems == []
    # every page, ideas.json, our stylesheet and script stay as they were
    assert ours <= sphinx_own, sorted(ours - sphinx_own)


def test_editing_one_description_rereads_its_project_only(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    first = build(make_app, srcdir)
    # (Sphinx itself writes index.html again: its toctree holds the re-read page)
    lists = [Path(first.outdir, p) for p in ("ideas/skills.html", "ideas/mentors.html")]
    stamps = [p.stat().st_mtime_ns for p in lists]
    _edit(srcdir, TIKV_DESCRIPTION, "Implement a *coprocessor* plugin runtime on Wasmer.")
    app, read = rebuild(make_app, srcdir)
    # the catalog page and the indices list the ideas when written, not when read; the
    # indices do not show descriptions, so they are not even written again
    assert read == ["ideas/tikv"]
    assert [p.stat().st_mtime_ns for p in lists] == stamps
    assert warnings(app) == []
    html = (Path(app.outdir) / "ideas" / "tikv.html").read_text(encoding="utf-8")
    assert "<em>coprocessor</em>" in html
    _same_as_clean(pages(Path(app.outdir)), _clean_copy(make_app, srcdir, tmp_path))


def test_renaming_an_idea_rereads_its_project_and_rewrites_the_lists(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    _edit(srcdir, "##### Build on Windows", "##### Build and test on Windows")
    app, read = rebuild(make_app, srcdir)
    assert read == ["ideas/tikv"]
    outdir = Path(app.outdir)
    for page in ("index.html", "ideas/skills.html", "ideas/mentors.html"):
        assert "Build and test on Windows" in (outdir / page).read_text(encoding="utf-8"), page
    _same_as_clean(pages(outdir), _clean_copy(make_app, srcdir, tmp_path))


def test_a_slip_made_by_an_edit_is_warned_at_its_line(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    first = build(make_app, srcdir)
    assert warnings(first) == []
    _edit(srcdir, "- Mentor(s): Heinz Gies", "- Mentros: Heinz Gies")
    app, read = rebuild(make_app, srcdir)
    assert "index" not in read  # the host page is not read again, and still it warns
    line = next(
        n
        for n, text in enumerate((srcdir / "ideas.md").read_text("utf-8").splitlines(), 1)
        if text.startswith("- Mentros:")
    )
    assert [p.split(": ", 1)[0] for p in warnings(app)] == [f"{srcdir / 'ideas.md'}:{line}"]
    # the next build, with nothing changed, is quiet (as Sphinx is for pages not read)
    quiet, read = rebuild(make_app, srcdir)
    assert read == []
    assert warnings(quiet) == []


def test_adding_an_idea_equals_a_clean_build(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    _edit(srcdir, "#### Tremor\n\n", "#### Tremor\n\n" + NEW_IDEA)
    app, _read = rebuild(make_app, srcdir)
    assert warnings(app) == []
    html = (Path(app.outdir) / "ideas" / "tremor.html").read_text(encoding="utf-8")
    assert 'id="idea-tremor-tremor-language-server"' in html
    _same_as_clean(pages(Path(app.outdir)), _clean_copy(make_app, srcdir, tmp_path))


def test_removing_a_project_equals_a_clean_build_and_dangling_refs_warn(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    _remove_project(srcdir, "#### TiKV")
    app, read = rebuild(make_app, srcdir)
    assert "refs" not in read  # re-written, not re-read
    assert not (srcdir / "ideas" / "tikv.rst").exists()
    problems = warnings(app)
    # every reference to TiKV in refs.rst (roles and the :ref: label) warns at its line
    refs = (srcdir / "refs.rst").read_text(encoding="utf-8").splitlines()
    dangling = [n for n, line in enumerate(refs, 1) if "tikv" in line.casefold()]
    assert len(dangling) >= 3
    assert sorted(int(p.split(":")[1]) for p in problems) == dangling, problems
    assert all(p.startswith(f"{srcdir / 'refs.rst'}:") for p in problems)
    assert any("[ideas.ref]" in p and "tikv.coprocessor-plugin" in p for p in problems)
    incremental = pages(Path(app.outdir))
    clean = _clean_copy(make_app, srcdir, tmp_path)
    assert "ideas/tikv.html" not in clean
    _same_as_clean(incremental, clean)


def _remove_idea(srcdir: Path, heading: str) -> None:
    ideas = srcdir / "ideas.md"
    text = ideas.read_text(encoding="utf-8")
    start = text.index(heading + "\n")
    end = text.index("\n####", start + 1)
    ideas.write_text(text[:start] + text[end + 1 :], encoding="utf-8")


def _warned(app: object, srcdir: Path) -> list[str]:
    """The warnings of a build, with the source folder's path taken out."""
    return sorted(p.replace(str(srcdir), "") for p in warnings(app))  # type: ignore[arg-type]


def test_removing_an_idea_equals_a_clean_build(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    _remove_idea(srcdir, "##### Build on Windows")
    app, read = rebuild(make_app, srcdir)
    assert warnings(app) == []
    assert read == ["ideas/tikv"]
    html = (Path(app.outdir) / "ideas" / "tikv.html").read_text(encoding="utf-8")
    assert "Build on Windows" not in html
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Build on Windows" not in index
    _same_as_clean(pages(Path(app.outdir)), _clean_copy(make_app, srcdir, tmp_path))


def test_with_an_upstream_url_pages_whose_lines_moved_are_read_again(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    overrides = {"ideas_upstream_url": "https://example.org/ideas.md"}
    build(make_app, srcdir, confoverrides=overrides)
    _remove_idea(srcdir, "##### Build on Windows")
    app, read = rebuild(make_app, srcdir, confoverrides=overrides)
    # each idea links to its line upstream: projects below the removed idea moved
    assert "ideas/chaos-mesh" in read
    clean = tmp_path / "clean"
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, clean, confoverrides=overrides)
    _same_as_clean(pages(Path(app.outdir)), pages(Path(fresh.outdir)))


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_renaming_a_project_equals_a_clean_build(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    build(make_app, srcdir)
    _edit(srcdir, "#### TiKV\n", "#### TiKV Engine\n")
    app, read = rebuild(make_app, srcdir)
    assert "ideas/tikv-engine" in read
    suffix = ".rst" if host == "catalog-rst" else ".md"
    assert not (srcdir / "ideas" / f"tikv{suffix}").exists()
    incremental = pages(Path(app.outdir))
    clean = tmp_path / "clean"
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, clean)
    assert "ideas/tikv.html" not in pages(Path(fresh.outdir))
    _same_as_clean(incremental, pages(Path(fresh.outdir)))
    # references to the old name dangle in both, at the same lines
    assert _warned(app, srcdir) == _warned(fresh, clean)
    assert any("[ideas.ref]" in p for p in warnings(app))


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_parallel_build_equals_a_serial_one(make_app: MakeApp, tmp_path: Path, host: str) -> None:
    serial = build(make_app, make_site(tmp_path, host, name="serial"))
    parallel = build(make_app, make_site(tmp_path, host, name="parallel"), parallel=4)
    assert warnings(parallel) == []
    serial_pages = pages(Path(serial.outdir))
    assert pages(Path(parallel.outdir)) == serial_pages
    assert (Path(parallel.outdir) / "objects.inv").read_bytes() == (
        Path(serial.outdir) / "objects.inv"
    ).read_bytes()


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
@pytest.mark.parametrize(("parallel", "tune"), [(0, True), (2, True), (2, False)])
def test_the_collector_is_tuned_during_a_build_and_put_back_after_it(
    make_app: MakeApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    parallel: int,
    tune: bool,
) -> None:
    from sphinxcontrib_ideas import _collector
    from sphinxcontrib_ideas._collector import GEN1_NEVER

    # the collector's exit handler, as if this were the process's first build
    at_exit: list[object] = []
    register = atexit.register

    def record(function: Any, *args: Any, **kwargs: Any) -> Any:
        if function is gc.freeze:
            return at_exit.append(function)
        return register(function, *args, **kwargs)  # other libraries' handlers (certifi)

    monkeypatch.setattr(_collector, "_exit_handler", [])
    monkeypatch.setattr(atexit, "register", record)
    before = gc.get_threshold()
    srcdir = make_site(tmp_path, host)
    app = make_app(
        "html",
        srcdir=srcdir,
        freshenv=True,
        parallel=parallel,
        confoverrides={"ideas_tune_gc": tune},
    )
    seen: list[tuple[int, int]] = []
    read: list[int] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.append(len(docnames)))
    resolved: list[int] = []
    # after our handlers (priority 900): what the writing workers are forked with
    app.connect(
        "env-updated",
        lambda _app, _env: seen.append((gc.get_threshold()[1], gc.get_freeze_count())),
        950,
    )
    app.connect("doctree-resolved", lambda *_args: resolved.append(gc.get_freeze_count()), 950)
    # collections of the youngest generation since the middle one's (this process's pages)
    young: list[int] = []
    app.connect("html-page-context", lambda *_args: young.append(gc.get_count()[1]), 950)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings(app) == []
    [(threshold, frozen)] = seen
    # the middle generation waits for the pages (html writes one per document)
    assert threshold == (GEN1_NEVER if tune else before[1])
    # what writing starts with is frozen: with -j, and in a serial build that read a few
    # documents (the test site has more than the limit: see the test below for fewer)
    assert read[0] > _collector.MANY_READ
    assert (frozen > 0) == (tune and bool(parallel))
    # and everything at exit, so that the interpreter's last collection walks nothing
    assert at_exit == ([gc.freeze] if tune else [])
    # with -j, each document the main process resolves for a writer is frozen too
    assert len(resolved) > 1
    assert (resolved[-1] > frozen) == (tune and bool(parallel))
    # each page begins with the previous one's garbage collected
    assert young
    if tune:
        assert set(young) == {0}
    elif not parallel:  # every page of the build seen: the default leaves some behind
        assert set(young) != {0}
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
@pytest.mark.parametrize("many", [0, 10_000])
def test_a_serial_build_that_read_many_documents_does_not_freeze(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str, many: int
) -> None:
    from sphinxcontrib_ideas import _collector

    monkeypatch.setattr(_collector, "MANY_READ", many)
    app = make_app("html", srcdir=make_site(tmp_path, host), freshenv=True)
    frozen: list[int] = []
    app.connect("env-updated", lambda _app, _env: frozen.append(gc.get_freeze_count()), 950)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings(app) == []
    # a fresh build of the test site reads some tens of documents: "many" with 0, "a few"
    # with 10,000
    [count] = frozen
    assert (count > 0) == (many > 0)
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
@pytest.mark.parametrize(
    ("buildername", "per_page"),
    [
        ("html", True),
        ("dirhtml", True),
        ("epub", True),
        # one page, or no HTML pages at all: nothing to collect between
        ("singlehtml", False),
        ("latex", False),
        ("text", False),
    ],
)
def test_only_builders_that_write_a_page_per_document_collect_per_page(
    make_app: MakeApp, tmp_path: Path, host: str, buildername: str, per_page: bool
) -> None:
    from sphinxcontrib_ideas._collector import GEN1_NEVER

    before = gc.get_threshold()
    app = make_app(buildername, srcdir=make_site(tmp_path, host), freshenv=True)
    seen: list[int] = []
    app.connect("env-updated", lambda _app, _env: seen.append(gc.get_threshold()[1]), 950)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings(app) == []
    assert seen == [GEN1_NEVER if per_page else before[1]]
    assert gc.get_threshold() == before


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_collector_switched_off_stays_off(make_app: MakeApp, tmp_path: Path, host: str) -> None:
    before = gc.get_threshold()
    app = make_app("html", srcdir=make_site(tmp_path, host), freshenv=True)
    seen: list[int] = []
    app.connect("env-updated", lambda _app, _env: seen.append(gc.get_threshold()[1]), 950)
    # no collection between pages either: the count of young collections only grows
    young: list[int] = []
    app.connect("html-page-context", lambda *_args: young.append(gc.get_count()[0]), 950)
    gc.disable()
    try:
        app.build()
    finally:
        gc.enable()
        app.cleanup()
    assert warnings(app) == []
    assert seen == [before[1]]
    assert len(young) > 1
    assert young == sorted(young)
    assert gc.get_threshold() == before


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_failed_build_puts_the_collector_back_too(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    before = gc.get_threshold()
    app = make_app("html", srcdir=make_site(tmp_path, host), freshenv=True, parallel=2)

    def fail(_app: Any, _env: Any) -> None:
        raise RuntimeError("a handler after ours fails")

    app.connect("env-updated", fail, 950)
    try:
        with pytest.raises(Exception, match="a handler after ours fails"):
            app.build()
    finally:
        app.cleanup()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_no_op_build_in_a_new_process_does_not_parse_again(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinxcontrib_ideas import _catalogs

    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    parsed = count_parses(monkeypatch)
    monkeypatch.setattr(_catalogs, "_cache", {})  # what a new process starts with
    app, read = rebuild(make_app, srcdir)
    assert read == []
    assert parsed == []
    # ...and does not write the on-disk cache it has just read back either
    stored = {p: p.stat().st_mtime_ns for p in Path(app.doctreedir).rglob("*.pickle")}
    assert any(p.parent.name == "sphinxcontrib-ideas" for p in stored)
    monkeypatch.setattr(_catalogs, "_cache", {})
    rebuild(make_app, srcdir)
    assert {p: p.stat().st_mtime_ns for p in stored} == stored
    assert parsed == []
    # an edit inside one idea is spliced into the kept parse (tests/test_splice.py), one
    # that adds an idea makes the whole file parsed again, once
    _edit(srcdir, TIKV_DESCRIPTION, "Implement a plugin runtime.")
    monkeypatch.setattr(_catalogs, "_cache", {})
    rebuild(make_app, srcdir)
    assert parsed == []
    _edit(srcdir, "#### ", NEW_IDEA + "#### ")
    monkeypatch.setattr(_catalogs, "_cache", {})
    rebuild(make_app, srcdir)
    assert parsed == [str(srcdir / "ideas.md")]


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_an_ideas_file_saved_unchanged_costs_a_no_op_and_any_edit_is_seen(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    """What changed is told by the file's bytes, not its time: an editor's save without a
    change (or a checkout, ``touch``) parses, reads and writes nothing, while an edit of
    the same size saved with the old time is still seen."""
    from sphinxcontrib_ideas import _catalogs
    from sphinxcontrib_ideas import pages as generated

    srcdir = make_site(tmp_path, host)
    first = build(make_app, srcdir)
    ideas, outdir = srcdir / "ideas.md", Path(first.outdir)
    stamp = ideas.stat().st_mtime_ns
    written = _mtimes(outdir)
    parsed = count_parses(monkeypatch)

    def in_a_new_process() -> tuple[Any, list[str]]:
        monkeypatch.setattr(_catalogs, "_cache", {})
        monkeypatch.setattr(_catalogs, "_digests", {})
        monkeypatch.setattr(generated, "_selections", {})
        return rebuild(make_app, srcdir)

    ideas.write_bytes(ideas.read_bytes())
    os.utime(ideas, ns=(stamp + 5_000_000_000, stamp + 5_000_000_000))
    app, read = in_a_new_process()
    assert (read, parsed, warnings(app)) == ([], [], [])
    assert _mtimes(outdir)["ideas.json"] == written["ideas.json"]
    assert all(_mtimes(outdir)[name] == written[name] for name in pages(outdir))
    # the same number of bytes, and the time the file had before: still an edit
    text = ideas.read_text(encoding="utf-8")
    same_size = TIKV_DESCRIPTION.replace("basic", "BASIC")
    ideas.write_text(text.replace(TIKV_DESCRIPTION, same_size, 1), encoding="utf-8")
    os.utime(ideas, ns=(stamp + 5_000_000_000, stamp + 5_000_000_000))
    app, read = in_a_new_process()
    assert read == ["ideas/tikv"]
    assert same_size in (outdir / "ideas" / "tikv.html").read_text(encoding="utf-8")
    assert same_size in (outdir / "ideas.json").read_text(encoding="utf-8")


def _stubs(srcdir: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (srcdir / "ideas").glob("*.rst")}


def test_a_no_op_build_in_a_new_process_takes_its_pages_from_the_last_build(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinxcontrib_ideas import _catalogs
    from sphinxcontrib_ideas import pages as ideas_pages

    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    first = _stubs(srcdir)
    loads: list[int] = []
    real = ideas_pages.load_catalogs

    def counting(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ideas_pages, "load_catalogs", counting)
    monkeypatch.setattr(_catalogs, "_cache", {})  # what a new process starts with
    _app, read = rebuild(make_app, srcdir)
    assert (read, loads) == ([], [])  # not even the parse result was loaded
    assert _stubs(srcdir) == first
    # an option that changes what every page shows makes them again, as a clean build does
    upstream = {"ideas_upstream_url": "https://example.org/ideas.md"}
    monkeypatch.setattr(_catalogs, "_cache", {})
    rebuild(make_app, srcdir, confoverrides=upstream)
    assert loads
    remade = _stubs(srcdir)
    # (stubs digest their file's path: compare with a clean build in the same folder)
    shutil.rmtree(srcdir / "ideas")
    shutil.rmtree(srcdir / "_build")
    build(make_app, srcdir, confoverrides=upstream)
    assert remade == _stubs(srcdir) != first


def test_a_catalog_file_that_cannot_be_read_is_reported_on_every_build(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    (srcdir / "broken.md").write_bytes(b"\x00\x01\x02" * 200)
    overrides = {"ideas_catalogs": ["broken.md"]}
    for fresh in (True, False, False):
        app = build(make_app, srcdir, confoverrides=overrides, freshenv=fresh)
        assert any("broken.md" in w and "[ideas.file]" in w for w in warnings(app))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_fifo_named_as_the_ideas_file_is_reported_not_read(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """Telling whether the file changed must not open it either: a FIFO blocks forever.
    (The alarm turns a build that blocks into a failure.)"""
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").unlink()
    os.mkfifo(srcdir / "ideas.md")

    def blocked(*_args: object) -> None:
        raise AssertionError("the build blocked on the FIFO")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(120)
    try:
        app = build(make_app, srcdir)
        assert any("not a regular file" in w and "[ideas.file]" in w for w in warnings(app))
        # nothing changed: quiet, as Sphinx is for pages it does not read again
        app, read = rebuild(make_app, srcdir)
        assert (read, warnings(app)) == ([], [])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_ideas_file_outside_the_source_folder_is_followed(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    outside = tmp_path / "program" / "ideas.md"
    outside.parent.mkdir()
    (srcdir / "ideas.md").rename(outside)
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace(":: ideas.md", ":: ../program/ideas.md"),
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    assert warnings(app) == []
    assert (srcdir / "ideas" / "tikv.rst").is_file()
    text = outside.read_text(encoding="utf-8")
    outside.write_text(text.replace(TIKV_DESCRIPTION, "A plugin runtime."), encoding="utf-8")
    _app, read = rebuild(make_app, srcdir)
    assert read == ["ideas/tikv"]
    # a new preamble is on the host page: that page is read again
    outside.write_text("Our ideas for this term.\n\n" + outside.read_text("utf-8"), "utf-8")
    app, read = rebuild(make_app, srcdir)
    assert "index" in read
    assert "Our ideas for this term." in (Path(app.outdir) / "index.html").read_text("utf-8")


def test_adding_a_project_rewrites_every_page_without_rereading_it(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    first = build(make_app, srcdir)
    refs_html = Path(first.outdir) / "refs.html"
    written = refs_html.stat().st_mtime_ns
    project = "#### Falco\n\n" + NEW_IDEA.replace("Tremor language server", "Rules editor")
    _edit(srcdir, "#### Tremor\n\n", project + "#### Tremor\n\n")
    app, read = rebuild(make_app, srcdir)
    assert "refs" not in read
    assert "ideas/falco" in read
    # re-written: its navigation (sidebar, previous/next) may name the new page
    assert refs_html.stat().st_mtime_ns != written
    _same_as_clean(pages(Path(app.outdir)), _clean_copy(make_app, srcdir, tmp_path))


def test_an_ideas_file_restored_with_its_old_mtime_is_read_again(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    ideas, away = srcdir / "ideas.md", tmp_path / "away.md"
    ideas.rename(away)  # keeps the mtime, as mv and archives do
    gone, _read = rebuild(make_app, srcdir)
    assert any("[ideas.file]" in p for p in warnings(gone))
    away.rename(ideas)
    app, read = rebuild(make_app, srcdir)
    assert "index" in read
    assert warnings(app) == []
    _same_as_clean(pages(Path(app.outdir)), _clean_copy(make_app, srcdir, tmp_path))


def test_the_stub_digest_ignores_line_numbers_and_nothing_else(seed_path: Path) -> None:
    project = next(p for p in load_catalog(seed_path).catalog.projects if p.ideas[0].mentors)
    idea = project.ideas[0]
    mentor = replace(idea.mentors[0], line=idea.mentors[0].line + 3)
    moved_idea = replace(idea, line=idea.line + 3, description_line=9, mentors=(mentor,))
    moved = replace(project, line=project.line + 3, intro_line=7, ideas=(moved_idea,))
    same = replace(project, ideas=(replace(idea, mentors=(idea.mentors[0],)),))
    assert _without_lines(moved) == _without_lines(same)
    # a change deep inside (one mentor's e-mail) still changes what is digested
    other = replace(mentor, email="someone-else@example.org")
    changed = replace(moved, ideas=(replace(moved_idea, mentors=(other,)),))
    assert _without_lines(changed) != _without_lines(moved)


def test_a_no_op_rebuild_does_not_load_the_parse_result(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deciding what to read again compares digests only when the file changed: a no-op
    build in a new process does not unpickle the parse result (0.1 s per 1,000 ideas)."""
    from sphinxcontrib_ideas import _catalogs, pages

    srcdir = make_site(tmp_path, "catalog-rst")
    build(make_app, srcdir)
    monkeypatch.setattr(_catalogs, "_cache", {})  # as in a new process
    monkeypatch.setattr(pages, "_selections", {})
    loaded: list[str] = []
    real = _catalogs._load_cached

    def counting(key: Any, cache_dir: str | None) -> Any:
        loaded.append(key[0])
        return real(key, cache_dir)

    monkeypatch.setattr(_catalogs, "_load_cached", counting)
    _app, read = rebuild(make_app, srcdir)
    assert read == []
    assert loaded == []
    # an edit loads (and parses) it again, and re-reads only what changed
    _edit(srcdir, TIKV_DESCRIPTION, "Implement a plugin runtime.")
    _app, read = rebuild(make_app, srcdir)
    assert read == ["ideas/tikv"]
