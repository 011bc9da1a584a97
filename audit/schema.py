"""The one transaction table every stage reads and writes.

Every reader returns a DataFrame with exactly these columns, in this order and with these dtypes
(:func:`conform` enforces it). Later stages may add columns (for example ``merchant_key``) but never
rename or drop these.

=================  ==================  ============================================================
column             dtype               meaning
=================  ==================  ============================================================
id                 str                 stable id, ``<source>:r<row>`` (CSV) or ``<source>:p<page>l<line>``
source             str                 file name the row came from (no directories)
page               Int64               PDF page (1-based); <NA> for CSV
row                Int64               CSV: 1-based physical line in the file; PDF: line on the page
date               datetime64[us]      transaction (use) date
posting_date       datetime64[us]      posting date, <NA> when the statement has none
description        str                 merchant / descriptor exactly as printed, runs of spaces kept (a
                                       padded field); normalising is the consumer's job (matching,
                                       grouping keys)
amount             float64             in billing currency; positive = charged to the card,
                                       negative = refund, credit or payment
currency           str                 billing currency, ISO 4217 (``JPY``, ``USD``, ...)
original_amount    float64             foreign amount when the charge was made in another currency
original_currency  str                 ISO code of ``original_amount`` (<NA> when domestic)
rate               float64             conversion rate printed by the issuer (<NA> when none)
card               str                 masked card number / card label (``****1234``), <NA> if none
cardholder         str                 cardholder or 本人/家族 marker as printed, <NA> if none
kind               str                 ``charge``, ``refund``, ``payment``, ``fee``, ``cash`` or ``other``
client             str                 whose statement it is (``--client``, a folder per client), <NA> if unknown
=================  ==================  ============================================================

``client`` is an *optional* column (:data:`OPTIONAL`): :func:`conform` always adds it (after the
required columns, so per-file goldens and labelled data sets keep their shape), and every stage
reads it with ``df.get("client")`` so a table without it still works. Descriptions are masked
(card-number-like runs become ``****1234``) here, so no reader can leak a card number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.masking import mask_card, mask_series

SCHEMA: dict[str, str] = {
    "id": "str",
    "source": "str",
    "page": "Int64",
    "row": "Int64",
    "date": "datetime64[us]",
    "posting_date": "datetime64[us]",
    "description": "str",
    "amount": "float64",
    "currency": "str",
    "original_amount": "float64",
    "original_currency": "str",
    "rate": "float64",
    "card": "str",
    "cardholder": "str",
    "kind": "str",
}
COLUMNS: list[str] = list(SCHEMA)
# Columns conform() adds after COLUMNS when missing (stages must still tolerate their absence).
OPTIONAL: dict[str, str] = {"client": "str"}
# An extra column a reader adds when it shows less than the whole cell as the description (a bank's type
# phrase, card number and bracketed dates split off the counterparty): the cell as printed, masked too.
PRINTED = "description_printed"
KINDS = ("charge", "refund", "payment", "fee", "cash", "other")

# Fields of the ``audit scan --json`` transaction records (a subset of the schema).
JSON_FIELDS = ["id", "source", "date", "description", "amount", "currency", "original_amount", "original_currency",
               "card", "client"]


def empty_frame() -> pd.DataFrame:
    """An empty transaction table with the schema's columns and dtypes."""
    return conform(pd.DataFrame({c: [] for c in COLUMNS}))


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with the schema's columns (missing ones filled with NA), order and dtypes.

    Card numbers are masked here too, so no reader can leak one by accident.
    Extra columns are kept after the schema's columns.
    """
    out = df.copy(deep=False)  # copy-on-write (pandas 3): the caller's frame is never changed
    for col, dtype in (SCHEMA | OPTIONAL).items():
        if col not in out.columns:
            out[col] = _missing(out.index, dtype)
            continue
        if dtype.startswith("datetime64"):
            out[col] = pd.to_datetime(out[col], errors="raise").astype(dtype)
        elif dtype == "str":
            out[col] = out[col].astype("str")  # pandas 3 string dtype keeps missing values missing
        else:
            out[col] = out[col].astype(dtype)
    for col in ("card", "cardholder"):  # some issuers print the card number beside the holder's name
        if out[col].notna().any():
            out[col] = _mask_cards(out[col])
    out["description"] = mask_series(out["description"])
    if PRINTED in out.columns:
        out[PRINTED] = mask_series(out[PRINTED].astype("str"))
    extra = [c for c in out.columns if c not in SCHEMA and c not in OPTIONAL]
    return out[COLUMNS + list(OPTIONAL) + extra].reset_index(drop=True)


def _missing(index: pd.Index, dtype: str) -> pd.Series:
    """A column of missing values; a text one straight from Arrow (no missing value written per row)."""
    if dtype == "str":
        from audit.textcols import const_str

        return const_str(None, len(index), index)
    return pd.Series(index=index, dtype=dtype)


def _mask_cards(values: pd.Series) -> pd.Series:
    """:func:`mask_card` applied to each distinct value once (a statement repeats a few cards and holders)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    shown = [mask_card(v, context="card") if isinstance(v, str) else v for v in uniques]
    if all(a is b or a == b for a, b in zip(shown, uniques, strict=True)) and isinstance(values.dtype, pd.StringDtype):
        return values  # nothing to mask (labels, numbers already masked): the column as it is
    # one slot per distinct value plus a last one for missing cells (factorize codes them -1)
    masked = pd.Series([*shown, None], dtype="str")
    picks = np.where(codes >= 0, codes, len(masked) - 1)
    return pd.Series(masked.array.take(picks), index=values.index)  # one take, no Python object per row


def validate(df: pd.DataFrame) -> list[str]:
    """Problems with ``df`` as a transaction table (empty list when it conforms)."""
    problems: list[str] = []
    for col, dtype in SCHEMA.items():
        if col not in df.columns:
            problems.append(f"missing column {col!r}")
            continue
        actual = str(df[col].dtype)
        if dtype == "str":
            if not (pd.api.types.is_string_dtype(df[col]) or df[col].isna().all()):
                problems.append(f"column {col!r} has dtype {actual}, expected str")
        elif actual != dtype:
            problems.append(f"column {col!r} has dtype {actual}, expected {dtype}")
    if "id" in df.columns and df["id"].duplicated().any():
        problems.append("duplicate ids: " + ", ".join(df.loc[df["id"].duplicated(), "id"].astype(str)[:5]))
    if "kind" in df.columns:
        bad = set(df["kind"].dropna()) - set(KINDS)
        if bad:
            problems.append(f"unknown kinds: {sorted(bad)}")
    return problems


# A card descriptor is at most a few dozen characters; bank memos and PayPal notes run to a few hundred.
# Matching time grows with a descriptor's length, so what is kept of one is bounded (after reading, for
# every reader and for Parquet input alike), with a warning.
MAX_DESCRIPTION = 256


def cap_descriptions(df: pd.DataFrame, limit: int = MAX_DESCRIPTION) -> tuple[pd.DataFrame, str | None]:
    """``df`` with every description cut to ``limit`` characters, and a warning line when any was longer."""
    if df.empty or "description" not in df.columns:
        return df, None
    text = df["description"]
    if _bytes_within(text, limit):  # no cell has more UTF-8 bytes than the limit, so none has more characters
        return df, None
    lengths = text.str.len()
    long = (lengths > limit).fillna(False).astype(bool)
    if not bool(long.any()):
        return df, None
    n = int(long.sum())
    first = df.loc[long].iloc[0]
    where = ""
    for col, word in (("row", "row"), ("page", "page")):
        if col in df.columns and pd.notna(first.get(col)):
            where = f" (first at {word} {int(first[col])})"
            break
    out = df.assign(description=text.where(~long, text.str.slice(0, limit)))
    return out, (f"{n} description{'s' if n > 1 else ''} longer than {limit} characters cut to {limit}{where}, "
                 f"longest {int(lengths.max()):,}: only the start is matched")


def _bytes_within(text: pd.Series, limit: int) -> bool:
    """True when every cell of an Arrow text column is at most ``limit`` bytes long (read from its offsets,
    no pass over the text); False when it is not, or the column is not Arrow text."""
    if not (isinstance(text.dtype, pd.StringDtype) and getattr(text.dtype, "storage", "") == "pyarrow"):
        return False
    import pyarrow.compute as pc

    longest = pc.max(pc.binary_length(text.array.__arrow_array__())).as_py()
    return longest is None or longest <= limit
