"""Display-ready rows of the succession view (plan_compare), shared by its renderers."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.dataset import Dataset
from ..core.describe import fmt_num
from ..core.vocab import Lang, Status
from ..evaluate import Evaluation
from ..evaluate.plan_compare import ComparedTarget
from ..evaluate.succession import Ask
from .labels import indicator_name, t, verdict_label
from .rows import latest_figure, target_text

AMBITIONS = ("tighter", "looser", "unchanged", "changed", "new", "dropped")


@dataclass(frozen=True, slots=True)
class CompareRow:
    name: str
    category: str
    before_indicator: str | None
    after_indicator: str | None
    before_target: str  # "—" when there is none
    outcome: str  # the predecessor's latest figure, as the report shows it
    outcome_value: float | None
    outcome_unit: str
    outcome_period: str
    status: Status | None  # the predecessor's verdict
    final: bool
    flags: tuple[str, ...]
    verdict: str  # "" when there is no predecessor
    after_target: str
    ambition: str  # one of AMBITIONS
    ask_group: str | None  # growth, compound, cumulative, level, hold
    ask_unit: str  # the unit both asks are in, e.g. "%/yr", "GW/yr" (in every --lang)
    before_ask: float | None
    after_ask: float | None
    change: str  # "60 → 320 GW/yr" (in --lang), or "" when not comparable


def ask_unit(group: str | None, unit: str, lang: Lang) -> str:
    """The unit of an ask: a yearly pace, or the bound itself for `hold`."""
    if group in ("growth", "compound"):
        return t(lang, "cmp.pct_year")
    if group in ("cumulative", "level"):
        return t(lang, "cmp.per_year", u=unit)
    return unit


def _value(a: Ask | None) -> float | None:
    return None if a is None or a.value is None else round(a.value, 4)


def _change(b: float | None, a: float | None, unit: str) -> str:
    if b is None or a is None:
        return ""
    sep = "" if unit.startswith("%") else " "
    return f"{fmt_num(round(b, 2))} → {fmt_num(round(a, 2))}{sep}{unit}"


def compare_rows(ds: Dataset, compared: list[ComparedTarget], lang: Lang) -> list[CompareRow]:
    out: list[CompareRow] = []
    for c in compared:
        main: Evaluation = c.after or c.before  # type: ignore[assignment]  # never both None
        ind = ds.indicators[main.indicator]
        b, a = c.before, c.after
        either = c.after_ask or c.before_ask
        group = either.group if either is not None else None
        unit = ask_unit(group, c.unit, lang)  # in words; the data's is always en
        bv, av = _value(c.before_ask), _value(c.after_ask)
        latest = latest_figure(b, ds.indicators[b.indicator].unit, lang) if b else None
        comparable = c.ambition in ("tighter", "looser", "unchanged")
        out.append(
            CompareRow(
                name=indicator_name(ind, lang),
                category=ind.category,
                before_indicator=b.indicator if b else None,
                after_indicator=a.indicator if a else None,
                before_target=target_text(ds, b, lang) if b else "—",
                outcome=latest.cell() if latest else "—",
                outcome_value=latest.value if latest else None,
                outcome_unit=latest.unit if latest else "",
                outcome_period=latest.period if latest else "",
                status=b.status if b else None,
                final=b.final if b else False,
                flags=tuple(b.flags) if b else (),
                verdict=verdict_label(b.status, b.flags, lang) if b else "",
                after_target=target_text(ds, a, lang) if a else "—",
                ambition=c.ambition,
                ask_group=group,
                ask_unit=ask_unit(group, c.unit, "en"),
                before_ask=bv,
                after_ask=av,
                change=_change(bv, av, unit) if comparable else "",
            )
        )
    return out


def ambition_text(r: CompareRow, lang: Lang) -> str:
    """The change in ambition in words, with the numbers where they compare."""
    word = t(lang, f"cmp.{r.ambition}")
    return f"{word} ({r.change})" if r.change else word
