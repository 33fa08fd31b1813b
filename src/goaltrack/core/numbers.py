"""Numbers with their units in Chinese text: 8752.9亿元, 1,234家, 4.5%, 百分之四点五, 两千人.

Arabic numerals are read here; Chinese numerals are read by `cn2an` (see docs/extract.md for
why). A magnitude (万, 亿) after a number is kept in the unit, as the data format writes it
(`1.13` `万人`), and converted only when compared with an indicator's unit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .units import UnitError, parse_unit

_PREFIX = "万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千"
# Longest first; a spelling → the unit's name in the data format.
_BASES: dict[str, str] = {
    "微克/立方米": "微克/立方米",
    "吨标准煤": "吨标准煤",
    "万标准箱": "万标箱",
    "标准箱": "标箱",
    "TEU": "标箱",
    "个百分点": "百分点",
    "百分点": "百分点",
    "平方公里": "平方公里",
    "平方米": "平方米",
    "立方米": "立方米",
    "千瓦时": "千瓦时",
    "千瓦": "千瓦",
    "千米": "千米",
    "公里": "公里",
    "次/秒": "次/秒",
    "美元": "美元",
    "人次": "人次",
    "标箱": "标箱",
    "公顷": "公顷",
    "小时": "小时",
    "元": "元",
    "人": "人",
    "吨": "吨",
    "米": "米",
    "亩": "亩",
    "家": "家",
    "个": "个",
    "项": "项",
    "户": "户",
    "套": "套",
    "座": "座",
    "起": "起",
    "名": "名",
    "位": "位",
    "件": "件",
    "所": "所",
    "条": "条",
    "处": "处",
    "辆": "辆",
    "艘": "艘",
    "张": "张",
    "床": "床",
    "场": "场",
    "倍": "倍",
    "天": "天",
    "岁": "岁",
    "批": "批",
    "部": "部",
    "台": "台",
    "%": "%",
    "‰": "‰",
}
_BASE_RX = "|".join(re.escape(b) for b in sorted(_BASES, key=len, reverse=True))
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Atomic: a number, once read, is never re-read shorter (backtracking into a digit run from
# every position made the scan quadratic in the run's length).
_ARABIC = r"(?>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_CHINESE = rf"[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?"
_UNIT_RX = rf"(?P<unit>(?:{_PREFIX})?(?:{_BASE_RX})|(?:{_PREFIX})(?![{_CN_DIGITS}]))?"


@lru_cache(maxsize=2)
def _number_rx(chinese: bool) -> re.Pattern[str]:
    """Compiled on first use (~20 ms): `check` parses a quote only when the value is not
    plainly written in it."""
    num = f"{_ARABIC}|{_CHINESE}" if chinese else _ARABIC
    return re.compile(rf"(?P<pct>百分之)?(?P<num>{num})(?P<approx>余|多)?{_UNIT_RX}")


# 8,430亿9,000万元 (an amount in 亿 and 万, as Japanese and some Chinese texts write it);
# tried only where a number starts, so a digit run is read once, not once per digit.
_COMPOUND = re.compile(rf"(?<![\d,.])(?P<a>{_ARABIC})亿(?P<b>{_ARABIC})万(?P<base>{_BASE_RX})")
# No figure has more digits before the point (10^15 of a unit; a 15-digit figure is already
# a thousand trillion), nor a Chinese numeral more characters: longer ones are not read.
MAX_DIGITS = 15
MAX_NUMERAL = 40
_FOLD = str.maketrans({"億": "亿", "萬": "万", "％": "%"})
_DATE_AFTER = re.compile(r"(?:年|月|日|号|季度|时|周岁|届|版|世纪)")
_PREFIX_FACTOR = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
}


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written: `value` in `unit` (the data format's spelling; "" when none)."""

    value: float
    unit: str
    start: int  # of the whole match (百分之… included)
    end: int
    num_start: int
    approx: bool = False  # 余 / 多: "more than"
    bare_prefix: bool = False  # "76.7亿": a magnitude without a base unit
    chinese: bool = False
    too_large: bool = False  # more than MAX_DIGITS digits (or MAX_NUMERAL): value is inf

    def in_unit(self, target: str) -> float | None:
        """The value converted into `target` (a unit of the data format), None if it
        cannot be; a bare magnitude takes the target's base, a unit-less number stays."""
        if not self.unit:
            return None
        try:
            to = parse_unit(target)
            if self.bare_prefix:
                return self.value * _PREFIX_FACTOR[self.unit] / to.factor
            src = parse_unit(self.unit)
            if self.unit == "倍" and to.base == "%":
                return self.value * 100  # 增长1.5倍 = +150%
            return src.convert(self.value, to)
        except (UnitError, KeyError):
            return None


@lru_cache(maxsize=1)
def _cn2an() -> object:
    import cn2an  # type: ignore[import-untyped]  # only Chinese numerals need it

    return cn2an


def chinese_value(text: str) -> float | None:
    """A Chinese numeral's value (二〇二三 → 2023, 三点五 → 3.5), None if not one or
    longer than MAX_NUMERAL (cn2an's time grows with the square of the length)."""
    if len(text) > MAX_NUMERAL:
        return None
    mod = _cn2an()
    try:
        v = float(mod.cn2an(text, "smart"))  # type: ignore[attr-defined]
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def arabic_value(text: str) -> float | None:
    """The value of 8,752.9 or 1234; None if it has more than MAX_DIGITS digits before the
    point (not a figure, and 400 of them overflow a float)."""
    whole = text.partition(".")[0].replace(",", "")
    if len(whole.lstrip("0")) > MAX_DIGITS:
        return None
    return float(text.replace(",", ""))


def find_numbers(text: str, chinese: bool = True) -> list[Number]:
    """Every number in `text` that is a quantity: dates, ordinals (except 排名第N), codes
    such as PM2.5 or 5G, and single Chinese digits without a unit are left out. Without
    `chinese`, Chinese numerals are skipped (cn2an is not imported)."""
    text = text.translate(_FOLD)  # one character for one: positions stay
    out = _compounds(text)
    taken = [(n.start, n.end) for n in out]  # in order, not overlapping
    k = 0  # the first compound not yet passed: both scans go left to right
    for m in _number_rx(chinese).finditer(text):
        while k < len(taken) and taken[k][1] <= m.start():
            k += 1
        if k < len(taken) and taken[k][0] <= m.start():
            continue
        n = _quantity(text, m)
        if n is not None:
            out.append(n)
    return sorted(out, key=lambda n: n.start)


def _compounds(text: str) -> list[Number]:
    """8752亿9000万-style numbers, read first: the plain scan must not split them."""
    out = []
    for m in _COMPOUND.finditer(text):
        a, b = arabic_value(m["a"]), arabic_value(m["b"])
        both, large = (a + b / 1e4, False) if a is not None and b is not None else (math.inf, True)
        out.append(
            Number(
                both, "亿" + _normal_unit(m["base"]), m.start(), m.end(), m.start(), too_large=large
            )
        )
    return out


def _not_a_quantity(text: str, m: re.Match[str], num: str, unit: str, ordinal: bool) -> bool:
    """A code (PM2.5, 5G, R2), a date (2024年, 一季度), the first of a range (1-10月), or a
    Chinese numeral without a unit (一带一路, 十大)."""
    s, e = m.start("num"), m.end()
    after = text[e : e + 2]
    if num[0].isdigit():
        if (
            s > 0 and ((text[s - 1].isascii() and text[s - 1].isalpha()) or text[s - 1] in ".")
        ) or (after[:1].isascii() and after[:1].isalpha()):
            return True
    elif not unit and not ordinal:
        return True
    if not unit and _DATE_AFTER.match(text, m.end("num")):
        return True
    return bool(not unit and re.match(r"\s*[-~至]\s*\d", text[m.end("num") : m.end("num") + 3]))


def _quantity(text: str, m: re.Match[str]) -> Number | None:
    """The number matched at `m`, or None when it is not a quantity."""
    num, unit = m["num"], m["unit"] or ""
    if m["pct"]:
        if unit:
            return None
        unit = "%"
    s = m.start("num")
    before = text[max(0, s - 3) : s]
    ordinal = before.endswith("第")
    if ordinal and not before.endswith("排名第") and not before.endswith("居第"):
        return None
    if _not_a_quantity(text, m, num, unit, ordinal):
        return None
    chinese = not num[0].isdigit()
    if chinese:
        if unit in ("万", "亿", "千") and len(num) == 1:
            return None
        read = chinese_value(num)
        if read is None and len(num) <= MAX_NUMERAL:
            return None
    else:
        read = arabic_value(num)
    value = math.inf if read is None else read  # too large: kept, so that it is said
    if ordinal:
        unit = unit or "位"
    bare = unit in _PREFIX_FACTOR
    if not bare:
        unit = _normal_unit(unit)
    return Number(
        value, unit, m.start(), m.end(), s, bool(m["approx"]), bare, chinese, read is None
    )


_BY_LENGTH = sorted(_BASES, key=len, reverse=True)


@lru_cache(maxsize=256)
def _normal_unit(unit: str) -> str:
    for spelling in _BY_LENGTH:
        if unit.endswith(spelling):
            return unit[: len(unit) - len(spelling)] + _BASES[spelling]
    return unit
