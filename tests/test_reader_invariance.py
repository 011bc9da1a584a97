"""Classes of fragility found by ``audit eval --real --mutations`` (issue 24), each on rows written here
(invented banks and shops): a choice made by a column's position instead of by evidence, and rows that
are not transactions (0.00 notifications, amounts reserved but not booked) read as if they were."""

from __future__ import annotations

import pandas as pd

from audit.readers import read_statement


def read(text: str, name: str = "s.csv"):
    return read_statement(data=text.encode("utf-8"), name=name)


def _reverse(text: str, delimiter: str) -> str:
    return "\n".join(delimiter.join(line.split(delimiter)[::-1]) for line in text.strip().split("\n")) + "\n"


def _sig(df: pd.DataFrame) -> list[tuple]:
    return [(str(d.date()), round(float(a), 2), str(t)) for d, a, t in
            zip(df["date"], df["amount"], df["description"], strict=True)]


# a value date written before the movement date on one row: the header words decide, not the position
VALUE_DATE = (
    "Data mov.;Data valor;Descricao;Debito;Credito\n"
    "20-12-2016;20-12-2016;Loja Alfa;;50,00\n"
    "19-12-2016;19-12-2016;Loja Beta;30,00;\n"
    "19-12-2016;15-12-2016;Loja Gama;20,00;\n"
)


def test_a_value_date_column_is_the_posting_date_whatever_its_place() -> None:
    df = read(VALUE_DATE)[0]
    assert [str(d.date()) for d in df["date"]] == ["2016-12-20", "2016-12-19", "2016-12-19"]
    assert _sig(read(_reverse(VALUE_DATE, ";"))[0]) == _sig(df)


# no header: of two date columns the earlier on every row is the use date, in either order
NO_HEADER = (
    "16-11-2012;Kortkob Alfa 15149;16-11-2012;-48,00;26550,33\n"
    "26-10-2012;Kortkob Beta 19471;26-10-2012;-79,00;26054,54\n"
    "22-10-2012;Kortkob Gama 10681;23-10-2012;497,90;25433,54\n"
    "12-09-2012;Kortkob Delta 14660;12-09-2012;-3452,90;26164,80\n"
)


def test_without_a_header_the_earlier_of_two_dates_is_the_use_date() -> None:
    df = read(NO_HEADER)[0]
    assert str(df["date"].iloc[2].date()) == "2012-10-22"
    assert [r[:2] for r in _sig(read(_reverse(NO_HEADER, ";"))[0])] == [r[:2] for r in _sig(df)]


# an empty payee: the other text columns joined in the same order whatever the column order
PAYEE_EMPTY = (
    "Data;Importo;Descrizione;Causale;Beneficiario\n"
    '2025-01-15;"-1.220,00";"Bonifico disposto";"Fattura 2025/001";"DITTA ALFA"\n'
    '2025-01-25;"-150,00";"Addebito utenze";"Telefonia 01/2025";""\n'
    '2025-02-15;"-25,00";"Addebito canone";"Canone 02/2025";""\n'
)


def test_texts_joined_for_an_empty_payee_do_not_follow_the_column_order() -> None:
    df = read(PAYEE_EMPTY)[0]
    assert df["description"].tolist()[1] == "Addebito utenze Telefonia 01/2025"
    assert _sig(read(_reverse(PAYEE_EMPTY, ";"))[0]) == _sig(df)


ZERO = (
    "Date,Description,Amount,Balance\n"
    "20200618,SMS NOTIFICATION FEE SEE FEE STATEMENT,0.00,20000.50\n"
    "20200626,CREDIT FROM EMPLOYER,2000.00,22000.50\n"
    "20200701,MONTHLY ACCOUNT FEE,-50.00,21950.50\n"
    "20200720,CARD SHOP ALFA,-300.00,21650.50\n"
)


def test_a_zero_amount_row_is_reported_not_read_as_a_charge() -> None:
    df, report = read(ZERO)
    assert len(df) == 3 and not (df["amount"] == 0).any()
    assert [e.row for e in report.excluded if "0.00" in e.reason] == [2]
    assert any("0.00" in w for w in report.warnings)


RESERVED = (
    "RESERVED AMOUNT;2019-07-19;-;-196,00;-\n"
    "RESERVED AMOUNT;2019-07-19;-;-5,00;-\n"
    "Transfer via internet;2019-07-19;2019-07-22;-1,00;22 102,16\n"
    "SHOP ALFA;2019-07-18;2019-07-19;-10,00;22 103,16\n"
    "SHOP BETA;2019-07-17;2019-07-18;-12,00;22 113,16\n"
)


def test_rows_without_posting_date_and_balance_are_reserved_amounts_reported() -> None:
    df, report = read(RESERVED)
    assert df["description"].tolist() == ["Transfer via internet", "SHOP ALFA", "SHOP BETA"]
    assert sorted(e.row for e in report.excluded if "not booked" in e.reason) == [1, 2]
    assert any("not booked" in w for w in report.warnings)
    # a file where every row has both is untouched
    df2, _ = read("\n".join(RESERVED.strip().split("\n")[2:]) + "\n")
    assert len(df2) == 3


def test_a_currency_sign_and_its_own_code_in_one_cell() -> None:
    from audit.values import parse_amount

    assert parse_amount("-€469,52 EUR") == -469.52
    assert parse_amount("$12.00 USD") == 12.0
    for text in ("€12 GBP", "£5 USD"):  # two currencies stay refused
        try:
            parse_amount(text)
        except ValueError:
            continue
        raise AssertionError(text)


# no header, blank-separated dates, an unquoted comma in one payee: the same rows under a short preamble
PREAMBLE_FREE = (
    "2019 10 11,2019 10 11,ALFA, SHOP,Main St|City|,-108.03,PLN,OUTCOME||,394.63\n"
    "2019 10 11,2019 10 11,BETA LTD,|Road 5|Town,1000.00,PLN,INCOME|||,502.66\n"
    "2019 10 09,2019 10 09,GAMMA BANK,||,-5.00,PLN,Card fee|1234|09.2019|,-497.34\n"
)


def test_a_two_cell_preamble_does_not_choose_the_delimiter_or_the_table() -> None:
    df = read(PREAMBLE_FREE)[0]
    top = "Statement export\nAccount,12345678\nGenerated,by the bank\n\n"
    got = read(top + PREAMBLE_FREE + "\nEnd of statement\n")[0]
    assert _sig(got) == _sig(df)
    assert [round(float(a), 2) for a in df["amount"]] == [108.03, -1000.0, 5.0]


# a sequence column (1, 2, 3) beside a column holding a lone 1: not a running balance (one step is no evidence)
SEQUENCE = (
    "Holder name,4980-0000-0000-4***,Classic card\n"
    "2018/01/19,1,SHOP ALFA FEE,300,1,1,300,\n"
    "2017/12/11,2,CAR SHARE BETA,1550,,,,201712 card fee\n"
    "2018/01/01,3,ONLINE GAMMA,3197,,,,\n"
    ",,Minimum payment this month,,,,5047,\n"
)


def test_a_sequence_column_is_not_a_running_balance() -> None:
    df, report = read(SEQUENCE)
    assert [round(float(a), 2) for a in df["amount"]] == [300.0, 1550.0, 3197.0]
    assert "balance" not in report.reading.get("columns", {})


def test_a_latin1_capital_accent_opening_a_field_is_not_katakana() -> None:
    from audit.readers.encoding import detect_encoding

    text = "Övf via internet;2019-07-19;-1,00\nSHOP ALFA;2019-07-19;-2,00\n"
    assert detect_encoding(text.encode("latin-1"))[0] in ("cp1252", "latin-1")
    assert detect_encoding("ｶｰﾄﾞ,ﾖｳﾋﾝ ｼｮｯﾌﾟ,100\n".encode("cp932"))[0] == "cp932"
