"""A bank's transaction-type phrase inside one description cell (issue 24): the counterparty is the
description when the cell is a machine-composed record (type field, padding, bracketed values, card
number); a text a person would write (``Transfer to Savings``) stays whole. Rows are invented here."""

from __future__ import annotations

import pandas as pd

from audit import schema
from audit.readers import read_statement
from audit.readers.type_phrase import counterparties, strip_additions


def read(text: str, encoding: str = "utf-8") -> pd.DataFrame:
    return read_statement(data=text.encode(encoding), name="acct.csv")[0]


# an invented bank: POS and debit-order rows with effective dates, fee brackets and card numbers
BANK = (
    "Date,Description,Amount,Balance\n"
    "20210301,POS PURCHASE (EFFEC 27022021) KIOSK ALFA NORTH CARD NO.  4455,-80.00,920.00\n"
    "20210303,POS PURCHASE (EFFEC 02032021) BAKERY BETA CARD NO.  4455,-25.00,895.00\n"
    '20210305,"DATA BUNDLE DEBIT             (      2,10 ) CARD NO. 4455 Gamma Telecom: 0800111222",-99.00,796.00\n'
    '20210306,"DATA BUNDLE DEBIT             (      2,10 ) CARD NO. 4455 Delta Cell: 0800333444",-49.00,747.00\n'
    "20210309,POS CARD REFUND (EFFEC 08032021) Shop Epsilon,30.00,777.00\n"
    "20210310,MONTHLY ACCOUNT FEE SEE CHARGE DETAIL,-12.00,765.00\n"
    "20210311,Transfer to Savings,-100.00,665.00\n"
)


def _descriptions(df: pd.DataFrame) -> list[str]:
    return df["description"].tolist()


def test_the_counterparty_is_read_after_the_bank_type_phrase() -> None:
    df = read(BANK)
    assert _descriptions(df) == ["KIOSK ALFA NORTH", "BAKERY BETA", "Gamma Telecom", "Delta Cell", "Shop Epsilon",
                                 "MONTHLY ACCOUNT FEE SEE CHARGE DETAIL", "Transfer to Savings"]
    # the cell as printed is kept, and the refund is still known from the whole cell
    printed = df[schema.PRINTED].tolist()
    assert printed[0].startswith("POS PURCHASE (EFFEC 27022021)") and printed[-1] == "Transfer to Savings"
    assert df["kind"].iloc[4] == "refund"


def test_texts_a_person_would_write_stay_whole() -> None:
    texts = ["Transfer to Savings", "Transfer from Checking", "PAGO NOMINA", "PAGO ARRENDAMIENTO",
             "Overføring til Sparekonto", "Overføring fra Maria"]
    assert counterparties(texts)[0] == texts
    df = read("Date,Description,Amount\n" + "".join(f"2021-03-0{i + 1},{t},-{i + 1}.00\n" for i, t in enumerate(texts)))
    assert schema.PRINTED not in df.columns and _descriptions(df) == texts


def test_a_merchant_name_is_never_taken_for_a_type() -> None:
    # shared leading words without a type word (a chain's branches), and a padded merchant name before its city
    texts = ["STARBUCKS          SEATTLE WA", "STARBUCKS          PORTLAND OR", "AMAZON MKTPLACE PMTS (2) CARD NO. 1234",
             "AMAZON PRIME (2) CARD NO. 1234", "PAYPAL *ALFA SHOP", "PAYPAL *BETA SHOP"]
    assert counterparties(texts)[0] == texts


def test_a_type_followed_by_numbers_is_not_split() -> None:
    # the rest after the type is an amount, a time or an id, not a name: the cell stays as printed
    texts = ["POS          23,55 AT  K1   16.09. 11:32 SHOP ALFA 2100", "POS          11,36 AT  K2   19.09. 16:29 SHOP BETA",
             "CHEQUE 0123456789 (12,00) CARD NO. 1111", "CHEQUE 0987654321 (13,00) CARD NO. 1111"]
    assert counterparties(texts)[0] == texts


def test_a_padded_type_field_is_split_at_its_padding_only() -> None:
    # the padded field is two words; the shared word alone ("Abbuchung") is not the type
    texts = ["Abbuchung Einzugsermächtigung    OG/0002455 ALFA VEREIN", "Abbuchung Onlinebanking    BG/0002462 BETA GMBH"]
    assert counterparties(texts)[0] == texts


def test_multilingual_type_phrases() -> None:
    texts = ["PAGAMENTO CARTA (VAL 01032021) NEGOZIO ALFA CARTA NR 4455", "PAGAMENTO CARTA (VAL 02032021) BAR BETA CARTA NR 4455",
             "ÜBERWEISUNG AN (VOM 01.03.2021) Firma Gamma", "ÜBERWEISUNG AN (VOM 02.03.2021) Verein Delta"]
    assert counterparties(texts)[0] == ["NEGOZIO ALFA", "BAR BETA", "Firma Gamma", "Verein Delta"]


def test_additions_are_removed() -> None:
    assert strip_additions("AIRTIME DEBIT      (   1,50 ) CARD NO. 4455 Gamma: 0800111222") == "AIRTIME DEBIT Gamma"
    assert strip_additions("SHOP (EFFEC 01022021) Karte 1234") == "SHOP"
    assert strip_additions("MCDONALD'S (BSJ8) S 14/04/18") == "MCDONALD'S (BSJ8) S 14/04/18"


def test_invariance_reordered_rows_and_columns_and_encodings() -> None:
    base = _descriptions(read(BANK))
    head, *rows = BANK.strip().split("\n")
    assert sorted(_descriptions(read("\n".join([head, *rows[::-1]]) + "\n"))) == sorted(base)
    # columns reordered: description last
    import csv
    import io

    table = list(csv.reader(io.StringIO(BANK)))
    moved = io.StringIO()
    csv.writer(moved, lineterminator="\n").writerows([[r[0], r[2], r[3], r[1]] for r in table])
    assert _descriptions(read(moved.getvalue())) == base
    for enc in ("utf-16", "latin-1", "cp932"):
        assert _descriptions(read(BANK, enc)) == base
