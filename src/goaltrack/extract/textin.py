"""Reading the text to extract from: a size limit, binary detection, UTF-8 or GB18030."""

from __future__ import annotations

from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a bulletin is ~100 KB; 20 MiB leaves room and bounds memory


class InputError(Exception):
    """The input file cannot be used; `hint` says what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def read_input(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read in; raises InputError."""
    try:
        if not path.is_file():
            raise InputError(
                f"{path}: no such file" if not path.exists() else f"{path}: not a regular file"
            )
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: {size / 2**20:.0f} MiB is over the {MAX_BYTES // 2**20} MiB limit",
            "extract works on one bulletin or report at a time: split the file",
        )
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    return decode(raw, str(path))


def decode(raw: bytes, name: str) -> tuple[str, str]:
    if not raw.strip():
        raise InputError(f"{name}: the file is empty", "give the text of a bulletin or report")
    if b"\x00" in raw[:65536]:
        raise InputError(
            f"{name}: a binary file, not text",
            "convert it to plain text first (e.g. pdftotext, or save as .txt)",
        )
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: neither UTF-8 nor GB18030 text", "save the file as UTF-8"
        ) from None
    return text, "gb18030"
