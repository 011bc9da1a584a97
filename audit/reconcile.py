"""A statement's printed total row checked against the rows read, for files whose reader does not do it.

The PDF reader reconciles against the total its layout names. A delimited export often ends with a total row
(``合計``, ``Total``) that the reader excludes from the transactions; :func:`reconcile_total_row` compares its
amount with the rows read: all of them, the charges alone, or all but card payments (issuers total either).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from audit.model import Reconciliation

TOLERANCE = 0.005


def reconcile_total_row(df: pd.DataFrame, report: Any) -> None:
    """Set ``report.reconciliation`` from the file's one excluded total row (none, or several: left as it is).

    Agreement with any of the usual sums is "ok"; otherwise the difference to the charges is kept and one
    warning says by how much, as the PDF reader does."""
    if getattr(report, "reconciliation", None) is not None or df.empty or "amount" not in df.columns:
        return
    totals = [e for e in getattr(report, "excluded", []) or [] if e.reason == "total" and e.amount is not None]
    if len(totals) != 1:
        return
    printed = abs(float(totals[0].amount))
    amounts = pd.to_numeric(df["amount"], errors="coerce").dropna()
    kinds = df["kind"] if "kind" in df.columns else pd.Series("", index=df.index)
    sums = [amounts.sum(), amounts[amounts > 0].sum(), amounts[kinds.loc[amounts.index] != "payment"].sum()]
    sums = [round(float(s), 2) for s in sums]
    match = next((s for s in sums if abs(abs(s) - printed) < TOLERANCE), None)
    label = " ".join(str(totals[0].raw or "total").split())[:40]
    if match is not None:
        report.reconciliation = Reconciliation(printed_total=printed, parsed_total=abs(match), ok=True, label=label)
        return
    rec = Reconciliation(printed_total=printed, parsed_total=sums[1], ok=False, label=label)
    report.reconciliation = rec
    report.warnings.append(f"the charges read add up to {sums[1]:,.2f} but the file's total row says {printed:,.2f} "
                           f"(off by {rec.difference:+,.2f}): some lines may be missing or misread")
