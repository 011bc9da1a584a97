"""PDF statement reader: sample goldens, year inference, merged lines, summaries, reconciliation, bad input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from audit import schema
from audit.errors import StatementError
from audit.readers import read_statement
from audit.readers.pdf_reader import infer_year, read_pdf_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_statements"
GOLDEN = ROOT / "tests" / "golden" / "pdf"


def _generator():
    if "make_sample_pdfs" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_sample_pdfs", ROOT / "scripts" / "make_sample_pdfs.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules["make_sample_pdfs"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["make_sample_pdfs"]


gen = _generator()
SAMPLE_LIST = gen.build_all()
BY_NAME = {s.path: s for s in SAMPLE_LIST}


def _read(name: str, engine: str = "pdfium"):
    return read_pdf_bytes((SAMPLES / name).read_bytes(), name, engine=engine)


def _pdf(draw, **kw) -> bytes:
    """A one-off test PDF: ``draw(canvas)`` writes the pages."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, **kw)
    draw(c)
    c.save()
    return buf.getvalue()


def _lines_pdf(lines: list[str], font: str = "Helvetica") -> bytes:
    def draw(c):
        if font != "Helvetica":
            gen._register_jp_font()
        c.setFont(font, 9)
        y = 800
        for text in lines:
            c.drawString(40, y, text)
            y -= 14
        c.showPage()

    return _pdf(draw)


# ------------------------------------------------------------------------------------------ samples


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_sample_matches_golden_and_generator(name):
    df, report = _read(name)
    assert schema.validate(df) == []
    golden = json.loads((GOLDEN / name.replace(".pdf", ".json")).read_text(encoding="utf-8"))
    assert gen.golden_record(df, report) == golden
    sample = BY_NAME[name]
    assert report.layout == sample.layout and report.kind == "pdf" and report.pages == sample.pages
    assert gen.disagreements(df, sample) == []
    assert (report.period_start, report.period_end) == tuple(d.isoformat() for d in sample.period)
    assert report.reconciliation is not None and report.reconciliation.ok
    assert report.reconciliation.printed_total == pytest.approx(sample.true_total)
    assert report.problems == [] and report.warnings == []


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_pdfplumber_engine_reads_the_same_table(name):
    fast, fast_report = _read(name)
    slow, slow_report = _read(name, engine="pdfplumber")
    # pdfminer decodes the CID font's full-width hyphen as U+2212; everything else must be identical
    slow["description"] = slow["description"].str.replace("\u2212", "\uff0d")
    assert fast.equals(slow)
    assert gen.golden_record(fast, fast_report)["report"] == gen.golden_record(slow, slow_report)["report"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_pdftotext_engine_reads_the_same_table(name):
    """poppler's word boxes (the second fallback engine) give the same table as pypdfium2."""
    fast, fast_report = _read(name)
    other, other_report = _read(name, engine="pdftotext")
    other["description"] = other["description"].str.replace("\u2212", "\uff0d")
    assert fast.equals(other)
    assert gen.golden_record(fast, fast_report)["report"] == gen.golden_record(other, other_report)["report"]


def test_ids_pages_and_rows():
    df, _ = _read("minato_2026-01.pdf")
    assert df["id"].is_unique
    assert (df["id"] == "minato_2026-01.pdf:p" + df["page"].astype(str) + "l" + df["row"].astype(str)).all()
    assert set(df["page"]) == {1, 2, 3}
    assert (df["source"] == "minato_2026-01.pdf").all() and (df["card"] == "****1234").all()


def test_read_statement_dispatches_pdf():
    path = SAMPLES / "thistle_2026-01.pdf"
    df, report = read_statement(path)
    assert report.kind == "pdf" and len(df) == len(BY_NAME["thistle_2026-01.pdf"].txns)


# ------------------------------------------------------------------------------------------ features


def test_year_comes_from_the_period_across_new_year():
    for name in ("minato_2026-01.pdf", "harbor_2026-01.pdf", "thistle_2026-01.pdf"):
        df, _ = _read(name)
        months = df["date"].dt.month
        assert set(df.loc[months == 12, "date"].dt.year) == {2025}
        assert set(df.loc[months == 1, "date"].dt.year) == {2026}
    window = (dt.date(2025, 12, 12), dt.date(2026, 1, 11))
    assert infer_year(12, 10, window) == dt.date(2025, 12, 10)  # posted a little before the period
    assert infer_year(1, 14, window) == dt.date(2026, 1, 14)  # a little after
    assert infer_year(2, 29, (dt.date(2024, 2, 1), dt.date(2024, 3, 1))) == dt.date(2024, 2, 29)


def test_multi_line_descriptions_are_joined():
    df, _ = _read("harbor_2026-01.pdf")
    assert "AMAZON MKTPLACE PMTS AMZN.COM/BILL WA" in set(df["description"])
    assert "PAYPAL *TECHFIXDESK 402-555-0100 CA" in set(df["description"])
    jp, _ = _read("minato_2026-01.pdf")
    assert "KMJ*TECHFIX SUPPORT サポートプラン 3年" in set(jp["description"])


def test_foreign_second_lines_fill_original_amount_and_rate():
    jp, _ = _read("minato_2026-01.pdf")
    row = jp[jp["description"] == "FS *PCSHIELDPRO"].iloc[0]
    assert (row["amount"], row["original_amount"], row["original_currency"], row["rate"]) == (4569.0, 29.99, "USD", 152.34)
    assert jp["original_currency"].notna().sum() == 4
    uk, _ = _read("thistle_2026-01.pdf")
    row = uk[uk["description"] == "2CO.COM*OPTIMIZERPLUS"].iloc[0]
    assert (row["amount"], row["original_amount"], row["original_currency"], row["rate"]) == (34.40, 39.95, "EUR", 0.861)


def test_summary_box_lines_are_excluded_with_reasons():
    _, report = _read("minato_2026-01.pdf")
    got = {(e.reason, e.amount) for e in report.excluded}
    total = BY_NAME["minato_2026-01.pdf"].true_total
    assert ("balance", 45210.0) in got and ("total", total) in got and ("summary", 45210.0) in got
    assert any(e.raw.startswith("山田 花子 様 前回ご請求額") for e in report.excluded)  # shares its line
    _, us = _read("harbor_2026-01.pdf")
    labels = {e.raw.split(" $")[0].split(" -$")[0].split(" +$")[0] for e in us.excluded}
    assert {"Previous Balance", "New Balance", "Payments and Other Credits", "Minimum Payment Due"} <= labels


def test_payments_and_refunds_are_negative_with_kinds():
    df, _ = _read("harbor_2026-01.pdf")
    assert df.loc[df["description"] == "PAYMENT - THANK YOU", ["amount", "kind"]].values.tolist() == [[-1284.56, "payment"]]
    uk, _ = _read("thistle_2026-01.pdf")
    assert uk.loc[uk["description"] == "ASOS.COM LONDON", ["amount", "kind"]].values.tolist() == [[-25.0, "refund"]]


@pytest.mark.parametrize("which", ["minato", "harbor"])
def test_reconciliation_failure_warns_by_how_much(which):
    if which == "minato":
        txns = gen.minato_txns()
        true = float(sum(x.amount for x in txns))
        data, printed = gen.render_minato(txns, printed_total=true + 1000)
    else:
        txns = gen.harbor_txns()
        true = round(sum(x.amount for x in txns if x.amount > 0), 2)
        data, printed = gen.render_harbor(txns, printed_total=round(true - 12.34, 2))
    df, report = read_pdf_bytes(data, "wrong.pdf")
    rec = report.reconciliation
    assert rec is not None and not rec.ok
    assert rec.printed_total == pytest.approx(printed) and rec.parsed_total == pytest.approx(true)
    diff = f"{true - printed:+,.2f}"
    assert any(diff in w and rec.label in w for w in report.warnings), report.warnings
    assert len(df) == len(txns)  # the rows are still returned


def test_generic_layout_reads_dated_lines_and_reports_the_odd_one():
    data = _lines_pdf([
        "Some Other Bank card statement",
        "Statement period: 25 Dec 2025 - 24 Jan 2026",
        "27/12 28/12 CORNER SHOP LTD 12.50",
        "03/01 FS *PCSHIELDPRO 29.99",
        "USD 29.99 RATE 1.00000",
        "15/01 16/01 REFUND ONLINE STORE 9.99 CR",
        "18/01 PENDING CHARGE 1,234.56 on hold",
        "EUR 10.00 RATE 0.9",
        "Thank you for banking with us. Our 12 Marketing offers save 5.00 today",
    ])
    df, report = read_pdf_bytes(data, "other.pdf")
    assert report.layout == "generic"
    assert df["date"].dt.date.tolist() == [dt.date(2025, 12, 27), dt.date(2026, 1, 3), dt.date(2026, 1, 15)]
    assert df["amount"].tolist() == [12.50, 29.99, -9.99]
    assert df["posting_date"].dt.date.tolist()[0] == dt.date(2025, 12, 28)
    assert df.loc[1, "original_currency"] == "USD"
    assert [(p.page, p.row) for p in report.problems] == [(1, 7), (1, 8)]
    assert "1,234.56 on hold" in report.problems[0].raw and "no transaction" in report.problems[1].message


def test_generic_without_period_uses_a_printed_statement_date():
    data = _lines_pdf(["ご利用代金明細", "お支払日 2026年2月10日", "1月5日 コンビニ 350円", "12月28日 書店 1,980円"], font=gen.JP_FONT)
    df, report = read_pdf_bytes(data, "jp.pdf")
    assert df["date"].dt.date.tolist() == [dt.date(2026, 1, 5), dt.date(2025, 12, 28)]
    assert df["currency"].tolist() == ["JPY", "JPY"]
    assert any("2026-02-10" in w for w in report.warnings)


# ------------------------------------------------------------------------------------------ bad input


def _one_line_error(data: bytes, name: str, engine: str = "pdfium") -> str:
    with pytest.raises(StatementError) as err:
        read_pdf_bytes(data, name, engine=engine)
    text = str(err.value)
    assert "\n" not in text and text.startswith(name + ":")
    return text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_truncated_pdf(engine):
    data = (SAMPLES / "harbor_2026-01.pdf").read_bytes()
    assert "truncated" in _one_line_error(data[: len(data) // 2], "cut.pdf", engine)
    assert "not a readable PDF" in _one_line_error(data[: len(data) // 2] + b"\n%%EOF\n", "cut2.pdf", engine)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_password_protected_pdf(engine):
    def draw(c):
        c.drawString(40, 700, "12/14 12/15 SHOP 1.00")
        c.showPage()

    data = _pdf(draw, encrypt="secret")
    assert _one_line_error(data, "locked.pdf", engine) == (
        "locked.pdf: is password-protected: remove the password and try again")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_image_only_pdf(engine):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    def draw(c):
        c.drawImage(ImageReader(Image.new("L", (120, 60), 200)), 40, 600, 240, 120)
        c.rect(40, 500, 200, 40)
        c.showPage()

    assert _one_line_error(_pdf(draw), "scan.pdf", engine) == (
        "scan.pdf: has no text layer (scanned image?): export a CSV or a text PDF")


def test_pdf_that_is_not_a_statement():
    data = _lines_pdf(["Dear customer,", "our prices change on 1 April: widgets now cost 1,200 yen."])
    assert "no transactions found" in _one_line_error(data, "letter.pdf")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_corrupt_objects(engine):
    data = (SAMPLES / "harbor_2026-01.pdf").read_bytes().replace(b"obj", b"jbo").replace(b"xref", b"xxxx")
    assert "not a readable PDF" in _one_line_error(data, "broken.pdf", engine)
    good = (SAMPLES / "harbor_2026-01.pdf").read_bytes()
    i = good.find(b"stream\n") + 7  # page 1's content stream: overwrite its start with junk
    damaged = good[:i] + b"\x00garbage" * 50 + good[i + 400:]
    text = _one_line_error(damaged, "damaged.pdf", engine)
    assert "page 1" in text


def test_year_less_dates_without_any_year_on_the_statement():
    data = _lines_pdf(["12/14 COFFEE 3.50", "12/15 BOOKS 12.00"])
    text = _one_line_error(data, "noyear.pdf")
    assert "page 1" in text and "no year" in text
