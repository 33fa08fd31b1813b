"""Every value in the indicator's unit before any comparison (docs/method.md, "Units").

A target's `value`, `low`, `high` and `tolerance` are written in the target's `unit`, a
baseline in its own `unit`, an actual in its own: the engine compares none of them until they
are converted here. Growth rates and compound changes are in % (‰ converted); a `multiple`
is a factor and has no unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .describe import fmt_num
from .models import Actual, Indicator, Target
from .units import UnitError, parse_unit

PERCENT_KINDS = frozenset({"growth", "compound_change"})
UNIT_KINDS = frozenset({"level", "hold", "cumulative", "change"})


def same_value(a: float, b: float) -> bool:
    """Two values in one unit that are the same figure (they differ only by rounding error):
    what makes two records of one figure a duplicate, not a conflict."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def value_in(value: float, unit: str | None, to: str) -> float:
    """`value` written in `unit` (None: already in `to`), converted to `to`."""
    if unit is None or unit == to:
        return value
    return parse_unit(unit).convert(value, parse_unit(to))


def percent(value: float, unit: str | None) -> float:
    """A rate in %: ‰ is converted; 百分点 (percentage points) reads as %."""
    if unit is None or parse_unit(unit).base != "%":
        return value
    return value_in(value, unit, "%")


@dataclass(frozen=True, slots=True)
class TargetValues:
    """A target's numbers in the unit its comparisons use (the indicator's, or %)."""

    value: float | None
    low: float | None
    high: float | None
    tolerance: float | None
    note: tuple[str, ...] = ()  # the conversions, shown with the verdict; () when none


def points_as_percent(t: Target, ind: Indicator) -> bool:
    """A `change` in 百分点 on an indicator in % or ‰ (提高2个百分点): a difference of two
    rates, read as % (2 points on a ‰ indicator are 20‰)."""
    if t.kind != "change" or t.unit is None:
        return False
    try:
        return parse_unit(t.unit).base == "百分点" and parse_unit(ind.unit).base == "%"
    except UnitError:
        return False


def target_values(t: Target, ind: Indicator) -> TargetValues:
    written = "%" if points_as_percent(t, ind) else t.unit
    if t.kind in PERCENT_KINDS:
        to = "%"
    elif t.kind in UNIT_KINDS:
        to = ind.unit
    else:
        return TargetValues(t.value, t.low, t.high, t.tolerance)

    def conv(v: float | None) -> float | None:
        if v is None:
            return None
        return (
            percent(v, written)
            if to == "%" and t.kind in PERCENT_KINDS
            else value_in(v, written, to)
        )

    try:
        out = TargetValues(conv(t.value), conv(t.low), conv(t.high), conv(t.tolerance))
    except UnitError:  # `check` reports it; the dataset is refused before evaluation
        return TargetValues(t.value, t.low, t.high, t.tolerance)
    if written is None or written == to or out == TargetValues(t.value, t.low, t.high, t.tolerance):
        return out
    pairs = [
        (a, b)
        for a, b in ((t.value, out.value), (t.low, out.low), (t.high, out.high))
        if a is not None and b is not None
    ]
    note = tuple(f"{fmt_num(a)} {t.unit} = {fmt_num(b)} {to}" for a, b in pairs)
    return TargetValues(out.value, out.low, out.high, out.tolerance, note)


def baseline_value(ind: Indicator) -> float | None:
    """The baseline in the indicator's unit; None if it has none (or an unreadable unit)."""
    b = ind.baseline
    if b is None:
        return None
    try:
        return value_in(b.value, b.unit, ind.unit)
    except UnitError:
        return None


def units_note(tv: TargetValues, ind: Indicator) -> tuple[str, ...]:
    """The conversions behind a verdict, one note each: target and baseline as written → as
    used."""
    notes = list(tv.note)
    b, value = ind.baseline, baseline_value(ind)
    if b is not None and b.unit is not None and b.unit != ind.unit and value is not None:
        notes.append(f"baseline {fmt_num(b.value)} {b.unit} = {fmt_num(value)} {ind.unit}")
    return tuple(notes)


def actual_value(a: Actual, unit: str) -> float | None:
    """The actual's value converted into `unit`; growth in %."""
    if a.value is None or a.measure == "milestone":
        return None
    try:
        if a.measure == "growth":
            return percent(a.value, a.unit)
        return value_in(a.value, a.unit, unit)
    except UnitError:
        return None
