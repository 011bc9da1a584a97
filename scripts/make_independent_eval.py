#!/usr/bin/env python3
"""Independent labelled evaluation set for a card-statement scam detector.

Written from first principles (what real card statements look like), without reference to the
detector. Deterministic: fixed seed. Output: transactions.csv next to this script.
Run: /work/main/.venv/bin/python make_independent_eval.py
"""
from __future__ import annotations

import calendar
import datetime as dt
import os
import random
import string
import unicodedata

import numpy as np
import pandas as pd

SEED = 20261201
R = random.Random(SEED)
NP = np.random.default_rng(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transactions.csv")
COLS = ["id", "source", "page", "row", "date", "posting_date", "description", "amount", "currency",
        "original_amount", "original_currency", "rate", "card", "cardholder", "kind", "client", "case",
        "bucket", "stream_id", "scam"]
CUR = {"US": "USD", "UK": "GBP", "IE": "EUR", "JP": "JPY"}

# ----------------------------------------------------------------------------- text helpers
def fw(s: str) -> str:
    """ASCII -> full-width (as many Japanese issuers print merchant names)."""
    out = []
    for c in s:
        if c == " ":
            out.append("\u3000")
        elif "!" <= c <= "~":
            out.append(chr(ord(c) + 0xFEE0))
        else:
            out.append(c)
    return "".join(out)

_FK = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
_HK = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ"
_SMALL = dict(zip("ァィゥェォャュョッ", "アイウエオヤユヨツ"))
def hwk(s: str, big_small: bool = True) -> str:
    """Full-width katakana -> half-width katakana (ｱｲｳ); issuers often print small kana as large."""
    out = []
    for c in unicodedata.normalize("NFD", s):
        if big_small and c in _SMALL:
            c = _SMALL[c]
        if c in _FK:
            out.append(_HK[_FK.index(c)])
        elif c == "\u3099":
            out.append("ﾞ")
        elif c == "\u309a":
            out.append("ﾟ")
        elif c == "\u3000":
            out.append(" ")
        else:
            out.append(c)
    return "".join(out)

def code(n: int, alphabet: str = string.ascii_uppercase + string.digits) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))

def trunc(s: str, n: int) -> str:
    return s[:n].rstrip()

def phone555() -> str:  # fictional-range numbers for fictional/scam merchants
    return f"{R.choice(['800','855','866','877','888'])}-555-01{R.randint(0,99):02d}"

# ----------------------------------------------------------------------------- FX
_USDJPY = {2006: 116, 2007: 118, 2008: 103, 2009: 94, 2010: 88, 2011: 80, 2012: 80, 2013: 98, 2014: 106,
           2015: 121, 2016: 109, 2017: 112, 2018: 110, 2019: 109, 2020: 107, 2021: 110, 2022: 131,
           2023: 141, 2024: 151, 2025: 149, 2026: 152, 2027: 152}
_USDGBP = {2006: .54, 2007: .50, 2008: .55, 2009: .64, 2010: .65, 2011: .62, 2012: .63, 2013: .64,
           2014: .61, 2015: .65, 2016: .74, 2017: .78, 2018: .75, 2019: .78, 2020: .78, 2021: .73,
           2022: .81, 2023: .80, 2024: .78, 2025: .76, 2026: .75, 2027: .75}
_USDEUR = {2006: .80, 2007: .73, 2008: .68, 2009: .72, 2010: .75, 2011: .72, 2012: .78, 2013: .75,
           2014: .75, 2015: .90, 2016: .90, 2017: .89, 2018: .85, 2019: .89, 2020: .88, 2021: .85,
           2022: .95, 2023: .92, 2024: .92, 2025: .90, 2026: .87, 2027: .87}
_USDUSD = {y: 1.0 for y in range(2006, 2028)}
_TAB = {"JPY": _USDJPY, "GBP": _USDGBP, "EUR": _USDEUR, "USD": _USDUSD}

def usd_to(cur: str, d: dt.date) -> float:
    t = _TAB[cur]
    a, b = t[d.year], t[min(d.year + 1, 2027)]
    f = (d.timetuple().tm_yday - 1) / 366
    if cur == "USD":
        return 1.0
    ph = {"JPY": 0.0, "GBP": 1.7, "EUR": 3.1}[cur]
    wob = 1 + 0.014 * np.sin(d.toordinal() / 23.0 + ph) + 0.006 * np.sin(d.toordinal() / 5.3 + 2 * ph)
    return (a + (b - a) * f) * wob

def fx_rate(orig: str, bill: str, d: dt.date) -> float:
    mid = usd_to(bill, d) / usd_to(orig, d)
    markup = {"JPY": 1.0163, "GBP": 1.0299, "EUR": 1.0275, "USD": 1.0}[bill]
    r = mid * markup
    return round(r, 3) if bill == "JPY" else round(r, 5)

# ----------------------------------------------------------------------------- dates
def add_months(d: dt.date, m: int, day: int | None = None) -> dt.date:
    y, mo = divmod(d.month - 1 + m, 12)
    y += d.year
    mo += 1
    day = day or d.day
    return dt.date(y, mo, min(day, calendar.monthrange(y, mo)[1]))

def rnd_date(a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=R.randint(0, max(0, (b - a).days)))

# ----------------------------------------------------------------------------- everyday pools
# (descriptor variants, lo, hi, weight). Variants: a list; a case picks 1-3 "regular" ones.
def amzn_us():
    return f"AMZN MKTP US*{code(9)} AMZN.COM/BILL WA"
def amzn_uk():
    return R.choice([f"AMAZON.CO.UK*{code(9)} AMAZON.CO.UK", f"AMZNMKTPLACE*{code(9)} AMAZON.CO.UK"])
def amzn_ie():
    return R.choice([f"AMAZON.DE*{code(9)} AMAZON.DE", f"AMZNMKTPLACE*{code(9)} AMAZON.CO.UK"])
def uber_us():
    return "UBER *TRIP HELP.UBER.COM CA"
def doordash():
    return f"DOORDASH*{R.choice(['CHIPOTLE','PANDA EXPRESS','SHAKE SHACK','THAI BASIL','PIZZA HUT'])} WWW.DOORDASH. CA"

EVERY = {
    "US": [
        (["WHOLEFDS HAR 10234 NEW YORK NY", "WHOLE FOODS MARKET 10567 BROOKLYN NY"], 12, 160, 6),
        (["TRADER JOE'S #540 BROOKLYN NY", "TRADER JOE S #552 NEW YORK NY"], 15, 120, 6),
        (["KROGER #0421 COLUMBUS OH", "SAFEWAY #1456 SEATTLE WA", "PUBLIX #1123 ORLANDO FL"], 8, 180, 5),
        (["COSTCO WHSE #0113 SEATTLE WA", "COSTCO WHSE #0659 ATLANTA GA"], 45, 380, 2),
        (["TARGET 00012783 MINNEAPOLIS MN", "TARGET.COM * 800-591-3869 MN"], 6, 140, 4),
        (["WAL-MART #2871 AUSTIN TX", "WALMART.COM 8009256278 AR"], 5, 150, 3),
        (["CVS/PHARMACY #04512 CHICAGO IL", "WALGREENS #7781 DENVER CO"], 4, 60, 4),
        (["SHELL OIL 57444390209 HOUSTON TX", "CHEVRON 0204532 SAN JOSE CA", "EXXONMOBIL 47338812 DALLAS TX"], 18, 75, 4),
        (["STARBUCKS STORE 11804 SEATTLE WA", "DUNKIN #343571 BOSTON MA"], 3, 15, 7),
        (["CHIPOTLE 1432 NEW YORK NY", "MCDONALD'S F11853 CHICAGO IL", "CHICK-FIL-A #01852 ATLANTA GA", "PANERA BREAD #601320 ST LOUIS MO"], 7, 28, 6),
        (["TST* JOE'S PIZZA NEW YORK NY", "TST* THE SMITH NEW YORK NY", "SQ *BLUE BOTTLE COFFEE OAKLAND CA", "SQ *LA CUCINA FOOD TRUCK AUSTIN TX"], 6, 120, 4),
        ([uber_us], 8, 48, 4),
        (["LYFT *RIDE SUN 8PM 855-865-9553 CA", "LYFT *RIDE FRI 6PM 855-865-9553 CA"], 7, 40, 2),
        ([doordash], 15, 60, 3),
        ([amzn_us], 8, 140, 5),
        (["HOME DEPOT #6512 ATLANTA GA", "LOWES #01234* CHARLOTTE NC"], 9, 260, 1.5),
        (["BEST BUY 00005314 RICHFIELD MN"], 15, 400, 0.6),
        (["AMC 1450 ONLINE 913-213-2000 KS", "REGAL CINEMAS 877-835-5734 TN"], 14, 45, 0.5),
        (["SEPHORA #0211 NEW YORK NY", "ULTA #0389 BOLINGBROOK IL", "TJ MAXX #0412 FRAMINGHAM MA"], 15, 120, 1),
        (["DELTA AIR 0062381234567 ATLANTA GA", "UNITED 0162345678901 HOUSTON TX", "MARRIOTT BONVOY BETHESDA MD"], 120, 620, 0.15),
        (["PARKMOBILE 877-727-5718 GA", "MTA*NYCT PAYGO NEW YORK NY"], 2, 30, 1.5),
    ],
    "UK": [
        (["TESCO STORES 2873 LONDON", "TESCO STORES 6143 CROYDON", "TESCO EXPRESS 4231 LONDON"], 4, 110, 7),
        (["SAINSBURYS S/MKTS LONDON", "SAINSBURY'S LOCAL LONDON"], 5, 95, 5),
        (["ASDA SUPERSTORE 4411 LEEDS", "ALDI 77 632 MANCHESTER", "LIDL GB LONDON"], 6, 85, 4),
        (["WAITROSE 612 READING", "M&S SIMPLY FOOD - LONDON", "CO-OP GROUP 180624 BRISTOL"], 3, 60, 4),
        (["PRET A MANGER LONDON", "COSTA COFFEE 43022 LONDON", "GREGGS 1423 LONDON", "CAFFE NERO LONDON"], 2.2, 12, 7),
        (["NANDOS LONDON", "WAGAMAMA LONDON", "PIZZA EXPRESS LONDON", "WETHERSPOON 4122 LONDON", "THE RED LION LONDON"], 9, 75, 4),
        (["TFL TRAVEL CH TFL.GOV.UK/CP", "TRAINLINE.COM EDINBURGH"], 2.8, 95, 6),
        (["UBER *TRIP HELP.UBER.COM", "BOLT.EU/O/2307 TALLINN"], 6, 35, 2),
        (["DELIVEROO LONDON", "JUST EAT.CO.UK LTD LONDON"], 12, 45, 3),
        ([amzn_uk], 5, 90, 5),
        (["BOOTS 1123 LONDON", "SUPERDRUG 0823 LONDON"], 3, 45, 3),
        (["SHELL KINGSTON 1234", "BP SALISBURY SERVICE STN", "ESSO TESCO EXPRESS"], 25, 95, 2.5),
        (["ARGOS LTD 0231 LONDON", "JOHN LEWIS 0342 LONDON", "PRIMARK 0122 LONDON", "NEXT RETAIL LTD LEICESTER"], 10, 180, 1.5),
        (["B&Q 1304 NEW MALDEN", "WICKES 812 WIMBLEDON"], 8, 160, 0.8),
        (["ODEON CINEMAS LONDON", "VUE BSL LTD LONDON"], 9, 35, 0.6),
        (["RYANAIR DAC DUBLIN", "EASYJET 0000 LUTON", "PREMIER INN 44 LUTON"], 35, 320, 0.2),
    ],
    "IE": [
        (["TESCO IRELAND DUBLIN 15", "TESCO STORES 5302 DUBLIN", "TESCO EXTRA CLAREHALL"], 5, 140, 6),
        (["DUNNES STORES CORNELSCOURT", "DUNNES STORES GEORGES ST"], 6, 130, 5),
        (["SUPERVALU RATHMINES", "LIDL IE RANELAGH", "ALDI DUNDRUM"], 5, 95, 5),
        (["CENTRA BAGGOT ST", "SPAR EXPRESS DUBLIN 2", "CIRCLE K M50 NORTH"], 3, 25, 6),
        (["CIRCLE K CLONSKEAGH", "APPLEGREEN LUSK M1", "MAXOL BALLSBRIDGE"], 30, 95, 3),
        (["INSOMNIA COFFEE CO DUBLIN", "BEWLEYS GRAFTON ST", "CAFFE NERO DUBLIN"], 3, 14, 6),
        (["SUPERMACS DUBLIN", "BOOJUM DUBLIN", "ZAYTOON CAMDEN ST", "THE BANK ON COLLEGE GREEN"], 9, 80, 4),
        (["FREENOW TAXI DUBLIN", "UBER *TRIP HELP.UBER.COM"], 9, 45, 2),
        (["TFI LEAP TOP-UP DUBLIN", "IRISH RAIL WEB SALES"], 10, 60, 2),
        (["BOOTS IRELAND GRAFTON ST", "HICKEYS PHARMACY DUBLIN"], 4, 50, 3),
        ([amzn_ie], 8, 110, 3),
        (["DELIVEROO DUBLIN", "JUST EAT IRELAND"], 15, 50, 2.5),
        (["PENNEYS MARY ST", "ARNOTTS DUBLIN", "WOODIES DUNDRUM", "EASONS O CONNELL ST"], 8, 150, 1.5),
        (["AER LINGUS DUBLIN", "RYANAIR DAC DUBLIN"], 40, 350, 0.25),
    ],
    "JP": [
        (["セブン－イレブン", "ｾﾌﾞﾝｲﾚﾌﾞﾝ", "ファミリーマート", "ローソン"], 120, 2400, 10),
        (["イオンリテール", "ライフコーポレーション", "マルエツ", "西友", "オーケー"], 600, 9500, 6),
        (["ＥＮＥＯＳ　ＳＳ", "出光　セルフ", "ｺｽﾓｾｷﾕ ｾﾙﾌ"], 2500, 7800, 2),
        (["モバイルＳｕｉｃａ", "ＪＲ東日本　えきねっと", "ＰＡＳＭＯ　チャージ"], 1000, 14500, 4),
        (["松屋", "すき家", "吉野家", "スターバックス", "ドトールコーヒー", "サイゼリヤ", "ｺﾒﾀﾞｺｰﾋｰ"], 380, 2800, 6),
        (["マツモトキヨシ", "ウエルシア", "スギ薬局", "ﾂﾙﾊﾄﾞﾗｯｸﾞ"], 300, 4800, 3),
        (["ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "AMAZON.CO.JP", "楽天市場", "ヨドバシ．ｃｏｍ"], 500, 22000, 5),
        (["ユニクロ", "無印良品", "ニトリ", "ダイソー"], 110, 15000, 3),
        (["ヨドバシカメラ", "ビックカメラ"], 800, 45000, 0.8),
        (["ＧＯ（タクシー）", "日本交通　タクシー", "ＤＩＤＩ　ＪＡＰＡＮ"], 780, 6500, 1.5),
        (["ＵＢＥＲ　ＥＡＴＳ", "出前館"], 1400, 4500, 2),
        (["ＥＴＣ　首都高速道路", "ＥＴＣ　ＮＥＸＣＯ東日本"], 300, 4200, 1.5),
        (["ＴＯＨＯシネマズ", "ジュンク堂書店", "紀伊國屋書店"], 600, 4500, 0.8),
    ],
}

# ----------------------------------------------------------------------------- legit recurring pools
# name -> dict(country, desc(i, d) -> str, price (schedule list [(from_date, amount)]), cur, period)
def price_at(sched, d):
    p = sched[0][1]
    for frm, amt in sched:
        if d >= frm:
            p = amt
    return p

D = dt.date
LEGIT_SUBS = {
    "US": {
        "netflix": (lambda i, d: "NETFLIX.COM 866-579-7172 CA", [(D(2000, 1, 1), 7.99), (D(2014, 5, 9), 8.99), (D(2015, 10, 8), 9.99), (D(2017, 10, 5), 10.99), (D(2019, 1, 15), 12.99), (D(2020, 10, 29), 13.99), (D(2022, 1, 14), 15.49), (D(2025, 1, 21), 17.99)], 1),
        "hulu": (lambda i, d: "HULU 877-8244858 CA", [(D(2000, 1, 1), 7.99), (D(2024, 10, 10), 9.99)], 1),
        "disney": (lambda i, d: "DISNEY PLUS 888-905-7888 CA", [(D(2000, 1, 1), 7.99), (D(2023, 10, 12), 13.99), (D(2024, 10, 17), 15.99)], 1),
        "applecloud": (lambda i, d: "APPLE.COM/BILL 866-712-7753 CA", [(D(2000, 1, 1), 2.99)], 1),
        "ms365": (lambda i, d: "MICROSOFT*MICROSOFT 365 P MSBILL.INFO WA", [(D(2000, 1, 1), 69.99), (D(2025, 1, 16), 99.99)], 12),
        "adobe": (lambda i, d: "ADOBE *ADOBE 408-536-6000 CA", [(D(2000, 1, 1), 9.99), (D(2024, 1, 15), 10.99)], 1),
        "nyt": (lambda i, d: "NYTIMES*NYTIMES NEW YORK NY", [(D(2000, 1, 1), 17.00), (D(2024, 6, 1), 25.00)], 1),
        "planetfit": (lambda i, d: "PLANET FITNESS 844-880-7180 NH", [(D(2000, 1, 1), 10.00), (D(2024, 6, 1), 15.00)], 1),
        "mcafee": (lambda i, d: "MCAFEE.COM 866-622-3911 CA", [(D(2000, 1, 1), 39.99), (D(2000, 1, 2), 119.99)], 12),
        "ytpremium": (lambda i, d: "GOOGLE *YOUTUBEPREMIUM G.CO/HELPPAY# CA", [(D(2000, 1, 1), 11.99), (D(2023, 7, 13), 13.99)], 1),
    },
    "UK": {
        "netflix": (lambda i, d: "NETFLIX.COM AMSTERDAM", [(D(2000, 1, 1), 10.99), (D(2023, 11, 1), 10.99), (D(2024, 10, 1), 12.99)], 1),
        "disney": (lambda i, d: "DISNEY PLUS LONDON", [(D(2000, 1, 1), 7.99), (D(2023, 11, 1), 10.99), (D(2024, 10, 17), 12.99)], 1),
        "nowtv": (lambda i, d: "NOW TV LONDON", [(D(2000, 1, 1), 9.99), (D(2024, 3, 1), 10.99)], 1),
        "puregym": (lambda i, d: "PUREGYM LEEDS", [(D(2000, 1, 1), 24.99), (D(2024, 1, 1), 27.99)], 1),
        "guardian": (lambda i, d: "GUARDIAN NEWS & MEDIA LONDON", [(D(2000, 1, 1), 11.99), (D(2024, 4, 1), 12.99)], 1),
        "ms365": (lambda i, d: "MICROSOFT*MICROSOFT 365 F MSBILL.INFO", [(D(2000, 1, 1), 79.99), (D(2025, 1, 16), 104.99)], 12),
        "applecloud": (lambda i, d: "APPLE.COM/BILL HOLLYHILL", [(D(2000, 1, 1), 0.99), (D(2023, 7, 1), 2.99)], 1),
        "norton": (lambda i, d: "NORTONLIFELOCK DUBLIN", [(D(2000, 1, 1), 24.99), (D(2000, 1, 2), 84.99)], 12),
    },
    "IE": {
        "netflix": (lambda i, d: "NETFLIX.COM AMSTERDAM", [(D(2000, 1, 1), 12.99), (D(2024, 4, 1), 13.99)], 1),
        "flyefit": (lambda i, d: "FLYEFIT DUBLIN", [(D(2000, 1, 1), 29.99), (D(2024, 2, 1), 34.99)], 1),
        "irishtimes": (lambda i, d: "IRISH TIMES DIGITAL DUBLIN", [(D(2000, 1, 1), 15.00), (D(2024, 3, 1), 17.00)], 1),
        "ms365": (lambda i, d: "MICROSOFT*MICROSOFT 365 F MSBILL.INFO", [(D(2000, 1, 1), 99.00), (D(2025, 1, 16), 129.00)], 12),
        "disney": (lambda i, d: "DISNEY PLUS LONDON", [(D(2000, 1, 1), 8.99), (D(2023, 11, 1), 10.99), (D(2024, 11, 1), 11.99)], 1),
        "applecloud": (lambda i, d: "APPLE.COM/BILL HOLLYHILL", [(D(2000, 1, 1), 0.99), (D(2023, 7, 1), 2.99)], 1),
    },
    "JP": {
        "netflix": (lambda i, d: "NETFLIX.COM", [(D(2000, 1, 1), 1490), (D(2024, 4, 1), 1590)], 1),
        "prime": (lambda i, d: "ｱﾏｿﾞﾝﾌﾟﾗｲﾑｶｲﾋ", [(D(2000, 1, 1), 500), (D(2022, 8, 24), 600)], 1),
        "unext": (lambda i, d: "Ｕ－ＮＥＸＴ", [(D(2000, 1, 1), 2189)], 1),
        "dazn": (lambda i, d: "ＤＡＺＮ", [(D(2000, 1, 1), 3000), (D(2023, 2, 14), 3700), (D(2024, 2, 14), 4200)], 1),
        "applecloud": (lambda i, d: "ＡＰＰＬＥ　ＣＯＭ　ＢＩＬＬ", [(D(2000, 1, 1), 130), (D(2023, 7, 1), 150)], 1),
        "ms365": (lambda i, d: "ＭＩＣＲＯＳＯＦＴ＊Ｍｉｃｒｏｓｏｆｔ　３６５", [(D(2000, 1, 1), 12984), (D(2024, 2, 1), 14900), (D(2025, 2, 1), 21000)], 12),
        "nikkei": (lambda i, d: "日経電子版", [(D(2000, 1, 1), 4277)], 1),
        "anytime": (lambda i, d: "エニタイムフィットネス", [(D(2000, 1, 1), 7480), (D(2024, 4, 1), 7678)], 1),
        "virusbuster": (lambda i, d: "トレンドマイクロ", [(D(2000, 1, 1), 5720), (D(2000, 1, 2), 6480)], 12),
    },
}

# bills: name -> (desc fn, base amount, seasonal amplitude, period months)
BILLS = {
    "US": {
        "coned": (lambda i, d: "CON ED OF NY INTELL CK 800-752-6633 NY", 95, 0.45, 1),
        "pge": (lambda i, d: "PGANDE WEB ONLINE 800-743-5000 CA", 140, 0.40, 1),
        "verizon": (lambda i, d: "VZWRLSS*APOCC VISB 800-922-0204 FL", 118, 0.10, 1),
        "tmobile": (lambda i, d: "T-MOBILE*AUTO PAY 800-937-8997 WA", 86, 0.08, 1),
        "xfinity": (lambda i, d: "COMCAST CABLE COMM 800-COMCAST PA", 89, 0.06, 1),
        "nationalgrid": (lambda i, d: "NATIONAL GRID US 800-322-3223 MA", 110, 0.65, 1),
    },
    "UK": {
        "octopus": (lambda i, d: "OCTOPUS ENERGY LTD LONDON", 92, 0.5, 1),
        "britishgas": (lambda i, d: "BRITISH GAS 0333 202 9802", 78, 0.6, 1),
        "ee": (lambda i, d: "EE LIMITED HATFIELD", 38, 0.12, 1),
        "vodafone": (lambda i, d: "VODAFONE LTD NEWBURY", 29, 0.15, 1),
        "bt": (lambda i, d: "BT GROUP PLC LONDON", 47, 0.05, 1),
    },
    "IE": {
        "electricireland": (lambda i, d: "ELECTRIC IRELAND DUBLIN", 210, 0.35, 2),
        "bordgais": (lambda i, d: "BORD GAIS ENERGY CORK", 175, 0.6, 2),
        "eir": (lambda i, d: "EIR MOBILE DUBLIN", 32, 0.12, 1),
        "vodafoneie": (lambda i, d: "VODAFONE IRELAND DUBLIN", 41, 0.12, 1),
        "virginie": (lambda i, d: "VIRGIN MEDIA IRELAND", 65, 0.05, 1),
    },
    "JP": {
        "tepco": (lambda i, d: "東京電力エナジーパートナー", 8200, 0.4, 1),
        "tokyogas": (lambda i, d: "東京ガス", 5200, 0.55, 1),
        "docomo": (lambda i, d: "ＮＴＴドコモご利用料金", 7400, 0.15, 1),
        "softbank": (lambda i, d: "ｿﾌﾄﾊﾞﾝｸM", 6800, 0.12, 1),
        "au": (lambda i, d: "ａｕ携帯電話", 7100, 0.15, 1),
        "water": (lambda i, d: "東京都水道局", 6400, 0.18, 2),
        "nhk": (lambda i, d: "ＮＨＫ放送受信料", 0, 0, 2),  # fixed, see nhk_amount
    },
}

# one provider per household for each kind of service
BILL_GROUPS = [{"coned", "pge", "nationalgrid"}, {"verizon", "tmobile"}, {"ee", "vodafone"}, {"eir", "vodafoneie"},
               {"docomo", "softbank", "au"}]

def pick_bills(country, n, must=()):
    keys = list(must)
    pool = [k for k in BILLS[country] if k not in keys]
    R.shuffle(pool)
    for k in pool:
        if len(keys) >= n:
            break
        if any(k in g and any(x in g for x in keys) for g in BILL_GROUPS):
            continue
        keys.append(k)
    return keys

def nhk_amount(d):  # 2-month card payment, terrestrial contract (fee cut Oct 2023)
    return 2450 if d < D(2023, 10, 1) else 2200

# rotating-reference legit subscriptions: desc changes every charge
ROTATING = {
    "US": {
        "spotify": (lambda i, d: f"SPOTIFY USA P{code(9)} NEW YORK NY", [(D(2000, 1, 1), 9.99), (D(2023, 7, 24), 10.99), (D(2024, 6, 1), 11.99)], 1),
        "prime": (lambda i, d: f"AMAZON PRIME*{code(9)} AMZN.COM/BILL WA", [(D(2000, 1, 1), 12.99), (D(2022, 2, 18), 14.99)], 1),
        "gstorage": (lambda i, d: f"GOOGLE *Google One G.CO/HELPPAY#{code(10)}", [(D(2000, 1, 1), 2.99)], 1),
        "norton": (lambda i, d: f"NORTON *{code(8)} 844-488-4540 AZ", [(D(2000, 1, 1), 49.99), (D(2000, 1, 2), 109.99)], 12),
        "dropbox": (lambda i, d: f"DROPBOX*{code(10)} DROPBOX.COM CA", [(D(2000, 1, 1), 11.99)], 1),
        "hulu": (lambda i, d: f"HLU*HULU {code(10, string.digits)}-U HULU.COM/BILL CA", [(D(2000, 1, 1), 7.99), (D(2024, 10, 10), 9.99)], 1),
        "kindle": (lambda i, d: f"AMZN DIGITAL*{code(9)} 888-802-3080 WA", [(D(2000, 1, 1), 11.99)], 1),
    },
    "UK": {
        "spotify": (lambda i, d: f"SPOTIFY P{code(9)} LONDON", [(D(2000, 1, 1), 10.99), (D(2023, 7, 1), 11.99), (D(2024, 5, 1), 12.99)], 1),
        "prime": (lambda i, d: f"AMAZON PRIME*{code(9)} AMAZON.CO.UK", [(D(2000, 1, 1), 7.99), (D(2022, 9, 15), 8.99)], 1),
        "gstorage": (lambda i, d: f"GOOGLE *GOOGLE STORAGE {code(10)}", [(D(2000, 1, 1), 1.59), (D(2023, 5, 1), 1.79)], 1),
        "audible": (lambda i, d: f"AUDIBLE UK*{code(9)} ADBL.CO/PYMT", [(D(2000, 1, 1), 7.99)], 1),
        "norton": (lambda i, d: f"NORTON *{code(8)} DUBLIN", [(D(2000, 1, 1), 29.99), (D(2000, 1, 2), 89.99)], 12),
    },
    "IE": {
        "spotify": (lambda i, d: f"SPOTIFY P{code(9)} STOCKHOLM", [(D(2000, 1, 1), 10.99), (D(2023, 8, 1), 11.99), (D(2024, 7, 1), 12.99)], 1),
        "prime": (lambda i, d: f"AMAZON PRIME*{code(9)} AMAZON.CO.UK", [(D(2000, 1, 1), 7.99), (D(2022, 9, 15), 8.99)], 1),
        "gstorage": (lambda i, d: f"GOOGLE *GOOGLE STORAGE {code(10)}", [(D(2000, 1, 1), 1.99)], 1),
        "norton": (lambda i, d: f"NORTON *{code(8)} DUBLIN", [(D(2000, 1, 1), 34.99), (D(2000, 1, 2), 99.99)], 12),
    },
    "JP": {
        "spotify": (lambda i, d: f"SPOTIFY P{code(9)}", [(D(2000, 1, 1), 980), (D(2024, 9, 1), 1080)], 1),
        "prime": (lambda i, d: f"AMAZON PRIME*{code(9)}", [(D(2000, 1, 1), 500), (D(2022, 8, 24), 600)], 1),
        "gstorage": (lambda i, d: f"GOOGLE *GOOGLE ONE {code(10)}", [(D(2000, 1, 1), 250), (D(2024, 1, 1), 290)], 1),
        "norton": (lambda i, d: f"NORTON *{code(8)}", [(D(2000, 1, 1), 4480), (D(2000, 1, 2), 7980)], 12),
    },
}

# ----------------------------------------------------------------------------- listed scam merchants
# id -> (era end year, descriptor forms by card country, home billing currency of merchant, amount menu)
LISTED = {
    "restoro": (2023, {
        "US": ["RESTORO.COM NICOSIA CY", "PAYPAL *RESTOROCYPR 4029357733", "2CO.COM*RESTORO 877-294-0273", "RESTORO CYPRUS LIMITED"],
        "UK": ["RESTORO CYPRUS LIMITED NICOSIA", "PAYPAL *RESTOROCYPR", "RESTORO.COM +35722 CY"],
        "IE": ["RESTORO CYPRUS LTD NICOSIA", "PAYPAL *RESTOROCYPR"],
        "JP": ["RESTORO.COM NICOSIA CY", "ＲＥＳＴＯＲＯ", "ﾚｽﾄﾛ", "レストロ　リペア", "PAYPAL *RESTOROCYPR"]}, "USD"),
    "reimage": (2023, {
        "US": ["REIMAGE CYPRUS LIMITED NICOS", "PAYPAL *REIMAGECYPR 4029357733", "REIMAGE PLUS 844-555-0162 CY", "2CO.COM*REIMAGE PLUS"],
        "UK": ["REIMAGE CYPRUS LIMITED", "PAYPAL *REIMAGECYPR", "REIMAGE PLUS NICOSIA CY"],
        "IE": ["REIMAGE CYPRUS LIMITED", "PAYPAL *REIMAGECYPR"],
        "JP": ["REIMAGE PLUS", "ＲＥＩＭＡＧＥ　ＣＹＰＲＵＳ", "ﾘｲﾒｰｼﾞ ﾌﾟﾗｽ", "リイメージ"]}, "USD"),
    "boost-software": (2014, {"US": ["BOOST SOFTWARE INC 877-555-0113 MA", "SAFECART*PC HEALTHBOOST", "PC HEALTH BOOST 877-555-0113"], "UK": ["SAFECART*PC HEALTHBOOST", "BOOST SOFTWARE INC MA"], "IE": ["SAFECART*PC HEALTHBOOST"], "JP": ["PC HEALTHBOOST", "ＢＯＯＳＴ　ＳＯＦＴＷＡＲＥ"]}, "USD"),
    "vast-tech-support": (2014, {"US": ["VAST TECH SUPPORT LLC BOCA RATON FL", "OMG TECH HELP 888-555-0107 FL", "OMG TOTAL PROTECTION FL", "OMG BACK UP 888-555-0107"], "UK": ["OMG TECH HELP FL", "VAST TECH SUPPORT LLC"], "IE": ["OMG TECH HELP FL"], "JP": ["OMG TECH HELP", "ＯＭＧ　ＴＥＣＨ　ＨＥＬＰ"]}, "USD"),
    "pc-cleaner": (2014, {"US": ["PC CLEANER INC 888-555-0131 FL", "SAFECART*PC CLEANER PRO", "NETCOM3 GLOBAL 888-555-0131"], "UK": ["SAFECART*PC CLEANER PRO"], "IE": ["SAFECART*PC CLEANER PRO"], "JP": ["PC CLEANER PRO", "ＰＣ　ＣＬＥＡＮＥＲ　ＰＲＯ"]}, "USD"),
    "inbound-call-experts": (2014, {"US": ["ADVANCED TECH SUPPORT 561-555-0190 FL", "INBOUND CALL EXPERTS LLC", "ADVANCED TECH SUPPORTCO FL"], "UK": ["ADVANCED TECH SUPPORT FL"], "IE": ["ADVANCED TECH SUPPORT FL"], "JP": ["ADVANCED TECH SUPPORT"]}, "USD"),
    "global-access-technical-support": (2016, {"US": [trunc("GLOBAL ACCESS TECHNICAL SUPPORT", 25) + " MO", "GLOBAL SMIND LLC ST LOUIS MO", "YUBDATA TECH 314-555-0147 MO", "TECHNOLIVE ST LOUIS MO", "SOURCE PUNDIT LLC MO", "HELIOS DIGITAL MEDIA LLC"], "UK": ["GLOBAL ACCESS TECH SUPPORT", "GLOBAL S CONNECT ST LOUIS"], "IE": ["GLOBAL ACCESS TECH SUPPORT"], "JP": ["GLOBAL ACCESS TECH SUPPORT", "ＧＬＯＢＡＬ　ＳＭＩＮＤ"]}, "USD"),
    "click4support": (2015, {"US": ["CLICK4SUPPORT LLC 888-555-0151 PA", "ISOURCEUSA 888-555-0151 PA", "INNOVAZION INC PA", "SPANNING SOURCE PA"], "UK": ["CLICK 4 SUPPORT PA"], "IE": ["CLICK4SUPPORT LLC"], "JP": ["CLICK4SUPPORT", "ＣＬＩＣＫ４ＳＵＰＰＯＲＴ"]}, "USD"),
    "elite-it-partners": (2022, {"US": ["ELITE IT PARTNERS 801-555-0122 UT", "ELITE IT HOME UT"], "UK": ["ELITE IT HOME UT"], "IE": ["ELITE IT PARTNERS"], "JP": ["ELITE IT HOME"]}, "USD"),
    "i-fix-pc": (2019, {"US": ["TECHERS247 844-555-0166 FL", "I FIX PC LLC FL", "IFIXPC.COM 844-555-0166"], "UK": ["TECHERS 247 FL"], "IE": ["TECHERS247"], "JP": ["TECHERS247", "ＩＦＩＸＰＣ"]}, "USD"),
    "repair-all-pc": (2019, {"US": ["REPAIR ALL PC LLC 833-555-0175", "PAYPAL *REPAIRALLPC"], "UK": ["REPAIR ALL PC LLC"], "IE": ["REPAIR ALL PC LLC"], "JP": ["REPAIR ALL PC"]}, "USD"),
    "webtech-world": (2019, {"US": ["WEBTECH WORLD LLC 844-555-0108", "WEB TECH WORLD FL"], "UK": ["WEBTECH WORLD LLC"], "IE": ["WEB TECH WORLD"], "JP": ["WEBTECH WORLD"]}, "USD"),
    "big-dog-solutions": (2018, {"US": ["HELP DESK NATIONAL 800-555-0156", "BIG DOG SOLUTIONS LLC", "HELP DESK GLOBAL ON"], "UK": ["HELP DESK GLOBAL"], "IE": ["HELP DESK NATIONAL"], "JP": ["HELP DESK NATIONAL"]}, "USD"),
    "vylah-tec": (2018, {"US": ["VYLAH TEC LLC 877-555-0119 FL", "VYLAH TECH FL"], "UK": ["VYLAH TEC LLC"], "IE": ["VYLAH TEC"], "JP": ["VYLAH TECH"]}, "USD"),
    "universal-network-solutions": (2017, {"US": [trunc("UNIVERSAL NETWORK SOLUTIONS INC", 25) + " FL"], "UK": ["UNIVERSAL NETWORK SOLUTIO"], "IE": ["UNIVERSAL NETWORK SOLUTIO"], "JP": ["UNIVERSAL NETWORK SOLUTIONS"]}, "USD"),
    "pairsys": (2014, {"US": ["PAIRSYS INC 518-555-0135 NY"], "UK": ["PAIRSYS INC NY"], "IE": ["PAIRSYS INC"], "JP": ["PAIRSYS INC"]}, "USD"),
    "pecon-software": (2012, {"US": ["PECON SOFTWARE LTD"], "UK": ["PECON SOFTWARE UK LONDON", "PECON INFOTECH LONDON"], "IE": ["PECON SOFTWARE UK"], "JP": ["PECON SOFTWARE"]}, "GBP"),
    "pccare247": (2012, {"US": ["PCCARE247 SOLUTIONS 877-555-0104", "PC CARE 247 INC NJ"], "UK": ["PCCARE247 SOLUTIONS"], "IE": ["PCCARE247"], "JP": ["PCCARE247"]}, "USD"),
    "iyogi": (2016, {"US": ["IYOGI INC 877-555-0181 NY", "IYOGI TECH SUPPORT GURGAON"], "UK": ["IYOGI INC NEW YORK"], "IE": ["IYOGI INC"], "JP": ["IYOGI INC", "ＩＹＯＧＩ", "アイヨギ"]}, "USD"),
    "ascentive": (2010, {"US": ["FINALLYFAST.COM 800-555-0139 PA", "ASCENTIVE LLC PHILADELPHIA PA", "ACTIVESPEED 800-555-0139", "FS *FINALLYFAST"], "UK": ["FINALLYFAST.COM PA"], "IE": ["FINALLYFAST.COM"], "JP": ["FINALLYFAST.COM", "ファイナリーファスト"]}, "USD"),
    "tech-live-connect": (2022, {"US": ["NEXWAY*TECH LIVE CONNECT", "TECHLIVE CONNECT NEW DELHI"], "UK": ["NEXWAY*TECHLIVE CONNECT"], "IE": ["NEXWAY*TECH LIVE CONNECT"], "JP": ["TECH LIVE CONNECT", "ＴＥＣＨ　ＬＩＶＥ　ＣＯＮＮＥＣＴ"]}, "USD"),
    "thee-future-web": (2016, {"US": ["THEE FUTURE WEB LTD ON"], "UK": ["THEE FUTURE WEB LTD"], "IE": ["THEE FUTURE WEB"], "JP": ["THEE FUTURE WEB"]}, "USD"),
    "nextgen-webstore": (2016, {"US": ["NEXTGEN WEBSTORE LTD ON", "NEXT GEN WEBSTORE 855-555-0177"], "UK": ["NEXTGEN WEBSTORE LTD"], "IE": ["NEXTGEN WEBSTORE"], "JP": ["NEXTGEN WEBSTORE"]}, "USD"),
    "winfixer": (2008, {"US": ["WINFIXER.COM", "ERRORSAFE.COM"], "UK": ["WINFIXER.COM"], "IE": ["WINFIXER.COM"], "JP": ["WINFIXER"]}, "USD"),
    "xp-antivirus": (2008, {"US": ["XP ANTIVIRUS 2008", "WINANTIVIRUS PRO"], "UK": ["ANTIVIRUS XP"], "IE": ["XP ANTIVIRUS 2008"], "JP": ["XP ANTIVIRUS"]}, "USD"),
    "registry-cleaner-xp": (2008, {"US": ["REGISTRY CLEANER XP TX", "BRANCH SOFTWARE TX"], "UK": ["REGISTRY CLEANER XP"], "IE": ["REGISTRY CLEANER XP"], "JP": ["REGISTRY CLEANER XP"]}, "USD"),
    "greybytes-cybertech": (2012, {"US": ["GREYBYTES CYBERTECH"], "UK": ["GREYBYTES CYBERTECH PVT"], "IE": ["GREYBYTES"], "JP": ["GREYBYTES"]}, "USD"),
}
LISTED_MODERN = ["restoro", "reimage", "elite-it-partners", "tech-live-connect", "i-fix-pc", "repair-all-pc", "webtech-world", "big-dog-solutions", "vylah-tec"]

# ----------------------------------------------------------------------------- fictional (unlisted) scam merchants
FICTIONAL_SCAMS = {
    "zendrix": {"US": ["ZENDRIX PC SHIELD 888-555-0126 FL", "PAYPAL *ZENDRIXPCSH"], "UK": ["ZENDRIX PC SHIELD LONDON"], "IE": ["ZENDRIX PC SHIELD"], "JP": ["ZENDRIX PC SHIELD", "ＺＥＮＤＲＩＸ　ＰＣ　ＳＨＩＥＬＤ", "ゼンドリクス　ＰＣシールド"]},
    "quellon": {"US": ["QUELLON SUPPORT HUB 855-555-0148", "PAYPAL *QUELLONSUPP"], "UK": ["QUELLON SUPPORT HUB LTD LONDON", "PAYPAL *QUELLONSUPP"], "IE": ["QUELLON SUPPORT HUB"], "JP": ["QUELLON SUPPORT HUB", "ｻﾎﾟｰﾄﾃﾞｽｸ ｸｴﾛﾝ", "クエロン　サポートハブ"]},
    "vortiqa": {"US": ["VORTIQA TECHCARE LLC NJ", "FS *VORTIQATECHCARE"], "UK": ["VORTIQA TECHCARE LTD"], "IE": ["VORTIQA TECHCARE"], "JP": ["VORTIQA TECHCARE", "ＶＯＲＴＩＱＡ　ＴＥＣＨＣＡＲＥ"]},
    "bravix": {"US": ["FS *BRAVIXOPTIMIZER", "BRAVIX OPTIMIZER 877-555-0193"], "UK": ["FS *BRAVIXOPTIMIZER"], "IE": ["FS *BRAVIXOPTIMIZER"], "JP": ["BRAVIX OPTIMIZER", "ﾌﾞﾗﾋﾞｯｸｽ ｵﾌﾟﾃｨﾏｲｻﾞｰ"]},
    "cyntrel": {"US": ["CYNTREL SECURE 360 TX", "2CO.COM*CYNTREL SECURE"], "UK": ["CYNTREL SECURE 360 UK", "2CO.COM*CYNTREL SECURE"], "IE": ["2CO.COM*CYNTREL SECURE"], "JP": ["2CO.COM*CYNTREL SECURE", "ＣＹＮＴＲＥＬ　ＳＥＣＵＲＥ　３６０"]},
    "helpvanta": {"US": ["HELPVANTA ONLINE SVCS 888-555-0112", "PAYPAL *HELPVANTA"], "UK": ["HELPVANTA ONLINE SVCS"], "IE": ["HELPVANTA ONLINE"], "JP": ["HELPVANTA ONLINE", "ヘルプヴァンタ　オンライン"]},
    "omnifyx": {"US": ["OMNIFYX TECH DESK 855-555-0171", "OMNIFYX TECH DESK NOIDA IN"], "UK": ["OMNIFYX TECH DESK"], "IE": ["OMNIFYX TECH DESK"], "JP": ["OMNIFYX TECH DESK"]},
    "pyxlo": {"US": ["PYXLO SYSTEM CARE", "2CO.COM*PYXLO SYSCARE"], "UK": ["PADDLE.NET* PYXLOSYSCARE"], "IE": ["PADDLE.NET* PYXLOSYSCARE"], "JP": ["PYXLO SYSTEM CARE", "ＰＹＸＬＯ　ＳＹＳＴＥＭ　ＣＡＲＥ", "ﾋﾟｸｽﾛ ｼｽﾃﾑｹｱ"]},
    "trevanto": {"US": ["PADDLE.NET* TREVANTOGUARD", "TREVANTO GUARD 866-555-0158"], "UK": ["PADDLE.NET* TREVANTOGUARD"], "IE": ["TREVANTO GUARD"], "JP": ["TREVANTO GUARD"]},
    "skyvance": {"US": ["SKYVANCE PC FIXERS 844-555-0133", "SKYVANCE PC FIXERS DE"], "UK": ["SKYVANCE PC FIXERS"], "IE": ["SKYVANCE PC FIXERS"], "JP": ["SKYVANCE PC FIXERS", "スカイヴァンス　ＰＣ修理"]},
    "nexorial": {"US": ["NEXORIAL HELPDESK INC 888-555-0184", "NEXORIAL HELPDESK CA"], "UK": ["NEXORIAL HELPDESK"], "IE": ["NEXORIAL HELPDESK"], "JP": ["NEXORIAL HELPDESK"]},
    "fortiva": {"US": ["FORTIVA CLEANWARE", "CLEVERBRIDGE*FORTIVACLEAN"], "UK": ["CLEVERBRIDGE*FORTIVACLEAN"], "IE": ["CLEVERBRIDGE*FORTIVACLEAN"], "JP": ["FORTIVA CLEANWARE"]},
    "wintechctr": {"US": ["WIN TECH SUPPORT CTR 855-555-0190", "WIN TECH SUPPORT CTR KOLKATA"], "UK": ["WIN TECH SUPPORT CTR"], "IE": ["WIN TECH SUPPORT CTR"], "JP": ["WIN TECH SUPPORT CTR"]},
    "kirabashi": {"US": ["KIRABASHI NET GUARD"], "UK": ["KIRABASHI NET GUARD"], "IE": ["KIRABASHI NET GUARD"], "JP": ["パソコン安心サポート　キラバシ", "ｷﾗﾊﾞｼ ﾈｯﾄｶﾞｰﾄﾞ", "ＫＩＲＡＢＡＳＨＩ　ＮＥＴ　ＧＵＡＲＤ"]},
}
# JP domestic fictional scams bill in JPY; foreign ones in USD
JP_DOMESTIC_FICT = {"ゼンドリクス　ＰＣシールド", "ｻﾎﾟｰﾄﾃﾞｽｸ ｸｴﾛﾝ", "クエロン　サポートハブ", "ヘルプヴァンタ　オンライン", "スカイヴァンス　ＰＣ修理",
                    "パソコン安心サポート　キラバシ", "ｷﾗﾊﾞｼ ﾈｯﾄｶﾞｰﾄﾞ", "ＫＩＲＡＢＡＳＨＩ　ＮＥＴ　ＧＵＡＲＤ", "ﾌﾞﾗﾋﾞｯｸｽ ｵﾌﾟﾃｨﾏｲｻﾞｰ", "ﾋﾟｸｽﾛ ｼｽﾃﾑｹｱ"}

# ----------------------------------------------------------------------------- case machinery
class Case:
    n = 0

    def __init__(self, bucket: str, country: str, end: dt.date | None = None, months: int | None = None, ncards: int = 1):
        Case.n += 1
        self.name = f"ind-{Case.n:03d}"
        self.client = f"client-{Case.n + 100:03d}"
        self.bucket, self.country, self.cur = bucket, country, CUR[country]
        self.months = months or R.randint(12, 36)
        end = end or rnd_date(D(2023, 9, 1), D(2026, 10, 31))
        self.end = end
        self.start = add_months(end, -self.months) + dt.timedelta(days=1)
        self.cards = [f"****{R.randint(1000, 9999)}" for _ in range(ncards)]
        self.rows: list[dict] = []
        self.nstream = 0

    # amounts in merchant currency `mcur`; converted if differs from billing currency
    def add(self, d: dt.date, desc: str, amount: float, kind: str = "charge", card: str | None = None,
            stream: str = "", scam: int = 0, mcur: str | None = None):
        if d < self.start or d > self.end:
            return None
        mcur = mcur or self.cur
        row = dict(date=d, description=desc, kind=kind, card=card or self.cards[0], stream_id=stream, scam=scam,
                   original_amount="", original_currency="", rate="")
        if mcur != self.cur:
            rate = fx_rate(mcur, self.cur, d)
            billed = amount * rate
            row.update(original_amount=f"{amount:.0f}" if mcur == "JPY" else f"{amount:.2f}", original_currency=mcur, rate=f"{rate}")
            amount = billed
        row["amount"] = round(amount) if self.cur == "JPY" else round(amount, 2)
        self.rows.append(row)
        return row

    def new_stream(self) -> str:
        self.nstream += 1
        return f"{self.name}:s{self.nstream}"

    # ---- recurring
    def recurring(self, first: dt.date, period: int, desc_fn, amt_fn, card=None, scam=0, mcur=None,
                  last: dt.date | None = None, jitter: int = 0, sid: str | None = None):
        sid = sid or self.new_stream()
        day = first.day
        i, d0 = 0, first
        last = min(last or self.end, self.end)
        out = []
        while d0 <= last:
            d = d0 + dt.timedelta(days=R.randint(0, jitter)) if jitter else d0
            if d >= self.start:
                r = self.add(d, desc_fn(i, d), amt_fn(i, d), card=card, stream=sid, scam=scam, mcur=mcur)
                if r:
                    out.append(r)
            i += 1
            d0 = add_months(first, i * period, day)
        return sid, out

    def legit_sub(self, key=None, pool=None, card=None, first=None, last=None, mcur=None):
        pool = pool or LEGIT_SUBS[self.country]
        key = key or R.choice(list(pool))
        desc_fn, sched, period = pool[key]
        first = first or (self.start - dt.timedelta(days=R.randint(0, 28 * period)))
        if first < self.start and period == 1:
            first = self.start + dt.timedelta(days=R.randint(0, 27))
        if period == 12:
            first = self.start + dt.timedelta(days=R.randint(0, 300))
        # annual security suites: first year intro price, later renewals at list price
        intro = sched[0][0] == D(2000, 1, 1) and len(sched) > 1 and sched[1][0] == D(2000, 1, 2)
        def amt(i, d):
            if intro:
                return sched[0][1] if i == 0 and R.random() < 0.5 else sched[1][1]
            return price_at(sched, d)
        return self.recurring(first, period, desc_fn, amt, card=card, mcur=mcur, last=last)

    def bill(self, key=None, card=None):
        pool = BILLS[self.country]
        key = key or R.choice(list(pool))
        desc_fn, base, amp, period = pool[key]
        first = self.start + dt.timedelta(days=R.randint(0, 28 * period - 1))
        phase = R.random() * 12
        def amt(i, d):
            if key == "nhk":
                return nhk_amount(d)
            winter = np.cos((d.month - 1.2) / 12 * 2 * np.pi)  # peak Jan
            if key in ("coned", "pge") and R.random() < 0.5:
                winter = -winter  # summer AC peak
            v = base * (1 + amp * winter) * (1 + NP.normal(0, 0.07 if amp > 0.2 else 0.03))
            if self.cur == "JPY":
                return max(500, round(v))
            return max(5.0, round(v, 2))
        return self.recurring(first, period, desc_fn, amt, card=card, jitter=R.choice([0, 0, 1, 2, 3]))

    # ---- everyday noise
    def everyday(self, density=None, card=None, start=None, end=None):
        pool = EVERY[self.country]
        regular = []
        for variants, lo, hi, w in pool:
            k = min(len(variants), R.choice([1, 1, 2, 3]))
            chosen = R.sample(variants, k)
            regular.append((chosen, variants, lo, hi, w * R.uniform(0.4, 1.6)))
        weights = np.array([r[4] for r in regular])
        weights /= weights.sum()
        density = density or R.uniform(0.6, 2.6)
        d = start or self.start
        end = end or self.end
        while d <= end:
            wk = d.weekday()
            lam = density * (1.25 if wk >= 4 else 0.9)
            if d.day >= 25:
                lam *= 1.1
            for _ in range(NP.poisson(lam)):
                self.everyday_one(d, regular, weights, card)
            d += dt.timedelta(days=1)
        self._regular = (regular, weights)

    def everyday_one(self, d, regular=None, weights=None, card=None):
        if regular is None:
            regular, weights = self._regular
        idx = NP.choice(len(regular), p=weights)
        chosen, variants, lo, hi, _ = regular[idx]
        v = R.choice(chosen) if R.random() < 0.9 else R.choice(variants)
        desc = v() if callable(v) else v
        amt = float(np.exp(NP.uniform(np.log(lo), np.log(hi))))
        if self.cur == "JPY":
            amt = round(amt)
        else:
            amt = round(amt, 2)
        return self.add(d, desc, amt, card=card or R.choice(self.cards))

    def near_ordinary(self, d, n=3):
        """ordinary meals/rides/shopping in the same week as `d`."""
        for _ in range(n):
            self.everyday_one(d + dt.timedelta(days=R.randint(-3, 3)))

    # ---- everyday extras (no streams): store refunds, irregular haircut, cash
    def everyday_extras(self):
        c = self.country
        # occasional returns at shops (refund of an earlier charge of the same descriptor)
        charges = [r for r in self.rows if r["kind"] == "charge" and not r["stream_id"] and r["scam"] == 0]
        for r in R.sample(charges, min(len(charges), R.randint(0, 3))):
            if r["original_currency"]:
                continue
            self.add(r["date"] + dt.timedelta(days=R.randint(2, 20)), r["description"], -r["amount"] if R.random() < .7 else -round(r["amount"] * .4, 0 if self.cur == "JPY" else 2),
                     kind="refund", card=r["card"])
        # haircut every 4-7 weeks at a fixed-ish price (not a subscription)
        if R.random() < 0.6:
            name, price = {"US": ("SQ *FADE MASTERS BARBER", 35.0), "UK": ("TONI&GUY LONDON", 48.0),
                           "IE": ("PETERMARK DUNDRUM", 55.0), "JP": ("ＱＢ　ＨＯＵＳＥ", 1350)}[c]
            d = self.start + dt.timedelta(days=R.randint(0, 30))
            while d <= self.end:
                self.add(d, name, price + (R.choice([0, 0, 0, 5]) if c != "JP" else 0))
                d += dt.timedelta(days=R.randint(28, 50))

    # ---- statement payments (US/UK/IE print them; JP statements do not)
    def payments(self):
        if self.country == "JP":
            return
        desc = {"US": "PAYMENT - THANK YOU", "UK": "DIRECT DEBIT PAYMENT - THANK YOU", "IE": "PAYMENT RECEIVED - THANK YOU"}[self.country]
        for card in self.cards:
            cyc = R.randint(3, 26)
            d = add_months(self.start, 0, cyc)
            while d <= self.end:
                nd = add_months(d, 1, cyc)
                tot = sum(r["amount"] for r in self.rows if r["card"] == card and d <= r["date"] < nd and r["kind"] != "payment")
                pay_day = nd + dt.timedelta(days=R.randint(18, 24))
                if tot > 0 and pay_day <= self.end:
                    amt = tot if R.random() < 0.85 else max(25.0, round(tot * R.uniform(0.1, 0.6), 2))
                    self.add(pay_day, desc, -round(amt, 2), kind="payment", card=card)
                d = nd

    def finish(self):
        self.rows.sort(key=lambda r: (r["date"], r["card"], r["description"]))
        out = []
        for i, r in enumerate(self.rows, 1):
            post = ""
            if self.country != "JP" and r["kind"] != "payment":
                post = (r["date"] + dt.timedelta(days=R.choice([1, 1, 1, 2, 2, 3]))).isoformat()
            elif self.country != "JP":
                post = r["date"].isoformat() if False else ""
            amt = r["amount"]
            out.append(dict(id=f"{self.name}:r{i}", source=f"{self.name}.csv", page="", row=i, date=r["date"].isoformat(),
                            posting_date=post, description=r["description"],
                            amount=str(int(amt)) if self.cur == "JPY" else f"{amt:.2f}", currency=self.cur,
                            original_amount=r["original_amount"], original_currency=r["original_currency"], rate=r["rate"],
                            card=r["card"], cardholder="", kind=r["kind"], client=self.client, case=self.name,
                            bucket=self.bucket, stream_id=r["stream_id"], scam=r["scam"]))
        return out


def background(c: Case, n_subs=(1, 3), n_bills=(1, 2)):
    keys = R.sample(list(LEGIT_SUBS[c.country]), R.randint(*n_subs))
    for k in keys:
        c.legit_sub(k)
    for k in pick_bills(c.country, R.randint(*n_bills)):
        c.bill(k)


# ----------------------------------------------------------------------------- scam helpers
def scam_amount(country_bill: str, mcur: str, plan: str) -> float:
    if mcur == "JPY":
        return {"month": R.choice([3980, 4980, 2980]), "year": R.choice([29800, 39800, 19800]),
                "multi": R.choice([69800, 98000]), "life": R.choice([49800, 98000, 148000])}[plan]
    if mcur == "GBP":
        return {"month": R.choice([24.99, 29.99, 39.99]), "year": R.choice([149.99, 199.00, 249.99]),
                "multi": R.choice([399.00, 499.00]), "life": R.choice([299.00, 399.00, 599.00])}[plan]
    return {"month": R.choice([29.99, 39.99, 49.99, 19.99]), "year": R.choice([199.99, 299.99, 249.00, 399.00]),
            "multi": R.choice([499.99, 599.00, 699.00]), "life": R.choice([299.99, 499.99, 799.00, 999.00])}[plan]


def scam_sub(c: Case, desc_choices, mcur: str, plan: str, first: dt.date, n_max=None, card=None, vary_desc=False):
    """A scam subscription/plan. Monthly/annual/multi-year ones are streams; 'life' is a one-off."""
    base_desc = R.choice(desc_choices)
    amount = scam_amount(c.country, mcur, plan)
    if plan == "life":
        r = c.add(first, base_desc, amount, card=card, scam=1, mcur=mcur)
        return "", [r] if r else []
    period = {"month": 1, "year": 12, "multi": R.choice([24, 36])}[plan]
    last = None
    if n_max:
        last = add_months(first, period * (n_max - 1))
    dfn = (lambda i, d: R.choice(desc_choices)) if vary_desc else (lambda i, d: base_desc)
    return c.recurring(first, period, dfn, lambda i, d: amount, card=card, scam=1, mcur=mcur, last=last)


def listed_descs(mid, country):
    return LISTED[mid][1][country]


def jp_merchant_cur(desc: str, listed: bool) -> str:
    """JP cards: Latin descriptors of overseas merchants bill in USD; kana/full-width domestic renderings in JPY
    for fictional domestic sellers; listed (overseas) merchants stay USD even when the issuer prints kana."""
    if listed:
        return "USD"
    return "JPY" if desc in JP_DOMESTIC_FICT else "USD"


# ----------------------------------------------------------------------------- bucket builders
COUNTRY_CYCLE = ["US", "UK", "JP", "IE", "US", "JP", "UK", "US", "IE"]

def b_listed(i):
    country = COUNTRY_CYCLE[i]
    mids = LISTED_MODERN if i % 3 else [m for m in LISTED if LISTED[m][0] >= 2012]
    mid = R.choice(mids)
    era = LISTED[mid][0]
    end = rnd_date(D(era, 3, 1), D(min(era + 1, 2026), 10, 1))
    c = Case("listed", country, end=end)
    c.everyday()
    background(c)
    n_merch = R.choice([1, 1, 2, 3])
    cands = [m for m in LISTED if abs(LISTED[m][0] - era) <= 2 and m != mid and LISTED[m][0] >= 2012]
    chosen = [mid] + R.sample(cands, min(n_merch - 1, len(cands)))
    prev_first = None
    for k, m in enumerate(chosen):
        descs = listed_descs(m, country)
        mcur = LISTED[m][2] if country != "US" else "USD"
        if country == "UK" and m == "pecon-software":
            mcur = "GBP"
        if country in ("UK", "IE") and m in ("restoro", "reimage") and R.random() < 0.5:
            mcur = c.cur
        plan = R.choice(["month", "year", "multi", "month", "life"])
        first = c.start + dt.timedelta(days=R.randint(20, max(25, (c.end - c.start).days - 100)))
        if prev_first and R.random() < 0.6:  # several at once: upsell within days of the first
            first = prev_first + dt.timedelta(days=R.randint(0, 6))
        scam_sub(c, descs, mcur, plan, first, vary_desc=R.random() < 0.3)
        prev_first = prev_first or first
    return c


def b_unlisted(i):
    country = COUNTRY_CYCLE[i]
    c = Case("unlisted", country)
    c.everyday()
    background(c)
    names = R.sample(list(FICTIONAL_SCAMS), R.choice([1, 2, 3]))
    first = c.start + dt.timedelta(days=R.randint(30, max(35, (c.end - c.start).days - 90)))
    for k, nm in enumerate(names):
        descs = FICTIONAL_SCAMS[nm][country]
        if country == "JP":
            desc = R.choice(descs)
            mcur = jp_merchant_cur(desc, False)
            descs = [desc]
        else:
            mcur = c.cur if R.random() < 0.75 else "USD"
        plan = R.choice(["month", "year", "life", "month"])
        d = first + dt.timedelta(days=R.randint(0, 4)) if k else first  # several contracts within days
        scam_sub(c, descs, mcur, plan, d)
    return c


GIFT = {
    "US": (["CVS/PHARMACY #04512 CHICAGO IL", "WALGREENS #7781 DENVER CO", "TARGET 00012783 MINNEAPOLIS MN",
            "WAL-MART #2871 AUSTIN TX", "BEST BUY 00005314 RICHFIELD MN"], [100, 200, 250, 300, 400, 500, 500, 506.95, 505.94]),
    "UK": (["TESCO STORES 2873 LONDON", "BOOTS 1123 LONDON", "ARGOS LTD 0231 LONDON", "SAINSBURYS S/MKTS LONDON"], [100, 150, 200, 250, 250]),
    "IE": (["TESCO IRELAND DUBLIN 15", "DUNNES STORES CORNELSCOURT", "TESCO STORES 5302 DUBLIN"], [50, 100, 150, 200, 250]),
    "JP": (["セブン－イレブン", "ファミリーマート", "ローソン", "ＷＥＢＭＯＮＥＹ", "ＢＩＴＣＡＳＨ", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ",
            "ＡＰＰＬＥ　ＧＩＦＴ　ＣＡＲＤ", "ＧＯＯＧＬＥ　ＰＬＡＹ　ギフトコード"], [5000, 10000, 10000, 20000, 30000, 50000]),
}

def gift_burst(c: Case, d: dt.date, n=None, card=None):
    stores, amts = GIFT[c.country]
    n = n or R.randint(3, 7)
    mine = R.sample(stores, min(len(stores), R.randint(1, 3)))
    out = []
    for _ in range(n):
        dd = d + dt.timedelta(days=R.choice([0, 0, 0, 1, 1]))
        out.append(c.add(dd, R.choice(mine), R.choice(amts), card=card, scam=1))
    return out


def b_bursts(i):
    country = COUNTRY_CYCLE[i]
    c = Case("bursts", country)
    c.everyday()
    background(c)
    for _ in range(R.choice([1, 1, 2])):
        d = c.start + dt.timedelta(days=R.randint(30, (c.end - c.start).days - 5))
        if R.random() < 0.35:  # fake "support" fee first, then gift cards
            nm = R.choice(list(FICTIONAL_SCAMS))
            desc = R.choice(FICTIONAL_SCAMS[nm][country])
            mcur = jp_merchant_cur(desc, False) if country == "JP" else c.cur
            c.add(d - dt.timedelta(days=R.randint(0, 2)), desc, scam_amount(country, mcur, "life"), scam=1, mcur=mcur)
        gift_burst(c, d)
    # legit single gift card in December at the same retailers (ordinary present)
    stores, _ = GIFT[country]
    for y in range(c.start.year, c.end.year + 1):
        if R.random() < 0.6:
            dd = D(y, 12, R.randint(5, 22))
            c.add(dd, R.choice(stores), {"JP": 3000, "US": 50.0, "UK": 25.0, "IE": 50.0}[country])
    return c


def b_bills(i):
    country = COUNTRY_CYCLE[i]
    c = Case("bills", country)
    c.everyday()
    if country == "JP":
        chosen = pick_bills(country, R.randint(4, 5), must=["water", "nhk"])
    else:
        chosen = pick_bills(country, R.randint(3, 4))
    for k in chosen:
        c.bill(k)
    if R.random() < 0.5:
        c.legit_sub()
    return c


def b_rotating(i):
    country = COUNTRY_CYCLE[i]
    c = Case("rotating-reference", country)
    c.everyday()
    for k in R.sample(list(ROTATING[country]), R.randint(2, len(ROTATING[country]))):
        c.legit_sub(k, pool=ROTATING[country])
    if R.random() < 0.5:
        c.bill()
    return c


def b_everyday(i):
    country = COUNTRY_CYCLE[i]
    c = Case("everyday", country)
    c.everyday(density=R.uniform(1.0, 3.2))
    c.everyday_extras()
    if country != "JP" and R.random() < 0.4:  # cash advance + its fee
        d = rnd_date(c.start, c.end)
        amt = {"US": 200.0, "UK": 100.0, "IE": 100.0}[country]
        c.add(d, {"US": "CASH ADVANCE ATM 2231 MAIN ST", "UK": "CASH LINK ATM LONDON", "IE": "BOI ATM GRAFTON ST"}[country], amt, kind="cash")
        c.add(d, "CASH ADVANCE FEE", round(amt * 0.03, 2) if country != "US" else 10.0, kind="fee")
    return c


def b_legit_subs(i):
    country = COUNTRY_CYCLE[i]
    c = Case("legit-subscriptions", country, end=rnd_date(D(2024, 6, 1), D(2026, 10, 31)), months=R.randint(18, 36))
    c.everyday()
    keys = R.sample(list(LEGIT_SUBS[country]), R.randint(3, min(6, len(LEGIT_SUBS[country]))))
    sec = {"US": "mcafee", "UK": "norton", "JP": "virusbuster", "IE": "ms365"}[country]
    if sec not in keys:
        keys.append(sec)
    for k in keys:
        c.legit_sub(k)
    c.bill()
    # a subscription cancelled midway and one started midway
    k2 = R.choice([k for k in LEGIT_SUBS[country] if LEGIT_SUBS[country][k][2] == 1 and k not in keys] or [keys[0]])
    mid = c.start + dt.timedelta(days=(c.end - c.start).days // 2)
    c.legit_sub(k2, first=mid + dt.timedelta(days=R.randint(0, 60)))
    return c


REFUND_SHOPS = {
    "US": [("AMZN MKTP US*{c} AMZN.COM/BILL WA", 25, 220), ("NORDSTROM #0427 SEATTLE WA", 60, 300), ("BESTBUY.COM 00 888-237-8289 MN", 80, 700),
           ("ZAPPOS.COM 800-927-7671 NV", 50, 180), ("OLD NAVY ON-LINE 800-653-6289 OH", 20, 120), ("WAYFAIR*WAYFAIR 877-929-3247 MA", 80, 600)],
    "UK": [("AMAZON.CO.UK*{c} AMAZON.CO.UK", 15, 150), ("ASOS.COM LTD LONDON", 25, 140), ("JOHN LEWIS ONLINE", 40, 400), ("CURRYS ONLINE", 40, 500),
           ("ZALANDO UK LONDON", 30, 150), ("NEXT DIRECTORY LEICESTER", 20, 120)],
    "IE": [("ZALANDO SE BERLIN", 30, 160), ("AMAZON.DE*{c} AMAZON.DE", 20, 150), ("ASOS.COM LTD LONDON", 25, 140), ("ARNOTTS ONLINE DUBLIN", 40, 300),
           ("HARVEY NORMAN SWORDS", 60, 900)],
    "JP": [("ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 1500, 30000), ("ＺＯＺＯＴＯＷＮ", 3000, 20000), ("楽天市場", 1000, 25000), ("ユニクロオンラインストア", 1990, 12000),
           ("ヨドバシ．ｃｏｍ", 3000, 60000)],
}

def b_legit_refunds(i):
    country = COUNTRY_CYCLE[i]
    c = Case("legit-refunds", country)
    c.everyday()
    background(c, (0, 2), (0, 1))
    for _ in range(R.randint(3, 8)):
        tmpl, lo, hi = R.choice(REFUND_SHOPS[country])
        desc = tmpl.format(c=code(9))
        d = rnd_date(c.start, c.end - dt.timedelta(days=40))
        amt = float(np.exp(NP.uniform(np.log(lo), np.log(hi))))
        amt = round(amt) if c.cur == "JPY" else round(amt, 2)
        c.add(d, desc, amt)
        part = R.random() < 0.3
        ramt = amt if not part else (round(amt * R.uniform(.3, .7)) if c.cur == "JPY" else round(amt * R.uniform(.3, .7), 2))
        rdesc = desc if "{c}" not in tmpl or R.random() < 0.5 else tmpl.format(c=code(9))
        c.add(d + dt.timedelta(days=R.randint(3, 35)), rdesc, -ramt, kind="refund")
    # an accidental annual renewal refunded
    if R.random() < 0.5:
        sid, rows = c.legit_sub("ms365")
        if rows:
            r = rows[-1]
            c.add(r["date"] + dt.timedelta(days=R.randint(2, 10)), r["description"], -r["amount"], kind="refund")
    return c


def b_neighbours(i):
    country = COUNTRY_CYCLE[i]
    c = Case("innocent-neighbours", country)
    c.everyday(density=R.uniform(1.5, 3.0))
    background(c)
    events = []
    for _ in range(R.randint(1, 3)):
        if R.random() < 0.5:
            m = R.choice(LISTED_MODERN)
            descs = listed_descs(m, country)
            mcur = "USD"
        else:
            nm = R.choice(list(FICTIONAL_SCAMS))
            descs = [R.choice(FICTIONAL_SCAMS[nm][country])]
            mcur = jp_merchant_cur(descs[0], False) if country == "JP" else R.choice([c.cur, c.cur, "USD"])
        first = rnd_date(c.start + dt.timedelta(days=20), c.end - dt.timedelta(days=60))
        sid, rows = scam_sub(c, descs, mcur, R.choice(["month", "year", "life"]), first)
        events += rows
    for r in events:
        c.near_ordinary(r["date"], n=R.randint(3, 6))
    return c


def b_fullwidth(i):
    c = Case("fullwidth-katakana", "JP")
    c.everyday()
    background(c)
    jp_listed = [m for m in LISTED if any(any(ord(ch) > 0x2000 for ch in s) for s in LISTED[m][1]["JP"])]
    jp_fict = [n for n in FICTIONAL_SCAMS if any(any(ord(ch) > 0x2000 for ch in s) for s in FICTIONAL_SCAMS[n]["JP"])]
    for k in range(R.randint(1, 2)):
        if (i + k) % 2 == 0:
            m = R.choice(jp_listed)
            desc = R.choice([s for s in LISTED[m][1]["JP"] if any(ord(ch) > 0x2000 for ch in s)])
            mcur = "USD"
        else:
            n = R.choice(jp_fict)
            desc = R.choice([s for s in FICTIONAL_SCAMS[n]["JP"] if any(ord(ch) > 0x2000 for ch in s)])
            mcur = jp_merchant_cur(desc, False)
        first = rnd_date(c.start + dt.timedelta(days=15), c.end - dt.timedelta(days=45))
        scam_sub(c, [desc], mcur, R.choice(["month", "year", "life", "month"]), first)
    return c


LOOKALIKE = {
    "US": {
        "subs": [("BESTBUY GEEKSQUAD PROT 888-237-8289 MN", 19.99, 1), ("BOOST MOBILE 866-402-7366 CA", 25.00, 1),
                 ("SHINE CAR WASH CLUB 480-555-0110 AZ", 29.99, 1), ("MISTER CAR WASH UNLTD TUCSON AZ", 34.99, 1),
                 ("MALWAREBYTES 408-852-4305 CA", 44.99, 12), ("APPLE.COM/BILL 866-712-7753 CA", 9.99, 1)],
        "once": [("UBREAKIFIX #0312 AUSTIN TX", 89, 229), ("SQ *PC REPAIR PLUS AUSTIN TX", 60, 180), ("RESTORATION HARDWARE #412 CA", 180, 1400),
                 ("REIMAGINE HAIR STUDIO AUSTIN TX", 45, 160), ("SUPERCUTS #8812 AUSTIN TX", 22, 40), ("GREAT CLIPS #1234 AUSTIN TX", 20, 35),
                 ("IFIXIT.COM 805-555-0117 CA", 15, 75), ("MEGA BITES PIZZA AUSTIN TX", 12, 45), ("PRO CLEANERS DRY CLEAN TX", 15, 60),
                 ("MICROSOFT*STORE MSBILL.INFO WA", 29, 199), ("GEEK SQUAD IN-HOME SVC MN", 149, 199)]},
    "UK": {
        "subs": [("TEAM KNOWHOW CARE & REPAIR", 7.99, 1), ("IMO CAR WASH CLUB", 20.00, 1), ("NORTONLIFELOCK DUBLIN", 84.99, 12),
                 ("KASPERSKY LAB UK LONDON", 39.99, 12), ("MALWAREBYTES IRELAND", 39.99, 12)],
        "once": [("CURRYS PC WORLD 1234 LONDON", 30, 900), ("TOTAL PC REPAIRS CROYDON", 45, 150), ("REIMAGINE HAIR STUDIO LEEDS", 35, 110),
                 ("HEADMASTERS CLAPHAM", 30, 90), ("SHINE HAND CAR WASH LEEDS", 8, 25), ("MEGA BITES CAFE LONDON", 5, 20),
                 ("HELIOS FITNESS LONDON", 8, 15), ("NEW WORLD CHINESE TAKEAWAY", 12, 35)]},
    "IE": {
        "subs": [("VIRGIN MEDIA IRELAND", 60.00, 1), ("NORTONLIFELOCK DUBLIN", 99.99, 12), ("ESET IRELAND DUBLIN", 44.99, 12)],
        "once": [("CURRYS IRELAND BLANCHARDSTOWN", 40, 900), ("THE PC DOCTOR IRELAND DUBLIN", 50, 160), ("PETERMARK DUNDRUM", 35, 120),
                 ("SHINE CAR VALETING DUBLIN", 10, 40), ("HARVEY NORMAN SWORDS", 60, 900), ("REIMAGINE BEAUTY DUBLIN", 30, 90),
                 ("ELITE HAIR DESIGN CORK", 30, 80)]},
    "JP": {
        "subs": [("トレンドマイクロ", 6480, 12), ("ｿｰｽﾈｸｽﾄ ｾｷｭﾘﾃｨ", 1980, 12), ("ＰＣデポ　サポート", 2200, 1), ("マカフィー", 8980, 12)],
        "once": [("パソコン工房", 3000, 90000), ("ドスパラ", 2000, 150000), ("ＰＣデポ", 2000, 40000), ("ソースネクスト", 1980, 9800),
                 ("ＱＢ　ＨＯＵＳＥ", 1350, 1350), ("カーコンビニ倶楽部", 3000, 25000), ("ヘアサロン　リイマジン", 4400, 12000),
                 ("スプラッシュ洗車", 700, 2500)]},
}

def b_lookalikes(i):
    country = COUNTRY_CYCLE[i]
    c = Case("legit-lookalikes", country)
    c.everyday()
    background(c, (0, 2), (0, 1))
    L = LOOKALIKE[country]
    for desc, amt, period in R.sample(L["subs"], R.randint(1, min(3, len(L["subs"])))):
        first = c.start + dt.timedelta(days=R.randint(0, 200 if period == 12 else 27))
        c.recurring(first, period, lambda i_, d, s=desc: s, lambda i_, d, a=amt: a)
    for desc, lo, hi in R.sample(L["once"], R.randint(3, len(L["once"]))):
        for _ in range(R.choice([1, 1, 2, 3])):
            a = float(np.exp(NP.uniform(np.log(lo), np.log(hi))))
            c.add(rnd_date(c.start, c.end), desc, round(a) if c.cur == "JPY" else round(a, 2))
    return c


def b_multicard(i):
    country = COUNTRY_CYCLE[i]
    c = Case("multi-card", country, ncards=2)
    c.everyday()
    pool = LEGIT_SUBS[country]
    rot = ROTATING[country]
    if R.random() < 0.5:
        k = R.choice([k for k in pool if pool[k][2] == 1])
        for card in c.cards:
            c.legit_sub(k, card=card)
    else:
        k = R.choice(list(rot))
        for card in c.cards:
            c.legit_sub(k, pool=rot, card=card)
    for k2 in R.sample([x for x in pool if x != k], R.randint(1, 3)):
        c.legit_sub(k2, card=R.choice(c.cards))
    c.bill(card=c.cards[0])
    return c


RESELLER_LEGIT = {
    "US": [("FS *TECHSMITH 888-555-0100", 29.99, 12), ("PADDLE.NET* SETAPP", 9.99, 1), ("2CO.COM*BITDEFENDER 877-294-0273", 49.99, 12),
           ("DRI*AVAST SOFTWARE", 59.99, 12), ("CLEVERBRIDGE*MALWAREBYTES", 44.99, 12), ("PAYPAL *DROPBOX 402-935-7733", 11.99, 1),
           ("PADDLE.NET* NOTION LABS", 10.00, 1), ("FS *JETBRAINS", 24.90, 12), ("DRI*MCAFEE", 89.99, 12)],
    "UK": [("PADDLE.NET* SETAPP", 9.99, 1), ("2CO.COM*BITDEFENDER", 39.99, 12), ("CLEVERBRIDGE*ESET UK", 34.99, 12), ("PAYPAL *SPOTIFY", 11.99, 1),
           ("FS *AFFINITY SERIF", 64.99, 12), ("NEXWAY*KASPERSKY", 29.99, 12)],
    "IE": [("PADDLE.NET* SETAPP", 9.99, 1), ("2CO.COM*BITDEFENDER", 44.99, 12), ("CLEVERBRIDGE*ESET", 39.99, 12), ("PAYPAL *NETFLIX", 12.99, 1),
           ("DRI*AVAST SOFTWARE", 49.99, 12)],
    "JP": [("2CO.COM*BITDEFENDER", 29.99, 12), ("PADDLE.NET* SETAPP", 9.99, 1), ("FS *JETBRAINS", 24.90, 12), ("CLEVERBRIDGE*ESET", 39.99, 12),
           ("PAYPAL *ADOBE", 2728, 1)],
}

RESELLER_ONCE = [("FS *SUBLIMEHQ", 99.00, "USD"), ("PADDLE.NET* SKETCH", 120.00, "USD"), ("2CO.COM*WONDERSHARE", 39.99, "USD"),
                 ("CLEVERBRIDGE*CORELDRAW", 129.00, "USD"), ("DRI*SERIF AFFINITY", 69.99, "USD"), ("FS *SCRIVENER LITERATURE", 59.99, "USD"),
                 ("PADDLE.NET* TABLEPLUS", 89.00, "USD"), ("PAYPAL *STEAM GAMES 4259522985", 24.99, "USD")]

def b_resellers(i):
    country = COUNTRY_CYCLE[i]
    c = Case("legit-resellers", country)
    c.everyday()
    background(c, (0, 2), (0, 1))
    for desc, amt, period in R.sample(RESELLER_LEGIT[country], R.randint(2, 4)):  # recurring
        mcur = c.cur
        if country == "JP" and not desc.startswith("PAYPAL"):
            mcur = "USD"
        if country in ("UK", "IE") and desc.startswith("FS *JETBRAINS"):
            mcur = "USD"
        first = c.start + dt.timedelta(days=R.randint(0, 250 if period == 12 else 27))
        c.recurring(first, period, lambda i_, d, s=desc: s, lambda i_, d, a=amt: a, mcur=mcur)
    # a one-off legit purchase through a reseller, and one refunded
    for desc, amt, mc in R.sample(RESELLER_ONCE, R.randint(1, 3)):
        d = rnd_date(c.start, c.end - dt.timedelta(days=30))
        mcur = mc if mc != c.cur or country != "JP" else c.cur
        if country == "JP":
            mcur = "USD"
        elif mc == "USD" and R.random() < 0.5:
            mcur = c.cur
        r = c.add(d, desc, amt, mcur=mcur)
        if r and R.random() < 0.35:
            c.add(d + dt.timedelta(days=R.randint(3, 20)), desc, -r["amount"], kind="refund")
    return c


def b_scam_refunded(i):
    country = COUNTRY_CYCLE[i]
    c = Case("scam-refunded", country)
    c.everyday()
    background(c)
    if i % 2:
        m = R.choice(LISTED_MODERN)
        descs = listed_descs(m, country)
        mcur = "USD"
    else:
        nm = R.choice(list(FICTIONAL_SCAMS))
        descs = [R.choice(FICTIONAL_SCAMS[nm][country])]
        mcur = jp_merchant_cur(descs[0], False) if country == "JP" else c.cur
    first = rnd_date(c.start + dt.timedelta(days=20), c.end - dt.timedelta(days=200))
    plan = R.choice(["month", "month", "year", "life"])
    n_max = R.randint(2, 6) if plan == "month" else None
    sid, rows = scam_sub(c, descs, mcur, plan, first, n_max=n_max)
    # dispute: some or all charges credited back (the refund rows belong to the scam: scam=1)
    for r in rows[-R.randint(1, len(rows)):]:
        amt = r["amount"] if R.random() < 0.8 else (round(r["amount"] / 2) if c.cur == "JPY" else round(r["amount"] / 2, 2))
        rdesc = r["description"] if R.random() < 0.7 else ("CHARGEBACK CREDIT " + r["description"])[:40]
        c.add(r["date"] + dt.timedelta(days=R.randint(7, 60)), rdesc, -amt, kind="refund", card=r["card"], scam=1)
    return c


BUCKETS = [
    ("listed", b_listed, 10), ("unlisted", b_unlisted, 10), ("bursts", b_bursts, 9), ("bills", b_bills, 9),
    ("rotating-reference", b_rotating, 9), ("everyday", b_everyday, 9), ("legit-subscriptions", b_legit_subs, 10),
    ("legit-refunds", b_legit_refunds, 9), ("innocent-neighbours", b_neighbours, 9), ("fullwidth-katakana", b_fullwidth, 9),
    ("legit-lookalikes", b_lookalikes, 10), ("multi-card", b_multicard, 9), ("legit-resellers", b_resellers, 9),
    ("scam-refunded", b_scam_refunded, 9),
]


def main():
    rows = []
    for name, fn, n in BUCKETS:
        for i in range(n):
            c = fn(i % len(COUNTRY_CYCLE))
            if name not in ("everyday",) and R.random() < 0.25:
                c.everyday_extras()
            c.payments()
            rows += c.finish()
    df = pd.DataFrame(rows, columns=COLS)
    df.to_csv(OUT, index=False)
    print(f"wrote {OUT}: {len(df)} rows, {df['case'].nunique()} cases")


if __name__ == "__main__":
    main()
