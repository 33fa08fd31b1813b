"""Finding indicators in text: names and aliases, with the traps a bare substring falls in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Indicator
from . import lexicon as lx
from .scan import fold

_PAREN = re.compile(r"[((][^))]*[))]")
GAP = 12  # characters "…" in an alias may stand for


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
    rx: re.Pattern[str]
    is_name: bool


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
            parts = [re.escape(p) for p in folded.split("…")]
            rx = re.compile(f".{{0,{GAP}}}?".join(parts), re.IGNORECASE if folded.isascii()
                            else 0)
            out.append(Pattern(ind.id, text, rx, is_name))
    return out


def find_hits(text: str, start: int, end: int, pats: list[Pattern]) -> list[Hit]:
    """Every name or alias inside text[start:end], except those a word before or after
    turns into another indicator (人均…, 第一产业…, 城镇…, 占…, 单位…; …能耗, …构成): a
    longer hit of the same indicator that takes the word in keeps it."""
    hits: list[Hit] = []
    for p in pats:
        for m in p.rx.finditer(text, start, end):
            hits.append(Hit(p.indicator, m.start(), m.end(), p.alias, p.is_name))
    kept = []
    for h in hits:
        before = text[max(start, h.start - 4):h.start]
        mod = next((m for m in lx.BLOCKING if before.endswith(m)), None)
        if mod and not any(o.indicator == h.indicator and o.start <= h.start - len(mod)
                           and o.end >= h.end for o in hits):
            continue
        after = text[h.end:min(end, h.end + 2)]
        tail = next((m for m in lx.BLOCKING_AFTER if after == m), None)
        if tail and not any(o.indicator == h.indicator and o.start <= h.start
                            and o.end >= h.end + len(tail) for o in hits):
            continue
        kept.append(h)
    return kept
