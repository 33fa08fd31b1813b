"""SVG for slides: a summary chart of every plan, or (`detail`) one chart of the selected
plan or category with a line per target. Text is placed by display width (a Chinese
character counts two cells), long names wrap, so nothing overlaps."""

from __future__ import annotations

from ..core.sanitize import html_text as escape
from ..core.vocab import Lang
from ..evaluate.summary import Report
from .charts import COLOUR, FONT_PX, TEXT_COLOUR, progress_bar, summary_bar, text_px
from .labels import plan_name, t, verdict_label
from .layout import wrap
from .rows import Row, any_binding, by_category, has_data, rows

LINE = 16
NAME_CELLS = 36  # names wrap beyond this many cells
TARGET_CELLS = 28


def _text(x: float, y: float, s: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(s)}</text>'


def _lines(x: float, y: float, text: str, **attrs: str) -> list[str]:
    return [_text(x, y + i * LINE, line, **attrs) for i, line in enumerate(text.split("\n"))]


def _doc(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif" '
        f'font-size="{FONT_PX}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        '<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(body) + "</svg>\n"
    )


def render_svg(
    report: Report, lang: Lang = "en", compact: bool = False, detail: bool = True
) -> str:
    as_of = report.options.as_of.date.isoformat()
    title = f"{t(lang, 'title')} · {t(lang, 'as_of')} {as_of}"
    if not detail:
        return _summary(report, lang, title)
    items = rows(report, lang)
    shown = [r for r in items if has_data(r)] if compact else items
    return _detail(report, shown, len(items) - len(shown), lang, title)


def _summary(report: Report, lang: Lang, title: str) -> str:
    body = [_text(16, 28, title, font_size="16", font_weight="bold")]
    y = 48.0
    for pr in report.plans:
        label = plan_name(report.dataset, pr.plan_id, lang)
        for line in wrap(label, 80).split("\n"):
            body.append(_text(16, y + 12, line, font_weight="bold"))
            y += LINE
        chart = summary_bar(label, pr.counts(), lang, provisional=pr.totals().provisional)
        height = float(chart.split('height="', 1)[1].split('"', 1)[0])
        body.append(f'<g transform="translate(16 {y + 4:.0f})">{chart}</g>')
        y += height + 20
    return _doc(512, y, title, body)


def _detail(report: Report, shown: list[Row], hidden: int, lang: Lang, title: str) -> str:
    names = [wrap(r.name + (" *" if r.nature == "binding" else ""), NAME_CELLS) for r in shown]
    targets = [wrap(r.target, TARGET_CELLS) for r in shown]
    statuses = [verdict_label(r.status, r.flags, lang) for r in shown]
    latest = [r.latest for r in shown]

    def col(texts: list[str], head: str) -> float:
        return max([text_px(head), *(text_px(line) for s in texts for line in s.split("\n"))])

    x_name = 16.0
    x_target = x_name + col(names, t(lang, "head.indicator")) + 16
    x_latest = x_target + col(targets, t(lang, "head.target")) + 16
    x_bar = x_latest + col(latest, t(lang, "head.latest")) + 16
    x_status = x_bar + 120 + 44
    width = x_status + col(statuses, t(lang, "head.status")) + 16
    body = [_text(16, 28, title, font_size="16", font_weight="bold")]
    y = 40.0
    current = None
    for plan_id, cat, _ in by_category(shown):
        if plan_id != current:
            current = plan_id
            for line in wrap(plan_name(report.dataset, plan_id, lang), 90).split("\n"):
                body.append(_text(16, y + 16, line, font_size="14", font_weight="bold"))
                y += LINE + 4
        body.append(_text(16, y + 18, cat, font_weight="bold"))
        y += 24
        for x, key in (
            (x_name, "indicator"),
            (x_target, "target"),
            (x_latest, "latest"),
            (x_bar, "progress"),
            (x_status, "status"),
        ):
            body.append(_text(x, y + 12, t(lang, f"head.{key}"), fill="#59636e"))
        y += LINE + 2
        for i, r in enumerate(shown):
            if r.plan != plan_id or r.category_label != cat:
                continue
            height = LINE * max(names[i].count("\n"), targets[i].count("\n")) + LINE + 6
            body += _lines(x_name, y + 12, names[i])
            body += _lines(x_target, y + 12, targets[i])
            body.append(_text(x_latest, y + 12, latest[i]))
            bar = progress_bar(r.progress, r.time_elapsed, COLOUR[r.status], lang)
            body.append(f'<g transform="translate({x_bar:.1f} {y + 1:.1f})">{bar}</g>')
            if r.progress is not None:
                body.append(_text(x_bar + 124, y + 12, f"{r.progress:.0%}"))
            body.append(
                _text(x_status, y + 12, statuses[i], fill=TEXT_COLOUR[r.status], font_weight="bold")
            )
            body.append(
                f'<line x1="16" y1="{y + height - 3:.1f}" x2="{width - 16:.1f}" '
                f'y2="{y + height - 3:.1f}" stroke="#d0d7de"/>'
            )
            y += height
    if hidden:
        body.append(_text(16, y + 16, t(lang, "hidden_rows", n=hidden), fill="#59636e"))
        y += LINE + 4
    if not any_binding(shown):
        return _doc(width, y + 8, title, body)
    body.append(_text(16, y + 16, t(lang, "binding_note"), fill="#59636e"))
    return _doc(width, y + 28, title, body)
