"""Issue 20, points 1 and 5: order numbers survive in letters, card numbers do not; merchant-written text
reaches a letter only as a confirmed, cleaned field (a product name, never a sentence; no bidi characters)."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from audit.cases.eml import parse_order_email
from audit.cases.fields import clean_text, product_name
from audit.cases.letters import EMAIL_FIELDS, LetterDetails, all_letters, letter_to_eml, letter_to_txt
from audit.cases.store import CaseStore
from audit.contracts import Contract
from audit.masking import is_card_number, luhn_valid, mask_card

# Luhn-valid numbers with a card issuer's prefix (the networks' published test numbers).
CARDS = ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "3530111333300000", "6011111111111117"]
# Order and reference numbers a user types or a merchant's e-mail gives.
ORDERS = ["2026051277810042", "PSP-2026-0512-7781", "4539578763621486", "ORD-5555555555554444"]


def contract(desc: str = "FS *PCSHIELD 4111 1111 1111 1111") -> Contract:
    ch = [{"id": "t1", "date": "2026-05-12", "amount": 4980.0, "currency": "JPY", "description": desc, "card": "****1111"}]
    return Contract(id="c1", merchant="PC Shield (fictional)", merchant_key="PCSHIELD", descriptors=[desc],
                    transaction_ids=["t1"], charges=ch, total_paid=4980.0, refunded=0.0, currency="JPY",
                    first_date="2026-05-12", last_date="2026-05-12", suspicious=True, score=90.0, reasons=[])


def texts(d: LetterDetails, c: Contract | None = None) -> list[str]:
    out = []
    for letter in all_letters(c or contract(), d).values():
        out += [letter.subject_en, letter.subject_ja, letter.body_en, letter.body_ja, letter_to_txt(letter)]
        out.append(letter_to_eml(letter, d).decode("utf-8", "replace"))
    return out


def test_luhn_and_issuer_prefix() -> None:
    assert all(is_card_number(c.replace(" ", "").replace("-", "")) for c in CARDS)
    assert luhn_valid("4539578763621486") and is_card_number("4539578763621486")  # a card-like order number
    assert not is_card_number("2026051277810042")  # no issuer starts with 2026
    assert not is_card_number("4111111111111112")  # fails Luhn
    assert not is_card_number("411111111111")  # 12 digits


@pytest.mark.parametrize("order", ORDERS)
def test_typed_order_number_survives_in_every_letter(order: str) -> None:
    d = LetterDetails(name="Hanako", order_number=order, ticket="TCK-" + order)
    for letter in all_letters(contract(), d).values():
        if letter.kind != "dispute":
            assert order in letter.subject_en and order in letter.subject_ja
    for text in texts(d):
        assert "4111 1111 1111 1111" not in text  # the card number in the descriptor stays masked
    body = "".join(texts(d))
    assert body.count(order) >= 4
    assert "****0042" not in body and "PSP-****" not in body and "****1486" not in body


@pytest.mark.parametrize("card", CARDS)
def test_card_numbers_masked_wherever_they_are_typed(card: str) -> None:
    d = LetterDetails(name=f"Hanako {card}", card_issuer=f"Card {card}", order_number="A-1")
    for text in texts(d, contract(desc=f"PCSHIELD {card}")):
        assert card not in text and card.replace(" ", "").replace("-", "") not in text


def test_mask_contexts() -> None:
    # statement text: issuer prefix is enough (a misread digit must not reveal the number)
    assert mask_card("PAY 4111 1111 1111 1234") == "PAY ****1234"
    assert mask_card("2026-05-12 4111111111111111") == "2026-05-12 ****1111"
    assert mask_card("ref PSP-2026-0512-7781") == "ref PSP-2026-0512-7781"
    assert mask_card("AMZN 123-4567890-1234567") == "AMZN 123-4567890-1234567"  # not laid out as a card
    assert mask_card("4980-12**-****-1234") == "****1234" and mask_card("************1234") == "****1234"
    # a card-number column: any long run
    assert mask_card("1234 5678 9012 3456", context="card") == "****3456"
    # prose: Luhn, and never a labelled order or reference number
    assert mask_card("your card 4539578763621486", context="prose") == "your card ****1486"
    assert mask_card("Order number: 4539578763621486", context="prose") == "Order number: 4539578763621486"
    assert mask_card("ご注文番号：4539578763621486", context="prose") == "ご注文番号：4539578763621486"
    assert mask_card("ticket 4539 5787 6362 1486", context="prose") == "ticket 4539 5787 6362 1486"
    assert mask_card("x 4539578763621486", context="prose", keep=["4539-5787-6362-1486"]) == "x 4539578763621486"


def test_recorded_letter_keeps_its_order_number(tmp_path) -> None:
    d = LetterDetails(order_number="4539578763621486")
    letter = all_letters(contract(), d)["cancellation"]
    with CaseStore(tmp_path / "s.sqlite3") as s:
        key = s.sync_contracts("A", [contract()])[0]
        case = s.record_letter(key, "cancellation", letter_to_txt(letter))
    assert "4539578763621486" in case["letters"][0]["text"]
    assert "4111 1111" not in case["letters"][0]["text"]


HOSTILE_PRODUCT = "PC Shield Pro 1-Year \u202eLicence\u202c - I waive any refund or chargeback and agree to the terms"


def order_mail(product: str = HOSTILE_PRODUCT, order: str = "PSP-2026-0512-7781") -> bytes:
    msg = EmailMessage()
    msg["From"] = "PC Shield <orders@pcshield.example>"
    msg["To"] = "hanako@example.com"
    msg["Subject"] = "Your order"
    msg.set_content(f"Thank you.\nOrder number: {order}\nProduct: {product}\nTotal: USD 49.99\n"
                    "Contact support@pcshield.example\u200f for help.\n")
    return bytes(msg)


def test_merchant_product_line_is_cut_to_a_name() -> None:
    info = parse_order_email(order_mail())
    assert info.product == "PC Shield Pro 1-Year Licence"
    assert info.order_number == "PSP-2026-0512-7781"
    assert info.suggestions() == {"order_number": "PSP-2026-0512-7781", "product": "PC Shield Pro 1-Year Licence",
                                  "merchant_email": "support@pcshield.example"}
    for bad in ("I waive any refund", "This licence is non-refundable.", "  "):
        assert product_name(bad) == ""
    assert product_name("Total Security 2026 (3 devices, 1 year)") == "Total Security 2026"
    assert product_name("FakeGuard Total Protection (5-year licence)") == "FakeGuard Total Protection (5-year licence)"
    assert len(product_name("X" * 500)) <= 60 and len(product_name("Pro " * 50).split()) <= 8


def test_only_confirmed_fields_reach_a_letter() -> None:
    info = parse_order_email(order_mail())
    base = LetterDetails(name="Hanako")
    none = base.with_confirmed(info, [])
    assert none == base
    only_order = base.with_confirmed(info, ["order_number"])
    joined = "".join(texts(only_order))
    assert "PSP-2026-0512-7781" in joined and "PC Shield Pro 1-Year" not in joined
    assert "support@pcshield.example" not in joined
    full = base.with_confirmed(info, EMAIL_FIELDS)
    joined = "".join(texts(full))
    assert "PC Shield Pro 1-Year Licence" in joined and "support@pcshield.example" in joined
    with pytest.raises(ValueError):
        base.with_confirmed(info, ["name"])


def test_no_merchant_sentence_or_bidi_character_in_any_letter() -> None:
    # even when a page copies the raw product line into the typed field, the letters keep only the name
    d = LetterDetails(name="Hanako\u202e ", product=HOSTILE_PRODUCT, merchant_email="support@pcshield.example\u200f",
                      card_issuer="Example\u2066 Card\u2069", ticket="T-1\u200b")
    for text in texts(d):
        assert "waive" not in text and "chargeback and agree" not in text
        for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\x1b":
            assert ch not in text
    ja = "".join(letter.body_ja for letter in all_letters(contract(), d).values())
    assert "「PC Shield Pro 1-Year Licence」" in ja  # a product name, quoted, never an English sentence
    assert clean_text("a\u202eb\nc\x00d") == "ab cd"


def test_bank_references_and_hand_masked_text_are_not_card_numbers() -> None:
    """Statement descriptors keep references, IBANs and text an exporter blanked with X (issue 24)."""
    assert mask_card("HHHHH LTD RP555000111222333 207348") == "HHHHH LTD RP555000111222333 207348"
    assert mask_card("CLIENT CO LTD 400000005566778899 306364") == "CLIENT CO LTD 400000005566778899 306364"  # 18 digits: no Visa
    assert mask_card("BICBICBI AT654000000065432109 X") == "BICBICBI AT654000000065432109 X"
    assert mask_card("Compra com Cartão - 01/11 09:45 XXXXXXXXXXX") == "Compra com Cartão - 01/11 09:45 XXXXXXXXXXX"
    assert mask_card("CARD4111111111111111") == "CARD****1111"  # glued to letters but a valid card number
