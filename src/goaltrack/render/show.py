"""`goaltrack show INDICATOR`: everything about one indicator, its verdict explained."""

from __future__ import annotations

import math

from rich.console import Console
from rich.text import Text

from ..core.dataset import Dataset
from ..core.describe import OP_SYMBOL, fmt_num, unit_suffix
from ..core.models import Actual, Indicator
from ..core.sanitize import clean, line_start
from ..core.vocab import AT_RISK, ON_TRACK, Lang
from ..evaluate import Evaluation, Required
from ..evaluate.components import (
    Components,
    CompoundComponents,
    CumulativeComponents,
    GrowthComponents,
    LevelComponents,
)
from ..evaluate.messages import M, Msg
from ..evaluate.selection import Point
from ..evaluate.succession import figures
from .labels import (
    STATUS_STYLE,
    Glyphs,
    category_label,
    flag_label,
    glyphs,
    measure_word,
    required_label,
    state_word,
    status_label,
    t,
    verdict_label,
)
from .layout import Col, glue_units
from .messages import CLAUSE_SEP, say, say_and, say_one
from .rows import target_text
from .terminal import fitted_table, progress_bar


def rich_text(text: str, style: str = "", newline: str | None = None) -> Text:
    """A Rich Text of the datum: never parsed as markup (`[/]`, `[link=…]`, `[sic]` stay
    literal), control characters escaped."""
    return Text(line_start(text) if newline is None else clean(text, newline), style=style)


def _line(console: Console, g: Glyphs, text: str, style: str = "") -> None:
    """One line of data: never markup, control characters escaped."""
    console.print(rich_text(g(text), style=style))


def render_show(
    ds: Dataset,
    ind_id: str,
    evaluations: list[Evaluation],
    console: Console,
    lang: Lang = "en",
    *,
    ascii_only: bool = False,
    thresholds: tuple[float, float] = (ON_TRACK, AT_RISK),
) -> None:
    """Everything about one indicator, top to bottom: what it is, its figures, each
    target's verdict and working, and the chart of its path."""
    g = glyphs(ascii_only)
    ind = ds.indicators[ind_id]
    _header(ds, ind, console, g, lang)
    _citation(ind, console, g, lang)
    _own_baseline(ind, console, g, lang)
    _inherited_baseline(ind, evaluations, console, g, lang)
    _notes(ind, console, g, lang)
    _figures_table(ds, ind, ind_id, evaluations, console, lang, ascii_only)
    for e in evaluations:
        _explain(ds, e, console, lang, thresholds, ascii_only)
    if any("provisional" in e.flags for e in evaluations):  # the † after a verdict
        console.print()
        console.print(Text(g(t(lang, "provisional_note")), style="dim"))
    _chart(ds, ind, evaluations, console, g, lang)


def _header(ds: Dataset, ind: Indicator, console: Console, g: Glyphs, lang: Lang) -> None:
    """The indicator's names, then its facts on one line: what every other line rests on."""
    _line(console, g, f"{ind.name}  {ind.name_en or ''}", "bold")
    category = category_label(ds, ind.plan or "", ind.category, lang)
    # A direction not written is said to be inferred (lower, from capping targets) or default.
    how = (
        ""
        if "direction" in ind.model_fields_set
        else t(lang, "direction.inferred" if ind.direction == "lower" else "direction.default")
    )
    _line(
        console,
        g,
        f"{t(lang, 'show.id')} {ind.id} · {t(lang, 'show.plan')} {ind.plan} · "
        f"{t(lang, 'show.category')} {category} · {t(lang, 'show.unit')} {ind.unit} · "
        f"{t(lang, 'direction.' + ind.direction)}{how} · "
        f"{t(lang, 'nature.' + ind.nature)} · {t(lang, 'show.scope')} {ind.scope}"
        + (f" · {t(lang, 'show.continues', id=ind.continues)}" if ind.continues else ""),
    )


def _citation(ind: Indicator, console: Console, g: Glyphs, lang: Lang) -> None:
    """Where the plan states the indicator, with its words when they were quoted."""
    if ind.citation:
        c = ind.citation
        _line(
            console,
            g,
            t(lang, "show.cited", source=c.source)
            + (f", {c.section}" if c.section else "")
            + (f": “{c.quote}”" if c.quote else ""),
        )


def _own_baseline(ind: Indicator, console: Console, g: Glyphs, lang: Lang) -> None:
    """The baseline the plan states: its value, year, operator and source's words."""
    if ind.baseline:
        b = ind.baseline
        op = "" if b.operator == "equal" else f" ({OP_SYMBOL.get(b.operator, b.operator)})"
        _line(
            console,
            g,
            t(
                lang,
                "show.baseline",
                v=fmt_num(b.value),
                u=unit_suffix(b.unit or ind.unit),
                y=b.year,
            )
            + op
            + (
                ", " + t(lang, "show.baseline_from", source=b.source) + f": “{b.quote}”"
                if b.quote
                else ""
            ),
        )


def _inherited_baseline(
    ind: Indicator, evaluations: list[Evaluation], console: Console, g: Glyphs, lang: Lang
) -> None:
    """With no baseline of its own, the predecessor's figure the verdicts start from, so
    that the reader sees where it came from."""
    inherited = next((e.baseline_from for e in evaluations if e.baseline_from), None)
    if ind.baseline is None and inherited is not None:
        b = inherited.baseline
        _line(
            console,
            g,
            t(
                lang,
                "show.baseline_inherited",
                v=fmt_num(b.value),
                u=unit_suffix(ind.unit),
                y=b.year,
                period=inherited.period,
                id=inherited.indicator,
                source=inherited.source,
            ),
        )


def _notes(ind: Indicator, console: Console, g: Glyphs, lang: Lang) -> None:
    """The indicator's notes, their own lines indented under the label."""
    if ind.notes:
        console.print(
            rich_text(
                g(f"{t(lang, 'show.notes')}{t(lang, 'colon')}{ind.notes}"),
                style="dim",
                newline="\n       ",
            )
        )


_FIGURE_KEYS = ("period", "value", "measure", "source", "status", "notes")


def _figures_table(
    ds: Dataset,
    ind: Indicator,
    ind_id: str,
    evaluations: list[Evaluation],
    console: Console,
    lang: Lang,
    ascii_only: bool,
) -> None:
    """Every figure of the indicator (and its predecessors'), used or not, in one table;
    or a line saying there are none."""
    g = glyphs(ascii_only)
    actuals = sorted(figures(ds, ind, ds.by_indicator()), key=lambda a: (a.period, a.source or ""))
    unknown = _not_yet_known(evaluations)
    cells: dict[str, list[str]] = {k: [] for k in _FIGURE_KEYS}
    for a in actuals:
        row = (
            a.period,
            _figure_value(a, ind, lang),
            measure_word(a.measure, lang),
            a.source or "",
            t(lang, f"figure.{a.status}"),
            t(lang, "sep_clause").join(_figure_notes(a, ind, ind_id, unknown, lang)),
        )
        for k, v in zip(_FIGURE_KEYS, row, strict=True):
            cells[k].append(glue_units(clean(g(v))))  # inert text before it is measured
    if actuals:
        console.print(Text(g(t(lang, "show.figures")), style="italic"))
        cols = [
            Col(k, t(lang, f"show.col.{k}"), cells[k], 3 if k == "notes" else 1)
            for k in _FIGURE_KEYS
        ]
        console.print(fitted_table(cols, console.width, ("status", "measure", "notes"), ascii_only))
    else:
        console.print(Text(g(t(lang, "show.no_figures")), style="dim"))


def _not_yet_known(evaluations: list[Evaluation]) -> dict[tuple[str, str, str], Msg]:
    """Figures not yet known at the as-of date (period not over, or not yet published),
    by period, source and measure, with why: the table says so beside each."""
    return {
        (pt.period, pt.source, pt.measure): late
        for e in evaluations[:1]
        for pt, why in e.superseded
        if why.id == M.NOT_YET_KNOWN and isinstance(late := why.get("why"), Msg)
    }


def _figure_value(a: Actual, ind: Indicator, lang: Lang) -> str:
    """A figure's value cell: a milestone by its state, a rate with %, a level with its unit."""
    if a.measure == "milestone":
        return state_word(a.state, lang)
    if a.measure == "growth":
        return f"{fmt_num(a.value or 0)}%"
    return f"{fmt_num(a.value or 0)}{unit_suffix(a.unit or ind.unit)}"


def _figure_notes(
    a: Actual,
    ind: Indicator,
    ind_id: str,
    unknown: dict[tuple[str, str, str], Msg],
    lang: Lang,
) -> list[str]:
    """What a reader must know to weigh a figure, in order: not yet known, a proxy,
    another scope, what it revises, recorded against a predecessor, its source's words."""
    notes = []
    late = unknown.get((a.period, a.source or "", a.measure))
    if late is not None:
        notes.append(t(lang, "show.not_yet_known", why=say_one(late, lang)))
    if a.comparability == "proxy":
        notes.append(t(lang, "show.proxy"))
    if a.scope and a.scope != ind.scope:
        notes.append(f"{t(lang, 'show.scope')} {a.scope}")
    if a.revises:
        notes.append(t(lang, "show.revises", source=t(lang, "sep_list").join(a.revised)))
    if a.indicator != ind_id:
        notes.append(t(lang, "show.recorded_against", id=a.indicator))
    if a.quote:
        notes.append(f"“{a.quote}”")
    return notes


def _chart(
    ds: Dataset,
    ind: Indicator,
    evaluations: list[Evaluation],
    console: Console,
    g: Glyphs,
    lang: Lang,
) -> None:
    """The trajectory chart, when the indicator's plan is known and there is a level to draw."""
    plan = ds.plans.get(ind.plan or "")
    if plan is not None:
        chart = trajectory_chart(evaluations, plan.baseline_year)
        if chart:
            head = "show.chart" if _path_target(evaluations) else "show.chart_no_baseline"
            console.print(Text(g(t(lang, head)), style="bold"))
            console.print(Text(g(chart)))


def point_text(pt: Point, lang: Lang) -> str:
    """A figure set aside, as shown: a milestone by its state, a rate with %."""
    if pt.measure == "milestone":
        value = state_word(pt.state, lang)
    elif pt.value is None:
        value = "—"
    else:
        value = fmt_num(pt.value) + ("%" if pt.measure == "growth" else "")
    return f"{pt.period} {value} ({pt.source})"


def _explain(
    ds: Dataset,
    e: Evaluation,
    console: Console,
    lang: Lang,
    thresholds: tuple[float, float],
    ascii_only: bool,
) -> None:
    c = t(lang, "colon")
    console.print()
    g = glyphs(ascii_only)
    console.print(
        Text.assemble(
            (g(t(lang, "show.target")), "bold"),
            rich_text(g(target_text(ds, e, lang))),
            g("  → "),
            (verdict_label(e.status, e.flags, lang, ascii_only), STATUS_STYLE[e.status]),
        )
    )
    _line(console, g, f"  {say(e.reason, lang)}")
    comp = e.components
    if e.override_reason:
        computed = str(comp.computed_status)
        _line(
            console,
            g,
            "  "
            + t(
                lang,
                "show.overridden",
                reason=e.override_reason,
                status=status_label(computed, lang, ascii_only)
                if computed in STATUS_STYLE
                else computed,
            ),
        )
    if e.progress is not None:
        bar = progress_bar(e.progress, e.time_elapsed, 20)
        console.print(Text("  " + t(lang, "show.progress")).append(g(bar.plain), bar.style))
    if e.pace_ratio is not None:
        on, risk = thresholds
        _line(
            console,
            g,
            "  "
            + t(lang, "show.pace", r=f"{e.pace_ratio:.3f}", on=fmt_num(on), risk=fmt_num(risk)),
        )
    families = (LevelComponents, GrowthComponents, CompoundComponents, CumulativeComponents)
    if isinstance(comp, families) and comp.formula is not None:
        _line(console, g, f"  {t(lang, 'show.formula')}{c}{say_one(comp.formula, lang)}")
    if isinstance(comp, (GrowthComponents, CompoundComponents)) and comp.rates is not None:
        rates = ", ".join(f"{y}: {fmt_num(round(float(r), 3))}%" for y, r in comp.rates.items())
        _line(console, g, f"  {t(lang, 'show.rates')}{c}{rates}")
    if isinstance(comp, GrowthComponents) and comp.G is not None and comp.T is not None:
        _line(console, g, "  " + t(lang, "show.average", g=f"{comp.G:.3f}", t=fmt_num(comp.T)))
    for key, text in _working(comp, lang):
        _line(console, g, f"  {t(lang, 'show.' + key)}{c}{text}")
    if e.required is not None and e.required_label == Required.SHORT:
        _line(console, g, "  " + t(lang, "show.shortfall", v=fmt_num(round(e.required, 3))))
    elif e.required is not None:
        _line(
            console,
            g,
            "  "
            + t(
                lang,
                "show.required",
                v=fmt_num(round(e.required, 3)),
                label=required_label(e.required_label, lang),
            ),
        )
    if e.projected_value is not None and e.kind not in ("growth",):
        verdict = t(lang, "show.meets" if e.projected_meets else "show.falls_short")
        _line(
            console,
            g,
            "  "
            + t(
                lang,
                "show.projected",
                y=e.target_year,
                v=fmt_num(round(e.projected_value, 2)),
                verdict=verdict,
            ),
        )
    if e.flags:
        _line(
            console,
            g,
            f"  {t(lang, 'show.flags')}{c}"
            + t(lang, "sep").join(flag_label(f, lang) for f in e.flags),
        )
    for why in e.provisional:
        _line(console, g, f"  {t(lang, 'show.provisional')}{c}{say(why, lang)}")
    for pt, note in e.context:
        _line(
            console,
            g,
            f"  {t(lang, 'show.context')}{c}{point_text(pt, lang)}{c}{say_one(note, lang)}",
            "dim",
        )
    for pt, note in e.superseded:
        _line(
            console,
            g,
            f"  {t(lang, 'show.not_used')}{c}{point_text(pt, lang)}{c}{say_one(note, lang)}",
            "dim",
        )


def _working(comp: Components, lang: Lang) -> list[tuple[str, str]]:
    """The working shown after the averages, in order: units, conversion, where the figures
    come from, derivation, the sources of rates, the projection."""
    out: list[tuple[str, str]] = []
    if comp.units:
        out.append(("units", CLAUSE_SEP[lang].join(comp.units)))
    if isinstance(comp, LevelComponents) and comp.conversion is not None:
        out.append(("conversion", comp.conversion))
    if isinstance(comp, CumulativeComponents) and comp.source is not None:
        out.append(("from", say_one(comp.source, lang)))
    if isinstance(comp, GrowthComponents):
        if comp.derived is not None:
            out.append(("derived", comp.derived))
        if comp.rates_from is not None:
            out.append(("rates_from", say_and(comp.rates_from, lang)))
    if isinstance(comp, LevelComponents) and comp.projection is not None:
        out.append(("projection", say_one(comp.projection, lang)))
    return out


def _path_target(evaluations: list[Evaluation]) -> Evaluation | None:
    """The target a straight path can be drawn to: a level from a baseline."""
    return next(
        (
            e
            for e in evaluations
            if e.kind in ("level", "multiple", "change")
            and e.target_value is not None
            and e.baseline_value is not None
        ),
        None,
    )


def trajectory_chart(evaluations: list[Evaluation], base_year: int, height: int = 8) -> str:
    """A small text chart of reported levels against the straight path to the target; with
    no baseline there is no path, so the levels are drawn against the target (◆) alone."""
    ev = _path_target(evaluations) or next(
        (e for e in evaluations if e.kind == "level" and e.target_value is not None), None
    )
    if ev is None or ev.target_value is None:
        return ""
    pts = {p.year: p.value for p in ev.points if p.value is not None and p.measure == "level"}
    if not pts:
        return ""
    b_year = ev.baseline_year or base_year
    if ev.baseline_value is None:
        b_year = min(pts)
    t_year = ev.target_year or max(pts)
    years = list(range(b_year, t_year + 1))
    if ev.baseline_value is not None:
        path = {
            y: ev.baseline_value
            + (ev.target_value - ev.baseline_value) * (y - b_year) / max(1, t_year - b_year)
            for y in years
        }
    else:
        path = {}
    values = [*path.values(), *pts.values(), ev.target_value]
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
            if y in path and round((path[y] - lo) / span * height) == r:
                cell = "·"
            elif not path and y == t_year and round((ev.target_value - lo) / span * height) == r:
                cell = "◆"
            v = pts.get(y) if y != b_year or ev.baseline_value is None else ev.baseline_value
            if v is not None and round((v - lo) / span * height) == r:
                cell = "●"
            cells.append(cell.center(6))
        rows.append(f"{fmt_num(round(level, 2)):>10} │" + "".join(cells))
    rows.append(" " * 11 + "└" + "─" * (6 * len(years)))
    rows.append(" " * 12 + "".join(str(y).center(6) for y in years))
    return "\n".join(rows)
