"""Rows one or two fields wider than the rest of a generic CSV body: a delimiter printed inside a text
field without quotes (``PPP, AAAA BBB|STREET 2C``). Left alone, every cell right of it moves one column
over and a balance is read as the amount; joined back, the row lines up with the others again.

Only a row that does not line up as it is (a filled cell whose kind differs from its column's on every
ordinary row; an empty cell agrees with any column) is joined. The join is chosen from the whole column: of every place the extra fields could be joined, the one
after which each cell has the kind (empty, number, text) its column has on the ordinary rows. Only
text is joined (never a number); between places that fit equally, a piece that starts with a blank
(``", "`` as written in prose) is the one joined. A row that fits nowhere is left as it is (its extra
fields are reported as before).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from audit.readers.csv_table import CellTable
from audit.textcols import filled_mask

MAX_EXTRA = 2  # fields more than the ordinary rows that can be joined back
_NUMBER = re.compile(r"[-+(]?[0-9][0-9 .,']*\)?")


def _kind(cell: object) -> str:
    if not isinstance(cell, str) or not cell.strip():
        return "empty"
    return "number" if _NUMBER.fullmatch(cell.strip()) else "text"


def _fits(cell: str, kind: str | None) -> bool:
    """A cell agrees with its column: the column's kind, or empty (a debit row leaves the credit empty)."""
    got = _kind(cell)
    return kind is None or got == kind or got == "empty"


def _most_common(values: np.ndarray) -> tuple[int, int]:
    """The most frequent value (a non-negative integer) and its count, the first seen among equals (as
    ``Counter.most_common``); (0, 0) for no values."""
    if not len(values):
        return 0, 0
    counts = np.bincount(values)  # (widths: small counts of fields, so one slot per width, no sort)
    top = np.flatnonzero(counts == counts.max())
    best = int(top[0]) if len(top) == 1 else min(top.tolist(), key=lambda v: int(np.argmax(values == v)))
    return best, int(counts[best])


def realign(body: CellTable, delimiter: str) -> CellTable:
    """``body`` with over-wide rows joined back to the ordinary width (see the module docstring)."""
    cells = body.cells
    n, ncols = cells.shape
    if n < 2 or ncols < 3:
        return body
    last = filled_mask(cells.iloc[:, ncols - 1])
    if 2 * int(last.sum()) > n:  # most rows fill the last column: no row can be wider than the common width
        return body
    filled = np.column_stack([*(filled_mask(cells.iloc[:, i]) for i in range(ncols - 1)), last])
    widths = np.where(filled.any(axis=1), ncols - np.argmax(filled[:, ::-1], axis=1), 0)
    common, count = _most_common(widths[widths > 0])
    wide = np.flatnonzero((widths > common) & (widths <= common + MAX_EXTRA))
    if common < 3 or not len(wide) or count < 2 or len(wide) * 2 > n:
        return body
    ordinary = cells.iloc[np.flatnonzero(widths == common), :common]
    kinds = []
    for c in range(common):
        seen = Counter(_kind(v) for v in ordinary.iloc[:, c].tolist())
        kind, hits = seen.most_common(1)[0]
        kinds.append(kind if hits == len(ordinary) else None)  # a column of mixed kinds says nothing
    rows = cells.to_numpy(dtype=object).copy()
    fixed: list[int] = []
    for pos in wide:
        fields = ["" if not isinstance(v, str) else v for v in rows[pos, : widths[pos]].tolist()]
        extra = len(fields) - common
        if all(_fits(fields[c], k) for c, k in enumerate(kinds)):
            continue  # the row lines up as it is: its last fields are a remark (CR) the others leave empty
        best: tuple[int, int, int] | None = None  # (fit, blank start, -place)
        for j in range(common):
            piece = fields[j : j + extra + 1]
            if any(_kind(p) == "number" for p in piece) or not any(_kind(p) == "text" for p in piece):
                continue
            merged = [*fields[:j], delimiter.join(piece), *fields[j + extra + 1 :]]
            fit = sum(1 for c, k in enumerate(kinds) if _fits(merged[c], k))
            if fit < common:
                continue
            score = (fit, int(any(p[:1].isspace() for p in piece[1:])), -j)
            if best is None or score > best:
                best = score
        if best is None:
            continue
        j = -best[2]
        merged = [*fields[:j], delimiter.join(fields[j : j + extra + 1]), *fields[j + extra + 1 :]]
        rows[pos, :] = [*(m if m else None for m in merged), *([None] * (ncols - common))]
        fixed.append(pos)
    if not fixed:
        return body
    out = pd.DataFrame(rows, columns=cells.columns).astype(cells.dtypes.to_dict())
    first = int(body.lines[fixed[0]]) if len(body.lines) > fixed[0] else fixed[0] + 1
    warning = (f"{len(fixed)} row(s) had more fields than the others (first at line {first}): a delimiter inside "
               "a text field, joined back so the columns line up")
    return CellTable(out, body.lines, body.problems, [*body.warnings, warning])
