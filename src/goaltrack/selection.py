"""Which reported figures an evaluation may use: as-of cut-off, vintages, partial periods.

Rules (docs/method.md): figures for periods after the as-of date, or from sources published
after it, are ignored; among several sources for the same period the latest publication
wins (a revision) unless `vintage="first"`; a partial-period figure is used only when no
full-year figure exists (flagged provisional); proxies and figures for another scope are
context, never inputs to a verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .checks import actual_value_in, pub_date_latest
from .dataset import Dataset
from .models import Actual, Indicator
from .periods import Period, parse_period


@dataclass(frozen=True, slots=True)
class Point:
    """One usable figure, in the indicator's unit (growth in %)."""

    year: int
    value: float | None
    period: str
    measure: str
    source: str
    status: str
    partial: bool
    state: str | None = None
    start_year: int | None = None
    quote: str | None = None

    def flags(self) -> list[str]:
        out = []
        if self.partial:
            out.append("provisional")
        if self.status in ("estimate", "preliminary"):
            out.append(self.status)
        return out


@dataclass(slots=True)
class Selection:
    """Figures per measure, one per year, plus what was set aside and why."""

    by_measure: dict[str, dict[int, Point]] = field(default_factory=dict)
    context: list[tuple[Point, str]] = field(default_factory=list)
    superseded: list[tuple[Point, str]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def series(self, measure: str) -> dict[int, Point]:
        return self.by_measure.get(measure, {})


@dataclass(frozen=True, slots=True)
class AsOf:
    """The evaluation date; `year_only` when given as a year (end of that year)."""

    date: dt.date

    @classmethod
    def parse(cls, text: str | None, today: dt.date | None = None) -> AsOf:
        if text is None:
            return cls(today or dt.date.today())
        t = text.strip()
        if t.isdigit() and len(t) == 4:
            return cls(dt.date(int(t), 12, 31))
        return cls(dt.date.fromisoformat(t))

    @property
    def year(self) -> int:
        return self.date.year


def _period_end(p: Period) -> dt.date:
    nxt = dt.date(p.end_year + p.end_month // 12, p.end_month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _published_key(ds: Dataset, a: Actual) -> tuple[dt.date, int]:
    src = ds.sources.get(a.source or "")
    d = pub_date_latest(src.published if src else None) or dt.date.min
    return (d, 0)


def _why_not_used(ds: Dataset, ind: Indicator, other: Actual, pick: Actual,
                  vintage: str) -> str:
    """Why `other` gave way to `pick` for the same period: only a figure marked `revises`, or
    a later one that differs, revises; a republication or an agreeing report does not."""
    so, sp = ds.sources.get(other.source or ""), ds.sources.get(pick.source or "")
    if (so is not None and so.same_text_as == pick.source) or \
            (sp is not None and sp.same_text_as == other.source):
        return f"same text as {pick.source}"
    same = (other.state == pick.state if other.measure == "milestone" else
            actual_value_in(other, ind.unit) == actual_value_in(pick, ind.unit))
    if same:
        return f"agrees with {pick.source}"
    if vintage != "latest":
        return f"kept first: {pick.source}"
    if pick.revises == other.source:
        return f"revised by {pick.source}"
    return f"superseded by {pick.source}, published later"


def select(ds: Dataset, ind: Indicator, actuals: list[Actual], as_of: AsOf,
           vintage: str = "latest") -> Selection:
    sel = Selection()
    candidates: dict[tuple[str, str], list[Actual]] = {}
    for a in actuals:
        p = parse_period(a.period)
        if _period_end(p) > as_of.date:
            continue
        src = ds.sources.get(a.source or "")
        pub = pub_date_latest(src.published if src else None)
        if pub is not None and pub > as_of.date:
            continue
        value = actual_value_in(a, ind.unit) if a.measure != "milestone" else None
        pt = Point(p.year, value, a.period, a.measure, a.source or "", a.status, p.partial,
                   a.state, p.start_year if p.multi_year else None, a.quote)
        if a.comparability == "proxy":
            sel.context.append((pt, "proxy: " + (a.notes or "a related measure")))
            continue
        if a.scope is not None and a.scope != ind.scope:
            sel.context.append((pt, f"scope {a.scope} differs from {ind.scope}"))
            continue
        candidates.setdefault((a.measure, a.period), []).append(a)
    chosen: dict[str, dict[int, list[Point]]] = {}
    for (measure, _period), group in candidates.items():
        group = sorted(group, key=lambda a: (_published_key(ds, a), a.revises is not None))
        pick = group[-1] if vintage == "latest" else group[0]
        for other in group:
            if other is not pick:
                p = parse_period(other.period)
                sel.superseded.append((Point(p.year, actual_value_in(other, ind.unit),
                                             other.period, measure, other.source or "",
                                             other.status, p.partial, other.state),
                                       _why_not_used(ds, ind, other, pick, vintage)))
        p = parse_period(pick.period)
        pt = Point(p.year, actual_value_in(pick, ind.unit) if measure != "milestone" else None,
                   pick.period, measure, pick.source or "", pick.status, p.partial, pick.state,
                   p.start_year if p.multi_year else None, pick.quote)
        chosen.setdefault(measure, {}).setdefault(p.year, []).append(pt)
        sel.sources.add(pick.source or "")
    for measure, years in chosen.items():
        out: dict[int, Point] = {}
        for year, pts in years.items():
            full = [q for q in pts if not q.partial]
            if full:
                out[year] = full[-1]
                for q in pts:
                    if q.partial:
                        sel.superseded.append((q, "a full-year figure exists"))
            else:
                # The longest partial period is the most informative one.
                out[year] = max(pts, key=lambda q: parse_period(q.period).end_month)
        sel.by_measure[measure] = dict(sorted(out.items()))
    return sel
