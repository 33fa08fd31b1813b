"""Problems found in a dataset: what, where (file:line:column), and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .sanitize import clean, clip, display_width, gh_data, gh_property, path_text, surrogates

Severity = Literal["error", "warning", "note"]
MAX_MESSAGE = 400  # characters of a message or hint; longer ones are cut (docs/security.md)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem. `code` is stable (documented in docs/checks.md) for filtering and CI."""

    severity: Severity
    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    hint: str = ""
    excerpt: str = ""  # the offending source line, if known
    span: int = 1  # caret width under the excerpt

    def location(self) -> str:
        """`file:line:column` for people (undecodable bytes and controls escaped)."""
        if not self.file:
            return "<dataset>"
        loc = path_text(self.file)
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        return loc

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": surrogates(self.file) or None,
            "line": self.line or None,
            "column": self.column or None,
            "hint": self.hint or None,
        }

    def promoted(self) -> Diagnostic:
        """The same problem as an error (for --strict)."""
        return Diagnostic(
            "error",
            self.code,
            self.message,
            self.file,
            self.line,
            self.column,
            self.hint,
            self.excerpt,
            self.span,
        )


@dataclass(slots=True)
class Collector:
    """Collects every problem instead of stopping at the first."""

    items: list[Diagnostic] = field(default_factory=list)
    # Source text per file, for excerpts; decoded and split only when a line is needed.
    # UTF-8 bytes take half the memory of a str once a file has one Chinese character.
    texts: dict[str, str | bytes] = field(default_factory=dict)
    _lines: dict[str, list[str]] = field(default_factory=dict)

    def lines(self, file: str) -> list[str]:
        if file not in self._lines:
            text = self.texts.get(file, "")
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            self._lines[file] = text.splitlines()
        return self._lines[file]

    def drop_lines(self, file: str) -> None:
        """Free a file's split lines (about 4× its size); they are split again if needed."""
        self._lines.pop(file, None)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        file: str = "",
        line: int = 0,
        column: int = 0,
        hint: str = "",
        span: int = 0,
    ) -> None:
        # A value echoed whole (a 10 MB string) must not be copied into every format.
        message, hint = clip(message, MAX_MESSAGE), clip(hint, MAX_MESSAGE)
        excerpt = ""
        lines = self.lines(file) if file in self.texts else None
        if lines and 0 < line <= len(lines):
            excerpt = lines[line - 1]
            if len(excerpt) > 160:  # a huge one-line value must not flood the terminal
                start = max(0, column - 40)
                excerpt = excerpt[start : start + 160] + "…"
                column = column - start if column else 0
            if not span and not column:
                span = len(excerpt.rstrip()) - (len(excerpt) - len(excerpt.lstrip()))
                column = len(excerpt) - len(excerpt.lstrip()) + 1
            elif not span and column:
                rest = excerpt[column - 1 :]
                word = rest.split("=")[0].rstrip() if "=" in rest else rest.rstrip()
                span = max(1, len(word))
        self.items.append(
            Diagnostic(severity, code, message, file, line, column, hint, excerpt, span or 1)
        )

    def note(self, code: str, message: str, **kw: object) -> None:
        self.add("note", code, message, **kw)  # type: ignore[arg-type]

    def error(self, code: str, message: str, **kw: object) -> None:
        self.add("error", code, message, **kw)  # type: ignore[arg-type]

    def warning(self, code: str, message: str, **kw: object) -> None:
        self.add("warning", code, message, **kw)  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.file, d.line, d.column, d.code))


def format_text(d: Diagnostic) -> str:
    """hledger-style: location and message, the line with a caret, and a hint."""
    out = [f"{d.location()}: {d.severity}[{d.code}]: {clean(d.message)}"]
    if d.excerpt and d.line:
        num = str(d.line)
        pad = " " * len(num)
        out.append(f"{pad} |")
        out.append(f"{num} | {clean(d.excerpt)}")
        caret_at = max(d.column, 1) - 1
        width = display_width(clean(d.excerpt[caret_at : caret_at + d.span])) or 1
        out.append(f"{pad} | {_display_pad(clean(d.excerpt[:caret_at]))}{'^' * width}")
    if d.hint:
        out.append(f"  hint: {clean(d.hint)}")
    return "\n".join(out)


def format_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command (`::error file=…,line=…::message`)."""
    kind = {"error": "error", "warning": "warning"}.get(d.severity, "notice")
    props = []
    if d.file:
        props.append(f"file={gh_property(surrogates(d.file))}")
    if d.line:
        props.append(f"line={d.line}")
    if d.column:
        props.append(f"col={d.column}")
    props.append(f"title={gh_property(d.code)}")
    msg = d.message + (f" (hint: {d.hint})" if d.hint else "")
    return f"::{kind} {','.join(props)}::{gh_data(msg)}"


def _display_pad(s: str) -> str:
    """Spaces as wide on screen as `s` (CJK characters take two columns); tabs kept."""
    return "".join("\t" if c == "\t" else " " * display_width(c) for c in s)
