"""Generic PDF reading (issue 24, point 4): amounts with a currency sign or code before or after them, glued
or not, signed or not. The same statement printed in each shape reads the same (invariance)."""

from __future__ import annotations

import pytest
from pdf_make import make_pdf

from audit.readers.pdf_reader import read_pdf_bytes

ROWS = [("03.05.2025", "Kartenzahlung Baeckerei", 12.50), ("07.05.2025", "Lastschrift Versicherung", 1234.56),
        ("09.05.2025", "Gutschrift Erstattung", -100.00)]


def _de(v: float) -> str:
    return f"{abs(v):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


SHAPES = {  # how one amount is printed (v > 0: money out)
    "minus, euro after": lambda v: f"{'-' if v > 0 else '+'}{_de(v)} €",
    "euro after, glued": lambda v: f"{'-' if v < 0 else ''}{_de(v)}€",
    "code before, sign after code": lambda v: f"EUR{'-' if v > 0 else '+'}{_de(v)}",
    "code after, glued, signed": lambda v: f"{'-' if v > 0 else '+'}{_de(v)}EUR",
    "euro before": lambda v: f"€ {'-' if v < 0 else ''}{_de(v)}",
    "true minus sign, euro after": lambda v: f"{'−' if v > 0 else '+'}{_de(v)} €",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_reads_the_same(shape):
    items = [(40, 800, "Kontoauszug vom 01.05.2025 bis 31.05.2025", "l"), (40, 770, "Datum", "l"),
             (110, 770, "Beschreibung", "l"), (540, 770, "Betrag", "r")]
    y = 750
    for date, text, v in ROWS:
        items += [(40, y, date, "l"), (110, y, text, "l"), (540, y, SHAPES[shape](v), "r")]
        y -= 14
    df, _ = read_pdf_bytes(make_pdf([items]), "konto.pdf")
    assert df["amount"].round(2).tolist() == [v for _, _, v in ROWS]
    assert df["description"].tolist() == [t for _, t, _ in ROWS]
    assert set(df["currency"]) == {"EUR"}
