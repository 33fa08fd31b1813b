"""Mistakes caught where they are made: units at their definition, magnitude slips,
direction of capped indicators, invalid records counted in the summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from goaltrack.cli import app

from .conftest import PLAN

runner = CliRunner()
Write = Callable[[str, str], Path]


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


INDICATORS = """
[defaults]
plan = "p"

[[indicators]]
id = "fdi"
name = "实际利用外资"
category = "economy"
unit = "{unit}"
citation = {{ source = "s", quote = "55亿美元左右" }}

[[indicators.targets]]
kind = "cumulative"
operator = "about"
value = 55
"""

ACTUALS = """
[defaults]
source = "s"

[[actuals]]
indicator = "fdi"
period = "2022"
value = 11
measure = "flow"
unit = "亿美元"
quote = "11亿美元"
"""


def test_unknown_unit_is_reported_at_its_definition_only(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write("ind.toml", INDICATORS.format(unit="亿"))
    write("actuals.toml", ACTUALS)
    code, _, err = run("check", str(tmp_path))
    assert code == 1
    assert (
        "ind.toml:8:8: error[unit]: indicators[0].unit: '亿' is a magnitude without a unit" in err
    )
    assert '8 | unit = "亿"\n  |        ^^^^\n  hint: did you mean 亿元 / 亿美元?' in err
    # The figure that uses the indicator is not blamed a second time.
    assert "actuals.toml" not in err
    assert "1 errors, 0 warnings" in err


def test_unit_suggestions_and_accepted_alias(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write("ind.toml", INDICATORS.format(unit="亿美金"))
    code, _, err = run("check", str(tmp_path))
    assert code == 1
    assert "error[unit]: indicators[0].unit: unknown unit '亿美金'" in err
    assert "hint: did you mean 亿美元?" in err
    write("ind.toml", INDICATORS.format(unit="万标准箱"))
    write("actuals.toml", ACTUALS.replace("亿美元", "万标箱"))
    code, _, err = run("check", str(tmp_path))
    assert code == 0, err


def test_an_invalid_indicator_is_counted_not_dropped(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write(
        "ind.toml",
        INDICATORS.format(unit="万")
        + """
[[indicators]]
id = "ok"
name = "好指标"
category = "economy"
unit = "家"
""",
    )
    code, out, err = run("check", str(tmp_path))
    assert code == 1
    assert "2 indicators (1 invalid)" in err
    code, out, _ = run("check", "--format", "json", str(tmp_path))
    summary = json.loads(out)["summary"]
    assert summary["indicators"] == 2
    assert summary["invalid_indicators"] == 1


SERIES = """
[defaults]
plan = "p"

[[indicators]]
id = "firms"
name = "高新技术企业"
category = "innovation"
unit = "家"
baseline = {{ year = 2020, value = 2400 }}
citation = {{ source = "s", quote = "5000家" }}

[[indicators.targets]]
kind = "level"
operator = "at_least"
value = 5000

[[actuals]]
indicator = "firms"
period = "2021"
value = 2700
source = "s"

[[actuals]]
indicator = "firms"
period = "2022"
value = {v2022}
source = "s"
{notes}
[[actuals]]
indicator = "firms"
period = "2023"
value = 3600
source = "s"
"""


def test_magnitude_slip_is_a_warning_at_the_figure(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write("data.toml", SERIES.format(v2022=31, notes=""))
    code, _, err = run("check", str(tmp_path))
    assert code == 0
    assert (
        "data.toml:23:1: warning[magnitude]: firms 2022: 31 家 is about 87× smaller than "
        "the figure(s) next to it in its series (2700, 3600)"
    ) in err
    assert "1 warnings" in err
    assert run("check", "--strict", str(tmp_path))[0] == 1
    # Ten times is a real change as far as this check knows; a note silences a real jump.
    write("data.toml", SERIES.format(v2022=270, notes=""))
    assert "[magnitude]" not in run("check", str(tmp_path))[2]
    write("data.toml", SERIES.format(v2022=31, notes='notes = "重新统计口径"'))
    assert "[magnitude]" not in run("check", str(tmp_path))[2]


def test_magnitude_two_figures_blames_the_one_far_from_the_target(
    tmp_path: Path, write: Write
) -> None:
    write("plan.toml", PLAN)
    write(
        "data.toml",
        """
        [defaults]
        plan = "p"

        [[indicators]]
        id = "unemployment"
        name = "城镇登记失业率"
        category = "livelihood"
        unit = "%"

        [[indicators.targets]]
        kind = "hold"
        operator = "at_most"
        value = 4.5

        [[actuals]]
        indicator = "unemployment"
        period = "2021"
        value = 0.035
        source = "s"

        [[actuals]]
        indicator = "unemployment"
        period = "2022"
        value = 3.8
        source = "s"
        """,
    )
    code, _, err = run("check", str(tmp_path))
    assert code == 0
    assert "data.toml:15:1: warning[magnitude]: unemployment 2021: 0.035 %" in err
    assert err.count("[magnitude]") == 1


def test_direction_of_a_capped_indicator_is_inferred(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write(
        "ind.toml",
        """
        [defaults]
        plan = "p"

        [[indicators]]
        id = "pm25"
        name = "细颗粒物浓度"
        category = "environment"
        unit = "微克/立方米"

        [[indicators.targets]]
        kind = "level"
        operator = "at_most"
        value = 30

        [[indicators]]
        id = "gdp"
        name = "地区生产总值"
        category = "economy"
        unit = "亿元"

        [[indicators.targets]]
        kind = "level"
        operator = "at_most"
        value = 30000

        [[indicators.targets]]
        kind = "growth"
        value = 6
        """,
    )
    code, out, err = run("report", "--format", "json", str(tmp_path))
    assert code == 0, err
    direction = {
        e["indicator"]: e["direction"] for p in json.loads(out)["plans"] for e in p["evaluations"]
    }
    assert direction == {"pm25": "lower", "gdp": "higher"}
    code, out, _ = run("show", "pm25", str(tmp_path))
    assert "lower is better (inferred)" in " ".join(out.split())
    code, out, _ = run("show", "gdp", str(tmp_path))
    assert "higher is better (default)" in " ".join(out.split())


def test_record_suggests_a_unit(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write("ind.toml", INDICATORS.format(unit="亿美元"))
    code, out, err = run(
        "record",
        "fdi",
        "2022",
        "11",
        "--source",
        "s",
        "--measure",
        "flow",
        "--unit",
        "亿美金",
        "--data",
        str(tmp_path),
    )
    assert code == 2
    assert out == ""
    assert "unit: unknown unit '亿美金' (did you mean 亿美元?)" in err
    assert not (tmp_path / "actuals").exists()


def test_a_written_direction_that_the_targets_contradict(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write(
        "ind.toml",
        """
        [defaults]
        plan = "p"

        [[indicators]]
        id = "pm25"
        name = "细颗粒物浓度"
        category = "environment"
        unit = "微克/立方米"
        direction = "higher"
        citation = { source = "s", quote = "30微克/立方米以内" }

        [[indicators.targets]]
        kind = "level"
        operator = "at_most"
        value = 30

        [[indicators]]
        id = "aqi-days"
        name = "空气质量优良天数比例"
        category = "environment"
        unit = "%"
        direction = "neither"
        citation = { source = "s", quote = "85%以上" }

        [[indicators.targets]]
        kind = "hold"
        operator = "at_least"
        value = 85
        """,
    )
    code, _, err = run("check", str(tmp_path))
    assert code == 0
    assert (
        "ind.toml:9:1: warning[direction]: indicator 'pm25': direction 'higher', but every "
        "target caps it (at_most)"
    ) in err
    assert '9 | direction = "higher"' in err
    assert 'hint: is lower better? write `direction = "lower"`' in err
    assert err.count("[direction]") == 1  # "neither" is never contradicted
    assert run("check", "--strict", str(tmp_path))[0] == 1


MILESTONES = """
[defaults]
plan = "p"

[[indicators]]
id = "hub"
name = "交易平台"
category = "economy"
unit = "项"
citation = {{ source = "s", quote = "建立交易平台" }}

[[indicators.targets]]
kind = "milestone"
description = "建立交易平台"
{second}"""

SECOND = """
[[indicators.targets]]
kind = "milestone"
description = "实现保税交易"
"""


def test_several_milestones_on_one_indicator_are_a_warning_at_the_second(
    tmp_path: Path, write: Write
) -> None:
    write("plan.toml", PLAN)
    write("ind.toml", MILESTONES.format(second=SECOND))
    code, _, err = run("check", str(tmp_path))
    assert code == 0  # the second [[indicators.targets]] is on line 15
    assert "ind.toml:15:1: warning[shared-milestone]: indicator 'hub' has 2 milestone" in err
    assert "give each milestone an indicator of its own" in err
    code, _, err = run("check", "--strict", str(tmp_path))
    assert code == 1 and "error[shared-milestone]" in err
    write("ind.toml", MILESTONES.format(second=""))
    code, _, err = run("check", "--strict", str(tmp_path))
    assert "shared-milestone" not in err


# --- keys a target's kind or operator does not use ------------------------------------------

TARGET = """
[defaults]
plan = "p"

[[indicators]]
id = "gdp"
name = "地区生产总值"
category = "economy"
unit = "亿元"
baseline = {{ year = 2020, value = 7000 }}

[[indicators.targets]]
{target}
"""

GDP_2022 = """
[[actuals]]
indicator = "gdp"
period = "2022"
value = 8000
source = "s"
"""


def _target(tmp_path: Path, write: Write, target: str) -> tuple[int, str, str]:
    write("plan.toml", PLAN)
    write("ind.toml", TARGET.format(target=target))
    write("actuals.toml", GDP_2022)
    return run("check", "--format", "json", str(tmp_path))


def _problems(out: str) -> list[tuple[str, int, int, str]]:
    return [
        (d["code"], d["line"], d["column"], d["message"])
        for d in json.loads(out)["diagnostics"]
        if d["severity"] == "error"
    ]


def test_between_on_a_growth_target_is_an_error_not_a_crash(tmp_path: Path, write: Write) -> None:
    target = 'kind = "growth"\noperator = "between"\nlow = 5\nhigh = 7\nvalue = 6'
    code, out, _ = _target(tmp_path, write, target)
    assert code == 1
    assert _problems(out) == [
        (
            "invalid-value",
            13,
            1,
            "growth target of 'gdp': operator 'between' is for level and hold targets; "
            "a growth target is judged on one value",
        ),
        ("unused-key", 14, 1, "growth target of 'gdp': a growth target does not use 'low'"),
        ("unused-key", 15, 1, "growth target of 'gdp': a growth target does not use 'high'"),
    ]
    # report refuses the dataset (exit 1) instead of failing inside the engine (exit 3)
    code, _, err = run("report", "--format", "json", str(tmp_path))
    assert code == 1, err
    assert "fix them first" in err


def test_a_relative_key_on_a_growth_target_is_pointed_at(tmp_path: Path, write: Write) -> None:
    code, out, _ = _target(tmp_path, write, 'kind = "growth"\nvalue = 6\nrelation = "faster"')
    assert code == 1
    assert _problems(out) == [
        ("unused-key", 14, 1, "growth target of 'gdp': a growth target does not use 'relation'")
    ]
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert "ind.toml:14:1: error[unused-key]" in r.stderr
    assert '14 | relation = "faster"\n   | ^^^^^^^^' in r.stderr
    assert "hint: `reference` and `relation` make a relative target: check `kind`" in r.stderr


def test_keys_the_operator_does_not_use(tmp_path: Path, write: Write) -> None:
    target = 'kind = "level"\noperator = "at_least"\nvalue = 9000\nlow = 1\ntolerance = 100'
    code, out, _ = _target(tmp_path, write, target)
    assert code == 1
    assert [(c, line, m.split(": ", 1)[1]) for c, line, _, m in _problems(out)] == [
        ("unused-key", 15, "'low' is used only with operator 'between'"),
        ("unused-key", 16, "'tolerance' is used only with operator 'about' (左右)"),
    ]


def test_value_beside_between_bounds(tmp_path: Path, write: Write) -> None:
    target = 'kind = "level"\noperator = "between"\nlow = 8000\nhigh = 9000\nvalue = 8500'
    code, out, _ = _target(tmp_path, write, target)
    assert code == 1
    assert [m.split(": ", 1)[1] for *_, m in _problems(out)] == [
        "'value' is not used with operator 'between'"
    ]


def test_inline_targets_are_pointed_at_the_key(tmp_path: Path, write: Write) -> None:
    write("plan.toml", PLAN)
    write(
        "ind.toml",
        """
        [[indicators]]
        id = "gdp"
        plan = "p"
        name = "地区生产总值"
        category = "economy"
        unit = "亿元"
        targets = [
          { kind = "milestone", description = "建成", operator = "at_least" },
          { kind = "relative", reference = "gdp2", relation = "faster", tolerance = 0.5 },
        ]

        [[indicators]]
        id = "gdp2"
        plan = "p"
        name = "二"
        category = "economy"
        unit = "亿元"
        """,
    )
    code, out, _ = run("check", "--format", "json", str(tmp_path))
    assert code == 1
    assert [(c, line, col) for c, line, col, _ in _problems(out)] == [
        ("unused-key", 8, 45),
        ("unused-key", 9, 65),
    ]
    messages = [m for *_, m in _problems(out)]
    assert messages == [
        "milestone target of 'gdp': a milestone target does not use 'operator'",
        "relative target of 'gdp': 'tolerance' is not used with relation 'faster'",
    ]


def test_every_kind_in_the_bundled_data_uses_only_its_keys() -> None:
    """The table names real keys, and the bundled data (all nine kinds) has no unused key."""
    from goaltrack.core.models import COMMON_TARGET_KEYS, TARGET_KEYS, Target
    from goaltrack.core.vocab import TARGET_KINDS
    from goaltrack.store.locate import bundled_dataset

    assert set(TARGET_KEYS) == set(TARGET_KINDS)
    for kind, keys in TARGET_KEYS.items():
        assert not keys & COMMON_TARGET_KEYS
        assert keys <= set(Target.model_fields), kind
    code, out, _ = run("check", "--format", "json", str(bundled_dataset()))
    doc = json.loads(out)
    assert code == 0
    assert not [d for d in doc["diagnostics"] if d["code"] in ("unused-key", "invalid-value")]
    r = run("list", "--format", "json", str(bundled_dataset()))
    assert all(k in r[1] for k in TARGET_KINDS)
