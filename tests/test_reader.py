"""Reading ideas files: bad input refused with one line, damaged text read with a warning."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_ideas.ideasfile import reader
from sphinxcontrib_ideas.ideasfile.model import Subtype
from sphinxcontrib_ideas.ideasfile.reader import IdeasFileError, load_catalog, read_ideas_file

IDEA = "#### Project\n\n##### An idea\n\n- Description: Do it.\n- Mentor(s): Ann (@ann)\n"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_utf8_text_is_read_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path / "ideas.md", "Jürgen ✓\n".encode())
    assert read_ideas_file(path) == ("Jürgen ✓\n", ())


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_crlf_and_cr_become_lf(tmp_path: Path, newline: bytes) -> None:
    path = write(tmp_path / "ideas.md", newline.join([b"a", b"b", b"", b"c"]))
    assert read_ideas_file(path)[0] == "a\nb\n\nc"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "ideas.md", codecs.BOM_UTF8 + b"# Ideas\n")
    assert read_ideas_file(path) == ("# Ideas\n", ())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_bom_marked_wide_text_is_text_not_binary(tmp_path: Path, encoding: str) -> None:
    # Windows editors save "Unicode" as UTF-16 with a BOM: full of NUL bytes, yet text.
    text = "# Ideas\r\n\r\nJürgen\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = write(tmp_path / "ideas.md", data)
    assert read_ideas_file(path) == ("# Ideas\n\nJürgen\n", ())


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    assert read_ideas_file(write(tmp_path / "ideas.md", b"")) == ("", ())


def test_non_utf8_is_replaced_with_a_warning_at_the_first_bad_line(tmp_path: Path) -> None:
    data = "line one\r\nline two\r\nJürgen\r\nMüller\n".encode("latin-1")
    text, diagnostics = read_ideas_file(write(tmp_path / "ideas.md", data), source="x/ideas.md")
    assert text == "line one\nline two\nJ\ufffdrgen\nM\ufffdller\n"
    [diagnostic] = diagnostics
    assert diagnostic.subtype is Subtype.ENCODING
    assert diagnostic.severity == "warning"
    assert diagnostic.line == 3
    assert diagnostic.source == "x/ideas.md"
    assert "0xFC" in diagnostic.message
    assert "UTF-8" in diagnostic.message


def test_text_in_a_legacy_8bit_encoding_is_text_not_binary(tmp_path: Path) -> None:
    # Nearly every byte is above 0x7F and none of them decodes, yet it is text.
    data = "# Идеи\n\n## Проект\n".encode("cp1251")
    text, diagnostics = read_ideas_file(write(tmp_path / "ideas.md", data))
    assert text.startswith("# \ufffd")
    assert text.count("\n") == 3
    assert [(d.subtype, d.line) for d in diagnostics] == [(Subtype.ENCODING, 1)]


def test_first_bad_line_counts_lone_cr_as_a_line_break(tmp_path: Path) -> None:
    path = write(tmp_path / "ideas.md", b"a\rb\rc\xff\r")
    assert read_ideas_file(path)[1][0].line == 3


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IdeasFileError) as caught:
        read_ideas_file("ideas.md")
    assert str(caught.value) == "ideas.md: no such file"
    assert caught.value.source == "ideas.md"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    with pytest.raises(IdeasFileError) as caught:
        read_ideas_file(tmp_path / "docs", source="docs/")
    assert str(caught.value) == "docs/: is a directory, not an ideas file"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"# Looks like text\n" * 1000 + b"\x00 but a NUL byte far in",
        bytes(range(1, 32)) * 50,  # control characters, no NUL
    ],
    ids=["png", "late-nul", "controls"],
)
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "logo.png", data)
    with pytest.raises(IdeasFileError) as caught:
        read_ideas_file(path, source="logo.png")
    assert str(caught.value) == "logo.png: is a binary file, not an ideas file"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "cannot read: input/output error"),
        (ValueError("embedded null byte"), "cannot open: embedded null byte"),
    ],
)
def test_os_errors_become_one_line(
    monkeypatch: pytest.MonkeyPatch, error: Exception, reason: str
) -> None:
    # Faked: running as root, a chmod 000 file is still readable.
    def failing_open(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(reader, "open", failing_open, raising=False)
    with pytest.raises(IdeasFileError) as caught:
        read_ideas_file("secret.md")
    assert str(caught.value) == f"secret.md: {reason}"


def test_source_defaults_to_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "ideas.md", "Jürgen".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    [diagnostic] = read_ideas_file(Path("sub") / "ideas.md")[1]
    assert diagnostic.source == os.path.join("sub", "ideas.md")


def test_load_catalog_names_the_file_on_every_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "ideas.md", (IDEA + "- Skills: C\xe9\n").encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    result = load_catalog("ideas.md")
    assert result.catalog.source == "ideas.md"
    assert [idea.title for _, idea in result.catalog.iter_ideas()] == ["An idea"]
    assert result.diagnostics, "expected at least the encoding warning"
    assert {d.source for d in result.diagnostics} == {"ideas.md"}
    assert Subtype.ENCODING in {d.subtype for d in result.diagnostics}
    lines = [d.line for d in result.diagnostics]
    assert lines == sorted(lines)


def test_load_catalog_passes_skill_aliases(tmp_path: Path) -> None:
    path = write(tmp_path / "ideas.md", (IDEA + "- Recommended Skills: Frobnication\n").encode())
    default = load_catalog(path)
    aliased = load_catalog(path, skill_aliases={"Frobnication": "Frob"})
    [(_, plain)] = list(default.catalog.iter_ideas())
    [(_, idea)] = list(aliased.catalog.iter_ideas())
    assert "Frob" not in [skill.name for skill in plain.skills]
    assert "Frob" in [skill.name for skill in idea.skills]


def test_load_catalog_on_an_empty_file_reports_empty(tmp_path: Path) -> None:
    result = load_catalog(write(tmp_path / "ideas.md", b""), source="ideas.md")
    assert result.catalog.projects == ()
    assert Subtype.EMPTY in {d.subtype for d in result.diagnostics}


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_text_or_one_refusal(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "ideas.md", data)
    try:
        text, diagnostics = read_ideas_file(path, source="ideas.md")
    except IdeasFileError as error:
        refusal = str(error)
    else:
        refusal = ""
    if refusal:
        assert refusal == "ideas.md: is a binary file, not an ideas file"
        return
    assert "\r" not in text
    assert not text.startswith("\ufeff")
    assert all(d.subtype is Subtype.ENCODING and d.line >= 1 for d in diagnostics)
    assert all(d.line <= text.count("\n") + 1 for d in diagnostics)
