"""Verify that every quote appears in its source's archived text (`check --sources DIR`).

Both sides are normalised before comparison: Unicode compatibility forms (full-width to
half-width), all white space removed, quotation marks and dashes unified, pinyin that a
web converter inserted in parentheses removed, and Traditional script converted to
Simplified. A source file that would resolve outside DIR is refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from .dataset import Dataset
from .diagnostics import Collector
from .models import Strict

_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\s]{1,12}\)")
_SPACE = re.compile(r"\s+")
_PUNCT = str.maketrans({
    "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"', "‘": "'",
    "’": "'", "—": "-", "–": "-", "－": "-", "―": "-", "〜": "~", "～": "~", "、": ",",
    "。": ".", "《": "<", "》": ">", "〈": "<", "〉": ">", "【": "[", "】": "]",
})


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc  # imported here: only quote verification needs it

    conv = opencc.OpenCC("t2s")
    return conv.convert


def normalise(text: str) -> str:
    text = _PINYIN.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    text = _SPACE.sub("", text)
    return _t2s()(text)


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


def verify_quotes(ds: Dataset, sources_dir: Path, col: Collector) -> dict[str, int]:
    """Check quotes against archived texts; returns counts for the summary."""
    root = sources_dir.resolve()
    texts: dict[str, str | None] = {}
    counts = {"verified": 0, "unarchived": 0, "failed": 0}
    unarchived: dict[str, int] = {}

    def text_of(source_id: str) -> str | None:
        if source_id in texts:
            return texts[source_id]
        src = ds.sources[source_id]
        texts[source_id] = None
        if src.file is None:
            return None
        try:
            path = (root / src.file).resolve()
        except (OSError, RuntimeError, ValueError) as e:
            col.error("source-missing", f"source {src.id!r}: cannot open {src.file!r}: {e}",
                      file=src.at_file, line=src.at_line,
                      hint="check the `file` name (a broken or looping link?)")
            return None
        if not path.is_relative_to(root):
            col.error("source-outside", f"source {src.id!r}: file {src.file!r} resolves "
                      f"outside {sources_dir}", file=src.at_file,
                      line=src.at_line, hint="archived files must lie inside the sources directory")
            return None
        try:
            if not path.is_file():
                raise OSError(2, "not a regular file")
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError) as e:
            col.error("source-missing", f"source {src.id!r}: cannot read {src.file!r} in "
                      f"{sources_dir}: {getattr(e, 'strerror', None) or e}",
                      file=src.at_file, line=src.at_line,
                      hint="check the `file` name or the --sources directory")
            return None
        texts[source_id] = normalise(raw)
        return texts[source_id]

    for a in ds.actuals:
        src = ds.sources.get(a.source or "")
        if src is not None and not src.is_archived:
            counts["unarchived"] += 1
            unarchived[src.id] = unarchived.get(src.id, 0) + 1
    for rec, sid, quote, what in _quotes(ds):
        src = ds.sources.get(sid)
        if src is None or not src.is_archived:
            continue  # unknown: reported by the reference checks; unarchived: counted above
        text = text_of(sid)
        if text is None:
            counts["failed"] += 1
            continue
        if normalise(quote) in text:
            counts["verified"] += 1
        else:
            counts["failed"] += 1
            col.error("quote-not-found", f"{what}: quote not found in source {sid!r} "
                      f"({src.file})", file=rec.at_file, line=rec.at_line,
                      hint=f"quote {quote!r} must be verbatim text of the source "
                      "(white space, punctuation width and script are ignored)")
    for sid, n in sorted(unarchived.items()):
        src = ds.sources[sid]
        col.note("unarchived", f"source {sid!r} has no archived text: its {n} figure(s) "
                 "cannot be verified against it", file=src.at_file, line=src.at_line)
    return counts
