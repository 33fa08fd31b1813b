"""The CI gate of `report --fail-on`: which targets have a failing status, each located."""

from __future__ import annotations

from .diagnostics import Diagnostic
from .summary import Report

# Shown as warnings in GitHub annotations even when the gate does not fail on them.
WORRYING = ("missed", "regressing", "off_track")


def gate_hits(report: Report, statuses: tuple[str, ...]) -> list[Diagnostic]:
    """One diagnostic per target whose status is in `statuses` (errors), or worrying
    (warnings), at the indicator's place in its file."""
    out = []
    for e in report.all():
        if e.status not in statuses and e.status not in WORRYING:
            continue
        ind = report.dataset.indicators[e.indicator]
        name = ind.name_en or ind.name
        out.append(Diagnostic(
            "error" if e.status in statuses else "warning", e.status,
            f"{e.plan}/{e.indicator} ({name}): {e.status} — {e.target_text}: {e.reason}",
            file=ind.at_file, line=ind.at_line))
    return out

