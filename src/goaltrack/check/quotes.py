"""Verify that every quote appears in its source's archived text (`check --sources DIR`).

Both sides are normalised before comparison: Unicode compatibility forms (full-width to
half-width), all white space removed, quotation marks and dashes unified, pinyin that a
web converter inserted in parentheses removed, and Traditional script converted to
Simplified. A source file that would resolve outside DIR is refused.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ..core.dataset import Dataset
from ..core.diagnostics import Collector
from ..core.models import Strict
from ..core.sanitize import clip
from ..core.textnorm import PINYIN, to_simplified

_SPACE = re.compile(r"\s+")
_PUNCT = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "–": "-",
        "－": "-",
        "―": "-",
        "〜": "~",
        "～": "~",
        "、": ",",
        "。": ".",
        "《": "<",
        "》": ">",
        "〈": "<",
        "〉": ">",
        "【": "[",
        "】": "]",
    }
)


def normalise(text: str) -> str:
    text = PINYIN.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    text = _SPACE.sub("", text)
    return to_simplified()(text)


MAX_SOURCE_BYTES = 16 * 1024 * 1024  # an archived text; documented in docs/checks.md
_CHUNK = 1024 * 1024


def _read_source(
    path: Path, name: str, sources_dir: Path
) -> tuple[str | None, tuple[str, str, str] | None]:
    """The normalised text of an archived file, read once in chunks (so memory holds the
    normalised text and one chunk, not the raw text and its copies), or a problem:
    (code, message, hint)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang
    except (OSError, ValueError) as e:
        return None, (
            "source-missing",
            f"cannot read {name!r} in {sources_dir}: {getattr(e, 'strerror', None) or e}",
            "check the `file` name or the --sources directory",
        )
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return None, (
            "source-missing",
            f"cannot read {name!r} in {sources_dir}: not a regular file",
            "check the `file` name or the --sources directory",
        )
    with os.fdopen(fd, "rb") as f:
        if st.st_size > MAX_SOURCE_BYTES:
            return None, (
                "source-too-large",
                f"{name!r} is {st.st_size:,} bytes; the limit "
                f"for an archived text is {MAX_SOURCE_BYTES:,}",
                "archive the part of the document that holds the figures",
            )
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        parts: list[str] = []
        rest, offset = "", 0
        try:
            while chunk := f.read(_CHUNK):
                text = rest + decoder.decode(chunk)
                offset += len(chunk)
                cut = text.rfind("\n") + 1  # whole lines: pinyin and words stay together
                parts.append(normalise(text[:cut]))
                rest = text[cut:]
                if offset > MAX_SOURCE_BYTES:  # grew while being read
                    return None, (
                        "source-too-large",
                        f"{name!r} is over {MAX_SOURCE_BYTES:,} bytes",
                        "archive a smaller part",
                    )
            parts.append(normalise(rest + decoder.decode(b"", final=True)))
        except UnicodeDecodeError as e:
            at = offset - len(chunk) + e.start if chunk else e.start
            return None, (
                "source-not-utf8",
                f"{name!r} is not UTF-8 (byte 0x{e.object[e.start]:02x} at offset {max(at, 0):,})",
                "save it as UTF-8, e.g. `iconv -f GBK -t UTF-8`",
            )
        except OSError as e:
            return None, (
                "source-missing",
                f"cannot read {name!r} in {sources_dir}: {e.strerror or e}",
                "check the file",
            )
    return "".join(parts), None


def _quotes(ds: Dataset) -> Iterator[tuple[Strict, str, str, str]]:
    """(record, source id, quote, what) for every quote in the dataset."""
    for ind in ds.indicators.values():
        if ind.citation and ind.citation.quote:
            yield ind, ind.citation.source, ind.citation.quote, f"citation of {ind.id!r}"
        b = ind.baseline
        if b and b.quote and b.source:
            yield ind, b.source, b.quote, f"baseline of {ind.id!r}"
        for t in ind.targets:
            if t.citation and t.citation.quote:
                yield t, t.citation.source, t.citation.quote, f"{t.kind} target of {ind.id!r}"
    for a in ds.actuals:
        if a.quote and a.source:
            yield a, a.source, a.quote, f"actual {a.indicator} {a.period}"


class _Texts:
    """The archived texts of a dataset's sources, each file read once; a source whose file
    cannot be read is reported once and has no text."""

    def __init__(self, ds: Dataset, sources_dir: Path, col: Collector) -> None:
        self.ds, self.sources_dir, self.col = ds, sources_dir, col
        self.root = sources_dir.resolve()
        self.texts: dict[str, str | None] = {}
        self.by_path: dict[str, tuple[str | None, tuple[str, str, str] | None]] = {}

    def of(self, source_id: str) -> str | None:
        if source_id not in self.texts:
            self.texts[source_id] = self._read(source_id)
        return self.texts[source_id]

    def _read(self, source_id: str) -> str | None:
        src, col = self.ds.sources[source_id], self.col
        if src.file is None:
            return None
        try:
            path = (self.root / src.file).resolve()
        except (OSError, RuntimeError, ValueError) as e:
            col.error(
                "source-missing",
                f"source {src.id!r}: cannot open {src.file!r}: {e}",
                file=src.at_file,
                line=src.at_line,
                hint="check the `file` name (a broken or looping link?)",
            )
            return None
        if not path.is_relative_to(self.root):
            col.error(
                "source-outside",
                f"source {src.id!r}: file {src.file!r} resolves outside {self.sources_dir}",
                file=src.at_file,
                line=src.at_line,
                hint="archived files must lie inside the sources directory",
            )
            return None
        key = str(path)
        if key not in self.by_path:
            self.by_path[key] = _read_source(path, src.file, self.sources_dir)
        text, problem = self.by_path[key]
        if problem is not None:
            code, message, hint = problem
            col.error(
                code, f"source {src.id!r}: {message}", file=src.at_file, line=src.at_line, hint=hint
            )
            return None
        return text


def verify_quotes(ds: Dataset, sources_dir: Path, col: Collector) -> dict[str, int]:
    """Check quotes against archived texts; returns counts for the summary."""
    texts = _Texts(ds, sources_dir, col)
    counts = {"verified": 0, "unarchived": 0, "failed": 0}
    unarchived: dict[str, int] = {}
    for a in ds.actuals:
        src = ds.sources.get(a.source or "")
        if src is not None and not src.is_archived:
            counts["unarchived"] += 1
            unarchived[src.id] = unarchived.get(src.id, 0) + 1
    for rec, sid, quote, what in _quotes(ds):
        src = ds.sources.get(sid)
        if src is None or not src.is_archived:
            continue  # unknown: reported by the reference checks; unarchived: counted above
        text = texts.of(sid)
        if text is None:
            counts["failed"] += 1
            continue
        wanted = normalise(quote)
        if not wanted:
            counts["failed"] += 1
            col.error(
                "quote-empty",
                f"{what}: quote {clip(quote, 60)!r} is empty once white "
                "space and pinyin in parentheses are ignored",
                file=rec.at_file,
                line=rec.at_line,
                hint="quote the words and figures of the source",
            )
            continue
        if wanted in text:
            counts["verified"] += 1
        else:
            counts["failed"] += 1
            col.error(
                "quote-not-found",
                f"{what}: quote not found in source {sid!r} ({src.file})",
                file=rec.at_file,
                line=rec.at_line,
                hint=f"quote {quote!r} must be verbatim text of the source "
                "(white space, punctuation width and script are ignored)",
            )
    for sid, n in sorted(unarchived.items()):
        src = ds.sources[sid]
        col.note(
            "unarchived",
            f"source {sid!r} has no archived text: its {n} figure(s) cannot be verified against it",
            file=src.at_file,
            line=src.at_line,
        )
    return counts
