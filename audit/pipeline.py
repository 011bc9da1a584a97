"""Run the whole audit: read -> normalise -> match -> recurring -> signals -> contracts.

The CLI and the Streamlit page both call :func:`scan` (files on disk) or :func:`scan_uploads`
(bytes already in memory) and show the :class:`ScanResult`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from audit import schema
from audit.errors import StatementError
from audit.model import Finding, ParseReport, Subscription
from audit.readers import read_statement


@dataclass
class ScanResult:
    """Everything one audit run produced."""

    transactions: pd.DataFrame
    reports: list[ParseReport] = field(default_factory=list)
    errors: list[StatementError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    contracts: list[Any] = field(default_factory=list)  # audit.contracts.Contract

    def to_json(self) -> dict[str, Any]:
        """The ``audit scan --json`` document."""
        tx = self.transactions
        records = []
        for rec in tx[schema.JSON_FIELDS].to_dict(orient="records"):
            records.append({k: _json_value(v) for k, v in rec.items()})
        return {
            "transactions": records,
            "findings": [_json_value(dataclasses.asdict(f)) for f in self.findings],
            "subscriptions": [_json_value(dataclasses.asdict(s)) for s in self.subscriptions],
            "files": [_json_value(dataclasses.asdict(r)) for r in self.reports],
            "errors": [str(e) for e in self.errors],
        }


def _json_value(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _json_value(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_json_value(x) for x in v]
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:  # NaN
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        return _json_value(v.item())
    return v


def _digest(data: bytes | None, path: str | Path | None) -> str | None:
    """SHA-256 of a statement's bytes (None when the file cannot be read again)."""
    h = hashlib.sha256()
    if data is not None:
        h.update(data)
        return h.hexdigest()
    try:
        with open(path, "rb") as fh:  # type: ignore[arg-type]
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except (OSError, TypeError):
        return None
    return h.hexdigest()


def read_many(
    items: Iterable[tuple[str, bytes | None, str | Path | None]],
) -> tuple[pd.DataFrame, list[ParseReport], list[StatementError]]:
    """Read several statements; a file that fails is reported in the errors and skipped."""
    frames: list[pd.DataFrame] = []
    reports: list[ParseReport] = []
    errors: list[StatementError] = []
    seen: dict[str, str] = {}  # content digest -> first file name with that content
    for name, data, path in items:
        try:
            df, report = read_statement(path=path, data=data, name=name)
        except StatementError as exc:
            errors.append(exc)
            continue
        digest = _digest(data, path)
        if digest is not None and digest in seen:  # the same statement given twice: count it once
            report.warnings.append(f"same content as {seen[digest]}: its rows are not counted twice")
            report.rows = 0
            reports.append(report)
            continue
        if digest is not None:
            seen[digest] = name
        frames.append(df)
        reports.append(report)
    tx = pd.concat(frames, ignore_index=True) if frames else schema.empty_frame()
    tx = schema.conform(tx)
    if tx["id"].duplicated().any():  # same file name given twice: make ids unique again
        dup = tx.groupby("id").cumcount()
        tx["id"] = tx["id"].where(dup == 0, tx["id"] + "~" + dup.astype("str"))
    return tx, reports, errors


def analyse(
    tx: pd.DataFrame, merchant_lists: Sequence[str | Path] = (), reports: Sequence[ParseReport] = ()
) -> ScanResult:
    """Run every stage after reading on a transaction table (``reports``: the files' parse reports,
    whose printed statement periods tell the subscription finder which stretches no file covers)."""
    from audit.contracts import build_contracts
    from audit.descriptors import add_descriptor_columns
    from audit.detection.recurring import find_subscriptions
    from audit.detection.signals import find_signals
    from audit.merchants import load_merchant_db, match_transactions

    tx = add_descriptor_columns(tx)
    db = load_merchant_db(extra=list(merchant_lists))
    known = match_transactions(tx, db)
    printed = {r.source: (dt.date.fromisoformat(r.period_start), dt.date.fromisoformat(r.period_end))
               for r in reports if r.period_start and r.period_end}
    subs = find_subscriptions(tx, printed_periods=printed)
    pattern = find_signals(tx, subs, known)  # also marks the streams any finding touches
    findings = known + pattern
    contracts = build_contracts(tx, findings, subs)
    return ScanResult(transactions=tx, findings=findings, subscriptions=subs, contracts=contracts)


def scan(paths: Sequence[str | Path], merchant_lists: Sequence[str | Path] = ()) -> ScanResult:
    """Read statement files from disk and audit them together."""
    tx, reports, errors = read_many((Path(p).name, None, p) for p in paths)
    result = analyse(tx, merchant_lists, reports)
    result.reports, result.errors = reports, errors
    return result


def scan_uploads(files: Sequence[tuple[str, bytes]], merchant_lists: Sequence[str | Path] = ()) -> ScanResult:
    """Audit statements given as (file name, bytes) pairs, e.g. Streamlit uploads."""
    tx, reports, errors = read_many((name, data, None) for name, data in files)
    result = analyse(tx, merchant_lists, reports)
    result.reports, result.errors = reports, errors
    return result
