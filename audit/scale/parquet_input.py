"""Parquet input for the Dask engine: every file checked on the driver before any row is loaded.

A Parquet data set is written by someone else's program, so each file is checked from its footer
and a few columns before the cluster reads it, with one line per problem naming the file:

* not a Parquet file, or a footer that cannot be read: the file is left out;
* more rows declared than the ``rows`` limit (a 2 MB file can declare 100 million rows): left out;
* a required column missing (``client`` unless ``--client`` names one, ``date``, ``description``,
  ``amount``) or of the wrong type (text amounts, text dates): left out;
* no ``id`` column: ids are made from the file name and row (a warning);
* duplicate ids, or dates outside 1970-2100: a warning; duplicates get a ``~N`` suffix, such rows are
  left out of the audit.

Files with different schemas are each read on their own and brought to the one transaction schema
(:func:`audit.schema.conform`), with descriptions cut like any reader's (:func:`audit.schema.cap_descriptions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from audit import schema

REQUIRED = ("date", "description", "amount")
WANTED = [*schema.COLUMNS, "client"]
SANE_YEARS = (1970, 2100)


@dataclass
class ParquetInput:
    """The files to read, and one line per problem found."""

    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parquet_files(path: str | Path) -> list[Path]:
    """The ``.parquet`` files of a data set folder (sorted), or the one file given."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.rglob("*.parquet") if f.is_file())
    return [p]


def _kind(t: Any) -> str:
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "number"
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        return "date"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "text"
    if pa.types.is_null(t):
        return "empty"
    return str(t)


_EXPECTED = {"date": ("date",), "amount": ("number",), "description": ("text", "empty"), "client": ("text", "number")}


def check_parquet(path: str | Path, max_rows: int, client: str | None = None) -> ParquetInput:
    """Check every file of the data set at ``path`` (footer, column types, ids, dates); see the module doc."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    out = ParquetInput()
    files = parquet_files(path)
    if not files:
        out.errors.append(f"{path}: holds no .parquet files")
    for f in files:
        name = str(f)
        try:
            meta = pq.ParquetFile(f)
            arrow = meta.schema_arrow
            rows = meta.metadata.num_rows
        except Exception as exc:  # pyarrow raises several types for a damaged or foreign file
            out.errors.append(f"{name}: not a readable Parquet file ({type(exc).__name__}: "
                              f"{' '.join(str(exc).split())[:160]})")
            continue
        if rows > max_rows:
            out.errors.append(f"{name}: exceeds the limit on rows ({rows:,} > {max_rows:,}): raise it with "
                              "--limit rows=N if the file is genuine")
            continue
        types = {n: _kind(arrow.field(n).type) for n in arrow.names}
        needed = [*REQUIRED, *([] if client else ["client"])]
        problems = [f"no '{c}' column" for c in needed if c not in types]
        problems += [f"column '{c}' holds {types[c]} values, expected {' or '.join(_EXPECTED[c])}"
                     for c in _EXPECTED if c in types and types[c] not in _EXPECTED[c] and c in needed]
        if problems:
            out.errors.append(f"{name}: {'; '.join(problems)}: file left out")
            continue
        try:
            if "id" not in types:
                out.warnings.append(f"{name}: no 'id' column: ids made from the file name and row")
            else:
                ids = pq.read_table(f, columns=["id"]).column("id").cast("string")
                dup = len(ids) - pc.count_distinct(ids, mode="all").as_py()
                if dup:
                    out.warnings.append(f"{name}: {dup:,} duplicate id{'s' if dup > 1 else ''}: made unique with a ~N suffix")
            lengths = pc.utf8_length(pq.read_table(f, columns=["description"]).column("description").cast("string"))
            longest = pc.max(lengths).as_py() or 0
            if longest > schema.MAX_DESCRIPTION:
                n = pc.sum(pc.greater(lengths, schema.MAX_DESCRIPTION)).as_py()
                out.warnings.append(f"{name}: {n:,} description{'s' if n > 1 else ''} longer than "
                                    f"{schema.MAX_DESCRIPTION} characters cut to {schema.MAX_DESCRIPTION}, "
                                    f"longest {longest:,}: only the start is matched")
            dates = pq.read_table(f, columns=["date"]).column("date")
            years = pc.year(dates.cast("timestamp[us]") if types["date"] == "date" else dates)
            odd = pc.sum(pc.or_(pc.less(years, SANE_YEARS[0]), pc.greater(years, SANE_YEARS[1]))).as_py() or 0
        except Exception as exc:
            out.errors.append(f"{name}: cannot be read ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})")
            continue
        if odd:
            out.warnings.append(f"{name}: {odd:,} row{'s' if odd > 1 else ''} dated outside {SANE_YEARS[0]}-"
                                f"{SANE_YEARS[1]}: left out of the audit")
        out.files.append(name)
    return out


def load_file(path: str, client: str | None = None) -> pd.DataFrame:
    """One checked Parquet file as a transaction table (runs on a worker): ids made or made unique, rows with
    odd dates left out, the schema's types, descriptions cut to :data:`audit.schema.MAX_DESCRIPTION`."""
    import pyarrow.parquet as pq

    names = pq.ParquetFile(path).schema_arrow.names
    df = pq.read_table(path, columns=[c for c in WANTED if c in names]).to_pandas()
    if "client" not in df.columns or client:
        df["client"] = client
    if "id" not in df.columns:
        df["id"] = f"{Path(path).name}:r" + pd.Series(range(1, len(df) + 1), index=df.index).astype("str")
    df["id"] = df["id"].astype("str")
    dup = df.groupby("id").cumcount()
    if bool((dup > 0).any()):
        df["id"] = df["id"].where(dup == 0, df["id"] + "~" + dup.astype("str"))
    if "source" not in df.columns:
        df["source"] = Path(path).name
    dates = pd.to_datetime(df["date"], errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)
    years = dates.dt.year
    keep = ~((years < SANE_YEARS[0]) | (years > SANE_YEARS[1])).fillna(False).astype(bool)
    df = df.loc[keep.to_numpy()].assign(date=dates[keep])
    df["client"] = df["client"].astype("str")
    out = schema.conform(df)
    return schema.cap_descriptions(out)[0][[*schema.COLUMNS, "client"]]
