"""Pieces of the reasons shared by several target kinds, as messages (messages.py)."""

from __future__ import annotations

from .messages import M, Msg, msg
from .selection import Selection


def rests_on(known: int, of: int, what: M, missing: list[int]) -> Msg:
    """What a verdict with years missing rests on (`what`: RESTS_ON_RATES, RESTS_ON_CHANGES,
    RESTS_ON_YEARS, which say how the missing years are counted where they are counted)."""
    return msg(what, n=known, m=of, years=tuple(missing))


def not_yet_ended(first: int, end: int) -> Msg:
    return msg(M.NOT_YET_ENDED, first=first, last=end)


def with_context(sel: Selection, plain: M, noted: M) -> Msg:
    """`plain`, or `noted`: the same saying how many figures are shown as context only."""
    if sel.context:
        return msg(noted, n=len(sel.context))
    return msg(plain)
