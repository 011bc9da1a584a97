"""Settle the column roles of a generic CSV statement once its body is read.

The header's words (:func:`audit.readers.infer.header_roles`) are checked against the columns'
contents and completed from them (:mod:`audit.readers.roles`); a first body row of plain words above
the data is taken as an unnamed header. A layout spec's roles are kept as the spec says.
"""

from __future__ import annotations

import re

import pandas as pd

from audit.model import ColumnChoice
from audit.readers import csv_table, currency, infer, profile, roles
from audit.readers.csv_plan import Plan

_CARD_WORDS = r"(?i)\bcard\b|credit ?card|kreditkarte|\bkarte\b|\bcarte\b|tarjeta|carta di credito|creditcard|カード|信用卡|卡号|картк|карт"


def resolve(plan: Plan, body: csv_table.CellTable) -> tuple[Plan, csv_table.CellTable, roles.Decision]:
    """Roles for a generic file from its header and contents (the plan is updated in place)."""
    cells = body.cells
    header = plan.header
    named = dict(plan.roles)
    profiles = profile.profile_columns(cells, header, named=named.values())
    card_file = _card_file(plan, profiles)
    dec = roles.decide(profiles, named, card_file=card_file)
    if header is None and len(cells) >= 2 and _first_row_is_header(cells, dec):
        header = [str(c).strip() if isinstance(c, str) else "" for c in cells.iloc[0].tolist()]
        body = csv_table.CellTable(cells.iloc[1:].reset_index(drop=True), body.lines[1:], body.problems, body.warnings)
        named = infer.header_roles(header)
        profiles = profile.profile_columns(body.cells, header, named=named.values())
        dec = roles.decide(profiles, named, card_file=_card_file(plan, profiles))
        plan.header = header
        dec.notes.append("the first row holds words above the data: read as the header")
    _currency_of_original(dec, header)
    _linked_rows(dec, profiles)
    if cells.shape[1] > profile.MAX_COLUMNS:
        dec.notes.append(f"only the first {profile.MAX_COLUMNS} of {cells.shape[1]} columns examined for dates and amounts")
    plan.roles = dict(dec.roles)
    plan.choices = dec.choices(profiles)
    plan.twin = dec.twin
    return plan, body, dec


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{7,}")


def _linked_rows(dec: roles.Decision, profiles: list[profile.ColumnProfile]) -> None:
    """A column of unique transaction codes and another column naming the code of a related row (a
    reference): found from the contents, so the reader can tell a row's bookkeeping legs (funding,
    conversion) from the row itself."""
    used = set(dec.roles.values())
    codes = [p for p in profiles if p.index not in used and p.texts is not None and p.filled >= 3
             and p.unique_share >= 0.95 and bool(p.texts.str.fullmatch(_CODE).mean() >= 0.9)
             and bool(p.texts.str.contains(r"[0-9]").mean() >= 0.9)]
    for ids in codes:
        known = set(ids.texts.tolist())
        for ref in profiles:
            if ref.index in used or ref.index == ids.index or ref.texts is None:
                continue
            inside = ref.texts.isin(known)
            if bool(inside.any()) and float(inside.mean()) >= 0.8:
                dec.roles["row_id"], dec.roles["reference"] = ids.index, ref.index
                dec.evidence.setdefault(ids.index, []).append("unique transaction codes")
                dec.evidence.setdefault(ref.index, []).append(f"codes of other rows (column {ids.index + 1}): a reference")
                return


def _currency_of_original(dec: roles.Decision, header: list[str] | None) -> None:
    """A currency column beside an original-amount column, when the amount's own header states the billing
    currency (``Amount (UAH)``): the currency of the original amounts, not the billing one. The other way
    round, a column named as a foreign currency with no foreign amount anywhere is the amounts' currency."""
    r = dec.roles
    if "original_currency" in r and "currency" not in r and "original_amount" not in r and "rate" not in r:
        # a currency column (Divisa, Valuta) beside one amount and no foreign amount: the amount's currency
        r["currency"] = r.pop("original_currency")
        dec.evidence.setdefault(r["currency"], []).append(
            "no foreign amount beside it: the currency of the amounts")
        return
    if header is None or "currency" not in r or "original_amount" not in r or "original_currency" in r:
        return
    money = [r[k] for k in ("amount", "debit", "credit") if k in r]
    if any(i < len(header) and currency.header_code(header[i]) for i in money):
        r["original_currency"] = r.pop("currency")
        dec.evidence.setdefault(r["original_currency"], []).append(
            "the amount's header names the billing currency: this is the currency of the original amounts")


def direction_beside_spec(plan: Plan, body: csv_table.CellTable) -> None:
    """A column of direction words (DEBIT / CREDIT, 支出 / 收入) that the layout spec does not name: kept as
    the ``direction`` role, so the file's own words can overrule the layout's sign convention."""
    named = set(plan.roles.values())
    cells = body.cells
    for idx in range(min(cells.shape[1], profile.MAX_COLUMNS)):
        if idx in named:
            continue
        p = profile.profile_column(cells.iloc[:3000, idx], idx)
        if p.direction_share >= 0.8 and p.filled >= 1:
            plan.roles["direction"] = idx
            return


def choices_for_spec(plan: Plan, ncols: int) -> list[ColumnChoice]:
    """A layout spec's roles as column choices (sure: the layout says so)."""
    by_col = {i: r for r, i in plan.roles.items()}
    header = plan.header or []
    name = plan.layout.name if plan.layout else ""
    return [
        ColumnChoice(i + 1, header[i] if i < len(header) else "", by_col.get(i, "ignore"), 1.0,
                     [f"layout {name}"] if i in by_col else [])
        for i in range(ncols)
    ]


def choices_given(plan: Plan, ncols: int) -> list[ColumnChoice]:
    """A person's column mapping as column choices (sure: they said so)."""
    by_col = {i: r for r, i in plan.roles.items()}
    header = plan.header or []
    return [
        ColumnChoice(i + 1, header[i] if i < len(header) else "", by_col.get(i, "ignore"), 1.0,
                     [f"given ({plan.source})"] if i in by_col else [])
        for i in range(ncols)
    ]


def _card_file(plan: Plan, profiles: list[profile.ColumnProfile]) -> bool:
    """Whether the file is a card statement: it says so above the table, or a column holds card numbers
    or a few four-digit card endings."""
    if any(re.search(_CARD_WORDS, line) for line in plan.preamble):
        return True
    for p in profiles:
        if p.vocab == "card":
            return True
        if (p.num_share >= 0.9 and p.fraction_share == 0 and p.min_digits == p.max_digits == 4 and p.filled >= 4
                and p.distinct <= max(3, p.filled // 3)):
            return True
    return False


def _first_row_is_header(cells: pd.DataFrame, dec: roles.Decision) -> bool:
    """A first row whose date cell holds words without digits, while the rows below hold dates."""
    idx = dec.roles.get("date")
    if idx is None:
        return False
    first = cells.iloc[0, idx]
    if not isinstance(first, str) or not first.strip():
        return False
    return not re.search(r"[0-9]", first)
