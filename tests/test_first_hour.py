"""A new user's first hour, through the CLI: the dataset you are in, figures stored as what
they are, one "did you mean", and writes that can be taken back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app

runner = CliRunner()
PLAN = "zj-14fyp"
BULLETIN = f"{PLAN}-bulletin-2023"


def figure(d: Path, indicator: str, period: str) -> dict[str, object]:
    """The one figure of `indicator` for `period` in the bulletin's actuals file."""
    doc = tomllib.loads((d / "actuals" / f"{BULLETIN}.toml").read_text(encoding="utf-8"))
    hits = [a for a in doc["actuals"] if a["indicator"] == indicator and a["period"] == period]
    assert len(hits) == 1, hits
    return dict(hits[0])


def run(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": str(columns)} if columns else None)
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def province(tmp_path: Path) -> Path:
    d = tmp_path / "zj"
    assert run("init", str(d), "--plan", PLAN, "--level", "provincial")[0] == 0
    return d


# --- 1. the dataset you are in ------------------------------------------------------------


def test_check_inside_a_dataset_reads_it_not_the_bundled_one(
        province: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for where, label in ((province, "."), (province / "actuals", ".."),
                         (province / PLAN, "..")):
        monkeypatch.chdir(where)
        code, _, err = run("check", "--strict")
        assert code == 0, err
        first = err.splitlines()[0]
        assert first == (f"goaltrack: dataset: {label} ({province}, the nearest directory "
                         "holding a plan)"), first
        assert "1 plans, 5 indicators" in err  # not the bundled 5 plans


def test_every_reading_command_says_which_dataset(
        province: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(province / "actuals")
    text = province / "bulletin.txt"
    text.write_text("示例省2023年统计公报\n全省生产总值为9000亿元。\n", encoding="utf-8")
    for args in (["report"], ["report", "-f", "json"], ["show", "gdp"], ["list"],
                 ["fmt", "--check"], ["extract", str(text)]):
        _, _, err = run(*args)
        assert err.startswith("goaltrack: dataset: .. ("), (args, err)


def test_outside_any_dataset_the_bundled_one_is_read_and_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check")
    assert code == 0, err
    assert err.splitlines()[0].startswith("goaltrack: dataset: the bundled Dalian dataset")
    # a directory of unrelated projects is not a dataset because one of them holds a plan
    (tmp_path / "other" / "p").mkdir(parents=True)
    (tmp_path / "other" / "p" / "plan.toml").write_text("[plan]\n", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path / "mine")
    assert run("list")[2].startswith("goaltrack: dataset: the bundled Dalian dataset")


def test_given_paths_are_said_too(province: Path) -> None:
    _, _, err = run("list", str(province))
    assert err.splitlines()[0] == f"goaltrack: dataset: {province}"


# --- 2. a figure stored as what it is -----------------------------------------------------

ZJ_GDP = f"""
[[indicators]]
id = "zj-gdp"
name = "全省生产总值"
category = "economy"
unit = "亿元"
nature = "expected"
citation = {{ source = "{PLAN}-outline", quote = "全省生产总值年均增长5.5%左右" }}

[[indicators.targets]]
kind = "growth"
operator = "about"
value = 5.5
"""


@pytest.fixture
def growth_only(province: Path) -> Path:
    with (province / PLAN / "indicators.toml").open("a", encoding="utf-8") as f:
        f.write(ZJ_GDP)
    return province


def test_record_of_a_level_for_a_growth_target_stores_a_level(growth_only: Path) -> None:
    code, out, err = run("record", "zj-gdp", "2023", "82553", str(growth_only),
                         "--source", BULLETIN, "--quote", "全省生产总值为82553亿元")
    assert code == 0, err
    assert "(level, " in out
    assert "note: recorded as a level: the quote gives 82553 亿元, which cannot be a growth " \
        "rate" in err
    assert figure(growth_only, "zj-gdp", "2023")["measure"] == "level"
    code, out, _ = run("show", "zj-gdp", str(growth_only))
    assert "%" not in out.split("82553")[1].splitlines()[0]  # never "8255300% growth"
    assert run("check", "--strict", str(growth_only))[0] == 0


def test_record_of_an_impossible_rate_is_a_question(growth_only: Path) -> None:
    code, _, err = run("record", "zj-gdp", "2023", "82553", str(growth_only),
                       "--source", BULLETIN)
    assert code == 2
    assert "is 82553 a level or a growth rate? As a yearly rate it would be +82553 %" in err
    assert "--measure level" in err
    code, _, err = run("record", "zj-gdp", "2023", "82553", str(growth_only), "--source",
                       BULLETIN, "--measure", "growth", "--quote", "全省生产总值为82553亿元")
    assert code == 2
    assert "82553 cannot be a growth rate: its quote gives 82553 亿元, a level" in err
    code, _, err = run("record", "zj-gdp", "2023", "-120", str(growth_only), "--source",
                       BULLETIN, "--measure", "growth")
    assert code == 2
    assert "a fall of 100 % or more" in err
    # a plausible rate with its % quote is a rate, as before
    code, out, err = run("record", "zj-gdp", "2023", "6", str(growth_only), "--source",
                         BULLETIN, "--quote", "全省生产总值比上年增长6%")
    assert code == 0, err
    assert "(growth, " in out
    assert not (growth_only / "actuals" / f"{BULLETIN}.toml").read_text(
        encoding="utf-8").count("82553")


def test_check_flags_a_growth_figure_whose_quote_gives_a_level(growth_only: Path) -> None:
    with (growth_only / "actuals" / f"{BULLETIN}.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[actuals]]\nindicator = "zj-gdp"\nperiod = "2023"\nmeasure = "growth"\n'
                'value = 82553\nquote = "全省生产总值为82553亿元"\n')
    code, _, err = run("check", str(growth_only))
    assert code == 0
    assert "warning[growth-level-unit]: zj-gdp 2023: a growth figure of 82553% whose quote " \
        "gives 82553 亿元, a level" in err
    assert 'hint: record it as a level (measure = "level", in 亿元)' in err
    assert run("check", "--strict", str(growth_only))[0] == 1


# --- 3. the summary counts per plan, and tracked apart from targets ------------------------


def _bundled_json() -> dict[str, object]:
    import json

    code, out, _ = run("report", "-f", "json")
    assert code == 0
    return dict(json.loads(out))


def test_summary_counts_provisional_per_plan_and_tracked_apart() -> None:
    doc = _bundled_json()
    plans = {p["id"]: p for p in doc["plans"]}  # type: ignore[attr-defined]
    for p in plans.values():
        evs = p["evaluations"]
        targets = [e for e in evs if e["status"] != "tracked"]
        assert p["summary_totals"] == {
            "targets": len(targets),
            "provisional": sum(1 for e in targets if e["provisional"]),
            "tracked": len(evs) - len(targets)}
    totals = doc["summary_totals"]
    assert totals["targets"] == sum(p["summary_totals"]["targets"] for p in plans.values())
    assert totals["tracked"] == doc["summary"]["tracked"]  # type: ignore[index]
    dalian = plans["dalian-14fyp"]["summary_totals"]
    code, out, _ = run("report", "--plan", "dalian-14fyp", columns=80)
    assert code == 0
    head = out.split("\n\n")[0]
    # the targets' total is not the targets plus the tracked indicators
    row = next(ln for ln in head.splitlines() if ln.startswith("Dalian"))
    assert row.split()[-3:] == [str(dalian["targets"]), str(dalian["provisional"]),
                                str(dalian["tracked"])]
    assert str(dalian["targets"] + dalian["tracked"]) not in row.split()
    assert "never counted in Targets" in " ".join(head.split())


@pytest.mark.parametrize("fmt", ["md", "toml", "html", "svg"])
def test_every_summary_keeps_tracked_apart(fmt: str) -> None:
    doc = _bundled_json()
    plans = {p["id"]: p for p in doc["plans"]}  # type: ignore[attr-defined]
    dalian = plans["dalian-14fyp"]["summary_totals"]
    code, out, _ = run("report", "-f", fmt)
    assert code == 0
    both = dalian["targets"] + dalian["tracked"]
    if fmt == "md":
        row = next(ln for ln in out.splitlines() if ln.startswith("| Dalian 14th"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[-3:] == [str(dalian["targets"]), str(dalian["provisional"]),
                              str(dalian["tracked"])]
        assert str(both) not in cells
        # each plan's provisional line counts that plan's own verdicts
        assert f"dalian-14fyp: of which provisional †: ✔ achieved " \
            f"{plans['dalian-14fyp']['summary_provisional']['achieved']}" in out
    elif fmt == "toml":
        back = tomllib.loads(out)
        assert back["summary_totals"] == doc["summary_totals"]
        assert {p["id"]: p["summary_totals"] for p in back["plans"]}["dalian-14fyp"] == dalian
    else:  # the summary bar: the targets, then the tracked apart
        assert f"Targets {dalian['targets']} († {dalian['provisional']})" in out
        assert f"Targets {both}" not in out
