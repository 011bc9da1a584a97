"""Odd input the readers must survive: NUL bytes, impossible dates, mixed encodings, very wide files."""

from __future__ import annotations

import time

import pytest

from audit.errors import StatementError
from audit.readers import read_statement, sniff


def test_nul_bytes_are_removed_from_descriptors_with_a_warning():
    data = b"date,description,amount\n2026-01-05,SHOP\x00 ONE\x00,1.00\n2026-01-06,SHOP TWO,2.00\n"
    df, report = read_statement(data=data, name="nul.csv")
    assert df["description"].tolist() == ["SHOP ONE", "SHOP TWO"]
    assert "2 NUL bytes removed" in " ".join(report.warnings)


def test_binary_data_is_still_refused():
    assert sniff(b"\x00\x01\x02\x03" * 100) == "binary data"
    assert sniff(b"date,amount\n" + b"\x00" * 40) == "binary data"


def test_dates_outside_a_sane_range_become_row_problems():
    data = b"date,description,amount\n9999-01-05,SHOP ONE,1.00\n2026-01-06,SHOP TWO,2.00\n1800-02-03,OLD,3.00\n"
    df, report = read_statement(data=data, name="years.csv")
    assert df["description"].tolist() == ["SHOP TWO"] and report.rows == 1
    messages = [str(p) for p in report.problems]
    assert len(messages) == 2
    assert messages[0].startswith("years.csv: row 2: date 9999-01-05 is outside 1950-01-01")
    assert "1800-02-03" in messages[1]


def test_a_file_mixing_encodings_gets_a_warning():
    data = (
        "日付,利用店名,金額\n".encode() + "2026/01/05,アマゾン,1000\n".encode() + "2026/01/06,ローソン,500\n".encode("cp932")
    )
    _, report = read_statement(data=data, name="mixed.csv")
    assert any("mixes text encodings" in w and "line 3" in w for w in report.warnings)
    _, clean = read_statement(data=data[: data.rfind(b"2026/01/06")], name="clean.csv")
    assert not any("mixes" in w for w in clean.warnings)


def _wide(columns: int) -> bytes:
    rows = [",".join([f"2026-01-{i + 1:02d}", f"SHOP {i}", *(str(100 + j % 7) for j in range(columns - 2))]) for i in range(5)]
    return ("\n".join(rows) + "\n").encode()


def test_ten_thousand_columns_are_refused_at_once_by_default():
    t0 = time.perf_counter()
    with pytest.raises(StatementError) as err:
        read_statement(data=_wide(10_000), name="wide.csv")
    assert "limit on columns in one line (10,000 > 2,000)" in str(err.value)
    assert time.perf_counter() - t0 < 1


def test_wide_file_within_the_limit_is_read_with_bounded_inference():
    df, report = read_statement(data=_wide(1_500), name="wide.csv")
    assert df["description"].tolist() == [f"SHOP {i}" for i in range(5)]
    assert any("only the first 64 of 1500 columns" in w for w in report.warnings)
