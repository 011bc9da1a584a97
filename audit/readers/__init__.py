"""Statement readers: bytes of one file in, (transaction table, parse report) out.

:func:`read_statement` sniffs the file type and hands it to the CSV or PDF reader. Every failure to
read a file at all raises :class:`audit.errors.StatementError` with one line naming the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from audit.errors import StatementError
from audit.model import ParseReport, RowProblem
from audit.readers.limits import Limits, active, breach_bytes, check_text, read_file
from audit.readers.mapping import ColumnMapping
from audit.textcols import shared_encodings


def read_statement(
    path: str | Path | None = None,
    data: bytes | None = None,
    name: str | None = None,
    *,
    limits: Limits | None = None,
    mapping: ColumnMapping | None = None,
) -> tuple[pd.DataFrame, ParseReport]:
    """Read one statement from ``path`` or from ``data`` (an upload) into the transaction table.

    ``name`` is the file name shown in ids, messages and the ``source`` column (defaults to the
    path's file name). ``limits`` bounds what the file may cost to read (:mod:`audit.readers.limits`;
    default: the limits in force, see :func:`audit.readers.limits.in_force`). ``mapping`` says how to read
    a delimited file (:class:`audit.readers.mapping.ColumnMapping`: which column is which, date format,
    decimal mark, currency, sign convention) instead of the reader's own choices; the mapping and saved
    mappings in force (:mod:`audit.readers.options`) apply when it is None. Descriptions are cut to
    :data:`audit.schema.MAX_DESCRIPTION` characters, with a warning, whatever the reader.
    """
    from audit.schema import cap_descriptions

    df, report = _read_statement(path, data, name, limits=limits, mapping=mapping)
    df, warning = cap_descriptions(df)
    if warning:
        report.warnings.append(warning)
    return df, report


def _read_statement(
    path: str | Path | None = None,
    data: bytes | None = None,
    name: str | None = None,
    *,
    limits: Limits | None = None,
    mapping: ColumnMapping | None = None,
) -> tuple[pd.DataFrame, ParseReport]:
    """:func:`read_statement` before the description cap."""
    if path is None and data is None:
        raise ValueError("read_statement needs a path or data")
    limits = limits or active()
    name = name or (Path(path).name if path is not None else "upload")
    if data is None:
        data = read_file(Path(path), name, limits)  # type: ignore[arg-type]
    if len(data) > limits.bytes:
        raise breach_bytes(name, len(data), limits)
    if not data[:4096].strip() and not data.strip():  # (a file that opens with text is not empty: no copy of it)
        raise StatementError(name, "file is empty")
    kind = sniff(data)
    if kind != "pdf" and name.lower().endswith(".pdf"):
        raise StatementError(name, "is named .pdf but is not a PDF file (damaged or renamed): download the statement again")
    if kind == "pdf":
        from audit.readers.pdf_reader import read_pdf_bytes

        return sane_dates(*read_pdf_bytes(data, name, limits=limits, isolate=True))
    if kind == "csv":
        from audit.readers.holds import drop_hold_pairs
        from audit.readers.ofx import looks_like_ofx, read_ofx_bytes
        from audit.readers.qif import looks_like_qif, read_qif_bytes

        if looks_like_ofx(data):  # OFX/QFX is text too: read with the OFX parser, not as CSV
            df, report = read_ofx_bytes(data, name)
            return drop_hold_pairs(df, report), report
        if looks_like_qif(data):  # QIF: one field per line, records ending with "^"
            df, report = read_qif_bytes(data, name)
            return sane_dates(drop_hold_pairs(df, report), report)
        from audit.readers.csv_reader import read_csv_bytes

        newlines = check_text(data, name, limits)
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        nul, stray, first = 0, 0, 0
        if not utf16 and _holds_any(data, _CONTROL_NUL):  # one pass when there is neither
            nul = data.count(b"\x00")
            stray, first = _controls(data)
        if stray:  # control characters (a bell, an escape) in a text file: taken out, the rest is read
            data = data.translate(None, _CONTROL)
        with shared_encodings():  # (the descriptions' distinct values, found while reading, serve the hold check)
            # (taking out NUL and control bytes leaves every line feed: the count holds for the bytes read)
            df, report = read_csv_bytes(data.replace(b"\x00", b"") if nul else data, name, mapping=mapping,
                                        newlines=newlines)
            if nul:
                report.warnings.append(f"{nul} NUL byte{'s' if nul > 1 else ''} removed (not text; left by a broken export)")
            if stray:
                report.warnings.append(f"{stray} control character{'s' if stray > 1 else ''} removed from the text "
                                       f"(first on line {first}): not part of any description")
            if not utf16 and (mixed := mixed_encodings(data)):
                report.warnings.append(mixed)
            return sane_dates(drop_hold_pairs(df, report), report)
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
    if sample.count(b"\x00") > max(8, 0.05 * len(sample)):
        return "binary data"
    if _control_share(sample.replace(b"\x00", b"")) > 0.01 and not _text_with_controls(sample):
        return "binary data"
    return "csv"


def _text_with_controls(sample: bytes) -> bool:
    """Whether a sample with control bytes is still delimited text once they are taken out: it decodes,
    most of its lines hold a delimiter, and the controls are a small part of it."""
    clean = sample.translate(None, _CONTROL)
    if len(clean) < 0.8 * len(sample):
        return False
    try:
        text = clean.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = clean.decode("cp932")
        except UnicodeDecodeError:
            return False
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return len(lines) >= 2 and sum(any(d in ln for d in ",;\t|") for ln in lines) >= 0.8 * len(lines)


EARLIEST = dt.date(1950, 1, 1)


def sane_dates(df: pd.DataFrame, report: ParseReport) -> tuple[pd.DataFrame, ParseReport]:
    """Move rows dated before 1950 or more than a year ahead out of the table, into the row problems."""
    latest = dt.date.today() + dt.timedelta(days=400)
    dates = df["date"]
    odd = dates.notna() & ((dates < pd.Timestamp(EARLIEST)) | (dates > pd.Timestamp(latest)))
    if not bool(odd.any()):
        return df, report
    for rec in df[odd].itertuples(index=False):
        report.problems.append(RowProblem(
            source=report.source,
            message=f"date {rec.date.date().isoformat()} is outside {EARLIEST.isoformat()} to {latest.isoformat()}: "
            "row left out of the audit (a misprinted or misread date?)",
            raw=f"{rec.date.date().isoformat()} {rec.description} {rec.amount}",
            row=None if pd.isna(rec.row) else int(rec.row),
            page=None if pd.isna(rec.page) else int(rec.page),
        ))
    df = df[~odd].reset_index(drop=True)
    report.rows = len(df)
    return df, report


def mixed_encodings(data: bytes, sample_lines: int = 20_000) -> str | None:
    """A warning when some non-ASCII lines are UTF-8 and others are not (a file pasted together)."""
    utf8 = other = 0
    first_other = None
    for no, line in enumerate(data.split(b"\n", sample_lines)[:sample_lines], start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other += 1
            first_other = first_other or no
    if utf8 and other:
        return (f"the file mixes text encodings: {utf8} line{'s' if utf8 > 1 else ''} in UTF-8 and {other} in another "
                f"encoding (first at line {first_other}); text on some lines may read garbled")
    return None


_CONTROL = bytes(b for b in range(1, 32) if b not in b"\t\n\r\x0c\x1a") + b"\x7f"
_CONTROL_SET = frozenset(_CONTROL)
_CONTROL_NUL = _CONTROL + b"\x00"


_CHUNK = 1 << 20


def _holds_any(data: bytes, chars: bytes) -> bool:
    """True when ``data`` holds one of the bytes ``chars``; read a chunk at a time, so a large file is never
    copied whole (the few chunk-sized buffers are reused instead of a file-sized one touched afresh)."""
    view = memoryview(data)
    for start in range(0, len(data), _CHUNK):
        part = bytes(view[start:start + _CHUNK])
        if len(part.translate(None, chars)) < len(part):
            return True
    return False


def _controls(data: bytes) -> tuple[int, int]:
    """``(control bytes that no text holds, line of the first)`` (tab, newlines, form feed, ^Z and NUL aside)."""
    count = len(data) - len(data.translate(None, _CONTROL))
    if not count:
        return 0, 0
    at = next(i for i, b in enumerate(data) if b in _CONTROL_SET)
    return count, data.count(b"\n", 0, at) + 1


def _control_share(sample: bytes) -> float:
    """Share of control bytes that no text file holds (tab, newlines, form feed and ^Z excepted)."""
    return (len(sample) - len(sample.translate(None, _CONTROL))) / max(1, len(sample))
