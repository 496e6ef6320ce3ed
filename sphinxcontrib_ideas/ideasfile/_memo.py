"""Sections read by an earlier parse of the same file, reused when they did not change.

After the tokenising (:class:`~._blocks.PieceCache`), the costliest part of a parse is the
reading of each section's own body: its units (:func:`~._units.read_units`: labels,
values, chunks) and, for an idea, its fields (:func:`~._fields.read_fields`: mentors,
skills, issues, description). Both depend on nothing but the section's own lines, the
blocks markdown-it found in them, and what holds for the whole read (the user's labels,
the skill aliases, the file's link reference definitions, the code): an edit to one idea
leaves every other section's reading as it was.

So a :class:`SectionMemo` keeps, per section, what its body was read as, keyed by the
body's text and its blocks counted from its first line. A section found again at another
line (a line was added above it) gets the kept reading with every line number moved,
unless its fields carry a diagnostic (messages may name lines). The file-wide decisions
(levels, what is a project, an idea, a template) are made again on every parse from these
readings: they are not kept.

No Sphinx import here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._blocks import Block
from ._fields import IdeaFields
from ._labels import Label
from ._units import Unit
from .model import Diagnostic, Field, Mentor, Skill

#: A section body's blocks, counted from its first line, and the digest of its text.
_Key = tuple[tuple[tuple[object, ...], ...], bytes]
#: A unit or the fields of an idea as plain tuples: kept on disk between builds, plain
#: tuples load ten times faster than the model's objects.
_Raw = tuple[Any, ...]


@dataclass(slots=True)
class _Reading:
    """What one section body was read as, at the 0-based line ``base``, as plain tuples."""

    base: int
    units: tuple[_Raw, ...]
    fields: _Raw | None = None


@dataclass(slots=True)
class SectionMemo:
    """The readings of sections of an earlier parse, and those of this one to keep.

    ``earlier`` is what :meth:`kept` returned after that parse (loaded from disk by the
    Sphinx layer); it is used only if that parse had the same context (see :meth:`begin`).
    """

    earlier: Mapping[str, object] | None = None
    #: This parse's readings, by key.
    used: dict[_Key, _Reading] = field(default_factory=dict)
    _context: Hashable = None
    _found: dict[_Key, _Reading] = field(default_factory=dict)
    #: The key of each units list handed out in this parse, by ``id`` of the list.
    _handed: dict[int, tuple[_Key, list[Unit]]] = field(default_factory=dict)

    def begin(self, context: Hashable) -> None:
        """Start a parse whose readings depend on ``context`` (labels, aliases, references).

        Readings made under another context are dropped.
        """
        self._context = context
        earlier = self.earlier or {}
        readings = earlier.get("readings")
        same = earlier.get("context") == context and isinstance(readings, dict)
        self._found = readings if same else {}  # type: ignore[assignment]
        self.used = {}
        self._handed = {}

    def kept(self) -> dict[str, object]:
        """What a later parse of the file needs: pass it as ``earlier``."""
        return {"context": self._context, "readings": self.used}

    def units(
        self,
        body: list[Block],
        lines: list[str],
        read: Callable[[list[Block], list[str]], list[Unit]],
    ) -> list[Unit]:
        """``read(body, lines)``, or the kept units of a body with the same text."""
        if not body:
            return []  # a heading right above another: nothing to read
        base = body[0].start
        key = _key(body, lines, base)
        earlier = self.used.get(key) or self._found.get(key)
        if earlier is None:
            units = read(body, lines)
            self.used[key] = _Reading(base, tuple(_raw_unit(unit) for unit in units))
        else:
            delta = base - earlier.base
            reading = _Reading(base, earlier.units, earlier.fields)
            if delta:
                reading.units = tuple(_moved_unit(raw, delta) for raw in earlier.units)
                reading.fields = _moved_fields(earlier.fields, delta)
            self.used[key] = reading
            units = [_unit(raw) for raw in reading.units]
        self._handed[id(units)] = (key, units)
        return units

    def fields(self, units: list[Unit], read: Callable[[list[Unit]], IdeaFields]) -> IdeaFields:
        """``read(units)``, or the kept fields when ``units`` is a list :meth:`units`
        handed out unchanged (its section body did not change)."""
        handed = self._handed.get(id(units))
        if handed is None or handed[1] is not units:
            return read(units)
        reading = self.used[handed[0]]
        if reading.fields is None:
            fields = read(units)
            reading.fields = _raw_fields(fields)
            return fields
        return _fields(reading.fields)


def _key(body: list[Block], lines: list[str], base: int) -> _Key:
    layout = tuple(
        (
            block.kind,
            block.start - base,
            block.end - base,
            tuple((start - base, end - base) for start, end in block.items),
        )
        for block in body
    )
    text = "\n".join(lines[base : body[-1].end])
    return layout, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()


# -- units and fields as tuples -------------------------------------------------------------


def _raw_unit(unit: Unit) -> _Raw:
    label = unit.label
    raw_label = (
        None
        if label is None
        else (label.text, label.key, label.known, label.emphasised, label.value)
    )
    return (
        raw_label,
        unit.value,
        unit.line,
        unit.value_line,
        unit.paragraph,
        unit.table,
        unit.record,
    )


def _unit(raw: _Raw) -> Unit:
    label, value, line, value_line, paragraph, table, record = raw
    return Unit(
        None if label is None else Label(*label), value, line, value_line, paragraph, table, record
    )


def _moved_unit(raw: _Raw, delta: int) -> _Raw:
    label, value, line, value_line, paragraph, table, record = raw
    return (
        label,
        value,
        line + delta,
        value_line + delta,
        paragraph,
        table + delta if table >= 0 else table,
        record + delta if record >= 0 else record,
    )


def _raw_fields(fields: IdeaFields) -> _Raw:
    return (
        tuple(fields.description),
        tuple((m.name, m.github, m.email, m.role, m.raw, m.line) for m in fields.mentors),
        tuple((s.name, s.raw, s.level, s.note, s.line) for s in fields.skills),
        tuple(fields.skills_text),
        tuple(fields.issues),
        tuple((f.label, f.key, f.value, f.line) for f in fields.fields),
        tuple((d.line, d.subtype, d.message, d.severity, d.source) for d in fields.diagnostics),
    )


def _fields(raw: _Raw) -> IdeaFields:
    """Fresh fields (the parser appends to their lists) from :func:`_raw_fields`."""
    description, mentors, skills, skills_text, issues, fields, diagnostics = raw
    return IdeaFields(
        description=list(description),
        mentors=[Mentor(*mentor) for mentor in mentors],
        skills=[Skill(*skill) for skill in skills],
        skills_text=list(skills_text),
        issues=list(issues),
        fields=[Field(*item) for item in fields],
        diagnostics=[Diagnostic(*diagnostic) for diagnostic in diagnostics],
    )


def _moved_fields(raw: _Raw | None, delta: int) -> _Raw | None:
    """The fields read ``delta`` lines lower; None (read again) if they carry a
    diagnostic, whose message may name a line."""
    if raw is None or raw[6]:
        return None
    description, mentors, skills, skills_text, issues, fields, diagnostics = raw
    return (
        tuple((text, line + delta) for text, line in description),
        tuple((*mentor[:-1], mentor[-1] + delta) for mentor in mentors),
        tuple((*skill[:-1], skill[-1] + delta) for skill in skills),
        skills_text,
        issues,
        tuple((*item[:-1], item[-1] + delta) for item in fields),
        diagnostics,
    )
