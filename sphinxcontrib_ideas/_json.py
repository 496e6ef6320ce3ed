"""``ideas.json`` in the output of every build: the export format plus where things went.

Data flow: the catalogs of this build (as their hosts select them) --(:func:`document_bytes`,
the format of ``sphinx-ideas export``, :func:`.export_document`, in which each catalog,
project, idea, skill and mentor gets the URI the ``ideas`` domain knows for it in this
builder, ``null`` where the builder has none)--> ``<outdir>/ideas.json``, written at
``build-finished`` and only when its text changed. Each project's text is kept from the
file of the last build while nothing it is made of changed (see :func:`_project_text`).

Paths of ideas files are written relative to the source folder, never as the machine's
absolute paths. E-mail addresses are kept only with ``ideas_show_emails``. The EPUB
builder packs every file of its output folder: ``ideas.json`` is added to
``epub_exclude_files`` at ``config-inited`` (the same way every build, so the pickled
configuration still compares equal) and so never enters the book.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import NoUri

from ._catalogs import CatalogSpec, code_stamp, file_state, load, read_cached, write_cached
from ._digests import project_digests
from .config import settings
from .domain import IdeasDomain, ideas_domain
from .ideasfile.export import (
    SCHEMA_VERSION,
    JSONDict,
    catalog_to_dict,
    diagnostics_list,
    mentors_index,
    project_to_dict,
    skills_index,
)
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
    earlier = _Earlier.read(path, cache_dir)
    data, places = document_bytes(app, domain, published, earlier)
    if earlier.data == data:
        os.utime(path)  # same text: mark it current, so the next build that reads nothing skips it
    else:
        _write_atomically(path, data)
    write_cached(
        _FRAGMENTS_CACHE, (code_stamp(), os.fspath(path)), (_sha256(data), *places), cache_dir
    )
    write_cached(_SOURCES_CACHE, os.fspath(path), sources, cache_dir)


#: Name of the on-disk record (beside the parse cache) of the ideas files' digests when
#: ``ideas.json`` was last written, keyed by its path.
_SOURCES_CACHE = "ideas.json sources"
#: Name of the on-disk record of where each project is in the ``ideas.json`` last written.
_FRAGMENTS_CACHE = "ideas.json projects"


#: Where a project's text is in ``ideas.json``: (start, end) in bytes, and the line of its
#: heading then.
_Place = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Earlier:
    """The ``ideas.json`` of the last build: each project's text in it, with the line of
    the project's heading then, by its key (see :func:`_project_text`); and the text of
    its two indices (skills and mentors) with their key (see :func:`_indices_text`)."""

    data: bytes | None = None
    projects: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    indices: tuple[str, bytes] | None = None

    @classmethod
    def read(cls, path: Path, cache_dir: str) -> _Earlier:
        """The file as the last build wrote it; with its parts only if it is unchanged
        since (its digest is the one recorded) and made by this version of the code."""
        try:
            data = path.read_bytes()
        except OSError:
            return cls()
        recorded = read_cached(_FRAGMENTS_CACHE, (code_stamp(), os.fspath(path)), cache_dir)
        if not isinstance(recorded, tuple) or len(recorded) != 3 or recorded[0] != _sha256(data):
            return cls(data)
        places: dict[str, _Place] = recorded[1]
        key, start, end = recorded[2]
        projects = {key: (data[start:end], line) for key, (start, end, line) in places.items()}
        return cls(data, projects, (key, data[start:end]))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` first, then put it in place: never half a file."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
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
        # the same project when it shows all its ideas: its digests are kept for it
        projects = tuple(p if i is p.ideas else replace(p, ideas=i) for p, i in loaded.projects)
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


#: The encoder of the file: compact, so that :mod:`json` uses its C encoder (indented, an
#: edit's rebuild at 2,000 ideas spent 0.6 s on it; compact, 0.05 s).
_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def document_bytes(
    app: Sphinx, domain: IdeasDomain, published: list[_Published], earlier: _Earlier
) -> tuple[bytes, tuple[dict[str, _Place], tuple[str, int, int]]]:
    """The export document of ``published`` with the URIs of this build, as UTF-8 JSON;
    and where its parts are in it, by their keys (see :func:`_project_text` and
    :func:`_indices_text`), to give as ``earlier`` to the next build.

    Written part by part, in the order and with the keys :func:`.export_document` and the
    URIs give: each project's text is taken from ``earlier`` (the last build's file) when
    its key is there, so an edit of one idea encodes one project again, not the catalog
    (nor the projects below it, whose line numbers are moved in their text); so are the
    indices, unless what they list changed.
    """
    include = settings(app.config).show_emails
    uris = _Uris(app.builder, domain, app.config.root_doc)
    parts: list[bytes] = []
    where: dict[str, _Place] = {}
    size = 0

    def put(part: bytes) -> None:
        nonlocal size
        parts.append(part)
        size += len(part)

    put(b'{"schema_version":' + _dumps(SCHEMA_VERSION).encode() + b',"catalogs":[')
    for number, item in enumerate(published):
        catalog = item.result.catalog
        head = _dumps(catalog_to_dict(catalog, include_emails=include, with_projects=False))
        put((b"," if number else b"") + head[:-1].encode() + b',"projects":[')
        for count, project in enumerate(catalog.projects):
            if count:
                put(b",")
            key, text = _project_text(project, item.spec, uris, include, earlier.projects)
            where[key] = (size, size + len(text), project.line)
            put(text)
        put(b'],"uri":' + _dumps(uris.page(item.spec.host)).encode() + b"}")
    put(b"],")
    key, text = _indices_text(app, domain, published, uris, include, earlier.indices)
    indices = (key, size, size + len(text))
    put(text)
    problems = diagnostics_list([item.result for item in published], include_emails=include)
    put(b',"diagnostics":' + _dumps(problems).encode() + b"}\n")
    return b"".join(parts), (where, indices)


def _indices_text(
    app: Sphinx,
    domain: IdeasDomain,
    published: list[_Published],
    uris: _Uris,
    include: bool,
    earlier: tuple[str, bytes] | None,
) -> tuple[str, bytes]:
    """The ``"skills":[...],"mentors":[...]`` part of the document, and its key: a digest
    of what it is made from (what lists show of each project, the generated pages, the
    builder), under which the last build's text is taken again."""
    made_of = (
        include,
        app.builder.name,
        app.config.root_doc,
        sorted(domain.data["pages"]),
        [
            (
                item.spec,
                item.result.catalog.source,
                [(p.slug, project_digests(p).listed) for p in item.result.catalog.projects],
            )
            for item in published
        ],
    )
    key = _sha256(repr(made_of).encode())
    if earlier is not None and earlier[0] == key:
        return earlier
    catalogs = [item.result.catalog for item in published]
    indices = {
        "skills": skills_index(catalogs),
        "mentors": mentors_index(catalogs, include_emails=include),
    }
    _add_index_uris(indices, uris, published)
    return key, _dumps(indices)[1:-1].encode()


def _project_text(
    project: Project,
    spec: CatalogSpec,
    uris: _Uris,
    include: bool,
    earlier: Mapping[str, tuple[bytes, int]],
) -> tuple[str, bytes]:
    """A project's JSON text with its URIs, and its key: a digest of all it is made of but
    the line of its heading. The text of a project with the same key in ``earlier`` is
    taken, with its line numbers moved if the project moved."""
    project_uri = uris.object("project", spec.object_name(project.slug))
    idea_uris = [uris.object("idea", spec.object_name(project.slug, i.slug)) for i in project.ideas]
    digests = project_digests(project)
    made_of = (digests.content, digests.shape, include, project_uri, idea_uris)
    key = _sha256(repr(made_of).encode())
    if key in earlier:
        text, line = earlier[key]
        return key, _moved(text, project.line - line)
    data = project_to_dict(project, include_emails=include)
    for idea, uri in zip(data["ideas"], idea_uris, strict=True):
        idea["uri"] = uri
    data["uri"] = project_uri
    return key, _dumps(data).encode()


#: A line number in a project's text (quotes inside JSON strings are escaped: a key).
_LINE_NUMBER = re.compile(rb'("(?:line|description_line|intro_line)":)(\d+)')


def _moved(text: bytes, delta: int) -> bytes:
    """A project's JSON text with every line number but 0 ("none") moved by ``delta``."""
    if not delta:
        return text

    def move(found: re.Match[bytes]) -> bytes:
        number = int(found.group(2))
        return found.group(1) + str(number + delta if number else 0).encode()

    return _LINE_NUMBER.sub(move, text)


class _Uris:
    """URIs of documents and domain objects in one builder; None where it has none."""

    def __init__(self, builder: Builder, domain: IdeasDomain, root_doc: str) -> None:
        self.builder = builder
        self.domain = domain
        self.root_doc = root_doc
        #: Each document's URI, asked once (thousands of objects share a few pages).
        self._targets: dict[str, str | None] = {}
        #: Each object's URI, by type and name: an idea is named by its project and by
        #: every skill and mentor entry it is listed under.
        self._objects: dict[tuple[str, str], str | None] = {}

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
        key = (objtype, name)
        if key not in self._objects:
            entry = self.domain.table(objtype).get(name)
            self._objects[key] = self.page(entry.docname, anchor=entry.anchor) if entry else None
        return self._objects[key]


def _add_index_uris(document: JSONDict, uris: _Uris, published: list[_Published]) -> None:
    """Give every skill, mentor and idea reference of the two indices its URI."""
    specs = {p.result.catalog.source: p.spec for p in published}
    for kind, objtype in (("skills", "skill"), ("mentors", "mentor")):
        for entry in document[kind]:
            entry["uri"] = uris.object(objtype, entry["slug"])
            for ref in entry["ideas"]:
                name = specs[ref["source"]].object_name(ref["project"], ref["idea"])
                ref["uri"] = uris.object("idea", name)
