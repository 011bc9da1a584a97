"""Read a PDF card statement into the transaction table.

How it works: every page's text is cut into visual *lines* (text runs grouped by height and sorted
left to right, each run keeping its x position; text printed at another angle than the page's, such as a
diagonal watermark, is left out), then a :class:`~audit.readers.pdf_layouts.PdfLayout` decides what each
line is (:mod:`audit.readers.pdf.lines`). The three named layouts are specs (a ``line`` regex or
``columns`` x-bounds); any other statement is read generically (:mod:`audit.readers.pdf.generic`): a line
that starts with a date (any common shape, month names in many languages) and ends with an amount, its
amount columns (debit / credit / balance) found from a header line, wrapped descriptions joined. Year-less
dates take their year from the statement period printed before them (per statement in a file holding
several), else from a printed statement date (:mod:`audit.readers.pdf.records`).

Text engines (:mod:`audit.readers.pdf.text`): pypdfium2 char by char by default (one pass over a
page's characters, so a page with 30,000 separate text runs reads in seconds; the previous per-box text
queries took 88 s for 10,000 runs), pdfplumber's words, or poppler's ``pdftotext -bbox`` when installed.
The default ``engine="auto"`` reads with pypdfium2 and falls back to the others when that reading does
not reconcile with the printed total, breaks words into single letters, or finds no transaction.
PyMuPDF is not used (AGPL). Speed: ``bench/bench_pdf.py`` (target >= 30 pages/s on 200 pages).
Limits on pages, characters per page, unpacked stream bytes, seconds per page and memory come from
:class:`audit.readers.limits.Limits`; with ``isolate=True`` the engines run in a child process
(:mod:`audit.readers.pdf.sandbox`).
"""

from __future__ import annotations

import re

import pandas as pd

from audit import schema
from audit.errors import StatementError
from audit.model import ParseReport
from audit.readers import pdf_layouts as pl
from audit.readers.limits import DEFAULT as DEFAULT_LIMITS
from audit.readers.limits import LimitExceeded, Limits
from audit.readers.pdf import choose, sandbox
from audit.readers.pdf.dates import infer_year
from audit.readers.pdf.lines import State, classify, other_columns_out
from audit.readers.pdf.records import currency_of, reconcile, records, settle_signs
from audit.readers.pdf.text import (
    ENGINES,
    NO_TEXT_MESSAGE,
    PASSWORD_MESSAGE,
    Line,
    Run,
    check_file,
    extract_lines,
    extract_runs,
    have_pdftotext,
    to_lines,
)

__all__ = ["ENGINES", "NO_TEXT_MESSAGE", "PASSWORD_MESSAGE", "Line", "Run", "extract_lines", "infer_year", "other_columns_out",
           "read_pdf_bytes"]


# ------------------------------------------------------------------------------------------ the reader


def read_pdf_bytes(
    data: bytes, name: str, *, engine: str = "auto", limits: Limits | None = None, isolate: bool = False
) -> tuple[pd.DataFrame, ParseReport]:
    """Read one PDF statement (bytes) into the schema's transaction table and a parse report.

    ``engine="auto"`` reads with pypdfium2 and, when that reading looks wrong (its rows do not add up to
    the printed total, its descriptions are broken into single letters, or no transaction is found),
    reads again with pdftotext (when installed) and pdfplumber, keeping the reading that reconciles.
    ``isolate``: run each PDF library in a child process with memory, CPU and per-page time limits
    (:mod:`audit.readers.pdf.sandbox`; what :func:`audit.readers.read_statement` does).
    """
    limits = limits or DEFAULT_LIMITS
    check_file(data, name, limits)
    if engine != "auto":
        return _read_with(data, name, engine, limits, isolate)
    try:
        first = _read_with(data, name, "pdfium", limits, isolate)
    except StatementError as exc:
        if not choose.worth_retrying(exc):
            raise
        first, failure = None, exc
    if first is not None and choose.trusted(*first):
        return first
    stopped: LimitExceeded | None = None
    for alt in [e for e in ("pdftotext", "pdfplumber") if e != "pdftotext" or have_pdftotext()]:
        try:
            df, report = _read_with(data, name, alt, limits, isolate)
        except LimitExceeded as exc:  # a slower engine stopped by a limit: keep what the first one read
            stopped = stopped or exc
            continue
        except StatementError:
            continue
        if choose.trusted(df, report) or first is None or choose.better(report, first[1]):
            why = "no transaction was found" if first is None else "pypdfium2's reading " + choose.doubt(*first)
            report.warnings.insert(0, f"text read with {alt} because {why}")
            return df, report
    if first is None and stopped is not None:
        raise LimitExceeded(name, f"{failure.message}; a second reading was stopped: {stopped.message}",
                            page=stopped.page or failure.page)
    if first is None:
        raise failure
    if stopped is not None:
        first[1].warnings.append(f"a second reading was stopped ({stopped}); pypdfium2's reading kept")
    return first


def _read_with(data: bytes, name: str, engine: str, limits: Limits, isolate: bool) -> tuple[pd.DataFrame, ParseReport]:
    """Read with one text engine."""
    if isolate:
        count, runs = sandbox.extract_isolated(data, name, engine, limits)
    else:
        count, runs = extract_runs(data, name, engine=engine, limits=limits, checked=True)
    pages = to_lines(name, count, runs)
    empty = [i for i, lines in enumerate(pages, start=1) if not lines]
    first_text = "\n".join(ln.text for page in [p for p in pages if p][:3] for ln in page)
    layout = detect_layout(first_text)
    report = ParseReport(source=name, kind="pdf", layout=layout.name, pages=count)
    if empty:
        report.warnings.append("no text on page " + ", ".join(map(str, empty[:10])) + " (scanned image?)")
    all_lines = [ln for page in pages for ln in page]
    state = State(name)
    classify(all_lines, layout, state)
    settle_signs(state, layout)
    currency, where = (layout.currency, "") if layout.currency else currency_of(all_lines, state, layout)
    if currency is None:
        state.warnings.append("billing currency not printed on the statement; currency left empty")
        report.currency_hint = where  # a bare "$": a dollar, but which is not printed
    elif where:
        state.warnings.append(f"billing currency {currency}: {where}")
    found = records(state, layout, name, currency, _find_card(first_text, layout))
    if state.periods:
        report.period_start = min(p[0] for p in state.periods).isoformat()
        report.period_end = max(p[1] for p in state.periods).isoformat()
    if len(state.periods) > 1:  # several monthly statements in one file
        state.warnings.append(f"{len(state.periods)} statements in one file (periods " + ", ".join(
            f"{a.isoformat()} to {b.isoformat()}" for a, b in state.periods) + "); each line dated within its own")
    printed = None
    if state.totals:
        labels = {label for label, _ in state.totals.values()}
        label = labels.pop() if len(labels) == 1 else "printed totals"
        if len(state.totals) > 1:
            label = f"{label} (sum of {len(state.totals)} statements)"
        printed = (label, round(sum(v for _, v in state.totals.values()), 2))
    report.problems, report.excluded, report.warnings = state.problems, state.excluded, report.warnings + state.warnings
    if not found:
        raise _nothing_read(name, state, empty)
    df = schema.conform(pd.DataFrame.from_records(found))
    report.rows = len(df)
    if printed is not None:
        report.reconciliation = reconcile(df, layout, printed, report)
    return df, report


def _nothing_read(name: str, state: State, empty: list[int]) -> StatementError:
    """The one-line error for a PDF in which no transaction was found."""
    blank = f" (no text on page {', '.join(map(str, empty[:10]))})" if empty else ""
    if state.problems:
        p = state.problems[0]
        return StatementError(
            name, f"no transaction could be read{blank}: {len(state.problems)} lines look like transactions "
            f"but failed; first at line {p.row}: {p.message}", page=p.page,
        )
    return StatementError(name, f"no transactions found{blank}: not a card statement, or a layout this tool cannot read")


def detect_layout(text: str) -> pl.PdfLayout:
    """The first layout whose ``detect`` regex is found in ``text`` (the first pages), else the generic one."""
    for layout in pl.PDF_LAYOUTS:
        if layout.detect and re.search(layout.detect, text, flags=re.S):
            return layout
    return pl.GENERIC


def _find_card(text: str, layout: pl.PdfLayout) -> str | None:
    pattern = layout.card or r"(?i)(?:card number|カード番号|account number)\s*[:：]?\s*(?P<card>[\dX*＊\- ]{8,}\d{4})"
    m = re.search(pattern, text)
    return " ".join(m["card"].split()) if m else None
