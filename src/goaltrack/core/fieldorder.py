"""The canonical order of a record's keys: the model's field order (no tomlkit here, so that
commands that only print TOML need not load it)."""

from __future__ import annotations

from typing import Any

from .models import Baseline, Citation, Override, Strict, Target

NESTED: dict[str, type[Strict]] = {
    "baseline": Baseline,
    "citation": Citation,
    "targets": Target,
    "override": Override,
}


def ordered_fields(d: dict[str, Any], model: type[Strict] | None) -> dict[str, Any]:
    """Keys in the model's field order (unknown keys last, sorted); nested records too."""
    fields = list(model.model_fields) if model else []
    known = [k for k in fields if k in d]
    rest = sorted(k for k in d if k not in fields)
    out: dict[str, Any] = {}
    for k in [*known, *rest]:
        v = d[k]
        sub = NESTED.get(k) if model is not None else None
        if isinstance(v, dict):
            out[k] = (
                ordered_fields(v, sub)
                if sub
                else {kk: v[kk] for kk in sorted(v)}
                if k != "categories"
                else v
            )
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out[k] = [ordered_fields(x, sub) for x in v]
        else:
            out[k] = v
    return out
