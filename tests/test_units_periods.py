from __future__ import annotations

import pytest

from goaltrack.core.periods import PeriodError, parse_period
from goaltrack.core.units import UnitError, check_unit, is_percent, parse_unit


def test_wan_people_equals_people() -> None:
    wan = parse_unit("万人")
    ren = parse_unit("人")
    assert wan.convert(1.13, ren) == pytest.approx(11300)


def test_yi_and_wan_yuan_convert() -> None:
    assert parse_unit("亿元").convert(1, parse_unit("万元")) == pytest.approx(10000)
    assert parse_unit("万亿元").convert(1, parse_unit("亿元")) == pytest.approx(10000)


def test_incompatible_units_raise() -> None:
    with pytest.raises(UnitError):
        parse_unit("亿元").convert(1, parse_unit("亿美元"))
    with pytest.raises(UnitError):
        parse_unit("人").convert(1, parse_unit("人次"))


def test_compound_units_keep_their_base() -> None:
    assert parse_unit("平方米/人").base == "平方米/人"
    assert parse_unit("万标箱").factor == 1e4
    assert parse_unit("万标箱").base == "标箱"
    assert parse_unit("千瓦").base == "千瓦"
    assert parse_unit("万千瓦").factor == 1e4


def test_percent_takes_no_prefix() -> None:
    assert is_percent("%")
    assert not is_percent("亿元")
    with pytest.raises(UnitError):
        parse_unit("万%")


@pytest.mark.parametrize(
    ("text", "partial", "months"),
    [
        ("2024", False, (1, 12)),
        ("2024-01..10", True, (1, 10)),
        ("2024-Q1..Q3", True, (1, 9)),
        ("2024-Q2", True, (4, 6)),
        ("2024-H1", True, (1, 6)),
        ("2021..2024", False, (1, 12)),
    ],
)
def test_periods(text: str, partial: bool, months: tuple[int, int]) -> None:
    p = parse_period(text)
    assert p.partial is partial
    assert (p.start_month, p.end_month) == months


def test_multi_year_period() -> None:
    p = parse_period("2021..2024")
    assert (p.start_year, p.year, p.multi_year) == (2021, 2024, True)


@pytest.mark.parametrize("bad", ["2024-13", "2024-10..02", "24", "2024/10", "2025..2021", "1800"])
def test_bad_periods(bad: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(bad)


@pytest.mark.parametrize(
    ("unit", "suggestions"),
    [
        ("亿", ("亿元", "亿美元")),
        ("万", ("万人", "万元")),
        ("亿美金", ("亿美元",)),
        ("亿人民币", ("亿元",)),
    ],
)
def test_check_unit_refuses_unknown_units_with_suggestions(
    unit: str, suggestions: tuple[str, ...]
) -> None:
    with pytest.raises(UnitError) as e:
        check_unit(unit)
    assert e.value.suggestions == suggestions
    assert e.value.hint == "did you mean " + " / ".join(suggestions) + "?"


def test_check_unit_accepts_aliases_as_the_same_unit() -> None:
    assert check_unit("万标准箱").base == "标箱"
    assert parse_unit("万标准箱").convert(1, parse_unit("标箱")) == 10_000
    assert parse_unit("千米").compatible(parse_unit("公里"))
    assert check_unit("万亿次/秒").factor == 1e12
    assert check_unit("Mbps").base == "mbps"


def test_parse_unit_stays_lenient_for_figures_read_from_text() -> None:
    assert parse_unit("外星人").base == "外星人"
    with pytest.raises(UnitError):
        check_unit("外星人")
