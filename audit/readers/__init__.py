"""Statement readers: bytes of one file in, (transaction table, parse report) out.

:func:`read_statement` sniffs the file type and hands it to the CSV or PDF reader. Every failure to
read a file at all raises :class:`audit.errors.StatementError` with one line naming the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from audit.errors import StatementError
from audit.model import ParseReport
from audit.readers.limits import Limits, active, breach_bytes, check_text, read_file


def read_statement(
    path: str | Path | None = None,
    data: bytes | None = None,
    name: str | None = None,
    *,
    limits: Limits | None = None,
) -> tuple[pd.DataFrame, ParseReport]:
    """Read one statement from ``path`` or from ``data`` (an upload) into the transaction table.

    ``name`` is the file name shown in ids, messages and the ``source`` column (defaults to the
    path's file name). ``limits`` bounds what the file may cost to read (:mod:`audit.readers.limits`;
    default: the limits in force, see :func:`audit.readers.limits.in_force`).
    """
    if path is None and data is None:
        raise ValueError("read_statement needs a path or data")
    limits = limits or active()
    name = name or (Path(path).name if path is not None else "upload")
    if data is None:
        data = read_file(Path(path), name, limits)  # type: ignore[arg-type]
    if len(data) > limits.bytes:
        raise breach_bytes(name, len(data), limits)
    if not data.strip():
        raise StatementError(name, "file is empty")
    kind = sniff(data)
    if kind != "pdf" and name.lower().endswith(".pdf"):
        raise StatementError(name, "is named .pdf but is not a PDF file (damaged or renamed): download the statement again")
    if kind == "pdf":
        from audit.readers.pdf_reader import read_pdf_bytes

        return read_pdf_bytes(data, name, limits=limits)
    if kind == "csv":
        from audit.readers.csv_reader import read_csv_bytes

        check_text(data, name, limits)
        return read_csv_bytes(data, name)
    raise StatementError(name, f"not a CSV or PDF statement ({kind})")


def sniff(data: bytes) -> str:
    """``"pdf"``, ``"csv"`` (any delimited text) or a short description of what else it is."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    for magic, what in (
        (b"PK\x03\x04", "a ZIP/XLSX archive"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\xd0\xcf\x11\xe0", "an old Excel/Office file"),
        (b"\x1f\x8b", "a gzip archive"),
    ):
        if head.startswith(magic):
            return what + ", export the statement as CSV or PDF"
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text
        return "csv"
    if b"\x00" in sample or _control_share(sample) > 0.01:
        return "binary data"
    return "csv"


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1a") + b"\x7f"


def _control_share(sample: bytes) -> float:
    """Share of control bytes that no text file holds (tab, newlines, form feed and ^Z excepted)."""
    return (len(sample) - len(sample.translate(None, _CONTROL))) / max(1, len(sample))
