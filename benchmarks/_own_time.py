"""The extension's own share of a build's CPU time, by sampling (benchmark use only).

Issue 5 asks for "the extension's own work (parsing, rendering, indices)" per idea. A build's
total CPU time also holds Sphinx's own work (transforms, search index, HTML writing), which
grows with the number of pages for hand-written pages too, so it does not tell the
extension's cost apart. This sampler does: every ``INTERVAL`` seconds of CPU time
(``ITIMER_PROF``) it looks at the Python stack of the build and counts the sample as the
extension's when a frame of ``sphinxcontrib_ideas`` is on it, that is while our code or
anything it called runs: parsing the ideas file, rendering the ideas' Markdown through
MyST, building the pages' nodes, the indices, resolving ``ideas`` references, ``ideas.json``.

``bench_build.py`` turns it on for the A builds with the sidebar off by setting
``BENCH_OWN_TIME`` to this folder; the generated ``conf.py`` then calls :func:`start`, and
at exit one line ``own-time samples: OURS of TOTAL`` goes to stderr (the build log).

Limits: Python runs a signal handler between bytecodes, so a long call into C (a big
``pickle.dumps``, a regular expression over a whole file) counts as one sample at most;
samples cover the build from ``conf.py`` on (not Sphinx's own start-up); ``-j`` workers are
not sampled (the timer is not inherited across ``fork``), so use it with ``-j 1``.
"""

from __future__ import annotations

import atexit
import signal
import sys
from pathlib import Path
from types import FrameType

#: Seconds of CPU time between samples: 2 ms is ~500 samples per CPU second, for a
#: stack walk of a few microseconds each.
INTERVAL = 0.002

_counts = {"ours": 0, "total": 0}
_package = ""


def _sample(signum: int, frame: FrameType | None) -> None:
    _counts["total"] += 1
    while frame is not None:
        if frame.f_code.co_filename.startswith(_package):
            _counts["ours"] += 1
            return
        frame = frame.f_back


def _report() -> None:
    signal.setitimer(signal.ITIMER_PROF, 0)
    print(f"own-time samples: {_counts['ours']} of {_counts['total']}", file=sys.stderr)


def start() -> None:
    """Sample this process until it exits (call once, from ``conf.py``)."""
    global _package
    import sphinxcontrib_ideas

    _package = str(Path(sphinxcontrib_ideas.__file__).parent) + "/"
    signal.signal(signal.SIGPROF, _sample)
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    atexit.register(_report)
