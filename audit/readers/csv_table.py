"""Split a decoded CSV text into preamble, header and a cell table with physical line numbers.

The fast path is Arrow's multi-threaded CSV reader (every cell read as text), accepted only when each
physical line became one record, so row numbers are exact. Otherwise pandas' C parser, and for files
it cannot read exactly (quoted line breaks, a quote left open at the end, ragged rows) Python's
:mod:`csv` module, which tells the physical line where each record starts.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import weakref
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from audit.masking import mask_card
from audit.model import RowProblem

DELIMITERS = (",", "\t", ";", "|")
HEAD_LINES = 200


@dataclass
class HeadRecord:
    """One record of the first lines of the file, parsed with Python's csv module."""

    line: int  # 1-based physical line where the record starts
    cells: list[str]
    text: str  # the raw line(s)

    @property
    def blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass
class CellTable:
    """The body of a CSV file: text cells (NaN when empty) and the physical line of each row."""

    cells: pd.DataFrame
    lines: np.ndarray
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def split_head(text: str, n: int = HEAD_LINES) -> list[str]:
    """The first ``n`` physical lines of ``text`` (without line ends)."""
    end = 0
    for _ in range(n):
        nxt = text.find("\n", end)
        if nxt < 0:
            end = len(text)
            break
        end = nxt + 1
    return text[:end].split("\n")[:n]


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same (>1) number of fields."""
    sample = [ln for ln in lines if ln.strip()][:HEAD_LINES]
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(sample, delimiter=delim)] if sample else []
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        # of widths met equally often, the wider (a table, not the two-cell lines of a preamble above it)
        width, freq = max(Counter(counts).items(), key=lambda kv: (kv[1], kv[0]))
        score = freq + 0.01 * width
        if score > best_score:
            best, best_score = delim, score
    return best


def head_records(lines: list[str], delimiter: str) -> list[HeadRecord]:
    """Parse the first lines into records, keeping the physical start line of each."""
    out: list[HeadRecord] = []
    src = io.StringIO("\n".join(lines))
    reader = csv.reader(src, delimiter=delimiter)
    prev = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            break
        start = prev + 1
        prev = reader.line_num
        out.append(HeadRecord(start, cells, "\n".join(lines[start - 1 : prev])))
    return out


def count_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def read_body(text: str, delimiter: str, first_line: int, ncols: int, source: str) -> CellTable:
    """Read the records from physical line ``first_line`` (1-based) on, as a text cell table.

    Tries, in order: Arrow's multi-threaded CSV reader (only accepted when every physical line became
    exactly one record of ``ncols`` fields, so line numbers are exact), pandas' C parser, Python's csv.
    """
    text = text.rstrip("\n") + "\n"  # blank lines at the very end carry nothing
    repaired: list[int] = []
    if text.count('"') % 2:  # an odd number of quotes: one was left open inside a field
        from audit.readers.csv_quotes import repair_stray_quotes

        text, repaired = repair_stray_quotes(text, delimiter, ncols)
    table = _read_body(text, delimiter, first_line, ncols, source)
    for line in repaired:
        table.warnings.append(f"row {line}: a quote opens a field and never closes: read as part of the text "
                              "(the rows below it are read as rows of their own)")
    return table


def _read_body(text: str, delimiter: str, first_line: int, ncols: int, source: str) -> CellTable:
    total = count_lines(text)
    if first_line > total:
        return CellTable(pd.DataFrame({i: pd.Series(dtype="str") for i in range(ncols)}), np.array([], dtype=np.int64))
    fast = _arrow_body(text, delimiter, first_line, ncols, total)
    if fast is not None:
        return fast
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cells = pd.read_csv(
                io.BytesIO(text.encode("utf-8")),
                sep=delimiter,
                header=None,
                names=list(range(ncols)),
                skiprows=first_line - 1,
                dtype="str",
                skip_blank_lines=False,
                keep_default_na=False,
                na_values=[""],
                on_bad_lines="warn",
                engine="c",
                index_col=False,
                encoding="utf-8",
            )
    except (pd.errors.ParserError, ValueError, MemoryError, OverflowError):
        return _python_body(text, delimiter, first_line, ncols, source)
    bad = []
    for w in caught:
        m = re.search(r"line (\d+)", str(w.message))
        if m:
            bad.extend(int(x) for x in re.findall(r"line (\d+)", str(w.message)))
    expected = total - first_line + 1
    if len(cells) + len(bad) != expected:  # quoted line breaks: only csv can say where records start
        return _python_body(text, delimiter, first_line, ncols, source)
    if bad:  # rows with more fields than the header: rare, so use the exact reader that reports them
        return _python_body(text, delimiter, first_line, ncols, source)
    lines = np.arange(first_line, total + 1, dtype=np.int64)
    cells.columns = list(range(ncols))
    return CellTable(cells.reset_index(drop=True), lines)


def _arrow_body(text: str, delimiter: str, first_line: int, ncols: int, total: int) -> CellTable | None:
    """Arrow CSV reader for clean rectangular files; None when the file needs the exact readers."""
    import pyarrow as pa

    return arrow_table(pa.py_buffer(text.encode("utf-8")), delimiter, first_line, ncols, total)


def arrow_body_from_bytes(data: bytes, start: int, delimiter: str, first_line: int, ncols: int, *,
                          newlines: int | None = None) -> CellTable | None:
    """:func:`arrow_table` straight on UTF-8 bytes (from offset ``start``, after a BOM): no decoding in Python.

    Arrow checks the UTF-8 itself; None when the bytes are not clean UTF-8 CSV with one record per line.
    ``newlines``: the count of line feeds in the whole of ``data``, when known (saves counting them again).
    """
    import pyarrow as pa

    end = len(data)
    while end > start and data[end - 1] in b"\r\n":  # blank lines at the very end carry nothing
        end -= 1
    if end <= start:
        return None
    if newlines is None:
        total = data.count(b"\n", start, end) + 1
    else:  # the known count less the line feeds outside [start, end) (a BOM has none; the end only a few)
        total = newlines - data.count(b"\n", 0, start) - data.count(b"\n", end) + 1
    if first_line > total:
        return None
    return arrow_table(pa.py_buffer(data).slice(start, end - start), delimiter, first_line, ncols, total)


def arrow_table(buf: object, delimiter: str, first_line: int, ncols: int, total: int) -> CellTable | None:
    """Read ``buf`` (UTF-8 CSV) from physical line ``first_line`` with Arrow's CSV reader.

    Accepted only when every physical line from ``first_line`` to ``total`` became exactly one record
    of ``ncols`` fields, so that row ``i`` is physical line ``first_line + i``.
    """
    import pyarrow as pa
    from pyarrow import csv as pacsv

    invalid = 0

    def on_invalid(row: object) -> str:
        nonlocal invalid
        invalid += 1
        return "skip"

    names = [str(i) for i in range(ncols)]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(buf),
            # one thread: the same table for less CPU (threads cost more in total than they save in waiting)
            read_options=pacsv.ReadOptions(skip_rows=first_line - 1, column_names=names, block_size=1 << 22,
                                           use_threads=False),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError):
        return None
    if invalid or table.num_rows != total - first_line + 1:
        return None
    cells = pd.DataFrame({i: pd.Series(table.column(i), dtype="str") for i in range(ncols)})
    return CellTable(cells, np.arange(first_line, total + 1, dtype=np.int64))


def _python_body(text: str, delimiter: str, first_line: int, ncols: int, source: str) -> CellTable:
    """Exact but slower reader: records with start lines; a quote left open at the end is reported."""
    start = _offset_of_line(text, first_line)
    body = text[start:]
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[RowProblem] = []
    prev = 0
    try:
        for cells in reader:
            lines.append(first_line + prev)
            prev = reader.line_num
            rows.append(cells)
    except csv.Error as exc:
        problems.append(RowProblem(source, f"unreadable CSV record ({exc})", row=first_line + prev))
    if rows and _open_quote_at_end(body, lines[-1] - first_line, delimiter):
        raw = mask_card(delimiter.join(rows[-1]))[:200] or ""
        problems.append(
            RowProblem(source, "file ends inside a quoted field (truncated?); row not read", raw=raw, row=lines[-1])
        )
        rows.pop()
        lines.pop()
    width = max([ncols, *(len(r) for r in rows)]) if rows else ncols
    for r, ln in zip(rows, lines, strict=True):
        if len(r) > ncols:
            extra = [c for c in r[ncols:] if c.strip()]
            if extra:
                problems.append(
                    RowProblem(source, f"row has {len(r)} fields, the header has {ncols}", raw=mask_card(delimiter.join(r))[:200] or "", row=ln)
                )
    padded = [r + [""] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(padded, columns=list(range(width)), dtype="str") if padded else pd.DataFrame(
        {i: pd.Series(dtype="str") for i in range(width)}
    )
    frame = frame.iloc[:, :ncols].replace("", np.nan) if width else frame
    frame = frame.astype("str")
    return CellTable(frame.reset_index(drop=True), np.array(lines, dtype=np.int64), problems)


def _offset_of_line(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _open_quote_at_end(body: str, last_record_line_offset: int, delimiter: str) -> bool:
    """True when the last record starts a quoted field that never closes."""
    tail = body[_offset_of_line(body, last_record_line_offset + 1):]
    reader = csv.reader(io.StringIO(tail), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def numbered_ids(prefix: str, numbers: np.ndarray) -> pd.Series:
    """Text column ``f"{prefix}{n}"`` for integers, built without Python strings per row.

    Non-negative numbers whose digit counts never fall down the rows (a file's line numbers) are written
    straight into one Arrow buffer with numpy, one block per digit count; anything else goes through
    Arrow's integer cast and join.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    nums = np.asarray(numbers, dtype=np.int64)
    if len(nums) == 0:
        return pd.Series([], dtype="str")
    fast = _digit_blocks(prefix, nums)
    if fast is not None:
        out = pd.Series(fast, dtype="str")
        data = out.array.__arrow_array__()
        key = id(data)
        _BUILT[key] = (weakref.ref(data, lambda _ref, key=key: _BUILT.pop(key, None)), prefix, nums.copy())
        return out
    text = pa.array(nums).cast(pa.large_string())
    joined = pc.binary_join_element_wise(pa.scalar(prefix, pa.large_string()), text, pa.scalar("", pa.large_string()))
    return pd.Series(joined, dtype="str")


# Id columns built here, while their Arrow data lives: id(data) -> (data, prefix, numbers). Lets
# :func:`audit.ids.numbered_apart` see how a column was built instead of building it again to compare.
_BUILT: dict[int, tuple[weakref.ref, str, np.ndarray]] = {}


def built_as(data: object) -> tuple[str, np.ndarray] | None:
    """``(prefix, numbers)`` when ``data`` (an id column's Arrow data) is a :func:`numbered_ids` result, else None."""
    hit = _BUILT.get(id(data))
    if hit is None or hit[0]() is not data:
        return None
    return hit[1], hit[2]


_POWERS = 10 ** np.arange(1, 19, dtype=np.int64)  # 10 .. 10**18: a number below 10**k has at most k digits


def _digit_blocks(prefix: str, nums: np.ndarray) -> object | None:
    """:func:`numbered_ids` as a ``pa.LargeStringArray`` built in numpy, or None when ``nums`` has a negative
    number or its digit counts fall somewhere (then the rows of one digit count are not one block)."""
    import pyarrow as pa

    if int(nums.min()) < 0:
        return None
    if len(nums) < 2 or bool((nums[1:] >= nums[:-1]).all()):  # rising numbers (a file's lines): blocks by search
        cuts = [0, *np.searchsorted(nums, _POWERS, side="left").tolist(), len(nums)]
        widths = range(1, len(cuts))  # between cuts[k - 1] and cuts[k]: numbers of k digits
    else:
        digits = np.searchsorted(_POWERS, nums, side="right") + 1  # 0..9 -> 1, 10..99 -> 2, ...
        if bool((np.diff(digits) < 0).any()):
            return None
        cuts = [0, *(np.flatnonzero(np.diff(digits)) + 1).tolist(), len(nums)]
        widths = [int(digits[a]) for a in cuts[:-1]]
    head = np.frombuffer(prefix.encode("utf-8"), dtype=np.uint8)
    offsets = np.empty(len(nums) + 1, dtype=np.int64)
    offsets[0] = 0
    blocks = [(a, b, k) for a, b, k in zip(cuts[:-1], cuts[1:], widths, strict=True) if b > a]
    for a, b, k in blocks:  # each block's ids are all one width: its offsets step evenly
        width = len(head) + k
        offsets[a + 1:b + 1] = np.arange(1, b - a + 1, dtype=np.int64) * width + offsets[a]
    data = np.empty(int(offsets[-1]), dtype=np.uint8)
    for a, b, k in blocks:
        block = data[offsets[a]:offsets[b]].reshape(b - a, len(head) + k)  # one row per id
        block[:, :len(head)] = head
        rest = nums[a:b].astype(np.uint32 if k <= 9 else np.int64)  # (32-bit division is the quicker)
        digit = np.empty_like(rest)
        for j in range(k - 1, -1, -1):  # the last digit first
            np.divmod(rest, 10, out=(rest, digit))
            digit += 48  # ASCII "0" + digit
            block[:, len(head) + j] = digit
    return pa.LargeStringArray.from_buffers(len(nums), pa.py_buffer(offsets), pa.py_buffer(data))
