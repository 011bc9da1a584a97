"""Prepaid value bought in the days after a fake-support charge, even a single purchase.

The Consumer Affairs Agency's notice of 2021-02-19 describes the call: a "support" fee, then prepaid e-money
bought at once at a nearby convenience store, then more ("the code was mistyped, buy it again"); the CCJ's
advice adds that newer calls ask for prepaid e-money. On a card statement that is a support-type charge
followed within a few days by

* prepaid e-money or gift cards (the descriptor says so), any amount from the currency's smallest burst item;
* a round sum at a convenience store (tickets aside); or
* a round sum of two burst items or more at a shop that sells gift cards, Amazon's and Apple's own stores and
  Google Play included (:mod:`audit.detection.gift_retailers`).

:mod:`audit.detection.bursts` finds several such purchases close together with or without a charge before them;
this finds the ones a single purchase, or purchases spread over a few days, leave to a support charge alone.
On a card that buys at convenience stores as a habit, a plain purchase there counts only when it stands out
from the card's usual purchase there (the bursts' rule); e-money and gift cards named as such always count.
The anchor is the first charge of each finding of the support kinds on the same card holder's statements.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from audit.columns import isin_text
from audit.detection.bursts import _candidates as burst_candidates
from audit.detection.bursts import candidate_names, everyday_purchases
from audit.detection.features import _Context, money
from audit.detection.gift_groups import GROUPS
from audit.model import Finding

AFTER_DAYS = 3  # purchases up to this many days after the support charge
ANCHOR_KINDS = ("brand_impersonation", "large_support_plan", "foreign_software_recurring", "known_merchant",
                "contract_cluster")
ITEMS_SHOWN = 12


def _anchors(ctx: _Context, findings: list[Finding]) -> dict[str, list[tuple[pd.Timestamp, str, str]]]:
    """Per owner: (date, merchant, charge id) of the first charge of each support-type finding."""
    tx = ctx.tx
    out: dict[str, list[tuple[pd.Timestamp, str, str]]] = {}
    unique = tx.index.is_unique
    amount, date = tx["amount"].to_numpy(dtype=float, na_value=np.nan), tx["date"].to_numpy()
    owner, ident = tx["owner"].to_numpy(dtype=object), tx["id"].to_numpy(dtype=object)
    anchored = [f for f in findings if f.kind in ANCHOR_KINDS]
    unique = unique and date.dtype.kind == "M"
    if unique:  # every finding's rows by position, in one look-up; per finding its first row in one sort
        has, dated, first_at = _first_rows(anchored, tx.index, amount, date)
    for n, f in enumerate(anchored):
        if unique:  # the rows by position: the first positive one by date, ties in the finding's order
            if not has[n]:
                continue
            if dated[n]:
                at = first_at[n]
                out.setdefault(str(owner[at]), []).append((pd.Timestamp(date[at]), f.merchant, str(ident[at])))
                continue
        ids = [i for i in f.transaction_ids if i in tx.index]
        if not ids:
            continue
        rows = tx.loc[ids]
        rows = rows[rows["amount"] > 0]
        if rows.empty:
            continue
        first = rows.sort_values("date", kind="stable").iloc[0]
        out.setdefault(str(first["owner"]), []).append((first["date"], f.merchant, str(first["id"])))
    return out


def _first_rows(findings: list[Finding], index: pd.Index, amount: np.ndarray,
                date: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per finding: whether it holds a row of ``index`` (unique) with a positive amount, whether all those rows
    have a date, and the position of the earliest of them (ties: the first in the finding's order)."""
    sizes = np.array([len(f.transaction_ids) for f in findings], dtype=np.int64)
    found = index.get_indexer([i for f in findings for i in f.transaction_ids])
    fid = np.repeat(np.arange(len(findings)), sizes)
    keep = np.flatnonzero(found >= 0)
    keep = keep[amount[found[keep]] > 0]
    fid, pos = fid[keep], found[keep]
    has = np.bincount(fid, minlength=len(findings)) > 0
    dated = has & (np.bincount(fid, weights=np.isnat(date[pos]), minlength=len(findings)) == 0)
    order = np.lexsort((keep, date[pos].view(np.int64), fid))  # by finding, then date, then the finding's order
    fid, pos = fid[order], pos[order]
    starts = np.flatnonzero(np.r_[True, fid[1:] != fid[:-1]]) if len(fid) else np.zeros(0, dtype=np.int64)
    first_at = np.full(len(findings), -1, dtype=np.int64)
    first_at[fid[starts]] = pos[starts]
    return has, dated, first_at


def _candidates(ctx: _Context, taken: set[str], owners: Collection[str] | None = None) -> pd.DataFrame:
    """The burst candidates (:func:`audit.detection.bursts._candidates`, from the whole table) that name prepaid
    value or are round sums, minus those a burst already holds; with their ids. On a card that buys at these
    shops as a habit (the bursts' rule) a plain purchase counts only when it stands out by itself.

    ``owners``: only these card holders' purchases (every rule here looks at one card holder's purchases alone).
    """
    cand = burst_candidates(ctx)
    if owners is not None and not cand.empty:
        wanted = np.flatnonzero(isin_text(ctx.owner_texts, set(owners)))
        cand = cand.loc[np.isin(cand["owner_code"].to_numpy(), wanted)]
    if cand.empty:
        return _with_texts(ctx, cand.assign(id=pd.Series(dtype=object)))
    step = cand["step"].to_numpy(float)  # the currency's gift-card round sum (limits(currency).gift_round)
    amount = cand["amount"].to_numpy(float)
    rest = np.mod(amount, step)
    rounded = np.isclose(rest, 0.0) | np.isclose(rest, step)
    prepaid = cand["prepaid"].to_numpy(bool)
    maybe = prepaid | (rounded & (cand["konbini"].to_numpy(bool) | cand["shop"].to_numpy(bool)))
    if (maybe & ~prepaid).any():  # a round plain purchase: the holder's habit decides (from all its purchases)
        maybe &= prepaid | ~everyday_purchases(ctx, cand)
    cand = cand.loc[maybe]  # ids and days for the rows kept only
    cand = cand.assign(id=ctx.full["id"].iloc[cand["row"].to_numpy()].astype(object).to_numpy(),
                       day=cand["date"].dt.normalize())
    return _with_texts(ctx, cand.loc[~cand["id"].isin(taken).to_numpy()])


def _with_texts(ctx: _Context, cand: pd.DataFrame) -> pd.DataFrame:
    """``cand`` with its owners, names and currencies as texts (object columns), for the rows kept only."""
    rows = cand["row"].to_numpy(dtype=np.int64)
    owner = ctx.owner_texts[cand["owner_code"].to_numpy(dtype=np.int64)] if len(cand) else np.zeros(0, dtype=object)
    return cand.assign(owner=pd.Series(owner, index=cand.index, dtype=object),
                       name=pd.Series(candidate_names(ctx, rows), index=cand.index, dtype=object),
                       currency=cand["currency"].astype(object))


def prepaid_after_support(ctx: _Context, findings: list[Finding]) -> list[Finding]:
    """One ``prepaid_burst`` finding per support charge followed by prepaid purchases (see module docstring)."""
    anchors = _anchors(ctx, findings)
    if not anchors:
        return []
    taken = {i for f in findings if f.kind == "prepaid_burst" for i in f.transaction_ids}
    cand = _candidates(ctx, taken, anchors.keys())  # only card holders with a support charge can have a finding
    out: list[Finding] = []
    used: set[str] = set()
    for owner, g in cand.groupby("owner", sort=True):
        for day, merchant, anchor_id in sorted(anchors.get(str(owner), []), key=lambda a: (a[0], a[2])):
            hit = g[(g["date"] >= day) & (g["date"] <= day + pd.Timedelta(days=AFTER_DAYS))
                    & ~g["id"].isin(used)].sort_values("date", kind="stable")
            if hit.empty:
                continue
            used.update(hit["id"])
            cur = str(hit["currency"].iloc[0])
            shown = hit.iloc[:ITEMS_SHOWN]
            items = ", ".join(f"{n} {money(float(a), str(c))}" for n, a, c in
                              zip(shown["name"], shown["amount"], shown["currency"], strict=True))
            if len(hit) > ITEMS_SHOWN:
                items += f", and {len(hit) - ITEMS_SHOWN:,} more"
            total = " + ".join(money(float(v), str(k)) for k, v in hit.groupby("currency")["amount"].sum().items())
            gift = bool(hit["prepaid"].any())
            n = len(hit)
            when = day.date().isoformat()
            reasons = [
                f"Within {AFTER_DAYS} days of the charge from “{merchant}” ({when}), "
                f"{n} purchase{'s' if n > 1 else ''} of prepaid value followed: {items} ({total}).",
                "Fake support callers take a “support” fee and then send people to buy e-money or gift cards and "
                "read out the codes, often again and again (“the code failed, buy another”).",
            ]
            reasons_ja = [f"「{merchant}」の請求（{when}）から{AFTER_DAYS}日以内に、電子マネー・ギフトカードとみられる"
                          f"購入が{n}件ありました（{total}）。",
                          "偽サポートは「サポート料」を取ったあと、電子マネーやギフトカードを買わせて番号を読み上げさせ、"
                          "「使えなかった」と言って何度も買わせることがあります。"]
            if not gift:
                reasons.append("The amounts are round sums at shops that sell gift cards or e-money, as gift-card "
                               "values are." if n > 1 else "The amount is a round sum at a shop that sells gift "
                               "cards or e-money, as gift-card values are.")
                reasons_ja.append("ギフトカードや電子マネーを売る店での、額面のような切りのよい金額です。")
            out.append(Finding(
                kind="prepaid_burst", merchant=str(hit["name"].iloc[0]) if hit["name"].nunique() == 1
                else GROUPS["prepaid"][0], score=70.0 + (10 if gift else 0) + min(10, 5 * (len(hit) - 1)),
                reasons=reasons, transaction_ids=[str(i) for i in hit["id"]], merchant_key=None,
                details={"first_date": hit["date"].iloc[0].date().isoformat(),
                         "last_date": hit["date"].iloc[-1].date().isoformat(), "currency": cur,
                         "count": len(hit), "after": anchor_id, "group": "prepaid", "reasons_ja": reasons_ja},
            ))
    return out
