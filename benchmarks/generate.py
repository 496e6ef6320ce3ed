"""Deterministic generator of realistic synthetic project-ideas files, for the benchmarks.

Data flow: ``build_catalog`` draws a :class:`SynthCatalog` (every random choice made up
front, from one seeded ``random.Random``) -> ``render_markdown`` writes it in the shapes
real ideas files use (the CNCF LFX sample, GSoC and Outreachy lists): ``## Title``,
``### Project``, ``#### Idea``, sometimes a group level, multi-paragraph descriptions
with nested lists, links and inline code, 1-3 mentors in the notations seen in the wild,
2-6 skills, upstream issues inline or as a sub-list, and extra fields. ``bench_build``
renders the same :class:`SynthCatalog` as hand-written MyST pages, so both sides of the
comparison hold the same content.

Usage::

    python benchmarks/generate.py --ideas 2000 [--projects 250] [--seed 1] -o ideas.md
    python benchmarks/generate.py --size-mb 10 -o ideas.md

The same arguments always give byte-identical output (no set iteration, no hashing).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# ---------------------------------------------------------------------------
# Vocabulary. Large enough that descriptions do not repeat visibly; every word list is
# a tuple so iteration order is fixed.

_WORD_TEXT = """
    the a of to and in for with on by from that this it is are be as at we will can should
    project users operators developers contributors community maintainers mentee mentorship
    cluster node pod container controller operator scheduler runtime plugin extension module
    service mesh proxy gateway ingress network storage volume snapshot backup restore
    metrics logs traces telemetry observability dashboard alert rule query index shard
    replica leader follower consensus raft quorum latency throughput performance memory cpu
    api endpoint client server request response protocol grpc http rest websocket schema
    configuration policy security signing certificate identity authentication authorization
    test tests testing coverage fuzzing benchmark benchmarks regression stability release
    documentation tutorial guide example reference website blog onboarding accessibility
    implement design refactor extend improve support add migrate replace remove simplify
    integrate expose publish collect evaluate measure validate document automate deploy
    current existing new better faster simpler robust scalable secure stable experimental
    edge cloud hybrid multi-tenant distributed declarative native lightweight pluggable
    framework library tool command line interface workflow pipeline build packaging image
    kubernetes prometheus envoy helm wasm webassembly rust golang python typescript java
    upstream downstream issue proposal design-doc milestone roadmap feature bug fix patch
"""
_WORDS = tuple(_WORD_TEXT.split())

_TITLE_VERBS = (
    "Implement",
    "Add",
    "Improve",
    "Refactor",
    "Design",
    "Support",
    "Build",
    "Extend",
    "Migrate",
    "Automate",
    "Document",
    "Benchmark",
    "Integrate",
    "Enhance",
    "Rewrite",
)
_TITLE_ADJECTIVES = (
    "multi-cluster",
    "incremental",
    "pluggable",
    "declarative",
    "end-to-end",
    "distributed",
    "zero-downtime",
    "cross-platform",
    "structured",
    "policy-driven",
    "event-driven",
    "lightweight",
    "secure",
    "continuous",
    "interactive",
)
_TITLE_NOUNS = (
    "metrics exporter",
    "admission webhook",
    "CLI",
    "dashboard",
    "garbage collection",
    "leader election",
    "health subsystem",
    "plugin runtime",
    "upgrade phases",
    "chaos experiments",
    "tracing support",
    "registry search",
    "conformance tests",
    "storage backend",
    "rate limiter",
    "config validation",
    "release signing",
    "WebAssembly filters",
    "Helm charts",
    "Grafana dashboards",
    "fuzzing harness",
    "operator SDK",
    "documentation site",
    "snapshot restore",
)
_TITLE_TAILS = (
    "",
    "",
    "",
    " for large clusters",
    " in the controller",
    " with Prometheus",
    " on Windows",
    " for edge nodes",
    " via gRPC",
    " across tenants",
    " in the portal",
)

_PROJECT_HEADS = (
    "Kube",
    "Chaos",
    "Cloud",
    "Open",
    "Edge",
    "Flux",
    "Argo",
    "Tremor",
    "Thanos",
    "Volcano",
    "Cross",
    "Litmus",
    "Spire",
    "Keda",
    "Harbor",
    "Vitess",
    "Falco",
    "Dapr",
    "Strimzi",
    "Knative",
    "Cortex",
    "Kyverno",
    "Pixie",
    "Meshery",
)
_PROJECT_TAILS = (
    "",
    " Mesh",
    "Edge",
    "Plane",
    " Service Mesh",
    " Operator",
    "Flow",
    "Store",
    "DB",
    " Registry",
    "Scope",
    " Runtime",
    "Guard",
    "Lens",
)
_GROUPS = (
    "WG Policy",
    "SIG Usability",
    "SIG Architecture",
    "SIG Cluster Lifecycle",
    "SIG Storage",
    "SIG Network",
    "SIG Docs",
    "SIG Security",
    "WG Reliability",
    "SIG Instrumentation",
)

_FIRST_NAMES = (
    "Andy",
    "Alex",
    "Jim",
    "Gaby",
    "Tasha",
    "Davanum",
    "Lubomir",
    "Jürgen",
    "Shuting",
    "Bob",
    "ZiQian",
    "Matthias",
    "Anup",
    "Darach",
    "Heinz",
    "Wang",
    "Zhiqiang",
    "Fisher",
    "Zhe",
    "Kiran",
    "Joe",
    "Travis",
    "Lee",
    "Dev",
    "Andrew",
    "Evan",
    "Priya",
    "Olga",
    "Mehmet",
    "Aisha",
    "Tomás",
    "Chen",
    "Fatima",
    "Ravi",
    "Ingrid",
    "Kwame",
    "Yuki",
    "Lucía",
    "Noor",
    "Sven",
)
_LAST_NAMES = (
    "Lok",
    "Chi",
    "Bugwadia",
    "Moreno",
    "Drew",
    "Srinivas",
    "Ivanov",
    "Etzlstorfer",
    "Zhao",
    "Strecansky",
    "Qin",
    "Wahl",
    "Dhamala",
    "Ennis",
    "Gies",
    "Xiang",
    "Zhou",
    "Xu",
    "Gong",
    "Mova",
    "Kutner",
    "Longoria",
    "Calcote",
    "Kalra",
    "Harding",
    "Gilman",
    "Raman",
    "Petrova",
    "Yılmaz",
    "Okafor",
    "García",
    "Nakamura",
    "Haddad",
    "Lindqvist",
    "Mensah",
    "O'Brien",
    "Van der Berg",
    "Kowalski",
    "Singh",
    "Rossi",
)

#: (canonical name, spellings seen in real files). The first spelling is canonical.
_SKILLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Go", ("Go", "Golang", "golang", "Go programming")),
    ("Rust", ("Rust", "rust", "Rust programming")),
    ("Kubernetes", ("Kubernetes", "k8s", "kubernetes")),
    ("Python", ("Python", "python")),
    ("TypeScript", ("TypeScript", "Typescript")),
    ("JavaScript", ("JavaScript", "Javascript", "JS")),
    ("Docker", ("Docker", "docker")),
    ("Prometheus", ("Prometheus",)),
    ("gRPC", ("gRPC", "grpc")),
    ("Git", ("Git", "git", "GitHub", "Github")),
    ("Linux", ("Linux", "Linux command line")),
    ("Shell scripting", ("Shell scripting", "Bash", "shell")),
    ("CI/CD", ("CI/CD", "Github CI", "GitHub Actions")),
    ("React", ("React", "ReactJS")),
    ("CSS", ("CSS",)),
    ("Java", ("Java",)),
    ("C++", ("C++",)),
    ("WebAssembly", ("WebAssembly", "WASM", "wasm")),
    ("Helm", ("Helm",)),
    ("Grafana", ("Grafana",)),
    ("Envoy", ("Envoy",)),
    ("Distributed systems", ("Distributed systems", "distributed systems")),
    ("Networking", ("Networking", "networking")),
    ("Security", ("Security", "information security")),
    ("Testing", ("Testing", "testing best practices", "Test")),
    ("Technical writing", ("Technical writing", "English", "documentation")),
    ("UX", ("UX", "User Research")),
    ("SQL", ("SQL", "PostgreSQL", "MySQL")),
    ("YAML", ("YAML",)),
    ("eBPF", ("eBPF", "BPF")),
)
_SKILL_QUALIFIERS = ("", "", "", "", " (basic)", " (Optional)", " (beginner is ok)", "(basic)")
_SKILL_PROSE = (
    "Ideally {a} programming, though we'd consider prototyping this in another language.",
    "Some {a} experience, or interest in learning {b}.",
    "Programming REST APIs in any language. Familiarity with {a} is a bonus.",
)

_ISSUE_ORGS = ("kubernetes", "tikv", "thanos-io", "chaos-mesh", "kubeedge", "volcano-sh", "cncf")
_DOMAINS = ("github.com", "docs.example.org", "tools.ietf.org", "en.wikipedia.org")
_SIZES = ("Small (~90 hours)", "Medium (~175 hours)", "Large (~350 hours)", "175 hours")

# Label sets as authors copy them from a template: one set per project.
_DESCRIPTION_LABELS = ("Description", "Description", "Description", "Project Description")
_SKILLS_LABELS = (
    "Recommended Skills",
    "Recommended Skills",
    "Required skills",
    "Recommend Skills",
    "Skills",
)
_MENTOR_LABELS = ("Mentor(s)", "Mentor(s)", "Mentors", "Mentor", "Potential Mentors")
_ISSUE_LABELS = (
    "Upstream Issue (URL)",
    "Upstream Issue (URL)",
    "Upstream Issues",
    "Issue",
    "Upstream Issue",
)
_MENTOR_NOTATIONS = (
    "name_handle",
    "name_handle",
    "name_handle",
    "name_handle_email",
    "md_link",
    "md_link",
    "bare",
    "at_link",
    "sublist",
)

_DEFAULT_IDEAS_PER_PROJECT = 8
_DEFAULT_SEED = 2021

# ---------------------------------------------------------------------------
# The synthetic catalog: plain records, every random choice already made.


@dataclass(frozen=True, slots=True)
class SynthMentor:
    """A generated person; the handle is unique in the catalog."""

    name: str
    handle: str
    email: str


@dataclass(frozen=True, slots=True)
class SynthSkill:
    """A skill as written (``raw``) and its canonical name."""

    name: str
    raw: str


@dataclass(frozen=True, slots=True)
class ProjectStyle:
    """How one project's author writes its ideas (authors copy one template)."""

    description_label: str
    skills_label: str
    mentor_label: str
    issue_label: str
    mentor_notation: str
    mentor_separator: str
    bold_labels: bool
    skills_as_list: bool
    issues_as_list: bool


@dataclass(frozen=True, slots=True)
class SynthIdea:
    """One generated idea."""

    title: str
    group: str | None
    #: A paragraph written before the fields ("" when none).
    lead: str
    #: Markdown blocks of the description, unindented, separated by blank lines.
    description: tuple[str, ...]
    #: "labelled", "unlabelled" (first bullet without label) or "spaced" (``-   Description``).
    description_form: str
    skills: tuple[SynthSkill, ...]
    #: Prose written instead of a skill list ("" when the skills are a list).
    skills_prose: str
    mentors: tuple[SynthMentor, ...]
    issues: tuple[str, ...]
    #: Extra fields in order: (label, Markdown value).
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SynthProject:
    """One generated project with its ideas."""

    name: str
    url: str | None
    intro: str
    style: ProjectStyle
    ideas: tuple[SynthIdea, ...]


@dataclass(frozen=True, slots=True)
class SynthCatalog:
    """A whole generated ideas file."""

    title: str
    preamble: str
    projects: tuple[SynthProject, ...]

    @property
    def idea_count(self) -> int:
        """Number of ideas in the catalog."""
        return sum(len(project.ideas) for project in self.projects)


# ---------------------------------------------------------------------------
# Drawing the catalog.


class _Drawer:
    """Holds the seeded RNG and the pools shared across projects (mentors, names)."""

    def __init__(self, *, seed: int, ideas: int) -> None:
        self.rng = random.Random(seed)
        self.mentors = self._draw_mentor_pool(max(12, ideas * 3 // 5))
        self.project_names: list[str] = []

    # -- people -------------------------------------------------------------

    def _draw_mentor_pool(self, size: int) -> list[SynthMentor]:
        names: dict[str, None] = {}
        handles: dict[str, None] = {}
        pool: list[SynthMentor] = []
        while len(pool) < size:
            name = self._draw_person_name(names)
            handle = self._draw_handle(name, handles)
            pool.append(SynthMentor(name=name, handle=handle, email=f"{handle}@example.org"))
        return pool

    def _draw_person_name(self, taken: dict[str, None]) -> str:
        rng = self.rng
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        if rng.random() < 0.04:
            # "Kevin(Zefeng) Wang": a name with parentheses inside, as in the sample.
            first = f"{first}({rng.choice(_FIRST_NAMES)})"
        name = f"{first} {last}"
        while name in taken:
            name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
            if name in taken:
                name = f"{name} {len(taken)}"
        taken[name] = None
        return name

    def _draw_handle(self, name: str, taken: dict[str, None]) -> str:
        rng = self.rng
        parts = [p for p in name.replace("(", " ").replace(")", " ").split() if p[0].isalpha()]
        ascii_parts = ["".join(c for c in p if c.isascii() and c.isalnum()) for p in parts]
        ascii_parts = [p for p in ascii_parts if p] or ["dev"]
        shape = rng.randrange(4)
        if shape == 0:
            base = ascii_parts[0][0] + ascii_parts[-1]
        elif shape == 1:
            base = "-".join(ascii_parts[:2])
        elif shape == 2:
            base = ascii_parts[0] + ascii_parts[-1]
        else:
            base = ascii_parts[-1] + str(rng.randrange(10, 99))
        base = base.lower() if rng.random() < 0.7 else base
        handle, n = base[:36], 1
        # GitHub handles are case-insensitive: "DPetrova" and "dpetrova" are one person.
        while handle.lower() in taken:
            n += 1
            handle = f"{base[:36]}{n}"
        taken[handle.lower()] = None
        return handle

    # -- text ---------------------------------------------------------------

    def sentence(self, *, words: tuple[int, int] = (8, 22)) -> str:
        rng = self.rng
        out = [rng.choice(_WORDS) for _ in range(rng.randint(*words))]
        roll = rng.random()
        k = rng.randrange(len(out))
        if roll < 0.15:
            out[k] = f"`{out[k]}`"
        elif roll < 0.27:
            out[k] = f"[{out[k]}]({self.url()})"
        elif roll < 0.32:
            out[k] = f"**{out[k]}**"
        elif roll < 0.35:
            out[k] = f"({self.url()})"
        return out[0].capitalize() + " " + " ".join(out[1:]) + rng.choice(".....!?")

    def paragraph(self, *, sentences: tuple[int, int] = (1, 5)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def url(self) -> str:
        rng = self.rng
        domain = rng.choice(_DOMAINS)
        words = "-".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 3)))
        return f"https://{domain}/{rng.choice(_ISSUE_ORGS)}/{words}"

    def bullet_list(self, *, depth: int = 0) -> str:
        """A Markdown list, possibly nested, unindented at the top."""
        rng = self.rng
        lines: list[str] = []
        for _ in range(rng.randint(2, 5)):
            lines.append("- " + self.sentence(words=(4, 14)))
            if depth < 1 and rng.random() < 0.15:
                nested = self.bullet_list(depth=depth + 1)
                lines.extend("  " + line for line in nested.splitlines())
        return "\n".join(lines)

    def description(self) -> tuple[str, ...]:
        rng = self.rng
        blocks = [self.paragraph()]
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
            roll = rng.random()
            if roll < 0.55:
                blocks.append(self.paragraph())
            elif roll < 0.9:
                blocks.append(self.bullet_list())
            else:
                blocks.append(f"```\n{rng.choice(_WORDS)} --{rng.choice(_WORDS)}\n```")
        return tuple(blocks)

    # -- structure -----------------------------------------------------------

    def project_name(self) -> str:
        rng = self.rng
        taken = self.project_names
        name = rng.choice(_PROJECT_HEADS) + rng.choice(_PROJECT_TAILS)
        if name in taken:
            name = f"{name} {rng.choice(_WORDS).capitalize()}"
        base, n = name, 1
        while name in taken:
            n += 1
            name = f"{base} {n}"
        taken.append(name)
        return name

    def idea_title(self, taken: list[str]) -> str:
        rng = self.rng
        base = (
            f"{rng.choice(_TITLE_VERBS)} {rng.choice(_TITLE_ADJECTIVES)} "
            f"{rng.choice(_TITLE_NOUNS)}{rng.choice(_TITLE_TAILS)}"
        )
        title, n = base, 1
        while title in taken:
            n += 1
            title = f"{base} (part {n})"
        taken.append(title)
        return title

    def style(self) -> ProjectStyle:
        rng = self.rng
        notation = rng.choice(_MENTOR_NOTATIONS)
        return ProjectStyle(
            description_label=rng.choice(_DESCRIPTION_LABELS),
            skills_label=rng.choice(_SKILLS_LABELS),
            mentor_label=rng.choice(_MENTOR_LABELS),
            issue_label=rng.choice(_ISSUE_LABELS),
            mentor_notation=notation,
            mentor_separator=rng.choice((", ", ", ", ", ", "; ", " and ")),
            bold_labels=rng.random() < 0.1,
            skills_as_list=rng.random() < 0.15,
            issues_as_list=rng.random() < 0.3,
        )

    def skills(self) -> tuple[tuple[SynthSkill, ...], str]:
        rng = self.rng
        picked = rng.sample(_SKILLS, rng.randint(2, 6))
        skills = tuple(
            SynthSkill(name=name, raw=rng.choice(spellings) + rng.choice(_SKILL_QUALIFIERS))
            for name, spellings in picked
        )
        prose = ""
        if rng.random() < 0.05:
            prose = rng.choice(_SKILL_PROSE).format(a=picked[0][0], b=picked[1][0])
            skills = (SynthSkill(name=picked[0][0], raw=picked[0][0]),)
        return skills, prose

    def idea_mentors(self, project_pool: Sequence[SynthMentor]) -> tuple[SynthMentor, ...]:
        rng = self.rng
        count = rng.choice((1, 1, 2, 2, 2, 3))
        candidates = list(project_pool)
        if rng.random() < 0.2:
            candidates.append(rng.choice(self.mentors))
        picked = rng.sample(candidates, min(count, len(candidates)))
        # Dedupe by handle keeping order (a global pick may repeat a project mentor).
        seen: dict[str, SynthMentor] = {}
        for mentor in picked:
            seen.setdefault(mentor.handle, mentor)
        return tuple(seen.values())

    def issues(self) -> tuple[str, ...]:
        rng = self.rng
        org = rng.choice(_ISSUE_ORGS)
        repo = rng.choice(_WORDS) + "-" + rng.choice(_WORDS)
        count = rng.choice((1, 1, 1, 1, 2, 3))
        return tuple(
            f"https://github.com/{org}/{repo}/issues/{rng.randint(1, 20000)}" for _ in range(count)
        )

    def extra_fields(self) -> tuple[tuple[str, str], ...]:
        rng = self.rng
        fields: list[tuple[str, str]] = []
        if rng.random() < 0.5:
            fields.append(("Expected Outcome", self.paragraph(sentences=(1, 2))))
        if rng.random() < 0.4:
            fields.append(("Expected project size", rng.choice(_SIZES)))
        if rng.random() < 0.4:
            uid = "".join(rng.choice("0123456789abcdef") for _ in range(32))
            fields.append(("LFX URL", f"https://mentorship.lfx.linuxfoundation.org/project/{uid}"))
        return tuple(fields)

    def idea(self, *, title: str, group: str | None, pool: Sequence[SynthMentor]) -> SynthIdea:
        rng = self.rng
        skills, prose = self.skills()
        roll = rng.random()
        form = "unlabelled" if roll < 0.05 else "spaced" if roll < 0.06 else "labelled"
        return SynthIdea(
            title=title,
            group=group,
            lead=self.sentence() if rng.random() < 0.08 else "",
            description=self.description(),
            description_form=form,
            skills=skills,
            skills_prose=prose,
            mentors=self.idea_mentors(pool),
            issues=self.issues(),
            fields=self.extra_fields(),
        )

    def project(self, idea_count: int) -> SynthProject:
        rng = self.rng
        name = self.project_name()
        pool = rng.sample(self.mentors, min(len(self.mentors), rng.randint(2, 5)))
        groups = rng.sample(_GROUPS, 3) if idea_count >= 3 and rng.random() < 0.1 else []
        titles: list[str] = []
        ideas = []
        for i in range(idea_count):
            group = groups[i * len(groups) // idea_count] if groups else None
            ideas.append(self.idea(title=self.idea_title(titles), group=group, pool=pool))
        slug = name.lower().replace(" ", "-")
        return SynthProject(
            name=name,
            url=f"https://github.com/{slug}" if rng.random() < 0.1 else None,
            intro=self.paragraph(sentences=(1, 2)) if rng.random() < 0.15 else "",
            style=self.style(),
            ideas=tuple(ideas),
        )


def _split_ideas(rng: random.Random, *, ideas: int, projects: int) -> list[int]:
    """Distribute ``ideas`` over ``projects`` unevenly (real files: 1 to ~20 per project)."""
    counts = [1] * projects
    weights = [rng.paretovariate(1.5) for _ in range(projects)]
    for index in rng.choices(range(projects), weights=weights, k=ideas - projects):
        counts[index] += 1
    return counts


def build_catalog(
    *, ideas: int, projects: int | None = None, seed: int = _DEFAULT_SEED
) -> SynthCatalog:
    """Draw a catalog of exactly ``ideas`` ideas over ``projects`` projects."""
    if ideas < 1:
        raise ValueError("ideas must be at least 1")
    projects = projects or max(1, round(ideas / _DEFAULT_IDEAS_PER_PROJECT))
    projects = min(projects, ideas)
    drawer = _Drawer(seed=seed, ideas=ideas)
    counts = _split_ideas(drawer.rng, ideas=ideas, projects=projects)
    return SynthCatalog(
        title="Project ideas",
        preamble=(
            "Project maintainers and mentors, please submit the ideas below (under the "
            "Proposed Project Ideas section) using the "
            "[template](https://github.com/cncf/mentoring/blob/main/PROJECT_IDEA_TEMPLATE.md)."
        ),
        projects=tuple(drawer.project(count) for count in counts),
    )


# ---------------------------------------------------------------------------
# Rendering the ideas file.


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line if line else "" for line in text.splitlines())


def _label(style: ProjectStyle, label: str) -> str:
    return f"**{label}:**" if style.bold_labels else f"{label}:"


def _render_mentor(mentor: SynthMentor, notation: str) -> str:
    if notation in ("name_handle", "sublist"):
        return f"{mentor.name} (@{mentor.handle})"
    if notation == "name_handle_email":
        return f"{mentor.name} (@{mentor.handle}, {mentor.email})"
    if notation == "md_link":
        return f"[@{mentor.handle}](https://github.com/{mentor.handle})"
    if notation == "at_link":
        return f"{mentor.name} (@[{mentor.handle}](https://github.com/{mentor.handle}))"
    return f"@{mentor.handle}"


def _render_mentors(idea: SynthIdea, style: ProjectStyle) -> list[str]:
    label = _label(style, style.mentor_label)
    items = [_render_mentor(m, style.mentor_notation) for m in idea.mentors]
    if style.mentor_notation == "sublist":
        return [f"- {label}", *(f"  - {item}" for item in items)]
    # Bare handle lists are comma-separated in practice, whatever the project's habit.
    separator = ", " if style.mentor_notation == "bare" else style.mentor_separator
    return [f"- {label} {separator.join(items)}"]


def _render_skills(idea: SynthIdea, style: ProjectStyle) -> list[str]:
    label = _label(style, style.skills_label)
    if idea.skills_prose:
        return [f"- {label} {idea.skills_prose}"]
    raws = [skill.raw for skill in idea.skills]
    if style.skills_as_list:
        return [f"- {label}", *(f"  - {raw}" for raw in raws)]
    return [f"- {label} {', '.join(raws)}"]


def _render_issues(idea: SynthIdea, style: ProjectStyle) -> list[str]:
    label = _label(style, style.issue_label)
    if style.issues_as_list or len(idea.issues) > 1:
        return [f"- {label}", *(f"  - {url}" for url in idea.issues)]
    return [f"- {label} {idea.issues[0]}"]


def _render_description(idea: SynthIdea, style: ProjectStyle) -> list[str]:
    first, rest = idea.description[0], idea.description[1:]
    if idea.description_form == "unlabelled":
        head = f"- {first}"
    elif idea.description_form == "spaced":
        # ``-       Description:`` is in the sample; markdown-it reads it as indented code.
        head = f"-       {_label(style, style.description_label)} {first}"
    else:
        head = f"- {_label(style, style.description_label)} {first}"
    lines = [head]
    for block in rest:
        lines += ["", _indent(block)]
    if rest:
        lines.append("")
    return lines


def render_idea(idea: SynthIdea, style: ProjectStyle, *, level: int) -> str:
    """One idea as Markdown, heading at ``level``."""
    lines = [f"{'#' * level} {idea.title}", ""]
    if idea.lead:
        lines += [idea.lead, ""]
    lines += _render_description(idea, style)
    lines += _render_skills(idea, style)
    lines += _render_mentors(idea, style)
    lines += _render_issues(idea, style)
    for label, value in idea.fields:
        lines.append(f"- {_label(style, label)} {value}")
    return "\n".join(lines) + "\n"


def render_project(project: SynthProject, *, level: int) -> str:
    """A project heading, its intro, and its ideas (grouped when they have groups)."""
    heading = f"[{project.name}]({project.url})" if project.url else project.name
    parts = [f"{'#' * level} {heading}\n"]
    if project.intro:
        parts.append(project.intro + "\n")
    group: str | None = None
    for idea in project.ideas:
        if idea.group and idea.group != group:
            parts.append(f"{'#' * (level + 1)} {idea.group}\n")
        group = idea.group
        idea_level = level + (2 if idea.group else 1)
        parts.append(render_idea(idea, project.style, level=idea_level))
    return "\n".join(parts)


_TEMPLATE_BLOCK = """### Template

```
### CNCF Project Name
#### Title

-	Description:
-	Recommended Skills:
-	Mentor(s):
-	Upstream Issue (URL):
```
"""

_SAMPLE_SECTION = """### Prometheus (sample)

#### Refactor the APIs for better readability and less maintenance overhead

- Description: Currently the HTTP API is not very well organized and needs some tidying up.
- Recommended Skills: golang
- Mentor(s): Krasi Georgiev (@krasi-georgiev)
- Issue: https://github.com/prometheus/prometheus/issues/3416
"""


def render_markdown(catalog: SynthCatalog) -> str:
    """The whole ideas file: title, preamble, template, sample, then the projects."""
    parts = [f"## {catalog.title}\n", catalog.preamble + "\n", _TEMPLATE_BLOCK, _SAMPLE_SECTION]
    parts += [render_project(project, level=3) for project in catalog.projects]
    return "\n".join(parts)


def generate_catalog(*, ideas: int, projects: int | None = None, seed: int = _DEFAULT_SEED) -> str:
    """A synthetic ideas file with ``ideas`` ideas over ``projects`` projects, as text."""
    return render_markdown(build_catalog(ideas=ideas, projects=projects, seed=seed))


def ideas_for_size(size_mb: float, *, seed: int = _DEFAULT_SEED) -> int:
    """How many ideas make a file of about ``size_mb`` MB (estimated from a 400-idea draw)."""
    probe = 400
    bytes_per_idea = len(generate_catalog(ideas=probe, seed=seed).encode("utf-8")) / probe
    return max(1, round(size_mb * 1_000_000 / bytes_per_idea))


def generate_sized(size_mb: float, *, seed: int = _DEFAULT_SEED) -> str:
    """A synthetic ideas file of about ``size_mb`` MB (within a few percent)."""
    return generate_catalog(ideas=ideas_for_size(size_mb, seed=seed), seed=seed)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, help="number of ideas (default 1000)")
    parser.add_argument("--projects", type=int, help="number of projects (default ideas/8)")
    parser.add_argument("--size-mb", type=float, help="aim at this file size instead of --ideas")
    parser.add_argument("--seed", type=int, default=_DEFAULT_SEED)
    parser.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    args = _parse_args(argv)
    ideas = args.ideas
    if args.size_mb is not None:
        ideas = ideas_for_size(args.size_mb, seed=args.seed)
    text = generate_catalog(ideas=ideas or 1000, projects=args.projects, seed=args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        size = len(text.encode("utf-8")) / 1e6
        print(f"wrote {args.output}: {ideas or 1000} ideas, {size:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
