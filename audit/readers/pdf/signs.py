"""Which way a PDF statement prints its signs.

Card statements print charges as plain amounts and payments or refunds with a minus (or CR). Some
statements, and many account views, print it the other way round: every charge with a minus and a payment
as plain or "+". The lines themselves tell which: when the positive lines all name a payment, refund or
credit and the negative ones do not, or when every line is printed negative, charges are the negative ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class _HasAmount(Protocol):
    description: str
    amount: float


def charges_printed_negative(txns: Sequence[_HasAmount], credit_words: str) -> bool:
    """Whether the charges among ``txns`` carry the minus sign (see the module text)."""
    negative = [t.description for t in txns if t.amount < 0]
    positive = [t.description for t in txns if t.amount > 0]
    if not negative:
        return False
    if not positive:
        return len(negative) >= 2
    def credit(d: str) -> bool:
        return re.search(credit_words, d) is not None
    return all(credit(d) for d in positive) and not all(credit(d) for d in negative)
