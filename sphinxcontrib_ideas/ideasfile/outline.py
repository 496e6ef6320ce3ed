"""The reading of an ideas file as text: ``sphinx-ideas check --outline``.

Data flow: :class:`~.model.ParseResult` (its :attr:`~.model.ParseResult.spans`, one per
range of lines and what it became) --> :func:`format_outline` --> one line per span, so a
maintainer sees at a glance which headings became projects, groups and ideas and what was
left out, and why. No Sphinx import here.
"""

from __future__ import annotations

from .model import ParseResult, Span

#: How far a role's name is indented: ideas sit under groups, groups under projects.
_INDENT = {"project": 0, "intro": 2, "group": 2, "idea": 4}


def format_outline(result: ParseResult) -> str:
    """The file's reading: a summary line, then ``LINES  ROLE  NAME`` per span."""
    catalog = result.catalog
    projects = len(catalog.projects)
    header = (
        f"{catalog.source}: {projects} project{'s' * (projects != 1)}, "
        f"{catalog.idea_count} idea{'s' * (catalog.idea_count != 1)}"
    )
    return "\n".join([header, *(_span_line(span) for span in result.spans)])


def _span_line(span: Span) -> str:
    lines = str(span.start) if span.start == span.end else f"{span.start}-{span.end}"
    name = " " * _INDENT.get(span.role, 0) + span.name
    return f"{lines:>11}  {span.role:<9}  {name}".rstrip()
