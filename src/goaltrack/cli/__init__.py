"""The command-line interface: thin wiring of loading, evaluation and renderers.

One module per command; what they share (options, choices, loading, output) is in
`common`. A command's module is imported, and its options built, only when that command
runs (or `--help` lists it): Typer would otherwise build every option of every command on
each run. Heavy modules (Rich, pydantic models, exporters) are imported inside the commands.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from .. import __version__
from .common import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, state

__all__ = ["app", "main"]

# In the order `goaltrack --help` lists them: name, module in this package, its function
# (or Typer, for a group of subcommands) and the command's settings.
_COMMANDS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "check": ("check", "check", {}),
    "schema": ("schema", "schema", {}),
    "report": ("report", "report", {}),
    "show": ("show", "show", {}),
    "fmt": ("fmt", "fmt_command", {}),
    # VALUE may be -3.2
    "record": ("record", "record", {"context_settings": {"ignore_unknown_options": True}}),
    "unrecord": ("unrecord", "unrecord", {}),
    "extract": ("extract", "extract", {}),
    "init": ("init", "init", {}),
    "list": ("list", "list_command", {}),
    "source": ("source", "source_app", {}),
}


def build_command(name: str) -> Any:
    """The Click command `name` as Typer builds it from its function (or its group)."""
    module, attribute, settings = _COMMANDS[name]
    target = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    if isinstance(target, typer.Typer):
        group = typer.main.get_group(target)
        group.name = name
        return group
    one = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    one.command(name, **settings)(target)
    return typer.main.get_command(one)


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name, each built the first time it is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in _COMMANDS:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from _COMMANDS
        yield from (name for name in self._built if name not in _COMMANDS)

    def __len__(self) -> int:
        return len(_COMMANDS) + sum(name not in _COMMANDS for name in self._built)


class _LazyGroup(TyperGroup):
    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()


app = typer.Typer(
    name="goaltrack",
    help="Is a Five-Year Plan on course? Check plan data and report progress against targets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=_LazyGroup,
)


def _version(value: bool) -> None:
    if value:
        print(f"goaltrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show tracebacks of internal errors (also understood after the command).",
        ),
    ] = False,
) -> None:
    state["debug"] = state["debug"] or debug


def main() -> None:
    """Entry point: turns unexpected exceptions into a short message (exit 3)."""
    if sys.argv[1:] == ["--version"]:  # answered without building the command line
        print(f"goaltrack {__version__}")
        return
    # The CLI uses no pydantic plugins; skipping their entry-point scan saves ~40 ms a run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = _take_debug(sys.argv[1:])
    _guard_closed_stdout()
    try:
        try:
            app(args=args, prog_name="goaltrack", standalone_mode=True)
        finally:
            sys.stdout.flush()  # a full disk shows here, not at exit
    except KeyboardInterrupt:
        sys.stderr.write("goaltrack: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # `goaltrack report | head`: the reader has what it wanted
        _quiet_stdout()
        sys.exit(EXIT_FINDINGS)
    except Exception as e:  # the last line of defence: never a traceback for users
        if state["debug"]:
            raise
        if isinstance(e, UnicodeEncodeError):  # e.g. PYTHONIOENCODING=ascii and Chinese text
            _quiet_stdout()
            sys.stderr.write(
                f"goaltrack: error: cannot write the output in {e.encoding}: "
                f"{e.object[e.start : e.end][:10]!a} does not fit\n"
                "  hint: use a UTF-8 locale or PYTHONIOENCODING=utf-8\n"
            )
            sys.exit(EXIT_USAGE)
        if isinstance(e, OSError) and e.filename is None and e.errno is not None:
            # Writing stdout failed (`> /dev/full`, a closed descriptor): not a bug.
            _quiet_stdout()
            sys.stderr.write(f"goaltrack: error: cannot write the output: {e.strerror or e}\n")
            sys.exit(EXIT_USAGE)
        from ..core.sanitize import clean, clip

        sys.stderr.write(
            f"goaltrack: internal error: {type(e).__name__}: "
            f"{clip(clean(str(e)))}\n"
            "  hint: run again with --debug for the traceback, and report it\n"
        )
        sys.exit(EXIT_INTERNAL)


def _take_debug(args: list[str]) -> list[str]:
    """`--debug` is understood anywhere before `--` (the hint says "run again with
    --debug" without saying where): taken out of the arguments and remembered."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" in args[:end]:
        state["debug"] = True
        return [a for a in args[:end] if a != "--debug"] + args[end:]
    return args


class _ClosedStdout(io.TextIOBase):
    """Standard output when the process got none (`>&-`): a write is the OSError a write
    to a closed descriptor gives, so that it is reported as every failed write of the output
    is (exit 2), not dropped or crashed on."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _guard_closed_stdout() -> None:
    """With descriptor 1 closed, Python sets sys.stdout to None: the first output would be
    an AttributeError, and the next file opened would get descriptor 1. /dev/null takes the
    descriptor; writes raise."""
    if sys.stdout is not None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
    sys.stdout = _ClosedStdout()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush of a full or closed
    stdout does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
