"""Recording reported figures: add them to their source's actuals file, safely.

`record_figures` is the one write path for new figures (`goaltrack record` and any command
that records several at once). Under the dataset's lock and the file's, it re-reads the file,
appends the figures with tomlkit (so comments and hand layout survive), validates the whole
dataset with them in memory, and only then writes the file atomically. A figure it returns
for is in the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import locked, write_atomic
from .canonical import EDIT_MAX_BYTES, same_newlines
from .diagnostics import Diagnostic
from .fieldorder import ordered_fields
from .loader import _inside
from .models import Actual, Indicator
from .suggest import close_ids
from .validate import check_dataset

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

SCHEMA_HEADER_LINE = "#:schema ../schema/goaltrack.schema.json"
_BOM = "\ufeff"


class RecordRefused(Exception):
    """The figures cannot be recorded; `problems` (dataset diagnostics) and `details`
    (plain lines, e.g. field errors) say why, `hint` what to do."""

    def __init__(self, message: str, problems: list[Diagnostic] | None = None,
                 details: list[str] | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.problems = problems or []
        self.details = details or []
        self.hint = hint


class FigureInvalid(RecordRefused):
    """A figure's own fields are wrong (a usage error for a command line)."""


class UnknownIndicator(RecordRefused):
    """A figure names an indicator the dataset does not define; `suggestions` are close ids."""

    def __init__(self, indicator: str, suggestions: list[str]) -> None:
        hint = (f"did you mean {', '.join(suggestions)}?" if suggestions else
                "`goaltrack list` shows the ids")
        super().__init__(f"no indicator {indicator!r}", hint=hint)
        self.indicator = indicator
        self.suggestions = suggestions


# The measure a reported figure most likely is, for each kind of target it would serve: a
# cumulative target sums yearly flows, a growth target reads yearly rates.
LIKELY_MEASURE = {"level": "level", "hold": "level", "multiple": "level", "change": "level",
                  "growth": "growth", "compound_change": "growth", "relative": "growth",
                  "cumulative": "flow", "milestone": "milestone"}


def infer_measure(ind: Indicator, unit: str | None = None) -> tuple[str, str]:
    """The measure a figure of `ind` is, from its targets, and a note when that was a guess.

    When the targets disagree, a `unit` given decides (% of a non-% indicator is a rate,
    another unit a level); else level, as before inference, if a target uses levels (with a
    note saying so); else FigureInvalid asks.
    """
    kinds = sorted({t.kind for t in ind.targets})
    likely = sorted({LIKELY_MEASURE[k] for k in kinds}) or ["level"]
    if len(likely) == 1:
        return likely[0], ""
    if unit is not None and ind.unit != "%":
        by_unit = "growth" if unit == "%" else "level"
        if by_unit in likely:
            return by_unit, ""
    if "level" in likely:
        others = " or ".join(f"--measure {m}" for m in likely if m != "level")
        return "level", (f"recorded as a level: {ind.id}'s {' and '.join(kinds)} targets "
                         f"also use other figures; for one of those pass {others}")
    raise FigureInvalid(f"{ind.id} has {' and '.join(kinds)} targets: say which measure the "
                        "figure is", hint=" or ".join(f"--measure {m}" for m in likely))


def unused_figure(ind: Indicator, rec: dict[str, Any]) -> str:
    """Why no target of `ind` can use the figure `rec` ("" when one can, or when it is context
    by design: a proxy, another scope, an indicator without targets)."""
    from .checks import SERVES

    if not ind.targets or rec.get("comparability") == "proxy" or \
            rec.get("scope", ind.scope) != ind.scope:
        return ""
    kinds = sorted({t.kind for t in ind.targets})
    usable = set().union(*(SERVES[k] for k in kinds))
    if rec.get("measure", "level") in usable:
        return ""
    return (f"no target of {ind.id} can use a {rec.get('measure', 'level')} figure: "
            + "; ".join(f"{k} needs {' or '.join(sorted(SERVES[k]))}" for k in kinds))


def find_actuals_file(root: Path, source: str) -> Path:
    """The file whose `[defaults] source` is `source`, else actuals/<source>.toml.

    Only the files the dataset reads are candidates (links out of `root` are not).
    """
    import tomllib

    from .diagnostics import Collector
    from .loader import discover

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
        return [f"{label}: {'.'.join(map(str, err['loc'])) or 'figure'}: "
                f"{str(err['msg']).removeprefix('Value error, ')}{_unit_hint(err)}"
                for err in e.errors(include_url=False)]
    return []


def _unit_hint(err: Any) -> str:
    """A unit's "did you mean", e.g. ` (did you mean 亿美元?)`."""
    from .units import UnitError

    cause = err.get("ctx", {}).get("error")
    return f" ({cause.hint})" if isinstance(cause, UnitError) else ""


def _parse(original: bytes | None, source: str, file: Path) -> tuple[TOMLDocument, bool]:
    """The file as a tomlkit document (a new one if absent); and whether it had a BOM."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    if original is None:
        import tomli_w

        text = SCHEMA_HEADER_LINE + "\n\n" + tomli_w.dumps({"defaults": {"source": source}})
        return tomlkit.parse(text), False
    if len(original) > EDIT_MAX_BYTES:
        raise RecordRefused(f"{file} is {len(original):,} bytes; record edits files up to "
                            f"{EDIT_MAX_BYTES:,} bytes", hint="record into a new source file")
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordRefused(f"{file} is not UTF-8 text") from None
    bom = text.startswith(_BOM)
    try:
        return tomlkit.parse(text.removeprefix(_BOM)), bom
    except (TOMLKitError, RecursionError) as e:
        raise RecordRefused(f"{file} is not valid TOML ({e})",
                            hint="run `goaltrack check` and fix it first") from None
    except ValueError:  # an integer of over 4300 digits
        raise RecordRefused(f"{file} holds an integer too long to read",
                            hint="run `goaltrack check` and fix it first") from None


def _with_figures(original: bytes | None, source: str, recs: list[dict[str, Any]],
                  file: Path) -> str:
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
            hint=f"check --source; or give {declared!r}'s file another name")
    explicit = declared is None  # no default source: each figure names its own
    actuals = doc.get("actuals")
    if actuals is None:
        actuals = tomlkit.aot()
        doc.append("actuals", actuals)
    if not isinstance(actuals, AoT | Array):
        raise RecordRefused(f"{file}: `actuals` is not a list of figures",
                            hint="write each figure as an [[actuals]] table")
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


def record_figures(root: Path, entries: list[dict[str, Any]], *,
                   notes: list[str] | None = None) -> Path:
    """Record `entries` (figures of ONE source, as `record` builds them) in its actuals file.

    Each entry has the fields of an `[[actuals]]` table plus `source`; None values are left
    out. An entry whose `measure` is None gets the one its indicator's targets use (written
    into the dict: flow for a cumulative target, growth for a growth target, level
    otherwise). `notes` gets a line for each such guess and for each figure no target of its
    indicator can use (recorded: context, as a growth rate beside a level target is).
    Refuses (RecordRefused, with diagnostics) figures that are invalid, duplicate or
    conflict with what is recorded, or would make the dataset invalid in any new way; then
    nothing is written. Returns the data file written (inside `root`; a link's target is
    what changes).
    """
    if not entries:
        raise RecordRefused("no figures to record")
    notes = notes if notes is not None else []
    sources = {e.get("source") for e in entries}
    if len(sources) != 1 or None in sources:
        raise RecordRefused("figures recorded together must all name one source",
                            details=[f"sources given: {sorted(map(str, sources))}"])
    source = str(sources.pop())
    recs = [{k: v for k, v in e.items() if v is not None and k != "source"} for e in entries]
    # One writer validates a dataset at a time: two new figures are checked against each
    # other, not each against the dataset without the other.
    with locked(root):
        before = check_dataset([root])
        ds = before.dataset
        if source not in ds.sources:
            raise RecordRefused(f"unknown source {source!r}",
                                hint="declare it in [[sources]] first")
        for rec in recs:
            if rec.get("indicator") not in ds.indicators:
                name = str(rec.get("indicator"))
                raise UnknownIndicator(name, close_ids(name, list(ds.indicators)))
        for entry, rec in zip(entries, recs, strict=True):
            ind = ds.indicators[rec["indicator"]]
            if "measure" not in rec:
                rec["measure"], note = infer_measure(ind, rec.get("unit"))
                entry["measure"] = rec["measure"]
                if note:
                    notes.append(note)
            if why := unused_figure(ind, rec):
                notes.append(f"{why}; it is kept as context, shown but never judged")
        details = [m for rec in recs for m in _field_errors({**rec, "source": source})]
        if details:
            raise FigureInvalid("invalid figure" if len(recs) == 1 else "invalid figures",
                                details=details)
        target = find_actuals_file(root, source)
        if target.is_symlink() and not _inside(os.path.realpath(target),
                                               os.path.realpath(root)):
            raise RecordRefused(
                f"{target} is a link to a file outside the dataset, which the dataset does "
                "not read (docs/security.md)",
                hint="copy the file into the dataset, or record into the directory it is in")
        with locked(target) as real:
            try:
                original: bytes | None = real.read_bytes()
            except FileNotFoundError:
                original = None
            except OSError as e:
                raise RecordRefused(f"cannot read {target}: {e.strerror}") from None
            new_text = _with_figures(original, source, recs, target)
            after = check_dataset([root],
                                  overrides={Path(os.path.realpath(target)): new_text})
            old_errors = {(d.code, d.message) for d in before.errors}
            new_errors = [d for d in after.errors if (d.code, d.message) not in old_errors]
            if new_errors:
                raise RecordRefused("the dataset would not be valid with "
                                    + ("this figure" if len(recs) == 1 else "these figures"),
                                    new_errors)
            write_atomic(real, new_text, expect_bytes=original)
    return target
