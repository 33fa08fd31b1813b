"""The command-line interface: thin wiring of loading, evaluation and renderers.

Heavy modules (Rich, pydantic models, exporters) are imported inside the commands that
need them so that `goaltrack --version` and `--help` start fast.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer

from . import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from rich.console import Console

    from .dataset import Dataset
    from .evaluate import Options
    from .extract.candidates import Candidate
    from .locate import Located
    from .record import RecordRefused
    from .summary import Report
    from .validate import CheckResult
    from .vocab import Method, Vintage

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="goaltrack",
    help="Is a Five-Year Plan on course? Check plan data and report progress against targets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Dataset directories or TOML files (default: the nearest directory "
                   "holding a plan, here or above, or its targets/; else the bundled Dalian "
                   "dataset).", show_default=False),
]


def _version(value: bool) -> None:
    if value:
        print(f"goaltrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors "
                                        "(also understood after the command).")]
    = False,
) -> None:
    _state["debug"] = _state["debug"] or debug


def use_colour(stream: object) -> bool:
    """Colour only on a real terminal, and never with NO_COLOR or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def usage_error(message: str, hint: str = "") -> NoReturn:
    from .sanitize import clean

    sys.stderr.write(f"goaltrack: error: {clean(message)}\n")
    if hint:
        sys.stderr.write(f"  hint: {clean(hint)}\n")
    raise typer.Exit(EXIT_USAGE)


def _locate(paths: list[Path] | None) -> Located:
    """The dataset to read, said on the first line of stderr (so that nobody mistakes the
    bundled data, or another directory's, for their own)."""
    from .locate import locate
    from .sanitize import clean

    loc = locate(paths)
    sys.stderr.write(f"goaltrack: {clean(loc.describe())}\n")
    return loc


def _load_checked(paths: list[Path] | None, sources: Path | None = None,
                  strict: bool = False, located: Located | None = None) -> CheckResult:
    from .validate import check_dataset

    loc = located or _locate(paths)
    if sources is not None and not sources.is_dir():
        usage_error(f"--sources {sources}: not a directory")
    return check_dataset(loc.paths, sources, strict)


@app.command()
def check(
    paths: PathsArg = None,
    sources: Annotated[Path | None, typer.Option(
        "--sources", help="Directory of archived source texts: verify every quote.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="text (stderr), json (stdout) or github (annotations).")] = "text",
) -> None:
    """Validate data files: syntax, schema, references, units, conflicts, quotes.

    Exit 0 when clean, 1 when any error is found (warnings too with --strict), 2 on usage
    errors.
    """
    if fmt not in ("text", "json", "github"):
        usage_error(f"unknown --format {fmt!r}", "use text, json or github")
    result = _load_checked(paths, sources, strict)
    from .render_check import render_check

    render_check(result, fmt, colour=use_colour(sys.stderr))
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]
    = None,
    report_schema: Annotated[bool, typer.Option(
        "--report", help="The schema of `report --format json` instead.")] = False,
) -> None:
    """Print the JSON Schema of data files (for Taplo / Even Better TOML) or of the report."""
    if report_schema:
        from .render.report_schema import report_schema_json

        text = report_schema_json()
    else:
        from .schema import data_schema_json

        text = data_schema_json()
    _emit(text, output)


def _csv(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _options(as_of: str | None, vintage: str, method: str, on_track: float,
             at_risk: float) -> Options:
    from .evaluate import Options, Thresholds
    from .selection import AsOf

    if vintage not in ("latest", "first"):
        usage_error(f"unknown --vintage {vintage!r}", "use latest or first")
    if method not in ("pace", "projection"):
        usage_error(f"unknown --method {method!r}", "use pace or projection")
    if not 0 <= at_risk <= on_track:
        usage_error("thresholds must satisfy 0 ≤ --at-risk ≤ --on-track")
    try:
        when = AsOf.parse(as_of)
    except ValueError:
        usage_error(f"--as-of {as_of!r} is not a date", "give a year (2023) or a date "
                    "(2023-06-30)")
    return Options(when, cast("Vintage", vintage), cast("Method", method),
                   Thresholds(on_track, at_risk))


def _valid_dataset(paths: list[Path] | None, located: Located | None = None) -> CheckResult:
    """Load and check; refuse to evaluate a dataset with errors (exit 1)."""
    result = _load_checked(paths, located=located)
    if result.errors:
        from .diagnostics import format_text

        for d in result.errors[:20]:
            sys.stderr.write(format_text(d) + "\n\n")
        more = len(result.errors) - 20
        sys.stderr.write((f"... and {more} more\n" if more > 0 else "") +
                         f"goaltrack: the dataset has {len(result.errors)} error(s); "
                         "fix them first (see `goaltrack check`)\n")
        raise typer.Exit(EXIT_FINDINGS)
    return result


def _recording_console() -> Console:
    """A console that renders into memory, for -o files and SVG."""
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), record=True, width=120, color_system="truecolor",
                   force_terminal=True, highlight=False, emoji=False)


def _text_width() -> int | None:
    """The width plain text is fitted to: COLUMNS, else the terminal's; piped, none."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def _stdout_console(record: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    colour = use_colour(sys.stdout)
    return Console(file=sys.stdout, force_terminal=colour if colour else None,
                   no_color=not colour, highlight=False, soft_wrap=False, record=record,
                   width=width or (None if sys.stdout.isatty() or os.environ.get("COLUMNS")
                                   else 100),
                   emoji=False)


REPORT_FORMATS = ("table", "json", "csv", "md", "html", "svg", "toml", "github")
STATUS_NAMES = ("achieved", "on_track", "at_risk", "off_track", "regressing", "missed",
                "no_data", "tracked")

LangOpt = Annotated[str, typer.Option("--lang", help="Labels and names: en or zh.")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help="Evaluate with what was known then: a year or a date.")]


@app.command()
def report(
    paths: PathsArg = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table, json, csv, md, html, svg, toml or github "
        "(annotations).")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file (atomically).")] = None,
    as_of: AsOfOpt = None,
    vintage: Annotated[str, typer.Option(
        "--vintage", help="Several sources for one period: latest (revision wins) or first.")]
    = "latest",
    method: Annotated[str, typer.Option(
        "--method", help="What drives the status: pace or projection.")] = "pace",
    plan: Annotated[list[str] | None, typer.Option("--plan", help="Only these plans.")] = None,
    category: Annotated[list[str] | None, typer.Option("--category", help="Only these categories.")]
    = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="Only these statuses.")]
    = None,
    nature: Annotated[list[str] | None, typer.Option(
        "--nature", help="Only binding, expected or unspecified.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only indicators with a tag.")]
    = None,
    sort: Annotated[str, typer.Option(
        "--sort", help="plan, status, indicator, progress or category.")] = "plan",
    lang: LangOpt = "en",
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Exit 1 if any target has one of these statuses (comma-separated).")]
    = None,
    on_track: Annotated[float, typer.Option("--on-track", help="Pace ratio for on track.")]
    = 0.95,
    at_risk: Annotated[float, typer.Option("--at-risk", help="Pace ratio for at risk.")] = 0.6,
    tracked: Annotated[bool, typer.Option(
        "--tracked/--no-tracked", help="Include indicators without targets.")] = True,
    bom: Annotated[bool, typer.Option(
        "--bom", help="CSV: start with a byte-order mark so Excel reads UTF-8.")] = False,
    compact: Annotated[bool, typer.Option(
        "--compact", help="Table, md, html, svg: hide rows without any reported figure.")]
    = False,
    ascii_only: Annotated[bool, typer.Option(
        "--ascii", help="Table: ASCII symbols and borders only (for terminals that draw "
        "● ▲ ≥ █ double-width).")] = False,
    compare: Annotated[str | None, typer.Option(
        "--compare", help="PRED,SUCC: a plan beside its successor, indicator by indicator "
        "(table, json, md, csv, html or toml).")] = None,
) -> None:
    """Progress of every target against the reported figures.

    Exit 1 when --fail-on matches (or the dataset has errors), 2 on usage errors.
    """
    from .summary import (
        SORT_KEYS,
        Filters,
        build_report,
        filter_choices,
        unknown_filter_values,
    )

    if fmt not in REPORT_FORMATS:
        usage_error(f"unknown --format {fmt!r}", "use " + ", ".join(REPORT_FORMATS))
    if lang not in ("en", "zh"):
        usage_error(f"unknown --lang {lang!r}", "use en or zh")
    if sort not in SORT_KEYS:
        usage_error(f"unknown --sort {sort!r}", "use " + ", ".join(SORT_KEYS))
    statuses, gate = _csv(status), _csv([fail_on] if fail_on else None)
    for s in (*statuses, *gate):
        if s not in STATUS_NAMES:
            usage_error(f"unknown status {s!r}", "use " + ", ".join(STATUS_NAMES))
    opts = _options(as_of, vintage, method, on_track, at_risk)
    if compare is not None:
        if plan or category or status or nature or tag or fail_on:
            usage_error("--compare sets two whole plans side by side; it takes no --plan, "
                        "--category, --status, --nature, --tag or --fail-on")
        if fmt not in COMPARE_FORMATS:
            usage_error(f"--compare has no --format {fmt!r}", "use " + ", ".join(COMPARE_FORMATS))
        _compare(paths, compare, opts, fmt, lang, output, bom, ascii_only)
        return
    result = _valid_dataset(paths)
    filters = Filters(_csv(plan), _csv(category), statuses, _csv(nature), _csv(tag), tracked)
    unknown = unknown_filter_values(result.dataset, filters)
    if unknown:
        choices = filter_choices(result.dataset)
        for name, bad in unknown.items():
            sys.stderr.write(f"goaltrack: error: --{name} {', '.join(bad)}: not in the dataset\n"
                             f"  hint: use {', '.join(choices[name]) or '(none defined)'}\n")
        raise typer.Exit(EXIT_USAGE)
    rep = build_report(result.dataset, opts, filters, sort)
    if not rep.plans:  # valid values, but no target has them all (e.g. no target missed)
        sys.stderr.write("goaltrack: no target matches these filters\n")
    from .render.gate import gate_hits

    hits = gate_hits(rep, gate, lang)
    if fmt == "github":
        from .diagnostics import format_github

        _emit("".join(format_github(d) + "\n" for d in hits), output)
    elif fmt in ("json", "csv", "md", "html", "toml", "svg"):
        # SVG: the chart of a chosen plan or category, else the summary chart of all plans
        _emit(_export(rep, fmt, lang, bom, compact, detail=bool(plan or category)), output)
    else:
        from .render.terminal import render_report

        if output is not None:
            console = _recording_console()
            render_report(rep, console, lang, compact=compact, ascii_only=ascii_only)
            _emit(console.export_text(), output)
        else:
            render_report(rep, _stdout_console(), lang, compact=compact, ascii_only=ascii_only)
    failed = [d for d in hits if d.severity == "error"]
    if failed:
        if fmt != "github":
            from .diagnostics import format_text

            for d in failed:
                sys.stderr.write(format_text(d) + "\n")
        sys.stderr.write(f"goaltrack: {len(failed)} target(s) with status {', '.join(gate)}\n")
        raise typer.Exit(EXIT_FINDINGS)


COMPARE_FORMATS = ("table", "json", "md", "csv", "html", "toml")


def _compare(paths: list[Path] | None, pair: str, opts: Options, fmt: str, lang: str,
             output: Path | None, bom: bool, ascii_only: bool) -> None:
    """The succession view: PRED,SUCC, two plans linked by indicators' `continues`."""
    from .suggest import did_you_mean

    ids = [x.strip() for x in pair.split(",")]
    if len(ids) != 2 or not all(ids):
        usage_error(f"--compare {pair!r} is not two plans", "give PRED,SUCC, e.g. "
                    "--compare cn-14fyp,cn-15fyp")
    ds = _valid_dataset(paths).dataset
    for pid in ids:
        if pid not in ds.plans:
            usage_error(f"--compare: no plan {pid!r} in the dataset",
                        did_you_mean(pid, ds.plans, "use " + ", ".join(sorted(ds.plans))))
    before, after = ids
    from .succession import lineage

    linked = sorted({(p.plan, i.plan) for i in ds.indicators.values()
                     for p in lineage(ds, i)})
    if (before, after) not in linked:
        pairs = ", ".join(f"{a},{b}" for a, b in linked if a != b)
        usage_error(f"--compare: no indicator of {after!r} continues one of {before!r}",
                    f"linked plans: {pairs}" if pairs else
                    "no plan in the dataset continues another (see docs/format.md, "
                    "\"Plan succession\")")
    from .evaluate import evaluate_dataset
    from .plan_compare import compare_plans
    from .render.compare_rows import compare_rows

    evs = [e for e in evaluate_dataset(ds, opts) if e.plan in (before, after)]
    rows = compare_rows(ds, compare_plans(ds, evs, before, after), lang)
    when = opts.as_of.date.isoformat()
    from .render import compare_out as co

    if fmt == "json":
        _emit(co.render_compare_json(ds, rows, before, after, when, lang), output)
    elif fmt == "md":
        _emit(co.render_compare_md(ds, rows, before, after, when, lang), output)
    elif fmt == "csv":
        _emit(co.render_compare_csv(rows, bom), output)
    elif fmt == "html":
        _emit(co.render_compare_html(ds, rows, before, after, when, lang), output)
    elif fmt == "toml":
        _emit(co.render_compare_toml(ds, rows, before, after, when, lang), output)
    elif output is not None:
        console = _recording_console()
        co.render_compare_table(ds, rows, before, after, when, console, lang, ascii_only)
        _emit(console.export_text(), output)
    else:
        co.render_compare_table(ds, rows, before, after, when, _stdout_console(), lang,
                                ascii_only)


def _export(rep: Report, fmt: str, lang: str, bom: bool, compact: bool,
            detail: bool = True) -> str | Iterator[str]:
    """The report in an export format (the same verdicts as the table)."""
    if fmt == "json":
        from .render.json_export import iter_render_json

        return iter_render_json(rep, lang)  # in chunks: a national dataset's report is large
    if fmt == "csv":
        from .render.csv_export import render_csv

        return render_csv(rep, lang, bom)
    if fmt == "md":
        from .render.md_export import render_markdown

        return render_markdown(rep, lang, compact)
    if fmt == "html":
        from .render.html_export import render_html

        return render_html(rep, lang, compact)
    if fmt == "svg":
        from .render.svg_export import render_svg
        from .sanitize import xml_document

        return xml_document(render_svg(rep, lang, compact, detail))
    from .render.toml_export import render_toml

    return render_toml(rep, lang)


def _emit(text: str | Iterable[str], output: Path | None) -> None:
    if output is None:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
        return
    from .atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as e:
        _write_failed(e, output)
    sys.stderr.write(f"wrote {output}\n")


SHOW_FORMATS = ("text", "json")


@app.command()
def show(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. gdp.")],
    paths: PathsArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file (atomically).")] = None,
    as_of: AsOfOpt = None,
    vintage: Annotated[str, typer.Option("--vintage", help="latest or first.")] = "latest",
    method: Annotated[str, typer.Option("--method", help="pace or projection.")] = "pace",
    lang: LangOpt = "en",
    on_track: Annotated[float, typer.Option("--on-track", help="Pace ratio for on track.")]
    = 0.95,
    at_risk: Annotated[float, typer.Option("--at-risk", help="Pace ratio for at risk.")] = 0.6,
    ascii_only: Annotated[bool, typer.Option(
        "--ascii", help="Text: ASCII symbols and borders only (for terminals that draw "
        "● ▲ ≥ █ double-width).")] = False,
) -> None:
    """Everything about one indicator: target, citation, figures and the verdict explained."""
    if fmt not in SHOW_FORMATS:
        usage_error(f"unknown --format {fmt!r}", "use " + " or ".join(SHOW_FORMATS))
    if lang not in ("en", "zh"):
        usage_error(f"unknown --lang {lang!r}", "use en or zh")
    opts = _options(as_of, vintage, method, on_track, at_risk)
    ds = _valid_dataset(paths).dataset
    indicator = _indicator_id(ds, indicator)
    from .evaluate import evaluate_dataset

    evs = [e for e in evaluate_dataset(ds, opts) if e.indicator == indicator]
    if fmt == "json":
        from .render.show_json import render_show_json

        _emit(render_show_json(ds, indicator, evs, opts, lang), output)
        return
    from .render.show import render_show

    console = _recording_console() if output is not None else _stdout_console()
    render_show(ds, indicator, evs, console, lang, ascii_only=ascii_only,
                thresholds=(on_track, at_risk))
    if output is not None:
        _emit(console.export_text(), output)


def _indicator_id(ds: Dataset, name: str) -> str:
    """The indicator `name` means: its id, or the one id equal to it ignoring case; else a
    usage error with a "did you mean" (ids, names and aliases)."""
    from .suggest import did_you_mean, resolve_id

    found = resolve_id(name, ds.indicators)
    if found is None:
        usage_error(f"no indicator {name!r}",
                    did_you_mean(name, ds.indicators, "`goaltrack list` shows the ids",
                                 aliases=ds.indicator_names()))
    return found


def _source_id(ds: Dataset, name: str, option: str = "--source") -> str:
    """The source `name` means (its id, or the one id equal to it ignoring case); else a
    usage error (exit 2) with a "did you mean"."""
    from .suggest import did_you_mean, resolve_id

    found = resolve_id(name, ds.sources)
    if found is None:
        declare = "declare a new one with `goaltrack source add`"
        hint = did_you_mean(name, ds.sources, "")
        usage_error(f"unknown {option} {name!r}", f"{hint} Or {declare}" if hint else
                    f"{declare}, or in [[sources]] in sources.toml")
    return found


@app.command("fmt")
def fmt_command(
    paths: PathsArg = None,
    check_only: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 listing files that would change.")] = False,
    drop_comments: Annotated[bool, typer.Option(
        "--drop-comments", hidden=True, help="Deprecated; does nothing (comments are kept).")]
    = False,
) -> None:
    """Rewrite data files in the canonical layout (key order, tables, blank lines).

    Comments and the way each value is written are kept. Writes are atomic, locked, and
    refused when a file changed on disk meanwhile. Exit 1 when a file was refused or (with
    --check) would change.
    """
    from .atomic import ChangedOnDisk
    from .canonical import format_file as _format_file
    from .canonical import plan_format
    from .loader import discover
    loc = _locate(paths)
    resolved = loc.paths
    if loc.origin == "bundled":
        usage_error("no data files given and no dataset here or above",
                    "give the dataset directory to format")
    from .diagnostics import Collector
    from .sanitize import clean, path_text

    col = Collector()
    files = discover(resolved, col)
    for d in col.items:
        sys.stderr.write(f"{d.location()}: {d.severity}: {clean(d.message)}\n")
    if drop_comments:
        sys.stderr.write("goaltrack: note: --drop-comments is deprecated and does nothing: "
                         "fmt keeps comments\n")
    failed = bool(col.errors)
    would_change = 0
    for f in files:
        if check_only:
            out = plan_format(f)
        else:
            try:
                out = _format_file(f)
            except ChangedOnDisk:
                failed = True
                sys.stderr.write(f"{path_text(f)}: refused: the file changed on disk while "
                                 "formatting; run fmt again\n")
                continue
            except OSError as e:
                failed = True
                hint = getattr(e, "hint", "")
                sys.stderr.write(f"{path_text(f)}: error: cannot write: {e.strerror or e}\n"
                                 + (f"  hint: {hint}\n" if hint else ""))
                continue
        if out.state in ("error", "refused"):
            failed = True
            sys.stderr.write(f"{path_text(f)}: "
                             f"{'refused' if out.state == 'refused' else 'error'}: "
                             f"{clean(out.message)}\n")
        elif out.state == "changed":
            would_change += 1
            if check_only:
                sys.stdout.write(f"{path_text(f)}\n")
            else:
                sys.stderr.write(f"formatted {path_text(f)}\n")
    verb = "would reformat" if check_only else "reformatted"
    sys.stderr.write(f"{len(files)} file(s), {would_change} {verb}\n")
    if failed or (check_only and would_change):
        raise typer.Exit(EXIT_FINDINGS)


@app.command(context_settings={"ignore_unknown_options": True})  # VALUE may be -3.2
def record(
    indicator: Annotated[str, typer.Argument(help="Indicator id.")],
    period: Annotated[str, typer.Argument(help='Period: "2024", "2024-01..10", "2024-Q1..Q3".')],
    value: Annotated[str, typer.Argument(help="The figure (or done / in_progress / … for a "
                                         "milestone).")],
    paths: Annotated[list[Path] | None, typer.Argument(
        help="The dataset directory (default: the nearest directory holding a plan, here or "
        "above, or its targets/).", show_default=False)] = None,
    source: Annotated[str, typer.Option("--source", help="Source id (required).")] = "",
    path: Annotated[Path | None, typer.Option(
        "--data", hidden=True, help="Deprecated: give the dataset directory as PATH.")]
    = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Unit, e.g. 万人.")] = None,
    measure: Annotated[str | None, typer.Option(
        "--measure", help="level, growth, flow, cumulative or milestone (default: what the "
        "indicator's targets use: flow for a cumulative target, growth for a growth "
        "target, else level).", show_default=False)] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="Short verbatim quote.")] = None,
    partial: Annotated[bool, typer.Option(
        "--partial", help="Assert that the period is part of a year.")] = False,
    status: Annotated[str, typer.Option("--status", help="final, preliminary or estimate.")]
    = "final",
    scope: Annotated[str | None, typer.Option("--scope", help="Scope, e.g. 市辖区.")] = None,
    revises: Annotated[list[str] | None, typer.Option(
        "--revises", help="Source id whose figure for this period this one revises; "
        "repeat it for several sources that agreed.")] = None,
    proxy: Annotated[bool, typer.Option("--proxy", help="A proxy measure (needs --notes).")]
    = False,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes.")] = None,
) -> None:
    """Add a reported figure to its source's actuals file, validated and written atomically.

    Refuses duplicates and conflicts (unless --revises) and anything that would make the
    dataset invalid (exit 1); notes a figure no target can use. A negative VALUE needs no
    `--`.
    """
    from .atomic import ChangedOnDisk
    from .periods import PeriodError, parse_period
    from .record import RecordRefused, record_figures
    from .sanitize import clean

    if not source:
        usage_error("missing option '--source'", "the source the figure is read from "
                    "(`goaltrack source add` declares a new one)")
    root = _write_root(paths, path, "record")
    try:
        p = parse_period(period)
    except PeriodError as e:
        usage_error(str(e))
    if partial and not p.partial:
        usage_error(f"--partial given but {period!r} is a whole year")
    if p.partial and not partial:
        usage_error(f"{period!r} is part of a year", "pass --partial to confirm")
    fields: dict[str, object] = {
        "indicator": indicator, "period": period, "partial": True if partial else None,
        "unit": unit, "measure": measure,
        "source": source, "scope": scope, "status": status,
        "revises": revises[0] if revises and len(revises) == 1 else revises or None,
        "comparability": "proxy" if proxy else None, "quote": quote, "notes": notes,
    }
    if value.startswith("-") and value[1:2].isalpha():
        usage_error(f"no such option: {value}", "see `goaltrack record --help`")
    if value.lstrip("+-").replace(".", "", 1).isdigit():
        from .extract.numbers import MAX_DIGITS, arabic_value
        from .sanitize import clip

        if arabic_value(value.lstrip("+-")) is None:  # 400 digits overflow a float
            usage_error(f"value {clip(value, 40)} is too large to be a figure (more than "
                        f"{MAX_DIGITS} digits before the point)",
                        "give the value in the unit its source uses (亿元, 万人)")
    try:
        fields["value"] = float(value) if any(c in value for c in ".eE") else int(value)
    except ValueError:
        if measure not in ("milestone", None):
            usage_error(f"value {value!r} is not a number")
        fields["state"] = value  # a milestone's state: done, in_progress, …
    if measure == "milestone" and "value" in fields:
        usage_error(f"a milestone's value is its state, not {value!r}",
                    "use done, in_progress, at_risk, not_started or failed")
    try:
        guesses: list[str] = []
        written = record_figures(root, [fields], notes=guesses)
    except (RecordRefused, ChangedOnDisk) as e:
        _refused(e)
    except OSError as e:
        _write_failed(e, Path(e.filename) if e.filename else root)
    for note in guesses:
        sys.stderr.write(f"goaltrack: note: {clean(note)}\n")
    indicator = str(fields["indicator"])  # as the dataset spells it (GDP → gdp)
    sys.stdout.write(clean(f"recorded {indicator} {period} = {value} ({fields['measure']}, "
                           f"{fields['source']}) "
                           f"in {written}") + "\n")
    _print_verdicts(root, indicator)


def _write_root(paths: list[Path] | None, data: Path | None, command: str) -> Path:
    """The one dataset directory a writing command changes (said on stderr's first line)."""
    if data is not None:
        if paths:
            usage_error("give the dataset either as PATH or as --data, not both")
        sys.stderr.write("goaltrack: deprecated: --data DIR; give the dataset directory as "
                         "PATH\n")
        paths = [data]
    if paths and len(paths) > 1:
        usage_error(f"{command} writes into one dataset directory, not {len(paths)} paths")
    loc = _locate(paths)
    if loc.origin == "bundled":
        usage_error("no dataset here or above", f"run {command} inside a dataset (a directory "
                    "holding a plan) or give its directory as PATH")
    root = loc.paths[0]
    if not root.is_dir():
        usage_error(f"no dataset directory {root}", "give the directory that holds the plan, "
                    "sources.toml and actuals/")
    return root


def _print_verdicts(root: Path, indicator: str) -> None:
    """The indicator's verdicts after a change (what `record` and `unrecord` end with)."""
    from .evaluate import evaluate_dataset
    from .sanitize import clean
    from .validate import check_dataset

    opts = _options(None, "latest", "pace", 0.95, 0.6)
    ds = check_dataset([root]).dataset
    for ev in evaluate_dataset(ds, opts):
        if ev.indicator == indicator:
            sys.stdout.write(clean(f"  {ev.target_text}: {ev.status.replace('_', ' ')} — "
                                   f"{ev.reason}") + "\n")


def _refused(e: Exception) -> NoReturn:
    """A refused write: the reasons, and exit 2 for a usage error (an unknown id, invalid
    fields), else 1."""
    from .atomic import ChangedOnDisk
    from .record import FigureInvalid, RecordRefused, UnknownIndicator
    from .sanitize import path_text

    if isinstance(e, RecordRefused):
        _report_refusal(e)
        raise typer.Exit(EXIT_USAGE if isinstance(e, FigureInvalid | UnknownIndicator)
                         else EXIT_FINDINGS)
    if isinstance(e, ChangedOnDisk):
        sys.stderr.write(f"goaltrack: refused: {path_text(Path(str(e)))} changed on disk "
                         "meanwhile; run the command again\n")
        raise typer.Exit(EXIT_FINDINGS)
    raise e


@app.command()
def unrecord(
    indicator: Annotated[str, typer.Argument(help="Indicator id.")],
    period: Annotated[str, typer.Argument(help='Period, as recorded: "2024", "2024-01..10".')],
    paths: Annotated[list[Path] | None, typer.Argument(
        help="The dataset directory (default: the nearest directory holding a plan, here or "
        "above, or its targets/).", show_default=False)] = None,
    source: Annotated[str, typer.Option("--source", help="Source id (required).")] = "",
) -> None:
    """Take back a recorded figure: removed from its source's actuals file, validated and
    written atomically under the same lock as `record` (the other figures and comments stay).

    Exit 1 when no such figure is recorded or the dataset would be invalid without it, 2 on
    usage errors (an unknown indicator or source).
    """
    from .atomic import ChangedOnDisk
    from .record import RecordRefused, remove_figure
    from .sanitize import clean, path_text

    if not source:
        usage_error("missing option '--source'", "the source whose figure is taken back")
    root = _write_root(paths, None, "unrecord")
    try:
        file, line = remove_figure(root, indicator, period, source)
    except (RecordRefused, ChangedOnDisk) as e:
        _refused(e)
    except OSError as e:
        _write_failed(e, Path(e.filename) if e.filename else root)
    from .suggest import resolve_id
    from .validate import check_dataset

    ds = check_dataset([root]).dataset
    indicator = resolve_id(indicator, ds.indicators) or indicator
    sys.stdout.write(clean(f"took back {indicator} {period} ({resolve_id(source, ds.sources)}) "
                           f"from {path_text(file)}:{line}") + "\n")
    _print_verdicts(root, indicator)


source_app = typer.Typer(help="Declare the sources figures are read from.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(source_app, name="source")


@source_app.command("add")
def source_add(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="The new source's id, e.g. "
                                             "zj-2024-bulletin.")],
    paths: Annotated[list[Path] | None, typer.Argument(
        help="The dataset directory (default: the nearest directory holding a plan, here or "
        "above, or its targets/).", show_default=False)] = None,
    title: Annotated[str, typer.Option("--title", help="The document's title (required).")]
    = "",
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it.")]
    = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="When: 2024-03-20, 2024-03 or 2024.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Its address.")] = None,
    reliability: Annotated[str | None, typer.Option(
        "--reliability", help="How far to trust it, e.g. \"statistics bureau bulletin\".")]
    = None,
    file: Annotated[str | None, typer.Option(
        "--file", help="The name of its archived text in the --sources directory.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes.")] = None,
) -> None:
    """Declare a source in the dataset's sources.toml, validated and written atomically
    under the same lock as `record` (comments kept); then `record … --source ID`.

    Exit 1 when the id is already declared, 2 on usage errors (invalid fields).
    """
    from .atomic import ChangedOnDisk
    from .record import RecordRefused, add_source
    from .sanitize import clean, path_text

    if not title:
        usage_error("missing option '--title'", "the document's title, as published")
    root = _write_root(paths, None, "source add")
    try:
        written = add_source(root, {"id": source_id, "title": title, "publisher": publisher,
                                    "published": published, "url": url,
                                    "reliability": reliability, "file": file,
                                    "notes": notes})
    except (RecordRefused, ChangedOnDisk) as e:
        _refused(e)
    except OSError as e:
        _write_failed(e, Path(e.filename) if e.filename else root)
    sys.stdout.write(clean(f"declared source {source_id} in {path_text(written)}") + "\n")


EXTRACT_FORMATS = ("table", "toml", "json")


@app.command()
def extract(
    text_file: Annotated[Path, typer.Argument(
        help="The bulletin, work report or news item: a UTF-8 (or GB18030) text file.")],
    paths: PathsArg = None,
    period: Annotated[int | None, typer.Option(
        "--period", help="The year the text reports on (default: the year in its title).")]
    = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="The source id of the text (needed by --write).")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table (for review), toml ([[actuals]] blocks) or json.")]
    = "table",
    plan: Annotated[str | None, typer.Option(
        "--plan", help="Only look for this plan's indicators.")] = None,
    write: Annotated[bool, typer.Option(
        "--write", help="Append the accepted candidates to actuals/<source>.toml.")] = False,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", help="Candidates below this confidence are not written.")] = 0.7,
) -> None:
    """Propose the figures a text reports for the dataset's indicators, for review.

    Exit 0 when candidates were found (and written with --write), 1 when none were found,
    the dataset has errors or --write was refused, 2 on usage errors and unusable input.
    """
    from .extract.candidates import ExtractOptions, extract_figures
    from .extract.context import document_year
    from .extract.textin import InputError, read_input

    if fmt not in EXTRACT_FORMATS:
        usage_error(f"unknown --format {fmt!r}", "use " + ", ".join(EXTRACT_FORMATS))
    if period is not None and not 1900 <= period <= 2200:
        usage_error(f"--period {period}: a year from 1900 to 2200")
    if write and source is None:
        usage_error("--write needs --source", "the figures go to that source's actuals file")
    try:
        text, encoding = read_input(text_file)
    except InputError as e:
        usage_error(str(e), e.hint)
    loc = _locate(paths)
    resolved = loc.paths
    if write and (loc.origin == "bundled" or len(resolved) != 1 or not resolved[0].is_dir()):
        usage_error("--write needs one dataset directory", "give it, or run inside the dataset")
    ds = _valid_dataset(paths, loc).dataset
    if source is not None:
        source = _source_id(ds, source)
    if plan is not None and plan not in ds.plans:
        usage_error(f"unknown --plan {plan!r}", "plans: " + ", ".join(sorted(ds.plans)))
    year = period or document_year(text)
    if year is None:
        usage_error(f"{text_file}: no year in its title", "give --period YEAR")
    published = ds.sources[source].published if source is not None else None
    written = int(published[:4]) if published else None  # 今年 / 去年 count from it
    ex = extract_figures(text, ds, ExtractOptions(year, plan, written))
    from .render.extract_out import render_json, render_table, render_toml

    if fmt == "json":
        sys.stdout.write(render_json(ex, year, source))
    elif fmt == "toml":
        sys.stdout.write(render_toml(ex.candidates, source))
    elif ex.candidates:
        render_table(ex, _stdout_console())
    from .sanitize import clean, path_text

    note = "" if encoding == "utf-8" else f", read as {encoding.upper()}"
    sys.stderr.write(f"{len(ex.candidates)} candidate(s) for {year} from "
                     f"{path_text(text_file)} (scope {clean(ex.doc_scope)}{note}); "
                     f"{len(ex.skipped)} mention(s) skipped\n")
    for sk in ex.skipped:
        sys.stderr.write(f"  skipped {sk.indicator} (line {sk.line}): {clean(sk.reason)}\n")
    if not ex.candidates:
        sys.stderr.write("goaltrack: no figures for the dataset's indicators found\n"
                         "  hint: names and `aliases` of indicators are what is looked for\n")
        raise typer.Exit(EXIT_FINDINGS)
    if write:
        _write_extracted(resolved[0], source or "", ex.candidates, min_confidence)


def _write_extracted(root: Path, source: str, cands: list[Candidate], floor: float) -> None:
    from .atomic import ChangedOnDisk
    from .extract.write import write_candidates
    from .record import RecordRefused

    accepted = [c for c in cands if c.confidence >= floor]
    if not accepted:
        sys.stderr.write(f"goaltrack: no candidate reaches --min-confidence {floor}; nothing "
                         "written\n")
        raise typer.Exit(EXIT_FINDINGS)
    try:
        done = write_candidates(root, source, accepted)
    except RecordRefused as e:
        _report_refusal(e)
        sys.stderr.write("goaltrack: nothing written\n")
        raise typer.Exit(EXIT_FINDINGS) from None
    except ChangedOnDisk as e:
        sys.stderr.write(f"goaltrack: refused: {e} changed on disk meanwhile; nothing "
                         "written; run the command again\n")
        raise typer.Exit(EXIT_FINDINGS) from None
    except OSError as e:
        _write_failed(e, Path(e.filename) if e.filename else root)
    from .sanitize import clean, path_text

    for _, note in done.identical:
        sys.stderr.write(f"  skipped (already recorded): {clean(note)}\n")
    for _, why in done.conflicting:
        sys.stderr.write(f"  refused (conflict): {clean(why)}\n")
    where = f" to {path_text(done.path)}" if done.path is not None else ""
    sys.stderr.write(f"wrote {len(done.written)} figure(s){where}; {len(done.identical)} "
                     f"already recorded (skipped), {len(done.conflicting)} conflicting "
                     f"(refused), {len(cands) - len(accepted)} below --min-confidence "
                     f"{floor}\n")
    if done.conflicting:  # exit 1: a figure the text gives is not recorded
        sys.stderr.write("  hint: if a figure revises another source's, record it with "
                         "`goaltrack record --revises SOURCE`\n")
        raise typer.Exit(EXIT_FINDINGS)


def _report_refusal(e: RecordRefused) -> None:
    from .diagnostics import format_text
    from .record import FigureInvalid, UnknownIndicator
    from .sanitize import clean

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
        sys.stderr.write("  hint: if this figure revises another source's, add --revises "
                         "SOURCE\n")


def _write_failed(e: OSError, path: Path) -> NoReturn:
    """A file could not be written: say which and why (exit 2: the path given is unusable)."""
    hint = getattr(e, "hint", "") or ("check that the directory exists and is writable"
                                      if isinstance(e, FileNotFoundError | PermissionError)
                                      else "")
    usage_error(f"cannot write {path}: {e.strerror or e}", hint)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the dataset.")],
    plan: Annotated[str, typer.Option("--plan", help="Plan id, e.g. dalian-15fyp.")]
    = "my-plan",
    level: Annotated[str, typer.Option(
        "--level", help="national, provincial, city, district or county.")] = "city",
) -> None:
    """Create a small example dataset to edit: a plan, one indicator of each common kind of
    target, sources and an actuals file, every field explained in comments.

    Refuses to overwrite any existing file (exit 1). The result passes `check --strict`.
    """
    from .atomic import locked, write_atomic
    from .sanitize import path_text
    from .scaffold import ScaffoldError, skeleton

    try:
        sk = skeleton(plan, level)
    except ScaffoldError as e:
        usage_error(str(e))
    existing = sk.existing(directory)
    if existing:
        for f in existing:
            sys.stderr.write(f"goaltrack: refused: {path_text(f)} exists\n")
        sys.stderr.write("  hint: init writes only new files: choose an empty directory or "
                         "another --plan\n")
        raise typer.Exit(EXIT_FINDINGS)
    for rel, text in sk.files.items():
        path = directory / rel
        try:
            with locked(path) as target:
                if target.exists():  # created by someone else since the check above
                    sys.stderr.write(f"goaltrack: refused: {path_text(path)} exists\n")
                    raise typer.Exit(EXIT_FINDINGS)
                write_atomic(target, text)
        except OSError as e:
            _write_failed(e, path)
        sys.stderr.write(f"created {path_text(path)}\n")
    sys.stderr.write("next: edit the files, then `goaltrack check --strict "
                     f"{path_text(directory)}`\n")


@app.command("list")
def list_command(
    paths: PathsArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List the plans, indicators (id, name, unit, kinds of target) and sources of a dataset.

    Lists what could be read even when the dataset has errors, then exits 1.
    """
    if fmt not in ("text", "json"):
        usage_error(f"unknown --format {fmt!r}", "use text or json")
    result = _load_checked(paths)
    from .listing import listing

    doc = listing(result.dataset)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        from .render.list_text import render_list_text

        sys.stdout.write(render_list_text(doc, _text_width()))
    if result.errors:
        sys.stderr.write(f"goaltrack: the dataset has {len(result.errors)} error(s); listed "
                         "what could be read (see `goaltrack check`)\n")
        raise typer.Exit(EXIT_FINDINGS)


def main() -> None:
    """Entry point: turns unexpected exceptions into a short message (exit 3)."""
    if sys.argv[1:] == ["--version"]:  # answered before Typer builds every command
        print(f"goaltrack {__version__}")
        return
    # The CLI uses no pydantic plugins; skipping their entry-point scan saves ~40 ms a run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # One run's records live until it exits and make no cycles worth collecting, so the
    # cyclic collector would only walk them again and again (~3 s of ~14 s at 100k actuals).
    gc.disable()
    args = _take_debug(sys.argv[1:])
    _guard_closed_stdout()
    try:
        try:
            app(args=args, prog_name="goaltrack", standalone_mode=True)
        finally:
            sys.stdout.flush()  # a full disk shows here, not at exit
    except KeyboardInterrupt:
        sys.stderr.write("goaltrack: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # `goaltrack report | head`: the reader has what it wanted
        _quiet_stdout()
        sys.exit(EXIT_FINDINGS)
    except Exception as e:  # the last line of defence: never a traceback for users
        if _state["debug"]:
            raise
        if isinstance(e, UnicodeEncodeError):  # e.g. PYTHONIOENCODING=ascii and Chinese text
            _quiet_stdout()
            sys.stderr.write(f"goaltrack: error: cannot write the output in {e.encoding}: "
                             f"{e.object[e.start:e.end][:10]!a} does not fit\n"
                             "  hint: use a UTF-8 locale or PYTHONIOENCODING=utf-8\n")
            sys.exit(EXIT_USAGE)
        if isinstance(e, OSError) and e.filename is None and e.errno is not None:
            # Writing stdout failed (`> /dev/full`, a closed descriptor): not a bug.
            _quiet_stdout()
            sys.stderr.write(f"goaltrack: error: cannot write the output: "
                             f"{e.strerror or e}\n")
            sys.exit(EXIT_USAGE)
        from .sanitize import clean, clip

        sys.stderr.write(f"goaltrack: internal error: {type(e).__name__}: "
                         f"{clip(clean(str(e)))}\n"
                         "  hint: run again with --debug for the traceback, and report it\n")
        sys.exit(EXIT_INTERNAL)


def _take_debug(args: list[str]) -> list[str]:
    """`--debug` is understood anywhere before `--` (the hint says "run again with
    --debug" without saying where): taken out of the arguments and remembered."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" in args[:end]:
        _state["debug"] = True
        return [a for a in args[:end] if a != "--debug"] + args[end:]
    return args


class _ClosedStdout(io.TextIOBase):
    """Standard output when the process got none (`>&-`): a write is the OSError a write
    to a closed descriptor gives, so that it is reported as every failed write of the output
    is (exit 2), not dropped or crashed on."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _guard_closed_stdout() -> None:
    """With descriptor 1 closed, Python sets sys.stdout to None: the first output would be
    an AttributeError, and the next file opened would get descriptor 1. /dev/null takes the
    descriptor; writes raise."""
    if sys.stdout is not None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
    sys.stdout = _ClosedStdout()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush of a full or closed
    stdout does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
