"""How much of a target's time has passed: one notion for every kind (docs/method.md).

Elapsed time is calendar time: the years of the target's span that have ended by the as-of
date, whether or not figures for them are in. A year without a figure is a gap (the verdict is
then provisional), never a year that did not pass. What is still required is spread over the
years still to come; once the span is over, it is a shortfall, not a yearly rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
    def over(self) -> bool:
        return self.gone >= self.years

    def tau(self, figure_years: float = 0.0) -> float:
        """Elapsed share of the span: calendar time, or the time a later (partial-year)
        figure speaks of, whichever is later. Figures never make time pass more slowly."""
        if self.years <= 0:
            return 1.0
        return min(1.0, max(self.gone, figure_years) / self.years)

    def past(self, through: int) -> list[int]:
        """Years of the span ended by the as-of date or by `through` (a figure's year)."""
        return list(range(self.first, min(self.end, max(self.last_full_year, through)) + 1))


def span(first: int, end: int, as_of: AsOf) -> Span:
    return Span(first, end, as_of.last_full_year)


def figure_years(first: int, year: int, end_month: int = 12) -> float:
    """Years from the start of `first` to the end of month `end_month` of `year`."""
    return year - first + end_month / 12


def figure_due(year: int, as_of: AsOf) -> bool:
    """Whether a figure for `year` is normally out by the as-of date (the grace period)."""
    return as_of.date > dt.date(year + 1, GRACE_MONTHS + 1, 1) - dt.timedelta(days=1)


def gap_clause(years: list[int], as_of: AsOf) -> str:
    """What can be said of years without a figure at the as-of date: still to be published
    ("none yet", within the grace period), or simply not recorded (past it)."""
    due = [y for y in years if figure_due(y, as_of)]
    pending = [y for y in years if not figure_due(y, as_of)]
    out = []
    if len(due) == 1:
        out.append(f"no {due[0]} figure recorded")
    elif due:
        out.append("no figure recorded for " + ", ".join(map(str, due)))
    if pending:
        out.append("none yet for " + ", ".join(map(str, pending)))
    return "; ".join(out)
