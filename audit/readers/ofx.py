"""OFX / QFX statements (what US, Canadian and Australian banks and card issuers offer), read with the
maintained ``ofxparse`` library (MIT) rather than a parser of our own.

OFX signs amounts from the account's side (negative = money out); the transaction table's convention is
the opposite (positive = money out), so every amount is negated. The description is the payee
(``NAME``), else the memo. The currency is the statement's ``CURDEF``, else a ``CURSYM`` in the file,
else ``unknown``. Real files leave required fields empty (``<FITID></FITID>``, ``<NAME></NAME>``),
which ofxparse refuses; those empty tags are filled or dropped before parsing, and any transaction the
library still discards is reported as a row problem, never lost silently.
"""

from __future__ import annotations

import io
import re
import warnings

import pandas as pd

from audit import schema
from audit.errors import StatementError
from audit.masking import mask_card
from audit.model import ParseReport, RowProblem


def looks_like_ofx(data: bytes) -> bool:
    """An OFX 1.x (SGML) or 2.x (XML) file: its header or ``<OFX>`` root near the start."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return head.startswith(b"OFXHEADER") or b"<?OFX" in head or b"<OFX>" in head


_EMPTY_FITID = re.compile(rb"(?i)<FITID>[ \t\r\n]*(</FITID>)?(?=[ \t\r\n]*<[/A-Za-z])")
# Optional leaves left empty: SGML ``<NAME>`` straight before the next tag, or an XML ``<X></X>`` pair.
_EMPTY_LEAF = re.compile(rb"(?i)<(NAME|MEMO|CHECKNUM|REFNUM|SIC|PAYEEID)>[ \t\r\n]*(?:</\1>)?(?=[ \t\r\n]*<[/A-Za-z])")
_EMPTY_PAIR = re.compile(rb"(?i)<([A-Z0-9.]+)>[ \t\r\n]*</\1>")
_CURSYM = re.compile(rb"(?i)<(?:CURSYM|CURDEF)>[ \t]*([A-Z]{3})")


def _tolerate(data: bytes) -> bytes:
    """Fill empty transaction ids and drop empty optional tags, which ofxparse refuses."""
    count = iter(range(1, 1 << 30))

    def fitid(m: re.Match[bytes]) -> bytes:
        n = next(count)
        return b"<FITID>auto-%d</FITID>" % n if m.group(1) else b"<FITID>auto-%d" % n

    return _EMPTY_PAIR.sub(b"", _EMPTY_LEAF.sub(b"", _EMPTY_FITID.sub(fitid, data)))


def _kind(trntype: str, amount: float, credit_card: bool) -> str:
    t = (trntype or "").lower()
    if t in ("atm", "cash"):
        return "cash"
    if t in ("fee", "srvchg"):
        return "fee"
    if amount > 0:
        return "charge"
    return "refund" if credit_card and t == "credit" else "payment"


def read_ofx_bytes(data: bytes, name: str) -> tuple[pd.DataFrame, ParseReport]:
    """Read one OFX/QFX file into the transaction table."""
    try:
        from ofxparse import AccountType, OfxParser
    except ImportError:
        raise StatementError(name, "reading OFX/QFX needs the ofxparse package (pip install ofxparse)") from None
    cleaned = _tolerate(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns that OFX 2 is XML parsed as HTML; harmless here
            ofx = OfxParser.parse(io.BytesIO(cleaned), fail_fast=False)
    except Exception as exc:
        raise StatementError(name, f"not a readable OFX/QFX file ({type(exc).__name__}: {exc})") from None
    report = ParseReport(source=name, kind="ofx", layout="ofx", encoding=None)
    fallback = _CURSYM.search(cleaned)
    records: list[dict[str, object]] = []
    for account in getattr(ofx, "accounts", []) or []:
        statement = getattr(account, "statement", None)
        if statement is None:
            continue
        currency = (getattr(statement, "currency", "") or "").strip().upper()
        if not currency:
            currency = fallback.group(1).decode().upper() if fallback else "unknown"
        acct = str(getattr(account, "account_id", "") or getattr(account, "number", "") or "")
        card = mask_card(f"****{acct[-4:]}") if len(acct) >= 4 else None
        credit_card = getattr(account, "type", None) == AccountType.CreditCard
        for entry in getattr(statement, "discarded_entries", []) or []:
            report.problems.append(RowProblem(name, f"transaction not readable: {entry.get('error', 'unknown error')}",
                                              raw=mask_card(str(entry.get("content", "")))[:200]))
        for t in getattr(statement, "transactions", []) or []:
            when, value = getattr(t, "date", None), getattr(t, "amount", None)
            if when is None or value is None:
                report.problems.append(RowProblem(name, "transaction without a date or an amount", raw=mask_card(str(t))[:200]))
                continue
            amount = -float(value)
            text = (getattr(t, "payee", "") or "").strip() or (getattr(t, "memo", "") or "").strip()
            records.append({
                "row": len(records) + 1,
                "date": pd.Timestamp(when.date()),
                "description": re.sub(r"[\t\r\n]", " ", text).strip(),
                "amount": amount,
                "currency": currency,
                "card": card,
                "kind": _kind(getattr(t, "type", ""), amount, credit_card),
            })
    if not records:
        detail = f"; {len(report.problems)} transaction(s) could not be read" if report.problems else ""
        raise StatementError(name, f"OFX file holds no bank or card transactions{detail}")
    df = pd.DataFrame.from_records(records)
    df["id"] = [f"{name}:r{r}" for r in df["row"]]
    df["source"] = name
    df = schema.conform(df)
    report.rows = len(df)
    report.period_start = df["date"].min().date().isoformat()
    report.period_end = df["date"].max().date().isoformat()
    return df, report
