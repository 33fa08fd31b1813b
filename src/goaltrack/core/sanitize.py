"""Data as inert text, one function per output channel (see docs/security.md).

Any string in a data file (and any file name) may carry terminal escapes, bidi overrides,
Rich markup, Markdown, spreadsheet formulas, GitHub workflow commands or XML-illegal
characters. Renderers pass every datum through the function of their channel at the point
where it enters that channel; the core keeps data as it was written.

Pure functions of the standard library only.
"""

from __future__ import annotations

import math
import re
from html import escape as _html_escape
from typing import Any

# C0 controls but tab, C1 controls and DEL, line/paragraph separators, bidi embeddings,
# overrides and isolates ("Trojan Source"), and lone surrogates (undecodable file names).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMES = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}
ELLIPSIS = "…"


def _visible(m: re.Match[str]) -> str:
    c = m[0]
    if c in _NAMES:
        return _NAMES[c]
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def clean(text: str, newline: str | None = None) -> str:
    """Control, bidi and undecodable characters as visible escapes (ESC → `\\e`).

    `newline`, if given, replaces each line break instead (e.g. an indent for notes);
    otherwise a line break becomes `\\n`, so that data can never start an output line.
    """
    if not _UNSAFE.search(text):
        return text
    if newline is not None:
        return newline.join(
            _no_command(_UNSAFE.sub(_visible, part))
            for part in text.replace("\r\n", "\n").split("\n")
        )
    return _UNSAFE.sub(_visible, text)


def clip(text: str, limit: int = 200) -> str:
    """At most `limit` characters of `text`, saying how long the whole was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}{ELLIPSIS} ({len(text):,} characters)"


def clip_list(items: list[str], limit: int = 10, sep: str = ", ") -> str:
    """The first and last items of a long list with how many were left out."""
    if len(items) <= limit:
        return sep.join(items)
    head = items[: limit - 1]
    return sep.join([*head, f"{ELLIPSIS} {len(items) - limit} more {ELLIPSIS}", items[-1]])


def line_start(text: str) -> str:
    """Text that may begin an output line: never `::` (a GitHub workflow command)."""
    return _no_command(clean(text))


def _no_command(text: str) -> str:
    # The runner takes a line whose first non-blank characters are `::` as a command; a
    # zero-width space between the colons keeps the text as it looks.
    stripped = text.lstrip()
    if stripped.startswith("::"):
        i = len(text) - len(stripped)
        return f"{text[:i]}:\u200b{text[i + 1 :]}"
    return text


def display_width(s: str) -> int:
    """The columns `s` takes on a terminal: CJK (wide and full-width) characters two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def path_text(path: object) -> str:
    """A file name for messages: escapes as `clean`, and `./` before a name starting `::`."""
    text = clean(str(path))
    return "./" + text if text.lstrip().startswith("::") else text


def surrogates(text: str) -> str:
    """Only the undecodable bytes of a file name escaped (`\\xff`): for JSON output."""
    if not re.search("[\ud800-\udfff]", text):
        return text
    return re.sub("[\ud800-\udfff]", _visible, text)


# --- terminal (Rich) ----------------------------------------------------------------------
# `line_start` and `clean` above; render/show.py builds its Rich Text from them, never from
# markup.


# --- Markdown (GitHub PR comments) ----------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_NOTIFY = re.compile(r"@(?=[A-Za-z0-9])|#(?=\d)")  # @mentions and #123 references


def markdown(text: str) -> str:
    """Literal text in GitHub Markdown: syntax and HTML escaped, new lines folded,
    `@name` and `#123` kept from notifying or linking (a zero-width space after the sign)."""
    text = _MD_SPECIAL.sub(r"\\\1", clean(text.replace("&", "&amp;"), newline=" "))
    return _NOTIFY.sub(lambda m: m[0] + "&#8203;", text)


# --- CSV (spreadsheets) --------------------------------------------------------------------

# A cell starting with one of these is a formula in Excel, LibreOffice or Google Sheets;
# full-width forms too, since spreadsheets fold them to ASCII.
_FORMULA_START = frozenset("=+-@\t\r＝＋－＠")


def csv_cell(text: str) -> str:
    """A text cell that a spreadsheet shows as text: formula starts quoted with `'`,
    control characters escaped. Numbers (`-3.5`) are left alone."""
    if text[:1] in _FORMULA_START and not (text[:1] == "-" and _is_number(text)):
        text = "'" + text
    return clean(text, newline=" ")


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


# --- GitHub workflow commands --------------------------------------------------------------


def gh_data(text: str) -> str:
    """The message of a workflow command (`::error …::MESSAGE`), encoded per GitHub's
    toolkit: `%`, CR and LF percent-encoded; other controls escaped visibly."""
    text = _UNSAFE.sub(lambda m: m[0] if m[0] in "\r\n" else _visible(m), text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """A property value (`file=…`, `title=…`): as `gh_data`, and `:` `,` encoded."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


# --- XML, SVG and HTML ----------------------------------------------------------------------

# Characters XML 1.0 forbids even as references, and controls that are legal but unsafe.
_XML_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def html_text(text: str, quote: bool = True) -> str:
    """Text for HTML or XML content and attributes: escaped, controls made visible."""
    return _html_escape(clean(text, newline=" "), quote=quote)


def xml_document(doc: str) -> str:
    """A whole generated XML/SVG document with every character XML 1.0 forbids replaced by
    U+FFFD: the last guard of a document built by a library (Rich's SVG export)."""
    return _XML_BAD.sub("\ufffd", doc)


# --- JSON -------------------------------------------------------------------------------------


def json_safe(obj: Any) -> Any:
    """`obj` with every non-finite float (inf, nan: not JSON) replaced by None."""
    t = type(obj)
    if t is float:
        return obj if math.isfinite(obj) else None
    if t is dict:
        return {k: json_safe(v) for k, v in obj.items()}
    if t is list or t is tuple:
        return [json_safe(v) for v in obj]
    return obj


def finite(value: float | None) -> float | None:
    """A float as JSON can carry it (None for inf and nan)."""
    if value is None or math.isfinite(value):
        return value
    return None
