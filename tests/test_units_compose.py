"""Compositional units: ratios, SI prefixes, 万/亿 magnitudes, families, a dataset's own
units (`[[units]]`), derived figures, and a change in 百分点 on a % indicator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.check.quote_values import derivation_agrees, derived_value
from goaltrack.cli import app
from goaltrack.core.units import UnitError, check_unit, declared_units, family, parse_unit

from .conftest import PLAN
from .test_evaluate import dataset, ev

runner = CliRunner()


@pytest.mark.parametrize(
    ("a", "b", "factor"),
    [
        ("GW", "万千瓦", 100),
        ("MW", "kW", 1000),
        ("万千瓦", "kW", 10_000),
        ("亿吨标准煤", "万吨标准煤", 10_000),
        ("万吨标准煤", "吨标准煤", 10_000),
        ("亿吨", "万吨", 10_000),
        ("万吨二氧化碳", "吨二氧化碳", 10_000),
        ("吨二氧化碳/万元", "吨二氧化碳/元", 1e-4),
        ("件/千人", "件/万人", 10),
        ("人/千人", "人/万人", 10),
        ("个/千人", "个/万人", 10),
        ("元/月", "元/年", 12),
        ("公斤/亩", "吨/公顷", 0.015),
        ("公顷", "亩", 15),
        ("TWh", "亿千瓦时", 10),
        ("gbps", "Mbps", 1000),
    ],
)
def test_conversions_both_ways(a: str, b: str, factor: float) -> None:
    ua, ub = check_unit(a), check_unit(b)
    assert ua.compatible(ub)
    assert ua.convert(1, ub) == pytest.approx(factor)
    assert ub.convert(factor, ua) == pytest.approx(1)


@pytest.mark.parametrize(
    ("a", "b", "family_a", "family_b"),
    [
        (
            "件/万人",
            "人/万人",
            "a count of 件 per 人 (件/人, 件/千人, 件/万人)",
            "a count of 人 per 人",
        ),
        (
            "吨二氧化碳/万元",
            "吨标准煤/万元",
            "a mass of CO₂ per 元",
            "energy in coal equivalent per 元",
        ),
        ("亿吨标准煤", "亿吨", "energy in coal equivalent", "a mass (吨, 千克"),
        ("GW", "亿千瓦时", "a power (千瓦, 瓦, W, kW, MW)", "an energy"),
        ("元/月", "元/天", "an amount in 元 per 年", "an amount in 元 per 秒"),
    ],
)
def test_incompatible_units_are_refused_with_their_families(
    a: str, b: str, family_a: str, family_b: str
) -> None:
    with pytest.raises(UnitError) as e:
        parse_unit(a).convert(1, parse_unit(b))
    assert family_a in e.value.hint
    assert family_b in e.value.hint
    assert "did you mean" not in e.value.hint
    assert family(a).startswith(family_a)


@pytest.mark.parametrize(
    ("unit", "suggestions"),
    [
        ("件/万人口", ("件/万人",)),
        ("亿美金/人", ("亿美元/人",)),
        ("GWW", ("GW", "GWh")),
    ],
)
def test_unknown_terms_of_a_ratio_are_suggested_in_place(
    unit: str, suggestions: tuple[str, ...]
) -> None:
    with pytest.raises(UnitError) as e:
        check_unit(unit)
    assert e.value.suggestions == suggestions


@pytest.mark.parametrize("unit", ["mW", "万%", "%/年", "a/b/c", "/人"])
def test_malformed_or_case_changed_units_are_refused(unit: str) -> None:
    with pytest.raises(UnitError):
        check_unit(unit)


def test_the_units_the_national_plan_needs_are_accepted() -> None:
    for unit in (
        "吨二氧化碳/万元",
        "件/万人",
        "吨二氧化碳",
        "元/月",
        "公斤/亩",
        "GW",
        "亿吨标准煤",
        "万吨标准煤",
        "人/千人",
        "个/千人",
        "年",
        "岁",
        "%",
    ):
        check_unit(unit)


def test_declared_units_join_a_family_and_compose() -> None:
    with declared_units({"斤": ("吨", 0.0005), "标准间": ("标准间", 1.0)}):
        assert check_unit("亿斤").convert(1, check_unit("万吨")) == pytest.approx(5)
        assert check_unit("斤/亩").compatible(check_unit("公斤/亩"))
        assert check_unit("标准间/万人").convert(1, check_unit("标准间/千人")) == pytest.approx(0.1)
    with pytest.raises(UnitError):
        check_unit("亿斤")  # the declaration does not outlive its dataset


UNITS_PLAN = (
    PLAN
    + """
[[indicators]]
id = "grain"
name = "粮食综合生产能力"
category = "c"
unit = "亿吨"

[[indicators.targets]]
kind = "level"
operator = "at_least"
value = 13000
unit = "亿斤"
"""
)

GRAIN_ACTUAL = """
[defaults]
source = "s"

[[actuals]]
indicator = "grain"
period = "2024"
value = 14000
unit = "亿斤"
quote = "粮食产量14000亿斤"
"""


def test_a_dataset_declares_its_own_unit_in_any_file(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("a/plan.toml", UNITS_PLAN)
    write("a/actuals.toml", GRAIN_ACTUAL)
    write("z/units.toml", '[[units]]\nname = "斤"\nfactor = 0.5\nof = "千克"\n')
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 0, r.stderr
    r = runner.invoke(app, ["report", "--format", "json", "--as-of", "2025-06-01", str(tmp_path)])
    assert r.exit_code == 0, r.stderr
    assert '"achieved"' in r.stdout  # 14000 亿斤 = 7 亿吨 ≥ 13000 亿斤 = 6.5 亿吨


def test_an_undeclared_unit_is_refused_at_its_line(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("a/plan.toml", UNITS_PLAN)
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 1
    assert "plan.toml:25:8: error[unit]" in r.stderr and "unknown unit '亿斤'" in r.stderr


@pytest.mark.parametrize(
    ("decl", "message"),
    [
        ('name = "万斤"\nfactor = 5000\nof = "千克"', "starts with a magnitude"),
        ('name = "吨"', "built-in unit"),
        ('name = "斤"\nfactor = 0.5', "'factor' needs 'of'"),
        ('name = "斤"\nof = "千克/亩"', "not a ratio"),
        ('name = "斤"\nof = "千斤顶"', "unknown unit"),
        ('name = "斤"\nfactor = -1\nof = "千克"', "greater than 0"),
    ],
)
def test_bad_unit_declarations_are_errors(
    write: Callable[[str, str], Path], tmp_path: Path, decl: str, message: str
) -> None:
    write("units.toml", "[[units]]\n" + decl + "\n")
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 1
    assert message in r.stderr
    assert "units.toml:" in r.stderr


def test_a_unit_declared_twice_is_an_error(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("units.toml", '[[units]]\nname = "斤"\n\n[[units]]\nname = "斤"\n')
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 1
    assert "units.toml:4:3: error[duplicate-id]: unit '斤' is already declared at" in r.stderr
    assert "units.toml:1\n" in r.stderr or "units.toml:1 " in r.stderr


# --- derived figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("derivation", "value"),
    [
        ("85 + 4.4 points", 89.4),
        ("(100 - 13.5) × 1.02 = 88.23", 88.23),
        ("6000 ÷ 5", 1200),
        ("-2 - 1.5", -3.5),
    ],
)
def test_derivations_are_computed(derivation: str, value: float) -> None:
    assert derived_value(derivation) == pytest.approx(value)
    assert derivation_agrees(value, derivation) is True
    assert derivation_agrees(value + 1, derivation) is False


@pytest.mark.parametrize(
    "derivation", ["the quote's share of the total", "2 ** 999999", "__import__('os')", "1 / 0", ""]
)
def test_what_is_not_arithmetic_is_not_computed(derivation: str) -> None:
    assert derived_value(derivation) is None


DERIVED = (
    PLAN
    + """
[[indicators]]
id = "air"
name = "空气质量优良天数比率"
category = "c"
unit = "%"

[[actuals]]
indicator = "air"
period = "2021"
value = {value}
source = "s"
quote = "好于目标4.4个百分点"
{derived}
"""
)


def test_a_derived_figure_is_not_a_quote_value_finding(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("d.toml", DERIVED.format(value=89.4, derived=""))
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert "warning[quote-value]" in r.stderr
    write("d.toml", DERIVED.format(value=89.4, derived='derived = "85 + 4.4 points"'))
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert "quote-value" not in r.stderr and "derived-value" not in r.stderr
    assert r.exit_code == 0
    write("d.toml", DERIVED.format(value=88.4, derived='derived = "85 + 4.4 points"'))
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert "warning[derived-value]" in r.stderr
    assert "value 88.4 is not what its derivation '85 + 4.4 points' gives" in r.stderr


# --- issue 22, rule 7: a change in percentage points ---------------------------------------

POINTS = {
    "id": "urban",
    "unit": "%",
    "baseline": {"year": 2020, "value": 60},
    "targets": [{"kind": "change", "value": 2, "unit": "百分点"}],
}


def test_a_change_in_points_on_a_percent_indicator_is_judged() -> None:
    # 60 % + 2 points = 62 %; 62.5 % in 2025: achieved.
    e = ev(dataset(POINTS, [{"period": "2025", "value": 62.5}]), as_of="2026-06-01")
    assert e.target_value == pytest.approx(62)
    assert e.status == "achieved"


def test_a_change_in_points_on_a_per_mille_indicator_is_converted() -> None:
    # 2 points on a ‰ indicator are 20 ‰: 100 ‰ + 20 = 120 ‰.
    ind = {**POINTS, "unit": "‰", "baseline": {"year": 2020, "value": 100}}
    e = ev(dataset(ind, [{"period": "2025", "value": 115}]), as_of="2026-06-01")
    assert e.target_value == pytest.approx(120)
    assert e.status == "missed"


POINTS_TOML = (
    PLAN
    + """
[[indicators]]
id = "urban"
name = "常住人口城镇化率"
category = "c"
unit = "%"
baseline = {{ year = 2020, value = 60 }}

[[indicators.targets]]
kind = "{kind}"
{op}value = 2
unit = "百分点"
"""
)


def test_check_accepts_points_for_a_change_and_refuses_them_for_a_level(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("p.toml", POINTS_TOML.format(kind="change", op=""))
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert "unit-mismatch" not in r.stderr, r.stderr
    write("p.toml", POINTS_TOML.format(kind="level", op='operator = "at_least"\n'))
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert "error[unit-mismatch]" in r.stderr
    assert "百分点 is a change of a rate" in r.stderr


def test_an_actual_in_an_incompatible_unit_names_both_families(
    write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write(
        "p.toml",
        PLAN
        + """
[[indicators]]
id = "patents"
name = "每万人口高价值发明专利拥有量"
category = "c"
unit = "件/万人"

[[actuals]]
indicator = "patents"
period = "2023"
value = 11.8
unit = "人/万人"
source = "s"
""",
    )
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 1
    assert "error[unit-mismatch]" in r.stderr
    assert "件/万人 is a count of 件 per 人" in r.stderr
    assert "did you mean" not in r.stderr
