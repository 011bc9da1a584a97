"""A brand's name alone never makes a subscription legitimate: known services apart, the rest to check."""

from __future__ import annotations

import pandas as pd

from audit.detection.legitimacy import check_text, known_as
from audit.pipeline import analyse
from audit.report_text import render_text
from audit.schema import conform


def test_known_forms_brands_and_ordinary_services():
    assert known_as("MICROSOFT*MICROSOFT 365 P MSBILL.INFO WA").startswith("Microsoft")
    assert known_as("APPLE COM BILL").startswith("Apple")
    assert known_as("NETFLIX.COM") == "Netflix"
    assert known_as("ﾄｳｷﾖｳﾃﾞﾝﾘﾖｸ") == "utility" and known_as("東京ガス") == "utility"
    assert known_as("ＫＤＤＩ　ａｕご利用料金") == "phone and internet"
    assert known_as("ＮＨＫ放送受信料") == "broadcasting fee"
    for d in ("マイクロソフト", "ｱﾂﾌﾟﾙｵﾝﾗｲﾝｽﾄｱ", "アマゾンプライム会費", "MICROSOFT STORE", "ZORVEX LTD"):
        assert known_as(d) == "", d


def statement(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return conform(pd.DataFrame([{"id": f"s.csv:r{n}", "source": "s.csv", "row": n, "date": d, "description": desc,
                                  "amount": amt, "currency": "JPY", "kind": "charge"}
                                 for n, (d, desc, amt) in enumerate(rows, start=2)]))


def test_a_brand_name_without_its_billing_form_is_to_check_never_legit():
    rows = [(f"2025-0{m}-{d:02d}", desc, amt) for m in range(1, 6) for d, desc, amt in
            ((4, "NETFLIX.COM", 1490.0), (8, "アマゾンプライム会費", 600.0), (12, "ZORVEX CLUB", 980.0))]
    contracts = [c for c in analyse(statement(rows)).contracts if not c.suspicious]
    by = {c.merchant: c for c in contracts}
    assert by["NETFLIX.COM"].known_as == "Netflix" and by["NETFLIX.COM"].check == ""
    amazon = next(c for m, c in by.items() if "アマゾン" in m)
    assert amazon.known_as == "" and amazon.check == "brand:Amazon"
    assert "Amazon" in check_text(amazon, "en") and "アマゾン" in check_text(amazon, "ja")
    zorvex = next(c for m, c in by.items() if "ZORVEX" in m)
    assert zorvex.check == "unknown" and "知らない" in check_text(zorvex, "ja")
    text = render_text(analyse(statement(rows)))
    known = text.split("Known services")[1].split("Subscriptions to check")[0]
    assert "NETFLIX" in known and "アマゾン" not in known and "ZORVEX" not in known


def test_exports_say_which_subscriptions_are_known_and_which_to_check():
    """The counsellor export and the scan's table files carry the same known / check split as the page."""
    from audit.cases.export import contracts_frame as export_frame
    from audit.scale.tables import contracts_frame as table_frame

    rows = [(f"2025-0{m}-{d:02d}", desc, amt) for m in range(1, 6) for d, desc, amt in
            ((4, "NETFLIX.COM", 1490.0), (8, "アマゾンプライム会費", 600.0))]
    result = analyse(statement(rows))
    for lang, word in (("en", "Amazon"), ("ja", "アマゾン")):
        df = export_frame([("client", result)], lang=lang).set_index("merchant")
        assert df.loc["NETFLIX.COM", "known_as"] == "Netflix" and df.loc["NETFLIX.COM", "check"] == ""
        amazon = df.loc[next(m for m in df.index if "アマゾン" in m)]
        assert amazon["known_as"] == "" and word in amazon["check"]
    table = table_frame(result.contracts).set_index("merchant")
    assert table.loc["NETFLIX.COM", "known_as"] == "Netflix"
    assert table.loc[next(m for m in table.index if "アマゾン" in m), "check"] == "brand:Amazon"
