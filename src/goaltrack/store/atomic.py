"""Safe writes: atomic replacement, through links, under an advisory lock.

A file is replaced by a temporary file in its own directory, flushed, synced, then renamed,
so that readers see the old or the new file, never half. Writers of the same file serialise
on a lock file beside it (`flock`), and re-read what they change while they hold it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

LOCK_TIMEOUT_S = 300.0  # a held lock is a live writer (flock dies with its process)
_POLL_S = 0.02


class ChangedOnDisk(Exception):
    """The file changed on disk after it was read; writing would lose that change."""


class NotWritable(OSError):
    """A path goaltrack will not write: read-only, or not a regular file.

    `str(e)` and `e.strerror` say why; `hint` says what to do.
    """

    def __init__(self, path: Path, why: str, hint: str, code: int = errno.EACCES) -> None:
        super().__init__(code, why, str(path))
        self.hint = hint


class LockTimeout(OSError):
    """Another writer held the lock for longer than the timeout."""

    def __init__(self, lock: Path, waited: float) -> None:
        super().__init__(
            errno.EAGAIN, f"another goaltrack has held {lock} for over {waited:.0f} s", str(lock)
        )
        self.hint = f"wait for it to finish (`fuser {lock}` names the process)"


def write_target(path: Path) -> Path:
    """The file a write to `path` changes: a symbolic link's final target, else `path`."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[Path]:
    """Hold the advisory lock of `path` (a file, existing or not, or a directory).

    The lock is `.<name>.lock` beside a file, `.goaltrack.lock` inside a directory; links
    are resolved first so that every writer of one file takes one lock. The lock file is
    removed on release; a writer that finds it replaced after waiting starts again, so two
    writers never hold different inodes of one lock. Yields the path that writes should go
    to (the link's target).
    """
    import fcntl  # POSIX; imported here so that plain writes work without it

    target = write_target(path)
    if target.is_dir():
        lock = target / ".goaltrack.lock"
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = _lock_path(target)
    start = time.monotonic()
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() - start > timeout:
                        raise LockTimeout(lock, timeout) from None
                    time.sleep(_POLL_S)
            try:
                same = lock.stat().st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)  # the holder before us removed or replaced it: lock the current one
    try:
        yield target
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _chunks(text: str | bytes | Iterable[str]) -> Iterable[bytes]:
    if isinstance(text, str):
        return (text.encode("utf-8"),)
    if isinstance(text, bytes):
        return (text,)
    return (c.encode("utf-8") for c in text)


def _refuse_unwritable(path: Path, st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise NotWritable(path, "is a directory", "give a file name", errno.EISDIR)
    if not stat.S_ISREG(st.st_mode):
        raise NotWritable(
            path,
            "not a regular file (a device, socket or pipe is never replaced)",
            "write to a regular file, or to stdout without -o",
        )
    # Root may write anything; a file nobody may write was made read-only on purpose.
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise NotWritable(
            path,
            f"read-only file (mode {stat.S_IMODE(st.st_mode):04o})",
            "make it writable (chmod u+w) if it should change",
        )


def write_atomic(
    path: Path,
    text: str | bytes | Iterable[str],
    expect_mtime_ns: int | None = None,
    expect_bytes: bytes | None = None,
) -> None:
    """Replace `path` with `text` so that readers see the old or the new file, never half.

    `text` may be an iterable of chunks, written as they come (a failure while producing
    them leaves the old file). With `expect_bytes` (what was read), refuses when the file
    changed since. A symbolic link is written through (its target changes, the link stays).
    A character device or a pipe (`-o /dev/stdout`) is written into, never replaced; other
    non-regular files and read-only files are refused (NotWritable). A new file gets the
    umask's mode (0644 under 022); a rewritten file keeps its mode and, where allowed, its
    owner.
    """
    path = write_target(Path(path))
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        with path.open("wb") as f:  # a stream, not a file to replace
            for chunk in _chunks(text):
                f.write(chunk)
        return
    if st is not None:
        _refuse_unwritable(path, st)
    if expect_bytes is not None:
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != expect_bytes:
            raise ChangedOnDisk(str(path))
    directory = path.parent if str(path.parent) else Path()
    tmp = directory / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # O_EXCL: never follow or reuse anything already there; 0o666 lets the umask decide.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in _chunks(text):
                f.write(chunk)
            f.flush()
            if st is not None:
                with contextlib.suppress(OSError):  # before chmod, which it may undo
                    os.fchown(f.fileno(), st.st_uid, st.st_gid)
                os.fchmod(f.fileno(), stat.S_IMODE(st.st_mode))
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.filename is None and e.errno is not None:
            # A write into the temporary file (disk full, `ulimit -f`) names no file: the
            # file it was to replace is the one that could not be written.
            raise OSError(e.errno, e.strerror, str(path)) from e
        raise
