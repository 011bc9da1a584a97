"""Round-23 read shortcuts against the plain versions they replace (generated inputs, edge cases)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from audit.readers import _holds_any, read_statement
from audit.readers.csv_table import _digit_blocks, numbered_ids
from audit.textcols import const_str, factorize_text, map_unique


def _plain_ids(prefix: str, nums: np.ndarray) -> list[str]:
    return [f"{prefix}{n}" for n in nums.tolist()]


@pytest.mark.parametrize("prefix", ["a.csv:r", "明細 ü.csv:r", ""])
def test_numbered_ids_are_the_formatted_numbers(prefix):
    rng = np.random.default_rng(23)
    cases = [[0], [5], [0, 0, 0], [9, 10], [1, 2, 3, 10, 11, 99, 100], [8, 9, 10, 10, 1000, 10**12, 10**18 - 1, 10**18],
             [3, 1, 2], [5, 12, 7], [12, 5], [-1, 4], [2**62], list(range(2, 3000)), list(range(7, 20000, 7)),
             sorted(rng.integers(0, 10**15, 400).tolist()), rng.integers(10, 99, 50).tolist(),
             rng.integers(0, 10**6, 300).tolist()]
    for case in cases:
        nums = np.array(case, dtype=np.int64)
        assert numbered_ids(prefix, nums).tolist() == _plain_ids(prefix, nums)
        fast = _digit_blocks(prefix, nums)
        if fast is not None:  # (None: digit counts fall somewhere; the Arrow path then answers, checked above)
            fast.validate(full=True)
            assert fast.to_pylist() == _plain_ids(prefix, nums)
    assert numbered_ids(prefix, np.array([], dtype=np.int64)).tolist() == []


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 64, 1000])
def test_missing_text_columns_are_arrow_nulls_and_independent(n):
    a, b = const_str(None, n), const_str(None, n)
    for got in (a, b):
        data = got.array.__arrow_array__().combine_chunks()
        data.validate(full=True)
        assert data.equals(pa.nulls(n, pa.large_string())) and str(got.dtype) == "str"
    if n:  # columns sharing buffers still change one at a time
        df = pd.DataFrame({"a": a, "b": b})
        df.loc[0, "a"] = "x"
        assert df["a"].tolist()[0] == "x" and df["b"].isna().all() and a.isna().all()


def _column(rng: np.random.Generator, n: int, distinct: int, nulls: bool) -> pd.Series:
    words = [f"w{i} " if i % 5 == 0 else f"w{i}" for i in range(distinct)]
    values = [words[i] for i in rng.integers(0, distinct, n)]
    if nulls:
        values = [None if i % 11 == 3 else v for i, v in enumerate(values)]
    return pd.Series(values, dtype="str", index=pd.RangeIndex(100, 100 + n), name="c")


@pytest.mark.parametrize("n, distinct", [(0, 1), (1, 1), (5000, 3), (5000, 40), (9000, 8000)])
@pytest.mark.parametrize("nulls", [False, True])
def test_map_unique_is_the_function_on_every_row(n, distinct, nulls):
    col = _column(np.random.default_rng(n + distinct), n, distinct, nulls)
    for fn in (lambda v: v.str.strip() == "w0", lambda v: v.str.len(), lambda v: v.str.upper(),
               lambda v: v.fillna("").str.strip() == ""):
        got, want = map_unique(col, fn), fn(col)
        assert got.index.equals(col.index) and got.dtype == want.dtype
        pd.testing.assert_series_equal(got, want, check_names=False)  # (the distinct values' name: none, as before)
    frame = map_unique(col, lambda v: v.str.extract(r"w(?P<d>[0-9])"))
    pd.testing.assert_frame_equal(frame, col.str.extract(r"w(?P<d>[0-9])"))


@pytest.mark.parametrize("nulls", [False, True])
def test_factorize_text_is_pandas_factorize_once(nulls):
    col = _column(np.random.default_rng(5), 6000, 30, nulls)
    codes, uniques = factorize_text(col)
    want_codes, want_uniques = pd.factorize(col, use_na_sentinel=True)
    assert np.array_equal(codes, want_codes) and list(uniques) == list(want_uniques)
    again = factorize_text(col)
    assert again[0] is codes and not codes.flags.writeable  # shared, so nobody may write into it
    plain = pd.Series(["b", None, "a", "b"], dtype=object)  # not Arrow text: pandas' answer as is
    assert [list(x) for x in factorize_text(plain)] == [list(x) for x in pd.factorize(plain, use_na_sentinel=True)]


@pytest.mark.parametrize("size", [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20])
def test_control_bytes_are_found_in_any_chunk(size):
    from audit.readers import _CONTROL_NUL

    clean = b"a,b\n" * (size // 4) + b"x" * (size % 4)
    assert _holds_any(clean, _CONTROL_NUL) is False
    for at in {0, size // 2, max(size - 1, 0), (1 << 20) - 1, 1 << 20}:
        if at < size:
            for bad in (b"\x00", b"\x07", b"\x7f"):
                data = clean[:at] + bad + clean[at + 1:]
                assert _holds_any(data, _CONTROL_NUL) == (len(data.translate(None, _CONTROL_NUL)) < len(data))


def _statement(descriptions: list[str], *, second_lines: bool = False) -> bytes:
    lines = ["利用日,利用店名・商品名,利用金額"] if second_lines else ["Date,Description,Amount"]
    for i, d in enumerate(descriptions):
        lines.append(f"2024/{1 + i % 12:02d}/{1 + i % 28:02d},{d},{100 + i % 50}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("rows", [3, 5000])
def test_card_numbers_in_descriptions_are_still_masked(rows):
    names = ["SHOP A", "  ", "SHOP 4111 1111 1111 1111 REF", "KIOSK"]
    df, report = read_statement(data=_statement([names[i % 4] for i in range(rows)]), name="m.csv")
    shown = " ".join(df["description"].dropna().tolist())
    assert "4111 1111 1111 1111" not in shown and "1111" in shown
    assert report.rows == rows


@pytest.mark.parametrize("rows", [6, 6000])
def test_empty_descriptions_are_counted_as_before(rows):
    descs = ["" if i % 3 else "SHOP" for i in range(rows)]
    _df, report = read_statement(data=_statement(descs), name="e.csv")
    empty = sum(1 for d in descs if not d)
    assert f"{empty} of {rows} rows have no description" in report.warnings
    _df, report = read_statement(data=_statement([""] * rows), name="all.csv")
    assert any(w.startswith("every description is empty") for w in report.warnings)
