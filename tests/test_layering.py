"""Modules use each other's public names only, and the lower layers do not reach up."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "goaltrack"


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) of every `from … import name` in `path`, relative modules resolved."""
    package = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    out: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            out.extend((module, a.name) for a in node.names)
    return out


def test_no_private_name_is_imported_from_another_module() -> None:
    private = [f"{p.relative_to(SRC)}: {m}.{n}" for p in sorted(SRC.rglob("*.py"))
               for m, n in _imports(p)
               if m.startswith("goaltrack") and n.startswith("_") and not n.startswith("__")]
    assert private == []


def test_selection_reads_dates_from_dates_not_from_checks() -> None:
    modules = {m for m, _ in _imports(SRC / "selection.py")}
    assert "goaltrack.dates" in modules
    assert "goaltrack.checks" not in modules
