"""`revises` with a list of sources: one revision of several sources that agreed.

The case: FDI 2021 reported as 16.7 亿美元 by an estimate and by a full-year news figure
(they agree), then 16.8 by a later release that revises both.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from goaltrack.cli import app

from .conftest import PLAN

runner = CliRunner()

HEAD = (
    PLAN
    + """
[[sources]]
id = "estimate-2021"
title = "估计"
published = 2022-01-10

[[sources]]
id = "news-2022"
title = "新闻"
published = 2022-02-20

[[sources]]
id = "bulletin-2022"
title = "公报"
published = 2022-04-01

[[indicators]]
id = "fdi"
name = "实际使用外资"
category = "economy"
unit = "亿美元"
citation = { source = "news-2022", quote = "20亿美元" }

[[indicators.targets]]
kind = "level"
operator = "at_least"
value = 20
year = 2025

[[actuals]]
indicator = "fdi"
period = "2021"
value = 16.7
source = "estimate-2021"
status = "estimate"

[[actuals]]
indicator = "fdi"
period = "2021"
value = 16.7
source = "news-2022"
"""
)

REVISION = """
[[actuals]]
indicator = "fdi"
period = "2021"
value = 16.8
source = "bulletin-2022"
revises = {revises}
"""


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def dataset(tmp_path: Path, revises: str) -> Path:
    d = tmp_path / "data"
    d.mkdir(exist_ok=True)
    (d / "data.toml").write_text(HEAD + REVISION.format(revises=revises), encoding="utf-8")
    return d


def evaluation(d: Path, *args: str) -> dict[str, Any]:
    code, out, err = run("report", "--format", "json", *args, str(d))
    assert code == 0, err
    ev: dict[str, Any] = json.loads(out)["plans"][0]["evaluations"][0]
    return ev


def revises_line(d: Path) -> int:
    lines = (d / "data.toml").read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if ln.startswith("revises"))


def test_one_revision_of_two_agreeing_sources_is_no_conflict(tmp_path: Path) -> None:
    d = dataset(tmp_path, '["estimate-2021", "news-2022"]')
    code, _, err = run("check", "--strict", str(d))
    assert code == 0, err
    assert "0 errors" in err


def test_naming_only_one_of_them_is_still_a_conflict(tmp_path: Path) -> None:
    d = dataset(tmp_path, '"estimate-2021"')
    code, _, err = run("check", str(d))
    assert code == 1
    assert "error[conflict]" in err and "16.8 from 'bulletin-2022'" in err
    assert "revises = [" in err  # the hint shows the list form


def test_unknown_id_in_the_list_is_an_error_at_its_line(tmp_path: Path) -> None:
    d = dataset(tmp_path, '["estimate-2021", "news-202"]')
    code, _, err = run("check", str(d))
    assert code == 1
    assert (
        f"data.toml:{revises_line(d)}:1: error[unknown-source]: `revises` refers to "
        "unknown source 'news-202'"
    ) in err
    assert "did you mean 'news-2022'?" in err
    assert "'estimate-2021'" not in err.split("error[unknown-source]")[1].splitlines()[0]


def test_own_source_in_the_list_is_a_self_reference(tmp_path: Path) -> None:
    d = dataset(tmp_path, '["estimate-2021", "news-2022", "bulletin-2022"]')
    code, _, err = run("check", str(d))
    assert code == 1
    assert f"data.toml:{revises_line(d)}:1: error[self-reference]:" in err


def test_a_wrong_revises_value_gets_one_message(tmp_path: Path) -> None:
    for revises, words in (
        ("[]", "'revises' lists no source: give one or more source ids"),
        ('["news-2022", "news-2022"]', "'revises' names 'news-2022' twice"),
        ("8", "'revises' is a source id or a list of source ids, not int 8"),
        ('["news-2022", 2]', "'revises' lists int 2, not a source id"),
        ('["News 2022"]', "'News 2022' in 'revises' is not a source id"),
    ):
        d = dataset(tmp_path, revises)
        code, _, err = run("check", str(d))
        assert code == 1, revises
        problems = [ln for ln in err.splitlines() if ": error[" in ln]
        assert len(problems) == 1, err  # not one per form (an id, a list) it may take
        assert problems[0].startswith(
            f"data/data.toml:{revises_line(d)}:1: error[invalid-value]: actuals[2].revises: {words}"
        )


def test_revision_cycle_is_an_error(tmp_path: Path) -> None:
    d = dataset(tmp_path, '["estimate-2021", "news-2022"]')
    f = d / "data.toml"
    f.write_text(
        f.read_text(encoding="utf-8").replace(
            'source = "news-2022"\n', 'source = "news-2022"\nrevises = "bulletin-2022"\n'
        ),
        encoding="utf-8",
    )
    code, _, err = run("check", str(d))
    assert code == 1
    cycles = [ln for ln in err.splitlines() if "error[revision-cycle]" in ln]
    assert len(cycles) == 1, err
    assert "fdi 2021 (level): figures revise each other in a cycle" in cycles[0]
    lines = f.read_text(encoding="utf-8").splitlines()
    at = int(cycles[0].split(":")[1])
    assert lines[at - 1].startswith("revises = ")  # at a `revises` line of the cycle
    assert (
        "news-2022 → bulletin-2022 → news-2022" in cycles[0]
        or "bulletin-2022 → news-2022 → bulletin-2022" in cycles[0]
    )


def test_the_revision_is_used_and_both_revised_figures_say_why_not(tmp_path: Path) -> None:
    d = dataset(tmp_path, '["estimate-2021", "news-2022"]')
    doc = evaluation(d)
    latest = doc["latest"]
    assert isinstance(latest, dict)
    assert latest["value"] == 16.8 and latest["source"] == "bulletin-2022"
    not_used = doc["not_used"]
    assert isinstance(not_used, list)
    why = {n["source"]: n["why"] for n in not_used}
    assert why == {
        "estimate-2021": "revised by bulletin-2022",
        "news-2022": "revised by bulletin-2022",
    }
    code, out, _ = run("show", "fdi", "--format", "json", str(d))
    assert code == 0
    shown = json.loads(out)
    assert shown["report_schema_version"] == 2
    figures = {f["source"]: f for f in shown["figures"]}
    assert figures["bulletin-2022"]["revises"] == ["estimate-2021", "news-2022"]
    assert figures["bulletin-2022"]["not_used"] is None
    assert figures["news-2022"]["not_used"] == "revised by bulletin-2022"
    code, out, _ = run("show", "fdi", str(d))
    assert code == 0
    assert "not used: 2021 16.7 (news-2022): revised by bulletin-2022" in out
    assert "revises estimate-2021, news-2022" in " ".join(out.split())
    code, out, _ = run("show", "fdi", "--lang", "zh", str(d))
    assert code == 0
    assert "修订estimate-2021、news-2022" in "".join(out.split())


def test_a_revision_wins_over_the_sources_it_names_whatever_their_dates(tmp_path: Path) -> None:
    # The revision's source carries an earlier date than one it revises (a mistyped date,
    # or an estimate dated later): it still supersedes both.
    d = dataset(tmp_path, '["estimate-2021", "news-2022"]')
    f = d / "data.toml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("published = 2022-02-20", "published = 2022-06-20"),
        encoding="utf-8",
    )
    assert evaluation(d)["latest"]["source"] == "bulletin-2022"
    assert evaluation(d, "--vintage", "first")["latest"]["source"] == "estimate-2021"


def test_fmt_keeps_the_list(tmp_path: Path) -> None:
    d = dataset(tmp_path, '["estimate-2021", "news-2022"]')
    before = (d / "data.toml").read_text(encoding="utf-8")
    assert run("fmt", str(d))[0] == 0
    after = (d / "data.toml").read_text(encoding="utf-8")
    assert 'revises = ["estimate-2021", "news-2022"]' in after
    assert tomllib.loads(after) == tomllib.loads(before)
    assert run("fmt", "--check", str(d))[0] == 0


def test_record_revises_several_sources(tmp_path: Path) -> None:
    d = tmp_path / "data"
    d.mkdir()
    (d / "data.toml").write_text(HEAD, encoding="utf-8")
    (d / "schema").mkdir()
    assert run("schema", "-o", str(d / "schema" / "goaltrack.schema.json"))[0] == 0
    args = ("record", "fdi", "2021", "16.8", "--source", "bulletin-2022", "--data", str(d))
    code, _, err = run(*args, "--revises", "news-2022")
    assert code == 1  # the estimate's 16.7 still disagrees with 16.8
    assert "error[conflict]" in err
    code, _, err = run(*args, "--revises", "estimate-2021", "--revises", "news-2022")
    assert code == 0, err
    written = [p for p in d.rglob("*.toml") if p.name != "data.toml"]
    assert len(written) == 1
    text = written[0].read_text(encoding="utf-8")
    assert 'revises = ["estimate-2021", "news-2022"]' in text
    code, _, err = run("check", "--strict", str(d))
    assert code == 0, err
    assert run("fmt", "--check", str(written[0]))[0] == 0
    assert evaluation(d)["latest"]["value"] == 16.8
