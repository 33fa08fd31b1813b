"""Property-based fuzzing: mutate one file of the valid fixture, goaltrack must not crash.

Each example copies tests/fixtures/valid to a temporary directory, mutates one file (deletes
a line, duplicates a line, retypes a value, truncates the bytes, inserts random bytes) and
runs `check`, `report --format json` and `fmt --check`: each must exit 0, 1 or 2 without an
exception or a traceback, `report` must refuse exactly the datasets `check` finds errors in,
and `fmt --check` must change nothing.

The default run is small and derandomized (reproducible in CI). Set GOALTRACK_FUZZ_EXAMPLES
to run that many random examples instead, e.g. `GOALTRACK_FUZZ_EXAMPLES=5000 pytest
tests/test_fuzz.py`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goaltrack.cli import app

from .conftest import VALID

LONG_RUN = int(os.environ.get("GOALTRACK_FUZZ_EXAMPLES", "0") or 0)
EXAMPLES = LONG_RUN or 60

FILES = sorted(str(p.relative_to(VALID)) for p in VALID.rglob("*.toml"))
ORIGINAL = {rel: (VALID / rel).read_bytes() for rel in FILES}

runner = CliRunner()

# A value after `=` (also inside inline tables): a basic string, a date, a number or a bool.
_VALUE = re.compile(
    rb'(?<==)(\s*)("(?:[^"\\\n]|\\.)*"|\d{4}-\d{2}-\d{2}|[-+]?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?'
    rb"|true|false)"
)

TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32)
)


def _toml_string(s: str) -> bytes:
    return json.dumps(s, ensure_ascii=False).encode("utf-8")  # a JSON string is a TOML string


def _toml_number(x: float) -> bytes:
    return repr(x).encode("ascii")


@st.composite
def other_type(draw: st.DrawFn, token: bytes) -> bytes:
    """A value of another TOML type than `token`."""
    if token.startswith(b'"'):
        kind = draw(st.sampled_from(["int", "float", "bool", "array", "table", "bare", "date"]))
    elif token in (b"true", b"false"):
        kind = draw(st.sampled_from(["int", "string", "array"]))
    elif re.fullmatch(rb"\d{4}-\d{2}-\d{2}", token):
        kind = draw(st.sampled_from(["int", "string", "bool"]))
    else:  # a number
        kind = draw(st.sampled_from(["quoted", "string", "bool", "array", "table", "date"]))
    if kind == "int":
        return str(draw(st.integers(-(10**6), 10**6))).encode()
    if kind == "float":
        return _toml_number(draw(NUMBERS))
    if kind == "bool":
        return draw(st.sampled_from([b"true", b"false"]))
    if kind == "array":
        return b"[" + token + b"]"
    if kind == "table":
        return b"{ v = " + token + b" }"
    if kind == "bare":
        return token.strip(b'"') or b"x"
    if kind == "date":
        return b"2024-01-01"
    if kind == "quoted":
        return b'"' + token + b'"'
    return _toml_string(draw(TEXTS))


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(file, what was done, new bytes) for one file of the fixture."""
    rel = draw(st.sampled_from(FILES))
    data = ORIGINAL[rel]
    lines = data.splitlines(keepends=True)
    how = draw(
        st.sampled_from(["delete-line", "duplicate-line", "retype", "truncate", "insert-bytes"])
    )
    if how == "delete-line":
        i = draw(st.integers(0, len(lines) - 1))
        return rel, f"{how} {i + 1}: {lines[i]!r}", b"".join(lines[:i] + lines[i + 1 :])
    if how == "duplicate-line":
        i = draw(st.integers(0, len(lines) - 1))
        return rel, f"{how} {i + 1}: {lines[i]!r}", b"".join(lines[: i + 1] + lines[i:])
    if how == "retype":
        spots = list(_VALUE.finditer(data))
        m = draw(st.sampled_from(spots))
        new = draw(other_type(m[2]))
        out = data[: m.start(2)] + new + data[m.end(2) :]
        line = data[: m.start(2)].count(b"\n") + 1
        return rel, f"{how} line {line}: {m[2]!r} -> {new!r}", out
    if how == "truncate":
        at = draw(st.integers(0, len(data) - 1))
        return rel, f"{how} at byte {at}", data[:at]
    at = draw(st.integers(0, len(data)))
    junk = draw(st.binary(min_size=1, max_size=16))
    return rel, f"{how} {junk!r} at byte {at}", data[:at] + junk + data[at:]


def _run(*args: object) -> tuple[int, str, str]:
    r = runner.invoke(app, [str(a) for a in args])
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        tb = "".join(traceback.format_exception(r.exception))
        raise AssertionError(f"goaltrack {args[0]} raised:\n{tb}")
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out[-3000:]
    assert r.exit_code in (0, 1, 2), (args[0], r.exit_code, r.stderr[-3000:])
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
@given(mutation=mutations())
def test_mutated_dataset_never_crashes(mutation: tuple[str, str, bytes]) -> None:
    rel, how, data = mutation
    note(f"{rel}: {how}")
    event(how.split(" ")[0])
    with tempfile.TemporaryDirectory(prefix="goaltrack-fuzz-") as tmp:
        ds = Path(tmp) / "ds"
        shutil.copytree(VALID, ds)
        (ds / rel).write_bytes(data)
        before = {p: p.read_bytes() for p in ds.rglob("*") if p.is_file()}

        check_code, _, check_err = _run("check", ds)
        note(check_err[-2000:])
        assert check_code in (0, 1)  # a dataset given as a directory is never a usage error

        code, out, err = _run("report", "--format", "json", ds)
        # report refuses exactly the datasets that check finds errors in.
        assert code == check_code, err[-2000:]
        if code == 0:
            doc = json.loads(out)
            assert doc["schema_version"] == 2
        else:
            assert "the dataset has" in err

        code, out, err = _run("fmt", "--check", ds)
        assert code in (0, 1)
        assert {p: p.read_bytes() for p in ds.rglob("*") if p.is_file()} == before
