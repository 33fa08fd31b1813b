"""Milestones: reported done, in progress, at risk, not started or failed."""

from __future__ import annotations

from ..core.vocab import Status
from .messages import M, msg
from .period_rules import mark_provisional
from .result import Evaluation
from .selection import Selection


def eval_milestone(ev: Evaluation, sel: Selection, period_over: bool) -> None:
    states = sel.series("milestone")
    if not states:
        ev.reason = (msg(M.NO_MILESTONE_REPORT),)
        return
    latest = list(states.values())[-1]
    ev.latest = latest
    ev.points = list(states.values())
    state = latest.state or "not_started"
    mapping: dict[str, Status] = {
        "done": "achieved",
        "in_progress": "on_track",
        "at_risk": "at_risk",
        "not_started": "off_track",
        "failed": "missed",
    }
    ev.status = mapping[state]
    # `failed`: the report says the promise can no longer be kept, whenever it was made.
    ev.final = state in ("done", "failed")
    if not ev.final and period_over and latest.year >= (ev.target_year or latest.year):
        ev.status, ev.final = "missed", True
    ev.reason = (msg(M.REPORTED_STATE, state=state, period=latest.period, source=latest.source),)
    if period_over and not ev.final:
        if state == "in_progress":
            # work under way is on track only while there is time left; past the deadline,
            # with no report of completion, it may not have been finished
            ev.status = "at_risk"
            ev.reason += (msg(M.NO_COMPLETION_BY_DEADLINE, y=ev.target_year or latest.year),)
        mark_provisional(
            ev, msg(M.LAST_REPORTED, state=state, y=latest.year), msg(M.NO_LATER_REPORT)
        )
