"""The canonical layout of a data file (`goaltrack fmt`), edited with tomlkit.

The layout is the one docs/format.md shows: sections in a fixed order, keys in each record's
field order (plain keys, then inline records `baseline = { … }`, `citation = { … }`,
`override = { … }`, then tables), `[[indicators.targets]]` and other lists of records as
arrays of tables, a blank line before each table header. What people wrote is kept: every
comment (above the key it describes, or at the end of its line) and the way each value is
written. The result must read back as the same data with the same comments, or nothing is
written.
"""

from __future__ import annotations

import re
import stat
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tomlkit import TOMLDocument
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, Key, Table, Whitespace

from ..core.fieldorder import NESTED
from ..core.models import (
    SECTION_MODELS,
    Strict,
)

SCHEMA_HEADER = re.compile(r"^#:schema\s+\S+[^\n]*$")
_SECTION_ORDER = tuple(SECTION_MODELS)
_NESTED = NESTED
# Records written as inline tables (`baseline = { … }`); other tables get a [header].
_INLINE = frozenset({"baseline", "citation", "override"})
# Files fmt and record edit are read by tomlkit (~0.3 MB/s): larger ones are refused.
EDIT_MAX_BYTES = 4 * 1024 * 1024


class FormatError(Exception):
    """The file cannot be put in canonical form without changing or losing something."""


@dataclass(slots=True)
class _Trailing:
    """Comments after a table's last key; `below_blank`: a blank line separates them."""

    lines: list[str]
    below_blank: bool = False


class _Lines(list[str]):
    """Output lines; `glued`: the last lines are comments about the next table header."""

    glued = False


@dataclass(slots=True)
class _Entry:
    """One key of a table as written: its key text, item and the comment lines above it."""

    key: str
    name: str
    item: Item
    lead: list[str]


def _comment(c: Comment) -> str:
    return c.as_string().strip()


def _entries(body: list[tuple[Key | None, Item]]) -> tuple[list[_Entry], _Trailing]:
    """A container's keys, each with the comments just above it; and the comments after
    its last key (which, below a blank line, are about what follows)."""
    out: list[_Entry] = []
    lead: list[str] = []
    blank = False
    for k, v in body:
        if k is None:
            if isinstance(v, Comment):
                lead.append(_comment(v))
            elif isinstance(v, Whitespace) and not lead and "\n" in v.as_string():
                blank = True
            continue
        out.append(_Entry(k.as_string().strip(), k.key, v, lead))
        lead, blank = [], False
    return out, _Trailing(lead, blank and bool(out))


def _own_comment(item: Item) -> str:
    """The comment at the end of an item's line ("" for items that have none)."""
    try:
        return item.trivia.comment or ""
    except (AttributeError, RuntimeError):  # tomlkit raises for Whitespace
        return ""


def _trailing(item: Item) -> str:
    comment = _own_comment(item)
    return f"{item.trivia.comment_ws or ' '}{comment}" if comment else ""


def _is_table_list(item: Item) -> bool:
    return isinstance(item, AoT) or (
        isinstance(item, Array) and len(item) > 0 and all(isinstance(x, InlineTable) for x in item)
    )


def _is_dict(item: Item) -> bool:
    return isinstance(item, Table | InlineTable)


def _order(entries: list[_Entry], order: tuple[str, ...]) -> list[_Entry]:
    """Known keys in `order`, then unknown ones sorted; a table without a model (a plan's
    categories) keeps its own order."""
    if not order:
        return entries
    rank = {k: i for i, k in enumerate(order)}
    return sorted(
        entries, key=lambda e: (rank.get(e.name, len(rank)), "" if e.name in rank else e.name)
    )


def _body(item: Table | InlineTable) -> list[tuple[Key | None, Item]]:
    return item.value.body


def _inline(item: Table | InlineTable, model: type[Strict] | None, moved: list[str]) -> str:
    """`{ k = v, … }` in canonical key order; comments inside go to `moved` (above the key)."""
    entries, trailing = _entries(_body(item))
    parts = []
    for e in _order(entries, tuple(model.model_fields) if model else ()):
        moved.extend(e.lead)
        if _own_comment(e.item):
            moved.append(_own_comment(e.item))
        value = (
            _inline(e.item, None, moved)
            if isinstance(e.item, Table | InlineTable)
            else e.item.as_string()
        )
        parts.append(f"{e.key} = {value}")
    moved.extend(trailing.lines)
    return "{ " + ", ".join(parts) + " }" if parts else "{}"


@dataclass(slots=True)
class _Table:
    """A table to write: its header (None for the document), its keys and comments."""

    header: str | None
    header_comment: str  # with the spaces before it
    entries: list[_Entry]
    trailing: _Trailing
    lead: list[str] = field(default_factory=list)  # comments above the header


def _array_tables(item: Item) -> list[_Table]:
    """The elements of an array of tables (or of inline tables) with their comments."""
    if isinstance(item, AoT):
        out = []
        for t in item.body:
            entries, trailing = _entries(_body(t))
            out.append(_Table(None, _trailing(t), entries, trailing))
        return out
    assert isinstance(item, Array)
    tables: list[_Table] = []
    lead: list[str] = []
    for group in item._value:  # comments between the elements of a multi-line array
        value, comment = getattr(group, "value", None), getattr(group, "comment", None)
        if isinstance(value, InlineTable):
            entries, trailing = _entries(_body(value))
            tables.append(
                _Table(None, f"  {_comment(comment)}" if comment else "", entries, trailing, lead)
            )
            lead = []
        elif comment is not None:
            lead.append(_comment(comment))
    if tables and lead:
        tables[-1].trailing.lines.extend(lead)
    return tables


def _write_table(
    t: _Table, path: str, model: type[Strict] | None, order: tuple[str, ...], out: _Lines
) -> None:
    """Append the lines of table `t` (and of its sub-tables) to `out`: a blank line, the
    comments above its header, the header, keys, inline records, sub-tables."""
    if t.header is not None:
        if not out.glued:
            out.append("")
        out.extend(t.lead)
        out.append(t.header + t.header_comment)
        out.glued = False
    scalars: list[str] = []
    inlines: list[str] = []
    tables: list[_Entry] = []
    for e in _order(t.entries, order):
        item = e.item
        inline = isinstance(item, Table | InlineTable) and model is not None and e.name in _INLINE
        if (_is_dict(item) and not inline) or _is_table_list(item):
            tables.append(e)
            continue
        lines = inlines if inline else scalars
        lines.extend(e.lead)
        if isinstance(item, Table | InlineTable):
            moved: list[str] = []
            value = _inline(item, _NESTED.get(e.name), moved)
            lines.extend(moved)
        else:
            value = item.as_string()
        lines.append(f"{e.key} = {value}{_trailing(e.item)}")
    out.extend(scalars)
    out.extend(inlines)
    for e in tables:
        sub_path = f"{path}.{e.key}" if path else e.key
        sub_model = (
            SECTION_MODELS.get(e.name)
            if not path
            else (_NESTED.get(e.name) if model is not None else None)
        )
        sub_order = tuple(sub_model.model_fields) if sub_model else ()
        if _is_table_list(e.item):
            elements = _array_tables(e.item)
            if elements:
                elements[0].lead[:0] = e.lead
            for el in elements:
                el.header = f"[[{sub_path}]]"
                _write_table(el, sub_path, sub_model, sub_order, out)
        else:
            assert isinstance(e.item, Table | InlineTable)
            entries, trailing = _entries(_body(e.item))
            implicit = (
                isinstance(e.item, Table)
                and e.item.is_super_table()
                and not any(not isinstance(x.item, Table | AoT) for x in entries)
            )
            comment = _trailing(e.item) if isinstance(e.item, Table) else ""
            _write_table(
                _Table(None if implicit else f"[{sub_path}]", comment, entries, trailing, e.lead),
                sub_path,
                sub_model,
                sub_order,
                out,
            )
    if t.trailing.lines:
        if t.trailing.below_blank or tables:
            out.append("")
            out.glued = True  # they stay above the next header
        out.extend(t.trailing.lines)


def canonical_text(text: str) -> str:
    """`text` in the canonical layout; comments and the way each value is written kept.

    Raises FormatError if the result would read back differently or lose a comment.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as e:
        raise FormatError(f"invalid TOML: {e} (run `goaltrack check`)") from None
    body = list(doc.body)
    header = None
    if (
        body
        and body[0][0] is None
        and isinstance(body[0][1], Comment)
        and SCHEMA_HEADER.match(_comment(body[0][1]))
        and text.lstrip("\ufeff").startswith("#:")
    ):
        header = _comment(body[0][1])
        body = body[1:]
    entries, trailing = _entries(body)
    out = _Lines([header, ""] if header else [])
    _write_table(_Table(None, "", entries, trailing), "", None, _SECTION_ORDER, out)
    lines = [x for i, x in enumerate(out) if x or (i and out[i - 1])]  # one blank at most
    new = "\n".join(lines).strip("\n")
    new = same_newlines(text, new + "\n" if new else "")

    if tomllib.loads(new) != tomllib.loads(text):  # never write what reads back differently
        raise FormatError("canonical form would change the data; not written")
    lost = Counter(comments_of(doc)) - Counter(comments_of(tomlkit.parse(new)))
    if lost:
        raise FormatError(
            f"canonical form would lose {sum(lost.values())} comment(s) "
            f"({next(iter(lost))!r}…); not written"
        )
    return new


def same_newlines(original: str, new: str) -> str:
    """`new` with the line ends of `original`: CRLF throughout if it had only CRLF."""
    crlf = original.count("\r\n")
    if crlf and crlf == original.count("\n"):
        return new.replace("\r\n", "\n").replace("\n", "\r\n")
    return new


def comments_of(doc: TOMLDocument | Container | Item) -> list[str]:
    """Every comment tomlkit found in a document (to prove none is lost)."""
    out: list[str] = []
    if isinstance(doc, TOMLDocument | Container):
        items = [v for _, v in doc.body]
    elif isinstance(doc, Table | InlineTable):
        out.extend([_own_comment(doc)] if _own_comment(doc) else [])
        items = [v for _, v in doc.value.body]
    elif isinstance(doc, AoT):
        items = list(doc.body)
    elif isinstance(doc, Array):
        out.extend([_own_comment(doc)] if _own_comment(doc) else [])
        items = []
        for g in doc._value:
            v, c = getattr(g, "value", None), getattr(g, "comment", None)
            out.extend([_comment(c)] if c is not None else [])
            items.extend([v] if isinstance(v, Item) else [])
    elif isinstance(doc, Comment):
        return [_comment(doc)]
    else:
        return [_own_comment(doc)] if _own_comment(doc) else []
    for v in items:
        out.extend(comments_of(v))
    return out


@dataclass(slots=True)
class FmtOutcome:
    """What `fmt` would do with one file."""

    path: Path
    state: str  # unchanged | changed | refused | error
    message: str = ""
    new_text: str = ""
    original: bytes = b""


def plan_format(path: Path) -> FmtOutcome:
    """Read `path` and compute its canonical text; nothing is written here."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return FmtOutcome(path, "error", "not a regular file")
        if st.st_size > EDIT_MAX_BYTES:
            return FmtOutcome(
                path,
                "error",
                f"file is {st.st_size:,} bytes; fmt and record "
                f"edit files up to {EDIT_MAX_BYTES:,} bytes (the limit keeps "
                "them fast): split it, e.g. one file per source",
            )
        raw = path.read_bytes()
    except (OSError, RuntimeError, ValueError) as e:
        return FmtOutcome(path, "error", f"cannot read: {getattr(e, 'strerror', None) or e}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FmtOutcome(path, "error", "not UTF-8 text")
    try:
        tomllib.loads(text)  # the standard reader's message is the one `check` gives
    except tomllib.TOMLDecodeError as e:
        return FmtOutcome(path, "error", f"invalid TOML: {e} (run `goaltrack check`)")
    except RecursionError:
        return FmtOutcome(path, "error", "nesting too deep")
    except ValueError:  # an integer of over 4300 digits (see loader.INT_MAX_DIGITS)
        return FmtOutcome(path, "error", "an integer too long to read (run `goaltrack check`)")
    try:
        new = canonical_text(text)
    except FormatError as e:
        return FmtOutcome(path, "refused", str(e), original=raw)
    except RecursionError:
        return FmtOutcome(path, "error", "nesting too deep to write")
    state = "unchanged" if new.encode("utf-8") == raw else "changed"
    return FmtOutcome(path, state, new_text=new, original=raw)


def format_file(path: Path) -> FmtOutcome:
    """Rewrite `path` in canonical form under its lock, reading it while the lock is held
    (so a figure recorded meanwhile is formatted, never overwritten)."""
    from .atomic import locked, write_atomic

    with locked(path) as real:
        out = plan_format(path)
        if out.state == "changed":
            write_atomic(real, out.new_text, expect_bytes=out.original)
    return out
