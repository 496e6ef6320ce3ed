"""The catalog model: what the parser produces and everything else consumes.

Data flow: ``ideas.md`` --(parser)--> :class:`Catalog` --> CLI export, Sphinx pages,
domain objects. Records are frozen, slotted and picklable (Sphinx pickles them into
the environment and sends them between parallel workers). Every record carries the
1-based ``line`` in the ideas file it came from. No Sphinx import here.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Literal, TypeVar

Severity = Literal["warning", "error"]

_Record = TypeVar("_Record", bound=type)

#: Names of the record fields that hold 1-based line numbers of the ideas file (0: none):
#: what moves when lines are added above a record, and what a digest of content leaves out.
LINE_FIELDS = frozenset({"line", "description_line", "intro_line", "preamble_line", "start", "end"})


def pickled_by_fields(cls: _Record) -> _Record:
    """Have instances of the dataclass ``cls`` pickled as a call of ``cls`` with the values
    of its fields.

    Python's default for a class with slots stores a state that is set field by field when
    loaded; a call of the class is twice as fast both ways (the parse result of 10,000 ideas,
    kept between builds: dumped in 0.13 s instead of 0.25 s, loaded in 0.10 s instead of
    0.20 s). Every field must be an argument of ``__init__``.
    """
    names = [item.name for item in fields(cls)]
    assert all(item.init for item in fields(cls)), cls
    get = operator.attrgetter(*names)
    reduce: Callable[[Any], tuple[type, tuple[Any, ...]]]
    if len(names) == 1:
        reduce = lambda record: (cls, (get(record),))  # noqa: E731
    else:
        reduce = lambda record: (cls, get(record))  # noqa: E731
    setattr(cls, "__reduce__", reduce)  # noqa: B010  (mypy refuses assigning a method)
    return cls


class Subtype(StrEnum):
    """Warning subtypes, shown as ``[ideas.<subtype>]`` and suppressible by that name.

    The docstring of each member is read by the docs (``docs/warnings``) and the test
    that compares the code's list with the docs, so keep one line per member below.
    """

    # reading the file
    FILE = "file"
    ENCODING = "encoding"
    EMPTY = "empty"
    # structure of the file
    STRUCTURE = "structure"
    LEVEL = "level"
    DEPTH = "depth"
    LABEL = "label"
    DUPLICATE_IDEA = "duplicate-idea"
    DUPLICATE_PROJECT = "duplicate-project"
    # content of an idea (lint)
    NO_MENTORS = "no-mentors"
    NO_SKILLS = "no-skills"
    NO_DESCRIPTION = "no-description"
    MENTOR = "mentor"
    DUPLICATE_MENTOR = "duplicate-mentor"
    GITHUB_HANDLE = "github-handle"
    EMAIL = "email"
    URL = "url"
    # Sphinx integration
    DIRECTIVE = "directive"
    CONFIG = "config"
    REF = "ref"
    AMBIGUOUS = "ambiguous"
    UNSAFE = "unsafe"
    MARKDOWN = "markdown"
    PAGE = "page"
    LATEX = "latex"


#: One line per subtype, for messages, ``--help`` and the docs table.
SUBTYPE_DOCS: dict[Subtype, str] = {
    Subtype.FILE: "the ideas file is missing, a directory or not a text file",
    Subtype.ENCODING: "the file is not valid UTF-8; bad bytes were replaced",
    Subtype.EMPTY: "the file (or the part selected) holds no ideas",
    Subtype.STRUCTURE: "a heading, list or block that could not be placed in the catalog",
    Subtype.LEVEL: "a heading at another level than its siblings, read as what its body shows",
    Subtype.DEPTH: (
        "lists, quotes, emphasis or links nested deeper than the reader allows, shown "
        "flattened as text"
    ),
    Subtype.LABEL: "an unknown field label that looks like a misspelt known one",
    Subtype.DUPLICATE_IDEA: "two ideas with the same title in one project",
    Subtype.DUPLICATE_PROJECT: "two projects of the same name in one file (their ideas are merged)",
    Subtype.NO_MENTORS: "an idea without mentors",
    Subtype.NO_SKILLS: "an idea without recommended skills",
    Subtype.NO_DESCRIPTION: "an idea without a description",
    Subtype.MENTOR: "a mentor entry that could not be understood",
    Subtype.DUPLICATE_MENTOR: "the same mentor listed twice on one idea",
    Subtype.GITHUB_HANDLE: "a GitHub handle that GitHub's username rules do not allow",
    Subtype.EMAIL: "a malformed e-mail address",
    Subtype.URL: "a malformed URL, or an upstream issue that is not a URL",
    Subtype.DIRECTIVE: "a problem with a directive's argument or options",
    Subtype.CONFIG: "an invalid ``ideas_*`` configuration value",
    Subtype.REF: "a reference to an unknown project, idea, skill or mentor",
    Subtype.AMBIGUOUS: "a reference that matches several objects",
    Subtype.UNSAFE: "raw HTML or a link with a disallowed scheme, shown as text or dropped",
    Subtype.MARKDOWN: "a problem found while rendering a Markdown fragment",
    Subtype.PAGE: (
        "a generated page left as it is: the file there was changed since it was written, "
        "or is an ideas file"
    ),
    Subtype.LATEX: (
        "characters the PDF would lose: with pdflatex, CJK, Arabic...; with xelatex or "
        "lualatex and Sphinx's default fonts, scripts their bold and italic faces lack; "
        "one warning per ideas file, at the first"
    ),
}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in an ideas file: never an exception, always located."""

    #: 1-based line in the ideas file (0 when the problem is the file as a whole).
    line: int
    #: The warning subtype.
    subtype: Subtype
    #: Human-readable message, starting lowercase, naming the offending value.
    message: str
    #: ``"error"`` fails ``sphinx-ideas check``; ``"warning"`` does only with ``--strict``.
    severity: Severity = "warning"
    #: The ideas file as the user named it (filled in by the reader).
    source: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mentor:
    """A person offering to mentor an idea."""

    #: Display name ("Andy Lok"); the handle when only a handle was given.
    name: str
    #: GitHub handle without ``@``, as written (case preserved), or None.
    github: str | None
    #: E-mail address, or None. Not published unless the user opts in.
    email: str | None
    #: Role such as "primary" or "backup", or None.
    role: str | None
    #: The text this mentor was read from.
    raw: str
    #: 1-based line.
    line: int

    @property
    def key(self) -> str:
        """Identity of the person: lower-cased handle, else the normalised name."""
        if self.github:
            return "@" + self.github.lower()
        return normalize_name(self.name)

    @property
    def slug(self) -> str:
        """Stable object name: the lower-cased handle, else a slug of the name."""
        return self.github.lower() if self.github else slugify(self.name)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Skill:
    """One skill an idea asks for."""

    #: Canonical name ("Go" for golang, Golang, Go).
    name: str
    #: The text it was read from ("Golang (basic)").
    raw: str
    #: Level qualifier ("basic", "beginner is ok"), or None.
    level: str | None
    #: Other qualifier ("Optional"), or None.
    note: str | None
    #: 1-based line.
    line: int

    @property
    def slug(self) -> str:
        """Stable object name of the skill."""
        return slugify(self.name)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Field:
    """A labelled bullet of an idea that is not one of the core fields."""

    #: The label as written, cleaned of bold, colon and surrounding space.
    label: str
    #: A canonical key: "expected-outcome", "project-size", ... or a slug of the label.
    key: str
    #: The value as Markdown source (may span several lines, lists, links).
    value: str
    #: 1-based line of the label.
    line: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Idea:
    """One project idea."""

    #: Title as plain text (link and emphasis markup removed).
    title: str
    #: Unique within its project; stable across builds.
    slug: str
    #: 1-based line of the idea's heading.
    line: int
    #: Group heading between project and idea ("SIG Usability"), or None.
    group: str | None = None
    #: Description as Markdown source (lead paragraph first, then the Description field).
    description: str = ""
    #: 1-based line where the description starts (0 if there is none).
    description_line: int = 0
    #: Skills that go into the skills index.
    skills: tuple[Skill, ...] = ()
    #: The skills value as written, shown on the idea's page (may be prose).
    skills_text: str = ""
    #: Mentors, one per person, in order.
    mentors: tuple[Mentor, ...] = ()
    #: Upstream issue URLs, in order.
    issues: tuple[str, ...] = ()
    #: Every other field, in the order written.
    fields: tuple[Field, ...] = ()
    #: URL of a heading written as a link (``#### [Title](url)``), or None.
    url: str | None = None
    #: The title's Markdown source (keeps emphasis and links).
    title_markdown: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Project:
    """A project (an organisation or repository) offering ideas."""

    name: str
    #: Unique within the catalog; stable across builds.
    slug: str
    #: 1-based line of the project heading.
    line: int
    ideas: tuple[Idea, ...] = ()
    #: URL of a heading written as a link, or None.
    url: str | None = None
    #: Markdown written under the project heading before its first idea.
    intro: str = ""
    #: 1-based line where the intro starts (0 if there is none).
    intro_line: int = 0


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything read from one ideas file."""

    #: The path as the user named it (never made absolute).
    source: str
    projects: tuple[Project, ...] = ()
    #: Title of the file (its first top heading), or None.
    title: str | None = None
    #: Markdown before the first project that is neither a template nor a sample.
    preamble: str = ""
    #: 1-based line where the preamble starts (0 if there is none).
    preamble_line: int = 0
    #: A label for the catalog ("2021 Spring"), set by the user, or None.
    label: str | None = None

    def iter_ideas(self) -> Iterator[tuple[Project, Idea]]:
        """Every idea with its project, in file order."""
        for project in self.projects:
            for idea in project.ideas:
                yield project, idea

    @property
    def idea_count(self) -> int:
        """Number of ideas in the catalog."""
        return sum(len(project.ideas) for project in self.projects)


#: What a range of lines was read as (``sphinx-ideas check --outline`` prints these):
#: the catalog's title, the preamble, a project's heading or introduction, a group
#: heading, an idea (heading, fields and description), structure (rules, link reference
#: definitions, headings that only wrap projects), excluded with a reason (a sample,
#: template, comment or table of contents) or reported (a warning says why).
SpanRole = Literal[
    "title", "preamble", "project", "intro", "group", "idea", "structure", "excluded", "reported"
]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A range of lines of the ideas file and what the reader made of them."""

    #: 1-based first line.
    start: int
    #: 1-based last line (inclusive).
    end: int
    #: What the lines were read as.
    role: SpanRole
    #: The project, group or idea's title, or the reason for an exclusion or a report.
    name: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParseResult:
    """What :func:`sphinxcontrib_ideas.ideasfile.parser.parse_catalog` returns."""

    catalog: Catalog
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    #: Every non-blank line of the file, in file order, in exactly one span.
    spans: tuple[Span, ...] = field(default=())


_SLUG_STRIP = re.compile(r"[^\w\s-]")
_SLUG_DASHES = re.compile(r"[\s_-]+")


@functools.lru_cache(maxsize=65536)  # the same names are slugged again and again per build
def slugify(text: str) -> str:
    """A URL- and anchor-safe ASCII slug: ``"Chaos Mesh"`` -> ``"chaos-mesh"``.

    Non-ASCII letters are transliterated where Unicode allows (``ü`` -> ``u``); a text
    with nothing left (e.g. only CJK) falls back to ``"x"`` plus a short hash, so a slug is
    never empty and the same text always gives the same slug.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DASHES.sub("-", _SLUG_STRIP.sub("", ascii_text).lower()).strip("-")
    if slug:
        return slug
    return "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def normalize_name(name: str) -> str:
    """Compare-key of a person's name: case-folded, accents and punctuation removed."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_name.casefold())
    return " ".join(words) if words else name.casefold().strip()


def unique_slug(base: str, taken: set[str], counters: dict[str, int] | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``taken`` (which is updated).

    ``counters`` (base -> the last number tried) lets a caller giving thousands of ideas
    the same title go on where the previous one stopped instead of counting from 2 again.
    """
    counters = {} if counters is None else counters
    slug, n = base, counters.get(base, 1)
    if slug in taken:
        n += 1
        slug = f"{base}-{n}"
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    counters[base] = n
    taken.add(slug)
    return slug
