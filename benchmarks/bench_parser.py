"""Parser benchmark: our ``parse_catalog`` against markdown-it-py's own tokenising.

Place in the data flow: ``generate.py`` writes a synthetic ideas file -> this script times
``MarkdownIt("commonmark").enable("table").parse(text)`` (the floor: the parser tokenises
with exactly that) and
``sphinxcontrib_ideas.ideasfile.parser.parse_catalog(text, source=...)`` (tokens plus
extraction into the model), best of N and run alternately, and prints the ratio (target
<= 1.6x) and the time per MB at several sizes (linear scaling means a flat s/MB column).
Ratios are in CPU time (``time.process_time``): on a shared machine wall time also counts
other processes; the wall-time ratio is printed alongside.

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
import os
import platform
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

# Run as a script from anywhere: the generator is a sibling module, not a package.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_catalog, ideas_for_size

from sphinxcontrib_ideas.ideasfile.parser import parse_catalog

#: The target of issue 2: the parser costs at most 1.6x markdown-it's own tokenising.
TARGET_RATIO = 1.6


@dataclass(frozen=True, slots=True)
class Timing:
    """Best wall and best CPU time of several runs of one reader."""

    wall_s: float
    cpu_s: float


@dataclass(frozen=True, slots=True)
class Sample:
    """One generated file and what was measured on it."""

    size_mb: float
    ideas: int
    tokenise: Timing
    parse: Timing
    parsed_ideas: int
    diagnostics: int

    @property
    def ratio(self) -> float:
        """parse / tokenise, in CPU time (robust when other processes share the machine)."""
        return self.parse.cpu_s / self.tokenise.cpu_s

    @property
    def wall_ratio(self) -> float:
        """parse / tokenise, in wall time."""
        return self.parse.wall_s / self.tokenise.wall_s


def time_once(func: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call, after a collection so no garbage carries over."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


def best_of_interleaved(
    repeat: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[Timing, Timing]:
    """Best times of two functions, run alternately so both see the same machine load."""
    firsts, seconds = [], []
    for _ in range(repeat):
        firsts.append(time_once(first))
        seconds.append(time_once(second))
    return best(firsts), best(seconds)


def best(runs: Sequence[tuple[float, float]]) -> Timing:
    """The best wall and the best CPU time of (wall, CPU) pairs."""
    return Timing(wall_s=min(w for w, _ in runs), cpu_s=min(c for _, c in runs))


def measure(size_mb: float, *, seed: int, repeat: int) -> Sample:
    """Generate a file of ``size_mb`` MB and time both readers on it."""
    ideas = ideas_for_size(size_mb, seed=seed)
    text = generate_catalog(ideas=ideas, seed=seed)
    md = MarkdownIt("commonmark").enable("table")
    tokenise, parse = best_of_interleaved(
        repeat, lambda: md.parse(text), lambda: parse_catalog(text, source="ideas.md")
    )
    result = parse_catalog(text, source="ideas.md")
    return Sample(
        size_mb=len(text.encode()) / 1e6,
        ideas=ideas,
        tokenise=tokenise,
        parse=parse,
        parsed_ideas=result.catalog.idea_count,
        diagnostics=len(result.diagnostics),
    )


def print_header() -> None:
    """Column titles: CPU seconds, ratios, and CPU seconds per MB (flat = linear)."""
    print(
        f"{'MB':>6} {'ideas':>6} {'parsed':>6} {'diags':>5} {'tok cpu s':>9} "
        f"{'parse cpu s':>11} {'ratio':>6} {'(wall)':>6} {'tok s/MB':>8} {'parse s/MB':>10}"
    )


def print_row(s: Sample) -> None:
    """One row of the table, printed as soon as it is measured."""
    print(
        f"{s.size_mb:6.2f} {s.ideas:6d} {s.parsed_ideas:6d} {s.diagnostics:5d} "
        f"{s.tokenise.cpu_s:9.3f} {s.parse.cpu_s:11.3f} {s.ratio:6.2f} {s.wall_ratio:6.2f} "
        f"{s.tokenise.cpu_s / s.size_mb:8.3f} {s.parse.cpu_s / s.size_mb:10.3f}",
        flush=True,
    )


def print_verdict(largest: Sample, smallest: Sample) -> None:
    """The two figures issue 2 asks about: ratio at the largest size, and linearity."""
    verdict = "meets" if largest.ratio <= TARGET_RATIO else "MISSES"
    print(
        f"\nparse/tokenise CPU at {largest.size_mb:.1f} MB: {largest.ratio:.2f}x "
        f"({verdict} the {TARGET_RATIO}x target)"
    )
    growth = (largest.parse.cpu_s / largest.size_mb) / (smallest.parse.cpu_s / smallest.size_mb)
    print(
        f"parse CPU s/MB at {largest.size_mb:.1f} MB vs {smallest.size_mb:.1f} MB: {growth:.2f}x "
        "(1.0 = linear)"
    )
    if largest.parsed_ideas != largest.ideas:
        print(f"note: generated {largest.ideas} ideas, parser found {largest.parsed_ideas}")


def profile(size_mb: float, *, seed: int, top: int) -> None:
    """cProfile one parse; print the top functions by own time and by cumulative time."""
    text = generate_catalog(ideas=ideas_for_size(size_mb, seed=seed), seed=seed)
    profiler = cProfile.Profile()
    profiler.enable()
    parse_catalog(text, source="ideas.md")
    profiler.disable()
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key)
        stats.print_stats(top)
        print(f"\n--- cProfile of parse_catalog on {size_mb} MB, sorted by {key} ---")
        print(out.getvalue().split("\n", 4)[-1].rstrip())


def print_machine() -> None:
    """What the figures ran on."""
    import markdown_it

    # Other processes on the machine make wall times noisy: say how busy it was.
    load = ", load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"python {platform.python_version()}, markdown-it-py {markdown_it.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs{load}, {platform.platform()}"
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
    print_header()
    samples = []
    for size in sizes:
        samples.append(measure(size, seed=args.seed, repeat=repeat))
        print_row(samples[-1])
    print_verdict(samples[-1], samples[0])
    if args.profile:
        profile(args.profile_mb, seed=args.seed, top=args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
