"""Atomic writes: a temporary file in the same directory, flushed, synced, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ChangedOnDisk(Exception):
    """The file changed on disk after it was read; writing would lose that change."""


def write_atomic(path: Path, text: str | bytes | Iterable[str],
                 expect_mtime_ns: int | None = None,
                 expect_bytes: bytes | None = None) -> None:
    """Replace `path` with `text` so that readers see the old or the new file, never half.

    `text` may be an iterable of chunks, written as they come (a failure while producing
    them leaves the old file). With `expect_bytes` (what was read), refuses when the file
    changed since.
    """
    chunks: Iterable[bytes]
    if isinstance(text, str):
        chunks = (text.encode("utf-8"),)
    elif isinstance(text, bytes):
        chunks = (text,)
    else:
        chunks = (c.encode("utf-8") for c in text)
    path = Path(path)
    if expect_bytes is not None:
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != expect_bytes:
            raise ChangedOnDisk(str(path))
    directory = path.parent if str(path.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
