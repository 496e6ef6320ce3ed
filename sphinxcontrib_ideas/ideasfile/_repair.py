"""Local repairs of the section tree before it is classified: one slip stays one slip.

Data flow: :mod:`._blocks` builds the section tree from heading levels alone -->
:func:`repair_outline` re-parents the sections whose level does not fit their neighbours
--> :mod:`.parser` classifies projects, groups and ideas on the repaired tree.

Markdown nests by level, so one heading written a level too high adopts everything after
it: a project written ``###`` among ``####`` projects takes the later projects as its
groups, and an idea written ``#`` among ``##`` ideas takes the later ideas as its own.
Each repair here is decided among siblings, from what a section's own body shows it to be
(an idea holds fields, a project holds ideas), moves sections without changing the file
order, and is reported with the level the siblings use, so the rest of the file reads as
if the slip were not there. No Sphinx import here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import islice, takewhile

from ._blocks import Section, iter_sections
from ._labels import DESCRIPTION, MENTORS, SKILLS, Label, heading_label

#: "Difficulty & Requirements", "Skills and Mentors": a heading naming two fields.
_FIELD_JOINS = re.compile(r"\s*(?:&|\band\b|/|,|\+)\s*", re.IGNORECASE)
#: Fields that, written as headings after an idea's title, make it an idea.
_IDEA_FIELDS = frozenset({DESCRIPTION, MENTORS, SKILLS})


@dataclass(frozen=True, slots=True)
class Repair:
    """One section re-read against its heading level, for a warning or an outline note."""

    #: 1-based line of the heading.
    line: int
    message: str
    #: True for a reading the file announced itself (a sample's extent): no warning.
    note: bool = False


def field_heading(title: str) -> Label | None:
    """The field a heading names ("Mentors", "Difficulty & Requirements"), or None.

    A heading naming two fields is read as the first known one; its label keeps the
    whole heading as written.
    """
    label = heading_label(title)
    if label is not None:
        return label
    for part in _FIELD_JOINS.split(title):
        label = heading_label(part) if part else None
        if label is not None:
            return replace(label, text=title.strip())
    return None


def names_idea_field(label: Label | None) -> bool:
    """Whether a field heading names a field that only ideas have."""
    return label is not None and label.key in _IDEA_FIELDS


def repair_outline(
    root: Section,
    *,
    bears_fields: Callable[[Section], bool],
    says_sample: Callable[[str], bool],
    has_idea_fields: Callable[[Section], bool] | None = None,
) -> list[Repair]:
    """Re-parent slipped sections of the tree under ``root`` in place; what was done.

    ``bears_fields`` tells whether a section's own body holds fields, ``has_idea_fields``
    whether one of them is a field only ideas have (an organisation above its ideas may
    have a website and mentors; by default any field counts) and ``says_sample`` whether
    a heading announces a sample or template.
    """
    repairs: list[Repair] = []
    for section in [root, *iter_sections(root)]:
        repairs += _adopt_field_headings(section)
    for section in iter_sections(root):
        # within a sample ("### Sample" over "#### Foo (sample)") the outer heading sets
        # the limit: what the inner one holds is the sample's own example ideas
        marker = says_sample(section.title) and not bears_fields(section)
        if marker and not any(says_sample(above.title) for above in _ancestors(section)):
            repairs += _limit_sample(section, says_sample)
    shapes = _Shapes(bears_fields, has_idea_fields or bears_fields)
    usual = _usual_project_level(root, shapes)
    for section in [root, *iter_sections(root)]:
        repairs += _lift_peers_of_high_projects(section, shapes, usual)
    for section in [root, *iter_sections(root)]:
        repairs += _adopt_groups_of_low_projects(section, shapes, usual)
    for section in [root, *iter_sections(root)]:
        repairs += _lower_high_groups(section, shapes)
    for section in [root, *iter_sections(root)]:
        repairs += _lower_high_ideas(section, shapes)
    _renumber_ends(root)
    return repairs


class _Shapes:
    """What sections' own bodies show them to be, memoised (repairs are rare)."""

    def __init__(
        self, bears_fields: Callable[[Section], bool], has_idea_fields: Callable[[Section], bool]
    ) -> None:
        self.bears_fields = bears_fields
        self.has_idea_fields = has_idea_fields
        self._holds: dict[Section, bool] = {}

    def is_project_like(self, section: Section) -> bool:
        """No fields of its own, ideas below it."""
        return not self.bears_fields(section) and self.holds_ideas(section)

    def holds_own_ideas(self, section: Section) -> bool:
        """No fields of its own, ideas right below it: a project, not a wrapper."""
        return not self.bears_fields(section) and any(
            self.bears_fields(child) and field_heading(child.title) is None
            for child in section.children
        )

    def holds_ideas(self, section: Section) -> bool:
        found = self._holds.get(section)
        if found is None:
            found = any(self.bears_fields(c) or self.holds_ideas(c) for c in section.children)
            self._holds[section] = found
        return found

    def forget(self) -> None:
        self._holds.clear()


def _adopt_field_headings(section: Section) -> list[Repair]:
    """``### Idea`` then ``### Mentors``, ``### Difficulty``: fields at the idea's own level.

    A run of field-named siblings right after a heading that names no field belongs to
    that heading, when the run names a field only ideas have (description, skills,
    mentors) besides; a lone "Mentors" heading is an organisation's list of mentors.
    A field heading of the run written a level above the ones after it (``## Mentors``
    holding ``### Difficulty``) takes them beside it, reported.
    """
    repairs: list[Repair] = []
    children = section.children
    index = 0
    while index < len(children):
        owner = children[index]
        run = list(takewhile(_is_field_run_part, islice(children, index + 1, None)))
        keys = {
            label.key
            for part in run
            for sub in (part, *part.children)
            if (label := field_heading(sub.title)) is not None
        }
        fields = sum(1 + len(part.children) for part in run)
        if fields >= 2 and field_heading(owner.title) is None and bool(_IDEA_FIELDS & keys):
            moved: list[Section] = []
            for part in run:
                moved.append(part)
                if part.children:  # fields written a level below a field heading
                    message = (
                        f"field heading {part.title!r} is at level {part.level} where the "
                        f"field headings after it use level {part.level + 1}; read as "
                        f"fields of {owner.title!r} side by side"
                    )
                    repairs.append(Repair(part.line, message))
                    moved.extend(part.children)
                    part.children = []
            del children[index + 1 : index + 1 + len(run)]
            for child in moved:
                _reparent(child, owner, level=owner.level + 1)
            owner.children.extend(moved)
        index += 1
    return repairs


def _is_field_run_part(section: Section) -> bool:
    """A field heading with no sub-sections, or only field headings without any."""
    if field_heading(section.title) is None:
        return False
    return all(
        not sub.children and field_heading(sub.title) is not None for sub in section.children
    )


def _ancestors(section: Section) -> Iterator[Section]:
    parent = section.parent
    while parent is not None and parent.heading is not None:
        yield parent
        parent = parent.parent


def _limit_sample(marker: Section, says_sample: Callable[[str], bool]) -> list[Repair]:
    """A "Sample" heading covers the sample it announces, not the real content after it.

    The sample is the children marked as one ("Prometheus (sample)"), else the first
    child; the children after it are siblings of the marker heading again.
    """
    children = marker.children
    marked = [index for index, child in enumerate(children) if says_sample(child.title)]
    last = marked[-1] if marked else 0
    if last + 1 >= len(children):
        return []
    moved = children[last + 1 :]
    del children[last + 1 :]
    _insert_after(marker, moved)
    first = moved[0]
    message = (
        f"heading {first.title!r} follows the sample under {marker.title!r} at the sample's "
        f"level and is read as real content; mark it '(sample)' if it is part of the sample"
    )
    return [Repair(first.line, message, note=bool(marked))]


def _usual_project_level(root: Section, shapes: _Shapes) -> int | None:
    """The level most sections holding ideas directly are at, if two or more are."""
    levels = Counter(
        section.level for section in iter_sections(root) if shapes.holds_own_ideas(section)
    )
    if not levels:
        return None
    level, count = max(levels.items(), key=lambda item: (item[1], item[0]))
    return level if count >= 2 else None


def _lift_peers_of_high_projects(
    parent: Section, shapes: _Shapes, usual: int | None
) -> list[Repair]:
    """``### Newproj`` among ``####`` projects: its ideas stay, the later projects leave.

    A child that holds ideas of its own and, after them, sections at the level of its
    preceding project-like siblings that are project-like in turn, was written a level
    too high: those sections are its siblings.
    """
    repairs: list[Repair] = []
    peer_level: int | None = None  # level of the last project-like child seen
    index = 0
    while index < len(parent.children):
        section = parent.children[index]
        index += 1
        level = max(peer_level or 0, usual or 0)
        if section.level < level:
            moved = _peers_inside(section, level, shapes)
            if moved:
                del section.children[section.children.index(moved[0]) :]
                _insert_after(section, moved)
                shapes.forget()
                message = (
                    f"heading {section.title!r} is at level {section.level} where the "
                    f"projects around it use level {level}; read as a project like them"
                )
                repairs.append(Repair(section.line, message))
        if shapes.holds_own_ideas(section):
            peer_level = section.level if peer_level is None else max(peer_level, section.level)
    return repairs


def _peers_inside(section: Section, peer_level: int, shapes: _Shapes) -> list[Section]:
    """The project-like children at ``peer_level`` after the section's own content.

    Its own content comes first and is ideas, or groups of ideas a level deeper than the
    projects; a wrapper, whose first child is a project, has none.
    """
    if shapes.bears_fields(section):
        return []
    children = section.children
    later = next(
        (
            index
            for index, child in enumerate(children)
            if child.level == peer_level and shapes.is_project_like(child)
        ),
        None,
    )
    if not later:
        return []
    own = children[:later]
    if not all(
        shapes.bears_fields(child) or (child.level > peer_level and shapes.is_project_like(child))
        for child in own
    ):
        return []
    return children[later:]


def _adopt_groups_of_low_projects(
    parent: Section, shapes: _Shapes, usual: int | None
) -> list[Repair]:
    """``##### Kubernetes`` (no ideas of its own) then its ``#####`` groups of ideas.

    A heading with nothing below it, deeper than the projects around it, followed by
    sections at its own level that hold ideas, is a project written a level too low:
    those sections are its groups.
    """
    if usual is None:
        return []
    repairs: list[Repair] = []
    children = parent.children
    for index, section in enumerate(children):
        if section.children or section.level <= usual or shapes.bears_fields(section):
            continue
        run = index + 1
        while (
            run < len(children)
            and children[run].level == section.level
            and shapes.holds_own_ideas(children[run])
        ):
            run += 1
        if run == index + 1:
            continue
        groups = children[index + 1 : run]
        del children[index + 1 : run]
        for group in groups:
            _reparent(group, section, level=section.level + 1)
        section.children.extend(groups)
        shapes.forget()
        message = (
            f"heading {section.title!r} is at level {section.level} where the projects "
            f"around it use level {usual}; read as a project, the sections after it at its "
            f"level as its groups"
        )
        repairs.append(Repair(section.line, message))
    return repairs


def _lower_high_groups(parent: Section, shapes: _Shapes) -> list[Repair]:
    """``#### SIG Usability`` after ``#### Kubernetes`` whose groups are ``#####``.

    A section holding ideas, right after a project whose ideas are all in groups one
    level down, with its own ideas at the level of those groups' ideas, is a group of
    that project written a level too high; the groups after its ideas go with it.
    """
    repairs: list[Repair] = []
    index = 1
    while index < len(parent.children):
        previous, section = parent.children[index - 1], parent.children[index]
        index += 1
        groups = [c for c in previous.children if shapes.is_project_like(c)]
        if (
            shapes.bears_fields(previous)
            or not groups
            or len(groups) != len(previous.children)
            or not shapes.holds_own_ideas(section)
        ):
            continue
        level = groups[0].level
        idea_level = next((c.level for c in groups[0].children if shapes.bears_fields(c)), 0)
        first = section.children[0] if section.children else None
        if section.level >= level or first is None or first.level != idea_level:
            continue
        if not shapes.bears_fields(first):
            continue
        written = section.level
        later = [c for c in section.children if c.level <= level]
        section.children = [c for c in section.children if c.level > level]
        parent.children.remove(section)
        index -= 1
        section.level = level
        section.parent = previous
        previous.children.extend([section, *later])
        for child in later:
            child.parent = previous
        shapes.forget()
        message = (
            f"heading {section.title!r} is at level {written} where the groups of "
            f"{previous.title!r} use level {level}; read as one of them"
        )
        repairs.append(Repair(section.line, message))
    return repairs


def _lower_high_ideas(parent: Section, shapes: _Shapes) -> list[Repair]:
    """``# Idea`` among ``##`` ideas: the idea joins them, the ideas after it are not its.

    An idea (a section with fields) whose sub-sections are ideas at the level of the ideas
    just before it, as previous siblings or in the previous sibling, was written too high.
    """
    repairs: list[Repair] = []
    index = 1
    while index < len(parent.children):
        previous, section = parent.children[index - 1], parent.children[index]
        repair = _lower_high_idea(section, previous, shapes)
        if repair is not None:
            repairs.append(repair)
            shapes.forget()
            continue  # the list changed at ``index``: look at what is there now
        index += 1
    return repairs


def _lower_high_idea(section: Section, previous: Section, shapes: _Shapes) -> Repair | None:
    bears = shapes.bears_fields
    if not shapes.has_idea_fields(section):
        return None  # fields of an organisation ("Website", "Mentors") over its ideas
    first = next((i for i, c in enumerate(section.children) if bears(c)), None)
    if first is None:
        return None
    level = section.children[first].level
    # The previous sibling is the project: it holds ideas at that level, or nothing yet
    # ("#### Keptn" then its first idea written "####" with the next ones "#####").
    into_previous = not bears(previous) and (
        not previous.children or any(c.level == level and bears(c) for c in previous.children)
    )
    if not into_previous and not (bears(previous) and previous.level == level):
        return None
    message = (
        f"idea heading {section.title!r} is at level {section.level} where the ideas around "
        f"it use level {level}; read as an idea like them"
    )
    repair = Repair(section.line, message)
    moved = section.children[first:]
    del section.children[first:]
    if into_previous:
        parent = section.parent
        assert parent is not None
        parent.children.remove(section)
        _reparent(section, previous, level=level)
        previous.children.extend([section, *moved])
        for child in moved:
            child.parent = previous
    else:
        _reparent(section, section.parent or section, level=level)
        _insert_after(section, moved)
    return repair


def _insert_after(section: Section, moved: list[Section]) -> None:
    """Make ``moved`` the next siblings of ``section``, in order."""
    parent = section.parent
    assert parent is not None
    at = parent.children.index(section) + 1
    for child in moved:
        child.parent = parent
    parent.children[at:at] = moved


def _reparent(section: Section, parent: Section, *, level: int) -> None:
    """Move ``section`` under ``parent``; its sub-sections keep their distance to it."""
    shift = level - section.level
    section.parent = parent
    for part in (section, *iter_sections(section)):
        part.level += shift


def _renumber_ends(root: Section) -> None:
    """Recompute each section's end line from the (file-ordered) repaired tree."""
    ordered = iter_sections(root)
    for index, section in enumerate(ordered):
        after = index + 1 + len(iter_sections(section))
        following = ordered[after] if after < len(ordered) else None
        assert section.heading is not None
        section.end = following.heading.line if following and following.heading else root.end
