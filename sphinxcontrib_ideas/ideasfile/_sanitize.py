"""What an untrusted ideas file may put into our pages.

Data flow: a link or image target found while rendering a Markdown fragment or a field
--(:func:`link_target`)--> an absolute http(s)/mailto URL, or nothing (shown as text).
Anyone can send a pull request to an ideas file; the built site must not run their
script, so only these schemes survive and raw HTML is text (see ``_myst``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

#: Schemes a link in an ideas file may use.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers ignore these inside a scheme ("java\tscript:"), so they must not hide one.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True, slots=True)
class LinkVerdict:
    """What to do with a link target."""

    #: The URL to link to, or None to show the link's text only.
    url: str | None
    #: Set when the target was dropped as unsafe: the offending scheme.
    unsafe_scheme: str | None = None


def dropped_link_message(target: str, scheme: str) -> str:
    """The ``ideas.unsafe`` message for a link dropped for its scheme (the same words in
    descriptions, prose and mentor entries)."""
    return f"link to {target!r} dropped: the {scheme!r} scheme is not allowed"


def link_target(href: str, *, base_url: str = "") -> LinkVerdict:
    """Decide a link target: keep safe absolute URLs, resolve relative ones against
    ``base_url`` (the ideas file's upstream URL), drop every other scheme."""
    compact = _IGNORED_BY_BROWSERS.sub("", href)
    match = _SCHEME.match(compact)
    if match:
        scheme = match.group(1).lower()
        if scheme in SAFE_SCHEMES:
            return LinkVerdict(href.strip())
        return LinkVerdict(None, unsafe_scheme=scheme)
    if compact.startswith("//"):
        # protocol-relative: make it explicit rather than inherit the page's scheme
        return LinkVerdict("https:" + href.strip())
    if not compact or compact.startswith("#") or not base_url:
        return LinkVerdict(None)
    target = href.strip()
    if target.startswith("/"):
        # "/TEMPLATE.md": GitHub and GitLab resolve it against the repository's root
        return LinkVerdict(urljoin(repository_root(base_url), target.lstrip("/")))
    return LinkVerdict(urljoin(base_url, target))


#: ``https://github.com/<owner>/<repo>/blob/<ref>/...`` (or ``tree``), GitLab's
#: ``https://<host>/<group>/.../<project>/-/blob/<ref>/...``, and raw GitHub files.
_REPOSITORY_FILE = (
    re.compile(r"^(https?://github\.com/[^/]+/[^/]+/(?:blob|tree|raw)/[^/]+/)"),
    re.compile(r"^(https?://raw\.githubusercontent\.com/[^/]+/[^/]+/[^/]+/)"),
    re.compile(r"^(https?://[^/]+/(?:[^/]+/)+-/(?:blob|tree|raw)/[^/]+/)"),
)


def repository_root(base_url: str) -> str:
    """Where a root-relative link (``/TEMPLATE.md``) in the file at ``base_url`` points:
    the repository's root at the same branch on GitHub and GitLab, else the file's folder."""
    for shape in _REPOSITORY_FILE:
        match = shape.match(base_url)
        if match:
            return match.group(1)
    return urljoin(base_url, ".")


def is_web_url(value: str) -> bool:
    """Whether ``value`` is an http(s) URL with a host (an upstream issue, a profile)."""
    parts = urlsplit(value.strip())
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


#: Something written as an e-mail address, well-formed or not ("ann@example.org",
#: "hello@"): at least one character before the "@", so a GitHub handle ("@ann",
#: "Ann (@ann)") is not one.
# Each match starts where a run of such characters starts, and a local part has at most
# 64 characters: a 100,000-character run is scanned once, not once per position.
_ADDRESS = re.compile(r"(?<![^\s'\"<>()\[\]@,;:])[^\s'\"<>()\[\]@,;:]{1,64}@[^\s'\"<>()\[\],;:@]*")
#: An address written to fool harvesters: "ann (at) example (dot) org", "ann [at]
#: example.org", "ann at example.org" (a bare "at" only before a dotted domain, so that
#: prose such as "meet at noon" is left alone).
_OBFUSCATED_ADDRESS = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}\s*(?:\(at\)|\[at\]|\{at\})\s*[\w-]{1,64}"
    r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|\.)\s*[\w-]{1,64}){1,8}"
    r"|(?<![\w.+-])[\w.+-]{1,64}\s+at\s+[\w-]{1,64}(?:\.[\w-]{1,64}){0,8}\.[a-z]{2,24}\b",
    re.IGNORECASE,
)
#: What every match of ``_OBFUSCATED_ADDRESS`` contains: a cheap test that spares most
#: texts the full pattern (whose look-behind is tried at every position).
_MAY_BE_OBFUSCATED = re.compile(r"[(\[{]at[)\]}]|\sat\s", re.IGNORECASE)
#: What a hidden address is shown as in a published message.
HIDDEN_ADDRESS = "<e-mail address>"


def redact_addresses(text: str) -> str:
    """``text`` with every e-mail address replaced by :data:`HIDDEN_ADDRESS`.

    For messages that are published (a build log on Read the Docs is public,
    ``ideas.json`` is served with the site) while mentors' addresses are hidden.
    """
    if _MAY_BE_OBFUSCATED.search(text):
        text = _OBFUSCATED_ADDRESS.sub(HIDDEN_ADDRESS, text)
    return _ADDRESS.sub(HIDDEN_ADDRESS, text) if "@" in text else text
