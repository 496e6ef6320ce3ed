"""``sphinx-ideas check --conf docs/conf.py``: read ideas files as the build reads them.

Data flow: ``conf.py`` --(Sphinx's own :func:`~sphinx.config.eval_config_file`)-->
``ideas_*`` values --(the same checks as a build, :mod:`.config`)--> the source folder's
``ideas-catalog`` directives --(:func:`~._catalogs.scan_sources` and
:func:`~._catalogs.plan_catalogs`, as at ``config-inited``)--> per ideas file, the
:class:`~.ideasfile.options.ReadingOptions` a build would use. So a pre-commit hook and
the build never disagree on how a file is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sphinx
from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from ._catalogs import plan_catalogs, scan_sources
from .config import CONFIG_VALUES, catalog_entry, check_values
from .ideasfile.options import NO_READING, ReadingOptions, reading_options

#: Suffixes of the pages scanned for ``ideas-catalog`` directives.
_PAGE_SUFFIXES = (".rst", ".md", ".txt")
#: Folders never scanned: build output, caches, virtual environments, hidden ones.
_SKIPPED = ("_build", "node_modules", "__pycache__", "venv")


@dataclass(frozen=True, slots=True)
class BuildReading:
    """How the build configured by one ``conf.py`` reads its ideas files."""

    skill_aliases: Mapping[str, str] = field(default_factory=dict)
    #: ``ideas_reading``: the reading of a file no catalog names.
    default: ReadingOptions = NO_READING
    #: Absolute path of each ideas file the build names -> its reading.
    files: Mapping[str, ReadingOptions] = field(default_factory=dict)

    def reading_for(self, path: str) -> ReadingOptions:
        """The reading options a build would use for the ideas file at ``path``."""
        return self.files.get(os.path.realpath(path), self.default)


def read_conf(conf_path: str) -> BuildReading:
    """The reading settings of the build whose ``conf.py`` is ``conf_path``.

    Raises :class:`~sphinx.errors.ConfigError` (with Sphinx's message) when the file
    cannot be run or an ``ideas_*`` value is invalid.
    """
    path = Path(conf_path).resolve()  # Sphinx 8.1 changes into its folder: never ""
    if path.is_dir():
        path = path / "conf.py"
    if not path.is_file():
        raise ConfigError(f"no configuration file {os.fspath(path)!r}")
    # Sphinx 8.2 takes a Path; 8.1, the declared floor, a str
    where: Any = path if sphinx.version_info >= (8, 2) else os.fspath(path)
    namespace = eval_config_file(where, Tags())
    values = {value.name: namespace.get(value.name, value.default) for value in CONFIG_VALUES}
    check_values(values)
    srcdir = os.path.realpath(path.parent)
    default = reading_options(values["ideas_reading"])
    pages_dir = str(values["ideas_pages_dir"]).strip("/")
    uses = scan_sources(srcdir, _pages(srcdir, pages_dir))
    catalogs = [catalog_entry(item) for item in values["ideas_catalogs"]]
    specs = plan_catalogs(srcdir, uses, catalogs, pages_dir=pages_dir, reading=default)
    return BuildReading(
        skill_aliases=dict(values["ideas_skill_aliases"]),
        default=default,
        files={os.path.realpath(spec.path): spec.reading for spec in specs},
    )


def _pages(srcdir: str, pages_dir: str) -> Iterator[tuple[str, str]]:
    """(docname, path relative to ``srcdir``) of each page a build could read."""
    for folder, dirs, names in os.walk(srcdir):
        relfolder = os.path.relpath(folder, srcdir)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIPPED
            and os.path.normpath(os.path.join(relfolder, d)) != pages_dir
        )
        for name in sorted(names):
            stem, suffix = os.path.splitext(name)
            if suffix in _PAGE_SUFFIXES:
                relpath = os.path.normpath(os.path.join(relfolder, name))
                yield os.path.normpath(os.path.join(relfolder, stem)).replace(os.sep, "/"), relpath
