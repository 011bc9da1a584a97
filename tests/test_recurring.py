"""Recurring subscription streams: cadences, drift, price steps, trials, shared merchants, status."""

from __future__ import annotations

import re
import sys
import types
import unicodedata
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit import schema
from audit.detection.recurring import find_subscriptions, next_expected, price_changes


def fallback_key(text: str) -> str:
    """Stand-in for audit.descriptors.merchant_key: NFKC, upper case, trailing IDs dropped."""
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).upper()).strip()
    return re.sub(r"(\s+#?[A-Z]*\d[\w-]*)+$", "", t)


def add_keys(tx: pd.DataFrame) -> pd.DataFrame:
    """Descriptor columns the pipeline normally adds (test stand-in, independent of helper C)."""
    tx = tx.copy()
    d = tx["description"].fillna("")
    tx["descriptor_norm"] = d.map(lambda t: unicodedata.normalize("NFKC", t).upper()).astype("str")
    tx["merchant_key"] = d.map(fallback_key).astype("str")
    tx["facilitator"] = pd.Series(pd.NA, index=tx.index, dtype="str")
    return tx


def make_tx(rows: list[tuple], keys: bool = True) -> pd.DataFrame:
    """rows: (date, description, amount[, original_amount, original_currency[, kind]])."""
    recs = []
    for i, r in enumerate(rows, 1):
        d, desc, amt = r[0], r[1], r[2]
        orig = r[3] if len(r) > 3 else None
        cur = r[4] if len(r) > 4 else None
        kind = r[5] if len(r) > 5 else ("charge" if amt > 0 else "refund")
        recs.append({"id": f"t:r{i}", "source": "t.csv", "row": i, "date": pd.Timestamp(d), "description": desc,
                     "amount": float(amt), "currency": "JPY", "original_amount": orig, "original_currency": cur,
                     "kind": kind})
    tx = schema.conform(pd.DataFrame(recs))
    return add_keys(tx) if keys else tx


def monthly_dates(start: date, n: int, day: int | None = None) -> list[date]:
    import calendar

    day = day or start.day
    out = []
    for k in range(n):
        m0 = start.month - 1 + k
        y, m = start.year + m0 // 12, m0 % 12 + 1
        out.append(date(y, m, min(day, calendar.monthrange(y, m)[1])))
    return out


def noise(seed: int = 0, n: int = 40) -> list[tuple]:
    rng = np.random.default_rng(seed)
    shops = ["ENEOS", "スターバックス", "ｲｵﾝ", "AMAZON.CO.JP"]
    return [(date(2024, 1, 1) + timedelta(days=int(rng.integers(0, 700))), shops[i % 4], int(rng.integers(300, 9000)))
            for i in range(n)]


def one(subs, merchant_part: str):
    got = [s for s in subs if merchant_part in s.merchant]
    assert len(got) == 1, [(s.merchant, s.cadence, s.charges) for s in subs]
    return got[0]


def test_monthly_fixed_stream_totals_and_next_date():
    rows = [(d, "NETFLIX.COM", 1490) for d in monthly_dates(date(2024, 3, 12), 12)]
    subs = find_subscriptions(make_tx(rows + noise()), as_of=date(2025, 2, 28))
    s = one(subs, "NETFLIX")
    assert (s.cadence, s.charges, s.total_paid, s.last_amount) == ("monthly", 12, 17880.0, 1490.0)
    assert s.first_date == "2024-03-12" and s.last_date == "2025-02-12"
    assert s.status == "active" and s.early is False
    assert s.next_expected_date == "2025-03-12" and s.next_expected_amount == 1490.0
    assert s.price_changes == []
    assert all(not x.merchant.startswith(("ENEOS", "スター", "イオン", "AMAZON")) for x in subs)


def test_fx_drift_with_printed_foreign_amount_is_one_stream_without_price_change():
    rng = np.random.default_rng(1)
    rows = [(d, "FS *GLYPHFORGE FONTS", round(12 * (140 + 15 * rng.random())), 12.0, "USD")
            for d in monthly_dates(date(2024, 1, 20), 18)]
    s = one(find_subscriptions(make_tx(rows)), "GLYPHFORGE")
    assert s.charges == 18 and s.price_changes == []
    assert s.last_amount == rows[-1][2]


def test_fx_drift_without_foreign_amount_stays_one_stream():
    rate = 148.0
    rows = []
    rng = np.random.default_rng(2)
    for d in monthly_dates(date(2024, 1, 7), 20):
        rate += rng.normal(0, 2.0)
        rows.append((d, "PADDLE.NET* TYPEWISE NOTES", round(7.99 * rate)))
    s = one(find_subscriptions(make_tx(rows)), "TYPEWISE")
    assert s.charges == 20 and s.price_changes == []


def test_price_increase_keeps_one_stream_and_records_the_change():
    ds = monthly_dates(date(2024, 1, 25), 14)
    rows = [(d, "ＤＭＭ．ｃｏｍ", 550 if i < 6 else 990) for i, d in enumerate(ds)]
    s = one(find_subscriptions(make_tx(rows + noise(3)), as_of=ds[-1]), "DMM")
    assert s.charges == 14
    assert len(s.price_changes) == 1
    ch = s.price_changes[0]
    assert (ch["date"], ch["from"], ch["to"], ch["kind"]) == (ds[6].isoformat(), 550.0, 990.0, "increase")
    assert s.next_expected_amount == 990.0


@pytest.mark.parametrize(
    ("step", "cadence", "n"),
    [(7, "weekly", 30), (14, "biweekly", 20)],
)
def test_day_based_cadences(step, cadence, n):
    rows = [(date(2024, 2, 2) + timedelta(days=step * k), "ｵｲｼｯｸｽ ﾃｲｷﾋﾞﾝ", 4500) for k in range(n)]
    s = one(find_subscriptions(make_tx(rows + noise(4)), as_of=rows[-1][0]), "オイシックス")
    assert (s.cadence, s.charges) == (cadence, n)
    assert s.next_expected_date == (date(2024, 2, 2) + timedelta(days=step * n)).isoformat()


def test_weekly_with_skipped_weeks_stays_weekly():
    ds = [date(2024, 1, 3) + timedelta(days=7 * k) for k in range(40) if k not in (10, 11, 25)]
    s = one(find_subscriptions(make_tx([(d, "COOP DELI WEEKLY", 5200) for d in ds])), "COOP")
    assert (s.cadence, s.charges) == ("weekly", 37)


def test_semi_monthly_on_two_days_of_the_month():
    ds = sorted(monthly_dates(date(2024, 1, 1), 12, 1) + monthly_dates(date(2024, 1, 15), 12, 15))
    s = one(find_subscriptions(make_tx([(d, "ｶﾞｸｼｭｳｼﾞｭｸ", 4400) for d in ds])), "ガクシュウ")
    assert (s.cadence, s.charges) == ("semi-monthly", 24)
    assert s.next_expected_date == "2025-01-01"


@pytest.mark.parametrize(("months", "cadence"), [(3, "quarterly"), (6, "semi-annual"), (12, "annual")])
def test_long_cadences(months, cadence):
    ds = [monthly_dates(date(2022, 5, 10), 1 + months * k)[-1] for k in range(4)]
    s = one(find_subscriptions(make_tx([(d, "JAF ﾈﾝｶｲﾋ", 4000) for d in ds] + noise(5))), "JAF")
    assert (s.cadence, s.charges) == (cadence, 4)


def test_annual_with_two_charges_is_early():
    rows = [(date(2024, 4, 2), "MCAFEE.COM", 8980), (date(2025, 4, 2), "MCAFEE.COM", 8980)]
    s = one(find_subscriptions(make_tx(rows + noise(6)), as_of=date(2025, 6, 30)), "MCAFEE")
    assert (s.cadence, s.charges, s.early, s.status) == ("annual", 2, True, "active")
    assert s.next_expected_date == "2026-04-02"


def test_monthly_early_detection_at_second_charge():
    rows = [(date(2025, 10, 3), "SPOTIFY", 980), (date(2025, 11, 3), "SPOTIFY", 980)]
    s = one(find_subscriptions(make_tx(rows), as_of=date(2025, 11, 20)), "SPOTIFY")
    assert s.early and s.cadence == "monthly"


def test_two_visits_a_week_apart_are_not_a_stream():
    rows = [(date(2025, 5, 3), "すき家", 880), (date(2025, 5, 10), "すき家", 880)]
    assert find_subscriptions(make_tx(rows)) == []


def test_month_end_and_weekend_shifts():
    ends = monthly_dates(date(2024, 1, 31), 13, 31)
    rows = [(d, "ｿﾌﾄﾊﾞﾝｸ ﾂｳｼﾝﾘｮｳ", 7150) for d in ends]
    shifted = []
    for d in monthly_dates(date(2024, 1, 10), 13, 10):
        while d.weekday() >= 5:
            d += timedelta(days=1)
        shifted.append(d)
    rows += [(d, "ｽｲﾄﾞｳﾘｮｳｷﾝ", 3300) for d in shifted]
    subs = find_subscriptions(make_tx(rows))
    a, b = one(subs, "ソフトバンク"), one(subs, "スイドウ")
    assert a.charges == 13 and a.next_expected_date == "2025-02-28"
    assert b.charges == 13 and b.next_expected_date == "2025-02-10"


def test_two_subscriptions_at_one_merchant():
    rows = [(d, "APPLE.COM/BILL", 130) for d in monthly_dates(date(2024, 1, 3), 12)]
    rows += [(d, "APPLE.COM/BILL", 1080) for d in monthly_dates(date(2024, 4, 12), 9)]
    subs = [s for s in find_subscriptions(make_tx(rows)) if "APPLE" in s.merchant]
    assert sorted((s.charges, s.last_amount) for s in subs) == [(9, 1080.0), (12, 130.0)]


def test_two_equal_subscriptions_at_one_merchant_a_few_days_apart():
    rows = [(d, "ＤＭＭ．ｃｏｍ", 550) for d in monthly_dates(date(2024, 1, 5), 14)]
    rows += [(d, "ＤＭＭ．ｃｏｍ", 550) for d in monthly_dates(date(2024, 1, 9), 14)]
    subs = find_subscriptions(make_tx(rows))
    assert [s.charges for s in subs] == [14, 14]
    assert {pd.Timestamp(s.first_date).day for s in subs} == {5, 9}


def test_descriptor_variants_with_changing_ids_are_grouped():
    ds = monthly_dates(date(2024, 2, 14), 10)
    rows = [(d, f"PAYPAL *HULU {4029357700 + 13 * i}", 1026) for i, d in enumerate(ds)]
    s = one(find_subscriptions(make_tx(rows)), "HULU")
    assert s.charges == 10 and s.merchant_key == "PAYPAL *HULU"


def test_trial_then_paid_joins_the_trial_charge():
    paid = monthly_dates(date(2024, 5, 8), 8)
    rows = [(date(2024, 4, 24), "GOOGLE *YouTubePremium", 100)] + [(d, "GOOGLE *YouTubePremium", 1280) for d in paid]
    s = one(find_subscriptions(make_tx(rows)), "YOUTUBE")
    assert s.charges == 9 and s.first_date == "2024-04-24"
    assert s.price_changes[0]["kind"] == "trial_end"


def test_ended_stream_and_grace_relative_to_cadence():
    rows = [(d, "U-NEXT", 2189) for d in monthly_dates(date(2024, 1, 15), 6)]
    subs = find_subscriptions(make_tx(rows), as_of=date(2024, 10, 31))
    assert subs[0].status == "ended" and subs[0].next_expected_date is None
    # nine days after the expected date is still within a monthly grace period
    assert find_subscriptions(make_tx(rows), as_of=date(2024, 7, 24))[0].status == "active"
    assert find_subscriptions(make_tx(rows), as_of=date(2024, 8, 5))[0].status == "ended"


def test_everyday_shopping_is_not_a_subscription():
    rng = np.random.default_rng(9)
    d = date(2024, 1, 1)
    rows = []
    while d < date(2025, 12, 31):
        rows.append((d, "ENEOS", int(rng.integers(4200, 5200))))
        d += timedelta(days=int(rng.integers(12, 55)))
    assert find_subscriptions(make_tx(rows + noise(10, 120))) == []


def test_refunds_are_not_stream_charges_and_output_is_sorted():
    rows = [(d, "ZETA", 500) for d in monthly_dates(date(2024, 1, 2), 5)]
    rows += [(d, "ALPHA", 700) for d in monthly_dates(date(2024, 1, 9), 5)]
    rows += [(date(2024, 3, 20), "ZETA", -500)]
    subs = find_subscriptions(make_tx(rows))
    assert [s.merchant for s in subs] == ["ALPHA", "ZETA"]
    assert all(i != "t:r11" for s in subs for i in s.transaction_ids)


def test_empty_table_and_single_charge():
    assert find_subscriptions(make_tx([])) == []
    assert find_subscriptions(make_tx([(date(2024, 1, 1), "X", 100)])) == []


def test_descriptor_columns_are_added_when_missing(monkeypatch):
    calls = []

    def fake_add(tx):
        calls.append(len(tx))
        return add_keys(tx)

    monkeypatch.setitem(sys.modules, "audit.descriptors", types.SimpleNamespace(add_descriptor_columns=fake_add))
    rows = [(d, "NETFLIX.COM", 990) for d in monthly_dates(date(2024, 1, 1), 4)]
    subs = find_subscriptions(make_tx(rows, keys=False))
    assert calls == [4] and subs[0].charges == 4


def test_next_expected_and_price_changes_helpers():
    dates = pd.DatetimeIndex(pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-29"]))
    assert next_expected(dates, "monthly") == pd.Timestamp("2024-04-30")
    ev = price_changes(dates, np.array([100.0, 120.0, 120.0]), "JPY")
    assert ev[0]["change_pct"] == 20.0
    assert price_changes(dates, np.array([100.0, 130.0, 100.0]), "JPY") == []  # a blip, not a lasting change


@settings(max_examples=25, deadline=None)
@given(
    day=st.integers(1, 31),
    n=st.integers(3, 24),
    amount=st.integers(100, 30000),
    start=st.dates(date(2020, 1, 1), date(2026, 1, 1)),
)
def test_any_fixed_monthly_stream_is_found_whole(day, n, amount, start):
    ds = monthly_dates(start.replace(day=1), n, day)
    rows = [(d, "SUBSCRIPTION CO", amount) for d in ds]
    subs = find_subscriptions(make_tx(rows))
    assert len(subs) == 1 and subs[0].charges == n and subs[0].cadence == "monthly"


# --------------------------------------------------------------------------- regular grid, chance repeats


def scattered(start: date, n: int, desc: str, amounts: list[int], seed: int, lo: int = 3, hi: int = 40) -> list[tuple]:
    """Fixed-price purchases at random intervals (parking, transit top-ups, drop-in visits)."""
    rng = np.random.default_rng(seed)
    d, rows = start, []
    for _ in range(n):
        d += timedelta(days=int(rng.integers(lo, hi)))
        rows.append((d, desc, int(rng.choice(amounts))))
    return rows


def test_grid_deviations_allow_weekend_and_month_end_shifts_only():
    from audit.detection.recurring import BY_NAME, grid_deviations, regular_grid

    def days(*iso: str) -> np.ndarray:
        return np.array([(date.fromisoformat(x) - date(1970, 1, 1)).days for x in iso], dtype=float)

    month_end = days("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30")
    assert grid_deviations(month_end, BY_NAME["monthly"]).max() == 0
    weekend = days("2024-06-10", "2024-07-10", "2024-08-12", "2024-09-10")  # Aug 10 was a Saturday
    assert regular_grid(weekend, BY_NAME["monthly"])
    scattered_days = days("2024-06-06", "2024-07-01", "2024-07-27", "2024-09-24")  # gaps 25, 26, 59 days
    assert not regular_grid(scattered_days, BY_NAME["monthly"])
    semi = days("2024-01-01", "2024-01-15", "2024-02-01", "2024-02-15", "2024-03-01")
    assert grid_deviations(semi, BY_NAME["semi-monthly"]).max() == 0
    assert not regular_grid(days("2024-07-04", "2024-07-18", "2024-08-16", "2024-08-29"), BY_NAME["semi-monthly"])


def test_fixed_day_count_billing_walks_through_the_month_and_stays_one_stream():
    ds = [date(2024, 1, 3) + timedelta(days=28 * k) for k in range(14)]  # billed every 4 weeks
    s = one(find_subscriptions(make_tx([(d, "PLAYSTATION NETWORK", 850) for d in ds])), "PLAYSTATION")
    assert (s.cadence, s.charges) == ("monthly", 14)
    assert s.next_expected_date == (ds[-1] + timedelta(days=28)).isoformat()  # not the calendar day


@pytest.mark.parametrize("seed", range(6))
def test_irregular_fixed_price_repeats_are_not_subscriptions(seed):
    rows = scattered(date(2024, 1, 1), 45, "PASMO ｵｰﾄﾁｬｰｼﾞ", [3000], seed, 5, 25)
    rows += scattered(date(2024, 1, 1), 50, "ｺｲﾝﾊﾟｰｷﾝｸﾞ ｴｷﾏｴ", [400, 600, 800, 1200], seed + 100, 2, 20)
    rows += scattered(date(2024, 1, 1), 30, "ｽﾎﾟｰﾂｼﾞﾑ ﾄﾞﾛｯﾌﾟｲﾝ", [1100], seed + 200, 4, 35)
    rows += [(d, "NETFLIX.COM", 1490) for d in monthly_dates(date(2024, 1, 12), 18)]
    subs = find_subscriptions(make_tx(rows, keys=False))
    assert [(s.merchant, s.charges) for s in subs] == [("NETFLIX.COM", 18)]


def test_a_regular_looking_run_of_a_price_also_paid_at_random_is_chance():
    # four monthly-looking 800 yen parking fees, and the same fee six more times at random
    regular = [(d, "ｺｲﾝﾊﾟｰｷﾝｸﾞ ｴｷﾏｴ", 800) for d in (date(2024, 4, 2), date(2024, 5, 2), date(2024, 6, 3),
                                                    date(2024, 7, 1))]
    other = [(date(2024, 12, 29) + timedelta(days=k), "ｺｲﾝﾊﾟｰｷﾝｸﾞ ｴｷﾏｴ", 800) for k in (0, 15, 28, 108, 167, 187)]
    assert find_subscriptions(make_tx(regular + other)) == []
    # the same run alone is a stream, and a subscription with a few same-price one-offs stays one
    assert find_subscriptions(make_tx(regular))[0].charges == 4
    sub = [(d, "GOOGLE *Google Play", 480) for d in monthly_dates(date(2024, 4, 8), 12)]
    extra = [(date(2024, 7, 7), "GOOGLE *Google Play", 480), (date(2024, 9, 27), "GOOGLE *Google Play", 480),
             (date(2024, 11, 13), "GOOGLE *Google Play", 1200)]
    assert find_subscriptions(make_tx(sub + extra, keys=False))[0].charges == 12


def test_early_stream_is_refused_where_one_buys_now_and_then():
    buys = [(date(2023, 7, 12), "JR ｷｯﾌﾟｳﾘﾊﾞ", 1579), (date(2024, 9, 1), "JR ｷｯﾌﾟｳﾘﾊﾞ", 10528),
            (date(2024, 11, 1), "JR ｷｯﾌﾟｳﾘﾊﾞ", 11870), (date(2025, 3, 9), "JR ｷｯﾌﾟｳﾘﾊﾞ", 10321)]
    pair = [(date(2024, 6, 29), "JR ｷｯﾌﾟｳﾘﾊﾞ", 5585), (date(2024, 7, 29), "JR ｷｯﾌﾟｳﾘﾊﾞ", 5585)]
    assert find_subscriptions(make_tx(buys + pair)) == []
    assert find_subscriptions(make_tx(pair))[0].early  # alone, the pair is still an early stream


def test_weekly_order_with_varying_amounts_in_a_narrow_band():
    rng = np.random.default_rng(5)
    ds = [date(2024, 6, 7) + timedelta(days=7 * k + int(rng.integers(0, 2))) for k in range(26)]
    rows = [(d, "ＣＯＯＰ宅配　週次", int(rng.integers(4800, 5600))) for d in ds]
    s = one(find_subscriptions(make_tx(rows + noise(7), keys=False)), "COOP")
    assert (s.cadence, s.charges) == ("weekly", 26)
    # everyday shopping with amounts as wide as a supermarket's is still not a stream
    wide = [(d, "ｲｵﾝ", int(rng.integers(1500, 9000))) for d in ds]
    assert find_subscriptions(make_tx(wide)) == []


def test_paused_subscription_resumes_as_one_stream():
    ds = monthly_dates(date(2024, 6, 27), 10) + monthly_dates(date(2025, 6, 27), 2)
    s = one(find_subscriptions(make_tx([(d, "ｺﾄﾞﾓﾁｬﾚﾝｼﾞ ﾃｲｷｺｳﾄﾞｸ", 2980) for d in ds])), "コドモ")
    assert (s.cadence, s.charges) == ("monthly", 12)


@pytest.mark.parametrize(
    "template",
    ["AMAZON PRIME*{mixed6}", "KINDLE SVCS*{letters7}", "GOOGLE *YouTube {mixed4} g.co/helppay#",
     "ｱﾏｿﾞﾝ ﾌﾟﾗｲﾑ {letters5}", "ＡＰＰＬＥ　ＣＯＭ　ＢＩＬＬ　{digits3}"],
)
def test_descriptor_variants_with_short_reference_ids_are_one_stream(template):
    rng = np.random.default_rng(11)
    letters, alnum = list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), list("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    def ids(chars: list[str], n: int, digit: bool) -> str:
        while True:
            t = "".join(rng.choice(chars, n))
            if not digit or (any(c.isdigit() for c in t) and any(c.isalpha() for c in t)):
                return t

    ds = monthly_dates(date(2024, 1, 21), 12)
    rows = [(d, template.format(mixed6=ids(alnum, 6, True), mixed4=ids(alnum, 4, True),
                                letters7=ids(letters, 7, False), letters5=ids(letters, 5, False),
                                digits3=str(100 + 7 * i)), 600) for i, d in enumerate(ds)]
    if "ＡＰＰＬＥ" in template:  # the issuer prints the same merchant both ways
        rows = [(d, "APPLE.COM/BILL" if i % 2 else desc, a) for i, (d, desc, a) in enumerate(rows)]
    subs = find_subscriptions(make_tx(rows + noise(8), keys=False))
    assert [s.charges for s in subs] == [12]


def test_repeated_product_words_are_not_reference_ids():
    from audit.detection.recurring import stream_keys

    keys = pd.Series(["NETFLIX BASIC"] * 3 + ["NETFLIX PREMIUM"] * 3 + ["SUBSCRIPTION SERVICE 12"] * 2
                     + ["SUBSCRIPTION SERVICE 13"] * 2 + ["OFFICE 365", "KINDLE SVCS IHIEBSK", "KINDLE SVCS JOES37W"])
    assert list(stream_keys(keys)) == [*["NETFLIX BASIC"] * 3, *["NETFLIX PREMIUM"] * 3,
                                       *["SUBSCRIPTION SERVICE 12"] * 2, *["SUBSCRIPTION SERVICE 13"] * 2,
                                       "OFFICE 365", "KINDLE SVCS", "KINDLE SVCS"]


# --------------------------------------------------------------------------- statements covering separate periods


def files_tx(rows: list[tuple]) -> pd.DataFrame:
    """rows: (source file, date, description, amount)."""
    recs = [{"id": f"{src}:r{i}", "source": src, "row": i, "date": pd.Timestamp(d), "description": desc,
             "amount": float(a), "currency": "JPY", "kind": "charge"} for i, (src, d, desc, a) in enumerate(rows, 1)]
    return add_keys(schema.conform(pd.DataFrame(recs)))


def test_monthly_charge_in_a_december_and_a_june_statement_is_not_semi_annual():
    rows = [("dec.pdf", date(2024, 12, 3), "ｾﾌﾞﾝｲﾚﾌﾞﾝ", 500), ("dec.pdf", date(2024, 12, 12), "NETFLIX.COM", 1490),
            ("dec.pdf", date(2024, 12, 28), "ｲｵﾝ", 3000), ("jun.csv", date(2025, 6, 2), "ｲｵﾝ", 2000),
            ("jun.csv", date(2025, 6, 12), "NETFLIX.COM", 1490), ("jun.csv", date(2025, 6, 29), "ENEOS", 4000)]
    assert find_subscriptions(files_tx(rows)) == []
    # told that the statements cover the whole half-year, the two charges are an early semi-annual stream
    whole = find_subscriptions(files_tx(rows), coverage=[(date(2024, 12, 1), date(2025, 6, 30))])
    assert [(s.cadence, s.charges) for s in whole] == [("semi-annual", 2)]
    # explicit statement periods: the same two files leave January to May uncovered
    assert find_subscriptions(files_tx(rows), coverage=[(date(2024, 11, 16), date(2024, 12, 15)),
                                                        (date(2025, 5, 16), date(2025, 6, 30))]) == []


def test_streams_split_at_an_uncovered_stretch_and_consecutive_files_do_not_split():
    q4 = [("q4.pdf", d, "HULU", 1026) for d in monthly_dates(date(2024, 10, 5), 3)]
    q2 = [("q2.csv", d, "HULU", 1026) for d in monthly_dates(date(2025, 4, 5), 3)]
    subs = find_subscriptions(files_tx(q4 + q2))
    assert sorted((s.first_date, s.charges, s.cadence) for s in subs) == [
        ("2024-10-05", 3, "monthly"), ("2025-04-05", 3, "monthly")]
    # twelve monthly statement files, one after the other: one weekly and one monthly stream
    rows = []
    for m in range(12):
        src = f"2024-{m + 1:02d}.csv"
        rows += [(src, d, "OISIX", 4500) for d in (date(2024, 1, 3) + timedelta(days=7 * k) for k in range(52))
                 if d.month == m + 1]
        rows.append((src, date(2024, m + 1, 20), "NETFLIX.COM", 1490))
    subs = find_subscriptions(files_tx(rows))
    assert sorted((s.merchant, s.cadence, s.charges) for s in subs) == [
        ("NETFLIX.COM", "monthly", 12), ("OISIX", "weekly", 52)]
