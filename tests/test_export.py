"""The JSON export: its shape, privacy of e-mails, aggregates, and the shipped schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test extra
import pytest

from sphinxcontrib_ideas.ideasfile.export import (
    SCHEMA_VERSION,
    catalog_to_dict,
    export_document,
    load_schema,
)
from sphinxcontrib_ideas.ideasfile.model import (
    Catalog,
    Diagnostic,
    Field,
    Idea,
    Mentor,
    ParseResult,
    Project,
    Skill,
    Subtype,
)
from sphinxcontrib_ideas.ideasfile.reader import IdeasFileError, load_catalog

TESTS = Path(__file__).parent


def mentor(name: str, github: str | None, email: str | None = None) -> Mentor:
    return Mentor(name=name, github=github, email=email, role=None, raw=name, line=7)


def skill(name: str, raw: str | None = None) -> Skill:
    return Skill(name=name, raw=raw or name, level=None, note=None, line=6)


def small_catalog(source: str = "ideas.md") -> Catalog:
    """Two projects, three ideas; Ann mentors two of them, once without her handle's case."""
    ann = mentor("Ann Lee", "AnnLee", "ann@example.org")
    first = Idea(
        title="First",
        slug="first",
        line=5,
        group="SIG X",
        description="Do *this*.",
        description_line=6,
        skills=(skill("Go", "golang (basic)"), skill("Go", "Go")),
        skills_text="golang (basic), Go",
        mentors=(ann, mentor("Bo", None)),
        issues=("https://github.com/o/r/issues/1",),
        fields=(Field(label="Expected Outcome", key="expected-outcome", value="A tool", line=9),),
    )
    second = Idea(title="Second", slug="second", line=12, mentors=(mentor("ann lee", "annlee"),))
    third = Idea(title="Third", slug="third", line=20, skills=(skill("Rust"),))
    return Catalog(
        source=source,
        title="Ideas",
        projects=(
            Project(name="Alpha", slug="alpha", line=3, ideas=(first, second)),
            Project(name="Beta", slug="beta", line=18, ideas=(third,), url="https://b.example"),
        ),
    )


def strict(schema: Any) -> Any:
    """The schema with unknown keys forbidden everywhere, so a typo in our output fails.

    The shipped schema allows unknown keys: later releases may add optional ones, and
    a reader validating with an older schema must not reject them.
    """
    if isinstance(schema, dict):
        tightened = {key: strict(value) for key, value in schema.items()}
        if "properties" in schema:
            tightened["additionalProperties"] = False
        return tightened
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def validate(document: dict[str, Any]) -> None:
    """Valid against the shipped schema, and against it with unknown keys forbidden."""
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    jsonschema.Draft202012Validator(strict(load_schema())).validate(document)


def test_shipped_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_document_core_keys_and_order() -> None:
    document = export_document([ParseResult(catalog=small_catalog())])
    validate(document)
    assert document["schema_version"] == 1
    [catalog] = document["catalogs"]
    assert catalog["source"] == "ideas.md"
    assert [p["name"] for p in catalog["projects"]] == ["Alpha", "Beta"]
    first = catalog["projects"][0]["ideas"][0]
    assert (first["title"], first["slug"], first["line"], first["group"]) == (
        "First",
        "first",
        5,
        "SIG X",
    )
    assert first["description"] == "Do *this*."
    assert first["skills"][0]["name"] == "Go"
    assert first["skills"][0]["raw"] == "golang (basic)"
    assert first["mentors"][0] == {
        "name": "Ann Lee",
        "github": "AnnLee",
        "email": "ann@example.org",
        "role": None,
        "slug": "annlee",
        "line": 7,
    }
    assert first["issues"] == ["https://github.com/o/r/issues/1"]
    assert first["fields"] == [
        {"label": "Expected Outcome", "key": "expected-outcome", "value": "A tool", "line": 9}
    ]
    assert catalog["projects"][1]["url"] == "https://b.example"


def test_no_emails_anywhere() -> None:
    document = export_document([ParseResult(catalog=small_catalog())], include_emails=False)
    validate(document)
    assert "ann@example.org" not in json.dumps(document)
    idea_mentors = [
        m
        for p in document["catalogs"][0]["projects"]
        for idea in p["ideas"]
        for m in idea["mentors"]
    ]
    assert idea_mentors
    assert all(m["email"] is None for m in idea_mentors + document["mentors"])


def test_catalog_to_dict_honours_include_emails() -> None:
    with_mail = json.dumps(catalog_to_dict(small_catalog()))
    without = json.dumps(catalog_to_dict(small_catalog(), include_emails=False))
    assert "ann@example.org" in with_mail
    assert "ann@example.org" not in without


def test_aggregates_merge_people_and_skills_across_catalogs() -> None:
    results = [
        ParseResult(catalog=small_catalog("a.md")),
        ParseResult(catalog=small_catalog("b.md")),
    ]
    document = export_document(results)
    validate(document)
    skills = {entry["name"]: entry for entry in document["skills"]}
    assert sorted(skills) == ["Go", "Rust"]
    # Go is listed twice on "First": one reference per idea, per catalog.
    assert skills["Go"]["ideas"] == [
        {"source": "a.md", "project": "alpha", "idea": "first"},
        {"source": "b.md", "project": "alpha", "idea": "first"},
    ]
    [ann] = [m for m in document["mentors"] if m["github"] and m["github"].lower() == "annlee"]
    assert [ref["idea"] for ref in ann["ideas"]] == ["first", "second", "first", "second"]
    assert [m["name"] for m in document["mentors"]] == ["Ann Lee", "Bo"]


def test_mentor_index_prefers_a_real_name_to_a_bare_handle() -> None:
    handle_only = Idea(title="A", slug="a", line=1, mentors=(mentor("negz", "negz"),))
    named = Idea(title="B", slug="b", line=9, mentors=(mentor("Nic Cope", "NEGZ", "n@x.org"),))
    catalog = Catalog(
        source="i.md", projects=(Project(name="P", slug="p", line=1, ideas=(handle_only, named)),)
    )
    [entry] = export_document([ParseResult(catalog=catalog)])["mentors"]
    assert (entry["name"], entry["github"], entry["email"]) == ("Nic Cope", "negz", "n@x.org")
    assert [ref["idea"] for ref in entry["ideas"]] == ["a", "b"]


def test_diagnostics_name_their_file() -> None:
    parsed = ParseResult(
        catalog=small_catalog("x/ideas.md"),
        diagnostics=(Diagnostic(line=12, subtype=Subtype.NO_SKILLS, message="no skills"),),
    )
    unreadable = Diagnostic(
        line=0, subtype=Subtype.FILE, message="y.md: no such file", severity="error", source="y.md"
    )
    document = export_document([parsed], extra_diagnostics=[unreadable])
    validate(document)
    assert document["diagnostics"] == [
        {
            "source": "x/ideas.md",
            "line": 12,
            "severity": "warning",
            "subtype": "no-skills",
            "message": "no skills",
        },
        {
            "source": "y.md",
            "line": 0,
            "severity": "error",
            "subtype": "file",
            "message": "y.md: no such file",
        },
    ]


def test_every_subtype_is_allowed_by_the_schema() -> None:
    for subtype in Subtype:
        document = export_document(
            [], extra_diagnostics=[Diagnostic(line=1, subtype=subtype, message="m", source="f")]
        )
        validate(document)


def test_schema_allows_the_uri_keys_of_the_sphinx_build() -> None:
    document = export_document([ParseResult(catalog=small_catalog())])
    document["catalogs"][0]["uri"] = "index.html"
    document["catalogs"][0]["projects"][0]["uri"] = "ideas/alpha.html"
    document["catalogs"][0]["projects"][0]["ideas"][0]["uri"] = "ideas/alpha.html#first"
    document["skills"][0]["uri"] = None
    document["mentors"][0]["uri"] = "ideas/mentors.html#annlee"
    validate(document)


@pytest.mark.parametrize(
    "path",
    [
        ("schema_version",),
        ("catalogs", 0, "projects", 0, "ideas", 0, "mentors", 0, "email"),
        ("catalogs", 0, "projects", 0, "line"),
        ("catalogs", 0, "projects", 0, "ideas", 0, "skills", 0, "raw"),
    ],
)
def test_schema_rejects_a_document_missing_a_core_key(path: tuple[str | int, ...]) -> None:
    document = copy.deepcopy(export_document([ParseResult(catalog=small_catalog())]))
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_schema_rejects_bad_values() -> None:
    document = export_document([ParseResult(catalog=small_catalog())])
    document["catalogs"][0]["projects"][0]["line"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate(document)
    document = export_document([ParseResult(catalog=small_catalog())])
    document["diagnostics"] = [
        {"source": "f", "line": 1, "severity": "info", "subtype": "x", "message": "m"}
    ]
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_unknown_keys_pass_the_shipped_schema_but_not_our_strict_test() -> None:
    document = export_document([ParseResult(catalog=small_catalog())])
    document["catalogs"][0]["projects"][0]["ideas"][0]["mentor"] = []  # a typo, or a new key
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_sample_export_counts_and_validates(seed_path: Path) -> None:
    document = export_document([load_catalog(seed_path)], include_emails=False)
    validate(document)
    [catalog] = document["catalogs"]
    assert len(catalog["projects"]) == 17
    assert sum(len(p["ideas"]) for p in catalog["projects"]) == 38
    assert not [d for d in document["diagnostics"] if d["severity"] == "error"]
    # Round-trips through JSON text unchanged (only JSON types inside).
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


def test_every_markdown_file_in_the_tests_exports_valid_json() -> None:
    # Other engineers' fixture files are real-world oddities: the export must hold for all.
    results = []
    for path in sorted(TESTS.rglob("*.md")):
        try:
            results.append(load_catalog(path, source=path.relative_to(TESTS).as_posix()))
        except IdeasFileError:
            continue  # a fixture of a file that is not an ideas file at all
    assert results
    validate(export_document(results))
