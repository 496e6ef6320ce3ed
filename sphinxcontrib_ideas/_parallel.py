"""Parallel builds (``sphinx-build -j N``): forked workers that do not copy the parent's heap.

With ``-j N`` Sphinx forks a worker process per chunk of documents, once to read them and
once to write them. A forked worker shares the parent's memory until it writes to a page
(copy-on-write), and Python's cyclic garbage collector, when it runs in the worker, writes
to the header of every object it walks: the parent's whole heap (the environment, the
parsed catalogs, every module) gets copied into each worker, page by page, and walked
again. In the benchmark (``benchmarks/bench_build.py``, 2,000 ideas, 2 CPUs) that made
``-j 2`` no faster than ``-j 1``.

``gc.freeze()`` right before the forks moves every object alive at that moment out of the
collector's sight, which is what the Python documentation of :func:`gc.freeze` advises for
``fork()`` without ``exec()``; ``gc.unfreeze()`` when the build ends hands them back, so
a process that builds several times (a test suite, a server) collects them as before.
Serial builds are left alone.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def freeze_before_forking(app: Sphinx, *args: Any) -> None:
    """``env-before-read-docs`` and ``env-updated`` (the reading and the writing workers
    are forked right after): keep what is alive now out of the workers' collections."""
    if app.parallel > 1:
        gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: give the frozen objects back to the collector."""
    if app.parallel > 1:
        gc.unfreeze()


def setup_parallel(app: Sphinx) -> None:
    """Connect the handlers above."""
    app.connect("env-before-read-docs", freeze_before_forking)
    # late, after every other handler has added to the environment
    app.connect("env-updated", freeze_before_forking, priority=900)
    app.connect("build-finished", unfreeze)
