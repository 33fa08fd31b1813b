"""From progress to a status: the pace ratio's thresholds and compound progress."""

from __future__ import annotations

import math

from ..core.vocab import Status
from .compare import geq
from .options import Thresholds
from .result import Evaluation


def status_from_ratio(r: float, th: Thresholds) -> Status:
    if geq(r, th.on_track):
        return "on_track"
    if geq(r, th.at_risk):
        return "at_risk"
    if geq(r, 0):
        return "off_track"
    return "regressing"


def judge_pace(ev: Evaluation, p: float, tau: float, th: Thresholds) -> float:
    """The pace ratio R = p/τ and the status it gives; returns R."""
    r = p / tau
    ev.pace_ratio = r
    ev.status = status_from_ratio(r, th)
    return r


def log_ratio(change_pct: float, target_pct: float) -> float | None:
    """ln(1 + c)/ln(1 + T): the share of a compound change achieved, measured so that
    compounding, pace and the rate still required never contradict each other."""
    if change_pct <= -100 or target_pct == 0 or target_pct <= -100:
        return None
    return math.log1p(change_pct / 100) / math.log1p(target_pct / 100)
