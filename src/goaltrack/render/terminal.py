"""The `goaltrack report` table (Rich), readable with or without colour, at any width.

The summary comes first; then a table per plan whose columns fit the console width
(render/layout.py): at 120 columns and more every column, narrower the source count, the
baseline and the progress bar go, in that order, and no token is ever split.
"""

from __future__ import annotations

import math

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core.sanitize import clean
from ..core.vocab import Lang, Status
from ..evaluate.elapsed import span
from ..evaluate.summary import JUDGED, Report, Totals
from .labels import (
    STATUS_STYLE,
    Glyphs,
    flag_label,
    glyphs,
    plan_name,
    provisional_lines,
    status_label,
    status_symbol,
    t,
    verdict_label,
)
from .layout import GLUE, JOIN, Col, fit, glue_units, wrap
from .rows import FIGURE_FLAGS, Row, any_binding, has_data, rows

BAR_WIDTH = 10
WIDE = 100  # from here on, boxed tables and progress bars
ASCII_SIMPLE = box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)


def progress_bar(progress: float | None, elapsed: float | None, width: int = BAR_WIDTH) -> Text:
    """A bar filled to `progress`, with `│` marking the share of time elapsed."""
    if progress is None or not math.isfinite(progress):
        return Text("·" * width, style="dim")
    filled = round(max(0.0, min(1.0, progress)) * width)  # clamped first: 1e308 × width
    cells = ["█"] * filled + ["░"] * (width - filled)
    if elapsed is not None and math.isfinite(elapsed):
        mark = max(0, round(max(0.0, min(1.0, elapsed)) * width) - 1)
        cells[mark] = "│"
    return Text("".join(cells) + " " + _pct(progress))


def _pct(progress: float | None) -> str:
    if progress is None or not math.isfinite(progress):
        return "—"
    return f"{progress:4.0%}" if progress >= 0 else f"{progress:.0%}"


def render_report(
    report: Report,
    console: Console,
    lang: Lang = "en",
    *,
    compact: bool = False,
    ascii_only: bool = False,
) -> None:
    g = glyphs(ascii_only)
    ds = report.dataset
    as_of = report.options.as_of.date.isoformat()
    all_rows = rows(report, lang)
    shown_all: list[Row] = []
    console.print(Text(g(f"{t(lang, 'title')} · {t(lang, 'as_of')} {as_of}"), style="bold"))
    render_summary(report, console, lang, g, ascii_only)
    for pr in report.plans:
        plan = ds.plans[pr.plan_id]
        # Both clocks of the engine: calendar time (years of the period ended by the as-of
        # date) and the time the figures out by then can cover (a year's figures are out by
        # the end of the following April), which is what pace is judged against.
        years = span(plan.start, plan.end, report.options.as_of)
        covered = years.published / years.years if years.years else 1.0
        console.print()
        console.print(Text(g(clean(plan_name(ds, pr.plan_id, lang))), style="bold"))
        console.print(
            g(
                f"{t(lang, 'period')} {plan.start}–{plan.end} · {t(lang, 'elapsed')} "
                f"{years.calendar:.0%} · "
                + t(lang, "covered", p=f"{covered:.0%}", y=min(years.published_year, plan.end))
            )
        )
        plan_rows = [r for r in all_rows if r.plan == pr.plan_id]
        shown = [r for r in plan_rows if has_data(r)] if compact else plan_rows
        shown_all += shown
        if shown:
            console.print(_table(shown, console.width, lang, g, ascii_only))
        if len(shown) < len(plan_rows):
            console.print(
                Text(g(t(lang, "hidden_rows", n=len(plan_rows) - len(shown))), style="dim")
            )
    by_nature = report.counts_by_nature()
    if by_nature:
        console.print()
        for n, c in by_nature.items():
            words = [f"{status_label(s, lang, ascii_only)} {k}" for s, k in c.items() if k]
            head = f"{t(lang, 'nature.' + n)}{t(lang, 'colon')}"
            console.print(
                Text(
                    legend_lines(
                        g,
                        [head + (words[0] if words else "—"), *words[1:]],
                        console.width,
                        sep="  ",
                    )
                )
            )
    if any_binding(shown_all):
        console.print(Text(g(t(lang, "binding_note")), style="dim"))
    console.print(Text(g(t(lang, "provisional_note")), style="dim"))


def _box(wide: bool, ascii_only: bool) -> box.Box:
    """Boxed when wide; narrower, only a rule under the head (no columns spent on lines)."""
    if wide:
        return box.ASCII if ascii_only else box.HEAVY_HEAD
    return ASCII_SIMPLE if ascii_only else box.SIMPLE


def render_summary(
    report: Report, console: Console, lang: Lang, g: Glyphs, ascii_only: bool
) -> None:
    """Targets per status and plan, before any table: the targets' total and how many of
    them are provisional, then the tracked indicators apart (they are not targets)."""
    counts = report.counts()
    statuses = [s for s in JUDGED if counts[s]]
    tracked = bool(counts["tracked"])
    wide = console.width >= WIDE
    table = Table(box=_box(wide, ascii_only), show_edge=wide, pad_edge=False)
    table.add_column(t(lang, "head.plan"), overflow="fold")
    for s in statuses:
        table.add_column(
            status_symbol(s, ascii_only), justify="right", style=STATUS_STYLE[s], no_wrap=True
        )
    table.add_column(t(lang, "head.targets"), justify="right", no_wrap=True)
    table.add_column(g(t(lang, "head.provisional")), justify="right", no_wrap=True)
    if tracked:
        table.add_column(
            status_symbol("tracked", ascii_only),
            justify="right",
            style=STATUS_STYLE["tracked"],
            no_wrap=True,
        )
    ds = report.dataset
    extra = 2 + (1 if tracked else 0)
    name_width = max(8, console.width - 5 * (len(statuses) + extra) - 4)

    def cells(c: dict[Status, int], tot: Totals, blank: bool) -> list[str]:
        out = [str(c[s] or "") if blank else str(c[s]) for s in statuses]
        out += [str(tot.targets), str(tot.provisional or "") if blank else str(tot.provisional)]
        if tracked:
            out.append(str(tot.tracked or "") if blank else str(tot.tracked))
        return out

    for pr in report.plans:
        table.add_row(
            wrap(g(clean(plan_name(ds, pr.plan_id, lang))), name_width),
            *cells(pr.counts(), pr.totals(), blank=True),
        )
    if len(report.plans) > 1:
        table.add_row(
            Text(t(lang, "head.total"), style="bold"), *cells(counts, report.totals(), blank=False)
        )
    console.print(table)
    legend = [status_label(s, lang, ascii_only) for s in statuses]
    console.print(Text(legend_lines(g, legend, console.width), style="dim"))
    if tracked:
        console.print(Text(wrap(g(t(lang, "tracked_note")), console.width), style="dim"))
    for line in provisional_lines(report, lang, ascii_only):
        console.print(Text(legend_lines(g, line.split(" · "), console.width)))


def legend_lines(g: Glyphs, entries: list[str], width: int, sep: str = " · ") -> str:
    """Legend entries joined by `sep`, broken only between entries (a symbol stays with its
    label and its count); an entry wider than the line is wrapped on its own."""
    lines: list[str] = []
    current, sep = "", g(sep)
    for e in (g(x) for x in entries):
        joined = f"{current}{sep}{e}" if current else e
        if current and cell_len(joined) + len(sep.rstrip()) > width:
            lines.append(current + sep.rstrip())
            current = e
        else:
            current = joined
    if current:
        lines.append(current)
    return "\n".join(wrap(ln, width) if cell_len(ln) > width else ln for ln in lines)


def _table(items: list[Row], width: int, lang: Lang, g: Glyphs, ascii_only: bool) -> Table:
    wide = width >= WIDE
    cells: dict[str, list[str]] = {
        k: []
        for k in (
            "indicator",
            "target",
            "baseline",
            "latest",
            "progress",
            "bar",
            "status",
            "sources",
        )
    }
    styles: list[str | None] = []
    current = None
    for r in items:
        if r.category_label != current:
            current = r.category_label
            for k in cells:
                cells[k].append(current if k == "indicator" else "")
            styles.append("bold underline")
        cells["indicator"].append(r.name + (" *" if r.nature == "binding" else ""))
        cells["target"].append(r.target)
        cells["baseline"].append(r.baseline)
        flags = t(lang, "sep").join(
            JOIN + flag_label(f, lang) for f in r.flags if f in FIGURE_FLAGS
        )
        cells["latest"].append(r.latest + (f" {flags}" if flags else ""))
        cells["progress"].append(_pct(r.progress))
        cells["bar"].append(progress_bar(r.progress, r.time_elapsed).plain)
        cells["status"].append(verdict_label(r.status, r.flags, lang, ascii_only))
        cells["sources"].append(str(len(r.sources)))
        styles.append(STATUS_STYLE[r.status])
    # Data as inert text (controls escaped) before it is measured and wrapped; a number keeps
    # its unit on its line (`28.4 亿美元`, not `28.4 亿美` / `元`).
    cells = {
        k: [
            glue_units(g(clean(c))) if k in ("target", "baseline", "latest") else g(clean(c))
            for c in v
        ]
        for k, v in cells.items()
    }
    head = {
        k: t(lang, f"head.{k}")
        for k in ("indicator", "target", "baseline", "latest", "progress", "status", "sources")
    }
    cols = [
        Col("indicator", head["indicator"], cells["indicator"], 3),
        Col("target", head["target"], cells["target"], 2),
        Col("baseline", head["baseline"], cells["baseline"], 1),
        Col("latest", head["latest"], cells["latest"], 2),
        Col("bar", head["progress"], cells["bar"], fixed=True),
        Col("progress", head["progress"], cells["progress"], fixed=True),
        Col("status", head["status"], cells["status"], fixed=True),
        Col("sources", head["sources"], cells["sources"], fixed=True),
    ]
    cols = [c for c in cols if c.key != ("progress" if wide else "bar")]
    if not wide:  # names and targets need the room more than these
        cols = [
            c
            for c in cols
            if c.key not in (("sources", "baseline") if width < 80 else ("sources",))
        ]
    return fitted_table(
        cols,
        width,
        ("sources", "baseline", "bar", "progress", "latest", "target"),
        ascii_only,
        styles,
        right=("progress", "sources"),
        dim_empty=g("·"),
    )


def fitted_table(
    cols: list[Col],
    width: int,
    drop: tuple[str, ...],
    ascii_only: bool,
    styles: list[str | None] | None = None,
    right: tuple[str, ...] = (),
    dim_empty: str = "",
) -> Table:
    """A Rich table of `cols` fitted to `width` (render/layout.py): columns in `drop` go in
    that order until the rest fit, and every cell is wrapped between tokens. `styles` per
    row: "bold underline" for a group heading (first column only), else the status style."""
    wide = width >= WIDE
    # Per column: a separator and a space each side; the outer edges differ by box.
    kept, widths = fit(cols, width + (1 if wide else 3), 3, drop)
    table = Table(box=_box(wide, ascii_only), show_edge=wide, pad_edge=False, expand=False)
    for c, w in zip(kept, widths, strict=True):
        table.add_column(
            wrap(c.header, w),
            width=w,
            no_wrap=True,
            overflow="crop",
            justify="right" if c.key in right else "left",
        )
    rows_n = len(cols[0].cells) if cols else 0
    for i in range(rows_n):
        style = styles[i] if styles else None
        row = []
        for j, (c, w) in enumerate(zip(kept, widths, strict=True)):
            text = wrap(c.cells[i], w).replace(GLUE, " ").replace(JOIN, "")
            if style == "bold underline":
                row.append(Text(text, style=style if j == 0 else ""))
            elif c.key == "status":
                row.append(Text(text, style=style or ""))
            elif dim_empty and c.key == "bar" and c.cells[i].startswith(dim_empty):
                row.append(Text(text, style="dim"))
            else:
                row.append(Text(text))
        table.add_row(*row)
    return table
