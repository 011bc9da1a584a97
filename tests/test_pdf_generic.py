"""Generic PDF reading (issue 24): statements of layouts no spec describes, generated here in the shapes
real ones take (debit / credit columns named in several languages, year-less dates, month names in other
languages, wrapped descriptions with reference lines, watermarks, several statements in one file)."""

from __future__ import annotations

import datetime as dt
import io
import math

import pytest

from audit.errors import StatementError
from audit.readers.pdf.generic import date_at, parse_line, positioned
from audit.readers.pdf.text import Line, Run
from audit.readers.pdf_reader import read_pdf_bytes


def _pdf(pages) -> bytes:
    """``pages``: per page a list of (x, y, text, how) with how "l" (left), "r" (right-aligned at x) or an
    angle in degrees (rotated text)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for items in pages:
        for x, y, text, how in items:
            c.setFont("Helvetica", 9)
            if how == "r":
                c.drawRightString(x, y, text)
            elif how == "l":
                c.drawString(x, y, text)
            else:
                c.saveState()
                c.translate(x, y)
                c.rotate(float(how))
                c.setFont("Helvetica", 40)
                c.drawString(0, 0, text)
                c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


ROWS = [  # date, text, money out, money in
    ("19.01.", "Lastschrift STADTWERKE", "580,06", ""),
    ("21.01.", "Gutschrift ARBEITGEBER", "", "2.780,70"),
    ("23.01.", "Kartenzahlung BAECKEREI", "4,50", ""),
]


def _two_column_statement(out_head: str, in_head: str, *, out_x: float = 460, in_x: float = 540, signs: bool = False,
                          period: str = "Kontoauszug vom 01.01.2020 bis 31.01.2020") -> bytes:
    items = [(40, 800, period, "l"), (40, 770, "Buchung", "l"), (100, 770, "Vorgang", "l"),
             (out_x, 770, out_head, "r"), (in_x, 770, in_head, "r")]
    y = 750
    for date, text, out, money_in in ROWS:
        items += [(40, y, date, "l"), (100, y, text, "l")]
        if out:
            items.append((out_x, y, ("- " if signs else "") + out, "r"))
        else:
            items.append((in_x, y, ("+ " if signs else "") + money_in, "r"))
        y -= 14
    return _pdf([items])


WANT = [(dt.date(2020, 1, 19), 580.06), (dt.date(2020, 1, 21), -2780.70), (dt.date(2020, 1, 23), 4.50)]


@pytest.mark.parametrize(("out_head", "in_head", "signs", "swap"), [
    ("Soll", "Haben", True, False),  # German, signs printed as well
    ("Soll", "Haben", False, False),
    ("Debit", "Credit", False, False),
    ("Débit", "Crédit", False, False),
    ("Withdrawals", "Deposits", False, False),
    ("Belastung", "Gutschrift", False, True),  # money in left of money out
])
def test_debit_and_credit_columns_named_by_the_header_give_the_signs(out_head, in_head, signs, swap):
    """Invariance: the header's language, printed signs and the order of the two columns do not change
    what is read."""
    kw = {"out_x": 540, "in_x": 460} if swap else {}
    df, report = read_pdf_bytes(_two_column_statement(out_head, in_head, signs=signs, **kw), "giro.pdf")
    assert list(zip(df["date"].dt.date, df["amount"], strict=True)) == WANT
    assert df["description"].tolist() == [r[1] for r in ROWS]
    assert (report.period_start, report.period_end) == ("2020-01-01", "2020-01-31")


def test_currency_named_in_the_header_cell_and_apostrophe_thousands():
    items = [(40, 800, "Rechnungsdatum 23.06.2025", "l"), (40, 770, "Datum", "l"), (100, 770, "Beschreibung", "l"),
             (460, 770, "Gutschrift CHF", "r"), (540, 770, "Belastung CHF", "r"),
             (40, 750, "26.05.2025", "l"), (100, 750, "Ihre Zahlung", "l"), (460, 750, "1'427.25", "r"),
             (40, 736, "27.05.2025", "l"), (100, 736, "Coop-1511 Zürich CHE", "r" if False else "l"), (540, 736, "7.20", "r"),
             (100, 722, "Saldovortrag 1'427.25", "l")]
    df, report = read_pdf_bytes(_pdf([items]), "bill.pdf")
    assert df["amount"].tolist() == [-1427.25, 7.20]
    assert df["currency"].tolist() == ["CHF", "CHF"] and df["kind"].tolist() == ["payment", "charge"]
    assert any("CHF" in w and "header" in w for w in report.warnings)


def test_wrapped_descriptions_joined_reference_lines_left_out_watermark_ignored():
    items = [(40, 800, "Kontoauszug vom 01.01.2020 bis 31.01.2020", "l"), (40, 770, "Datum", "l"),
             (100, 770, "Vorgang", "l"), (460, 770, "Soll", "r"), (540, 770, "Haben", "r"),
             (40, 750, "19.01.", "l"), (100, 750, "SDD Lastschr", "l"), (460, 750, "- 580,06", "r"),
             (100, 739, "Referenz C2234288433716048C", "l"), (100, 728, "Mandat F24BUSI-20200305001", "l"),
             (100, 717, "STROMKOSTEN KD.NR.1462347", "l"), (100, 706, "STADTWERKE MUSTERSTADT", "l"),
             (40, 690, "21.01.", "l"), (100, 690, "Gutschr. SEPA", "l"), (540, 690, "+ 154,00", "r"),
             (100, 679, "KINDERGELD", "l"),
             (150, 600, "Muster", 30), (20, 780, "SAPGI00001 BA01 02.02.2020", 90)]  # watermark, margin code
    df, report = read_pdf_bytes(_pdf([items]), "giro.pdf")
    assert df["description"].tolist() == ["SDD Lastschr STROMKOSTEN KD.NR.1462347 STADTWERKE MUSTERSTADT",
                                          "Gutschr. SEPA KINDERGELD"]
    assert df["amount"].tolist() == [580.06, -154.00] and not report.problems


@pytest.mark.parametrize(("printed", "month"), [
    ("29 déc.", 12), ("12 gen.", 1), ("14. März", 3), ("3 de dez.", 12), ("5 mai", 5), ("Dec 29", 12), ("29-Dec", 12),
])
def test_month_names_in_other_languages(printed, month):
    items = [(40, 800, "Statement period 01/12/2025 - 31/01/2026", "l"),
             (40, 770, printed, "l"), (120, 770, "SHOP", "l"), (500, 770, "12.00", "r")]
    df, _ = read_pdf_bytes(_pdf([items]), "m.pdf")
    d = df["date"].iloc[0].date()
    assert d.month == month and d.year == (2025 if month == 12 else 2026)


@pytest.mark.parametrize(("label", "dates"), [
    ("Statement period: {a} - {b}", ("12/12/2024", "11/01/2025", "12/12/2025", "11/01/2026")),
    ("Période du {a} au {b}", ("12 décembre 2024", "11 janvier 2025", "12 décembre 2025", "11 janvier 2026")),
    ("Periodo dal {a} al {b}", ("12/12/2024", "11/01/2025", "12/12/2025", "11/01/2026")),
    ("Abrechnungszeitraum {a} - {b}", ("12.12.2024", "11.01.2025", "12.12.2025", "11.01.2026")),
])
def test_several_statements_each_date_its_lines_from_its_own_period(label, dates):
    """Year-less "29 Dec" lines in the second of two statements take the second statement's years."""
    pages = []
    for a, b in (dates[:2], dates[2:]):
        pages.append([(40, 800, label.format(a=a, b=b), "l"), (40, 770, "29 Dec", "l"), (120, 770, "BOOK SHOP", "l"),
                      (500, 770, "10.00", "r"), (40, 756, "5 Jan", "l"), (120, 756, "CAFE", "l"), (500, 756, "3.50", "r")])
    df, report = read_pdf_bytes(_pdf(pages), "two.pdf")
    assert [d.isoformat() for d in df["date"].dt.date] == ["2024-12-29", "2025-01-05", "2025-12-29", "2026-01-05"]
    assert any("2 statements in one file" in w for w in report.warnings)


def test_several_statements_without_periods_take_years_from_each_statement_date():
    pages = []
    for stamp in ("Statement date: 15 Jan 2025", "Statement date: 15 Jan 2026"):
        pages.append([(40, 800, stamp, "l"), (40, 770, "29 Dec", "l"), (120, 770, "BOOK SHOP", "l"), (500, 770, "10.00", "r")])
    df, _ = read_pdf_bytes(_pdf(pages), "two.pdf")
    assert [d.isoformat() for d in df["date"].dt.date] == ["2024-12-29", "2025-12-29"]


@pytest.mark.parametrize(("printed", "amount"), [("12.50 CR", -12.50), ("(12.50)", -12.50), ("12.50-", -12.50),
                                                 ("-12.50", -12.50), ("12.50", 12.50), ("1.234,56", 1234.56)])
def test_credits_by_cr_minus_and_parentheses(printed, amount):
    items = [(40, 800, "Statement period 01/03/2026 - 31/03/2026", "l"), (40, 770, "05/03/2026", "l"),
             (120, 770, "SHOE STORE", "l"), (500, 770, printed, "r"),
             (40, 756, "06/03/2026", "l"), (120, 756, "CAFE", "l"), (500, 756, "3.00", "r")]
    df, _ = read_pdf_bytes(_pdf([items]), "c.pdf")
    assert df["amount"].tolist() == [amount, 3.00]


def test_a_page_that_cannot_be_read_says_why():
    items = [(40, 770, "05/03/2026", "l"), (120, 770, "SHOE STORE 49.99 pending", "l")]
    with pytest.raises(StatementError) as err:
        read_pdf_bytes(_pdf([items]), "p.pdf")
    assert "page 1" in str(err.value) and "does not end with the amount" in str(err.value)


def _line(*cells: tuple[float, str]) -> Line:
    runs = [Run(x, x + 6 * len(t), 0, 10, t) for x, t in cells]
    return Line(1, 1, runs, " ".join(t for _, t in cells), 0, 10)


def test_positions_follow_the_runs():
    ln = _line((40, "19.01."), (100, "Gutschr. SEPA"), (500, "+ 154,00"))
    text, xs = positioned(ln)
    assert text == ln.text and len(xs) == len(text)
    parsed = parse_line(ln)
    assert parsed is not None and parsed.date == "19.01." and parsed.description == "Gutschr. SEPA"
    assert parsed.amounts[0].text == "+ 154,00" and math.isclose(parsed.amounts[0].x0, 500, abs_tol=4)


@pytest.mark.parametrize(("text", "date"), [
    ("14 Dec 15 Dec SHOP 3.00", "14 Dec"), ("01 Jan 01 SHOP 3.00", "01 Jan 01"), ("2025年12月14日 店 300円", "2025年12月14日"),
    ("Mayfair Hotel 12.00", None), ("12.50 SHOP 3.00", None), ("31/02 SHOP 3.00", None),
])
def test_date_at_the_start_of_a_line(text, date):
    found = date_at(text, 0)
    assert (found[1] if found else None) == date


@pytest.mark.parametrize(("cells", "amount", "desc"), [
    ([(40, "05/03/2026"), (120, "CARREFOUR"), (480, "1 234,56")], 1234.56, "CARREFOUR"),  # grouped by spaces, own cell
    ([(40, "05/03/2026"), (120, "STORE 12 234,56")], 234.56, "STORE 12"),  # one cell: the 12 is the store's
    ([(40, "05/03/2026"), (120, "SHOP"), (480, "$-45.67")], -45.67, "SHOP"),
])
def test_amount_shapes(cells, amount, desc):
    parsed = parse_line(_line(*cells))
    assert parsed is not None and parsed.description == desc
    from audit.values import parse_amount

    assert parse_amount(parsed.amounts[-1].text) == amount


@pytest.mark.parametrize("swap", [False, True])
def test_two_amount_columns_without_a_header_name_money_in_by_its_lines(swap):
    out_x, in_x = (540, 460) if swap else (460, 540)
    rows = [("05/03/2026", "GROCERY STORE", out_x, "45.67"), ("06/03/2026", "PAYMENT RECEIVED THANK YOU", in_x, "500.00"),
            ("07/03/2026", "STREAMING CO", out_x, "15.99"), ("08/03/2026", "REFUND SHOE STORE", in_x, "60.00")]
    items = [(40, 800, "Statement period 01/03/2026 - 31/03/2026", "l")]
    for i, (date, text, x, amount) in enumerate(rows):
        items += [(40, 770 - 14 * i, date, "l"), (120, 770 - 14 * i, text, "l"), (x, 770 - 14 * i, amount, "r")]
    df, report = read_pdf_bytes(_pdf([items]), "two.pdf")
    assert df["amount"].tolist() == [45.67, -500.00, 15.99, -60.00]
    assert any("two amount columns" in w for w in report.warnings)


@pytest.mark.parametrize(("printed", "period"), [
    ("Opening/Closing Date 11/22/24 - 12/21/24", ("2024-11-22", "2024-12-21")),
    ("Open Date: Nov 22, 2024 - Close Date: Dec 21, 2024", ("2024-11-22", "2024-12-21")),
    ("Billing cycle 11/22/2024 - 12/21/2024", ("2024-11-22", "2024-12-21")),
    ("Kontoauszug vom 22.11.2024 bis 21.12.2024", ("2024-11-22", "2024-12-21")),
    ("Période du 22 novembre 2024 au 21 décembre 2024", ("2024-11-22", "2024-12-21")),
])
def test_statement_period_as_issuers_print_it(printed, period):
    items = [(40, 800, printed, "l"), (40, 770, "12/01", "l"), (120, 770, "SHOP", "l"), (500, 770, "12.00", "r")]
    df, report = read_pdf_bytes(_pdf([items]), "p.pdf")
    assert (report.period_start, report.period_end) == period
    assert df["date"].dt.date.astype(str).tolist() == ["2024-12-01"]


def test_a_summary_box_with_column_like_headings_is_not_the_transaction_table():
    """The headings of a summary box ("Payments and Credits ... New Balance") name no columns of the
    transactions below it: those keep their printed amounts."""
    items = [(40, 800, "Statement period 01/03/2026 - 31/03/2026", "l"),
             (100, 780, "Payments and Credits", "r"), (520, 780, "New Balance", "r"),
             (100, 768, "500.00", "r"), (520, 768, "1,200.00", "r"),
             (40, 740, "Transactions", "l"),
             (40, 680, "05/03/2026", "l"), (120, 680, "GROCERY STORE", "l"), (520, 680, "45.67", "r"),
             (40, 666, "06/03/2026", "l"), (120, 666, "STREAMING CO", "l"), (520, 666, "15.99", "r")]
    df, _ = read_pdf_bytes(_pdf([items]), "box.pdf")
    assert df["amount"].tolist() == [45.67, 15.99]
