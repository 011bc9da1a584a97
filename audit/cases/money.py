"""Money per currency: amounts in different currencies are never added together.

Contracts may carry ``paid_by_currency`` / ``refunded_by_currency`` (scale-integrity's contracts do);
otherwise the sums are taken from the contract's own charge and refund rows, each in its own currency.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_ZERO_DECIMALS = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD"}


def format_money(amount: float | None, currency: str | None, lang: str = "en") -> str:
    """``JPY 9,800`` / ``USD 29.99``; currencies without minor units get no decimals.

    An amount whose statement names no currency (``"unknown"``) says so in ``lang`` (``"en"`` or ``"ja"``).
    """
    if amount is None:
        return "?"
    cur = (currency or "").upper()
    text = f"{amount:,.0f}" if cur in _ZERO_DECIMALS else f"{amount:,.2f}"
    if cur == "UNKNOWN":  # the statement names no currency: say so rather than print a fake code
        return f"{text}（通貨の記載なし）" if lang == "ja" else f"{text} (currency not stated)"
    return f"{cur} {text}".strip()


def _by_currency(rows: Iterable[Mapping[str, Any]], default: str, sign: float = 1.0) -> dict[str, float]:
    out: dict[str, float] = {}
    for r in rows:
        cur = str(r.get("currency") or default or "")
        out[cur] = round(out.get(cur, 0.0) + sign * float(r.get("amount") or 0.0), 2)
    return out


def charged_by_currency(c: Any) -> dict[str, float]:
    """Gross charges of a contract, per currency."""
    return _by_currency(c.charges, c.currency)


def refunded_by_currency(c: Any) -> dict[str, float]:
    """Refunds of a contract (positive numbers), per currency."""
    given = getattr(c, "refunded_by_currency", None)
    if isinstance(given, Mapping) and given:
        return {str(k): float(v) for k, v in given.items() if v}
    return {k: v for k, v in _by_currency(c.refunds, c.currency, -1.0).items() if v}


def paid_by_currency(c: Any) -> dict[str, float]:
    """Net paid (charges minus refunds) of a contract, per currency."""
    given = getattr(c, "paid_by_currency", None)
    if isinstance(given, Mapping) and given:
        return {str(k): float(v) for k, v in given.items()}
    out = charged_by_currency(c)
    for cur, back in refunded_by_currency(c).items():
        out[cur] = round(out.get(cur, 0.0) - back, 2)
    return out or {str(c.currency or ""): float(c.total_paid)}


def next_currency(c: Any) -> str:
    """The currency of a contract's next expected charge: its billing currency, or (charges in several) that of
    its latest charge, which the expected one repeats."""
    if c.currency or not c.charges:
        return str(c.currency or "")
    return str(c.charges[-1].get("currency") or "")


def add_totals(parts: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Per-currency sums of several per-currency totals."""
    out: dict[str, float] = {}
    for p in parts:
        for cur, v in p.items():
            out[cur] = round(out.get(cur, 0.0) + float(v), 2)
    return out


def format_totals(totals: Mapping[str, float], empty: str = "0", lang: str = "en") -> str:
    """``"JPY 7,615 + USD 499.00"``: one amount per currency (sorted by code), never cut."""
    return " + ".join(format_money(v, k, lang) for k, v in sorted(totals.items())) or empty


def contracts_total(contracts: Iterable[Any]) -> dict[str, float]:
    """Net paid over several contracts, per currency."""
    return add_totals(paid_by_currency(c) for c in contracts)
