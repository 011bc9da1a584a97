"""Japanese domestic fake-support patterns: katakana plan words, maintenance plans, prepaid value after a
support charge."""

from __future__ import annotations

import pandas as pd

from audit.pipeline import analyse
from audit.schema import conform


def statement(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return conform(pd.DataFrame([{"id": f"s.csv:r{n}", "source": "s.csv", "row": n, "date": d, "description": desc,
                                  "amount": amt, "currency": "JPY", "kind": "charge"}
                                 for n, (d, desc, amt) in enumerate(rows, start=2)]))


EVERYDAY = [(f"2025-0{m}-{d:02d}", shop, amt) for m in range(1, 7) for d, shop, amt in
            ((3, "ローソン　練馬店", 612.0), (9, "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 3271.0), (17, "ｾﾌﾞﾝｲﾚﾌﾞﾝ ﾄﾂｶ", 455.0))]


def flagged(rows: list[tuple[str, str, float]]) -> set[str]:
    result = analyse(statement(rows))
    ids = {i for f in result.findings for i in f.transaction_ids}
    tx = result.transactions
    return set(tx.loc[tx["id"].isin(ids), "description"])


def test_a_large_plan_in_katakana_words_is_a_support_plan():
    got = flagged([*EVERYDAY, ("2025-03-05", "ｼﾞｭｳﾈﾝﾎｼｮｳﾃﾞｼﾞﾀﾙｶﾞｰﾄﾞ", 128000.0)])
    assert got == {"ｼﾞｭｳﾈﾝﾎｼｮｳﾃﾞｼﾞﾀﾙｶﾞｰﾄﾞ"}


def test_a_monthly_maintenance_plan_through_an_agent_is_flagged():
    rows = [*EVERYDAY, *((f"2025-0{m}-13", "NPAY*ｻﾝﾌﾟﾙPCﾎｼｭ 050", 5480.0) for m in range(1, 7))]
    assert flagged(rows) == {"NPAY*ｻﾝﾌﾟﾙPCﾎｼｭ 050"}


def test_gift_cards_bought_after_a_support_charge_are_flagged_even_one():
    rows = [*EVERYDAY, ("2025-04-05", "ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ", 29800.0), ("2025-04-07", "ｱｯﾌﾟﾙｵﾝﾗｲﾝｽﾄｱ", 10000.0)]
    assert flagged(rows) == {"ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ", "ｱｯﾌﾟﾙｵﾝﾗｲﾝｽﾄｱ"}


def test_the_same_gift_card_without_a_support_charge_or_much_later_is_not():
    assert flagged([*EVERYDAY, ("2025-04-07", "ｱｯﾌﾟﾙｵﾝﾗｲﾝｽﾄｱ", 10000.0)]) == set()
    rows = [*EVERYDAY, ("2025-04-05", "ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ", 29800.0), ("2025-04-20", "ｱｯﾌﾟﾙｵﾝﾗｲﾝｽﾄｱ", 10000.0)]
    assert flagged(rows) == {"ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ"}
    rows = [*EVERYDAY, ("2025-04-05", "ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ", 29800.0), ("2025-04-06", "ｱｯﾌﾟﾙｵﾝﾗｲﾝｽﾄｱ", 12345.0)]
    assert flagged(rows) == {"ｳｲﾙｽｼﾞｮｷｮｾﾝﾀｰ"}  # no round sum: a purchase, not a gift card


def test_an_unknown_it_company_billed_from_abroad_monthly_is_flagged_a_product_is_not():
    drift = [4797.0, 4897.0, 4865.0, 4930.0, 4881.0]
    rows = [*EVERYDAY, *((f"2025-0{m}-08", "ＳＡＭＰＬＥＸ　ＤＩＧＩＴＡＬ　ＳＥＲＶＩＣＥＳ", a) for m, a in zip(range(1, 6), drift,
                                                                                              strict=True))]
    assert flagged(rows) == {"ＳＡＭＰＬＥＸ　ＤＩＧＩＴＡＬ　ＳＥＲＶＩＣＥＳ"}
    rows = [*EVERYDAY, *((f"2025-0{m}-08", "SAMPLEX *PHOTO EDITOR PRO", a) for m, a in zip(range(1, 6), drift,
                                                                                          strict=True))]
    assert flagged(rows) == set()


def test_a_set_up_fee_under_the_flagged_merchants_name_joins_its_contract():
    rows = [*EVERYDAY, ("2025-01-13", "NPAY*ｻﾝﾌﾟﾙPCﾎｼｭ 050", 14800.0),
            *((f"2025-0{m}-13", "NPAY*ｻﾝﾌﾟﾙPCﾎｼｭ 050", 5480.0) for m in range(1, 7))]
    result = analyse(statement(rows))
    [c] = [c for c in result.contracts if c.suspicious]
    assert len(c.charges) == 7 and sum(ch["amount"] for ch in c.charges) == 14800.0 + 6 * 5480.0


def test_a_usage_bill_that_jumps_every_month_on_its_day_is_a_stream():
    amounts = [133.84, 53.23, 123.93, 79.3, 98.76, 112.08, 60.2, 127.77]
    rows = [(f"2024-{m:02d}-03", "SAMPLE ELECTRIC CO 800-555-0100", a) for m, a in zip(range(1, 9), amounts,
                                                                                   strict=True)]
    result = analyse(statement(rows).assign(currency="USD"))
    assert [(s.cadence, s.charges) for s in result.subscriptions] == [("monthly", 8)]
