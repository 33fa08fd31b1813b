"""`goaltrack extract` output: a review table, `[[actuals]]` blocks, or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import tomli_w

from ..fieldorder import ordered_fields
from ..models import Actual
from ..sanitize import clean

if TYPE_CHECKING:
    from rich.console import Console

    from ..extract.candidates import Candidate, Extraction

SCHEMA_VERSION = 1


def _plain(text: str) -> str:
    """Text for a terminal cell or a comment: controls and bidi shown escaped (docs/security.md)."""
    return clean(text, newline=" ")


def _value(c: Candidate) -> str:
    return f"{c.value:g} {c.unit}" if isinstance(c.value, float) else f"{c.value} {c.unit}"


def render_table(ex: Extraction, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=False, pad_edge=False)
    for name, ratio in (("indicator", 2), ("value", 1), ("measure", 1), ("period", 1),
                        ("quote", 4), ("conf.", 1), ("why it matched", 3)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for c in ex.candidates:
        measure = c.measure + ("" if c.status == "final" else f" ({c.status})")
        period = c.period + (" partial" if c.partial else "")
        if not c.own_scope:
            period += f" · {c.scope}"
        table.add_row(Text(_plain(c.indicator)), Text(_value(c)), Text(measure), Text(period),
                      Text(_plain(c.quote)), Text(f"{c.confidence:.2f}"),
                      Text(_plain(c.matched), style="dim"))
    console.print(table)


def render_toml(cands: list[Candidate], source: str | None) -> str:
    """Ready `[[actuals]]` blocks (a `[defaults]` table first when the source is known)."""
    out = []
    if source:
        out.append(tomli_w.dumps({"defaults": {"source": source}}))
    for c in cands:
        head = f"# confidence {c.confidence:.2f}: {c.matched}"
        out.append(_plain(head) + "\n[[actuals]]\n"
                   + tomli_w.dumps(ordered_fields(c.actual(), Actual)))
    return "\n".join(out)


def render_json(ex: Extraction, year: int, source: str | None) -> str:
    doc = {"schema_version": SCHEMA_VERSION, "period": year, "source": source,
           "scope": ex.doc_scope, "candidates": [c.as_json() for c in ex.candidates],
           "skipped": [{"indicator": s.indicator, "reason": s.reason, "quote": s.quote,
                        "line": s.line} for s in ex.skipped]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
