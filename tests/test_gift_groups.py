"""Gift-card groups (walk 21, findings 11 and 12): a group's name in the page's language, reasons that say
what made the purchases suspicious, and a to-do step that sends no cancellation to a merchant that is not there."""

from __future__ import annotations

from datetime import date

from audit import pipeline
from audit.cases.reasons import contract_reasons
from audit.cases.statuses import is_prepaid_only, next_actions
from audit.cases.store import CaseStore
from audit.detection.gift_groups import GROUPS, group_name


def _scan(rows: list[str]) -> pipeline.ScanResult:
    text = "利用日,利用店名・商品名,利用金額\n" + "\n".join(rows) + "\n"
    return pipeline.scan_uploads([("card.csv", text.encode("utf-8"))])


SUPPORT = ["2026/08/15,ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄｾﾝﾀｰ,29800", "2026/09/15,ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄｾﾝﾀｰ,29800",
           "2026/08/03,ライフ 桜丘店,3120", "2026/09/20,ライフ 桜丘店,2890"]


def test_every_group_has_a_name_in_each_language_and_other_names_stay() -> None:
    for en, ja, _p, _pj in GROUPS.values():
        assert group_name(en, "ja") == ja and group_name(en, "en") == en
        assert not any("a" <= ch.lower() <= "z" for ch in ja)
    assert group_name("ﾛｰｿﾝ ﾅｶﾒｸﾞﾛ", "ja") == "ﾛｰｿﾝ ﾅｶﾒｸﾞﾛ"


def test_a_gift_card_group_reads_in_japanese_and_says_what_made_it_suspicious() -> None:
    result = _scan([*SUPPORT, "2026/08/17,ｱﾏｿﾞﾝｷﾞﾌﾄｶｰﾄﾞ,50000", "2026/08/17,ﾛｰｿﾝ ﾅｶﾒｸﾞﾛ,30000"])
    group = next(c for c in result.contracts if c.suspicious and is_prepaid_only(c))
    assert group.merchant in {g[0] for g in GROUPS.values()}
    ja = " ".join(contract_reasons(group, "ja"))
    assert "2件" in ja and "サポートセンター" in ja and "短い間" not in ja
    assert not any("a" <= ch.lower() <= "z" for ch in group_name(group.merchant, "ja"))


def test_a_single_gift_card_after_a_support_charge_is_one_purchase_and_names_that_charge() -> None:
    result = _scan([*SUPPORT, "2026/08/17,ｸﾞｰｸﾞﾙﾌﾟﾚｲｷﾞﾌﾄｶｰﾄﾞ,30000"])
    group = next(c for c in result.contracts if c.suspicious and is_prepaid_only(c))
    assert len(group.charges) == 1
    ja = " ".join(contract_reasons(group, "ja"))
    en = " ".join(group.reasons)
    assert "1件" in ja and "サポートセンター" in ja and "短い間" not in ja
    assert "purchases" not in en.split(":")[0] or "1 purchase " in en
    assert "サポートセンター" in en


def test_the_to_do_list_sends_no_cancellation_for_a_group_without_a_merchant(tmp_path) -> None:
    result = _scan([*SUPPORT, "2026/08/17,ｱﾏｿﾞﾝｷﾞﾌﾄｶｰﾄﾞ,50000", "2026/08/17,ﾛｰｿﾝ ﾅｶﾒｸﾞﾛ,30000"])
    with CaseStore(tmp_path / "cases.sqlite3") as store:
        store.sync_contracts("A", result.contracts)
        cases = store.cases("A")
    actions = next_actions(cases, date(2026, 12, 6))
    groups = {g[0] for g in GROUPS.values()}
    gift = [a for a in actions if a.merchant in groups]
    support = [a for a in actions if a.merchant not in groups]
    assert gift and all("cancellation" not in a.step_en and "解約" not in a.step_ja for a in gift)
    assert any("cancellation" in a.step_en for a in support)


def test_a_delimited_files_total_row_is_reconciled_with_the_rows() -> None:
    """Walk 21, finding 13: the total row was excluded and matched the rows, yet the check said "no total row"."""
    rows = ["2026/08/03,ライフ 桜丘店,3120", "2026/08/09,NETFLIX.COM,1490"]
    good = _scan([*rows, ",合計,4610"]).reports[0].reconciliation
    assert good is not None and good.ok and good.printed_total == 4610
    bad = _scan([*rows, ",合計,9999"]).reports[0]
    assert bad.reconciliation is not None and not bad.reconciliation.ok
    assert any("total row" in w for w in bad.warnings)
    assert _scan(rows).reports[0].reconciliation is None
