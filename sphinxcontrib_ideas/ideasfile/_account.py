"""Where every line of an ideas file went: the reading as line ranges, and no silent loss.

Data flow: while :mod:`.parser` walks the section tree it marks the lines it places (a
project's heading, an idea's section, the preamble, an excluded sample...) in a
:class:`LineAccount`; :meth:`LineAccount.finish` then turns the marks into
:class:`~.model.Span` records (``sphinx-ideas check --outline`` prints them) and reports any
non-blank line that no mark claimed, so that nothing leaves the catalog unsaid. A later
mark wins over an earlier one: the walk marks a whole idea, then the ideas nested in it.
No Sphinx import here.
"""

from __future__ import annotations

import re

from .model import Diagnostic, Span, SpanRole, Subtype

#: ``[label]: url``: a link reference definition, used by fragments wherever they are.
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*\S.*")

#: What a line was read as: role, name, and a token that keeps two places apart.
_Mark = tuple[SpanRole, str, int]


class LineAccount:
    """The role of each line of a file, as the reader assigns them."""

    def __init__(self, lines: list[str], *, front_matter: int = 0) -> None:
        self.lines = lines
        #: Lines of a YAML front matter block, blanked in ``lines``: one span of their own.
        self.front_matter = front_matter
        self.marks: list[_Mark | None] = [None] * len(lines)
        self._tokens = 0

    def mark(self, start: int, end: int, role: SpanRole, name: str = "") -> None:
        """Claim the 0-based lines ``[start, end)`` for one place of the reading."""
        self._tokens += 1
        mark = (role, name, self._tokens)
        for number in range(max(start, 0), min(end, len(self.lines))):
            self.marks[number] = mark

    def mark_text(self, text: str, line: int, role: SpanRole, name: str = "") -> None:
        """Claim the lines of a fragment that starts at 1-based ``line``."""
        if text and line > 0:
            self.mark(line - 1, line - 1 + text.count("\n") + 1, role, name)

    def finish(self) -> tuple[tuple[Span, ...], list[Diagnostic]]:
        """The spans of the reading, and a diagnostic for each run of unclaimed lines."""
        diagnostics: list[Diagnostic] = []
        for start, end in self._unclaimed_runs():
            if all(_REFERENCE_DEFINITION.fullmatch(line) for line in self._text(start, end)):
                self.mark(start, end, "structure", "link reference definitions")
                continue
            lines = f"line {end}" if start + 1 == end else f"lines {start + 1}-{end}"
            message = f"{lines}: not part of any project or idea, left out of the catalog"
            diagnostics.append(_unread(start + 1, message))
            self.mark(start, end, "reported", "not read")
        return self._spans(), diagnostics

    def _text(self, start: int, end: int) -> list[str]:
        return [line for line in self.lines[start:end] if line.strip()]

    def _unclaimed_runs(self) -> list[tuple[int, int]]:
        """Runs of unclaimed non-blank lines; blank lines do not break a run."""
        runs: list[tuple[int, int]] = []
        start: int | None = None
        last = 0
        for number, line in enumerate(self.lines):
            if not line.strip():
                continue
            if self.marks[number] is None:
                if start is None:
                    start = number
                last = number + 1
            elif start is not None:
                runs.append((start, last))
                start = None
        if start is not None:
            runs.append((start, last))
        return runs

    def _spans(self) -> tuple[Span, ...]:
        """Consecutive non-blank lines of one mark as one span (blank lines between join)."""
        spans: list[Span] = []
        if self.front_matter:
            spans.append(Span(1, self.front_matter, "structure", "front matter"))
        current: _Mark | None = None
        first = last = 0
        for number, line in enumerate(self.lines):
            mark = self.marks[number]
            if not line.strip() or mark is None:
                continue
            if mark != current:
                if current is not None:
                    spans.append(Span(first + 1, last + 1, current[0], current[1]))
                current, first = mark, number
            last = number
        if current is not None:
            spans.append(Span(first + 1, last + 1, current[0], current[1]))
        return tuple(spans)


def _unread(line: int, message: str) -> Diagnostic:
    return Diagnostic(line=line, subtype=Subtype.STRUCTURE, message=message)
