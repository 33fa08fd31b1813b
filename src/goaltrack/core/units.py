"""Units, compositional: `1.13 万人` equals `11300 人`, `5‰` equals `0.5%`, `GW` is
`100 万千瓦`, `件/万人` is `件` per 10 000 `人`.

A unit is a term or a ratio of two terms (`吨二氧化碳/万元`); a term is an optional Chinese
magnitude (万, 亿, …) and a base unit, or an SI symbol with its prefix (`kW`, `GW`). Base units
belong to families (mass, power, area, a count of 件, …): units of one family convert, units of
two never compare. A dataset may declare base units of its own (`[[units]]`, docs/format.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from .suggest import close_ids, suggestion

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

MAGNITUDES = tuple(p for p, _ in _PREFIXES)

# Families whose base units convert: name → (what it measures, {base: factor to the first}).
# The first base is the family's reference; a unit's `base` is written in references.
_FAMILIES: dict[str, tuple[str, dict[str, float]]] = {
    "吨": ("a mass", {"吨": 1.0, "千克": 1e-3, "克": 1e-6, "毫克": 1e-9, "微克": 1e-12}),
    "吨二氧化碳": ("a mass of CO₂", {"吨二氧化碳": 1.0, "千克二氧化碳": 1e-3}),
    "吨标准煤": ("energy in coal equivalent", {"吨标准煤": 1.0, "千克标准煤": 1e-3}),
    "千瓦": (
        "a power",
        {
            "千瓦": 1.0,
            "瓦": 1e-3,
            "W": 1e-3,
            "kW": 1.0,
            "MW": 1e3,
            "GW": 1e6,
            "TW": 1e9,
            "兆瓦": 1e3,
            "吉瓦": 1e6,
        },
    ),
    "千瓦时": (
        "an energy",
        {"千瓦时": 1.0, "瓦时": 1e-3, "Wh": 1e-3, "kWh": 1.0, "MWh": 1e3, "GWh": 1e6, "TWh": 1e9},
    ),
    "米": ("a length", {"米": 1.0, "公里": 1e3, "km": 1e3}),
    "平方米": ("an area", {"平方米": 1.0, "平方公里": 1e6, "公顷": 1e4, "亩": 1e4 / 15}),
    "立方米": ("a volume", {"立方米": 1.0}),
    "秒": ("a duration", {"秒": 1.0, "分钟": 60.0, "小时": 3600.0, "天": 86400.0, "周": 604800.0}),
    # A month is not a fixed number of days: calendar time converts only with years.
    "年": ("calendar time", {"年": 1.0, "月": 1 / 12}),
    "元": ("an amount in 元", {"元": 1.0}),
    "美元": ("an amount in 美元", {"美元": 1.0}),
    "mbps": ("a data rate", {"mbps": 1.0, "gbps": 1e3}),
    "%": ("a percentage", {"%": 1.0, "‰": 0.1}),
}

# Base units of a family of their own (counted things, ages, grades): they convert with
# nothing but their own magnitudes (万人 and 人).
_SINGLES = frozenset(
    {
        "人",
        "人次",
        "标箱",
        "个",
        "家",
        "项",
        "场",
        "岁",
        "件",
        "座",
        "所",
        "张",
        "户",
        "套",
        "条",
        "处",
        "辆",
        "艘",
        "百分点",
        "倍",
        "次",
        "床",
        "名",
        "位",
        "级",
        "批",
        "册",
        "部",
        "起",
        "例",
        "份",
        "台",
        "架",
        "只",
        "头",
        "株",
        "棵",
        "本",
        "篇",
        "门",
        "间",
        "栋",
    }
)

# Other names of a base, accepted as the same unit (万标准箱 is 万标箱).
ALIASES: dict[str, str] = {
    "标准箱": "标箱",
    "teu": "标箱",
    "千米": "公里",
    "平方千米": "平方公里",
    "公斤": "千克",
    "kg": "千克",
    "吨co2": "吨二氧化碳",
    "tco2": "吨二氧化碳",
    "吨标煤": "吨标准煤",
    "tce": "吨标准煤",
    "kwh": "kWh",
}

_BASE_FAMILY: dict[str, tuple[str, float]] = {
    base: (ref, f) for ref, (_, members) in _FAMILIES.items() for base, f in members.items()
} | {s: (s, 1.0) for s in _SINGLES}
# Symbols whose case carries meaning (MW is not mW); other ASCII names are read in any case.
_CASED = frozenset(b for b in _BASE_FAMILY if b.isascii() and b != b.lower())

# Every base unit a data file may use (compound units are ratios of these).
KNOWN_BASES = frozenset(_BASE_FAMILY)

# Words that are not units here but are close to one: suggested, never accepted, since a
# silent guess could compare unlike figures.
_LOOKALIKES: dict[str, str] = {
    "美金": "美元",
    "人民币": "元",
    "元人民币": "元",
    "块": "元",
    "箱": "标箱",
    "集装箱": "标箱",
    "人口": "人",
    "百分比": "%",
    "％": "%",
    "个百分点": "百分点",
    "平米": "平方米",
    "平方": "平方米",
    "人次数": "人次",
    "度": "千瓦时",
}

# What a magnitude alone most likely meant, for the "did you mean".
_BARE_PREFIX: dict[str, tuple[str, ...]] = {
    "万": ("万人", "万元"),
    "亿": ("亿元", "亿美元"),
    "万亿": ("万亿元",),
    "千": ("千人", "千元"),
}

PERCENT_BASES = frozenset({"%", "百分点"})

# Units that count whole things: a negative value in them is meaningless.
COUNT_BASES = frozenset(
    {
        "人",
        "人次",
        "个",
        "家",
        "项",
        "场",
        "件",
        "座",
        "所",
        "张",
        "户",
        "套",
        "条",
        "处",
        "辆",
        "艘",
        "次",
        "床",
        "名",
        "位",
        "批",
        "册",
        "部",
        "标箱",
    }
)

# Base units a dataset declares (`[[units]]`): name → (reference base, factor to it). Set by
# the loader for the dataset it loads; empty by default.
_Table = tuple[tuple[str, tuple[str, float]], ...]
_DECLARED: ContextVar[tuple[_Table, Mapping[str, tuple[str, float]]]] = ContextVar(
    "declared_units", default=((), {})
)


class UnitError(ValueError):
    """A unit string that cannot be understood or compared; `suggestions` for a hint."""

    def __init__(
        self, message: str, suggestions: tuple[str, ...] = (), family_hint: str = ""
    ) -> None:
        super().__init__(message)
        self.suggestions = suggestions
        self.family_hint = family_hint

    @property
    def hint(self) -> str:
        if self.suggestions:
            return suggestion(self.suggestions, sep=" / ")
        if self.family_hint:
            return self.family_hint
        return (
            "a unit is an optional magnitude (万, 亿, …) and a base unit (人, 元, 美元, "
            "吨, 家, %, …), or a ratio of two (件/万人): the list is in docs/format.md, "
            "Units"
        )


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: `factor` × `base`, e.g. 亿元 = 1e8 × 元, 件/万人 = 1e-4 × 件/人."""

    text: str
    base: str
    factor: float

    def compatible(self, other: Unit) -> bool:
        return self.base == other.base

    def convert(self, value: float, to: Unit) -> float:
        """Convert `value` in this unit to `to`; raises UnitError if incompatible."""
        if not self.compatible(to):
            raise UnitError(
                f"cannot compare {self.text!r} with {to.text!r}",
                family_hint=incompatible_hint(self.text, to.text),
            )
        return value * self.factor / to.factor


@contextmanager
def declared_units(table: Mapping[str, tuple[str, float]]) -> Iterator[None]:
    """Parse with a dataset's own base units (name → (reference base, factor)) inside."""
    token = _DECLARED.set((tuple(sorted(table.items())), dict(table)))
    try:
        yield
    finally:
        _DECLARED.reset(token)


def use_declared_units(table: Mapping[str, tuple[str, float]]) -> None:
    """Make a loaded dataset's own units the ones every later parse knows."""
    _DECLARED.set((tuple(sorted(table.items())), dict(table)))


def _lookup(name: str) -> tuple[str, float] | None:
    """A base unit's (reference, factor), or None if it is not known."""
    declared = _DECLARED.get()[1]
    if name in declared:
        return declared[name]
    if name in _CASED:
        return _BASE_FAMILY[name]
    key = name.lower()
    key = ALIASES.get(key, key)
    return _BASE_FAMILY.get(key) or declared.get(key)


def _term(text: str) -> tuple[str, float, bool]:
    """One term (万人, GW, 亿吨标准煤): (reference base, factor, known base?)."""
    if text == "‰":  # per mille is a tenth of a percent, never a magnitude of anything
        return "%", 0.1, True
    found = _lookup(text)
    if found is not None:
        return found[0], found[1], True
    for prefix, factor in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix) :]
            if rest in PERCENT_BASES or rest == "‰":
                raise UnitError(f"a magnitude prefix cannot apply to {rest!r}")
            found = _lookup(rest)
            if found is not None:
                return found[0], factor * found[1], True
            return (rest.lower() if rest.isascii() else rest), factor, False
    return (text.lower() if text.isascii() else text), 1.0, False


def _parse(text: str) -> tuple[Unit, list[str]]:
    """The unit, and the terms whose base is not known."""
    raw, text = text, text.strip()
    if not text:
        raise UnitError("empty unit")
    parts = text.split("/")
    if len(parts) > 2 or any(not p.strip() for p in parts):
        raise UnitError(f"{text!r}: a unit is a term or a ratio of two terms (件/万人)")
    terms = [_term(p.strip()) for p in parts]
    unknown = [p.strip() for p, t in zip(parts, terms, strict=True) if not t[2]]
    if len(terms) == 1:
        return Unit(raw, terms[0][0], terms[0][1]), unknown
    (num, fn, _), (den, fd, _) = terms
    if num in PERCENT_BASES or den in PERCENT_BASES:
        raise UnitError(f"{text!r}: a percentage is not part of a ratio")
    return Unit(raw, f"{num}/{den}", fn / fd), unknown


def parse_unit(text: str) -> Unit:
    """Parse a unit such as `万人`, `亿美元`, `%`, `平方米/人`, `吨二氧化碳/万元`, `GW`.

    Unknown base units are accepted as they are (a text may count things we never heard
    of); only magnitudes are interpreted, so `万艘` and `艘` still compare.
    """
    return _parsed(text, _DECLARED.get()[0])[0]


@lru_cache(maxsize=4096)
def _parsed(text: str, declared: _Table) -> tuple[Unit, tuple[str, ...]]:
    del declared  # part of the cache key only: _DECLARED holds the same table
    unit, unknown = _parse(text)
    return unit, tuple(unknown)


def check_unit(text: str) -> Unit:
    """Parse a unit written in a data file: unlike `parse_unit`, an unknown base is an error.

    Where a unit is defined is where a typo must be caught: `亿` alone or `亿美金` would
    otherwise be accepted and fail, or compare wrongly, at every figure that uses it.
    """
    unit, unknown = _parsed(text, _DECLARED.get()[0])
    if not unknown:
        return unit
    stripped = text.strip()
    if stripped in _BARE_PREFIX or any(stripped == p for p, _ in _PREFIXES):
        raise UnitError(
            f"{stripped!r} is a magnitude without a unit",
            _BARE_PREFIX.get(stripped, (stripped + "元", stripped + "人")),
        )
    bad = unknown[0]
    suggestions = _suggest_term(bad)
    if "/" in stripped:
        suggestions = tuple(stripped.replace(bad, s, 1) for s in suggestions)
    raise UnitError(
        f"unknown unit {bad!r}" + (f" in {stripped!r}" if bad != stripped else ""), suggestions
    )


def _suggest_term(term: str) -> tuple[str, ...]:
    prefix = next((p for p, _ in _PREFIXES if term.startswith(p) and len(term) > len(p)), "")
    base = term[len(prefix) :]
    if base in _LOOKALIKES:
        return (prefix + _LOOKALIKES[base],)
    names = sorted(KNOWN_BASES | set(ALIASES) | set(_DECLARED.get()[1]))
    close = close_ids(base, names, n=2, cutoff=0.5)
    return tuple(prefix + ALIASES.get(c, c) for c in close)


def _single_family(ref: str) -> tuple[str, list[str]]:
    """What a reference base measures, and some of its units."""
    if ref in _FAMILIES:
        what, members = _FAMILIES[ref]
        names = list(members)
    else:
        declared = [n for n, (r, _) in _DECLARED.get()[1].items() if r == ref]
        what, names = f"a count of {ref}", [ref, *(n for n in declared if n != ref)]
    if ref in ("元", "美元", "人", "吨") or ref in _SINGLES:
        names += ["万" + ref, "亿" + ref]
    return what, names[:5]


def family(text: str) -> str:
    """The family a unit belongs to, in words, with units it converts with:
    `件/万人` → "件 per 人 (件/人, 件/千人, 件/万人)"."""
    try:
        unit = parse_unit(text)
    except UnitError:
        return repr(text)
    if "/" in unit.base:
        num, den = unit.base.split("/")
        what = _single_family(num)[0]
        examples = (
            [f"{num}/{den}", f"{num}/千{den}", f"{num}/万{den}"]
            if den in _SINGLES or den == "元"
            else [
                f"{n}/{d}" for n in _single_family(num)[1][:2] for d in _single_family(den)[1][:2]
            ]
        )
        return f"{what} per {den} ({', '.join(examples)})"
    what, names = _single_family(unit.base)
    return f"{what} ({', '.join(names)})"


def incompatible_hint(a: str, b: str) -> str:
    """Why `a` and `b` do not compare, naming each one's family."""
    return (
        f"{a} is {family(a)} and {b} is {family(b)}: write both in one family, or use "
        "another indicator"
    )


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
