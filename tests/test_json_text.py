"""The column-by-column JSON records are byte for byte what pandas' to_json writes (quotes, backslashes,
slashes, control characters, non-ASCII, odd numbers, missing values, dates)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit import schema
from audit.scale.json_text import records_text
from audit.scale.output import _json_frame


def _pandas(part: pd.DataFrame) -> str:
    text = _json_frame(part).to_json(orient="records", lines=True, force_ascii=False, double_precision=15)
    return text.rstrip("\n").replace("\n", ",\n")


def _table(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    chars = list('ab/"\\\t\n\r\x01\x1f\x7f日本\u2028 {},:é')
    texts = ["".join(rng.choice(chars, rng.integers(0, 8))) for _ in range(n)]
    df = pd.DataFrame({
        "id": [f"client/{i}.csv:r{i}" if i % 3 else f"t{i}" for i in range(n)], "source": "s.csv",
        "date": pd.to_datetime(rng.integers(0, 20000, n), unit="D"), "description": texts,
        "amount": rng.choice([0.1 + 0.2, 12.345, 1e16, 1e17, -0.0, np.nan, 2189.0, -45.5, 1.5e300, 1e-7, 123456789.123], n),
        "currency": rng.choice(["JPY", None, "US/D"], n), "original_amount": rng.choice([np.nan, 9.99], n),
        "original_currency": None, "card": "****1234", "client": rng.choice(["a", 'b"c', None], n)})
    df.loc[5, "date"] = pd.NaT
    return schema.conform(df)


def test_records_match_pandas_to_json() -> None:
    for seed in range(3):
        tx = _table(2000, seed)
        assert records_text(tx) == _pandas(tx)
        assert records_text(tx.iloc[7:19]) == _pandas(tx.iloc[7:19])


def test_a_column_of_another_kind_falls_back() -> None:
    tx = _table(10, 0).assign(amount=pd.Series([1, "x"] * 5, dtype=object))
    assert records_text(tx) is None


def test_chunks_constant_columns_and_card_numbers_match_pandas() -> None:
    from audit.scale.json_text import record_chunks

    tx = _table(500, 4)
    tx["description"] = np.where(np.arange(500) % 7 == 0, "PAY 4111 1111 1111 1111 x/y", tx["description"])
    tx = schema.conform(tx)
    for size in (1, 7, 499, 500, 10_000):
        assert b",\n".join(record_chunks(tx, size)).decode("utf-8") == _pandas(tx)
    same = schema.conform(tx.assign(description="ONE SHOP", amount=980.0, currency="JPY", client=None, id="x"))
    assert b",\n".join(record_chunks(same, 64)).decode("utf-8") == _pandas(same)
    assert records_text(same.iloc[:1]) == _pandas(same.iloc[:1])


def test_special_byte_check_equals_a_regex_per_text() -> None:
    import re

    import pyarrow as pa

    from audit.scale.json_text import _PLAIN, _maybe_special

    rng = np.random.default_rng(5)
    chars = list('ab/"\\\t\x00\x1f\x20日本é')
    for _ in range(300):
        texts = ["".join(rng.choice(chars, rng.integers(0, 4))) for _ in range(rng.integers(0, 5))]
        arr = pa.array(texts, type=pa.large_string())
        assert _maybe_special(arr) == any(re.search(_PLAIN, t) for t in texts), texts
        if len(arr) > 1:
            part = arr.slice(1)
            assert _maybe_special(part) == any(re.search(_PLAIN, t) for t in texts[1:]), texts


def test_gathered_with_fixed_texts_apart_or_joined_and_one_table_match_pandas(monkeypatch) -> None:
    from audit.scale import json_text
    from audit.scale.json_text import record_chunks

    tx = _table(300, 6)
    plain = schema.conform(tx.assign(id=[f"f.csv:r{i}" for i in range(300)]))
    for bake, small in ((0, 0), (0, 1 << 30), (1 << 30, 0), (1 << 30, 1 << 30)):
        monkeypatch.setattr(json_text, "BAKE_BYTES", bake)
        monkeypatch.setattr(json_text, "SMALL_BYTES", small)
        for frame in (tx, plain, plain.drop(columns=["id"]), tx.drop(columns=["amount", "description", "date"])):
            for size in (1, 64, 300):
                assert b",\n".join(record_chunks(frame, size)).decode("utf-8") == _pandas(frame)


def test_one_text_check_equals_a_set_of_the_texts() -> None:
    import pyarrow as pa

    from audit.scale.json_text import _one_text

    rng = np.random.default_rng(7)
    for _ in range(400):
        texts = [rng.choice(["ab", "a", "b", "", "aab", None]) for _ in range(rng.integers(0, 5))]
        if rng.random() < 0.5 and texts:
            texts = [texts[0]] * len(texts)
        arr = pa.array(texts, type=pa.large_string())
        for part, got in ((arr, texts), (arr.slice(1), texts[1:])):
            want = bool(got) and None not in got and len(set(got)) == 1
            assert _one_text(part) == want or (want and not "".join(got)), got


def test_signed_zeros_and_nan_payloads_match_pandas() -> None:
    payload = np.array([0x7FF8000000000001], dtype=np.int64).view(np.float64)[0]
    tx = schema.conform(pd.DataFrame({"id": list("abcdefg"),
                                      "amount": [-0.0, 0.0, np.nan, payload, -0.0, 1e15, 0.5]}))
    assert records_text(tx) == _pandas(tx)


def test_one_text_check_across_blocks() -> None:
    import pyarrow as pa

    from audit.scale.json_text import _one_text

    n = 200_000
    same = ["file:a.csv"] * n
    assert _one_text(pa.array(same, type=pa.large_string()))
    assert _one_text(pa.array(same, type=pa.large_string()).slice(70_000))
    for at in (1, 65_535, 65_536, 131_073, n - 1):
        other = same.copy()
        other[at] = "file:b.csv"
        assert not _one_text(pa.array(other, type=pa.large_string()))
        other[at], other[at - 1] = "file:a.csvf", "ile:a.csv"  # same bytes, other lengths
        assert not _one_text(pa.array(other, type=pa.large_string()))
