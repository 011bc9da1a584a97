"""Unknown software, security and support merchants: recurring streams and large one-off plans."""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.columns import map_distinct
from audit.detection import lexicon
from audit.detection.features import (
    PER_YEAR,
    SOFTWARE_RESELLERS,
    _Context,
    _key,
    money,
    money_totals,
    stream_values,
)
from audit.detection.thresholds import limits
from audit.model import Finding, Subscription

# A stream whose only software sign is its reseller (FastSpring, Paddle, ...) needs a yearly cost typical of
# fake-support subscriptions; real utilities sold through the same resellers cost a few thousand yen a year.
FX_STEP_PCT = 5.0  # month-to-month moves of a converted price stay below this; a price rise is larger
NAVI_DIAL_REASON = ("The name is in Latin letters and carries a 0570 “navi-dial” number: on Japanese statements "
                    "that is how an overseas seller billed through a local payment agent often appears.")


def _phone_reason(phone: str) -> str:
    return (f"The charge line carries a phone number ({phone}) next to support words: fake virus warnings show a "
            "number to call, and the “support” sold on that call is billed like this.")



def _stream_rows(ctx: _Context, sub: Subscription) -> pd.DataFrame:
    return ctx.tx.loc[[i for i in sub.transaction_ids if i in ctx.tx.index]]


def _stream_positions(ctx: _Context) -> list[np.ndarray] | None:
    """Per stream of ``ctx.subs``: the positions in ``ctx.tx`` of its rows, as :func:`_stream_rows` picks them
    (one look-up for all streams); None when the ids are not unique there (then :func:`_stream_rows` decides)."""
    if not ctx.tx.index.is_unique:
        return None
    sizes = [len(s.transaction_ids) for s in ctx.subs]
    pos = ctx.memo.get("stream_pos")  # (features._stream_features looked them up already)
    if pos is None or len(pos) != sum(sizes):
        pos = ctx.tx.index.get_indexer([i for s in ctx.subs for i in s.transaction_ids])
    ends = np.cumsum(sizes)
    return [p[p >= 0] for p in np.split(pos, ends[:-1])] if sizes else []


def _foreign_software(ctx: _Context) -> list[Finding]:
    out: list[Finding] = []
    psv = stream_values(ctx.per_stream, ('legit', 'known_share', 'software', 'support', 'soft_agent', 'signs', 'security', 'scareware'))
    folds = ctx.tx["fold"].to_numpy(dtype=object)
    company: dict[object, bool] = {}  # it_company_like per distinct fold text

    def all_company(values: np.ndarray) -> bool:
        for v in values:
            if v not in company:
                company[v] = bool(lexicon.it_company_like(v))
            if not company[v]:
                return False
        return True

    positions = _stream_positions(ctx)
    for n, sub in enumerate(ctx.subs):
        if sub.charges < 2:
            continue  # a plan seen once is no recurring pattern (a large one is the large-plan signal's)
        if n not in psv["legit"] or psv["legit"][n] or psv["known_share"][n] >= 0.5:
            continue  # a legit brand, or the merchant list already names it
        pos = None if positions is None else positions[n]
        rows = _stream_rows(ctx, sub) if pos is None else None
        texts = rows["fold"].to_numpy(dtype=object) if rows is not None else folds[pos]
        it_company = all_company(texts) if len(texts) else False
        if not (psv["software"][n] or psv["support"][n] or psv["soft_agent"][n] or it_company):
            continue  # neither software/support words, an IT-service company's name nor a software reseller
        if rows is None:  # the stream's rows as a frame only for the streams that get this far
            rows = ctx.tx.iloc[pos]
        if rows["retail"].all():
            continue  # an electronics shop, not a subscription seller
        foreign = bool(rows["foreign"].mean() >= 0.5)
        agent = rows["reseller"].dropna()
        reseller = str(agent.iloc[0]) if len(agent) else None
        software = bool(rows["software"].any())
        support = bool(rows["support"].any())
        amts = rows["amount"].to_numpy()
        fx_like = bool(not foreign and len(amts) >= 3 and rows["original_amount"].isna().all()
                   and len(np.unique(amts)) >= 0.6 * len(amts)
                   and all(abs(float(pc.get("change_pct") or 0.0)) < FX_STEP_PCT for pc in sub.price_changes))
        phones = rows["phone"].dropna()
        phone = str(phones.iloc[0]) if len(phones) else None
        # A romaji name with a 0570 navi-dial number on a yen statement: an overseas seller's local payment agent.
        home = str(rows["home"].iloc[0])
        agent_like = bool(not foreign and home == "JPY" and rows["navi"].any() and rows["romaji"].all())
        overseas = foreign or fx_like or agent_like or bool(rows["overseas_agent"].any())
        soft_agent = reseller in SOFTWARE_RESELLERS
        support_line = support and phone is not None  # support words and a number to call
        yearly = float(sub.average_amount) * PER_YEAR.get(sub.cadence, 12.0)
        lim = limits(sub.currency)
        pricey = yearly >= lim.reseller_yearly
        two_signs = bool(psv["signs"][n] >= 2)  # "PC SHIELD", "SECURE TECH HELP": billed at home or abroad
        # An unknown security or scareware seller charging what fake support charges, in any currency.
        pricey_sign = bool((psv["security"][n] or psv["scareware"][n]) and pricey)
        # An unknown company named only by IT-service words, billed from abroad at the price of fake support.
        it_abroad = bool(it_company and overseas and pricey and not reseller)
        if not ((overseas and (software or soft_agent)) or (software and support) or support_line or two_signs
                or pricey_sign or it_abroad):
            continue
        if not (software or support) and not pricey:
            continue  # only the reseller points to software, and the price is that of ordinary software
        if (yearly < lim.option_yearly and not overseas and not support_line and not reseller
                and not (two_signs or psv["security"][n] or psv["scareware"][n])):
            continue  # a provider's remote-support option at home, priced as such (thresholds.option_yearly)
        score = 35.0 + (15 if overseas else 0) + (20 if software else 0) + (10 if support else 0)
        score += (10 if reseller else 0) + (10 if support_line else 0) + (5 if pricey else 0)
        score = min(95.0, score)
        last = rows.iloc[-1]
        orig = rows["original_currency"].dropna()
        reasons = [
            f"“{sub.merchant}” has charged this card {sub.charges} times, {sub.cadence}, from {sub.first_date} "
            f"to {sub.last_date}: {money_totals(rows['amount'], rows['currency'])} in total, last "
            f"{money(sub.last_amount, str(rows['currency'].iloc[-1]))}"
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
        if (two_signs or pricey_sign) and not overseas:
            reasons.append("The seller is not abroad, but its name is made of security, computer or support words "
                           "and it is no company this tool knows: such names are typical of fake support services "
                           "billing in the victim's own currency.")
        if it_abroad and not (software or support):
            reasons.append("Its name is a company name made only of IT-service words and a company suffix, with "
                           "no product in it: overseas “support” operators bill monthly under names like this.")
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
                     "phone": phone, "payment_agent": agent_like, "yearly": yearly, "name_signs": two_signs},
        ))
    return out


def _large_threshold(currency: str) -> float:
    return limits(currency).large


_PLAN_FIELDS = ("id", "date", "amount", "currency", "original_amount", "original_currency", "merchant_key", "name",
                "home", "phone", "foreign", "navi", "romaji", "overseas_agent", "reseller", "support", "plan",
                "software", "signs", "scareware", "security")


def _large_support_plans(ctx: _Context) -> list[Finding]:
    tx = ctx.tx
    thr = pd.Series(map_distinct(tx["currency"].fillna(tx["client_home"]), _large_threshold, float), index=tx.index)
    cand = tx[(tx["kind"] == "charge") & (tx["amount"] >= thr) & tx["legit"].isna() & ~tx["retail"]
              & (tx["software"] | tx["support"] | tx["plan"]) & ~tx["id"].isin(ctx.known_ids)]
    out: list[Finding] = []
    read = [c for c in _PLAN_FIELDS if c in cand.columns]  # the fields read below: no dict entry for the rest
    for r in cand[read].to_dict("records"):  # plain dicts: no Series per row, no index look-up per field
        in_stream = r["id"] in ctx.stream_of
        sub = ctx.subs[ctx.stream_of[r["id"]]] if in_stream else None
        if sub is not None and PER_YEAR.get(sub.cadence, 12.0) > 2.0:
            continue  # a regular monthly bill is the recurring signal's business
        big = float(r["amount"]) >= 2.5 * _large_threshold(str(r["currency"]))
        phone = r["phone"] if isinstance(r["phone"], str) else None
        agent_like = bool(not r["foreign"] and r["home"] == "JPY" and r["navi"] and r["romaji"])
        abroad = bool(r["foreign"] or r["overseas_agent"] or agent_like)
        soft_agent = r["reseller"] in SOFTWARE_RESELLERS  # an unknown security product sold through a reseller
        if not (r["support"] or r["plan"] or abroad or phone or r["signs"] >= 2 or r["scareware"]
                or (r["security"] and soft_agent)):
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

