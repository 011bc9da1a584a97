"""Letters: content from the contract and the user's details, placeholders, variants, files."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

import pytest

from audit.cases.letters import (
    Letter,
    LetterDetails,
    auto_reply_note,
    cancellation_request,
    follow_up_request,
    format_money,
    issuer_dispute,
    letter_to_eml,
    letter_to_txt,
)
from audit.contracts import Contract


def contract(refunded: float = 0.0) -> Contract:
    charges = [
        {"id": "t1", "date": "2025-01-05", "amount": 4980.0, "currency": "JPY", "original_amount": 33.0,
         "original_currency": "USD", "description": "FS *FAKEGUARD PRO", "source": "s.csv", "card": "****1234"},
        {"id": "t2", "date": "2025-02-05", "amount": 5120.0, "currency": "JPY", "original_amount": None,
         "original_currency": None, "description": "FS *FAKEGUARD PRO", "source": "s.csv", "card": "****1234"},
    ]
    refunds = []
    if refunded:
        refunds = [{"id": "t3", "date": "2025-02-20", "amount": -refunded, "currency": "JPY",
                    "description": "FS *FAKEGUARD PRO", "card": "****1234"}]
    return Contract(
        id="c1", merchant="FakeGuard (fictional)", merchant_key="FAKEGUARD", descriptors=["FS *FAKEGUARD PRO"],
        transaction_ids=["t1", "t2"], charges=charges, total_paid=10100.0 - refunded, refunded=refunded,
        currency="JPY", first_date="2025-01-05", last_date="2025-02-05", suspicious=True, score=90.0,
        reasons=["fictional"], refunds=refunds,
    )


FULL = LetterDetails(name="Hanako Yamada", email="hanako@example.com", order_number="ORD-778899",
                     merchant_email="support@fakeguard.example", product="FakeGuard Pro 5-year licence",
                     card_issuer="Example Card Co.", request_date="2025-03-01")


def test_money_format() -> None:
    assert format_money(4980, "JPY") == "JPY 4,980"
    assert format_money(29.9, "usd") == "USD 29.90"
    assert format_money(None, "JPY") == "?"


def test_cancellation_with_order_number() -> None:
    letter = cancellation_request(contract(), FULL)
    assert isinstance(letter, Letter)
    en, ja = letter.body_en, letter.body_ja
    assert "ORD-778899" in letter.subject_en and "ORD-778899" in letter.subject_ja
    for text in (en, ja):
        assert "Hanako Yamada" in text
        assert "hanako@example.com" in text
        assert "ORD-778899" in text
        assert "FakeGuard Pro 5-year licence" in text
        assert "2025-01-05" in text and "2025-02-05" in text
        assert "JPY 4,980" in text and "JPY 5,120" in text and "USD 33.00" in text
        assert "FS *FAKEGUARD PRO" in text
        assert "JPY 10,100" in text
        assert "[" not in text.replace("［", "")  # no placeholder left
    assert "full amount" in en and "cancel" in en and "next step" in en
    assert "全額" in ja and "解約" in ja
    assert "unknown" not in en


def test_cancellation_without_order_number_and_placeholders() -> None:
    letter = cancellation_request(contract(), LetterDetails())
    en, ja = letter.body_en, letter.body_ja
    assert "[YOUR NAME]" in en and "［お名前］" in ja
    assert "do not know my order number" in en
    assert "[EMAIL ADDRESS USED TO SIGN UP]" in en and "［登録したメールアドレス］" in ja
    assert "注文番号もライセンスキーも分かりません" in ja
    assert 'billed to my card as "FS *FAKEGUARD PRO"' in en  # product falls back to the descriptor
    assert "order" not in letter.subject_en.split("purchase")[1]


def test_email_given_order_unknown_mentions_email() -> None:
    letter = cancellation_request(contract(), LetterDetails(name="A", email="a@example.com"))
    assert "do not know my order number" in letter.body_en and "a@example.com" in letter.body_en


def test_refund_shown_in_totals() -> None:
    letter = cancellation_request(contract(refunded=1000.0), FULL)
    assert "already refunded JPY 1,000" in letter.body_en and "net JPY 9,100" in letter.body_en
    assert "返金済み JPY 1,000" in letter.body_ja


def test_follow_up_declines_and_asks_for_written_confirmation() -> None:
    letter = follow_up_request(contract(), FULL)
    en = letter.body_en
    assert "do not accept any discount" in en
    assert "full amount" in en and "cancel" in en
    assert "reason" in en
    assert "confirm in writing" in en
    assert "ORD-778899" in en and "Hanako Yamada" in en
    assert "割引" in letter.body_ja and "書面" in letter.body_ja


def test_issuer_dispute() -> None:
    letter = issuer_dispute(contract(), FULL)
    en, ja = letter.body_en, letter.body_ja
    assert "Example Card Co." in en and "Example Card Co." in ja
    assert "****1234" in en
    assert "2025-01-05" in en and "JPY 4,980" in en and "JPY 10,100" in en
    assert "2025-03-01" in en and "support@fakeguard.example" in en
    assert "chargeback" in en and "stop any further charges" in en
    assert "reissued" in en and "may not" in en
    assert "チャージバック" in ja and "番号変更" in ja
    blank = issuer_dispute(contract(), LetterDetails())
    assert "[CARD ISSUER]" in blank.body_en and "[DATE OF YOUR REQUEST]" in blank.body_en


def test_auto_reply_note() -> None:
    en = auto_reply_note("en")
    assert "automatic response" in en and "autoreply" in en and "ticket" in en and "wait" in en
    ja = auto_reply_note("ja")
    assert "自動返信" in ja and "チケット番号" in ja
    with pytest.raises(ValueError):
        auto_reply_note("fr")


def test_txt_languages() -> None:
    letter = cancellation_request(contract(), FULL)
    both = letter_to_txt(letter)
    assert both.index(letter.subject_en) < both.index(letter.subject_ja)
    assert letter_to_txt(letter, "en").startswith("Subject: ") and letter.body_ja not in letter_to_txt(letter, "en")
    assert letter_to_txt(letter, "ja").startswith("件名")
    with pytest.raises(ValueError):
        letter_to_txt(letter, "de")


def test_eml_round_trip() -> None:
    letter = cancellation_request(contract(), FULL)
    data = letter_to_eml(letter, FULL)
    assert isinstance(data, bytes)
    msg = message_from_bytes(data, policy=default_policy)
    assert msg["To"] == "support@fakeguard.example"
    assert msg["From"] == "hanako@example.com"
    assert msg["Subject"] == letter.subject_en
    assert msg.get_content_charset() == "utf-8"
    body = msg.get_content()
    assert body.index("Dear Customer Support") < body.index("カスタマーサポート御中")
    assert "Message-ID" not in msg


def test_eml_override_and_header_injection() -> None:
    letter = cancellation_request(contract(), FULL)
    d = LetterDetails(email="me@example.com\nBcc: evil@example.com")
    msg = message_from_bytes(letter_to_eml(letter, d, to_addr="help@other.example"), policy=default_policy)
    assert msg["To"] == "help@other.example"
    assert msg["Bcc"] is None
    no_to = message_from_bytes(letter_to_eml(letter, LetterDetails()), policy=default_policy)
    assert no_to["To"] is None and no_to["From"] is None


def test_dispute_eml_not_addressed_to_merchant() -> None:
    letter = issuer_dispute(contract(), FULL)
    assert letter.kind == "dispute"
    msg = message_from_bytes(letter_to_eml(letter, FULL), policy=default_policy)
    assert msg["To"] is None
    msg = message_from_bytes(letter_to_eml(letter, FULL, to_addr="disputes@card.example"), policy=default_policy)
    assert msg["To"] == "disputes@card.example"


# --------------------------------------------------------------------------- advice (audit/cases/advice.py)


def test_advice_texts() -> None:
    from audit.cases.advice import IPA_ANSHIN_URL, help_contacts, prepaid_advice, scam_pattern_summary

    en, ja = prepaid_advice("en"), prepaid_advice("ja")
    assert "your own account" in en and "issuer" in en and "support scam" in en and "receipts" in en
    assert "自分のアカウント" in ja and "発行会社" in ja and "サポート詐欺" in ja
    for lang in ("en", "ja"):
        contacts = help_contacts(lang)
        assert all(set(c) == {"name", "phone", "url", "when"} for c in contacts)
        phones = {c["phone"] for c in contacts}
        assert {"188", "#9110"} <= phones
        assert IPA_ANSHIN_URL in {c["url"] for c in contacts}
        whole = " ".join(c["name"] + c["when"] for c in contacts)
        assert "CCJ" in whole and "Ctrl" in whole and "Alt" in whole and "Del" in whole
    assert "Task Manager" in " ".join(c["when"] for c in help_contacts("en"))
    assert "never" in " ".join(c["when"] for c in help_contacts("en"))
    summary = scam_pattern_summary("en")
    assert "Microsoft" in summary and "remote" in summary and "prepaid" in summary
    assert "マイクロソフト" in scam_pattern_summary("ja")
    with pytest.raises(ValueError):
        help_contacts("xx")
    with pytest.raises(ValueError):
        prepaid_advice("")


# --------------------------------------------------------------------------- safety and currencies


def _two_currency_contract() -> Contract:
    c = contract()
    c.charges = [
        {"id": "u1", "date": "2025-01-05", "amount": 499.0, "currency": "USD", "description": "PCFIX 4111 1111 1111 1111"},
        {"id": "u2", "date": "2025-02-05", "amount": 7615.0, "currency": "JPY", "description": "PCFIX 本人 1回 884"},
    ]
    c.refunds = [{"id": "u3", "date": "2025-02-09", "amount": -100.0, "currency": "USD", "description": "PCFIX"}]
    return c


def test_totals_per_currency_never_added() -> None:
    letter = cancellation_request(_two_currency_contract(), FULL)
    assert "JPY 7,615 + USD 499.00" in letter.body_en
    assert "8,114" not in letter.body_en and "8,014" not in letter.body_en
    assert "already refunded USD 100.00" in letter.body_en and "net JPY 7,615 + USD 399.00" in letter.body_en
    assert "JPY 7,615 + USD 499.00" in letter.body_ja


def test_card_numbers_masked_and_quotes_cleaned_in_every_letter() -> None:
    d = LetterDetails(name="Hanako 5500 0000 0000 0004", order_number="ORD-1")
    for make in (cancellation_request, follow_up_request, issuer_dispute):
        letter = make(_two_currency_contract(), d)
        for text in (letter.body_en, letter.body_ja, letter.subject_en, letter.subject_ja, letter_to_txt(letter)):
            assert "4111 1111" not in text and "0000 0000" not in text
        assert "****1111" in letter.body_en
        assert '"PCFIX"' in letter.body_en and "本人" not in letter.body_en and "884" not in letter.body_en


def test_quote_descriptor() -> None:
    from audit.cases.letters import quote_descriptor

    assert quote_descriptor("FS *RESTORO 8443 本人 1回 884") == "FS *RESTORO 8443"
    assert quote_descriptor("PAYPAL *PCFIX 利用国USA") == "PAYPAL *PCFIX"
    assert quote_descriptor("ＡＢＣソフト　本人") == "ＡＢＣソフト"
    assert quote_descriptor("A\x1b[2JB") == "A [2JB"
    assert len(quote_descriptor("X" * 500)) == 60


def test_dispute_letter_japanese_for_japanese_issuer() -> None:
    jp = issuer_dispute(contract(), FULL)  # billed in yen
    assert jp.send_lang == "ja"
    assert letter_to_txt(jp).startswith("件名")
    msg = message_from_bytes(letter_to_eml(jp, FULL), policy=default_policy)
    assert msg["Subject"] == jp.subject_ja and msg.get_content().startswith(jp.body_ja.splitlines()[0])
    us = contract()
    for ch in us.charges:
        ch["currency"] = "USD"
    assert issuer_dispute(us, FULL).send_lang == "en"
    assert issuer_dispute(us, LetterDetails(card_issuer="楽天カード")).send_lang == "ja"
    assert cancellation_request(contract(), FULL).send_lang == "en"  # merchants abroad get English


@pytest.mark.parametrize("typed", ["support@x.example Bcc: b@evil.example", "a@x.example, b@y.example",
                                   "a@x.example\r\nBcc: b@y.example", "a@x.example\nBcc: b@y.example", "nobody",
                                   "a@localhost", "<a@x.example> (x) Cc: c@z.example"])
def test_typed_addresses_never_reach_headers(typed: str) -> None:
    from audit.cases.letters import check_address

    with pytest.raises(ValueError):
        check_address(typed)
    letter = cancellation_request(contract(), FULL)
    d = LetterDetails(email=typed, merchant_email=typed)
    data = letter_to_eml(letter, d)
    msg = message_from_bytes(data, policy=default_policy)
    assert msg["To"] is None and msg["From"] is None and msg["Bcc"] is None and msg["Cc"] is None
    assert b"evil" not in data.split(b"\n\n")[0] and b"Bcc" not in data


def test_valid_addresses_kept() -> None:
    from audit.cases.letters import check_address

    assert check_address(" support@fakeguard.example ") == "support@fakeguard.example"
    assert check_address("Shop Care <care@shop.example>") == "Shop Care <care@shop.example>"
    assert check_address("") == ""


def test_unknown_currency_is_not_printed_as_a_code() -> None:
    from audit.cases.money import format_money

    assert format_money(50000, "unknown") == "50,000.00 (currency not stated)"
    assert "UNKNOWN" not in format_money(12.5, "unknown")
    assert format_money(9800, "JPY") == "JPY 9,800"
