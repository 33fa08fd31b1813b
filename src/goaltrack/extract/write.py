"""`extract --write`: append the new candidates to the source's actuals file.

They go through `record_new_figures`, the write path of `record` (locked, validated with the
whole dataset, atomic): a candidate already recorded with the same value is skipped, one
that conflicts with a recorded figure is refused with the reason, the rest are written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..edit.record import Sorted, record_new_figures
from .candidates import Candidate


def entries(cands: list[Candidate], source: str) -> list[dict[str, Any]]:
    return [{**c.actual(), "source": source} for c in cands]


def write_candidates(root: Path, source: str, cands: list[Candidate]) -> Sorted:
    """Append the new ones of `cands` to `source`'s actuals file; raises RecordRefused
    (nothing written) when the new ones would make the dataset invalid."""
    return record_new_figures(root, entries(cands, source))
