"""What the columns of a generic statement mean beyond their names: which text column names the
counterparty, which way the amounts point.

* :func:`description_column`: of several text columns, the one naming who was paid (payee, 名前,
  Partner Name, Auftraggeber/Empfänger ...) before generic ones (Description, 摘要); columns holding
  the same text on every row (an account name) or ids (IBANs, numbers, e-mail addresses) are passed
  over; a column's numbered or longer-named companion (``Description 1`` + ``Description 2``,
  ``摘要`` + ``摘要内容``) is joined to it; a row whose description is empty takes the next column that
  has text (the other candidates' texts joined in file order, then the notes, then the type).
* :func:`money_in_positive`: for a single signed amount column beside a running balance (a bank or
  e-money account), whether positive numbers are money in: from the balance arithmetic when the rows
  chain, else from the column name (利用額 = spent; 入出金, Amount = account movement, deposits positive).
* :func:`apply_direction`: an unsigned amount column whose sign lives in another column (``debit`` /
  ``credit``, ``D``/``C``, ``Soll``/``Haben``, チャージ / 支払, 取消): money-in rows made negative.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from audit.readers import infer
from audit.textcols import strip_column
from audit.values import normalise_column, parse_amounts

GetColumn = Callable[[str], "pd.Series | None"]

# Cell contents that identify rather than describe: IBANs, long digit runs, e-mail addresses, hex ids.
_ID_LIKE = r"[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,32}|[A-Z]{2}[0-9]{2}(?: ?[0-9A-Zx*]{4}){2,8}|[0-9 .\-/]{8,}|\S+@\S+\.\S+|[0-9A-Fa-f]{16,}|[A-Za-z0-9]{24,}"


def _column(cells: pd.DataFrame, idx: int) -> pd.Series:
    return strip_column(cells.iloc[:, idx].astype("str"))


def _useless(values: pd.Series) -> bool:
    """A candidate that names nobody: empty, one text on every row, or mostly ids (judged on a sample)."""
    v = values.head(2000).dropna()
    v = v[v != ""]
    if v.empty:
        return True
    if len(v) >= 3 and v.nunique() == 1 and len(values) >= 3:
        return True
    return bool(v.str.fullmatch(_ID_LIKE).mean() > 0.5)


def _joined_texts(columns: list[pd.Series]) -> pd.Series:
    """Per row, the texts of several description columns in the order given (a type and a remark when the payee
    cell is empty: ``Addebito utenze Telefonia gennaio``), cells that are only ids left out."""
    parts = [c.where(c.notna() & ~c.fillna("").str.fullmatch(_ID_LIKE), "").fillna("") for c in columns]
    joined = parts[0]
    for p in parts[1:]:
        joined = (joined + " " + p).str.strip()
    joined = joined.str.replace(r"\s{2,}", " ", regex=True)
    return joined.where(joined != "", None)


def _noise(col: pd.Series) -> float:
    """Share of characters that are neither letters nor spaces in a text column (its first 200 cells)."""
    text = "".join(col.dropna().astype("str").head(200).tolist())
    return round(sum(not (c.isalpha() or c.isspace()) for c in text) / max(1, len(text)), 2)


def _related(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a))


def description_column(cells: pd.DataFrame, plan, get: GetColumn) -> pd.Series | None:
    """The description text per row (see the module docstring); None when the file has no text column."""
    header = plan.header
    given = plan.mapping is not None and "description" in plan.mapping.columns
    if plan.layout is not None or given:  # a spec's or a person's choice is not second-guessed
        return get("description")
    if header is None:  # no header: a name column's empty cells are filled from the memo the contents found
        out, memo = get("description"), get("notes")
        if out is not None and memo is not None:
            out = out.where(out.notna() & (out != ""), memo)
        return out
    cands = infer.description_candidates(header)
    if not cands:
        return get("description")
    series = {c: _column(cells, c) for c in cands if c < cells.shape[1]}
    useful = [c for c in cands if c in series and not _useless(series[c])]
    decided = plan.roles.get("description")
    if decided is not None and decided not in series and not _useless(_column(cells, decided)):
        # the contents overruled the header (the named columns hold only account numbers, or a handful of
        # type words beside a column of names): the column chosen, its empty rows filled from the named ones
        out = get("description")
        if out is not None and useful:
            empty = (out.isna() | (out == "")).to_numpy()
            out = out.where(~empty, _joined_texts([series[c] for c in useful]))
        return out
    if len(series) == 1:  # nothing to choose between
        keep = list(series)
    else:
        keep = useful or [c for c in cands if c in series][:1]
    if not keep:
        return None
    primary = keep[0]
    out = series[primary]
    base = infer.header_base(header[primary])
    companion = next((c for c in keep[1:] if _related(base, infer.header_base(header[c]))), None)
    if companion is not None:
        first, second = sorted((primary, companion), key=lambda c: (infer.normalise_header(header[c]), c))
        joined = (series[first].fillna("") + " " + series[second].fillna("")).str.strip()
        out = joined.where(joined != "", None)
    # texts joined cleanest first (a type before a memo carrying numbers), whatever the column order
    others = sorted((c for c in keep[1:] if c != companion),
                    key=lambda c: (_noise(series[c]), infer.normalise_header(header[c]), c))
    fallbacks = [_joined_texts([series[c] for c in others])] if len(others) > 1 else [series[c] for c in others]
    fallbacks += [s for s in (get("notes"), get("type")) if s is not None and not _useless(s.str.strip())]
    for alt in fallbacks:
        empty = (out.isna() | (out == "")).to_numpy()
        if not empty.any():
            break
        out = out.where(~empty, alt)
    return out


# Amount column names that count money spent (positive = out) rather than an account's movement.
_SPENT_NAME = r"利用|使用|支払|(?i:spent|spend|charge|purchase|debit)"


def money_in_positive(
    amount: pd.Series, get: GetColumn, roles: dict[str, int], header: list[str] | None, decimal: str | None,
    *, arithmetic_only: bool = False,
) -> tuple[bool | None, str]:
    """``(True, why)`` when positive amounts are money in (to be flipped), ``(False, why)`` when they are
    money out, ``(None, "")`` when a running balance gives no answer (no balance column; with
    ``arithmetic_only``, also when the balance's steps do not settle it and only the column names would)."""
    balance_raw = get("balance")
    if balance_raw is None:
        return None, ""
    head = 5000  # the first rows are evidence enough
    balance = parse_amounts(balance_raw.head(head), decimal=decimal).to_numpy(dtype="float64")
    amt = amount.head(head).to_numpy(dtype="float64")
    votes_in = votes_out = 0
    step = balance[1:] - balance[:-1]
    for d, a in ((step, amt[1:]), (-step, amt[:-1])):  # rows oldest first / newest first
        ok = ~np.isnan(d) & ~np.isnan(a) & (a != 0)
        votes_in += int((np.abs(d - a) < 0.005)[ok].sum())
        votes_out += int((np.abs(d + a) < 0.005)[ok].sum())
    if votes_in != votes_out:
        why = "the running balance rises by the positive amounts" if votes_in > votes_out else ""
        return votes_in > votes_out, why
    if arithmetic_only:
        return None, ""
    idx = roles.get("amount")
    name = header[idx] if header is not None and idx is not None and idx < len(header) else ""
    if re.search(_SPENT_NAME, infer.normalise_header(name)):
        return False, ""
    return True, "an account export with a running balance: positive amounts are money in"


# Direction words of an indicator / type column. Money in is tried first (支払取消 is a cancellation).
_IN_WORDS = (
    r"チャージ|入金|取消|キャンセル|返金|払戻|払い戻し|ダウンロード|預入|收入|退款|зарахування|"
    r"(?i:^(?:c|cr|h|bij|credit|haben)$|\bcredit\b|refund|deposit|top.?up|gutschrift|reversal|crédit|abono)"
)
_OUT_WORDS = r"支払|利用|出金|引落|引出|アップロード|支出|списання|(?i:^(?:d|dr|s|af|debit|soll)$|\bdebit\b|purchase|\bsale\b|lastschrift|débit|cargo)"


def _direction_or_type(get: GetColumn) -> pd.Series | None:
    """The column saying which way each row goes: a direction column (Af/Bij, D/C), else the type."""
    direction = get("direction")
    return direction if direction is not None else get("type")


def charges_negative_by_type(amount: pd.Series, get: GetColumn) -> bool | None:
    """For a signed amount column: True when rows typed as money out (Debit Transfer, Lastschrift,
    支払) are mostly negative, False when mostly positive, None when the type column says nothing."""
    types = _direction_or_type(get)
    if types is None:
        return None
    t = normalise_column(types).fillna("")
    money_in = t.str.contains(_IN_WORDS, regex=True).to_numpy(dtype=bool)
    money_out = t.str.contains(_OUT_WORDS, regex=True).to_numpy(dtype=bool) & ~money_in
    a = amount.to_numpy(dtype="float64")
    known = ~np.isnan(a) & (a != 0)
    if not (a[known] < 0).any():
        return None  # unsigned amounts: apply_direction's case
    if not (a[known] > 0).any():  # every amount negative: charges are printed negative when rows say money out
        return True if bool((money_out & known).any()) and not bool((money_in & known).any()) else None
    neg_out = int((money_out & known & (a < 0)).sum()) + int((money_in & known & (a > 0)).sum())
    pos_out = int((money_out & known & (a > 0)).sum()) + int((money_in & known & (a < 0)).sum())
    if neg_out == pos_out:
        return None
    return neg_out > pos_out


def apply_direction(amount: pd.Series, get: GetColumn) -> tuple[pd.Series, str]:
    """Make money-in rows negative when the amounts carry no sign and the type column says which way
    each row goes; returns the amounts and a note for the parse report ("" when nothing changed)."""
    known = amount.notna() & (amount != 0)
    if not bool(known.any()) or bool((amount[known] < 0).any()):
        return amount, ""
    types = _direction_or_type(get)
    if types is None:
        return amount, ""
    t = normalise_column(types).fillna("")
    money_in = t.str.contains(_IN_WORDS, regex=True).to_numpy(dtype=bool)
    money_out = t.str.contains(_OUT_WORDS, regex=True).to_numpy(dtype=bool) & ~money_in
    # an indicator column: every typed row says which way it goes, and some say money in
    typed = (t != "").to_numpy(dtype=bool)
    if not money_in.any() or bool((typed & ~money_in & ~money_out).mean() > 0.5):
        return amount, ""
    flip = money_in & known.to_numpy()
    if not flip.any():
        return amount, ""
    return amount.where(~flip, -amount), f"{int(flip.sum())} row(s) marked as money in by their direction or type column: made negative"
