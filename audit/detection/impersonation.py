"""``brand_impersonation``: charges whose descriptor imitates a brand's support or security service.

A descriptor made of nothing but an imitated brand's name (Microsoft, Windows, Apple, Google, Amazon, McAfee,
Norton; Latin, full-width, katakana, half-width katakana) and support, security, repair, remote or plan words,
and that is none of the brand's own billing forms (:mod:`audit.detection.brands`), is a finding on its own:
whether it recurs or not, at any amount. Electronics shops and in-person card readers aside. One finding per
card holder and descriptor, holding every such charge.
"""

from __future__ import annotations

import pandas as pd

from audit.detection.brands import (
    NEUTRAL_EN,
    NEUTRAL_JA,
    NOTICE_BRAND,
    NOTICE_EN,
    NOTICE_JA,
    NOTICE_URLS,
    Impersonation,
    impersonation,
)
from audit.detection.features import _Context
from audit.model import Finding

SCORE = 85.0


def reason_ja(imp: Impersonation) -> str:
    """The finding's reason in Japanese: quotes the brand's name as printed (and says whose product name it is
    when it is not the company's), says the real company does not bill this way, and cites the agency's
    notice for the brand it is about (else a sentence that names no agency)."""
    brand = imp.brand
    shown = "・".join(f"「{w}」" for w in imp.words[:3])
    named = f"「{imp.named or brand.name_ja}」" + (f"（{brand.name_ja}の製品名）" if imp.product_name else "")
    notice = NOTICE_JA if brand.id == NOTICE_BRAND else NEUTRAL_JA
    return (f"明細の名前に{named}と{shown}が並んでいますが、{brand.name_ja}の本物の請求はこの表記ではありません"
            f"（本物は {imp.forms_text()} などと表示されます）。{notice}")


def reason_en(name: str, imp: Impersonation) -> list[str]:
    """The finding's reasons in English (see :func:`reason_ja`)."""
    brand = imp.brand
    named = f"“{imp.named}” (a {brand.name} product name)" if imp.product_name else brand.name
    return [
        f"“{name}” names {named} together with “{'”, “'.join(imp.words[:3])}”: it reads like "
        f"{brand.name}'s own support or security service.",
        f"{brand.name} does not bill this way: its own charges show as {imp.forms_text()}. Fake virus warnings "
        f"show the {brand.name} name or logo and a number to call, then sell “support” or “security” contracts "
        "in its name.",
        NOTICE_EN if brand.id == NOTICE_BRAND else NEUTRAL_EN,
    ]


def brand_impersonations(ctx: _Context) -> list[Finding]:
    """One finding per card holder and imitating descriptor (see the module docstring)."""
    tx = ctx.tx
    if "imitates" not in tx.columns:
        return []
    rows = tx[(tx["kind"] == "charge") & (tx["amount"] > 0) & tx["imitates"].notna() & ~tx["retail"]]
    out: list[Finding] = []
    for (_owner, _name), g in rows.groupby(["owner", "name"], sort=True):
        g = g.sort_values("date", kind="stable")
        first = g.iloc[0]
        imp = impersonation(str(first["description"]))
        if imp is None:
            continue
        brand = imp.brand
        when = first["date"].date().isoformat()
        last = g.iloc[-1]["date"].date().isoformat()
        # no count or total here: the finding's charges may fall into several contracts (two streams at one
        # name), and each contract states its own charges and money
        reasons = reason_en(str(first["name"]), imp)
        notices = NOTICE_URLS if brand.id == NOTICE_BRAND else ()
        sources = list(dict.fromkeys([*notices, *(f.source_url for f in brand.forms[:2])]))
        out.append(Finding(
            kind="brand_impersonation", merchant=str(first["name"]), score=SCORE, reasons=reasons,
            transaction_ids=[str(i) for i in g["id"]],
            merchant_key=str(first["merchant_key"]) if isinstance(first.get("merchant_key"), str) else None,
            details={"brand": brand.name, "brand_ja": brand.name_ja, "words": list(imp.words),
                     "named": imp.named, "forms": imp.forms_text(), "sources": sources, "reason_ja": reason_ja(imp),
                     "first_date": when, "last_date": last, "charges": len(g)},
        ))
    return out


def contract_reason_ja(descriptors: list[str]) -> str | None:
    """The Japanese reason for a contract whose descriptors imitate a brand (for the page, which words its
    reasons from the contract), or None when none does."""
    for d in descriptors:
        imp = impersonation(d) if isinstance(d, str) and not pd.isna(d) else None
        if imp is not None:
            return reason_ja(imp)
    return None
