"""The catalog model turned into docutils nodes, the same for every builder.

Data flow: :class:`~.model.Project` / :class:`~.model.Idea` (and the skills and mentor
tables built from them) --(functions below, called by the directives while a page is
read)--> sections, field lists and lists of ``pending_xref`` nodes that the ``ideas``
domain resolves once every page is read. Markdown fragments go through
:class:`~._myst.FragmentRenderer`. The classes set here (``ideas-idea``, ``ideas-meta``...)
are the contract with the stylesheet and the filter script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from .ideasfile._sanitize import is_web_url, link_target

if TYPE_CHECKING:
    from ._myst import FragmentRenderer
    from .ideasfile.model import Idea, Mentor, Project, Skill

_ = get_translation("sphinxcontrib_ideas")
_N = TypeVar("_N", bound=nodes.Node)


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a page needs besides the model to render a project."""

    #: Renders the ideas file's Markdown fragments into this page.
    fragments: FragmentRenderer
    #: Catalog key when object names are qualified by catalog, else "".
    prefix: str
    #: Publish mentors' e-mail addresses.
    show_emails: bool
    #: Upstream URL of the ideas file ("" if unknown): each idea links to its line.
    upstream_url: str = ""
    #: Show each project's introduction (``:no-intros:`` hides them).
    show_intros: bool = True


def object_name(prefix: str, *parts: str) -> str:
    """A domain object name: dotted slugs, behind the catalog key when there is one."""
    return ".".join((prefix, *parts) if prefix else parts)


#: The start of the ids of projects, skills and mentors. Without it an id would read
#: ``<object type>-<name>`` (``mentor-andylokandy``), a form Sphinx's search index stores
#: shortened and search scripts rebuild from the *display* name ("mentor-Andy Lok"), an
#: id that does not exist: results would open the page at no entry.
ANCHOR_PREFIX = "ideas-"


def project_anchor(prefix: str, project_slug: str) -> str:
    """The id of a project's section."""
    return ANCHOR_PREFIX + "-".join(("project", *([prefix] if prefix else []), project_slug))


def idea_anchor(prefix: str, project_slug: str, idea_slug: str) -> str:
    """The id of an idea's section: unique on a page that shows several projects."""
    return "-".join(("idea", *([prefix] if prefix else []), project_slug, idea_slug))


def skill_anchor(slug: str) -> str:
    """The id of a skill's entry in the skills index."""
    return f"{ANCHOR_PREFIX}skill-{slug}"


def mentor_anchor(slug: str) -> str:
    """The id of a mentor's entry in the mentor index."""
    return f"{ANCHOR_PREFIX}mentor-{slug}"


def with_former_id(anchor: str) -> list[str]:
    """The ids of an element whose id is ``anchor``: the id itself, then the id it had
    before the ``ideas-`` prefix (version 0.x), so links made to the old form still land."""
    former = anchor.removeprefix(ANCHOR_PREFIX)
    return [anchor, former] if former != anchor else [anchor]


def xref(
    reftype: str, target: str, text: str, *, classes: Sequence[str] = ()
) -> addnodes.pending_xref:
    """A reference to an ``ideas`` object, resolved once every page is read."""
    node = addnodes.pending_xref(
        "",
        refdomain="ideas",
        reftype=reftype,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        classes=list(classes),
    )
    node += nodes.inline(text, text, classes=["xref", "ideas", *classes])
    return node


def doc_link(docname: str, text: str) -> addnodes.pending_xref:
    """A link to a whole page (an index, a project page)."""
    node = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=True
    )
    node += nodes.inline(text, text, classes=["xref", "std", "std-doc"])
    return node


def external(url: str, text: str, *, classes: Sequence[str] = ()) -> nodes.reference:
    """A link out of the site (issue, profile)."""
    return nodes.reference(text, text, refuri=url, classes=list(classes))


def project_section(
    project: Project, ideas: Iterable[Idea], options: RenderOptions
) -> nodes.section:
    """A project with its intro and one section per idea."""
    section = nodes.section(
        ids=with_former_id(project_anchor(options.prefix, project.slug)),
        classes=["ideas-project"],
    )
    # the title's own class: themes that write sections as bare headings drop the section's
    title = nodes.title(project.name, project.name, classes=["ideas-project-title"])
    section += located(title, options, project.line)
    if project.url:
        verdict = link_target(project.url)
        if verdict.url:
            link = located(external(verdict.url, verdict.url), options, project.line)
            section += nodes.paragraph("", "", link)
    if options.show_intros and project.intro.strip():
        section += options.fragments.block(
            project.intro, project.intro_line, classes=("ideas-intro",)
        )
    for idea in ideas:
        section += idea_section(project, idea, options)
    return section


def idea_section(project: Project, idea: Idea, options: RenderOptions) -> nodes.section:
    """One idea: title, description, then its skills, mentors, issues and other fields."""
    section = nodes.section(
        ids=[idea_anchor(options.prefix, project.slug, idea.slug)], classes=["ideas-idea"]
    )
    title = nodes.title(idea.title, idea.title, classes=["ideas-idea-title"])
    section += located(title, options, idea.line)
    if idea.group:
        group = nodes.paragraph(idea.group, idea.group, classes=["ideas-group"])
        section += located(group, options, idea.line)
    if idea.description.strip():
        section += options.fragments.block(
            idea.description, idea.description_line, classes=("ideas-description",)
        )
    section += idea_meta(idea, options)
    return section


def idea_meta(idea: Idea, options: RenderOptions) -> nodes.field_list:
    """The field list under an idea's description."""
    meta = nodes.field_list(classes=["ideas-meta"])
    if idea.skills or idea.skills_text:
        meta += _field(_("Skills"), _skills_body(idea, options), key="skills")
    if idea.mentors:
        body = joined(_mentor_nodes(m, options, idea.line) for m in idea.mentors)
        meta += _field(_("Mentors"), [nodes.paragraph("", "", *body)], key="mentors")
    if idea.issues:
        meta += _field(
            _("Issues"),
            [nodes.paragraph("", "", *_issue_nodes(idea.issues, options, idea.line))],
            key="issues",
        )
    if idea.url:
        verdict = link_target(idea.url)
        if verdict.url:
            link = located(external(verdict.url, verdict.url), options, idea.line)
            meta += _field(_("Link"), [nodes.paragraph("", "", link)], key="link")
    for extra in idea.fields:
        value = options.fragments.block(extra.value, extra.line)
        field = _field(extra.label, list(value.children), key=extra.key)
        located(field[0], options, extra.line)  # the label as written: translatable
        meta += field
    if options.upstream_url:
        url = f"{options.upstream_url}#L{idea.line}"
        link = external(url, _("line %d of the ideas file") % idea.line)
        meta += _field(_("Source"), [nodes.paragraph("", "", link)], key="source")
    return meta


def located(node: _N, options: RenderOptions, line: int) -> _N:
    """``node``, made from the ideas file at ``line``: link checks, message catalogs and
    warnings point there, and a text node with a source is translatable (``gettext``)."""
    node.source, node.line = options.fragments.source, line
    return node


def _field(label: str, body: list[nodes.Node], *, key: str) -> nodes.field:
    field = nodes.field(classes=[f"ideas-field-{key}"])
    field += nodes.field_name(label, label)
    field += nodes.field_body("", *body)
    return field


def joined(groups: Iterable[list[nodes.Node]], separator: str = ", ") -> list[nodes.Node]:
    """The nodes of each group, with ``separator`` as text between two groups (a mentor's
    group: the link and its profile)."""
    result: list[nodes.Node] = []
    for group in groups:
        if result:
            result.append(nodes.Text(separator))
        result.extend(group)
    return result


def _skills_body(idea: Idea, options: RenderOptions) -> list[nodes.Node]:
    """Linked skills; the text as written too when it says more than the skill names."""
    body: list[nodes.Node] = []
    if idea.skills:
        body.append(nodes.paragraph("", "", *skill_chips(idea.skills)))
    if idea.skills_text.strip() and not _only_names(idea.skills_text, idea.skills):
        block = options.fragments.block(idea.skills_text, idea.line, classes=("ideas-skills-text",))
        body.append(block)
    return body


def _only_names(text: str, skills: Sequence[Skill]) -> bool:
    """Whether ``text`` is just the skills' own spellings, so repeating it adds nothing."""
    rest = text
    for skill in skills:
        rest = rest.replace(skill.raw, "", 1)
    return not rest.strip(" ,;./\t\n-*")


def skill_note(skill: Skill) -> str:
    """A chip's muted qualifiers after the skill's name: " (basic, Optional)", or ""."""
    qualifiers = ", ".join(q for q in (skill.level, skill.note) if q)
    return f" ({qualifiers})" if qualifiers else ""


def skill_ref(skill: Skill) -> addnodes.pending_xref:
    """A skill linked to its skills-index entry, as a chip: its canonical name ("Go" for
    "Golang") with its qualifiers after it as muted text ("(basic)")."""
    node = xref("skill", skill.slug, skill.name, classes=["ideas-skill"])
    note = skill_note(skill)
    if note:
        # inside the link's content (the resolver keeps only the xref's first child)
        label = node[0]
        assert isinstance(label, nodes.inline)
        label += nodes.inline(note, note, classes=["ideas-skill-note"])
    return node


class chip(nodes.Inline, nodes.TextElement):
    """A skill or a mentor on the catalog page, written as plain text with its key.

    ``kind`` is ``"skill"`` or ``"mentor"``, ``key`` the slug of its index entry, ``name``
    the name shown and ``note`` a skill's qualifiers (" (basic)"); its text is both. At
    thousands of ideas a link per chip made most of the catalog page's weight; in HTML
    the page's script makes each a link to its entry (:func:`visit_chip_html`), and
    without the script the chips are text, as the rest of the list is.
    """


#: What the page's script takes for a chip's key when it has none (``script_key``).
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def script_key(name: str) -> str:
    """The key the catalog page's script reads from a chip's name when the chip carries
    none: lower case, each run of other characters one dash ("User research" ->
    "user-research"); ideas.js does the same (``chipKey``)."""
    return _NOT_KEY.sub("-", name.lower()).strip("-")


def visit_chip_html(translator: Any, node: chip) -> None:
    """The chip as one element: ``<span class="ideas-skill">Go</span>``, a qualifier muted
    inside it (``<small> (basic)</small>``), and the key only when the script cannot read
    it from the name (``data-k="cicd"`` for "CI/CD", a mentor's handle)."""
    name: str = node["name"]
    readable = name.isascii() and script_key(name) == node["key"]
    start = translator.starttag(node, "span", "", **({} if readable else {"data-k": node["key"]}))
    note = f"<small>{translator.encode(node['note'])}</small>" if node.get("note") else ""
    translator.body.append(f"{start}{translator.encode(name)}{note}</span>")
    raise nodes.SkipNode  # written whole: the children are its text for other readers


def visit_chip_text(translator: Any, node: chip) -> None:
    """Other formats, on entering and leaving: nothing but the text (chips are made for
    HTML pages only; registered so that no builder fails on one)."""


def compact_skill_chips(skills: Iterable[Skill]) -> list[nodes.Node]:
    """Skills as :class:`chip` nodes: the canonical name, its qualifiers muted; a space
    between chips."""
    result: list[nodes.Node] = []
    for skill in skills:
        if result:
            result.append(nodes.Text(" "))
        note = skill_note(skill)
        node = chip(
            "",
            skill.name + note,
            kind="skill",
            key=skill.slug,
            name=skill.name,
            note=note,
            classes=["ideas-skill"],
        )
        result.append(node)
    return result


def compact_mentor(mentor: Mentor) -> chip:
    """A mentor as a :class:`chip` node, named as pages name them."""
    label = mentor_label(mentor)
    return chip("", label, kind="mentor", key=mentor.slug, name=label, classes=["ideas-mentor"])


def skill_chips(skills: Iterable[Skill]) -> list[nodes.Node]:
    """Skills as linked chips; the commas between them are for text and PDF output only
    (HTML hides them: the chips are apart)."""
    result: list[nodes.Node] = []
    for skill in skills:
        if result:
            result.append(nodes.inline(", ", ", ", classes=["ideas-skill-sep"]))
        result.append(skill_ref(skill))
    return result


def _mentor_nodes(mentor: Mentor, options: RenderOptions, line: int) -> list[nodes.Node]:
    # a mentor known only by a handle is named after it: "@ann (GitHub)", not "ann (@ann)"
    result: list[nodes.Node] = [mentor_ref(mentor)]
    extras: list[nodes.Node] = []
    if mentor.github:
        handle_only = is_handle_only(mentor.name, mentor.github)
        profile = github_link(mentor.github, text="GitHub" if handle_only else None)
        extras.append(located(profile, options, line))
    if mentor.email and options.show_emails:
        extras.append(external(f"mailto:{mentor.email}", mentor.email, classes=["ideas-email"]))
    if mentor.role:
        extras.append(nodes.emphasis(mentor.role, mentor.role))
    if extras:
        result.append(nodes.Text(" ("))
        result.extend(joined([e] for e in extras))
        result.append(nodes.Text(")"))
    return result


def is_handle_only(name: str, github: str | None) -> bool:
    """Whether a mentor is known by a GitHub handle only (the reader names them after it)."""
    return github is not None and name == github


def person_label(name: str, github: str | None) -> str:
    """A mentor as pages show them: the name, or ``@negz`` when only the handle is known."""
    return f"@{github}" if is_handle_only(name, github) else name


def mentor_label(mentor: Mentor) -> str:
    """:func:`person_label` of a mentor of the model."""
    return person_label(mentor.name, mentor.github)


def mentor_ref(mentor: Mentor) -> addnodes.pending_xref:
    """A mentor linked to their mentor-index entry."""
    return xref("mentor", mentor.slug, mentor_label(mentor), classes=["ideas-mentor"])


def github_link(handle: str, *, text: str | None = None) -> nodes.reference:
    """``@handle`` (or ``text``) linked to the GitHub profile."""
    label = text or f"@{handle}"
    return external(f"https://github.com/{handle}", label, classes=["ideas-github"])


def _issue_nodes(issues: Sequence[str], options: RenderOptions, line: int) -> list[nodes.Node]:
    """Issue URLs as links (plain URLs are not links in MyST without linkify)."""
    groups: list[list[nodes.Node]] = []
    for issue in issues:
        if is_web_url(issue):
            link = external(issue, issue_label(issue), classes=["ideas-issue"])
            groups.append([located(link, options, line)])
        else:
            groups.append([nodes.Text(issue)])
    return joined(groups)


def issue_label(url: str) -> str:
    """``owner/repo#123`` for a GitHub issue or pull request, else the URL itself."""
    parts = url.rstrip("/").split("/")
    if len(parts) >= 7 and parts[2] == "github.com" and parts[5] in {"issues", "pull"}:
        return f"{parts[3]}/{parts[4]}#{parts[6]}"
    return url


def index_entry(
    anchor: str,
    heading: list[nodes.Node],
    ideas: Sequence[tuple[str, str, str]],
    *,
    docname: str,
) -> nodes.container:
    """One entry of an index: its heading line, then every idea (object name, idea title,
    project label) as a link, with the count."""
    entry = nodes.container(ids=with_former_id(anchor), classes=["ideas-index-entry"])
    # LaTeX labels sections and targets, not containers: without this, links to the
    # entry are dead in the PDF (the id stays on the container for HTML's :target)
    label = rf"\phantomsection\label{{\detokenize{{{docname}:{anchor}}}}}"
    entry += nodes.raw("", label, format="latex")
    count = nodes.inline("", f" ({len(ideas)})", classes=["ideas-count"])
    entry += nodes.paragraph("", "", *heading, count, classes=["ideas-index-heading"])
    items = nodes.bullet_list()
    for name, title, project in ideas:
        item = nodes.paragraph("", "", xref("idea", name, title), nodes.Text(f" — {project}"))
        items += nodes.list_item("", item)
    entry += items
    return entry
