"""The column helpers the stages share give what the plain pandas operations give."""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.columns import isin_text, map_distinct, shared_objects
from audit.detection.keys import stream_keys


def test_isin_text_matches_pandas_isin_on_every_kind_of_text_column() -> None:
    values = ["a", None, "b", "a", "c"]
    for dtype in ("str", "string[pyarrow]", object):
        s = pd.Series(values, dtype=dtype)
        assert isin_text(s, {"a", "c"}).tolist() == [True, False, False, True, True]
    assert isin_text(np.array(values, dtype=object), ["b"]).tolist() == [False, False, True, False, False]
    assert isin_text(pd.Series([], dtype="str"), {"a"}).tolist() == []


def test_map_distinct_calls_once_per_value() -> None:
    calls: list[object] = []

    def fn(v: object) -> bool:
        calls.append(v)
        return v == "x"

    s = pd.Series(["x", "y", "x", None, "x"], dtype=object)
    assert map_distinct(s, fn, bool).tolist() == [True, False, True, False, True]
    assert len(calls) == 3  # x, y and the missing value


def test_shared_objects_keeps_values_and_shares_equal_strings() -> None:
    s = pd.Series(["shop " + str(i % 2) for i in range(6)] + [None], dtype="str")
    out = shared_objects(s)
    assert out.tolist() == s.astype(object).where(s.notna(), None).tolist()
    assert out[0] is out[2] is out[4]


def test_stream_keys_decide_changing_codes_per_client() -> None:
    keys = pd.Series(["APPLE COM BILL 151", "APPLE COM BILL 152", "NETFLIX BASIC", "NETFLIX BASIC"])
    assert stream_keys(keys).tolist() == ["APPLE BILL", "APPLE BILL", "NETFLIX BASIC", "NETFLIX BASIC"]
    # one code per client: each client alone shows no changing code
    by = pd.Series(["x", "y", "x", "y"])
    assert stream_keys(keys, by).tolist() == ["APPLE BILL 151", "APPLE BILL 152", "NETFLIX BASIC", "NETFLIX BASIC"]
    assert stream_keys(keys, pd.Series(["x"] * 4)).tolist() == stream_keys(keys).tolist()
