"""A standalone HTML report: no scripts, no external assets; every datum escaped."""

from __future__ import annotations

import math

from ..describe import fmt_num
from ..evaluate import Evaluation
from ..sanitize import html_text as escape
from ..summary import Report
from .labels import HEAD, STATUS_SYMBOL, STATUS_WORD, plan_name, verdict_label
from .rows import Row, by_category

COLOUR = {"achieved": "#1a7f37", "on_track": "#2da44e", "at_risk": "#bf8700",
          "off_track": "#cf222e", "regressing": "#a40e26", "missed": "#82071e",
          "no_data": "#6e7781"}

CSS = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right}.flags{color:#59636e;font-style:italic}
.status{white-space:nowrap;font-weight:600}.summary span{margin-right:1rem}
svg{vertical-align:middle}.chart{margin:.25rem 0}
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}}
"""


def progress_svg(progress: float | None, elapsed: float | None, colour: str) -> str:
    """A 120×14 bar filled to `progress`, with a dark marker at the time elapsed."""
    if progress is None:
        return '<svg width="120" height="14" role="img" aria-label="no progress figure">' \
               '<rect width="120" height="14" fill="#eaeef2"/></svg>'
    w = max(0.0, min(1.0, progress)) * 120
    marker = ""
    if elapsed is not None:
        x = max(0.0, min(1.0, elapsed)) * 120
        marker = f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="14" stroke="#1f2328" ' \
                 'stroke-width="2"/>'
    label = f"progress {progress:.0%}" + (f", time elapsed {elapsed:.0%}" if elapsed is not None
                                          else "")
    return (f'<svg width="120" height="14" role="img" aria-label="{escape(label)}">'
            f'<rect width="120" height="14" fill="#eaeef2"/>'
            f'<rect width="{w:.1f}" height="14" fill="{colour}"/>{marker}</svg>')


def trajectory_svg(e: Evaluation) -> str:
    """Reported levels (dots and line) against the straight path from baseline to target."""
    if e.target_value is None or e.baseline_value is None or e.baseline_year is None \
            or e.target_year is None:
        return ""
    pts = sorted((p.year, p.value) for p in e.points
                 if p.value is not None and p.measure == "level" and not p.partial)
    if not pts:
        return ""
    b, t = e.baseline_year, e.target_year
    series = [(b, e.baseline_value), *[(y, v) for y, v in pts if y > b]]
    values = [v for _, v in series] + [e.target_value]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    if not math.isfinite(span):
        return ""  # values near the float limits: no scale to draw them on
    years = max(1, max(t, series[-1][0]) - b)
    w, h, pad = 240, 80, 6

    def xy(year: int, v: float) -> tuple[float, float]:
        return (pad + (year - b) / years * (w - 2 * pad),
                h - pad - (v - lo) / span * (h - 2 * pad))

    (x0, y0), (x1, y1) = xy(b, e.baseline_value), xy(t, e.target_value)
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(yr, v) for yr, v in series))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#0969da"/>'
                   for x, y in (xy(yr, v) for yr, v in series))
    label = (f"reported {', '.join(f'{yr}: {fmt_num(v)}' for yr, v in series)}; "
             f"target {fmt_num(e.target_value)} in {t}")
    return (f'<svg class="chart" width="{w}" height="{h}" role="img" '
            f'aria-label="{escape(label)}">'
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#8c959f" '
            f'stroke-dasharray="4 3"/>'
            f'<polyline points="{line}" fill="none" stroke="#0969da" stroke-width="1.5"/>'
            f'{dots}<title>{escape(label)}</title></svg>')


def _row(r: Row, lang: str) -> str:
    colour = COLOUR[r.status]
    flags = f'<div class="flags">{escape(r.flag_words)}</div>' if r.flag_words else ""
    name = escape(r.name) + (" *" if r.nature == "binding" else "")
    chart = trajectory_svg(r.evaluation)
    return (
        "<tr>"
        f"<td>{name}<div class=\"flags\">{escape(r.indicator)}</div></td>"
        f"<td>{escape(r.target)}</td><td>{escape(r.baseline)}</td>"
        f"<td>{escape(r.latest)}{flags}</td>"
        f"<td>{progress_svg(r.progress, r.time_elapsed, colour)} "
        f"{'' if r.progress is None else escape(f'{r.progress:.0%}')}{chart}</td>"
        f'<td class="status" style="color:{colour}">'
        f"{escape(verdict_label(r.status, r.flags, lang))}</td>"
        f"<td>{escape(r.reason)}</td>"
        "</tr>"
    )


def render_html(report: Report, lang: str = "en") -> str:
    h = HEAD[lang]
    ds = report.dataset
    as_of = report.options.as_of.date.isoformat()
    reason = "说明" if lang == "zh" else "Why"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>goaltrack report {escape(as_of)}</title><style>{CSS}</style></head><body>",
        f"<h1>goaltrack · {escape(h['as_of'])} {escape(as_of)}</h1>",
        '<p class="summary">' + "".join(
            f'<span style="color:{COLOUR[s]}">{STATUS_SYMBOL[s]} {escape(STATUS_WORD[lang][s])}: '
            f"{n}</span>" for s, n in report.counts().items() if n) + "</p>",
    ]
    current = None
    for plan_id, cat, rws in by_category(report, lang):
        if plan_id != current:
            if current is not None:
                parts.append("</section>")
            current = plan_id
            plan = ds.plans[plan_id]
            parts.append(f"<section><h2>{escape(plan_name(ds, plan_id, lang))}</h2>"
                         f"<p>{escape(h['period'])} {plan.start}–{plan.end}</p>")
        parts.append(f"<h3>{escape(cat)}</h3><table><thead><tr>"
                     + "".join(f"<th>{escape(x)}</th>" for x in (
                         h["indicator"], h["target"], h["baseline"], h["latest"], h["progress"],
                         h["status"], reason))
                     + "</tr></thead><tbody>")
        parts += [_row(r, lang) for r in rws]
        parts.append("</tbody></table>")
    if current is not None:
        parts.append("</section>")
    parts.append("<p>* " + escape("binding (约束性)" if lang == "en" else "约束性指标") + "</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
