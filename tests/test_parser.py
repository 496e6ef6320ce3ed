"""The parser on the bundled real sample and on small fixtures, one per format variant."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sphinxcontrib_ideas.ideasfile._labels import split_label
from sphinxcontrib_ideas.ideasfile.model import Catalog, Diagnostic, Idea, ParseResult, Project
from sphinxcontrib_ideas.ideasfile.parser import names_category, parse_catalog, says_sample

FIXTURES = Path(__file__).parent / "fixtures" / "parser"


def parse_fixture(name: str) -> ParseResult:
    return parse_catalog((FIXTURES / name).read_text(encoding="utf-8"), source=name)


def render(diagnostic: Diagnostic) -> str:
    """A diagnostic as ``sphinx-ideas check`` prints it."""
    d = diagnostic
    return f"{d.source}:{d.line}: {d.severity}: {d.message} [ideas.{d.subtype}]"


def project(catalog: Catalog, name: str) -> Project:
    (found,) = (p for p in catalog.projects if p.name == name)
    return found


def idea(catalog: Catalog, title: str) -> Idea:
    (found,) = (i for _, i in catalog.iter_ideas() if i.title == title)
    return found


def line_of(text: str, line: str) -> int:
    """1-based number of the (unique) line ``line`` in ``text``."""
    numbers = [n for n, text_line in enumerate(text.split("\n"), 1) if text_line == line]
    assert len(numbers) == 1, line
    return numbers[0]


# -- the real sample ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> ParseResult:
    return parse_catalog(seed_text, source="seed.md")


def test_seed_counts_and_file_order(seed: ParseResult, seed_text: str) -> None:
    catalog = seed.catalog
    assert len(catalog.projects) == 17
    assert catalog.idea_count == 38
    project_lines = [p.line for p in catalog.projects]
    idea_lines = [i.line for _, i in catalog.iter_ideas()]
    assert project_lines == sorted(project_lines)
    assert idea_lines == sorted(idea_lines)
    assert catalog.projects[0].line == line_of(seed_text, "#### Kubernetes")
    assert catalog.projects[-1].line == line_of(seed_text, "#### Open Service Mesh")
    for p in catalog.projects:
        assert p.ideas
        assert seed_text.split("\n")[p.line - 1].lstrip("#").strip() == p.name


def test_seed_sample_and_template_are_not_ideas(seed: ParseResult, seed_text: str) -> None:
    proposed = line_of(seed_text, "### Proposed Project ideas")
    assert all(i.line > proposed for _, i in seed.catalog.iter_ideas())
    assert "Prometheus (sample)" not in {p.name for p in seed.catalog.projects}
    assert seed.catalog.title == "Projects ideas"
    assert seed.catalog.preamble.startswith("Project maintainers and mentors")
    assert "Template" not in seed.catalog.preamble
    assert "Krasi" not in seed.catalog.preamble


def test_seed_kubernetes_groups(seed: ParseResult) -> None:
    kubernetes = project(seed.catalog, "Kubernetes")
    assert [i.group for i in kubernetes.ideas] == [
        "WG Policy",
        "SIG Usability",
        "SIG Architecture",
        "SIG Cluster Lifecycle",
    ]
    assert all(i.group is None for p in seed.catalog.projects[1:] for i in p.ideas)


def test_seed_mentors(seed: ParseResult) -> None:
    pairs = [(m.key, i.line) for _, i in seed.catalog.iter_ideas() for m in i.mentors]
    assert len(pairs) == 65
    assert len(set(pairs)) == 65
    per_mentor = Counter(key for key, _ in pairs)
    assert len(per_mentor) == 42
    assert per_mentor["@andylokandy"] == 3
    assert per_mentor["@william-wang"] == 2
    mentors = {m.key: m for _, i in seed.catalog.iter_ideas() for m in i.mentors}
    assert mentors["@andylokandy"].name == "Andy Lok"
    by_name = {m.name: m for m in mentors.values()}
    assert by_name["Wang Xiang"].github == "WangXiangUSTC"
    assert by_name["Kevin(Zefeng) Wang"].github == "kevin-wangzefeng"


def test_seed_crossplane_handle_only_mentors(seed: ParseResult) -> None:
    crossplane = project(seed.catalog, "Crossplane")
    assert len(crossplane.ideas) == 3
    for crossplane_idea in crossplane.ideas:
        assert len(crossplane_idea.mentors) == 3
        assert all(m.github and m.name == m.github for m in crossplane_idea.mentors)


def test_seed_descriptions(seed: ParseResult, seed_text: str) -> None:
    kubeedge = project(seed.catalog, "KubeEdge")
    unlabelled = [i for i in kubeedge.ideas if i.description.startswith("We need")]
    assert len(unlabelled) == 2
    for kubeedge_idea in unlabelled:
        assert seed_text.split("\n")[kubeedge_idea.description_line - 1].startswith("- We need")
    tests_idea = unlabelled[0]
    assert "- Application migration when the network is disconnected" in tests_idea.description
    assert not tests_idea.fields
    chaos = idea(seed.catalog, "Chaos Engineering as a Service")
    assert "- Poor observability:" in chaos.description
    assert chaos.description.endswith("monitoring data of the experiment.")
    jobs = idea(seed.catalog, "Jobs-to-Be-Done study")
    lead, labelled = jobs.description.split("\n\n")
    assert lead.startswith("Qualitative analysis")
    assert labelled.startswith("SIG Usability is conducting")
    spire = idea(seed.catalog, "Design and implement a health/status subsystem in SPIRE")
    assert spire.description.startswith("[SPIRE](https://spiffe.io)")
    osm = idea(seed.catalog, "Support for WebAssembly filters")
    assert osm.description.startswith("Bring OSM on par")
    assert [m.github for m in osm.mentors] == ["leecalcote", "kalradev"]
    assert all(i.description for _, i in seed.catalog.iter_ideas())


def test_seed_go_is_one_skill(seed: ParseResult) -> None:
    skills = [s for _, i in seed.catalog.iter_ideas() for s in i.skills]
    go_spellings = {s.raw.split("(")[0].strip() for s in skills if s.name == "Go"}
    assert {"Go", "golang", "Golang"} <= go_spellings
    assert not any(s.name.casefold() == "golang" for s in skills)


def test_seed_issues_and_diagnostics(seed: ParseResult, seed_text: str) -> None:
    thanos = project(seed.catalog, "Thanos")
    assert thanos.ideas[0].issues == ("https://github.com/thanos-io/thanos/issues/3572",)
    assert all(len(i.issues) == 1 for _, i in seed.catalog.iter_ideas())
    assert not [d for d in seed.diagnostics if d.severity == "error"]
    last = len(seed_text.split("\n"))
    assert all(d.source == "seed.md" and 0 <= d.line <= last for d in seed.diagnostics)


def test_seed_slugs_are_unique(seed: ParseResult) -> None:
    slugs = [p.slug for p in seed.catalog.projects]
    assert len(set(slugs)) == len(slugs)
    for p in seed.catalog.projects:
        assert len({i.slug for i in p.ideas}) == len(p.ideas)


# -- fixtures: levels ---------------------------------------------------------------------


def test_gsoc_style_org_and_idea_levels() -> None:
    result = parse_fixture("gsoc-levels.md")
    catalog = result.catalog
    assert catalog.title == "Example Org Summer of Code Ideas"
    # the table of contents (links to in-page anchors) is not kept
    assert (
        catalog.preamble
        == "Welcome! Read the [contributor guide](https://example.org/guide) first."
    )
    assert catalog.preamble_line == 3
    assert [p.name for p in catalog.projects] == ["Alpha Tools", "Beta Engine"]
    alpha, beta = catalog.projects
    assert alpha.intro == "Alpha builds command-line tools for researchers."
    assert alpha.intro_line == 10
    assert beta.url == "https://example.org/beta"
    importer = idea(catalog, "Faster importer")
    assert importer.description == "Rewrite the CSV importer so it streams rows."
    assert [(m.name, m.github) for m in importer.mentors] == [
        ("Ada Lovelace", "ada-l"),
        ("Grace Hopper", "ghopper"),
    ]
    assert [s.name for s in importer.skills] == ["Python", "SQL"]
    assert [(f.key, f.value, f.line) for f in importer.fields] == [
        ("expected-outcome", "An importer that needs constant memory.", 20)
    ]
    registry = idea(catalog, "Plugin registry")
    assert registry.url == "https://example.org/registry"
    assert registry.title_markdown == "[Plugin registry](https://example.org/registry)"
    assert (
        registry.description
        == "A registry where users publish plugins.\n\nDesign the registry API."
    )
    assert registry.description_line == 24
    assert not result.diagnostics


def test_gsoc_paragraph_labels_single_org() -> None:
    result = parse_fixture("gsoc-paragraphs.md")
    catalog = result.catalog
    # one organisation: its top heading is the project, its prose the intro
    assert [(p.name, p.intro_line) for p in catalog.projects] == [("Lambda Project Ideas", 3)]
    startup = idea(catalog, "Faster startup")
    assert startup.description == "Profile the interpreter start-up and remove the slow paths."
    assert [m.github for m in startup.mentors] == ["ada-ex", "bo-ex"]
    assert [s.name for s in startup.skills] == ["C", "Python"]
    assert [(f.key, f.value, f.line) for f in startup.fields] == [
        ("expected-outcome", "Start-up under 50 ms.", 8),
        ("project-size", "350 hours", 11),
        ("difficulty", "Hard", 12),
    ]
    errors = idea(catalog, "Better error messages")
    assert errors.description_line == 16
    assert [m.github for m in errors.mentors] == ["cy-ex"]
    updates = idea(catalog, "Smoother updates")  # plain "Label: value" paragraphs
    assert updates.description.endswith(
        "- download the installer quietly\n- install at the next start"
    )
    assert [s.name for s in updates.skills] == ["TypeScript", "React"]
    assert [(f.label, f.key, f.value) for f in updates.fields] == [
        ("Difficulty Level", "difficulty", "Medium")
    ]
    assert [render(d) for d in result.diagnostics] == [
        "gsoc-paragraphs.md:22: warning: idea 'Smoother updates' has no mentors [ideas.no-mentors]",
        "gsoc-paragraphs.md:33: warning: section 'Contributor guidance' is not part of any "
        "project or idea and is left out of the catalog [ideas.structure]",
    ]


def test_gsoc_bold_labels_with_line_breaks_and_rules() -> None:
    result = parse_fixture("gsoc-bold-br.md")
    catalog = result.catalog
    (upsilon,) = catalog.projects
    assert upsilon.name == "Upsilon Summer Ideas"
    assert upsilon.intro == ""  # a lone link to an in-page anchor is navigation
    activities, port = upsilon.ideas
    assert activities.description == (
        "Upsilon has many activities. This project improves\nat least ten of them.\n\n"
        "Students may pick the activities."
    )
    assert "---" not in activities.description
    assert [s.name for s in activities.skills] == ["Python", "GTK"]
    assert [(m.name, m.github) for m in activities.mentors] == [("Vera Example", "vera-ex")]
    assert port.description == "Support for Python 2 ended, so we finish the move."
    assert [(f.key, f.value) for f in port.fields] == [
        ("tasks", "* Review the changes\n* Fix regressions")
    ]
    # everything after the ideas that holds none is one warning, not one per heading
    assert [render(d) for d in result.diagnostics if d.subtype == "structure"] == [
        "gsoc-bold-br.md:40: warning: text under heading 'Administrative notes' is not part "
        "of any project or idea and is left out of the catalog [ideas.structure]"
    ]


def test_term_readme_with_toc_timeline_and_broken_out_lists() -> None:
    result = parse_fixture("term-readme.md")
    catalog = result.catalog
    assert catalog.title == "Term 03 - 2022 September - November"
    assert catalog.preamble.split("\n\n")[:3] == [
        "Status: In progress",
        "### Timeline",
        "#### Term 3: September 5th - November 30th",
    ]
    assert "Table of Contents" not in catalog.preamble
    assert catalog.preamble.endswith("| project proposals | August 1 - August 12 |")
    assert [p.name for p in catalog.projects] == ["Omicron", "Pi"]
    policy = idea(catalog, "Policy exceptions")
    # "1)" at column 0 breaks out of the bullet list; it is still the description
    assert policy.description == (
        "Overcome current issues of:\n\n"
        "1) No caching - data is fetched again on every mount.\n2) Many sources of truth."
    )
    assert policy.issues == ("https://github.com/omicron/omicron/issues/1",)
    assert [(f.key, f.line) for f in policy.fields] == [("lfx-url", 33)]
    kernel = idea(catalog, "Kernel portability")
    assert kernel.description.splitlines()[-1] == "The project aims to remove host dependencies."
    assert [m.github for m in kernel.mentors] == ["ed-ex"]
    assert not [d for d in result.diagnostics if d.subtype == "structure"]


def test_fields_written_as_sub_headings() -> None:
    result = parse_fixture("heading-fields.md")
    catalog = result.catalog
    assert [(p.name, len(p.ideas)) for p in catalog.projects] == [("Omega Toolkit", 2)]
    plotting, docs = catalog.projects[0].ideas
    assert plotting.title == "Faster plotting"  # the "Project Idea 1:" label dropped
    assert plotting.description == (
        "Make the plotting module render large data sets quickly.\n\n"
        "### Current State\n\n- Plots with a million points take a minute."
    )
    assert plotting.description_line == 9
    assert [m.github for m in plotting.mentors] == ["ivy-ex", "jo-ex"]
    assert [s.name for s in plotting.skills] == ["Python", "NumPy"]
    assert [(f.key, f.line) for f in plotting.fields] == [
        ("expected-outcome", 15),
        ("project-size", 24),
    ]
    assert [m.github for m in docs.mentors] == ["kai-ex"]
    assert docs.skills_text == "Technical writing, Sphinx"
    assert not result.diagnostics


def test_ideas_one_level_off_groups_and_demoted_project() -> None:
    result = parse_fixture("deep-levels.md")
    catalog = result.catalog
    names = {p.name: [(i.title, i.group) for i in p.ideas] for p in catalog.projects}
    assert names == {
        "Gamma": [("Gamma one", None), ("Gamma written too high", None)],
        "Delta": [("Delta one", None), ("Delta written too low", None)],
        "Epsilon": [("Epsilon one", None)],
        "Zeta": [("Zeta grouped", "SIG Storage"), ("Zeta ungrouped", None)],
        "Theta": [("Theta idea at project level", None)],
    }
    assert project(catalog, "Delta").intro == "Delta intro paragraph."
    assert catalog.title == "Ideas"
    # the idea inside an idea is kept as an idea, and said (it could be a part of the first)
    low = next(i for p, i in catalog.iter_ideas() if i.title == "Delta written too low")
    assert [(d.line, d.subtype.value) for d in result.diagnostics] == [(low.line, "level")]
    assert "inside idea 'Delta one' (level 5)" in result.diagnostics[0].message


# -- fixtures: labels ---------------------------------------------------------------------


def test_label_spellings_and_values() -> None:
    result = parse_fixture("labels.md")
    labels = idea(result.catalog, "Labels idea")
    assert labels.description == "Bold label, colon outside."
    # "Mentros" is a misspelt Mentors: read as mentors (not published as an extra field)
    assert [m.github for m in labels.mentors] == ["ann-ex", "typo"]
    assert [s.name for s in labels.skills] == ["Go", "Docker"]
    assert labels.issues == (
        "https://github.com/eta/eta/issues/1",
        "https://github.com/eta/eta/issues/2",
    )
    assert [(f.label, f.key, f.value) for f in labels.fields] == [
        ("Expected Outcome(s)", "expected-outcome", "A working prototype."),
        ("Expected project size", "project-size", "175 hours"),
        ("LFX URL", "lfx-url", "https://mentorship.lfx.linuxfoundation.org/project/1"),
        ("Technologies", "technologies", "Go, Kubernetes"),
        ("Difficulty", "difficulty", "Medium"),
    ]
    assert [render(d) for d in result.diagnostics] == [
        "labels.md:16: warning: unknown field label 'Mentros', did you mean 'Mentors'? "
        "Its value is read as Mentors [ideas.label]"
    ]


def test_tab_and_wide_bullets_are_labels() -> None:
    spaced = idea(parse_fixture("labels.md").catalog, "Tabs and spaces idea")
    assert spaced.description == "Written with a tab after the bullet,\ncontinued on a second line."
    assert spaced.description_line == 20
    assert [s.name for s in spaced.skills] == ["Go"]
    assert spaced.skills_text == "golang"
    # a value on the next line, and a sub-list value under a colon-less label
    assert [(m.name, m.github) for m in spaced.mentors] == [
        ("Bob Example", "bob-ex"),
        ("Cy Example", "cy-ex"),
    ]
    assert spaced.issues == ("https://github.com/eta/eta/issues/3",)


def test_label_synonyms_of_other_programs() -> None:
    """GSoC-style and free-form spellings of the known fields, joined spellings included."""
    result = parse_fixture("label-synonyms.md")
    sampling = idea(result.catalog, "Sampling for the collector")
    assert sampling.description.startswith("Add tail-based sampling")
    assert [s.name for s in sampling.skills] == ["Go", "gRPC"]
    assert [m.github for m in sampling.mentors] == ["dana-ex", "eli-ex"]
    assert sampling.issues == ("https://github.com/tracing/collector/issues/12",)
    assert [(f.key, f.value) for f in sampling.fields] == [
        ("project-size", "350 hours"),
        ("difficulty", "Intermediate"),
    ]
    exporter = idea(result.catalog, "Exporter for the profiler")
    # "Required skills / Prerequisites - ..." names one field twice: a label, not prose
    assert exporter.description == "Write an exporter that ships profiles in the pprof format."
    assert [s.name for s in exporter.skills] == ["Rust", "Protocol Buffers"]
    assert [(m.github, m.role) for m in exporter.mentors] == [("fay-ex", "lead")]
    assert exporter.issues == ("https://github.com/tracing/profiler/issues/7",)
    dashboards = idea(result.catalog, "Dashboards")
    assert [s.name for s in dashboards.skills] == ["JSON", "Grafana"]
    # two different fields joined ("Difficulty & Requirements") name neither: kept as written
    assert [(f.label, f.key) for f in dashboards.fields] == [
        ("Difficulty & Requirements", "difficulty-requirements"),
        ("Time commitment", "project-size"),
    ]
    assert result.diagnostics == ()


def test_crlf_line_endings_read_like_lf() -> None:
    text = (FIXTURES / "labels.md").read_text(encoding="utf-8")
    lf = parse_catalog(text, source="labels.md")
    crlf = parse_catalog(text.replace("\n", "\r\n"), source="labels.md")
    assert crlf == lf
    assert "\r" not in repr(crlf.catalog)


# -- fixtures: what is not an idea --------------------------------------------------------


def test_samples_templates_and_comments_are_not_ideas() -> None:
    result = parse_fixture("samples.md")
    catalog = result.catalog
    assert [p.name for p in catalog.projects] == ["Iota"]
    # an idea's own title never excludes it; only the enclosing section does
    assert [i.title for i in catalog.projects[0].ideas] == [
        "Template rendering engine",
        "Sample-based profiler",
    ]
    assert catalog.preamble == "Submit ideas using the template below."
    assert catalog.projects[0].intro == ""
    assert not result.diagnostics


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sample:", True),
        ("Template", True),
        ("Prometheus (sample)", True),
        ("Project idea template", True),
        ("Example: Prometheus", True),
        ("Template Engine", False),
        ("Samples of audio", False),
        ("Kubernetes", False),
    ],
)
def test_says_sample(title: str, *, expected: bool) -> None:
    assert says_sample(title) is expected


# -- fixtures: descriptions ---------------------------------------------------------------


def test_description_variants() -> None:
    result = parse_fixture("descriptions.md")
    catalog = result.catalog
    lead = idea(catalog, "Lead and field")
    assert lead.description == "A lead paragraph before the fields.\n\nThe labelled description."
    assert lead.description_line == 5
    first_bullet = idea(catalog, "Unlabelled first bullet")
    assert first_bullet.description == (
        "An unlabelled first bullet is the description, eg:\n"
        "- Poor observability: nested bullets stay description\n"
        "- Cost: so does this one"
    )
    assert not first_bullet.fields
    multi = idea(catalog, "Multi paragraph")
    assert multi.description == (
        "First paragraph.\n\nSecond paragraph.\n\n> ### A heading in a quote\n>\n> Quoted text."
    )
    assert [i.title for i in catalog.projects[0].ideas] == [
        "Lead and field",
        "Unlabelled first bullet",
        "Multi paragraph",
        "Heading inside the idea",
        "Unindented list in a description",
        "Fenced description",
    ]
    sub_heading = idea(catalog, "Heading inside the idea")
    assert sub_heading.description.endswith(
        "##### Background\n\nMore background under a sub-heading."
    )
    unindented = idea(catalog, "Unindented list in a description")
    assert unindented.description == (
        "A description whose list lost its indentation:\n\n"
        "- First point\n- Second point\n\n  A paragraph of the second point."
    )
    assert unindented.description_line == 45
    assert [s.name for s in unindented.skills] == ["Go"]  # "Recommended Skills**:" still a label
    assert [(f.key, f.value) for f in unindented.fields] == [
        ("request-for-comments-description", "<https://example.org/rfc>")
    ]
    fenced = idea(catalog, "Fenced description")
    assert fenced.description == "```\nA description written as a code block.\n```"
    assert not result.diagnostics


# -- fixtures: misplaced content ----------------------------------------------------------


def test_stray_ideas_text_and_duplicate_projects() -> None:
    result = parse_fixture("stray.md")
    catalog = result.catalog
    assert [(p.name, [i.slug for i in p.ideas]) for p in catalog.projects] == [
        ("Ideas", ["lonely-idea"]),
        ("Mu", ["mu-one", "mu-one-2"]),
    ]
    rendered = [render(d) for d in result.diagnostics]
    assert rendered[:3] == [
        "stray.md:1: warning: idea 'Lonely idea' is not under a project heading; "
        "put in project 'Ideas' [ideas.structure]",
        "stray.md:17: warning: text under heading 'Nu' is not part of any project or idea "
        "and is left out of the catalog [ideas.structure]",
        "stray.md:19: warning: duplicate project 'Mu', other instance at line 7; "
        "its ideas are merged into the first [ideas.duplicate-project]",
    ]
    # the linter's findings come with the parser's
    assert any(d.subtype == "duplicate-idea" and d.line == 21 for d in result.diagnostics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "<string>:0: error: the file is empty [ideas.empty]"),
        ("\n  \n", "<string>:0: error: the file is empty [ideas.empty]"),
        ("# Ideas\n\nNone this year.\n", "<string>:0: error: no ideas found [ideas.empty]"),
    ],
)
def test_empty_files(text: str, expected: str) -> None:
    result = parse_catalog(text)
    assert [render(d) for d in result.diagnostics] == [expected]
    assert result.catalog.projects == ()


def test_no_ideas_keeps_the_preamble() -> None:
    catalog = parse_catalog("# Ideas\n\nNone this year.\n").catalog
    assert catalog.title == "Ideas"
    assert (catalog.preamble, catalog.preamble_line) == ("None this year.", 3)


def test_paragraph_labels_need_two_to_make_an_idea() -> None:
    text = "## Org\n\n### Idea\n\nMentors: please add yourselves.\n\n### Real\n\n- Mentors: @x\n"
    result = parse_catalog(text)
    assert [i.title for _, i in result.catalog.iter_ideas()] == ["Real"]
    assert result.catalog.projects[0].intro.startswith("### Idea")


def test_heading_markup_links_and_setext_titles() -> None:
    result = parse_fixture("headings.md")
    catalog = result.catalog
    assert catalog.title == "Rho Ideas"
    assert [(p.name, p.url) for p in catalog.projects] == [
        ("Sigma core", None),
        ("Tau", "https://example.org/tau"),  # a reference link, resolved
    ]
    partial, whole = catalog.projects[0].ideas
    assert (partial.title, partial.url) == ("Emphasised idea title", None)
    assert partial.title_markdown == "_Emphasised_ [idea](https://example.org/not-whole) title"
    assert (whole.title, whole.url) == ("Whole-link idea", "https://example.org/whole")
    assert whole.slug == "whole-link-idea"
    assert not result.diagnostics


def test_skill_aliases_reach_the_skills_parser() -> None:
    text = "## Org\n\n### Idea\n\n- Mentors: @x\n- Recommended Skills: Frobnication\n"
    plain = idea(parse_catalog(text).catalog, "Idea")
    aliased = idea(parse_catalog(text, skill_aliases={"frobnication": "Frob"}).catalog, "Idea")
    assert [s.name for s in aliased.skills] == ["Frob"]
    assert [s.name for s in plain.skills] != ["Frob"]


def test_sources_are_set_on_every_diagnostic() -> None:
    result = parse_catalog("### P\n\n#### I\n\n- Mentros: @x\n", source="some/ideas.md")
    # a misspelt label still makes an idea, and is reported
    assert [i.title for _, i in result.catalog.iter_ideas()] == ["I"]
    assert (
        "some/ideas.md:5: warning: unknown field label 'Mentros', did you mean 'Mentors'? "
        "Its value is read as Mentors "
        "[ideas.label]"
    ) in [render(d) for d in result.diagnostics]
    assert {d.source for d in result.diagnostics} == {"some/ideas.md"}
    assert result.catalog.source == "some/ideas.md"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Description: text", ("description", "text")),
        ("Description:text", ("description", "text")),
        ("Description: : text", ("description", "text")),
        ("Mentors: :tada: Ann", ("mentors", ":tada: Ann")),
        ("**Mentors**: Ann", ("mentors", "Ann")),
        ("**Mentors:** Ann", ("mentors", "Ann")),
        ("__Mentor(s)__ Ann", ("mentors", "Ann")),
        ("Mentors(s) : Ann", ("mentors", "Ann")),
        ("Likely mentors: Ann", ("mentors", "Ann")),
        ("Mentors：Ann", ("mentors", "Ann")),
        ("Mentors", ("mentors", "")),
        ("Mentors - Ann", ("mentors", "Ann")),
        ("Upstream Issue (Project URL): u", ("issues", "u")),
        ("Related Issues: u", ("issues", "u")),
        ("Recommend Skills: Go", ("skills", "Go")),
        ("Required skills: Go", ("skills", "Go")),
        ("Expected Outcome(s): x", ("expected-outcome", "x")),
        ("Difficulty: Hard", ("difficulty", "Hard")),
        # spellings met in other programs' files
        ("Relevant Issues: u", ("issues", "u")),
        ("Skills preferred: Go", ("skills", "Go")),
        ("Required Skills/Knowledge: Go", ("skills", "Go")),
        ("Detailed description: x", ("description", "x")),
        ("Expected size of the project: 350h", ("project-size", "350h")),
        ("Time estimate: 350 hours", ("project-size", "350 hours")),
        ("Rating: medium", ("difficulty", "medium")),
        ("Secondary mentor: Bo", ("mentors", "Bo")),
        ("https://example.org/x", None),
        ("We need to do some designs, eg:", None),
        ("Mentors are welcome to propose ideas", None),
        ("Poor observability of the cluster when the network is down: x", None),
    ],
)
def test_split_label(line: str, expected: tuple[str, str] | None) -> None:
    label = split_label(line)
    assert (label and (label.key, label.value)) == expected


# -- fixtures: shapes met in other programs' files ----------------------------------------


def test_size_headings_group_the_ideas_of_one_project() -> None:
    result = parse_fixture("size-groups.md")
    (only,) = result.catalog.projects
    assert only.name == "Ideas"
    assert only.intro == "Welcome to the Example Org ideas list."
    assert [(i.title, i.group) for i in only.ideas] == [
        ("Faster lockfile reader", "Small (90 hours)"),
        ("Network helpers", "Small (90 hours)"),
        ("Output cache", "Large (350 hours)"),
    ]
    assert not [d for d in result.diagnostics if d.subtype == "structure"]


def test_paragraph_label_over_a_list_and_values_on_the_next_line() -> None:
    catalog = parse_fixture("size-groups.md").catalog
    reader = idea(catalog, "Faster lockfile reader")
    # one label over a list is enough to make an idea; the lead-in before it stays prose
    assert [m.github for m in reader.mentors] == ["ada-ex"]
    assert reader.description.endswith("- profile the reader\n- drop the second pass")
    assert not reader.fields
    helpers = idea(catalog, "Network helpers")
    assert [m.github for m in helpers.mentors] == ["bo-ex", "cy-ex"]
    assert helpers.skills_text.startswith("Some networking knowledge helps")
    assert [(f.label, f.key, f.value) for f in helpers.fields] == [
        ("Rating", "difficulty", "medium"),
        (
            "Prior efforts",
            "prior-efforts",
            "* https://example.org/attempt-1\n* https://example.org/attempt-2",
        ),
    ]
    assert helpers.description == "Add helpers that convert between address notations."
    cache = idea(catalog, "Output cache")
    assert [s.name for s in cache.skills] == ["Rust", "Haskell"]
    assert [m.github for m in cache.mentors] == ["ada-ex"]


def test_fields_in_tables() -> None:
    result = parse_fixture("table-fields.md")
    (only,) = result.catalog.projects
    assert only.intro.endswith("Example Org builds tools that measure forests.")
    editor, exporter, binary = only.ideas
    # rows of label and value; the header row "Category | Rating" is not a field
    assert [m.github for m in editor.mentors] == ["ada-ex", "bo-ex"]
    assert [s.name for s in editor.skills] == ["Vue.js", "Flask"]
    assert [(f.label, f.value, f.line) for f in editor.fields] == [
        ("Intensity", "Moderate", 15),
        ("Project Size", "Large", 17),
    ]
    assert editor.description.startswith("An editor for simulation settings")
    assert "Say hello in the chat." in editor.description
    # a header row of labels over one row of values
    assert [m.github for m in exporter.mentors] == ["cy-ex"]
    assert exporter.issues == ("https://example.org/issues/7",)
    assert [(f.label, f.value) for f in exporter.fields] == [("Intensity", "Easy")]
    assert [s.name for s in exporter.skills] == ["Python"]
    # one "Abstract" heading holding the table belongs to the idea, it is not an idea
    assert binary.title == "Binary input format"
    assert [s.name for s in binary.skills] == ["C++", "Statistics"]
    assert [m.github for m in binary.mentors] == ["dee-ex"]
    assert binary.description.startswith("Read simulation input from a binary format.")
    assert binary.description.endswith("The current input format is ad hoc.")
    # a table of past projects is neither fields nor silently dropped
    assert [render(d) for d in result.diagnostics if d.subtype == "structure"] == [
        "table-fields.md:50: warning: section 'Past projects' is not part of any project "
        "or idea and is left out of the catalog [ideas.structure]"
    ]


def test_numbered_fields() -> None:
    catalog = parse_fixture("numbered-fields.md").catalog
    numbered = idea(catalog, "Numbered fields")
    assert numbered.description == "Make the importer stream rows."
    assert [s.name for s in numbered.skills] == ["Go", "SQL"]
    assert [m.github for m in numbered.mentors] == ["ada-ex"]
    assert numbered.issues == ("https://example.org/alpha/issues/1",)
    steps = idea(catalog, "Numbered steps are description")
    assert steps.description.endswith("1. read the rows\n2. write the sheet")
    assert not steps.fields


def test_organisation_with_its_own_fields_holds_its_ideas() -> None:
    result = parse_fixture("org-fields.md")
    catalog = result.catalog
    assert catalog.title == "Summer of Code 2024"
    names = {p.name: [i.title for i in p.ideas] for p in catalog.projects}
    assert names == {
        "Org Alpha": ["Faster importer", "Better exporter"],
        "Org Beta": ["Plugin registry"],
    }
    alpha = project(catalog, "Org Alpha")
    # the organisation's own bullets stay with it, as its intro
    assert alpha.intro.startswith("- Website: https://alpha.example.org\n- Mentors:")
    assert not result.diagnostics


def test_idea_with_one_idea_below_stays_an_idea() -> None:
    # the other side of the organisation rule: most ideas sit at the parent's level
    catalog = parse_fixture("deep-levels.md").catalog
    assert [i.title for i in project(catalog, "Delta").ideas] == [
        "Delta one",
        "Delta written too low",
    ]


def test_group_headings_of_a_single_project() -> None:
    result = parse_fixture("sig-groups.md")
    (only,) = result.catalog.projects
    assert only.name == "Kubernetes ideas"
    assert [(i.title, i.group) for i in only.ideas] == [
        ("Gateway conformance", "SIG Network"),
        ("Volume health", "SIG Storage"),
    ]
    assert not result.diagnostics


def test_bare_difficulty_headings_at_idea_level_are_groups() -> None:
    result = parse_fixture("difficulty-headings.md")
    names = {p.name: [(i.title, i.group) for i in p.ideas] for p in result.catalog.projects}
    assert names == {
        "Alpha": [("Faster importer", "Easy"), ("Better exporter", "Hard")],
        "Beta": [("Plugin registry", None)],
    }
    assert project(result.catalog, "Alpha").intro == "Alpha intro."
    assert not result.diagnostics


def test_bare_project_heading_before_the_first_idea() -> None:
    result = parse_fixture("bare-project-headings.md")
    catalog = result.catalog
    names = {p.name: [i.title for i in p.ideas] for p in catalog.projects}
    assert names == {
        "Alpha": ["Faster importer", "Better exporter"],
        "Beta": ["Plugin registry"],
    }
    # the wrapper's text is kept even though the wrapper holds no idea of its own
    assert catalog.preamble == "Every idea needs a mentor and a tracking issue."
    assert not result.diagnostics


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Small (90 hours)", True),
        ("Medium-sized projects (175h)", True),
        ("Easy", True),
        ("SIG Network", True),
        ("Working Group Policy", True),
        ("SIG", False),
        ("Kubernetes", False),
        ("Project ideas", False),
        ("Large Hadron Collider tools", False),
    ],
)
def test_names_category(title: str, *, expected: bool) -> None:
    assert names_category(title) is expected


def test_reference_link_definitions_travel_with_their_fragments() -> None:
    result = parse_fixture("reference-links.md")
    catalog = result.catalog
    assert catalog.preamble == (
        "Read the [contributor guide][guide] before you apply.\n\n"
        "[guide]: <https://example.org/guide>"
    )
    alpha = project(catalog, "Alpha")
    assert alpha.intro.endswith('\n\n[roadmap]: <https://example.org/roadmap> "Roadmap"')
    importer = idea(catalog, "Streaming importer")
    text, definitions = importer.description.split("\n\n")
    assert text.startswith("Rewrite the importer as described in the [design document][design]")
    # each definition once, only those the fragment uses
    assert definitions.split("\n") == [
        "[design]: <https://example.org/design>",
        '[roadmap]: <https://example.org/roadmap> "Roadmap"',
    ]
    (outcome,) = importer.fields
    assert outcome.value == "A merged [pull request][pr].\n\n[pr]: <https://example.org/pulls>"
    # values read through the definitions: handles and issue URLs
    assert [(m.name, m.github) for m in importer.mentors] == [
        ("ada-ex", "ada-ex"),
        ("Bo Example", "bo-ex"),
    ]
    assert importer.issues == ("https://github.com/example/alpha/issues/12",)
    exporter = idea(catalog, "Exporter")
    assert exporter.description == (
        "No references here, [a link](https://example.org/inline) only."
    )
    assert not result.diagnostics


def test_ideas_written_as_tables() -> None:
    result = parse_fixture("table-ideas.md")
    catalog = result.catalog
    names = {p.name: [i.title for i in p.ideas] for p in catalog.projects}
    assert names == {
        "Alpha": ["Faster layout engine", "Syntax checker"],
        "Beta": ["Beta (Consistent Answers)"],
        "Gamma": ["Table under its own heading", "Glued prose"],
        "Accepted ideas": ["Office register", "Budget tracker"],
    }
    alpha = project(catalog, "Alpha")
    # the tables are ideas, not the project's intro
    assert alpha.intro == "Projects for [Alpha](https://example.org/alpha)."
    layout, checker = alpha.ideas
    assert layout.line == 9  # the Title row
    assert layout.description == "Speed up the layout pass."
    assert [(m.name, m.github) for m in layout.mentors] == [("Ada Example", None)]
    assert [(f.label, f.value) for f in layout.fields] == [
        ("Difficulty", "Medium"),
        ("Link", "https://example.org/alpha/layout"),
    ]
    assert checker.url == "https://example.org/alpha/check"
    assert [(f.label, f.value) for f in checker.fields] == [
        ("Link", "https://example.org/alpha/docs")
    ]
    beta = idea(catalog, "Beta (Consistent Answers)")
    assert [m.name for m in beta.mentors] == ["Bo Example", "Cy Example"]
    assert [s.name for s in beta.skills] == ["Java", "SQL", "React"]
    own = idea(catalog, "Table under its own heading")
    assert own.line == 38
    assert not own.fields  # its Title row repeats the heading
    assert own.description.startswith("The heading already names this idea")
    budget = idea(catalog, "Budget tracker")
    assert budget.line == 60
    assert [m.github for m in budget.mentors] == ["gus-ex", "hal-ex"]
    assert budget.description == "Track public budgets."
    assert not result.diagnostics


def test_prose_glued_to_a_mentors_bullet_is_description() -> None:
    glued = idea(parse_fixture("table-ideas.md").catalog, "Glued prose")
    assert [(m.name, m.email) for m in glued.mentors] == [("Eve Example", "eve@example.org")]
    assert glued.description == "This project computes statistics\nfor each object."


def test_short_colon_lines_between_ideas_group_the_ideas_below() -> None:
    result = parse_fixture("group-lines.md")
    names = {p.name: [(i.title, i.group) for i in p.ideas] for p in result.catalog.projects}
    assert names == {
        "Alpha": [
            ("Streaming API", "Alpha ideas"),
            ("Remote read", "Alpha ideas"),
            ("Faster ingest", "Alerting ideas"),
        ],
        "Beta": [("Exporter", None)],
    }
    alpha = project(result.catalog, "Alpha")
    assert alpha.intro == "Alpha is a monitoring toolkit."
    assert idea(result.catalog, "Remote read").description == (
        "Return partial data when a backend fails."
    )
    # with no idea after it, the line stays where it was written
    assert idea(result.catalog, "Exporter").description.endswith("Thanks for reading:")
    assert not result.diagnostics


def test_prose_below_the_mentors_is_description_not_mentors() -> None:
    result = parse_fixture("mentor-remarks.md")
    server = idea(result.catalog, "Language server")
    assert [(m.name, m.github) for m in server.mentors] == [("Ann Example", "ann-ex")]
    assert server.description.endswith("Maybe someone else wants to help, too?")
    aliases = idea(result.catalog, "Recursive aliases")
    assert [m.name for m in aliases.mentors] == ["Bo Example", "Cy Example"]
    assert aliases.description == (
        "Allow recursive type aliases.\n\nReach Cy Example through the forum."
    )
    assert not [d for d in result.diagnostics if d.subtype == "mentor"]


def test_front_matter_and_an_ideas_table() -> None:
    result = parse_fixture("front-matter-table.md")
    catalog = result.catalog
    # the metadata block is neither a rule nor a heading; its title names the catalog
    assert catalog.title == "Example Wiki Project Ideas"
    assert catalog.preamble.startswith("These ideas are for the summer programme.")
    assert "published" not in catalog.preamble
    (ideas,) = catalog.projects
    editor, phone = ideas.ideas
    assert (editor.title, editor.url) == ("JSON editor", "./ideas/json-editor.md")
    text = (FIXTURES / "front-matter-table.md").read_text(encoding="utf-8")
    assert text.split("\n")[editor.line - 1].startswith("| 1 | [JSON editor]")
    assert [m.name for m in editor.mentors] == ["Ann", "Bo"]
    assert [s.name for s in editor.skills] == ["Svelte", "TypeScript"]
    # the running number is not a field; the length is the project size
    assert [(f.key, f.value) for f in editor.fields] == [("project-size", "Long (~350 hours)")]
    # "???" is a placeholder, not a mentor
    assert [m.name for m in phone.mentors] == ["Cy"]
    assert ideas.intro == "*For older ideas, see the archive.*"
    assert not [d for d in result.diagnostics if d.subtype in ("structure", "mentor")]


def test_a_known_label_at_the_margin_below_a_field_starts_a_field() -> None:
    limits = idea(parse_fixture("mentor-remarks.md").catalog, "Query limits")
    assert limits.description == "Let users limit large queries."
    assert [s.name for s in limits.skills] == ["Go", "Linux"]
    assert [m.github for m in limits.mentors] == ["dee-ex"]


def test_scraped_umbrella_page_with_shifting_levels() -> None:
    result = parse_fixture("scraped-levels.md")
    catalog = result.catalog
    # the idea-less wrapper heading before the first project is the file's title
    assert catalog.title == "Umbrella Org Project Ideas"
    names = {p.name: [i.title for i in p.ideas] for p in catalog.projects}
    # "## beta" with its intro holds the "# 1. ..." ideas written a level too high
    assert names == {
        "alpha": ["Causal discovery pairs"],
        "beta": ["Modern p-values", "Scikit-learn interface"],
    }
    assert project(catalog, "beta").intro == (
        "We propose the following lines of work for the summer."
    )
    pairs = idea(catalog, "Causal discovery pairs")
    # "**Term**: meaning" entries without a field label are description, not fields
    assert "1. **Additive noise models**: regress both ways." in pairs.description
    assert "- **Parameterisation**: the distributions on it" in pairs.description
    assert [(f.key, f.value) for f in pairs.fields] == [("project-size", "350 hours")]
    p_values = idea(catalog, "Modern p-values")
    assert [(f.key, f.value) for f in p_values.fields] == [("project-size", "350 hours")]
    assert not [d for d in result.diagnostics if d.subtype == "structure"]


def test_ideas_opened_by_a_title_link_without_headings() -> None:
    result = parse_fixture("link-titled.md")
    catalog = result.catalog
    names = {p.name: [(i.title, i.url) for i in p.ideas] for p in catalog.projects}
    assert names == {
        "Alpha": [("Form UI from JSON Schema", "https://issues.example.org/browse/ALPHA-39")],
        "Beta": [
            ("Query assistant", "https://issues.example.org/browse/BETA-1"),
            ("Backup utility", "https://issues.example.org/browse/BETA-2"),
        ],
    }
    assert project(catalog, "Beta").intro == "Beta is a database."
    form = idea(catalog, "Form UI from JSON Schema")
    assert form.description.startswith("Render plugin configuration forms")
    assert form.description.endswith("- a reusable form component")
    # addresses written against spam, after "mail:", belong to the name before them
    assert [(m.name, m.email) for m in form.mentors] == [
        ("Ann Example", "ann@example.org"),
        ("Project Devs", "dev@alpha.example.org"),
    ]
    backup = idea(catalog, "Backup utility")
    assert backup.description == "Dump the metadata as statements."
    assert [(f.key, f.value) for f in backup.fields] == [("difficulty", "Minor")]
    assert [m.email for m in backup.mentors] == ["cy@example.org"]
    assert not [d for d in result.diagnostics if d.subtype in ("structure", "mentor")]


def test_an_idea_part_written_a_level_too_high_stays_with_its_idea() -> None:
    result = parse_fixture("idea-parts.md")
    benchmarks = idea(result.catalog, "Model benchmarks")
    assert benchmarks.description.startswith("Benchmark the reference models.")
    assert benchmarks.description.endswith(
        "## First steps\n* Install the toolchain and run one model."
    )
    # any other section after the ideas is still reported, not guessed
    assert [render(d) for d in result.diagnostics if d.subtype == "structure"] == [
        "idea-parts.md:26: warning: section 'How to apply' is not part of any project "
        "or idea and is left out of the catalog [ideas.structure]"
    ]


def test_thousands_of_ideas_of_one_title_get_numbered_slugs_in_order() -> None:
    idea = "### Same\n\n- Description: d\n- Skills: Go\n- Mentors: @ann-ex\n\n"
    text = "## Alpha\n\n" + idea * 1200 + "### Same 2\n\n- Description: d\n- Mentors: @b\n"
    (project,) = parse_catalog(text, source="same.md").catalog.projects
    slugs = [i.slug for i in project.ideas]
    assert slugs[:3] == ["same", "same-2", "same-3"]
    assert slugs[1199] == "same-1200"
    # "Same 2" slugifies to a slug an earlier idea took: it gets the next free number
    assert slugs[-1] == "same-2-2"
    assert len(set(slugs)) == len(slugs)


UNCLOSED = """# Ideas

## Alpha

### One

- Description: A line of tildes below was meant as a rule.
- Recommended Skills: Go
- Mentor(s): Ann Example (@ann-ex)

{fence}

### Two

- Description: Lost in the code block when the fence stays open.
- Recommended Skills: Rust
- Mentor(s): Bo Example (@bo-ex)
"""


@pytest.mark.parametrize(
    ("fence", "warned"),
    [
        ("~" * 1000, True),  # never closed: the rest of the file is code
        ("```", True),
        ("~~~\ncode\n~~~~~", False),  # closed (a longer closer closes it too)
        ("```text\ncode\n```", False),
        ("```\ncode\n    ```", True),  # four columns in, "```" is code, not a closer
        ("~~~\ncode\n```", True),  # another mark does not close it
        ("````\ncode\n```", True),  # nor a shorter one
    ],
)
def test_a_fence_left_open_is_reported_at_its_line(fence: str, *, warned: bool) -> None:
    text = UNCLOSED.format(fence=fence)
    result = parse_catalog(text, source="fence.md")
    titles = [i.title for _, i in result.catalog.iter_ideas()]
    structure = [d for d in result.diagnostics if d.subtype.value == "structure"]
    if warned:
        assert titles == ["One"]
        (diagnostic,) = structure
        assert diagnostic.line == line_of(text, fence.split("\n")[0])
        assert "never closed" in diagnostic.message
        assert f"the {len(text.rstrip().split(chr(10))) - diagnostic.line} lines" in (
            diagnostic.message
        )
    else:
        assert titles == ["One", "Two"]
        assert structure == []


@pytest.mark.parametrize(
    ("after", "remark"),
    [
        ("Reach us on the forum.", True),  # four words and a full stop: prose
        ("Is anyone else free?", True),
        ("Ask us anything.", False),  # three words: may still be people
        ("Reach us on the forum", False),  # no full stop
        ("Ask Cy (@cy-ex) anything, any time.", False),  # names someone
        ("See https://forum.example.org for more.", False),
    ],
)
def test_a_remark_below_the_mentors_is_a_sentence_of_four_words_naming_nobody(
    after: str, *, remark: bool
) -> None:
    text = (
        "## Alpha\n\n### One\n\n- Description: Do it.\n- Skills: C\n"
        f"- Mentors: Bo Example (@bo-ex)\n\n  {after}\n"
    )
    (one,) = [i for _, i in parse_catalog(text, source="r.md").catalog.iter_ideas()]
    if remark:
        assert one.description == f"Do it.\n\n{after}"
        assert [m.github for m in one.mentors] == ["bo-ex"]
    else:
        assert one.description == "Do it."
