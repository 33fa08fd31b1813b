"""The working of a verdict, one dataclass per family of targets, read by attribute.

`as_dict` gives the public JSON's `components` (docs/report-json.md): the same keys, in the
order the engine fills them, and the same values; a message (a formula, a projection's
method) is said in English there, by the renderer the caller passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .messages import Msg, Reason

Say = Callable[[Reason], str]


@dataclass(slots=True)
class Components:
    """What every kind may carry: the units note, and what the dispatch overrode."""

    units: tuple[str, ...] = ()  # the target's conversions to the indicator's unit
    pace_status: str | None = None  # by projection: the status the pace alone gives
    pace_reason: Reason | None = None  # … and its reason (levels and cumulative)
    computed_status: str | None = None  # overridden: the status the figures give

    def own(self, say: Say) -> list[tuple[str, Any]]:
        """The family's keys and values, in order (a None value: the key is absent)."""
        return []

    def as_dict(self, say: Say) -> dict[str, Any]:
        items = [
            ("units", "; ".join(self.units) or None),
            *_present(self.own(say)),
            ("pace_status", self.pace_status),
            ("pace_reason", None if self.pace_reason is None else say(self.pace_reason)),
            ("computed_status", self.computed_status),
        ]
        return {k: v for k, v in items if v is not None or k in _NULLABLE}


# Keys written even when null (a relative target's relation and reference, as written).
_NULLABLE = frozenset({"relation", "reference"})


def _present(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in items if v is not None or k in _NULLABLE]


def _said(say: Say, m: Msg | None) -> str | None:
    return None if m is None else say((m,))


@dataclass(slots=True)
class LevelComponents(Components):
    conversion: str | None = None  # multiple, change: the target as a level
    projection: Msg | None = None
    A: float | None = None
    y: int | None = None
    B: float | None = None
    b: int | None = None
    T: float | None = None
    t: int | None = None
    tau: float | None = None
    formula: Msg | None = None
    single_figure: bool = False  # judged on one figure without a baseline (A, y, T, τ)

    def own(self, say: Say) -> list[tuple[str, Any]]:
        if self.single_figure:
            return [
                ("conversion", self.conversion),
                ("formula", _said(say, self.formula)),
                ("A", self.A),
                ("y", self.y),
                ("T", self.T),
                ("τ", self.tau),
            ]
        return [
            ("conversion", self.conversion),
            ("projection", _said(say, self.projection)),
            ("A", self.A),
            ("y", self.y),
            ("B", self.B),
            ("b", self.b),
            ("T", self.T),
            ("t", self.t),
            ("τ", self.tau),
            ("formula", _said(say, self.formula)),
        ]


@dataclass(slots=True)
class HoldComponents(Components):
    years_held: list[int] | None = None
    years_violated: list[int] | None = None
    years_missing: list[int] | None = None

    def own(self, say: Say) -> list[tuple[str, Any]]:
        return [
            ("years_held", self.years_held),
            ("years_violated", self.years_violated),
            ("years_missing", self.years_missing),
        ]


@dataclass(slots=True)
class GrowthComponents(Components):
    not_mixed: Msg | None = None  # nominal rates set aside
    derived: str | None = None  # the average from two levels, as a formula
    formula: Msg | None = None
    rates: dict[str, float] | None = None
    rates_from: tuple[Msg, ...] | None = None
    G: float | None = None
    T: float | None = None
    n: int | None = None
    years_missing: list[int] | None = None

    def own(self, say: Say) -> list[tuple[str, Any]]:
        return [
            ("not_mixed", _said(say, self.not_mixed)),
            ("derived", self.derived),
            ("formula", _said(say, self.formula)),
            ("rates", self.rates),
            (
                "rates_from",
                None
                if self.rates_from is None
                else " and ".join(say((m,)) for m in self.rates_from),
            ),  # as say_and does
            ("G", self.G),
            ("T", self.T),
            ("n", self.n),
            ("years_missing", self.years_missing),
        ]


@dataclass(slots=True)
class CompoundComponents(Components):
    years_missing: list[int] | None = None
    formula: Msg | None = None
    rates: dict[str, float] | None = None
    C: float | None = None
    T: float | None = None
    tau: float | None = None

    def own(self, say: Say) -> list[tuple[str, Any]]:
        return [
            ("years_missing", self.years_missing),
            ("formula", _said(say, self.formula)),
            ("rates", self.rates),
            ("C", self.C),
            ("T", self.T),
            ("τ", self.tau),
        ]


@dataclass(slots=True)
class CumulativeComponents(Components):
    source: Msg | None = None  # `from`: a cumulative figure, or the sum of yearly flows
    years_missing: list[int] | None = None
    formula: Msg | None = None
    sum: float | None = None
    T: float | None = None
    years_in_period: int | None = None
    tau: float | None = None

    def own(self, say: Say) -> list[tuple[str, Any]]:
        return [
            ("from", _said(say, self.source)),
            ("years_missing", self.years_missing),
            ("formula", _said(say, self.formula)),
            ("sum", self.sum),
            ("T", self.T),
            ("years_in_period", self.years_in_period),
            ("τ", self.tau),
        ]


@dataclass(frozen=True, slots=True)
class YearCompared:
    """One year of a relative target: both growth rates, and whether the relation held."""

    own: float
    reference: float
    satisfied: bool


@dataclass(slots=True)
class RelativeComponents(Components):
    relation: str | None = None
    tolerance_pp: float | None = None
    reference: str | None = None
    years: dict[str, YearCompared] | None = None
    years_missing: list[int] | None = None
    compared: bool = False  # relation, tolerance and reference set (relation may be None)

    def own(self, say: Say) -> list[tuple[str, Any]]:
        if not self.compared:
            return [("years_missing", self.years_missing)]
        years = (
            None
            if self.years is None
            else {
                y: {"own": c.own, "reference": c.reference, "satisfied": c.satisfied}
                for y, c in self.years.items()
            }
        )
        return [
            ("relation", self.relation),
            ("tolerance_pp", self.tolerance_pp),
            ("reference", self.reference),
            ("years", years),
            ("years_missing", self.years_missing),
        ]


@dataclass(slots=True)
class MilestoneComponents(Components):
    pass


FAMILY: dict[str, type[Components]] = {
    "level": LevelComponents,
    "multiple": LevelComponents,
    "change": LevelComponents,
    "hold": HoldComponents,
    "growth": GrowthComponents,
    "compound_change": CompoundComponents,
    "cumulative": CumulativeComponents,
    "relative": RelativeComponents,
    "milestone": MilestoneComponents,
}
