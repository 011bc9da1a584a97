"""From the PDF line pass to schema records: dates resolved per statement, signs, kinds, the currency
from what the statement prints, and the check against the printed total."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import pandas as pd

from audit.model import ParseReport, Reconciliation, RowProblem
from audit.readers import pdf_layouts as pl
from audit.readers.currency import HINT_DOLLAR
from audit.readers.pdf.balance import balance_column_out, card_signs, delta_signs, signs_from_balances
from audit.readers.pdf.dates import resolve_date
from audit.readers.pdf.lines import State, Txn
from audit.readers.pdf.signs import charges_printed_negative
from audit.readers.pdf.text import Line
from audit.values import CURRENCY_CODES

# Words that name a payment, refund or credit on a statement line (several languages).
CREDIT_WORDS = (pl.PAYMENT_WORDS + r"|refund|credit|return|estorno|reembolso|crédito|返金|返品"
                r"|gutschr|erstattung|eingang|avoir|remboursement|abono|accredito|rimborso|terugbetaling")


def settle_signs(state: State, layout: pl.PdfLayout) -> None:
    """Running balance out of the amounts, or signs turned round when charges are printed negative (lines
    whose sign a debit or credit column gave are left as they are)."""
    money_in_column(state)
    free = [t for t in state.txns if not t.by_column]
    if not free:
        return
    balances = [t.balance for t in free]
    if all(b is not None for b in balances) and signs_from_balances(free, balances, CREDIT_WORDS) is not None:  # type: ignore[arg-type]
        state.warnings.append("signs read from the running balance column")
    elif all(b is not None for b in balances) and all(t.amount >= 0 for t in free) and (signs := delta_signs(
            [t.amount for t in free], balances, [t.amount_x1 for t in free])) is not None:  # type: ignore[arg-type]
        for t, sign in zip(free, card_signs(signs, [t.description for t in free], CREDIT_WORDS), strict=True):
            t.amount = round(sign * t.amount, 2)
        state.warnings.append("money in and money out told apart by the running balance (each row's balance "
                              "minus the one before it)")
    elif not layout.columns and balance_column_out(free, CREDIT_WORDS) is not None:
        state.warnings.append("last number on each line is a running balance; the number before it read as the amount")
    elif layout is pl.GENERIC and any(t.plus for t in free) and any(t.amount < 0 for t in free):
        for t in free:
            t.amount = -t.amount
        state.warnings.append('amounts printed with "+" (money in) and "-" (money out): signs turned round')
    elif layout is pl.GENERIC and charges_printed_negative(free, CREDIT_WORDS):
        for t in free:
            t.amount = -t.amount
        state.warnings.append("charges are printed with a minus and payments without: signs turned round")


def money_in_column(state: State) -> None:
    """Two amount columns that no header names: every line prints one unsigned amount, set flush right
    at one of two places. The column whose lines name payments, refunds or credits (and the other's do
    not) is money in; otherwise nothing changes."""
    lines = [t for t in state.txns if not t.by_column]
    if len(lines) < 3 or any(t.amount_x1 is None or t.printed != 1 or t.amount <= 0 for t in lines):
        return
    groups: list[list[Txn]] = []
    for t in sorted(lines, key=lambda t: t.amount_x1 or 0.0):
        if groups and (t.amount_x1 or 0.0) - (groups[-1][-1].amount_x1 or 0.0) <= 3:
            groups[-1].append(t)
        else:
            groups.append([t])
    if len(groups) != 2 or (groups[1][0].amount_x1 or 0.0) - (groups[0][-1].amount_x1 or 0.0) < 30:
        return
    share = [sum(bool(re.search(CREDIT_WORDS, t.description)) for t in g) / len(g) for g in groups]
    if min(share) > 0 or max(share) == 0:
        return
    money_in = groups[share.index(max(share))]
    for t in money_in:
        t.amount = -abs(t.amount)
    for t in lines:
        t.by_column = True
    side = "right" if money_in is groups[1] else "left"
    state.warnings.append(f"two amount columns and no header naming them: the {side} one, whose lines name "
                          "payments and credits, read as money in")


def window_of(t: Txn, state: State) -> tuple[dt.date, dt.date] | None:
    """The dates a year-less date of ``t`` must fall near: the period printed last before its line (the first
    one for lines above it), else the statement date printed last before it (and the year up to it)."""
    if state.periods:
        return state.periods[max(t.period, 0)]
    if state.anchors:
        anchor = state.anchors[max(t.anchor, 0)]
        return anchor - dt.timedelta(days=365), anchor
    return None


def records(state: State, layout: pl.PdfLayout, name: str, currency: str | None, card: str | None) -> list[dict[str, Any]]:
    """Schema records for the collected transactions; dates resolved (years from each statement's period)."""
    dayfirst = _dayfirst(layout, state)
    out = []
    yearless_by_anchor: set[dt.date] = set()
    for t in state.txns:
        window = window_of(t, state)
        try:
            date = resolve_date(t.date_text, dayfirst, window)
            posting = resolve_date(t.posting_text, dayfirst, window) if t.posting_text else None
        except ValueError as exc:
            state.problems.append(RowProblem(name, f"date does not parse ({exc})", t.line.text, t.line.no, t.line.page))
            continue
        if not state.periods and window is not None and not re.search(r"\d{4}", t.date_text):
            yearless_by_anchor.add(window[1])
        fx = t.fx or (None, None, None)
        out.append({
            "id": f"{name}:p{t.line.page}l{t.line.no}",
            "source": name,
            "page": t.line.page,
            "row": t.line.no,
            "date": pd.Timestamp(date),
            "posting_date": pd.Timestamp(posting) if posting else pd.NaT,
            "description": t.description,
            "amount": t.amount,
            "currency": currency,
            "original_amount": fx[0],
            "original_currency": fx[1],
            "rate": fx[2],
            "card": card,
            "cardholder": t.cardholder,
            "kind": kind(t.description, t.amount),
        })
    if yearless_by_anchor:
        state.warnings.append("no statement period printed; years of dates taken from "
                              + ", ".join(sorted(d.isoformat() for d in yearless_by_anchor)))
    return out


def _dayfirst(layout: pl.PdfLayout, state: State) -> bool:
    if layout.date_style in ("dm", "d_mon"):
        return True
    if layout.date_style != "auto":
        return False
    pairs = [re.match(r"^\s*(\d{1,2})[/／.](\d{1,2})(?:\D|$)", t.date_text) for t in state.txns]
    nums = [(int(m[1]), int(m[2])) for m in pairs if m]
    if any(a > 12 for a, _ in nums) or any(re.match(r"^\s*\d{1,2}\.\d{1,2}\.", t.date_text) for t in state.txns):
        return True
    if nums and not any(b > 12 for _, b in nums):
        if (order := _order_in_period(state)) is not None:
            state.warnings.append("numeric dates fit both day/month orders; read "
                                  + ("day first" if order else "month first") + ": the order that puts them in the "
                                  "statement period")
            return order
        state.warnings.append("numeric dates fit both day/month orders; read month first")
    return False


def _order_in_period(state: State) -> bool | None:
    """Day first (True) or month first (False): the order that puts more of the lines' dates inside the statement
    period printed for them; None when no period is printed or both orders do as well."""
    if not state.periods:
        return None
    inside = {}
    for dayfirst in (True, False):
        n = 0
        for t in state.txns:
            window = window_of(t, state)
            try:
                d = resolve_date(t.date_text, dayfirst, window)
            except ValueError:
                continue
            n += window is not None and window[0] <= d <= window[1]
        inside[dayfirst] = n
    return None if inside[True] == inside[False] else inside[True] > inside[False]


def kind(description: str, amount: float) -> str:
    if amount < 0:
        return "payment" if re.search(pl.PAYMENT_WORDS, description) else "refund"
    if re.search(r"(?i)cash advance|キャッシング", description):
        return "cash"
    if re.search(pl.FEE_WORDS, description):
        return "fee"
    return "charge"


# ------------------------------------------------------------------------------------------ currency

# Signs that name one currency ("$" alone names none: USD, CAD, AUD, NZD, SGD ... all print it).
_SYMBOLS = (("US$", "USD"), ("CA$", "CAD"), ("AU$", "AUD"), ("NZ$", "NZD"), ("HK$", "HKD"), ("R$", "BRL"),
            ("C$", "CAD"), ("A$", "AUD"), ("S$", "SGD"), ("円", "JPY"), ("￥", "JPY"), ("¥", "JPY"), ("£", "GBP"),
            ("€", "EUR"))
_CODE_BY_AMOUNT = re.compile(r"(?<![A-Za-z])([A-Z]{3})\s?[-+−]?\s?\d|\d\s?([A-Z]{3})(?![A-Za-z])")


def currency_of(lines: list[Line], state: State, layout: pl.PdfLayout) -> tuple[str | None, str]:
    """The billing currency and where it was read: a header cell (``Belastung CHF``), an ISO code printed
    beside amounts (``EUR + 2.853,82``), a currency sign; None when the statement states none (then ``why``
    is the hint of :mod:`audit.readers.currency` when the amounts carry a bare ``$``, else ""). Foreign-amount
    second lines are not evidence of the billing currency."""
    if state.currency:
        return state.currency, "named in the column header"
    foreign = [re.compile(p) for p in layout.foreign]
    votes: Counter[str] = Counter()
    dollars = False
    for ln in lines:
        text = ln.text
        if any(p.search(text) for p in foreign):
            continue
        for m in _CODE_BY_AMOUNT.finditer(text):
            code = m[1] or m[2]
            if code in CURRENCY_CODES:
                votes[code] += 1
        rest = text
        for sign, code in _SYMBOLS:
            if sign in rest:
                votes[code] += rest.count(sign)
                rest = rest.replace(sign, " ")
        dollars = dollars or "$" in rest
    if not votes:
        return None, (HINT_DOLLAR if dollars else "")
    (code, n), *others = votes.most_common()
    why = "printed beside the amounts"
    if others and others[0][1] * 3 > n:
        why += f" ({n} times; {others[0][0]} {others[0][1]} times)"
    return code, why


def reconcile(df: pd.DataFrame, layout: pl.PdfLayout, printed: tuple[str, float], report: ParseReport) -> Reconciliation:
    """Compare the parsed rows with the printed total; a failure adds a warning saying by how much."""
    label, value = printed
    amounts = df["amount"]
    if layout.total_of == "charges":
        amounts = amounts[amounts > 0]
    elif layout.total_of == "no_payments":
        amounts = amounts[df["kind"] != "payment"]
    parsed = round(float(amounts.sum()), 2)
    rec = Reconciliation(printed_total=value, parsed_total=parsed, ok=abs(parsed - value) < 0.005, label=label)
    if not rec.ok:
        report.warnings.append(
            f"parsed transactions add up to {parsed:,.2f} but the statement's '{label}' is {value:,.2f} "
            f"(off by {rec.difference:+,.2f}): some lines may be missing or misread"
        )
    return rec
