"""What an evaluation is asked: the as-of date, vintage, method and pace thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.vocab import AT_RISK, ON_TRACK, Method, Vintage
from .selection import AsOf


@dataclass(frozen=True, slots=True)
class Thresholds:
    on_track: float = ON_TRACK
    at_risk: float = AT_RISK


@dataclass(frozen=True, slots=True)
class Options:
    as_of: AsOf
    vintage: Vintage = "latest"
    method: Method = "pace"
    thresholds: Thresholds = Thresholds()
