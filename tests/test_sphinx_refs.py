"""The ``ideas`` domain: roles by name, title and handle; dangling and ambiguous references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, warnings


def _links(html: str) -> dict[str, str]:
    """Link text -> href of the resolved ideas references in a page."""
    found = re.findall(
        r'<a class="reference internal[^"]*" href="([^"]+)"[^>]*>'
        r'<span class="xref ideas[^"]*">([^<]+)</span></a>',
        html,
    )
    return {text: href for href, text in found}


def test_every_role_resolves_from_rst(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-rst"))
    assert warnings(app) == []
    refs = (Path(app.outdir) / "refs.html").read_text(encoding="utf-8")
    links = _links(refs)
    assert set(links.values()) == {
        "ideas/tikv.html#ideas-project-tikv",
        "ideas/tikv.html#idea-tikv-coprocessor-plugin",
        "ideas/mentors.html#ideas-mentor-dims",
        "ideas/skills.html#ideas-skill-rust",
    }
    # a role without explicit text shows the object's own name (title, person's name)
    assert "tikv.coprocessor-plugin" not in links
    assert "@dims" not in links
    # the :ref: label of the project page
    label = r'href="ideas/tikv.html#ideas-project-tikv"><span class="std std-ref">TiKV'
    assert re.search(label, refs)
    # explicit text reads as text, not code; the hover title is the object's display name
    explicit = re.search(
        r'<a [^>]*href="[^"]*coprocessor-plugin"[^>]*>(.*?)</a>', refs.split("Explicit")[1]
    )
    assert explicit is not None
    assert "the plugin idea" in explicit.group(1)
    assert "<code" not in explicit.group(1)
    assert 'title="Coprocessor plugin"' in explicit.group(0)


def test_every_role_resolves_from_myst(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, make_site(tmp_path, "catalog-myst"))
    assert warnings(app) == []
    links = _links((Path(app.outdir) / "refs.html").read_text(encoding="utf-8"))
    assert set(links.values()) == {
        "ideas/tikv.html#ideas-project-tikv",
        "ideas/tikv.html#idea-tikv-coprocessor-plugin",
        "ideas/mentors.html#ideas-mentor-dims",
        "ideas/skills.html#ideas-skill-rust",
    }


def test_a_dangling_reference_warns_at_its_line(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    refs = srcdir / "refs.rst"
    lines = refs.read_text(encoding="utf-8").splitlines()
    lines += ["", "Gone: :ideas:idea:`tikv.no-such-idea`.", ""]
    refs.write_text("\n".join(lines), encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings(app) == [
        f"{refs}:{len(lines) - 1}: WARNING: unknown ideas idea 'tikv.no-such-idea' [ideas.ref]"
    ]


def test_dangling_warning_can_be_suppressed(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    with (srcdir / "refs.rst").open("a", encoding="utf-8") as stream:
        stream.write("\nGone: :ideas:mentor:`nobody-at-all`.\n")
    app = build(make_app, srcdir, confoverrides={"suppress_warnings": ["ideas.ref"]})
    assert warnings(app) == []


def test_titles_resolve_case_insensitively_and_ambiguity_lists_candidates(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "refs-ambiguous")
    app = build(make_app, srcdir)
    problems = warnings(app)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"{srcdir / 'index.rst'}:6: WARNING: ideas idea reference "
        "'Improve the documentation' is ambiguous: "
    )
    assert "alpha.improve-the-documentation, beta.improve-the-documentation" in problems[0]
    assert problems[0].endswith("[ideas.ambiguous]")
    links = _links((Path(app.outdir) / "index.html").read_text(encoding="utf-8"))
    assert links["Add a CLI"] == "ideas/beta.html#idea-beta-add-a-cli"


def test_a_skill_role_accepts_any_spelling_the_alias_table_knows(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    with (srcdir / "refs.rst").open("a", encoding="utf-8") as stream:
        stream.write("\nAlias: :ideas:skill:`golang`.\n")
    app = build(make_app, srcdir)
    assert warnings(app) == []
    links = _links((Path(app.outdir) / "refs.html").read_text(encoding="utf-8"))
    assert links["Go"] == "ideas/skills.html#ideas-skill-go"


def test_nitpicky_builds_warn_once_per_dangling_reference(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = make_site(tmp_path, "catalog-rst")
    with (srcdir / "refs.rst").open("a", encoding="utf-8") as stream:
        stream.write("\nGone: :ideas:skill:`cobol-on-cogs`.\n")
    app = build(make_app, srcdir, confoverrides={"nitpicky": True})
    assert [p.split("WARNING: ")[1] for p in warnings(app)] == [
        "unknown ideas skill 'cobol-on-cogs' [ideas.ref]"
    ]


def test_another_project_links_to_ideas_through_intersphinx(
    make_app: MakeApp, tmp_path: Path
) -> None:
    catalog = build(make_app, make_site(tmp_path, "catalog-rst"))
    inventory = str(Path(catalog.outdir) / "objects.inv")
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(
        'extensions = ["sphinxcontrib_ideas", "sphinx.ext.intersphinx"]\n'
        'source_suffix = {".rst": "restructuredtext"}\n'
        "intersphinx_mapping = {\n"
        f'    "ideas": ("https://ideas.example.org/", {inventory!r})\n'
        "}\n",
        encoding="utf-8",
    )
    (other / "index.rst").write_text(
        "Other\n=====\n\nSee :ideas:idea:`tikv.coprocessor-plugin`.\n", encoding="utf-8"
    )
    app = build(make_app, other)
    assert warnings(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="https://ideas.example.org/ideas/tikv.html#idea-tikv-coprocessor-plugin"' in html


@pytest.mark.parametrize("host", ["catalog-rst", "catalog-myst"])
def test_a_second_page_of_one_project_warns_naming_the_first(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    """Objects are unique: a project shown on a second page warns there, naming the page
    that holds it, and references keep going to the first."""
    srcdir = make_site(tmp_path, host)
    if host == "catalog-rst":
        text = ":orphan:\n\nAgain\n=====\n\n.. ideas-project:: ideas tikv\n"
        page = srcdir / "zz-again.rst"  # read after ideas/tikv (Sphinx reads in name order)
    else:
        text = "---\norphan: true\n---\n# Again\n\n```{ideas-project} ideas tikv\n```\n"
        page = srcdir / "zz-again.md"
    page.write_text(text, encoding="utf-8")
    app = build(make_app, srcdir)
    duplicates = [w for w in warnings(app) if "duplicate ideas" in w]
    assert duplicates
    assert all(w.startswith(f"{page}:") for w in duplicates)
    assert all("other instance in ideas/tikv" in w for w in duplicates)
    assert any("duplicate ideas project 'tikv'" in w for w in duplicates)
    refs = next(Path(app.outdir).glob("refs.html")).read_text(encoding="utf-8")
    assert 'href="ideas/tikv.html#ideas-project-tikv"' in refs
