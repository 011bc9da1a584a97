"""Generate the labelled recurring-detection set in tests/data/recurring_eval/ (deterministic).

Every *case* is one synthetic card statement (24 months, some 36) of one person: a few subscription
streams of one hard kind (the case's *bucket*) plus everyday one-off purchases. Each row carries the
transaction-table columns of ``audit/schema.py`` and four label columns:

* ``case``      the statement the row belongs to (streams never span cases)
* ``bucket``    the hard case the statement was built to test
* ``stream_id`` the true subscription stream (empty for one-off purchases, refunds and payments); a plan of a
                stated length seen once (``5YR PLAN``) is a stream of one charge, a lifetime plan a one-off
* ``scam``      1 when the row is a scam charge (a fake security/support stream, a large support plan,
                a prepaid burst asked for by a scammer), else 0

Merchants of scam streams are fictional; legit subscriptions use real brands' usual descriptors.
Run: ``python scripts/make_recurring_eval.py [--out DIR] [--seed N]``.
"""

from __future__ import annotations

import argparse
import calendar
import random
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "recurring_eval"
START = date(2024, 1, 1)
END = date(2025, 12, 31)

# Fictional scam merchants (software / security / support), with the reseller they bill through.
SCAM = [
    ("FS *ZORBLEGUARD PC CARE", "USD"),
    ("2CO.COM*KUMOSHIELD SECURITY", "USD"),
    ("PADDLE.NET* NEXAFIX TECH SUPPORT", "USD"),
    ("CLV*PIXELWARD ANTIVIRUS", "EUR"),
    ("FS *QUILLBYTE OPTIMIZER", "USD"),
    ("PAYPAL *VANTORA SYSTEMCARE", "USD"),
    ("2CO.COM*BRISKPATCH PC REPAIR", "USD"),
    ("DR *ORBITSAFE PROTECT", "USD"),
    ("KMJ*ミライガードサポート", "JPY"),
    ("ｾｷｭｱﾘﾝｸ ｾｷｭﾘﾃｨ ｻﾎﾟｰﾄ", "JPY"),
]
SCAM_USD = [9.99, 14.99, 19.99, 29.99, 39.99, 49.99]

# Real subscriptions with their usual descriptors (legit: must never be flagged).
LEGIT_FIXED = [
    ("NETFLIX.COM", [790, 1490, 1980]),
    ("APPLE.COM/BILL", [130, 400, 1300]),
    ("GOOGLE *YouTubePremium", [1280]),
    ("GOOGLE *Google One", [250, 1300]),
    ("MICROSOFT*MICROSOFT 365", [1490]),
    ("ｱﾏｿﾞﾝﾌﾟﾗｲﾑｶｲﾋ", [600]),
    ("Ｕ－ＮＥＸＴ", [2189]),
    ("ＤＭＭ．ｃｏｍ", [550]),
    ("SPOTIFY", [980]),
    ("ドコモ光", [5720]),
    ("ＮＨＫ受信料", [1100]),
    ("ｽﾎﾟｰﾂｸﾗﾌﾞ ﾙﾈｻﾝｽ", [8800]),
]
LEGIT_SECURITY = [
    ("MCAFEE.COM", [8980, 6980]),
    ("NORTON *NORTON 360", [7480, 9980]),
    ("NORTONLIFELOCK", [6980]),
    ("MSBILL.INFO", [14900, 21300]),
    ("ＴＲＥＮＤ ＭＩＣＲＯ ウイルスバスター", [6380]),
]
LEGIT_FOREIGN = [("ADOBE *CREATIVE CLOUD", 22.99), ("DROPBOX*", 11.99), ("OPENAI *CHATGPT SUBSCR", 20.0),
                 ("NOTION LABS", 10.0), ("MEDIUM.COM", 5.0),
                 # fictional legit apps sold through software resellers: hard negatives for the scam signals
                 ("PADDLE.NET* TYPEWISE NOTES", 7.99), ("FS *GLYPHFORGE FONTS", 12.0)]

# Everyday one-off merchants (amount range in yen).
NOISE = [
    ("セブン－イレブン", 150, 1800), ("ﾌｧﾐﾘｰﾏｰﾄ", 120, 1500), ("ローソン", 150, 1600),
    ("ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 400, 25000), ("ｲｵﾝ", 800, 9000), ("スターバックス", 400, 1200),
    ("ＪＲ東日本 モバイルＳｕｉｃａ", 1000, 10000), ("ENEOS", 3000, 8000), ("マツモトキヨシ", 300, 5000),
    ("UBER *EATS", 1200, 4500), ("楽天市場", 500, 30000), ("ヨドバシカメラ", 1000, 60000),
    ("すき家", 400, 1500), ("ユニクロ", 1500, 12000), ("ＥＴＣ", 500, 6000), ("東京電力", 4000, 15000),
]


def _clamp(y: int, m: int, d: int) -> date:
    return date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _add_months(d: date, months: int, day: int) -> date:
    m0 = d.month - 1 + months
    return _clamp(d.year + m0 // 12, m0 % 12 + 1, day)


def _shift(d: date, rule: str) -> date:
    if rule == "next" and d.weekday() >= 5:
        return d + timedelta(days=7 - d.weekday())
    if rule == "prev" and d.weekday() >= 5:
        return d - timedelta(days=d.weekday() - 4)
    return d


def monthly(first: date, months: int, end: date, day: int | None = None, shift: str = "none") -> list[date]:
    """Dates every ``months`` months on ``day`` (clamped to month end), shifted off weekends."""
    day = day or first.day
    out = []
    k = 0
    while True:
        d = _shift(_add_months(first, k * months, day), shift)
        if d > end:
            return out
        out.append(d)
        k += 1


def every(first: date, step: int, end: date) -> list[date]:
    out = []
    d = first
    while d <= end:
        out.append(d)
        d += timedelta(days=step)
    return out


class Case:
    """Rows of one synthetic statement."""

    def __init__(self, name: str, bucket: str, rng: random.Random, start: date = START, end: date = END):
        self.name, self.bucket, self.rng = name, bucket, rng
        self.start, self.end = start, end
        self.rows: list[dict] = []
        self.n_streams = 0
        rate = 148.0
        self.rates: dict[tuple[int, int], float] = {}
        for y in range(start.year, end.year + 1):
            for m in range(1, 13):
                rate = min(165.0, max(128.0, rate + rng.gauss(0, 2.2)))
                self.rates[(y, m)] = rate

    def add(self, d: date, desc: str, amount: float, *, stream: str = "", scam: bool = False,
            foreign: tuple[float, str] | None = None, printed: bool = True, kind: str = "charge") -> None:
        orig, cur = (foreign if foreign and printed else (None, None))
        self.rows.append({
            "date": d, "description": desc, "amount": float(amount), "currency": "JPY",
            "original_amount": orig, "original_currency": cur,
            "rate": round(amount / foreign[0], 3) if foreign and printed else None,
            "kind": kind, "stream_id": stream, "scam": int(scam),
        })

    def stream(self, dates: list[date], desc: str | list[str], amounts: float | list[float], *, scam: bool = False,
               currency: str = "JPY", printed: bool = True) -> str:
        """Add one subscription stream; foreign amounts are converted at the month's rate."""
        self.n_streams += 1
        sid = f"{self.name}/s{self.n_streams}"
        for i, d in enumerate(dates):
            if d < self.start or d > self.end:
                continue
            text = desc[i] if isinstance(desc, list) else desc
            amt = amounts[i] if isinstance(amounts, list) else amounts
            if currency == "JPY":
                self.add(d, text, amt, stream=sid, scam=scam)
            else:
                fx = self.rates[(d.year, d.month)] * (1.08 if currency == "EUR" else 1.0)
                fx *= 1 + self.rng.uniform(-0.004, 0.004)  # daily wobble
                self.add(d, text, round(amt * fx), stream=sid, scam=scam, foreign=(amt, currency), printed=printed)
        return sid

    def day(self) -> date:
        return self.start + timedelta(days=self.rng.randrange((self.end - self.start).days + 1))

    def noise(self, n: int) -> None:
        """Everyday one-off purchases: a few regular shops with random amounts and dates."""
        shops = self.rng.sample(NOISE, k=min(len(NOISE), 6))
        for _ in range(n):
            name, lo, hi = self.rng.choice(shops)
            self.add(self.day(), name, self.rng.randrange(lo, hi))
        self.add(self.end, "ローソン", self.rng.randrange(150, 900))  # statement runs to its end date


def _scam(rng: random.Random) -> tuple[str, str, float]:
    name, cur = rng.choice(SCAM)
    amt = rng.choice(SCAM_USD) if cur != "JPY" else rng.choice([1980, 2980, 4980, 9800])
    return name, cur, amt


def _start(rng: random.Random, late: int = 200) -> date:
    return START + timedelta(days=rng.randrange(0, late))


def build(seed: int = 20260101, per_bucket: int = 10) -> pd.DataFrame:
    rng = random.Random(seed)
    cases: list[Case] = []

    def new(bucket: str, **kw) -> Case:
        c = Case(f"{bucket}-{sum(1 for x in cases if x.bucket == bucket) + 1:02d}", bucket, rng, **kw)
        cases.append(c)
        return c

    for _ in range(per_bucket):
        c = new("monthly-fixed")
        picks = rng.sample(LEGIT_FIXED, 3)
        for name, amts in picks[:2]:
            c.stream(monthly(_start(rng), 1, END), name, rng.choice(amts))
        if rng.random() < 0.5:  # started near the statement end: only two charges so far
            name, amts = picks[2]
            c.stream(monthly(END - timedelta(days=rng.randrange(35, 55)), 1, END), name, rng.choice(amts))
        c.noise(rng.randrange(20, 60))

        c = new("fx-drift")
        printed = rng.random() < 0.5
        name, cur, amt = _scam(rng)
        while cur == "JPY":
            name, cur, amt = _scam(rng)
        c.stream(monthly(_start(rng), 1, END), name, amt, scam=True, currency=cur, printed=printed)
        lname, lamt = rng.choice(LEGIT_FOREIGN)
        c.stream(monthly(_start(rng), 1, END), lname, lamt, currency="USD", printed=printed)
        c.noise(rng.randrange(20, 60))

        c = new("price-step")
        name, amts = rng.choice(LEGIT_FIXED)
        a0 = rng.choice(amts)
        ds = monthly(_start(rng, 120), 1, END)
        k = rng.randrange(2, len(ds) - 1)
        c.stream(ds, name, [a0] * k + [round(a0 * rng.choice([1.1, 1.2, 1.25, 1.5]), -1)] * (len(ds) - k))
        sname, cur, samt = _scam(rng)
        ds = monthly(_start(rng, 300), 1, END)
        k = rng.randrange(1, len(ds) - 1)
        c.stream(ds, sname, [samt] * k + [round(samt * 2, 2)] * (len(ds) - k), scam=True, currency=cur)
        c.noise(rng.randrange(20, 60))

        c = new("weekly/biweekly")
        weeks = every(_start(rng, 60), 7, END)
        skipped = set(rng.sample(range(len(weeks)), 3))  # deliveries paused for a week now and then
        c.stream([d for i, d in enumerate(weeks) if i not in skipped],
                 rng.choice(["ｵｲｼｯｸｽ ﾃｲｷﾋﾞﾝ", "COOP DELI WEEKLY"]), rng.choice([3980, 4500, 5200]))
        c.stream(every(_start(rng, 60), 14, END), rng.choice(["ﾊﾟﾙｼｽﾃﾑ", "ﾀﾞｽｷﾝ ﾚﾝﾀﾙ"]), rng.choice([2200, 3300]))
        c.noise(rng.randrange(20, 60))

        c = new("semi-monthly")
        d1, d2 = rng.choice([(1, 15), (5, 20), (10, 25)])
        dates = sorted(monthly(_start(rng, 90), 1, END, d1, "next") + monthly(_start(rng, 10), 1, END, d2, "next"))
        c.stream([d for d in dates if d >= date(2024, 3, 1)], "ｶﾞｸｼｭｳｼﾞｭｸ ｹﾞｯﾌﾟ", rng.choice([4400, 6600]))
        c.noise(rng.randrange(20, 60))

        c = new("quarterly/semi-annual")
        c.stream(monthly(_start(rng, 90), 3, END), rng.choice(["ｼﾞｬﾊﾟﾝﾈｯﾄ ｺﾝﾀｸﾄ ﾃｲｷ", "WOWOW QUARTERLY"]),
                 rng.choice([5400, 7700]))
        c.stream(monthly(_start(rng, 180), 6, END), rng.choice(["ｿﾆｰｿﾝﾎﾟ ﾎｹﾝﾘｮｳ", "JAF ﾈﾝｶｲﾋ"]), rng.choice([12800, 23400]))
        if rng.random() < 0.4:  # a quarterly plan taken out half a year before the statement end
            c.stream(monthly(END - timedelta(days=rng.randrange(100, 170)), 3, END), "ｺｳﾄﾞｸ ﾌﾞﾝｺ ｷｾﾂﾊﾟｯｸ", 3300)
        c.noise(rng.randrange(20, 60))

        three = rng.random() < 0.5
        c = new("annual", start=date(2023, 1, 1) if three else START)
        d0 = c.start + timedelta(days=rng.randrange(20, 300))
        c.stream(monthly(d0, 12, c.end), rng.choice(["AMAZON PRIME ﾈﾝｶｲﾋ", "ﾄﾞﾒｲﾝ ｺｳｼﾝ ONAMAE", "LINE MUSIC ANNUAL"]),
                 rng.choice([5900, 1980, 9600]))
        if rng.random() < 0.6:
            sname, cur, samt = _scam(rng)
            c.stream(monthly(c.start + timedelta(days=rng.randrange(20, 300)), 12, c.end), sname, samt * 10,
                     scam=True, currency=cur)
        c.noise(rng.randrange(20, 60))

        c = new("trial-then-paid")
        d0 = _start(rng, 300)
        trial = rng.choice([7, 14, 30])
        name, amts = rng.choice(LEGIT_FIXED[:5])
        paid = monthly(d0 + timedelta(days=trial), 1, END)
        c.stream([d0, *paid], name, [rng.choice([100, 150])] + [rng.choice(amts)] * len(paid))
        sname, cur, samt = _scam(rng)
        d0 = _start(rng, 300)
        paid = monthly(d0 + timedelta(days=rng.choice([3, 7])), 1, END)
        c.stream([d0, *paid], sname, [1.0 if cur != "JPY" else 100] + [samt] * len(paid), scam=True, currency=cur)
        c.noise(rng.randrange(20, 60))

        c = new("two-subs-one-merchant")
        name, amts = rng.choice([("APPLE.COM/BILL", [130, 1080]), ("GOOGLE *Google", [250, 1280]),
                                 ("ＤＭＭ．ｃｏｍ", [550, 550]), ("AMAZON.CO.JP ﾌﾟﾗｲﾑﾋﾞﾃﾞｵ ﾁｬﾝﾈﾙ", [440, 990])])
        day1 = rng.randrange(1, 14)
        c.stream(monthly(_start(rng, 60), 1, END, day1), name, amts[0])
        late = rng.random() < 0.4  # the second subscription may have started only two months ago
        second = END - timedelta(days=rng.randrange(35, 55)) if late else _start(rng, 200)
        c.stream(monthly(second, 1, END, day1 + rng.choice([4, 9])), name, amts[1])
        if rng.random() < 0.5:
            sname, cur, samt = _scam(rng)
            c.stream(monthly(_start(rng, 120), 1, END, 3), sname, samt, scam=True, currency=cur)
            c.stream(monthly(_start(rng, 120), 1, END, 17), sname, samt * 3, scam=True, currency=cur)
        c.noise(rng.randrange(20, 60))

        c = new("descriptor-id-noise")
        sname, cur, samt = _scam(rng)
        ds = monthly(_start(rng), 1, END)
        base = sname.split("*")[0] + "*" + sname.split("*")[-1].strip().split()[0] if "*" in sname else sname
        c.stream(ds, [f"{base} {rng.randrange(10**9, 10**10)}" for _ in ds], samt, scam=True, currency=cur)
        ds = monthly(_start(rng), 1, END)
        svc = rng.choice(["HULU", "ABEMA", "CRUNCHYROLL"])
        texts = ([f"PAYPAL *{svc} {rng.randrange(10**9, 10**10)}" for _ in ds] if rng.random() < 0.5
                 else [f"SQ *YOGA STUDIO MIKAN #{rng.randrange(100, 999)}" for _ in ds])
        c.stream(ds, texts, rng.choice([960, 1100, 8000]))
        c.noise(rng.randrange(20, 60))

        c = new("weekend/month-end shifts")
        c.stream(monthly(_start(rng, 60), 1, END, 31), rng.choice(["ｿﾌﾄﾊﾞﾝｸ ﾂｳｼﾝﾘｮｳ", "ﾔﾁﾝ ﾎｼｮｳ ｶｲｼｬ"]), rng.choice([7150, 4400]))
        c.stream(monthly(_start(rng, 60), 1, END, rng.randrange(1, 28), rng.choice(["next", "prev"])),
                 rng.choice(["ｶﾞｽﾘｮｳｷﾝ ﾄｳｷｮｳｶﾞｽ", "ｽｲﾄﾞｳﾘｮｳｷﾝ"]), rng.choice([3300, 5500]))
        c.noise(rng.randrange(20, 60))

        c = new("legit brands")
        for name, amts in rng.sample(LEGIT_SECURITY, 2):
            c.stream(monthly(_start(rng, 300), 12, END), name, rng.choice(amts))
        for name, amts in rng.sample(LEGIT_FIXED[:5], 2):
            c.stream(monthly(_start(rng), 1, END), name, rng.choice(amts))
        c.noise(rng.randrange(20, 60))

        c = new("one-off noise")
        c.noise(rng.randrange(40, 120))
        shop = rng.choice(["ENEOS", "ｺｽﾓｾｷﾕ", "ヘアサロン ルミエ"])
        d = _start(rng, 60)
        while d <= END:  # a place visited roughly monthly, never on a schedule, amounts vary
            c.add(d, shop, rng.randrange(4200, 5200))
            d += timedelta(days=rng.randrange(12, 55))

        c = new("scam patterns")
        d0 = START + timedelta(days=rng.randrange(200, 500))
        picks = rng.sample([s for s in SCAM if s[1] != "JPY"], rng.choice([2, 3]))
        for i, (sname, cur) in enumerate(picks):
            dates = monthly(d0 + timedelta(days=i * rng.randrange(0, 3)), 1, END)
            if i == 0 and rng.random() < 0.5:  # the victim managed to cancel this one after two charges
                dates = dates[:2]
            c.stream(dates, sname, rng.choice(SCAM_USD), scam=True, currency=cur)
        plan_day = d0 + timedelta(days=rng.randrange(-2, 3))
        plan, usd = rng.choice([("FS *NEXAFIX LIFETIME SUPPORT", 499.0), ("2CO.COM*ZORBLE 5YR PLAN", 459.0),
                                ("ﾐﾗｲｶﾞｰﾄﾞ ｴｲｷｭｳ ｻﾎﾟｰﾄ", None)])
        # a plan of a stated length renews (a stream seen once); a lifetime plan is a one-off
        plan_stream = ""
        if "YR" in plan:
            c.n_streams += 1
            plan_stream = f"{c.name}/s{c.n_streams}"
        if usd is None:
            c.add(plan_day, plan, 69000, scam=True, stream=plan_stream)
        else:
            fx = c.rates[(plan_day.year, plan_day.month)]
            c.add(plan_day, plan, round(usd * fx), scam=True, foreign=(usd, "USD"), stream=plan_stream)
        burst = plan_day + timedelta(days=rng.randrange(0, 3))
        for j in range(rng.choice([2, 3, 4])):
            store = rng.choice(["セブン－イレブン", "ﾌｧﾐﾘｰﾏｰﾄ", "ローソン", "GOOGLE PLAY ｷﾞﾌﾄｶｰﾄﾞ", "ﾐﾆｽﾄｯﾌﾟ"])
            c.add(burst + timedelta(days=j // 2), store, rng.choice([10000, 20000, 30000, 50000]), scam=True)
        charge = next(r for r in c.rows if r["scam"] and r["stream_id"])
        c.add(charge["date"] + timedelta(days=rng.randrange(5, 40)), charge["description"], -charge["amount"],
              kind="refund")
        c.noise(rng.randrange(20, 60))

    rows = []
    for c in cases:
        c.rows.sort(key=lambda r: (r["date"], r["description"]))
        for i, r in enumerate(c.rows, 1):
            rows.append({"id": f"{c.name}:r{i}", "source": f"{c.name}.csv", "page": None, "row": i,
                         "date": r["date"].isoformat(), "posting_date": None, **{k: r[k] for k in (
                             "description", "amount", "currency", "original_amount", "original_currency", "rate")},
                         "card": "****4242", "cardholder": None, "kind": r["kind"],
                         "case": c.name, "bucket": c.bucket, "stream_id": r["stream_id"], "scam": r["scam"]})
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--per-bucket", type=int, default=10)
    args = ap.parse_args()
    df = build(args.seed, args.per_bucket)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "transactions.csv"
    df.to_csv(path, index=False)
    print(f"wrote {len(df)} rows, {df['case'].nunique()} cases, "
          f"{df.loc[df['stream_id'].fillna('') != '', 'stream_id'].nunique()} streams to {path}")


if __name__ == "__main__":
    main()
