"""Cumulative targets: a total over the period, from yearly flows or running totals."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.models import Indicator, Plan, Target
from ..core.normalise import TargetValues
from ..core.vocab import Status
from .compare import better_direction, lt, meets
from .components import CumulativeComponents
from .elapsed import figure_years, gap_clause, span
from .messages import M, Msg, msg
from .options import Options, Thresholds
from .pace import judge_pace, status_from_ratio
from .period_rules import end_month, mark_provisional, note_missing_years, settle
from .result import Evaluation, Required
from .selection import Point, Selection
from .wording import not_yet_ended, rests_on, with_context


def budget_ratio(total: float, cap: float, tau: float) -> float:
    """A cap's pace: the cap over the total the use so far projects, τ/p (≥ 1 within it)."""
    return cap * tau / total if total > 0 else math.inf


@dataclass(frozen=True, slots=True)
class Total:
    """The total so far: from the latest running total, or the sum of the yearly flows."""

    value: float
    last: Point  # the latest figure counted
    counted: list[int]  # the years the total covers
    points: list[Point]
    source: Msg  # where the total comes from, in words


def total_so_far(sel: Selection, first: int, end: int) -> Total | None:
    """A running total (2021..2024) when it is at least as recent as the flows, else the sum
    of the yearly flows; None when there is neither."""
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
        return Total(
            last.value,
            last,
            list(range(last.start_year or first, last.year + 1)),
            list(cum.values()),
            msg(M.FROM_CUMULATIVE, period=last.period),
        )
    if flows:
        return Total(
            sum(p.value or 0.0 for p in flows.values()),
            flows[max(flows)],
            list(flows),
            list(flows.values()),
            msg(M.FROM_FLOWS, flows=", ".join(f"{y}: {p.value:g}" for y, p in flows.items())),
        )
    return None


@dataclass(frozen=True, slots=True)
class TotalSoFar:
    """A total against its target: progress (None for a target of 0), the time gone, and
    what kind of promise it is and where it stands."""

    value: float
    target: float
    progress: float | None
    tau: float
    cap: bool  # at most, less than, or 0: a budget being spent
    met: bool
    reached: bool  # a floor reached: flows never negative can only add to it
    complete: bool  # the period is over and every year is in
    missing: list[int]

    @property
    def exceeded(self) -> bool:
        return self.cap and not self.met


@dataclass(frozen=True, slots=True)
class Projection:
    """The total the pace so far projects by the target year, and the status it gives."""

    value: float
    meets: bool
    status: Status


def project_total(
    s: TotalSoFar, op: str, tv: TargetValues, direction: str, th: Thresholds
) -> Projection:
    """The total by the target year at the pace so far (Σ/τ): met, or the status of its pace
    (a cap's budget ratio, a floor's share of the target)."""
    value = s.value / s.tau
    ok = meets(value, op, tv, direction)
    if ok or not s.target:
        return Projection(value, ok, "on_track")
    ratio = budget_ratio(s.value, s.target, s.tau) if s.cap else value / s.target
    return Projection(value, ok, status_from_ratio(ratio, th))


def still_required(s: TotalSoFar, left: int) -> tuple[float, Required] | None:
    """What is still needed: spread over the years the figures cannot speak of yet (published
    or not), or, once there are none, the amount short."""
    if left > 0:
        return (s.target - s.value) / left, Required.CAP_LEFT if s.cap else Required.AVG_YEAR
    if lt(s.value, s.target):
        return s.target - s.value, Required.SHORT
    return None


@dataclass(frozen=True, slots=True)
class Settled:
    """A verdict later figures cannot change."""

    status: Status
    final: bool
    reason: Msg


def settled_verdict(s: TotalSoFar, by_sum: bool, over: bool) -> Settled | None:
    """A floor reached, or a cap exceeded: flows never negative are not taken back, so the
    verdict does not wait for the years missing; None when it is not settled so."""
    if s.reached:
        # Flows never negative: later years can only add, the total is reached for good.
        return Settled(
            "achieved", s.complete or by_sum, msg(M.TOTAL_REACHES, s=s.value, t=s.target)
        )
    if s.exceeded:
        # Flows are not taken back: a cap exceeded stays exceeded, the promise is broken.
        status: Status = "missed" if over or by_sum else "off_track"
        return Settled(status, over or by_sum, msg(M.TOTAL_EXCEEDS_CAP, s=s.value, t=s.target))
    return None


def judge_total(ev: Evaluation, s: TotalSoFar, first: int, end: int, opts: Options) -> None:
    """Met or missed once every year is in; otherwise within a cap of 0, the pace of a cap's
    use, or a floor's pace, with the years missing named."""
    if s.complete:
        settle(ev, s.met)
        ev.reason = (msg(M.TOTAL_OVER, s=s.value, first=first, last=end, t=s.target),)
        return
    if s.progress is None or (s.cap and s.value <= 0):
        ev.status = "on_track"
        ev.reason = (msg(M.TOTAL_WITHIN_CAP, s=s.value, t=s.target),)
    elif s.tau <= 0:
        ev.reason = (not_yet_ended(first, end),)
        return
    elif s.cap:
        # A cap is a budget being spent: used faster than time goes, the total overshoots.
        # R = T/projected total = τ/p, judged with the thresholds of a floor.
        r = budget_ratio(s.value, s.target, s.tau)
        ev.pace_ratio = r
        ev.status = status_from_ratio(r, opts.thresholds)
        ev.reason = (
            msg(
                M.CAP_PACE,
                tau=s.tau,
                first=first,
                last=end,
                s=s.value,
                p=s.progress,
                t=s.target,
                proj=s.value / s.tau,
                y=end,
                r=r,
            ),
        )
    else:
        r = judge_pace(ev, s.progress, s.tau, opts.thresholds)
        ev.reason = (
            msg(
                M.CUMULATIVE_PACE,
                tau=s.tau,
                first=first,
                last=end,
                s=s.value,
                p=s.progress,
                t=s.target,
                r=r,
            ),
        )
    if s.missing:
        ev.reason += gap_clause(s.missing, opts.as_of)


def eval_cumulative(
    ev: Evaluation,
    plan: Plan,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
) -> None:
    """A total over the period (docs/method.md, Cumulative totals): p = Σ/T against the time
    gone; a cap is a budget being spent, judged by the pace of its use."""
    assert tv.value is not None
    target = tv.value
    first = t.first_year(plan)
    end = ev.target_year or plan.end
    op = t.judged_operator
    ev.target_value = target
    sp = span(first, end, opts.as_of)
    comp = ev.components
    assert isinstance(comp, CumulativeComponents)
    tot = total_so_far(sel, first, end)
    if tot is None:
        ev.reason = (with_context(sel, M.NO_FLOW, M.NO_FLOW_CONTEXT),)
        return
    total, last = tot.value, tot.last
    ev.points, comp.source, ev.latest = tot.points, tot.source, last
    past = sp.past(last.year)
    missing = [y for y in past if y not in tot.counted]
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
    reached = not cap and op != "equal" and ok and better_direction(op, ind.direction) != "lower"
    so_far = TotalSoFar(total, target, p, tau, cap, ok, reached, sp.over and not missing, missing)
    left = sp.to_come(last.year)
    need = still_required(so_far, left)
    if need is not None:
        ev.required, ev.required_label = need
    if left > 0 and tau > 0:
        proj = project_total(so_far, op, tv, ind.direction, opts.thresholds)
        ev.projected_value, ev.projected_meets = proj.value, proj.meets
        ev.projected_status = proj.status
    if rests is not None and not ((reached or so_far.exceeded) and settled_by_sum):
        mark_provisional(ev, rests)
    settled = settled_verdict(so_far, settled_by_sum, sp.over)
    if settled is not None:
        ev.status, ev.final, ev.reason = settled.status, settled.final, (settled.reason,)
        return
    judge_total(ev, so_far, first, end, opts)
