"""Cross-file checks: references, units, periods, measures, conflicts, relative and revision
cycles.

Every check runs in one pass over indexes (dicts), never nested scans, so checking grows
linearly with the dataset.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping

from ..core.dataset import Dataset
from ..core.dates import earliest_day, latest_day
from ..core.diagnostics import Collector
from ..core.models import Actual, Citation, Indicator, Strict, Target
from ..core.normalise import PERCENT_KINDS, baseline_value, points_as_percent, same_value, value_in
from ..core.normalise import actual_value as actual_value_in
from ..core.periods import Period, parse_period
from ..core.sanitize import clip_list
from ..core.suggest import did_you_mean
from ..core.units import UnitError, incompatible_hint, is_count, is_percent, parse_unit

# Which measures can drive each target kind (see docs/method.md).
SERVES: dict[str, frozenset[str]] = {
    "level": frozenset({"level"}),
    "hold": frozenset({"level"}),
    "multiple": frozenset({"level"}),
    "change": frozenset({"level"}),
    "growth": frozenset({"growth", "level"}),
    "compound_change": frozenset({"growth", "level"}),
    "relative": frozenset({"growth", "level"}),
    "cumulative": frozenset({"flow", "cumulative"}),
    "milestone": frozenset({"milestone"}),
}
NEEDS_BASELINE = frozenset({"multiple", "change"})
# Kinds that measure change relative to the baseline: meaningless from a baseline of 0 or less.
RELATIVE_TO_BASELINE = frozenset({"multiple", "growth", "compound_change"})


def run_checks(ds: Dataset, col: Collector) -> None:
    _check_plans(ds, col)
    _check_sources(ds, col)
    _check_indicators(ds, col)
    _check_actuals(ds, col)
    _check_conflicts(ds, col)
    _check_relative_cycles(ds, col)
    _check_succession(ds, col)
    _check_revision_cycles(ds, col)
    _check_quote_values(ds, col)
    _check_magnitudes(ds, col)
    _check_directions(ds, col)


def _at(rec: Strict) -> dict[str, object]:
    return {"file": rec.at_file, "line": rec.at_line}


def _suggest(name: str, options: Mapping[str, object]) -> str:
    return did_you_mean(name, options, "", quote=True, n=1)


def _check_source_ref(ds: Dataset, col: Collector, rec: Strict, ref: str | None, what: str) -> None:
    if ref is not None and ref not in ds.sources and not ds.is_invalid("sources", ref):
        col.error(
            "unknown-source",
            f"{what} refers to unknown source {ref!r}",
            **_at(rec),
            hint=_suggest(ref, ds.sources) or "declare it in [[sources]]",
        )


_REVISES_KEY = re.compile(r"^\s*revises\s*=")


def _check_revises(ds: Dataset, col: Collector, a: Actual) -> None:
    """Each source `revises` names exists and is not the figure's own; errors at its line."""
    for ref in a.revised:
        if ref == a.source:
            col.error(
                "self-reference",
                "an actual cannot revise its own source",
                file=a.at_file,
                line=_key_line(col, a, _REVISES_KEY),
            )
        elif ref not in ds.sources and not ds.is_invalid("sources", ref):
            col.error(
                "unknown-source",
                f"`revises` refers to unknown source {ref!r}",
                file=a.at_file,
                line=_key_line(col, a, _REVISES_KEY),
                hint=_suggest(ref, ds.sources) or "declare it in [[sources]]",
            )


def _check_plans(ds: Dataset, col: Collector) -> None:
    for plan in ds.plans.values():
        _check_source_ref(ds, col, plan, plan.source, f"plan {plan.id!r}")


def _check_sources(ds: Dataset, col: Collector) -> None:
    today = dt.date.today()
    for src in ds.sources.values():
        earliest = earliest_day(src.published)
        if earliest is not None and earliest > today:
            col.warning(
                "published-future",
                f"source {src.id!r} is dated {src.published}, "
                "in the future: its figures are not used until then",
                **_at(src),
                hint="check the `published` date for a typo",
            )
        if src.same_text_as is not None:
            if src.same_text_as == src.id:
                col.error(
                    "self-reference", f"source {src.id!r} is the same text as itself", **_at(src)
                )
            else:
                _check_source_ref(ds, col, src, src.same_text_as, f"source {src.id!r}")


def _check_citation(
    ds: Dataset, col: Collector, owner: Strict, c: Citation | None, what: str
) -> None:
    if c is None:
        return
    _check_source_ref(ds, col, owner, c.source, what)
    if c.quote is None:
        col.warning(
            "no-quote",
            f"{what} has no quote",
            **_at(owner),
            hint="add a short verbatim `quote` containing the figure",
        )


def _check_indicators(ds: Dataset, col: Collector) -> None:
    for ind in ds.indicators.values():
        plan = ds.plan_of(ind)
        if ind.plan is not None and plan is None and not ds.is_invalid("plans", ind.plan):
            col.error(
                "unknown-plan",
                f"indicator {ind.id!r} belongs to unknown plan {ind.plan!r}",
                **_at(ind),
                hint=_suggest(ind.plan, ds.plans) or "declare the plan in a [plan] table",
            )
        _check_citation(ds, col, ind, ind.citation, f"indicator {ind.id!r}")
        if ind.targets and ind.citation is None and all(t.citation is None for t in ind.targets):
            col.warning(
                "no-citation",
                f"indicator {ind.id!r} has targets but no citation",
                **_at(ind),
                hint="add `citation = { source = …, section = …, quote = … }`",
            )
        base_unit = parse_unit(ind.unit)
        if ind.baseline is not None:
            b = ind.baseline
            _check_source_ref(ds, col, ind, b.source, f"baseline of {ind.id!r}")
            if b.unit is not None and not parse_unit(b.unit).compatible(base_unit):
                col.error(
                    "unit-mismatch",
                    f"baseline unit {b.unit!r} of {ind.id!r} cannot be "
                    f"compared with the indicator's unit {ind.unit!r}",
                    **_at(ind),
                    hint=incompatible_hint(b.unit, ind.unit),
                )
            if plan and b.year > plan.start:
                col.warning(
                    "baseline-year",
                    f"baseline year {b.year} of {ind.id!r} is inside "
                    f"the plan period {plan.start}–{plan.end}",
                    **_at(ind),
                )
            if b.value < 0 and is_count(b.unit or ind.unit):
                col.error(
                    "negative-count",
                    f"baseline {b.value:g} of {ind.id!r} is a negative "
                    f"count of {b.unit or ind.unit}",
                    **_at(ind),
                )
        for t in ind.targets:
            _check_target(ds, col, ind, t)
        milestones = [t for t in ind.targets if t.kind == "milestone"]
        if len(milestones) > 1:
            # a figure names its indicator, not a target: one report would settle them all
            col.warning(
                "shared-milestone",
                f"indicator {ind.id!r} has {len(milestones)} "
                "milestone targets, and a milestone figure counts for all of them",
                **_at(milestones[1]),
                hint="give each milestone an indicator of its own",
            )


def _check_target(ds: Dataset, col: Collector, ind: Indicator, t: Target) -> None:
    plan = ds.plan_of(ind)
    what = f"{t.kind} target of {ind.id!r}"
    _check_citation(ds, col, t, t.citation, what)
    year = t.year or (plan.end if plan else None)
    if plan and year is not None and year < plan.start:
        col.error(
            "target-year", f"{what}: year {year} is before the plan starts ({plan.start})", **_at(t)
        )
    base_year = t.start_year or (
        ind.baseline.year if ind.baseline else plan.baseline_year if plan else None
    )
    if year is not None and base_year is not None and year <= base_year:
        col.error(
            "target-year",
            f"{what}: year {year} is not after its baseline year {base_year}",
            **_at(t),
            hint="a target is measured from an earlier "
            "baseline: check `year`, `start_year` or the baseline",
        )
    if t.kind in RELATIVE_TO_BASELINE and ind.baseline is not None and ind.baseline.value <= 0:
        col.error(
            "zero-baseline",
            f"{what}: a {t.kind} target cannot be measured from a "
            f"baseline of {ind.baseline.value:g}",
            **_at(t),
            hint="state the target as a level, or check the baseline value",
        )
    if t.kind in ("level", "hold", "cumulative") and is_count(t.unit or ind.unit):
        for name in ("value", "low", "high"):
            v = getattr(t, name)
            if v is not None and v < 0:
                col.error(
                    "negative-count",
                    f"{what}: {name} {v:g} is a negative count of {t.unit or ind.unit}",
                    **_at(t),
                )
    if t.unit is not None and t.kind in PERCENT_KINDS and not is_percent(t.unit):
        col.error(
            "unit-mismatch", f"{what}: a rate of change is in % or ‰, not {t.unit!r}", **_at(t)
        )
    if (
        t.unit is not None
        and t.kind in ("level", "hold", "cumulative", "change")
        and not points_as_percent(t, ind)
    ):
        try:
            if not parse_unit(t.unit).compatible(parse_unit(ind.unit)):
                points = parse_unit(t.unit).base == "百分点" and is_percent(ind.unit)
                col.error(
                    "unit-mismatch",
                    f"{what}: unit {t.unit!r} cannot be compared with "
                    f"the indicator's unit {ind.unit!r}",
                    **_at(t),
                    hint="百分点 is a change of a rate: a `change` target (提高2个百分点)"
                    if points
                    else incompatible_hint(t.unit, ind.unit),
                )
        except UnitError as e:
            col.error("unit", f"{what}: {e}", **_at(t))
    _check_fall(col, ind, t, what)
    if t.kind in NEEDS_BASELINE and ind.baseline is None:
        col.warning(
            "no-baseline",
            f"{what} needs a baseline value",
            **_at(t),
            hint="add `baseline = { year = …, value = … }` from the plan text",
        )
    if t.kind == "relative" and t.reference is not None:
        if t.reference == ind.id:
            col.error(
                "relative-self",
                f"{what} refers to itself",
                **_at(t),
                hint="`reference` names the other indicator to compare with",
            )
        elif t.reference not in ds.indicators and not ds.is_invalid("indicators", t.reference):
            col.error(
                "unknown-indicator",
                f"{what} refers to unknown indicator {t.reference!r}",
                **_at(t),
                hint=_suggest(t.reference, ds.indicators),
            )


_FALL = re.compile(r"(下降|降低|减少|压减|削减)了?(?:幅度)?(\d+(?:\.\d+)?)\s*[%％]")
_HOW_FALL = (
    'a fall in % over the period is kind = "compound_change", value = -{v} '
    "(operator at_most, the default for a fall: it falls by at least {v} %; "
    "at_least -{v} would mean it falls by no more than {v} %)"
)


def _check_fall(col: Collector, ind: Indicator, t: Target, what: str) -> None:
    """A fall in % its target misstates: a positive value for 下降14.5%, or a `change`
    (in the indicator's unit) where the quote gives a % (`compound-fall`)."""
    citation = t.citation or ind.citation  # a target stated in the indicator's sentence
    quote = citation.quote if citation is not None else None
    if quote is None or t.value is None:
        return
    falls = [float(m.group(2)) for m in _FALL.finditer(quote)]
    if not falls:
        return
    v = abs(t.value)
    said = next((f for f in falls if math.isclose(f, v)), None)
    if said is None:
        return
    if t.kind in ("compound_change", "growth") and t.value > 0:
        col.warning(
            "compound-fall",
            f"{what}: value {t.value:g} is a rise, but its quote says "
            f"a fall of {said:g}%: {quote!r}",
            **_at(t),
            hint=_HOW_FALL.format(v=f"{said:g}")
            if t.kind == "compound_change"
            else f"a fall is negative: value = -{said:g}",
        )
    elif t.kind == "change" and not is_percent(t.unit or ind.unit):
        col.warning(
            "compound-fall",
            f"{what}: a change of {t.value:g} {t.unit or ind.unit}, "
            f"but its quote gives the fall in %: {quote!r}",
            **_at(t),
            hint=_HOW_FALL.format(v=f"{said:g}"),
        )


def _check_actuals(ds: Dataset, col: Collector) -> None:
    for a in ds.actuals:
        ind = ds.indicators.get(a.indicator)
        src = ds.sources.get(a.source or "")
        if ind is None and not ds.is_invalid("indicators", a.indicator):
            col.error(
                "unknown-indicator",
                f"actual refers to unknown indicator {a.indicator!r}",
                **_at(a),
                hint=_suggest(a.indicator, ds.indicators),
            )
        _check_source_ref(ds, col, a, a.source, "actual")
        if a.revises is not None:
            _check_revises(ds, col, a)
        period = parse_period(a.period)
        if src is not None:
            pub = latest_day(src.published)
            if pub is not None and dt.date(period.end_year, period.end_month, 1) > pub:
                col.error(
                    "period-after-source",
                    f"period {a.period} ends after its source "
                    f"{src.id!r} was published ({src.published})",
                    **_at(a),
                    hint="check the period or the source's `published` date",
                )
        if a.quote is None and src is not None and src.is_archived:
            col.warning(
                "no-quote",
                f"actual {a.indicator} {a.period} has no quote",
                **_at(a),
                hint="add a short verbatim `quote` containing the figure",
            )
        if period.partial and not a.partial:
            col.warning(
                "partial-period",
                f"{a.indicator} {a.period} is a partial period but not marked as one",
                **_at(a),
                hint="add `partial = true` (partial figures are used only when no "
                "full-year figure exists)",
            )
        if ind is None:
            continue
        plan = ds.plan_of(ind)
        if plan is not None and not (
            plan.baseline_year - 10 <= period.start_year
            and period.end_year <= max(plan.end, _last_target_year(ind, plan.end)) + 1
        ):
            col.error(
                "period-range",
                f"period {a.period} is outside the plausible range of "
                f"plan {plan.id!r} ({plan.baseline_year - 10}–{plan.end + 1})",
                **_at(a),
            )
        if a.scope is not None and a.scope != ind.scope and not a.notes:
            col.warning(
                "scope",
                f"{a.indicator} {a.period}: scope {a.scope!r} differs from "
                f"the indicator's {ind.scope!r}",
                **_at(a),
                hint="such a figure is context, not used for the verdict: say why it "
                "is recorded in `notes`",
            )
        _check_actual_unit(col, a, ind)
    _check_measures(ds, col)


def _check_measures(ds: Dataset, col: Collector) -> None:
    """An indicator whose figures are all of measures none of its targets can use.

    A growth rate reported beside a level is fine; only figures that can never be judged
    are a problem (e.g. only growth rates for a cumulative target).
    """
    measures: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Actual] = {}
    for a in ds.actuals:
        if a.comparability == "proxy":
            continue
        measures[a.indicator].add(a.measure)
        first.setdefault(a.indicator, a)
    for ind_id, ms in measures.items():
        ind = ds.indicators.get(ind_id)
        if ind is None or not ind.targets:
            continue
        kinds = {t.kind for t in ind.targets}
        usable = set().union(*(SERVES[k] for k in kinds))
        if not ms & usable:
            col.error(
                "measure-mismatch",
                f"{ind_id} has only {', '.join(sorted(ms))} figures, "
                f"which its {', '.join(sorted(kinds))} target(s) cannot use",
                **_at(first[ind_id]),
                hint="; ".join(
                    f"{k} needs {' or '.join(sorted(SERVES[k]))}" for k in sorted(kinds)
                ),
            )


def _last_target_year(ind: Indicator, default: int) -> int:
    return max((t.year or default for t in ind.targets), default=default)


def _check_actual_unit(col: Collector, a: Actual, ind: Indicator) -> None:
    if a.measure == "milestone":
        return
    if (
        a.measure != "growth"
        and a.value is not None
        and a.value < 0
        and is_count(a.unit or ind.unit)
    ):
        col.error(
            "negative-count",
            f"{a.indicator} {a.period}: {a.value:g} is a negative count of {a.unit or ind.unit}",
            **_at(a),
        )
    if a.unit is None:
        return
    if a.measure == "growth":
        if not is_percent(a.unit):
            col.error("unit-mismatch", f"a growth figure is in %, not {a.unit!r}", **_at(a))
        return
    if not parse_unit(a.unit).compatible(parse_unit(ind.unit)):
        col.error(
            "unit-mismatch",
            f"unit {a.unit!r} of {a.indicator} {a.period} cannot be "
            f"compared with the indicator's unit {ind.unit!r}",
            **_at(a),
            hint=incompatible_hint(a.unit, ind.unit),
        )


def _check_conflicts(ds: Dataset, col: Collector) -> None:
    """Same indicator, period, measure and scope from two sources with different values."""
    # Almost every figure is alone in its group: a list only for the groups that repeat.
    single: dict[tuple[str, str, str, str], Actual] = {}
    groups: dict[tuple[str, str, str, str], list[Actual]] = {}
    for a in ds.actuals:
        ind = ds.indicators.get(a.indicator)
        if ind is None or a.measure == "milestone":
            continue
        # One canonical key: "2023", "2023-Q1..Q4" and "2023-01..12" are the same period.
        key = (a.indicator, parse_period(a.period).key, a.measure, a.scope or ind.scope)
        seen = single.setdefault(key, a)
        if seen is not a:
            groups.setdefault(key, [seen]).append(a)
    del single
    for (ind_id, period, measure, _scope), items in groups.items():
        unit = ds.indicators[ind_id].unit
        by_source: dict[str, Actual] = {}
        for a in items:
            if a.source in by_source:
                col.error(
                    "duplicate-actual",
                    f"{ind_id} {period} ({measure}) is recorded twice "
                    f"from source {a.source!r} (also at {by_source[a.source or ''].at_file}:"
                    f"{by_source[a.source or ''].at_line})",
                    **_at(a),
                    hint="remove one, or mark a later figure with `revises`",
                )
                continue
            by_source[a.source or ""] = a
        _check_group(ds, col, f"{ind_id} {period} ({measure})", list(by_source.values()), unit)


MAX_LISTED = 8  # values listed in one conflict message; the rest are counted


def _check_group(ds: Dataset, col: Collector, what: str, figures: list[Actual], unit: str) -> None:
    """One `conflict` per group (not per pair: N sources would make N² messages), at the
    first figure that differs from an earlier one it is not linked to, listing the values.

    Figure j conflicts with an earlier one unless every earlier figure of another value is
    linked to it; links are few (the sources a figure `revises`, at most 50, and one
    `same_text_as`), so counting them keeps the check linear in the group's size.
    """
    valued = [(a, v) for a in figures if (v := actual_value_in(a, unit)) is not None]
    if len(valued) < 2:
        return
    # Value classes: sorted values, a new class where a value is not close to the last.
    cls = [0] * len(valued)
    order = sorted(range(len(valued)), key=lambda i: valued[i][1])
    n_cls = 0
    for pos, i in enumerate(order):
        if pos and not same_value(valued[i][1], valued[order[pos - 1]][1]):
            n_cls += 1
        cls[i] = n_cls
    if n_cls == 0:
        return
    index = {a.source: i for i, (a, _) in enumerate(valued)}
    links: dict[int, set[int]] = defaultdict(set)
    for i, (a, _) in enumerate(valued):
        src = ds.sources.get(a.source or "")
        for other in (*a.revised, src.same_text_as if src else None):
            k = index.get(other)
            if k is not None and k != i:
                links[i].add(k)
                links[k].add(i)
    seen: dict[int, int] = defaultdict(int)  # figures so far per class
    at = None
    for j in range(len(valued)):
        differ = j - seen[cls[j]]
        linked = sum(1 for k in links.get(j, ()) if k < j and cls[k] != cls[j])
        if differ > linked:
            at = j
            break
        seen[cls[j]] += 1
    if at is None:
        return
    by_class: dict[int, list[Actual]] = {cls[at]: []}  # the flagged figure's value first
    for i, (a, _) in enumerate(valued):
        by_class.setdefault(cls[i], []).append(a)
    first = valued[at][0]
    classes = list(by_class)
    parts = []
    for c in classes[:MAX_LISTED]:
        srcs = by_class[c]
        a = srcs[0]
        names = ", ".join(repr(x.source) for x in srcs[:3]) + (
            f" and {len(srcs) - 3} more" if len(srcs) > 3 else ""
        )
        where = "" if a is first else f" ({a.at_file}:{a.at_line})"
        parts.append(f"{a.value:g} from {names}{where}")
    more = len(classes) - MAX_LISTED
    col.error(
        "conflict",
        f"{what}: {len(valued)} sources give {len(classes)} different "
        f"values: {'; '.join(parts)}" + (f"; and {more} more values" if more > 0 else ""),
        **_at(first),
        hint='if one revises the other, add `revises = "<source id>"` to the '
        'later figure (`revises = ["<id>", "<id>"]` when it revises several)',
    )


def _check_relative_cycles(ds: Dataset, col: Collector) -> None:
    graph: dict[str, list[str]] = {}
    for ind in ds.indicators.values():
        refs = [
            t.reference
            for t in ind.targets
            if t.kind == "relative"
            and t.reference
            and t.reference != ind.id
            and t.reference in ds.indicators
        ]
        if refs:
            graph[ind.id] = refs
    for cycle in _cycles(graph):
        ind = ds.indicators[cycle[0]]
        col.error(
            "relative-cycle",
            "relative targets refer in a cycle: "
            + clip_list(cycle, sep=" → ")
            + (f" ({len(cycle) - 1} indicators)" if len(cycle) > 10 else ""),
            **_at(ind),
            hint="a relative target must end at an indicator with its own figures",
        )


def _check_succession(ds: Dataset, col: Collector) -> None:
    """`continues`: a known indicator of an earlier plan, in a unit that compares, no cycle;
    a figure recorded once, against the indicator whose plan it belongs to."""
    graph: dict[str, list[str]] = {}
    for ind in ds.indicators.values():
        ref = ind.continues
        if ref is None:
            continue
        pred = ds.indicators.get(ref)
        if ref == ind.id:
            col.error(
                "continues-cycle",
                f"indicator {ind.id!r} continues itself",
                **_at(ind),
                hint="`continues` names the indicator of the previous plan",
            )
            continue
        if pred is None:
            if not ds.is_invalid("indicators", ref):
                col.error(
                    "continues-unknown",
                    f"indicator {ind.id!r} continues unknown indicator {ref!r}",
                    **_at(ind),
                    hint=_suggest(ref, ds.indicators)
                    or "`continues` names an indicator id of the previous plan",
                )
            continue
        graph[ind.id] = [ref]
        if pred.plan == ind.plan:
            col.error(
                "continues-same-plan",
                f"indicator {ind.id!r} continues {ref!r} of the same plan {ind.plan!r}",
                **_at(ind),
                hint="`continues` links a plan to its predecessor; two indicators of "
                "one plan are two indicators",
            )
        else:
            mine, theirs = ds.plan_of(ind), ds.plan_of(pred)
            if mine is not None and theirs is not None and theirs.start >= mine.start:
                col.error(
                    "continues-order",
                    f"indicator {ind.id!r} continues {ref!r}, whose "
                    f"plan {theirs.id!r} ({theirs.start}–{theirs.end}) does not start "
                    f"before {mine.id!r} ({mine.start}–{mine.end})",
                    **_at(ind),
                    hint="the successor names its predecessor, not the other way round",
                )
        try:
            same = parse_unit(ind.unit).compatible(parse_unit(pred.unit))
        except UnitError:
            same = True  # reported at the unit itself
        if not same:
            col.error(
                "unit-mismatch",
                f"indicator {ind.id!r} (in {ind.unit}) continues "
                f"{ref!r} (in {pred.unit}): their figures cannot be compared",
                **_at(ind),
                hint=incompatible_hint(ind.unit, pred.unit),
            )
    for cycle in _cycles(graph):
        col.error(
            "continues-cycle",
            "indicators continue each other in a cycle: " + clip_list(cycle, sep=" → "),
            **_at(ds.indicators[cycle[0]]),
            hint="each indicator continues one of an earlier plan",
        )
    _check_succession_copies(ds, col, graph)


def _check_succession_copies(ds: Dataset, col: Collector, graph: dict[str, list[str]]) -> None:
    """A figure recorded against a successor and its predecessor alike: two copies of one
    figure, which drift apart when one is revised."""
    if not graph:
        return
    by_ind = ds.by_indicator()
    for ind_id, (pred,) in graph.items():
        theirs = {(a.parsed_period.key, a.measure) for a in by_ind.get(pred, [])}
        for a in by_ind.get(ind_id, []):
            if (a.parsed_period.key, a.measure) in theirs:
                col.warning(
                    "continues-copy",
                    f"{ind_id} {a.period} ({a.measure}) is recorded "
                    f"against its predecessor {pred!r} too",
                    **_at(a),
                    hint=f"record a figure once: {pred!r}'s figures are {ind_id!r}'s as well",
                )


def _check_revision_cycles(ds: Dataset, col: Collector) -> None:
    """Figures for one indicator, period, measure and scope whose `revises` go round in a
    cycle (a revises b, b revises a): none of them is plainly the latest figure.

    Every figure of a cycle says `revises`, so only those figures are looked at.
    """
    groups: dict[tuple[str, str, str, str | None], dict[str, Actual]] = {}
    for a in ds.actuals:
        if a.revises is None or a.source is None:
            continue
        ind = ds.indicators.get(a.indicator)
        key = (
            a.indicator,
            parse_period(a.period).key,
            a.measure,
            a.scope or (ind.scope if ind else None),
        )
        groups.setdefault(key, {}).setdefault(a.source, a)
    for (ind_id, period, measure, _scope), figures in groups.items():
        if len(figures) < 2:
            continue
        graph = {
            src: [r for r in a.revised if r != src and r in figures] for src, a in figures.items()
        }
        for cycle in _cycles(graph):
            col.error(
                "revision-cycle",
                f"{ind_id} {period} ({measure}): figures revise each "
                "other in a cycle: "
                + clip_list(cycle, sep=" → ")
                + (f" ({len(cycle) - 1} sources)" if len(cycle) > 10 else ""),
                file=figures[cycle[0]].at_file,
                line=_key_line(col, figures[cycle[0]], _REVISES_KEY),
                hint="`revises` names the earlier sources only: remove it from the earliest figure",
            )


def _cycles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Each cycle of a directed graph found by a depth-first walk, once per set of nodes,
    as a path that returns to its first node (iterative: chains may be long)."""
    out: list[list[str]] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    reported: set[frozenset[str]] = set()
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            nxt = graph.get(node, [])
            if i < len(nxt):
                stack.append((node, i + 1))
                child = nxt[i]
                if state.get(child) == 1:
                    cycle = [*path[path.index(child) :], child]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        out.append(cycle)
                elif not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return out


# "About 100×": a figure this many times above (or below) every neighbour in its series is
# far more likely a slip (万 for 亿, 人 for 万人, 0.045 for 4.5) than a real change.
MAGNITUDE_SLIP = 30.0


def _check_magnitudes(ds: Dataset, col: Collector) -> None:
    """Warn about a figure ~100× (or 1/100 of) its neighbours in the same series.

    A series is one indicator, measure and scope ordered by period; a level series starts
    at the baseline. Growth rates are left out (near zero, any ratio is possible), as are
    figures whose `notes` may say why they jump.
    """
    indicators = ds.indicators
    series: dict[tuple[str, str, str], list[tuple[Period, float, Actual | None]]] = {}
    for a in ds.actuals:
        measure, v = a.measure, a.value
        if (
            v is None
            or v <= 0
            or measure == "growth"
            or measure == "milestone"
            or a.comparability == "proxy"
        ):
            continue
        ind = indicators.get(a.indicator)
        if ind is None:
            continue
        if a.unit is not None:
            v = actual_value_in(a, ind.unit)
            if v is None or v <= 0:
                continue
        key = (a.indicator, measure, a.scope or ind.scope)
        points = series.get(key)
        if points is None:
            points = series[key] = []
            b = ind.baseline
            if measure == "level" and b is not None:
                bv = baseline_value(ind)
                if bv is not None and bv > 0:
                    points.append((Period(b.year, 1, b.year, 12, str(b.year)), bv, None))
        points.append((a.parsed_period, v, a))
    for (ind_id, of_measure, _scope), points in series.items():
        if len(points) >= 2:
            _magnitude_slips(col, indicators[ind_id], points, of_measure)


def _level_goal(ind: Indicator) -> float | None:
    """A level or hold target's value in the indicator's unit: which of two figures 100×
    apart is the slip."""
    for t in ind.targets:
        if t.kind in ("level", "hold") and t.value is not None and t.value > 0:
            try:
                return value_in(t.value, t.unit, ind.unit)
            except UnitError:
                return None
    return None


def _slip(x: float, y: float) -> bool:
    return x >= MAGNITUDE_SLIP * y or y >= MAGNITUDE_SLIP * x


def _magnitude_slips(
    col: Collector, ind: Indicator, points: list[tuple[Period, float, Actual | None]], measure: str
) -> None:
    values = [v for _, v, _ in points]
    if max(values) < MAGNITUDE_SLIP * min(values):
        return  # the usual case: the whole series within a factor of 30
    points.sort(key=lambda p: p[0])
    vals: list[float] = []  # one value per period (the first given)
    where: list[int] = []  # the period index of each point
    last = ""
    for when, v, _ in points:
        if when.key != last:  # "2023" and "2023-01..12" are one period
            vals.append(v)
            last = when.key
        where.append(len(vals) - 1)
    if len(vals) < 2:
        return  # one period (several sources): the conflict check compares those
    blame_first = False
    goal = _level_goal(ind) if len(vals) == 2 and measure == "level" else None
    if goal is not None:
        # Logs taken apart: 5e-324 / 1.7e308 is 0 as a float, and log(0) fails.
        blame_first = abs(math.log(vals[0]) - math.log(goal)) > abs(
            math.log(vals[1]) - math.log(goal)
        )
    for (_, v, a), i in zip(points, where, strict=True):
        if a is None or a.notes:
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(vals)]
        if len(vals) == 2:
            if (i == 0) != blame_first:
                continue  # two figures only: one is blamed, the farther from the target
        elif len(near) == 1:
            # At an end, the one neighbour must itself agree with the series beyond it.
            j = near[0]
            if _slip(vals[j], vals[2 * j - i]):
                continue
        around = [vals[j] for j in near]
        ratios = [v / n for n in around]
        if all(r >= MAGNITUDE_SLIP for r in ratios) or all(r <= 1 / MAGNITUDE_SLIP for r in ratios):
            r = ratios[0]
            times = f"{r:.0f}× larger" if r >= 1 else f"{1 / r if r else math.inf:.0f}× smaller"
            col.warning(
                "magnitude",
                f"{a.indicator} {a.period}: {v:g} {ind.unit} is about "
                f"{times} than the figure(s) next to it in its series "
                f"({', '.join(f'{n:g}' for n in around)})",
                **_at(a),
                hint="check the magnitude and unit (万 or 亿, 人 or 万人, 0.045 for "
                "4.5%); if the figure is right, say why it jumps in `notes`",
            )


def _check_quote_values(ds: Dataset, col: Collector) -> None:
    """A figure whose value is not the number of its own quote, and % written as fractions."""
    from .quote_values import (
        derivation_agrees,
        level_unit_in_quote,
        percent_as_fraction,
        plainly_quoted,
        quote_agreement,
    )

    indicators = ds.indicators
    for a in ds.actuals:
        quote, value = a.quote, a.value
        if (
            a.measure == "growth"
            and quote is not None
            and value is not None
            and (level := level_unit_in_quote(value, quote)) is not None
        ):
            col.warning(
                "growth-level-unit",
                f"{a.indicator} {a.period}: a growth figure of "
                f"{value:g}% whose quote gives {value:g} {level}, a level: "
                f"{quote!r}",
                **_at(a),
                hint=f'record it as a level (measure = "level", in {level}), or '
                "give the rate the quote states",
            )
        if a.derived is not None and value is not None:
            # A faithful figure the text does not state: its arithmetic is checked instead.
            if derivation_agrees(value, a.derived) is False:
                col.warning(
                    "derived-value",
                    f"{a.indicator} {a.period}: value {value:g} is "
                    f"not what its derivation {a.derived!r} gives",
                    **_at(a),
                    hint="check the value or the arithmetic in `derived`",
                )
            continue
        if quote is None or value is None or plainly_quoted(value, quote):
            continue  # most figures: the value is written in its quote as it is
        ind = indicators.get(a.indicator)
        if a.measure == "milestone" or ind is None:
            continue
        unit = "%" if a.measure == "growth" else (a.unit or ind.unit)
        try:
            verdict = quote_agreement(value, unit, quote, a.measure == "growth")
        except UnitError:
            continue
        if verdict == "fraction":
            _fraction(col, a, f"{a.indicator} {a.period}", value)
        elif verdict == "disagrees":
            col.warning(
                "quote-value",
                f"{a.indicator} {a.period}: value {value:g} {unit} is "
                f"not a number of its quote {quote!r}",
                **_at(a),
                hint="check the value, its `unit`, or the quote (units convert: "
                "1.13万人 = 11300 人)",
            )
    for ind in ds.indicators.values():
        b = ind.baseline
        if b is not None and b.quote and percent_as_fraction(b.value, b.unit or ind.unit, b.quote):
            _fraction(col, ind, f"baseline of {ind.id!r}", b.value)
        for t in ind.targets:
            if (
                t.value is not None
                and t.citation is not None
                and t.citation.quote
                and t.kind not in ("multiple",)
                and percent_as_fraction(t.value, t.unit or ind.unit, t.citation.quote)
            ):
                _fraction(col, t, f"{t.kind} target of {ind.id!r}", t.value)


def _fraction(col: Collector, rec: Strict, what: str, value: float) -> None:
    col.warning(
        "percent-fraction",
        f"{what}: {value:g}% is written as a fraction; its quote says {value * 100:g}%",
        **_at(rec),
        hint=f"percentages are written as in the text: {value * 100:g}, not {value:g}",
    )


_CAPS = frozenset({"at_most", "less_than"})
_FLOORS = frozenset({"at_least", "more_than"})
_DIRECTION_KEY = re.compile(r"^\s*direction\s*=")


def _check_directions(ds: Dataset, col: Collector) -> None:
    """A written `direction` that its targets contradict: PM2.5 capped at 30 but "higher is
    better" (often copied from another indicator). Without `direction` it is inferred."""
    for ind in ds.indicators.values():
        if "direction" not in ind.model_fields_set or ind.direction == "neither":
            continue
        bounds = {
            t.judged_operator
            for t in ind.targets
            if t.kind in ("level", "hold", "cumulative", "growth")
        }
        wrong = (ind.direction == "higher" and bounds and bounds <= _CAPS) or (
            ind.direction == "lower" and bounds and bounds <= _FLOORS
        )
        if not wrong:
            continue
        better = "lower" if ind.direction == "higher" else "higher"
        line = _key_line(col, ind, _DIRECTION_KEY)
        col.warning(
            "direction",
            f"indicator {ind.id!r}: direction {ind.direction!r}, but every "
            f"target {'caps' if better == 'lower' else 'sets a floor for'} it "
            f"({', '.join(sorted(bounds))})",
            file=ind.at_file,
            line=line,
            hint=f'is {better} better? write `direction = "{better}"`, or '
            '`"neither"` if the plan only keeps it within bounds',
        )


def _key_line(col: Collector, rec: Strict, key: re.Pattern[str]) -> int:
    """The line of `key` in the record starting at `rec.at_line` (else that line)."""
    lines = col.lines(rec.at_file)
    for n in range(rec.at_line - 1, min(len(lines), rec.at_line + 60)):
        if n >= rec.at_line and lines[n].lstrip().startswith("["):
            break
        if key.match(lines[n]):
            return n + 1
    return rec.at_line
