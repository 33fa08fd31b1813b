"""After the period: verdicts are final or provisional, never forecasts, and gaps are said
as what the tool knows (no figure recorded), not as what it cannot know (not yet published).

Minimal datasets: a plan 2021–2025, baseline year 2020 (docs/method.md, "After the period").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.core.models import Actual
from goaltrack.evaluate.elapsed import figure_due, gap_clause
from goaltrack.evaluate.selection import AsOf

from .conftest import PLAN
from .said import en, en_all, zh
from .test_evaluate import dataset, ev
from .test_verdicts import growth

runner = CliRunner()
TARGETS = Path(__file__).parents[1] / "targets"
TODAY = "2026-11-23"

LEVEL = {
    "id": "x",
    "baseline": {"year": 2020, "value": 100},
    "targets": [{"kind": "level", "operator": "at_least", "value": 200}],
}
PM25 = {
    "id": "pm25",
    "unit": "微克/立方米",
    "baseline": {"year": 2020, "value": 34},
    "targets": [{"kind": "level", "operator": "at_most", "value": 32}],
}


# --- 1. "not yet published" only while a figure can still be on its way ------------------


def test_grace_period_ends_with_april_of_the_following_year() -> None:
    assert not figure_due(2025, AsOf(dt.date(2026, 4, 30)))
    assert figure_due(2025, AsOf(dt.date(2026, 5, 1)))
    assert not figure_due(2025, AsOf(dt.date(2025, 12, 31)))
    assert (
        en(gap_clause([2023, 2025], AsOf(dt.date(2026, 3, 1))))
        == "no 2023 figure recorded; none yet for 2025"
    )


def test_missing_final_figure_is_unpublished_only_within_the_grace_period() -> None:
    rows = [{"period": "2024", "value": 150}]
    early = ev(dataset(LEVEL, rows), as_of="2026-03-31")
    late = ev(dataset(LEVEL, rows), as_of=TODAY)
    assert en(early.reason).endswith("; the 2025 figure is not yet published")
    assert "final_pending" in early.flags
    assert en(late.reason).endswith("; no 2025 figure recorded")
    assert "not yet published" not in en(late.reason)
    assert "no_final_figure" in late.flags and "final_pending" not in late.flags
    assert zh(late.reason).endswith("；无2025年数据记录")


def test_cumulative_gaps_after_the_period_are_not_recorded_not_unpublished() -> None:
    # New urban jobs Σ ≥ 40 万: 2021, 2023 in; as of 2026-11-23 nothing says 2022, 2024 and
    # 2025 are unpublished, only that no figure is recorded.
    ind = {
        "id": "jobs",
        "unit": "万人",
        "targets": [{"kind": "cumulative", "operator": "at_least", "value": 40}],
    }
    rows = [
        {"period": "2021", "value": 13, "measure": "flow"},
        {"period": "2023", "value": 13.3, "measure": "flow"},
    ]
    e = ev(dataset(ind, rows), as_of=TODAY)
    assert e.status == "at_risk"
    assert en(e.reason).endswith("; no figure recorded for 2022, 2024, 2025")
    assert "not yet published" not in en(e.reason)
    assert zh(e.reason).endswith("；无 2022、2024、2025 年数据记录")


# --- 2. an early figure after the period is not final ------------------------------------


def test_level_met_early_is_provisional_once_the_period_is_over() -> None:
    # PM2.5 26 in 2024 against ≤ 32 in 2025: met when last measured; on 2026-11-23 with no
    # 2025 figure recorded, achieved but provisional, not final (a level can move back).
    rows = [{"period": "2024", "value": 26}]
    during = ev(dataset(PM25, rows), as_of="2025-06-30")
    after = ev(dataset(PM25, rows), as_of=TODAY)
    assert (during.status, during.final, en_all(during.provisional)) == (
        "achieved",
        False,
        ["rests on the 2024 figure, 1 year(s) before the target year 2025"],
    )
    assert (after.status, after.final) == ("achieved", False)
    assert en_all(after.provisional) == ["rests on the 2024 figure; no 2025 figure recorded"]
    assert {"provisional", "no_final_figure"} <= set(after.flags)
    assert zh(after.provisional[0]) == "依据 2024 数据；无2025年数据记录"


def test_off_track_on_an_early_figure_after_the_period_is_provisional() -> None:
    # 120 in 2022 on the way from 100 to 200: p = 0.2 with all the time gone, off track,
    # resting on the 2022 figure with nothing recorded since.
    e = ev(dataset(LEVEL, [{"period": "2022", "value": 120}]), as_of=TODAY)
    assert (e.status, e.final) == ("off_track", False)
    assert en_all(e.provisional) == [
        "rests on the 2022 figure; no figure recorded for 2023, 2024, 2025"
    ]


def test_single_figure_after_the_period_says_what_it_rests_on() -> None:
    # Tourism revenue 1493 in 2023 against ≥ 2000, no baseline, judged at 2023: from a
    # baseline of 0 it would be 75 % of the way in 60 % of the time (R ≤ 1.24), which cannot
    # tell on track from behind: no verdict, and the reason says exactly why (it was "at risk",
    # counting 2024 and 2025 as time lost). 1000 would be 50 %, R ≤ 0.83: at risk at best.
    ind = {"id": "t", "targets": [{"kind": "level", "operator": "at_least", "value": 2000}]}
    e = ev(dataset(ind, [{"period": "2023", "value": 1493}]), as_of=TODAY)
    assert e.status == "no_data"
    assert en(e.reason) == (
        "1493 in 2023 is 75% of 2000 with 60% of the time gone by then: even "
        "from a baseline of 0 the pace ratio is at most 1.24, which cannot tell "
        "on track from behind without a baseline"
    )
    low = ev(dataset(ind, [{"period": "2023", "value": 1000}]), as_of=TODAY)
    assert low.status == "at_risk"
    assert "rests on the 2023 figure; no figure recorded for 2024, 2025" in en_all(low.provisional)


def test_cumulative_total_reached_with_non_negative_flows_is_final() -> None:
    # 35 + 30.4 of Σ ≈ 55 by 2024: later flows can only add, so the verdict is final.
    ind = {"id": "fdi", "targets": [{"kind": "cumulative", "operator": "about", "value": 55}]}
    rows = [
        {"period": "2023", "value": 35, "measure": "flow"},
        {"period": "2024", "value": 30.4, "measure": "flow"},
    ]
    e = ev(dataset(ind, rows), as_of=TODAY)
    assert (e.status, e.final, en_all(e.provisional)) == ("achieved", True, [])
    assert "no_final_figure" not in e.flags


# --- 3. after the period: final or provisional, never a forecast --------------------------


def test_milestone_in_progress_long_before_the_deadline_becomes_provisional() -> None:
    ind = {"id": "m", "targets": [{"kind": "milestone", "description": "建成"}]}
    rows = [{"period": "2023", "measure": "milestone", "state": "in_progress"}]
    e = ev(dataset(ind, rows), as_of=TODAY)
    assert (e.status, e.final) == ("at_risk", False)  # past the deadline: see below
    assert en_all(e.provisional) == ["last reported in progress in 2023; no later report recorded"]
    assert "no_final_figure" in e.flags
    assert zh(e.provisional[0]) == "最近一次报告为推进中（2023年）；此后无报告记录"
    during = ev(dataset(ind, rows), as_of="2024-06-30")
    assert en_all(during.provisional) == []


def test_growth_after_the_period_names_the_missing_rate() -> None:
    ind = {"id": "g", "targets": [{"kind": "growth", "value": 7}]}
    e = ev(dataset(ind, [growth(y, 4.2) for y in (2022, 2023, 2024, 2025)]), as_of=TODAY)
    assert (e.status, e.final) == ("at_risk", False)
    assert en(e.reason).endswith("; no 2021 figure recorded")
    assert "not every yearly rate" not in en(e.reason)


def test_every_bundled_verdict_after_the_period_is_final_or_provisional() -> None:
    # The JSON must let a reader tell them apart: past the target year, a judged verdict is
    # final exactly when it is not provisional, and a provisional one says why.
    r = runner.invoke(app, ["report", "-f", "json", "--as-of", TODAY, str(TARGETS)])
    assert r.exit_code in (0, 1), r.stderr
    evs = [e for p in json.loads(r.stdout)["plans"] for e in p["evaluations"]]
    judged = [
        e
        for e in evs
        if e["status"] not in ("no_data", "tracked")
        and e["target_year"] is not None
        and e["target_year"] <= 2025
    ]
    assert len(judged) > 20
    for e in judged:
        if "override" in e["flags"]:  # a human judgement, shown as such
            continue
        provisional = "provisional" in e["flags"]
        assert e["final"] != provisional, (e["indicator"], e["final"], e["flags"])
        assert bool(e["provisional"]) == provisional, e["indicator"]
    summary = json.loads(r.stdout)["summary_provisional"]
    assert sum(summary.values()) == sum(1 for e in evs if "provisional" in e["flags"])


# Two levels for 2025: one met in 2024 with no 2025 figure (provisional), one with its 2025
# figure in (final).
EARLY_AND_DONE = """
[[indicators]]
id = "early"
name = "提前"
category = "c"
unit = "家"
targets = [{ kind = "level", operator = "at_least", value = 5000 }]

[[indicators]]
id = "done"
name = "终期"
category = "c"
unit = "家"
targets = [{ kind = "level", operator = "at_least", value = 5000 }]

[[actuals]]
indicator = "early"
period = "2024"
value = 5300
source = "s"

[[actuals]]
indicator = "done"
period = "2025"
value = 5100
source = "s2"

[[sources]]
id = "s2"
title = "来源2"
published = 2026-03-01
"""


def test_report_marks_provisional_verdicts(write: Callable[[str, str], Path]) -> None:
    # Two levels for 2025: one met in 2024 with no 2025 figure (provisional), one with its
    # 2025 figure in (final). Only the first is marked, and the summary counts it.
    path = write("p.toml", PLAN + EARLY_AND_DONE)
    md = runner.invoke(app, ["report", "-f", "md", "--as-of", TODAY, str(path)]).stdout
    early = next(line for line in md.splitlines() if line.startswith("| 提前"))
    done = next(line for line in md.splitlines() if line.startswith("| 终期"))
    assert early.endswith("| ✔ achieved † |")
    assert done.endswith("| ✔ achieved |")
    assert "of which provisional †: ✔ achieved 1" in md
    assert "† provisional" in md
    html = runner.invoke(app, ["report", "-f", "html", "--as-of", TODAY, str(path)]).stdout
    assert html.count("✔ achieved †</td>") == 1
    text = runner.invoke(
        app, ["report", "--ascii", "--as-of", TODAY, str(path)], env={"COLUMNS": "160"}
    ).stdout
    assert "+ achieved ~" in text
    data = json.loads(
        runner.invoke(app, ["report", "-f", "json", "--as-of", TODAY, str(path)]).stdout
    )
    assert data["summary_provisional"]["achieved"] == 1
    assert data["summary"]["achieved"] == 2


def test_show_marks_provisional_verdicts_as_the_report_does(
    write: Callable[[str, str], Path],
) -> None:
    # The same two levels through `show`: the target's header line carries the report's †
    # and the footnote explains it, in English and Chinese; a final verdict has neither.
    path = write("p.toml", PLAN + EARLY_AND_DONE)

    def show(ind: str, *args: str) -> list[str]:
        r = runner.invoke(
            app, ["show", ind, "--as-of", TODAY, *args, str(path)], env={"COLUMNS": "160"}
        )
        assert r.exit_code == 0, r.stderr
        return r.stdout.splitlines()

    lines = show("early")
    assert next(ln for ln in lines if ln.startswith("Target: ")).endswith("→ ✔ achieved †")
    # the footnote, then the chart (no baseline: the levels against the target)
    assert "† provisional (rests on incomplete figures: the reason says which)" in lines
    assert lines[
        lines.index("† provisional (rests on incomplete figures: the reason says which)") + 1
    ].startswith("Trajectory (● reported, ◆ target")
    assert any(ln.startswith("  provisional: ") for ln in lines)
    lines = show("early", "--lang", "zh")
    assert next(ln for ln in lines if ln.startswith("目标：")).endswith("→ ✔ 已完成 †")
    assert "† 暂定（所依据的数据不完整，见说明）" in lines
    lines = show("early", "--ascii")
    assert next(ln for ln in lines if ln.startswith("Target: ")).endswith("-> + achieved ~")
    assert "~ provisional (rests on incomplete figures: the reason says which)" in lines
    assert all(
        ln.isascii()
        for ln in lines[
            lines.index("~ provisional (rests on incomplete figures: the reason says which)") :
        ]
    )
    doc = json.loads("\n".join(show("early", "--format", "json")))
    assert doc["evaluations"][0]["provisional"] and not doc["evaluations"][0]["final"]
    lines = show("done")
    assert next(ln for ln in lines if ln.startswith("Target: ")).endswith("→ ✔ achieved")
    assert not any("†" in ln for ln in lines)


# --- 4. relative targets with gaps ------------------------------------------------------


def test_relative_target_with_gaps_is_provisional() -> None:
    # Income in step with GDP: both growth figures only for 2023 (4.0 against 5.0, short by
    # more than 0.5 points): 0 of 1 years satisfied, provisional on 1 of 5 years.
    gdp = {"id": "gdp", "unit": "亿元"}
    inc = {
        "id": "inc",
        "unit": "元",
        "targets": [{"kind": "relative", "relation": "in_step", "reference": "gdp"}],
    }
    ds = dataset(inc, [growth(2023, 4.0)], extra=(gdp,))
    for y in range(2021, 2026):
        ds.actuals.append(
            Actual.model_validate({"indicator": "gdp", "source": "s", **growth(y, 5.0)})
        )
    e = ev(ds, as_of=TODAY, ind="inc")
    assert (e.status, e.final) == ("off_track", False)
    assert en_all(e.provisional) == [
        "rests on 1 of 5 year(s) with both growth figures; no figure "
        "recorded for 2021, 2022, 2024, 2025"
    ]


# --- 5. a promise that can no longer be kept --------------------------------------------


@pytest.mark.parametrize("as_of", ["2022-12-31", TODAY])
def test_milestone_failed_is_missed_and_final(as_of: str) -> None:
    # The 2023 Asian Cup moved out of China (announced May 2022): 承办亚洲杯 cannot be met.
    ind = {"id": "cup", "targets": [{"kind": "milestone", "description": "承办亚洲杯"}]}
    rows = [{"period": "2022-01..05", "partial": True, "measure": "milestone", "state": "failed"}]
    e = ev(dataset(ind, rows), as_of=as_of)
    assert (e.status, e.final, en_all(e.provisional)) == ("missed", True, [])
    assert "provisional" not in e.flags
    assert zh(e.reason).startswith("报告已无法实现")


def test_milestone_in_progress_past_its_deadline_is_at_risk_not_on_track() -> None:
    # in progress in 2023, deadline 2025, nothing since: on track while time is left, at
    # risk (provisional) once the deadline has passed with no report of completion
    ind = {"id": "m", "targets": [{"kind": "milestone", "description": "建成"}]}
    rows = [{"period": "2023", "measure": "milestone", "state": "in_progress"}]
    during = ev(dataset(ind, rows), as_of="2024-06-30")
    assert during.status == "on_track"
    e = ev(dataset(ind, rows), as_of=TODAY)
    assert (e.status, e.final) == ("at_risk", False)
    assert en(e.reason).endswith("; no report of completion by the deadline 2025")
    assert "provisional" in e.flags
    assert zh(e.reason).endswith("；截至期限 2025年无完成报告")
    done = ev(
        dataset(ind, [*rows, {"period": "2024", "measure": "milestone", "state": "done"}]),
        as_of=TODAY,
    )
    assert (done.status, done.final) == ("achieved", True)


def test_level_met_years_before_its_target_year_is_provisional() -> None:
    # a 2030 share met in 2022: achieved, but a share can fall back before 2030
    ind = {
        "id": "share",
        "unit": "%",
        "targets": [{"kind": "level", "operator": "more_than", "value": 70, "year": 2030}],
    }
    e = ev(dataset(ind, [{"period": "2022", "value": 72}]), as_of=TODAY)
    assert (e.status, e.final) == ("achieved", False)
    assert en_all(e.provisional) == [
        "rests on the 2022 figure, 8 year(s) before the target year 2030"
    ]
    assert zh(e.provisional[0]) == "依据 2022 数据，距目标年 2030年尚有 8 年"
    met_in_time = ev(dataset(ind, [{"period": "2030", "value": 72}]), as_of="2031-06-30")
    assert (met_in_time.status, met_in_time.final, en_all(met_in_time.provisional)) == (
        "achieved",
        True,
        [],
    )
