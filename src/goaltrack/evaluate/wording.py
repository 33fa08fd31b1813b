"""Pieces of the reason strings shared by several target kinds."""

from __future__ import annotations

from ..periods import parse_period
from ..selection import Point, Selection

# A rate target whose bound no change would keep (年均下降不超过2%, 不下降), once broken.
BOUND_BROKEN = ": a bound that no change would keep, broken"
RATE_STILL_NEEDED = "% a year still needed"


def year_list(ys: list[int]) -> str:
    return ", ".join(map(str, ys))


def rests_on(known: int, of: int, what: str, missing: list[int], counted_as: str = "") -> str:
    """What a verdict with years missing rests on: `rests on 3 of 4 yearly rates (no figure
    for 2022)`, with how the missing years are counted where they are counted."""
    counted = f", counted as {counted_as}" if counted_as else ""
    return f"rests on {known} of {of} {what} (no figure for {year_list(missing)}{counted})"


def not_yet_ended(first: int, end: int) -> str:
    return f"no year of {first}–{end} has ended yet"


def context_note(sel: Selection) -> str:
    if sel.context:
        return f" ({len(sel.context)} figure(s) shown as context only: proxy or other scope)"
    return ""


def when(p: Point) -> str:
    """When a figure was measured, in words: "2023", or "January–September 2025" for part of
    a year (never "in 2025" for nine months of it)."""
    return parse_period(p.period).phrase()
