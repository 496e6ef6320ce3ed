"""Python's garbage collector while Sphinx writes pages: each page's garbage is freed when
the page is done, and a forked writer does not walk the main process's memory.

A Sphinx build allocates millions of container objects that refer to each other: a
docutils node points to its parent, so the nodes of a page, and the copy of the whole
toctree that the theme's navigation makes for every page, are freed by the cyclic
collector, not by reference counting. With Python's default thresholds the collector
catches them alive in the middle of a page, moves them to its oldest generation, and frees
them only in full collections, which walk the whole heap: in the benchmark
(``benchmarks/bench_build.py``, 10,000 ideas, alabaster) that was 62% of the time spent
writing pages (282 s of 453).

While ``ideas_tune_gc`` is true (the default), from ``env-updated`` (reading is done) to
``build-finished``, for the builders that write a page per document (html, dirhtml, epub):

1. **Per page.** The middle generation is collected only when a page begins
   (``html-page-context``), where the previous page's objects are all garbage: they are
   freed there, and do not reach the oldest generation. (Raising the youngest
   generation's threshold as well saved a little more time but cost 6% more memory at
   500 ideas.)
2. **Freeze, with** ``-j N``. Sphinx forks processes to read documents and to write them.
   A forked process shares the main process's memory until it writes to a page of it
   (copy-on-write), and the collector, when it runs in the worker, walks every object it
   tracks and writes to its header: the whole environment would be walked, and copied,
   once more in every worker. ``gc.freeze()`` moves every object alive at that moment out
   of the collector's sight, as the Python documentation of :func:`gc.freeze` advises for
   ``fork()`` without ``exec()``. It is called before Sphinx forks its readers
   (``env-before-read-docs``, for every builder) and its writers (``env-updated``), and
   after each document the main process resolves for a writer (``doctree-resolved``,
   after collecting the young garbage): Sphinx resolves every chunk of documents before
   the writers are done with the first, so a writer would otherwise walk the documents
   queued for all the others. Frozen objects are freed only after ``gc.unfreeze()`` at
   the end of the build; the queued documents are alive until then anyway.

Nothing changes when the collector is switched off (``gc.disable()`` or a threshold of
0). Both are undone at ``build-finished``, so that a process that builds several times (a
test suite, ``sphinx-autobuild``) is left as it was.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The middle generation's threshold while pages are written: in effect never, as it is
#: collected when a page begins (Python's default is 10 collections of the youngest).
GEN1_NEVER = 1_000_000_000


def writes_a_page_per_document(app: Sphinx) -> bool:
    """Whether ``app``'s builder writes one HTML page per document (with an
    ``html-page-context`` event for each)."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    builder = app.builder
    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, SingleFileHTMLBuilder
    )


def setup_collector(app: Sphinx) -> None:
    """Connect the handlers that tune the collector for the builds of ``app``."""
    # The thresholds in force before this app's build started writing, to put back.
    saved: list[tuple[int, int, int]] = []

    def before_reading(app: Sphinx, *args: Any) -> None:
        """``env-before-read-docs``: Sphinx forks its readers right after."""
        if app.config.ideas_tune_gc and app.parallel > 1:
            gc.freeze()

    def before_writing(app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: Sphinx forks its writers right after."""
        if not app.config.ideas_tune_gc:
            return
        if app.parallel > 1:
            gc.freeze()
        # a collector switched off (``gc.disable()`` in conf.py) is the user's choice
        collecting = gc.isenabled() and gc.get_threshold()[0] > 0
        if collecting and writes_a_page_per_document(app) and not saved:
            saved.append(gc.get_threshold())
            gen0, _gen1, gen2 = saved[0]
            gc.set_threshold(gen0, GEN1_NEVER, gen2)

    def page_begins(app: Sphinx, *args: Any) -> None:
        """``html-page-context``: the previous page's objects are garbage now."""
        if saved:
            gc.collect(1)

    def resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """``doctree-resolved``: in a parallel build, a document for a writer."""
        if saved and app.builder.parallel_ok:
            gc.collect(1)
            gc.freeze()

    def restore(app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: the thresholds of before the build, nothing frozen."""
        if saved:
            gc.set_threshold(*saved.pop())
        if app.config.ideas_tune_gc and app.parallel > 1:
            gc.unfreeze()

    app.connect("env-before-read-docs", before_reading)
    # late, after every other handler has added to the environment
    app.connect("env-updated", before_writing, priority=900)
    app.connect("html-page-context", page_begins)
    app.connect("doctree-resolved", resolved, priority=900)
    app.connect("build-finished", restore)
