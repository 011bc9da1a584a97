"""Give the columns of a generic delimited statement their roles, jointly, from evidence.

The header's words are one piece of evidence (:mod:`audit.readers.infer`); the contents of the whole
column are the others (:mod:`audit.readers.profile`):

* **date**: the share of cells that read as dates; of two date columns the one the header calls the use
  date, else the earlier of the two (a posting or value date follows the use date), else the first;
* **money or an identifier**: cents, signs, currency marks and thousands separators speak for money;
  leading zeros, numbers counting up by one, nine or more bare digits, one digit count throughout, the
  same number on every row, four-digit codes (card endings, category codes) and whole numbers beside
  amounts with cents speak for an identifier (a check, document or account number, a card's last four);
* **a running balance**: a column whose steps from row to row are the rows' amounts;
* **debit and credit**: two money columns that are never both filled on a row; which is which from the
  balance, the header, the signs printed, or (weakest) which holds more rows;
* **description**: the text column with the most varied and longest text (a counterparty name before a
  memo when the header says so); a column of few repeated words is a type, one of direction words
  (debit/credit, 支出/收入) says which way each row goes, one of currency codes is the currency.

Each choice carries a confidence (0-1) and its evidence in words, for the parse report and the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from audit.model import ColumnChoice
from audit.readers.profile import ColumnProfile

MONEY_ROLES = ("amount", "debit", "credit")


@dataclass
class Decision:
    """The roles of a file's columns and why."""

    roles: dict[str, int]
    evidence: dict[int, list[str]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)  # per role
    notes: list[str] = field(default_factory=list)
    twin: int | None = None  # a second amount column read when a row's amount cell is empty

    def choices(self, profiles: Sequence[ColumnProfile]) -> list[ColumnChoice]:
        """One :class:`ColumnChoice` per column (``ignore`` for columns without a role)."""
        by_col = {i: r for r, i in self.roles.items()}
        out = []
        for p in profiles:
            role = by_col.get(p.index, "ignore")
            conf = self.confidence.get(role, 1.0 if role == "ignore" else 0.5)
            out.append(ColumnChoice(p.index + 1, p.header, role, round(conf, 2), list(self.evidence.get(p.index, []))))
        return out

    def overall(self) -> float:
        """The least sure of the choices that matter most: date, amount (or debit/credit), description."""
        keys = ["date", "description"] + [r for r in MONEY_ROLES if r in self.roles]
        vals = [self.confidence.get(k, 0.0) for k in keys]
        return round(min(vals), 2) if vals else 0.0


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


# ------------------------------------------------------------------------------------------ decision


def decide(profiles: Sequence[ColumnProfile], named: dict[str, int], *, card_file: bool = False) -> Decision:
    """Roles for a generic file: ``named`` holds the roles the header's words gave (checked against the
    contents here, kept when they agree); the rest come from the contents."""
    dec = Decision(roles={})
    ev = dec.evidence
    by = {p.index: p for p in profiles}
    rows = max((p.rows for p in profiles), default=0)

    def note(idx: int, text: str) -> None:
        ev.setdefault(idx, []).append(text)

    # ---- dates
    not_dates = ("id", "card", "amount", "debit", "credit", "balance", "original_amount", "rate")
    dated = [p for p in profiles if p.date_share >= 0.6 and p.fill >= 0.25 and p.vocab not in not_dates]
    named_date = named.get("date")
    if named_date is not None and by.get(named_date) is not None and by[named_date].date_share >= 0.1:
        date = by[named_date]
        note(date.index, f"the header {date.header!r} names the date")
        dec.confidence["date"] = 0.95
    elif dated:
        date = _pick_date(dated, card_file, note)
        dec.confidence["date"] = 0.8 if len(dated) == 1 else 0.6
    else:
        date = None
    if date is not None:
        dec.roles["date"] = date.index
        note(date.index, f"{date.date_share:.0%} of the cells read as dates ({date.date_format})")
        post = named.get("posting_date")
        others = [p for p in dated if p.index != date.index and (date.yearless or not p.yearless)]
        if post is not None and post != date.index and by.get(post) is not None and by[post].date_share >= 0.5:
            dec.roles["posting_date"] = post
        elif others:
            dec.roles["posting_date"] = min(others, key=lambda p: abs(p.index - date.index)).index
        if "posting_date" in dec.roles:
            dec.confidence["posting_date"] = 0.8
            note(dec.roles["posting_date"], "a second date column (posting or value date)")
    used = set(dec.roles.values())

    # ---- money
    numeric = [p for p in profiles if p.index not in used and p.num_share >= 0.6 and p.filled
               and not (p.date_share >= 0.9 and p.fraction_share == 0 and p.negative_share == 0)]
    cents = [p for p in numeric if p.cents_share >= 0.5]
    money: list[ColumnProfile] = []
    ids: list[tuple[float, ColumnProfile]] = []
    for p in numeric:
        others_cents = any(o.index != p.index for o in cents)
        id_score, id_why = id_evidence(p, others_cents)
        money_score, money_why = money_evidence(p)
        if id_score > money_score:
            ids.append((money_score - id_score, p))
            for w in id_why:
                note(p.index, w)
        else:
            money.append(p)
            for w in money_why:
                note(p.index, w)
    if not money and ids:  # nothing looks like money: the least id-like column, with low confidence
        ids.sort(key=lambda t: (-t[0], t[1].index))
        money = [ids[0][1]]
        note(money[0].index, "the only numeric column left, although it looks like an identifier")
    dated_rows = np.ones(rows, dtype=bool)
    if date is not None and date.dates is not None and bool(date.dates.notna().any()):
        dated_rows = date.dates.notna().to_numpy()[:rows]  # transactions are the dated rows
    _money_roles(dec, money, named, by, dated_rows, note, also=[p for _s, p in ids if p not in money])
    used = set(dec.roles.values())

    # ---- other roles from the contents: currency, direction, description, type
    for p in profiles:
        if p.index in used or p.vocab not in (None, "currency", "direction", "type", "notes"):
            continue
        if "currency" not in dec.roles and p.currency_share >= 0.8:
            dec.roles["currency"] = p.index
            dec.confidence["currency"] = 0.9
            note(p.index, "currency codes or names: " + ", ".join(sorted(p.currencies)))
        elif "direction" not in dec.roles and p.direction_share >= 0.8:
            dec.roles["direction"] = p.index
            dec.confidence["direction"] = 0.85
            note(p.index, "direction words (money in / out) on every row")
    used = set(dec.roles.values())
    _description(dec, profiles, named, used, note)
    for p in profiles:  # a short column of movement words beside the description: the type
        if p.index in dec.roles.values() or p.vocab not in (None, "type", "notes"):
            continue
        if "type" not in dec.roles and "type" not in named and p.kind_share >= 0.8 and p.filled >= 2:
            dec.roles["type"] = p.index
            dec.confidence["type"] = 0.7
            note(p.index, "words saying what kind of row each is (payment, top-up, refund ...)")
    # the header's date or amount column kept when the contents found none: its rows are reported
    if "date" not in dec.roles and named.get("date") in by and named["date"] not in dec.roles.values():
        dec.roles["date"] = named["date"]
        dec.confidence["date"] = 0.3
        note(named["date"], "named the date by its header, although few cells read as dates")
    if not set(MONEY_ROLES) & dec.roles.keys():
        for role in MONEY_ROLES:
            if named.get(role) in by and named[role] not in dec.roles.values():
                dec.roles[role] = named[role]
                dec.confidence[role] = 0.3
                note(named[role], f"named the {role} by its header, although few cells read as amounts")
    notes = [p for p in profiles if p.vocab == "notes" and p.index not in dec.roles.values()]
    if len(notes) > 1 and named.get("notes") in by and by[named["notes"]].letter_share < 0.3:
        worded = [p for p in notes if p.letter_share >= 0.3]  # a notes column of words, not of reference numbers
        if worded:
            named = {**named, "notes": worded[0].index}
    for role in ("currency", "type", "status", "card", "cardholder", "notes", "original_amount", "original_currency",
                 "rate", "direction", "balance"):
        idx = named.get(role)
        if role not in dec.roles and idx is not None and idx not in dec.roles.values() and idx in by:
            dec.roles[role] = idx
            dec.confidence[role] = 0.9
            note(idx, f"the header {by[idx].header!r} names the {role.replace('_', ' ')}")
    return dec


def _out_of_order(p: ColumnProfile) -> int:
    """How many times a date column steps against its general direction down the file (0: in order)."""
    if p.dates is None:
        return 10**9
    d = p.dates.dropna().to_numpy()
    if len(d) < 3:
        return 10**9
    step = (d[1:] - d[:-1]).astype("int64")
    return int(min((step > 0).sum(), (step < 0).sum()))


def _pick_date(dated: list[ColumnProfile], card_file: bool, note) -> ColumnProfile:
    """Of several date columns: the one the header calls the date; one with a year before a day and month
    alone; the one that keeps the file's order (the date a statement lists its rows by); on a card
    statement, or with no header word for either, the earlier of two (the use date before the posting date);
    else the first."""
    vocab = [p for p in dated if p.vocab == "date"]
    if len(vocab) == 1:
        return vocab[0]
    full = [p for p in dated if not p.yearless]
    dated = full or dated  # a date with its year before a day and month alone (a billing month "18/8")
    if len(dated) == 1:
        return dated[0]
    first, second = sorted(dated[:2], key=lambda p: p.index)
    order = {p.index: _out_of_order(p) for p in (first, second)}
    if order[first.index] != order[second.index] and min(order.values()) < 10**9:
        chosen = min((first, second), key=lambda p: order[p.index])
        note(chosen.index, "of two date columns, the one in the order of the rows (the booking date)")
        return chosen
    if first.dates is not None and second.dates is not None:
        # the use (or booking) date comes first and a posting or value date follows it: the evidence is the
        # dates themselves, not which column is printed first (a reordered export reads the same)
        a, b = first.dates, second.dates
        both = a.notna() & b.notna()
        if int(both.sum()) >= 2 and bool((a[both] != b[both]).any()):
            kind = "on a card statement" if card_file else "with no header word to tell them apart"
            if bool((b[both] <= a[both]).mean() >= 0.9):
                note(second.index, f"{kind}, the earlier of two dates is the use date")
                return second
            if bool((a[both] <= b[both]).mean() >= 0.9):
                note(first.index, f"{kind}, the earlier of two dates is the use date")
                return first
    note(first.index, "the first of several date columns")
    return first


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


def _noise(p: ColumnProfile) -> float:
    """Share of characters that are neither letters nor spaces in a text column."""
    if p.texts is None or not len(p.texts):
        return 1.0
    text = "".join(p.texts.head(200).tolist())
    return sum(not (c.isalpha() or c.isspace()) for c in text) / max(1, len(text))


def _few_words(p: ColumnProfile) -> bool:
    """A column of a handful of texts repeated down the rows (a type or status, not a merchant)."""
    return p.filled >= 6 and p.distinct <= max(2, int(0.34 * p.filled))


def _text_score(p: ColumnProfile) -> float:
    """How much a column reads as a description: varied, long, filled text."""
    return p.unique_share * math.log1p(p.mean_length) * p.fill


def _texty(p: ColumnProfile) -> bool:
    """A column of words (not dates, amounts, ids, currency codes or direction words)."""
    return (bool(p.filled) and p.letter_share >= 0.5 and p.num_share < 0.5 and p.date_share < 0.5
            and p.id_share < 0.5 and p.currency_share < 0.5 and p.direction_share < 0.8
            and not (p.filled >= 3 and p.distinct == 1))


def _rival_text(named: ColumnProfile, profiles: Sequence[ColumnProfile], used: set[int]) -> ColumnProfile | None:
    """The most varied text column other than ``named`` whose header names no other role (or a memo)."""
    rivals = [p for p in profiles if p.index != named.index and p.index not in used and _texty(p)
              and p.vocab in (None, "notes", "description") and not _few_words(p) and p.unique_share >= 0.5]
    return max(rivals, key=lambda p: (_text_score(p), -p.index)) if rivals else None


def _named_is_type(dec: Decision, p: ColumnProfile, profiles: Sequence[ColumnProfile], named: dict[str, int],
                   used: set[int], note) -> bool:
    """The header names ``p`` the description, but it holds a handful of repeated words (a type column:
    card payment, incoming transfer) while another column holds varied names: that one is the description
    and ``p`` the type. True when so decided."""
    if not (_few_words(p) or (p.kind_share >= 0.8 and p.filled >= 2 and p.unique_share < 0.5)):
        return False
    rival = _rival_text(p, profiles, used)
    if rival is None or rival.distinct < 2 * p.distinct:
        return False
    dec.roles["description"] = rival.index
    # a handful of words against names differing on most rows is clear; a closer call is asked about
    clear = (p.distinct <= 3 or p.unique_share <= 0.1) and rival.unique_share >= 0.5
    dec.confidence["description"] = 0.8 if clear else 0.6
    note(rival.index, f"varied text ({rival.distinct} different values, {rival.mean_length:.0f} characters on average): "
                      f"the description, rather than column {p.index + 1} named so by its header")
    if "type" not in dec.roles and "type" not in named:
        dec.roles["type"] = p.index
        dec.confidence["type"] = 0.8
    note(p.index, f"the header {p.header!r} names the description, but it holds {p.distinct} repeated "
                  f"text(s) on {p.filled} rows: a type column")
    return True


def _description(dec: Decision, profiles: Sequence[ColumnProfile], named: dict[str, int], used: set[int], note) -> None:
    """The description: the header's choice when it holds text (unless its contents are a type column
    beside a column of varied names), else the most varied text column."""
    by = {p.index: p for p in profiles}
    idx = named.get("description")
    if (idx is not None and idx in by and idx not in used and by[idx].id_share < 0.5
            and (by[idx].letter_share >= 0.2 or by[idx].filled == 0)):  # a "payer" column of IBANs names nobody
        if _named_is_type(dec, by[idx], profiles, named, used, note):
            return
        dec.roles["description"] = idx
        dec.confidence["description"] = 0.95
        note(idx, f"the header {by[idx].header!r} names the description")
        rival = _rival_text(by[idx], profiles, used)
        if (rival is not None and rival.vocab is None and by[idx].unique_share < 0.5
                and rival.distinct >= 2 * by[idx].distinct):
            # the named column repeats its texts, an unnamed one beside it varies far more: either may
            # name the merchant
            dec.confidence["description"] = 0.65
            note(rival.index, f"varied text too ({rival.distinct} different values): it may hold the merchant "
                              f"rather than column {idx + 1}")
        return
    scored = []
    for p in profiles:
        if p.index in used or not p.filled or p.letter_share < 0.5 or p.num_share >= 0.5 or p.date_share >= 0.5:
            continue
        if p.id_share >= 0.5 or p.currency_share >= 0.5 or p.direction_share >= 0.8:
            continue
        if p.filled >= 3 and p.distinct == 1:
            continue
        few = _few_words(p)
        score = _text_score(p)
        if p.vocab == "description":
            score += 1.0
        elif p.vocab in ("notes", "type", "status"):
            score -= 0.5
        scored.append((score - (0.5 if few else 0.0), few, p))
    if not scored:
        dec.notes.append("no column of text found for the description")
        return
    scored.sort(key=lambda t: (-t[0], t[2].index))
    best_score, _few, best = scored[0]
    dec.roles["description"] = best.index
    margin = best_score - scored[1][0] if len(scored) > 1 else best_score
    dec.confidence["description"] = 0.85 if margin >= 0.5 else 0.6
    note(best.index, f"the most varied text ({best.distinct} different values, {best.mean_length:.0f} characters on average)")
    headerless = not any(q.vocab for q in profiles)
    for score, few, p in scored[1:]:
        if few and "type" not in dec.roles and "type" not in named:
            dec.roles["type"] = p.index
            dec.confidence["type"] = 0.7
            note(p.index, f"few repeated words ({p.distinct} values): a type column")
            break
        if (headerless and not few and "description2" not in dec.roles and score >= 0.6 * best_score
                and p.unique_share >= 0.5 and p.fill >= 0.5):
            # no header to say which of two varied text columns names the merchant: both are read
            # the cleaner text first (fewer digits and signs: a payee before a bank's memo), whatever the order
            a, b = sorted((best, p), key=lambda q: (_noise(q), q.header, q.index))
            dec.roles["description"], dec.roles["description2"] = a.index, b.index
            dec.confidence["description"] = min(dec.confidence["description"], 0.6)
            note(p.index, f"varied text too, with no header to tell it from column {best.index + 1}: joined to it")
