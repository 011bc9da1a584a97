"""Parse money amounts and dates as card issuers print them (pure functions, no I/O).

Scalar parsers (:func:`parse_amount`, :func:`parse_date`) raise :class:`ValueError` saying why a text is
not an amount or a date. The column versions (:func:`parse_amounts`, :func:`parse_dates`) work on whole
pandas columns with vectorised string operations and give NaN / NaT where a cell cannot be parsed; the
caller decides which failures to report.

Amount conventions handled: thousands separators (``,`` ``.`` ``'`` and spaces), decimal comma,
full-width digits (NFKC), currency symbols and ISO codes before or after the number, parentheses,
leading or trailing minus, ``CR`` (credit, negative) / ``DR`` (debit, positive) and the Japanese
``▲`` / ``△`` minus marks.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# ---------------------------------------------------------------------------------------------- amounts

CURRENCY_CODES = frozenset(
    "JPY USD EUR GBP AUD CAD CHF CNY HKD KRW NZD SGD TWD THB INR IDR MYR PHP VND SEK NOK DKK PLN CZK HUF "
    "RUB TRY BRL MXN ZAR AED SAR ILS".split()
)
SYMBOL_CURRENCY = {"¥": "JPY", "円": "JPY", "$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "₹": "INR"}

# Dashes that mean minus but that NFKC leaves alone (minus sign, figure dash, en dash, em dash).
_DASHES = "\u2212\u2012\u2013\u2014\u2010\u2011"
_DASH_RE = "[" + _DASHES + "]"
_SYMBOLS = "$¥€£₩₹"

# One pattern for both Python ``re`` and RE2 (pyarrow): no look-arounds, ASCII classes only.
_AMOUNT_PATTERN = (
    r"^[ \t\"']*"
    r"(?P<s1>[-+(▲△]?)[ \t]*"
    r"(?P<c1>[A-Z]{1,2}\$|[" + _SYMBOLS + r"]|[A-Za-z]{3})?[ \t]*"
    r"(?P<s2>[-+▲△]?)[ \t]*"
    r"(?P<num>[0-9][0-9,.' ]*[0-9]|[0-9]|[.,][0-9]+)[ \t]*"
    r"(?P<c2>円|[" + _SYMBOLS + r"]|[A-Za-z]{3})?[ \t]*"
    r"(?P<s3>-|\)|[CcDd][Rr])?[ \t]*"
    r"(?P<s4>\))?[ \t\"']*$"
)
_AMOUNT_RE = re.compile(_AMOUNT_PATTERN)
# The common shape (optional minus, optional symbol, grouped digits, optional 円) takes a fast path.
_SIMPLE_PATTERN = r"^-?[" + _SYMBOLS + r"]?[0-9](?:[0-9,.]*[0-9])?円?$"
_PLAIN_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
# The commonest shape of all (ASCII, optional leading minus, digits grouped by "," in threes or not at
# all, optional ".digits"): it means the same under every guess except a column read with a decimal
# comma, and it never counts as evidence for one (see _COMMA_CORES), so it is parsed by removing the
# commas and casting, without the full parser.
_FAST_PATTERN = r"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$"

# Evidence about the decimal mark, searched in the bare number text (digits and separators only).
_COMMA_CORES = (r"[0-9' ]*\.[0-9.' ]*,[0-9]+", r"[0-9' ]*,(?:[0-9]{1,2}|[0-9]{4,})", r"[0-9]{1,3}(?:\.[0-9]{3}){2,}")
_DOT_CORES = (r"[0-9' ]*,[0-9,' ]*\.[0-9]+", r"[0-9' ]*\.(?:[0-9]{1,2}|[0-9]{4,})", r"[0-9]{1,3}(?:,[0-9]{3}){2,}")
_COMMA_DECIMAL = "^(?:" + "|".join(_COMMA_CORES) + ")$"
_DOT_DECIMAL = "^(?:" + "|".join(_DOT_CORES) + ")$"
_COMMA_DECIMAL_RE = re.compile(_COMMA_DECIMAL)
_DOT_DECIMAL_RE = re.compile(_DOT_DECIMAL)
# Valid digit grouping once the decimal mark is known.
_VALID_CORES = {
    ".": r"(?:[0-9]{1,3}(?:[,' ][0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+",
    ",": r"(?:[0-9]{1,3}(?:[.' ][0-9]{3})+|[0-9]+)(?:,[0-9]*)?|,[0-9]+",
}
_VALID_NUM = {mark: "^(?:" + core + ")$" for mark, core in _VALID_CORES.items()}
# The same tests on whole cells of the simple shape (optional minus and currency symbol around the number).
_AFFIX = ("^-?[" + _SYMBOLS + "]?(?:", ")円?$")
_COMMA_DECIMAL_CELL = _AFFIX[0] + "|".join(_COMMA_CORES) + _AFFIX[1]
_DOT_DECIMAL_CELL = _AFFIX[0] + "|".join(_DOT_CORES) + _AFFIX[1]
_VALID_CELL = {mark: _AFFIX[0] + core + _AFFIX[1] for mark, core in _VALID_CORES.items()}
_VALID_NUM_RE = {k: re.compile(v) for k, v in _VALID_NUM.items()}
_THOUSANDS = {".": r"[,' ]", ",": r"[.' ]"}


def _normalise_text(text: str) -> str:
    """NFKC (full-width digits, signs, ¥), dash-like minus signs to ``-``, outer whitespace removed."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(_DASH_RE, "-", text).replace("\u2019", "'").strip()


def _decimal_of(num: str) -> str:
    """The decimal mark one bare number text implies (``.`` when nothing says otherwise)."""
    if _COMMA_DECIMAL_RE.match(num):
        return ","
    return "."


def parse_amount(text: str, *, decimal: str | None = None) -> float:
    """Parse one printed amount; ``decimal`` (``"."`` or ``","``) overrides the guess from the text.

    >>> parse_amount("￥1,234"), parse_amount("(12.50)"), parse_amount("1.234,56 €"), parse_amount("▲500")
    (1234.0, -12.5, 1234.56, -500.0)
    """
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal mark must be '.' or ',', not {decimal!r}")
    if not isinstance(text, str):
        raise ValueError(f"not text: {type(text).__name__}")
    norm = _normalise_text(text)
    if not norm or norm in {'""', "''"}:
        raise ValueError("empty amount")
    m = _AMOUNT_RE.match(norm)
    if not m:
        raise ValueError(f"not an amount: {text.strip()[:40]!r}")
    g = {k: (v or "") for k, v in m.groupdict().items()}
    problem = _sign_problem(g["s1"], g["s2"], g["s3"], g["s4"], g["c1"], g["c2"])
    if problem:
        raise ValueError(f"{problem}: {text.strip()[:40]!r}")
    num = g["num"]
    mark = decimal or _decimal_of(num)
    if not _VALID_NUM_RE[mark].match(num):
        raise ValueError(f"bad digit grouping for decimal mark {mark!r}: {num!r}")
    clean = re.sub(_THOUSANDS[mark], "", num).replace(",", ".")
    value = float(clean)
    return -value if _is_negative(g["s1"], g["s2"], g["s3"]) else value


def _is_negative(s1: str, s2: str, s3: str) -> bool:
    return s1 in {"-", "(", "▲", "△"} or s2 in {"-", "▲", "△"} or s3 == "-" or s3.upper() == "CR"


def _sign_problem(s1: str, s2: str, s3: str, s4: str, c1: str, c2: str) -> str | None:
    """Why the sign / currency markers around a number do not add up (None when they do)."""
    opens = s1 == "("
    closes = (s3 == ")") + (s4 == ")")
    if opens != (closes == 1) or closes > 1:
        return "unbalanced parentheses"
    neg = [s1 in {"-", "(", "▲", "△"}, s2 in {"-", "▲", "△"}, s3 == "-", s3.upper() == "CR"]
    pos = [s1 == "+", s2 == "+", s3.upper() == "DR"]
    if sum(neg) > 1 or (any(neg) and any(pos)) or sum(pos) > 1:
        return "conflicting signs"
    for code in (c1, c2):
        if code.isalpha() and len(code) == 3 and code.upper() not in CURRENCY_CODES:
            return f"unknown currency {code!r}"
    if c1 and c2 and c2 != "円":
        return "two currencies"
    return None


def _as_str_series(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype) and getattr(values.dtype, "storage", "") == "pyarrow":
        return values
    return values.astype("str")


# ------------------------------------------------------------------------ fast column string operations
# pandas falls back to per-row Python for some regex features (\b, \s, \uXXXX escapes) and for
# Unicode normalisation; these helpers call Arrow's RE2 kernels directly (RE2 semantics: ASCII \b, \s).


def _arrow(values: pd.Series) -> pa.ChunkedArray:
    arr = values.array.__arrow_array__()
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


def _from_arrow(arr: pa.ChunkedArray | pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(arr, index=index, dtype="str")


def re_contains(values: pd.Series, pattern: str) -> pd.Series:
    """Boolean column: ``pattern`` (RE2 syntax) found in the cell; missing cells give False."""
    s = _as_str_series(values)
    try:
        got = pc.match_substring_regex(_arrow(s), pattern)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return s.str.contains(pattern, regex=True, na=False).astype(bool)
    return pd.Series(got.to_numpy(zero_copy_only=False), index=s.index).fillna(False).astype(bool)


def re_replace(values: pd.Series, pattern: str, repl: str) -> pd.Series:
    """Column with every ``pattern`` (RE2 syntax) match replaced by ``repl`` (``\\1`` group references)."""
    s = _as_str_series(values)
    try:
        got = pc.replace_substring_regex(_arrow(s), pattern, repl)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return s.str.replace(pattern, repl, regex=True)
    return _from_arrow(got, s.index)


def const_str(value: str | None, n: int, index: pd.Index | None = None) -> pd.Series:
    """A text column of ``n`` copies of ``value`` (or missing values) built without Python objects."""
    if value is None:
        arr = pa.nulls(n, pa.large_string())
    else:
        arr = pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([value])).cast(pa.large_string())
    return pd.Series(arr, index=index, dtype="str")


def choose_str(codes: np.ndarray, labels: Sequence[str], index: pd.Index | None = None) -> pd.Series:
    """Text column ``labels[codes[i]]`` (code -1 = missing), built through an Arrow dictionary."""
    mask = codes < 0
    arr = pa.DictionaryArray.from_arrays(
        pa.array(np.where(mask, 0, codes).astype(np.int32), mask=mask), pa.array(list(labels), pa.large_string())
    ).cast(pa.large_string())
    return pd.Series(arr, index=index, dtype="str")


def has_edge_space(values: pd.Series, chars: str = " \t\u3000") -> bool:
    """True when some cell of a text column starts or ends with one of ``chars`` (literal prefix /
    suffix checks in Arrow: several times cheaper than a regex with ``$`` over a large column)."""
    arr = _arrow(_as_str_series(values))
    return any(
        pc.any(check(arr, ch)).as_py() is True for ch in chars for check in (pc.starts_with, pc.ends_with)
    )


def has_non_ascii(values: pd.Series) -> bool:
    """True when any cell of a text column has a non-ASCII character."""
    s = _as_str_series(values)
    return not bool(pc.all(pc.string_is_ascii(_arrow(s))).as_py() in (True, None))


def map_unique(values: pd.Series, fn: Callable[[pd.Series], pd.Series], *, min_rows: int = 4096) -> pd.Series:
    """``fn(values)`` computed once per distinct value (statements repeat merchants, dates and prices).

    ``fn`` must be element-wise (each output depends only on its own input). Columns that are mostly
    distinct values are passed straight to ``fn``.
    """
    n = len(values)
    if n < min_rows or not isinstance(values.dtype, pd.StringDtype):
        return fn(values)
    encoded = pc.dictionary_encode(_arrow(_as_str_series(values))).combine_chunks()
    uniques = encoded.dictionary
    if len(uniques) > 0.6 * n:
        return fn(values)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    if encoded.indices.null_count:  # missing cells get their own slot after the distinct values
        codes = np.where(np.asarray(encoded.indices.is_null()), len(uniques), codes)
        uniques = pa.concat_arrays([uniques, pa.nulls(1, uniques.type)])
    res = fn(pd.Series(uniques, dtype=values.dtype))
    out = res.iloc[codes.astype(np.intp)]
    out.index = values.index
    return out


def nfkc(values: pd.Series) -> pd.Series:
    """Unicode NFKC of a text column (full-width letters and digits to ASCII, ideographic space to space)."""
    s = _as_str_series(values)
    return _from_arrow(pc.utf8_normalize(_arrow(s), form="NFKC"), s.index)


def normalise_column(values: pd.Series) -> pd.Series:
    """Vectorised :func:`_normalise_text`: NFKC only where a cell has non-ASCII text, dashes, strip."""
    s = _as_str_series(values)
    if has_non_ascii(s):
        s = re_replace(re_replace(nfkc(s), _DASH_RE, "-"), "\u2019", "'")
    return s.str.strip()


def _bare_numbers(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Split normalised amount texts into (bare number text, negative flag, shape ok flag)."""
    simple = s.str.match(_SIMPLE_PATTERN, na=False)
    num = s.where(simple).str.replace(r"[-" + _SYMBOLS + r"円]", "", regex=True)
    neg = simple & s.str.startswith("-", na=False)
    ok = simple.copy()
    rest = ~simple & s.notna() & (s != "")
    if bool(rest.any()):
        sub = s[rest]
        st = pc.extract_regex(_arrow(sub), _AMOUNT_PATTERN).combine_chunks()
        valid = np.asarray(st.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        parts = {name: pd.Series(st.field(name).to_pylist(), index=sub.index, dtype="str").fillna("")
                 for name in ("s1", "s2", "num", "c1", "c2", "s3", "s4")}
        s1, s2, s3, s4, c1, c2 = (parts[k] for k in ("s1", "s2", "s3", "s4", "c1", "c2"))
        s3u = s3.str.upper()
        opens = s1 == "("
        closes = (s3 == ")").astype(int) + (s4 == ")").astype(int)
        balanced = (opens == (closes == 1)) & (closes <= 1)
        n_neg = (s1.isin(["-", "(", "▲", "△"]).astype(int) + s2.isin(["-", "▲", "△"]).astype(int)
                 + (s3 == "-").astype(int) + (s3u == "CR").astype(int))
        n_pos = (s1 == "+").astype(int) + (s2 == "+").astype(int) + (s3u == "DR").astype(int)
        codes_ok = pd.Series(True, index=sub.index)
        for c in (c1, c2):
            is_code = c.str.fullmatch(r"[A-Za-z]{3}")
            codes_ok &= ~is_code | c.str.upper().isin(CURRENCY_CODES)
        one_currency = (c1 == "") | (c2 == "") | (c2 == "円")
        good = valid & balanced & (n_neg <= 1) & (n_pos <= 1) & ~((n_neg > 0) & (n_pos > 0)) & codes_ok & one_currency
        num = num.copy()
        num[rest] = parts["num"].where(good)
        neg = neg.copy()
        neg[rest] = good & (n_neg > 0)
        ok = ok.copy()
        ok[rest] = good
    return num, neg, ok


def _guess_from_numbers(num: pd.Series) -> str:
    comma = int(num.str.match(_COMMA_DECIMAL, na=False).sum())
    dot = int(num.str.match(_DOT_DECIMAL, na=False).sum())
    return "," if comma > dot else "."


def guess_decimal(values: pd.Series) -> str:
    """``","`` when the column's numbers mostly use a decimal comma, else ``"."`` (the default)."""
    if pd.api.types.is_numeric_dtype(values.dtype):
        return "."
    num, _neg, _ok = _bare_numbers(normalise_column(values))
    return _guess_from_numbers(num)


def parse_amounts(values: pd.Series, *, decimal: str | None = None) -> pd.Series:
    """Vectorised :func:`parse_amount`: float64 column, NaN where a cell is empty or not an amount.

    Without ``decimal`` the decimal mark is decided once for the whole column (:func:`guess_decimal`,
    counting distinct values).
    """
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return _parse_amounts(values, decimal)
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal mark must be '.' or ',', not {decimal!r}")
    if decimal != "," and len(values) >= 4096 and isinstance(values.dtype, pd.StringDtype):
        s = _as_str_series(values)
        head = _arrow(s.iloc[:2048])
        if pc.all(pc.match_substring_regex(head, _FAST_PATTERN)).as_py() in (True, None):
            # the common shape throughout (judged from the head): no distinct-value pass for it, the
            # other cells go through the full parser once per distinct value
            return _parse_amounts_split(s, decimal, lambda v, mark: map_unique(v, lambda u: _parse_amounts_full(u, mark)))
    return map_unique(values, lambda v: _parse_amounts(v, decimal))


def _parse_amounts(values: pd.Series, decimal: str | None) -> pd.Series:
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal mark must be '.' or ',', not {decimal!r}")
    if pd.api.types.is_bool_dtype(values.dtype):
        return pd.Series(np.nan, index=values.index, dtype="float64")
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype("float64")
    if decimal == ",":
        return _parse_amounts_full(values, decimal)
    return _parse_amounts_split(_as_str_series(values), decimal, _parse_amounts_full)


def _parse_amounts_split(
    s: pd.Series, decimal: str | None, full: Callable[[pd.Series, str | None], pd.Series]
) -> pd.Series:
    """Cells of the common shape through :func:`fast_amounts`, the others through ``full`` (the full
    parser), with the decimal mark decided over the whole column as the full parser alone would."""
    arr = _arrow(s)
    arr = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
    values, hit = _fast_amounts(arr)
    # padded, empty-looking or unusual cells are left to the full parser; "" is simply missing
    rest = pc.and_(pc.invert(hit), pc.fill_null(pc.not_equal(arr, ""), False))
    if not pc.any(rest).as_py():  # every cell is empty or of the common shape
        return pd.Series(values.to_numpy(zero_copy_only=False), index=s.index, dtype="float64")
    todo = np.asarray(rest.to_numpy(zero_copy_only=False), dtype=bool)
    if decimal is None and _votes_for_comma(s[todo]):
        # some cell suggests a decimal comma: the full parser weighs the evidence (per distinct value or
        # per cell, as it always has) and reads every cell under the mark it picks
        return full(s, None)
    got = np.array(values.to_numpy(zero_copy_only=False), dtype="float64")
    got[todo] = full(s[todo], ".").to_numpy(dtype="float64")
    return pd.Series(got, index=s.index, dtype="float64")


def _fast_amounts(arr: pa.Array) -> tuple[pa.Array, pa.Array]:
    hit = pc.fill_null(pc.match_substring_regex(arr, _FAST_PATTERN), False)
    clean = pc.if_else(hit, pc.replace_substring(arr, ",", ""), pa.scalar(None, arr.type))
    return pc.cast(clean, pa.float64()), hit


def fast_amounts(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """``(values, taken)`` for amount texts: cells of the common shape (:data:`_FAST_PATTERN`, no
    padding) parsed as the full parser reads them under a ``.`` decimal mark; NaN, not taken elsewhere."""
    values, hit = _fast_amounts(arr)
    taken = np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
    return np.array(values.to_numpy(zero_copy_only=False), dtype="float64"), taken


def _votes_for_comma(rest: pd.Series) -> bool:
    """True when a cell of ``rest`` counts as evidence of a decimal comma (common-shape cells never do,
    so without such a cell the full parser's guess is ``.``)."""
    num, _neg, _ok = _bare_numbers(normalise_column(rest.str.strip()))
    return bool(num.str.match(_COMMA_DECIMAL, na=False).any())


def _parse_amounts_full(values: pd.Series, decimal: str | None) -> pd.Series:
    """The full column parser (every convention in the module docstring)."""
    fast = _parse_simple_amounts(values, decimal)
    if fast is not None:
        return fast
    s = normalise_column(_as_str_series(values).str.strip())
    num, neg, _ok = _bare_numbers(s)
    mark = decimal or _guess_from_numbers(num)
    valid = num.str.match(_VALID_NUM[mark], na=False)
    clean = num.where(valid).str.replace(_THOUSANDS[mark], "", regex=True)
    if mark == ",":
        clean = clean.str.replace(",", ".", regex=False)
    out = _cast_float(clean)
    return out.where(~neg, -out)


def _parse_simple_amounts(values: pd.Series, decimal: str | None) -> pd.Series | None:
    """All-Arrow path for columns where every cell is empty or ``-?[symbol]digits[円]``; else None."""
    s = _as_str_series(values)
    arr = pc.utf8_trim_whitespace(_arrow(s).combine_chunks())
    arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)

    def all_match(a: pa.Array, pattern: str) -> bool:
        return pc.all(pc.match_substring_regex(a, pattern)).as_py() in (True, None)

    if decimal != "," and all_match(arr[:2048], _PLAIN_PATTERN) and all_match(arr, _PLAIN_PATTERN):
        return _cast_float(pd.Series(arr, index=s.index, dtype="str"))
    if pc.all(pc.string_is_ascii(arr)).as_py() not in (True, None):
        arr = pc.utf8_normalize(arr, form="NFKC")
        arr = pc.replace_substring_regex(pc.replace_substring_regex(arr, _DASH_RE, "-"), "\u2019", "'")
        arr = pc.utf8_trim_whitespace(arr)
    if not all_match(arr, _SIMPLE_PATTERN):
        return None
    if decimal:
        mark = decimal
    else:
        comma = pc.sum(pc.match_substring_regex(arr, _COMMA_DECIMAL_CELL)).as_py() or 0
        dot = pc.sum(pc.match_substring_regex(arr, _DOT_DECIMAL_CELL)).as_py() or 0 if comma else 0
        mark = "," if comma > dot else "."
    valid = pc.fill_null(pc.match_substring_regex(arr, _VALID_CELL[mark]), False)
    # the simple shape only has a leading minus / symbol, a trailing 円, digits and "," / "."
    core = pc.utf8_rtrim(pc.utf8_ltrim(arr, characters="-" + _SYMBOLS), characters="円")
    clean = pc.replace_substring(core, "." if mark == "," else ",", "")
    if mark == ",":
        clean = pc.replace_substring(clean, ",", ".")
    clean = pc.if_else(valid, clean, pa.scalar(None, clean.type))
    try:
        out = pc.cast(clean, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    out = pc.if_else(pc.fill_null(pc.starts_with(arr, "-"), False), pc.negate(out), out)
    return pd.Series(out.to_numpy(zero_copy_only=False), index=s.index, dtype="float64")


def _cast_float(s: pd.Series) -> pd.Series:
    """Cast a column of clean number texts (or missing) to float64 with Arrow (fast, exact)."""
    arr = _arrow(s.where(s != ""))
    try:
        out = pc.cast(arr, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(s, errors="coerce").astype("float64")
    return pd.Series(out.to_numpy(), index=s.index, dtype="float64")


# ------------------------------------------------------------------------------------------------ dates

# Formats tried by inference, in priority order (ties between day-first and month-first decided by data).
DATE_FORMATS: tuple[str, ...] = (
    "%Y/%m/%d", "%Y-%m-%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y", "%d/%m/%Y", "%m-%d-%Y", "%d-%m-%Y", "%d.%m.%Y", "%m/%d/%y", "%d/%m/%y", "%d.%m.%y",
    "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M",
    "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %y",
    "%y/%m/%d", "%y-%m-%d", "%y.%m.%d", "%y年%m月%d日",
)
YEARLESS_FORMATS: tuple[str, ...] = ("%m/%d", "%d/%m", "%m月%d日", "%m-%d", "%d.%m")
_SWAPPED = {
    "%m/%d/%Y": "%d/%m/%Y", "%m-%d-%Y": "%d-%m-%Y", "%m/%d/%y": "%d/%m/%y",
    "%m/%d/%Y %H:%M:%S": "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M": "%d/%m/%Y %H:%M", "%m/%d": "%d/%m",
}
_SWAPPED.update({v: k for k, v in list(_SWAPPED.items())})
_DAYFIRST_ONLY = {"%d.%m.%Y", "%d.%m.%y", "%d.%m"}

_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_RE = re.compile(r"^(令和|平成|昭和|[RHS])\s*(元|[0-9]{1,2})\s*(?:年|[./])\s*([0-9]{1,2})\s*(?:月|[./])\s*([0-9]{1,2})\s*日?$")
_ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}


@dataclass(frozen=True)
class DateFormatGuess:
    """What :func:`infer_date_format_info` decided about a date column."""

    format: str | None
    dayfirst: bool | None  # True/False when the format orders day and month; None otherwise
    ambiguous: bool = False  # day/month order could not be decided from the data (a default was used)
    parsed: int = 0  # sample cells the format parses
    sample: int = 0  # non-empty sample cells looked at
    note: str = ""  # one sentence for a parse report when something was assumed


def _normalise_date_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*([年月])\s*", r"\1", text)


def _era_to_western(text: str) -> str:
    m = _ERA_RE.match(text)
    if not m:
        return text
    era = _ERA_LETTERS.get(m.group(1), m.group(1))
    n = 1 if m.group(2) == "元" else int(m.group(2))
    return f"{_ERAS[era] + n}/{int(m.group(3))}/{int(m.group(4))}"


def parse_date(text: str, *, dayfirst: bool | None = None, year: int | None = None) -> dt.date:
    """Parse one printed date. ``dayfirst`` settles ``03/04/2026``; ``year`` completes ``5月14日`` or ``05/14``.

    Without ``dayfirst`` an ambiguous numeric date is read month first (the US order).

    >>> parse_date("2026年5月14日"), parse_date("14 May 2026"), parse_date("05/14", year=2026)
    (datetime.date(2026, 5, 14), datetime.date(2026, 5, 14), datetime.date(2026, 5, 14))
    """
    if not isinstance(text, str):
        raise ValueError(f"not text: {type(text).__name__}")
    norm = _normalise_date_text(text)
    if not norm:
        raise ValueError("empty date")
    if len(norm) > 40:
        raise ValueError(f"not a date (too long): {norm[:40]!r}")
    norm = _era_to_western(norm)
    try:
        return dt.datetime.fromisoformat(norm.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    formats = _ordered(DATE_FORMATS, dayfirst)
    if year is not None:
        formats += _ordered(YEARLESS_FORMATS, dayfirst)
    for fmt in formats:
        try:
            if fmt in YEARLESS_FORMATS:
                return dt.datetime.strptime(f"{norm} {year}", fmt + " %Y").date()
            return dt.datetime.strptime(norm, fmt).date()
        except ValueError:
            continue
    if year is None and any(_matches(norm, f) for f in YEARLESS_FORMATS):
        raise ValueError(f"date has no year and none was given: {text.strip()!r}")
    raise ValueError(f"not a date: {text.strip()[:40]!r}")


def _matches(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(f"{text} 2000", fmt + " %Y")
    except ValueError:
        return False
    return True


def _ordered(formats: Sequence[str], dayfirst: bool | None) -> tuple[str, ...]:
    """``formats`` with each month-first / day-first pair in the order ``dayfirst`` asks for."""
    out: list[str] = []
    for fmt in formats:
        if fmt in out:
            continue
        twin = _SWAPPED.get(fmt)
        if twin and twin in formats and twin not in out:
            first_is_day = fmt.startswith("%d")
            pair = [fmt, twin] if (first_is_day == bool(dayfirst)) else [twin, fmt]
            out.extend(pair)
        else:
            out.append(fmt)
    return tuple(out)


def normalise_date_column(values: pd.Series) -> pd.Series:
    """Vectorised date-text clean-up: NFKC where needed, whitespace collapsed, Japanese eras converted."""
    s = _as_str_series(values)
    if has_non_ascii(s):
        s = re_replace(nfkc(s), r"[ \t]*([年月])[ \t]*", r"\1")
        era = re_contains(s, r"令和|平成|昭和")
        if bool(era.any()):
            s = s.copy()
            s[era] = s[era].map(_era_to_western)
    s = s.str.strip()
    letter_era = re_contains(s, r"^[RHS] ?(?:元|[0-9]{1,2})[./][0-9]{1,2}[./][0-9]{1,2}$")  # R05.04.01, H30.01.15
    if bool(letter_era.any()):
        s = s.copy()
        s[letter_era] = s[letter_era].map(_era_to_western)
    if bool(s.str.contains(r"[ \t]{2}", regex=True, na=False).any()):
        s = s.str.replace(r"[ \t]+", " ", regex=True)
    return s


def infer_date_format_info(values: pd.Series, *, dayfirst: bool | None = None, sample: int = 500) -> DateFormatGuess:
    """Pick the strptime format that parses most of a date column, deciding day/month order from the data.

    A first number above 12 means day first, a second number above 12 means month first; when every
    date fits both orders the ``dayfirst`` hint decides (month first without a hint) and the result
    says it was ambiguous.
    """
    distinct = pd.Series(_as_str_series(values).dropna().unique(), dtype="str")
    s = normalise_date_column(distinct).dropna()
    s = s[s.str.contains(r"[0-9]", regex=True)]
    uniq = pd.Series(s.unique(), dtype="str")
    if len(uniq) > sample:
        uniq = uniq.sample(sample, random_state=0)
    n = len(uniq)
    if n == 0:
        return DateFormatGuess(None, None, sample=0, note="no date-like values")
    counts: dict[str, int] = {}
    for fmt in (*DATE_FORMATS, *YEARLESS_FORMATS):
        if not _could_match(fmt, uniq):
            continue
        leap = 2000 if fmt in YEARLESS_FORMATS else None  # a leap year, so 2/29 counts as a date
        counts[fmt] = int(_to_datetime(uniq, fmt, leap).notna().sum())
        if counts[fmt] == n:  # nothing later can beat it; only its day/month twin matters (ambiguity)
            twin = _SWAPPED.get(fmt)
            if twin is not None and twin not in counts:
                counts[twin] = int(_to_datetime(uniq, twin, leap).notna().sum())
            break
    if not counts or max(counts.values()) == 0:
        return DateFormatGuess(None, None, sample=n, note="no known date format fits")
    best_n = max(counts.values())
    best = next(f for f in (*DATE_FORMATS, *YEARLESS_FORMATS) if counts.get(f) == best_n)
    compact_note = ""
    if "%y" in best:  # two-digit years: 23/04/01 is 2023-04-01 in a Japanese file, not 23 April 2001
        best, compact_note = _compact_order(uniq, best, best_n)
    twin = _SWAPPED.get(best)
    ambiguous = False
    note = ""
    if twin is not None and counts.get(twin, 0) == best_n:
        ambiguous = True
        want_day = bool(dayfirst)
        best = best if best.startswith("%d") == want_day else twin
        order = "day first" if want_day else "month first"
        why = "as the layout says" if dayfirst is not None else "by default"
        note = f"dates fit both day/month orders; read {order} {why}"
    first_day: bool | None = None
    if best.startswith("%d") and "%m" in best:
        first_day = True
    elif best.startswith(("%m", "%b", "%B")) and "%d" in best:
        first_day = False
    if best in YEARLESS_FORMATS:
        note = (note + "; " if note else "") + "dates have no year"
    if compact_note:
        note = (note + "; " if note else "") + compact_note
    return DateFormatGuess(best, first_day, ambiguous, best_n, n, note)


_TWO_DIGIT_YEAR_FORMATS = ("%y/%m/%d", "%y-%m-%d", "%y.%m.%d", "%d/%m/%y", "%m/%d/%y", "%d.%m.%y", "%d-%m-%y", "%m-%d-%y")


def _compact_order(uniq: pd.Series, best: str, best_n: int) -> tuple[str, str]:
    """Of the two-digit-year orders that read every date, the one giving the shortest period: a
    statement covers weeks or months, not decades."""
    spans: list[tuple[float, int, str]] = []
    for rank, fmt in enumerate(_TWO_DIGIT_YEAR_FORMATS):
        if fmt[2] != best[2]:  # same separator only
            continue
        got = _to_datetime(uniq, fmt)
        if int(got.notna().sum()) == best_n:
            spans.append(((got.max() - got.min()).total_seconds(), rank, fmt))
    if len(spans) < 2:
        return best, ""
    spans.sort()
    chosen = spans[0][2]
    if chosen == best:
        return best, ""
    return chosen, f"read as {chosen}: the order giving the most compact period"


def infer_date_format(values: pd.Series, *, dayfirst: bool | None = None) -> tuple[str | None, bool | None]:
    """``(format, dayfirst)`` for a date column; see :func:`infer_date_format_info` for the details."""
    guess = infer_date_format_info(values, dayfirst=dayfirst)
    return guess.format, guess.dayfirst


def _could_match(fmt: str, s: pd.Series) -> bool:
    """Cheap pre-check so inference does not try every format on every column."""
    first = str(s.iloc[0])
    has_alpha = bool(re.search(r"[A-Za-z]", first.replace("T", "")))
    if ("%b" in fmt or "%B" in fmt) != has_alpha:
        return False
    if ("年" in fmt or "月" in fmt) != ("月" in first):
        return False
    return True


def _to_datetime(s: pd.Series, fmt: str, year: int | None = None) -> pd.Series:
    if fmt in YEARLESS_FORMATS:
        if year is None:
            return pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
        s = s + f" {year}"
        fmt = fmt + " %Y"
    if fmt == "ISO8601":
        out = pd.to_datetime(s, format="ISO8601", errors="coerce", utc=True).dt.tz_localize(None)
    else:
        out = pd.to_datetime(s, format=fmt, errors="coerce")
    return out.astype("datetime64[us]")


def parse_dates(
    values: pd.Series,
    *,
    formats: Sequence[str] = (),
    dayfirst: bool | None = None,
    year: int | None = None,
) -> pd.Series:
    """Vectorised :func:`parse_date`: datetime64[us] column (time of day dropped), NaT where unparseable.

    ``formats`` are tried in order, each filling what the previous ones left; without them the format
    is inferred from the data (:func:`infer_date_format_info`). ``year`` completes year-less dates.
    """
    return map_unique(values, lambda v: _parse_dates(v, tuple(formats), dayfirst, year))


def _parse_dates(values: pd.Series, formats: tuple[str, ...], dayfirst: bool | None, year: int | None) -> pd.Series:
    s = normalise_date_column(values)
    s = s.where(s != "")
    fmts = list(formats)
    inferred = not fmts
    if inferred:
        guess = infer_date_format_info(s, dayfirst=dayfirst)
        fmts = [guess.format] if guess.format else []
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    todo = s.notna()
    queue = [*fmts, "ISO8601"]
    tried: set[str] = set()
    while queue:
        fmt = queue.pop(0)
        tried.add(fmt)
        if inferred and fmt == "ISO8601" and bool(todo.any()) and len(tried) <= 4:
            # a file mixing two styles ("2026/5/1" and "2026-05-02"): infer again on what is left
            again = infer_date_format_info(s[todo], dayfirst=dayfirst).format
            if again and again not in tried and _SWAPPED.get(again) not in tried:  # never both day orders
                queue = [again, "ISO8601"]
                continue
        if fmt == "ISO8601":  # last resort, only for cells that really look like ISO timestamps
            todo = todo & s.str.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]", na=False)
        if not bool(todo.any()):
            break
        if bool(todo.all()):
            out = _to_datetime(s, fmt, year)
        else:
            got = _to_datetime(s[todo], fmt, year)
            out = out.fillna(got.reindex(s.index)) if bool(got.notna().any()) else out
        todo = todo & out.isna()
    if bool((out.dt.hour != 0).any() or (out.dt.minute != 0).any() or (out.dt.second != 0).any()):
        out = out.dt.normalize()
    return out
