"""`goaltrack init`: a small example dataset to edit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_FINDINGS, usage_error, write_failed


def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the dataset.")],
    plan: Annotated[str, typer.Option("--plan", help="Plan id, e.g. dalian-15fyp.")] = "my-plan",
    level: Annotated[
        str, typer.Option("--level", help="national, provincial, city, district or county.")
    ] = "city",
) -> None:
    """Create a small example dataset to edit: a plan, one indicator of each common kind of
    target, sources and an actuals file, every field explained in comments.

    Refuses to overwrite any existing file (exit 1). The result passes `check --strict`.
    """
    from ..core.sanitize import path_text
    from ..store.atomic import locked, write_atomic
    from ..store.scaffold import ScaffoldError, skeleton

    try:
        sk = skeleton(plan, level)
    except ScaffoldError as e:
        usage_error(str(e))
    existing = sk.existing(directory)
    if existing:
        for f in existing:
            sys.stderr.write(f"goaltrack: refused: {path_text(f)} exists\n")
        sys.stderr.write(
            "  hint: init writes only new files: choose an empty directory or another --plan\n"
        )
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
            write_failed(e, path)
        sys.stderr.write(f"created {path_text(path)}\n")
    sys.stderr.write(
        f"next: edit the files, then `goaltrack check --strict {path_text(directory)}`\n"
    )
