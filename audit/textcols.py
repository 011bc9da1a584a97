"""Fast operations on pandas text columns (Arrow kernels): regex search and replace, constant and
chosen columns, edge-space and non-ASCII tests, once-per-distinct-value mapping, NFKC.

pandas falls back to per-row Python for some regex features (\\b, \\s, \\uXXXX escapes) and for
Unicode normalisation; these helpers call Arrow's RE2 kernels directly (RE2 semantics: ASCII \\b, \\s).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def as_str_series(values: pd.Series) -> pd.Series:
    """The column as a text column (kept as is when it already is Arrow-backed text)."""
    if isinstance(values.dtype, pd.StringDtype) and getattr(values.dtype, "storage", "") == "pyarrow":
        return values
    return values.astype("str")




def arrow(values: pd.Series) -> pa.ChunkedArray:
    """The column's Arrow data as one chunked array."""
    arr = values.array.__arrow_array__()
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


def _fromarrow(arr: pa.ChunkedArray | pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(arr, index=index, dtype="str")


def re_contains(values: pd.Series, pattern: str) -> pd.Series:
    """Boolean column: ``pattern`` (RE2 syntax) found in the cell; missing cells give False."""
    s = as_str_series(values)
    try:
        got = pc.match_substring_regex(arrow(s), pattern)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return s.str.contains(pattern, regex=True, na=False).astype(bool)
    return pd.Series(got.to_numpy(zero_copy_only=False), index=s.index).fillna(False).astype(bool)


def re_replace(values: pd.Series, pattern: str, repl: str) -> pd.Series:
    """Column with every ``pattern`` (RE2 syntax) match replaced by ``repl`` (``\\1`` group references)."""
    s = as_str_series(values)
    try:
        got = pc.replace_substring_regex(arrow(s), pattern, repl)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return s.str.replace(pattern, repl, regex=True)
    return _fromarrow(got, s.index)


# Zeroed buffers of all-missing text columns, by length, while some column holds one: Arrow data never
# changes, so columns of nothing share their offsets and validity (all zeros) instead of each writing its own;
# zeros from numpy come from the system already zeroed, not written a page at a time.
_ZEROS: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def _null_str(n: int) -> pa.Array:
    """``pa.nulls(n, pa.large_string())`` over shared zeroed buffers."""
    zeros = _ZEROS.get(n)
    if zeros is None:
        zeros = _ZEROS[n] = np.zeros(n + 1, dtype=np.int64)  # offsets; its first bytes serve as the validity bits
        zeros.flags.writeable = False
    buf = pa.py_buffer(zeros)
    return pa.LargeStringArray.from_buffers(n, buf, pa.py_buffer(b""), buf, null_count=n)


def const_str(value: str | None, n: int, index: pd.Index | None = None) -> pd.Series:
    """A text column of ``n`` copies of ``value`` (or missing values) built without Python objects."""
    if value is None:
        arr = _null_str(n)
    else:  # the Arrow buffers written at once: the text n times, offsets every len(text) bytes
        text = value.encode("utf-8")
        offsets = np.arange(0, (n + 1) * len(text), len(text), dtype=np.int64) if text else np.zeros(n + 1, dtype=np.int64)
        arr = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(text * n))
    return pd.Series(arr, index=index, dtype="str")


def choose_str(codes: np.ndarray, labels: Sequence[str], index: pd.Index | None = None) -> pd.Series:
    """Text column ``labels[codes[i]]`` (code -1 = missing), built through an Arrow dictionary."""
    mask = codes < 0
    arr = pa.DictionaryArray.from_arrays(
        pa.array(np.where(mask, 0, codes).astype(np.int32), mask=mask), pa.array(list(labels), pa.large_string())
    ).cast(pa.large_string())
    return pd.Series(arr, index=index, dtype="str")


def has_edge_space(values: pd.Series, chars: str = " \t\u3000") -> bool:
    """True when some cell of a text column starts or ends with one of ``chars`` (literal prefix /
    suffix checks in Arrow: several times cheaper than a regex with ``$`` over a large column)."""
    arr = arrow(as_str_series(values))
    return any(
        pc.any(check(arr, ch)).as_py() is True for ch in chars for check in (pc.starts_with, pc.ends_with)
    )


def filled_mask(values: pd.Series) -> np.ndarray:
    """Boolean array: the cell holds something besides white space (``values.str.strip() != ""``, missing
    cells False), with Arrow's kernels on an Arrow text column."""
    if isinstance(values.dtype, pd.StringDtype) and hasattr(values.array, "__arrow_array__"):
        arr = arrow(values)
        codes = None
        if len(arr) >= 4096:  # a long column: once per distinct value (missing cells get the last slot)
            encoded = encode_once(values)
            if len(encoded.dictionary) <= 0.6 * len(arr):
                arr, codes = encoded.dictionary, encoded.indices.fill_null(len(encoded.dictionary))
        blank = pc.or_kleene(pc.equal(arr, ""), pc.utf8_is_space(arr))
        filled = ~np.asarray(blank.fill_null(True).to_numpy(zero_copy_only=False), dtype=bool)
        if codes is None:
            return filled
        return np.append(filled, False)[codes.to_numpy(zero_copy_only=False)]
    s = values.astype("str")
    return (values.notna() & (s.str.strip() != "")).to_numpy(dtype=bool, na_value=False)


def has_non_ascii(values: pd.Series) -> bool:
    """True when any cell of a text column has a non-ASCII character."""
    s = as_str_series(values)
    return not bool(pc.all(pc.string_is_ascii(arrow(s))).as_py() in (True, None))


_LOCAL = threading.local()  # .shared: this thread's open cache of :func:`shared_encodings`, if any


@contextmanager
def shared_encodings() -> Iterator[None]:
    """Within the block, a text column's distinct values are found once and reused by every
    :func:`map_unique` over the same Arrow data (a reader asks many questions of one column); the cache
    (holding the columns) is dropped when the block ends. Each thread has its own."""
    outer = getattr(_LOCAL, "shared", None)
    _LOCAL.shared = {} if outer is None else outer
    try:
        yield
    finally:
        _LOCAL.shared = outer


def encode_once(values: pd.Series) -> pa.DictionaryArray:
    """The column's Arrow dictionary encoding (distinct values, a code per row), from the shared cache
    when one is open and already holds this column's Arrow data."""
    data = arrow(as_str_series(values))
    shared: dict[int, tuple[pa.ChunkedArray, pa.DictionaryArray]] | None = getattr(_LOCAL, "shared", None)
    if shared is None:
        return pc.dictionary_encode(data).combine_chunks()
    hit = shared.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    encoded = pc.dictionary_encode(data).combine_chunks()
    if len(shared) >= 16:  # a few columns at a time; the oldest go first
        shared.pop(next(iter(shared)))
    shared[id(data)] = (data, encoded)  # the data is held, so its id cannot be reused while cached
    return encoded


def distinct(values: pd.Series, *, min_rows: int = 4096) -> pd.Series:
    """The column's distinct values (missing ones included) when it is long and repeats itself, else the
    column: for questions about the whole column (any cell ...?) whose answer the repeats cannot change."""
    if len(values) < min_rows or not isinstance(values.dtype, pd.StringDtype):
        return values
    encoded = encode_once(values)
    uniques = encoded.dictionary
    if encoded.indices.null_count:
        uniques = pa.concat_arrays([uniques, pa.nulls(1, uniques.type)])
    return pd.Series(uniques, dtype=values.dtype)


# pd.factorize of Arrow text columns while their data lives: id(data) -> (weak reference, codes, uniques)
_FACTORIZED: dict[int, tuple[weakref.ref, np.ndarray, object]] = {}


def factorize_text(values: pd.Series) -> tuple[np.ndarray, object]:
    """``pd.factorize(values, use_na_sentinel=True)``, computed once while the column's Arrow data lives: the
    stages after reading (descriptor columns, merchant matching) ask it of the same description column. The
    codes are shared between the callers, so they are read-only."""
    data = values.array.__arrow_array__() if isinstance(values.dtype, pd.StringDtype) and hasattr(
        values.array, "__arrow_array__") else None
    if data is None:
        return pd.factorize(values, use_na_sentinel=True)
    key = id(data)
    hit = _FACTORIZED.get(key)
    if hit is not None and hit[0]() is data:
        return hit[1], hit[2]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    codes.flags.writeable = False
    try:
        _FACTORIZED[key] = (weakref.ref(data, lambda _ref, key=key: _FACTORIZED.pop(key, None)), codes, uniques)
    except TypeError:  # data that takes no weak reference: worked out again next time
        pass
    return codes, uniques


def remember_factorized(values: pd.Series, codes: np.ndarray, uniques: object) -> None:
    """Let :func:`factorize_text` answer ``(codes, uniques)`` for ``values`` (an Arrow text column) while its data
    lives: the caller built the column from codes it has and knows its factorization without hashing every row.
    ``(codes, uniques)`` must be exactly ``pd.factorize(values, use_na_sentinel=True)``."""
    data = values.array.__arrow_array__() if isinstance(values.dtype, pd.StringDtype) and hasattr(
        values.array, "__arrow_array__") else None
    if data is None or len(codes) != len(values):
        return
    codes.flags.writeable = False
    key = id(data)
    try:
        _FACTORIZED[key] = (weakref.ref(data, lambda _ref, key=key: _FACTORIZED.pop(key, None)), codes, uniques)
    except TypeError:  # data that takes no weak reference: factorize_text works it out
        pass


def taken_factorization(codes: np.ndarray, table: pd.Series, slots: np.ndarray | None = None) -> tuple[np.ndarray, object]:
    """``pd.factorize(table.take(slot))`` where ``slot`` is ``codes`` with -1 turned into ``len(table) - 1``,
    without hashing every row: ``codes`` (``pd.factorize`` codes, -1 for missing) number the rows' values in order
    of first appearance, so the slots first appear in the order 0 .. m-1, then the last slot (at the first -1),
    then m .. (m: the codes seen before the first -1); the distinct slots' values are factorized in that order.
    ``slots``: the rows' slots when the caller has them."""
    n = len(table) - 1  # the last slot: a missing value
    miss = np.flatnonzero(codes < 0)
    if len(miss):
        r = int(miss[0])
        m = int(codes[:r].max()) + 1 if r else 0
        order = np.r_[np.arange(m), n, np.arange(m, n)].astype(np.int64)
    else:
        order = np.arange(n, dtype=np.int64)
    slot_codes, uniques = pd.factorize(table.iloc[order], use_na_sentinel=True)
    by_slot = np.full(n + 1, -1, dtype=slot_codes.dtype)
    by_slot[order] = slot_codes
    return by_slot[np.where(codes < 0, n, codes) if slots is None else slots], uniques


def strip_column(values: pd.Series) -> pd.Series:
    """``values.str.strip()`` of a text column; the column itself when stripping changes no distinct value."""
    u = distinct(values)
    if u is values:
        return values.str.strip()
    if bool((u.str.strip().fillna("") == u.fillna("")).all()):
        return values
    return values.str.strip()


def map_unique(values: pd.Series, fn: Callable[[pd.Series], pd.Series], *, min_rows: int = 4096) -> pd.Series:
    """``fn(values)`` computed once per distinct value (statements repeat merchants, dates and prices).

    ``fn`` must be element-wise (each output depends only on its own input). Columns that are mostly
    distinct values are passed straight to ``fn``.
    """
    n = len(values)
    if n < min_rows or not isinstance(values.dtype, pd.StringDtype):
        return fn(values)
    encoded = encode_once(values)
    uniques = encoded.dictionary
    if len(uniques) > 0.6 * n:
        return fn(values)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    if encoded.indices.null_count:  # missing cells get their own slot after the distinct values
        codes = np.where(np.asarray(encoded.indices.is_null()), len(uniques), codes)
        uniques = pa.concat_arrays([uniques, pa.nulls(1, uniques.type)])
    res = fn(pd.Series(uniques, dtype=values.dtype))
    if isinstance(res, pd.Series):  # one take of the values (``iloc`` would build a row index only to drop it)
        return pd.Series(res.array.take(codes.astype(np.intp)), index=values.index, name=res.name)
    out = res.iloc[codes.astype(np.intp)]
    out.index = values.index
    return out


def nfkc(values: pd.Series) -> pd.Series:
    """Unicode NFKC of a text column (full-width letters and digits to ASCII, ideographic space to space)."""
    s = as_str_series(values)
    return _fromarrow(pc.utf8_normalize(arrow(s), form="NFKC"), s.index)
