"""Write the fictional PDF sample statements in ``sample_statements/`` (deterministic; output committed).

Three fictional issuers, each rendered from a list of :class:`Txn` records (the truth tests compare
the reader's output with):

* ``minato_2026-01.pdf``: みなとカード (Japanese): summary box with ご請求金額, ご利用日 as ``12月16日``
  (no year) in a ご利用期間 2025年12月16日〜2026年1月15日 period, wrapped merchant names, foreign
  second lines ``現地通貨額 29.99 USD 換算レート 152.340``, three pages with repeated headers.
* ``harbor_2026-01.pdf``: Harbor Bank Rewards Visa (US): account summary, ``MM/DD MM/DD`` lines,
  Payments and Other Credits / Purchases sections, wrapped descriptions, ``EUR 39.95 X 1.08420`` lines,
  ``Page x of y`` footers, ``Total purchases for this period``.
* ``thistle_2026-01.pdf``: Thistle Card (UK): ``14 Dec 15 Dec`` lines, credits ``412.50 CR``,
  ``USD 29.99 @ 0.79300`` lines, ``Total new transactions``.

Everyone and every card here is invented. The merchants PCSHIELDPRO, OPTIMIZERPLUS, TECHFIXDESK and
TECHFIX SUPPORT do not exist (they stand for the fake-support pattern); RESTORO is a real company named
by the US FTC in its 2024 Restoro/Reimage case and appears only to show the known-merchant list matching.
Japanese text uses reportlab's built-in CID font HeiseiKakuGo-W5 (not embedded; readers map it back
through its standard CMap). ``--goldens`` also rewrites ``tests/golden/pdf/*.json``, but only for
samples whose parse agrees with the generator's transactions.

Run: ``.venv/bin/python scripts/make_sample_pdfs.py [--check] [--goldens]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sample_statements"
GOLDEN = ROOT / "tests" / "golden" / "pdf"
JP_FONT = "HeiseiKakuGo-W5"


@dataclass(frozen=True)
class Txn:
    """One transaction as the issuer recorded it; ``lines`` is its description as printed, line by line."""

    date: dt.date
    lines: tuple[str, ...]
    amount: float  # billing currency; positive = charged, negative = refund / payment
    kind: str = "charge"
    fx: tuple[float, str, float] | None = None  # (foreign amount, ISO currency, rate)
    holder: str | None = None
    posted: dt.date | None = None

    @property
    def description(self) -> str:
        return " ".join(self.lines)


@dataclass
class Sample:
    """One rendered statement and what it holds."""

    path: str  # file name in sample_statements/
    layout: str
    data: bytes
    txns: list[Txn]
    currency: str
    period: tuple[dt.date, dt.date]
    total_label: str
    printed_total: float
    true_total: float  # what the printed total should be, from the transactions
    pages: int = 0
    summary_labels: list[str] = field(default_factory=list)


def d(y: int, m: int, day: int) -> dt.date:
    return dt.date(y, m, day)


def t(day: dt.date, desc: str | tuple[str, ...], amount: float, kind: str = "charge", **kw: Any) -> Txn:
    lines = (desc,) if isinstance(desc, str) else desc
    return Txn(day, lines, amount, kind, **kw)


def converted(foreign: float, rate: float, places: int) -> float:
    """Billed amount for a foreign amount at ``rate`` (half up to ``places`` decimals; yen: places=0)."""
    q = Decimal(1).scaleb(-places)
    return float((Decimal(str(foreign)) * Decimal(str(rate))).quantize(q, rounding=ROUND_HALF_UP))


def fx(day: dt.date, desc: str | tuple[str, ...], foreign: float, cur: str, rate: float, places: int, **kw: Any) -> Txn:
    return t(day, desc, converted(foreign, rate, places), fx=(foreign, cur, rate), **kw)


def _canvas(buf: io.BytesIO, size: tuple[float, float], title: str, **kw: Any) -> Any:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(buf, pagesize=size, invariant=1, pageCompression=1, **kw)
    c.setTitle(title)
    c.setAuthor("card-audit sample generator (fictional data)")
    return c


def _register_jp_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if JP_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(JP_FONT))


def _count_pages(data: bytes) -> int:
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")


# ------------------------------------------------------------------------------------------ Japanese

JP_PERIOD = (d(2025, 12, 16), d(2026, 1, 15))
EVERYDAY_JP = [
    ("セブン－イレブン 新宿三丁目店", 200, 1500), ("ローソン 渋谷駅前店", 150, 1200), ("ファミリーマート 池袋東口店", 120, 900),
    ("スターバックス コーヒー", 450, 1500), ("ユニクロ 新宿本店", 1990, 8990), ("イオンスタイル 品川シーサイド", 2000, 9000),
    ("ＪＲ東日本 モバイルＳｕｉｃａ", 1000, 5000), ("マツモトキヨシ", 500, 4000), ("ヨドバシカメラ", 1500, 30000),
    ("吉野家", 400, 900), ("ENEOS 新宿SS", 3000, 7000), ("無印良品 有楽町", 800, 6000),
]


def minato_txns(seed: int = 1, fillers: int = 44, period: tuple[dt.date, dt.date] = JP_PERIOD) -> list[Txn]:
    """The Japanese sample's transactions (everyday use, subscriptions, the fake-support pattern)."""
    rng = random.Random(seed)
    start, end = period
    days = (end - start).days
    out = []
    for _ in range(fillers):
        name, lo, hi = rng.choice(EVERYDAY_JP)
        out.append(t(start + dt.timedelta(days=rng.randrange(days + 1)), name, rng.randrange(lo, hi, 10),
                     holder=rng.choice(["本人", "本人", "本人", "家族"])))
    y1, y2 = start.year, end.year
    out += [
        t(d(y1, 12, 18), "NETFLIX.COM", 1590, holder="本人"),
        t(d(y1, 12, 23), "APPLE.COM/BILL", 400, holder="本人"),
        t(d(y2, 1, 5), "MICROSOFT*MICROSOFT 365", 1490, holder="本人"),
        t(d(y2, 1, 8), "GOOGLE *YouTubePremium", 1280, holder="家族"),
        t(d(y2, 1, 12), "SPOTIFY", 980, holder="家族"),
        t(d(y1, 12, 20), ("AMAZON MARKETPLACE", "(アマゾンジャパン合同会社)"), 3480, holder="本人"),
        t(d(y1, 12, 27), ("東京電力エナジーパートナー", "電気料金 12月分"), 8712, holder="本人"),
        t(d(y2, 1, 9), "ユニクロ 新宿本店 返品", -1990, "refund", holder="本人"),
        # the fake-support pattern (fictional merchants; RESTORO is named by the FTC)
        fx(d(y1, 12, 19), "FS *PCSHIELDPRO", 29.99, "USD", 152.340, 0, holder="本人"),
        t(d(y1, 12, 19), ("KMJ*TECHFIX SUPPORT", "サポートプラン 3年"), 69800, holder="本人"),
        fx(d(y1, 12, 20), "2CO.COM*OPTIMIZERPLUS", 39.95, "EUR", 163.120, 0, holder="本人"),
        fx(d(y1, 12, 21), "PAYPAL *TECHFIXDESK", 49.99, "USD", 152.340, 0, holder="本人"),
        fx(d(y2, 1, 14), "RESTORO.COM", 29.95, "USD", 156.880, 0, holder="本人"),
    ]
    return sorted(out, key=lambda x: (x.date, x.description))


def render_minato(
    txns: list[Txn], period: tuple[dt.date, dt.date] = JP_PERIOD, *, printed_total: float | None = None,
    rows_per_page: int = 34,
) -> tuple[bytes, float]:
    """Render a みなとカード statement; returns (PDF bytes, printed ご請求金額)."""
    from reportlab.lib.pagesizes import A4

    _register_jp_font()
    total = float(sum(x.amount for x in txns))
    shown = total if printed_total is None else printed_total
    pay_day = d(period[1].year, period[1].month, 1) + dt.timedelta(days=40)
    pay_day = pay_day.replace(day=10)
    pages = _paginate(txns, rows_per_page, first_page_rows=rows_per_page - 10)
    buf = io.BytesIO()
    c = _canvas(buf, A4, "みなとカード ご利用代金明細書")
    w, h = A4
    jp = lambda: c.setFont(JP_FONT, 9)  # noqa: E731

    def yen(v: float) -> str:
        return f"{int(v):,}"

    for pno, page in enumerate(pages, start=1):
        c.setFont(JP_FONT, 14)
        c.drawString(36, h - 40, "みなとカード ご利用代金明細書")
        jp()
        c.drawString(36, h - 58, "カード番号 4980-****-****-1234")
        y = h - 80
        if pno == 1:
            c.drawString(36, y, "ご利用期間 " + _jp_date(period[0]) + "〜" + _jp_date(period[1]))
            y -= 22
            box = [
                ("前回ご請求額", "45,210円"), ("ご入金額", "45,210円"), ("今回ご利用額", yen(total) + "円"),
                ("ご請求金額", yen(shown) + "円"), ("お支払日", _jp_date(pay_day)),
            ]
            c.drawString(36, y, "山田 花子 様")  # shares its line with the first box item
            for label, value in box:
                c.drawString(330, y, label)
                c.drawRightString(560, y, value)
                y -= 14
            y -= 10
        headers = [(36, "ご利用日"), (95, "ご利用者"), (135, "ご利用店名"), (370, "ご利用金額"), (440, "支払区分"), (505, "今回ご請求額")]
        for x, label in headers:
            c.drawString(x, y, label)
        y -= 16
        for tx in page:
            c.drawString(36, y, f"{tx.date.month}月{tx.date.day}日")
            c.drawString(95, y, tx.holder or "")
            c.drawString(135, y, tx.lines[0])
            c.drawRightString(420, y, yen(tx.amount))
            c.drawString(440, y, "1回")
            c.drawRightString(560, y, yen(tx.amount))
            for more in tx.lines[1:]:
                y -= 12
                c.drawString(135, y, more)
            if tx.fx:
                y -= 12
                c.drawString(150, y, f"現地通貨額 {tx.fx[0]:.2f} {tx.fx[1]} 換算レート {tx.fx[2]:.3f}")
            y -= 14
        if pno == len(pages):
            y -= 6
            c.drawString(330, y, "ご利用金額合計")
            c.drawRightString(560, y, yen(total) + "円")
            c.drawString(36, y - 24, "※ 海外でのご利用は、現地通貨額を換算レートで円に換算しています。")
        c.drawCentredString(w / 2, 30, f"{pno} / {len(pages)} ページ")
        c.showPage()
    c.save()
    return buf.getvalue(), shown


def _jp_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _rows(tx: Txn) -> int:
    return len(tx.lines) + (1 if tx.fx else 0)


def _paginate(txns: list[Txn], rows: int, first_page_rows: int) -> list[list[Txn]]:
    """Split transactions into pages by printed rows, never splitting one transaction."""
    pages: list[list[Txn]] = [[]]
    used, cap = 0, first_page_rows
    for tx in txns:
        if used + _rows(tx) > cap and pages[-1]:
            pages.append([])
            used, cap = 0, rows
        pages[-1].append(tx)
        used += _rows(tx)
    return pages


# ------------------------------------------------------------------------------------------ US

US_PERIOD = (d(2025, 12, 12), d(2026, 1, 11))
EVERYDAY_US = [
    ("WHOLE FOODS MKT #10234 SEATTLE WA", 12, 140), ("SHELL OIL 57442 PORTLAND OR", 25, 70),
    ("TRADER JOE'S #145 SEATTLE WA", 15, 90), ("STARBUCKS STORE 05521 SEATTLE WA", 4, 15),
    ("TARGET 00012345 TACOMA WA", 10, 120), ("UBER *TRIP HELP.UBER.COM CA", 9, 45),
    ("CVS/PHARMACY #04321 SEATTLE WA", 5, 60), ("HOME DEPOT #4712 SEATTLE WA", 15, 220),
]


def harbor_txns(seed: int = 2, fillers: int = 42) -> list[Txn]:
    """The US sample's transactions."""
    rng = random.Random(seed)
    start, end = US_PERIOD
    days = (end - start).days
    out = []
    for _ in range(fillers):
        name, lo, hi = rng.choice(EVERYDAY_US)
        day = start + dt.timedelta(days=rng.randrange(days))
        out.append(t(day, name, rng.randrange(lo * 100, hi * 100) / 100, posted=day + dt.timedelta(days=1)))
    out += [
        t(d(2025, 12, 15), "PAYMENT - THANK YOU", -1284.56, "payment", posted=d(2025, 12, 15)),
        t(d(2025, 12, 28), "AMAZON.COM RETURN AMZN.COM/BILL WA", -23.99, "refund", posted=d(2025, 12, 29)),
        t(d(2025, 12, 14), "NETFLIX.COM LOS GATOS CA", 15.49, posted=d(2025, 12, 15)),
        t(d(2025, 12, 22), "SPOTIFY USA NEW YORK NY", 11.99, posted=d(2025, 12, 23)),
        t(d(2026, 1, 3), "APPLE.COM/BILL 866-712-7753 CA", 2.99, posted=d(2026, 1, 4)),
        t(d(2025, 12, 17), ("AMAZON MKTPLACE PMTS", "AMZN.COM/BILL WA"), 37.48, posted=d(2025, 12, 18)),
        t(d(2025, 12, 30), ("SEATTLE CITY LIGHT", "ONLINE PAYMENT SEATTLE WA"), 88.20, posted=d(2025, 12, 31)),
        t(d(2025, 12, 19), "FS *PCSHIELDPRO FSPRG.COM CA", 29.99, posted=d(2025, 12, 20)),
        fx(d(2025, 12, 20), "2CO.COM*OPTIMIZERPLUS", 39.95, "EUR", 1.08420, 2, posted=d(2025, 12, 21)),
        t(d(2025, 12, 21), ("PAYPAL *TECHFIXDESK", "402-555-0100 CA"), 499.00, posted=d(2025, 12, 22)),
        t(d(2026, 1, 8), "RESTORO.COM 888-555-0142 CY", 29.95, posted=d(2026, 1, 9)),
    ]
    return sorted(out, key=lambda x: (x.date, x.description))


def render_harbor(txns: list[Txn], *, printed_total: float | None = None, rows_per_page: int = 30) -> tuple[bytes, float]:
    """Render a Harbor Bank statement; returns (PDF bytes, printed 'Total purchases for this period')."""
    from reportlab.lib.pagesizes import LETTER

    credits = [x for x in txns if x.amount < 0]
    purchases = [x for x in txns if x.amount >= 0]
    total = round(sum(x.amount for x in purchases), 2)
    shown = total if printed_total is None else printed_total
    prev_balance = 1284.56
    new_balance = round(prev_balance + sum(x.amount for x in txns), 2)
    buf = io.BytesIO()
    c = _canvas(buf, LETTER, "Harbor Bank Rewards Visa statement")
    h = LETTER[1]
    # lay out rows first (section headings count as rows), then draw page by page
    items: list[tuple[str, Any]] = [("section", "PAYMENTS AND OTHER CREDITS")] + [("tx", x) for x in credits]
    items += [("section", "PURCHASES")] + [("tx", x) for x in purchases] + [("total", shown)]
    pages: list[list[tuple[str, Any]]] = [[]]
    used, cap = 0, rows_per_page - 14
    for kind, obj in items:
        n = _rows(obj) if kind == "tx" else 2
        if used + n > cap and pages[-1]:
            pages.append([])
            used, cap = 0, rows_per_page
        pages[-1].append((kind, obj))
        used += n

    def money(v: float) -> str:
        return f"-{abs(v):,.2f}" if v < 0 else f"{v:,.2f}"

    for pno, page in enumerate(pages, start=1):
        c.setFont("Helvetica-Bold", 13)
        c.drawString(40, h - 40, "Harbor Bank Rewards Visa")
        c.setFont("Helvetica", 9)
        c.drawString(40, h - 56, "Account number: XXXX XXXX XXXX 4321")
        y = h - 76
        if pno == 1:
            c.drawString(40, y, "Statement period: Dec 12, 2025 - Jan 11, 2026")
            y -= 20
            c.drawString(40, y, "ACCOUNT SUMMARY")
            y -= 14
            summary = [
                ("Previous Balance", f"${prev_balance:,.2f}"),
                ("Payments and Other Credits", f"-${-sum(x.amount for x in credits):,.2f}"),
                ("Purchases", f"+${total:,.2f}"), ("Fees Charged", "$0.00"), ("Interest Charged", "$0.00"),
                ("New Balance", f"${new_balance:,.2f}"), ("Payment Due Date", "02/05/2026"),
                ("Minimum Payment Due", "$35.00"),
            ]
            for label, value in summary:
                c.drawString(40, y, label)
                c.drawRightString(300, y, value)
                y -= 12
            y -= 10
        for x, label in ((40, "Trans Date"), (95, "Post Date"), (150, "Description")):
            c.drawString(x, y, label)
        c.drawRightString(570, y, "Amount")
        y -= 16
        for kind, obj in page:
            if kind == "section":
                c.setFont("Helvetica-Bold", 9)
                c.drawString(40, y - 4, obj)
                c.setFont("Helvetica", 9)
                y -= 20
                continue
            if kind == "total":
                c.drawString(40, y - 4, "Total purchases for this period")
                c.drawRightString(570, y - 4, f"${obj:,.2f}")
                y -= 20
                continue
            tx = obj
            c.drawString(40, y, tx.date.strftime("%m/%d"))
            c.drawString(95, y, (tx.posted or tx.date).strftime("%m/%d"))
            c.drawString(150, y, tx.lines[0])
            c.drawRightString(570, y, money(tx.amount))
            for more in tx.lines[1:]:
                y -= 11
                c.drawString(150, y, more)
            if tx.fx:
                y -= 11
                c.drawString(160, y, f"{tx.fx[1]} {tx.fx[0]:.2f} X {tx.fx[2]:.5f} (EXCHG RATE)")
            y -= 13
        c.drawRightString(570, 30, f"Page {pno} of {len(pages)}")
        c.showPage()
    c.save()
    return buf.getvalue(), shown


# ------------------------------------------------------------------------------------------ UK

UK_PERIOD = (d(2025, 12, 12), d(2026, 1, 11))
EVERYDAY_UK = [
    ("TESCO STORES 2041 EDINBURGH", 5, 80), ("SAINSBURYS S/MKTS LONDON", 6, 90), ("PRET A MANGER LONDON", 3, 12),
    ("TFL TRAVEL CH TFL.GOV.UK/CP", 2, 9), ("BOOTS 1123 LEEDS", 4, 40), ("GREGGS PLC NEWCASTLE", 2, 8),
]


def thistle_txns(seed: int = 3, fillers: int = 24) -> list[Txn]:
    """The UK sample's transactions."""
    rng = random.Random(seed)
    start, end = UK_PERIOD
    days = (end - start).days
    out = []
    for _ in range(fillers):
        name, lo, hi = rng.choice(EVERYDAY_UK)
        day = start + dt.timedelta(days=rng.randrange(days))
        out.append(t(day, name, rng.randrange(lo * 100, hi * 100) / 100, posted=day + dt.timedelta(days=1)))
    out += [
        t(d(2025, 12, 20), "PAYMENT RECEIVED - THANK YOU", -412.50, "payment", posted=d(2025, 12, 20)),
        t(d(2025, 12, 29), "ASOS.COM LONDON", -25.00, "refund", posted=d(2025, 12, 30)),
        t(d(2025, 12, 16), "NETFLIX.COM AMSTERDAM", 10.99, posted=d(2025, 12, 17)),
        t(d(2026, 1, 2), ("GOOGLE *YouTubePremium", "G.CO/HELPPAY#"), 12.99, posted=d(2026, 1, 3)),
        fx(d(2025, 12, 18), "FS *PCSHIELDPRO", 29.99, "USD", 0.79300, 2, posted=d(2025, 12, 19)),
        fx(d(2025, 12, 19), "2CO.COM*OPTIMIZERPLUS", 39.95, "EUR", 0.86100, 2, posted=d(2025, 12, 20)),
        t(d(2025, 12, 19), ("TECHFIX SUPPORT LTD", "LIFETIME SUPPORT PLAN"), 349.00, posted=d(2025, 12, 22)),
    ]
    return sorted(out, key=lambda x: (x.date, x.description))


def render_thistle(txns: list[Txn], *, printed_total: float | None = None) -> tuple[bytes, float]:
    """Render a Thistle Card statement; returns (PDF bytes, printed 'Total new transactions')."""
    from reportlab.lib.pagesizes import A4

    total = round(sum(x.amount for x in txns if x.kind != "payment"), 2)
    shown = total if printed_total is None else printed_total
    pages = _paginate(txns, 46, first_page_rows=40)
    buf = io.BytesIO()
    c = _canvas(buf, A4, "Thistle Card statement")
    w, h = A4
    for pno, page in enumerate(pages, start=1):
        c.setFont("Helvetica-Bold", 13)
        c.drawString(40, h - 40, "Thistle Card")
        c.setFont("Helvetica", 9)
        c.drawString(40, h - 56, "Card number **** **** **** 7788")
        y = h - 76
        if pno == 1:
            c.drawString(40, y, "Statement period 12 December 2025 to 11 January 2026")
            y -= 14
            c.drawString(40, y, "Statement date 11 January 2026")
            y -= 20
            c.drawString(40, y, "Your transactions")
            y -= 14
        for x, label in ((40, "Date"), (90, "Posted"), (140, "Description")):
            c.drawString(x, y, label)
        c.drawRightString(555, y, "Amount £")
        y -= 14
        for tx in page:
            c.drawString(40, y, tx.date.strftime("%d %b"))
            c.drawString(90, y, (tx.posted or tx.date).strftime("%d %b"))
            c.drawString(140, y, tx.lines[0])
            c.drawRightString(555, y, f"{abs(tx.amount):,.2f}" + (" CR" if tx.amount < 0 else ""))
            for more in tx.lines[1:]:
                y -= 11
                c.drawString(140, y, more)
            if tx.fx:
                y -= 11
                c.drawString(150, y, f"{tx.fx[1]} {tx.fx[0]:.2f} @ {tx.fx[2]:.5f}")
            y -= 13
        if pno == len(pages):
            c.drawString(40, y - 6, "Total new transactions")
            c.drawRightString(555, y - 6, f"£{shown:,.2f}")
        c.drawCentredString(w / 2, 30, f"Page {pno} of {len(pages)}")
        c.showPage()
    c.save()
    return buf.getvalue(), shown


# ------------------------------------------------------------------------------------------ all samples


def build_all() -> list[Sample]:
    """Every committed sample with its truth."""
    out = []
    jp = minato_txns()
    data, shown = render_minato(jp)
    out.append(Sample("minato_2026-01.pdf", "minato", data, jp, "JPY", JP_PERIOD, "ご請求金額", shown,
                      float(sum(x.amount for x in jp))))
    us = harbor_txns()
    data, shown = render_harbor(us)
    out.append(Sample("harbor_2026-01.pdf", "harbor", data, us, "USD", US_PERIOD, "Total purchases for this period",
                      shown, round(sum(x.amount for x in us if x.amount > 0), 2)))
    uk = thistle_txns()
    data, shown = render_thistle(uk)
    out.append(Sample("thistle_2026-01.pdf", "thistle", data, uk, "GBP", UK_PERIOD, "Total new transactions", shown,
                      round(sum(x.amount for x in uk if x.kind != "payment"), 2)))
    for s in out:
        s.pages = _count_pages(s.data)
    return out


def long_statement(pages: int, seed: int = 7) -> bytes:
    """A みなとカード statement of about ``pages`` pages (for the benchmark)."""
    fillers = max(1, pages * 33 - 13)
    for _ in range(4):  # pages are not filled exactly (a transaction is never split): adjust and retry
        data, _ = render_minato(minato_txns(seed=seed, fillers=fillers, period=JP_PERIOD))
        got = _count_pages(data)
        if got == pages:
            break
        fillers = max(1, fillers + (pages - got) * 33)
    return data


# ------------------------------------------------------------------------------------------ goldens


def _value(v: Any) -> Any:
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if hasattr(v, "item") and not isinstance(v, str):
        return _value(v.item())
    return v


def golden_record(df: Any, report: Any) -> dict[str, Any]:
    """The JSON a golden file holds: the whole table and the report's essentials."""
    from audit import schema

    rec = report.reconciliation
    return {
        "report": {
            "source": report.source, "kind": report.kind, "layout": report.layout, "pages": report.pages,
            "rows": report.rows, "period_start": report.period_start, "period_end": report.period_end,
            "excluded": [{"reason": e.reason, "page": e.page, "row": e.row, "amount": e.amount} for e in report.excluded],
            "problems": [{"page": p.page, "row": p.row, "message": p.message} for p in report.problems],
            "warnings": report.warnings,
            "reconciliation": None if rec is None else {
                "printed_total": rec.printed_total, "parsed_total": rec.parsed_total, "ok": rec.ok, "label": rec.label},
        },
        "transactions": [{c: _value(r[c]) for c in schema.COLUMNS} for r in df[schema.COLUMNS].to_dict(orient="records")],
    }


def disagreements(df: Any, sample: Sample, norm: Callable[[str], str] = lambda s: s) -> list[str]:
    """Where a parsed table differs from the sample's truth (empty when they agree)."""
    want = sorted(sample.txns, key=lambda x: (x.date, x.amount, x.description))
    if len(df) != len(want):
        return [f"{len(df)} rows parsed, {len(want)} written"]
    got = df.sort_values(["date", "amount", "description"]).reset_index(drop=True)
    out = []
    for tx, (_, r) in zip(want, got.iterrows(), strict=True):
        fx_got = None if r["original_currency"] != r["original_currency"] else (
            r["original_amount"], r["original_currency"], r["rate"])
        exp = (tx.date, tx.amount, tx.kind, norm(tx.description), tx.fx, sample.currency)
        act = (r["date"].date(), r["amount"], r["kind"], norm(r["description"]), fx_got, r["currency"])
        if tx.posted is not None and r["posting_date"].date() != tx.posted:
            act = (*act, "posting_date", r["posting_date"].date())
        if tx.holder is not None and r["cardholder"] != tx.holder:
            act = (*act, "cardholder", r["cardholder"])
        if exp != act:
            out.append(f"expected {exp}, parsed {act}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    ap.add_argument("--goldens", action="store_true", help="also rewrite tests/golden/pdf/*.json")
    args = ap.parse_args(argv)
    bad = 0
    for s in build_all():
        path = OUT / s.path
        if args.check:
            same = path.exists() and path.read_bytes() == s.data
            print(f"{s.path}: {'ok' if same else 'DIFFERS'}")
            bad += not same
            continue
        path.write_bytes(s.data)
        print(f"wrote {path.relative_to(ROOT)} ({len(s.txns)} transactions, {s.pages} pages)")
        if args.goldens:
            bad += _write_golden(s)
    return 1 if bad else 0


def _write_golden(s: Sample) -> int:
    sys.path.insert(0, str(ROOT))
    from audit.readers.pdf_reader import read_pdf_bytes

    df, report = read_pdf_bytes(s.data, s.path)
    problems = disagreements(df, s)
    if report.layout != s.layout:
        problems.insert(0, f"layout {report.layout!r}, expected {s.layout!r}")
    if report.reconciliation is None or not report.reconciliation.ok or report.problems:
        problems.append(f"reconciliation {report.reconciliation}, problems {report.problems}")
    if problems:
        print(f"  golden NOT written for {s.path}: " + "; ".join(problems[:3]), file=sys.stderr)
        return 1
    GOLDEN.mkdir(parents=True, exist_ok=True)
    out = GOLDEN / (s.path.removesuffix(".pdf") + ".json")
    out.write_text(json.dumps(golden_record(df, report), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"  wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
