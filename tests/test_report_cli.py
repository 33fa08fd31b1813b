"""`goaltrack report` and `show` through the CLI runner."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from goaltrack.cli import app

from .conftest import PLAN, VALID

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"NO_COLOR": "1"})
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def test_report_table_shows_every_target() -> None:
    code, out, _ = run("report", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    for word in ("GDP", "High-tech", "≥ 2× 2020", "▲ at risk", "? no data"):
        assert word in out
    assert "\x1b[" not in out


def test_report_zh() -> None:
    code, out, _ = run("report", "--lang", "zh", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    assert "地区生产总值" in out
    assert "有风险" in out


def test_report_json_has_schema_version_and_verdicts() -> None:
    code, out, _ = run("report", "--format", "json", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 2
    evs = {(e["indicator"], e["kind"]): e for p in doc["plans"] for e in p["evaluations"]}
    firms = evs[("hitech-firms", "multiple")]
    assert firms["status"] == "at_risk"
    assert firms["target_value"] == 4800
    assert round(firms["pace_ratio"], 4) == round((1600 / 2400) / 0.8, 4)


def test_report_schema_version_2_has_what_changed_since_1(
    write: Callable[[str, str], Path],
) -> None:
    # Version 2 (docs/report-json.md, Changes): the status `tracked` (counted in `summary`),
    # `lang`, `summary_provisional` and each evaluation's `provisional`.
    path = write(
        "p.toml",
        PLAN
        + """
[[indicators]]
id = "firms"
name = "企业"
category = "c"
unit = "家"

[[actuals]]
indicator = "firms"
period = "2024"
value = 10
source = "s"
""",
    )
    code, out, err = run("report", "--format", "json", "--lang", "zh", str(path))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema_version"] == 2 and doc["lang"] == "zh"
    assert doc["summary"]["tracked"] == 1
    assert "summary_provisional" in doc and "summary_provisional" in doc["plans"][0]
    (ev,) = doc["plans"][0]["evaluations"]
    assert (ev["kind"], ev["status"], ev["provisional"]) == ("tracked", "tracked", [])
    code, out, _ = run("report", "--format", "toml", str(path))
    assert code == 0 and tomllib.loads(out)["schema_version"] == 2
    code, out, _ = run("schema", "--report")
    schema = json.loads(out)
    assert schema["properties"]["schema_version"]["const"] == 2
    assert "tracked" in schema["$defs"]["EvaluationOut"]["properties"]["status"]["enum"]


def test_json_output_file_written(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    code, stdout, _ = run("report", "-f", "json", "-o", str(out), str(VALID))
    assert code == 0
    assert stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 2


def test_filters_and_fail_on() -> None:
    code, out, _ = run("report", "-f", "json", "--status", "no_data", str(VALID))
    doc = json.loads(out)
    assert {e["status"] for p in doc["plans"] for e in p["evaluations"]} == {"no_data"}
    code, _, err = run("report", "--fail-on", "at_risk", "--as-of", "2025-06-30", str(VALID))
    assert code == 1
    # hitech-firms (4000 in 2024 of 4800, judged at 2024: R = 0.83) and new-jobs (the flows
    # out by mid-2025 cover 2021–2024); the gdp level, 60 % of the way in 2023, is judged at
    # 2023 (R = 1.0), not against the 80 % of the time gone since
    assert "2 target(s) with status at_risk" in err
    assert run("report", "--fail-on", "missed", "--as-of", "2025-06-30", str(VALID))[0] == 0


def test_as_of_before_revision_uses_first_figure() -> None:
    def gdp_latest(as_of: str) -> float:
        doc = json.loads(run("report", "-f", "json", "--as-of", as_of, str(VALID))[1])
        e = next(
            e
            for p in doc["plans"]
            for e in p["evaluations"]
            if e["indicator"] == "gdp" and e["kind"] == "level"
        )
        return float(e["latest"]["value"])

    assert gdp_latest("2025-01-01") == 8750
    assert gdp_latest("2025-12-31") == 8800


def test_report_usage_errors() -> None:
    assert run("report", "--format", "pdf", str(VALID))[0] == 2
    assert run("report", "--status", "great", str(VALID))[0] == 2
    assert run("report", "--as-of", "soon", str(VALID))[0] == 2
    assert run("report", "--lang", "fr", str(VALID))[0] == 2


def test_report_refuses_broken_dataset(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text("[plan]\nid = 1\n", encoding="utf-8")
    code, _, err = run("report", str(tmp_path))
    assert code == 1
    assert "fix them first" in err


def test_show_explains_verdict() -> None:
    code, out, _ = run("show", "gdp", "--as-of", "2025-06-30", str(VALID))
    assert code == 0
    # 60 % of the way in 2023, judged at 2023 (τ = 3/5): R = 1.0; 2024 is a gap, provisional
    assert "pace ratio R = 1.000" in out
    assert "provisional: rests on the 2023 figure; no 2024 figure recorded" in out
    assert "not used: 2023 8750 (bulletin-2023): revised by revision-2025" in out
    assert "Trajectory" in out


def test_show_unknown_indicator_suggests() -> None:
    code, _, err = run("show", "gpd", str(VALID))
    assert code == 2
    assert "did you mean gdp" in err


def test_json_report_matches_published_schema() -> None:
    from goaltrack.render.report_schema import ReportOut

    for as_of in ("2023", "2025-06-30", "2026"):
        out = run("report", "-f", "json", "--as-of", as_of, str(VALID))[1]
        ReportOut.model_validate(json.loads(out))  # raises on any undocumented key
    code, out, _ = run("schema", "--report")
    assert code == 0
    assert json.loads(out)["title"] == "goaltrack report (JSON)"
