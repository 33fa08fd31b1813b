"""`goaltrack fmt`: data files in the canonical layout."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .common import EXIT_FINDINGS, PathsArg, locate_dataset, usage_error


def fmt_command(
    paths: PathsArg = None,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 listing files that would change."),
    ] = False,
    drop_comments: Annotated[
        bool,
        typer.Option(
            "--drop-comments", hidden=True, help="Deprecated; does nothing (comments are kept)."
        ),
    ] = False,
) -> None:
    """Rewrite data files in the canonical layout (key order, tables, blank lines).

    Comments and the way each value is written are kept. Writes are atomic, locked, and
    refused when a file changed on disk meanwhile. Exit 1 when a file was refused or (with
    --check) would change.
    """
    from ..store.atomic import ChangedOnDisk
    from ..store.canonical import format_file, plan_format
    from ..store.loader import discover

    loc = locate_dataset(paths)
    resolved = loc.paths
    if loc.origin == "bundled":
        usage_error(
            "no data files given and no dataset here or above",
            "give the dataset directory to format",
        )
    from ..core.diagnostics import Collector
    from ..core.sanitize import clean, path_text

    col = Collector()
    files = discover(resolved, col)
    for d in col.items:
        sys.stderr.write(f"{d.location()}: {d.severity}: {clean(d.message)}\n")
    if drop_comments:
        sys.stderr.write(
            "goaltrack: note: --drop-comments is deprecated and does nothing: fmt keeps comments\n"
        )
    failed = bool(col.errors)
    would_change = 0
    for f in files:
        if check_only:
            out = plan_format(f)
        else:
            try:
                out = format_file(f)
            except ChangedOnDisk:
                failed = True
                sys.stderr.write(
                    f"{path_text(f)}: refused: the file changed on disk while "
                    "formatting; run fmt again\n"
                )
                continue
            except OSError as e:
                failed = True
                hint = getattr(e, "hint", "")
                sys.stderr.write(
                    f"{path_text(f)}: error: cannot write: {e.strerror or e}\n"
                    + (f"  hint: {hint}\n" if hint else "")
                )
                continue
        if out.state in ("error", "refused"):
            failed = True
            sys.stderr.write(
                f"{path_text(f)}: "
                f"{'refused' if out.state == 'refused' else 'error'}: "
                f"{clean(out.message)}\n"
            )
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
