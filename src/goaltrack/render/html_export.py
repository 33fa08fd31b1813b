"""A standalone HTML report: no scripts, no external assets; every datum escaped.

Summary first (a chart of targets per status for each plan), then a table per category with
the trajectory of every judged target, and the sources, linked, at the end. Printable.
"""

from __future__ import annotations

from ..core.sanitize import html_text as escape
from ..core.vocab import Lang
from ..evaluate.summary import Report
from .charts import COLOUR, TEXT_COLOUR, progress_bar, summary_bar, trajectory
from .labels import plan_name, provisional_summary, t, verdict_label
from .rows import Row, any_binding, by_category, has_data, rows

CSS = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;
color:#1f2328;line-height:1.45}
:lang(zh){line-height:1.6}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;white-space:nowrap}.nw{white-space:nowrap}.flags,.id{color:#59636e;font-size:.85em}.flags{font-style:italic}
.status{white-space:nowrap;font-weight:600}.why{font-size:.9em;min-width:14rem;max-width:24rem}
.summary-chart{display:block;margin:.5rem 0 1rem}svg text{fill:#1f2328}
svg{vertical-align:middle}.chart{display:block;margin:.25rem 0}
a{color:#0969da}.sources li{margin:.2rem 0}
@media print{
 @page{size:A4 landscape;margin:12mm}
 body{margin:0;max-width:none;font-size:10pt;padding:0}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 h2{break-before:page}section:first-of-type h2{break-before:auto}
 tr,svg{break-inside:avoid}thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
}
"""


def _sources(report: Report, lang: Lang) -> str:
    """The sources the figures come from, each linked where it has a web address."""
    used = sorted({s for e in report.all() for s in e.sources})
    if not used:
        return ""
    items = []
    for sid in used:
        src = report.dataset.sources.get(sid)
        title = escape(src.title if src else sid)
        url = src.url if src else None
        if url and url.startswith(("https://", "http://")):
            title = f'<a href="{escape(url, quote=True)}">{title}</a>'
        extra = ", ".join(escape(x) for x in (src.publisher, src.published) if x) if src else ""
        items.append(
            f'<li id="src-{escape(sid, quote=True)}"><span class="id">'
            f"{escape(sid)}</span> {title}{' · ' + extra if extra else ''}</li>"
        )
    return (
        f'<section><h2>{escape(t(lang, "sources_head"))}</h2><ul class="sources">'
        + "".join(items)
        + "</ul></section>"
    )


def _row(r: Row, lang: Lang) -> str:
    colour = COLOUR[r.status]
    flags = f'<div class="flags">{escape(r.flag_words)}</div>' if r.flag_words else ""
    name = escape(r.name) + (" *" if r.nature == "binding" else "")
    chart = trajectory(r.evaluation, r.target, lang)
    srcs = " ".join(
        f'<a class="nw" href="#src-{escape(s, quote=True)}">{escape(s)}</a>' for s in r.sources
    )
    fig = r.latest_figure
    latest = f'<span class="nw">{escape(fig.text)}</span>' + (
        f' <span class="nw">({escape(fig.period)})</span>' if fig.period else ""
    )
    return (
        "<tr>"
        f'<td>{name}<div class="id">{escape(r.indicator)}</div></td>'
        f"<td>{escape(r.target)}</td><td>{escape(r.baseline)}</td>"
        f"<td>{latest}{flags}</td>"
        f"<td>{progress_bar(r.progress, r.time_elapsed, colour, lang)} "
        f"{'' if r.progress is None else escape(f'{r.progress:.0%}')}{chart}</td>"
        f'<td class="status" style="color:{TEXT_COLOUR[r.status]}">'
        f"{escape(verdict_label(r.status, r.flags, lang))}</td>"
        f'<td class="why">{escape(r.reason)}'
        + (f'<div class="id">{srcs}</div>' if srcs else "")
        + "</td>"
        "</tr>"
    )


def render_html(report: Report, lang: Lang = "en", compact: bool = False) -> str:
    ds = report.dataset
    as_of = report.options.as_of.date.isoformat()
    title = f"{t(lang, 'title')} · {t(lang, 'as_of')} {as_of}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<section class="summary"><h2>{escape(t(lang, "summary"))}</h2>',
    ]
    for pr in report.plans:
        label = plan_name(ds, pr.plan_id, lang)
        bar = summary_bar(label, pr.counts(), lang, provisional=pr.totals().provisional)
        parts.append(f"<h3>{escape(label)}</h3>{bar}")
        if provisional := provisional_summary(pr.provisional_counts(), lang):
            parts.append(f"<p>{escape(provisional)}</p>")
    parts.append("</section>")
    items = rows(report, lang)
    shown = [r for r in items if has_data(r)] if compact else items
    heads = "".join(
        f"<th>{escape(t(lang, f'head.{k}'))}</th>"
        for k in ("indicator", "target", "baseline", "latest", "progress", "status", "reason")
    )
    current = None
    for plan_id, cat, rws in by_category(shown):
        if plan_id != current:
            if current is not None:
                parts.append("</section>")
            current = plan_id
            plan = ds.plans[plan_id]
            parts.append(
                f"<section><h2>{escape(plan_name(ds, plan_id, lang))}</h2>"
                f"<p>{escape(t(lang, 'period'))} {plan.start}–{plan.end}</p>"
            )
        parts.append(f"<h3>{escape(cat)}</h3><table><thead><tr>{heads}</tr></thead><tbody>")
        parts += [_row(r, lang) for r in rws]
        parts.append("</tbody></table>")
    if current is not None:
        parts.append("</section>")
    if len(shown) < len(items):
        parts.append(f"<p>{escape(t(lang, 'hidden_rows', n=len(items) - len(shown)))}</p>")
    if any_binding(shown):
        parts.append(f"<p>{escape(t(lang, 'binding_note'))}</p>")
    parts.append(f"<p>{escape(t(lang, 'provisional_note'))}</p>")
    parts.append(_sources(report, lang))
    parts.append("</body></html>\n")
    return "\n".join(parts)
