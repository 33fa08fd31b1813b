"""GitHub-flavoured Markdown: the summary per plan, then one table per category."""

from __future__ import annotations

from ..core.sanitize import markdown as md_escape
from ..core.vocab import Lang, Status
from ..evaluate.summary import JUDGED, Report, Totals
from .labels import plan_name, provisional_lines, status_label, t, verdict_label
from .rows import any_binding, by_category, has_data, rows


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def render_markdown(report: Report, lang: Lang = "en", compact: bool = False) -> str:
    ds = report.dataset
    out = [f"# {t(lang, 'title')} ({t(lang, 'as_of')} {report.options.as_of.date.isoformat()})", ""]
    counts = report.counts()
    statuses = [s for s in JUDGED if counts[s]]
    tracked = bool(counts["tracked"])
    heads = [
        *(status_label(s, lang) for s in statuses),
        t(lang, "head.targets"),
        t(lang, "head.provisional"),
        *([status_label("tracked", lang)] if tracked else []),
    ]
    out.append(f"| {t(lang, 'head.plan')} | " + " | ".join(heads) + " |")
    out.append("|---|" + "---:|" * len(heads))

    def cells(c: dict[Status, int], tot: Totals) -> str:
        return " | ".join(
            [
                *(str(c[s]) for s in statuses),
                str(tot.targets),
                str(tot.provisional),
                *([str(tot.tracked)] if tracked else []),
            ]
        )

    for pr in report.plans:
        out.append(
            f"| {md_escape(plan_name(ds, pr.plan_id, lang))} | {cells(pr.counts(), pr.totals())} |"
        )
    if len(report.plans) > 1:
        out.append(f"| **{t(lang, 'head.total')}** | {cells(counts, report.totals())} |")
    if tracked:
        out += ["", t(lang, "tracked_note")]
    lines = provisional_lines(report, lang)
    if lines:
        out += ["", *(md_escape(line) + "  " for line in lines[:-1]), md_escape(lines[-1])]
    items = rows(report, lang)
    shown = [r for r in items if has_data(r)] if compact else items
    current_plan = None
    for plan_id, cat, rws in by_category(shown):
        if plan_id != current_plan:
            current_plan = plan_id
            plan = ds.plans[plan_id]
            out += [
                "",
                f"## {md_escape(plan_name(ds, plan_id, lang))}",
                "",
                f"{t(lang, 'period')} {plan.start}–{plan.end}",
            ]
        out += ["", f"### {md_escape(cat)}", ""]
        out.append(
            "| "
            + " | ".join(
                t(lang, f"head.{k}")
                for k in ("indicator", "target", "baseline", "latest", "progress", "status")
            )
            + " |"
        )
        out.append("|---|---|---|---|---:|---|")
        for r in rws:
            name = md_escape(r.name) + (" \\*" if r.nature == "binding" else "")
            latest = md_escape(r.latest) + (f" _{md_escape(r.flag_words)}_" if r.flag_words else "")
            out.append(
                f"| {name} | {md_escape(r.target)} | {md_escape(r.baseline)} | {latest} "
                f"| {_pct(r.progress)} | {verdict_label(r.status, r.flags, lang)} |"
            )
    if len(shown) < len(items):
        out += ["", t(lang, "hidden_rows", n=len(items) - len(shown))]
    if any_binding(shown):
        out += ["", "\\" + t(lang, "binding_note")]
    out += ["", t(lang, "provisional_note"), ""]
    return "\n".join(out)
