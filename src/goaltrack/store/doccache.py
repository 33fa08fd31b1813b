"""A per-user cache of parsed TOML documents, so that a file read before is not parsed again.

Parsing is most of the time of `check` and `report` on a small dataset (tomllib is pure
Python). An entry holds a file's whole content and what `tomllib.loads` made of it; it is used
only for a file whose content is byte for byte the same, so an edit is never missed, whatever
its size or the clock's granularity. Only documents that parsed are kept: a file with an error
is parsed, and reported, every time. docs/performance.md says what it saves and
docs/security.md why it is safe.

- One file per dataset (the paths it was given), in `$XDG_CACHE_HOME/goaltrack` or
  `~/.cache/goaltrack`: a directory of this user's own that no one else may write, else there
  is no cache. Read with `marshal` (data only, never code) and written atomically.
- Keyed too by the cache format, goaltrack's version and Python's (tomllib's behaviour).
- Any error reading or writing it (corrupt, truncated, unreadable, full disk) means no cache;
  `GOALTRACK_NO_CACHE=1` turns it off. Only datasets of up to MAX_DATASET_BYTES are cached:
  for a large one the parse is a small part of the run, and all its documents at once would
  be a large part of its memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__

FORMAT = 1
MAX_DATASET_BYTES = 4 * 1024 * 1024
MAX_CACHE_BYTES = 4 * MAX_DATASET_BYTES
OFF_VARIABLE = "GOALTRACK_NO_CACHE"
_KEY = (FORMAT, __version__, sys.version_info[:2])
# TOML arrays load as lists, never tuples: a tuple can only be one of these tags.
_DATE, _DATETIME, _TIME = "d", "dt", "t"


def cache_dir() -> Path | None:
    """This user's cache directory, made if need be; None when it is not safe to use."""
    if os.environ.get(OFF_VARIABLE):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or "")
    try:
        if not base.is_absolute():  # unset or relative: ignored, as the XDG spec says
            base = Path.home() / ".cache"
        d = base / "goaltrack"
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = d.lstat()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: no home directory
        return None
    # Not a link, ours, and no one else may write it (or replace what is in it).
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
        return None
    return d


def _name(roots: Iterable[Path]) -> str:
    import hashlib

    key = "\0".join(sorted(os.path.realpath(r) for r in roots))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".marshal"


def _freeze(v: Any) -> Any:
    """A parsed document as marshal stores it: dates as tagged tuples."""
    if isinstance(v, dict):
        return {k: _freeze(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_freeze(x) for x in v]
    if isinstance(v, dt.datetime):
        return (_DATETIME, v.isoformat())
    if isinstance(v, dt.date):
        return (_DATE, v.isoformat())
    if isinstance(v, dt.time):
        return (_TIME, v.isoformat())
    return v


def _thaw(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _thaw(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_thaw(x) for x in v]
    if isinstance(v, tuple):
        tag, text = v
        if tag == _DATETIME:
            return dt.datetime.fromisoformat(text)
        if tag == _DATE:
            return dt.date.fromisoformat(text)
        return dt.time.fromisoformat(text)
    return v


def _has_dates(v: Any) -> bool:
    if isinstance(v, dict):
        return any(_has_dates(x) for x in v.values())
    if isinstance(v, list):
        return any(_has_dates(x) for x in v)
    return isinstance(v, (dt.date, dt.time))


class DocCache:
    """The parsed documents of one dataset: `get` before parsing a file, `put` after."""

    def __init__(self, path: Path | None, entries: dict[str, tuple[bytes, Any, bool]]) -> None:
        self.path = path
        self.entries = entries  # file path -> (content, document, has dates)
        self.used: dict[str, tuple[bytes, Any, bool]] = {}
        self.changed = False

    @classmethod
    def open(cls, roots: list[Path], dataset_bytes: int) -> DocCache | None:
        """The cache of the dataset under `roots`, empty when there is none yet; None when
        this dataset is not cached (too large, or no safe directory)."""
        if dataset_bytes > MAX_DATASET_BYTES:
            return None
        d = cache_dir()
        if d is None:
            return None
        path = d / _name(roots)
        return cls(path, _read(path))

    def get(self, file: str, content: bytes) -> dict[str, Any] | None:
        entry = self.entries.get(file)
        if entry is None or entry[0] != content:
            return None
        self.used[file] = entry
        # Fresh from marshal on each run, and the loader never changes a document: no copy.
        doc: dict[str, Any] = _thaw(entry[1]) if entry[2] else entry[1]
        return doc

    def put(self, file: str, content: bytes, doc: dict[str, Any]) -> None:
        dated = _has_dates(doc)
        self.used[file] = (content, _freeze(doc) if dated else doc, dated)
        self.changed = True

    def save(self) -> None:
        """Write what this run used (files gone from the dataset drop out); never fails."""
        if self.path is None or not (self.changed or self.used.keys() != self.entries.keys()):
            return
        with contextlib.suppress(Exception):  # a cache that cannot be written is no cache
            data = marshal.dumps((_KEY, self.used))
            if len(data) <= MAX_CACHE_BYTES:
                _replace(self.path, data)


def _replace(path: Path, data: bytes) -> None:
    """Atomic as atomic.write_atomic, but always mode 0600 (it keeps a file's mode) and not
    synced: a cache torn by a crash is unreadable, so not used."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _read(path: Path) -> dict[str, tuple[bytes, Any, bool]]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except (OSError, ValueError):
        return {}
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if (
                not stat.S_ISREG(st.st_mode)
                or st.st_uid != os.getuid()
                or st.st_mode & 0o022
                or st.st_size > MAX_CACHE_BYTES
            ):
                return {}
            key, entries = marshal.loads(f.read())
    except Exception:  # corrupt, truncated or of another format: no cache
        return {}
    if (
        key != _KEY
        or not isinstance(entries, dict)
        or not all(
            isinstance(e, tuple)
            and len(e) == 3
            and isinstance(e[0], bytes)
            and isinstance(e[1], dict)
            for e in entries.values()
        )
    ):
        return {}
    return entries
