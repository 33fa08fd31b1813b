"""`goaltrack extract`: numbers, traps, measures, periods, scopes, bad input, --write, quality."""

from __future__ import annotations

import json
import shutil
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goaltrack.check.validate import check_dataset
from goaltrack.cli import app
from goaltrack.core.dataset import Dataset
from goaltrack.core.models import Actual
from goaltrack.core.numbers import find_numbers
from goaltrack.extract.candidates import Candidate, ExtractOptions, extract_figures
from goaltrack.extract.textin import MAX_BYTES
from tests.extract_scoring import gold, score, score_source

from .conftest import FIXTURES

ROOT = Path(__file__).parents[1]
TARGETS = ROOT / "targets"
BULLETIN = FIXTURES / "extract" / "bulletin-2023.txt"
EXPECTED = FIXTURES / "extract" / "bulletin-2023.expected.toml"
# CI keeps the archived texts beside the clone (../shared/sources); a worktree sits deeper.
SHARED = next(
    (
        p
        for p in (ROOT.parent / "shared" / "sources", ROOT.parents[1] / "shared" / "sources")
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "sources",
)
runner = CliRunner()


@lru_cache(maxsize=1)
def dataset() -> Dataset:
    return check_dataset([TARGETS]).dataset


def found(text: str, year: int = 2023) -> list[Candidate]:
    return extract_figures(text, dataset(), ExtractOptions(year)).candidates


def one(text: str, indicator: str, measure: str) -> Candidate:
    hits = [c for c in found(text) if c.indicator == indicator and c.measure == measure]
    assert len(hits) == 1, found(text)
    return hits[0]


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


# Numbers and units


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("实现471.3亿元", 471.3, "亿元"),
        ("达1,234.5亿元", 1234.5, "亿元"),
        ("增长4.5%", 4.5, "%"),
        ("增长百分之四点五", 4.5, "%"),
        ("两千人", 2000, "人"),
        ("十一点二亿美元", 11.2, "亿美元"),
        ("510万标准箱", 510, "万标箱"),
        ("26微克/立方米", 26, "微克/立方米"),
        ("1.13万人", 1.13, "万人"),
        ("增长1.5倍", 1.5, "倍"),
        ("全市排名第三", 3, "位"),
        ("提高0.8个百分点", 0.8, "百分点"),
        ("营收76.7亿", 76.7, "亿"),
    ],
)
def test_numbers_with_units(text: str, value: float, unit: str) -> None:
    (n,) = find_numbers(text)
    assert (n.value, n.unit) == (value, unit)


@pytest.mark.parametrize(
    "text", ["2024年10月15日", "1-10月", "PM2.5", "5G基站", "一带一路", "第一产业", "一季度"]
)
def test_dates_codes_and_ordinals_are_not_figures(text: str) -> None:
    assert find_numbers(text) == []


def test_units_convert_to_the_indicators() -> None:
    (n,) = find_numbers("11300人")
    assert n.in_unit("万人") == pytest.approx(1.13)
    (bare,) = find_numbers("76.7亿")
    assert bare.bare_prefix and bare.in_unit("万元") == pytest.approx(767000)
    assert find_numbers("15.7亿美元")[0].in_unit("亿元") is None  # 美元 is not 元


# The traps of the issue


def test_per_capita_gdp_is_not_gdp() -> None:
    assert not [
        c for c in found("全年人均地区生产总值118000元,比上年增长5.3%。") if c.indicator == "gdp"
    ]


def test_primary_sector_value_added_is_not_gdp() -> None:
    assert found("第一产业增加值590.2亿元,增长4.6%。") == []


def test_urban_residents_income_is_not_all_residents() -> None:
    text = "城镇居民人均可支配收入58200元,增长4.8%;农村居民人均可支配收入28400元,增长7.1%。"
    assert [c for c in found(text) if c.indicator == "resident-income"] == []
    all_residents = one("全体居民人均可支配收入52000元。", "resident-income", "level")
    assert all_residents.value == 52000


def test_province_figure_in_the_same_paragraph_is_skipped() -> None:
    text = "全省地区生产总值30209.4亿元,比上年增长5.3%。全市地区生产总值8800.5亿元,增长5.0%。"
    ex = extract_figures(text, dataset(), ExtractOptions(2023))
    assert {(c.indicator, c.value) for c in ex.candidates} == {("gdp", 8800.5), ("gdp", 5)}
    assert any("全省" in s.reason for s in ex.skipped)


def test_quarter_figure_is_partial_not_the_year() -> None:
    c = one("一季度,全市地区生产总值2030.1亿元,同比增长4.1%。", "gdp", "level")
    assert (c.period, c.partial) == ("2023-Q1", True)
    months = one(
        "1—10月,全市规模以上工业总产值同比增长6.1%。", "industrial-output-growth", "growth"
    )
    assert (months.period, months.partial) == ("2023-01..10", True)
    q3 = one("前三季度,全市技术合同成交额305.8亿元。", "tech-contract-turnover", "flow")
    assert q3.period == "2023-Q1..Q3"


def test_district_figure_is_not_the_citys() -> None:
    ex = extract_figures("高新区地区生产总值471.3亿元。", dataset(), ExtractOptions(2024))
    assert [c.indicator for c in ex.candidates if c.indicator == "gdp"] == []


# Measures, status, period


def test_growth_fall_is_negative() -> None:
    assert one("全市固定资产投资比上年下降2.1%。", "fixed-investment", "growth").value == -2.1
    assert one("机场旅客吞吐量增长1.3倍。", "airport-passengers", "growth").value == 130


def test_change_in_a_count_is_not_a_figure() -> None:
    assert [c.value for c in found("年末全市高新技术企业达4500家,比上年末增加520家。")] == [4500]


def test_flow_cumulative_and_share() -> None:
    assert one("全年城镇新增就业12.6万人。", "new-urban-jobs", "flow").value == 12.6
    cum = one("累计新增城镇就业45.1万人。", "new-urban-jobs", "cumulative")
    assert cum.value == 45.1
    share = one("第三产业增加值占地区生产总值比重为52.3%。", "tertiary-sector-share", "level")
    assert share.value == 52.3
    assert "share" in share.matched


def test_estimate_and_preliminary() -> None:
    assert one("全年旅游总收入预计1400亿元左右。", "tourism-revenue", "level").status == "estimate"
    c = one("根据初步核算,全市地区生产总值8800.5亿元。", "gdp", "level")
    assert c.status == "preliminary"


def test_targets_for_a_later_year_are_not_figures() -> None:
    assert found("九、2024年主要预期目标\n全市地区生产总值增长5.5%左右。") == []
    assert found("到2025年,全市地区生产总值达到10000亿元。") == []


def test_quote_is_the_clause_as_written_and_verifies() -> None:
    text = "全年全市地区生产总值8800.5亿元，按不变价格计算，比上年增长5.0%。"
    c = one(text, "gdp", "growth")
    assert c.quote == "全年全市地区生产总值8800.5亿元，按不变价格计算，比上年增长5.0%"
    assert c.quote in text


def test_traditional_script_and_wrapped_lines() -> None:
    c = one("全市高新技術企業達5300家。", "hitech-firms", "level")
    assert (c.value, c.quote) == (5300, "全市高新技術企業達5300家")
    wrapped = one(
        "今年前三季度,全市技术合同成交\n\n额305.8亿元,同比增长20.4%。",
        "tech-contract-turnover",
        "growth",
    )
    assert wrapped.value == 20.4 and wrapped.period == "2023-Q1..Q3"
    assert wrapped.quote == "全市技术合同成交额305.8亿元,同比增长20.4%"


# The command


def test_json_output_shape() -> None:
    code, out, err = run("extract", str(BULLETIN), str(TARGETS), "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema_version"] == 1 and doc["period"] == 2023
    keys = {
        "indicator",
        "period",
        "value",
        "unit",
        "measure",
        "partial",
        "scope",
        "status",
        "quote",
        "confidence",
        "matched",
    }
    assert doc["candidates"] and all(keys <= set(c) for c in doc["candidates"])


def test_toml_output_reads_back_as_actuals() -> None:
    code, out, _ = run(
        "extract", str(BULLETIN), str(TARGETS), "-f", "toml", "--source", "dalian-2023-bulletin"
    )
    assert code == 0
    doc = tomllib.loads(out)
    assert doc["defaults"] == {"source": "dalian-2023-bulletin"}
    for rec in doc["actuals"]:
        Actual.model_validate({**rec, "source": "dalian-2023-bulletin"})


def test_table_output_and_year_from_title() -> None:
    code, out, err = run("extract", str(BULLETIN), str(TARGETS))
    assert code == 0
    assert "gdp" in out and "8800.5 亿元" in out
    assert "for 2023" in err


def test_gb18030_input(tmp_path: Path) -> None:
    f = tmp_path / "gb.txt"
    f.write_bytes(BULLETIN.read_text(encoding="utf-8").encode("gb18030"))
    code, out, err = run("extract", str(f), str(TARGETS), "-f", "json")
    assert code == 0 and "GB18030" in err
    utf8 = json.loads(run("extract", str(BULLETIN), str(TARGETS), "-f", "json")[1])
    assert json.loads(out)["candidates"] == utf8["candidates"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        (b"\xff\xfe\xfa\xfb\x80\x81", "neither UTF-8 nor GB18030"),
    ],
)
def test_bad_input_is_a_usage_error(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "in.txt"
    f.write_bytes(content)
    code, out, err = run("extract", str(f), str(TARGETS))
    assert code == 2 and message in err and out == ""


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    code, _, err = run("extract", str(f), str(TARGETS))
    assert code == 2 and f"{MAX_BYTES // 2**20} MiB limit" in err


def test_missing_file_unknown_source_and_no_year(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "nope.txt"), str(TARGETS))
    assert code == 2 and "no such file" in err
    code, _, err = run("extract", str(BULLETIN), str(TARGETS), "--source", "dalian-2023-bulletn")
    assert code == 2 and "unknown --source" in err and "dalian-2023-bulletin" in err
    f = tmp_path / "noyear.txt"
    f.write_text("全市地区生产总值8800.5亿元。", encoding="utf-8")
    code, _, err = run("extract", str(f), str(TARGETS))
    assert code == 2 and "--period" in err


def test_text_without_figures(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("2023年工作回顾\n全市上下团结奋斗,各项事业取得新进展。\n", encoding="utf-8")
    code, out, err = run("extract", str(f), str(TARGETS), "-f", "json")
    assert code == 1 and json.loads(out)["candidates"] == [] and "no figures" in err


SOURCE = """
[[sources]]
id = "test-bulletin"
title = "测试公报"
published = 2024-03-01
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The bundled indicators without their figures, and a source for the test text."""
    d = tmp_path / "targets"
    shutil.copytree(TARGETS, d)
    for f in (d / "actuals").glob("*.toml"):
        f.unlink()
    (d / "test-sources.toml").write_text(SOURCE, encoding="utf-8")
    return d


def test_write_appends_through_validation(data: Path) -> None:
    code, _, err = run(
        "extract",
        str(BULLETIN),
        str(data),
        "--source",
        "test-bulletin",
        "--write",
        "--min-confidence",
        "0.9",
    )
    assert code == 0, err
    f = data / "actuals" / "test-bulletin.toml"
    doc = tomllib.loads(f.read_text(encoding="utf-8"))
    assert doc["defaults"] == {"source": "test-bulletin"}
    text = BULLETIN.read_text(encoding="utf-8")
    assert doc["actuals"] and all(a["quote"] in text for a in doc["actuals"])
    assert all(
        c.confidence >= 0.9
        for c in found(text)
        if c.indicator in {a["indicator"] for a in doc["actuals"]}
        and c.quote in {a["quote"] for a in doc["actuals"]}
    )
    assert not check_dataset([data]).errors


def test_write_writes_what_is_new(data: Path) -> None:
    """--write skips figures already recorded with the same value (a note each), refuses
    those that conflict (the reason each, exit 1) and writes the rest."""
    code, _, _ = run("extract", str(BULLETIN), str(data), "--source", "test-bulletin", "--write")
    assert code == 0
    f = data / "actuals" / "test-bulletin.toml"
    before = tomllib.loads(f.read_text(encoding="utf-8"))["actuals"]
    changed = data.parent / "b.txt"
    changed.write_text(
        BULLETIN.read_text(encoding="utf-8")
        .replace("8800.5", "9999.9")
        .replace("九、", "全年粮食总产量130.5万吨。\n\n九、"),
        encoding="utf-8",
    )
    code, _, err = run("extract", str(changed), str(data), "--source", "test-bulletin", "--write")
    assert code == 1, err
    after = tomllib.loads(f.read_text(encoding="utf-8"))["actuals"]
    new = after[len(before) :]
    assert after[: len(before)] == before
    assert [(a["indicator"], a["value"]) for a in new] == [("grain-output", 130.5)]
    assert "refused (conflict): gdp 2023 (level): 8800.5 is recorded from 'test-bulletin'" in err
    skipped = err.count("skipped (already recorded)")
    assert skipped == len(before) - 1
    assert (
        f"wrote 1 figure(s) to {f}; {skipped} already recorded (skipped), 1 "
        "conflicting (refused)" in err
    )
    assert not check_dataset([data]).errors


def test_write_of_figures_all_recorded_changes_nothing(data: Path) -> None:
    assert run("extract", str(BULLETIN), str(data), "--source", "test-bulletin", "--write")[0] == 0
    f = data / "actuals" / "test-bulletin.toml"
    text = f.read_bytes()
    code, _, err = run("extract", str(BULLETIN), str(data), "--source", "test-bulletin", "--write")
    assert code == 0 and "wrote 0 figure(s); 27 already recorded" in err
    assert "refused (conflict)" not in err
    assert f.read_bytes() == text


def test_write_needs_a_source() -> None:
    code, _, err = run("extract", str(BULLETIN), str(TARGETS), "--write")
    assert code == 2 and "--source" in err


# Quality


def _expected() -> list[Actual]:
    doc = tomllib.loads(EXPECTED.read_text(encoding="utf-8"))
    return [Actual.model_validate({**a, "source": "fixture"}) for a in doc["actuals"]]


def test_quality_on_a_written_bulletin() -> None:
    cands = found(BULLETIN.read_text(encoding="utf-8"))
    sc = score("bulletin-2023", cands, _expected(), dataset())
    assert sc.recall >= 0.8 and sc.precision >= 0.8, (sc.missed, sc.wrong)
    statuses = {(c.indicator, c.measure): c.status for c in cands if c.period == "2023"}
    assert statuses[("gdp", "level")] == "preliminary"


@pytest.mark.skipif(not SHARED.is_dir(), reason="archived sources not beside the clone")
def test_quality_on_archived_sources() -> None:
    ds = dataset()
    scores = [sc for sid in ds.sources if (sc := score_source(ds, sid, SHARED)) is not None]
    assert scores, "no archived source with encoded figures"
    expected = sum(len(s.expected) for s in scores)
    hits = sum(len(s.hits) for s in scores)
    proposed = sum(len(s.found) for s in scores)
    right = proposed - sum(len(s.wrong) for s in scores)
    assert hits / expected >= 0.8 and right / proposed >= 0.8
    assert all(gold(ds, s.name) for s in scores)


# Robustness

_PIECES = st.sampled_from(
    [
        "地区生产总值",
        "人均",
        "增长",
        "下降",
        "万人",
        "亿元",
        "%",
        "。",
        ",",
        "、",
        "\n",
        "其中",
        "一季度",
        "前三季度",
        "1-10月",
        "累计",
        "新增",
        "全省",
        "全区",
        "高新区",
        "预计",
        "左右",
        "2023年",
        "2025年",
        "到",
        "占",
        "比重",
        "第",
        "三",
        "百分之",
        "十一点二",
        "**",
        "(",
        ")",
        "城镇新增就业",
        "1,234.5",
        "0",
        "8800.5",
        "倍",
        "个百分点",
        "余",
        "\x1b[31m",
        "\x00",
        "二、2024年工作安排",
        "實際利用外資",
        "億元",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.integers(min_value=1990, max_value=2100))
def test_any_text_gives_candidates_or_nothing_never_an_error(parts: list[str], year: int) -> None:
    text = "".join(parts)
    ex = extract_figures(text, dataset(), ExtractOptions(year))
    flat = text.replace("\r", "").replace("\n", "")  # quotes drop a wrapped line's break
    for c in ex.candidates:
        assert c.quote and c.quote in flat
        Actual.model_validate({**c.actual(), "source": "s"})


def test_none_happened_is_a_zero_flow() -> None:
    ex = extract_figures(
        "2024年,大连高新区稳中有进。全年未发生重大安全事故。", dataset(), ExtractOptions(2024)
    )
    (c,) = ex.candidates
    assert (c.indicator, c.value, c.measure, c.quote) == (
        "dlhtz-major-safety-accidents",
        0,
        "flow",
        "全年未发生重大安全事故",
    )


def test_signed_is_not_about() -> None:
    ex = extract_figures(
        "2024年,大连高新区稳中有进。全年亿元以上项目开工71个、签约88项。",
        dataset(),
        ExtractOptions(2024),
    )
    signed = {c.indicator: (c.value, c.status) for c in ex.candidates}
    assert signed["dlhtz-major-projects-signed"] == (88, "final")
    assert signed["dlhtz-major-projects-started"] == (71, "final")
    assert one("全年旅游总收入约1400亿元。", "tourism-revenue", "level").status == "estimate"


def test_preliminary_paragraph_and_lede() -> None:
    text = (
        "根据初步核算,全市地区生产总值8800.5亿元。其中,第三产业增加值4599.9亿元。\n"
        "年末全市高新技术企业达4500家。"
    )
    statuses = {c.indicator: c.status for c in found(text)}
    assert statuses == {
        "gdp": "preliminary",
        "services-value-added": "preliminary",
        "hitech-firms": "final",
    }
    lede = (
        "本报讯 市统计局今日发布,初步核算,2023年全市地区生产总值8800.5亿元,增长5%。\n"
        "全年城镇新增就业12.6万人。"
    )
    assert {c.status for c in found(lede)} == {"preliminary"}


def test_hostile_text_stays_inert(tmp_path: Path) -> None:
    f = tmp_path / "evil.txt"
    f.write_text(
        "2023年[bold red]全市[/]地区生产总值8800.5亿元\x1b[2J,增长5%。\n", encoding="utf-8"
    )
    code, out, _ = run("extract", str(f), str(TARGETS))
    assert code == 0 and "\x1b" not in out and "\\e[2J" in out and "[/]" in out
    code, out, _ = run("extract", str(f), str(TARGETS), "-f", "toml")
    assert code == 0 and "\x1b" not in out
    assert tomllib.loads(out)["actuals"][0]["quote"].endswith("8800.5亿元\x1b[2J")


def test_last_year_counts_from_the_sources_date(tmp_path: Path) -> None:
    f = tmp_path / "news.txt"
    f.write_text("去年全市高新技术企业达5300家。\n", encoding="utf-8")
    code, out, _ = run(
        "extract",
        str(f),
        str(TARGETS),
        "--period",
        "2024",
        "-f",
        "json",
        "--source",
        "china-weekly-2025-05-14",
    )
    assert code == 0
    assert [(c["indicator"], c["period"]) for c in json.loads(out)["candidates"]] == [
        ("hitech-firms", "2024")
    ]
    code, out, _ = run("extract", str(f), str(TARGETS), "--period", "2024", "-f", "json")
    assert [c["period"] for c in json.loads(out)["candidates"]] == ["2023"]


def test_province_and_city_in_one_sentence() -> None:
    ex = extract_figures("全省地区生产总值增长5.3%,全市增长5.0%。", dataset(), ExtractOptions(2023))
    assert [(c.indicator, c.measure, c.value) for c in ex.candidates] == [("gdp", "growth", 5)]
    assert any("全省" in s.reason for s in ex.skipped)


def test_better_and_worse_follow_the_direction() -> None:
    text = "细颗粒物(PM2.5)年均浓度26微克/立方米,同比改善10.3%。空气质量优良天数333天,同比恶化2%。"
    got = {(c.indicator, c.measure): c.value for c in found(text)}
    assert got[("pm25", "growth")] == -10.3  # lower is better: improving is a fall
    assert got[("good-air-days", "growth")] == -2


def test_a_figure_in_brackets_is_a_side_remark() -> None:
    ex = extract_figures(
        "2024年,全市空气质量优良天数333天(连续5年实现315天以上)。", dataset(), ExtractOptions(2024)
    )
    assert [c.value for c in ex.candidates] == [333]
    assert any("315" in s.reason for s in ex.skipped)


def test_an_impossible_fall_is_not_a_growth_rate() -> None:
    assert found("地区生产总值下降1,234.5%。") == []


def test_estimate_governs_its_list() -> None:
    text = "预计,地区生产总值增长6%以上;社会消费品零售总额增长9%。全年城镇新增就业12.6万人。"
    got = {c.indicator: c.status for c in found(text)}
    assert got == {"gdp": "estimate", "retail-sales": "estimate", "new-urban-jobs": "final"}
