"""`goaltrack extract` output: a review table, `[[actuals]]` blocks, or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import tomli_w

from ..core.fieldorder import ordered_fields
from ..core.models import Actual
from ..core.sanitize import clean

if TYPE_CHECKING:
    from rich.console import Console

    from ..extract.candidates import Candidate, Extraction

SCHEMA_VERSION = 1


def _value(c: Candidate) -> str:
    return f"{c.value:g} {c.unit}" if isinstance(c.value, float) else f"{c.value} {c.unit}"


def render_table(ex: Extraction, console: Console, ascii_only: bool = False) -> None:
    """The candidates in a table fitted to the console (render/layout.py): cells wrap only
    between tokens, so a number keeps its unit (`90131 亿元`) and a word its letters."""
    from .layout import Col, glue_units
    from .terminal import fitted_table

    cells: dict[str, list[str]] = {
        k: [] for k in ("indicator", "value", "measure", "period", "quote", "conf", "why")
    }
    for c in ex.candidates:
        measure = c.measure + ("" if c.status == "final" else f" ({c.status})")
        period = c.period + (" partial" if c.partial else "")
        if not c.own_scope:
            period += f" · {c.scope}"
        for k, v in (
            ("indicator", c.indicator),
            ("value", _value(c)),
            ("measure", measure),
            ("period", period),
            ("quote", c.quote),
            ("conf", f"{c.confidence:.2f}"),
            ("why", c.matched),
        ):
            cells[k].append(glue_units(clean(v, newline=" ")))
    heads = {"why": "why it matched"}
    weights = {"indicator": 3, "measure": 2, "period": 2, "quote": 6, "why": 4}
    cols = [
        Col(k, heads.get(k, k), v, weights.get(k, 1), fixed=k in ("value", "conf"))
        for k, v in cells.items()
    ]
    console.print(fitted_table(cols, console.width, ("why", "measure"), ascii_only))


def render_toml(cands: list[Candidate], source: str | None) -> str:
    """Ready `[[actuals]]` blocks (a `[defaults]` table first when the source is known)."""
    out = []
    if source:
        out.append(tomli_w.dumps({"defaults": {"source": source}}))
    for c in cands:
        head = f"# confidence {c.confidence:.2f}: {c.matched}"
        out.append(
            clean(head, newline=" ")
            + "\n[[actuals]]\n"
            + tomli_w.dumps(ordered_fields(c.actual(), Actual))
        )
    return "\n".join(out)


def render_json(ex: Extraction, year: int, source: str | None) -> str:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "period": year,
        "source": source,
        "scope": ex.doc_scope,
        "candidates": [c.as_json() for c in ex.candidates],
        "skipped": [
            {"indicator": s.indicator, "reason": s.reason, "quote": s.quote, "line": s.line}
            for s in ex.skipped
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
