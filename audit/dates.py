"""Parse dates as statements print them (pure functions, no I/O).

:func:`parse_date` raises :class:`ValueError` saying why a text is not a date; :func:`parse_dates` works
on whole pandas columns and gives NaT where a cell cannot be parsed (the caller decides which failures
to report). :func:`infer_date_format_info` decides one format per column from every distinct value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from audit.textcols import as_str_series as _as_str_series
from audit.textcols import encode_once, has_non_ascii, map_unique, nfkc, re_contains, re_replace

# Formats tried by inference, in priority order (ties between day-first and month-first decided by data).
DATE_FORMATS: tuple[str, ...] = (
    "%Y/%m/%d", "%Y-%m-%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d", "%Y %m %d",
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
    norm = re.sub(_COMPACT_TAIL, r"\1", re.sub(_TIME_TAIL, r"\1", norm))
    if re.search(r"[^\W\d_]{3}", norm):
        norm = month_name_date(norm) or norm
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


# A time of day after a date (seconds, fractions, AM/PM and a zone optional): dropped before the date is
# read, so a column mixing "12:05" and "12:05:31" is one format.
_TIME_TAIL = (
    r"^([0-9].*?[0-9.])[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
    r"(?:[ ]*[AaPp]\.?[Mm]\.?)?(?:[ ]*(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2}))?$"
)
# OFX-style compact date-times, "20091224120000[0:GMT]" or "20091224120000.000": the first eight digits.
_COMPACT_TAIL = r"^([0-9]{8})(?:[0-9]{4,6})?(?:\.[0-9]+)?(?:\[[^\]]*\])?$"
# Locales whose month names are read (babel's CLDR data); names that mean different months in two of
# them (e.g. "listopad") are left out.
_MONTH_LOCALES = ("en", "de", "fr", "it", "es", "pt", "nl", "sv", "da", "nb", "nn", "fi", "pl", "cs", "sk", "hu",
                  "ro", "sl", "tr", "ru", "uk", "el", "ca", "et", "lv", "lt", "id")


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).casefold().strip().rstrip(".")
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names and abbreviations in many languages (folded: lower case, no accents, no final dot) ->
    month number: :func:`month_names_from_cldr`, as generated into :mod:`audit.month_table` (loading
    babel's locale data costs about 0.1 s per process; ``tests/test_dates_tables.py`` checks the copy)."""
    from audit.month_table import MONTHS

    return dict(MONTHS)


@lru_cache(maxsize=1)
def _weekday_names() -> frozenset[str]:
    from audit.month_table import WEEKDAYS

    return WEEKDAYS


def month_names_from_cldr() -> dict[str, int]:
    """:func:`month_names` computed from babel's CLDR data (``scripts/make_month_table.py`` writes it out)."""
    from babel import Locale

    table: dict[str, int] = {}
    clash: set[str] = set()
    for loc in _MONTH_LOCALES:
        months = Locale.parse(loc).months
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide"):
                for number, name in months[context][width].items():
                    key = _fold(name)
                    if len(key) < 3 or key.isdigit():
                        continue
                    if table.get(key, number) != number:
                        clash.add(key)
                    table.setdefault(key, number)
    table["sept"] = 9
    for key in clash:
        table.pop(key, None)
    return table


def weekday_names_from_cldr() -> frozenset[str]:
    """Weekday names and abbreviations (folded) in the same languages, from babel's CLDR data."""
    from babel import Locale

    names: set[str] = set()
    for loc in _MONTH_LOCALES:
        days = Locale.parse(loc).days
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide"):
                names.update(_fold(n) for n in days[context][width].values())
    return frozenset(names)


_FILLER = frozenset({"of", "de", "del", "di", "du", "le", "la", "den", "der", "am", "the", "d"})


def _pivot(year: int) -> int:
    """A two-digit year: 00-68 are 2000-2068, 69-99 are 1969-1999."""
    if year >= 100:
        return year
    return 2000 + year if year < 69 else 1900 + year  # the POSIX pivot, as strptime's %y


def month_name_date(text: str) -> str | None:
    """A date written with a month name in one of many languages, as ISO ``YYYY-MM-DD`` (or ``M月D日``
    when it has no year); None when the text is not such a date.

    >>> month_name_date("12 gen. 2024"), month_name_date("Dec 3, 2025"), month_name_date("01 Jan 01")
    ('2024-01-12', '2025-12-03', '2001-01-01')
    """
    words = re.findall(r"[^\W\d_]+|[0-9]+", unicodedata.normalize("NFKC", text))
    if not words or len(words) > 6:
        return None
    table = month_names()
    month = None
    numbers: list[str] = []
    month_at = -1
    for w in words:
        if w.isdigit():
            numbers.append(w)
            continue
        key = _fold(w)
        if key in table and month is None:
            month, month_at = table[key], len(numbers)
        elif key not in _FILLER and key not in _weekday_names():
            return None
    if month is None or not 1 <= len(numbers) <= 2:
        return None
    if len(numbers) == 1:
        day = int(numbers[0])
        return f"{month}月{day}日" if 1 <= day <= 31 else None
    first, second = numbers
    if len(first) == 4 or (month_at == 1 and len(second) <= 2 and len(first) > 2):
        year, day = int(first), int(second)  # 2024 Jan 12
    else:
        day, year = int(first), int(second)  # 12 Jan 2024, Jan 12 2024, 12 Jan 24
    if not 1 <= day <= 31:
        return None
    return f"{_pivot(year):04d}-{month:02d}-{day:02d}"


def normalise_date_column(values: pd.Series) -> pd.Series:
    """Vectorised date-text clean-up: NFKC where needed, whitespace collapsed, Japanese eras converted,
    a time of day dropped, month names in many languages (:func:`month_name_date`) turned into numbers."""
    s = _as_str_series(values)
    if bool(re_contains(s, ":|\\[|^[0-9]{9,}").any()):
        s = re_replace(re_replace(s.str.strip(), _TIME_TAIL, r"\1"), _COMPACT_TAIL, r"\1")
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
    named = re_contains(s, r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]{3}")
    if bool(named.any()):
        s = s.copy()
        s[named] = map_unique(s[named], lambda v: v.map(lambda t: month_name_date(t) or t).astype("str"), min_rows=0)
    return s


def infer_date_format_info(values: pd.Series, *, dayfirst: bool | None = None, sample: int = 500) -> DateFormatGuess:
    """Pick the strptime format that parses most of a date column, deciding day/month order from the data.

    A first number above 12 means day first, a second number above 12 means month first; when every
    date fits both orders the ``dayfirst`` hint decides (month first without a hint) and the result
    says it was ambiguous.
    """
    distinct = _distinct_texts(values)
    s = normalise_date_column(distinct).dropna()
    s = s[s.str.contains(r"[0-9]", regex=True)]
    uniq = pd.Series(s.unique(), dtype="str")
    if len(uniq) > sample:
        uniq = uniq.sample(sample, random_state=0)
    n = len(uniq)
    if n == 0:
        return DateFormatGuess(None, None, sample=0, note="no date-like values")
    counts: dict[str, int] = {}
    printed = set("".join(uniq.tolist()))  # every character of the values
    blank = any(c.isspace() for c in printed)
    for fmt in (*DATE_FORMATS, *YEARLESS_FORMATS):
        if not _could_match(fmt, uniq):
            continue
        if not _LITERALS[fmt] <= printed or (" " in fmt and not blank):
            counts[fmt] = 0  # no value prints all the format's separators (or a blank it needs): it reads none
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
        want_day = bool(dayfirst)
        why = "as the layout says" if dayfirst is not None else "by default"
        if dayfirst is None and (compact := _compact_reading(uniq, best, twin)) is not None:
            want_day, why = compact.startswith("%d"), "the order giving a period of days rather than months"
        else:
            ambiguous = True
        best = best if best.startswith("%d") == want_day else twin
        order = "day first" if want_day else "month first"
        note = f"dates fit both day/month orders; read {order}: {why}"
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


def _distinct_texts(values: pd.Series) -> pd.Series:
    """The column's distinct non-missing texts in order of first appearance (a long column's from its
    shared Arrow dictionary: the same values in the same order as ``dropna().unique()``)."""
    s = _as_str_series(values)
    if len(s) >= 4096:
        return pd.Series(encode_once(s).dictionary, dtype="str")
    return pd.Series(s.dropna().unique(), dtype="str")


def _compact_reading(uniq: pd.Series, fmt: str, twin: str) -> str | None:
    """Of two day/month orders that both read every date, the one whose dates span a quarter or less of
    the other's period (a statement covers days or weeks: ``05/01 05/02 05/03`` are three days of May,
    not three months); None when neither stands out so."""
    if len(uniq) < 2:
        return None
    leap = 2000 if fmt in YEARLESS_FORMATS else None
    spans = {}
    for f in (fmt, twin):
        got = _to_datetime(uniq, f, leap).dropna()
        spans[f] = (got.max() - got.min()).days if len(got) else 0
    short, long_ = sorted(spans, key=spans.get)  # type: ignore[arg-type]
    return short if spans[short] * 4 <= spans[long_] and spans[long_] > 0 else None


_TWO_DIGIT_YEAR_FORMATS = ("%y/%m/%d", "%y-%m-%d", "%y.%m.%d", "%d/%m/%y", "%m/%d/%y", "%d.%m.%y", "%d-%m-%y", "%m-%d-%y")


def _compact_order(uniq: pd.Series, best: str, best_n: int) -> tuple[str, str]:
    """Of the two-digit-year orders that read every date, the one putting fewest dates in the future
    (a statement is not dated years ahead: ``31.03.25`` is 31 March 2025, not 25 March 2031), then the
    one giving the shortest period: a statement covers weeks or months, not decades."""
    spans: list[tuple[int, float, int, str]] = []
    future = pd.Timestamp.today().normalize() + pd.Timedelta(days=400)  # the readers' plausibility window
    for rank, fmt in enumerate(_TWO_DIGIT_YEAR_FORMATS):
        if fmt[2] != best[2]:  # same separator only
            continue
        got = _to_datetime(uniq, fmt)
        if int(got.notna().sum()) == best_n:
            ahead = int((got > future).sum())
            spans.append((ahead, (got.max() - got.min()).total_seconds(), rank, fmt))
    if len(spans) < 2:
        return best, ""
    spans.sort()
    chosen = spans[0][3]
    if chosen == best:
        return best, ""
    why = "no date years ahead" if spans[0][0] < max(sp[0] for sp in spans) else "the most compact period"
    return chosen, f"read as {chosen}: the order giving {why}"


def infer_date_format(values: pd.Series, *, dayfirst: bool | None = None) -> tuple[str | None, bool | None]:
    """``(format, dayfirst)`` for a date column; see :func:`infer_date_format_info` for the details."""
    guess = infer_date_format_info(values, dayfirst=dayfirst)
    return guess.format, guess.dayfirst


def _literals(fmt: str) -> frozenset[str]:
    """The characters a text must hold to be read with ``fmt``: its separators (not letters, digits or blanks,
    which strptime matches loosely), each of which strptime requires as printed (a blank in ``fmt`` needs
    some white space)."""
    return frozenset(c for c in re.sub(r"%.", "", fmt) if not c.isalnum() and not c.isspace())


_LITERALS = {fmt: _literals(fmt) for fmt in (*DATE_FORMATS, *YEARLESS_FORMATS)}


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
    if fmt == "%Y%m%d":  # strptime reads "184655" as 1846-05-05: a run of digits is a date only with eight
        s = s.where(s.str.fullmatch(r"[0-9]{8}"))
    if fmt in YEARLESS_FORMATS:
        if year is None:
            return pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
        s = s + f" {year}"
        fmt = fmt + " %Y"
    if fmt == "ISO8601":
        out = pd.to_datetime(s, format="ISO8601", errors="coerce", utc=True).dt.tz_localize(None)
    else:
        out = pd.to_datetime(s, format=fmt, errors="coerce")
    out = out.astype("datetime64[us]")
    years = out.dt.year
    return out.where((years >= 1000) & (years <= 9999))  # year 0 and the like: no calendar date


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


def _numeric_format(fmt: str) -> str:
    """The format a month-name format reads as once :func:`normalise_date_column` has turned month names
    into numbers (``%d %b %y`` -> ``%Y-%m-%d``; without a year, ``%m月%d日``)."""
    if "%b" not in fmt and "%B" not in fmt:
        return fmt
    return "%Y-%m-%d" if "%y" in fmt.lower() else "%m月%d日"


def _parse_dates(values: pd.Series, formats: tuple[str, ...], dayfirst: bool | None, year: int | None) -> pd.Series:
    s = normalise_date_column(values)
    s = s.where(s != "")
    fmts = [_numeric_format(f) for f in formats]
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
            todo = todo & s.str.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:$|[T ][0-9])", na=False)
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
