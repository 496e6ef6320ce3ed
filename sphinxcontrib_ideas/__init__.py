"""sphinxcontrib-ideas: a mentoring program's project-ideas file as a Sphinx catalog.

Data flow of the Sphinx extension, registered by :func:`setup` below: ``config-inited``
validates ``ideas_*`` and finds the catalogs (``pages``); ``builder-inited`` writes the
generated pages; the directives read the catalogs while pages are read and record
objects in the ``ideas`` domain; roles resolve against the domain; ``env-get-updated``
re-writes pages whose navigation or references changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0.dev0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

#: Bump when what the extension stores in the environment changes shape.
ENV_VERSION = 3

_STATIC = Path(__file__).parent / "static"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``ideas`` domain, directives, configuration and event handlers."""
    from ._collector import setup_collector
    from ._intersphinx import setup_intersphinx_names
    from ._latex import NameSymbols, warn_unsettable_characters
    from ._myst import setup_myst
    from ._writetime import setup_writetime
    from .config import register_config_values, validate_config
    from .directives import IdeasCatalogDirective, IdeasIndexDirective, IdeasProjectDirective
    from .domain import IdeasDomain, warn_missing_reference
    from .listing import setup_listings
    from .pages import generate_pages, hosts_to_reread, pages_to_rewrite, plan_build

    register_config_values(app)
    setup_myst(app)
    app.add_domain(IdeasDomain)
    app.add_directive("ideas-catalog", IdeasCatalogDirective)
    app.add_directive("ideas-project", IdeasProjectDirective)
    app.add_directive("ideas-index", IdeasIndexDirective)
    app.add_message_catalog("sphinxcontrib_ideas", str(Path(__file__).parent / "locale"))
    app.connect("config-inited", validate_config, priority=400)
    # after Sphinx normalises ``source_suffix`` (priority 800)
    app.connect("config-inited", plan_build, priority=900)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", generate_pages)
    app.connect("builder-inited", _add_static_files)
    app.connect("builder-inited", warn_unsettable_characters)
    app.add_post_transform(NameSymbols)  # latex: emoji by name, invisible characters out
    app.connect("env-get-outdated", hosts_to_reread)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("warn-missing-reference", warn_missing_reference)
    setup_listings(app)  # ideas-list, ideas-table, "also in" links, ideas.json
    setup_writetime(app)  # the overview and index lists, made when a page is written
    setup_intersphinx_names(app)  # other projects' ideas by the names people write
    setup_collector(app)  # page garbage freed per page; -j N: workers skip the main heap
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx, config: Config) -> None:
    """Our static folder, added at ``config-inited`` so the configuration compares equal
    to the pickled one on the next build (a change there would re-write every page)."""
    if _STATIC.is_dir() and str(_STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(_STATIC)]


def _add_static_files(app: Sphinx) -> None:
    """The stylesheet and filter script, for HTML builders only."""
    if app.builder.format != "html" or not (_STATIC / "ideas.css").is_file():
        return
    app.add_css_file("ideas.css")
    if (_STATIC / "ideas.js").is_file():
        from ._script import script_strings

        # the filter's words in the build's language, read by the script
        strings = json.dumps(script_strings(), ensure_ascii=False, sort_keys=True)
        app.add_js_file(None, body=f"window.sphinxcontribIdeasStrings = {strings};")
        app.add_js_file("ideas.js")
