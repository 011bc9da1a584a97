"""Bursts of prepaid value: gift cards, e-money and convenience-store purchases within a day or two."""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.detection import lexicon
from audit.detection.features import _Context, money
from audit.detection.thresholds import limits
from audit.model import Finding

BURST_DAYS = 2  # first to last purchase of a burst
BURST_MIN_PLAIN = 3  # purchases a burst needs when none names gift cards and no suspicious charge is near


def _bursts(dates: np.ndarray) -> list[np.ndarray]:
    """Runs of positions whose dates (sorted, in days) stay within BURST_DAYS of the run's first."""
    runs: list[np.ndarray] = []
    i = 0
    n = len(dates)
    while i < n:
        j = int(np.searchsorted(dates, dates[i] + BURST_DAYS, "right"))
        if j - i >= 2:
            runs.append(np.arange(i, j))
            i = j
        else:
            i += 1
    return runs


def _prepaid_bursts(ctx: _Context, anchors: list[Finding]) -> list[Finding]:
    tx = ctx.tx
    cur = tx["currency"].fillna(ctx.home)
    min_item = cur.map(lambda c: limits(c).burst_item)
    cand = tx[(tx["kind"] == "charge") & (tx["prepaid"] | tx["konbini"]) & (tx["amount"] >= min_item)]
    tickets = cand["fold"].map(lexicon.ticket_like).astype(bool) & ~cand["prepaid"].astype(bool)
    cand = cand[~tickets].sort_values("date")  # concert or travel tickets bought at a konbini are no prepaid value
    days = cand["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    anchor_dates = [
        (pd.Timestamp(tx.loc[f.transaction_ids[0], "date"]), f.merchant)
        for f in anchors if f.transaction_ids and f.transaction_ids[0] in tx.index
    ]
    out: list[Finding] = []
    for run in _bursts(days):
        rows = cand.iloc[run]
        c = str(rows["currency"].iloc[0])
        total = float(rows["amount"].sum())
        gift = bool(rows["prepaid"].any())
        if total < limits(c).burst_total and not (gift and total >= 0.5 * limits(c).burst_total):
            continue
        first, last = rows["date"].iloc[0], rows["date"].iloc[-1]
        near = [(d, m) for d, m in anchor_dates if abs((d - first).days) <= 3]
        if not gift and len(rows) < BURST_MIN_PLAIN and not near:
            continue  # two ordinary konbini purchases alone (a bill, a ticket) are no burst
        rounded = bool((rows["amount"] % 1000 == 0).all()) if c == "JPY" else False
        score = 40.0 + 10 * (len(rows) - 2) + (15 if gift else 0) + (10 if rounded else 0)
        score += 10 if total >= 2.5 * limits(c).burst_total else 0
        score += 15 if near else 0
        items = ", ".join(f"{nm} {money(float(a), c)}" for nm, a in zip(rows["name"], rows["amount"], strict=True))
        when = first.date().isoformat() + ("" if first == last else f" and {last.date().isoformat()}")
        kinds = "prepaid or gift cards" if gift and not rows["konbini"].any() else (
            "convenience stores and gift cards" if gift else "convenience stores")
        reasons = [
            f"On {when} there were {len(rows)} purchases at {kinds}, {money(total, c)} in total ({items}).",
            "Fake support callers often send people to a convenience store to buy prepaid cards or gift cards "
            "and read out the codes, then claim the code failed and ask for more.",
        ]
        if rounded:
            reasons.append("The amounts are round sums, like prepaid card values.")
        if near:
            reasons.append(f"This was within three days of another suspicious charge (“{near[0][1]}”).")
        out.append(Finding(
            kind="prepaid_burst", merchant=str(rows["name"].iloc[0]) if rows["name"].nunique() == 1 else kinds,
            score=min(95.0, score), reasons=reasons, transaction_ids=[str(i) for i in rows["id"]],
            merchant_key=None,
            details={"first_date": first.date().isoformat(), "last_date": last.date().isoformat(),
                     "total": total, "currency": c, "count": len(rows)},
        ))
    return out

