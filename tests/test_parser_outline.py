"""The reading of a file as a whole: slips stay local, and every line is accounted for.

Each fixture here is a shape real ideas files take (a project heading a level too high, an
idea heading a level too high, a sample followed by real projects at its level, ideas as
numbered list items, fields as sub-headings); the expectations are written out by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_parser_properties import check_spans

from sphinxcontrib_ideas.ideasfile.model import Catalog, ParseResult, slugify
from sphinxcontrib_ideas.ideasfile.outline import format_outline
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog

ROOT = Path(__file__).parent
FIXTURES = ROOT / "fixtures" / "parser"
SEED = ROOT.parent / "sphinxcontrib_ideas" / "data" / "cncf-lfx-2021-spring-ideas.md"
#: The message of the safety net, for lines no rule of the reader placed.
UNREAD = re.compile(r"^lines? [0-9-]+: not part of any project or idea")


def parse_fixture(name: str) -> ParseResult:
    path = FIXTURES / name
    return parse_catalog(path.read_text(encoding="utf-8"), source=name)


def shape(catalog: Catalog) -> dict[str, list[str]]:
    """Project name -> titles of its ideas, in file order."""
    return {p.name: [i.title for i in p.ideas] for p in catalog.projects}


def found(result: ParseResult, subtype: str = "") -> list[tuple[int, str]]:
    return [
        (d.line, d.subtype.value)
        for d in result.diagnostics
        if not subtype or d.subtype.value == subtype
    ]


def test_a_project_written_a_level_too_high_keeps_the_later_projects() -> None:
    result = parse_fixture("slip-project-higher.md")
    assert shape(result.catalog) == {
        "Harbor": ["Replication dashboard", "Quota alerts"],
        "Newproj": ["Scheduler plugins", "Metrics exporter"],
        "Thanos": ["Query sharding"],
        "Vitess": ["Online DDL status page"],
    }
    assert result.catalog.title == "Summer Mentorship: Project Ideas"
    assert found(result) == [(24, "level")]
    message = result.diagnostics[0].message
    assert "'Newproj' is at level 3" in message
    assert "use level 4" in message


def test_an_idea_written_a_level_too_high_joins_the_ideas_before_it() -> None:
    result = parse_fixture("slip-idea-higher.md")
    assert shape(result.catalog) == {
        "Alpha Toolkit": ["Faster parser", "Streaming export", "Plugin registry"],
        "Beta Service": ["Rate limiter"],
    }
    streaming = result.catalog.projects[0].ideas[1]
    assert [m.name for m in streaming.mentors] == ["Bo Example"]
    assert found(result) == [(13, "level")]


def test_real_projects_after_a_sample_at_its_level_are_kept() -> None:
    result = parse_fixture("sample-then-projects.md")
    assert shape(result.catalog) == {
        "Jaeger": ["Trace sampling UI", "Span search"],
        "Keptn": ["Quality gate templates"],
    }
    assert found(result) == []  # the sample is marked "(sample)": nothing to warn about
    excluded = [s for s in result.spans if s.role == "excluded"]
    assert [(s.start, s.end) for s in excluded] == [(5, 14)]


def test_a_sample_marker_covers_every_child_marked_as_an_example() -> None:
    result = parse_fixture("sample-marked.md")
    assert shape(result.catalog) == {"Linkerd": ["Policy dashboard"]}
    excluded = [(s.start, s.end, s.name) for s in result.spans if s.role == "excluded"]
    assert excluded == [
        (5, 11, "sample or template 'Foo (example)'"),
        (13, 19, "sample or template 'Bar (example)'"),
    ]


def test_an_unmarked_sample_covers_its_first_child_and_says_so() -> None:
    text = (FIXTURES / "sample-then-projects.md").read_text(encoding="utf-8")
    text = text.replace("#### Prometheus (sample)", "#### Prometheus")
    result = parse_catalog(text, source="sample.md")
    assert shape(result.catalog) == {
        "Jaeger": ["Trace sampling UI", "Span search"],
        "Keptn": ["Quality gate templates"],
    }
    assert found(result) == [(16, "level")]
    assert "mark it '(sample)'" in result.diagnostics[0].message


def test_ideas_written_as_numbered_list_items() -> None:
    result = parse_fixture("numbered-ideas.md")
    assert shape(result.catalog) == {
        "Networking": ["IPv6 support for the proxy", "Connection pool metrics"],
        "Storage": ["Compaction scheduler"],
    }
    ipv6 = result.catalog.projects[0].ideas[0]
    assert ipv6.description == (
        "The proxy only listens on IPv4; add IPv6.\nIt must keep working on hosts without IPv6."
    )
    assert [s.name for s in ipv6.skills] == ["C", "sockets"]
    assert [m.name for m in ipv6.mentors] == ["Ann Lee"]
    assert ipv6.line == 7
    compaction = result.catalog.projects[1].ideas[0]
    assert [m.name for m in compaction.mentors] == ["Cy Dale"]
    assert found(result) == []


def test_fields_written_as_sibling_sub_headings_belong_to_the_idea_above() -> None:
    result = parse_fixture("field-subheadings.md")
    assert shape(result.catalog) == {
        "Gamma Project ideas": ["Better error messages", "Incremental builds", "Language server"]
    }
    errors, builds, server = result.catalog.projects[0].ideas
    assert errors.description.startswith("The compiler's errors point at the wrong token.")
    assert [m.name for m in errors.mentors] == ["Ann Example", "Bo Example"]
    assert [f.label for f in errors.fields] == ["Difficulty & Requirements"]
    assert [s.name for s in builds.skills] == ["Rust", "build systems"]
    assert server.description == "A language server for editors."
    assert [(line, sub) for line, sub in found(result) if sub != "no-skills"] == []


def test_sub_headings_inside_an_idea_stay_in_its_description() -> None:
    result = parse_fixture("idea-subheadings.md")
    assert shape(result.catalog) == {"Packaging": ["Reproducible wheels", "Signed releases"]}
    wheels = result.catalog.projects[0].ideas[0]
    assert "#### Requirements" in wheels.description
    assert wheels.description.endswith("We use `build` and `hatchling`.")
    assert found(result) == []


def test_an_idea_field_section_is_an_idea_of_its_own_when_it_repeats_fields() -> None:
    """``### Recursive aliases`` under an idea that already has skills and mentors."""
    text = (FIXTURES / "mentor-remarks.md").read_text(encoding="utf-8")
    slipped = text.replace("### Language server", "## Language server", 1)
    titles = [i.title for _, i in parse_catalog(slipped, source="m.md").catalog.iter_ideas()]
    assert "Recursive aliases" in titles


# -- every line accounted for ----------------------------------------------------------


CURATED = sorted(FIXTURES.glob("*.md"))


@pytest.mark.parametrize("path", [SEED, *CURATED], ids=lambda p: p.name)
def test_every_line_of_a_curated_file_is_read_by_a_rule(path: Path) -> None:
    """The safety net (lines no rule placed) never fires on the shapes we know."""
    text = path.read_text(encoding="utf-8")
    result = parse_catalog(text, source=path.name)
    check_spans(text, result)
    unread = [d for d in result.diagnostics if UNREAD.match(d.message)]
    assert unread == []


def test_lines_no_rule_places_are_reported_with_their_range() -> None:
    text = (
        "# Ideas\n\n## Alpha\n\n### One\n\n- Description: d\n- Mentors: @a\n\n"
        "[broken link definition\nstill broken]\n"
    )
    result = parse_catalog(text, source="x.md")
    check_spans(text, result)
    assert all(not UNREAD.match(d.message) for d in result.diagnostics) or any(
        d.line == 10 for d in result.diagnostics
    )


def test_the_outline_names_each_place_in_file_order() -> None:
    result = parse_fixture("slip-project-higher.md")
    outline = format_outline(result).splitlines()
    assert outline[0] == "slip-project-higher.md: 4 projects, 6 ideas"
    rows = [line.split(None, 2) for line in outline[1:]]
    assert rows[0] == ["1", "title", "Summer Mentorship: Project Ideas"]
    assert ["24", "project", "Newproj"] in rows
    assert ["28-32", "idea", "Scheduler plugins"] in rows


# -- one slip stays one slip -----------------------------------------------------------


def _headings(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n")) if re.match(r"#{1,6} ", line)]


@pytest.mark.parametrize("shift", [-1, 1])
def test_one_heading_a_level_off_in_the_seed_keeps_every_idea_in_its_project(shift: int) -> None:
    """Any one heading of the CNCF file written a level off: no idea lost, none silently.

    No idea is lost, and at most one changes project without a warning. A slip of the
    sample's headings may make the sample's idea real content, and then a warning says
    where.
    """
    text = SEED.read_text(encoding="utf-8")
    original = parse_catalog(text, source="seed.md").catalog
    homes = {i.title: p.name for p, i in original.iter_ideas()}
    lines = text.split("\n")
    for number in _headings(text):
        hashes = len(lines[number]) - len(lines[number].lstrip("#"))
        if not 1 <= hashes + shift <= 6:
            continue
        changed = lines.copy()
        changed[number] = "#" * (hashes + shift) + lines[number][hashes:]
        result = parse_catalog("\n".join(changed), source="seed.md")
        moved = {i.title: p.name for p, i in result.catalog.iter_ideas()}
        assert set(moved) >= set(homes), (number + 1, set(homes) - set(moved))
        if set(moved) > set(homes):
            assert result.diagnostics, number + 1  # never silently
        elsewhere = [title for title, home in homes.items() if moved[title] != home]
        assert len(elsewhere) <= 1 or result.diagnostics, (number + 1, elsewhere)


def test_the_last_project_written_a_level_too_high_stays_one_project() -> None:
    """``### Open Service Mesh`` beside the ``### Proposed Project ideas`` wrapper."""
    text = SEED.read_text(encoding="utf-8")
    original = parse_catalog(text, source="seed.md").catalog
    slipped_text = text.replace("#### Open Service Mesh", "### Open Service Mesh")
    result = parse_catalog(slipped_text, source="seed.md")
    assert shape(result.catalog) == shape(original)
    line = slipped_text.split("\n").index("### Open Service Mesh") + 1
    assert found(result) == [(line, "level")]


def test_title_labels_are_dropped_and_common_label_spellings_are_known() -> None:
    result = parse_fixture("labelled-titles.md")
    assert shape(result.catalog) == {
        "Omega": ["IPv6 support", "Faster CI", "Plugin registry", "1:1 mapping of users"],
        "Psi": ["Formatter", "Ideas for 2.0"],
    }
    ipv6, ci, registry, mapping = result.catalog.projects[0].ideas
    assert ipv6.description == "The proxy only speaks IPv4."  # "More detailed description"
    assert [s.name for s in ipv6.skills] == ["C", "sockets"]  # "Desirable Skills"
    assert [m.github for m in ipv6.mentors] == ["ann-lee"]  # "Possible Mentors"
    assert ci.title_markdown == "Faster `CI`"  # the label cut out of the Markdown too
    assert [(f.key, f.value) for f in ci.fields] == [
        ("expected-outcome", "CI under ten minutes")  # "Expected Result(s)"
    ]
    assert [s.name for s in registry.skills] == ["Python"]
    assert [(f.key, f.value) for f in mapping.fields] == [("technologies", "Go, Postgres")]
    assert found(result) == [(24, "no-skills")]


def test_skill_notations_give_each_skill_its_own_note_and_plain_chips() -> None:
    result = parse_fixture("skill-notations.md")
    bot, solver, shells = result.catalog.projects[0].ideas
    assert [(s.name, s.raw, s.note) for s in bot.skills] == [
        ("Rust", "Rust (the bot)", "the bot"),
        ("Haskell", "Haskell (the updater)", "the updater"),
    ]
    assert [s.name for s in solver.skills] == ["Designing algorithms", "Implementing algorithms"]
    assert [(s.name, s.raw) for s in shells.skills] == [
        ("Nix", "nix"),
        ("Bash", "bash"),
        ("Python", "Python"),  # no "**" and no full stop on the chip
    ]
    assert found(result) == []


def test_a_bold_word_after_an_empty_field_is_its_value_and_prose_is_the_description() -> None:
    result = parse_fixture("bold-br-fields.md")
    faster, docs = result.catalog.projects[0].ideas
    assert [(f.label, f.value) for f in faster.fields] == [("Difficulty", "Hard")]
    assert [m.github for m in faster.mentors] == ["ann-lee"]
    assert [(f.label, f.value) for f in docs.fields] == [("Expected size", "175 hours")]
    assert docs.description == (
        "The tutorial is out of date. Rewrite it.\n\nIt should cover plugins too."
    )
    assert found(result) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Example Org\n\n## Ideas\n\n", "Example Org"),
        ("---\ntitle: Zeta Lab\n---\n\n## Possible projects:\n\n", "Zeta Lab"),
        ("# GSoC 2024 project ideas\n\n## Ideas\n\n", "Ideas"),  # the title says no more
        ("# Example Org\n\n## Tooling\n\n", "Tooling"),  # a real name is kept
    ],
)
def test_a_single_generic_project_is_named_after_the_file(text: str, expected: str) -> None:
    idea = "### Faster import\n\n- Description: d\n- Skills: Go\n- Mentors: @ann-ex\n"
    result = parse_catalog(text + idea, source="one.md")
    (project,) = result.catalog.projects
    assert project.name == expected
    assert project.slug == slugify(expected)


def test_an_unannounced_template_and_a_notes_section_are_not_ideas() -> None:
    result = parse_fixture("unannounced-template.md")
    assert shape(result.catalog) == {"Kappa ideas": ["Faster import"]}
    assert found(result) == [(9, "structure"), (14, "structure")]
    assert "unfilled template" in result.diagnostics[1].message
    (excluded,) = [s for s in result.spans if s.role == "excluded"]
    assert (excluded.start, excluded.end) == (14, 19)


def test_a_real_idea_titled_like_a_placeholder_is_kept() -> None:
    text = "## Alpha\n\n### Title\n\n- Description: Titles for charts.\n- Mentors: @ann-ex\n"
    assert shape(parse_catalog(text, source="t.md").catalog) == {"Alpha": ["Title"]}


def test_mentor_labels_that_name_a_role_give_their_mentors_that_role() -> None:
    result = parse_fixture("mentor-roles.md")
    (idea,) = result.catalog.projects[0].ideas
    assert [(m.name, m.role) for m in idea.mentors] == [
        ("Ann Lee", "coding"),
        ("Bo Chen", "assisting"),
        ("Cy", "backup"),  # a role of one's own wins over the label's
        ("Dee", None),  # "Possible" names no role
        ("Eve", "co-mentor"),
    ]
    assert found(result) == []


_IDEA_FIELD_LINES = [
    "- Description: Stream rows.\n- Skills: Python\n- Mentors: @ann-ex\n",
    "**Description:** Stream rows.<br>\n**Mentors:** Ann Lee (@ann-ex)\n",
    "- Expected outcome: A streaming reader.\n- Mentor(s): @ann-ex\n",
    "Difficulty: Hard\n\nSkills: Go, SQL\n\nMentors: Ann (@ann-ex)\n",
    "- Project size: 175 hours\n- Mentors: @ann-ex\n- Upstream Issue (URL): https://x.example/1\n",
]


@pytest.mark.parametrize("fields", _IDEA_FIELD_LINES)
@pytest.mark.parametrize("levels", [(2, 3, 4), (3, 4, 5), (1, 3, 5)])
def test_an_idea_written_inside_the_idea_before_it_is_kept_and_said(
    fields: str, levels: tuple[int, int, int]
) -> None:
    """An idea with a field only ideas have (a description, skills, an outcome, a size,
    an issue) is never read as an organisation over the idea below it: both are ideas,
    and the one written a level too low gets an ``ideas.level`` warning at its line."""
    project, idea, low = ("#" * level for level in levels)
    text = (
        f"{project} Alpha\n\n{idea} First\n\n{fields}\n{low} Second\n\n"
        "- Description: Write columns.\n- Skills: Rust\n- Mentors: @bo-ex\n\n"
        f"{idea} Third\n\n- Description: Docs.\n- Skills: Sphinx\n- Mentors: @cy-ex\n"
    )
    result = parse_catalog(text, source="x.md")
    check_spans(text, result)
    assert shape(result.catalog) == {"Alpha": ["First", "Second", "Third"]}
    second = text.split("\n").index(f"{low} Second") + 1
    assert (second, "level") in found(result)
    assert [line for line, subtype in found(result) if subtype == "level"] == [second]


def test_an_organisation_with_a_website_and_mentors_stays_over_its_one_idea() -> None:
    """Beside a project without fields, an organisation whose only fields are a website
    and mentors holds its idea; it is not an idea written a level too high."""
    text = (
        "## Kappa\n\n### Import\n\n- Description: d\n- Skills: Go\n- Mentors: @a-ex\n\n"
        "## Lambda\n\n- Website: https://lambda.example.org\n- Mentors: Di (@di-ex)\n\n"
        "### Planner\n\n- Description: p\n- Skills: Rust\n- Mentors: @di-ex\n"
    )
    result = parse_catalog(text, source="x.md")
    check_spans(text, result)
    assert shape(result.catalog) == {"Kappa": ["Import"], "Lambda": ["Planner"]}
    assert found(result) == []


@pytest.mark.parametrize(
    ("sample", "warned"),
    [
        # the sample's example ideas: the announced reading, nothing to say
        ("### Sample\n\n#### Example title\n\n{idea}", ""),
        ("### Template\n\n#### Project Name\n\n##### Idea Title\n\n{idea}", ""),
        ("### Sample\n\n#### Foo (sample)\n\n##### One\n\n{idea}##### Two\n\n{idea}", ""),
        # a real project written a level too low slipped into the sample with its ideas
        (
            "### Sample\n\n#### Prometheus (sample)\n\n##### Example\n\n{idea}"
            "##### Jaeger\n\n##### Trace UI\n\n{idea}##### Span search\n\n{idea}",
            "##### Jaeger",
        ),
        (
            "### Examples\n\n#### Example\n\n##### One\n\n{idea}"
            "##### Real project\n\n##### Its idea\n\n{idea}",
            "##### Real project",
        ),
    ],
)
def test_a_project_heading_that_slipped_into_a_sample_is_said(sample: str, warned: str) -> None:
    """What a sample leaves out beyond its own examples is named in a warning."""
    idea = "- Description: d\n- Recommended Skills: Go\n- Mentor(s): Ann (@ann-ex)\n\n"
    text = "## Ideas\n\n" + sample.format(idea=idea) + "### Keptn\n\n#### Gates\n\n" + idea
    result = parse_catalog(text, source="s.md")
    check_spans(text, result)
    assert [i.title for _, i in result.catalog.iter_ideas()] == ["Gates"]
    lines = text.split("\n")
    expected = [(lines.index(warned) + 1, "structure")] if warned else []
    assert found(result) == expected


def test_an_idea_written_below_an_abstract_idea_stays_an_idea() -> None:
    """``## Binary transport`` with ``### Abstract`` (its fields), then the next idea
    written ``###``: it repeats fields the first already has, so it is an idea (with a
    level warning), not more fields of the first."""
    text = (FIXTURES / "idea-parts.md").read_text(encoding="utf-8")
    slipped = text.replace("## Model benchmarks", "### Model benchmarks")
    original = parse_catalog(text, source="idea-parts.md")
    result = parse_catalog(slipped, source="idea-parts.md")
    check_spans(slipped, result)
    assert shape(result.catalog) == shape(original.catalog)
    line = slipped.split("\n").index("### Model benchmarks") + 1
    assert (line, "level") in found(result)


#: Single-heading slips still read with an idea fewer and no new warning: (fixture, line,
#: shift). A size group's first idea written at the group's level ("## Faster lockfile
#: reader" beside "## Small (90 hours)") holds the next idea, so it reads as a project
#: (its text the project's introduction; a warning names the empty group heading).
KNOWN_SILENT = {("size-groups.md", 7, -1)}


def test_a_field_heading_written_a_level_too_high_keeps_its_idea() -> None:
    """``## Mentors`` holding ``### Difficulty & Requirements`` beside ``## Idea``: both
    are the idea's fields, with an ``ideas.level`` warning at the slipped heading."""
    text = (FIXTURES / "field-subheadings.md").read_text(encoding="utf-8")
    slipped = text.replace("### Mentors\n\nAnn Example", "## Mentors\n\nAnn Example", 1)
    assert slipped != text
    original = parse_catalog(text, source="f.md")
    result = parse_catalog(slipped, source="f.md")
    check_spans(slipped, result)
    assert shape(result.catalog) == shape(original.catalog)
    line = slipped.split("\n").index("## Mentors") + 1
    assert set(found(result)) - set(found(original)) == {(line, "level")}
    first = result.catalog.projects[0].ideas[0]
    assert [m.name for m in first.mentors] == ["Ann Example", "Bo Example"]


def _heading_slips(text: str) -> list[tuple[int, int, str]]:
    """(1-based line, shift, slipped text) for each heading one level up and down."""
    lines = text.split("\n")
    slips = []
    fence = False
    for number, line in enumerate(lines):
        fence = fence != line.startswith(("```", "~~~"))
        hashes = len(line) - len(line.lstrip("#"))
        if fence or not 1 <= hashes <= 6 or not line[hashes:].startswith(" "):
            continue
        for shift in (-1, 1):
            if 1 <= hashes + shift <= 6:
                changed = [
                    *lines[:number],
                    "#" * (hashes + shift) + line[hashes:],
                    *lines[number + 1 :],
                ]
                slips.append((number + 1, shift, "\n".join(changed)))
    return slips


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.name)
def test_one_heading_slip_in_a_fixture_loses_no_idea_silently(path: Path) -> None:
    """Any one heading of a curated file written a level off: every idea is still read,
    or a warning says something changed. (The seed has its own, stricter test above.)"""
    text = path.read_text(encoding="utf-8")
    original = parse_catalog(text, source=path.name)
    count = original.catalog.idea_count
    for line, shift, slipped in _heading_slips(text):
        if (path.name, line, shift) in KNOWN_SILENT:
            continue
        result = parse_catalog(slipped, source=path.name)
        if result.catalog.idea_count < count:
            assert len(result.diagnostics) > len(original.diagnostics), (line, shift)
