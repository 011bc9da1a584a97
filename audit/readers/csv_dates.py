"""Dates of a CSV statement: one format per column, yearless dates placed in the statement period."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from audit.readers import csv_plan
from audit.values import parse_dates

_PERIOD = re.compile(r"((?:19|20)[0-9]{2})\s*(?:年|[/.\-])\s*([0-9]{1,2})(?![0-9])")


def place_yearless(
    date_raw: pd.Series, formats: Sequence[str], dayfirst: bool | None, plan: csv_plan.Plan
) -> tuple[pd.Series, str]:
    """Dates printed without a year (``10/28``, ``4月30日``), placed in the statement period: the latest
    year-month printed above the table, else the twelve months up to today. Months after the period's
    month belong to the year before (December rows on a January statement)."""
    found = [m for line in plan.preamble for m in _PERIOD.finditer(unicodedata.normalize("NFKC", line))]
    found = [m for m in found if 1 <= int(m.group(2)) <= 12]
    if found:
        year, month = max((int(m.group(1)), int(m.group(2))) for m in found)
        why = f"dates have no year: placed in the period up to {year}-{month:02d} printed in the file"
    else:
        today = pd.Timestamp.today()
        year, month = today.year, today.month
        why = "dates have no year and the file prints no period: placed in the twelve months up to today"
    dates = parse_dates(date_raw, formats=formats, dayfirst=dayfirst, year=year)
    late = (dates.dt.month > month).fillna(False)
    if not found:
        late = (dates > pd.Timestamp.today().normalize()).fillna(False)
    if bool(late.any()):
        dates = dates.where(~late, dates - pd.DateOffset(years=1))
    return dates, why


def dayfirst_of(formats: Sequence[str]) -> bool | None:
    if not formats:
        return None
    return formats[0].startswith("%d")
