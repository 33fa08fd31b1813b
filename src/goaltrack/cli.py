"""The command-line interface: thin wiring of loading, evaluation and renderers.

Heavy modules (Rich, pydantic models, exporters) are imported inside the commands that
need them so that `goaltrack --version` and `--help` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__

if TYPE_CHECKING:
    from .validate import CheckResult

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="goaltrack",
    help="Is a Five-Year Plan on course? Check plan data and report progress against targets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Dataset directories or TOML files (default: ./targets if it exists, "
                   "else the bundled Dalian dataset).", show_default=False),
]


def _version(value: bool) -> None:
    if value:
        print(f"goaltrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
    = False,
) -> None:
    _state["debug"] = debug


def use_colour(stream: object) -> bool:
    """Colour only on a real terminal, and never with NO_COLOR or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def usage_error(message: str, hint: str = "") -> NoReturn:
    sys.stderr.write(f"goaltrack: error: {message}\n")
    if hint:
        sys.stderr.write(f"  hint: {hint}\n")
    raise typer.Exit(EXIT_USAGE)


def _load_checked(paths: list[Path] | None, sources: Path | None = None,
                  strict: bool = False) -> CheckResult:
    from .locate import resolve_paths
    from .validate import check_dataset

    resolved, _ = resolve_paths(paths)
    if sources is not None and not sources.is_dir():
        usage_error(f"--sources {sources}: not a directory")
    return check_dataset(resolved, sources, strict)


@app.command()
def check(
    paths: PathsArg = None,
    sources: Annotated[Path | None, typer.Option(
        "--sources", help="Directory of archived source texts: verify every quote.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Treat warnings as errors.")] = False,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="text (stderr), json (stdout) or github (annotations).")] = "text",
) -> None:
    """Validate data files: syntax, schema, references, units, conflicts, quotes.

    Exit 0 when clean, 1 when any error is found (warnings too with --strict), 2 on usage
    errors.
    """
    if fmt not in ("text", "json", "github"):
        usage_error(f"unknown --format {fmt!r}", "use text, json or github")
    result = _load_checked(paths, sources, strict)
    from .render_check import render_check

    render_check(result, fmt, colour=use_colour(sys.stderr))
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]
    = None,
) -> None:
    """Print the JSON Schema of data files (for Taplo / Even Better TOML)."""
    from .schema import data_schema_json

    text = data_schema_json()
    if output is None:
        sys.stdout.write(text)
    else:
        from .atomic import write_atomic

        write_atomic(output, text)


def main() -> None:
    """Entry point: turns unexpected exceptions into a short message (exit 3)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("goaltrack: interrupted\n")
        sys.exit(130)
    except Exception as e:  # the last line of defence: never a traceback for users
        if _state["debug"] or "--debug" in sys.argv:
            raise
        sys.stderr.write(f"goaltrack: internal error: {type(e).__name__}: {e}\n"
                         "  hint: run again with --debug for the traceback, and report it\n")
        sys.exit(EXIT_INTERNAL)
