"""`goaltrack report`: the progress of every target, and `--compare` of two plans."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..core.vocab import COMPARE_FORMATS, LANGS, REPORT_FORMATS, Lang
from .common import (
    DEFAULT_AT_RISK,
    DEFAULT_METHOD,
    DEFAULT_ON_TRACK,
    DEFAULT_VINTAGE,
    EXIT_FINDINGS,
    EXIT_USAGE,
    STATUS_NAMES,
    AsOfOpt,
    AtRiskOpt,
    LangOpt,
    OnTrackOpt,
    OutputOpt,
    PathsArg,
    choice,
    csv_values,
    emit,
    options,
    recording_console,
    spoken,
    stdout_console,
    usage_error,
    valid_dataset,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core.dataset import Dataset
    from ..core.diagnostics import Diagnostic
    from ..evaluate import Options
    from ..evaluate.summary import Filters, Report


def report(
    paths: PathsArg = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, json, csv, md, html, svg, toml or github (annotations)."
        ),
    ] = "table",
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    vintage: Annotated[
        str,
        typer.Option(
            "--vintage", help="Several sources for one period: latest (revision wins) or first."
        ),
    ] = DEFAULT_VINTAGE,
    method: Annotated[
        str, typer.Option("--method", help="What drives the status: pace or projection.")
    ] = DEFAULT_METHOD,
    plan: Annotated[list[str] | None, typer.Option("--plan", help="Only these plans.")] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", help="Only these categories.")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only these statuses.")
    ] = None,
    nature: Annotated[
        list[str] | None, typer.Option("--nature", help="Only binding, expected or unspecified.")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Only indicators with a tag.")
    ] = None,
    sort: Annotated[
        str, typer.Option("--sort", help="plan, status, indicator, progress or category.")
    ] = "plan",
    lang: LangOpt = "en",
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="Exit 1 if any target has one of these statuses (comma-separated)."
        ),
    ] = None,
    on_track: OnTrackOpt = DEFAULT_ON_TRACK,
    at_risk: AtRiskOpt = DEFAULT_AT_RISK,
    tracked: Annotated[
        bool, typer.Option("--tracked/--no-tracked", help="Include indicators without targets.")
    ] = True,
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV: start with a byte-order mark so Excel reads UTF-8.")
    ] = False,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact", help="Table, md, html, svg: hide rows without any reported figure."
        ),
    ] = False,
    ascii_only: Annotated[
        bool,
        typer.Option(
            "--ascii",
            help="Table: ASCII symbols and borders only (for terminals that draw "
            "● ▲ ≥ █ double-width).",
        ),
    ] = False,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            help="PRED,SUCC: a plan beside its successor, indicator by indicator "
            "(table, json, md, csv, html or toml).",
        ),
    ] = None,
) -> None:
    """Progress of every target against the reported figures.

    Exit 1 when --fail-on matches (or the dataset has errors), 2 on usage errors.
    """
    from ..evaluate.summary import SORT_KEYS, build_report

    choice("--format", fmt, REPORT_FORMATS)
    language = choice("--lang", lang, LANGS)
    choice("--sort", sort, SORT_KEYS)
    statuses, gate = csv_values(status), csv_values([fail_on] if fail_on else None)
    for s in (*statuses, *gate):
        choice("status", s, STATUS_NAMES)
    opts = options(as_of, vintage, method, on_track, at_risk)
    if compare is not None:
        if plan or category or status or nature or tag or fail_on:
            usage_error(
                "--compare sets two whole plans side by side; it takes no --plan, "
                "--category, --status, --nature, --tag or --fail-on"
            )
        if fmt not in COMPARE_FORMATS:
            usage_error(f"--compare has no --format {fmt!r}", "use " + spoken(COMPARE_FORMATS))
        _compare(paths, compare, opts, fmt, language, output, bom, ascii_only)
        return
    result = valid_dataset(paths)
    filters = _filters(result.dataset, plan, category, statuses, nature, tag, tracked)
    rep = build_report(result.dataset, opts, filters, sort)
    if not rep.plans:  # valid values, but no target has them all (e.g. no target missed)
        sys.stderr.write("goaltrack: no target matches these filters\n")
    from ..render.gate import gate_hits

    hits = gate_hits(rep, gate, language)
    if fmt == "github":
        from ..core.diagnostics import format_github

        emit("".join(format_github(d) + "\n" for d in hits), output)
    elif fmt in ("json", "csv", "md", "html", "toml", "svg"):
        # SVG: the chart of a chosen plan or category, else the summary chart of all plans
        emit(_export(rep, fmt, language, bom, compact, detail=bool(plan or category)), output)
    else:
        from ..render.terminal import render_report

        if output is not None:
            console = recording_console()
            render_report(rep, console, language, compact=compact, ascii_only=ascii_only)
            emit(console.export_text(), output)
        else:
            render_report(rep, stdout_console(), language, compact=compact, ascii_only=ascii_only)
    _gate(hits, gate, fmt)


def _filters(
    ds: Dataset,
    plan: list[str] | None,
    category: list[str] | None,
    statuses: tuple[str, ...],
    nature: list[str] | None,
    tag: list[str] | None,
    tracked: bool,
) -> Filters:
    """The filters as given, ids matched ignoring case; an unknown value is a usage error
    with a "did you mean"."""
    from ..core.sanitize import clean
    from ..core.suggest import did_you_mean, resolve_id
    from ..evaluate.summary import Filters, filter_choices, unknown_filter_values

    choices = filter_choices(ds)

    def given(name: str, values: list[str] | None) -> tuple[str, ...]:
        return tuple(resolve_id(v, choices[name]) or v for v in csv_values(values))

    filters = Filters(
        given("plan", plan),
        given("category", category),
        statuses,
        given("nature", nature),
        given("tag", tag),
        tracked,
    )
    unknown = unknown_filter_values(ds, filters)
    for name, bad in unknown.items():
        use = f"use {', '.join(choices[name]) or '(none defined)'}"
        hint = did_you_mean(bad[0], choices[name], use) if len(bad) == 1 else use
        sys.stderr.write(
            clean(f"goaltrack: error: --{name} {', '.join(bad)}: not in the dataset")
            + f"\n  hint: {clean(hint)}\n"
        )
    if unknown:
        raise typer.Exit(EXIT_USAGE)
    return filters


def _gate(hits: list[Diagnostic], gate: tuple[str, ...], fmt: str) -> None:
    """`--fail-on`: exit 1 when a target has one of its statuses, each said on stderr."""
    failed = [d for d in hits if d.severity == "error"]
    if not failed:
        return
    if fmt != "github":
        from ..core.diagnostics import format_text

        for d in failed:
            sys.stderr.write(format_text(d) + "\n")
    sys.stderr.write(f"goaltrack: {len(failed)} target(s) with status {', '.join(gate)}\n")
    raise typer.Exit(EXIT_FINDINGS)


def _compare(
    paths: list[Path] | None,
    pair: str,
    opts: Options,
    fmt: str,
    lang: Lang,
    output: Path | None,
    bom: bool,
    ascii_only: bool,
) -> None:
    """The succession view: PRED,SUCC, two plans linked by indicators' `continues`."""
    from ..core.suggest import did_you_mean, resolve_id

    ids = [x.strip() for x in pair.split(",")]
    if len(ids) != 2 or not all(ids):
        usage_error(
            f"--compare {pair!r} is not two plans",
            "give PRED,SUCC, e.g. --compare cn-14fyp,cn-15fyp",
        )
    ds = valid_dataset(paths).dataset
    found = [resolve_id(pid, ds.plans) for pid in ids]  # case ignored
    for pid, got in zip(ids, found, strict=True):
        if got is None:
            usage_error(
                f"--compare: no plan {pid!r} in the dataset",
                did_you_mean(pid, ds.plans, "use " + ", ".join(sorted(ds.plans))),
            )
    before, after = (got or "" for got in found)
    from ..evaluate.succession import lineage

    linked = sorted({(p.plan, i.plan) for i in ds.indicators.values() for p in lineage(ds, i)})
    if (before, after) not in linked:
        pairs = ", ".join(f"{a},{b}" for a, b in linked if a != b)
        usage_error(
            f"--compare: no indicator of {after!r} continues one of {before!r}",
            f"linked plans: {pairs}"
            if pairs
            else 'no plan in the dataset continues another (see docs/format.md, "Plan succession")',
        )
    from ..evaluate import evaluate_dataset
    from ..evaluate.plan_compare import compare_plans
    from ..render.compare_rows import compare_rows

    evs = [e for e in evaluate_dataset(ds, opts) if e.plan in (before, after)]
    rows = compare_rows(ds, compare_plans(ds, evs, before, after), lang)
    when = opts.as_of.date.isoformat()
    from ..render import compare_out as co

    if fmt == "json":
        emit(co.render_compare_json(ds, rows, before, after, when, lang), output)
    elif fmt == "md":
        emit(co.render_compare_md(ds, rows, before, after, when, lang), output)
    elif fmt == "csv":
        emit(co.render_compare_csv(rows, bom), output)
    elif fmt == "html":
        emit(co.render_compare_html(ds, rows, before, after, when, lang), output)
    elif fmt == "toml":
        emit(co.render_compare_toml(ds, rows, before, after, when, lang), output)
    elif output is not None:
        console = recording_console()
        co.render_compare_table(ds, rows, before, after, when, console, lang, ascii_only)
        emit(console.export_text(), output)
    else:
        co.render_compare_table(ds, rows, before, after, when, stdout_console(), lang, ascii_only)


def _export(
    rep: Report, fmt: str, lang: Lang, bom: bool, compact: bool, detail: bool = True
) -> str | Iterator[str]:
    """The report in an export format (the same verdicts as the table)."""
    if fmt == "json":
        from ..render.json_export import iter_render_json

        return iter_render_json(rep, lang)  # in chunks: a national dataset's report is large
    if fmt == "csv":
        from ..render.csv_export import render_csv

        return render_csv(rep, lang, bom)
    if fmt == "md":
        from ..render.md_export import render_markdown

        return render_markdown(rep, lang, compact)
    if fmt == "html":
        from ..render.html_export import render_html

        return render_html(rep, lang, compact)
    if fmt == "svg":
        from ..core.sanitize import xml_document
        from ..render.svg_export import render_svg

        return xml_document(render_svg(rep, lang, compact, detail))
    from ..render.toml_export import render_toml

    return render_toml(rep, lang)
