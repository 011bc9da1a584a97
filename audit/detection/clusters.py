"""Several new software/support contracts starting within a few days of each other.

Every member must show a sign of its own: a software, security or support word in its name, a hit on a
merchant list, or a finding of its own as a software seller. A ride, a meal or an ordinary foreign purchase in the same week is never swept in. Starts are
grouped per card holder (client and card), sorted by date and cut in one sweep.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from audit.detection.features import _Context, money, stream_values
from audit.model import Finding

CLUSTER_GAP_DAYS = 4  # between consecutive new contracts
CLUSTER_SPAN_DAYS = 7  # first to last new contract


@dataclass
class _Start:
    date: pd.Timestamp
    merchant: str
    key: str
    ids: list[str]
    what: str
    known: bool
    owner: str = ""


def _contract_clusters(ctx: _Context, flagged: list[Finding]) -> list[Finding]:
    tx = ctx.tx
    starts: dict[tuple[str, str], _Start] = {}

    def add(st: _Start) -> None:
        k = (st.owner, st.key)
        if k not in starts or st.date < starts[k].date:
            starts[k] = st

    psv = stream_values(ctx.per_stream, ('legit', 'known_share', 'software', 'support'))
    owner_of = tx["owner"]
    flagged_ids = {i for f in flagged for i in f.transaction_ids}
    for n, sub in enumerate(ctx.subs):
        if n not in psv["legit"] or psv["legit"][n]:
            continue
        is_known = bool(psv["known_share"][n] > 0)
        already = not flagged_ids.isdisjoint(sub.transaction_ids)  # flagged as a software seller on its own
        if not (is_known or already or psv["software"][n] or psv["support"][n]):
            continue  # no sign of its own: an ordinary subscription never joins a cluster
        ids = [i for i in sub.transaction_ids if i in tx.index]
        owner = str(owner_of.at[ids[0]]) if ids else ""
        first = pd.Timestamp(sub.first_date)
        start = ctx.owner_start.get(owner, ctx.data_start)
        if start is not None and sub.charges > 1 and (first - start).days < 20:
            continue  # may have started before the statement (a plan seen once starts with its charge)
        add(_Start(first, sub.merchant, sub.merchant_key, list(sub.transaction_ids),
                   f"{sub.cadence} from {sub.first_date}, {money(sub.last_amount, sub.currency)} a time", is_known,
                   owner))
    in_stream = set(ctx.stream_of)
    one = tx[(tx["kind"] == "charge") & (tx["amount"] > 0) & tx["legit"].isna() & ~tx["id"].isin(in_stream)
             & (tx["software"] | tx["support"] | tx["id"].isin(ctx.known_ids))]
    for rid, rdate, name, amount, cur, mkey, owner in zip(
            one["id"], one["date"], one["name"], one["amount"], one["currency"],
            one["merchant_key"] if "merchant_key" in one.columns else one["name"], one["owner"], strict=True):
        key = mkey if isinstance(mkey, str) else str(name)
        add(_Start(rdate, str(name), key, [str(rid)],
                   f"one charge of {money(float(amount), str(cur))} on {rdate.date().isoformat()}",
                   rid in ctx.known_ids, str(owner)))
    events = sorted(starts.values(), key=lambda s: (s.owner, s.date))
    flag_of: dict[str, int] = {}
    for k, f in enumerate(flagged):
        for i in f.transaction_ids:
            flag_of.setdefault(i, k)
    out: list[Finding] = []
    i = 0
    while i < len(events):
        j = i + 1
        while (j < len(events) and events[j].owner == events[i].owner
               and (events[j].date - events[j - 1].date).days <= CLUSTER_GAP_DAYS
               and (events[j].date - events[i].date).days <= CLUSTER_SPAN_DAYS):
            j += 1
        group = events[i:j]
        i = j
        if len(group) < 2:
            continue
        n_known = sum(g.known for g in group)
        ids = [x for g in group for x in g.ids]
        also = any(x in flag_of for x in ids)
        score = 50.0 + 15 * (len(group) - 2) + (15 if n_known else 0) + (10 if also else 0)
        span = (group[-1].date - group[0].date).days
        when = f"between {group[0].date.date().isoformat()} and {group[-1].date.date().isoformat()}" if span else (
            f"on {group[0].date.date().isoformat()}")
        reasons = [
            f"{len(group)} new contracts with software or support sellers began {when}"
            f" ({span} day{'s' if span != 1 else ''} apart at most): "
            + "; ".join(f"“{g.merchant}” ({g.what})" for g in group) + ".",
            "People who call the number on a fake virus warning are often signed up for several contracts at once; "
            "each one needs its own cancellation request.",
        ]
        if n_known:
            reasons.append("At least one of them is on a list of known scam merchants, which makes the others "
                           "more likely to belong to the same scheme.")
        out.append(Finding(
            kind="contract_cluster", merchant=", ".join(g.merchant for g in group), score=min(95.0, score),
            reasons=reasons, transaction_ids=ids, merchant_key=None,
            details={"merchants": [g.merchant for g in group], "merchant_keys": [g.key for g in group],
                     "first_date": group[0].date.date().isoformat(), "last_date": group[-1].date.date().isoformat(),
                     "known": n_known, "joined": []},
        ))
    return out
