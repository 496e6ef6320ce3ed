"""The JSON export of catalogs: ``sphinx-ideas export`` and the Sphinx build's ideas.json.

Data flow: :class:`~.model.ParseResult` (one per ideas file) --(:func:`export_document`)-->
a JSON-ready ``dict`` that validates against the shipped schema
(``schema/ideas-export.schema.json``, loaded by :func:`load_schema`). The core keys are
the contract of schema version :data:`SCHEMA_VERSION`; the richer keys (roles, levels,
intros, aggregates) are optional in the schema, and ``uri`` keys are left to the Sphinx
build, which knows where pages end up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

from ._sanitize import redact_addresses
from .model import Catalog, Diagnostic, Idea, Mentor, ParseResult, Project, Skill

#: Bumped when a key is removed or changes meaning; adding an optional key does not.
SCHEMA_VERSION = 1

_SCHEMA_FILE = "ideas-export.schema.json"

JSONDict = dict[str, Any]


def export_document(
    results: Sequence[ParseResult],
    *,
    include_emails: bool = True,
    extra_diagnostics: Sequence[Diagnostic] = (),
) -> JSONDict:
    """The whole export: every catalog, people and skills across them, all diagnostics.

    ``extra_diagnostics`` are problems not tied to a parsed catalog, such as a file that
    could not be read, listed after those of the catalogs.
    """
    catalogs = [result.catalog for result in results]
    return {
        "schema_version": SCHEMA_VERSION,
        "catalogs": [catalog_to_dict(c, include_emails=include_emails) for c in catalogs],
        "skills": skills_index(catalogs),
        "mentors": mentors_index(catalogs, include_emails=include_emails),
        "diagnostics": diagnostics_list(
            results, include_emails=include_emails, extra=extra_diagnostics
        ),
    }


def catalog_to_dict(
    catalog: Catalog, *, include_emails: bool = True, with_projects: bool = True
) -> JSONDict:
    """One catalog, with its projects and ideas in file order (``projects`` is its last key,
    and left out without ``with_projects``)."""
    found: JSONDict = {
        "source": catalog.source,
        "label": catalog.label,
        "title": catalog.title,
        "preamble": _text(catalog.preamble, include_emails),
        "preamble_line": catalog.preamble_line,
    }
    if with_projects:
        found["projects"] = [
            project_to_dict(p, include_emails=include_emails) for p in catalog.projects
        ]
    return found


def diagnostics_list(
    results: Sequence[ParseResult],
    *,
    include_emails: bool = True,
    extra: Sequence[Diagnostic] = (),
) -> list[JSONDict]:
    """The diagnostics of every result, each naming its file, then ``extra``."""
    found = [
        diagnostic_to_dict(diagnostic, source=result.catalog.source, include_emails=include_emails)
        for result in results
        for diagnostic in result.diagnostics
    ]
    found += [diagnostic_to_dict(d, include_emails=include_emails) for d in extra]
    return found


def diagnostic_to_dict(
    diagnostic: Diagnostic, *, source: str = "", include_emails: bool = True
) -> JSONDict:
    """One diagnostic; ``source`` names the file when the diagnostic does not.

    Without ``include_emails`` an address the message quotes (a duplicate mentor, a
    malformed address) is hidden too.
    """
    message = diagnostic.message if include_emails else redact_addresses(diagnostic.message)
    return {
        "source": diagnostic.source or source,
        "line": diagnostic.line,
        "severity": diagnostic.severity,
        "subtype": str(diagnostic.subtype),
        "message": message,
    }


def load_schema() -> JSONDict:
    """The JSON Schema (draft 2020-12) of the export, as shipped in the package."""
    text = (
        resources.files("sphinxcontrib_ideas").joinpath("schema", _SCHEMA_FILE).read_text("utf-8")
    )
    schema: JSONDict = json.loads(text)
    return schema


def project_to_dict(project: Project, *, include_emails: bool = True) -> JSONDict:
    """One project, with its ideas in file order (``ideas`` is its last key)."""
    return {
        "name": project.name,
        "slug": project.slug,
        "line": project.line,
        "url": project.url,
        "intro": _text(project.intro, include_emails),
        "intro_line": project.intro_line,
        "ideas": [_idea(idea, include_emails=include_emails) for idea in project.ideas],
    }


def _idea(idea: Idea, *, include_emails: bool) -> JSONDict:
    return {
        "title": idea.title,
        "slug": idea.slug,
        "line": idea.line,
        "group": idea.group,
        "url": idea.url,
        "title_markdown": idea.title_markdown,
        "description": _text(idea.description, include_emails),
        "description_line": idea.description_line,
        "skills": [_skill(skill) for skill in idea.skills],
        "skills_text": _text(idea.skills_text, include_emails),
        "mentors": [_mentor(mentor, include_emails=include_emails) for mentor in idea.mentors],
        "issues": list(idea.issues),
        "fields": [
            {
                "label": f.label,
                "key": f.key,
                "value": _text(f.value, include_emails),
                "line": f.line,
            }
            for f in idea.fields
        ],
    }


def _text(markdown: str, include_emails: bool) -> str:
    """A Markdown text of the file, its e-mail addresses hidden unless they are included."""
    return markdown if include_emails else redact_addresses(markdown)


def _skill(skill: Skill) -> JSONDict:
    return {
        "name": skill.name,
        "raw": skill.raw,
        "slug": skill.slug,
        "level": skill.level,
        "note": skill.note,
        "line": skill.line,
    }


def _mentor(mentor: Mentor, *, include_emails: bool) -> JSONDict:
    return {
        "name": mentor.name,
        "github": mentor.github,
        "email": mentor.email if include_emails else None,
        "role": mentor.role,
        "slug": mentor.slug,
        "line": mentor.line,
    }


def _idea_ref(catalog: Catalog, project: Project, idea: Idea) -> JSONDict:
    """Where an idea is: catalog source plus the project's and idea's slugs."""
    return {"source": catalog.source, "project": project.slug, "idea": idea.slug}


def _iter_ideas(catalogs: Iterable[Catalog]) -> Iterable[tuple[Catalog, Project, Idea]]:
    for catalog in catalogs:
        for project, idea in catalog.iter_ideas():
            yield catalog, project, idea


def skills_index(catalogs: Sequence[Catalog]) -> list[JSONDict]:
    """Each skill once, with the ideas asking for it, sorted by name."""
    entries: dict[str, JSONDict] = {}
    for catalog, project, idea in _iter_ideas(catalogs):
        for skill in idea.skills:
            entry = entries.setdefault(
                skill.slug, {"name": skill.name, "slug": skill.slug, "ideas": []}
            )
            _add_ref(entry, _idea_ref(catalog, project, idea))
    return sorted(entries.values(), key=lambda entry: (entry["name"].casefold(), entry["slug"]))


def mentors_index(catalogs: Sequence[Catalog], *, include_emails: bool = True) -> list[JSONDict]:
    """Each person once (same handle, else same name), with their ideas, sorted by name."""
    entries: dict[str, JSONDict] = {}
    for catalog, project, idea in _iter_ideas(catalogs):
        for mentor in idea.mentors:
            entry = entries.setdefault(mentor.key, _mentor_entry(mentor))
            # One file may give the name, handle or e-mail that another leaves out.
            if entry["name"] == entry["github"] and mentor.name != mentor.github:
                entry["name"] = mentor.name
            entry["github"] = entry["github"] or mentor.github
            if include_emails:
                entry["email"] = entry["email"] or mentor.email
            _add_ref(entry, _idea_ref(catalog, project, idea))
    return sorted(entries.values(), key=lambda entry: (entry["name"].casefold(), entry["slug"]))


def _mentor_entry(mentor: Mentor) -> JSONDict:
    return {
        "name": mentor.name,
        "slug": mentor.slug,
        "github": mentor.github,
        "email": None,
        "ideas": [],
    }


def _add_ref(entry: JSONDict, ref: JSONDict) -> None:
    """Add an idea reference once, even when the idea lists the same skill twice."""
    # Ideas come in order, so a repeat can only be of the last one added.
    if not entry["ideas"] or entry["ideas"][-1] != ref:
        entry["ideas"].append(ref)
