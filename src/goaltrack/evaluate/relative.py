"""Relative targets: growth faster than, or in step with, another indicator's."""

from __future__ import annotations

from ..core.models import Indicator, Plan, Target
from .compare import geq, gt, leq
from .components import RelativeComponents, YearCompared
from .elapsed import figure_years, gap_clause, span
from .messages import M, msg
from .options import Options
from .pace import status_from_ratio
from .period_rules import mark_provisional, note_missing_years, settle
from .rates import NOMINAL, Rate, rate_point
from .result import Evaluation
from .selection import Selection

RELATION = {"faster": M.FASTER, "in_step": M.IN_STEP, "not_faster": M.NOT_FASTER}


def eval_relative(
    ev: Evaluation,
    plan: Plan,
    t: Target,
    opts: Options,
    period_over: bool,
    own: dict[int, Rate],
    ref: dict[int, Rate],
    sel: Selection | None = None,
    ref_ind: Indicator | None = None,
) -> None:
    """`ref_ind` is the reference indicator, named in the reason (by its id when unknown)."""
    name = ref_ind if ref_ind is not None else t.reference or ""
    tol = t.tolerance if t.tolerance is not None else 0.5
    first, end = plan.start, ev.target_year or plan.end
    # Year by year: a rate spread over a gap between two levels is no year's own rate.
    years = [
        y
        for y in own
        if y in ref and first <= y <= end and not own[y].across_gap and not ref[y].across_gap
    ]
    if not years:
        ev.reason = (msg(M.NEEDS_BOTH_GROWTHS, ref=name),)
        return
    results = {}
    for y in years:
        g, r = own[y].value, ref[y].value
        if t.relation == "faster":
            ok = gt(g, r)
        elif t.relation == "not_faster":
            ok = leq(g, r + tol)
        else:
            ok = geq(g + tol, r)
        results[y] = (g, r, ok)
    if any(g[y].source == NOMINAL for g in (own, ref) for y in years):
        ev.flags.append("nominal")
        mark_provisional(ev, msg(M.NOMINAL))
    sat = sum(1 for v in results.values() if v[2])
    share = sat / len(results)
    ev.progress = share
    comp = ev.components
    assert isinstance(comp, RelativeComponents)
    comp.compared = True
    comp.relation, comp.tolerance_pp, comp.reference = t.relation, tol, t.reference
    comp.years = {str(y): YearCompared(g, r, ok) for y, (g, r, ok) in results.items()}
    if sel is not None:  # the indicator's own last rate compared, as the table's latest
        ev.latest = rate_point(sel, max(years))
        ev.points = [p for y in years if (p := rate_point(sel, y)) is not None]
    ev.reason = (msg(RELATION[t.relation or "in_step"], ref=name, n=sat, m=len(results)),)
    sp = span(first, end, opts.as_of)
    ev.time_elapsed = sp.tau(figure_years(first, max(years)))
    gaps = [y for y in sp.past(max(years)) if y not in results]
    if gaps:
        # Like every kind: years without both growth figures are gaps, never agreement.
        note_missing_years(
            ev,
            gaps,
            (
                msg(M.RESTS_ON_BOTH_GROWTHS, n=len(results), m=len(results) + len(gaps)),
                *gap_clause(gaps, opts.as_of),
            ),
        )
    if period_over and max(years) >= end and not gaps:
        settle(ev, share == 1)
        return
    # The share of years satisfied is the pace ratio: never below 0, so never regressing.
    ev.pace_ratio = share
    ev.status = status_from_ratio(share, opts.thresholds)
