"""Time and peak memory of `goaltrack check` on hostile inputs (docs/security.md, Limits).

Each case is a copy of tests/fixtures/valid plus one hostile file, checked in a fresh process:

- `sources-N`: N sources giving N different values for one indicator and year (one conflict
  diagnostic, not N²/2), for N and 2N: the times should be about double, not four times;
- `string-10MB`: a 10 MB string where a date belongs, echoed (cut) in every format;
- `source-16MiB`: `check --sources` on an archived text just under the 16 MiB limit, whose
  peak memory should stay a small multiple of the file.

    python benchmarks/hostile.py [--n 2000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "valid"
SOURCES = ROOT / "tests" / "fixtures" / "sources"


def run(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB (of this child) and the exit code of `goaltrack ARGS`."""
    code = (
        "import resource, sys\nfrom goaltrack.cli import main\n"
        "try:\n    main()\nfinally:\n"
        "    sys.stderr.write('RSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF)"
        ".ru_maxrss)\n"
    )
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - t
    rss = next(
        (int(line.split()[1]) for line in p.stderr.splitlines() if line.startswith("RSS ")), 0
    )
    mb = rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes or KiB
    return took, mb, p.returncode


def many_sources(d: Path, n: int) -> None:
    src = [f'[[sources]]\nid = "s{i}"\ntitle = "t"\npublished = 2025-01-01\n' for i in range(n)]
    act = [
        f'[[actuals]]\nindicator = "gdp"\nperiod = "2024"\nvalue = {1000 + i}\nsource = "s{i}"\n'
        for i in range(n)
    ]
    (d / "many.toml").write_text("\n".join(src + act), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rows: list[tuple[str, float, float, int]] = []
        for n in (a.n // 2, a.n):
            ds = base / f"sources-{n}"
            shutil.copytree(VALID, ds)
            many_sources(ds, n)
            for fmt in ("text", "json"):
                rows.append((f"sources-{n} check -f {fmt}", *run(["check", "-f", fmt, str(ds)])))
        ds = base / "string"
        shutil.copytree(VALID, ds)
        (ds / "big.toml").write_text(
            f'[[sources]]\nid = "big"\ntitle = "t"\npublished = "{"x" * 10_000_000}"\n',
            encoding="utf-8",
        )
        for fmt in ("text", "json", "github"):
            rows.append((f"string-10MB check -f {fmt}", *run(["check", "-f", fmt, str(ds)])))
        ds, srcs = base / "archived", base / "sources"
        shutil.copytree(VALID, ds)
        shutil.copytree(SOURCES, srcs)
        line = "一二三四五六七八九十" * 100 + "\n"
        with (srcs / "big.txt").open("w", encoding="utf-8") as f:
            f.write(line * (16 * 1024 * 1024 // len(line.encode("utf-8")) - 1))
        (ds / "big.toml").write_text(
            '[[sources]]\nid = "big"\ntitle = "t"\n'
            'published = 2025-01-01\nfile = "big.txt"\n'
            '[[actuals]]\nindicator = "gdp"\nperiod = "2024"\n'
            'value = 1\nsource = "big"\nquote = "十一二"\n',
            encoding="utf-8",
        )
        size = (srcs / "big.txt").stat().st_size / 1024 / 1024
        rows.append(
            (
                f"source-{size:.0f}MiB check --sources",
                *run(["check", "--sources", str(srcs), str(ds)]),
            )
        )
    for name, took, rss, code in rows:
        print(f"{name:36} {took:6.2f} s  {rss:7.0f} MB  exit {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
