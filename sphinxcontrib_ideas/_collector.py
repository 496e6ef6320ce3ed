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
``build-finished``:

1. **Per page**, for the builders that write a page per document (html, dirhtml, epub).
   The middle generation is collected only when a page begins
   (``html-page-context``), where the previous page's objects are all garbage: they are
   freed there, and do not reach the oldest generation. (Raising the youngest
   generation's threshold as well saved a little more time but cost 6% more memory at
   500 ideas.)
2. **Freeze what writing starts with**, after an edit. What is alive when reading is
   done (the environment, the parsed catalogs) stays alive until the build ends, yet
   every full collection while pages are written walks it again: after an edit at 2,000
   ideas, one such pass on the general index page cost 0.7 s, more than the page.
   ``gc.freeze()`` moves every object alive at ``env-updated`` out of the collector's
   sight (they are still freed by reference counting; cycles among them wait for
   ``gc.unfreeze()`` at the end of the build). Only when the build read a few documents
   (at most :data:`MANY_READ`): Sphinx keeps the doctrees it read for writing, and each
   becomes garbage, a cycle, once its page is written; frozen, the doctrees of a full
   build would all be kept to its end (34% more memory at 2,000 ideas).
3. **Freeze, with** ``-j N``. Sphinx forks processes to read documents and to write them.
   A forked process shares the main process's memory until it writes to a page of it
   (copy-on-write), and the collector, when it runs in the worker, walks every object it
   tracks and writes to its header: the whole environment would be walked, and copied,
   once more in every worker. So the freeze above also happens before Sphinx forks its
   readers (``env-before-read-docs``, for every builder), as the Python documentation of
   :func:`gc.freeze` advises for ``fork()`` without ``exec()``, and after each document
   the main process resolves for a writer (``doctree-resolved``, after collecting the
   young garbage): Sphinx resolves every chunk of documents before the writers are done
   with the first, so a writer would otherwise walk the documents queued for all the
   others. The queued documents are alive until the end anyway.
4. **At exit.** When the Python process ends, the interpreter runs one last full
   collection over everything still alive, to free memory the operating system takes
   back anyway: 0.8 s after an edit at 2,000 ideas, as long as the no-op build itself.
   The first build of a process registers an exit handler that freezes everything
   first, so the exit is as quick as the build left it.

Nothing changes when the collector is switched off (``gc.disable()`` or a threshold of
0). The thresholds and the freezes are undone at ``build-finished``, so that a process that
builds several times (a test suite) is left as it was until it exits.
"""

from __future__ import annotations

import atexit
import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The middle generation's threshold while pages are written: in effect never, as it is
#: collected when a page begins (Python's default is 10 collections of the youngest).
GEN1_NEVER = 1_000_000_000
#: A serial build that read more documents than this does not freeze: the doctrees it
#: read are kept for writing and become garbage one by one as their pages are written.
MANY_READ = 20

#: Whether this process freezes everything before it exits (registered once).
_exit_handler: list[bool] = []


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
    # How many documents this build reads.
    reading: list[int] = [0]
    # Whether this build froze objects (to unfreeze at its end).
    froze: list[bool] = []

    def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """``env-before-read-docs``: Sphinx forks its readers right after."""
        reading[0] = len(docnames)
        if app.config.ideas_tune_gc and app.parallel > 1:
            gc.freeze()
            froze.append(True)

    def before_writing(app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: Sphinx forks its writers right after."""
        # a collector switched off (``gc.disable()`` in conf.py) is the user's choice
        collecting = gc.isenabled() and gc.get_threshold()[0] > 0
        if not app.config.ideas_tune_gc or not collecting:
            return
        if app.parallel > 1 or reading[0] <= MANY_READ:
            gc.freeze()
            froze.append(True)
        if not _exit_handler:
            atexit.register(gc.freeze)
            _exit_handler.append(True)
        if writes_a_page_per_document(app) and not saved:
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
            froze.append(True)

    def restore(app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: the thresholds of before the build, nothing frozen."""
        if saved:
            gc.set_threshold(*saved.pop())
        if froze:
            gc.unfreeze()
            froze.clear()

    app.connect("env-before-read-docs", before_reading)
    # late, after every other handler has added to the environment
    app.connect("env-updated", before_writing, priority=900)
    app.connect("html-page-context", page_begins)
    app.connect("doctree-resolved", resolved, priority=900)
    app.connect("build-finished", restore)
