"""`goaltrack show INDICATOR`: everything about one indicator, its verdict explained."""

from __future__ import annotations

import math

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..dataset import Dataset
from ..describe import fmt_num
from ..evaluate import Evaluation
from ..sanitize import rich_text
from .labels import STATUS_STYLE, flag_label, status_label
from .terminal import progress_bar


def _line(console: Console, text: str, style: str = "") -> None:
    """One line of data: never markup, control characters escaped."""
    console.print(rich_text(text, style=style))


def render_show(ds: Dataset, ind_id: str, evaluations: list[Evaluation], console: Console,
                lang: str = "en") -> None:
    ind = ds.indicators[ind_id]
    plan = ds.plans.get(ind.plan or "")
    _line(console, f"{ind.name}  {ind.name_en or ''}", "bold")
    given = "direction" in ind.model_fields_set
    how = "" if given else " (inferred)" if ind.direction == "lower" \
        else " (default)"
    _line(console, f"id {ind.id} · plan {ind.plan} · category {ind.category} · unit {ind.unit} · "
                  f"{ind.direction} is better{how} · {ind.nature} · scope {ind.scope}")
    if ind.citation:
        c = ind.citation
        _line(console, f"cited from {c.source}" + (f", {c.section}" if c.section else "") +
                      (f": “{c.quote}”" if c.quote else ""))
    if ind.baseline:
        b = ind.baseline
        _line(console, f"baseline {fmt_num(b.value)} {b.unit or ind.unit} in {b.year}"
                      + (f" ({b.operator})" if b.operator != "equal" else "")
                      + (f", from {b.source}: “{b.quote}”" if b.quote else ""))
    if ind.notes:
        console.print(rich_text(f"notes: {ind.notes}", style="dim", newline="\n       "))
    actuals = sorted(ds.by_indicator().get(ind_id, []), key=lambda a: (a.period, a.source or ""))
    # Figures not yet known at the as-of date (period not over, or not yet published).
    unknown = {(pt.period, pt.source, pt.measure): why.removeprefix("not yet known: ")
               for e in evaluations[:1] for pt, why in e.superseded
               if why.startswith("not yet known: ")}
    table = Table(title="Reported figures", title_justify="left")
    for col in ("period", "value", "measure", "source", "status", "notes"):
        table.add_column(col, overflow="fold")
    for a in actuals:
        value = a.state if a.measure == "milestone" else (
            f"{fmt_num(a.value or 0)} {a.unit or ind.unit}" if a.measure != "growth"
            else f"{fmt_num(a.value or 0)}%")
        notes = []
        late = unknown.get((a.period, a.source or "", a.measure))
        if late is not None:
            notes.append(f"not yet known at the as-of date: {late}")
        if a.comparability == "proxy":
            notes.append("proxy")
        if a.scope and a.scope != ind.scope:
            notes.append(f"scope {a.scope}")
        if a.revises:
            notes.append(f"revises {a.revises}")
        if a.quote:
            notes.append(f"“{a.quote}”")
        table.add_row(*(rich_text(c) for c in (a.period, value or "", a.measure, a.source or "",
                                                a.status, "; ".join(notes))))
    if actuals:
        console.print(table)
    else:
        console.print(Text("no reported figures", style="dim"))
    for e in evaluations:
        _explain(e, console, lang)
    if plan is not None:
        chart = trajectory_chart(evaluations, plan.baseline_year)
        if chart:
            console.print(Text("Trajectory (● reported, · straight path to target):",
                               style="bold"))
            console.print(Text(chart))


def _explain(e: Evaluation, console: Console, lang: str) -> None:
    console.print()
    console.print(Text.assemble(("Target: ", "bold"), rich_text(e.target_text), "  → ",
                                (status_label(e.status, lang), STATUS_STYLE[e.status])))
    _line(console, f"  {e.reason}")
    if e.override_reason:
        _line(console, f"  overridden (computed: {e.components.get('computed_status')}): "
                      f"{e.override_reason}")
    if e.progress is not None:
        console.print(Text("  progress ").append(progress_bar(e.progress, e.time_elapsed, 20)))
    if e.pace_ratio is not None:
        _line(console, f"  pace ratio R = {e.pace_ratio:.3f} (on track ≥ 0.95, at risk ≥ 0.6)")
    if "formula" in e.components:
        _line(console, f"  formula: {e.components['formula']}")
    if "rates" in e.components:
        rates = ", ".join(f"{y}: {fmt_num(round(float(g), 3))}%"
                          for y, g in e.components["rates"].items())
        _line(console, f"  yearly rates: {rates}")
    if "G" in e.components:
        _line(console, f"  average G = {float(e.components['G']):.3f}% against "
                      f"{fmt_num(float(e.components['T']))}%")
    for key in ("units", "conversion", "from", "derived", "rates_from", "projection"):
        if key in e.components:
            _line(console, f"  {key.replace('_', ' ')}: {e.components[key]}")
    if e.required is not None:
        _line(console, f"  still required: {fmt_num(round(e.required, 3))} {e.required_label}")
    if e.projected_value is not None and e.kind not in ("growth",):
        verdict = "meets" if e.projected_meets else "falls short of"
        _line(console, f"  projected {e.target_year}: {fmt_num(round(e.projected_value, 2))}, "
                      f"which {verdict} the target")
    if e.flags:
        _line(console, "  flags: " + ", ".join(flag_label(f, lang) for f in e.flags))
    for why in e.provisional:
        _line(console, f"  provisional: {why}")
    for pt, why in e.context:
        _line(console, f"  context only: {pt.period} {fmt_num(pt.value or 0)} "
              f"({pt.source}): {why}", "dim")
    for pt, why in e.superseded:
        _line(console, f"  not used: {pt.period} {fmt_num(pt.value or 0)} ({pt.source}): "
              f"{why}", "dim")


def trajectory_chart(evaluations: list[Evaluation], base_year: int, height: int = 8) -> str:
    """A small text chart of reported levels against the straight path to the target."""
    ev = next((e for e in evaluations if e.kind in ("level", "multiple", "change")
               and e.target_value is not None and e.baseline_value is not None), None)
    if ev is None or ev.target_value is None or ev.baseline_value is None:
        return ""
    pts = {p.year: p.value for p in ev.points if p.value is not None and p.measure == "level"}
    if not pts:
        return ""
    b_year = ev.baseline_year or base_year
    t_year = ev.target_year or max(pts)
    years = list(range(b_year, t_year + 1))
    path = {y: ev.baseline_value + (ev.target_value - ev.baseline_value) * (y - b_year)
            / max(1, t_year - b_year) for y in years}
    values = [*path.values(), *pts.values()]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    if not math.isfinite(span) or not all(map(math.isfinite, values)):
        return ""  # values near the float limits: no scale to draw them on
    rows = []
    for r in range(height, -1, -1):
        level = lo + span * r / height
        cells = []
        for y in years:
            cell = " "
            if round((path[y] - lo) / span * height) == r:
                cell = "·"
            v = pts.get(y) if y != b_year else ev.baseline_value
            if v is not None and round((v - lo) / span * height) == r:
                cell = "●"
            cells.append(cell.center(6))
        rows.append(f"{fmt_num(round(level, 2)):>10} │" + "".join(cells))
    rows.append(" " * 11 + "└" + "─" * (6 * len(years)))
    rows.append(" " * 12 + "".join(str(y).center(6) for y in years))
    return "\n".join(rows)
