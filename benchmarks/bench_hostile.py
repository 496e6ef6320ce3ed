"""Hostile-input benchmark: inputs that used to cost time growing with their square, or
worse, now cost time proportional to their size.

Place in the data flow: each case builds a text in memory -> times
``sphinxcontrib_ideas.ideasfile.parser.parse_catalog`` (what ``sphinx-ideas check`` and a
build both run) or a compiled ``:filter:`` expression -> prints CPU seconds per size and the
ratio between the largest and the smallest size next to the ratio of the sizes (equal
ratios: linear).

Cases (issue 12):

- one ``Mentor(s):`` line naming N people (each entry used to be compared with all the
  earlier ones);
- N ideas with one title in one project (slugs used to count from ``-2`` each time);
- N example ideas in a sample (each heading in it scanned the rest of its siblings);
- ``title ~ "(a+)+$"`` against titles of ``a``s ending in ``b``: Python's ``re`` backtracks
  exponentially (timed up to 24 characters only), the filter's RE2 engine is linear.

With ``--build``, the first two cases are also built as Sphinx sites (an rST page with
``.. ideas-catalog::``, the html builder, a fresh output folder each time) and the wall
seconds of ``sphinx-build`` are printed: the issue measured 87 s for a build with one
mentor line of 8,000 people.

Usage::

    python benchmarks/bench_hostile.py
    python benchmarks/bench_hostile.py --sizes 1000,8000
    python benchmarks/bench_hostile.py --build --sizes 1000,8000

This prints numbers; it is not a test.
"""

from __future__ import annotations

import argparse
import gc
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sphinxcontrib_ideas._latex import symbols_named
from sphinxcontrib_ideas.filters import compile_filter
from sphinxcontrib_ideas.ideasfile._splice import splice
from sphinxcontrib_ideas.ideasfile._urls import split_bare_urls
from sphinxcontrib_ideas.ideasfile.parser import parse_catalog


def mentor_line(people: int) -> str:
    """One idea whose mentor line names ``people`` people."""
    names = ", ".join(f"Person {i} (@person-{i})" for i in range(people))
    return f"## Alpha\n\n### One\n\n- Description: d\n- Skills: Go\n- Mentors: {names}\n"


def same_titles(ideas: int) -> str:
    """One project of ``ideas`` ideas that all have the same title."""
    idea = "### Same title\n\n- Description: d\n- Skills: Go\n- Mentors: @ann-ex\n\n"
    return "## Alpha\n\n" + idea * ideas


def sample_ideas(ideas: int) -> str:
    """A "Sample" section holding ``ideas`` example ideas (each bare heading inside it is
    checked for a project that slipped in: that check once scanned ahead from every one)."""
    idea = "- Description: d\n- Skills: Go\n- Mentors: @ann-ex\n\n"
    examples = "".join(f"##### Example {i}\n\n{idea}" for i in range(ideas))
    real = f"### Real\n\n#### One\n\n{idea}"
    return f"## Ideas\n\n### Sample\n\n#### Foo (sample)\n\n{examples}{real}"


def cpu_seconds(work: Callable[[], object], repeat: int = 3) -> float:
    """Best CPU time of ``repeat`` runs of ``work``, the cyclic garbage collector paused.

    Its full collections walk every live object, so they grow faster than the input for
    markdown-it's tokens alone too (see README.md); paused, the figures show our code.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def parse_case(name: str, make: Callable[[int], str], sizes: list[int]) -> None:
    """The parse of ``make(N)``; and the splice of a word added to its middle line into
    that parse (what a build does after such an edit), spliced in or declined."""
    times = []
    for size in sizes:
        text = make(size)
        seconds = cpu_seconds(lambda text=text: parse_catalog(text, source="bench.md"))
        times.append(seconds)
        outcome, splice_seconds = _splice_an_edit(text)
        print(f"{name:<22} {size:>7} {seconds:>10.3f}   splice {splice_seconds:.3f} ({outcome})")
    growth = times[-1] / max(times[0], 1e-9)
    print(f"{name:<22} time x{growth:.1f} for size x{sizes[-1] / sizes[0]:.0f} (linear: equal)\n")


def _splice_an_edit(text: str) -> tuple[str, float]:
    lines = text.split("\n")
    middle = len(lines) // 2
    edited = "\n".join([*lines[:middle], lines[middle] + " more", *lines[middle + 1 :]])
    old = parse_catalog(text, source="bench.md")
    made = splice(text, old, edited, source="bench.md")
    seconds = cpu_seconds(lambda: splice(text, old, edited, source="bench.md"))
    return ("spliced" if made is not None else "declined"), seconds


def text_case(name: str, work: Callable[[str], object], make: Callable[[int], str]) -> None:
    """A text function of the page rendering, on inputs ten times larger each step."""
    times = []
    sizes = [10_000, 100_000, 1_000_000]
    for size in sizes:
        text = make(size)
        seconds = cpu_seconds(lambda text=text: work(text))
        times.append(seconds)
        print(f"{name:<22} {size:>7} {seconds:>10.3f}")
    growth = times[-1] / max(times[0], 1e-9)
    print(f"{name:<22} time x{growth:.1f} for size x{sizes[-1] / sizes[0]:.0f} (linear: equal)\n")


def build_case(name: str, make: Callable[[int], str], sizes: list[int]) -> None:
    """Wall seconds of a whole ``sphinx-build -b html`` of one catalog page over ``make(N)``."""
    times = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder)
            (site / "ideas.md").write_text(make(size), encoding="utf-8")
            (site / "conf.py").write_text("extensions = ['sphinxcontrib_ideas']\n")
            (site / "index.rst").write_text("Ideas\n=====\n\n.. ideas-catalog:: ideas.md\n")
            command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", folder, f"{folder}/out"]
            start = time.perf_counter()
            # duplicate-title warnings are expected in the second case: not printed
            subprocess.run(command, check=True, capture_output=True)
            seconds = time.perf_counter() - start
        times.append(seconds)
        print(f"{name:<22} {size:>7} {seconds:>10.1f}   (wall, sphinx-build)")
    growth = times[-1] / max(times[0], 1e-9)
    print(f"{name:<22} time x{growth:.1f} for size x{sizes[-1] / sizes[0]:.0f} (linear: equal)\n")


def regex_case(lengths: list[int], backtracking_up_to: int) -> None:
    predicate = compile_filter('title ~ "(a+)+$"')
    python = re.compile("(a+)+$", re.IGNORECASE)
    for length in lengths:
        title = "a" * length + "b"
        ours = cpu_seconds(lambda title=title: predicate({"title": title}))
        line = f"{'filter (a+)+$ (RE2)':<22} {length:>7} {ours:>10.6f}"
        if length <= backtracking_up_to:
            theirs = cpu_seconds(lambda title=title: python.search(title), repeat=1)
            line += f"   Python re: {theirs:.3f}"
        print(line)
    print()


def html_before_headings(headings: int) -> str:
    """``headings`` projects each right after an HTML line with no blank line between:
    Markdown reads each heading into the HTML block, so every piece of the file (see
    ``_blocks.PieceCache``) runs into the next and is read again with it."""
    return "\n".join(f"<div>logo</div>\n## Project {i}\n\ntext" for i in range(headings))


def fence_left_open(headings: int) -> str:
    """A code fence never closed above ``headings`` headings: the whole file is code."""
    return "```\n" + "\n".join(f"## Project {i}\n\ntext {i}" for i in range(headings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="N for the parse cases")
    parser.add_argument("--build", action="store_true", help="also time whole Sphinx builds")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'case':<22} {'N':>7} {'CPU s':>10}")
    parse_case("mentors on one line", mentor_line, sizes)
    parse_case("ideas of one title", same_titles, sizes)
    parse_case("ideas in a sample", sample_ideas, sizes)
    parse_case("HTML before headings", html_before_headings, sizes)
    parse_case("fence left open", fence_left_open, sizes)
    if args.build:
        build_case("build: mentors", mentor_line, sizes)
        build_case("build: one title", same_titles, sizes)
    regex_case([16, 20, 24, 26, 1000, 100_000], backtracking_up_to=24)
    # bare URLs made links in descriptions: a URL then N ")" (quadratic before 0.1)
    text_case("URL then N ')'", split_bare_urls, lambda n: "see https://a.example/x" + ")" * n)
    # emoji named in the PDF: N emoji with skin tones and zero-width joiners
    text_case("N emoji (PDF names)", symbols_named, lambda n: "👍🏽\u200d" * (n // 3))


if __name__ == "__main__":
    main()
