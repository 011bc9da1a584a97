"""Fast column helpers the stages share: set membership of a text column with Arrow's hash lookup, and a
function applied once per distinct value instead of once per row.

``Series.isin`` on an Arrow string column converts every value of the lookup set one by one, and
``np.isin`` on object arrays sorts both sides; on a million rows with a large set either costs seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

import numpy as np
import pandas as pd


def isin_text(values: pd.Series | np.ndarray | Iterable[str | None], wanted: Collection[str]) -> np.ndarray:
    """Boolean array: each value (text or missing) is in ``wanted``; a missing value never is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pd.Series) and hasattr(values.array, "__arrow_array__"):  # Arrow text: no copy to objects
        col = pa.array(values.array)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            found = pc.is_in(col, value_set=pa.array([str(w) for w in wanted], type=col.type))
            return found.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
    if isinstance(values, pd.Series):
        arr = values.to_numpy(dtype=object, na_value=None)
    else:
        arr = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=object)
    if not len(arr):
        return np.zeros(0, dtype=bool)
    try:
        found = pc.is_in(pa.array(arr, type=pa.large_string(), from_pandas=True),
                         value_set=pa.array([str(w) for w in wanted], type=pa.large_string()))
    except (pa.ArrowException, TypeError):  # values that are not text
        s = pd.Series(arr, dtype=object)
        return (s.astype("str").isin(set(map(str, wanted))) & s.notna()).to_numpy(dtype=bool)
    return found.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)


def map_distinct(values: pd.Series, fn: Callable[[Any], Any], dtype: Any = object) -> np.ndarray:
    """``values.map(fn)`` as an array, calling ``fn`` once per distinct value (missing values included)."""
    codes, uniq = pd.factorize(values, use_na_sentinel=False)
    return np.asarray([fn(u) for u in uniq], dtype=dtype)[codes] if len(codes) else np.zeros(0, dtype=dtype)


def shared_objects(values: pd.Series) -> np.ndarray:
    """A text column as an object array (missing values as None) in which equal values share one Python
    string: a column of many rows and few distinct texts costs a pointer per row, not a string per row."""
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    table = np.empty(len(uniq) + 1, dtype=object)
    table[:-1] = np.asarray(uniq, dtype=object)
    table[-1] = None  # code -1: missing
    return table[codes]
