"""Issue 20 / walk 21: letters never state a false fact or an unknown currency as if known; the Japanese
letters are signed in Japanese script when the user gives it; address and phone only reach the card company."""

from __future__ import annotations

import re

import pytest

from audit.cases.eml import amount_currency
from audit.cases.letters import LetterDetails, all_letters, currency_missing, letter_to_eml, letter_to_txt
from audit.contracts import Contract


def contract(currency: str = "unknown", amounts: tuple[float, ...] = (899.0, 0.97)) -> Contract:
    ch = [{"id": f"t{i}", "date": f"2026-08-0{i + 1}", "amount": a, "currency": currency,
           "description": "SECURESHIELD LIFETIME PLAN", "card": "", "source": "us.csv"} for i, a in enumerate(amounts)]
    return Contract(id="c1", merchant="SecureShield (fictional)", merchant_key="SECURESHIELD",
                    descriptors=["SECURESHIELD LIFETIME PLAN"], transaction_ids=[c["id"] for c in ch], charges=ch,
                    total_paid=sum(amounts), refunded=0.0, currency=currency, first_date="2026-08-01",
                    last_date="2026-08-02", suspicious=True, score=80.0, reasons=[])


def every_text(c: Contract, d: LetterDetails) -> str:
    out = []
    for letter in all_letters(c, d).values():
        out += [letter_to_txt(letter, "both"), letter_to_eml(letter, d).decode("utf-8", "replace")]
    return "\n".join(out)


def test_an_unknown_currency_is_a_placeholder_in_every_letter_never_words() -> None:
    c = contract()
    assert currency_missing(c)
    text = every_text(c, LetterDetails(name="Hanako Yamada"))
    assert "not stated" not in text and "記載なし" not in text
    assert "[CURRENCY] 899.00" in text and "［通貨］ 899.00" in text
    assert "Total charged: [CURRENCY] 899.97" in text


@pytest.mark.parametrize("code", ["USD", "JPY"])
def test_a_known_currency_leaves_no_placeholder(code: str) -> None:
    c = contract(code, (899.0,))
    assert not currency_missing(c)
    text = every_text(c, LetterDetails(name="Hanako Yamada"))
    assert "[CURRENCY]" not in text and "［通貨］" not in text and f"{code} 899" in text


def test_japanese_letters_are_signed_with_the_japanese_name_and_fall_back_to_the_romaji_one() -> None:
    c = contract("JPY", (29800.0,))
    both = all_letters(c, LetterDetails(name="Hanako Yamada", name_ja="山田 花子"))
    for letter in both.values():
        assert letter.body_ja.rstrip().endswith("山田 花子") and "Hanako Yamada" not in letter.body_ja
        assert letter.body_en.rstrip().endswith("Hanako Yamada") and "山田" not in letter.body_en
    only_romaji = all_letters(c, LetterDetails(name="Hanako Yamada"))
    assert all(x.body_ja.rstrip().endswith("Hanako Yamada") for x in only_romaji.values())


def test_address_and_phone_reach_only_the_card_company() -> None:
    d = LetterDetails(name="Hanako Yamada", address="1-2-3 Chuo, Tokyo", phone="03-1234-5678")
    letters = all_letters(contract("JPY", (29800.0,)), d)
    dispute = letter_to_txt(letters["dispute"], "both")
    assert "1-2-3 Chuo, Tokyo" in dispute and "03-1234-5678" in dispute
    for kind in ("cancellation", "follow_up"):
        text = letter_to_txt(letters[kind], "both") + letter_to_eml(letters[kind], d).decode("utf-8", "replace")
        assert "Chuo" not in text and "1234-5678" not in text


def test_a_dispute_letter_names_a_merchant_address_only_when_given() -> None:
    c = contract("USD", (899.0,))
    plain = letter_to_txt(all_letters(c, LetterDetails())["dispute"], "en")
    assert "contacted the merchant at" not in plain and "[DATE OF YOUR REQUEST]" in plain
    given = letter_to_txt(all_letters(c, LetterDetails(merchant_email="help@ss.example"))["dispute"], "en")
    assert "contacted the merchant at help@ss.example" in given


@pytest.mark.parametrize(("printed", "code"), [
    ("USD 299.99", "USD"), ("299.99 USD", "USD"), ("US$ 49.99", "USD"), ("9,800円", "JPY"), ("€ 12,00", "EUR"),
    ("S$ 12.00", "SGD"), ("$49.99", ""), ("¥9,800", ""), ("EUR 5 / USD 6", ""), ("TOTAL 12", ""), ("", ""),
])
def test_the_currency_an_order_email_states(printed: str, code: str) -> None:
    assert amount_currency(printed) == code


# --------------------------------------------------------------------------- the files tab in Japanese (finding 12)

NOTES = [
    "billing currency JPY: the file names its card company 'ビューカード', which bills in JPY",
    "billing currency JPY: not stated in the file; a Japanese issuer's export (its own headings are Japanese "
    "banking words), which bills in yen",
    "amounts in dollars; which dollar (US, Canadian, Australian ...) is not stated",
    "billing currency PLN: named above the table",
    "billing currency USD: named in the header 'Amount (USD)'",
    "header row found above the first dated row: 'Data operacji', 'Kwota'",
    "layout not recognised: read as a generic statement; columns chosen by header name: date='ご利用日', "
    "cardholder='ご利用者', amount='ご利用金額'",
    "columns chosen from their contents: date=col 1, amount=col 3",
    "columns chosen with low confidence: date (column 1, 0.55); check them, or say which column is which "
    "(--columns, or the column picker)",
    "3 row(s) had more fields than the others (first at line 7): a delimiter inside a text field, joined back so "
    "the columns line up",
]
ERRORS = [
    "no transactions found; 4 row(s) could not be read, first: row 1: unreadable amount 'K' (looked for date and "
    "amount columns)",
    "no transactions found: no date column (looked for date and amount columns)",
    "no transactions found (no text on page 1, 2): not a card statement, or a layout this tool cannot read",
]
_ENGLISH = re.compile(r"[A-Za-z]{4,} [a-z]{3,}")  # two English words in a row (header names are quoted apart)


@pytest.mark.parametrize("note", NOTES)
def test_reader_notes_read_in_japanese_on_the_japanese_page(note: str) -> None:
    from audit.ui_messages import note_text

    ja = note_text(note, "ja")
    assert not ja.startswith("読み込み時の注意") and not _ENGLISH.search(re.sub(r"「[^」]*」|'[^']*'", "", ja)), ja
    assert note_text(note, "en") == note  # the English page keeps the reader's words


@pytest.mark.parametrize("message", ERRORS)
def test_no_transactions_errors_read_in_japanese_with_their_reason(message: str) -> None:
    from audit.errors import StatementError
    from audit.ui_text import error_text

    ja = error_text(StatementError("x.csv", message), "ja")
    assert ja.startswith("x.csv: 取引が見つかりませんでした") and not _ENGLISH.search(re.sub(r"「[^」]*」", "", ja)), ja
    if "'K'" in message:
        assert "4 行が読めません" in ja and "1 行目" in ja and "金額「K」" in ja
