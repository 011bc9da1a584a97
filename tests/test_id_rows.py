"""Rows found by id from how a numbered id column is built (audit.ids.numbered_positions) agree with looking
every row's id up by text (audit.columns.isin_text)."""

import numpy as np
import pandas as pd
import pytest

from audit.columns import isin_text
from audit.ids import id_rows, numbered_positions
from audit.readers.csv_table import numbered_ids

_ODD = ["", "a.csv:r", "a.csv:r007", "a.csv:r-1", "a.csv:r²", "a.csv:r1.0", "b.csv:r3", "a.csv:r3 ",
        "a.csv:r99999999999999999999999", "A.CSV:R3", None]


def _plain(ids: pd.Series, wanted) -> np.ndarray:
    return np.flatnonzero(isin_text(ids, wanted))


@pytest.mark.parametrize("numbers", [[2], [0, 1, 2], list(range(2, 40)), [5, 9, 10, 11, 99, 100, 1000, 123456]])
def test_numbered_positions_agree_with_text_lookup(numbers):
    ids = numbered_ids("a.csv:r", np.array(numbers))
    rng = np.random.default_rng(len(numbers))
    present = [f"a.csv:r{n}" for n in rng.choice(numbers, size=min(5, len(numbers)), replace=False)]
    absent = [f"a.csv:r{n}" for n in (1, 3, 12, 101, 999999)]
    for wanted in ([], present, present + absent + [w for w in _ODD if w is not None], absent, [None, *present]):
        got = numbered_positions(ids, wanted)
        assert got is not None
        assert got.tolist() == _plain(ids, wanted).tolist()
        assert id_rows(ids, [w for w in wanted if w is not None]).tolist() == got.tolist()


def test_ids_that_are_not_texts_are_read_as_isin_text_reads_them():
    ids = numbered_ids("", np.arange(0, 12))
    wanted = [5, "7", None, 11.0, "00"]
    assert numbered_positions(ids, wanted).tolist() == _plain(ids, wanted).tolist() == [5, 7]


def test_a_prefix_of_other_scripts():
    ids = numbered_ids("明細/カード.csv:r", np.arange(2, 30))
    wanted = ["明細/カード.csv:r5", "明細/カード.csv:r29", "明細/カード.csv:r30", "明細/カード.csv:r05", "カード.csv:r5"]
    assert numbered_positions(ids, wanted).tolist() == _plain(ids, wanted).tolist() == [3, 27]


def test_columns_not_built_by_numbering_are_looked_up_by_text():
    built = numbered_ids("a.csv:r", np.array([2, 3, 4]))
    copied = pd.Series(list(built), dtype="str")  # same texts, other data: how they were built is unknown
    assert numbered_positions(copied, ["a.csv:r3"]) is None
    assert id_rows(copied, {"a.csv:r3"}).tolist() == [1]
    repeated = numbered_ids("a.csv:r", np.array([2, 3, 3]))  # numbers not increasing: ids may repeat
    assert numbered_positions(repeated, ["a.csv:r3"]) is None
    assert id_rows(repeated, {"a.csv:r3"}).tolist() == [1, 2]
    objects = pd.Series(["x", "y", "x"], dtype=object)
    assert numbered_positions(objects, ["x"]) is None
    assert id_rows(objects, {"x"}).tolist() == [0, 2]


def test_a_slice_of_a_built_column_is_looked_up_by_text():
    built = numbered_ids("a.csv:r", np.arange(2, 12))
    part = built.iloc[3:7]
    assert id_rows(part, {"a.csv:r6", "a.csv:r2"}).tolist() == _plain(part, {"a.csv:r6", "a.csv:r2"}).tolist()


def test_the_increasing_check_is_remembered_per_column_and_never_for_another():
    for _ in range(3):  # columns made and dropped in turns: a new column's answer is its own
        good = numbered_ids("a.csv:r", np.arange(2, 50))
        bad = numbered_ids("a.csv:r", np.array([2, 3, 3, 4]))
        for _again in range(2):
            assert numbered_positions(good, ["a.csv:r10"]).tolist() == [8]
            assert numbered_positions(bad, ["a.csv:r3"]) is None
        del good, bad
