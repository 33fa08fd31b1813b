"""Targets in human form: `≥ 6%/yr`, `≤ 4.5% every year`, `Σ ≥ 40 万人 2021–25`, `≥ 2× 2020`."""

from __future__ import annotations

from .models import Indicator, Plan, Target

OP_SYMBOL = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<",
             "about": "≈", "equal": "=", "between": ""}


def fmt_num(v: float) -> str:
    """Short, exact-looking numbers: 6, 4.5, 10000, 0.35."""
    if abs(v) < 1e15 and v == int(v):  # inf and nan have no int
        return str(int(v))
    return f"{v:.6g}"


def _unit(u: str) -> str:
    return u if u in ("%", "‰") else f" {u}"


def describe_target(t: Target, ind: Indicator, plan: Plan) -> str:
    op = t.operator or ("at_most" if t.kind == "hold" else "at_least")
    sym = OP_SYMBOL[op]
    unit = t.unit or ind.unit
    year = t.year or plan.end
    tail = f" by {year}" if year != plan.end else ""
    if t.kind in ("level", "hold"):
        if op == "between":
            body = f"{fmt_num(t.low or 0)}–{fmt_num(t.high or 0)}{_unit(unit)}"
        elif op == "about":
            body = f"about {fmt_num(t.value or 0)}{_unit(unit)}"
        else:
            body = f"{sym} {fmt_num(t.value or 0)}{_unit(unit)}"
        return body + (" every year" if t.kind == "hold" else "") + tail
    if t.kind == "growth":
        prefix = "about " if op == "about" else f"{sym} "
        return f"{prefix}{fmt_num(t.value or 0)}%/yr" + tail
    if t.kind == "cumulative":
        first = (t.start_year + 1) if t.start_year else plan.start
        prefix = "≈" if op == "about" else sym
        return f"Σ {prefix} {fmt_num(t.value or 0)}{_unit(unit)} {first}–{str(year)[-2:]}"
    if t.kind == "compound_change":
        return f"{fmt_num(t.value or 0):s}% over {plan.start}–{str(year)[-2:]}".replace(
            "-", "−", 1) if (t.value or 0) < 0 else f"+{fmt_num(t.value or 0)}% over period"
    if t.kind == "multiple":
        base = ind.baseline.year if ind.baseline else plan.baseline_year
        return f"≥ {fmt_num(t.value or 0)}× {base}" + tail
    if t.kind == "change":
        base = ind.baseline.year if ind.baseline else plan.baseline_year
        v = t.value or 0
        return f"{'+' if v >= 0 else '−'}{fmt_num(abs(v))}{_unit(unit)} vs {base}" + tail
    if t.kind == "relative":
        rel = {"faster": "faster than", "in_step": "in step with",
               "not_faster": "not faster than"}[t.relation or "in_step"]
        return f"growth {rel} {t.reference}"
    return f"◇ {t.description}" + tail
