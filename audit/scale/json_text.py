"""The ``--json`` transaction records written column by column with Arrow, byte for byte as pandas writes them.

pandas' ``to_json`` turns every cell into a Python object and encodes it with ujson: about a microsecond per
cell. Here each column becomes Arrow text of JSON values, the columns are joined into one text per record,
and a chunk is cut from the joined buffer. Values whose encoding is not plain are encoded by the same ujson
encoder pandas uses, once per distinct value: numbers (``double_precision=15`` prints 12.345 as
``12.345000000000001``), texts with a quote, backslash, slash or control character (``a/b`` -> ``a\\/b``).
Dates are written as ``YYYY-MM-DD``, descriptions masked (:func:`audit.masking.mask_series`), missing values
``null``. A column of any other kind makes :func:`records_text` return None (the caller uses pandas).

Every column but the ids is encoded once for the whole table as its distinct values and a code per row; a
column holding one value (one statement's source, its currency) becomes part of the fixed text between
the columns, so each chunk joins only the columns that vary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from audit import schema
from audit.masking import mask_series

_PLAIN = r'["\\/\x00-\x1f]'  # a text holding none of these is written as it is, between quotes
_SPECIAL_BYTES = (b'"', b"\\", b"/")  # the same bytes (with every byte below 0x20), looked for in a text buffer


def _ujson() -> Any:
    try:
        from pandas.io.json._json import ujson_dumps
    except ImportError:  # a pandas without it: the caller falls back to to_json
        return None
    return ujson_dumps


def _lit(text: str) -> Any:
    import pyarrow as pa

    return pa.scalar(text, type=pa.large_string())


def _maybe_special(arr: Any) -> bool:
    """Whether any text of ``arr`` (an Arrow large_string array) may need escaping: one look at the bytes its
    values occupy (a null's bytes, if any, only make the answer cautious)."""
    bufs = arr.buffers()
    if len(arr) == 0 or bufs[2] is None:
        return False
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset:arr.offset + len(arr) + 1]
    data = np.frombuffer(bufs[2], dtype=np.uint8)[int(offsets[0]):int(offsets[-1])]
    if not len(data):
        return False
    if int(data.min()) < 0x20:  # a control character
        return True
    raw = data.tobytes()  # one copy; then each byte looked for at memchr speed (a lookup per byte is 5x slower)
    return any(c in raw for c in _SPECIAL_BYTES)


def _encode_texts(arr: Any, dumps: Any) -> Any:
    """JSON values of an Arrow large_string array (nulls stay null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not _maybe_special(arr) or not pc.any(pc.match_substring_regex(arr, _PLAIN).fill_null(False)).as_py():
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


def _arrow_text(col: pd.Series) -> Any:
    import pyarrow as pa

    arr = pa.array(col.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    return arr


@dataclass
class _Column:
    """One column's JSON values: ``literal`` on every row, or ``values`` picked by ``codes`` per row, or
    (``text`` set) a text column encoded chunk by chunk (ids: as many distinct values as rows)."""

    literal: str | None = None
    values: Any = None
    codes: Any = None
    text: Any = None

    def chunk(self, start: int, stop: int, dumps: Any) -> tuple[str, Any, str]:
        """The JSON values of rows ``start:stop`` as (text before, Arrow array, text after) each value."""
        if self.text is not None:
            part = self.text.slice(start, stop - start)
            if not part.null_count and not _maybe_special(part):  # plain texts: the quotes join the fixed text
                return '"', part, '"'
            return "", _encode_texts(part, dumps).fill_null(_lit("null")), ""
        return "", self.values.take(self.codes.slice(start, stop - start)), ""


def _coded(values: list[str] | Any, codes: np.ndarray) -> _Column:
    """A column of distinct JSON ``values`` and a code per row (a literal when there is one value)."""
    import pyarrow as pa

    values = values if isinstance(values, pa.Array) else pa.array(values, type=pa.large_string())
    if len(values) == 1 and len(codes):
        return _Column(literal=values[0].as_py())
    return _Column(values=values, codes=pa.array(codes))


def _text_column(col: pd.Series, dumps: Any, distinct: bool, mask: bool = False) -> _Column:
    """A text column; ``distinct``: encode each distinct text once (a column of few texts), else per chunk
    (ids); ``mask``: card numbers masked (:func:`audit.masking.mask_series`, per distinct text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _arrow_text(col)
    if arr.null_count == len(arr):
        return _Column(literal="null")
    if not distinct:
        return _Column(text=arr)
    enc = pc.dictionary_encode(arr)
    texts = enc.dictionary
    if mask:
        texts = _arrow_text(mask_series(pd.Series(texts.to_pandas(types_mapper=pd.ArrowDtype), dtype=col.dtype)))
    values = _encode_texts(texts, dumps)
    codes = enc.indices
    if codes.null_count:  # missing texts: one more value, "null"
        values = pa.concat_arrays([values, pa.array(["null"], type=pa.large_string())])
        codes = codes.fill_null(len(texts))
    codes = codes.to_numpy(zero_copy_only=False)
    return _coded(values, codes)


def _number_column(col: pd.Series, dumps: Any) -> _Column:
    """A number column: whole numbers (below 10^15) as ``4980.0``, others by the encoder."""
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
    return _coded(pa.array(text, type=pa.large_string()), codes)


def _date_column(col: pd.Series) -> _Column:
    codes, uniq = pd.factorize(col)  # a statement has a few hundred distinct dates
    text = [f'"{t}"' for t in pd.DatetimeIndex(uniq).strftime("%Y-%m-%d")] + ["null"]
    return _coded(text, np.where(codes < 0, len(text) - 1, codes))


def _columns(tx: pd.DataFrame, dumps: Any) -> list[tuple[str, _Column]] | None:
    out = []
    for c in [c for c in schema.JSON_FIELDS if c in tx.columns]:
        col = tx[c]
        if pd.api.types.is_datetime64_any_dtype(col.dtype) and c == "date":
            got = _date_column(col)
        elif pd.api.types.is_float_dtype(col.dtype):
            got = _number_column(col, dumps)
        elif isinstance(col.dtype, pd.StringDtype) and hasattr(col.array, "__arrow_array__"):
            got = _text_column(col, dumps, distinct=c != "id", mask=c == "description")
        else:
            return None
        out.append((c, got))
    return out


def record_chunks(tx: pd.DataFrame, size: int) -> Iterator[bytes | memoryview] | None:
    """The records of ``tx`` (see the module docstring) as UTF-8 (bytes, or a view of the buffer they were
    joined in), ``size`` rows per piece, each piece's records separated by ``,`` + newline; None when a column
    is not text, number or date."""
    import pyarrow as pa
    import pyarrow.compute as pc

    dumps = _ujson()
    if dumps is None or not len(tx) or not any(c in tx.columns for c in schema.JSON_FIELDS):
        return None
    cols = _columns(tx, dumps)
    if cols is None:
        return None

    def pieces(start: int, stop: int) -> Iterator[bytes | memoryview]:
        fixed = ""
        parts: list[Any] = []
        for i, (name, col) in enumerate(cols):
            fixed += ("{" if i == 0 else ",") + json.dumps(name) + ":"
            if col.literal is not None:
                fixed += col.literal
                continue
            before, values, after = col.chunk(start, stop, dumps)
            parts += [_lit(fixed + before), values]
            fixed = after
        fixed += "},\n"
        if not parts:  # every column holds one value
            yield (fixed * (stop - start))[:-2].encode("utf-8")
            return
        rows = pc.binary_join_element_wise(*parts, _lit(fixed), _lit(""))
        if isinstance(rows, pa.ChunkedArray):
            rows = rows.combine_chunks()
        offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)[rows.offset:rows.offset + len(rows) + 1]
        yield memoryview(rows.buffers()[2])[int(offsets[0]):int(offsets[-1]) - 2]  # the Arrow buffer, not a copy

    def run() -> Iterator[bytes | memoryview]:
        for start in range(0, len(tx), size):
            yield from pieces(start, min(len(tx), start + size))

    return run()


def records_text(part: pd.DataFrame) -> str | None:
    """The chunk's records (see the module docstring), or None when a column is not text, number or date."""
    data = records_bytes(part)
    return None if data is None else data.decode("utf-8")


def records_bytes(part: pd.DataFrame) -> bytes | None:
    """:func:`records_text` encoded as UTF-8 (the form it is built in)."""
    chunks = record_chunks(part, max(1, len(part)))
    return None if chunks is None else b"".join(chunks)
