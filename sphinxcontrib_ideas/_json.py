"""``ideas.json`` in the output of every build: the export format plus where things went.

Data flow: the catalogs of this build (as their hosts select them) --(:func:`.export_document`,
the format of ``sphinx-ideas export``)--> a JSON document --(:func:`add_uris`: each
catalog, project, idea, skill and mentor gets the URI the ``ideas`` domain knows for it in
this builder, ``null`` where the builder has none)--> ``<outdir>/ideas.json``, written at
``build-finished`` and only when its text changed.

Paths of ideas files are written relative to the source folder, never as the machine's
absolute paths. E-mail addresses are kept only with ``ideas_show_emails``. The EPUB
builder packs every file of its output folder: ``ideas.json`` is added to
``epub_exclude_files`` at ``config-inited`` (the same way every build, so the pickled
configuration still compares equal) and so never enters the book.
"""

from __future__ import annotations

import filecmp
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import NoUri

from ._catalogs import CatalogSpec, file_state, load, read_cached, write_cached
from .config import settings
from .domain import IdeasDomain, ideas_domain
from .ideasfile.export import JSONDict, export_document
from .ideasfile.model import ParseResult, Project
from .pages import load_catalogs

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

FILENAME = "ideas.json"


@dataclass(frozen=True, slots=True)
class _Published:
    """A catalog as this build publishes it."""

    spec: CatalogSpec
    result: ParseResult


def exclude_from_epub(app: Sphinx, config: Config) -> None:
    """``config-inited``: keep ``ideas.json`` out of the EPUB's manifest on later builds."""
    if config.ideas_json and FILENAME not in config.epub_exclude_files:
        config.epub_exclude_files = [*config.epub_exclude_files, FILENAME]


def write_ideas_json(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``ideas.json`` when the build succeeded and it changed."""
    if exception is not None or not app.config.ideas_json:
        return
    if not app.builder.format:
        return  # linkcheck, gettext, dummy: builders that write no documents
    path = Path(app.outdir) / FILENAME
    domain = ideas_domain(app.env)
    cache_dir = os.fspath(app.doctreedir)
    # the ideas files' digests when the file was last written: an edit that changes only
    # a problem of the file (in ideas.json) makes no page read again
    sources = tuple(file_state(spec.path) for spec in domain.catalogs)
    written_from = read_cached(_SOURCES_CACHE, os.fspath(path), cache_dir)
    if written_from == sources and _up_to_date(path, app.env.all_docs.values()):
        return
    published = _published(app, domain)
    if not published:
        return  # a project without catalogs gets no file
    _write_if_changed(path, build_document(app, domain, published))
    write_cached(_SOURCES_CACHE, os.fspath(path), sources, cache_dir)


#: Name of the on-disk record (beside the parse cache) of the ideas files' digests when
#: ``ideas.json`` was last written, keyed by its path.
_SOURCES_CACHE = "ideas.json sources"


def _write_if_changed(path: Path, document: JSONDict) -> None:
    """Write ``document`` to ``path`` unless the file already holds the same text.

    Written to a file beside it and compared there, not in memory: the old file's text
    need not be held too. Compact, not indented: only then does :mod:`json` use its C
    encoder (an edit's rebuild at 2,000 ideas spent 0.6 s writing the file indented, 0.05 s
    compact); the text is held once, about 3.5 KB per idea.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    with partial.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.write("\n")
    del text
    if path.is_file() and filecmp.cmp(partial, path, shallow=False):
        partial.unlink()
        # Same text: mark it current, so the next build that reads nothing skips it.
        os.utime(path)
    else:
        os.replace(partial, path)


def _up_to_date(path: Path, read_times: Iterable[int]) -> bool:
    """Whether ``path`` is newer than every document's last reading (microseconds).

    Everything in ``ideas.json`` comes from the ideas files (whose digests the caller
    compares) and from what the documents recorded when read: the objects and their pages.
    A build that read nothing (a no-op) therefore cannot change it, and skipping the export
    and its comparison keeps a no-op build as cheap as one without us.
    """
    try:
        written = path.stat().st_mtime_ns // 1_000
    except OSError:
        return False
    return all(read < written for read in read_times)


def _published(app: Sphinx, domain: IdeasDomain) -> list[_Published]:
    """Each catalog with pages, cut down to what its host shows, under a relative name."""
    current = settings(app.config)
    published = []
    cache_dir = os.fspath(app.doctreedir)
    for loaded in load_catalogs(domain.catalogs, current, cache_dir=cache_dir):
        name = public_source(os.fspath(app.srcdir), loaded.spec.path)
        projects = tuple(replace(p, ideas=ideas) for p, ideas in loaded.projects)
        catalog = replace(loaded.catalog, source=name, projects=projects)
        parsed = load(
            loaded.spec.path,
            skill_aliases=current.skill_aliases,
            reading=loaded.spec.reading,
            cache_dir=cache_dir,
        )
        found = parsed.diagnostics if isinstance(parsed, ParseResult) else ()
        diagnostics = tuple(replace(d, source=name) for d in found)
        published.append(_Published(loaded.spec, ParseResult(catalog, diagnostics)))
    return published


def public_source(srcdir: str, path: str) -> str:
    """An ideas file's path as published: relative to the source folder, ``/``-separated."""
    return Path(os.path.relpath(path, srcdir)).as_posix()


def build_document(app: Sphinx, domain: IdeasDomain, published: list[_Published]) -> JSONDict:
    """The export document of ``published``, with URIs of this build."""
    document = export_document(
        [p.result for p in published], include_emails=settings(app.config).show_emails
    )
    add_uris(document, _Uris(app.builder, domain, app.config.root_doc), published)
    return document


class _Uris:
    """URIs of documents and domain objects in one builder; None where it has none."""

    def __init__(self, builder: Builder, domain: IdeasDomain, root_doc: str) -> None:
        self.builder = builder
        self.domain = domain
        self.root_doc = root_doc
        #: Each document's URI, asked once (thousands of objects share a few pages).
        self._targets: dict[str, str | None] = {}

    def page(self, docname: str | None, *, anchor: str = "") -> str | None:
        """The URI of ``docname`` (at ``anchor``) relative to the output folder."""
        if docname is None or self.builder.format != "html":
            return None  # text, latex, man...: no addressable pages
        if docname not in self._targets:
            try:
                self._targets[docname] = self.builder.get_target_uri(docname)
            except NoUri:
                self._targets[docname] = None
        uri = self._targets[docname]
        if uri is None:
            return None
        if uri.startswith("#"):
            # one page holds every document (singlehtml): its anchors are unique in it
            page = self.root_doc + getattr(self.builder, "out_suffix", ".html")
            return f"{page}#{anchor}" if anchor else page + uri
        return f"{uri}#{anchor}" if anchor else uri

    def object(self, objtype: str, name: str) -> str | None:
        """The URI of the ``ideas`` object ``name``, or None if it has no page here."""
        entry = self.domain.table(objtype).get(name)
        return self.page(entry.docname, anchor=entry.anchor) if entry else None


def add_uris(document: JSONDict, uris: _Uris, published: list[_Published]) -> None:
    """Give every catalog, project, idea, skill, mentor and idea reference its URI."""
    specs = {p.result.catalog.source: p.spec for p in published}
    for catalog, item in zip(document["catalogs"], published, strict=True):
        spec = item.spec
        catalog["uri"] = uris.page(spec.host)
        for project, model in zip(catalog["projects"], item.result.catalog.projects, strict=True):
            _add_project_uris(project, model, spec, uris)
    for kind, objtype in (("skills", "skill"), ("mentors", "mentor")):
        for entry in document[kind]:
            entry["uri"] = uris.object(objtype, entry["slug"])
            for ref in entry["ideas"]:
                name = specs[ref["source"]].object_name(ref["project"], ref["idea"])
                ref["uri"] = uris.object("idea", name)


def _add_project_uris(project: JSONDict, model: Project, spec: CatalogSpec, uris: _Uris) -> None:
    project["uri"] = uris.object("project", spec.object_name(model.slug))
    for idea in project["ideas"]:
        idea["uri"] = uris.object("idea", spec.object_name(model.slug, idea["slug"]))
