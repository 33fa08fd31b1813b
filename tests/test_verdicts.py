"""Verdicts that cannot be silently wrong: units, direction, signs, periods, gaps and time.

One named test per case of docs/method.md's rules, each on a minimal dataset (a plan
2021–2025, baseline year 2020), with the verdict worked out by hand in the comment.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.core.models import Actual
from goaltrack.core.periods import PeriodError, parse_period
from goaltrack.core.units import parse_unit
from goaltrack.evaluate import Options, evaluate_dataset
from goaltrack.evaluate.selection import AsOf

from .conftest import PLAN
from .said import comp, en, en_all, whys
from .test_evaluate import dataset, ev

runner = CliRunner()


def growth(year: int, value: float, unit: str = "%") -> dict[str, Any]:
    return {"period": str(year), "value": value, "measure": "growth", "unit": unit}


# --- 1. every value in the indicator's unit --------------------------------------------


def test_case01_target_and_baseline_converted_to_the_indicators_unit() -> None:
    # 800 万人 = 8 000 000 人, baseline 745 万人 = 7 450 000 人; 7 500 000 人 in 2023 is
    # 9 % of the way with 60 % of the time gone: off track, not "achieved" (750万 < 800万).
    ind = {
        "id": "pop",
        "unit": "人",
        "baseline": {"year": 2020, "value": 745, "unit": "万人"},
        "targets": [{"kind": "level", "operator": "at_least", "value": 800, "unit": "万人"}],
    }
    e = ev(dataset(ind, [{"period": "2023", "value": 7_500_000}]))
    assert e.target_value == pytest.approx(8_000_000)
    assert e.baseline_value == pytest.approx(7_450_000)
    assert e.progress == pytest.approx(50_000 / 550_000)
    assert e.status == "off_track"
    assert comp(e)["units"] == "800 万人 = 8000000 人; baseline 745 万人 = 7450000 人"


def test_case01_cumulative_target_in_another_magnitude() -> None:
    # Σ ≥ 55 亿美元 = 550 000 万美元; three flows of 1000 万美元 are 0.5 % of it, not 1818 %.
    ind = {
        "id": "fdi",
        "unit": "万美元",
        "targets": [{"kind": "cumulative", "operator": "at_least", "value": 55, "unit": "亿美元"}],
    }
    rows = [{"period": str(y), "value": 1000, "measure": "flow"} for y in (2021, 2022, 2023)]
    e = ev(dataset(ind, rows))
    assert e.target_value == pytest.approx(550_000)
    assert e.progress == pytest.approx(3000 / 550_000)
    assert e.status == "off_track"


def test_case01_tolerance_and_between_bounds_converted() -> None:
    # about 1 万人 ± 0.05 万人 = 10 000 ± 500 人: 9 200 人 is outside, 9 600 人 inside.
    about = {
        "id": "a",
        "unit": "人",
        "direction": "neither",
        "targets": [
            {"kind": "level", "operator": "about", "value": 1, "tolerance": 0.05, "unit": "万人"}
        ],
    }
    assert ev(dataset(about, [{"period": "2023", "value": 9600}])).status == "achieved"
    assert ev(dataset(about, [{"period": "2023", "value": 9200}])).status != "achieved"
    between = {
        "id": "b",
        "unit": "人",
        "direction": "neither",
        "targets": [{"kind": "level", "operator": "between", "low": 1, "high": 2, "unit": "万人"}],
    }
    assert ev(dataset(between, [{"period": "2023", "value": 15_000}])).status == "achieved"


# --- 2. a bound the baseline already meets is a bound to keep ---------------------------


def test_case02_cap_met_by_the_baseline_then_broken_is_not_on_track() -> None:
    # PM2.5 ≤ 35, baseline 30 (already within): 45 in 2023 breaks the bound, moving away
    # from the baseline: regressing (was "on_track, pace 5.00").
    ind = {
        "id": "pm",
        "unit": "微克/立方米",
        "direction": "lower",
        "baseline": {"year": 2020, "value": 30},
        "targets": [{"kind": "level", "operator": "at_most", "value": 35}],
    }
    e = ev(dataset(ind, [{"period": "2023", "value": 45}]))
    assert e.status == "regressing"
    assert e.pace_ratio is None
    assert "bound to keep" in en(e.reason)
    assert ev(dataset(ind, [{"period": "2023", "value": 33}])).status == "achieved"


def test_case02_floor_met_by_the_baseline_then_broken_is_not_on_track() -> None:
    # Forest cover ≥ 40, baseline 42: 35 in 2023 is regressing (was "on_track, 350%").
    ind = {
        "id": "forest",
        "unit": "%",
        "baseline": {"year": 2020, "value": 42},
        "targets": [{"kind": "level", "operator": "at_least", "value": 40}],
    }
    e = ev(dataset(ind, [{"period": "2023", "value": 35}]))
    assert e.status == "regressing"
    assert e.required == pytest.approx(5)  # back within the bound


# --- 3. negative and zero growth targets ------------------------------------------------

DECLINE_FLOOR = {"id": "g", "unit": "万吨", "targets": [{"kind": "growth", "value": -2}]}


def test_case03_decline_floor_met_is_on_track() -> None:
    # 年均下降不超过2%: +3, −1, −1.5 average +0.15 %, well within: on track (was regressing).
    e = ev(dataset(DECLINE_FLOOR, [growth(2021, 3), growth(2022, -1), growth(2023, -1.5)]))
    assert comp(e)["G"] == pytest.approx(((1.03 * 0.99 * 0.985) ** (1 / 3) - 1) * 100)
    assert e.status == "on_track"


def test_case03_decline_floor_broken_is_off_track() -> None:
    # −3 % every year falls faster than the −2 % allowed: off track (was "on_track, 1.50").
    e = ev(dataset(DECLINE_FLOOR, [growth(y, -3) for y in (2021, 2022, 2023)]))
    assert e.status == "off_track"
    assert e.pace_ratio is None
    e = ev(dataset(DECLINE_FLOOR, [growth(y, -3) for y in range(2021, 2026)]), as_of="2025")
    assert (e.status, e.final) == ("missed", True)


def test_case03_zero_growth_target() -> None:
    # 不下降 (growth ≥ 0): +1 % keeps it, −1 % breaks it.
    ind = {"id": "g0", "targets": [{"kind": "growth", "value": 0}]}
    assert ev(dataset(ind, [growth(2021, 1)]), as_of="2021").status == "on_track"
    assert ev(dataset(ind, [growth(2021, -1)]), as_of="2021").status == "off_track"


def test_case03_required_fall_measured_like_a_rise() -> None:
    # 年均下降3%以上 (growth ≤ −3): −1.5 % a year is half the log-change asked for.
    ind = {
        "id": "g",
        "direction": "lower",
        "targets": [{"kind": "growth", "operator": "at_most", "value": -3}],
    }
    e = ev(dataset(ind, [growth(2021, -1.5)]), as_of="2021")
    assert e.pace_ratio == pytest.approx(math.log(0.985) / math.log(0.97))
    assert e.status == "off_track"
    assert ev(dataset(ind, [growth(2021, 1)]), as_of="2021").status == "regressing"


# --- 4. zero targets --------------------------------------------------------------------


def test_case04_cumulative_cap_of_zero_exceeded() -> None:
    # 不新建 (Σ ≤ 0): one built in 2022 breaks the cap for good (flows are not taken back):
    # missed, final, now and once the period is over (was "no data: outside the computable
    # range", then "off track" until the end).
    ind = {
        "id": "plants",
        "unit": "个",
        "direction": "lower",
        "targets": [{"kind": "cumulative", "operator": "at_most", "value": 0}],
    }
    rows = [{"period": "2022", "value": 1, "measure": "flow"}]
    assert (ev(dataset(ind, rows)).status, ev(dataset(ind, rows)).final) == ("missed", True)
    assert ev(dataset(ind, rows), as_of="2026").status == "missed"


def test_case04_level_equal_zero_missed_by_one() -> None:
    # 重大事故为零 with one accident in 2023: off track (was "no data").
    ind = {
        "id": "accidents",
        "unit": "起",
        "direction": "lower",
        "targets": [{"kind": "level", "operator": "equal", "value": 0}],
    }
    e = ev(dataset(ind, [{"period": "2023", "value": 1}]))
    assert e.status == "off_track"
    assert ev(dataset(ind, [{"period": "2023", "value": 0}])).status == "achieved"


# --- 5. ‰ is not % ----------------------------------------------------------------------


def test_case05_per_mille_growth_is_a_tenth_of_a_percent() -> None:
    # 5‰ = 0.5 %: against ≥ 5 %/yr that is a tenth of the log-change, off track (was on track).
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 5}]}
    e = ev(dataset(ind, [growth(2021, 5, "‰")]), as_of="2021")
    assert comp(e)["G"] == pytest.approx(0.5)
    assert e.status == "off_track"
    assert parse_unit("‰").convert(5, parse_unit("%")) == pytest.approx(0.5)


def test_case05_per_mille_target_and_level() -> None:
    # A growth target of 5‰ is 0.5 %/yr; a level in ‰ compares with one in %.
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 5, "unit": "‰"}]}
    assert ev(dataset(ind, [growth(2021, 0.6)]), as_of="2021").status == "on_track"
    rate = {
        "id": "birth",
        "unit": "‰",
        "baseline": {"year": 2020, "value": 6},
        "targets": [{"kind": "level", "operator": "at_least", "value": 8}],
    }
    e = ev(dataset(rate, [{"period": "2023", "value": 0.9, "unit": "%"}]))
    assert e.latest is not None and e.latest.value == pytest.approx(9)
    assert e.status == "achieved"


# --- 6. one canonical period key --------------------------------------------------------


@pytest.mark.parametrize("spelling", ["2023", "2023-Q1..Q4", "2023-01..12", "2023-1..12"])
def test_case06_one_year_has_one_key(spelling: str) -> None:
    assert parse_period(spelling).key == "2023"
    assert not parse_period(spelling).partial


def test_case06_partial_keys() -> None:
    assert parse_period("2023-Q1..Q3").key == parse_period("2023-01..09").key == "2023-01..09"
    assert parse_period("2023-H1").key == parse_period("2023-Q1..Q2").key
    assert parse_period("2023-Q2").key == "2023-04..06"
    assert parse_period("2023-5").key == "2023-05"


@pytest.mark.parametrize("digits", ["２０２３", "٢٠٢٣", "۲۰۲۳", "2023-Q１"])
def test_case06_non_ascii_digits_refused(digits: str) -> None:
    with pytest.raises(PeriodError, match="ASCII"):
        parse_period(digits)
    with pytest.raises(ValidationError):
        Actual(indicator="x", period=digits, value=1, source="s")


def test_case06_same_year_written_twice_is_one_figure() -> None:
    # The revision wins whatever the spelling: one candidate, the other listed as revised.
    ds = dataset(
        {
            "id": "gdp",
            "baseline": {"year": 2020, "value": 100},
            "targets": [{"kind": "level", "operator": "at_least", "value": 200}],
        },
        [
            {"period": "2023-Q1..Q4", "value": 150, "source": "a"},
            {"period": "2023", "value": 160, "source": "b", "revises": "a"},
        ],
        sources={"a": "2024-02-01", "b": "2024-06-01"},
    )
    e = ev(ds, as_of="2024-12-31")
    assert e.latest is not None and e.latest.value == 160
    assert [(p.period, why) for p, why in whys(e.superseded)] == [("2023-Q1..Q4", "revised by b")]


def test_case06_conflict_and_duplicate_fire_across_spellings(
    write: Callable[[str, str], Path],
) -> None:
    write(
        "p.toml",
        PLAN
        + """
[[sources]]
id = "t"
title = "另一来源"
published = 2025-07-01

[[indicators]]
id = "gdp"
name = "生产总值"
category = "c"
unit = "亿元"
targets = [{ kind = "level", operator = "at_least", value = 9 }]

[[actuals]]
indicator = "gdp"
period = "2023"
value = 8
source = "s"

[[actuals]]
indicator = "gdp"
period = "2023-01..12"
value = 8.5
source = "s"

[[actuals]]
indicator = "gdp"
period = "2023-Q1..Q4"
value = 7
source = "t"
""",
    )
    r = runner.invoke(app, ["check", "--format", "json", str(write("x.toml", "").parent)])
    codes = [d["code"] for d in json.loads(r.stdout)["diagnostics"]]
    assert "duplicate-actual" in codes
    assert "conflict" in codes


# --- 7. runs of years only for cumulative figures ----------------------------------------


@pytest.mark.parametrize("measure", ["level", "growth", "flow"])
def test_case07_run_of_years_refused_for_yearly_measures(measure: str) -> None:
    with pytest.raises(ValidationError, match="run of years"):
        Actual.model_validate(
            {
                "indicator": "x",
                "period": "2021..2023",
                "value": 19.1,
                "measure": measure,
                "source": "s",
            }
        )
    Actual(indicator="x", period="2021..2023", value=19.1, measure="cumulative", source="s")


# --- 8. elapsed time is calendar time ---------------------------------------------------

FDI = {
    "id": "fdi",
    "unit": "亿美元",
    "targets": [{"kind": "cumulative", "operator": "about", "value": 55}],
}


def test_case08_gaps_do_not_shrink_elapsed_time() -> None:
    # Σ ≈ 55 over 2021–25, figures only for 2023 and 2024 (28.4), as of 2026-11-23: the
    # whole period is gone, 52 % of the total is in: off track, provisional, the shortfall
    # 26.6 (was "2 of 5 years counted, pace 1.29, on track").
    rows = [
        {"period": "2023", "value": 14.2, "measure": "flow"},
        {"period": "2024", "value": 14.2, "measure": "flow"},
    ]
    e = ev(dataset(FDI, rows), as_of="2026-11-23")
    assert e.time_elapsed == pytest.approx(1.0)
    assert e.pace_ratio == pytest.approx(28.4 / 55)
    assert e.status == "off_track"
    assert {"provisional", "missing_years", "no_final_figure"} <= set(e.flags)
    assert comp(e)["years_missing"] == [2021, 2022, 2025]
    assert e.required == pytest.approx(26.6)
    assert str(e.required_label).startswith("short of the target")
    assert not e.final


def test_case08_a_total_already_reached_does_not_rest_on_the_gaps() -> None:
    # 30 + 30 of Σ ≈ 55 by 2024: reached whatever 2021, 2022 and 2025 add (flows ≥ 0), so
    # achieved for good (final: later figures can only add), and not provisional.
    rows = [
        {"period": "2023", "value": 30, "measure": "flow"},
        {"period": "2024", "value": 30, "measure": "flow"},
    ]
    e = ev(dataset(FDI, rows), as_of="2026")
    assert (e.status, e.final) == ("achieved", True)
    assert "missing_years" in e.flags
    assert "provisional" not in e.flags


def test_case08_one_year_of_five_is_not_on_track() -> None:
    # New urban jobs Σ ≥ 40 万, only 13 万 for 2023, as of mid-2024: 2021–2023 are gone
    # (60 %), 32.5 % is in: R = 0.54, off track and provisional (was on track, 1.62).
    ind = {
        "id": "jobs",
        "unit": "万人",
        "targets": [{"kind": "cumulative", "operator": "at_least", "value": 40}],
    }
    e = ev(dataset(ind, [{"period": "2023", "value": 13, "measure": "flow"}]), as_of="2024-06-30")
    assert e.pace_ratio == pytest.approx(0.325 / 0.6)
    assert e.status == "off_track"
    assert "provisional" in e.flags
    assert e.required == pytest.approx(27 / 2)  # over 2024 and 2025, the years to come


def test_case08_later_years_without_a_level_make_it_provisional_not_worse() -> None:
    # A 2023 level read at the end of 2024 is judged at 2023 (τ = 3/5, R = 1.0), and says the
    # 2024 figure is not out yet (it was R = 0.75, counting 2024 as time lost).
    ind = {
        "id": "x",
        "unit": "家",
        "baseline": {"year": 2020, "value": 100},
        "targets": [{"kind": "level", "operator": "at_least", "value": 200}],
    }
    rows = [{"period": "2023", "value": 160}]
    now, later = ev(dataset(ind, rows), as_of="2023"), ev(dataset(ind, rows), as_of="2024")
    assert now.pace_ratio == pytest.approx(1.0)
    assert later.pace_ratio == pytest.approx(1.0)
    assert "provisional" not in now.flags
    assert en_all(later.provisional) == ["rests on the 2023 figure; none yet for 2024"]


# --- 9. compounding measured consistently ------------------------------------------------


def test_case09_compound_change_in_logs() -> None:
    # −2.7 % of −13.5 % after one year: ln(0.973)/ln(0.865) = 0.189 of the way with 0.2 of
    # the time gone, R = 0.945: at risk (was 1.00, on track), and the rate still required,
    # −2.90 %/yr, is steeper than the even pace of −2.86 %/yr, as the status says.
    ind = {
        "id": "energy",
        "unit": "吨标准煤/万元",
        "direction": "lower",
        "targets": [{"kind": "compound_change", "value": -13.5}],
    }
    e = ev(dataset(ind, [growth(2021, -2.7)]), as_of="2021")
    assert e.pace_ratio == pytest.approx(math.log(0.973) / math.log(0.865) / 0.2)
    assert e.status == "at_risk"
    even = (0.865 ** (1 / 5) - 1) * 100
    assert e.required is not None and e.required < even
    assert e.required == pytest.approx(((0.865 / 0.973) ** 0.25 - 1) * 100)


@settings(max_examples=80, deadline=None)
@given(r1=st.floats(-12, 2), r2=st.floats(-12, 2))
def test_case09_status_and_required_never_contradict(r1: float, r2: float) -> None:
    ind = {
        "id": "energy",
        "unit": "吨标准煤/万元",
        "direction": "lower",
        "targets": [{"kind": "compound_change", "value": -13.5}],
    }
    e = ev(dataset(ind, [growth(2021, r1), growth(2022, r2)]), as_of="2022")
    even = (0.865 ** (1 / 5) - 1) * 100
    if e.pace_ratio is not None and e.required is not None and abs(e.pace_ratio - 1) > 1e-6:
        assert (e.pace_ratio > 1) == (e.required > even), (e.pace_ratio, e.required, even)


@settings(max_examples=80, deadline=None)
@given(r1=st.floats(-5, 15), r2=st.floats(-5, 15))
def test_case09_growth_status_and_required_agree(r1: float, r2: float) -> None:
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 6}]}
    e = ev(dataset(ind, [growth(2021, r1), growth(2022, r2)]), as_of="2022")
    assert e.required is not None
    g = float(comp(e)["G"])
    if abs(g - 6) > 1e-6:
        assert (g > 6) == (e.required < 6)


@settings(max_examples=60, deadline=None)
@given(
    flows=st.lists(st.floats(0, 20), min_size=1, max_size=4),
    as_of=st.sampled_from(["2022", "2023", "2024"]),
)
def test_case09_cumulative_status_and_required_agree(flows: list[float], as_of: str) -> None:
    # Σ ≥ 40 over 2021–25: R > 1 exactly when the amount still needed per year to come is
    # below the even 8 a year, whatever years have figures.
    ind = {
        "id": "jobs",
        "unit": "万人",
        "targets": [{"kind": "cumulative", "operator": "at_least", "value": 40}],
    }
    rows = [
        {"period": str(2021 + i), "value": v, "measure": "flow"}
        for i, v in enumerate(flows)
        if 2021 + i <= int(as_of)
    ]
    e = ev(dataset(ind, rows), as_of=as_of)
    if e.pace_ratio is not None and e.required is not None and abs(e.pace_ratio - 1) > 1e-6:
        assert (e.pace_ratio > 1) == (e.required < 8)


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(80, 240),
    y=st.sampled_from([2021, 2022, 2023]),
    as_of=st.sampled_from(["2023", "2024"]),
)
def test_case09_level_status_and_required_agree(a: float, y: int, as_of: str) -> None:
    # B = 100 (2020) to T = 200 (2025): the even pace is 20 a year.
    rows = [{"period": str(y), "value": a}]
    e = ev(
        dataset(
            {
                "id": "x",
                "baseline": {"year": 2020, "value": 100},
                "targets": [{"kind": "level", "operator": "at_least", "value": 200}],
            },
            rows,
        ),
        as_of=as_of,
    )
    if e.pace_ratio is not None and e.required is not None and abs(e.pace_ratio - 1) > 1e-6:
        assert (e.pace_ratio > 1) == (e.required < 20)


# --- 10. holds and finals ----------------------------------------------------------------


def test_case10_current_year_is_not_missing_from_a_hold() -> None:
    # On 2023-12-26 the year 2023 has not ended: no figure for it is not a gap.
    ind = {
        "id": "u",
        "unit": "%",
        "direction": "lower",
        "targets": [{"kind": "hold", "operator": "at_most", "value": 4.5}],
    }
    rows = [{"period": "2021", "value": 4.0}, {"period": "2022", "value": 4.1}]
    e = ev(dataset(ind, rows), as_of="2023-12-26")
    assert e.status == "on_track"
    assert comp(e)["years_missing"] == []
    assert "provisional" not in e.flags
    e = ev(dataset(ind, rows), as_of="2023-12-31")
    assert comp(e)["years_missing"] == [2023]


def test_case10_growth_after_the_period_on_some_rates_says_so() -> None:
    # Three rates of five, period over: not a final verdict, provisional, nothing "still
    # required" after the period.
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 6}]}
    e = ev(dataset(ind, [growth(y, 5) for y in (2021, 2022, 2023)]), as_of="2026")
    assert e.status == "at_risk"
    assert not e.final
    assert {"provisional", "no_final_figure"} <= set(e.flags)
    assert en_all(e.provisional) == ["rests on 3 of 5 yearly rates (no figure for 2024, 2025)"]
    assert e.required is None


# --- 11. between, beyond the range in the better direction -------------------------------


def test_case11_between_overshoot_in_the_better_direction_is_met() -> None:
    ind = {
        "id": "firms",
        "unit": "家",
        "baseline": {"year": 2020, "value": 0},
        "targets": [{"kind": "level", "operator": "between", "low": 5, "high": 10}],
    }
    assert ev(dataset(ind, [{"period": "2023", "value": 12}])).status == "achieved"
    neither = {**ind, "direction": "neither"}
    assert ev(dataset(neither, [{"period": "2023", "value": 12}])).status != "achieved"
    lower = {**ind, "direction": "lower", "baseline": {"year": 2020, "value": 20}}
    assert ev(dataset(lower, [{"period": "2023", "value": 3}])).status == "achieved"


# --- 12. a single figure without a baseline ----------------------------------------------


def test_case12_single_figure_late_in_the_period() -> None:
    # 2093 against ≥ 6000, figure for 2024, as of 2026: even from a baseline of 0 that is
    # 35 % of the way with 80 % of the time gone by 2024 (judged at its own year): R ≤ 0.44,
    # off track, provisional (was no data).
    ind = {
        "id": "smes",
        "unit": "家",
        "targets": [{"kind": "level", "operator": "at_least", "value": 6000}],
    }
    e = ev(dataset(ind, [{"period": "2024", "value": 2093}]), as_of="2026")
    assert e.status == "off_track"
    assert e.pace_ratio == pytest.approx(2093 / 6000 / 0.8)
    assert "provisional" in e.flags
    assert any("single figure" in why for why in en_all(e.provisional))
    assert e.required == pytest.approx(6000 - 2093)


def test_case12_single_figure_that_could_be_on_track_stays_no_data() -> None:
    # 5000 of 6000 early on: from a baseline of 0 it would be on track, but the baseline may
    # be 4900: nothing can be said.
    ind = {
        "id": "smes",
        "unit": "家",
        "targets": [{"kind": "level", "operator": "at_least", "value": 6000}],
    }
    assert ev(dataset(ind, [{"period": "2022", "value": 5000}]), as_of="2022").status == "no_data"


# --- as-of and publication dates ---------------------------------------------------------


def _revised(pub: str) -> Any:
    return dataset(
        {
            "id": "gdp",
            "baseline": {"year": 2020, "value": 100},
            "targets": [{"kind": "level", "operator": "at_least", "value": 200}],
        },
        [
            {"period": "2025", "value": 190, "source": "a"},
            {"period": "2025", "value": 210, "source": "b", "revises": "a"},
        ],
        sources={"a": "2026-02-01", "b": pub},
    )


def test_year_only_publication_counts_today_but_not_at_an_explicit_date() -> None:
    ds = _revised("2026")
    today = evaluate_dataset(ds, Options(AsOf.parse(None, today=dt.date(2026, 11, 23))))[0]
    assert today.latest is not None and today.latest.value == 210  # the 2026 revision
    explicit = ev(ds, as_of="2026-11-23")
    assert explicit.latest is not None and explicit.latest.value == 190
    why = [w for p, w in whys(explicit.superseded) if p.source == "b"]
    assert why == [
        "not yet known: published 2026 (date uncertain): counted from 2026-12-31, "
        "after the as-of date 2026-11-23"
    ]
    assert ev(ds, as_of="2026").latest.value == 210  # type: ignore[union-attr]


def test_a_revision_wins_over_what_it_revises_whatever_the_dates() -> None:
    # b is undated (sorts before every date) but says it revises a: b is used; with
    # --vintage first, a (the figure revised) is the first.
    ds = dataset(
        {"id": "gdp", "targets": [{"kind": "level", "operator": "at_least", "value": 200}]},
        [
            {"period": "2023", "value": 190, "source": "a", "status": "estimate"},
            {"period": "2023", "value": 210, "source": "b", "revises": "a"},
        ],
        sources={"a": "2024-01-10", "b": None},
    )
    e = ev(ds, as_of="2025")
    assert e.latest is not None and e.latest.value == 210
    assert [(p.source, w) for p, w in whys(e.superseded)] == [("a", "revised by b")]
    first = ev(ds, as_of="2025", vintage="first")
    assert first.latest is not None and first.latest.value == 190


def test_revision_cycle_falls_back_to_publication_order() -> None:
    # a and b each claim to revise the other (`check` reports it); the verdict still uses one
    ds = dataset(
        {"id": "gdp", "targets": [{"kind": "level", "operator": "at_least", "value": 200}]},
        [
            {"period": "2023", "value": 190, "source": "a", "revises": "b"},
            {"period": "2023", "value": 210, "source": "b", "revises": "a"},
        ],
        sources={"a": "2024-01-10", "b": "2024-02-10"},
    )
    e = ev(ds, as_of="2025")
    assert e.latest is not None and e.latest.value in (190, 210)
    assert len(e.superseded) == 1


def test_undated_source_is_flagged() -> None:
    ds = dataset(
        {
            "id": "x",
            "unit": "家",
            "targets": [{"kind": "level", "operator": "at_least", "value": 5}],
        },
        [{"period": "2023", "value": 7}],
    )  # source "s" has no `published`
    assert "undated_source" in ev(ds).flags


def test_future_figures_listed_as_not_used() -> None:
    ds = _revised("2026-03-01")
    e = ev(ds, as_of="2025-06-30")
    assert e.latest is None
    assert {w for _, w in whys(e.superseded)} == {
        "not yet known: the period ends after the as-of date 2025-06-30"
    }


def test_show_marks_figures_not_yet_published(write: Callable[[str, str], Path]) -> None:
    path = write(
        "p.toml",
        PLAN
        + """
[[indicators]]
id = "gdp"
name = "生产总值"
category = "c"
unit = "亿元"
baseline = { year = 2020, value = 5 }
targets = [{ kind = "level", operator = "at_least", value = 9 }]

[[actuals]]
indicator = "gdp"
period = "2024"
value = 8
source = "s"
quote = "8亿元"
""",
    )
    r = runner.invoke(
        app,
        ["show", "gdp", "--as-of", "2025-03-01", str(path)],
        env={"NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert r.exit_code == 0, r.stderr
    assert "not yet known at the as-of date: published 2025-06-01" in r.stdout
    r = runner.invoke(app, ["report", "-f", "json", "--as-of", "2025-03-01", str(path)])
    e = json.loads(r.stdout)["plans"][0]["evaluations"][0]
    assert e["status"] == "no_data"
    assert e["not_used"][0]["why"].startswith("not yet known: published 2025-06-01")


@pytest.mark.parametrize("published", ['"9999-12"', "2204-03-15", '"2999"'])
def test_future_publication_date_is_a_check_finding(
    write: Callable[[str, str], Path], published: str
) -> None:
    path = write(
        "p.toml",
        PLAN.replace("published = 2025-06-01", f"published = {published}")
        + """
[[indicators]]
id = "gdp"
name = "生产总值"
category = "c"
unit = "亿元"
targets = [{ kind = "level", operator = "at_least", value = 9 }]

[[actuals]]
indicator = "gdp"
period = "2024"
value = 8
source = "s"
""",
    )
    r = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert r.exit_code == 0, r.stdout + r.stderr  # a warning
    codes = {d["code"] for d in json.loads(r.stdout)["diagnostics"]}
    assert "published-future" in codes
    assert runner.invoke(app, ["check", "--strict", str(path)]).exit_code == 1
    r = runner.invoke(app, ["report", "-f", "json", str(path)])
    assert r.exit_code == 0, r.stderr
    e = json.loads(r.stdout)["plans"][0]["evaluations"][0]
    assert e["not_used"][0]["why"].startswith("not yet known: published")


# --- meaningless inputs are check errors -------------------------------------------------

MEANINGLESS = (
    PLAN
    + """
[[indicators]]
id = "firms"
name = "企业"
category = "c"
unit = "家"
baseline = { year = 2020, value = 0 }
targets = [
  { kind = "multiple", value = 2 },
  { kind = "growth", value = 5 },
  { kind = "level", operator = "at_least", value = -3 },
  { kind = "level", operator = "at_least", value = 3, year = 2019 },
  { kind = "level", operator = "at_least", value = 3, year = 2020 },
  { kind = "growth", value = 5, unit = "家" },
]

[[actuals]]
indicator = "firms"
period = "2023"
value = -4
source = "s"
"""
)


def test_meaningless_inputs_are_check_errors(write: Callable[[str, str], Path]) -> None:
    r = runner.invoke(app, ["check", "--format", "json", str(write("p.toml", MEANINGLESS))])
    assert r.exit_code == 1
    found = [
        (d["code"], d["message"])
        for d in json.loads(r.stdout)["diagnostics"]
        if d["severity"] == "error"
    ]
    codes = [c for c, _ in found]
    assert codes.count("zero-baseline") == 3  # the multiple and both growth targets
    assert codes.count("negative-count") == 2  # the target value and the actual
    assert any(c == "target-year" and "not after its baseline year 2020" in m for c, m in found)
    assert any(
        c == "target-year" and "2019 is not after its baseline year 2020" in m for c, m in found
    )
    assert any(c == "unit-mismatch" and "in % or ‰" in m for c, m in found)
    assert "Traceback" not in r.stdout + r.stderr


# --- every case through the CLI: no traceback, no exit 3 ---------------------------------

CASES = (
    PLAN
    + """
[[sources]]
id = "e"
title = "早的来源"
published = 2024-03-01

[[sources]]
id = "y"
title = "只知年份"
published = "2026"

[[indicators]]
id = "pop"
name = "人口"
category = "c"
unit = "人"
baseline = { year = 2020, value = 745, unit = "万人" }
targets = [{ kind = "level", operator = "at_least", value = 800, unit = "万人" }]

[[indicators]]
id = "pm"
name = "PM2.5"
category = "c"
unit = "微克/立方米"
direction = "lower"
baseline = { year = 2020, value = 30 }
targets = [{ kind = "level", operator = "at_most", value = 35 }]

[[indicators]]
id = "decline"
name = "下降不超过2%"
category = "c"
unit = "万吨"
targets = [{ kind = "growth", value = -2 }, { kind = "compound_change", value = -13.5 }]

[[indicators]]
id = "plants"
name = "不新建"
category = "c"
unit = "个"
direction = "lower"
targets = [{ kind = "cumulative", operator = "at_most", value = 0 },
           { kind = "level", operator = "equal", value = 0 },
           { kind = "hold", operator = "between", low = 0, high = 0 }]

[[indicators]]
id = "fdi"
name = "外资"
category = "c"
unit = "万美元"
targets = [{ kind = "cumulative", operator = "about", value = 55, unit = "亿美元" }]

[[indicators]]
id = "smes"
name = "科技型中小企业"
category = "c"
unit = "家"
targets = [{ kind = "level", operator = "between", low = 5, high = 10 },
           { kind = "level", operator = "at_least", value = 6000 }]

[[actuals]]
indicator = "pop"
period = "2023-Q1..Q4"
value = 7500000
source = "e"

[[actuals]]
indicator = "pm"
period = "2023-01..12"
value = 45
source = "e"

[[actuals]]
indicator = "decline"
period = "2023"
value = -3
unit = "‰"
measure = "growth"
source = "e"

[[actuals]]
indicator = "plants"
period = "2022"
value = 1
measure = "flow"
source = "e"

[[actuals]]
indicator = "plants"
period = "2022"
value = 1
source = "e"

[[actuals]]
indicator = "fdi"
period = "2023"
value = 142000
measure = "flow"
source = "e"

[[actuals]]
indicator = "smes"
period = "2024"
value = 2093
source = "y"
"""
)


@pytest.mark.parametrize("as_of", ["2024-06-30", "2025-03-01", "2026"])
def test_every_case_through_the_cli(write: Callable[[str, str], Path], as_of: str) -> None:
    path = write("cases.toml", CASES)
    r = runner.invoke(app, ["report", "-f", "json", "--as-of", as_of, str(path)])
    assert r.exit_code == 0, r.stdout + r.stderr
    got = {
        (e["indicator"], e["target_index"]): e["status"]
        for p in json.loads(r.stdout)["plans"]
        for e in p["evaluations"]
    }
    assert got[("pop", 0)] == "off_track"  # 750 万 of 800 万 from 745 万
    assert got[("pm", 0)] == "regressing"  # 45 breaks the ≤ 35 the baseline kept
    assert got[("plants", 0)] == "missed"  # a cap of 0 exceeded in 2022: broken for good
    assert got[("plants", 1)] == "off_track"  # a target of 0
    assert got[("plants", 2)] == ("missed" if as_of == "2026" else "off_track")
    assert got[("smes", 0)] in ("achieved", "no_data")  # 2093 ≥ 5, once published
    for ind in ("pop", "pm", "decline", "plants", "fdi", "smes"):
        r = runner.invoke(app, ["show", ind, "--as-of", as_of, str(path)], env={"NO_COLOR": "1"})
        assert r.exit_code == 0, r.stdout + r.stderr
        assert "Traceback" not in r.stdout + r.stderr
        if ind == "fdi":  # 55 亿美元 = 550 000 万美元, 142 000 in: a shortfall once it is over
            assert "units: 55 亿美元 = 550000 万美元" in r.stdout
            assert ("shortfall: 408000 (the period is over)" in r.stdout) is (as_of == "2026")
            assert ("still required" in r.stdout) is (as_of != "2026")
