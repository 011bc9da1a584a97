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
BAKE_BYTES = 1 << 20  # a fixed text is joined to a coded column's distinct values while that adds at most this
SMALL_BYTES = 4 << 20  # fixed texts and distinct values up to this size are copied beside each piece's ids


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
    for start in range(0, len(data), 1 << 20):  # copied a MiB at a time, then each byte looked for at memchr
        raw = data[start:start + (1 << 20)].tobytes()  # speed (a lookup per byte is 5x slower)
        if any(c in raw for c in _SPECIAL_BYTES):
            return True
    return False


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
    (``text`` set) a text column encoded chunk by chunk (ids: as many distinct values as rows; ``plain``:
    none missing or needing escapes, so its texts are written as they are between quotes)."""

    literal: str | None = None
    values: Any = None
    codes: Any = None
    text: Any = None
    plain: bool = False

    def texts(self, start: int, stop: int, dumps: Any) -> Any:
        """The JSON values (quotes left out when ``plain``) of rows ``start:stop`` of a ``text`` column."""
        part = self.text.slice(start, stop - start)
        return part if self.plain else _encode_texts(part, dumps).fill_null(_lit("null"))


def _coded(values: list[str] | Any, codes: np.ndarray) -> _Column:
    """A column of distinct JSON ``values`` and a code per row (a literal when there is one value)."""
    import pyarrow as pa

    values = values if isinstance(values, pa.Array) else pa.array(values, type=pa.large_string())
    if len(values) == 1 and len(codes):
        return _Column(literal=values[0].as_py())
    return _Column(values=values, codes=np.asarray(codes))


def _one_text(arr: Any) -> bool:
    """Whether every row of ``arr`` (an Arrow large_string array) holds the same text (none missing): its
    offsets step by one length and its bytes repeat the first text, compared a block of rows at a time (a
    hash of every text costs several times more)."""
    import pyarrow as pa

    bufs, n = arr.buffers(), len(arr)
    if not n or arr.null_count or bufs[2] is None:
        return False
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset:arr.offset + n + 1]
    first, size = int(offsets[0]), int(offsets[1] - offsets[0])
    if int(offsets[-1]) - first != n * size:
        return False
    block = 1 << 16
    pattern = pa.py_buffer(bufs[2].slice(first, size).to_pybytes() * block)
    for start in range(0, n, block):
        rows = min(block, n - start)
        if size and not bool((np.diff(offsets[start:start + rows + 1]) == size).all()):
            return False
        if not bufs[2].slice(first + start * size, rows * size).equals(pattern.slice(0, rows * size)):
            return False
    return True


def _text_column(col: pd.Series, dumps: Any, distinct: bool, mask: bool = False) -> _Column:
    """A text column; ``distinct``: encode each distinct text once (a column of few texts), else per chunk
    (ids); ``mask``: card numbers masked (:func:`audit.masking.mask_series`, per distinct text) and the
    texts found by :func:`audit.textcols.factorize_text` (the description: the stages before asked it too)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _arrow_text(col)
    if arr.null_count == len(arr):
        return _Column(literal="null")
    if not distinct:
        return _Column(text=arr)
    codes: np.ndarray | None = None
    if _one_text(arr):
        texts = arr.slice(0, 1)
    elif mask:
        from audit.textcols import factorize_text

        codes, uniques = factorize_text(col)
        texts = _arrow_text(pd.Series(uniques, dtype=col.dtype))
        if arr.null_count:  # missing texts (-1): the last value
            codes = np.where(codes < 0, len(texts), codes)
    else:
        enc = pc.dictionary_encode(arr)
        texts = enc.dictionary
        codes = enc.indices.fill_null(len(texts)).to_numpy(zero_copy_only=False)
    if mask:
        texts = _arrow_text(mask_series(pd.Series(texts.to_pandas(types_mapper=pd.ArrowDtype), dtype=col.dtype)))
    values = _encode_texts(texts, dumps)
    if codes is None:
        return _Column(literal=values[0].as_py())
    if arr.null_count:  # missing texts: one more value, "null"
        values = pa.concat_arrays([values, pa.array(["null"], type=pa.large_string())])
    return _coded(values, codes)


def _number_column(col: pd.Series, dumps: Any) -> _Column:
    """A number column: whole numbers (below 10^15) as ``4980.0``, others by the encoder. The distinct values
    are found among the numbers' bit patterns by Arrow's hash of integers (about twice as fast as
    ``pd.factorize`` of the floats; -0.0 and every NaN apart, which print as ``0.0`` and ``null`` all the same)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = col.to_numpy(dtype="float64", na_value=np.nan)
    enc = pc.dictionary_encode(pa.array(values.view(np.int64)))
    codes = enc.indices.to_numpy(zero_copy_only=False)
    uniq = enc.dictionary.to_numpy(zero_copy_only=False).view(np.float64)
    whole = np.isfinite(uniq) & (np.abs(uniq) < 1e15) & (uniq == np.round(uniq))
    ints = pa.array(uniq[whole].astype(np.int64)).cast(pa.large_string())
    text = pc.binary_join_element_wise(ints, _lit(".0"), _lit(""))
    if not whole.all():  # the others by the encoder, then every text put back in the values' order
        other = pa.array([dumps(float(v), double_precision=15) for v in uniq[~whole]], type=pa.large_string())
        order = np.empty(len(uniq), dtype=np.int64)
        order[whole] = np.arange(len(text))
        order[~whole] = np.arange(len(text), len(uniq))
        text = pa.concat_arrays([text, other]).take(pa.array(order))
    return _coded(text, codes)


def _date_column(col: pd.Series) -> _Column:
    codes, uniq = pd.factorize(col)  # a statement has a few hundred distinct dates
    text = [f'"{t}"' for t in pd.DatetimeIndex(uniq).strftime("%Y-%m-%d")] + ["null"]
    if col.hasnans:  # missing dates (-1): the last value
        codes[codes < 0] = len(text) - 1
    return _coded(text, codes)


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


@dataclass
class _RowPlan:
    """Where each piece of a record comes from in one Arrow text table that a ``take`` gathers the records
    from: ``small`` holds the fixed texts (entry ``lead``: the text before the first record) and each coded
    column's distinct values, with the fixed text next to them joined on where that adds at most
    :data:`BAKE_BYTES`; the ``rows`` columns' texts follow it. ``entries`` names, in record order, each
    piece: ("at", entry) a fixed text, ("coded", first entry, codes) or ("row", k) the k-th ``rows`` column.
    Every record ends with ``,`` + newline + the lead (the next record's start): ``cut`` bytes of it
    follow the last record of a piece."""

    small: Any
    lead: int
    entries: list[tuple[str, int, Any]]
    rows: list[_Column]
    cut: int

    @classmethod
    def build(cls, fixed: list[str], varying: list[_Column]) -> _RowPlan:
        """The plan of records ``fixed[0] varying[0] fixed[1] ... varying[-1] fixed[-1]``."""
        import pyarrow as pa
        import pyarrow.compute as pc

        def joins(col: _Column, text: str) -> bool:
            return col.values is not None and len(col.values) * len(text) <= BAKE_BYTES

        k = len(varying)
        before, after, alone = [""] * k, [""] * k, [""] * k
        for i in range(k):
            text = fixed[i + 1] + ("" if i < k - 1 else ",\n" + fixed[0])
            if not text:
                continue
            if joins(varying[i], text):
                after[i] = text
            elif i < k - 1 and joins(varying[i + 1], text):
                before[i + 1] = text
            else:
                alone[i] = text
        consts = [fixed[0]] + [t for t in alone if t]
        tables = [pa.array(consts, type=pa.large_string())]
        entries: list[tuple[str, int, Any]] = []
        rows: list[_Column] = []
        first, n_const = len(consts), 1
        for i, col in enumerate(varying):
            if col.values is None:
                entries.append(("row", len(rows), None))
                rows.append(col)
            else:
                values = col.values
                if before[i] or after[i]:
                    values = pc.binary_join_element_wise(_lit(before[i]), values, _lit(after[i]), _lit(""))
                entries.append(("coded", first, col.codes))
                tables.append(values)
                first += len(values)
            if alone[i]:
                entries.append(("at", n_const, None))
                n_const += 1
        cut = len((",\n" + fixed[0]).encode("utf-8"))
        return cls(pa.concat_arrays(tables), 0, entries, rows, cut)


def gather_records(plan: _RowPlan, n: int, size: int, dumps: Any) -> Iterator[memoryview]:
    """The ``n`` records of ``plan`` in pieces of ``size``, each gathered by one ``take`` (a view of its
    buffer). The ``rows`` columns join ``plan.small`` per piece, or, when the small table is larger than
    :data:`SMALL_BYTES`, once for the whole table."""
    import pyarrow as pa

    whole = None
    if plan.small.nbytes > SMALL_BYTES or not plan.rows:
        whole = pa.concat_arrays([plan.small, *(col.texts(0, n, dumps) for col in plan.rows)])
    for start in range(0, n, size):
        stop = min(n, start + size)
        m = stop - start
        table, at, height = whole, start, n  # the rows columns' texts: each ``height`` long, row ``at`` first
        if whole is None:
            table, at, height = pa.concat_arrays([plan.small, *(c.texts(start, stop, dumps) for c in plan.rows)]), 0, m
        idx = np.empty(1 + m * len(plan.entries), dtype=np.int64)
        idx[0] = plan.lead
        grid = idx[1:].reshape(m, len(plan.entries))
        for e, (kind, first, codes) in enumerate(plan.entries):
            if kind == "at":
                grid[:, e] = first
            elif kind == "coded":
                np.add(codes[start:stop], np.int64(first), out=grid[:, e])
            else:
                begin = len(plan.small) + first * height + at
                grid[:, e] = np.arange(begin, begin + m)
        got = table.take(pa.array(idx))
        offsets = np.frombuffer(got.buffers()[1], dtype=np.int64)[got.offset:got.offset + len(got) + 1]
        yield memoryview(got.buffers()[2])[int(offsets[0]):int(offsets[-1]) - plan.cut]


def record_chunks(tx: pd.DataFrame, size: int) -> Iterator[bytes | memoryview] | None:
    """The records of ``tx`` (see the module docstring) as UTF-8 (bytes, or a view of the buffer they were
    gathered in), ``size`` rows per piece, each piece's records separated by ``,`` + newline; None when a
    column is not text, number or date."""
    dumps = _ujson()
    if dumps is None or not len(tx) or not any(c in tx.columns for c in schema.JSON_FIELDS):
        return None
    cols = _columns(tx, dumps)
    if cols is None:
        return None
    fixed = [""]  # the texts around the columns that vary: fixed[0] column fixed[1] column ... fixed[-1]
    varying: list[_Column] = []
    for i, (name, col) in enumerate(cols):
        fixed[-1] += ("{" if i == 0 else ",") + json.dumps(name) + ":"
        if col.literal is not None:
            fixed[-1] += col.literal
            continue
        if col.text is not None and not col.text.null_count and not _maybe_special(col.text):
            col = _Column(text=col.text, plain=True)  # plain texts: the quotes join the fixed text
        fixed[-1] += '"' if col.plain else ""
        varying.append(col)
        fixed.append('"' if col.plain else "")
    fixed[-1] += "}"
    if not varying:  # every column holds one value
        return iter([((fixed[0] + ",\n") * len(tx))[:-2].encode("utf-8")])
    return gather_records(_RowPlan.build(fixed, varying), len(tx), size, dumps)


def records_text(part: pd.DataFrame) -> str | None:
    """The chunk's records (see the module docstring), or None when a column is not text, number or date."""
    data = records_bytes(part)
    return None if data is None else data.decode("utf-8")


def records_bytes(part: pd.DataFrame) -> bytes | None:
    """:func:`records_text` encoded as UTF-8 (the form it is built in)."""
    chunks = record_chunks(part, max(1, len(part)))
    return None if chunks is None else b"".join(chunks)
