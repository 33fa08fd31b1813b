"""`goaltrack extract`: propose the figures a text reports, for review (and `--write`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..core.vocab import EXTRACT_FORMATS
from .common import (
    EXIT_FINDINGS,
    PathsArg,
    choice,
    locate_dataset,
    plan_id,
    report_refusal,
    source_id,
    stdout_console,
    usage_error,
    valid_dataset,
    write_failed,
)

if TYPE_CHECKING:
    from ..extract.candidates import Candidate


def extract(
    text_file: Annotated[
        Path,
        typer.Argument(
            help="The bulletin, work report or news item: a UTF-8 (or GB18030) text file."
        ),
    ],
    paths: PathsArg = None,
    period: Annotated[
        int | None,
        typer.Option(
            "--period", help="The year the text reports on (default: the year in its title)."
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="The source id of the text (needed by --write).")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table (for review), toml ([[actuals]] blocks) or json."
        ),
    ] = "table",
    plan: Annotated[
        str | None, typer.Option("--plan", help="Only look for this plan's indicators.")
    ] = None,
    write: Annotated[
        bool,
        typer.Option("--write", help="Append the accepted candidates to actuals/<source>.toml."),
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option("--min-confidence", help="Candidates below this confidence are not written."),
    ] = 0.7,
) -> None:
    """Propose the figures a text reports for the dataset's indicators, for review.

    Exit 0 when candidates were found (and written with --write), 1 when none were found,
    the dataset has errors or --write was refused, 2 on usage errors and unusable input.
    """
    from ..extract.candidates import ExtractOptions, extract_figures
    from ..extract.context import document_year
    from ..extract.textin import InputError, read_input

    choice("--format", fmt, EXTRACT_FORMATS)
    if period is not None and not 1900 <= period <= 2200:
        usage_error(f"--period {period}: a year from 1900 to 2200")
    if write and source is None:
        usage_error("--write needs --source", "the figures go to that source's actuals file")
    try:
        text, encoding = read_input(text_file)
    except InputError as e:
        usage_error(str(e), e.hint)
    loc = locate_dataset(paths)
    resolved = loc.paths
    if write and (loc.origin == "bundled" or len(resolved) != 1 or not resolved[0].is_dir()):
        usage_error("--write needs one dataset directory", "give it, or run inside the dataset")
    ds = valid_dataset(paths, loc).dataset
    if source is not None:
        source = source_id(ds, source)
    if plan is not None:
        plan = plan_id(ds, plan)
    year = period or document_year(text)
    if year is None:
        usage_error(f"{text_file}: no year in its title", "give --period YEAR")
    from ..core.dates import published_date

    published = published_date(ds.sources[source].published) if source is not None else None
    written = published.year if published else None  # 今年 / 去年 count from it
    ex = extract_figures(text, ds, ExtractOptions(year, plan, written))
    from ..render.extract_out import render_json, render_table, render_toml

    if fmt == "json":
        sys.stdout.write(render_json(ex, year, source))
    elif fmt == "toml":
        sys.stdout.write(render_toml(ex.candidates, source))
    elif ex.candidates:
        render_table(ex, stdout_console())
    from ..core.sanitize import clean, path_text

    note = "" if encoding == "utf-8" else f", read as {encoding.upper()}"
    sys.stderr.write(
        f"{len(ex.candidates)} candidate(s) for {year} from "
        f"{path_text(text_file)} (scope {clean(ex.doc_scope)}{note}); "
        f"{len(ex.skipped)} mention(s) skipped\n"
    )
    for sk in ex.skipped:
        sys.stderr.write(f"  skipped {sk.indicator} (line {sk.line}): {clean(sk.reason)}\n")
    if not ex.candidates:
        sys.stderr.write(
            "goaltrack: no figures for the dataset's indicators found\n"
            "  hint: names and `aliases` of indicators are what is looked for\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
    if write:
        _write_extracted(resolved[0], source or "", ex.candidates, min_confidence)


def _write_extracted(root: Path, source: str, cands: list[Candidate], floor: float) -> None:
    from ..edit.record import RecordRefused
    from ..extract.write import write_candidates
    from ..store.atomic import ChangedOnDisk

    accepted = [c for c in cands if c.confidence >= floor]
    if not accepted:
        sys.stderr.write(
            f"goaltrack: no candidate reaches --min-confidence {floor}; nothing written\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
    try:
        done = write_candidates(root, source, accepted)
    except RecordRefused as e:
        report_refusal(e)
        sys.stderr.write("goaltrack: nothing written\n")
        raise typer.Exit(EXIT_FINDINGS) from None
    except ChangedOnDisk as e:
        sys.stderr.write(
            f"goaltrack: refused: {e} changed on disk meanwhile; nothing "
            "written; run the command again\n"
        )
        raise typer.Exit(EXIT_FINDINGS) from None
    except OSError as e:
        write_failed(e, Path(e.filename) if e.filename else root)
    from ..core.sanitize import clean, path_text

    for _, note in done.identical:
        sys.stderr.write(f"  skipped (already recorded): {clean(note)}\n")
    for _, why in done.conflicting:
        sys.stderr.write(f"  refused (conflict): {clean(why)}\n")
    where = f" to {path_text(done.path)}" if done.path is not None else ""
    sys.stderr.write(
        f"wrote {len(done.written)} figure(s){where}; {len(done.identical)} "
        f"already recorded (skipped), {len(done.conflicting)} conflicting "
        f"(refused), {len(cands) - len(accepted)} below --min-confidence "
        f"{floor}\n"
    )
    if done.conflicting:  # exit 1: a figure the text gives is not recorded
        sys.stderr.write(
            "  hint: if a figure revises another source's, record it with "
            "`goaltrack record --revises SOURCE`\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
