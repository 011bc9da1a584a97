"""Which text engine's reading of a PDF to keep (``engine="auto"`` in :func:`audit.readers.pdf_reader.read_pdf_bytes`).

A reading is trusted when its rows add up to the printed total (or none is printed) and its
descriptions are not broken into single letters; otherwise another engine's reading that is trusted,
or closer to the printed total, replaces it.
"""

from __future__ import annotations

import pandas as pd

from audit.errors import StatementError
from audit.model import ParseReport


def worth_retrying(exc: StatementError) -> bool:
    return "no transaction" in exc.message


def garbled(df: pd.DataFrame) -> float:
    """Share of one-letter words in the descriptions (letter-spaced text read as separate letters)."""
    words = " ".join(df["description"].astype(str)).split()
    return sum(len(w) == 1 and w.isalpha() for w in words) / max(1, len(words))


def trusted(df: pd.DataFrame, report: ParseReport) -> bool:
    rec = report.reconciliation
    return (rec is None or rec.ok) and garbled(df) < 0.3


def doubt(df: pd.DataFrame, report: ParseReport) -> str:
    rec = report.reconciliation
    if rec is not None and not rec.ok:
        return f"did not add up to the printed total (off by {rec.difference:+,.2f})"
    return "broke words into single letters"


def better(report: ParseReport, than: ParseReport) -> bool:
    a, b = report.reconciliation, than.reconciliation
    return a is not None and b is not None and abs(a.difference) < abs(b.difference)
