"""The reader's repairs as a user sees them in a build: both hosts, every builder.

A level slip in the ideas file must give the same projects and ideas (in objects.inv, so in
every cross-reference) and one located ``ideas.level`` warning, whatever the host page is
written in and whatever the builder; a file without ideas is reported, and the build goes on.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _sphinx_sites import MakeApp, build, make_site, read_inventory, warnings

FIXTURES = Path(__file__).parent / "fixtures" / "parser"
HOSTS = ("reading-rst", "reading-myst")
BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text")

#: Per fixture: the project slugs, the idea slugs, and the warnings as (line, subtype).
EXPECTED = {
    "slip-project-higher.md": (
        {"harbor", "newproj", "thanos", "vitess"},
        {
            "harbor.replication-dashboard",
            "harbor.quota-alerts",
            "newproj.scheduler-plugins",
            "newproj.metrics-exporter",
            "thanos.query-sharding",
            "vitess.online-ddl-status-page",
        },
        [(24, "level")],
    ),
    "slip-idea-higher.md": (
        {"alpha-toolkit", "beta-service"},
        {
            "alpha-toolkit.faster-parser",
            "alpha-toolkit.streaming-export",
            "alpha-toolkit.plugin-registry",
            "beta-service.rate-limiter",
        },
        [(13, "level")],
    ),
    "idea-inside-idea.md": (
        {"kappa", "lambda"},
        {
            "kappa.streaming-import",
            "kappa.columnar-export",
            "kappa.plugin-docs",
            "lambda.query-planner",
            "lambda.index-advisor",
        },
        [(13, "level"), (40, "level")],
    ),
    "sample-then-projects.md": (
        {"jaeger", "keptn"},
        {"jaeger.trace-sampling-ui", "jaeger.span-search", "keptn.quality-gate-templates"},
        [],
    ),
    "labelled-titles.md": (
        {"omega", "psi"},
        {
            "omega.ipv6-support",
            "omega.faster-ci",
            "omega.plugin-registry",
            "omega.11-mapping-of-users",
            "psi.formatter",
            "psi.ideas-for-20",
        },
        [(24, "no-skills")],
    ),
    "skill-notations.md": (
        {"sigma"},
        {"sigma.dependency-bot", "sigma.solver-speed-ups", "sigma.reproducible-shells"},
        [],
    ),
    "bold-br-fields.md": ({"org"}, {"org.faster-import", "org.better-docs"}, []),
    "unannounced-template.md": (
        {"kappa-ideas"},
        {"kappa-ideas.faster-import"},
        [(9, "structure"), (14, "structure")],
    ),
    "mentor-roles.md": ({"a"}, {"a.x"}, []),
    "numbered-ideas.md": (
        {"networking", "storage"},
        {
            "networking.ipv6-support-for-the-proxy",
            "networking.connection-pool-metrics",
            "storage.compaction-scheduler",
        },
        [],
    ),
}

_WARNING = re.compile(r"ideas\.md:(\d+): (?:WARNING|ERROR): .*\[ideas\.([a-z-]+)\]$")


def site_with(tmp_path: Path, host: str, fixture: str) -> Path:
    srcdir = make_site(tmp_path, host)
    shutil.copy(FIXTURES / fixture, srcdir / "ideas.md")
    return srcdir


def located(lines: list[str]) -> list[tuple[int, str]]:
    """The ideas warnings of a build as (line, subtype), others kept whole to fail loudly."""
    found: list[tuple[int, str]] = []
    for line in lines:
        match = _WARNING.search(line)
        assert match, line
        found.append((int(match.group(1)), match.group(2)))
    return found


def inventory(outdir: Path) -> dict[str, set[str]]:
    data = read_inventory(outdir / "objects.inv")
    return {objtype: set(items) for objtype, items in data.items()}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
@pytest.mark.parametrize("host", HOSTS)
def test_a_slip_gives_the_same_objects_and_one_located_warning(
    make_app: MakeApp, tmp_path: Path, host: str, fixture: str
) -> None:
    projects, ideas, expected_warnings = EXPECTED[fixture]
    app = build(make_app, site_with(tmp_path, host, fixture), "html")
    assert located(warnings(app)) == expected_warnings
    found = inventory(Path(app.outdir))
    assert found["ideas:project"] == projects
    assert found["ideas:idea"] == ideas
    if fixture == "mentor-roles.md":  # the roles are shown with the mentors
        page = (Path(app.outdir) / "ideas" / "a.html").read_text(encoding="utf-8")
        for role in ("coding", "assisting", "backup", "co-mentor"):
            assert f"<em>{role}</em>" in page, role
    if fixture == "skill-notations.md":
        assert found["ideas:skill"] == {
            "rust",
            "haskell",
            "designing-algorithms",
            "implementing-algorithms",
            "nix",
            "bash",
            "python",
        }


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("host", HOSTS)
def test_every_builder_shows_every_project_of_a_slipped_file(
    make_app: MakeApp, tmp_path: Path, host: str, builder: str
) -> None:
    app = build(make_app, site_with(tmp_path, host, "slip-project-higher.md"), builder)
    assert located(warnings(app)) == [(24, "level")]
    outdir = Path(app.outdir)
    if builder == "epub":
        text = " ".join(p.read_text(encoding="utf-8") for p in outdir.rglob("*.xhtml"))
    elif builder == "latex":
        text = " ".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.tex"))
    elif builder == "text":
        text = " ".join(p.read_text(encoding="utf-8") for p in outdir.rglob("*.txt"))
    else:
        text = " ".join(p.read_text(encoding="utf-8") for p in outdir.rglob("*.html"))
    for name in ("Harbor", "Newproj", "Thanos", "Vitess", "Scheduler plugins", "Query sharding"):
        assert name in text, (builder, name)


@pytest.mark.parametrize("host", HOSTS)
def test_a_file_without_ideas_is_reported_and_the_build_goes_on(
    make_app: MakeApp, tmp_path: Path, host: str
) -> None:
    srcdir = make_site(tmp_path, host)
    (srcdir / "ideas.md").write_text("# Ideas\n\nNone this term.\n", encoding="utf-8")
    app = build(make_app, srcdir, "html")
    # The whole file is the problem: the warning points at the directive that names it.
    page = {"reading-rst": "index.rst:6", "reading-myst": "index.md:5"}[host]
    (warning,) = warnings(app)
    assert warning.endswith(f"{page}: WARNING: no ideas found [ideas.empty]"), warning
    assert (Path(app.outdir) / "index.html").is_file()
