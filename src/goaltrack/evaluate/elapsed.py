"""How much of a target's time has passed: one notion for every kind (docs/method.md).

Elapsed time is the time whose figures can exist: the years of the target's span that have
ended by the as-of date *and* whose figures are normally published by then (a year's bulletin
appears by the end of the following April, `GRACE_MONTHS`), or the time a later figure speaks
of, whichever is later. A year whose figures are due and missing is a gap (the verdict is then
provisional), never a year that did not pass. A level figure is judged at its own year
(`Span.tau_at`). What is still required is spread over the years after those the figures can
cover; once the span is over, it is a shortfall, not a yearly rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .messages import M, Reason, msg
from .selection import AsOf

# A year's figures are normally out by the end of the following April (statistical bulletins,
# 统计公报, appear in March and April): until then a missing figure is "not yet published";
# after it the tool can only say that none is recorded, not that none exists.
GRACE_MONTHS = 4


@dataclass(frozen=True, slots=True)
class Span:
    """The years `first`..`end` (inclusive) a target covers, seen at an as-of date."""

    first: int
    end: int
    last_full_year: int  # the last calendar year ended by the as-of date
    published_year: int  # the last year whose figures are normally out by the as-of date

    @property
    def years(self) -> int:
        return max(0, self.end - self.first + 1)

    @property
    def gone(self) -> int:
        """Years of the span ended by the as-of date."""
        return min(self.years, max(0, self.last_full_year - self.first + 1))

    @property
    def left(self) -> int:
        """Years still to come."""
        return self.years - self.gone

    @property
    def published(self) -> int:
        """Years of the span whose figures are normally out by the as-of date."""
        return min(self.years, max(0, self.published_year - self.first + 1))

    def to_come(self, through: int) -> int:
        """Years after those the figures can speak of (the published years, or the figures
        to `through`): what is still required is spread over them; 0 once the span is over."""
        if self.over:
            return 0
        return max(0, self.years - max(self.published, through - self.first + 1))

    @property
    def over(self) -> bool:
        return self.gone >= self.years

    def tau(self, figure_years: float = 0.0) -> float:
        """Elapsed share of the span: the years whose figures are published by the as-of
        date, or the time a later (partial-year) figure speaks of, whichever is later. A year
        cannot be behind before its figure can exist; figures never make time pass more
        slowly."""
        if self.years <= 0:
            return 1.0
        return min(1.0, max(self.published, figure_years) / self.years)

    def tau_at(self, figure_years: float) -> float:
        """The share of the span a level figure speaks of: a level says where the indicator
        stood when it was measured, so it is judged at its own time, (y − b)/(t − b)."""
        if self.years <= 0:
            return 1.0
        return max(0.0, min(1.0, figure_years / self.years))

    @property
    def calendar(self) -> float:
        """The share of the span ended by the as-of date, figures or not."""
        return self.gone / self.years if self.years > 0 else 1.0

    def past(self, through: int) -> list[int]:
        """Years of the span ended by the as-of date or by `through` (a figure's year)."""
        return list(range(self.first, min(self.end, max(self.last_full_year, through)) + 1))


def span(first: int, end: int, as_of: AsOf) -> Span:
    return Span(first, end, as_of.last_full_year, published_through(as_of))


def published_through(as_of: AsOf) -> int:
    """The last year whose figures are normally out by the as-of date (`figure_due`)."""
    y = as_of.date.year
    return y - 1 if as_of.date >= dt.date(y, GRACE_MONTHS + 1, 1) else y - 2


def figure_years(first: int, year: int, end_month: int = 12) -> float:
    """Years from the start of `first` to the end of month `end_month` of `year`."""
    return year - first + end_month / 12


def figure_due(year: int, as_of: AsOf) -> bool:
    """Whether a figure for `year` is normally out by the as-of date (the grace period)."""
    return as_of.date > dt.date(year + 1, GRACE_MONTHS + 1, 1) - dt.timedelta(days=1)


def gap_clause(years: list[int], as_of: AsOf) -> Reason:
    """What can be said of years without a figure at the as-of date: still to be published
    ("none yet", within the grace period), or simply not recorded (past it)."""
    due = [y for y in years if figure_due(y, as_of)]
    pending = [y for y in years if not figure_due(y, as_of)]
    out = []
    if len(due) == 1:
        out.append(msg(M.NO_FIGURE_RECORDED, y=due[0]))
    elif due:
        out.append(msg(M.NO_FIGURES_RECORDED, years=tuple(due)))
    if pending:
        out.append(msg(M.NONE_YET, years=tuple(pending)))
    return tuple(out)
