"""Order e-mails matched to one contract, letters that hold only their contract's data, help per country."""

from __future__ import annotations

import pytest

from audit.cases.advice import card_countries, help_contacts
from audit.cases.eml import OrderEmail
from audit.cases.eml_match import match_contract
from audit.cases.letters import LetterDetails, all_letters
from audit.contracts import Contract
from audit.errors import StatementError
from audit.ui_text import error_text


def contract(cid: str, merchant: str, desc: str, amount: float, currency: str = "JPY") -> Contract:
    ch = [{"id": f"{cid}t", "date": "2025-01-05", "amount": amount, "currency": currency, "description": desc}]
    return Contract(id=cid, merchant=merchant, merchant_key=merchant.upper(), descriptors=[desc], transaction_ids=[],
                    charges=ch, total_paid=amount, refunded=0.0, currency=currency, first_date="2025-01-05",
                    last_date="2025-01-05", suspicious=True, score=80.0, reasons=[])


A = contract("c1", "PC Fix Pro (fictional)", "PCFIXPRO*SUPPORT 8445551234", 4980.0)
B = contract("c2", "SysCarePlus", "PADDLE.NET* SYSCAREPLUS", 4262.0)


def test_order_email_matches_its_contract_only() -> None:
    info = OrderEmail(merchant_name="PC Fix Pro Billing", merchant_email="help@pcfixpro-fictional.example",
                      order_number="PFX-1", product="PC Fix Pro 1-year licence", amount="USD 49.99")
    assert match_contract(info, [A, B]) is A
    other = OrderEmail(merchant_name="SysCare Plus", merchant_email="support@syscareplus.example", amount="¥4,262")
    assert match_contract(other, [A, B]) is B
    unknown = OrderEmail(merchant_name="Garden Supplies", merchant_email="shop@garden.example")
    assert match_contract(unknown, [A, B]) is None
    assert match_contract(info, []) is None


def test_no_letter_carries_another_contracts_data() -> None:
    da = LetterDetails(order_number="ORDER-A", merchant_email="a@pcfix.example", product="Product A")
    db = LetterDetails(order_number="ORDER-B", merchant_email="b@syscare.example", product="Product B")
    for mine, theirs, d in ((A, B, da), (B, A, db)):
        other = db if d is da else da
        for letter in all_letters(mine, d).values():
            text = letter.body_en + letter.body_ja + letter.subject_en + letter.subject_ja
            assert theirs.descriptors[0] not in text and theirs.merchant not in text
            assert other.order_number not in text and other.product not in text
            assert f"{theirs.charges[0]['amount']:,.0f}" not in text


def test_help_contacts_per_country() -> None:
    assert card_countries({"JPY"}) == ["JP"] and card_countries({"USD", "GBP"}) == ["US", "GB"]
    assert card_countries({"EUR"}) == ["JP", "US", "GB"]
    us = help_contacts("en", "US")
    assert any("reportfraud.ftc.gov" in h["url"] for h in us) and all(h["source"].startswith("https://") for h in us)
    gb = help_contacts("ja", "GB")
    assert any(h["phone"] == "0300 123 2040" for h in gb)
    assert any(h["phone"] == "188" for h in help_contacts("ja"))
    with pytest.raises(ValueError):
        help_contacts("en", "FR")


def test_reader_errors_in_the_page_language() -> None:
    err = StatementError("jan.pdf", "uses an encryption this tool cannot open: remove the password", page=1)
    ja = error_text(err, "ja")
    assert ja.startswith("jan.pdf（1 ページ）: パスワード") and "\n" not in ja
    assert error_text(err, "en") == str(err)
    assert "読み込めませんでした" in error_text(StatementError("x.csv", "something new"), "ja")
