"""Group suspicious charges into contracts: one per merchant stream, with reasons and totals.

A *contract* is what the user writes one cancellation request about: every charge from one
merchant (or one subscription stream at it), its findings and reasons, what was paid in total and
what is expected next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Contract:
    """One merchant relationship worth a cancellation request (or a legit subscription)."""

    id: str  # "c1", "c2", ... in order of score
    merchant: str  # display name (list entry name, or cleaned descriptor)
    merchant_key: str
    descriptors: list[str]  # descriptors as printed on the statement
    transaction_ids: list[str]
    charges: list[dict[str, Any]]  # id, date, amount, currency, original_amount, original_currency, description, source
    total_paid: float  # charges minus refunds, billing currency
    refunded: float
    currency: str
    first_date: str
    last_date: str
    suspicious: bool
    score: float
    reasons: list[str]
    kinds: list[str] = field(default_factory=list)  # finding kinds that flagged it
    cadence: str | None = None  # from the subscription stream; None for one-off charges
    status: str = "one-off"  # "active", "ended" or "one-off"
    next_expected_date: str | None = None
    next_expected_amount: float | None = None
    entry_id: str | None = None  # merchant-list entry, when a list matched
    sources: list[str] = field(default_factory=list)  # public source URLs of that entry
