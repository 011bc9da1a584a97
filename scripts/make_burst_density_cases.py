"""Write ``tests/data/burst_density/transactions.csv``: labelled cases for the prepaid-burst rule on cards
that buy at convenience stores every day (fictional people, generated; deterministic: seed 20261206).

Why: a gift-card burst is a few purchases that stand out from how the card is normally used. A card that
buys at convenience stores several times every day (a shop owner buying supplies, a smoker buying
cartons) crosses the plain burst thresholds every week; the question is whether a real gift-card burst
on such a card is still found, and nothing else on it is called one.

Cases (one Japanese card each, amounts in yen, 150 days):

* ``bd-01`` heavy: two to four konbini purchases a day, one or two of them 3,000-9,000 yen (supplies,
  cigarette cartons), plus supermarket and train fares. No scam row.
* ``bd-02`` heavy + burst: the same habits, and on one day five konbini purchases of 20,000-50,000 yen
  (e-money bought for a caller): those five are scam=1.
* ``bd-03`` light + burst: a few small konbini purchases a week, and four of 30,000 yen in one day (scam=1).
* ``bd-04`` heavy + fake support fee: heavy habits and one 49,800 yen "PC support" charge (scam=1); the
  konbini days after it are ordinary.
* ``bd-05`` heavy + support fee + burst: as bd-04, and the next day four konbini purchases of 20,000 yen
  (scam=1).

Schema: the one of ``tests/data/independent_eval`` (``bucket`` = ``heavy`` / ``light``; ``stream_id`` empty).
Run: ``.venv/bin/python scripts/make_burst_density_cases.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "burst_density" / "transactions.csv"
START = dt.date(2025, 4, 1)
DAYS = 150
KONBINI = ["セブン-イレブン 神田駅前店", "ローソン 秋葉原店", "ファミリーマート 岩本町店"]
OTHER = [("ライフ 神田店", 1500, 6000), ("JR東日本 モバイルSUICA", 500, 3000), ("すき家 神田店", 500, 1200)]
COLUMNS = ["id", "source", "page", "row", "date", "posting_date", "description", "amount", "currency",
           "original_amount", "original_currency", "rate", "card", "cardholder", "kind", "client", "case",
           "bucket", "stream_id", "scam"]


def _heavy_day(rng: np.random.Generator, day: dt.date) -> list[tuple[dt.date, str, float, int]]:
    rows = []
    for _ in range(int(rng.integers(2, 5))):  # small konbini purchases: lunch, drinks
        rows.append((day, KONBINI[int(rng.integers(0, 3))], float(rng.integers(150, 1200)), 0))
    for _ in range(int(rng.integers(1, 3))):  # supplies or a cigarette carton
        rows.append((day, KONBINI[int(rng.integers(0, 3))], float(rng.integers(30, 90)) * 100, 0))
    if rng.random() < 0.5:
        name, lo, hi = OTHER[int(rng.integers(0, len(OTHER)))]
        rows.append((day, name, float(rng.integers(lo, hi)), 0))
    return rows


def _light_day(rng: np.random.Generator, day: dt.date) -> list[tuple[dt.date, str, float, int]]:
    rows = []
    if rng.random() < 0.4:
        rows.append((day, KONBINI[int(rng.integers(0, 3))], float(rng.integers(150, 900)), 0))
    if rng.random() < 0.3:
        name, lo, hi = OTHER[int(rng.integers(0, len(OTHER)))]
        rows.append((day, name, float(rng.integers(lo, hi)), 0))
    return rows


def _case(rng: np.random.Generator, heavy: bool, extra: list[tuple[int, str, float]]) -> list[tuple]:
    rows: list[tuple] = []
    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        rows += (_heavy_day if heavy else _light_day)(rng, day)
    rows += [(START + dt.timedelta(days=d), name, amount, 1) for d, name, amount in extra]
    rows.sort(key=lambda r: r[0])
    return rows


def main() -> int:
    rng = np.random.default_rng(20261206)
    support = "PC SUPPORT CENTER TOKYO 0570-000-000"
    cases = {
        "bd-01": (True, []),
        "bd-02": (True, [(90, KONBINI[0], 50000.0), (90, KONBINI[0], 30000.0), (90, KONBINI[1], 20000.0),
                         (90, KONBINI[2], 50000.0), (91, KONBINI[1], 30000.0)]),
        "bd-03": (False, [(60, KONBINI[0], 30000.0), (60, KONBINI[1], 30000.0), (60, KONBINI[2], 30000.0),
                          (60, KONBINI[0], 30000.0)]),
        "bd-04": (True, [(100, support, 49800.0)]),
        "bd-05": (True, [(100, support, 49800.0), (101, KONBINI[0], 20000.0), (101, KONBINI[1], 20000.0),
                         (101, KONBINI[2], 20000.0), (101, KONBINI[0], 20000.0)]),
    }
    out = []
    for n, (case, (heavy, extra)) in enumerate(cases.items(), start=1):
        for i, (day, name, amount, scam) in enumerate(_case(rng, heavy, extra), start=1):
            out.append({"id": f"{case}:r{i}", "source": f"{case}.csv", "page": None, "row": i,
                        "date": day.isoformat(), "posting_date": None, "description": name, "amount": amount,
                        "currency": "JPY", "original_amount": None, "original_currency": None, "rate": None,
                        "card": f"****{7100 + n}", "cardholder": None, "kind": "charge", "client": f"client-bd{n}",
                        "case": case, "bucket": "heavy" if heavy else "light", "stream_id": "", "scam": scam})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df = pd.DataFrame(out, columns=COLUMNS)
    df["amount"] = df["amount"].astype(int)
    df.to_csv(OUT, index=False)
    print(f"{OUT}: {len(df)} rows, {df['case'].nunique()} cases, {int(df['scam'].sum())} scam rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
