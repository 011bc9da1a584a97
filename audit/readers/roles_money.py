"""Evidence about numeric columns and the money roles among them (:mod:`audit.readers.roles`): money or an
identifier, a running balance by its arithmetic, a debit/credit pair or a single signed amount."""

from __future__ import annotations

import numpy as np

from audit.readers.profile import ColumnProfile
from audit.readers.role_decision import Decision

# ------------------------------------------------------------------------------------------ evidence


def id_evidence(p: ColumnProfile, others_have_cents: bool) -> tuple[float, list[str]]:
    """How much a numeric column looks like an identifier rather than money, and why."""
    score, why = 0.0, []
    if p.vocab in ("id", "card"):
        score += 2
        why.append(f"the header {p.header!r} names an identifier")
    if p.fraction_share > 0 or p.marked_share > 0.3:
        return score, why
    if p.leading_zero_share >= 0.3:
        score += 2
        why.append("numbers with leading zeros")
    if p.step_one_share >= 0.6 and p.filled >= 3:
        score += 2
        why.append("numbers counting up by one down the rows")
    if p.max_digits >= 9 and p.grouped_share == 0:
        score += 2
        why.append(f"{p.max_digits}-digit whole numbers")
    if p.filled >= 3 and p.min_digits == p.max_digits >= 5 and p.negative_share == 0 and p.grouped_share == 0:
        score += 1
        why.append(f"always {p.max_digits} digits")
    if (p.filled >= 4 and p.min_digits == p.max_digits == 4 and p.negative_share == 0 and p.grouped_share == 0
            and p.distinct <= max(3, p.filled // 3)):
        score += 1.5
        why.append("a few four-digit codes (a card ending or category code)")
    if p.filled >= 3 and p.distinct == 1 and p.zero_share < 1 and p.grouped_share == 0:
        score += 1.5
        why.append("the same number on every row (an account number)")
    if others_have_cents and p.negative_share == 0:
        score += 1
        why.append("whole numbers beside amounts with cents")
    return score, why


def money_evidence(p: ColumnProfile) -> tuple[float, list[str]]:
    """How much a numeric column looks like money, and why."""
    score, why = 0.0, []
    if p.vocab in ("amount", "debit", "credit", "balance", "original_amount"):
        score += 2
        why.append(f"the header {p.header!r} names money")
    if p.cents_share >= 0.5:
        score += 2
        why.append(f"{p.cents_share:.0%} of the numbers have two decimals")
    if p.marked_share >= 0.3:
        score += 2
        why.append("currency signs beside the numbers")
    if p.grouped_share > 0:
        score += 1
        why.append("thousands separators")
    if p.negative_share > 0 or p.plus_share > 0:
        score += 1
        why.append("signed numbers")
    if p.max_digits != p.min_digits:
        score += 0.5
    return score, why


def chain(balance: np.ndarray, movement: np.ndarray, min_steps: int = 1) -> tuple[float, int]:
    """``(share, sign)``: the share of consecutive rows where the balance steps by the movement, and
    ``+1`` when it rises by it (a positive movement is money in) or ``-1`` when it falls by it; rows
    may run oldest first or newest first; ``(0, 0)`` when fewer than ``min_steps`` steps can be compared."""
    best = (0.0, 0)
    if len(balance) < 2:
        return best
    step = balance[1:] - balance[:-1]
    for d, m in ((step, movement[1:]), (-step, movement[:-1])):
        ok = ~np.isnan(d) & ~np.isnan(m) & (m != 0)
        n = int(ok.sum())
        if n < min_steps:
            continue
        for sign in (1, -1):
            share = float((np.abs(d - sign * m) < 0.005)[ok].sum()) / n
            if share > best[0]:
                best = (share, sign)
    return best


def _nonzero(a: np.ndarray) -> np.ndarray:
    return ~np.isnan(a) & (a != 0)



def _money_roles(dec: Decision, money: list[ColumnProfile], named: dict[str, int], by: dict[int, ColumnProfile],
                 dated: np.ndarray, note, also: list[ColumnProfile] = ()) -> None:  # type: ignore[assignment]
    """Amount, or debit and credit, and the running balance, among the money-like columns (judged on the
    dated rows: the lines around the table are not transactions); a column that looked like an identifier
    (``also``: one digit count throughout) is still a balance when its steps are the amounts."""
    if not money:
        return
    n = int(dated.sum())

    def values(p: ColumnProfile) -> np.ndarray:
        got = p.numbers.to_numpy(dtype="float64") if p.numbers is not None else np.full(len(dated), np.nan)
        return got[: len(dated)][dated[: len(got)]] if len(got) >= len(dated) else got

    arr = {p.index: values(p) for p in [*money, *also]}
    # a running balance: steps equal to another column's amounts (or a debit/credit pair's)
    balance: ColumnProfile | None = None
    named_balance = named.get("balance")
    if named_balance is not None and named_balance in arr:
        balance = by[named_balance]
        note(balance.index, f"the header {balance.header!r} names a balance")
    pairs = _pairs(money, arr, n)
    if balance is None:
        best = (0.6, None)
        for b in [*money, *also]:
            # a column that looked like an identifier (numbers counting up by one) is a balance only on
            # more than one step: 3 - 2 = 1 beside a lone 1 is a coincidence, not arithmetic
            steps = 2 if any(b is a for a in also) else 1
            for other in money:
                if other.index != b.index:
                    share, _sign = chain(arr[b.index], arr[other.index], steps)
                    if share >= best[0]:
                        best = (share, b)
            for d, c in pairs:
                if b.index not in (d.index, c.index):
                    share, _sign = chain(arr[b.index], np.nan_to_num(np.abs(arr[c.index])) - np.nan_to_num(np.abs(arr[d.index])),
                                         steps)
                    if share >= best[0]:
                        best = (share, b)
        if best[1] is not None:
            balance = best[1]
            note(balance.index, f"a running balance: its steps are the rows' amounts in {best[0]:.0%} of the rows")
    if balance is not None:
        dec.roles["balance"] = balance.index
        dec.confidence["balance"] = 0.9
        money = [p for p in money if p.index != balance.index]
        pairs = [(d, c) for d, c in pairs if balance.index not in (d.index, c.index)]
    if not money:
        return
    # the header's choice, when the contents agree
    named_amount = named.get("amount")
    named_pair = (named.get("debit"), named.get("credit"))
    single_ok = named_amount is not None and named_amount in arr and named_amount != (balance.index if balance else None)
    if single_ok and not (named_pair[0] in arr and named_pair[1] in arr):
        _single(dec, by[named_amount], money, arr, n, note, named=True)
        return
    if named_pair[0] in arr and named_pair[1] in arr and named_pair[0] != named_pair[1]:
        d, c = by[named_pair[0]], by[named_pair[1]]
        dec.roles["debit"], dec.roles["credit"] = d.index, c.index
        dec.confidence["debit"] = dec.confidence["credit"] = 0.95
        note(d.index, f"the header {d.header!r} names money out")
        note(c.index, f"the header {c.header!r} names money in")
        return
    if len([r for r in named_pair if r in arr]) == 1:  # one side named: its partner from the contents
        side = next(r for r in named_pair if r in arr)
        partner = [(d, c) for d, c in pairs if side in (d.index, c.index)]
        if partner:
            d, c = partner[0]
            _pair(dec, d, c, balance, arr, note, named=named)
            return
    single = _best_single(money, arr, n)
    pair = pairs[0] if pairs else None
    cover_single = float(_nonzero(arr[single.index]).mean()) if single is not None and n else 0.0
    if pair is not None:
        d, c = pair
        cover_pair = float((_nonzero(arr[d.index]) | _nonzero(arr[c.index])).mean()) if n else 0.0
        if cover_pair >= cover_single - 0.05:
            _pair(dec, d, c, balance, arr, note, named=named)
            return
    if single is not None:
        _single(dec, single, money, arr, n, note, named=False)


def _pairs(money: list[ColumnProfile], arr: dict[int, np.ndarray], n: int) -> list[tuple[ColumnProfile, ColumnProfile]]:
    """Pairs of money columns never both filled on a row and together covering most rows (best first)."""
    found = []
    for i, a in enumerate(money):
        for b in money[i + 1:]:
            an, bn = _nonzero(arr[a.index]), _nonzero(arr[b.index])
            either = an | bn
            if not an.any() or not bn.any() or not either.any():
                continue
            both = float((an & bn).sum()) / float(either.sum())
            cover = float(either.mean())
            # each side carries one sign throughout the file (a column of charges and discounts is not one)
            one_sign = all(p.negative_share <= 0.1 or p.negative_share >= 0.9 for p in (a, b))
            if both <= 0.05 and cover >= 0.6 and an.mean() < 0.97 and bn.mean() < 0.97 and one_sign:
                found.append((cover - both, a, b))
    found.sort(key=lambda t: (-t[0], t[1].index))
    return [(a, b) for _s, a, b in found]


def _pair(dec: Decision, a: ColumnProfile, b: ColumnProfile, balance: ColumnProfile | None,
          arr: dict[int, np.ndarray], note, *, named: dict[str, int]) -> None:
    """Debit (money out) and credit (money in) of an exclusive pair: from the balance, the header, the
    signs printed, else the column with more rows is the debit."""
    va, vb = arr[a.index], arr[b.index]
    debit, credit, why, conf = None, None, "", 0.5
    if balance is not None:
        share, sign = chain(arr[balance.index], np.nan_to_num(np.abs(vb)) - np.nan_to_num(np.abs(va)))
        if share >= 0.6:
            debit, credit = (a, b) if sign == 1 else (b, a)
            why, conf = "the running balance falls by it", 0.9
    if debit is None and (named.get("debit") in (a.index, b.index) or named.get("credit") in (a.index, b.index)):
        if named.get("debit") == b.index or named.get("credit") == a.index:
            debit, credit = b, a
        else:
            debit, credit = a, b
        why, conf = "the header names it", 0.85
    if debit is None:
        na, nb = va[_nonzero(va)], vb[_nonzero(vb)]
        if len(na) and len(nb) and (na < 0).mean() >= 0.9 and (nb > 0).all():
            debit, credit, why, conf = a, b, "its amounts carry a minus sign", 0.8
        elif len(na) and len(nb) and (nb < 0).mean() >= 0.9 and (na > 0).all():
            debit, credit, why, conf = b, a, "its amounts carry a minus sign", 0.8
    if debit is None:
        if len(va[_nonzero(va)]) >= len(vb[_nonzero(vb)]):
            debit, credit = a, b
        else:
            debit, credit = b, a
        why, conf = "it holds more rows (spending is more frequent than money in)", 0.45
    dec.roles["debit"], dec.roles["credit"] = debit.index, credit.index
    dec.confidence["debit"] = dec.confidence["credit"] = conf
    note(debit.index, f"money out: never filled on the same row as column {credit.index + 1}; {why}")
    note(credit.index, f"money in: never filled on the same row as column {debit.index + 1}")


def _best_single(money: list[ColumnProfile], arr: dict[int, np.ndarray], n: int) -> ColumnProfile | None:
    """The money column most likely to be the amount: named so, most rows, most money-like, leftmost."""
    if not money:
        return None

    def key(p: ColumnProfile) -> tuple[float, float, int]:
        cover = float(_nonzero(arr[p.index]).mean()) if n else 0.0
        named = 1.0 if p.vocab == "amount" else (-1.0 if p.vocab in ("original_amount", "rate", "balance") else 0.0)
        return (named, round(cover, 1) + money_evidence(p)[0] / 20, -p.index)

    return max(money, key=key)


def _single(dec: Decision, amount: ColumnProfile, money: list[ColumnProfile], arr: dict[int, np.ndarray], n: int,
            note, *, named: bool) -> None:
    dec.roles["amount"] = amount.index
    score, _why = money_evidence(amount)
    dec.confidence["amount"] = 0.95 if named else min(0.9, 0.45 + score / 10)
    if named:
        note(amount.index, f"the header {amount.header!r} names the amount")
    others = [p for p in money if p.index != amount.index]
    rivals = [p for p in others if p.vocab not in ("original_amount", "rate", "balance")]
    if not named and rivals:
        dec.confidence["amount"] = min(dec.confidence["amount"], 0.6)
    # a second amount column (a payment-this-month column) that prints the same amounts, or prints one
    # only where the amount column has none: read where the amount is empty
    a = arr[amount.index]
    for p in others:
        b = arr[p.index]
        both = ~np.isnan(a) & ~np.isnan(b)
        fills = bool((np.isnan(a) & ~np.isnan(b)).any())
        same = int(both.sum()) >= 2 and float((np.abs(a[both] - b[both]) < 0.005).mean()) >= 0.8
        if fills and (same or not both.any()) and p.vocab not in ("original_amount", "rate", "balance"):
            dec.twin = p.index
            dec.roles["second_amount"] = p.index
            dec.confidence["second_amount"] = 0.6
            why = "prints the same amounts as" if same else "holds an amount only where there is none in"
            note(p.index, f"{why} column {amount.index + 1}: read where that one is empty")
            break
