"""The linter: what a program's maintainers would reject when reviewing an ideas file.

Data flow: ``ideas.md`` --(parser)--> :class:`~sphinxcontrib_ideas.ideasfile.model.Catalog` -->
:func:`lint_catalog` --> diagnostics, printed by ``sphinx-ideas check`` (and logged by the
Sphinx layer). Problems inside one value (a bad handle, a malformed URL) are reported by
:mod:`sphinxcontrib_ideas.ideasfile.normalize` while parsing; this module looks at whole ideas and
projects. Everything is a warning: errors are reserved for files that cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._text import is_placeholder
from .model import Catalog, Diagnostic, Field, Idea, Project, Subtype, normalize_name
from .normalize import find_urls, is_valid_url

__all__ = ["lint_catalog"]


def lint_catalog(catalog: Catalog) -> tuple[Diagnostic, ...]:
    """Every review problem of the catalog, in file order."""
    found = [diagnostic for project in catalog.projects for diagnostic in _lint_project(project)]
    found.sort(key=lambda diagnostic: diagnostic.line)
    return tuple(_diag(d.line, d.subtype, d.message, source=catalog.source) for d in found)


def _lint_project(project: Project) -> Iterator[Diagnostic]:
    yield from _heading_link(project.url, project.line, f"project {project.name!r}")
    yield from _duplicate_ideas(project)
    for idea in project.ideas:
        yield from _missing_parts(idea)
        yield from _duplicate_mentors(idea)
        yield from _heading_link(idea.url, idea.line, f"idea {idea.title!r}")
        for field in idea.fields:
            yield from _url_field(field, idea)


def _missing_parts(idea: Idea) -> Iterator[Diagnostic]:
    """An idea a mentee cannot apply to: nobody to ask, no skills to check, nothing to read.

    "TBD" and other placeholders count as missing.
    """
    if not idea.mentors:
        yield _diag(idea.line, Subtype.NO_MENTORS, f"idea {idea.title!r} has no mentors")
    if not idea.skills and is_placeholder(idea.skills_text):
        yield _diag(idea.line, Subtype.NO_SKILLS, f"idea {idea.title!r} has no recommended skills")
    if is_placeholder(idea.description):
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


_URL_LABEL = re.compile(r"\b(?:url|link|website|homepage)s?\b", re.IGNORECASE)
_LIST_START = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")


def _url_field(field: Field, idea: Idea) -> Iterator[Diagnostic]:
    """A field labelled as a URL ("LFX URL", "Project link") must hold one."""
    if not _URL_LABEL.search(field.label) or not field.value.strip():
        return
    # A sub-list value starts on the line after its label; an inline one on the label's.
    line = field.line + 1 if _LIST_START.match(field.value) else field.line
    subject = f"field {field.label!r} of idea {idea.title!r}"
    _, problems = find_urls(field.value, line=line, subject=subject)
    for problem in problems:
        message = problem.message
        if not message.startswith(subject):
            message = f"{message} in field {field.label!r} of idea {idea.title!r}"
        yield _diag(problem.line, Subtype.URL, message)


def _heading_link(url: str | None, line: int, what: str) -> Iterator[Diagnostic]:
    """A heading written as a link to an absolute URL that cannot be one."""
    if url and ("://" in url or url.lower().startswith(("http", "www."))) and not is_valid_url(url):
        yield _diag(line, Subtype.URL, f"malformed URL {url!r} in the heading of {what}")


def _diag(line: int, subtype: Subtype, message: str, *, source: str = "") -> Diagnostic:
    return Diagnostic(
        line=line, subtype=subtype, message=message, severity="warning", source=source
    )
