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

from goaltrack.cli import app
from goaltrack.dataset import Dataset
from goaltrack.extract.candidates import Candidate, ExtractOptions, extract_figures
from goaltrack.extract.numbers import find_numbers
from goaltrack.extract.quality import gold, score, score_source
from goaltrack.extract.textin import MAX_BYTES
from goaltrack.models import Actual
from goaltrack.validate import check_dataset

from .conftest import FIXTURES

ROOT = Path(__file__).parents[1]
TARGETS = ROOT / "targets"
BULLETIN = FIXTURES / "extract" / "bulletin-2023.txt"
EXPECTED = FIXTURES / "extract" / "bulletin-2023.expected.toml"
# CI keeps the archived texts beside the clone (../shared/sources); a worktree sits deeper.
SHARED = next((p for p in (ROOT.parent / "shared" / "sources",
                           ROOT.parents[1] / "shared" / "sources") if p.is_dir()),
              ROOT.parent / "shared" / "sources")
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


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("实现471.3亿元", 471.3, "亿元"), ("达1,234.5亿元", 1234.5, "亿元"),
    ("增长4.5%", 4.5, "%"), ("增长百分之四点五", 4.5, "%"), ("两千人", 2000, "人"),
    ("十一点二亿美元", 11.2, "亿美元"), ("510万标准箱", 510, "万标箱"),
    ("26微克/立方米", 26, "微克/立方米"), ("1.13万人", 1.13, "万人"),
    ("增长1.5倍", 1.5, "倍"), ("全市排名第三", 3, "位"), ("提高0.8个百分点", 0.8, "百分点"),
    ("营收76.7亿", 76.7, "亿"),
])
def test_numbers_with_units(text: str, value: float, unit: str) -> None:
    (n,) = find_numbers(text)
    assert (n.value, n.unit) == (value, unit)


@pytest.mark.parametrize("text", ["2024年10月15日", "1-10月", "PM2.5", "5G基站", "一带一路",
                                  "第一产业", "一季度"])
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
    assert not [c for c in found("全年人均地区生产总值118000元,比上年增长5.3%。")
                if c.indicator == "gdp"]


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
    months = one("1—10月,全市规模以上工业总产值同比增长6.1%。", "industrial-output-growth",
                 "growth")
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
    wrapped = one("今年前三季度,全市技术合同成交\n\n额305.8亿元,同比增长20.4%。",
                  "tech-contract-turnover", "growth")
    assert wrapped.value == 20.4 and wrapped.period == "2023-Q1..Q3"


# The command


def test_json_output_shape() -> None:
    code, out, err = run("extract", str(BULLETIN), str(TARGETS), "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema_version"] == 1 and doc["period"] == 2023
    keys = {"indicator", "period", "value", "unit", "measure", "partial", "scope", "status",
            "quote", "confidence", "matched"}
    assert doc["candidates"] and all(keys <= set(c) for c in doc["candidates"])


def test_toml_output_reads_back_as_actuals() -> None:
    code, out, _ = run("extract", str(BULLETIN), str(TARGETS), "-f", "toml",
                       "--source", "dalian-2023-bulletin")
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


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"), (b"  \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    (b"\xff\xfe\xfa\xfb\x80\x81", "neither UTF-8 nor GB18030"),
])
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
    code, _, err = run("extract", str(BULLETIN), str(data), "--source", "test-bulletin",
                       "--write", "--min-confidence", "0.9")
    assert code == 0, err
    f = data / "actuals" / "test-bulletin.toml"
    doc = tomllib.loads(f.read_text(encoding="utf-8"))
    assert doc["defaults"] == {"source": "test-bulletin"}
    text = BULLETIN.read_text(encoding="utf-8")
    assert doc["actuals"] and all(a["quote"] in text for a in doc["actuals"])
    assert all(c.confidence >= 0.9 for c in found(text)
               if c.indicator in {a["indicator"] for a in doc["actuals"]}
               and c.quote in {a["quote"] for a in doc["actuals"]})
    assert not check_dataset([data]).errors


def test_write_refuses_conflicts_and_writes_nothing(data: Path) -> None:
    code, _, _ = run("extract", str(BULLETIN), str(data), "--source", "test-bulletin",
                     "--write")
    assert code == 0
    f = data / "actuals" / "test-bulletin.toml"
    before = f.read_bytes()
    changed = data.parent / "b.txt"
    changed.write_text(BULLETIN.read_text(encoding="utf-8").replace("8800.5", "9999.9"),
                       encoding="utf-8")
    code, _, err = run("extract", str(changed), str(data), "--source", "test-bulletin",
                       "--write")
    assert code == 1 and "refused" in err and "nothing written" in err
    assert f.read_bytes() == before


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

_PIECES = st.sampled_from([
    "地区生产总值", "人均", "增长", "下降", "万人", "亿元", "%", "。", ",", "、", "\n", "其中",
    "一季度", "前三季度", "1-10月", "累计", "新增", "全省", "全区", "高新区", "预计", "左右",
    "2023年", "2025年", "到", "占", "比重", "第", "三", "百分之", "十一点二", "**", "(", ")",
    "城镇新增就业", "1,234.5", "0", "8800.5", "倍", "个百分点", "余", "\x1b[31m", "\x00",
    "二、2024年工作安排", "實際利用外資", "億元",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.integers(min_value=1990, max_value=2100))
def test_any_text_gives_candidates_or_nothing_never_an_error(parts: list[str],
                                                             year: int) -> None:
    text = "".join(parts)
    ex = extract_figures(text, dataset(), ExtractOptions(year))
    for c in ex.candidates:
        assert c.quote and c.quote in text
        Actual.model_validate({**c.actual(), "source": "s"})


def test_none_happened_is_a_zero_flow() -> None:
    ex = extract_figures("2024年,大连高新区稳中有进。全年未发生重大安全事故。", dataset(),
                         ExtractOptions(2024))
    (c,) = ex.candidates
    assert (c.indicator, c.value, c.measure, c.quote) == (
        "dlhtz-major-safety-accidents", 0, "flow", "全年未发生重大安全事故")
