"""Every export format: golden files, parsing back, escaping, and the same verdicts."""

from __future__ import annotations

import csv
import io
import json
import os
import tomllib
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.render import json_export

from .conftest import FIXTURES

STATUSES = FIXTURES / "statuses"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2025-06-30"
FORMATS = ("json", "csv", "md", "html", "toml", "svg")
EXPECTED = {
    "achieved": "achieved",
    "on-track": "on_track",
    "at-risk": "at_risk",
    "off-track": "off_track",
    "regressing": "regressing",
    "missed": "missed",
    "no-data": "no_data",
    "tracked": "tracked",
}


def export(fmt: str, *extra: str) -> str:
    if fmt == "svg" and "--plan" not in extra:
        extra = (*extra, "--plan", "s")  # the chart of one plan, with a line per target
    r = CliRunner().invoke(
        app,
        ["report", "-f", fmt, "--as-of", AS_OF, *extra, str(STATUSES)],
        env={"NO_COLOR": "1", "COLUMNS": "120"},
    )
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", (*FORMATS, "table"))
def test_golden(fmt: str, lang: str) -> None:
    out = export(fmt, "--lang", lang)
    golden = GOLDEN / (f"statuses.{fmt}" if lang == "en" else f"statuses.{lang}.{fmt}")
    if fmt == "table":
        golden = golden.with_suffix(".txt")
    if os.environ.get("GOALTRACK_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def statuses_json(text: str) -> dict[str, str]:
    doc = json.loads(text)
    return {e["indicator"]: e["status"] for p in doc["plans"] for e in p["evaluations"]}


def statuses_csv(text: str) -> dict[str, str]:
    return {r["indicator"]: r["status"] for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


def statuses_toml(text: str) -> dict[str, str]:
    return {e["indicator"]: e["status"] for e in tomllib.loads(text)["evaluations"]}


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.scripts = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def statuses_html(text: str) -> dict[str, str]:
    p = _Cells()
    p.feed(text)
    words = {
        "achieved": "achieved",
        "on track": "on_track",
        "at risk": "at_risk",
        "off track": "off_track",
        "regressing": "regressing",
        "missed": "missed",
        "no data": "no_data",
        "tracked": "tracked",
    }
    out = {}
    for row in p.rows:
        if len(row) >= 6:
            ind_id = next(k for k in EXPECTED if row[0].endswith(k))
            out[ind_id] = words[row[5].split(" ", 1)[1].removesuffix(" †")]  # † provisional
    return out


def statuses_md(text: str) -> dict[str, str]:
    names = {
        "Achieved indicator": "achieved",
        "On-track indicator": "on-track",
        "At-risk indicator": "at-risk",
        "Off-track indicator": "off-track",
        "Regressing": "regressing",
        "Missed indicator": "missed",
        "No-data indicator": "no-data",
        "Tracked indicator": "tracked",
    }
    words = {
        "achieved": "achieved",
        "on track": "on_track",
        "at risk": "at_risk",
        "off track": "off_track",
        "regressing": "regressing",
        "missed": "missed",
        "no data": "no_data",
        "tracked": "tracked",
    }
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.split(" | ")]
        if len(cells) >= 6 and not line.startswith("| Indicator"):
            key = next((v for k, v in names.items() if cells[0].lstrip("| ").startswith(k)), None)
            if key:
                out[key] = words[cells[-1].rstrip(" |").split(" ", 1)[1].removesuffix(" †")]
    return out


def statuses_svg(text: str) -> dict[str, str]:
    root = ET.fromstring(text)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    lines: dict[str, str] = {}
    for t in root.iter(f"{ns}text"):
        y = t.get("y", "")
        lines[y] = lines.get(y, "") + "".join(t.itertext()).replace("\xa0", " ")
    words = {
        "achieved": "achieved",
        "on track": "on_track",
        "at risk": "at_risk",
        "off track": "off_track",
        "regressing": "regressing",
        "missed": "missed",
        "no data": "no_data",
        "tracked": "tracked",
    }
    out = {}
    for line in lines.values():
        name = next(
            (k for k in EXPECTED if k.replace("-", " ").capitalize() in line.replace("-", " ")),
            None,
        )
        status = next((v for w, v in words.items() if f" {w}" in line), None)
        if name and status:
            out[name] = status
    return out


PARSERS = {
    "json": statuses_json,
    "csv": statuses_csv,
    "toml": statuses_toml,
    "html": statuses_html,
    "md": statuses_md,
    "svg": statuses_svg,
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_verdicts_as_table(fmt: str) -> None:
    table = export("table")
    for word in (
        "✔ achieved",
        "● on track",
        "▲ at risk",
        "✖ off track",
        "↓ regressing",
        "✘ missed",
        "? no data",
        "· tracked",
    ):
        assert word in table
    assert PARSERS[fmt](export(fmt)) == EXPECTED


def test_filters_apply_to_exports() -> None:
    assert statuses_csv(export("csv", "--category", "economy")) == {
        "achieved": "achieved",
        "on-track": "on_track",
        "at-risk": "at_risk",
        "tracked": "tracked",
    }


def test_csv_bom_option() -> None:
    assert export("csv", "--bom").startswith("\ufeff")
    assert not export("csv").startswith("\ufeff")


def test_html_escapes_data_and_has_no_scripts() -> None:
    text = export("html")
    p = _Cells()
    p.feed(text)
    assert p.scripts == 0
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_html_lang_zh() -> None:
    text = export("html", "--lang", "zh")
    assert '<html lang="zh-Hans">' in text
    assert "有风险" in text and "风险指标" in text


def test_markdown_escapes_data() -> None:
    text = export("md")
    assert "<script>" not in text
    assert r"\<script\>" in text
    assert r"\| \*bold\*" in text


def test_toml_round_trips() -> None:
    doc = tomllib.loads(export("toml"))
    assert doc["schema_version"] == 2
    assert doc["summary"]["missed"] == 1


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(), kids, max_size=4),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None)
@given(_json_values)
def test_json_writer_matches_the_standard_encoder(value: object) -> None:
    # The report's own JSON writer must mean exactly what json.dumps means, key order included.
    text = json_export.dumps(value)
    assert json.loads(text) == value
    assert json.dumps(json.loads(text)) == json.dumps(value)


def test_json_writer_layout() -> None:
    # the depth of an evaluation in a report: root, plans, plan, evaluations, evaluation
    doc = {"plans": [{"evaluations": [{"d": 1, "e": [1, {"x": None}], "f": "大连"}]}], "g": {}}
    assert json_export.dumps(doc) == (
        '{\n  "plans": [\n    {\n      "evaluations": [\n        {\n'
        '          "d": 1,\n          "e": [1, {"x": null}],\n          "f": "大连"\n'
        '        }\n      ]\n    }\n  ],\n  "g": {}\n}'
    )


def test_report_json_makes_each_evaluation_as_it_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from goaltrack.check.validate import check_dataset
    from goaltrack.evaluate import Options
    from goaltrack.evaluate.selection import AsOf
    from goaltrack.evaluate.summary import build_report

    rep = build_report(check_dataset([STATUSES]).dataset, Options(AsOf.parse(AS_OF)))
    eager = json_export.dumps(json_export.report_dict(rep)) + "\n"
    real = json_export.evaluation_dict
    written: list[str] = []
    made_at: list[int] = []  # how many characters were out when each evaluation was made

    def spy(report: object, e: object, lang: str = "en") -> object:
        made_at.append(sum(map(len, written)))
        return real(report, e, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(json_export, "evaluation_dict", spy)
    for chunk in json_export.iter_render_json(rep):
        written.append(chunk)
    assert "".join(written) == eager  # same text as the eager dict
    n = sum(len(p.evaluations) for p in rep.plans)
    assert n > 5 and len(made_at) == n
    assert made_at == sorted(made_at) and len(set(made_at)) == n  # one at a time, in between
    assert made_at[0] > 0


def test_json_writer_lazy_arrays_empty_and_deep() -> None:
    each = json_export._Each
    assert json_export.dumps({"a": each([], str)}) == '{\n  "a": []\n}'
    deep = {"a": {"b": {"c": {"d": {"e": each([1, 2], str)}}}}}
    assert json.loads(json_export.dumps(deep)) == {"a": {"b": {"c": {"d": {"e": ["1", "2"]}}}}}
    assert json.loads(json_export.dumps({"a": each([1, 2], lambda i: {"n": i})})) == {
        "a": [{"n": 1}, {"n": 2}]
    }
