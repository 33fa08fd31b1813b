"""Flat, display-ready rows of a report: shared by every renderer, in the report's language."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.dataset import Dataset
from ..core.describe import describe_target, fmt_num, unit_suffix
from ..core.vocab import Lang, Status
from ..evaluate import Evaluation
from ..evaluate.components import CompoundComponents, CumulativeComponents, GrowthComponents
from ..evaluate.summary import Report
from .labels import (
    TARGET_PHRASES,
    category_label,
    flag_label,
    indicator_name,
    state_word,
    t,
)
from .messages import say

# Flags worth showing next to the latest figure (the others explain the working).
FIGURE_FLAGS = ("provisional", "estimate", "preliminary", "final_pending", "override", "projection")


@dataclass(frozen=True, slots=True)
class Latest:
    """The figure a verdict rests on, as shown: value, unit and measure always together."""

    text: str  # "205 家", "+2% growth", "avg 5.91%/yr 2021–2025", "in progress"
    period: str  # "2024", "2021–2025"
    value: float | None
    unit: str  # of `value`: the indicator's unit, "%" for a growth rate, "%/yr"
    measure: str  # level, growth, flow, cumulative, milestone, average_growth, combined

    def cell(self) -> str:
        return f"{self.text} ({self.period})" if self.period else self.text


NO_LATEST = Latest("—", "", None, "", "")


@dataclass(frozen=True, slots=True)
class Row:
    plan: str
    indicator: str
    name: str
    name_zh: str
    name_en: str
    category: str
    category_label: str
    nature: str
    unit: str
    kind: str
    target: str
    baseline: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    latest: str
    latest_figure: Latest
    latest_value: float | None
    latest_unit: str
    measure: str
    latest_period: str
    progress: float | None
    time_elapsed: float | None
    pace_ratio: float | None
    status: Status
    final: bool
    flags: tuple[str, ...]
    flag_words: str
    figure_flags: str
    sources: tuple[str, ...]
    reason: str
    evaluation: Evaluation


def _span(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


def _covered(e: Evaluation) -> str:
    """The years an average or a combined change rests on, as `show` gives them: the years
    with a rate (`2022`, `2021–2023`, `2021–2022, 2024`), or the years spanned by the levels
    a rate was derived from."""
    assert e.baseline_year is not None and e.latest is not None
    comp = e.components
    rates = comp.rates if isinstance(comp, (GrowthComponents, CompoundComponents)) else None
    if (isinstance(comp, GrowthComponents) and comp.derived is not None) or not rates:
        return _span(e.baseline_year + 1, e.latest.year)
    years = sorted(int(y) for y in rates)
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(_span(r[0], r[-1]) for r in runs)


def latest_figure(e: Evaluation, unit: str, lang: Lang) -> Latest:
    """The latest figure in words; for an average-growth target, the average that decided
    the verdict rather than the last year's rate."""
    comp = e.components
    if (
        isinstance(comp, GrowthComponents)
        and comp.G is not None
        and e.baseline_year is not None
        and e.latest
    ):
        g = round(comp.G, 2)
        return Latest(
            t(lang, "latest.average", v=fmt_num(g)), _covered(e), g, "%/yr", "average_growth"
        )
    if (
        isinstance(comp, CompoundComponents)
        and comp.C is not None
        and e.baseline_year is not None
        and e.latest
    ):
        c = round(comp.C, 2)
        return Latest(t(lang, "latest.combined", v=fmt_num(c)), _covered(e), c, "%", "combined")
    if isinstance(comp, CumulativeComponents) and comp.sum is not None and e.points and e.latest:
        total = round(comp.sum, 4)
        return Latest(
            t(lang, "latest.cumulative", v=fmt_num(total), u=unit_suffix(unit)),
            _span(min(p.year for p in e.points), e.latest.year),
            total,
            unit,
            "cumulative",
        )
    p = e.latest
    if p is None:
        return NO_LATEST
    if p.measure == "milestone":
        return Latest(state_word(p.state, lang), p.period, None, "", "milestone")
    if p.value is None:
        return Latest("—", p.period, None, "", p.measure)
    v = round(p.value, 4)
    if p.measure == "growth":
        text = t(lang, "latest.growth_down" if v < 0 else "latest.growth_up", v=fmt_num(abs(v)))
        return Latest(text, p.period, v, "%", "growth")
    if p.measure == "cumulative":
        return Latest(
            t(lang, "latest.cumulative", v=fmt_num(v), u=unit_suffix(unit)),
            p.period,
            v,
            unit,
            "cumulative",
        )
    return Latest(fmt_num(v) + unit_suffix(unit), p.period, v, unit, p.measure)


def target_text(ds: Dataset, e: Evaluation, lang: Lang) -> str:
    """The target in words, in `lang`."""
    if e.status == "tracked":
        return t(lang, "tracked_target")
    ind = ds.indicators[e.indicator]
    plan = ds.plans.get(e.plan)
    if plan is None or not 0 <= e.target_index < len(ind.targets):
        return e.target_text
    tg = ind.targets[e.target_index]
    ref = ds.indicators.get(tg.reference or "")
    if lang == "en" and ref is None:
        return e.target_text
    # a relative target names the other indicator as readers know it, not by its id
    return describe_target(
        tg, ind, plan, TARGET_PHRASES[lang], indicator_name(ref, lang) if ref is not None else None
    )


def baseline_text(e: Evaluation, unit: str, lang: Lang = "en") -> str:
    if e.baseline_value is None:
        return "—"
    text = f"{fmt_num(e.baseline_value)}{unit_suffix(unit)} ({e.baseline_year})"
    if e.baseline_from is not None:  # taken from the predecessor plan's figure
        text += " " + t(lang, "baseline.inherited", id=e.baseline_from.indicator)
    return text


def rows(report: Report, lang: Lang = "en") -> list[Row]:
    ds = report.dataset
    out = []
    for e in report.all():
        ind = ds.indicators[e.indicator]
        latest = latest_figure(e, ind.unit, lang)
        out.append(
            Row(
                plan=e.plan,
                indicator=e.indicator,
                name=indicator_name(ind, lang),
                name_zh=ind.name,
                name_en=ind.name_en or "",
                category=ind.category,
                category_label=category_label(ds, e.plan, ind.category, lang),
                nature=ind.nature,
                unit=ind.unit,
                kind=e.kind,
                target=target_text(ds, e, lang),
                baseline=baseline_text(e, ind.unit, lang),
                baseline_year=e.baseline_year,
                baseline_value=e.baseline_value,
                target_year=e.target_year,
                target_value=e.target_value,
                latest=latest.cell(),
                latest_figure=latest,
                latest_value=latest.value,
                latest_unit=latest.unit,
                measure=latest.measure,
                latest_period=latest.period,
                progress=e.progress,
                time_elapsed=e.time_elapsed,
                pace_ratio=e.pace_ratio,
                status=e.status,
                final=e.final,
                flags=tuple(e.flags),
                flag_words=t(lang, "sep").join(flag_label(f, lang) for f in e.flags),
                figure_flags=t(lang, "sep").join(
                    flag_label(f, lang) for f in e.flags if f in FIGURE_FLAGS
                ),
                sources=tuple(e.sources),
                reason=say(e.reason, lang),
                evaluation=e,
            )
        )
    return out


def has_data(r: Row) -> bool:
    """Whether a row shows any reported figure (`--compact` hides those that do not)."""
    return r.evaluation.latest is not None or r.evaluation.progress is not None


def any_binding(items: list[Row]) -> bool:
    """Whether a shown row is binding: the legend's "* binding" is printed only then."""
    return any(r.nature == "binding" for r in items)


def by_category(items: list[Row]) -> list[tuple[str, str, list[Row]]]:
    """(plan id, category label, rows) groups in report order."""
    groups: list[tuple[str, str, list[Row]]] = []
    for r in items:
        if not groups or groups[-1][0] != r.plan or groups[-1][1] != r.category_label:
            groups.append((r.plan, r.category_label, []))
        groups[-1][2].append(r)
    return groups
