"""Write the fictional sample statements in ``sample_statements/`` (deterministic; the output is committed).

Every sample is built from a list of :class:`Txn` records (the truth) and rendered in one issuer's CSV
layout (encoding, preamble, header, date and amount style, sign convention, totals). Tests import
:func:`build_all` to compare what the reader parsed with what was written.

All people, cards and the merchants PCSHIELDPRO, OPTIMIZERPLUS, TECHFIXDESK, TECHFIX SUPPORT,
SYSCAREPLUS and PCHELPLINE are invented. RESTORO is a real company named by the US FTC (2024 case);
it appears only so the known-merchant list can be demonstrated.

Run: ``.venv/bin/python scripts/make_sample_csvs.py`` (add ``--check`` to only compare with the files).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sample_statements"


@dataclass(frozen=True)
class Txn:
    """One transaction as the issuer would have recorded it (the truth a sample is rendered from)."""

    date: dt.date
    description: str
    amount: float  # billing currency; positive = charged to the card, negative = refund / payment
    kind: str = "charge"
    fx: tuple[float, str, float] | None = None  # (foreign amount, ISO currency, rate)
    holder: str | None = None
    posted: dt.date | None = None
    status: str = "COMPLETED"  # Revolut / Citi style state; only Revolut DECLINED/REVERTED are excluded

    @property
    def counted(self) -> bool:
        """Whether a reader should return this row as a transaction."""
        return self.status not in ("DECLINED", "REVERTED")


@dataclass
class Sample:
    """One rendered file and the transactions it holds."""

    path: str  # relative to sample_statements/
    layout: str
    data: bytes
    txns: list[Txn]
    carries_fx: bool = False  # the layout prints the foreign amount (readers should return it)
    carries_rate: bool = True  # ... and the conversion rate (Monzo prints the local amount only)


def d(y: int, m: int, day: int) -> dt.date:
    return dt.date(y, m, day)


def yen(foreign: float, rate: float) -> int:
    """Billed yen for a foreign amount: amount x rate, fractions of a yen dropped."""
    return int((Decimal(str(foreign)) * Decimal(str(rate))).to_integral_value(rounding=ROUND_DOWN))


def fx_charge(day: dt.date, desc: str, foreign: float, cur: str, rate: float) -> Txn:
    return Txn(day, desc, float(yen(foreign, rate)), fx=(foreign, cur, rate))


def csv_bytes(rows: list[list[str]], *, encoding: str, newline: str, quote_all: bool = False, bom: bool = False) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerows(rows)
    text = buf.getvalue()
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def fw(text: str) -> str:
    """ASCII digits and '.' to full width (as Rakuten prints the foreign-amount line)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "." else c for c in text)


def comma(n: float) -> str:
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,.2f}"


# ---------------------------------------------------------------------------------------- Japanese content

USD = {5: 155.20, 6: 157.80, 7: 158.90, 8: 156.40, 9: 152.70, 10: 150.30}
EUR = {5: 168.10, 6: 170.40, 7: 172.90, 8: 171.20, 9: 169.50, 10: 166.80}


def legit_subs_jp(y: int, m: int) -> list[Txn]:
    return [
        Txn(d(y, m, 3), "NETFLIX.COM", 1590),
        Txn(d(y, m, 8), "APPLE.COM/BILL", 400),
        Txn(d(y, m, 14), "MICROSOFT*MICROSOFT 365", 1490),
        Txn(d(y, m, 20), "GOOGLE *YouTubePremium", 1280),
        Txn(d(y, m, 25), "SPOTIFY", 980),
    ]


def scam_cluster(y: int, m: int, day: int, *, restoro: bool = False) -> list[Txn]:
    """Fictional fake-support pattern: reseller-billed foreign charges and a large one-off plan."""
    out = [
        fx_charge(d(y, m, day), "FS *PCSHIELDPRO", 29.99, "USD", USD[m]),
        Txn(d(y, m, day), "KMJ*TECHFIX SUPPORT", 69800),
        fx_charge(d(y, m, day + 1), "2CO.COM*OPTIMIZERPLUS", 39.95, "EUR", EUR[m]),
        fx_charge(d(y, m, day + 2), "PAYPAL *TECHFIXDESK", 49.99, "USD", USD[m]),
    ]
    if restoro:
        out.append(fx_charge(d(y, m, day + 3), "RESTORO.COM", 29.95, "USD", USD[m]))
    return out


def jp_everyday(y: int, m: int, stores: list[tuple[int, str, int]]) -> list[Txn]:
    return [Txn(d(y, m, day), name, amt) for day, name, amt in stores]


def by_date(txns: list[Txn]) -> list[Txn]:
    return sorted(txns, key=lambda t: t.date)


# ---------------------------------------------------------------------------------------- Japanese writers

RAKUTEN_COUNTRY = {"USD": "USA", "EUR": "NLD"}


def write_rakuten(txns: list[Txn], pay_month: int) -> bytes:
    nxt = pay_month % 12 + 1
    rows = [["利用日", "利用店名・商品名", "利用者", "支払方法", "利用金額", "支払手数料", "支払総額",
             f"{pay_month}月支払金額", f"{nxt}月繰越残高", "新規サイン"]]
    blank = [""] * 10
    charges = [t for t in txns if t.amount > 0]
    refunds = [t for t in txns if t.amount < 0]
    for t in charges:
        name = t.description + (f"利用国{RAKUTEN_COUNTRY[t.fx[1]]}" if t.fx else "")
        amt = str(int(t.amount))
        rows.append([t.date.strftime("%Y/%m/%d"), name, t.holder or "本人", "1回払い", amt, "0", amt, amt, "0", "*"])
        if t.fx:
            foreign = fw(f"{t.fx[0]:.3f}")
            rows.append(["", "現地利用額" + "　" * (14 - len(foreign)) + foreign + "変換レート　" + fw(f"{t.fx[2]:.3f}") + "円",
                         *blank[2:]])
    if refunds:
        rows.append(blank)
        rows.append(["■ご利用キャンセルなど", *blank[1:]])
        for t in refunds:  # printed positive under the heading
            amt = str(int(-t.amount))
            rows.append([t.date.strftime("%Y/%m/%d"), t.description, t.holder or "本人", "1回払い", amt, "0", amt, amt, "0", ""])
    return csv_bytes(rows, encoding="utf-8", newline="\r\n", quote_all=True, bom=True)


def rakuten_sample() -> Sample:
    y, m = 2026, 6
    txns = by_date(
        jp_everyday(y, m, [(1, "楽天ＳＰ　すき家", 1960), (2, "セブン－イレブン", 648), (4, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 3480),
                           (6, "楽天市場", 5280), (9, "東京電力エナジーパートナー", 8912), (11, "ローソン", 432),
                           (15, "ＥＮＥＯＳ　ＳＳ", 6120), (18, "ユニクロ", 3990), (22, "ファミリーマート", 298),
                           (27, "ＮＴＴドコモ", 7480)])
        + legit_subs_jp(y, m)
        + [Txn(d(y, m, 12), "MCAFEE.COM", 8980), Txn(d(y, m, 5), "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 1280, holder="家族")]
        + scam_cluster(y, m, 16, restoro=True)
        + [Txn(d(y, m, 24), "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", -3480, kind="refund")]
    )
    return Sample("rakuten.csv", "rakuten", write_rakuten(txns, m + 1), txns, carries_fx=True)


def vpass_rows(txns: list[Txn], holder: str, card_name: str) -> list[list[str]]:
    rows = [[f"{holder}　様", "4980-****-****-****", card_name]]
    for t in txns:
        note = ""
        if t.fx:
            note = f"{t.fx[0]:.2f}　{t.fx[1]}　{t.fx[2]:.3f}　{t.date:%m %d}"
        elif t.amount < 0:
            note = "返品"
        amt = str(int(t.amount))
        rows.append([f"{t.date.year}/{t.date.month}/{t.date.day}", t.description, amt, "１", "１", amt, note])
    rows.append(["", "", "", "", "", str(int(sum(t.amount for t in txns))), ""])
    return rows


def vpass_sample() -> Sample:
    y, m = 2026, 7
    txns = by_date(
        jp_everyday(y, m, [(1, "セブン－イレブン", 540), (3, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 2980), (5, "マクドナルド", 790),
                           (7, "東京ガス", 5120), (10, "ライフ", 3256), (13, "ＪＲ東日本　モバイルＳｕｉｃａ", 3000),
                           (19, "ビックカメラ", 12800), (26, "ａｕ　携帯電話料金", 6980)])
        + legit_subs_jp(y, m)
        + [Txn(d(y, m, 9), "NORTON *NORTON 360", 7480)]
        + scam_cluster(y, m, 21)
        + [Txn(d(y, m, 28), "ビックカメラ", -12800, kind="refund")]
    )
    data = csv_bytes(vpass_rows(txns, "ヤマダ　ハナコ", "三井住友カード（ＮＬ）"), encoding="cp932", newline="\r\n")
    return Sample("vpass.csv", "vpass", data, txns, carries_fx=True)


def view_sample() -> Sample:
    y, m = 2026, 5
    txns = by_date(
        jp_everyday(y, m, [(2, "モバイルＳｕｉｃａ", 3000), (6, "ＪＲ東日本　えきねっと", 14170), (9, "アトレ上野", 4380),
                           (12, "ＮｅｗＤａｙｓ", 520), (17, "成城石井", 2864), (23, "東京電力エナジーパートナー", 7654)])
        + legit_subs_jp(y, m)
        + scam_cluster(y, m, 13)
        + [Txn(d(y, m, 20), "アトレ上野", -4380, kind="refund")]
    )
    rows = [
        ["会員番号", "****-****-****-1234"],
        ["対象カード", "ビューカード　スタンダード"],
        ["お支払日", "2026年06月04日"],
        ["今回お支払金額", comma(sum(t.amount for t in txns))],
        [],
        ["ご利用年月日", "ご利用箇所", "ご利用額", "払戻額", "ご請求額（うち手数料・利息）", "支払区分（回数）", "今回回数",
         "今回ご請求額・弁済金（うち手数料・利息）", "現地通貨額", "通貨略称", "換算レート"],
        ["****-****-****-1234 ヤマダ　ハナコ"],
    ]
    for t in txns:
        used, back = (comma(t.amount), "") if t.amount > 0 else ("", comma(-t.amount))
        fx = [f"{t.fx[0]:.2f}", t.fx[1], f"{t.fx[2]:.3f}"] if t.fx else ["", "   ", ""]
        rows.append([t.date.strftime("%Y/%m/%d"), t.description, used, back, comma(t.amount), "１回払", "", comma(t.amount), *fx])
    return Sample("view.csv", "view", csv_bytes(rows, encoding="cp932", newline="\r\n"), txns, carries_fx=True)


def saison_rows(txns: list[Txn], card: str, pay_day: dt.date, holder_kana: str) -> list[list[str]]:
    total = int(sum(t.amount for t in txns))
    rows = [["カード名称", card], ["お支払日", pay_day.strftime("%Y/%m/%d")], ["今回ご請求額", f"{total:010d}"], [],
            ["利用日", "ご利用店名及び商品名", "本人・家族区分", "支払区分名称", "締前入金区分", "利用金額", "備考"],
            ["", f"ご利用者名:{holder_kana}" + "　" * 6 + "様", "", "", "", "", ""]]
    for t in txns:
        rows.append([t.date.strftime("%Y/%m/%d"), t.description, "", "1回", "", str(int(t.amount)), ""])
    rows += [["", "【小計】", "", "", "", str(total), ""], ["", "【合計】", "", "", "", str(total), ""]]
    return rows


def saison_sample() -> Sample:
    y, m = 2026, 8
    txns = by_date(
        jp_everyday(y, m, [(1, "セブン－イレブン", 432), (4, "西友", 4210), (8, "無印良品", 2990), (11, "スターバックス", 690),
                           (16, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 5980), (24, "東京電力エナジーパートナー", 9870)])
        + legit_subs_jp(y, m)
        + scam_cluster(y, m, 17)
        + [Txn(d(y, m, 27), "無印良品", -2990, kind="refund")]
    )
    rows = saison_rows(txns, "セゾンカードインターナショナル", d(2026, 10, 4), "ヤマダ　ハナコ")
    return Sample("saison.csv", "saison", csv_bytes(rows, encoding="cp932", newline="\r\n"), txns)


def epos_sample() -> Sample:
    y, m = 2026, 9
    txns = by_date(
        jp_everyday(y, m, [(1, "マルイ", 8800), (3, "ニンテンドーＥショップ", 1500), (6, "ハローデイ", 2558),
                           (10, "ドトールコーヒー", 420), (14, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 3290), (25, "ＮＴＴドコモ", 6930)])
        + legit_subs_jp(y, m)
        + scam_cluster(y, m, 7)
        + [Txn(d(y, m, 19), "マルイ", -8800, kind="refund")]
    )
    rows = [["月別ご利用明細　ヤマダ　ハナコ　様　ご利用期間：2026年9月から2026年9月　株式会社エポスカード", "", "", "", "", "", "", ""],
            ["種別（ショッピング、キャッシング、その他）", "ご利用年月日", "ご利用場所", "ご利用内容",
             "ご利用金額（キャッシングでは元金になります）", "支払区分", "お支払開始月", "備考"]]
    for t in txns:
        what = "返品" if t.amount < 0 else "－"
        rows.append(["ショッピング", f"{t.date.year}年{t.date.month}月{t.date.day}日", t.description, what, str(int(t.amount)),
                     "1回払い", "2026年10月", ""])
    rows.append(["ショッピング合計", "", "", "", str(int(sum(t.amount for t in txns))), "", "", ""])
    return Sample("epos.csv", "epos", csv_bytes(rows, encoding="cp932", newline="\r\n"), txns)


def jcb_sample() -> Sample:
    y, m = 2026, 8
    holder = "****-****-****-1234　ヤマダ　ハナコ様"
    txns = by_date(
        jp_everyday(y, m, [(2, "イトーヨーカドー", 3862), (5, "セブン－イレブン", 584), (9, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 1145),
                           (13, "東京ガス", 4870), (21, "ヨドバシカメラ", 16800), (28, "ソフトバンク", 7205)])
        + legit_subs_jp(y, m)
        + scam_cluster(y, m, 10)
        + [Txn(d(y, m, 26), "ヨドバシカメラ", -16800, kind="refund")]
    )
    txns = [replace(t, holder=holder) for t in txns]
    domestic = sum(t.amount for t in txns if not t.fx)
    overseas = sum(t.amount for t in txns if t.fx)
    rows = [["", "", "今回のお支払日", "2026/10/10"], ["", "", "今回のお支払金額合計(￥)", comma(domestic + overseas)],
            ["", "", "　うち国内ご利用金額合計(￥)", comma(domestic)], ["", "", "　うち海外ご利用金額合計(￥)", comma(overseas)],
            ["【ご利用明細】"],
            ["ご利用者", "カテゴリ", "ご利用日", "ご利用先など", "ご利用金額(￥)", "支払区分", "今回回数", "訂正サイン",
             "お支払い金額(￥)", "国内／海外", "摘要", "備考"]]
    for t in txns:
        where = "海外" if t.fx else "国内"
        rows.append([holder, f"≪ショッピング取組（{where}）≫", f" {t.date:%Y/%m/%d}", t.description, comma(t.amount), "１回", "",
                     "", comma(t.amount), where, "", ""])
    return Sample("jcb.csv", "jcb", csv_bytes(rows, encoding="cp932", newline="\r\n", quote_all=True), txns)


def aeon_sample() -> Sample:
    y, m = 2026, 7
    txns = by_date(
        jp_everyday(y, m, [(1, "イオンスタイル", 3280), (4, "ミニストップ", 356), (8, "イオンシネマ", 1800),
                           (12, "ウエルシア", 2145), (18, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 4380), (29, "関西電力", 7344)])
        + legit_subs_jp(y, m)
        + scam_cluster(y, m, 22)
        + [Txn(d(y, m, 15), "イオンスタイル", -1280, kind="refund")]
    )
    total = int(sum(t.amount for t in txns))
    rows = [["ご利用カード", "イオンカードセレクト", "", "", "", "", "", "", ""],
            ["今回ご請求金額", str(total), "", "", "", "", "", "", ""],
            ["お支払い日", "2026年 9月 2日", "", "", "", "", "", "", ""],
            ["ご利用明細", "", "", "", "", "", "", "", ""],
            ["ご利用日", "利用者区分", "ご利用先", "支払方法", "", "", "ご利用金額", "備考", ""]]
    for t in txns:
        note = "ヘンピン" if t.amount < 0 else ""
        rows.append([t.date.strftime("%y%m%d"), "本人", t.description, "１回", "", "", str(int(t.amount)), note, ""])
    rows += [["分割・ボーナス払い明細", "", "", "", "", "", "", "", ""],
             ["ご利用日", "ご利用先", "支払回数", "ご利用金額", "実質年率", "お支払い総額", "今回ご請求金額", "内手数料", "今回回数"]]
    return Sample("aeon.csv", "aeon", csv_bytes(rows, encoding="cp932", newline="\r\n"), txns)


def paypay_sample() -> Sample:
    y, m = 2026, 10
    txns = by_date(
        jp_everyday(y, m, [(1, "ﾍﾟｲﾍﾟｲ ﾋﾞｯｸﾞｴｰ", 292), (3, "ヤフーショッピング", 4580), (7, "ローソン", 518),
                           (12, "ＬＯＨＡＣＯ", 2376), (20, "ソフトバンク", 6578)])
        + legit_subs_jp(y, m)
        + scam_cluster(y, m, 14)
        + [Txn(d(y, m, 9), "ヤフーショッピング", -4580, kind="refund")]
    )
    rows = [["利用日/キャンセル日", "利用店名・商品名", "利用者", "支払区分", "利用金額", "手数料", "支払総額", "当月支払金額",
             "翌月以降繰越金額", "調整額", "当月お支払日"]]
    for t in txns:
        amt = str(int(t.amount))
        rows.append([f"{t.date.year}/{t.date.month}/{t.date.day}", t.description, "本人*", "1回", amt, "0", amt, amt, "0", "0",
                     "2026/11/27"])
    return Sample("paypay.csv", "paypay", csv_bytes(rows, encoding="utf-8", newline="\r\n", quote_all=True), txns)


# ------------------------------------------------------------------------------------------- US / UK / EU

def us_content(y: int, m: int) -> list[Txn]:
    return [
        Txn(d(y, m, 2), "NETFLIX.COM", 15.49),
        Txn(d(y, m, 4), "APPLE.COM/BILL", 2.99),
        Txn(d(y, m, 6), "WHOLEFDS MKT #10234", 84.12),
        Txn(d(y, m, 9), "MICROSOFT*MICROSOFT 365 P", 9.99),
        Txn(d(y, m, 11), "SHELL OIL 57444", 41.07),
        Txn(d(y, m, 13), "GOOGLE *YouTubePremium", 13.99),
        Txn(d(y, m, 15), "SPOTIFY USA", 11.99),
        Txn(d(y, m, 17), "AMAZON MKTPL*2K4LB7TQ1", 36.58),
        Txn(d(y, m, 19), "NORTON *AP1234567890", 99.99),
        Txn(d(y, m, 21), "TRADER JOE'S #552", 52.30),
        Txn(d(y, m, 23), "FS *PCSHIELDPRO", 29.99),
        Txn(d(y, m, 24), "AMAZON MKTPL*2K4LB7TQ1", -36.58, kind="refund"),
        Txn(d(y, m, 26), "STARBUCKS STORE 08812", 6.45),
    ]


def posted(t: Txn, days: int = 1) -> Txn:
    return replace(t, posted=t.date + dt.timedelta(days=days))


def newest_first(txns: list[Txn]) -> list[Txn]:
    return sorted(txns, key=lambda t: t.date, reverse=True)


def chase_sample() -> Sample:
    y, m = 2026, 5
    txns = [posted(t) for t in us_content(y, m)]
    txns += [posted(Txn(d(y, m, 20), "Payment Thank You-Mobile", -500.00, kind="payment")),
             posted(Txn(d(y, m, 28), "ANNUAL MEMBERSHIP FEE", 95.00, kind="fee"), 0)]
    rows = [["Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"]]
    types = {"charge": "Sale", "refund": "Return", "payment": "Payment", "fee": "Fee"}
    cats = {"charge": "Shopping", "refund": "Shopping", "payment": "", "fee": "Fees & Adjustments"}
    for t in newest_first(txns):
        rows.append([f"{t.date:%m/%d/%Y}", f"{t.posted:%m/%d/%Y}", t.description, cats[t.kind], types[t.kind],
                     f"{-t.amount:.2f}", ""])
    return Sample("chase.csv", "chase", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def amex_sample() -> Sample:
    y, m = 2026, 6
    txns = [*us_content(y, m), Txn(d(y, m, 18), "AUTOPAY PAYMENT - THANK YOU", -650.0, kind="payment")]
    rows = [["Date", "Description", "Card Member", "Account #", "Amount", "Extended Details", "Appears On Your Statement As",
             "Address", "City/State", "Zip Code", "Country", "Reference", "Category"]]
    for i, t in enumerate(newest_first(txns)):
        details = f"{t.description}\n{t.description[:12]}\nNO PHONE NUMBER" if t.amount > 0 else ""
        rows.append([f"{t.date:%m/%d/%Y}", t.description, "JANE DOE", "-41006", f"{t.amount:.2f}", details, t.description,
                     "", "", "", "UNITED STATES", f"'3202615{i:011d}'", "Merchandise & Supplies-General Retail"])
    return Sample("amex.csv", "amex", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def capital_one_sample() -> Sample:
    y, m = 2026, 7
    txns = [posted(t) for t in us_content(y, m)]
    txns += [posted(Txn(d(y, m, 22), "CAPITAL ONE AUTOPAY PYMT", -400.00, kind="payment"), 0)]
    rows = [["Transaction Date", "Posted Date", "Card No.", "Description", "Category", "Debit", "Credit"]]
    for t in newest_first(txns):
        debit, credit = (f"{t.amount:.2f}", "") if t.amount > 0 else ("", f"{-t.amount:.2f}")
        cat = "Payment/Credit" if t.amount < 0 else "Merchandise"
        rows.append([t.date.isoformat(), t.posted.isoformat(), "1234", t.description, cat, debit, credit])
    return Sample("capital_one.csv", "capital_one", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def citi_sample() -> Sample:
    y, m = 2026, 8
    txns = [*us_content(y, m), Txn(d(y, m, 25), "AUTOPAY 260825 AUTO-PMT", -300.0, kind="payment"), Txn(d(y, m, 28), "UBER   *TRIP", 18.4, status="Pending")]
    rows = [["Status", "Date", "Description", "Debit", "Credit", "Member Name"]]
    for t in newest_first(txns):
        debit, credit = (f"{t.amount:.2f}", "") if t.amount > 0 else ("", f"{t.amount:.2f}")
        status = "Pending" if t.status == "Pending" else "Cleared"
        rows.append([status, f"{t.date:%m/%d/%Y}", t.description, debit, credit, "JANE DOE"])
    return Sample("citi.csv", "citi", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def discover_sample() -> Sample:
    y, m = 2026, 9
    txns = [posted(t) for t in us_content(y, m)]
    txns += [posted(Txn(d(y, m, 12), "INTERNET PAYMENT - THANK YOU", -250.00, kind="payment"), 0)]
    rows = [["Trans. Date", "Post Date", "Description", "Amount", "Category"]]
    for t in sorted(txns, key=lambda t: t.date):
        cat = "Payments and Credits" if t.amount < 0 else "Merchandise"
        rows.append([f"{t.date:%m/%d/%Y}", f"{t.posted:%m/%d/%Y}", t.description, f"{t.amount:.2f}", cat])
    return Sample("discover.csv", "discover", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def bank_of_america_sample() -> Sample:
    y, m = 2026, 10
    # Bank of America prints only the posted date: the truth here is the posted date.
    txns = [*us_content(y, m), Txn(d(y, m, 16), "PAYMENT - THANK YOU", -450.0, kind="payment")]
    rows = [["Posted Date", "Reference Number", "Payee", "Address", "Amount"]]
    for i, t in enumerate(newest_first(txns)):
        ref = "" if t.kind == "payment" else f"2469216{t.date:%m%d}{i:012d}"
        addr = "" if t.kind == "payment" else "866-555-0100 CA"
        rows.append([f"{t.date:%m/%d/%Y}", ref, t.description, addr, f"{-t.amount:.2f}"])
    return Sample("bank_of_america.csv", "bank_of_america", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def uk_content(y: int, m: int) -> list[Txn]:
    return [
        Txn(d(y, m, 2), "NETFLIX.COM", 10.99),
        Txn(d(y, m, 3), "TESCO STORES 3121", 46.20),
        Txn(d(y, m, 5), "APPLE.COM/BILL", 2.99),
        Txn(d(y, m, 8), "MSBILL.INFO", 5.99),
        Txn(d(y, m, 10), "TFL TRAVEL CH", 14.80),
        Txn(d(y, m, 12), "GOOGLE *YouTubePremium", 12.99),
        Txn(d(y, m, 14), "SPOTIFY", 11.99),
        Txn(d(y, m, 16), "MCAFEE.COM", 69.99),
        Txn(d(y, m, 18), "PRET A MANGER", 7.45),
        Txn(d(y, m, 21), "AMAZON.CO.UK*RT5YH7UP4", 23.99),
        Txn(d(y, m, 22), "AMAZON.CO.UK*RT5YH7UP4", -23.99, kind="refund"),
        Txn(d(y, m, 25), "SAINSBURYS S/MKTS", 31.62),
    ]


def barclaycard_sample() -> Sample:
    y, m = 2026, 5
    txns = [*uk_content(y, m), Txn(d(y, m, 15), "PAYMENT, THANK YOU", -300.0, kind="payment")]
    rows = []
    for t in newest_first(txns):
        credit, debit = ("", f"{t.amount:.2f}") if t.amount > 0 else (f"{-t.amount:.2f}", "")
        cat = "Payment" if t.kind == "payment" else "Shopping"
        rows.append([f"{t.date.day} {t.date:%b %y}", t.description, "MS J DOE", "************1234", cat, credit, debit])
    return Sample("barclaycard.csv", "barclaycard", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


def monzo_sample() -> Sample:
    y, m = 2026, 6
    txns = uk_content(y, m)
    txns += [
        Txn(d(y, m, 19), "FS *PCSHIELDPRO", 23.68, fx=(29.99, "USD", 0.7896)),
        Txn(d(y, m, 26), "Faster payment from J DOE", -200.00, kind="payment"),
    ]
    rows = [["Transaction ID", "Date", "Time", "Type", "Name", "Emoji", "Category", "Amount", "Currency", "Local amount",
             "Local currency", "Notes and #tags", "Address", "Receipt", "Description", "Category split", "Money Out",
             "Money In"]]
    for i, t in enumerate(sorted(txns, key=lambda t: t.date)):
        amount = f"{-t.amount:.2f}"
        local, cur = (f"{-t.fx[0]:.2f}", t.fx[1]) if t.fx else (amount, "GBP")
        typ = "Faster payment" if t.kind == "payment" else "Card payment"
        name = t.description.split("*")[-1].split(".")[0].title()
        out, inn = (amount, "") if t.amount > 0 else ("", f"{-t.amount:.2f}")
        rows.append([f"tx_0000B{i:02d}FicTioNaL{i:04d}", f"{t.date:%d/%m/%Y}", f"{8 + i % 12:02d}:{i * 7 % 60:02d}:00", typ,
                     name, "", "General", amount, "GBP", local, cur, "", "", "", t.description, "", out, inn])
    return Sample("monzo.csv", "monzo", csv_bytes(rows, encoding="utf-8", newline="\n"), txns, carries_fx=True,
                  carries_rate=False)


def revolut_sample() -> Sample:
    y, m = 2026, 7
    txns = [replace(t, fx=None) for t in uk_content(y, m)]
    txns += [
        Txn(d(y, m, 1), "Top-up by *1234", -500.00, kind="payment"),
        Txn(d(y, m, 9), "PAYPAL *TECHFIXDESK", 49.99, status="DECLINED"),
        Txn(d(y, m, 20), "2CO.COM*OPTIMIZERPLUS", 39.95, status="REVERTED"),
        Txn(d(y, m, 28), "Lidl", 18.34, status="PENDING"),
    ]
    txns = sorted(txns, key=lambda t: t.date)
    rows = [["Type", "Product", "Started Date", "Completed Date", "Description", "Amount", "Fee", "Currency", "State", "Balance"]]
    balance = Decimal("120.00")
    for i, t in enumerate(txns):
        start = dt.datetime.combine(t.date, dt.time(9 + i % 10, i * 7 % 60, i * 13 % 60))
        typ = {"payment": "TOPUP", "refund": "CARD_REFUND"}.get(t.kind, "CARD_PAYMENT")
        amount = Decimal(f"{-t.amount:.2f}")
        if t.status == "COMPLETED":
            balance += amount
            done, bal = (start + dt.timedelta(hours=20)).strftime("%Y-%m-%d %H:%M:%S"), f"{balance:.2f}"
        else:
            done, bal = "", ""
        rows.append([typ, "Current", start.strftime("%Y-%m-%d %H:%M:%S"), done, t.description, f"{amount:.2f}", "0.00", "EUR",
                     t.status, bal])
    return Sample("revolut.csv", "revolut", csv_bytes(rows, encoding="utf-8", newline="\n"), txns)


# ----------------------------------------------------------------------------------------------- demo sets

def client_a_month(m: int) -> list[Txn]:
    """Client A (fictional, Rakuten): scam subscriptions from 12 May recur monthly with yen drift."""
    y = 2026
    txns = jp_everyday(y, m, [(1, "楽天ＳＰ　すき家", 980 + 10 * m), (6, "ライフ", 3100 + 37 * m), (10, "東京電力エナジーパートナー", 7400 + 211 * m),
                              (27, "ＮＴＴドコモ", 6980)])
    txns += legit_subs_jp(y, m)
    if m == 7:
        txns.append(Txn(d(y, 7, 2), "MICROSOFT*MICROSOFT 365 ANNUAL", 14900))  # annual plan renewal
    if m == 5:
        txns += [Txn(d(y, 5, 12), "KMJ*TECHFIX SUPPORT", 69800), fx_charge(d(y, 5, 15), "RESTORO.COM", 29.95, "USD", USD[5])]
    txns += [fx_charge(d(y, m, 12), "FS *PCSHIELDPRO", 29.99, "USD", USD[m]),
             fx_charge(d(y, m, 13), "2CO.COM*OPTIMIZERPLUS", 39.95, "EUR", EUR[m])]
    if m <= 9:
        txns.append(fx_charge(d(y, m, 14), "PAYPAL *TECHFIXDESK", 49.99, "USD", USD[m]))
    if m == 10:  # the client complained: the September TECHFIXDESK charge came back
        txns.append(Txn(d(y, 10, 18), "PAYPAL *TECHFIXDESK", -float(yen(49.99, USD[9])), kind="refund"))
    return by_date(txns)


def client_b_month(m: int) -> list[Txn]:
    """Client B (fictional, Saison): a EUR support subscription billed through a reseller from August."""
    y = 2026
    txns = jp_everyday(y, m, [(3, "西友", 2870 + 45 * m), (9, "ツルハドラッグ", 1640), (21, "東北電力", 6200 + 150 * m)])
    txns += [Txn(d(y, m, 5), "NETFLIX.COM", 890), Txn(d(y, m, 16), "APPLE.COM/BILL", 130)]
    if m == 8:
        txns.append(Txn(d(y, 8, 28), "PAYPAL *PCHELPLINE", 39800))
    txns.append(fx_charge(d(y, m, 28 if m == 8 else 27), "PADDLE.NET* SYSCAREPLUS", 24.90, "EUR", EUR[m]))
    return by_date(txns)


def demo_samples() -> list[Sample]:
    out = []
    for m in range(5, 11):
        txns = client_a_month(m)
        out.append(Sample(f"demo/client_a/rakuten_2026-{m:02d}.csv", "rakuten", write_rakuten(txns, m + 1), txns, carries_fx=True))
    for m in range(8, 11):
        txns = client_b_month(m)
        rows = saison_rows(txns, "セゾンカードインターナショナル", d(2026, m + 2 if m < 11 else 1, 4), "タナカ　タロウ")
        out.append(Sample(f"demo/client_b/saison_2026-{m:02d}.csv", "saison", csv_bytes(rows, encoding="cp932", newline="\r\n"),
                          txns))
    return out


BUILDERS: list[Callable[[], Sample]] = [
    rakuten_sample, vpass_sample, view_sample, saison_sample, epos_sample, jcb_sample, aeon_sample, paypay_sample,
    chase_sample, amex_sample, capital_one_sample, citi_sample, discover_sample, bank_of_america_sample,
    barclaycard_sample, monzo_sample, revolut_sample,
]


def build_all() -> list[Sample]:
    """Every sample (single statements first, then the demo sets), rendered in memory."""
    return [b() for b in BUILDERS] + demo_samples()


def printed(text: str) -> str:
    """A description as the reader returns it: as printed, spacing kept; line breaks and tabs become
    spaces and the ends are trimmed (no other change)."""
    return re.sub(r"[\t\r\n]", " ", unicodedata.normalize("NFC", text)).strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report files that differ from what would be written")
    args = ap.parse_args(argv)
    stale = []
    for s in build_all():
        path = OUT / s.path
        if args.check:
            if not path.exists() or path.read_bytes() != s.data:
                stale.append(s.path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(s.data)
        print(f"wrote {path.relative_to(ROOT)} ({len(s.data)} bytes, {len(s.txns)} transactions)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
