"""Every word, unit phrase and sentence the renderers write, in English and Chinese.

One table (`TEXT`) for labels and `TARGET_PHRASES` for targets (the engine's reasons are
messages, said by render/messages.py): a renderer never spells a word itself. Ids, source
ids and units stay as written in the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..core.dataset import Dataset
from ..core.describe import TARGET_PHRASES_EN
from ..core.models import Indicator
from ..core.vocab import LANGS, Lang, Status
from ..evaluate.result import Required

if TYPE_CHECKING:
    from ..evaluate.summary import Report

__all__ = ["LANGS"]  # re-exported: the renderers' one import for words

STATUS_SYMBOL: dict[Status, str] = {
    "achieved": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "✖",
    "regressing": "↓",
    "missed": "✘",
    "no_data": "?",
    "tracked": "·",
}
# `--ascii`: no glyph of ambiguous East Asian width, which some terminals draw double-width.
STATUS_SYMBOL_ASCII: dict[Status, str] = {
    "achieved": "+",
    "on_track": "o",
    "at_risk": "!",
    "off_track": "x",
    "regressing": "v",
    "missed": "X",
    "no_data": "?",
    "tracked": "-",
}
ASCII_GLYPHS = str.maketrans(
    {
        "≥": ">=",
        "≤": "<=",
        "≈": "~",
        "Σ": "sum",
        "◇": "*",
        "×": "x",
        "–": "-",
        "—": "-",
        "−": "-",
        "·": "-",
        "●": "o",
        "▲": "!",
        "✔": "+",
        "✖": "x",
        "✘": "X",
        "↓": "v",
        "█": "#",
        "░": ".",
        "│": "|",
        "─": "-",
        "└": "+",
        "“": '"',
        "”": '"',
        "…": "...",
        "→": "->",
        "‰": " per mille",
        "°": " deg",
        "†": "~",
        "◆": "T",
    }
)
Glyphs = Callable[[str], str]


def _to_ascii(text: str) -> str:
    return text.translate(ASCII_GLYPHS)


def glyphs(ascii_only: bool) -> Glyphs:
    """What every human-facing line goes through: `--ascii` replaces the glyphs some
    terminals draw double-width, otherwise text is left as it is."""
    return _to_ascii if ascii_only else str


STATUS_STYLE: dict[Status, str] = {
    "achieved": "bold green",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "regressing": "bold red",
    "missed": "bold red",
    "no_data": "dim",
    "tracked": "dim",
}

TEXT: dict[Lang, dict[str, str]] = {
    "en": {
        # statuses
        "status.achieved": "achieved",
        "status.on_track": "on track",
        "status.at_risk": "at risk",
        "status.off_track": "off track",
        "status.regressing": "regressing",
        "status.missed": "missed",
        "status.no_data": "no data",
        "status.tracked": "tracked",
        # flags
        "flag.provisional": "provisional",
        "flag.estimate": "estimate",
        "flag.preliminary": "preliminary",
        "flag.final_pending": "target-year figure pending",
        "flag.no_final_figure": "no target-year figure recorded",
        "flag.override": "override",
        "flag.converted_to_level": "as level",
        "flag.missing_years": "years missing",
        "flag.baseline_from_first_figure": "baseline = first figure",
        "flag.projection": "projection",
        "flag.undated_source": "undated source",
        "flag.nominal": "nominal growth",
        # milestone states
        "state.done": "done",
        "state.in_progress": "in progress",
        "state.at_risk": "at risk",
        "state.not_started": "not started",
        "state.failed": "failed",
        # measures of a figure
        "measure.level": "level",
        "measure.growth": "growth",
        "measure.flow": "flow",
        "measure.cumulative": "cumulative",
        "measure.milestone": "milestone",
        "measure.average_growth": "average growth",
        # figure statuses
        "figure.final": "final",
        "figure.preliminary": "preliminary",
        "figure.estimate": "estimate",
        # natures, directions
        "nature.binding": "binding",
        "nature.expected": "expected",
        "nature.unspecified": "unspecified (the plan calls it neither binding nor expected)",
        "direction.higher": "higher is better",
        "direction.lower": "lower is better",
        "direction.neither": "neither higher nor lower is better",
        "direction.inferred": " (inferred)",
        "direction.default": " (default)",
        # table and page heads
        "head.indicator": "Indicator",
        "head.target": "Target",
        "head.baseline": "Baseline",
        "head.latest": "Latest",
        "head.progress": "Progress",
        "head.status": "Status",
        "head.sources": "Src",
        "head.reason": "Why",
        "head.plan": "Plan",
        "head.total": "Total",
        "head.targets": "Targets",
        "head.provisional": "†",
        "tracked_note": "· tracked: indicators without a target, shown but not judged, never "
        "counted in Targets",
        "provisional_counts_plan": "{plan}: of which provisional †: {counts}",
        "period": "period",
        "as_of": "as of",
        "elapsed": "time elapsed",
        "summary": "Summary",
        "covered": "figures out by then cover {p} (to {y})",
        "title": "goaltrack report",
        "binding_note": "* binding (约束性)",
        "provisional_note": "† provisional (rests on incomplete figures: the reason says which)",
        "provisional_counts": "of which provisional †: {counts}",
        "tracked_target": "(tracked, no target)",
        "hidden_rows": "{n} row(s) without data hidden",
        "sources_head": "Sources",
        # latest figure
        "latest.growth_up": "+{v}% growth",
        "latest.growth_down": "−{v}% growth",
        "sep": ", ",
        "colon": ": ",
        "latest.average": "avg {v}%/yr",
        "latest.combined": "{v}% combined",
        "latest.cumulative": "Σ {v}{u}",
        # show
        "show.id": "id",
        "show.plan": "plan",
        "show.category": "category",
        "show.unit": "unit",
        "show.scope": "scope",
        "show.cited": "cited from {source}",
        "show.baseline": "baseline {v}{u} in {y}",
        "show.baseline_from": "from {source}",
        "baseline.inherited": "from {id}",
        "show.continues": "continues {id}",
        "show.recorded_against": "recorded against {id}",
        "show.baseline_inherited": "baseline {v}{u} in {y}, the {period} figure of {id} ({source})",
        "show.notes": "notes",
        "show.figures": "Reported figures",
        "show.col.period": "period",
        "show.col.value": "value",
        "show.col.measure": "measure",
        "show.col.source": "source",
        "show.col.status": "status",
        "show.col.notes": "notes",
        "show.proxy": "proxy",
        "show.revises": "revises {source}",
        "show.no_figures": "no reported figures",
        "show.target": "Target: ",
        "show.overridden": "overridden (computed: {status}): {reason}",
        "show.progress": "progress ",
        "show.pace": "pace ratio R = {r} (on track ≥ {on}, at risk ≥ {risk})",
        "show.formula": "formula",
        "show.rates": "yearly rates",
        "show.average": "average G = {g}% against {t}%",
        "show.conversion": "conversion",
        "show.from": "from",
        "show.derived": "derived",
        "show.rates_from": "rates from",
        "show.projection": "projection",
        "show.required": "still required: {v} {label}",
        "show.shortfall": "shortfall: {v} (the period is over)",
        "show.projected": "projected {y}: {v}, which {verdict} the target",
        "show.meets": "meets",
        "show.falls_short": "falls short of",
        "show.flags": "flags",
        "show.context": "context only",
        "show.units": "units",
        "show.provisional": "provisional",
        "show.not_yet_known": "not yet known at the as-of date: {why}",
        "sep_clause": "; ",
        "sep_list": ", ",
        "show.not_used": "not used",
        "show.chart": "Trajectory (● reported, · straight path to target):",
        "show.chart_no_baseline": "Trajectory (● reported, ◆ target; no baseline, so no "
        "straight path):",
        "required.per_year": "per year still needed",
        "required.pct_year": "% a year still needed",
        "required.avg_year": "a year still needed on average",
        "required.short": "short of the target (the period is over)",
        "required.bound": "to be back within the bound",
        "required.cap_left": "a year still within the cap on average",
        # HTML
        "html.chart": "{plan}: targets by status",
        "html.progress": "progress {p}",
        "html.elapsed": "time elapsed {p}",
        "html.no_progress": "no progress figure",
        "html.chart_label": "reported {points}; target {target}",
        # the succession view (report --compare)
        "cmp.title": "{before} → {after}",
        "cmp.indicator": "Indicator",
        "cmp.before_target": "{plan} target",
        "cmp.outcome": "Outcome",
        "cmp.verdict": "Verdict",
        "cmp.after_target": "{plan} target",
        "cmp.ambition": "Ambition",
        "cmp.tighter": "tighter",
        "cmp.looser": "looser",
        "cmp.unchanged": "unchanged",
        "cmp.changed": "changed (not comparable)",
        "cmp.new": "new",
        "cmp.dropped": "unrecorded",
        "cmp.pct_year": "%/yr",
        "cmp.per_year": "{u}/yr",
        "cmp.note": "Ambition compares the pace each target asks (a growth rate, an annualised "
        "fall, a yearly share of a total or of a level's change, or a bound) in "
        "the indicator's better direction; the outcome is the predecessor's latest "
        "figure as of {d}. Unrecorded: the dataset holds no "
        "target of the successor that continues this one; the successor plan may "
        "set one the data does not hold, so this is not a claim that it was dropped.",
    },
    "zh": {
        "status.achieved": "已完成",
        "status.on_track": "进度正常",
        "status.at_risk": "有风险",
        "status.off_track": "滞后",
        "status.regressing": "倒退",
        "status.missed": "未完成",
        "status.no_data": "无数据",
        "status.tracked": "仅跟踪",
        "flag.provisional": "暂定",
        "flag.estimate": "估计",
        "flag.preliminary": "初步",
        "flag.final_pending": "目标年数据待发布",
        "flag.override": "人工判定",
        "flag.no_final_figure": "无目标年数据记录",
        "flag.converted_to_level": "折算为水平值",
        "flag.missing_years": "缺年份",
        "flag.baseline_from_first_figure": "以首个数据为基期",
        "flag.projection": "按预测",
        "flag.undated_source": "来源无日期",
        "flag.nominal": "名义增速",
        "state.done": "已完成",
        "state.in_progress": "推进中",
        "state.at_risk": "有风险",
        "state.not_started": "未启动",
        "state.failed": "已无法实现",
        "measure.level": "水平值",
        "measure.growth": "增速",
        "measure.flow": "当年量",
        "measure.cumulative": "累计",
        "measure.milestone": "里程碑",
        "measure.average_growth": "年均增速",
        "figure.final": "最终",
        "figure.preliminary": "初步",
        "figure.estimate": "估计",
        "nature.binding": "约束性",
        "nature.expected": "预期性",
        "nature.unspecified": "未注明（规划未标明约束性或预期性）",
        "direction.higher": "越高越好",
        "direction.lower": "越低越好",
        "direction.neither": "无高低之分",
        "direction.inferred": "（由目标推断）",
        "direction.default": "（默认）",
        "head.indicator": "指标",
        "head.target": "目标",
        "head.baseline": "基期",
        "head.latest": "最新",
        "head.progress": "进度",
        "head.status": "状态",
        "head.sources": "来源",
        "head.reason": "说明",
        "head.plan": "规划",
        "head.total": "合计",
        "head.targets": "目标数",
        "head.provisional": "†",
        "tracked_note": "· 仅跟踪：没有目标的指标，只列出数据、不作评价，不计入目标数",
        "provisional_counts_plan": "{plan}：其中暂定 †：{counts}",
        "period": "规划期",
        "as_of": "评估日期",
        "elapsed": "时间进度",
        "summary": "汇总",
        "covered": "届时已发布数据覆盖 {p}（至{y}年）",
        "title": "goaltrack 规划进度报告",
        "binding_note": "* 约束性指标",
        "provisional_note": "† 暂定（所依据的数据不完整，见说明）",
        "provisional_counts": "其中暂定 †：{counts}",
        "tracked_target": "（仅跟踪，无目标）",
        "hidden_rows": "已隐藏 {n} 行无数据指标",
        "sources_head": "来源",
        "latest.growth_up": "增长{v}%",
        "latest.growth_down": "下降{v}%",
        "sep": "、",
        "colon": "：",
        "latest.average": "年均{v}%",
        "latest.combined": "累计{v}%",
        "latest.cumulative": "累计{v}{u}",
        "show.id": "编号",
        "show.plan": "规划",
        "show.category": "类别",
        "show.unit": "单位",
        "show.scope": "范围",
        "show.cited": "出处 {source}",
        "show.baseline": "基期 {y}年 {v}{u}",
        "show.baseline_from": "来源 {source}",
        "baseline.inherited": "承自 {id}",
        "show.continues": "承接 {id}",
        "show.recorded_against": "记于 {id}",
        "show.baseline_inherited": "基期 {y}年 {v}{u}，即 {id} 的 {period} 数据（{source}）",
        "show.notes": "备注",
        "show.figures": "已发布数据",
        "show.col.period": "时期",
        "show.col.value": "数值",
        "show.col.measure": "口径",
        "show.col.source": "来源",
        "show.col.status": "数据状态",
        "show.col.notes": "备注",
        "show.proxy": "替代指标",
        "show.revises": "修订 {source}",
        "show.no_figures": "暂无已发布数据",
        "show.target": "目标：",
        "show.overridden": "人工判定（计算结果：{status}）：{reason}",
        "show.progress": "进度 ",
        "show.pace": "进度比 R = {r}（进度正常 ≥ {on}，有风险 ≥ {risk}）",
        "show.formula": "公式",
        "show.rates": "逐年增速",
        "show.average": "年均增速 G = {g}%，目标 {t}%",
        "show.conversion": "折算",
        "show.from": "数据来自",
        "show.derived": "推算",
        "show.rates_from": "增速来自",
        "show.projection": "预测",
        "show.required": "尚需：{v} {label}",
        "show.shortfall": "差距：{v}（规划期已结束）",
        "show.projected": "预计 {y}年：{v}，{verdict}目标",
        "show.meets": "达到",
        "show.falls_short": "达不到",
        "show.flags": "标记",
        "show.context": "仅作参考",
        "show.units": "单位换算",
        "show.provisional": "暂定",
        "show.not_yet_known": "评估日期时尚未可知：{why}",
        "sep_clause": "；",
        "sep_list": "、",
        "show.not_used": "未采用",
        "show.chart": "走势（● 已发布，· 通向目标的直线路径）：",
        "show.chart_no_baseline": "走势（● 已发布，◆ 目标；无基期，故无直线路径）：",
        "required.per_year": "每年",
        "required.pct_year": "%（年均）",
        "required.avg_year": "（年均）",
        "required.short": "（规划期已结束，距目标尚差）",
        "required.bound": "（回到界限之内所需）",
        "required.cap_left": "（年均尚余额度）",
        "html.chart": "{plan}：各状态目标数",
        "html.progress": "进度 {p}",
        "html.elapsed": "时间进度 {p}",
        "html.no_progress": "无进度数据",
        "html.chart_label": "已发布 {points}；目标 {target}",
        "cmp.title": "{before} → {after}",
        "cmp.indicator": "指标",
        "cmp.before_target": "{plan} 目标",
        "cmp.outcome": "完成情况",
        "cmp.verdict": "评价",
        "cmp.after_target": "{plan} 目标",
        "cmp.ambition": "目标力度",
        "cmp.tighter": "提高",
        "cmp.looser": "放宽",
        "cmp.unchanged": "持平",
        "cmp.changed": "口径变化（不可比）",
        "cmp.new": "新增",
        "cmp.dropped": "数据中无后继目标",
        "cmp.pct_year": "%/年",
        "cmp.per_year": "{u}/年",
        "cmp.note": "目标力度按各目标要求的年均进度（增速、年均降幅、累计量或水平值变化的"
        "年均份额，或上下限）在指标向好方向上比较；"
        "完成情况为前一规划截至 {d} 的最新数据。"
        "数据中无后继目标：数据集中后一规划没有承接它的"
        "目标（后一规划可能设有而数据未录入）。",
        # CSV column heads (English heads are the column ids)
        "col.plan": "规划",
        "col.indicator": "指标编号",
        "col.name_zh": "指标名称",
        "col.name_en": "英文名称",
        "col.category": "类别",
        "col.nature": "属性",
        "col.unit": "单位",
        "col.kind": "目标类型",
        "col.target": "目标",
        "col.baseline_year": "基期年份",
        "col.baseline_value": "基期值",
        "col.target_year": "目标年份",
        "col.target_value": "目标值",
        "col.latest_value": "最新值",
        "col.latest_unit": "最新值单位",
        "col.measure": "最新值口径",
        "col.latest_period": "最新值时期",
        "col.progress": "进度",
        "col.time_elapsed": "时间进度",
        "col.pace_ratio": "进度比",
        "col.status": "状态",
        "col.final": "终期",
        "col.flags": "标记",
        "col.sources": "来源",
        "col.reason": "说明",
    },
}

TARGET_PHRASES = {
    "en": TARGET_PHRASES_EN,
    "zh": {
        "between": "{low}–{high}{u}",
        "about": "{v}{u}左右",
        "bound": "{sym} {v}{u}",
        "every_year": "每年 {body}",
        "by_year": "{body}（至{y}年）",
        "growth": "年均增长 {sym} {v}%",
        "growth_about": "年均增长{v}%左右",
        "cumulative": "{first}–{yy}年累计 {sym} {v}{u}",
        "cumulative_about": "{first}–{yy}年累计{v}{u}左右",
        "compound_down": "{start}–{yy}年累计下降{v}%",
        "compound_up": "规划期累计增长{v}%",
        "multiple": "≥ {base}年的{v}倍",
        "change_up": "比{base}年增加{v}{u}",
        "change_down": "比{base}年减少{v}{u}",
        "relative_faster": "增速快于 {ref}",
        "relative_in_step": "增速与 {ref} 同步",
        "relative_not_faster": "增速不快于 {ref}",
        "milestone": "◇ {desc}",
    },
}


def t(lang: Lang, key: str, **fields: object) -> str:
    """The text `key` in `lang`, with `{fields}` filled in."""
    text = TEXT[lang][key]
    return text.format(**fields) if fields else text


def status_word(status: str, lang: Lang) -> str:
    return TEXT[lang][f"status.{status}"]


def status_symbol(status: Status, ascii_only: bool = False) -> str:
    return (STATUS_SYMBOL_ASCII if ascii_only else STATUS_SYMBOL)[status]


def status_label(status: Status, lang: Lang, ascii_only: bool = False) -> str:
    return f"{status_symbol(status, ascii_only)} {status_word(status, lang)}"


PROVISIONAL_MARK = "†"


def verdict_label(
    status: Status, flags: Sequence[str], lang: Lang, ascii_only: bool = False
) -> str:
    """The status as shown, with its symbol (an indicator without targets is `tracked`), and
    a mark when the verdict is provisional, so final and provisional verdicts never look alike."""
    label = status_label(status, lang, ascii_only)
    if "provisional" in flags:
        label += " " + glyphs(ascii_only)(PROVISIONAL_MARK)
    return label


def provisional_summary(
    counts: dict[Status, int], lang: Lang, ascii_only: bool = False, plan: str = ""
) -> str:
    """How many verdicts of each status are provisional (of `plan` when named), or "" when
    none is."""
    words = " · ".join(f"{status_label(s, lang, ascii_only)} {n}" for s, n in counts.items() if n)
    if not words:
        return ""
    if plan:
        return t(lang, "provisional_counts_plan", plan=plan, counts=words)
    return t(lang, "provisional_counts", counts=words)


def provisional_lines(report: Report, lang: Lang, ascii_only: bool = False) -> list[str]:
    """The provisional verdicts per status, counted per plan (a plan's own figure, never the
    sum of every plan's): one line per plan that has any, with the plan's id when there are
    several (the names are long; the summary table above gives each plan's total)."""
    with_any = [pr for pr in report.plans if pr.totals().provisional]
    if len(report.plans) == 1:
        return (
            [provisional_summary(with_any[0].provisional_counts(), lang, ascii_only)]
            if with_any
            else []
        )
    return [
        provisional_summary(pr.provisional_counts(), lang, ascii_only, plan=pr.plan_id)
        for pr in with_any
    ]


def required_label(label: Required | None, lang: Lang) -> str:
    """What the engine's `required` is ("% a year still needed") in `lang`; "" for none."""
    return "" if label is None else TEXT[lang][f"required.{label.name.lower()}"]


def column_head(column: str, lang: Lang) -> str:
    """A CSV column's head: its id in English, a Chinese name in Chinese."""
    return TEXT[lang].get(f"col.{column}", column)


def flag_label(flag: str, lang: Lang) -> str:
    return TEXT[lang].get(f"flag.{flag}", flag)


def state_word(state: str | None, lang: Lang) -> str:
    return TEXT[lang].get(f"state.{state}", (state or "").replace("_", " "))


def measure_word(measure: str, lang: Lang) -> str:
    return TEXT[lang].get(f"measure.{measure}", measure)


def indicator_name(ind: Indicator, lang: Lang) -> str:
    if lang == "en":
        return ind.name_en or ind.name
    return ind.name


def category_label(ds: Dataset, plan_id: str, category: str, lang: Lang) -> str:
    plan = ds.plans.get(plan_id)
    zh = plan.categories.get(category) if plan else None
    if lang == "zh" and zh:
        return zh
    return category + (f" ({zh})" if zh and lang == "en" else "")


def plan_name(ds: Dataset, plan_id: str, lang: Lang) -> str:
    plan = ds.plans[plan_id]
    return (plan.name_en or plan.name) if lang == "en" else plan.name
