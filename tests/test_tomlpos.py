"""Record lines: the cheap header scan agrees with the full key index."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltrack.store.tomlpos import PositionIndex, Positions

from .conftest import VALID

DOC = """\
[[indicators]]
id = "a"
targets = [
    { kind = "level", operator = "at_least", value = 1 },
    # a comment between targets
    { kind = "hold", operator = "at_most", value = 4.5, notes = "{ not a table }" },
]

[indicators.citation]
targets = [
    { kind = "not", value = 0 },
]

[[indicators]]
id = "b"
targets = [{ kind = "level", value = 1 }, { kind = "level", value = 2 }]

[[indicators]]
id = "c"

[[indicators.targets]]
kind = "level"
"""


def test_inline_targets_one_per_line() -> None:
    p = Positions(DOC)
    assert p.record(("indicators", 0)) == (1, 3)
    assert p.record(("indicators", 0, "targets", 0)) == (4, 5)
    assert p.record(("indicators", 0, "targets", 1)) == (6, 5)
    assert p.record(("indicators", 2, "targets", 0)) == (21, 1)


def test_targets_under_a_subtable_are_not_the_indicators() -> None:
    headers = Positions(DOC)._scan_headers()
    assert ("indicators", 0, "targets", 2) not in headers
    assert ("indicators", 1, "targets", 0) not in headers  # one line: left to the full index


def test_several_tables_on_one_line_fall_back_to_the_full_index() -> None:
    p = Positions(DOC)
    assert p.record(("indicators", 1, "targets", 1)) == PositionIndex(DOC).lookup(
        ("indicators", 1, "targets", 1)
    )


@pytest.mark.parametrize(
    "path",
    sorted(VALID.rglob("*.toml")) + sorted((Path(__file__).parents[1] / "targets").rglob("*.toml")),
    ids=str,
)
def test_header_scan_agrees_with_full_index_on_records(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    full = PositionIndex(text)
    for key, (line, _col) in Positions(text)._scan_headers().items():
        found = full.lookup(key)
        assert found is not None, key
        # the full index puts an inline array's element on the line where it starts or one
        # before it (the `targets = [` line); the scan gives the element's own line
        assert found[0] in (line, line - 1), key
