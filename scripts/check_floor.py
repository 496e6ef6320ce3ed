"""Check that the venv of ``make test-min`` holds the floors that pyproject.toml claims.

Usage: ``python scripts/check_floor.py constraints/min.txt`` (run with that venv's Python).

Every runtime dependency ``name>=X.Y`` of pyproject.toml must be pinned in the constraints
file to a version of the same release line (``sphinx>=8.1`` -> ``sphinx==8.1.*``), and the
installed version must be the pinned one. So a raised floor without a raised pin (or the
other way round) fails before any test runs, and the tests that follow run on the floor.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*(==|>=)\s*([0-9][0-9.]*)\s*(?:#.*)?$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _REQUIREMENT.match(line)
        if match and match.group(2) == "==":
            pins[canonical(match.group(1))] = match.group(3)
    return pins


def read_floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement)
        if match is None or match.group(2) != ">=":
            sys.exit(f"pyproject.toml: {requirement!r} has no '>=' floor to test")
        floors[canonical(match.group(1))] = match.group(3)
    return floors


def same_line(floor: str, pin: str) -> bool:
    """``8.1`` and ``8.1.3`` are one release line; ``8.1`` and ``8.2.0`` are not."""
    parts = floor.split(".")
    return pin.split(".")[: len(parts)] == parts


def main() -> int:
    pins = read_pins(Path(sys.argv[1]))
    problems = []
    for name, floor in read_floors().items():
        pin = pins.get(name)
        if pin is None:
            problems.append(f"{name}: floor {floor} in pyproject.toml is not pinned")
            continue
        if not same_line(floor, pin):
            problems.append(f"{name}: pyproject.toml says >={floor}, the pin is =={pin}")
        try:
            installed = version(name)
        except PackageNotFoundError:
            problems.append(f"{name}: not installed")
            continue
        if installed != pin:
            problems.append(f"{name}: {installed} installed, {pin} pinned")
    for problem in problems:
        print(f"check_floor: {problem}", file=sys.stderr)
    if not problems:
        print("check_floor: " + ", ".join(f"{n}=={p}" for n, p in sorted(pins.items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
