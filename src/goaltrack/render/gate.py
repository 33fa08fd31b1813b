"""The CI gate of `report --fail-on`: which targets have a failing status, each located and
told in the report's language."""

from __future__ import annotations

from ..core.diagnostics import Diagnostic
from ..core.vocab import Lang
from ..evaluate.summary import Report
from .labels import indicator_name, status_word, t
from .messages import say
from .rows import target_text

# Shown as warnings in GitHub annotations even when the gate does not fail on them.
WORRYING = ("missed", "regressing", "off_track")


def gate_hits(report: Report, statuses: tuple[str, ...], lang: Lang = "en") -> list[Diagnostic]:
    """One diagnostic per target whose status is in `statuses` (errors), or worrying
    (warnings), at the indicator's place in its file."""
    out = []
    ds = report.dataset
    colon = t(lang, "colon")
    for e in report.all():
        if e.status not in statuses and e.status not in WORRYING:
            continue
        ind = ds.indicators[e.indicator]
        out.append(
            Diagnostic(
                "error" if e.status in statuses else "warning",
                e.status,
                f"{e.plan}/{e.indicator} ({indicator_name(ind, lang)}){colon}"
                f"{status_word(e.status, lang)} — {target_text(ds, e, lang)}{colon}"
                f"{say(e.reason, lang)}",
                file=ind.at_file,
                line=ind.at_line,
            )
        )
    return out
