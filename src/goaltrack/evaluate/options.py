"""What an evaluation is asked: the as-of date, vintage, method and pace thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from ..selection import AsOf


@dataclass(frozen=True, slots=True)
class Thresholds:
    on_track: float = 0.95
    at_risk: float = 0.6


@dataclass(frozen=True, slots=True)
class Options:
    as_of: AsOf
    vintage: str = "latest"  # latest | first
    method: str = "pace"  # pace | projection
    thresholds: Thresholds = Thresholds()
