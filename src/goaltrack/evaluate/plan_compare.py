"""A plan beside its successor, indicator by indicator (pure: typed rows for the renderers).

Each row pairs a predecessor's target with the successor's target of the same kind on the
indicator that `continues` it: the predecessor's verdict and outcome, and the change in
ambition as the pace each target asks (succession.ask). Indicators without a successor are
`dropped`, successors without a predecessor in the plan are `new`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.dataset import Dataset
from ..core.models import Indicator, Target
from ..core.normalise import target_values, value_in
from ..core.units import UnitError
from . import Evaluation
from .succession import Ask, ambition, ask, lineage


@dataclass(frozen=True, slots=True)
class ComparedTarget:
    before: Evaluation | None  # the predecessor's target, judged
    after: Evaluation | None  # the successor's target, judged
    before_ask: Ask | None
    after_ask: Ask | None
    ambition: str  # tighter | looser | unchanged | changed | new | dropped
    unit: str  # the unit both asks are in


def _ask(ds: Dataset, e: Evaluation, unit: str) -> Ask:
    """A judged target's ask, in `unit` (the successor's) where the kind has a unit."""
    ind = ds.indicators[e.indicator]
    t: Target = ind.targets[e.target_index]
    years = (
        e.target_year - e.baseline_year
        if e.target_year is not None and e.baseline_year is not None
        else None
    )
    try:
        tv = value_in(e.target_value, ind.unit, unit) if e.target_value is not None else None
        bv = value_in(e.baseline_value, ind.unit, unit) if e.baseline_value is not None else None
    except UnitError:
        tv = bv = None
    return ask(t.kind, target_values(t, ind).value, tv, bv, years)


Pair = tuple[Evaluation | None, Evaluation | None]


def _pair(before: list[Evaluation], after: list[Evaluation]) -> list[Pair]:
    """Targets paired by kind, in order; the rest alone."""
    left = list(before)
    out: list[Pair] = []
    for a in after:
        group = ask(a.kind, None, None, None, 1).group
        match = next((b for b in left if ask(b.kind, None, None, None, 1).group == group), None)
        if match is not None:
            left.remove(match)
        out.append((match, a))
    out += [(b, None) for b in left]
    return out


def compare_plans(
    ds: Dataset, evaluations: list[Evaluation], before_plan: str, after_plan: str
) -> list[ComparedTarget]:
    judged: dict[str, list[Evaluation]] = {}
    for e in evaluations:
        if e.kind != "tracked":
            judged.setdefault(e.indicator, []).append(e)
    after_inds = sorted(
        (i for i in ds.indicators.values() if i.plan == after_plan),
        key=lambda i: (i.category, i.id),
    )
    continued: set[str] = set()
    rows: list[ComparedTarget] = []
    for ind in after_inds:
        pred: Indicator | None = next((p for p in lineage(ds, ind) if p.plan == before_plan), None)
        if pred is not None:
            continued.add(pred.id)
        pairs = _pair(judged.get(pred.id, []) if pred else [], judged.get(ind.id, []))
        for b, a in pairs:
            b_ask = _ask(ds, b, ind.unit) if b is not None else None
            a_ask = _ask(ds, a, ind.unit) if a is not None else None
            rows.append(
                ComparedTarget(b, a, b_ask, a_ask, ambition(b_ask, a_ask, ind.direction), ind.unit)
            )
    for ind in sorted(
        (i for i in ds.indicators.values() if i.plan == before_plan),
        key=lambda i: (i.category, i.id),
    ):
        if ind.id in continued:
            continue
        for b in judged.get(ind.id, []):
            rows.append(ComparedTarget(b, None, _ask(ds, b, ind.unit), None, "dropped", ind.unit))
    return rows
