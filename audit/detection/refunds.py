"""Refunds tied to the charges they reverse."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from audit.detection import lexicon
from audit.detection.features import _Context, _days, full_charges, full_codes, money
from audit.ids import id_rows
from audit.model import Finding


@dataclass
class _Charges:
    """Charges at one merchant, sorted by date: numbers as plain arrays (fast to search per refund); ids and
    names stay columns, read only for the few charges a refund reverses (no Python string per charge)."""

    day: np.ndarray
    amount: np.ndarray
    orig: np.ndarray
    ids: pd.Series
    names: pd.Series
    used: np.ndarray

    @classmethod
    def of(cls, g: pd.DataFrame) -> _Charges:
        g = g.sort_values("date")
        return cls(_days(g["date"]), g["amount"].to_numpy(float), g["original_amount"].to_numpy(float),
                   g["id"].reset_index(drop=True), g["name"].reset_index(drop=True), np.zeros(len(g), dtype=bool))



REFUND_LOOKBACK_DAYS = 400
REFUND_MAX_CANDIDATES = 500


def _refund_links(ctx: _Context, flagged: list[Finding]) -> list[Finding]:
    """Refunds of charges that are already suspicious, each tied to the charge(s) it reverses.

    A refund of an ordinary purchase (a returned parcel) is no finding. Charges and refunds are matched
    per card holder (client and card) and merchant; a refund whose merchant key has no charge is compared
    by name with the suspicious charges of the same card holder only.
    """
    tx = ctx.tx
    refunds = tx[(tx["kind"] == "refund") | ((tx["amount"] < 0) & ~tx["kind"].isin(["payment"]))]
    suspicious_ids = {i for f in flagged for i in f.transaction_ids} | ctx.known_ids
    if refunds.empty or not suspicious_ids:
        return []
    full = ctx.full
    key_col = "merchant_key" if "merchant_key" in full.columns else "description"
    if len(ctx.owner_code) == len(full):
        o_codes, o_uniq = ctx.owner_code, ctx.owner_texts
    else:
        o_codes, o_uniq = np.zeros(len(full), dtype=np.int64), np.array([""], dtype=object)
    is_charge = full_charges(ctx).to_numpy()
    sus = np.zeros(len(full), dtype=bool)
    sus[id_rows(full["id"], suspicious_ids)] = True
    sus &= is_charge
    # (card holder, merchant) groups as integer codes: no text is built per row
    k_codes, k_uniq = full_codes(ctx, key_col)
    width = np.int64(len(k_uniq) + 2)
    group_all = o_codes.astype(np.int64) * width + (k_codes.astype(np.int64) + 1)
    refunds = refunds.sort_values("date")
    r_o = pd.Index(o_uniq).get_indexer(refunds["owner"].astype(str))
    r_k = pd.Index(k_uniq).get_indexer(refunds[key_col])
    r_group = np.where(r_o >= 0, r_o.astype(np.int64) * width + (r_k.astype(np.int64) + 1), -1)
    direct = np.isin(r_group, np.unique(group_all[sus]))
    near_mask = is_charge & np.isin(group_all, np.unique(r_group[direct]))
    near = full.loc[near_mask, ["id", "date", "amount", "original_amount", "description",
                                *(["descriptor_norm"] if "descriptor_norm" in full.columns else [])]]
    name = near["descriptor_norm"] if "descriptor_norm" in near.columns else near["description"]
    near = near.assign(name=name.fillna(near["description"]), group=group_all[near_mask])
    by_key = {int(k): _Charges.of(g) for k, g in near.groupby("group", sort=False)}
    sus_desc = full["description"][sus]
    sus_rows = pd.DataFrame({"fold": sus_desc.map(dict(zip(*_folds(sus_desc), strict=True))).fillna("").to_numpy(),
                             "owner": o_uniq[o_codes[sus]], "row": np.flatnonzero(sus)})
    by_owner = {str(o): g for o, g in sus_rows.groupby("owner", sort=False)}
    names_of = {o: list(g["fold"].unique()) for o, g in by_owner.items()}
    no_rows = sus_rows.iloc[:0]
    fuzzy_seen: dict[tuple[str, str], pd.DataFrame | None] = {}
    live = _linkable(ctx, refunds, r_group, by_key, fuzzy_seen, (by_owner, names_of, no_rows))
    refunds, r_group = refunds.iloc[live], r_group[live]  # the others would be passed over below
    out: list[Finding] = []
    cols = zip(refunds["id"], refunds["date"].to_numpy(), refunds["amount"], refunds["currency"], refunds["original_amount"],
               r_group, refunds[key_col], refunds["fold"], refunds["owner"], strict=True)
    for rid, rdate, ramount, cur, rorig, group, key, folded, owner in cols:
        group = int(group)
        ch = by_key.get(group) if group >= 0 else None
        if ch is None:
            seen_key = (str(owner), str(folded))
            if seen_key not in fuzzy_seen:  # one name search per card holder and refund descriptor
                fuzzy_seen[seen_key] = _fuzzy_charges(ctx, by_owner.get(str(owner), no_rows), str(folded),
                                                      names_of.get(str(owner)))
            fuzzy = fuzzy_seen[seen_key]
            if fuzzy is None:
                continue
            ch = by_key[group] = _Charges.of(fuzzy)
        rday = int(np.datetime64(rdate, "D").astype(np.int64))
        hi = int(np.searchsorted(ch.day, rday, "right"))
        lo = max(int(np.searchsorted(ch.day, rday - REFUND_LOOKBACK_DAYS, "left")), hi - REFUND_MAX_CANDIDATES)
        cand = np.arange(lo, hi)[~ch.used[lo:hi]]
        if not len(cand):
            continue
        amount = -float(ramount)
        picked, whole = _match_refund(ch.amount[cand], ch.orig[cand], amount, str(cur), rorig)
        if not picked:
            continue
        pos = cand[picked]
        ch.used[pos] = True
        linked = [str(i) for i in ch.ids.iloc[pos]]
        if suspicious_ids.isdisjoint(linked):
            continue  # the refund reverses an ordinary purchase at the same merchant
        charged = float(ch.amount[pos].sum())
        cur = str(cur)
        name = str(ch.names.iloc[int(pos[0])])
        dates = ", ".join(str(np.datetime64(int(d), "D")) for d in ch.day[pos])
        reasons = [
            f"The refund of {money(amount, cur)} on {pd.Timestamp(rdate).date().isoformat()} "
            + ("reverses" if whole else "partly reverses")
            + f" {'the charge' if len(linked) == 1 else f'{len(linked)} charges'} of {money(charged, cur)} "
            f"on {dates} at “{name}”.",
            "The refunded charge was flagged as suspicious: the merchant can refund, so ask for the "
            "remaining charges back too.",
        ]
        out.append(Finding(
            kind="refund_link", merchant=name, score=60.0, reasons=reasons,
            transaction_ids=[*linked, str(rid)], merchant_key=key if isinstance(key, str) else None,
            details={"refund_id": str(rid), "charge_ids": linked, "refunded": amount, "charged": charged,
                     "currency": cur, "full": whole},
        ))
    return out


def _linkable(ctx: _Context, refunds: pd.DataFrame, r_group: np.ndarray, by_key: dict[int, _Charges],
              fuzzy_seen: dict[tuple[str, str], pd.DataFrame | None],
              suspects: tuple[dict[str, pd.DataFrame], dict[str, list[str]], pd.DataFrame]) -> np.ndarray:
    """Positions of the refunds the matching loop of :func:`_refund_links` can link: those whose (card holder,
    merchant) group has charges, those whose name search (one per card holder and folded descriptor, stored in
    ``fuzzy_seen``) finds some, and those sharing a group with the latter (the loop gives the group those charges).
    Every other refund finds no charge there and is passed over. ``suspects``: the suspicious charges per card
    holder, their distinct folded descriptors, and no charges (as the loop has them)."""
    by_owner, names_of, no_rows = suspects
    r_group = np.asarray(r_group, dtype=np.int64)
    keys = np.fromiter(by_key.keys(), dtype=np.int64, count=len(by_key))
    live = (r_group >= 0) & np.isin(r_group, keys)
    need = np.flatnonzero(~live)
    if not len(need):
        return np.flatnonzero(live)
    # (card holder, folded descriptor) of those refunds, each distinct pair searched once, as the loop keys them
    o_c, o_u = pd.factorize(refunds["owner"].iloc[need], use_na_sentinel=False)
    f_c, f_u = pd.factorize(refunds["fold"].iloc[need], use_na_sentinel=False)
    width = np.int64(len(f_u))
    p_c, p_u = pd.factorize(o_c.astype(np.int64) * width + f_c)
    found = np.zeros(len(p_u), dtype=bool)
    for n, p in enumerate(p_u.tolist()):
        owner, folded = str(o_u[p // width]), str(f_u[p % width])
        if (owner, folded) not in fuzzy_seen:
            fuzzy_seen[(owner, folded)] = _fuzzy_charges(ctx, by_owner.get(owner, no_rows), folded, names_of.get(owner))
        found[n] = fuzzy_seen[(owner, folded)] is not None
    live[need] = found[p_c]
    fed = r_group[need[found[p_c]]]  # groups a name search gives charges to
    live |= (r_group >= 0) & np.isin(r_group, fed[fed >= 0])
    return np.flatnonzero(live)


def _folds(desc: pd.Series) -> tuple[list[str], list[str]]:
    """Distinct descriptors and their folded forms (each folded once)."""
    uniq = [d for d in desc.unique() if isinstance(d, str)]
    return uniq, [lexicon.fold(d) for d in uniq]


def _fuzzy_charges(ctx: _Context, sus_rows: pd.DataFrame, folded: str,
                   names: list[str] | None = None) -> pd.DataFrame | None:
    """Suspicious charges whose descriptor resembles the refund's (refund lines often add words or drop IDs).

    ``names``: the distinct folded descriptors of ``sus_rows`` when the caller has them already.
    """
    from rapidfuzz import fuzz, process

    if not folded or sus_rows.empty:
        return None
    if names is None:
        names = list(sus_rows["fold"].unique())
    hits = [m[0] for m in process.extract(folded, names, scorer=fuzz.token_set_ratio, score_cutoff=85, limit=20)]
    if not hits:
        return None
    rows = sus_rows.loc[sus_rows["fold"].isin(hits), "row"].to_numpy()
    part = ctx.full.iloc[rows]
    name = part["descriptor_norm"] if "descriptor_norm" in part.columns else part["description"]
    return pd.DataFrame({"date": part["date"], "amount": part["amount"], "original_amount": part["original_amount"],
                         "id": part["id"].astype(object), "name": name.fillna(part["description"]).astype(object)})


def _match_refund(amts: np.ndarray, origs: np.ndarray, amount: float, currency: str,
                  refund_orig: float | None) -> tuple[list[int], bool]:
    """Positions (in date order) a refund of ``amount`` reverses, and whether fully.

    The latest charge of the same amount (or same foreign amount); else the last few charges that add
    up to it; else, partly, the latest larger charge.
    """
    tol = max(1.0, 0.01 * amount) if currency == "JPY" else max(0.01, 0.01 * amount)
    tries = [np.abs(amts - amount) < 0.005]
    if refund_orig is not None and not pd.isna(refund_orig):
        tries.append(np.abs(origs - abs(float(refund_orig))) < 0.005)
    tries.append(np.abs(amts - amount) <= tol)  # the rate may differ between charge and refund
    for hit in tries:
        same = np.flatnonzero(hit)
        if len(same):
            return [int(same[-1])], True
    for k in range(2, min(12, len(amts)) + 1):  # the last k charges refunded together
        if abs(amts[-k:].sum() - amount) <= tol:
            return list(range(len(amts) - k, len(amts))), True
    bigger = np.flatnonzero(amts > amount)
    if len(bigger):
        return [int(bigger[-1])], False
    return [], False


