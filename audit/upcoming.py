"""Contracts still charging, and the next charge each is expected to make after a given day.

A contract's ``next_expected_date`` is the charge after its last one on the statements. Read on a later day
(the page's "as of", today by default) it may have passed: a monthly contract whose statement ended in
October expected a charge in November that no statement given shows. Such a contract is still running; its
passed dates are *past due* (to look for on the next statement), and its next charge is the first date of
its rhythm on or after the day. So a five-year plan's renewal never hides the monthly charges due next month.
When two or more expected charges have passed since the statements (a statement read months later), whether
the contract still runs is for the later statements to say: it is *stale*, counted as past due only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

MONTHS = {"monthly": 1, "bimonthly": 2, "quarterly": 3, "semi-annual": 6, "annual": 12}
DAYS = {"weekly": 7, "biweekly": 14, "semi-monthly": 15}
MAX_STEPS = 600  # a weekly contract read 10 years on: enough steps, never an endless loop


@dataclass(frozen=True)
class Expected:
    """One running contract read on a day: its next expected charge on or after it, and the dates passed."""

    contract: Any
    due: date  # the first expected charge on or after the day
    amount: float | None
    past_due: list[date] = field(default_factory=list)  # expected after the statements, before the day

    @property
    def stale(self) -> bool:
        """Two or more expected charges passed since the statements: the later statements must say if it runs."""
        return len(self.past_due) >= 2


def _step(cadence: str | None) -> tuple[int, int] | None:
    """(months, days) of one period of ``cadence``; None when it has no rhythm."""
    name = str(cadence or "")
    if name in MONTHS:
        return MONTHS[name], 0
    if name in DAYS:
        return 0, DAYS[name]
    years = re.fullmatch(r"(\d+)-year", name)
    return (12 * int(years.group(1)), 0) if years else None


def expected(contract: Any, on: date) -> Expected | None:
    """The contract's next expected charge on or after ``on`` (None for a contract not running or without an
    expected charge)."""
    first = getattr(contract, "next_expected_date", None)
    if getattr(contract, "status", "") != "active" or not first:
        return None
    try:
        start = date.fromisoformat(str(first)[:10])
    except ValueError:
        return None
    amount = getattr(contract, "next_expected_amount", None)
    step = _step(getattr(contract, "cadence", None))
    passed: list[date] = []
    due = start
    k = 0
    while due < on and step is not None and k < MAX_STEPS:
        passed.append(due)
        k += 1
        months, days = step
        due = (pd.Timestamp(start) + pd.DateOffset(months=months * k)).date() if months else start + timedelta(days * k)
    if due < on:  # no rhythm to roll on: the one date is past due, and nothing later is known
        return Expected(contract, due, amount, [due])
    return Expected(contract, due, amount, passed)


def expected_all(contracts: Iterable[Any], on: date) -> list[Expected]:
    """:func:`expected` of every running contract, nearest next charge first (stale ones and a contract whose
    only expected date passed and that has no rhythm last)."""
    got = [e for e in (expected(c, on) for c in contracts) if e is not None]
    return sorted(got, key=lambda e: (e.stale or e.due < on, e.due, str(getattr(e.contract, "id", ""))))


def still_charging(contracts: Iterable[Any], on: date) -> list[Expected]:
    """The contracts still charging on ``on`` (running, at most one expected charge passed since the
    statements), with their next charge on or after ``on``, nearest first."""
    return [e for e in expected_all(contracts, on) if not e.stale and e.due >= on]
