"""The words of the filter script (``static/ideas.js``), in the build's language.

The script shows a few strings of its own (a label, a button, the count of ideas shown).
They are translated here, through the extension's message catalog like every label it
writes into pages, and put on the page before the script as
``window.sphinxcontribIdeasStrings``; the script falls back to English for any missing.

Placeholders in braces (``{n}``, ``{shown}``, ``{total}``) are filled in by the script.
A count has two forms, one idea and several (what German and Spanish need).
"""

from __future__ import annotations

from sphinx.locale import get_translation

_ = get_translation("sphinxcontrib_ideas")


def script_strings() -> dict[str, str]:
    """The script's strings, translated (keys as ``ideas.js`` names them)."""
    return {
        "label": _("Filter ideas"),
        "clear": _("Clear"),
        "skills": _("Skills"),
        "projects": _("Projects"),
        "mentors": _("Mentors"),
        "difficulty": _("Difficulty"),
        "size": _("Size"),
        "placeholder": _("skill, mentor or words"),
        "placeholderOverview": _("title, project, skill or mentor"),
        "one": _("{n} idea"),
        "other": _("{n} ideas"),
        "none": _("No idea matches; clear the filter to see all {total}"),
        "shown": _("{shown} of {total} ideas shown"),
        "more": _("{n} more"),
        "fewer": _("Fewer"),
    }
