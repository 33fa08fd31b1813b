""""Did you mean": ids close to a mistyped one, ignoring case."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_ids(name: str, ids: Iterable[str], n: int = 3) -> list[str]:
    """Ids close to `name`, ignoring case (`GDP` → gdp, `new-urban-job` → new-urban-jobs)."""
    by_lower: dict[str, str] = {}
    for i in ids:
        by_lower.setdefault(i.lower(), i)
    if name.lower() in by_lower:
        return [by_lower[name.lower()]]
    return [by_lower[m] for m in difflib.get_close_matches(name.lower(), list(by_lower), n=n)]


def did_you_mean(name: str, ids: Iterable[str], fallback: str) -> str:
    """A hint: "did you mean a, b?", or `fallback` when nothing is close."""
    close = close_ids(name, ids)
    return f"did you mean {', '.join(close)}?" if close else fallback
