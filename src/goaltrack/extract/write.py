"""`extract --write`: append accepted candidates to the source's actuals file.

All of them go in one validated, atomic write (`record_figures`, the path `record` uses for
several figures) or none: a duplicate or a conflict with what is recorded refuses the lot.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .candidates import Candidate


def entries(cands: list[Candidate], source: str) -> list[dict[str, Any]]:
    return [{**c.actual(), "source": source} for c in cands]


def write_candidates(root: Path, source: str, cands: list[Candidate]) -> Path:
    """Append `cands` to `source`'s actuals file; raises RecordRefused, ValidationError."""
    from .. import record

    batch = getattr(record, "record_figures", None)
    if batch is not None:
        path: Path = batch(root, entries(cands, source))
        return path
    return _record_all(root, entries(cands, source))


def _record_all(root: Path, items: list[dict[str, Any]]) -> Path:
    """Until `record_figures` exists: `plan_record` validates each figure with the ones
    before it (the file's text grows in memory), then one atomic write."""
    import tomli_w

    from ..atomic import write_atomic
    from ..canonical import _ordered
    from ..models import Actual
    from ..record import RecordRefused, find_actuals_file, plan_record
    from ..validate import check_dataset

    first = plan_record(root, items[0])
    text = first.new_text
    for fields in items[1:]:
        rec = {k: v for k, v in fields.items() if v is not None and k != "source"}
        Actual.model_validate({**rec, "source": fields["source"]})
        text = text.rstrip("\n") + "\n\n[[actuals]]\n" + tomli_w.dumps(_ordered(rec, Actual))
    target = find_actuals_file(root, items[0]["source"])
    before = check_dataset([root])
    after = check_dataset([root], overrides={Path(os.path.realpath(target)): text})
    old = {(d.code, d.message) for d in before.errors}
    new = [d for d in after.errors if (d.code, d.message) not in old]
    if new:
        raise RecordRefused("the dataset would not be valid with these figures", new)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text, expect_bytes=first.original)
    return target
