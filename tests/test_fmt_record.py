"""`goaltrack fmt` and `goaltrack record` through the CLI: canonical layout, safety."""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.store import atomic

from .conftest import VALID

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(VALID, d)
    return d


def snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_fmt_check_lists_and_changes_nothing(data: Path) -> None:
    before = snapshot(data)
    code, out, _ = run("fmt", "--check", str(data))
    assert code == 1
    assert "bulletin-2023.toml" in out  # `measure` after `unit`: not the canonical order
    assert "indicators.toml" not in out  # inline citations as docs/format.md shows
    assert snapshot(data) == before


def test_fmt_is_idempotent_and_keeps_data(data: Path) -> None:
    docs = {p.name: tomllib.loads(p.read_text(encoding="utf-8")) for p in data.rglob("*.toml")}
    assert run("fmt", str(data))[0] == 0
    once = snapshot(data)
    assert run("fmt", str(data))[0] == 0
    assert snapshot(data) == once
    assert run("fmt", "--check", str(data))[0] == 0
    for p in data.rglob("*.toml"):
        assert tomllib.loads(p.read_text(encoding="utf-8")) == docs[p.name]
    assert run("check", str(data))[0] == 0


def test_fmt_keeps_schema_header(data: Path) -> None:
    f = data / "sources.toml"
    f.write_text(
        "#:schema schema/goaltrack.schema.json\n" + f.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert run("fmt", str(data))[0] == 0
    assert f.read_text(encoding="utf-8").startswith("#:schema schema/goaltrack.schema.json\n\n")


def test_fmt_keeps_comments(data: Path) -> None:
    f = data / "sources.toml"
    original = "# keep me\n" + f.read_text(encoding="utf-8").replace(
        'title = "2024年新闻"', 'title = "2024年新闻"  # the headline'
    )
    f.write_text(original, encoding="utf-8")
    code, _, err = run("fmt", str(data))
    assert code == 0, err
    text = f.read_text(encoding="utf-8")
    assert text.startswith("# keep me\n[[sources]]\n")
    assert 'title = "2024年新闻"  # the headline\n' in text
    code, _, err = run("fmt", "--drop-comments", str(data))
    assert code == 0
    assert "--drop-comments is deprecated and does nothing" in err
    assert f.read_text(encoding="utf-8") == text


def test_hash_inside_string_is_not_a_comment(data: Path) -> None:
    f = data / "sources.toml"
    f.write_text(
        f.read_text(encoding="utf-8").replace('title = "2024年新闻"', 'title = "No. #5 新闻"'),
        encoding="utf-8",
    )
    assert run("fmt", str(data))[0] == 0


def test_atomic_write_failure_leaves_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "x.toml"
    f.write_text("a = 1\n", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_atomic(f, "a = 2\n")
    assert f.read_text(encoding="utf-8") == "a = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.toml"]


def test_atomic_write_of_chunks_failing_midway_leaves_original(tmp_path: Path) -> None:
    f = tmp_path / "report.json"
    f.write_text("{}\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield '{"schema_version": 1,'
        raise RuntimeError("encoder failed")

    with pytest.raises(RuntimeError):
        atomic.write_atomic(f, chunks())
    assert f.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    atomic.write_atomic(f, iter(["大连", "\n"]))
    assert f.read_text(encoding="utf-8") == "大连\n"


def test_atomic_write_refuses_changed_file(tmp_path: Path) -> None:
    f = tmp_path / "x.toml"
    f.write_text("a = 1\n", encoding="utf-8")
    seen = f.read_bytes()
    f.write_text("a = 3\n", encoding="utf-8")
    with pytest.raises(atomic.ChangedOnDisk):
        atomic.write_atomic(f, "a = 2\n", expect_bytes=seen)
    assert f.read_text(encoding="utf-8") == "a = 3\n"


def test_record_appends_and_prints_verdict(data: Path) -> None:
    f = data / "actuals" / "bulletin-2023.toml"
    before = f.read_text(encoding="utf-8")
    code, out, err = run(
        "record",
        "unemployment",
        "2022",
        "3.6",
        "--source",
        "bulletin-2023",
        "--quote",
        "失业率3.6%",
        "--data",
        str(data),
    )
    assert code == 0, err
    assert "recorded unemployment 2022 = 3.6" in out
    # read today, after the period: a bound kept in every reported year is kept (achieved),
    # provisional for the years without a figure
    assert "≤ 4.5% every year: achieved — kept in every reported year" in out
    after = f.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    added = tomllib.loads(after)["actuals"][-1]
    assert added == {
        "indicator": "unemployment",
        "period": "2022",
        "value": 3.6,
        "measure": "level",
        "status": "final",
        "quote": "失业率3.6%",
    }


def test_record_partial_period(data: Path) -> None:
    code, _, err = run(
        "record",
        "unemployment",
        "2024-01..10",
        "3.9",
        "--partial",
        "--source",
        "news-2024",
        "--quote",
        "3.9%",
        "--data",
        str(data),
    )
    assert code == 0, err
    doc = tomllib.loads((data / "actuals" / "news-2024.toml").read_text(encoding="utf-8"))
    assert doc["actuals"][-1]["partial"] is True
    assert run("check", "--strict", str(data))[0] == 0


def test_record_creates_file_for_new_source(data: Path) -> None:
    (data / "actuals" / "news-2024.toml").unlink()
    code, _, err = run(
        "record",
        "gdp",
        "2022",
        "8100",
        "--source",
        "news-2024",
        "--data",
        str(data),
        "--quote",
        "8100亿元",
        "--measure",
        "level",
    )
    assert code == 0, err
    text = (data / "actuals" / "news-2024.toml").read_text(encoding="utf-8")
    assert text.startswith("#:schema ../schema/goaltrack.schema.json\n")
    doc = tomllib.loads(text)
    assert doc["defaults"] == {"source": "news-2024"}
    assert doc["actuals"][0]["value"] == 8100


def test_record_refuses_conflict_unless_revises(data: Path) -> None:
    before = snapshot(data)
    code, _, err = run(
        "record",
        "gdp",
        "2023",
        "8700",
        "--source",
        "news-2024",
        "--data",
        str(data),
        "--unit",
        "亿元",
    )
    assert code == 1
    assert "error[conflict]" in err
    assert "--revises" in err
    assert snapshot(data) == before
    code, _, err = run(
        "record",
        "gdp",
        "2023",
        "8700",
        "--source",
        "news-2024",
        "--revises",
        "bulletin-2023",
        "--data",
        str(data),
        "--measure",
        "level",
    )
    assert code == 1  # revision-2025 also gives 2023 and nothing links it to news-2024
    assert snapshot(data) == before


def test_record_refuses_duplicate_and_bad_input(data: Path) -> None:
    before = snapshot(data)
    code, _, err = run(
        "record", "unemployment", "2021", "3.5", "--source", "bulletin-2023", "--data", str(data)
    )
    assert code == 1
    assert "duplicate-actual" in err
    assert (
        run("record", "nope", "2021", "1", "--source", "bulletin-2023", "--data", str(data))[0] == 2
    )
    assert (
        run("record", "gdp", "2021", "many", "--source", "bulletin-2023", "--data", str(data))[0]
        == 2
    )
    assert (
        run("record", "gdp", "2021-13", "1", "--source", "bulletin-2023", "--data", str(data))[0]
        == 2
    )
    assert (
        run(
            "record",
            "gdp",
            "2021",
            "1",
            "--source",
            "bulletin-2023",
            "--partial",
            "--data",
            str(data),
        )[0]
        == 2
    )
    assert (
        run("record", "gdp", "2023-01..10", "1", "--source", "bulletin-2023", "--data", str(data))[
            0
        ]
        == 2
    )
    assert snapshot(data) == before


def test_record_failure_mid_write_keeps_file(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = data / "actuals" / "bulletin-2023.toml"
    before = f.read_bytes()

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # as if killed between writing and replacing

    monkeypatch.setattr(os, "replace", boom)
    r = runner.invoke(
        app,
        ["record", "unemployment", "2022", "3.6", "--source", "bulletin-2023", "--data", str(data)],
    )
    assert r.exit_code != 0
    assert f.read_bytes() == before
    assert not [p for p in f.parent.iterdir() if p.name.startswith(".")]
    os.sync()


def test_fmt_keeps_comment_after_escaped_quote_in_multiline_string(data: Path) -> None:
    f = data / "actuals" / "news-2024.toml"
    text = f.read_text(encoding="utf-8").replace(
        'notes = "户籍人口预期寿命, not the resident population\'s"',
        'notes = """户籍 \\""" 人口"""  # IMPORTANT: not the resident population',
    )
    f.write_text(text, encoding="utf-8")
    assert run("fmt", str(data))[0] == 0
    after = f.read_text(encoding="utf-8")
    assert 'notes = """户籍 \\""" 人口"""  # IMPORTANT: not the resident population\n' in after
    assert tomllib.loads(after) == tomllib.loads(text)


def test_fmt_moves_comments_with_their_keys_and_tables(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    f = d / "x.toml"
    f.write_text(
        """\
# about this file

[[indicators]]
name = "甲"  # the plan's wording
# the id is short
id = "a"

# the first target
[[indicators.targets]]
value = 6
kind = "growth"

[indicators.targets.citation]
# from chapter 1
quote = "增长6%"
source = "s"

[indicators.baseline]
year = 2020
value = 1  # rounded
""",
        encoding="utf-8",
    )
    assert run("fmt", str(d))[0] == 0
    assert (
        f.read_text(encoding="utf-8")
        == """\
# about this file
[[indicators]]
# the id is short
id = "a"
name = "甲"  # the plan's wording
# rounded
baseline = { year = 2020, value = 1 }

# the first target
[[indicators.targets]]
kind = "growth"
value = 6
# from chapter 1
citation = { source = "s", quote = "增长6%" }
"""
    )
    assert run("fmt", "--check", str(d))[0] == 0


def test_record_keeps_comments_and_layout(data: Path) -> None:
    f = data / "actuals" / "bulletin-2023.toml"
    text = "# 2023 bulletin, read by hand\n" + f.read_text(encoding="utf-8").replace(
        "value = 8750\n", "value = 8750  # 亿元, current prices\n", 1
    )
    f.write_text(text, encoding="utf-8")
    code, _, err = run(
        "record", "unemployment", "2022", "3.6", "--source", "bulletin-2023", "--data", str(data)
    )
    assert code == 0, err
    after = f.read_text(encoding="utf-8")
    assert after.startswith(text)
    assert after[len(text) :] == (
        '\n[[actuals]]\nindicator = "unemployment"\nperiod = "2022"\n'
        'value = 3.6\nmeasure = "level"\nstatus = "final"\n'
    )


def test_docs_examples_are_in_canonical_layout() -> None:
    """docs/format.md shows the layout fmt writes: its complete examples are left as they are."""
    import re
    import textwrap

    from goaltrack.store.canonical import canonical_text

    docs = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(b) for b in re.findall(r"```toml\n(.*?)```", docs, re.S)]
    complete = [b for b in blocks if b.lstrip().startswith("[")]
    assert len(complete) >= 5
    for block in complete:
        assert canonical_text(block) == block


def test_fmt_turns_inline_record_lists_into_tables_keeping_comments() -> None:
    from goaltrack.store.canonical import canonical_text

    text = """\
actuals = [
  { period = "2021", indicator = "gdp", value = 1 },  # first
  # the second was revised
  { indicator = "gdp", period = "2022", value = 2 },
]

[defaults]
source = "s"
"""
    assert (
        canonical_text(text)
        == """\
[defaults]
source = "s"

[[actuals]]  # first
indicator = "gdp"
period = "2021"
value = 1

# the second was revised
[[actuals]]
indicator = "gdp"
period = "2022"
value = 2
"""
    )


def test_fmt_and_record_keep_crlf_line_ends(data: Path) -> None:
    f = data / "actuals" / "bulletin-2023.toml"
    f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    assert run("fmt", str(data))[0] == 0
    code, _, err = run(
        "record", "unemployment", "2022", "3.6", "--source", "bulletin-2023", "--data", str(data)
    )
    assert code == 0, err
    raw = f.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 50
    assert tomllib.loads(raw.decode("utf-8"))["actuals"][-1]["value"] == 3.6
    assert run("fmt", "--check", str(data))[0] == 0
