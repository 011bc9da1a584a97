"""Amount and date parsers: examples, round-trip properties, vectorised = scalar, only ValueError."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.values import (
    guess_decimal,
    infer_date_format,
    infer_date_format_info,
    parse_amount,
    parse_amounts,
    parse_date,
    parse_dates,
)

# ---------------------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", 1234.0),
        ("￥1,234", 1234.0),
        ("¥-1,234", -1234.0),
        ("-¥1,234", -1234.0),
        ("1,234円", 1234.0),
        ("１，２３４円", 1234.0),
        ("－１，２３４", -1234.0),
        ("\u22121,234", -1234.0),
        ("▲500", -500.0),
        ("△ 500", -500.0),
        ("(12.50)", -12.5),
        ("($12.50)", -12.5),
        ("12.50-", -12.5),
        ("$1,234.00 CR", -1234.0),
        ("12.00 DR", 12.0),
        ("+12", 12.0),
        ("US$ 12.00", 12.0),
        ("USD 12.00", 12.0),
        ("12.00 USD", 12.0),
        ("JPY1,000", 1000.0),
        ("1.234,56 €", 1234.56),
        ("EUR 1.234,56", 1234.56),
        ("12,50", 12.5),
        ("1'234.50", 1234.5),
        ("1 234,56", 1234.56),
        ("1\u2009234,56", 1234.56),
        ("£0.60", 0.6),
        (".5", 0.5),
        ('  "1,234" ', 1234.0),
        ("1.234.567", 1234567.0),
        ("1,234,567.89", 1234567.89),
    ],
)
def test_parse_amount_examples(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("abc", "not an amount"),
        ("(5", "unbalanced"),
        ("--5", "conflicting"),
        ("-5 CR", "conflicting"),
        ("1,23,456", "grouping"),
        ("ABC 12", "unknown currency"),
        ("2026/05/14", "not an amount"),
    ],
)
def test_parse_amount_rejects_with_reason(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_amount(text)


def test_decimal_hint_overrides_guess() -> None:
    assert parse_amount("1.234") == 1.234
    assert parse_amount("1.234", decimal=",") == 1234.0
    assert parse_amount("1,234", decimal=",") == 1.234
    with pytest.raises(ValueError):
        parse_amount("12,50", decimal=".")


def test_guess_decimal_from_column() -> None:
    assert guess_decimal(pd.Series(["1.234,56", "12,50", "1.000"])) == ","
    assert guess_decimal(pd.Series(["1,234.56", "12.50", "1,000"])) == "."
    assert guess_decimal(pd.Series(["1,000", "2,000"])) == "."
    # the column decides what one ambiguous value means
    assert parse_amounts(pd.Series(["1.234,56", "1.000"])).tolist() == [1234.56, 1000.0]


def test_parse_amounts_mixed_column() -> None:
    s = pd.Series(["￥1,234", "(12.50)", "▲500", "1,234円", "-¥1,234", "$1,234.00 CR", "abc", "", None, "1,234-"])
    got = parse_amounts(s)
    assert got.dtype == "float64"
    expected = [1234.0, -12.5, -500.0, 1234.0, -1234.0, -1234.0, None, None, None, -1234.0]
    for g, e in zip(got.tolist(), expected, strict=True):
        assert (math.isnan(g) and e is None) or g == e


def test_parse_amounts_fast_paths() -> None:
    assert parse_amounts(pd.Series([1, -2, 3])).tolist() == [1.0, -2.0, 3.0]
    assert parse_amounts(pd.Series(["1", "-2.5", "x"])).iloc[:2].tolist() == [1.0, -2.5]
    assert math.isnan(parse_amounts(pd.Series(["1", "-2.5", "x"])).iloc[2])
    big = pd.Series(["1,000", "2,500", "-300"] * 3000)  # large enough for the distinct-value path
    assert parse_amounts(big).sum() == 3000 * (1000 + 2500 - 300)


AMOUNT_STYLES = {
    "plain": lambda v: f"{v:.2f}",
    "us": lambda v: f"{v:,.2f}",
    "yen": lambda v: f"¥{round(v):,}",
    "yen-suffix": lambda v: f"{round(v):,}円",
    "eu": lambda v: f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", "."),
    "swiss": lambda v: f"{v:,.2f}".replace(",", "'"),
    "fullwidth": lambda v: "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c in ",." else c for c in f"{v:,.2f}"),
}


def _signed(style: str, v: float, neg: str) -> tuple[str, float]:
    text = AMOUNT_STYLES[style](abs(v))
    value = round(abs(v)) if style.startswith("yen") else round(abs(v), 2)
    if neg == "none" or value == 0:
        return text, value
    return {"minus": "-" + text, "paren": f"({text})", "cr": text + " CR", "triangle": "▲" + text, "trail": text + "-"}[neg], -value


@settings(max_examples=200, deadline=None)
@given(
    v=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    style=st.sampled_from(sorted(AMOUNT_STYLES)),
    neg=st.sampled_from(["none", "minus", "paren", "cr", "triangle", "trail"]),
)
def test_amount_round_trip(v: float, style: str, neg: str) -> None:
    text, expected = _signed(style, v, neg)
    decimal = "," if style == "eu" else "."
    assert parse_amount(text, decimal=decimal) == pytest.approx(expected, abs=1e-9)
    # the column parser agrees with the scalar one
    assert parse_amounts(pd.Series([text]), decimal=decimal).iloc[0] == pytest.approx(expected, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parse_amount_only_raises_value_error(text: str) -> None:
    try:
        value = parse_amount(text)
    except ValueError:
        col = parse_amounts(pd.Series([text]))
        assert col.isna().iloc[0], f"column parser accepted {text!r} that the scalar one rejects"
        return
    assert isinstance(value, float) and math.isfinite(value)
    assert parse_amounts(pd.Series([text])).iloc[0] == pytest.approx(value)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789,.-()¥$€ CRD円▲'", max_size=14))
def test_amount_column_matches_scalar_on_number_like_text(text: str) -> None:
    try:
        expected = parse_amount(text)
    except ValueError:
        expected = None
    got = parse_amounts(pd.Series([text])).iloc[0]
    if expected is None:
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected)


# ------------------------------------------------------------------------------------------ dates

D = dt.date(2026, 5, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2026/05/14", "2026/5/14", "2026-05-14", "2026.05.14", "2026年5月14日", "２０２６年５月１４日",
        "2026年 5月 14日", "令和8年5月14日", "05/14/2026", "14/05/2026", "14.05.2026", "20260514",
        "14 May 2026", "May 14, 2026", "14-May-26", "2026-05-14T10:11:12", "2026-05-14 10:11:12+09:00",
        "2026-05-14T01:02:03Z",
    ],
)
def test_parse_date_examples(text: str) -> None:
    assert parse_date(text) == D


def test_parse_date_yearless_and_hints() -> None:
    assert parse_date("05/14", year=2026) == D
    assert parse_date("5月14日", year=2026) == D
    with pytest.raises(ValueError, match="no year"):
        parse_date("5月14日")
    assert parse_date("03/04/2026") == dt.date(2026, 3, 4)
    assert parse_date("03/04/2026", dayfirst=True) == dt.date(2026, 4, 3)
    assert parse_date("令和元年5月1日") == dt.date(2019, 5, 1)
    assert parse_date("H31.4.30") == dt.date(2019, 4, 30)
    for bad in ("", "2026/13/45", "hello", "12345", "31/31/2026"):
        with pytest.raises(ValueError):
            parse_date(bad)


DATE_STYLES = {
    "%Y/%m/%d": False, "%Y-%m-%d": False, "%Y.%m.%d": False, "%Y%m%d": False, "%Y年%m月%d日": False,
    "%m/%d/%Y": False, "%d/%m/%Y": True, "%d.%m.%Y": True, "%d %b %Y": None, "%b %d, %Y": None,
    "%d-%b-%y": None, "%B %d, %Y": None,
}


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2068, 12, 31)), fmt=st.sampled_from(sorted(DATE_STYLES)))
def test_date_round_trip(d: dt.date, fmt: str) -> None:
    text = d.strftime(fmt)
    assert parse_date(text, dayfirst=DATE_STYLES[fmt]) == d


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30))
def test_parse_date_only_raises_value_error(text: str) -> None:
    try:
        parse_date(text)
    except ValueError:
        pass


@pytest.mark.parametrize(
    ("values", "fmt", "dayfirst", "ambiguous"),
    [
        (["2026/5/14", "2026/12/1"], "%Y/%m/%d", None, False),
        (["05/14/2026", "01/02/2026"], "%m/%d/%Y", False, False),
        (["14/05/2026", "01/02/2026"], "%d/%m/%Y", True, False),
        (["01/02/2026", "03/04/2026"], "%m/%d/%Y", False, True),
        (["14 May 2026", "1 Jun 2026"], "%Y-%m-%d", None, False),  # month names are read as numbers
        (["2026年5月14日"], "%Y年%m月%d日", None, False),
        (["14.05.2026", "01.06.2026"], "%d.%m.%Y", True, False),
    ],
)
def test_infer_date_format(values: list[str], fmt: str, dayfirst: bool | None, ambiguous: bool) -> None:
    info = infer_date_format_info(pd.Series(values))
    assert info.format == fmt
    assert info.ambiguous is ambiguous
    assert (info.note != "") is ambiguous
    assert infer_date_format(pd.Series(values)) == (fmt, dayfirst if fmt[1] in "dm" and "%m" in fmt else info.dayfirst)


def test_infer_date_format_ambiguous_follows_hint() -> None:
    info = infer_date_format_info(pd.Series(["01/02/2026", "03/04/2026"]), dayfirst=True)
    assert info.format == "%d/%m/%Y" and info.ambiguous and "layout" in info.note
    assert infer_date_format(pd.Series(["hello", "world"])) == (None, None)


def test_parse_dates_column() -> None:
    s = pd.Series(["2026/5/1", "x", "2026-05-03 10:00:00", None, "２０２６/５/４", ""])
    got = parse_dates(s, formats=["%Y/%m/%d"])
    assert str(got.dtype) == "datetime64[us]"
    assert got.iloc[0] == pd.Timestamp("2026-05-01")
    assert got.iloc[2] == pd.Timestamp("2026-05-03")  # ISO timestamps are the last resort
    assert got.iloc[4] == pd.Timestamp("2026-05-04")
    assert got.iloc[[1, 3, 5]].isna().all()
    inferred = parse_dates(pd.Series(["14/05/2026", "01/02/2026"]))
    assert inferred.tolist() == [pd.Timestamp("2026-05-14"), pd.Timestamp("2026-02-01")]
    assert parse_dates(pd.Series(["05/14"]), formats=["%m/%d"], year=2026).iloc[0] == pd.Timestamp("2026-05-14")
    mixed = parse_dates(pd.Series(["2026/5/1", "2026-05-02", "14 May 2026", "garbage"]))
    assert mixed.iloc[:3].tolist() == [pd.Timestamp("2026-05-01"), pd.Timestamp("2026-05-02"), pd.Timestamp("2026-05-14")]
    assert pd.isna(mixed.iloc[3])
    # one file never mixes day-first and month-first readings
    orders = parse_dates(pd.Series(["05/14/2026", "05/15/2026", "05/16/2026", "16/05/2026"]))
    assert orders.iloc[:3].notna().all() and pd.isna(orders.iloc[3])
    era = parse_dates(pd.Series(["令和8年5月14日", "令和8年5月15日"]))
    assert era.tolist() == [pd.Timestamp("2026-05-14"), pd.Timestamp("2026-05-15")]


@settings(max_examples=60, deadline=None)
@given(
    ds=st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), min_size=1, max_size=20),
    fmt=st.sampled_from(["%Y/%m/%d", "%Y-%m-%d", "%Y年%m月%d日", "%d %b %Y", "%Y%m%d"]),
)
def test_parse_dates_round_trip_column(ds: list[dt.date], fmt: str) -> None:
    got = parse_dates(pd.Series([d.strftime(fmt) for d in ds]))
    assert [t.date() for t in got] == ds


def test_internal_patterns_run_in_arrow_re2() -> None:
    """The column helpers fall back to slow per-row Python when RE2 rejects a pattern: keep them RE2-clean."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from audit import values
    from audit.readers import csv_rules

    patterns = [values._AMOUNT_PATTERN, values._SIMPLE_PATTERN, values._PLAIN_PATTERN, values._FAST_PATTERN, values._COMMA_DECIMAL,
                values._DOT_DECIMAL, *values._VALID_NUM.values(), values._DASH_RE, values._COMMA_DECIMAL_CELL,
                values._DOT_DECIMAL_CELL, *values._VALID_CELL.values(), csv_rules.TOTAL_WORDS,
                csv_rules.TOTAL_LABEL, csv_rules.PAYMENT_WORDS, csv_rules.FEE_WORDS, csv_rules.CASH_WORDS]
    for pattern in patterns:
        pc.match_substring_regex(pa.array(["x"]), pattern)  # raises ArrowInvalid if RE2 cannot compile it


_FAST_NUMBER = st.builds(
    lambda neg, v, style, cents: neg + {"plain": f"{v}", "grouped": f"{v:,}", "dec": f"{v}.{cents}", "grouped-dec": f"{v:,}.{cents}"}[style],
    st.sampled_from(["", "-"]),
    st.integers(min_value=0, max_value=10**16),
    st.sampled_from(["plain", "grouped", "dec", "grouped-dec"]),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_FAST_NUMBER, st.text(alphabet="0123456789,.- ", max_size=16)))
def test_fast_amount_path_agrees_with_full_parser(text: str) -> None:
    """The common-shape fast path takes only cells the full parser reads the same way (``.`` mark)."""
    import pyarrow as pa

    from audit import values

    got, taken = values.fast_amounts(pa.array([text], pa.large_string()))
    try:
        expected: float | None = parse_amount(text)
    except ValueError:
        expected = None
    if taken[0]:
        assert expected is not None and got[0] == expected, f"fast path read {text!r} as {got[0]}, full parser {expected}"
        assert parse_amount(text, decimal=".") == got[0]
        assert values._parse_amounts_full(pd.Series([text]), ".").iloc[0] == got[0]
    else:
        assert math.isnan(got[0])
    # whole columns (large enough for the split and distinct-value paths) agree with the full parser
    col = pd.Series([text, "1,234", "-56.5", ""] * 1100, dtype="str")
    full = values.map_unique(col, lambda u: values._parse_amounts_full(u, None))  # the parser without the fast path
    fast = parse_amounts(col)
    assert ((fast == full) | (fast.isna() & full.isna())).all()


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 gen. 2024", "2024-01-12"),  # Italian abbreviation with a trailing period
        ("3. März 2024", "2024-03-03"),
        ("15-févr.-2023", "2023-02-15"),
        ("Dec 3, 2025", "2025-12-03"),
        ("01 Jan 01", "2001-01-01"),  # two-digit year
        ("Mon, 12 Jan 2024", "2024-01-12"),
        ("7 октября 2023", "2023-10-07"),
        ("12 mai 2024", "2024-05-12"),
    ],
)
def test_month_names_in_many_languages(text: str, iso: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(iso)
    assert parse_dates(pd.Series([text, text])).iloc[0] == pd.Timestamp(iso)


def test_month_name_helper_refuses_other_text() -> None:
    from audit.dates import month_name_date

    assert month_name_date("REFUND 12 2024") is None
    assert month_name_date("29 Dec") == "12月29日"  # no year: completed later from the statement period


def test_times_with_and_without_seconds_in_one_column() -> None:
    got = parse_dates(pd.Series(["2023-02-12 21:32:14", "2023-02-08 14:16", "09.01.2000 00:58"][:2]))
    assert got.tolist() == [pd.Timestamp("2023-02-12"), pd.Timestamp("2023-02-08")]
    got = parse_dates(pd.Series(["20091224120000[0:GMT]", "20091223120000.000"]))  # OFX-style date-times
    assert got.tolist() == [pd.Timestamp("2009-12-24"), pd.Timestamp("2009-12-23")]


def test_ambiguous_day_month_order_follows_the_compact_period() -> None:
    info = infer_date_format_info(pd.Series(["05/01/2023", "05/02/2023", "05/03/2023"]))
    assert info.format == "%m/%d/%Y" and not info.ambiguous and "period" in info.note
    info = infer_date_format_info(pd.Series(["01/05/2023", "02/05/2023", "03/05/2023"]))
    assert info.format == "%d/%m/%Y" and not info.ambiguous
    info = infer_date_format_info(pd.Series(["01/02/2026", "03/04/2026"]))  # nothing stands out: the default
    assert info.ambiguous
