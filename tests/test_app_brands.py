"""The page in Japanese on the seeds' own scam: a kana Microsoft-support charge is a suspicious contract citing
the Consumer Affairs Agency's notice, and nothing with a brand name but no billing form is shown as 正規."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"


def jp_statement() -> bytes:
    """A Japanese card statement: the seeds' case, legit subscriptions, a brand name without its billing form."""
    lines = ["利用日,利用店名・商品名,利用金額"]
    for m in range(1, 7):
        lines += [f"2025/{m:02d}/05,ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ,7980", f"2025/{m:02d}/12,NETFLIX.COM,1490",
                  f"2025/{m:02d}/18,アマゾンプライム会費,600", f"2025/{m:02d}/21,ﾛｰｿﾝ ﾈﾘﾏ,{380 + 17 * m}",
                  f"2025/{m:02d}/26,ﾄｳｷﾖｳﾃﾞﾝﾘﾖｸ,{6200 + 310 * m}"]
    lines.append("2025/03/02,MICROSOFT*MICROSOFT 365 P MSBILL.INFO,14900")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.file_uploader(key="uploads").set_value([("meisai.csv", jp_statement(), "text/csv")])
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_kana_microsoft_support_charge_is_a_suspicious_contract_citing_the_notice(page):
    assert [str(m.value) for m in page.metric if m.label == "不審な契約"] == ["1"]
    texts = [m.value for m in page.markdown]
    reason = next((t for t in texts if "マイクロソフト" in t and "消費者庁" in t), None)
    assert reason is not None and "2021年2月19日" in reason and "本物の請求" in reason


def test_nothing_with_a_brand_name_but_no_billing_form_is_shown_as_legit(page):
    tables = [d.value for d in page.dataframe if {"事業者", "周期"} <= set(d.value.columns)]
    legit = next(t for t in tables if "確認してほしい理由" not in t.columns)
    check = next(t for t in tables if "確認してほしい理由" in t.columns)
    shown = " ".join(legit["事業者"].astype(str))
    assert "NETFLIX" in shown and "MICROSOFT" in shown
    assert "アマゾン" not in shown and "マイクロソフトサポート" not in shown
    assert any("アマゾン" in m for m in check["事業者"].astype(str))
    assert any("アマゾン" in r and "本物の請求の形" in r for r in check["確認してほしい理由"].astype(str))
    assert [str(m.value) for m in page.metric if m.label == "正規と思われる定期支払い"] == [str(len(legit))]
