"""Which reported figures an evaluation may use: as-of cut-off, vintages, partial periods.

Rules (docs/method.md): figures for periods after the as-of date, or from sources published
after it, are set aside (listed as not used, with the reason); a source dated only by year or
month counts from the end of that year or month for an explicit as-of date, from its start for
today; among several sources for the same period (one canonical period key, whatever its
spelling) the latest publication wins (a revision) unless `vintage="first"`, and a figure
that `revises` other sources counts as later than each of them; among figures that agree,
the official release (`Source.is_official`) is the one used; a partial-period figure is
used only when no full-year figure exists (flagged provisional), and a part-year level of a
yearly flow (GDP for January–September) never, since it is not comparable with a full-year
level; proxies and figures for
another scope are context, never inputs to a verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from ..core.dataset import Dataset
from ..core.dates import as_of_date, earliest_day, latest_day
from ..core.models import Actual, Indicator
from ..core.normalise import actual_value
from ..core.periods import Period, parse_period
from ..core.units import UnitError, parse_unit
from .messages import M, Msg, msg

# Money is counted over a time (GDP, revenue, investment, trade) unless the name says a
# balance at a date; the one place a yearly flow is told from a stock without `yearly_flow`.
_MONEY_BASES = frozenset({"元", "美元"})
_STOCK_WORDS = ("余额", "存量", "资产", "储备")
PART_YEAR_FLOW = msg(M.PART_YEAR_FLOW)


def _money(ind: Indicator) -> bool:
    try:
        base = parse_unit(ind.unit).base
    except UnitError:
        return False
    return base.split("/")[0] in _MONEY_BASES


def yearly_flow(ind: Indicator, actuals: list[Actual] | None = None) -> bool:
    """Whether the indicator is a total over each year (docs/format.md, `yearly_flow`): as
    written, else a flow if it has flow figures or a cumulative target, or is money that is
    not a balance."""
    if ind.yearly_flow is not None:
        return ind.yearly_flow
    if any(t.kind == "cumulative" for t in ind.targets) or any(
        a.measure == "flow" for a in actuals or ()
    ):
        return True
    return _money(ind) and not any(w in ind.name for w in _STOCK_WORDS)


def current_price(ind: Indicator) -> bool:
    """Whether levels are money at current prices, so that growth derived from them is
    nominal (reported growth of GDP and the like is real)."""
    return _money(ind)


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
    undated: bool = False  # its source has no `published`: known once its period ended

    def flags(self) -> list[str]:
        out = []
        if self.partial:
            out.append("provisional")
        if self.status in ("estimate", "preliminary"):
            out.append(self.status)
        if self.undated:
            out.append("undated_source")
        return out


@dataclass(slots=True)
class Selection:
    """Figures per measure, one per year, plus what was set aside and why."""

    by_measure: dict[str, dict[int, Point]] = field(default_factory=dict)
    context: list[tuple[Point, Msg]] = field(default_factory=list)
    superseded: list[tuple[Point, Msg]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def series(self, measure: str) -> dict[int, Point]:
        return self.by_measure.get(measure, {})


@dataclass(frozen=True, slots=True)
class AsOf:
    """The evaluation date (a year means its end); `explicit` unless it is today's date."""

    date: dt.date
    explicit: bool = True

    @classmethod
    def parse(cls, text: str | None, today: dt.date | None = None) -> AsOf:
        if text is None:
            return cls(today or dt.date.today(), explicit=False)
        return cls(as_of_date(text))

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def last_full_year(self) -> int:
        """The last calendar year that has ended by this date: elapsed time counts to it."""
        return self.year if (self.date.month, self.date.day) == (12, 31) else self.year - 1


def _period_end(p: Period) -> dt.date:
    nxt = dt.date(p.end_year + p.end_month // 12, p.end_month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _published_key(ds: Dataset, a: Actual) -> tuple[dt.date, int]:
    src = ds.sources.get(a.source or "")
    d = latest_day(src.published if src else None) or dt.date.min
    return (d, 0)


def _in_revision_order(ds: Dataset, group: list[Actual]) -> list[Actual]:
    """Oldest first by publication date, except that a figure always comes after the figures
    it says it revises (each of them, when it names several): an undated release that names
    what it revises is not older than it."""
    pending = sorted(group, key=lambda a: (_published_key(ds, a), a.revises is not None))
    in_group = {a.source for a in group}
    out: list[Actual] = []
    placed: set[str | None] = set()
    while pending:
        # the oldest figure whose revised figures are all placed (the oldest one: a cycle)
        i = next(
            (
                i
                for i, a in enumerate(pending)
                if all(r not in in_group or r in placed for r in a.revised)
            ),
            0,
        )
        a = pending.pop(i)
        out.append(a)
        placed.add(a.source)
    return out


def _why_not_used(
    ds: Dataset, ind: Indicator, other: Actual, pick: Actual, vintage: str, revisers: dict[str, str]
) -> Msg:
    """Why `other` gave way to `pick` for the same period: only a figure marked `revises`, or
    a later one that differs, revises; a republication or an agreeing report does not."""
    so, sp = ds.sources.get(other.source or ""), ds.sources.get(pick.source or "")
    if (so is not None and so.same_text_as == pick.source) or (
        sp is not None and sp.same_text_as == other.source
    ):
        return msg(M.SAME_TEXT, source=pick.source or "")
    if _agree(ind, other, pick):
        return msg(M.AGREES, source=pick.source or "")
    if vintage != "latest":
        return msg(M.KEPT_FIRST, source=pick.source or "")
    if other.source in pick.revised:
        return msg(M.REVISED_BY, source=pick.source or "")
    reviser = revisers.get(other.source or "")
    if reviser is not None:  # revised by a figure that itself gave way to `pick`
        return msg(M.REVISED_BY, source=reviser)
    return msg(M.SUPERSEDED_LATER, source=pick.source or "")


def _agree(ind: Indicator, a: Actual, b: Actual) -> bool:
    return (
        a.state == b.state
        if a.measure == "milestone"
        else actual_value(a, ind.unit) == actual_value(b, ind.unit)
    )


def _official(ds: Dataset, a: Actual) -> bool:
    src = ds.sources.get(a.source or "")
    return src is not None and src.is_official


def _official_if_agreeing(ds: Dataset, ind: Indicator, group: list[Actual], pick: Actual) -> Actual:
    """The statistics bureau's or agency's release among the figures that agree with `pick`
    (the latest such one), else `pick`: a news item repeating a bulletin's figure is the
    second-hand copy, whichever was published later."""
    if _official(ds, pick):
        return pick
    agreeing = [a for a in group if a is not pick and _official(ds, a) and _agree(ind, a, pick)]
    return agreeing[-1] if agreeing else pick


@lru_cache(maxsize=1024)  # sources repeat their dates across a dataset's figures
def _unpublished(published: str | None, as_of: AsOf) -> Msg | None:
    """Why a figure from a source published `published` is not known at `as_of`, or None."""
    latest = latest_day(published)
    if latest is None or latest <= as_of.date:
        return None
    earliest = earliest_day(published)
    assert earliest is not None
    if earliest > as_of.date:
        return msg(M.PUBLISHED_AFTER, p=published or "", d=as_of.date.isoformat())
    if not as_of.explicit:  # today: every recorded source published up to today counts
        return None
    return msg(
        M.PUBLISHED_UNCERTAIN, p=published or "", c=latest.isoformat(), d=as_of.date.isoformat()
    )


@lru_cache(maxsize=64)  # one as-of date, a few publication dates: the same message each time
def _period_ends_after(date: dt.date) -> Msg:
    return msg(M.PERIOD_ENDS_AFTER, d=date.isoformat())


@lru_cache(maxsize=256)
def _not_yet_known(why: Msg) -> Msg:
    return msg(M.NOT_YET_KNOWN, why=why)


def select(
    ds: Dataset, ind: Indicator, actuals: list[Actual], as_of: AsOf, vintage: str = "latest"
) -> Selection:
    sel = Selection()
    candidates: dict[tuple[str, str], list[Actual]] = {}
    for a in actuals:
        p = parse_period(a.period)
        src = ds.sources.get(a.source or "")
        published = src.published if src else None
        late = (
            _period_ends_after(as_of.date)
            if _period_end(p) > as_of.date
            else _unpublished(published, as_of)
        )
        if (
            late is not None
            or a.comparability == "proxy"
            or (a.scope is not None and a.scope != ind.scope)
        ):
            pt = Point(
                p.year,
                actual_value(a, ind.unit),
                a.period,
                a.measure,
                a.source or "",
                a.status,
                p.partial,
                a.state,
                p.start_year if p.multi_year else None,
                a.quote,
                published is None,
            )
            if late is not None:
                sel.superseded.append((pt, _not_yet_known(late)))
            elif a.comparability == "proxy":
                sel.context.append(
                    (pt, msg(M.PROXY, notes=a.notes) if a.notes else msg(M.PROXY_RELATED))
                )
            else:
                sel.context.append((pt, msg(M.SCOPE_DIFFERS, scope=a.scope or "", other=ind.scope)))
            continue
        candidates.setdefault((a.measure, p.key), []).append(a)
    chosen: dict[str, dict[int, list[Point]]] = {}
    for (measure, _key), group in candidates.items():
        group = _in_revision_order(ds, group)
        pick = _official_if_agreeing(ds, ind, group, group[-1] if vintage == "latest" else group[0])
        revisers = {r: a.source or "" for a in group for r in a.revised}
        for other in group:
            if other is not pick:
                p = parse_period(other.period)
                sel.superseded.append(
                    (
                        Point(
                            p.year,
                            actual_value(other, ind.unit),
                            other.period,
                            measure,
                            other.source or "",
                            other.status,
                            p.partial,
                            other.state,
                        ),
                        _why_not_used(ds, ind, other, pick, vintage, revisers),
                    )
                )
        p = parse_period(pick.period)
        src = ds.sources.get(pick.source or "")
        pt = Point(
            p.year,
            actual_value(pick, ind.unit),
            pick.period,
            measure,
            pick.source or "",
            pick.status,
            p.partial,
            pick.state,
            p.start_year if p.multi_year else None,
            pick.quote,
            src is None or src.published is None,
        )
        chosen.setdefault(measure, {}).setdefault(p.year, []).append(pt)
        sel.sources.add(pick.source or "")
    flow = yearly_flow(ind, actuals)
    for measure, years in chosen.items():
        out: dict[int, Point] = {}
        for year, pts in years.items():
            full = [q for q in pts if not q.partial]
            if full:
                out[year] = full[-1]
                for q in pts:
                    if q.partial:
                        sel.superseded.append((q, msg(M.FULL_YEAR_EXISTS)))
            elif flow and measure == "level":
                # Nine months of GDP are not a year-end level: never set against one.
                sel.superseded.extend((q, PART_YEAR_FLOW) for q in pts)
            else:
                # The longest partial period is the most informative one.
                out[year] = max(pts, key=lambda q: parse_period(q.period).end_month)
        sel.by_measure[measure] = dict(sorted(out.items()))
    return sel
