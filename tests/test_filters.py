"""The shared idea filters and the ``:filter:`` expression language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_ideas.filters import (
    FILTER_NAMES,
    MAX_FILTER_DEPTH,
    FilterError,
    IdeaFilter,
    compile_filter,
    idea_context,
)
from sphinxcontrib_ideas.ideasfile.model import Catalog, Field, Idea, Mentor, Project, Skill


def _skill(name: str) -> Skill:
    return Skill(name=name, raw=name, level=None, note=None, line=1)


def _mentor(name: str, github: str | None) -> Mentor:
    return Mentor(name=name, github=github, email=None, role=None, raw=name, line=1)


TIKV = Project(
    name="TiKV",
    slug="tikv",
    line=1,
    ideas=(
        Idea(
            title="Coprocessor plugin",
            slug="coprocessor-plugin",
            line=3,
            description="Implement a plugin runtime on top of Wasmer.",
            skills=(_skill("Rust"),),
            mentors=(_mentor("Andy Lok", "andylokandy"), _mentor("Alex Chi", "skyzh")),
            issues=("https://github.com/tikv/tikv/issues/8036",),
        ),
        Idea(
            title="Build on Windows",
            slug="build-on-windows",
            line=9,
            group="Platforms",
            description="Make TiKV build and run on Windows.",
            skills=(_skill("Rust"), _skill("Windows")),
            mentors=(_mentor("Andy Lok", "andylokandy"),),
            fields=(Field(label="Expected Outcome", key="expected-outcome", value="CI", line=12),),
        ),
    ),
)
THANOS = Project(
    name="Thanos",
    slug="thanos",
    line=20,
    ideas=(
        Idea(
            title="Stateless Ruler",
            slug="stateless-ruler",
            line=22,
            skills=(_skill("Go"),),
            mentors=(_mentor("bwplotka", "bwplotka"),),
        ),
    ),
)
CATALOG = Catalog(source="docs/ideas.md", projects=(TIKV, THANOS), label="2021 Spring")


def _selected(flt: IdeaFilter) -> list[str]:
    return [
        idea.title for project, idea in CATALOG.iter_ideas() if flt.matches(CATALOG, project, idea)
    ]


def _select(expression: str) -> list[str]:
    predicate = compile_filter(expression)
    return [
        idea.title
        for project, idea in CATALOG.iter_ideas()
        if predicate(idea_context(CATALOG, project, idea))
    ]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('"go" in skills', ["Stateless Ruler"]),
        ('"Rust" in skills and not "windows" in skills', ["Coprocessor plugin"]),
        ('"rust" in skills and "windows" not in skills', ["Coprocessor plugin"]),
        ('project == "tikv"', ["Coprocessor plugin", "Build on Windows"]),
        ('project != "TiKV"', ["Stateless Ruler"]),
        ('title ~ "^build"', ["Build on Windows"]),
        ('title !~ "o"', ["Stateless Ruler"]),
        ('"wasmer" in description', ["Coprocessor plugin"]),
        ('mentors == "SKYZH"', ["Coprocessor plugin"]),
        ('mentors ~ "lok"', ["Coprocessor plugin", "Build on Windows"]),
        ("group", ["Build on Windows"]),
        ("not group", ["Coprocessor plugin", "Stateless Ruler"]),
        ('catalog == "2021 spring" and issues', ["Coprocessor plugin"]),
        ('fields ~ "^expected outcome: ci$"', ["Build on Windows"]),
        (
            '(project == "Thanos" or "Windows" in skills) and not title ~ "ruler"',
            ["Build on Windows"],
        ),
        ("title == 'Stateless Ruler'", ["Stateless Ruler"]),
        (r'title ~ "Build\\s+on"', ["Build on Windows"]),
    ],
)
def test_expression_selects(expression: str, expected: list[str]) -> None:
    assert _select(expression) == expected


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", "empty filter expression"),
        ("title ==", "expected a quoted string or a name, found end of expression at 9"),
        ('speaker == "x"', "unknown name 'speaker' at 1"),
        ('title ~ "("', "bad regular expression '('"),
        ("title ~ project", "expected a quoted regular expression after '~'"),
        ('(title == "x"', "expected ')'"),
        ('title == "x" project', "expected 'and', 'or' or end of expression, found 'project'"),
        ("title == 'x' ; import os", "unexpected character ';'"),
        ('__import__("os")', "unknown name '__import__'"),
        ('title ~ "' + "a" * 201 + '"', "longer than 200 characters"),
    ],
)
def test_bad_expression_is_a_filter_error(expression: str, message: str) -> None:
    with pytest.raises(FilterError) as info:
        compile_filter(expression)
    assert message in str(info.value)


def test_option_filters_compare_by_slug() -> None:
    assert _selected(IdeaFilter.from_options(projects=["Ti KV", "nothing"])) == []
    assert _selected(IdeaFilter.from_options(projects=["tikv"])) == [
        "Coprocessor plugin",
        "Build on Windows",
    ]
    assert _selected(IdeaFilter.from_options(skills=["go"])) == ["Stateless Ruler"]
    assert _selected(IdeaFilter.from_options(mentors=["@SkyZH"])) == ["Coprocessor plugin"]
    assert _selected(IdeaFilter.from_options(mentors=["andy lok"])) == [
        "Coprocessor plugin",
        "Build on Windows",
    ]
    assert _selected(IdeaFilter.from_options(catalogs=["2021-spring"])) == _select("title")
    assert _selected(IdeaFilter.from_options(catalogs=["2022 Spring"])) == []
    assert _selected(IdeaFilter()) == _select("title")


def test_options_and_expression_combine() -> None:
    flt = IdeaFilter.from_options(projects=["TiKV"], expression='"windows" in skills')
    assert _selected(flt) == ["Build on Windows"]


def test_bad_expression_fails_when_the_filter_is_built() -> None:
    with pytest.raises(FilterError):
        IdeaFilter.from_options(expression="title ==")


def test_every_context_name_is_documented() -> None:
    project, idea = next(CATALOG.iter_ideas())
    assert set(idea_context(CATALOG, project, idea)) == set(FILTER_NAMES)


@given(st.text(max_size=60))
def test_any_text_compiles_or_raises_filter_error(expression: str) -> None:
    try:
        predicate = compile_filter(expression)
    except FilterError:
        return
    project, idea = next(CATALOG.iter_ideas())
    assert predicate(idea_context(CATALOG, project, idea)) in {True, False}


# -- hostile expressions: bounded depth, linear-time patterns ------------------------------


@pytest.mark.parametrize(
    "expression",
    ["(" * 300 + "title" + ")" * 300, "not " * 300 + "title", "(not " * 40 + "title" + ")" * 40],
    ids=["parentheses", "nots", "mixed"],
)
def test_deep_nesting_is_a_filter_error_not_a_recursion_error(expression: str) -> None:
    with pytest.raises(FilterError, match=f"nested deeper than {MAX_FILTER_DEPTH} levels"):
        compile_filter(expression)


def test_nesting_up_to_the_bound_works() -> None:
    depth = MAX_FILTER_DEPTH
    expression = "(" * depth + '"go" in skills' + ")" * depth
    assert compile_filter(expression)({"skills": ("Go",)}) is True
    nots = "not " * (depth - 1) + "title"  # an odd number of nots negates
    assert compile_filter(nots)({"title": "x"}) is ((depth - 1) % 2 == 0)


def test_a_catastrophic_pattern_is_run_by_a_linear_time_engine() -> None:
    """``(a+)+$`` backtracks exponentially in Python's ``re``; RE2 answers at once.

    The time itself belongs to the benchmarks; here, which engine runs it.
    """
    predicate = compile_filter('title ~ "(a+)+$"')
    assert predicate({"title": "a" * 30 + "b"}) is False
    assert predicate({"title": "AAAA"}) is True  # case-insensitive, as before
    (cell,) = [c.cell_contents for c in (predicate.__closure__ or ()) if _is_pattern(c)]
    assert type(cell).__module__.startswith("re2")


def _is_pattern(cell: object) -> bool:
    try:
        value = cell.cell_contents  # type: ignore[attr-defined]
    except ValueError:
        return False
    return hasattr(value, "search") and not callable(getattr(value, "cell_contents", None))


def test_patterns_re2_cannot_run_are_filter_errors() -> None:
    with pytest.raises(FilterError, match=r"bad regular expression '\(a\)\\\\1'"):
        compile_filter('title ~ "(a)\\\\1"')
    with pytest.raises(FilterError, match="bad regular expression"):
        compile_filter('title ~ "(?=look)ahead"')
