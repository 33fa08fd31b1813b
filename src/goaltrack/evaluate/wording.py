"""Pieces of the reason strings shared by several target kinds."""

from __future__ import annotations

from ..selection import Selection


def year_list(ys: list[int]) -> str:
    return ", ".join(map(str, ys))


def context_note(sel: Selection) -> str:
    if sel.context:
        return f" ({len(sel.context)} figure(s) shown as context only: proxy or other scope)"
    return ""
