"""Amounts of a CSV statement: the signed billing amount per row (positive = charged) from one amount
column or a debit/credit pair, with the file's sign convention decided from its evidence."""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.model import ParseReport
from audit.readers import csv_columns, csv_rules
from audit.readers.csv_cells import Cols, Desc
from audit.readers.spec import LayoutSpec
from audit.textcols import map_unique
from audit.values import const_str, normalise_column, parse_amounts, re_contains


def amounts(
    cols: Cols,
    spec: LayoutSpec | None,
    decimal: str | None,
    report: ParseReport,
    desc: Desc,
    header: list[str] | None = None,
    sign: str | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Signed billing amounts (positive = charged) and the raw cell each came from."""
    cells = cols.cells
    n = len(cells)
    amount_raw = cols.get("amount")
    amount = pd.Series(np.nan, index=cells.index, dtype="float64")
    cell = const_str(None, n, cells.index)
    second = cols.get("second_amount")
    if amount_raw is not None and second is not None:
        empty = (amount_raw.isna() | (amount_raw == "")) & second.notna() & (second != "")
        if bool(empty.any()):
            amount_raw = amount_raw.where(~empty, second)
            report.warnings.append(f"{int(empty.sum())} row(s) without an amount in the amount column: amount read "
                                   f"from column {cols.roles['second_amount'] + 1}")
    if amount_raw is not None:
        amount = parse_amounts(amount_raw, decimal=decimal)
        cell = amount_raw
        if sign is not None:  # the person reading the file said how it prints money out
            negative_charges = sign == "charges-negative"
        elif spec is not None:
            negative_charges = spec.charges_negative
            if cols.get("direction") is not None:  # the file's own DEBIT/CREDIT words beat the layout's rule
                by_words = csv_columns.charges_negative_by_type(amount, cols.get)
                if by_words is None and not bool((amount < 0).any()):
                    by_words = False  # unsigned amounts: the words say which rows are money in (below)
                if by_words is not None and by_words != negative_charges:
                    negative_charges = by_words
                    report.warnings.append(f"the direction column contradicts layout {spec.name}'s sign convention: "
                                           "signs follow the column")
        elif cols.get("direction") is not None and not bool((amount < 0).any()):
            negative_charges = False  # unsigned amounts whose direction column says which way: see below
        else:
            negative_charges, why = None, ""
            bank = not desc.flag(_CARD_PAYMENT).any()  # a card's balance owed rises with charges: not a bank's
            if bank:  # the balance's arithmetic first, then a type column, then the balance column's name
                negative_charges, why = csv_columns.money_in_positive(amount, cols.get, cols.roles, header, decimal,
                                                                      arithmetic_only=True)
            if negative_charges is None:
                negative_charges = csv_columns.charges_negative_by_type(amount, cols.get)
                why = "rows typed as money out are negative in this file"
            if negative_charges is None and bank:
                negative_charges, why = csv_columns.money_in_positive(amount, cols.get, cols.roles, header, decimal)
            if negative_charges is None:
                negative_charges = _charges_look_negative(amount, cols, desc)
                why = "charges appear as negative numbers in this file (judged from the data)"
            if negative_charges:
                report.warnings.append(f"{why}: signs flipped")
        if negative_charges:
            amount = -amount
        if spec is None or (sign is None and cols.get("direction") is not None):
            amount, note = csv_columns.apply_direction(amount, cols.get)
            if note:
                report.warnings.append(note)
    debit_raw, credit_raw = cols.get("debit"), cols.get("credit")
    if debit_raw is not None or credit_raw is not None:
        debit = parse_amounts(debit_raw, decimal=decimal).abs() if debit_raw is not None else None
        credit = parse_amounts(credit_raw, decimal=decimal).abs() if credit_raw is not None else None
        if debit is not None and credit is not None:
            both = debit.fillna(0) - credit.fillna(0)
            split = both.where(debit.notna() | credit.notna())
            split_cell = debit_raw.where(debit_raw.notna() & (debit_raw != ""), credit_raw)
        elif debit is not None:
            split, split_cell = debit, debit_raw
        else:
            split, split_cell = -credit, credit_raw  # type: ignore[operator]
        fill = amount.isna()
        amount = amount.where(~fill, split)
        cell = cell.where(~fill | cell.notna() & (cell != ""), split_cell)
    huge = amount.abs() >= MAX_AMOUNT  # infinity or beyond any statement: the row is reported, not counted
    if bool(huge.any()):
        amount = amount.where(~huge)
    return amount, cell


MAX_AMOUNT = 1e13  # ten trillion: more than any card or bank statement row, in any currency


# Paying off a card ("PAYMENT - THANK YOU", "AUTOPAY"): the file is a card's, whose balance owed
# rises with charges, so a running balance says nothing about a bank's sign convention.

_CARD_PAYMENT = r"(?i)payment.{0,20}(thank|received)|thank you|autopay|ご入金ありがとう"

# Descriptions of money coming back to the card: payments, refunds, credits (EN, DE, FR, NL, ES, IT, JA);
# and of money coming into an account (Italian "bonifico ricevuto", "accredito stipendio").

_CREDIT_WORDS = (
    r"(?i)payment.{0,20}(thank|received)|thank you|autopay|\brefund|gutschrift|erstattung|remboursement"
    r"|terugbetaling|reembolso|rimborso|\bricevut[oa]\b|\baccredit[oi]\b|返金|ご入金|入金|还款|退款|返还"
)


def _charges_look_negative(amount: pd.Series, cols: Cols, desc: Desc) -> bool:
    """Decide a generic file's sign convention: rows typed as purchases, then payments, then the majority."""
    known = amount.notna() & (amount != 0)
    types = cols.get("type")
    if types is not None:
        t = normalise_column(types)
        charge_pattern = next(p for p, k in csv_rules.DEFAULT_KIND_MAP.items() if k == "charge")
        sales = known & t.str.contains(charge_pattern, regex=True, na=False)
        if bool(sales.any()):
            return bool((amount[sales] < 0).mean() > 0.5)
    if "description" in cols.roles:
        pays = known & (desc.flag(_CREDIT_WORDS) | _other_text_says(cols, _CREDIT_WORDS))
        nz = amount[known]
        majority = float((nz < 0).mean()) if len(nz) else 0.5
        n_pays = int(pays.sum())
        positive_pays = float((amount[pays] > 0).mean()) if n_pays else 0.0
        # credit words decide when they agree among themselves (two or more) or when the signs are split;
        # one "REFUND" never turns a file whose amounts mostly carry one sign
        if (n_pays >= 2 and positive_pays in (0.0, 1.0)) or (n_pays and 0.35 <= majority <= 0.65):
            return positive_pays > 0.5
    nz = amount[known]
    return bool(len(nz)) and bool((nz < 0).mean() > 0.5)


def _other_text_says(cols: Cols, pattern: str) -> np.ndarray:
    """Rows where any text column (a bank's causale, a type or remark column beside the payee column the
    description is read from) holds ``pattern``: the row's own words, wherever the file prints them."""
    hit = np.zeros(len(cols.cells), dtype=bool)
    for idx in range(cols.cells.shape[1]):
        col = cols.cells.iloc[:, idx]
        if col.dtype != object and str(col.dtype) not in ("str", "string"):
            continue
        text = col.astype("str").where(col.notna(), "")
        said = map_unique(text, lambda u: re_contains(normalise_column(u).fillna(""), pattern))  # per distinct text
        hit |= said.to_numpy(dtype=bool)
    return hit
