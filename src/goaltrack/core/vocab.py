"""Every closed vocabulary of goaltrack, each written once (pure, no imports of the package).

A vocabulary is a `Literal`, so that a status or kind written as a string in the engine is
still checked by mypy; the tuple of its values, for membership tests, choices and schemas, is
derived from it. Order matters: it is the order of JSON Schema enums, summaries and help.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

# A verdict a person can give (a target's `override`): every computed status but `tracked`.
Verdict = Literal["achieved", "on_track", "at_risk", "off_track", "regressing", "missed", "no_data"]
# What an evaluation says; `tracked`: an indicator without targets, shown but not judged.
Status = Literal[Verdict, "tracked"]
TargetKind = Literal[
    "level",
    "hold",
    "growth",
    "cumulative",
    "compound_change",
    "multiple",
    "change",
    "relative",
    "milestone",
]
# What an evaluation is of: a target of a kind, or an indicator without targets.
EvaluationKind = Literal[TargetKind, "tracked"]
Measure = Literal["level", "growth", "flow", "cumulative", "milestone"]
Nature = Literal["binding", "expected", "unspecified"]
Direction = Literal["higher", "lower", "neither"]
Vintage = Literal["latest", "first"]  # which release of a figure counts
Method = Literal["pace", "projection"]  # what drives the status
Lang = Literal["en", "zh"]
CheckFormat = Literal["text", "json", "github"]
ReportFormat = Literal["table", "json", "csv", "md", "html", "svg", "toml", "github"]
CompareFormat = Literal["table", "json", "md", "csv", "html", "toml"]
ShowFormat = Literal["text", "json"]
ListFormat = Literal["text", "json"]
ExtractFormat = Literal["table", "toml", "json"]

VERDICTS: Final[tuple[Verdict, ...]] = get_args(Verdict)
STATUSES: Final[tuple[Status, ...]] = get_args(Status)
TARGET_KINDS: Final[tuple[TargetKind, ...]] = get_args(TargetKind)
MEASURES: Final[tuple[Measure, ...]] = get_args(Measure)
NATURES: Final[tuple[Nature, ...]] = get_args(Nature)
DIRECTIONS: Final[tuple[Direction, ...]] = get_args(Direction)
VINTAGES: Final[tuple[Vintage, ...]] = get_args(Vintage)
METHODS: Final[tuple[Method, ...]] = get_args(Method)
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
CHECK_FORMATS: Final[tuple[CheckFormat, ...]] = get_args(CheckFormat)
REPORT_FORMATS: Final[tuple[ReportFormat, ...]] = get_args(ReportFormat)
COMPARE_FORMATS: Final[tuple[CompareFormat, ...]] = get_args(CompareFormat)
SHOW_FORMATS: Final[tuple[ShowFormat, ...]] = get_args(ShowFormat)
LIST_FORMATS: Final[tuple[ListFormat, ...]] = get_args(ListFormat)
EXTRACT_FORMATS: Final[tuple[ExtractFormat, ...]] = get_args(ExtractFormat)


# Worst first: the order of sorting and of summaries' severity.
WORST_FIRST: Final[tuple[Status, ...]] = (
    "missed",
    "regressing",
    "off_track",
    "at_risk",
    "no_data",
    "on_track",
    "achieved",
    "tracked",
)

# Pace thresholds (docs/method.md): on track from 95 % of the pace needed, at risk from 60 %.
ON_TRACK: Final = 0.95
AT_RISK: Final = 0.6
