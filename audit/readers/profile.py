"""Evidence about each column of a delimited statement, from its header cell and its contents.

:func:`profile_columns` looks at a sample of the body rows (every row of an ordinary statement) and
measures, per column, what :mod:`audit.readers.roles` weighs when it gives the columns their roles:
how many cells read as dates or as amounts, how amounts are printed (cents, signs, currency marks,
digit counts, leading zeros, steps of one down the rows: money or an identifier?), how much text
varies (a description or a type column?), and which role the header's words name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from audit.dates import infer_date_format_info, parse_dates
from audit.readers import infer
from audit.values import CURRENCY_CODES, parse_amounts

SAMPLE_ROWS = 3000

# Currency names and signs as statements print them in a currency column or beside an amount.
CURRENCY_WORDS: dict[str, str] = {
    "人民币": "CNY", "人民幣": "CNY", "元": "CNY", "美元": "USD", "米ドル": "USD", "ドル": "USD", "円": "JPY", "日元": "JPY",
    "ユーロ": "EUR", "欧元": "EUR", "英ポンド": "GBP", "英镑": "GBP", "港币": "HKD", "港幣": "HKD", "新臺幣": "TWD", "新台幣": "TWD",
    "新台币": "TWD", "грн": "UAH",
    "₴": "UAH", "€": "EUR", "£": "GBP", "₩": "KRW", "₹": "INR", "zł": "PLN", "r$": "BRL", "kr": "",
}
# Words saying which way a row goes (an indicator or 收/支 column): money out, money in, neither.
OUT_WORDS = r"(?i)^(?:d|dr|debit|debet|s|soll|af|out|支出|出金|支払|引出|списання)$"
IN_WORDS = r"(?i)^(?:c|cr|credit|h|haben|bij|in|收入|入金|預入|зарахування)$"
NEUTRAL_WORDS = r"^(?:/|不计收支|中性交易|-)$"
# Words of a type column: which kind of movement a row is (short cells, checked as a whole column).
KIND_WORDS = (
    r"チャージ|入金|出金|支払|引落|取消|返金|払戻|ダウンロード|利用|振込|振替|(?i:payment|purchase|refund|deposit|withdrawal"
    r"|top.?up|transfer|debit|credit|fee|interest|charge|reversal|lastschrift|gutschrift|überweisung|abono|cargo"
    r"|virement|prélèvement|paiement|retrait)"
)
# A cell that is a record of several fields (joined by "|") or a postal address: a postal code (12-345,
# SW1A 1AA, a 4-5 digit code opening a field before a town) together with a house number beside a street name.
_JOINED_FIELDS = r"\|"
_POSTAL_CODE = r"(?<![\d-])\d{2}-\d{3}(?![\d-])|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|(?:^|[,|]\s*)\d{4,5} [^\W\d_]{3,}"
_HOUSE_NUMBER = r"[^\W\d_]{2,}\.? \d{1,4}[A-Za-z]?(?![\d.:/-]|,\d)|(?:^|[,|]\s*)\d{1,4}[A-Za-z]? [^\W\d_]{2,}"
# a single token of ten or more letters and digits, six of them digits, is a reference code (3456789ZT1234567)
_ID_TEXT = r"(?=(?:[A-Za-z]*[0-9]){6})[A-Za-z0-9]{10,}|[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,32}|[A-Z]{2}[0-9]{2}(?: ?[0-9A-Zx*]{4}){2,8}|\S+@\S+\.\S+|[0-9A-Fa-f]{16,}|[A-Za-z0-9]{20,}|[0-9*xX]{4}[ -]?[0-9*xX]{4}[ -]?[0-9*xX]{4}[ -]?[0-9*xX]{1,4}"


@dataclass
class ColumnProfile:
    """What one column holds (measured on the sample rows)."""

    index: int
    header: str = ""
    vocab: str | None = None  # role the header's words name
    vocab_rank: int = 99  # position of that word list in the vocabulary (lower = more specific)
    rows: int = 0
    filled: int = 0
    distinct: int = 0
    date_share: float = 0.0
    date_format: str | None = None
    yearless: bool = False
    dates: pd.Series | None = None  # parsed dates (NaT elsewhere), sample index
    num_share: float = 0.0
    numbers: pd.Series | None = None  # parsed amounts (NaN elsewhere), sample index
    cents_share: float = 0.0  # of numbers: printed with exactly two decimals
    fraction_share: float = 0.0  # of numbers: printed with a decimal part
    negative_share: float = 0.0
    plus_share: float = 0.0
    zero_share: float = 0.0
    grouped_share: float = 0.0  # printed with thousands separators
    marked_share: float = 0.0  # a currency sign or code beside the number
    min_digits: int = 0
    max_digits: int = 0
    leading_zero_share: float = 0.0
    step_one_share: float = 0.0  # consecutive integers differing by one (check numbers, sequences)
    unique_share: float = 0.0
    letter_share: float = 0.0
    mean_length: float = 0.0
    id_share: float = 0.0  # IBANs, e-mail addresses, long hex or digit runs, card numbers
    currency_share: float = 0.0  # cells naming a currency
    currencies: set[str] = field(default_factory=set)  # currencies named in the cells
    direction_share: float = 0.0  # cells that are direction words
    kind_share: float = 0.0  # cells naming what kind of row it is (payment, top-up, refund, charge ...)
    neutral_share: float = 0.0  # of direction cells: "neither" (/, 不计收支)
    record_share: float = 0.0  # cells holding several fields joined by a separator, or a postal address
    texts: pd.Series | None = None  # the stripped non-empty cells

    @property
    def fill(self) -> float:
        return self.filled / self.rows if self.rows else 0.0


# A cell standing for "nothing here": a dash, a slash, an asterisk, n/a.
PLACEHOLDER = "^[ \t]*(?:[-\u2010-\u2015\u2212\uff0d\u30fc/*]{1,3}|(?i:n/?a))[ \t]*$"


def _strip(col: pd.Series) -> pd.Series:
    s = col.astype("str").str.strip()
    return s.where(s.notna() & (s != "") & ~s.str.fullmatch(PLACEHOLDER, na=False))


MAX_COLUMNS = 64  # wider files: only the first columns (and those the header names) are looked at


def profile_columns(cells: pd.DataFrame, header: list[str] | None, *, sample: int = SAMPLE_ROWS,
                    named: Iterable[int] = ()) -> list[ColumnProfile]:
    """One :class:`ColumnProfile` per column of ``cells`` (text cells, NaN when empty); past
    :data:`MAX_COLUMNS` only the columns in ``named`` are looked at."""
    body = cells.head(sample)
    wanted = sorted({*range(min(body.shape[1], MAX_COLUMNS)), *(i for i in named if i < body.shape[1])})
    out = []
    for idx in wanted:
        name = header[idx] if header is not None and idx < len(header) else ""
        out.append(profile_column(body.iloc[:, idx], idx, name))
    return out


def profile_column(col: pd.Series, index: int, header: str = "") -> ColumnProfile:
    """The profile of one column (``col``: text cells of the sample rows)."""
    p = ColumnProfile(index=index, header=header.strip() if isinstance(header, str) else "")
    got = infer.role_of_header(p.header) if p.header else None
    if got:
        p.vocab, p.vocab_rank = got
    s = _strip(col).reset_index(drop=True)
    p.rows = len(s)
    filled = s.dropna()
    p.filled = len(filled)
    if not p.filled:
        return p
    p.texts = filled
    p.distinct = int(filled.nunique())
    p.unique_share = p.distinct / p.filled
    norm = filled.map(lambda t: unicodedata.normalize("NFKC", t))
    p.letter_share = float(norm.str.contains(r"[^\W\d_]", regex=True).mean())
    p.mean_length = float(norm.str.len().mean())
    p.id_share = float(norm.str.fullmatch(_ID_TEXT).mean())
    _dates(p, s, norm)
    _numbers(p, s, norm)
    _words(p, norm)
    if p.letter_share >= 0.3:  # only a column of words can be an address or a detail record
        postal = norm.str.contains(_POSTAL_CODE, regex=True)
        address = postal.copy()
        if bool(postal.any()):  # the house-number search only where a postal code is (it is slow on long words)
            address[postal] = norm[postal].str.contains(_HOUSE_NUMBER, regex=True)
        record = norm.str.contains(_JOINED_FIELDS, regex=True) | address
        p.record_share = float(record.mean())
    return p


def _dates(p: ColumnProfile, s: pd.Series, norm: pd.Series) -> None:
    if not norm.str.contains(r"[0-9]", regex=True).mean() >= 0.5:
        return
    guess = infer_date_format_info(norm.head(500))
    if not guess.format or not guess.sample:
        return
    yearless = "%Y" not in guess.format and "%y" not in guess.format
    dates = parse_dates(s, formats=[guess.format], year=2000 if yearless else None)
    share = float(dates.notna().sum()) / p.filled
    if not share:
        return
    p.date_share, p.date_format, p.yearless, p.dates = share, guess.format, yearless, dates


def _numbers(p: ColumnProfile, s: pd.Series, norm: pd.Series) -> None:
    nums = parse_amounts(s)
    ok = nums.notna()
    n = int(ok.sum())
    p.num_share = n / p.filled
    if not n:
        return
    p.numbers = nums
    printed = s[ok].map(lambda t: unicodedata.normalize("NFKC", t).strip())
    values = nums[ok]
    p.cents_share = float(printed.str.contains(r"[0-9][.,][0-9]{2}(?![0-9])", regex=True).mean())
    p.fraction_share = max(p.cents_share, float((values != values.round()).mean()))
    p.negative_share = float((values < 0).mean())
    p.plus_share = float(printed.str.contains(r"^\+|\+\s*[0-9]", regex=True).mean())
    p.zero_share = float((values == 0).mean())
    p.grouped_share = float(printed.str.contains(r"[0-9][,.' \u00a0][0-9]{3}(?:[,.' \u00a0][0-9]{3})*(?:[.,][0-9]{1,2})?\D*$", regex=True).mean())
    p.marked_share = float(printed.str.contains(r"[$€£¥₩₹₴円元]|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])", regex=True).mean())
    digits = printed.str.replace(r"[^0-9]", "", regex=True)
    bare = printed.str.fullmatch(r"[0-9]+")
    lengths = digits.str.len()
    p.min_digits, p.max_digits = int(lengths.min()), int(lengths.max())
    p.leading_zero_share = float((bare & printed.str.match(r"0[0-9]")).mean())
    ints = values[values == values.round()].to_numpy(dtype="float64")
    ints = ints[ints != 0]
    if len(ints) >= 3:
        steps = np.abs(np.diff(ints))
        p.step_one_share = float((steps == 1).mean())


def _words(p: ColumnProfile, norm: pd.Series) -> None:
    low = norm.str.strip().str.lower()
    codes = low.str.upper().where(low.str.fullmatch(r"[a-z]{3}"))
    named = codes.where(codes.isin(CURRENCY_CODES))
    words = low.map(lambda t: CURRENCY_WORDS.get(t, ""))
    named = named.fillna(words.where(words != ""))
    p.currency_share = float(named.notna().mean())
    p.currencies = set(named.dropna().unique().tolist())
    out = norm.str.strip().str.fullmatch(OUT_WORDS)
    inn = norm.str.strip().str.fullmatch(IN_WORDS)
    neutral = norm.str.strip().str.fullmatch(NEUTRAL_WORDS)
    p.direction_share = float((out | inn | neutral).mean()) if bool((out | inn).any()) else 0.0
    kinds = norm.str.contains(KIND_WORDS, regex=True)
    p.kind_share = float(kinds.mean()) if len(norm) and float(norm.str.len().mean()) <= 20 else 0.0
    p.neutral_share = float(neutral.mean()) if p.direction_share else 0.0


def numbers_of(p: ColumnProfile, n: int) -> np.ndarray:
    """The column's parsed amounts as an array of ``n`` rows (NaN where none)."""
    if p.numbers is None:
        return np.full(n, np.nan)
    return p.numbers.to_numpy(dtype="float64")[:n]
