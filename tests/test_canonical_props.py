"""fmt's canonical layout as properties: any file, any key order, comments anywhere a comment
line may go: the result reads back as the same data, keeps every comment, and is stable."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import event, given, settings
from hypothesis import strategies as st

from goaltrack.store.canonical import canonical_text, comments_of

from .conftest import VALID

VALID_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(VALID.rglob("*.toml"))]
KEYS = ["id", "kind", "value", "notes", "quote", "source", "year", "zz", "name", "unit"]
scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.text("ab\"'#\\\n 增长%", max_size=8),
    st.booleans(),
)
record = st.dictionaries(st.sampled_from(KEYS), scalars, min_size=1, max_size=5)
nested = st.fixed_dictionaries(
    {},
    optional={
        "baseline": record,
        "citation": record,
        "targets": st.lists(
            st.one_of(record, st.builds(lambda r, c: {**r, "citation": c}, record, record)),
            min_size=1,
            max_size=3,
        ),
    },
)
indicator = st.builds(lambda r, n: {**r, **n}, record, nested)
document = st.fixed_dictionaries(
    {},
    optional={
        "defaults": record,
        "sources": st.lists(record, min_size=1, max_size=3),
        "indicators": st.lists(indicator, min_size=1, max_size=3),
        "actuals": st.lists(record, min_size=1, max_size=3),
    },
)


def with_comments(text: str, where: list[int]) -> tuple[str, int]:
    """`text` with a comment line before some lines that start a key or a header (never
    inside a multi-line string), and a comment at the end of some key lines."""
    lines = text.split("\n")
    out, n, inside = [], 0, False
    for i, line in enumerate(lines):
        starts = not inside and (line[:1].isalpha() or line.startswith("["))
        if starts and i in where:
            out.append(f'# c{n} 说明 "#"')
            n += 1
        if (
            starts
            and i + 1 in where
            and "=" in line
            and '"""' not in line
            and not line.rstrip().endswith(("[", "{"))
        ):
            line += f"  # t{n}"
            n += 1
        inside ^= line.count('"""') % 2 == 1
        out.append(line)
    return "\n".join(out), n


@settings(
    max_examples=int(os.environ.get("GOALTRACK_FUZZ_EXAMPLES") or 60),
    deadline=None,
    derandomize=True,
)
@given(document, st.lists(st.integers(0, 40), min_size=1, max_size=20))
def test_canonical_keeps_data_and_comments_and_is_stable(
    doc: dict[str, Any], where: list[int]
) -> None:
    text, n = with_comments(tomli_w.dumps(doc, multiline_strings=True), where)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        event("not TOML")
        return  # a trailing comment put where TOML allows none: not a case
    event(f"comments: {min(n, 3)}{'+' if n >= 3 else ''}")
    new = canonical_text(text)
    assert tomllib.loads(new) == data
    import tomlkit

    assert sorted(comments_of(tomlkit.parse(new))) == sorted(comments_of(tomlkit.parse(text)))
    assert len(comments_of(tomlkit.parse(new))) == n
    assert canonical_text(new) == new


def test_canonical_is_stable_on_the_fixture() -> None:
    for text in VALID_TEXTS:
        once = canonical_text(text)
        assert canonical_text(once) == once
        assert tomllib.loads(once) == tomllib.loads(text)


@pytest.mark.slow
def test_bundled_dataset_is_canonical() -> None:
    root = Path(__file__).parents[1] / "targets"
    changed = [
        p.name
        for p in sorted(root.rglob("*.toml"))
        if canonical_text(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")
    ]
    assert changed == []
