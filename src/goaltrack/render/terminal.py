"""The `goaltrack report` table (Rich), readable with or without colour."""

from __future__ import annotations

import math

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..describe import fmt_num
from ..evaluate import Evaluation
from ..sanitize import rich_text
from ..summary import Report
from .labels import (
    HEAD,
    STATUS_STYLE,
    TRACKED,
    category_label,
    flag_label,
    indicator_name,
    plan_name,
    status_label,
    target_label,
    verdict_label,
)

BAR_WIDTH = 10


def progress_bar(progress: float | None, elapsed: float | None, width: int = BAR_WIDTH) -> Text:
    """A bar filled to `progress`, with `│` marking the share of time elapsed."""
    if progress is None or not math.isfinite(progress):
        return Text("·" * width, style="dim")
    filled = round(max(0.0, min(1.0, progress)) * width)  # clamped first: 1e308 × width
    cells = ["█"] * filled + ["░"] * (width - filled)
    if elapsed is not None and math.isfinite(elapsed):
        mark = max(0, round(max(0.0, min(1.0, elapsed)) * width) - 1)
        cells[mark] = "│"
    pct = f"{progress:4.0%}" if progress >= 0 else f"{progress:.0%}"
    return Text("".join(cells) + " " + pct)


def latest_cell(e: Evaluation, lang: str) -> Text:
    if e.latest is None:
        return Text("—", style="dim")
    p = e.latest
    if p.measure == "milestone":
        value = (p.state or "").replace("_", " ")
    elif p.value is None:
        value = "—"
    else:
        value = fmt_num(round(p.value, 4)) + ("%" if p.measure == "growth" else "")
    t = rich_text(f"{value} ({p.period})")
    flags = [f for f in e.flags if f in ("provisional", "estimate", "preliminary",
                                           "final_pending", "override", "projection")]
    if flags:
        t.append(" " + ", ".join(flag_label(f, lang) for f in flags), style="italic")
    return t


def baseline_cell(e: Evaluation) -> str:
    if e.baseline_value is None:
        return "—"
    return f"{fmt_num(e.baseline_value)} ({e.baseline_year})"


def render_report(report: Report, console: Console, lang: str = "en") -> None:
    ds = report.dataset
    h = HEAD[lang]
    as_of = report.options.as_of.date.isoformat()
    for pr in report.plans:
        plan = ds.plans[pr.plan_id]
        span = plan.end - plan.baseline_year
        elapsed = min(1.0, max(0.0, (report.options.as_of.year - plan.baseline_year) / span))
        console.print(rich_text(plan_name(ds, pr.plan_id, lang), style="bold"))
        console.print(f"{h['period']} {plan.start}–{plan.end} · {h['as_of']} {as_of} · "
                      f"{h['elapsed']} {elapsed:.0%}")
        table = Table(show_lines=False, expand=False, pad_edge=False)
        table.add_column(h["indicator"], ratio=3, overflow="fold")
        table.add_column(h["target"], ratio=2, overflow="fold")
        table.add_column(h["baseline"], overflow="fold")
        table.add_column(h["latest"], ratio=2, overflow="fold")
        table.add_column(h["progress"], no_wrap=True)
        table.add_column(h["status"], no_wrap=True)
        table.add_column(h["sources"], justify="right")
        current = None
        for e in pr.evaluations:
            ind = ds.indicators[e.indicator]
            if ind.category != current:
                current = ind.category
                table.add_row(rich_text(category_label(ds, pr.plan_id, current, lang),
                                        style="bold underline"), "", "", "", "", "", "")
            name = indicator_name(ind, lang) + (" *" if ind.nature == "binding" else "")
            table.add_row(
                rich_text(name), rich_text(target_label(e.target_text, e.flags, lang)),
                baseline_cell(e),
                latest_cell(e, lang),
                progress_bar(e.progress, e.time_elapsed),
                Text(verdict_label(e.status, e.flags, lang),
                     style="dim" if "tracked" in e.flags else STATUS_STYLE[e.status]),
                str(len(e.sources)),
            )
        console.print(table)
        tracked = sum(1 for e in pr.evaluations if "tracked" in e.flags)
        line = _summary(pr.counts(), lang) if len(pr.evaluations) > tracked else Text("")
        if tracked:
            line.append(("  " if line.plain else "") + f"{TRACKED[lang][0]} {tracked}",
                        style="dim")
        console.print(line)
        console.print()
    if len(report.plans) > 1:
        console.print(Text(h["summary"], style="bold"), _summary(report.counts(), lang))
    by_nature = report.counts_by_nature()
    if by_nature:
        lines = [f"{h.get(n, n)}: " + _summary(c, lang).plain for n, c in by_nature.items()]
        console.print(Group(*[Text(line) for line in lines]))
    console.print(Text("* binding (约束性)" if lang == "en" else "* 约束性指标", style="dim"))


def _summary(counts: dict[str, int], lang: str) -> Text:
    t = Text()
    for status, n in counts.items():
        if n:
            if t.plain:
                t.append("  ")
            t.append(f"{status_label(status, lang)} {n}", style=STATUS_STYLE[status])
    return t or Text("—")
