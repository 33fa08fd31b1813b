"""GitHub-flavoured Markdown: the summary per plan, then one table per category."""

from __future__ import annotations

from ..sanitize import markdown as md_escape
from ..summary import JUDGED, Report
from .labels import plan_name, provisional_summary, status_label, t, verdict_label
from .rows import by_category, has_data, rows


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def render_markdown(report: Report, lang: str = "en", compact: bool = False) -> str:
    ds = report.dataset
    out = [f"# {t(lang, 'title')} ({t(lang, 'as_of')} {report.options.as_of.date.isoformat()})",
           ""]
    counts = report.counts()
    statuses = [s for s in (*JUDGED, "tracked") if counts[s]]
    out.append(f"| {t(lang, 'head.plan')} | " + " | ".join(
        status_label(s, lang) for s in statuses) + f" | {t(lang, 'head.total')} |")
    out.append("|---|" + "---:|" * (len(statuses) + 1))
    for pr in report.plans:
        c = pr.counts()
        out.append(f"| {md_escape(plan_name(ds, pr.plan_id, lang))} | "
                   + " | ".join(str(c[s]) for s in statuses) + f" | {sum(c.values())} |")
    if len(report.plans) > 1:
        out.append(f"| **{t(lang, 'head.total')}** | "
                   + " | ".join(str(counts[s]) for s in statuses)
                   + f" | {sum(counts.values())} |")
    if provisional := provisional_summary(report.provisional_counts(), lang):
        out += ["", provisional]
    items = rows(report, lang)
    shown = [r for r in items if has_data(r)] if compact else items
    current_plan = None
    for plan_id, cat, rws in by_category(shown):
        if plan_id != current_plan:
            current_plan = plan_id
            plan = ds.plans[plan_id]
            out += ["", f"## {md_escape(plan_name(ds, plan_id, lang))}", "",
                    f"{t(lang, 'period')} {plan.start}–{plan.end}"]
        out += ["", f"### {md_escape(cat)}", ""]
        out.append("| " + " | ".join(t(lang, f"head.{k}") for k in (
            "indicator", "target", "baseline", "latest", "progress", "status")) + " |")
        out.append("|---|---|---|---|---:|---|")
        for r in rws:
            name = md_escape(r.name) + (" \\*" if r.nature == "binding" else "")
            latest = md_escape(r.latest) + (f" _{md_escape(r.flag_words)}_" if r.flag_words
                                            else "")
            out.append(f"| {name} | {md_escape(r.target)} | {md_escape(r.baseline)} | {latest} "
                       f"| {_pct(r.progress)} | {verdict_label(r.status, r.flags, lang)} |")
    if len(shown) < len(items):
        out += ["", t(lang, "hidden_rows", n=len(items) - len(shown))]
    out += ["", "\\" + t(lang, "binding_note"), "", t(lang, "provisional_note"), ""]
    return "\n".join(out)
