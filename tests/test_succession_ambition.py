"""The change in ambition between a plan's target and its successor's (succession.ask and
succession.ambition): paces asked, compared in the indicator's better direction."""

from __future__ import annotations

import pytest

from goaltrack.evaluate.succession import Ask, ambition, ask


@pytest.mark.parametrize(
    ("before", "after", "direction", "expected"),
    [
        # growth ≥ 5 %/yr, then ≥ 4.5 %/yr: looser
        (ask("growth", 5, None, None, 5), ask("growth", 4.5, None, None, 5), "higher", "looser"),
        # CO2 intensity −18 % over five years, then −17 %: a smaller fall asked, looser
        (
            ask("compound_change", -18, None, None, 5),
            ask("compound_change", -17, None, None, 5),
            "lower",
            "looser",
        ),
        # R&D intensity 2.4 → 3.2 (0.16 a year), then 2.8 → 3.3 (0.10 a year): looser
        (ask("level", None, 3.2, 2.4, 5), ask("level", None, 3.3, 2.8, 5), "higher", "looser"),
        # capacity 900 → 1200 GW (60 a year), then 2000 → 3600 GW (320 a year): tighter
        (ask("level", None, 1200, 900, 5), ask("level", None, 3600, 2000, 5), "higher", "tighter"),
        # unemployment ≤ 5.5 every year, both plans: unchanged; ≤ 5.0: tighter
        (ask("hold", None, 5.5, None, 5), ask("hold", None, 5.5, None, 5), "lower", "unchanged"),
        (ask("hold", None, 5.5, None, 5), ask("hold", None, 5.0, None, 5), "lower", "tighter"),
        # a level then a growth target: different promises, not ranked
        (ask("level", None, 3.2, 2.4, 5), ask("growth", 7, None, None, 5), "higher", "changed"),
        # no baseline: the pace asked is unknown, not ranked
        (ask("level", None, 3.2, None, 5), ask("level", None, 3.3, 2.8, 5), "higher", "changed"),
        (None, ask("level", None, 12.5, 10, 5), "higher", "new"),
        (ask("level", None, 12.5, 10, 5), None, "higher", "dropped"),
    ],
)
def test_ambition(before: Ask | None, after: Ask | None, direction: str, expected: str) -> None:
    assert ambition(before, after, direction) == expected


def test_asks_are_paces() -> None:
    # (0.82^(1/5) − 1) × 100: −18 % over five years is −3.89 % a year
    assert ask("compound_change", -18, None, None, 5).value == pytest.approx(-3.8913, abs=1e-4)
    assert ask("cumulative", None, 6000, None, 5).value == pytest.approx(1200)
    assert ask("level", None, 3.3, 2.8, 5).value == pytest.approx(0.1)
    assert ask("milestone", None, None, None, 5).value is None
    assert ask("growth", 5, None, None, 0).value is None


def test_compare_plans_on_the_succession_fixture() -> None:
    from pathlib import Path

    from goaltrack.core.diagnostics import Collector
    from goaltrack.evaluate import Options, evaluate_dataset
    from goaltrack.evaluate.plan_compare import compare_plans
    from goaltrack.evaluate.selection import AsOf
    from goaltrack.store.loader import load

    ds = load([Path(__file__).parent / "fixtures" / "succession"], Collector())
    evs = evaluate_dataset(ds, Options(AsOf.parse("2026-12-01")))
    rows = {
        (r.before.indicator if r.before else None, r.after.indicator if r.after else None): r
        for r in compare_plans(ds, evs, "p14", "p15")
    }
    got = {k: r.ambition for k, r in rows.items()}
    assert got == {
        ("p14-gdp", "p15-gdp"): "looser",  # ≥ 5 %/yr, then ≥ 4.5 %/yr
        ("p14-rd", "p15-rd"): "looser",  # 0.16 points a year, then 0.10
        ("p14-unemployment", "p15-unemployment"): "unchanged",
        ("p14-co2", "p15-co2"): "looser",  # −18 %, then −17 % over five years
        ("p14-solar", "p15-solar"): "tighter",  # 60 GW a year, then 320 GW a year
        (None, "p15-digital"): "new",
        ("p14-grain", None): "dropped",
    }
    solar = rows[("p14-solar", "p15-solar")]
    # 9 亿千瓦 → 12 亿千瓦 is 900 → 1200 GW: 60 GW a year, in the successor's unit
    assert solar.before_ask is not None and solar.before_ask.value == pytest.approx(60)
    assert solar.after_ask is not None and solar.after_ask.value == pytest.approx(320)
    assert solar.unit == "GW"
    assert rows[("p14-rd", "p15-rd")].before is not None
    assert rows[("p14-rd", "p15-rd")].before.status == "missed"
