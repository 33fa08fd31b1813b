"""Time goaltrack against baselines measured in the same run; print figures, ratios and goals.

    .venv/bin/python benchmarks/run.py            # 5 runs each (median), ~7 minutes
    .venv/bin/python benchmarks/run.py --quick    # 2 runs each
    .venv/bin/python benchmarks/run.py --sizes 1000,10000 --markdown
    .venv/bin/python benchmarks/run.py --sizes "" --runs 31   # start-up and bundled only

The goaltrack executable is the one next to sys.executable, so the interpreter that runs this
script selects the virtual environment. Commands compared with each other run once untimed
(warm caches), then `--runs` rounds that alternate them, so that drift in the machine's speed
hits baseline and subject alike; a figure is the median wall time and the median peak RSS
(/usr/bin/time -f %M if present, else os.wait4's ru_maxrss of that child). Generated datasets
are cached under --cache, keyed by size, seed and a hash of generate.py; bytecode is cached
under --cache/pycache (PYTHONPYCACHEPREFIX), never in the source tree.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
GOALTRACK = str(BIN / "goaltrack")
PY = sys.executable
ENV = {**os.environ, "NO_COLOR": "1"}
MB = 1024 * 1024
TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None  # GNU time: -f %M


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss: int  # bytes


@dataclass(frozen=True)
class Row:
    section: str
    what: str
    figure: str
    baseline: str
    ratio: float | None
    goal: float | None = None

    @property
    def verdict(self) -> str:
        if self.goal is None or self.ratio is None:
            return ""
        return "MET" if self.ratio <= self.goal else "MISSED"


def run_once(cmd: list[str], cwd: Path | None) -> Sample:
    """Wall time and peak RSS of one run; the RSS comes from /usr/bin/time when present.

    Without it, os.wait4 gives the child's ru_maxrss, which also counts the memory the child
    had between fork and exec (a copy of this script's interpreter): an upper bound.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        argv = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read()[-2000:].decode(errors="replace")
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
        kib = int(rss.read().split()[-1]) if TIME else usage.ru_maxrss
    # ru_maxrss is in bytes on macOS; /usr/bin/time and Linux say KiB.
    return Sample(seconds, kib * (1 if sys.platform == "darwin" and not TIME else 1024))


def measure(cmds: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, Sample]:
    """Median time and peak RSS of each command; rounds alternate commands (fair to drift)."""
    for argv in cmds.values():
        run_once(argv, cwd)  # warm-up: page cache, bytecode cache
    samples: dict[str, list[Sample]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, argv in cmds.items():
            samples[name].append(run_once(argv, cwd))
    for name, ss in samples.items():
        print(
            f"  {name}: " + ", ".join(f"{s.seconds:.3f}s/{s.rss / MB:.0f}MB" for s in ss),
            file=sys.stderr,
        )
    return {
        name: Sample(
            statistics.median(s.seconds for s in ss), int(statistics.median(s.rss for s in ss))
        )
        for name, ss in samples.items()
    }


def fmt_s(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def dataset(cache: Path, actuals: int, seed: int) -> Path:
    """A generated dataset of about `actuals` figures, made once and reused."""
    key = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:10]
    out = cache / f"actuals-{actuals}-seed{seed}-{key}"
    if not out.is_dir():
        tmp = out.with_name(out.name + ".partial")
        subprocess.run(
            [
                PY,
                str(HERE / "generate.py"),
                "--actuals",
                str(actuals),
                "--seed",
                str(seed),
                "--out",
                str(tmp),
            ],
            check=True,
        )
        tmp.rename(out)
    return out


def source_fingerprint() -> str:
    """A short hash of goaltrack's installed source: which code a table was measured on."""
    spec = importlib.util.find_spec("goaltrack")
    if spec is None or spec.origin is None:
        return "unknown"
    h = hashlib.sha256()
    for p in sorted(Path(spec.origin).parent.rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def disk_size(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*.toml"))


def ratio_row(
    section: str, what: str, s: Sample, base: Sample, base_name: str, goal: float | None
) -> Row:
    return Row(
        section,
        what,
        fmt_s(s.seconds),
        f"{fmt_s(base.seconds)} ({base_name})",
        s.seconds / base.seconds,
        goal,
    )


PYDANTIC_LOADED = "typer + pydantic.BaseModel"


def startup(runs: int, cwd: Path) -> tuple[list[Row], Sample]:
    """Start-up and the bundled dataset; also returns the bare interpreter's sample."""
    m = measure(
        {
            "python -c pass": [PY, "-c", "pass"],
            "import typer": [PY, "-c", "import typer"],
            "import typer, pydantic": [PY, "-c", "import typer, pydantic"],
            # `import pydantic` loads its modules lazily; this also loads what any model needs
            PYDANTIC_LOADED: [
                PY,
                "-c",
                "import typer; from pydantic import BaseModel, TypeAdapter",
            ],
            "goaltrack --version": [GOALTRACK, "--version"],
            "goaltrack --help": [GOALTRACK, "--help"],
            "goaltrack check": [GOALTRACK, "check"],
            "goaltrack report -f json": [GOALTRACK, "report", "--format", "json"],
        },
        runs,
        cwd,
    )
    rows = [
        ratio_row("start-up", name, m[name], m["import typer"], "import typer", goal)
        for name, goal in (("goaltrack --version", 1.2), ("goaltrack --help", 1.5))
    ]
    rows += [
        ratio_row(
            "bundled", name, m[name], m["import typer, pydantic"], "import typer, pydantic", 2.0
        )
        for name in ("goaltrack check", "goaltrack report -f json")
    ]
    rows += [
        ratio_row(
            "bundled", f"{name} (context)", m[name], m[PYDANTIC_LOADED], PYDANTIC_LOADED, None
        )
        for name in ("goaltrack check", "goaltrack report -f json")
    ]
    return rows, m["python -c pass"]


def scale(
    sizes: list[int], runs: int, cache: Path, seed: int, cwd: Path, interp: Sample
) -> list[Row]:
    rows: list[Row] = []
    times: dict[tuple[str, int], float] = {}
    # Every size parsed on every run: only small datasets are cached, and the scaling rows
    # compare sizes measured alike.
    ENV["GOALTRACK_NO_CACHE"] = "1"
    for n in sizes:
        d = dataset(cache, n, seed)
        size = disk_size(d)
        label = f"{n // 1000}k" if n >= 1000 else str(n)
        print(f"{label}: {d}", file=sys.stderr)
        m = measure(
            {
                "parse_only": [PY, str(HERE / "parse_only.py"), str(d)],
                "check": [GOALTRACK, "check", str(d)],
                "report": [GOALTRACK, "report", "--format", "json", str(d)],
            },
            runs,
            cwd,
        )
        big = n == max(sizes) and n >= 100_000  # the goals are set at 100k actuals
        for cmd, goal in (("check", 2.0), ("report", 2.5)):
            s = m[cmd]
            times[cmd, n] = s.seconds
            name = f"{cmd}{' -f json' if cmd == 'report' else ''} {label}"
            rows.append(
                ratio_row(
                    f"scale {label}", name, s, m["parse_only"], "parse_only", goal if big else None
                )
            )
            rows.append(
                Row(
                    f"scale {label}",
                    f"{name} peak RSS",
                    f"{s.rss / MB:.0f} MB",
                    f"{size / MB:.1f} MB data + {interp.rss / MB:.0f} MB python",
                    (s.rss - interp.rss) / size,
                    10.0 if big else None,
                )
            )
    ordered = sorted(sizes)
    for cmd in ("check", "report"):
        for small, large in itertools.pairwise(ordered):
            rows.append(
                Row(
                    "scaling",
                    f"{cmd} {large // 1000}k / {small // 1000}k",
                    fmt_s(times[cmd, large]),
                    fmt_s(times[cmd, small]),
                    times[cmd, large] / times[cmd, small],
                    1.1 * large / small if large == 10 * small else None,
                )
            )
    del ENV["GOALTRACK_NO_CACHE"]
    return rows


def others(sizes: list[int], runs: int, cache: Path, seed: int, cwd: Path) -> list[Row]:
    """Optional comparisons with taplo and frictionless, when installed."""
    d = dataset(cache, max(sizes), seed)
    label = f"{max(sizes) // 1000}k"
    rows: list[Row] = []
    taplo = shutil.which("taplo")
    if taplo:
        files = [str(p) for p in sorted(d.rglob("*.toml"))]
        m = measure(
            {"check": [GOALTRACK, "check", str(d)], "taplo": [taplo, "lint", *files]}, runs, cwd
        )
        rows.append(
            ratio_row(
                "others",
                f"goaltrack check {label} vs taplo lint",
                m["check"],
                m["taplo"],
                "taplo lint",
                None,
            )
        )
    else:
        rows.append(Row("others", "taplo", "skipped: not installed", "", None))
    frictionless = shutil.which("frictionless")
    if frictionless:
        csv = cwd / "report.csv"
        subprocess.run(
            [GOALTRACK, "report", "-f", "csv", "-o", str(csv), str(d)],
            check=True,
            env=ENV,
            stderr=subprocess.DEVNULL,
        )
        m = measure(
            {
                "report": [GOALTRACK, "report", "-f", "csv", str(d)],
                "frictionless": [frictionless, "validate", str(csv)],
            },
            runs,
            cwd,
        )
        rows.append(
            ratio_row(
                "others",
                f"goaltrack report -f csv {label} vs frictionless",
                m["report"],
                m["frictionless"],
                "frictionless validate",
                None,
            )
        )
    else:
        rows.append(Row("others", "frictionless", "skipped: not installed", "", None))
    return rows


def render(rows: list[Row], markdown: bool) -> str:
    head = ("section", "measurement", "median", "baseline", "ratio", "goal", "verdict")
    cells = [
        [
            r.section,
            r.what,
            r.figure,
            r.baseline,
            "" if r.ratio is None else f"{r.ratio:.2f}×",
            "" if r.goal is None else f"≤ {r.goal:g}×",
            r.verdict,
        ]
        for r in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(c) + " |" for c in cells])
    widths = [max(len(x) for x in col) for col in zip(head, *cells, strict=True)]
    return "\n".join(
        "  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)).rstrip()
        for c in [list(head), *cells]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    ap.add_argument("--quick", action="store_true", help="2 runs per command")
    ap.add_argument("--sizes", default="1000,10000,100000", help="actuals per dataset")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "goaltrack-bench")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    a = ap.parse_args(argv)
    runs = 2 if a.quick else a.runs
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]  # "" : start-up only
    if not Path(GOALTRACK).is_file():
        ap.error(f"no goaltrack next to {PY}: run this with the venv's python")
    a.cache.mkdir(parents=True, exist_ok=True)
    # Bytecode is cached as in a normal install, outside the source tree (and even where
    # PYTHONDONTWRITEBYTECODE is set): the warm-up run compiles, the timed runs reuse it.
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(a.cache / "pycache")
    version = subprocess.run(
        [GOALTRACK, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(
        f"{version} (source {source_fingerprint()}), Python {sys.version.split()[0]}, "
        f"{runs} runs (median)",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:  # no ./targets here: the bundled dataset
        cwd = Path(tmp)
        rows, interp = startup(runs, cwd)
        if sizes:
            rows += scale(sizes, runs, a.cache, a.seed, cwd, interp)
            rows += others(sizes, runs, a.cache, a.seed, cwd)
    print(render(rows, a.markdown))
    missed = [r for r in rows if r.verdict == "MISSED"]
    met = [r for r in rows if r.verdict == "MET"]
    print(f"\n{len(met)} goals met, {len(missed)} missed; source {source_fingerprint()} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
