"""The one file check every entry point uses before it reads a file the user named.

Statements, letters and replies given with ``--file``, and the statements ``cases sync`` remembers by
hash all go through :func:`open_regular`: anything that is not a regular file (a folder, a device such
as ``/dev/zero``, a named pipe, a socket) is refused by name before a byte is read, and the check is
repeated on the opened file, so a path swapped for a pipe in between is still refused and never waited
on. Reads are bounded (:func:`read_regular`); hashing reads in chunks and stops at a size limit
(:func:`file_digest`), so no input makes it take all memory or hang.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no named pipes to wait on through os.open
    fcntl = None  # type: ignore[assignment]

from audit.errors import StatementError

MiB = 1024 * 1024
CHUNK = 4 * MiB
STATEMENT_SUFFIXES = (".csv", ".pdf", ".txt", ".tsv")  # what a folder given to scan contributes


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def _refuse(name: str, mode: int, what: str) -> StatementError:
    if stat.S_ISDIR(mode):
        return StatementError(name, f"is a directory, not a {what} file")
    return StatementError(name, f"is not a regular file ({kind_of(mode)}): save the {what} to a file first")


def open_regular(path: str | Path, name: str | None = None, what: str = "statement") -> BinaryIO:
    """``path`` opened for reading in binary, when it is a regular file; else one-line :class:`StatementError`
    naming it (``name``, default: the path as given). ``what`` names the file's role in the message."""
    name = str(path) if name is None else name
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise StatementError(name, "file not found") from None
    except OSError as exc:
        raise StatementError(name, f"cannot read file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):  # refused before it is opened: opening some devices has effects
        raise _refuse(name, st.st_mode, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise StatementError(name, "file not found") from None
    except OSError as exc:
        raise StatementError(name, f"cannot read file ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for something else since the check above
            raise _refuse(name, st.st_mode, what)
        if fcntl is not None:
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~getattr(os, "O_NONBLOCK", 0))
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(path: str | Path, name: str | None = None, max_bytes: int = 200 * MiB, what: str = "statement",
                 too_large: Callable[[int, bool], StatementError] | None = None) -> bytes:
    """The bytes of the regular file at ``path``; more than ``max_bytes`` (counted while reading, so a
    growing file cannot get past it) raises ``too_large(size, more)`` or a one-line error naming the file."""
    name = str(path) if name is None else name

    def over(size: int, more: bool) -> StatementError:
        if too_large is not None:
            return too_large(size, more)
        found = f"{'more than ' if more else ''}{size / MiB:,.1f} MiB"
        return StatementError(name, f"is larger than {max_bytes / MiB:,.1f} MiB ({found}); a {what} is much smaller")

    with open_regular(path, name, what) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise over(size, False)
        chunks: list[bytes] = []
        total = 0
        step = max(CHUNK, size + 1)  # the whole file in one read as a rule (no joining copy), then what it grew by
        try:
            while chunk := fh.read(min(step, max_bytes + 1 - total) or 1):
                total += len(chunk)
                if total > max_bytes:
                    raise over(total, True)
                chunks.append(chunk)
        except OSError as exc:
            raise StatementError(name, f"cannot read file ({exc.strerror or exc})") from None
    return b"".join(chunks)


def file_digest(path: str | Path, name: str | None = None, max_bytes: int = 200 * MiB, what: str = "statement") -> str:
    """SHA-256 of the regular file at ``path``, read in chunks (never all at once); a file past ``max_bytes``
    or one that is not a regular file raises a one-line :class:`StatementError`."""
    name = str(path) if name is None else name
    h = hashlib.sha256()
    total = 0
    with open_regular(path, name, what) as fh:
        try:
            while chunk := fh.read(CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise StatementError(name, f"is larger than {max_bytes / MiB:,.0f} MiB; not hashed")
                h.update(chunk)
        except OSError as exc:
            raise StatementError(name, f"cannot read file ({exc.strerror or exc})") from None
    return h.hexdigest()


def per_client_folders(folder: str | Path) -> list[str]:
    """The sub-folders of ``folder`` that hold statement files, when it holds none itself (one folder per
    client, as ``sample_statements/demo/``); ``[]`` otherwise."""
    p = Path(folder)
    if not p.is_dir() or any(f.is_file() and f.suffix.lower() in STATEMENT_SUFFIXES for f in p.iterdir()):
        return []
    return sorted(d.name for d in p.iterdir() if d.is_dir()
                  and any(f.is_file() and f.suffix.lower() in STATEMENT_SUFFIXES for f in d.rglob("*")))


def missing_why(path: str | Path) -> str:
    """Why a path the user typed reads as missing: not there, or a pattern the shell matched to nothing
    (with the folder to give instead when the pattern's folder holds one folder per client)."""
    text = str(path)
    if not any(ch in text for ch in "*?["):
        return "file not found"
    folder = Path(text).parent
    clients = per_client_folders(folder)
    if clients:
        return (f"no file matches this pattern; {folder} holds one folder per client ({', '.join(clients[:3])}"
                f"{', ...' if len(clients) > 3 else ''}): give the folder itself, e.g. audit scan {folder}")
    return "no file matches this pattern"
