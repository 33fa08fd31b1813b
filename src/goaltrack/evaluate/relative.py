"""Relative targets: growth faster than, or in step with, another indicator's."""

from __future__ import annotations

from ..elapsed import figure_years, gap_clause, span
from ..models import Plan, Target
from ..selection import Selection
from .compare import geq, gt, leq
from .options import Options
from .pace import status_from_ratio
from .period_rules import mark_provisional, note_missing_years, settle
from .rates import NOMINAL, across_gap, rate_point
from .result import Evaluation

RELATION_WORDS = {"faster": "faster than", "in_step": "in step with",
                  "not_faster": "not faster than"}


def eval_relative(ev: Evaluation, plan: Plan, t: Target, opts: Options, period_over: bool,
                  own: dict[int, tuple[float, str]],
                  ref: dict[int, tuple[float, str]], sel: Selection | None = None,
                  ref_name: str | None = None) -> None:
    """`ref_name` is the reference indicator's name, said in the reason (its id otherwise)."""
    name = ref_name or t.reference or ""
    tol = t.tolerance if t.tolerance is not None else 0.5
    first, end = plan.start, ev.target_year or plan.end
    # Year by year: a rate spread over a gap between two levels is no year's own rate.
    years = [y for y in own if y in ref and first <= y <= end
             and not across_gap(own[y][1]) and not across_gap(ref[y][1])]
    if not years:
        ev.reason = f"needs growth of both this indicator and {name} for the same year"
        return
    results = {}
    for y in years:
        g, r = own[y][0], ref[y][0]
        if t.relation == "faster":
            ok = gt(g, r)
        elif t.relation == "not_faster":
            ok = leq(g, r + tol)
        else:
            ok = geq(g + tol, r)
        results[y] = (g, r, ok)
    if any(g[y][1] == NOMINAL for g in (own, ref) for y in years):
        ev.flags.append("nominal")
        mark_provisional(ev, "growth derived from current-price levels: nominal, with prices")
    sat = sum(1 for v in results.values() if v[2])
    share = sat / len(results)
    ev.progress = share
    ev.components.update({"relation": t.relation, "tolerance_pp": tol, "reference": t.reference,
                          "years": {str(y): {"own": g, "reference": r, "satisfied": ok}
                                    for y, (g, r, ok) in results.items()}})
    if sel is not None:  # the indicator's own last rate compared, as the table's latest
        ev.latest = rate_point(sel, max(years))
        ev.points = [p for y in years if (p := rate_point(sel, y)) is not None]
    ev.reason = (f"growth {RELATION_WORDS[t.relation or 'in_step']} {name} in {sat} of "
                 f"{len(results)} year(s)")
    sp = span(first, end, opts.as_of)
    ev.time_elapsed = sp.tau(figure_years(first, max(years)))
    gaps = [y for y in sp.past(max(years)) if y not in results]
    if gaps:
        # Like every kind: years without both growth figures are gaps, never agreement.
        note_missing_years(ev, gaps, f"rests on {len(results)} of {len(results) + len(gaps)} "
                           "year(s) with both growth figures; " + gap_clause(gaps, opts.as_of))
    if period_over and max(years) >= end and not gaps:
        settle(ev, share == 1)
        return
    # The share of years satisfied is the pace ratio: never below 0, so never regressing.
    ev.pace_ratio = share
    ev.status = status_from_ratio(share, opts.thresholds)
