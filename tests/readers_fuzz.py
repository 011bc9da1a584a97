"""Hypothesis generators for statement files and the property every reader must keep.

Used by ``tests/test_fuzz_readers.py`` (a short run in the suite) and ``scripts/fuzz_readers.py``
(a longer run). The property (:func:`check`): reading any generated file either gives a valid
transaction table or raises :class:`~audit.errors.StatementError` whose text is one line starting
with the file name; nothing else escapes. For CSV files built from well-formed rows under a header,
every row is accounted for: read, excluded with a reason, or reported as a row problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from hypothesis import strategies as st

from audit import schema
from audit.errors import StatementError
from audit.readers import read_statement

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y", "%Y年%m月%d日", "%d %b %Y")
TEXT = st.text(
    alphabet=st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789 *.-/#&'\",;|\t\x00") + list("アマゾンﾛｰｿﾝ楽天éüß€¥")),
    min_size=0, max_size=30,
)
ENCODINGS = ("utf-8", "utf-8-sig", "cp932", "latin-1", "utf-16")


@dataclass
class Generated:
    data: bytes
    name: str
    rows: int  # well-formed transaction rows written
    accountable: bool  # every row must be read, excluded or reported


def _amount(value: float, style: int) -> str:
    if style == 0:
        return f"{value:,.2f}"
    if style == 1:
        return f"{value:.0f}"
    if style == 2:
        return f"¥{value:,.0f}"
    return f"({abs(value):.2f})" if value < 0 else f"{value:.2f}"


@st.composite
def csv_files(draw: st.DrawFn) -> Generated:
    """A delimited statement: encoding, delimiter, quoting, width, preamble and header all vary."""
    n = draw(st.integers(1, 25))
    fmt = draw(st.sampled_from(DATE_FORMATS))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    extra = draw(st.integers(0, 3))
    header = draw(st.booleans())
    preamble = draw(st.lists(TEXT, max_size=3))
    style = draw(st.integers(0, 3))
    encoding = draw(st.sampled_from(ENCODINGS))
    rows = []
    for _ in range(n):
        day = draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 6, 30)))
        desc = draw(TEXT.filter(lambda t: any(c.isalpha() for c in t)))
        value = draw(st.floats(-5000, 50000, allow_nan=False).map(lambda v: round(v, 2)).filter(lambda v: abs(v) >= 0.01))
        noise = [draw(TEXT) for _ in range(extra)]
        rows.append([day.strftime(fmt), desc, _amount(value, style), *noise])
    buf = io.StringIO()
    for line in preamble:
        buf.write(line.replace("\n", " ") + "\n")
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    if header:
        writer.writerow(["Date", "Description", "Amount", *(f"Note{i}" for i in range(extra))])
    writer.writerows(rows)
    data = buf.getvalue().encode(encoding, errors="replace")
    return Generated(data, "fuzz.csv", n, header and not preamble and encoding != "utf-16")


FONTS = ("Helvetica", "Times-Roman", "Courier", "HeiseiKakuGo-W5")
PDF_TEXT = st.one_of(
    TEXT,
    st.builds(lambda d, t, a: f"{d:%m/%d} {t} {a:,.2f}", st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)), TEXT,
              st.floats(-999, 99999, allow_nan=False)),
)


@st.composite
def pdf_files(draw: st.DrawFn) -> Generated:
    """A PDF of random runs: many runs, rotations, fonts, pages, letter spacing; sometimes damaged."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "HeiseiKakuGo-W5" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            c.drawString(40, 810, "Statement period: Dec 12, 2025 - Jan 11, 2026")
        for _ in range(draw(st.integers(0, 40))):
            c.saveState()
            c.translate(draw(st.floats(0, 600)), draw(st.floats(0, 840)))
            c.rotate(draw(st.sampled_from([0, 0, 0, 90, 180, 270, 33.3])))
            text = c.beginText(0, 0)
            text.setFont(draw(st.sampled_from(FONTS)), draw(st.sampled_from([4, 8, 9, 12, 30])))
            text.setCharSpace(draw(st.sampled_from([0, 0, 1.5, 4])))
            text.textOut(draw(PDF_TEXT).replace("\x00", ""))
            c.drawText(text)
            c.restoreState()
        c.showPage()
    c.save()
    data = buf.getvalue()
    damage = draw(st.sampled_from(["none", "none", "truncate", "flip", "xref"]))
    if damage == "truncate":
        data = data[: draw(st.integers(10, len(data)))] + b"\n%%EOF\n"
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    elif damage == "xref":
        data = data.replace(b"xref", b"xref\n0 999999999", 1)
    return Generated(data, "fuzz.pdf", 0, False)


def check(g: Generated) -> str:
    """Read ``g`` and assert the property; returns "read" or "refused"."""
    try:
        df, report = read_statement(data=g.data, name=g.name)
    except StatementError as exc:
        text = str(exc)
        assert "\n" not in text and text.startswith(g.name + ":"), text
        return "refused"
    assert schema.validate(df) == [], schema.validate(df)
    if g.accountable:
        seen = len(df) + len(report.problems) + len(report.excluded)
        assert seen >= g.rows, f"{g.rows} rows written, {len(df)} read, {len(report.problems)} problems, {len(report.excluded)} excluded"
    return "read"
