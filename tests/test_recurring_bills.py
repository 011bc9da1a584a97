"""Recurring detection beyond fixed prices: bills whose amount varies, bimonthly bills, rotating references,
everyday shops, and streams kept apart per client and per card."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from test_recurring import add_keys, monthly_dates, noise

from audit import schema
from audit.detection.recurring import find_subscriptions


def table(rows: list[dict]) -> pd.DataFrame:
    """rows: dicts with date, description, amount and optional currency, client, card, kind."""
    recs = []
    for i, r in enumerate(rows, 1):
        recs.append({"id": f"t:r{i}", "source": "t.csv", "row": i, "date": pd.Timestamp(r["date"]),
                     "description": r["description"], "amount": float(r["amount"]),
                     "currency": r.get("currency", "JPY"), "card": r.get("card"),
                     "kind": r.get("kind", "charge" if r["amount"] > 0 else "refund"),
                     **({"client": r["client"]} if "client" in r else {})})
    tx = schema.conform(pd.DataFrame(recs))
    return add_keys(tx)


def rows_of(dates, name, amounts, **extra) -> list[dict]:
    amounts = amounts if isinstance(amounts, list | np.ndarray) else [amounts] * len(dates)
    return [{"date": d, "description": name, "amount": float(a), **extra} for d, a in zip(dates, amounts, strict=True)]


def bill_amounts(n: int, base: float, seed: int) -> list[float]:
    """Seasonal bill: higher in winter and summer, a little noise, never a repeated amount."""
    rng = np.random.default_rng(seed)
    return [round(base * (1 + 0.35 * np.cos(2 * np.pi * k / 12)) * (1 + 0.05 * rng.standard_normal())) for k in range(n)]


def streams_at(subs, part: str):
    return [s for s in subs if part in s.merchant]


def test_electricity_bill_with_changing_amount_is_one_monthly_stream():
    ds = monthly_dates(date(2024, 1, 12), 20)
    rows = rows_of(ds, "東京電力エナジーパートナー", bill_amounts(20, 9000, 1))
    subs = find_subscriptions(table(rows + [{"date": d, "description": n, "amount": a} for d, n, a in noise(4)]))
    got = streams_at(subs, "東京電力")
    assert len(got) == 1 and got[0].cadence == "monthly" and got[0].charges == 20


def test_phone_bill_in_dollars_with_weekend_shifts():
    ds = [d + timedelta(days=2 if d.weekday() == 5 else 1 if d.weekday() == 6 else 0)
          for d in monthly_dates(date(2024, 2, 3), 16)]
    rows = rows_of(ds, "VERIZON WIRELESS", bill_amounts(16, 85.0, 2), currency="USD")
    got = streams_at(find_subscriptions(table(rows)), "VERIZON")
    assert len(got) == 1 and got[0].charges == 16


def test_bimonthly_water_bill():
    ds = monthly_dates(date(2024, 1, 20), 24)[::2]
    rows = rows_of(ds, "東京都水道局", bill_amounts(12, 6200, 3))
    got = streams_at(find_subscriptions(table(rows)), "水道局")
    assert len(got) == 1 and got[0].cadence == "bimonthly" and got[0].charges == 12


def test_bimonthly_fixed_licence_fee():
    ds = monthly_dates(date(2024, 2, 27), 24)[::2]
    got = streams_at(find_subscriptions(table(rows_of(ds, "ＮＨＫ放送受信料", 2200))), "NHK")
    assert len(got) == 1 and got[0].cadence == "bimonthly" and got[0].next_expected_date is not None


def test_random_purchases_a_month_apart_are_no_bill():
    """Three or four visits to a furniture shop that happen to fall near one day of the month."""
    ds = [date(2024, 5, 7), date(2024, 6, 5), date(2024, 8, 2), date(2024, 11, 20)]
    got = find_subscriptions(table(rows_of(ds, "ニトリ", [22001, 6196, 14712, 8000])))
    assert got == []


def test_weekly_supermarket_shop_is_no_subscription():
    ds = [date(2024, 1, 6) + timedelta(days=7 * k) for k in range(60)]  # every Saturday
    rng = np.random.default_rng(5)
    amounts = list(np.round(rng.uniform(80, 96, len(ds)), 2))  # a steady family shop
    rows = rows_of(ds, "TESCO STORES 3217", amounts, currency="GBP")
    rows += rows_of(monthly_dates(date(2024, 1, 15), 14), "SHELL 4410 CROYDON", bill_amounts(14, 60, 6), currency="GBP")
    assert find_subscriptions(table(rows)) == []


def test_membership_at_a_store_is_still_a_subscription():
    rows = rows_of(monthly_dates(date(2024, 1, 9), 12), "TESCO CLUBCARD PLUS", 7.99, currency="GBP")
    rows += rows_of([date(2024, 1, 3) + timedelta(days=9 * k) for k in range(40)], "TESCO STORES 3217",
                    list(np.round(np.random.default_rng(1).uniform(10, 90, 40), 2)), currency="GBP")
    got = streams_at(find_subscriptions(table(rows)), "CLUBCARD")
    assert len(got) == 1 and got[0].charges == 12


def test_rotating_reference_anywhere_in_the_descriptor():
    rng = np.random.default_rng(7)
    alphabet = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))

    def ref() -> str:
        while True:
            r = "".join(rng.choice(alphabet, 9))
            if any(c.isdigit() for c in r) and any(c.isalpha() for c in r):
                return r

    ds = monthly_dates(date(2024, 1, 4), 15)
    rows = [{"date": d, "description": f"MUSICBOX {ref()} STOCKHOLM", "amount": 11.99, "currency": "EUR"} for d in ds]
    rows += [{"date": d, "description": f"CLOUDVAULT*{ref()}", "amount": 2.99, "currency": "EUR"} for d in ds]
    subs = find_subscriptions(table(rows))
    assert sorted(s.charges for s in subs) == [15, 15]


def test_two_clients_identical_subscriptions_stay_two_streams():
    ds = monthly_dates(date(2024, 1, 10), 12)
    rows = rows_of(ds, "NETFLIX.COM", 1490, client="A", card="****1111")
    rows += rows_of(ds, "NETFLIX.COM", 1490, client="B", card="****1111")
    subs = find_subscriptions(table(rows))
    assert len(subs) == 2 and all(s.charges == 12 for s in subs)
    ids = [set(s.transaction_ids) for s in subs]
    assert ids[0].isdisjoint(ids[1])


def test_two_cards_of_one_person_stay_two_streams_and_missing_card_is_one_group():
    ds = monthly_dates(date(2024, 1, 10), 12)
    rows = rows_of(ds, "SPOTIFY", 980, card="****1111") + rows_of(ds, "SPOTIFY", 980, card="****2222")
    assert len(find_subscriptions(table(rows))) == 2
    one_group = rows_of(ds[:6], "DROPBOX", 1500) + rows_of(ds[6:], "DROPBOX", 1500)
    got = find_subscriptions(table(one_group))
    assert len(got) == 1 and got[0].charges == 12
