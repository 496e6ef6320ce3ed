"""Another project refers to our catalog through intersphinx, with the names people write.

Data flow: a catalog built here --> its ``objects.inv`` --> a second project (rST or MyST)
whose ``intersphinx_mapping`` points at that file (offline: a local path, a made-up base
URL) --> references by handle with ``@``, skill alias, any casing, project name and idea
title land on the catalog's pages. A project without the extension reaches the pages
through ``:external+ideas:ref:`` labels and ``:external+ideas:doc:``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings

BASE = "https://ideas.example.org/"

#: role, target as a user writes it, where it must land (relative to BASE)
REFERENCES = [
    ("mentor", "@andylokandy", "ideas/mentors.html#ideas-mentor-andylokandy"),
    ("mentor", "Andy Lok", "ideas/mentors.html#ideas-mentor-andylokandy"),
    ("skill", "Go", "ideas/skills.html#ideas-skill-go"),
    ("skill", "golang", "ideas/skills.html#ideas-skill-go"),
    ("project", "TiKV", "ideas/tikv.html#ideas-project-tikv"),
    ("idea", "Coprocessor plugin", "ideas/tikv.html#idea-tikv-coprocessor-plugin"),
]


@pytest.fixture
def inventory(make_app: MakeApp, tmp_path: Path) -> Path:
    app = build(make_app, make_site(tmp_path, "catalog-rst", name="catalog"))
    assert warnings(app) == []
    return Path(app.outdir) / "objects.inv"


def _consumer(tmp_path: Path, inventory: Path, *, syntax: str, ideas: bool) -> Path:
    src = tmp_path / f"consumer-{syntax}-{'ideas' if ideas else 'plain'}"
    src.mkdir()
    extensions = ["sphinx.ext.intersphinx"]
    if syntax == "myst":
        extensions.append("myst_parser")
    if ideas:
        extensions.append("sphinxcontrib_ideas")
    suffix = {"rst": ".rst", "myst": ".md"}[syntax]
    filetype = {"rst": "restructuredtext", "myst": "markdown"}[syntax]
    (src / "conf.py").write_text(
        f"extensions = {extensions!r}\n"
        f"source_suffix = {{{suffix!r}: {filetype!r}}}\n"
        f"intersphinx_mapping = {{'ideas': ({BASE!r}, {str(inventory)!r})}}\n"
        "project = 'Consumer'\n",
        encoding="utf-8",
    )
    if ideas:
        roles = [f"{{ideas:{role}}}`{target}`" for role, target, _where in REFERENCES]
        roles.append("{external+ideas:ideas:skill}`Golang`")
        roles_rst = [f":ideas:{role}:`{target}`" for role, target, _where in REFERENCES]
        roles_rst.append(":external+ideas:ideas:skill:`Golang`")
    else:
        roles = ["{external+ideas:ref}`ideas-tikv`", "{external+ideas:doc}`ideas/skills`"]
        roles_rst = [":external+ideas:ref:`ideas-tikv`", ":external+ideas:doc:`ideas/skills`"]
    if syntax == "myst":
        body = "# Consumer\n\n" + "".join(f"- {r}\n" for r in roles)
    else:
        body = "Consumer\n========\n\n" + "".join(f"- {r}\n" for r in roles_rst)
    (src / f"index{suffix}").write_text(body, encoding="utf-8")
    return src


def _built_page(make_app: MakeApp, src: Path) -> str:
    """The consumer's page, built without a warning."""
    app = build(make_app, src)
    assert warnings(app) == []
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_names_people_write_resolve_through_intersphinx(
    make_app: MakeApp, tmp_path: Path, inventory: Path, syntax: str
) -> None:
    html = _built_page(make_app, _consumer(tmp_path, inventory, syntax=syntax, ideas=True))
    for _role, target, where in REFERENCES:
        assert f'href="{BASE}{where}"' in html, target
    # the explicit external role too
    assert html.count(f'href="{BASE}ideas/skills.html#ideas-skill-go"') == 3


@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_a_project_without_the_extension_uses_labels_and_pages(
    make_app: MakeApp, tmp_path: Path, inventory: Path, syntax: str
) -> None:
    html = _built_page(make_app, _consumer(tmp_path, inventory, syntax=syntax, ideas=False))
    assert f'href="{BASE}ideas/tikv.html#ideas-project-tikv"' in html
    assert f'href="{BASE}ideas/skills.html"' in html


def test_an_unknown_name_still_warns(make_app: MakeApp, tmp_path: Path, inventory: Path) -> None:
    src = _consumer(tmp_path, inventory, syntax="rst", ideas=True)
    index = src / "index.rst"
    index.write_text(index.read_text("utf-8") + "- :ideas:mentor:`@nobody`\n", "utf-8")
    app = build(make_app, src)
    (warning,) = warnings(app)
    assert "unknown ideas mentor '@nobody'" in warning
