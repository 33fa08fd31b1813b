"""What every command shares: exit codes, the choice lists and their one check, options,
loading the dataset, consoles, writing output and reporting refused writes.

Heavy modules (Rich, pydantic models, exporters) are imported inside the functions that
need them, so that importing this module costs only Typer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from ..core.vocab import (
    AT_RISK,
    METHODS,
    ON_TRACK,
    STATUSES,
    VINTAGES,
    Method,
    Vintage,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console

    from ..check.validate import CheckResult
    from ..core.dataset import Dataset
    from ..edit.record import RecordRefused
    from ..evaluate import Options
    from ..store.locate import Located

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
_Choice = TypeVar("_Choice", bound=str)

# The choices of the options: the vocabularies (vocab.py), each defined once.
STATUS_NAMES = STATUSES
DEFAULT_VINTAGE: Vintage = "latest"
DEFAULT_METHOD: Method = "pace"
DEFAULT_ON_TRACK, DEFAULT_AT_RISK = ON_TRACK, AT_RISK

state = {"debug": False}

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Dataset directories or TOML files (default: the nearest directory "
        "holding a plan, here or above, or its targets/; else the bundled Dalian "
        "dataset).",
        show_default=False,
    ),
]
WritePathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="The dataset directory (default: the nearest directory holding a "
        "plan, here or above, or its targets/).",
        show_default=False,
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Labels and names: en or zh.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Evaluate with what was known then: a year or a date.")
]
OnTrackOpt = Annotated[float, typer.Option("--on-track", help="Pace ratio for on track.")]
AtRiskOpt = Annotated[float, typer.Option("--at-risk", help="Pace ratio for at risk.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")
]


def use_colour(stream: object) -> bool:
    """Colour only on a real terminal, and never with NO_COLOR or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def usage_error(message: str, hint: str = "") -> NoReturn:
    from ..core.sanitize import clean

    sys.stderr.write(f"goaltrack: error: {clean(message)}\n")
    if hint:
        sys.stderr.write(f"  hint: {clean(hint)}\n")
    raise typer.Exit(EXIT_USAGE)


def spoken(choices: Iterable[str]) -> str:
    """`a, b or c`."""
    items = list(choices)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def choice(option: str, value: str, choices: tuple[_Choice, ...]) -> _Choice:
    """`value` as one of `choices` (typed as the vocabulary), else a usage error naming them."""
    for c in choices:
        if value == c:
            return c
    usage_error(f"unknown {option} {value!r}", "use " + spoken(choices))


def csv_values(values: list[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated option values, as one tuple."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def options(
    as_of: str | None, vintage: str, method: str, on_track: float, at_risk: float
) -> Options:
    """The evaluation options given on the command line, checked (else a usage error)."""
    from ..evaluate import Options, Thresholds
    from ..evaluate.selection import AsOf

    picked_vintage = choice("--vintage", vintage, VINTAGES)
    picked_method = choice("--method", method, METHODS)
    if not 0 <= at_risk <= on_track:
        usage_error("thresholds must satisfy 0 ≤ --at-risk ≤ --on-track")
    try:
        when = AsOf.parse(as_of)
    except ValueError:
        usage_error(f"--as-of {as_of!r} is not a date", "give a year (2023) or a date (2023-06-30)")
    return Options(when, picked_vintage, picked_method, Thresholds(on_track, at_risk))


def default_options() -> Options:
    """The options of an evaluation no option was given for (today, as `report` does)."""
    return options(None, DEFAULT_VINTAGE, DEFAULT_METHOD, DEFAULT_ON_TRACK, DEFAULT_AT_RISK)


def locate_dataset(paths: list[Path] | None) -> Located:
    """The dataset to read, said on the first line of stderr (so that nobody mistakes the
    bundled data, or another directory's, for their own)."""
    from ..core.sanitize import clean
    from ..store.locate import locate

    loc = locate(paths)
    sys.stderr.write(f"goaltrack: {clean(loc.describe())}\n")
    return loc


def load_checked(
    paths: list[Path] | None,
    sources: Path | None = None,
    strict: bool = False,
    located: Located | None = None,
) -> CheckResult:
    from ..check.validate import check_dataset

    loc = located or locate_dataset(paths)
    if sources is not None and not sources.is_dir():
        usage_error(f"--sources {sources}: not a directory")
    return check_dataset(loc.paths, sources, strict)


def valid_dataset(paths: list[Path] | None, located: Located | None = None) -> CheckResult:
    """Load and check; refuse to evaluate a dataset with errors (exit 1)."""
    result = load_checked(paths, located=located)
    if result.errors:
        from ..core.diagnostics import format_text

        for d in result.errors[:20]:
            sys.stderr.write(format_text(d) + "\n\n")
        more = len(result.errors) - 20
        sys.stderr.write(
            (f"... and {more} more\n" if more > 0 else "")
            + f"goaltrack: the dataset has {len(result.errors)} error(s); "
            "fix them first (see `goaltrack check`)\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
    return result


def indicator_id(ds: Dataset, name: str) -> str:
    """The indicator `name` means: its id, or the one id equal to it ignoring case; else a
    usage error with a "did you mean" (ids, names and aliases)."""
    from ..core.suggest import did_you_mean, resolve_id

    found = resolve_id(name, ds.indicators)
    if found is None:
        usage_error(
            f"no indicator {name!r}",
            did_you_mean(
                name, ds.indicators, "`goaltrack list` shows the ids", aliases=ds.indicator_names()
            ),
        )
    return found


def source_id(ds: Dataset, name: str, option: str = "--source") -> str:
    """The source `name` means (its id, or the one id equal to it ignoring case); else a
    usage error (exit 2) with a "did you mean"."""
    from ..core.suggest import did_you_mean, resolve_id

    found = resolve_id(name, ds.sources)
    if found is None:
        declare = "declare a new one with `goaltrack source add`"
        hint = did_you_mean(name, ds.sources, "")
        usage_error(
            f"unknown {option} {name!r}",
            f"{hint} Or {declare}" if hint else f"{declare}, or in [[sources]] in sources.toml",
        )
    return found


def plan_id(ds: Dataset, name: str, option: str = "--plan") -> str:
    """The plan `name` means (its id, or the one id equal to it ignoring case); else a
    usage error with a "did you mean"."""
    from ..core.suggest import did_you_mean, resolve_id

    found = resolve_id(name, ds.plans)
    if found is None:
        usage_error(
            f"unknown {option} {name!r}",
            did_you_mean(name, ds.plans, "plans: " + ", ".join(sorted(ds.plans))),
        )
    return found


def recording_console() -> Console:
    """A console that renders into memory, for -o files and SVG."""
    import io

    from rich.console import Console

    return Console(
        file=io.StringIO(),
        record=True,
        width=120,
        color_system="truecolor",
        force_terminal=True,
        highlight=False,
        emoji=False,
    )


def text_width() -> int | None:
    """The width plain text is fitted to: COLUMNS, else the terminal's; piped, none."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def stdout_console(record: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    colour = use_colour(sys.stdout)
    return Console(
        file=sys.stdout,
        force_terminal=colour if colour else None,
        no_color=not colour,
        highlight=False,
        soft_wrap=False,
        record=record,
        width=width or (None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 100),
        emoji=False,
    )


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Output to stdout, or written atomically to `output`."""
    if output is None:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
        return
    from ..store.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as e:
        write_failed(e, output)
    sys.stderr.write(f"wrote {output}\n")


def write_failed(e: OSError, path: Path) -> NoReturn:
    """A file could not be written: say which and why (exit 2: the path given is unusable)."""
    hint = getattr(e, "hint", "") or (
        "check that the directory exists and is writable"
        if isinstance(e, FileNotFoundError | PermissionError)
        else ""
    )
    usage_error(f"cannot write {path}: {e.strerror or e}", hint)


def write_root(paths: list[Path] | None, data: Path | None, command: str) -> Path:
    """The one dataset directory a writing command changes (said on stderr's first line)."""
    if data is not None:
        if paths:
            usage_error("give the dataset either as PATH or as --data, not both")
        sys.stderr.write("goaltrack: deprecated: --data DIR; give the dataset directory as PATH\n")
        paths = [data]
    if paths and len(paths) > 1:
        usage_error(f"{command} writes into one dataset directory, not {len(paths)} paths")
    loc = locate_dataset(paths)
    if loc.origin == "bundled":
        usage_error(
            "no dataset here or above",
            f"run {command} inside a dataset (a directory "
            "holding a plan) or give its directory as PATH",
        )
    root = loc.paths[0]
    if not root.is_dir():
        usage_error(
            f"no dataset directory {root}",
            "give the directory that holds the plan, sources.toml and actuals/",
        )
    return root


def report_refusal(e: RecordRefused) -> None:
    """Why a write was refused, on stderr (an unknown indicator is a usage error)."""
    from ..core.diagnostics import format_text
    from ..core.sanitize import clean
    from ..edit.record import FigureInvalid, UnknownIndicator

    if isinstance(e, UnknownIndicator):
        usage_error(clean(str(e)), e.hint)
    verb = "error" if isinstance(e, FigureInvalid) else "refused"
    sys.stderr.write(f"goaltrack: {verb}: {clean(str(e))}\n")
    for line in e.details:
        sys.stderr.write(f"  {clean(line)}\n")
    for d in e.problems:
        sys.stderr.write(format_text(d) + "\n")
    if e.hint:
        sys.stderr.write(f"  hint: {clean(e.hint)}\n")
    if any(d.code == "conflict" for d in e.problems):
        sys.stderr.write("  hint: if this figure revises another source's, add --revises SOURCE\n")


def refused(e: Exception) -> NoReturn:
    """A refused write: the reasons, and exit 2 for a usage error (an unknown id, invalid
    fields), else 1."""
    from ..core.sanitize import path_text
    from ..edit.record import FigureInvalid, RecordRefused, UnknownIndicator
    from ..store.atomic import ChangedOnDisk

    if isinstance(e, RecordRefused):
        report_refusal(e)
        raise typer.Exit(
            EXIT_USAGE if isinstance(e, FigureInvalid | UnknownIndicator) else EXIT_FINDINGS
        )
    if isinstance(e, ChangedOnDisk):
        sys.stderr.write(
            f"goaltrack: refused: {path_text(Path(str(e)))} changed on disk "
            "meanwhile; run the command again\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
    raise e


def print_verdicts(ds: Dataset, indicator: str, opts: Options) -> None:
    """The indicator's verdicts after a change (what `record` and `unrecord` end with), of
    the dataset the change was checked with: as it now is on disk, not read again."""
    from ..core.sanitize import clean
    from ..evaluate import evaluate_dataset
    from ..render.messages import say

    for ev in evaluate_dataset(ds, opts):
        if ev.indicator == indicator:
            sys.stdout.write(
                clean(f"  {ev.target_text}: {ev.status.replace('_', ' ')} — {say(ev.reason, 'en')}")
                + "\n"
            )
