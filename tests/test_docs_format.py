"""docs/format.md stays complete: every base unit, alias and field of the models."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltrack.core.models import (
    Actual,
    Baseline,
    Citation,
    Indicator,
    Plan,
    Source,
    Strict,
    Target,
)
from goaltrack.core.units import ALIASES, KNOWN_BASES

FORMAT = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = FORMAT.index(title)
    end = FORMAT.find("\n## ", start + len(title))
    return FORMAT[start : end if end >= 0 else None]


def test_every_base_unit_and_alias_is_listed() -> None:
    units = _section("## Units\n")
    missing = sorted(
        u
        for u in KNOWN_BASES | set(ALIASES)
        if f"`{u}`" not in units and f"`{u.upper()}`" not in units
    )
    assert missing == []


@pytest.mark.parametrize("model", [Plan, Indicator, Baseline, Citation, Target, Source, Actual])
def test_every_field_is_in_the_tables(model: type[Strict]) -> None:
    tables = _section("## Fields at a glance")
    missing = [f for f in model.model_fields if f"`{f}`" not in tables]
    assert missing == []
