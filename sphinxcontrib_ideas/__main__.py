"""``python -m sphinxcontrib_ideas``: the ``sphinx-ideas`` command."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
