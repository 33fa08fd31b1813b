"""Does a figure agree with the number in its own quote? (`check`: quote-value, percent-fraction)

The quote's numbers are read with their units by the extractor's parser and compared with
the value after unit conversion (1.13万人 agrees with 11300 人; 下降2.1% with growth -2.1).
Only Arabic numerals are read here: Chinese numerals (翻一番, 排名第三) are left alone, so a
quote without a readable number is never a finding.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from ..core.units import is_percent

if TYPE_CHECKING:
    from ..core.numbers import Number

Agreement = Literal["agrees", "fraction", "disagrees", "unreadable"]


def _close(a: float, b: float) -> bool:
    return abs(abs(a) - abs(b)) <= 1e-6 * max(1.0, abs(a), abs(b))


def plainly_quoted(value: float, quote: str) -> bool:
    """The value stands in its quote as written (and is not a fraction that could be a %
    slip): no need to parse the quote."""
    if -1 < value < 1:
        return False
    written = repr(abs(float(value)))
    return _written_in(written[:-2] if written.endswith(".0") else written, quote)


def _written_in(number: str, quote: str) -> bool:
    """`number` stands in `quote` as a whole number (5 in 增长5%, not in 5300 or 2.5)."""
    if "e" in number:
        return False
    i = quote.find(number)
    while i >= 0:
        before = quote[i - 1 : i]
        after = quote[i + len(number) : i + len(number) + 2]
        if not (before.isdigit() or (before and before in ".,")) and not (
            after[:1].isdigit() or (after[:1] in ".," and after[1:2].isdigit())
        ):
            return True
        i = quote.find(number, i + 1)
    return False


def _readings(n: Number, unit: str, growth: bool) -> list[float]:
    out = [n.value]
    converted = n.in_unit(unit)
    if converted is not None:
        out.append(converted)
    if growth and n.unit == "倍":
        out.append(n.value * 100)
    return out


def quote_agreement(value: float, unit: str, quote: str, growth: bool = False) -> Agreement:
    """How `value` (in `unit`; % for growth) relates to the numbers of `quote`."""
    if plainly_quoted(value, quote):
        return "agrees"  # the common case, without parsing (a check runs on every figure)
    nums = [n for n in _numbers(quote) if n.unit or n.value]
    if not nums:
        return "unreadable"
    if any(_close(r, value) for n in nums for r in _readings(n, unit, growth)):
        return "agrees"
    if (
        (growth or is_percent(unit))
        and 0 < abs(value) < 1
        and any(n.unit == "%" and _close(n.value, value * 100) for n in nums)
    ):
        return "fraction"
    if not any(n.unit for n in nums):
        return "unreadable"  # bare numbers (a ratio 6.5:40.8) say nothing about the unit
    return "disagrees"


def percent_as_fraction(value: float, unit: str, quote: str) -> bool:
    """A % value below 1 whose quote gives it ×100 (0.045 for 4.5%)."""
    if not is_percent(unit) or not 0 < abs(value) < 1:
        return False
    nums = _numbers(quote)
    return any(n.unit == "%" and _close(n.value, value * 100) for n in nums) and not any(
        n.unit == "%" and _close(n.value, value) for n in nums
    )


def _numbers(quote: str) -> list[Number]:
    """The numbers of a quote as a reader sees it (a zero-width space inside 3.9% is not
    a break), without those too large to be figures."""
    import re

    from ..core.numbers import find_numbers  # imported only when a quote is parsed
    from ..core.scan import INVISIBLE

    visible = re.sub(f"[{INVISIBLE}]", "", quote)
    return [n for n in find_numbers(visible, chinese=False) if not n.too_large]


_RATE_AFTER = ("%", "％", "‰", "个百分点", "百分点", "倍")
# A yearly rate below -100 % is impossible (more than all of it lost); one above this is
# far outside any rate a plan's indicator reports (a level mistaken for a rate).
PLAUSIBLE_RATE = (-100.0, 1000.0)


def implausible_rate(value: float) -> bool:
    """`value` cannot be a yearly growth rate in %."""
    low, high = PLAUSIBLE_RATE
    return value <= low or value > high


def level_unit_in_quote(value: float, quote: str) -> str | None:
    """The level unit the quote gives `value` in (亿元 for 90131 in "生产总值为90131亿元"), or
    None when the quote gives it as a rate (%, 个百分点, 倍), without a unit, or not at all."""
    written = repr(abs(float(value)))
    number = written[:-2] if written.endswith(".0") else written
    if not _written_in(number, quote):
        return None  # cheap: most growth figures' quotes do not hold the value as a level
    units = [n.unit for n in _numbers(quote) if _close(n.value, value)]
    if not units or any(u in _RATE_AFTER for u in units):
        return None
    levels = [u for u in units if u and not is_percent(u)]
    return levels[0] if levels else None


_ARITH = re.compile(r"[^0-9.+\-*/×÷()]")
_OPS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def derived_value(derivation: str) -> float | None:
    """The value an actual's `derived` arithmetic gives ("85 + 4.4 points" → 89.4); words
    are ignored, and None when it is not plain arithmetic (then it is read, not computed)."""
    left = derivation.split("=", 1)[0]
    expr = _ARITH.sub(" ", left).replace("×", "*").replace("÷", "/").strip()
    if not expr or len(expr) > 200:
        return None
    try:
        tree = ast.parse(expr, mode="eval")
        return _eval(tree.body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, RecursionError):
        return None


def _eval(node: ast.expr) -> float:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        v = _eval(node.operand)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.left), _eval(node.right))
    raise ValueError("not arithmetic")


def derivation_agrees(value: float, derivation: str) -> bool | None:
    """Does `derived` give `value`? None when it cannot be computed."""
    got = derived_value(derivation)
    return None if got is None else _close(got, value) and (got >= 0) == (value >= 0)
