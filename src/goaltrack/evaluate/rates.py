"""Rate targets: average annual growth and cumulative compound change, from yearly rates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from ..core.models import Indicator, Plan, Target
from ..core.normalise import TargetValues, baseline_value
from ..core.vocab import Status
from .compare import asks_for_movement, better_direction, meets
from .components import CompoundComponents, GrowthComponents
from .elapsed import figure_years, gap_clause, span
from .messages import M, Msg, Reason, msg
from .options import Options, Thresholds
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


@dataclass(frozen=True, slots=True)
class ChosenRates:
    """The yearly rates a growth target is judged on, and the nominal ones set aside."""

    rates: dict[int, Rate]
    set_aside: tuple[int, ...] = ()  # nominal years not averaged with real ones
    nominal: bool = False  # every rate is nominal: used, flagged


@dataclass(frozen=True, slots=True)
class GrowthBasis:
    """What the average rests on: the rates, the years they cover, their product, where the
    rates come from, and (when derived from the baseline and the latest level) the formula."""

    rates: dict[int, Rate]
    covered: list[int]
    product: float
    sources: frozenset[M] = frozenset()  # none: derived from the baseline and a level
    derived: str | None = None


def choose_rates(rates: dict[int, Rate]) -> ChosenRates:
    """Growth from current-price levels is nominal, reported growth real: never averaged
    together. With reported rates the nominal years are gaps; alone, they are used."""
    nominal = {y for y, r in rates.items() if r.source == NOMINAL}
    if nominal and len(nominal) < len(rates):
        kept = {y: g for y, g in rates.items() if y not in nominal}
        return ChosenRates(kept, set_aside=tuple(sorted(nominal)))
    return ChosenRates(rates, nominal=bool(nominal))


def note_nominal(ev: Evaluation, comp: GrowthComponents, chosen: ChosenRates) -> None:
    """Say which nominal rates were set aside, or flag a verdict that rests on them."""
    if chosen.set_aside:
        comp.not_mixed = msg(M.NOT_MIXED, years=chosen.set_aside)
    elif chosen.nominal:
        ev.flags.append("nominal")
        mark_provisional(ev, msg(M.NOMINAL))


def growth_basis(
    rates: dict[int, Rate], levels: dict[int, Point], b_val: float | None, b: int, end: int
) -> GrowthBasis | None:
    """The yearly rates, else (with a baseline) one derived from the baseline and the latest
    level; None when there is neither."""
    if rates:
        product = math.prod(1 + r.value / 100 for r in rates.values())
        return GrowthBasis(
            rates, sorted(rates), product, frozenset(r.source for r in rates.values())
        )
    if b_val is None:
        return None
    return derive_from_levels(levels, b_val, b, end)


def derive_from_levels(
    levels: dict[int, Point], b_val: float, b: int, end: int
) -> GrowthBasis | None:
    """The average from the baseline and the latest full-year level, when no yearly rate is
    there: it covers every year from the baseline to that level."""
    lv = [p for y, p in levels.items() if b < y <= end and p.value and not p.partial]
    if not (lv and b_val > 0 and lv[-1].value and lv[-1].value > 0):
        return None
    last, a = lv[-1], lv[-1].value
    n = last.year - b
    g = ((a / b_val) ** (1 / n) - 1) * 100
    return GrowthBasis(
        {last.year: Rate(g, DERIVED)},
        list(range(b + 1, last.year + 1)),
        (1 + g / 100) ** n,
        derived=f"G = ({a:g}/{b_val:g})^(1/{n}) − 1",  # notation
    )


def no_rate_reason(sel: Selection) -> Reason:
    """Why there is no average: no rate at all, or only part-year ones."""
    partial = [p for p in sel.series("growth").values() if p.partial]
    if partial:
        return (msg(M.ONLY_PARTIAL_GROWTH, period=partial[-1].period), msg(M.NO_FULL_YEAR_RATE))
    return (with_context(sel, M.NO_GROWTH, M.NO_GROWTH_CONTEXT),)


def required_growth(target: float, g_avg: float, years: int, future: int) -> float:
    """The growth in % still required in each of the `future` years to come. Years without a
    rate are taken at the average so far: the rate still required is then at or below the
    target exactly when the average is at or above it."""
    need = ((1 + target / 100) ** years / (1 + g_avg / 100) ** (years - future)) ** (1 / future) - 1
    return float(need) * 100


def growth_pace(ok: bool, r: float | None, th: Thresholds) -> tuple[Status, Msg | None]:
    """The status of an average while the period runs, and the tail of its reason: met is on
    track; a movement asked for is judged by its log ratio; a bound to keep broken is off
    track."""
    if ok:
        status: Status = "on_track"
    elif r is not None:
        status = status_from_ratio(r, th)
    else:
        return "off_track", msg(M.TAIL_BOUND_BROKEN)
    return status, (msg(M.TAIL_RATIO, r=r) if r is not None else None)


def eval_growth(
    ev: Evaluation,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
    growth: dict[int, Rate],
) -> None:
    """Average annual growth (docs/method.md): G over the known yearly rates, judged in logs
    against the target while the period runs, met or missed once every rate is in."""
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or 0
    end = ev.target_year or b
    ev.target_value = target
    comp = ev.components
    assert isinstance(comp, GrowthComponents)
    chosen = choose_rates(rates_in(growth, b, end))
    note_nominal(ev, comp, chosen)
    levels = sel.series("level")
    basis = growth_basis(chosen.rates, levels, ev.baseline_value, b, end)
    if basis is None:
        ev.reason = no_rate_reason(sel)
        return
    if basis.derived is not None:
        comp.derived = basis.derived
    ev.points = [p for y, p in sel.series("growth").items() if y in basis.rates] or [
        p for y, p in levels.items() if b < y <= end
    ]
    last_year = max(basis.rates)
    ev.latest = rate_point(sel, last_year)
    if basis.product <= 0:
        ev.reason = (msg(M.BELOW_MINUS_100),)
        return
    judge_growth(ev, comp, ind, t.judged_operator, tv, opts, basis, b, end)


def judge_growth(
    ev: Evaluation,
    comp: GrowthComponents,
    ind: Indicator,
    op: str,
    tv: TargetValues,
    opts: Options,
    basis: GrowthBasis,
    b: int,
    end: int,
) -> None:
    """The average over the years its rates cover, the years missing, what is still
    required, and the verdict with its reason."""
    assert tv.value is not None
    target = tv.value
    sp = span(b + 1, end, opts.as_of)
    last_year = max(basis.rates)
    n_known = len(basis.covered)
    g_avg = (basis.product ** (1 / n_known) - 1) * 100
    comp.formula = msg(M.FORMULA_GROWTH)
    comp.rates = {str(y): round(r.value, 4) for y, r in basis.rates.items()}
    comp.rates_from = tuple(msg(h) for h in _FROM_ORDER if h in basis.sources) or (
        msg(M.RATES_LEVELS),
    )
    comp.G, comp.T, comp.n = g_avg, target, n_known
    ev.time_elapsed = sp.tau(figure_years(b + 1, last_year))
    past = sp.past(last_year)
    gaps = [y for y in past if y not in basis.covered]
    if gaps:
        note_missing_years(ev, gaps, (rests_on(n_known, len(past), M.RESTS_ON_RATES, gaps),))
    complete = sp.over and not gaps and last_year >= end
    # The years still to come, and those ended whose figures are not out yet: what is still
    # required is spread over them.
    future = sp.to_come(last_year)
    if future > 0:
        ev.required = required_growth(target, g_avg, sp.years, future)
        ev.required_label = Required.PCT_YEAR
    direction = ind.direction if ind.direction != "neither" else "higher"
    ok = meets(g_avg, op, TargetValues(target, None, None, tv.tolerance), direction)
    r = log_ratio(g_avg, target) if asks_for_movement(op, target) else None
    ev.projected_value = g_avg
    ev.projected_meets = ok
    if complete:
        ev.reason = (msg(M.AVERAGE_OVER_SPAN, g=g_avg, first=b + 1, last=end, t=target, tail=None),)
        settle(ev, ok)
        return
    ev.pace_ratio = ev.progress = r
    ev.status, tail = growth_pace(ok, r, opts.thresholds)
    ev.reason = (msg(M.AVERAGE_SO_FAR, g=g_avg, n=n_known, y=last_year, t=target, tail=tail),)
    ev.projected_status = "on_track" if ok else ev.status
    if sp.over and gaps:
        ev.reason += gap_clause(gaps, opts.as_of)


@dataclass(frozen=True, slots=True)
class CompoundSoFar:
    """A combined change against its target: progress in logs (None for a bound to keep),
    the time gone, whether the target is met and whether every year of the period is in."""

    combined: float
    target: float
    progress: float | None
    tau: float
    met: bool
    movement: bool
    complete: bool


def required_change(target: float, combined: float, left: int) -> float | None:
    """The change in % still required in each of the `left` years to come, if any."""
    if left > 0 and combined > -100:
        need = ((1 + target / 100) / (1 + combined / 100)) ** (1 / left) - 1
        return float(need) * 100
    return None


def eval_compound(
    ev: Evaluation,
    plan: Plan,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
    growth: dict[int, Rate],
) -> None:
    """Cumulative compound change (docs/method.md): C = Π(1 + r_i) − 1, progress in logs
    against the time gone; a year without a figure counts as no change (provisional)."""
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or plan.baseline_year
    end = ev.target_year or plan.end
    op = t.judged_operator
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
    need = required_change(target, combined, sp.to_come(last_year))
    if need is not None:
        ev.required, ev.required_label = need, Required.PCT_YEAR
    direction = better_direction(op, "lower" if target < 0 else "higher")
    done = meets(combined, op, TargetValues(target, None, None, tv.tolerance), direction)
    so_far = CompoundSoFar(combined, target, p, tau, done, movement, sp.over and not missing)
    judge_compound(ev, so_far, opts.thresholds, b + 1, end)


def judge_compound(ev: Evaluation, c: CompoundSoFar, th: Thresholds, first: int, end: int) -> None:
    """The verdict and its reason: a movement made, or any target once the period is over,
    is settled; otherwise a bound kept or broken, or the pace of the change."""
    ev.reason = (msg(M.COMBINED, c=c.combined, t=c.target, tail=None),)
    if c.met and (c.movement or c.complete):
        ev.status, ev.final = "achieved", c.complete
        return
    if c.complete:
        ev.status, ev.final = "missed", True
        return
    if c.met:
        ev.status = "on_track"
        tail = msg(M.TAIL_WITHIN_BOUND)
    elif c.progress is None:
        ev.status = "off_track"
        tail = msg(M.TAIL_BOUND_BROKEN)
    elif c.tau <= 0:
        ev.reason += (not_yet_ended(first, end),)
        return
    else:
        r = judge_pace(ev, c.progress, c.tau, th)
        tail = msg(M.TAIL_PACE, p=c.progress, tau=c.tau, r=r)
    ev.reason = (msg(M.COMBINED, c=c.combined, t=c.target, tail=tail),)
