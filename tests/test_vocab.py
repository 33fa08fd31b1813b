"""Each vocabulary is written once (goaltrack.core.vocab); everything that lists one derives it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from goaltrack.core import vocab
from goaltrack.evaluate import SEVERITY, STATUSES, Options, Thresholds
from goaltrack.evaluate.selection import AsOf
from goaltrack.evaluate.summary import JUDGED
from goaltrack.render.labels import STATUS_STYLE, STATUS_SYMBOL, STATUS_SYMBOL_ASCII, TEXT
from goaltrack.render.report_schema import report_schema_json
from goaltrack.store.schema import data_schema_json

SRC = Path(vocab.__file__).parent


def _enum(schema: dict[str, Any], model: str, field: str) -> list[str]:
    prop = schema["$defs"][model]["properties"][field] if model else schema["properties"][field]
    prop = next((p for p in prop.get("anyOf", [prop]) if "enum" in p or "$ref" in p), prop)
    if "$ref" in prop:
        prop = schema["$defs"][prop["$ref"].rsplit("/", 1)[-1]]
    enum: list[str] = prop["enum"]
    return enum


def test_data_schema_enums_are_the_vocabularies() -> None:
    schema = json.loads(data_schema_json())
    assert tuple(_enum(schema, "Target", "kind")) == vocab.TARGET_KINDS
    assert tuple(_enum(schema, "Actual", "measure")) == vocab.MEASURES
    assert tuple(_enum(schema, "Indicator", "nature")) == vocab.NATURES
    assert tuple(_enum(schema, "Indicator", "direction")) == vocab.DIRECTIONS
    assert tuple(_enum(schema, "Override", "status")) == vocab.VERDICTS


def test_report_schema_enums_are_the_vocabularies() -> None:
    schema = json.loads(report_schema_json())
    assert tuple(_enum(schema, "EvaluationOut", "status")) == vocab.STATUSES
    assert tuple(_enum(schema, "EvaluationOut", "nature")) == vocab.NATURES
    assert tuple(_enum(schema, "", "lang")) == vocab.LANGS
    assert tuple(_enum(schema, "", "vintage")) == vocab.VINTAGES
    assert tuple(_enum(schema, "", "method")) == vocab.METHODS
    summary = schema["properties"]["summary"]
    assert tuple(summary["propertyNames"]["enum"]) == vocab.STATUSES


def test_statuses_severity_and_summaries_come_from_the_vocabulary() -> None:
    assert STATUSES == vocab.STATUSES == (*vocab.VERDICTS, "tracked")
    assert JUDGED == vocab.VERDICTS
    assert sorted(SEVERITY, key=SEVERITY.__getitem__) == list(vocab.WORST_FIRST)
    assert sorted(vocab.WORST_FIRST) == sorted(vocab.STATUSES)
    assert SEVERITY["missed"] < SEVERITY["at_risk"] < SEVERITY["achieved"]


@pytest.mark.parametrize("lang", vocab.LANGS)
def test_every_status_has_a_word_a_symbol_and_a_style(lang: vocab.Lang) -> None:
    for table in (STATUS_SYMBOL, STATUS_SYMBOL_ASCII, STATUS_STYLE):
        assert tuple(table) == vocab.STATUSES
    words = [TEXT[lang][f"status.{s}"] for s in vocab.STATUSES]
    assert all(words) and len(set(words)) == len(words)
    assert {k.removeprefix("status.") for k in TEXT[lang] if k.startswith("status.")} == set(
        vocab.STATUSES
    )
    assert tuple(TEXT) == vocab.LANGS


def test_thresholds_are_defined_once() -> None:
    opts = Options(AsOf.parse(None))
    assert opts.thresholds == Thresholds(vocab.ON_TRACK, vocab.AT_RISK)
    assert (opts.vintage, opts.method) == (vocab.VINTAGES[0], vocab.METHODS[0])
    spelled = [
        p
        for p in SRC.rglob("*.py")
        if p.name != "vocab.py"
        and re.search(r"(?<![\d.])0\.95(?!\d)", p.read_text(encoding="utf-8"))
    ]
    assert spelled == []


def test_the_status_list_is_spelled_only_in_vocab() -> None:
    listing = re.compile(r'"achieved",\s*"on_track",\s*"at_risk"')
    spelled = [
        p.name
        for p in SRC.rglob("*.py")
        if p.name != "vocab.py" and listing.search(p.read_text("utf-8"))
    ]
    assert spelled == []


def test_cli_choices_are_the_vocabularies() -> None:
    from goaltrack.cli import common

    assert common.STATUS_NAMES is vocab.STATUSES
    assert (common.DEFAULT_ON_TRACK, common.DEFAULT_AT_RISK) == (vocab.ON_TRACK, vocab.AT_RISK)
    for name in (
        "CHECK_FORMATS",
        "REPORT_FORMATS",
        "SHOW_FORMATS",
        "COMPARE_FORMATS",
        "EXTRACT_FORMATS",
        "LIST_FORMATS",
        "LANGS",
        "VINTAGES",
        "METHODS",
    ):
        assert not hasattr(common, name) or getattr(common, name) is getattr(vocab, name)
