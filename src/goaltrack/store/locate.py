"""Which dataset to read: the paths given; else the nearest directory holding a plan, here or
above (as git finds its repository); else the bundled dataset.

A directory *holds a plan* when a TOML file in it has a `[plan]` table, or when it is a
dataset's root: it has `sources.toml` or `actuals/` (or is named `targets`) and a
subdirectory holding a plan (`init` writes `DIR/<plan>/plan.toml` beside `DIR/sources.toml`).
Each directory from here up is tried, and at each its `targets/` subdirectory too (a
repository keeps its dataset there); from a plan's own directory the search goes on to the
dataset's root above it, so `sources.toml` and `actuals/` beside the plan are read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_PLAN_TABLE = re.compile(rb"^[ \t]*\[[ \t]*plan[ \t]*\]", re.MULTILINE)
_HEAD_BYTES = 65536  # a plan file is short; actuals files, which can be long, have no [plan]
_MAX_ENTRIES = 2000  # a directory with more entries than this is not looked into


@dataclass(frozen=True, slots=True)
class Located:
    """The paths to read, where they came from (given, found, bundled) and a line saying so."""

    paths: list[Path]
    origin: str

    def describe(self) -> str:
        from ..core.sanitize import path_text

        if self.origin == "bundled":
            return (
                "dataset: the bundled dataset (no directory holding a plan here or "
                "above; give a PATH or run inside a dataset)"
            )
        where = ", ".join(path_text(p) for p in self.paths)
        if self.origin == "found":
            full = path_text(self.paths[0].resolve())
            return (
                f"dataset: {where} ({full + ', ' if full != where else ''}the nearest "
                "directory holding a plan)"
            )
        return f"dataset: {where}"


def bundled_dataset() -> Path:
    """The dataset shipped inside the package (the repository's targets/ directory)."""
    packaged = Path(str(resources.files("goaltrack"))) / "bundled"
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree: use the repository's targets/.
    return Path(str(resources.files("goaltrack"))).resolve().parents[1] / "targets"


def _toml_files(d: Path) -> list[Path]:
    try:
        with os.scandir(d) as it:
            entries = [e for _, e in zip(range(_MAX_ENTRIES + 1), it, strict=False)]
    except OSError:
        return []
    if len(entries) > _MAX_ENTRIES:
        return []
    return [
        Path(e.path)
        for e in entries
        if e.name.endswith(".toml") and not e.name.startswith(".") and _is_file(e)
    ]


def _is_file(e: os.DirEntry[str]) -> bool:
    try:
        return e.is_file()
    except OSError:
        return False


def _has_plan_table(f: Path) -> bool:
    try:
        with f.open("rb") as fh:
            return bool(_PLAN_TABLE.search(fh.read(_HEAD_BYTES)))
    except OSError:
        return False


def holds_plan_directly(d: Path) -> bool:
    """A TOML file in `d` itself has a `[plan]` table (`plan.toml` is looked at first)."""
    files = sorted(_toml_files(d), key=lambda f: f.name != "plan.toml")
    return any(_has_plan_table(f) for f in files)


def _is_dataset_root(d: Path) -> bool:
    """`d` keeps a dataset's registry beside a plan in a subdirectory (`sources.toml`,
    `actuals/`, or the name `targets`): a directory of unrelated projects does not."""
    if not ((d / "sources.toml").is_file() or (d / "actuals").is_dir() or d.name == "targets"):
        return False
    try:
        with os.scandir(d) as it:
            subdirs = [
                Path(e.path)
                for _, e in zip(range(_MAX_ENTRIES), it, strict=False)
                if not e.name.startswith(".") and e.is_dir()
            ]
    except OSError:
        return False
    return any(holds_plan_directly(s) for s in sorted(subdirs))


def holds_plan(d: Path) -> bool:
    """`d` is a dataset: it holds a plan itself, or is the root of one (`_is_dataset_root`)."""
    return holds_plan_directly(d) or _is_dataset_root(d)


def find_dataset(start: Path) -> Path | None:
    """The nearest directory at or above `start` that holds a plan (or whose `targets/`
    does), or None."""
    here = start.absolute()
    for d in (here, *here.parents):
        if holds_plan(d):
            # A plan's own directory: the dataset is the directory above it when that one
            # is the dataset's root (its sources.toml and actuals/ sit there).
            if d.parent != d and _is_dataset_root(d.parent):
                d = d.parent
            return _relative(d)
        t = d / "targets"
        if t.is_dir() and holds_plan(t):
            return _relative(t)
    return None


def _relative(d: Path) -> Path:
    """`d` as the user would write it from here (targets, ../mycity), else absolute."""
    try:
        rel = os.path.relpath(d)
    except ValueError:  # another drive
        return d
    return d if Path(rel).parts.count(os.pardir) > 2 else Path(rel)


def locate(paths: list[Path] | None) -> Located:
    """The dataset a command reads."""
    if paths:
        return Located(list(paths), "given")
    found = find_dataset(Path.cwd())
    if found is not None:
        return Located([found], "found")
    return Located([bundled_dataset()], "bundled")


def resolve_paths(paths: list[Path] | None) -> tuple[list[Path], str]:
    """The paths to read and a word saying where they came from (given, found, bundled)."""
    loc = locate(paths)
    return loc.paths, loc.origin
