"""What surrounds a figure: its period, status and scope, read from its sentence."""

from __future__ import annotations

import re

from ..core.numbers import chinese_value
from . import lexicon as lx

_YEAR_ANY = re.compile(r"(?<![\d.])(20\d\d|19\d\d)(?![\d.])")


def document_year(text: str) -> int | None:
    """The year a document reports on: that of a review heading in its opening
    (一、2019年政府工作回顾 beats the report's date), else the first 20xx年 of its opening
    that is not a date (2020年5月14日), else a year in its first line (the title)."""
    for line in text.lstrip()[:3000].splitlines():
        line = line.strip()
        if (
            lx.HEADING.match(line)
            and lx.REVIEW_HEADING.search(line)
            and (m := lx.YEAR_RX.search(line))
        ):
            return int(m[1])
    head = text.lstrip()[:300]
    dates = {m.start() for m in lx.DATE_YEAR_RX.finditer(head)}
    for m in lx.YEAR_RX.finditer(head):
        if m.start() not in dates:
            return int(m[1])
    first = head.split("\n", 1)[0]
    if m := _YEAR_ANY.search(first):
        return int(m[1])
    return None


def sentence_period(before: str, year: int, written: int) -> tuple[str, bool] | None:
    """The period a figure is for, from the sentence before it: ("2024-Q1..Q3", True);
    None when the sentence speaks of a later year (a plan, not a figure). 今年 and 去年 count
    from `written`, the year the text was written in."""
    y = year
    years = list(lx.YEAR_RX.finditer(before))
    if years:
        y = int(years[-1][1])
    elif any(w in before for w in lx.LAST_YEAR if not re.search(r"[比较同]" + w, before)):
        y = written - 1
    elif any(w in before for w in lx.THIS_YEAR[:2]):
        y = written
    if y > year:
        return None
    best: tuple[int, str] | None = None
    for word, code in lx.QUARTERS:  # longest first: 前三季度 before 三季度
        i = _last_uncompared(before, word)
        if i >= 0 and (best is None or i + len(word) > best[0]):
            best = (i + len(word), code)
    for m in lx.MONTHS_RX.finditer(before):
        if m.start() > 0 and before[m.start() - 1] in lx.COMPARED:
            continue  # 比1—3月份提高: what the figure is compared with
        if m[1]:
            n = m[1] if m[1].isdigit() else chinese_value(m[1])
            if n is None:
                continue
            a, b = 1, int(n)
        else:
            a, b = int(m[2]), int(m[3])
        if not (1 <= a <= b <= 12):
            continue
        code = "" if (a, b) == (1, 12) else f"{a:02d}..{b}"
        if best is None or m.end() > best[0]:
            best = (m.end(), code)
    if best is None or not best[1]:
        return str(y), False
    return f"{y}-{best[1]}", True


def _last_uncompared(text: str, word: str) -> int:
    """The last place of `word` in `text` not after a comparison (较上半年), else -1."""
    i = text.rfind(word)
    while i > 0 and text[i - 1] in lx.COMPARED:
        i = text.rfind(word, 0, i)
    return i


def figure_status(before: str, after: str) -> str:
    """estimate (预计, 左右, 约), preliminary (初步核算) or final."""
    about = before.endswith("约") and not before.endswith(lx.NOT_ABOUT)  # 约 but not 签约
    if "预计" in before or after.startswith("左右") or about:
        return "estimate"
    if any(w in before for w in lx.PRELIMINARY):
        return "preliminary"
    return "final"


def scope_markers(extra: list[str], home: tuple[str, ...] = ()) -> list[str]:
    """Every word that names a scope, longest first (大连高新区 before 高新区); `home` are
    the names of the dataset's own city (its plans' jurisdiction, 示范市 / 示范)."""
    words = {*lx.CITY, *home, *lx.OUTSIDE, *extra}
    return sorted(words, key=len, reverse=True)


def home_names(jurisdictions: list[str]) -> tuple[str, ...]:
    """The names a text calls the dataset's city by: each city plan's jurisdiction, with and
    without 市 (示范市, 示范); 大连 is in the lexicon already."""
    out: list[str] = []
    for j in jurisdictions:
        if j.endswith("市") and len(j) >= 3:
            out += [j, j[:-1]]
    return tuple(dict.fromkeys(out))


def nearest_marker(text: str, before: int, markers: list[str]) -> str | None:
    """The scope word that starts last before position `before` (it may run into it)."""
    best: tuple[int, int, str] | None = None
    for m in markers:
        i = text.rfind(m, 0, before)
        if i >= 0 and (best is None or (i, len(m)) > (best[0], best[1])):
            best = (i, len(m), m)
    return best[2] if best else None


def _family(word: str, home: tuple[str, ...] = ()) -> str:
    """One name for the words of one scope (全市, 大连市, 我市 → 全市)."""
    if word in home:
        return lx.CITY[0]
    for group in (lx.CITY, lx.COUNTY, lx.PROVINCE, lx.NATION):
        if word in group:
            return group[0]
    return "金普新区" if word == "新区" else word


def neutral(text: str) -> str:
    """`text` with the scope words that do not say whose figures follow blanked (same
    length): 经辽宁省统计局统一核算, 国家统计局大连调查队, comparisons (高于全国、全省)."""
    chars = list(text)
    for m in lx.NOT_THE_SCOPE.finditer(text):
        chars[m.start() : m.end()] = "\0" * (m.end() - m.start())
    return "".join(chars)


def named_scopes(
    text: str, markers: list[str], lists_too: bool = True, home: tuple[str, ...] = ()
) -> list[tuple[int, str]]:
    """(position, family) of each scope word in `text` that names whose figures they are:
    not one after a comparison (高于全国全省, 占全省), nor (unless `lists_too`) one in an
    enumeration (关于东北、辽宁、大连振兴发展)."""
    text = neutral(text)
    taken = [False] * len(text)
    out: list[tuple[int, str]] = []
    for m in markers:  # longest first: 金普新区 before 新区
        i = text.find(m)
        while i >= 0:
            if not any(taken[i : i + len(m)]):
                for k in range(i, i + len(m)):
                    taken[k] = True
                out.append((i, m))
            i = text.find(m, i + len(m))
    out.sort()
    kept: list[tuple[int, str]] = []
    for k, (i, m) in enumerate(out):
        # skip back over scope words and 、 / 和 run together (高于全国、全省)
        j = i
        while True:
            prev = [
                (pi, pm)
                for pi, pm in out[:k]
                if pi + len(pm) in (j, j - 1) and (pi + len(pm) == j or text[j - 1] in "、和及")
            ]
            if not prev:
                break
            j = prev[-1][0]
        if any(text[:j].endswith(c) for c in lx.COMPARISON):
            continue
        if not lists_too and ("、" in text[i - 1 : i] or text[i + len(m) : i + len(m) + 1] == "、"):
            continue
        kept.append((i, _family(m, home)))
    return kept


def text_scope(text: str, markers: list[str], home: tuple[str, ...] = ()) -> str | None:
    """The scope a text is about, from its title and publisher lines (the first word that
    names one), else its lede (the scope named most often there; the first on a tie):
    a family name (全市, 全省, 全国, 全县, 旅顺口区 …), or None when neither names one."""
    lines = [ln.strip() for ln in text.lstrip().splitlines()]
    head: list[str] = []
    rest = 0
    for ln in lines:  # title and publisher: short lines that are no sentence
        if len(ln) >= 40 or ln[-1:] in "。;:!?":
            break
        rest += 1
        if ln:
            head.append(ln)
    lede = "\n".join(lines[rest:])[:600]
    found = named_scopes("\n".join(head[:6]), markers, home=home)
    if found and found[0][1] != lx.CITY[0]:
        return found[0][1]
    if found and not _only_generic("\n".join(head[:6]), home):
        return found[0][1]
    counts: dict[str, list[int]] = {}
    for i, fam in named_scopes(lede, markers, lists_too=False, home=home):
        counts.setdefault(fam, []).append(i)
    # 全市 says "a city": another city named in the lede (“四个辽阳”) and never 大连 is whose
    if (found or lx.CITY[0] in counts) and _only_generic("\n".join(head[:6]) + lede, home):
        other = [c for c in lx.OTHER_CITIES if c in lede and c not in home]
        if other:
            return other[0]
    if found:
        return found[0][1]
    if not counts:
        return None
    best = max(counts, key=lambda f: (len(counts[f]), -counts[f][0]))
    city = counts.get(lx.CITY[0], [])
    return lx.CITY[0] if len(city) >= len(counts[best]) else best  # a tie is the city's


def _only_generic(text: str, home: tuple[str, ...] = ()) -> bool:
    """The text names the city only as 全市 / 我市 / 本市, never by its name (大连, or the
    dataset's own city)."""
    return not any(name in text for name in ("大连", *home))
