"""The linter: what a program's maintainers would reject when reviewing an ideas file.

Data flow: ``ideas.md`` --(parser)--> :class:`~sphinxcontrib_ideas.model.Catalog` -->
:func:`lint_catalog` --> diagnostics, printed by ``sphinx-ideas check`` (and logged by the
Sphinx layer). Problems inside one value (a bad handle, a malformed URL) are reported by
:mod:`sphinxcontrib_ideas.normalize` while parsing; this module looks at whole ideas and
projects. Everything is a warning: errors are reserved for files that cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Catalog, Diagnostic, Idea, Project, Subtype, normalize_name

__all__ = ["lint_catalog"]


def lint_catalog(catalog: Catalog) -> tuple[Diagnostic, ...]:
    """Every review problem of the catalog, in file order."""
    found = [diagnostic for project in catalog.projects for diagnostic in _lint_project(project)]
    found.sort(key=lambda diagnostic: diagnostic.line)
    return tuple(_diag(d.line, d.subtype, d.message, source=catalog.source) for d in found)


def _lint_project(project: Project) -> Iterator[Diagnostic]:
    yield from _duplicate_ideas(project)
    for idea in project.ideas:
        yield from _missing_parts(idea)
        yield from _duplicate_mentors(idea)


def _missing_parts(idea: Idea) -> Iterator[Diagnostic]:
    """An idea a mentee cannot apply to: nobody to ask, no skills to check, nothing to read."""
    if not idea.mentors:
        yield _diag(idea.line, Subtype.NO_MENTORS, f"idea {idea.title!r} has no mentors")
    if not idea.skills and not idea.skills_text.strip():
        yield _diag(idea.line, Subtype.NO_SKILLS, f"idea {idea.title!r} has no recommended skills")
    if not idea.description.strip():
        yield _diag(idea.line, Subtype.NO_DESCRIPTION, f"idea {idea.title!r} has no description")


def _duplicate_ideas(project: Project) -> Iterator[Diagnostic]:
    """Two ideas with one title confuse applicants and collide in links: name the first."""
    first_seen: dict[str, Idea] = {}
    for idea in project.ideas:
        key = " ".join(idea.title.casefold().split())
        earlier = first_seen.setdefault(key, idea)
        if earlier is not idea:
            message = (
                f"duplicate idea {idea.title!r} in project {project.name!r}, "
                f"other instance at line {earlier.line}"
            )
            yield _diag(idea.line, Subtype.DUPLICATE_IDEA, message)


def _duplicate_mentors(idea: Idea) -> Iterator[Diagnostic]:
    """The same person twice on an idea, e.g. from two mentor fields the parser combined.

    Within one field value the value parser already merged and reported duplicates, so
    whatever is still doubled here came from separate fields.
    """
    first_seen: dict[str, int] = {}
    for mentor in idea.mentors:
        key = "@" + mentor.github.casefold() if mentor.github else normalize_name(mentor.name)
        if key in first_seen:
            message = (
                f"mentor {mentor.raw or mentor.name!r} is listed twice on idea {idea.title!r} "
                f"(also at line {first_seen[key]})"
            )
            yield _diag(mentor.line, Subtype.DUPLICATE_MENTOR, message)
        else:
            first_seen[key] = mentor.line


def _diag(line: int, subtype: Subtype, message: str, *, source: str = "") -> Diagnostic:
    return Diagnostic(
        line=line, subtype=subtype, message=message, severity="warning", source=source
    )
