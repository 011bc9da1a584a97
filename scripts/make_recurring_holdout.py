"""Write the independent hold-out set for ``audit eval`` (``tests/data/recurring_holdout/``).

This set was written without reading the detector, the scam-signal rules or the first labelled set,
from the task description and from how card statements look. Every case is one synthetic statement
(one ``source``) in JPY, USD or GBP with background noise, and labels: ``bucket`` (the hard case it
tests), ``stream_id`` (the true subscription a charge belongs to; empty for none) and ``scam``.

FICTIONAL NAMES: every scam merchant here (VORTEXA PC CARE, KLEENBYTE, NOVAGUARDIX, OPTIMAXO PC,
SYSMEDIQ, ZENSHIELDO, HELPORA TECH, PCRESQ24, DRIVLIFTER, CYBRELLA SECURE, QUORVEX DESK, FIXWINDLY,
ﾃｸﾉｱｼｽﾄﾌﾟﾗｽ, ｾｷｭﾘﾌｧｲﾝ) is invented. Real brand names (Microsoft, Apple, Google, Netflix, McAfee, Norton,
Spotify, Amazon, ...) appear only as legitimate subscriptions or everyday purchases. Shops, gyms and
services with generic names are invented too. People and card numbers are invented.

Run: ``.venv/bin/python scripts/make_recurring_holdout.py [--seed 2026] [--check]``.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import random
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "recurring_holdout"
CSV_NAME = "transactions.csv"
DEFAULT_SEED = 2026
HEADER = [
    "id", "source", "page", "row", "date", "posting_date", "description", "amount", "currency",
    "original_amount", "original_currency", "rate", "card", "cardholder", "kind",
    "case", "bucket", "stream_id", "scam",
]  # fmt: skip


# --------------------------------------------------------------------------- dates


def add_months(d: date, months: int, day: int | None = None) -> date:
    """``d`` moved by ``months`` calendar months, day clamped to the month's end."""
    m0 = d.month - 1 + months
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(day or d.day, calendar.monthrange(y, m)[1]))


def shift_weekend(d: date, rule: str) -> date:
    """Move a Saturday/Sunday date to the next (``next``) or previous (``prev``) weekday."""
    if rule == "none":
        return d
    while d.weekday() >= 5:
        d += timedelta(days=1 if rule == "next" else -1)
    return d


def schedule(cadence: str, first: date, n: int, *, shift: str = "none", day: int | None = None) -> list[date]:
    """``n`` billing dates of a cadence starting at ``first``; monthly-type cadences keep the anchor
    ``day`` (default ``first.day``), clamped to each month's end."""
    out: list[date] = []
    for k in range(n):
        if cadence == "weekly":
            d = first + timedelta(days=7 * k)
        elif cadence == "biweekly":
            d = first + timedelta(days=14 * k)
        elif cadence == "every30":
            d = first + timedelta(days=30 * k)
        elif cadence == "semimonthly":  # 1st/16th style pair: first.day and first.day + 15
            base = add_months(first, k // 2)
            d = base if k % 2 == 0 else base + timedelta(days=15)
        else:
            months = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}[cadence]
            d = add_months(first, months * k, day=day or first.day)
        out.append(shift_weekend(d, shift))
    return out


# --------------------------------------------------------------------------- statement model


@dataclass
class Tx:
    """One statement line plus its labels."""

    day: date
    description: str
    amount: float
    kind: str = "charge"
    original_amount: float | None = None
    original_currency: str | None = None
    rate: float | None = None
    stream_id: str = ""
    scam: int = 0


@dataclass
class Case:
    """One synthetic statement: a bucket, a billing currency, a date span and its lines."""

    name: str
    bucket: str
    currency: str
    start: date
    months: int
    rng: random.Random
    txs: list[Tx] = field(default_factory=list)
    n_streams: int = 0

    @property
    def end(self) -> date:
        return add_months(self.start, self.months) - timedelta(days=1)

    def money(self, v: float) -> float:
        return float(round(v)) if self.currency == "JPY" else round(v, 2)

    def stream(
        self,
        dates: list[date],
        descr: str | Callable[[int], str],
        amount: float | Callable[[int], float],
        *,
        scam: int = 0,
        fx: tuple[str, float, float] | None = None,
        jitter: int = 0,
    ) -> str:
        """Add a labelled stream; ``fx`` = (foreign currency, foreign amount, base rate) drifts the rate."""
        self.n_streams += 1
        sid = f"{self.name}-s{self.n_streams}"
        rate = fx[2] if fx else 0.0
        for k, d in enumerate(dates):
            if jitter:
                d += timedelta(days=self.rng.randint(0, jitter))
            if d > self.end:
                break
            text = descr(k) if callable(descr) else descr
            if fx:
                cur, base_amt, base_rate = fx
                rate = max(base_rate * 0.8, min(base_rate * 1.2, rate * (1 + self.rng.gauss(0, 0.025))))
                foreign = amount(k) if callable(amount) else base_amt
                digits = 3 if self.currency == "JPY" else 4
                r = round(rate, digits)
                self.txs.append(
                    Tx(
                        d,
                        text,
                        self.money(foreign * r),
                        original_amount=foreign,
                        original_currency=cur,
                        rate=r,
                        stream_id=sid,
                        scam=scam,
                    )
                )
            else:
                amt = amount(k) if callable(amount) else amount
                self.txs.append(Tx(d, text, self.money(amt), stream_id=sid, scam=scam))
        return sid

    def one_off(
        self,
        d: date,
        descr: str,
        amount: float,
        *,
        scam: int = 0,
        kind: str = "charge",
        fx: tuple[str, float, float] | None = None,
    ) -> None:
        """Add a single unlabelled line (noise, a one-off scam charge, a refund or a payment)."""
        if fx:
            cur, foreign, r = fx
            self.txs.append(
                Tx(
                    d,
                    descr,
                    self.money(foreign * r),
                    kind=kind,
                    original_amount=foreign,
                    original_currency=cur,
                    rate=r,
                    scam=scam,
                )
            )
        else:
            self.txs.append(Tx(d, descr, self.money(amount), kind=kind, scam=scam))

    def rand_day(self, lo: date | None = None, hi: date | None = None) -> date:
        lo, hi = lo or self.start, hi or self.end
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))


# --------------------------------------------------------------------------- noise

JP_NOISE: list[tuple[str, int, int]] = [
    ("ライフ　中野店", 800, 6500), ("イオンリテール", 1200, 9800), ("ｾﾌﾞﾝｲﾚﾌﾞﾝ", 150, 1800),
    ("ファミリーマート　新宿三丁目", 120, 1500), ("ﾛｰｿﾝ", 200, 1400), ("ENEOS　SS　世田谷", 3000, 8000),
    ("ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 500, 12000), ("楽天市場", 900, 15000), ("ﾏﾂﾓﾄｷﾖｼ", 400, 4200),
    ("スターバックス", 450, 1400), ("UBER *EATS", 1200, 4200), ("ＪＲ東日本　きっぷうりば", 200, 14000),
    ("ユニクロ　渋谷店", 1990, 12900), ("ﾋﾞｯｸｶﾒﾗ", 1500, 48000), ("すき家", 450, 1300),
    ("ＩＫＥＡ　港北", 2000, 30000), ("TOHOシネマズ", 1900, 4000), ("ヤマダデンキ", 800, 60000),
    ("ドトールコーヒー", 300, 900), ("ニトリ", 1000, 25000), ("ダイソー", 110, 2200),
]  # fmt: skip
US_NOISE: list[tuple[str, int, int]] = [
    ("WHOLEFDS MKT #10234", 12, 180), ("TRADER JOE S #552", 15, 120), ("SHELL OIL 57442123", 25, 70),
    ("STARBUCKS STORE 08812", 4, 15), ("TARGET 00023451", 10, 160), ("AMZN MKTP US*2K7LQ", 8, 140),
    ("CVS/PHARMACY #04410", 5, 60), ("UBER *TRIP", 9, 45), ("CHIPOTLE 2291", 10, 30),
    ("HOME DEPOT #6621", 12, 300), ("COSTCO WHSE #0481", 40, 320), ("DOORDASH*THAI HOUSE", 22, 60),
]  # fmt: skip
UK_NOISE: list[tuple[str, int, int]] = [
    ("TESCO STORES 2345", 6, 90), ("SAINSBURYS S/MKTS", 8, 110), ("PRET A MANGER", 3, 12),
    ("TFL TRAVEL CH", 2, 9), ("BOOTS 1123", 3, 40), ("AMAZON.CO.UK*RT4HZ", 6, 80),
    ("COSTA COFFEE 43012", 3, 9), ("SHELL HARROW", 30, 80), ("WAITROSE 812", 10, 95),
    ("DELIVEROO", 15, 40), ("ARGOS LTD", 10, 150), ("GREGGS", 2, 8),
]  # fmt: skip
JP_REPEAT: list[tuple[str, list[int]]] = [
    ("モバイルＳｕｉｃａ", [1000, 2000, 3000, 5000]), ("ＰＡＳＭＯ　オートチャージ", [3000]),
    ("ｽﾎﾟｰﾂｼﾞﾑ ﾌｨｯﾄﾗｲﾌ ﾄﾞﾛｯﾌﾟｲﾝ", [1100]), ("コインパーキング　駅前第２", [400, 600, 800, 1200]),
]  # fmt: skip


def add_noise(case: Case, per_month: float, region: str = "JP", repeats: int = 1) -> None:
    """Everyday purchases on random days, plus ``repeats`` merchants visited irregularly at a fixed price."""
    rng = case.rng
    pool = {"JP": JP_NOISE, "US": US_NOISE, "UK": UK_NOISE}[region]
    n = round(per_month * case.months * rng.uniform(0.7, 1.3))
    for _ in range(n):
        name, lo, hi = rng.choice(pool)
        case.one_off(case.rand_day(), name, rng.uniform(lo, hi))
    if region == "JP":
        for name, prices in rng.sample(JP_REPEAT, repeats):
            d = case.start + timedelta(days=rng.randint(0, 6))
            while d <= case.end:
                case.one_off(d, name, rng.choice(prices))
                d += timedelta(days=max(2, round(rng.expovariate(1 / 11))))
    if region in ("US", "UK"):  # monthly card payments: negative, not subscriptions
        for m in range(1, case.months):
            case.one_off(
                add_months(case.start, m, day=rng.choice([3, 4, 5])),
                "PAYMENT - THANK YOU",
                -rng.uniform(300, 2500),
                kind="payment",
            )


def tid(rng: random.Random, n: int = 6) -> str:
    """A random trailing reference like the ones processors append to descriptors."""
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


# --------------------------------------------------------------------------- buckets


def b_monthly_month_end(c: Case, i: int) -> None:
    """Monthly charges anchored on the 28th-31st (clamped in short months) with weekend shifts."""
    r = c.rng
    legit = [
        ("NETFLIX.COM", 1590),
        ("SPOTIFY P0F3A1C2D", 980),
        ("ＤＭＭプレミアム", 550),
        ("U-NEXT", 2189),
        ("ＤＡＺＮ", 4200),
        ("ＡＢＥＭＡプレミアム", 960),
        ("ｼﾝﾌﾞﾝ ﾃﾞｼﾞﾀﾙﾊﾞﾝ", 4300),
        ("ｸﾗｳﾄﾞ ﾊﾞｯｸｱｯﾌﾟ ｻｰﾋﾞｽ", 660),
    ]
    a, b = r.sample(legit, 2)
    anchor = [31, 30, 29, 31][i % 4]
    c.stream(
        schedule(
            "monthly",
            add_months(c.start, 0, day=anchor),
            c.months,
            day=anchor,
            shift=r.choice(["next", "none"]),
        ),
        *a,
    )
    cad = "every30" if i % 4 == 3 else "monthly"  # some services bill every 30 days: the day drifts
    c.stream(
        schedule(
            cad,
            c.start + timedelta(days=r.choice([28, 29, 30])),
            c.months - 1,
            shift=r.choice(["prev", "next"]),
        ),
        *b,
    )
    add_noise(c, r.choice([4, 10, 22]))


def b_short_cadence(c: Case, i: int) -> None:
    """Weekly, biweekly and semi-monthly subscriptions among dense grocery noise."""
    r = c.rng
    kinds = [
        ("weekly", "ｵｲｼｯｸｽ ﾐｰﾙｷｯﾄ", lambda k: 5980.0),
        ("weekly", "ＣＯＯＰ宅配　週次", lambda k: float(r.randint(4800, 5600))),
        ("biweekly", "ハウスクリーニング　ピカピカ", lambda k: 8800.0),
        ("biweekly", "ｺｰﾋｰﾋﾞｰﾝｽﾞ ﾃｲｷﾋﾞﾝ", lambda k: 2480.0),
        ("semimonthly", "オンライン英会話ＬＩＮＧＯ", lambda k: 3300.0),
        ("semimonthly", "ｳｫｰﾀｰｻｰﾊﾞｰ ｶﾐﾔﾏ", lambda k: 2138.0),
    ]
    picks = [kinds[i % 6], kinds[(i + 3) % 6]]
    for cad, name, amt in picks:
        n = {"weekly": 4 * c.months + 2, "biweekly": 2 * c.months + 1, "semimonthly": 2 * c.months}[cad]
        first = c.start + timedelta(days=r.randint(0, 6))
        c.stream(schedule(cad, first, n), name, amt, jitter=r.choice([0, 1]))
    add_noise(c, r.choice([15, 30]), repeats=2)


def b_long_cadence(c: Case, i: int) -> None:
    """Quarterly, semi-annual and annual streams with three or more charges over several years."""
    r = c.rng
    q = [
        ("ＮＨＫ受信料", 3185.0, "quarterly"),
        ("ｺﾝﾀｸﾄﾚﾝｽﾞ ﾃｲｷﾋﾞﾝ", 7480.0, "quarterly"),
        ("ｶﾞｯｺｳ ｷｭｳｼｮｸﾋ", 12600.0, "quarterly"),
        ("Amazon Prime", 5900.0, "annual"),
        ("ﾎｰﾑｾｷｭﾘﾃｨ ﾈﾝｶｲﾋ", 19800.0, "annual"),
        ("ｼﾞｬｯｸｽｶｰﾄﾞ ﾈﾝｶｲﾋ", 1375.0, "annual"),
        ("ﾄﾞﾒｲﾝ ｺｳｼﾝ ｵﾅﾏｴ", 1628.0, "annual"),
        ("ＪＡＦ会費", 4000.0, "annual"),
        ("ｶﾞｽｷｷ ﾎｼｭ ﾊﾝﾄｼ", 2970.0, "semiannual"),
        ("ｿﾌﾄﾊﾞﾝｸ ｼﾞｭｳﾀｸﾎｹﾝ", 22400.0, "semiannual"),
    ]
    for name, amt, cad in r.sample(q, 2):
        n = {"quarterly": c.months // 3, "semiannual": c.months // 6, "annual": c.months // 12}[cad]
        first = c.start + timedelta(days=r.randint(0, 40))
        c.stream(schedule(cad, first, n, shift=r.choice(["none", "next"])), name, amt)
    add_noise(c, r.choice([3, 8]))


def b_early_two(c: Case, i: int) -> None:
    """Only two charges so far: annual renewals, and monthly plans that started near the end."""
    r = c.rng
    annual = [
        ("MICROSOFT*MICROSOFT 365 PERSONAL", 14900.0),
        ("ＡＤＯＢＥ　フォトプラン　年額", 28776.0),
        ("NINTENDO ONLINE 12M", 2400.0),
        ("ﾆｯｹｲ ﾈﾝｶﾞｸ", 43200.0),
        ("Amazon Prime", 5900.0),
    ]
    monthly = [
        ("ＹＯＵＴＵＢＥＰＲＥＭＩＵＭ", 1280.0),
        ("ｸｯｸﾊﾟｯﾄﾞ ﾌﾟﾚﾐｱﾑ", 400.0),
        ("ＨＵＬＵ", 1026.0),
        ("DISNEY PLUS", 990.0),
    ]
    name, amt = annual[i % len(annual)]
    first = c.start + timedelta(days=r.randint(10, 80))
    c.stream(schedule("annual", first, 2), name, amt)
    name, amt = monthly[i % len(monthly)]
    first = c.end - timedelta(days=r.randint(32, 55))
    c.stream(schedule("monthly", first, 2), name, amt)
    add_noise(c, r.choice([6, 14]), repeats=r.choice([1, 2]))


def b_fx_drift(c: Case, i: int) -> None:
    """Foreign-currency subscriptions billed in yen: the yen amount moves with the rate each month."""
    r = c.rng
    opts = [
        ("OPENAI *CHATGPT SUBSCR", "USD", 20.0, 150.0),
        ("MIDJOURNEY INC.", "USD", 10.0, 151.0),
        ("GITHUB, INC.", "USD", 4.0, 149.0),
        ("PATREON* MEMBERSHIP", "USD", 7.0, 152.0),
        ("MEDIUM MONTHLY", "USD", 5.0, 148.0),
        ("NOTION LABS, INC.", "USD", 10.0, 150.0),
        ("THE ECONOMIST SUBS", "GBP", 9.99, 192.0),
        ("SKILLSHARE EUROPE", "EUR", 13.99, 163.0),
    ]
    a, b = opts[i % len(opts)], opts[(i + 3) % len(opts)]
    for name, cur, amt, rate in (a, b):
        first = c.start + timedelta(days=r.randint(0, 27))
        c.stream(
            schedule("monthly", first, c.months), name, amt, fx=(cur, amt, rate), jitter=r.choice([0, 1, 2])
        )
    add_noise(c, r.choice([5, 12, 20]))


def b_price_step(c: Case, i: int) -> None:
    """A price increase (or plan change) part-way: still one stream."""
    r = c.rng
    opts = [
        ("NETFLIX.COM", 1490.0, 1890.0),
        ("SPOTIFY JAPAN", 980.0, 1080.0),
        ("ＤＡＺＮ", 3000.0, 4200.0),
        ("ｱﾏｿﾞﾝﾌﾟﾗｲﾑｶｲﾋ", 500.0, 600.0),
        ("APPLE.COM/BILL", 1100.0, 1450.0),
        ("ﾆﾝﾃﾝﾄﾞｰｽｲｯﾁｵﾝﾗｲﾝ", 306.0, 400.0),
        ("ｽﾎﾟｰﾂｼﾞﾑ ｹﾞｯｶｲﾋ", 7700.0, 8580.0),
    ]
    for name, lo, hi in (opts[i % len(opts)], opts[(i + 2) % len(opts)]):
        step = r.randint(3, c.months - 3)
        first = c.start + timedelta(days=r.randint(0, 27))
        c.stream(schedule("monthly", first, c.months), name, lambda k, s=step, a=lo, b=hi: a if k < s else b)
    add_noise(c, r.choice([6, 16]))


def b_trial_then_paid(c: Case, i: int) -> None:
    """A small or zero-like trial charge, then the full price on the same cadence."""
    r = c.rng
    opts = [
        ("AUDIBLE JP", 100.0, 1500.0),
        ("ＡＭＡＺＯＮ　ＭＵＳＩＣ　ＵＮＬＩＭＩＴＥＤ", 99.0, 1080.0),
        ("ＤＭＭ　ＴＶ", 110.0, 550.0),
        ("ﾗｲｻﾞｯﾌﾟ ｵﾝﾗｲﾝ", 980.0, 2980.0),
        ("ﾃﾞｨｱｺﾞｽﾃｨｰﾆ ﾃｲｷｺｳﾄﾞｸ", 490.0, 1790.0),
        ("CANVA* 04312287", 150.0, 1180.0),
    ]
    for name, trial, paid in (opts[i % len(opts)], opts[(i + 1) % len(opts)]):
        first = c.start + timedelta(days=r.randint(5, 60))
        n = r.randint(5, c.months - 2)
        c.stream(schedule("monthly", first, n + 1), name, lambda k, t=trial, p=paid: t if k == 0 else p)
    add_noise(c, r.choice([5, 12]))


def b_two_at_merchant(c: Case, i: int) -> None:
    """Two subscriptions at one merchant, same descriptor, different amounts (sometimes the same day)."""
    r = c.rng
    opts = [
        ("APPLE.COM/BILL", 130.0, 1080.0),
        ("GOOGLE *Google One", 250.0, 2900.0),
        ("AMAZON.CO.JP", 600.0, 980.0),
        ("MICROSOFT*STORE", 1490.0, 850.0),
        ("ｿﾌﾄﾊﾞﾝｸ ﾂｳｼﾝﾘｮｳ", 3278.0, 6028.0),
        ("ＮＴＴドコモ", 2970.0, 550.0),
        ("PLAYSTATION NETWORK", 850.0, 1300.0),
    ]
    name, a1, a2 = opts[i % len(opts)]
    d1 = c.start + timedelta(days=r.randint(0, 27))
    d2 = d1 if i % 2 == 0 else c.start + timedelta(days=r.randint(0, 27))
    c.stream(schedule("monthly", d1, c.months), name, a1)
    c.stream(schedule("monthly", d2, c.months - r.randint(0, 3)), name, a2)
    add_noise(c, r.choice([5, 12]))


def b_merchant_with_oneoffs(c: Case, i: int) -> None:
    """A subscription at a merchant that also takes irregular one-off purchases (same descriptor)."""
    r = c.rng
    opts = [
        ("APPLE.COM/BILL", 400.0, [120, 250, 610, 1220, 3000]),
        ("AMAZON.CO.JP", 600.0, [1280, 2399, 3980, 598, 12800]),
        ("ｽﾎﾟｰﾂｼﾞﾑ ﾌｨｯﾄﾗｲﾌ", 7980.0, [550, 1100, 2200]),
        ("GOOGLE *Google Play", 480.0, [120, 480, 1200, 3600]),
        ("ＳＴＥＡＭＧＡＭＥＳ．ＣＯＭ", 1480.0, [980, 2480, 4500]),
    ]
    name, amt, extras = opts[i % len(opts)]
    first = c.start + timedelta(days=r.randint(0, 27))
    c.stream(schedule("monthly", first, c.months), name, amt)
    for _ in range(r.randint(6, 20)):
        c.one_off(c.rand_day(), name, r.choice(extras))
    add_noise(c, r.choice([5, 12]))


def b_descriptor_variants(c: Case, i: int) -> None:
    """The same stream printed with a changing trailing ID, spacing or full-/half-width text."""
    r = c.rng
    fmts: list[Callable[[int], str]] = [
        lambda k: f"AMAZON PRIME*{tid(r)}",
        lambda k: f"PAYPAL *SPOTIFYAB {r.randint(4000000000, 4999999999)}",
        lambda k: f"GOOGLE *YouTube {tid(r, 4)} g.co/helppay#",
        lambda k: "ＮＥＴＦＬＩＸ．ＣＯＭ" if k % 3 else "NETFLIX.COM",
        lambda k: f"ｱﾏｿﾞﾝ ﾌﾟﾗｲﾑ {tid(r, 5)}",
        lambda k: f"MSFT * E0{r.randint(1000000, 9999999)}",
        lambda k: f"ＡＰＰＬＥ　ＣＯＭ　ＢＩＬＬ　{r.randint(100, 999)}" if k >= 5 else "APPLE.COM/BILL",
        lambda k: f"KINDLE SVCS*{tid(r, 7)}",
    ]
    amts = [600.0, 980.0, 1280.0, 1590.0, 500.0, 1490.0, 900.0, 980.0]
    for j in (i % 8, (i + 4) % 8):
        first = c.start + timedelta(days=r.randint(0, 27))
        c.stream(schedule("monthly", first, c.months), fmts[j], amts[j])
    add_noise(c, r.choice([6, 14]))


def b_gaps_and_cancels(c: Case, i: int) -> None:
    """A skipped month (failed card, paused plan) in one stream; another cancelled part-way."""
    r = c.rng
    opts = [
        ("ＬＩＮＥ　ＭＵＳＩＣ", 980.0),
        ("ｺﾄﾞﾓﾁｬﾚﾝｼﾞ ﾃｲｷｺｳﾄﾞｸ", 2980.0),
        ("ＫＩＮＤＬＥ　ＵＮＬＩＭＩＴＥＤ", 980.0),
        ("ﾖｶﾞｽﾀｼﾞｵ ｹﾞｯｶｲ", 9800.0),
        ("ＷＯＷＯＷ", 2530.0),
        ("ﾊﾟﾙｼｽﾃﾑ ﾃｲｷﾋﾞﾝ", 3600.0),
    ]
    (n1, a1), (n2, a2) = opts[i % 6], opts[(i + 2) % 6]
    first = c.start + timedelta(days=r.randint(0, 27))
    dates = schedule("monthly", first, c.months)
    skip = r.randint(2, len(dates) - 3)
    c.stream(dates[:skip] + dates[skip + 1 + i % 2 :], n1, a1)
    first = c.start + timedelta(days=r.randint(0, 27))
    c.stream(schedule("monthly", first, r.randint(4, c.months // 2)), n2, a2)
    add_noise(c, r.choice([6, 14]))


def b_legit_security(c: Case, i: int) -> None:
    """Real security / platform vendors billed monthly or yearly: subscriptions, not scams."""
    r = c.rng
    opts = [
        ("monthly", "MCAFEE *MCAFEE.COM", 660.0, None),
        ("annual", "NORTONLIFELOCK", 5980.0, None),
        ("annual", "MCAFEE*RENEWAL 866-622-3911", 9878.0, None),
        ("monthly", "MICROSOFT*MICROSOFT 365 P", 1490.0, None),
        ("monthly", "MSBILL.INFO", 1490.0, None),
        ("monthly", "APPLE.COM/BILL", 400.0, None),
        ("monthly", "GOOGLE *Google One", 250.0, None),
        ("monthly", "NETFLIX.COM", 1590.0, None),
        ("annual", "NORTON *AP1234567890", 0.0, ("USD", 99.99, 150.0)),
        ("monthly", "MICROSOFT*XBOX GAME PASS", 0.0, ("USD", 16.99, 150.0)),
    ]
    months = c.months  # 26: the annual ones get 3 charges
    for cad, name, amt, fx in (opts[i % 10], opts[(i + 3) % 10], opts[(i + 7) % 10]):
        first = c.start + timedelta(days=r.randint(0, 40))
        n = 3 if cad == "annual" else months - 2
        c.stream(schedule(cad, first, n), name, fx[1] if fx else amt, fx=fx)
    add_noise(c, r.choice([6, 12]))


SCAM_MERCHANTS = [  # all invented
    ("2CO.COM*VORTEXA PC CARE", "USD", 39.99),
    ("FS *KLEENBYTE", "USD", 29.95),
    ("PAYPAL *NOVAGUARDIX", "USD", 49.00),
    ("DRI*OPTIMAXO PC", "EUR", 34.90),
    ("PADDLE.NET* SYSMEDIQ", "USD", 24.99),
    ("SAFECART*ZENSHIELDO", "USD", 59.95),
    ("2CHECKOUT.COM*HELPORA TECH", "USD", 89.00),
    ("FS *PCRESQ24 SUPPORT", "USD", 19.99),
    ("PAYPAL *DRIVLIFTER", "USD", 35.88),
    ("DRI*CYBRELLA SECURE", "USD", 69.99),
]
SCAM_JPY = [
    ("KMJ*ﾃｸﾉｱｼｽﾄﾌﾟﾗｽ", 4980.0),
    ("KMJ*ｾｷｭﾘﾌｧｲﾝ", 3280.0),
    ("QUORVEX DESK 0570", 9800.0),
    ("FIXWINDLY SUPPORT", 5500.0),
]


def b_scam_recurring(c: Case, i: int) -> None:
    """Invented support/security merchants via resellers, billed in foreign currency monthly or yearly."""
    r = c.rng
    name, cur, amt = SCAM_MERCHANTS[i % len(SCAM_MERCHANTS)]
    rate = {"USD": 150.0, "EUR": 162.0}[cur]
    first = c.end - timedelta(days=r.randint(120, 300))
    if i % 3 == 2:
        c.stream(
            schedule("annual", c.start + timedelta(days=r.randint(5, 60)), 2),
            name,
            amt * 4,
            fx=(cur, amt * 4, rate),
            scam=1,
        )
    else:
        c.stream(
            schedule("monthly", first, 12), name, amt, fx=(cur, amt, rate), scam=1, jitter=r.choice([0, 1])
        )
    if i % 2 == 0:
        jname, jamt = SCAM_JPY[i % len(SCAM_JPY)]
        c.stream(schedule("monthly", first + timedelta(days=r.randint(0, 3)), 8), jname, jamt, scam=1)
    # a legit subscription beside it
    c.stream(schedule("monthly", c.start + timedelta(days=r.randint(0, 27)), c.months), "NETFLIX.COM", 1590.0)
    add_noise(c, r.choice([6, 14]))


def b_scam_patterns(c: Case, i: int) -> None:
    """Several new invented contracts in a few days, a large one-off support plan, a gift-card burst
    at convenience stores, and a refund that reverses one scam charge."""
    r = c.rng
    t0 = c.start + timedelta(days=r.randint(90, 200))
    picks = r.sample(range(len(SCAM_MERCHANTS)), 3)
    ids = []
    for k, p in enumerate(picks[: 2 + i % 2]):
        name, cur, amt = SCAM_MERCHANTS[p]
        d0 = t0 + timedelta(days=r.randint(0, 3))
        ids.append(c.stream(schedule("monthly", d0, 6 + k), name, amt, fx=(cur, amt, 150.0), scam=1))
    plan = r.choice(
        [
            ("FS *KLEENBYTE LIFETIME", "USD", 299.0),
            ("QUORVEX DESK 0570", "JPY", 39800.0),
            ("2CO.COM*HELPORA 3YR PLAN", "USD", 249.99),
            ("KMJ*ﾃｸﾉｱｼｽﾄ ｴｲｷｭｳﾎｼｮｳ", "JPY", 54800.0),
        ]
    )
    d_plan = t0 + timedelta(days=r.randint(0, 5))
    if plan[1] == "JPY":
        c.one_off(d_plan, plan[0], plan[2], scam=1)
    else:
        c.one_off(d_plan, plan[0], 0, scam=1, fx=(plan[1], plan[2], 151.3))
    if "YR" in plan[0]:  # a plan of a stated length renews: a stream seen once (a lifetime plan is a one-off)
        c.txs[-1].stream_id = f"{c.name}-plan"
    if i % 3 != 1:  # gift-card purchases the caller asked for, over one or two days
        d_gift = t0 + timedelta(days=r.randint(1, 8))
        for _ in range(r.randint(3, 6)):
            store = r.choice(["ｾﾌﾞﾝｲﾚﾌﾞﾝ", "ファミリーマート　新宿三丁目", "ﾛｰｿﾝ", "ミニストップ"])
            c.one_off(
                d_gift + timedelta(days=r.randint(0, 1)),
                store,
                r.choice([10000, 20000, 30000, 50000]),
                scam=1,
            )
    if i % 2 == 0:  # the card issuer reverses the support plan
        if plan[1] == "JPY":
            c.one_off(d_plan + timedelta(days=r.randint(10, 30)), plan[0], -plan[2], kind="refund", scam=1)
        else:
            c.one_off(
                d_plan + timedelta(days=r.randint(10, 30)),
                plan[0],
                0,
                kind="refund",
                scam=1,
                fx=(plan[1], -plan[2], 151.3),
            )
    c.stream(
        schedule("monthly", c.start + timedelta(days=r.randint(0, 27)), c.months), "APPLE.COM/BILL", 130.0
    )
    add_noise(c, r.choice([8, 16]))


def b_legit_lookalikes(c: Case, i: int) -> None:
    """Hard negatives for scam signals: legit new sign-ups in one week, a big legit software purchase,
    legit foreign software via a reseller, and two legit ticket purchases at a convenience store."""
    r = c.rng
    t0 = c.start + timedelta(days=r.randint(60, 150))
    new = [
        ("DISNEY PLUS", 990.0),
        ("ＨＵＬＵ", 1026.0),
        ("U-NEXT", 2189.0),
        ("NETFLIX.COM", 890.0),
        ("ＤＡＺＮ", 4200.0),
    ]
    for name, amt in r.sample(new, 3):
        c.stream(schedule("monthly", t0 + timedelta(days=r.randint(0, 4)), 6), name, amt)
    if i % 2 == 0:
        c.one_off(t0 + timedelta(days=r.randint(0, 20)), "ﾋﾞｯｸｶﾒﾗ ﾊﾟｿｺﾝｿﾌﾄ", r.choice([34800, 43780]))
    else:
        c.one_off(t0 + timedelta(days=r.randint(0, 20)), "MICROSOFT*STORE", 0, fx=("USD", 249.99, 149.8))
    ven = [("FS *SUBLIMEHQ", "USD", 99.0, "annual"), ("PADDLE.NET* SETAPP", "USD", 9.99, "monthly")]
    name, cur, amt, cad = ven[i % 2]
    n = 2 if cad == "annual" else 10
    c.stream(schedule(cad, c.start + timedelta(days=r.randint(0, 40)), n), name, amt, fx=(cur, amt, 149.0))
    d = c.rand_day()
    for _ in range(2):  # two concert tickets bought at a convenience-store ticket counter the same day
        c.one_off(d, "ﾛｰｿﾝﾁｹｯﾄ ｺﾝｻｰﾄ", r.choice([9800, 11000, 12500]))
    add_noise(c, r.choice([6, 14]))


def b_noise_only(c: Case, i: int) -> None:
    """No subscriptions at all: groceries, konbini, transport top-ups, gym drop-ins, variable utilities."""
    r = c.rng
    add_noise(c, [4, 12, 25, 40][i % 4], repeats=r.randint(2, 4))
    for name, lo, hi in [("東京ガス　ご使用料", 2500, 9800), ("ｽｲﾄﾞｳﾘｮｳｷﾝ ﾄｳｷｮｳﾄ", 2800, 6500)][: i % 3]:
        d = c.start + timedelta(days=r.randint(0, 20))
        while d <= c.end:  # bills arrive at irregular intervals, amounts vary a lot
            c.one_off(d, name, r.uniform(lo, hi))
            d += timedelta(days=r.randint(24, 70))


def b_us_uk(c: Case, i: int) -> None:
    """USD and GBP statements: monthly services, a foreign-currency charge, and payments."""
    r = c.rng
    if c.currency == "USD":
        subs = [
            ("NETFLIX.COM", 15.49),
            ("Spotify USA", 11.99),
            ("AMAZON PRIME*2K4F8", 14.99),
            ("PLANET FITNESS", 15.00),
            ("APPLE.COM/BILL", 2.99),
            ("HULU 877-8244858", 17.99),
        ]
        fx = ("BBC STUDIOS BRITBOX", "GBP", 5.99, 1.27)
        region = "US"
    else:
        subs = [
            ("NETFLIX.COM", 10.99),
            ("SPOTIFY UK", 11.99),
            ("AMAZON PRIME*RT5BC", 8.99),
            ("PUREGYM LTD", 24.99),
            ("APPLE.COM/BILL", 0.99),
            ("DISNEY PLUS", 7.99),
        ]
        fx = ("NYTIMES*NYTIMES DIGITAL", "USD", 17.0, 0.79)
        region = "UK"
    for name, amt in r.sample(subs, 2):
        c.stream(
            schedule(
                "monthly",
                c.start + timedelta(days=r.randint(0, 27)),
                c.months,
                shift=r.choice(["none", "next"]),
            ),
            name,
            amt,
        )
    c.stream(
        schedule("monthly", c.start + timedelta(days=r.randint(0, 27)), c.months),
        fx[0],
        fx[2],
        fx=(fx[1], fx[2], fx[3]),
    )
    if i % 4 in (1, 2):  # an invented support merchant billing in euros, on both USD and GBP cards
        name, _cur, amt = SCAM_MERCHANTS[(i + 5) % len(SCAM_MERCHANTS)]
        c.stream(
            schedule("monthly", c.end - timedelta(days=150), 5),
            name.replace("2CO.COM", "2CO"),
            amt,
            fx=("EUR", amt, 1.08 if c.currency == "USD" else 0.86),
            scam=1,
        )
    add_noise(c, r.choice([8, 20]), region=region)


BUCKETS: list[tuple[str, Callable[[Case, int], None], int, int]] = [
    # (bucket, builder, number of cases, months covered)
    ("monthly-month-end", b_monthly_month_end, 8, 14),
    ("short-cadence", b_short_cadence, 8, 6),
    ("long-cadence", b_long_cadence, 7, 38),
    ("early-two-charges", b_early_two, 8, 16),
    ("fx-drift", b_fx_drift, 8, 12),
    ("price-step", b_price_step, 7, 15),
    ("trial-then-paid", b_trial_then_paid, 7, 13),
    ("two-at-merchant", b_two_at_merchant, 7, 12),
    ("merchant-with-oneoffs", b_merchant_with_oneoffs, 6, 12),
    ("descriptor-variants", b_descriptor_variants, 8, 12),
    ("gaps-and-cancels", b_gaps_and_cancels, 8, 14),
    ("legit-security", b_legit_security, 7, 26),
    ("scam-recurring", b_scam_recurring, 9, 18),
    ("scam-patterns", b_scam_patterns, 7, 12),
    ("legit-lookalikes", b_legit_lookalikes, 6, 16),
    ("noise-only", b_noise_only, 6, 12),
    ("us-uk", b_us_uk, 8, 12),
]


def build_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All cases, deterministic for a seed."""
    master = random.Random(seed)
    cases: list[Case] = []
    for bucket, builder, n, months in BUCKETS:
        for i in range(n):
            rng = random.Random(master.getrandbits(64))
            start = date(2023 + i % 2, 1 + (i * 5) % 12, 1)
            cur = "JPY"
            if bucket == "us-uk":
                cur = "USD" if i % 2 == 0 else "GBP"
            case = Case(f"ho-{bucket}-{i + 1:02d}", bucket, cur, start, months, rng)
            builder(case, i)
            cases.append(case)
    return cases


def render(cases: list[Case]) -> str:
    """The labelled set as CSV text (one file, all cases; rows sorted by date within a case)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for case in cases:
        card = f"****{case.rng.randint(1000, 9999)}"
        lines = sorted(
            (t for t in case.txs if t.day <= case.end), key=lambda t: (t.day, t.description, t.amount)
        )
        for n, t in enumerate(lines, start=1):
            w.writerow([
                f"{case.name}:r{n}", f"{case.name}.csv", "", n, t.day.isoformat(), "", t.description,
                f"{t.amount:.2f}" if case.currency != "JPY" else f"{t.amount:.1f}", case.currency,
                "" if t.original_amount is None else f"{t.original_amount:.2f}", t.original_currency or "",
                "" if t.rate is None else t.rate, card, "", t.kind, case.name, case.bucket, t.stream_id, t.scam,
            ])  # fmt: skip
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) ``tests/data/recurring_holdout/transactions.csv``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = ap.parse_args(argv)
    text = render(build_cases(args.seed))
    target = args.out / CSV_NAME
    if args.check:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'up to date' if same else 'DIFFERS from generator output'}")
        return 0 if same else 1
    args.out.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10)) - 1} rows, {len(build_cases(args.seed))} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
