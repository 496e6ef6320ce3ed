"""Reading ideas files from disk: the only module that opens one.

Data flow: ``ideas.md`` --(:func:`read_ideas_file`)--> text + reading diagnostics
--(:func:`sphinxcontrib_ideas.ideasfile.parser.parse_catalog`)--> :class:`~.model.ParseResult`.
Both the ``sphinx-ideas`` command and the Sphinx layer come through here, so a file
behaves the same everywhere: a file that cannot be an ideas file at all (missing, a
directory, binary) raises :class:`IdeasFileError`; a damaged but readable text file is
read as well as possible and the damage becomes a diagnostic.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import os
import stat
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .model import Diagnostic, ParseResult, Subtype
from .options import ReadingOptions

if TYPE_CHECKING:
    from ._blocks import PieceCache

#: Bytes looked at to decide whether a file is text; enough for any real header.
_SNIFF_SIZE = 8192
#: Share of control bytes above which a file is binary. Text in any encoding has next to
#: none (tab, newlines, form feed and ESC aside), while random data has about 10%; bytes
#: above 0x7F prove nothing (a Cyrillic file in cp1251 is mostly such bytes).
_BINARY_SHARE = 0.05
#: Control characters that do occur in text files.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
#: Byte-order marks of encodings that contain NUL bytes yet are text (Windows editors
#: save "Unicode" text as UTF-16). UTF-32 first: its little-endian BOM starts like UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_BINARY = "is a binary file, not an ideas file"


class IdeasFileError(Exception):
    """A file that cannot be read as an ideas file; ``str()`` is one line naming it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        #: The path as the user named it.
        self.source = source
        #: Why, without the file name ("no such file").
        self.reason = reason


def read_ideas_file(
    path: str | os.PathLike[str], *, source: str | None = None
) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text of an ideas file, with newlines normalised, and reading diagnostics.

    ``source`` names the file in messages and diagnostics; it defaults to ``path`` as
    given, never made absolute. Raises :class:`IdeasFileError` for a missing file, a
    directory, a binary file or any other OS error.
    """
    name = os.fspath(path) if source is None else source
    data = _read_bytes(path, name)
    text, diagnostics = _decode(data, name)
    return _normalize_newlines(text), diagnostics


def load_catalog(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    skill_aliases: Mapping[str, str] | None = None,
    reading: ReadingOptions | None = None,
    data: bytes | None = None,
    pieces: PieceCache | None = None,
) -> ParseResult:
    """Read and parse one ideas file; reading and parsing diagnostics merged by line.

    With ``data`` (the file's bytes, already read from standard input) ``path`` only
    names the file. ``pieces`` is passed to :func:`~.parser.parse_catalog`.
    """
    # Imported here so that reading works (and this module imports) on its own.
    from .parser import parse_catalog

    name = os.fspath(path) if source is None else source
    if data is not None:
        text, read_diagnostics = read_ideas_bytes(data, source=name)
    else:
        text, read_diagnostics = read_ideas_file(path, source=name)
    result = parse_catalog(
        text, source=name, skill_aliases=skill_aliases, reading=reading, pieces=pieces
    )
    merged = sorted(
        (*read_diagnostics, *(_with_source(d, name) for d in result.diagnostics)),
        key=lambda d: d.line,
    )
    return dataclasses.replace(result, diagnostics=tuple(merged))


def _with_source(diagnostic: Diagnostic, source: str) -> Diagnostic:
    """The diagnostic naming ``source``, unless it already names a file."""
    if diagnostic.source:
        return diagnostic
    return dataclasses.replace(diagnostic, source=source)


def _read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    """The file's bytes; every way of failing becomes an :class:`IdeasFileError`."""
    try:
        _refuse_special(path, name)
        with open(path, "rb") as stream:
            head = stream.read(_SNIFF_SIZE)
            # Refuse before reading the rest: a device or a huge archive named by
            # mistake must not be read whole.
            if _looks_binary(head):
                raise IdeasFileError(name, _BINARY)
            data = head + stream.read()
    except IsADirectoryError:
        raise IdeasFileError(name, "is a directory, not an ideas file") from None
    except FileNotFoundError:
        raise IdeasFileError(name, "no such file") from None
    except PermissionError:
        raise IdeasFileError(name, "permission denied") from None
    except OSError as error:
        raise IdeasFileError(name, _os_reason(error)) from None
    except ValueError as error:  # e.g. a NUL character in the path itself
        raise IdeasFileError(name, f"cannot open: {error}") from None
    return _checked_bytes(data, name)


def _checked_bytes(data: bytes, name: str) -> bytes:
    """``data`` if it can be text; :class:`IdeasFileError` for a binary file."""
    if _looks_binary(data[:_SNIFF_SIZE]) or (b"\0" in data and not _wide_encoding(data)):
        raise IdeasFileError(name, _BINARY)
    return data


def _refuse_special(path: str | os.PathLike[str], name: str) -> None:
    """A FIFO, device or socket is refused before it is opened: reading one can block."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return  # opening it says why it cannot be read
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise IdeasFileError(name, "is not a regular file (a FIFO, device or socket)")


def read_ideas_bytes(data: bytes, *, source: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text of an ideas file already read (standard input), as :func:`read_ideas_file`.

    Raises :class:`IdeasFileError` for binary data.
    """
    text, diagnostics = _decode(_checked_bytes(data, source), source)
    return _normalize_newlines(text), diagnostics


def _os_reason(error: OSError) -> str:
    """A short lowercase reason for an OS error, without the path it repeats."""
    if error.errno == errno.EISDIR:  # Windows reports directories this way
        return "is a directory, not an ideas file"
    reason = error.strerror or type(error).__name__
    return f"cannot read: {reason[:1].lower()}{reason[1:]}"


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-16/32 codec a byte-order mark announces, or None."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file are not text in any encoding we can read."""
    if _wide_encoding(head):
        return False
    if b"\0" in head:
        return True
    controls = sum(
        1 for byte in head if (byte < 0x20 or byte == 0x7F) and byte not in _TEXT_CONTROLS
    )
    return controls > _BINARY_SHARE * len(head)


def _decode(data: bytes, name: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """Text of the bytes: UTF-8 (BOM dropped), a BOM-marked UTF-16/32, else replaced."""
    wide = _wide_encoding(data)
    if wide:
        return _decode_wide(data, wide, name)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as error:
        return data.decode("utf-8", errors="replace"), (_encoding_diagnostic(data, error, name),)


def _decode_wide(data: bytes, encoding: str, name: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """Text of a UTF-16/32 file; the BOM-less codec keeps the BOM as U+FEFF, dropped here."""
    try:
        return data.decode(encoding).removeprefix("\ufeff"), ()
    except UnicodeDecodeError as error:
        text = data.decode(encoding, errors="replace").removeprefix("\ufeff")
        line = _normalize_newlines(data[: error.start].decode(encoding)).count("\n") + 1
        message = f"the file is not valid {encoding.upper()}; bad bytes were replaced with U+FFFD"
        return text, (_diagnostic(line, message, name),)


def _encoding_diagnostic(data: bytes, error: UnicodeDecodeError, name: str) -> Diagnostic:
    """An ``ENCODING`` warning at the line of the first byte that is not UTF-8."""
    # Everything before the error is valid UTF-8, so it decodes exactly.
    before = _normalize_newlines(data[: error.start].decode("utf-8"))
    line = before.count("\n") + 1
    bad = data[error.start : error.end].hex(" ").upper()
    message = (
        f"byte 0x{bad} is not valid UTF-8; it and any later bad bytes were replaced"
        " with U+FFFD (save the file as UTF-8)"
    )
    return _diagnostic(line, message, name)


def _diagnostic(line: int, message: str, name: str) -> Diagnostic:
    """An encoding warning about ``name``."""
    return Diagnostic(line=line, subtype=Subtype.ENCODING, message=message, source=name)


def _normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` (old Mac files) as ``\\n``, so line numbers agree."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
