"""A merchant flagged on a card: its other charges on that card belong to the same contract.

Fake support operators often take a set-up fee or an add-on in the same call as the plan, under the same name,
and a plan's first charges may come before its rhythm can be seen. When a finding of a seller kind
(:data:`SELLER_KINDS`) holds a charge, every other charge of the same merchant (``merchant_key``) on the same
card holder's statements is added to it, unless the descriptor belongs to a legitimate brand or service. The
whole table is searched (:attr:`audit.detection.features._Context.full`), not only the rows a signal read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.detection.features import _Context, money
from audit.model import Finding

SELLER_KINDS = ("brand_impersonation", "foreign_software_recurring", "large_support_plan", "contract_cluster")


def extend_to_merchant(ctx: _Context, findings: list[Finding]) -> None:
    """Add to each seller finding the card holder's other charges at the same merchant (in place)."""
    full = ctx.full
    if full.empty or "merchant_key" not in full.columns or not len(ctx.owner_code):
        return
    ids = full["id"].astype(object).to_numpy()
    pos_of = {str(i): p for p, i in enumerate(ids)}
    key_c, _key_u = pd.factorize(full["merchant_key"])
    owner = ctx.owner_code
    charge = ((full["kind"] == "charge") & (full["amount"] > 0)).to_numpy(dtype=bool, na_value=False)
    legit = ~pd.isna(ctx.feats["legit"].to_numpy()[ctx.desc_code]) if "legit" in ctx.feats else np.zeros(len(full), bool)
    eligible = charge & ~legit & (key_c >= 0)
    by_pair: dict[tuple[int, int], list[int]] = {}
    for p in np.flatnonzero(eligible).tolist():
        by_pair.setdefault((int(owner[p]), int(key_c[p])), []).append(p)
    taken = {i for f in findings for i in f.transaction_ids}
    for f in findings:
        if f.kind not in SELLER_KINDS:
            continue
        pairs = {(int(owner[p]), int(key_c[p])) for p in (pos_of.get(i) for i in f.transaction_ids)
                 if p is not None and key_c[p] >= 0}
        extra = [p for pair in sorted(pairs) for p in by_pair.get(pair, ()) if str(ids[p]) not in taken]
        if not extra:
            continue
        extra.sort(key=lambda p: (full["date"].iat[p], str(ids[p])))
        f.transaction_ids.extend(str(ids[p]) for p in extra)
        taken.update(str(ids[p]) for p in extra)
        shown = ", ".join(f"{money(float(full['amount'].iat[p]), str(full['currency'].iat[p]))} on "
                          f"{pd.Timestamp(full['date'].iat[p]).date().isoformat()}" for p in extra[:6])
        f.reasons.append(f"The same merchant also charged this card {shown}"
                         + (f" and {len(extra) - 6} more times" if len(extra) > 6 else "")
                         + ": a set-up fee, an add-on or an early charge of the same contract.")
