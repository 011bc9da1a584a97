"""Limits on what one statement file may cost to read, and the checks that enforce them.

A real card statement is a few hundred kilobytes, a few pages and a few hundred rows. The defaults
below fit such a file many times over; a file past any of them is refused with one line naming the
file and the limit (a :class:`~audit.errors.StatementError`), never a hang or an out-of-memory crash.
Users change a limit with ``audit scan --limit pages=5000`` or ``read_statement(..., limits=...)``.

The file size is checked while reading, so a device (``/dev/zero``), a growing file or a file whose
``stat`` size lies cannot make the reader take more; anything that is not a regular file (a device,
a named pipe, a socket) is refused by name before it is opened, so a pipe with no writer never blocks.
"""

from __future__ import annotations

import math
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from pathlib import Path

from audit.errors import StatementError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one statement file may hold; every field can be changed by name (see :meth:`with_overrides`)."""

    bytes: int = 200 * MiB  # file size
    rows: int = 2_000_000  # lines of a CSV file
    columns: int = 2_000  # fields in one CSV line
    pages: int = 5_000  # pages of a PDF
    text_objects: int = 500_000  # characters on one PDF page (pdfium counts the spaces it adds)
    decompressed_bytes: int = 1_024 * MiB  # all compressed PDF streams, unpacked
    seconds_per_page: float = 20.0  # wall time spent on one PDF page
    memory: int = 1_024 * MiB  # memory a PDF library may take on top of what the process held when it started

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_overrides(self, items: list[str] | tuple[str, ...]) -> Limits:
        """A copy with ``NAME=VALUE`` overrides applied; raises ValueError with a one-line reason."""
        changes: dict[str, float | int] = {}
        for item in items:
            name, sep, value = item.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in self.names():
                raise ValueError(f"--limit {item!r}: expected NAME=VALUE with NAME one of {', '.join(self.names())}")
            kind = type(getattr(self, name))
            try:
                number = kind(float(value)) if kind is int else kind(value)
            except (ValueError, OverflowError):
                raise ValueError(f"--limit {item!r}: {value!r} is not a number") from None
            if not number > 0 or not math.isfinite(number):  # NaN compares false: it must never disable a limit
                raise ValueError(f"--limit {item!r}: the value must be a positive, finite number")
            changes[name] = number
        return replace(self, **changes)


DEFAULT = Limits()

# How each limit is named in an error message.
_WHAT = {
    "bytes": "file size",
    "rows": "lines",
    "columns": "columns in one line",
    "pages": "pages",
    "text_objects": "characters on one page",
    "decompressed_bytes": "unpacked PDF content",
    "seconds_per_page": "seconds for one page",
    "memory": "memory for reading a PDF",
}


def read_file(path: Path, name: str, limits: Limits = DEFAULT) -> bytes:
    """The bytes of the regular file at ``path``, refusing non-regular files and files past ``limits.bytes``
    (:func:`audit.files.read_regular`, the check every entry point shares)."""
    from audit.files import read_regular

    return read_regular(path, name, limits.bytes,
                        too_large=lambda size, more: breach_bytes(name, size, limits, more=more))


def breach_bytes(name: str, size: int, limits: Limits, *, more: bool = False) -> StatementError:
    found = f"{'more than ' if more else ''}{size / MiB:,.1f} MiB; limit {limits.bytes / MiB:,.0f} MiB"
    return StatementError(
        name, f"exceeds the limit on file size ({found}): raise it with --limit bytes=N if the file is genuine"
    )


class LimitExceeded(StatementError):
    """A file refused because reading it would cost more than a limit allows (not because it is unreadable)."""


def over(name: str, limit: str, found: float, allowed: float, *, page: int | None = None, row: int | None = None) -> StatementError:
    """The one-line error for ``found`` past the ``allowed`` value of ``limit``."""
    return LimitExceeded(
        name,
        f"exceeds the limit on {_WHAT[limit]} ({_num(limit, found)} > {_num(limit, allowed)}): "
        f"raise it with --limit {limit}=N if the file is genuine",
        page=page, row=row,
    )


def _num(limit: str, value: float) -> str:
    if limit in ("bytes", "decompressed_bytes", "memory"):
        return f"{value / MiB:,.1f} MiB"
    if limit == "seconds_per_page":
        return f"{value:.1f}"
    return f"{int(value):,}"


def check_text(data: bytes, name: str, limits: Limits) -> int:
    """Refuse a text (CSV) file with more lines or wider lines than ``limits`` allow (cheap byte counts);
    returns the count of line feeds in ``data`` (for the reader, so the file is not counted twice)."""
    newlines = data.count(b"\n")
    lines = newlines + (not data.endswith(b"\n"))
    if lines > limits.rows:
        raise over(name, "rows", lines, limits.rows)
    start = 0
    for row in range(1, 201):  # the widest of the first lines; one line past the limit is enough to refuse
        end = data.find(b"\n", start)
        line = data[start:] if end < 0 else data[start:end]
        widest = max(line.count(d) for d in (b",", b"\t", b";", b"|")) + 1
        if widest > limits.columns:
            raise over(name, "columns", widest, limits.columns, row=row)
        if end < 0:
            break
        start = end + 1
    return newlines


def check_pdf_streams(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a PDF whose compressed streams would unpack past ``limits.decompressed_bytes``.

    Every ``stream ... endstream`` body that zlib can inflate is inflated in bounded chunks (never
    holding more than one chunk), summing the output; a compression bomb is stopped as soon as the
    sum passes the limit, before the PDF engine would unpack it in memory.
    """
    allowed = limits.decompressed_bytes
    total = 0
    pos = 0
    while (start := data.find(b"stream", pos)) >= 0:
        pos = start + 6
        if data[start - 3:start] == b"end":
            continue
        body = pos + (2 if data[pos:pos + 2] == b"\r\n" else 1 if data[pos:pos + 1] in (b"\n", b"\r") else 0)
        if body >= len(data) or data[body] & 0x0F != 8:  # not a zlib header (compression method 8)
            continue
        end = data.find(b"endstream", body)
        chunk = memoryview(data)[body: end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(chunk, 1 * MiB)
            while out:
                total += len(out)
                if total > allowed:
                    raise over(name, "decompressed_bytes", total, allowed)
                out = inflater.decompress(inflater.unconsumed_tail, 1 * MiB)
        except zlib.error:
            pass
        pos = end + 9 if end >= 0 else len(data)


# Who is told when a PDF page starts (page number, seconds the step may take): the isolated reader
# (audit.readers.pdf.sandbox) sets it in its child process, so the parent can stop a page while it runs.
_progress: Callable[[int, float], None] | None = None


def on_progress(callback: Callable[[int, float], None] | None) -> None:
    """Set (or clear, with None) the callback :func:`progress` calls."""
    global _progress
    _progress = callback


def progress(page: int, allowed: float) -> None:
    """Say that work on ``page`` (0: the whole file) starts now and may take ``allowed`` seconds."""
    if _progress is not None:
        _progress(page, allowed)


class PageClock:
    """Counts wall time per page; :meth:`check` raises once a page took longer than allowed.

    In-process the check comes after the page; the isolated reader also stops a page while it runs
    (each :meth:`restart` is reported through :func:`progress`).
    """

    def __init__(self, name: str, limits: Limits):
        self.name, self.allowed = name, limits.seconds_per_page
        self.start = time.perf_counter()

    def restart(self, page: int = 0) -> None:
        self.start = time.perf_counter()
        progress(page, self.allowed)

    def check(self, page: int) -> None:
        spent = time.perf_counter() - self.start
        if spent > self.allowed:
            raise over(self.name, "seconds_per_page", spent, self.allowed, page=page)


_ACTIVE: ContextVar[Limits] = ContextVar("audit_reader_limits", default=DEFAULT)


def active() -> Limits:
    """The limits in force (``DEFAULT`` unless a caller wrapped the work in :func:`in_force`)."""
    return _ACTIVE.get()


@contextmanager
def in_force(limits: Limits) -> Iterator[Limits]:
    """Make ``limits`` the ones :func:`audit.readers.read_statement` applies inside this block."""
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)
