"""What an evaluation returns: the verdict, its working, and the statuses it can take."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..selection import Point
from ..succession import Inherited
from ..vocab import STATUSES, WORST_FIRST, EvaluationKind, Status, TargetKind

__all__ = ["LEVEL_KINDS", "SEVERITY", "SHORTFALL", "STATUSES", "Evaluation"]

# The kinds judged on the latest level figure.
LEVEL_KINDS: tuple[TargetKind, ...] = ("level", "multiple", "change")

# `required_label` once the period is over: the amount short, not a yearly rate.
SHORTFALL = "short of the target (the period is over)"
# Worst first: used for sorting and for summaries.
SEVERITY: dict[Status, int] = {s: i for i, s in enumerate(WORST_FIRST)}


@dataclass(slots=True)
class Evaluation:
    plan: str
    indicator: str
    target_index: int
    kind: EvaluationKind
    target_text: str
    status: Status
    reason: str
    final: bool = False
    progress: float | None = None
    time_elapsed: float | None = None
    pace_ratio: float | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    baseline_from: Inherited | None = None  # a baseline taken from a predecessor's figure
    target_year: int | None = None
    target_value: float | None = None
    latest: Point | None = None
    required: float | None = None
    required_label: str = ""
    projected_value: float | None = None
    projected_meets: bool | None = None
    projected_status: Status | None = None
    flags: list[str] = field(default_factory=list)
    components: dict[str, Any] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    context: list[tuple[Point, str]] = field(default_factory=list)
    superseded: list[tuple[Point, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    override_reason: str | None = None
    provisional: list[str] = field(default_factory=list)  # what a provisional verdict rests on
