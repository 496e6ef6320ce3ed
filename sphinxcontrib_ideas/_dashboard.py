"""The program dashboard: what a term looks like, as charts made when the page is written.

Data flow: the generated page ``<ideas_pages_dir>/dashboard`` holds ``.. ideas-index::
dashboard`` --> a :class:`~._writetime.pending_ideas` placeholder --> when the page is
written, :func:`dashboard_body` counts this build's catalogs (:class:`Figures`) --> per
catalog, four charts: ideas per project, the most requested skills, the mentors with the
most ideas, and the ideas that lack skills, mentors or an upstream issue; with several
catalogs (terms) first a chart of ideas per catalog.

A chart is a bar chart in inline SVG for HTML pages (made here, as text: no JavaScript, no
network; its colours come from the page's stylesheet, so it follows the theme's light and
dark modes; a ``<title>`` and ``<desc>`` name every bar for screen readers), and a table
of the same rows for epub, LaTeX and text. Every name comes from the ideas file, so every
text put into the SVG is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from . import nodes as ideas_nodes
from .filters import catalog_name

if TYPE_CHECKING:
    from .pages import IndexEntry, LoadedCatalog

_ = get_translation("sphinxcontrib_ideas")

#: Bars a chart shows; the rest is counted in one line below it ("and 12 more").
TOP = 10
#: SVG geometry, in the units of the viewBox (the chart scales to the column's width).
_WIDTH = 400
_ROW = 40  # a row: the name on one line, its bar below
_BAR = 14
_FONT = 15
#: Characters of a name shown in the chart (the whole name is in its <desc> and <title>).
_MAX_NAME = 48


@dataclass(slots=True)
class Chart:
    """One bar chart: a title, (name, count) rows with the largest first, and how many
    rows were left out."""

    key: str
    title: str
    rows: list[tuple[str, int]]
    more: int = 0
    #: What a count counts, for the description ("ideas").
    unit: str = ""
    #: The largest possible count (for the gaps chart: every idea), else the largest row.
    scale: int = 0


@dataclass(slots=True)
class Figures:
    """What one catalog's part of the dashboard shows."""

    name: str
    ideas: int
    projects: int
    mentors: int
    skills: int
    charts: list[Chart] = field(default_factory=list)


def figures_of(loaded: LoadedCatalog) -> Figures:
    """Count what the dashboard shows of one catalog (the projects its host shows).

    Skills and mentors are counted as the skills and mentor indices count them (the same
    entries: a mentor shows under the name the mentor index gives), and ranked as the
    skills index's "Most requested" line ranks them: by count, then by name.
    """
    # here, not at the top: the pages module imports the write-time code, which imports this
    from .pages import mentor_entries, skill_entries

    ideas = [(project, idea) for project, shown in loaded.projects for idea in shown]
    per_project = [(project.name, len(shown)) for project, shown in loaded.projects]
    skills = skill_entries([loaded])
    mentors = mentor_entries([loaded], show_emails=False)
    count = len(ideas)
    unit = _("ideas")
    gaps = [
        (_("without skills"), sum(1 for _p, idea in ideas if not idea.skills)),
        (_("without mentors"), sum(1 for _p, idea in ideas if not idea.mentors)),
        (_("without an upstream issue"), sum(1 for _p, idea in ideas if not idea.issues)),
    ]
    charts = [
        # projects in file order among equals
        _top("projects", _("Ideas per project"), per_project, unit),
        _top(
            "skills",
            _("Most requested skills"),
            [(entry.name, len(entry.ideas)) for entry in _by_name(skills)],
            unit,
        ),
        _top(
            "mentors",
            _("Mentors with the most ideas"),
            [
                (ideas_nodes.person_label(entry.name, entry.github), len(entry.ideas))
                for entry in _by_name(mentors)
            ],
            unit,
        ),
        Chart(
            "gaps",
            _("Ideas lacking a field, of {count}").format(count=count),
            gaps,
            unit=unit,
            scale=count,
        ),
    ]
    return Figures(
        name=catalog_name(loaded.catalog),
        ideas=count,
        projects=len(loaded.projects),
        mentors=len(mentors),
        skills=len(skills),
        charts=charts,
    )


def _by_name(entries: list[IndexEntry]) -> list[IndexEntry]:
    return sorted(entries, key=lambda entry: entry.name.casefold())


def _top(key: str, title: str, rows: list[tuple[str, int]], unit: str) -> Chart:
    """The largest ``TOP`` rows; among equals, in the order given (the sort is stable)."""
    ranked = sorted(rows, key=lambda row: -row[1])
    return Chart(key, title, ranked[:TOP], more=max(0, len(rows) - TOP), unit=unit)


def dashboard_body(loaded: Sequence[LoadedCatalog], *, svg: bool) -> list[nodes.Node]:
    """The dashboard page's content for this build's catalogs; ``svg`` for HTML pages."""
    if not loaded:
        return [nodes.paragraph("", _("No ideas catalog in this build."))]
    figures = [figures_of(one) for one in loaded]
    made: list[nodes.Node] = []
    if len(figures) > 1:
        terms = Chart(
            "terms",
            _("Ideas per catalog"),
            [(f.name, f.ideas) for f in figures],
            unit=_("ideas"),
        )
        made += chart_nodes(terms, "all", svg=svg)
    for index, figure in enumerate(figures):
        key = loaded[index].spec.key or str(index)
        if len(figures) > 1:
            made.append(nodes.rubric(figure.name, figure.name, classes=["ideas-dashboard-catalog"]))
        made.append(_summary(figure))
        for chart in figure.charts:
            made += chart_nodes(chart, key, svg=svg)
    return made


def _summary(figure: Figures) -> nodes.paragraph:
    """ "38 ideas in 17 projects, with 42 mentors and 39 skills." (one form per count)."""
    line = _("{ideas} in {projects}, with {mentors} and {skills}.").format(
        ideas=_counted(figure.ideas, _("{n} idea"), _("{n} ideas")),
        projects=_counted(figure.projects, _("{n} project"), _("{n} projects")),
        mentors=_counted(figure.mentors, _("{n} mentor"), _("{n} mentors")),
        skills=_counted(figure.skills, _("{n} skill"), _("{n} skills")),
    )
    return nodes.paragraph(line, line, classes=["ideas-dashboard-summary"])


def _counted(count: int, one: str, other: str) -> str:
    """A count with its noun: the form for one, else the other (as German and Spanish
    need; the script's strings do the same)."""
    return (one if count == 1 else other).format(n=count)


def chart_nodes(chart: Chart, prefix: str, *, svg: bool) -> list[nodes.Node]:
    """A chart's heading (a rubric: the page's table of contents does not depend on the
    catalog) and its bars, as SVG or as a table."""
    made: list[nodes.Node] = [nodes.rubric(chart.title, chart.title, classes=["ideas-chart-title"])]
    if not chart.rows:
        made.append(nodes.paragraph("", _("None yet."), classes=["ideas-chart-empty"]))
        return made
    if svg:
        ident = f"ideas-chart-{_ident(prefix)}-{chart.key}"
        made.append(nodes.raw("", svg_chart(chart, ident), format="html"))
    else:
        made.append(_table(chart))
    if chart.more:
        more = _("and {count} more").format(count=chart.more)
        made.append(nodes.paragraph(more, more, classes=["ideas-chart-more"]))
    return made


def _ident(text: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in text.lower()) or "x"


def description(chart: Chart) -> str:
    """The chart in words, for its ``<desc>``: every bar with its count."""
    parts = [f"{name}: {count}" for name, count in chart.rows]
    if chart.more:
        parts.append(_("and {count} more").format(count=chart.more))
    return "; ".join(parts)


def svg_chart(chart: Chart, ident: str) -> str:
    """A horizontal bar chart, as SVG text: each row's name on a line, its bar and count
    below it, so that long names fit a phone's width."""
    scale = max(chart.scale, *(count for _name, count in chart.rows), 1)
    count_room = 8 + _FONT * len(str(scale))  # the count after the longest bar
    height = _ROW * len(chart.rows) + 4
    out = [
        f'<svg class="ideas-chart" role="img" viewBox="0 0 {_WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-t {ident}-d" '
        f'font-size="{_FONT}">',
        f'<title id="{ident}-t">{_text(chart.title)}</title>',
        f'<desc id="{ident}-d">{_text(description(chart))}</desc>',
    ]
    for row, (name, count) in enumerate(chart.rows):
        top = row * _ROW
        width = round((_WIDTH - count_room) * count / scale, 1)
        shown = name if len(name) <= _MAX_NAME else name[: _MAX_NAME - 1] + "\u2026"
        out += [
            "<g>",
            f"<title>{_text(f'{name}: {count}')}</title>",
            f'<text class="ideas-chart-name" x="0" y="{top + _FONT}" fill="currentColor">'
            f"{_text(shown)}</text>",
            f'<rect class="ideas-chart-bar" x="0" y="{top + _FONT + 5}" width="{width}" '
            f'height="{_BAR}" rx="2" fill="#2b5f9e"/>',
            f'<text class="ideas-chart-count" x="{width + 6}" y="{top + _FONT + 5 + _BAR - 2}" '
            f'fill="currentColor">{count}</text>',
            "</g>",
        ]
    out.append("</svg>")
    return "".join(out)


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _table(chart: Chart) -> nodes.table:
    """The chart's rows as a two-column table (epub, LaTeX, text)."""
    table = nodes.table(classes=["ideas-chart-table", "colwidths-given"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=70)
    group += nodes.colspec(colwidth=30)
    head = nodes.thead()
    head += _row([chart.title, chart.unit.capitalize() or _("Ideas")])
    group += head
    body = nodes.tbody()
    for name, count in chart.rows:
        body += _row([name, str(count)])
    group += body
    return table


def _row(cells: Iterable[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text, text)
        row += entry
    return row
