"""Write a scan result in large, columnar pieces: JSON (streamed), Parquet or CSV.

The transaction table is never turned into one Python dict per row: JSON records are built column by
column (:mod:`audit.scale.json_text`) in chunks of :data:`CHUNK` rows and written with one ``write``
per chunk, so memory follows the chunk, not the table. Descriptions are already masked by ``schema.conform``;
they are masked again here for tables that did not pass through it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

from audit import schema
from audit.masking import FORMULA_START, mask_series

if TYPE_CHECKING:
    from audit.pipeline import ScanResult

CHUNK = 25_000
WRITE_BYTES = 1 << 20  # findings and contracts are written in pieces of about this many characters
FORMATS = ("json", "parquet", "csv")
TABLES = ("transactions", "findings", "contracts")  # what write_tables writes, as NAME.FORMAT


def _json_frame(tx: pd.DataFrame) -> pd.DataFrame:
    """The ``--json`` transaction fields, dates as ISO text, descriptions masked."""
    cols = [c for c in schema.JSON_FIELDS if c in tx.columns]
    out = tx[cols]
    if "date" in out.columns:
        d = out["date"]
        text = d.dt.strftime("%Y-%m-%d") if len(d) else d.astype("str")
        out["date"] = text.where(d.notna(), None)
    if "description" in out.columns:
        out["description"] = mask_series(out["description"])
    return out


def transaction_records(tx: pd.DataFrame) -> list[dict[str, Any]]:
    """The transactions as JSON-ready dicts (small tables; large ones go through :func:`write_json`)."""
    if tx.empty:
        return []
    return json.loads(_json_frame(tx).to_json(orient="records", force_ascii=False, double_precision=15))


def _default(v: Any) -> Any:
    """What the JSON encoder cannot write itself: numpy scalars, timestamps, missing values."""
    from audit.pipeline import json_value

    out = json_value(v)
    if out is v:
        return str(v)
    return out


def _dumps(item: Any) -> bytes:
    """One element as compact JSON (UTF-8) with orjson (dataclasses, numpy values and NaN, written as null,
    included)."""
    import orjson

    opts = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
    return orjson.dumps(item, default=_default, option=opts)


def _write_list(out: IO[str], items: list[Any], sink: IO[bytes] | None = None) -> None:
    """A JSON array, one element per line, written in pieces of about :data:`WRITE_BYTES` bytes (as the
    UTF-8 they are encoded in to ``sink``, the binary file under ``out``, when given)."""
    out.write("[")
    batch: list[bytes] = []
    size = 0

    def flush() -> None:
        data = b"".join(batch)
        if sink is not None:
            out.flush()
            sink.write(data)
        else:
            out.write(data.decode("utf-8"))

    for i, item in enumerate(items):
        data = _dumps(item)
        batch += (b",\n" if i else b"\n", data)
        size += len(data) + 2
        if size >= WRITE_BYTES:
            flush()
            batch, size = [], 0
    flush()
    out.write("\n]" if items else "]")


def _records_text(part: pd.DataFrame) -> str:
    """The records of a chunk of transactions as pandas' ``to_json(orient="records", lines=True)`` writes
    them, separated by ``,`` + newline (for columns :mod:`audit.scale.json_text` does not handle)."""
    frame = _json_frame(part)
    text = frame.to_json(orient="records", lines=True, force_ascii=False, double_precision=15)
    return text.rstrip("\n").replace("\n", ",\n")


def _record_pieces(tx: pd.DataFrame) -> Iterator[str | bytes | memoryview]:
    """The transaction records in chunks of :data:`CHUNK` rows: built column by column
    (:func:`audit.scale.json_text.record_chunks`, as UTF-8 bytes) when every column is of a kind it
    handles, else by pandas."""
    from audit.scale.json_text import record_chunks

    chunks = record_chunks(tx, CHUNK)
    if chunks is not None:
        return chunks
    return (_records_text(tx.iloc[start:start + CHUNK]) for start in range(0, len(tx), CHUNK))


def _byte_sink(out: IO[str]) -> IO[bytes] | None:
    """The binary file under a UTF-8 text stream that writes newlines as they are (else None)."""
    buffer = getattr(out, "buffer", None)
    encoding = str(getattr(out, "encoding", "") or "").lower().replace("-", "").replace("_", "")
    if buffer is None or encoding != "utf8" or os.linesep != "\n" or getattr(out, "errors", "strict") != "strict":
        return None
    return buffer


def _write_slices(sink: IO[bytes], part: bytes | memoryview) -> None:
    """``part`` written as it is (no copy joined with its lead), in slices of :data:`WRITE_BYTES`.

    One ``write`` of a whole chunk (about 12 MB at 50,000 rows) straight from the Arrow buffer cost the
    kernel 0.1-0.4 s of system time per 250 MB on the development machine, in slices about 0.05 s
    (``bench/bench_write.py``)."""
    view = memoryview(part)
    for start in range(0, len(view), WRITE_BYTES):
        sink.write(view[start:start + WRITE_BYTES])


def write_json(result: ScanResult, out: IO[str]) -> None:
    """The ``audit scan --json`` document, transactions streamed in chunks (one record per line); the
    records go to the file as the UTF-8 bytes they are built in when ``out`` is a UTF-8 text file."""
    out.write('{"transactions": [')
    tx = result.transactions
    sink = _byte_sink(out)
    first = True
    for part in _record_pieces(tx):
        lead = "\n" if first else ",\n"
        if isinstance(part, bytes | memoryview) and sink is not None:
            out.flush()
            sink.write(lead.encode())
            _write_slices(sink, part)
        else:
            out.write(lead + (bytes(part).decode("utf-8") if isinstance(part, bytes | memoryview) else part))
        first = False
    out.write("\n]")
    parts = {
        "findings": result.findings,
        "subscriptions": result.subscriptions,
        "contracts": result.contracts,
        "files": result.reports,
    }
    for name, items in parts.items():
        out.write(f',\n"{name}": ')
        _write_list(out, list(items), sink)
    out.write(',\n"errors": ' + json.dumps([str(e) for e in result.errors], ensure_ascii=False) + "\n}\n")


def _neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe; lists are joined."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: " ".join(map(str, v)) if isinstance(v, list) else v)
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            s = out[col].astype("str")
            bad = s.str.startswith(FORMULA_START).fillna(False)
            if bad.any():
                out[col] = s.where(~bad, "'" + s)
    return out


def write_tables(result: ScanResult, out_dir: str | Path, fmt: str) -> list[Path]:
    """``transactions``, ``findings`` and ``contracts`` as Parquet or CSV files in ``out_dir``."""
    from audit.scale.tables import client_map, contracts_frame, findings_frame

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "transactions": _json_frame(result.transactions).assign(
            date=result.transactions["date"], kind=result.transactions["kind"]),
        "findings": findings_frame(result.findings, client_map(result.transactions)),
        "contracts": contracts_frame(result.contracts),
    }
    written = []
    for name, df in tables.items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            df.to_parquet(path, index=False)
        else:
            _neutralise(df).to_csv(path, index=False)
        written.append(path)
    return written
