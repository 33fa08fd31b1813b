"""A new user's first hour, through the CLI: the dataset you are in, figures stored as what
they are, one "did you mean", and writes that can be taken back."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app

runner = CliRunner()
PLAN = "zj-14fyp"
BULLETIN = f"{PLAN}-bulletin-2023"


def figure(d: Path, indicator: str, period: str) -> dict[str, object]:
    """The one figure of `indicator` for `period` in the bulletin's actuals file."""
    doc = tomllib.loads((d / "actuals" / f"{BULLETIN}.toml").read_text(encoding="utf-8"))
    hits = [a for a in doc["actuals"] if a["indicator"] == indicator and a["period"] == period]
    assert len(hits) == 1, hits
    return dict(hits[0])


def run(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": str(columns)} if columns else None)
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def province(tmp_path: Path) -> Path:
    d = tmp_path / "zj"
    assert run("init", str(d), "--plan", PLAN, "--level", "provincial")[0] == 0
    return d


# --- 1. the dataset you are in ------------------------------------------------------------


def test_check_inside_a_dataset_reads_it_not_the_bundled_one(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for where, label in ((province, "."), (province / "actuals", ".."), (province / PLAN, "..")):
        monkeypatch.chdir(where)
        code, _, err = run("check", "--strict")
        assert code == 0, err
        first = err.splitlines()[0]
        assert first == (
            f"goaltrack: dataset: {label} ({province}, the nearest directory holding a plan)"
        ), first
        assert "1 plans, 5 indicators" in err  # not the bundled 5 plans


def test_every_reading_command_says_which_dataset(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(province / "actuals")
    text = province / "bulletin.txt"
    text.write_text("示例省2023年统计公报\n全省生产总值为9000亿元。\n", encoding="utf-8")
    for args in (
        ["report"],
        ["report", "-f", "json"],
        ["show", "gdp"],
        ["list"],
        ["fmt", "--check"],
        ["extract", str(text)],
    ):
        _, _, err = run(*args)
        assert err.startswith("goaltrack: dataset: .. ("), (args, err)


def test_outside_any_dataset_the_bundled_one_is_read_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check")
    assert code == 0, err
    assert err.splitlines()[0].startswith("goaltrack: dataset: the bundled dataset")
    # a directory of unrelated projects is not a dataset because one of them holds a plan
    (tmp_path / "other" / "p").mkdir(parents=True)
    (tmp_path / "other" / "p" / "plan.toml").write_text("[plan]\n", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path / "mine")
    assert run("list")[2].startswith("goaltrack: dataset: the bundled dataset")


def test_given_paths_are_said_too(province: Path) -> None:
    _, _, err = run("list", str(province))
    assert err.splitlines()[0] == f"goaltrack: dataset: {province}"


# --- 2. a figure stored as what it is -----------------------------------------------------

ZJ_GDP = f"""
[[indicators]]
id = "zj-gdp"
name = "全省生产总值"
category = "economy"
unit = "亿元"
nature = "expected"
citation = {{ source = "{PLAN}-outline", quote = "全省生产总值年均增长5.5%左右" }}

[[indicators.targets]]
kind = "growth"
operator = "about"
value = 5.5
"""


@pytest.fixture
def growth_only(province: Path) -> Path:
    with (province / PLAN / "indicators.toml").open("a", encoding="utf-8") as f:
        f.write(ZJ_GDP)
    return province


def test_record_of_a_level_for_a_growth_target_stores_a_level(growth_only: Path) -> None:
    code, out, err = run(
        "record",
        "zj-gdp",
        "2023",
        "82553",
        str(growth_only),
        "--source",
        BULLETIN,
        "--quote",
        "全省生产总值为82553亿元",
    )
    assert code == 0, err
    assert "(level, " in out
    assert (
        "note: recorded as a level: the quote gives 82553 亿元, which cannot be a growth "
        "rate" in err
    )
    assert figure(growth_only, "zj-gdp", "2023")["measure"] == "level"
    code, out, _ = run("show", "zj-gdp", str(growth_only))
    assert "%" not in out.split("82553")[1].splitlines()[0]  # never "8255300% growth"
    assert run("check", "--strict", str(growth_only))[0] == 0


def test_record_of_an_impossible_rate_is_a_question(growth_only: Path) -> None:
    code, _, err = run("record", "zj-gdp", "2023", "82553", str(growth_only), "--source", BULLETIN)
    assert code == 2
    assert "is 82553 a level or a growth rate? As a yearly rate it would be +82553 %" in err
    assert "--measure level" in err
    code, _, err = run(
        "record",
        "zj-gdp",
        "2023",
        "82553",
        str(growth_only),
        "--source",
        BULLETIN,
        "--measure",
        "growth",
        "--quote",
        "全省生产总值为82553亿元",
    )
    assert code == 2
    assert "82553 cannot be a growth rate: its quote gives 82553 亿元, a level" in err
    code, _, err = run(
        "record",
        "zj-gdp",
        "2023",
        "-120",
        str(growth_only),
        "--source",
        BULLETIN,
        "--measure",
        "growth",
    )
    assert code == 2
    assert "a fall of 100 % or more" in err
    # a plausible rate with its % quote is a rate, as before
    code, out, err = run(
        "record",
        "zj-gdp",
        "2023",
        "6",
        str(growth_only),
        "--source",
        BULLETIN,
        "--quote",
        "全省生产总值比上年增长6%",
    )
    assert code == 0, err
    assert "(growth, " in out
    assert (
        not (growth_only / "actuals" / f"{BULLETIN}.toml")
        .read_text(encoding="utf-8")
        .count("82553")
    )


def test_check_flags_a_growth_figure_whose_quote_gives_a_level(growth_only: Path) -> None:
    with (growth_only / "actuals" / f"{BULLETIN}.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[actuals]]\nindicator = "zj-gdp"\nperiod = "2023"\nmeasure = "growth"\n'
            'value = 82553\nquote = "全省生产总值为82553亿元"\n'
        )
    code, _, err = run("check", str(growth_only))
    assert code == 0
    assert (
        "warning[growth-level-unit]: zj-gdp 2023: a growth figure of 82553% whose quote "
        "gives 82553 亿元, a level" in err
    )
    assert 'hint: record it as a level (measure = "level", in 亿元)' in err
    assert run("check", "--strict", str(growth_only))[0] == 1


# --- 3. the summary counts per plan, and tracked apart from targets ------------------------


def _bundled_json() -> dict[str, Any]:
    import json

    code, out, _ = run("report", "-f", "json")
    assert code == 0
    return dict(json.loads(out))


def test_summary_counts_provisional_per_plan_and_tracked_apart() -> None:
    doc = _bundled_json()
    plans = {p["id"]: p for p in doc["plans"]}
    for p in plans.values():
        evs = p["evaluations"]
        targets = [e for e in evs if e["status"] != "tracked"]
        assert p["summary_totals"] == {
            "targets": len(targets),
            "provisional": sum(1 for e in targets if e["provisional"]),
            "tracked": len(evs) - len(targets),
        }
    totals = doc["summary_totals"]
    assert totals["targets"] == sum(p["summary_totals"]["targets"] for p in plans.values())
    assert totals["tracked"] == doc["summary"]["tracked"]
    dalian = plans["dalian-14fyp"]["summary_totals"]
    code, out, _ = run("report", "--plan", "dalian-14fyp", columns=80)
    assert code == 0
    head = out.split("\n\n")[0]
    # the targets' total is not the targets plus the tracked indicators
    row = next(ln for ln in head.splitlines() if ln.startswith("Dalian"))
    assert row.split()[-3:] == [
        str(dalian["targets"]),
        str(dalian["provisional"]),
        str(dalian["tracked"]),
    ]
    assert str(dalian["targets"] + dalian["tracked"]) not in row.split()
    assert "never counted in Targets" in " ".join(head.split())


@pytest.mark.parametrize("fmt", ["md", "toml", "html", "svg"])
def test_every_summary_keeps_tracked_apart(fmt: str) -> None:
    doc = _bundled_json()
    plans = {p["id"]: p for p in doc["plans"]}
    dalian = plans["dalian-14fyp"]["summary_totals"]
    code, out, _ = run("report", "-f", fmt)
    assert code == 0
    both = dalian["targets"] + dalian["tracked"]
    if fmt == "md":
        row = next(ln for ln in out.splitlines() if ln.startswith("| Dalian 14th"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[-3:] == [
            str(dalian["targets"]),
            str(dalian["provisional"]),
            str(dalian["tracked"]),
        ]
        assert str(both) not in cells
        # each plan's provisional line counts that plan's own verdicts
        assert (
            f"dalian-14fyp: of which provisional †: ✔ achieved "
            f"{plans['dalian-14fyp']['summary_provisional']['achieved']}" in out
        )
    elif fmt == "toml":
        back = tomllib.loads(out)
        assert back["summary_totals"] == doc["summary_totals"]
        assert {p["id"]: p["summary_totals"] for p in back["plans"]}["dalian-14fyp"] == dalian
    else:  # the summary bar: the targets, then the tracked apart
        assert f"Targets {dalian['targets']} († {dalian['provisional']})" in out
        assert f"Targets {both}" not in out


# --- 4. one "did you mean", case ignored --------------------------------------------------


def test_show_matches_ids_case_insensitively_and_suggests_by_substring_and_alias() -> None:
    code, out, _ = run("show", "GDP")
    assert code == 0
    assert "id gdp · plan dalian-14fyp" in out
    code, _, err = run("show", "fdi")
    assert code == 2
    assert "hint: did you mean fdi-actual" in err
    code, _, err = run("show", "实际利用外资")  # the indicator's name
    assert code == 2
    assert "hint: did you mean fdi-actual" in err
    code, _, err = run("show", "xyzzy")
    assert code == 2
    assert "hint: `goaltrack list` shows the ids" in err


def test_record_and_extract_resolve_ids_the_same_way(province: Path) -> None:
    code, out, err = run(
        "record",
        "HITECH-FIRMS",
        "2022",
        "2900",
        str(province),
        "--source",
        BULLETIN.upper(),
        "--quote",
        "高新技术企业2900家",
    )
    assert code == 0, err
    assert out.startswith(f"recorded hitech-firms 2022 = 2900 (level, {BULLETIN})")
    assert figure(province, "hitech-firms", "2022")["value"] == 2900
    code, _, err = run("record", "hitech", "2022", "2900", str(province), "--source", BULLETIN)
    assert code == 2
    assert "did you mean hitech-firms?" in err
    text = province / "bulletin.txt"
    text.write_text("示例省2023年统计公报\n全省生产总值为9000亿元。\n", encoding="utf-8")
    code, _, err = run("extract", str(text), str(province), "--source", "bulletin-2023")
    assert code == 2
    assert "unknown --source 'bulletin-2023'" in err
    assert f"did you mean {BULLETIN}?" in err


# --- 5. record takes PATH; sources declared and figures taken back the same way ------------


def test_record_takes_path_and_keeps_data_as_a_deprecated_alias(province: Path) -> None:
    code, _, err = run(
        "record",
        "hitech-firms",
        "2022",
        "2900",
        str(province),
        "--source",
        BULLETIN,
        "--quote",
        "高新技术企业2900家",
    )
    assert code == 0, err
    code, _, err = run(
        "record",
        "hitech-firms",
        "2021",
        "2700",
        "--data",
        str(province),
        "--source",
        BULLETIN,
        "--quote",
        "高新技术企业2700家",
    )
    assert code == 0, err
    assert "deprecated: --data DIR; give the dataset directory as PATH" in err
    assert figure(province, "hitech-firms", "2021")["value"] == 2700
    assert "--data" not in run("record", "--help")[1]
    code, _, err = run(
        "record", "hitech-firms", "2022", "1", str(province), "--source", "no-such-source"
    )
    assert code == 2
    assert "unknown source 'no-such-source'" in err
    assert "goaltrack source add" in err


def test_source_add_then_record_then_unrecord(province: Path) -> None:
    sources = province / "sources.toml"
    comment = "# the plan text itself"
    assert comment in sources.read_text(encoding="utf-8")
    code, out, err = run(
        "source",
        "add",
        "zj-2024-bulletin",
        str(province),
        "--title",
        "示例省2024年国民经济和社会发展统计公报",
        "--publisher",
        "示例省统计局",
        "--published",
        "2025-03-01",
        "--reliability",
        "statistics bureau",
    )
    assert code == 0, err
    assert out.startswith("declared source zj-2024-bulletin in ")
    doc = tomllib.loads(sources.read_text(encoding="utf-8"))
    assert doc["sources"][-1]["published"].isoformat() == "2025-03-01"  # a TOML date
    assert comment in sources.read_text(encoding="utf-8")  # comments kept
    code, _, err = run("source", "add", "zj-2024-bulletin", str(province), "--title", "again")
    assert code == 1
    assert "source 'zj-2024-bulletin' is already declared at " in err
    assert run("source", "add", "x", str(province))[0] == 2  # --title is required

    actuals = province / "actuals" / f"{BULLETIN}.toml"
    before = actuals.read_text(encoding="utf-8")
    code, out, err = run("unrecord", "hitech-firms", "2023", str(province), "--source", BULLETIN)
    assert code == 0, err
    assert out.startswith(f"took back hitech-firms 2023 ({BULLETIN}) from ")
    after = actuals.read_text(encoding="utf-8")
    assert "高新技术企业3600家" in before and "高新技术企业3600家" not in after
    # every other line, comments included, is as it was
    gone = [ln for ln in before.splitlines() if ln not in after.splitlines()]
    assert all(
        "hitech" in ln or "3600" in ln or ln.startswith(("[[", "#", "period", "status"))
        for ln in gone
    ), gone
    assert "# new jobs during the year, for the cumulative target" in after
    assert run("check", "--strict", str(province))[0] == 0
    code, _, err = run("unrecord", "hitech-firms", "2023", str(province), "--source", BULLETIN)
    assert code == 1
    assert "no figure of hitech-firms for 2023 from source" in err
    code, _, _ = run("unrecord", "hitech", "2023", str(province), "--source", BULLETIN)
    assert code == 2


# --- 6. a duplicate points at the figure already recorded ----------------------------------


def test_duplicate_points_at_the_existing_figure(province: Path) -> None:
    actuals = province / "actuals" / f"{BULLETIN}.toml"
    lines = actuals.read_text(encoding="utf-8").splitlines()
    at = next(n for n, ln in enumerate(lines, 1) if ln == 'indicator = "hitech-firms"') - 1
    code, _, err = run(
        "record", "hitech-firms", "2023", "3700", str(province), "--source", BULLETIN
    )
    assert code == 1
    assert (
        f"{actuals.relative_to(province.parent)}:{at}:1: error[duplicate-actual]: "
        f"hitech-firms 2023 is already recorded from source '{BULLETIN}' (value 3600), here"
        in err.replace(str(province.parent) + "/", "")
    )
    assert f"{at} | [[actuals]]" in err
    assert f"goaltrack unrecord hitech-firms 2023 --source {BULLETIN}" in err
    assert len(lines) >= at  # a line that exists


# --- 7. provincial plans ------------------------------------------------------------------

PROVINCE_TEXT = (
    "示例省2023年国民经济和社会发展统计公报\n\n一、综合\n\n"
    "初步核算，地区生产总值为8255亿元，比上年增长6.0%。高新技术企业数量3800家。\n"
)


def test_a_provinces_plan_covers_the_province_and_extract_says_so(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tomllib.loads((province / PLAN / "plan.toml").read_text(encoding="utf-8"))
    assert plan["plan"]["scope"] == "全省"
    code, out, _ = run("show", "gdp", str(province))
    assert code == 0
    assert "scope 全省" in " ".join(out.split())
    text = province / "bulletin.txt"
    text.write_text(PROVINCE_TEXT, encoding="utf-8")
    code, out, err = run("extract", str(text), str(province), "-f", "json")
    assert code == 0, err
    assert "(scope 全省)" in err and "全市" not in err
    import json

    doc = json.loads(out)
    assert doc["scope"] == "全省"
    assert {c["indicator"] for c in doc["candidates"]} >= {"gdp", "hitech-firms"}
    # a city's dataset is still about 全市
    city = province.parent / "city"
    assert run("init", str(city), "--plan", "c-14fyp")[0] == 0
    text.write_text(PROVINCE_TEXT.replace("示例省", "示例市"), encoding="utf-8")
    assert "(scope 全市)" in run("extract", str(text), str(city))[2]


FALLS = [
    (
        'kind = "compound_change"\nvalue = 14.5',
        "value 14.5 is a rise, but its quote says a fall of 14.5%",
    ),
    (
        'kind = "change"\nvalue = -14.5',
        "a change of -14.5 吨标准煤/万元, but its quote gives the fall in %",
    ),
]


@pytest.mark.parametrize(("target", "message"), FALLS)
def test_check_says_how_to_write_a_compound_fall(province: Path, target: str, message: str) -> None:
    energy = f"""
[[indicators]]
id = "energy-intensity"
name = "单位生产总值能耗"
category = "economy"
unit = "吨标准煤/万元"
direction = "lower"
nature = "binding"
baseline = {{ year = 2020, value = 0.4 }}

[[indicators.targets]]
{target}
citation = {{ source = "{PLAN}-outline", quote = "单位生产总值能耗下降14.5%" }}
"""
    with (province / PLAN / "indicators.toml").open("a", encoding="utf-8") as f:
        f.write(energy)
    code, _, err = run("check", str(province))
    assert code == 0
    assert (
        f"warning[compound-fall]: {target.split(chr(34))[1]} target of 'energy-intensity': "
        f"{message}" in err
    )
    assert (
        'hint: a fall in % over the period is kind = "compound_change", value = -14.5 '
        "(operator at_most, the default for a fall: it falls by at least 14.5 %"
        in " ".join(err.split())
    )
    ind = province / PLAN / "indicators.toml"
    text = ind.read_text(encoding="utf-8").replace(
        target, 'kind = "compound_change"\noperator = "at_most"\nvalue = -14.5'
    )
    ind.write_text(text, encoding="utf-8")
    code, _, err = run("check", "--strict", str(province))
    assert code == 0, err


def test_a_target_set_from_above_is_a_milestone(province: Path) -> None:
    with (province / PLAN / "indicators.toml").open("a", encoding="utf-8") as f:
        f.write(f"""
[[indicators]]
id = "energy-target"
name = "能耗强度降低目标"
category = "economy"
unit = "项"
nature = "binding"

[[indicators.targets]]
kind = "milestone"
description = "完成国家下达的能耗强度降低目标"
citation = {{ source = "{PLAN}-outline", quote = "完成国家下达目标" }}
""")
    code, out, err = run(
        "record",
        "energy-target",
        "2023",
        "done",
        str(province),
        "--source",
        BULLETIN,
        "--quote",
        "完成国家下达的能耗双控目标任务",
    )
    assert code == 0, err
    assert "(milestone, " in out
    assert ": achieved" in out
    assert run("check", "--strict", str(province))[0] == 0


# --- 11. among sources that agree, the official release is the one cited ------------------


def test_agreeing_news_item_gives_way_to_the_bureaus_bulletin(province: Path) -> None:
    news = "zj-daily-2024-04-02"
    assert (
        run(
            "source",
            "add",
            news,
            str(province),
            "--title",
            "示例日报:全省经济稳中向好",
            "--publisher",
            "示例日报",
            "--published",
            "2024-04-02",
        )[0]
        == 0
    )
    code, _, err = run(
        "record",
        "gdp",
        "2023",
        "8750",
        str(province),
        "--source",
        news,
        "--quote",
        "生产总值8750亿元",
    )
    assert code == 0, err
    code, out, err = run("show", "gdp", str(province), "--as-of", "2024-12-31", columns=200)
    assert code == 0, err
    # the later news item repeats the bulletin's figure: the bulletin is used and cited
    assert f"not used: 2023 8750 ({news}): agrees with {BULLETIN}" in out
    code, out, _ = run("report", str(province), "--format", "json", "--as-of", "2024-12-31")
    gdp = next(
        e for p in json.loads(out)["plans"] for e in p["evaluations"] if e["indicator"] == "gdp"
    )
    assert {i["source"] for i in gdp["inputs"] if i["year"] == 2023} == {BULLETIN}

    # a later figure that differs and says it revises the bulletin still wins
    code, _, err = run("unrecord", "gdp", "2023", str(province), "--source", news)
    assert code == 0, err
    code, _, err = run(
        "record",
        "gdp",
        "2023",
        "8760",
        str(province),
        "--source",
        news,
        "--quote",
        "生产总值8760亿元",
        "--revises",
        BULLETIN,
    )
    assert code == 0, err
    code, out, _ = run("show", "gdp", str(province), "--as-of", "2024-12-31", columns=200)
    assert f"not used: 2023 8750 ({BULLETIN}): revised by {news}" in out


def test_bundled_pm25_2021_cites_the_environment_bureaus_bulletin() -> None:
    code, out, err = run("show", "pm25", columns=200)
    assert code == 0, err
    assert (
        "not used: 2021 28 (cri-en-2022-10-27-beautiful-bay): agrees with dlsthj-env-bulletin-2021"
    ) in out
    assert "agrees with cri-en-2022-10-27-beautiful-bay" not in out


# --- 9. the legend says what is shown; milestones in the report's language -----------------


def test_binding_legend_only_when_a_shown_row_is_binding(province: Path) -> None:
    for fmt in ("table", "md", "html"):
        code, out, err = run("report", str(province), "--format", fmt, columns=120)
        assert code == 0, err
        assert "binding (约束性)" not in out, fmt  # the scaffold's natures: expected, unspecified
    code, out, err = run("report", "--nature", "binding", columns=120)
    assert code == 0, err
    assert "* binding (约束性)" in out
    code, out, err = run("report", "--nature", "expected", columns=120)
    assert code == 0, err
    assert "binding (约束性)" not in out
    code, out, err = run("report", "--nature", "expected", "--lang", "zh", columns=120)
    assert code == 0, err
    assert "约束性指标" not in out


def test_unspecified_nature_is_said_in_words(province: Path) -> None:
    code, out, err = run("report", str(province), columns=120)
    assert code == 0, err
    assert "unspecified (the plan calls it neither binding nor expected): ▲ at risk 1" in out
    code, out, err = run("show", "science-city", str(province), columns=200)
    assert code == 0, err
    assert (
        "higher is better (default) · unspecified (the plan calls it neither binding nor "
        "expected) · scope 全省" in out
    )
    code, out, err = run("show", "science-city", str(province), "--lang", "zh", columns=200)
    assert code == 0, err
    assert "未注明（规划未标明约束性或预期性）" in out


def test_english_report_gives_milestones_in_english_or_says_chinese(province: Path) -> None:
    code, out, err = run("report", str(province), "--format", "md")
    assert code == 0, err
    assert "◇ Main framework of the science city basically built" in out
    ind = province / PLAN / "indicators.toml"
    ind.write_text(
        ind.read_text(encoding="utf-8").replace(
            'description_en = "Main framework of the science city basically built"', ""
        ),
        encoding="utf-8",
    )
    code, out, err = run("report", str(province), "--format", "md")
    assert code == 0, err
    assert "◇ 科学城主体框架基本建成 \\(in Chinese\\)" in out
    code, out, err = run("report", str(province), "--format", "md", "--lang", "zh")
    assert code == 0, err
    assert "◇ 科学城主体框架基本建成 |" in out  # Chinese output: no marker


# --- 10. show's chart without a baseline; labels that agree with show ----------------------


def test_show_draws_its_chart_without_a_baseline() -> None:
    code, out, err = run("show", "pm25", columns=100)  # no baseline: Dalian's 2020 PM2.5
    assert code == 0, err
    chart = out.split("Trajectory (● reported, ◆ target; no baseline, so no straight path):\n")
    assert len(chart) == 2, out
    lines = chart[1].splitlines()
    assert lines[0].startswith("        32 │") and lines[0].rstrip().endswith("◆")
    assert sum(ln.count("●") for ln in lines) == 4  # 2021–2024
    assert "·" not in chart[1]
    assert lines[-1].split() == ["2021", "2022", "2023", "2024", "2025"]


def _append(province: Path, text: str) -> None:
    with (province / PLAN / "indicators.toml").open("a", encoding="utf-8") as f:
        f.write(text)


def test_average_and_combined_labels_name_the_years_covered(province: Path) -> None:
    _append(
        province,
        f"""
[[indicators]]
id = "energy-intensity"
name = "单位地区生产总值能耗"
category = "economy"
unit = "%"
nature = "binding"
citation = {{ source = "{PLAN}-outline", quote = "单位生产总值能耗下降14.5%" }}

[[indicators.targets]]
kind = "compound_change"
value = -14.5
""",
    )
    code, _, err = run(
        "record",
        "energy-intensity",
        "2022",
        "-5",
        str(province),
        "--source",
        BULLETIN,
        "--measure",
        "growth",
        "--quote",
        "比上年增长6.0%",
    )
    assert code == 0, err
    code, out, err = run("report", str(province), "--format", "md")
    assert code == 0, err
    assert "| avg 6%/yr \\(2023\\) _" in out  # one year's rate: not 2021–2023
    assert "| -5% combined \\(2022\\) _" in out  # only 2022: not 2021–2022
    code, _, err = run(
        "record",
        "gdp",
        "2021",
        "8",
        str(province),
        "--source",
        BULLETIN,
        "--measure",
        "growth",
        "--quote",
        "比上年增长6.0%",
    )
    assert code == 0, err
    code, out, _ = run("report", str(province), "--format", "md")
    assert "| avg 7%/yr \\(2021, 2023\\) _" in out
    code, out, _ = run("show", "gdp", str(province), columns=120)
    assert "average growth 7.00% a year over 2 year(s) to 2023" in out
    assert "yearly rates: 2021: 8%, 2023: 6%" in out


def test_relative_target_shows_its_latest_rate_and_names_the_indicator(province: Path) -> None:
    _append(
        province,
        f"""
[[indicators]]
id = "income"
name = "居民人均可支配收入"
name_en = "Disposable income per head"
category = "livelihood"
unit = "元"
citation = {{ source = "{PLAN}-outline", quote = "居民收入增长和经济增长基本同步" }}

[[indicators.targets]]
kind = "relative"
reference = "gdp"
relation = "in_step"
""",
    )
    code, _, err = run(
        "record",
        "income",
        "2023",
        "5.8",
        str(province),
        "--source",
        BULLETIN,
        "--measure",
        "growth",
        "--quote",
        "比上年增长6.0%",
    )
    assert code == 0, err
    code, out, err = run("report", str(province), "--format", "json")
    assert code == 0, err
    ev = next(
        e for p in json.loads(out)["plans"] for e in p["evaluations"] if e["indicator"] == "income"
    )
    assert (ev["latest"]["measure"], ev["latest"]["value"], ev["latest"]["period"]) == (
        "growth",
        5.8,
        "2023",
    )
    # named in the output's language: its English name in English
    assert ev["reason"] == "growth in step with GDP in 1 of 1 year(s)"
    code, out, _ = run("report", str(province), "--format", "md")
    assert "| growth in step with GDP | — | \\+5.8% growth \\(2023\\) _" in out
    assert "with gdp" not in out  # the indicator named as readers know it, not its id
    code, out, _ = run("show", "income", str(province), "--lang", "zh", columns=120)
    assert "1 年中有 1 年增速与地区生产总值同步" in out
    assert "'gdp'" not in out


# --- 8. wrapped cells keep numbers, units and 左右 whole; list fits COLUMNS ---------------


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_zh_cells_never_break_inside_a_number_a_unit_or_zuoyou(
    province: Path, columns: int
) -> None:
    ind = province / PLAN / "indicators.toml"
    ind.write_text(
        ind.read_text(encoding="utf-8").replace(
            'kind = "growth"               # average annual growth in %, from the baseline year\n'
            'operator = "at_least"',
            'kind = "growth"\noperator = "about"',
        ),
        encoding="utf-8",
    )
    code, out, err = run("report", str(province), "--lang", "zh", columns=columns)
    assert code == 0, err
    assert "6%左右" in out  # whole on one line
    assert not any(ln.rstrip(" │").endswith(("左", "6%")) for ln in out.splitlines())
    text = province / "bulletin.txt"
    text.write_text("地区生产总值90131亿元,城镇登记失业率3.8%。\n", encoding="utf-8")
    code, out, err = run("extract", str(text), str(province), "--period", "2024", columns=columns)
    assert code == 0, err
    assert "90131 亿元" in out  # the value cell: never "9013" / "1 亿元"
    assert all(len(ln) <= columns for ln in out.splitlines())
    quote_cells = [ln for ln in out.splitlines() if "90131" in ln]
    assert any("90131亿元" in ln for ln in quote_cells)  # the quote keeps its number whole


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_list_honours_columns(columns: int) -> None:
    from rich.cells import cell_len

    code, out, err = run("list", columns=columns)
    assert code == 0, err
    widest = max(cell_len(ln) for ln in out.splitlines())
    assert widest <= columns, [ln for ln in out.splitlines() if cell_len(ln) > columns][:3]
    assert "cn14-air-quality" in out
    if columns >= 120:  # a row a line
        assert any(
            "地级及以上城市空气质量优良天数比率" in ln and "cn14-air-quality" in ln
            for ln in out.splitlines()
        )
    else:  # the id, then its fields under it: a name wraps at a CJK boundary only
        assert "name 地级及以上城市空气质量优良天数比率 · unit % ·" in out.replace("\n      ", " ")
