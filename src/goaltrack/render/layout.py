"""Fitting a table to a terminal width without splitting a token.

A token is a run of characters that must stay on one line: a word, a number, a date, an id.
Lines may break at spaces and next to a wide (Chinese) character, which Chinese allows
anywhere, except before closing or after opening punctuation. Columns get at least their
longest token; when even that does not fit, the least important columns are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

# No line starts with these, none ends with those (Chinese line-breaking rules).
_NO_START = set("，。；：、！？）」』】》”’,.;:!?)]%")
_NO_END = set("（「『【《“‘([")
GLUE = "\u00a0"  # a no-break space: `10002.1\u00a0亿元` is one token
JOIN = "\u2060"  # a word joiner: the Chinese word after it is one token (`\u2060初步`)
_GLUES = (GLUE, JOIN)
_UNGLUE = set("、，；。")  # a glued word ends at these


_UNIT_AFTER_NUMBER = re.compile(r"(?<=\d) (?=[^\s\d(（<>=≤≥≈×–—-])")


def glue_units(text: str) -> str:
    """`28.4 亿美元` with a no-break space, so that a number keeps its unit on its line."""
    return _UNIT_AFTER_NUMBER.sub(GLUE, text)


def _unit_words() -> str:
    from ..core.units import ALIASES, KNOWN_BASES, MAGNITUDES

    # 年, 月, 日 after a number are dates in text (2025年), left breakable as before
    words = {w for w in (*KNOWN_BASES, *ALIASES) if not w.isascii()} - {"年", "月", "日"} | {
        "亿",
        "万",
    }
    alt = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    mags = "|".join(map(re.escape, sorted((m for m in MAGNITUDES if m), key=len, reverse=True)))
    unit = f"(?:(?:{mags})?(?:{alt}))"
    return f"{unit}(?:/{unit})?"


# A number with its % or unit and a following 左右 is one token in Chinese text too:
# `5.5%左右`, `90131亿元`, `28微克/立方米` never break inside (they would at a wide character).
_NUMBER_UNIT = re.compile(rf"\d[\d.,]*(?:%|‰)?[{GLUE}]?(?:{_unit_words()})?(?:左右)?|左右")


def char_width(c: str) -> int:
    if c == JOIN:
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def text_width(s: str) -> int:
    return sum(char_width(c) for c in s)


def segments(text: str) -> list[str]:
    """Unbreakable pieces of `text`, spaces as their own pieces."""
    out: list[str] = []
    held = {i for m in _NUMBER_UNIT.finditer(text) for i in range(m.start() + 1, m.end())}
    for k, c in enumerate(text):
        last = out[-1][-1] if out else ""
        if k in held and out:
            out[-1] += c
        elif not out or (c == " ") != (last == " "):
            out.append(c)  # a space after a token, or a token after spaces
        elif (
            c == " "
            or c in _NO_START
            or last in _NO_END
            or (
                c not in _NO_END
                and c not in _GLUES
                and last not in _UNGLUE
                and any(m in out[-1] for m in _GLUES)
            )
        ):
            out[-1] += c  # a glue mark holds the word after it together, Chinese too
        elif char_width(c) == 2 or char_width(last) == 2:
            out.append(c)
        else:
            out[-1] += c
    return out


def tokens(text: str) -> list[str]:
    return [s for s in segments(text) if not s.isspace()]


def min_width(text: str) -> int:
    """The narrowest a column can be without splitting a token of `text`."""
    return max((text_width(tok) for line in text.split("\n") for tok in tokens(line)), default=0)


def natural_width(text: str) -> int:
    return max((text_width(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int) -> str:
    """`text` in lines of at most `width` cells, broken only between tokens."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, w = "", 0
        for seg in segments(para):
            sw = text_width(seg)
            if seg.isspace():
                if line and w + sw < width:
                    line, w = line + seg, w + sw
                elif line:
                    lines.append(line.rstrip())
                    line, w = "", 0
                continue
            if w + sw > width and line.strip():
                lines.append(line.rstrip())
                line, w = "", 0
            line, w = line + seg, w + sw
        lines.append(line.rstrip())
    return "\n".join(lines)


@dataclass(slots=True)
class Col:
    key: str
    header: str
    cells: list[str]
    weight: int = 1  # share of spare room
    fixed: bool = False  # never wraps (bars, statuses)
    min: int = field(init=False)  # the narrowest without splitting a token
    natural: int = field(init=False)  # the widest line

    def __post_init__(self) -> None:
        self.natural = max([natural_width(self.header), *map(natural_width, self.cells)])
        self.min = (
            self.natural
            if self.fixed
            else max([min_width(self.header), *map(min_width, self.cells)])
        )


def fit(
    cols: Sequence[Col], total: int, overhead: int, drop_order: Sequence[str]
) -> tuple[list[Col], list[int]]:
    """The columns kept and their widths so that the table fits `total` cells; columns are
    dropped in `drop_order` while their minimum widths do not fit."""
    kept = list(cols)
    for key in drop_order:
        if sum(c.min for c in kept) + overhead * len(kept) <= total:
            break
        kept = [c for c in kept if c.key != key]
    widths = [c.min for c in kept]
    spare = total - overhead * len(kept) - sum(widths)
    wants = [c.natural for c in kept]
    for i in sorted(range(len(kept)), key=lambda i: wants[i] - widths[i]):
        if 0 < wants[i] - widths[i] <= min(4, spare):  # cheap to show whole: do
            spare -= wants[i] - widths[i]
            widths[i] = wants[i]
    while spare > 0:  # to the column furthest below its share, until each has its fill
        open_ = [i for i, c in enumerate(kept) if widths[i] < wants[i]]
        if not open_:
            break
        i = min(open_, key=lambda i: widths[i] / kept[i].weight)
        widths[i] += 1
        spare -= 1
    return kept, widths
