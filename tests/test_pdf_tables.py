"""Generic PDF reading of bank-statement tables (issue 24, point 4): Date / Description / Debit / Credit /
Balance columns, the date printed only on the first row of each day, descriptions wrapped over several lines
with the amount on the first or on the last line, a row split by a page break, page furniture, and a table
after the statement that does not continue its running balance. Generated here; invariance: wrapping,
column positions, a repeated header and an appended decoy table do not change what is read."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_make import make_pdf

from audit.readers.pdf_reader import read_pdf_bytes

# day, description words, money out, money in
ROWS = [
    (2, "Opening deposit", "", "500.00"),
    (2, "Rent March", "1,200.00", ""),
    (2, "Grocer Market Hall Street", "82.15", ""),
    (5, "Water Utility Direct Debit", "45.10", ""),
    (5, "Salary Example Employer Ltd", "", "2,350.00"),
    (9, "Bookshop", "12.99", ""),
    (9, "Cinema City Centre Tickets", "24.00", ""),
    (9, "Transfer to savings", "300.00", ""),
    (14, "Pharmacy", "7.45", ""),
    (14, "Refund Bookshop", "", "12.99"),
    (20, "Electricity Supplier Monthly Plan", "66.30", ""),
    (28, "Interest", "", "0.42"),
]
OPENING = 1000.00


def _money(text: str) -> float:
    return float(text.replace(",", "")) if text else 0.0


def want() -> list[tuple[dt.date, str, float]]:
    return [(dt.date(2025, 3, d), desc, round(_money(out) - _money(inn), 2)) for d, desc, out, inn in ROWS]


def _wrap(desc: str, width: int) -> list[str]:
    words, lines = desc.split(), [""]
    for w in words:
        if lines[-1] and len(lines[-1]) + 1 + len(w) > width:
            lines.append(w)
        else:
            lines[-1] = f"{lines[-1]} {w}".strip()
    return lines


def statement(*, amount_line: str = "last", width: int = 14, dx: float = 0, per_page: int = 18,
              repeat_header: bool = False, decoy: bool = True) -> bytes:
    """The statement as PDF: ``amount_line`` "last" (text above the amount) or "first" (text below it);
    ``width`` where descriptions wrap; ``dx`` shifts every column; ``per_page`` lines per page (a row may
    be cut by the page break); ``decoy`` appends a sample table that does not continue the balance."""
    head = [(60 + dx, 560, "Date", "l"), (130 + dx, 560, "Description", "l"), (330 + dx, 560, "Debit", "r"),
            (400 + dx, 560, "Credit", "r"), (500 + dx, 560, "Balance", "r")]
    first = [(60, 800, "Example Savings Bank", "l"), (60, 770, "Statement Period: 1 Mar 2025 to 31 Mar 2025", "l"),
             (60, 756, f"Opening balance: {OPENING:,.2f} CR", "l")]
    lines: list[list[tuple[float, str, str]]] = []  # per printed line: (x, text, how)
    balance, shown = OPENING, None
    for i, (day, desc, out, inn) in enumerate(ROWS):
        balance = round(balance - _money(out) + _money(inn), 2)
        last_of_day = i + 1 == len(ROWS) or ROWS[i + 1][0] != day
        parts = _wrap(desc, width)
        money = [(330 + dx, out, "r")] if out else [(400 + dx, inn, "r")]
        if last_of_day:
            money.append((500 + dx, f"{balance:,.2f} CR", "r"))
        rows = [[(130 + dx, p, "l")] for p in parts]
        rows[-1 if amount_line == "last" else 0] += money
        if day != shown:
            rows[0].insert(0, (60 + dx, f"{day:02d} Mar", "l"))
            shown = day
        lines += rows
    pages: list[list[tuple[float, float, str, str]]] = []
    for start in range(0, len(lines), per_page):
        items = [(60, 810, "Example Savings Bank", "l"), (60, 30, "Furniture footer line on every page", "l")]
        if not pages:
            items += first + head
        elif repeat_header:
            items += head
        y = 540 if not pages or repeat_header else 780
        for line in lines[start:start + per_page]:
            items += [(x, y, text, how) for x, text, how in line]
            y -= 14
        pages.append(items)
    pages[-1].append((60, 200, "This is the end of your transactions for this period.", "l"))
    if decoy:
        items = [(60, 780, "Example of how a table looks", "l"), *[(x, 760, t, h) for x, _, t, h in head],
                 (60 + dx, 740, "01 Mar", "l"), (130 + dx, 740, "Sample row", "l"), (400 + dx, 740, "900.00", "r"),
                 (130 + dx, 726, "Sample row two", "l"), (330 + dx, 726, "15.00", "r"),
                 (500 + dx, 726, "7,777.00 CR", "r"),
                 (60 + dx, 712, "02 Mar", "l"), (130 + dx, 712, "Sample row three", "l"), (330 + dx, 712, "5.00", "r"),
                 (500 + dx, 712, "7,772.00 CR", "r")]
        pages.append(items)
    return make_pdf(pages)


def read(data: bytes) -> list[tuple[dt.date, str, float]]:
    df, _ = read_pdf_bytes(data, "statement.pdf")
    return list(zip(df["date"].dt.date, df["description"], df["amount"].round(2), strict=True))


@pytest.mark.parametrize("amount_line", ["last", "first"])
def test_carried_dates_wrapped_rows_and_a_decoy_table(amount_line):
    df, report = read_pdf_bytes(statement(amount_line=amount_line), "statement.pdf")
    got = list(zip(df["date"].dt.date, df["description"], df["amount"].round(2), strict=True))
    assert got == want()
    assert any("running balance" in w for w in report.warnings)  # the decoy table is said, not silent
    assert not [e for e in report.excluded if "Sample" not in e.raw and e.reason == "not part of the statement"]


@pytest.mark.parametrize("kw", [
    {"width": 40},  # no row wraps
    {"width": 8},  # every row wraps, most over three lines
    {"dx": 35},  # columns shifted right
    {"per_page": 7},  # page breaks inside rows
    {"per_page": 7, "repeat_header": True},
    {"decoy": False},
    {"amount_line": "first", "width": 8, "per_page": 7},
])
def test_invariance_wrapping_columns_pages_and_decoy(kw):
    assert read(statement(**kw)) == want()


def test_a_dated_row_without_an_amount_is_reported():
    pages = [[(60, 800, "Statement Period: 1 Mar 2025 to 31 Mar 2025", "l"),
              (60, 780, "Date", "l"), (130, 780, "Description", "l"), (330, 780, "Debit", "r"),
              (400, 780, "Credit", "r"), (500, 780, "Balance", "r"),
              (60, 760, "02 Mar", "l"), (130, 760, "Bakery", "l"), (330, 760, "4.20", "r"),
              (60, 746, "03 Mar", "l"), (130, 746, "Garage", "l"),
              (130, 732, "Main Road", "l"),
              (60, 700, "04 Mar", "l"), (130, 700, "Florist", "l"), (330, 700, "9.00", "r")]]
    df, report = read_pdf_bytes(make_pdf(pages), "s.pdf")
    assert df["amount"].tolist() == [4.20, 9.00]
    assert any("no amount" in p.message and "Garage" in p.raw for p in report.problems)


def test_a_row_whose_amount_stands_under_no_column_is_reported_and_a_broken_balance_said():
    pages = [[(60, 800, "Statement Period: 1 Mar 2025 to 31 Mar 2025", "l"),
              (60, 780, "Date", "l"), (130, 780, "Description", "l"), (330, 780, "Debit", "r"),
              (400, 780, "Credit", "r"), (500, 780, "Balance", "r"),
              (60, 760, "02 Mar", "l"), (130, 760, "Bakery", "l"), (330, 760, "4.20", "r"), (500, 760, "95.80", "r"),
              (130, 746, "Garage", "l"), (330, 746, "10.00", "r"), (500, 746, "85.80", "r"),
              (130, 732, "Kiosk", "l"), (580, 732, "2.00", "r"),
              (60, 718, "04 Mar", "l"), (130, 718, "Florist", "l"), (330, 718, "9.00", "r"), (500, 718, "74.80", "r"),
              (130, 704, "Cafe", "l"), (330, 704, "3.00", "r"), (500, 704, "71.80", "r")]]
    df, report = read_pdf_bytes(make_pdf(pages), "s.pdf")
    assert df["amount"].tolist() == [4.20, 10.00, 9.00, 3.00]
    assert any("no debit, credit or amount column" in p.message and "Kiosk" in p.raw for p in report.problems)
    assert any("running balance does not follow" in w and "line 6" in w for w in report.warnings)


def test_an_undated_balance_line_does_not_turn_rows_upside_down():
    """Rows wrapped below their amount, the date carried down, a dated balance line without an amount: the
    text below a row stays with it (the balance line is no row whose amount comes later)."""
    pages = [[(60, 800, "Statement Period: 1 Mar 2025 to 31 Mar 2025", "l"),
              (60, 780, "Date", "l"), (130, 780, "Description", "l"), (330, 780, "Debit", "r"),
              (400, 780, "Credit", "r"),
              (60, 760, "01 Mar", "l"), (130, 760, "Opening balance", "l"),
              (60, 746, "02 Mar", "l"), (130, 746, "Bakery", "l"), (330, 746, "4.20", "r"),
              (130, 732, "Main Street", "l"),
              (130, 718, "Garage", "l"), (330, 718, "10.00", "r"),
              (130, 704, "Workshop Road", "l")]]
    df, report = read_pdf_bytes(make_pdf(pages), "s.pdf")
    assert df["description"].tolist() == ["Bakery Main Street", "Garage Workshop Road"]
    assert df["amount"].tolist() == [4.20, 10.00] and not report.problems
