"""A headerless account export with a counterparty's name, its address and a transfer title (issue 24): the
description is the short name column, not a column whose cells are records of several fields joined by
separators or postal addresses; the choice is asked about (low confidence). Rows are invented here."""

from __future__ import annotations

import pandas as pd
from csv_make import read_rows

from audit.readers.profile import profile_column

ROWS = [
    ["2021 03 11", "2021 03 11", "11112222333344445555666677", "ALFA KOWALSKA", "UL. KWIATOWA 7B|00-950 MIASTO", "-120.50", "PLN", "FAKTURA 12/2021||", "879.50"],
    ["2021 03 09", "2021 03 09", "11112222333344445555666677", "SKLEP BETA SP Z O O", "|AL. LIPOWA 12 M.4|31-222 GRODEK", "-45.00", "PLN", "ZAMOWIENIE 778|||", "1000.00"],
    ["2021 03 05", "2021 03 05", "11112222333344445555666677", "GAMMA NOWAK", "RYNEK 3|44-100 WIES", "500.00", "PLN", "ZWROT ZA BILET|", "1045.00"],
    ["2021 03 02", "2021 03 02", "11112222333344445555666677", "DELTA BANK", "||", "-5.00", "PLN", "Opłata za kartę|okres 02.2021|", "545.00"],
]


def read(rows: list[list[str]], encoding: str = "utf-8"):
    return read_rows(rows, "historia.csv", encoding)


def _descriptions(df: pd.DataFrame) -> list[str]:
    return df["description"].tolist()


def test_the_short_name_column_is_the_description_not_the_address_or_title() -> None:
    df, report = read(ROWS)
    assert _descriptions(df) == ["ALFA KOWALSKA", "SKLEP BETA SP Z O O", "GAMMA NOWAK", "DELTA BANK"]
    chosen = next(c for c in report.columns if c.role == "description")
    assert chosen.confidence < 0.6  # the page asks
    detail = [c for c in report.columns if any("detail column" in e for e in c.evidence)]
    assert {c.column for c in detail} == {5, 8}


def test_record_share_measures_joined_fields_and_addresses() -> None:
    address = profile_column(pd.Series(["Hauptstr. 12|10115 Berlin", "Via Roma 3, 00184 Roma", "12 High St, SW1A 1AA"]), 0)
    names = profile_column(pd.Series(["Alfa Shop", "Beta Market 24", "Gamma 2000 Ltd"]), 0)
    assert address.record_share == 1.0
    assert names.record_share == 0.0


def test_invariance_rows_columns_encoding() -> None:
    base = _descriptions(read(ROWS)[0])
    assert sorted(_descriptions(read(ROWS[::-1])[0])) == sorted(base)
    order = [0, 1, 2, 7, 4, 3, 5, 6, 8]  # title first, name after the address
    assert _descriptions(read([[r[i] for i in order] for r in ROWS])[0]) == base
    for enc in ("cp1250", "utf-16", "iso-8859-2"):
        assert _descriptions(read(ROWS, enc)[0]) == base
