"""Translated labels: the shipped message catalogs match the code and are used by builds."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings
from babel.messages.mofile import read_mo

SCRIPTS = Path(__file__).parent.parent / "scripts"
LOCALE = Path(__file__).parent.parent / "sphinxcontrib_ideas" / "locale"


def _load_i18n() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ideas_i18n", SCRIPTS / "i18n.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


i18n = _load_i18n()


def _translations(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "sphinxcontrib_ideas.mo").open("rb") as handle:
        catalog = read_mo(handle)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def test_catalogs_hold_every_label_of_the_code_compiled() -> None:
    assert i18n.problems() == []


def _copy_locale(tmp_path: Path) -> Path:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    return locale


def test_the_check_ignores_the_babel_version_a_mo_records(tmp_path: Path) -> None:
    """A ``.mo`` compiled by another Babel (another ``Generated-By``) is still up to date."""
    locale = _copy_locale(tmp_path)
    for po in i18n.po_paths(locale):
        catalog = i18n.read_catalog(po)
        catalog.fuzzy = False
        mo_bytes = i18n.compiled(catalog)
        version = re.search(rb"Generated-By: Babel ([0-9.]+)", mo_bytes)
        assert version is not None
        # the same length, so the .mo's offsets stay valid
        other = re.sub(rb"[0-9]", b"9", version.group(1))
        assert other != version.group(1)
        po.with_suffix(".mo").write_bytes(mo_bytes.replace(version.group(1), other))
    assert i18n.problems(locale) == []


def test_the_check_finds_a_mo_whose_translation_differs(tmp_path: Path) -> None:
    locale = _copy_locale(tmp_path)
    po = i18n.po_paths(locale)[0]
    catalog = i18n.read_catalog(po)
    message = next(m for m in catalog if m.id and m.string)
    message.string = f"{message.string} (changed)"
    po.with_suffix(".mo").write_bytes(i18n.compiled(catalog))
    assert i18n.problems(locale) == [
        f"{po.relative_to(tmp_path).as_posix()}: {po.with_suffix('.mo').name} "
        "is not compiled from it"
    ]


@pytest.mark.parametrize("language", ["de", "es"])
def test_every_label_is_translated(language: str) -> None:
    messages = _translations(language)
    assert set(messages) == set(i18n.extract_messages())
    untranslated = [msgid for msgid, text in messages.items() if not text.strip()]
    assert untranslated == []


@pytest.mark.parametrize(
    ("root", "language"),
    [("catalog-rst", "de"), ("catalog-myst", "es")],
)
def test_a_build_in_another_language_uses_our_translations(
    make_app: MakeApp, tmp_path: Path, root: str, language: str
) -> None:
    srcdir = make_site(tmp_path, root)
    app = build(make_app, srcdir, confoverrides={"language": language})
    assert warnings(app) == []
    messages = _translations(language)
    project_pages = [
        p for p in app.outdir.rglob("*.html") if 'class="ideas-idea' in p.read_text("utf-8")
    ]
    assert project_pages
    text = project_pages[0].read_text("utf-8")
    for label in ("Mentors", "Skills"):
        assert f">{messages[label]}<" in text or f">{messages[label]}:<" in text
        assert f">{label}<" not in text
