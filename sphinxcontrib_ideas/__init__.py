"""sphinxcontrib-ideas: a mentoring program's project-ideas file as a Sphinx catalog."""

from __future__ import annotations

__version__ = "0.1.0.dev0"
