"""Running-balance columns on line-read PDF statements.

A bank statement line such as ``01/05/24  Grocery Store  -45.67  1000.25`` ends with the running balance,
not the amount: a line pattern that takes the last number as the amount reads the balance and leaves the
real amount in the description. The balance shows itself by chaining: each line's last number is the
previous line's last number plus (or minus) the number before it. When every neighbouring pair of lines
chains the same way, the last number is a balance and the number before it is the amount. Its sign: a
balance that falls by the printed amount means the printed amount is money out; a balance that rises with
it is either a card's balance owed (charges printed positive, payments and refunds negative) or a bank
register (money in printed positive, money out negative). The two differ in what the negative lines say:
when every negative line names a payment, refund or credit, it is a card; otherwise a bank register.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from audit.values import parse_amount

_TRAILING = re.compile(r"^(?P<rest>.*?)\s+(?P<amount>[-−–+(]?\s?[$£€¥]?\s?\d[\d,]*(?:\.\d{1,2})?\)?)$")
_CENT = 0.005


class _HasAmount(Protocol):
    description: str
    amount: float


def _split(desc: str) -> tuple[str, float] | None:
    m = _TRAILING.match(desc)
    if not m or not m["rest"].strip():
        return None
    try:
        return m["rest"].strip(), parse_amount(m["amount"])
    except ValueError:
        return None


def balance_column_out(txns: Sequence[_HasAmount], credit_words: str) -> int | None:
    """Move a running balance out of the amounts of ``txns`` in place; the chain direction (+1/-1) or None.

    Needs at least two lines, every line with a number left at the end of its description, and every
    neighbouring pair chaining the same way; otherwise nothing changes. ``credit_words`` is a regex of words
    that name a payment, refund or credit on a card statement.
    """
    if len(txns) < 2:
        return None
    split = [_split(t.description) for t in txns]
    if any(s is None for s in split):
        return None
    pairs = [(s[1], t.amount) for s, t in zip(split, txns, strict=True) if s is not None]  # (printed, balance)
    found = _chain(pairs, [s[0] for s in split if s is not None], credit_words)
    if found is None:
        return _two_columns_out(txns, split, pairs, credit_words)
    direction, flip = found
    for t, s in zip(txns, split, strict=True):
        assert s is not None
        t.description, t.amount = s[0], round(-s[1] if flip else s[1], 2)
    return direction


def _two_columns_out(txns: Sequence[_HasAmount], split: list, pairs: list[tuple[float, float]],
                     credit_words: str) -> int | None:
    """:func:`balance_column_out` for unsigned money-out and money-in columns: the signs from each step."""
    if any(p < 0 for p, _ in pairs):
        return None
    edges = [getattr(t, "xs", None) or [] for t in txns]  # right edges of the line's numbers: amount, balance
    xs = [e[-2] if len(e) >= 2 else None for e in edges]
    signs = delta_signs([p for p, _ in pairs], [b for _, b in pairs], xs)
    if signs is None:
        return None
    out = card_signs(signs, [s[0] for s in split], credit_words)
    for t, s, (printed, _), sign in zip(txns, split, pairs, out, strict=True):
        t.description, t.amount = s[0], round(sign * printed, 2)
    return 0


def signs_from_balances(txns: Sequence[_HasAmount], balances: Sequence[float], credit_words: str) -> int | None:
    """The same decision when a header named the balance column (``balances``, one per line, beside each
    line's printed amount): the signs of ``txns`` turned to card signs in place; the direction or None."""
    if len(txns) < 2:
        return None
    found = _chain([(t.amount, b) for t, b in zip(txns, balances, strict=True)], [t.description for t in txns], credit_words)
    if found is None:
        return None
    direction, flip = found
    if flip:
        for t in txns:
            t.amount = round(-t.amount, 2)
    return direction


def _chain(pairs: list[tuple[float, float]], descriptions: list[str], credit_words: str) -> tuple[int, bool] | None:
    """Direction of the running balance over (printed, balance) pairs, and whether the printed signs must be
    turned round (a bank register: money in printed positive); None when the pairs do not chain."""
    for direction in (1, -1):
        if all(abs(prev_bal + direction * amt - bal) < _CENT
               for (_, prev_bal), (amt, bal) in pairwise(pairs)):
            negative = [d for d, (amt, _) in zip(descriptions, pairs, strict=True) if amt < 0]
            flip = direction == 1 and bool(negative) and not all(re.search(credit_words, d) for d in negative)
            return direction, flip
    return None


def delta_signs(printed: Sequence[float], balances: Sequence[float], xs: Sequence[float | None]) -> list[int] | None:
    """Per row, +1 when the running balance rose by the row's (unsigned) amount and -1 when it fell by it:
    money in and money out told apart where two columns print both unsigned. Needs every step to move the
    balance by exactly its row's amount; the first row, which has no balance before it, takes the direction
    of the rows printed at the same place (``xs``: the amount's right edge); None when the rows do not chain
    so or the first row's place says nothing."""
    if len(printed) < 3:
        return None
    signs: list[int] = [0]
    for (prev, bal), amt in zip(pairwise(balances), printed[1:], strict=True):
        delta = bal - prev
        if abs(abs(delta) - abs(amt)) >= _CENT or abs(amt) < _CENT:
            return None
        signs.append(1 if delta > 0 else -1)
    x0 = xs[0]
    same = {s for s, x in zip(signs[1:], xs[1:], strict=True) if x is not None and x0 is not None and abs(x - x0) <= 3}
    if len(same) != 1 or len(set(signs[1:])) != 2:
        return None
    signs[0] = same.pop()
    return signs


def card_signs(signs: Sequence[int], descriptions: Sequence[str], credit_words: str) -> list[float]:
    """The sign of each row's amount (+1 money out) from :func:`delta_signs`: a falling balance is money out
    (an account), unless the rows whose balance falls all name payments, refunds or credits and the rising
    ones do not (a card's balance owed)."""
    falling = [d for s, d in zip(signs, descriptions, strict=True) if s < 0]
    rising = [d for s, d in zip(signs, descriptions, strict=True) if s > 0]
    def credit(d: str) -> bool:
        return re.search(credit_words, d) is not None
    card = all(credit(d) for d in falling) and not all(credit(d) for d in rising)
    return [float(s) if card else float(-s) for s in signs]
