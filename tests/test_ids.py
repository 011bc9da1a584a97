"""Ids proven unique from how they are built (audit.ids.numbered_apart) agree with hashing them all."""

import pandas as pd
import pytest

from audit.ids import has_duplicates, numbered_apart


def _tx(ids: list[str | None], rows: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"id": pd.Series(ids, dtype="str"), "row": pd.Series(rows, dtype="Int64")})


@pytest.mark.parametrize(("ids", "rows", "sizes", "proven"), [
    (["a.csv:r2", "a.csv:r3", "b.csv:r2"], [2, 3, 2], [2, 1], True),
    (["c/a.csv:r2", "d/a.csv:r2"], [2, 2], [1, 1], True),  # one file name, two clients
    (["a.csv:r2", "a.csv:r2"], [2, 2], [2], False),  # rows not increasing
    (["a.csv:r2", "a.csv:r3"], [2, 3], [1, 1], False),  # two blocks with one prefix
    (["a.csv:p1l3", "a.csv:p1l4"], [3, 4], [2], False),  # not <prefix>:r<row>
    (["x.csv:r2", "x.csv:r3"], [2, 4], [2], False),  # an id that is not its row's
    (["a.csv:r1", None], [1, 2], [2], False),  # a missing id
    (["a.csv:r1", "a.csv:r2"], [1, 2], [3], False),  # sizes that do not add up
])
def test_numbered_apart(ids, rows, sizes, proven):
    tx = _tx(ids, rows)
    assert numbered_apart(tx, sizes) is proven
    if proven:  # a proof is never wrong: hashing finds no repeat either
        assert not has_duplicates(tx["id"])


def test_repeated_ids_still_found_by_hashing():
    tx = _tx(["a.csv:r2", "a.csv:r2"], [2, 2])
    assert not numbered_apart(tx, [2])
    assert has_duplicates(tx["id"])


@pytest.mark.parametrize("numbers", [
    [], [0], [7], [9, 10], list(range(1, 2500)), [99, 100, 100, 1000], [100, 99],  # digit counts falling: Arrow path
    [-3, 4], [10**18 - 1, 10**18, 2**62], [5, 3, 8, 1],
])
@pytest.mark.parametrize("prefix", ["a.csv:r", "", "明細 2026.csv:r"])
def test_numbered_ids_match_formatting_each_number(numbers, prefix):
    import numpy as np

    from audit.readers.csv_table import numbered_ids

    got = numbered_ids(prefix, np.array(numbers, dtype=np.int64))
    assert got.tolist() == [f"{prefix}{n}" for n in numbers]
    assert str(got.dtype) == "str"


@pytest.mark.parametrize(("numbers", "rows", "proven"), [
    ([2, 3, 5], [2, 3, 5], True),
    ([2, 3, 5], [2, 3, 6], False),  # a row that is not its id's
    ([3, 2], [3, 2], False),  # rows not increasing
])
def test_numbered_apart_on_a_built_column_agrees_with_comparing_text(numbers, rows, proven):
    import numpy as np

    from audit.readers.csv_table import built_as, numbered_ids

    ids = numbered_ids("a.csv:r", np.array(numbers))
    assert built_as(ids.array.__arrow_array__()) is not None
    tx = pd.DataFrame({"id": ids, "row": pd.Series(rows, dtype="Int64")})
    assert numbered_apart(tx, [len(rows)]) is proven
    rebuilt = _tx(ids.tolist(), rows)  # the same text, not the built column: the comparison path
    assert built_as(rebuilt["id"].array.__arrow_array__()) is None
    assert numbered_apart(rebuilt, [len(rows)]) is proven
