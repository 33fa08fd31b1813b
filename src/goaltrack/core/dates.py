"""Publication dates that may be partial: a year ("2024"), a year and month ("2024-03") or a
day ("2024-03-20"), and the as-of date of an evaluation.

A partial date stands for every day it can mean, from `earliest` to `latest`. A figure from a
source dated so is known for certain only from `latest` on: that is the day it is counted
from (docs/format.md, "Dates"); it cannot be known before `earliest`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FORM_HINT = 'a date is a TOML date (2021-03-16) or a string "2024" / "2024-12"'


class DateFormError(ValueError):
    """Not written as YYYY, YYYY-MM or YYYY-MM-DD."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day; `text` as written (ISO, trimmed)."""

    text: str
    year: int
    month: int | None
    day: int | None
    earliest: dt.date  # the first day it can mean
    latest: dt.date  # the last day it can mean: a figure dated so counts from then

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """DateFormError when not of one of the three forms; a ValueError saying why for an
        impossible date ("2024-02-30")."""
        t = text.strip()
        m = FORM.match(t)
        if m is None:
            raise DateFormError(FORM_HINT)
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        earliest = dt.date(year, month or 1, day or 1)
        if day is not None:
            latest = earliest
        elif month is None or month == 12:
            latest = dt.date(year, 12, 31)  # also keeps "9999-12" inside the calendar
        else:
            latest = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        return cls(t, year, month, day, earliest, latest)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.isoformat(), day.year, day.month, day.day, day, day)

    @property
    def counted_from(self) -> dt.date:
        """The day from which a figure dated so is certainly known."""
        return self.latest

    def known_by(self, when: dt.date) -> bool:
        """Certainly on or before `when`."""
        return self.latest <= when

    def after(self, when: dt.date) -> bool:
        """Certainly after `when`."""
        return self.earliest > when


@lru_cache(maxsize=4096)
def published_date(published: str | None) -> PartialDate | None:
    """A source's `published` (validated by the model), None when it has none."""
    return PartialDate.parse(published) if published else None


def latest_day(published: str | None) -> dt.date | None:
    """The last day `published` can mean (when a figure from it is counted from)."""
    d = published_date(published)
    return d.latest if d is not None else None


def earliest_day(published: str | None) -> dt.date | None:
    """The first day `published` can mean."""
    d = published_date(published)
    return d.earliest if d is not None else None


def as_of_date(text: str) -> dt.date:
    """An as-of date as given: a year means its last day, else a day in ISO form; a
    ValueError otherwise."""
    t = text.strip()
    if t.isdigit() and len(t) == 4:
        return PartialDate.parse(t).latest
    return dt.date.fromisoformat(t)
