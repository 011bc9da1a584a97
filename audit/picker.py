"""What the column picker needs: a delimited statement's first rows as they are, the reader's own choice per
column (role, confidence, evidence) to start from, a person's choice turned into a column mapping, and the
transactions that mapping gives.

The page (``views/picker.py``) draws these; ``audit layouts show FILE`` prints them; both read through
:func:`audit.readers.read_statement` with a :class:`audit.readers.mapping.ColumnMapping`, and mappings are
kept with :class:`audit.readers.saved.LayoutStore` (the user's data folder, never the project folder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from audit.errors import StatementError
from audit.readers.mapping import ColumnMapping, MappingError, checked, norm_header

LOW_CONFIDENCE = 0.7  # a file read with less (the reader's least sure date, amount or description) is asked about
# The roles a person picks from (the reader may have given others: they are offered too when it did).
ROLES = ("date", "amount", "debit", "credit", "description", "currency", "card", "ignore")
HEAD_ROWS = 12  # rows shown as they are
PREVIEW_ROWS = 8


@dataclass
class FileHead:
    """A delimited file's first rows, split into cells as they are (no column chosen yet)."""

    delimiter: str
    rows: list[list[str]]  # the first rows (a cell per column, padded to ``width``)
    lines: list[int]  # the line each row starts on (1-based)
    width: int


@dataclass
class Start:
    """The picker's starting point: what the reader chose, per column, and how sure it was."""

    roles: list[str]  # one per column
    confidence: list[float | None]
    evidence: list[list[str]]
    header: bool = True
    row: int = 0  # the header row (or the first transaction row, without a header), among the rows shown
    date_format: str = ""
    decimal: str = ""
    sign: str = ""
    currency: str = ""


@dataclass
class Preview:
    """The transactions a mapping gives, or why it gives none (one line)."""

    frame: pd.DataFrame | None
    rows: int = 0
    error: str = ""
    report: Any = None
    warnings: list[str] = field(default_factory=list)


def can_map(name: str, data: bytes) -> bool:
    """A file a column mapping can apply to: delimited text (not a PDF, an OFX or a QIF download)."""
    from audit.readers import sniff
    from audit.readers.ofx import looks_like_ofx
    from audit.readers.qif import looks_like_qif

    if not data or not data.strip() or sniff(data) != "csv" or name.lower().endswith(".pdf"):
        return False
    return not (looks_like_ofx(data) or looks_like_qif(data))


def unsure(report: Any, threshold: float = LOW_CONFIDENCE) -> bool:
    """A delimited file the reader read by its own guess with low confidence (not by an issuer's layout, a
    mapping the user gave, or a saved one)."""
    if report is None or getattr(report, "kind", "") != "csv" or getattr(report, "layout", "") != "generic":
        return False
    source = str((getattr(report, "reading", None) or {}).get("source") or "inferred")
    conf = getattr(report, "confidence", None)
    return source == "inferred" and conf is not None and float(conf) < threshold


def file_head(data: bytes, name: str, limit: int = HEAD_ROWS) -> FileHead:
    """The first ``limit`` rows of a delimited file as they are (:class:`StatementError` when it is no text)."""
    from audit.readers import csv_table
    from audit.readers.encoding import decode

    text, _enc = decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = csv_table.split_head(text)
    delimiter = csv_table.sniff_delimiter(head)
    records = [r for r in csv_table.head_records(head, delimiter) if any(c.strip() for c in r.cells)][:limit]
    width = max((len(r.cells) for r in records), default=0)
    rows = [[c.strip() for c in r.cells] + [""] * (width - len(r.cells)) for r in records]
    return FileHead(delimiter, rows, [r.line for r in records], width)


def start_from(report: Any, head: FileHead) -> Start:
    """The picker's first state: the reader's roles per column (its mapping's source), else a guess that the
    first row is the header and no column has a role yet."""
    width = head.width
    roles, conf, why = ["ignore"] * width, [None] * width, [[] for _ in range(width)]
    reading = dict(getattr(report, "reading", None) or {}) if report is not None else {}
    for choice in getattr(report, "columns", None) or []:
        i = int(choice.column) - 1
        if 0 <= i < width:
            roles[i], conf[i], why[i] = str(choice.role), float(choice.confidence), list(choice.evidence)
    skip = int(reading.get("skip") or 0)
    row = next((k for k, line in enumerate(head.lines) if line > skip), 0)
    cols = dict(reading.get("columns") or {})
    if cols and all(r == "ignore" for r in roles):  # a mapping's reading: roles by name or position
        header = head.rows[row] if head.rows else []
        for role, ref in cols.items():
            i = ref - 1 if isinstance(ref, int) else _index(header, str(ref))
            if i is not None and 0 <= i < width:
                roles[i] = role
    cur = reading.get("currency")
    code = cur.get("code") if isinstance(cur, dict) else cur
    warnings = " ".join(str(w) for w in getattr(report, "warnings", None) or [])
    flipped = "signs flipped" in warnings or "charges appear as negative" in warnings
    return Start(roles=roles, confidence=conf, evidence=why, header=bool(reading.get("header", True)), row=row,
                 date_format=pattern_format(str(reading.get("date_format") or "")),
                 decimal=str(reading.get("decimal") or "") or decimal_mark(head, roles, row),
                 sign=str(reading.get("sign") or "") or ("charges-negative" if flipped else "charges-positive"),
                 currency=str(code) if isinstance(code, str) and len(code) == 3 and code.isalpha() else "")


_STRFTIME_TO_PATTERN = (("%Y", "YYYY"), ("%y", "YY"), ("%m", "MM"), ("%d", "DD"), ("%B", "MMMM"), ("%b", "MMM"))


def pattern_format(fmt: str) -> str:
    """A date format as a person writes it (``%d.%m.%Y`` -> ``DD.MM.YYYY``, ``%Y年%m月%d日`` -> ``YYYY年MM月DD日``),
    when it reads back as the same format; else as it is (a time part, a letter among the separators)."""
    from audit.readers.mapping import strptime_format

    out = fmt
    for code, token in _STRFTIME_TO_PATTERN:
        out = out.replace(code, token)
    if not fmt or "%" in out:
        return fmt
    try:
        return out if strptime_format(out) == fmt else fmt
    except MappingError:
        return fmt


def decimal_mark(head: FileHead, roles: Sequence[str], row: int = 0) -> str:
    """The decimal mark the money columns' cells show (``","`` for ``49,99`` and ``1.234,56``), else ``"."``."""
    import re

    money = [i for i, r in enumerate(roles) if r in ("amount", "debit", "credit")]
    cells = [r[i] for r in head.rows[row + 1:] for i in money if i < len(r) and r[i]]
    comma = sum(bool(re.search(r"\d,\d{1,2}(?!\d)", c)) and not re.search(r"\d\.\d{1,2}(?!\d)$", c) for c in cells)
    return "," if cells and comma > len(cells) / 2 else "."


def _index(cells: Sequence[str], name: str) -> int | None:
    want = norm_header(name)
    normed = [norm_header(c) for c in cells]
    return normed.index(want) if want in normed else None


def build_mapping(roles: Sequence[str], head: FileHead, *, header: bool = True, row: int = 0,
                  date_format: str = "", decimal: str = "", sign: str = "", currency: str = "") -> ColumnMapping:
    """A person's choice as a column mapping: ``row`` is the header row among the rows shown (the first
    transaction row when ``header`` is False); roles by header name where the header row names the column
    once, else by position. One role on two columns, no date or no amount column, an unreadable date format
    or currency: :class:`MappingError` (one sentence)."""
    row = min(max(row, 0), max(len(head.rows) - 1, 0))
    cells = head.rows[row] if header and head.rows else None
    skip = head.lines[row] - 1 if head.lines else 0
    normed = [norm_header(c) for c in cells] if cells is not None else []
    cols: dict[str, str | int] = {}
    for i, role in enumerate(roles):
        if not role or role == "ignore":
            continue
        if role in cols:
            first = cols[role]
            where = first if isinstance(first, int) else (_index(cells or [], str(first)) or 0) + 1
            raise MappingError(f"the role {role} is given to columns {where} and {i + 1}: one column per role")
        name = cells[i] if cells is not None and i < len(cells) else ""
        unique = bool(name.strip()) and normed.count(norm_header(name)) == 1
        cols[role] = name if unique else i + 1
    return checked(ColumnMapping(cols, decimal or None, date_format or None, currency or None, skip, sign or None))


def preview(data: bytes, name: str, mapping: ColumnMapping, limit: int = PREVIEW_ROWS) -> Preview:
    """The transactions ``mapping`` gives for the file (the first ``limit``), or the one line why none."""
    from audit.readers import read_statement

    try:
        df, report = read_statement(data=data, name=name, mapping=mapping)
    except StatementError as exc:
        return Preview(None, error=str(getattr(exc, "message", exc)))
    except MappingError as exc:
        return Preview(None, error=str(exc))
    cols = [c for c in ("date", "description", "amount", "currency") if c in df.columns]
    frame = df[cols].head(limit).copy()
    if "date" in frame.columns:
        frame["date"] = pd.to_datetime(frame["date"], errors="coerce").dt.strftime("%Y-%m-%d")
    return Preview(frame, rows=len(df), report=report, warnings=list(report.warnings))


def with_currency(mapping: ColumnMapping, currency: str) -> ColumnMapping:
    """``mapping`` with the billing currency the user gave for files of this layout (saved with it, so a later
    file of the same bank is not asked again)."""
    if not currency or mapping.currency:
        return mapping
    return ColumnMapping(dict(mapping.columns), mapping.decimal, mapping.date_format, currency.upper(), mapping.skip,
                         mapping.sign)


def describe(head: FileHead, start: Start) -> list[str]:
    """The file's first rows and the reader's choice per column, as lines of text (``audit layouts show``)."""
    out = [f"delimiter {head.delimiter!r}; first {len(head.rows)} rows as they are:"]
    for line, row in zip(head.lines, head.rows, strict=True):
        out.append(f"  {line:>3}: " + " | ".join(row))
    out.append("the reader's choice per column:")
    for i, role in enumerate(start.roles):
        conf = start.confidence[i]
        sure = f" ({conf:.0%})" if conf is not None else ""
        why = f" - {'; '.join(start.evidence[i])}" if start.evidence[i] else ""
        out.append(f"  column {i + 1}: {role}{sure}{why}")
    extra = {"header row": head.lines[start.row] if start.header and head.lines else "none",
             "date format": start.date_format or "?",
             "decimal mark": start.decimal or "?", "sign": start.sign or "?", "currency": start.currency or "?"}
    out.append("  " + "; ".join(f"{k} {v}" for k, v in extra.items()))
    return out
