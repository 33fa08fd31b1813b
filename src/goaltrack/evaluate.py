"""The evaluation engine: a verdict for every target, with its working shown.

Pure functions over the dataset; no terminal, no files. Formulas and worked examples are in
docs/method.md (notation: baseline year b, value B; target year t, value T; latest usable
actual A in year y; time elapsed τ = (y − b)/(t − b); pace ratio R = p/τ).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .dataset import Dataset
from .describe import describe_target
from .models import Indicator, Plan, Target
from .selection import AsOf, Point, Selection, select

# `tracked`: an indicator without targets, whose figures are shown but not judged.
STATUSES = ("achieved", "on_track", "at_risk", "off_track", "regressing", "missed", "no_data",
            "tracked")
# Worst first: used for sorting and for summaries.
SEVERITY = {"missed": 0, "regressing": 1, "off_track": 2, "at_risk": 3, "no_data": 4,
            "on_track": 5, "achieved": 6, "tracked": 7}


@dataclass(frozen=True, slots=True)
class Thresholds:
    on_track: float = 0.95
    at_risk: float = 0.6


@dataclass(frozen=True, slots=True)
class Options:
    as_of: AsOf
    vintage: str = "latest"  # latest | first
    method: str = "pace"  # pace | projection
    thresholds: Thresholds = Thresholds()


@dataclass(slots=True)
class Evaluation:
    plan: str
    indicator: str
    target_index: int
    kind: str
    target_text: str
    status: str
    reason: str
    final: bool = False
    progress: float | None = None
    time_elapsed: float | None = None
    pace_ratio: float | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    latest: Point | None = None
    required: float | None = None
    required_label: str = ""
    projected_value: float | None = None
    projected_meets: bool | None = None
    projected_status: str | None = None
    flags: list[str] = field(default_factory=list)
    components: dict[str, Any] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    context: list[tuple[Point, str]] = field(default_factory=list)
    superseded: list[tuple[Point, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    override_reason: str | None = None


def status_from_ratio(r: float, th: Thresholds) -> str:
    if r >= th.on_track:
        return "on_track"
    if r >= th.at_risk:
        return "at_risk"
    if r >= 0:
        return "off_track"
    return "regressing"


def meets(value: float, op: str, t: Target, target_value: float | None,
          direction: str = "neither") -> bool:
    """Whether `value` satisfies the target's operator (in the target's terms).

    `about` (左右) tolerates a small shortfall; beyond the target in the better direction
    it is met too (降至12%左右 is met by 11%).
    """
    if op == "between":
        assert t.low is not None and t.high is not None
        return t.low - 1e-9 <= value <= t.high + 1e-9
    assert target_value is not None
    tv = target_value
    if op == "at_least":
        return value >= tv - 1e-9 * max(1.0, abs(tv))
    if op == "more_than":
        return value > tv
    if op == "at_most":
        return value <= tv + 1e-9 * max(1.0, abs(tv))
    if op == "less_than":
        return value < tv
    if op == "about":
        tol = about_tolerance(t, tv) + 1e-9
        if direction == "higher":
            return value >= tv - tol
        if direction == "lower":
            return value <= tv + tol
        return abs(value - tv) <= tol
    return abs(value - tv) <= 1e-9 * max(1.0, abs(tv))  # equal


def about_tolerance(t: Target, tv: float) -> float:
    return t.tolerance if t.tolerance is not None else abs(tv) * 0.05


def evaluate_dataset(ds: Dataset, opts: Options) -> list[Evaluation]:
    by_ind = ds.by_indicator()
    out: list[Evaluation] = []
    # A selection lives while its indicator is evaluated, and growth series are kept only for
    # the references of relative targets: holding them all was ~30 MB at 100 000 actuals.
    growth_cache: dict[str, dict[int, tuple[float, str]]] = {}
    referenced = {t.reference for i in ds.indicators.values() for t in i.targets if t.reference}

    def selection(ind_id: str) -> Selection:
        return select(ds, ds.indicators[ind_id], by_ind.get(ind_id, []), opts.as_of,
                      opts.vintage)

    def growths(ind_id: str, sel: Selection | None = None) -> dict[int, tuple[float, str]]:
        if ind_id in growth_cache:
            return growth_cache[ind_id]
        g = yearly_growth(ds.indicators[ind_id], sel if sel is not None else selection(ind_id))
        if ind_id in referenced:
            growth_cache[ind_id] = g
        return g

    for ind in sorted(ds.indicators.values(), key=lambda i: (i.plan or "", i.id)):
        plan = ds.plan_of(ind)
        if plan is None:
            continue
        sel = selection(ind.id)
        if not ind.targets:
            out.append(_tracked(plan, ind, sel))
            continue
        for k, t in enumerate(ind.targets):
            try:
                ev = evaluate_target(plan, ind, k, t, sel, opts,
                                     ref_growth=growths(t.reference) if t.reference
                                     and t.reference in ds.indicators else None,
                                     own_growth=growths(ind.id, sel))
            except ArithmeticError:  # overflow or a zero where figures are extreme
                ev = Evaluation(plan.id, ind.id, k, t.kind, describe_target(t, ind, plan),
                                "no_data", "the figures are outside the computable range")
            out.append(ev)
    return out


def _tracked(plan: Plan, ind: Indicator, sel: Selection) -> Evaluation:
    pts = [p for s in sel.by_measure.values() for p in s.values()]
    latest = max(pts, key=lambda p: (p.year, p.measure == "level")) if pts else None
    return Evaluation(plan.id, ind.id, -1, "tracked", "(tracked, no target)", "tracked",
                      "no target: figures are tracked, not judged", latest=latest,
                      points=sorted(pts, key=lambda p: p.year), context=sel.context,
                      sources=sorted(sel.sources))


def evaluate_target(plan: Plan, ind: Indicator, k: int, t: Target, sel: Selection,
                    opts: Options, ref_growth: dict[int, tuple[float, str]] | None = None,
                    own_growth: dict[int, tuple[float, str]] | None = None) -> Evaluation:
    year = t.year or plan.end
    b_year = t.start_year or (ind.baseline.year if ind.baseline else plan.baseline_year)
    ev = Evaluation(plan.id, ind.id, k, t.kind, describe_target(t, ind, plan), "no_data", "",
                    baseline_year=b_year,
                    baseline_value=ind.baseline.value if ind.baseline else None,
                    target_year=year, context=sel.context, superseded=sel.superseded,
                    sources=sorted(sel.sources))
    period_over = opts.as_of.year > year
    kind = t.kind
    if kind in ("level", "multiple", "change"):
        _eval_level(ev, ind, t, sel, opts, period_over)
    elif kind == "hold":
        _eval_hold(ev, plan, ind, t, sel, period_over, opts)
    elif kind == "growth":
        _eval_growth(ev, ind, t, sel, opts, period_over, own_growth or {})
    elif kind == "cumulative":
        _eval_cumulative(ev, plan, ind, t, sel, opts, period_over)
    elif kind == "compound_change":
        _eval_compound(ev, plan, ind, t, sel, opts, period_over, own_growth or {})
    elif kind == "relative":
        _eval_relative(ev, plan, t, opts, period_over, own_growth or {}, ref_growth or {})
    elif kind == "milestone":
        _eval_milestone(ev, sel, period_over)
    if opts.method == "projection" and ev.projected_status is not None and not ev.final:
        ev.components["pace_status"] = ev.status
        ev.status = ev.projected_status
        ev.flags.append("projection")
    if t.override is not None:
        ev.components["computed_status"] = ev.status
        ev.status = t.override.status
        ev.override_reason = t.override.reason
        ev.flags.append("override")
    # Every figure that drives the verdict passes on its caveats (estimate, preliminary…);
    # for level targets only the latest figure drives it.
    drivers = [ev.latest] if kind in ("level", "multiple", "change", "milestone") else \
        [*ev.points, ev.latest]
    for p in drivers:
        for f in p.flags() if p is not None else ():
            if f not in ev.flags:
                ev.flags.append(f)
    return ev


# --- level, multiple of baseline, change from baseline --------------------------------

def _level_target_value(ev: Evaluation, ind: Indicator, t: Target) -> float | None:
    if t.kind == "level":
        return t.value
    if ind.baseline is None or t.value is None:
        return None
    b = ind.baseline.value
    ev.flags.append("converted_to_level")
    if t.kind == "multiple":
        ev.components["conversion"] = f"T = {t.value:g} × B = {t.value:g} × {b:g}"
        return t.value * b
    ev.components["conversion"] = f"T = B + {t.value:g} = {b:g} + {t.value:g}"
    return b + t.value


def _progress_goal(ind: Indicator, t: Target, tv: float | None, a: float) -> float | None:
    """The value progress is measured towards: for `between`, the nearer bound."""
    if (t.operator or "at_least") == "between":
        assert t.low is not None and t.high is not None
        if ind.direction == "higher":
            return t.low
        if ind.direction == "lower":
            return t.high
        return t.low if abs(a - t.low) < abs(a - t.high) else t.high
    return tv


def _eval_level(ev: Evaluation, ind: Indicator, t: Target, sel: Selection, opts: Options,
                period_over: bool) -> None:
    op = t.operator or "at_least"
    tv = _level_target_value(ev, ind, t)
    ev.target_value = tv if op != "between" else None
    if tv is None and op != "between":
        ev.reason = "needs a baseline value to turn the target into a level"
        return
    levels = sel.series("level")
    pts = [p for y, p in levels.items() if y <= (ev.target_year or y) and p.value is not None]
    ev.points = list(levels.values())
    if not pts:
        ev.reason = "no level figure reported" + _context_note(sel)
        return
    latest = pts[-1]
    ev.latest = latest
    assert latest.value is not None
    a, y = latest.value, latest.year
    target_year = ev.target_year or y
    if meets(a, op, t, tv, ind.direction):
        ev.status = "achieved"
        ev.final = y >= target_year
        ev.reason = (f"{a:g} in {y} meets the target" +
                     ("" if ev.final else f" already ({target_year - y} year(s) early)"))
        ev.progress = 1.0
        if latest.partial:
            ev.final = False
        return
    if y >= target_year and not latest.partial:
        ev.status, ev.final = "missed", True
        ev.reason = f"{a:g} in {y}, the target year, does not meet the target"
        _level_pace(ev, ind, t, tv, pts, opts, quiet=True)
        return
    _level_pace(ev, ind, t, tv, pts, opts, quiet=False)
    if period_over:
        ev.flags.append("final_pending")
        ev.reason += f"; the {target_year} figure is not yet published"


def _level_pace(ev: Evaluation, ind: Indicator, t: Target, tv: float | None, pts: list[Point],
                opts: Options, quiet: bool) -> None:
    latest = pts[-1]
    assert latest.value is not None
    a, y = latest.value, latest.year
    goal = _progress_goal(ind, t, tv, a)
    target_year = ev.target_year or y
    if ind.baseline is not None:
        b_val, b_year = ind.baseline.value, ev.baseline_year or ind.baseline.year
    elif len(pts) >= 2 and pts[0].value is not None:
        b_val, b_year = pts[0].value, pts[0].year
        ev.flags.append("baseline_from_first_figure")
        ev.baseline_year, ev.baseline_value = b_year, b_val
    else:
        if not quiet:
            ev.reason = (f"{a:g} in {y} does not meet the target yet; no baseline and only one "
                         "figure, so the pace cannot be judged")
        return
    assert b_val is not None and b_year is not None and goal is not None
    _projection(ev, ind, t, tv, pts, b_val, b_year, opts)
    if abs(goal - b_val) < 1e-12 or target_year <= b_year:
        if not quiet:
            ev.status = "off_track"
            ev.reason = f"{a:g} in {y} does not meet the target (target equals the baseline)"
        return
    p = (a - b_val) / (goal - b_val)
    tau = (y - b_year) / (target_year - b_year)
    ev.progress, ev.time_elapsed = p, tau
    ev.components.update({"formula": "p = (A − B)/(T − B); τ = (y − b)/(t − b); R = p/τ",
                          "A": a, "y": y, "B": b_val, "b": b_year, "T": goal, "t": target_year})
    years_left = target_year - y
    if years_left > 0:
        ev.required = (goal - a) / years_left
        ev.required_label = "per year still needed"
    if quiet:
        return
    if tau <= 0:
        ev.reason = f"no figure after the baseline year {b_year}"
        return
    r = p / tau
    ev.pace_ratio = r
    ev.status = status_from_ratio(r, opts.thresholds)
    ev.reason = (f"{y - b_year} of {target_year - b_year} years gone ({tau:.0%}), "
                 f"{p:.0%} of the way from {b_year} ({b_val:g}) to {goal:g}: pace ratio {r:.2f}")


def _projection(ev: Evaluation, ind: Indicator, t: Target, tv: float | None, pts: list[Point],
                b_val: float, b_year: int, opts: Options) -> None:
    series = [(b_year, b_val)] + [(p.year, p.value) for p in pts if p.year > b_year
                                  and p.value is not None]
    if len(series) < 2 or ev.target_year is None:
        return
    (y0, v0), (y1, v1) = series[0], series[-1]
    if y1 <= y0:
        return
    ty = ev.target_year
    if v0 > 0 and v1 > 0:
        proj = v1 * (v1 / v0) ** ((ty - y1) / (y1 - y0))
        method = "compound growth"
    else:
        proj = v1 + (v1 - v0) / (y1 - y0) * (ty - y1)
        method = "linear"
    ev.projected_value = proj
    ev.components["projection"] = f"{method} from {y0} ({v0:g}) to {y1} ({v1:g}), to {ty}"
    ev.projected_meets = meets(proj, t.operator or "at_least", t, tv, ind.direction)
    goal = _progress_goal(ind, t, tv, proj)
    if ev.projected_meets:
        ev.projected_status = "on_track"
    elif goal is not None and abs(goal - b_val) > 1e-12:
        ev.projected_status = status_from_ratio((proj - b_val) / (goal - b_val), opts.thresholds)


def _context_note(sel: Selection) -> str:
    if sel.context:
        return f" ({len(sel.context)} figure(s) shown as context only: proxy or other scope)"
    return ""


# --- hold: every year ------------------------------------------------------------------

def _eval_hold(ev: Evaluation, plan: Plan, ind: Indicator, t: Target, sel: Selection,
               period_over: bool, opts: Options) -> None:
    op = t.operator or "at_most"
    ev.target_value = t.value
    start = t.start_year + 1 if t.start_year else plan.start
    end = ev.target_year or plan.end
    last = min(end, opts.as_of.year)
    levels = {y: p for y, p in sel.series("level").items() if start <= y <= end
              and p.value is not None}
    ev.points = list(levels.values())
    if not levels:
        ev.reason = "no yearly figure reported" + _context_note(sel)
        return
    ev.latest = list(levels.values())[-1]
    violated = [y for y, p in levels.items() if p.value is not None
                and not meets(p.value, op, t, t.value, ind.direction)]
    missing = [y for y in range(start, last + 1) if y not in levels]
    expected_years = last - start + 1
    ev.components.update({"years_held": [y for y in levels if y not in violated],
                          "years_violated": violated, "years_missing": missing})
    ev.progress = (len(levels) - len(violated)) / max(1, expected_years)
    ev.time_elapsed = min(1.0, (ev.latest.year - start + 1) / (end - start + 1))
    if missing:
        ev.flags.append("missing_years")
    miss_note = f"; no figure for {', '.join(map(str, missing))}" if missing else ""
    if violated:
        ev.status = "missed" if period_over else "off_track"
        ev.final = period_over
        ev.reason = (f"bound broken in {', '.join(map(str, violated))}" + miss_note)
        return
    if period_over and not missing:
        ev.status, ev.final = "achieved", True
        ev.reason = f"held in every year {start}–{end}"
        return
    ev.status = "on_track"
    ev.reason = f"held in every reported year ({len(levels)} of {expected_years})" + miss_note
    if period_over:
        ev.flags.append("final_pending")


# --- average annual growth -------------------------------------------------------------

def yearly_growth(ind: Indicator, sel: Selection) -> dict[int, tuple[float, str]]:
    """Growth in % per year: reported rates, else derived from consecutive levels."""
    out: dict[int, tuple[float, str]] = {}
    for y, p in sel.series("growth").items():
        if p.value is not None:
            out[y] = (p.value, "reported")
    levels = {y: p.value for y, p in sel.series("level").items()
              if p.value is not None and not p.partial}
    if ind.baseline is not None:
        levels.setdefault(ind.baseline.year, ind.baseline.value)
    for y, v in levels.items():
        prev = levels.get(y - 1)
        if y not in out and prev is not None and prev > 0 and v is not None:
            out[y] = ((v / prev - 1) * 100, "derived from levels")
    return dict(sorted(out.items()))


def _eval_growth(ev: Evaluation, ind: Indicator, t: Target, sel: Selection, opts: Options,
                 period_over: bool, growth: dict[int, tuple[float, str]]) -> None:
    assert t.value is not None
    b = ev.baseline_year or 0
    end = ev.target_year or b
    op = t.operator or "at_least"
    ev.target_value = t.value
    rates = {y: g for y, g in growth.items() if b < y <= end}
    how = {v[1] for v in rates.values()}
    levels = sel.series("level")
    if not rates and ind.baseline is not None:
        # Average from the baseline and the latest level when yearly rates are missing.
        lv = [p for y, p in levels.items() if b < y <= end and p.value and not p.partial]
        if lv and ind.baseline.value > 0 and lv[-1].value:
            n = lv[-1].year - b
            g = ((lv[-1].value / ind.baseline.value) ** (1 / n) - 1) * 100
            rates = {lv[-1].year: (g, "derived from levels")}
            ev.components["derived"] = (f"G = ({lv[-1].value:g}/{ind.baseline.value:g})^(1/{n})"
                                        " − 1")
            years_covered = n
            product = (1 + g / 100) ** n
        else:
            years_covered, product = 0, 1.0
    else:
        years_covered = len(rates)
        product = math.prod(1 + g / 100 for g, _ in rates.values())
    if not rates:
        partial = [p for p in sel.series("growth").values() if p.partial]
        ev.reason = "no yearly growth figure or levels to derive it from" + _context_note(sel)
        if partial:
            ev.reason = f"only partial-year growth ({partial[-1].period}); no full-year rate"
        return
    ev.points = [p for y, p in sel.series("growth").items() if y in rates] or \
        [p for y, p in levels.items() if b < y <= end]
    last_year = max(rates)
    src = sel.series("growth").get(last_year) or levels.get(last_year)
    ev.latest = src
    if product <= 0:
        ev.reason = "growth rates below −100% cannot be averaged"
        return
    g_avg = (product ** (1 / years_covered) - 1) * 100
    ev.components.update({
        "formula": "G = (Π(1 + r_i))^(1/n) − 1; R = G/T",
        "rates": {str(y): round(g, 4) for y, (g, _) in rates.items()},
        "rates_from": " and ".join(sorted(how)) or "levels",
        "G": g_avg, "T": t.value, "n": years_covered,
    })
    total_years = end - b
    ev.time_elapsed = (last_year - b) / total_years if total_years > 0 else None
    gaps = [y for y in range(b + 1, last_year + 1) if y not in rates]
    if gaps and "derived" not in ev.components:
        ev.flags.append("missing_years")
        ev.components["years_missing"] = gaps
    complete = last_year >= end and not gaps
    if last_year < end:
        need = ((1 + t.value / 100) ** total_years / product) ** (1 / (end - last_year)) - 1
        ev.required = float(need) * 100
        ev.required_label = "% a year still needed"
    ok = meets(g_avg, op, t, t.value, "higher")
    ev.projected_value = g_avg
    ev.projected_meets = ok
    if complete:
        ev.final = True
        ev.status = "achieved" if ok else "missed"
        ev.reason = f"average growth {g_avg:.2f}% a year over {b + 1}–{end} against {t.value:g}%"
        return
    if op in ("at_most", "less_than"):
        ev.status = "on_track" if ok else "off_track"
        ev.pace_ratio = None
    elif op == "about":
        ev.status = "on_track" if ok else status_from_ratio(
            1 - abs(g_avg - t.value) / max(abs(t.value), 1e-9), opts.thresholds)
    else:
        r = g_avg / t.value if t.value else (1.0 if g_avg >= 0 else -1.0)
        ev.pace_ratio = r
        ev.progress = r
        ev.status = status_from_ratio(r, opts.thresholds)
    ev.projected_status = "on_track" if ok else ev.status
    ev.reason = (f"average growth {g_avg:.2f}% a year over {years_covered} year(s) to "
                 f"{last_year} against {t.value:g}%" +
                 (f": ratio {ev.pace_ratio:.2f}" if ev.pace_ratio is not None else ""))
    if period_over:
        ev.flags.append("final_pending")
        ev.reason += f"; the {end} figure is not yet published"


# --- cumulative total ------------------------------------------------------------------

def _eval_cumulative(ev: Evaluation, plan: Plan, ind: Indicator, t: Target, sel: Selection,
                     opts: Options,
                     period_over: bool) -> None:
    assert t.value is not None
    first = (t.start_year + 1) if t.start_year else plan.start
    end = ev.target_year or plan.end
    op = t.operator or "at_least"
    ev.target_value = t.value
    flows = {y: p for y, p in sel.series("flow").items()
             if first <= y <= end and p.value is not None}
    cum = {y: p for y, p in sel.series("cumulative").items() if first <= y <= end
           and p.value is not None}
    total_years = end - first + 1
    if cum and (not flows or max(cum) >= max(flows)):
        last = cum[max(cum)]
        assert last.value is not None
        total, covered = last.value, last.year - first + 1
        ev.points = list(cum.values())
        ev.latest = last
        ev.components["from"] = f"cumulative figure for {last.period}"
        years_missing: list[int] = []
    elif flows:
        total = sum(p.value or 0.0 for p in flows.values())
        last_year = max(flows)
        covered = len(flows)
        ev.points = list(flows.values())
        ev.latest = flows[last_year]
        years_missing = [y for y in range(first, last_year + 1) if y not in flows]
        ev.components["from"] = "sum of yearly flows " + ", ".join(
            f"{y}: {p.value:g}" for y, p in flows.items())
        if years_missing:
            ev.flags.append("missing_years")
            ev.components["years_missing"] = years_missing
    else:
        ev.reason = "no yearly flow or cumulative figure reported" + _context_note(sel)
        return
    p = total / t.value if t.value else 0.0
    tau = covered / total_years
    ev.progress, ev.time_elapsed = p, tau
    ev.components.update({"formula": "p = Σ/T; τ = years covered / years in period; R = p/τ",
                          "sum": total, "T": t.value, "years_covered": covered,
                          "years_in_period": total_years})
    years_left = total_years - covered
    ev.required = (t.value - total) / years_left if years_left > 0 else None
    ev.required_label = "a year still needed on average"
    if years_left > 0:
        ev.projected_value = total + total / covered * years_left
        ev.projected_meets = meets(ev.projected_value, op, t, t.value, ind.direction)
        ev.projected_status = "on_track" if ev.projected_meets else status_from_ratio(
            ev.projected_value / t.value, opts.thresholds)
    complete = years_left <= 0 and not years_missing
    ok = meets(total, op, t, t.value, ind.direction)
    if (op in ("at_least", "more_than") or (op == "about" and ind.direction == "higher")) and ok:
        ev.status, ev.final = "achieved", complete
        ev.reason = f"total {total:g} already reaches {t.value:g}"
        return
    if op in ("at_most", "less_than") and not ok:
        ev.status, ev.final = ("missed", True) if period_over else ("off_track", False)
        ev.reason = f"total {total:g} already exceeds the cap of {t.value:g}"
        return
    if complete:
        ev.final = True
        ev.status = "achieved" if ok else "missed"
        ev.reason = f"total {total:g} over {first}–{end} against {t.value:g}"
        return
    if op in ("at_most", "less_than"):
        ev.status = "on_track"
        ev.reason = f"total {total:g} so far is within the cap of {t.value:g}"
    else:
        r = p / tau if tau > 0 else 0.0
        ev.pace_ratio = r
        ev.status = status_from_ratio(r, opts.thresholds)
        ev.reason = (f"{covered} of {total_years} years counted ({tau:.0%}), total {total:g} is "
                     f"{p:.0%} of {t.value:g}: pace ratio {r:.2f}")
    if years_missing:
        ev.reason += f"; no figure for {', '.join(map(str, years_missing))}"
    if period_over:
        ev.flags.append("final_pending")
        ev.reason += "; figures for the remaining years are not yet published"


# --- cumulative compound change --------------------------------------------------------

def _eval_compound(ev: Evaluation, plan: Plan, ind: Indicator, t: Target, sel: Selection,
                   opts: Options, period_over: bool,
                   growth: dict[int, tuple[float, str]]) -> None:
    assert t.value is not None
    b = ev.baseline_year or plan.baseline_year
    end = ev.target_year or plan.end
    ev.target_value = t.value
    rates = {y: g for y, g in growth.items() if b < y <= end}
    if not rates:
        ev.reason = "no yearly change figure or levels to derive it from" + _context_note(sel)
        return
    combined = (math.prod(1 + g / 100 for g, _ in rates.values()) - 1) * 100
    last_year = max(rates)
    ev.latest = sel.series("growth").get(last_year) or sel.series("level").get(last_year)
    ev.points = [p for y, p in sel.series("growth").items() if y in rates]
    total_years = end - b
    covered = len(rates)
    p = combined / t.value if t.value else 0.0
    tau = covered / total_years
    ev.progress, ev.time_elapsed = p, tau
    ev.components.update({"formula": "C = Π(1 + r_i) − 1; p = C/T; R = p/τ",
                          "rates": {str(y): g for y, (g, _) in rates.items()},
                          "C": combined, "T": t.value})
    remaining = total_years - covered
    if remaining > 0 and combined > -100:
        need = ((1 + t.value / 100) / (1 + combined / 100)) ** (1 / remaining) - 1
        ev.required, ev.required_label = float(need) * 100, "% a year still needed"
    done = combined <= t.value if t.value < 0 else combined >= t.value
    if done:
        ev.status, ev.final = "achieved", last_year >= end
        ev.reason = f"combined change {combined:.2f}% reaches {t.value:g}%"
        return
    if last_year >= end:
        ev.status, ev.final = "missed", True
        ev.reason = f"combined change {combined:.2f}% over {b + 1}–{end} against {t.value:g}%"
        return
    r = p / tau if tau > 0 else 0.0
    ev.pace_ratio = r
    ev.status = status_from_ratio(r, opts.thresholds)
    ev.reason = (f"combined change {combined:.2f}% after {covered} of {total_years} years, "
                 f"{p:.0%} of {t.value:g}%: pace ratio {r:.2f}")
    if period_over:
        ev.flags.append("final_pending")


# --- relative to another indicator ------------------------------------------------------

def _eval_relative(ev: Evaluation, plan: Plan, t: Target, opts: Options, period_over: bool,
                   own: dict[int, tuple[float, str]],
                   ref: dict[int, tuple[float, str]]) -> None:
    tol = t.tolerance if t.tolerance is not None else 0.5
    first, end = plan.start, ev.target_year or plan.end
    years = [y for y in own if y in ref and first <= y <= end]
    if not years:
        ev.reason = (f"needs growth of both this indicator and {t.reference!r} for the same "
                     "year")
        return
    results = {}
    for y in years:
        g, r = own[y][0], ref[y][0]
        if t.relation == "faster":
            ok = g > r
        elif t.relation == "not_faster":
            ok = g <= r + tol
        else:
            ok = g >= r - tol
        results[y] = (g, r, ok)
    share = sum(1 for v in results.values() if v[2]) / len(results)
    ev.progress = share
    ev.components.update({"relation": t.relation, "tolerance_pp": tol, "reference": t.reference,
                          "years": {str(y): {"own": g, "reference": r, "satisfied": ok}
                                    for y, (g, r, ok) in results.items()}})
    sat = sum(1 for v in results.values() if v[2])
    ev.reason = f"{sat} of {len(results)} year(s) satisfy '{t.relation}' {t.reference}"
    ev.time_elapsed = (max(years) - first + 1) / (end - first + 1)
    if period_over and max(years) >= end:
        ev.final = True
        ev.status = "achieved" if share == 1 else "missed"
        return
    ev.pace_ratio = share
    ev.status = "on_track" if share >= opts.thresholds.on_track else (
        "at_risk" if share >= opts.thresholds.at_risk else "off_track")
    if period_over:
        ev.flags.append("final_pending")


# --- milestone -------------------------------------------------------------------------

def _eval_milestone(ev: Evaluation, sel: Selection, period_over: bool) -> None:
    states = sel.series("milestone")
    if not states:
        ev.reason = "no report on this milestone"
        return
    latest = list(states.values())[-1]
    ev.latest = latest
    ev.points = list(states.values())
    state = latest.state or "not_started"
    mapping = {"done": "achieved", "in_progress": "on_track", "at_risk": "at_risk",
               "not_started": "off_track"}
    ev.status = mapping[state]
    ev.final = state == "done"
    if state != "done" and period_over:
        if latest.year >= (ev.target_year or latest.year):
            ev.status, ev.final = "missed", True
        else:
            ev.flags.append("final_pending")
    ev.reason = f"reported {state.replace('_', ' ')} ({latest.period}, {latest.source})"
