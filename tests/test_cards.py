"""Cards of statements that print no card number: kept apart unless the evidence joins them; money per currency."""

from __future__ import annotations

import re

import pytest

from audit.cards import describe_cards, is_card_number
from audit.pipeline import scan_uploads
from audit.readers.issuer import issuer_from_lines

MERCHANT = "FS *PCSHIELDPRO"


def _generic(rows: list[tuple[str, str, float]], currency: str) -> bytes:
    lines = ["Date,Description,Amount,Currency"]
    lines += [f"{d},{desc},{amount:.2f},{currency}" for d, desc, amount in rows]
    return ("\n".join(lines) + "\n").encode()


def _monthly(months: range, amount: float, year: int = 2026) -> list[tuple[str, str, float]]:
    out = []
    for m in months:
        out += [(f"{year}-{m:02d}-05", MERCHANT, amount), (f"{year}-{m:02d}-09", "GROCER 12", 31.5 + m),
                (f"{year}-{m:02d}-20", "CITY CAFE", 8.25 + m)]
    return out


US = ("us_card.csv", _generic(_monthly(range(1, 6), 29.99), "USD"))
UK = ("uk_card.csv", _generic(_monthly(range(1, 6), 23.68), "GBP"))


def _suspicious(result):
    return [c for c in result.contracts if c.suspicious]


def test_a_us_and_a_uk_card_without_numbers_stay_two_cards_and_two_contracts() -> None:
    result = scan_uploads([US, UK])
    assert {c.label for c in result.cards} == {"file:us_card.csv", "file:uk_card.csv"}
    assert {c.currency for c in result.cards} == {"USD", "GBP"}
    bad = [c for c in _suspicious(result) if "PCSHIELD" in c.merchant_key.upper()]
    assert len(bad) == 2, [(c.merchant, c.cards) for c in bad]
    for c in bad:
        assert len(c.cards) == 1 and c.currency in ("USD", "GBP")
        assert set(c.paid_by_currency) == {c.currency}
        # the sums in the reasons are this card's own: five charges of one amount
        own = 29.99 if c.currency == "USD" else 23.68
        text = " ".join(c.reasons)
        assert f"{5 * own:,.2f}" in text and f"{5 * 29.99 + 5 * 23.68:,.2f}" not in text
        assert "foreign currency" not in text  # each card bills in its own currency
    assert all(not re.search(r"foreign currency \((USD|GBP)\)", " ".join(c.reasons)) for c in _suspicious(result))


def test_the_answer_does_not_depend_on_the_file_order() -> None:
    one, two = scan_uploads([US, UK]), scan_uploads([UK, US])
    assert [(c.key, c.paid_by_currency) for c in one.contracts] == [(c.key, c.paid_by_currency) for c in two.contracts]


def test_monthly_files_of_one_layout_and_currency_are_one_card() -> None:
    jan = ("jan.csv", _generic(_monthly(range(1, 3), 29.99), "USD"))
    mar = ("mar.csv", _generic(_monthly(range(3, 5), 29.99), "USD"))
    may = ("may.csv", _generic(_monthly(range(5, 7), 29.99), "USD"))
    result = scan_uploads([jan, mar, may])
    assert [c.label for c in result.cards] == ["file:jan.csv"]
    (stream,) = [c for c in _suspicious(result) if "PCSHIELD" in c.merchant_key.upper()]
    assert len(stream.charges) == 6  # one stream over the three files


@pytest.mark.parametrize("why", ["currency", "layout", "overlap", "gap"])
def test_files_without_evidence_are_separate_cards(why: str) -> None:
    first = ("a.csv", _generic(_monthly(range(1, 3), 29.99), "USD"))
    months, currency, header, amount = range(3, 5), "USD", None, 29.99
    if why == "currency":
        currency = "EUR"
    elif why == "overlap":
        months, amount = range(1, 3), 19.99  # the same months: two cards of one issuer
    elif why == "gap":
        months = range(6, 8)
    data = _generic(_monthly(months, amount), currency)
    if why == "layout":
        header = b"Posted,Payee,Amount,Currency\n"
        data = header + data.split(b"\n", 1)[1]
    result = scan_uploads([first, ("b.csv", data)])
    assert {c.label for c in result.cards} == {"file:a.csv", "file:b.csv"}


def test_the_users_choice_merges_and_splits_cards() -> None:
    jan = ("jan.csv", _generic(_monthly(range(1, 3), 29.99), "USD"))
    later = ("later.csv", _generic(_monthly(range(6, 8), 29.99), "USD"))  # a gap: two cards by default
    assert len(scan_uploads([jan, later]).cards) == 2
    merged = scan_uploads([jan, later], same_card={"later.csv": "jan.csv"})
    assert [c.label for c in merged.cards] == ["file:jan.csv"]
    feb = ("feb.csv", _generic(_monthly(range(3, 5), 29.99), "USD"))
    split = scan_uploads([jan, feb], same_card={"feb.csv": "feb.csv"})
    assert {c.label for c in split.cards} == {"file:jan.csv", "file:feb.csv"}


def test_a_file_with_card_numbers_keeps_them() -> None:
    data = b"Date,Description,Amount,Currency,Card Number\n" + b"".join(
        f"2026-0{m}-05,{MERCHANT},29.99,USD,************4321\n".encode() for m in range(1, 5))
    result = scan_uploads([("numbered.csv", data), US])
    labels = {c.label for c in result.cards}
    assert "****4321" in labels and "file:us_card.csv" in labels
    assert is_card_number("****4321") and not is_card_number("file:us_card.csv")


def test_cards_name_their_company_and_country_from_the_file() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "sample_statements"
    files = [(p.name, p.read_bytes()) for p in (root / "saison.csv", root / "chase.csv", root / "monzo.csv")]
    cards = {c.files[0]: c for c in scan_uploads(files).cards}
    assert cards["saison.csv"].issuer == "セゾンカードインターナショナル" and cards["saison.csv"].country == "JP"
    assert cards["chase.csv"].issuer == "Chase" and cards["chase.csv"].country == "US"
    assert cards["monzo.csv"].issuer == "Monzo" and cards["monzo.csv"].country == "GB"
    assert describe_cards(scan_uploads([]).transactions) == []


@pytest.mark.parametrize("lines, issuer", [
    (["カード名称,セゾンカードインターナショナル", "お支払日,2026/10/04"], "セゾンカードインターナショナル"),
    (["ご利用カード,イオンカードセレクト,,,"], "イオンカードセレクト"),
    (["会員番号,****-****-****-1234", "対象カード,ビューカード　スタンダード"], "ビューカード スタンダード"),
    (["ヤマダ　ハナコ　様,4980-****-****-****,三井住友カード（ＮＬ）"], "三井住友カード(NL)"),
    (["月別ご利用明細　ヤマダ　ハナコ　様　ご利用期間：2026年9月から2026年9月　株式会社エポスカード"], "株式会社エポスカード"),
    (["Card name: ,Example Rewards Visa"], "Example Rewards Visa"),
    (["カード番号,****-****-****-1234", "お支払日,2026/10/04"], ""),
    ([], ""),
])
def test_issuer_from_the_lines_above_the_table(lines: list[str], issuer: str) -> None:
    assert issuer_from_lines(lines) == issuer


def test_a_dispute_letter_never_names_a_file_label_as_the_card() -> None:
    from audit.cases.letters import LetterDetails, issuer_dispute

    (c,) = [c for c in scan_uploads([US]).contracts if c.suspicious and "PCSHIELD" in c.merchant_key.upper()]
    assert c.cards == ["file:us_card.csv"]
    letter = issuer_dispute(c, LetterDetails())
    assert "file:" not in letter.body_en + letter.body_ja and "LAST FOUR DIGITS" in letter.body_en
