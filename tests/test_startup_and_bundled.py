"""Start-up stays light, and the bundled dataset is found and clean from any directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.store.locate import bundled_dataset, resolve_paths

REPO = Path(__file__).parents[1]
SHARED_SOURCES = REPO.parent / "shared" / "sources"


def test_version_imports_no_heavy_modules() -> None:
    code = (
        "import sys; sys.argv = ['goaltrack', '--version']\n"
        "from goaltrack import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('rich', 'pydantic', 'opencc')]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("[]"), out


def test_a_run_builds_only_its_own_command() -> None:
    """Typer builds a command's options from its signature: a run builds the one it runs."""
    from .conftest import VALID

    code = (
        "import sys\n"
        f"sys.argv = ['goaltrack', 'check', {str(VALID)!r}]\n"
        "from goaltrack import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('goaltrack.cli.'))))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert p.stderr.strip().endswith("['goaltrack.cli.check', 'goaltrack.cli.common']"), p.stderr


def test_help_and_a_mistyped_command_still_know_every_command() -> None:
    r = CliRunner().invoke(app, ["--help"])
    listed = [line.split()[0] for line in r.stdout.split("Commands:")[1].splitlines() if line]
    assert listed == [
        "check", "schema", "report", "show", "fmt", "record", "unrecord",
        "extract", "init", "list", "source",
    ]  # fmt: skip
    r = CliRunner().invoke(app, ["repot"])
    assert r.exit_code == 2
    assert "No such command 'repot'. Did you mean 'report'?" in r.stderr
    r = CliRunner().invoke(app, ["source", "ad"])
    assert r.exit_code == 2
    assert "No such command 'ad'" in r.stderr


def test_paths_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    paths, origin = resolve_paths(None)
    assert origin == "bundled"
    assert paths == [bundled_dataset()]
    (tmp_path / "targets").mkdir()  # a directory without a plan is not a dataset
    assert resolve_paths(None) == ([bundled_dataset()], "bundled")
    (tmp_path / "targets" / "p").mkdir()
    (tmp_path / "targets" / "p" / "plan.toml").write_text("[plan]\n", encoding="utf-8")
    assert resolve_paths(None) == ([Path("targets")], "found")
    assert resolve_paths([tmp_path]) == ([tmp_path], "given")


def test_bundled_dataset_is_clean_strict() -> None:
    args = ["check", "--strict", "--format", "json"]
    if SHARED_SOURCES.is_dir():
        args += ["--sources", str(SHARED_SOURCES)]
    r = CliRunner().invoke(app, [*args, str(bundled_dataset())])
    doc = json.loads(r.stdout)
    assert [d for d in doc["diagnostics"] if d["severity"] != "note"] == []
    assert r.exit_code == 0
    assert doc["summary"]["plans"] >= 1
    assert doc["summary"]["indicators"] >= 50


def test_report_from_another_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["report", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert any(p["id"] == "dalian-14fyp" for p in doc["plans"])


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["report", "-f", "json"], ["report"], ["check"], ["show", "gdp"], ["list"]]
)
def test_reading_commands_do_not_import_tomlkit(args: list[str]) -> None:
    """tomlkit (~25–75 ms to import) is for commands that edit data files only."""
    from .conftest import VALID

    code = (
        "import sys\n"
        f"sys.argv = ['goaltrack', *{args!r}, {str(VALID)!r}]\n"
        "from goaltrack import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('tomlkit'))))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert p.stderr.strip().endswith("[]"), p.stderr[-500:]
