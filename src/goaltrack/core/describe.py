"""Targets in human form: `≥ 6%/yr`, `≤ 4.5% every year`, `Σ ≥ 40 万人 2021–25`, `≥ 2× 2020`.

The English phrases are here because every evaluation carries its target in English; other
languages pass their own phrase table (render/labels.py holds the Chinese one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .models import Indicator, Plan, Target

OP_SYMBOL = {
    "at_least": "≥",
    "more_than": ">",
    "at_most": "≤",
    "less_than": "<",
    "about": "≈",
    "equal": "=",
    "between": "",
}

# Templates: {v} value, {u} unit (with its leading space), {sym} operator symbol, {y} year,
# {first}/{yy} first year / last two digits of the end year, {base} baseline year.
TARGET_PHRASES_EN: Mapping[str, str] = {
    "between": "{low}–{high}{u}",
    "about": "about {v}{u}",
    "bound": "{sym} {v}{u}",
    "every_year": "{body} every year",
    "by_year": "{body} by {y}",
    "growth": "{sym} {v}%/yr",
    "growth_about": "about {v}%/yr",
    "cumulative": "Σ {sym} {v}{u} {first}–{yy}",
    "cumulative_about": "Σ ≈ {v}{u} {first}–{yy}",
    "compound_down": "−{v}% over {start}–{yy}",
    "compound_up": "+{v}% over period",
    "multiple": "≥ {v}× {base}",
    "change_up": "+{v}{u} vs {base}",
    "change_down": "−{v}{u} vs {base}",
    "relative_faster": "growth faster than {ref}",
    "relative_in_step": "growth in step with {ref}",
    "relative_not_faster": "growth not faster than {ref}",
    "milestone": "◇ {desc}",
    # a milestone without `description_en`: the plan's own words, said to be Chinese
    "milestone_source": "◇ {desc} (in Chinese)",
}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fmt_num(v: float) -> str:
    """Short, exact-looking numbers: 6, 4.5, 10000, 0.35."""
    if abs(v) < 1e15 and v == int(v):  # inf and nan have no int
        return str(int(v))
    return f"{v:.6g}"


def unit_suffix(u: str) -> str:
    """A unit after a number: `6%`, `4.5‰`, `200 万人`."""
    return u if u in ("%", "‰") else f" {u}"


def describe_target(
    t: Target,
    ind: Indicator,
    plan: Plan,
    phrases: Mapping[str, str] = TARGET_PHRASES_EN,
    ref_name: str | None = None,
) -> str:
    """The target in words; `ref_name` names a relative target's other indicator (its id
    when not given)."""
    op = t.judged_operator
    sym = OP_SYMBOL[op]
    unit = t.unit or ind.unit
    year = t.year or plan.end
    base = ind.baseline.year if ind.baseline else plan.baseline_year
    first = t.first_year(plan)
    v = t.value or 0
    f = {
        "v": fmt_num(v),
        "u": unit_suffix(unit),
        "sym": sym,
        "y": str(year),
        "base": str(base),
        "first": str(first),
        "start": str(plan.start),
        "yy": str(year)[-2:],
        "low": fmt_num(t.low or 0),
        "high": fmt_num(t.high or 0),
        "ref": ref_name or t.reference or "",
        "desc": t.description or "",
    }

    def by_year(body: str) -> str:
        return phrases["by_year"].format(body=body, y=year) if year != plan.end else body

    if t.kind in ("level", "hold"):
        body = phrases[op if op in ("between", "about") else "bound"].format(**f)
        if t.kind == "hold":
            body = phrases["every_year"].format(body=body)
        return by_year(body)
    if t.kind == "growth":
        return by_year(phrases["growth_about" if op == "about" else "growth"].format(**f))
    if t.kind == "cumulative":
        return phrases["cumulative_about" if op == "about" else "cumulative"].format(**f)
    if t.kind == "compound_change":
        if v < 0:
            return phrases["compound_down"].format(**{**f, "v": fmt_num(-v)})
        return phrases["compound_up"].format(**f)
    if t.kind == "multiple":
        return by_year(phrases["multiple"].format(**f))
    if t.kind == "change":
        change = "change_up" if v >= 0 else "change_down"
        return by_year(phrases[change].format(**{**f, "v": fmt_num(abs(v))}))
    if t.kind == "relative":
        return phrases[f"relative_{t.relation or 'in_step'}"].format(**f)
    # A phrase table with "milestone_source" is not Chinese: it shows `description_en`, or
    # the Chinese description marked as such.
    if "milestone_source" in phrases:
        if t.description_en:
            return by_year(phrases["milestone"].format(**{**f, "desc": t.description_en}))
        if _CJK.search(f["desc"]):
            return by_year(phrases["milestone_source"].format(**f))
    return by_year(phrases["milestone"].format(**f))
