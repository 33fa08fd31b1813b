"""`extract --write`: append accepted candidates to the source's actuals file.

All of them go through `record_figures`, the write path of `record`: locked, validated with
the whole dataset, atomic. A duplicate or a conflict with what is recorded refuses the lot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..record import record_figures
from .candidates import Candidate


def entries(cands: list[Candidate], source: str) -> list[dict[str, Any]]:
    return [{**c.actual(), "source": source} for c in cands]


def write_candidates(root: Path, source: str, cands: list[Candidate]) -> Path:
    """Append `cands` to `source`'s actuals file; raises RecordRefused (nothing written)."""
    return record_figures(root, entries(cands, source))
