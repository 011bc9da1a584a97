"""Which contract an order-confirmation e-mail belongs to: by merchant name, address, product and amount.

A confirmation fills in one contract's merchant address, order number and product; it must never reach
another contract's letters. :func:`match_contract` returns the one contract it fits, or ``None`` when it
fits none, or two equally well (the user then loads it in that contract's own section).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from audit.cases.eml import OrderEmail

MIN_SCORE = 70.0
_NOISE = re.compile(r"\b(?:inc|llc|ltd|co|corp|gmbh|support|billing|store|shop|team|www|com|net|org|the)\b")


def _norm(text: Any) -> str:
    t = unicodedata.normalize("NFKC", str(text or "")).lower()
    t = re.sub(r"[^a-z0-9\u3040-\u30ff\u3400-\u9fff]+", " ", t)
    return " ".join(_NOISE.sub(" ", t).split())


def _names(info: OrderEmail) -> list[str]:
    out = [info.merchant_name, info.product]
    for addr in (info.merchant_email, info.reply_to):
        if addr and "@" in addr:
            out.append(addr.split("@", 1)[1].rsplit(".", 1)[0])
    return [n for n in (_norm(x) for x in out) if len(n) >= 3]


def _amount_fits(info: OrderEmail, c: Any) -> bool:
    digits = re.sub(r"[^\d.]", "", unicodedata.normalize("NFKC", info.amount or "").replace(",", ""))
    try:
        value = float(digits)
    except ValueError:
        return False
    for ch in c.charges:
        for amount in (ch.get("amount"), ch.get("original_amount")):
            if amount is not None and abs(float(amount) - value) < 0.01:
                return True
    return False


def score(info: OrderEmail, c: Any) -> float:
    """0-100: how well the mail's merchant, address and product fit the contract's merchant and descriptors."""
    targets = [t for t in (_norm(x) for x in [c.merchant, c.merchant_key, *c.descriptors]) if len(t) >= 3]
    best = max((fuzz.partial_ratio(n, t) if min(len(n), len(t)) >= 4 else fuzz.ratio(n, t)
                for n in _names(info) for t in targets), default=0.0)
    return min(100.0, best + (10.0 if _amount_fits(info, c) else 0.0))


def match_contract(info: OrderEmail, contracts: Sequence[Any]) -> Any | None:
    """The one contract the mail fits best (score at least :data:`MIN_SCORE`, clearly ahead of the next)."""
    scored = sorted(((score(info, c), i) for i, c in enumerate(contracts)), reverse=True)
    if not scored or scored[0][0] < MIN_SCORE:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 5:
        return None
    return contracts[scored[0][1]]
