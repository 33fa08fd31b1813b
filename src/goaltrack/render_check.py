"""Renderers for `goaltrack check`: text (stderr), json (stdout), github annotations."""

from __future__ import annotations

import json
import sys

from .diagnostics import format_github, format_text
from .validate import CheckResult

CHECK_SCHEMA_VERSION = 1
_COLOURS = {"error": "\x1b[31;1m", "warning": "\x1b[33;1m", "note": "\x1b[36m"}


def render_check(result: CheckResult, fmt: str, colour: bool = False) -> None:
    ds = result.dataset
    summary = {
        "files": len(ds.files),
        "plans": len(ds.plans),
        "indicators": len(ds.indicators),
        "targets": sum(len(i.targets) for i in ds.indicators.values()),
        "sources": len(ds.sources),
        "actuals": len(ds.actuals),
        "errors": len(result.errors),
        "warnings": len(result.warnings),
    }
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
    quotes = (f"; quotes: {q['verified']} verified, {q['failed']} not found; "
              f"{q['unarchived']} figures from unarchived sources not verifiable") if q else ""
    sys.stderr.write(
        f"{summary['files']} files, {summary['plans']} plans, {summary['indicators']} indicators, "
        f"{summary['targets']} targets, {summary['sources']} sources, {summary['actuals']} actuals"
        f"{quotes}\n{summary['errors']} errors, {summary['warnings']} warnings\n"
    )
