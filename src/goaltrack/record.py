"""`goaltrack record`: add one reported figure to its source's actuals file, safely.

The new `[[actuals]]` block is appended to the file's text (so existing comments and layout
survive), the whole dataset is validated with it in memory, and only then is the file written
atomically.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from .canonical import _ordered
from .diagnostics import Diagnostic
from .models import Actual
from .validate import check_dataset

NEW_FILE_HEADER = "#:schema ../schema/goaltrack.schema.json\n\n"


class RecordRefused(Exception):
    """The figure cannot be recorded; `problems` say why."""

    def __init__(self, message: str, problems: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(slots=True)
class RecordPlan:
    file: Path
    original: bytes | None  # None: the file is new
    new_text: str
    actual: dict[str, Any]


def find_actuals_file(root: Path, source: str) -> Path:
    """The file whose `[defaults] source` is `source`, else actuals/<source>.toml."""
    for p in sorted(root.rglob("*.toml")):
        try:
            doc = tomllib.loads(p.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            continue
        d = doc.get("defaults")
        if isinstance(d, dict) and d.get("source") == source and "actuals" in doc:
            return p
    return root / "actuals" / f"{source}.toml"


def plan_record(root: Path, fields: dict[str, Any]) -> RecordPlan:
    """Validate the new figure against the whole dataset; raise RecordRefused if it fails."""
    source = fields["source"]
    rec = {k: v for k, v in fields.items() if v is not None and k != "source"}
    Actual.model_validate({**rec, "source": source})  # field-level errors first
    before = check_dataset([root])
    if source not in before.dataset.sources:
        raise RecordRefused(f"unknown source {source!r}: declare it in [[sources]] first")
    if fields["indicator"] not in before.dataset.indicators:
        raise RecordRefused(f"unknown indicator {fields['indicator']!r}")
    target = find_actuals_file(root, source)
    original = target.read_bytes() if target.exists() else None
    if original is None:
        text = NEW_FILE_HEADER + tomli_w.dumps({"defaults": {"source": source}})
    else:
        text = original.decode("utf-8-sig")
    # Written by hand as a table header so it appends after existing [[actuals]] blocks.
    block = "[[actuals]]\n" + tomli_w.dumps(_ordered(rec, Actual))
    new_text = text.rstrip("\n") + "\n\n" + block
    after = check_dataset([root], overrides={Path(os.path.realpath(target)): new_text})
    old_errors = {(d.code, d.message) for d in before.errors}
    new_errors = [d for d in after.errors if (d.code, d.message) not in old_errors]
    if new_errors:
        raise RecordRefused("the dataset would not be valid with this figure", new_errors)
    return RecordPlan(target, original, new_text, rec)
