"""Property tests: the parser never raises, every line it reports lies in the file, and
every non-blank line of the file is placed somewhere (no silent loss)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_ideas.ideasfile.model import ParseResult
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog

ROOT = Path(__file__).parent
SEED = ROOT.parent / "sphinxcontrib_ideas" / "data" / "cncf-lfx-2021-spring-ideas.md"
REAL_LOOKING = [SEED, *sorted((ROOT / "fixtures" / "parser").glob("*.md"))]
TEXTS = [path.read_text(encoding="utf-8") for path in REAL_LOOKING]
# Line breaks as markdown-it counts them (a lone CR is one too).
_BREAK = re.compile(r"\r\n?|\n")

# Characters that make Markdown structure, so random text often forms headings and lists.
MARKDOWN_ALPHABET = st.sampled_from(
    [
        *"#-*+>`~|:()[]@_ \t\n\r!<>/1.x",
        *["**", "###", "- ", "\n\n", "<!--", "-->", "```", "    "],
        *["Description:", "Mentors:", "Skills", "Issue:", "Sample:", "Template", "(sample)"],
        # shapes of other programs' files: tables, title links, front matter, references
        *["| Title |", "| Mentors |", "|---|---|", "[t](https://x.y)", "---\ntitle: x\n", "---"],
        *["Possible mentors:", "Rating:", "(at)", "[r]: https://x.y", "[r][]", "SIG ", "Easy"],
    ]
)


def check_lines(text: str, result: ParseResult) -> None:
    """Every line number the result carries points into ``text`` (0 = the whole file)."""
    last = len(_BREAK.split(text))
    catalog = result.catalog
    assert 0 <= catalog.preamble_line <= last
    check_spans(text, result)
    for diagnostic in result.diagnostics:
        assert 0 <= diagnostic.line <= last, diagnostic
        assert diagnostic.source == "fuzz.md"
    for project in catalog.projects:
        assert 1 <= project.line <= last
        assert 0 <= project.intro_line <= last
        assert project.ideas
        for idea in project.ideas:
            assert 1 <= idea.line <= last
            assert 0 <= idea.description_line <= last
            assert bool(idea.description) == (idea.description_line > 0)
            assert all(1 <= f.line <= last for f in idea.fields)
            assert all(0 <= m.line <= last for m in idea.mentors)
            assert all(0 <= s.line <= last for s in idea.skills)


def check_spans(text: str, result: ParseResult) -> None:
    """No silent loss: the spans are ordered, disjoint, and cover every non-blank line."""
    lines = _BREAK.split(text)
    covered: set[int] = set()
    previous_end = 0
    for span in result.spans:
        assert previous_end < span.start <= span.end <= len(lines), span
        previous_end = span.end
        covered.update(range(span.start, span.end + 1))
    unplaced = {n for n, line in enumerate(lines, 1) if line.strip()} - covered
    assert not unplaced, sorted(unplaced)[:5]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    check_lines(text, parse_catalog(text, source="fuzz.md"))


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET | st.text(max_size=8), max_size=80).map("".join))
def test_markdown_shaped_text(text: str) -> None:
    check_lines(text, parse_catalog(text, source="fuzz.md"))


def _mutate(lines: list[str], operations: list[tuple[str, int, int]]) -> list[str]:
    out = list(lines)
    for operation, position, amount in operations:
        if not out:
            break
        index = position % len(out)
        line = out[index]
        if operation == "drop":
            del out[index]
        elif operation == "duplicate":
            out.insert(index, line)
        elif operation == "indent":
            out[index] = " " * amount + line
        elif operation == "tab":
            out[index] = "\t" + line
        elif operation == "dedent":
            out[index] = line.lstrip()
        elif operation == "deeper" and line.startswith("#"):
            out[index] = "#" * min(amount, 3) + line
        elif operation == "shallower" and line.startswith("##"):
            out[index] = line[min(amount, line.count("#") - 1) :]
        elif operation == "swap" and index + 1 < len(out):
            out[index], out[index + 1] = out[index + 1], out[index]
    return out


OPERATIONS = st.tuples(
    st.sampled_from(
        ["drop", "duplicate", "indent", "tab", "dedent", "deeper", "shallower", "swap"]
    ),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=8),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(TEXTS),
    st.lists(OPERATIONS, min_size=1, max_size=30),
    st.sampled_from(["\n", "\r\n"]),
)
def test_mutated_real_files(
    text: str, operations: list[tuple[str, int, int]], newline: str
) -> None:
    mutated = newline.join(_mutate(text.split("\n"), operations))
    check_lines(mutated, parse_catalog(mutated, source="fuzz.md"))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(TEXTS), st.integers(min_value=1, max_value=5))
def test_shifting_every_heading_keeps_the_ideas(text: str, shift: int) -> None:
    """Deeper headings everywhere change levels, not what is an idea (up to ``######``)."""
    original = parse_catalog(text, source="fuzz.md")
    deepest = max((len(m.group()) for m in re.finditer(r"(?m)^#+", text)), default=0)
    shift = min(shift, 6 - deepest)
    shifted_text = re.sub(r"(?m)^#", "#" * (shift + 1), text)
    shifted = parse_catalog(shifted_text, source="fuzz.md")
    check_lines(shifted_text, shifted)
    assert [i.title for _, i in shifted.catalog.iter_ideas()] == [
        i.title for _, i in original.catalog.iter_ideas()
    ]


def test_pathological_nesting() -> None:
    for text in (
        "> " * 5000 + "x",
        "- " * 5000 + "Mentors: @x",
        "#" * 5000,
        "[" * 5000,
        "## a\n" * 2000,
        "  " * 3000 + "- Description: deep",
    ):
        check_lines(text, parse_catalog(text, source="fuzz.md"))
