"""Which catalogs a project has, where their pages go, and their parsed content.

Data flow: source files --(:func:`scan_sources`, at ``config-inited``, before anything is
read)--> :class:`DirectiveUse` --(:func:`plan_catalogs`)--> :class:`CatalogSpec` (one per
ideas file with generated pages) --> the page generator, directives and domain.
:func:`load` reads and parses an ideas file through the reader, memoised by path and a
digest of the file's bytes *outside* the environment: with ``-j`` everything on ``env``
is pickled back from every worker, and a no-op build must not parse again.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

import markdown_it

from ._digests import placed, project_digests, remember
from .filters import IdeaFilter
from .ideasfile._blocks import PieceCache
from .ideasfile._memo import SectionMemo
from .ideasfile._splice import splice
from .ideasfile.model import Catalog, Idea, ParseResult, Project, slugify, unique_slug
from .ideasfile.options import NO_READING, ReadingOptions, reading_options
from .ideasfile.reader import IdeasFileError, load_catalog, read_ideas_file

#: Names a project page cannot take in a single-catalog pages folder.
_RESERVED_PAGES = frozenset({"skills", "mentors", "dashboard", "index"})

_RST_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+ideas-catalog::[ \t]*(?P<arg>.*)$")
_MYST_FENCE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*\{ideas-catalog\}[ \t]*(?P<arg>.*)$"
)
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_RST_CODE = re.compile(r"^[ \t]*\.\.[ \t]+(code-block|code|sourcecode|parsed-literal)::")
_OPTION = re.compile(r"^[ \t]*:(?P<name>[\w-]+):(?:[ \t]+(?P<value>.*))?$")
_YAML_OPTION = re.compile(r"^[ \t]*(?P<name>[\w-]+):(?:[ \t]+(?P<value>.*))?$")


@dataclass(frozen=True, slots=True)
class DirectiveUse:
    """An ``ideas-catalog`` directive found by scanning a source file."""

    #: The page holding it.
    docname: str
    #: The argument as written.
    argument: str
    #: Absolute path of the ideas file, resolved like ``literalinclude``.
    path: str
    #: Option name -> value ("" for flags).
    options: tuple[tuple[str, str], ...]

    @property
    def no_pages(self) -> bool:
        """Whether the catalog is rendered inline, without generated pages."""
        return any(name == "no-pages" for name, _ in self.options)

    def option(self, name: str) -> str:
        """The value of option ``name``, or ``""``."""
        return next((value for key, value in self.options if key == name), "")


@dataclass(frozen=True, slots=True)
class CatalogSpec:
    """An ideas file whose projects get generated pages."""

    #: Short stable name: the file's stem as a slug, with folders when names clash.
    key: str
    #: Absolute path of the ideas file.
    path: str
    #: Path relative to the source folder (``None`` when outside it).
    relpath: str | None
    #: The page with the first ``ideas-catalog`` directive naming it, or None.
    host: str | None
    #: Docname prefix of its pages: ``ideas`` or ``ideas/<key>``.
    pages_dir: str
    #: Whether object names carry the key (there are several catalogs).
    qualified: bool
    #: The host directive's options (its selection applies to the generated pages).
    options: tuple[tuple[str, str], ...] = ()
    #: Shown whole on its host page (``:no-pages:``), without generated pages.
    inline: bool = False
    #: How the file is read: ``ideas_reading``, then its ``ideas_catalogs`` entry, then the
    #: options of the first directive naming it, each over the one before.
    reading: ReadingOptions = NO_READING

    @property
    def label(self) -> str | None:
        """The name the host gives the catalog (``:label:`` or its alias ``:term:``)."""
        values = dict(self.options)
        return (values.get("label") or values.get("term") or "").strip() or None

    def object_name(self, *parts: str) -> str:
        """A domain object name: the parts dotted, behind the key when qualified."""
        return ".".join((self.key, *parts) if self.qualified else parts)

    def project_docname(self, project_slug: str) -> str:
        """The generated page of a project."""
        page = project_slug
        if not self.qualified and page in _RESERVED_PAGES:
            page += "-project"
        return f"{self.pages_dir}/{page}"


def resolve_argument(srcdir: str, docname_path: str, argument: str) -> str:
    """Absolute path of a directive argument, as ``env.relfn2path`` resolves it.

    A leading ``/`` means the source folder; otherwise it is relative to the folder of
    the page (``docname_path`` is the page's file path relative to ``srcdir``).
    """
    name = argument.strip()
    if name.startswith(("/", "\\")):
        return os.path.normpath(os.path.join(srcdir, name.lstrip("/\\")))
    return os.path.normpath(os.path.join(srcdir, os.path.dirname(docname_path), name))


def scan_text(text: str) -> Iterator[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every ``ideas-catalog`` directive in a page: (argument, options).

    Finds rST (``.. ideas-catalog:: x``) and both MyST fences, as autosummary finds its
    directives: by pattern, before any page is parsed.
    """
    lines = text.splitlines()
    for number in _live_lines(lines):
        line = lines[number]
        match = _RST_DIRECTIVE.match(line) or _MYST_FENCE.match(line)
        if match and match.group("arg").strip():
            yield match.group("arg").strip(), tuple(_options_after(lines, number + 1))


def _live_lines(lines: list[str]) -> Iterator[int]:
    """Numbers of the lines that are not inside a code sample.

    Documentation shows the directive in code blocks (how to use this extension!); a
    directive there must not plan a catalog. Skipped: MyST code fences (not directive
    fences, whose content is Markdown again), rST code directives and ``::`` literal
    blocks, by indentation.
    """
    code_fence: str | None = None
    directive_fences: list[str] = []
    literal_indent: int | None = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if code_fence is not None:
            if _closes(stripped, code_fence):
                code_fence = None
            continue
        if literal_indent is not None:
            if not stripped or indent > literal_indent:
                continue
            literal_indent = None
        if fence := _FENCE.match(line):
            marker, info = fence.group("fence"), fence.group("info").strip()
            if directive_fences and not info and _closes(stripped, directive_fences[-1]):
                directive_fences.pop()
            elif info.startswith("{") and not info.startswith("{code"):
                directive_fences.append(marker)
                yield number
            else:
                code_fence = marker
            continue
        if _RST_CODE.match(line) or (stripped.endswith("::") and not stripped.startswith("..")):
            literal_indent = indent
        yield number


def _closes(stripped: str, fence: str) -> bool:
    """Whether a line closes a fence opened with ``fence``."""
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _options_after(lines: list[str], start: int) -> Iterator[tuple[str, str]]:
    """The option block under a directive line: ``:name: value`` lines or MyST's ``---`` YAML."""
    index = start
    yaml = index < len(lines) and lines[index].strip() == "---"
    if yaml:
        index += 1
    pattern = _YAML_OPTION if yaml else _OPTION
    while index < len(lines):
        line = lines[index]
        match = pattern.match(line)
        if not match or (yaml and line.strip() == "---"):
            return
        yield match.group("name"), (match.group("value") or "").strip()
        index += 1


def scan_sources(srcdir: str, sources: Iterable[tuple[str, str]]) -> list[DirectiveUse]:
    """The directives in ``sources`` ((docname, path relative to srcdir)), in docname order."""
    uses = []
    for docname, relpath in sorted(sources):
        source = Path(srcdir, relpath)
        try:
            if not S_ISREG(source.stat().st_mode):
                continue  # a FIFO or a device named like a page would block the build
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for argument, options in scan_text(text):
            path = resolve_argument(srcdir, relpath, argument)
            uses.append(DirectiveUse(docname, argument, path, options))
    return uses


#: The directive options that correct the reading, and their ``ideas_reading`` keys.
READING_OPTIONS = {
    "labels": "labels",
    "project-level": "project_level",
    "idea-level": "idea_level",
    "project-name": "project_name",
    "exclude-sections": "exclude_sections",
}


def option_pairs(options: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """A directive's parsed options as (name, text) pairs, a flag's text being ``""``: the
    form :func:`make_filter`, :func:`directive_reading` and the scan of sources share."""
    return tuple((name, str(value or "")) for name, value in options.items())


def directive_reading(options: Iterable[tuple[str, str]]) -> ReadingOptions:
    """The reading options a directive gives; raises :class:`ValueError` for a bad one.

    ``:labels: Desirable Skills=skills, Coding Mentors=mentors`` maps spellings to
    fields; ``:exclude-sections:`` is a comma-separated list of titles.
    """
    data: dict[str, object] = {}
    for name, value in options:
        key = READING_OPTIONS.get(name)
        if key == "labels":
            pairs = [item.partition("=") for item in split_list(value)]
            if any(not sep for _, sep, _ in pairs):
                raise ValueError(f":labels: expects Spelling=field pairs, got {value!r}")
            data[key] = {spelling.strip(): field.strip() for spelling, _, field in pairs}
        elif key is not None:
            data[key] = value
    return reading_options(data)


def split_list(value: str) -> tuple[str, ...]:
    """A comma-separated option value as a tuple of stripped, non-empty items."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


def plan_catalogs(
    srcdir: str,
    uses: Iterable[DirectiveUse],
    extras: Iterable[tuple[str, str | None, ReadingOptions]],
    *,
    pages_dir: str,
    reading: ReadingOptions = NO_READING,
) -> tuple[CatalogSpec, ...]:
    """One spec per ideas file with generated pages; the first directive naming it hosts it.

    ``extras`` are the (path, label, reading options) entries of ``ideas_catalogs``; a
    host's own ``:label:`` wins over the label given there. ``reading`` is
    ``ideas_reading``, which an entry's and then the first directive's options refine.
    """
    hosts: dict[str, DirectiveUse | None] = {}
    labels: dict[str, str] = {}
    readings: dict[str, ReadingOptions] = {}
    for use in uses:
        if not use.no_pages:
            hosts.setdefault(use.path, use)
    for extra, label, extra_reading in extras:
        path = resolve_argument(srcdir, "", "/" + extra.lstrip("/"))
        hosts.setdefault(path, None)
        if label:
            labels.setdefault(path, label)
        readings.setdefault(path, extra_reading.over(reading))
    readings = _with_directive_readings(uses, readings, reading)
    # a file shown only with :no-pages: is a catalog too: listings and the indices
    # include it, and its names are qualified like the others'
    inline: dict[str, DirectiveUse] = {}
    for use in uses:
        if use.no_pages and use.path not in hosts:
            inline.setdefault(use.path, use)
    qualified = len(hosts) + len(inline) > 1
    keys = assign_keys(srcdir, [*hosts, *inline])
    specs = []
    for path, host in hosts.items():
        key = keys[path]
        specs.append(
            CatalogSpec(
                key=key,
                path=path,
                relpath=_inside(srcdir, path),
                host=host.docname if host else None,
                pages_dir=f"{pages_dir}/{key}" if qualified else pages_dir,
                qualified=qualified,
                options=_with_label(host.options if host else (), labels.get(path)),
                reading=readings.get(path, reading),
            )
        )
    for path, use in inline.items():
        key = keys[path]
        specs.append(
            CatalogSpec(
                key=key,
                path=path,
                relpath=_inside(srcdir, path),
                host=use.docname,
                pages_dir="",
                qualified=qualified,
                options=use.options,
                inline=True,
                reading=readings.get(path, reading),
            )
        )
    return tuple(specs)


def _with_directive_readings(
    uses: Iterable[DirectiveUse], readings: dict[str, ReadingOptions], base: ReadingOptions
) -> dict[str, ReadingOptions]:
    """Each file's reading with the options of its host directive on top.

    The host is the first directive naming the file that generates its pages, else the
    first naming it at all.

    A directive with a bad reading option adds nothing here; it reports the problem
    itself when it runs.
    """
    result = dict(readings)
    seen: set[str] = set()
    # the directive hosting a file's pages first: the one the docs call "the first"
    hosting_first = sorted(uses, key=lambda use: use.no_pages)
    for use in hosting_first:
        if use.path in seen:
            continue
        seen.add(use.path)
        try:
            own = directive_reading(use.options)
        except ValueError:
            continue
        result[use.path] = own.over(readings.get(use.path, base))
    return result


def _with_label(
    options: tuple[tuple[str, str], ...], label: str | None
) -> tuple[tuple[str, str], ...]:
    """A host's options, with the label from ``ideas_catalogs`` unless the host names one."""
    if not label or any(name in {"label", "term"} and value for name, value in options):
        return options
    return (*options, ("label", label))


def assign_keys(srcdir: str, paths: Iterable[str]) -> dict[str, str]:
    """A short, readable key per ideas file: its name as a slug, or, for files of the same
    name in different folders, as many of its folders as tell it apart (``2021-ideas``).

    Derived from the path alone, so a key does not depend on the order the files are
    found in, and stays as it is while the files keep their places.
    """
    parts = {path: _path_parts(srcdir, path) for path in paths}
    by_name: dict[str, list[str]] = {}
    for path, names in parts.items():
        by_name.setdefault(slugify(names[-1]), []).append(path)
    taken: set[str] = set(_RESERVED_PAGES)
    keys = {}
    for name, group in by_name.items():
        depth = _telling_depth([parts[p] for p in group]) if len(group) > 1 else 1
        for path in group:
            wanted = slugify("-".join(parts[path][-depth:])) if depth else name
            keys[path] = unique_slug(wanted or "catalog", taken)
    return keys


def _path_parts(srcdir: str, path: str) -> tuple[str, ...]:
    """The folders and stem of ``path`` relative to ``srcdir`` (``..`` steps left out)."""
    relative = Path(os.path.relpath(path, srcdir)).with_suffix("")
    return tuple(p for p in relative.parts if p not in {os.pardir, os.curdir}) or ("catalog",)


def _telling_depth(group: list[tuple[str, ...]]) -> int:
    """The fewest trailing path parts that tell every path of ``group`` apart; 0 if none do."""
    for depth in range(2, max(len(parts) for parts in group) + 1):
        if len({slugify("-".join(parts[-depth:])) for parts in group}) == len(group):
            return depth
    return 0


def _inside(srcdir: str, path: str) -> str | None:
    relative = os.path.relpath(path, srcdir)
    if relative.startswith(os.pardir) or os.path.isabs(relative):
        return None
    return Path(relative).as_posix()


# -- the parse cache ------------------------------------------------------------------

_CacheKey = tuple[str, str, tuple[tuple[str, str], ...], ReadingOptions, tuple[int, ...]]
_cache: dict[_CacheKey, ParseResult | IdeasFileError] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 32


def load(
    path: str,
    *,
    skill_aliases: Mapping[str, str],
    reading: ReadingOptions = NO_READING,
    cache_dir: str | None = None,
) -> ParseResult | IdeasFileError:
    """The parsed ideas file at ``path``, or the error that keeps it from being read.

    Memoised on (path, digest of its bytes, aliases, reading options): in this process (forked
    parallel readers inherit it) and, given ``cache_dir`` (the doctree folder), on disk,
    so that a no-op build in a new process does not parse the file again.
    """
    state = file_state(path)
    if state is None:
        return _load_uncached(path, skill_aliases, reading)
    aliases = tuple(sorted(skill_aliases.items()))
    key = (path, state, aliases, reading, code_stamp())
    with _cache_lock:
        if key not in _cache:
            if len(_cache) >= _CACHE_SIZE:
                _cache.clear()
            cached = _load_cached(key, cache_dir)
            if cached is None:
                text = _text(path)
                result: ParseResult | IdeasFileError | None
                result = _spliced(key, text, skill_aliases, reading, cache_dir)
                if result is None:  # an edit the splice cannot take: the whole file
                    pieces = _load_pieces(path, cache_dir)
                    result = _load_uncached(path, skill_aliases, reading, pieces)
                    _store_pieces(path, pieces, cache_dir)
                _cache[key] = result
                _store(key, result, text, cache_dir)
            else:  # already on disk: writing it back would only cost the no-op build time
                _cache[key] = cached
        return _cache[key]


@functools.cache
def code_stamp() -> tuple[int, ...]:
    """Modification times of the package's modules, the reader's subpackage included: a
    cached result made by another version of the parser (which spans many private
    modules) is not used."""
    return tuple(path.stat().st_mtime_ns for path in sorted(Path(__file__).parent.rglob("*.py")))


#: A digest of a file's bytes, or None when it cannot be read.
FileState = str | None

#: (path, mtime, ctime, size, inode) -> the digest of the file's bytes, per process.
_digests: dict[tuple[str, int, int, int, int], str] = {}
_DIGESTS_SIZE = 64


def file_state(path: str) -> FileState:
    """What tells whether an ideas file changed: a digest of its bytes.

    A file saved again unchanged (an editor's save, a checkout, ``touch``) keeps its
    digest, so the build that follows costs what a no-op build costs; a file edited back
    and forth, or whose time went backwards, is still told apart. The digest is taken
    once per process and version of the file (it is asked for on every project page).
    """
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None  # a FIFO or a device would block or never end; the reader says why
    key = (path, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
    found = _digests.get(key)
    if found is None:
        try:
            with open(path, "rb") as stream:
                found = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            return None
        if len(_digests) >= _DIGESTS_SIZE:
            _digests.clear()
        _digests[key] = found
    return found


def read_cached(name: str, key: object, cache_dir: str | None) -> object | None:
    """What :func:`write_cached` stored under ``name`` in ``cache_dir`` with an equal
    ``key``; None when there is none, it is unreadable, or it was stored under another key."""
    if cache_dir is None:
        return None
    try:
        with _cache_file(name, cache_dir).open("rb") as stream, _collector_paused():
            # the key first, on its own: a stale value (the file was edited) is not loaded
            if pickle.load(stream) != key:
                return None
            value: object = pickle.load(stream)
            return value
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
        return None  # e.g. a cache from another version of the model


def read_cached_entry(name: str, cache_dir: str | None) -> tuple[object, object] | None:
    """The key and value :func:`write_cached` last stored under ``name``, whatever the
    key; None when there is none or it is unreadable."""
    if cache_dir is None:
        return None
    try:
        with _cache_file(name, cache_dir).open("rb") as stream, _collector_paused():
            key: object = pickle.load(stream)
            value: object = pickle.load(stream)
            return key, value
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
        return None


def write_cached(name: str, key: object, value: object, cache_dir: str | None) -> None:
    """Keep ``value`` on disk under ``name`` for the next build that asks with ``key``."""
    if cache_dir is None:
        return
    target = _cache_file(name, cache_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream, _collector_paused():
            pickle.dump(key, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, target)  # atomic: parallel writers never leave half a file
    except OSError:
        pass  # a cache that cannot be written only costs time


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a cached value is loaded or stored.

    Unpickling makes hundreds of thousands of tuples and objects, none of them garbage;
    each few hundred would start a collection that walks the young ones again (pickling a
    parse at 2,000 ideas took three times as long with the collector on).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cache_file(name: str, cache_dir: str) -> Path:
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:24]
    return Path(cache_dir, "sphinxcontrib-ideas", f"{digest}.pickle")


def _load_cached(key: _CacheKey, cache_dir: str | None) -> ParseResult | None:
    kept = read_cached(repr(key[0]), key, cache_dir)
    if not isinstance(kept, tuple) or len(kept) != 3 or not isinstance(kept[1], ParseResult):
        return None
    result: ParseResult = kept[1]
    remember(result.catalog.projects, kept[2])
    return result


def _store(
    key: _CacheKey, result: ParseResult | IdeasFileError, text: str | None, cache_dir: str | None
) -> None:
    """Keep the parse for the next build, with the text it was made from (``None`` when
    the file could not be read as it is, which a splice would not see) and the digests of
    its projects (taken now if not yet: the build takes them anyway)."""
    if isinstance(result, ParseResult):
        digests = tuple(project_digests(project) for project in result.catalog.projects)
        write_cached(repr(key[0]), key, (text, result, digests), cache_dir)


def _text(path: str) -> str | None:
    """The text of ``path`` as the parser gets it, or None if reading it reported
    anything (a wrong encoding: the parse result then holds those problems too)."""
    try:
        text, problems = read_ideas_file(path, source=path)
    except IdeasFileError:
        return None
    return None if problems else text


def _spliced(
    key: _CacheKey,
    text: str | None,
    skill_aliases: Mapping[str, str],
    reading: ReadingOptions,
    cache_dir: str | None,
) -> ParseResult | None:
    """The parse of ``text`` spliced from the kept parse of the file's last version, made
    with the same options and code, when the edit between them allows (see
    :mod:`.ideasfile._splice`); None otherwise."""
    if text is None:
        return None
    kept = read_cached_entry(repr(key[0]), cache_dir)
    if kept is None:
        return None
    earlier_key, value = kept
    if not isinstance(earlier_key, tuple) or earlier_key[2:] != key[2:] or earlier_key[0] != key[0]:
        return None
    if not isinstance(value, tuple) or len(value) != 3:
        return None
    earlier_text, earlier, digests = value
    if not isinstance(earlier_text, str) or not isinstance(earlier, ParseResult):
        return None
    made = splice(
        earlier_text,
        earlier,
        text,
        source=key[0],
        skill_aliases=dict(skill_aliases) or None,
        reading=reading,
    )
    if made is None:
        return None
    # the digests of the projects kept from the earlier parse are those kept with it; of
    # those moved below the edit, all but the one with line numbers
    projects = made.result.catalog.projects
    for number, (project, before) in enumerate(
        zip(projects, earlier.catalog.projects, strict=True)
    ):
        had = digests[number]
        if project is before:
            remember([project], [had])
        elif number != made.edited:
            remember([project], [had._replace(placed=placed(had.content, had.shape, project.line))])
    return made.result


def _pieces_key() -> tuple[object, ...]:
    """What the tokenised pieces of a file depend on besides its text."""
    return (code_stamp(), markdown_it.__version__)


def _load_pieces(path: str, cache_dir: str | None) -> PieceCache:
    """The pieces of ``path`` as its last parse tokenised them, and what that parse read
    each section as (none without a cache).

    An edit changes the file, so its whole parse cannot be reused; its pieces (from one
    top-level heading to the next) and the readings of its sections mostly can: an edit
    to one idea tokenises one piece and reads one section again.
    """
    earlier = read_cached(f"pieces:{path!r}", _pieces_key(), cache_dir)
    pieces, sections = earlier if isinstance(earlier, tuple) and len(earlier) == 2 else ({}, {})
    return PieceCache(
        pieces if isinstance(pieces, dict) else None,
        sections=SectionMemo(sections if isinstance(sections, dict) else None),
    )


def _store_pieces(path: str, pieces: PieceCache, cache_dir: str | None) -> None:
    if pieces.used:  # only this read's pieces: the cache never outgrows the file
        sections = pieces.sections.kept() if pieces.sections is not None else {}
        write_cached(f"pieces:{path!r}", _pieces_key(), (pieces.used, sections), cache_dir)


def _load_uncached(
    path: str,
    skill_aliases: Mapping[str, str],
    reading: ReadingOptions,
    pieces: PieceCache | None = None,
) -> ParseResult | IdeasFileError:
    try:
        return load_catalog(
            path,
            source=path,
            skill_aliases=dict(skill_aliases) or None,
            reading=reading,
            pieces=pieces,
        )
    except IdeasFileError as error:
        return error


def make_filter(options: Iterable[tuple[str, str]]) -> IdeaFilter:
    """The selection a directive's options describe: the one place options become a filter.

    Raises :class:`~.filters.FilterError` for a bad ``:filter:`` expression.
    """
    values = dict(options)
    return IdeaFilter.from_options(
        projects=split_list(values.get("projects", "")),
        skills=split_list(values.get("skills", "")),
        mentors=split_list(values.get("mentors", "")),
        catalogs=split_list(values.get("catalogs", "")),
        expression=values.get("filter", ""),
    )


def selected(catalog: Catalog, selection: IdeaFilter) -> Iterator[tuple[Project, tuple[Idea, ...]]]:
    """Each project with at least one selected idea, with those ideas, in file order.

    Without a selection every project is shown, even one with no ideas (yet).
    """
    everything = selection == IdeaFilter()
    for project in catalog.projects:
        if not selection.matches_project(catalog, project):
            continue
        ideas = tuple(i for i in project.ideas if selection.matches(catalog, project, i))
        if ideas or everything:
            yield project, ideas
