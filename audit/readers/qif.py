"""Read a QIF download (Quicken Interchange Format: banks, cards, PayPal) into the transaction table.

A QIF file is a list of records, one field per line, each line starting with its field's letter
(``D`` date, ``T``/``U`` amount, ``P`` payee, ``M`` memo, ``N`` number, ``L`` category, ``S``/``E``/``$``
splits) and each record ending with ``^``; ``!Type:Bank`` (or ``Cash``, ``CCard`` ...) lines say what
follows. QIF amounts are the account's movement (negative = money out), so they are flipped to the
schema's sign. Dates take one format for the whole file (day/month order from every record; ``'`` years
as Quicken writes them, ``6/ 1'25``). A record without a date or an amount is a row problem.
"""

from __future__ import annotations

import re

import pandas as pd

from audit import schema
from audit.errors import StatementError
from audit.model import ParseReport, RowProblem
from audit.readers.encoding import decode
from audit.readers.holds import drop_hold_pairs
from audit.values import parse_amounts, parse_dates

_HEADER = re.compile(rb"^\s*(?:\xef\xbb\xbf)?!(?:Type|Account|Option)", re.IGNORECASE)


def looks_like_qif(data: bytes) -> bool:
    """Whether ``data`` starts like a QIF file (``!Type:...`` or ``!Account``)."""
    return bool(_HEADER.match(data[:200]))


def _quicken_date(text: str) -> str:
    t = re.sub(r"\s+", "", text)
    return t.replace("'", "/20") if "'" in t else t


def read_qif_bytes(data: bytes, name: str) -> tuple[pd.DataFrame, ParseReport]:
    """Read one QIF file; the report says which records could not be read."""
    text, encoding = decode(data, name)
    report = ParseReport(source=name, kind="qif", layout="qif", encoding=encoding)
    records: list[dict[str, object]] = []
    cur: dict[str, object] = {}
    start = 0
    kind = ""
    for no, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("!"):
            kind = line[1:].strip()
            continue
        code, value = line[0], line[1:].strip()
        if code == "^":
            if cur:
                cur.setdefault("line", start)
                cur["type"] = kind
                records.append(cur)
            cur = {}
            continue
        if not cur:
            start = no
        if code in "DTUPMNL" and code not in cur:  # the first of a field (split lines repeat S/$)
            cur[code] = value
    if cur:
        cur.setdefault("line", start)
        records.append(cur)
    if not records:
        raise StatementError(name, "no transactions found: a QIF file without records")
    frame = pd.DataFrame(records)
    for col in "DTUPML":
        if col not in frame:
            frame[col] = None
    dates = parse_dates(frame["D"].astype("str").map(_quicken_date, na_action="ignore"))
    amount = -parse_amounts(frame["T"].fillna(frame["U"]).astype("str"))
    ok = dates.notna() & amount.notna()
    for pos in frame.index[~ok]:
        rec = frame.loc[pos]
        report.problems.append(RowProblem(name, "record without a readable date or amount",
                                          raw=f"D{rec['D']} T{rec['T']} P{rec['P']}"[:200], row=int(rec["line"])))
    if not bool(ok.any()):
        raise StatementError(name, "no transactions found: no QIF record with a date and an amount")
    payee = frame["P"].astype("str").where(frame["P"].notna() & (frame["P"].astype("str").str.strip() != ""))
    desc = payee.fillna(frame["M"].astype("str")).fillna("")
    kept = frame[ok]
    out = pd.DataFrame({
        "row": kept["line"].astype("int64").to_numpy(),
        "date": dates[ok].to_numpy(),
        "description": desc[ok].str.replace(r"[\t\r\n]", " ", regex=True).str.strip().to_numpy(),
        "amount": amount[ok].to_numpy(),
    })
    out["id"] = [f"{name}:r{r}" for r in out["row"]]
    out["source"] = name
    out["currency"] = "unknown"
    out["kind"] = ["charge" if a > 0 else "payment" if re.search(r"(?i)payment|transfer", d) else "refund"
                   for a, d in zip(out["amount"], out["description"], strict=True)]
    report.warnings.append("billing currency not stated in the file: shown as 'unknown'")
    detail = (kept["L"].fillna("").astype("str") + " " + kept["M"].fillna("").astype("str")).reset_index(drop=True)
    out = drop_hold_pairs(out.assign(_detail=detail), report, detail=detail).drop(columns="_detail")
    table = schema.conform(out)
    report.rows = len(table)
    report.period_start = table["date"].min().date().isoformat()
    report.period_end = table["date"].max().date().isoformat()
    return table, report
