"""Corrections to the reader's guesses for one ideas file: the escape hatches.

Data flow: ``conf.py`` (``ideas_reading``, an ``ideas_catalogs`` entry) or an
``ideas-catalog`` directive's options, or ``sphinx-ideas check --conf`` --> a mapping -->
:func:`reading_options` (checked) --> :class:`ReadingOptions` -->
:func:`~.parser.parse_catalog`. Users often publish a file they do not own, so a reading
that is still wrong must be fixable without editing the file. No Sphinx import here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from ._labels import known_field_keys, normalize_label
from .model import normalize_name

#: The keys of a reading mapping, as written in ``conf.py`` (directive options use dashes).
READING_KEYS = ("labels", "project_level", "idea_level", "project_name", "exclude_sections")


@dataclass(frozen=True, slots=True)
class ReadingOptions:
    """What the user says about a file's layout; ``None`` or empty: let the reader judge."""

    #: Extra label spellings, as (normalised spelling, field key): ``Desirable Skills`` ->
    #: ``skills``.
    labels: tuple[tuple[str, str], ...] = ()
    #: Heading level (1-6) of the projects.
    project_level: int | None = None
    #: Heading level (1-6) of the ideas.
    idea_level: int | None = None
    #: Read the whole file as one project of this name; the headings read as projects
    #: become its groups.
    project_name: str | None = None
    #: Titles of sections to leave out (compared like project names), with their
    #: sub-sections.
    exclude_sections: tuple[str, ...] = ()

    def over(self, base: ReadingOptions) -> ReadingOptions:
        """These options, with ``base``'s where these say nothing (labels are merged)."""
        labels = dict(base.labels) | dict(self.labels)
        merged = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "labels" and getattr(self, f.name) not in (None, ())
        }
        return replace(base, **merged, labels=tuple(sorted(labels.items())))

    def excludes(self, title: str) -> bool:
        """Whether the user asked to leave out the section of this title."""
        return normalize_name(title) in self.exclude_sections


#: No corrections: the reader judges everything itself.
NO_READING = ReadingOptions()


def reading_options(data: Mapping[str, object]) -> ReadingOptions:
    """Checked options from a mapping with the keys of :data:`READING_KEYS`.

    Raises :class:`ValueError` with a message naming the bad key and what is expected.
    """
    unknown = sorted(set(data) - set(READING_KEYS))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (known: {', '.join(READING_KEYS)})")
    options = ReadingOptions()
    if "labels" in data:
        options = replace(options, labels=_labels(data["labels"]))
    if data.get("project_level") is not None:
        options = replace(options, project_level=_level("project_level", data["project_level"]))
    if data.get("idea_level") is not None:
        options = replace(options, idea_level=_level("idea_level", data["idea_level"]))
    name = data.get("project_name")
    if name is not None:
        if not isinstance(name, str) or not name.strip():
            raise ValueError("project_name must be a non-empty string")
        options = replace(options, project_name=name.strip())
    if "exclude_sections" in data:
        options = replace(options, exclude_sections=_titles(data["exclude_sections"]))
    if options.project_level and options.idea_level and options.idea_level <= options.project_level:
        raise ValueError("idea_level must be deeper (larger) than project_level")
    return options


def _labels(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise ValueError(
            'labels must map a spelling to a field, e.g. {"Desirable Skills": "skills"}'
        )
    known = known_field_keys()
    pairs = []
    for spelling, key in value.items():
        if not isinstance(spelling, str) or not spelling.strip() or not isinstance(key, str):
            raise ValueError(f"labels: {spelling!r}: {key!r} is not a spelling -> field pair")
        field = normalize_label(key).replace(" ", "-")
        if field not in known:
            raise ValueError(f"labels: unknown field {key!r} (known: {', '.join(sorted(known))})")
        pairs.append((normalize_label(spelling), field))
    return tuple(sorted(pairs))


def _level(key: str, value: object) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
        raise ValueError(f"{key} must be a heading level from 1 to 6, not {value!r}")
    return value


def _titles(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
        raise ValueError("exclude_sections must be a list of section titles")
    return tuple(sorted({normalize_name(item) for item in items if item.strip()}))
