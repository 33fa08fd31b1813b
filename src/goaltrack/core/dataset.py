"""The loaded dataset: plans, indicators, sources and actuals with their indexes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .models import Actual, Indicator, Plan, Source, UnitDef


@dataclass(slots=True)
class Dataset:
    plans: dict[str, Plan] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    actuals: list[Actual] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    root: str = ""
    # Records written but not loaded because they are invalid, per section ("indicators"…):
    # their ids ("" for records without one). Counted in summaries, and references to them
    # are not reported again as unknown.
    invalid: dict[str, list[str]] = field(default_factory=dict)
    units: dict[str, UnitDef] = field(default_factory=dict)  # the dataset's own ([[units]])

    def is_invalid(self, section: str, ref: str | None) -> bool:
        return bool(ref) and ref in self.invalid.get(section, ())

    def by_indicator(self) -> dict[str, list[Actual]]:
        out: dict[str, list[Actual]] = defaultdict(list)
        for a in self.actuals:
            out[a.indicator].append(a)
        return dict(out)

    def indicator_names(self) -> dict[str, list[str]]:
        """Each indicator's names and aliases, by id (what a "did you mean" also matches)."""
        return {i.id: [i.name, i.name_en or "", *i.aliases] for i in self.indicators.values()}

    def plan_of(self, ind: Indicator) -> Plan | None:
        return self.plans.get(ind.plan or "")
