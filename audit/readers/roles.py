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
The evidence itself lives in :mod:`audit.readers.roles_money` (numeric columns) and
:mod:`audit.readers.roles_text` (text columns).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audit.readers.profile import ColumnProfile
from audit.readers.role_decision import MONEY_ROLES, Decision
from audit.readers.roles_money import _money_roles, chain, id_evidence, money_evidence
from audit.readers.roles_text import _description

__all__ = ["MONEY_ROLES", "Decision", "chain", "decide", "id_evidence", "money_evidence"]


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
