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

Every grouping key includes the row's ``client`` and ``card`` (missing ones count as one value), so
two people's (or two cards') charges at one merchant are two contracts; a stream that spans several
clients or cards is split. Money is summed per currency (``paid_by_currency``,
``refunded_by_currency``), never across currencies. The work is linear: only the rows that a
finding or stream names (and refunds) are turned into records, and every lookup is a hash map.
Results do not depend on the order of the rows: contracts are ordered by score and then by their
stable ``key``.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from audit.ids import id_rows
from audit.model import Finding, Subscription

# Finding kinds whose charges form one contract even across merchants (a gift-card burst is one payment).
BATCH_KINDS = ("prepaid_burst",)


@dataclass
class Contract:
    """One merchant relationship worth a cancellation request (or a legit subscription).

    ``total_paid``, ``refunded`` and ``currency`` describe a single-currency contract; a contract with
    charges in several billing currencies has ``currency == ""``, ``total_paid`` and ``refunded`` NaN (never
    one currency's part) and its money only in ``paid_by_currency`` / ``refunded_by_currency``.
    """

    id: str  # "c1", "c2", ... in order of score
    merchant: str  # display name (list entry name, or cleaned descriptor)
    merchant_key: str
    descriptors: list[str]  # descriptors as printed on the statement (card numbers masked)
    transaction_ids: list[str]
    charges: list[dict[str, Any]]  # id, date, amount, currency, original_amount, original_currency, description, source
    total_paid: float  # charges minus refunds, billing currency (NaN when the charges are in several)
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
    key: str = ""  # stable: client | card | entry id or merchant key | first charge date
    client: str | None = None
    cards: list[str] = field(default_factory=list)
    paid_by_currency: dict[str, float] = field(default_factory=dict)  # net of refunds, per billing currency
    refunded_by_currency: dict[str, float] = field(default_factory=dict)
    # contracts nobody flagged: what makes them a known service, or why to check them (audit.detection.legitimacy)
    known_as: str = ""
    check: str = ""
    # Japanese reasons a finding words from its own facts (count, dates, the charge it followed), by kind
    reasons_ja: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Group:
    """Transaction ids collected for one future contract."""

    sub: Subscription | None = None
    ids: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    merchant_key: str = ""
    _seen: set[int] = field(default_factory=set)

    def add_finding(self, f: Finding) -> None:
        if id(f) not in self._seen:  # a set: adding is O(1), never a scan of the list
            self._seen.add(id(f))
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
                  "source", "card", "client", "kind")


def _refund_mask(tx: pd.DataFrame) -> pd.Series:
    amount = pd.to_numeric(tx["amount"], errors="coerce") if "amount" in tx.columns else None
    if amount is None:
        return pd.Series(False, index=tx.index)
    mask = amount < 0
    if "kind" in tx.columns:
        mask &= tx["kind"].ne("payment").fillna(True)
    return mask.fillna(False).astype(bool)


def _column_values(col: pd.Series, unique: bool = False) -> list[Any]:
    """A column as Python values with missing ones as None, converted once per column (not per cell).

    Unless ``unique`` (every value distinct, e.g. ids), equal values share one Python object: a
    column of a million rows holding a few thousand texts costs a few thousand strings, not a million.
    """
    if pd.api.types.is_float_dtype(col):
        values = col.to_numpy(dtype="float64", na_value=float("nan"))
        out = values.astype(object)  # Python floats, NaN turned into None below (no Python loop per value)
        out[np.isnan(values)] = None
        return out.tolist()
    if unique:
        return col.to_numpy(dtype=object, na_value=None).tolist()
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    uniq = pd.Series(uniques)
    if pd.api.types.is_datetime64_any_dtype(uniq):
        uniq = uniq.dt.strftime("%Y-%m-%d")
    table = np.append(uniq.to_numpy(dtype=object, na_value=None), None)  # code -1 (missing) -> the last: None
    return table[codes].tolist()


@dataclass
class _Rows:
    """The rows a contract may hold, by id: ``rows``, plain dicts (the fields of ``_RECORD_FIELDS``) of the ids
    asked for; ``cc`` ((client, card)) and ``key`` (merchant key) of those and of every refund. A refund no id
    asked for becomes a dict only when it joins a contract (:meth:`extra_row`; ``extra``: its position)."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    cc: dict[str, tuple[str, str]] = field(default_factory=dict)
    key: dict[str, str] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    columns: list[list[Any]] = field(default_factory=list)  # per field of _RECORD_FIELDS, per selected row
    dated: bool = False  # every selected row has a date

    def extra_row(self, tid: str) -> dict[str, Any]:
        """The row of the refund ``tid`` (one of ``extra``) as a plain dict."""
        at = self.extra[tid]
        return dict(zip(_RECORD_FIELDS, [col[at] for col in self.columns], strict=True))


def _rows_by_id(tx: pd.DataFrame, wanted: set[str]) -> _Rows:
    """The rows named in ``wanted`` (as plain dicts) and every refund, by id (see :class:`_Rows`).

    Only these rows become Python values (on a large table a small share of it), built column by column; a
    later row of a repeated id wins.
    """
    if tx.empty or "id" not in tx.columns:
        return _Rows()
    mask = np.array(_refund_mask(tx).to_numpy(dtype=bool), dtype=bool)  # a copy: written below
    asked = np.zeros(len(tx), dtype=bool)
    asked[id_rows(tx["id"], wanted)] = True
    mask |= asked
    used = [c for c in tx.columns if c in _RECORD_FIELDS or c in ("merchant_key", "description")]
    sel = tx.loc[mask, used]  # the columns read below only: a large table's other columns are not copied
    if sel.empty:
        return _Rows()
    keys = sel["merchant_key"] if "merchant_key" in sel.columns else sel["description"]
    keys = _column_values(keys.fillna(sel["description"]).fillna("").astype("str"))
    columns = {c: (_column_values(sel[c], unique=c == "id") if c in sel.columns else [None] * len(sel))
               for c in _RECORD_FIELDS}
    if "description" in sel.columns:
        from audit.masking import mask_series

        columns["description"] = _column_values(mask_series(sel["description"].astype("str")))
    client, card = (vals if all(vals) else [v or "" for v in vals] for vals in (columns["client"], columns["card"]))
    pairs = {cc: cc for cc in dict.fromkeys(zip(client, card, strict=True))}  # one tuple per distinct pair
    ccs = list(map(pairs.__getitem__, zip(client, card, strict=True)))
    ids = columns["id"]
    if not isinstance(sel["id"].dtype, pd.StringDtype):  # texts already otherwise (missing: None)
        ids = [None if i is None else str(i) for i in ids]
    # maps built by dict(zip(...)) (no Python loop body per row) where no id is missing
    whole = None not in ids
    out = _Rows(cc=_by_id(ids, ccs, whole), key=_by_id(ids, keys, whole), columns=list(columns.values()),
                dated=None not in columns["date"])
    # one dict per row asked for, built by map
    ask = asked[mask]
    pick = ask.tolist()
    recs = map(dict, map(zip, itertools.repeat(_RECORD_FIELDS),
                         zip(*(itertools.compress(col, pick) for col in columns.values()), strict=True)))
    out.rows = _by_id(list(itertools.compress(ids, pick)), recs, whole)
    out.extra = {ids[at]: at for at in np.flatnonzero(~ask).tolist() if ids[at] is not None}
    return out


def _by_id(ids: list[str | None], values: Any, whole: bool) -> dict[str, Any]:
    """``{id: value}`` over the rows (a later row of a repeated id wins), rows without an id left out;
    ``whole``: no id is missing."""
    if whole:
        return dict(zip(ids, values, strict=True))
    return {i: v for i, v in zip(ids, values, strict=True) if i is not None}


def _is_refund(row: dict[str, Any]) -> bool:
    amount = row["amount"]  # every row of _rows_by_id holds every field: subscripts, no .get
    return amount is not None and amount < 0 and row["kind"] != "payment"


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
    return list(dict.fromkeys(items))


def _unique_printed(texts: list[str], spaced: dict[str, str] | None = None) -> list[str]:
    """Descriptors as printed, one per spelling: two that differ only in their runs of spaces (a padded
    field) are one descriptor, shown as first printed. ``spaced``: a cache (text -> its runs of spaces made
    one) that the caller keeps across calls."""
    seen: dict[str, str] = {}
    cache = {} if spaced is None else spaced
    for t in texts:
        one = cache.get(t)
        if one is None:
            one = cache[t] = " ".join(t.split())
        seen.setdefault(one, t)
    return list(seen.values())


def build_contracts(
    tx: pd.DataFrame, findings: list[Finding], subscriptions: list[Subscription]
) -> list[Contract]:
    """One contract per suspicious merchant stream, then legit subscriptions (see module docstring).

    Suspicious contracts come first, by score (highest first), then legit ones by merchant name;
    ids are ``c1``, ``c2``, ... in that order. Time and memory are linear in the rows the findings
    and streams name.
    """
    wanted = {t for f in findings for t in f.transaction_ids} | {t for s in subscriptions for t in s.transaction_ids}
    found = _rows_by_id(tx, wanted)
    rows, cc_of, key_of = found.rows, found.cc, found.key
    flags = sorted((f for f in findings if f.kind != "refund_link"), key=lambda f: -f.score)
    links = [f for f in findings if f.kind == "refund_link"]
    owner: dict[str, _Group] = {}
    registry: dict[tuple[Any, ...], _Group] = {}  # (kind, client, card, key) -> group
    groups: list[_Group] = []

    def take(g: _Group, tid: str) -> None:
        if tid in rows and tid not in owner:
            owner[tid] = g
            g.ids.append(tid)

    def register(key: tuple[Any, ...], g: _Group) -> None:
        if key[-1]:
            registry.setdefault(key, g)

    def stream_groups(sub: Subscription) -> list[_Group]:
        """The stream's charges, one group per (client, card) they belong to."""
        parts: dict[tuple[str, str], _Group] = {}
        for tid in sub.transaction_ids:
            if tid not in rows or tid in owner:
                continue
            cc = cc_of[tid]
            g = parts.get(cc)
            if g is None:  # a group per (client, card), made only when first met
                g = parts[cc] = _Group(sub=sub, merchant_key=sub.merchant_key)
            owner[tid] = g  # take(g, tid), its tests made above
            g.ids.append(tid)
        for cc, g in parts.items():
            register(("key", *cc, sub.merchant_key), g)
        return list(parts.values())

    legit: list[Subscription] = []
    flagged_ids = {tid for f in flags for tid in f.transaction_ids}
    for sub in subscriptions:
        if not (sub.suspicious or flagged_ids.intersection(sub.transaction_ids)):
            legit.append(sub)
            continue
        groups.extend(stream_groups(sub))

    # Findings that touch a stream: the stream takes the finding (and its list entry).
    for f in flags:
        for tid in f.transaction_ids:
            g = owner.get(tid)
            if g is not None:
                g.add_finding(f)
                if f.entry_id:
                    register(("entry", *cc_of[tid], f.entry_id), g)
    # Charges no stream holds: join the entry's or the merchant's contract, else open one.
    for f in flags:
        for tid in f.transaction_ids:
            if tid not in rows or tid in owner:
                continue
            cc = cc_of[tid]
            row_key = key_of[tid] or (f.merchant_key or "")
            keys: list[tuple[Any, ...]] = [("entry", *cc, f.entry_id or ""), ("key", *cc, row_key)]
            if f.kind in BATCH_KINDS:  # one payment split over several shops (and cards): keep it together
                keys = [("finding", cc[0], id(f))]
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
        legit_groups.extend(stream_groups(sub))
    for tid, row in rows.items():
        if tid not in owner and _is_refund(row):
            g = registry.get(("key", *cc_of[tid], key_of[tid]))
            if g is not None:
                take(g, tid)
    for tid in found.extra:  # refunds no finding or stream names: a dict only for those that join a contract
        g = registry.get(("key", *cc_of[tid], key_of[tid]))
        if g is not None:
            row = found.extra_row(tid)
            if _is_refund(row):
                rows[tid] = row
                take(g, tid)

    spaced: dict[str, str] = {}  # descriptor -> its runs of spaces made one (_unique_printed), for all contracts
    order = _DATE_ID if found.dated else None  # (date or "", id) is (date, id) when every row has a date
    suspicious = [c for c in (_contract(g, rows, True, spaced, order) for g in groups) if c is not None]
    normal = [c for c in (_contract(g, rows, False, spaced, order) for g in legit_groups) if c is not None]
    _unique_keys(suspicious + normal)
    suspicious.sort(key=lambda c: (-c.score, -_sort_money(c), c.merchant.casefold(), c.key))
    normal.sort(key=lambda c: (c.merchant.casefold(), c.first_date, c.key))
    out = suspicious + normal
    for i, c in enumerate(out, start=1):
        c.id = f"c{i}"
    return out


_DATE_ID = operator.itemgetter("date", "id")


def _sort_money(c: Contract) -> float:
    """The net paid for ordering (a several-currency contract, whose total is NaN, after the others)."""
    return c.total_paid if c.total_paid == c.total_paid else 0.0


def _unique_keys(contracts: list[Contract]) -> None:
    """Two contracts with one key (two streams at one merchant starting the same day) get ``#2``, ``#3``
    in the order of their first transaction id, which does not depend on the order of the files."""
    by_key: dict[str, list[Contract]] = {}
    for c in contracts:
        by_key.setdefault(c.key, []).append(c)
    for same in by_key.values():
        if len(same) > 1:
            same.sort(key=lambda c: sorted(c.transaction_ids))
            for n, c in enumerate(same[1:], start=2):
                c.key = f"{c.key}#{n}"


def _cluster_name(findings: list[Finding], key: str | None) -> str | None:
    """The name a cluster finding gives the merchant ``key`` (not the cluster's whole list of names)."""
    for f in findings:
        for name, k in zip(f.details.get("merchants", []), f.details.get("merchant_keys", []), strict=False):
            if k and k == key:
                return str(name)
    return None


def _per_currency(rows: list[dict[str, Any]], sign: float = 1.0) -> dict[str, float]:
    out: dict[str, float] = {}
    for r in rows:
        cur = r["currency"] or ""
        out[cur] = out.get(cur, 0.0) + sign * float(r["amount"] or 0.0)
    return out


def _contract(g: _Group, rows: dict[str, dict[str, Any]], suspicious: bool,
              spaced: dict[str, str] | None = None, order: Any = None) -> Contract | None:
    # rows of _rows_by_id hold every field of _RECORD_FIELDS: subscripts below, no .get per field and row
    recs = sorted((rows[t] for t in g.ids), key=order or (lambda r: (r["date"] or "", r["id"])))
    charges: list[dict[str, Any]] = []
    refunds: list[dict[str, Any]] = []
    for r in recs:  # _is_refund, inline
        amount = r["amount"]
        (refunds if amount is not None and amount < 0 and r["kind"] != "payment" else charges).append(r)
    # the rows' own dicts are the records (each row goes into one contract only: no second dict per charge)
    if not charges:
        return None
    paid = _per_currency(charges)
    back = _per_currency(refunds, -1.0)
    net = {cur: round(paid.get(cur, 0.0) - back.get(cur, 0.0), 2) for cur in sorted(paid.keys() | back.keys())}
    back = {cur: round(v, 2) for cur, v in sorted(back.items())}
    currencies = Counter(r["currency"] or "" for r in charges)
    main = sorted(currencies.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    currency = main if len(net) == 1 else ""
    sub = g.sub
    known = [f for f in g.findings if f.entry_id]
    if known:
        merchant = known[0].merchant
    elif sub is not None:
        merchant = sub.merchant
    elif own := [f for f in g.findings if f.kind != "contract_cluster"]:
        merchant = own[0].merchant
    else:
        merchant = _cluster_name(g.findings, g.merchant_key) or str(charges[0]["description"] or g.merchant_key)
    reasons: list[str] = list(sub.reasons) if sub is not None else []
    for f in sorted(g.findings, key=lambda f: -f.score):
        reasons.extend(f.reasons)
    scores = [f.score for f in g.findings] + ([sub.score] if sub is not None else [])
    dates = [r["date"] for r in charges if r["date"]]
    first = min(dates) if dates else ""
    client = next((r["client"] for r in recs if r["client"]), None)
    cards = sorted({str(r["card"]) for r in recs if r["card"]})
    entry_id = known[0].entry_id if known else None
    key = "|".join([client or "", cards[0] if cards else "", entry_id or g.merchant_key, first])
    return Contract(
        id="",
        merchant=merchant,
        merchant_key=g.merchant_key,
        descriptors=_unique_printed([str(r["description"]) for r in charges + refunds if r["description"]], spaced),
        transaction_ids=[r["id"] for r in charges + refunds],
        charges=charges,
        total_paid=net.get(main, 0.0) if len(net) == 1 else math.nan,
        refunded=back.get(main, 0.0) if len(net) == 1 else math.nan,
        currency=currency,
        first_date=first,
        last_date=max(dates) if dates else "",
        suspicious=suspicious,
        score=round(float(max(scores, default=0.0)), 1),
        reasons=_unique(reasons),
        kinds=_unique([f.kind for f in g.findings]),
        cadence=sub.cadence if sub is not None else None,
        status=sub.status if sub is not None else "one-off",
        next_expected_date=sub.next_expected_date if sub is not None else None,
        next_expected_amount=sub.next_expected_amount if sub is not None else None,
        entry_id=entry_id,
        sources=_unique([s for f in known + [f for f in g.findings if not f.entry_id] for s in _entry_sources(f)]),
        refunds=refunds,
        key=key,
        client=client,
        cards=cards,
        paid_by_currency=net,
        refunded_by_currency=back,
        reasons_ja=_reasons_ja(g.findings),
    )


def _reasons_ja(findings: list[Finding]) -> dict[str, list[str]]:
    """The Japanese sentences findings give (``details["reasons_ja"]``), per kind, each once."""
    out: dict[str, list[str]] = {}
    for f in sorted(findings, key=lambda f: -f.score):
        got = f.details.get("reasons_ja") if isinstance(f.details, dict) else None
        if isinstance(got, list):
            have = out.setdefault(f.kind, [])
            have.extend(str(x) for x in got if str(x) not in have)
    return out
