"""Reporting periods: a year, part of a year, or a run of years.

Spellings (see docs/format.md):
    "2024"            the calendar year 2024
    "2024-01..10"     January to October 2024 (partial)
    "2024-Q1..Q3"     the first three quarters of 2024 (partial)
    "2024-Q2"         one quarter; "2024-H1" the first half (partial)
    "2021..2024"      the years 2021 to 2024, e.g. a cumulative figure to date

One period may be written several ways ("2023", "2023-Q1..Q4", "2023-01..12"): `Period.key`
is the one canonical spelling, so that the same period is always the same period. Digits are
ASCII only: a full-width or Arabic-Indic "２０２３" is refused rather than read as another key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# re.ASCII: `\d` would otherwise match full-width and Arabic-Indic digits too.
_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_MONTHS = re.compile(r"^(\d{4})-(\d{1,2})\.\.(\d{1,2})$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)
_QUARTERS = re.compile(r"^(\d{4})-Q([1-4])(?:\.\.Q([1-4]))?$", re.ASCII)
_HALF = re.compile(r"^(\d{4})-H([12])$", re.ASCII)
_YEARS = re.compile(r"^(\d{4})\.\.(\d{4})$", re.ASCII)


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_RX = "|".join(MONTH_NAMES)
_PHRASE = re.compile(rf"^(?:({_MONTH_RX})(?:–({_MONTH_RX}))? )?(\d{{4}})$")


def phrase_zh(text: str) -> str | None:
    """A period phrase of `Period.phrase` in Chinese ("January–September 2025" → "2025年1—9月",
    "2025" → "2025年"), or None when `text` is not one."""
    m = _PHRASE.match(text)
    if m is None:
        return None
    if m[1] is None:
        return f"{m[3]}年"
    first = MONTH_NAMES.index(m[1]) + 1
    if m[2] is None:
        return f"{m[3]}年{first}月"
    return f"{m[3]}年{first}—{MONTH_NAMES.index(m[2]) + 1}月"


class PeriodError(ValueError):
    """A period string that does not follow one of the spellings."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """Months `start_month`..`end_month` of `start_year`..`end_year` (inclusive)."""

    start_year: int
    start_month: int
    end_year: int
    end_month: int
    text: str

    @property
    def year(self) -> int:
        """The year the period ends in: the year a figure is attributed to."""
        return self.end_year

    @property
    def partial(self) -> bool:
        """True for less than a whole calendar year (or a run of whole years)."""
        return not (self.start_month == 1 and self.end_month == 12)

    @property
    def multi_year(self) -> bool:
        return self.start_year != self.end_year

    @property
    def key(self) -> str:
        """The canonical spelling: "2023", "2021..2023", "2023-05", "2023-01..09"."""
        if not self.partial:
            return (
                str(self.end_year) if not self.multi_year else f"{self.start_year}..{self.end_year}"
            )
        if self.start_month == self.end_month:
            return f"{self.end_year}-{self.end_month:02d}"
        return f"{self.end_year}-{self.start_month:02d}..{self.end_month:02d}"

    def label(self) -> str:
        return self.text

    def phrase(self) -> str:
        """The period in words, as reasons say it: "2025", "2021–2024", "March 2025",
        "January–September 2025" (a part-year figure is never said to be "in 2025")."""
        if not self.partial:
            return (
                str(self.end_year) if not self.multi_year else f"{self.start_year}–{self.end_year}"
            )
        months = (
            MONTH_NAMES[self.start_month - 1]
            if self.start_month == self.end_month
            else f"{MONTH_NAMES[self.start_month - 1]}–{MONTH_NAMES[self.end_month - 1]}"
        )
        return f"{months} {self.end_year}"


@lru_cache(maxsize=4096)  # datasets repeat a few hundred period strings many times
def parse_period(text: str) -> Period:
    """Parse a period; raises PeriodError with a hint on any other spelling."""
    t = text.strip()
    if not t.isascii():
        raise PeriodError(
            f"period {text!r}: write periods in ASCII digits and letters "
            '("2024", not full-width or other scripts\' digits)'
        )
    if m := _YEAR.match(t):
        y = int(m[1])
        return _checked(y, 1, y, 12, t)
    if m := _MONTHS.match(t):
        y = int(m[1])
        return _checked(y, int(m[2]), y, int(m[3]), t)
    if m := _MONTH.match(t):
        y = int(m[1])
        return _checked(y, int(m[2]), y, int(m[2]), t)
    if m := _QUARTERS.match(t):
        y, q1 = int(m[1]), int(m[2])
        q2 = int(m[3]) if m[3] else q1
        return _checked(y, 3 * q1 - 2, y, 3 * q2, t)
    if m := _HALF.match(t):
        y, h = int(m[1]), int(m[2])
        return _checked(y, 6 * h - 5, y, 6 * h, t)
    if m := _YEARS.match(t):
        return _checked(int(m[1]), 1, int(m[2]), 12, t)
    raise PeriodError(
        f'cannot read period {text!r}: write a year ("2024"), months ("2024-01..10"), '
        'quarters ("2024-Q1..Q3"), a half ("2024-H1") or years ("2021..2024")'
    )


def _checked(y1: int, m1: int, y2: int, m2: int, text: str) -> Period:
    if not (1900 <= y1 <= 2200 and 1900 <= y2 <= 2200):
        raise PeriodError(f"period {text!r}: year out of range 1900–2200")
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        raise PeriodError(f"period {text!r}: months run from 1 to 12")
    if (y1, m1) > (y2, m2):
        raise PeriodError(f"period {text!r} ends before it starts")
    return Period(y1, m1, y2, m2, text)
