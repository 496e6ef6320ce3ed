"""The one warning helper of the Sphinx layer.

Data flow: parser diagnostics, directive problems, unresolved references and renderer
findings --> :func:`warn` --> Sphinx's logger as ``WARNING: ... [ideas.<subtype>]``.
Every message of the extension goes through here, so each is typed, located and
suppressible with ``suppress_warnings = ["ideas.<subtype>"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from sphinx.util import logging

from .ideasfile._sanitize import redact_addresses
from .ideasfile.model import Diagnostic, Subtype

if TYPE_CHECKING:
    from docutils import nodes

logger = logging.getLogger("sphinxcontrib_ideas")

#: Where a warning points: ``"path/ideas.md:LINE"``, ``(docname, line)`` or a node.
Location: TypeAlias = "str | tuple[str, int | None] | nodes.Node | None"


def warn(message: str, *args: object, subtype: Subtype, location: Location) -> None:
    """Log ``message % args`` as an ``ideas.<subtype>`` warning at ``location``."""
    logger.warning(message, *args, type="ideas", subtype=subtype.value, location=location)


def file_location(path: str, line: int) -> str:
    """``"path:LINE"``; a string with a colon reaches the log unchanged (a bare one would
    be taken for a docname), so a whole-file problem (line 0) points at line 1."""
    return f"{path}:{max(line, 1)}"


def warn_diagnostic(
    diagnostic: Diagnostic, *, path: str, show_emails: bool, fallback: Location = None
) -> None:
    """Log a parser diagnostic at its line in the ideas file ``path``.

    A diagnostic about the whole file (line 0) goes to ``fallback`` when given (the
    directive that named the file), which is where the user can act on it. The build log
    is published (Read the Docs shows it to anyone): unless ``show_emails``, an address
    the message quotes is hidden.
    """
    location = fallback if diagnostic.line <= 0 and fallback else None
    warn(
        "%s",
        diagnostic.message if show_emails else redact_addresses(diagnostic.message),
        subtype=diagnostic.subtype,
        location=location or file_location(path, diagnostic.line),
    )
