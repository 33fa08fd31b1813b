"""Map TOML key paths to the line and column where they are written.

`tomllib` returns plain dicts with no positions, so a validation error at
`("indicators", 3, "targets", 0, "value")` needs this index to point at a line.
The scanner understands tables, arrays of tables, dotted keys, inline tables and
multi-line strings and arrays; it only reads text that `tomllib` already accepted.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_KEYVAL = re.compile(rf"^\s*({_DOTTED})\s*=\s*")
_INLINE_KEY = re.compile(rf"({_DOTTED})\s*=")


def _split_dotted(s: str) -> list[str]:
    return [_unquote(p) for p in re.findall(_KEY, s)]


def _unquote(k: str) -> str:
    k = k.strip()
    if len(k) >= 2 and k[0] == k[-1] and k[0] in "\"'":
        return k[1:-1]
    return k


class PositionIndex:
    """Line/column lookup for key paths of one TOML document (1-based)."""

    def __init__(self, text: str) -> None:
        self.positions: dict[Path, tuple[int, int]] = {}
        self._array_counts: dict[Path, int] = {}
        self._scan(text.splitlines())

    def lookup(self, path: Path) -> tuple[int, int] | None:
        """The position of `path`, or of its longest recorded prefix."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return None

    def exact(self, path: Path) -> tuple[int, int] | None:
        return self.positions.get(tuple(path))

    def _resolve(self, keys: list[str]) -> Path:
        """Turn header keys into a path, descending into the last element of arrays."""
        out: list[str | int] = []
        for k in keys:
            out.append(k)
            n = self._array_counts.get(tuple(out))
            if n is not None:
                out.append(n - 1)
        return tuple(out)

    def _scan(self, lines: list[str]) -> None:
        table: Path = ()
        i = 0
        while i < len(lines):
            line = lines[i]
            lineno = i + 1
            stripped = line.strip()
            i += 1
            if not stripped or stripped.startswith("#"):
                continue
            if m := _HEADER.match(line):
                keys = _split_dotted(m.group(2))
                col = m.start(2) + 1
                if m.group(1) == "[[":
                    parent = self._resolve(keys[:-1])
                    arr = (*parent, keys[-1])
                    n = self._array_counts.get(arr, 0) + 1
                    self._array_counts[arr] = n
                    self.positions.setdefault(arr, (lineno, col))
                    table = (*arr, n - 1)
                else:
                    table = self._resolve(keys)
                self.positions[table] = (lineno, col)
                continue
            if m := _KEYVAL.match(line):
                keys = _split_dotted(m.group(1))
                path = (*table, *keys)
                self.positions[path] = (lineno, m.start(1) + 1)
                rest = line[m.end() :]
                i = self._value(path, rest, lines, i, lineno, m.end())

    def _value(
        self, path: Path, rest: str, lines: list[str], i: int, lineno: int, offset: int
    ) -> int:
        """Record inline-table keys; skip multi-line values. Returns the next line index."""
        r = rest.lstrip()
        if r.startswith(('"""', "'''")):
            delim = r[:3]
            if r.count(delim) >= 2:
                return i
            while i < len(lines):
                i += 1
                if delim in lines[i - 1]:
                    break
            return i
        if r.startswith("{"):
            for m in _INLINE_KEY.finditer(r):
                sub = _split_dotted(m.group(1))
                self.positions.setdefault(
                    (*path, *sub), (lineno, offset + len(rest) - len(r) + m.start(1) + 1)
                )
            return i
        if r.startswith("["):
            depth = _bracket_depth(r)
            idx = 0
            elem_line = lineno
            # Arrays: each element's line is recorded so `tags[2]` points at its line.
            self.positions.setdefault((*path, idx), (elem_line, 1))
            while depth > 0 and i < len(lines):
                nxt = lines[i]
                i += 1
                if nxt.strip() and not nxt.strip().startswith(("#", "]")):
                    self.positions.setdefault((*path, idx), (i, len(nxt) - len(nxt.lstrip()) + 1))
                    idx += nxt.count(",")
                depth += _bracket_depth(nxt)
            return i
        return i


def _bracket_depth(s: str) -> int:
    """Net change of [ ] nesting in `s`, ignoring brackets in strings and comments."""
    depth = 0
    quote = ""
    esc = False
    for ch in s:
        if quote:
            if esc:
                esc = False
            elif ch == "\\" and quote == '"':
                esc = True
            elif ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return depth


_TABLE_HEADER = re.compile(
    r"^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-]+)[ \t]*\]"
    r"|^[ \t]*(targets)[ \t]*=[ \t]*\[[ \t]*(?:#.*)?$",
    re.M,
)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


def _top_level_tables(row: str) -> int:
    """How many inline tables start at nesting depth 0 in `row`, strings and comments aside."""
    if row.count("{") == 1:
        return 1
    depth = tables = 0
    for ch in _STRING.sub('""', row):
        if ch == "{":
            tables += depth == 0
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "#" and depth == 0:
            break
    return tables


class Positions:
    """Record lines from table headers (cheap); the full PositionIndex only when asked.

    Loading needs only where each record starts; the full key index is built for a file
    only when one of its records has a problem to point at.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._full: PositionIndex | None = None
        self._headers: dict[Path, tuple[int, int]] | None = None

    @property
    def full(self) -> PositionIndex:
        if self._full is None:
            self._full = PositionIndex(self._text)
        return self._full

    def lookup(self, path: Path) -> tuple[int, int] | None:
        return self.full.lookup(path)

    def exact(self, path: Path) -> tuple[int, int] | None:
        return self.full.exact(path)

    def record(self, path: Path) -> tuple[int, int] | None:
        """Where the record at `path` starts, e.g. ("actuals", 3) or ("plan",)."""
        if self._headers is None:
            self._headers = self._scan_headers()
        return self._headers.get(tuple(path)) or self.full.lookup(path)

    def _scan_headers(self) -> dict[Path, tuple[int, int]]:
        out: dict[Path, tuple[int, int]] = {}
        counts: dict[str, int] = {}
        table = ""
        line, pos = 1, 0
        text = self._text
        for m in _TABLE_HEADER.finditer(text):
            line += text.count("\n", pos, m.start())
            pos = m.start()
            if m.group(3):
                if table == "[[indicators":  # an [[indicators]] header was counted
                    self._inline_targets(out, counts["indicators"] - 1, m.end(), line)
                continue
            name = m.group(2)
            table = m.group(1) + name
            if m.group(1) == "[[":
                if "." not in name:
                    counts[name] = counts.get(name, 0) + 1
                    counts.pop(f"{name}.targets", None)
                    out[(name, counts[name] - 1)] = (line, m.start(2) - m.start() + 1)
                elif name == "indicators.targets" and "indicators" in counts:
                    j = counts.get(name, 0)
                    counts[name] = j + 1
                    out[("indicators", counts["indicators"] - 1, "targets", j)] = (line, 1)
            elif name == "plan":
                out[("plan",)] = (line, 1)
        return out

    def _inline_targets(
        self, out: dict[Path, tuple[int, int]], i: int, end: int, line: int
    ) -> None:
        """Lines of `targets = [` followed by one inline table per line (the canonical layout).

        Anything else (several tables on a line) is left to the full index.
        """
        text = self._text
        j = 0
        while (start := text.find("\n", end) + 1) > 0:
            line += 1
            end = text.find("\n", start)
            row = text[start : end if end >= 0 else len(text)]
            body = row.lstrip()
            if body.startswith("]") or (body.startswith("{") and _top_level_tables(body) != 1):
                return
            if body.startswith("{"):
                out[("indicators", i, "targets", j)] = (line, len(row) - len(body) + 1)
                j += 1
            if end < 0:
                return
