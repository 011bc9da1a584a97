"""PDF shapes seen in real statements: letter spacing, glyphs placed one by one, several statements in one
file, other columns' text after the merchant name, and the real PDFs in tests/data/real/pdf."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import pytest

from audit.errors import StatementError
from audit.readers import read_statement
from audit.readers.pdf_reader import other_columns_out, read_pdf_bytes

REAL = Path(__file__).resolve().parent / "data" / "real" / "pdf"


def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    draw(c)
    c.save()
    return buf.getvalue()


def _text(c, x, y, text, *, space=0.0, size=9, font="Helvetica"):
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(space)
    t.textOut(text)
    c.drawText(t)


@pytest.mark.parametrize("engine", ["pdfium", "auto"])
def test_letter_spaced_and_glyph_by_glyph_descriptions_read_as_words(engine):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(c):
        _text(c, 40, 800, "Statement period: Dec 12, 2025 - Jan 11, 2026")
        _text(c, 40, 780, "12/14")
        _text(c, 90, 780, "NETFLIX.COM MONTHLY", space=3)  # letter-spaced
        _text(c, 400, 780, "15.99")
        _text(c, 40, 766, "12/15")
        x = 90.0
        for ch in "AMAZON MKTPLACE":  # each glyph its own text object
            if ch != " ":
                _text(c, x, 766, ch)
            x += stringWidth(ch, "Helvetica", 9)
        _text(c, 400, 766, "42.00")
        c.showPage()

    df, _ = read_pdf_bytes(_pdf(draw), "spaced.pdf", engine=engine)
    assert df["description"].tolist() == ["NETFLIX.COM MONTHLY", "AMAZON MKTPLACE"]
    assert df["amount"].tolist() == [15.99, 42.00]


def test_several_statements_in_one_file_take_years_from_their_own_period():
    def draw(c):
        for period, total, lines in (
            ("Dec 12, 2024 - Jan 11, 2025", "30.00", [("12/20", "BOOK SHOP", "10.00"), ("01/05", "CAFE", "20.00")]),
            ("Dec 12, 2025 - Jan 11, 2026", "7.50", [("12/20", "BOOK SHOP", "7.50")]),
        ):
            _text(c, 40, 815, "Harbor Bank Rewards Visa")  # a named layout that reconciles a printed total
            _text(c, 40, 800, f"Statement period: {period}")
            y = 780
            for date, desc, amount in lines:
                _text(c, 40, y, f"{date} {date} {desc}")
                _text(c, 400, y, amount)
                y -= 14
            _text(c, 40, y - 10, f"Total purchases for this period ${total}")
            c.showPage()

    df, report = read_pdf_bytes(_pdf(draw), "two.pdf")
    assert [d.date().isoformat() for d in df["date"]] == ["2024-12-20", "2025-01-05", "2025-12-20"]
    assert (report.period_start, report.period_end) == ("2024-12-12", "2026-01-11")
    assert any("2 statements in one file" in w for w in report.warnings)
    rec = report.reconciliation
    assert rec is not None and rec.ok and rec.printed_total == 37.50 and "sum of 2 statements" in rec.label


@pytest.mark.parametrize(("printed", "desc", "holder"), [
    ("AMAZON.CO.JP 本人 1回 884", "AMAZON.CO.JP", "本人"),
    ("NETFLIX.COM 利用国USA 家族 リボ", "NETFLIX.COM", "家族"),
    ("ROYAL HOST 12", "ROYAL HOST 12", None),  # a store number stays
    ("7-ELEVEN 1回", "7-ELEVEN", None),
])
def test_other_columns_are_kept_out_of_the_description(printed, desc, holder):
    assert other_columns_out(printed) == (desc, holder)


def _expected(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


MANIFEST = tomllib.loads((REAL / "manifest.toml").read_text(encoding="utf-8"))["file"]


def _case(entry: dict) -> object:
    """A manifest entry as a test case; ``known_gap`` (why it is not read right yet) makes it a strict xfail."""
    gap = entry.get("known_gap")
    marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
    return pytest.param(entry, id=entry["path"], marks=marks)


@pytest.mark.parametrize("entry", [_case(e) for e in MANIFEST])
def test_real_pdfs_read_as_written_down_by_hand(entry):
    for key in ("path", "repo", "repo_path", "commit", "licence", "what"):
        assert entry.get(key), f"manifest entry lacks {key}"
    want = _expected(REAL / f"{entry['path']}.expected.csv")
    try:
        df, _ = read_statement(REAL / entry["path"])
        got = [{"date": d.date().isoformat(), "description": s, "amount": f"{a:.2f}", "currency": c if isinstance(c, str) and c else "unknown"}
               for d, s, a, c in zip(df["date"], df["description"], df["amount"], df["currency"], strict=True)]
    except StatementError as exc:
        assert "\n" not in str(exc)
        got = []
    assert got == [{**w, "amount": f"{float(w['amount']):.2f}"} for w in want]


def test_auto_engine_keeps_the_reading_that_reconciles(monkeypatch):
    """When pypdfium2's reading misses a row (does not add up), another engine's reading replaces it."""
    from audit.readers import pdf_reader

    data = (Path(__file__).resolve().parents[1] / "sample_statements" / "harbor_2026-01.pdf").read_bytes()
    real = pdf_reader._read_with

    def lossy(data, name, engine, limits, *rest):
        df, report = real(data, name, engine, limits, *rest)
        if engine == "pdfium":  # simulate a garbled reading: one purchase lost
            lost = df.index[df["amount"] > 0][0]
            df = df.drop(index=lost).reset_index(drop=True)
            report.reconciliation = pdf_reader.reconcile(df, pdf_reader.pl.HARBOR, (report.reconciliation.label, report.reconciliation.printed_total), report)
        return df, report

    monkeypatch.setattr(pdf_reader, "_read_with", lossy)
    df, report = read_pdf_bytes(data, "harbor.pdf")
    assert report.reconciliation.ok
    assert report.warnings[0].startswith("text read with ") and "did not add up to the printed total" in report.warnings[0]
    only, only_report = read_pdf_bytes(data, "harbor.pdf", engine="pdfium")
    assert not only_report.reconciliation.ok and len(only) == len(df) - 1


def _register(rows, header=True):
    def draw(c):
        _text(c, 40, 800, "Statement period: Jan 1, 2024 - Jan 31, 2024")
        if header:
            _text(c, 40, 780, "Date")
            _text(c, 90, 780, "Description")
            _text(c, 300, 780, "Amount")
            _text(c, 380, 780, "Balance")
        y = 766
        for date, desc, amount, balance in rows:
            _text(c, 40, y, date)
            _text(c, 90, y, desc)
            _text(c, 300, y, amount)
            _text(c, 380, y, balance)
            y -= 14
        c.showPage()

    return _pdf(draw)


@pytest.mark.parametrize(("rows", "amounts"), [
    # bank register: money in printed positive, out negative, the balance rises with the printed amount
    ([("01/05", "GROCERY STORE", "-45.67", "1,000.25"), ("01/06", "PAYROLL INC", "1,200.00", "2,200.25"),
      ("01/09", "STREAMING CO", "-15.99", "2,184.26")], [45.67, -1200.00, 15.99]),
    # card with a running balance owed: charges printed positive raise it, a payment printed negative lowers it
    ([("01/05", "GROCERY STORE", "45.67", "545.67"), ("01/06", "PAYMENT THANK YOU", "-500.00", "45.67"),
      ("01/09", "STREAMING CO", "15.99", "61.66")], [45.67, -500.00, 15.99]),
    # card statement printing a balance that falls with each printed amount (available credit)
    ([("01/05", "GROCERY STORE", "45.67", "954.33"), ("01/09", "STREAMING CO", "15.99", "938.34")], [45.67, 15.99]),
])
@pytest.mark.parametrize("header", [True, False])
def test_running_balance_column_is_not_read_as_the_amount(rows, amounts, header):
    """With or without a header naming the columns, the balance chain says which number is the amount and
    which way the signs go."""
    df, report = read_pdf_bytes(_register(rows, header), "register.pdf")
    assert df["description"].tolist() == [r[1] for r in rows]
    assert df["amount"].tolist() == amounts
    assert any("running balance" in w for w in report.warnings)


def test_numbers_that_do_not_chain_stay_where_the_line_put_them():
    """No header and no chain: no evidence that the last number is a balance, so it stays the amount."""
    rows = [("01/05", "STORE 12", "-45.67", "1,000.25"), ("01/06", "SHOP 7", "1,200.00", "2,999.99")]
    df, report = read_pdf_bytes(_register(rows, header=False), "plain.pdf")
    assert df["amount"].tolist() == [1000.25, 2999.99]
    assert not any("running balance" in w for w in report.warnings)


def test_a_header_names_the_amount_and_balance_columns():
    """The same lines under a header "Amount  Balance": the amount column holds the amount, even when the
    balances do not chain."""
    rows = [("01/05", "STORE 12", "-45.67", "1,000.25"), ("01/06", "SHOP 7", "1,200.00", "2,999.99")]
    df, _ = read_pdf_bytes(_register(rows), "plain.pdf")
    assert df["amount"].tolist() == [-45.67, 1200.00] and df["description"].tolist() == ["STORE 12", "SHOP 7"]


def _lines(rows, header=("Data", "Descricao", "Valor")):
    def draw(c):
        y = 800
        for x, word in zip((40, 150, 360), header, strict=True):
            _text(c, x, y, word)
        for date, desc, amount in rows:
            y -= 14
            _text(c, 40, y, date)
            _text(c, 150, y, desc)
            _text(c, 360, y, amount)
        c.showPage()

    return _pdf(draw)


def test_decimal_comma_amounts_and_portuguese_long_dates():
    rows = [("14 de mar. 2026", "PADARIA CENTRAL", "1.234,56"), ("3 de dez. de 2025", "POSTO DE GASOLINA", "169,66"),
            ("15/03/2026", "FARMACIA", "12,30")]
    df, _ = read_pdf_bytes(_lines(rows), "ptbr.pdf")
    assert [d.date().isoformat() for d in df["date"]] == ["2026-03-14", "2025-12-03", "2026-03-15"]
    assert df["amount"].tolist() == [1234.56, 169.66, 12.30]


def test_thousands_comma_is_not_a_decimal_comma():
    df, _ = read_pdf_bytes(_lines([("2026-03-01", "STORE", "1,234"), ("2026-03-02", "SHOP", "12,345")]), "jp.pdf")
    assert df["amount"].tolist() == [1234.0, 12345.0]


@pytest.mark.parametrize(("rows", "amounts", "turned"), [
    # charges with a minus, the payment with a plus: signs turned round
    ([("2026-03-01", "COFFEE SHOP", "-4.50"), ("2026-03-10", "PAYMENT RECEIVED", "+500.00"),
      ("2026-03-15", "GAS STATION", "-89.50")], [4.50, -500.00, 89.50], True),
    ([("01/03/2026", "Supermercado ABC", "-82,10"), ("10/03/2026", "Pagamento recebido", "+500,00")],
     [82.10, -500.00], True),
    # every line with a minus: charges printed negative
    ([("2026-03-01", "COFFEE SHOP", "-4.50"), ("2026-03-02", "GROCERY", "-82.10")], [4.50, 82.10], True),
    # card signs: the payment carries the minus, nothing turned
    ([("2026-03-01", "COFFEE SHOP", "4.50"), ("2026-03-10", "PAYMENT THANK YOU", "-500.00")], [4.50, -500.00], False),
    # a lone refund stays a refund
    ([("2026-03-01", "RETURNED ITEM", "-4.50")], [-4.50], False),
    # a refund among charges printed positive stays a refund
    ([("2026-03-01", "COFFEE SHOP", "4.50"), ("2026-03-02", "SHOE STORE", "-60.00"), ("2026-03-03", "BAKERY", "3.20")],
     [4.50, -60.00, 3.20], False),
])
def test_signs_follow_what_the_positive_and_negative_lines_say(rows, amounts, turned):
    df, report = read_pdf_bytes(_lines(rows, header=("Date", "Description", "Amount")), "signs.pdf")
    assert df["amount"].tolist() == amounts
    assert any("signs turned round" in w for w in report.warnings) is turned


def test_period_with_month_first_dates_is_read_whole():
    def draw(c):
        _text(c, 40, 800, "Period: 01/01/2024 - 01/31/2024")
        _text(c, 40, 780, "01/05")
        _text(c, 90, 780, "GROCERY STORE")
        _text(c, 300, 780, "45.67")
        c.showPage()

    df, report = read_pdf_bytes(_pdf(draw), "period.pdf")
    assert (report.period_start, report.period_end) == ("2024-01-01", "2024-01-31")
    assert df["date"].dt.date.astype(str).tolist() == ["2024-01-05"]
