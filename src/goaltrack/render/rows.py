"""Flat, display-ready rows of a report: shared by the CSV, Markdown, HTML and TOML exports."""

from __future__ import annotations

from dataclasses import dataclass

from ..describe import fmt_num
from ..evaluate import Evaluation
from ..summary import Report
from .labels import category_label, flag_label, indicator_name, target_label


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
    latest_value: float | None
    latest_period: str
    progress: float | None
    time_elapsed: float | None
    pace_ratio: float | None
    status: str
    final: bool
    flags: tuple[str, ...]
    flag_words: str
    sources: tuple[str, ...]
    reason: str
    evaluation: Evaluation


def latest_text(e: Evaluation) -> str:
    p = e.latest
    if p is None:
        return "—"
    if p.measure == "milestone":
        return f"{(p.state or '').replace('_', ' ')} ({p.period})"
    if p.value is None:
        return "—"
    return f"{fmt_num(round(p.value, 4))}{'%' if p.measure == 'growth' else ''} ({p.period})"


def rows(report: Report, lang: str = "en") -> list[Row]:
    ds = report.dataset
    out = []
    for e in report.all():
        ind = ds.indicators[e.indicator]
        base = ("—" if e.baseline_value is None
                else f"{fmt_num(e.baseline_value)} ({e.baseline_year})")
        latest_value = e.latest.value if e.latest else None
        out.append(Row(
            plan=e.plan, indicator=e.indicator, name=indicator_name(ind, lang),
            name_zh=ind.name, name_en=ind.name_en or "", category=ind.category,
            category_label=category_label(ds, e.plan, ind.category, lang), nature=ind.nature,
            unit=ind.unit, kind=e.kind, target=target_label(e.target_text, e.flags, lang),
            baseline=base,
            baseline_year=e.baseline_year, baseline_value=e.baseline_value,
            target_year=e.target_year, target_value=e.target_value, latest=latest_text(e),
            latest_value=latest_value, latest_period=e.latest.period if e.latest else "",
            progress=e.progress, time_elapsed=e.time_elapsed, pace_ratio=e.pace_ratio,
            status=e.status, final=e.final, flags=tuple(e.flags),
            flag_words=", ".join(flag_label(f, lang) for f in e.flags),
            sources=tuple(e.sources), reason=e.reason, evaluation=e,
        ))
    return out


def by_category(report: Report, lang: str) -> list[tuple[str, str, list[Row]]]:
    """(plan id, category label, rows) groups in report order."""
    groups: list[tuple[str, str, list[Row]]] = []
    for r in rows(report, lang):
        if not groups or groups[-1][0] != r.plan or groups[-1][1] != r.category_label:
            groups.append((r.plan, r.category_label, []))
        groups[-1][2].append(r)
    return groups
