"""Findings, contracts and subscriptions as flat tables (one row each; money one row per currency).

These are the shapes written to Parquet/CSV by ``audit scan --format`` and by the Dask engine, and
returned by :func:`client_findings` for Spark's ``applyInPandas``. Free text is masked for card
numbers; lists (reasons, transaction ids) stay lists in Parquet and are joined for CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from audit.masking import mask_card

FINDING_COLUMNS: dict[str, str] = {
    "client": "str", "kind": "str", "merchant": "str", "merchant_key": "str", "entry_id": "str",
    "score": "float64", "reasons": "object", "transaction_ids": "object",
}
CONTRACT_COLUMNS: dict[str, str] = {
    "client": "str", "key": "str", "id": "str", "merchant": "str", "suspicious": "bool", "score": "float64",
    "currency": "str", "paid": "float64", "refunded": "float64", "charges": "int64", "first_date": "str",
    "last_date": "str", "status": "str", "cadence": "str", "cards": "str", "entry_id": "str",
    "kinds": "object", "transaction_ids": "object", "known_as": "str", "check": "str",
}
# Spark DDL of :func:`client_findings`' result (for ``groupBy("client").applyInPandas(fn, schema=...)``).
SPARK_FINDINGS_SCHEMA = (
    "client string, kind string, merchant string, merchant_key string, entry_id string, score double, "
    "reasons array<string>, transaction_ids array<string>"
)


def arrow_schema(columns: dict[str, str]) -> Any:
    """The Parquet (Arrow) schema of a table with ``columns``: every part file of a Dask run gets the same one,
    an empty part included (lists are lists of text, never the null type)."""
    import pyarrow as pa

    types = {"str": pa.string(), "float64": pa.float64(), "bool": pa.bool_(), "int64": pa.int64(),
             "object": pa.list_(pa.string())}
    return pa.schema([(name, types[dtype]) for name, dtype in columns.items()])


def _typed(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col, dtype in columns.items():
        if dtype != "object":
            df[col] = df[col].astype(dtype)
    return df


def findings_frame(findings: Sequence[Any], client_of: dict[str, str | None] | None = None) -> pd.DataFrame:
    """One row per finding; ``client_of`` maps a transaction id to its client."""
    client_of = client_of or {}
    rows = []
    for f in findings:
        ids = [str(t) for t in f.transaction_ids]
        client = next((client_of[t] for t in ids if client_of.get(t)), None)
        rows.append({
            "client": client, "kind": f.kind, "merchant": mask_card(f.merchant), "merchant_key": f.merchant_key,
            "entry_id": f.entry_id, "score": float(f.score), "reasons": [mask_card(r) for r in f.reasons],
            "transaction_ids": ids,
        })
    return _typed(rows, FINDING_COLUMNS)


def contracts_frame(contracts: Sequence[Any]) -> pd.DataFrame:
    """One row per contract and billing currency (amounts are never added across currencies)."""
    rows = []
    for c in contracts:
        paid = getattr(c, "paid_by_currency", None) or {c.currency: c.total_paid}
        back = getattr(c, "refunded_by_currency", None) or {c.currency: c.refunded}
        for cur in sorted(paid.keys() | back.keys()):
            rows.append({
                "client": getattr(c, "client", None), "key": getattr(c, "key", ""), "id": c.id,
                "merchant": mask_card(c.merchant), "suspicious": bool(c.suspicious), "score": float(c.score),
                "currency": cur, "paid": float(paid.get(cur, 0.0)), "refunded": float(back.get(cur, 0.0)),
                "charges": sum(1 for ch in c.charges if (ch.get("currency") or "") == cur),
                "first_date": c.first_date, "last_date": c.last_date, "status": c.status, "cadence": c.cadence,
                "cards": " ".join(getattr(c, "cards", []) or []), "entry_id": c.entry_id,
                "kinds": list(c.kinds), "transaction_ids": list(c.transaction_ids),
                "known_as": getattr(c, "known_as", "") or "", "check": getattr(c, "check", "") or "",
            })
    return _typed(rows, CONTRACT_COLUMNS)


def client_findings(pdf: pd.DataFrame) -> pd.DataFrame:
    """Findings of one client's transaction rows as a flat table (:data:`SPARK_FINDINGS_SCHEMA`).

    Meant for Spark: ``df.groupBy("client").applyInPandas(client_findings, SPARK_FINDINGS_SCHEMA)``.
    The rows need the schema's columns (``audit.schema``); the merchant database is built once per
    worker process and cached.
    """
    from audit import schema
    from audit.descriptors import add_descriptor_columns
    from audit.pipeline import HitTable, analyse_client, merchant_db

    tx = add_descriptor_columns(schema.conform(pdf))
    hits = HitTable.build(tx["description"], merchant_db())
    findings, _, _ = analyse_client(tx, hits)
    return findings_frame(findings, client_map(tx))


def client_map(tx: pd.DataFrame) -> dict[str, str | None]:
    """Transaction id -> client (None when unknown)."""
    if "client" not in tx.columns:
        return {}
    clients = tx["client"].astype(object).where(tx["client"].notna(), None)
    return dict(zip(tx["id"].astype(str), clients, strict=True))
