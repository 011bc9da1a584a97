#!/usr/bin/env python3
# ruff: noqa: E501
"""Deterministic generator of the Japanese final hold-out set (jpf-001 ...).

Standard library only, fixed seed.  Run from anywhere:

    python3 make_jp_final.py

It rewrites cases/ and labels.csv next to this file.  Every case is one
fictional person; every file is one monthly statement of one Japanese card
issuer, written in that issuer's CSV download layout and encoding.

Written by a helper that never read the project's code, tests or the other
Japanese set.  Scam operators are fictional; real brands appear only as
(a) genuine billing by that brand (brand_legit=1) or (b) the imitation words
inside a fictional scam operator's descriptor, as the public notices describe
("マイクロソフトサポート", "ウィンドウズのサポート" ... are names the
scammers call themselves; the real companies are unrelated).
"""
from __future__ import annotations

import calendar
import csv
import io
import random
import shutil
import unicodedata
from datetime import date, timedelta
from pathlib import Path

SEED = 20250928
OUT = Path(__file__).resolve().parent
CASES_DIR = OUT / "cases"

# --------------------------------------------------------------------------------------
# issuers: closing day of the month (31 = month end), nominal payment day, encoding, how
# the issuer tends to print merchant names ("raw" = as received, "fw" = full-width)
# --------------------------------------------------------------------------------------
ISSUERS = {
    "rakuten": dict(close=31, payday=27, enc="utf-8-sig", style="raw"),
    "smbc": dict(close=15, payday=10, enc="cp932", style="fw"),
    "jcb": dict(close=15, payday=10, enc="cp932", style="fw"),
    "saison": dict(close=10, payday=4, enc="cp932", style="raw"),
    "epos": dict(close=27, payday=27, enc="cp932", style="fw"),
    "aeon": dict(close=10, payday=2, enc="cp932", style="fw"),
    "view": dict(close=5, payday=4, enc="cp932", style="fw"),
    "paypay": dict(close=31, payday=27, enc="utf-8-sig", style="raw"),
}

# monthly average USD/JPY (rounded, public market levels); card rate adds ~2% fee
USDJPY = {
    (2023, 4): 133.4, (2023, 5): 137.1, (2023, 6): 141.2, (2023, 7): 141.3, (2023, 8): 144.8,
    (2023, 9): 147.7, (2023, 10): 149.6, (2023, 11): 149.8, (2023, 12): 144.2,
    (2024, 1): 146.3, (2024, 2): 149.6, (2024, 3): 149.8, (2024, 4): 153.6, (2024, 5): 155.9,
    (2024, 6): 157.9, (2024, 7): 157.5, (2024, 8): 146.3, (2024, 9): 143.0, (2024, 10): 149.8,
    (2024, 11): 153.7, (2024, 12): 153.8, (2025, 1): 156.5, (2025, 2): 151.9, (2025, 3): 149.1,
    (2025, 4): 144.2, (2025, 5): 144.9, (2025, 6): 144.6, (2025, 7): 146.9, (2025, 8): 147.4,
    (2025, 9): 147.8, (2025, 10): 150.5,
}
CROSS = {"USD": 1.0, "EUR": 1.085, "GBP": 1.268, "SGD": 0.742}


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def mdays(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def close_date(issuer: str, y: int, m: int) -> date:
    return date(y, m, min(ISSUERS[issuer]["close"], mdays(y, m)))


def window(issuer: str, py: int, pm: int) -> tuple[date, date]:
    """Use-date window of the statement paid in (py, pm)."""
    a = add_months(py, pm, -2)
    b = add_months(py, pm, -1)
    return close_date(issuer, *a) + timedelta(days=1), close_date(issuer, *b)


def payday(issuer: str, py: int, pm: int) -> date:
    d = date(py, pm, ISSUERS[issuer]["payday"])
    while d.weekday() >= 5:  # weekend -> next business day
        d += timedelta(days=1)
    return d


# --------------------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------------------
def fw(s: str) -> str:
    """Full-width rendering as printed by issuers that use zenkaku names."""
    s = unicodedata.normalize("NFKC", s)
    out = []
    for c in s:
        if c == " ":
            out.append("\u3000")
        elif "!" <= c <= "~":
            out.append(chr(ord(c) + 0xFEE0))
        else:
            out.append(c)
    return "".join(out)


def fwdigits(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def comma(n: int) -> str:
    return f"{n:,}"


# --------------------------------------------------------------------------------------
# everyday merchants: (name, category, lo, hi, brand_legit)
# --------------------------------------------------------------------------------------
EVERYDAY = {
    "konbini": ([
        "セブン－イレブン", "ファミリーマート", "ローソン", "ﾐﾆｽﾄｯﾌﾟ", "ﾃﾞｲﾘｰﾔﾏｻﾞｷ", "ローソンストア100",
    ], 120, 1800),
    "super": ([
        "イトーヨーカドー", "イオンリテール", "ライフ", "マルエツ", "サミットストア", "西友", "オーケー",
        "ヤオコー", "ﾍﾞｲｼｱ", "いなげや", "東急ストア", "業務スーパー",
    ], 600, 9800),
    "drug": ([
        "マツモトキヨシ", "ウエルシア", "スギ薬局", "ツルハドラッグ", "ｻﾝﾄﾞﾗｯｸﾞ", "ココカラファイン",
    ], 280, 5200),
    "food": ([
        "サイゼリヤ", "ガスト", "スシロー", "くら寿司", "吉野家", "すき家", "マクドナルド", "スターバックス",
        "ドトールコーヒー", "コメダ珈琲店", "丸亀製麺", "ﾐｽﾀｰﾄﾞｰﾅﾂ", "大戸屋", "バーミヤン", "モスバーガー",
        "やよい軒", "ケンタッキーフライドチキン",
    ], 380, 6800),
    "fuel": (["ENEOS", "出光", "コスモ石油", "ｱﾎﾟﾛｽﾃｰｼｮﾝ"], 2600, 8400),
    "transit": (["モバイルSuica", "JR東日本 えきねっと"], 1000, 14000),
    "shop": ([
        "ユニクロ", "ニトリ", "ダイソー", "無印良品", "しまむら", "カインズ", "コーナン", "紀伊國屋書店",
        "TSUTAYA", "ABCマート", "ZOZOTOWN", "楽天市場", "Yahoo!ショッピング", "GU", "ロフト",
    ], 400, 15000),
    "amazon": (["AMAZON.CO.JP", "AMAZON DOWNLOADS"], 99, 12000),
    "electronics": (["ヨドバシカメラ", "ビックカメラ", "ケーズデンキ"], 800, 26000),
    "medical": (["ｱｲﾝ薬局", "日本調剤", "クオール薬局"], 400, 3600),
    "taxi": (["日本交通 タクシー", "東京無線タクシー", "ｴﾑｹｰﾀｸｼｰ"], 900, 4600),
    "leisure": (["TOHOシネマズ", "イオンシネマ", "ラウンドワン"], 1200, 4800),
    "dept": (["高島屋", "三越", "大丸", "伊勢丹"], 2000, 32000),
}
LEGIT_EVERYDAY = {"AMAZON.CO.JP", "AMAZON DOWNLOADS", "ヨドバシカメラ", "ビックカメラ", "ケーズデンキ"}

PERSONAS = {
    "elderly": dict(super=30, konbini=12, drug=14, medical=7, food=10, shop=7, amazon=5, taxi=5,
                    fuel=4, dept=3, electronics=2),
    "family": dict(super=32, konbini=10, drug=10, food=14, shop=12, amazon=10, fuel=6, leisure=3,
                   electronics=2, transit=3),
    "single": dict(konbini=22, food=18, super=10, drug=8, shop=10, amazon=12, transit=12, leisure=4,
                   electronics=2),
    "commuter": dict(transit=20, konbini=18, food=18, super=10, drug=6, shop=8, amazon=10,
                     electronics=2, dept=2),
    "couple": dict(super=26, konbini=12, drug=10, food=16, shop=10, amazon=9, fuel=5, dept=4,
                   leisure=3, medical=3, electronics=2),
}


# per-merchant ranges where the category range would be unrealistic
MERCHANT_RANGE = {
    **{n: (380, 2400) for n in ("吉野家", "すき家", "マクドナルド", "スターバックス", "ドトールコーヒー", "丸亀製麺",
                                 "ﾐｽﾀｰﾄﾞｰﾅﾂ", "モスバーガー", "やよい軒", "ケンタッキーフライドチキン")},
    **{n: (600, 4800) for n in ("サイゼリヤ", "ガスト", "バーミヤン", "大戸屋", "コメダ珈琲店")},
    **{n: (1200, 6800) for n in ("スシロー", "くら寿司")},
    "AMAZON DOWNLOADS": (99, 2200),
    "ダイソー": (110, 2400),
    "ローソンストア100": (108, 1600),
    "GU": (990, 6900),
    "ZOZOTOWN": (2900, 14800),
}


def everyday_amount(rng: random.Random, cat: str, name: str) -> int:
    lo, hi = MERCHANT_RANGE.get(name, (EVERYDAY[cat][1], EVERYDAY[cat][2]))
    if cat == "transit" and name != "JR東日本 えきねっと":
        return rng.choice([1000, 2000, 3000, 3000, 5000])
    if cat == "transit":
        return rng.choice([2640, 3740, 4840, 6470, 8910, 13850])
    # skewed towards low values
    x = lo + (hi - lo) * (rng.random() ** 2.2)
    v = int(x)
    if cat in ("food", "leisure", "taxi", "dept"):
        v = int(round(v, -1))
    if cat == "konbini" and rng.random() < 0.3:
        v = int(round(v, -1)) + rng.choice([0, 8, 4])
    return max(v, 60)


# --------------------------------------------------------------------------------------
# building blocks for case specs
# --------------------------------------------------------------------------------------
def S(name, amt, day, period="M", first=None, last=None, legit=0, scam=0, note="",
      fx=None, fixed=False, user="本人", key=None, anchor=None):
    """A recurring contract (subscription, bill, recurring scam plan)."""
    return dict(kind="stream", name=name, amt=amt, day=day, period=period, first=first,
                last=last, legit=legit, scam=scam, note=note, fx=fx, fixed=fixed, user=user,
                key=key or name, anchor=anchor)


def E(d, name, amt=None, scam=0, legit=0, stream=None, note="", fx=None, fixed=False,
      inst=None, user="本人"):
    """An explicit charge (or refund when amt / fx local amount is negative)."""
    return dict(kind="event", d=d, name=name, amt=amt, scam=scam, legit=legit, stream=stream,
                note=note, fx=fx, fixed=fixed, inst=inst, user=user)


D = date

# common bills -----------------------------------------------------------------------
def power(name="東京電力エナジーパートナー", day=14, lo=5200, hi=13800):
    return S(name, (lo, hi), day, note="electricity bill")


def gas(name="東京ガス", day=9, lo=2900, hi=8800):
    return S(name, (lo, hi), day, note="gas bill")


def water(name="東京都水道局", day=20, anchor_month=1):
    return S(name, (4800, 7600), day, period="2M", anchor=anchor_month, note="water bill (every 2 months)")


def nhk(day=27, anchor_month=1, amt=2200):
    return S("ＮＨＫ放送受信料", amt, day, period="2M", anchor=anchor_month,
             note="NHK licence fee (2-month billing)")


def mobile(name, lo, hi, day=10):
    return S(name, (lo, hi), day, note="mobile phone bill")


def isp(name, amt, day=5, note="internet provider bill"):
    return S(name, amt, day, note=note)


# --------------------------------------------------------------------------------------
# the cases (order here is not the id order: ids are assigned after a seeded shuffle)
# --------------------------------------------------------------------------------------
def case_specs() -> list[dict]:
    C = []
    # ---------------------------------------------------------------- scam cases
    C.append(dict(
        issuer="rakuten", pays=[(2024, 3), (2024, 4), (2024, 5), (2024, 6)], holder="佐藤　一郎",
        persona="elderly", rows=(22, 32), bucket="fake-brand-hwkana-monthly",
        items=[
            power(day=16), nhk(day=27, anchor_month=2), mobile("ＮＴＴドコモ", 4800, 6900, 10),
            S("読売新聞", 4400, 25, note="newspaper subscription"),
            S("MICROSOFT*MICROSOFT 365", 12984, 8, period="Y", anchor=(4, 8), legit=1,
              note="genuine Microsoft 365 Personal annual renewal"),
            E(D(2024, 2, 19), "ﾏｲｸﾛｿﾌﾄ ｻﾎﾟｰﾄｾﾝﾀｰ", 29800, scam=1, fixed=True,
              note="scam: 'virus removal / initial diagnosis' fee after fake Microsoft warning, remote control"),
            S("ﾏｲｸﾛｿﾌﾄ ｻﾎﾟｰﾄｾﾝﾀｰ", 5980, 19, first=D(2024, 3, 1), scam=1, fixed=True,
              key="scam-monthly",
              note="scam: monthly 'remote support' plan sold in the same call"),
        ]))
    C.append(dict(
        issuer="smbc", pays=[(2024, 8), (2024, 9), (2024, 10)], holder="鈴木　和子",
        persona="elderly", rows=(24, 36), bucket="fake-brand-latin-abroad-multiyear",
        items=[
            power("関西電力", 18), gas("大阪ガス", 8), mobile("ａｕ通信料", 5100, 7300, 12),
            S("APPLE COM BILL", 130, 21, legit=1, note="genuine iCloud+ 50GB"),
            S("アフラック生命保険", 4620, 27, note="insurance premium"),
            E(D(2024, 7, 3), "MS WINDOWS SECURITY HELPDESK", fx=("USD", 499.99, "USA"), scam=1,
              fixed=True, stream="scam-5y",
              note="scam: '5-year security support' plan, billed from abroad after fake Windows Defender alert"),
            E(D(2024, 7, 5), "MS WINDOWS SECURITY HELPDESK", fx=("USD", 299.99, "USA"), scam=1,
              fixed=True, note="scam: extra 'firewall repair' fee two days later (one-off)"),
        ]))
    C.append(dict(
        issuer="jcb", pays=[(2023, 11), (2023, 12)], holder="高橋　正夫", persona="elderly",
        rows=(24, 34), bucket="fake-brand-fwkana-multiyear-installments",
        items=[
            power("東北電力", 20), mobile("ＮＴＴドコモ", 5200, 6100, 10), nhk(anchor_month=9),
            S("ノートンストア", 7380, 20, period="Y", anchor=(10, 20), legit=1,
              note="genuine Norton 360 annual renewal"),
            E(D(2023, 10, 2), "ウインドウズ　セキュリティ　サポート", 69800, scam=1, fixed=True,
              inst=6, stream="scam-5y",
              note="scam: '5-year PC security support' contract, paid in 6 instalments"),
        ]))
    C.append(dict(
        issuer="saison", pays=[(2024, 11), (2024, 12), (2025, 1)], holder="伊藤　節子",
        persona="elderly", rows=(22, 34), bucket="giftcards-amazon",
        items=[
            power(day=15), gas(day=10), mobile("ソフトバンクM", 4300, 5200, 6),
            S("Amazonプライム会費", 600, 3, legit=1, note="genuine Amazon Prime monthly"),
            E(D(2024, 10, 15), "AMAZON.CO.JP", 50000, scam=1, legit=1,
              note="scam: Amazon gift card (e-mail type) bought and code read to the fake support operator"),
            E(D(2024, 10, 15), "AMAZON.CO.JP", 50000, scam=1, legit=1,
              note="scam: second gift card, operator said the first code 'failed'"),
            E(D(2024, 10, 16), "AMAZON.CO.JP", 50000, scam=1, legit=1,
              note="scam: third gift card next morning, 'code entry error' again"),
            E(D(2024, 10, 16), "AMAZON.CO.JP", 30000, scam=1, legit=1,
              note="scam: fourth gift card for 'refund processing'"),
        ]))
    C.append(dict(
        issuer="epos", pays=[(2025, 3), (2025, 4)], holder="渡辺　浩", persona="couple",
        rows=(30, 44), bucket="neutral-abroad-plan-plus-monthly",
        items=[
            power("中部電力ミライズ", 13), gas("東邦ガス", 7), mobile("楽天モバイル通信料", 1078, 3278, 25),
            S("GOOGLE *YouTubePremium", 1280, 17, legit=1, note="genuine YouTube Premium"),
            E(D(2025, 2, 6), "TRIXELON SUPPORT LLC", fx=("USD", 349.00, "USA"), scam=1, fixed=True,
              stream="scam-1y",
              note="scam: 1-year 'PC protection' plan sold by phone after fake virus warning; neutral IT name, billed abroad"),
            S("TRIXELON SUPPORT LLC", None, 8, first=D(2025, 2, 8), scam=1, fixed=True,
              fx=("USD", 39.99, "USA"), key="scam-monthly",
              note="scam: monthly 'premium monitoring' add-on from the same operator"),
        ]))
    C.append(dict(
        issuer="aeon", pays=[(2024, 2), (2024, 3), (2024, 4)], holder="山本　美代子",
        persona="elderly", rows=(22, 32), bucket="fake-brand-kana-two-plans",
        items=[
            power(day=12), water(anchor_month=1), mobile("ＮＴＴドコモ", 3900, 4700, 10),
            nhk(anchor_month=12),
            E(D(2023, 12, 20), "マイクロソフト　サポート　デスク", 24800, scam=1, fixed=True,
              stream="scam-1y", note="scam: 'annual virus protection' plan, fake Microsoft support"),
            S("マイクロソフト　サポート　デスク", 3980, 20, first=D(2023, 12, 20), scam=1, fixed=True,
              key="scam-monthly", note="scam: monthly remote-support plan signed in the same call"),
        ]))
    C.append(dict(
        issuer="view", pays=[(2024, 6), (2024, 7)], holder="中村　健一", persona="commuter",
        rows=(34, 52), bucket="payment-agent-monthly-abroad",
        items=[
            mobile("ソフトバンクM", 6800, 8900, 8), power(day=18),
            S("NETFLIX.COM", 1490, 11, note="Netflix standard"),
            E(D(2024, 4, 22), "PAYPAL *FIXWAVO", fx=("USD", 199.00, "USA"), scam=1, fixed=True,
              stream="scam-monthly", note="scam: 'technician subscription' via PayPal after pop-up warning"),
            E(D(2024, 5, 22), "PAYPAL *FIXWAVO", fx=("USD", 199.00, "USA"), scam=1, fixed=True,
              stream="scam-monthly", note="scam: monthly renewal of the same plan"),
        ]))
    C.append(dict(
        issuer="paypay", pays=[(2025, 6), (2025, 7), (2025, 8)], holder="小林　トシ子",
        persona="elderly", rows=(22, 30), bucket="domestic-neutral-monthly",
        items=[
            mobile("ソフトバンクM", 3300, 4100, 6), power("中国電力", 15),
            S("Yahoo!プレミアム", 508, 1, note="LYPプレミアム membership"),
            S("パソコン遠隔サポートセンター", 9800, 12, first=D(2025, 5, 1), scam=1, fixed=True,
              key="scam-monthly",
              note="scam: monthly 'PC remote support' after fake warning with alarm sound and phone number"),
        ]))
    C.append(dict(
        issuer="rakuten", pays=[(2023, 8), (2023, 9), (2023, 10)], holder="加藤　勝",
        persona="couple", rows=(28, 42), bucket="refund-after-cancel-abroad",
        items=[
            power(day=13), gas(day=9), mobile("楽天モバイル通信料", 3278, 3278, 25),
            S("GOOGLE *Google One", 250, 4, legit=1, note="genuine Google One 100GB"),
            S("GOOGLE *YouTubePremium", 1180, 22, legit=1, note="genuine YouTube Premium"),
            E(D(2023, 7, 14), "ORBANTIQ SOLUTIONS PTE", fx=("SGD", 780.00, "SGP"), scam=1,
              fixed=True, stream="scam-3y",
              note="scam: '3-year support' plan billed from Singapore after fake security warning"),
            E(D(2023, 8, 24), "ORBANTIQ SOLUTIONS PTE", fx=("SGD", -780.00, "SGP"), scam=1,
              fixed=True, stream="scam-3y",
              note="refund of the scam plan after cancellation request in English (CCJ template)"),
        ]))
    C.append(dict(
        issuer="smbc", pays=[(2025, 1), (2025, 2), (2025, 3), (2025, 4)], holder="吉田　幸子",
        persona="elderly", rows=(22, 34), bucket="multi-contract-abroad-and-domestic",
        items=[
            power(day=17), gas(day=11), mobile("ＮＴＴドコモ", 4100, 5300, 10),
            S("Amazonプライム会費", 600, 9, legit=1, note="genuine Amazon Prime monthly"),
            E(D(2024, 12, 3), "KRONVELL TECH LTD", fx=("GBP", 249.00, "GBR"), scam=1, fixed=True,
              stream="scam-lifetime", note="scam: 'lifetime protection' plan (contract 1 of 3, same call)"),
            E(D(2024, 12, 3), "HALVEXIA CLOUD CARE", fx=("USD", 199.00, "HKG"), scam=1, fixed=True,
              stream="scam-1y", note="scam: 'annual cloud backup & security' (contract 2 of 3)"),
            E(D(2024, 12, 3), "ﾘﾓｰﾄｻﾎﾟｰﾄ ﾃﾞｽｸ", 49800, scam=1, fixed=True, stream="scam-2y",
              note="scam: '2-year remote support' (contract 3 of 3), domestic payment agent"),
            S("HALVEXIA CLOUD CARE", None, 3, first=D(2025, 1, 1), scam=1, fixed=True,
              fx=("USD", 24.99, "HKG"), key="scam-monthly",
              note="scam: monthly add-on started by the second operator"),
        ]))
    C.append(dict(
        issuer="jcb", pays=[(2024, 10), (2024, 11), (2024, 12)], holder="山田　恵子",
        persona="couple", rows=(28, 40), bucket="fake-brand-apple-fw-latin",
        items=[
            power(day=14), gas(day=8), mobile("ａｕ通信料", 6200, 7600, 12),
            S("APPLE COM BILL", 400, 5, legit=1, note="genuine iCloud+ 200GB"),
            S("APPLE COM BILL", 1080, 14, legit=1, key="apple-music", note="genuine Apple Music"),
            E(D(2024, 9, 9), "ＡＰＰＬＥ　ＴＥＣＨ　ＳＵＰＰＯＲＴ", 89800, scam=1, fixed=True,
              stream="scam-3y",
              note="scam: '3-year Mac security support' after fake Apple warning on the Mac"),
        ]))
    C.append(dict(
        issuer="saison", pays=[(2023, 12), (2024, 1)], holder="佐々木　茂", persona="elderly",
        rows=(22, 32), bucket="fake-security-vendor-hwkana",
        items=[
            power(day=16), mobile("ＮＴＴドコモ", 5600, 6400, 10), nhk(anchor_month=11),
            E(D(2023, 10, 25), "ノートンストア", 7380, legit=1, stream="norton",
              note="genuine Norton 360 annual renewal"),
            E(D(2023, 11, 6), "ﾉｰﾄﾝ ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ", 45000, scam=1, fixed=True,
              note="scam: 'virus removal' fee, operator imitating Norton after fake 'subscription expired' pop-up"),
            E(D(2023, 11, 6), "ﾉｰﾄﾝ ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ", 32000, scam=1, fixed=True, stream="scam-1y",
              note="scam: 'annual protection' plan sold in the same call"),
        ]))
    C.append(dict(
        issuer="epos", pays=[(2024, 5), (2024, 6), (2024, 7)], holder="松本　和子",
        persona="elderly", rows=(22, 32), bucket="giftcards-vpreca-and-amazon",
        items=[
            power(day=12), mobile("ａｕ通信料", 4200, 5100, 12), water(anchor_month=4),
            E(D(2024, 4, 10), "Ｖプリカ（ライフカード）", 50000, scam=1,
              note="scam: prepaid Vプリカ bought online, card number given to the fake support operator"),
            E(D(2024, 4, 10), "Ｖプリカ（ライフカード）", 50000, scam=1,
              note="scam: second Vプリカ, 'the first one could not be used'"),
            E(D(2024, 4, 11), "Ｖプリカ（ライフカード）", 20000, scam=1, note="scam: third Vプリカ"),
            E(D(2024, 4, 11), "AMAZON.CO.JP", 20000, scam=1, legit=1,
              note="scam: Amazon gift card bought for the same operator"),
        ]))
    C.append(dict(
        issuer="aeon", pays=[(2025, 7), (2025, 8)], holder="井上　勇", persona="elderly",
        rows=(22, 30), bucket="lifetime-oneoff-domestic",
        items=[
            power("九州電力", 15), mobile("ＮＴＴドコモ", 4400, 5000, 10), nhk(anchor_month=5),
            E(D(2025, 6, 2), "パソコン永久保守サービス", 148000, scam=1, fixed=True, stream="scam-lifetime",
              note="scam: 'lifetime PC maintenance' contract after fake warning, remote control"),
        ]))
    C.append(dict(
        issuer="view", pays=[(2023, 9), (2023, 10), (2023, 11)], holder="木村　隆", persona="commuter",
        rows=(32, 50), bucket="fake-brand-latin-monthly-abroad",
        items=[
            mobile("ＮＴＴドコモ", 7100, 8400, 10), power(day=19),
            S("SPOTIFY", 980, 2, note="Spotify premium"),
            S("MICR0SOFT TECH CARE", None, 18, first=D(2023, 7, 1), last=D(2023, 9, 30), scam=1,
              fixed=True, fx=("USD", 79.99, "USA"), key="scam-monthly",
              note="scam: monthly 'Microsoft tech care' imitation (zero instead of O), billed abroad"),
        ]))
    C.append(dict(
        issuer="paypay", pays=[(2024, 1), (2024, 2)], holder="林　京子", persona="elderly",
        rows=(22, 32), bucket="multi-contract-domestic",
        items=[
            mobile("ソフトバンクM", 3800, 4300, 6), power(day=14), gas(day=8),
            E(D(2023, 12, 8), "ＰＣセキュリティ保護センター", 29800, scam=1, fixed=True, stream="scam-1y",
              note="scam: '1-year protection' plan"),
            E(D(2023, 12, 8), "ＰＣセキュリティ保護センター", 49800, scam=1, fixed=True, stream="scam-3y",
              note="scam: second contract the same day, '3-year remote support'"),
            E(D(2023, 12, 15), "ウイルス駆除サポート窓口", 19800, scam=1, fixed=True,
              note="scam: another operator a week later, one-off 'virus removal' fee"),
        ]))
    C.append(dict(
        issuer="rakuten", pays=[(2025, 2), (2025, 3)], holder="清水　博", persona="couple",
        rows=(28, 42), bucket="partial-refund-family-card",
        items=[
            power(day=12), gas(day=7), mobile("楽天モバイル通信料", 1078, 2178, 25),
            S("楽天モバイル通信料", (1078, 1078), 25, key="wife-mobile", user="家族",
              note="family member's mobile line"),
            E(D(2025, 1, 20), "ﾘﾓｰﾄｹｱ ｼﾞｬﾊﾟﾝ", 54000, scam=1, fixed=True, user="家族",
              stream="scam-2y", note="scam: '2-year remote care' plan charged on the wife's family card"),
            E(D(2025, 2, 18), "ﾘﾓｰﾄｹｱ ｼﾞｬﾊﾟﾝ", -27000, scam=1, fixed=True, user="家族",
              stream="scam-2y", note="partial refund (half) after complaint to the consumer centre"),
        ]))
    C.append(dict(
        issuer="smbc", pays=[(2024, 4)], holder="山口　千代", persona="elderly", rows=(24, 32),
        bucket="fake-brand-kana-single-statement",
        items=[
            power(day=14), mobile("ａｕ通信料", 3900, 4500, 12),
            E(D(2024, 3, 1), "マイクロソフト認定サポート", 38500, scam=1, fixed=True, stream="scam-1y",
              note="scam: 'annual certified support' plan after fake Microsoft alert"),
            E(D(2024, 3, 1), "マイクロソフト認定サポート", 16500, scam=1, fixed=True,
              note="scam: one-off 'firewall setup' fee in the same call"),
        ]))
    C.append(dict(
        issuer="jcb", pays=[(2025, 5), (2025, 6), (2025, 7), (2025, 8)], holder="斎藤　清",
        persona="elderly", rows=(22, 32), bucket="long-running-small-monthly",
        items=[
            power(day=15), mobile("ＮＴＴドコモ", 4900, 5600, 10), nhk(anchor_month=4),
            S("MICROSOFT*MICROSOFT 365", 1490, 3, legit=1, note="genuine Microsoft 365 Personal monthly"),
            S("ネットワーク安心サポート", 2980, 28, first=D(2024, 8, 28), last=D(2025, 5, 31), scam=1,
              fixed=True, key="scam-monthly",
              note="scam: small monthly 'network safety support' running since Aug 2024; stops after cancellation"),
        ]))
    C.append(dict(
        issuer="saison", pays=[(2025, 9), (2025, 10), (2025, 11)], holder="森　久美子",
        persona="couple", rows=(28, 40), bucket="payment-agent-abroad",
        items=[
            power(day=13), gas(day=9), mobile("ａｕ通信料", 5800, 6900, 12),
            S("Amazonプライム会費", 600, 19, legit=1, note="genuine Amazon Prime monthly"),
            E(D(2025, 7, 22), "SECUREPAYGW*ZENTRIXO", fx=("EUR", 149.00, "CYP"), scam=1, fixed=True,
              stream="scam-1y", note="scam: 'annual PC optimisation' via a payment gateway, billed from Cyprus"),
            S("SECUREPAYGW*ZENTRIXO", None, 22, first=D(2025, 8, 1), scam=1, fixed=True,
              fx=("EUR", 29.99, "CYP"), key="scam-monthly",
              note="scam: monthly 'live technician' add-on from the same operator"),
        ]))
    C.append(dict(
        issuer="epos", pays=[(2023, 6), (2023, 7)], holder="池田　実", persona="elderly",
        rows=(22, 32), bucket="neutral-fw-latin-oneoff",
        items=[
            power(day=16), mobile("ＮＴＴドコモ", 5200, 5900, 10),
            E(D(2023, 5, 2), "トレンドマイクロ", 5720, legit=1, stream="trend",
              note="genuine ウイルスバスター annual renewal"),
            E(D(2023, 5, 16), "ＰＣ　ＧＵＡＲＤ　ＳＵＰＰＯＲＴ", 44000, scam=1, fixed=True,
              stream="scam-2y", note="scam: '2-year PC guard support' after fake warning"),
        ]))
    C.append(dict(
        issuer="aeon", pays=[(2024, 8), (2024, 9), (2024, 10), (2024, 11)], holder="橋本　幸江",
        persona="elderly", rows=(22, 32), bucket="recovery-scam-second-wave",
        items=[
            power(day=13), mobile("ａｕ通信料", 4300, 4800, 12), water(anchor_month=6),
            E(D(2024, 6, 20), "ウインドウズ保護サービス", 59800, scam=1, fixed=True, stream="scam-3y",
              note="scam: '3-year Windows protection' plan"),
            E(D(2024, 8, 26), "返金手続きサポート窓口", 19800, scam=1, fixed=True,
              note="scam (second wave): 'refund procedure fee' demanded by a caller promising a refund"),
            E(D(2024, 8, 27), "AMAZON.CO.JP", 50000, scam=1, legit=1,
              note="scam (second wave): Amazon gift card bought 'to verify the refund account'"),
        ]))
    C.append(dict(
        issuer="view", pays=[(2025, 1), (2025, 2)], holder="阿部　正", persona="elderly",
        rows=(24, 34), bucket="giftcards-mixed-brands",
        items=[
            mobile("ＮＴＴドコモ", 4700, 5200, 10), power(day=17),
            E(D(2024, 11, 25), "AMAZON.CO.JP", 50000, scam=1, legit=1,
              note="scam: Amazon gift card, code read out over the phone"),
            E(D(2024, 11, 25), "AMAZON.CO.JP", 50000, scam=1, legit=1,
              note="scam: second Amazon gift card the same evening"),
            E(D(2024, 11, 26), "APPLE ONLINE STORE", 30000, scam=1, legit=1,
              note="scam: Apple gift card (e-mail) bought for the same operator"),
        ]))
    C.append(dict(
        issuer="paypay", pays=[(2024, 7), (2024, 8), (2024, 9), (2024, 10)], holder="石川　由美",
        persona="single", rows=(26, 40), bucket="monthly-cancel-refund",
        items=[
            mobile("ソフトバンクM", 2900, 3600, 6), power(day=20),
            S("U-NEXT", 2189, 9, note="U-NEXT video subscription"),
            E(D(2024, 6, 5), "リモートサポート２４", 4400, scam=1, fixed=True, stream="scam-monthly",
              note="scam: monthly remote support after fake warning on laptop"),
            E(D(2024, 7, 5), "リモートサポート２４", 4400, scam=1, fixed=True, stream="scam-monthly",
              note="scam: second month"),
            E(D(2024, 8, 20), "リモートサポート２４", -4400, scam=1, fixed=True, stream="scam-monthly",
              note="cancellation: refund of June charge"),
            E(D(2024, 8, 20), "リモートサポート２４", -4400, scam=1, fixed=True, stream="scam-monthly",
              note="cancellation: refund of July charge"),
        ]))
    C.append(dict(
        issuer="rakuten", pays=[(2024, 12), (2025, 1), (2025, 2)], holder="前田　昭",
        persona="elderly", rows=(22, 34), bucket="neutral-abroad-two-operators",
        items=[
            power(day=14), mobile("楽天モバイル通信料", 3278, 3278, 25), nhk(anchor_month=11),
            E(D(2024, 11, 11), "VELQUORA IT SERVICES", fx=("USD", 599.00, "IND"), scam=1, fixed=True,
              stream="scam-5y", note="scam: '5-year technical support' billed from India"),
            E(D(2024, 11, 12), "NEXVORAH DIGITAL", fx=("EUR", 89.00, "EST"), scam=1, fixed=True,
              note="scam: 'driver update' one-off by a second company the next day"),
        ]))
    C.append(dict(
        issuer="smbc", pays=[(2023, 10), (2023, 11)], holder="藤田　房子", persona="elderly",
        rows=(22, 32), bucket="fake-brand-google-hwkana",
        items=[
            power(day=14), mobile("ソフトバンクM", 4400, 5200, 6),
            S("GOOGLE *Google One", 250, 2, legit=1, note="genuine Google One 100GB"),
            S("GOOGLE *YouTubePremium", 1180, 26, legit=1, note="genuine YouTube Premium"),
            E(D(2023, 9, 14), "ｸﾞｰｸﾞﾙ ｾｷｭﾘﾃｨ ﾃﾞｽｸ", 32800, scam=1, fixed=True, stream="scam-1y",
              note="scam: 'annual Google account security' plan after fake warning on the tablet"),
        ]))
    C.append(dict(
        issuer="jcb", pays=[(2025, 2)], holder="岡田　義男", persona="elderly", rows=(24, 34),
        bucket="fake-security-renewal-abroad",
        items=[
            power(day=14), mobile("ＮＴＴドコモ", 5200, 5900, 10),
            E(D(2025, 1, 6), "MCAFE SECURITY RENEW", fx=("USD", 289.99, "USA"), scam=1, fixed=True,
              stream="scam-1y",
              note="scam: fake 'McAfee renewal' (misspelt), annual plan sold by phone, billed abroad"),
        ]))
    # ---------------------------------------------------------------- clean cases
    C.append(dict(
        issuer="rakuten", pays=[(2024, 7), (2024, 8), (2024, 9)], holder="後藤　翔太",
        persona="single", rows=(36, 56), bucket="clean-brand-heavy-gamer",
        items=[
            mobile("楽天モバイル通信料", 3278, 3278, 25), power(day=16),
            S("MICROSOFT*XBOX GAME PASS", 1450, 11, legit=1, note="genuine Xbox Game Pass Ultimate"),
            S("MICROSOFT*MICROSOFT 365", 1284, 20, legit=1, note="genuine Microsoft 365 Personal monthly"),
            S("APPLE COM BILL", 400, 6, legit=1, note="genuine iCloud+ 200GB"),
            S("GOOGLE *YouTubePremium", 1280, 13, legit=1, note="genuine YouTube Premium"),
            S("NETFLIX.COM", 890, 27, note="Netflix basic"),
            E(D(2024, 8, 2), "Amazonプライム会費", 5900, legit=1, stream="prime",
              note="genuine Amazon Prime annual renewal"),
            E(D(2024, 6, 14), "GOOGLE *Google Play", 1220, legit=1, note="genuine Play Store purchase"),
            E(D(2024, 7, 28), "GOOGLE *Google Play", 3060, legit=1, note="genuine Play Store purchase"),
            E(D(2024, 6, 22), "MICROSOFT*STORE", 8580, legit=1, note="genuine Microsoft Store game purchase"),
            E(D(2024, 8, 17), "ニンテンドーeショップ", 6578, note="game download"),
        ]))
    C.append(dict(
        issuer="smbc", pays=[(2024, 2), (2024, 3)], holder="西村　大輔", persona="family",
        rows=(46, 66), bucket="clean-pc-purchase-security-renewal",
        items=[
            power(day=13, lo=9800, hi=19800), gas(day=8, lo=6800, hi=12800),
            mobile("ＮＴＴドコモ", 12800, 15800, 10), water(anchor_month=12),
            S("Amazonプライム会費", 600, 4, legit=1, note="genuine Amazon Prime monthly"),
            E(D(2023, 12, 26), "ドスパラ", 149800, legit=1, note="genuine PC shop: new desktop PC"),
            E(D(2024, 1, 8), "MSFT * E0300QX7TN", 12984, legit=1, stream="ms365",
              note="genuine Microsoft 365 Personal annual purchase (invoice-style descriptor)"),
            E(D(2024, 1, 19), "ノートンストア", 9980, legit=1, stream="norton",
              note="genuine Norton 360 Deluxe annual renewal"),
            E(D(2024, 2, 3), "ヨドバシカメラ", 13800, legit=1, note="genuine: external SSD"),
            S("学研教室", 8800, 27, note="children's tutoring fee"),
        ]))
    C.append(dict(
        issuer="jcb", pays=[(2025, 3), (2025, 4), (2025, 5)], holder="野口　芳江",
        persona="elderly", rows=(22, 32), bucket="clean-elderly-legit-pc-support",
        items=[
            power(day=14), gas(day=9), mobile("ａｕ通信料", 3800, 4400, 12), nhk(anchor_month=1),
            S("ＰＣ　ＤＥＰＯＴ　プレミアムサービス", 3278, 1, legit=1,
              note="genuine PC shop monthly support membership (remote + in-store help)"),
            E(D(2025, 2, 15), "ＰＣ　ＤＥＰＯＴ", 4980, legit=1, note="genuine PC shop: printer ink"),
            E(D(2025, 3, 22), "ＰＣ　ＤＥＰＯＴ", 2480, legit=1, note="genuine PC shop: USB memory"),
            S("しんぶん赤旗", 3497, 24, note="newspaper subscription"),
        ]))
    C.append(dict(
        issuer="saison", pays=[(2024, 5), (2024, 6), (2024, 7)], holder="三浦　涼",
        persona="single", rows=(30, 48), bucket="clean-freelancer-foreign-it",
        items=[
            mobile("楽天モバイル通信料", 3278, 3278, 25), power(day=16),
            S("GITHUB, INC.", None, 3, fx=("USD", 4.00, "USA"), note="GitHub Pro"),
            S("OPENAI *CHATGPT SUBSCR", None, 12, fx=("USD", 20.00, "USA"), note="ChatGPT Plus"),
            S("DIGITALOCEAN.COM", None, 1, fx=("USD", 18.00, "USA"), note="cloud server (usage-billed monthly)"),
            S("ADOBE SYSTEMS SOFTWARE", 6480, 18, note="Adobe Creative Cloud (yen billing)"),
            S("Google Workspace", 680, 1, legit=1, note="genuine Google Workspace"),
            E(D(2024, 4, 9), "TEAMVIEWER GERMANY GMBH", fx=("EUR", 418.80, "DEU"), stream="teamviewer",
              note="legit remote-access software licence (annual) for the freelancer's own clients"),
            E(D(2024, 5, 27), "NAMECHEAP.COM", fx=("USD", 14.58, "USA"), stream="domain",
              note="domain renewal (annual)"),
            E(D(2024, 3, 28), "AMAZON WEB SERVICES", fx=("USD", 3.12, "USA"), legit=1,
              note="genuine AWS usage"),
        ]))
    C.append(dict(
        issuer="epos", pays=[(2023, 11), (2023, 12), (2024, 1)], holder="藤井　彩",
        persona="single", rows=(30, 48), bucket="clean-young-apple-streaming",
        items=[
            mobile("ａｕ通信料", 3278, 4928, 12), power(day=18),
            S("APPLE COM BILL", 400, 7, legit=1, note="genuine iCloud+ 200GB"),
            S("APPLE COM BILL", 1080, 15, legit=1, key="apple-music", note="genuine Apple Music"),
            S("NETFLIX.COM", 1490, 23, note="Netflix standard"),
            S("ディズニープラス", 990, 10, note="Disney+"),
            S("エニタイムフィットネス", 7678, 26, note="gym membership"),
            E(D(2023, 10, 14), "APPLE 銀座", 124800, legit=1, note="genuine Apple Store: iPhone"),
            E(D(2023, 11, 3), "APPLE COM BILL", 1280, legit=1, note="genuine App Store in-app purchase"),
        ]))
    C.append(dict(
        issuer="aeon", pays=[(2025, 4), (2025, 5)], holder="藤原　隆之", persona="family",
        rows=(48, 68), bucket="clean-family-security-renewal",
        items=[
            power("関西電力", 12, lo=9800, hi=18800), gas("大阪ガス", 7, lo=6800, hi=11800),
            mobile("ソフトバンクM", 11800, 14800, 6),
            E(D(2025, 3, 3), "トレンドマイクロ", 13580, legit=1, stream="trend",
              note="genuine ウイルスバスター クラウド 3-year renewal"),
            E(D(2025, 2, 20), "Amazonプライム会費", 5900, legit=1, stream="prime",
              note="genuine Amazon Prime annual"),
            S("公文式", 7700, 27, note="children's study fee"),
            S("コープデリ", (9800, 18800), 5, period="M", note="coop grocery delivery (monthly billing)"),
        ]))
    C.append(dict(
        issuer="view", pays=[(2024, 10), (2024, 11), (2024, 12)], holder="岡本　浩二",
        persona="commuter", rows=(36, 56), bucket="clean-commuter-ms-mcafee",
        items=[
            mobile("ＮＴＴドコモ", 6800, 8100, 10), power(day=19),
            E(D(2024, 9, 30), "ＪＲ東日本　定期券", 18150, note="6-month commuter pass purchase"),
            E(D(2024, 8, 21), "MSFT * E0800KP2QW", 18400, legit=1, stream="ms365fam",
              note="genuine Microsoft 365 Family annual renewal"),
            E(D(2024, 10, 2), "マカフィー　ストア", 9680, legit=1, stream="mcafee",
              note="genuine McAfee リブセーフ annual renewal"),
            E(D(2024, 9, 14), "ビックカメラ", 32800, legit=1, note="genuine electronics store: Wi-Fi router"),
            E(D(2024, 10, 26), "MICROSOFT*STORE", 2480, legit=1, note="genuine Microsoft Store purchase"),
        ]))
    C.append(dict(
        issuer="paypay", pays=[(2025, 9), (2025, 10)], holder="菅原　武", persona="elderly",
        rows=(22, 32), bucket="clean-elderly-onsite-repair",
        items=[
            mobile("ソフトバンクM", 4200, 4800, 6), power(day=16),
            S("GOOGLE *Google One", 250, 3, legit=1, note="genuine Google One 100GB"),
            E(D(2025, 8, 19), "ドクター・ホームネット", 16500, legit=1,
              note="genuine on-site PC repair visit (real PC support company)"),
            E(D(2025, 9, 8), "ESET キヤノンITソリューションズ", 5500, legit=1, stream="eset",
              note="genuine ESET annual renewal"),
            E(D(2025, 9, 20), "パソコン工房", 7980, legit=1, note="genuine PC shop: keyboard and mouse"),
        ]))
    C.append(dict(
        issuer="rakuten", pays=[(2023, 6)], holder="大野　直樹", persona="couple", rows=(44, 62),
        bucket="clean-travel-abroad",
        items=[
            power(day=13), mobile("楽天モバイル通信料", 3278, 3278, 25),
            E(D(2023, 5, 8), "UNITED AIRLINES", fx=("USD", 18.00, "USA"), note="travel: seat fee"),
            E(D(2023, 5, 9), "HYATT REGENCY SAN FRANCISCO", fx=("USD", 1284.36, "USA"),
              note="travel: hotel"),
            E(D(2023, 5, 9), "UBER *TRIP", fx=("USD", 46.21, "USA"), note="travel: ride"),
            E(D(2023, 5, 10), "WALGREENS #3214", fx=("USD", 23.87, "USA"), note="travel: pharmacy"),
            E(D(2023, 5, 10), "STARBUCKS STORE 05531", fx=("USD", 12.45, "USA"), note="travel: cafe"),
            E(D(2023, 5, 11), "UBER *TRIP", fx=("USD", 31.50, "USA"), note="travel: ride"),
            E(D(2023, 5, 11), "SFMTA PARKING", fx=("USD", 9.00, "USA"), note="travel: parking"),
            E(D(2023, 5, 12), "APPLE STORE #R014", fx=("USD", 99.00, "USA"), legit=1,
              note="genuine Apple Store abroad: AirTag pack"),
            E(D(2023, 5, 12), "IN N OUT BURGER 0142", fx=("USD", 28.40, "USA"), note="travel: food"),
            E(D(2023, 5, 13), "SFO DFS GROUP", fx=("USD", 86.00, "USA"), note="travel: duty free"),
            E(D(2023, 5, 2), "ＪＡＬ　国際線", 152400, note="air ticket"),
        ]))
    C.append(dict(
        issuer="jcb", pays=[(2023, 7), (2023, 8)], holder="小野　雅子", persona="couple",
        rows=(30, 44), bucket="clean-isp-remote-option-office",
        items=[
            power(day=15), gas(day=10), mobile("ａｕ通信料", 6200, 7200, 12),
            isp("ＢＩＧＬＯＢＥ", 5390, 6,
                note="ISP bill (includes paid remote-support option; no separate line)"),
            S("ＪＣＯＭ", 5478, 22, note="cable TV"),
            E(D(2023, 6, 10), "MICROSOFT*STORE", 43980, legit=1,
              note="genuine Microsoft Store: Office Home & Business (one-off)"),
            E(D(2023, 6, 11), "ソフマップ", 89800, legit=1, note="genuine PC shop: notebook PC"),
            E(D(2023, 7, 4), "カスペルスキー", 4378, legit=1, stream="kaspersky",
              note="genuine Kaspersky annual licence"),
        ]))
    return C


# --------------------------------------------------------------------------------------
# case assembly
# --------------------------------------------------------------------------------------
def rate_for(rng: random.Random, cur: str, d: date) -> float:
    base = USDJPY[(d.year, d.month)] * CROSS[cur]
    return round(base * 1.0198 + rng.uniform(-0.9, 0.9), 3)


def occurrences(it: dict, start: date, end: date) -> list[date]:
    res = []
    per = it["period"]
    y, m = start.year, start.month
    if per == "Y":
        am, ad = it["anchor"]
        for yy in range(start.year, end.year + 1):
            d = date(yy, am, min(ad, mdays(yy, am)))
            if start <= d <= end:
                res.append(d)
        return res
    while (y, m) <= (end.year, end.month):
        ok = True
        if per == "2M":
            ok = (m - it["anchor"]) % 2 == 0
        if ok:
            d = date(y, m, min(it["day"], mdays(y, m)))
            if start <= d <= end:
                if (it["first"] is None or d >= it["first"]) and (it["last"] is None or d <= it["last"]):
                    res.append(d)
        y, m = add_months(y, m, 1)
    return res


def build_case(cid: str, spec: dict, rng: random.Random) -> list[dict]:
    issuer = spec["issuer"]
    stmts = []
    for (py, pm) in spec["pays"]:
        a, b = window(issuer, py, pm)
        stmts.append(dict(pay=(py, pm), start=a, end=b, rows=[]))
    cstart, cend = stmts[0]["start"], stmts[-1]["end"]

    def stmt_of(d: date) -> int:
        for i, st in enumerate(stmts):
            if st["start"] <= d <= st["end"]:
                return i
        raise ValueError(f"{cid}: date {d} outside every statement window")

    txns = []
    seq = 0
    for it in spec["items"]:
        if it["kind"] == "stream":
            for d in occurrences(it, cstart, cend):
                amt = it["amt"]
                if isinstance(amt, tuple):
                    amt = rng.randint(*amt)
                txns.append(dict(d=d, name=it["name"], amt=amt, fx=it["fx"], scam=it["scam"],
                                 legit=it["legit"], skey=it["key"], note=it["note"], fixed=it["fixed"],
                                 user=it["user"], inst=None, seq=seq))
                seq += 1
        else:
            txns.append(dict(d=it["d"], name=it["name"], amt=it["amt"], fx=it["fx"], scam=it["scam"],
                             legit=it["legit"], skey=it["stream"], note=it["note"], fixed=it["fixed"],
                             user=it["user"], inst=it["inst"], seq=seq))
            seq += 1
    # foreign currency conversion
    for t in txns:
        if t["fx"]:
            cur, local, iso = t["fx"]
            r = rate_for(rng, cur, t["d"])
            t["rate"] = r
            t["amt"] = int(round(local * r))
    # assign to statements
    for t in txns:
        stmts[stmt_of(t["d"])]["rows"].append(t)
    # instalment re-listing (same purchase shown again with the next instalment number)
    for i, st in enumerate(list(stmts)):
        for t in list(st["rows"]):
            if t.get("inst") and not t.get("relist"):
                for k in range(1, t["inst"]):
                    if i + k < len(stmts):
                        c = dict(t)
                        c["relist"] = k + 1
                        c["seq"] = seq
                        seq += 1
                        stmts[i + k]["rows"].append(c)
    # everyday spending
    weights = PERSONAS[spec["persona"]]
    home = {}
    for cat in weights:
        names = EVERYDAY[cat][0]
        k = {"super": 3, "konbini": 2, "drug": 2, "food": 6, "shop": 5, "fuel": 1, "transit": 2,
             "amazon": 2, "electronics": 1, "medical": 1, "taxi": 1, "leisure": 1, "dept": 1}[cat]
        home[cat] = rng.sample(names, min(k, len(names)))
    cats = list(weights)
    cw = [weights[c] for c in cats]
    for st in stmts:
        target = rng.randint(*spec["rows"])
        n_fill = max(0, target - len(st["rows"]))
        span = (st["end"] - st["start"]).days
        for _ in range(n_fill):
            cat = rng.choices(cats, cw)[0]
            name = rng.choice(home[cat])
            d = st["start"] + timedelta(days=rng.randint(0, span))
            amt = everyday_amount(rng, cat, name)
            legit = 1 if name in LEGIT_EVERYDAY else 0
            user = "本人"
            if spec["persona"] in ("family", "couple") and rng.random() < 0.18 and issuer == "rakuten":
                user = "家族"
            st["rows"].append(dict(d=d, name=name, amt=amt, fx=None, scam=0, legit=legit, skey=None,
                                   note="everyday purchase", fixed=False, user=user, inst=None,
                                   seq=seq))
            seq += 1
        st["rows"].sort(key=lambda t: (t["d"], t["seq"]))
    return stmts


def display_name(issuer: str, t: dict) -> str:
    if t["fixed"] or t["fx"] or ISSUERS[issuer]["style"] == "raw":
        return t["name"]
    return fw(t["name"])


def fx_note(t: dict) -> str:
    cur, local, iso = t["fx"]
    return f"現地通貨額 {local:.2f} {cur} 換算レート {t['rate']:.3f}"


# --------------------------------------------------------------------------------------
# renderers: return list of (fields, txn-or-None, quote_all)
# --------------------------------------------------------------------------------------
def render(issuer: str, spec: dict, st: dict, last4: str):
    py, pm = st["pay"]
    rows = st["rows"]
    out = []
    total = sum(pay_amount(t) for t in rows)
    pd = payday(issuer, py, pm)
    if issuer == "rakuten":
        ny, nm = add_months(py, pm, 1)
        out.append((["利用日", "利用店名・商品名", "利用者", "支払方法", "利用金額", "手数料/利息",
                     "支払総額", f"{pm}月支払金額", f"{nm}月繰越残高", "新規サイン"], None))
        for t in rows:
            name = display_name(issuer, t)
            if t["fx"]:
                name = f"{name}利用国{t['fx'][2]}"
            a = str(t["amt"])
            out.append(([t["d"].strftime("%Y/%m/%d"), name, t["user"], "1回払い", a, "0", a, a, "0", "*"], t))
            if t["fx"]:
                loc = fwdigits(f"{t['fx'][1]:.3f}")
                rt = fwdigits(f"{t['rate']:.3f}")
                info = f"現地利用額{'　' * 9}{loc}変換レート　{rt}円"
                out.append((["", info, "", "", "", "", "", "", "", ""], None))
        return out, True
    if issuer == "smbc":
        out.append(([f"{spec['holder']}　様", "4980-****-****-****", "三井住友カード（ＮＬ）"], None))
        for t in rows:
            d = t["d"]
            note = fx_note(t) if t["fx"] else ""
            a = str(t["amt"])
            out.append(([f"{d.year}/{d.month}/{d.day}", display_name(issuer, t), a, "１", "１", a, note], t))
        out.append((["", "", "", "", "", str(total), ""], None))
        return out, False
    if issuer == "jcb":
        dom = sum(pay_amount(t) for t in rows if not t["fx"])
        ovs = total - dom
        out.append((["", "", "今回のお支払日", pd.strftime("%Y/%m/%d")], None))
        out.append((["", "", "今回のお支払金額合計(￥)", comma(total)], None))
        out.append((["", "", "　うち国内ご利用金額合計(￥)", comma(dom)], None))
        out.append((["", "", "　うち海外ご利用金額合計(￥)", comma(ovs)], None))
        out.append((["【ご利用明細】"], None))
        out.append((["ご利用者", "カテゴリ", "ご利用日", "ご利用先など", "ご利用金額(￥)", "支払区分", "今回回数",
                     "訂正サイン", "お支払い金額(￥)", "国内／海外", "摘要", "備考"], None))
        holder = f"****-****-****-{last4}　{spec['holder']}　様"
        for t in rows:
            abroad = bool(t["fx"])
            cat = "≪ショッピング取組（海外）≫" if abroad else "≪ショッピング取組（国内）≫"
            kubun, kaisu = "１回", ""
            if t.get("inst"):
                kubun = f"分割{fwdigits(str(t['inst']))}回"
                kaisu = fwdigits(str(t.get("relist", 1)))
            corr = "取消" if t["amt"] < 0 else ""
            out.append(([holder, cat, " " + t["d"].strftime("%Y/%m/%d"), display_name(issuer, t),
                         comma(t["amt"]), kubun, kaisu, corr, comma(pay_amount(t)),
                         "海外" if abroad else "国内", fx_note(t) if abroad else "", ""], t))
        return out, True
    if issuer == "saison":
        out.append((["カード名称", "セゾンカードインターナショナル"], None))
        out.append((["お支払日", pd.strftime("%Y/%m/%d")], None))
        out.append((["今回ご請求額", f"{total:010d}"], None))
        out.append(([], None))
        out.append((["利用日", "ご利用店名及び商品名", "本人・家族区分", "支払区分名称", "締前入金区分", "利用金額",
                     "備考"], None))
        for t in rows:
            out.append(([t["d"].strftime("%Y/%m/%d"), display_name(issuer, t), "本人", "1回", "",
                         str(t["amt"]), fx_note(t) if t["fx"] else ""], t))
        return out, False
    if issuer == "epos":
        a, b = st["start"], st["end"]
        out.append(([f"月別ご利用明細　{spec['holder']}　様　ご利用期間：{a.year}年{a.month}月から{b.year}年{b.month}月"
                     "　株式会社エポスカード", "", "", "", "", "", "", ""], None))
        out.append((["種別（ショッピング、キャッシング、その他）", "ご利用年月日", "ご利用場所", "ご利用内容",
                     "ご利用金額（キャッシングでは元金になります）", "支払区分", "お支払開始月", "備考"], None))
        for t in rows:
            d = t["d"]
            out.append((["ショッピング", f"{d.year}年{d.month}月{d.day}日", display_name(issuer, t), "－",
                         str(t["amt"]), "1回払い", f"{py}年{pm}月", fx_note(t) if t["fx"] else ""], t))
        out.append((["ショッピング合計", "", "", "", str(total), "", "", ""], None))
        return out, False
    if issuer == "aeon":
        out.append((["ご利用カード", "イオンカードセレクト", "", "", "", "", "", "", ""], None))
        out.append((["今回ご請求金額", str(total), "", "", "", "", "", "", ""], None))
        out.append((["お支払い日", f"{pd.year}年{pd.month:2d}月{pd.day:2d}日", "", "", "", "", "", "", ""], None))
        out.append((["ご利用明細", "", "", "", "", "", "", "", ""], None))
        out.append((["ご利用日", "利用者区分", "ご利用先", "支払方法", "", "", "ご利用金額", "備考", ""], None))
        for t in rows:
            out.append(([t["d"].strftime("%y%m%d"), "本人", display_name(issuer, t), "１回", "", "",
                         str(t["amt"]), fx_note(t) if t["fx"] else "", ""], t))
        out.append((["分割・ボーナス払い明細", "", "", "", "", "", "", "", ""], None))
        out.append((["ご利用日", "ご利用先", "支払回数", "ご利用金額", "実質年率", "お支払い総額", "今回ご請求金額",
                     "内手数料", "今回回数"], None))
        return out, False
    if issuer == "view":
        out.append((["会員番号", f"****-****-****-{last4}"], None))
        out.append((["対象カード", "ビュー・スイカカード"], None))
        out.append((["お支払日", f"{pd.year}年{pd.month:02d}月{pd.day:02d}日"], None))
        out.append((["今回お支払金額", comma(total)], None))
        out.append(([], None))
        out.append((["ご利用年月日", "ご利用箇所", "ご利用額", "払戻額", "ご請求額（うち手数料・利息）", "支払区分（回数）",
                     "今回回数", "今回ご請求額・弁済金（うち手数料・利息）", "現地通貨額", "通貨略称", "換算レート"], None))
        out.append(([f"****-****-****-{last4} {spec['holder']}"], None))
        for t in rows:
            a = t["amt"]
            use, ref = (comma(a), "") if a >= 0 else ("", comma(-a))
            if t["fx"]:
                loc, cur, rt = f"{abs(t['fx'][1]):.2f}", t["fx"][0], f"{t['rate']:.3f}"
            else:
                loc, cur, rt = "", "   ", ""
            out.append(([t["d"].strftime("%Y/%m/%d"), display_name(issuer, t), use, ref, comma(a), "１回払", "",
                         comma(a), loc, cur, rt], t))
        return out, False
    if issuer == "paypay":
        out.append((["利用日/キャンセル日", "利用店名・商品名", "利用者", "決済方法", "支払区分", "利用金額", "手数料",
                     "支払総額", "当月支払金額", "翌月以降繰越金額", "調整額", "当月お支払日"], None))
        pds = f"{pd.year}/{pd.month}/{pd.day}"
        for t in rows:
            d = t["d"]
            a = str(t["amt"])
            method = "PayPayクレジット" if t["note"] == "everyday purchase" and t["seq"] % 3 == 0 else "PayPayカード"
            out.append(([f"{d.year}/{d.month}/{d.day}", display_name(issuer, t), "本人", method, "1回", a, "0", a, a,
                         "0", "0", pds], t))
        return out, True
    raise KeyError(issuer)


def pay_amount(t: dict) -> int:
    """Amount billed this month (instalments: this month's part incl. fee)."""
    if not t.get("inst"):
        return t["amt"]
    total = t["amt"] + int(round(t["amt"] * 0.0335))
    per = total // t["inst"]
    first = total - per * (t["inst"] - 1)
    return first if t.get("relist", 1) == 1 else per


def write_csv(path: Path, rows, quote_all: bool, enc: str) -> list[int]:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n")
    starts = []
    for fields, _t in rows:
        starts.append(buf.getvalue().count("\n") + 1)
        if fields == []:
            buf.write("\r\n")
        else:
            w.writerow(fields)
    data = buf.getvalue().encode(enc)  # strict: fails loudly on an unencodable character
    path.write_bytes(data)
    return starts


def main() -> None:
    master = random.Random(SEED)
    specs = case_specs()
    order = list(range(len(specs)))
    master.shuffle(order)
    if CASES_DIR.exists():
        shutil.rmtree(CASES_DIR)
    CASES_DIR.mkdir(parents=True)
    labels = []
    for n, idx in enumerate(order, start=1):
        spec = specs[idx]
        cid = f"jpf-{n:03d}"
        rng = random.Random(f"{SEED}-{cid}")
        issuer = spec["issuer"]
        stmts = build_case(cid, spec, rng)
        last4 = f"{rng.randint(1000, 9999)}"
        # stream ids numbered by first appearance in the case
        skeys: dict[str, str] = {}
        for st in stmts:
            for t in st["rows"]:
                if t["skey"] and t["skey"] not in skeys:
                    skeys[t["skey"]] = f"{cid}:s{len(skeys) + 1}"
        (CASES_DIR / cid).mkdir()
        for st in stmts:
            py, pm = st["pay"]
            fname = f"{issuer}_{py}{pm:02d}.csv"
            rows, qa = render(issuer, spec, st, last4)
            starts = write_csv(CASES_DIR / cid / fname, rows, qa, ISSUERS[issuer]["enc"])
            for (fields, t), line in zip(rows, starts):
                if t is None:
                    continue
                note = t["note"]
                if t.get("inst"):
                    k = t.get("relist", 1)
                    note += f" [instalment {k}/{t['inst']}" + ("; same purchase re-listed]" if k > 1 else "]")
                if t["fx"]:
                    note += f" [{t['fx'][1]:.2f} {t['fx'][0]}, billed from {t['fx'][2]}]"
                labels.append([cid, f"{cid}/{fname}", line, t["d"].isoformat(), display_name(issuer, t),
                               t["amt"], t["scam"], skeys.get(t["skey"], "") if t["skey"] else "",
                               spec["bucket"], t["legit"], note])
    with open(OUT / "labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "file", "line", "date", "description", "amount", "scam", "stream_id", "bucket",
                    "brand_legit", "notes"])
        w.writerows(labels)


def verify() -> None:
    """Re-read every file with the csv module in its encoding and check each label against it."""
    import collections
    labels = list(csv.DictReader(open(OUT / "labels.csv", encoding="utf-8", newline="")))
    by_file = collections.defaultdict(list)
    for r in labels:
        by_file[r["file"]].append(r)
    files = sorted(p.relative_to(CASES_DIR).as_posix() for p in CASES_DIR.glob("*/*.csv"))
    assert set(files) == set(by_file), "every file must have labels and vice versa"
    n_tx = {}
    for fn in files:
        issuer = fn.split("/")[1].split("_")[0]
        raw = (CASES_DIR / fn).read_bytes()
        text = raw.decode(ISSUERS[issuer]["enc"])  # strict
        if ISSUERS[issuer]["enc"] == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf"), fn
        rdr = csv.reader(io.StringIO(text, newline=""))
        starts = {}
        prev = 0
        for row in rdr:
            starts[prev + 1] = row
            prev = rdr.line_num
        date_col = {"rakuten": 0, "smbc": 0, "jcb": 2, "saison": 0, "epos": 1, "aeon": 0, "view": 0,
                    "paypay": 0}[issuer]
        name_col = {"rakuten": 1, "smbc": 1, "jcb": 3, "saison": 1, "epos": 2, "aeon": 2, "view": 1,
                    "paypay": 1}[issuer]
        for r in by_file[fn]:
            row = starts[int(r["line"])]
            y, m, d = map(int, r["date"].split("-"))
            cell = row[date_col].strip()
            expect = {
                "smbc": f"{y}/{m}/{d}", "paypay": f"{y}/{m}/{d}", "epos": f"{y}年{m}月{d}日",
                "aeon": f"{y % 100:02d}{m:02d}{d:02d}",
            }.get(issuer, f"{y:04d}/{m:02d}/{d:02d}")
            assert cell == expect, (fn, r["line"], cell, expect)
            nm = row[name_col]
            if issuer == "rakuten":
                nm = nm.split("利用国")[0] if "利用国" in nm and nm.rsplit("利用国", 1)[1].isalpha() else nm
            assert nm == r["description"], (fn, r["line"], nm, r["description"])
            if issuer == "view":
                amt = int(row[2].replace(",", "")) if row[2] else -int(row[3].replace(",", ""))
            else:
                acol = {"rakuten": 4, "smbc": 2, "jcb": 4, "saison": 5, "epos": 4, "aeon": 6, "paypay": 5}[issuer]
                amt = int(row[acol].replace(",", ""))
            assert amt == int(r["amount"]), (fn, r["line"], amt, r["amount"])
        n_tx[fn] = len(by_file[fn])
    lo, hi = min(n_tx.values()), max(n_tx.values())
    cases = sorted({r["case"] for r in labels})
    scam_cases = sorted({r["case"] for r in labels if r["scam"] == "1"})
    print(f"verified {len(files)} files, {len(labels)} labelled rows, {len(cases)} cases "
          f"({len(scam_cases)} with scam, {len(cases) - len(scam_cases)} without); rows per file {lo}-{hi}")


if __name__ == "__main__":
    main()
    verify()
