"""The pace of a level target: from the baseline, from a single figure, and projected."""

from __future__ import annotations

from ..core.models import Indicator
from ..core.normalise import TargetValues
from .compare import better_direction, close, meets
from .components import LevelComponents
from .elapsed import figure_years, gap_clause, span
from .messages import M, msg
from .options import Options
from .pace import judge_pace, status_from_ratio
from .period_rules import end_month, mark_provisional
from .result import Evaluation, Required
from .selection import Point


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
        ev.required, ev.required_label = (goal - a) / left, Required.PER_YEAR
    else:
        ev.required, ev.required_label = goal - a, Required.SHORT


def level_pace(
    ev: Evaluation,
    ind: Indicator,
    op: str,
    lv: TargetValues,
    pts: list[Point],
    opts: Options,
    quiet: bool,
) -> None:
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
        mark_provisional(ev, msg(M.FIRST_FIGURE_AS_BASELINE, period=pts[0].period))
        ev.baseline_year, ev.baseline_value = b_year, b_val
    sp = span(b_year + 1, target_year, opts.as_of)
    # A level says where the indicator stood at the end of its period: judged at its own
    # time, τ = (y − b)/(t − b). Later years without a figure make it provisional, not worse.
    tau = sp.tau_at(figure_years(b_year + 1, y, end_month(latest)))
    project_level(ev, ind, op, lv, pts, b_val, b_year, opts)
    later = [yr for yr in sp.past(y) if yr > y]
    if later and not quiet:
        mark_provisional(
            ev, msg(M.RESTS_ON_FIGURE, period=latest.period), *gap_clause(later, opts.as_of)
        )
    comp = ev.components
    assert isinstance(comp, LevelComponents)
    comp.A, comp.y, comp.B, comp.b, comp.T, comp.t, comp.tau = (
        a,
        y,
        b_val,
        b_year,
        goal,
        target_year,
        tau,
    )
    if target_year <= b_year:
        return
    better = better_direction(op, ind.direction)
    if meets(b_val, op, lv, ind.direction):
        # The baseline already met the target: a bound to keep, not a distance to cover.
        comp.formula = msg(M.FORMULA_BOUND_KEPT)
        ev.required, ev.required_label = goal - a, Required.BOUND
        if quiet:
            return
        worse = (a < b_val) if better == "higher" else (a > b_val) if better == "lower" else False
        ev.status = "regressing" if worse else "off_track"
        ev.reason = (msg(M.BOUND_BROKEN_FROM_BASELINE, bv=b_val, b=b_year, a=a, when=latest),)
        return
    if close(goal, b_val):
        if not quiet:
            ev.status = "off_track"
            ev.reason = (msg(M.TARGET_EQUALS_BASELINE, a=a, when=latest),)
        return
    p = (a - b_val) / (goal - b_val)
    ev.progress, ev.time_elapsed = p, tau
    comp.formula = msg(M.FORMULA_LEVEL)
    level_required(ev, goal, a, 0 if sp.over else target_year - y)
    if quiet:
        return
    if tau <= 0:
        ev.reason = (msg(M.NO_YEAR_AFTER_BASELINE, y=b_year),)
        return
    r = judge_pace(ev, p, tau, opts.thresholds)
    ev.reason = (
        msg(
            M.LEVEL_PACE,
            a=a,
            when=latest,
            p=p,
            bv=b_val,
            goal=goal,
            tau=tau,
            b=b_year,
            t=target_year,
            r=r,
        ),
    )


def judge_single_figure(
    ev: Evaluation, ind: Indicator, op: str, latest: Point, goal: float, opts: Options, quiet: bool
) -> None:
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
        ev.reason = (msg(M.ZERO_BOUND_BROKEN, a=a, when=latest),)
        level_required(ev, goal, a, 0)
        ev.required_label = Required.BOUND
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
        if status in ("off_track", "at_risk"):
            ev.status, ev.progress, ev.time_elapsed, ev.pace_ratio = status, p, tau, r
            comp = ev.components
            assert isinstance(comp, LevelComponents)
            comp.single_figure = True
            comp.formula, comp.A, comp.y, comp.T, comp.tau = (
                msg(M.FORMULA_SINGLE_FIGURE),
                a,
                y,
                goal,
                tau,
            )
            mark_provisional(ev, msg(M.SINGLE_FIGURE_UPPER_BOUND, period=latest.period))
            level_required(ev, goal, a, 0 if sp.over else target_year - y)
            ev.reason = (
                msg(M.SINGLE_FIGURE_AT_MOST, a=a, when=latest, p=p, goal=goal, tau=tau, r=r),
            )
            return
        # The best case is on pace and the worst is not: the figure alone cannot tell which.
        ev.reason = (
            msg(M.SINGLE_FIGURE_CANNOT_TELL, a=a, when=latest, p=p, goal=goal, tau=tau, r=r),
        )
        return
    if better == "lower":
        ev.reason = (msg(M.NOT_MET_YET, a=a, when=latest), msg(M.LOWER_SINGLE_FIGURE))
        return
    ev.reason = (msg(M.NOT_MET_YET, a=a, when=latest), msg(M.NO_BASELINE_ONE_FIGURE))


def project_level(
    ev: Evaluation,
    ind: Indicator,
    op: str,
    lv: TargetValues,
    pts: list[Point],
    b_val: float,
    b_year: int,
    opts: Options,
) -> None:
    series = [(b_year, b_val)] + [
        (p.year, p.value) for p in pts if p.year > b_year and p.value is not None
    ]
    if len(series) < 2 or ev.target_year is None:
        return
    (y0, v0), (y1, v1) = series[0], series[-1]
    if y1 <= y0:
        return
    ty = ev.target_year
    if v0 > 0 and v1 > 0:
        proj = v1 * (v1 / v0) ** ((ty - y1) / (y1 - y0))
        method = M.PROJECTED_COMPOUND
    else:
        proj = v1 + (v1 - v0) / (y1 - y0) * (ty - y1)
        method = M.PROJECTED_LINEAR
    ev.projected_value = proj
    comp = ev.components
    assert isinstance(comp, LevelComponents)
    comp.projection = msg(method, y0=y0, v0=v0, y1=y1, v1=v1, y=ty)
    ev.projected_meets = meets(proj, op, lv, ind.direction)
    goal = progress_goal(ind, op, lv, proj)
    if ev.projected_meets:
        ev.projected_status = "on_track"
    elif meets(b_val, op, lv, ind.direction):
        ev.projected_status = "off_track"  # a bound the baseline kept, projected broken
    elif goal is not None and not close(goal, b_val):
        ev.projected_status = status_from_ratio((proj - b_val) / (goal - b_val), opts.thresholds)
