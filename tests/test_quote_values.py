"""`check`: a figure that disagrees with its own quote, and percentages written as fractions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from goaltrack.check.quote_values import percent_as_fraction, quote_agreement
from goaltrack.check.validate import check_dataset

from .conftest import PLAN


@pytest.mark.parametrize(
    ("value", "unit", "quote", "growth", "expected"),
    [
        (5300, "家", "全市高新技术企业达到5300家", False, "agrees"),
        (4300, "家", "全市高新技术企业达到5300家", False, "disagrees"),
        (530, "家", "全市高新技术企业达到5300家", False, "disagrees"),
        (11300, "人", "城镇新增就业1.13万人", False, "agrees"),
        (1.13, "万人", "城镇新增就业11300人", False, "agrees"),
        (5, "%", "比上年增长5.0%", True, "agrees"),
        (-2.1, "%", "比上年下降2.1%", True, "agrees"),
        (130, "%", "旅客吞吐量增长1.3倍", True, "agrees"),
        (0.045, "%", "城镇登记失业率控制在4.5%以内", False, "fraction"),
        (8430.9, "亿元", "8,430億9,000万元", False, "agrees"),
        (15.7, "亿美元", "实际利用外资完成15.7亿美元", False, "agrees"),
        (3, "位", "空气质量综合指数全市排名第三", False, "unreadable"),
        (0, "起", "全年未发生重大安全事故", False, "unreadable"),
        (52.3, "%", "三次产业结构为6.7:41.0:52.3", False, "agrees"),
        (52.4, "%", "三次产业结构为6.7:41.0:52.3", False, "unreadable"),
    ],
)
def test_quote_agreement(value: float, unit: str, quote: str, growth: bool, expected: str) -> None:
    assert quote_agreement(value, unit, quote, growth) == expected


def test_percent_as_fraction() -> None:
    assert percent_as_fraction(0.045, "%", "失业率控制在4.5%以内")
    assert not percent_as_fraction(4.5, "%", "失业率控制在4.5%以内")
    assert not percent_as_fraction(0.5, "%", "增长0.5%")  # truly below one percent
    assert not percent_as_fraction(0.045, "亿元", "4.5%")


DATA = (
    PLAN
    + """
[[indicators]]
id = "firms"
name = "高新技术企业"
category = "c"
unit = "家"

[[indicators]]
id = "jobless"
name = "城镇登记失业率"
category = "c"
unit = "%"
direction = "lower"

[[indicators.targets]]
kind = "hold"
operator = "at_most"
value = 0.045
citation = { source = "s", quote = "城镇登记失业率控制在4.5%以内" }

[[actuals]]
indicator = "firms"
period = "2024"
value = 4300
source = "s"
quote = "全市高新技术企业达到5300家"

[[actuals]]
indicator = "jobless"
period = "2024"
value = 0.033
source = "s"
quote = "城镇登记失业率为3.3%"

[[actuals]]
indicator = "firms"
period = "2023"
value = 0.5
unit = "万家"
source = "s"
quote = "高新技术企业达5000家"
"""
)


def test_check_warns_at_the_record(write: Callable[[str, str], Path]) -> None:
    f = write("d.toml", DATA)
    diags = check_dataset([f]).diagnostics
    got = sorted((d.code, d.line) for d in diags if d.code in ("quote-value", "percent-fraction"))
    lines = f.read_text(encoding="utf-8").splitlines()
    at = {
        i + 1 for i, line in enumerate(lines) if line in ("[[actuals]]", "[[indicators.targets]]")
    }
    assert [c for c, _ in got] == ["percent-fraction", "percent-fraction", "quote-value"]
    assert all(line in at for _, line in got)
    (mismatch,) = [d for d in diags if d.code == "quote-value"]
    assert "4300" in mismatch.message and mismatch.severity == "warning"
    strict = check_dataset([f], strict=True)
    assert {d.code for d in strict.errors} >= {"quote-value", "percent-fraction"}
