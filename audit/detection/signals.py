"""Scam patterns that no merchant list knows yet, each a :class:`Finding` with a score and reasons.

Kinds (see :class:`audit.model.Finding`):

* ``foreign_software_recurring`` - a subscription stream billed in a foreign currency (or through an
  overseas payment agent, or under a romaji name with a 0570 navi-dial number) by an unknown software,
  security or PC-support merchant, often via a reseller; or a support stream whose descriptor carries a
  phone number. A stream whose only software sign is its reseller must also cost what fake support costs.
* ``contract_cluster`` - several new contracts with unknown software/support merchants starting within a
  few days of each other (fake-warning victims are often signed up for more than one); unknown sellers
  billing from abroad that start in the same days join the cluster but never form one on their own.
* ``large_support_plan`` - one large charge (tens of thousands of yen) for a support, security or
  multi-year/lifetime plan; not a software purchase at an electronics shop or at home with no support,
  plan, phone or overseas sign.
* ``prepaid_burst`` - several large prepaid, gift-card or convenience-store purchases within two days
  (konbini ticket purchases aside; two plain konbini purchases only next to another suspicious charge).
* ``refund_link`` - a refund tied to the charge(s) it reverses (``transaction_ids`` = charges..., refund).

Legit brands never flag: the merchant lists' allowlist (``audit.merchants.allowlist_match``) and the
brand descriptors in :mod:`audit.lexicon` both count. Merchant-list findings (``known``) raise the
confidence of a cluster and are not repeated as pattern findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from audit.detection import lexicon
from audit.model import Finding, Subscription

# Thresholds per billing currency for "large" amounts (about 20,000 yen) and burst totals.
LARGE_AMOUNT = {"JPY": 20000.0, "KRW": 180000.0}
LARGE_DEFAULT = 150.0  # USD, EUR, GBP and other currencies with a unit near one dollar
BURST_TOTAL = {"JPY": 20000.0}
BURST_MIN_ITEM = {"JPY": 3000.0}
BURST_DAYS = 2  # first to last purchase of a burst
BURST_MIN_PLAIN = 3  # purchases a burst needs when none names gift cards and no suspicious charge is near
CLUSTER_GAP_DAYS = 4  # between consecutive new contracts
CLUSTER_SPAN_DAYS = 7  # first to last new contract
# A stream whose only software sign is its reseller (FastSpring, Paddle, ...) needs a yearly cost typical of
# fake-support subscriptions; real utilities sold through the same resellers cost a few thousand yen a year.
RESELLER_ONLY_YEARLY = {"JPY": 25000.0, "KRW": 225000.0}
RESELLER_ONLY_YEARLY_DEFAULT = 185.0
PER_YEAR = {"weekly": 52.0, "biweekly": 26.0, "semi-monthly": 24.0, "monthly": 12.0, "quarterly": 4.0,
            "semi-annual": 2.0, "annual": 1.0}
NAVI_DIAL_REASON = ("The name is in Latin letters and carries a 0570 “navi-dial” number: on Japanese statements "
                    "that is how an overseas seller billed through a local payment agent often appears.")


def _phone_reason(phone: str) -> str:
    return (f"The charge line carries a phone number ({phone}) next to support words: fake virus warnings show a "
            "number to call, and the “support” sold on that call is billed like this.")


SYMBOLS = {"JPY": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$"}
SOFTWARE_RESELLERS = {"FastSpring", "2Checkout", "Paddle", "cleverbridge", "Digital River", "SafeCart",
                      "RevenueWire", "Nexway", "asknet"}
OVERSEAS_AGENTS = {"FastSpring", "2Checkout", "Paddle", "cleverbridge", "Digital River", "SafeCart",
                   "RevenueWire", "Nexway", "asknet", "KOMOJU"}


def money(amount: float, currency: str | None) -> str:
    """Amount as people write it: ¥4,400 / US$29.99 / 12.00 CHF."""
    cur = currency if isinstance(currency, str) else ""
    if cur == "JPY":
        return f"¥{amount:,.0f}"
    if cur in SYMBOLS:
        return f"{SYMBOLS[cur]}{amount:,.2f}"
    return f"{amount:,.2f} {cur}".strip()


def _allowlist() -> Callable[[str], str | None]:
    """The merchant lists' allowlist when helper modules are present, else a no-op."""
    try:
        from audit.merchants import allowlist_match
    except (ImportError, AttributeError):
        return lambda _text: None

    def check(text: str) -> str | None:
        try:
            return allowlist_match(text)
        except Exception:  # a broken list must not stop the audit; the lexicon still applies
            return None

    return check


@dataclass
class _Context:
    """Per-transaction features every signal uses."""

    tx: pd.DataFrame
    subs: list[Subscription]
    known: list[Finding]
    home: str = "JPY"
    known_ids: set[str] = field(default_factory=set)
    stream_of: dict[str, int] = field(default_factory=dict)
    per_stream: pd.DataFrame = field(default_factory=pd.DataFrame)
    data_start: pd.Timestamp | None = None
    all_folds: pd.DataFrame = field(default_factory=pd.DataFrame)  # folded descriptor and row of every charge
    full: pd.DataFrame = field(default_factory=pd.DataFrame)


def _descriptor_features(desc: pd.Series) -> tuple[np.ndarray, pd.DataFrame]:
    """Row codes into the distinct descriptors, and lexicon features per distinct descriptor."""
    allow = _allowlist()
    codes, uniq = pd.factorize(desc.fillna("").astype("str"))
    folded = [lexicon.fold(d) for d in uniq]
    feats = pd.DataFrame({
        "fold": pd.Series(folded, dtype=object),
        "legit": pd.Series([allow(d) or lexicon.legit_brand(f) for d, f in zip(uniq, folded, strict=True)],
                           dtype=object),
        "software": [lexicon.software_like(f) for f in folded],
        "support": [lexicon.support_like(f) for f in folded],
        "plan": [lexicon.plan_like(f) for f in folded],
        "reseller": pd.Series([lexicon.reseller_of(f) for f in folded], dtype=object),
        "prepaid": [lexicon.prepaid_like(f) for f in folded],
        "konbini": [lexicon.konbini_like(f) for f in folded],
        "abroad": ["海外" in f for f in folded],
        "retail": [lexicon.retailer_like(f) for f in folded],
        "phone": pd.Series([lexicon.phone_in(f) for f in folded], dtype=object),
        "navi": [lexicon.navi_dial(f) for f in folded],
        "romaji": [lexicon.romaji_only(f) for f in folded],
    })
    return codes, feats


_USED = ("id", "date", "description", "amount", "currency", "original_amount", "original_currency", "kind",
         "merchant_key", "descriptor_norm")


def _prepare(tx: pd.DataFrame, subs: list[Subscription], known: list[Finding]) -> _Context:
    """Features for the rows some signal can use (a big table shrinks to a few of its rows)."""
    from audit.detection.recurring import _with_descriptor_columns

    tx = _with_descriptor_columns(tx)
    codes, feats = _descriptor_features(tx["description"])
    f = {c: feats[c].to_numpy()[codes] for c in ("software", "support", "plan", "prepaid", "konbini")}
    reseller = feats["reseller"].to_numpy()[codes]
    if "facilitator" in tx.columns:  # the normaliser's facilitator when the lexicon knows none
        fac = tx["facilitator"].astype(object).to_numpy()
        fill = pd.isna(reseller) & ~pd.isna(fac) & (fac != "nan")
        reseller = np.where(fill, fac, reseller)
    known_ids = {i for f_ in known for i in f_.transaction_ids}
    stream_of = {i: n for n, s_ in enumerate(subs) for i in s_.transaction_ids}
    is_charge = ((tx["kind"] == "charge") & (tx["amount"] > 0)).to_numpy()
    is_refund = ((tx["kind"] == "refund") | ((tx["amount"] < 0) & (tx["kind"] != "payment"))).fillna(False).to_numpy()
    ids = tx["id"]
    relevant = (f["software"] | f["support"] | f["plan"] | f["prepaid"] | f["konbini"] | ~pd.isna(reseller)
                | is_refund
                | ids.isin(list(stream_of)).to_numpy() | ids.isin(list(known_ids)).to_numpy())
    home = tx.loc[is_charge, "currency"].mode()
    home = str(home.iloc[0]) if len(home) else "JPY"
    keep = [c for c in _USED if c in tx.columns]
    slim = tx.loc[relevant, keep].copy()
    for c in slim.columns:  # plain object columns: row picks below are much faster than on Arrow strings
        if pd.api.types.is_string_dtype(slim[c]):
            slim[c] = slim[c].astype(object).where(slim[c].notna(), None)
    rc = codes[relevant]
    for c in ("software", "support", "plan", "prepaid", "konbini"):
        slim[c] = f[c][relevant]
    slim["fold"] = feats["fold"].to_numpy()[rc]
    slim["legit"] = feats["legit"].to_numpy()[rc]
    slim["reseller"] = reseller[relevant]
    for c in ("retail", "phone", "navi", "romaji"):
        slim[c] = feats[c].to_numpy()[rc]
    cur = slim["currency"].fillna(home)
    orig_cur = slim["original_currency"]
    slim["foreign"] = ((orig_cur.notna() & (orig_cur != slim["currency"])) | (cur != home)).to_numpy(bool) | (
        feats["abroad"].to_numpy()[rc])
    slim["overseas_agent"] = slim["reseller"].isin(list(OVERSEAS_AGENTS))
    name = slim["descriptor_norm"] if "descriptor_norm" in slim.columns else slim["description"]
    slim["name"] = name.where(name.notna(), slim["description"])
    slim = slim.set_index("id", drop=False)
    ctx = _Context(slim, subs, known, home=home)
    ctx.data_start = tx["date"].min()
    ctx.all_folds = pd.DataFrame({"fold": feats["fold"].to_numpy()[codes[is_charge]], "row": np.flatnonzero(is_charge)})
    ctx.full = tx
    ctx.known_ids = known_ids
    ctx.stream_of = stream_of
    ctx.per_stream = _stream_features(slim, subs, known_ids)
    return ctx


def _stream_features(slim: pd.DataFrame, subs: list[Subscription], known_ids: set[str]) -> pd.DataFrame:
    """One row per stream (by position in ``subs``): what its charges have in common."""
    pairs = [(n, i) for n, s in enumerate(subs) for i in s.transaction_ids if i in slim.index]
    if not pairs:
        return pd.DataFrame()
    m = pd.DataFrame(pairs, columns=["sub", "id"])
    f = slim.loc[m["id"], ["legit", "foreign", "software", "support", "overseas_agent", "reseller"]]
    f = f.reset_index(drop=True).assign(sub=m["sub"].to_numpy(), known=m["id"].isin(known_ids).to_numpy())
    f["soft_agent"] = f["reseller"].isin(list(SOFTWARE_RESELLERS))
    for c in ("foreign", "software", "support", "overseas_agent"):
        f[c] = f[c].fillna(False).astype(bool)
    g = f.groupby("sub")
    return pd.DataFrame({
        "legit": g["legit"].count() > 0,
        "known_share": g["known"].mean(),
        "foreign": g["foreign"].mean(),
        "software": g["software"].any(),
        "support": g["support"].any(),
        "overseas_agent": g["overseas_agent"].any(),
        "soft_agent": g["soft_agent"].any(),
    })


# --------------------------------------------------------------------------- the signals


def _stream_rows(ctx: _Context, sub: Subscription) -> pd.DataFrame:
    return ctx.tx.loc[[i for i in sub.transaction_ids if i in ctx.tx.index]]


def _foreign_software(ctx: _Context) -> list[Finding]:
    out: list[Finding] = []
    ps = ctx.per_stream
    for n, sub in enumerate(ctx.subs):
        if n not in ps.index or ps.at[n, "legit"] or ps.at[n, "known_share"] >= 0.5:
            continue  # a legit brand, or the merchant list already names it
        if not (ps.at[n, "software"] or ps.at[n, "support"] or ps.at[n, "soft_agent"]):
            continue  # neither software/support words nor a software reseller
        rows = _stream_rows(ctx, sub)
        if rows["retail"].all():
            continue  # an electronics shop, not a subscription seller
        foreign = bool(rows["foreign"].mean() >= 0.5)
        agent = rows["reseller"].dropna()
        reseller = str(agent.iloc[0]) if len(agent) else None
        software = bool(rows["software"].any())
        support = bool(rows["support"].any())
        amts = rows["amount"].to_numpy()
        fx_like = bool(not foreign and len(amts) >= 3 and rows["original_amount"].isna().all()
                   and len(np.unique(amts)) >= 0.6 * len(amts) and not sub.price_changes)
        phones = rows["phone"].dropna()
        phone = str(phones.iloc[0]) if len(phones) else None
        # A romaji name with a 0570 navi-dial number on a yen statement: an overseas seller's local payment agent.
        agent_like = bool(not foreign and ctx.home == "JPY" and rows["navi"].any() and rows["romaji"].all())
        overseas = foreign or fx_like or agent_like or bool(rows["overseas_agent"].any())
        soft_agent = reseller in SOFTWARE_RESELLERS
        support_line = support and phone is not None  # support words and a number to call
        yearly = float(sub.average_amount) * PER_YEAR.get(sub.cadence, 12.0)
        pricey = yearly >= RESELLER_ONLY_YEARLY.get(sub.currency, RESELLER_ONLY_YEARLY_DEFAULT)
        if not ((overseas and (software or soft_agent)) or (software and support) or support_line):
            continue
        if not (software or support) and not pricey:
            continue  # only the reseller points to software, and the price is that of ordinary software
        score = 35.0 + (15 if overseas else 0) + (20 if software else 0) + (10 if support else 0)
        score += (10 if reseller else 0) + (10 if support_line else 0) + (5 if pricey else 0)
        score = min(95.0, score)
        last = rows.iloc[-1]
        orig = rows["original_currency"].dropna()
        reasons = [
            f"“{sub.merchant}” has charged this card {sub.charges} times, {sub.cadence}, from {sub.first_date} "
            f"to {sub.last_date}: {money(sub.total_paid, sub.currency)} in total, last "
            f"{money(sub.last_amount, sub.currency)}"
            + (f" (billed as {money(float(last['original_amount']), str(last['original_currency']))})"
               if len(orig) and pd.notna(last["original_amount"]) else "")
            + ".",
        ]
        if foreign:
            cur = str(orig.iloc[0]) if len(orig) else str(rows["currency"].iloc[0])
            reasons.append(f"The charges are in a foreign currency ({cur}), so the seller is abroad; "
                           "fake virus-warning operators bill this way.")
        if fx_like:
            reasons.append("The amount changes a little every time, as happens when a price in a foreign currency "
                           "is converted to yen: the seller is probably abroad.")
        if agent_like:
            reasons.append(NAVI_DIAL_REASON)
        if software or support:
            reasons.append("The name points to security, PC-repair or remote-support software, which is what "
                           "fake virus warnings sell.")
        if support_line:
            reasons.append(_phone_reason(phone))
        if reseller:
            reasons.append(f"It is billed through {reseller}, a payment agent or software reseller: the name on "
                           "the bill is often not the company you dealt with.")
        if pricey:
            reasons.append(f"It costs about {money(yearly, sub.currency)} a year, several times what ordinary "
                           "security or utility software costs; fake support subscriptions are priced like this.")
        reasons.append("It is not a brand this tool knows as a legitimate subscription.")
        if sub.status == "active" and sub.next_expected_date:
            reasons.append(f"It is still running: the next charge of about "
                           f"{money(sub.next_expected_amount or sub.last_amount, sub.currency)} is expected around "
                           f"{sub.next_expected_date}.")
        out.append(Finding(
            kind="foreign_software_recurring", merchant=sub.merchant, score=score, reasons=reasons,
            transaction_ids=list(sub.transaction_ids), merchant_key=sub.merchant_key,
            details={"cadence": sub.cadence, "charges": sub.charges, "total_paid": sub.total_paid,
                     "currency": sub.currency, "reseller": reseller, "foreign": foreign, "fx_drift": fx_like,
                     "phone": phone, "payment_agent": agent_like, "yearly": yearly},
        ))
    return out


def _large_threshold(currency: str) -> float:
    return LARGE_AMOUNT.get(currency, LARGE_DEFAULT)


def _large_support_plans(ctx: _Context) -> list[Finding]:
    tx = ctx.tx
    thr = tx["currency"].fillna(ctx.home).map(_large_threshold)
    cand = tx[(tx["kind"] == "charge") & (tx["amount"] >= thr) & tx["legit"].isna() & ~tx["retail"]
              & (tx["software"] | tx["support"] | tx["plan"]) & ~tx["id"].isin(ctx.known_ids)]
    out: list[Finding] = []
    for _, r in cand.iterrows():
        in_stream = r["id"] in ctx.stream_of
        sub = ctx.subs[ctx.stream_of[r["id"]]] if in_stream else None
        if sub is not None and sub.cadence not in ("annual", "semi-annual"):
            continue  # a regular monthly bill is the recurring signal's business
        big = float(r["amount"]) >= 2.5 * _large_threshold(str(r["currency"]))
        phone = r["phone"] if isinstance(r["phone"], str) else None
        agent_like = bool(not r["foreign"] and ctx.home == "JPY" and r["navi"] and r["romaji"])
        abroad = bool(r["foreign"] or r["overseas_agent"] or agent_like)
        if not (r["support"] or r["plan"] or abroad or phone):
            continue  # software bought at home with no support or plan word: a shop sale, not a support plan
        score = 45.0 + (15 if r["support"] else 0) + (15 if r["plan"] else 0) + (10 if r["software"] else 0)
        score += (10 if abroad else 0) + (5 if big else 0) - (10 if in_stream else 0)
        score += 10 if (phone and r["support"]) else 0
        amount = money(float(r["amount"]), str(r["currency"]))
        if pd.notna(r["original_amount"]) and pd.notna(r["original_currency"]):
            amount += f" ({money(float(r['original_amount']), str(r['original_currency']))})"
        reasons = [f"On {r['date'].date().isoformat()} one charge of {amount} was made at “{r['name']}”."]
        if r["plan"]:
            reasons.append("The name mentions a multi-year, lifetime or licence plan: fake support callers sell "
                           "3-, 5-, 10-year or lifetime “support contracts” for tens of thousands of yen.")
        if r["support"] or r["software"]:
            reasons.append("It is a large amount for PC support or security software; real vendors sell these "
                           "for a few thousand yen a year.")
        if phone and r["support"]:
            reasons.append(_phone_reason(phone))
        if r["foreign"] or r["overseas_agent"]:
            via = f" through {r['reseller']}" if isinstance(r["reseller"], str) else ""
            reasons.append(f"It was billed from abroad{via}.")
        elif agent_like:
            reasons.append(NAVI_DIAL_REASON)
        out.append(Finding(
            kind="large_support_plan", merchant=str(r["name"]), score=min(95.0, score), reasons=reasons,
            transaction_ids=[str(r["id"])], merchant_key=_key(r),
            details={"date": r["date"].date().isoformat(), "amount": float(r["amount"]),
                     "currency": str(r["currency"]), "plan_words": bool(r["plan"])},
        ))
    return out


def _key(r: pd.Series) -> str | None:
    v = r.get("merchant_key")
    return str(v) if isinstance(v, str) else None


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
    min_item = cur.map(lambda c: BURST_MIN_ITEM.get(c, 25.0))
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
        if total < BURST_TOTAL.get(c, 150.0) and not (gift and total >= 0.5 * BURST_TOTAL.get(c, 150.0)):
            continue
        first, last = rows["date"].iloc[0], rows["date"].iloc[-1]
        near = [(d, m) for d, m in anchor_dates if abs((d - first).days) <= 3]
        if not gift and len(rows) < BURST_MIN_PLAIN and not near:
            continue  # two ordinary konbini purchases alone (a bill, a ticket) are no burst
        rounded = bool((rows["amount"] % 1000 == 0).all()) if c == "JPY" else False
        score = 40.0 + 10 * (len(rows) - 2) + (15 if gift else 0) + (10 if rounded else 0)
        score += 10 if total >= 2.5 * BURST_TOTAL.get(c, 150.0) else 0
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


@dataclass
class _Charges:
    """Charges at one merchant, sorted by date, as plain arrays (fast to search per refund)."""

    day: np.ndarray
    amount: np.ndarray
    orig: np.ndarray
    ids: np.ndarray
    names: np.ndarray
    used: np.ndarray

    @classmethod
    def of(cls, g: pd.DataFrame) -> _Charges:
        g = g.sort_values("date")
        return cls(_days(g["date"]), g["amount"].to_numpy(float), g["original_amount"].to_numpy(float),
                   g["id"].to_numpy(object), g["name"].to_numpy(object), np.zeros(len(g), dtype=bool))


def _days(s: pd.Series) -> np.ndarray:
    return s.to_numpy().astype("datetime64[D]").astype(np.int64)


REFUND_LOOKBACK_DAYS = 400
REFUND_MAX_CANDIDATES = 500


def _refund_links(ctx: _Context, flagged: list[Finding]) -> list[Finding]:
    tx = ctx.tx
    refunds = tx[(tx["kind"] == "refund") | ((tx["amount"] < 0) & ~tx["kind"].isin(["payment"]))]
    if refunds.empty:
        return []
    refunds = refunds.sort_values("date")
    full = ctx.full
    key_col = "merchant_key" if "merchant_key" in full.columns else "description"
    near = full.loc[(full["kind"] == "charge") & (full["amount"] > 0) & full[key_col].isin(refunds[key_col].unique()),
                    [key_col, "id", "date", "amount", "original_amount", "description",
                     *(["descriptor_norm"] if "descriptor_norm" in full.columns else [])]]
    name = near["descriptor_norm"] if "descriptor_norm" in near.columns else near["description"]
    near = near.assign(name=name.fillna(near["description"]))
    by_key = {k: _Charges.of(g) for k, g in near.groupby(key_col, sort=False)}
    suspicious_ids = {i for f in flagged for i in f.transaction_ids} | ctx.known_ids
    out: list[Finding] = []
    cols = zip(refunds["id"], refunds["date"], refunds["amount"], refunds["currency"], refunds["original_amount"],
               refunds[key_col], refunds["fold"], strict=True)
    for rid, rdate, ramount, cur, rorig, key, folded in cols:
        ch = by_key.get(key)
        if ch is None:
            fuzzy = _fuzzy_charges(ctx, str(folded))
            if fuzzy is None:
                continue
            ch = by_key[key] = _Charges.of(fuzzy)
        rday = int(np.datetime64(rdate, "D").astype(np.int64))
        hi = int(np.searchsorted(ch.day, rday, "right"))
        lo = max(int(np.searchsorted(ch.day, rday - REFUND_LOOKBACK_DAYS, "left")), hi - REFUND_MAX_CANDIDATES)
        cand = np.arange(lo, hi)[~ch.used[lo:hi]]
        if not len(cand):
            continue
        amount = -float(ramount)
        picked, full = _match_refund(ch.amount[cand], ch.orig[cand], amount, str(cur), rorig)
        if not picked:
            continue
        pos = cand[picked]
        ch.used[pos] = True
        linked = [str(i) for i in ch.ids[pos]]
        charged = float(ch.amount[pos].sum())
        cur = str(cur)
        sus = bool(set(linked) & suspicious_ids)
        name = str(ch.names[pos[0]])
        dates = ", ".join(str(np.datetime64(int(d), "D")) for d in ch.day[pos])
        reasons = [
            f"The refund of {money(amount, cur)} on {pd.Timestamp(rdate).date().isoformat()} "
            + ("reverses" if full else "partly reverses")
            + f" {'the charge' if len(linked) == 1 else f'{len(linked)} charges'} of {money(charged, cur)} "
            f"on {dates} at “{name}”."
        ]
        if sus:
            reasons.append("The refunded charge was flagged as suspicious: the merchant can refund, so ask for the "
                           "remaining charges back too.")
        out.append(Finding(
            kind="refund_link", merchant=name, score=60.0 if sus else 20.0, reasons=reasons,
            transaction_ids=[*linked, str(rid)], merchant_key=key if isinstance(key, str) else None,
            details={"refund_id": str(rid), "charge_ids": linked, "refunded": amount, "charged": charged,
                     "currency": cur, "full": full},
        ))
    return out


def _fuzzy_charges(ctx: _Context, folded: str) -> pd.DataFrame | None:
    """Charges whose descriptor resembles the refund's (refund lines often add words or drop IDs)."""
    from rapidfuzz import fuzz, process

    if not folded or ctx.all_folds.empty:
        return None
    names = list(ctx.all_folds["fold"].unique())
    hits = [m[0] for m in process.extract(folded, names, scorer=fuzz.token_set_ratio, score_cutoff=85, limit=20)]
    if not hits:
        return None
    rows = ctx.all_folds.loc[ctx.all_folds["fold"].isin(hits), "row"].to_numpy()
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


# --------------------------------------------------------------------------- entry point


def find_signals(tx: pd.DataFrame, subscriptions: list[Subscription], known: list[Finding]) -> list[Finding]:
    """Scam-pattern findings for ``tx`` and mark the streams they flag as suspicious.

    ``subscriptions`` come from :func:`audit.detection.recurring.find_subscriptions` on the same table; ``known``
    are merchant-list findings (kind ``known_merchant``), used to raise confidence, never repeated.
    """
    if tx.empty:
        return []
    ctx = _prepare(tx, subscriptions, known)
    findings = _foreign_software(ctx)
    findings += _large_support_plans(ctx)
    findings += _contract_clusters(ctx, findings + list(known))
    findings += _prepaid_bursts(ctx, [f for f in findings if f.kind != "contract_cluster"] + list(known))
    findings += _refund_links(ctx, findings + list(known))
    mark_suspicious(subscriptions, findings + list(known))
    findings.sort(key=lambda f: -f.score)
    return findings


def mark_suspicious(subscriptions: list[Subscription], findings: list[Finding]) -> None:
    """Mark every stream that shares a charge with a finding (refund links aside) as suspicious,
    raising its score to the finding's and adding the finding's reasons (in place)."""
    flags = [f for f in findings if f.kind != "refund_link"]
    for sub in subscriptions:
        ids = set(sub.transaction_ids)
        hits = [f for f in flags if ids.intersection(f.transaction_ids)]
        if not hits:
            continue
        sub.suspicious = True
        sub.score = max(sub.score, *(f.score for f in hits))
        for f in hits:
            for reason in f.reasons:
                if reason not in sub.reasons:
                    sub.reasons.append(reason)
