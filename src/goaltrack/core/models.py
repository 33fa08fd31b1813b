"""The data format: plans, indicators, targets, sources and actuals (pure, no I/O).

Every model forbids unknown keys and non-finite numbers, so a typo or a NaN in a data
file is an error with a location rather than a silent default. docs/format.md documents
every field; `goaltrack schema` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

from .dates import FORM_HINT, DateFormError, PartialDate
from .periods import Period, parse_period
from .units import ALIASES, KNOWN_BASES, MAGNITUDES, check_unit
from .vocab import Direction, Measure, Nature, TargetKind, Verdict

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Quote = Annotated[str, Field(min_length=1, max_length=400)]
# "…" in an alias stands for a gap of up to 12 characters (绿色建筑占…比例).
Alias = Annotated[str, Field(min_length=2, max_length=80)]
MAX_ALIAS_GAPS = 3  # `…` in one alias: real ones have one; more match almost anything

JurisdictionLevel = Literal["national", "provincial", "city", "district", "county"]
Operator = Literal["at_least", "more_than", "at_most", "less_than", "about", "between", "equal"]
FigureStatus = Literal["final", "preliminary", "estimate"]
Comparability = Literal["comparable", "proxy"]
Script = Literal["simplified", "traditional", "latin", "other"]
MilestoneState = Literal["done", "in_progress", "at_risk", "not_started", "failed"]
Relation = Literal["faster", "in_step", "not_faster"]


class _GivenKeys(set[str]):
    """A fields-set shared by many records: a `set` to pydantic (which needs one for
    `exclude_unset`), but one that refuses to change, since a change would touch them all."""

    def _refuse(self, *args: object) -> None:
        raise TypeError("a loaded record is read-only")

    add = discard = remove = update = clear = pop = _refuse  # type: ignore[assignment]
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse  # type: ignore[assignment]


_FIELDS_SETS: dict[frozenset[str], _GivenKeys] = {}


class Strict(BaseModel):
    """Base: unknown keys are errors, NaN/inf are errors, strings are stripped."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        str_strip_whitespace=True,
        frozen=False,
        strict=True,  # "4.5" is not 4.5 and true is not 1: a wrong type is an error
    )
    # Where the record stands in its file; set by the loader, never read from data. Slots,
    # not a pydantic private attribute: that costs ~240 B more per record, past the memory
    # goal at 100k actuals (benchmarks/hacks.py; docs/performance.md).
    __slots__ = ("_at_file", "_at_line")

    def locate(self, file: str, line: int) -> None:
        object.__setattr__(self, "_at_file", file)  # past pydantic's field-only __setattr__
        object.__setattr__(self, "_at_line", line)

    @property
    def at_file(self) -> str:
        return getattr(self, "_at_file", "")

    @property
    def at_line(self) -> int:
        return getattr(self, "_at_line", 0)

    def seal(self) -> None:
        """Share one read-only fields-set among records given the same keys (nested too).

        Pydantic keeps a set of the given keys per instance (728 B from five keys up), more
        than half of an actual's memory: without sharing, 100k actuals peak ~95 MB higher,
        past the memory goal (benchmarks/hacks.py). goaltrack assigns nothing once a record
        is loaded; an assignment after `seal` fails loudly instead of changing every sharing
        record.
        """
        given = frozenset(self.__pydantic_fields_set__)
        shared = _FIELDS_SETS.get(given)
        if shared is None:
            shared = _FIELDS_SETS[given] = _GivenKeys(given)
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        for name in given:
            value = getattr(self, name)
            if isinstance(value, Strict):
                value.seal()
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, Strict):
                        item.seal()


def _check_unit(v: str | None) -> str | None:
    if v is not None:
        check_unit(v)  # a UnitError (a ValueError) carries the "did you mean" for the loader
    return v


def _check_date(v: object) -> str | None:
    """Publication dates: a TOML date, or "YYYY", "YYYY-MM", "YYYY-MM-DD" strings."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        try:
            return PartialDate.parse(v).text
        except DateFormError:
            raise
        except ValueError as e:
            raise ValueError(f"impossible date {v.strip()!r}: {e}") from e
    raise DateFormError(FORM_HINT)


class Citation(Strict):
    """Where a statement comes from: a source, the section, a short verbatim quote."""

    source: Id
    section: Text | None = None
    quote: Quote | None = None


class Baseline(Strict):
    """The base-year value a plan measures change from (e.g. 2020)."""

    year: Year
    value: float
    unit: str | None = None
    operator: Literal["equal", "about", "more_than", "less_than", "at_least", "at_most"] = "equal"
    source: Id | None = None
    quote: Quote | None = None
    notes: Text | None = None

    _u = field_validator("unit")(_check_unit)


class Override(Strict):
    """A human verdict that replaces the computed one; shown as an override."""

    status: Verdict
    reason: Text


# One flat model rather than a union discriminated by `kind`: pydantic's union puts every
# error under the tag (`targets[0].level.operator`, which has no line in the file), gives a
# misspelt or missing `kind` no location, and replaces the messages below with generic ones
# (docs/performance.md, "Target: one model or a union", has the comparison).
class Target(Strict):
    """One promise about an indicator; `kind` decides which fields apply."""

    kind: TargetKind
    year: Year | None = None
    start_year: Year | None = None
    operator: Operator | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    tolerance: float | None = Field(default=None, ge=0)
    unit: str | None = None
    reference: Id | None = None
    relation: Relation | None = None
    description: Text | None = None
    description_en: Text | None = None
    citation: Citation | None = None
    override: Override | None = None
    notes: Text | None = None

    _u = field_validator("unit")(_check_unit)

    @property
    def judged_operator(self) -> Operator:
        """The operator the target is judged by: as written, else its kind's default (a fall
        in a compound change is capped, 下降14.5%; everything else is a floor)."""
        if self.operator is not None:
            return self.operator
        if self.kind == "hold" or (self.kind == "compound_change" and (self.value or 0) < 0):
            return "at_most"
        return "at_least"

    def first_year(self, plan: Plan) -> int:
        """The first year the target counts: the one after its `start_year`, else the
        plan's first."""
        return self.start_year + 1 if self.start_year else plan.start

    @model_validator(mode="after")
    def _kind_fields(self) -> Target:
        k = self.kind
        need: dict[str, tuple[str, ...]] = {
            "level": ("operator",),
            "hold": ("operator",),
            "growth": ("value",),
            "cumulative": ("value",),
            "compound_change": ("value",),
            "multiple": ("value",),
            "change": ("value",),
            "relative": ("reference", "relation"),
            "milestone": ("description",),
        }
        missing = [f for f in need[k] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {k!r} target needs {', '.join(repr(m) for m in missing)}")
        if k in ("level", "hold"):
            if self.operator == "between":
                if self.low is None or self.high is None:
                    raise ValueError("operator 'between' needs 'low' and 'high'")
                if self.low > self.high:
                    raise ValueError("'low' is greater than 'high'")
            elif self.value is None:
                raise ValueError(f"a {k!r} target with operator {self.operator!r} needs 'value'")
        if k == "multiple" and self.value is not None and self.value <= 0:
            raise ValueError("a multiple must be positive (2 means double)")
        if (
            k in ("growth", "compound_change")
            and self.value is not None
            and not -100 < self.value <= 10_000
        ):
            raise ValueError(f"a {k} target is a % change above -100 (and at most 10000)")
        if self.start_year is not None and self.year is not None and self.start_year >= self.year:
            raise ValueError("'start_year' must be before 'year'")
        return self


# The keys each kind of target uses besides `kind`, `year`, `citation`, `override` and
# `notes`. Any other key a target is given is reported (`unused-key`): the verdict would not
# be the one the file seems to ask for (a `relation` on a growth target, `low` without
# `between`), and `between` on a kind judged on one value cannot be judged at all.
COMMON_TARGET_KEYS = frozenset({"kind", "year", "citation", "override", "notes"})
_BOUND_KEYS = frozenset({"operator", "value", "tolerance", "start_year"})
TARGET_KEYS: dict[str, frozenset[str]] = {
    "level": _BOUND_KEYS | {"low", "high", "unit"},
    "hold": _BOUND_KEYS | {"low", "high", "unit"},
    "growth": _BOUND_KEYS | {"unit"},
    "cumulative": _BOUND_KEYS | {"unit"},
    "compound_change": _BOUND_KEYS | {"unit"},
    "multiple": _BOUND_KEYS,  # times the baseline, in the baseline's unit
    "change": _BOUND_KEYS | {"unit"},
    "relative": frozenset({"reference", "relation", "tolerance"}),
    "milestone": frozenset({"description", "description_en"}),
}
_BETWEEN_KINDS = frozenset({"level", "hold"})
_NOT_FOR_KIND_HINTS = {
    "reference": "`reference` and `relation` make a relative target: check `kind`",
    "relation": "`reference` and `relation` make a relative target: check `kind`",
    "description": "a description is a milestone's wording; on another kind, use `notes`",
    "description_en": "a description is a milestone's wording; on another kind, use `notes`",
    "low": "`low` and `high` bound operator 'between', on a level or hold target",
    "high": "`low` and `high` bound operator 'between', on a level or hold target",
    "unit": "a multiple is of the baseline, in its unit (2 means double)",
}
_KIND_HINTS = {
    "relative": "a relative target is judged by `relation` to `reference`, in each year",
    "milestone": "a milestone is done or not; `description` says what",
}


class KeyProblem(NamedTuple):
    """A key of a record that its kind does not use (`unused-key`) or a value it cannot
    judge (`invalid-value`)."""

    key: str
    code: Literal["unused-key", "invalid-value"]
    why: str
    hint: str


def unused_target_keys(t: Target) -> list[KeyProblem]:
    """The keys `t` is given that its kind or operator does not use, in the model's key
    order, after an operator its kind cannot judge."""
    given = t.model_fields_set - COMMON_TARGET_KEYS
    keys = TARGET_KEYS[t.kind]
    op = t.operator
    out: list[KeyProblem] = []
    if "operator" in given and op == "between" and t.kind not in _BETWEEN_KINDS:
        out.append(
            KeyProblem(
                "operator",
                "invalid-value",
                f"operator 'between' is for level and hold targets; a {t.kind} target is "
                "judged on one value",
                "give `value` and an operator such as at_least or about",
            )
        )
        op = None  # the other keys are judged as under the kind's default operator
    for key in (k for k in type(t).model_fields if k in given):
        if key not in keys:
            hint = _NOT_FOR_KIND_HINTS.get(key) or _KIND_HINTS.get(t.kind) or "check `kind`"
            out.append(
                KeyProblem(key, "unused-key", f"a {t.kind} target does not use {key!r}", hint)
            )
        elif key in ("low", "high") and op != "between":
            out.append(
                KeyProblem(
                    key,
                    "unused-key",
                    f"{key!r} is used only with operator 'between'",
                    'remove it, or say operator = "between"',
                )
            )
        elif key == "value" and op == "between":
            out.append(
                KeyProblem(
                    key,
                    "unused-key",
                    "'value' is not used with operator 'between'",
                    "the bounds are `low` and `high`; remove `value`",
                )
            )
        elif key == "tolerance" and t.kind != "relative" and op != "about":
            out.append(
                KeyProblem(
                    key,
                    "unused-key",
                    "'tolerance' is used only with operator 'about' (左右)",
                    'remove it, or say operator = "about"',
                )
            )
        elif key == "tolerance" and t.kind == "relative" and t.relation == "faster":
            out.append(
                KeyProblem(
                    key,
                    "unused-key",
                    "'tolerance' is not used with relation 'faster'",
                    "in_step and not_faster allow a tolerance; faster is strictly faster",
                )
            )
    return out


class Indicator(Strict):
    """Something a plan measures, with its baseline and targets."""

    id: Id
    plan: Id | None = None
    # The indicator of an earlier plan this one carries on: its figures are this one's too.
    continues: Id | None = None
    name: Text
    name_en: Text | None = None
    # Other names texts use for it (GDP, 全市生产总值): what `extract` matches besides `name`.
    aliases: list[Alias] = Field(default_factory=list)
    category: Id
    unit: str
    direction: Direction = "higher"
    # A total over each year (GDP, output, revenue, investment, trade), not a level at a date:
    # a figure for part of a year is then not comparable with a full-year level. Unset, it is
    # inferred (selection.yearly_flow): flow figures, a cumulative target, a unit in 元/美元.
    yearly_flow: bool | None = None
    nature: Nature = "unspecified"
    scope: Text = "全市"
    department: Text | None = None
    tags: list[Id] = Field(default_factory=list)
    baseline: Baseline | None = None
    targets: list[Target] = Field(default_factory=list)
    citation: Citation | None = None
    notes: Text | None = None

    _u = field_validator("unit")(_check_unit)

    @model_validator(mode="after")
    def _infer_direction(self) -> Indicator:
        """Without `direction`, targets that only cap the value (at_most, less_than: PM2.5,
        unemployment) mean lower is better; otherwise the default, higher, stands."""
        if "direction" in self.model_fields_set:
            return self
        bounds = {
            t.operator for t in self.targets if t.kind in ("level", "hold", "cumulative", "growth")
        }
        if bounds and bounds <= {"at_most", "less_than"}:
            # Not marked as given: a rewrite of the file must not add the key.
            object.__setattr__(self, "direction", "lower")
        return self

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: list[str]) -> list[str]:
        seen: set[str] = set()
        for a in v:
            if any(c in a for c in "\n\r\t"):
                raise ValueError(f"alias {a!r} holds a line break or tab")
            if a.strip("…") == "" or a.startswith("…") or a.endswith("…"):
                raise ValueError(f"alias {a!r}: '…' only stands between two parts")
            if a.count("…") > MAX_ALIAS_GAPS:
                raise ValueError(
                    f"alias {a!r} has {a.count('…')} gaps '…': at most "
                    f"{MAX_ALIAS_GAPS} (each is up to 12 characters of any text)"
                )
            if a in seen:
                raise ValueError(f"alias {a!r} is given twice")
            seen.add(a)
        return v


class Plan(Strict):
    """A development plan with its period and baseline year."""

    id: Id
    name: Text
    name_en: Text | None = None
    jurisdiction: Text
    jurisdiction_en: Text | None = None
    level: JurisdictionLevel
    start: Year
    end: Year
    baseline_year: Year
    published: str | None = None
    source: Id | None = None
    # The area the plan's indicators cover unless they say otherwise (全省 for a province's
    # plan); without it, 全市.
    scope: Text | None = None
    categories: dict[Id, Text] = Field(default_factory=dict)
    notes: Text | None = None

    _d = field_validator("published", mode="before")(_check_date)

    @model_validator(mode="after")
    def _period(self) -> Plan:
        if self.start > self.end:
            raise ValueError(f"plan period {self.start}–{self.end} ends before it starts")
        if self.baseline_year >= self.end:
            raise ValueError("'baseline_year' must be before the plan's end year")
        return self


# A publisher's own name ends at the first bracket, comma, semicolon or 、 (co-publishers:
# the first names the release); what follows says who printed, reprinted or cited it.
_PUBLISHER_END = re.compile(r"[(（,，;；、]")
_AGENCY = re.compile(
    r"统计局|政府|[局部委厅]$|[局部委厅] |海关|国务院|办公室|管委会|"
    r"bureau of statistics|statistics bureau|ministry|government",
    re.I,
)
_COMPANY = re.compile(r"公司|集团")


class Source(Strict):
    """A document figures and targets are taken from."""

    id: Id
    title: Text
    publisher: Text | None = None
    published: str | None = None
    url: Text | None = None
    script: Script = "simplified"
    file: Text | None = None
    archived: bool | None = None
    same_text_as: Id | None = None
    reliability: Text | None = None
    notes: Text | None = None

    _d = field_validator("published", mode="before")(_check_date)

    @field_validator("file")
    @classmethod
    def _relative_file(cls, v: str | None) -> str | None:
        if v is not None and (
            v.startswith(("/", "\\"))
            or ".." in re.split(r"[\\/]", v)
            or re.match(r"^[A-Za-z]:", v)
            or len(v) > 255
            or any(ord(c) < 32 for c in v)
        ):
            raise ValueError("'file' must be a plain path inside the sources directory")
        return v

    @property
    def is_archived(self) -> bool:
        return self.archived if self.archived is not None else self.file is not None

    @property
    def is_official(self) -> bool:
        """Whether this is the release of a statistics bureau or a government agency: its
        publisher (the name before any "reprinted by", "citing" or bracket) is one, or its
        `reliability` begins with "official". Among sources that agree it is the one cited."""
        if (self.reliability or "").lstrip().lower().startswith("official"):
            return True
        name = _PUBLISHER_END.split(self.publisher or "", maxsplit=1)[0]
        return bool(_AGENCY.search(name)) and not _COMPANY.search(name)


def _revises_problem(v: object) -> str:
    """What is wrong with a `revises` value that is neither an id nor a list of ids."""
    if isinstance(v, list):
        if not v:
            return "'revises' lists no source: give one or more source ids"
        if len(v) > 50:
            return f"'revises' names {len(v)} sources, at most 50"
        items: list[object] = v
    elif isinstance(v, str):
        items = [v]
    else:
        return f"'revises' is a source id or a list of source ids, not {type(v).__name__} {v!r}"
    for x in items:
        if not isinstance(x, str):
            return f"'revises' lists {type(x).__name__} {x!r}, not a source id"
        if not re.match(ID_PATTERN, x.strip()) or len(x.strip()) > 80:
            return (
                f"{x!r} in 'revises' is not a source id (lower-case letters, digits, "
                "'.', '_' and '-', at most 80 characters)"
            )
    return "'revises' is a source id or a list of source ids"


class Actual(Strict):
    """A reported figure for an indicator and period, from one source."""

    indicator: Id
    period: str
    partial: bool = False
    value: float | None = None
    state: MilestoneState | None = None
    unit: str | None = None
    measure: Measure = "level"
    source: Id | None = None
    scope: Text | None = None
    status: FigureStatus = "final"
    # One source id, or several when this figure revises sources that agreed with each other.
    revises: (
        Id
        | Annotated[
            list[Id], Field(min_length=1, max_length=50, json_schema_extra={"uniqueItems": True})
        ]
        | None
    ) = None
    comparability: Comparability = "comparable"
    quote: Quote | None = None
    # How a figure the quote does not state was computed from it ("85 + 4.4 points").
    derived: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    notes: Text | None = None

    _u = field_validator("unit")(_check_unit)

    @field_validator("revises", mode="wrap")
    @classmethod
    def _revises(cls, v: object, handler: ValidatorFunctionWrapHandler) -> str | list[str] | None:
        """One message for what is wrong, not one per form `revises` may take."""
        try:
            out: str | list[str] | None = handler(v)
        except ValidationError:
            raise ValueError(_revises_problem(v)) from None
        if isinstance(out, list):
            repeated = sorted({s for s in out if out.count(s) > 1})
            if repeated:
                raise ValueError(f"'revises' names {', '.join(map(repr, repeated))} twice")
        return out

    @property
    def revised(self) -> tuple[str, ...]:
        """The source ids this figure revises (none, one or several)."""
        r = self.revises
        return () if r is None else (r,) if isinstance(r, str) else tuple(r)

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        parse_period(v)  # raises with a hint
        return v

    @model_validator(mode="after")
    def _value_or_state(self) -> Actual:
        if self.measure == "growth" and self.value is not None and not -100 < self.value <= 100_000:
            raise ValueError("a growth figure is a % change above -100")
        period = parse_period(self.period)
        if self.partial and not period.partial:
            raise ValueError(f"'partial = true' but {self.period!r} is a whole year")
        if period.multi_year and self.measure != "cumulative":
            # A level is a value at one time and a growth rate is yearly: over a run of years
            # either would be read as one year's figure.
            raise ValueError(
                f"a run of years ({self.period!r}) is only for measure "
                f"'cumulative', not {self.measure!r}: give the year it ends in, "
                "or the yearly figures"
            )
        if self.measure == "milestone":
            if self.state is None:
                raise ValueError("a milestone actual needs 'state' (done, in_progress, …)")
        elif self.value is None:
            raise ValueError("an actual needs 'value'")
        if self.comparability == "proxy" and not self.notes:
            raise ValueError("a proxy needs 'notes' saying how it differs from the indicator")
        return self

    @property
    def parsed_period(self) -> Period:
        return parse_period(self.period)


class UnitDef(Strict):
    """A base unit a dataset declares (`[[units]]`): one `name` equals `factor` × `of`;
    without `of` it is a family of its own (a count of something the built-in list lacks)."""

    name: Annotated[str, Field(min_length=1, max_length=20)]
    factor: float | None = Field(default=None, gt=0)
    of: str | None = None
    notes: Text | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if any(c in v for c in "/%‰ \t\n\r") or any(ord(c) < 32 for c in v):
            raise ValueError(f"unit name {v!r}: one base unit, without '/', '%' or spaces")
        if v.startswith(MAGNITUDES):
            raise ValueError(
                f"unit name {v!r} starts with a magnitude (万, 亿, …), which any "
                "unit takes anyway: declare the unit without it"
            )
        if v in KNOWN_BASES or v.lower() in ALIASES:
            raise ValueError(f"{v!r} is a built-in unit already")
        return v

    @field_validator("of")
    @classmethod
    def _of(cls, v: str | None) -> str | None:
        if v is not None:
            if "/" in v:
                raise ValueError("'of' is one unit (千克, 万千瓦), not a ratio")
            check_unit(v)
        return v

    @model_validator(mode="after")
    def _factor(self) -> UnitDef:
        if self.factor is not None and self.of is None:
            raise ValueError("'factor' needs 'of': the unit it is a multiple of")
        return self

    def entry(self) -> tuple[str, float]:
        """(reference base, factor to it), as the unit parser keeps it."""
        if self.of is None:
            return self.name, 1.0
        unit = check_unit(self.of)
        return unit.base, (self.factor or 1.0) * unit.factor


class Defaults(Strict):
    """File-wide defaults for the records below them."""

    plan: Id | None = None
    source: Id | None = None
    scope: Text | None = None


class DataFile(Strict):
    """One TOML file of a dataset; any of the sections may be present."""

    plan: Plan | None = None
    defaults: Defaults | None = None
    units: list[UnitDef] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    actuals: list[Actual] = Field(default_factory=list)


# The tables of a data file, in the canonical order, and the model of each (the loader
# validates with it, `fmt` orders keys by it).
SECTION_MODELS: dict[str, type[Strict]] = {
    "plan": Plan,
    "defaults": Defaults,
    "units": UnitDef,
    "sources": Source,
    "indicators": Indicator,
    "actuals": Actual,
}
