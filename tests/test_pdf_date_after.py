"""Generic PDF reading, date printed after the description (issue 24, point 4): "Description  Date  Amount"
account statements with signed amounts and glued currency codes ("+5.000,00EUR"), sub-lines under a row
and an overview page of totals without dates. Generated here; nothing names a real file."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_make import make_pdf as _pdf

from audit.readers.pdf_reader import read_pdf_bytes

ROWS = [  # description, booking date, printed amount, sub-lines
    ("Zinsen", "01.05.2025", "+6,60EUR", ["Wertstellung 01.05.2025"]),
    ("An Girokonto", "04.05.2025", "-500,00EUR", ["Wertstellung 04.05.2025"]),
    ("Erika Beispiel", "12.05.2025", "+5.000,00EUR", ["Gutschriften", "IBAN: DE00123456780000000000", "Wertstellung 12.05.2025"]),
    ("Stadtwerke Musterstadt", "20.05.2025", "-61,15EUR", ["Lastschriften", "Wertstellung 20.05.2025"]),
]
WANT = [(dt.date(2025, 5, 1), -6.60, "Zinsen"), (dt.date(2025, 5, 4), 500.0, "An Girokonto"),
        (dt.date(2025, 5, 12), -5000.0, "Erika Beispiel"), (dt.date(2025, 5, 20), 61.15, "Stadtwerke Musterstadt")]


def _statement(*, one_run: bool, header: tuple[str, str, str] = ("Beschreibung", "Verbuchungsdatum", "Betrag"),
               overview: bool = True, glue: str = "") -> bytes:
    """One run per line (as some PDF writers print it) or description / date / amount as separate runs."""
    head = [(50, 800, "Kontoauszug Nr. 5/2025", "l"), (50, 786, "01.05.2025 bis 31.05.2025", "l")]
    head += [(50, 760, " ".join(header), "l")] if one_run else [
        (50, 760, header[0], "l"), (260, 760, header[1], "l"), (520, 760, header[2], "r")]
    items, y = list(head), 744.0
    for desc, date, amount, subs in ROWS:
        amount = amount.replace("EUR", glue + "EUR")
        items += [(50, y, f"{desc} {date} {amount}", "l")] if one_run else [
            (50, y, desc, "l"), (260, y, date, "l"), (520, y, amount, "r")]
        y -= 14
        for sub in subs:
            items.append((50, y, sub, "l"))
            y -= 14
    pages = [items]
    if overview:  # totals without dates: never transactions
        pages.append([(50, 800, "Uebersicht Nr. 5/2025", "l"), (50, 760, "Beschreibung Betrag", "l"),
                      (50, 744, "Dein alter Kontostand +8.040,37EUR", "l"),
                      (50, 730, "Ausgehende Transaktionen -561,15EUR", "l"),
                      (50, 716, "Einkommende Transaktionen +5.006,60EUR", "l"), (50, 702, "Zinsen +6,60EUR", "l")])
    return _pdf(pages)


@pytest.mark.parametrize("one_run", [True, False])
@pytest.mark.parametrize("glue", ["", " "])
def test_description_first_rows_read_the_same_in_one_run_or_in_columns(one_run, glue):
    df, report = read_pdf_bytes(_statement(one_run=one_run, glue=glue), "savings.pdf")
    got = list(zip(df["date"].dt.date, df["amount"].round(2), df["description"], strict=True))
    assert got == WANT
    assert set(df["currency"]) == {"EUR"}
    assert any('"+"' in w for w in report.warnings)  # the sign rule is said, not silent


def test_english_header_reads_the_same():
    df, _ = read_pdf_bytes(_statement(one_run=True, header=("Description", "Booking date", "Amount")), "s.pdf")
    assert list(zip(df["date"].dt.date, df["amount"].round(2), df["description"], strict=True)) == WANT


def test_without_a_header_naming_the_order_a_dated_sentence_is_no_transaction():
    """A summary box prints "available as of <date> <amount>": without a header that puts the date column after
    the description, such a line is not read (the statement is refused rather than read wrongly)."""
    items = [(50, 800, "Verfuegbar per 23.10.2025 CHF 9'459.85", "l"),
             (50, 786, "Mindestbetrag, zahlbar bis 12.11.2025 CHF 50.00", "l")]
    with pytest.raises(Exception, match="no transaction"):
        read_pdf_bytes(_pdf([items]), "box.pdf")


def test_a_sentence_holding_header_words_is_no_header():
    from audit.readers.pdf.date_after import date_after_header
    from audit.readers.pdf.text import Line, Run

    def line(text: str) -> Line:
        return Line(1, 1, [Run(50, 300, 10, 20, text)], text)

    assert date_after_header(line("Beschreibung Verbuchungsdatum Betrag"))
    assert date_after_header(line("Description Posting Date Amount"))
    assert not date_after_header(line("Date Description Amount"))  # date first: the usual reader
    assert not date_after_header(line("The description below shows the date and the amount of every payment"))


def test_a_dated_line_with_money_that_does_not_read_is_reported():
    items = [(50, 800, "Beschreibung Verbuchungsdatum Betrag", "l"),
             (50, 786, "Miete 01.05.2025 -900,00EUR", "l"),
             (50, 772, "Strom 02.05.2025 -61,15EUR Abschlag", "l"),  # text after the amount: not the order named
             (50, 758, "Gehalt 03.05.2025 +2.000,00EUR", "l")]
    df, report = read_pdf_bytes(_pdf([items]), "s.pdf")
    assert df["amount"].tolist() == [900.0, -2000.0]
    assert any("not as description, date, amount" in p.message and "Strom" in p.raw for p in report.problems)
