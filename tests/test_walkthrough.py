"""A newcomer's day, through the CLI: init → edit (the usual mistakes) → check (each mistake
named at its line) → fix → record → fmt → check --strict clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app

runner = CliRunner()
PLAN = "newtown-14fyp"
BULLETIN_2022 = "newtown-bulletin-2022"


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the only line of `path` that contains `text`."""
    hits = [
        n for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in ln
    ]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


PM25 = """
[[indicators]]
id = "pm25"
name = "细颗粒物（PM2.5）平均浓度"
category = "livelihood"
unit = "微克/立方米"
nature = "binding"
citation = { source = "newtown-14fyp-outline", quote = "PM2.5浓度控制在30微克以内" }

[[indicators.targets]]
kind = "level"
operator = "at_most"
value = 30

[[indicators]]
id = "fdi"
name = "实际利用外资"
category = "economy"
unit = "亿美金"
nature = "expected"
citation = { source = "newtown-14fyp-outline", quote = "累计利用外资55亿美元" }

[[indicators.targets]]
kind = "cumulative"
operator = "at_least"
value = 55
"""

SOURCE_2022 = f"""
[[sources]]
id = "{BULLETIN_2022}"
title = "示例市2022年国民经济和社会发展统计公报"
publisher = "示例市统计局"
published = 2023-03-20
"""

SLIP = """
[[actuals]]
indicator = "hitech-firms"
period = "2022"
value = 30.5
quote = "高新技术企业3050家"
"""


def test_a_newcomers_day(tmp_path: Path) -> None:
    d = tmp_path / "newtown"
    indicators = d / PLAN / "indicators.toml"
    actuals = d / "actuals" / f"{PLAN}-bulletin-2023.toml"

    # 1. A skeleton that is already clean.
    code, _, err = run("init", str(d), "--plan", PLAN)
    assert code == 0, err
    assert run("check", "--strict", str(d))[0] == 0

    # 2. The usual mistakes: a magnitude for a unit, a slang currency, a figure 100× off
    #    (and so not the number of its quote), a rate written as a fraction, and a capped
    #    indicator without `direction`.
    edit(indicators, 'unit = "亿元"', 'unit = "亿"')
    append(indicators, PM25)
    append(d / "sources.toml", SOURCE_2022)
    append(actuals, SLIP)
    edit(actuals, "value = 3.8\n", "value = 0.038\n")  # 3.8 % written as a fraction

    # 3. check names each mistake at its line, and counts what it could not load.
    code, _, err = run("check", str(d))
    assert code == 1
    ind_label = f"newtown/{PLAN}/indicators.toml"
    gdp_unit = line_of(indicators, 'unit = "亿"')
    assert (
        f"{ind_label}:{gdp_unit}:8: error[unit]: indicators[0].unit: '亿' is a magnitude "
        "without a unit" in err
    )
    assert "hint: did you mean 亿元 / 亿美元?" in err
    fdi_unit = line_of(indicators, 'unit = "亿美金"')
    assert (
        f"{ind_label}:{fdi_unit}:8: error[unit]: indicators[6].unit: unknown unit '亿美金'" in err
    )
    assert "hint: did you mean 亿美元?" in err
    slip = line_of(actuals, "value = 30.5") - 3  # the figure's [[actuals]] header
    assert re.search(
        rf"newtown/actuals/{PLAN}-bulletin-2023.toml:{slip}:1: "
        r"warning\[magnitude\]: hitech-firms 2022: 30.5 家 is about \d+× smaller",
        err,
    ), err
    # gdp's figures are not blamed for its unit; both invalid indicators are still counted.
    assert "unknown-indicator" not in err
    assert "7 indicators (2 invalid)" in err
    # The slip also disagrees with its own quote (3050家).
    assert (
        f"newtown/actuals/{PLAN}-bulletin-2023.toml:{slip}:1: warning[quote-value]: "
        "hitech-firms 2022: value 30.5 家 is not a number of its quote" in err
    )
    fraction = line_of(actuals, "value = 0.038") - 3
    assert (
        f"newtown/actuals/{PLAN}-bulletin-2023.toml:{fraction}:1: warning[percent-fraction]: "
        "unemployment 2023: 0.038% is written as a fraction; its quote says 3.8%" in err
    )
    assert "hint: percentages are written as in the text: 3.8, not 0.038" in err
    assert "2 errors, 3 warnings" in err
    # A capped indicator without `direction`: lower is better.
    code, out, _ = run("list", "--format", "json", str(d))
    assert code == 1
    pm25 = next(i for i in json.loads(out)["plans"][0]["indicators"] if i["id"] == "pm25")
    assert pm25["direction"] == "lower"

    # 4. Fix them as the hints say.
    edit(indicators, 'unit = "亿"', 'unit = "亿元"')
    edit(indicators, 'unit = "亿美金"', 'unit = "亿美元"')
    edit(actuals, "value = 30.5", "value = 3050")
    edit(actuals, "value = 0.038\n", "value = 3.8\n")
    code, _, err = run("check", "--strict", str(d))
    assert code == 0, err
    assert "7 indicators, 8 targets, 3 sources, 7 actuals" in err

    # 5. Record figures from the new source: a new actuals file, validated first.
    code, out, err = run(
        "record",
        "pm25",
        "2022",
        "32",
        "--source",
        BULLETIN_2022,
        "--data",
        str(d),
        "--quote",
        "PM2.5平均浓度32微克/立方米",
    )
    assert code == 0, err
    new_file = d / "actuals" / f"{BULLETIN_2022}.toml"
    assert out.startswith("recorded pm25 2022")
    assert 'indicator = "pm25"' in new_file.read_text(encoding="utf-8")
    code, out, err = run(
        "record",
        "fdi",
        "2022",
        "12",
        "--source",
        BULLETIN_2022,
        "--data",
        str(d),
        "--measure",
        "flow",
        "--unit",
        "亿美元",
        "--quote",
        "实际利用外资12亿美元",
    )
    assert code == 0, err
    # A figure 100× off is still caught after recording.
    code, _, err = run(
        "record",
        "gdp",
        "2022",
        "82",
        "--source",
        BULLETIN_2022,
        "--data",
        str(d),
        "--quote",
        "地区生产总值8200亿元",
    )
    assert code == 0, err
    code, _, err = run("check", "--strict", str(d))
    assert code == 1
    assert "error[magnitude]: gdp 2022: 82 亿元 is about" in err
    text = new_file.read_text(encoding="utf-8")
    new_file.write_text(text.replace("value = 82\n", "value = 8200\n"), encoding="utf-8")

    # 6. fmt puts every file in the canonical layout, keeping the comments; all is clean.
    code, _, err = run("fmt", str(d))
    assert code == 0, err
    assert run("fmt", "--check", str(d))[0] == 0
    assert "# higher | lower | neither: which way is better" in indicators.read_text(
        encoding="utf-8"
    )
    code, _, err = run("check", "--strict", str(d))
    assert code == 0, err
    assert "7 indicators, 8 targets, 3 sources, 10 actuals" in err
    assert "0 errors, 0 warnings" in err
    code, out, _ = run("show", "pm25", str(d))
    assert code == 0
    assert "lower is better (inferred)" in " ".join(out.split())


ZJ = "zj-14fyp"
ZJ_INDICATORS = f"""
[[indicators]]
id = "zj-gdp"
name = "全省生产总值"
aliases = ["地区生产总值"]
category = "economy"
unit = "亿元"
nature = "expected"
citation = {{ source = "{ZJ}-outline", quote = "全省生产总值年均增长5.5%左右" }}

[[indicators.targets]]
kind = "growth"
operator = "about"
value = 5.5

[[indicators]]
id = "zj-energy"
name = "单位生产总值能耗"
category = "economy"
unit = "吨标准煤/万元"
direction = "lower"
nature = "binding"
citation = {{ source = "{ZJ}-outline", quote = "单位生产总值能耗下降14.5%" }}

[[indicators.targets]]
kind = "compound_change"
value = 14.5

[[indicators]]
id = "zj-energy-assigned"
name = "能耗双控目标"
category = "economy"
unit = "项"
nature = "binding"

[[indicators.targets]]
kind = "milestone"
description = "完成国家下达的能耗双控目标"
citation = {{ source = "{ZJ}-outline", quote = "完成国家下达目标" }}
"""

ZJ_BULLETIN = """示例省2024年国民经济和社会发展统计公报

一、综合

初步核算，全年地区生产总值为90131亿元，比上年增长5.5%。全市生产总值增长5.0%。
"""


def test_a_provincial_plan_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """init → encode → record → extract → fix → report, for a province's plan, working
    inside the dataset (no PATH given)."""
    d = tmp_path / "zj"
    bulletin = "zj-2024-bulletin"
    # init: the plan covers the whole province
    code, _, err = run("init", str(d), "--plan", ZJ, "--level", "provincial")
    assert code == 0, err
    assert 'scope = "全省"' in (d / ZJ / "plan.toml").read_text(encoding="utf-8")

    # encode: a growth-only GDP, a compound fall written as a rise, a target set from above
    append(d / ZJ / "indicators.toml", ZJ_INDICATORS)
    edit(d / ZJ / "indicators.toml", 'name = "地区生产总值"', 'name = "示例地区生产总值"')
    monkeypatch.chdir(d / ZJ)  # inside the dataset: it is found, not the bundled one
    code, _, err = run("check", "--strict")
    assert (
        err.splitlines()[0] == f"goaltrack: dataset: .. ({d}, the nearest directory holding a plan)"
    )
    assert code == 1  # the fall written as a rise
    assert (
        "error[compound-fall]: compound_change target of 'zj-energy': value 14.5 is a "
        "rise, but its quote says a fall of 14.5%" in err
    )
    assert "8 indicators" in err  # this dataset's, not the bundled one's
    edit(
        d / ZJ / "indicators.toml",
        'kind = "compound_change"\nvalue = 14.5',
        'kind = "compound_change"\noperator = "at_most"\nvalue = -14.5',
    )
    assert run("check", "--strict")[0] == 0

    # record: a new source declared first; a level quoted for the growth target is a level
    code, _, err = run("record", "zj-gdp", "2024", "5.5", "--source", bulletin)
    assert code == 2
    assert f"unknown source '{bulletin}'" in err and "goaltrack source add" in err
    code, out, err = run(
        "source",
        "add",
        bulletin,
        "--title",
        "示例省2024年统计公报",
        "--publisher",
        "示例省统计局",
        "--published",
        "2025-03-01",
    )
    assert code == 0, err
    code, out, err = run(
        "record",
        "zj-gdp",
        "2024",
        "90131",
        "--source",
        bulletin,
        "--quote",
        "全年地区生产总值为90131亿元",
    )
    assert code == 0, err
    assert "(level, " in out and "recorded as a level" in err
    assert "471" not in out and "%/yr: on track" not in out
    code, out, err = run(
        "record",
        "zj-energy-assigned",
        "2024",
        "done",
        "--source",
        bulletin,
        "--quote",
        "完成国家下达的能耗双控目标任务",
    )
    assert code == 0, err
    assert ": achieved" in out

    # extract: the province's figures, in the province's scope; 全市's is another scope
    text = tmp_path / "bulletin-2024.txt"
    text.write_text(ZJ_BULLETIN, encoding="utf-8")
    code, out, err = run("extract", str(text), "--source", bulletin, "-f", "json")
    assert code == 0, err
    assert "(scope 全省)" in err
    cands = json.loads(out)["candidates"]
    growth = [c for c in cands if c["indicator"] == "zj-gdp" and c["measure"] == "growth"]
    assert [c["value"] for c in growth] == [5.5]
    # --write: the level is already recorded (skipped, shown at the recorded figure)
    code, _, err = run("extract", str(text), "--source", bulletin, "--write")
    assert code == 0, err
    recorded = d / "actuals" / f"{bulletin}.toml"
    at = line_of(recorded, "value = 90131") - 3
    assert (
        "skipped (already recorded): zj-gdp 2024 (level) 90131, already recorded from "
        f"'{bulletin}' (../actuals/{bulletin}.toml:{at})" in err
    )
    assert "wrote 1 figure(s)" in err and "1 already recorded (skipped)" in err

    # fix: two figures of zj-gdp 2024 now (level, growth): unrecord will not guess which;
    # a single one (the milestone) is taken back and recorded again
    code, out, err = run("unrecord", "zj-gdp", "2024", "--source", bulletin)
    assert code == 1
    assert "2 figures of zj-gdp for 2024" in err
    code, out, err = run("unrecord", "zj-energy-assigned", "2024", "--source", bulletin)
    assert code == 0, err
    assert "完成国家下达" not in recorded.read_text(encoding="utf-8")
    code, out, err = run(
        "record",
        "zj-energy-assigned",
        "2024",
        "done",
        "--source",
        bulletin,
        "--quote",
        "完成国家下达的能耗双控目标任务",
    )
    assert code == 0, err
    assert "90131" in recorded.read_text(encoding="utf-8")
    assert run("check", "--strict")[0] == 0
    assert run("fmt", "--check")[0] == 0

    # report: this plan, the growth judged on the rate, the milestone achieved
    code, out, err = run("report", "-f", "json")
    assert code == 0, err
    assert err.startswith("goaltrack: dataset: .. (")
    doc = json.loads(out)
    assert [p["id"] for p in doc["plans"]] == [ZJ]
    evs = {e["indicator"]: e for e in doc["plans"][0]["evaluations"]}
    assert evs["zj-gdp"]["latest"]["value"] == 5.5
    assert evs["zj-energy-assigned"]["status"] == "achieved"
