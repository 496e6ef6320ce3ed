"""Ideas files for tests that edit one part of a file and compare: every ideas file of
the tests and the sample, and a regular one of any size."""

from __future__ import annotations

from pathlib import Path

_TESTS = Path(__file__).parent
_SAMPLE = _TESTS.parent / "sphinxcontrib_ideas" / "data" / "cncf-lfx-2021-spring-ideas.md"
#: The sample, and every Markdown file of the fixtures and test projects.
IDEAS_FILES = sorted(
    path
    for path in {_SAMPLE, *(_TESTS / "fixtures").rglob("*.md"), *(_TESTS / "roots").rglob("*.md")}
    if path.is_file()
)


def catalog_text(projects: int, ideas: int) -> str:
    """``projects`` projects of ``ideas`` ideas each, every idea with the usual fields
    (a description with a list, one mentor, skills with a qualifier and an alias, an
    issue, an outcome, and a field no template names: "Toolbox")."""
    parts = ["# Program ideas", ""]
    for number in range(projects):
        parts += [f"## Project {number}", ""]
        for idea in range(ideas):
            parts += [
                f"### Idea {number}.{idea}",
                "",
                f"- Description: Improve part {idea} of project {number}.",
                "  More about it, with a list:",
                "  - first",
                "  - second",
                f"- Mentors: Ann Lee (@ann{number})",
                "- Recommended Skills: Golang (basic), Rust",
                f"- Upstream Issue (URL): https://github.com/o/p{number}/issues/{idea + 1}",
                "- Expected Outcome: it works",
                "- Toolbox: Zig",
                "",
            ]
    return "\n".join(parts)
