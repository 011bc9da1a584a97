"""The ``--json`` transaction records written column by column with Arrow, byte for byte as pandas writes them.

pandas' ``to_json`` turns every cell into a Python object and encodes it with ujson: about a microsecond per
cell. Here each column becomes one Arrow text column of JSON values, the columns are joined into one text per
record, and the chunk is cut from the joined buffer. Values whose encoding is not plain are encoded by the same
ujson encoder pandas uses, once per distinct value: numbers (``double_precision=15`` prints 12.345 as
``12.345000000000001``), texts with a quote, backslash, slash or control character (``a/b`` -> ``a\\/b``).
Dates are written as ``YYYY-MM-DD``, descriptions masked (:func:`audit.masking.mask_series`), missing values
``null``. A column of any other kind makes :func:`records_text` return None (the caller uses pandas).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from audit import schema
from audit.masking import mask_series

_PLAIN = r'["\\/\x00-\x1f]'  # a text holding none of these is written as it is, between quotes


def _ujson() -> Any:
    try:
        from pandas.io.json._json import ujson_dumps
    except ImportError:  # a pandas without it: the caller falls back to to_json
        return None
    return ujson_dumps


def _lit(text: str) -> Any:
    import pyarrow as pa

    return pa.scalar(text, type=pa.large_string())


def _encode_texts(arr: Any, dumps: Any) -> Any:
    """JSON values of an Arrow text array (nulls stay null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    special = pc.match_substring_regex(arr, _PLAIN).fill_null(False)
    if not pc.any(special).as_py():
        return pc.binary_join_element_wise(_lit('"'), arr, _lit('"'), _lit(""))
    plain = arr
    for old, new in (("\\", "\\\\"), ('"', '\\"'), ("/", "\\/")):
        plain = pc.replace_substring(plain, old, new)
    quoted = pc.binary_join_element_wise(_lit('"'), plain, _lit('"'), _lit(""))
    control = pc.match_substring_regex(arr, r"[\x00-\x1f]").fill_null(False)
    if pc.any(control).as_py():  # \n, \t, \u0001 ...: the encoder's own spelling, once per distinct text
        values = pc.unique(arr.filter(control))
        encoded = pa.array([dumps(v, ensure_ascii=False) for v in values.to_pylist()], type=pa.large_string())
        quoted = pc.if_else(control, encoded.take(pc.index_in(arr, value_set=values)), quoted)
    return quoted


def _text_values(col: pd.Series, dumps: Any, distinct: bool) -> Any:
    """A text column as JSON values (an Arrow array without nulls); ``distinct``: encode each distinct
    text once (a column of few texts), else every row (ids)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(col.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    if arr.null_count == len(arr):
        return pa.array(["null"], type=pa.large_string()).take(pa.array(np.zeros(len(arr), dtype=np.int64)))
    if distinct:
        enc = pc.dictionary_encode(arr)
        return _encode_texts(enc.dictionary, dumps).take(enc.indices).fill_null(_lit("null"))
    return _encode_texts(arr, dumps).fill_null(_lit("null"))


def _number_values(col: pd.Series, dumps: Any) -> Any:
    """A number column as JSON values: whole numbers (below 10^15) as ``4980.0``, others by the encoder."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = col.to_numpy(dtype="float64", na_value=np.nan)
    codes, uniq = pd.factorize(values, use_na_sentinel=False)
    uniq = np.asarray(uniq, dtype="float64")
    whole = np.isfinite(uniq) & (np.abs(uniq) < 1e15) & (uniq == np.round(uniq))
    text = np.empty(len(uniq), dtype=object)
    if whole.any():
        ints = pa.array(uniq[whole].astype(np.int64)).cast(pa.large_string())
        text[whole] = pc.binary_join_element_wise(ints, _lit(".0"), _lit("")).to_numpy(zero_copy_only=False)
    text[~whole] = [dumps(float(v), double_precision=15) for v in uniq[~whole]]
    return pa.array(text, type=pa.large_string()).take(pa.array(codes))


def _date_values(col: pd.Series) -> Any:
    import pyarrow as pa

    codes, uniq = pd.factorize(col)  # a statement has a few hundred distinct dates
    text = [f'"{t}"' for t in pd.DatetimeIndex(uniq).strftime("%Y-%m-%d")] + ["null"]
    return pa.array(text, type=pa.large_string()).take(pa.array(np.where(codes < 0, len(text) - 1, codes)))


def records_text(part: pd.DataFrame) -> str | None:
    """The chunk's records (see the module docstring), or None when a column is not text, number or date."""
    data = records_bytes(part)
    return None if data is None else data.decode("utf-8")


def records_bytes(part: pd.DataFrame) -> bytes | None:
    """:func:`records_text` encoded as UTF-8 (the form it is built in)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    dumps = _ujson()
    cols = [c for c in schema.JSON_FIELDS if c in part.columns]
    if dumps is None or not cols or not len(part):
        return None
    pieces: list[Any] = []
    for i, c in enumerate(cols):
        col = part[c]
        if c == "description":
            col = mask_series(col)
        if pd.api.types.is_datetime64_any_dtype(col.dtype) and c == "date":
            values = _date_values(col)
        elif pd.api.types.is_float_dtype(col.dtype):
            values = _number_values(col, dumps)
        elif isinstance(col.dtype, pd.StringDtype) and hasattr(col.array, "__arrow_array__"):
            values = _text_values(col, dumps, distinct=c != "id")
        else:
            return None
        pieces += [_lit(("{" if i == 0 else ",") + json.dumps(c) + ":"), values]
    rows = pc.binary_join_element_wise(*pieces, _lit("},\n"), _lit(""))
    if isinstance(rows, pa.ChunkedArray):
        rows = rows.combine_chunks()
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)[rows.offset:rows.offset + len(rows) + 1]
    data = rows.buffers()[2]
    return bytes(memoryview(data)[int(offsets[0]):int(offsets[-1]) - 2])
