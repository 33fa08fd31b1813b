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
import os
import re
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import pytest

from goaltrack import sanitize
from goaltrack.render.json_export import dumps
from goaltrack.render.terminal import progress_bar

from .test_corpus import CORPUS, ENV, MAIN, Setup, check_json, invoke, make_setup, run_main

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
    console = Console(file=buf, force_terminal=True, color_system="truecolor", width=120,
                      highlight=False, emoji=False)
    render(*args, console)  # type: ignore[operator]
    return buf.getvalue()


def _dataset(s: Setup):  # type: ignore[no-untyped-def]
    from goaltrack.validate import check_dataset

    result = check_dataset([s.ds])
    assert not result.errors, result.errors
    return result.dataset


def _report(s: Setup):  # type: ignore[no-untyped-def]
    from goaltrack.evaluate import Options, Thresholds
    from goaltrack.selection import AsOf
    from goaltrack.summary import Filters, build_report

    opts = Options(AsOf.parse(None), "latest", "pace", Thresholds(0.95, 0.6))
    return build_report(_dataset(s), opts, Filters((), (), (), (), (), True), "plan")


# --- Rich markup ------------------------------------------------------------------------------


def test_markup_in_data_is_text_in_report_and_show(tmp_path: Path) -> None:
    s = _case(tmp_path, "markup-in-data.toml")
    r = invoke("report", s.ds)
    assert r.exit_code == 0, r.stderr
    assert "GDP [/] [bold]not bold[/bold]" in r.stdout.replace("\n", "").replace("│", "") \
        or "GDP [/]" in r.stdout
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
    for out in (_terminal_output(lambda c: render_report(rep, c, "en")),
                _terminal_output(lambda c: render_show(rep.dataset, "escapes", evs, c, "en"))):
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
    doc = '<svg><text>a\x01b\x1bc\ufffed\ud800</text></svg>'
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
    for args in (("show", "forged", s.ds), ("report", s.ds), ("report", "-f", "md", s.ds),
                 ("report", "-f", "csv", s.ds)):
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
    colons.write_text("[[sources]]\ntitle = \"t\"\nid = 2\n", encoding="utf-8")
    r = invoke("check", "--format", "github", s.ds)
    assert r.exit_code == 1
    _, doc = check_json(s)
    _no_forged_commands(r.stdout, genuine=len(doc["diagnostics"]))
    assert "%0A%3A%3Aerror title=forged" in r.stdout  # the newline and colons encoded
    for args in (("check", s.ds), ("fmt", "--check", s.ds / "case"), ("report", s.ds)):
        r = invoke(*args)
        _no_forged_commands(r.stdout + r.stderr)
    # A path given from inside the directory: the name alone begins the line.
    p = subprocess.run([sys.executable, "-c", MAIN, "fmt", "--check", "."], cwd=s.ds / "case",
                       capture_output=True, text=True, env=ENV, check=False)
    assert "./::warning title=forged::starts.toml" in p.stdout + p.stderr
    _no_forged_commands(p.stdout + p.stderr)


def test_record_output_cannot_forge_commands(tmp_path: Path) -> None:
    import shutil

    from .conftest import VALID

    data = tmp_path / "targets"
    shutil.copytree(VALID, data)
    r = invoke("record", "gdp", "2024", "9000", "--source", "news-2024", "--data", data,
               "--notes", "x\n::error title=forged::pwned", "--quote", "q\r\n::warning::w")
    assert r.exit_code in (0, 1), r.stderr
    _no_forged_commands(r.stdout + r.stderr)
    r = invoke("record", "gdp", "2024", "9000", "--source", "no\n::error::pwned",
               "--data", data)
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


@pytest.mark.parametrize("text", ["=1+2", "+1", "-x", "@SUM(A1)", "\t=1", "\r=1",
                                  "＝1+2", "＋1", "－x", "＠SUM(A1)"])
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
    doc = {"a": float("inf"), "b": [1.0, float("-inf")],
           "c": {"d": {"e": {"f": {"g": float("nan"), "h": [float("inf")]}}}}}
    out = _strict_json(dumps(doc))
    assert out == {"a": None, "b": [1.0, None],
                   "c": {"d": {"e": {"f": {"g": None, "h": [None]}}}}}


@pytest.mark.parametrize("command", ["report-json", "report", "show", "md", "html", "csv"])
def test_values_at_the_float_limits(command: str, tmp_path: Path) -> None:
    s = _case(tmp_path, "huge-values.toml")
    args = {"report-json": ("report", "-f", "json", s.ds), "report": ("report", s.ds),
            "show": ("show", "extreme", s.ds), "md": ("report", "-f", "md", s.ds),
            "html": ("report", "-f", "html", s.ds), "csv": ("report", "-f", "csv", s.ds)}
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
    outside_links = {Path(str(d["file"])).name for d in doc["diagnostics"]
                     if d["code"] == "symlink-outside"}
    assert outside_links == {"evil.toml", "linked-dir"}
    for args in (("check", s.ds), ("check", "-f", "github", s.ds), ("check", "-f", "json", s.ds),
                 ("report", s.ds), ("show", "gdp", s.ds), ("fmt", "--check", s.ds)):
        r = invoke(*args)
        assert r.exit_code == 1
        assert "TOPSECRET" not in r.stdout + r.stderr
    assert shadow.read_text(encoding="utf-8") == SECRET + "\n"


# --- crashes --------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [("report",), ("report", "-f", "json"), ("check", "-f", "json"),
                                  ("show", "gdp")])
def test_stdout_on_a_full_disk(args: tuple[str, ...], tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        p = subprocess.run([sys.executable, "-c", MAIN, *args, str(s.ds)], stdout=full,
                           stderr=subprocess.PIPE, text=True, env=ENV, check=False)
    assert p.returncode in (1, 2), p.stderr
    # one line, after the line that says which dataset was read
    assert p.stderr.startswith("goaltrack: dataset: "), p.stderr
    assert p.stderr.strip().count("\n") == 1, p.stderr
    assert "No space left on device" in p.stderr
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr


@pytest.mark.parametrize("args", [("check",), ("check", "-f", "json"), ("check", "-f", "github"),
                                  ("report",), ("fmt", "--check")])
def test_undecodable_file_name_with_strict_stdout(args: tuple[str, ...],
                                                  tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    try:
        (s.ds / "case" / os.fsdecode(b"bad\xff\xfe.toml")).write_text("x = [\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses undecodable names")
    env = {**ENV, "PYTHONIOENCODING": "utf-8:strict"}
    p = subprocess.run([sys.executable, "-c", MAIN, *args, str(s.ds)], capture_output=True,
                       env=env, cwd=tmp_path, check=False)
    out = (p.stdout + p.stderr).decode("utf-8")  # strict: every byte written is UTF-8
    assert p.returncode == 1, out
    assert "Traceback" not in out and "internal error" not in out
    assert "bad\\xff\\xfe.toml" in out.replace("\\\\", "\\")  # JSON doubles the backslash


def test_an_output_encoding_without_chinese_is_a_clear_error(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    env = {**ENV, "PYTHONIOENCODING": "ascii:strict"}
    p = subprocess.run([sys.executable, "-c", MAIN, "report", "--lang", "zh", str(s.ds)],
                       capture_output=True, text=True, env=env, check=False)
    assert p.returncode == 2, p.stderr
    assert "cannot write the output in ascii" in p.stderr and "PYTHONIOENCODING" in p.stderr
    assert "Traceback" not in p.stderr


def test_debug_after_the_command_is_understood(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    for args in (("report", "--debug", s.ds), ("--debug", "report", s.ds),
                 ("check", s.ds, "--debug")):
        p = run_main(*args, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        assert "No such option" not in p.stderr


# --- resources ------------------------------------------------------------------------------


def _disagreeing_sources(path: Path, n: int) -> None:
    src = [f'[[sources]]\nid = "s{i}"\ntitle = "t"\npublished = 2025-01-01\n' for i in range(n)]
    act = [f'[[actuals]]\nindicator = "gdp"\nperiod = "2024"\nvalue = {1000 + i}\n'
           f'source = "s{i}"\n' for i in range(n)]
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
    from goaltrack.validate import check_dataset

    from .conftest import PLAN

    head = PLAN + '''
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
'''
    path = write("a.toml", head)
    assert not [d for d in check_dataset([path.parent]).diagnostics if d.code == "conflict"]
    path.write_text(path.read_text(encoding="utf-8") + '''
[[actuals]]
indicator = "gdp"
period = "2024"
value = 120
source = "u"
''', encoding="utf-8")
    conflicts = [d for d in check_dataset([path.parent]).diagnostics if d.code == "conflict"]
    assert len(conflicts) == 1
    assert "3 sources give 3 different values" in conflicts[0].message
    assert conflicts[0].message.startswith("gdp 2024 (level): ")
    assert "120 from 'u'" in conflicts[0].message


def test_a_huge_string_is_cut_in_every_format(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    big = "长" * 1_000_000  # 3 MB of UTF-8: cut the same way whatever the length
    (s.ds / "case" / "big.toml").write_text(
        f'[[sources]]\nid = "big"\ntitle = "t"\npublished = "{big}"\n'
        f'[[actuals]]\nindicator = "gdp"\nperiod = {{ x = "{big}" }}\nvalue = 1\nsource = "big"\n',
        encoding="utf-8")
    for args in (("check", s.ds), ("check", "-f", "json", s.ds), ("check", "-f", "github", s.ds),
                 ("report", s.ds)):
        r = invoke(*args)
        assert r.exit_code == 1
        assert "长长长长" in r.stdout + r.stderr  # the value is shown, cut
        assert len(r.stdout) + len(r.stderr) < 20_000, (args, len(r.stdout), len(r.stderr))


def test_a_long_relative_cycle_is_listed_in_part(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    n = 3000
    (s.ds / "case" / "chain.toml").write_text("".join(
        f'[[indicators]]\nid = "c{i}"\nplan = "demo"\nname = "c"\ncategory = "economy"\n'
        f'unit = "%"\ncitation = {{ source = "outline", quote = "q" }}\n'
        f'[[indicators.targets]]\nkind = "relative"\nreference = "c{(i + 1) % n}"\n'
        f'relation = "faster"\n' for i in range(n)), encoding="utf-8")
    _, doc = check_json(s)
    cycles = [d for d in doc["diagnostics"] if d["code"] == "relative-cycle"]
    assert len(cycles) == 1
    msg = str(cycles[0]["message"])
    assert len(msg) < 300 and "3000 indicators" in msg and msg.startswith(
        "relative targets refer in a cycle: c0 → c1")


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
        ARCHIVED.format(id="gbk", file="gbk.txt", quote="10500亿元"), encoding="utf-8")
    _, doc = check_json(s, "--sources", s.sources)
    d = next(d for d in doc["diagnostics"] if d["file"] == "ds/case/a.toml")
    assert d["code"] == "source-not-utf8", d
    assert "not UTF-8" in str(d["message"]) and "GBK" in str(d["hint"])


def test_oversized_source_text_is_refused(tmp_path: Path) -> None:
    from goaltrack.quotes import MAX_SOURCE_BYTES

    s = make_setup(tmp_path)
    with (s.sources / "huge.txt").open("w", encoding="utf-8") as f:
        f.write(("一二三四五六七八九十" * 100 + "\n") * (MAX_SOURCE_BYTES // 3001 + 1))
    assert (s.sources / "huge.txt").stat().st_size > MAX_SOURCE_BYTES
    (s.ds / "case" / "a.toml").write_text(
        ARCHIVED.format(id="huge", file="huge.txt", quote="一二三"), encoding="utf-8")
    _, doc = check_json(s, "--sources", s.sources)
    d = next(d for d in doc["diagnostics"] if d["file"] == "ds/case/a.toml")
    assert d["code"] == "source-too-large"
    assert f"{MAX_SOURCE_BYTES:,}" in str(d["message"])


def test_source_text_read_in_chunks_matches_across_chunk_borders(tmp_path: Path) -> None:
    from goaltrack.quotes import _CHUNK

    s = make_setup(tmp_path)
    filler = ("填充文字" * 50 + "\n") * (2 * _CHUNK // 601)
    (s.sources / "long.txt").write_text(filler + "全年新增高新技术企业1234家。\n" + filler,
                                        encoding="utf-8")
    (s.ds / "case" / "a.toml").write_text(
        ARCHIVED.format(id="long", file="long.txt", quote="新增高新技术企业 1234 家"),
        encoding="utf-8")
    _, doc = check_json(s, "--sources", s.sources)
    assert not [d for d in doc["diagnostics"] if d["file"] == "ds/case/a.toml"
                and d["severity"] == "error"], doc["diagnostics"]


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
