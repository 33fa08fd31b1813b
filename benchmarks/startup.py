"""Start-up of the bundled commands against bare imports: paired runs, medians and ratios.

    .venv/bin/python benchmarks/startup.py               # 15 pairs per comparison
    .venv/bin/python benchmarks/startup.py --runs 31 --no-cache

Each comparison runs its two commands in turn (A B A B …, after one untimed warm-up pair)
and takes the ratio A/B pair by pair, so that drift in the machine's speed hits both alike;
it prints each command's median wall time and the median of the ratios, against the goals:

    goaltrack check              ≤ 2.0 × python -c "import typer, pydantic"
    goaltrack report -f json     ≤ 2.0 × python -c "import typer, pydantic"
    goaltrack --version          ≤ 1.2 × python -c "import typer"

With `--floor` it also times, against the same baseline, each command's own command line with
its work taken out: goaltrack's Typer group, the command built and its options parsed and
coerced exactly as in a real run, then a callback that does nothing. No change inside the
command can bring its ratio under that floor.

Runs are from an empty temporary directory, so the bundled dataset is read. They are measured
as an installed package runs: goaltrack's sources are byte-compiled once (compileall, into
their __pycache__) and PYTHONDONTWRITEBYTECODE is unset for the children. The dataset cache
(docs/performance.md) is warm after the warm-up pair; `--no-cache` sets GOALTRACK_NO_CACHE=1,
so every run loads and validates the dataset from its files.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
GOALTRACK = str(BIN / "goaltrack")
PY = sys.executable


@dataclass(frozen=True)
class Comparison:
    name: str
    subject: list[str]
    baseline: list[str]
    baseline_name: str
    goal: float | None  # None: a measurement to compare with, not a goal


# The real group and command, its callback replaced: what Typer costs before the command runs.
FLOOR = (
    "import sys, typer.main\n"
    "from goaltrack.cli import app\n"
    "group = typer.main.get_command(app)\n"
    "group.get_command(None, sys.argv[1]).callback = lambda **options: None\n"
    "group.main(sys.argv[1:], prog_name='goaltrack')\n"
)


def floor(name: str, args: list[str]) -> Comparison:
    return Comparison(
        f"floor: {name}",
        [PY, "-c", FLOOR, *args],
        [PY, "-c", "import typer, pydantic"],
        "import typer, pydantic",
        None,
    )


FLOORS = (floor("check", ["check"]), floor("report -f json", ["report", "--format", "json"]))


COMPARISONS = (
    Comparison(
        "goaltrack check",
        [GOALTRACK, "check"],
        [PY, "-c", "import typer, pydantic"],
        "import typer, pydantic",
        2.0,
    ),
    Comparison(
        "goaltrack report -f json",
        [GOALTRACK, "report", "--format", "json"],
        [PY, "-c", "import typer, pydantic"],
        "import typer, pydantic",
        2.0,
    ),
    Comparison(
        "goaltrack --version",
        [GOALTRACK, "--version"],
        [PY, "-c", "import typer"],
        "import typer",
        1.2,
    ),
)


def wall(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - t0


def paired(
    c: Comparison, runs: int, cwd: Path, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    wall(c.subject, cwd, env)
    wall(c.baseline, cwd, env)
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(wall(c.subject, cwd, env))
        b.append(wall(c.baseline, cwd, env))
    return a, b


def compile_sources() -> str:
    import goaltrack

    pkg = Path(goaltrack.__file__).parent
    compileall.compile_dir(pkg, quiet=1)
    return str(pkg)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="pairs per comparison (default 15)")
    ap.add_argument(
        "--no-cache",
        action="store_true",
        help="GOALTRACK_NO_CACHE=1: no run reads the dataset cache",
    )
    ap.add_argument(
        "--floor",
        action="store_true",
        help="also time each command's command line with its work taken out",
    )
    args = ap.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    if args.no_cache:
        env["GOALTRACK_NO_CACHE"] = "1"
    else:
        env.pop("GOALTRACK_NO_CACHE", None)
    pkg = compile_sources()
    print(
        f"goaltrack from {pkg}, byte-compiled; PYTHONDONTWRITEBYTECODE unset; "
        f"dataset cache {'off' if args.no_cache else 'on (warm after the warm-up)'}; "
        f"{args.runs} pairs each, medians"
    )
    print(f"{'command':<28} {'median':>8} {'baseline':>30} {'ratio':>7} {'goal':>6}  verdict")
    met = 0
    with tempfile.TemporaryDirectory() as tmp:
        for c in (*COMPARISONS, *(FLOORS if args.floor else ())):
            a, b = paired(c, args.runs, Path(tmp), env)
            ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
            if c.goal is None:
                goal, verdict = "—", "(floor)"
            else:
                goal, verdict = f"{c.goal:.1f}×", "MET" if ratio <= c.goal else "MISSED"
                met += verdict == "MET"
            base = f"{statistics.median(b) * 1000:.0f} ms ({c.baseline_name})"
            print(
                f"{c.name:<28} {statistics.median(a) * 1000:>5.0f} ms {base:>30} "
                f"{ratio:>6.2f}× {goal:>6}  {verdict}",
                flush=True,
            )
    print(f"{met} of {len(COMPARISONS)} goals met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
