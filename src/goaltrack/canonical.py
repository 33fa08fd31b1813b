"""The canonical layout of a data file (`goaltrack fmt`): one key order, written by tomli-w."""

from __future__ import annotations

import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from .models import (
    Actual,
    Baseline,
    Citation,
    Defaults,
    Indicator,
    Override,
    Plan,
    Source,
    Strict,
    Target,
)

SCHEMA_HEADER = re.compile(r"^#:schema\s+\S+[^\n]*$")
_SECTION_ORDER = ("plan", "defaults", "sources", "indicators", "actuals")
_SECTION_MODEL: dict[str, type[Strict]] = {"plan": Plan, "defaults": Defaults,
                                           "sources": Source, "indicators": Indicator,
                                           "actuals": Actual}
_NESTED: dict[str, type[Strict]] = {"baseline": Baseline, "citation": Citation,
                                    "targets": Target, "override": Override}


def _ordered(d: dict[str, Any], model: type[Strict] | None) -> dict[str, Any]:
    """Keys in the model's field order (unknown keys last, sorted); nested records too."""
    fields = list(model.model_fields) if model else []
    known = [k for k in fields if k in d]
    rest = sorted(k for k in d if k not in fields)
    out: dict[str, Any] = {}
    for k in [*known, *rest]:
        v = d[k]
        sub = _NESTED.get(k) if model is not None else None
        if isinstance(v, dict):
            out[k] = _ordered(v, sub) if sub else {kk: v[kk] for kk in sorted(v)} \
                if k != "categories" else v
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out[k] = [_ordered(x, sub) for x in v]
        else:
            out[k] = v
    return out


def canonical_text(doc: dict[str, Any], schema_header: str | None) -> str:
    ordered: dict[str, Any] = {}
    for section in _SECTION_ORDER:
        if section in doc:
            v = doc[section]
            model = _SECTION_MODEL[section]
            if isinstance(v, list):
                ordered[section] = [_ordered(x, model) if isinstance(x, dict) else x for x in v]
            elif isinstance(v, dict):
                ordered[section] = _ordered(v, model)
            else:
                ordered[section] = v
    for k in sorted(set(doc) - set(_SECTION_ORDER)):
        ordered[k] = doc[k]
    body = tomli_w.dumps(ordered)
    return (schema_header + "\n\n" if schema_header else "") + body


def comment_lines(text: str) -> list[int]:
    """Line numbers (1-based) holding a comment, outside strings; `#:schema` excluded."""
    lines: list[int] = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith(('"""', "'''"), i):
            delim = text[i:i + 3]
            end = text.find(delim, i + 3)
            end = n if end < 0 else end + 3
            while end < n and text[end] == delim[0]:
                end += 1  # a closing delimiter may be followed by quote characters
            line += text.count("\n", i, end)
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if (c == '"' and text[j] == "\\") else 1
            i = j + 1
        elif c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            if not (SCHEMA_HEADER.match(text[i:end]) and line == 1):
                lines.append(line)
            i = end
        else:
            i += 1
    return lines


def schema_header(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first if SCHEMA_HEADER.match(first) else None


@dataclass(slots=True)
class FmtOutcome:
    """What `fmt` would do with one file."""

    path: Path
    state: str  # unchanged | changed | refused | error
    message: str = ""
    new_text: str = ""
    original: bytes = b""


def plan_format(path: Path, drop_comments: bool = False) -> FmtOutcome:
    """Read `path` and compute its canonical text; nothing is written here."""
    from .loader import MAX_FILE_BYTES

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return FmtOutcome(path, "error", "not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            return FmtOutcome(path, "error", f"file is {st.st_size:,} bytes; the limit is "
                              f"{MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except (OSError, RuntimeError, ValueError) as e:
        return FmtOutcome(path, "error", f"cannot read: {getattr(e, 'strerror', None) or e}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FmtOutcome(path, "error", "not UTF-8 text")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return FmtOutcome(path, "error", f"invalid TOML: {e} (run `goaltrack check`)")
    except RecursionError:
        return FmtOutcome(path, "error", "nesting too deep")
    comments = comment_lines(text)
    if comments and not drop_comments:
        where = ", ".join(map(str, comments[:8])) + (" …" if len(comments) > 8 else "")
        return FmtOutcome(path, "refused", f"{len(comments)} comment line(s) would be lost "
                          f"(line {where}); move them into `notes` fields, or pass "
                          "--drop-comments", original=raw)
    try:
        new = canonical_text(doc, schema_header(text))
    except RecursionError:
        return FmtOutcome(path, "error", "nesting too deep to write")
    if tomllib.loads(new) != doc:  # never write something that reads back differently
        return FmtOutcome(path, "error", "canonical form would change the data; not written")
    state = "unchanged" if new.encode("utf-8") == raw else "changed"
    return FmtOutcome(path, state, new_text=new, original=raw)


def format_file(path: Path, drop_comments: bool = False) -> FmtOutcome:
    """Rewrite `path` in canonical form under its lock, reading it while the lock is held
    (so a figure recorded meanwhile is formatted, never overwritten)."""
    from .atomic import locked, write_atomic

    with locked(path) as real:
        out = plan_format(path, drop_comments)
        if out.state == "changed":
            write_atomic(real, out.new_text, expect_bytes=out.original)
    return out
