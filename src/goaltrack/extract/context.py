"""What surrounds a figure: its period, status and scope, read from its sentence."""

from __future__ import annotations

import re

from . import lexicon as lx
from .numbers import chinese_value

_YEAR_ANY = re.compile(r"(20\d\d|19\d\d)")


def document_year(text: str) -> int | None:
    """The year a document reports on: the first 20xx年 of its opening, else a year in
    its first line (the title)."""
    head = text.lstrip()[:300]
    if m := lx.YEAR_RX.search(head):
        return int(m[1])
    first = head.split("\n", 1)[0]
    if m := _YEAR_ANY.search(first):
        return int(m[1])
    return None


def sentence_period(before: str, year: int, written: int) -> tuple[str, bool] | None:
    """The period a figure is for, from the sentence before it: ("2024-Q1..Q3", True);
    None when the sentence speaks of a later year (a plan, not a figure). 今年 and 去年 count
    from `written`, the year the text was written in."""
    y = year
    years = list(lx.YEAR_RX.finditer(before))
    if years:
        y = int(years[-1][1])
    elif any(w in before for w in lx.LAST_YEAR if not re.search(r"[比较同]" + w, before)):
        y = written - 1
    elif any(w in before for w in lx.THIS_YEAR[:2]):
        y = written
    if y > year:
        return None
    best: tuple[int, str] | None = None
    for word, code in lx.QUARTERS:  # longest first: 前三季度 before 三季度
        i = before.rfind(word)
        if i >= 0 and (best is None or i + len(word) > best[0]):
            best = (i + len(word), code)
    for m in lx.MONTHS_RX.finditer(before):
        if m[1]:
            n = m[1] if m[1].isdigit() else chinese_value(m[1])
            if n is None:
                continue
            a, b = 1, int(n)
        else:
            a, b = int(m[2]), int(m[3])
        if not (1 <= a <= b <= 12):
            continue
        code = "" if (a, b) == (1, 12) else f"{a:02d}..{b}"
        if best is None or m.end() > best[0]:
            best = (m.end(), code)
    if best is None or not best[1]:
        return str(y), False
    return f"{y}-{best[1]}", True


def figure_status(before: str, after: str) -> str:
    """estimate (预计, 左右, 约), preliminary (初步核算) or final."""
    if "预计" in before or after.startswith("左右") or before.endswith(("约", "大约")):
        return "estimate"
    if any(w in before for w in lx.PRELIMINARY):
        return "preliminary"
    return "final"


def scope_markers(extra: list[str]) -> list[str]:
    """Every word that names a scope, longest first (大连高新区 before 高新区)."""
    words = {*lx.CITY, *lx.OUTSIDE, *extra}
    return sorted(words, key=len, reverse=True)


def nearest_marker(text: str, before: int, markers: list[str]) -> str | None:
    """The scope word that starts last before position `before` (it may run into it)."""
    best: tuple[int, int, str] | None = None
    for m in markers:
        i = text.rfind(m, 0, before)
        if i >= 0 and (best is None or (i, len(m)) > (best[0], best[1])):
            best = (i, len(m), m)
    return best[2] if best else None
