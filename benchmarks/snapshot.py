"""Save every output of report, show, check and list on the bundled data and the fixtures.

A refactoring that must not change behaviour is checked by running this before and after
and comparing the two directories byte for byte:

    python benchmarks/snapshot.py /tmp/before
    … change …
    python benchmarks/snapshot.py /tmp/after
    python benchmarks/snapshot.py --compare /tmp/before /tmp/after

Each file holds a command's exit code, stdout and stderr, with the checkout's path written
`<checkout>`, so that two checkouts compare. The commands run in-process through Typer's CLI
runner, with a fixed as-of date, width and environment.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "targets"
FIXTURES = ROOT / "tests" / "fixtures"
DATASETS = {
    "bundled": BUNDLED,
    "statuses": FIXTURES / "statuses",
    "succession": FIXTURES / "succession",
    "valid": FIXTURES / "valid",
}
REPORT_FORMATS = ("table", "json", "csv", "md", "html", "svg", "toml", "github")
AS_OF = ("2026-12-06", "2023-12-26", "2024")
LANGS = ("en", "zh")


def _app() -> Any:
    import importlib

    # the Typer app beside the console script's entry point
    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "goaltrack"]
    return importlib.import_module(ep.module).app


def commands() -> Iterator[tuple[str, list[str]]]:
    """(name, argv) of every command compared."""
    for ds, path in DATASETS.items():
        p = str(path)
        for fmt in REPORT_FORMATS:
            for lang in LANGS:
                for as_of in AS_OF:
                    yield (
                        f"report-{ds}-{fmt}-{lang}-{as_of}",
                        ["report", p, "-f", fmt, "--lang", lang, "--as-of", as_of],
                    )
        for extra in (
            ["--ascii"],
            ["--compact"],
            ["--method", "projection"],
            ["--vintage", "first"],
            ["--sort", "status"],
            ["--sort", "progress"],
            ["--no-tracked"],
            ["--status", "at_risk,off_track"],
            ["--on-track", "0.9", "--at-risk", "0.5"],
            ["--fail-on", "missed"],
        ):
            name = "-".join(a.strip("-").replace(",", "_") for a in extra)
            for lang in LANGS:
                yield (
                    f"report-{ds}-{name}-{lang}",
                    ["report", p, "--lang", lang, "--as-of", AS_OF[0], *extra],
                )
        for fmt in ("text", "json", "github"):
            yield f"check-{ds}-{fmt}", ["check", p, "-f", fmt]
        yield f"check-{ds}-strict", ["check", p, "--strict"]
        for fmt in ("text", "json"):
            yield f"list-{ds}-{fmt}", ["list", p, "-f", fmt]
    for fmt in ("table", "json", "md", "csv", "html", "toml"):
        for lang in LANGS:
            yield (
                f"compare-bundled-{fmt}-{lang}",
                [
                    "report",
                    str(BUNDLED),
                    "--compare",
                    "cn-14fyp,cn-15fyp",
                    "-f",
                    fmt,
                    "--lang",
                    lang,
                    "--as-of",
                    AS_OF[0],
                ],
            )
            yield (
                f"compare-succession-{fmt}-{lang}",
                [
                    "report",
                    str(FIXTURES / "succession"),
                    "--compare",
                    "p14,p15",
                    "-f",
                    fmt,
                    "--lang",
                    lang,
                    "--as-of",
                    AS_OF[0],
                ],
            )
    for ds, path in DATASETS.items():
        for ind in _indicators(path):
            for lang in LANGS:
                for fmt in ("text", "json"):
                    yield (
                        f"show-{ds}-{ind}-{fmt}-{lang}",
                        ["show", ind, str(path), "-f", fmt, "--lang", lang, "--as-of", AS_OF[0]],
                    )
            yield (f"show-{ds}-{ind}-text-en-2023", ["show", ind, str(path), "--as-of", AS_OF[1]])
            yield (
                f"show-{ds}-{ind}-ascii",
                ["show", ind, str(path), "--ascii", "--as-of", AS_OF[0]],
            )


def _indicators(path: Path) -> list[str]:
    import json

    from typer.testing import CliRunner

    out = CliRunner().invoke(_app(), ["list", str(path), "-f", "json"])
    data = json.loads(out.stdout)
    return sorted({i["id"] for pl in data["plans"] for i in pl["indicators"]})


def snapshot(dest: Path) -> int:
    from typer.testing import CliRunner

    env = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb", "LINES": "50"}
    for k, v in env.items():
        os.environ[k] = v
    os.chdir("/")
    app = _app()
    runner = CliRunner()
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, argv in commands():
        r = runner.invoke(app, argv, env=env)
        body = f"exit {r.exit_code}\n--- stdout\n{r.stdout}--- stderr\n{r.stderr}"
        # the checkout's own path (stderr's "dataset:" line): the same in every checkout
        body = body.replace(str(ROOT), "<checkout>")
        if r.exception and not isinstance(r.exception, SystemExit):
            body += f"--- exception\n{type(r.exception).__name__}: {r.exception}\n"
        safe = hashlib.sha1(name.encode()).hexdigest()[:8] if len(name) > 150 else name
        (dest / f"{safe}.txt").write_text(body, encoding="utf-8")
        n += 1
    print(f"{n} outputs saved in {dest}")
    return 0


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differ = [
        n
        for n in names
        if not (a / n).exists()
        or not (b / n).exists()
        or (a / n).read_bytes() != (b / n).read_bytes()
    ]
    print(
        f"{len(names)} outputs compared, {len(names) - len(differ)} byte-identical, "
        f"{len(differ)} differ"
    )
    for n in differ[:40]:
        print(f"  differs: {n}")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--compare", action="store_true", help="compare two snapshot directories")
    args = ap.parse_args()
    if args.compare:
        if len(args.dirs) != 2:
            ap.error("--compare takes two directories")
        return compare(*args.dirs)
    return snapshot(args.dirs[0])


if __name__ == "__main__":
    sys.exit(main())
