"""`goaltrack show`: JSON output, -o, --ascii and the thresholds, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.render.labels import ASCII_GLYPHS

BUNDLED = Path(__file__).parent.parent / "targets"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def test_show_json_has_every_figure_and_the_reports_verdicts() -> None:
    code, out, _ = run("show", "gdp", str(BUNDLED), "--format", "json", "--as-of", "2026-06-30")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 1
    assert doc["indicator"]["id"] == "gdp" and doc["indicator"]["unit"] == "亿元"
    # every recorded figure, each with its own unit: a growth rate is in %, not 亿元
    periods = {(f["period"], f["source"], f["measure"]) for f in doc["figures"]}
    assert ("2025", "xinhua-2026-01-23", "level") in periods
    units = {f["measure"]: f["unit"] for f in doc["figures"]}
    assert units["growth"] == "%" and units["level"] == "亿元"
    # a figure set aside says why; a used one says nothing
    gwr = next(f for f in doc["figures"] if f["source"] == "dalian-2023-gwr")
    assert gwr["not_used"] == "revised by jetro-2023-02-10"
    used = next(
        f for f in doc["figures"] if f["source"] == "xinhua-2026-01-23" and f["measure"] == "level"
    )
    assert used["not_used"] is None
    # the verdicts are the report's, evaluation for evaluation
    _, rep, _ = run("report", str(BUNDLED), "--format", "json", "--as-of", "2026-06-30")
    report_evs = [
        e for p in json.loads(rep)["plans"] for e in p["evaluations"] if e["indicator"] == "gdp"
    ]
    assert doc["evaluations"] == report_evs


def test_show_json_in_chinese_and_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "gdp.json"
    code, stdout, _ = run("show", "gdp", str(BUNDLED), "-f", "json", "--lang", "zh", "-o", str(out))
    assert code == 0 and stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["lang"] == "zh"
    assert any("年均" in e["target"] or "≥" in e["target"] for e in doc["evaluations"])


def test_show_text_to_a_file_is_plain_text(tmp_path: Path) -> None:
    out = tmp_path / "gdp.txt"
    code, stdout, _ = run("show", "gdp", str(BUNDLED), "-o", str(out))
    assert code == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "地区生产总值" in text and "\x1b[" not in text


def test_show_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("show", "gdp", str(BUNDLED), "--format", "yaml")
    assert code == 2 and "text or json" in err


def test_show_ascii_has_no_ambiguous_glyph() -> None:
    code, out, _ = run("show", "pm25", str(BUNDLED), "--ascii")
    assert code == 0
    glyphs = {chr(c) for c in ASCII_GLYPHS} | set("━┃┏┓┗┛┡┩╇╈┳┻")
    assert "PM2.5" in out
    assert not glyphs & set(out), sorted(glyphs & set(out))
    code, plain, _ = run("show", "pm25", str(BUNDLED))
    assert glyphs & set(plain)  # the default keeps them: the test above can fail


def test_show_pace_line_states_the_thresholds_in_use() -> None:
    code, out, _ = run(
        "show",
        "fdi-actual",
        str(BUNDLED),
        "--as-of",
        "2024-06-30",
        "--on-track",
        "0.9",
        "--at-risk",
        "0.5",
    )
    assert code == 0
    assert "(on track ≥ 0.9, at risk ≥ 0.5)" in out
    code, _, err = run("show", "gdp", str(BUNDLED), "--on-track", "0.4", "--at-risk", "0.6")
    assert "--at-risk" in err
    assert code == 2
