"""The ``sphinx-ideas`` command, run for real (``python -m``) and in-process (``main``)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # no stubs in the test extra
from test_export import validate

from sphinxcontrib_ideas import __version__, cli
from sphinxcontrib_ideas.cli import PROG
from sphinxcontrib_ideas.ideasfile.model import Catalog, Diagnostic, ParseResult, Subtype

#: One diagnostic line: FILE:LINE: severity: message [ideas.<subtype>]
LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+): (?P<severity>warning|error): (?P<message>.+)"
    r" \[ideas\.(?P<subtype>[a-z][a-z0-9-]*)\]$"
)
SUMMARY = re.compile(
    r"^(?P<files>\d+) files?: (?P<errors>\d+) errors?, (?P<warnings>\d+) warnings?$"
)

GOOD = """\
# Ideas

### Alpha

#### Make the widget faster

- Description: Profile the widget and remove the slow parts.
- Recommended Skills: Go, Profiling
- Mentor(s): Ann Lee (@annlee, ann.lee@example.org)
- Upstream Issue (URL): https://github.com/alpha/widget/issues/1

#### Document the widget

- Description: Write a user guide.
- Recommended Skills: Technical writing
- Mentor(s): Bo Chen (@bochen)
- Upstream Issue (URL): https://github.com/alpha/widget/issues/2
"""


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, in ``cwd``, with UTF-8 standard streams."""
    environ = {**os.environ, "PYTHONUTF8": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_ideas", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def parse_lines(stdout: str) -> list[dict[str, str]]:
    """Every stdout line as a diagnostic; fails on a line in any other shape."""
    lines = stdout.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    return [m.groupdict() for m in matches if m]


def summary(stderr: str) -> dict[str, int]:
    match = SUMMARY.match(stderr.splitlines()[-1])
    assert match, stderr
    return {key: int(value) for key, value in match.groupdict().items()}


@pytest.fixture
def workdir(tmp_path: Path, seed_path: Path) -> Path:
    """A folder with the sample in ``docs/``, a clean ``good.md``, a binary and a folder."""
    (tmp_path / "docs").mkdir()
    shutil.copy(seed_path, tmp_path / "docs" / "ideas.md")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "folder").mkdir()
    return tmp_path


# --- the command as a whole ---------------------------------------------------------


def test_version(tmp_path: Path) -> None:
    done = run("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"sphinx-ideas {__version__}"


def test_help_describes_each_command(tmp_path: Path) -> None:
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: sphinx-ideas")
    assert re.search(r"^\s+check\s+\S.*", done.stdout, re.MULTILINE)
    assert re.search(r"^\s+export\s+\S.*", done.stdout, re.MULTILINE)
    check_help = run("check", "--help", cwd=tmp_path).stdout
    for option in ("--strict", "--suppress", "--skill-alias"):
        assert option in check_help
    assert "ideas.no-mentors" in check_help  # the subtypes one may suppress
    export_help = run("export", "--help", cwd=tmp_path).stdout
    for option in ("--format", "--no-emails", "--output"):
        assert option in export_help


@pytest.mark.parametrize(
    "args",
    [[], ["check"], ["frobnicate", "x.md"], ["check", "--suppress", "no-such", "x.md"]],
    ids=["nothing", "no-file", "unknown-command", "unknown-subtype"],
)
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: list[str]) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "error:" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_skill_alias_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--skill-alias", "golang", "x.md"]) == 2
    assert "NAME=CANONICAL" in capsys.readouterr().err


# --- check ------------------------------------------------------------------------


def test_check_sample_has_no_errors_and_names_the_file_as_given(workdir: Path) -> None:
    done = run("check", "docs/ideas.md", cwd=workdir)
    assert done.returncode == 0, done.stderr
    diagnostics = parse_lines(done.stdout)
    assert {d["file"] for d in diagnostics} <= {"docs/ideas.md"}
    assert not [d for d in diagnostics if d["severity"] == "error"]
    assert summary(done.stderr) == {"files": 1, "errors": 0, "warnings": len(diagnostics)}
    strict = run("check", "--strict", "docs/ideas.md", cwd=workdir)
    assert strict.returncode == (1 if diagnostics else 0)


def test_check_lines_are_sorted_by_file_then_line(workdir: Path) -> None:
    (workdir / "a.md").write_text(GOOD.replace("- Mentor(s): Bo Chen (@bochen)\n", ""))
    done = run("check", "docs/ideas.md", "a.md", "a.md", cwd=workdir)
    keys = [(d["file"], int(d["line"])) for d in parse_lines(done.stdout)]
    assert keys == sorted(keys)
    assert "a.md" in {file for file, _ in keys}
    assert summary(done.stderr)["files"] == 2  # a.md named twice is checked once


def test_check_without_mentors_reports_the_idea_line(workdir: Path) -> None:
    text = GOOD.replace("- Mentor(s): Bo Chen (@bochen)\n", "")
    (workdir / "nomentor.md").write_text(text)
    done = run("check", "nomentor.md", cwd=workdir)
    diagnostics = parse_lines(done.stdout)
    idea_line = text.splitlines().index("#### Document the widget") + 1
    no_mentors = [(d["file"], int(d["line"])) for d in diagnostics if d["subtype"] == "no-mentors"]
    assert no_mentors == [("nomentor.md", idea_line)]
    suppressed = run("check", "--suppress", "ideas.no-mentors", "nomentor.md", cwd=workdir)
    assert "no-mentors" not in suppressed.stdout
    assert len(parse_lines(suppressed.stdout)) == len(diagnostics) - 1


def test_check_non_utf8_file_warns_at_the_first_bad_line(workdir: Path) -> None:
    text = GOOD.replace("Bo Chen", "Jürgen Müller")
    (workdir / "latin1.md").write_bytes(text.encode("latin-1"))
    done = run("check", "latin1.md", cwd=workdir)
    bad_line = next(n for n, line in enumerate(text.splitlines(), 1) if "ü" in line)
    encoding = [d for d in parse_lines(done.stdout) if d["subtype"] == "encoding"]
    assert [(d["file"], int(d["line"]), d["severity"]) for d in encoding] == [
        ("latin1.md", bad_line, "warning")
    ]
    assert done.returncode == 0
    assert run("check", "--strict", "latin1.md", cwd=workdir).returncode == 1


def test_check_a_file_without_ideas_is_an_error(workdir: Path) -> None:
    """An empty catalog is never what was meant: ``check`` fails without ``--strict``."""
    (workdir / "empty.md").write_bytes(b"")
    (workdir / "none.md").write_text("# Ideas\n\nNone this year.\n", encoding="utf-8")
    for name in ("empty.md", "none.md"):
        done = run("check", name, cwd=workdir)
        found = parse_lines(done.stdout)
        assert [(d["subtype"], d["severity"]) for d in found] == [("empty", "error")]
        assert done.returncode == 1


def test_check_bad_files_exit_2_and_the_good_ones_are_still_checked(workdir: Path) -> None:
    (workdir / "empty.md").write_bytes(b"")
    done = run("check", "missing.md", "empty.md", "folder", "logo.png", "good.md", cwd=workdir)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    errors = done.stderr.splitlines()[:-1]
    assert errors == [
        "sphinx-ideas: error: missing.md: no such file",
        "sphinx-ideas: error: folder: is a directory, not an ideas file",
        "sphinx-ideas: error: logo.png: is a binary file, not an ideas file",
    ]
    assert "empty.md" in {d["file"] for d in parse_lines(done.stdout)}
    assert summary(done.stderr)["files"] == 5
    assert summary(done.stderr)["errors"] >= 3


# --- check exit codes, with diagnostics chosen by the test --------------------------


def fake_results(monkeypatch: pytest.MonkeyPatch, *diagnostics: Diagnostic) -> None:
    """Make every file parse to ``diagnostics`` (with its name filled in)."""

    def load(path: str, **_: Any) -> ParseResult:
        named = tuple(dataclasses.replace(d, source=path) for d in diagnostics)
        return ParseResult(catalog=Catalog(source=path), diagnostics=named)

    monkeypatch.setattr(cli, "load_catalog", load)


WARNING = Diagnostic(line=4, subtype=Subtype.NO_SKILLS, message="idea 'X' lists no skills")
ERROR = Diagnostic(line=9, subtype=Subtype.GITHUB_HANDLE, message="bad '@-x'", severity="error")


@pytest.mark.parametrize(
    ("diagnostics", "options", "code"),
    [
        ((), [], 0),
        ((), ["--strict"], 0),
        ((WARNING,), [], 0),
        ((WARNING,), ["--strict"], 1),
        ((ERROR,), [], 1),
        ((WARNING, ERROR), ["--suppress", "github-handle"], 0),
        ((WARNING, ERROR), ["--suppress", "ideas.github-handle", "--strict"], 1),
        ((WARNING, ERROR), ["--suppress", "ideas", "--strict"], 0),
    ],
)
def test_check_exit_codes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    diagnostics: tuple[Diagnostic, ...],
    options: list[str],
    code: int,
) -> None:
    fake_results(monkeypatch, *diagnostics)
    assert cli.main(["check", *options, "x.md", "y.md"]) == code


def test_check_output_lines_and_summary(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_results(monkeypatch, ERROR, WARNING)
    cli.main(["check", "b.md", "a/x.md"])
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "a/x.md:4: warning: idea 'X' lists no skills [ideas.no-skills]",
        "a/x.md:9: error: bad '@-x' [ideas.github-handle]",
        "b.md:4: warning: idea 'X' lists no skills [ideas.no-skills]",
        "b.md:9: error: bad '@-x' [ideas.github-handle]",
    ]
    assert err == "2 files: 2 errors, 2 warnings\n"


def test_keyboard_interrupt_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(path: str, **_: Any) -> ParseResult:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_catalog", interrupted)
    assert cli.main(["check", "x.md"]) == 130
    assert capsys.readouterr() == ("", "")


def test_a_crash_on_one_file_is_one_line_and_the_others_go_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def load(path: str, **_: Any) -> ParseResult:
        if path == "odd.md":
            raise IndexError("list index out of range")
        return ParseResult(catalog=Catalog(source=path), diagnostics=(WARNING,))

    monkeypatch.setattr(cli, "load_catalog", load)
    assert cli.main(["check", "odd.md", "fine.md"]) == 2
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1
    [message, total] = err.splitlines()
    assert message.startswith("sphinx-ideas: error: odd.md: internal error")
    assert "IndexError" in message
    assert total == "2 files: 1 error, 1 warning"


# --- export -----------------------------------------------------------------------


def test_export_sample_validates_and_counts(workdir: Path) -> None:
    done = run("export", "docs/ideas.md", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    document = json.loads(done.stdout)
    validate(document)
    [catalog] = document["catalogs"]
    assert catalog["source"] == "docs/ideas.md"
    assert len(catalog["projects"]) == 17
    assert sum(len(project["ideas"]) for project in catalog["projects"]) == 38
    assert done.stdout.startswith('{\n  "schema_version": 1,')  # indent 2
    assert "Jürgen" in done.stdout  # ensure_ascii off


def test_export_diagnostics_go_into_the_document(workdir: Path) -> None:
    check = run("check", "docs/ideas.md", cwd=workdir)
    document = json.loads(run("export", "docs/ideas.md", cwd=workdir).stdout)
    exported = [
        (d["source"], str(d["line"]), d["severity"], d["subtype"]) for d in document["diagnostics"]
    ]
    checked = [
        (d["file"], d["line"], d["severity"], d["subtype"]) for d in parse_lines(check.stdout)
    ]
    assert sorted(exported) == sorted(checked)


def test_export_emails_only_unless_no_emails(workdir: Path) -> None:
    with_mail = run("export", "good.md", cwd=workdir)
    without = run("export", "--no-emails", "good.md", cwd=workdir)
    assert "ann.lee@example.org" in with_mail.stdout
    assert "ann.lee@example.org" not in without.stdout
    mentors = [
        m
        for p in json.loads(without.stdout)["catalogs"][0]["projects"]
        for idea in p["ideas"]
        for m in idea["mentors"]
    ]
    assert [m["email"] for m in mentors] == [None, None]


def test_export_skill_alias(workdir: Path) -> None:
    def skill_names(*options: str) -> set[str]:
        document = json.loads(run("export", *options, "good.md", cwd=workdir).stdout)
        return {s["name"] for s in document["skills"]}

    assert "Perf" not in skill_names()
    assert "Perf" in skill_names("--skill-alias", "Profiling=Perf")


def test_export_to_a_file(workdir: Path) -> None:
    done = run("export", "good.md", "-o", "out.json", cwd=workdir)
    assert done.returncode == 0
    assert done.stdout == ""
    document = json.loads((workdir / "out.json").read_text(encoding="utf-8"))
    assert document["catalogs"][0]["source"] == "good.md"
    failed = run("export", "good.md", "-o", "no/such/dir/out.json", cwd=workdir)
    assert failed.returncode == 2
    assert failed.stderr.startswith("sphinx-ideas: error: cannot write no/such/dir/out.json:")


def test_export_with_bad_files_exports_the_good_ones_and_exits_2(workdir: Path) -> None:
    done = run("export", "missing.md", "good.md", "folder", cwd=workdir)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "sphinx-ideas: error: missing.md: no such file",
        "sphinx-ideas: error: folder: is a directory, not an ideas file",
    ]
    document = json.loads(done.stdout)
    validate(document)
    assert [c["source"] for c in document["catalogs"]] == ["good.md"]
    failures = [
        (d["source"], d["line"], d["severity"], d["message"])
        for d in document["diagnostics"]
        if d["subtype"] == "file"
    ]
    assert failures == [
        ("missing.md", 0, "error", "no such file"),
        ("folder", 0, "error", "is a directory, not an ideas file"),
    ]


def test_an_ascii_console_gets_escapes_not_a_crash(workdir: Path) -> None:
    ascii_console = {"PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    done = run("export", "docs/ideas.md", cwd=workdir, env=ascii_console)
    assert done.returncode == 0, done.stderr
    assert "Jürgen" in json.dumps(json.loads(done.stdout), ensure_ascii=False)
    (workdir / "ünïcode.md").write_text(GOOD.replace("- Mentor(s): Bo Chen (@bochen)\n", ""))
    checked = run("check", "ünïcode.md", cwd=workdir, env=ascii_console)
    assert checked.returncode == 0, checked.stderr
    assert "\\xfcn\\xefcode.md:" in checked.stdout


def test_broken_pipe_is_quiet(workdir: Path) -> None:
    environ = {**os.environ, "PYTHONUTF8": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinxcontrib_ideas", "export", "docs/ideas.md"],
        cwd=workdir,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader goes away, like `| head -0`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert stderr == ""


# --- pre-commit ------------------------------------------------------------------


def test_pre_commit_hook() -> None:
    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    [hook] = [h for h in hooks if h["id"] == "sphinx-ideas-check"]
    assert hook["language"] == "python"
    assert hook["entry"] == "sphinx-ideas check"
    files = re.compile(hook["files"])
    assert files.search("docs/project-ideas.md")
    assert files.search("programs/lfx/2021/IDEAS.MD")
    assert not files.search("docs/ideas.md.bak")
    assert not files.search("README.md")


# --- standard input, special files, and outputs that must not be written ------------


def test_check_dash_reads_standard_input(workdir: Path) -> None:
    text = "## Alpha\n\n### Faster import\n\n- Mentors: @ann-ex\n- Skills: Python\n"
    done = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_ideas", "check", "-"],
        cwd=workdir,
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "<stdin>:3: warning: idea 'Faster import' has no description [ideas.no-description]\n"
    )
    binary = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_ideas", "check", "-"],
        cwd=workdir,
        input=b"\x89PNG\r\n\x1a\n\x00\x00",
        capture_output=True,
        check=False,
    )
    assert binary.returncode == 2
    assert b"<stdin>: " in binary.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_device_is_refused_without_waiting(workdir: Path) -> None:
    os.mkfifo(workdir / "pipe.md")
    for name in ("pipe.md", os.devnull):
        done = run("check", name, cwd=workdir)  # would block on the FIFO without the check
        assert done.returncode == 2
        assert f"{PROG}: error: {name}: is not a regular file" in done.stderr
        assert "Traceback" not in done.stderr


def test_export_refuses_to_write_over_an_input(workdir: Path) -> None:
    before = (workdir / "good.md").read_bytes()
    for output in ("good.md", "./good.md"):
        done = run("export", "-o", output, "docs/ideas.md", "good.md", cwd=workdir)
        assert done.returncode == 2
        assert done.stderr == f"{PROG}: error: {output}: is one of the input files; not written\n"
    assert (workdir / "good.md").read_bytes() == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["export", "good.md"],
        ["check", "--outline", "good.md"],
        ["export", "-o", "/dev/full", "good.md"],
    ],
)
def test_a_full_disk_is_one_line_and_exit_2(workdir: Path, args: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "sphinxcontrib_ideas", *args],
            cwd=workdir,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"{PROG}: error: ")
    assert lines[0].endswith("No space left on device")


def test_sample_prints_the_bundled_file_and_never_writes_over_one(
    tmp_path: Path, seed_path: Path
) -> None:
    done = run("sample", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == seed_path.read_text(encoding="utf-8")
    assert run("sample", "-o", "ideas.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "ideas.md").read_text(encoding="utf-8") == done.stdout
    (tmp_path / "mine.md").write_text("my ideas\n", encoding="utf-8")
    again = run("sample", "-o", "mine.md", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr == f"{PROG}: error: mine.md: exists; not written over\n"
    assert (tmp_path / "mine.md").read_text(encoding="utf-8") == "my ideas\n"
