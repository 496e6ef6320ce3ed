"""Value parsers: the Mentors, Skills and Upstream issue fields of an idea.

Data flow: the parser finds a labelled field and hands its value (Markdown source, the
inline text plus any continuation lines or dedented sub-list) to one of the ``parse_*``
functions here; they return model records plus diagnostics, never raise. Everything
here is pure text processing: no Sphinx, no markdown-it. ``source`` of a diagnostic is
left empty; the parser fills it in.

This module is the public face; the work is done in private siblings, one per value
kind: :mod:`._mentors`, :mod:`._skills`, :mod:`._urls`, on the helpers of :mod:`._text`.
"""

from __future__ import annotations

from ._mentors import parse_mentors
from ._skills import BUILTIN_SKILL_ALIASES, canonical_skill, parse_skills
from ._text import is_valid_email, is_valid_github_handle, is_valid_url
from ._urls import find_urls, parse_issues

__all__ = [
    "BUILTIN_SKILL_ALIASES",
    "canonical_skill",
    "find_urls",
    "is_valid_email",
    "is_valid_github_handle",
    "is_valid_url",
    "parse_issues",
    "parse_mentors",
    "parse_skills",
]
