"""Finding indicators in text: names and aliases, with the traps a bare substring falls in."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..core.models import Indicator
from ..core.scan import fold
from . import lexicon as lx

_PAREN = re.compile(r"[((][^))]*[))]")
GAP = 12  # characters "…" in an alias may stand for (MAX_ALIAS_GAPS in models.py: how many)


@dataclass(frozen=True, slots=True)
class Hit:
    indicator: str
    start: int
    end: int
    alias: str  # the name or alias that matched, as written in the dataset
    is_name: bool


@dataclass(frozen=True, slots=True)
class Pattern:
    indicator: str
    alias: str
    rx: re.Pattern[str]  # the whole spelling; with gaps, its first part
    is_name: bool
    # With gaps: each later part (as a zero-width look-ahead, which finds overlapping
    # occurrences) and the characters that may come before it.
    rest: tuple[tuple[re.Pattern[str], int], ...] = ()

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Where the spelling occurs in text[start:end], left to right, not overlapping."""
        if not self.rest:
            return [m.span() for m in self.rx.finditer(text, start, end)]
        return _gapped(self, text, start, end)


def _gapped(p: Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A spelling with gaps, matched as the lazy `a.{0,12}?b.{0,12}?c` would (the leftmost
    start, then the shortest gaps in order) but in linear time: the occurrences of each
    part that can still reach a full match are found once, from the last part back, where
    the regular expression tries every gap length at every step (exponential in the gaps)."""
    starts: list[list[int]] = []
    ends: list[list[int]] = []
    for rx, _ in p.rest:
        found = [(m.start(), m.end(1)) for m in rx.finditer(text, start, end)]
        if not found:
            return []
        starts.append([a for a, _ in found])
        ends.append([b for _, b in found])
    for i in range(len(p.rest) - 2, -1, -1):  # keep what the next part can follow
        gap = p.rest[i + 1][1]
        keep = [k for k, b in enumerate(ends[i]) if _within(starts[i + 1], b, gap) is not None]
        starts[i], ends[i] = [starts[i][k] for k in keep], [ends[i][k] for k in keep]
    out: list[tuple[int, int]] = []
    pos = start
    for m in p.rx.finditer(text, start, end):
        s, e = m.start(), m.end(1)
        if s < pos:
            continue
        for i, (_, gap) in enumerate(p.rest):
            k = _within(starts[i], e, gap)
            if k is None:
                break
            e = ends[i][k]
        else:
            out.append((s, e))
            pos = e
    return out


def _within(sorted_starts: list[int], at: int, gap: int) -> int | None:
    """The index of the first start in at..at+gap, if any."""
    k = bisect.bisect_left(sorted_starts, at)
    return k if k < len(sorted_starts) and sorted_starts[k] <= at + gap else None


def fold_all(s: str) -> str:
    return "".join(fold(c) for c in s)


def patterns(indicators: list[Indicator]) -> list[Pattern]:
    """One pattern per name and alias; a name's parenthesised part is optional
    (细颗粒物(PM2.5)浓度 also matches 细颗粒物浓度)."""
    out: list[Pattern] = []
    for ind in indicators:
        spellings: list[tuple[str, bool]] = [(ind.name, True)]
        bare = _PAREN.sub("", ind.name).strip()
        if bare and bare != ind.name:
            spellings.append((bare, True))
        spellings += [(a, False) for a in ind.aliases]
        seen: set[str] = set()
        for text, is_name in spellings:
            folded = fold_all(text)
            if folded in seen or len(folded) < 2:
                continue
            seen.add(folded)
            out.append(_compile(ind.id, text, folded, is_name))
    return out


def _compile(indicator: str, text: str, folded: str, is_name: bool) -> Pattern:
    flags = re.IGNORECASE if folded.isascii() else 0
    parts: list[tuple[str, int]] = []  # each part and the gap before it (…… is two gaps)
    gap = 0
    for piece in folded.split("…"):
        if piece:
            parts.append((piece, gap if parts else 0))
            gap = GAP
        elif parts:
            gap += GAP
    if len(parts) == 1:
        return Pattern(indicator, text, re.compile(re.escape(parts[0][0]), flags), is_name)
    look = [(re.compile(f"(?=({re.escape(t)}))", flags), g) for t, g in parts]
    return Pattern(indicator, text, look[0][0], is_name, tuple(look[1:]))


def find_hits(text: str, start: int, end: int, pats: list[Pattern]) -> list[Hit]:
    """Every name or alias inside text[start:end], except those a word before or after
    turns into another indicator (人均…, 第一产业…, 城镇…, 占…, 单位…; …能耗, …构成): a
    longer hit of the same indicator that takes the word in keeps it."""
    hits: list[Hit] = []
    for p in pats:
        for a, b in p.spans(text, start, end):
            hits.append(Hit(p.indicator, a, b, p.alias, p.is_name))
    by_ind: dict[str, list[Hit]] = {}
    for h in sorted(hits, key=lambda h: h.start):
        by_ind.setdefault(h.indicator, []).append(h)
    longest = {ind: max(h.end - h.start for h in hs) for ind, hs in by_ind.items()}
    kept = []
    for h in hits:
        before = text[max(start, h.start - 4) : h.start]
        mod = next((m for m in lx.BLOCKING if before.endswith(m)), None)
        if mod:
            # Only a hit starting at most `longest` before h can take h in: looked up, not
            # searched for among all hits (a run of 人均… made this quadratic).
            same = by_ind[h.indicator]
            k = bisect.bisect_left(same, h.end - longest[h.indicator], key=lambda o: o.start)
            if not any(
                o.start <= h.start - len(mod) and o.end >= h.end
                for o in same[
                    k : bisect.bisect_right(same, h.start - len(mod), key=lambda o: o.start)
                ]
            ):
                continue
        after = text[h.end : min(end, h.end + 2)]
        tail = next((m for m in lx.BLOCKING_AFTER if after == m), None)
        if tail and not any(
            o.start <= h.start and o.end >= h.end + len(tail) for o in by_ind[h.indicator]
        ):
            continue
        kept.append(h)
    return kept
