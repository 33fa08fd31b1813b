"""What each of the loader's and the report's departures from plain pydantic and json buys.

    .venv/bin/python benchmarks/hacks.py                 # 100k actuals, 3 runs per variant
    .venv/bin/python benchmarks/hacks.py --actuals 10000 --runs 5

Each variant runs in a fresh process on the same generated dataset (benchmarks/generate.py,
cached like run.py's), without the parsed-document cache, and prints its median time and
peak RSS (ru_maxrss) against the code as it is:

- `seal`: loaded records share one read-only fields-set per combination of keys (models.py),
  against pydantic's own set per record;
- `slots`: a record's location (file, line) in two `__slots__`, against a pydantic private
  attribute (measured on a subclass of Actual with one, the records validated alike);
- `gc`: the cyclic collector paused while loading (validate.py), and off for a whole CLI run
  (cli.main, `report -f json -o /dev/null`), against left on;
- `json`: the report's own JSON writer, streamed, against `json.dumps(indent=2)` of the
  whole report dict.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path("/tmp/goaltrack-bench")

# Each child prints {"seconds": …, "rss_mb": …}; `{dir}` is the dataset.
PRELUDE = """
import gc, json, resource, sys, time
from pathlib import Path
D = Path({dir!r})
"""
LOAD = """
from goaltrack.check.validate import check_dataset
t0 = time.perf_counter()
r = check_dataset([D])
assert not r.errors, r.errors[:3]
"""
DONE = """
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
NO_SEAL = "from goaltrack import models\nmodels.Strict.seal = lambda self: None\n"
GC_ON = "gc.disable = lambda: None\n"
# The whole CLI run, as a user runs it (its output to /dev/null).
CLI = """
import contextlib, os
from goaltrack import cli
sys.argv = ["goaltrack", "report", "--format", "json", "-o", os.devnull, str(D)]
t0 = time.perf_counter()
with contextlib.suppress(SystemExit):
    cli.main()
"""
REPORT = """
from goaltrack.evaluate import Options
from goaltrack.render import json_export
from goaltrack.evaluate.selection import AsOf
from goaltrack.evaluate.summary import build_report
rep = build_report(r.dataset, Options(AsOf.parse("2025-06-30")))
t0 = time.perf_counter()
"""
JSON_OWN = """
with open("/dev/null", "w", encoding="utf-8") as out:
    for chunk in json_export.iter_render_json(rep):
        out.write(chunk)
"""
JSON_DUMPS = """
with open("/dev/null", "w", encoding="utf-8") as out:
    out.write(json.dumps(json_export.report_dict(rep), ensure_ascii=False, indent=2,
                         default=str))
"""
# Records validated as the loader does, kept, then their memory measured: a location in the
# base's two slots, or in a private attribute of a subclass.
RECORDS = """
import tomllib, tracemalloc
from pydantic import PrivateAttr
from goaltrack import models
class WithPrivate(models.Actual):
    _at: tuple[str, int] = PrivateAttr(default=("", 0))
raws = [a for f in sorted((D / "actuals").glob("*.toml"))
        for a in tomllib.loads(f.read_text(encoding="utf-8"))["actuals"]][:20000]
for a in raws:
    a.setdefault("source", "s")
tracemalloc.start()
t0 = time.perf_counter()
kept = []
for i, raw in enumerate(raws):
    rec = {model}.model_validate(raw)
    {locate}
    kept.append(rec)
seconds = time.perf_counter() - t0
size = tracemalloc.get_traced_memory()[0]
print(json.dumps({{"seconds": seconds, "rss_mb": size / len(kept)}}))
"""


def dataset(actuals: int) -> Path:
    out = CACHE / f"hacks-{actuals}"
    if not (out / "sources.toml").is_file():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--actuals",
                str(actuals),
                "--out",
                str(out),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


def run(code: str, runs: int) -> tuple[float, float]:
    env = {**os.environ, "GOALTRACK_NO_CACHE": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    seconds, rss = [], []
    for _ in range(runs):
        p = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
        )
        if p.returncode != 0:
            raise SystemExit(p.stderr[-2000:])
        doc = json.loads(p.stdout.splitlines()[-1])
        seconds.append(doc["seconds"])
        rss.append(doc["rss_mb"])
    return statistics.median(seconds), statistics.median(rss)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actuals", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="run the variants whose name holds this text")
    args = ap.parse_args(argv)
    d = dataset(args.actuals)
    pre = PRELUDE.format(dir=str(d))
    rows = [
        ("load, as it is", pre + LOAD + DONE, "s", "MB peak"),
        ("load, no shared fields-sets (seal)", pre + NO_SEAL + LOAD + DONE, "s", "MB peak"),
        ("load, cyclic collector on", pre + GC_ON + LOAD + DONE, "s", "MB peak"),
        ("CLI report -f json, as it is", pre + CLI + DONE, "s", "MB peak"),
        ("CLI report -f json, cyclic collector on", pre + GC_ON + CLI + DONE, "s", "MB peak"),
        ("report JSON, own writer", pre + LOAD + REPORT + JSON_OWN + DONE, "s", "MB peak"),
        (
            "report JSON, json.dumps(indent=2)",
            pre + LOAD + REPORT + JSON_DUMPS + DONE,
            "s",
            "MB peak",
        ),
        (
            "20k Actual, location in slots",
            pre + RECORDS.format(model="models.Actual", locate="rec.locate('f', i)"),
            "s",
            "B/record",
        ),
        (
            "20k Actual, location a private attribute",
            pre + RECORDS.format(model="WithPrivate", locate="rec._at = ('f', i)"),
            "s",
            "B/record",
        ),
    ]
    print(
        f"{args.actuals} actuals ({d}); median of {args.runs} fresh processes; "
        "bytecode written, no parsed-document cache"
    )
    for name, code, unit, mem in rows:
        if args.only not in name:
            continue
        seconds, rss = run(code, args.runs)
        print(f"{name:<44} {seconds:8.2f} {unit}  {rss:>10,.0f} {mem}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
