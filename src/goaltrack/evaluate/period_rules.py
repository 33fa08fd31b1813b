"""Rules of the plan period: provisional verdicts, and what holds once the target year is over."""

from __future__ import annotations

from ..core.periods import parse_period
from .components import (
    CompoundComponents,
    CumulativeComponents,
    GrowthComponents,
    HoldComponents,
    RelativeComponents,
)
from .elapsed import figure_due, gap_clause
from .messages import M, Msg, Reason, msg
from .result import LEVEL_KINDS, Evaluation
from .selection import AsOf, Point

# What a verdict resting on one earlier figure says first: nothing more to add after the period.
RESTS_ON_ONE_FIGURE = (M.RESTS_ON_FIGURE, M.RESTS_ON_FIGURE_EARLY, M.LAST_REPORTED)


def mark_provisional(ev: Evaluation, *why: Msg) -> None:
    """Mark the verdict provisional and say what it rests on (one entry, its clauses)."""
    if why not in ev.provisional:
        ev.provisional.append(why)
    if "provisional" not in ev.flags:
        ev.flags.append("provisional")


def note_missing_years(ev: Evaluation, missing: list[int], rests: Reason = ()) -> None:
    """Years gone by without a figure: flagged, listed, and (given `rests`, what the verdict
    then rests on) the verdict marked provisional."""
    ev.flags.append("missing_years")
    comp = ev.components
    assert isinstance(
        comp,
        (
            HoldComponents,
            GrowthComponents,
            CompoundComponents,
            CumulativeComponents,
            RelativeComponents,
        ),
    )
    comp.years_missing = missing
    if rests:
        mark_provisional(ev, *rests)


def settle(ev: Evaluation, met: bool) -> None:
    """The period is over and every figure is in: achieved or missed, for good."""
    ev.final = True
    ev.status = "achieved" if met else "missed"


def end_month(p: Point) -> int:
    return parse_period(p.period).end_month


def after_period(ev: Evaluation, as_of: AsOf) -> None:
    """Once the target year has ended, a verdict is final or provisional, never a forecast.

    The period is over: the target was met or not, and what a non-final verdict lacks is a
    figure. It keeps the status its figures support, is flagged provisional saying what it
    rests on, and `final_pending` (the final-year figure is not normally out yet, see
    elapsed.GRACE_MONTHS) or `no_final_figure` (it should be out, and none is recorded).
    """
    t = ev.target_year
    if (
        t is None
        or ev.final
        or ev.status in ("no_data", "tracked")
        or "override" in ev.flags
        or as_of.last_full_year < t
    ):
        return
    last = ev.latest
    rests = any(w[0].id in RESTS_ON_ONE_FIGURE for w in ev.provisional if w)
    if (
        last is not None
        and last.year < t
        and not rests
        and (ev.kind in LEVEL_KINDS or not ev.provisional)
    ):
        mark_provisional(
            ev,
            msg(M.RESTS_ON_FIGURE, period=last.period),
            *gap_clause(list(range(last.year + 1, t + 1)), as_of),
        )
    if not ev.provisional:
        mark_provisional(ev, *gap_clause([t], as_of))
    flag = "no_final_figure" if figure_due(t, as_of) else "final_pending"
    if flag not in ev.flags:
        ev.flags.append(flag)
