"""The value parsers: Mentors, Recommended Skills and Upstream Issue(s) values."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_ideas.ideasfile._mentors import (
    _address_name,
    _github_user,
    _link_name,
    _names_team,
    _resembles,
    _role,
    _starts_new_entry,
)
from sphinxcontrib_ideas.ideasfile._skills import skill_aliases_of
from sphinxcontrib_ideas.ideasfile.model import Subtype
from sphinxcontrib_ideas.ideasfile.normalize import (
    BUILTIN_SKILL_ALIASES,
    canonical_skill,
    find_urls,
    is_valid_email,
    is_valid_github_handle,
    is_valid_url,
    parse_issues,
    parse_mentors,
    parse_skills,
)

# --------------------------------------------------------------------------------------
# Mentors
# --------------------------------------------------------------------------------------

#: value -> [(name, github, email, role)]
MENTOR_CASES: list[tuple[str, list[tuple[str, str | None, str | None, str | None]]]] = [
    ("Jim Bugwadia (@JimBugwadia)", [("Jim Bugwadia", "JimBugwadia", None, None)]),
    ("Jürgen Etzlstorfer(@jetzlstorfer)", [("Jürgen Etzlstorfer", "jetzlstorfer", None, None)]),
    ("@hasheddan, @negz, @jbw976", [(h, h, None, None) for h in ("hasheddan", "negz", "jbw976")]),
    ("@hasheddan @negz", [("hasheddan", "hasheddan", None, None), ("negz", "negz", None, None)]),
    (
        "Jane Doe (@jdoe, jane@example.com)",
        [("Jane Doe", "jdoe", "jane@example.com", None)],
    ),
    ("Jane Doe (jdoe, jane@example.com)", [("Jane Doe", "jdoe", "jane@example.com", None)]),
    ("Jane Doe (jane@example.com, jdoe)", [("Jane Doe", "jdoe", "jane@example.com", None)]),
    (
        "[@William-Wang](https://github.com/william-wang)",
        [("William-Wang", "william-wang", None, None)],
    ),
    ("[@shown](https://github.com/real)", [("shown", "real", None, None)]),
    ("[Jane Doe](https://github.com/jdoe)", [("Jane Doe", "jdoe", None, None)]),
    ("@[jdoe](https://github.com/jdoe)", [("jdoe", "jdoe", None, None)]),
    (
        "Wang Xiang (@[WangXiangUSTC](https://github.com/WangXiangUSTC))",
        [("Wang Xiang", "WangXiangUSTC", None, None)],
    ),
    (
        "Kevin(Zefeng) Wang (@[kevin-wangzefeng](https://github.com/kevin-wangzefeng))",
        [("Kevin(Zefeng) Wang", "kevin-wangzefeng", None, None)],
    ),
    (
        "Zhe Gong (@[GsssC](https://github.com/GsssC)), "
        "Fisher(Fei) Xu (@[fisherxu](https://github.com/fisherxu))",
        [("Zhe Gong", "GsssC", None, None), ("Fisher(Fei) Xu", "fisherxu", None, None)],
    ),
    ("Jane Doe (https://github.com/jdoe)", [("Jane Doe", "jdoe", None, None)]),
    ("Jane Doe, github.com/jdoe/", [("Jane Doe", None, None, None), ("jdoe", "jdoe", None, None)]),
    ("Jane Doe <https://github.com/jdoe>", [("Jane Doe", "jdoe", None, None)]),
    ("https://github.com/jdoe", [("jdoe", "jdoe", None, None)]),
    (
        "Ann Lee (@ann); Bob Ray (@bob)",
        [("Ann Lee", "ann", None, None), ("Bob Ray", "bob", None, None)],
    ),
    (
        "Ann Lee (@ann) and Bob Ray (@bob)",
        [("Ann Lee", "ann", None, None), ("Bob Ray", "bob", None, None)],
    ),
    (
        "Ann Lee (@ann) & Bob Ray (@bob)",
        [("Ann Lee", "ann", None, None), ("Bob Ray", "bob", None, None)],
    ),
    (
        "Ann Lee (@ann) Bob Ray (@bob)",
        [("Ann Lee", "ann", None, None), ("Bob Ray", "bob", None, None)],
    ),
    (
        "[@ann](https://github.com/ann) [@bob](https://github.com/bob)",
        [("ann", "ann", None, None), ("bob", "bob", None, None)],
    ),
    (
        "\n- Ann Lee (@ann)\n- Bob Ray (@bob)",
        [("Ann Lee", "ann", None, None), ("Bob Ray", "bob", None, None)],
    ),
    ("\n* Ann Lee\n* Bob Ray", [("Ann Lee", None, None, None), ("Bob Ray", None, None, None)]),
    ("Jane Doe <jane@example.com>", [("Jane Doe", None, "jane@example.com", None)]),
    ("Jane Doe (jane@example.com)", [("Jane Doe", None, "jane@example.com", None)]),
    ("[Jane Doe](mailto:jane@example.com)", [("Jane Doe", None, "jane@example.com", None)]),
    (
        "Jane Doe (@jdoe) <mailto:jane@example.com>",
        [("Jane Doe", "jdoe", "jane@example.com", None)],
    ),
    ("Jane Doe (@jdoe) - primary", [("Jane Doe", "jdoe", None, "primary")]),
    ("Jane Doe (@jdoe) (backup)", [("Jane Doe", "jdoe", None, "backup")]),
    ("Jane Doe (@jdoe) (primary mentor)", [("Jane Doe", "jdoe", None, "primary")]),
    ("Jane Doe (@jdoe, backup)", [("Jane Doe", "jdoe", None, "backup")]),
    (
        "\n- Primary: Ann Lee (@ann)\n- Backup mentor: Bob Ray (@bob)",
        [("Ann Lee", "ann", None, "primary"), ("Bob Ray", "bob", None, "backup")],
    ),
    ("**Jane Doe** (@jdoe)", [("Jane Doe", "jdoe", None, None)]),
    ("Lubomir I. Ivanov (@neolit123)", [("Lubomir I. Ivanov", "neolit123", None, None)]),
    ("王翔 (@wangxiang)", [("王翔", "wangxiang", None, None)]),
    ("\n- Ann Lee (@ann)\n- Mentee: Carl Bo (@carl)", [("Ann Lee", "ann", None, None)]),
    ("Ann Lee (@ann), Carl Bo (mentee)", [("Ann Lee", "ann", None, None)]),
    ("\n- Ann Lee (@ann)\n- TBD", [("Ann Lee", "ann", None, None)]),
    # notations from other LFX terms and GSoC ideas pages
    (
        "Andrea Velázquez andrea@example.io, Nate W. @nate-double-u natew@example.io",
        [
            ("Andrea Velázquez", None, "andrea@example.io", None),
            ("Nate W.", "nate-double-u", "natew@example.io", None),
        ],
    ),
    (
        "\n- Florent Poinsard @fouioui\n- Rohit Nayak @rohit-nayak-ps",
        [
            ("Florent Poinsard", "fouioui", None, None),
            ("Rohit Nayak", "rohit-nayak-ps", None, None),
        ],
    ),
    (
        "\n- [Manan Gupta](https://github.com/GuptaManan100) (manan@example.com)",
        [("Manan Gupta", "GuptaManan100", "manan@example.com", None)],
    ),
    (
        "\n- Zhiqiang Zhou(@STRRL, im@example.dev)",
        [("Zhiqiang Zhou", "STRRL", "im@example.dev", None)],
    ),
    (
        "@seanlip (primary), @kevintab95",
        [("seanlip", "seanlip", None, "primary"), ("kevintab95", "kevintab95", None, None)],
    ),
    (
        "Herbert Valerio Riedel, Duncan Coutts, Mikhail Glushenkov.",
        [
            (n, None, None, None)
            for n in ("Herbert Valerio Riedel", "Duncan Coutts", "Mikhail Glushenkov")
        ],
    ),
    (
        "\n    rb.proj@example.com, j.ungermann@example.de",
        [
            # named without a trace of the address (four hex digits of its SHA-256)
            ("Mentor 7c84", None, "rb.proj@example.com", None),
            ("Mentor c3da", None, "j.ungermann@example.de", None),
        ],
    ),
    (
        "Rex (`@rex-9`), Module Stewards",
        [("Rex", "rex-9", None, None), ("Module Stewards", None, None, None)],
    ),
    ("Jane Doe (Red Hat)", [("Jane Doe", None, None, None)]),
    ("Jane Doe (Red Hat, @jdoe)", [("Jane Doe", "jdoe", None, None)]),
    ("Jane Doe (@jdoe) - happy to help with anything", [("Jane Doe", "jdoe", None, None)]),
    ("**FIXME**", []),
    ("A ser mencionado", []),
    ("TBD (will be updated)", []),
    (
        "\n- Yili Zhang, PhD (Faculty)\n- Neil Shah, MD",
        [("Yili Zhang, PhD", None, None, None), ("Neil Shah, MD", None, None, None)],
    ),
    (
        "Jane Doe, Ph.D. (@jdoe), Bob Ray, Jr. (@bob)",
        [("Jane Doe, Ph.D.", "jdoe", None, None), ("Bob Ray, Jr.", "bob", None, None)],
    ),
    ("Jane Doe (GitHub: jdoe)", [("Jane Doe", "jdoe", None, None)]),
    ("[@jane](https://gitlab.com/jane)", [("jane", None, None, None)]),
    ("Jane Doe ([@jane](https://twitter.com/jane))", [("Jane Doe", None, None, None)]),
    ("Jane Doe (GitHub: @jdoe, Slack: @jane)", [("Jane Doe", "jdoe", None, None)]),
    ("Jane Doe (@jane on the CNCF Slack)", [("Jane Doe", None, None, None)]),
    ("@jane on Slack", [("jane", None, None, None)]),
    ("Dr. Jane Doe (she/her) @jdoe", [("Dr. Jane Doe", "jdoe", None, None)]),
    (
        "Jane Doe (@jdoe), John Roe (@jroe) as backup",
        [("Jane Doe", "jdoe", None, None), ("John Roe", "jroe", None, "backup")],
    ),
    (
        "Jane Doe (@jdoe) and/or John Roe (@jroe)",
        [("Jane Doe", "jdoe", None, None), ("John Roe", "jroe", None, None)],
    ),
    ("@jdoe (Jane Doe)", [("Jane Doe", "jdoe", None, None)]),
    ("jdoe@example.com (Jane Doe)", [("Jane Doe", None, "jdoe@example.com", None)]),
    (
        "1. Jane Doe (@jd)\n2. Bob Ray (@br)",
        [("Jane Doe", "jd", None, None), ("Bob Ray", "br", None, None)],
    ),
    ("Co-mentor: Jane Doe (@jd)", [("Jane Doe", "jd", None, "co-mentor")]),
    ("Ana e João", [("Ana", None, None, None), ("João", None, None, None)]),
    ("Ann Lee (@ann), TBA", [("Ann Lee", "ann", None, None)]),
]


@pytest.mark.parametrize(("value", "expected"), MENTOR_CASES)
def test_mentor_notations(
    value: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    mentors, diagnostics = parse_mentors(value, line=5)
    assert [(m.name, m.github, m.email, m.role) for m in mentors] == expected
    assert diagnostics == ()


@pytest.mark.parametrize(
    "value",
    ["TBD", "TBA", "-", "N/A", "to be decided", "", "  ", "tbd.", "None", "Mentee: Bob (@bob)"],
)
def test_mentor_placeholders_are_not_mentors(value: str) -> None:
    assert parse_mentors(value, line=1) == ((), ())


def test_mentor_keeps_raw_text() -> None:
    mentors, _ = parse_mentors("Ann Lee (@ann) - primary,  Bob  Ray (@bob)", line=1)
    assert [m.raw for m in mentors] == ["Ann Lee (@ann) - primary", "Bob Ray (@bob)"]


def test_mentor_lines_follow_the_value_lines() -> None:
    mentors, _ = parse_mentors(
        "Ann Lee (@ann)\n- Bob Ray (@bob)\n- Cy Dee (@cy), Di Eve (@di)", line=40
    )
    assert [(m.github, m.line) for m in mentors] == [
        ("ann", 40),
        ("bob", 41),
        ("cy", 42),
        ("di", 42),
    ]


def test_mentor_entry_wrapped_inside_parentheses_stays_one_entry() -> None:
    mentors, diagnostics = parse_mentors("Ann Lee (@ann,\n  ann@example.com)", line=3)
    assert [(m.name, m.github, m.email, m.line) for m in mentors] == [
        ("Ann Lee", "ann", "ann@example.com", 3)
    ]
    assert diagnostics == ()


def test_same_mentor_twice_is_one_mentor_and_a_diagnostic_naming_both() -> None:
    mentors, diagnostics = parse_mentors("Ann Lee (@ann)\n- A. Lee (@ANN)", line=7)
    assert [(m.name, m.github) for m in mentors] == [("Ann Lee", "ann")]
    (diagnostic,) = diagnostics
    assert diagnostic.subtype is Subtype.DUPLICATE_MENTOR
    assert diagnostic.line == 8
    assert "Ann Lee (@ann)" in diagnostic.message
    assert "A. Lee (@ANN)" in diagnostic.message
    assert "line 7" in diagnostic.message


def test_same_name_without_handle_is_a_duplicate_and_fills_in_the_handle() -> None:
    mentors, diagnostics = parse_mentors("Ann Lee, Ann Lee (@ann)", line=1)
    assert [(m.name, m.github) for m in mentors] == [("Ann Lee", "ann")]
    assert [d.subtype for d in diagnostics] == [Subtype.DUPLICATE_MENTOR]


def test_merging_a_handle_into_a_name_never_makes_two_entries_with_one_handle() -> None:
    mentors, diagnostics = parse_mentors("Ann, Bo, @ann1, Ann (@ann1)", line=1)
    assert [(m.name, m.github) for m in mentors] == [("Ann", None), ("Bo", None), ("ann1", "ann1")]
    assert [d.subtype for d in diagnostics] == [Subtype.DUPLICATE_MENTOR]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ada Byron, @adab, ada@example.org", [("Ada Byron", "adab", "ada@example.org")]),
        (
            "Ada Byron, @adab, ada@example.org. Bo Chen, @boc, bo@example.org",
            [("Ada Byron", "adab", "ada@example.org"), ("Bo Chen", "boc", "bo@example.org")],
        ),
        ("Ann Lee, @annlee", [("Ann Lee", "annlee", None)]),
        ("Ann Lee; ann.lee@example.org", [("Ann Lee", None, "ann.lee@example.org")]),
        # nothing ties the handle to the name: two people, nobody lost
        ("Ann Lee, @bo", [("Ann Lee", None, None), ("bo", "bo", None)]),
        (
            "Cy Dale, and [Bo](mailto:bo@example.org)",
            [("Cy Dale", None, None), ("Bo", None, "bo@example.org")],
        ),
    ],
)
def test_one_person_written_as_name_handle_and_address(
    value: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    mentors, _diagnostics = parse_mentors(value, line=1)
    assert [(m.name, m.github, m.email) for m in mentors] == expected


def test_a_mentor_known_only_by_address_is_not_named_after_it() -> None:
    (mentor,), _ = parse_mentors("zed.example@example.org", line=1)
    assert "zed" not in mentor.name.casefold()
    assert "zed" not in mentor.slug
    assert mentor.email == "zed.example@example.org"
    again, _ = parse_mentors("<zed.example@example.org>", line=9)
    assert again[0].name == mentor.name  # the same from build to build


def test_an_address_given_on_the_second_mention_is_merged_into_the_first() -> None:
    mentors, diagnostics = parse_mentors("Ann Lee (@ann), Ann Lee <ann@example.org>", line=1)
    assert [(m.name, m.github, m.email) for m in mentors] == [("Ann Lee", "ann", "ann@example.org")]
    assert [d.subtype for d in diagnostics] == [Subtype.DUPLICATE_MENTOR]


def test_a_name_that_took_a_handle_is_not_matched_by_name_again() -> None:
    mentors, diagnostics = parse_mentors("Ann Lee, Ann Lee (@ann), Ann Lee (@ann2)", line=1)
    assert [(m.name, m.github) for m in mentors] == [("Ann Lee", "ann"), ("Ann Lee", "ann2")]
    assert [d.subtype for d in diagnostics] == [Subtype.DUPLICATE_MENTOR]


def test_thousands_of_mentors_on_one_line_are_each_kept_once() -> None:
    people = [f"Person {i} (@person-{i})" for i in range(3000)]
    mentors, diagnostics = parse_mentors(", ".join([*people, people[1500]]), line=1)
    assert len(mentors) == 3000
    assert [m.github for m in mentors[:2]] == ["person-0", "person-1"]
    (duplicate,) = diagnostics
    assert "Person 1500 (@person-1500)" in duplicate.message


def test_different_people_with_the_same_name_and_different_handles_stay_two() -> None:
    mentors, diagnostics = parse_mentors("Ann Lee (@ann1), Ann Lee (@ann2)", line=1)
    assert [m.github for m in mentors] == ["ann1", "ann2"]
    assert diagnostics == ()


@pytest.mark.parametrize(
    ("value", "handle"),
    [
        ("Ann (@-ann)", "-ann"),
        ("Ann (@ann-)", "ann-"),
        ("Ann (@an--n)", "an--n"),
        ("Ann (@ann_lee)", "ann_lee"),
        ("Ann (@" + "a" * 40 + ")", "a" * 40),
        ("[Ann](https://github.com/ann_lee)", "ann_lee"),
    ],
)
def test_invalid_github_handle_is_kept_and_reported(value: str, handle: str) -> None:
    mentors, diagnostics = parse_mentors(value, line=9)
    assert [m.github for m in mentors] == [handle]
    assert [(d.subtype, d.line) for d in diagnostics] == [(Subtype.GITHUB_HANDLE, 9)]
    assert handle in diagnostics[0].message


@pytest.mark.parametrize(
    "value", ["Ann <ann@example>", "Ann (ann@@example.com)", "[Ann](mailto:ann)"]
)
def test_malformed_email_is_reported(value: str) -> None:
    mentors, diagnostics = parse_mentors(value, line=2)
    assert [m.name for m in mentors] == ["Ann"]
    assert Subtype.EMAIL in [d.subtype for d in diagnostics]


def test_a_name_typed_as_the_handle_is_reported() -> None:
    value = "Mike Example (@Mike Example, mike@example.org)"
    mentors, diagnostics = parse_mentors(value, line=5)
    assert [(m.name, m.github, m.email) for m in mentors] == [
        ("Mike Example", "Mike", "mike@example.org")
    ]
    assert [(d.subtype, d.line) for d in diagnostics] == [(Subtype.GITHUB_HANDLE, 5)]
    assert diagnostics[0].message.startswith("handle '@Mike Example' has a space")


def test_a_named_team_is_a_mentor() -> None:
    mentors, diagnostics = parse_mentors("Example networking team", line=3)
    assert [(m.name, m.github) for m in mentors] == [("Example networking team", None)]
    assert diagnostics == ()
    # a remark about a team is still not a person
    mentors, diagnostics = parse_mentors("ask the maintainers team", line=3)
    assert mentors == ()
    assert [d.subtype for d in diagnostics] == [Subtype.MENTOR]


def test_team_at_organisation_is_a_name_not_a_malformed_email() -> None:
    value = "Jake Example (@jake-ex), team-tools@ExampleCorp"
    mentors, diagnostics = parse_mentors(value, line=3)
    assert [(m.name, m.github, m.email) for m in mentors] == [
        ("Jake Example", "jake-ex", None),
        ("team-tools@ExampleCorp", None, None),
    ]
    assert diagnostics == ()
    # beside a name, a dotless address is still an e-mail, and a malformed one
    _, diagnostics = parse_mentors("Ann (ann@examplecom)", line=3)
    assert [d.subtype for d in diagnostics] == [Subtype.EMAIL]


@pytest.mark.parametrize(
    "value",
    [
        "please ask on the Slack channel for details",
        "https://example.com/mentors.html",
        "see the SIG Node maintainers list",
    ],
)
def test_text_that_is_not_a_person_is_reported_and_dropped(value: str) -> None:
    mentors, diagnostics = parse_mentors(value, line=4)
    assert mentors == ()
    assert [(d.subtype, d.line) for d in diagnostics] == [(Subtype.MENTOR, 4)]
    assert diagnostics[0].message.startswith("mentor entry not understood: ")


@pytest.mark.parametrize(
    ("value", "expected", "dropped"),
    [
        ("[Eve](javascript:alert('x')) (@eve)", ("Eve", "eve"), "javascript:alert('x')"),
        ("Jane Doe ([@jd](JavaScript:void(0)))", ("Jane Doe", "jd"), "JavaScript:void(0)"),
        ("[Ann](data:text/html,hi) <ann@example.org>", ("Ann", None), "data:text/html,hi"),
    ],
)
def test_a_mentor_link_with_a_disallowed_scheme_is_dropped_and_reported(
    value: str, expected: tuple[str, str | None], dropped: str
) -> None:
    mentors, diagnostics = parse_mentors(value, line=6)
    assert [(m.name, m.github) for m in mentors] == [expected]
    assert [(d.subtype, d.line) for d in diagnostics] == [(Subtype.UNSAFE, 6)]
    assert diagnostics[0].message.startswith(f"link to {dropped!r} dropped")


def test_a_link_url_may_hold_balanced_parentheses() -> None:
    value = "Ann Lee ([@ann](https://github.com/ann)), [Bob](https://example.org/Bob_(x)) (@bob)"
    mentors, diagnostics = parse_mentors(value, line=1)
    assert [(m.name, m.github) for m in mentors] == [("Ann Lee", "ann"), ("Bob", "bob")]
    assert diagnostics == ()


def test_odd_entry_with_a_handle_is_kept_with_a_diagnostic() -> None:
    mentors, diagnostics = parse_mentors("ask the team lead @ann for details", line=4)
    assert [(m.name, m.github) for m in mentors] == [("ann", "ann")]
    assert [d.subtype for d in diagnostics] == [Subtype.MENTOR]


def test_diagnostics_leave_source_empty_and_are_warnings() -> None:
    _, diagnostics = parse_mentors("Ann (@-x), Ann (@-x)", line=1)
    assert diagnostics
    assert {(d.source, d.severity) for d in diagnostics} == {("", "warning")}


def _seed_values(seed: Path, label: str) -> list[tuple[str, int]]:
    """``(value, line)`` of every field whose label matches, with its indented continuation."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    values = []
    for index, text in enumerate(lines):
        match = re.match(rf"^-\s+(?:{label})\s*:\s*(.*)$", text)
        if not match:
            continue
        parts = [match.group(1)]
        for follow in lines[index + 1 :]:
            if not follow.startswith("  ") or not follow.strip():
                break
            parts.append(follow.strip())
        values.append(("\n".join(parts), index + 1))
    return values


#: Every Mentor(s) line of the sample after its template, as a reader would take them.
SEED_MENTORS: dict[int, list[tuple[str, str]]] = {
    25: [("Krasi Georgiev", "krasi-georgiev")],
    38: [("Jim Bugwadia", "JimBugwadia")],
    49: [("Gaby Moreno", "morengab"), ("Tasha Drew", "tashimi")],
    60: [("Davanum Srinivas", "dims")],
    69: [("Lubomir I. Ivanov", "neolit123")],
    78: [("Jürgen Etzlstorfer", "jetzlstorfer")],
    85: [("Jürgen Etzlstorfer", "jetzlstorfer")],
    94: [("Shuting Zhao", "realshuting")],
    101: [("Shuting Zhao", "realshuting"), ("Jim Bugwadia", "JimBugwadia")],
    110: [("Bob Strecansky", "bobstrecansky")],
    119: [("Andy Lok", "andylokandy"), ("Alex Chi", "skyzh")],
    127: [("ZiQian Qin", "ekexium"), ("Andy Lok", "andylokandy")],
    134: [("Andy Lok", "andylokandy")],
    143: [("Matthias Wahl", "mfelsche"), ("Anup Dhamala", "anupdhml")],
    150: [("Anup Dhamala", "anupdhml"), ("Darach Ennis", "darach")],
    157: [("Heinz Gies", "Licenser"), ("Matthias Wahl", "mfelsche")],
    164: [("Darach Ennis", "darach"), ("Heinz Gies", "Licenser")],
    180: [("Wang Xiang", "WangXiangUSTC")],
    187: [("Zhiqiang Zhou", "STRRL")],
    196: [("Kevin(Zefeng) Wang", "kevin-wangzefeng")],
    206: [("Fisher(Fei) Xu", "fisherxu")],
    213: [("Zhe Gong", "GsssC"), ("Fisher(Fei) Xu", "fisherxu")],
    222: [("yashrsharma44", "yashrsharma44"), ("kakkoyun", "kakkoyun")],
    230: [("bwplotka", "bwplotka"), ("squat", "squat"), ("kakkoyun", "kakkoyun")],
    238: [("bwplotka", "bwplotka"), ("kakkoyun", "kakkoyun")],
    246: [("squat", "squat"), ("prmsrswt", "prmsrswt")],
    263: [("Kiran Mova", "kmova")],
    271: [("Kiran Mova", "kmova")],
    280: [("William-Wang", "william-wang")],
    288: [("Thor-wl", "Thor-wl"), ("William-Wang", "william-wang")],
    296: [("Thor-wl", "Thor-wl")],
    306: [("hasheddan", "hasheddan"), ("negz", "negz"), ("jbw976", "jbw976")],
    313: [("negz", "negz"), ("hasheddan", "hasheddan"), ("jbw976", "jbw976")],
    320: [("hasheddan", "hasheddan"), ("negz", "negz"), ("jbw976", "jbw976")],
    329: [("lukehinds", "lukehinds"), ("dlorenc", "dlorenc"), ("bobcallaway", "bobcallaway")],
    339: [("gdsoumya", "gdsoumya"), ("ksatchit", "ksatchit")],
    348: [("Andrew Harding", "azdagron"), ("Evan Gilman", "evan2645")],
    356: [("Joe Kutner", "jkutner"), ("Travis Longoria", "elbandito")],
    364: [("Lee Calcote", "leecalcote"), ("Dev Kalra", "kalradev")],
}


def test_every_mentor_line_of_the_sample(seed_path: Path) -> None:
    values = {line: value for value, line in _seed_values(seed_path, r"Mentors?(?:\(s\))?")}
    values.pop(13)  # the template's empty "Mentor(s):"
    assert sorted(values) == sorted(SEED_MENTORS)
    for line, value in values.items():
        mentors, diagnostics = parse_mentors(value, line=line)
        assert [(m.name, m.github) for m in mentors] == SEED_MENTORS[line], value
        assert {m.line for m in mentors} == {line}
        assert diagnostics == ()


def test_sample_has_42_distinct_mentors_over_65_pairs(seed_path: Path) -> None:
    keys: list[str] = []
    for value, line in _seed_values(seed_path, r"Mentors?(?:\(s\))?"):
        if line > 28:  # after the "Sample:" section, as the parser reads it
            keys += [m.key for m in parse_mentors(value, line=line)[0]]
    assert (len(set(keys)), len(keys)) == (42, 65)
    assert keys.count("@andylokandy") == 3
    assert keys.count("@william-wang") == 2


# --------------------------------------------------------------------------------------
# Skills
# --------------------------------------------------------------------------------------

#: value -> [(name, level, note)]
SKILL_CASES: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
    ("Golang, CLI, JSON", [("Go", None, None), ("CLI", None, None), ("JSON", None, None)]),
    (
        "golang, go-templates, Docker",
        [("Go", None, None), ("go-templates", None, None), ("Docker", None, None)],
    ),
    (
        "Go(basic), Kubernetes(basic), Volcano",
        [("Go", "basic", None), ("Kubernetes", "basic", None), ("Volcano", None, None)],
    ),
    (
        "Go, Prometheus (basic), Instrumentation (basic)",
        [("Go", None, None), ("Prometheus", "basic", None), ("Instrumentation", "basic", None)],
    ),
    ("Golang, Python(Optional)", [("Go", None, None), ("Python", None, "Optional")]),
    ("Rust/Clojure", [("Rust", None, None), ("Clojure", None, None)]),
    (
        "Rust Programming (beginner is ok), some experience with syslog (beginner is ok)",
        [("Rust", "beginner is ok", None), ("Syslog", "beginner is ok", None)],
    ),
    ("Rust programming ( beginner is ok )", [("Rust", "beginner is ok", None)]),
    ("golang, experience with Prometheus", [("Go", None, None), ("Prometheus", None, None)]),
    ("Go, Test", [("Go", None, None), ("Testing", None, None)]),
    ("Golang, Typescript", [("Go", None, None), ("TypeScript", None, None)]),
    ("golang, rust", [("Go", None, None), ("Rust", None, None)]),
    (
        "k8s; js; ts; python3",
        [
            ("Kubernetes", None, None),
            ("JavaScript", None, None),
            ("TypeScript", None, None),
            ("Python", None, None),
        ],
    ),
    ("Go lang and Rust", [("Go", None, None), ("Rust", None, None)]),
    ("programming in Go", [("Go", None, None)]),
    ("Erlang Programming, Rust Programming", [("Erlang", None, None), ("Rust", None, None)]),
    (
        "User Research, UX, synthesis",
        [("User research", None, None), ("UX", None, None), ("Synthesis", None, None)],
    ),
    ("Go (nice to have)", [("Go", None, "nice to have")]),
    ("basic knowledge of Kubernetes", [("Kubernetes", "basic", None)]),
    ("familiarity with Docker, knowledge of YAML", [("Docker", None, None), ("YAML", None, None)]),
    ("CI/CD, TCP/IP", [("CI/CD", None, None), ("TCP/IP", None, None)]),
    ("C, C++, C#", [("C", None, None), ("C++", None, None), ("C#", None, None)]),
    ("WebAssembly (wasm), eBPF", [("WebAssembly", None, "wasm"), ("eBPF", None, None)]),
    (
        "\n- Go\n- Kubernetes (intermediate)",
        [("Go", None, None), ("Kubernetes", "intermediate", None)],
    ),
    ("Go, golang, Golang", [("Go", None, None)]),
    # names the table does not know are cased like those it knows
    (
        "Github CI, Javascript testing",
        [("GitHub CI", None, None), ("JavaScript testing", None, None)],
    ),
    (
        "distributed systems, linux namespaces",
        [("Distributed systems", None, None), ("Linux namespaces", None, None)],
    ),
    (
        "kubectl plugins, gRPC streaming",
        [("kubectl plugins", None, None), ("gRPC streaming", None, None)],
    ),
    # names outside the built-in table are one skill whatever their case
    ("Zettelkasten, ZETTELKASTEN and zettelkasten", [("Zettelkasten", None, None)]),
    ("foo-bar, Foo-Bar, Qux", [("foo-bar", None, None), ("Qux", None, None)]),
    # a qualifier given only at a later mention is kept, the first one otherwise
    ("Quuxlang, Rust, quuxLang (basic)", [("Quuxlang", "basic", None), ("Rust", None, None)]),
    ("Go (basic), golang (advanced)", [("Go", "basic", None)]),
    ("Rust, rust (optional)", [("Rust", None, "optional")]),
    ("**Go**, `Docker`", [("Go", None, None), ("Docker", None, None)]),
    (
        "[Rust](https://rust-lang.org), [Go](https://go.dev) (basic)",
        [("Rust", None, None), ("Go", "basic", None)],
    ),
    ("Go, Rust, etc.", [("Go", None, None), ("Rust", None, None)]),
    ("Knowledge of Kubernetes is a plus", [("Kubernetes", None, None)]),
    (
        "C/C++, HTML/CSS, Node.js",
        [
            ("C", None, None),
            ("C++", None, None),
            ("HTML", None, None),
            ("CSS", None, None),
            ("Node.js", None, None),
        ],
    ),
    ("Basic Go, Python 3", [("Go", "basic", None), ("Python", None, None)]),
    (
        "Deep learning, Machine Learning",
        [("Deep learning", None, None), ("Machine learning", None, None)],
    ),
    ("TBD (ask maintainers)", []),
    (
        "Golang, unit and feature testing.",
        [("Go", None, None), ("Unit testing", None, None), ("Feature testing", None, None)],
    ),
    ("Rust and Go programming", [("Rust", None, None), ("Go", None, None)]),
    (".NET, C#. Go., ...and more", [(".NET", None, None), ("C#", None, None), ("Go", None, None)]),
    (
        "Training and using deep learning, basic to good knowledge of computer vision,"
        " good C++/Python coding skills.",
        [
            ("Training", None, None),
            ("Deep learning", None, None),
            ("Computer vision", "basic", None),
            ("C++", None, None),
            ("Python", None, None),
        ],
    ),
    (
        "C, HTTP (Server & Client), Multi-threading",
        [("C", None, None), ("HTTP", None, "Server & Client"), ("Concurrency", None, None)],
    ),
    ("Go, TBD", [("Go", None, None)]),
    (
        "React, Vite, REST API, (Optional writing APIs in Golang)",
        [("React", None, None), ("Vite", None, None), ("REST", None, None), ("Go", None, None)],
    ),
    (
        "Linux, Observability Tools(e.g. Prometheus, Grafana, etc.)",
        [
            ("Linux", None, None),
            ("Observability", None, "e.g. Prometheus, Grafana, etc"),
            ("Prometheus", None, None),
            ("Grafana", None, None),
        ],
    ),
    (
        "Python, HTML/CSS/JS, Roundup.",
        [
            ("Python", None, None),
            ("HTML", None, None),
            ("CSS", None, None),
            ("JavaScript", None, None),
            ("Roundup", None, None),
        ],
    ),
    ("Familiarity with Ruby and RubyGems", [("Ruby", None, None), ("RubyGems", None, None)]),
    (
        "Go, CI/CD systems, Rust/Clojure",
        [("Go", None, None), ("CI/CD", None, None), ("Rust", None, None), ("Clojure", None, None)],
    ),
    ("some C++ or C# coding experience", [("C++", None, None), ("C#", None, None)]),
    (
        "Inglês intermediário, HTML, e Javascript",
        [("Inglês intermediário", None, None), ("HTML", None, None), ("JavaScript", None, None)],
    ),
    # an area before a colon sorts the skills; it is not one
    (
        "Backend: Strong Go experience. Frontend: React.js experience.",
        [("Go", None, None), ("React", None, None)],
    ),
    ("Languages: Python, Rust", [("Python", None, None), ("Rust", None, None)]),
    ("Strong Python skills", [("Python", None, None)]),
    ("N/A", []),
    ("", []),
]


@pytest.mark.parametrize(("value", "expected"), SKILL_CASES)
def test_skill_notations(value: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    skills, _, diagnostics = parse_skills(value, line=1)
    assert [(s.name, s.level, s.note) for s in skills] == expected
    assert diagnostics == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Ideally Go programming, though we'd consider prototyping this tool in another"
            " language.",
            ["Go"],
        ),
        (
            "Programming REST APIs in any language. Some Go experience, or interest in learning.",
            ["REST", "Go"],
        ),
        ("Go programming, testing best practices.", ["Go", "Testing best practices"]),
        ("Any language is fine, we will go through it together", []),
        (
            "You should be comfortable reading Rust and writing some Python scripts.",
            ["Rust", "Python"],
        ),
        ("We'd like someone who has used kubernetes and golang before", ["Kubernetes", "Go"]),
        ("We will spring into action with express delivery and go fast.", []),
        ("We care about net income and the internet, please.", []),
    ],
)
def test_prose_yields_only_known_skill_names(value: str, expected: list[str]) -> None:
    skills, text, _ = parse_skills(value, line=1)
    assert [s.name for s in skills] == expected
    assert text == value


def test_skills_text_is_the_value_as_written_whitespace_normalised() -> None:
    _, text, _ = parse_skills("  Go,   Rust \n-  Docker  ", line=1)
    assert text == "Go, Rust\n- Docker"


def test_skill_raw_keeps_the_written_text() -> None:
    skills, _, _ = parse_skills("Golang (basic), Rust Programming", line=1)
    assert [s.raw for s in skills] == ["Golang (basic)", "Rust Programming"]


def test_skill_lines_follow_the_value_lines() -> None:
    skills, _, _ = parse_skills("Go,\n  Rust\n- Docker\n- Kubernetes, Helm", line=20)
    assert [(s.name, s.line) for s in skills] == [
        ("Go", 20),
        ("Rust", 21),
        ("Docker", 22),
        ("Kubernetes", 23),
        ("Helm", 23),
    ]


def test_splitting_stops_at_parentheses() -> None:
    skills, _, _ = parse_skills("Go (gRPC, protobuf), information security (GPG/PGP)", line=1)
    assert [(s.name, s.note) for s in skills] == [("Go", "gRPC, protobuf"), ("Security", "GPG/PGP")]


def test_user_aliases_extend_and_override_case_insensitively() -> None:
    aliases = {"LitmusChaos": "Litmus", "GOLANG": "Golang", "tf": "Terraform"}
    skills, _, _ = parse_skills("litmuschaos, golang, TF, Go", line=1, aliases=aliases)
    assert [s.name for s in skills] == ["Litmus", "Golang", "Terraform", "Go"]
    assert canonical_skill("golang") == "Go"  # the built-in table is not changed


def test_user_aliases_are_found_in_prose() -> None:
    value = "Ideally someone who knows LitmusChaos well enough to write experiments."
    skills, _, _ = parse_skills(value, line=1, aliases={"litmuschaos": "Litmus"})
    assert [s.name for s in skills] == ["Litmus"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("golang", "Go"),
        ("Golang", "Go"),
        ("Go", "Go"),
        ("go lang", "Go"),
        ("Go programming", "Go"),
        ("programming in Go", "Go"),
        ("k8s", "Kubernetes"),
        ("kubernetes", "Kubernetes"),
        ("JS", "JavaScript"),
        ("typescript", "TypeScript"),
        ("python3", "Python"),
        ("Rust Programming", "Rust"),
        ("rust", "Rust"),
        ("Web-Assembly", "WebAssembly"),
        ("EBPF", "eBPF"),
        ("gRPC", "gRPC"),
        ("Shell scripting", "Shell scripting"),
        ("Some Unknown Thing", "Some Unknown Thing"),
        ("lowercase unknown", "lowercase unknown"),
    ],
)
def test_canonical_skill(written: str, canonical: str) -> None:
    assert canonical_skill(written) == canonical


def test_builtin_alias_table_is_broad_and_consistent() -> None:
    canonical_names = set(BUILTIN_SKILL_ALIASES.values())
    assert len(canonical_names) >= 100
    assert all(key == key.casefold() for key in BUILTIN_SKILL_ALIASES)
    # every canonical name is its own alias, so canonical names are stable
    assert all(canonical_skill(name) == name for name in canonical_names)


def test_every_skills_line_of_the_sample(seed_path: Path) -> None:
    values = _seed_values(seed_path, "Recommended Skills")
    golang_spellings = 0
    for value, line in values:
        skills, text, diagnostics = parse_skills(value, line=line)
        assert diagnostics == ()
        assert text == " ".join(value.split())
        names = [s.name for s in skills]
        assert len(names) == len({n.casefold() for n in names}), value
        if re.search(r"\bgo(lang)?\b", value, re.IGNORECASE):
            assert "Go" in names, value
            golang_spellings += 1
        assert all(s.line == line for s in skills)
    assert golang_spellings >= 20


# --------------------------------------------------------------------------------------
# Upstream issues
# --------------------------------------------------------------------------------------

ISSUE_CASES: list[tuple[str, list[str]]] = [
    (
        "https://github.com/kubernetes/kubeadm/issues/1318",
        ["https://github.com/kubernetes/kubeadm/issues/1318"],
    ),
    ("<https://github.com/a/b/issues/1>", ["https://github.com/a/b/issues/1"]),
    (
        "[code organization meeting notes](https://docs.google.com/d/1/edit?ts=5#heading=h.8)",
        ["https://docs.google.com/d/1/edit?ts=5#heading=h.8"],
    ),
    ('[#12](https://github.com/a/b/issues/12 "title")', ["https://github.com/a/b/issues/12"]),
    (
        "\n- https://github.com/a/b/issues/1\n- https://github.com/a/b/issues/2",
        ["https://github.com/a/b/issues/1", "https://github.com/a/b/issues/2"],
    ),
    ("kubernetes/kubernetes#123", ["https://github.com/kubernetes/kubernetes/issues/123"]),
    (
        "see tikv/tikv#9588 and tikv/tikv#9103.",
        ["https://github.com/tikv/tikv/issues/9588", "https://github.com/tikv/tikv/issues/9103"],
    ),
    ("https://github.com/a/b/issues/1.", ["https://github.com/a/b/issues/1"]),
    ("(https://github.com/a/b/issues/1),", ["https://github.com/a/b/issues/1"]),
    (
        "https://en.wikipedia.org/wiki/Go_(programming_language)",
        ["https://en.wikipedia.org/wiki/Go_(programming_language)"],
    ),
    (
        "https://github.com/a/b/issues/1, https://github.com/a/b/issues/1",
        ["https://github.com/a/b/issues/1"],
    ),
    ("https://github.com/a/b/issues/1 (the main one)", ["https://github.com/a/b/issues/1"]),
    ("www.example.org/issue/5", ["https://www.example.org/issue/5"]),
    ("TBD", []),
    ("N/A", []),
    ("N/A (new feature)", []),
    ("will be created", []),
    (
        "https://github.com/a/b/issues/1 and https://github.com/a/b/pull/2",
        ["https://github.com/a/b/issues/1", "https://github.com/a/b/pull/2"],
    ),
    (
        "See [this issue](https://github.com/a/b/issues/3) for context",
        ["https://github.com/a/b/issues/3"],
    ),
    ("", []),
]


@pytest.mark.parametrize(("value", "expected"), ISSUE_CASES)
def test_issue_notations(value: str, expected: list[str]) -> None:
    urls, diagnostics = parse_issues(value, line=1)
    assert list(urls) == expected
    assert diagnostics == ()


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("#123", "'#123'"),
        ("http:/github.com/a/b", "malformed URL"),
        ("https//github.com/a/b", "malformed URL"),
        ("[issue](https://github.com/a b)", "malformed URL"),
        ("will open an issue later", "upstream issue is not a URL: 'will open an issue later'"),
    ],
)
def test_issue_problems(value: str, fragment: str) -> None:
    urls, diagnostics = parse_issues(value, line=12)
    assert urls == ()
    assert [(d.subtype, d.line) for d in diagnostics] == [(Subtype.URL, 12)]
    assert fragment in diagnostics[0].message


def test_issue_diagnostics_are_on_the_line_of_the_bad_entry() -> None:
    urls, diagnostics = parse_issues("\n- https://github.com/a/b/issues/1\n- #7", line=30)
    assert urls == ("https://github.com/a/b/issues/1",)
    assert [d.line for d in diagnostics] == [32]


def test_every_issue_line_of_the_sample(seed_path: Path) -> None:
    for value, line in _seed_values(seed_path, r"Upstream Issues?(?: \([^)]*\))?|Issue"):
        urls, diagnostics = parse_issues(value, line=line)
        assert diagnostics == ()
        if line != 14:  # the template's empty field
            assert len(urls) == 1, value
            assert is_valid_url(urls[0])


# --------------------------------------------------------------------------------------
# Validators
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("handle", "valid"),
    [
        ("a", True),
        ("kevin-wangzefeng", True),
        ("A1-b2-C3", True),
        ("a" * 39, True),
        ("a" * 40, False),
        ("", False),
        ("-a", False),
        ("a-", False),
        ("a--b", False),
        ("a_b", False),
        ("a.b", False),
        ("@a", False),
    ],
)
def test_is_valid_github_handle(handle: str, valid: bool) -> None:
    assert is_valid_github_handle(handle) is valid


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("jane@example.com", True),
        ("jane.doe+ideas@mail.example.co.uk", True),
        ("jane@example", False),
        ("jane@@example.com", False),
        ("@example.com", False),
        ("jane@", False),
        ("jane doe@example.com", False),
        ("<jane@example.com>", False),
    ],
)
def test_is_valid_email(address: str, valid: bool) -> None:
    assert is_valid_email(address) is valid


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://github.com/a/b/issues/1", True),
        ("http://localhost:8000/x", True),
        ("https://docs.google.com/document/d/1/edit?ts=5#heading", True),
        ("http:/github.com", False),
        ("https//github.com", False),
        ("https://github.com/a b", False),
        ("ftp://example.com/x", False),
        ("https://", False),
        ("https://nodot", False),
        ("github.com/a/b", False),
        ("https://example.com:99999/", False),
    ],
)
def test_is_valid_url(url: str, valid: bool) -> None:
    assert is_valid_url(url) is valid


# --------------------------------------------------------------------------------------
# Properties: any text is safe, every line is within the value
# --------------------------------------------------------------------------------------

_VALUE_TEXT = st.lists(
    st.sampled_from(
        [*"aZ9 @-_.,;:/()[]<>#*`\n\t&|+!?'\"é漢", "and", "http://", "github.com/", "(@x)", "- "]
    ),
    max_size=60,
).map("".join)


def _lines_of(value: str, line: int) -> range:
    return range(line, line + value.count("\n") + 1)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=200), _VALUE_TEXT), line=st.integers(1, 10_000))
def test_mentors_never_raise_and_stay_within_the_value(value: str, line: int) -> None:
    mentors, diagnostics = parse_mentors(value, line=line)
    lines = _lines_of(value, line)
    assert all(m.line in lines for m in mentors)
    assert all(d.line in lines for d in diagnostics)
    assert all(d.message[:1].islower() for d in diagnostics)
    assert all(m.name.strip() for m in mentors)
    assert len({m.key for m in mentors if m.github}) == len([m for m in mentors if m.github])


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=200), _VALUE_TEXT), line=st.integers(1, 10_000))
def test_skills_never_raise_and_stay_within_the_value(value: str, line: int) -> None:
    skills, text, diagnostics = parse_skills(value, line=line)
    lines = _lines_of(value, line)
    assert all(s.line in lines for s in skills)
    assert all(d.line in lines for d in diagnostics)
    assert all(s.name.strip() for s in skills)
    assert len({s.name.casefold() for s in skills}) == len(skills)
    assert " ".join(text.split()) == " ".join(value.split())


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=200), _VALUE_TEXT), line=st.integers(1, 10_000))
def test_issues_never_raise_and_stay_within_the_value(value: str, line: int) -> None:
    urls, diagnostics = parse_issues(value, line=line)
    assert all(is_valid_url(url) for url in urls)
    assert len(set(urls)) == len(urls)
    assert all(d.line in _lines_of(value, line) for d in diagnostics)
    assert all(d.message[:1].islower() for d in diagnostics)


def test_find_urls_names_its_subject() -> None:
    urls, diagnostics = find_urls(
        "- https://example.org/x\n- soon", line=3, subject="field 'LFX URL'"
    )
    assert urls == ("https://example.org/x",)
    assert [(d.line, d.message) for d in diagnostics] == [
        (4, "field 'LFX URL' is not a URL: 'soon'")
    ]


@pytest.mark.parametrize("unit", ["a", "a.", "@a-", "x@y.", "[a](", "Jane Doe (@jd), ", "((a))"])
def test_long_values_parse_in_linear_time(unit: str) -> None:
    """A 100,000-character value: linear code takes well under a second, quadratic minutes."""
    value = unit * (100_000 // len(unit))
    started = time.perf_counter()
    parse_mentors(value, line=1)
    parse_skills(value, line=1)
    parse_issues(value, line=1)
    assert time.perf_counter() - started < 10


def test_inline_html_from_tables_and_web_pages() -> None:
    value = '<a href="https://github.com/jdoe">Jane Doe</a><br>Bob Ray (@bob)\n<b>Cy Dee</b>'
    mentors, diagnostics = parse_mentors(value, line=3)
    assert [(m.name, m.github, m.line) for m in mentors] == [
        ("Jane Doe", "jdoe", 3),
        ("Bob Ray", "bob", 3),
        ("Cy Dee", None, 4),
    ]
    assert diagnostics == ()
    skills, _, _ = parse_skills("<b>Go</b>, <i>Rust</i><br/>Docker", line=1)
    assert [s.name for s in skills] == ["Go", "Rust", "Docker"]


def test_br_separates_issues_without_shifting_later_lines() -> None:
    value = (
        '<a href="https://github.com/a/b/issues/1">#1</a><br>https://github.com/a/b/issues/2\n#3'
    )
    urls, diagnostics = parse_issues(value, line=10)
    assert urls == ("https://github.com/a/b/issues/1", "https://github.com/a/b/issues/2")
    assert [d.line for d in diagnostics] == [11]


# -- the mentor parser's helpers, pinned down (mutation testing found them loose) ---------


@pytest.mark.parametrize(
    ("url", "user"),
    [
        ("https://github.com/ann-ex", "ann-ex"),
        ("  https://github.com/ann-ex/  ", "ann-ex"),
        ("github.com/ann-ex", "ann-ex"),
        ("HTTPS://WWW.GitHub.com/Ann-Ex", "Ann-Ex"),
        ("https://github.com/ann-ex?tab=repositories", "ann-ex"),
        ("https://github.com/ann-ex#top", "ann-ex"),
        ("https://github.com/@ann-ex", "ann-ex"),
        ("https://github.com/cncf/mentoring", None),  # a repository, not a person
        ("https://github.com/ann-ex/repo/", None),
        ("https://github.com/orgs", None),
        ("https://github.com/features", None),
        ("https://github.com/", None),
        ("https://gitlab.com/ann-ex", None),
    ],
)
def test_github_user_of_a_profile_url(url: str, user: str | None) -> None:
    assert _github_user(url) == user


@pytest.mark.parametrize(
    ("name", "contact", "expected"),
    [
        ("Ada Byron", "adab", True),  # a word of the name
        ("Ada Byron", "@adab", True),
        ("Ada Byron", "<ada.byron@example.org>", True),
        ("Ada Byron", "https://github.com/abyron", True),
        ("Ada Byron", "a.b@example.org", True),  # initials, dots between
        ("Ada Byron", "xadax@example.org", True),  # a three-letter word inside
        ("Ada Byron", "xxbyr@example.org", True),  # ends with the surname's start
        ("Bo Li", "bl@example.org", True),
        ("Bo Li", "xli@example.org", True),
        ("Bo Li", "oi@example.org", False),
        ("Ann Lee", "x@annlee.org", False),  # the domain is not the person
        ("Ada Byron", "zz@example.org", False),
        ("", "abc", False),
        ("Ada Byron", "", False),
    ],
)
def test_a_contact_resembles_the_name_it_was_made_from(
    name: str, contact: str, *, expected: bool
) -> None:
    assert _resembles(name, contact) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lyft networking team", True),
        ("Lyft team.", True),
        ("Storage Team", True),
        ("Foo maintainers", True),
        ("networking team", False),  # not a name
        ("team", False),
        ("The big fancy cloud storage networking team", False),  # a sentence
        ("Ann Lee", False),
        ("Ann Lee team leader", False),
    ],
)
def test_a_named_team_stands_in_for_people(name: str, *, expected: bool) -> None:
    assert _names_team(name) is expected


@pytest.mark.parametrize(
    ("text", "handle", "expected"),
    [
        ("William Wang", "william-wang", "William Wang"),
        ("@William-Wang", "william-wang", "William-Wang"),  # written as a handle: kept
        ("William-Wang", "william-wang", None),  # the handle again: no name
        ("  ", "x", None),
        ("https://example.org/ann", "ann", None),
        ("GitHub.com/ann", "ann", None),
        ("profile on github.com", "ann", None),
    ],
)
def test_a_profile_links_text_names_the_mentor(
    text: str, handle: str, expected: str | None
) -> None:
    assert _link_name(text, handle) == expected


@pytest.mark.parametrize(
    ("word", "role"),
    [
        (None, None),
        ("", None),
        ("Coding", "coding"),
        ("Co-Mentor", "co-mentor"),
        ("COMENTOR", "co-mentor"),
        ("comentor", "co-mentor"),
    ],
)
def test_roles_are_lower_case_and_co_mentor_is_one_spelling(
    word: str | None, role: str | None
) -> None:
    assert _role(word) == role


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        (" Bo Chen", True),
        (" @bo", True),
        (" [Bo](https://github.com/bo)", True),
        ("Bo Chen", False),  # no space: the same entry goes on
        ("   ", False),
        (" (co-mentor)", False),
        (" 2nd mentor", False),
    ],
)
def test_what_starts_a_new_mentor_entry(rest: str, *, expected: bool) -> None:
    assert _starts_new_entry(rest) is expected


def test_an_address_only_mentor_is_named_by_a_stable_digest() -> None:
    name = _address_name("Ann@Example.org")
    assert re.fullmatch(r"Mentor [0-9a-f]{4}", name)
    assert name == _address_name("ann@example.org")  # the same address, any case
    assert name != _address_name("bo@example.org")
    assert _address_name(None) == _address_name("") == ""


@pytest.mark.parametrize(
    ("value", "raws"),
    [
        ("testing best practices.", ["testing best practices"]),  # a chip ends a sentence
        ("Go..", ["Go.."]),  # an ellipsis is the author's
        ("**Go**.", ["Go"]),
        ("Rust , Go .", ["Rust", "Go"]),
        ("`kubectl` plugins.", ["kubectl plugins"]),
    ],
)
def test_chips_lose_markup_and_a_closing_full_stop(value: str, raws: list[str]) -> None:
    skills, _text, _problems = parse_skills(value, line=1)
    assert [skill.raw for skill in skills] == raws


def test_a_users_skill_aliases_reach_the_canonical_name_and_its_aliases() -> None:
    aliases = {"tf": "Terraform"}
    assert canonical_skill("tf", aliases=aliases) == "Terraform"
    assert canonical_skill("tf") == "tf"  # without the user's table: the text itself
    assert skill_aliases_of("Terraform", aliases=aliases) == ("tf",)
    assert skill_aliases_of("Nothing like it") == ()


@pytest.mark.parametrize(
    ("value", "urls"),
    [
        # in the order they are written, whatever their notation
        (
            "https://b.example/issues/2 and <https://a.example/issues/1>",
            ["https://b.example/issues/2", "https://a.example/issues/1"],
        ),
        # a link's text is its caption, even when it looks like a URL
        (
            "[https://c.example/issues/9](https://d.example/issues/4) then "
            "https://e.example/issues/5",
            ["https://d.example/issues/4", "https://e.example/issues/5"],
        ),
        (
            "https://github.com/a/b/issues/1, a/b#2",
            ["https://github.com/a/b/issues/1", "https://github.com/a/b/issues/2"],
        ),
        ("<https://x.example/1> <https://x.example/1>", ["https://x.example/1"]),
    ],
)
def test_issue_urls_in_written_order_without_captions(value: str, urls: list[str]) -> None:
    found, problems = parse_issues(value, line=3)
    assert list(found) == urls
    assert problems == ()


def test_a_malformed_url_names_the_value_by_default() -> None:
    found, problems = find_urls("see http//x.example", line=2)
    assert found == ()
    assert [(p.line, p.message) for p in problems] == [(2, "malformed URL 'http//x.example'")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # each skill at its own line of a value that runs over several
        ("Go,\nRust (basic)", [("Go", None, None, 10), ("Rust", "basic", None, 11)]),
        # several qualifiers: levels and notes each joined, punctuation trimmed
        ("Go (basic) (optional)", [("Go", "basic", "optional", 10)]),
        ("Go (basic) (beginner)", [("Go", "basic; beginner", None, 10)]),
        ("Go (the bot) (the API)", [("Go", None, "the bot; the API", 10)]),
        ("Go (basic.)", [("Go", "basic", None, 10)]),
        # a level says so in four words at most; longer, it is a note
        ("Rust (beginner level is fine)", [("Rust", "beginner level is fine", None, 10)]),
        (
            "Rust (some basic knowledge is fine)",
            [("Rust", None, "some basic knowledge is fine", 10)],
        ),
        # a slash splits names of three letters or more; shorter, it is one name
        ("Qux/Zap", [("Qux", None, None, 10), ("Zap", None, None, 10)]),
        ("Qu/Zap", [("Qu/Zap", None, None, 10)]),
        ("Node.js/TypeScript", [("Node.js", None, None, 10), ("TypeScript", None, None, 10)]),
        # two verbs share their object; a verb and a name do not
        (
            "reading and writing docs",
            [("Reading docs", None, None, 10), ("Writing docs", None, None, 10)],
        ),
        ("testing and Go tooling", [("Testing", None, None, 10), ("Go", None, None, 10)]),
        # a sentence cut at its commas: "in Python" names Python
        (
            "You will write it in Rust and, if you want to go further, in Python.",
            [("Rust", None, None, 10), ("Python", None, None, 10)],
        ),
        ("with Go, on Kubernetes", [("Go", None, None, 10), ("Kubernetes", None, None, 10)]),
        ("in memory caches", [("in memory caches", None, None, 10)]),  # not a known name
    ],
)
def test_skill_lines_qualifiers_and_splits(
    value: str, expected: list[tuple[str, str | None, str | None, int]]
) -> None:
    skills, _text, _problems = parse_skills(value, line=10)
    assert [(s.name, s.level, s.note, s.line) for s in skills] == expected
