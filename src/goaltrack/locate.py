"""Which dataset to read: explicit paths > ./targets > the bundled Dalian dataset."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_dataset() -> Path:
    """The dataset shipped inside the package (the repository's targets/ directory)."""
    packaged = Path(str(resources.files("goaltrack"))) / "bundled"
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree: use the repository's targets/.
    return Path(__file__).resolve().parents[2] / "targets"


def resolve_paths(paths: list[Path] | None) -> tuple[list[Path], str]:
    """The paths to read and a word saying where they came from."""
    if paths:
        return list(paths), "given"
    local = Path("targets")
    if local.is_dir():
        return [local], "./targets"
    return [bundled_dataset()], "bundled"
