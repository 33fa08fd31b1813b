"""Write a deterministic synthetic goaltrack dataset, valid under `goaltrack check --strict`.

Layout (docs/format.md):

    DIR/sources.toml                    one outline per plan + the yearly bulletins
    DIR/<plan>/plan.toml                [plan]
    DIR/<plan>/indicators-NNN.toml      [defaults] plan = …, up to 250 indicators per file
    DIR/actuals/<source>.toml           [defaults] source = …, one file per bulletin

Each plan runs `--years` years from 2021 (baseline 2020). Indicators cycle through the nine
target kinds (level cycles through all seven operators) and their actuals through all five
measures. Bulletin j reports the figures of one year, 2021 + j % years, and is published in
March of the next year, so every period ends before its source's publication. Each
indicator/period/measure comes from exactly one bulletin (no conflicts); relative targets refer
to a growth indicator of the same plan (no cycles); every actual carries a quote. Cumulative
targets alternate between yearly `flow` figures and `cumulative` "2021..Y" totals. Files start
with a `#:schema` header pointing to a copy of the repository's targets/schema.

`--actuals N` (the default) chooses the number of indicators per plan, a multiple of nine, so
that the dataset holds about N actuals; `--indicators K` fixes it instead.

    python benchmarks/generate.py --actuals 10000 --out /tmp/gt-10k
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

START, BASELINE = 2021, 2020
KINDS = (
    "level",
    "hold",
    "growth",
    "cumulative",
    "compound_change",
    "multiple",
    "change",
    "relative",
    "milestone",
)
# Measures reported each year for an indicator of each kind (10 per cycle of nine kinds).
MEASURES: dict[str, tuple[str, ...]] = {
    "level": ("level",),
    "hold": ("level",),
    "growth": ("level", "growth"),
    "cumulative": ("flow",),
    "compound_change": ("growth",),
    "multiple": ("level",),
    "change": ("level",),
    "relative": ("growth",),
    "milestone": ("milestone",),
}
MEASURES_PER_CYCLE = sum(len(m) for m in MEASURES.values())
OPERATORS = ("at_least", "more_than", "at_most", "less_than", "about", "between", "equal")
UNITS = {
    "level": "亿元",
    "hold": "%",
    "growth": "亿元",
    "cumulative": "亿美元",
    "compound_change": "吨标准煤/万元",
    "multiple": "家",
    "change": "岁",
    "relative": "元",
    "milestone": "项",
}
CATEGORIES = {
    "economy": "经济发展",
    "innovation": "科技创新",
    "green": "绿色发展",
    "livelihood": "民生福祉",
}
STATES = ("not_started", "in_progress", "at_risk", "done")
PER_FILE = 250
SCHEMA = Path(__file__).resolve().parents[1] / "targets" / "schema" / "goaltrack.schema.json"


def toml_value(v: object) -> str:
    """A TOML literal: strings as JSON-escaped basic strings, inline tables for dicts."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(f"no TOML form for {v!r}")


def table(header: str, fields: dict[str, object]) -> str:
    body = "".join(f"{k} = {toml_value(v)}\n" for k, v in fields.items() if v is not None)
    return f"{header}\n{body}\n"


@dataclass
class Generated:
    files: dict[str, str] = field(default_factory=dict)
    actuals: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def series(rng: random.Random, kind: str, years: int, falling: bool) -> tuple[float, list[float]]:
    """A baseline value and one value per plan year for the indicator's main measure."""
    if kind == "hold":
        return 4.0, [round(rng.uniform(3.6, 4.6), 2) for _ in range(years)]
    if kind == "change":
        base = round(rng.uniform(76, 80), 2)
        return base, [round(base + 0.2 * (y + 1) + rng.uniform(-0.1, 0.1), 2) for y in range(years)]
    base = round(rng.uniform(100, 10000), 1)
    rate = rng.uniform(-6, -1) if falling else rng.uniform(-1, 10)
    out, v = [], base
    for _ in range(years):
        v *= 1 + (rate + rng.uniform(-1.5, 1.5)) / 100
        out.append(round(v, 2))
    return base, out


def target_fields(
    rng: random.Random,
    kind: str,
    n: int,
    end: int,
    base: float,
    values: list[float],
    growths: list[float],
    ref: str | None,
) -> dict[str, object]:
    """The target of indicator number `n` of its plan, set near the figures' trajectory."""
    f = rng.uniform(0.85, 1.15)
    year = end + 5 if n % 3 == 2 and kind not in ("hold", "milestone") else None
    final = values[-1] if values else base
    out: dict[str, object] = {"kind": kind, "year": year}
    if kind in ("level", "hold"):
        op = (
            OPERATORS[(n // len(KINDS)) % len(OPERATORS)]
            if kind == "level"
            else ("at_most", "between", "less_than")[(n // len(KINDS)) % 3]
        )
        out["operator"] = op
        if kind == "hold":
            f, final = rng.uniform(0.95, 1.1), 4.4
        if op == "between":
            out["low"], out["high"] = round(final * f * 0.8, 2), round(final * f * 1.1, 2)
        else:
            out["value"] = round(final * f, 2)
        if op == "about":
            out["tolerance"] = round(final * 0.03, 2)
    elif kind == "growth":
        out["operator"] = ("at_least", "about")[n % 2]
        out["value"] = round(sum(growths) / len(growths) * f, 1)
    elif kind == "cumulative":
        out["operator"] = ("about", "at_least")[n % 2]
        out["value"] = round(sum(values) * f, 1)
    elif kind == "compound_change":
        out["value"] = round((final / base - 1) * 100 * f, 1)
    elif kind == "multiple":
        out["value"] = round(max(final / base * f, 1.05), 2)
    elif kind == "change":
        out["value"] = round((final - base) * f, 2)
    elif kind == "relative":
        out.update(
            reference=ref, relation=("faster", "in_step", "not_faster")[n % 3], tolerance=0.5
        )
    else:
        out["description"] = f"第{n}项重点工程基本建成"
    return out


def build(plans: int, per_plan: int, years: int, n_sources: int, seed: int) -> Generated:
    rng = random.Random(seed)
    g = Generated()
    end = START + years - 1
    bulletins: dict[int, list[str]] = defaultdict(list)
    sources: list[str] = []
    for j in range(n_sources):
        year = START + j % years
        sid = f"bulletin-{year}-{j:04d}"
        bulletins[year].append(sid)
        sources.append(
            table(
                "[[sources]]",
                {
                    "id": sid,
                    "title": f"{year}年国民经济和社会发展统计公报(第{j}号)",
                    "publisher": f"统计局{j}",
                    "published": f"{year + 1}-03-{1 + j % 28:02d}",
                    "script": "simplified",
                    "reliability": "synthetic benchmark source",
                },
            )
        )
    for k in range(plans):
        pid, outline = f"plan{k:03d}", f"plan{k:03d}-outline"
        sources.append(
            table(
                "[[sources]]",
                {
                    "id": outline,
                    "title": f"第{k}号规划纲要",
                    "publisher": "人民政府",
                    "published": f"{START}-03-15",
                    "script": "simplified",
                },
            )
        )
        g.files[f"{pid}/plan.toml"] = table(
            "[plan]",
            {
                "id": pid,
                "name": f"第{k}号国民经济和社会发展五年规划纲要",
                "name_en": f"Synthetic plan {k}",
                "jurisdiction": f"城市{k}",
                "jurisdiction_en": f"City {k}",
                "level": "city",
                "start": START,
                "end": end,
                "baseline_year": BASELINE,
                "published": f"{START}-03-15",
                "source": outline,
            },
        ) + table("[plan.categories]", dict(CATEGORIES))
        chunks: list[str] = []
        for n in range(k * per_plan, (k + 1) * per_plan):  # numbered across the dataset
            kind = KINDS[n % len(KINDS)]
            iid = f"{pid}-i{n:06d}"
            chunks.append(indicator(rng, g, iid, n, kind, years, end, outline, bulletins))
            g.counts[kind] += 1
        for c in range(0, len(chunks), PER_FILE):
            g.files[f"{pid}/indicators-{c // PER_FILE:03d}.toml"] = table(
                "[defaults]", {"plan": pid}
            ) + "".join(chunks[c : c + PER_FILE])
    g.files["sources.toml"] = "".join(sources)
    for sid, items in g.actuals.items():
        g.files[f"actuals/{sid}.toml"] = table("[defaults]", {"source": sid}) + "".join(items)
    return g


def indicator(
    rng: random.Random,
    g: Generated,
    iid: str,
    n: int,
    kind: str,
    years: int,
    end: int,
    outline: str,
    bulletins: dict[int, list[str]],
) -> str:
    """One [[indicators]] table with its target; its actuals go to `g.actuals`."""
    op_n = (n // len(KINDS)) % len(OPERATORS)
    falling = kind == "compound_change" or (
        kind == "level" and OPERATORS[op_n] in ("at_most", "less_than")
    )
    base, values = series(rng, kind, years, falling)
    prev = [base, *values]
    growths = [round((values[y] / prev[y] - 1) * 100, 2) for y in range(years)]
    if kind == "cumulative":  # yearly flows
        values = [round(rng.uniform(5, 15), 2) for _ in range(years)]
    ref = f"{iid.rsplit('-i', 1)[0]}-i{n - 5:06d}" if kind == "relative" else None
    unit = "万人" if kind == "level" and op_n % 2 else UNITS[kind]
    quote = f"指标{n}目标"
    text = table(
        "[[indicators]]",
        {
            "id": iid,
            "name": f"合成指标{n}",
            "name_en": f"Synthetic indicator {n}",
            "category": list(CATEGORIES)[n % len(CATEGORIES)],
            "unit": unit,
            "direction": "lower" if falling or kind == "hold" else "higher",
            "nature": ("binding", "expected", "unspecified")[n % 3],
            "tags": ["synthetic"] if n % 5 == 0 else None,
            "baseline": None
            if kind == "milestone"
            else {"year": BASELINE, "value": base, "source": outline, "quote": f"基期{base}{unit}"},
            "citation": {"source": outline, "section": f"第{1 + n % 12}章", "quote": quote},
        },
    ) + table(
        "[[indicators.targets]]", target_fields(rng, kind, n, end, base, values, growths, ref)
    )
    measures = MEASURES[kind]
    if kind == "cumulative" and n // len(KINDS) % 2:
        measures = ("cumulative",)  # the total to date instead of the yearly flow
    for y in range(years):
        year = START + y
        for measure in measures:
            pool = bulletins[year]
            sid = pool[(n * 7 + len(measure)) % len(pool)]
            g.actuals[sid].append(actual(iid, n, year, y, measure, unit, values, growths))
            g.counts["actuals"] += 1
            g.counts[f"measure:{measure}"] += 1
    return text


def actual(
    iid: str,
    n: int,
    year: int,
    y: int,
    measure: str,
    unit: str,
    values: list[float],
    growths: list[float],
) -> str:
    period = f"{START}..{year}" if measure == "cumulative" and year > START else str(year)
    fields: dict[str, object] = {"indicator": iid, "period": period, "measure": measure}
    if measure == "milestone":
        fields["state"] = STATES[min(y, len(STATES) - 1)]
        fields["quote"] = f"第{n}项重点工程{fields['state']}"
    else:
        value = {"growth": growths[y], "cumulative": round(sum(values[: y + 1]), 2)}.get(
            measure, values[y]
        )
        if unit == "万人" and n % 2:
            fields["unit"], value = "人", round(value * 1e4)
        fields["value"] = value
        fields["status"] = "preliminary" if (n + y) % 17 == 0 else "final"
        fields["quote"] = f"{year}年合成指标{n}为{value}{'%' if measure == 'growth' else unit}"
    return table("[[actuals]]", fields)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=10)
    ap.add_argument(
        "--indicators",
        type=int,
        default=None,
        help="indicators per plan (default: derived from --actuals)",
    )
    ap.add_argument("--years", type=int, default=5, help="plan years with figures")
    ap.add_argument("--sources", type=int, default=50, help="bulletins (at least --years)")
    ap.add_argument("--actuals", type=int, default=1000, help="about this many actuals in all")
    ap.add_argument("--out", type=Path, required=True, help="directory (replaced)")
    ap.add_argument("--seed", type=int, default=14)
    a = ap.parse_args(argv)
    if a.sources < a.years or a.plans < 1 or a.years < 1:
        ap.error("need --plans ≥ 1, --years ≥ 1 and --sources ≥ --years")
    cycles = a.actuals / (MEASURES_PER_CYCLE * a.years * a.plans)
    per_plan = a.indicators or len(KINDS) * max(1, round(cycles))
    if per_plan % len(KINDS):
        ap.error(f"--indicators must be a multiple of {len(KINDS)} (one cycle of target kinds)")
    g = build(a.plans, per_plan, a.years, a.sources, a.seed)
    if a.out.exists():
        shutil.rmtree(a.out)
    for rel, text in sorted(g.files.items()):
        path = a.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"#:schema {'../' * rel.count('/')}schema/goaltrack.schema.json\n\n"
        path.write_text((header if SCHEMA.is_file() else "") + text, encoding="utf-8")
    if SCHEMA.is_file():  # the headers point to a copy of the repository's schema
        (a.out / "schema").mkdir()
        shutil.copyfile(SCHEMA, a.out / "schema" / SCHEMA.name)
    size = sum(p.stat().st_size for p in a.out.rglob("*.toml"))
    print(
        f"{a.out}: {len(g.files)} files, {size:,} bytes, {a.plans} plans × {per_plan} "
        f"indicators, {g.counts['actuals']:,} actuals",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
