"""Bursts of prepaid value: gift cards, e-money and convenience-store purchases within a day or two.

A purchase counts towards a burst when it is at least the currency's smallest burst item
(:mod:`audit.detection.thresholds`) and

* its descriptor names gift cards, prepaid cards or e-money (any shop, any country), or
* it is at a Japanese convenience store (tickets aside), or
* it is a round sum (a whole multiple of the currency's gift-card step) at a shop where victims are sent
  to buy gift cards (:mod:`audit.detection.gift_retailers`: pharmacies, supermarkets and department
  stores per country).

Purchases are grouped per card holder (client and card) and currency, sorted by date, and cut into runs
whose last purchase is at most two days after the first: one sort and one sweep, whatever the number of rows.
A run is a burst when its total reaches the currency's burst total (half of it when a purchase names gift
cards) and it has three purchases, or two when one names gift cards, when both are large round sums at a
gift-card shop, or when another suspicious charge of the same card holder is within three days.

A card holder who buys at these shops as a habit (on at least half of the days their statements cover,
over eight weeks or more: a shop owner buying supplies, a smoker buying cartons, a company card shared by
hundreds of drivers) crosses those thresholds every week. On such a card a purchase whose descriptor does
not name gift cards counts only when it stands out by itself: at least twice the card's usual (median)
purchase at these shops. The card's everyday purchases are left out of the search altogether, so they
neither make a burst nor pad a real one. Where standing-out purchases are themselves an everyday thing
(a heavy-tailed spender), a run of them is a burst only when one of its days adds up to three times the
card's usual day of such purchases (the median over every covered day, a day without one counting as
zero). A gift-card burst (tens of thousands of yen in round sums) stands out either way. The labelled
cases this rule was decided on: ``tests/data/burst_density`` (own) and ``tests/data/konbini_blind``
(written blind: two company cards with 300-440 convenience-store purchases a day, scored before the
rule changed in ``SCORE_BEFORE.txt``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.detection import lexicon
from audit.detection.bulk_search import search_many
from audit.detection.features import _Context, full_codes, full_kind_charge, money
from audit.detection.gift_groups import GROUPS, group_key
from audit.detection.thresholds import limits
from audit.model import Finding

BURST_DAYS = 2  # first to last purchase of a burst
BURST_MIN_PLAIN = 3  # purchases a burst needs when none names gift cards and no suspicious charge is near
NEAR_DAYS = 3  # another suspicious charge this close makes two plain purchases a burst
LARGE_ROUND = 4.0  # two round purchases at a gift-card shop, each this many burst items, are a burst
SHOP_ROUND = 2.0  # a round purchase at a gift-card shop counts from this many burst items
FEE_MIN, FEE_MAX = 0.5, 1.6  # activation fee of a prepaid card (x.95), in gift-card steps (2.95 to 7.95 dollars)
LEAD_DAYS = 3  # a charge from a software or support seller this soon before a burst belongs to it
ROUTINE_SHARE = 0.5  # days with a purchase at these shops, of all days covered, that make them a habit
ROUTINE_MIN_DAYS = 56  # days of statements a habit needs to be seen
STAND_OUT = 3.0  # a day of a plain run at a habitual buyer must cost this many usual days
ITEM_STAND_OUT = 2.0  # a plain purchase of a habitual buyer counts from this many usual purchases
ITEMS_SHOWN = 12  # purchases a burst's reason names one by one (the finding lists every one)
_SPAN = 1 << 20  # days: keeps each (owner, currency) group apart on one number line


def _bursts(keys: np.ndarray) -> list[np.ndarray]:
    """Runs of positions whose keys (sorted day numbers, groups kept apart) stay within BURST_DAYS of the
    run's first."""
    runs: list[np.ndarray] = []
    i = 0
    n = len(keys)
    ends = np.searchsorted(keys, keys + BURST_DAYS, "right")
    while i < n:
        j = int(ends[i])
        if j - i >= 2:
            runs.append(np.arange(i, j))
            i = j
        else:
            i += 1
    return runs


def _candidates(ctx: _Context) -> pd.DataFrame:
    """Purchases that may belong to a burst, with their currency's thresholds, from the whole table
    (``row``: position in ``ctx.full``; ``owner_code``: a number into ``ctx.owner_texts``; ``cur_code``: a number
    per billing-currency code, ``cur_text`` per its text; ``currency``: the text, categorical); built once per
    context. The names are read for the few purchases a finding shows (:func:`candidate_names`)."""
    if ctx.burst_candidates is None:
        ctx.burst_candidates = _build_candidates(ctx)
    return ctx.burst_candidates


def candidate_names(ctx: _Context, rows: np.ndarray) -> np.ndarray:
    """The names (``descriptor_norm``, else the description) of the rows ``rows`` of ``ctx.full``, as objects."""
    full = ctx.full
    name_col = full["descriptor_norm"] if "descriptor_norm" in full.columns else full["description"]
    name_c, name_u = pd.factorize(name_col.iloc[rows])  # a Python text per distinct name, not per row
    names = np.append(np.asarray(name_u, dtype=object), None)[name_c]
    missing = np.flatnonzero(name_c < 0)
    if len(missing):
        names[missing] = full["description"].iloc[rows[missing]].astype(object).to_numpy()
    return names


def _build_candidates(ctx: _Context) -> pd.DataFrame:
    full = ctx.full
    feats, dc = ctx.feats, ctx.desc_code
    # only rows whose descriptor names prepaid value, a convenience store or a gift-card shop can be candidates
    prepaid_d, konbini_d = feats["prepaid"].to_numpy(bool), feats["konbini"].to_numpy(bool)
    at = np.flatnonzero((prepaid_d | konbini_d | feats["gift_shop"].to_numpy(bool))[dc])
    dc_at = dc[at]
    # the billing currency, or the owner's home currency where the row names none
    cur_c, cur_u = full_codes(ctx, "currency")
    table = np.array([*map(str, cur_u), *map(str, ctx.home_texts)], dtype=object)
    cur_idx = np.where(cur_c[at] >= 0, cur_c[at], len(cur_u) + ctx.home_code[at])
    lim = [limits(c) for c in table]
    item = np.array([x.burst_item for x in lim], dtype=float)[cur_idx]
    step = np.array([x.gift_round for x in lim], dtype=float)[cur_idx]
    amount = full["amount"].to_numpy(dtype=float, na_value=np.nan)[at]
    prepaid = prepaid_d[dc_at]
    konbini = konbini_d[dc_at]
    tickets = search_many(lexicon.TICKET_WORDS, list(feats["fold"]))  # lexicon.ticket_like per descriptor
    ticket = tickets[dc_at] & ~prepaid  # concert or travel tickets
    # at a shop, only a round sum of two burst items or more (50 dollars, 6,000 yen) looks like a gift card
    shop = feats["gift_shop"].to_numpy(bool)[dc_at] & ~prepaid & ~konbini & (amount >= SHOP_ROUND * item)
    shop[shop] = _gift_round(amount[shop], step[shop])  # the sums of those purchases only
    charge = full_kind_charge(ctx)[at]
    keep = charge & (amount >= item) & (prepaid | (konbini & ~ticket) | shop)
    sub = np.flatnonzero(keep)
    rows = at[sub]
    # np.unique(cur_idx[sub], return_inverse=True) without sorting every candidate: the codes are few
    used = np.flatnonzero(np.bincount(cur_idx[sub], minlength=len(table)))
    renumber = np.zeros(len(table), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    cur_code = renumber[cur_idx[sub]]
    # several codes may name one text (a row's home, another's own): a number per text, from the few texts
    text_code, texts = pd.factorize(table[used])
    cur_text = text_code[cur_code].astype(np.int64)
    return pd.DataFrame({
        "row": rows, "date": full["date"].to_numpy()[rows], "amount": amount[sub],
        "prepaid": prepaid[sub], "konbini": konbini[sub],
        "currency": pd.Categorical.from_codes(cur_text, categories=pd.Index(np.asarray(texts, dtype=object))),
        "shop": shop[sub], "item": item[sub],
        "owner_code": ctx.owner_code[rows], "cur_code": cur_code, "cur_text": cur_text, "step": step[sub],
    }, copy=False)  # the columns as they are: stacking them into blocks copies every one


def _gift_round(amount: np.ndarray, step: np.ndarray) -> np.ndarray:
    """A round sum of gift-card steps, or one with a prepaid card's activation fee (500 + 6.95 = 506.95)."""
    rest = np.mod(amount, step)
    rounded = np.isclose(rest, 0.0) | np.isclose(rest, step)
    fee = np.mod(amount, 5 * step)
    return rounded | ((fee >= FEE_MIN * step) & (fee < FEE_MAX * step) & np.isclose(np.mod(amount, 1.0), 0.95))


def _prepaid_bursts(ctx: _Context, anchors: list[Finding]) -> list[Finding]:
    cand = _candidates(ctx)
    if len(cand) < 2:
        return []
    key = _group_day_keys(cand)
    order = np.argsort(key, kind="stable")
    key = key[order]
    near_days = _anchor_days(ctx, anchors)
    anchor_ids = {i for f in anchors for i in f.transaction_ids}
    # the columns read below, in key order (no reordered copy of the whole frame)
    rows, amounts = cand["row"].to_numpy()[order], cand["amount"].to_numpy(float)[order]
    dates, curs, owner = (cand["date"].to_numpy()[order], cand["cur_text"].to_numpy()[order],
                          cand["owner_code"].to_numpy()[order])
    cur_texts = np.asarray(cand["currency"].cat.categories, dtype=object)
    prepaid, konbini, shop = (cand[c].to_numpy(bool)[order] for c in ("prepaid", "konbini", "shop"))
    item = cand["item"].to_numpy(float)[order]
    counts, usual, day_total = _habits(ctx, key, amounts, prepaid, owner)
    ctx.memo["burst_habits"] = tuple(_unsorted(order, a) for a in (key // _SPAN, counts, day_total,
                                                                     _usual_days(key, usual)))
    if not counts.all():  # a habitual buyer's everyday purchases take no part in the search
        keep = np.flatnonzero(counts)
        key, rows, amounts, dates, curs, owner = (a[keep] for a in (key, rows, amounts, dates, curs, owner))
        prepaid, konbini, shop, item, day_total = (a[keep] for a in (prepaid, konbini, shop, item, day_total))
    out: list[Finding] = []
    for run in _bursts(key):
        c = str(cur_texts[curs[run[0]]])
        lim = limits(c)
        total = float(amounts[run].sum())
        gift = bool(prepaid[run].any())
        if total < lim.burst_total and not (gift and total >= 0.5 * lim.burst_total):
            continue
        habit = usual.get(int(key[run[0]] // _SPAN))
        if not gift and habit is not None and float(day_total[run].max()) < STAND_OUT * habit:
            continue  # the card's everyday purchases at these shops, not a burst
        first, last = pd.Timestamp(dates[run[0]]), pd.Timestamp(dates[run[-1]])
        holder = str(ctx.owner_texts[owner[run[0]]])
        near = _near(near_days.get(holder), int(key[run[0]] % _SPAN))
        big_round = bool(shop[run].all() and (amounts[run] >= LARGE_ROUND * item[run]).all())
        if not gift and len(run) < BURST_MIN_PLAIN and not near and not big_round:
            continue  # two ordinary purchases alone (a bill, a ticket, a weekly shop) are no burst
        rounded = bool(np.isclose(np.mod(amounts[run], lim.gift_round), 0.0).all())
        score = 40.0 + 10 * (len(run) - 2) + (15 if gift else 0) + (10 if rounded else 0)
        score += 10 if total >= 2.5 * lim.burst_total else 0
        score += 15 if near else 0
        shown = run[:ITEMS_SHOWN]
        names = candidate_names(ctx, rows[run])  # by position in the run
        items = ", ".join(f"{nm} {money(float(a), c)}" for nm, a in zip(names[:ITEMS_SHOWN], amounts[shown],
                                                                          strict=True))
        if len(run) > ITEMS_SHOWN:
            items += f", and {len(run) - ITEMS_SHOWN:,} more"
        when = first.date().isoformat() + ("" if first == last else f" and {last.date().isoformat()}")
        when_ja = first.date().isoformat() + ("" if first == last else f"と{last.date().isoformat()}")
        group = group_key(gift, bool(konbini[run].any()), bool(shop[run].any()))
        name_en, _name_ja, phrase, phrase_ja = GROUPS[group]
        n = len(run)
        reasons = [
            (f"On {when} there were {n} purchases {phrase}, {money(total, c)} in total ({items})." if n > 1 else
             f"On {when} there was one purchase {phrase} of {money(total, c)} ({items})."),
            "Fake support callers often send people to a shop to buy gift cards or prepaid cards and read out "
            "the codes, then claim the code failed and ask for more.",
        ]
        reasons_ja = [f"{when_ja}に{phrase_ja}で{n}件、合計 {money(total, c)} の購入がありました。" if n > 1 else
                      f"{when_ja}に{phrase_ja}で {money(total, c)} の購入がありました。"]
        if rounded:
            reasons.append("The amounts are round sums, as gift-card and prepaid-card values are."
                           if n > 1 else "The amount is a round sum, as gift-card and prepaid-card values are.")
            reasons_ja.append("ギフトカードの額面のような、切りのよい金額です。")
        if near:
            reasons.append(f"This was within three days of another suspicious charge (“{near}”).")  # NEAR_DAYS
            reasons_ja.append(f"ほかの不審な請求（「{near}」）から3日以内の購入です。")
        lead = [x for x in _lead_charges(ctx, holder, first, last) if x[0] not in anchor_ids]
        if lead:
            reasons.append("Just before, “" + lead[0][1] + "” charged the card: a “support” fee followed by gift cards "
                           "is how such calls usually go, so that charge is listed here too.")
            reasons_ja.append(f"その直前に「{lead[0][1]}」の請求があります。「サポート料」のあとにギフトカードを"
                              "買わせるのはよくある流れなので、その請求もここに含めています。")
        reasons_ja.append("偽サポートは店でギフトカードなどを買わせて番号を読み上げさせ、「使えなかった」と言って"
                          "何度も買わせることがあります。")
        run_names = {str(x) for x in names}
        out.append(Finding(
            kind="prepaid_burst", merchant=str(names[0]) if len(run_names) == 1 else name_en,
            score=min(95.0, score), reasons=reasons,
            transaction_ids=[i for i, _ in lead] + [str(i) for i in ctx.full["id"].iloc[rows[run]]],
            merchant_key=None,
            details={"first_date": first.date().isoformat(), "last_date": last.date().isoformat(),
                     "total": total, "currency": c, "count": len(run), "group": group, "reasons_ja": reasons_ja},
        ))
    return out


def _group_day_keys(cand: pd.DataFrame) -> np.ndarray:
    """Per candidate: its (owner, currency) group and day as one number (group * _SPAN + day number)."""
    # (owner, currency text) pairs numbered in order of appearance: any one-to-one number of the pair will do
    cur_text = cand["cur_text"].to_numpy()
    owners, _ = pd.factorize(cand["owner_code"].to_numpy() * np.int64(cur_text.max() + 1) + cur_text)
    day = cand["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return owners.astype(np.int64) * _SPAN + day


def everyday_purchases(ctx: _Context, cand: pd.DataFrame) -> np.ndarray:
    """Per candidate (rows of :func:`_candidates`): True for a habitual buyer's everyday purchase (see the
    module docstring): a plain one that does not stand out by itself, or one that does on a day whose
    standing-out purchases add up to less than STAND_OUT usual such days."""
    if cand.empty:
        return np.zeros(0, dtype=bool)
    prepaid = cand["prepaid"].to_numpy(bool)
    kept = _kept_habits(ctx, cand)
    if kept is not None:
        counts, day_total, usual_day = kept
    else:
        key = _group_day_keys(cand)
        counts, usual, day_total = _habits(ctx, key, cand["amount"].to_numpy(float), prepaid,
                                           cand["owner_code"].to_numpy())
        usual_day = _usual_days(key, usual)
    quiet_day = ~prepaid & (day_total < STAND_OUT * usual_day)
    return ~counts | quiet_day


def _usual_days(key: np.ndarray, usual: dict[int, float]) -> np.ndarray:
    """Per purchase (``key``: :func:`_group_day_keys`): its group's usual day (:func:`_habits`); -inf where the
    group is no habitual buyer, so no day of theirs is quiet."""
    group_of = key // _SPAN
    if not len(group_of) or group_of.min() >= 0:  # a table by group number (the groups are numbered from 0)
        table = np.full(int(group_of.max()) + 1 if len(group_of) else 0, -np.inf)
        table[np.fromiter(usual.keys(), dtype=np.int64, count=len(usual))] = list(usual.values())
        return table[group_of]
    return pd.Series(usual, dtype=float).reindex(group_of).fillna(-np.inf).to_numpy()


def _unsorted(order: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` given in the order ``order`` of the candidates, back in the candidates' own order."""
    out = np.empty(len(order), dtype=values.dtype)
    out[order] = values
    return out


def _kept_habits(ctx: _Context, cand: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """:func:`_habits` per purchase of ``cand`` (counts, day total, usual day) as :func:`_prepaid_bursts` found
    them for all candidates, when ``cand`` holds candidates of :func:`_candidates` (by their labels) and every
    purchase of each (owner, currency) group it touches: the rule reads one group's purchases alone, its medians
    do not depend on their order and a day's sum adds that day's purchases in their own order either way.
    None otherwise (or before the bursts ran)."""
    kept, full = ctx.memo.get("burst_habits"), ctx.burst_candidates
    if kept is None or full is None or not isinstance(full.index, pd.RangeIndex) or full.index.start != 0 \
            or full.index.step != 1 or len(kept[0]) != len(full):
        return None
    at = cand.index.to_numpy()
    if at.dtype.kind not in "iu" or at.min() < 0 or at.max() >= len(full):
        return None
    if not (np.array_equal(cand["amount"].to_numpy(float), full["amount"].to_numpy(float)[at])
            and np.array_equal(cand["prepaid"].to_numpy(bool), full["prepaid"].to_numpy(bool)[at])
            and np.array_equal(cand["owner_code"].to_numpy(), full["owner_code"].to_numpy()[at])):
        return None
    group, counts, day_total, usual_day = kept
    if group.min() < 0:
        return None
    have = np.bincount(group[at], minlength=int(group.max()) + 1)
    whole = np.bincount(group, minlength=int(group.max()) + 1)
    touched = have > 0
    if not np.array_equal(have[touched], whole[touched]):
        return None
    return counts[at], day_total[at], usual_day[at]


def _habits(ctx: _Context, key: np.ndarray, amounts: np.ndarray, prepaid: np.ndarray,
            owner: np.ndarray) -> tuple[np.ndarray, dict[int, float], np.ndarray]:
    """The habitual buyers' rule (see the module docstring), per candidate purchase and per group.

    Returns: per purchase, whether it takes part in the burst search (a gift-card purchase always; a plain one
    unless its (owner, currency) group buys at these shops as a habit and it costs less than ITEM_STAND_OUT
    usual purchases); per habitual group, the usual day total of its standing-out plain purchases (median
    over every covered day); per purchase, the total of standing-out plain purchases that day.

    ``key``: group * _SPAN + day number per purchase (:func:`_group_day_keys`), the other arrays follow it
    (``owner``: numbers into ``ctx.owner_texts``); any order: medians and rounded day sums only. The groups and
    days are found by hashing (the distinct ones alone are sorted), not by sorting every purchase.
    """
    plain = ~prepaid
    counts = np.ones(len(key), dtype=bool)
    day_total = np.zeros(len(key))
    usual: dict[int, float] = {}
    if not plain.any():
        return counts, usual, day_total
    plain_at = np.flatnonzero(plain)
    group_of = key // _SPAN
    # np.unique(group_of[plain_at], return_inverse=True) and np.unique(key[plain_at]): the distinct values sorted
    g_codes, g_uniq = pd.factorize(group_of[plain_at])
    g_order = np.argsort(g_uniq)
    groups = g_uniq[g_order]
    rank = np.empty(len(groups), dtype=np.int64)
    rank[g_order] = np.arange(len(groups))
    inverse = rank[g_codes]
    active_days = np.sort(pd.unique(key[plain_at]))
    days_per_group = np.bincount(np.searchsorted(groups, active_days // _SPAN), minlength=len(groups))
    small = inverse.astype(np.int16) if len(groups) <= np.iinfo(np.int16).max else inverse  # (a radix sort)
    by_group = plain_at[np.argsort(small, kind="stable")]  # each group's purchases together: one slice each
    edges = np.r_[0, np.cumsum(np.bincount(inverse, minlength=len(groups)))]
    for gi, g in enumerate(groups.tolist()):
        at = by_group[edges[gi]:edges[gi + 1]]
        o = str(ctx.owner_texts[owner[at[0]]])  # a group is one owner's (and currency's)
        start, end = ctx.owner_start.get(o), ctx.owner_end.get(o)
        if start is None or end is None or pd.isna(start) or pd.isna(end):
            continue
        span = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
        if span < ROUTINE_MIN_DAYS or days_per_group[gi] < ROUTINE_SHARE * span:
            continue
        outs = amounts[at] >= ITEM_STAND_OUT * float(np.median(amounts[at]))
        counts[at[~outs]] = False
        stand = at[outs]
        if not len(stand):
            usual[g] = 0.0
            continue
        days, day_inv = np.unique(key[stand], return_inverse=True)
        totals = np.round(np.bincount(day_inv, weights=amounts[stand]), 2)  # rounded: the same in any row order
        day_total[stand] = totals[day_inv]
        quiet = max(0, span - len(days))  # covered days without a standing-out purchase
        usual[g] = float(np.median(np.concatenate([totals, np.zeros(quiet)])))
    return counts, usual, day_total


def _lead_charges(ctx: _Context, owner: str, first: pd.Timestamp, last: pd.Timestamp) -> list[tuple[str, str]]:
    """Charges (id, name) of unknown software or support sellers on the same card in the days before a burst."""
    tx = ctx.tx
    lead = ctx.lead_index
    if lead is None:
        m = ((tx["kind"] == "charge") & (tx["amount"] > 0) & tx["legit"].isna() & ~tx["retail"]
             & (tx["support"] | (tx["signs"] >= 2) | tx["scareware"] | tx["security"]))
        lead = ctx.lead_index = {o: g.sort_values("date") for o, g in tx.loc[m, ["id", "date", "name", "owner"]]
                                 .groupby("owner", sort=False)}
    g = lead.get(owner)
    if g is None:
        return []
    hit = g[(g["date"] >= first - pd.Timedelta(days=LEAD_DAYS)) & (g["date"] <= last)]
    return [(str(i), str(n)) for i, n in zip(hit["id"], hit["name"], strict=True)]


def _anchor_days(ctx: _Context, anchors: list[Finding]) -> dict[str, tuple[np.ndarray, list[str]]]:
    """Per owner: sorted day numbers of the suspicious charges (first charge of each finding) and merchants."""
    tx = ctx.tx
    firsts = [(f.transaction_ids[0], f.merchant) for f in anchors if f.transaction_ids]
    pos = tx.index.get_indexer([i for i, _ in firsts])
    found = [(p, m) for p, (_, m) in zip(pos, firsts, strict=True) if p >= 0]
    if not found:
        return {}
    rows = tx.iloc[[p for p, _ in found]]
    df = pd.DataFrame({"owner": rows["owner"].astype(str).to_numpy(),
                       "day": rows["date"].to_numpy().astype("datetime64[D]").astype(np.int64),
                       "merchant": [m for _, m in found]}).sort_values(["owner", "day"], kind="stable")
    return {o: (g["day"].to_numpy(), list(g["merchant"])) for o, g in df.groupby("owner", sort=False)}


def _near(days: tuple[np.ndarray, list[str]] | None, day: int) -> str | None:
    """The merchant of a suspicious charge within NEAR_DAYS of ``day``, if any (binary search)."""
    if days is None:
        return None
    d, merchants = days
    i = int(np.searchsorted(d, day - NEAR_DAYS, "left"))
    return merchants[i] if i < len(d) and d[i] <= day + NEAR_DAYS else None
