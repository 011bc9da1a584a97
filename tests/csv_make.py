"""Statement CSVs written in a test from rows of cells, and read as an upload would be."""

from __future__ import annotations

import csv
import io

from audit.readers import read_statement


def csv_text(rows: list[list[str]]) -> str:
    """``rows`` as CSV text (comma, quoted where needed, one ``\\n`` per row)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def read_rows(rows: list[list[str]], name: str, encoding: str = "utf-8"):
    """``(transactions, report)`` of ``rows`` uploaded as the file ``name`` in ``encoding``."""
    return read_statement(data=csv_text(rows).encode(encoding), name=name)
