"""Level targets: a level, a multiple of the baseline, or a change from it."""

from __future__ import annotations

from ..core.models import Indicator, Target
from ..core.normalise import TargetValues
from .compare import meets
from .components import LevelComponents
from .elapsed import figure_due
from .level_pace import level_pace, level_required
from .messages import M, msg
from .options import Options
from .period_rules import mark_provisional
from .result import Evaluation
from .selection import PART_YEAR_FLOW, Selection
from .wording import with_context


def level_target_value(ev: Evaluation, ind: Indicator, t: Target, tv: TargetValues) -> float | None:
    if t.kind == "level":
        return tv.value
    b = ev.baseline_value
    if b is None or t.value is None:
        return None
    ev.flags.append("converted_to_level")
    comp = ev.components
    assert isinstance(comp, LevelComponents)
    if t.kind == "multiple":
        comp.conversion = f"T = {t.value:g} × B = {t.value:g} × {b:g}"  # notation, no words
        return t.value * b
    assert tv.value is not None
    comp.conversion = f"T = B + {tv.value:g} = {b:g} + {tv.value:g}"
    return b + tv.value


def eval_level(
    ev: Evaluation,
    ind: Indicator,
    t: Target,
    tv: TargetValues,
    sel: Selection,
    opts: Options,
    period_over: bool,
) -> None:
    op = t.judged_operator
    goal = level_target_value(ev, ind, t, tv)
    ev.target_value = goal if op != "between" else None
    if goal is None and op != "between":
        ev.reason = (msg(M.NEEDS_BASELINE),)
        return
    lv = TargetValues(goal, tv.low, tv.high, tv.tolerance)
    levels = sel.series("level")
    pts = [p for y, p in levels.items() if y <= (ev.target_year or y) and p.value is not None]
    ev.points = list(levels.values())
    if not pts:
        part = [q for q, why in sel.superseded if why == PART_YEAR_FLOW]
        ev.reason = (
            msg(M.PART_YEAR_ONLY, when=part[-1])
            if part
            else with_context(sel, M.NO_LEVEL, M.NO_LEVEL_CONTEXT),
        )
        b, by, ty = ev.baseline_value, ev.baseline_year, ev.target_year
        if goal is not None and b is not None and by is not None and ty and not period_over:
            # nothing reported yet: what the target asks from the baseline, a year at a time
            level_required(ev, goal, b, ty - by)
        return
    latest = pts[-1]
    ev.latest = latest
    assert latest.value is not None
    a, y = latest.value, latest.year
    target_year = ev.target_year or y
    if meets(a, op, lv, ind.direction):
        ev.status = "achieved"
        ev.final = y >= target_year
        # "early" only while the target year is still to come; after it, the provisional
        # note says the target-year figure is missing
        ev.reason = (
            msg(M.MEETS, a=a, when=latest)
            if ev.final or period_over
            else msg(M.MEETS_EARLY, a=a, when=latest, n=target_year - y),
        )
        ev.progress = 1.0
        if latest.partial:
            ev.final = False
        if not ev.final and not period_over and y < target_year:
            # met early is not kept yet: a level can move back before the target year
            mark_provisional(
                ev,
                msg(
                    M.RESTS_ON_FIGURE_EARLY, period=latest.period, n=target_year - y, t=target_year
                ),
            )
        return
    if y >= target_year and not latest.partial:
        ev.status, ev.final = "missed", True
        ev.reason = (msg(M.MISSED_IN_TARGET_YEAR, a=a, when=latest),)
        level_pace(ev, ind, op, lv, pts, opts, quiet=True)
        return
    level_pace(ev, ind, op, lv, pts, opts, quiet=False)
    if period_over and ev.status != "no_data":
        ev.reason += (
            msg(M.NO_FIGURE_RECORDED, y=target_year)
            if figure_due(target_year, opts.as_of)
            else msg(M.NOT_YET_PUBLISHED, y=target_year),
        )
