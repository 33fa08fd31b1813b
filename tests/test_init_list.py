"""`goaltrack init` and `goaltrack list` through the CLI runner."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.store.scaffold import LEVELS

from .conftest import VALID

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize("level", LEVELS)
def test_init_writes_a_dataset_that_passes_strict_check(tmp_path: Path, level: str) -> None:
    d = tmp_path / "new"
    code, out, err = run("init", str(d), "--plan", "town-14fyp", "--level", level)
    assert code == 0, err
    assert out == ""
    assert f"created {d / 'town-14fyp' / 'plan.toml'}" in err
    plan = tomllib.loads((d / "town-14fyp" / "plan.toml").read_text(encoding="utf-8"))
    assert plan["plan"]["id"] == "town-14fyp"
    assert plan["plan"]["level"] == level
    code, _, err = run("check", "--strict", str(d))
    assert code == 0, err
    assert "1 plans, 5 indicators, 6 targets, 2 sources, 6 actuals" in err
    assert "0 errors, 0 warnings" in err
    code, out, err = run("fmt", "--check", str(d))  # already in the canonical layout
    assert (code, out) == (0, ""), err
    # Every key of the plan is explained by a comment on its line.
    lines = (d / "town-14fyp" / "plan.toml").read_text(encoding="utf-8").splitlines()
    keyed = [ln for ln in lines if "=" in ln and not ln.startswith("#")]
    assert keyed and all("#" in ln for ln in keyed[:10]), keyed
    # One indicator of each common kind of target.
    code, out, _ = run("list", "--format", "json", str(d))
    kinds = {k for i in json.loads(out)["plans"][0]["indicators"] for k in i["kinds"]}
    assert kinds == {"level", "growth", "hold", "cumulative", "multiple", "milestone"}


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text("# mine\n", encoding="utf-8")
    code, out, err = run("init", str(tmp_path))
    assert code == 1
    assert out == ""
    assert f"refused: {tmp_path / 'sources.toml'} exists" in err
    assert (tmp_path / "sources.toml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "my-plan").exists()  # nothing written at all


def test_init_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "not-a-dir"
    f.write_text("x", encoding="utf-8")
    code, out, err = run("init", str(f))
    assert code == 2
    assert out == ""
    assert f"cannot write {f / 'my-plan' / 'plan.toml'}: Not a directory" in err


def test_init_usage_errors(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path), "--plan", "Bad Id")
    assert code == 2
    assert "plan id 'Bad Id' is not an id" in err
    code, _, err = run("init", str(tmp_path), "--level", "town")
    assert code == 2
    assert "unknown level 'town'" in err
    assert not any(tmp_path.iterdir())


def test_list_text_and_json() -> None:
    code, out, err = run("list", str(VALID))
    assert code == 0, err
    assert out.startswith("plan demo: ")
    assert "    gdp " in out
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("    ")}
    assert lines["gdp"].split()[1:] == ["地区生产总值", "亿元", "growth,", "level", "6"]
    assert "sources: 5" in out
    code, out, _ = run("list", "--format", "json", str(VALID))
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 1
    gdp = next(i for i in doc["plans"][0]["indicators"] if i["id"] == "gdp")
    assert gdp["unit"] == "亿元"
    assert gdp["kinds"] == ["growth", "level"]
    assert {s["id"] for s in doc["sources"]} >= {"outline", "revision-2025"}


def test_list_shows_what_it_can_and_exits_1_on_errors(tmp_path: Path) -> None:
    run("init", str(tmp_path), "--plan", "p")
    f = tmp_path / "p" / "indicators.toml"
    text = f.read_text(encoding="utf-8").replace(
        'name = "城镇新增就业"', 'name = "城镇\\n新增\\u001b[31m就业"'
    )
    f.write_text(text.replace('unit = "家"', 'unit = "亿美金"'), encoding="utf-8")
    code, out, err = run("list", str(tmp_path))
    assert code == 1
    assert "the dataset has 1 error(s)" in err
    assert "hitech-firms" not in out  # the invalid indicator cannot be listed, but is counted
    assert out.endswith("not listed, invalid (see `goaltrack check`): 1 indicators\n")
    assert "城镇\\n新增\\e[31m就业" in out  # a newline or escape in data stays inert
    assert "\x1b" not in out
    code, out, _ = run("list", "--format", "json", str(tmp_path))
    assert code == 1
    assert json.loads(out)["invalid"] == {"indicators": 1}


def test_list_usage_error() -> None:
    assert run("list", "--format", "xml", str(VALID))[0] == 2
