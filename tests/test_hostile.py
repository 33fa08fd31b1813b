"""Hostile input: what each output channel makes of strings and paths an attacker controls.

Data files come from many hands and run in CI. These tests take the hostile corpus cases
(tests/corpus: markup, control characters, forged GitHub commands, values at the float
limits) and generated inputs (symlinks out of the dataset, undecodable file names, a full
disk, thousands of disagreeing sources, megabyte strings, oversized or GBK source texts)
through every output, and assert what must (not) come out. docs/security.md says why.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path
from typing import IO, Any

import pytest

from goaltrack.core import sanitize
from goaltrack.render.json_export import dumps
from goaltrack.render.terminal import progress_bar

from .test_corpus import (
    CORPUS,
    ENV,
    MAIN,
    SECRET_QUOTE,
    Setup,
    check_json,
    invoke,
    make_setup,
    run_main,
    valid_verified_quotes,
)

# Raw bytes that act on a terminal or reorder text: none may reach an output from data.
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _case(tmp_path: Path, name: str) -> Setup:
    return make_setup(tmp_path, CORPUS / name)


def _no_forged_commands(text: str, genuine: int = 0) -> None:
    """No line that GitHub would run as a workflow command, other than `genuine` ones that
    goaltrack wrote itself (`::error file=…`)."""
    commands = [ln for ln in re.split(r"\r\n|\r|\n", text) if ln.lstrip().startswith("::")]
    assert len(commands) == genuine, commands
    for ln in commands:
        assert re.match(r"::(error|warning|notice) file=[^\r\n]*::", ln), ln
        props = dict(p.split("=", 1) for p in ln.split("::")[1].split(" ", 1)[1].split(","))
        assert set(props) <= {"file", "line", "col", "title"}, props
        assert props["title"] != "forged"


def _terminal_output(render: object, *args: object) -> str:
    """What a colour terminal receives (Rich with force_terminal, hyperlinks supported)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=True,
        color_system="truecolor",
        width=120,
        highlight=False,
        emoji=False,
    )
    render(*args, console)  # type: ignore[operator]
    return buf.getvalue()


def _dataset(s: Setup):  # type: ignore[no-untyped-def]
    from goaltrack.check.validate import check_dataset

    result = check_dataset([s.ds])
    assert not result.errors, result.errors
    return result.dataset


def _report(s: Setup):  # type: ignore[no-untyped-def]
    from goaltrack.evaluate import Options, Thresholds
    from goaltrack.evaluate.selection import AsOf
    from goaltrack.evaluate.summary import Filters, build_report

    opts = Options(AsOf.parse(None), "latest", "pace", Thresholds(0.95, 0.6))
    return build_report(_dataset(s), opts, Filters((), (), (), (), (), True), "plan")


# --- Rich markup ------------------------------------------------------------------------------


def test_markup_in_data_is_text_in_report_and_show(tmp_path: Path) -> None:
    s = _case(tmp_path, "markup-in-data.toml")
    r = invoke("report", s.ds)
    assert r.exit_code == 0, r.stderr
    assert (
        "GDP [/] [bold]not bold[/bold]" in r.stdout.replace("\n", "").replace("│", "")
        or "GDP [/]" in r.stdout
    )
    r = invoke("show", "markup", s.ds)
    assert r.exit_code == 0, r.stderr
    assert "增长6%[sic]" in r.stdout  # not eaten as a style tag
    assert "[link=https://evil.example]第一章[/link]" in r.stdout
    assert "[red]x[/red]" in r.stdout


def test_markup_never_becomes_a_hyperlink_or_style_on_a_terminal(tmp_path: Path) -> None:
    from goaltrack.evaluate import evaluate_dataset
    from goaltrack.render.show import render_show
    from goaltrack.render.terminal import render_report

    s = _case(tmp_path, "markup-in-data.toml")
    rep = _report(s)
    out = _terminal_output(lambda c: render_report(rep, c, "en"))
    evs = [e for e in evaluate_dataset(rep.dataset, rep.options) if e.indicator == "markup"]
    out += _terminal_output(lambda c: render_show(rep.dataset, "markup", evs, c, "en"))
    assert "\x1b]8;" not in out  # OSC 8: a hyperlink
    assert "evil.example" in out  # shown as the text it is
    assert "[sic]" in out


# --- control characters -----------------------------------------------------------------------


def test_control_characters_are_escaped_on_a_terminal(tmp_path: Path) -> None:
    from goaltrack.evaluate import evaluate_dataset
    from goaltrack.render.show import render_show
    from goaltrack.render.terminal import render_report

    s = _case(tmp_path, "control-characters.toml")
    rep = _report(s)
    evs = [e for e in evaluate_dataset(rep.dataset, rep.options) if e.indicator == "escapes"]
    for out in (
        _terminal_output(lambda c: render_report(rep, c, "en")),
        _terminal_output(lambda c: render_show(rep.dataset, "escapes", evs, c, "en")),
    ):
        # Rich's own colours are SGR sequences (ESC [ … m); nothing else may be there.
        assert RAW_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", out)) is None
        assert "\x07" not in out and "\u202e" not in out and "\x9b" not in out
    show = _terminal_output(lambda c: render_show(rep.dataset, "escapes", evs, c, "en"))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", show)
    assert "\\e[2J" in plain and "\\e]8;;https://evil.example\\x07" in plain
    assert "\\u202e" in plain and "\\x9b31m" in plain


@pytest.mark.parametrize("fmt", ["md", "csv", "html", "svg", "toml"])
def test_control_characters_in_exports(fmt: str, tmp_path: Path) -> None:
    s = _case(tmp_path, "control-characters.toml")
    r = invoke("report", "-f", fmt, s.ds)
    assert r.exit_code == 0, r.stderr
    if fmt != "toml":  # TOML escapes them itself (and reads them back)
        assert RAW_CONTROL.search(r.stdout) is None, RAW_CONTROL.findall(r.stdout)
    if fmt == "svg":
        xml.dom.minidom.parseString(r.stdout.encode("utf-8"))  # well-formed XML
    if fmt in ("html", "md", "csv"):
        assert "\\u202e" in r.stdout  # shown, escaped


def test_svg_stays_xml_whatever_rich_lets_through() -> None:
    doc = "<svg><text>a\x01b\x1bc\ufffed\ud800</text></svg>"
    fixed = sanitize.xml_document(doc)
    xml.dom.minidom.parseString(fixed.encode("utf-8"))
    assert fixed.count("\ufffd") == 4


def test_raw_control_characters_in_a_file_are_escaped_in_excerpts(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    bad = s.ds / "case" / "raw.toml"
    bad.write_bytes(b'[[sources]]\nid = "raw"\ntitle = "x\x1b]8;;http://evil\x07y\x1b[2J"\n')
    for args in (("check", s.ds), ("report", s.ds), ("show", "gdp", s.ds)):
        r = invoke(*args)
        assert r.exit_code == 1
        assert "ds/case/raw.toml:3" in r.stderr
        assert RAW_CONTROL.search(r.stderr) is None
        assert "\\e]8;;http://evil\\x07" in r.stderr
    r = invoke("check", "--format", "github", s.ds)
    assert RAW_CONTROL.search(r.stdout) is None


# --- GitHub workflow commands ----------------------------------------------------------------


def test_data_cannot_forge_commands_in_show_and_report(tmp_path: Path) -> None:
    s = _case(tmp_path, "github-commands-in-data.toml")
    for args in (
        ("show", "forged", s.ds),
        ("report", s.ds),
        ("report", "-f", "md", s.ds),
        ("report", "-f", "csv", s.ds),
    ):
        r = invoke(*args)
        assert r.exit_code == 0, r.stderr
        _no_forged_commands(r.stdout + r.stderr)
        assert "pwned" in r.stdout  # the text is there, as text


def test_file_names_cannot_forge_commands(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    evil = s.ds / "case" / "x\n::error title=forged::pwned\r\n::add-mask::y.toml"
    evil.write_text("[[sources]]\nid = 1\n", encoding="utf-8")
    colons = s.ds / "case" / "::warning title=forged::starts.toml"
    # Keys out of canonical order, so that `fmt --check` names the file.
    colons.write_text('[[sources]]\ntitle = "t"\nid = 2\n', encoding="utf-8")
    r = invoke("check", "--format", "github", s.ds)
    assert r.exit_code == 1
    _, doc = check_json(s)
    _no_forged_commands(r.stdout, genuine=len(doc["diagnostics"]))
    assert "%0A%3A%3Aerror title=forged" in r.stdout  # the newline and colons encoded
    for args in (("check", s.ds), ("fmt", "--check", s.ds / "case"), ("report", s.ds)):
        r = invoke(*args)
        _no_forged_commands(r.stdout + r.stderr)
    # A path given from inside the directory: the name alone begins the line.
    p = subprocess.run(
        [sys.executable, "-c", MAIN, "fmt", "--check", "."],
        cwd=s.ds / "case",
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert "./::warning title=forged::starts.toml" in p.stdout + p.stderr
    _no_forged_commands(p.stdout + p.stderr)


def test_record_output_cannot_forge_commands(tmp_path: Path) -> None:
    import shutil

    from .conftest import VALID

    data = tmp_path / "targets"
    shutil.copytree(VALID, data)
    r = invoke(
        "record",
        "gdp",
        "2024",
        "9000",
        "--source",
        "news-2024",
        "--data",
        data,
        "--notes",
        "x\n::error title=forged::pwned",
        "--quote",
        "q\r\n::warning::w",
    )
    assert r.exit_code in (0, 1), r.stderr
    _no_forged_commands(r.stdout + r.stderr)
    r = invoke("record", "gdp", "2024", "9000", "--source", "no\n::error::pwned", "--data", data)
    assert r.exit_code in (1, 2)
    _no_forged_commands(r.stdout + r.stderr)


def test_github_encoding_follows_the_toolkit() -> None:
    assert sanitize.gh_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert sanitize.gh_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert sanitize.gh_data("\x1b[31m") == "\\e[31m"


# --- Markdown and CSV -------------------------------------------------------------------------


def _exported(tmp_path: Path, case: str, fmt: str) -> str:
    r = invoke("report", "-f", fmt, _case(tmp_path, case).ds)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_markdown_neutralises_mentions_and_references(tmp_path: Path) -> None:
    out = _exported(tmp_path, "github-commands-in-data.toml", "md")
    assert "@octocat" not in out and "@&#8203;octocat" in out
    assert not re.search(r"#1\b", out) and "#&#8203;1" in out
    assert sanitize.markdown("mail a@b.c, @x/y-team") == "mail a@&#8203;b.c, @&#8203;x/y-team"


@pytest.mark.parametrize(
    "text", ["=1+2", "+1", "-x", "@SUM(A1)", "\t=1", "\r=1", "＝1+2", "＋1", "－x", "＠SUM(A1)"]
)
def test_csv_guards_every_formula_start(text: str) -> None:
    assert sanitize.csv_cell(text).startswith("'")


def test_csv_leaves_numbers_and_text_alone() -> None:
    assert sanitize.csv_cell("-3.5") == "-3.5"
    assert sanitize.csv_cell("地区生产总值") == "地区生产总值"


def test_csv_export_guards_full_width_formula(tmp_path: Path) -> None:
    assert ",\"'＝HYPERLINK(" in _exported(tmp_path, "github-commands-in-data.toml", "csv")


# --- JSON and values at the float limits ------------------------------------------------------


def _strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_never_writes_infinity_or_nan() -> None:
    doc = {
        "a": float("inf"),
        "b": [1.0, float("-inf")],
        "c": {"d": {"e": {"f": {"g": float("nan"), "h": [float("inf")]}}}},
    }
    out = _strict_json(dumps(doc))
    assert out == {"a": None, "b": [1.0, None], "c": {"d": {"e": {"f": {"g": None, "h": [None]}}}}}


@pytest.mark.slow
@pytest.mark.parametrize("command", ["report-json", "report", "show", "md", "html", "csv"])
def test_values_at_the_float_limits(command: str, tmp_path: Path) -> None:
    s = _case(tmp_path, "huge-values.toml")
    args = {
        "report-json": ("report", "-f", "json", s.ds),
        "report": ("report", s.ds),
        "show": ("show", "extreme", s.ds),
        "md": ("report", "-f", "md", s.ds),
        "html": ("report", "-f", "html", s.ds),
        "csv": ("report", "-f", "csv", s.ds),
    }
    p = run_main(*args[command], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    if command == "report-json":
        doc = _strict_json(p.stdout)
        assert isinstance(doc, dict) and doc["schema_version"] == 2


@pytest.mark.parametrize("progress", [1e308, -1e308, float("inf"), float("nan"), 5e-324])
def test_progress_bar_at_the_float_limits(progress: float) -> None:
    bar = progress_bar(progress, 1e308).plain
    assert len(bar.split(" ")[0]) == 10


# --- symlinks -------------------------------------------------------------------------------

SECRET = "root:$6$TOPSECRETHASH:19000:0:99999:7:::"


def test_symlink_out_of_the_dataset_is_not_read(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    shadow = tmp_path / "shadow"
    shadow.write_text(SECRET + "\n", encoding="utf-8")
    (s.ds / "case" / "evil.toml").symlink_to(shadow)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "more.toml").write_text(SECRET + "\n", encoding="utf-8")
    (s.ds / "case" / "linked-dir").symlink_to(outside, target_is_directory=True)
    # A link that stays inside the dataset is followed as before.
    (s.ds / "inner").mkdir()
    (s.ds / "case" / "inner-link").symlink_to(s.ds / "inner", target_is_directory=True)
    code, doc = check_json(s)
    assert code == 1
    outside_links = {
        Path(str(d["file"])).name for d in doc["diagnostics"] if d["code"] == "symlink-outside"
    }
    assert outside_links == {"evil.toml", "linked-dir"}
    for args in (
        ("check", s.ds),
        ("check", "-f", "github", s.ds),
        ("check", "-f", "json", s.ds),
        ("report", s.ds),
        ("show", "gdp", s.ds),
        ("fmt", "--check", s.ds),
    ):
        r = invoke(*args)
        assert r.exit_code == 1
        assert "TOPSECRET" not in r.stdout + r.stderr
    assert shadow.read_text(encoding="utf-8") == SECRET + "\n"


# --- crashes --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [("report",), ("report", "-f", "json"), ("check", "-f", "json"), ("show", "gdp")]
)
def test_stdout_on_a_full_disk(args: tuple[str, ...], tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        p = subprocess.run(
            [sys.executable, "-c", MAIN, *args, str(s.ds)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            check=False,
        )
    assert p.returncode in (1, 2), p.stderr
    # one line, after the line that says which dataset was read
    assert p.stderr.startswith("goaltrack: dataset: "), p.stderr
    assert p.stderr.strip().count("\n") == 1, p.stderr
    assert "No space left on device" in p.stderr
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "-f", "json"),
        ("check", "-f", "github"),
        ("report",),
        ("fmt", "--check"),
    ],
)
def test_undecodable_file_name_with_strict_stdout(args: tuple[str, ...], tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    try:
        (s.ds / "case" / os.fsdecode(b"bad\xff\xfe.toml")).write_text("x = [\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses undecodable names")
    env = {**ENV, "PYTHONIOENCODING": "utf-8:strict"}
    p = subprocess.run(
        [sys.executable, "-c", MAIN, *args, str(s.ds)],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    out = (p.stdout + p.stderr).decode("utf-8")  # strict: every byte written is UTF-8
    assert p.returncode == 1, out
    assert "Traceback" not in out and "internal error" not in out
    assert "bad\\xff\\xfe.toml" in out.replace("\\\\", "\\")  # JSON doubles the backslash


def test_an_output_encoding_without_chinese_is_a_clear_error(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    env = {**ENV, "PYTHONIOENCODING": "ascii:strict"}
    p = subprocess.run(
        [sys.executable, "-c", MAIN, "report", "--lang", "zh", str(s.ds)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert p.returncode == 2, p.stderr
    assert "cannot write the output in ascii" in p.stderr and "PYTHONIOENCODING" in p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.slow
def test_debug_after_the_command_is_understood(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    for args in (
        ("report", "--debug", s.ds),
        ("--debug", "report", s.ds),
        ("check", s.ds, "--debug"),
    ):
        p = run_main(*args, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        assert "No such option" not in p.stderr


# --- resources ------------------------------------------------------------------------------


def _disagreeing_sources(path: Path, n: int) -> None:
    src = [f'[[sources]]\nid = "s{i}"\ntitle = "t"\npublished = 2025-01-01\n' for i in range(n)]
    act = [
        f'[[actuals]]\nindicator = "gdp"\nperiod = "2024"\nvalue = {1000 + i}\nsource = "s{i}"\n'
        for i in range(n)
    ]
    path.write_text("\n".join(src + act), encoding="utf-8")


def test_many_sources_for_one_figure_give_one_conflict(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    _disagreeing_sources(s.ds / "case" / "many.toml", 2000)
    code, doc = check_json(s)
    assert code == 1
    conflicts = [d for d in doc["diagnostics"] if d["code"] == "conflict"]
    assert len(conflicts) == 1
    msg = str(conflicts[0]["message"])
    assert "2000 sources give 2000 different values" in msg
    assert "1000 from 's0'" in msg and "more values" in msg
    assert len(msg) <= 400


def test_linked_figures_do_not_conflict(write) -> None:  # type: ignore[no-untyped-def]
    from goaltrack.check.validate import check_dataset

    from .conftest import PLAN

    head = (
        PLAN
        + """
[[sources]]
id = "t"
title = "t"
published = 2025-06-01

[[sources]]
id = "u"
title = "u"
published = 2025-06-01

[[indicators]]
id = "gdp"
name = "g"
category = "economy"
unit = "亿元"

[[actuals]]
indicator = "gdp"
period = "2024"
value = 100
source = "s"

[[actuals]]
indicator = "gdp"
period = "2024"
value = 110
source = "t"
revises = "s"
"""
    )
    path = write("a.toml", head)
    assert not [d for d in check_dataset([path.parent]).diagnostics if d.code == "conflict"]
    path.write_text(
        path.read_text(encoding="utf-8")
        + """
[[actuals]]
indicator = "gdp"
period = "2024"
value = 120
source = "u"
""",
        encoding="utf-8",
    )
    conflicts = [d for d in check_dataset([path.parent]).diagnostics if d.code == "conflict"]
    assert len(conflicts) == 1
    assert "3 sources give 3 different values" in conflicts[0].message
    assert conflicts[0].message.startswith("gdp 2024 (level): ")
    assert "120 from 'u'" in conflicts[0].message


@pytest.mark.slow
def test_a_huge_string_is_cut_in_every_format(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    big = "长" * 1_000_000  # 3 MB of UTF-8: cut the same way whatever the length
    (s.ds / "case" / "big.toml").write_text(
        f'[[sources]]\nid = "big"\ntitle = "t"\npublished = "{big}"\n'
        f'[[actuals]]\nindicator = "gdp"\nperiod = {{ x = "{big}" }}\nvalue = 1\nsource = "big"\n',
        encoding="utf-8",
    )
    for args in (
        ("check", s.ds),
        ("check", "-f", "json", s.ds),
        ("check", "-f", "github", s.ds),
        ("report", s.ds),
    ):
        r = invoke(*args)
        assert r.exit_code == 1
        assert "长长长长" in r.stdout + r.stderr  # the value is shown, cut
        assert len(r.stdout) + len(r.stderr) < 20_000, (args, len(r.stdout), len(r.stderr))


def test_a_long_relative_cycle_is_listed_in_part(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    n = 3000
    (s.ds / "case" / "chain.toml").write_text(
        "".join(
            f'[[indicators]]\nid = "c{i}"\nplan = "demo"\nname = "c"\ncategory = "economy"\n'
            f'unit = "%"\ncitation = {{ source = "outline", quote = "q" }}\n'
            f'[[indicators.targets]]\nkind = "relative"\nreference = "c{(i + 1) % n}"\n'
            f'relation = "faster"\n'
            for i in range(n)
        ),
        encoding="utf-8",
    )
    _, doc = check_json(s)
    cycles = [d for d in doc["diagnostics"] if d["code"] == "relative-cycle"]
    assert len(cycles) == 1
    msg = str(cycles[0]["message"])
    assert (
        len(msg) < 300
        and "3000 indicators" in msg
        and msg.startswith("relative targets refer in a cycle: c0 → c1")
    )


ARCHIVED = """
[[sources]]
id = "{id}"
title = "t"
published = 2025-06-01
file = "{file}"

[[actuals]]
indicator = "gdp"
period = "2024"
value = 1
source = "{id}"
quote = "{quote}"
"""


def test_gbk_source_text_is_reported_as_not_utf8(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.sources / "gbk.txt").write_bytes("地区生产总值10500亿元".encode("gbk"))
    (s.ds / "case" / "a.toml").write_text(
        ARCHIVED.format(id="gbk", file="gbk.txt", quote="10500亿元"), encoding="utf-8"
    )
    _, doc = check_json(s, "--sources", s.sources)
    d = next(d for d in doc["diagnostics"] if d["file"] == "ds/case/a.toml")
    assert d["code"] == "source-not-utf8", d
    assert "not UTF-8" in str(d["message"]) and "GBK" in str(d["hint"])


def test_oversized_source_text_is_refused(tmp_path: Path) -> None:
    from goaltrack.check.quotes import MAX_SOURCE_BYTES

    s = make_setup(tmp_path)
    with (s.sources / "huge.txt").open("w", encoding="utf-8") as f:
        f.write(("一二三四五六七八九十" * 100 + "\n") * (MAX_SOURCE_BYTES // 3001 + 1))
    assert (s.sources / "huge.txt").stat().st_size > MAX_SOURCE_BYTES
    (s.ds / "case" / "a.toml").write_text(
        ARCHIVED.format(id="huge", file="huge.txt", quote="一二三"), encoding="utf-8"
    )
    _, doc = check_json(s, "--sources", s.sources)
    d = next(d for d in doc["diagnostics"] if d["file"] == "ds/case/a.toml")
    assert d["code"] == "source-too-large"
    assert f"{MAX_SOURCE_BYTES:,}" in str(d["message"])


def test_source_text_read_in_chunks_matches_across_chunk_borders(tmp_path: Path) -> None:
    from goaltrack.check.quotes import _CHUNK

    s = make_setup(tmp_path)
    filler = ("填充文字" * 50 + "\n") * (2 * _CHUNK // 601)
    (s.sources / "long.txt").write_text(
        filler + "全年新增高新技术企业1234家。\n" + filler, encoding="utf-8"
    )
    (s.ds / "case" / "a.toml").write_text(
        ARCHIVED.format(id="long", file="long.txt", quote="新增高新技术企业 1234 家"),
        encoding="utf-8",
    )
    _, doc = check_json(s, "--sources", s.sources)
    assert not [
        d for d in doc["diagnostics"] if d["file"] == "ds/case/a.toml" and d["severity"] == "error"
    ], doc["diagnostics"]


# --- the sanitising functions -----------------------------------------------------------------


def test_clean_makes_controls_visible() -> None:
    assert sanitize.clean("a\x1b[31mb\x07\u202ec\n") == "a\\e[31mb\\x07\\u202ec\\n"
    assert sanitize.clean("tab\tstays") == "tab\tstays"
    assert sanitize.clean(os.fsdecode(b"x\xff")) == "x\\xff"
    assert sanitize.clean("a\n::error::b", newline="\n  ") == "a\n  :\u200b:error::b"


def test_line_start_and_path_text() -> None:
    assert sanitize.line_start("::error::x") == ":\u200b:error::x"
    assert sanitize.path_text("::error::x.toml") == "./::error::x.toml"
    assert sanitize.path_text("targets/a.toml") == "targets/a.toml"


def test_clip() -> None:
    assert sanitize.clip("abc", 5) == "abc"
    assert sanitize.clip("a" * 1000, 10) == "aaaaaaaaaa… (1,000 characters)"
    assert sanitize.clip_list([str(i) for i in range(20)], 4) == "0, 1, 2, … 16 more …, 19"


# --- second round: absurd numbers, scans that backtrack, closed outputs, racing writers ------


BULLETIN_TITLE = "2024年示范市国民经济和社会发展统计公报\n"


def _extract_json(text: str, ds: Path, tmp_path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    f = tmp_path / "text.txt"
    f.write_text(text, encoding="utf-8")
    r = invoke("extract", "-f", "json", "--period", "2024", *extra, f, ds)
    assert r.exit_code in (0, 1), r.stdout + r.stderr
    return r.exit_code, json.loads(r.stdout)


@pytest.mark.parametrize(
    "number",
    ["9" * 400, "1" + ",000" * 200, "8430" + "0" * 400 + "亿9,000", "一二三四五六七八九" * 10],
)
def test_a_number_too_large_to_be_a_figure_is_skipped_with_a_note(
    number: str, tmp_path: Path
) -> None:
    s = make_setup(tmp_path)
    text = f"{BULLETIN_TITLE}全年地区生产总值{number}万元,比上年增长5.5%。\n"
    code, doc = _extract_json(text, s.ds, tmp_path)
    assert code == 0
    assert [(c["indicator"], c["value"]) for c in doc["candidates"]] == [("gdp", 5.5)]
    assert [(k["indicator"], k["reason"]) for k in doc["skipped"]] == [
        ("gdp", "a number too large to be a figure")
    ]
    assert "inf" not in json.dumps(doc["candidates"]).lower()


def test_numbers_just_below_the_limit_are_still_read() -> None:
    from goaltrack.core.numbers import MAX_DIGITS, find_numbers

    (n,) = find_numbers("9" * MAX_DIGITS + "元")
    assert n.value == float("9" * MAX_DIGITS) and not n.too_large
    (big,) = find_numbers("9" * (MAX_DIGITS + 1) + "元")
    assert big.too_large and big.value == math.inf
    (lead,) = find_numbers("0" * 30 + "12元")  # leading zeros are not magnitude
    assert lead.value == 12 and not lead.too_large


def test_a_quote_with_a_huge_number_is_checked_without_overflow(tmp_path: Path) -> None:
    from goaltrack.check.quote_values import quote_agreement

    quote = f"地区生产总值{'9' * 380}亿元"  # reads as inf, which "agreed" with any value
    assert quote_agreement(8000, "亿元", quote) == "unreadable"
    assert quote_agreement(8000, "亿元", quote + ",增长8000亿元") == "agrees"
    s = make_setup(tmp_path)
    (s.ds / "case" / "q.toml").write_text(
        '[[actuals]]\nindicator = "gdp"\nperiod = "2019"\nsource = "news-2024"\nvalue = 8000\n'
        f'quote = "{quote}"\n',
        encoding="utf-8",
    )
    code, doc = check_json(s)
    assert code == 0, doc["diagnostics"]


def test_an_integer_too_long_for_python_is_a_diagnostic(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    f = s.ds / "case" / "long.toml"
    f.write_text(
        '[defaults]\nsource = "news-2024"\n\n[[actuals]]\nindicator = "gdp"\n'
        f'period = "2019"\nvalue = {"9" * 5000}\n',
        encoding="utf-8",
    )
    code, doc = check_json(s)
    assert code == 1
    (d,) = [d for d in doc["diagnostics"] if d["code"] == "invalid-value"]
    assert (d["line"], d["column"]) == (7, 9) and "4300 digits" in d["message"]
    r = invoke("fmt", "--check", s.ds)
    assert r.exit_code == 1 and "integer too long" in r.stdout + r.stderr
    before = f.read_bytes()
    r = invoke("record", "gdp", "2018", "5", "--source", "news-2024", "--data", s.ds)
    assert r.exit_code == 0, r.stderr  # recorded beside it, in the source's own file
    assert f.read_bytes() == before
    assert 'period = "2018"' in (s.ds / "base" / "actuals" / "news-2024.toml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("value", ["9" * 400, "-" + "9" * 5000, "9" * 16 + ".5"])
def test_record_refuses_a_value_too_large_to_be_a_figure(value: str, tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    before = {p: p.read_bytes() for p in s.ds.rglob("*.toml")}
    r = invoke("record", "gdp", "2019", value, "--source", "news-2024", "--data", s.ds)
    assert r.exit_code == 2
    assert "too large to be a figure" in r.stderr and len(r.stderr) < 400
    assert {p: p.read_bytes() for p in s.ds.rglob("*.toml")} == before


# Each of these made a regular expression backtrack from every position (a quadratic or
# exponential scan). Generated at a size where that took hours; run in a subprocess with a
# time-out, so that a scan that backtracks again fails rather than hangs (no timing asserted:
# benchmarks/extract_scaling.py measures).
LONG_RUNS = {
    "digits": "1" * 200_000 + "亿元",
    "1亿1亿": "1亿" * 100_000,
    "1,1,": "1," * 100_000,
    "1,111,": "1" + ",111" * 50_000,
    "numerals": "一二三四五六七八九十百千万亿" * 10_000 + "亿元",
    "compounds": "1亿1万元" * 40_000,
    "人均": "人均地区生产总值" * 20_000,
}


@pytest.mark.slow
def test_extract_reads_long_runs_without_backtracking(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    text = tmp_path / "runs.txt"
    text.write_text(
        BULLETIN_TITLE + "".join(f"地区生产总值{run}。\n" for run in LONG_RUNS.values()),
        encoding="utf-8",
    )
    p = run_main("extract", "-f", "json", "--period", "2024", text, s.ds, cwd=tmp_path, timeout=240)
    assert p.returncode in (0, 1), p.stderr
    doc = json.loads(p.stdout)
    reasons = [k["reason"] for k in doc["skipped"]]
    # A run of thousands of figures (1亿…, compounds) is one sentence: said once, not read
    # figure by figure; a run of digits or numerals is one number, too large; the others
    # have no unit, or no name that counts (人均… is another indicator).
    run = "a sentence with more than 100 figures or names ({} and 1): a table or a run, not read"
    assert sorted(reasons) == ["a number too large to be a figure"] * 2 + [
        run.format("100,000"),
        run.format("40,000"),
    ]


def test_the_compound_scan_still_reads_compounds() -> None:
    from goaltrack.core.numbers import find_numbers

    nums = find_numbers("8,430亿9,000万元和1亿1万元;x1,2345亿5万元")
    assert [(n.value, n.unit) for n in nums[:2]] == [(8430.9, "亿元"), (1.0001, "亿元")]


EIGHT_GAPS = "…".join("大" * 8) + "…连"


def test_an_alias_with_too_many_gaps_is_a_check_error(tmp_path: Path) -> None:
    from goaltrack.core.models import MAX_ALIAS_GAPS

    s = make_setup(tmp_path)
    ok = "…".join("大" * MAX_ALIAS_GAPS) + "…连"
    (s.ds / "case" / "aliases.toml").write_text(
        '[defaults]\nplan = "demo"\n\n'
        f'[[indicators]]\nid = "a"\nname = "甲"\ncategory = "economy"\nunit = "%"\n'
        f'aliases = ["{EIGHT_GAPS}"]\n\n'
        f'[[indicators]]\nid = "b"\nname = "乙"\ncategory = "economy"\nunit = "%"\n'
        f'aliases = ["{ok}"]\n',
        encoding="utf-8",
    )
    code, doc = check_json(s)
    assert code == 1
    (d,) = [d for d in doc["diagnostics"] if d["severity"] == "error"]
    assert d["code"] == "invalid-value" and d["line"] == 9
    assert f"at most {MAX_ALIAS_GAPS}" in d["message"] and "8 gaps" in d["message"]


@pytest.mark.slow
def test_gapped_aliases_match_as_the_lazy_pattern_did() -> None:
    import random

    from goaltrack.core.models import Indicator
    from goaltrack.extract.matching import GAP, patterns

    rng = random.Random(27)
    for _ in range(3000):
        parts = [
            "".join(rng.choice("ab") for _ in range(rng.randint(1, 2)))
            for _ in range(rng.randint(2, 4))
        ]
        text = "".join(rng.choice("abc") for _ in range(rng.randint(0, 60)))
        start, end = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        lazy = re.compile(f".{{0,{GAP}}}?".join(parts))
        (pat,) = patterns(
            [
                Indicator.model_construct(  # type: ignore[call-arg]
                    id="x", name="x", aliases=["…".join(parts)]
                )
            ]
        )
        assert pat.spans(text, start, end) == [m.span() for m in lazy.finditer(text, start, end)]


def test_an_alias_with_many_gaps_cannot_hang_the_matcher(tmp_path: Path) -> None:
    # check refuses it, but the matcher must survive it too: an exponential scan of 60 大
    # took minutes, so 100 000 would never end (the subprocess's time-out fails the test).
    code = (
        "from goaltrack.extract.matching import find_hits, patterns\n"
        "from goaltrack.core.models import Indicator\n"
        "p = patterns([Indicator.model_construct(id='x', name='x',\n"
        f"                                       aliases=['{EIGHT_GAPS}'])])\n"
        "t = '大' * 100_000\n"
        "assert find_hits(t, 0, len(t), p) == []\n"
        "t = '大' * 9 + '连'\n"
        "assert [(h.start, h.end) for h in find_hits(t, 0, len(t), p)] == [(0, 10)]\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert p.returncode == 0, p.stderr


def _closed_stdout(*args: object, stdin: IO[Any] | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point with descriptor 1 closed, as `goaltrack … >&-` runs it."""
    return subprocess.run(
        [sys.executable, "-c", MAIN, *map(str, args)],
        stderr=subprocess.PIPE,
        stdout=stdin,
        text=True,
        env=ENV,
        check=False,
        preexec_fn=None if stdin is not None else lambda: os.close(1),
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [("report", "-f", "json"), ("report",), ("check", "-f", "json"), ("show", "gdp"), ("list",)],
)
def test_a_closed_stdout_is_an_error_not_a_crash(args: tuple[str, ...], tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    p = _closed_stdout(*args, s.ds)
    assert p.returncode == 2, p.stderr
    said, *rest = p.stderr.splitlines()
    assert said.startswith("goaltrack: dataset: ")  # which dataset, then the one error
    assert rest == ["goaltrack: error: cannot write the output: standard output is closed"]


def test_a_stdout_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    with Path(os.devnull).open("rb") as read_only:  # `1</dev/null`: every write fails
        p = _closed_stdout("report", "-f", "json", s.ds, stdin=read_only)
    assert p.returncode == 2, p.stderr
    said, *rest = p.stderr.splitlines()
    assert said.startswith("goaltrack: dataset: ")
    assert len(rest) == 1 and rest[0].startswith("goaltrack: error: cannot write the output: ")


@pytest.mark.slow
def test_a_closed_stdout_is_no_error_when_nothing_goes_there(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    out = tmp_path / "report.html"
    p = _closed_stdout("report", "-f", "html", "-o", out, s.ds)
    assert p.returncode == 0, p.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    p = _closed_stdout("check", s.ds)  # the text report goes to stderr
    assert p.returncode == 0 and "0 errors, 0 warnings" in p.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs setrlimit in the child")
def test_a_write_over_the_file_size_limit_names_the_file(tmp_path: Path) -> None:
    import resource

    s = make_setup(tmp_path)
    target = s.ds / "base" / "actuals" / "news-2024.toml"
    with target.open("a", encoding="utf-8") as f:
        f.write("# " + "x" * 4000 + "\n")  # over the 1 KiB limit once rewritten
    before = target.read_bytes()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    p = subprocess.run(
        [
            sys.executable,
            "-c",
            MAIN,
            "record",
            "gdp",
            "2019",
            "5",
            "--source",
            "news-2024",
            str(s.ds),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        preexec_fn=limit,
        check=False,
    )
    assert p.returncode == 2, p.stderr
    said, error, *_ = p.stderr.splitlines()
    assert said.startswith("goaltrack: dataset: ")
    assert error == f"goaltrack: error: cannot write {target}: File too large"
    assert target.read_bytes() == before
    assert not [f for f in target.parent.iterdir() if f.name.endswith(".tmp")]


def _bulletin_2024(s: Setup, text: str) -> Path:
    """A source `bulletin-2024` archived as `text` in the setup's sources."""
    (s.ds / "case" / "source.toml").write_text(
        '[[sources]]\nid = "bulletin-2024"\ntitle = "2024年统计公报"\npublished = 2025-03-15\n'
        'file = "bulletin-2024.txt"\n',
        encoding="utf-8",
    )
    f = s.sources / "bulletin-2024.txt"
    f.write_text(BULLETIN_TITLE + text, encoding="utf-8")
    return f


# Zero-width characters inside numbers, controls and a bidi override around them.
INVISIBLE_TEXT = (
    "全年地区生产总值9\u200b1\u200d00亿\x01元,比上年增长5.5%。"
    "城镇登记失业率\u20603.\u200c9%\x1b[31m。\n"
)


def test_invisible_characters_in_an_extracted_quote(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    text = _bulletin_2024(s, INVISIBLE_TEXT)
    r = invoke("extract", "--period", "2024", "--source", "bulletin-2024", "--write", text, s.ds)
    assert r.exit_code == 0, r.stderr
    assert not RAW_CONTROL.search(r.stdout + r.stderr)
    written = s.ds / "actuals" / "bulletin-2024.toml"
    import tomllib

    got = {
        (a["indicator"], a["measure"]): a
        for a in tomllib.loads(written.read_text(encoding="utf-8"))["actuals"]
    }
    # A zero-width joiner or space does not split the number a reader sees.
    assert {k: a["value"] for k, a in got.items()} == {
        ("gdp", "level"): 9100,
        ("gdp", "growth"): 5.5,
        ("unemployment", "level"): 3.9,
    }
    # The quote stays as written (it is verified against the text), escaped in the file.
    assert "9\u200b1\u200d00亿\x01元" in got["gdp", "level"]["quote"]
    assert "\x1b" not in written.read_text(encoding="utf-8")
    code, doc = check_json(s, "--sources", s.sources)
    assert code == 0, doc["diagnostics"]
    assert not [d for d in doc["diagnostics"] if d["code"].startswith("quote")]
    assert doc["summary"]["quotes_verified"] == valid_verified_quotes() + 3
    for args in (("show", "unemployment", s.ds), ("report", s.ds)):
        out = invoke(*args)
        assert out.exit_code == 0 and not RAW_CONTROL.search(out.stdout)


def test_an_extracted_quote_that_no_longer_verifies(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    text = _bulletin_2024(s, INVISIBLE_TEXT)
    r = invoke("extract", "--period", "2024", "--source", "bulletin-2024", "--write", text, s.ds)
    assert r.exit_code == 0, r.stderr
    text.write_text(
        BULLETIN_TITLE + INVISIBLE_TEXT.replace("3.\u200c9%", "4.1%"), encoding="utf-8"
    )  # the archived text changed after the figures
    for fmt in ("text", "github", "json"):
        r = invoke("check", "-f", fmt, "--sources", s.sources, s.ds)
        assert r.exit_code == 1, r.stdout + r.stderr
        out = r.stdout + r.stderr
        assert "quote-not-found" in out and "bulletin-2024.toml" in out
        assert not RAW_CONTROL.search(out), out
    _, doc = check_json(s, "--sources", s.sources)
    (d,) = [d for d in doc["diagnostics"] if d["code"] == "quote-not-found"]
    assert d["file"].endswith("actuals/bulletin-2024.toml") and d["line"] > 0


def test_a_nul_in_the_text_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    text = _bulletin_2024(s, INVISIBLE_TEXT.replace("\x01", "\x00"))
    r = invoke("extract", "--period", "2024", "--source", "bulletin-2024", "--write", text, s.ds)
    assert r.exit_code == 2
    assert "binary file" in r.stderr
    assert not (s.ds / "actuals" / "bulletin-2024.toml").exists()


def test_an_actuals_file_replaced_by_a_directory(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.ds / "base" / "actuals" / "news-2024.toml").unlink()
    f = s.ds / "actuals" / "news-2024.toml"  # where `record` writes the source's figures
    f.mkdir(parents=True)
    code, doc = check_json(s)
    assert code == 1  # its figures are not silently gone
    (d,) = [d for d in doc["diagnostics"] if d["severity"] == "error"]
    assert d["code"] == "unreadable" and d["file"].endswith("news-2024.toml")
    r = invoke("record", "gdp", "2019", "5", "--source", "news-2024", "--data", s.ds)
    assert r.exit_code == 1 and "Is a directory" in r.stderr
    assert f.is_dir() and not list(f.iterdir())
    assert invoke("fmt", s.ds).exit_code in (0, 1) and f.is_dir()


def test_a_hard_linked_actuals_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    f = s.ds / "base" / "actuals" / "news-2024.toml"
    outside = tmp_path / "elsewhere.toml"
    os.link(f, outside)
    before = outside.read_bytes()
    r = invoke("record", "gdp", "2019", "5", "--source", "news-2024", "--data", s.ds)
    assert r.exit_code == 0, r.stderr
    assert outside.read_bytes() == before  # the other name keeps the old text
    assert f.stat().st_ino != outside.stat().st_ino
    new = f.read_text(encoding="utf-8")
    assert new.startswith(before.decode("utf-8").rstrip("\n")) and 'period = "2019"' in new


def test_dotdot_paths(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    via = s.ds / "base" / ".." / "base"  # a `..` path to the dataset is the dataset
    r = invoke("record", "gdp", "2019", "5", "--source", "news-2024", "--data", via)
    assert r.exit_code == 0, r.stderr
    assert 'period = "2019"' in (s.ds / "base" / "actuals" / "news-2024.toml").read_text(
        encoding="utf-8"
    )
    assert not list(tmp_path.glob("*.toml"))
    text = _bulletin_2024(s, "全年地区生产总值9100亿元。\n")
    for source in ("../bulletin-2024", "..", "../../etc/passwd"):
        r = invoke("extract", "--period", "2024", "--source", source, "--write", text, s.ds)
        assert r.exit_code == 2, (source, r.stderr)
        r = invoke("record", "gdp", "2018", "5", "--source", source, "--data", s.ds)
        assert r.exit_code in (1, 2), (source, r.stderr)
    assert not list(tmp_path.rglob("*passwd*")) and not list(tmp_path.glob("*.toml"))
    (s.ds / "case" / "source.toml").write_text(
        '[[sources]]\nid = "bulletin-2024"\ntitle = "t"\npublished = 2025-03-15\n'
        f'file = "../{s.secret.name}"\n',
        encoding="utf-8",
    )
    code, doc = check_json(s, "--sources", s.sources)
    assert code == 1
    (d,) = [d for d in doc["diagnostics"] if d["severity"] == "error"]
    assert d["code"] == "invalid-value" and d["file"].endswith("source.toml")
    assert SECRET_QUOTE not in json.dumps(doc, ensure_ascii=False)


@pytest.mark.slow
def test_extract_record_and_fmt_at_once_lose_nothing(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    text = _bulletin_2024(s, "全年地区生产总值9100亿元,比上年增长5.5%。城镇登记失业率3.9%。\n")
    f = s.ds / "actuals" / "bulletin-2024.toml"
    f.parent.mkdir()
    for round_ in range(3):
        f.write_text(
            '# kept\n[defaults]\nsource = "bulletin-2024"\n\n[[actuals]]\n'
            'indicator="new-jobs"\nperiod = "2023"\nvalue = 3\n',
            encoding="utf-8",
        )
        runs = [
            ("extract", "--period", "2024", "--source", "bulletin-2024", "--write", text, s.ds),
            ("record", "new-jobs", "2024", "5", "--source", "bulletin-2024", "--data", s.ds),
            ("fmt", f),
        ]
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", MAIN, *map(str, args)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=ENV,
            )
            for args in runs
        ]
        results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
        for (code, err), args in zip(results, runs, strict=True):
            assert code == 0 or "run the command again" in err, (round_, args[0], err)
        import tomllib

        doc = tomllib.loads(f.read_text(encoding="utf-8"))
        have = {(a["indicator"], a["period"], a.get("measure")) for a in doc["actuals"]}
        assert ("new-jobs", "2023", None) in have and "# kept" in f.read_text(encoding="utf-8")
        if results[0][0] == 0:
            assert {
                ("gdp", "2024", "level"),
                ("gdp", "2024", "growth"),
                ("unemployment", "2024", "level"),
            } <= have, have
        if results[1][0] == 0:
            assert any(a[:2] == ("new-jobs", "2024") for a in have), have
