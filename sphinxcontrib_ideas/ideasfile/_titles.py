"""An idea's title without the label some files put before it.

Data flow: an idea heading's plain title and Markdown (or a table's Title cell) -->
:func:`idea_title` and :func:`idea_title_markdown` --> the :class:`~.model.Idea`'s
``title`` (and so its slug) and ``title_markdown``. Files label their ideas
("Idea: IPv6 support", "_IDEA:_ Faster CI", "Project 3: Plugins", "Project Idea 1: Docs",
"1. Formatter"): the label is layout, not part of the name. A title that is only a label,
or whose number is part of the name ("1:1 mapping", "Ideas for 2.0"), is kept. No Sphinx
import here.
"""

from __future__ import annotations

import re

#: "Idea:", "Idea 3 -", "Project Idea #1:", "Project 3:", "Proposal 2.", "Task 4:"; a bare
#: number needs a number ("1.", "2)", "#3"), as "Ideas for 2.0" must stay.
_PREFIX = r"""(?:
        (?:project\s+)?(?:idea|proposal)\s*\#?\s*\d{0,3}\s*[:.\-–—]
      | (?:project|task)\s*\#?\s*\d{1,3}\s*[:.\-–—]
      | \#?\d{1,3}[.)]
    )"""
_LABEL = re.compile(rf"^\s*{_PREFIX}\s+(?=\S)", re.IGNORECASE | re.VERBOSE)
#: The same label inside emphasis marks in Markdown: "_IDEA:_ Faster CI".
_LABEL_MARKDOWN = re.compile(
    rf"^\s*(?:\*{{1,3}}|_{{1,3}})?{_PREFIX}(?:\*{{1,3}}|_{{1,3}})?\s+(?=\S)",
    re.IGNORECASE | re.VERBOSE,
)


def idea_title(title: str) -> str:
    """``title`` without a leading "Idea:" or "Project 3:" label."""
    return _LABEL.sub("", title, count=1)


def idea_title_markdown(markdown: str, title: str) -> str:
    """The Markdown of a title without its label; the plain title if the label hides in
    markup this cannot cut (the title must not show a label its slug lost)."""
    if idea_title(title) == title:
        return markdown
    cut = _LABEL_MARKDOWN.sub("", markdown, count=1)
    return cut if cut != markdown else idea_title(title)
