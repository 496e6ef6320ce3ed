"""Digests of each project, taken once per version of a project and kept with its parse.

Data flow: a parsed project --(:func:`project_digests`)--> :class:`ProjectDigests`, used
by the generated pages (each project page's stub records a digest of what it shows, so
that an edit re-reads only the pages it changes), by the pages that list ideas when
written (whether they must be written again) and by ``ideas.json`` (whether a project's
text can be kept from the last build).

Each digest walks all a project holds (every idea, field, mentor and skill): at 10,000
ideas, three such walks took half a second of every build after an edit. So they are
taken once and kept with the parse result on disk (see :func:`remember`); after an edit
spliced into the last parse (:mod:`.ideasfile._splice`), only the edited project, and for
the projects below it the digest with line numbers, are taken again.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass
from typing import NamedTuple

from .ideasfile.model import LINE_FIELDS, Project

#: Fields an idea's line on the catalog page shows after its mentors, when the file has
#: them: how big and how hard the idea is.
OVERVIEW_FIELDS = ("project-size", "difficulty")


class ProjectDigests(NamedTuple):
    """Digests of one project."""

    #: Everything it holds but line numbers: what its page shows without an upstream URL.
    content: str
    #: Everything it holds, line numbers included (see :func:`placed`).
    placed: str
    #: What lists of ideas show of it: each idea's title, skills, mentors (with e-mail
    #: addresses), size and difficulty, and whether it names an upstream issue.
    listed: str
    #: Its line numbers counted from its heading's: the same when the project only moved.
    shape: str


def digest(*parts: object) -> str:
    """A short digest of ``parts`` (their ``repr``)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def placed(content: str, shape: str, line: int) -> str:
    """The digest of a project with its line numbers, from its other digests and its
    heading's line: a project moved by an edit above it gets it without a walk."""
    return digest(content, shape, line)


def take_digests(project: Project) -> ProjectDigests:
    """The digests of ``project``, taken now."""
    listed = [
        (
            idea.slug,
            idea.title,
            [(s.slug, s.name, s.raw) for s in idea.skills],
            [(m.slug, m.name, m.github, m.email) for m in idea.mentors],
            [(f.key, f.value) for f in idea.fields if f.key in OVERVIEW_FIELDS],
            bool(idea.issues),  # the dashboard counts ideas without one
        )
        for idea in project.ideas
    ]
    numbers: list[int] = []
    _line_numbers(project, numbers)
    shape = digest([number - project.line if number else 0 for number in numbers])
    content = digest(without_lines(project))
    return ProjectDigests(content, placed(content, shape, project.line), digest(listed), shape)


#: id(project) -> (the project, its digests): the project kept alive while its id is a key.
_known: dict[int, tuple[Project, ProjectDigests]] = {}
_KNOWN_SIZE = 200_000


def project_digests(project: Project) -> ProjectDigests:
    """The digests of ``project``: those kept for this very object, or taken now."""
    found = _known.get(id(project))
    if found is not None and found[0] is project:
        return found[1]
    taken = take_digests(project)
    remember([project], [taken])
    return taken


def remember(projects: Sequence[Project], digests: Iterable[ProjectDigests]) -> None:
    """Keep ``digests`` as those of ``projects`` (the same order), for this process."""
    if len(_known) + len(projects) > _KNOWN_SIZE:
        _known.clear()
    for project, taken in zip(projects, digests, strict=True):
        _known[id(project)] = (project, taken)


def without_lines(record: object) -> object:
    """What ``record`` (a model dataclass, or a tuple of them) holds, line numbers left out:
    nested tuples of its class name and field values, for a digest.

    Tuples, not copies with the lines at 0: building new dataclasses for every project
    cost a third of a no-op build.
    """
    if isinstance(record, tuple):
        values: Iterable[object] = record
        head: tuple[object, ...] = ()
    else:
        getter = _content_getter(type(record))
        if getter is None:
            return record
        values, head = getter(record), (type(record).__name__,)
    # most values are strings: no call for them
    return (*head, *[v if type(v) in _PLAIN else without_lines(v) for v in values])


_PLAIN = frozenset({str, int, bool, type(None)})
_Getter = Callable[[object], tuple[object, ...]]

#: dataclass -> (getter of its fields but line numbers, getter of its line numbers).
_getters: dict[type, tuple[_Getter, _Getter] | None] = {}


def _content_getter(kind: type) -> _Getter | None:
    """The fields of a dataclass other than its line numbers, read at once (None if
    ``kind`` is not a dataclass)."""
    found = _field_getters(kind)
    return found[0] if found is not None else None


def _line_numbers(record: object, found: list[int]) -> None:
    """Append every line number ``record`` holds to ``found``, fields in order, depth first."""
    if isinstance(record, tuple):
        for item in record:
            _line_numbers(item, found)
        return
    getters = _field_getters(type(record))
    if getters is None:
        return
    others, lines = getters
    found.extend(lines(record))  # type: ignore[arg-type]
    for value in others(record):
        if type(value) not in _PLAIN:
            _line_numbers(value, found)


def _field_getters(kind: type) -> tuple[_Getter, _Getter] | None:
    if kind not in _getters:
        fieldset = fields(kind) if is_dataclass(kind) else ()
        others = [f.name for f in fieldset if f.name not in LINE_FIELDS]
        lines = [f.name for f in fieldset if f.name in LINE_FIELDS]
        _getters[kind] = (_getter(others), _getter(lines)) if fieldset else None
    return _getters[kind]


def _getter(names: list[str]) -> _Getter:
    """What reads the fields ``names`` of a record, as a tuple."""
    if not names:
        return lambda record: ()
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else lambda record: (get(record),)
