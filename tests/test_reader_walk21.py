"""Reader classes met on walk 21 (a newcomer's Polish bank export), each on files written here (an
invented bank, invented rows) and checked for invariance: the same rows whatever the column order, the
header words or the encoding."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from audit.picker import unsure
from audit.readers import read_statement

MERCHANTS = [
    ("03.08.2026", "Card payment", "GROCER ONE 1234 TOWN", "112,45", ""),
    ("05.08.2026", "Card payment", "STREAMFLIX.EXAMPLE", "43,00", ""),
    ("06.08.2026", "Incoming transfer", "PENSION OFFICE", "", "3 200,00"),
    ("10.08.2026", "Card payment", "HELPDESK CENTER 18005550123", "1 249,00", ""),
    ("11.08.2026", "Card payment", "KIOSK Z1234 TOWN", "800,00", ""),
    ("12.08.2026", "Card payment", "PHONE CO MONTHLY", "65,00", ""),
    ("20.08.2026", "Card payment", "DISCOUNTER TOWN", "76,30", ""),
    ("05.09.2026", "Card payment", "STREAMFLIX.EXAMPLE", "43,00", ""),
    ("10.09.2026", "Card payment", "HELPDESK CENTER 18005550123", "1 249,00", ""),
    ("15.09.2026", "Card payment", "PCFIX TECHSERV LTD", "3 499,00", ""),
]


def bank_export(type_header: str = "Description", party_header: str = "Partner", order: tuple[int, ...] = (0, 1, 2, 3, 4)) -> str:
    header = ["Date", type_header, party_header, "Debit", "Credit"]
    lines = ["Bank Example - account history", "Currency:;PLN", "", ";".join(header[i] for i in order)]
    for row in MERCHANTS:
        lines.append(";".join(row[i] for i in order))
    return "\n".join(lines) + "\n"


def read(text: str, encoding: str = "utf-8"):
    return read_statement(data=text.encode(encoding), name="bank.csv")


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [(str(d.date()), desc, round(float(a), 2)) for d, desc, a in zip(df["date"], df["description"], df["amount"], strict=True)]


EXPECTED = [(pd.Timestamp(d.replace(".", "-")[6:] + d[2:6].replace(".", "-") + d[:2]).date().isoformat(), party,
             -float(c.replace(" ", "").replace(",", ".")) if c else float(a.replace(" ", "").replace(",", ".")))
            for d, _t, party, a, c in MERCHANTS]


@pytest.mark.parametrize("type_header", ["Description", "Opis operacji", "Transaction details", "Libellé"])
@pytest.mark.parametrize("party_header", ["Partner", "Kontrahent", "Xq", "Gegenseite"])
def test_a_type_column_named_description_gives_way_to_the_column_of_names(type_header: str, party_header: str) -> None:
    """The header names a column the description, but it holds two movement words on every row; the
    column beside it holds varied names: that one is the description, whatever its header says."""
    df, report = read(bank_export(type_header, party_header))
    assert _rows(df) == EXPECTED
    roles = {c.role: c for c in report.columns}
    assert roles["description"].column == 3 and roles["type"].column == 2
    assert roles["description"].evidence  # the page lists why


@pytest.mark.parametrize("order", list(itertools.permutations(range(5)))[::17])
def test_the_choice_does_not_depend_on_the_column_order(order: tuple[int, ...]) -> None:
    df, _report = read(bank_export("Opis operacji", "Kontrahent", order))
    assert _rows(df) == EXPECTED


def test_a_column_of_repeated_merchants_stays_the_description_beside_a_category() -> None:
    """A short subscription-only file: the named description repeats (the same shops every month) and the
    column beside it is a category with fewer values: nothing to overrule, nothing to ask."""
    rows = [("0%d.0%d.2026" % (d, m), shop, cat, amt) for m in (1, 2, 3) for d, shop, cat, amt in
            [(1, "STREAMFLIX", "Entertainment", "9,99"), (2, "PHONE CO", "Bills", "20,00"), (3, "GROCER ONE", "Food", "31,20")]]
    text = "Date;Description;Category;Amount\n" + "\n".join(";".join(r) for r in rows) + "\n"
    df, report = read(text)
    assert df["description"].tolist()[:3] == ["STREAMFLIX", "PHONE CO", "GROCER ONE"]
    assert not unsure(report)


def test_two_text_columns_that_compete_make_the_page_ask() -> None:
    """The named description repeats its texts (five on twelve rows: not a handful of type words) while an
    unnamed column beside it differs on every row: the header's choice is kept, and the page asks."""
    words = ["GROCER ONE", "PHONE CO", "STREAMFLIX", "KIOSK", "DISCOUNTER"]
    rows = [(f"{d:02d}.03.2026", words[d % 5], f"REF SHOP {d} TOWN", f"{d},50") for d in range(1, 13)]
    text = "Date;Description;Xq;Amount\n" + "\n".join(";".join(r) for r in rows) + "\n"
    df, report = read(text)
    by_role = {c.role: c for c in report.columns}
    assert by_role["description"].column == 2
    assert by_role["description"].confidence < 0.7 and unsure(report)
    assert any("varied text too" in e for c in report.columns for e in c.evidence)
