"""Writing files safely: locking, concurrent writers, links, devices, read-only files, modes."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goaltrack.cli import app
from goaltrack.edit.record import (
    RecordRefused,
    UnknownIndicator,
    record_figures,
    record_new_figures,
)
from goaltrack.store import atomic

from .conftest import VALID

runner = CliRunner()
WIRE_SOURCE = '\n[[sources]]\nid = "wire"\ntitle = "通讯"\npublished = 2025-01-10\n'


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(VALID, d)
    with (d / "sources.toml").open("a", encoding="utf-8") as f:
        f.write(WIRE_SOURCE)
    return d


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def figures(path: Path) -> list[dict[str, Any]]:
    return list(tomllib.loads(path.read_text(encoding="utf-8")).get("actuals", []))


def month_figure(i: int) -> tuple[str, str]:
    """The i-th of distinct monthly figures that conflict with nothing in the fixture."""
    return f"{2021 + i // 12}-{i % 12 + 1}", f"{100 + i}"


def record_cmd(data: Path, i: int) -> list[str]:
    period, value = month_figure(i)
    return [
        sys.executable,
        "-m",
        "goaltrack",
        "record",
        "listed-firms",
        period,
        value,
        "--partial",
        "--source",
        "wire",
        "--data",
        str(data),
    ]


def run_all(cmds: list[list[str]]) -> list[tuple[int, str, str]]:
    """Start every command at once, then wait for all: (exit code, stdout, stderr) each."""
    env = {**os.environ, "NO_COLOR": "1"}
    procs = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for c in cmds
    ]
    outs = [p.communicate(timeout=900) for p in procs]
    return [(p.returncode, out, err) for p, (out, err) in zip(procs, outs, strict=True)]


# ---- concurrency -------------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_concurrent_records_all_land(data: Path) -> None:
    """Every process that says "recorded" has its figure in the file (the file starts absent)."""
    n = 20
    target = data / "actuals" / "wire.toml"
    assert not target.exists()
    outs = run_all([record_cmd(data, i) for i in range(n)])
    reported = {
        i for i, (code, out, _) in enumerate(outs) if code == 0 and "recorded listed-firms" in out
    }
    assert reported == set(range(n)), [err for _, _, err in outs if err]
    stored = {(a["period"], a["value"]) for a in figures(target)}
    assert stored == {(p, int(v)) for p, v in map(month_figure, range(n))}
    assert len(figures(target)) == n
    assert not list(data.rglob(".*.lock")) and not list(data.rglob(".*.tmp"))
    assert run("check", str(data))[0] == 0


@pytest.mark.slow
def test_fmt_racing_record_loses_nothing(data: Path) -> None:
    target = data / "actuals" / "wire.toml"
    fmt = [sys.executable, "-m", "goaltrack", "fmt", str(data)]
    cmds = [c for i in range(12) for c in (record_cmd(data, i), *([fmt] if i % 2 else []))]
    outs = run_all(cmds)
    recorded = [out for code, out, _ in outs if code == 0 and "recorded " in out]
    assert len(recorded) == 12, [err for _, _, err in outs]
    assert len(figures(target)) == 12
    assert all(code == 0 for code, _, _ in outs), [err for _, _, err in outs]


def test_lock_serialises_and_is_removed(tmp_path: Path) -> None:
    f = tmp_path / "x.toml"
    with atomic.locked(f) as real:
        assert real == f
        lock = tmp_path / ".x.toml.lock"
        assert lock.exists()
        with pytest.raises(atomic.LockTimeout), atomic.locked(f, timeout=0.1):
            pass  # a second writer waits, then gives up
    assert not lock.exists()
    with atomic.locked(tmp_path):
        assert (tmp_path / ".goaltrack.lock").exists()


# ---- record_figures, the shared write path -----------------------------------------------


def wire(indicator: str, period: str, value: float, **kw: Any) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "period": period,
        "value": value,
        "measure": "level",
        "source": "wire",
        "status": "final",
        "quote": None,
        **kw,
    }


def test_record_figures_writes_several_at_once(data: Path) -> None:
    written = record_figures(
        data,
        [wire("listed-firms", "2022", 11), wire("listed-firms", "2023", 12, status="preliminary")],
    ).path
    assert written == data / "actuals" / "wire.toml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith(
        '#:schema ../schema/goaltrack.schema.json\n\n[defaults]\nsource = "wire"\n'
    )
    assert [(a["period"], a["value"], a["status"]) for a in figures(written)] == [
        ("2022", 11, "final"),
        ("2023", 12, "preliminary"),
    ]


def test_record_figures_refuses_duplicates_and_writes_nothing(data: Path) -> None:
    record_figures(data, [wire("listed-firms", "2022", 11)])
    before = (data / "actuals" / "wire.toml").read_bytes()
    with pytest.raises(RecordRefused) as e:
        record_figures(data, [wire("listed-firms", "2023", 12), wire("listed-firms", "2022", 11)])
    assert {d.code for d in e.value.problems} == {"duplicate-actual"}
    with pytest.raises(RecordRefused) as e:  # conflicts with bulletin-2023's 2023 GDP
        record_figures(data, [wire("gdp", "2023", 9999)])
    assert "conflict" in {d.code for d in e.value.problems}
    assert (data / "actuals" / "wire.toml").read_bytes() == before


def test_record_new_figures_sorts_out_what_is_recorded(data: Path) -> None:
    """The same value again is skipped, another value refused (from the source itself or from
    a source it does not revise), the new one written; nothing else changes."""
    record_figures(data, [wire("listed-firms", "2022", 11)])
    done = record_new_figures(
        data,
        [
            wire("listed-firms", "2022", 11),
            wire("listed-firms", "2022", 12, measure="flow"),
            wire("listed-firms", "2023", 13),
            wire("gdp", "2023", 9999),
            wire("gdp", "2023", 9999, revises="bulletin-2023", measure="growth"),
        ],
    )
    assert [(r["indicator"], r["period"], r["value"]) for r, _ in done.identical] == [
        ("listed-firms", "2022", 11)
    ]
    assert "already recorded from 'wire'" in done.identical[0][1]
    assert [(r["indicator"], r["value"]) for r, _ in done.conflicting] == [("gdp", 9999)]
    assert "8750 is recorded from 'bulletin-2023'" in done.conflicting[0][1]
    assert done.path == data / "actuals" / "wire.toml"
    assert [(a["period"], a["value"], a["measure"]) for a in figures(done.path)] == [
        ("2022", 11, "level"),
        ("2022", 12, "flow"),
        ("2023", 13, "level"),
        ("2023", 9999, "growth"),
    ]
    again = record_new_figures(data, [wire("listed-firms", "2023", 13)])
    assert again.path is None and not again.written and len(again.identical) == 1


def test_record_figures_refuses_mixed_sources_and_bad_fields(data: Path) -> None:
    with pytest.raises(RecordRefused, match="one source"):
        record_figures(
            data, [wire("gdp", "2024", 1), {**wire("gdp", "2025", 1), "source": "news-2024"}]
        )
    with pytest.raises(RecordRefused) as e:
        record_figures(data, [wire("gdp", "2024", 1, measure="levels")])
    assert any("measure" in line for line in e.value.details)
    with pytest.raises(UnknownIndicator) as u:
        record_figures(data, [wire("gdpx", "2024", 1)])
    assert u.value.suggestions[0] == "gdp"
    assert not (data / "actuals" / "wire.toml").exists()


# ---- the file a figure goes to -----------------------------------------------------------


def test_record_refuses_file_of_another_source(data: Path) -> None:
    """actuals/wire.toml that says `[defaults] source = "news-2024"` is news-2024's file."""
    f = data / "actuals" / "wire.toml"
    f.write_text('[defaults]\nsource = "news-2024"\n', encoding="utf-8")
    code, _, err = run(
        "record", "listed-firms", "2022", "11", "--source", "wire", "--data", str(data)
    )
    assert code == 1
    assert "holds the figures of source 'news-2024'" in err
    assert f.read_text(encoding="utf-8") == '[defaults]\nsource = "news-2024"\n'


def test_record_names_source_in_file_without_default(data: Path) -> None:
    f = data / "actuals" / "wire.toml"
    f.write_text("# figures of the wire service\n", encoding="utf-8")
    assert (
        run("record", "listed-firms", "2022", "11", "--source", "wire", "--data", str(data))[0] == 0
    )
    assert figures(f)[0]["source"] == "wire"
    assert f.read_text(encoding="utf-8").startswith("# figures of the wire service\n")


def test_record_into_inline_actuals_array(data: Path) -> None:
    f = data / "actuals" / "wire.toml"
    f.write_text(
        'actuals = [ { indicator = "listed-firms", period = "2021", value = 10 } ]\n\n'
        '[defaults]\nsource = "wire"\n',
        encoding="utf-8",
    )
    for year, value in (("2022", "11"), ("2023", "12")):
        code, _, err = run(
            "record", "listed-firms", year, value, "--source", "wire", "--data", str(data)
        )
        assert code == 0, err
    assert [a["value"] for a in figures(f)] == [10, 11, 12]
    assert run("check", str(data))[0] == 0


# ---- links, devices, read-only files -----------------------------------------------------


def test_output_through_symlink_writes_its_target(data: Path, tmp_path: Path) -> None:
    real = tmp_path / "site" / "report.json"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report-link.json"
    link.symlink_to(real)
    code, _, err = run("report", str(data), "-f", "json", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")


def test_output_onto_a_device_writes_into_it() -> None:
    st = Path("/dev/null").stat()
    code, _, err = run("schema", "-o", "/dev/null")
    assert code == 0, err
    after = Path("/dev/null").stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == st.st_ino


def test_output_onto_a_directory_or_socket_is_refused(tmp_path: Path) -> None:
    code, _, err = run("schema", "-o", str(tmp_path))
    assert code == 2
    assert "is a directory" in err
    import socket

    sock_path = tmp_path / "s"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(sock_path))
        code, _, err = run("schema", "-o", str(sock_path))
    finally:
        s.close()
    assert code == 2
    assert "not a regular file" in err
    assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)


def test_fmt_and_record_write_through_symlinked_data_file(data: Path) -> None:
    kept = data / "kept" / "bulletin-2023.toml"
    kept.parent.mkdir()
    link = data / "actuals" / "bulletin-2023.toml"
    shutil.move(link, kept)
    link.symlink_to(Path("..") / "kept" / "bulletin-2023.toml")
    assert run("check", str(data))[0] == 0  # the file reached twice is read once
    code, _, err = run(
        "record", "unemployment", "2022", "3.6", "--source", "bulletin-2023", "--data", str(data)
    )
    assert code == 0, err
    assert link.is_symlink()
    assert figures(kept)[-1]["value"] == 3.6
    assert run("fmt", str(data))[0] == 0
    assert link.is_symlink()
    assert run("fmt", "--check", str(data))[0] == 0


def test_record_refuses_a_link_out_of_the_dataset(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "bulletin-2023.toml"
    outside.parent.mkdir()
    link = data / "actuals" / "bulletin-2023.toml"
    shutil.move(link, outside)
    link.symlink_to(outside)
    before = outside.read_bytes()
    code, _, err = run(
        "record", "unemployment", "2022", "3.6", "--source", "bulletin-2023", "--data", str(data)
    )
    assert code == 1
    assert "outside the dataset" in err
    assert outside.read_bytes() == before
    assert link.is_symlink()


def test_read_only_files_are_not_rewritten(data: Path, tmp_path: Path) -> None:
    f = data / "actuals" / "bulletin-2023.toml"
    f.chmod(0o444)
    before = f.read_bytes()
    code, _, err = run(
        "record", "unemployment", "2022", "3.6", "--source", "bulletin-2023", "--data", str(data)
    )
    assert code == 2
    assert "read-only file (mode 0444)" in err and "chmod u+w" in err
    code, _, err = run("fmt", str(data))
    assert code == 1
    assert "bulletin-2023.toml: error: cannot write: read-only file (mode 0444)" in err
    assert f.read_bytes() == before
    assert stat.S_IMODE(f.stat().st_mode) == 0o444
    out = tmp_path / "r.json"
    out.write_text("keep\n", encoding="utf-8")
    out.chmod(0o444)
    code, _, err = run("schema", "-o", str(out))
    assert code == 2
    assert f"cannot write {out}: read-only file" in err
    assert out.read_text(encoding="utf-8") == "keep\n"


# ---- modes --------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_follow_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    out = tmp_path / "schema.json"
    with umask(mask):
        code, _, err = run("schema", "-o", str(out))
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == mode


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_rewritten_files_keep_their_mode(data: Path, mask: int) -> None:
    f = data / "actuals" / "bulletin-2023.toml"
    f.chmod(0o640)
    with umask(mask):
        assert (
            run(
                "record",
                "unemployment",
                "2022",
                "3.6",
                "--source",
                "bulletin-2023",
                "--data",
                str(data),
            )[0]
            == 0
        )
        assert stat.S_IMODE(f.stat().st_mode) == 0o640
        assert run("fmt", str(data))[0] == 0
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    with umask(mask):  # a new actuals file follows the umask
        assert (
            run("record", "listed-firms", "2022", "11", "--source", "wire", "--data", str(data))[0]
            == 0
        )
    assert stat.S_IMODE((data / "actuals" / "wire.toml").stat().st_mode) == 0o666 & ~mask


# ---- what record infers and refuses -------------------------------------------------------


def test_record_infers_measure_from_targets(data: Path) -> None:
    """A cumulative target sums flows; a compound-change target reads yearly rates."""
    f = data / "actuals" / "wire.toml"
    code, out, err = run(
        "record", "new-jobs", "2024", "12.5", "--source", "wire", "--data", str(data)
    )
    assert code == 0, err
    assert "recorded new-jobs 2024 = 12.5 (flow, wire)" in out
    code, out, err = run(
        "record", "energy-intensity", "2023", "-2.5", "--source", "wire", "--data", str(data)
    )  # negative, without `--`
    assert code == 0, err
    assert "(growth, wire)" in out
    assert [(a["indicator"], a["value"], a["measure"]) for a in figures(f)] == [
        ("new-jobs", 12.5, "flow"),
        ("energy-intensity", -2.5, "growth"),
    ]


def test_record_measure_when_targets_disagree(data: Path) -> None:
    """gdp has a level and a growth target: --unit % says growth; else level, with a note."""
    code, out, err = run(
        "record", "gdp", "2024", "6.1", "--unit", "%", "--source", "wire", "--data", str(data)
    )
    assert code == 0, err
    assert "(growth, wire)" in out
    code, out, err = run("record", "gdp", "2024", "9100", "--source", "wire", "--data", str(data))
    assert code == 0, err
    assert "(level, wire)" in out
    assert (
        "note: recorded as a level: gdp's growth and level targets also use other "
        "figures; for one of those pass --measure growth" in err
    )


def test_record_asks_for_measure_when_no_guess_is_safe(data: Path) -> None:
    """Growth and cumulative targets, no level: the figure's measure must be said."""
    ind = data / "indicators.toml"
    ind.write_text(
        ind.read_text(encoding="utf-8").replace(
            "value = 40\n", 'value = 40\n\n[[indicators.targets]]\nkind = "growth"\nvalue = 5\n', 1
        ),
        encoding="utf-8",
    )
    assert run("check", str(data))[0] == 0
    before = snapshot(data)
    code, _, err = run("record", "new-jobs", "2024", "12", "--source", "wire", "--data", str(data))
    assert code == 2
    assert "new-jobs has cumulative and growth targets: say which measure the figure is" in err
    assert "hint: --measure flow or --measure growth" in err
    assert snapshot(data) == before


def test_record_notes_figure_no_target_uses(data: Path) -> None:
    """Said explicitly, a level for a cumulative target is recorded as context, with a note."""
    code, out, err = run(
        "record",
        "new-jobs",
        "2024",
        "130",
        "--measure",
        "level",
        "--source",
        "wire",
        "--data",
        str(data),
    )
    assert code == 0, err
    assert "(level, wire)" in out
    assert (
        "note: no target of new-jobs can use a level figure: cumulative needs cumulative "
        "or flow; it is kept as context, shown but never judged" in err
    )
    code, _, err = run("record", "new-jobs", "2024", "12", "--source", "wire", "--data", str(data))
    assert code == 0, err
    assert "note:" not in err  # inferred: a flow, which the target uses


def test_record_negative_value_and_unknown_option(data: Path) -> None:
    code, _, err = run(
        "record", "energy-intensity", "2024", "-3.2", "--source", "wire", "--data", str(data)
    )
    assert code == 0, err
    assert figures(data / "actuals" / "wire.toml")[-1]["value"] == -3.2
    code, _, err = run(
        "record",
        "energy-intensity",
        "2022",
        "-3",
        "--bogus",
        "--source",
        "wire",
        "--data",
        str(data),
    )
    assert code == 2
    code, _, err = run(
        "record", "energy-intensity", "2022", "-x", "--source", "wire", "--data", str(data)
    )
    assert code == 2
    assert "no such option: -x" in err


@pytest.mark.parametrize(
    ("command", "typed", "meant"),
    [
        (["show", "GDPX"], "GDPX", "gdp"),
        (["show", "new-job"], "new-job", "new-jobs"),
        (["record", "GDPX", "2024", "1"], "GDPX", "gdp"),
        (["record", "New-Job", "2024", "1"], "New-Job", "new-jobs"),
    ],
)
def test_unknown_indicator_did_you_mean(
    data: Path, command: list[str], typed: str, meant: str
) -> None:
    args = (
        [*command, str(data)]
        if command[0] == "show"
        else [*command, "--source", "wire", "--data", str(data)]
    )
    code, _, err = run(*args)
    assert code == 2
    assert f"no indicator {typed!r}" in err
    assert f"did you mean {meant}" in err


# ---- the typed request and result of `record` --------------------------------------------


def test_figure_request_parses_the_value_as_typed() -> None:
    from goaltrack.edit.record import FigureInvalid, FigureRequest

    assert FigureRequest.parse("gdp", "2024", "-3.2", "wire").value == -3.2
    assert FigureRequest.parse("gdp", "2024", "12", "wire").value == 12
    done = FigureRequest.parse("port", "2024", "done", "wire")
    assert (done.value, done.state) == (None, "done")
    q = FigureRequest.parse(
        "gdp", "2024-01..06", "1e4", "wire", partial=True, revises=("a", "b"), proxy=True
    )
    assert q.fields()["revises"] == ["a", "b"] and q.fields()["comparability"] == "proxy"
    assert q.fields()["partial"] is True
    cases: list[tuple[str, str, dict[str, Any], str]] = [
        ("2024", "lots", {"measure": "level"}, "is not a number"),
        ("2024", "5", {"measure": "milestone"}, "its state"),
        ("2024", "9" * 20, {}, "too large"),
        ("2024-01..06", "5", {}, "part of a year"),
        ("2024", "5", {"partial": True}, "whole year"),
    ]
    for period, value, kw, says in cases:
        with pytest.raises(FigureInvalid, match=says):
            FigureRequest.parse("gdp", period, value, "wire", **kw)


def test_record_figure_returns_what_it_wrote_and_leaves_the_entries(data: Path) -> None:
    from goaltrack.edit.record import FigureRequest, record_figure

    entries = [wire("LISTED-FIRMS", "2022", 11)]
    before = [dict(e) for e in entries]
    done = record_figures(data, entries)
    assert entries == before  # not changed in place
    assert done.figures[0]["indicator"] == "listed-firms"
    one = record_figure(data, FigureRequest.parse("Listed-Firms", "2023", "12", "WIRE"))
    assert (one.indicator, one.source, one.path) == (
        "listed-firms",
        "wire",
        data / "actuals" / "wire.toml",
    )
    assert one.measure == "level" and one.notes == ()  # a level target: a level, no guess
    growth = record_figure(
        data, FigureRequest.parse("listed-firms", "2024", "5", "wire", measure="growth", unit="%")
    )
    assert growth.measure == "growth"
    assert any("no target of listed-firms can use a growth figure" in n for n in growth.notes)
