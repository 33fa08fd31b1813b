"""Candidates: figures found in a text, each tied to an indicator, for a person to review."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..core.dataset import Dataset
from ..core.models import Indicator
from ..core.numbers import Number, find_numbers
from ..core.scan import Scan, clauses, prepare, sentences
from ..core.units import is_percent
from . import lexicon as lx
from .context import (
    figure_status,
    home_names,
    named_scopes,
    nearest_marker,
    scope_markers,
    sentence_period,
    text_scope,
)
from .matching import Hit, Pattern, find_hits, fold_all, patterns

CITY_SCOPE = "全市"
QUOTE_MAX = 400
GUESS_CAP = 0.6  # below the default --min-confidence (0.7): a guess is never written unread
_AT_PRICES = re.compile(r"^按[^,]{0,8}?(?:计算|核算)")  # 按可比价格计算比上年增长13.5%
# A sentence of bulletins has at most a dozen figures and names; one with more than this is
# a table or a generated run, not read (each figure is weighed against each name in it).
SENTENCE_MAX = 100


@dataclass(slots=True)
class ExtractOptions:
    year: int
    plan: str | None = None
    written: int | None = None  # the year the text was written in (今年, 去年); default `year`


@dataclass(slots=True)
class Candidate:
    indicator: str
    period: str
    value: float | int
    unit: str
    measure: str
    partial: bool
    scope: str
    status: str
    quote: str
    confidence: float
    matched: str
    line: int
    own_scope: bool = True  # the indicator's own scope (no `scope` key needed)
    floor: bool = False  # 增长10%以上: the figure is at least the value

    def as_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "period": self.period,
            "value": self.value,
            "unit": self.unit,
            "measure": self.measure,
            "partial": self.partial,
            "scope": self.scope,
            "status": self.status,
            "quote": self.quote,
            "confidence": self.confidence,
            "matched": self.matched,
            "line": self.line,
            "floor": self.floor,
        }

    def actual(self) -> dict[str, Any]:
        """The `[[actuals]]` fields (source left to the file's defaults)."""
        rec: dict[str, Any] = {"indicator": self.indicator, "period": self.period}
        if self.partial:
            rec["partial"] = True
        rec["value"] = self.value
        rec["measure"] = self.measure
        if not self.own_scope:
            rec["scope"] = self.scope
        if self.status != "final":
            rec["status"] = self.status
        rec["quote"] = self.quote
        if self.floor:
            rec["notes"] = f"{lx.FLOOR}: {self.value:g} is a floor (at least)."
        return rec


@dataclass(slots=True)
class Skipped:
    indicator: str
    reason: str
    quote: str
    line: int


@dataclass(slots=True)
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    doc_scope: str = CITY_SCOPE


def _short(scope: str) -> str:
    for p in ("大连市", "大连"):
        if scope.startswith(p) and len(scope) > len(p) + 1:
            return scope[len(p) :]
    return scope


def document_scope(text: str, inds: list[Indicator]) -> str:
    """The scope a document is about: a non-city scope of the dataset named in its opening
    (大连高新区 in the zone's work report), else the whole jurisdiction (`home_scope`)."""
    head = text.lstrip()[:200]
    for scope in sorted({i.scope for i in inds if i.scope != CITY_SCOPE}, key=len, reverse=True):
        if scope in head or (len(_short(scope)) >= 3 and _short(scope) in head):
            first = min(head.find(w) for w in (scope, _short(scope)) if w in head)
            if not any(0 <= head.find(c) < first for c in ("全市", "大连市")) or scope.startswith(
                "大连"
            ):
                return scope
    return home_scope(inds)


def home_scope(inds: list[Indicator]) -> str:
    """The whole jurisdiction the indicators are about: the scope most of them cover when it
    is a whole one (全省 for a province's plan, `[plan] scope`), else the whole city."""
    counts = Counter(i.scope for i in inds)
    if counts:
        scope, _ = counts.most_common(1)[0]
        if scope.startswith("全"):
            return scope
    return CITY_SCOPE


def measure_priors(ds: Dataset) -> dict[str, str]:
    """The measure an indicator's figures are usually recorded in (growth aside), else the
    one its targets want: flows for a cumulative target, levels otherwise."""
    seen: dict[str, Counter[str]] = {}
    for a in ds.actuals:
        if a.measure not in ("growth", "milestone") and a.comparability == "comparable":
            seen.setdefault(a.indicator, Counter())[a.measure] += 1
    out: dict[str, str] = {}
    for ind in ds.indicators.values():
        if ind.id in seen:
            out[ind.id] = seen[ind.id].most_common(1)[0][0]
        elif ind.targets and all(t.kind == "cumulative" for t in ind.targets):
            out[ind.id] = "flow"
    return out


class _Extractor:
    def __init__(self, ds: Dataset, scan: Scan, opts: ExtractOptions) -> None:
        self.ds, self.scan, self.opts = ds, scan, opts
        inds = [i for i in ds.indicators.values() if opts.plan is None or i.plan == opts.plan]
        self.doc_scope = document_scope(scan.text, inds)
        scopes = {i.scope for i in inds}
        self.home = home_names(
            [p.jurisdiction for p in ds.plans.values() if p.level == "city" and p.jurisdiction]
        )
        self.markers = scope_markers([*scopes, *(_short(s) for s in scopes)], self.home)
        # The scope the title, publisher line or lede names: 旅顺口区统计局, 辽宁省…公报, 全县
        named = text_scope(scan.text, self.markers, self.home)
        # A dataset may hold plans of several levels (the nation's and a city's): a text about
        # one whole jurisdiction is matched against that jurisdiction's indicators only.
        wholes = {sc for sc in scopes if sc in (*lx.NATION, *lx.PROVINCE)}
        if named in wholes and named != self.doc_scope:
            self.doc_scope = str(named)
        inds = [i for i in inds if i.scope not in wholes or i.scope == self.doc_scope]
        self.inds = {i.id: i for i in inds}
        self.pats: list[Pattern] = patterns(inds)
        self.scope_named = named is not None or self.doc_scope != CITY_SCOPE
        self.outside = (
            named if self.doc_scope == CITY_SCOPE and named not in (None, CITY_SCOPE) else None
        )
        self.doc_lead = _part_year_lead(scan.text, opts.year)
        self.priors = measure_priors(ds)
        self.newlines = [i for i, c in enumerate(scan.original) if c == "\n"]
        self.out = Extraction(doc_scope=self.outside or self.doc_scope)
        self.context = self.previous = ""
        self.estimated = False
        self.section_year: int | None = None  # 一、2019年政府工作回顾
        self.para_start = -1
        self.para_lead = ""  # 一季度, / 1—4月份, opening the paragraph
        self.carried: str | None = None  # a scope named in the paragraph's last sentence
        self.guess = ""
        self.scope_word: str | None = None  # the scope word scope_of read for the figure
        # The lede: the first paragraph with a sentence of 30 characters or more.
        text = scan.text
        lede = [sp for sp in sentences(text) if sp[1] - sp[0] >= 30][:1]
        para = "".join(
            text[text.rfind("\n", 0, a) + 1 : max(b, text.find("\n", b))] for a, b in lede
        )
        self.lede_preliminary = any(w in para for w in lx.PRELIMINARY)

    def preliminary(self, s: int, e: int) -> bool:
        """初步核算 in the paragraph of the sentence, or in the text's lede (a news item
        that opens with "初步核算" reports early figures throughout)."""
        text = self.scan.text
        para = text[text.rfind("\n", 0, s) + 1 : max(e, text.find("\n", e))]
        return self.lede_preliminary or any(w in para for w in lx.PRELIMINARY)

    def line_of(self, i: int) -> int:
        return bisect.bisect_left(self.newlines, self.scan.pos[i]) + 1

    def run(self) -> Extraction:
        text = self.scan.text
        planning = False
        for s, e in sentences(text):
            sent = text[s:e]
            para_start = text.rfind("\n", 0, s) + 1
            if para_start != self.para_start:  # a new paragraph: its own lead and scope
                self.para_start, self.carried = para_start, None
                first = (clauses(text, s, e) or [(s, e)])[0]
                got = sentence_period(
                    text[first[0] : first[1]], self.opts.year, self.opts.written or self.opts.year
                )
                self.para_lead = text[first[0] : first[1]] + "," if got and got[1] else ""
            if lx.HEADING.match(sent):
                # 一、综合 经济总量:初步核算,全年…: the heading is the part before the colon
                head = sent.split(":", 1)[0] if ":" in sent[:20] else sent
                years = [int(m[1]) for m in lx.YEAR_RX.finditer(head)]
                planning = bool(lx.PLAN_HEADING.search(head)) or any(
                    y > self.opts.year for y in years
                )
                self.section_year = years[0] if years and not planning else None
                if head is sent:
                    continue
            if planning or lx.FUTURE.search(sent):
                continue
            # 其中…: a detail of the sentence before, in its period
            self.context = self.previous if sent.startswith("其中") else ""
            # 预计,A增长6%;B增长9%。: 预计 governs the whole list up to the full stop
            if sent.lstrip().startswith("预计"):
                self.estimated = True
            self.sentence(s, e)
            self.previous = sent
            if said := _subject_scope(sent, self.markers):
                self.carried = said
            self.estimated = self.estimated and text[e : e + 1] == ";"
        return self.out

    def sentence(self, s: int, e: int) -> None:
        text = self.scan.text
        hits = find_hits(text, s, e, self.pats)
        if not hits:
            return
        spans = clauses(text, s, e)
        nums = [n for n in find_numbers(text[s:e]) if n.unit]
        if len(nums) > SENTENCE_MAX or len(hits) > SENTENCE_MAX:
            self.out.skipped.append(
                Skipped(
                    hits[0].indicator,
                    f"a sentence with more than {SENTENCE_MAX} figures or names "
                    f"({len(nums):,} and {len(hits):,}): a table or a run, not read",
                    self.scan.quote(s, e)[:QUOTE_MAX],
                    self.line_of(s),
                )
            )
            return
        for n in nums:
            self.figure(n, s, e, spans, hits)
        for h in hits:
            if text[max(s, h.start - 3) : h.start] == lx.NONE_HAPPENED:
                self.none_happened(h, s, e, spans)

    def none_happened(self, h: Hit, s: int, e: int, spans: list[tuple[int, int]]) -> None:
        """全年未发生重大安全事故: a count of events that is 0 for the period."""
        ind = self.inds[h.indicator]
        if is_percent(ind.unit):
            return
        text = self.scan.text
        cs, ce = spans[self.clause_of(spans, h.start)]
        period = self.period_of(text[s : h.start])
        scope, own, reason = self.scope_of(ind, text, s, h.start, h.alias)
        if period is None or reason:
            return
        matched = (
            f"{'name' if h.is_name else 'alias'} “{h.alias}”, after “未发生”; none "
            "in the period (flow 0)"
        )
        self.add(
            Candidate(
                ind.id,
                period[0],
                0,
                ind.unit,
                "flow",
                period[1],
                scope,
                "final",
                self.scan.quote(cs, ce),
                0.7,
                matched,
                self.line_of(h.start),
                own,
            )
        )

    def clause_of(self, spans: list[tuple[int, int]], i: int) -> int:
        k = bisect.bisect_right(spans, (i, len(self.scan.text) + 1)) - 1  # the last a <= i
        return k if k >= 0 and i < spans[k][1] else len(spans) - 1

    def figure(
        self, n: Number, s: int, e: int, spans: list[tuple[int, int]], hits: list[Hit]
    ) -> None:
        ns, ne = s + n.start, s + n.end
        k = self.clause_of(spans, ns)
        cs, ce = spans[k]
        options: list[tuple[float, str, Hit]] = []
        for h in hits:
            hk = self.clause_of(spans, max(h.end - 1, h.start))
            if hk == k and h.end <= ns:
                options.append((ns - h.end, "same clause", h))
            elif hk == k and h.start >= ne:
                options.append((h.start - ne + 3, "after the figure", h))
            elif hk < k and h.end <= ns and len(_AT_PRICES.sub("", self.scan.text[cs:ns])) <= 8:
                options.append((100 + ns - h.end, "subject of the sentence", h))
        options.sort(
            key=lambda o: (o[0], -(o[2].end - o[2].start), self.scope_rank(o[2].indicator))
        )
        if n.too_large and options:  # 400 digits: said, never converted (it overflows)
            self.out.skipped.append(
                Skipped(
                    options[0][2].indicator,
                    "a number too large to be a figure",
                    self.scan.quote(cs, ce)[:QUOTE_MAX],
                    self.line_of(ns),
                )
            )
            return
        pairs = self.respectively(n, s, e, hits)
        for _, where, h in options:
            if pairs is not None:
                if isinstance(pairs, str):
                    if h.end <= ns:
                        self.out.skipped.append(
                            Skipped(h.indicator, pairs, self.scan.quote(cs, ce), self.line_of(ns))
                        )
                        return
                    continue
                if h != pairs:
                    continue
                where = "paired by position (分别)"
            if self.accept(n, h, where, s, e, spans, k, cs, ce):
                return

    def respectively(self, n: Number, s: int, e: int, hits: list[Hit]) -> Hit | str | None:
        """分别: A和B分别增长6.7%和10.3% pairs the figures with the subjects in order. The
        subject of figure `n` (None when no 分别 governs it), or why it has none: 城乡…
        (urban, then rural: neither is the indicator), or more figures than subjects."""
        text = self.scan.text
        ns = s + n.start
        p = text.rfind(lx.RESPECTIVELY, s, ns)
        if p < 0 or any(c in text[p:ns] for c in "。;"):
            return None
        nums = [x for x in find_numbers(text[p:e]) if x.unit]
        run: list[Number] = []
        for x in nums:
            if run and text[p + run[-1].end : p + x.start].strip("、和及与") != "":
                break
            run.append(x)
        at = next((i for i, x in enumerate(run) if p + x.start == ns), None)
        if at is None or len(run) < 2:
            return None
        clause_start = max(text.rfind(c, s, p) for c in ",;:。") + 1
        subjects = sorted(
            (h for h in hits if clause_start <= h.start and h.end <= p), key=lambda h: h.start
        )
        firsts: list[Hit] = []
        for h in subjects:  # one per place: the longest name there
            if firsts and h.start < firsts[-1].end:
                if h.end - h.start > firsts[-1].end - firsts[-1].start:
                    firsts[-1] = h
                continue
            firsts.append(h)
        for h in firsts:
            if text[max(s, h.start - 4) : h.start].endswith(lx.BOTH):
                return (
                    f"{lx.BOTH}…{lx.RESPECTIVELY}: {n.value:g}{n.unit} is "
                    f"{'urban' if at == 0 else 'rural'} residents', not {h.alias}"
                )
        if len(firsts) != len(run):
            return (
                f"{lx.RESPECTIVELY}: {len(run)} figures for {len(firsts)} subject(s); "
                "which is whose is not clear"
            )
        return firsts[at]

    def period_of(self, before: str) -> tuple[str, bool] | None:
        """The period of a figure: its sentence's, else its paragraph's lead (一季度,…),
        else a part-year named in the title (a guess); the section's year (一、2019年…回顾)
        stands for the text's."""
        year = self.section_year or self.opts.year
        written = self.opts.written or self.opts.year
        own = self.context + before
        # 全年… or 2023年… in the sentence: its own period, whatever leads the paragraph
        whole = any(w in own for w in lx.THIS_YEAR) or lx.YEAR_RX.search(own) is not None
        lead = "" if whole else self.para_lead
        got = sentence_period(lead + own, year, written)
        if got is not None and not got[1] and self.doc_lead and not whole:
            got = sentence_period(self.doc_lead + own, year, written)
            self.guess = "period from the title, not the sentence"
        return got

    def scope_rank(self, ind_id: str) -> int:
        scope = self.inds[ind_id].scope
        return 0 if scope == self.doc_scope else 1 if scope == CITY_SCOPE else 2

    def accept(
        self,
        n: Number,
        h: Hit,
        where: str,
        s: int,
        e: int,
        spans: list[tuple[int, int]],
        k: int,
        cs: int,
        ce: int,
    ) -> bool:
        """Make a candidate of figure `n` for hit `h` if the indicator can take it."""
        text = self.scan.text
        ind = self.inds[h.indicator]
        ns, ne = s + n.start, s + n.end
        bridge = text[h.end : ns] if where == "same clause" else text[cs:ns]
        head = text[min(cs, h.start) : ns]
        tail = text[ne:ce] if where == "after the figure" else ""
        k0 = k
        while k0 > 0 and text[spans[k0 - 1][1]] == "、":  # 建设A 1550米、B 4座: one verb
            k0 -= 1
        head = text[spans[k0][0] : cs] + head
        got = self.measure(n, ind, bridge, head, tail)
        if got is None:
            return False
        measure, value, unit, why = got
        self.guess = ""
        period = self.period_of(text[s:ns])
        quote_start = spans[self.clause_of(spans, h.start)][0] if h.start < ns else cs
        quote = self.scan.quote(quote_start, ce)
        if len(quote) > QUOTE_MAX:
            quote = self.scan.quote(cs, ce)[:QUOTE_MAX]
        line = self.line_of(ns)
        if period is None:
            self.out.skipped.append(
                Skipped(ind.id, "a later year: a plan, not a figure", quote, line)
            )
            return True
        if any(w in text[min(h.end, cs) : ns] for w in lx.BASE_EFFECT):
            self.out.skipped.append(
                Skipped(
                    ind.id, "扣除…: a rate on another basis, not the headline figure", quote, line
                )
            )
            return True
        # 全省…增长5.3%,全市增长5.0%: a figure's own clause may name another scope
        said = (
            nearest_marker(text[cs:ns], ns - cs, self.markers)
            if where == "subject of the sentence"
            else None
        )
        scope, own, reason = self.scope_of(ind, text, s, min(h.start, ns), h.alias, said)
        if reason:
            self.out.skipped.append(Skipped(ind.id, reason, quote, line))
            return True
        if measure == "cumulative":  # the total since the plan's start (docs/format.md)
            plan = self.ds.plan_of(ind)
            if plan is not None and not period[1] and plan.start < int(period[0]):
                period = (f"{plan.start}..{period[0]}", False)
        status = "estimate" if self.estimated else figure_status(text[s:ns], text[ne:e])
        if status == "final" and self.preliminary(s, e):
            status = "preliminary"
        floor = text[ne : ne + len(lx.FLOOR)] == lx.FLOOR
        guess = self.guess or (
            ""
            if self.scope_named or self.scope_word
            else "scope: the text names none (read as the city's)"
        )
        conf = _confidence(n, h, where, why, status, _aside(text[cs:ns]), bool(guess))
        matched = (
            f"{'name' if h.is_name else 'alias'} “{h.alias}”, {where}; {why}"
            + ("; more than (余/多)" if n.approx else "")
            + (f"; a floor ({lx.FLOOR})" if floor else "")
            + (f"; guess: {guess}" if guess else "")
        )
        cand = Candidate(
            ind.id,
            period[0],
            value,
            unit,
            measure,
            period[1],
            scope,
            status,
            quote,
            conf,
            matched,
            line,
            own,
            floor,
        )
        self.add(cand)
        return True

    def measure(
        self, n: Number, ind: Indicator, bridge: str, head: str, tail: str
    ) -> tuple[str, float | int, str, str] | None:
        """(measure, value in the indicator's unit, unit, why) or None if it cannot fit."""
        pct = n.unit in ("%", "倍")
        # 改善 / 恶化 (better / worse) say the sign through the indicator's direction
        up_words, down_words = [*lx.GROWTH_UP], [*lx.GROWTH_DOWN]
        if ind.direction == "lower":
            up_words += lx.WORSE
            down_words += lx.BETTER
        elif ind.direction == "higher":
            up_words += lx.BETTER
            down_words += lx.WORSE
        ups = [(bridge.rfind(w), False) for w in up_words if w in bridge]
        downs = [(bridge.rfind(w), True) for w in down_words if w in bridge]
        growth = max(ups + downs, default=None)
        if n.unit == "百分点":
            return None  # a change in points, not a figure of the indicator
        if (
            growth is not None
            and pct
            and not bridge.endswith(lx.TO_LEVEL)
            and not any(w in bridge for w in lx.AVERAGE)
        ):
            v = n.value * (100 if n.unit == "倍" else 1)
            v = -v if growth[1] else v
            if not -100 < v <= 100_000:
                return None  # a fall of 100% or more is a misreading, not a growth rate
            word = bridge[growth[0] : growth[0] + 2]
            return "growth", _num(v), "%", f"“{word}” → growth"
        if n.unit == "倍" or (growth is not None and not bridge.endswith(lx.TO_LEVEL)):
            return None  # 增加520家: a change, not the indicator's figure
        if is_percent(ind.unit) != (n.unit == "%"):
            return None
        got = n.in_unit(ind.unit)
        if got is None:
            return None
        v = got
        conv = "" if n.unit == ind.unit else f" ({n.value:g} {n.unit} → {ind.unit})"
        words = head + tail
        if n.unit == "%":  # a rate or a share is never a flow
            why = "“占” → a share (level)" if "占" in head else "a rate (level)"
            return "level", _num(v), ind.unit, why + conv
        if "累计" in head:
            if "(累计)" in fold_all(ind.name):  # its figures are running totals: levels
                return "level", _num(v), ind.unit, "“累计”, a running total (level)" + conv
            return "cumulative", _num(v), ind.unit, "“累计” → cumulative" + conv
        flow = next((w for w in lx.FLOW if w in words), None)
        if flow:
            return "flow", _num(v), ind.unit, f"“{flow}” → flow" + conv
        level = next((w for w in lx.LEVEL if w in bridge), None)
        if level:
            return "level", _num(v), ind.unit, f"“{level}” → level" + conv
        prior = self.priors.get(ind.id, "level")
        return prior, _num(v), ind.unit, f"{prior}, as the indicator's figures are" + conv

    def scope_of(
        self, ind: Indicator, text: str, s: int, at: int, alias: str, said: str | None = None
    ) -> tuple[str, bool, str]:
        """(scope, is the indicator's own, why it is skipped or ""); `said`: a scope word of
        the figure's own clause, which wins over the subject's."""
        spans = clauses(text, s, at + 1)
        k = len(spans) - 1
        while k > 0 and text[spans[k - 1][1]] == "、":  # A 85%、B 38%: one scope
            k -= 1
        cs = spans[k][0] if spans else s
        m = said or nearest_marker(text[cs : at + 4], at - cs, self.markers)
        self.scope_word = m
        if (
            m is None
            and self.carried is not None
            and self.carried != CITY_SCOPE
            and self.carried not in ind.scope
        ):
            m = self.carried  # 金普新区…。社会消费品零售总额…: named in the sentence before
        if self.outside is not None and (m is None or m in lx.GENERIC_CITY):
            # in another jurisdiction's text only 大连 names the city; its 全市 is its own
            return (
                self.outside,
                False,
                (f"the text is about {self.outside} (its title, publisher or lede), not the city"),
            )
        own = ind.scope
        local = (
            own != CITY_SCOPE
            and own[-1] in "区县市城镇园"
            and _short(own) not in alias
            and own not in alias
        )  # a district's figure must say so
        if m is None and (own in text[s:at] or _short(own) in text[s:at]):
            return own, True, ""  # named earlier in the sentence (城区…, 无害化处理率…)
        if m is None or m in lx.CITY or m in self.home:
            if self.doc_scope != CITY_SCOPE:
                if (m is None and self.doc_scope in own) or (m and own == CITY_SCOPE):
                    return own, True, ""
                return (
                    (m or self.doc_scope),
                    False,
                    (
                        f"a figure for {m}, not {own}"
                        if m
                        else f"the text is about {self.doc_scope}"
                    ),
                )
            if local:
                return CITY_SCOPE, False, f"{own} is not named"
            return own, True, ""
        if m == "全区":
            if self.doc_scope != CITY_SCOPE and self.doc_scope in own:
                return own, True, ""
            return m, False, f"a figure for {m}"
        if m in own or _short(own) == m or (own in m):
            return own, True, ""
        return m, False, f"a figure for {m}, not {own}"

    def add(self, cand: Candidate) -> None:
        key = (cand.indicator, cand.period, cand.measure, cand.scope)
        for i, c in enumerate(self.out.candidates):
            if (c.indicator, c.period, c.measure, c.scope) != key:
                continue
            if c.value == cand.value:
                return  # the same figure again (a summary repeats it)
            if cand.confidence > c.confidence:
                self.out.candidates[i] = cand
                cand, c = c, cand
            self.out.skipped.append(
                Skipped(
                    cand.indicator,
                    f"{cand.value:g}: another value ({c.value:g}) for the same figure is proposed",
                    cand.quote,
                    cand.line,
                )
            )
            return
        self.out.candidates.append(cand)


def _aside(before: str) -> bool:
    """The figure stands inside a bracket opened earlier in its clause."""
    return before.rfind("(") > before.rfind(")")


def _num(v: float) -> float | int:
    v = round(v, 10)
    return int(v) if abs(v) < 1e15 and v == int(v) else v  # inf has no int


def extract_figures(text: str, ds: Dataset, opts: ExtractOptions) -> Extraction:
    """Every figure of `text` that belongs to an indicator of `ds`, as candidates."""
    return _Extractor(ds, prepare(text), opts).run()


def _part_year_lead(text: str, year: int) -> str:
    """The part of a year a text's title or lede names (大连市一季度地区生产总值…), as a
    lead for sentences that name no period; "" when it names none or a whole year."""
    lines = [ln for ln in text.lstrip().splitlines() if ln.strip()][:3]
    for ln in lines:
        got = sentence_period(ln[:60], year, year)
        if got is not None and got[1]:
            return ln[:60] + ","
        if got is not None and (lx.YEAR_RX.search(ln[:60]) or "全年" in ln[:60]):
            return ""
    return ""


def _subject_scope(sent: str, markers: list[str]) -> str | None:
    """The scope a sentence is about: a scope word that opens one of its clauses, after at
    most a word of time (前三季度,金普新区农林牧渔…; 前三季度新区实现…); not one inside a
    clause (获评辽宁省十佳) or in a list (中山区、甘井子区…建成)."""
    quarters = {w for w, _ in lx.QUARTERS}
    for i, fam in named_scopes(sent, markers, lists_too=False):
        start = max(sent.rfind(c, 0, i) for c in ",:;") + 1
        lead = sent[start:i]
        if (
            len(lead) <= 2
            or lead in quarters
            or lead.removeprefix("今年") in quarters
            or lx.MONTHS_RX.fullmatch(lead.removesuffix("份"))
        ):
            return fam
    return None


def _confidence(
    n: Number, h: Hit, where: str, why: str, status: str, aside: bool, guessed: bool
) -> float:
    """How sure a candidate is: where the figure stands to its name, how it was told apart,
    and what makes it less certain (余/多, a bare 万, an estimate, brackets, a guess)."""
    conf = 0.6 + {"same clause": 0.2, "after the figure": 0.1}.get(where, 0.05)
    conf += 0.1 if why.startswith("“") else 0.0
    conf += 0.05 if h.is_name else 0.0
    conf -= 0.1 if n.approx else 0.0
    conf -= 0.05 if n.bare_prefix else 0.0
    conf -= 0.05 if status == "estimate" else 0.0
    if aside:
        conf -= 0.3  # (连续5年实现315天以上): a figure in brackets is a side remark
    if guessed:
        conf = min(conf, GUESS_CAP)
    return round(min(conf, 0.99), 2)
