"""Baseline for `goaltrack check DIR`: read and parse the same *.toml files with tomllib only.

Walks DIR the way goaltrack does (sorted, dot-entries skipped), decodes each file as UTF-8 and
parses it; prints the number of files and top-level records. No validation, no models.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def toml_files(d: Path) -> list[Path]:
    return sorted(
        p
        for p in d.rglob("*.toml")
        if not any(part.startswith(".") for part in p.relative_to(d).parts)
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: parse_only.py DIR\n")
        return 2
    files = toml_files(Path(argv[0]))
    records = 0
    for p in files:
        doc = tomllib.loads(p.read_bytes().decode("utf-8"))
        records += sum(len(v) for v in doc.values() if isinstance(v, list))
    print(f"{len(files)} files, {records} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
