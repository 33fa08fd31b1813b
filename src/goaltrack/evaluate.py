"""The evaluation engine: a verdict for every target, with its working shown.

Pure functions over the dataset; no terminal, no files. Formulas and worked examples are in
docs/method.md (notation: baseline year b, value B; target year t, value T; latest usable
actual A in year y; time elapsed τ: the share of b..t gone by the as-of date, see elapsed.py;
pace ratio R = p/τ). Every value is in the indicator's unit first (normalise.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .dataset import Dataset
from .describe import describe_target
from .elapsed import figure_due, figure_years, gap_clause, span
from .models import Indicator, Plan, Target
from .normalise import TargetValues, baseline_value, target_values, units_note
from .periods import parse_period
from .selection import AsOf, Point, Selection, select

LEVEL_KINDS = ("level", "multiple", "change")

# `tracked`: an indicator without targets, whose figures are shown but not judged.
STATUSES = ("achieved", "on_track", "at_risk", "off_track", "regressing", "missed", "no_data",
            "tracked")
# Worst first: used for sorting and for summaries.
# `required_label` once the period is over: the amount short, not a yearly rate.
SHORTFALL = "short of the target (the period is over)"
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
    provisional: list[str] = field(default_factory=list)  # what a provisional verdict rests on


def status_from_ratio(r: float, th: Thresholds) -> str:
    if r >= th.on_track:
        return "on_track"
    if r >= th.at_risk:
        return "at_risk"
    if r >= 0:
        return "off_track"
    return "regressing"


def better_direction(op: str, direction: str) -> str:
    """Which way is better for this target: the operator says it, else the indicator."""
    if op in ("at_least", "more_than"):
        return "higher"
    if op in ("at_most", "less_than"):
        return "lower"
    return direction


def meets(value: float, op: str, tv: TargetValues, direction: str = "neither") -> bool:
    """Whether `value` satisfies the target's operator (all in the same unit).

    `about` (左右) tolerates a small shortfall; beyond the target in the better direction
    it is met too (降至12%左右 is met by 11%); so is `between` (5—10 家 is met by 12 where
    higher is better).
    """
    if op == "between":
        assert tv.low is not None and tv.high is not None
        low, high = tv.low - 1e-9, tv.high + 1e-9
        if direction == "higher":
            return value >= low
        if direction == "lower":
            return value <= high
        return low <= value <= high
    assert tv.value is not None
    t = tv.value
    if op == "at_least":
        return value >= t - 1e-9 * max(1.0, abs(t))
    if op == "more_than":
        return value > t
    if op == "at_most":
        return value <= t + 1e-9 * max(1.0, abs(t))
    if op == "less_than":
        return value < t
    if op == "about":
        tol = about_tolerance(tv, t) + 1e-9
        if direction == "higher":
            return value >= t - tol
        if direction == "lower":
            return value <= t + tol
        return abs(value - t) <= tol
    return abs(value - t) <= 1e-9 * max(1.0, abs(t))  # equal


def about_tolerance(tv: TargetValues, t: float) -> float:
    return tv.tolerance if tv.tolerance is not None else abs(t) * 0.05


def _movement(op: str, t: float) -> bool:
    """Whether a rate target asks for movement away from no change (progress can be
    measured), rather than setting a bound that no change already keeps (年均下降不超过2%,
    增长不超过3%, 不下降): those are bounds to keep, met or broken."""
    if op in ("at_least", "more_than"):
        return t > 0
    if op in ("at_most", "less_than"):
        return t < 0
    return op == "about" and t != 0


def _log_ratio(change_pct: float, target_pct: float) -> float | None:
    """ln(1 + c)/ln(1 + T): the share of a compound change achieved, measured so that
    compounding, pace and the rate still required never contradict each other."""
    if change_pct <= -100 or target_pct == 0 or target_pct <= -100:
        return None
    return math.log1p(change_pct / 100) / math.log1p(target_pct / 100)


def _provisional(ev: Evaluation, why: str) -> None:
    """Mark the verdict provisional and say what it rests on."""
    if why not in ev.provisional:
        ev.provisional.append(why)
    if "provisional" not in ev.flags:
        ev.flags.append("provisional")


def _years(ys: list[int]) -> str:
    return ", ".join(map(str, ys))


def _end_month(p: Point) -> int:
    return parse_period(p.period).end_month


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
            except ArithmeticError:  # overflow where figures are extreme
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
                      superseded=sel.superseded, sources=sorted(sel.sources))


def evaluate_target(plan: Plan, ind: Indicator, k: int, t: Target, sel: Selection,
                    opts: Options, ref_growth: dict[int, tuple[float, str]] | None = None,
                    own_growth: dict[int, tuple[float, str]] | None = None) -> Evaluation:
    year = t.year or plan.end
    b_year = t.start_year or (ind.baseline.year if ind.baseline else plan.baseline_year)
    ev = Evaluation(plan.id, ind.id, k, t.kind, describe_target(t, ind, plan), "no_data", "",
                    baseline_year=b_year, baseline_value=baseline_value(ind),
                    target_year=year, context=sel.context, superseded=sel.superseded,
                    sources=sorted(sel.sources))
    tv = target_values(t, ind)
    if note := units_note(tv, ind):
        ev.components["units"] = note
    period_over = opts.as_of.last_full_year >= year
    kind = t.kind
    if kind in ("level", "multiple", "change"):
        _eval_level(ev, ind, t, tv, sel, opts, period_over)
    elif kind == "hold":
        _eval_hold(ev, plan, ind, t, tv, sel, opts)
    elif kind == "growth":
        _eval_growth(ev, ind, t, tv, sel, opts, own_growth or {})
    elif kind == "cumulative":
        _eval_cumulative(ev, plan, ind, t, tv, sel, opts)
    elif kind == "compound_change":
        _eval_compound(ev, plan, t, tv, sel, opts, own_growth or {})
    elif kind == "relative":
        _eval_relative(ev, plan, t, opts, period_over, own_growth or {}, ref_growth or {})
    elif kind == "milestone":
        _eval_milestone(ev, sel, period_over)
        if period_over and not ev.final and ev.latest is not None:
            state = (ev.latest.state or "not_started").replace("_", " ")
            _provisional(ev, f"last reported {state} in {ev.latest.year}; "
                         "no later report recorded")
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
        if p is None:
            continue
        # A milestone reported done, or reported as a promise that can no longer be kept, is
        # settled whatever part of the year the report covers.
        settled = kind == "milestone" and p.state in ("done", "failed")
        if p.partial and not settled:
            _provisional(ev, f"rests on a figure for part of a year ({p.period})")
        for f in p.flags():
            if f not in ev.flags and not (settled and f == "provisional"):
                ev.flags.append(f)
    _after_period(ev, opts.as_of)
    return ev


def _after_period(ev: Evaluation, as_of: AsOf) -> None:
    """Once the target year has ended, a verdict is final or provisional, never a forecast.

    The period is over: the target was met or not, and what a non-final verdict lacks is a
    figure. It keeps the status its figures support, is flagged provisional saying what it
    rests on, and `final_pending` (the final-year figure is not normally out yet, see
    elapsed.GRACE_MONTHS) or `no_final_figure` (it should be out, and none is recorded).
    """
    t = ev.target_year
    if t is None or ev.final or ev.status in ("no_data", "tracked") \
            or "override" in ev.flags or as_of.last_full_year < t:
        return
    last = ev.latest
    rests = any(w.startswith(("rests on the ", "last reported ")) for w in ev.provisional)
    if last is not None and last.year < t and not rests and (
            ev.kind in LEVEL_KINDS or not ev.provisional):
        _provisional(ev, f"rests on the {last.period} figure; "
                     + gap_clause(list(range(last.year + 1, t + 1)), as_of))
    if not ev.provisional:
        _provisional(ev, gap_clause([t], as_of))
    flag = "no_final_figure" if figure_due(t, as_of) else "final_pending"
    if flag not in ev.flags:
        ev.flags.append(flag)


# --- level, multiple of baseline, change from baseline --------------------------------

def _level_target_value(ev: Evaluation, ind: Indicator, t: Target,
                        tv: TargetValues) -> float | None:
    if t.kind == "level":
        return tv.value
    b = ev.baseline_value
    if b is None or t.value is None:
        return None
    ev.flags.append("converted_to_level")
    if t.kind == "multiple":
        ev.components["conversion"] = f"T = {t.value:g} × B = {t.value:g} × {b:g}"
        return t.value * b
    assert tv.value is not None
    ev.components["conversion"] = f"T = B + {tv.value:g} = {b:g} + {tv.value:g}"
    return b + tv.value


def _progress_goal(ind: Indicator, op: str, lv: TargetValues, a: float) -> float | None:
    """The value progress is measured towards: for `between`, the nearer bound."""
    if op == "between":
        assert lv.low is not None and lv.high is not None
        if ind.direction == "higher":
            return lv.low
        if ind.direction == "lower":
            return lv.high
        return lv.low if abs(a - lv.low) < abs(a - lv.high) else lv.high
    return lv.value


def _eval_level(ev: Evaluation, ind: Indicator, t: Target, tv: TargetValues, sel: Selection,
                opts: Options, period_over: bool) -> None:
    op = t.operator or "at_least"
    goal = _level_target_value(ev, ind, t, tv)
    ev.target_value = goal if op != "between" else None
    if goal is None and op != "between":
        ev.reason = "needs a baseline value to turn the target into a level"
        return
    lv = TargetValues(goal, tv.low, tv.high, tv.tolerance)
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
    if meets(a, op, lv, ind.direction):
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
        _level_pace(ev, ind, op, lv, pts, opts, quiet=True)
        return
    _level_pace(ev, ind, op, lv, pts, opts, quiet=False)
    if period_over and ev.status != "no_data":
        ev.reason += "; " + (f"no {target_year} figure recorded"
                             if figure_due(target_year, opts.as_of)
                             else f"the {target_year} figure is not yet published")


def _level_required(ev: Evaluation, goal: float, a: float, left: int) -> None:
    """What is still needed: per year still to come, or the shortfall once time is up."""
    if left > 0:
        ev.required, ev.required_label = (goal - a) / left, "per year still needed"
    else:
        ev.required, ev.required_label = goal - a, SHORTFALL


def _level_pace(ev: Evaluation, ind: Indicator, op: str, lv: TargetValues, pts: list[Point],
                opts: Options, quiet: bool) -> None:
    latest = pts[-1]
    assert latest.value is not None
    a, y = latest.value, latest.year
    goal = _progress_goal(ind, op, lv, a)
    assert goal is not None
    target_year = ev.target_year or y
    b_val, b_year = ev.baseline_value, ev.baseline_year or y
    if b_val is None:
        if len(pts) < 2 or pts[0].value is None:
            _single_figure(ev, ind, op, lv, latest, opts, quiet)
            return
        b_val, b_year = pts[0].value, pts[0].year
        ev.flags.append("baseline_from_first_figure")
        _provisional(ev, f"no baseline: the first figure ({pts[0].period}) serves as one")
        ev.baseline_year, ev.baseline_value = b_year, b_val
    sp = span(b_year + 1, target_year, opts.as_of)
    tau = sp.tau(figure_years(b_year + 1, y, _end_month(latest)))
    _projection(ev, ind, op, lv, pts, b_val, b_year, opts)
    later = [yr for yr in sp.past(y) if yr > y]
    if later and not quiet:
        _provisional(ev, f"rests on the {latest.period} figure; "
                     + gap_clause(later, opts.as_of))
    ev.components.update({"A": a, "y": y, "B": b_val, "b": b_year, "T": goal,
                          "t": target_year, "τ": tau})
    if target_year <= b_year:
        return
    better = better_direction(op, ind.direction)
    if meets(b_val, op, lv, ind.direction):
        # The baseline already met the target: a bound to keep, not a distance to cover.
        ev.components["formula"] = "a bound the baseline already meets: kept or broken"
        ev.required, ev.required_label = goal - a, "to be back within the bound"
        if quiet:
            return
        worse = (a < b_val) if better == "higher" else (a > b_val) if better == "lower" \
            else False
        ev.status = "regressing" if worse else "off_track"
        ev.reason = (f"the baseline {b_val:g} ({b_year}) already met the target, a bound to "
                     f"keep: {a:g} in {y} breaks it")
        return
    if abs(goal - b_val) < 1e-12:
        if not quiet:
            ev.status = "off_track"
            ev.reason = f"{a:g} in {y} does not meet the target (target equals the baseline)"
        return
    p = (a - b_val) / (goal - b_val)
    ev.progress, ev.time_elapsed = p, tau
    ev.components["formula"] = "p = (A − B)/(T − B); τ = years gone/(t − b); R = p/τ"
    _level_required(ev, goal, a, sp.left)
    if quiet:
        return
    if tau <= 0:
        ev.reason = f"no year after the baseline year {b_year} has ended yet"
        return
    r = p / tau
    ev.pace_ratio = r
    ev.status = status_from_ratio(r, opts.thresholds)
    ev.reason = (f"{tau:.0%} of the time from {b_year} to {target_year} gone, "
                 f"{p:.0%} of the way from {b_val:g} to {goal:g} ({a:g} in {y}): "
                 f"pace ratio {r:.2f}")


def _single_figure(ev: Evaluation, ind: Indicator, op: str, lv: TargetValues, latest: Point,
                   opts: Options, quiet: bool) -> None:
    """One figure, no baseline: judged only where the figure alone settles it."""
    if quiet:
        return
    assert latest.value is not None
    a, y = latest.value, latest.year
    goal = _progress_goal(ind, op, lv, a)
    assert goal is not None
    target_year = ev.target_year or y
    if goal == 0 and op in ("at_most", "less_than", "equal"):
        # 零事故, 不新建: a target of zero is a bound to keep, and any figure above breaks it.
        ev.status = "off_track"
        ev.reason = f"{a:g} in {y}: a target of 0 is a bound to keep, and this breaks it"
        _level_required(ev, goal, a, 0)
        ev.required_label = "to be back within the bound"
        return
    b_year = ev.baseline_year or y - 1
    sp = span(b_year + 1, target_year, opts.as_of)
    tau = sp.tau(figure_years(b_year + 1, y, _end_month(latest)))
    if better_direction(op, ind.direction) == "higher" and a >= 0 and goal > a and tau > 0:
        # Counted from a baseline of 0, the most progress the figure can mean: if even that
        # is short of the pace, the verdict stands whatever the baseline was.
        p = a / goal
        r = p / tau
        status = status_from_ratio(r, opts.thresholds)
        if status in ("off_track", "at_risk"):
            ev.status, ev.progress, ev.time_elapsed, ev.pace_ratio = status, p, tau, r
            ev.components.update({"formula": "at best: p ≤ A/T (a baseline of at least 0); "
                                  "R ≤ p/τ", "A": a, "y": y, "T": goal, "τ": tau})
            _provisional(ev, f"no baseline and a single figure ({latest.period}): the pace "
                         "is an upper bound, as if the baseline were 0")
            _level_required(ev, goal, a, sp.left)
            ev.reason = (f"{a:g} in {y} is {p:.0%} of {goal:g} with {tau:.0%} of the time "
                         f"gone: even from a baseline of 0 the pace ratio is at most {r:.2f}")
            return
    ev.reason = (f"{a:g} in {y} does not meet the target yet; no baseline and only one "
                 "figure, so the pace cannot be judged")


def _projection(ev: Evaluation, ind: Indicator, op: str, lv: TargetValues, pts: list[Point],
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
    ev.projected_meets = meets(proj, op, lv, ind.direction)
    goal = _progress_goal(ind, op, lv, proj)
    if ev.projected_meets:
        ev.projected_status = "on_track"
    elif meets(b_val, op, lv, ind.direction):
        ev.projected_status = "off_track"  # a bound the baseline kept, projected broken
    elif goal is not None and abs(goal - b_val) > 1e-12:
        ev.projected_status = status_from_ratio((proj - b_val) / (goal - b_val), opts.thresholds)


def _context_note(sel: Selection) -> str:
    if sel.context:
        return f" ({len(sel.context)} figure(s) shown as context only: proxy or other scope)"
    return ""


# --- hold: every year ------------------------------------------------------------------

def _eval_hold(ev: Evaluation, plan: Plan, ind: Indicator, t: Target, tv: TargetValues,
               sel: Selection, opts: Options) -> None:
    op = t.operator or "at_most"
    ev.target_value = tv.value
    start = t.start_year + 1 if t.start_year else plan.start
    end = ev.target_year or plan.end
    sp = span(start, end, opts.as_of)
    levels = {y: p for y, p in sel.series("level").items() if start <= y <= end
              and p.value is not None}
    ev.points = list(levels.values())
    if not levels:
        ev.reason = "no yearly figure reported" + _context_note(sel)
        return
    ev.latest = list(levels.values())[-1]
    violated = [y for y, p in levels.items() if p.value is not None
                and not meets(p.value, op, tv, ind.direction)]
    # Only years that have ended can be missing: the current year is not a gap.
    missing = [y for y in sp.past(start - 1) if y not in levels]
    ev.components.update({"years_held": [y for y in levels if y not in violated],
                          "years_violated": violated, "years_missing": missing})
    ev.progress = min(1.0, (len(levels) - len(violated)) / max(1, sp.gone or len(levels)))
    ev.time_elapsed = sp.tau(figure_years(start, ev.latest.year, _end_month(ev.latest)))
    reported = f"{len(levels)} of {sp.years} years reported"
    if missing:
        ev.flags.append("missing_years")
    miss_note = "; " + gap_clause(missing, opts.as_of) if missing else ""
    if violated:
        ev.status = "missed" if sp.over else "off_track"
        ev.final = sp.over
        ev.reason = f"bound broken in {_years(violated)} ({reported}){miss_note}"
        return
    if sp.over and not missing:
        ev.status, ev.final = "achieved", True
        ev.reason = f"held in every year {start}–{end}"
        return
    ev.status = "on_track"
    ev.reason = f"held in every reported year ({reported})" + miss_note
    if missing:
        _provisional(ev, "held in the years reported" + miss_note)


# --- average annual growth -------------------------------------------------------------

def yearly_growth(ind: Indicator, sel: Selection) -> dict[int, tuple[float, str]]:
    """Growth in % per year: reported rates, else derived from consecutive levels."""
    out: dict[int, tuple[float, str]] = {}
    for y, p in sel.series("growth").items():
        if p.value is not None:
            out[y] = (p.value, "reported")
    levels = {y: p.value for y, p in sel.series("level").items()
              if p.value is not None and not p.partial}
    b_val = baseline_value(ind)
    if ind.baseline is not None and b_val is not None:
        levels.setdefault(ind.baseline.year, b_val)
    for y, v in levels.items():
        prev = levels.get(y - 1)
        if y not in out and prev is not None and prev > 0 and v is not None:
            out[y] = ((v / prev - 1) * 100, "derived from levels")
    return dict(sorted(out.items()))


def _eval_growth(ev: Evaluation, ind: Indicator, t: Target, tv: TargetValues,
                 sel: Selection, opts: Options, growth: dict[int, tuple[float, str]]) -> None:
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or 0
    end = ev.target_year or b
    op = t.operator or "at_least"
    ev.target_value = target
    sp = span(b + 1, end, opts.as_of)
    rates = {y: g for y, g in growth.items() if b < y <= end}
    how = {v[1] for v in rates.values()}
    levels = sel.series("level")
    b_val = ev.baseline_value
    covered: list[int] = sorted(rates)
    product = math.prod(1 + g / 100 for g, _ in rates.values())
    if not rates and b_val is not None:
        # Average from the baseline and the latest level when yearly rates are missing.
        lv = [p for y, p in levels.items() if b < y <= end and p.value and not p.partial]
        if lv and b_val > 0 and lv[-1].value and lv[-1].value > 0:
            n = lv[-1].year - b
            g = ((lv[-1].value / b_val) ** (1 / n) - 1) * 100
            rates = {lv[-1].year: (g, "derived from levels")}
            ev.components["derived"] = f"G = ({lv[-1].value:g}/{b_val:g})^(1/{n}) − 1"
            covered = list(range(b + 1, lv[-1].year + 1))
            product = (1 + g / 100) ** n
    if not rates:
        partial = [p for p in sel.series("growth").values() if p.partial]
        ev.reason = "no yearly growth figure or levels to derive it from" + _context_note(sel)
        if partial:
            ev.reason = f"only partial-year growth ({partial[-1].period}); no full-year rate"
        return
    ev.points = [p for y, p in sel.series("growth").items() if y in rates] or \
        [p for y, p in levels.items() if b < y <= end]
    last_year = max(rates)
    ev.latest = sel.series("growth").get(last_year) or levels.get(last_year)
    if product <= 0:
        ev.reason = "growth rates below −100% cannot be averaged"
        return
    n_known = len(covered)
    g_avg = (product ** (1 / n_known) - 1) * 100
    ev.components.update({
        "formula": "G = (Π(1 + r_i))^(1/n) − 1; R = ln(1 + G)/ln(1 + T)",
        "rates": {str(y): round(g, 4) for y, (g, _) in rates.items()},
        "rates_from": " and ".join(sorted(how)) or "levels",
        "G": g_avg, "T": target, "n": n_known,
    })
    ev.time_elapsed = sp.tau(figure_years(b + 1, last_year))
    past = sp.past(last_year)
    gaps = [y for y in past if y not in covered]
    if gaps:
        ev.flags.append("missing_years")
        ev.components["years_missing"] = gaps
        _provisional(ev, f"rests on {n_known} of {len(past)} yearly rates (no figure for "
                     f"{_years(gaps)})")
    complete = sp.over and not gaps and last_year >= end
    future = sp.years - len(past)
    if future > 0:
        # Years without a rate are taken at the average so far: the rate still required is
        # then at or below the target exactly when the average is at or above it.
        need = ((1 + target / 100) ** sp.years / (1 + g_avg / 100) ** len(past)) \
            ** (1 / future) - 1
        ev.required = float(need) * 100
        ev.required_label = "% a year still needed"
    direction = ind.direction if ind.direction != "neither" else "higher"
    ok = meets(g_avg, op, TargetValues(target, None, None, tv.tolerance), direction)
    movement = _movement(op, target)
    r = _log_ratio(g_avg, target) if movement else None
    ev.projected_value = g_avg
    ev.projected_meets = ok
    span_text = f"{b + 1}–{end}" if complete else f"{n_known} year(s) to {last_year}"
    ev.reason = f"average growth {g_avg:.2f}% a year over {span_text} against {target:g}%"
    if complete:
        ev.final = True
        ev.status = "achieved" if ok else "missed"
        return
    ev.pace_ratio = ev.progress = r
    if ok:
        ev.status = "on_track"
    elif r is not None:
        ev.status = status_from_ratio(r, opts.thresholds)
    else:
        ev.status = "off_track"
        ev.reason += ": a bound that no change would keep, broken"
    if r is not None:
        ev.reason += f": ratio {r:.2f}"
    ev.projected_status = "on_track" if ok else ev.status
    if sp.over and gaps:
        ev.reason += "; " + gap_clause(gaps, opts.as_of)


# --- cumulative total ------------------------------------------------------------------

def _eval_cumulative(ev: Evaluation, plan: Plan, ind: Indicator, t: Target, tv: TargetValues,
                     sel: Selection, opts: Options) -> None:
    assert tv.value is not None
    target = tv.value
    first = (t.start_year + 1) if t.start_year else plan.start
    end = ev.target_year or plan.end
    op = t.operator or "at_least"
    ev.target_value = target
    sp = span(first, end, opts.as_of)
    flows = {y: p for y, p in sel.series("flow").items()
             if first <= y <= end and p.value is not None}
    cum = {y: p for y, p in sel.series("cumulative").items() if first <= y <= end
           and p.value is not None}
    if cum and (not flows or max(cum) >= max(flows)):
        last = cum[max(cum)]
        assert last.value is not None
        total = last.value
        counted = list(range(last.start_year or first, last.year + 1))
        ev.points = list(cum.values())
        ev.components["from"] = f"cumulative figure for {last.period}"
    elif flows:
        total = sum(p.value or 0.0 for p in flows.values())
        last = flows[max(flows)]
        counted = list(flows)
        ev.points = list(flows.values())
        ev.components["from"] = "sum of yearly flows " + ", ".join(
            f"{y}: {p.value:g}" for y, p in flows.items())
    else:
        ev.reason = "no yearly flow or cumulative figure reported" + _context_note(sel)
        return
    ev.latest = last
    past = sp.past(last.year)
    missing = [y for y in past if y not in counted]
    rests = ""
    if missing:
        ev.flags.append("missing_years")
        ev.components["years_missing"] = missing
        rests = (f"rests on {len(past) - len(missing)} of {len(past)} years (no figure for "
                 f"{_years(missing)}, counted as nothing)")
    # Missing years can only add to a total of flows that are never negative: a target
    # already reached, or a cap already exceeded, does not depend on them.
    settled_by_sum = all((q.value or 0) >= 0 for q in ev.points)
    tau = sp.tau(figure_years(first, last.year, _end_month(last)))
    p = total / target if target else None
    ev.progress, ev.time_elapsed = p, tau
    ev.components.update({"formula": "p = Σ/T; τ = years gone/years in period; R = p/τ",
                          "sum": total, "T": target, "years_in_period": sp.years, "τ": tau})
    if sp.left > 0:
        ev.required = (target - total) / sp.left
        ev.required_label = "a year still needed on average"
        if tau > 0:
            ev.projected_value = total / tau
            ev.projected_meets = meets(ev.projected_value, op, tv, ind.direction)
            ev.projected_status = "on_track" if ev.projected_meets or not target else \
                status_from_ratio(ev.projected_value / target, opts.thresholds)
    elif total < target:
        ev.required, ev.required_label = target - total, SHORTFALL
    complete = sp.over and not missing
    ok = meets(total, op, tv, ind.direction)
    cap = op in ("at_most", "less_than") or (target == 0 and op == "equal")
    reached = not cap and op != "equal" and ok and better_direction(op, ind.direction) != "lower"
    if rests and not ((reached or (cap and not ok)) and settled_by_sum):
        _provisional(ev, rests)
    if reached:
        # Flows never negative: later years can only add, the total is reached for good.
        ev.status, ev.final = "achieved", complete or settled_by_sum
        ev.reason = f"total {total:g} already reaches {target:g}"
        return
    if cap and not ok:
        # Flows are not taken back: a cap exceeded stays exceeded.
        ev.status, ev.final = ("missed", True) if sp.over else ("off_track", False)
        ev.reason = f"total {total:g} already exceeds the cap of {target:g}"
        return
    if complete:
        ev.final = True
        ev.status = "achieved" if ok else "missed"
        ev.reason = f"total {total:g} over {first}–{end} against {target:g}"
        return
    if cap or p is None:
        ev.status = "on_track"
        ev.reason = f"total {total:g} so far is within the cap of {target:g}"
    elif tau <= 0:
        ev.reason = f"no year of {first}–{end} has ended yet"
        return
    else:
        r = p / tau
        ev.pace_ratio = r
        ev.status = status_from_ratio(r, opts.thresholds)
        ev.reason = (f"{tau:.0%} of {first}–{end} gone, total {total:g} is {p:.0%} of "
                     f"{target:g}: pace ratio {r:.2f}")
    if missing:
        ev.reason += "; " + gap_clause(missing, opts.as_of)


# --- cumulative compound change --------------------------------------------------------

def _eval_compound(ev: Evaluation, plan: Plan, t: Target, tv: TargetValues, sel: Selection,
                   opts: Options, growth: dict[int, tuple[float, str]]) -> None:
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or plan.baseline_year
    end = ev.target_year or plan.end
    op = t.operator or ("at_most" if target < 0 else "at_least")
    ev.target_value = target
    sp = span(b + 1, end, opts.as_of)
    rates = {y: g for y, g in growth.items() if b < y <= end}
    if not rates:
        ev.reason = "no yearly change figure or levels to derive it from" + _context_note(sel)
        return
    combined = (math.prod(1 + g / 100 for g, _ in rates.values()) - 1) * 100
    last_year = max(rates)
    ev.latest = sel.series("growth").get(last_year) or sel.series("level").get(last_year)
    ev.points = [p for y, p in sel.series("growth").items() if y in rates]
    past = sp.past(last_year)
    missing = [y for y in past if y not in rates]
    if missing:
        ev.flags.append("missing_years")
        ev.components["years_missing"] = missing
        _provisional(ev, f"rests on {len(past) - len(missing)} of {len(past)} yearly changes "
                     f"(no figure for {_years(missing)}, counted as no change)")
    tau = sp.tau(figure_years(b + 1, last_year))
    movement = _movement(op, target)
    p = _log_ratio(combined, target) if movement else None
    ev.progress, ev.time_elapsed = p, tau
    ev.components.update({"formula": "C = Π(1 + r_i) − 1; p = ln(1 + C)/ln(1 + T); R = p/τ",
                          "rates": {str(y): g for y, (g, _) in rates.items()},
                          "C": combined, "T": target, "τ": tau})
    if sp.left > 0 and combined > -100:
        need = ((1 + target / 100) / (1 + combined / 100)) ** (1 / sp.left) - 1
        ev.required, ev.required_label = float(need) * 100, "% a year still needed"
    complete = sp.over and not missing
    direction = better_direction(op, "lower" if target < 0 else "higher")
    done = meets(combined, op, TargetValues(target, None, None, tv.tolerance), direction)
    ev.reason = f"combined change {combined:.2f}% against {target:g}%"
    if done and (movement or complete):
        ev.status, ev.final = "achieved", complete
        return
    if complete:
        ev.status, ev.final = "missed", True
        return
    if done:
        ev.status = "on_track"
        ev.reason += ": within the bound so far"
    elif p is None:
        ev.status = "off_track"
        ev.reason += ": a bound that no change would keep, broken"
    elif tau <= 0:
        ev.reason += f"; no year of {b + 1}–{end} has ended yet"
        return
    else:
        r = p / tau
        ev.pace_ratio = r
        ev.status = status_from_ratio(r, opts.thresholds)
        ev.reason += f", {p:.0%} of the way with {tau:.0%} of the time gone: pace ratio {r:.2f}"


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
    sp = span(first, end, opts.as_of)
    ev.time_elapsed = sp.tau(figure_years(first, max(years)))
    gaps = [y for y in sp.past(max(years)) if y not in results]
    if gaps:
        # Like every kind: years without both growth figures are gaps, never agreement.
        ev.flags.append("missing_years")
        ev.components["years_missing"] = gaps
        _provisional(ev, f"rests on {len(results)} of {len(results) + len(gaps)} year(s) "
                     "with both growth figures; " + gap_clause(gaps, opts.as_of))
    if period_over and max(years) >= end and not gaps:
        ev.final = True
        ev.status = "achieved" if share == 1 else "missed"
        return
    ev.pace_ratio = share
    ev.status = "on_track" if share >= opts.thresholds.on_track else (
        "at_risk" if share >= opts.thresholds.at_risk else "off_track")


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
               "not_started": "off_track", "failed": "missed"}
    ev.status = mapping[state]
    # `failed`: the report says the promise can no longer be kept, whenever it was made.
    ev.final = state in ("done", "failed")
    if not ev.final and period_over and latest.year >= (ev.target_year or latest.year):
        ev.status, ev.final = "missed", True
    ev.reason = f"reported {state.replace('_', ' ')} ({latest.period}, {latest.source})"
