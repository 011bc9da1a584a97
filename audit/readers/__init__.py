"""Statement readers: bytes of one file in, (transaction table, parse report) out.

:func:`read_statement` sniffs the file type and hands it to the CSV or PDF reader. Every failure to
read a file at all raises :class:`audit.errors.StatementError` with one line naming the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from audit.errors import StatementError
from audit.model import ParseReport

MAX_BYTES = 200 * 1024 * 1024  # larger files are refused: no real card statement is this big


def read_statement(
    path: str | Path | None = None, data: bytes | None = None, name: str | None = None
) -> tuple[pd.DataFrame, ParseReport]:
    """Read one statement from ``path`` or from ``data`` (an upload) into the transaction table.

    ``name`` is the file name shown in ids, messages and the ``source`` column (defaults to the
    path's file name).
    """
    if path is None and data is None:
        raise ValueError("read_statement needs a path or data")
    name = name or (Path(path).name if path is not None else "upload")
    if data is None:
        p = Path(path)  # type: ignore[arg-type]
        if not p.exists():
            raise StatementError(name, "file not found")
        if p.is_dir():
            raise StatementError(name, "is a directory, not a statement file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise StatementError(name, f"file is too large ({size / 1e6:.0f} MB; limit {MAX_BYTES // 2**20} MiB)")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise StatementError(name, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise StatementError(name, f"file is too large ({len(data) / 1e6:.0f} MB; limit {MAX_BYTES // 2**20} MiB)")
    if not data.strip():
        raise StatementError(name, "file is empty")
    kind = sniff(data)
    if kind != "pdf" and name.lower().endswith(".pdf"):
        raise StatementError(name, "is named .pdf but is not a PDF file (damaged or renamed): download the statement again")
    if kind == "pdf":
        from audit.readers.pdf_reader import read_pdf_bytes

        return read_pdf_bytes(data, name)
    if kind == "csv":
        from audit.readers.ofx import looks_like_ofx, read_ofx_bytes

        if looks_like_ofx(data):  # OFX/QFX is text too: read with the OFX parser, not as CSV
            return read_ofx_bytes(data, name)
        from audit.readers.csv_reader import read_csv_bytes

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
