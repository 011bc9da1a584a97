"""Money per currency: amounts in different currencies are never added together.

Contracts may carry ``paid_by_currency`` / ``refunded_by_currency`` (scale-integrity's contracts do);
otherwise the sums are taken from the contract's own charge and refund rows, each in its own currency.

An amount whose statement names no currency (``"unknown"``) is only known to be in its card's billing
currency: sums over several contracts keep one bucket per card (and per client, for a counsellor's overall
figures), :func:`unstated_bucket`, so a US card's 49.99 and a Canadian card's 64.99 are never one 114.98.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_ZERO_DECIMALS = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD"}
UNKNOWN = "unknown"  # the currency column's value when the statement names none
_SEP = "\x1f"  # between the parts of an unstated-currency bucket (never in a file name or card label)


def unstated_bucket(card: str = "", client: str = "") -> str:
    """The key under which amounts of one card whose statement names no currency are summed: ``"unknown"``
    when neither card nor client is given, else ``"unknown<US>client<US>card"`` (:func:`format_money` names
    the card). Two cards' unstated amounts are two buckets: their currencies may differ."""
    return f"{UNKNOWN}{_SEP}{client}{_SEP}{card}" if card or client else UNKNOWN


def is_unstated(currency: str | None) -> bool:
    """True for ``"unknown"`` and for a bucket of :func:`unstated_bucket`."""
    return str(currency or "").split(_SEP, 1)[0].lower() == UNKNOWN


def _unstated_where(currency: str, lang: str) -> str:
    """The card (and client) an unstated-currency bucket is for, in words (``""`` for a bare ``"unknown"``)."""
    parts = currency.split(_SEP)
    client, card = (parts[1], parts[2]) if len(parts) == 3 else ("", "")
    from audit.cards import label_file

    name = label_file(card)
    if lang == "ja":
        what = f"{name} のカード" if name else (f"カード {card}" if card else "")
    else:
        what = f"card of {name}" if name else (f"card {card}" if card else "")
    return " / ".join(x for x in (client, what) if x)


def currency_label(currency: str | None, lang: str = "en") -> str:
    """A currency as a chart axis or a column names it: the code, or words for one the statement does not state
    (``通貨の記載なし（us.csv のカード）``)."""
    cur = str(currency or "")
    if not is_unstated(cur):
        return cur.upper()
    where = _unstated_where(cur, lang)
    if lang == "ja":
        return f"通貨の記載なし（{where}）" if where else "通貨の記載なし"
    return f"currency not stated ({where})" if where else "currency not stated"


def format_money(amount: float | None, currency: str | None, lang: str = "en") -> str:
    """``JPY 9,800`` / ``USD 29.99``; currencies without minor units get no decimals.

    An amount whose statement names no currency (``"unknown"``) says so in ``lang`` (``"en"`` or ``"ja"``);
    a bucket of :func:`unstated_bucket` also names its card (``49.99 (currency not stated, card of us.csv)``).
    """
    if amount is None:
        return "?"
    cur = (currency or "").upper()
    text = f"{amount:,.0f}" if cur in _ZERO_DECIMALS else f"{amount:,.2f}"
    if is_unstated(currency):  # the statement names no currency: say so rather than print a fake code
        where = _unstated_where(str(currency), lang)
        if lang == "ja":
            return f"{text}（通貨の記載なし・{where}）" if where else f"{text}（通貨の記載なし）"
        return f"{text} (currency not stated, {where})" if where else f"{text} (currency not stated)"
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


def by_card(c: Any, totals: Mapping[str, float], clients: bool = False) -> dict[str, float]:
    """A contract's per-currency ``totals`` with an unstated currency put in its card's own bucket (and its
    client's, with ``clients``), ready to be added to other contracts' (:func:`unstated_bucket`)."""
    from audit.cards import card_of

    out: dict[str, float] = {}
    for cur, v in totals.items():
        key = cur
        if is_unstated(cur):
            key = unstated_bucket(card_of(c), str(getattr(c, "client", "") or "") if clients else "")
        out[key] = round(out.get(key, 0.0) + float(v), 2)
    return out


def contracts_total(contracts: Iterable[Any], clients: bool = False) -> dict[str, float]:
    """Net paid over several contracts, per currency; amounts whose statement names no currency per card
    (and per client with ``clients``), never added across cards."""
    return add_totals(by_card(c, paid_by_currency(c), clients) for c in contracts)


def refunds_total(contracts: Iterable[Any], clients: bool = False) -> dict[str, float]:
    """Refunds over several contracts, per currency (unstated currencies per card, as :func:`contracts_total`)."""
    return add_totals(by_card(c, refunded_by_currency(c), clients) for c in contracts)
