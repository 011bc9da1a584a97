"""Metamorphic: cutting one statement into consecutive files (any layout) gives the same contracts, totals and
letters as the whole file. Walk 21 found a monthly stream split at the boundary between two headerless bank
files: one half "ended", each box half the money, the dispute letter listing 2 of 4 charges."""

from __future__ import annotations

import datetime as dt

import pytest

from audit import pipeline
from audit.cases.letters import LetterDetails, all_letters
from audit.readers import options
from audit.readers.mapping import ColumnMapping

MONTHS = [(2026, m) for m in range(5, 12)]  # May .. November


def _rows() -> list[tuple[dt.date, str, float]]:
    """A half-year of one card: a fake-support monthly charge, a legit monthly one, a bill, groceries, a large
    one-off support plan, and a shop visited every few days (the silences between rows vary)."""
    rows: list[tuple[dt.date, str, float]] = []
    for k, (y, m) in enumerate(MONTHS):
        rows.append((dt.date(y, m, 10), "MICROSOFT SUPPORT CENTER 18005550123", 1249.0))
        rows.append((dt.date(y, m, 5), "NETFLIX.COM AMSTERDAM", 43.0))
        rows.append((dt.date(y, m, 12), "ORANGE POLSKA ABONAMENT", 65.0 + (k % 3)))
        rows.append((dt.date(y, m, 3 + (k * 7) % 20), "BIEDRONKA 1234 KRAKOW", 80.0 + 13 * k))
    rows.append((dt.date(2026, 7, 15), "PCFIX TECHSERV PVT LTD NOIDA IN", 3499.0))
    rows.append((dt.date(2026, 8, 15), "PCFIX TECHSERV PVT LTD NOIDA IN", 3499.0))
    return sorted(rows)


def _headerless(rows: list[tuple[dt.date, str, float]]) -> bytes:
    """A bank export with no header row: semicolons, decimal commas, day-first dates, debit / credit / balance."""

    def pl(x: float) -> str:
        return f"{x:.2f}".replace(".", ",")

    out, bal = [], 20000.0
    for d, desc, amt in rows:
        bal -= amt
        out.append(f"{d:%d.%m.%Y};{d:%d.%m.%Y};Platnosc karta;{desc};{pl(amt)};;{pl(bal)}")
    return ("\n".join(out) + "\n").encode("cp1250")


def _japanese(rows: list[tuple[dt.date, str, float]]) -> bytes:
    """A Japanese issuer's export: a preamble line, Japanese headings, yen."""
    lines = ["ご利用明細", "ご利用日,ご利用店名,ご利用金額"]
    lines += [f"{d:%Y/%m/%d},{desc},{round(amt * 30)}" for d, desc, amt in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _us(rows: list[tuple[dt.date, str, float]]) -> bytes:
    """A US issuer's export: Chase-style heading, charges negative."""
    lines = ["Transaction Date,Post Date,Description,Category,Type,Amount,Memo"]
    lines += [f"{d:%m/%d/%Y},{d:%m/%d/%Y},{desc},Shopping,Sale,-{amt / 4:.2f}," for d, desc, amt in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


LAYOUTS = {"headerless": _headerless, "japanese": _japanese, "us": _us}


def _scan(files: list[tuple[str, bytes]], layout: str) -> pipeline.ScanResult:
    if layout == "headerless":  # the user names the billing currency once, as `audit scan --currency PLN`
        with options.in_force(options.ReadingOptions(mapping=ColumnMapping(currency="PLN"))):
            return pipeline.scan_uploads(files)
    return pipeline.scan_uploads(files)


def _view(result: pipeline.ScanResult, names: list[str]) -> list[tuple]:
    """What a user sees of each contract: merchant, status, rhythm, charges, money, next charge, reasons and
    letters (file names, which differ by construction, taken out)."""
    out = []
    for c in result.contracts:
        letters = all_letters(c, LetterDetails(name="Anna Nowak", card_issuer="Bank"))
        texts = []
        for kind in sorted(letters):
            text = f"{letters[kind].subject_en}\n{letters[kind].body_en}\n{letters[kind].body_ja}"
            for n in names:
                text = text.replace(n, "FILE")
            texts.append(text)
        out.append((c.merchant, c.suspicious, c.status, c.cadence, len(c.charges), c.paid_by_currency,
                    c.first_date, c.last_date, c.next_expected_date, c.next_expected_amount, tuple(c.reasons),
                    tuple(texts)))
    return sorted(out, key=repr)


def _cuts(rows: list[tuple[dt.date, str, float]]) -> list[list[list[tuple[dt.date, str, float]]]]:
    """Every cut at a month boundary into two files, and one into three."""
    out = []
    for y, m in MONTHS[1:]:
        at = dt.date(y, m, 1)
        out.append([[r for r in rows if r[0] < at], [r for r in rows if r[0] >= at]])
    a, b = dt.date(2026, 7, 13), dt.date(2026, 9, 11)  # mid-month, between rows
    out.append([[r for r in rows if r[0] < a], [r for r in rows if a <= r[0] < b], [r for r in rows if r[0] >= b]])
    return out


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_statement_cut_into_consecutive_files_gives_the_same_contracts_and_letters(layout: str) -> None:
    rows = _rows()
    write = LAYOUTS[layout]
    whole = _view(_scan([("whole.csv", write(rows))], layout), ["whole.csv"])
    support = [v for v in whole if v[0].startswith("MICROSOFT")]
    assert support and support[0][1] and support[0][2] == "active" and support[0][4] == len(MONTHS)
    for parts in _cuts(rows):
        names = [f"part{k}.csv" for k in range(len(parts))]
        files = list(zip(names, [write(p) for p in parts], strict=True))
        assert _view(_scan(files, layout), names) == whole, [len(p) for p in parts]
