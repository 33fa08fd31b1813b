from __future__ import annotations

from pathlib import Path

from goaltrack.store.schema import data_schema_json

COMMITTED = Path(__file__).parents[1] / "targets" / "schema" / "goaltrack.schema.json"


def test_committed_schema_matches_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == data_schema_json(), (
        "run: goaltrack schema -o targets/schema/goaltrack.schema.json"
    )
