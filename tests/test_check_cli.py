"""`goaltrack check` through the CLI runner: locations, messages, exit codes, formats."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from goaltrack.cli import app

from .conftest import PLAN, SOURCES, VALID

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def test_valid_fixture_is_clean_and_quotes_verify() -> None:
    code, _, err = run("check", "--sources", str(SOURCES), str(VALID))
    assert code == 0, err
    assert "0 errors" in err
    assert "27 verified, 0 not found" in err


def test_strict_promotes_warnings(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    f = data / "actuals" / "news-2024.toml"
    f.write_text(f.read_text(encoding="utf-8").replace("partial = true\n", "", 1), encoding="utf-8")
    code, _, err = run("check", str(data))
    assert code == 0
    assert "news-2024.toml:10:1: warning[partial-period]" in err
    code, _, err = run("check", "--strict", str(data))
    assert code == 1
    assert "news-2024.toml:10:1: error[partial-period]" in err
    assert "add `partial = true`" in err


def test_broken_value_points_to_file_and_line(
    tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    write("plan.toml", PLAN)
    write(
        "ind.toml",
        """
        [defaults]
        plan = "p"

        [[indicators]]
        id = "gdp"
        name = "地区生产总值"
        category = "economy"
        unit = "亿元"

        [[indicators.targets]]
        kind = "level"
        operator = "at_least"
        value = "lots"
        """,
    )
    code, _, err = run("check", str(tmp_path))
    assert code == 1
    assert "ind.toml:13:1: error[invalid-value]: indicators[0].targets[0].value" in err
    assert '13 | value = "lots"' in err
    assert "   | ^^^^^" in err


def test_unknown_key_suggests(tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    write("plan.toml", PLAN + '\n[[sources]]\nid = "t"\ntitle = "x"\npublishd = 2024-01-01\n')
    code, _, err = run("check", str(tmp_path))
    assert code == 1
    assert "plan.toml:18:1: error[unknown-key]: unknown key 'publishd' in sources[1]" in err
    assert "did you mean 'published'?" in err


def test_twenty_problems_twenty_messages(tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    write("plan.toml", PLAN)
    body = '[defaults]\nsource = "s"\n'
    for i in range(20):
        body += f'\n[[actuals]]\nindicator = "nope{i}"\nperiod = "2023"\nvalue = 1\nquote = "q"\n'
    write("actuals.toml", body)
    code, out, _ = run("check", "--format", "json", str(tmp_path))
    assert code == 1
    doc = json.loads(out)
    assert doc["schema_version"] == 2
    unknown = [d for d in doc["diagnostics"] if d["code"] == "unknown-indicator"]
    assert len(unknown) == 20
    assert [d["line"] for d in unknown] == [4 + 6 * i for i in range(20)]


def test_json_summary_version_2_counts(tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    # Version 2 (docs/checks.md, JSON output): invalid records are counted with the valid
    # ones and apart; `quotes_unarchived` counts figures (one here has no quote at all).
    write(
        "plan.toml",
        PLAN
        + """
[[indicators]]
id = "gdp"
name = "g"
category = "economy"
unit = "亿元"

[[actuals]]
indicator = "gdp"
period = "2023"
value = 100
source = "s"
quote = "100亿元"

[[actuals]]
indicator = "gdp"
period = "2024"
value = 110
source = "s"

[[actuals]]
indicator = "gdp"
period = "2022"
value = "90"
source = "s"
""",
    )
    texts = tmp_path / "texts"
    texts.mkdir()
    code, out, _ = run("check", "--format", "json", "--sources", str(texts), str(tmp_path))
    assert code == 1
    doc = json.loads(out)
    assert doc["schema_version"] == 2 and doc["ok"] is False
    summary = doc["summary"]
    assert (summary["actuals"], summary["invalid_actuals"]) == (3, 1)
    assert summary["quotes_unarchived"] == 2
    assert "invalid_sources" not in summary


def test_toml_syntax_error_has_line(tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    write("bad.toml", '[plan]\nid = "p"\nname = 计划\n')
    code, _, err = run("check", str(tmp_path))
    assert code == 1
    assert "bad.toml:3:8: error[toml-syntax]" in err


def test_github_format(tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    write("bad.toml", '[plan]\nid = "p"\nname = 计划\n')
    code, out, _ = run("check", "--format", "github", str(tmp_path))
    assert code == 1
    assert out.startswith("::error file=")
    assert ",line=3," in out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check", "--format", "xml", str(tmp_path))[0] == 2
    assert run("check", "--sources", str(tmp_path / "missing"), str(tmp_path))[0] == 2
    assert run("check", "--no-such-option")[0] == 2


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("goaltrack ")
