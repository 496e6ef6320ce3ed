"""Search results that land on their entry: the anchors of ``ideas`` objects in
``searchindex.js``.

Sphinx's search index shortens an object's anchor to ``"-"`` when it is
``<objtype>-<name>`` (``mentor-andylokandy`` for the mentor ``andylokandy``), and its search
script rebuilds it from the *display* name (``mentor-Andy Lok``), an anchor that does not
exist. Skills, mentors and the projects of a single catalog have anchors of that form, so
their results opened the right page at no entry.

Data flow: Sphinx writes ``searchindex.js`` when an HTML build finishes -->
:func:`fix_search_anchors` (``build-finished``) reads it back, gives each of our objects its
anchor in full, and writes it again only when something changed. Other domains' entries are
left as they are.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain import IdeasDomain, ideas_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: What Sphinx writes around the index's JSON.
_HEAD, _TAIL = "Search.setIndex(", ")"


def fix_search_anchors(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: spell out the anchors of our objects in ``searchindex.js``."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "searchindex.js"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return  # no search index (singlehtml, or search turned off)
    if not (text.startswith(_HEAD) and text.rstrip().endswith(_TAIL)):
        return  # a format we do not know: leave it alone
    index = json.loads(text[len(_HEAD) : text.rstrip().rindex(_TAIL)])
    if _spell_out(index, ideas_domain(app.env)):
        body = json.dumps(index, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(f"{_HEAD}{body}{_TAIL}", encoding="utf-8")
        os.replace(partial, path)


def _spell_out(index: dict[str, Any], domain: IdeasDomain) -> bool:
    """Replace the shortened anchors of ``ideas`` objects in ``index``; whether any was."""
    ours = {
        int(number): objtype.split(":", 1)[1]
        for number, objtype in index.get("objtypes", {}).items()
        if objtype.startswith("ideas:")
    }
    if not ours:
        return False
    docnames: list[str] = index.get("docnames", [])
    # (docname, object type, display name as the index holds it) -> the real anchor
    anchors = {
        (docname, objtype, html.escape(display)): anchor
        for _name, display, objtype, docname, anchor, _prio in domain.get_objects()
    }
    changed = False
    for prefix, entries in index.get("objects", {}).items():
        for entry in entries:
            doc, typeindex, _prio, short, name = entry
            if typeindex not in ours or short not in ("", "-"):
                continue
            display = f"{prefix}.{name}" if prefix else name
            anchor = anchors.get((docnames[doc], ours[typeindex], display))
            if anchor is not None and anchor != short:
                entry[3] = anchor
                changed = True
    return changed
