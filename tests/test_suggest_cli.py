"""One "did you mean" for every command: ids, plans, categories, keys and units are matched
ignoring case, and a near miss is suggested (prefix, substring, names and aliases, look-alikes)
by suggest.py wherever a name is given."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.core.suggest import close_ids

from .conftest import FIXTURES, VALID

runner = CliRunner()
V = str(VALID)
SUCCESSION = str(FIXTURES / "succession")
TEXT = str(FIXTURES / "extract" / "bulletin-2023.txt")
AS_OF = ("--as-of", "2024-12-31")


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(VALID, d)
    return d


def test_close_ids_ranks_case_prefix_substring_then_alias_then_lookalike() -> None:
    ids = ["fdi-actual", "gdp", "hitech-firms", "new-jobs", "平方公里", "公里"]
    assert close_ids("GDP", ids) == ["gdp"]
    assert close_ids("FDI", ids) == ["fdi-actual"]
    assert close_ids("jobs", ids) == ["new-jobs"]
    assert close_ids("平方公里s", ids)[:2] == ["平方公里", "公里"]  # the longest inside first
    assert close_ids("外资", ids, aliases={"fdi-actual": ["实际利用外资"]}) == ["fdi-actual"]
    assert close_ids("hitec-firms", ids) == ["hitech-firms"]
    assert close_ids("xyzzy", ids) == []


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("show", "hitech", V), "did you mean hitech-firms?"),
        (("show", "高新技术", V), "did you mean hitech-firms?"),  # its name
        (("show", "xyzzy", V), "`goaltrack list` shows the ids"),
        (("extract", TEXT, V, "--source", "bulletin2023"), "did you mean bulletin-2023?"),
        (("extract", TEXT, V, "--plan", "dem"), "did you mean demo?"),
        (("extract", TEXT, V, "--plan", "xyzzy"), "plans: demo"),
        (("report", V, "--plan", "dem"), "did you mean demo?"),
        (("report", V, "--category", "econ"), "did you mean economy?"),
        (("report", V, "--category", "econ", "--category", "xyz"), "use economy, livelihood"),
        (("report", "--compare", "p14,P16", SUCCESSION), "did you mean p15, p14?"),
    ],
)
def test_a_near_miss_is_suggested(args: tuple[str, ...], hint: str) -> None:
    code, out, err = run(*args)
    assert code == 2, err
    assert out == ""
    assert f"hint: {hint}" in err


@pytest.mark.parametrize(
    ("given", "exact"),
    [
        (("show", "GDP", V, *AS_OF), ("show", "gdp", V, *AS_OF)),
        (("report", V, "--plan", "DEMO", *AS_OF), ("report", V, "--plan", "demo", *AS_OF)),
        (
            ("report", V, "--category", "Economy", "-f", "json", *AS_OF),
            ("report", V, "--category", "economy", "-f", "json", *AS_OF),
        ),
        (
            ("report", "--compare", "P14,p15", "-f", "json", *AS_OF, SUCCESSION),
            ("report", "--compare", "p14,p15", "-f", "json", *AS_OF, SUCCESSION),
        ),
        (
            ("extract", TEXT, V, "--source", "BULLETIN-2023", "--plan", "Demo", "-f", "json"),
            ("extract", TEXT, V, "--source", "bulletin-2023", "--plan", "demo", "-f", "json"),
        ),
    ],
)
def test_case_is_ignored_everywhere(given: tuple[str, ...], exact: tuple[str, ...]) -> None:
    want = run(*exact)
    assert want[0] == 0, want[2]
    assert run(*given) == want


def test_record_and_unrecord_suggest_indicators_and_sources(data: Path) -> None:
    code, _, err = run("record", "hitech", "2024", "1", str(data), "--source", "news-2024")
    assert code == 2 and "hint: did you mean hitech-firms?" in err
    code, _, err = run("record", "gdp", "2024", "1", str(data), "--source", "news2024")
    assert code == 2 and "hint: did you mean news-2024, news-2024-trad? Or declare" in err
    code, _, err = run("unrecord", "unemploymnt", "2023", str(data), "--source", "bulletin-2023")
    assert code == 2 and "hint: did you mean unemployment?" in err
    code, _, err = run(
        "record", "listed-firms", "2024", "1", str(data), "--source", "news-2024", "--unit", "家s"
    )
    assert code == 2 and "unit: unknown unit '家s' (did you mean 家" in err


def test_check_suggests_ids_and_keys_in_the_data(data: Path) -> None:
    news = data / "actuals" / "news-2024.toml"
    news.write_text(
        news.read_text(encoding="utf-8").replace('source = "news-2024"', 'source = "news2024"', 1),
        encoding="utf-8",
    )
    code, _, err = run("check", str(data))
    assert code == 1
    assert "hint: did you mean 'news-2024'?" in err
    sources = data / "sources.toml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("published =", "publishd =", 1),
        encoding="utf-8",
    )
    code, _, err = run("check", str(data))
    assert code == 1
    assert "hint: did you mean 'published'?" in err
