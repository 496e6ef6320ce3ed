"""The escape hatches: the user corrects a reading without editing the ideas file.

``ideas_reading`` in ``conf.py``, an ``ideas_catalogs`` entry, and the options of an
``ideas-catalog`` directive; ``sphinx-ideas check --conf`` reads the same settings. The
expectations are written out by hand from the fixtures in ``fixtures/reading/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, read_inventory, warnings
from sphinx.errors import ConfigError

from sphinxcontrib_ideas.ideasfile import parse_catalog, reading_options
from sphinxcontrib_ideas.ideasfile.model import ParseResult

FIXTURES = Path(__file__).parent / "fixtures" / "reading"
#: What fixes org-labels.md: its own label spellings, one project name, no notes section.
ORG_FIX = {
    "labels": {"Stack you will touch": "skills", "Guides": "mentors"},
    "project_name": "Example Org",
    "exclude_sections": ["Administrative Notes"],
}


def parse(name: str, **options: object) -> ParseResult:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return parse_catalog(text, source=name, reading=reading_options(options))


def shape(result: ParseResult) -> dict[str, list[str]]:
    return {p.name: [i.title for i in p.ideas] for p in result.catalog.projects}


# -- the reader ------------------------------------------------------------------------


def test_without_corrections_the_odd_labels_are_not_read_as_fields() -> None:
    result = parse("org-labels.md")
    assert shape(result) == {}
    assert [d.subtype.value for d in result.diagnostics] == ["empty"]


def test_label_spellings_project_name_and_excluded_sections() -> None:
    result = parse("org-labels.md", **ORG_FIX)
    assert shape(result) == {"Example Org": ["Faster import", "Better docs"]}
    faster, docs = result.catalog.projects[0].ideas
    assert [s.name for s in faster.skills][:1] == ["Python"]
    assert [m.name for m in faster.mentors] == ["Ann Example"]
    assert [(f.label, f.value) for f in faster.fields] == [("Milestone", "a 2x faster import")]
    assert [m.name for m in docs.mentors] == ["Bo Example"]
    assert result.diagnostics == ()
    (excluded,) = [s for s in result.spans if s.role == "excluded"]
    assert (excluded.start, excluded.end) == (17, 20)
    assert "Administrative Notes" in excluded.name


def test_heading_levels_read_ideas_that_have_no_fields() -> None:
    assert shape(parse("prose-ideas.md")) == {}
    result = parse("prose-ideas.md", project_level=2, idea_level=3)
    assert shape(result) == {
        "Compiler": ["Incremental type checking", "Better error messages"],
        "Tooling": ["Formatter"],
    }
    formatter = result.catalog.projects[1].ideas[0]
    assert formatter.description == "Write a formatter that keeps comments. Cy Example mentors."
    notes = [d for d in result.diagnostics if d.subtype.value == "structure"]
    assert [d.line for d in notes] == [24]  # the notes section is reported, not an idea


def test_a_project_name_over_several_projects_makes_them_groups() -> None:
    result = parse("prose-ideas.md", project_level=2, idea_level=3, project_name="Gamma Lab")
    (only,) = result.catalog.projects
    assert only.name == "Gamma Lab"
    assert [(i.title, i.group) for i in only.ideas] == [
        ("Incremental type checking", "Compiler"),
        ("Better error messages", "Compiler"),
        ("Formatter", "Tooling"),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"labels": {"Stack": "stack"}}, "unknown field 'stack'"),
        ({"labels": ["Stack"]}, "labels must map"),
        ({"project_level": 7}, "from 1 to 6"),
        ({"idea_level": True}, "from 1 to 6"),
        ({"project_level": 3, "idea_level": 2}, "deeper"),
        ({"project_name": " "}, "non-empty"),
        ({"exclude_sections": 3}, "list of section titles"),
        ({"project": "x"}, "unknown key 'project'"),
    ],
)
def test_bad_reading_options_say_what_is_expected(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        reading_options(options)


# -- a build: conf.py, ideas_catalogs, directive options ---------------------------------

DIRECTIVE = {
    "rst": (
        "index.rst",
        "Home\n====\n\n.. ideas-catalog:: ideas.md\n{options}\n",
        "   :{name}: {value}",
    ),
    "myst": (
        "index.md",
        "# Home\n\n```{{ideas-catalog}} ideas.md\n{options}\n```\n",
        ":{name}: {value}",
    ),
}


def site(tmp_path: Path, host: str, options: dict[str, str] | None = None) -> Path:
    """A one-page site of ``host`` whose catalog directive has ``options``."""
    srcdir = make_site(tmp_path, "reading-rst" if host == "rst" else "reading-myst")
    shutil.copy(FIXTURES / "org-labels.md", srcdir / "ideas.md")
    page, text, option = DIRECTIVE[host]
    lines = [option.format(name=k, value=v) for k, v in (options or {}).items()]
    (srcdir / page).write_text(text.format(options="\n".join(lines)), encoding="utf-8")
    return srcdir


def objects(app: object) -> dict[str, set[str]]:
    outdir = Path(app.outdir)  # type: ignore[attr-defined]
    data = read_inventory(outdir / "objects.inv")
    return {objtype: set(items) for objtype, items in data.items()}


FIXED_IDEAS = {"example-org.faster-import", "example-org.better-docs"}


#: ORG_FIX as directive options.
FIX_OPTIONS = {
    "labels": "Stack you will touch=skills, Guides=mentors",
    "project-name": "Example Org",
    "exclude-sections": "Administrative Notes",
}


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_directive_options_correct_the_reading(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    app = build(make_app, site(tmp_path, host, FIX_OPTIONS))
    assert warnings(app) == []
    assert objects(app)["ideas:idea"] == FIXED_IDEAS


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_ideas_reading_in_conf_corrects_every_file(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    app = build(make_app, site(tmp_path, host), confoverrides={"ideas_reading": ORG_FIX})
    assert warnings(app) == []
    assert objects(app)["ideas:idea"] == FIXED_IDEAS


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_an_ideas_catalogs_entry_corrects_its_file(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = site(tmp_path, host)
    entry = {"path": "ideas.md", **ORG_FIX}
    app = build(make_app, srcdir, confoverrides={"ideas_catalogs": [entry]})
    assert warnings(app) == []
    assert objects(app)["ideas:idea"] == FIXED_IDEAS


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_two_directives_asking_for_other_readings_the_first_wins(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = site(tmp_path, host, FIX_OPTIONS)
    page, text, option = DIRECTIVE[host]
    second = [
        option.format(name="project-name", value="Other Org"),
        option.format(name="no-pages", value=""),
    ]
    (srcdir / page.replace("index", "other")).write_text(
        text.format(options="\n".join(second)), encoding="utf-8"
    )
    toctree = "\n```{toctree}\nother\n```\n" if host == "myst" else "\n.. toctree::\n\n   other\n"
    with (srcdir / page).open("a", encoding="utf-8") as stream:
        stream.write(toctree)
    app = build(make_app, srcdir)
    (warning,) = warnings(app)
    assert "other." in warning
    assert "differ from those of the first directive naming ideas.md (in index)" in warning
    assert "[ideas." in warning
    assert "example-org" in objects(app)["ideas:project"]


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_a_bad_directive_option_is_a_located_warning(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    app = build(make_app, site(tmp_path, host, {"idea-level": "nine"}))
    problems = [w for w in warnings(app) if "invalid reading option" in w]
    assert len(problems) == 1
    assert "idea_level must be a heading level from 1 to 6" in problems[0]


@pytest.mark.parametrize(
    "value",
    [{"project_level": 0}, {"labels": {"X": "nope"}}, {"colour": "red"}],
)
def test_a_bad_ideas_reading_is_a_config_error(
    make_app: MakeApp, tmp_path: Path, value: object
) -> None:
    with pytest.raises(ConfigError, match="ideas_reading"):
        make_app("html", srcdir=site(tmp_path, "rst"), confoverrides={"ideas_reading": value})


# -- sphinx-ideas check --conf -----------------------------------------------------------


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinxcontrib_ideas", "check", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("host", ["rst", "myst"])
def test_check_with_conf_reads_the_file_as_the_build_does(tmp_path: Path, host: str) -> None:
    srcdir = site(tmp_path, host, {"project-name": "Example Org"})
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8")
        + "\nideas_reading = {'labels': {'Stack you will touch': 'skills', 'Guides': 'mentors'},"
        " 'exclude_sections': ['Administrative Notes']}\n",
        encoding="utf-8",
    )
    plain = check("ideas.md", cwd=srcdir)
    assert plain.stdout == "ideas.md:0: error: no ideas found [ideas.empty]\n"
    done = check("--outline", "--conf", "conf.py", "ideas.md", cwd=srcdir)
    assert done.returncode == 0, done.stderr
    assert "ideas.md: 1 project, 2 ideas" in done.stdout
    assert "project    Example Org" in done.stdout
    assert "[ideas." not in done.stdout
    # the folder of conf.py works too
    assert check("--conf", ".", "ideas.md", cwd=srcdir).stdout == ""


def test_check_with_a_missing_or_bad_conf_exits_2_with_one_line(tmp_path: Path) -> None:
    srcdir = site(tmp_path, "rst")
    done = check("--conf", "missing/conf.py", "ideas.md", cwd=srcdir)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "no configuration file" in done.stderr
    (srcdir / "conf.py").write_text("ideas_reading = {'idea_level': 9}\n", encoding="utf-8")
    done = check("--conf", "conf.py", "ideas.md", cwd=srcdir)
    assert done.returncode == 2
    assert "ideas_reading" in done.stderr
    assert "Traceback" not in done.stderr
