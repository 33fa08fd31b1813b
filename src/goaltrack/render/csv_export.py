"""CSV export: one row per target, flat columns, UTF-8 (optionally with a BOM for Excel)."""

from __future__ import annotations

import csv
import io

from ..core.sanitize import csv_cell
from ..core.vocab import Lang
from ..evaluate.summary import Report
from .labels import column_head
from .rows import rows

COLUMNS = (
    "plan",
    "indicator",
    "name_zh",
    "name_en",
    "category",
    "nature",
    "unit",
    "kind",
    "target",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "latest_value",
    "latest_unit",
    "measure",
    "latest_period",
    "progress",
    "time_elapsed",
    "pace_ratio",
    "status",
    "final",
    "flags",
    "sources",
    "reason",
)


def csv_value(v: object) -> str:
    """A row value as a CSV cell."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, tuple):
        return csv_cell(";".join(map(str, v)))
    return csv_cell(str(v))


def render_csv(report: Report, lang: Lang = "en", bom: bool = False) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([column_head(c, lang) for c in COLUMNS])
    for r in rows(report, lang):
        w.writerow([csv_value(getattr(r, c)) for c in COLUMNS])
    return ("\ufeff" if bom else "") + buf.getvalue()
