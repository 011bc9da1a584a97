"""Group suspicious charges into contracts: one per merchant stream, with reasons and totals.

A *contract* is what the user writes one cancellation request about: every charge from one
merchant (or one subscription stream at it), its findings and reasons, what was paid in total and
what is expected next.

How :func:`build_contracts` groups charges:

1. Every subscription stream that is suspicious (or shares a charge with a finding) becomes one
   contract, so two streams at one merchant stay two contracts (each needs its own request).
2. Charges a finding points at that no stream holds join the contract of the same merchant-list
   entry (``entry_id``) or the same ``merchant_key``; otherwise they open a new contract. The charges
   of a ``prepaid_burst`` finding (gift cards bought at several shops) stay together as one contract.
3. Refunds join the contract holding the charge a ``refund_link`` finding ties them to, or else the
   contract with the refund's ``merchant_key``; they lower ``total_paid`` and fill ``refunded``.
4. Subscriptions nobody flagged become contracts with ``suspicious=False`` (listed apart by the UI).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from audit.model import Finding, Subscription

# Finding kinds whose charges form one contract even across merchants (a gift-card burst is one payment).
BATCH_KINDS = ("prepaid_burst",)


@dataclass
class Contract:
    """One merchant relationship worth a cancellation request (or a legit subscription)."""

    id: str  # "c1", "c2", ... in order of score
    merchant: str  # display name (list entry name, or cleaned descriptor)
    merchant_key: str
    descriptors: list[str]  # descriptors as printed on the statement
    transaction_ids: list[str]
    charges: list[dict[str, Any]]  # id, date, amount, currency, original_amount, original_currency, description, source
    total_paid: float  # charges minus refunds, billing currency
    refunded: float
    currency: str
    first_date: str
    last_date: str
    suspicious: bool
    score: float
    reasons: list[str]
    kinds: list[str] = field(default_factory=list)  # finding kinds that flagged it
    cadence: str | None = None  # from the subscription stream; None for one-off charges
    status: str = "one-off"  # "active", "ended" or "one-off"
    next_expected_date: str | None = None
    next_expected_amount: float | None = None
    entry_id: str | None = None  # merchant-list entry, when a list matched
    sources: list[str] = field(default_factory=list)  # public source URLs of that entry
    refunds: list[dict[str, Any]] = field(default_factory=list)  # refund rows, same keys as charges (amount < 0)


@dataclass
class _Group:
    """Transaction ids collected for one future contract."""

    sub: Subscription | None = None
    ids: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    merchant_key: str = ""

    def add_finding(self, f: Finding) -> None:
        if all(f is not g for g in self.findings):
            self.findings.append(f)


def _clean(v: Any) -> Any:
    """Missing values (NaN, NA, NaT) as None; numpy scalars as Python ones."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if hasattr(v, "item") and not isinstance(v, str):
        return _clean(v.item())
    return v


_RECORD_FIELDS = ("id", "date", "amount", "currency", "original_amount", "original_currency", "description",
                  "source", "card", "kind")


def _rows_by_id(tx: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Each transaction as a plain dict (plus ``_key``, its grouping key), by id."""
    if tx.empty:
        return {}
    keys = tx["merchant_key"] if "merchant_key" in tx.columns else tx["description"]
    keys = keys.fillna(tx["description"]).fillna("")
    cols = [c for c in _RECORD_FIELDS if c in tx.columns]
    out: dict[str, dict[str, Any]] = {}
    for rec, key in zip(tx[cols].to_dict(orient="records"), keys, strict=True):
        row = {c: _clean(rec.get(c)) for c in _RECORD_FIELDS}
        row["_key"] = str(key)
        if row["id"] is not None:
            out[str(row["id"])] = row
    return out


def _is_refund(row: dict[str, Any]) -> bool:
    amount = row.get("amount")
    return amount is not None and amount < 0 and row.get("kind") != "payment"


def _entry_sources(f: Finding) -> list[str]:
    out: list[str] = []
    for name in ("sources", "source", "source_url", "urls", "url"):
        v = f.details.get(name)
        if isinstance(v, str) and v:
            out.append(v)
        elif isinstance(v, list | tuple):
            out.extend(str(x) for x in v if x)
    return out


def _unique(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


def build_contracts(
    tx: pd.DataFrame, findings: list[Finding], subscriptions: list[Subscription]
) -> list[Contract]:
    """One contract per suspicious merchant stream, then legit subscriptions (see module docstring).

    Suspicious contracts come first, by score (highest first), then legit ones by merchant name;
    ids are ``c1``, ``c2``, ... in that order.
    """
    rows = _rows_by_id(tx)
    flags = sorted((f for f in findings if f.kind != "refund_link"), key=lambda f: -f.score)
    links = [f for f in findings if f.kind == "refund_link"]
    owner: dict[str, _Group] = {}
    registry: dict[tuple[str, str], _Group] = {}  # ("key", merchant_key) / ("entry", entry_id) -> group
    groups: list[_Group] = []

    def take(g: _Group, tid: str) -> None:
        if tid in rows and tid not in owner:
            owner[tid] = g
            g.ids.append(tid)

    def register(key: tuple[str, str], g: _Group) -> None:
        if key[1]:
            registry.setdefault(key, g)

    legit: list[Subscription] = []
    flagged_ids = {tid for f in flags for tid in f.transaction_ids}
    for sub in subscriptions:
        if not (sub.suspicious or flagged_ids.intersection(sub.transaction_ids)):
            legit.append(sub)
            continue
        g = _Group(sub=sub, merchant_key=sub.merchant_key)
        for tid in sub.transaction_ids:
            take(g, tid)
        if g.ids:
            groups.append(g)
            register(("key", sub.merchant_key), g)

    # Findings that touch a stream: the stream takes the finding (and its list entry).
    for f in flags:
        for tid in f.transaction_ids:
            g = owner.get(tid)
            if g is not None:
                g.add_finding(f)
                if f.entry_id:
                    register(("entry", f.entry_id), g)
    # Charges no stream holds: join the entry's or the merchant's contract, else open one.
    for f in flags:
        for tid in f.transaction_ids:
            if tid not in rows or tid in owner:
                continue
            row_key = rows[tid]["_key"] or (f.merchant_key or "")
            keys = [("entry", f.entry_id or ""), ("key", row_key)]
            if f.kind in BATCH_KINDS:  # one payment split over several shops: keep it together
                keys = [("finding", str(id(f)))]
            g = next((registry[k] for k in keys if k in registry), None)
            if g is None:
                g = _Group(merchant_key=row_key)
                groups.append(g)
            for k in keys:
                register(k, g)
            take(g, tid)
            g.add_finding(f)

    # Refunds: explicitly linked first, then by merchant key.
    for f in links:
        targets = [owner[t] for t in f.transaction_ids if t in owner]
        if targets:
            for tid in f.transaction_ids:
                if tid in rows and _is_refund(rows[tid]):
                    take(targets[0], tid)

    legit_groups: list[_Group] = []
    for sub in legit:
        g = _Group(sub=sub, merchant_key=sub.merchant_key)
        for tid in sub.transaction_ids:
            take(g, tid)
        if g.ids:
            legit_groups.append(g)
            register(("key", sub.merchant_key), g)
    for tid, row in rows.items():
        if tid not in owner and _is_refund(row) and ("key", row["_key"]) in registry:
            take(registry[("key", row["_key"])], tid)

    suspicious = [c for c in (_contract(g, rows, True) for g in groups) if c is not None]
    normal = [c for c in (_contract(g, rows, False) for g in legit_groups) if c is not None]
    suspicious.sort(key=lambda c: (-c.score, -c.total_paid, c.merchant.casefold()))
    normal.sort(key=lambda c: (c.merchant.casefold(), c.first_date))
    out = suspicious + normal
    for i, c in enumerate(out, start=1):
        c.id = f"c{i}"
    return out


def _record(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _cluster_name(findings: list[Finding], key: str | None) -> str | None:
    """The name a cluster finding gives the merchant ``key`` (not the cluster's whole list of names)."""
    for f in findings:
        for name, k in zip(f.details.get("merchants", []), f.details.get("merchant_keys", []), strict=False):
            if k and k == key:
                return str(name)
    return None


def _contract(g: _Group, rows: dict[str, dict[str, Any]], suspicious: bool) -> Contract | None:
    recs = sorted((rows[t] for t in g.ids), key=lambda r: (r.get("date") or "", r["id"]))
    charges = [_record(r) for r in recs if not _is_refund(r)]
    refunds = [_record(r) for r in recs if _is_refund(r)]
    if not charges:
        return None
    paid = sum(float(r["amount"] or 0.0) for r in charges)
    back = -sum(float(r["amount"]) for r in refunds)
    currencies = Counter(r["currency"] for r in charges if r.get("currency"))
    sub = g.sub
    known = [f for f in g.findings if f.entry_id]
    if known:
        merchant = known[0].merchant
    elif sub is not None:
        merchant = sub.merchant
    elif own := [f for f in g.findings if f.kind != "contract_cluster"]:
        merchant = own[0].merchant
    else:
        merchant = _cluster_name(g.findings, g.merchant_key) or str(charges[0].get("description") or g.merchant_key)
    reasons: list[str] = list(sub.reasons) if sub is not None else []
    for f in sorted(g.findings, key=lambda f: -f.score):
        reasons.extend(f.reasons)
    scores = [f.score for f in g.findings] + ([sub.score] if sub is not None else [])
    dates = [r["date"] for r in charges if r.get("date")]
    return Contract(
        id="",
        merchant=merchant,
        merchant_key=g.merchant_key,
        descriptors=_unique([str(r["description"]) for r in charges + refunds if r.get("description")]),
        transaction_ids=[r["id"] for r in charges + refunds],
        charges=charges,
        total_paid=round(paid - back, 2),
        refunded=round(back, 2),
        currency=currencies.most_common(1)[0][0] if currencies else "",
        first_date=min(dates) if dates else "",
        last_date=max(dates) if dates else "",
        suspicious=suspicious,
        score=round(float(max(scores, default=0.0)), 1),
        reasons=_unique(reasons),
        kinds=_unique([f.kind for f in g.findings]),
        cadence=sub.cadence if sub is not None else None,
        status=sub.status if sub is not None else "one-off",
        next_expected_date=sub.next_expected_date if sub is not None else None,
        next_expected_amount=sub.next_expected_amount if sub is not None else None,
        entry_id=known[0].entry_id if known else None,
        sources=_unique([s for f in known for s in _entry_sources(f)]),
        refunds=refunds,
    )
