"""Rate targets: average annual growth and cumulative compound change, from yearly rates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from ..core.models import Indicator, Plan, Target
from ..core.normalise import TargetValues, baseline_value
from .compare import asks_for_movement, better_direction, meets
from .components import CompoundComponents, GrowthComponents
from .elapsed import figure_years, gap_clause, span
from .messages import M, Msg, msg
from .options import Options
from .pace import judge_pace, log_ratio, status_from_ratio
from .period_rules import mark_provisional, note_missing_years, settle
from .result import Evaluation, Required
from .selection import Point, Selection, current_price
from .wording import not_yet_ended, rests_on, with_context

# Where a yearly rate comes from, in the order `show` lists them.
REPORTED, DERIVED, NOMINAL = M.RATES_REPORTED, M.RATES_DERIVED, M.RATES_NOMINAL
_FROM_ORDER = (NOMINAL, DERIVED, REPORTED)


@dataclass(frozen=True, slots=True)
class Rate:
    """One year's growth in %, where it comes from, and whether it is spread evenly over the
    years between two levels (100 in 2020, 112.36 in 2023: 4% in each of 2021–2023)."""

    value: float
    source: M
    across_gap: bool = False


def yearly_growth(ind: Indicator, sel: Selection) -> dict[int, Rate]:
    """Growth in % per year: reported rates, else derived from levels. Between two levels
    years apart (100 in 2020, 112.36 in 2023, none between) each year without a reported rate
    gets their average rate, so that a gap drops no level; money levels give nominal growth."""
    out: dict[int, Rate] = {}
    for y, p in sel.series("growth").items():
        if p.value is not None:
            out[y] = Rate(p.value, REPORTED)
    levels = {
        y: p.value for y, p in sel.series("level").items() if p.value is not None and not p.partial
    }
    b_val = baseline_value(ind)
    if ind.baseline is not None and b_val is not None:
        levels.setdefault(ind.baseline.year, b_val)
    how = NOMINAL if current_price(ind) else DERIVED
    years = sorted(levels)
    for y0, y1 in pairwise(years):
        v0, v1 = levels[y0], levels[y1]
        between = range(y0 + 1, y1 + 1)
        if v0 <= 0 or v1 < 0 or any(y in out for y in between):
            continue
        n = y1 - y0
        g = ((v1 / v0) ** (1 / n) - 1) * 100
        rate = Rate(g, how, n > 1)
        for y in between:
            out[y] = rate
    return dict(sorted(out.items()))


def rates_in(growth: dict[int, Rate], b: int, end: int) -> dict[int, Rate]:
    """The yearly rates of the years after the baseline year b, up to the target year."""
    return {y: g for y, g in growth.items() if b < y <= end}


def rate_point(sel: Selection, year: int) -> Point | None:
    """The figure a year's rate comes from: the reported rate, else that year's level."""
    return sel.series("growth").get(year) or sel.series("level").get(year)


def eval_growth(
    ev: Evaluation,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
    growth: dict[int, Rate],
) -> None:
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or 0
    end = ev.target_year or b
    op = t.operator or "at_least"
    ev.target_value = target
    sp = span(b + 1, end, opts.as_of)
    comp = ev.components
    assert isinstance(comp, GrowthComponents)
    rates = rates_in(growth, b, end)
    nominal = {y for y, r in rates.items() if r.source == NOMINAL}
    if nominal and len(nominal) < len(rates):
        # Growth from current-price levels is nominal, reported growth real: never averaged
        # together. The reported rates stand; the other years are gaps.
        rates = {y: g for y, g in rates.items() if y not in nominal}
        comp.not_mixed = msg(M.NOT_MIXED, years=tuple(sorted(nominal)))
    elif nominal:
        ev.flags.append("nominal")
        mark_provisional(ev, msg(M.NOMINAL))
    how = {r.source for r in rates.values()}
    levels = sel.series("level")
    b_val = ev.baseline_value
    covered: list[int] = sorted(rates)
    product = math.prod(1 + r.value / 100 for r in rates.values())
    if not rates and b_val is not None:
        # Average from the baseline and the latest level when yearly rates are missing.
        lv = [p for y, p in levels.items() if b < y <= end and p.value and not p.partial]
        if lv and b_val > 0 and lv[-1].value and lv[-1].value > 0:
            n = lv[-1].year - b
            g = ((lv[-1].value / b_val) ** (1 / n) - 1) * 100
            rates = {lv[-1].year: Rate(g, DERIVED)}
            comp.derived = f"G = ({lv[-1].value:g}/{b_val:g})^(1/{n}) − 1"  # notation
            covered = list(range(b + 1, lv[-1].year + 1))
            product = (1 + g / 100) ** n
    if not rates:
        partial = [p for p in sel.series("growth").values() if p.partial]
        ev.reason = (with_context(sel, M.NO_GROWTH, M.NO_GROWTH_CONTEXT),)
        if partial:
            ev.reason = (
                msg(M.ONLY_PARTIAL_GROWTH, period=partial[-1].period),
                msg(M.NO_FULL_YEAR_RATE),
            )
        return
    ev.points = [p for y, p in sel.series("growth").items() if y in rates] or [
        p for y, p in levels.items() if b < y <= end
    ]
    last_year = max(rates)
    ev.latest = rate_point(sel, last_year)
    if product <= 0:
        ev.reason = (msg(M.BELOW_MINUS_100),)
        return
    n_known = len(covered)
    g_avg = (product ** (1 / n_known) - 1) * 100
    comp.formula = msg(M.FORMULA_GROWTH)
    comp.rates = {str(y): round(r.value, 4) for y, r in rates.items()}
    comp.rates_from = tuple(msg(h) for h in _FROM_ORDER if h in how) or (msg(M.RATES_LEVELS),)
    comp.G, comp.T, comp.n = g_avg, target, n_known
    ev.time_elapsed = sp.tau(figure_years(b + 1, last_year))
    past = sp.past(last_year)
    gaps = [y for y in past if y not in covered]
    if gaps:
        note_missing_years(ev, gaps, (rests_on(n_known, len(past), M.RESTS_ON_RATES, gaps),))
    complete = sp.over and not gaps and last_year >= end
    # The years still to come, and those ended whose figures are not out yet: what is still
    # required is spread over them.
    future = sp.to_come(last_year)
    if future > 0:
        # Years without a rate are taken at the average so far: the rate still required is
        # then at or below the target exactly when the average is at or above it.
        need = ((1 + target / 100) ** sp.years / (1 + g_avg / 100) ** (sp.years - future)) ** (
            1 / future
        ) - 1
        ev.required, ev.required_label = float(need) * 100, Required.PCT_YEAR
    direction = ind.direction if ind.direction != "neither" else "higher"
    ok = meets(g_avg, op, TargetValues(target, None, None, tv.tolerance), direction)
    movement = asks_for_movement(op, target)
    r = log_ratio(g_avg, target) if movement else None
    ev.projected_value = g_avg
    ev.projected_meets = ok

    def average(tail: Msg | None) -> Msg:
        if complete:
            return msg(M.AVERAGE_OVER_SPAN, g=g_avg, first=b + 1, last=end, t=target, tail=tail)
        return msg(M.AVERAGE_SO_FAR, g=g_avg, n=n_known, y=last_year, t=target, tail=tail)

    if complete:
        ev.reason = (average(None),)
        settle(ev, ok)
        return
    ev.pace_ratio = ev.progress = r
    tail = None
    if ok:
        ev.status = "on_track"
    elif r is not None:
        ev.status = status_from_ratio(r, opts.thresholds)
    else:
        ev.status = "off_track"
        tail = msg(M.TAIL_BOUND_BROKEN)
    if r is not None:
        tail = msg(M.TAIL_RATIO, r=r)
    ev.reason = (average(tail),)
    ev.projected_status = "on_track" if ok else ev.status
    if sp.over and gaps:
        ev.reason += gap_clause(gaps, opts.as_of)


def eval_compound(
    ev: Evaluation,
    plan: Plan,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
    growth: dict[int, Rate],
) -> None:
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or plan.baseline_year
    end = ev.target_year or plan.end
    op = t.operator or ("at_most" if target < 0 else "at_least")
    ev.target_value = target
    sp = span(b + 1, end, opts.as_of)
    rates = rates_in(growth, b, end)
    comp = ev.components
    assert isinstance(comp, CompoundComponents)
    if not rates:
        ev.reason = (with_context(sel, M.NO_CHANGE, M.NO_CHANGE_CONTEXT),)
        return
    combined = (math.prod(1 + r.value / 100 for r in rates.values()) - 1) * 100
    last_year = max(rates)
    ev.latest = rate_point(sel, last_year)
    ev.points = [p for y, p in sel.series("growth").items() if y in rates]
    past = sp.past(last_year)
    missing = [y for y in past if y not in rates]
    if missing:
        note_missing_years(
            ev,
            missing,
            (rests_on(len(past) - len(missing), len(past), M.RESTS_ON_CHANGES, missing),),
        )
    tau = sp.tau(figure_years(b + 1, last_year))
    movement = asks_for_movement(op, target)
    p = log_ratio(combined, target) if movement else None
    ev.progress, ev.time_elapsed = p, tau
    comp.formula = msg(M.FORMULA_COMPOUND)
    comp.rates = {str(y): r.value for y, r in rates.items()}
    comp.C, comp.T, comp.tau = combined, target, tau
    left = sp.to_come(last_year)
    if left > 0 and combined > -100:
        need = ((1 + target / 100) / (1 + combined / 100)) ** (1 / left) - 1
        ev.required, ev.required_label = float(need) * 100, Required.PCT_YEAR
    complete = sp.over and not missing
    direction = better_direction(op, "lower" if target < 0 else "higher")
    done = meets(combined, op, TargetValues(target, None, None, tv.tolerance), direction)
    ev.reason = (msg(M.COMBINED, c=combined, t=target, tail=None),)
    if done and (movement or complete):
        ev.status, ev.final = "achieved", complete
        return
    if complete:
        ev.status, ev.final = "missed", True
        return
    if done:
        ev.status = "on_track"
        tail = msg(M.TAIL_WITHIN_BOUND)
    elif p is None:
        ev.status = "off_track"
        tail = msg(M.TAIL_BOUND_BROKEN)
    elif tau <= 0:
        ev.reason += (not_yet_ended(b + 1, end),)
        return
    else:
        r = judge_pace(ev, p, tau, opts.thresholds)
        tail = msg(M.TAIL_PACE, p=p, tau=tau, r=r)
    ev.reason = (msg(M.COMBINED, c=combined, t=target, tail=tail),)
