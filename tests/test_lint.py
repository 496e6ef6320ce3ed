"""The linter: review problems of whole ideas and projects."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sphinxcontrib_ideas.ideasfile.lint import lint_catalog
from sphinxcontrib_ideas.ideasfile.model import (
    Catalog,
    Field,
    Idea,
    Mentor,
    Project,
    Skill,
    Subtype,
)
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog


def _mentor(handle: str, line: int) -> Mentor:
    return Mentor(name=handle, github=handle, email=None, role=None, raw=f"@{handle}", line=line)


def _idea(title: str, line: int, **changes: object) -> Idea:
    """A complete idea (nothing to report) unless ``changes`` take something away."""
    idea = Idea(
        title=title,
        slug=title.lower().replace(" ", "-"),
        line=line,
        description="Make it faster.",
        description_line=line + 1,
        skills=(Skill(name="Go", raw="golang", level=None, note=None, line=line + 2),),
        skills_text="golang",
        mentors=(_mentor("ann", line + 3),),
    )
    return replace(idea, **changes)  # type: ignore[arg-type]


def _catalog(*projects: Project) -> Catalog:
    return Catalog(source="ideas/2021.md", projects=projects)


def test_complete_ideas_have_nothing_to_report() -> None:
    project = Project(name="TiKV", slug="tikv", line=1, ideas=(_idea("A", 3), _idea("B", 10)))
    assert lint_catalog(_catalog(project)) == ()


def test_empty_catalog_has_nothing_to_report() -> None:
    assert lint_catalog(Catalog(source="x.md")) == ()


def test_missing_mentors_skills_description_each_warn_at_the_idea_line() -> None:
    idea = _idea("Build on Windows", 12, mentors=(), skills=(), skills_text="", description="  ")
    project = Project(name="TiKV", slug="tikv", line=1, ideas=(idea,))
    diagnostics = lint_catalog(_catalog(project))
    assert [(d.line, d.subtype, d.severity, d.message) for d in diagnostics] == [
        (12, Subtype.NO_MENTORS, "warning", "idea 'Build on Windows' has no mentors"),
        (12, Subtype.NO_SKILLS, "warning", "idea 'Build on Windows' has no recommended skills"),
        (12, Subtype.NO_DESCRIPTION, "warning", "idea 'Build on Windows' has no description"),
    ]
    assert {d.source for d in diagnostics} == {"ideas/2021.md"}


def test_placeholders_count_as_missing() -> None:
    idea = _idea("Later", 7, skills=(), skills_text="TBD", description="*TBA*")
    project = Project(name="P", slug="p", line=1, ideas=(idea,))
    subtypes = [d.subtype for d in lint_catalog(_catalog(project))]
    assert subtypes == [Subtype.NO_SKILLS, Subtype.NO_DESCRIPTION]


def test_skills_written_as_prose_count_as_skills() -> None:
    idea = _idea("Import", 5, skills=(), skills_text="Anything you like, really.")
    project = Project(name="Crossplane", slug="crossplane", line=1, ideas=(idea,))
    assert lint_catalog(_catalog(project)) == ()


def test_duplicate_titles_in_one_project_name_the_other_line() -> None:
    ideas = (_idea("Build on Windows", 5), _idea("Other", 15), _idea("build  on WINDOWS", 25))
    project = Project(name="TiKV", slug="tikv", line=1, ideas=ideas)
    (diagnostic,) = lint_catalog(_catalog(project))
    assert (diagnostic.line, diagnostic.subtype) == (25, Subtype.DUPLICATE_IDEA)
    assert diagnostic.message == (
        "duplicate idea 'build  on WINDOWS' in project 'TiKV', other instance at line 5"
    )


def test_same_title_in_different_projects_is_fine() -> None:
    first = Project(name="A", slug="a", line=1, ideas=(_idea("Docs", 3),))
    second = Project(name="B", slug="b", line=20, ideas=(_idea("Docs", 22),))
    assert lint_catalog(_catalog(first, second)) == ()


def test_mentor_doubled_across_fields_is_reported_once() -> None:
    mentors = (_mentor("ann", 8), _mentor("bob", 8), replace(_mentor("ANN", 9), raw="Ann (@ANN)"))
    project = Project(name="P", slug="p", line=1, ideas=(_idea("X", 5, mentors=mentors),))
    (diagnostic,) = lint_catalog(_catalog(project))
    assert (diagnostic.line, diagnostic.subtype) == (9, Subtype.DUPLICATE_MENTOR)
    assert "'Ann (@ANN)'" in diagnostic.message
    assert "line 8" in diagnostic.message


def test_diagnostics_come_in_file_order_across_projects() -> None:
    first = Project(name="A", slug="a", line=1, ideas=(_idea("X", 30, mentors=()),))
    second = Project(name="B", slug="b", line=2, ideas=(_idea("Y", 10, description=""),))
    lines = [d.line for d in lint_catalog(_catalog(first, second))]
    assert lines == sorted(lines) == [10, 30]


def test_sample_lints_without_errors(seed_path: Path) -> None:
    """The bundled sample read by the real parser: warnings at most, never errors."""
    text = seed_path.read_text(encoding="utf-8")
    result = parse_catalog(text, source="seed.md")
    diagnostics = lint_catalog(result.catalog)
    assert all(d.severity == "warning" for d in diagnostics)
    assert not [d for d in diagnostics if d.subtype is Subtype.DUPLICATE_IDEA]
    assert not [d for d in diagnostics if d.subtype is Subtype.NO_MENTORS]


def _field(label: str, value: str, line: int) -> Field:
    return Field(label=label, key=label.lower().replace(" ", "-"), value=value, line=line)


def test_url_fields_must_hold_urls() -> None:
    fields = (
        _field("LFX URL", "htp://mentorship.example.org/p/1", 9),
        _field("Project link", "see the website", 10),
        _field("LFX URL", "", 11),
        _field("Other URL", "- https://example.org/a\n- not one", 12),
        _field("Expected Outcome", "htp://not checked, not a URL field", 15),
        _field("Website", "<https://example.org>", 16),
    )
    project = Project(name="P", slug="p", line=1, ideas=(_idea("X", 5, fields=fields),))
    diagnostics = lint_catalog(_catalog(project))
    assert [(d.line, d.subtype, d.message) for d in diagnostics] == [
        (
            9,
            Subtype.URL,
            "malformed URL 'htp://mentorship.example.org/p/1' in field 'LFX URL' of idea 'X'",
        ),
        (10, Subtype.URL, "field 'Project link' of idea 'X' is not a URL: 'see the website'"),
        (14, Subtype.URL, "field 'Other URL' of idea 'X' is not a URL: 'not one'"),
    ]


def test_heading_links_must_be_urls_when_absolute() -> None:
    idea = replace(_idea("X", 5), url="https//github.com/a/b")
    good = replace(_idea("Y", 9), url="../docs/y.md")
    project = Project(name="P", slug="p", line=1, ideas=(idea, good), url="htps://p.example")
    diagnostics = lint_catalog(_catalog(project))
    assert [(d.line, d.message) for d in diagnostics] == [
        (1, "malformed URL 'htps://p.example' in the heading of project 'P'"),
        (5, "malformed URL 'https//github.com/a/b' in the heading of idea 'X'"),
    ]
