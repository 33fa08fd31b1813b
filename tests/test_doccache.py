"""The parsed-document cache: same results as parsing, never stale, never from a directory
another user may write, and no cache at all on any doubt."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from goaltrack.check.validate import check_dataset
from goaltrack.core.diagnostics import Collector
from goaltrack.store import doccache, loader
from goaltrack.store.loader import load

from .conftest import VALID

DATED = """
[plan]
id = "p"
name = "计划"
jurisdiction = "某市"
level = "city"
start = 2021
end = 2025
baseline_year = 2020
published = 2021-03-16

[[sources]]
id = "s"
title = "来源"
published = 2025-06-01
"""


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(doccache.OFF_VARIABLE, raising=False)
    return home / "goaltrack"


def _summary(paths: list[Path]) -> tuple[list[str], list[str], list[str]]:
    r = check_dataset(paths)
    ds = r.dataset
    return (
        [repr(d) for d in r.diagnostics],
        [repr(i) for i in ds.indicators.values()],
        [f"{a!r} {a.at_file}:{a.at_line}" for a in ds.actuals],
    )


def test_a_cached_load_is_the_same_as_a_parsed_one(cache_home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / "dated.toml").write_text(
        DATED.replace('"p"', '"q"', 1).replace('"s"', '"t"'), encoding="utf-8"
    )
    first = _summary([data])
    files = list(cache_home.iterdir())
    assert len(files) == 1
    assert oct(cache_home.stat().st_mode & 0o777) == "0o700"
    assert _summary([data]) == first  # from the cache
    os.environ[doccache.OFF_VARIABLE] = "1"
    try:
        assert _summary([data]) == first  # parsed again
    finally:
        del os.environ[doccache.OFF_VARIABLE]
    ds = load([data], Collector())
    assert ds.plans["q"].published == "2021-03-16"  # a TOML date survives the round trip


def test_an_edit_is_seen_whatever_the_size_and_mtime(cache_home: Path, tmp_path: Path) -> None:
    f = tmp_path / "plan.toml"
    f.write_text(DATED, encoding="utf-8")
    st = f.stat()
    assert load([f], Collector()).plans["p"].start == 2021
    f.write_text(DATED.replace("start = 2021", "start = 2022"), encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime
    assert f.stat().st_size == st.st_size
    assert load([f], Collector()).plans["p"].start == 2022


def test_a_broken_file_is_reported_every_time(cache_home: Path, tmp_path: Path) -> None:
    f = tmp_path / "plan.toml"
    f.write_text(DATED + "\nbroken = \n", encoding="utf-8")
    for _ in range(2):
        col = Collector()
        load([f], col)
        assert [d.code for d in col.items] == ["toml-syntax"]


def _cache_file(cache_home: Path, f: Path) -> Path:
    load([f], Collector())
    (cached,) = cache_home.iterdir()
    return cached


def test_a_cache_others_may_write_is_not_read(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "plan.toml"
    f.write_text(DATED, encoding="utf-8")
    cached = _cache_file(cache_home, f)
    parsed: list[str] = []
    parse = loader.parse_toml

    def counted(text: str, col: Collector, label: str) -> dict[str, Any] | None:
        parsed.append(label)
        return parse(text, col, label)

    monkeypatch.setattr(loader, "parse_toml", counted)
    load([f], Collector())
    assert parsed == []  # a hit
    cached.chmod(0o666)
    load([f], Collector())
    assert len(parsed) == 1  # the file is not trusted: parsed, and the cache rewritten
    assert cached.stat().st_mode & 0o022 == 0
    cache_home.chmod(0o777)
    assert doccache.cache_dir() is None
    cache_home.chmod(0o700)
    if os.getuid() == 0:
        os.chown(cached, 65534, 65534)  # another user's file
        load([f], Collector())
        assert len(parsed) == 2


def test_a_corrupt_cache_is_no_cache(cache_home: Path, tmp_path: Path) -> None:
    f = tmp_path / "plan.toml"
    f.write_text(DATED, encoding="utf-8")
    cached = _cache_file(cache_home, f)
    wrong_shape = marshal.dumps((doccache._KEY, {str(f): (b"x", 5)}))
    for junk in (b"", b"\x00garbage", cached.read_bytes()[:100], wrong_shape):
        cached.write_bytes(junk)
        assert load([f], Collector()).plans["p"].published == "2021-03-16"
    link = cache_home.parent / "elsewhere"
    shutil.move(cache_home, link)
    cache_home.symlink_to(link)  # the directory replaced by a link: not used
    assert doccache.cache_dir() is None


def test_no_cache_for_a_large_dataset_or_when_turned_off(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert doccache.DocCache.open([VALID], doccache.MAX_DATASET_BYTES + 1) is None
    monkeypatch.setenv(doccache.OFF_VARIABLE, "1")
    assert doccache.DocCache.open([VALID], 10) is None


def test_dates_and_times_round_trip() -> None:
    doc = {
        "a": [dt.date(2021, 3, 16), {"b": dt.datetime(2021, 3, 16, 8, 0, tzinfo=dt.UTC)}],
        "c": dt.time(7, 30),
        "d": [1, 2.5, "x", True],
    }
    assert doccache._thaw(doccache._freeze(doc)) == doc
