"""Date-format inference: orders of day, month and year."""

from __future__ import annotations

import pandas as pd


def test_two_digit_years_never_read_years_ahead():
    """``31.03.25`` (a German export's single booking date) is 31 March 2025, not 25 March 2031: of the orders
    that read every date, one that puts no date years into the future wins before the shortest period."""
    from audit.dates import infer_date_format_info

    for text, fmt in (("31.03.25", "%d.%m.%y"), ("31/03/25", "%d/%m/%y")):
        guess = infer_date_format_info(pd.Series([text, text]))
        assert guess.format == fmt, (text, guess)
    assert infer_date_format_info(pd.Series(["23/04/01"])).format == "%y/%m/%d"  # a Japanese export, as before
