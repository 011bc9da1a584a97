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

from audit.detection.features import _Context, full_charges, full_codes, money
from audit.ids import id_rows
from audit.model import Finding

SELLER_KINDS = ("brand_impersonation", "foreign_software_recurring", "large_support_plan", "contract_cluster")


def extend_to_merchant(ctx: _Context, findings: list[Finding]) -> None:
    """Add to each seller finding the card holder's other charges at the same merchant (in place). Vectorised:
    only the rows of the flagged (card holder, merchant) pairs become Python values."""
    sellers = [f for f in findings if f.kind in SELLER_KINDS]
    full = ctx.full
    if not sellers or full.empty or "merchant_key" not in full.columns or not len(ctx.owner_code):
        return
    key_c, _key_u = full_codes(ctx, "merchant_key")
    pair = ctx.owner_code.astype(np.int64) * np.int64(len(_key_u) + 1) + key_c
    seller_ids = {i for f in sellers for i in f.transaction_ids}
    at = id_rows(full["id"], seller_ids)  # the flagged rows only become Python values
    pair_of = dict(zip(full["id"].iloc[at].astype(str), pair[at].tolist(), strict=True))
    wanted = np.array(sorted({v for v in pair_of.values() if v % (len(_key_u) + 1) != len(_key_u)}), dtype=np.int64)
    charge = full_charges(ctx).to_numpy(dtype=bool, na_value=False)
    legit = ((~pd.isna(ctx.feats["legit"].to_numpy()))[ctx.desc_code] if "legit" in ctx.feats
             else np.zeros(len(full), bool))
    taken = {i for f in findings for i in f.transaction_ids}
    width = len(_key_u) + 1
    key_wanted = np.zeros(width, dtype=bool)
    key_wanted[wanted % width] = True  # a merchant some flagged pair has: the pairs themselves are checked next
    cand = np.flatnonzero(charge & ~legit & (key_c >= 0) & key_wanted[key_c])
    cand = cand[np.isin(pair[cand], wanted)]
    cand = cand[~np.isin(cand, id_rows(full["id"], taken))]
    if not len(cand):
        return
    cand_ids = full["id"].iloc[cand].astype(str).tolist()
    for f in sellers:
        mine = {pair_of[i] for i in f.transaction_ids if i in pair_of}
        extra = [(q, i) for q, i in zip(cand.tolist(), cand_ids, strict=True) if int(pair[q]) in mine and i not in taken]
        if not extra:
            continue
        extra.sort(key=lambda qi: (full["date"].iat[qi[0]], qi[1]))
        f.transaction_ids.extend(i for _, i in extra)
        taken.update(i for _, i in extra)
        shown = ", ".join(f"{money(float(full['amount'].iat[q]), str(full['currency'].iat[q]))} on "
                          f"{pd.Timestamp(full['date'].iat[q]).date().isoformat()}" for q, _ in extra[:6])
        f.reasons.append(f"The same merchant also charged this card {shown}"
                         + (f" and {len(extra) - 6} more times" if len(extra) > 6 else "")
                         + ": a set-up fee, an add-on or an early charge of the same contract.")
