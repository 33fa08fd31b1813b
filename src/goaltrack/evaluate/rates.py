"""Rate targets: average annual growth and cumulative compound change, from yearly rates."""

from __future__ import annotations

import math
from itertools import pairwise

from ..elapsed import figure_years, gap_clause, span
from ..models import Indicator, Plan, Target
from ..normalise import TargetValues, baseline_value
from ..selection import Point, Selection, current_price
from .compare import asks_for_movement, better_direction, meets
from .options import Options
from .pace import judge_pace, log_ratio, status_from_ratio
from .period_rules import mark_provisional, note_missing_years, settle
from .result import Evaluation
from .wording import (
    BOUND_BROKEN,
    RATE_STILL_NEEDED,
    context_note,
    not_yet_ended,
    rests_on,
    year_list,
)

REPORTED = "reported"
DERIVED = "derived from levels"
NOMINAL = "derived from current-price levels (nominal)"


def derived_rate(how: str) -> bool:
    return how != REPORTED


def across_gap(how: str) -> bool:
    """A rate spread evenly over years between two levels ("… over 2021–2023")."""
    return " over " in how


def yearly_growth(ind: Indicator, sel: Selection) -> dict[int, tuple[float, str]]:
    """Growth in % per year: reported rates, else derived from levels. Between two levels
    years apart (100 in 2020, 112.36 in 2023, none between) each year without a reported rate
    gets their average rate, so that a gap drops no level; money levels give nominal growth."""
    out: dict[int, tuple[float, str]] = {}
    for y, p in sel.series("growth").items():
        if p.value is not None:
            out[y] = (p.value, REPORTED)
    levels = {y: p.value for y, p in sel.series("level").items()
              if p.value is not None and not p.partial}
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
        said = how if n == 1 else f"{how} over {y0}–{y1}"
        for y in between:
            out[y] = (g, said)
    return dict(sorted(out.items()))


def rates_in(growth: dict[int, tuple[float, str]], b: int,
             end: int) -> dict[int, tuple[float, str]]:
    """The yearly rates of the years after the baseline year b, up to the target year."""
    return {y: g for y, g in growth.items() if b < y <= end}


def rate_point(sel: Selection, year: int) -> Point | None:
    """The figure a year's rate comes from: the reported rate, else that year's level."""
    return sel.series("growth").get(year) or sel.series("level").get(year)


def eval_growth(ev: Evaluation, ind: Indicator, t: Target, tv: TargetValues,
                sel: Selection, opts: Options, growth: dict[int, tuple[float, str]]) -> None:
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or 0
    end = ev.target_year or b
    op = t.operator or "at_least"
    ev.target_value = target
    sp = span(b + 1, end, opts.as_of)
    rates = rates_in(growth, b, end)
    nominal = {y for y, (_, h) in rates.items() if h.startswith(NOMINAL)}
    if nominal and len(nominal) < len(rates):
        # Growth from current-price levels is nominal, reported growth real: never averaged
        # together. The reported rates stand; the other years are gaps.
        rates = {y: g for y, g in rates.items() if y not in nominal}
        ev.components["not_mixed"] = "nominal rates from levels set aside for " + \
            year_list(sorted(nominal))
    elif nominal:
        ev.flags.append("nominal")
        mark_provisional(ev, "growth derived from current-price levels: nominal, with prices")
    how = {v[1].split(" over ")[0] for v in rates.values()}
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
        ev.reason = "no yearly growth figure or levels to derive it from" + context_note(sel)
        if partial:
            ev.reason = f"only partial-year growth ({partial[-1].period}); no full-year rate"
        return
    ev.points = [p for y, p in sel.series("growth").items() if y in rates] or \
        [p for y, p in levels.items() if b < y <= end]
    last_year = max(rates)
    ev.latest = rate_point(sel, last_year)
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
        note_missing_years(ev, gaps, rests_on(n_known, len(past), "yearly rates", gaps))
    complete = sp.over and not gaps and last_year >= end
    # The years still to come, and those ended whose figures are not out yet: what is still
    # required is spread over them.
    future = sp.to_come(last_year)
    if future > 0:
        # Years without a rate are taken at the average so far: the rate still required is
        # then at or below the target exactly when the average is at or above it.
        need = ((1 + target / 100) ** sp.years / (1 + g_avg / 100) ** (sp.years - future)) \
            ** (1 / future) - 1
        ev.required, ev.required_label = float(need) * 100, RATE_STILL_NEEDED
    direction = ind.direction if ind.direction != "neither" else "higher"
    ok = meets(g_avg, op, TargetValues(target, None, None, tv.tolerance), direction)
    movement = asks_for_movement(op, target)
    r = log_ratio(g_avg, target) if movement else None
    ev.projected_value = g_avg
    ev.projected_meets = ok
    span_text = f"{b + 1}–{end}" if complete else f"{n_known} year(s) to {last_year}"
    ev.reason = f"average growth {g_avg:.2f}% a year over {span_text} against {target:g}%"
    if complete:
        settle(ev, ok)
        return
    ev.pace_ratio = ev.progress = r
    if ok:
        ev.status = "on_track"
    elif r is not None:
        ev.status = status_from_ratio(r, opts.thresholds)
    else:
        ev.status = "off_track"
        ev.reason += BOUND_BROKEN
    if r is not None:
        ev.reason += f": ratio {r:.2f}"
    ev.projected_status = "on_track" if ok else ev.status
    if sp.over and gaps:
        ev.reason += "; " + gap_clause(gaps, opts.as_of)


def eval_compound(ev: Evaluation, plan: Plan, t: Target, tv: TargetValues, sel: Selection,
                  opts: Options, growth: dict[int, tuple[float, str]]) -> None:
    assert tv.value is not None
    target = tv.value
    b = ev.baseline_year or plan.baseline_year
    end = ev.target_year or plan.end
    op = t.operator or ("at_most" if target < 0 else "at_least")
    ev.target_value = target
    sp = span(b + 1, end, opts.as_of)
    rates = rates_in(growth, b, end)
    if not rates:
        ev.reason = "no yearly change figure or levels to derive it from" + context_note(sel)
        return
    combined = (math.prod(1 + g / 100 for g, _ in rates.values()) - 1) * 100
    last_year = max(rates)
    ev.latest = rate_point(sel, last_year)
    ev.points = [p for y, p in sel.series("growth").items() if y in rates]
    past = sp.past(last_year)
    missing = [y for y in past if y not in rates]
    if missing:
        note_missing_years(ev, missing, rests_on(len(past) - len(missing), len(past),
                                                 "yearly changes", missing, "no change"))
    tau = sp.tau(figure_years(b + 1, last_year))
    movement = asks_for_movement(op, target)
    p = log_ratio(combined, target) if movement else None
    ev.progress, ev.time_elapsed = p, tau
    ev.components.update({"formula": "C = Π(1 + r_i) − 1; p = ln(1 + C)/ln(1 + T); R = p/τ",
                          "rates": {str(y): g for y, (g, _) in rates.items()},
                          "C": combined, "T": target, "τ": tau})
    left = sp.to_come(last_year)
    if left > 0 and combined > -100:
        need = ((1 + target / 100) / (1 + combined / 100)) ** (1 / left) - 1
        ev.required, ev.required_label = float(need) * 100, RATE_STILL_NEEDED
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
        ev.reason += BOUND_BROKEN
    elif tau <= 0:
        ev.reason += "; " + not_yet_ended(b + 1, end)
        return
    else:
        r = judge_pace(ev, p, tau, opts.thresholds)
        ev.reason += f", {p:.0%} of the way with {tau:.0%} of the time gone: pace ratio {r:.2f}"
