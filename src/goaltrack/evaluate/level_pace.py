"""The pace of a level target: from the baseline, from a single figure, and projected."""

from __future__ import annotations

from ..elapsed import figure_years, gap_clause, span
from ..models import Indicator
from ..normalise import TargetValues
from ..selection import Point
from .compare import better_direction, close, meets
from .options import Options
from .pace import judge_pace, status_from_ratio
from .period_rules import end_month, mark_provisional
from .result import SHORTFALL, Evaluation
from .wording import when


def progress_goal(ind: Indicator, op: str, lv: TargetValues, a: float) -> float | None:
    """The value progress is measured towards: for `between`, the nearer bound."""
    if op == "between":
        assert lv.low is not None and lv.high is not None
        if ind.direction == "higher":
            return lv.low
        if ind.direction == "lower":
            return lv.high
        return lv.low if abs(a - lv.low) < abs(a - lv.high) else lv.high
    return lv.value


def level_required(ev: Evaluation, goal: float, a: float, left: int) -> None:
    """What is still needed: per year still to come, or the shortfall once time is up."""
    if left > 0:
        ev.required, ev.required_label = (goal - a) / left, "per year still needed"
    else:
        ev.required, ev.required_label = goal - a, SHORTFALL


def level_pace(ev: Evaluation, ind: Indicator, op: str, lv: TargetValues, pts: list[Point],
               opts: Options, quiet: bool) -> None:
    latest = pts[-1]
    assert latest.value is not None
    a, y = latest.value, latest.year
    goal = progress_goal(ind, op, lv, a)
    assert goal is not None
    target_year = ev.target_year or y
    b_val, b_year = ev.baseline_value, ev.baseline_year or y
    if b_val is None:
        if len(pts) < 2 or pts[0].value is None:
            judge_single_figure(ev, ind, op, latest, goal, opts, quiet)
            return
        b_val, b_year = pts[0].value, pts[0].year
        ev.flags.append("baseline_from_first_figure")
        mark_provisional(ev, f"no baseline: the first figure ({pts[0].period}) serves as one")
        ev.baseline_year, ev.baseline_value = b_year, b_val
    sp = span(b_year + 1, target_year, opts.as_of)
    # A level says where the indicator stood at the end of its period: judged at its own
    # time, τ = (y − b)/(t − b). Later years without a figure make it provisional, not worse.
    tau = sp.tau_at(figure_years(b_year + 1, y, end_month(latest)))
    project_level(ev, ind, op, lv, pts, b_val, b_year, opts)
    later = [yr for yr in sp.past(y) if yr > y]
    if later and not quiet:
        mark_provisional(ev, f"rests on the {latest.period} figure; "
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
                     f"keep: {a:g} in {when(latest)} breaks it")
        return
    if close(goal, b_val):
        if not quiet:
            ev.status = "off_track"
            ev.reason = (f"{a:g} in {when(latest)} does not meet the target (target equals "
                         "the baseline)")
        return
    p = (a - b_val) / (goal - b_val)
    ev.progress, ev.time_elapsed = p, tau
    ev.components["formula"] = "p = (A − B)/(T − B); τ = years gone/(t − b); R = p/τ"
    level_required(ev, goal, a, 0 if sp.over else target_year - y)
    if quiet:
        return
    if tau <= 0:
        ev.reason = f"no year after the baseline year {b_year} has ended yet"
        return
    r = judge_pace(ev, p, tau, opts.thresholds)
    ev.reason = (f"{a:g} in {when(latest)} is {p:.0%} of the way from {b_val:g} to "
                 f"{goal:g} with {tau:.0%} of the time from {b_year} to {target_year} gone by "
                 f"then: pace ratio {r:.2f}")


def judge_single_figure(ev: Evaluation, ind: Indicator, op: str, latest: Point, goal: float,
                        opts: Options, quiet: bool) -> None:
    """One figure, no baseline: judged only where the figure alone settles it (`goal`: the
    value progress is measured towards)."""
    if quiet:
        return
    assert latest.value is not None
    a, y = latest.value, latest.year
    target_year = ev.target_year or y
    if goal == 0 and op in ("at_most", "less_than", "equal"):
        # 零事故, 不新建: a target of zero is a bound to keep, and any figure above breaks it.
        ev.status = "off_track"
        ev.reason = (f"{a:g} in {when(latest)}: a target of 0 is a bound to keep, and this "
                     "breaks it")
        level_required(ev, goal, a, 0)
        ev.required_label = "to be back within the bound"
        return
    b_year = ev.baseline_year or y - 1
    sp = span(b_year + 1, target_year, opts.as_of)
    tau = sp.tau_at(figure_years(b_year + 1, y, end_month(latest)))
    better = better_direction(op, ind.direction)
    if better == "higher" and a >= 0 and goal > a and tau > 0:
        # Counted from a baseline of 0, the most progress the figure can mean: if even that
        # is short of the pace, the verdict stands whatever the baseline was.
        p = a / goal
        r = p / tau
        status = status_from_ratio(r, opts.thresholds)
        said = (f"{a:g} in {when(latest)} is {p:.0%} of {goal:g} with {tau:.0%} of the time "
                "gone by then: even from a baseline of 0 the pace ratio is at most "
                f"{r:.2f}")
        if status in ("off_track", "at_risk"):
            ev.status, ev.progress, ev.time_elapsed, ev.pace_ratio = status, p, tau, r
            ev.components.update({"formula": "at best: p ≤ A/T (a baseline of at least 0); "
                                  "R ≤ p/τ", "A": a, "y": y, "T": goal, "τ": tau})
            mark_provisional(ev, f"no baseline and a single figure ({latest.period}): the pace "
                             "is an upper bound, as if the baseline were 0")
            level_required(ev, goal, a, 0 if sp.over else target_year - y)
            ev.reason = said
            return
        # The best case is on pace and the worst is not: the figure alone cannot tell which.
        ev.reason = said + ", which cannot tell on track from behind without a baseline"
        return
    if better == "lower":
        ev.reason = (f"{a:g} in {when(latest)} does not meet the target yet; where lower is "
                     "better a single figure without a baseline cannot show the pace (any "
                     "higher baseline is possible)")
        return
    ev.reason = (f"{a:g} in {when(latest)} does not meet the target yet; no baseline and only "
                 "one figure, so the pace cannot be judged")


def project_level(ev: Evaluation, ind: Indicator, op: str, lv: TargetValues, pts: list[Point],
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
    goal = progress_goal(ind, op, lv, proj)
    if ev.projected_meets:
        ev.projected_status = "on_track"
    elif meets(b_val, op, lv, ind.direction):
        ev.projected_status = "off_track"  # a bound the baseline kept, projected broken
    elif goal is not None and not close(goal, b_val):
        ev.projected_status = status_from_ratio((proj - b_val) / (goal - b_val), opts.thresholds)
