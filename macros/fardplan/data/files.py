"""Reading and writing the editors' text files the way they saved them.

Scripts that change a file keep its line endings (a file saved with CRLF on Windows stays CRLF,
so git shows only the lines that changed) and its byte-order mark, and write atomically: a temporary
file in the same folder, then `os.replace`, so a reader (or a crash) sees the old file or the new
one, never half of one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


class FileProblem(Exception):
    """A file that cannot be read or written; the message is Swedish and names the file.

    `code` is the exit code a script should end with: 2 when the call named a file that is not
    there (wrong use), 1 when the file is there but its content cannot be read (a problem in data).
    """

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TextFile:
    text: str  # with "\n" line endings, whatever the file has
    newline: str  # "\r\n" or "\n": what the file used (its first line ending)
    bom: bool


def os_error_message(error: OSError, path: Path | str | None = None) -> str:
    """A Swedish sentence for a failed file operation."""
    name = str(path if path is not None else (error.filename or "filen"))
    if isinstance(error, FileNotFoundError):
        return f"filen {name} finns inte"
    if isinstance(error, IsADirectoryError):
        return f"{name} är en mapp, inte en fil"
    if isinstance(error, NotADirectoryError):
        return f"sökvägen {name} går genom något som inte är en mapp"
    if isinstance(error, PermissionError):
        return f"du saknar behörighet till {name}"
    return f"det gick inte att läsa eller skriva {name} ({error.strerror or error})"


def read_text(path: Path, display: str | None = None) -> TextFile:
    """The file's text and how it was saved; raises FileProblem in Swedish."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileProblem(
            os_error_message(error, name),
            2 if isinstance(error, FileNotFoundError | IsADirectoryError) else 1,
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileProblem(
            f"{name} är inte sparad som UTF-8 (byte 0x{raw[error.start]:02x} på rad {line} kan inte "
            "läsas); spara den som UTF-8 i din editor",
            1,
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = text.find("\r\n")
    lf = text.find("\n")
    newline = "\r\n" if crlf != -1 and crlf + 1 == lf else "\n"
    return TextFile(text.replace("\r\n", "\n"), newline, bom)


def write_text(path: Path, text: str, *, like: TextFile | None = None, newline: str | None = None) -> None:
    """Write text ("\\n" line endings) atomically, with the line endings and BOM of `like` (the
    file as it was read), or `newline`, or those of the file already at `path`."""
    if path.is_dir():
        raise FileProblem(f"{path} är en mapp, inte en fil", 2)
    if like is None and newline is None and path.is_file():
        try:
            like = read_text(path)
        except FileProblem:
            like = None
    newline = newline or (like.newline if like else "\n")
    data = ((BOM if like and like.bom else "") + text.replace("\r\n", "\n").replace("\n", newline)).encode(
        "utf-8"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():  # keep the file's permissions; mkstemp makes it readable by us only
        mode = path.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    replace_atomically(path, data, mode)


def replace_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` whole or not at all: a temporary file in the same folder, then
    `os.replace`. `mode` sets the file's permissions; without it only its owner can read it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def kept_code_folder() -> Path | None:
    """Where compiled code is kept between processes, as Python keeps .pyc files (the Jinja
    templates' and the schema check's): Jinja's cache folder, private to the user. None when
    Python is told not to write .pyc files or there is no such private folder."""
    if sys.dont_write_bytecode:
        return None
    from jinja2 import FileSystemBytecodeCache

    with suppress(OSError, RuntimeError):
        return Path(FileSystemBytecodeCache().directory)
    return None
