"""A corpus of bad inputs, each run through `check`, `report`, `show` and `fmt --check`.

Every case asserts: no traceback escapes (in-process through CliRunner, and for some cases
through the real entry point `goaltrack.cli.main` in a subprocess), the documented exit code
(README: 0 clean, 1 findings, 2 usage error; 3 is an internal error, i.e. a bug), and that the
diagnostics name the file, the line where there is one, and the documented code
(docs/checks.md).

The committed inputs live in tests/corpus/ (see its README for the `# expect:` markers);
inputs that cannot be committed (tens of MB, 100 000 nested brackets, symlinks, FIFOs,
unreadable files) are generated in tmp_path. Cases that currently fail because of a bug in
goaltrack were fixed; their cases stay as regression tests.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from goaltrack.cli import app

from .conftest import SOURCES, VALID

CORPUS = Path(__file__).parent / "corpus"
runner = CliRunner()

WARNING_CODES = frozenset(
    {
        "partial-period",
        "proxy",
        "scope",
        "no-quote",
        "no-citation",
        "no-baseline",
        "baseline-year",
        "bom",
        "schema-header",
        "symlink-loop",
        "magnitude",
        "direction",
        "published-future",
    }
)
NOTE_CODES = frozenset({"unarchived"})
ANY_LINE = -1  # the diagnostic must carry some line number, whichever
COMMANDS = ("check", "report", "show", "fmt")
VALID_FILES = len(list(VALID.rglob("*.toml")))
SECRET_QUOTE = "绝密外部文件"  # text of a file outside --sources that must never be read


# --- running the CLI ------------------------------------------------------------------------


def invoke(*args: object) -> Result:
    """Run the CLI in-process; fail on any exception other than SystemExit or a traceback."""
    r = runner.invoke(app, [str(a) for a in args])
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        tb = "".join(traceback.format_exception(r.exception))
        pytest.fail(f"goaltrack {' '.join(map(str, args))} raised:\n{tb}")
    assert "Traceback" not in r.stdout + r.stderr
    return r


ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
MAIN = "from goaltrack.cli import main; main()"


def run_main(*args: object, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a subprocess: what a user gets, last line of defence too."""
    p = subprocess.run(
        [sys.executable, "-c", MAIN, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV,
        timeout=timeout,
        check=False,
    )
    out = p.stdout + p.stderr
    assert "Traceback" not in out, out[-3000:]
    assert "internal error" not in out, out[-3000:]
    return p


# --- expectations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Exp:
    """A diagnostic expected in `file` (relative to the case) at `line` (None: no line)."""

    code: str  # "a|b" accepts either code
    file: str
    line: int | None
    texts: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.code.split("|"))

    @property
    def severity(self) -> str:
        c = self.codes[0]
        return "warning" if c in WARNING_CODES else "note" if c in NOTE_CODES else "error"

    def matches(self, d: Mapping[str, object], label: str) -> bool:
        if d["code"] not in self.codes or d["file"] != label:
            return False
        if self.line == ANY_LINE:
            if not d["line"]:
                return False
        elif self.line is not None and d["line"] != self.line:
            return False
        text = f"{d['message']} {d['hint'] or ''}"
        return all(t in text for t in self.texts)


_MARK = re.compile(r"#\s*expect:\s*(.+)$")


def markers(root: Path) -> list[Exp]:
    """`# expect: CODE TEXT & TEXT ; CODE …` trailing comments of the case's TOML files."""
    files = [root] if root.is_file() else sorted(root.rglob("*.toml"))
    out: list[Exp] = []
    for f in files:
        rel = f.name if root.is_file() else str(f.relative_to(root))
        text = f.read_bytes().decode("utf-8", errors="replace")
        for n, line in enumerate(text.splitlines(), 1):
            m = _MARK.search(line)
            if not m:
                continue
            for item in m[1].split(";"):
                code, _, rest = item.strip().partition(" ")
                texts = tuple(t.strip() for t in rest.split("&") if t.strip())
                out.append(Exp(code, rel, n, texts))
    return out


@dataclass(frozen=True)
class Case:
    name: str  # a file or directory under tests/corpus
    expect: tuple[Exp, ...] = ()  # besides the `# expect:` markers in the files
    fmt_exit: frozenset[int] = frozenset({0, 1})
    fmt_text: tuple[str, ...] = ()  # in fmt's stderr
    show: str = "gdp"  # the indicator `show` asks for
    sources: bool = False  # run check with --sources (a copy of tests/fixtures/sources)
    exits: Mapping[str, frozenset[int]] = field(default_factory=dict)  # overrides
    real: bool = False  # also run through the real entry point in a subprocess

    @property
    def path(self) -> Path:
        return CORPUS / self.name

    def expectations(self) -> list[Exp]:
        return [*self.expect, *markers(self.path)]

    def exit_for(self, command: str) -> frozenset[int]:
        if command in self.exits:
            return self.exits[command]
        if command == "fmt":
            return self.fmt_exit
        errors = any(e.severity == "error" for e in self.expectations())
        return frozenset({1 if errors else 0})


def syntax(name: str, line: int, *texts: str, **kw: object) -> Case:
    """A file that is not valid TOML: toml-syntax at `line`, and fmt says so with the line."""
    fmt_text = (f"line {line}",) if line > 0 else ()
    return Case(
        name,
        (Exp("toml-syntax", name, line, texts),),
        fmt_exit=frozenset({1}),
        fmt_text=("invalid TOML", *fmt_text),
        **kw,  # type: ignore[arg-type]
    )


ERR = frozenset({1})
CLEAN = frozenset({0})
ANY_FINDING = frozenset({0, 1})

CASES: tuple[Case, ...] = (
    # Reading the file: encoding, binary, empty.
    Case("empty.toml", fmt_exit=frozenset({0})),
    Case(
        "bom.toml",
        (Exp("bom", "bom.toml", 1, ("byte-order mark",)),),
        fmt_exit=frozenset({1}),
        real=True,
    ),
    Case(
        "not-utf8-gbk.toml",
        (Exp("not-utf8", "not-utf8-gbk.toml", 3, ("invalid UTF-8",)),),
        fmt_exit=ERR,
        fmt_text=("not UTF-8",),
        real=True,
    ),
    Case(
        "not-utf8-latin1.toml",
        (Exp("not-utf8", "not-utf8-latin1.toml", 3, ("0xe9",)),),
        fmt_exit=ERR,
    ),
    Case("utf16.toml", (Exp("binary-file|not-utf8", "utf16.toml", None),), fmt_exit=ERR),
    Case(
        "binary.toml",
        (Exp("binary-file", "binary.toml", None, ("binary",)),),
        fmt_exit=ERR,
        real=True,
    ),
    # Invalid TOML.
    syntax("syntax-unclosed-string.toml", 2, real=True),
    syntax("syntax-bare-word.toml", 2, "strings need quotes"),
    syntax("syntax-decimal-comma.toml", 4),
    syntax("syntax-missing-equals.toml", 2, "'='"),
    syntax("syntax-bad-table-header.toml", 1, "']]'"),
    syntax("syntax-empty-key-in-header.toml", 1),
    syntax("syntax-unterminated-array.toml", 4, "Unclosed array"),
    syntax("syntax-unterminated-inline-table.toml", 7, "Unclosed inline table"),
    syntax("syntax-unterminated-multiline-string.toml", ANY_LINE),
    syntax("syntax-invalid-escape.toml", 3),
    syntax("syntax-leading-zero.toml", 4),
    syntax("syntax-impossible-toml-date.toml", 4, "date"),
    syntax("syntax-control-character.toml", 3),
    syntax("duplicate-key.toml", 3, "defined twice"),
    syntax("duplicate-table.toml", 4, "twice", real=True),
    syntax("duplicate-table-vs-array.toml", 4),
    syntax("duplicate-inline-key.toml", 7, "'year'"),
    # Schema: wrong types in every field of every record kind (markers in the files).
    Case("wrong-types-plan.toml"),
    Case("wrong-types-source.toml"),
    Case("wrong-types-indicator.toml"),
    Case("wrong-types-baseline.toml"),
    Case("wrong-types-citation.toml"),
    Case("wrong-types-target.toml", real=True),
    Case("wrong-types-actual.toml"),
    Case("wrong-types-defaults.toml"),
    Case("wrong-types-units.toml"),
    Case("wrong-types-sections.toml"),
    Case("coerced-types.toml"),
    Case("missing-keys.toml"),
    # Values: NaN/inf, impossible negatives, impossible dates and periods, kind rules.
    Case("nan-inf.toml", real=True),
    Case("negative-values.toml"),
    Case("impossible-dates-periods.toml"),
    Case("plan-period-backwards.toml"),
    Case("target-kind-rules.toml"),
    Case("growth-target-below-minus-100.toml", show="collapse"),
    Case(
        "growth-target-huge.toml",
        show="moonshot",
        exits={"check": ANY_FINDING, "report": ANY_FINDING, "show": ANY_FINDING},
        real=True,
    ),
    Case(
        "actual-growth-minus-100.toml",
        show="energy-intensity",
        exits={"check": ANY_FINDING, "report": ANY_FINDING, "show": ANY_FINDING},
    ),
    # Keys and ids.
    Case("unknown-keys.toml"),
    Case("bad-ids.toml"),
    Case("duplicate-ids"),
    # References and relative targets.
    Case("unknown-references.toml"),
    Case("relative-self.toml"),
    Case("relative-cycle-2.toml"),
    Case("relative-cycle-3.toml", real=True),
    Case("semantic-errors.toml"),
    Case("meaningless-inputs.toml"),
    Case("unknown-units.toml"),
    # Schema header.
    Case(
        "schema-header-missing.toml",
        (Exp("schema-header", "schema-header-missing.toml", 1, ("does not exist",)),),
    ),
    Case(
        "schema-header-too-long.toml",
        (Exp("schema-header", "schema-header-too-long.toml", 1),),
        real=True,
    ),
    # Archived source files (check --sources).
    Case("source-path-traversal.toml", sources=True),
    Case(
        "source-file-nul.toml",
        (Exp("invalid-value|source-missing|source-outside", "source-file-nul.toml", None),),
        sources=True,
        exits={"report": ANY_FINDING, "show": ANY_FINDING},
        real=True,
    ),
    Case("quote-empty.toml", sources=True, exits={"report": CLEAN, "show": CLEAN}),
    # Hostile strings (what each output makes of them: tests/test_hostile.py).
    Case("markup-in-data.toml", show="markup", real=True),
    Case("control-characters.toml", show="escapes", real=True),
    Case("github-commands-in-data.toml", show="forged", real=True),
    Case("huge-values.toml", show="extreme", real=True),
)


def _params(commands: tuple[str, ...], only_real: bool = False) -> list[Any]:
    out: list[Any] = []
    for case in CASES:
        if only_real and not case.real:
            continue
        for cmd in commands:
            out.append(pytest.param(case, cmd, id=f"{case.name}-{cmd}"))
    return out


# --- the dataset a case runs against ------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    ds: Path  # the dataset: base/ (a copy of tests/fixtures/valid) and case/ (the bad input)
    target: Path  # the case's copy (file or directory)
    sources: Path  # a copy of tests/fixtures/sources
    secret: Path  # a file next to sources/ that must never be read

    def label(self, rel: str) -> str:
        """How diagnostics name a file of the case (relative to the dataset's parent)."""
        return f"ds/case/{rel}"


def make_setup(tmp: Path, case_path: Path | None = None) -> Setup:
    ds = tmp / "ds"
    shutil.copytree(VALID, ds / "base")
    (ds / "case").mkdir()
    target = ds / "case"
    if case_path is not None:
        if case_path.is_dir():
            shutil.copytree(case_path, ds / "case", dirs_exist_ok=True)
        else:
            target = ds / "case" / case_path.name
            shutil.copy2(case_path, target)
    sources = tmp / "sources"
    shutil.copytree(SOURCES, sources)
    secret = tmp / "outside-secret.txt"
    secret.write_text(f"{SECRET_QUOTE}\n", encoding="utf-8")
    return Setup(ds, target, sources, secret)


@functools.cache
def valid_verified_quotes() -> int:
    """How many quotes of tests/fixtures/valid verify against tests/fixtures/sources."""
    r = invoke("check", "--format", "json", "--sources", SOURCES, VALID)
    assert r.exit_code == 0, r.stdout
    n = json.loads(r.stdout)["summary"]["quotes_verified"]
    assert isinstance(n, int) and n > 0
    return n


def check_json(s: Setup, *extra: object) -> tuple[int, dict[str, Any]]:
    r = invoke("check", "--format", "json", *extra, s.ds)
    return r.exit_code, json.loads(r.stdout)


def assert_expected(case: Case, s: Setup, diags: list[dict[str, Any]]) -> None:
    exps = case.expectations()
    for e in exps:
        label = s.label(e.file)
        assert any(e.matches(d, label) for d in diags), (
            f"expected {e} in {label}; got:\n"
            + "\n".join(
                f"  {d['file']}:{d['line']}: {d['code']}: {d['message']} ({d['hint']})"
                for d in diags
            )
        )
    # Nothing is blamed on the untouched fixture (every problem belongs to the bad input).
    base = [d for d in diags if d["severity"] == "error" and str(d["file"]).startswith("ds/base")]
    allowed_in_base = {"duplicate-id", "conflict"}
    assert all(d["code"] in allowed_in_base for d in base), base


def _line_re(e: Exp) -> str:
    """The `:line:column` part of a text diagnostic's location, as a regex."""
    if e.line is None:
        return r"(:\d+)*"
    if e.line == ANY_LINE:
        return r"(:\d+)+"
    return rf":{e.line}(:\d+)?"


# --- the tests --------------------------------------------------------------------------------


def test_corpus_is_complete() -> None:
    """Every file in tests/corpus is a case, and every case exists."""
    listed = {c.name for c in CASES}
    # extract/ holds the real texts of `extract` (tests/test_extract_real.py), not bad input
    present = {p.name for p in CORPUS.iterdir() if p.name not in ("README.md", "extract")}
    assert listed == present


@pytest.mark.slow
@pytest.mark.parametrize(("case", "command"), _params(("check",)))
def test_check(case: Case, command: str, tmp_path: Path) -> None:
    s = make_setup(tmp_path, case.path)
    extra: tuple[object, ...] = ("--sources", s.sources) if case.sources else ()
    code, doc = check_json(s, *extra)
    assert code in case.exit_for("check"), doc["diagnostics"]
    assert doc["ok"] == (code == 0)
    assert_expected(case, s, doc["diagnostics"])
    # The same findings as text on stderr: file:line:column: severity[code].
    r = invoke("check", *extra, s.ds)
    assert r.exit_code == code
    for e in case.expectations():
        pattern = (
            rf"^{re.escape(s.label(e.file))}{_line_re(e)}: {e.severity}"
            rf"\[({'|'.join(map(re.escape, e.codes))})\]"
        )
        assert re.search(pattern, r.stderr, re.M), (pattern, r.stderr[-3000:])
    if case.sources:
        summary = doc["summary"]
        assert summary["quotes_verified"] == valid_verified_quotes(), summary


@pytest.mark.slow
@pytest.mark.parametrize(("case", "command"), _params(("report", "show")))
def test_report_and_show(case: Case, command: str, tmp_path: Path) -> None:
    s = make_setup(tmp_path, case.path)
    if command == "report":
        r = invoke("report", "--format", "json", s.ds)
    else:
        r = invoke("show", case.show, s.ds)
    assert r.exit_code in case.exit_for(command), r.stderr[-3000:]
    if r.exit_code == 0:
        if command == "report":
            doc = json.loads(r.stdout)
            assert doc["schema_version"] == 2
            assert "j)" not in r.stdout  # no complex numbers written as strings
        else:
            assert case.show in r.stdout
        return
    # Refused: the errors are listed with file:line, then a summary line.
    assert "the dataset has" in r.stderr
    errors = [e for e in case.expectations() if e.severity == "error"]
    if len(errors) <= 20:
        for e in errors:
            assert re.search(
                rf"^{re.escape(s.label(e.file))}{_line_re(e)}: error\[", r.stderr, re.M
            ), (e, r.stderr[-3000:])


@pytest.mark.slow
@pytest.mark.parametrize(("case", "command"), _params(("fmt",)))
def test_fmt_check(case: Case, command: str, tmp_path: Path) -> None:
    s = make_setup(tmp_path, case.path)
    before = {p: p.read_bytes() for p in s.ds.rglob("*") if p.is_file()}
    r = invoke("fmt", "--check", s.target)
    assert r.exit_code in case.exit_for("fmt"), r.stderr
    if r.exit_code == 1:
        named = s.target.name if s.target.is_file() else "case/"
        assert named in r.stdout + r.stderr
    for t in case.fmt_text:
        assert t in r.stderr, r.stderr
    assert {p: p.read_bytes() for p in s.ds.rglob("*") if p.is_file()} == before


@pytest.mark.slow
@pytest.mark.parametrize(("case", "command"), _params(COMMANDS, only_real=True))
def test_real_entry_point(case: Case, command: str, tmp_path: Path) -> None:
    """`goaltrack.cli.main` in a subprocess: no traceback, no internal error, right exit."""
    s = make_setup(tmp_path, case.path)
    args: tuple[object, ...] = {
        "check": ("check", *(("--sources", s.sources) if case.sources else ()), s.ds),
        "report": ("report", "--format", "json", s.ds),
        "show": ("show", case.show, s.ds),
        "fmt": ("fmt", "--check", s.target),
    }[command]
    p = run_main(*args, cwd=tmp_path)
    assert p.returncode in case.exit_for(command), p.stderr[-3000:]
    if p.returncode == 1:
        named = s.target.name if s.target.is_file() else "case/"
        assert named in p.stdout + p.stderr


WRONG_TYPES: tuple[tuple[str, str, str], ...] = (
    # (corpus file, model, the path prefix of its fields in the markers)
    ("wrong-types-plan.toml", "Plan", "plan."),
    ("wrong-types-source.toml", "Source", "sources[0]."),
    ("wrong-types-indicator.toml", "Indicator", "indicators[0]."),
    ("wrong-types-baseline.toml", "Baseline", "indicators[0].baseline."),
    ("wrong-types-citation.toml", "Citation", "indicators[1].citation."),
    ("wrong-types-target.toml", "Target", "indicators[0].targets[0]."),
    ("wrong-types-target.toml", "Override", "indicators[0].targets[1].override."),
    ("wrong-types-actual.toml", "Actual", "actuals[0]."),
    ("wrong-types-defaults.toml", "Defaults", "defaults."),
    ("wrong-types-units.toml", "UnitDef", "units[0]."),
)


@pytest.mark.parametrize(("name", "model", "prefix"), WRONG_TYPES)
def test_wrong_types_cover_every_field(name: str, model: str, prefix: str) -> None:
    """A field added to the format gets a wrong-type line in the corpus too."""
    from goaltrack.core import models

    fields = set(getattr(models, model).model_fields)
    covered = set()
    for e in markers(CORPUS / name):
        for t in e.texts:
            if t.startswith(prefix):
                covered.add(re.split(r"[.\[]", t[len(prefix) :])[0])
    assert covered == fields


def test_strict_makes_the_bom_warning_an_error(tmp_path: Path) -> None:
    s = make_setup(tmp_path, CORPUS / "bom.toml")
    r = invoke("check", "--strict", s.ds)
    assert r.exit_code == 1
    assert re.search(r"^ds/case/bom\.toml:1(:\d+)?: error\[bom\]", r.stderr, re.M)


def test_empty_file_is_counted_and_clean(tmp_path: Path) -> None:
    s = make_setup(tmp_path, CORPUS / "empty.toml")
    code, doc = check_json(s)
    assert code == 0
    assert doc["summary"]["files"] == VALID_FILES + 1  # the empty file is read
    assert not [d for d in doc["diagnostics"] if str(d["file"]).startswith("ds/case")]


# --- generated inputs: sizes and depths -----------------------------------------------------

LIMIT = 32 * 1024 * 1024


def _write_big(path: Path, size: int) -> None:
    """A valid TOML file of about `size` bytes: one record and then comment lines."""
    head = '[[sources]]\nid = "big"\ntitle = "很大的文件"\n'
    line = "# " + "x" * 1021 + "\n"  # 1 KiB
    with path.open("w", encoding="utf-8") as f:
        f.write(head)
        f.write(line * ((size - len(head)) // len(line) + 1))


def _timed(*args: object) -> tuple[Result, float]:
    t = time.monotonic()
    r = invoke(*args)
    return r, time.monotonic() - t


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    big = s.ds / "case" / "huge.toml"
    _write_big(big, 40 * 1024 * 1024)
    assert big.stat().st_size > LIMIT
    code, doc = check_json(s)
    assert code == 1
    d = next(d for d in doc["diagnostics"] if d["code"] == "file-too-large")
    assert d["file"] == "ds/case/huge.toml"
    assert "33,554,432" in d["message"] and "limit" in d["message"]
    for args in (("check", s.ds), ("report", "--format", "json", s.ds), ("show", "gdp", s.ds)):
        r, took = _timed(*args)
        assert r.exit_code == 1
        assert "ds/case/huge.toml: error[file-too-large]" in r.stderr
        assert took < 10, f"{args[0]} took {took:.1f}s on a file it refuses"


def test_fmt_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "huge.toml"
    _write_big(big, 40 * 1024 * 1024)
    r, took = _timed("fmt", "--check", "--drop-comments", big)
    assert took < 10
    assert r.exit_code == 1
    assert str(big) in r.stderr
    assert "limit" in r.stderr or "too large" in r.stderr


@pytest.mark.slow
def test_file_just_under_the_size_limit_is_read_in_bounded_time(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    big = s.ds / "case" / "large.toml"
    _write_big(big, LIMIT - 1024 * 1024)
    assert big.stat().st_size < LIMIT
    for args, want in (
        (("check", s.ds), 0),
        (("report", "--format", "json", s.ds), 0),
        (("show", "gdp", s.ds), 0),
        (("fmt", "--check", big), 1),
    ):
        r, took = _timed(*args)
        assert r.exit_code == want, r.stderr[-2000:]
        assert took < 30, f"{args[0]} took {took:.1f}s"
    # fmt edits files up to 4 MiB (tomlkit is slow): the file is named with the limit.
    r = invoke("fmt", "--check", big)
    assert (
        f"{big}: error: file is {big.stat().st_size:,} bytes; fmt and record edit files "
        "up to 4,194,304 bytes" in r.stderr
    )


DEEP = 100_000


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a = " + "[" * DEEP + "]" * DEEP + "\n", id="arrays"),
        pytest.param("a = " + "[" * DEEP + "\n", id="unclosed-arrays"),
        pytest.param(
            "a = " + "{b = " * (DEEP // 2) + "1" + "}" * (DEEP // 2) + "\n", id="inline-tables"
        ),
    ],
)
@pytest.mark.slow
def test_very_deep_nesting(text: str, tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    deep = s.ds / "case" / "deep.toml"
    deep.write_text(text, encoding="utf-8")
    code, doc = check_json(s)
    assert code == 1
    assert any(
        d["code"] == "too-deep" and d["file"] == "ds/case/deep.toml" for d in doc["diagnostics"]
    ), doc["diagnostics"]
    for args in (("report", "--format", "json", s.ds), ("show", "gdp", s.ds)):
        r, took = _timed(*args)
        assert r.exit_code == 1
        assert "ds/case/deep.toml: error[too-deep]" in r.stderr
        assert took < 10
    r = invoke("fmt", "--check", deep)
    assert r.exit_code == 1
    assert f"{deep}: error" in r.stderr and "deep" in r.stderr
    # And through the real entry point, with its own (smaller) stack.
    p = run_main("check", s.ds, cwd=tmp_path)
    assert p.returncode == 1 and "ds/case/deep.toml: error[too-deep]" in p.stderr
    p = run_main("fmt", "--check", deep, cwd=tmp_path)
    assert p.returncode == 1 and str(deep) in p.stderr


MID_DEPTH = 300  # accepted by tomllib in a fresh process, too deep for tomli_w


def _mid_deep(tmp_path: Path) -> Setup:
    s = make_setup(tmp_path)
    (s.ds / "case" / "nested.toml").write_text(
        "a = " + "[" * MID_DEPTH + "]" * MID_DEPTH + "\n", encoding="utf-8"
    )
    return s


@pytest.mark.parametrize("command", ["check", "report", "show"])
def test_moderately_deep_nesting(command: str, tmp_path: Path) -> None:
    s = _mid_deep(tmp_path)
    args = {
        "check": ("check", s.ds),
        "report": ("report", "-f", "json", s.ds),
        "show": ("show", "gdp", s.ds),
    }[command]
    p = run_main(*args, cwd=tmp_path)
    assert p.returncode == 1
    assert re.search(
        r"^ds/case/nested\.toml:1(:\d+)?: error\[(unknown-key|too-deep)\]", p.stderr, re.M
    ), p.stderr


def test_fmt_on_moderately_deep_nesting(tmp_path: Path) -> None:
    s = _mid_deep(tmp_path)
    f = s.ds / "case" / "nested.toml"
    p = run_main("fmt", "--check", f, cwd=tmp_path)
    assert p.returncode == 1
    assert str(f) in p.stderr


# --- generated inputs: the file system --------------------------------------------------------


def test_directory_symlink_loop(tmp_path: Path) -> None:
    s = make_setup(tmp_path, CORPUS / "schema-header-missing.toml")
    loop = s.ds / "case" / "loop"
    loop.mkdir()
    (loop / "back").symlink_to("..", target_is_directory=True)
    (loop / "self").symlink_to(".", target_is_directory=True)
    code, doc = check_json(s)
    assert code == 0  # a loop is a warning: the rest is read once
    loops = [d for d in doc["diagnostics"] if d["code"] == "symlink-loop"]
    assert {Path(str(d["file"])).name for d in loops} == {"back", "self"}
    assert doc["summary"]["files"] == VALID_FILES + 1  # nothing read twice
    r = invoke("check", "--strict", s.ds)
    assert r.exit_code == 1 and "error[symlink-loop]" in r.stderr
    r = invoke("report", "--format", "json", s.ds)
    assert r.exit_code == 0
    r = invoke("show", "gdp", s.ds)
    assert r.exit_code == 0
    r = invoke("fmt", "--check", s.ds / "case")
    assert r.exit_code in (0, 1)
    assert f"{loop / 'back'}: warning" in r.stderr


@pytest.mark.parametrize(
    "command",
    [
        "check",
        "report",
        "show",
        "fmt",
    ],
)
def test_file_symlink_loop(command: str, tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.ds / "case" / "self.toml").symlink_to("self.toml")
    args = {
        "check": ("check", s.ds),
        "report": ("report", "-f", "json", s.ds),
        "show": ("show", "gdp", s.ds),
        "fmt": ("fmt", "--check", s.ds / "case"),
    }[command]
    r = invoke(*args)
    assert r.exit_code == 1
    assert "self.toml" in r.stderr
    if command != "fmt":
        assert "error[unreadable]" in r.stderr


def test_dangling_symlink_names_the_file(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.ds / "case" / "dangling.toml").symlink_to("nowhere.toml")
    code, doc = check_json(s)
    assert code == 1
    assert any(
        d["code"] == "unreadable" and d["file"] == "ds/case/dangling.toml"
        for d in doc["diagnostics"]
    ), doc["diagnostics"]


def test_dangling_symlink_is_an_error_not_a_crash(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.ds / "case" / "dangling.toml").symlink_to("nowhere.toml")
    for args in (("check", s.ds), ("report", "-f", "json", s.ds), ("show", "gdp", s.ds)):
        r = invoke(*args)
        assert r.exit_code == 1
        assert "error[unreadable]" in r.stderr
    r = invoke("fmt", "--check", s.ds / "case")
    assert r.exit_code == 1
    assert "dangling.toml: error" in r.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    s = make_setup(tmp_path, CORPUS / "schema-header-missing.toml")
    f = s.target
    f.chmod(0)
    try:
        if os.access(f, os.R_OK):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): chmod 000 stays readable")
        code, doc = check_json(s)
        assert code == 1
        assert any(
            d["code"] == "unreadable" and d["file"] == "ds/case/" + f.name
            for d in doc["diagnostics"]
        ), doc["diagnostics"]
        for args in (("report", "-f", "json", s.ds), ("show", "gdp", s.ds)):
            r = invoke(*args)
            assert r.exit_code == 1 and f"ds/case/{f.name}: error[unreadable]" in r.stderr
        r = invoke("fmt", "--check", f)
        assert r.exit_code == 1 and f"{f}: error" in r.stderr
    finally:
        f.chmod(0o644)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_hang(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    os.mkfifo(s.ds / "case" / "pipe.toml")
    commands = {
        "check": ("check", s.ds),
        "report": ("report", "-f", "json", s.ds),
        "show": ("show", "gdp", s.ds),
        "fmt": ("fmt", "--check", s.ds / "case"),
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", MAIN, *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=ENV,
        )
        for name, args in commands.items()
    }
    # A hang never ends; the generous deadline only keeps a loaded machine from looking like one.
    deadline = time.monotonic() + 90
    hung = []
    for name, p in procs.items():
        try:
            _, err = p.communicate(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            hung.append(name)
            continue
        assert p.returncode == 1 and "pipe.toml" in err, (name, err)
    assert not hung, f"hung: {hung}"


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    for args in (("check", missing), ("report", missing), ("show", "gdp", missing)):
        r = invoke(*args)
        assert r.exit_code == 1
        assert f"{missing}: error[path-missing]" in r.stderr
    r = invoke("fmt", "--check", missing)
    assert r.exit_code == 1 and f"{missing}: error" in r.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_overlong_path_argument(command: str, tmp_path: Path) -> None:
    long = tmp_path / ("a" * 300)
    args = {
        "check": ("check", long),
        "report": ("report", long),
        "show": ("show", "gdp", long),
        "fmt": ("fmt", "--check", long),
    }[command]
    r = invoke(*args)
    assert r.exit_code in (1, 2)
    assert "aaaa" in r.stderr


# --- generated inputs: archived source files (check --sources) --------------------------------

SOURCE_TOML = """
[[sources]]
id = "{id}"
title = "外部文件"
file = "{file}"

[[actuals]]
indicator = "gdp"
period = "2024"
value = 10500
source = "{id}"
quote = "{quote}"
"""


def _source_case(s: Setup, entries: list[tuple[str, str]]) -> Path:
    """Sources (id, file) in the case, each with a figure quoting the secret text."""
    f = s.ds / "case" / "archived.toml"
    f.write_text(
        "".join(SOURCE_TOML.format(id=i, file=file, quote=SECRET_QUOTE) for i, file in entries),
        encoding="utf-8",
    )
    return f


def test_source_symlink_outside_is_refused_and_never_read(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.sources / "escape.txt").symlink_to(s.secret)
    (s.sources / "subdir").mkdir()
    (s.sources / "subdir" / "deeper.txt").symlink_to(Path("..") / ".." / s.secret.name)
    (s.sources / "a-directory").mkdir()
    _source_case(
        s, [("escape", "escape.txt"), ("deeper", "subdir/deeper.txt"), ("dir", "a-directory")]
    )
    code, doc = check_json(s, "--sources", s.sources)
    assert code == 1
    by_code: dict[str, set[str]] = {}
    for d in doc["diagnostics"]:
        if d["file"] == "ds/case/archived.toml":
            by_code.setdefault(str(d["code"]), set()).add(str(d["message"]))
    outside = by_code.get("source-outside", set())
    assert any("'escape'" in m for m in outside) and any("'deeper'" in m for m in outside)
    assert any("'dir'" in m for m in by_code.get("source-missing", set()))
    # The secret was never read: its quote did not verify (the fixture's 27 did).
    assert doc["summary"]["quotes_verified"] == valid_verified_quotes()
    r = invoke("check", "--sources", s.sources, s.ds)
    assert re.search(r"^ds/case/archived\.toml:\d+(:\d+)?: error\[source-outside\]", r.stderr, re.M)


def test_source_symlink_loop(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    (s.sources / "loop.txt").symlink_to("loop.txt")
    _source_case(s, [("looping", "loop.txt")])
    code, doc = check_json(s, "--sources", s.sources)
    assert code == 1
    assert any(
        d["code"] in ("source-missing", "source-outside") and d["file"] == "ds/case/archived.toml"
        for d in doc["diagnostics"]
    )


def test_missing_sources_directory_is_a_usage_error(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    r = invoke("check", "--sources", tmp_path / "nope", s.ds)
    assert r.exit_code == 2
    assert "nope" in r.stderr and "not a directory" in r.stderr


def test_unknown_indicator_is_a_usage_error(tmp_path: Path) -> None:
    s = make_setup(tmp_path)
    r = invoke("show", "gpd", s.ds)
    assert r.exit_code == 2
    assert "no indicator 'gpd'" in r.stderr and "gdp" in r.stderr
