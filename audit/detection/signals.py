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

import pandas as pd

from audit.detection.bursts import _prepaid_bursts
from audit.detection.clusters import _contract_clusters
from audit.detection.features import _prepare, money
from audit.detection.refunds import _refund_links
from audit.detection.software import _foreign_software, _large_support_plans
from audit.model import Finding, Subscription

__all__ = ["find_signals", "mark_suspicious", "money"]

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

