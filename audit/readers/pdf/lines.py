"""The line pass of the PDF reader: what each visual line of a statement is.

Every line is one of: page furniture (skipped), a header naming the amount columns (generic layout), the
statement period or a dated header line (the years of year-less dates come from them, per statement), a
summary-box or total line (kept in ``excluded``), a foreign-amount second line or a wrapped description
(merged into the transaction before it), a transaction, or a line that starts with a date and holds an
amount but cannot be read (a :class:`~audit.model.RowProblem` saying why).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from audit.model import ExcludedRow, RowProblem
from audit.readers import pdf_layouts as pl
from audit.readers.pdf import date_after as da
from audit.readers.pdf import generic as gn
from audit.readers.pdf import table as tb
from audit.readers.pdf.text import Line
from audit.values import parse_amount, parse_date


@dataclass
class Txn:
    """A transaction being assembled from its line and the lines that follow it."""

    line: Line
    date_text: str
    posting_text: str | None
    description: str
    amount: float
    cardholder: str | None = None
    fx: tuple[float, str, float] | None = None
    last_line: Line | None = None  # the last line merged into this transaction
    period: int = -1  # index into State.periods of the period printed last before the line (-1: none yet)
    anchor: int = -1  # the same for State.anchors
    desc_x0: float | None = None  # where the description starts (generic lines): wrapped lines start there
    by_column: bool = False  # the sign came from a debit or credit column
    balance: float | None = None  # the number under a balance column, when a header named one
    amount_x1: float | None = None  # right edge of the amount as printed (generic lines)
    xs: list[float] = field(default_factory=list)  # right edges of every number at the line's end (generic lines)
    printed: int = 0  # how many amounts the line printed (generic lines)
    plus: bool = False  # the amount was printed with an explicit "+" (generic lines)
    table: int = 0  # which table (accepted header) the line belongs to (generic lines)
    carried: bool = False  # undated line: the date is the one printed last above it (generic lines)


@dataclass
class State:
    """What the line pass has collected so far."""

    source: str
    txns: list[Txn] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    excluded: list[ExcludedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # printed periods, in file order
    anchors: list[dt.date] = field(default_factory=list)  # printed statement / closing dates, in file order
    totals: dict[int, tuple[str, float]] = field(default_factory=dict)  # the first printed total per period
    columns: list[gn.Column] | None = None  # amount columns of the last header line (generic layout)
    currency: str | None = None  # a currency code printed in a header cell
    date_after: bool = False  # a header named the date column after the description (generic layout)
    geom: tb.Geometry | None = None  # date and description columns of the last table header (generic layout)
    table: int = 0  # tables (accepted headers) so far
    carry: str | None = None  # the date printed last in the current table, carried down to undated rows
    bottom: bool = False  # rows print their amount on their last line (decided by a first pass)
    votes: tb.Votes = field(default_factory=tb.Votes)
    lead: tb.Lead | None = None  # the lines of a bottom-aligned row before its amount
    tail: bool = False  # text was joined under the last transaction
    open_row: Txn | None = None  # the last row of the table, while no other line of the table came after it


@lru_cache(maxsize=64)
def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def period_of(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The period's two dates, both read in one day/month order: the order in which both parse and the
    period is shortest (``01/12/2025 - 31/01/2026`` is December to January, not January to January)."""
    found = []
    for dayfirst in (False, True):
        try:
            start, end = parse_date(m["start"], dayfirst=dayfirst), parse_date(m["end"], dayfirst=dayfirst)
        except ValueError:
            continue
        if start <= end:
            found.append((end - start, start, end))
    if not found:
        return None
    _, start, end = min(found)
    return start, end


def _dayfirst_hint(text: str) -> bool | None:
    """Dates written with dots (``01.02.2020``) are day first everywhere they are used."""
    return True if re.fullmatch(r"\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*", text) else None


# ------------------------------------------------------------------------------------------ the pass


def classify(lines: list[Line], layout: pl.PdfLayout, state: State) -> None:
    """Decide what every line is and collect transactions, exclusions and problems in ``state``. A generic
    statement whose lines show that rows print their amount on their last line is read a second time so."""
    _classify(lines, layout, state)
    if layout is not pl.GENERIC:
        return
    if state.tail:
        state.votes.top += 1  # text under the last row of the statement belongs to that row
    if state.votes.bottom_aligned:
        again = State(state.source, bottom=True)
        _classify(lines, layout, again)
        again.warnings.append("rows print their amount on their last line: the text lines above an amount are "
                              "read as its description")
        state.__dict__.update(again.__dict__)
    tb.drop_unchained_tables(state)
    tb.balance_breaks(state)


def _classify(lines: list[Line], layout: pl.PdfLayout, state: State) -> None:
    generic = layout is pl.GENERIC
    skip = [rx(p) for p in (*pl.COMMON_SKIP, *layout.skip)]
    summary = [(rx(p), reason) for p, reason in (*layout.summary, *pl.COMMON_SUMMARY)]
    foreign = [rx(p) for p in layout.foreign]
    due = rx(r"(?i)^(?:payment\s+)?due\s+date|^payment due\b")
    period, anchor = rx(layout.period), rx(pl.ANCHOR_DATE)
    total = rx(layout.total) if layout.total else None
    dated = rx(r"(?:^|\s)" + pl.ANY_DATE + r"(?:\s|$)")
    money = rx(pl.MONEYISH)
    last: Txn | None = None
    pending: tuple[tuple[list[gn.Column], str | None], int, int, tb.Geometry | None] | None = None
    for ln in lines:
        text = ln.text
        if last is not None and (last.last_line or last.line).page != ln.page:
            last = None
        if generic and da.date_after_header(ln):
            state.date_after = True
            if gn.header_columns(ln) is None:
                last = None
                continue
        if generic and (head := gn.header_columns(ln)) is not None:
            pending = (head, ln.page, ln.no, tb.geometry(ln))  # a table header once a dated line follows closely
            last = None
            continue
        if pending is not None and (pending[1] != ln.page or ln.no - pending[2] > 4
                                    or (money.search(text) and not re.search(r"[^\W\d_]", text))):
            pending = None  # a summary box's headings (a row of figures under them), not a transaction table's
        if pending is not None and (parse(ln, state) is not None or (
                pending[3] is not None and tb.dated_without_amount(ln, pending[3]) is not None)):
            state.columns, state.currency = pending[0][0], state.currency or pending[0][1]
            tb.new_table(state, pending[3])
            pending = None
        if any(p.search(text) for p in skip):
            continue
        if total is not None and (m := total.search(text)):
            value = amount_or_none(m["amount"])
            if value is not None:
                state.totals.setdefault(max(0, len(state.periods) - 1), (m["label"], value))
            state.excluded.append(ExcludedRow(state.source, "total", text, ln.no, ln.page, value))
            last = None
            continue
        if (pm := period.search(text)) or (am := anchor.search(text)) or due.search(text):
            if pm and (found := period_of(pm)) and (not state.periods or state.periods[-1] != found):
                state.periods.append(found)
            elif not pm and am:
                try:
                    state.anchors.append(parse_date(am["date"], dayfirst=_dayfirst_hint(am["date"])))
                except ValueError:
                    pass
            last = None
            continue
        reason = next((r for p, r in summary if p.search(text)), None)
        if reason is not None and (value := last_amount(text)) is not None:
            state.excluded.append(ExcludedRow(state.source, reason, text, ln.no, ln.page, value))
            last = None
            continue
        fx = next((m for p in foreign if (m := p.search(text))), None)
        if fx is not None:
            if last is None or last.fx is not None:
                state.problems.append(problem(state, ln, "foreign-amount line with no transaction before it"))
            else:
                try:
                    last.fx = (parse_amount(fx["amount"]), fx["currency"].upper(), parse_amount(fx["rate"]))
                    last.last_line = ln
                except ValueError as exc:
                    state.problems.append(problem(state, ln, f"foreign-amount line does not parse ({exc})"))
            continue
        txn = generic_transaction(ln, state) if generic else match_transaction(ln, layout, state)
        if txn is _BALANCE:
            last, state.lead = None, None
            continue
        if txn is not None:
            txn.period, txn.anchor = len(state.periods) - 1, len(state.anchors) - 1
            tb.with_lead(txn, state)
            state.txns.append(txn)
            last = state.open_row = txn
            continue
        if generic and state.geom is not None and tb.table_line(ln, state):
            last = None
            continue
        if last is not None and is_continuation(ln, last, dated, money):
            if not gn.REFERENCE_LINE.match(text):  # a payment reference is an identifier, not the counterparty
                last.description = f"{last.description} {text}"
            last.last_line = ln
            state.tail = True
            continue
        if generic and state.geom is not None and not state.bottom and (row := tb.across_page(ln, state)) is not None:
            last = row
            continue
        last = None
        if state.geom is not None and tb.in_description(ln, state.geom):
            state.open_row = None
        if len(ln.runs) > 1 and money.search(text):  # a summary item sharing its line with other text
            tail = next(((r, k) for k in range(1, len(ln.runs)) for p, r in summary
                         if p.search(" ".join(x.text for x in ln.runs[k:]))), None)
            if tail is not None and (value := last_amount(text)) is not None:
                state.excluded.append(ExcludedRow(state.source, tail[0], text, ln.no, ln.page, value))
                continue
        if generic:
            why = gn.why_not(ln, state.columns) or tb.why_not(ln, state) or (da.why_not(ln) if state.date_after else None)
            if why is not None:
                state.problems.append(problem(state, ln, why))
        elif dated.search(text) and money.search(text):
            state.problems.append(problem(state, ln, "dated line with an amount that is not a transaction this layout knows"))


def problem(state: State, ln: Line, message: str) -> RowProblem:
    return RowProblem(source=state.source, message=message, raw=ln.text, row=ln.no, page=ln.page)


def amount_or_none(text: str) -> float | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def last_amount(text: str) -> float | None:
    found = re.findall(r"(" + pl.AMOUNT + r")" + pl.AMOUNT_TAIL + r"\s*$", text)
    return amount_or_none(found[-1]) if found else None


# ------------------------------------------------------------------------------------------ transactions


_BALANCE = Txn(Line(0, 0, []), "", None, "", 0.0)  # returned for a dated balance line (kept in excluded)


def parse(ln: Line, state: State) -> gn.LineParse | None:
    """A generic line read as *date text amount*, or *text date amount* once a header printed them so."""
    return gn.parse_line(ln) or (da.parse_date_after(ln) if state.date_after else None)


def generic_transaction(ln: Line, state: State) -> Txn | None:
    """A transaction read by :mod:`audit.readers.pdf.generic` (None when the line is not one); the amount
    is the one under a debit, credit or amount column when a header named them, else the last one."""
    in_text_column = state.geom is not None and tb.in_description(ln, state.geom)
    parsed, carried = (None if in_text_column else parse(ln, state)), False  # a date is under the date column
    if parsed is None and state.geom is not None and state.carry is not None and state.columns:
        parsed = tb.carried_line(ln, state.columns, state.geom, state.carry)
        carried = parsed is not None
    if parsed is None:
        return None
    if gn.BALANCE_LINE.match(parsed.description):  # "01.01.2020 Alter Kontostand 2.853,82"
        state.excluded.append(ExcludedRow(state.source, "balance", ln.text, ln.no, ln.page, last_amount(ln.text)))
        return _BALANCE
    cell, role, rest, balance = parsed.amounts[-1], None, [c.text for c in parsed.amounts[:-1]], None
    if state.columns:
        placed = [(c, gn.column_of(c, state.columns)) for c in parsed.amounts]
        if any(col is not None for _, col in placed):
            money = [(c, col.role) for c, col in placed if col is not None and col.role != "balance"]
            if not money and not any(c.role in gn.MONEY_ROLES[:3] for c in state.columns):
                # the header names a balance column but not the amount columns: an unclaimed number is the amount
                money = [(c, None) for c, col in placed if col is None and gn.MONEY.search(c.text)][-1:]
            if not money:  # only a balance on the line
                state.excluded.append(ExcludedRow(state.source, "balance", ln.text, ln.no, ln.page, last_amount(ln.text)))
                return _BALANCE
            cell, role = money[-1]
            rest = [c.text for c, col in placed if col is None and c is not cell]  # numbers no column claims stay in the text
            balance = next((amount_or_none(c.text) for c, col in placed if col is not None and col.role == "balance"), None)
        elif state.geom is not None and not gn.MONEY.search(cell.text):
            return None  # a number under no money column that does not look like money ("Transaction 31")
    try:
        amount = parse_amount(cell.text)
    except ValueError as exc:
        state.problems.append(problem(state, ln, f"amount does not parse ({exc})"))
        return None
    if amount == 0 and state.geom is not None:  # a table row that moves no money
        state.excluded.append(ExcludedRow(state.source, "no money moves", ln.text, ln.no, ln.page, 0.0))
        return _BALANCE
    if not carried:
        state.carry = parsed.date
    if role == "debit":
        amount = abs(amount)
    elif role == "credit":
        amount = -abs(amount)
    desc = " ".join([parsed.description, *rest])  # without columns: a running balance is taken out later
    if state.columns and (payee := _payee_text(ln, parsed, state.columns)):
        desc = payee
    desc, holder = other_columns_out(" ".join(desc.split()))
    return Txn(ln, parsed.date, parsed.posting, desc, amount, holder, last_line=ln, desc_x0=parsed.desc_x0,
               by_column=role in ("debit", "credit"), balance=balance, amount_x1=cell.x1, printed=len(parsed.amounts),
               xs=[c.x1 for c in parsed.amounts],
               plus=cell.text.lstrip().startswith("+"), table=state.table, carried=carried)


def _payee_text(ln: Line, parsed: gn.LineParse, columns: list[gn.Column]) -> str | None:
    """The text under a counterparty column (payee, beneficiary ...) when the line prints the description
    in two text columns, e.g. the card descriptor and the payee; None otherwise."""
    payee = next((c for c in columns if c.role == "payee"), None)
    if payee is None:
        return None
    right = parsed.amounts[0].x0
    texts = [r for r in ln.runs if r.x1 > parsed.desc_x0 and r.x1 <= right + 1]
    under = [r.text for r in texts if min(r.x1, payee.x1 + 8) - max(r.x0, payee.x0 - 8) > 0]
    if len(texts) < 2 or not under or len(under) == len(texts):
        return None
    return " ".join(" ".join(under).split())


def match_transaction(ln: Line, layout: pl.PdfLayout, state: State) -> Txn | None:
    """A transaction read from ``ln`` by a named layout (None when the line is not one)."""
    if layout.columns:
        cells = _cells(ln, layout.columns)
        date_text, amount_text = cells.get("date", ""), cells.get("amount", "")
        if not date_text or not amount_text or not re.fullmatch(pl.ANY_DATE, date_text):
            return None
        desc, holder, posting = cells.get("description", ""), cells.get("cardholder") or None, cells.get("posting_date")
    else:
        m = rx(layout.line or "").match(ln.text)
        if not m:
            return None
        gd = m.groupdict()
        date_text, desc, posting, holder = m["date"], m["description"], gd.get("posting_date"), gd.get("cardholder")
        amount_text = m["amount"] + (gd.get("amount_tail") or "")
    try:
        amount = parse_amount(amount_text)
    except ValueError as exc:
        state.problems.append(problem(state, ln, f"amount does not parse ({exc})"))
        return None
    if layout.charges_negative:
        amount = -amount
    desc, found_holder = other_columns_out(" ".join(desc.split()))
    return Txn(ln, date_text, posting or None, desc, amount, holder or found_holder, last_line=ln)


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


def is_continuation(ln: Line, last: Txn, dated: re.Pattern[str], money: re.Pattern[str]) -> bool:
    """A wrapped description: right below the transaction, starting in its description column (or indented
    past its date), no date or amount."""
    prev = last.last_line or last.line
    height = max(prev.bottom - prev.top, 1.0)
    return (
        ln.no == prev.no + 1
        and ln.top - prev.bottom < 1.5 * height
        and (ln.x0 > last.line.x0 + 8 or last.carried)
        and (last.desc_x0 is None or ln.x0 >= last.desc_x0 - 3)
        and not dated.search(ln.text)
        and not money.search(ln.text)
    )

