"""Several new software/support contracts starting within a few days of each other."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from audit.detection.features import _Context, _key, money
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


def _contract_clusters(ctx: _Context, flagged: list[Finding]) -> list[Finding]:
    tx = ctx.tx
    data_start = ctx.data_start
    starts: dict[str, _Start] = {}

    def add(st: _Start) -> None:
        if st.key not in starts or st.date < starts[st.key].date:
            starts[st.key] = st

    ps = ctx.per_stream
    flagged_ids = {i for f in flagged for i in f.transaction_ids}
    # Unknown sellers billing from abroad with no software word: they join a cluster others form, never start one.
    abroad: list[_Start] = []
    for n, sub in enumerate(ctx.subs):
        if n not in ps.index or ps.at[n, "legit"]:
            continue
        first = pd.Timestamp(sub.first_date)
        if (first - data_start).days < 20:
            continue  # may have started before the statement
        is_known = bool(ps.at[n, "known_share"] > 0)
        agent_flagged = bool(ps.at[n, "overseas_agent"]) and not flagged_ids.isdisjoint(sub.transaction_ids)
        risky = is_known or agent_flagged or bool(ps.at[n, "software"] or ps.at[n, "support"])
        st = _Start(first, sub.merchant, sub.merchant_key, list(sub.transaction_ids),
                    f"{sub.cadence} from {sub.first_date}, {money(sub.last_amount, sub.currency)} a time", is_known)
        if risky:
            add(st)
        elif ps.at[n, "foreign"] >= 0.5 or ps.at[n, "overseas_agent"]:
            abroad.append(st)
    in_stream = set(ctx.stream_of)
    one = tx[(tx["kind"] == "charge") & (tx["amount"] > 0) & tx["legit"].isna() & ~tx["id"].isin(in_stream)
             & (tx["software"] | tx["support"] | tx["plan"] | tx["overseas_agent"] | tx["id"].isin(ctx.known_ids))]
    for _, r in one.iterrows():
        key = _key(r) or str(r["name"])
        add(_Start(r["date"], str(r["name"]), key, [str(r["id"])],
                   f"one charge of {money(float(r['amount']), str(r['currency']))} on {r['date'].date().isoformat()}",
                   r["id"] in ctx.known_ids))
    events = sorted(starts.values(), key=lambda s: s.date)
    out: list[Finding] = []
    i = 0
    while i < len(events):
        j = i + 1
        while (j < len(events) and (events[j].date - events[j - 1].date).days <= CLUSTER_GAP_DAYS
               and (events[j].date - events[i].date).days <= CLUSTER_SPAN_DAYS):
            j += 1
        group = events[i:j]
        i = j
        if len(group) < 2:
            continue
        lo = group[0].date - pd.Timedelta(days=CLUSTER_GAP_DAYS)
        hi = group[-1].date + pd.Timedelta(days=CLUSTER_GAP_DAYS)
        taken = {g.key for g in group}
        joined = [a for a in abroad if lo <= a.date <= hi and a.key not in taken]
        n_known = sum(g.known for g in group)
        ids = [x for g in group + joined for x in g.ids]
        also = sum(1 for f in flagged if set(f.transaction_ids) & set(ids))
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
        if joined:
            one_ = len(joined) == 1
            reasons.append(
                "In the same days " + "; ".join(f"“{g.merchant}” ({g.what})" for g in joined)
                + (" also began: it is" if one_ else " also began: they are")
                + " billed from abroad by a seller this tool does not know, so "
                + ("it" if one_ else "they") + " may belong to the same scheme."
            )
        if n_known:
            reasons.append("At least one of them is on a list of known scam merchants, which makes the others "
                           "more likely to belong to the same scheme.")
        out.append(Finding(
            kind="contract_cluster", merchant=", ".join(g.merchant for g in group), score=min(95.0, score),
            reasons=reasons, transaction_ids=ids, merchant_key=None,
            details={"merchants": [g.merchant for g in group], "merchant_keys": [g.key for g in group],
                     "first_date": group[0].date.date().isoformat(), "last_date": group[-1].date.date().isoformat(),
                     "known": n_known, "joined": [g.merchant for g in joined]},
        ))
    return out

