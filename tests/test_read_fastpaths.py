"""The read stage's bulk shortcuts give what the plain per-item versions give (generated inputs, edge cases)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from audit.readers import csv_table, read_statement
from audit.readers.csv_ragged import _most_common
from audit.schema import cap_descriptions
from audit.textcols import const_str


@pytest.mark.parametrize("value", ["abc", "", "é日本 x", None])
@pytest.mark.parametrize("n", [0, 1, 7])
def test_const_str_is_the_value_n_times(value, n):
    got = const_str(value, n)
    assert str(got.dtype) == "str" and len(got) == n
    assert got.isna().tolist() == [value is None] * n
    if value is not None:
        assert got.tolist() == [value] * n


def test_most_common_is_counters_first_seen_among_equals():
    rng = np.random.default_rng(3)
    assert _most_common(np.array([], dtype=np.int64)) == (0, 0)
    for size in (1, 2, 5, 40, 300):
        for top in (1, 3, 9):
            values = rng.integers(0, top + 1, size)
            want = Counter(values.tolist()).most_common(1)[0]
            assert _most_common(values) == want


def test_description_cap_counts_characters_not_bytes():
    multi = "é" * 200  # 400 bytes, 200 characters: within the cap
    long = "a" * 257
    df = pd.DataFrame({"description": pd.Series([multi, None, "x"], dtype="str")})
    out, warning = cap_descriptions(df)
    assert warning is None and out["description"].tolist()[0] == multi
    df = pd.DataFrame({"description": pd.Series([multi, long, "日" * 300], dtype="str"), "row": [1, 2, 3]})
    out, warning = cap_descriptions(df)
    assert out["description"].str.len().tolist() == [200, 256, 256]
    assert warning is not None and warning.startswith("2 descriptions longer than 256") and "row 2" in warning


@pytest.mark.parametrize("data", [
    b"Date,Description,Amount\n2024-01-02,SHOP,100\n2024-01-03,CAFE,200\n",
    b"\xef\xbb\xbfDate,Description,Amount\r\n2024-01-02,SHOP,100\r\n2024-01-03,CAFE,200\r\n\r\n\n",
    b"Date,Description,Amount\n2024-01-02,SHOP,100\n2024-01-03,CAFE,200",
])
def test_arrow_body_with_known_line_feeds_is_the_same(data):
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    plain = csv_table.arrow_body_from_bytes(data, bom, ",", 2, 3)
    known = csv_table.arrow_body_from_bytes(data, bom, ",", 2, 3, newlines=data.count(b"\n"))
    assert plain is not None and known is not None
    pd.testing.assert_frame_equal(plain.cells, known.cells)
    assert plain.lines.tolist() == known.lines.tolist()


def test_nul_and_control_bytes_are_still_found_and_reported():
    body = "".join(f"2024-01-{d:02d},SHOP {d},{d * 100}\n" for d in range(1, 20))
    clean = ("Date,Description,Amount\n" + body).encode()
    _, rep = read_statement(data=clean, name="c.csv")
    assert not any("removed" in w for w in rep.warnings)
    dirty = clean.replace(b"SHOP 3", b"SH\x00OP 3").replace(b"SHOP 5", b"SH\x07OP 5")
    df, rep = read_statement(data=dirty, name="c.csv")
    assert any(w.startswith("1 NUL byte removed") for w in rep.warnings)
    assert any(w.startswith("1 control character removed") and "line 6" in w for w in rep.warnings)
    assert "SHOP 5" in df["description"].tolist()
