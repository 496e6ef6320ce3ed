"""Translated labels: the shipped message catalogs match the code and are used by builds."""

from __future__ import annotations

import importlib.util
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
