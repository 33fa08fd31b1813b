"""GitHub-flavoured Markdown: a summary and one table per category."""

from __future__ import annotations

from ..sanitize import markdown as md_escape
from ..summary import Report
from .labels import HEAD, STATUS_SYMBOL, STATUS_WORD, plan_name, verdict_label
from .rows import by_category


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def render_markdown(report: Report, lang: str = "en") -> str:
    h = HEAD[lang]
    ds = report.dataset
    out = []
    counts = report.counts()
    out.append(f"# goaltrack report ({h['as_of']} {report.options.as_of.date.isoformat()})")
    out.append("")
    out.append(" · ".join(f"{STATUS_SYMBOL[s]} {STATUS_WORD[lang][s]}: {n}"
                          for s, n in counts.items() if n) or "—")
    current_plan = None
    for plan_id, cat, rws in by_category(report, lang):
        if plan_id != current_plan:
            current_plan = plan_id
            plan = ds.plans[plan_id]
            out += ["", f"## {md_escape(plan_name(ds, plan_id, lang))}", "",
                    f"{h['period']} {plan.start}–{plan.end}"]
        out += ["", f"### {md_escape(cat)}", ""]
        out.append(f"| {h['indicator']} | {h['target']} | {h['baseline']} | {h['latest']} | "
                   f"{h['progress']} | {h['status']} |")
        out.append("|---|---|---|---|---:|---|")
        for r in rws:
            name = md_escape(r.name) + (" \\*" if r.nature == "binding" else "")
            latest = md_escape(r.latest) + (f" _{md_escape(r.flag_words)}_" if r.flag_words
                                            else "")
            out.append(f"| {name} | {md_escape(r.target)} | {md_escape(r.baseline)} | {latest} "
                       f"| {_pct(r.progress)} | {verdict_label(r.status, r.flags, lang)} |")
    out += ["", "\\* " + ("binding (约束性)" if lang == "en" else "约束性指标"), ""]
    return "\n".join(out)
