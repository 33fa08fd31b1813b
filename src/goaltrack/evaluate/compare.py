"""Comparing a value with a target's bound: which way is better, and whether it is met."""

from __future__ import annotations

from ..core.normalise import TargetValues


def better_direction(op: str, direction: str) -> str:
    """Which way is better for this target: the operator says it, else the indicator."""
    if op in ("at_least", "more_than"):
        return "higher"
    if op in ("at_most", "less_than"):
        return "lower"
    return direction


# Figures carry one or two decimals and arithmetic on them carries float noise (8.3 − 7.8 =
# 0.5000000000000009): every comparison of the engine goes through `geq`/`leq`/`close`, which
# treat values within this relative tolerance as equal.
REL_TOL = 1e-9


def _slack(a: float, b: float) -> float:
    return REL_TOL * max(1.0, abs(a), abs(b))


def close(a: float, b: float) -> bool:
    """a and b equal up to float noise."""
    return abs(a - b) <= _slack(a, b)


def geq(a: float, b: float) -> bool:
    """a ≥ b, a value equal to b up to float noise counting as equal."""
    return a >= b - _slack(a, b)


def leq(a: float, b: float) -> bool:
    """a ≤ b, a value equal to b up to float noise counting as equal."""
    return a <= b + _slack(a, b)


def gt(a: float, b: float) -> bool:
    """a > b strictly: a value equal to b up to float noise is not more than b."""
    return not leq(a, b)


def lt(a: float, b: float) -> bool:
    return not geq(a, b)


def meets(value: float, op: str, tv: TargetValues, direction: str = "neither") -> bool:
    """Whether `value` satisfies the target's operator (all in the same unit).

    `about` (左右) tolerates a small shortfall; beyond the target in the better direction
    it is met too (降至12%左右 is met by 11%); so is `between` (5—10 家 is met by 12 where
    higher is better). Boundaries are exact up to float noise (`geq`, `leq`).
    """
    if op == "between":
        assert tv.low is not None and tv.high is not None
        low, high = tv.low, tv.high
        if direction == "higher":
            return geq(value, low)
        if direction == "lower":
            return leq(value, high)
        return geq(value, low) and leq(value, high)
    assert tv.value is not None
    t = tv.value
    if op == "at_least":
        return geq(value, t)
    if op == "more_than":
        return gt(value, t)
    if op == "at_most":
        return leq(value, t)
    if op == "less_than":
        return lt(value, t)
    if op == "about":
        tol = about_tolerance(tv, t)
        if direction == "higher":
            return geq(value + tol, t)
        if direction == "lower":
            return leq(value - tol, t)
        return leq(abs(value - t), tol)
    return close(value, t)  # equal


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
