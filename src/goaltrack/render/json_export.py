"""JSON export of a report: the full evaluation per target, with `schema_version`."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from .. import __version__
from ..core.sanitize import json_safe
from ..core.vocab import Lang
from ..evaluate import Evaluation
from ..evaluate.selection import Point
from ..evaluate.summary import Report
from .labels import required_label
from .messages import say, say_en, say_one
from .rows import target_text

REPORT_SCHEMA_VERSION = 2


def _point(p: Point | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "period": p.period,
        "year": p.year,
        "value": p.value,
        "state": p.state,
        "measure": p.measure,
        "source": p.source,
        "status": p.status,
        "partial": p.partial,
    }


def evaluation_dict(report: Report, e: Evaluation, lang: Lang = "en") -> dict[str, Any]:
    """One evaluation; its human strings (target, reason, why, …) in `lang`."""
    ind = report.dataset.indicators[e.indicator]
    targets = ind.targets
    t = targets[e.target_index] if 0 <= e.target_index < len(targets) else None
    return {
        "plan": e.plan,
        "indicator": e.indicator,
        "name": ind.name,
        "name_en": ind.name_en,
        "category": ind.category,
        "nature": ind.nature,
        "direction": ind.direction,
        "unit": ind.unit,
        "scope": ind.scope,
        "target_index": e.target_index,
        "kind": e.kind,
        "target": e.target_text if lang == "en" else target_text(report.dataset, e, lang),
        "target_spec": t.model_dump(exclude_none=True) if t else None,
        "status": e.status,
        "final": e.final,
        "reason": say(e.reason, lang),
        "override_reason": e.override_reason,
        "flags": list(e.flags),
        "provisional": [say(why, lang) for why in e.provisional],
        "baseline": {
            "year": e.baseline_year,
            "value": e.baseline_value,
            "inherited": e.baseline_from.as_dict() if e.baseline_from else None,
        },
        "target_year": e.target_year,
        "target_value": e.target_value,
        "latest": _point(e.latest),
        "progress": e.progress,
        "time_elapsed": e.time_elapsed,
        "pace_ratio": e.pace_ratio,
        "required": e.required,
        "required_label": required_label(e.required_label, lang) or None,
        "projection": {
            "value": e.projected_value,
            "meets": e.projected_meets,
            "status": e.projected_status,
        },
        "components": e.components.as_dict(say_en),
        "inputs": [_point(p) for p in e.points],
        "context": [{**(_point(p) or {}), "why": say_one(why, lang)} for p, why in e.context],
        "not_used": [{**(_point(p) or {}), "why": say_one(why, lang)} for p, why in e.superseded],
        "sources": list(e.sources),
        "citation": ind.citation.model_dump(exclude_none=True) if ind.citation else None,
    }


class _Each:
    """A JSON array whose items are made as they are written: one evaluation dict at a time,
    instead of all of them (~60 MB at 100 000 actuals) before the first byte."""

    __slots__ = ("items", "make")

    def __init__(self, items: Sequence[Any], make: Callable[[Any], Any]) -> None:
        self.items = items
        self.make = make


def report_dict(report: Report, *, lazy: bool = False, lang: Lang = "en") -> dict[str, Any]:
    """The report as JSON data; with `lazy`, each plan's evaluations are an `_Each` that only
    `iter_json` understands."""
    o = report.options
    each = partial(evaluation_dict, report, lang=lang)
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "generator": f"goaltrack {__version__}",
        "lang": lang,
        "as_of": o.as_of.date.isoformat(),
        "vintage": o.vintage,
        "method": o.method,
        "thresholds": {"on_track": o.thresholds.on_track, "at_risk": o.thresholds.at_risk},
        "summary": report.counts(),
        "summary_provisional": report.provisional_counts(),
        "summary_totals": report.totals().as_dict(),
        "summary_by_nature": report.counts_by_nature(),
        "plans": [
            {
                "id": pr.plan_id,
                "name": report.dataset.plans[pr.plan_id].name,
                "name_en": report.dataset.plans[pr.plan_id].name_en,
                "start": report.dataset.plans[pr.plan_id].start,
                "end": report.dataset.plans[pr.plan_id].end,
                "baseline_year": report.dataset.plans[pr.plan_id].baseline_year,
                "summary": pr.counts(),
                "summary_provisional": pr.provisional_counts(),
                "summary_totals": pr.totals().as_dict(),
                "evaluations": (
                    _Each(pr.evaluations, each) if lazy else [each(e) for e in pr.evaluations]
                ),
            }
            for pr in report.plans
        ],
    }


def _default(o: Any) -> Any:
    if type(o) is _Each:  # where it goes on one line
        return list(map(o.make, o.items))
    return str(o)


# allow_nan=False: values near 1e308 overflow to inf in arithmetic, and `Infinity` is not
# JSON; such a value is written as null (see `_one_line`).
_COMPACT = json.JSONEncoder(
    ensure_ascii=False, separators=(", ", ": "), default=_default, allow_nan=False
)
_STR = json.encoder.encode_basestring  # the C version where available
_CONSTANTS = {None: "null", True: "true", False: "false"}
# Containers this deep (an evaluation's values: inputs, components, …) go on one line.
_EXPAND = 5


def _one_line(v: Any) -> str:
    # Scalars by hand: one encoder call per scalar would cost more than the indenting saves.
    t = type(v)
    if t is str:
        return _STR(v)
    if t is int:
        return int.__repr__(v)
    if t is float:
        return float.__repr__(v) if math.isfinite(v) else "null"
    if v is None or t is bool:
        return _CONSTANTS[v]
    try:
        return _COMPACT.encode(v)
    except ValueError:  # an inf or nan inside: rare, so only then copied without them
        return _COMPACT.encode(json_safe(v))


def iter_json(obj: Any, indent: str = "  ") -> Iterator[str]:
    """JSON in chunks, indented down to each evaluation's keys, deeper values on one line.

    Same data as `json.dumps(obj, indent=2)`, but ~3× faster: `indent` makes the standard
    library fall back to its pure-Python encoder, while here the C encoder does the nested
    values. One key of an evaluation per line also diffs well. Chunks (one per evaluation)
    let a large report be written without holding all of it twice.
    """

    def walk(o: Any, depth: int) -> Iterator[str]:
        t = type(o)
        if t is _Each and o.items and depth < _EXPAND:  # items made on the way
            o, t = map(o.make, o.items), list
        if depth >= _EXPAND or not o or (t is not dict and t is not list):
            yield _one_line(o)
            return
        pad = "\n" + indent * (depth + 1)
        sep = "," + pad
        close = "\n" + indent * depth + ("}" if t is dict else "]")
        if t is dict and depth + 1 >= _EXPAND:
            yield (
                "{"
                + pad
                + sep.join([f"{_STR(str(k))}: {_one_line(v)}" for k, v in o.items()])
                + close
            )
            return
        yield "{" if t is dict else "["
        if t is dict:
            for i, (k, v) in enumerate(o.items()):
                yield f"{sep if i else pad}{_STR(str(k))}: "
                yield from walk(v, depth + 1)
        else:
            for i, v in enumerate(o):
                yield sep if i else pad
                yield from walk(v, depth + 1)
        yield close

    return walk(obj, 0)


def dumps(obj: Any) -> str:
    return "".join(iter_json(obj))


def render_json(report: Report, lang: Lang = "en") -> str:
    return "".join(iter_render_json(report, lang))


def iter_render_json(report: Report, lang: Lang = "en") -> Iterator[str]:
    """`render_json` in chunks, for writing a large report as it is encoded.

    Every verdict is computed before the first chunk; only the conversion of each evaluation
    to JSON data happens as it is written, so memory holds one evaluation's dict at a time.
    """
    return itertools.chain(iter_json(report_dict(report, lazy=True, lang=lang)), ("\n",))
