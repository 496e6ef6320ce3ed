"""Build benchmark: a catalog through ``ideas-catalog`` (A) against the same pages by hand (B).

Place in the data flow: ``generate.py`` draws a synthetic catalog -> this script writes two
Sphinx projects from it under ``benchmarks/_work/<size>/``:

- A: ``index.rst`` holding ``.. ideas-catalog:: ideas.md`` over the generated ideas file;
- B: the same content as plain MyST pages written "by hand" (one page per project with its
  ideas as sections, a catalog page, a skills page and a mentors page, cross-linked with
  ``{ref}``), same theme and settings,

then runs ``sphinx-build`` on each in a child process and prints, per size: wall time, CPU
time (user+sys of the child and its workers, from ``os.wait4``), peak RSS, and the A/B
ratios; no-op rebuilds of A and B; rebuilds of A after editing one idea (in place, and
adding a line, which shifts the lines of every later idea), with the documents re-read and
the documents only re-written counted from Sphinx's ``reading sources...`` / ``writing
output...`` lines; ``-j 2`` against ``-j 1`` for A; and both with the theme's sidebar off
(``html_sidebars = {"**": []}``), which isolates the extension's own per-idea cost.

Usage::

    python benchmarks/bench_build.py                     # 500, 2000, 10000 ideas
    python benchmarks/bench_build.py --sizes 500,2000
    python benchmarks/bench_build.py --quick             # 500 ideas, fewer variants
    python benchmarks/bench_build.py --profile 2000      # + cProfile of a full A build

This prints numbers; it is not a test. Results also go to ``_work/results-<sizes>.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as a script from anywhere: the generator is a sibling module, not a package.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import (
    SynthCatalog,
    SynthIdea,
    SynthMentor,
    SynthProject,
    build_catalog,
    render_markdown,
)

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
SEED = 2021

# ---------------------------------------------------------------------------
# Writing the two projects.

_CONF = """\
import os

project = "Ideas benchmark"
extensions = {extensions!r}
source_suffix = {suffixes!r}
html_theme = "alabaster"
exclude_patterns = ["_build"]
suppress_warnings = []
# The same switch on both sides: the theme's navigation sidebar grows with the page count
# for hand-written pages too, so turning it off isolates the per-idea cost.
if os.environ.get("BENCH_NO_SIDEBAR"):
    html_sidebars = {{"**": []}}
# The extension's own share of the CPU time, sampled (see _own_time.py).
if os.environ.get("BENCH_OWN_TIME"):
    import sys

    sys.path.insert(0, os.environ["BENCH_OWN_TIME"])
    import _own_time

    _own_time.start()
    del sys, _own_time


# Print the CPU time Sphinx spends resolving and writing documents (-j 1): what an
# edit's rebuild is judged against, measured in the rebuild itself.
def setup(app):
    import sys
    import time

    def timed(app):
        write = getattr(app.builder, "_write_serial", None)
        if write is None:  # another Sphinx: no figure, no harm
            return

        def timed_write(docnames):
            start = time.process_time()
            try:
                return write(docnames)
            finally:
                spent = time.process_time() - start
                print(f"bench: writing documents {{spent:.3f}} s", file=sys.stderr)

        app.builder._write_serial = timed_write

    app.connect("builder-inited", timed)
    return {{"parallel_read_safe": True, "parallel_write_safe": True}}
"""

_A_INDEX = """\
Project ideas
=============

.. ideas-catalog:: ideas.md
"""


def slug(text: str) -> str:
    """A label-safe slug (B's own; A uses the extension's)."""
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def write_if_changed(path: Path, text: str) -> None:
    """Write only on change, so re-running the script does not dirty a built project."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_project_a(root: Path, catalog: SynthCatalog) -> None:
    """A: the extension over the generated ideas file."""
    conf = _CONF.format(extensions=["sphinxcontrib_ideas"], suffixes={".rst": "restructuredtext"})
    write_if_changed(root / "conf.py", conf)
    write_if_changed(root / "index.rst", _A_INDEX)
    write_if_changed(root / "ideas.md", render_markdown(catalog))


@dataclass(frozen=True, slots=True)
class _Labels:
    """B's label of every project, idea, skill and mentor (unique like A's slugs)."""

    projects: dict[str, str]
    ideas: dict[tuple[str, str], str]


def _labels(catalog: SynthCatalog) -> _Labels:
    projects: dict[str, str] = {}
    ideas: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for project in catalog.projects:
        base, n = slug(project.name), 1
        label = base
        while label in taken:
            n += 1
            label = f"{base}-{n}"
        taken.add(label)
        projects[project.name] = label
        for idea in project.ideas:
            ideas[project.name, idea.title] = f"idea-{label}-{slug(idea.title)}"
    return _Labels(projects=projects, ideas=ideas)


def _mentor_label(mentor: SynthMentor) -> str:
    return f"mentor-{mentor.handle.lower()}"


def _b_idea(idea: SynthIdea, label: str) -> str:
    lines = [f"({label})=", f"## {idea.title}", ""]
    if idea.group:
        lines += [f"*{idea.group}*", ""]
    if idea.lead:
        lines += [idea.lead, ""]
    for block in idea.description:
        lines += [block, ""]
    if idea.skills_prose:
        lines += [f"**Skills:** {idea.skills_prose}", ""]
    skills = ", ".join(f"{{ref}}`{s.raw} <skill-{slug(s.name)}>`" for s in idea.skills)
    mentors = ", ".join(f"{{ref}}`{m.name} <{_mentor_label(m)}>`" for m in idea.mentors)
    issues = ", ".join(f"<{url}>" for url in idea.issues)
    lines += [f"- **Skills:** {skills}", f"- **Mentors:** {mentors}", f"- **Issues:** {issues}"]
    lines += [f"- **{label_}:** {value}" for label_, value in idea.fields]
    return "\n".join(lines) + "\n"


def _b_project(project: SynthProject, labels: _Labels) -> str:
    label = labels.projects[project.name]
    parts = [f"(project-{label})=\n# {project.name}\n"]
    if project.url:
        parts.append(f"<{project.url}>\n")
    if project.intro:
        parts.append(project.intro + "\n")
    parts += [_b_idea(i, labels.ideas[project.name, i.title]) for i in project.ideas]
    return "\n".join(parts)


def _b_index(catalog: SynthCatalog, labels: _Labels) -> str:
    lines = [f"# {catalog.title}", "", catalog.preamble, ""]
    for project in catalog.projects:
        lines.append(f"- {{ref}}`{project.name} <project-{labels.projects[project.name]}>`")
        lines += [f"  - {{ref}}`{labels.ideas[project.name, i.title]}`" for i in project.ideas]
    pages = [f"projects/{labels.projects[p.name]}" for p in catalog.projects]
    toctree = [*pages, "skills", "mentors", "dashboard"]
    lines += ["", "```{toctree}", ":hidden:", "", *toctree, "```", ""]
    return "\n".join(lines)


def _b_index_page(title: str, entries: Iterable[tuple[str, str, list[str]]]) -> str:
    """A page of ``## name`` sections (label ``(key)=``), each listing idea references."""
    lines = [f"# {title}", ""]
    for key, name, refs in entries:
        lines += [f"({key})=", f"## {name}", ""]
        lines += [f"- {{ref}}`{ref}`" for ref in refs]
        lines.append("")
    return "\n".join(lines)


def _b_skills(catalog: SynthCatalog, labels: _Labels) -> str:
    ideas: dict[str, list[str]] = {}
    for project in catalog.projects:
        for idea in project.ideas:
            for skill in idea.skills:
                ideas.setdefault(skill.name, []).append(labels.ideas[project.name, idea.title])
    entries = [(f"skill-{slug(name)}", name, refs) for name, refs in sorted(ideas.items())]
    return _b_index_page("Skills", entries)


def _b_mentors(catalog: SynthCatalog, labels: _Labels) -> str:
    people: dict[str, tuple[SynthMentor, list[str]]] = {}
    for project in catalog.projects:
        for idea in project.ideas:
            for mentor in idea.mentors:
                _, refs = people.setdefault(mentor.handle.lower(), (mentor, []))
                refs.append(labels.ideas[project.name, idea.title])
    entries = [
        (_mentor_label(m), f"{m.name} (@{m.handle})", refs)
        for m, refs in sorted(people.values(), key=lambda pair: pair[0].name)
    ]
    return _b_index_page("Mentors", entries)


def _b_table(title: str, unit: str, rows: list[tuple[str, int]]) -> list[str]:
    """A chart of A's dashboard, as B would write it by hand: a MyST table."""
    lines = [f"## {title}", "", f"| {title} | {unit} |", "|---|---:|"]
    lines += [f"| {name} | {count} |" for name, count in rows]
    return [*lines, ""]


def _b_dashboard(catalog: SynthCatalog) -> str:
    """What A's dashboard shows (totals, the ten largest of each count, the ideas lacking
    a field), as tables: the same content, so that the comparison stays fair."""
    ideas = [idea for project in catalog.projects for idea in project.ideas]
    skills: dict[str, int] = {}
    mentors: dict[str, int] = {}
    for idea in ideas:
        for name in dict.fromkeys(skill.name for skill in idea.skills):
            skills[name] = skills.get(name, 0) + 1
        for name in dict.fromkeys(mentor.name for mentor in idea.mentors):
            mentors[name] = mentors.get(name, 0) + 1

    def top(counts: dict[str, int]) -> list[tuple[str, int]]:
        return sorted(counts.items(), key=lambda kv: -kv[1])[:10]

    per_project = {project.name: len(project.ideas) for project in catalog.projects}
    lines = ["# Dashboard", ""]
    lines += [f"{len(ideas)} ideas in {len(catalog.projects)} projects.", ""]
    lines += _b_table("Ideas per project", "Ideas", top(per_project))
    lines += _b_table("Most requested skills", "Ideas", top(skills))
    lines += _b_table("Mentors with the most ideas", "Ideas", top(mentors))
    gaps = [
        ("without skills", sum(1 for idea in ideas if not idea.skills)),
        ("without mentors", sum(1 for idea in ideas if not idea.mentors)),
        ("without an upstream issue", sum(1 for idea in ideas if not idea.issues)),
    ]
    lines += _b_table("Ideas lacking a field", "Ideas", gaps)
    return "\n".join(lines)


def write_project_b(root: Path, catalog: SynthCatalog) -> None:
    """B: the same content as hand-written MyST pages."""
    labels = _labels(catalog)
    conf = _CONF.format(extensions=["myst_parser"], suffixes={".md": "markdown"})
    write_if_changed(root / "conf.py", conf)
    write_if_changed(root / "index.md", _b_index(catalog, labels))
    write_if_changed(root / "skills.md", _b_skills(catalog, labels))
    write_if_changed(root / "mentors.md", _b_mentors(catalog, labels))
    write_if_changed(root / "dashboard.md", _b_dashboard(catalog))
    for project in catalog.projects:
        page = root / "projects" / f"{labels.projects[project.name]}.md"
        write_if_changed(page, _b_project(project, labels))


# ---------------------------------------------------------------------------
# Running a build.

_READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (.+)$", re.MULTILINE)
_WRITE = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (.+)$", re.MULTILINE)
_WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL):")


@dataclass(frozen=True, slots=True)
class Run:
    """One ``sphinx-build`` child process and what it cost."""

    label: str
    wall_s: float
    cpu_s: float
    rss_mb: float
    read: tuple[str, ...]
    written: tuple[str, ...]
    warnings: int
    returncode: int
    #: Share of the CPU samples with the extension's code on the stack (own-time runs).
    own_share: float | None = None
    #: How many samples that share is of.
    own_samples: int = 0
    #: CPU seconds spent resolving and writing documents (``-j 1`` builds that write).
    writing_s: float | None = None

    @property
    def own_cpu_s(self) -> float | None:
        """CPU seconds of the extension's own work, from the sampled share."""
        return None if self.own_share is None else self.own_share * self.cpu_s

    @property
    def rewritten_only(self) -> tuple[str, ...]:
        """Documents written without being re-read (navigation or references changed)."""
        read = set(self.read)
        return tuple(doc for doc in self.written if doc not in read)


def sphinx_build(
    label: str,
    src: Path,
    out: Path,
    *,
    jobs: int = 1,
    fresh: bool,
    no_sidebar: bool = False,
    own_time: bool = False,
) -> Run:
    """Run one HTML build in a child process; CPU and peak RSS come from ``os.wait4``."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, BENCH_NO_SIDEBAR="1" if no_sidebar else "")
    # Byte-code as users have it (pip compiles an installed package): with
    # PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), the extension, installed
    # editable from this checkout, would be compiled from source on every build, while
    # Sphinx and MyST load their installed .pyc files, a cost only A would pay.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["BENCH_OWN_TIME"] = str(HERE) if own_time else ""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-N", "-j", str(jobs)]
    cmd += ["-d", str(out / ".doctrees"), str(src), str(out / "html")]
    log = out / "build.log"
    with log.open("w", encoding="utf-8") as stream:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=stream, stderr=subprocess.STDOUT, env=env)
        # wait4 gives this child's own usage plus that of its waited-for children (the
        # -j workers), where RUSAGE_CHILDREN would mix every build of this script.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    return Run(
        label=label,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        rss_mb=usage.ru_maxrss / 1024,
        read=tuple(_READ.findall(text)),
        written=tuple(_WRITE.findall(text)),
        warnings=sum(1 for line in text.splitlines() if _WARNING.search(line)),
        returncode=child.returncode,
        writing_s=_writing(text),
        **_own_samples(text),
    )


_WRITING = re.compile(r"^bench: writing documents ([\d.]+) s$", re.MULTILINE)


def _writing(log: str) -> float | None:
    """The CPU time the build spent writing documents, from conf.py's line in its log."""
    found = _WRITING.findall(log)
    return sum(float(value) for value in found) if found else None


_OWN = re.compile(r"^own-time samples: (\d+) of (\d+)$", re.MULTILINE)


def _own_samples(log: str) -> dict[str, Any]:
    """``own_share`` and ``own_samples`` from the sampler's line in a build log."""
    match = _OWN.search(log)
    if match is None or not int(match.group(2)):
        return {}
    ours, total = int(match.group(1)), int(match.group(2))
    return {"own_share": ours / total, "own_samples": total}


# ---------------------------------------------------------------------------
# One size, all variants.


#: The edits made to one idea for the rebuild runs: run label -> kind of edit.
EDITS = {
    "A edit 1 idea": "text",  # a word in the description; no line moves
    "A edit +1 line": "line",  # a paragraph added: every later idea's line shifts
    "A edit title": "title",  # the title: overview, indices and navigation show it
}


def edited(catalog: SynthCatalog, *, kind: str) -> SynthCatalog:
    """The catalog with the first idea of the middle project edited (see :data:`EDITS`)."""
    projects = list(catalog.projects)
    index = len(projects) // 2
    project = projects[index]
    idea = project.ideas[0]
    if kind == "text":
        first = idea.description[0].replace(" ", " edited ", 1)
        idea = dataclasses.replace(idea, description=(first, *idea.description[1:]))
    elif kind == "line":
        idea = dataclasses.replace(idea, description=(*idea.description, "An added paragraph."))
    else:
        idea = dataclasses.replace(idea, title=idea.title + " (revised)")
    projects[index] = dataclasses.replace(project, ideas=(idea, *project.ideas[1:]))
    return dataclasses.replace(catalog, projects=tuple(projects))


@dataclass(slots=True)
class SizeResult:
    """Every run at one size."""

    ideas: int
    projects: int
    file_mb: float
    runs: dict[str, Run]


#: No-op builds of each side (alternating A and B): the summary shows the median.
NOOP_REPEATS = 5

#: Groups of runs, selectable with ``--variants`` (no-op and edits build on "full").
VARIANTS = ("full", "noop", "edits", "nosidebar", "j2", "j3")


def run_size(ideas: int, *, variants: Sequence[str], work: Path = WORK) -> SizeResult:
    """Build A and B at ``ideas`` ideas in the chosen variants and return the runs."""
    catalog = build_catalog(ideas=ideas, seed=SEED)
    root = work / str(ideas)
    src_a, src_b = root / "a" / "src", root / "b" / "src"
    shutil.rmtree(src_a, ignore_errors=True)
    shutil.rmtree(src_b, ignore_errors=True)
    write_project_a(src_a, catalog)
    write_project_b(src_b, catalog)
    runs: dict[str, Run] = {}

    def build(
        key: str,
        src: Path,
        out: str,
        *,
        fresh: bool,
        jobs: int = 1,
        no_sidebar: bool = False,
        own_time: bool = False,
    ) -> None:
        run = sphinx_build(
            key, src, root / out, jobs=jobs, fresh=fresh, no_sidebar=no_sidebar, own_time=own_time
        )
        runs[key] = run
        print_run(run)

    if {"full", "noop", "edits"} & set(variants):
        build("A full", src_a, "out-a", fresh=True)
        build("B full", src_b, "out-b", fresh=True)
    if "noop" in variants:
        # a no-op build takes a second or two: alternate A and B a few times, keep the median
        for repeat in range(NOOP_REPEATS):
            build(f"A no-op {repeat + 1}", src_a, "out-a", fresh=False)
            build(f"B no-op {repeat + 1}", src_b, "out-b", fresh=False)
        for side in "AB":
            tries = sorted(
                (runs[f"{side} no-op {i + 1}"] for i in range(NOOP_REPEATS)),
                key=lambda run: run.cpu_s,
            )
            runs[f"{side} no-op"] = tries[len(tries) // 2]
    if "edits" in variants:
        for key, kind in EDITS.items():
            # each edit starts from the original file, built
            write_project_a(src_a, edited(catalog, kind=kind))
            build(key, src_a, "out-a", fresh=False)
            write_project_a(src_a, catalog)
            build(f"{key} (undo)", src_a, "out-a", fresh=False)
    if "nosidebar" in variants:
        build("A full nosidebar", src_a, "out-a-ns", fresh=True, no_sidebar=True, own_time=True)
        build("B full nosidebar", src_b, "out-b-ns", fresh=True, no_sidebar=True)
    if "j2" in variants:
        build("A full -j2", src_a, "out-a-j2", fresh=True, jobs=2)
    if "j3" in variants:  # Sphinx forks -j minus one writers: two here
        build("A full -j3", src_a, "out-a-j3", fresh=True, jobs=3)
    text = (src_a / "ideas.md").read_text(encoding="utf-8")
    return SizeResult(
        ideas=ideas, projects=len(catalog.projects), file_mb=len(text.encode()) / 1e6, runs=runs
    )


# ---------------------------------------------------------------------------
# Reporting.


def print_run(run: Run) -> None:
    """One line per build, as soon as it finishes."""
    status = "" if run.returncode == 0 else f"  EXIT {run.returncode}"
    print(
        f"  {run.label:<18} wall {run.wall_s:8.2f} s  cpu {run.cpu_s:8.2f} s  "
        f"rss {run.rss_mb:7.1f} MB  read {len(run.read):5d}  written {len(run.written):5d}  "
        f"warnings {run.warnings}{status}"
        + (f"  own {100 * run.own_share:.1f}%" if run.own_share is not None else ""),
        flush=True,
    )


def _ratio(a: Run | None, b: Run | None, attr: str) -> str:
    if a is None or b is None:
        return "-"
    return f"{getattr(a, attr) / max(getattr(b, attr), 1e-9):.2f}"


def print_summary(result: SizeResult) -> None:
    """The ratios and counts issue 5 sets targets for (CPU is robust on a shared machine)."""
    r = result.runs
    print(f"\n  summary at {result.ideas} ideas ({result.projects} projects):")
    for metric, attr in (("wall", "wall_s"), ("cpu", "cpu_s"), ("peak RSS", "rss_mb")):
        print(f"    full build A/B {metric:<9} {_ratio(r.get('A full'), r.get('B full'), attr)}")
    for metric, attr in (("wall", "wall_s"), ("cpu", "cpu_s")):
        print(
            f"    no-op A/B {metric:<14} {_ratio(r.get('A no-op'), r.get('B no-op'), attr)}"
            f" (median of {NOOP_REPEATS} by CPU)"
        )
    if "A full nosidebar" in r:
        a_ns, b_ns = r["A full nosidebar"], r["B full nosidebar"]
        print(f"    nosidebar A/B cpu      {_ratio(a_ns, b_ns, 'cpu_s')}")
        print(f"    nosidebar A ms/idea    {1000 * a_ns.cpu_s / result.ideas:.2f} (cpu)")
        if a_ns.own_cpu_s is not None and a_ns.own_samples:
            own = 1000 * a_ns.own_cpu_s / result.ideas
            # the share is a proportion of n samples: its standard error is sqrt(p(1-p)/n)
            share = a_ns.own_share or 0.0
            spread = own * 1.96 * (share * (1 - share) / a_ns.own_samples) ** 0.5 / share
            print(
                f"    extension's own ms/idea {own:.2f} +- {spread:.2f} "
                f"(cpu, {a_ns.own_samples} samples, 95%)"
            )
    print(f"    A -j2 / -j1 wall       {_ratio(r.get('A full -j2'), r.get('A full'), 'wall_s')}")
    if "A full -j3" in r:
        j3 = _ratio(r.get("A full -j3"), r.get("A full"), "wall_s")
        print(f"    A -j3 / -j1 wall       {j3}")
    noop = r.get("A no-op")
    for key in EDITS:
        if key in r:
            run = r[key]
            print(
                f"    {key:<22} re-read {len(run.read)} {list(run.read)[:6]}, "
                f"re-written only {len(run.rewritten_only)}"
            )
            for label in (key, f"{key} (undo)"):
                if label in r and noop is not None:
                    print(f"      {_edit_target(r[label], noop)}")


def _edit_target(run: Run, noop: Run) -> str:
    """An edit's rebuild against issue 15's target: at most twice a no-op rebuild plus the
    writing of the pages it writes (the pages that show the idea, counted from Sphinx's
    "writing output" lines; their writing time measured in that rebuild by conf.py)."""
    writing = run.writing_s or 0.0
    target = 2 * noop.cpu_s + writing
    verdict = "met" if run.cpu_s <= target else "NOT met"
    return (
        f"{run.label}: {run.cpu_s:.2f} s cpu <= 2 x {noop.cpu_s:.2f} (no-op) + "
        f"{writing:.2f} (writing {len(run.written)} pages) = {target:.2f}: {verdict}"
    )


def print_scaling(results: Sequence[SizeResult]) -> None:
    """Per-idea CPU cost of A with the sidebar off: the largest size against the smallest."""
    with_ns = [res for res in results if "A full nosidebar" in res.runs]
    if len(with_ns) < 2:
        return
    small, large = with_ns[0], with_ns[-1]
    per_small = small.runs["A full nosidebar"].cpu_s / small.ideas
    per_large = large.runs["A full nosidebar"].cpu_s / large.ideas
    print(
        f"\nA (sidebar off) CPU per idea at {large.ideas} vs {small.ideas}: "
        f"{per_large / per_small:.2f}x (target <= 1.1)"
    )
    own_small = small.runs["A full nosidebar"].own_cpu_s
    own_large = large.runs["A full nosidebar"].own_cpu_s
    if own_small and own_large:
        ratio = (own_large / large.ideas) / (own_small / small.ideas)
        print(f"the extension's own work per idea, {large.ideas} vs {small.ideas}: {ratio:.2f}x")


def print_machine() -> None:
    """What the figures ran on."""
    import docutils
    import myst_parser
    import sphinx

    mem = "?"
    if Path("/proc/meminfo").exists():
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        mem = f"{int(first.split()[1]) / 1024 / 1024:.1f} GiB"
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"python {platform.python_version()}, sphinx {sphinx.__version__}, docutils "
        f"{docutils.__version__}, myst-parser {myst_parser.__version__}; "
        f"{os.cpu_count()} CPUs, {mem} RAM, {platform.platform()}"
    )


def save(results: Sequence[SizeResult], path: Path) -> None:
    """Raw numbers for the README, next to the work dirs."""
    data = [
        {
            "ideas": res.ideas,
            "projects": res.projects,
            "file_mb": res.file_mb,
            "runs": {
                key: {
                    "wall_s": run.wall_s,
                    "cpu_s": run.cpu_s,
                    "rss_mb": run.rss_mb,
                    "read": len(run.read),
                    "written": len(run.written),
                    "rewritten_only": len(run.rewritten_only),
                    "warnings": run.warnings,
                    "returncode": run.returncode,
                    "own_share": run.own_share,
                    "own_samples": run.own_samples,
                    "writing_s": run.writing_s,
                }
                for key, run in res.runs.items()
            },
        }
        for res in results
    ]
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def profile_build(ideas: int, *, top: int, work: Path = WORK) -> None:
    """cProfile a full A build (child process, -j 1, sidebar off so the theme's navigation
    does not bury the extension) and print the top functions, then the extension's own."""
    import pstats

    catalog = build_catalog(ideas=ideas, seed=SEED)
    root = work / f"profile-{ideas}"
    shutil.rmtree(root, ignore_errors=True)
    write_project_a(root / "src", catalog)
    prof = root / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "sphinx", "-b", "html"]
    cmd += ["-N", "-q", str(root / "src"), str(root / "out")]
    subprocess.run(cmd, check=False, env=dict(os.environ, BENCH_NO_SIDEBAR="1"))
    stats = pstats.Stats(str(prof)).strip_dirs()
    for key in ("tottime", "cumulative"):
        print(f"\n--- cProfile of a full A build at {ideas} ideas, by {key} ---")
        stats.sort_stats(key).print_stats(top)
    print("\n--- the same, sphinxcontrib_ideas functions only, by cumulative ---")
    pstats.Stats(str(prof)).sort_stats("cumulative").print_stats("sphinxcontrib_ideas", top)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,10000", help="ideas per catalog")
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help=f"comma-separated groups of runs, of {', '.join(VARIANTS)} (default: all)",
    )
    parser.add_argument("--quick", action="store_true", help="500 ideas; full, noop, edits")
    parser.add_argument("--work", type=Path, default=WORK, help="work folder (default _work)")
    parser.add_argument("--profile", type=int, metavar="IDEAS", help="cProfile an A build")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every size and print the tables."""
    args = parse_args(argv)
    sizes = [500] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    variants = ["full", "noop", "edits"] if args.quick else args.variants.split(",")
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variants: {', '.join(sorted(unknown))}")
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    print_machine()
    results = []
    for ideas in sizes:
        print(f"\n{ideas} ideas:", flush=True)
        result = run_size(ideas, variants=variants, work=work)
        print_summary(result)
        results.append(result)
        save(results, work / f"results-{'-'.join(str(n) for n in sizes)}.json")
    print_scaling(results)
    if args.profile:
        profile_build(args.profile, top=args.top, work=work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
