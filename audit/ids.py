"""Transaction ids of a whole scan: unique whatever the readers did (:func:`audit.pipeline.read_many` suffixes
repeats). Proving it from how the ids are built is cheaper than hashing a million of them."""

from __future__ import annotations

import weakref
from collections.abc import Collection, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from audit.columns import isin_text
from audit.readers.csv_table import built_as, numbered_ids


def numbered_apart(tx: pd.DataFrame, sizes: list[int]) -> bool:
    """True when the ids are unique by construction, a proof cheaper than hashing them all: each file's block
    of rows (``sizes``, in order) has ids ``<prefix>:r<row>`` with rows strictly increasing, and no two blocks
    share a prefix (the digits after the last ``:r`` are the row, so ids of different prefixes differ)."""
    if sum(sizes) != len(tx) or "row" not in tx.columns or tx["row"].isna().any():
        return False
    try:
        rows = tx["row"].to_numpy(dtype=np.int64)
    except (TypeError, ValueError):
        return False
    ids = tx["id"]
    if len(rows) and len(sizes) and max(sizes) == len(rows):  # one file's rows: maybe the very column built for them
        built = built_as(ids.array.__arrow_array__()) if hasattr(ids.array, "__arrow_array__") else None
        if built is not None and len(built[1]) == len(rows) and built[0].endswith(":r"):
            return bool(np.array_equal(built[1], rows)) and (len(rows) < 2 or bool((np.diff(rows) > 0).all()))
    prefixes: set[str] = set()
    start = 0
    for n in sizes:
        if n:
            part = rows[start:start + n]
            first = str(ids.iat[start])
            prefix = first[: len(first) - len(str(part[0]))]
            if (not prefix.endswith(":r") or prefix in prefixes or not first.endswith(str(part[0]))
                    or (n > 1 and not bool((np.diff(part) > 0).all()))):
                return False
            prefixes.add(prefix)
            want = pa.array(numbered_ids(prefix, part).array)
            try:
                got = pa.array(ids.iloc[start:start + n].array).cast(pa.large_string())
            except (pa.ArrowException, TypeError):
                return False
            if got.null_count or pc.all(pc.equal(got, want.cast(pa.large_string()))).as_py() is not True:
                return False
        start += n
    return True


def has_duplicates(ids: pd.Series) -> bool:
    """``ids.duplicated().any()``; on an Arrow text column with Arrow's own hash (no pandas factorize)."""
    if hasattr(ids.array, "__arrow_array__"):
        col = pa.array(ids.array)
        return len(pc.unique(col)) != len(col)
    return bool(ids.duplicated().any())


def numbered_positions(ids: pd.Series, wanted: Iterable[str | None]) -> np.ndarray | None:
    """Sorted positions of the rows whose id is in ``wanted`` (``np.flatnonzero(isin_text(ids, wanted))``), read
    from how the column was built instead of hashing every row: a column of
    :func:`audit.readers.csv_table.numbered_ids` with strictly increasing numbers holds ``<prefix><n>`` at the
    position of ``n``. None when ``ids`` is not such a column (then look the ids up by text)."""
    data = ids.array.__arrow_array__() if hasattr(ids.array, "__arrow_array__") else None
    built = built_as(data) if data is not None else None
    if built is None or len(built[1]) != len(ids):
        return None
    prefix, nums = built
    if not _increasing(data, nums):
        return None
    # an id of another form is no row's: every id is the prefix and a number without leading zeros
    texts = pa.array([str(w) for w in wanted], type=pa.large_string())  # as isin_text reads them
    tails = pc.utf8_slice_codeunits(texts, len(prefix))
    ok = pc.and_(pc.starts_with(texts, prefix), pc.match_substring_regex(tails, "^(?:0|[1-9][0-9]{0,17})$"))
    found = pc.filter(tails, ok.fill_null(False)).cast(pa.int64()).to_numpy(zero_copy_only=False)
    if not len(found):
        return np.zeros(0, dtype=np.int64)
    want = np.unique(found)
    at = np.searchsorted(nums, want)
    ok = at < len(nums)
    ok[ok] = nums[at[ok]] == want[ok]
    return at[ok].astype(np.int64)


_INCREASING: dict[int, tuple[weakref.ref, bool]] = {}  # id(data) -> (data, its numbers strictly increase)


def _increasing(data: object, nums: np.ndarray) -> bool:
    """The numbers of a built id column strictly increase (checked once while the column lives)."""
    hit = _INCREASING.get(id(data))
    if hit is not None and hit[0]() is data:
        return hit[1]
    ok = len(nums) < 2 or bool((np.diff(nums) > 0).all())
    key = id(data)
    try:
        _INCREASING[key] = (weakref.ref(data, lambda _ref, key=key: _INCREASING.pop(key, None)), ok)
    except TypeError:  # data that takes no weak reference: checked again next time
        pass
    return ok


def id_rows(ids: pd.Series, wanted: Collection[str]) -> np.ndarray:
    """Sorted positions of the rows whose id is in ``wanted``: :func:`numbered_positions` where the column
    allows, else a text lookup of every row."""
    got = numbered_positions(ids, wanted)
    return got if got is not None else np.flatnonzero(isin_text(ids, wanted))
