"""Where the time of `goaltrack check` / `report --format json` goes, phase by phase.

Runs the same code as the commands in-process, with timing wrappers around the loader's steps
(read, TOML parse, position index, model validation), the cross-file checks, evaluation and
JSON rendering, and counts the time the cyclic garbage collector spends (phases include the
collections that happen inside them). Like the CLI, it runs with the cyclic collector
disabled; --gc turns it on to see what it would cost. --memory
lists, with tracemalloc, the lines that allocated the memory still alive at the end; with
--cprofile FILE it writes a cProfile dump and prints the top functions.

    .venv/bin/python benchmarks/phases.py /tmp/goaltrack-bench/actuals-100000-… [--cprofile F]
    .venv/bin/python benchmarks/phases.py --imports     # python -X importtime, summarised
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

SPENT: dict[str, float] = defaultdict(float)  # seconds per phase
COUNTS: dict[str, float] = defaultdict(float)
PEAK_RSS: dict[str, int] = {}  # ru_maxrss (KiB on Linux) when a phase ended


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - t0
            if not name.startswith("load: "):  # the loader's steps run once per file
                PEAK_RSS[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    return wrapper


def count_gc() -> None:
    start: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            start.append(time.perf_counter())
        elif start:
            SPENT[f"gc (generation {info['generation']})"] += time.perf_counter() - start.pop()
            COUNTS[f"gc collections (generation {info['generation']})"] += 1

    gc.callbacks.append(callback)


def phases(d: Path, report: bool) -> object:
    """Check (and with `report` evaluate and render) `d`; returns what it built."""
    from goaltrack.check import rules as checks
    from goaltrack.check import validate
    from goaltrack.core.diagnostics import Collector
    from goaltrack.evaluate import Options
    from goaltrack.evaluate.selection import AsOf
    from goaltrack.evaluate.summary import build_report
    from goaltrack.render import json_export
    from goaltrack.store import loader

    for name in (
        "read_text",
        "parse_toml",
        "_parse",
        "PositionIndex",
        "_load_doc",
        "_validate",
        "_check_schema_header",
        "discover",
    ):
        if hasattr(loader, name):  # the loader's internals may change: time what exists
            setattr(loader, name, timed(f"load: {name}", getattr(loader, name)))
    setattr(validate, "run_checks", timed("run_checks", checks.run_checks))  # noqa: B010
    setattr(Collector, "sorted", timed("diagnostics sort", Collector.sorted))  # noqa: B010
    t0 = time.perf_counter()
    result = timed("check_dataset (all)", validate.check_dataset)([d])
    if not report:
        SPENT["TOTAL (in-process)"] = time.perf_counter() - t0
        return result
    rep = timed("evaluate + build_report", build_report)(result.dataset, Options(AsOf.parse(None)))

    def write_json() -> int:
        # as the CLI does: evaluations converted and encoded chunk by chunk, nothing kept
        return sum(len(chunk.encode()) for chunk in json_export.iter_render_json(rep))

    size = timed("JSON conversion and writing", write_json)()
    COUNTS["JSON output, MB"] = round(size / 1e6, 1)
    SPENT["TOTAL (in-process)"] = time.perf_counter() - t0
    return result, rep


def memory(d: Path, report: bool, top: int = 12) -> None:
    """tracemalloc: the peak, and the lines that allocated what is still alive at the end."""
    tracemalloc.start()
    kept = phases(d, report)
    snap = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    print(f"traced: {current / 1e6:.0f} MB alive at the end, {peak / 1e6:.0f} MB peak")
    for stat in snap.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        print(
            f"  {stat.size / 1e6:7.1f} MB {stat.count:9,d} blocks  "
            f"{Path(frame.filename).name}:{frame.lineno}"
        )
    del kept


def importtime(args: list[str], top: int = 12) -> None:
    """`python -X importtime` of the goaltrack entry point: the slowest top-level imports."""
    code = (
        "import sys; from goaltrack.cli import main; "
        "sys.argv = ['goaltrack', *sys.argv[1:]]; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    rows: list[tuple[int, int, str]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line[12:]:
            continue
        _self, cumulative, name = line[12:].split("|")
        depth = (len(name) - len(name.lstrip())) // 2  # 0: imported by the entry point
        if cumulative.strip().isdigit() and depth <= 1:
            rows.append((int(cumulative), depth, name.strip()))
    total = sum(c for c, depth, _ in rows if depth == 0)
    print(
        f"goaltrack {' '.join(args)}: {total / 1000:.0f} ms of imports; the largest "
        "(indented: imported by the one above):"
    )
    for c, depth, name in sorted(rows, reverse=True)[:top]:
        print(f"  {c / 1000:7.1f} ms  {'  ' * depth}{name}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, nargs="?")
    ap.add_argument("--report", action="store_true", help="also evaluate and render JSON")
    ap.add_argument("--cprofile", type=Path, help="write a cProfile dump here, print the top")
    ap.add_argument("--imports", action="store_true", help="summarise python -X importtime")
    ap.add_argument("--memory", action="store_true", help="tracemalloc: top allocating lines")
    ap.add_argument(
        "--gc", action="store_true", help="keep the cyclic collector on (the CLI turns it off)"
    )
    ap.add_argument(
        "--cache",
        action="store_true",
        help="use the parsed-document cache (off by default: every file is parsed)",
    )
    a = ap.parse_args(argv)
    if not a.cache:
        os.environ["GOALTRACK_NO_CACHE"] = "1"
    if a.imports:
        for args in (["--version"], ["--help"], ["check"], ["report", "-f", "json"]):
            importtime(args)
        return 0
    if a.dir is None:
        ap.error("give a dataset directory (or --imports)")
    if a.cprofile:
        prof = cProfile.Profile()
        prof.runcall(phases, a.dir, a.report)
        prof.dump_stats(a.cprofile)
        stats = pstats.Stats(str(a.cprofile)).strip_dirs()
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(40)
        return 0
    if a.memory:
        memory(a.dir, a.report)
        return 0
    if not a.gc:
        gc.disable()
    count_gc()
    phases(a.dir, a.report)
    width = max(len(k) for k in SPENT)
    for k, v in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"{k:<{width}}  {v:8.3f} s  {v / SPENT['TOTAL (in-process)']:6.1%}")
    for k, n in sorted(COUNTS.items()):
        print(f"{k}: {n:g}")
    print("peak RSS so far when each phase ended (MB):")
    for k, kib in sorted(PEAK_RSS.items(), key=lambda kv: kv[1]):
        print(f"  {kib / 1024:6.0f}  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
