"""`goaltrack unrecord`: take back a recorded figure."""

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


def unrecord(
    indicator: Annotated[str, typer.Argument(help="Indicator id.")],
    period: Annotated[str, typer.Argument(help='Period, as recorded: "2024", "2024-01..10".')],
    paths: WritePathsArg = None,
    source: Annotated[str, typer.Option("--source", help="Source id (required).")] = "",
) -> None:
    """Take back a recorded figure: removed from its source's actuals file, validated and
    written atomically under the same lock as `record` (the other figures and comments stay).

    Exit 1 when no such figure is recorded or the dataset would be invalid without it, 2 on
    usage errors (an unknown indicator or source).
    """
    from ..core.sanitize import clean, path_text
    from ..edit.record import RecordRefused, remove_figure
    from ..store.atomic import ChangedOnDisk

    if not source:
        usage_error("missing option '--source'", "the source whose figure is taken back")
    root = write_root(paths, None, "unrecord")
    opts = default_options()
    try:
        done = remove_figure(root, indicator, period, source)
    except (RecordRefused, ChangedOnDisk) as e:
        refused(e)
    except OSError as e:
        write_failed(e, Path(e.filename) if e.filename else root)
    sys.stdout.write(
        clean(
            f"took back {done.indicator} {period} ({done.source}) "
            f"from {path_text(done.path)}:{done.line}"
        )
        + "\n"
    )
    print_verdicts(done.dataset, done.indicator, opts)
