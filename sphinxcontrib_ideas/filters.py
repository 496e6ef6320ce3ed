"""Selecting ideas: the filters every listing directive shares.

Data flow: directive options (``:projects:``, ``:skills:``, ``:mentors:``, ``:catalogs:``,
``:filter:``) --> :class:`IdeaFilter` --> ``matches(catalog, project, idea)`` while the
directive builds its nodes. Pure: no Sphinx import, no ``eval``.

The ``:filter:`` expression language is small on purpose::

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand [("==" | "!=" | "in" | "not in" | "~" | "!~") operand]
    operand    := STRING | NAME | "(" expr ")"

Names are the idea's attributes (see :data:`FILTER_NAMES`). Comparisons are
case-insensitive; on a list attribute (skills, mentors, issues) ``==`` and ``~`` hold when
any element does. ``"Go" in skills`` tests membership, ``"ebpf" in description`` a
substring; ``title ~ "oper.*"`` is a regular-expression search. A bare name is true when
the attribute is not empty.

Regular expressions use RE2's syntax and run on RE2 (``google-re2``): its time is linear
in the text, whatever the pattern, so a reader-supplied ``(a+)+$`` cannot stall a build on
a title from someone's pull request. Back-references and look-arounds are not available.
Parentheses and ``not`` nest at most :data:`MAX_FILTER_DEPTH` levels.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import re2

from sphinxcontrib_ideas.ideasfile.model import Catalog, Idea, Project, normalize_name, slugify

Value = str | tuple[str, ...]

#: The attribute names a ``:filter:`` expression may use, with what each holds.
FILTER_NAMES: dict[str, str] = {
    "title": "the idea's title",
    "slug": "the idea's slug",
    "project": "the project's name",
    "group": "the group heading between project and idea (empty if none)",
    "catalog": "the catalog's label, else its file name",
    "skills": "canonical skill names (a list)",
    "mentors": "mentor names and GitHub handles (a list)",
    "issues": "upstream issue URLs (a list)",
    "description": "the description's Markdown source",
    "fields": "every extra field as 'label: value' (a list)",
}

_MAX_PATTERN = 200  # keeps a reader-supplied regex from being a denial of service
#: Deepest nesting of parentheses and ``not`` in an expression: parsing and evaluating
#: recurse once per level.
MAX_FILTER_DEPTH = 32
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<op>==|!=|!~|~|\(|\))
      | (?P<word>[A-Za-z_][A-Za-z0-9_.-]*)
    )""",
    re.VERBOSE,
)


class FilterError(ValueError):
    """A ``:filter:`` expression that cannot be understood; ``str()`` says where."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "string", "op", "word", "end"
    text: str
    pos: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if match is None or match.end() == pos:
            raise FilterError(f"unexpected character {source[pos:].lstrip()[:1]!r} at {pos + 1}")
        kind = match.lastgroup or "op"
        tokens.append(_Token(kind, match.group(kind), match.start(kind)))
        pos = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


def _unquote(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal[1:-1])


Context = dict[str, Value]
Predicate = Callable[[Context], bool]


class _Parser:
    """Recursive descent over the tokens; builds a tree of closures."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> _Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def take(self) -> _Token:
        token = self.peek()
        self.index += 1
        return token

    def at_word(self, word: str) -> bool:
        token = self.peek()
        return token.kind == "word" and token.text.lower() == word

    def fail(self, what: str) -> FilterError:
        token = self.peek()
        found = repr(token.text) if token.kind != "end" else "end of expression"
        return FilterError(f"expected {what}, found {found} at {token.pos + 1}")

    def parse(self) -> Predicate:
        predicate = self.parse_or()
        if self.peek().kind != "end":
            raise self.fail("'and', 'or' or end of expression")
        return predicate

    def parse_or(self) -> Predicate:
        parts = [self.parse_and()]
        while self.at_word("or"):
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else _any_of(parts)

    def parse_and(self) -> Predicate:
        parts = [self.parse_not()]
        while self.at_word("and"):
            self.take()
            parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else _all_of(parts)

    def deeper(self) -> None:
        """One more level of nesting; too many is an error, not a RecursionError."""
        self.depth += 1
        if self.depth > MAX_FILTER_DEPTH:
            at = self.peek().pos + 1
            raise FilterError(
                f"expression nested deeper than {MAX_FILTER_DEPTH} levels "
                f"(parentheses or 'not') at {at}"
            )

    def parse_not(self) -> Predicate:
        if self.at_word("not"):
            self.take()
            self.deeper()
            inner = self.parse_not()
            self.depth -= 1
            return lambda context: not inner(context)
        return self.parse_comparison()

    def parse_comparison(self) -> Predicate:
        if self.peek().text == "(" and self.peek().kind == "op":
            self.take()
            self.deeper()
            inner = self.parse_or()
            self.depth -= 1
            if self.take().text != ")":
                self.index -= 1
                raise self.fail("')'")
            return inner
        left = self.parse_operand()
        operator = self.parse_operator()
        if operator is None:
            return lambda context: bool(left(context))
        if operator in {"~", "!~"}:
            token = self.peek()
            if token.kind != "string":
                raise self.fail("a quoted regular expression after " + repr(operator))
            self.take()
            return _match(operator, left, _compile_pattern(_unquote(token.text)))
        right = self.parse_operand()
        return _compare(operator, left, right)

    def parse_operator(self) -> str | None:
        token = self.peek()
        if token.kind == "op" and token.text in {"==", "!=", "~", "!~"}:
            return self.take().text
        if self.at_word("in"):
            self.take()
            return "in"
        if self.at_word("not") and self.peek(1).kind == "word" and self.peek(1).text == "in":
            self.index += 2
            return "not in"
        return None

    def parse_operand(self) -> Callable[[Context], Value]:
        token = self.take()
        if token.kind == "string":
            text = _unquote(token.text)
            return lambda context: text
        if token.kind == "word" and token.text.lower() not in {"and", "or", "not", "in"}:
            name = token.text.lower()
            if name not in FILTER_NAMES:
                known = ", ".join(FILTER_NAMES)
                raise FilterError(
                    f"unknown name {token.text!r} at {token.pos + 1} (known: {known})"
                )
            return lambda context: context.get(name, "")
        self.index -= 1
        raise self.fail("a quoted string or a name")


def _any_of(parts: list[Predicate]) -> Predicate:
    return lambda context: any(part(context) for part in parts)


def _all_of(parts: list[Predicate]) -> Predicate:
    return lambda context: all(part(context) for part in parts)


def _items(value: Value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _compile_pattern(text: str) -> Any:
    """The pattern compiled by RE2 (linear time), case-insensitive."""
    if len(text) > _MAX_PATTERN:
        raise FilterError(f"regular expression longer than {_MAX_PATTERN} characters")
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print its own message on stderr
    try:
        return re2.compile(text, options)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", errors="replace")
        raise FilterError(f"bad regular expression {text!r}: {reason}") from None


def _match(operator: str, left: Callable[[Context], Value], pattern: Any) -> Predicate:
    # The pattern is compiled at parse time, so a bad one is reported before any idea is tested.
    negate = operator == "!~"
    return lambda context: negate != any(pattern.search(v) for v in _items(left(context)))


def _compare(
    operator: str, left: Callable[[Context], Value], right: Callable[[Context], Value]
) -> Predicate:
    if operator in {"==", "!="}:
        negate = operator == "!="

        def equal(context: Context) -> bool:
            wanted = {v.casefold() for v in _items(right(context))}
            return negate != any(v.casefold() in wanted for v in _items(left(context)))

        return equal
    negate = operator == "not in"

    def contains(context: Context) -> bool:
        needle, haystack = left(context), right(context)
        needles = [v.casefold() for v in _items(needle)]
        if isinstance(haystack, tuple):
            found = {v.casefold() for v in haystack}
            return negate != any(n in found for n in needles)
        return negate != any(n in haystack.casefold() for n in needles)

    return contains


@functools.lru_cache(maxsize=256)
def compile_filter(source: str) -> Predicate:
    """Compile a ``:filter:`` expression; raise :class:`FilterError` if it is malformed.

    Cached: a directive tests the same expression against every idea.
    """
    if not source.strip():
        raise FilterError("empty filter expression")
    return _Parser(source).parse()


def idea_context(catalog: Catalog, project: Project, idea: Idea) -> Context:
    """The values a filter expression sees for one idea."""
    return {
        "title": idea.title,
        "slug": idea.slug,
        "project": project.name,
        "group": idea.group or "",
        "catalog": catalog_name(catalog),
        "skills": tuple(skill.name for skill in idea.skills),
        "mentors": tuple(
            value for mentor in idea.mentors for value in (mentor.name, mentor.github) if value
        ),
        "issues": idea.issues,
        "description": idea.description,
        "fields": tuple(f"{field.label}: {field.value}" for field in idea.fields),
    }


def catalog_name(catalog: Catalog) -> str:
    """How filters and listings name a catalog: its label, else its file name."""
    return catalog.label or catalog.source.replace("\\", "/").rsplit("/", 1)[-1]


def _keys(values: Iterable[str]) -> frozenset[str]:
    return frozenset(slugify(v) for v in values if v.strip())


@dataclass(frozen=True, slots=True)
class IdeaFilter:
    """The selection of ideas a directive shows; empty fields select everything.

    Names are compared by slug, so ``TiKV``, ``tikv`` and ``ti-kv`` written by a user all
    select the project whose slug is ``tikv``; mentors match by handle or name.
    """

    projects: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    mentors: frozenset[str] = frozenset()
    catalogs: frozenset[str] = frozenset()
    expression: str = ""

    @classmethod
    def from_options(
        cls,
        *,
        projects: Iterable[str] = (),
        skills: Iterable[str] = (),
        mentors: Iterable[str] = (),
        catalogs: Iterable[str] = (),
        expression: str = "",
    ) -> IdeaFilter:
        """Build a filter from option values; raise :class:`FilterError` on a bad expression."""
        if expression:
            compile_filter(expression)
        return cls(
            projects=_keys(projects),
            skills=_keys(skills),
            mentors=_keys(m.lstrip("@") for m in mentors),
            catalogs=_keys(catalogs),
            expression=expression,
        )

    def matches_project(self, catalog: Catalog, project: Project) -> bool:
        """Whether any idea of ``project`` can be selected (project and catalog filters)."""
        if self.catalogs and not (_keys([catalog_name(catalog), catalog.source]) & self.catalogs):
            return False
        return not self.projects or bool(_keys([project.name, project.slug]) & self.projects)

    def matches(self, catalog: Catalog, project: Project, idea: Idea) -> bool:
        """Whether ``idea`` is selected."""
        if not self.matches_project(catalog, project):
            return False
        if self.skills and not (_keys(s.name for s in idea.skills) & self.skills):
            return False
        if self.mentors and not (self.mentors & _mentor_keys(idea)):
            return False
        if self.expression:
            return compile_filter(self.expression)(idea_context(catalog, project, idea))
        return True


def _mentor_keys(idea: Idea) -> frozenset[str]:
    return _keys(
        value
        for mentor in idea.mentors
        for value in (mentor.github or "", mentor.name, normalize_name(mentor.name))
    )
