"""Scam patterns that no merchant list knows yet, each a :class:`Finding` with a score and reasons.

Kinds (see :class:`audit.model.Finding`), in any billing currency:

* ``brand_impersonation`` (:mod:`~audit.detection.impersonation`) - a descriptor made of an imitated brand's
  name and support or security words that is none of the brand's own billing forms, recurring or not.
* ``foreign_software_recurring`` (:mod:`~audit.detection.software`) - a subscription stream from an unknown
  software, security or PC-support seller: billed from abroad (a foreign currency, an overseas payment
  agent, a romaji name with a 0570 navi-dial number), or at home under a name built from two kinds of sign
  (security, computer, support: ``PC SHIELD``, ``SECURE TECH HELP``), support words with a phone number,
  or a security or scareware name at the price fake support charges. A stream whose only software sign is
  its reseller must also cost that much.
* ``contract_cluster`` (:mod:`~audit.detection.clusters`) - several new contracts starting within a few
  days on one card holder's statements, every one of them with a sign of its own.
* ``large_support_plan`` - one large charge for support, a multi-year or lifetime plan, or a scareware
  product; not a software purchase at an electronics shop or through a shop's card reader.
* ``prepaid_burst`` (:mod:`~audit.detection.bursts`) - gift cards, prepaid e-money, konbini purchases or
  round sums at the shops where victims are sent to buy gift cards, several within two days.
  A single such purchase, or a few spread over three days, right after a support-type charge counts too
  (:mod:`~audit.detection.prepaid_after`).
* ``refund_link`` (:mod:`~audit.detection.refunds`) - a refund of a charge that is already suspicious
  (``transaction_ids`` = charges..., refund).

Amount thresholds per currency are in :mod:`audit.detection.thresholds`. Legit brands never flag: the
merchant lists' allowlist (``audit.merchants.allowlist_match``) and the brand descriptors in
:mod:`audit.detection.lexicon` both count. Merchant-list findings (``known``) raise the confidence of a
cluster and are not repeated as pattern findings. Everything is grouped per card holder (client and card).
"""

from __future__ import annotations

import pandas as pd

from audit.detection.bursts import _prepaid_bursts
from audit.detection.clusters import _contract_clusters
from audit.detection.features import _prepare, money
from audit.detection.impersonation import brand_impersonations
from audit.detection.prepaid_after import prepaid_after_support
from audit.detection.refunds import _refund_links
from audit.detection.same_merchant import extend_to_merchant
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
    findings = brand_impersonations(ctx)
    findings += _foreign_software(ctx)
    findings += _large_support_plans(ctx)
    findings += _contract_clusters(ctx, findings + list(known))
    extend_to_merchant(ctx, findings)  # a flagged merchant's other charges on the card: set-up fees, add-ons
    findings += _prepaid_bursts(ctx, [f for f in findings if f.kind != "contract_cluster"] + list(known))
    findings += prepaid_after_support(ctx, findings + list(known))
    findings += _refund_links(ctx, findings + list(known))
    mark_suspicious(subscriptions, findings + list(known))
    findings.sort(key=lambda f: -f.score)
    return findings


def mark_suspicious(subscriptions: list[Subscription], findings: list[Finding]) -> None:
    """Mark every stream that shares a charge with a finding (refund links aside) as suspicious,
    raising its score to the finding's and adding the finding's reasons (in place)."""
    flags = [f for f in findings if f.kind != "refund_link"]
    by_id: dict[str, list[int]] = {}  # charge id -> positions of the findings holding it
    for pos, f in enumerate(flags):
        for i in set(f.transaction_ids):
            by_id.setdefault(i, []).append(pos)
    for sub in subscriptions:
        found = {pos for i in set(sub.transaction_ids) for pos in by_id.get(i, ())}
        hits = [flags[pos] for pos in sorted(found)]
        if not hits:
            continue
        sub.suspicious = True
        sub.score = max(sub.score, *(f.score for f in hits))
        for f in hits:
            for reason in f.reasons:
                if reason not in sub.reasons:
                    sub.reasons.append(reason)

