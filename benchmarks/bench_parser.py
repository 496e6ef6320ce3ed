"""Parser benchmark: our ``parse_catalog`` against markdown-it-py's own tokenising.

Place in the data flow: ``generate.py`` writes a synthetic ideas file -> this script times
``MarkdownIt("commonmark").enable("table").parse(text)`` (the floor: the parser tokenises
with exactly that) and ``sphinxcontrib_ideas.parser.parse_catalog(text, source=...)`` (tokens
plus extraction into the model), best of N, and prints the ratio (target <= 1.6x) and the
time per MB at several sizes (linear scaling means a flat s/MB column).

Usage::

    python benchmarks/bench_parser.py                 # 10 MB, scaling at 1, 2, 5, 10 MB
    python benchmarks/bench_parser.py --quick         # 1 and 2 MB, best of 1
    python benchmarks/bench_parser.py --profile       # + cProfile of parse_catalog (10 MB)

This prints numbers; it is not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import platform
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

# Run as a script from anywhere: the generator is a sibling module, not a package.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_catalog, ideas_for_size

#: The target of issue 2: the parser costs at most 1.6x markdown-it's own tokenising.
TARGET_RATIO = 1.6


@dataclass(frozen=True, slots=True)
class Sample:
    """One generated file and what was measured on it."""

    size_mb: float
    ideas: int
    tokenise_s: float
    parse_s: float | None
    parsed_ideas: int | None
    diagnostics: int | None

    @property
    def ratio(self) -> float | None:
        """parse / tokenise."""
        return None if self.parse_s is None else self.parse_s / self.tokenise_s


def best_of(repeat: int, func: Callable[[], object]) -> float:
    """Best wall time of ``repeat`` calls, with a collection before each (no carry-over)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def load_parser() -> Callable[..., Any] | None:
    """``parse_catalog`` if the parser module exists yet (it is written concurrently)."""
    try:
        from sphinxcontrib_ideas.parser import parse_catalog
    except ImportError as exc:
        print(f"(parser not available: {exc}; timing the tokeniser only)")
        return None
    return parse_catalog


def unpack(result: Any) -> tuple[Any, Sequence[Any]]:
    """(catalog, diagnostics) from a ParseResult or a plain pair."""
    if hasattr(result, "catalog"):
        return result.catalog, result.diagnostics
    catalog, diagnostics = result
    return catalog, diagnostics


def measure(size_mb: float, *, seed: int, repeat: int, parse: Callable[..., Any] | None) -> Sample:
    """Generate a file of ``size_mb`` MB and time both readers on it."""
    ideas = ideas_for_size(size_mb, seed=seed)
    text = generate_catalog(ideas=ideas, seed=seed)
    md = MarkdownIt("commonmark").enable("table")
    tokenise_s = best_of(repeat, lambda: md.parse(text))
    if parse is None:
        return Sample(len(text.encode()) / 1e6, ideas, tokenise_s, None, None, None)
    parse_s = best_of(repeat, lambda: parse(text, source="ideas.md"))
    catalog, diagnostics = unpack(parse(text, source="ideas.md"))
    return Sample(
        size_mb=len(text.encode()) / 1e6,
        ideas=ideas,
        tokenise_s=tokenise_s,
        parse_s=parse_s,
        parsed_ideas=catalog.idea_count,
        diagnostics=len(diagnostics),
    )


def print_header() -> None:
    """Column titles of the table: seconds, ratio, and seconds per MB (flat = linear)."""
    print(
        f"{'MB':>6} {'ideas':>6} {'parsed':>6} {'diags':>6} {'tokenise s':>10} "
        f"{'parse s':>8} {'ratio':>6} {'tok s/MB':>8} {'parse s/MB':>10}"
    )


def print_row(s: Sample) -> None:
    """One row of the table, printed as soon as it is measured."""
    parse = "-" if s.parse_s is None else f"{s.parse_s:.3f}"
    ratio = "-" if s.ratio is None else f"{s.ratio:.2f}"
    per_mb = "-" if s.parse_s is None else f"{s.parse_s / s.size_mb:.3f}"
    print(
        f"{s.size_mb:6.2f} {s.ideas:6d} {s.parsed_ideas or '-':>6} "
        f"{'-' if s.diagnostics is None else s.diagnostics:>6} {s.tokenise_s:10.3f} "
        f"{parse:>8} {ratio:>6} {s.tokenise_s / s.size_mb:8.3f} {per_mb:>10}",
        flush=True,
    )


def print_verdict(largest: Sample, smallest: Sample) -> None:
    """The two figures issue 2 asks about: ratio at the largest size, and linearity."""
    if largest.ratio is None or largest.parse_s is None or smallest.parse_s is None:
        return
    verdict = "meets" if largest.ratio <= TARGET_RATIO else "MISSES"
    print(
        f"\nparse/tokenise at {largest.size_mb:.1f} MB: {largest.ratio:.2f}x "
        f"({verdict} the {TARGET_RATIO}x target)"
    )
    growth = (largest.parse_s / largest.size_mb) / (smallest.parse_s / smallest.size_mb)
    print(
        f"parse s/MB at {largest.size_mb:.1f} MB vs {smallest.size_mb:.1f} MB: {growth:.2f}x "
        "(1.0 = linear)"
    )
    if largest.parsed_ideas != largest.ideas:
        print(f"note: generated {largest.ideas} ideas, parser found {largest.parsed_ideas}")


def profile(parse: Callable[..., Any], size_mb: float, *, seed: int, top: int) -> None:
    """cProfile one parse; print the top functions by own time and by cumulative time."""
    text = generate_catalog(ideas=ideas_for_size(size_mb, seed=seed), seed=seed)
    profiler = cProfile.Profile()
    profiler.enable()
    parse(text, source="ideas.md")
    profiler.disable()
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key)
        stats.print_stats(top)
        print(f"\n--- cProfile of parse_catalog on {size_mb} MB, sorted by {key} ---")
        print(out.getvalue().split("\n", 4)[-1].rstrip())


def print_machine() -> None:
    """What the figures ran on."""
    import os

    import markdown_it

    print(
        f"python {platform.python_version()}, markdown-it-py {markdown_it.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,10", help="sizes in MB (default 1,2,5,10)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N (default 3)")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--quick", action="store_true", help="sizes 1,2 and best of 1")
    parser.add_argument("--profile", action="store_true", help="cProfile one parse")
    parser.add_argument("--profile-mb", type=float, default=10.0)
    parser.add_argument("--top", type=int, default=25, help="rows of the profile")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    args = parse_args(argv)
    sizes = [1.0, 2.0] if args.quick else [float(s) for s in args.sizes.split(",")]
    repeat = 1 if args.quick else args.repeat
    print_machine()
    parse = load_parser()
    print_header()
    samples = []
    for size in sizes:
        samples.append(measure(size, seed=args.seed, repeat=repeat, parse=parse))
        print_row(samples[-1])
    print_verdict(samples[-1], samples[0])
    if args.profile and parse is not None:
        profile(parse, args.profile_mb, seed=args.seed, top=args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
