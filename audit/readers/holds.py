"""Authorisation holds and their release: a card or wallet export may list a hold on money (``General
Authorization``, ``Vormerkung``) and, days later, the entry that releases it (``Reversal of General
Account Hold``). The pair moves no money: both rows are left out of the audit and listed in the report.

A pair is two rows of opposite sign and the same amount, at most :data:`DAYS` days apart, one saying
it is a hold and the other a hold or its release. A hold without its release stays a transaction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.model import ExcludedRow, ParseReport
from audit.values import map_unique, re_contains

HOLD = r"(?i)\bauthori[sz]ation\b|\bhold\b|vormerkung|pr[ée]-?autorisation|预授权|仮売上|承認保留"
RELEASE = r"(?i)revers|release|\bvoid|storno|annul|cancel|取消|撤销|解除"
DAYS = 7


def drop_hold_pairs(df: pd.DataFrame, report: ParseReport, detail: pd.Series | None = None) -> pd.DataFrame:
    """``df`` without hold-and-release pairs; each left-out row is an :class:`ExcludedRow` in ``report``.
    ``detail``: more text per row that may say hold or release (a QIF record's category and memo)."""
    if len(df) < 2 or "description" not in df:
        return df
    desc = df["description"].astype("str")
    if bool(desc.isna().any()):  # (no copy of a column without missing cells)
        desc = desc.fillna("")
    if detail is not None:
        desc = desc + " " + detail.fillna("").astype("str").to_numpy()
    hold = map_unique(desc, lambda v: re_contains(v, HOLD)).to_numpy(dtype=bool)
    if not hold.any():
        return df
    release = hold | map_unique(desc, lambda v: re_contains(v, RELEASE)).to_numpy(dtype=bool)
    amount = df["amount"].to_numpy(dtype="float64")
    dates = df["date"].to_numpy()
    used = np.zeros(len(df), dtype=bool)
    for i in np.flatnonzero(hold):
        if used[i] or np.isnan(amount[i]) or amount[i] == 0:
            continue
        near = np.abs((dates - dates[i]).astype("timedelta64[D]").astype("int64")) <= DAYS
        match = np.flatnonzero(release & near & ~used & (np.abs(amount + amount[i]) < 0.005))
        match = match[match != i]
        if len(match):
            used[i] = used[match[0]] = True
    if not used.any():
        return df
    for pos in np.flatnonzero(used):
        rec = df.iloc[pos]
        report.excluded.append(ExcludedRow(report.source, "authorisation hold and its release",
                                           f"{rec['date'].date()} {rec['description']} {rec['amount']}"[:200],
                                           row=None if pd.isna(rec.get("row")) else int(rec["row"]),
                                           amount=float(rec["amount"])))
    out = df[~used].reset_index(drop=True)
    report.rows = len(out)
    return out
