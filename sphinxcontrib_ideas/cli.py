"""The ``sphinx-ideas`` command: lint ideas files and export them as JSON, without Sphinx.

Data flow: FILE arguments --(:func:`.reader.load_catalog`)--> parse results -->
``check``: one ``FILE:LINE: severity: message [ideas.<subtype>]`` line per diagnostic;
``export``: the JSON document of :mod:`.export`. Files that cannot be read at all are
reported as ``sphinx-ideas: error: ...`` on stderr (exit code 2) and the other files are
still processed. This module is the only place in the package that prints.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .ideasfile.export import export_document
from .ideasfile.model import SUBTYPE_DOCS, Diagnostic, ParseResult, Subtype
from .ideasfile.outline import format_outline
from .ideasfile.reader import IdeasFileError, load_catalog

if TYPE_CHECKING:
    from ._conffile import BuildReading

PROG = "sphinx-ideas"
#: The bundled sample, in the package's ``data`` folder.
SAMPLE = "cncf-lfx-2021-spring-ideas.md"
#: How standard input (the FILE ``-``) is named in diagnostics.
STDIN = "<stdin>"

#: Exit codes. 130 and 141 follow the shell's 128 + signal number convention.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What reading the FILE arguments gave: parse results, and files that failed."""

    results: tuple[ParseResult, ...]
    #: One :class:`~.model.Diagnostic` (subtype ``file``, severity error) per unreadable file.
    failures: tuple[Diagnostic, ...]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # standard output failed: a full disk, a closed device...
        _silence_stdout()
        reason = error.strerror or type(error).__name__
        sys.stderr.write(f"{PROG}: error: cannot write the output: {reason}\n")
        return EXIT_BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check and export project-ideas Markdown files (sphinxcontrib-ideas).",
        epilog="Run '%(prog)s COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_check_parser(commands)
    _add_export_parser(commands)
    _add_sample_parser(commands)
    return parser


def _add_sample_parser(commands: Any) -> None:
    sample = commands.add_parser(
        "sample",
        help="print the bundled sample ideas file (CNCF LFX Mentorship, 2021 Spring)",
        description=(
            "Print the bundled sample ideas file, a real one to start from: the CNCF LFX"
            " Mentorship 2021 Spring ideas list, CC BY 4.0 (keep its notice)."
            " Example: sphinx-ideas sample > ideas.md"
        ),
    )
    sample.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT instead of standard output"
    )
    sample.set_defaults(handler=_sample)


def _sample(args: argparse.Namespace) -> int:
    text = resources.files("sphinxcontrib_ideas").joinpath("data", SAMPLE).read_text("utf-8")
    if args.output is None or args.output == "-":
        _write(sys.stdout, text)
        sys.stdout.flush()
        return EXIT_OK
    if os.path.exists(args.output):
        _write(sys.stderr, f"{PROG}: error: {args.output}: exists; not written over\n")
        return EXIT_BAD_INPUT
    try:
        with open(args.output, "x", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        _write(sys.stderr, f"{PROG}: error: cannot write {args.output}: {reason}\n")
        return EXIT_BAD_INPUT
    return EXIT_OK


def _add_check_parser(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="report problems in ideas files, one line each",
        description=(
            "Report problems in ideas files as 'FILE:LINE: warning|error: message"
            " [ideas.<subtype>]', sorted by file and line, then a summary on stderr."
            " Exit status: 0 when clean, 1 on errors (or warnings with --strict),"
            " 2 when a file cannot be read."
        ),
        epilog=_subtypes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common_arguments(check)
    check.add_argument("--strict", action="store_true", help="exit with status 1 on warnings, too")
    check.add_argument(
        "--outline",
        action="store_true",
        help="first print each file as read: every range of lines and what it became",
    )
    check.set_defaults(handler=_check)


def _add_export_parser(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="print the catalogs as a JSON document",
        description=(
            "Print the catalogs read from the files, and their diagnostics, as one JSON"
            " document (schema: sphinxcontrib_ideas/schema/ideas-export.schema.json)."
            " Exit status: 0, or 2 when a file cannot be read (the others are exported)."
        ),
    )
    _add_common_arguments(export)
    export.add_argument(
        "--format", choices=["json"], default="json", help="output format (default: json)"
    )
    export.add_argument(
        "--no-emails",
        dest="include_emails",
        action="store_false",
        help="leave mentors' e-mail addresses out (null)",
    )
    export.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT instead of standard output"
    )
    export.set_defaults(handler=_export)


def _add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a project-ideas Markdown file ('-': standard input, named <stdin>)",
    )
    parser.add_argument(
        "--suppress",
        action="append",
        default=[],
        type=_subtype_argument,
        metavar="SUBTYPE",
        help="drop diagnostics of this subtype ('ideas.x' or 'x'; 'ideas' drops all); repeatable",
    )
    parser.add_argument(
        "--skill-alias",
        action="append",
        default=[],
        type=_alias_argument,
        metavar="NAME=CANONICAL",
        help="index skill NAME as CANONICAL (e.g. 'golang=Go'); repeatable",
    )
    parser.add_argument(
        "--conf",
        metavar="CONF_PY",
        help=(
            "read the files as the Sphinx build configured by CONF_PY (or its folder) does:"
            " its ideas_reading, ideas_catalogs, ideas_skill_aliases and the options of its"
            " ideas-catalog directives"
        ),
    )


def _subtypes_help() -> str:
    lines = [f"  {'ideas.' + subtype.value:24} {doc}" for subtype, doc in SUBTYPE_DOCS.items()]
    return "subtypes (for --suppress):\n" + "\n".join(lines)


def _subtype_argument(value: str) -> frozenset[Subtype]:
    """``ideas.x`` or ``x`` as the subtypes it names; bare ``ideas`` names them all."""
    name = value.strip()
    if name == "ideas":
        return frozenset(Subtype)
    try:
        return frozenset({Subtype(name.removeprefix("ideas."))})
    except ValueError:
        known = ", ".join(subtype.value for subtype in Subtype)
        raise argparse.ArgumentTypeError(f"unknown subtype {value!r} (known: {known})") from None


def _alias_argument(value: str) -> tuple[str, str]:
    name, sep, canonical = value.partition("=")
    if not sep or not name.strip() or not canonical.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=CANONICAL, got {value!r}")
    return name.strip(), canonical.strip()


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or EXIT_OK
        return EXIT_BAD_INPUT
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def _check(args: argparse.Namespace) -> int:
    build = _build_reading(args)
    if build is None:
        return EXIT_BAD_INPUT
    loaded = _load(args.files, aliases=dict(args.skill_alias), build=build)
    suppressed = _union(args.suppress)
    shown = [
        diagnostic
        for result in loaded.results
        for diagnostic in result.diagnostics
        if diagnostic.subtype not in suppressed
    ]
    shown.sort(key=lambda d: (d.source, d.line))
    if args.outline:
        _write(sys.stdout, "".join(format_outline(result) + "\n" for result in loaded.results))
    _write(sys.stdout, "".join(format_diagnostic(d) + "\n" for d in shown))
    sys.stdout.flush()
    # An unreadable file counts as an error (its message is already on stderr).
    errors = sum(1 for d in shown if d.severity == "error") + len(loaded.failures)
    warnings = sum(1 for d in shown if d.severity != "error")
    files = len(loaded.results) + len(loaded.failures)
    _write(sys.stderr, _summary(files, errors=errors, warnings=warnings) + "\n")
    if loaded.failures:
        return EXIT_BAD_INPUT
    if errors or (args.strict and warnings):
        return EXIT_PROBLEMS
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if _overwrites_an_input(args.output, args.files):
        _write(
            sys.stderr, f"{PROG}: error: {args.output}: is one of the input files; not written\n"
        )
        return EXIT_BAD_INPUT
    build = _build_reading(args)
    if build is None:
        return EXIT_BAD_INPUT
    loaded = _load(args.files, aliases=dict(args.skill_alias), build=build)
    suppressed = _union(args.suppress)
    results = [_without(result, suppressed) for result in loaded.results]
    document = export_document(
        results, include_emails=args.include_emails, extra_diagnostics=loaded.failures
    )
    written = _write_json(document, args.output)
    return EXIT_BAD_INPUT if loaded.failures or not written else EXIT_OK


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``FILE:LINE: severity: message [ideas.<subtype>]`` (line 0: the whole file)."""
    return (
        f"{diagnostic.source}:{diagnostic.line}: {diagnostic.severity}:"
        f" {diagnostic.message} [ideas.{diagnostic.subtype}]"
    )


def _summary(files: int, *, errors: int, warnings: int) -> str:
    return f"{_plural(files, 'file')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _build_reading(args: argparse.Namespace) -> BuildReading | None:
    """The reading settings of ``--conf`` (defaults without it); None after saying why not."""
    from sphinx.errors import ConfigError

    from ._conffile import BuildReading, read_conf

    if not args.conf:
        return BuildReading()
    try:
        return read_conf(args.conf)
    except (ConfigError, OSError) as error:
        _write(sys.stderr, f"{PROG}: error: {args.conf}: {_describe(error)}\n")
        return None


def _load(files: Iterable[str], *, aliases: Mapping[str, str], build: BuildReading) -> _Loaded:
    """Parse each file once, in order; report unreadable ones on stderr and go on.

    ``aliases`` (``--skill-alias``) are added to those of the build's configuration.
    """
    results: list[ParseResult] = []
    failures: list[Diagnostic] = []
    aliases = {**build.skill_aliases, **aliases}
    for path in dict.fromkeys(files):  # a file named twice is checked once
        try:
            reading = build.reading_for(path)
            if path == "-":  # pre-commit and editors pipe the text in
                data = sys.stdin.buffer.read()
                result = load_catalog(
                    STDIN, skill_aliases=aliases or None, reading=reading, data=data
                )
            else:
                result = load_catalog(path, skill_aliases=aliases or None, reading=reading)
            results.append(result)
        except IdeasFileError as error:
            failures.append(_failure(STDIN if path == "-" else path, error.reason))
        except Exception as error:
            # A bug met on an odd file: still one line naming the file, not a traceback,
            # and the other files are still processed.
            failures.append(
                _failure(
                    STDIN if path == "-" else path,
                    f"internal error, please report it: {_describe(error)}",
                )
            )
    return _Loaded(results=tuple(results), failures=tuple(failures))


def _failure(path: str, reason: str) -> Diagnostic:
    """Say on stderr that ``path`` could not be processed; the export gets a diagnostic."""
    _write(sys.stderr, f"{PROG}: error: {path}: {reason}\n")
    return Diagnostic(line=0, subtype=Subtype.FILE, message=reason, severity="error", source=path)


def _describe(error: BaseException) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())


def _union(subtype_sets: Iterable[frozenset[Subtype]]) -> frozenset[Subtype]:
    return frozenset().union(*subtype_sets)


def _without(result: ParseResult, suppressed: frozenset[Subtype]) -> ParseResult:
    if not suppressed:
        return result
    kept = tuple(d for d in result.diagnostics if d.subtype not in suppressed)
    return dataclasses.replace(result, diagnostics=kept)


def _overwrites_an_input(output: str | None, files: Iterable[str]) -> bool:
    """Whether ``-o OUT`` names one of the FILE arguments (``export -o ideas.md ideas.md``)."""
    if output is None or output == "-" or not os.path.exists(output):
        return False
    return any(
        name != "-" and os.path.exists(name) and os.path.samefile(name, output) for name in files
    )


def _write_json(document: dict[str, Any], output: str | None) -> bool:
    """Write the document to ``output`` (or stdout); False, reported, when that fails."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None or output == "-":
        _write(sys.stdout, text, fallback=json.dumps(document, indent=2) + "\n")
        sys.stdout.flush()
        return True
    try:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        _write(sys.stderr, f"{PROG}: error: cannot write {output}: {reason}\n")
        return False
    return True


def _write(stream: TextIO, text: str, *, fallback: str | None = None) -> None:
    """Write text a console that cannot encode it would reject, escaped instead."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = stream.encoding or "ascii"
        escaped = text.encode(encoding, "backslashreplace").decode(encoding)
        stream.write(escaped if fallback is None else fallback)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    # As the Python docs advise for SIGPIPE: the reader went away, so stay quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (e.g. captured in tests)
        pass
    finally:
        os.close(devnull)
