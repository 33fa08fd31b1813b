"""Hand-computed verdicts for every target kind and status boundary."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltrack.core.dataset import Dataset
from goaltrack.core.models import Actual, Indicator, Plan, Source
from goaltrack.evaluate import Evaluation, Options, Thresholds, evaluate_dataset
from goaltrack.evaluate.selection import AsOf

from .said import comp, en, en_all, whys

PLAN = Plan(
    id="p", name="计划", jurisdiction="某市", level="city", start=2021, end=2025, baseline_year=2020
)


def dataset(
    ind: dict[str, Any],
    actuals: list[dict[str, Any]],
    sources: dict[str, str | None] | None = None,
    extra: tuple[dict[str, Any], ...] = (),
) -> Dataset:
    ds = Dataset()
    ds.plans["p"] = PLAN
    for spec in [ind, *extra]:
        i = Indicator.model_validate(
            {"plan": "p", "name": "x", "category": "c", "unit": "亿元", **spec}
        )
        ds.indicators[i.id] = i
    for sid, pub in (sources or {"s": None}).items():
        ds.sources[sid] = Source(id=sid, title=sid, published=pub)
    for a in actuals:
        ds.actuals.append(Actual.model_validate({"indicator": ind["id"], "source": "s", **a}))
    return ds


def ev(ds: Dataset, as_of: str = "2023", ind: str | None = None, **kw: Any) -> Evaluation:
    evs = evaluate_dataset(ds, Options(AsOf.parse(as_of), **kw))
    evs = [e for e in evs if ind is None or e.indicator == ind]
    return evs[0]


LEVEL = {
    "id": "gdp",
    "baseline": {"year": 2020, "value": 100},
    "targets": [{"kind": "level", "operator": "at_least", "value": 200}],
}


def test_level_pace_formula() -> None:
    # b=2020 B=100, t=2025 T=200; A=160 in 2023: p=0.6, τ=0.6, R=1.0 → on track
    e = ev(dataset(LEVEL, [{"period": "2023", "value": 160}]))
    assert e.progress == pytest.approx(0.6)
    assert e.time_elapsed == pytest.approx(0.6)
    assert e.pace_ratio == pytest.approx(1.0)
    assert e.status == "on_track"
    assert e.required == pytest.approx(20)  # (200 − 160)/2 years


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (157.1, "on_track"),  # R = 0.571/0.6 = 0.952
        (156.9, "at_risk"),  # R = 0.948
        (136.1, "at_risk"),  # R = 0.6017
        (135.9, "off_track"),  # R = 0.598
        (100.0, "off_track"),  # R = 0
        (99.0, "regressing"),
    ],  # R < 0
)
def test_level_threshold_boundaries(value: float, status: str) -> None:
    e = ev(dataset(LEVEL, [{"period": "2023", "value": value}]))
    assert e.status == status, en(e.reason)


def test_level_met_early_is_achieved_not_final() -> None:
    e = ev(dataset(LEVEL, [{"period": "2022", "value": 210}]))
    assert (e.status, e.final) == ("achieved", False)


def test_level_missed_after_target_year() -> None:
    e = ev(dataset(LEVEL, [{"period": "2025", "value": 190}]), as_of="2026")
    assert (e.status, e.final) == ("missed", True)


def test_final_figure_pending_after_period() -> None:
    # The period is over, the 2024 level is judged at 2024: 90 % of the way in 80 % of the
    # time, R = 1.125, on track, provisional for want of the 2025 figure (was at risk, τ = 1).
    e = ev(dataset(LEVEL, [{"period": "2024", "value": 190}]), as_of="2026")
    assert e.status == "on_track"
    assert e.pace_ratio == pytest.approx(1.125)
    assert {"no_final_figure", "provisional"} <= set(e.flags)
    assert en_all(e.provisional) == ["rests on the 2024 figure; no 2025 figure recorded"]
    assert e.required == pytest.approx(10)
    assert str(e.required_label).startswith("short of the target")
    # Before the end of April 2026 the 2025 figure is normally not out yet: pending.
    early = ev(dataset(LEVEL, [{"period": "2024", "value": 190}]), as_of="2026-03-31")
    assert {"final_pending", "provisional"} <= set(early.flags)
    assert "no_final_figure" not in early.flags
    assert en(early.reason).endswith("; the 2025 figure is not yet published")


def test_thresholds_configurable() -> None:
    ds = dataset(LEVEL, [{"period": "2023", "value": 150}])  # R = 0.833
    assert ev(ds).status == "at_risk"
    assert ev(ds, thresholds=Thresholds(on_track=0.8, at_risk=0.5)).status == "on_track"


def test_lower_is_better_level() -> None:
    ind = {
        "id": "pm",
        "unit": "微克/立方米",
        "direction": "lower",
        "baseline": {"year": 2020, "value": 40},
        "targets": [{"kind": "level", "operator": "at_most", "value": 30}],
    }
    # 36 in 2022: p = (36−40)/(30−40) = 0.4, τ = 0.4 → R = 1
    e = ev(dataset(ind, [{"period": "2022", "value": 36}]), as_of="2022")
    assert e.pace_ratio == pytest.approx(1.0)
    e = ev(dataset(ind, [{"period": "2022", "value": 42}]), as_of="2022")
    assert e.status == "regressing"


def test_about_tolerance_and_between() -> None:
    about = {
        "id": "x",
        "baseline": {"year": 2020, "value": 10},
        "targets": [{"kind": "level", "operator": "about", "value": 12, "tolerance": 0.5}],
    }
    assert ev(dataset(about, [{"period": "2023", "value": 11.6}])).status == "achieved"
    between = {
        "id": "y",
        "unit": "家",
        "baseline": {"year": 2020, "value": 0},
        "targets": [{"kind": "level", "operator": "between", "low": 5, "high": 10}],
    }
    assert ev(dataset(between, [{"period": "2023", "value": 7}])).status == "achieved"
    # 3 in 2023 towards the lower bound 5: p = 0.6, τ = 0.6
    assert ev(dataset(between, [{"period": "2023", "value": 3}])).pace_ratio == pytest.approx(1)


def test_multiple_and_change_convert_to_level() -> None:
    mult = {
        "id": "firms",
        "unit": "家",
        "baseline": {"year": 2020, "value": 2400},
        "targets": [{"kind": "multiple", "value": 2}],
    }
    e = ev(dataset(mult, [{"period": "2024", "value": 4000}]), as_of="2024")
    assert e.target_value == 4800
    assert "converted_to_level" in e.flags
    assert e.progress == pytest.approx(1600 / 2400)
    assert e.pace_ratio == pytest.approx((1600 / 2400) / 0.8)
    change = {
        "id": "life",
        "unit": "岁",
        "baseline": {"year": 2020, "value": 80},
        "targets": [{"kind": "change", "value": 1}],
    }
    assert (
        ev(dataset(change, [{"period": "2024", "value": 81.2}]), as_of="2024").status == "achieved"
    )


def test_hold_every_year() -> None:
    ind = {
        "id": "u",
        "unit": "%",
        "direction": "lower",
        "targets": [{"kind": "hold", "operator": "at_most", "value": 4.5}],
    }
    rows = [{"period": str(y), "value": 4.0} for y in range(2021, 2026)]
    assert ev(dataset(ind, rows[:3]), as_of="2023").status == "on_track"
    e = ev(dataset(ind, rows), as_of="2026")
    assert (e.status, e.final) == ("achieved", True)
    broken = [*rows[:2], {"period": "2023", "value": 4.6}]
    assert ev(dataset(ind, broken), as_of="2024").status == "off_track"
    assert ev(dataset(ind, [*broken, *rows[3:]]), as_of="2026").status == "missed"
    e = ev(dataset(ind, [rows[0], rows[2]]), as_of="2023")
    assert comp(e)["years_missing"] == [2022]
    assert "missing_years" in e.flags


def test_growth_geometric_mean_and_required_rate() -> None:
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 6}]}
    rows = [
        {"period": "2021", "value": 8.0, "measure": "growth", "unit": "%"},
        {"period": "2022", "value": 4.0, "measure": "growth", "unit": "%"},
    ]
    e = ev(dataset(ind, rows), as_of="2022")
    g = ((1.08 * 1.04) ** 0.5 - 1) * 100
    assert comp(e)["G"] == pytest.approx(g)
    assert e.pace_ratio == pytest.approx(math.log1p(g / 100) / math.log1p(0.06))
    need = ((1.06**5 / (1.08 * 1.04)) ** (1 / 3) - 1) * 100
    assert e.required == pytest.approx(need)


def test_growth_derived_from_levels() -> None:
    ind = {
        "id": "g",
        "baseline": {"year": 2020, "value": 100},
        "targets": [{"kind": "growth", "value": 5}],
    }
    e = ev(
        dataset(ind, [{"period": "2021", "value": 105}, {"period": "2022", "value": 110.25}]),
        as_of="2022",
    )
    # 亿元 levels are at current prices: the growth derived from them is nominal, flagged.
    assert comp(e)["rates_from"] == "derived from current-price levels (nominal)"
    assert "nominal" in e.flags
    assert comp(e)["G"] == pytest.approx(5.0)
    assert e.status == "on_track"
    stock = ev(
        dataset(
            {**ind, "unit": "家"},
            [{"period": "2021", "value": 105}, {"period": "2022", "value": 110.25}],
        ),
        as_of="2022",
    )
    assert comp(stock)["rates_from"] == "derived from levels"
    assert "nominal" not in stock.flags


def test_growth_final() -> None:
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 6}]}
    rows = [
        {"period": str(y), "value": 5.0, "measure": "growth", "unit": "%"}
        for y in range(2021, 2026)
    ]
    e = ev(dataset(ind, rows), as_of="2026")
    assert (e.status, e.final) == ("missed", True)


def test_cumulative_sum_of_flows() -> None:
    ind = {
        "id": "jobs",
        "unit": "万人",
        "targets": [{"kind": "cumulative", "operator": "at_least", "value": 40}],
    }
    rows = [
        {"period": "2021", "value": 9, "measure": "flow"},
        {"period": "2022", "value": 70000, "unit": "人", "measure": "flow"},
    ]
    e = ev(dataset(ind, rows), as_of="2022")
    assert comp(e)["sum"] == pytest.approx(16)
    assert e.progress == pytest.approx(0.4)
    assert e.time_elapsed == pytest.approx(0.4)
    assert e.status == "on_track"
    assert e.required == pytest.approx(8)


def test_compound_change() -> None:
    ind = {
        "id": "energy",
        "unit": "吨标准煤/万元",
        "direction": "lower",
        "targets": [{"kind": "compound_change", "value": -13.5}],
    }
    rows = [
        {"period": "2021", "value": -3, "measure": "growth", "unit": "%"},
        {"period": "2022", "value": -3, "measure": "growth", "unit": "%"},
    ]
    e = ev(dataset(ind, rows), as_of="2022")
    combined = (0.97 * 0.97 - 1) * 100
    assert comp(e)["C"] == pytest.approx(combined)
    p = math.log1p(combined / 100) / math.log1p(-0.135)  # compounding measured in logs
    assert e.progress == pytest.approx(p)
    assert e.pace_ratio == pytest.approx(p / 0.4)


def test_relative_in_step() -> None:
    gdp = {"id": "gdp", "targets": []}
    income = {
        "id": "income",
        "unit": "元",
        "targets": [{"kind": "relative", "reference": "gdp", "relation": "in_step"}],
    }
    ds = dataset(
        income,
        [
            {"period": "2021", "value": 7.0, "measure": "growth", "unit": "%"},
            {"period": "2022", "value": 3.0, "measure": "growth", "unit": "%"},
        ],
        extra=(gdp,),
    )
    for y, g in (("2021", 7.2), ("2022", 5.0)):
        ds.actuals.append(
            Actual(indicator="gdp", period=y, value=g, measure="growth", unit="%", source="s")
        )
    e = ev(ds, as_of="2022", ind="income")
    assert e.progress == pytest.approx(0.5)  # 2021 within 0.5 pp, 2022 not
    assert e.status == "off_track"


def test_milestone_states() -> None:
    ind = {"id": "m", "unit": "项", "targets": [{"kind": "milestone", "description": "建成"}]}
    assert ev(dataset(ind, [])).status == "no_data"
    done = [{"period": "2023", "measure": "milestone", "state": "done"}]
    assert ev(dataset(ind, done)).status == "achieved"
    prog = [{"period": "2023", "measure": "milestone", "state": "in_progress"}]
    assert ev(dataset(ind, prog)).status == "on_track"
    late = [{"period": "2025", "measure": "milestone", "state": "in_progress"}]
    assert ev(dataset(ind, late), as_of="2026").status == "missed"


def test_partial_period_used_only_without_full_year() -> None:
    # A stock (家): January–October is used, provisional; a full year replaces it.
    stock = {**LEVEL, "unit": "家"}
    rows = [{"period": "2023-01..10", "value": 150}]
    e = ev(dataset(stock, rows))
    assert "provisional" in e.flags
    e = ev(dataset(stock, [*rows, {"period": "2023", "value": 160}]))
    assert e.latest is not None and e.latest.period == "2023"
    assert "provisional" not in e.flags


def test_proxy_never_drives_verdict() -> None:
    e = ev(
        dataset(
            LEVEL,
            [
                {
                    "period": "2023",
                    "value": 300,
                    "comparability": "proxy",
                    "notes": "a related measure",
                }
            ],
        )
    )
    assert e.status == "no_data"
    assert len(e.context) == 1


def test_conflicting_sources_latest_wins_and_as_of_before_revision() -> None:
    ds = dataset(
        LEVEL,
        [
            {"period": "2023", "value": 160, "source": "a"},
            {"period": "2023", "value": 130, "source": "b", "revises": "a"},
        ],
        sources={"a": "2024-03-01", "b": "2025-03-01"},
    )
    assert ev(ds, as_of="2025-06-30").latest.value == 130  # type: ignore[union-attr]
    assert ev(ds, as_of="2024-06-30").latest.value == 160  # type: ignore[union-attr]
    assert ev(ds, as_of="2025-06-30", vintage="first").latest.value == 160  # type: ignore[union-attr]


def test_a_revision_of_several_sources_supersedes_each_and_a_cycle_still_chooses() -> None:
    ds = dataset(
        LEVEL,
        [
            {"period": "2023", "value": 160, "source": "a", "status": "estimate"},
            {"period": "2023", "value": 160, "source": "b"},
            {"period": "2023", "value": 170, "source": "c", "revises": ["a", "b"]},
        ],
        sources={"a": "2024-01-10", "b": "2024-05-01", "c": "2024-03-01"},
    )
    e = ev(ds, as_of="2024-12-31")
    assert e.latest is not None and e.latest.value == 170  # c revises b, published later
    assert sorted((p.source, why) for p, why in whys(e.superseded)) == [
        ("a", "revised by c"),
        ("b", "revised by c"),
    ]
    # b revises c, c revises a and b: a cycle (a `check` error); the latest is still chosen.
    ds.actuals[1] = Actual.model_validate(
        {"indicator": "gdp", "source": "b", "period": "2023", "value": 160, "revises": "c"}
    )
    e = ev(ds, as_of="2024-12-31")
    assert e.latest is not None and e.latest.source == "b"


def test_override_is_shown() -> None:
    ind = {
        **LEVEL,
        "targets": [
            {
                "kind": "level",
                "operator": "at_least",
                "value": 200,
                "override": {"status": "at_risk", "reason": "known revision"},
            }
        ],
    }
    e = ev(dataset(ind, [{"period": "2023", "value": 160}]))
    assert e.status == "at_risk"
    assert comp(e)["computed_status"] == "on_track"
    assert "override" in e.flags


def test_projection_method() -> None:
    ds = dataset(LEVEL, [{"period": "2022", "value": 121}])  # +10%/yr → 2025: 161 < 200
    e = ev(ds, method="projection")
    assert e.projected_value == pytest.approx(100 * 1.1**5)
    assert e.projected_meets is False
    assert "projection" in e.flags


ORDER = {"regressing": 0, "off_track": 1, "at_risk": 2, "on_track": 3, "achieved": 4}


@settings(max_examples=60, deadline=None)
@given(a=st.floats(50, 260), d=st.floats(0, 50))
def test_better_latest_never_worse(a: float, d: float) -> None:
    worse = ev(dataset(LEVEL, [{"period": "2023", "value": a}])).status
    better = ev(dataset(LEVEL, [{"period": "2023", "value": a + d}])).status
    assert ORDER[better] >= ORDER[worse]


@settings(max_examples=30, deadline=None)
@given(
    st.permutations(
        [{"period": str(y), "value": 100 + 10 * i} for i, y in enumerate(range(2021, 2025))]
    )
)
def test_independent_of_order(rows: list[dict[str, Any]]) -> None:
    e = ev(dataset(LEVEL, rows), as_of="2024")
    assert e.latest is not None and e.latest.period == "2024"
    assert e.pace_ratio == pytest.approx((30 / 100) / 0.8)


def test_about_counts_overshoot_in_the_better_direction() -> None:
    # 降至12%左右: 11% is met, 12.4% is within the tolerance, 13% is not.
    ind = {
        "id": "cost",
        "unit": "%",
        "direction": "lower",
        "baseline": {"year": 2020, "value": 15},
        "targets": [{"kind": "level", "operator": "about", "value": 12, "tolerance": 0.5}],
    }
    assert ev(dataset(ind, [{"period": "2023", "value": 11}])).status == "achieved"
    assert ev(dataset(ind, [{"period": "2023", "value": 12.4}])).status == "achieved"
    assert ev(dataset(ind, [{"period": "2023", "value": 13}])).status != "achieved"
    neither = {**ind, "id": "n", "direction": "neither"}
    assert ev(dataset(neither, [{"period": "2023", "value": 11}])).status != "achieved"
