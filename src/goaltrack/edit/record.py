"""Recording reported figures: add them to their source's actuals file, safely.

`record_figures` is the one write path for new figures (`goaltrack record`, through
`record_figure` and a `FigureRequest`, and any command that records several at once). Under
the dataset's lock and the file's, it re-reads the file, appends the figures with tomlkit (so
comments and hand layout survive), validates the whole dataset with them in memory, and only
then writes the file atomically. A figure it returns for is in the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..check.validate import check_dataset
from ..core.diagnostics import Diagnostic
from ..core.fieldorder import ordered_fields
from ..core.models import Actual, Indicator
from ..core.suggest import close_ids, resolve_id, suggestion
from ..store.atomic import locked, write_atomic
from ..store.canonical import EDIT_MAX_BYTES, same_newlines
from ..store.loader import is_inside

if TYPE_CHECKING:
    from collections.abc import Callable

    from tomlkit import TOMLDocument

    from ..check.validate import CheckResult
    from ..core.dataset import Dataset

SCHEMA_HEADER_LINE = "#:schema ../schema/goaltrack.schema.json"
_BOM = "\ufeff"


class RecordRefused(Exception):
    """The figures cannot be recorded; `problems` (dataset diagnostics) and `details`
    (plain lines, e.g. field errors) say why, `hint` what to do."""

    def __init__(
        self,
        message: str,
        problems: list[Diagnostic] | None = None,
        details: list[str] | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.details = details or []
        self.hint = hint


class FigureInvalid(RecordRefused):
    """A figure's own fields are wrong (a usage error for a command line)."""


class UnknownIndicator(RecordRefused):
    """A figure names an indicator the dataset does not define; `suggestions` are close ids."""

    def __init__(self, indicator: str, suggestions: list[str]) -> None:
        hint = suggestion(suggestions) or "`goaltrack list` shows the ids"
        super().__init__(f"no indicator {indicator!r}", hint=hint)
        self.indicator = indicator
        self.suggestions = suggestions


class UnknownSource(FigureInvalid):
    """Figures name a source the dataset does not declare (a usage error: exit 2)."""

    def __init__(self, source: str, suggestions: list[str]) -> None:
        declare = "declare a new one with `goaltrack source add`"
        close = suggestion(suggestions)
        super().__init__(
            f"unknown source {source!r}",
            hint=(
                f"{close} Or {declare}"
                if close
                else f"{declare}, or in [[sources]] in sources.toml"
            ),
        )


MILESTONE_STATES_HINT = "use done, in_progress, at_risk, not_started or failed"


@dataclass(frozen=True, slots=True)
class FigureRequest:
    """One figure to record, as a person gives it: `value` a number, or `state` for a
    milestone. `measure` None means the one the indicator's targets use."""

    indicator: str
    period: str
    source: str
    value: int | float | None = None
    state: str | None = None
    unit: str | None = None
    measure: str | None = None
    quote: str | None = None
    partial: bool = False
    status: str = "final"
    scope: str | None = None
    revises: tuple[str, ...] = ()
    proxy: bool = False
    notes: str | None = None

    @classmethod
    def parse(
        cls,
        indicator: str,
        period: str,
        value: str,
        source: str,
        *,
        measure: str | None = None,
        partial: bool = False,
        **fields: Any,
    ) -> FigureRequest:
        """The request for VALUE as typed ("-3.2", "1e4", "done"); FigureInvalid (with a
        hint) for a period that contradicts `partial`, a value that is no number (unless a
        milestone's state), a number too long to be a figure, or a milestone given a number."""
        from ..core.periods import PeriodError, parse_period
        from ..core.sanitize import clip

        try:
            p = parse_period(period)
        except PeriodError as e:
            raise FigureInvalid(str(e)) from None
        if partial and not p.partial:
            raise FigureInvalid(f"--partial given but {period!r} is a whole year")
        if p.partial and not partial:
            raise FigureInvalid(f"{period!r} is part of a year", hint="pass --partial to confirm")
        if value.lstrip("+-").replace(".", "", 1).isdigit():
            from ..core.numbers import MAX_DIGITS, arabic_value

            if arabic_value(value.lstrip("+-")) is None:  # 400 digits overflow a float
                raise FigureInvalid(
                    f"value {clip(value, 40)} is too large to be a figure (more than "
                    f"{MAX_DIGITS} digits before the point)",
                    hint="give the value in the unit its source uses (亿元, 万人)",
                )
        number: int | float | None = None
        state: str | None = None
        try:
            number = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            if measure not in ("milestone", None):
                raise FigureInvalid(f"value {value!r} is not a number") from None
            state = value  # a milestone's state: done, in_progress, …
        if measure == "milestone" and number is not None:
            raise FigureInvalid(
                f"a milestone's value is its state, not {value!r}", hint=MILESTONE_STATES_HINT
            )
        return cls(
            indicator, period, source, number, state, measure=measure, partial=partial, **fields
        )

    def fields(self) -> dict[str, Any]:
        """The figure as the fields of an `[[actuals]]` table (None: left out) and `source`."""
        revises: str | list[str] | None = (
            self.revises[0] if len(self.revises) == 1 else list(self.revises) or None
        )
        return {
            "indicator": self.indicator,
            "period": self.period,
            "partial": True if self.partial else None,
            "unit": self.unit,
            "measure": self.measure,
            "source": self.source,
            "scope": self.scope,
            "status": self.status,
            "revises": revises,
            "comparability": "proxy" if self.proxy else None,
            "quote": self.quote,
            "notes": self.notes,
            "value": self.value,
            "state": self.state,
        }


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `record_figures` wrote: the file, each figure as written (the dataset's
    spelling of its indicator and source, its measure) and the notes for the user (a guessed
    measure, a figure no target can use)."""

    path: Path
    figures: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]
    dataset: Dataset  # as written, checked: what the verdicts after the change are of


@dataclass(frozen=True, slots=True)
class RecordedFigure:
    """What `record_figure` wrote: the file, the figure's indicator, source and measure as
    the dataset spells them (GDP → gdp), and the notes for the user."""

    path: Path
    indicator: str
    source: str
    measure: str
    notes: tuple[str, ...]
    dataset: Dataset  # as written, checked


# The measure a reported figure most likely is, for each kind of target it would serve: a
# cumulative target sums yearly flows, a growth target reads yearly rates.
LIKELY_MEASURE = {
    "level": "level",
    "hold": "level",
    "multiple": "level",
    "change": "level",
    "growth": "growth",
    "compound_change": "growth",
    "relative": "growth",
    "cumulative": "flow",
    "milestone": "milestone",
}


def infer_measure(ind: Indicator, unit: str | None = None) -> tuple[str, str]:
    """The measure a figure of `ind` is, from its targets, and a note when that was a guess.

    When the targets disagree, a `unit` given decides (% of a non-% indicator is a rate,
    another unit a level); else level, as before inference, if a target uses levels (with a
    note saying so); else FigureInvalid asks.
    """
    from ..core.units import is_percent

    kinds = sorted({t.kind for t in ind.targets})
    likely = sorted({LIKELY_MEASURE[k] for k in kinds}) or ["level"]
    if (
        likely == ["growth"]
        and unit is not None
        and not is_percent(unit)
        and not is_percent(ind.unit)
    ):
        return "level", (
            f"recorded as a level: {unit} is not a rate (for a growth rate "
            "pass --unit % or --measure growth)"
        )
    if len(likely) == 1:
        return likely[0], ""
    if unit is not None and ind.unit != "%":
        by_unit = "growth" if unit == "%" else "level"
        if by_unit in likely:
            return by_unit, ""
    if "level" in likely:
        others = " or ".join(f"--measure {m}" for m in likely if m != "level")
        return "level", (
            f"recorded as a level: {ind.id}'s {' and '.join(kinds)} targets "
            f"also use other figures; for one of those pass {others}"
        )
    raise FigureInvalid(
        f"{ind.id} has {' and '.join(kinds)} targets: say which measure the figure is",
        hint=" or ".join(f"--measure {m}" for m in likely),
    )


def growth_or_level(ind: Indicator, rec: dict[str, Any], inferred: bool) -> str:
    """A figure taken for a growth rate that cannot be one: its quote gives the value with a
    level unit (90131 in "生产总值为90131亿元"), or it is far outside any rate.

    Inferred, a value its quote gives as a level is recorded as that level (`rec` changed,
    the note returned); one without such evidence is a question (FigureInvalid). Said with
    `--measure growth`, a value the quote gives as a level or an impossible rate (a fall of
    100 % or more) is refused.
    """
    from ..check.quote_values import implausible_rate, level_unit_in_quote
    from ..core.units import UnitError, parse_unit

    value, quote = rec.get("value"), rec.get("quote")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    level_unit = level_unit_in_quote(value, quote) if isinstance(quote, str) else None
    label = f"{ind.id} {rec.get('period', '')}"
    as_level = f"record it with --measure level (in {level_unit or ind.unit})"
    if level_unit is not None:
        if not inferred:
            raise FigureInvalid(
                f"{label}: {value:g} cannot be a growth rate: its quote gives {value:g} "
                f"{level_unit}, a level",
                hint=f"{as_level}, or give the rate the quote states",
            )
        try:
            compatible = parse_unit(level_unit).compatible(parse_unit(ind.unit))
        except UnitError:
            compatible = False
        if not compatible:
            raise FigureInvalid(
                f"{label}: {value:g} cannot be a growth rate: its quote gives {value:g} "
                f"{level_unit}, a level, and {level_unit} is not {ind.id}'s unit ({ind.unit})",
                hint="check the indicator, or give the rate the quote states",
            )
        rec["measure"] = "level"
        if level_unit != ind.unit:
            rec["unit"] = level_unit
        return (
            f"recorded as a level: the quote gives {value:g} {level_unit}, which cannot "
            "be a growth rate"
        )
    if implausible_rate(value) and (inferred or value <= -100):
        question = (
            (
                f"{label}: is {value:g} a level or a growth rate? As a yearly rate it "
                f"would be {value:+g} %"
            )
            if inferred
            else (f"{label}: {value:g} cannot be a growth rate (a fall of 100 % or more)")
        )
        raise FigureInvalid(
            question,
            hint=f"{as_level} if it is the figure itself; "
            "--measure growth with the rate in % if it is a rate",
        )
    return ""


def unused_figure(ind: Indicator, rec: dict[str, Any]) -> str:
    """Why no target of `ind` can use the figure `rec` ("" when one can, or when it is context
    by design: a proxy, another scope, an indicator without targets)."""
    from ..check.rules import SERVES

    if (
        not ind.targets
        or rec.get("comparability") == "proxy"
        or rec.get("scope", ind.scope) != ind.scope
    ):
        return ""
    kinds = sorted({t.kind for t in ind.targets})
    usable = set().union(*(SERVES[k] for k in kinds))
    if rec.get("measure", "level") in usable:
        return ""
    return f"no target of {ind.id} can use a {rec.get('measure', 'level')} figure: " + "; ".join(
        f"{k} needs {' or '.join(sorted(SERVES[k]))}" for k in kinds
    )


def find_actuals_file(root: Path, source: str) -> Path:
    """The file whose `[defaults] source` is `source`, else actuals/<source>.toml.

    Only the files the dataset reads are candidates (links out of `root` are not).
    """
    import tomllib

    from ..core.diagnostics import Collector
    from ..store.loader import discover

    for p in discover([root], Collector()):
        try:
            doc = tomllib.loads(p.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError, RecursionError):  # not UTF-8, not TOML, too long an int
            continue
        d = doc.get("defaults")
        if isinstance(d, dict) and d.get("source") == source and "actuals" in doc:
            return p
    return root / "actuals" / f"{source}.toml"


def _field_errors(rec: dict[str, Any]) -> list[str]:
    from pydantic import ValidationError

    try:
        Actual.model_validate(rec)
    except ValidationError as e:
        label = f"{rec.get('indicator', '?')} {rec.get('period', '?')}"
        return [
            f"{label}: {'.'.join(map(str, err['loc'])) or 'figure'}: "
            f"{str(err['msg']).removeprefix('Value error, ')}{_unit_hint(err)}"
            for err in e.errors(include_url=False)
        ]
    return []


def _unit_hint(err: Any) -> str:
    """A unit's "did you mean", e.g. ` (did you mean 亿美元?)`."""
    from ..core.units import UnitError

    cause = err.get("ctx", {}).get("error")
    return f" ({cause.hint})" if isinstance(cause, UnitError) else ""


def _parse(original: bytes | None, source: str, file: Path) -> tuple[TOMLDocument, bool]:
    """The file as a tomlkit document (a new one if absent); and whether it had a BOM."""
    import tomlkit

    if original is None:
        import tomli_w

        text = SCHEMA_HEADER_LINE + "\n\n" + tomli_w.dumps({"defaults": {"source": source}})
        return tomlkit.parse(text), False
    return _parse_existing(original, file)


def _parse_existing(original: bytes, file: Path) -> tuple[TOMLDocument, bool]:
    """A data file's bytes as a tomlkit document, and whether it had a BOM; refused
    (RecordRefused) when too large, not UTF-8 or not valid TOML."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    if len(original) > EDIT_MAX_BYTES:
        raise RecordRefused(
            f"{file} is {len(original):,} bytes; record edits files up to {EDIT_MAX_BYTES:,} bytes",
            hint="record into a new source file",
        )
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordRefused(f"{file} is not UTF-8 text") from None
    bom = text.startswith(_BOM)
    try:
        return tomlkit.parse(text.removeprefix(_BOM)), bom
    except (TOMLKitError, RecursionError) as e:
        raise RecordRefused(
            f"{file} is not valid TOML ({e})", hint="run `goaltrack check` and fix it first"
        ) from None
    except ValueError:  # an integer of over 4300 digits
        raise RecordRefused(
            f"{file} holds an integer too long to read",
            hint="run `goaltrack check` and fix it first",
        ) from None


def _with_figures(
    original: bytes | None, source: str, recs: list[dict[str, Any]], file: Path
) -> str:
    """The file's text with `recs` appended to its actuals, everything else as it was."""
    import tomlkit
    from tomlkit.items import AoT, Array

    doc, bom = _parse(original, source, file)
    defaults = doc.get("defaults")
    declared = defaults.get("source") if isinstance(defaults, dict) else None
    if declared is not None and declared != source:
        raise RecordRefused(
            f"{file} holds the figures of source {declared!r} ([defaults] source); "
            f"a figure of {source!r} written there would be read as {declared!r}",
            hint=f"check --source; or give {declared!r}'s file another name",
        )
    explicit = declared is None  # no default source: each figure names its own
    actuals = doc.get("actuals")
    if actuals is None:
        actuals = tomlkit.aot()
        doc.append("actuals", actuals)
    if not isinstance(actuals, AoT | Array):
        raise RecordRefused(
            f"{file}: `actuals` is not a list of figures",
            hint="write each figure as an [[actuals]] table",
        )
    for rec in recs:
        fields = ordered_fields({**rec, "source": source} if explicit else rec, Actual)
        if isinstance(actuals, AoT):
            t = tomlkit.table()
            for k, v in fields.items():
                t.add(k, v)
            t.trivia.indent = "\n"  # a blank line before each new [[actuals]]
            actuals.append(t)
        else:
            it = tomlkit.inline_table()
            it.update(fields)
            actuals.append(it)
    text = tomlkit.dumps(doc)
    if original is not None:
        text = same_newlines(original.decode("utf-8"), text)
    return (_BOM if bom else "") + text


@dataclass(slots=True)
class Sorted:
    """What `record_new_figures` did with each figure: written, skipped as already
    recorded (with the note), or refused (with the reason)."""

    path: Path | None = None
    written: list[dict[str, Any]] = field(default_factory=list)
    identical: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    conflicting: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def _sort_out(ds: Dataset, source: str, recs: list[dict[str, Any]], out: Sorted) -> list[int]:
    """The indexes of `recs` that are new; the others go to `out` with the reason: the same
    value already recorded from `source` (skipped), or another value for the same figure
    from `source` or from a source it does not revise (refused)."""
    from ..core.normalise import actual_value, same_value
    from ..core.periods import parse_period

    def key(ind_id: str, period: str, measure: str, scope: str | None) -> tuple[str, ...]:
        ind = ds.indicators[ind_id]
        return (ind_id, parse_period(period).key, measure, scope or ind.scope)

    recorded: dict[tuple[str, ...], list[Actual]] = {}
    for a in ds.actuals:
        if a.indicator in ds.indicators and a.measure != "milestone":
            recorded.setdefault(key(a.indicator, a.period, a.measure, a.scope), []).append(a)
    new = []
    for i, rec in enumerate(recs):
        ind = ds.indicators[rec["indicator"]]
        k = key(rec["indicator"], rec["period"], rec.get("measure", "level"), rec.get("scope"))
        mine = actual_value(Actual.model_validate({**rec, "source": source}), ind.unit)
        label = f"{rec['indicator']} {rec['period']} ({rec.get('measure', 'level')})"
        revises = rec.get("revises", ())
        revises = (revises,) if isinstance(revises, str) else tuple(revises)
        verdict = ""
        for a in recorded.get(k, []):
            theirs = actual_value(a, ind.unit)
            same = mine is not None and theirs is not None and same_value(mine, theirs)
            where = f"{a.at_file}:{a.at_line}"
            if a.source == source:
                verdict = (
                    f"= {label} {a.value:g}, already recorded from {source!r} ({where})"
                    if same
                    else f"! {label}: {a.value:g} is recorded from {source!r} ({where})"
                )
                break
            if not same and a.source not in revises:
                verdict = f"! {label}: {a.value:g} is recorded from {a.source!r} ({where})"
                break
        if verdict.startswith("="):
            out.identical.append((rec, verdict[2:]))
        elif verdict:
            out.conflicting.append((rec, verdict[2:]))
        else:
            new.append(i)
    return new


def record_new_figures(root: Path, entries: list[dict[str, Any]]) -> Sorted:
    """Record the figures of `entries` that are new, as `record_figures` does; those already
    recorded with the same value are skipped and those that conflict with a recorded one
    are refused, each with its reason. The sorting is done under the dataset's lock, so
    what is written is what was sorted. Raises RecordRefused as `record_figures` does for
    the new ones."""
    out = Sorted()
    out.path, _, _ = _record(root, entries, [], out)
    return out


def _validated_write(
    root: Path,
    before: CheckResult,
    target: Path,
    new_text_of: Callable[[bytes | None], str],
    what: str,
    recs: list[dict[str, Any]] | None = None,
) -> Dataset:
    """Under `target`'s lock (the caller holds the dataset's): its new text, validated with
    the whole dataset in memory, written atomically only when it adds no error. Refuses
    (RecordRefused) a link out of the dataset, and a change that makes the dataset invalid;
    a duplicate or conflict of new figures `recs` is shown at the figure already recorded."""
    if target.is_symlink() and not is_inside(os.path.realpath(target), os.path.realpath(root)):
        raise RecordRefused(
            f"{target} is a link to a file outside the dataset, which the dataset does "
            "not read (docs/security.md)",
            hint="copy the file into the dataset, or write into the directory it is in",
        )
    with locked(target) as real:
        try:
            original: bytes | None = real.read_bytes()
        except FileNotFoundError:
            original = None
        except OSError as e:
            raise RecordRefused(f"cannot read {target}: {e.strerror}") from None
        new_text = new_text_of(original)
        after = check_dataset([root], overrides={Path(os.path.realpath(target)): new_text})
        old_errors = {(d.code, d.message) for d in before.errors}
        new_errors = [d for d in after.errors if (d.code, d.message) not in old_errors]
        if new_errors:
            raise RecordRefused(
                f"the dataset would not be valid with {what}",
                [_at_existing(root, d, before, recs or []) for d in new_errors],
            )
        write_atomic(real, new_text, expect_bytes=original)
    return after.dataset


_AT_EXISTING = frozenset({"duplicate-actual", "conflict"})


def _at_existing(
    root: Path, d: Diagnostic, before: CheckResult, recs: list[dict[str, Any]]
) -> Diagnostic:
    """A duplicate or conflict found at a new figure (a line not yet on disk) shown at the
    figure already recorded, which is what the user has to look at."""
    import dataclasses

    from ..core.periods import PeriodError, parse_period

    if d.code not in _AT_EXISTING or not recs:
        return d
    try:
        on_disk = _line_of(_file_of(root, d.file), d.line)
    except RecordRefused:
        on_disk = ""  # a new file
    if d.excerpt and on_disk == d.excerpt:
        return d  # not found at a new figure: it already points at a line on disk
    try:
        keys = {(r.get("indicator"), parse_period(str(r.get("period"))).key) for r in recs}
    except PeriodError:
        return d
    for a in sorted(before.dataset.actuals, key=lambda a: a.at_file != d.file):
        try:
            key = (a.indicator, parse_period(a.period).key)
        except PeriodError:
            continue
        if key in keys and a.at_file and a.at_line and f"{a.indicator} " in d.message:
            try:
                excerpt = _line_of(_file_of(root, a.at_file), a.at_line)
            except RecordRefused:
                excerpt = ""
            shown = f"value {a.value:g}" if a.value is not None else f"state {a.state}"
            if d.code == "duplicate-actual":
                message = (
                    f"{a.indicator} {a.period} is already recorded from source "
                    f"{a.source!r} ({shown}), here"
                )
                hint = (
                    f"to replace it, take it back first: goaltrack unrecord {a.indicator} "
                    f"{a.period} --source {a.source}"
                )
            else:
                message, hint = f"{d.message}; the figure already recorded is here", d.hint
            return dataclasses.replace(
                d,
                file=a.at_file,
                line=a.at_line,
                column=1,
                excerpt=excerpt,
                span=len(excerpt.rstrip()) or 1,
                message=message,
                hint=hint,
            )
    return d


def _file_of(root: Path, label: str) -> Path:
    """The data file a diagnostic or record names as `label` (labels are relative to the
    dataset directory's parent, as `check` prints them)."""
    from ..core.diagnostics import Collector
    from ..store.loader import discover, file_label

    base = root.parent if root.is_dir() else None
    for f in discover([root], Collector()):
        if file_label(f, base) == label:
            return f
    raise RecordRefused(f"{label}: not a file of the dataset {root}")


def _line_of(path: Path, line: int) -> str:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def record_figure(root: Path, request: FigureRequest) -> RecordedFigure:
    """Record one figure (see `record_figures`)."""
    done = record_figures(root, [request.fields()])
    (fig,) = done.figures
    return RecordedFigure(
        done.path, fig["indicator"], fig["source"], fig["measure"], done.notes, done.dataset
    )


def record_figures(root: Path, entries: list[dict[str, Any]]) -> Recorded:
    """Record `entries` (figures of ONE source) in its actuals file; `entries` are left as
    they are.

    Each entry has the fields of an `[[actuals]]` table plus `source`; None values are left
    out. An entry without a `measure` gets the one its indicator's targets use (flow for a
    cumulative target, growth for a growth target, level otherwise). The result's notes
    have a line for each such guess and for each figure no target of its indicator can use
    (recorded: context, as a growth rate beside a level target is).
    Refuses (RecordRefused, with diagnostics) figures that are invalid, duplicate or
    conflict with what is recorded, or would make the dataset invalid in any new way; then
    nothing is written. The result's path is the data file written (inside `root`; a link's
    target is what changes).
    """
    notes: list[str] = []
    path, figures, ds = _record(root, entries, notes, None)
    assert path is not None and ds is not None  # every figure is written, or RecordRefused
    return Recorded(path, tuple(figures), tuple(notes), ds)


def _record(
    root: Path, entries: list[dict[str, Any]], notes: list[str], sort: Sorted | None
) -> tuple[Path | None, list[dict[str, Any]], Dataset | None]:
    """record_figures (sort None), or record_new_figures: only the new figures are
    written (path None when there are none). Returns the path, the figures written, with
    their source, and the dataset as written (None when nothing was)."""
    if not entries:
        raise RecordRefused("no figures to record")
    sources = {e.get("source") for e in entries}
    if len(sources) != 1 or None in sources:
        raise RecordRefused(
            "figures recorded together must all name one source",
            details=[f"sources given: {sorted(map(str, sources))}"],
        )
    source = str(sources.pop())
    recs = [{k: v for k, v in e.items() if v is not None and k != "source"} for e in entries]
    # One writer validates a dataset at a time: two new figures are checked against each
    # other, not each against the dataset without the other.
    with locked(root):
        before = check_dataset([root])
        ds = before.dataset
        source = _source_id(ds, source)
        for rec in recs:
            rec["indicator"] = _indicator_id(ds, str(rec.get("indicator")))  # GDP → gdp
        for rec in recs:
            ind = ds.indicators[rec["indicator"]]
            inferred = "measure" not in rec
            if inferred:
                rec["measure"], note = infer_measure(ind, rec.get("unit"))
                if note:
                    notes.append(note)
            if rec["measure"] == "growth" and (note := growth_or_level(ind, rec, inferred)):
                notes.append(note)
            if why := unused_figure(ind, rec):
                notes.append(f"{why}; it is kept as context, shown but never judged")
        details = [m for rec in recs for m in _field_errors({**rec, "source": source})]
        if details:
            raise FigureInvalid(
                "invalid figure" if len(recs) == 1 else "invalid figures", details=details
            )
        if sort is not None:
            keep = _sort_out(ds, source, recs, sort)
            recs = [recs[i] for i in keep]
            sort.written = [{**rec, "source": source} for rec in recs]
            if not recs:
                return None, [], None
        target = find_actuals_file(root, source)
        written = _validated_write(
            root,
            before,
            target,
            lambda original: _with_figures(original, source, recs, target),
            "this figure" if len(recs) == 1 else "these figures",
            recs=recs,
        )
    return target, [{**rec, "source": source} for rec in recs], written


def _source_id(ds: Dataset, source: str) -> str:
    """The declared source `source` names (case ignored), else UnknownSource."""
    found = resolve_id(source, ds.sources)
    if found is None:
        raise UnknownSource(source, close_ids(source, ds.sources))
    return found


def _indicator_id(ds: Dataset, name: str) -> str:
    """The indicator `name` names (case ignored), else UnknownIndicator with suggestions."""
    found = resolve_id(name, ds.indicators)
    if found is None:
        raise UnknownIndicator(name, close_ids(name, ds.indicators, aliases=ds.indicator_names()))
    return found


@dataclass(frozen=True, slots=True)
class Removed:
    """What `remove_figure` took back: from which file and line, and the figure's indicator
    and source as the dataset spells them."""

    path: Path
    line: int
    indicator: str
    source: str
    dataset: Dataset  # as it is now, checked: what the verdicts after the change are of


def remove_figure(root: Path, indicator: str, period: str, source: str) -> Removed:
    """Take back the figure of `indicator` for `period` from `source`: removed from the
    source's actuals file (under the same locks, validation and atomic write as
    `record_figures`; the file's other figures and comments stay). Returns where the figure
    was. Refuses (RecordRefused) when there is no such figure, or when
    the dataset would be invalid without it (a figure another one `revises` is kept)."""
    from ..core.periods import PeriodError, parse_period

    try:
        key = parse_period(period).key
    except PeriodError as e:
        raise FigureInvalid(str(e)) from None
    with locked(root):
        before = check_dataset([root])
        ds = before.dataset
        source = _source_id(ds, source)
        indicator = _indicator_id(ds, indicator)
        mine = [
            a
            for a in ds.actuals
            if a.indicator == indicator and a.source == source and _period_key(a.period) == key
        ]
        if not mine:
            recorded = sorted(
                {a.period for a in ds.actuals if a.indicator == indicator and a.source == source}
            )
            raise RecordRefused(
                f"no figure of {indicator} for {period} from source {source!r} is recorded",
                hint=(
                    f"{source} gives {indicator} for {', '.join(recorded)}"
                    if recorded
                    else f"`goaltrack show {indicator}` lists its figures and sources"
                ),
            )
        if len(mine) > 1:
            raise RecordRefused(
                f"{len(mine)} figures of {indicator} for {period} from {source!r}: say which "
                "by editing the file",
                details=[f"{a.at_file}:{a.at_line}" for a in mine],
            )
        fig = mine[0]
        target = _file_of(root, fig.at_file or "")
        line = fig.at_line or 0
        written = _validated_write(
            root,
            before,
            target,
            lambda original: _without_figure(original, target, indicator, key, source, line),
            "this figure taken back",
        )
    return Removed(target, line, indicator, source, written)


def _period_key(period: str) -> object:
    from ..core.periods import PeriodError, parse_period

    try:
        return parse_period(period).key
    except PeriodError:
        return None


def _without_figure(
    original: bytes | None, file: Path, indicator: str, key: object, source: str, line: int
) -> str:
    """The file's text without the one figure of `indicator` for period `key`, whose
    `[[actuals]]` header is at `line`: its lines and the comment lines right above it go;
    every other line (the next figure's comments too) stays as it was."""
    import tomllib

    if original is None:
        raise RecordRefused(f"{file} no longer exists")
    text = original.decode("utf-8")
    lines = text.splitlines(keepends=True)
    changed = RecordRefused(
        f"{file}:{line}: the figure changed on disk meanwhile; run the command again"
    )
    if not 0 < line <= len(lines) or lines[line - 1].strip().replace(" ", "") != "[[actuals]]":
        raise changed
    start, end = line - 1, line
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        end += 1
    while end > line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank and comment lines before the next header belong to it
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1  # the figure's own comment, right above its header
    if start > 0 and not lines[start - 1].strip():
        start -= 1  # and the blank line that separated it
    new_text = "".join(lines[:start] + lines[end:])
    try:
        before = tomllib.loads(text.removeprefix(_BOM)).get("actuals", [])
        after = tomllib.loads(new_text.removeprefix(_BOM)).get("actuals", [])
    except tomllib.TOMLDecodeError:
        raise changed from None
    defaults = tomllib.loads(text.removeprefix(_BOM)).get("defaults", {})

    def matches(t: dict[str, Any]) -> bool:
        return (
            t.get("indicator") == indicator
            and t.get("source", defaults.get("source")) == source
            and _period_key(str(t.get("period", ""))) == key
        )

    if len(after) != len(before) - 1 or sum(map(matches, before)) - sum(map(matches, after)) != 1:
        raise changed
    return new_text


SOURCES_HEADER_LINE = "#:schema schema/goaltrack.schema.json"


def add_source(root: Path, fields: dict[str, Any]) -> Path:
    """Declare a source (`fields`: the keys of a `[[sources]]` table; None values left out)
    in the file that declares the dataset's sources (else `root/sources.toml`), under the
    same locks, validation and atomic write as `record_figures`; comments are kept.
    Refuses an id already declared (in any case) and invalid fields. Returns the file."""
    import contextlib

    from pydantic import ValidationError

    from ..core.dates import PartialDate
    from ..core.models import Source

    rec = {k: v for k, v in fields.items() if v is not None}
    published = rec.get("published")
    if isinstance(published, str):
        with contextlib.suppress(ValueError):  # if it is no date, the model says why
            when = PartialDate.parse(published)
            if when.day is not None:
                rec["published"] = when.earliest  # a whole date is written as a TOML date
    try:
        Source.model_validate(rec)
    except ValidationError as e:
        raise FigureInvalid(
            "invalid source",
            details=[
                f"{'.'.join(map(str, err['loc'])) or 'source'}: "
                f"{str(err['msg']).removeprefix('Value error, ')}"
                for err in e.errors(include_url=False)
            ],
        ) from None
    with locked(root):
        before = check_dataset([root])
        ds = before.dataset
        same = resolve_id(str(rec["id"]), ds.sources)
        if same is not None:
            at = ds.sources[same]
            raise RecordRefused(
                f"source {same!r} is already declared"
                + (f" at {at.at_file}:{at.at_line}" if at.at_file else ""),
                hint="choose another id, or edit that entry",
            )
        declared = [s.at_file for s in ds.sources.values() if s.at_file]
        target = _file_of(root, declared[0]) if declared else root / "sources.toml"
        _validated_write(
            root,
            before,
            target,
            lambda original: _with_source(original, rec, target),
            "this source",
        )
    return target


def _with_source(original: bytes | None, rec: dict[str, Any], file: Path) -> str:
    import tomlkit
    from tomlkit.items import AoT

    if original is None:
        doc, bom = tomlkit.parse(SOURCES_HEADER_LINE + "\n"), False
    else:
        doc, bom = _parse_existing(original, file)
    sources = doc.get("sources")
    if sources is None:
        sources = tomlkit.aot()
        doc.append("sources", sources)
    if not isinstance(sources, AoT):
        raise RecordRefused(
            f"{file}: `sources` is not a list of [[sources]] tables",
            hint="declare the source by hand",
        )
    from ..core.models import Source

    t = tomlkit.table()
    for k, v in ordered_fields(rec, Source).items():
        t.add(k, v)
    t.trivia.indent = "\n"
    sources.append(t)
    text = tomlkit.dumps(doc)
    if original is not None:
        text = same_newlines(original.decode("utf-8"), text)
    return (_BOM if bom else "") + text
