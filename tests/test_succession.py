"""Plan succession (`continues`): one record of a figure read by both plans, the successor's
baseline from the predecessor's figure, and what `check` refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app

from .conftest import FIXTURES

SUCCESSION = FIXTURES / "succession"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def report_json(*args: str) -> dict[str, dict[str, Any]]:
    code, out, err = run("report", "--format", "json", *args)
    assert code in (0, 1), err
    doc = json.loads(out)
    return {e["indicator"]: e for p in doc["plans"] for e in p["evaluations"]}


def test_the_fixture_is_clean() -> None:
    code, _, err = run("check", "--strict", str(SUCCESSION))
    assert code == 0, err
    assert "0 errors, 0 warnings" in err


def test_a_successor_without_baseline_takes_the_predecessors_figure() -> None:
    evs = report_json("--as-of", "2026-12-01", str(SUCCESSION))
    rd = evs["p15-rd"]
    # p14-rd 2.8 % in 2025 (bulletin-2025) is p15's baseline for its baseline year 2025.
    assert rd["baseline"] == {
        "year": 2025,
        "value": 2.8,
        "inherited": {"indicator": "p14-rd", "period": "2025", "source": "bulletin-2025"},
    }
    # A successor with a baseline of its own keeps it and says nothing inherited.
    assert evs["p15-digital"]["baseline"]["inherited"] is None


def test_the_predecessors_figure_is_converted_into_the_successors_unit() -> None:
    # p14-solar records 200000 万千瓦 without a unit (its own): p15-solar is in GW.
    evs = report_json("--as-of", "2026-12-01", str(SUCCESSION))
    assert evs["p15-solar"]["baseline"]["value"] == pytest.approx(2000)
    # the baseline year's figure is the baseline, not progress in the successor's period
    assert evs["p15-solar"]["latest"] is None
    assert evs["p15-solar"]["status"] == "no_data"


def test_no_inherited_baseline_before_the_predecessors_figure_is_published() -> None:
    # bulletin-2025 is published 2026-02-28: on 2026-01-31 the 2025 figure is not known.
    evs = report_json("--as-of", "2026-01-31", str(SUCCESSION))
    assert evs["p15-rd"]["baseline"] == {"year": 2025, "value": None, "inherited": None}


def test_figures_are_read_by_both_plans_and_new_ones_by_the_successor() -> None:
    evs = report_json("--as-of", "2026-12-01", str(SUCCESSION))
    # The predecessor is judged on its own figures only: the 2026 part-year figure of
    # p15-gdp is not the 14th plan's.
    assert evs["p14-gdp"]["status"] == "achieved"
    assert all(p["period"] != "2026-Q1..Q3" for p in evs["p14-gdp"]["inputs"])
    assert any(p["period"] == "2026-Q1..Q3" for p in evs["p15-gdp"]["inputs"])


def test_show_says_where_the_baseline_and_figures_come_from() -> None:
    code, out, err = run("show", "p15-rd", "--as-of", "2026-12-01", str(SUCCESSION))
    assert code == 0, err
    assert "continues p14-rd" in out
    assert "baseline 2.8% in 2025, the 2025 figure of p14-rd (bulletin-2025)" in out
    assert "recorded against p14-rd" in out
    code, out, _ = run("show", "p15-rd", "--as-of", "2026-12-01", "--lang", "zh", str(SUCCESSION))
    assert "承接 p14-rd" in out and "记于 p14-rd" in out
    code, out, _ = run(
        "show", "p15-rd", "--format", "json", "--as-of", "2026-12-01", str(SUCCESSION)
    )
    doc = json.loads(out)
    assert [f["indicator"] for f in doc["figures"]] == ["p14-rd", "p14-rd"]


def test_the_report_table_marks_an_inherited_baseline() -> None:
    code, out, _ = run("report", "--as-of", "2026-12-01", "--plan", "p15", str(SUCCESSION))
    assert code == 0
    assert "from p14-rd" in " ".join(out.split())


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SUCCESSION, data)
    return data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "code", "message"),
    [
        (
            'continues = "p14-rd"',
            'continues = "p14-rdd"',
            "continues-unknown",
            "indicator 'p15-rd' continues unknown indicator 'p14-rdd'",
        ),
        (
            'continues = "p14-rd"',
            'continues = "p15-rd"',
            "continues-cycle",
            "indicator 'p15-rd' continues itself",
        ),
        (
            'continues = "p14-rd"',
            'continues = "p15-gdp"',
            "continues-same-plan",
            "indicator 'p15-rd' continues 'p15-gdp' of the same plan 'p15'",
        ),
        (
            'continues = "p14-solar"\nname = "可再生能源装机容量"\nname_en = "Renewable capacity"\n'
            'category = "green"\nunit = "GW"',
            'continues = "p14-solar"\nname = "可再生能源装机容量"\n'
            'name_en = "Renewable capacity"\ncategory = "green"\nunit = "亿千瓦时"',
            "unit-mismatch",
            "indicator 'p15-solar' (in 亿千瓦时) continues 'p14-solar' (in 万千瓦)",
        ),
    ],
)
def test_check_refuses_a_bad_succession(
    tmp_path: Path, old: str, new: str, code: str, message: str
) -> None:
    data = _copy(tmp_path)
    _edit(data / "p15" / "indicators.toml", old, new)
    exit_code, _, err = run("check", str(data))
    assert exit_code == 1
    assert f"error[{code}]" in err
    assert message in err


def test_check_names_both_families_for_incompatible_units(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data / "p15" / "indicators.toml", 'unit = "GW"', 'unit = "亿千瓦时"')
    _, _, err = run("check", str(data))
    assert "亿千瓦时 is an energy" in err and "万千瓦 is a power" in err


def test_check_finds_a_cycle_across_plans(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(
        data / "p14" / "indicators.toml", 'id = "p14-rd"\n', 'id = "p14-rd"\ncontinues = "p15-rd"\n'
    )
    code, _, err = run("check", str(data))
    assert code == 1
    assert "error[continues-cycle]: indicators continue each other in a cycle" in err
    assert "p14-rd" in err and "p15-rd" in err


def test_check_refuses_a_successor_named_as_predecessor(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(
        data / "p14" / "indicators.toml",
        'id = "p14-grain"\n',
        'id = "p14-grain"\ncontinues = "p15-digital"\n',
    )
    _, _, err = run("check", str(data))
    assert (
        "error[continues-order]: indicator 'p14-grain' continues 'p15-digital', whose "
        "plan 'p15' (2026–2030) does not start before 'p14' (2021–2025)" in err
    )


def test_check_warns_about_a_figure_recorded_twice(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    (data / "actuals" / "copy.toml").write_text(
        '[[actuals]]\nindicator = "p15-rd"\nperiod = "2025"\nvalue = 2.8\n'
        'source = "bulletin-2025"\n',
        encoding="utf-8",
    )
    _, _, err = run("check", str(data))
    assert (
        "warning[continues-copy]: p15-rd 2025 (level) is recorded against its "
        "predecessor 'p14-rd' too" in err
    )


def test_a_predecessors_figures_up_to_the_baseline_year_never_judge_the_successor() -> None:
    # The 14th plan's 2021–2025 figures measure its own period: a 2030 target of the 15th is
    # judged only on figures from 2026 on (bundled: schooling 11.21 in 2024, grain 7.15 in
    # 2025 are the 14th's record, not the 15th's progress).
    r = CliRunner().invoke(app, ["report", "--plan", "cn-15fyp", "-f", "json"])
    assert r.exit_code == 0, r.stderr
    evs = {e["indicator"]: e for p in json.loads(r.stdout)["plans"] for e in p["evaluations"]}
    for ind in ("cn15-schooling", "cn15-grain", "cn15-life-expectancy"):
        assert evs[ind]["latest"] is None and evs[ind]["status"] == "no_data", ind
    assert evs["cn15-grain"]["baseline"]["value"] == pytest.approx(7.14875)


def test_a_plan_in_its_first_year_says_no_figure_can_exist_yet() -> None:
    # 2026-12-06: the 15th plan's 2026 figures come out by the end of April 2027.
    for lang, said in (
        (
            "en",
            "the plan's first year, 2026, has no figure yet: its figures "
            "are normally out by the end of April 2027",
        ),
        ("zh", "规划首年（2026年）尚无数据：该年数据通常于2027年4月底前发布"),
    ):
        r = CliRunner().invoke(
            app,
            ["report", "--plan", "cn-15fyp", "--as-of", "2026-12-06", "--lang", lang, "-f", "json"],
        )
        assert r.exit_code == 0, r.stderr
        evs = [e for p in json.loads(r.stdout)["plans"] for e in p["evaluations"]]
        assert evs and all(e["reason"].endswith(said) for e in evs if e["status"] == "no_data")
    # once 2026's figures are due, a missing one is simply not recorded
    r = CliRunner().invoke(
        app, ["report", "--plan", "cn-15fyp", "--as-of", "2027-06-01", "-f", "json"]
    )
    assert "first year" not in r.stdout


def test_a_first_year_target_says_the_rate_it_asks_from_the_baseline() -> None:
    # Life expectancy ≥ 80 by 2030 from 79.25 in 2025 (inherited): 0.15 a year, before any
    # figure of the plan's period exists.
    r = CliRunner().invoke(
        app, ["report", "--plan", "cn-15fyp", "--as-of", "2026-12-06", "-f", "json"]
    )
    evs = {e["indicator"]: e for p in json.loads(r.stdout)["plans"] for e in p["evaluations"]}
    life = evs["cn15-life-expectancy"]
    assert life["status"] == "no_data" and life["latest"] is None
    assert life["required"] == pytest.approx(0.15)
    assert life["required_label"] == "per year still needed"
