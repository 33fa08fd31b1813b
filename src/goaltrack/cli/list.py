"""`goaltrack list`: the plans, indicators and sources of a dataset."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..core.vocab import LIST_FORMATS
from .common import (
    EXIT_FINDINGS,
    PathsArg,
    choice,
    load_checked,
    text_width,
)


def list_command(
    paths: PathsArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List the plans, indicators (id, name, unit, kinds of target) and sources of a dataset.

    Lists what could be read even when the dataset has errors, then exits 1.
    """
    choice("--format", fmt, LIST_FORMATS)
    result = load_checked(paths)
    from ..render.listing import listing

    doc = listing(result.dataset)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        from ..render.list_text import render_list_text

        sys.stdout.write(render_list_text(doc, text_width()))
    if result.errors:
        sys.stderr.write(
            f"goaltrack: the dataset has {len(result.errors)} error(s); listed "
            "what could be read (see `goaltrack check`)\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
