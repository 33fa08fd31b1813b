"""Cumulative targets: a total over the period, from yearly flows or running totals."""

from __future__ import annotations

import math

from ..core.models import Indicator, Plan, Target
from ..core.normalise import TargetValues
from .compare import better_direction, lt, meets
from .components import CumulativeComponents
from .elapsed import figure_years, gap_clause, span
from .messages import M, msg
from .options import Options
from .pace import judge_pace, status_from_ratio
from .period_rules import end_month, mark_provisional, note_missing_years, settle
from .result import Evaluation, Required
from .selection import Selection
from .wording import not_yet_ended, rests_on, with_context


def budget_ratio(total: float, cap: float, tau: float) -> float:
    """A cap's pace: the cap over the total the use so far projects, τ/p (≥ 1 within it)."""
    return cap * tau / total if total > 0 else math.inf


def eval_cumulative(
    ev: Evaluation,
    plan: Plan,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
) -> None:
    assert tv.value is not None
    target = tv.value
    first = (t.start_year + 1) if t.start_year else plan.start
    end = ev.target_year or plan.end
    op = t.operator or "at_least"
    ev.target_value = target
    sp = span(first, end, opts.as_of)
    comp = ev.components
    assert isinstance(comp, CumulativeComponents)
    flows = {
        y: p for y, p in sel.series("flow").items() if first <= y <= end and p.value is not None
    }
    cum = {
        y: p
        for y, p in sel.series("cumulative").items()
        if first <= y <= end and p.value is not None
    }
    if cum and (not flows or max(cum) >= max(flows)):
        last = cum[max(cum)]
        assert last.value is not None
        total = last.value
        counted = list(range(last.start_year or first, last.year + 1))
        ev.points = list(cum.values())
        comp.source = msg(M.FROM_CUMULATIVE, period=last.period)
    elif flows:
        total = sum(p.value or 0.0 for p in flows.values())
        last = flows[max(flows)]
        counted = list(flows)
        ev.points = list(flows.values())
        comp.source = msg(
            M.FROM_FLOWS, flows=", ".join(f"{y}: {p.value:g}" for y, p in flows.items())
        )
    else:
        ev.reason = (with_context(sel, M.NO_FLOW, M.NO_FLOW_CONTEXT),)
        return
    ev.latest = last
    past = sp.past(last.year)
    missing = [y for y in past if y not in counted]
    rests = None
    if missing:
        note_missing_years(ev, missing)
        rests = rests_on(len(past) - len(missing), len(past), M.RESTS_ON_YEARS, missing)
    # Missing years can only add to a total of flows that are never negative: a target
    # already reached, or a cap already exceeded, does not depend on them.
    settled_by_sum = all((q.value or 0) >= 0 for q in ev.points)
    tau = sp.tau(figure_years(first, last.year, end_month(last)))
    p = total / target if target else None
    ev.progress, ev.time_elapsed = p, tau
    comp.formula = msg(M.FORMULA_CUMULATIVE)
    comp.sum, comp.T, comp.years_in_period, comp.tau = total, target, sp.years, tau
    cap = op in ("at_most", "less_than") or (target == 0 and op == "equal")
    ok = meets(total, op, tv, ind.direction)
    # Spread over the years the figures cannot speak of yet (published or not).
    left = sp.to_come(last.year)
    if left > 0:
        ev.required = (target - total) / left
        ev.required_label = Required.CAP_LEFT if cap else Required.AVG_YEAR
        if tau > 0:
            ev.projected_value = total / tau
            ev.projected_meets = meets(ev.projected_value, op, tv, ind.direction)
            ev.projected_status = (
                "on_track"
                if ev.projected_meets or not target
                else status_from_ratio(
                    budget_ratio(total, target, tau) if cap else ev.projected_value / target,
                    opts.thresholds,
                )
            )
    elif lt(total, target):
        ev.required, ev.required_label = target - total, Required.SHORT
    complete = sp.over and not missing
    reached = not cap and op != "equal" and ok and better_direction(op, ind.direction) != "lower"
    if rests is not None and not ((reached or (cap and not ok)) and settled_by_sum):
        mark_provisional(ev, rests)
    if reached:
        # Flows never negative: later years can only add, the total is reached for good.
        ev.status, ev.final = "achieved", complete or settled_by_sum
        ev.reason = (msg(M.TOTAL_REACHES, s=total, t=target),)
        return
    if cap and not ok:
        # Flows are not taken back: a cap exceeded stays exceeded, the promise is broken.
        ev.status, ev.final = (
            ("missed", True) if sp.over or settled_by_sum else ("off_track", False)
        )
        ev.reason = (msg(M.TOTAL_EXCEEDS_CAP, s=total, t=target),)
        return
    if complete:
        settle(ev, ok)
        ev.reason = (msg(M.TOTAL_OVER, s=total, first=first, last=end, t=target),)
        return
    if p is None or (cap and total <= 0):
        ev.status = "on_track"
        ev.reason = (msg(M.TOTAL_WITHIN_CAP, s=total, t=target),)
    elif tau <= 0:
        ev.reason = (not_yet_ended(first, end),)
        return
    elif cap:
        # A cap is a budget being spent: used faster than time goes, the total overshoots.
        # R = T/projected total = τ/p, judged with the thresholds of a floor.
        r = budget_ratio(total, target, tau)
        ev.pace_ratio = r
        ev.status = status_from_ratio(r, opts.thresholds)
        ev.reason = (
            msg(
                M.CAP_PACE,
                tau=tau,
                first=first,
                last=end,
                s=total,
                p=p,
                t=target,
                proj=total / tau,
                y=end,
                r=r,
            ),
        )
    else:
        r = judge_pace(ev, p, tau, opts.thresholds)
        ev.reason = (
            msg(M.CUMULATIVE_PACE, tau=tau, first=first, last=end, s=total, p=p, t=target, r=r),
        )
    if missing:
        ev.reason += gap_clause(missing, opts.as_of)
