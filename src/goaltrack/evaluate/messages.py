"""What the engine says about a verdict: message ids with typed parameters, never prose.

A reason is a sequence of clauses (`Reason`); each clause is a `Msg`: an id of `M` and the
parameters its entry in `PARAMS` declares, each of a kind (`P`) the renderer knows how to say
in every language (render/messages.py holds the templates, English and Chinese). The engine
builds messages; only the renderer turns them into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from ..core.models import Indicator
    from .selection import Point


class P(StrEnum):
    """The kinds of parameter, each said in one way per language."""

    NUM = "num"  # a number: the template gives its format (`{a:g}`, `{p:.0%}`, `{v:num}`)
    INT = "int"  # a year or a count
    YEARS = "years"  # several years, listed
    MONTH = "month"  # a month number: a name in English
    WHEN = "when"  # a Point: when it was measured, in words
    TEXT = "text"  # data as written: a period, a source id, a date, a note
    STATUS = "status"  # a status of evaluate.result.STATUSES
    STATE = "state"  # a milestone state
    MSG = "msg"  # a nested message (optional where the template ends in it)
    INDICATOR = "indicator"  # an Indicator (its name per language), or its id when unknown


class M(StrEnum):
    # levels
    NEEDS_BASELINE = "needs_baseline"
    NO_LEVEL = "no_level"
    NO_LEVEL_CONTEXT = "no_level_context"
    FIRST_YEAR_PENDING = "first_year_pending"
    MEETS = "meets"
    MEETS_EARLY = "meets_early"
    MISSED_IN_TARGET_YEAR = "missed_in_target_year"
    PART_YEAR_ONLY = "part_year_only"
    PART_YEAR_FLOW = "part_year_flow"
    NOT_YET_PUBLISHED = "not_yet_published"
    NOT_MET_YET = "not_met_yet"
    LOWER_SINGLE_FIGURE = "lower_single_figure"
    NO_BASELINE_ONE_FIGURE = "no_baseline_one_figure"
    TARGET_EQUALS_BASELINE = "target_equals_baseline"
    BOUND_BROKEN_FROM_BASELINE = "bound_broken_from_baseline"
    NO_YEAR_AFTER_BASELINE = "no_year_after_baseline"
    LEVEL_PACE = "level_pace"
    ZERO_BOUND_BROKEN = "zero_bound_broken"
    SINGLE_FIGURE_UPPER_BOUND = "single_figure_upper_bound"
    SINGLE_FIGURE_AT_MOST = "single_figure_at_most"
    SINGLE_FIGURE_CANNOT_TELL = "single_figure_cannot_tell"
    FIRST_FIGURE_AS_BASELINE = "first_figure_as_baseline"
    RESTS_ON_FIGURE = "rests_on_figure"
    RESTS_ON_FIGURE_EARLY = "rests_on_figure_early"
    RESTS_ON_PART_YEAR = "rests_on_part_year"
    # years without a figure (elapsed.gap_clause)
    NONE_YET = "none_yet"
    NO_FIGURE_RECORDED = "no_figure_recorded"
    NO_FIGURES_RECORDED = "no_figures_recorded"
    # milestones
    NO_MILESTONE_REPORT = "no_milestone_report"
    REPORTED_STATE = "reported_state"
    NO_COMPLETION_BY_DEADLINE = "no_completion_by_deadline"
    LAST_REPORTED = "last_reported"
    NO_LATER_REPORT = "no_later_report"
    # holds
    NO_YEARLY = "no_yearly"
    NO_YEARLY_CONTEXT = "no_yearly_context"
    BROKEN_IN = "broken_in"
    KEPT_EVERY_YEAR = "kept_every_year"
    KEPT_REPORTED = "kept_reported"
    KEPT_SO_FAR = "kept_so_far"
    KEPT_IN_YEARS_REPORTED = "kept_in_years_reported"
    # rates
    NO_GROWTH = "no_growth"
    NO_GROWTH_CONTEXT = "no_growth_context"
    ONLY_PARTIAL_GROWTH = "only_partial_growth"
    NO_FULL_YEAR_RATE = "no_full_year_rate"
    BELOW_MINUS_100 = "below_minus_100"
    RESTS_ON_RATES = "rests_on_rates"
    NOMINAL = "nominal"
    NOT_MIXED = "not_mixed"
    AVERAGE_OVER_SPAN = "average_over_span"
    AVERAGE_SO_FAR = "average_so_far"
    NO_CHANGE = "no_change"
    NO_CHANGE_CONTEXT = "no_change_context"
    RESTS_ON_CHANGES = "rests_on_changes"
    COMBINED = "combined"
    TAIL_RATIO = "tail_ratio"
    TAIL_BOUND_BROKEN = "tail_bound_broken"
    TAIL_WITHIN_BOUND = "tail_within_bound"
    TAIL_PACE = "tail_pace"
    # cumulative
    NO_FLOW = "no_flow"
    NO_FLOW_CONTEXT = "no_flow_context"
    RESTS_ON_YEARS = "rests_on_years"
    TOTAL_REACHES = "total_reaches"
    TOTAL_EXCEEDS_CAP = "total_exceeds_cap"
    TOTAL_OVER = "total_over"
    TOTAL_WITHIN_CAP = "total_within_cap"
    NOT_YET_ENDED = "not_yet_ended"
    CUMULATIVE_PACE = "cumulative_pace"
    CAP_PACE = "cap_pace"
    # relative
    NEEDS_BOTH_GROWTHS = "needs_both_growths"
    RESTS_ON_BOTH_GROWTHS = "rests_on_both_growths"
    FASTER = "faster"
    IN_STEP = "in_step"
    NOT_FASTER = "not_faster"
    # the dispatch
    TRACKED = "tracked"
    OUT_OF_RANGE = "out_of_range"
    PROJECTION_MEETS = "projection_meets"
    PROJECTION_FALLS_SHORT = "projection_falls_short"
    PACE_ALONE = "pace_alone"
    # the working (components)
    FORMULA_BOUND_KEPT = "formula_bound_kept"
    FORMULA_LEVEL = "formula_level"
    FORMULA_SINGLE_FIGURE = "formula_single_figure"
    FORMULA_GROWTH = "formula_growth"
    FORMULA_COMPOUND = "formula_compound"
    FORMULA_CUMULATIVE = "formula_cumulative"
    PROJECTED_COMPOUND = "projected_compound"
    PROJECTED_LINEAR = "projected_linear"
    FROM_CUMULATIVE = "from_cumulative"
    FROM_FLOWS = "from_flows"
    RATES_REPORTED = "rates_reported"
    RATES_DERIVED = "rates_derived"
    RATES_NOMINAL = "rates_nominal"
    RATES_LEVELS = "rates_levels"
    # why a figure is context only or not used (selection.py)
    NOT_YET_KNOWN = "not_yet_known"
    PERIOD_ENDS_AFTER = "period_ends_after"
    PUBLISHED_AFTER = "published_after"
    PUBLISHED_UNCERTAIN = "published_uncertain"
    PROXY = "proxy"
    PROXY_RELATED = "proxy_related"
    SCOPE_DIFFERS = "scope_differs"
    REVISED_BY = "revised_by"
    KEPT_FIRST = "kept_first"
    FULL_YEAR_EXISTS = "full_year_exists"
    SAME_TEXT = "same_text"
    AGREES = "agrees"
    SUPERSEDED_LATER = "superseded_later"


_AT = {"a": P.NUM, "when": P.WHEN}
_CONTEXT = {"n": P.INT}
_SHARE = {"n": P.INT, "m": P.INT}
_SINGLE = {**_AT, "p": P.NUM, "goal": P.NUM, "tau": P.NUM, "r": P.NUM}
_AVERAGE_TAIL = {"g": P.NUM, "t": P.NUM, "tail": P.MSG}
_RELATIVE = {"ref": P.INDICATOR, **_SHARE}

# The parameters of each message and their kinds: the templates of every language use
# exactly these fields (tests/test_messages.py).
PARAMS: dict[M, dict[str, P]] = {
    M.NEEDS_BASELINE: {},
    M.NO_LEVEL: {},
    M.NO_LEVEL_CONTEXT: _CONTEXT,
    M.FIRST_YEAR_PENDING: {"y": P.INT, "month": P.MONTH, "y1": P.INT},
    M.MEETS: _AT,
    M.MEETS_EARLY: {**_AT, "n": P.INT},
    M.MISSED_IN_TARGET_YEAR: _AT,
    M.PART_YEAR_ONLY: {"when": P.WHEN},
    M.PART_YEAR_FLOW: {},
    M.NOT_YET_PUBLISHED: {"y": P.INT},
    M.NOT_MET_YET: _AT,
    M.LOWER_SINGLE_FIGURE: {},
    M.NO_BASELINE_ONE_FIGURE: {},
    M.TARGET_EQUALS_BASELINE: _AT,
    M.BOUND_BROKEN_FROM_BASELINE: {"bv": P.NUM, "b": P.INT, **_AT},
    M.NO_YEAR_AFTER_BASELINE: {"y": P.INT},
    M.LEVEL_PACE: {
        **_AT,
        "p": P.NUM,
        "bv": P.NUM,
        "goal": P.NUM,
        "tau": P.NUM,
        "b": P.INT,
        "t": P.INT,
        "r": P.NUM,
    },
    M.ZERO_BOUND_BROKEN: _AT,
    M.SINGLE_FIGURE_UPPER_BOUND: {"period": P.TEXT},
    M.SINGLE_FIGURE_AT_MOST: _SINGLE,
    M.SINGLE_FIGURE_CANNOT_TELL: _SINGLE,
    M.FIRST_FIGURE_AS_BASELINE: {"period": P.TEXT},
    M.RESTS_ON_FIGURE: {"period": P.TEXT},
    M.RESTS_ON_FIGURE_EARLY: {"period": P.TEXT, "n": P.INT, "t": P.INT},
    M.RESTS_ON_PART_YEAR: {"when": P.WHEN},
    M.NONE_YET: {"years": P.YEARS},
    M.NO_FIGURE_RECORDED: {"y": P.INT},
    M.NO_FIGURES_RECORDED: {"years": P.YEARS},
    M.NO_MILESTONE_REPORT: {},
    M.REPORTED_STATE: {"state": P.STATE, "period": P.TEXT, "source": P.TEXT},
    M.NO_COMPLETION_BY_DEADLINE: {"y": P.INT},
    M.LAST_REPORTED: {"state": P.STATE, "y": P.INT},
    M.NO_LATER_REPORT: {},
    M.NO_YEARLY: {},
    M.NO_YEARLY_CONTEXT: _CONTEXT,
    M.BROKEN_IN: {"years": P.YEARS, **_SHARE},
    M.KEPT_EVERY_YEAR: {"first": P.INT, "last": P.INT},
    M.KEPT_REPORTED: _SHARE,
    M.KEPT_SO_FAR: _SHARE,
    M.KEPT_IN_YEARS_REPORTED: {},
    M.NO_GROWTH: {},
    M.NO_GROWTH_CONTEXT: _CONTEXT,
    M.ONLY_PARTIAL_GROWTH: {"period": P.TEXT},
    M.NO_FULL_YEAR_RATE: {},
    M.BELOW_MINUS_100: {},
    M.RESTS_ON_RATES: {**_SHARE, "years": P.YEARS},
    M.NOMINAL: {},
    M.NOT_MIXED: {"years": P.YEARS},
    M.AVERAGE_OVER_SPAN: {**_AVERAGE_TAIL, "first": P.INT, "last": P.INT},
    M.AVERAGE_SO_FAR: {**_AVERAGE_TAIL, "n": P.INT, "y": P.INT},
    M.NO_CHANGE: {},
    M.NO_CHANGE_CONTEXT: _CONTEXT,
    M.RESTS_ON_CHANGES: {**_SHARE, "years": P.YEARS},
    M.COMBINED: {"c": P.NUM, "t": P.NUM, "tail": P.MSG},
    M.TAIL_RATIO: {"r": P.NUM},
    M.TAIL_BOUND_BROKEN: {},
    M.TAIL_WITHIN_BOUND: {},
    M.TAIL_PACE: {"p": P.NUM, "tau": P.NUM, "r": P.NUM},
    M.NO_FLOW: {},
    M.NO_FLOW_CONTEXT: _CONTEXT,
    M.RESTS_ON_YEARS: {**_SHARE, "years": P.YEARS},
    M.TOTAL_REACHES: {"s": P.NUM, "t": P.NUM},
    M.TOTAL_EXCEEDS_CAP: {"s": P.NUM, "t": P.NUM},
    M.TOTAL_OVER: {"s": P.NUM, "first": P.INT, "last": P.INT, "t": P.NUM},
    M.TOTAL_WITHIN_CAP: {"s": P.NUM, "t": P.NUM},
    M.NOT_YET_ENDED: {"first": P.INT, "last": P.INT},
    M.CUMULATIVE_PACE: {
        "tau": P.NUM,
        "first": P.INT,
        "last": P.INT,
        "s": P.NUM,
        "p": P.NUM,
        "t": P.NUM,
        "r": P.NUM,
    },
    M.CAP_PACE: {
        "tau": P.NUM,
        "first": P.INT,
        "last": P.INT,
        "s": P.NUM,
        "p": P.NUM,
        "t": P.NUM,
        "proj": P.NUM,
        "y": P.INT,
        "r": P.NUM,
    },
    M.NEEDS_BOTH_GROWTHS: {"ref": P.INDICATOR},
    M.RESTS_ON_BOTH_GROWTHS: _SHARE,
    M.FASTER: _RELATIVE,
    M.IN_STEP: _RELATIVE,
    M.NOT_FASTER: _RELATIVE,
    M.TRACKED: {},
    M.OUT_OF_RANGE: {},
    M.PROJECTION_MEETS: {"v": P.NUM, "y": P.INT},
    M.PROJECTION_FALLS_SHORT: {"v": P.NUM, "y": P.INT},
    M.PACE_ALONE: {"status": P.STATUS},
    M.FORMULA_BOUND_KEPT: {},
    M.FORMULA_LEVEL: {},
    M.FORMULA_SINGLE_FIGURE: {},
    M.FORMULA_GROWTH: {},
    M.FORMULA_COMPOUND: {},
    M.FORMULA_CUMULATIVE: {},
    M.PROJECTED_COMPOUND: {"y0": P.INT, "v0": P.NUM, "y1": P.INT, "v1": P.NUM, "y": P.INT},
    M.PROJECTED_LINEAR: {"y0": P.INT, "v0": P.NUM, "y1": P.INT, "v1": P.NUM, "y": P.INT},
    M.FROM_CUMULATIVE: {"period": P.TEXT},
    M.FROM_FLOWS: {"flows": P.TEXT},
    M.RATES_REPORTED: {},
    M.RATES_DERIVED: {},
    M.RATES_NOMINAL: {},
    M.RATES_LEVELS: {},
    M.NOT_YET_KNOWN: {"why": P.MSG},
    M.PERIOD_ENDS_AFTER: {"d": P.TEXT},
    M.PUBLISHED_AFTER: {"p": P.TEXT, "d": P.TEXT},
    M.PUBLISHED_UNCERTAIN: {"p": P.TEXT, "c": P.TEXT, "d": P.TEXT},
    M.PROXY: {"notes": P.TEXT},
    M.PROXY_RELATED: {},
    M.SCOPE_DIFFERS: {"scope": P.TEXT, "other": P.TEXT},
    M.REVISED_BY: {"source": P.TEXT},
    M.KEPT_FIRST: {"source": P.TEXT},
    M.FULL_YEAR_EXISTS: {},
    M.SAME_TEXT: {"source": P.TEXT},
    M.AGREES: {"source": P.TEXT},
    M.SUPERSEDED_LATER: {"source": P.TEXT},
}

Param = Union[int, float, str, tuple[int, ...], "Point", "Msg", "Indicator", None]


@dataclass(frozen=True, slots=True)
class Msg:
    """One clause: its id and its parameters (names and kinds as `PARAMS` declares)."""

    id: M
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str) -> Param:
        return dict(self.params)[name]


# A reason: its clauses, in order.
Reason = tuple[Msg, ...]


def msg(id: M, **params: Param) -> Msg:
    """A message; its parameters must be exactly those `PARAMS` declares for `id`, each of
    its kind."""
    kinds = PARAMS[id]
    if params.keys() != kinds.keys():
        raise TypeError(f"{id}: parameters {sorted(params)}, expected {sorted(kinds)}")
    if params:
        classes = _classes()
        for k, v in params.items():
            kind = kinds[k]
            bad = not isinstance(v, classes[kind]) or isinstance(v, bool)
            if isinstance(v, tuple):
                bad = bad or not all(type(y) is int for y in v)
            if bad:
                raise TypeError(f"{id}: {k} = {v!r} is not of kind {kind}")
    return Msg(id, tuple(params.items()))


_CLASSES: dict[P, tuple[type, ...]] = {}


def _classes() -> dict[P, tuple[type, ...]]:
    """The types each kind of parameter takes (imported when first needed: the selection,
    which names a Point, uses messages)."""
    if not _CLASSES:
        from ..core.models import Indicator
        from .selection import Point

        _CLASSES.update(
            {
                P.NUM: (int, float),
                P.INT: (int,),
                P.YEARS: (tuple,),
                P.MONTH: (int,),
                P.WHEN: (Point,),
                P.TEXT: (str,),
                P.STATUS: (str,),
                P.STATE: (str,),
                P.MSG: (Msg, type(None)),
                P.INDICATOR: (Indicator, str),
            }
        )
    return _CLASSES
