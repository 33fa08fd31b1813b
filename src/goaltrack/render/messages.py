"""The engine's messages (messages.py) in words: one template per id and language.

`say` is the one place a reason becomes text, in every output: a clause is its template
filled with its parameters, each said the way its kind (`P`) is said in that language
(numbers with the template's format, `{v:num}` as `describe.fmt_num` writes them; years
listed; a figure's time in words; a status, a milestone state or an indicator by its name).
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, cast

from ..core.describe import fmt_num
from ..core.models import Indicator
from ..core.periods import parse_period, phrase_zh
from ..core.vocab import Lang
from ..evaluate.messages import PARAMS, M, Msg, P, Param
from ..evaluate.selection import Point
from .labels import indicator_name, state_word, status_word

_CONTEXT_EN = " ({n} figure(s) shown as context only: proxy or other scope)"
_CONTEXT_ZH = "（{n} 个数据仅作参考：替代指标或统计范围不同）"

TEMPLATES: dict[str, dict[M, str]] = {
    "en": {
        M.NEEDS_BASELINE: "needs a baseline value to turn the target into a level",
        M.NO_LEVEL: "no level figure reported",
        M.NO_LEVEL_CONTEXT: "no level figure reported" + _CONTEXT_EN,
        M.FIRST_YEAR_PENDING: "the plan's first year, {y}, has no figure yet: its figures are "
        "normally out by the end of {month} {y1}",
        M.MEETS: "{a:g} in {when} meets the target",
        M.MEETS_EARLY: "{a:g} in {when} meets the target already ({n} year(s) early)",
        M.MISSED_IN_TARGET_YEAR: "{a:g} in {when}, the target year, does not meet the target",
        M.PART_YEAR_ONLY: "only part-year figures of a yearly flow ({when}): not comparable "
        "with a full-year level",
        M.PART_YEAR_FLOW: "part of a year of a yearly flow: not comparable with a full-year level",
        M.NOT_YET_PUBLISHED: "the {y} figure is not yet published",
        M.NOT_MET_YET: "{a:g} in {when} does not meet the target yet",
        M.LOWER_SINGLE_FIGURE: "where lower is better a single figure without a baseline "
        "cannot show the pace (any higher baseline is possible)",
        M.NO_BASELINE_ONE_FIGURE: "no baseline and only one figure, so the pace cannot be judged",
        M.TARGET_EQUALS_BASELINE: "{a:g} in {when} does not meet the target (target equals the "
        "baseline)",
        M.BOUND_BROKEN_FROM_BASELINE: "the baseline {bv:g} ({b}) already met the target, a "
        "bound to keep: {a:g} in {when} breaks it",
        M.NO_YEAR_AFTER_BASELINE: "no year after the baseline year {y} has ended yet",
        M.LEVEL_PACE: "{a:g} in {when} is {p:.0%} of the way from {bv:g} to {goal:g} with "
        "{tau:.0%} of the time from {b} to {t} gone by then: pace ratio {r:.2f}",
        M.ZERO_BOUND_BROKEN: "{a:g} in {when}: a target of 0 is a bound to keep, and this "
        "breaks it",
        M.SINGLE_FIGURE_UPPER_BOUND: "no baseline and a single figure ({period}): the pace is "
        "an upper bound, as if the baseline were 0",
        M.SINGLE_FIGURE_AT_MOST: "{a:g} in {when} is {p:.0%} of {goal:g} with {tau:.0%} of the "
        "time gone by then: even from a baseline of 0 the pace ratio "
        "is at most {r:.2f}",
        M.SINGLE_FIGURE_CANNOT_TELL: "{a:g} in {when} is {p:.0%} of {goal:g} with {tau:.0%} of "
        "the time gone by then: even from a baseline of 0 the "
        "pace ratio is at most {r:.2f}, which cannot tell on "
        "track from behind without a baseline",
        M.FIRST_FIGURE_AS_BASELINE: "no baseline: the first figure ({period}) serves as one",
        M.RESTS_ON_FIGURE: "rests on the {period} figure",
        M.RESTS_ON_FIGURE_EARLY: "rests on the {period} figure, {n} year(s) before the target "
        "year {t}",
        M.RESTS_ON_PART_YEAR: "rests on a figure for part of a year ({when})",
        M.NONE_YET: "none yet for {years}",
        M.NO_FIGURE_RECORDED: "no {y} figure recorded",
        M.NO_FIGURES_RECORDED: "no figure recorded for {years}",
        M.NO_MILESTONE_REPORT: "no report on this milestone",
        M.REPORTED_STATE: "reported {state} ({period}, {source})",
        M.NO_COMPLETION_BY_DEADLINE: "no report of completion by the deadline {y}",
        M.LAST_REPORTED: "last reported {state} in {y}",
        M.NO_LATER_REPORT: "no later report recorded",
        M.NO_YEARLY: "no yearly figure reported",
        M.NO_YEARLY_CONTEXT: "no yearly figure reported" + _CONTEXT_EN,
        M.BROKEN_IN: "broken in {years} ({n} of {m} years reported)",
        M.KEPT_EVERY_YEAR: "kept in every year {first}–{last}",
        M.KEPT_REPORTED: "kept in every reported year ({n} of {m} years reported)",
        M.KEPT_SO_FAR: "kept in every reported year so far ({n} of {m} years reported)",
        M.KEPT_IN_YEARS_REPORTED: "kept in the years reported",
        M.NO_GROWTH: "no yearly growth figure or levels to derive it from",
        M.NO_GROWTH_CONTEXT: "no yearly growth figure or levels to derive it from" + _CONTEXT_EN,
        M.ONLY_PARTIAL_GROWTH: "only partial-year growth ({period})",
        M.NO_FULL_YEAR_RATE: "no full-year rate",
        M.BELOW_MINUS_100: "growth rates below −100% cannot be averaged",
        M.RESTS_ON_RATES: "rests on {n} of {m} yearly rates (no figure for {years})",
        M.NOMINAL: "growth derived from current-price levels: nominal, with prices",
        M.NOT_MIXED: "nominal rates from levels set aside for {years}",
        M.AVERAGE_OVER_SPAN: "average growth {g:.2f}% a year over {first}–{last} against "
        "{t:g}%{tail}",
        M.AVERAGE_SO_FAR: "average growth {g:.2f}% a year over {n} year(s) to {y} against "
        "{t:g}%{tail}",
        M.NO_CHANGE: "no yearly change figure or levels to derive it from",
        M.NO_CHANGE_CONTEXT: "no yearly change figure or levels to derive it from" + _CONTEXT_EN,
        M.RESTS_ON_CHANGES: "rests on {n} of {m} yearly changes (no figure for {years}, "
        "counted as no change)",
        M.COMBINED: "combined change {c:.2f}% against {t:g}%{tail}",
        M.TAIL_RATIO: ": ratio {r:.2f}",
        M.TAIL_BOUND_BROKEN: ": a bound that no change would keep, broken",
        M.TAIL_WITHIN_BOUND: ": within the bound so far",
        M.TAIL_PACE: ", {p:.0%} of the way with {tau:.0%} of the time gone: pace ratio {r:.2f}",
        M.NO_FLOW: "no yearly flow or cumulative figure reported",
        M.NO_FLOW_CONTEXT: "no yearly flow or cumulative figure reported" + _CONTEXT_EN,
        M.RESTS_ON_YEARS: "rests on {n} of {m} years (no figure for {years}, counted as nothing)",
        M.TOTAL_REACHES: "total {s:g} already reaches {t:g}",
        M.TOTAL_EXCEEDS_CAP: "total {s:g} already exceeds the cap of {t:g}",
        M.TOTAL_OVER: "total {s:g} over {first}–{last} against {t:g}",
        M.TOTAL_WITHIN_CAP: "total {s:g} so far is within the cap of {t:g}",
        M.NOT_YET_ENDED: "no year of {first}–{last} has ended yet",
        M.CUMULATIVE_PACE: "{tau:.0%} of {first}–{last} gone, total {s:g} is {p:.0%} of {t:g}: "
        "pace ratio {r:.2f}",
        M.CAP_PACE: "{tau:.0%} of {first}–{last} gone, total {s:g} is {p:.0%} of the cap of "
        "{t:g}: at this pace {proj:num} by {y}, budget ratio {r:.2f}",
        M.NEEDS_BOTH_GROWTHS: "needs growth of both this indicator and {ref} for the same year",
        M.RESTS_ON_BOTH_GROWTHS: "rests on {n} of {m} year(s) with both growth figures",
        M.FASTER: "growth faster than {ref} in {n} of {m} year(s)",
        M.IN_STEP: "growth in step with {ref} in {n} of {m} year(s)",
        M.NOT_FASTER: "growth not faster than {ref} in {n} of {m} year(s)",
        M.TRACKED: "no target: figures are tracked, not judged",
        M.OUT_OF_RANGE: "the figures are outside the computable range",
        M.PROJECTION_MEETS: "by projection: {v:num} in {y}, which meets the target",
        M.PROJECTION_FALLS_SHORT: "by projection: {v:num} in {y}, which falls short of the target",
        M.PACE_ALONE: "the pace alone would say {status}",
        M.FORMULA_BOUND_KEPT: "a bound the baseline already meets: kept or broken",
        M.FORMULA_LEVEL: "p = (A − B)/(T − B); τ = years gone/(t − b); R = p/τ",
        M.FORMULA_SINGLE_FIGURE: "at best: p ≤ A/T (a baseline of at least 0); R ≤ p/τ",
        M.FORMULA_GROWTH: "G = (Π(1 + r_i))^(1/n) − 1; R = ln(1 + G)/ln(1 + T)",
        M.FORMULA_COMPOUND: "C = Π(1 + r_i) − 1; p = ln(1 + C)/ln(1 + T); R = p/τ",
        M.FORMULA_CUMULATIVE: "p = Σ/T; τ = years gone/years in period; R = p/τ",
        M.PROJECTED_COMPOUND: "compound growth from {y0} ({v0:g}) to {y1} ({v1:g}), to {y}",
        M.PROJECTED_LINEAR: "linear from {y0} ({v0:g}) to {y1} ({v1:g}), to {y}",
        M.FROM_CUMULATIVE: "cumulative figure for {period}",
        M.FROM_FLOWS: "sum of yearly flows {flows}",
        M.RATES_REPORTED: "reported",
        M.RATES_DERIVED: "derived from levels",
        M.RATES_NOMINAL: "derived from current-price levels (nominal)",
        M.RATES_LEVELS: "levels",
        M.NOT_YET_KNOWN: "not yet known: {why}",
        M.PERIOD_ENDS_AFTER: "the period ends after the as-of date {d}",
        M.PUBLISHED_AFTER: "published {p}, after the as-of date {d}",
        M.PUBLISHED_UNCERTAIN: "published {p} (date uncertain): counted from {c}, after the "
        "as-of date {d}",
        M.PROXY: "proxy: {notes}",
        M.PROXY_RELATED: "proxy: a related measure",
        M.SCOPE_DIFFERS: "scope {scope} differs from {other}",
        M.REVISED_BY: "revised by {source}",
        M.KEPT_FIRST: "kept first: {source}",
        M.FULL_YEAR_EXISTS: "a full-year figure exists",
        M.SAME_TEXT: "same text as {source}",
        M.AGREES: "agrees with {source}",
        M.SUPERSEDED_LATER: "superseded by {source}, published later",
    },
    "zh": {
        M.NEEDS_BASELINE: "缺少基期值，无法将目标折算为水平值",
        M.NO_LEVEL: "未发布水平值数据",
        M.NO_LEVEL_CONTEXT: "未发布水平值数据" + _CONTEXT_ZH,
        M.FIRST_YEAR_PENDING: "规划首年（{y}年）尚无数据：该年数据通常于{y1}年{month}月底前发布",
        M.MEETS: "{when} {a:g}，已达到目标",
        M.MEETS_EARLY: "{when} {a:g}，已提前 {n} 年达到目标",
        M.MISSED_IN_TARGET_YEAR: "目标年 {when} {a:g}，未达到目标",
        M.PART_YEAR_ONLY: "只有流量指标的非全年数据（{when}），不能与全年水平值比较",
        M.PART_YEAR_FLOW: "流量指标的非全年数据，不能与全年水平值比较",
        M.NOT_YET_PUBLISHED: "{y}年数据尚未发布",
        M.NOT_MET_YET: "{when} {a:g}，尚未达到目标",
        M.LOWER_SINGLE_FIGURE: "越低越好的指标只有一个数据而无基期值，无法判断进度（基期可能是任何"
        "更高的值）",
        M.NO_BASELINE_ONE_FIGURE: "无基期值且只有一个数据，无法判断进度",
        M.TARGET_EQUALS_BASELINE: "{when} {a:g}，未达到目标（目标等于基期值）",
        M.BOUND_BROKEN_FROM_BASELINE: "基期 {b}年（{bv:g}）已达到目标，须保持：{when} {a:g} 未能"
        "保持",
        M.NO_YEAR_AFTER_BASELINE: "基期 {y}年之后尚无已结束的年份",
        M.LEVEL_PACE: "{when} {a:g}，从 {bv:g} 到 {goal:g} 已完成 {p:.0%}，其时 {b}–{t} 年时间已过 "
        "{tau:.0%}：进度比 {r:.2f}",
        M.ZERO_BOUND_BROKEN: "{when} {a:g}：目标为 0，须保持，此值未能保持",
        M.SINGLE_FIGURE_UPPER_BOUND: "无基期值且只有一个数据（{period}）：按基期为 0 计算，进度为"
        "上限",
        M.SINGLE_FIGURE_AT_MOST: "{when} {a:g}，为 {goal:g} 的 {p:.0%}，其时时间已过 {tau:.0%}："
        "即使基期为 0，进度比最多为 {r:.2f}",
        M.SINGLE_FIGURE_CANNOT_TELL: "{when} {a:g}，为 {goal:g} 的 {p:.0%}，其时时间已过 "
        "{tau:.0%}：即使基期为 0，进度比最多为 {r:.2f}，无基期值无法"
        "判断进度是否正常",
        M.FIRST_FIGURE_AS_BASELINE: "无基期值：以首个数据（{period}）为基期",
        M.RESTS_ON_FIGURE: "依据 {period} 数据",
        M.RESTS_ON_FIGURE_EARLY: "依据 {period} 数据，距目标年 {t}年尚有 {n} 年",
        M.RESTS_ON_PART_YEAR: "依据非全年数据（{when}）",
        M.NONE_YET: "{years} 年尚无数据",
        M.NO_FIGURE_RECORDED: "无{y}年数据记录",
        M.NO_FIGURES_RECORDED: "无 {years} 年数据记录",
        M.NO_MILESTONE_REPORT: "此项尚无进展报告",
        M.REPORTED_STATE: "报告{state}（{period}，{source}）",
        M.NO_COMPLETION_BY_DEADLINE: "截至期限 {y}年无完成报告",
        M.LAST_REPORTED: "最近一次报告为{state}（{y}年）",
        M.NO_LATER_REPORT: "此后无报告记录",
        M.NO_YEARLY: "未发布年度数据",
        M.NO_YEARLY_CONTEXT: "未发布年度数据" + _CONTEXT_ZH,
        M.BROKEN_IN: "{years} 年未守住（{m} 年中已发布 {n} 年）",
        M.KEPT_EVERY_YEAR: "{first}–{last} 年每年均守住",
        M.KEPT_REPORTED: "已发布年份均守住（{m} 年中已发布 {n} 年）",
        M.KEPT_SO_FAR: "迄今已发布年份均守住（{m} 年中已发布 {n} 年）",
        M.KEPT_IN_YEARS_REPORTED: "已发布年份均守住",
        M.NO_GROWTH: "没有年度增速，也没有可推算增速的水平值",
        M.NO_GROWTH_CONTEXT: "没有年度增速，也没有可推算增速的水平值" + _CONTEXT_ZH,
        M.ONLY_PARTIAL_GROWTH: "只有非全年增速（{period}）",
        M.NO_FULL_YEAR_RATE: "没有全年增速",
        M.BELOW_MINUS_100: "低于 −100% 的增速无法平均",
        M.RESTS_ON_RATES: "依据 {m} 年中 {n} 年的增速（缺 {years} 年数据）",
        M.NOMINAL: "由现价水平值推算的增速为名义增速（含价格因素）",
        M.NOT_MIXED: "{years} 年由水平值推算的名义增速未与已发布增速混用",
        M.AVERAGE_OVER_SPAN: "{first}–{last} 年均增长 {g:.2f}%，目标 {t:g}%{tail}",
        M.AVERAGE_SO_FAR: "截至 {y}年 {n} 年年均增长 {g:.2f}%，目标 {t:g}%{tail}",
        M.NO_CHANGE: "没有年度变化率，也没有可推算的水平值",
        M.NO_CHANGE_CONTEXT: "没有年度变化率，也没有可推算的水平值" + _CONTEXT_ZH,
        M.RESTS_ON_CHANGES: "依据 {m} 年中 {n} 年的变化（缺 {years} 年数据，按无变化计）",
        M.COMBINED: "累计变化 {c:.2f}%，目标 {t:g}%{tail}",
        M.TAIL_RATIO: "：比值 {r:.2f}",
        M.TAIL_BOUND_BROKEN: "：任何变化都无法保持的界限，已突破",
        M.TAIL_WITHIN_BOUND: "：目前在界限之内",
        M.TAIL_PACE: "，时间已过 {tau:.0%}，已完成 {p:.0%}：进度比 {r:.2f}",
        M.NO_FLOW: "未发布年度量或累计数据",
        M.NO_FLOW_CONTEXT: "未发布年度量或累计数据" + _CONTEXT_ZH,
        M.RESTS_ON_YEARS: "依据 {m} 年中的 {n} 年（缺 {years} 年数据，按零计）",
        M.TOTAL_REACHES: "累计 {s:g}，已达到 {t:g}",
        M.TOTAL_EXCEEDS_CAP: "累计 {s:g}，已超过上限 {t:g}",
        M.TOTAL_OVER: "{first}–{last} 年累计 {s:g}，目标 {t:g}",
        M.TOTAL_WITHIN_CAP: "累计 {s:g}，未超过上限 {t:g}",
        M.NOT_YET_ENDED: "{first}–{last} 年尚无已结束的年份",
        M.CUMULATIVE_PACE: "{first}–{last} 年时间已过 {tau:.0%}，累计 {s:g}，为 {t:g} 的 {p:.0%}："
        "进度比 {r:.2f}",
        M.CAP_PACE: "{first}–{last} 年时间已过 {tau:.0%}，累计 {s:g}，已用上限 {t:g} 的 {p:.0%}："
        "按此速度至 {y}年将达 {proj:num}，额度比 {r:.2f}",
        M.NEEDS_BOTH_GROWTHS: "需要本指标与{ref}同一年的增速",
        M.RESTS_ON_BOTH_GROWTHS: "依据 {m} 年中两者均有增速的 {n} 年",
        M.FASTER: "{m} 年中有 {n} 年增速快于{ref}",
        M.IN_STEP: "{m} 年中有 {n} 年增速与{ref}同步",
        M.NOT_FASTER: "{m} 年中有 {n} 年增速不快于{ref}",
        M.TRACKED: "无目标：数据仅跟踪，不作评价",
        M.OUT_OF_RANGE: "数据超出可计算范围",
        M.PROJECTION_MEETS: "按预测：{y}年 {v:num}，达到目标",
        M.PROJECTION_FALLS_SHORT: "按预测：{y}年 {v:num}，达不到目标",
        M.PACE_ALONE: "仅按进度则为{status}",
        M.FORMULA_BOUND_KEPT: "基期已满足的界限：保持或突破",
        M.FORMULA_LEVEL: "p = (A − B)/(T − B)；τ = 已过年数/(t − b)；R = p/τ",
        M.FORMULA_SINGLE_FIGURE: "最多：p ≤ A/T（基期至少为 0）；R ≤ p/τ",
        M.FORMULA_GROWTH: "G = (Π(1 + r_i))^(1/n) − 1；R = ln(1 + G)/ln(1 + T)",
        M.FORMULA_COMPOUND: "C = Π(1 + r_i) − 1；p = ln(1 + C)/ln(1 + T)；R = p/τ",
        M.FORMULA_CUMULATIVE: "p = Σ/T；τ = 已过年数/规划期年数；R = p/τ",
        M.PROJECTED_COMPOUND: "按 {y0}年（{v0:g}）至 {y1}年（{v1:g}）的复合增速推算到 {y}年",
        M.PROJECTED_LINEAR: "按 {y0}年（{v0:g}）至 {y1}年（{v1:g}）线性推算到 {y}年",
        M.FROM_CUMULATIVE: "{period} 累计数据",
        M.FROM_FLOWS: "逐年数据之和 {flows}",
        M.RATES_REPORTED: "已发布增速",
        M.RATES_DERIVED: "由水平值推算",
        M.RATES_NOMINAL: "由现价水平值推算（名义）",
        M.RATES_LEVELS: "水平值",
        M.NOT_YET_KNOWN: "尚未可知：{why}",
        M.PERIOD_ENDS_AFTER: "时期在评估日期 {d} 之后结束",
        M.PUBLISHED_AFTER: "发布于 {p}，晚于评估日期 {d}",
        M.PUBLISHED_UNCERTAIN: "发布于 {p}（日期不确定），按 {c} 计，晚于评估日期 {d}",
        M.PROXY: "替代指标：{notes}",
        M.PROXY_RELATED: "替代指标：相关口径",
        M.SCOPE_DIFFERS: "统计范围 {scope} 与 {other} 不同",
        M.REVISED_BY: "被 {source} 修订",
        M.KEPT_FIRST: "按首发取 {source}",
        M.FULL_YEAR_EXISTS: "已有全年数据",
        M.SAME_TEXT: "与 {source} 为同一文本的转载",
        M.AGREES: "与 {source} 数据一致",
        M.SUPERSEDED_LATER: "以较晚发布的 {source} 为准",
    },
}

# Between the clauses of a reason, and between the sources of a rate.
CLAUSE_SEP = {"en": "; ", "zh": "；"}
AND_SEP = {"en": " and ", "zh": "及"}
_LIST_SEP = {"en": ", ", "zh": "、"}


_NUM = re.compile(r"\{(\w+):num\}")  # a number as describe.fmt_num writes it


def _compiled(template: str) -> tuple[str, frozenset[str]]:
    """A template for str.format, and its fields written with `fmt_num`."""
    return _NUM.sub(r"{\1}", template), frozenset(_NUM.findall(template))


_COMPILED = {
    lang: {id_: _compiled(t) for id_, t in templates.items()}
    for lang, templates in TEMPLATES.items()
}


def fields(template: str) -> set[str]:
    """The parameters a template uses (for tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _word(kind: P, value: Param, lang: Lang) -> Any:
    """A parameter as the template takes it: a number stays a number (the template formats
    it), everything else becomes words in `lang`."""
    if kind == P.NUM or kind == P.INT:
        return value
    if kind == P.MSG:
        assert value is None or isinstance(value, Msg)
        return "" if value is None else say_one(value, lang)
    if kind == P.YEARS:
        assert isinstance(value, tuple)
        return _LIST_SEP[lang].join(map(str, value))
    if kind == P.MONTH:
        assert isinstance(value, int)
        return calendar.month_name[value] if lang == "en" else str(value)
    if kind == P.WHEN:
        assert isinstance(value, Point)
        phrase = parse_period(value.period).phrase()
        return phrase if lang == "en" else phrase_zh(phrase) or phrase
    if kind == P.STATUS:
        assert isinstance(value, str)
        return status_word(value, lang)
    if kind == P.STATE:
        assert isinstance(value, str)
        return state_word(value, lang)
    if kind == P.INDICATOR:  # by its name in `lang`; by its id when the dataset lacks it
        return indicator_name(value, lang) if isinstance(value, Indicator) else value
    return value


def say_one(m: Msg, lang: Lang) -> str:
    """One clause in `lang`."""
    return _said(m, lang) if _cacheable(m) else _say(m, lang)


@lru_cache(maxsize=4096)  # a report says the same clauses many times (not yet known: …)
def _said(m: Msg, lang: Lang) -> str:
    return _say(m, lang)


def _cacheable(m: Msg) -> bool:
    """Whether equal messages are always said alike: not with a number (0.0 == -0.0, said
    "0" and "-0") or an Indicator (not hashable) among its parameters."""
    kinds = PARAMS[m.id].values()
    if P.NUM in kinds or P.INDICATOR in kinds:
        return False
    return P.MSG not in kinds or all(not isinstance(v, Msg) or _cacheable(v) for _, v in m.params)


def _say(m: Msg, lang: Lang) -> str:
    template, nums = _COMPILED[lang][m.id]
    kinds = PARAMS[m.id]
    words: dict[str, Any] = {}
    for k, v in m.params:
        kind = kinds[k]
        if kind is P.NUM or kind is P.INT:  # the template formats it
            words[k] = fmt_num(cast(float, v)) if k in nums else v
        else:
            words[k] = _word(kind, v, lang)
    return template.format_map(words)


def say(clauses: Iterable[Msg], lang: Lang) -> str:
    """A reason (its clauses, in order) in `lang`."""
    return CLAUSE_SEP[lang].join(say_one(m, lang) for m in clauses)


def say_en(clauses: Iterable[Msg]) -> str:
    """A reason in English, as the public JSON's working (`components`) always says it."""
    return say(clauses, "en")


def say_and(items: Iterable[Msg], lang: Lang) -> str:
    """Several short messages as one ("derived from levels and reported")."""
    return AND_SEP[lang].join(say_one(m, lang) for m in items)
