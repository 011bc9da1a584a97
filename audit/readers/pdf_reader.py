"""Read a PDF card statement into the transaction table.

How it works: every page's text is cut into visual *lines* (text runs grouped by height and sorted
left to right, each run keeping its x position), then a :class:`~audit.readers.pdf_layouts.PdfLayout`
decides what each line is: page furniture (skipped), the statement period, a summary-box or total
line (reported in ``report.excluded``), a transaction (a ``line`` regex or ``columns`` x-bounds), a
foreign-amount second line or a wrapped description (merged into the transaction before it), or a
dated line with an amount that does not parse (a :class:`~audit.model.RowProblem`). Year-less dates
take their year from the printed statement period, so a December-January statement wraps correctly.

Text engines (:mod:`audit.readers.pdf.text`): pypdfium2 char by char by default (one pass over a
page's characters, so a page with 30,000 separate text runs reads in seconds; the previous per-box text
queries took 88 s for 10,000 runs), pdfplumber's words, or poppler's ``pdftotext -bbox`` when installed.
The default ``engine="auto"`` reads with pypdfium2 and falls back to the others when that reading does
not reconcile with the printed total, breaks words into single letters, or finds no transaction.
PyMuPDF is not used (AGPL). Speed: ``bench/bench_pdf.py`` (target >= 30 pages/s on 200 pages).
Limits on pages, characters per page, unpacked stream bytes and seconds per page come from
:class:`audit.readers.limits.Limits`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from audit import schema
from audit.errors import StatementError
from audit.model import ExcludedRow, ParseReport, Reconciliation, RowProblem
from audit.readers import pdf_layouts as pl
from audit.readers.limits import DEFAULT as DEFAULT_LIMITS
from audit.readers.limits import LimitExceeded, Limits
from audit.readers.pdf import choose, sandbox
from audit.readers.pdf.balance import balance_column_out
from audit.readers.pdf.dates import infer_year, resolve_date
from audit.readers.pdf.signs import charges_printed_negative
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
from audit.values import parse_amount, parse_date

__all__ = ["ENGINES", "NO_TEXT_MESSAGE", "PASSWORD_MESSAGE", "Line", "Run", "extract_lines", "infer_year", "read_pdf_bytes"]


@dataclass
class _Txn:
    """A transaction being assembled from its line and the lines that follow it."""

    line: Line
    date_text: str
    posting_text: str | None
    description: str
    amount: float
    cardholder: str | None = None
    fx: tuple[float, str, float] | None = None
    last_line: Line | None = None  # the last line merged into this transaction
    segment: int = 0  # which printed statement period (0 = the first) the line came after


@dataclass
class _State:
    """What the line pass has collected so far."""

    source: str
    txns: list[_Txn] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    excluded: list[ExcludedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    printed_total: tuple[str, float] | None = None
    periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # distinct periods, in file order
    totals: dict[int, tuple[str, float]] = field(default_factory=dict)  # the first printed total per period


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
    period, anchor = _find_period(all_lines, layout)
    if period:
        report.period_start, report.period_end = period[0].isoformat(), period[1].isoformat()
    state = _State(name)
    _classify(all_lines, layout, state)
    if not layout.columns and balance_column_out(state.txns, _CREDIT_WORDS) is not None:
        state.warnings.append("last number on each line is a running balance; the number before it read as the amount")
    elif layout is pl.GENERIC and charges_printed_negative(state.txns, _CREDIT_WORDS):
        for t in state.txns:
            t.amount = -t.amount
        state.warnings.append("charges are printed with a minus and payments without: signs turned round")
    currency = layout.currency or _guess_currency(first_text, state)
    records = _records(state, layout, name, period, anchor, currency, _find_card(first_text, layout))
    if len(state.periods) > 1:  # several monthly statements in one file
        report.period_start = min(p[0] for p in state.periods).isoformat()
        report.period_end = max(p[1] for p in state.periods).isoformat()
        state.warnings.append(f"{len(state.periods)} statements in one file (periods " + ", ".join(
            f"{a.isoformat()} to {b.isoformat()}" for a, b in state.periods) + "); each line dated within its own")
    if state.totals:
        labels = {label for label, _ in state.totals.values()}
        label = labels.pop() if len(labels) == 1 else "printed totals"
        if len(state.totals) > 1:
            label = f"{label} (sum of {len(state.totals)} statements)"
        state.printed_total = (label, round(sum(v for _, v in state.totals.values()), 2))
    report.problems, report.excluded, report.warnings = state.problems, state.excluded, report.warnings + state.warnings
    if not records:
        raise _nothing_read(name, state, empty)
    df = schema.conform(pd.DataFrame.from_records(records))
    report.rows = len(df)
    if state.printed_total is not None:
        report.reconciliation = _reconcile(df, layout, state.printed_total, report)
    return df, report


def _nothing_read(name: str, state: _State, empty: list[int]) -> StatementError:
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


@lru_cache(maxsize=64)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _find_period(lines: list[Line], layout: pl.PdfLayout) -> tuple[tuple[dt.date, dt.date] | None, dt.date | None]:
    """The printed statement period (start, end) and, failing that, a dated header line (anchor)."""
    anchor = None
    for ln in lines:
        m = _rx(layout.period).search(ln.text)
        if m and (found := _period_of(m)):
            return found, None
        if anchor is None:
            a = _rx(pl.ANCHOR_DATE).search(ln.text)
            if a:
                try:
                    anchor = parse_date(a["date"])
                except ValueError:
                    pass
    return None, anchor


def _period_of(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    try:
        start, end = parse_date(m["start"]), parse_date(m["end"])
    except ValueError:
        return None
    return (start, end) if start <= end else None


def _find_card(text: str, layout: pl.PdfLayout) -> str | None:
    pattern = layout.card or r"(?i)(?:card number|カード番号|account number)\s*[:：]?\s*(?P<card>[\dX*＊\- ]{8,}\d{4})"
    m = re.search(pattern, text)
    return " ".join(m["card"].split()) if m else None


# ------------------------------------------------------------------------------------------ line pass


def _classify(lines: list[Line], layout: pl.PdfLayout, state: _State) -> None:
    """Decide what every line is and collect transactions, exclusions and problems in ``state``."""
    skip = [_rx(p) for p in (*pl.COMMON_SKIP, *layout.skip)]
    summary = [(_rx(p), reason) for p, reason in (*layout.summary, *pl.COMMON_SUMMARY)]
    foreign = [_rx(p) for p in layout.foreign]
    due = _rx(r"(?i)^(?:payment\s+)?due\s+date|^payment due\b")
    period, anchor = _rx(layout.period), _rx(pl.ANCHOR_DATE)
    total = _rx(layout.total) if layout.total else None
    dated = _rx(r"(?:^|\s)" + pl.ANY_DATE + r"(?:\s|$)")
    money = _rx(pl.MONEYISH)
    last: _Txn | None = None
    for ln in lines:
        text = ln.text
        if last is not None and last.line.page != ln.page:
            last = None
        if any(p.search(text) for p in skip):
            continue
        if total is not None and (m := total.search(text)):
            value = _amount_or_none(m["amount"])
            if value is not None:
                state.totals.setdefault(max(0, len(state.periods) - 1), (m["label"], value))
            state.excluded.append(ExcludedRow(state.source, "total", text, ln.no, ln.page, value))
            last = None
            continue
        if (pm := period.search(text)) or anchor.search(text) or due.search(text):
            if pm and (found := _period_of(pm)) and (not state.periods or state.periods[-1] != found):
                state.periods.append(found)
            last = None
            continue
        reason = next((r for p, r in summary if p.search(text)), None)
        if reason is not None and (value := _last_amount(text)) is not None:
            state.excluded.append(ExcludedRow(state.source, reason, text, ln.no, ln.page, value))
            last = None
            continue
        fx = next((m for p in foreign if (m := p.search(text))), None)
        if fx is not None:
            if last is None or last.fx is not None:
                state.problems.append(_problem(state, ln, "foreign-amount line with no transaction before it"))
            else:
                try:
                    last.fx = (parse_amount(fx["amount"]), fx["currency"].upper(), parse_amount(fx["rate"]))
                    last.last_line = ln
                except ValueError as exc:
                    state.problems.append(_problem(state, ln, f"foreign-amount line does not parse ({exc})"))
            continue
        txn = _match_transaction(ln, layout, state)
        if txn is not None:
            txn.segment = max(0, len(state.periods) - 1)
            state.txns.append(txn)
            last = txn
            continue
        if last is not None and _is_continuation(ln, last, dated, money):
            last.description = f"{last.description} {text}"
            last.last_line = ln
            continue
        last = None
        if len(ln.runs) > 1 and money.search(text):  # a summary item sharing its line with other text
            tail = next(((r, k) for k in range(1, len(ln.runs)) for p, r in summary
                         if p.search(" ".join(x.text for x in ln.runs[k:]))), None)
            if tail is not None and (value := _last_amount(text)) is not None:
                state.excluded.append(ExcludedRow(state.source, tail[0], text, ln.no, ln.page, value))
                continue
        if dated.search(text) and money.search(text):
            state.problems.append(_problem(state, ln, "dated line with an amount that is not a transaction this layout knows"))


def _problem(state: _State, ln: Line, message: str) -> RowProblem:
    return RowProblem(source=state.source, message=message, raw=ln.text, row=ln.no, page=ln.page)


def _amount_or_none(text: str) -> float | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _last_amount(text: str) -> float | None:
    found = re.findall(r"(" + pl.AMOUNT + r")" + pl.AMOUNT_TAIL + r"\s*$", text)
    return _amount_or_none(found[-1]) if found else None


def _match_transaction(ln: Line, layout: pl.PdfLayout, state: _State) -> _Txn | None:
    """A transaction read from ``ln`` (None when the line is not one)."""
    if layout.columns:
        cells = _cells(ln, layout.columns)
        date_text, amount_text = cells.get("date", ""), cells.get("amount", "")
        if not date_text or not amount_text or not re.fullmatch(pl.ANY_DATE, date_text):
            return None
        desc, holder, posting = cells.get("description", ""), cells.get("cardholder") or None, cells.get("posting_date")
    else:
        m = _rx(layout.line or pl.GENERIC.line or "").match(ln.text)
        if not m:
            return None
        gd = m.groupdict()
        date_text, desc, posting, holder = m["date"], m["description"], gd.get("posting_date"), gd.get("cardholder")
        amount_text = m["amount"] + (gd.get("amount_tail") or "")
    try:
        amount = parse_amount(amount_text)
    except ValueError as exc:
        state.problems.append(_problem(state, ln, f"amount does not parse ({exc})"))
        return None
    if layout.charges_negative:
        amount = -amount
    desc, found_holder = other_columns_out(" ".join(desc.split()))
    return _Txn(ln, date_text, posting or None, desc, amount, holder or found_holder, last_line=ln)


_COUNTRY = re.compile(r"\s*利用国\s?[A-Z]{2,3}\b")
_TAIL = re.compile(
    r"\s+(?P<holder>ご?本人|ご?家族)?\s*(?P<plan>[1１]回払い|[1１]回|一括払い|一括|リボ払い|リボ|分割|\d+回払い|\d+回)?"
    r"(?:\s+[\d,，.]+)*\s*$"
)


def other_columns_out(desc: str) -> tuple[str, str | None]:
    """The description without other columns' text that a line layout left in it, and the cardholder if found.

    Japanese statements print the country of use (``利用国USA``), the cardholder (``本人``/``家族``), the
    payment plan (``1回``, ``リボ``) and more amounts after the merchant name.
    """
    desc = _COUNTRY.sub("", desc)
    m = _TAIL.search(desc)
    if m and (m["holder"] or m["plan"]) and m.start() > 0:
        return desc[: m.start()].strip(), m["holder"]
    return desc.strip(), None


def _cells(ln: Line, columns: dict[str, tuple[float, float]]) -> dict[str, str]:
    """The line's runs assigned to columns by their left edge (runs outside every column are dropped)."""
    cells: dict[str, list[str]] = {}
    for r in ln.runs:
        for role, (x0, x1) in columns.items():
            if x0 <= r.x0 < x1:
                cells.setdefault(role, []).append(r.text)
                break
    return {role: " ".join(parts) for role, parts in cells.items()}


def _is_continuation(ln: Line, last: _Txn, dated: re.Pattern[str], money: re.Pattern[str]) -> bool:
    """A wrapped description: right below the transaction, indented past its date, no date or amount."""
    prev = last.last_line or last.line
    height = max(prev.bottom - prev.top, 1.0)
    return (
        ln.no == prev.no + 1
        and ln.top - prev.bottom < 1.5 * height
        and ln.x0 > last.line.x0 + 8
        and not dated.search(ln.text)
        and not money.search(ln.text)
    )


# ------------------------------------------------------------------------------------------ records


def _records(
    state: _State,
    layout: pl.PdfLayout,
    name: str,
    period: tuple[dt.date, dt.date] | None,
    anchor: dt.date | None,
    currency: str | None,
    card: str | None,
) -> list[dict[str, Any]]:
    """Schema records for the collected transactions; dates resolved (year from the period)."""
    dayfirst = _dayfirst(layout, state)
    if period is None and anchor is not None:
        state.warnings.append(f"no statement period printed; years of dates taken from {anchor.isoformat()}")
        window: tuple[dt.date, dt.date] | None = (anchor - dt.timedelta(days=365), anchor)
    else:
        window = period
    out = []
    for t in state.txns:
        own = state.periods[t.segment] if len(state.periods) > 1 else window
        try:
            date = resolve_date(t.date_text, dayfirst, own)
            posting = resolve_date(t.posting_text, dayfirst, own) if t.posting_text else None
        except ValueError as exc:
            state.problems.append(RowProblem(name, f"date does not parse ({exc})", t.line.text, t.line.no, t.line.page))
            continue
        fx = t.fx or (None, None, None)
        out.append({
            "id": f"{name}:p{t.line.page}l{t.line.no}",
            "source": name,
            "page": t.line.page,
            "row": t.line.no,
            "date": pd.Timestamp(date),
            "posting_date": pd.Timestamp(posting) if posting else pd.NaT,
            "description": t.description,
            "amount": t.amount,
            "currency": currency,
            "original_amount": fx[0],
            "original_currency": fx[1],
            "rate": fx[2],
            "card": card,
            "cardholder": t.cardholder,
            "kind": _kind(t.description, t.amount),
        })
    return out


def _dayfirst(layout: pl.PdfLayout, state: _State) -> bool:
    if layout.date_style in ("dm", "d_mon"):
        return True
    if layout.date_style != "auto":
        return False
    pairs = [re.match(r"^\s*(\d{1,2})[/／.](\d{1,2})(?:\D|$)", t.date_text) for t in state.txns]
    nums = [(int(m[1]), int(m[2])) for m in pairs if m]
    if any(a > 12 for a, _ in nums):
        return True
    if nums and not any(b > 12 for _, b in nums):
        state.warnings.append("numeric dates fit both day/month orders; read month first")
    return False


_CREDIT_WORDS = pl.PAYMENT_WORDS + r"|refund|credit|return|estorno|reembolso|crédito|返金|返品"


def _kind(description: str, amount: float) -> str:
    if amount < 0:
        return "payment" if re.search(pl.PAYMENT_WORDS, description) else "refund"
    if re.search(r"(?i)cash advance|キャッシング", description):
        return "cash"
    if re.search(pl.FEE_WORDS, description):
        return "fee"
    return "charge"


def _guess_currency(text: str, state: _State) -> str | None:
    for marks, code in (("円￥¥", "JPY"), ("£", "GBP"), ("€", "EUR"), ("$", "USD")):
        if any(c in text for c in marks):
            return code
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        return "JPY"
    state.warnings.append("billing currency not printed on page 1; currency left empty")
    return None


def _reconcile(df: pd.DataFrame, layout: pl.PdfLayout, printed: tuple[str, float], report: ParseReport) -> Reconciliation:
    """Compare the parsed rows with the printed total; a failure adds a warning saying by how much."""
    label, value = printed
    amounts = df["amount"]
    if layout.total_of == "charges":
        amounts = amounts[amounts > 0]
    elif layout.total_of == "no_payments":
        amounts = amounts[df["kind"] != "payment"]
    parsed = round(float(amounts.sum()), 2)
    rec = Reconciliation(printed_total=value, parsed_total=parsed, ok=abs(parsed - value) < 0.005, label=label)
    if not rec.ok:
        report.warnings.append(
            f"parsed transactions add up to {parsed:,.2f} but the statement's '{label}' is {value:,.2f} "
            f"(off by {rec.difference:+,.2f}): some lines may be missing or misread"
        )
    return rec
