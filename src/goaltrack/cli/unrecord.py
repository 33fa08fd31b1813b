"""`goaltrack unrecord`: take back a recorded figure."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    DEFAULT_AT_RISK,
    DEFAULT_ON_TRACK,
    WritePathsArg,
    options,
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
    from ..atomic import ChangedOnDisk
    from ..record import RecordRefused, remove_figure
    from ..sanitize import clean, path_text

    if not source:
        usage_error("missing option '--source'", "the source whose figure is taken back")
    root = write_root(paths, None, "unrecord")
    opts = options(None, "latest", "pace", DEFAULT_ON_TRACK, DEFAULT_AT_RISK)
    try:
        file, line = remove_figure(root, indicator, period, source)
    except (RecordRefused, ChangedOnDisk) as e:
        refused(e)
    except OSError as e:
        write_failed(e, Path(e.filename) if e.filename else root)
    from ..suggest import resolve_id
    from ..validate import check_dataset

    ds = check_dataset([root]).dataset
    indicator = resolve_id(indicator, ds.indicators) or indicator
    sys.stdout.write(clean(f"took back {indicator} {period} ({resolve_id(source, ds.sources)}) "
                           f"from {path_text(file)}:{line}") + "\n")
    print_verdicts(root, indicator, opts)
