"""``audit eval --real --mutations``: transformations of the real delimited files that must not change
what is read (metamorphic checks).

Each real CSV file in ``tests/data/real`` is read as is, then rewritten in each of the kinds below and read
again; a kind is *invariant* on a file when both readings give the same rows: same count and, row by row,
the same date, amount, description (the first reading's found in the second, as
:func:`audit.readers.real_eval.description_right` judges a reading against its expected table) and currency. Dropping the header may remove the only statement of the currency (``金額(円)``), so that kind
compares date, amount and description only. A kind that does not apply to a file (no header to drop, no
single amount column to split, a text that one encoding cannot hold) is not counted for it.

The rewriting uses what the first reading reported (``ParseReport.reading``: delimiter, header, lines
above it, which column is which; row numbers of the transactions), never the expected tables.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from audit.errors import StatementError
from audit.readers import read_statement
from audit.readers.encoding import decode
from audit.readers.real_eval import DEFAULT_ROOT, description_right, norm_text
from audit.values import parse_amount

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Table:
    """A delimited file split into records, with what the first reading said about it."""

    records: list[list[str]]
    lines: list[int]  # physical line where each record starts
    delimiter: str
    header: int | None  # index in records of the header row
    first: int  # index in records of the first body row
    roles: dict[str, int]  # 0-based column per role
    rows: dict[int, tuple[pd.Timestamp, float]]  # physical line -> (date, amount) read there
    width: int
    currency: str

    def body(self) -> range:
        return range(self.first, len(self.records))

    def in_table(self, k: int) -> bool:
        return k >= self.first or k == self.header


@dataclass
class KindResult:
    """Invariance of one kind of transformation over the files it applies to."""

    kind: str
    applied: int = 0
    invariant: int = 0
    broken: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.invariant / self.applied if self.applied else math.nan


def _records(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records, lines, prev = [], [], 0
    try:
        for rec in reader:
            lines.append(prev + 1)
            prev = reader.line_num
            records.append(rec)
    except csv.Error:
        pass
    return records, lines


def load_table(data: bytes, df: pd.DataFrame, reading: dict) -> Table | None:
    """The file as a :class:`Table`, or None when its first reading said too little to rewrite it."""
    delimiter = reading.get("delimiter")
    if not delimiter:
        return None
    try:
        text, _enc = decode(data, "x")
    except StatementError:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    records, lines = _records(text, delimiter)
    if not records:
        return None
    has_header = bool(reading.get("header"))
    skip = int(reading.get("skip") or 0)
    start = next((k for k, ln in enumerate(lines) if ln > skip and any(c.strip() for c in records[k])), None)
    if start is None:
        return None
    header = start if has_header else None
    first = start + 1 if has_header else start
    head_cells = [c.strip() for c in records[header]] if header is not None else []
    roles: dict[str, int] = {}
    for role, ref in (reading.get("columns") or {}).items():
        if isinstance(ref, int):
            roles[role] = ref - 1
        elif ref in head_cells:
            roles[role] = head_cells.index(ref)
    width = max((len(records[k]) for k in range(first, len(records))), default=0)
    rows = {int(r.row): (r.date, float(r.amount)) for r in df.itertuples() if pd.notna(r.row)}
    cur = df["currency"].dropna()
    return Table(records, lines, delimiter, header, first, roles, rows, width,
                 str(cur.iloc[0]) if len(cur) else "unknown")


def _write(t: Table, records: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=t.delimiter, lineterminator="\n")
    for rec in records:
        w.writerow(rec)
    return out.getvalue().encode(encoding)


def _copy(t: Table) -> list[list[str]]:
    return [list(r) for r in t.records]


# ------------------------------------------------------------------------------------------ the kinds


def header_dropped(t: Table) -> bytes | None:
    if t.header is None:
        return None
    recs = _copy(t)
    del recs[t.header]
    return _write(t, recs)


def columns_reordered(t: Table) -> bytes | None:
    if t.width < 3:
        return None
    order = list(range(t.width))[::-1]  # reversed: every column moves
    recs = _copy(t)
    for k in range(len(recs)):
        if t.in_table(k):
            row = recs[k] + [""] * (t.width - len(recs[k]))
            recs[k] = [row[i] for i in order]
    return _write(t, recs)


def _insert_column(t: Table, name: str, value: Callable[[int, int], str]) -> bytes:
    """A new second column: the value on each transaction row, empty elsewhere (totals, notes)."""
    recs = _copy(t)
    n = 0
    for k in range(len(recs)):
        if k == t.header:
            recs[k].insert(1, name)
        elif k >= t.first:
            n += 1
            recs[k].insert(1, value(k, n) if t.lines[k] in t.rows else "")
    return _write(t, recs)


def id_column_added(t: Table) -> bytes | None:
    return _insert_column(t, "Reference", lambda k, n: str(7_301_000_000 + n * 7919))


def sequence_column_added(t: Table) -> bytes | None:
    return _insert_column(t, "No.", lambda k, n: str(n))


def last4_column_added(t: Table) -> bytes | None:
    return _insert_column(t, "Card", lambda k, n: "4821")


def _row_amount(t: Table, k: int) -> float | None:
    got = t.rows.get(t.lines[k])
    return got[1] if got else None


def _unsigned(cell: str, value: float) -> str:
    """The amount as printed, its sign taken off (``-30,00 PLN`` -> ``30,00 PLN``, ``£0.99`` kept): a
    currency written in the cell stays where it was; ``12.30`` when the printed form cannot be kept."""
    body = cell.strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    body = re.sub(r"^([^0-9]*?)\s*[-+−]\s*", r"\1", body, count=1)
    try:
        if abs(abs(parse_amount(body)) - abs(value)) < 0.005 and parse_amount(body) >= 0:
            return body
    except ValueError:
        pass
    return f"{abs(value):.2f}"


def _printed(row: list[str], idx: int) -> float | None:
    try:
        return parse_amount(row[idx]) if idx < len(row) and row[idx].strip() else None
    except ValueError:
        return None


def amount_split(t: Table) -> bytes | None:
    """One signed amount column as Debit / Credit columns (money out / money in, unsigned, as printed:
    a currency written in the cell stays); a currency the amount's header named is named in both new
    headers."""
    idx = t.roles.get("amount")
    if idx is None or "debit" in t.roles or "credit" in t.roles:
        return None
    from audit.readers.currency import header_code

    recs = _copy(t)
    code = header_code(recs[t.header][idx]) if t.header is not None and idx < len(recs[t.header]) else None
    remark = f" ({code})" if code else ""
    printed = {k: _printed(recs[k], idx) for k in t.body()}
    # which way the file prints money out, from the rows read: a row left out (a conversion leg, a hold)
    # goes to the column its printed sign says, as the bank would have split it
    votes = [(printed[k] or 0.0) * v for k in t.body() if (v := _row_amount(t, k)) and printed[k]]
    flip = sum(x < 0 for x in votes) > sum(x > 0 for x in votes)
    for k in range(len(recs)):
        row = recs[k] + [""] * (t.width - len(recs[k]))
        if k == t.header:
            row[idx:idx + 1] = ["Debit" + remark, "Credit" + remark]
        elif k >= t.first:
            value = _row_amount(t, k)
            if value is None and printed.get(k) is not None:
                value = -printed[k] if flip else printed[k]
            if value is None:
                row[idx:idx + 1] = [row[idx], ""]
            else:
                text = _unsigned(row[idx], value)
                row[idx:idx + 1] = [text, ""] if value >= 0 else ["", text]
        else:
            continue
        recs[k] = row
    return _write(t, recs)


def preamble_footer_added(t: Table) -> bytes | None:
    top = [["Statement export"], ["Account", "12345678"], ["Generated", "by the bank"], []]
    bottom = [[], ["End of statement"]]
    return _write(t, top + _copy(t) + bottom)


def dates_rewritten(t: Table) -> bytes | None:
    """The date column written ``05 Mar 2024`` (month names: unambiguous)."""
    idx = t.roles.get("date")
    if idx is None:
        return None
    recs = _copy(t)
    done = 0
    for k in t.body():
        got = t.rows.get(t.lines[k])
        if got is None or idx >= len(recs[k]) or pd.isna(got[0]):
            continue
        d = pd.Timestamp(got[0])
        recs[k][idx] = f"{d.day:02d} {_MONTHS[d.month - 1]} {d.year}"
        done += 1
    return _write(t, recs) if done else None


def _reencode(t: Table, encoding: str) -> bytes | None:
    try:
        return _write(t, _copy(t), encoding)
    except UnicodeEncodeError:
        return None


def encoding_cp932(t: Table) -> bytes | None:
    return _reencode(t, "cp932")


def encoding_latin1(t: Table) -> bytes | None:
    return _reencode(t, "latin-1")


def encoding_utf16(t: Table) -> bytes | None:
    return _reencode(t, "utf-16")


def _money_columns(t: Table) -> list[int]:
    return [t.roles[r] for r in ("amount", "debit", "credit") if r in t.roles]


def _comma(value: float) -> str:
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):,.2f}".split(".")
    return sign + whole.replace(",", ".") + "," + frac


_NUMBER = re.compile(r"[0-9][0-9,.' \u00a0]*[0-9]|[0-9]")


def decimal_comma(t: Table) -> bytes | None:
    """Amounts written with a decimal comma and dot thousands (1.234,56); signs and symbols kept."""
    cols = _money_columns(t)
    if not cols:
        return None
    recs = _copy(t)
    for k in t.body():
        for idx in cols:
            cell = recs[k][idx] if idx < len(recs[k]) else ""
            m = _NUMBER.search(cell)
            if not m:
                continue
            try:
                value = abs(parse_amount(cell))
            except ValueError:
                continue
            recs[k][idx] = cell[: m.start()] + _comma(value) + cell[m.end():]
    return _write(t, recs)


_SYMBOL = {"EUR": "€", "GBP": "£", "JPY": "¥", "USD": "$"}


def currency_symbols(t: Table) -> bytes | None:
    """The file's own currency sign written before each amount (``€12.30``, ``-£4.00``)."""
    sym = _SYMBOL.get(t.currency)
    cols = _money_columns(t)
    if not sym or not cols:
        return None
    recs = _copy(t)
    for k in t.body():
        for idx in cols:
            cell = recs[k][idx].strip() if idx < len(recs[k]) else ""
            if cell and cell[0].isdigit():
                recs[k][idx] = sym + cell
            elif cell.startswith("-") and cell[1:2].isdigit():
                recs[k][idx] = "-" + sym + cell[1:]
    return _write(t, recs)


def sign_flipped_with_type(t: Table) -> bytes | None:
    """Amounts printed the other way round (the minus sign moved to the other rows), with a type column
    saying DEBIT (money out) or CREDIT on each row; for files whose amounts carry their own sign."""
    idx = t.roles.get("amount")
    if idx is None or {"direction", "debit", "credit", "balance"} & t.roles.keys():
        return None  # another column already says the direction, or a balance would no longer add up
    if any(t.lines[k] in t.rows and not (idx < len(t.records[k]) and t.records[k][idx].strip()) for k in t.body()):
        return None  # some amounts were read from another column: turning this one round would not be enough
    recs = _copy(t)
    for k in range(len(recs)):
        if k == t.header:
            recs[k].append("Type")
        elif k >= t.first:
            value = _row_amount(t, k)
            row = recs[k] + [""] * (t.width - len(recs[k]))
            cell = row[idx].strip() if idx < len(row) else ""
            if value is not None and cell:
                body = cell.lstrip("+").strip()
                row[idx] = body[1:].strip() if body.startswith("-") else "-" + body  # the printed form kept
                row.append("DEBIT" if value >= 0 else "CREDIT")
            else:
                row.append("")
            recs[k] = row
    return _write(t, recs)


def all_cells_quoted(t: Table) -> bytes | None:
    out = io.StringIO()
    w = csv.writer(out, delimiter=t.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    for rec in t.records:
        w.writerow(rec)
    return out.getvalue().encode("utf-8")


KINDS: dict[str, Callable[[Table], bytes | None]] = {
    "header dropped": header_dropped,
    "columns reordered": columns_reordered,
    "id column added": id_column_added,
    "sequence column added": sequence_column_added,
    "last-4 column added": last4_column_added,
    "amount split into debit/credit": amount_split,
    "preamble and footer lines": preamble_footer_added,
    "dates with month names": dates_rewritten,
    "cp932": encoding_cp932,
    "latin-1": encoding_latin1,
    "utf-16": encoding_utf16,
    "decimal comma, dot thousands": decimal_comma,
    "currency signs in cells": currency_symbols,
    "sign flipped with a type column": sign_flipped_with_type,
    "all cells quoted, CRLF": all_cells_quoted,
}
NO_CURRENCY = {"header dropped"}  # the header may be the only place the currency is stated


def _signature(df: pd.DataFrame, with_currency: bool) -> list[tuple]:
    out = []
    for r in df.itertuples():
        date = pd.Timestamp(r.date).date() if pd.notna(r.date) else None
        cur = str(r.currency) if with_currency and pd.notna(r.currency) else ""
        out.append((date, round(float(r.amount), 2), norm_text(r.description), cur))
    return out


def same_reading(before: pd.DataFrame, after: pd.DataFrame, with_currency: bool = True) -> bool:
    """Whether two readings give the same rows; a description counts as the same when the first one is
    found in the second, as :func:`audit.readers.real_eval.description_right` judges a reading."""
    a, b = _signature(before, with_currency), _signature(after, with_currency)
    if len(a) != len(b):
        return False
    return all(x[0] == y[0] and x[1] == y[1] and x[3] == y[3] and description_right(x[2], y[2]) for x, y in zip(a, b, strict=True))


def _read(data: bytes, name: str) -> pd.DataFrame | str:
    try:
        return read_statement(data=data, name=name)[0]
    except StatementError as exc:
        return f"error: {exc}"


def evaluate(root: Path = DEFAULT_ROOT, kinds: dict[str, Callable[[Table], bytes | None]] | None = None) -> list[KindResult]:
    """Invariance per kind over every delimited real file under ``root``."""
    kinds = kinds or KINDS
    results = {k: KindResult(k) for k in kinds}
    for path in sorted(root.glob("*/*.csv")):
        if path.name.endswith(".expected.csv"):
            continue
        data = path.read_bytes()
        try:
            df, report = read_statement(data=data, name=path.name)
        except StatementError:
            continue  # a file the reader refuses has nothing to compare
        table = load_table(data, df, report.reading)
        if table is None:
            continue
        for kind, fn in kinds.items():
            mutated = fn(table)
            if mutated is None:
                continue
            got = _read(mutated, path.name)
            res = results[kind]
            res.applied += 1
            with_currency = kind not in NO_CURRENCY
            if isinstance(got, pd.DataFrame) and same_reading(df, got, with_currency):
                res.invariant += 1
            else:
                res.broken.append(f"{path.parent.name}/{path.name}")
    return list(results.values())


def format_results(results: list[KindResult], verbose: bool = False) -> str:
    lines = [f"{'transformation':<34} files  invariant  rate", "-" * 56]
    for r in results:
        lines.append(f"{r.kind:<34} {r.applied:>5}  {r.invariant:>9}  {r.rate:5.3f}")
        if verbose and r.broken:
            lines.append(f"{'':<4}changed: {', '.join(r.broken[:8])}{' ...' if len(r.broken) > 8 else ''}")
    applied = sum(r.applied for r in results)
    inv = sum(r.invariant for r in results)
    lines.append("-" * 56)
    lines.append(f"{len(results)} kinds, {applied} transformed files: invariance {inv / applied if applied else 0:.3f} "
                 f"({inv}/{applied})")
    return "\n".join(lines) + "\n"
