"""Classes of input met on the second hold-out of issue 24, each on files written here (invented banks,
invented rows), and each checked for invariance where the class allows: the same rows whatever the
order of the columns or the shop names."""

from __future__ import annotations

import pandas as pd
import pytest

from audit.readers import read_statement


def read(text: str, name: str = "s.csv", encoding: str = "utf-8") -> pd.DataFrame:
    return read_statement(data=text.encode(encoding), name=name)[0]


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [(str(d.date()), round(float(a), 2)) for d, a in zip(df["date"], df["amount"], strict=True)]


ITALIAN = (
    "Data;Importo;Causale;Beneficiario\n"
    '2025-03-01;"2.400,00";"BONIFICO RICEVUTO STIPENDIO";"DITTA ALFA"\n'
    '2025-03-03;"-45,10";"PAGAMENTO POS";"BAR CENTRALE"\n'
    '2025-03-05;"310,00";"ACCREDITO RIMBORSO SPESE";"DITTA ALFA"\n'
    '2025-03-09;"-80,00";"ADDEBITO UTENZE";""\n'
)


def test_money_in_words_in_a_remark_column_settle_the_sign() -> None:
    """An account export whose money in is mostly positive: the remark column's words (ricevuto, accredito)
    say which rows are money in, though the description is read from the payee column."""
    df = read(ITALIAN)
    assert _rows(df) == [("2025-03-01", -2400.0), ("2025-03-03", 45.1), ("2025-03-05", -310.0), ("2025-03-09", 80.0)]
    assert df["description"].tolist()[:2] == ["DITTA ALFA", "BAR CENTRALE"]
    # reordered columns: the same rows
    lines = [line.split(";") for line in ITALIAN.strip().split("\n")]
    swapped = "\n".join(";".join([c[3], c[2], c[0], c[1]]) for c in lines) + "\n"
    assert _rows(read(swapped)) == _rows(df)


def test_empty_payee_takes_the_other_text_columns_joined() -> None:
    text = (
        "Data operazione;Importo;Descrizione;Causale;Ordinante/Beneficiario\n"
        '02/03/2025;"-12,00";"Addebito canone";"Canone marzo";""\n'
        '04/03/2025;"-30,00";"Pagamento";"Ordine 7";"NEGOZIO BETA"\n'
        '06/03/2025;"500,00";"Bonifico ricevuto";"IT60X0542811101000000123456";""\n'
    )
    df = read(text)
    assert df["description"].tolist() == ["Addebito canone Canone marzo", "NEGOZIO BETA", "Bonifico ricevuto"]


def test_a_currency_column_without_foreign_amounts_is_the_amounts_currency() -> None:
    text = (
        "Fecha;Concepto;Importe;Divisa\n"
        '10/01/2026;"Compra TIENDA UNO";"-38,06";"EUR"\n'
        '12/01/2026;"Recibo LUZ";"-41,19";"EUR"\n'
    )
    assert read(text)["currency"].tolist() == ["EUR", "EUR"]


@pytest.mark.parametrize(("header", "code"), [("新臺幣金額", "TWD"), ("Määrä EUROA", "EUR"), ("Betrag in Euro", "EUR")])
def test_currency_named_in_the_amount_header(header: str, code: str) -> None:
    text = f"Date;Description;{header}\n2026-01-15;SHOP ONE;150,00\n2026-01-16;SHOP TWO;520,00\n"
    assert set(read(text)["currency"]) == {code}


def test_a_payee_column_of_account_numbers_is_not_the_description() -> None:
    text = (
        "Kirjauspäivä;Määrä;Maksaja;Otsikko;Saldo\n"
        "2019/08/15;-1446,59;FI49 xxxx xxxx;KORTTIYHTIÖ OY;100,00\n"
        "2019/08/20;-10,00;;LAHJOITUS RY;90,00\n"
        "2019/08/28;-5,80;FI49 xxxx xxxx;PUHELIN OYJ;84,20\n"
    )
    assert read(text)["description"].tolist() == ["KORTTIYHTIÖ OY", "LAHJOITUS RY", "PUHELIN OYJ"]


def test_amounts_with_a_kr_suffix_and_blank_thousands() -> None:
    text = (
        "Datum;Text;Typ;Belopp;Saldo\n"
        "2018-01-17;Butik A;Korttransaktion;-144,75 kr;419,87 kr\n"
        "2018-02-01;Lön;Insättning;2 500,00 kr;2 919,87 kr\n"
        "2018-02-02;Butik B;Korttransaktion;-39,31 kr;2 880,56 kr\n"
    )
    df = read(text)
    assert df["amount"].tolist() == [144.75, -2500.0, 39.31]
    assert set(df["currency"]) == {"unknown"}  # kr is SEK, NOK, DKK or ISK: not guessed


def test_dates_written_with_blanks() -> None:
    text = "2019 10 11,SHOP ONE,-10.50\n2019 10 12,SHOP TWO,-20.00\n2019 10 13,SHOP THREE,-5.25\n"
    assert [str(d.date()) for d in read(text)["date"]] == ["2019-10-11", "2019-10-12", "2019-10-13"]


def test_a_delimiter_inside_a_text_field_is_joined_back() -> None:
    """One row with an unquoted comma in the address: its amount, currency and balance stay in their columns
    (never the balance read as the amount); the row says so in the warnings."""
    rows = [
        "2019 10 11,ANNA NOWAK,STREET 2C|CITY,-1008.03,PLN,OUTCOME,394.63",
        "2019 10 11,JAN KOWALSKI,FLAT 3, STREET 9|77-444|CITY,1000.00,PLN,INCOME,1650.00",
        "2019 10 09,BANK,||,-5.00,PLN,FEE,3.10",
        "2019 10 08,SHOP,|,-20.00,PLN,CARD,8.10",
    ]
    df, report = read_statement(data=("\n".join(rows) + "\n").encode(), name="s.csv")
    assert sorted(df["amount"].tolist()) == sorted([1008.03, -1000.0, 5.0, 20.0])
    assert set(df["currency"]) == {"PLN"}
    assert any("more fields than the others" in w for w in report.warnings)


def test_a_remark_in_a_last_column_the_others_leave_empty_is_not_joined() -> None:
    text = "Date,Description,Amount,\n28-Mar-2020,SHOP ONE,£99.99,\n21-Apr-2020,DIRECT DEBIT,\"+ £1,234.56\",CR\n22-Apr-2020,SHOP TWO,£8.99,\n"
    df, report = read_statement(data=text.encode(), name="s.csv")
    assert df["amount"].tolist() == [99.99, -1234.56, 8.99]
    assert not any("more fields than the others" in w for w in report.warnings)
