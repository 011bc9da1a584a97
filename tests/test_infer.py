"""Generic column-role inference from header names and from column contents."""

from __future__ import annotations

import pandas as pd
import pytest

from audit.readers import csv_reader, read_statement
from audit.readers.infer import (
    content_roles,
    header_currency,
    header_roles,
    looks_like_header,
    normalise_header,
)

HEADERS = {
    "rakuten": (
        ["利用日", "利用店名・商品名", "利用者", "支払方法", "利用金額", "支払手数料", "支払総額", "10月支払金額", "11月繰越残高", "新規サイン"],
        {"date": 0, "description": 1, "cardholder": 2, "amount": 4},
    ),
    "view": (
        ["ご利用年月日", "ご利用箇所", "ご利用額", "払戻額", "ご請求額（うち手数料・利息）", "支払区分（回数）", "今回回数",
         "今回ご請求額・弁済金（うち手数料・利息）", "現地通貨額", "通貨略称", "換算レート"],
        {"date": 0, "description": 1, "amount": 2, "original_amount": 8, "original_currency": 9, "rate": 10},
    ),
    "paypay": (
        ["利用日/キャンセル日", "利用店名・商品名", "利用者", "支払区分", "利用金額", "手数料", "支払総額", "当月支払金額", "翌月以降繰越金額", "調整額", "当月お支払日"],
        {"date": 0, "description": 1, "cardholder": 2, "amount": 4},
    ),
    "saison": (
        ["利用日", "ご利用店名及び商品名", "本人・家族区分", "支払区分名称", "締前入金区分", "利用金額", "備考"],
        {"date": 0, "description": 1, "cardholder": 2, "amount": 5, "notes": 6},
    ),
    "epos": (
        ["種別（ショッピング、キャッシング、その他）", "ご利用年月日", "ご利用場所", "ご利用内容", "ご利用金額（キャッシングでは元金になります）", "支払区分", "お支払開始月", "備考"],
        {"type": 0, "date": 1, "description": 2, "amount": 4, "notes": 7},
    ),
    "jcb": (
        ["ご利用者", "カテゴリ", "ご利用日", "ご利用先など", "ご利用金額(￥)", "支払区分", "今回回数", "訂正サイン", "お支払い金額(￥)", "国内／海外", "摘要", "備考"],
        {"cardholder": 0, "date": 2, "description": 3, "amount": 4, "notes": 11},
    ),
    "chase": (
        ["Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"],
        {"date": 0, "posting_date": 1, "description": 2, "type": 4, "amount": 5, "notes": 6},
    ),
    "amex": (
        ["Date", "Description", "Card Member", "Account #", "Amount", "Extended Details", "Appears On Your Statement As"],
        {"date": 0, "description": 1, "cardholder": 2, "card": 3, "amount": 4, "notes": 5},
    ),
    "capital_one": (
        ["Transaction Date", "Posted Date", "Card No.", "Description", "Category", "Debit", "Credit"],
        {"date": 0, "posting_date": 1, "card": 2, "description": 3, "debit": 5, "credit": 6},
    ),
    "discover": (
        ["Trans. Date", "Post Date", "Description", "Amount", "Category"],
        {"date": 0, "posting_date": 1, "description": 2, "amount": 3},
    ),
    "citi": (["Status", "Date", "Description", "Debit", "Credit"], {"status": 0, "date": 1, "description": 2, "debit": 3, "credit": 4}),
    "bofa": (["Posted Date", "Reference Number", "Payee", "Address", "Amount"], {"date": 0, "description": 2, "amount": 4}),
    "monzo": (
        ["Transaction ID", "Date", "Time", "Type", "Name", "Emoji", "Category", "Amount", "Currency", "Local amount", "Local currency"],
        {"date": 1, "type": 3, "description": 4, "amount": 7, "currency": 8, "original_amount": 9, "original_currency": 10},
    ),
    "revolut": (
        ["Type", "Product", "Started Date", "Completed Date", "Description", "Amount", "Fee", "Currency", "State", "Balance"],
        {"type": 0, "date": 2, "posting_date": 3, "description": 4, "amount": 5, "currency": 7, "status": 8},
    ),
    "uk_bank": (["Date", "Description", "Paid out", "Paid in"], {"date": 0, "description": 1, "debit": 2, "credit": 3}),
}


@pytest.mark.parametrize("layout", sorted(HEADERS))
def test_header_roles(layout: str) -> None:
    header, expected = HEADERS[layout]
    roles = header_roles(header)
    for role, idx in expected.items():
        assert roles.get(role) == idx, f"{layout}: {role} -> {roles.get(role)}, expected {idx} ({roles})"
    assert looks_like_header(header)


def test_bofa_single_posted_date_is_the_date() -> None:
    # only one date column: it is used as the transaction date
    assert header_roles(["Posted Date", "Payee", "Amount"]) == {"date": 0, "description": 1, "amount": 2}
    df, _ = _read("Posted Date,Reference Number,Payee,Address,Amount\n05/14/2026,1,SHOP,X,-5.00\n05/15/2026,2,SHOP,X,-6.00\n")
    assert df["date"].tolist() == [pd.Timestamp("2026-05-14"), pd.Timestamp("2026-05-15")]


def test_header_helpers() -> None:
    assert normalise_header("ご利用金額（キャッシングでは元金になります）") == "ご利用金額"
    assert normalise_header("  Amount (GBP) ") == "amount"
    assert header_currency("ご利用金額(￥)") == "JPY"
    assert header_currency("Amount (GBP)") == "GBP"
    assert header_currency("Amount") is None
    assert not looks_like_header(["name", "age", "city"])
    assert not looks_like_header(["2026/05/01", "SHOP", "100"])


def test_content_roles_headerless() -> None:
    df = pd.DataFrame(
        {
            0: ["2026/05/01", "2026/05/03", "2026/06/01"],
            1: ["FICTIONAL SECURITY", "ローソン", "FICTIONAL SECURITY"],
            2: ["3,280", "540", "3,280"],
            3: ["1", "1", "1"],  # instalment count, not an amount
            4: ["4980123456781234", "4980123456781234", "4980123456781234"],  # card number, not an amount
        }
    )
    roles, notes = content_roles(df)
    assert roles == {"date": 0, "description": 1, "amount": 2}
    assert notes and "contents" in notes[0]


def _read(text: str):
    return read_statement(data=text.encode(), name="g.csv")


@pytest.fixture(autouse=True)
def no_shipped_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_reader, "load_layouts", lambda: [])


@pytest.mark.parametrize("layout", sorted(HEADERS))
def test_generic_reader_uses_header_roles(layout: str) -> None:
    header, expected = HEADERS[layout]
    row = [""] * len(header)
    row[expected["date"]] = "2026/05/14"
    if "description" in expected:
        row[expected["description"]] = "FICTIONAL HELPDESK"
    amount_col = expected.get("amount", expected.get("debit"))
    row[amount_col] = "1200"
    line = ",".join(f'"{c}"' for c in row)
    text = ",".join(f'"{h}"' for h in header) + "\n" + line + "\n" + line.replace("2026/05/14", "2026/06/14") + "\n"
    df, rep = _read(text)
    assert len(df) == 2 and rep.layout == "generic"
    assert df["description"].iloc[0] == "FICTIONAL HELPDESK"
    assert abs(df["amount"].iloc[0]) == 1200.0
    assert df["date"].iloc[1] == pd.Timestamp("2026-06-14")


EUROPEAN = {
    "de": (["Belegdatum", "Buchungsdatum", "Verwendungszweck", "Betrag (EUR)", "Fremdwährung"],
           {"date": 0, "posting_date": 1, "description": 2, "amount": 3, "original_currency": 4}),
    "fr": (["Date d'opération", "Date de valeur", "Libellé", "Débit", "Crédit"],
           {"date": 0, "posting_date": 1, "description": 2, "debit": 3, "credit": 4}),
    "nl": (["Datum", "Omschrijving", "Bedrag", "Munt"], {"date": 0, "description": 1, "amount": 2, "currency": 3}),
    "es": (["Fecha", "Concepto", "Importe", "Fecha valor"], {"date": 0, "description": 1, "amount": 2, "posting_date": 3}),
    "it": (["Data operazione", "Data valuta", "Descrizione", "Importo", "Valuta"],
           {"date": 0, "posting_date": 1, "description": 2, "amount": 3, "currency": 4}),
}


@pytest.mark.parametrize("lang", sorted(EUROPEAN))
def test_european_header_names(lang: str) -> None:
    header, expected = EUROPEAN[lang]
    assert header_roles(header) == expected


def test_german_semicolon_decimal_comma_statement() -> None:
    text = (
        "Kreditkartenabrechnung\n\n"
        "Belegdatum;Buchungsdatum;Verwendungszweck;Betrag (EUR)\n"
        "02.05.2026;04.05.2026;PAYPAL *FICTIONALFIX;-1.039,95\n"
        "03.05.2026;05.05.2026;BÄCKEREI MÜLLER;-4,20\n"
        "10.05.2026;11.05.2026;GUTSCHRIFT;50,00\n"
    )
    df, rep = read_statement(data=text.encode("cp1252"), name="de.csv")
    assert df["amount"].tolist() == [1039.95, 4.2, -50.0]  # charges printed negative here: flipped
    assert df["description"].iloc[1] == "BÄCKEREI MÜLLER"
    assert (df["currency"] == "EUR").all()
    assert df["date"].iloc[2] == pd.Timestamp("2026-05-10")
    assert any("Verwendungszweck" in w for w in rep.warnings)


@pytest.mark.parametrize(("text", "encoding"), [
    ("Date;Libellé;Montant\n02/05/2026;THéâTRE DU CHâTELET;-42,00\n", "cp1252"),
    ("Datum;Händler;Betrag\n02.05.2026;MÜLLER GMBH;-4,20\n", "cp1252"),
    ("利用日,利用店名,利用金額\n2026/05/02,ﾛｰｿﾝ ｼﾝｼﾞｭｸ,540\n", "cp932"),
    ("Date,Description,Amount\n2026/05/02,ｱﾏｿﾞﾝ MKTPLACE,540\n", "cp932"),
])
def test_encoding_tells_windows_1252_accents_from_shift_jis(text: str, encoding: str) -> None:
    from audit.readers.encoding import detect_encoding

    assert detect_encoding(text.encode(encoding)) == (encoding, 0)


def test_sign_convention_from_a_credit_word_when_rows_are_few() -> None:
    text = "Belegdatum;Verwendungszweck;Betrag (EUR)\n02.05.2026;PAYPAL *FICTIONALFIX;-39,95\n10.05.2026;GUTSCHRIFT;50,00\n"
    df, _ = read_statement(data=text.encode("cp1252"), name="de.csv")
    assert df["amount"].tolist() == [39.95, -50.0]
