"""The descriptor columns' factorizations that :func:`audit.descriptors.add_descriptor_columns` works out from
the description's codes (for :func:`audit.textcols.factorize_text`) equal ``pd.factorize`` of the columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from audit import textcols
from audit.descriptors import add_descriptor_columns
from audit.textcols import factorize_text, taken_factorization

TEXTS = ["PAYPAL *RESTORO 4029357733", "FS *PCSHIELD 8842", "FS *PCSHIELD 9911", "AMAZON.CO.JP", "LAWSON 123",
         "2CO.COM*PCFIX", "", "  ", "ＮＥＴＦＬＩＸ"]


@pytest.mark.parametrize("seed", range(8))
def test_descriptor_columns_factorize_as_pandas_does(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    desc = [None if rng.random() < 0.2 * (seed % 3) else str(rng.choice(TEXTS)) for _ in range(n)]
    tx = pd.DataFrame({"description": pd.Series(desc, dtype="str"), "amount": np.ones(n)})
    out = add_descriptor_columns(tx)
    for col in ("descriptor_norm", "merchant_key", "facilitator"):
        if col != "descriptor_norm":  # worked out, not hashed: factorize_text answers from its cache
            assert id(out[col].array.__arrow_array__()) in textcols._FACTORIZED
        want_codes, want_uniq = pd.factorize(out[col])
        got_codes, got_uniq = factorize_text(out[col])
        assert got_codes.tolist() == want_codes.tolist()
        assert list(got_uniq) == list(want_uniq)
        assert type(got_uniq) is type(want_uniq) and got_uniq.dtype == want_uniq.dtype


@pytest.mark.parametrize("codes", [[0, 1, 0, 2], [-1, 0, 1], [0, -1, 1, -1, 2, 0], [-1, -1], [0, 0, 1, -1]])
def test_taken_factorization_of_repeated_values_and_missing_ones(codes):
    codes = np.array(codes, dtype=np.intp)
    n = int(codes.max()) + 1 if (codes >= 0).any() else 0
    table = pd.Series([*["b", None, "b", "a"][:n], ""], dtype="str")  # repeats, a missing value, the last slot
    got_codes, got_uniq = taken_factorization(codes, table)
    want_codes, want_uniq = pd.factorize(pd.Series(table.to_numpy(dtype=object)[np.where(codes < 0, n, codes)],
                                                   dtype="str"))
    assert got_codes.tolist() == want_codes.tolist()
    assert list(got_uniq) == list(want_uniq)
