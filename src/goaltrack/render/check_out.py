"""Renderers for `goaltrack check`: text (stderr), json (stdout), github annotations."""

from __future__ import annotations

import json
import sys

from ..check.validate import CheckResult
from ..core.diagnostics import format_github, format_text

CHECK_SCHEMA_VERSION = 2
_COLOURS = {"error": "\x1b[31;1m", "warning": "\x1b[33;1m", "note": "\x1b[36m"}


def render_check(result: CheckResult, fmt: str, colour: bool = False) -> None:
    ds = result.dataset
    # Records that failed validation are counted as written, never silently dropped.
    invalid = {k: len(v) for k, v in ds.invalid.items() if v}
    summary: dict[str, int] = {
        "files": len(ds.files),
        "plans": len(ds.plans) + invalid.get("plans", 0),
        "indicators": len(ds.indicators) + invalid.get("indicators", 0),
        "targets": sum(len(i.targets) for i in ds.indicators.values()),
        "sources": len(ds.sources) + invalid.get("sources", 0),
        "actuals": len(ds.actuals) + invalid.get("actuals", 0),
        "errors": len(result.errors),
        "warnings": len(result.warnings),
    }
    summary.update({f"invalid_{k}": n for k, n in invalid.items()})
    if result.quote_counts:
        summary.update({f"quotes_{k}": v for k, v in result.quote_counts.items()})
    if fmt == "json":
        doc = {
            "schema_version": CHECK_SCHEMA_VERSION,
            "ok": not result.errors,
            "summary": summary,
            "diagnostics": [d.as_dict() for d in result.diagnostics],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "github":
        for d in result.diagnostics:
            sys.stdout.write(format_github(d) + "\n")
    else:
        for d in result.diagnostics:
            text = format_text(d)
            if colour:
                head, _, rest = text.partition("\n")
                text = f"{_COLOURS[d.severity]}{head}\x1b[0m" + ("\n" + rest if rest else "")
            sys.stderr.write(text + "\n\n")
    q = result.quote_counts
    quotes = (
        (
            f"; quotes: {q['verified']} verified, {q['failed']} not found; "
            f"{q['unarchived']} figures from unarchived sources not verifiable"
        )
        if q
        else ""
    )

    def n(key: str) -> str:
        bad = invalid.get(key)
        return f"{summary[key]} {key}" + (f" ({bad} invalid)" if bad else "")

    sys.stderr.write(
        f"{summary['files']} files, {n('plans')}, {n('indicators')}, "
        f"{summary['targets']} targets, {n('sources')}, {n('actuals')}"
        f"{quotes}\n{summary['errors']} errors, {summary['warnings']} warnings\n"
    )
