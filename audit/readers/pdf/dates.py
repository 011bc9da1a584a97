"""Dates as printed on PDF statements: with or without a year; a year-less date takes the year that puts
it in (or nearest) the statement's period, so a December-January statement wraps correctly."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from audit.values import parse_date


@lru_cache(maxsize=4096)
def date_parts(text: str, dayfirst: bool) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a printed date (month names in many languages, ``19.01.`` day-month
    without a year); raises ValueError."""
    text = " ".join(text.split()).rstrip(",")
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.", text):
        text = text[:-1]
    try:
        d = parse_date(text, dayfirst=dayfirst)
        return d.year, d.month, d.day
    except ValueError:
        pass
    d = parse_date(text.rstrip("."), dayfirst=dayfirst, year=2000)  # year-less (2000 has a 29 February)
    return None, d.month, d.day


def resolve_date(text: str, dayfirst: bool, window: tuple[dt.date, dt.date] | None) -> dt.date:
    """The date printed as ``text``; a year-less date gets the year that puts it nearest ``window``."""
    year, month, day = date_parts(" ".join(text.split()), dayfirst)
    if year is not None:
        return dt.date(year, month, day)
    if window is None:
        raise ValueError(f"{text!r} has no year and the statement prints no period")
    return infer_year(month, day, window)


def infer_year(month: int, day: int, window: tuple[dt.date, dt.date]) -> dt.date:
    """The date with this month and day closest to the period ``window`` (inside it when possible).

    >>> infer_year(12, 20, (dt.date(2025, 12, 12), dt.date(2026, 1, 11)))
    datetime.date(2025, 12, 20)
    >>> infer_year(1, 5, (dt.date(2025, 12, 12), dt.date(2026, 1, 11)))
    datetime.date(2026, 1, 5)
    """
    start, end = window
    best: tuple[int, dt.date] | None = None
    for year in range(start.year - 1, end.year + 2):
        try:
            cand = dt.date(year, month, day)
        except ValueError:  # 29 February in a common year
            continue
        dist = 0 if start <= cand <= end else min(abs((cand - start).days), abs((cand - end).days))
        if best is None or dist < best[0]:
            best = (dist, cand)
    if best is None:
        raise ValueError(f"{month}/{day} is not a date in the statement period")
    return best[1]
