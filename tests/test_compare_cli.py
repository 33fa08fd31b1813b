"""`goaltrack report --compare PRED,SUCC`: a plan beside its successor, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.store.locate import bundled_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "succession"
AS_OF = ("--as-of", "2026-12-01")


def run(*args: str, width: int = 160) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": str(width)})
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


def _line(out: str, name: str) -> str:
    return next(ln for ln in out.splitlines() if name in ln)


def test_table_sets_each_indicator_beside_its_successor() -> None:
    code, out, _ = run("report", "--compare", "p14,p15", *AS_OF, str(FIXTURE))
    assert code == 0
    assert "14th Five-Year Plan → 15th Five-Year Plan" in out
    solar = _line(out, "Renewable capacity")
    for cell in (
        "≥ 12 亿千瓦",
        "200000 万千瓦 (2025)",
        "✔ achieved",
        "≥ 3600 GW",
        "tighter (60 → 320 GW/yr)",
    ):
        assert cell in solar
    rd = _line(out, "R&D intensity")
    assert "✘ missed" in rd and "looser (0.16 → 0.1%/yr)" in rd
    assert "unrecorded" in _line(out, "Grain output capacity")
    assert "new" in _line(out, "Digital economy")
    assert "unchanged (5.5 → 5.5%)" in _line(out, "Surveyed urban unemployment")


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_fits_the_width(width: int) -> None:
    code, out, _ = run("report", "--compare", "p14,p15", *AS_OF, str(FIXTURE), width=width)
    assert code == 0
    from rich.cells import cell_len

    assert max(cell_len(ln) for ln in out.splitlines()) <= width
    assert "tighter" in out and "unrecorded" in out


def test_table_zh() -> None:
    code, out, _ = run("report", "--compare", "p14,p15", "--lang", "zh", *AS_OF, str(FIXTURE))
    assert code == 0
    solar = _line(out, "可再生能源装机容量")
    assert "提高 (60 → 320 GW/年)" in solar and "✔ 已完成" in solar
    assert "数据中无后继目标" in _line(out, "粮食综合生产能力")


def test_json() -> None:
    code, out, _ = run("report", "--compare", "p14,p15", "-f", "json", *AS_OF, str(FIXTURE))
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 1
    assert doc["as_of"] == "2026-12-01" and doc["lang"] == "en"
    assert (doc["before"]["id"], doc["after"]["id"]) == ("p14", "p15")
    assert doc["summary"] == {
        "tighter": 1,
        "looser": 3,
        "unchanged": 1,
        "changed": 0,
        "new": 1,
        "dropped": 1,
    }
    rows = {(r["before"] or {}).get("indicator"): r for r in doc["rows"]}
    solar = rows["p14-solar"]
    assert solar["after"]["indicator"] == "p15-solar"
    assert (solar["before"]["ask"], solar["after"]["ask"]) == (60, 320)
    assert solar["ask_unit"] == "GW/yr" and solar["ambition"] == "tighter"
    assert solar["before"]["status"] == "achieved"
    assert solar["before"]["outcome"]["value"] == 200000
    assert rows["p14-grain"]["after"] is None and rows["p14-grain"]["ambition"] == "dropped"
    assert rows[None]["after"]["indicator"] == "p15-digital"
    assert rows["p14-rd"]["before"]["status"] == "missed"


def test_markdown_and_csv() -> None:
    code, md, _ = run("report", "--compare", "p14,p15", "-f", "md", *AS_OF, str(FIXTURE))
    assert code == 0
    assert md.startswith("# 14th Five-Year Plan → 15th Five-Year Plan\n")
    assert (
        "| Renewable capacity | ≥ 12 亿千瓦 | 200000 万千瓦 \\(2025\\) | ✔ achieved | "
        "≥ 3600 GW | tighter \\(60 → 320 GW/yr\\) |" in md
    )
    code, out, _ = run("report", "--compare", "p14,p15", "-f", "csv", *AS_OF, str(FIXTURE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("name,category,before_indicator")
    solar = next(ln for ln in lines if "p14-solar" in ln)
    assert "p15-solar" in solar and ",tighter,GW/yr,60,320" in solar


def test_toml_reads_back_as_the_json() -> None:
    import tomllib

    code, out, _ = run("report", "--compare", "p14,p15", "-f", "toml", *AS_OF, str(FIXTURE))
    assert code == 0
    doc = tomllib.loads(out)
    _, js, _ = run("report", "--compare", "p14,p15", "-f", "json", *AS_OF, str(FIXTURE))
    assert doc["schema_version"] == 1
    assert doc["summary"] == json.loads(js)["summary"]
    grain = next(r for r in doc["rows"] if r.get("before", {}).get("indicator") == "p14-grain")
    assert "after" not in grain and grain["ambition"] == "dropped"  # TOML has no null


def test_html_page() -> None:
    code, out, _ = run("report", "--compare", "p14,p15", "-f", "html", *AS_OF, str(FIXTURE))
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    row = next(ln for ln in out.splitlines() if "p14-solar → p15-solar" in ln)
    assert "✔ achieved" in row and "tighter (60 → 320 GW/yr)" in row


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("p14,p16",), "no plan 'p16'", "did you mean p15"),
        (("p15,p14",), "no indicator of 'p14' continues one of 'p15'", "linked plans: p14,p15"),
        (("p14",), "is not two plans", "PRED,SUCC"),
        (("p14,p15", "-f", "svg"), "--compare has no --format 'svg'", "table, json, md"),
        (("p14,p15", "--plan", "p14"), "takes no --plan", ""),
    ],
)
def test_usage_errors(args: tuple[str, ...], message: str, hint: str) -> None:
    code, out, err = run("report", "--compare", *args, str(FIXTURE))
    assert code == 2
    assert out == ""
    assert message in err and hint in err


def test_data_is_inert_in_every_output(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "d"
    shutil.copytree(FIXTURE, data)
    p = data / "p15" / "indicators.toml"
    text = p.read_text(encoding="utf-8")
    p.write_text(
        text.replace(
            'name_en = "Renewable capacity"',
            'name_en = "Renewable\\u001b[31m [bold]<b>capacity</b>[/bold]"',
        ),
        encoding="utf-8",
    )
    code, out, _ = run("report", "--compare", "p14,p15", *AS_OF, str(data))
    assert code == 0
    assert "\x1b" not in out
    assert "[bold]<b>capacity</b>[/bold]" in out  # shown as written, not taken for markup
    _, html, _ = run("report", "--compare", "p14,p15", "-f", "html", *AS_OF, str(data))
    assert "<b>" not in html and "&lt;b&gt;capacity" in html
    _, md, _ = run("report", "--compare", "p14,p15", "-f", "md", *AS_OF, str(data))
    assert "<b>" not in md and "\x1b" not in md


def test_bundled_national_plans() -> None:
    code, out, _ = run(
        "report", "--compare", "cn-14fyp,cn-15fyp", str(bundled_dataset()), width=200
    )
    assert code == 0
    co2 = _line(out, "CO2 emissions per unit of GDP")
    # −18 % over 2021–25, then −17 % over 2026–30: a smaller yearly fall asked
    assert "−18% over 2021–25" in co2 and "−17% over 2026–30" in co2
    assert "looser (-3.89 → -3.66%/yr)" in co2
    code, out, _ = run(
        "report", "--compare", "cn-14fyp,cn-15fyp", "-f", "json", str(bundled_dataset())
    )
    doc = json.loads(out)
    rd = next(r for r in doc["rows"] if (r["before"] or {}).get("indicator") == "cn14-rd-spending")
    assert rd["after"]["indicator"] == "cn15-rd-spending"
    assert rd["ambition"] == "unchanged" and rd["change"] == "7 → 7%/yr"


def test_json_zh_translates_words_not_values() -> None:
    _, en, _ = run("report", "--compare", "p14,p15", "-f", "json", *AS_OF, str(FIXTURE))
    code, zh, _ = run(
        "report", "--compare", "p14,p15", "-f", "json", "--lang", "zh", *AS_OF, str(FIXTURE)
    )
    assert code == 0
    e, z = json.loads(en), json.loads(zh)
    assert z["after"]["name"] == "第十五个五年规划"
    assert [r["ambition"] for r in z["rows"]] == [r["ambition"] for r in e["rows"]]
    solar = next(r for r in z["rows"] if r["after"] and r["after"]["indicator"] == "p15-solar")
    assert solar["name"] == "可再生能源装机容量" and solar["ask_unit"] == "GW/yr"
    assert solar["change"] == "60 → 320 GW/年"  # words in the language, data the same
