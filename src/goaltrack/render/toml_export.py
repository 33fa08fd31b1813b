"""TOML summary written with tomli-w; it reads back with tomllib."""

from __future__ import annotations

from typing import Any

import tomli_w

from ..core.vocab import Lang
from ..evaluate.summary import Report
from .json_export import REPORT_SCHEMA_VERSION
from .rows import rows


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: drop missing values."""
    return {k: v for k, v in d.items() if v is not None and v != ""}


def render_toml(report: Report, lang: Lang = "en") -> str:
    doc: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "lang": lang,
        "as_of": report.options.as_of.date,
        "method": report.options.method,
        "vintage": report.options.vintage,
        "summary": report.counts(),
        "summary_provisional": report.provisional_counts(),
        "summary_totals": report.totals().as_dict(),
        "plans": [
            {
                "id": pr.plan_id,
                "summary": pr.counts(),
                "summary_provisional": pr.provisional_counts(),
                "summary_totals": pr.totals().as_dict(),
            }
            for pr in report.plans
        ],
        "evaluations": [
            _clean(
                {
                    "plan": r.plan,
                    "indicator": r.indicator,
                    "name": r.name_zh,
                    "name_en": r.name_en,
                    "category": r.category,
                    "nature": r.nature,
                    "unit": r.unit,
                    "kind": r.kind,
                    "target": r.target,
                    "baseline_year": r.baseline_year,
                    "baseline_value": r.baseline_value,
                    "target_year": r.target_year,
                    "target_value": r.target_value,
                    "latest_value": r.latest_value,
                    "latest_unit": r.latest_unit,
                    "measure": r.measure,
                    "latest_period": r.latest_period,
                    "progress": r.progress,
                    "pace_ratio": r.pace_ratio,
                    "status": r.status,
                    "final": r.final,
                    "flags": list(r.flags),
                    "sources": list(r.sources),
                    "reason": r.reason,
                }
            )
            for r in rows(report, lang)
        ],
    }
    return tomli_w.dumps(doc)
