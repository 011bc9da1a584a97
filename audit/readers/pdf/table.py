"""A statement table whose header names a date and a description column (generic layout).

Bank statements print several transactions per date with the date only on the first of them (the date is
carried down), wrap long descriptions over several lines, and print a row's amount either on its first line
(the wrapped text below it) or on its last (the text above it). This module reads what the header's column
positions tell:

* a line with text in the description column, nothing in the date column and an amount under a debit,
  credit or amount column is a transaction of the date printed last in the table (:func:`carried_line`);
* which way rows wrap is decided from the lines themselves (:class:`Votes`): a dated line with text but no
  amount means the amount comes below (bottom-aligned rows); text under a row that a dated row follows can
  only belong to the row above (top-aligned rows);
* where the table ends: a later table whose rows do not continue the running balance that every row
  before it continued (a sample, an example or an earlier period printed after the statement) is not read
  (:func:`drop_unchained_tables`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from audit.model import ExcludedRow, RowProblem
from audit.readers.pdf import generic as gn
from audit.readers.pdf.text import Line

if TYPE_CHECKING:
    from audit.readers.pdf.lines import State, Txn

_CENT = 0.005


@dataclass(frozen=True)
class Geometry:
    """Where the header prints the date column (its right edge) and the description column (its left edge)."""

    date_x1: float
    desc_x0: float


@dataclass
class Votes:
    """Evidence of which line of a wrapped row carries the amount (see the module text)."""

    top: int = 0
    bottom: int = 0

    @property
    def bottom_aligned(self) -> bool:
        return self.bottom > self.top


@dataclass
class Lead:
    """Lines read so far of a bottom-aligned row whose amount has not come yet."""

    texts: list[str] = field(default_factory=list)
    date: str | None = None
    line: Line | None = None


def geometry(ln: Line) -> Geometry | None:
    """The date and description columns of a header line, when it names both, the date left of the text."""
    date = desc = None
    for r in ln.runs:
        got = gn.header_role(" ".join(r.text.split()))
        if got is None:
            continue
        if got[0] in ("date", "posting_date") and date is None:
            date = r
        elif got[0] == "description" and desc is None:
            desc = r
    if date is None or desc is None or date.x1 > desc.x0:
        return None
    return Geometry(date.x1, desc.x0)


def in_description(ln: Line, geom: Geometry) -> bool:
    """Whether the line's text starts in the description column (nothing under the date)."""
    return ln.x0 >= geom.desc_x0 - 3


def dated_without_amount(ln: Line, geom: Geometry) -> tuple[str, str] | None:
    """(date, text) of a line that prints a date under the date column and text after it, but no money."""
    if ln.x0 > geom.date_x1 or gn.MONEY.search(ln.text):
        return None
    text, _ = gn.positioned(ln)
    got = gn.date_at(text, 0)
    if got is None:
        return None
    rest = text[got[0]:].strip()
    if not rest or gn.date_at(rest, 0) or gn.BALANCE_LINE.match(rest):  # "01 Jan Opening balance": no row
        return None
    return got[1], rest


def text_only(ln: Line, geom: Geometry) -> bool:
    """A line of text in the description column (so no date: that is under the date column) and no money."""
    text, _ = gn.positioned(ln)
    return in_description(ln, geom) and not gn.MONEY.search(text)


def carried_line(ln: Line, columns: list[gn.Column], geom: Geometry, date: str) -> gn.LineParse | None:
    """An undated line of the table read as a transaction of ``date`` (the date printed last above it): text
    in the description column and an amount under a debit, credit or amount column."""
    if not in_description(ln, geom):
        return None
    text, xs, runs = gn.positioned_runs(ln)
    amounts, end = gn.trailing_amounts(text, xs, 0, runs)
    placed = [gn.column_of(c, columns) for c in amounts]
    if not any(c is not None and c.role != "balance" for c in placed):
        return None
    desc = text[:end].strip()
    if not desc:
        return None
    return gn.LineParse(date, None, desc, ln.x0, amounts)


def _steps(txns: list, marks: list[int], direction: int) -> list[bool]:
    """Per pair of neighbouring balance marks: whether the amounts between them move the balance to the next."""
    return [abs(txns[a].balance + direction * sum(t.amount for t in txns[a + 1:b + 1]) - txns[b].balance) < _CENT
            for a, b in pairwise(marks)]


def drop_unchained_tables(state: State) -> None:
    """Leave out the rows of a later table that do not continue the running balance (module text): when the
    balance steps before it mostly chained (at least two; a misprinted balance may break one), the step into
    its first row breaks, and both lie in one statement period."""
    txns = state.txns
    marks = [i for i, t in enumerate(txns) if t.balance is not None]
    if len(marks) < 3:
        return
    for j, (a, b) in enumerate(pairwise(marks)):
        if txns[a + 1].table == txns[a].table or txns[b].table != txns[a + 1].table or txns[a].period != txns[b].period:
            continue
        direction, good = max(((d, _steps(txns, marks[:j + 1], d)) for d in (1, -1)), key=lambda x: sum(x[1]))
        if sum(good) < 2 or sum(good) * 2 <= len(good) or _steps(txns, [a, b], direction)[0]:
            continue
        table = txns[a + 1].table
        out = [t for t in txns if t.table == table]
        for t in out:
            state.excluded.append(ExcludedRow(state.source, "not part of the statement", t.line.text, t.line.no,
                                              t.line.page, t.amount))
        state.txns = [t for t in txns if t.table != table]
        state.warnings.append(
            f"a table on page {out[0].line.page} does not continue the running balance of the rows before it "
            f"({len(out)} rows not read as transactions)")
        return


def balance_breaks(state: State) -> None:
    """Say where a running balance that otherwise chains does not follow from the amounts above it: a row
    misread or missed there, or a balance misprinted."""
    txns = state.txns
    marks = [i for i, t in enumerate(txns) if t.balance is not None]
    if len(marks) < 3:
        return
    steps = max((_steps(txns, marks, d) for d in (1, -1)), key=sum)
    if sum(steps) * 2 <= len(steps):
        return  # not a running balance
    broken = [txns[b] for (_, b), ok in zip(pairwise(marks), steps, strict=True) if not ok]
    if broken:
        where = ", ".join(f"page {t.line.page} line {t.line.no}" for t in broken[:3])
        state.warnings.append(f"the running balance does not follow from the amounts above it at {where}"
                              f"{' ...' if len(broken) > 3 else ''}: a row there may be misread or missing, or the "
                              "balance misprinted")


def why_not(ln: Line, state: State) -> str | None:
    """Why a line of a table with text and money in it was not read (None when it is not such a line)."""
    geom = state.geom
    if geom is None or state.carry is None or not in_description(ln, geom) or not gn.MONEY.search(ln.text):
        return None
    return "text and an amount in the table, but the amount stands under no debit, credit or amount column"


# ------------------------------------------------------------------------------------------ the line pass


def new_table(state: State, geom: Geometry | None) -> None:
    """A header was accepted: a new table starts (or the same one goes on under a header repeated on the next
    page: the carried date and a row cut by the page break are kept)."""
    if state.tail:
        state.votes.top += 1  # text under the last row of a table belongs to that row
    state.geom, state.table, state.tail = geom, state.table + 1, False


def with_lead(txn: Txn, state: State) -> None:
    """Join the lines of a bottom-aligned row above its amount to the transaction; note which way rows wrap."""
    if state.tail and not txn.carried:
        state.votes.top += 1  # text between a row and the next dated row belongs to the row above
    state.tail = False
    lead, state.lead = state.lead, None
    if lead is None:
        return
    if not txn.carried and lead.date is None:
        return  # a dated row starts here: the lines above it are no part of it
    if not txn.carried:
        state.lead = lead
        _lead_out(state)
        return
    txn.description = " ".join([*lead.texts, txn.description])
    if lead.line is not None:
        txn.line = lead.line


def _lead_out(state: State) -> None:
    """A dated row that never got an amount: reported, never dropped silently."""
    lead, state.lead = state.lead, None
    if lead is not None and lead.date is not None and lead.line is not None:
        state.problems.append(RowProblem(state.source, "a dated row with text but no amount below it", lead.line.text, lead.line.no, lead.line.page))


def table_line(ln: Line, state: State) -> bool:
    """A line of a table that is no transaction by itself: a dated row whose amount comes below, or (rows
    printed bottom-aligned) the text of the row whose amount comes below. True when taken."""
    geom = state.geom
    assert geom is not None
    if (dated := dated_without_amount(ln, geom)) is not None:
        state.carry = dated[0]
        if not state.bottom:
            state.votes.bottom += 1
            return False
        _lead_out(state)
        state.lead = Lead([dated[1]], dated[0], ln)
        return True
    if state.bottom and text_only(ln, geom) and state.carry is not None:
        if state.lead is None:
            state.lead = Lead()
        state.lead.texts.append(ln.text)
        return True
    return False


def across_page(ln: Line, state: State) -> Txn | None:
    """The last row of the previous page when ``ln`` goes on with its description at the top of the next page
    (furniture such as page headers and footers lies outside the description column and does not count)."""
    row, geom = state.open_row, state.geom
    if row is None or geom is None or (row.last_line or row.line).page != ln.page - 1 or not text_only(ln, geom):
        return None
    if not gn.REFERENCE_LINE.match(ln.text):
        row.description = f"{row.description} {ln.text}"
    row.last_line = ln
    state.tail = True
    return row
