"""Markdown fragments of an ideas file rendered into the host page: the only module
that imports ``myst_parser`` (its API moves between major versions).

Data flow: a description, field value or intro (Markdown source and its first line in
the ideas file) --(:class:`FragmentRenderer`)--> docutils nodes placed in a container of
the page being read, whatever that page's own syntax. One MyST renderer is bound to the
host document; we never call ``md.render()`` (its final step overwrites the page's heading
slugs and word count) and render into a container, so a heading in a fragment becomes a
rubric instead of breaking the page's sections. The ideas file is untrusted: the renderer
subclass below keeps raw HTML as text, drops unsafe link schemes and refuses directives
and roles (``{raw}``, ``{include}``), which would otherwise run from anyone's pull request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser

from ._logging import file_location, warn
from .ideasfile._depth import MARKDOWN_NESTING
from .ideasfile._sanitize import (
    HIDDEN_ADDRESS,
    dropped_link_message,
    link_target,
    redact_addresses,
)
from .ideasfile._urls import split_bare_urls
from .ideasfile.model import Subtype

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx


def setup_myst(app: Sphinx) -> None:
    """Register what MyST needs (roles, transforms, ``myst_*`` config), without its parser.

    ``app.setup_extension("myst_parser")`` would also register ``.md`` as a source suffix
    and turn every stray Markdown file into a page, so that is done only when the project
    lists ``myst_parser`` itself (before or after us).
    """
    from myst_parser.sphinx_ext.main import setup_sphinx

    if "myst_parser" in app.config.extensions:
        # The project loads MyST itself: set it up now, once, through Sphinx (which then
        # skips it); myst-parser before 5.2 fails when its setup runs twice.
        app.setup_extension("myst_parser")
    else:
        setup_sphinx(app, load_parser=False)
    # MyST logs its whole configuration on every build; a project that did not list
    # myst_parser itself did not ask for that line.
    _QuietMystConfig.quiet = "myst_parser" not in app.config.extensions
    if not any(isinstance(f, _QuietMystConfig) for f in _MYST_LOGGER.filters):
        _MYST_LOGGER.addFilter(_QuietMystConfig())


#: The logger MyST reports its configuration with (Sphinx prefixes "sphinx.").
_MYST_LOGGER = logging.getLogger("sphinx.myst_parser.sphinx_ext.main")


class _QuietMystConfig(logging.Filter):
    """Drops MyST's "myst vX: MdParserConfig(...)" line in projects that did not load MyST."""

    #: Set for each Sphinx application by :func:`setup_myst` (builds in one process run
    #: one after the other).
    quiet = False

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.quiet and str(record.msg).find("myst v%s:") >= 0)


class _SafeRenderer(SphinxRenderer):
    """MyST's Sphinx renderer with the policy for untrusted fragments."""

    ideas_source: str = ""
    ideas_base_url: str = ""
    ideas_allow_html: bool = False
    #: ``ideas_show_emails``: otherwise an address in a fragment is not published.
    ideas_show_emails: bool = False
    #: The footnotes of the fragment being rendered, see :func:`_footnotes`.
    ideas_footnotes: _Footnotes | None = None

    def create_warning(
        self,
        message: str,
        subtype: Any,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        """Every MyST finding as an ``ideas.markdown`` warning at ``ideas.md:LINE``."""
        warn(
            "%s",
            message,
            subtype=Subtype.MARKDOWN,
            location=file_location(self.ideas_source, line or 0),
        )
        return None

    def render_text(self, token: SyntaxTreeNode) -> None:
        text = token.content if self.ideas_show_emails else redact_addresses(token.content)
        if _in_link(self.current_node):  # a link's own text, also inside its emphasis
            self.current_node.append(nodes.Text(text))
            return
        # bare URLs become links, as GitHub shows them (and LaTeX can then break them)
        for piece, is_url in split_bare_urls(text):
            if is_url:
                link = nodes.reference(piece, piece, refuri=piece)
                self.add_line_and_source_path(link, token)  # linkcheck reports the line
                self.current_node.append(link)
            else:
                self.current_node.append(nodes.Text(piece))

    def render_link(self, token: SyntaxTreeNode) -> None:
        href = str(token.attrGet("href") or "")
        if href.lower().startswith("mailto:") and not self.ideas_show_emails:
            # the link goes; its text stays, unless the text is the address itself
            text = self.renderInlineAsText(token.children or [])
            self.current_node.append(nodes.Text(redact_addresses(text) or HIDDEN_ADDRESS))
            return
        verdict = link_target(href, base_url=self.ideas_base_url)
        if verdict.unsafe_scheme:
            self._warn_unsafe(href, verdict.unsafe_scheme, token)
        if verdict.url is None:
            self.render_children(token)
            return
        token.attrs["href"] = verdict.url
        token.attrs.pop("class", None)
        token.attrs.pop("id", None)
        self.render_link_url(token)

    def _warn_unsafe(self, target: str, scheme: str, token: SyntaxTreeNode) -> None:
        warn(
            "%s",
            dropped_link_message(target, scheme),
            subtype=Subtype.UNSAFE,
            location=file_location(self.ideas_source, token_line(token, 0)),
        )

    def render_image(self, token: SyntaxTreeNode) -> None:
        """An image becomes a link to it: no remote fetch, and safe in every builder."""
        src = str(token.attrGet("src") or "")
        verdict = link_target(src, base_url=self.ideas_base_url)
        alt = self.renderInlineAsText(token.children or []) or src
        if verdict.unsafe_scheme:
            self._warn_unsafe(src, verdict.unsafe_scheme, token)
        if verdict.url is None:
            self.current_node.append(nodes.Text(alt))
            return
        self.current_node.append(nodes.reference(alt, alt, refuri=verdict.url))

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        self._render_html(token.content, inline=True)

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        self._render_html(token.content, inline=False)

    def _render_html(self, content: str, *, inline: bool) -> None:
        if _is_comment(content):
            return
        if self.ideas_allow_html:
            self.current_node.append(nodes.raw("", content, format="html"))
        elif inline:
            self.current_node.append(nodes.Text(content))
        else:
            self.current_node.append(nodes.paragraph(content, content.strip()))

    def render_directive(
        self,
        token: SyntaxTreeNode,
        name: str,
        arguments: str,
        *,
        additional_options: dict[str, str] | None = None,
    ) -> None:
        """A directive fence is shown as code: ``{raw}`` or ``{include}`` must not run."""
        self._render_as_code(token)

    def render_restructuredtext(self, token: SyntaxTreeNode) -> None:
        self._render_as_code(token)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        text = f"{{{token.meta.get('name', '')}}}`{token.content}`"
        self.current_node.append(nodes.literal(text, text))

    def render_footnote_ref(self, token: SyntaxTreeNode) -> None:
        """``[^x]``: linked to its definition in the same fragment, else kept as text.

        Footnote names are the page's: each fragment gets its own, so two ideas on one
        page may both say ``[^1]``, and a problem is ours to report at ``ideas.md:LINE``
        (docutils would report it later, under its own type).
        """
        label = str(token.meta["label"])
        notes = self.ideas_footnotes
        if notes is None or label not in notes.defined:
            self._warn_footnote("footnote [^%s] is not defined", label, token)
            self.current_node.append(nodes.Text(f"[^{label}]"))
            return
        token.meta["label"] = notes.name(label)
        super().render_footnote_ref(token)

    def render_footnote_reference(self, token: SyntaxTreeNode) -> None:
        """``[^x]: text``: a footnote when referenced in its fragment, else plain text."""
        label = str(token.meta["label"])
        notes = self.ideas_footnotes
        if notes is None or label not in notes.referenced:
            self._warn_footnote("footnote [^%s] is not referenced", label, token)
            self.render_children(token)
            return
        token.meta["label"] = notes.name(label)
        super().render_footnote_reference(token)

    def _warn_footnote(self, message: str, label: str, token: SyntaxTreeNode) -> None:
        warn(
            message,
            label,
            subtype=Subtype.MARKDOWN,
            location=file_location(self.ideas_source, token_line(token, 0)),
        )

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        """A fragment has no front matter; a ``---`` block there is not configuration."""

    def render_myst_target(self, token: SyntaxTreeNode) -> None:
        """``(label)=`` would add labels to the host page from untrusted text."""

    def _render_as_code(self, token: SyntaxTreeNode) -> None:
        text = f"{token.markup}{token.info}\n{token.content}{token.markup}"
        block = nodes.literal_block(text, text)
        block["force"] = True
        self.current_node.append(block)


def _in_link(node: nodes.Node | None) -> bool:
    """Whether ``node`` is a link or lies inside one (a link in a link is not HTML)."""
    while node is not None:
        if isinstance(node, nodes.reference):
            return True
        node = node.parent
    return False


def _accept_link(url: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class _Footnotes:
    """The footnote labels one fragment defines and references, and its own names."""

    defined: frozenset[str]
    referenced: frozenset[str]
    #: Prefix that makes the fragment's footnote names its own on the page.
    prefix: str

    def name(self, label: str) -> str:
        return f"{self.prefix}-{label}"


def _footnotes(md: MarkdownIt, text: str, prefix: str) -> _Footnotes | None:
    """What a fragment's footnotes are (None when it has none: no second parse)."""
    if "[^" not in text:
        return None
    defined: set[str] = set()
    referenced: set[str] = set()
    for token in _all_tokens(md.parse(text + "\n", {})):
        if token.type == "footnote_reference_open":
            defined.add(str(token.meta["label"]))
        elif token.type == "footnote_ref":
            referenced.add(str(token.meta["label"]))
    return _Footnotes(frozenset(defined), frozenset(referenced), prefix)


def _all_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _all_tokens(token.children or [])


def _is_comment(content: str) -> bool:
    stripped = content.strip()
    return stripped.startswith("<!--") and stripped.endswith("-->")


class FragmentRenderer:
    """Renders the Markdown fragments of one ideas file into one host document."""

    def __init__(
        self,
        document: nodes.document,
        *,
        source: str,
        base_url: str = "",
        allow_html: bool = False,
        show_emails: bool = False,
    ) -> None:
        # A fixed default configuration, not the host's ``myst_*``: the ideas file must
        # render the same in every project, and extensions such as ``substitution`` or
        # ``html_image`` would hand untrusted text more power.
        config = MdParserConfig()
        #: The ideas file: nodes made from it carry it as their source (see .nodes).
        self.source = source
        self._md = create_md_parser(config, _SafeRenderer)
        # Above the reader's bound (it flattens anything deeper, with a warning), so MyST
        # never stops at its own limit and drops the rest of a fragment.
        self._md.options["maxNesting"] = MARKDOWN_NESTING
        # markdown-it drops ``javascript:`` links silently; let them through to
        # ``render_link`` so they are reported, then dropped.
        self._md.validateLink = _accept_link  # type: ignore[method-assign]
        self._document = document
        renderer = self._md.renderer
        assert isinstance(renderer, _SafeRenderer)
        renderer.setup_render({**self._md.options, "document": document}, {})
        renderer.ideas_source = source
        renderer.ideas_base_url = base_url
        renderer.ideas_allow_html = allow_html
        renderer.ideas_show_emails = show_emails
        self._renderer = renderer
        self._source = source

    def block(self, text: str, line: int, *, classes: tuple[str, ...] = ()) -> nodes.container:
        """``text`` (block Markdown starting at 1-based ``line``) rendered in a container."""
        container = nodes.container(classes=list(classes))
        if text.strip():
            with self._rendering(container):
                self._renderer.md_env = {}
                self._renderer.ideas_footnotes = _footnotes(self._md, text, self._next_prefix())
                self._renderer.nested_render_text(text, max(line - 1, 0))
        _force_highlighting(container)
        return container

    def inline(self, text: str, line: int) -> list[nodes.Node]:
        """``text`` (one paragraph of Markdown) as inline nodes."""
        paragraph = self.block(text, line)
        first = paragraph.next_node(nodes.paragraph)
        if first is not None and len(paragraph.children) == 1:
            return list(first.children)
        return list(paragraph.children)

    def _next_prefix(self) -> str:
        """A name prefix for the footnotes of the next fragment, unique on the page (a
        count kept on the document: several renderers may serve one page)."""
        count = int(self._document.get("ideas_fragments", 0)) + 1
        self._document["ideas_fragments"] = count
        # the page's name too: singlehtml and latex put every page in one document
        env = getattr(self._document.settings, "env", None)
        page = getattr(env, "docname", "") or ""
        return "-".join(filter(None, ("ideas-fn", page.replace("/", "-"), str(count))))

    @contextmanager
    def _rendering(self, container: nodes.Element) -> Iterator[None]:
        """Render into ``container`` with the document's source switched to the ideas file
        (as MyST's own include does), so nodes and later warnings point there."""
        saved_source = self._document["source"]
        self._document["source"] = self._source
        try:
            with self._renderer.current_node_context(container):
                yield
        finally:
            self._document["source"] = saved_source


def _force_highlighting(container: nodes.Element) -> None:
    """Code in an ideas file is not ours to lint: a lexer error must not fail ``-W``."""
    for block in container.findall(nodes.literal_block):
        block["force"] = True
