"""What loading keeps: records share their fields-set and are read-only; excerpts survive."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from goaltrack.check.validate import check_dataset

from .conftest import PLAN, VALID


def test_loaded_records_share_one_fields_set_per_key_combination() -> None:
    ds = check_dataset([VALID]).dataset
    assert len(ds.actuals) > 5
    by_keys: dict[frozenset[str], set[str]] = {}
    for a in ds.actuals:
        fs = a.__pydantic_fields_set__
        assert type(fs).__name__ == "_GivenKeys"
        assert by_keys.setdefault(frozenset(fs), fs) is fs  # one object per combination
    assert len(by_keys) < len(ds.actuals)
    ind = next(i for i in ds.indicators.values() if i.targets and i.citation)
    for nested in (ind.targets[0], ind.citation):
        assert type(nested.__pydantic_fields_set__).__name__ == "_GivenKeys"  # type: ignore
    a = ds.actuals[0]
    # "source" counts as given even where it came from [defaults]: it was set before sealing
    assert "source" in a.model_dump(exclude_unset=True)


def test_a_loaded_record_cannot_be_changed_silently() -> None:
    # A shared fields-set: an assignment after loading fails loudly instead of marking a
    # key as given in every record that shares the set.
    ds = check_dataset([VALID]).dataset
    a = ds.actuals[0]
    shared = a.__pydantic_fields_set__
    had_notes = "notes" in shared
    with pytest.raises(TypeError, match="read-only"):
        a.notes = "changed"
    assert a.__pydantic_fields_set__ is shared and ("notes" in shared) == had_notes
    with pytest.raises(TypeError):
        shared |= {"x"}


def test_cross_file_problems_still_quote_their_line(
    tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    # Lines are split while a file is loaded and freed after; a later check splits again.
    write(
        "plan.toml", PLAN + '\n[[sources]]\nid = "t"\ntitle = "另一来源"\npublished = 2025-07-01\n'
    )
    write(
        "ind.toml",
        """
        [[indicators]]
        id = "gdp"
        plan = "p"
        name = "地区生产总值"
        category = "economy"
        unit = "亿元"
        """,
    )
    write(
        "a.toml",
        """
        [[actuals]]
        indicator = "gdp"
        period = "2024"
        value = 100.0
        source = "s"

        [[actuals]]
        indicator = "gdp"
        period = "2024"
        value = 120.0
        source = "t"
        """,
    )
    diags = [d for d in check_dataset([tmp_path]).diagnostics if d.code == "conflict"]
    assert len(diags) == 1
    d = diags[0]
    assert (d.file.endswith("a.toml"), d.line) == (True, 7)
    assert d.excerpt == "[[actuals]]"
