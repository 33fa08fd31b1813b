"""Units with Chinese magnitude prefixes: `1.13 万人` equals `11300 人`; `5‰` equals `0.5%`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

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
        # Counted things and rates found in plans and bulletins.
        "起", "例", "份", "台", "架", "只", "头", "株", "棵", "本", "篇", "门", "间", "栋",
        "千克", "千瓦时/万元", "次/秒", "元/平方米", "元/吨", "人/平方公里", "吨/人",
        "美元/吨", "立方米/秒", "月", "周",
    }
)

# Other names of a known base, accepted as the same unit (万标准箱 is 万标箱).
ALIASES: dict[str, str] = {
    "标准箱": "标箱", "teu": "标箱", "千米": "公里", "平方千米": "平方公里", "公斤": "千克",
}

# Words that are not units here but are close to one: suggested, never accepted, since a
# silent guess could compare unlike figures.
_LOOKALIKES: dict[str, str] = {
    "美金": "美元", "人民币": "元", "元人民币": "元", "块": "元", "箱": "标箱",
    "集装箱": "标箱", "人口": "人", "百分比": "%", "％": "%", "个百分点": "百分点",
    "公里/小时": "公里", "平米": "平方米", "平方": "平方米", "人次数": "人次",
}

# What a magnitude alone most likely meant, for the "did you mean".
_BARE_PREFIX: dict[str, tuple[str, ...]] = {
    "万": ("万人", "万元"), "亿": ("亿元", "亿美元"), "万亿": ("万亿元",),
    "千": ("千人", "千元"),
}

PERCENT_BASES = frozenset({"%", "百分点", "‰"})

# Units that count whole things: a negative value in them is meaningless.
COUNT_BASES = frozenset(
    {
        "人", "人次", "个", "家", "项", "场", "件", "座", "所", "张", "户", "套", "条", "处",
        "辆", "艘", "次", "床", "名", "位", "批", "册", "部", "标箱",
    }
)


class UnitError(ValueError):
    """A unit string that cannot be understood or compared; `suggestions` for a hint."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions

    @property
    def hint(self) -> str:
        if self.suggestions:
            return "did you mean " + " / ".join(self.suggestions) + "?"
        return ("a unit is an optional magnitude (万, 亿, …) and a base unit (人, 元, 美元, "
                "吨, 家, %, …): the list is in docs/format.md, Units")


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
    if text.lower() in KNOWN_BASES or text in _ATOMIC or text.lower() in ALIASES:
        base = text.lower() if text.isascii() else text
        return Unit(raw, ALIASES.get(base, base), 1.0)
    for prefix, factor in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix):]
            if rest in PERCENT_BASES:
                raise UnitError(f"a magnitude prefix cannot apply to {rest!r}")
            return Unit(raw, ALIASES.get(rest.lower() if rest.isascii() else rest, rest), factor)
    return Unit(raw, text, 1.0)


@lru_cache(maxsize=1024)
def check_unit(text: str) -> Unit:
    """Parse a unit written in a data file: unlike `parse_unit`, an unknown base is an error.

    Where a unit is defined is where a typo must be caught: `亿` alone or `亿美金` would
    otherwise be accepted and fail, or compare wrongly, at every figure that uses it.
    """
    unit = parse_unit(text)
    base = unit.base.lower() if unit.base.isascii() else unit.base
    if base in KNOWN_BASES:
        return unit
    stripped = text.strip()
    if stripped in _BARE_PREFIX or any(stripped == p for p, _ in _PREFIXES):
        raise UnitError(f"{stripped!r} is a magnitude without a unit",
                        _BARE_PREFIX.get(stripped, (stripped + "元", stripped + "人")))
    prefix = stripped[: len(stripped) - len(unit.base)] if unit.factor != 1.0 else ""
    raise UnitError(f"unknown unit {stripped!r}", _suggest(prefix, unit.base))


def _suggest(prefix: str, base: str) -> tuple[str, ...]:
    if base in _LOOKALIKES:
        return (prefix + _LOOKALIKES[base],)
    names = sorted(KNOWN_BASES | set(ALIASES))
    close = difflib.get_close_matches(base, names, n=2, cutoff=0.5)
    return tuple(prefix + ALIASES.get(c, c) for c in close)


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
