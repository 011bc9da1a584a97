"""Parse money amounts as card issuers print them (pure functions, no I/O).

:func:`parse_amount` raises :class:`ValueError` saying why a text is not an amount; :func:`parse_amounts`
works on whole pandas columns with vectorised string operations and gives NaN where a cell cannot be
parsed; the caller decides which failures to report. Dates are in :mod:`audit.dates` and fast text-column
helpers in :mod:`audit.textcols`; both stay importable from here.

Amount conventions handled: thousands separators (``,`` ``.`` ``'`` and spaces), decimal comma,
full-width digits (NFKC), currency symbols and ISO codes before or after the number, parentheses,
leading or trailing minus, ``CR`` (credit, negative) / ``DR`` (debit, positive) and the Japanese
``▲`` / ``△`` minus marks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from audit.textcols import arrow as _arrow
from audit.textcols import as_str_series as _as_str_series
from audit.textcols import (
    choose_str,
    const_str,
    encode_once,
    has_edge_space,
    has_non_ascii,
    map_unique,
    nfkc,
    re_contains,
    re_replace,
)

# ---------------------------------------------------------------------------------------------- amounts

CURRENCY_CODES = frozenset(
    "JPY USD EUR GBP AUD CAD CHF CNY HKD KRW NZD SGD TWD THB INR IDR MYR PHP VND SEK NOK DKK PLN CZK HUF "
    "RUB TRY BRL MXN ZAR AED SAR ILS "
    # more ISO 4217 codes; those that are also common words in capitals (ALL, PEN, TOP, CUP, BOB...) are left out
    "UAH RON BGN ISK RSD KZT EGP NGN KES PKR BDT LKR CLP COP ARS UYU QAR KWD BHD OMR JOD MAD TND DZD MNT UZS "
    "AZN AMD BYN MDL MKD BAM GHS TZS UGX ZMW XOF XAF MUR NPR MMK KHR LAK BND MVR FJD PGK XPF CRC GTQ HNL NIO "
    "PAB PYG DOP JMD TTD BSD BBD BZD KYD XCD AWG ANG SRD GYD HTG".split()
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
    r"(?P<c1>[A-Z]{1,2}\$|[" + _SYMBOLS + r"]|[A-Za-z]{3}|[Kk]r\.?|zł|Kč|Ft)?[ \t]*"
    r"(?P<s2>[-+▲△]?)[ \t]*"
    r"(?P<num>[0-9][0-9,.' ]*[0-9]|[0-9]|[.,][0-9]+)[ \t]*"
    r"(?P<c2>円|[" + _SYMBOLS + r"]|[A-Za-z]{3}|[Kk]r\.?|zł|Kč|Ft)?[ \t]*"
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
    if c1 and c2 and c2 != "円" and not _one_currency(c1, c2):
        return "two currencies"
    return None


# A sign and the code it stands for may both be printed (``€469,52 EUR``, ``$12.00 USD``): one currency.
_SIGN_CODES = {"€": ("EUR",), "£": ("GBP",), "¥": ("JPY", "CNY"), "₩": ("KRW",), "₹": ("INR",),
               "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN")}
_SAME_PAIRS = frozenset((a, b) for sign, codes in _SIGN_CODES.items() for code in codes
                        for a, b in ((sign, code), (code, sign)))


def _one_currency(c1: str, c2: str) -> bool:
    """Whether a sign before a number and a code after it (or the other way round) name one currency."""
    return (c1, c2.upper()) in _SAME_PAIRS or (c1.upper(), c2) in _SAME_PAIRS



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
        if not valid.any():  # no cell of another shape is an amount: those rows stay missing, unsigned, not ok
            return num, neg, ok
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
        if bool((~one_currency).any()):
            one_currency |= pd.Series([_one_currency(a, b) for a, b in zip(c1, c2, strict=True)], index=sub.index)
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
    got, todo = _fast_rows(s)
    if not todo.any():  # every cell is empty or of the common shape
        return pd.Series(got, index=s.index, dtype="float64")
    if decimal is None and _votes_for_comma(s[todo]):
        # some cell suggests a decimal comma: the full parser weighs the evidence (per distinct value or
        # per cell, as it always has) and reads every cell under the mark it picks
        return full(s, None)
    got[todo] = full(s[todo], ".").to_numpy(dtype="float64")
    return pd.Series(got, index=s.index, dtype="float64")


def _fast_rows(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``(values, rest)`` per row: the common-shape cells read (NaN elsewhere), and the cells left to the full
    parser (padded, empty-looking or unusual; "" and missing are simply missing). A long column that repeats
    itself is worked on once per distinct value."""
    arr = _arrow(s)
    enc = None
    if len(arr) >= 4096:
        enc = encode_once(s)
        if len(enc.dictionary) > 0.6 * len(arr):
            enc = None
    one = enc.dictionary if enc is not None else (arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks())
    values, hit = _fast_amounts(one)
    rest = pc.and_(pc.invert(hit), pc.fill_null(pc.not_equal(one, ""), False))
    got = np.array(values.to_numpy(zero_copy_only=False), dtype="float64")
    todo = np.asarray(rest.to_numpy(zero_copy_only=False), dtype=bool)
    if enc is None:
        return got, todo
    codes = enc.indices.fill_null(len(got)).to_numpy(zero_copy_only=False)  # missing: a last slot, NaN and not left
    return np.append(got, np.nan)[codes], np.append(todo, False)[codes]


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




# Dates live in :mod:`audit.dates`; these names stay importable from here.
from audit.dates import (  # noqa: E402
    DATE_FORMATS,
    YEARLESS_FORMATS,
    DateFormatGuess,
    infer_date_format,
    infer_date_format_info,
    normalise_date_column,
    parse_date,
    parse_dates,
)

__all__ = [
    "CURRENCY_CODES", "DATE_FORMATS", "SYMBOL_CURRENCY", "YEARLESS_FORMATS", "DateFormatGuess", "choose_str",
    "const_str", "fast_amounts", "guess_decimal", "has_edge_space", "has_non_ascii", "infer_date_format",
    "infer_date_format_info", "map_unique", "nfkc", "normalise_column", "normalise_date_column", "parse_amount",
    "parse_amounts", "parse_date", "parse_dates", "re_contains", "re_replace",
]
