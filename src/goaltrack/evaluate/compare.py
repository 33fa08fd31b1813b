"""Comparing a value with a target's bound: which way is better, and whether it is met."""

from __future__ import annotations

from ..normalise import TargetValues


def better_direction(op: str, direction: str) -> str:
    """Which way is better for this target: the operator says it, else the indicator."""
    if op in ("at_least", "more_than"):
        return "higher"
    if op in ("at_most", "less_than"):
        return "lower"
    return direction


def meets(value: float, op: str, tv: TargetValues, direction: str = "neither") -> bool:
    """Whether `value` satisfies the target's operator (all in the same unit).

    `about` (左右) tolerates a small shortfall; beyond the target in the better direction
    it is met too (降至12%左右 is met by 11%); so is `between` (5—10 家 is met by 12 where
    higher is better).
    """
    if op == "between":
        assert tv.low is not None and tv.high is not None
        low, high = tv.low - 1e-9, tv.high + 1e-9
        if direction == "higher":
            return value >= low
        if direction == "lower":
            return value <= high
        return low <= value <= high
    assert tv.value is not None
    t = tv.value
    if op == "at_least":
        return value >= t - 1e-9 * max(1.0, abs(t))
    if op == "more_than":
        return value > t
    if op == "at_most":
        return value <= t + 1e-9 * max(1.0, abs(t))
    if op == "less_than":
        return value < t
    if op == "about":
        tol = about_tolerance(tv, t) + 1e-9
        if direction == "higher":
            return value >= t - tol
        if direction == "lower":
            return value <= t + tol
        return abs(value - t) <= tol
    return abs(value - t) <= 1e-9 * max(1.0, abs(t))  # equal


def about_tolerance(tv: TargetValues, t: float) -> float:
    return tv.tolerance if tv.tolerance is not None else abs(t) * 0.05


def asks_for_movement(op: str, t: float) -> bool:
    """Whether a rate target asks for movement away from no change (progress can be
    measured), rather than setting a bound that no change already keeps (年均下降不超过2%,
    增长不超过3%, 不下降): those are bounds to keep, met or broken."""
    if op in ("at_least", "more_than"):
        return t > 0
    if op in ("at_most", "less_than"):
        return t < 0
    return op == "about" and t != 0
