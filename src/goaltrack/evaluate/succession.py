"""Plan succession: an indicator that `continues` one of an earlier plan (pure, no I/O).

The predecessor's figures are the successor's too (one record, read by both), and a successor
without a `baseline` takes the predecessor's figure for its plan's baseline year, chosen by
the usual selection rules (docs/format.md, "Plan succession").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.dataset import Dataset
from ..core.models import Actual, Baseline, Indicator, Plan
from .selection import AsOf, select


def lineage(ds: Dataset, ind: Indicator) -> list[Indicator]:
    """The indicator's predecessors, nearest first; stops at an unknown id or a cycle (which
    `check` reports)."""
    out: list[Indicator] = []
    seen = {ind.id}
    cur = ind
    while cur.continues is not None:
        pred = ds.indicators.get(cur.continues)
        if pred is None or pred.id in seen:
            break
        out.append(pred)
        seen.add(pred.id)
        cur = pred
    return out


def successors(ds: Dataset, ind_id: str) -> list[Indicator]:
    """The indicators that continue `ind_id` directly."""
    return [i for i in ds.indicators.values() if i.continues == ind_id]


def _as_successors(a: Actual, pred: Indicator, ind: Indicator) -> Actual:
    """A predecessor's figure read against the successor: the unit and scope it was recorded
    in are made explicit where the successor's differ (no record is changed)."""
    update: dict[str, object] = {}
    if a.unit is None and pred.unit != ind.unit:
        update["unit"] = pred.unit
    if a.scope is None and pred.scope != ind.scope:
        update["scope"] = pred.scope
    if not update:
        return a
    fields = {name: getattr(a, name) for name in Actual.model_fields} | update
    copy = Actual.model_construct(_fields_set=set(a.model_fields_set) | set(update), **fields)
    copy.locate(a.at_file, a.at_line)
    return copy


def figures(
    ds: Dataset, ind: Indicator, by_ind: dict[str, list[Actual]], after: int | None = None
) -> list[Actual]:
    """The figures of an indicator: its own and its predecessors'. With `after` (the
    successor plan's baseline year), only the predecessors' figures for later years: those
    up to the baseline year measure the earlier plan's period, never progress in this one
    (the baseline year's figure is the baseline, `inherited_baseline`)."""
    own = by_ind.get(ind.id, [])
    chain = lineage(ds, ind)
    if not chain:
        return own
    out = list(own)
    for pred in chain:
        out += [
            _as_successors(a, pred, ind)
            for a in by_ind.get(pred.id, [])
            if after is None or _year(a) > after
        ]
    return out


def _year(a: Actual) -> int:
    from ..core.periods import PeriodError, parse_period

    try:
        return parse_period(a.period).year
    except PeriodError:  # reported by check; such a figure is not read as a later one
        return 0


@dataclass(frozen=True, slots=True)
class Inherited:
    """A baseline taken from a predecessor's figure, and where it came from."""

    baseline: Baseline
    indicator: str  # the predecessor the figure was recorded against
    source: str
    period: str

    def as_dict(self) -> dict[str, str]:
        return {"indicator": self.indicator, "period": self.period, "source": self.source}


def inherited_baseline(
    ds: Dataset,
    ind: Indicator,
    plan: Plan,
    actuals: list[Actual],
    as_of: AsOf,
    vintage: str = "latest",
) -> Inherited | None:
    """The successor's baseline from its predecessors' level for the plan's baseline year:
    None when it has a baseline of its own, no predecessor, or no such figure (yet)."""
    if ind.baseline is not None or ind.continues is None:
        return None
    chain = {p.id for p in lineage(ds, ind)}
    inherited = [a for a in actuals if a.indicator in chain]
    point = select(ds, ind, inherited, as_of, vintage).series("level").get(plan.baseline_year)
    if point is None or point.value is None or point.partial:
        return None  # a baseline is a whole year's figure
    rec = next(
        (
            a
            for a in inherited
            if a.period == point.period
            and (a.source or "") == point.source
            and a.measure == "level"
        ),
        None,
    )
    b = Baseline.model_construct(
        year=plan.baseline_year,
        value=point.value,
        unit=None,
        operator="equal",
        source=point.source or None,
        quote=point.quote,
        notes=None,
    )
    return Inherited(b, rec.indicator if rec else "", point.source, point.period)


def with_baseline(ind: Indicator, b: Baseline) -> Indicator:
    """The indicator as evaluated, with an inherited baseline (the record is not changed)."""
    fields = {name: getattr(ind, name) for name in Indicator.model_fields} | {"baseline": b}
    copy = Indicator.model_construct(_fields_set=set(ind.model_fields_set) | {"baseline"}, **fields)
    copy.locate(ind.at_file, ind.at_line)
    return copy


# Target kinds whose asks compare, and what is compared: the pace a target asks for.
_GROUPS = {
    "growth": "growth",
    "compound_change": "compound",
    "cumulative": "cumulative",
    "level": "level",
    "multiple": "level",
    "change": "level",
    "hold": "hold",
}
Ambition = str  # "tighter" | "looser" | "unchanged" | "changed" | "new" | "dropped"


@dataclass(frozen=True, slots=True)
class Ask:
    """What a target asks, as one number that compares across plans: a yearly pace (growth
    %/yr, annualised compound change, yearly share of a cumulative total, yearly change of a
    level) or a bound (hold)."""

    group: str
    value: float | None  # None: it cannot be put as one number (no baseline, a milestone…)


def ask(
    kind: str,
    value: float | None,
    target_value: float | None,
    baseline_value: float | None,
    years: int | None,
) -> Ask:
    """The ask of a target (`value` as written in %, or `target_value`/`baseline_value` in
    the unit the comparison uses; `years` from the baseline year to the target year)."""
    group = _GROUPS.get(kind, kind)
    if not years or years <= 0:
        return Ask(group, None)
    if group == "growth":
        return Ask(group, value)
    if group == "compound" and value is not None and value > -100:
        return Ask(group, ((1 + value / 100) ** (1 / years) - 1) * 100)
    if group == "cumulative" and target_value is not None:
        return Ask(group, target_value / years)
    if group == "level" and target_value is not None and baseline_value is not None:
        return Ask(group, (target_value - baseline_value) / years)
    if group == "hold":
        return Ask(group, target_value)
    return Ask(group, None)


def ambition(before: Ask | None, after: Ask | None, direction: str) -> Ambition:
    """How the successor's ask compares with the predecessor's, for an indicator where
    `direction` is better."""
    if before is None:
        return "new"
    if after is None:
        return "dropped"
    if before.group != after.group or before.value is None or after.value is None:
        return "changed"  # different kinds of promise, or not one number: not ranked
    a, b = before.value, after.value
    if abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)):
        return "unchanged"
    if direction == "neither":
        return "changed"
    asks_more = b > a if direction == "higher" else b < a
    return "tighter" if asks_more else "looser"
