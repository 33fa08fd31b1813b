"""Load and check a dataset in one call: the result `check`, `report` and others share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.dataset import Dataset
from ..core.diagnostics import Collector, Diagnostic
from ..store.loader import load
from .rules import run_checks


@dataclass(slots=True)
class CheckResult:
    dataset: Dataset
    diagnostics: list[Diagnostic]
    quote_counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def check_dataset(
    paths: list[Path],
    sources_dir: Path | None = None,
    strict: bool = False,
    overrides: dict[Path, str] | None = None,
) -> CheckResult:
    """Load `paths`, run every cross-file check and, with `sources_dir`, verify quotes.

    `overrides` maps resolved file paths to text used instead of the file's (a file that
    does not exist yet is added): how a change is validated before it is written.
    """
    col = Collector()
    base = paths[0] if len(paths) == 1 and _is_dir(paths[0]) else None
    ds = load(paths, col, base=base.parent if base else None, overrides=overrides)
    run_checks(ds, col)
    counts: dict[str, int] = {}
    if sources_dir is not None:
        from .quotes import verify_quotes

        counts = verify_quotes(ds, sources_dir, col)
    diags = col.sorted()
    if strict:
        diags = [d.promoted() if d.severity == "warning" else d for d in diags]
    return CheckResult(ds, diags, counts)


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except (OSError, ValueError):
        return False
