"""Units with Chinese magnitude prefixes: `1.13 万人` equals `11300 人`; `5‰` equals `0.5%`."""

from __future__ import annotations

from dataclasses import dataclass

# Longest prefixes first so that 万亿 is not read as 万 + 亿….
_PREFIXES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("十亿", 1e9),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
)

# Base units a prefix may not be split from (the prefix letters are part of the name).
_ATOMIC = frozenset({"千米", "千瓦", "千瓦时", "千克"})

KNOWN_BASES = frozenset(
    {
        "人", "人次", "元", "美元", "元/人", "美元/人", "吨", "标箱", "个", "家", "项", "场",
        "天", "年", "岁", "件", "座", "所", "张", "户", "套", "条", "处", "辆", "艘", "公里",
        "米", "平方米", "平方米/人", "平方公里", "亩", "公顷", "千瓦", "千瓦时", "吨标准煤",
        "微克/立方米", "立方米", "%", "‰", "百分点", "倍", "次", "床", "名", "位",
        "吨/万元", "吨标准煤/万元", "立方米/万元", "人/万人", "床/千人", "人/千人", "mbps",
        "gbps", "km", "小时", "分钟", "级", "批", "册", "部",
    }
)

PERCENT_BASES = frozenset({"%", "百分点", "‰"})

# Units that count whole things: a negative value in them is meaningless.
COUNT_BASES = frozenset(
    {
        "人", "人次", "个", "家", "项", "场", "件", "座", "所", "张", "户", "套", "条", "处",
        "辆", "艘", "次", "床", "名", "位", "批", "册", "部", "标箱",
    }
)


class UnitError(ValueError):
    """A unit string that cannot be understood or compared."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: `factor` × `base`, e.g. 亿元 = 1e8 × 元."""

    text: str
    base: str
    factor: float

    def compatible(self, other: Unit) -> bool:
        return self.base == other.base

    def convert(self, value: float, to: Unit) -> float:
        """Convert `value` in this unit to `to`; raises UnitError if incompatible."""
        if not self.compatible(to):
            raise UnitError(f"cannot compare {self.text!r} with {to.text!r}")
        return value * self.factor / to.factor


def parse_unit(text: str) -> Unit:
    """Parse a unit such as `万人`, `亿美元`, `%`, `平方米/人`.

    Unknown base units are accepted as they are (a dataset may count things we never
    heard of); only prefixes are interpreted, so `万艘` and `艘` still compare.
    """
    raw = text
    text = text.strip()
    if not text:
        raise UnitError("empty unit")
    if text == "‰":  # per mille is a tenth of a percent, never read as one
        return Unit(raw, "%", 0.1)
    if text.lower() in KNOWN_BASES or text in _ATOMIC:
        return Unit(raw, text.lower() if text.isascii() else text, 1.0)
    for prefix, factor in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix):]
            if rest in PERCENT_BASES:
                raise UnitError(f"a magnitude prefix cannot apply to {rest!r}")
            return Unit(raw, rest, factor)
    return Unit(raw, text, 1.0)


def is_percent(unit: str) -> bool:
    try:
        return parse_unit(unit).base in PERCENT_BASES
    except UnitError:
        return False


def is_count(unit: str) -> bool:
    try:
        return parse_unit(unit).base in COUNT_BASES
    except UnitError:
        return False
