"""Hold targets: a bound kept in every year of the period."""

from __future__ import annotations

from ..core.models import Indicator, Plan, Target
from ..core.normalise import TargetValues
from .compare import meets
from .components import HoldComponents
from .elapsed import figure_years, gap_clause, span
from .messages import M, msg
from .options import Options
from .period_rules import end_month, mark_provisional
from .result import Evaluation
from .selection import Selection
from .wording import with_context


def eval_hold(
    ev: Evaluation,
    plan: Plan,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
) -> None:
    op = t.judged_operator
    ev.target_value = tv.value
    start = t.first_year(plan)
    end = ev.target_year or plan.end
    sp = span(start, end, opts.as_of)
    levels = {
        y: p for y, p in sel.series("level").items() if start <= y <= end and p.value is not None
    }
    ev.points = list(levels.values())
    if not levels:
        ev.reason = (with_context(sel, M.NO_YEARLY, M.NO_YEARLY_CONTEXT),)
        return
    ev.latest = list(levels.values())[-1]
    violated = [
        y
        for y, p in levels.items()
        if p.value is not None and not meets(p.value, op, tv, ind.direction)
    ]
    # Only years that have ended can be missing: the current year is not a gap.
    missing = [y for y in sp.past(start - 1) if y not in levels]
    comp = ev.components
    assert isinstance(comp, HoldComponents)
    comp.years_held = [y for y in levels if y not in violated]
    comp.years_violated, comp.years_missing = violated, missing
    # A bound kept every year is kept or broken, not a distance covered: no progress share.
    ev.progress = None
    ev.time_elapsed = sp.tau(figure_years(start, ev.latest.year, end_month(ev.latest)))
    reported = {"n": len(levels), "m": sp.years}
    if missing:
        ev.flags.append("missing_years")
    miss_note = gap_clause(missing, opts.as_of) if missing else ()
    if violated:
        # Broken in one year, the promise of every year is broken for good once the period is
        # over; before then the bound may be kept again, and the status says it is broken now.
        ev.status = "missed" if sp.over else "off_track"
        ev.final = sp.over
        ev.reason = (msg(M.BROKEN_IN, years=tuple(violated), **reported), *miss_note)
        return
    if sp.over and not missing:
        ev.status, ev.final = "achieved", True
        ev.reason = (msg(M.KEPT_EVERY_YEAR, first=start, last=end),)
        return
    if sp.over:
        # The period is over and every reported year kept the bound: kept, as far as the
        # figures go; the years without one leave it provisional, never worse.
        ev.status = "achieved"
        ev.reason = (msg(M.KEPT_REPORTED, **reported), *miss_note)
        mark_provisional(ev, msg(M.KEPT_IN_YEARS_REPORTED), *miss_note)
        return
    ev.status = "on_track"
    ev.reason = (msg(M.KEPT_SO_FAR, **reported), *miss_note)
    if missing:
        mark_provisional(ev, msg(M.KEPT_IN_YEARS_REPORTED), *miss_note)
