"""Signals that do not depend on the statement's country: home-currency support sellers, gift-card bursts at
the shops of each country, card holders kept apart, innocent neighbours, full-width and katakana names."""

from __future__ import annotations

from datetime import date, timedelta

from test_recurring import monthly_dates
from test_recurring_bills import rows_of, table

from audit.detection import lexicon
from audit.detection.gift_retailers import gift_retailer
from audit.detection.recurring import find_subscriptions
from audit.detection.signals import find_signals
from audit.detection.thresholds import DEFAULT, limits


def audit(rows):
    tx = table(rows)
    subs = find_subscriptions(tx)
    return tx, subs, find_signals(tx, subs, [])


def kinds(found):
    return sorted(f.kind for f in found)


def shopping(start: date, days: int, name: str, currency: str, seed: int = 0) -> list[dict]:
    """Everyday purchases with cents, every other day."""
    out = []
    for k in range(0, days, 2):
        cents = (seed * 37 + k * 53) % 97 + 1
        out.append({"date": start + timedelta(days=k), "description": name, "amount": 18 + (k * 7) % 60 + cents / 100,
                    "currency": currency})
    return out


def test_unknown_security_seller_billed_in_dollars_on_a_us_card_is_flagged():
    rows = rows_of(monthly_dates(date(2024, 2, 6), 8), "PAYPAL *PCSHIELDPRO", 29.99, currency="USD")
    rows += shopping(date(2024, 1, 1), 300, "KROGER #412", "USD")
    _, subs, found = audit(rows)
    f = next(f for f in found if f.kind == "foreign_software_recurring")
    assert "PCSHIELDPRO" in f.merchant and f.details["foreign"] is False
    assert any("not abroad" in r for r in f.reasons)
    assert next(s for s in subs if "PCSHIELDPRO" in s.merchant).suspicious


def test_unknown_security_suite_at_a_fake_support_price_is_flagged_in_pounds():
    rows = rows_of([date(2023, 4, 4), date(2024, 4, 4), date(2025, 4, 4)], "CYNTHAR SECURE 360", 199.99, currency="GBP")
    assert "foreign_software_recurring" in kinds(audit(rows)[2])


def test_home_security_insurance_and_phone_plans_are_not_software_sellers():
    rows = []
    for name, amount in (("ADT SECURITY SERVICES", 45.99), ("BRINKS HOME SECURITY", 39.99),
                         ("VERIZON TOTAL MOBILE PROTECTION", 17.0), ("BOOST MOBILE", 60.0),
                         ("IDENTITY GUARD", 19.99), ("HELIOS FITNESS", 49.0)):
        rows += rows_of(monthly_dates(date(2024, 1, 3), 12), name, amount, currency="USD")
    _, subs, found = audit(rows)
    assert len(subs) == 6 and found == []


def test_gift_card_burst_at_us_pharmacies_with_a_visa_card_fee():
    rows = shopping(date(2025, 3, 1), 60, "CVS/PHARMACY #04521", "USD", 1)
    rows += shopping(date(2025, 3, 2), 60, "WAL-MART #2871 AUSTIN TX", "USD", 2)
    burst = [(date(2025, 4, 12), "CVS/PHARMACY #04521", 200.0), (date(2025, 4, 12), "WALGREENS #1193", 300.0),
             (date(2025, 4, 13), "WAL-MART #2871 AUSTIN TX", 506.95)]
    rows += [{"date": d, "description": n, "amount": a, "currency": "USD"} for d, n, a in burst]
    tx, _, found = audit(rows)
    b = [f for f in found if f.kind == "prepaid_burst"]
    assert len(b) == 1 and b[0].details["count"] == 3 and b[0].details["total"] == 1006.95
    assert "shops that sell gift cards" in b[0].reasons[0]
    picked = set(tx.loc[tx["id"].isin(b[0].transaction_ids), "amount"])
    assert picked == {200.0, 300.0, 506.95}


def test_gift_card_burst_at_uk_and_irish_supermarkets():
    for shop, currency in (("TESCO STORES 3217", "GBP"), ("DUNNES STORES CORK", "EUR")):
        rows = shopping(date(2025, 1, 1), 90, shop, currency)
        rows += [{"date": date(2025, 2, 20) + timedelta(days=k // 2), "description": shop, "amount": 100.0 + 50 * k,
                  "currency": currency} for k in range(3)]
        assert kinds(audit(rows)[2]) == ["prepaid_burst"], shop


def test_one_gift_card_present_and_ordinary_shopping_are_no_burst():
    rows = shopping(date(2025, 11, 1), 60, "TARGET 00012783", "USD")
    rows += [{"date": date(2025, 12, 10), "description": "TARGET 00012783", "amount": 50.0, "currency": "USD"}]
    assert audit(rows)[2] == []


def test_bursts_never_mix_two_card_holders():
    rows = [{"date": date(2025, 4, 12), "description": "WEBMONEY", "amount": 5000, "client": "A", "card": "****1111"},
            {"date": date(2025, 4, 12), "description": "ﾛｰｿﾝ", "amount": 10000, "client": "B", "card": "****2222"},
            {"date": date(2025, 4, 13), "description": "ﾌｧﾐﾘｰﾏｰﾄ", "amount": 10000, "client": "C", "card": "****3333"}]
    assert audit(rows)[2] == []
    same = [{**r, "client": "A", "card": "****1111"} for r in rows]
    assert kinds(audit(same)[2]) == ["prepaid_burst"]


def test_support_fee_just_before_a_burst_belongs_to_it():
    """A small "support" fee no signal flags alone joins the burst that follows; a large one is flagged itself."""
    for name, fee, alone in (("SECURELINE SERVICES", 120.0, False), ("FORTIVEX CLEANWARE", 499.99, True)):
        rows = [{"date": date(2025, 5, 2), "description": name, "amount": fee, "currency": "USD"}]
        rows += [{"date": date(2025, 5, 3) + timedelta(days=k // 2), "description": "BEST BUY 00005314",
                  "amount": 500.0, "currency": "USD"} for k in range(3)]
        tx, _, found = audit(rows)
        b = next(f for f in found if f.kind == "prepaid_burst")
        fee_id = tx["id"].iloc[0]
        assert (fee_id in b.transaction_ids) is not alone
        assert any(fee_id in f.transaction_ids for f in found)
        assert any(name in r for r in b.reasons)


def test_ride_and_meal_in_the_same_week_as_scam_contracts_are_not_in_the_cluster():
    rows = [{"date": date(2024, 1, 2), "description": "TESCO STORES 3217", "amount": 40.12, "currency": "GBP"}]
    rows += rows_of(monthly_dates(date(2024, 6, 10), 4), "2CO.COM*KUMOSHIELD SECURITY", 39.99, currency="GBP")
    rows += rows_of(monthly_dates(date(2024, 6, 12), 4), "DR *ORBITSAFE PROTECT", 14.99, currency="GBP")
    rows += [{"date": date(2024, 6, 11), "description": "UBER *TRIP HELP.UBER.COM", "amount": 23.4, "currency": "GBP"},
             {"date": date(2024, 6, 11), "description": "NANDOS LONDON", "amount": 31.2, "currency": "GBP"},
             {"date": date(2024, 6, 13), "description": "ACME BISTRO SUPPORT ROW", "amount": 18.0, "currency": "GBP"}]
    tx, _, found = audit(rows)
    cl = next(f for f in found if f.kind == "contract_cluster")
    innocent = set(tx.loc[tx["description"].str.contains("UBER|NANDOS"), "id"])
    assert innocent.isdisjoint(cl.transaction_ids)
    assert innocent.isdisjoint({i for f in found for i in f.transaction_ids})


def test_full_width_and_katakana_names_read_like_half_width():
    for text in ("ＰＣサポート", "ﾋﾟｰｼｰ ｻﾎﾟｰﾄ", "ｾｷｭﾘﾃｨｻﾎﾟｰﾄ", "ＴＥＣＨ　ＨＥＬＰ　ＰＲＯ", "ゼンドリクス ＰＣシールド"):
        assert lexicon.sign_kinds(lexicon.sign_text(lexicon.fold(text))) >= 2, text
    assert lexicon.fold("ＰＣサポート") == "PC サポート"
    rows = rows_of(monthly_dates(date(2024, 2, 6), 6), "ＰＣ　ＳＨＩＥＬＤ　ＰＬＵＳ", 3980)
    assert "foreign_software_recurring" in kinds(audit(rows)[2])


def test_help_centre_addresses_are_no_support_words():
    text = lexicon.sign_text(lexicon.fold("UBER *TRIP HELP.UBER.COM"))
    assert lexicon.sign_kinds(text) == 0 and not lexicon.support_sign(text)


def test_gift_card_shops_per_country():
    for name in ("WAL-MART #2871", "CVS/PHARMACY #1", "WALGREENS #9", "TARGET 0001", "BEST BUY 00005314", "ARGOS LTD",
                 "TESCO IRELAND", "SAINSBURYS S/MKT", "BOOTS 1123", "DUNNES STORES", "SUPERVALU", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ",
                 "マツモトキヨシ"):
        assert gift_retailer(lexicon.fold(name)), name
    assert not gift_retailer(lexicon.fold("NETFLIX.COM"))


def test_currency_thresholds_live_in_one_table():
    assert limits("JPY").large == 20000 and limits("KRW").large > limits("JPY").large
    assert limits("USD") is DEFAULT and limits(None) is DEFAULT
    assert limits("GBP").burst_item < limits("JPY").burst_item


def test_unknown_currency_is_not_foreign() -> None:
    """A file that names no currency ("unknown") mixed with yen rows: its charges are not foreign for that."""
    from datetime import date

    from test_recurring import make_tx

    from audit.detection.features import _prepare

    tx = make_tx([(date(2026, 1, 5), "PC SOFT CARE", 3000), (date(2026, 1, 6), "SUPERMARKET", 2000),
                  (date(2026, 1, 7), "PC SOFT CARE", 3000)])
    tx.loc[2, "currency"] = "unknown"
    ctx = _prepare(tx, [], [])
    rows = ctx.tx.set_index("id")
    assert ctx.home == "JPY"
    assert not bool(rows.loc["t:r3", "foreign"])
    assert not bool(rows.loc["t:r1", "foreign"])
