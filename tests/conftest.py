"""Shared fixtures: Sphinx's own test fixtures, rooted at ``tests/roots``."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The bundled real-world sample (CNCF LFX 2021 Spring), also the demo catalog.
SEED = (
    Path(__file__).parent.parent / "sphinxcontrib_ideas" / "data" / "cncf-lfx-2021-spring-ideas.md"
)

# sphinx.testing.fixtures is loaded by ``-p sphinx.testing.fixtures`` in pyproject.toml.


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``roots/test-x``."""
    return Path(__file__).parent.resolve() / "roots"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the bundled sample ideas file."""
    return SEED
