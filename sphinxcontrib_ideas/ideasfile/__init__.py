"""The ideas-file reader: everything that understands an ideas file, without Sphinx.

Data flow: ``ideas.md`` --(:mod:`.reader`: bytes to text)--> :mod:`.parser` (the outline
from :mod:`._blocks`, fields from :mod:`._units`, :mod:`._labels` and :mod:`._fields`,
values from :mod:`.normalize`) --> :class:`~.model.Catalog` and diagnostics, checked by
:mod:`.lint` --> :mod:`.export` (JSON). The ``sphinx-ideas`` command and the Sphinx layer
(the modules one level up) both use this subpackage; it never imports Sphinx, docutils or
MyST, so it can be used and tested on its own. A test enforces that. :mod:`.options`
holds the user's corrections to the reader's guesses (``ideas_reading``).
"""

from __future__ import annotations

from .model import Catalog, Diagnostic, Idea, Mentor, ParseResult, Project
from .options import ReadingOptions, reading_options
from .parser import parse_catalog
from .reader import IdeasFileError, load_catalog, read_ideas_file

__all__ = [
    "Catalog",
    "Diagnostic",
    "Idea",
    "IdeasFileError",
    "Mentor",
    "ParseResult",
    "Project",
    "ReadingOptions",
    "load_catalog",
    "parse_catalog",
    "read_ideas_file",
    "reading_options",
]
