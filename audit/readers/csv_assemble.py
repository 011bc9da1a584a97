"""The last step of the CSV engine: the kept rows as the schema's transaction table (dates, printed
description, amount, currency from the file's evidence, foreign amounts, card, holder, kind)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from audit import schema
from audit.masking import mask_card
from audit.model import ParseReport
from audit.readers import csv_plan, csv_rules, csv_table, currency
from audit.readers.csv_cells import Desc
from audit.readers.spec import LayoutSpec
from audit.textcols import arrow
from audit.values import const_str, normalise_column, parse_amounts

_CARD_IN_TEXT = re.compile(r"[0-9*xX]{4}[- ]?[0-9*xX]{4}[- ]?[0-9*xX]{4}[- ]?[0-9*xX]{2,4}")
# Digits or a country prefix right before or after a card-shaped run: it is part of a longer number (an IBAN
# "PL61 1090 1014 0000 0712 ...", a 26-digit account number), not a card number.
_LONGER_BEFORE = re.compile(r"(?:[0-9*]{2,}|[A-Z]{2}[0-9]{2})[- ]?$")
_LONGER_AFTER = re.compile(r"^[- ]?[0-9*]{1,4}(?![0-9*/.:])")


def card_in_lines(lines: list[str]) -> str | None:
    """The first card-number-shaped run in ``lines`` (the preamble) that is not part of a longer number
    such as an IBAN or an account number; None when there is none."""
    for line in lines:
        for m in _CARD_IN_TEXT.finditer(line):
            if _LONGER_BEFORE.search(line[: m.start()]) or _LONGER_AFTER.search(line[m.end():]):
                continue
            return m.group(0)
    return None


def _billing_currency(plan: csv_plan.Plan, spec: LayoutSpec | None, texts: dict[str, pd.Series | None],
                      report: ParseReport, needed: bool, cells: pd.DataFrame) -> str:
    """The currency of rows without a currency cell: the layout's, else from the file's own evidence
    (:mod:`audit.readers.currency`); the report says where it came from when it is used."""
    if spec is not None:
        return spec.currency
    if plan.mapping is not None and plan.mapping.currency:
        report.reading["currency"] = {"code": plan.mapping.currency, "why": "given"}
        return plan.mapping.currency
    roles = [r for r in csv_plan.AMOUNT_ROLES if r in plan.roles]
    merchant = {plan.roles.get(r) for r in ("description", "notes")}  # the other text cells are the issuer's
    issuer_text = [v for i in range(min(cells.shape[1], 64)) if i not in merchant
                   for v in cells.iloc[:50, i].dropna().tolist() if isinstance(v, str)]
    found = currency.billing_currency(plan.header or [], [plan.roles[r] for r in roles],
                                      [c for r in roles if (c := texts.get(r)) is not None], plan.preamble,
                                      issuer_text, report.issuer)
    code, why = found.code, found.why
    report.reading["currency"] = {"code": code, "why": why}
    if needed:
        report.warnings.append(f"billing currency {why}" if code == "unknown" else f"billing currency {code}: {why}")
        if found.hint:  # what the file suggests, for the user to choose from; never the data's currency
            report.reading["currency"] |= {"hint": found.hint}
            report.currency_hint = found.hint
    return code


def _charged_name(description: pd.Series, charge: np.ndarray) -> np.ndarray:
    """Per row: its description (stripped, casefolded, not empty) is also the description of a charge in the file.
    Computed once per distinct description (a statement repeats its merchants), the same as per row."""
    text = description.fillna("").astype("str")
    if not len(text):
        return np.zeros(0, dtype=bool)
    enc = pc.dictionary_encode(arrow(text)).combine_chunks()  # the distinct texts and a code per row
    names = pd.Series(enc.dictionary, dtype="str").str.strip().str.casefold()
    name_of, uniq = pd.factorize(names, use_na_sentinel=True)  # texts that differ only in case or edge spaces
    codes = name_of[enc.indices.to_numpy(zero_copy_only=False)]
    charged = np.zeros(len(uniq) + 1, dtype=bool)
    charged[codes[charge]] = True
    charged[-1] = False  # code -1: missing
    nonempty = np.append(np.asarray(uniq, dtype=object) != "", False)
    return (charged & nonempty)[codes]


def assemble(
    cells: pd.DataFrame,
    lines: np.ndarray,
    keep: np.ndarray,
    plan: csv_plan.Plan,
    spec: LayoutSpec | None,
    name: str,
    dates: pd.Series,
    posting: pd.Series | None,
    amount: pd.Series,
    foreign: csv_rules.ForeignColumns,
    texts: dict[str, pd.Series | None],
    refund_zone: np.ndarray,
    report: ParseReport,
    desc: Desc,
) -> pd.DataFrame:
    idx = np.flatnonzero(keep)

    every = len(idx) == len(cells)

    def take(s: pd.Series | None) -> pd.Series | None:
        if s is None:
            return None
        return s.reset_index(drop=True) if every else s.iloc[idx].reset_index(drop=True)

    row_numbers = lines[idx]  # (one copy: the row column and the ids are built from it without more)
    out = pd.DataFrame({"row": pd.arrays.IntegerArray(row_numbers.astype(np.int64, copy=False), np.zeros(len(idx), dtype=bool))})
    out["id"] = csv_table.numbered_ids(f"{name}:r", row_numbers)
    out["source"] = const_str(name, len(idx))
    out["date"] = take(dates)
    # (no posting dates: the schema's missing dates as they are, not written in one unit and converted to another)
    out["posting_date"] = take(posting) if posting is not None else np.full(len(idx), np.datetime64("NaT", "us"))
    out["description"] = desc.printed(idx)
    if desc.type_phrases:  # the cells as printed, type phrase and all, beside the counterparty read from them
        out[schema.PRINTED] = desc.printed(idx, whole=True)
    out["amount"] = take(amount)
    currency_col = take(texts.get("currency"))
    if currency_col is not None:
        codes = currency.normalise_currency_column(currency_col)
        billing = _billing_currency(plan, spec, texts, report, bool(codes.isna().any()), cells)
        out["currency"] = codes.fillna(billing)
    else:
        billing = _billing_currency(plan, spec, texts, report, True, cells)
        out["currency"] = const_str(billing, len(idx))  # (one text for every row: Arrow buffers, no object per row)
    # foreign amounts: explicit columns, notes regex, second lines
    if foreign.filled:
        o_amount = pd.Series(foreign.original_amount[idx], dtype="float64")
        o_curr = pd.Series(pa.array(foreign.original_currency[idx], type=pa.large_string()), dtype="str")
        o_rate = pd.Series(foreign.rate[idx], dtype="float64")
    else:  # no second lines: every row missing (the columns below may fill them)
        o_amount = pd.Series(np.full(len(idx), np.nan), dtype="float64", copy=False)
        o_curr = const_str(None, len(idx))
        o_rate = pd.Series(np.full(len(idx), np.nan), dtype="float64", copy=False)
    oa_raw = take(texts.get("original_amount"))
    if oa_raw is not None:
        o_amount = o_amount.fillna(parse_amounts(oa_raw).abs())
    oc_raw = take(texts.get("original_currency"))
    if oc_raw is not None:
        o_curr = o_curr.fillna(normalise_column(oc_raw).str.upper())
    rate_raw = take(texts.get("rate"))
    if rate_raw is not None:
        o_rate = o_rate.fillna(parse_amounts(rate_raw).abs())
    notes = take(texts.get("notes"))
    if spec is not None and spec.foreign_notes and notes is not None:
        got = normalise_column(notes).str.extract(spec.foreign_notes)
        if "amount" in got:
            o_amount = o_amount.fillna(parse_amounts(got["amount"]).abs())
        if "currency" in got:
            o_curr = o_curr.fillna(got["currency"].str.upper())
        if "rate" in got:
            o_rate = o_rate.fillna(parse_amounts(got["rate"]).abs())
    if bool(o_curr.notna().any()):  # (no foreign currency on any row: nothing to compare or blank out)
        domestic = o_curr.notna() & (o_curr == out["currency"])
        o_amount = o_amount.where(~domestic)
        o_curr = o_curr.where(~domestic & o_amount.notna())
    sign = np.sign(out["amount"]).replace(0, 1)
    out["original_amount"] = o_amount * sign
    out["original_currency"] = o_curr
    out["rate"] = o_rate
    card = take(texts.get("card"))
    if card is None:
        card_text = card_in_lines(plan.preamble)
        out["card"] = const_str(mask_card(card_text) if card_text else None, len(idx))
    else:
        out["card"] = card
    holder = take(texts.get("cardholder"))
    out["cardholder"] = holder if holder is not None else const_str(None, len(idx))
    # money in from a name the file also shows charging: that merchant's reversal, not income (an account's
    # question only: a card statement's money in is a refund either way)
    account = "balance" in plan.roles
    reversal = _charged_name(out["description"], (out["amount"] > 0).to_numpy(dtype=bool)) if account else None
    out["kind"] = csv_rules.kinds(
        out["amount"].to_numpy(), take(texts.get("type")), spec, refund_zone[idx], lambda pattern: desc.flag(pattern)[idx],
        account=account, reversal=reversal,
    )
    return schema.conform(out)
