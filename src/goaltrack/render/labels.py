"""Words and symbols for statuses and flags, in English and Chinese."""

from __future__ import annotations

from ..dataset import Dataset
from ..models import Indicator

STATUS_SYMBOL = {"achieved": "✔", "on_track": "●", "at_risk": "▲", "off_track": "✖",
                 "regressing": "↓", "missed": "✘", "no_data": "?"}
STATUS_STYLE = {"achieved": "bold green", "on_track": "green", "at_risk": "yellow",
                "off_track": "red", "regressing": "bold red", "missed": "bold red",
                "no_data": "dim"}
STATUS_WORD = {
    "en": {"achieved": "achieved", "on_track": "on track", "at_risk": "at risk",
           "off_track": "off track", "regressing": "regressing", "missed": "missed",
           "no_data": "no data"},
    "zh": {"achieved": "已完成", "on_track": "进度正常", "at_risk": "有风险", "off_track": "滞后",
           "regressing": "倒退", "missed": "未完成", "no_data": "无数据"},
}
FLAG_WORD = {
    "en": {"provisional": "provisional", "estimate": "estimate", "preliminary": "preliminary",
           "final_pending": "final figure pending", "override": "override",
           "converted_to_level": "as level", "missing_years": "years missing",
           "baseline_from_first_figure": "baseline = first figure", "projection": "projection",
           "tracked": "tracked", "undated_source": "undated source"},
    "zh": {"provisional": "暂定", "estimate": "估计", "preliminary": "初步",
           "final_pending": "终期数据待发布", "override": "人工判定",
           "converted_to_level": "折算为水平值",
           "missing_years": "缺年份", "baseline_from_first_figure": "以首个数据为基期",
           "projection": "按预测", "tracked": "仅跟踪", "undated_source": "来源无日期"},
}
HEAD = {
    "en": {"indicator": "Indicator", "target": "Target", "baseline": "Baseline",
           "latest": "Latest", "progress": "Progress", "status": "Status", "sources": "Src",
           "period": "period", "as_of": "as of", "elapsed": "time elapsed", "summary": "Summary",
           "binding": "binding", "expected": "expected", "unspecified": "unspecified"},
    "zh": {"indicator": "指标", "target": "目标", "baseline": "基期", "latest": "最新",
           "progress": "进度", "status": "状态", "sources": "来源", "period": "规划期",
           "as_of": "评估日期", "elapsed": "时间进度", "summary": "汇总", "binding": "约束性",
           "expected": "预期性", "unspecified": "未注明"},
}


def status_label(status: str, lang: str) -> str:
    return f"{STATUS_SYMBOL[status]} {STATUS_WORD[lang][status]}"


TRACKED = {"en": ("· tracked", "(tracked, no target)"), "zh": ("· 仅跟踪", "（仅跟踪，无目标）")}


def verdict_label(status: str, flags: list[str] | tuple[str, ...], lang: str) -> str:
    """The status as shown: an indicator without targets is tracked, not judged."""
    return TRACKED[lang][0] if "tracked" in flags else status_label(status, lang)


def target_label(text: str, flags: list[str] | tuple[str, ...], lang: str) -> str:
    return TRACKED[lang][1] if "tracked" in flags else text


def flag_label(flag: str, lang: str) -> str:
    return FLAG_WORD[lang].get(flag, flag)


def indicator_name(ind: Indicator, lang: str) -> str:
    if lang == "en":
        return ind.name_en or ind.name
    return ind.name


def category_label(ds: Dataset, plan_id: str, category: str, lang: str) -> str:
    plan = ds.plans.get(plan_id)
    zh = plan.categories.get(category) if plan else None
    if lang == "zh" and zh:
        return zh
    return category + (f" ({zh})" if zh and lang == "en" else "")


def plan_name(ds: Dataset, plan_id: str, lang: str) -> str:
    plan = ds.plans[plan_id]
    return (plan.name_en or plan.name) if lang == "en" else plan.name
