"""`goaltrack show`: everything about one indicator."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.vocab import LANGS, SHOW_FORMATS
from .common import (
    DEFAULT_AT_RISK,
    DEFAULT_METHOD,
    DEFAULT_ON_TRACK,
    DEFAULT_VINTAGE,
    AsOfOpt,
    AtRiskOpt,
    LangOpt,
    OnTrackOpt,
    OutputOpt,
    PathsArg,
    choice,
    emit,
    indicator_id,
    options,
    recording_console,
    stdout_console,
    valid_dataset,
)


def show(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. gdp.")],
    paths: PathsArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    vintage: Annotated[str, typer.Option("--vintage", help="latest or first.")] = DEFAULT_VINTAGE,
    method: Annotated[str, typer.Option("--method", help="pace or projection.")] = DEFAULT_METHOD,
    lang: LangOpt = "en",
    on_track: OnTrackOpt = DEFAULT_ON_TRACK,
    at_risk: AtRiskOpt = DEFAULT_AT_RISK,
    ascii_only: Annotated[
        bool,
        typer.Option(
            "--ascii",
            help="Text: ASCII symbols and borders only (for terminals that draw "
            "● ▲ ≥ █ double-width).",
        ),
    ] = False,
) -> None:
    """Everything about one indicator: target, citation, figures and the verdict explained."""
    choice("--format", fmt, SHOW_FORMATS)
    language = choice("--lang", lang, LANGS)
    opts = options(as_of, vintage, method, on_track, at_risk)
    ds = valid_dataset(paths).dataset
    indicator = indicator_id(ds, indicator)
    from ..evaluate import evaluate_dataset

    evs = [e for e in evaluate_dataset(ds, opts) if e.indicator == indicator]
    if fmt == "json":
        from ..render.show_json import render_show_json

        emit(render_show_json(ds, indicator, evs, opts, language), output)
        return
    from ..render.show import render_show

    console = recording_console() if output is not None else stdout_console()
    render_show(
        ds, indicator, evs, console, language, ascii_only=ascii_only, thresholds=(on_track, at_risk)
    )
    if output is not None:
        emit(console.export_text(), output)
