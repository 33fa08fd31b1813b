"""The one place of "did you mean": it finds ids close to a mistyped one (ids, keys, units,
plans, categories), says so, and resolves an id written in another case.

Case is ignored; an id that starts with, or contains, what was typed comes first (`fdi` →
`fdi-actual`), then an id whose names or aliases match it (`实际利用外资` → `fdi-actual`), then
ids that are spelled alike (`new-urban-job` → `new-urban-jobs`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

_MIN_PART = 2  # a single letter is in too many ids to say anything


def resolve_id(name: str, ids: Iterable[str]) -> str | None:
    """`name` itself, or the one id equal to it when case is ignored (`GDP` → gdp); None
    when there is none or several (`Gdp` when both gdp and GDP exist)."""
    ids = list(ids)
    if name in ids:
        return name
    same = [i for i in ids if i.lower() == name.lower()]
    return same[0] if len(same) == 1 else None


def close_ids(
    name: str,
    ids: Iterable[str],
    n: int = 3,
    aliases: Mapping[str, Iterable[str]] | None = None,
    cutoff: float = 0.6,
) -> list[str]:
    """Ids close to `name`, the closest first: the same but for case, then ids it begins or
    is contained in, then ids whose `aliases` (names, aliases) hold it, then look-alikes
    (difflib's ratio at least `cutoff`)."""
    by_lower: dict[str, str] = {}
    for i in ids:
        by_lower.setdefault(i.lower(), i)
    low = name.strip().lower()
    if not low:
        return []
    if low in by_lower:
        return [by_lower[low]]
    out: list[str] = []

    def add(found: Iterable[str]) -> None:
        for f in found:
            if f not in out:
                out.append(f)

    if len(low) >= _MIN_PART:
        add(v for k, v in sorted(by_lower.items()) if k.startswith(low))
        add(v for k, v in sorted(by_lower.items()) if low in k)
        # an id inside what was typed (`平方公里s`): the longest, the most specific, first
        add(
            v
            for k, v in sorted(by_lower.items(), key=lambda kv: (-len(kv[0]), kv[0]))
            if len(k) >= _MIN_PART and k in low
        )
    if aliases:
        add(
            i
            for i, words in aliases.items()
            if i in by_lower.values()
            and any(
                low == w.lower() or (len(low) >= _MIN_PART and low in w.lower()) for w in words if w
            )
        )
    add(by_lower[m] for m in difflib.get_close_matches(low, list(by_lower), n=n, cutoff=cutoff))
    return out[:n]


def suggestion(close: Iterable[str], quote: bool = False, sep: str = ", ") -> str:
    """ "did you mean a, b?" (each in quotes with `quote`); "" for none."""
    shown = [repr(c) if quote else c for c in close]
    return f"did you mean {sep.join(shown)}?" if shown else ""


def did_you_mean(
    name: str,
    ids: Iterable[str],
    fallback: str,
    aliases: Mapping[str, Iterable[str]] | None = None,
    quote: bool = False,
    n: int = 3,
) -> str:
    """A hint: "did you mean a, b?" (up to `n` ids, in quotes with `quote`), or `fallback`
    when nothing is close."""
    return suggestion(close_ids(name, ids, n=n, aliases=aliases), quote) or fallback
