"""The ``ideas_*`` configuration values: one table, registered and validated here.

Data flow: ``conf.py`` --(Sphinx)--> ``app.config`` --(:func:`validate_config`, at
``config-inited``)--> :func:`settings` --> the page generator, directives and renderer.
The table :data:`CONFIG_VALUES` is the single source of names, defaults, types and
one-line docs: ``setup()`` registers from it and the docs generate their table from it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sphinx.errors import ConfigError

from .ideasfile.options import NO_READING, READING_KEYS, ReadingOptions, reading_options

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_SAFE_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class ConfigValue:
    """One ``ideas_*`` configuration value."""

    #: The name in ``conf.py``.
    name: str
    #: The default value.
    default: object
    #: The Python types accepted.
    types: tuple[type, ...]
    #: One line for the docs.
    doc: str
    #: What Sphinx redoes when the value changes: ``"env"`` (re-read every document) for
    #: values that change what pages say, ``""`` for those that only change how it is built.
    rebuild: Literal["env", ""] = "env"


#: Every configuration value of the extension, in the order the docs list them.
CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "ideas_pages_dir",
        "ideas",
        (str,),
        "folder, relative to the source folder, that holds the generated pages "
        "(one subfolder per catalog when there are several)",
    ),
    ConfigValue(
        "ideas_catalogs",
        [],
        (list, tuple),
        "extra ideas files (paths relative to the source folder) to generate pages for, "
        "besides those named by ``ideas-catalog`` directives; an entry may also be a dict "
        '``{"path": ..., "label": ...}`` to name the catalog, as ``:label:`` does, and may '
        "hold the keys of ``ideas_reading`` for that file",
    ),
    ConfigValue(
        "ideas_show_emails",
        False,
        (bool,),
        "publish mentors' e-mail addresses in pages, search and objects.inv",
    ),
    ConfigValue(
        "ideas_allow_raw_html",
        False,
        (bool,),
        "pass raw HTML in the ideas file through to HTML output instead of showing it as text",
    ),
    ConfigValue(
        "ideas_upstream_url",
        "",
        (str, dict),
        "URL of the ideas file upstream (or a dict from ideas file name to URL); relative "
        "links are resolved against it (``/TEMPLATE.md`` against the repository's root, "
        "on GitHub and GitLab) and each idea links to its line",
    ),
    ConfigValue(
        "ideas_skill_aliases",
        {},
        (dict,),
        "extra skill aliases, spelling -> canonical name, added to the built-in table",
    ),
    ConfigValue(
        "ideas_reading",
        {},
        (dict,),
        "corrections to how every ideas file is read, for a reading that is still wrong: "
        "``labels`` (extra label spellings -> field), ``project_level`` and ``idea_level`` "
        "(heading levels), ``project_name`` (read the file as one project of that name) "
        "and ``exclude_sections`` (section titles to leave out); see the format page",
    ),
    ConfigValue(
        "ideas_json",
        True,
        (bool,),
        "write ``ideas.json`` (the ``sphinx-ideas export`` format plus each object's URI in "
        "this build) into the output folder of every builder",
    ),
    ConfigValue(
        "ideas_dashboard",
        True,
        (bool,),
        "generate the program dashboard page (``<ideas_pages_dir>/dashboard``): charts of "
        "ideas per project, the most requested skills, the mentors with the most ideas and "
        "the ideas lacking skills, mentors or an upstream issue",
    ),
    ConfigValue(
        "ideas_tune_gc",
        True,
        (bool,),
        "while pages are written, have Python's garbage collector free each page's "
        "objects when the page is done and not walk again what the build started writing "
        "with (after an edit, with ``-j N``) nor, at exit, what the build leaves, as the "
        "page on large catalogs explains; ``False`` leaves the collector as it is",
        rebuild="",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The validated configuration, as the rest of the extension reads it."""

    pages_dir: str
    #: (path, label or None, reading options) of each entry of ``ideas_catalogs``.
    catalogs: tuple[tuple[str, str | None, ReadingOptions], ...]
    show_emails: bool
    allow_raw_html: bool
    upstream_urls: Mapping[str, str]
    default_upstream_url: str
    skill_aliases: Mapping[str, str]
    #: ``ideas_reading``: the corrections for every ideas file.
    reading: ReadingOptions = NO_READING
    #: ``ideas_dashboard``: generate the dashboard page.
    dashboard: bool = True

    def upstream_url_for(self, path: str) -> str:
        """The upstream URL configured for the ideas file ``path`` (as written), or ``""``."""
        name = posixpath.basename(path.replace("\\", "/"))
        for key in (path, path.lstrip("/"), name):
            if key in self.upstream_urls:
                return self.upstream_urls[key]
        return self.default_upstream_url


def register_config_values(app: Sphinx) -> None:
    """Add every value of :data:`CONFIG_VALUES` to Sphinx."""
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types)


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: check every ``ideas_*`` value; a bad one is a :class:`ConfigError`."""
    check_values({value.name: getattr(config, value.name) for value in CONFIG_VALUES})


def check_values(values: Mapping[str, Any]) -> None:
    """Check ``ideas_*`` values (name -> value, every name of :data:`CONFIG_VALUES`).

    Raises :class:`ConfigError` naming the first bad value; ``sphinx-ideas check --conf``
    checks a ``conf.py`` with this too.
    """
    for value in CONFIG_VALUES:
        current = values[value.name]
        if not isinstance(current, value.types):
            _fail(value.name, current, "must be " + " or ".join(t.__name__ for t in value.types))
        _CHECKS.get(value.name, _accept)(value.name, current)


def settings(config: Config) -> Settings:
    """The validated configuration (call after :func:`validate_config`)."""
    upstream = config.ideas_upstream_url
    return Settings(
        pages_dir=posixpath.normpath(config.ideas_pages_dir.strip("/")),
        catalogs=tuple(catalog_entry(item) for item in config.ideas_catalogs),
        show_emails=config.ideas_show_emails,
        allow_raw_html=config.ideas_allow_raw_html,
        upstream_urls=dict(upstream) if isinstance(upstream, dict) else {},
        default_upstream_url=upstream if isinstance(upstream, str) else "",
        skill_aliases=dict(config.ideas_skill_aliases),
        reading=reading_options(config.ideas_reading),
        dashboard=config.ideas_dashboard,
    )


def _fail(name: str, value: object, reason: str) -> None:
    msg = f"invalid configuration value {name} = {value!r}: {reason}"
    raise ConfigError(msg)


def _accept(name: str, value: Any) -> None:
    """No check beyond the type."""


def _check_pages_dir(name: str, value: str) -> None:
    cleaned = posixpath.normpath(value.replace("\\", "/").strip("/")) if value.strip() else ""
    if not cleaned or cleaned == "." or cleaned.startswith(".."):
        _fail(name, value, "must be a folder name inside the source folder, such as 'ideas'")


def catalog_entry(
    item: str | Mapping[str, object],
) -> tuple[str, str | None, ReadingOptions]:
    """An ``ideas_catalogs`` entry (checked) as (path, label or None, reading options)."""
    if isinstance(item, str):
        return item, None, ReadingOptions()
    label = str(item.get("label") or "").strip() or None
    reading = reading_options({k: v for k, v in item.items() if k in READING_KEYS})
    return str(item["path"]), label, reading


def _check_catalogs(name: str, value: list[object] | tuple[object, ...]) -> None:
    for item in value:
        if isinstance(item, dict):
            unknown = set(item) - {"path", "label", *READING_KEYS}
            path, label = item.get("path"), item.get("label", "")
            if unknown or not isinstance(path, str) or not isinstance(label, str):
                _fail(
                    name,
                    value,
                    f'{item!r} is not {{"path": str, "label": str}} '
                    f"with optional keys of ideas_reading",
                )
            try:
                reading_options({k: v for k, v in item.items() if k in READING_KEYS})
            except ValueError as error:
                _fail(name, value, f"{path}: {error}")
            item = path
        if not isinstance(item, str) or not item.strip():
            _fail(name, value, f"every entry must be a non-empty path string, not {item!r}")


def _check_url(name: str, value: str | dict[object, object]) -> None:
    urls = value.items() if isinstance(value, dict) else [("", value)]
    for key, url in urls:
        if not isinstance(key, str) or not isinstance(url, str):
            _fail(name, value, "keys and URLs must be strings")
        elif url and not url.startswith(_SAFE_URL_SCHEMES):
            _fail(name, value, f"{url!r} is not an http(s) URL")


def _check_aliases(name: str, value: dict[object, object]) -> None:
    for key, canonical in value.items():
        if not isinstance(key, str) or not isinstance(canonical, str) or not canonical.strip():
            _fail(name, value, f"{key!r}: {canonical!r} is not a spelling -> skill name pair")


def _check_reading(name: str, value: dict[object, object]) -> None:
    if not all(isinstance(key, str) for key in value):
        _fail(name, value, "keys must be strings")
    try:
        reading_options({str(key): item for key, item in value.items()})
    except ValueError as error:
        _fail(name, value, str(error))


_CHECKS: dict[str, Callable[[str, Any], None]] = {
    "ideas_pages_dir": _check_pages_dir,
    "ideas_catalogs": _check_catalogs,
    "ideas_upstream_url": _check_url,
    "ideas_skill_aliases": _check_aliases,
    "ideas_reading": _check_reading,
}
