"""`goaltrack record`: add a reported figure to its source's actuals file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    WritePathsArg,
    default_options,
    print_verdicts,
    refused,
    usage_error,
    write_failed,
    write_root,
)


def record(
    indicator: Annotated[str, typer.Argument(help="Indicator id.")],
    period: Annotated[str, typer.Argument(help='Period: "2024", "2024-01..10", "2024-Q1..Q3".')],
    value: Annotated[
        str, typer.Argument(help="The figure (or done / in_progress / … for a milestone).")
    ],
    paths: WritePathsArg = None,
    source: Annotated[str, typer.Option("--source", help="Source id (required).")] = "",
    path: Annotated[
        Path | None,
        typer.Option("--data", hidden=True, help="Deprecated: give the dataset directory as PATH."),
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Unit, e.g. 万人.")] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            help="level, growth, flow, cumulative or milestone (default: what the "
            "indicator's targets use: flow for a cumulative target, growth for a growth "
            "target, else level).",
            show_default=False,
        ),
    ] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="Short verbatim quote.")] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Assert that the period is part of a year.")
    ] = False,
    status: Annotated[
        str, typer.Option("--status", help="final, preliminary or estimate.")
    ] = "final",
    scope: Annotated[str | None, typer.Option("--scope", help="Scope, e.g. 市辖区.")] = None,
    revises: Annotated[
        list[str] | None,
        typer.Option(
            "--revises",
            help="Source id whose figure for this period this one revises; "
            "repeat it for several sources that agreed.",
        ),
    ] = None,
    proxy: Annotated[
        bool, typer.Option("--proxy", help="A proxy measure (needs --notes).")
    ] = False,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes.")] = None,
) -> None:
    """Add a reported figure to its source's actuals file, validated and written atomically.

    Refuses duplicates and conflicts (unless --revises) and anything that would make the
    dataset invalid (exit 1); notes a figure no target can use. A negative VALUE needs no
    `--`.
    """
    from ..core.sanitize import clean
    from ..edit.record import FigureInvalid, FigureRequest, RecordRefused, record_figure
    from ..store.atomic import ChangedOnDisk

    if not source:
        usage_error(
            "missing option '--source'",
            "the source the figure is read from (`goaltrack source add` declares a new one)",
        )
    root = write_root(paths, path, "record")
    if value.startswith("-") and value[1:2].isalpha():
        usage_error(f"no such option: {value}", "see `goaltrack record --help`")
    try:
        request = FigureRequest.parse(
            indicator,
            period,
            value,
            source,
            measure=measure,
            partial=partial,
            unit=unit,
            quote=quote,
            status=status,
            scope=scope,
            revises=tuple(revises or ()),
            proxy=proxy,
            notes=notes,
        )
    except FigureInvalid as e:
        usage_error(str(e), e.hint)
    opts = default_options()
    try:
        done = record_figure(root, request)
    except (RecordRefused, ChangedOnDisk) as e:
        refused(e)
    except OSError as e:
        write_failed(e, Path(e.filename) if e.filename else root)
    for note in done.notes:
        sys.stderr.write(f"goaltrack: note: {clean(note)}\n")
    sys.stdout.write(
        clean(
            f"recorded {done.indicator} {period} = {value} ({done.measure}, "
            f"{done.source}) in {done.path}"
        )
        + "\n"
    )
    print_verdicts(done.dataset, done.indicator, opts)
