"""`goaltrack check`: validate data files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..core.vocab import CHECK_FORMATS
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    PathsArg,
    choice,
    load_checked,
    use_colour,
)


def check(
    paths: PathsArg = None,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Directory of archived source texts: verify every quote."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="text (stderr), json (stdout) or github (annotations)."
        ),
    ] = "text",
) -> None:
    """Validate data files: syntax, schema, references, units, conflicts, quotes.

    Exit 0 when clean, 1 when any error is found (warnings too with --strict), 2 on usage
    errors.
    """
    choice("--format", fmt, CHECK_FORMATS)
    result = load_checked(paths, sources, strict)
    from ..render.check_out import render_check

    render_check(result, fmt, colour=use_colour(sys.stderr))
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)
