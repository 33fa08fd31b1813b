"""Time of `extract` per MB of hostile text, at 10k, 100k and 1M characters (docs/security.md).

Each pattern is a text that once made a scan backtrack: a digit run, `1亿1亿…`, `1,1,…`,
Chinese numerals, `1亿1万元…` (compounds), and `大大大…` against aliases with gaps. Two
columns each: the scan alone (`find_numbers`; for the alias, matching
`大…大…大…大…大…大…大…大…连`, eight gaps, which `check` refuses but the matcher must
survive) and the whole of `extract` (after `地区生产总值`, so that every number is tied to an
indicator; for the alias, with `大…大…大…连` in the dataset, the most gaps allowed).
Linear time is a flat time per MB: the ratios against 10k
should stay near 1, where a quadratic scan would give 10 and 100.

    .venv/bin/python benchmarks/extract_scaling.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from goaltrack.check.validate import check_dataset  # noqa: E402
from goaltrack.core.models import MAX_ALIAS_GAPS, Indicator  # noqa: E402
from goaltrack.core.numbers import find_numbers  # noqa: E402
from goaltrack.extract.candidates import ExtractOptions, extract_figures  # noqa: E402
from goaltrack.extract.matching import find_hits, patterns  # noqa: E402

VALID = ROOT / "tests" / "fixtures" / "valid"
EIGHT_GAPS = "…".join("大" * 8) + "…连"
HOSTILE_ALIAS = "…".join("大" * MAX_ALIAS_GAPS) + "…连"

PATTERNS: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "1" * n,
    "1亿1亿": lambda n: "1亿" * (n // 2),
    "1,1,": lambda n: "1," * (n // 2),
    "1,111,": lambda n: "1" + ",111" * (n // 4),
    "numerals": lambda n: "一二三四五六七八九十百千万亿" * (n // 14) + "亿元",
    "1亿1万元": lambda n: "1亿1万元" * (n // 5),
    "alias gaps": lambda n: "大" * n,
}


def timed(f: Callable[..., object], *args: object) -> float:
    t = time.perf_counter()
    f(*args)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    sizes = [int(s) for s in ap.parse_args().sizes.split(",")]
    plain = check_dataset([VALID]).dataset
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(VALID, Path(tmp) / "ds")
        ind = Path(tmp) / "ds" / "indicators.toml"
        name = 'name = "地区生产总值"\n'
        ind.write_text(
            ind.read_text(encoding="utf-8").replace(
                name, f'{name}aliases = ["{HOSTILE_ALIAS}"]\n', 1
            ),
            encoding="utf-8",
        )
        hostile = check_dataset([Path(tmp) / "ds"]).dataset
    assert HOSTILE_ALIAS in hostile.indicators["gdp"].aliases
    eight = patterns(
        [
            Indicator.model_construct(  # type: ignore[call-arg]
                id="x", name="某某", aliases=[EIGHT_GAPS]
            )
        ]
    )
    opts = ExtractOptions(year=2023)
    find_numbers("1亿元")  # compile the patterns and import what extract needs, untimed
    extract_figures("地区生产总值1亿元。", plain, opts)
    print(
        f"{'pattern':<12}{'chars':>10}{'scan s/MB':>12}{'ratio':>7}{'extract s/MB':>14}{'ratio':>7}"
    )
    for name, make in PATTERNS.items():
        base: tuple[float, float] | None = None
        for n in sizes:
            text = make(n)
            mb = len(text.encode("utf-8")) / 1e6
            if name == "alias gaps":
                scan = timed(find_hits, text, 0, len(text), eight) / mb
            else:
                scan = timed(find_numbers, text) / mb
            ds = hostile if name == "alias gaps" else plain
            whole = timed(extract_figures, "地区生产总值" + text, ds, opts) / mb
            base = base or (scan, whole)
            print(
                f"{name:<12}{n:>10,}{scan:>12.3f}{scan / base[0]:>7.2f}{whole:>14.3f}"
                f"{whole / base[1]:>7.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
