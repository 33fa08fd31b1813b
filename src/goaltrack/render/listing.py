"""`goaltrack list`: what a dataset holds (plans, indicators, sources), as plain data."""

from __future__ import annotations

from typing import Any

from ..core.dataset import Dataset

LIST_SCHEMA_VERSION = 1


def listing(ds: Dataset) -> dict[str, Any]:
    """Plans with their indicators (id, name, unit, target kinds), and sources."""
    figures: dict[str, int] = {}
    for a in ds.actuals:
        figures[a.indicator] = figures.get(a.indicator, 0) + 1
    by_plan: dict[str, list[dict[str, Any]]] = {}
    for ind in sorted(ds.indicators.values(), key=lambda i: (i.plan or "", i.id)):
        by_plan.setdefault(ind.plan or "", []).append(
            {
                "id": ind.id,
                "name": ind.name,
                "name_en": ind.name_en,
                "category": ind.category,
                "unit": ind.unit,
                "direction": ind.direction,
                "kinds": sorted({t.kind for t in ind.targets}),
                "figures": figures.get(ind.id, 0),
            }
        )
    plans = [
        {
            "id": p.id,
            "name": p.name,
            "name_en": p.name_en,
            "level": p.level,
            "start": p.start,
            "end": p.end,
            "baseline_year": p.baseline_year,
            "indicators": by_plan.pop(p.id, []),
        }
        for p in sorted(ds.plans.values(), key=lambda p: p.id)
    ]
    per_source: dict[str, int] = {}
    for a in ds.actuals:
        per_source[a.source or ""] = per_source.get(a.source or "", 0) + 1
    sources = [
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "published": s.published,
            "archived": s.is_archived,
            "figures": per_source.get(s.id, 0),
        }
        for s in sorted(ds.sources.values(), key=lambda s: s.id)
    ]
    # Indicators of a plan that is not defined (check reports it) are listed, not lost.
    orphans = [ind for rest in by_plan.values() for ind in rest]
    # Records that failed validation cannot be listed, but are counted (see `check`).
    invalid = {k: len(v) for k, v in sorted(ds.invalid.items()) if v}
    return {
        "schema_version": LIST_SCHEMA_VERSION,
        "plans": plans,
        "indicators_without_plan": orphans,
        "sources": sources,
        "invalid": invalid,
    }
