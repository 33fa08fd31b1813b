"""Small inline SVG charts for the HTML report: a summary bar per plan and a trajectory for
every judged target with figures (its kind decides what is drawn). No scripts; every text
escaped; sizes in display cells, so Chinese labels do not overlap."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..core.describe import fmt_num
from ..core.sanitize import html_text as escape
from ..core.vocab import Lang, Status
from ..evaluate import Evaluation
from ..evaluate.components import CompoundComponents, GrowthComponents, RelativeComponents
from .labels import state_word, status_label, t
from .layout import text_width

COLOUR = {
    "achieved": "#1a7f37",
    "on_track": "#2da44e",
    "at_risk": "#bf8700",
    "off_track": "#cf222e",
    "regressing": "#a40e26",
    "missed": "#82071e",
    "no_data": "#8c959f",
    "tracked": "#c8d1da",
}
# Status words in these colours; the pale grey of `tracked` bars is too light for text.
TEXT_COLOUR = {**COLOUR, "no_data": "#59636e", "tracked": "#59636e"}
FIGURE = "#0969da"
PATH = "#6e7781"
FONT_PX = 12  # one display cell ≈ FONT_PX × 0.6; a wide (Chinese) cell twice that


def text_px(s: str, size: int = FONT_PX) -> float:
    return text_width(s) * size * 0.6


def summary_bar(
    plan_label: str, counts: dict[Status, int], lang: Lang, width: int = 480, provisional: int = 0
) -> str:
    """One stacked bar of targets per status, with a legend of counts below; indicators
    tracked without a target are not in the bar (they are not targets) but counted after it,
    as are the provisional verdicts."""
    total = sum(n for s, n in counts.items() if s != "tracked")
    if not total and not counts.get("tracked"):
        return ""
    x, rects = 0.0, []
    for s, n in counts.items():
        if n and s != "tracked":
            w = n / total * width
            rects.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="18" '
                f'fill="{COLOUR[s]}"><title>{escape(status_label(s, lang))}: {n}'
                f"</title></rect>"
            )
            x += w
    legend, lx, ly = [], 0.0, 36 if total else 10
    entries: list[tuple[Status | None, str]] = [
        (s, f"{status_label(s, lang)} {n}") for s, n in counts.items() if n and s != "tracked"
    ]
    entries.append(
        (
            None,
            f"{t(lang, 'head.targets')} {total}"
            + (f" ({t(lang, 'head.provisional')} {provisional})" if provisional else ""),
        )
    )
    if counts.get("tracked"):
        entries.append(("tracked", f"{status_label('tracked', lang)} {counts['tracked']}"))
    for swatch_of, label in entries:
        need = 14 + text_px(label) + 14
        if lx and lx + need > width:
            lx, ly = 0.0, ly + 18
        swatch = (
            (
                f'<rect x="{lx:.1f}" y="{ly - 10}" width="10" height="10" '
                f'fill="{COLOUR[swatch_of]}"/>'
            )
            if swatch_of
            else ""
        )
        legend.append(f'{swatch}<text x="{lx + 14:.1f}" y="{ly}">{escape(label)}</text>')
        lx += need
    title = t(lang, "html.chart", plan=plan_label)
    return (
        f'<svg class="summary-chart" width="{width}" height="{ly + 6}" '
        f'viewBox="0 0 {width} {ly + 6}" role="img" aria-label="{escape(title)}" '
        f'font-size="{FONT_PX}"><title>{escape(title)}</title>{"".join(rects)}'
        f"{''.join(legend)}</svg>"
    )


def progress_bar(progress: float | None, elapsed: float | None, colour: str, lang: Lang) -> str:
    """A 120×14 bar filled to `progress`, with a dark marker at the time elapsed."""
    if progress is None:
        return (
            '<svg width="120" height="14" role="img" aria-label="'
            f'{escape(t(lang, "html.no_progress"))}">'
            '<rect width="120" height="14" fill="#eaeef2"/></svg>'
        )
    w = max(0.0, min(1.0, progress)) * 120
    marker = ""
    if elapsed is not None:
        x = max(0.0, min(1.0, elapsed)) * 120
        marker = (
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="14" stroke="#1f2328" stroke-width="2"/>'
        )
    label = t(lang, "html.progress", p=f"{progress:.0%}") + (
        ", " + t(lang, "html.elapsed", p=f"{elapsed:.0%}") if elapsed is not None else ""
    )
    return (
        f'<svg width="120" height="14" role="img" aria-label="{escape(label)}">'
        f'<rect width="120" height="14" fill="#eaeef2"/>'
        f'<rect width="{w:.1f}" height="14" fill="{colour}"/>{marker}</svg>'
    )


Series = Sequence[tuple[int, float]]


def _plot(
    lines: Sequence[tuple[Series, str, bool]],
    label: str,
    hline: float | None = None,
    w: int = 200,
    h: int = 90,
    goal: tuple[float, str] | None = None,
) -> str:
    """Lines of (year, value) points (colour, dashed), an optional horizontal target line,
    the first and last year under the axis."""
    pts = [p for s, _, _ in lines for p in s]
    if not pts:
        return ""
    values = [v for _, v in pts] + [v for v in (hline, goal and goal[0]) if v is not None]
    years = [y for y, _ in pts]
    lo, hi = min(values), max(values)
    if hi == lo:  # one value: in the middle
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    if not math.isfinite(span):
        return ""  # values near the float limits: no scale to draw them on
    y0, y1 = min(years), max(years)
    ys = max(1, y1 - y0)
    pad, bottom = 8, 16

    def xy(year: int, v: float) -> tuple[float, float]:
        return (
            pad + (year - y0) / ys * (w - 2 * pad),
            h - bottom - (v - lo) / span * (h - bottom - pad),
        )

    parts = []
    if hline is not None:
        _, yy = xy(y0, hline)
        parts.append(
            f'<line x1="{pad}" y1="{yy:.1f}" x2="{w - pad}" y2="{yy:.1f}" '
            f'stroke="{PATH}" stroke-dasharray="4 3"/>'
        )
    if goal is not None:  # the target's value at the right, clear of the last figure
        _, ty = xy(y1, goal[0])
        last_y = [xy(*s[-1])[1] for s, _, dashed in lines if s and not dashed]
        clash = last_y and abs(last_y[-1] - ty) < 14 and ty + 12 < h - bottom
        gy = ty + 12 if clash else ty - 3
        parts.append(
            f'<text x="{w - pad}" y="{min(h - bottom - 2, max(10.0, gy)):.1f}" '
            f'font-size="10" text-anchor="end" fill="{PATH}">{escape(goal[1])}</text>'
        )
    for series, colour, dashed in lines:
        coords = [xy(y, v) for y, v in series]
        if len(coords) > 1:
            dash = ' stroke-dasharray="4 3"' if dashed else ""
            parts.append(
                f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coords)}"'
                f' fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>'
            )
        if not dashed and coords:
            parts += [
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in coords
            ]
            (lx, ly), last = coords[-1], series[-1][1]
            anchor = "end" if lx > w / 2 else "start"
            parts.append(
                f'<text x="{lx + (-4 if anchor == "end" else 4):.1f}" '
                f'y="{max(10.0, ly - 5):.1f}" font-size="10" text-anchor="{anchor}" '
                f'fill="{colour}">{fmt_num(round(last, 2))}</text>'
            )
    parts.append(f'<text x="{pad}" y="{h - 3}" font-size="10">{y0}</text>')
    if y1 != y0:
        parts.append(
            f'<text x="{w - pad}" y="{h - 3}" font-size="10" text-anchor="end">{y1}</text>'
        )
    return (
        f'<svg class="chart" width="{w}" height="{h}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>{"".join(parts)}</svg>'
    )


def _label(series: Series, target: str, lang: Lang) -> str:
    points = ", ".join(f"{y}: {fmt_num(round(v, 4))}" for y, v in series)
    return t(lang, "html.chart_label", points=points, target=target)


def trajectory(e: Evaluation, target: str, lang: Lang) -> str:
    """The figures of a judged target against what it asks, drawn by kind; "" when there is
    nothing to draw."""
    if e.status == "tracked":
        return ""
    usable = [p for p in e.points if not p.partial]
    if e.kind in ("level", "multiple", "change"):
        # a level for part of a year is in the points only when its year has no full-year
        # figure (selection.py), and the verdict rests on it: drawn, as the table shows it
        levels = sorted(
            (p.year, p.value) for p in e.points if p.value is not None and p.measure == "level"
        )
        if not levels or e.target_value is None or e.target_year is None:
            return ""
        series = list(levels)
        path: list[tuple[int, float]] = []
        if e.baseline_value is not None and e.baseline_year is not None:
            series = [
                (e.baseline_year, e.baseline_value),
                *[(y, v) for y, v in levels if y > e.baseline_year],
            ]
            path = [(e.baseline_year, e.baseline_value), (e.target_year, e.target_value)]
        return _plot(
            [(path, PATH, True), (series, FIGURE, False)],
            _label(series, target, lang),
            hline=e.target_value if not path else None,
            goal=(e.target_value, fmt_num(e.target_value)),
        )
    if e.kind == "hold":
        levels = sorted((p.year, p.value) for p in usable if p.value is not None)
        goal = None if e.target_value is None else (e.target_value, fmt_num(e.target_value))
        return _plot(
            [(levels, FIGURE, False)], _label(levels, target, lang), hline=e.target_value, goal=goal
        )
    if e.kind in ("growth", "compound_change"):
        comp = e.components
        rates = (
            comp.rates if isinstance(comp, (GrowthComponents, CompoundComponents)) else None
        ) or {}
        series = sorted((int(y), float(v)) for y, v in rates.items())
        hline = e.target_value if e.kind == "growth" else None
        goal = None if hline is None else (hline, f"{fmt_num(hline)}%")
        return _plot(
            [(series, FIGURE, False)], _label(series, target, lang), hline=hline, goal=goal
        )
    if e.kind == "cumulative":
        flows = sorted((p.year, p.value) for p in usable if p.value is not None)
        if not flows or e.target_value is None or e.target_year is None:
            return ""
        if all(p.measure == "cumulative" for p in usable):
            running = flows
        else:
            total, running = 0.0, []
            for y, v in flows:
                total += v
                running.append((y, total))
        first = running[0][0] - 1
        path = [(first, 0.0), (e.target_year, e.target_value)]
        series = [(first, 0.0), *running]
        return _plot(
            [(path, PATH, True), (series, FIGURE, False)],
            _label(running, target, lang),
            goal=(e.target_value, fmt_num(e.target_value)),
        )
    if e.kind == "relative":
        comp = e.components
        years = (comp.years if isinstance(comp, RelativeComponents) else None) or {}
        own = sorted((int(y), v.own) for y, v in years.items())
        ref = sorted((int(y), v.reference) for y, v in years.items())
        return _plot([(ref, PATH, True), (own, FIGURE, False)], _label(own, target, lang))
    if e.kind == "milestone" and e.points:
        return _states(e, target, lang)
    return ""


MILESTONE_COLOUR = {
    "done": COLOUR["achieved"],
    "in_progress": COLOUR["on_track"],
    "at_risk": COLOUR["at_risk"],
    "not_started": COLOUR["off_track"],
    "failed": COLOUR["missed"],
}


def _states(e: Evaluation, target: str, lang: Lang) -> str:
    """A milestone's reports in time: a dot per report, its state and year beside it."""
    items, x = [], 6.0
    for p in sorted(e.points, key=lambda p: p.year):
        word = f"{p.year} {state_word(p.state, lang)}"
        items.append(
            f'<circle cx="{x + 4:.1f}" cy="12" r="4" '
            f'fill="{MILESTONE_COLOUR.get(p.state or "", PATH)}"/>'
            f'<text x="{x + 12:.1f}" y="16" font-size="11">{escape(word)}</text>'
        )
        x += 12 + text_px(word, 11) + 12
    label = target + ": " + ", ".join(f"{p.year} {state_word(p.state, lang)}" for p in e.points)
    return (
        f'<svg class="chart" width="{max(200, x):.0f}" height="24" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>{"".join(items)}</svg>'
    )
