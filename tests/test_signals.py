"""Scam-pattern signals: foreign software streams, contract clusters, support plans, prepaid bursts, refunds."""

from __future__ import annotations

import sys
import types
from datetime import date, timedelta

import pytest
from test_recurring import make_tx, monthly_dates, one

from audit.detection import lexicon
from audit.detection.recurring import find_subscriptions
from audit.detection.signals import find_signals, money
from audit.model import Finding

USD = 150.0


def usd_stream(name: str, start: date, n: int, usd: float) -> list[tuple]:
    return [(d, name, round(usd * (USD + i)), usd, "USD") for i, d in enumerate(monthly_dates(start, n))]


def run(rows, known=()):
    tx = make_tx(rows)
    subs = find_subscriptions(tx)
    return tx, subs, find_signals(tx, subs, list(known))


def kinds(findings):
    return sorted(f.kind for f in findings)


def test_unknown_software_billed_in_usd_via_fastspring_is_flagged_with_reasons():
    rows = usd_stream("FS *ZORBLEGUARD PC CARE", date(2024, 3, 5), 10, 29.99)
    _, subs, found = run(rows)
    f = next(x for x in found if x.kind == "foreign_software_recurring")
    assert f.score >= 80 and f.transaction_ids == subs[0].transaction_ids
    text = " ".join(f.reasons)
    for part in ("monthly", "2024-03-05", "USD", "US$29.99", "FastSpring", "10 times"):
        assert part in text
    assert subs[0].suspicious and subs[0].score == f.score and subs[0].reasons


def test_fx_drift_without_printed_foreign_amount_counts_as_foreign():
    rates = [145.2, 147.9, 146.1, 149.3, 151.0, 150.2, 148.4, 152.7]
    rows = [(d, "PADDLE.NET* NEXAFIX TECH SUPPORT", round(19.99 * r)) for r, d in
            zip(rates, monthly_dates(date(2024, 1, 9), 8), strict=True)]
    _, _, found = run(rows)
    f = next(x for x in found if x.kind == "foreign_software_recurring")
    assert "foreign currency is converted to yen" in " ".join(f.reasons).replace("a price in a ", "")


@pytest.mark.parametrize(
    ("name", "amount", "months"),
    [("MCAFEE.COM", 8980, 12), ("NORTON *NORTON 360", 9980, 12), ("MICROSOFT*MICROSOFT 365", 1490, 1),
     ("MSBILL.INFO", 14900, 12), ("NETFLIX.COM", 1490, 1), ("APPLE.COM/BILL", 400, 1), ("GOOGLE *Google One", 250, 1)],
)
def test_legit_brands_do_not_flag_even_when_billed_in_usd(name, amount, months):
    ds = [monthly_dates(date(2023, 2, 10), 1 + months * k)[-1] for k in range(4)]
    rows = [(d, name, amount, round(amount / USD, 2), "USD") for d in ds]
    rows += [(date(2025, 5, 1), name + " RENEWAL 3YR", 32000)]
    _, subs, found = run(rows)
    assert [f for f in found if f.kind != "refund_link"] == []
    assert not any(s.suspicious for s in subs)


def test_merchant_list_allowlist_is_respected(monkeypatch):
    fake = types.ModuleType("audit.merchants")
    fake.allowlist_match = lambda text, db=None: "Glyphforge" if "GLYPHFORGE" in text.upper() else None
    monkeypatch.setitem(sys.modules, "audit.merchants", fake)
    rows = usd_stream("FS *GLYPHFORGE SECURITY", date(2024, 1, 2), 6, 12.0)
    _, _, found = run(rows)
    assert found == []


def test_impersonating_a_brand_with_support_words_still_flags():
    assert lexicon.legit_brand(lexicon.fold("MICROSOFT TECH SUPPORT 1-888")) is None
    assert lexicon.legit_brand(lexicon.fold("MICROSOFT*MICROSOFT 365")) == "Microsoft"


def test_contract_cluster_of_new_contracts_within_days():
    rows = [(d, "ENEOS", 5000 + 37 * i) for i, d in enumerate(monthly_dates(date(2024, 1, 20), 3))]
    rows += usd_stream("2CO.COM*KUMOSHIELD SECURITY", date(2024, 6, 10), 5, 39.99)
    rows += usd_stream("DR *ORBITSAFE PROTECT", date(2024, 6, 12), 5, 14.99)
    rows += [(date(2024, 6, 11), "FS *NEXAFIX LIFETIME SUPPORT", 74850, 499.0, "USD")]
    _, _, found = run(rows)
    cl = [f for f in found if f.kind == "contract_cluster"]
    assert len(cl) == 1
    assert len(cl[0].details["merchants"]) == 3 and cl[0].score >= 75
    assert "2024-06-10" in cl[0].reasons[0] and "2024-06-12" in cl[0].reasons[0]
    assert "large_support_plan" in kinds(found)


def test_known_merchant_raises_cluster_and_is_not_repeated():
    rows = [(date(2024, 1, 3), "ENEOS", 5000)]  # the statement starts well before the contracts
    rows += usd_stream("FS *RESTORO", date(2024, 6, 10), 4, 29.99)
    rows += usd_stream("2CO.COM*KUMOSHIELD SECURITY", date(2024, 6, 11), 4, 39.99)
    tx = make_tx(rows)
    known_ids = [i for i, d in zip(tx["id"], tx["description"], strict=True) if "RESTORO" in d]
    known = [Finding(kind="known_merchant", merchant="Restoro", score=90, reasons=["listed"],
                     transaction_ids=known_ids, entry_id="restoro")]
    subs = find_subscriptions(tx)
    found = find_signals(tx, subs, known)
    assert not any(f.kind == "foreign_software_recurring" and "RESTORO" in f.merchant for f in found)
    cl = next(f for f in found if f.kind == "contract_cluster")
    assert cl.details["known"] == 1 and cl.score >= 65
    plain = find_signals(tx, find_subscriptions(tx), [])
    assert cl.score > next(f for f in plain if f.kind == "contract_cluster").score


def test_legit_new_subscriptions_in_one_week_are_no_cluster():
    rows = [(d, "ENEOS", 5000 + 37 * i) for i, d in enumerate(monthly_dates(date(2024, 1, 20), 3))]
    rows += [(d, "NETFLIX.COM", 1490) for d in monthly_dates(date(2024, 6, 10), 4)]
    rows += [(d, "SPOTIFY", 980) for d in monthly_dates(date(2024, 6, 12), 4)]
    _, _, found = run(rows)
    assert found == []


def test_large_support_plan_japanese_descriptor():
    rows = [(date(2024, 9, 3), "ﾐﾗｲｶﾞｰﾄﾞ ｴｲｷｭｳ ｻﾎﾟｰﾄ 5ﾈﾝ", 69000), (date(2024, 9, 3), "ヨドバシカメラ", 69000)]
    _, _, found = run(rows)
    plans = [f for f in found if f.kind == "large_support_plan"]
    assert len(plans) == 1 and "ミライガード" in plans[0].merchant
    assert "¥69,000" in plans[0].reasons[0] and "2024-09-03" in plans[0].reasons[0]


def test_small_support_charge_is_not_a_large_plan():
    _, _, found = run([(date(2024, 9, 3), "ﾐﾗｲｶﾞｰﾄﾞ ｻﾎﾟｰﾄ", 3000)])
    assert "large_support_plan" not in kinds(found)


def test_prepaid_burst_at_convenience_stores():
    rows = [(date(2025, 2, 1), "セブン－イレブン", 30000), (date(2025, 2, 1), "ﾌｧﾐﾘｰﾏｰﾄ", 30000),
            (date(2025, 2, 2), "GOOGLE PLAY ｷﾞﾌﾄｶｰﾄﾞ", 20000), (date(2025, 2, 20), "ローソン", 20000)]
    rows += [(date(2025, 1, 31), "FS *NEXAFIX LIFETIME SUPPORT", 74850, 499.0, "USD")]
    _, _, found = run(rows)
    b = [f for f in found if f.kind == "prepaid_burst"]
    assert len(b) == 1 and len(b[0].transaction_ids) == 3
    assert b[0].details["total"] == 80000 and b[0].score >= 80
    assert "¥80,000" in b[0].reasons[0] and any("three days" in r for r in b[0].reasons)


def test_long_burst_reason_names_the_first_purchases_and_counts_the_rest():
    from audit.detection.bursts import ITEMS_SHOWN

    rows = [(date(2025, 2, 1), "GOOGLE PLAY ｷﾞﾌﾄｶｰﾄﾞ", 10000 + i) for i in range(ITEMS_SHOWN + 8)]
    _, _, found = run(rows)
    b = next(f for f in found if f.kind == "prepaid_burst")
    assert len(b.transaction_ids) == ITEMS_SHOWN + 8  # every purchase stays in the finding
    assert b.reasons[0].count("¥") == ITEMS_SHOWN + 1  # the total, then the first purchases one by one
    assert b.reasons[0].endswith(", and 8 more).")


def test_everyday_convenience_store_visits_are_no_burst():
    rows = [(date(2025, 3, 1) + timedelta(days=i // 3), "ローソン", 480 + i) for i in range(30)]
    assert run(rows)[2] == []


def test_refund_links_to_the_charge_it_reverses():
    rows = usd_stream("FS *ZORBLEGUARD PC CARE", date(2024, 3, 5), 4, 29.99)
    rows += [(date(2024, 6, 20), "FS *ZORBLEGUARD PC CARE", -rows[-1][2], None, None, "refund")]
    tx, _, found = run(rows)
    r = next(f for f in found if f.kind == "refund_link")
    assert r.transaction_ids == [tx["id"].iloc[3], tx["id"].iloc[4]]
    assert r.details["full"] and r.score == 60.0
    assert "reverses the charge" in r.reasons[0]


def test_refund_of_several_charges_and_partial_refund():
    rows = [(d, "ｼﾞﾑ ﾌﾟﾗｽ", 3000) for d in monthly_dates(date(2024, 1, 5), 3)]
    rows += [(date(2024, 3, 20), "ｼﾞﾑ ﾌﾟﾗｽ", -6000), (date(2024, 4, 1), "ｶﾌｪ ﾐﾄﾞﾘ", 5000),
             (date(2024, 4, 3), "ｶﾌｪ ﾐﾄﾞﾘ", -2000)]
    tx = make_tx(rows)
    listed = [i for i, d in zip(tx["id"], tx["description"], strict=True) if d in ("ｼﾞﾑ ﾌﾟﾗｽ", "ｶﾌｪ ﾐﾄﾞﾘ")]
    known = [Finding(kind="known_merchant", merchant="listed", score=90, reasons=["listed"],
                     transaction_ids=listed, entry_id="x")]
    found = find_signals(tx, find_subscriptions(tx), known)
    links = sorted((f for f in found if f.kind == "refund_link"), key=lambda f: f.details["refunded"])
    assert [len(f.transaction_ids) for f in links] == [2, 3]
    assert links[0].details["full"] is False and "partly" in links[0].reasons[0]
    assert links[1].details["full"] is True


def test_refund_of_an_ordinary_purchase_is_no_finding():
    """A parcel sent back to an online shop: its refund is not suspicious, even in a scam victim's statement."""
    rows = usd_stream("FS *ZORBLEGUARD PC CARE", date(2024, 3, 5), 4, 29.99)
    rows += [(date(2024, 4, 2), "AMAZON.CO.JP", 12800), (date(2024, 4, 9), "AMAZON.CO.JP", -12800),
             (date(2024, 5, 1), "ＵＮＩＱＬＯ ＯＮＬＩＮＥ", 5990), (date(2024, 5, 8), "ＵＮＩＱＬＯ ＯＮＬＩＮＥ ﾍﾝﾋﾟﾝ", -5990)]
    tx, _, found = run(rows)
    assert "refund_link" not in kinds(found)
    flagged = {i for f in found for i in f.transaction_ids}
    returned = set(tx.loc[tx["description"].str.contains("AMAZON|ＵＮＩＱＬＯ"), "id"])
    assert flagged.isdisjoint(returned)


@pytest.mark.parametrize("text", ["セブン-イレブン", "ｾﾌﾞﾝｲﾚﾌﾞﾝ", "7-ELEVEN", "FAMILYMART", "ﾌｧﾐﾘｰﾏｰﾄ", "ﾛｰｿﾝ",
                                  "LAWSON", "ﾐﾆｽﾄｯﾌﾟ", "MINISTOP", "ﾃﾞｲﾘｰﾔﾏｻﾞｷ", "DAILY YAMAZAKI"])
def test_konbini_words(text):
    assert lexicon.konbini_like(lexicon.fold(text))


@pytest.mark.parametrize("text", ["Amazonギフト券", "GOOGLE PLAY ギフトカード", "APPLE GIFT CARD", "iTunesカード",
                                  "WebMoney", "BitCash", "ﾋﾞｯﾄｷｬｯｼｭ", "Vプリカ"])
def test_prepaid_words(text):
    assert lexicon.prepaid_like(lexicon.fold(text))


@pytest.mark.parametrize("text", ["ｾｷｭﾘﾃｨ ｻﾎﾟｰﾄ", "ウイルス対策", "PC OPTIMIZER", "TECH SUPPORT", "ANTIVIRUS"])
def test_software_words(text):
    assert lexicon.software_like(lexicon.fold(text))


def test_money_format():
    assert money(4400, "JPY") == "¥4,400" and money(29.99, "USD") == "US$29.99" and money(3, "CHF") == "3.00 CHF"
    assert money(4980, "unknown") == "4,980.00 (currency not stated)"  # no placeholder word in a reason


def test_refund_with_a_different_descriptor_is_matched_by_similar_name():
    rows = usd_stream("FS *ZORBLEGUARD PC CARE", date(2024, 3, 5), 3, 29.99)
    rows += [(date(2024, 5, 20), "FS *ZORBLEGUARD PC CARE ﾍﾝｷﾝ", -rows[1][2], None, None, "refund")]
    tx, _, found = run(rows)
    r = next(f for f in found if f.kind == "refund_link")
    assert r.transaction_ids == [tx["id"].iloc[1], tx["id"].iloc[3]]


def test_pipeline_json_has_subscriptions_and_pattern_findings(monkeypatch):
    """audit.pipeline.analyse -> to_json: streams with cadence and suspicious flag, plus pattern findings."""
    import importlib

    from test_recurring import add_keys

    for mod, attrs in (("audit.descriptors", {"add_descriptor_columns": add_keys}),
                       ("audit.merchants", {"load_merchant_db": lambda extra=(): None,
                                            "match_transactions": lambda tx, db: [],
                                            "allowlist_match": lambda text, db=None: None})):
        try:
            real = importlib.import_module(mod)
            if all(hasattr(real, a) for a in attrs):
                continue
        except ImportError:
            pass
        monkeypatch.setitem(sys.modules, mod, types.SimpleNamespace(**attrs))
    from audit.pipeline import analyse

    rows = [(date(2024, 1, 4), "ENEOS", 5000)]
    rows += usd_stream("FS *ZORBLEGUARD PC CARE", date(2024, 3, 5), 6, 29.99)
    rows += [(d, "NETFLIX.COM", 1490) for d in monthly_dates(date(2024, 1, 20), 8)]
    doc = analyse(make_tx(rows, keys=False)).to_json()
    subs = {s["merchant"]: s for s in doc["subscriptions"]}
    scam = next(s for m, s in subs.items() if "ZORBLEGUARD" in m)
    legit = next(s for m, s in subs.items() if "NETFLIX" in m)
    assert scam["suspicious"] and scam["cadence"] == "monthly" and len(scam["transaction_ids"]) == 6
    assert not legit["suspicious"] and legit["charges"] == 8
    assert "foreign_software_recurring" in {f["kind"] for f in doc["findings"]}


# --------------------------------------------------------------------------- phone numbers, payment agents, prices


def yen_stream(name: str, start: date, n: int, amount: float) -> list[tuple]:
    return [(d, name, amount) for d in monthly_dates(start, n)]


def test_romaji_support_desk_with_0570_number_billed_in_yen_is_flagged():
    rows = [(date(2024, 1, 4), "ENEOS", 5000)]
    rows += yen_stream("QUORVEX DESK 0570", date(2024, 3, 31), 8, 9800)
    rows += yen_stream("ｽﾎﾟｰﾂｼﾞﾑ ﾌｨｯﾄﾗｲﾌ", date(2024, 3, 5), 8, 9800)  # a domestic gym in kana: no signal
    _, subs, found = run(rows)
    f = next(x for x in found if x.kind == "foreign_software_recurring")
    assert "QUORVEX" in f.merchant and len(f.transaction_ids) == 8
    assert f.details["payment_agent"] and f.details["phone"] == "0570"
    text = " ".join(f.reasons)
    assert "0570 “navi-dial” number" in text and "local payment agent" in text
    assert "phone number (0570) next to support words" in text
    assert not one(subs, "フィットライフ").suspicious


def test_support_words_with_a_phone_number_flag_a_domestic_stream():
    rows = yen_stream("QUORVEX DESK 03-5555-0199", date(2024, 3, 10), 6, 6600)
    _, _, found = run(rows)
    f = next(x for x in found if x.kind == "foreign_software_recurring")
    assert f.details["phone"] == "03-5555-0199" and not f.details["payment_agent"]
    assert any("phone number (03-5555-0199)" in r for r in f.reasons)
    # the same name without a number is not enough
    assert run(yen_stream("QUORVEX DESK", date(2024, 3, 10), 6, 6600))[2] == []


def test_katakana_tech_name_billed_through_komoju_is_flagged():
    _, _, found = run(yen_stream("KMJ*ﾃｸﾉｱｼｽﾄﾌﾟﾗｽ", date(2024, 2, 16), 8, 4980))
    f = next(x for x in found if x.kind == "foreign_software_recurring")
    assert f.details["reseller"] == "KOMOJU" and "KOMOJU" in " ".join(f.reasons)


@pytest.mark.parametrize("text", ["ﾃｸﾉｱｼｽﾄﾌﾟﾗｽ", "ｾｷｭﾘﾌｧｲﾝ", "2CO.COM*KUMOSHIELD", "PADDLE.NET* NEXAFIX", "ORBITSAFE",
                                  "ﾘﾓｰﾄｶﾞｰﾄﾞ"])
def test_software_stems_inside_coined_names(text):
    assert lexicon.software_like(lexicon.fold(text))


@pytest.mark.parametrize("text", ["QUORVEX DESK 0570", "ﾍﾙﾌﾟ ｾﾝﾀｰ"])
def test_support_words_desk_and_katakana_help(text):
    assert lexicon.support_like(lexicon.fold(text))


def test_front_desk_is_no_support_word():
    assert not lexicon.support_like(lexicon.fold("HOTEL SAKURA FRONT DESK"))


@pytest.mark.parametrize("text", ["KMJ*ﾃｸﾉｱｼｽﾄ ｴｲｷｭｳﾎｼｮｳ", "ﾐﾗｲｶﾞｰﾄﾞ 5ﾈﾝ", "ｻﾎﾟｰﾄ ﾈﾝｶﾝ"])
def test_plan_words_in_katakana(text):
    assert lexicon.plan_like(lexicon.fold(text))


@pytest.mark.parametrize(("text", "phone"), [
    ("QUORVEX DESK 0570", "0570"), ("QUORVEX DESK 0570-012-345", "0570-012-345"), ("ﾍﾙﾌﾟ 0120-123-456", "0120-123-456"),
    ("PCFIX 03-1234-5678", "03-1234-5678"), ("NETFLIX.COM 866-579-7172", "866-579-7172"),
    ("HELPDESK +1 888 555 0199", "+1 888 555 0199"),
    ("PAYPAL *SPOTIFYAB 4007551112", None), ("AMAZON.CO.JP 2024-05-01", None), ("KINDLE SVCS*490N1PS", None),
])
def test_phone_numbers_in_descriptors(text, phone):
    assert lexicon.phone_in(lexicon.fold(text)) == phone


def test_navi_dial_and_romaji():
    assert lexicon.navi_dial(lexicon.fold("QUORVEX DESK 0570")) and not lexicon.navi_dial("QUORVEX 05701")
    assert lexicon.romaji_only("QUORVEX DESK 0570") and not lexicon.romaji_only(lexicon.fold("ﾃｸﾉ DESK 0570"))


def test_reseller_alone_needs_a_fake_support_price():
    cheap = usd_stream("FS *GLYPHFORGE FONTS", date(2024, 3, 5), 10, 9.99)
    assert run(cheap)[2] == []
    annual = [(date(2023, 1, 7), "FS *GLYPHFORGE FONTS", 14600, 99.0, "USD"),
              (date(2024, 1, 7), "FS *GLYPHFORGE FONTS", 14700, 99.0, "USD")]
    assert run(annual)[2] == []
    pricey = usd_stream("FS *KLEENBYTE", date(2024, 3, 5), 10, 29.99)
    f = next(x for x in run(pricey)[2] if x.kind == "foreign_software_recurring")
    assert f.details["yearly"] > 50000 and any("a year, several times what ordinary" in r for r in f.reasons)


def test_big_electronics_store_software_purchase_is_no_support_plan():
    """A shop sale of software (an electronics retailer, or a name with one software word and nothing else)."""
    rows = [(date(2024, 2, 24), "ﾋﾞｯｸｶﾒﾗ ﾊﾟｿｺﾝｿﾌﾄ", 34800), (date(2024, 5, 2), "ﾊﾟｿｺﾝｿﾌﾄ ｵﾝﾗｲﾝ", 29800),
            (date(2024, 8, 9), "SQ *PC REPAIR PLUS AUSTIN TX", 23000)]
    assert run(rows)[2] == []


def test_large_one_off_from_an_unknown_name_of_two_sign_kinds_is_flagged_at_home():
    """Security and computer words together (パソコン + セキュリティ, PC + SHIELD), billed in the home currency."""
    for name in ("ﾊﾟｿｺﾝｿﾌﾄ ｾｷｭﾘﾃｨ", "ＺＥＮＤＯＲＡ ＰＣ ＳＨＩＥＬＤ"):
        found = run([(date(2024, 5, 2), name, 29800)])[2]
        assert kinds(found) == ["large_support_plan"], name


def test_large_one_off_at_romaji_desk_with_0570_is_a_support_plan():
    _, _, found = run([(date(2024, 7, 26), "QUORVEX DESK 0570", 39800)])
    f = next(x for x in found if x.kind == "large_support_plan")
    text = " ".join(f.reasons)
    assert "¥39,800" in text and "phone number (0570)" in text and "local payment agent" in text


def test_two_concert_tickets_at_a_konbini_are_no_burst():
    rows = [(date(2024, 12, 21), "ﾛｰｿﾝﾁｹｯﾄ ｺﾝｻｰﾄ", 11000), (date(2024, 12, 21), "ﾛｰｿﾝﾁｹｯﾄ ｺﾝｻｰﾄ", 11000)]
    assert run(rows)[2] == []


def test_two_plain_konbini_purchases_need_a_suspicious_charge_nearby():
    two = [(date(2025, 2, 1), "セブン－イレブン", 10000), (date(2025, 2, 1), "ローソン", 30000)]
    assert "prepaid_burst" not in kinds(run(two)[2])
    three = [*two, (date(2025, 2, 2), "ﾌｧﾐﾘｰﾏｰﾄ", 10000)]
    assert "prepaid_burst" in kinds(run(three)[2])
    gift = [two[0], (date(2025, 2, 1), "GOOGLE PLAY ｷﾞﾌﾄｶｰﾄﾞ", 30000)]
    assert "prepaid_burst" in kinds(run(gift)[2])
    anchored = [*two, (date(2025, 1, 31), "FS *NEXAFIX LIFETIME SUPPORT", 74850, 499.0, "USD")]
    b = next(f for f in run(anchored)[2] if f.kind == "prepaid_burst")
    assert len(b.transaction_ids) == 2 and any("three days" in r for r in b.reasons)


def test_unknown_foreign_stream_without_a_sign_does_not_join_a_cluster():
    rows = [(d, "ENEOS", 5000 + 37 * i) for i, d in enumerate(monthly_dates(date(2024, 1, 20), 3))]
    rows += usd_stream("2CO.COM*VORTEXA PC CARE", date(2024, 9, 12), 5, 39.99)
    rows += usd_stream("DRI*CYBRELLA SECURE", date(2024, 9, 11), 5, 69.99)
    rows += usd_stream("PAYPAL *DRIVLIFTER", date(2024, 9, 12), 5, 35.88)
    rows += usd_stream("PAYPAL *BOOKCLUBIO", date(2024, 3, 2), 10, 12.0)  # foreign, but months earlier
    _, subs, found = run(rows)
    cl = next(f for f in found if f.kind == "contract_cluster")
    assert len(cl.details["merchants"]) == 2 and cl.details["joined"] == []
    assert not any("DRIVLIFTER" in r for r in cl.reasons)
    assert not one(subs, "DRIVLIFTER").suspicious and not one(subs, "BOOKCLUBIO").suspicious


def test_foreign_streams_without_software_words_do_not_start_a_cluster():
    rows = [(d, "ENEOS", 5000 + 37 * i) for i, d in enumerate(monthly_dates(date(2024, 1, 20), 3))]
    rows += usd_stream("DRI*CYBRELLA SECURE", date(2024, 7, 14), 6, 14.99)
    rows += usd_stream("FS *GLYPHFORGE FONTS", date(2024, 7, 13), 6, 11.0)
    rows += usd_stream("PAYPAL *DRIVLIFTER", date(2024, 7, 12), 6, 35.88)
    _, _, found = run(rows)
    assert "contract_cluster" not in kinds(found)
