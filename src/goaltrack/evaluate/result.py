"""What an evaluation returns: the verdict, its working, and the statuses it can take."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..core.vocab import STATUSES, WORST_FIRST, EvaluationKind, Status, TargetKind
from .components import Components
from .messages import Msg, Reason
from .selection import Point
from .succession import Inherited

__all__ = ["LEVEL_KINDS", "SEVERITY", "STATUSES", "Evaluation", "Required"]

# The kinds judged on the latest level figure.
LEVEL_KINDS: tuple[TargetKind, ...] = ("level", "multiple", "change")


class Required(StrEnum):
    """What `required` is (its value: the public JSON's English `required_label`)."""

    PER_YEAR = "per year still needed"
    PCT_YEAR = "% a year still needed"
    AVG_YEAR = "a year still needed on average"
    # once the period is over: the amount short, not a yearly rate
    SHORT = "short of the target (the period is over)"
    BOUND = "to be back within the bound"
    CAP_LEFT = "a year still within the cap on average"  # a cap's allowance, spread


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
    reason: Reason
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
    required_label: Required | None = None
    projected_value: float | None = None
    projected_meets: bool | None = None
    projected_status: Status | None = None
    flags: list[str] = field(default_factory=list)
    components: Components = field(default_factory=Components)
    points: list[Point] = field(default_factory=list)
    context: list[tuple[Point, Msg]] = field(default_factory=list)
    superseded: list[tuple[Point, Msg]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    override_reason: str | None = None
    # what a provisional verdict rests on, each a reason of its own
    provisional: list[Reason] = field(default_factory=list)
