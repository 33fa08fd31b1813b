"""The layers of docs/architecture.md, enforced: no import runs back up a layer, no private name
is imported from another module, the lower layers know nothing of the terminal."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "goaltrack"
# Lowest first: a module may import from its own layer and the layers before it.
LAYERS = ("core", "store", "check", "edit", "evaluate", "extract", "render", "cli")
TOP_LEVEL = {"__init__", "__main__"}  # the version, `python -m goaltrack`
# What draws on a terminal or parses a command line belongs to render/ and cli/ only.
TERMINAL = ("rich", "typer", "click")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    names: tuple[str, ...]
    line: int


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(root: Path) -> list[Import]:
    """Every import in the package under `root`, at any depth (in functions and
    TYPE_CHECKING blocks too), resolved to absolute names."""
    out = []
    for path in sorted(root.rglob("*.py")):
        mod = module_name(path, root)
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [Import(mod, a.name, (), node.lineno) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = tuple(a.name for a in node.names)
                out.append(Import(mod, target, names, node.lineno))
    return out


def layer(module: str) -> str | None:
    """The layer of a goaltrack module (`goaltrack.core.models` → core), None for the
    top level."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def upward(imps: list[Import]) -> list[str]:
    bad = []
    for i in imps:
        if not i.target.startswith("goaltrack"):
            continue
        own, other = layer(i.module), layer(i.target)
        if i.target == "goaltrack" and set(i.names) <= {"__version__"}:
            continue  # the version, from the package's top
        if own is None:  # only `python -m goaltrack` reaches into the package, for the CLI
            if not (i.module == "goaltrack.__main__" and other == "cli"):
                bad.append(f"{i.module}:{i.line} imports {i.target} from the top level")
        elif other is None:
            bad.append(f"{i.module}:{i.line} imports {i.target}, outside the layers")
        elif LAYERS.index(other) > LAYERS.index(own):
            bad.append(f"{i.module}:{i.line} ({own}) imports {i.target} ({other}): up a layer")
    return bad


def private(imps: list[Import]) -> list[str]:
    return [
        f"{i.module}:{i.line} imports {n} from {i.target}"
        for i in imps
        if i.target.startswith("goaltrack") and i.target != i.module
        for n in i.names
        if n.startswith("_") and not n.startswith("__")
    ]


def terminal(imps: list[Import]) -> list[str]:
    return [
        f"{i.module}:{i.line} imports {i.target}"
        for i in imps
        if i.target.split(".")[0] in TERMINAL and layer(i.module) not in ("render", "cli")
    ]


def test_the_layers_are_packages_and_nothing_else_is_at_the_top() -> None:
    top = {p.stem for p in PKG.glob("*.py")}
    assert top == TOP_LEVEL
    packages = {p.name for p in PKG.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(LAYERS)


def test_no_import_runs_back_up_a_layer() -> None:
    assert upward(imports(PKG)) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    assert private(imports(PKG)) == []


def test_only_the_renderers_and_the_cli_know_the_terminal() -> None:
    assert terminal(imports(PKG)) == []


@pytest.mark.parametrize(
    ("where", "text", "found"),
    [
        ("core/units.py", "from ..render.labels import t\n", upward),
        ("store/loader.py", "def f():\n    from ..evaluate import engine\n", upward),
        (
            "check/rules.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..cli import app\n",
            upward,
        ),
        ("evaluate/engine.py", "from ..core.scan import _t2s\n", private),
        ("core/models.py", "import rich.console\n", terminal),
        ("store/atomic.py", "from typer import echo\n", terminal),
    ],
)
def test_each_rule_finds_what_it_forbids(
    tmp_path: Path, where: str, text: str, found: object
) -> None:
    root = tmp_path / "goaltrack"
    for d in LAYERS:
        (root / d).mkdir(parents=True)
        (root / d / "__init__.py").write_text("", encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / where).write_text(text, encoding="utf-8")
    assert callable(found)
    problems = found(imports(root))
    assert len(problems) == 1 and where.replace("/", ".").removesuffix(".py") in problems[0]


def test_a_lower_layer_importing_a_lower_one_is_allowed(tmp_path: Path) -> None:
    root = tmp_path / "goaltrack"
    for d in LAYERS:
        (root / d).mkdir(parents=True)
        (root / d / "__init__.py").write_text("", encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "render" / "terminal.py").write_text(
        "import rich\nfrom ..core import models\nfrom ..evaluate.engine import evaluate\n"
        "from .. import __version__\n",
        encoding="utf-8",
    )
    imps = imports(root)
    assert upward(imps) == [] and private(imps) == [] and terminal(imps) == []
