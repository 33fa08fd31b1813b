"""`goaltrack extract` output: a review table, `[[actuals]]` blocks, or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import tomli_w

from ..fieldorder import ordered_fields
from ..models import Actual
from ..sanitize import clean, rich_text

if TYPE_CHECKING:
    from rich.console import Console

    from ..extract.candidates import Candidate, Extraction

SCHEMA_VERSION = 1


def _value(c: Candidate) -> str:
    return f"{c.value:g} {c.unit}" if isinstance(c.value, float) else f"{c.value} {c.unit}"


def render_table(ex: Extraction, console: Console) -> None:
    from rich.table import Table

    table = Table(show_lines=True, expand=True, pad_edge=False)
    for name, ratio in (("indicator", 3), ("value", 0), ("measure", 2), ("period", 2),
                        ("quote", 6), ("conf", 0), ("why it matched", 4)):
        if ratio:
            table.add_column(name, ratio=ratio, overflow="fold")
        else:  # short: never folded
            table.add_column(name, no_wrap=True)
    for c in ex.candidates:
        measure = c.measure + ("" if c.status == "final" else f" ({c.status})")
        period = c.period + (" partial" if c.partial else "")
        if not c.own_scope:
            period += f" · {c.scope}"
        table.add_row(rich_text(c.indicator), rich_text(_value(c)), rich_text(measure),
                      rich_text(period), rich_text(c.quote, newline=" "),
                      rich_text(f"{c.confidence:.2f}"), rich_text(c.matched, style="dim",
                                                                  newline=" "))
    console.print(table)


def render_toml(cands: list[Candidate], source: str | None) -> str:
    """Ready `[[actuals]]` blocks (a `[defaults]` table first when the source is known)."""
    out = []
    if source:
        out.append(tomli_w.dumps({"defaults": {"source": source}}))
    for c in cands:
        head = f"# confidence {c.confidence:.2f}: {c.matched}"
        out.append(clean(head, newline=" ") + "\n[[actuals]]\n"
                   + tomli_w.dumps(ordered_fields(c.actual(), Actual)))
    return "\n".join(out)


def render_json(ex: Extraction, year: int, source: str | None) -> str:
    doc = {"schema_version": SCHEMA_VERSION, "period": year, "source": source,
           "scope": ex.doc_scope, "candidates": [c.as_json() for c in ex.candidates],
           "skipped": [{"indicator": s.indicator, "reason": s.reason, "quote": s.quote,
                        "line": s.line} for s in ex.skipped]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
