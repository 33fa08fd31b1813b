"""`goaltrack show INDICATOR --format json`: one indicator, its figures and its verdicts."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..core.dataset import Dataset
from ..core.vocab import Lang
from ..evaluate import Evaluation, Options
from ..evaluate.succession import figures as lineage_figures
from ..evaluate.summary import PlanReport, Report
from .json_export import REPORT_SCHEMA_VERSION, dumps, evaluation_dict
from .messages import say_one

SHOW_SCHEMA_VERSION = 1


def show_dict(
    ds: Dataset, ind_id: str, evaluations: list[Evaluation], opts: Options, lang: Lang = "en"
) -> dict[str, Any]:
    """The indicator, every figure recorded for it (with why a figure was not used, if it
    was not), and each target's evaluation in the layout of `report --format json`."""
    ind = ds.indicators[ind_id]
    report = Report(opts, [PlanReport(ind.plan or "", list(evaluations))], ds)
    unused = {
        (pt.period, pt.source, pt.measure): say_one(why, lang)
        for e in evaluations
        for pt, why in e.superseded
    }
    figures = []
    for a in sorted(
        lineage_figures(ds, ind, ds.by_indicator()), key=lambda a: (a.period, a.source or "")
    ):
        figures.append(
            {
                "indicator": a.indicator,  # a predecessor's id for a figure recorded against it
                "period": a.period,
                "value": a.value,
                "state": a.state,
                # a rate is in % whatever the indicator's unit; a milestone has none
                "unit": None
                if a.measure == "milestone"
                else "%"
                if a.measure == "growth"
                else a.unit or ind.unit,
                "measure": a.measure,
                "partial": a.partial,
                "scope": a.scope or ind.scope,
                "status": a.status,
                "comparability": a.comparability,
                "source": a.source,
                "revises": a.revises,
                "quote": a.quote,
                "notes": a.notes,
                "not_used": unused.get((a.period, a.source or "", a.measure)),
            }
        )
    return {
        "schema_version": SHOW_SCHEMA_VERSION,
        "report_schema_version": REPORT_SCHEMA_VERSION,
        "generator": f"goaltrack {__version__}",
        "lang": lang,
        "as_of": opts.as_of.date.isoformat(),
        "indicator": {
            "id": ind.id,
            "plan": ind.plan,
            "name": ind.name,
            "name_en": ind.name_en,
            "category": ind.category,
            "unit": ind.unit,
            "direction": ind.direction,
            "nature": ind.nature,
            "scope": ind.scope,
            "notes": ind.notes,
            "baseline": ind.baseline.model_dump(exclude_none=True) if ind.baseline else None,
            "citation": ind.citation.model_dump(exclude_none=True) if ind.citation else None,
        },
        "figures": figures,
        "evaluations": [evaluation_dict(report, e, lang) for e in evaluations],
    }


def render_show_json(
    ds: Dataset, ind_id: str, evaluations: list[Evaluation], opts: Options, lang: Lang = "en"
) -> str:
    return dumps(show_dict(ds, ind_id, evaluations, opts, lang)) + "\n"
