"""The text as it is matched: normalised, with a map back to the original characters.

Matching needs one spelling (full-width digits and punctuation folded, Traditional script
converted, white space, markdown emphasis and inserted pinyin dropped); the quote must be
the original text. `Scan.pos[i]` is the original index of `Scan.text[i]`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .textnorm import PINYIN, to_simplified

SENTENCE_END = frozenset("。;!?\n")
CLAUSE_END = frozenset(",、:")
# What a reader does not see: control and format characters (zero-width spaces and joiners,
# bidi marks, soft hyphen, BOM). Inside a number (9\u200d100亿) they would split it.
INVISIBLE = (
    "\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
_DROP = re.compile(rf"\*\*|[ \t\r\f\v\u3000\u00a0{INVISIBLE}]")


@dataclass(slots=True)
class Scan:
    text: str
    original: str
    pos: list[int]

    def quote(self, start: int, end: int) -> str:
        """The original text of `text[start:end]`, without the line breaks of a wrapped
        line (quotes are compared with white space ignored)."""
        raw = self.original[self.pos[start] : self.pos[end - 1] + 1]
        return raw.replace("\r", "").replace("\n", "") if "\n" in raw else raw


def fold(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    if c in "—–－―":
        return "-"
    return n if len(n) == 1 else c


def prepare(original: str) -> Scan:
    drop = [False] * len(original)
    for rx in (PINYIN, _DROP):
        for m in rx.finditer(original):
            for i in range(m.start(), m.end()):
                drop[i] = True
    chars: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(original):
        if not drop[i]:
            chars.append(fold(c))
            pos.append(i)
    _join_wrapped(chars)
    keep = [k for k, c in enumerate(chars) if c != "\u2060"]
    chars, pos = [chars[k] for k in keep], [pos[k] for k in keep]
    text = "".join(chars)
    if any("\u4e00" <= c <= "\u9fff" for c in text[:20000]):
        text = _simplified(text)
    return Scan(text, original, pos)


def _join_wrapped(chars: list[str]) -> None:
    """A line broken inside a sentence (hard-wrapped text, even with blank lines between) is
    joined to the next. Short lines (headings) and lines ending in punctuation keep their
    end."""
    line_start = 0
    i = 0
    while i < len(chars):
        if chars[i] != "\n":
            i += 1
            continue
        line = "".join(chars[line_start:i]).strip()
        j = i
        while j < len(chars) and chars[j] in "\n\u2060":
            j += 1
        wrapped = len(line) >= 20 or (len(line) >= 8 and "," in line)
        if wrapped and line[-1] not in '。;!?:,、)”"' and j < len(chars):
            for k in range(i, j):
                chars[k] = "\u2060"  # word joiner: neither a sentence end nor a character
        line_start = j
        i = j


def _simplified(text: str) -> str:
    """Traditional → Simplified line by line, where the conversion keeps the length."""
    convert = to_simplified()
    out = []
    for line in text.split("\n"):
        s = convert(line)
        out.append(s if len(s) == len(line) else line)
    return "\n".join(out)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (。;!? and line ends close one)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i, c in enumerate(text):
        if c in SENTENCE_END:
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; a comma between digits (1,234) stays."""
    spans: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        c = text[i]
        if c in CLAUSE_END and not (
            c in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        ):
            if i > s:
                spans.append((s, i))
            s = i + 1
    if s < end:
        spans.append((s, end))
    return spans
