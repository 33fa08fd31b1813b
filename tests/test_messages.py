"""The engine's messages: every id said in every language, from its typed parameters."""

from __future__ import annotations

from typing import Any

import pytest

from goaltrack.evaluate.components import LevelComponents
from goaltrack.evaluate.messages import PARAMS, M, msg
from goaltrack.render.labels import LANGS
from goaltrack.render.messages import TEMPLATES, fields, say, say_one

from .said import comp, en, en_all, whys, zh
from .test_evaluate import dataset, ev


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_template_whose_fields_are_its_parameters(lang: str) -> None:
    assert set(TEMPLATES[lang]) == set(M)
    for id_, template in TEMPLATES[lang].items():
        assert fields(template) == set(PARAMS[id_]), (lang, id_, template)


def test_a_message_takes_exactly_its_parameters() -> None:
    with pytest.raises(TypeError):
        msg(M.MEETS, a=1.0)
    with pytest.raises(TypeError):
        msg(M.NO_LEVEL, n=2)


def test_a_level_pace_reason_in_both_languages() -> None:
    ind = {
        "id": "x",
        "unit": "%",
        "baseline": {"year": 2020, "value": 50},
        "targets": [{"kind": "level", "operator": "at_least", "value": 60}],
    }
    e = ev(dataset(ind, [{"period": "2022", "value": 54}]), as_of="2023-06-30")
    assert e.reason[0].id == M.LEVEL_PACE
    assert en(e.reason) == (
        "54 in 2022 is 40% of the way from 50 to 60 with 40% of the time "
        "from 2020 to 2025 gone by then: pace ratio 1.00"
    )
    assert zh(e.reason) == (
        "2022年 54，从 50 到 60 已完成 40%，其时 2020–2025 年时间已过 40%：进度比 1.00"
    )
    assert comp(e)["formula"] == "p = (A − B)/(T − B); τ = years gone/(t − b); R = p/τ"
    assert isinstance(e.components, LevelComponents) and e.components.formula is not None
    assert (
        say_one(e.components.formula, "zh") == "p = (A − B)/(T − B)；τ = 已过年数/(t − b)；R = p/τ"
    )


def test_a_part_year_figure_is_said_by_its_months_in_each_language() -> None:
    ind = {
        "id": "pm",
        "unit": "微克/立方米",
        "direction": "lower",
        "baseline": {"year": 2020, "value": 35},
        "targets": [{"kind": "level", "operator": "at_most", "value": 30}],
    }
    e = ev(dataset(ind, [{"period": "2025-01..09", "value": 28}]), as_of="2025-10-31")
    why = e.provisional[-1]
    assert say(why, "en") == "rests on a figure for part of a year (January–September 2025)"
    assert say(why, "zh") == "依据非全年数据（2025年1—9月）"


def test_a_relative_target_names_the_other_indicator_in_each_language() -> None:
    gdp = {"id": "gdp", "name": "地区生产总值", "name_en": "Gross regional product", "unit": "%"}
    inc = {
        "id": "inc",
        "name": "居民收入",
        "unit": "%",
        "targets": [{"kind": "relative", "relation": "faster", "reference": "gdp"}],
    }
    rates = [
        {"indicator": i, "period": str(y), "value": v, "measure": "growth", "unit": "%"}
        for i, vs in (("gdp", (5, 6)), ("inc", (6, 7)))
        for y, v in zip((2021, 2022), vs, strict=True)
    ]
    e = ev(dataset(inc, rates, extra=(gdp,)), as_of="2023-06-30", ind="inc")
    assert en(e.reason) == "growth faster than Gross regional product in 2 of 2 year(s)"
    assert zh(e.reason) == "2 年中有 2 年增速快于地区生产总值"


def test_why_a_figure_was_set_aside_is_a_message() -> None:
    ind = {
        "id": "x",
        "unit": "%",
        "targets": [{"kind": "level", "operator": "at_least", "value": 60}],
    }
    e = ev(
        dataset(ind, [{"period": "2022", "value": 54}, {"period": "2024", "value": 58}]),
        as_of="2023-12-31",
    )
    assert [(p.period, w) for p, w in whys(e.superseded)] == [
        ("2024", "not yet known: the period ends after the as-of date 2023-12-31")
    ]
    assert say_one(e.superseded[0][1], "zh") == "尚未可知：时期在评估日期 2023-12-31 之后结束"
    assert en_all(e.provisional) == []


def test_a_parameter_must_be_of_its_kind() -> None:
    with pytest.raises(TypeError):
        msg(M.NO_FIGURE_RECORDED, y="2023")  # a year is a number, not text
    mixed: Any = (2023, "2024")  # what a type checker would refuse, refused at run time too
    with pytest.raises(TypeError):
        msg(M.NONE_YET, years=mixed)
    with pytest.raises(TypeError):
        msg(M.MEETS, a=5.0, when="2023")  # "when" is the figure itself
    assert say_one(msg(M.NONE_YET, years=(2023, 2024)), "zh") == "2023、2024 年尚无数据"


def test_clauses_the_english_parsing_used_to_garble_in_chinese() -> None:
    # "published {p}, after …" once swallowed the rest of the longer English sentence,
    # and "{a} in {when} meets the target" took a projection's reason for a figure's
    uncertain = msg(
        M.NOT_YET_KNOWN, why=msg(M.PUBLISHED_UNCERTAIN, p="2026", c="2026-12-31", d="2026-12-06")
    )
    assert (
        say_one(uncertain, "zh")
        == "尚未可知：发布于 2026（日期不确定），按 2026-12-31 计，晚于评估日期 2026-12-06"
    )
    assert say_one(uncertain, "en") == (
        "not yet known: published 2026 (date uncertain): "
        "counted from 2026-12-31, after the as-of date "
        "2026-12-06"
    )
    meets = msg(M.PROJECTION_MEETS, v=208.4931, y=2025)
    assert say_one(meets, "en") == "by projection: 208.493 in 2025, which meets the target"
    assert say_one(meets, "zh") == "按预测：2025年 208.493，达到目标"
