"""`goaltrack schema`: the JSON Schema of data files or of the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import emit


def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    report_schema: Annotated[
        bool, typer.Option("--report", help="The schema of `report --format json` instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of data files (for Taplo / Even Better TOML) or of the report."""
    if report_schema:
        from ..render.report_schema import report_schema_json

        text = report_schema_json()
    else:
        from ..store.schema import data_schema_json

        text = data_schema_json()
    emit(text, output)
