"""Without a header, a counterparty-name column beside a memo that repeats the name with references and
amounts (issue 24, the "header dropped" transformation): the name is the description, the memo fills the
rows without a name. A type or account column repeated inside a plain sentence is not taken for the name.
Rows are invented here."""

from __future__ import annotations

import pandas as pd
from csv_make import read_rows

ROWS = [
    ["2021-05-03", "-12,40", "NL00TEST0000000001", "ALFA HOSTING", "ALFA HOSTING 555-0101, US 14.00 USD, 1 USD = 0.886 EUR"],
    ["2021-05-04", "-7,10", "NL00TEST0000000001", "ALFA HOSTING", "ALFA HOSTING 555-0101, US 8.00 USD, 1 USD = 0.887 EUR"],
    ["2021-05-06", "-30,00", "NL00TEST0000000001", "BETA BOOKS", "BETA BOOKS order 77812, ref 2021/05/06"],
    ["2021-05-09", "12,40", "NL00TEST0000000001", "ALFA HOSTING", "Refund: ALFA HOSTING (555-0101, US) 1 USD = 0.885 EUR"],
    ["2021-05-11", "-4,99", "NL00TEST0000000001", "", "Monthly fee 05/2021 no. 4411"],
    ["2021-05-12", "-19,90", "NL00TEST0000000001", "GAMMA GYM", "GAMMA GYM membership 2021-05 id 99120"],
]


def read(rows: list[list[str]], encoding: str = "utf-8"):
    return read_rows(rows, "export.csv", encoding)


def _descriptions(df: pd.DataFrame) -> list[str]:
    return df["description"].tolist()


def test_the_name_repeated_inside_a_memo_is_the_description() -> None:
    df, report = read(ROWS)
    assert _descriptions(df) == ["ALFA HOSTING", "ALFA HOSTING", "BETA BOOKS", "ALFA HOSTING",
                                 "Monthly fee 05/2021 no. 4411", "GAMMA GYM"]
    chosen = next(c for c in report.columns if c.role == "description")
    assert chosen.column == 4 and chosen.confidence < 0.85


def test_an_account_or_type_inside_a_plain_sentence_is_not_the_name() -> None:
    rows = [["2015-06-12", "Transfer from Checking", "1000.00", "Checking"],
            ["2015-06-13", "Transfer to Savings", "-2000.00", "Savings"],
            ["2015-06-14", "Transfer from Savings", "2500.00", "Savings"],
            ["2015-06-15", "Coffee Alfa corner", "-4.50", "Checking"]]
    df, _ = read(rows)
    assert _descriptions(df) == [r[1] for r in rows]


def test_a_name_inside_a_longer_word_does_not_count() -> None:
    rows = [["2022-08-04", "PAYPAL INST XFER 220803~ TRAN: ACHDW 4411", "57.27", "ACH"],
            ["2022-08-05", "ALFA STORE 220804~ TRAN: ACHXY 9921", "12.00", "ACH"],
            ["2022-08-06", "BETA PAY 220805~ TRAN: ACHZZ 1299", "3.50", "ACH"]]
    assert _descriptions(read(rows)[0]) == [r[1] for r in rows]


def test_invariance_rows_columns_encoding() -> None:
    base = _descriptions(read(ROWS)[0])
    assert sorted(_descriptions(read(ROWS[::-1])[0])) == sorted(base)
    assert _descriptions(read([[r[0], r[4], r[1], r[3], r[2]] for r in ROWS])[0]) == base
    for enc in ("utf-16", "latin-1", "cp932"):
        assert _descriptions(read(ROWS, enc)[0]) == base


def test_a_column_of_reference_codes_is_not_joined_to_the_description() -> None:
    # no header: a payee, a bank's type words and a per-row transaction code (letters inside digits)
    rows = [["28.02.2019", "Virement postal", "ASSOCIATION ALFA", "3456789ZT1234567", "240.00"],
            ["27.02.2019", "Ordre e-banking", "BETA SARL", "9979360TI2115087", "200.00"],
            ["26.02.2019", "Paiement carte", "GAMMA SHOP", "1122334XY9988776", "35.10"],
            ["25.02.2019", "Virement postal", "DELTA CLUB", "5566778QQ1234509", "12.00"]]
    got = _descriptions(read(rows)[0])
    assert not any(any(ch.isdigit() for ch in d) for d in got)
