"""Plans seen once: a first charge whose descriptor or amount shows a plan length starts a stream."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from audit.detection.plans import cadence_of, plan_months
from audit.detection.recurring import find_subscriptions
from audit.schema import conform


@pytest.mark.parametrize(("descriptor", "months"), [
    ("PC PROTECT 3YR PLAN", 36), ("WINDOWS SUPPORT 5YRS", 60), ("5YEAR TOTAL SECURITY", 60), ("1YR SUPPORT", 12),
    ("ｾｷｭﾘﾃｨｻﾎﾟｰﾄ5ﾈﾝﾌﾟﾗﾝ", 60), ("ジュウネンホショウデジタルガード", 120), ("ネンガクホシュリモートケア", 12),
    ("セキュリティ保守　３年", 36), ("ANNUAL SUPPORT PLAN", 12), ("2 YEAR CARE", 24), ("24ヶ月サポート", 24),
    ("カード年会費", 12), ("ＰＣ保守　年額", 12),
])
def test_plan_lengths_are_read_in_every_spelling(descriptor, months):
    assert plan_months(descriptor) == months


@pytest.mark.parametrize("descriptor", [
    "FS *NEXAFIX LIFETIME SUPPORT", "ﾐﾗｲｶﾞｰﾄﾞ ｴｲｷｭｳ ｻﾎﾟｰﾄ", "永久ライセンス 3年保証",  # lifetime: no renewal
    "AMZN MKTP US*7XDUDQ8YR AMZN.COM/BILL WA", "AMZN MKTP US*53G2X4YR4", "NETFLIX.COM", "ｾﾌﾞﾝｲﾚﾌﾞﾝ",
])
def test_no_plan_length_in_references_lifetime_plans_or_shops(descriptor):
    assert plan_months(descriptor) is None


def test_cadences():
    assert (cadence_of(12), cadence_of(36), cadence_of(6), cadence_of(1)) == ("annual", "3-year", "semi-annual", None)


def tx(rows: list[tuple[date, str, float, str]], end: date = date(2025, 6, 30)) -> pd.DataFrame:
    rows = [*rows, (end, "ローソン", 500.0, "JPY")]
    return conform(pd.DataFrame([{"id": f"t:r{n}", "source": "t.csv", "row": n, "date": d, "description": desc,
                                  "amount": a, "currency": cur, "kind": "charge", "card": "****1111"}
                                 for n, (d, desc, a, cur) in enumerate(rows, start=1)]))


def test_a_plan_charge_seen_once_is_a_stream_with_its_renewal():
    subs = find_subscriptions(tx([(date(2025, 2, 3), "WINDOWS SUPPORT 5YRS", 89800.0, "JPY")]))
    [s] = subs
    assert (s.cadence, s.charges, s.status, s.next_expected_date) == ("5-year", 1, "active", "2030-02-03")


def test_a_renewing_brand_at_a_yearly_price_is_an_annual_stream_and_a_small_charge_is_not():
    subs = find_subscriptions(tx([(date(2025, 1, 27), "MICROSOFT*MICROSOFT 365 P MSBILL.INFO WA", 99.99, "USD"),
                                  (date(2025, 3, 2), "MCAFEE.COM 866-622-3911 CA", 9.99, "USD"),
                                  (date(2025, 4, 2), "MICROSOFT*STORE MSBILL.INFO WA", 127.92, "USD")]))
    assert [(s.merchant_key, s.cadence, s.next_expected_date) for s in subs] == [
        (subs[0].merchant_key, "annual", "2026-01-27")]


def test_two_renewals_a_year_apart_with_new_references_are_one_stream():
    subs = find_subscriptions(tx([(date(2023, 1, 14), "NORTON *NYJFRDGT DUBLIN", 99.99, "EUR"),
                                  (date(2024, 1, 14), "NORTON *AZX4H0KZ DUBLIN", 99.99, "EUR")],
                                 end=date(2024, 6, 1)))
    assert [(s.charges, s.cadence, s.next_expected_date) for s in subs] == [(2, "annual", "2025-01-14")]


def test_a_plan_whose_renewal_passed_without_a_charge_has_ended():
    [s] = find_subscriptions(tx([(date(2023, 1, 10), "ANNUAL SUPPORT PLAN", 30000.0, "JPY")], end=date(2024, 6, 1)))
    assert (s.status, s.next_expected_date) == ("ended", None)
