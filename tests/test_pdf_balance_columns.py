"""Generic PDF reading (issue 24, point 4): money-out and money-in columns told apart by the running balance
when no header names them (a header in words the vocabulary lacks, or no header at all): each row's balance
minus the one before it is the row's amount with its sign. Generated here; invariance: the header's words, no
header, and the two columns swapped read the same."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_make import make_pdf

from audit.readers.pdf_reader import read_pdf_bytes

ROWS = [  # day, narration, reference, withdrawal, deposit
    (1, "UPI-GROCER MARKET", "0000412345678901", "450.00", ""),
    (2, "NEFT CR-EXAMPLE EMPLOYER", "0000512345678902", "", "52,000.00"),
    (3, "ATM WDL-MAIN ROAD", "0000612345678903", "2,000.00", ""),
    (5, "POS BOOKSHOP", "0000712345678904", "799.50", ""),
    (8, "IMPS REFUND BOOKSHOP", "0000812345678905", "", "799.50"),
    (9, "ELECTRICITY BOARD", "0000912345678906", "1,230.00", ""),
]
OPENING = 10000.00


def _money(text: str) -> float:
    return float(text.replace(",", "")) if text else 0.0


WANT = [(dt.date(2024, 4, d), n, round(_money(w) - _money(dep), 2)) for d, n, _, w, dep in ROWS]


def statement(header: tuple[str, ...] | None = ("Date", "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit Amt.",
                                                 "Closing Balance"), *, swap: bool = False) -> bytes:
    out_x, in_x = (470, 400) if swap else (400, 470)
    items = [(40, 800, "Statement of account", "l"), (40, 786, "Statement period: 01/04/2024 to 30/04/2024", "l")]
    if header:
        items += [(40, 760, header[0], "l"), (100, 760, header[1], "l"), (250, 760, header[2], "l"),
                  (out_x, 760, header[3], "r"), (in_x, 760, header[4], "r"), (560, 760, header[5], "r")]
    y, balance = 740.0, OPENING
    for d, narration, ref, w, dep in ROWS:
        balance = round(balance - _money(w) + _money(dep), 2)
        items += [(40, y, f"{d:02d}/04/24", "l"), (100, y, narration, "l"), (250, y, ref, "l"),
                  (out_x, y, w, "r") if w else (in_x, y, dep, "r"), (560, y, f"{balance:,.2f}", "r")]
        y -= 14
    return make_pdf([items])


@pytest.mark.parametrize(("header", "swap"), [
    (("Date", "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"), False),
    (("Date", "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"), True),
    (("Date", "Particulars", "Ref", "Out", "In", "Balance"), False),
    (None, False),
    (None, True),
])
def test_money_in_and_out_from_the_running_balance(header, swap):
    df, report = read_pdf_bytes(statement(header, swap=swap), "acct.pdf")
    got = list(zip(df["date"].dt.date, df["description"], df["amount"].round(2), strict=True))
    assert [(d, a) for d, _, a in got] == [(d, a) for d, _, a in WANT]
    assert all(n in desc for (_, desc, _), (_, n, _) in zip(got, WANT, strict=True))
    assert any("balance" in w for w in report.warnings)
