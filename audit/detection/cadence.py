"""Billing rhythms (cadences), the grid a stream's charges sit on, and the next expected date."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Cadence:
    """A billing rhythm: nominal period and the window an interval may fall in (days)."""

    name: str
    period: float
    lo: float
    hi: float
    months: int  # calendar months per period (0 for day-based cadences)


CADENCES: tuple[Cadence, ...] = (
    Cadence("weekly", 7.0, 5, 9, 0),
    Cadence("biweekly", 14.0, 12, 16, 0),
    Cadence("semi-monthly", 365.25 / 24, 11, 20, 0),
    Cadence("monthly", 365.25 / 12, 25, 36, 1),
    Cadence("bimonthly", 365.25 / 6, 52, 70, 2),  # water, broadcast licence fees, some insurers
    Cadence("quarterly", 365.25 / 4, 80, 102, 3),
    Cadence("semi-annual", 365.25 / 2, 165, 200, 6),
    Cadence("annual", 365.25, 340, 390, 12),
)
BY_NAME = {c.name: c for c in CADENCES}


def diff1(a: np.ndarray) -> np.ndarray:
    """``np.diff`` of a 1-D array (the same subtraction, without its per-call overhead on short arrays)."""
    return a[1:] - a[:-1]


def grace_days(cadence: str) -> float:
    """Days after the expected next charge before a stream counts as ended."""
    return 3.0 + 0.2 * BY_NAME[cadence].period


def _max_step(cad: Cadence) -> int:
    """Periods one interval may span: two skipped for weekly rhythms, one otherwise."""
    return 3 if cad.period < 28 else 2


def _max_residual(cad: Cadence) -> float:
    return 1.5 + 0.08 * cad.period



# Largest distance (days) of a charge from its stream's grid: billing moves to the next working day
# (a weekend, a holiday Monday, New Year) or to the month's last day, but stays on its grid. A
# weekly delivery slot moves by a day at most.
GRID_TOL = {"weekly": 1.5, "biweekly": 2.0, "semi-monthly": 3.0}
GRID_TOL_MONTHS = 4.0  # monthly and longer: a weekend plus a holiday
FIXED_DAYS_MIN = 5  # charges a fixed-day-count rhythm ("every 28 days") needs
SHORT_MIN = 4  # charges a weekly / biweekly / semi-monthly stream needs (three visits line up by chance)


_MONTH_STEPS = np.array([-1, 0, 1, 2], dtype="timedelta64[M]")[:, None]


def grid_deviations(days: np.ndarray, cad: Cadence) -> np.ndarray:
    """Distance (days) of each charge from the best grid of ``cad``.

    Monthly and longer cadences bill on one day of the month (clamped to the month's length, so the
    31st becomes the 30th or the 28th); semi-monthly ones on two days of the month; weekly and
    biweekly ones every 7 / 14 days from a common start. The grid's day(s) and start are the ones that
    fit the charges best.
    """
    d = np.asarray(days, dtype=float)
    if len(d) < 2:
        return np.zeros(len(d))
    if cad.months or cad.name == "semi-monthly":
        month = (d.astype("int64").astype("datetime64[D]").astype("datetime64[M]"))
        # first days of the previous, same, next and following month; a month's length is the step to the next
        firsts = (month[None, :] + _MONTH_STEPS).astype("datetime64[D]").astype(np.int64)
        starts = firsts[:3]
        lengths = firsts[1:] - firsts[:3]
        anchors = np.unique((d - starts[1] + 1).astype(int))
        # dev[a, i]: distance of charge i from anchor day a in the previous, same or next month
        target = starts[None, :, :] + np.minimum(anchors[:, None, None], lengths[None, :, :]) - 1
        dev = np.abs(d[None, None, :] - target).min(axis=1)
        if cad.months:
            return dev[int(np.argmin(dev.sum(axis=1)))]
        if len(anchors) == 1:
            return dev[0]
        pair = np.minimum(dev[:, None, :], dev[None, :, :])  # two days of the month
        tot = pair.sum(axis=2) + np.eye(len(anchors)) * 1e9
        a, b = np.unravel_index(int(np.argmin(tot)), tot.shape)
        return pair[a, b]
    k = np.round((d - d[0]) / cad.period)
    r = d - d[0] - k * cad.period
    return np.abs(r - np.median(r))


def regular_grid(days: np.ndarray, cad: Cadence) -> bool:
    """Charges sit on the cadence's grid: each within the tolerance of weekend / month-end shifts.

    A calendar cadence may also run on a fixed number of days ("every 28 / 30 days"), which slowly
    walks through the month: a long unbroken run (5+ charges, no skipped period) on a straight line
    (period fitted, within 2 days) is accepted too.
    """
    tol = GRID_TOL.get(cad.name, GRID_TOL_MONTHS)
    if grid_deviations(days, cad).max() <= tol:
        return True
    d = np.asarray(days, dtype=float)
    if not cad.months or len(d) < FIXED_DAYS_MIN:
        return False
    gaps = diff1(d)
    if not ((gaps >= cad.lo) & (gaps <= cad.hi)).all():
        return False
    x = np.arange(len(d), dtype=float)
    slope, icpt = np.polyfit(x, d, 1)
    return bool(np.abs(d - (icpt + slope * x)).max() <= 2.0)


def _max_missed(n: int) -> int:
    """Skipped periods a chain of ``n`` charges may have: one, or one per eight charges in long runs."""
    return max(1, n // 8)


_EPOCH = date(1970, 1, 1).toordinal()


def _month_target(day: float, months: int, anchor: int) -> float:
    """Day number ``months`` calendar months after ``day``, on the stream's day of month (clamped)."""
    d = date.fromordinal(_EPOCH + int(day))
    m0 = d.month - 1 + months
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return float(date(y, m, min(anchor, calendar.monthrange(y, m)[1])).toordinal() - _EPOCH)


def _anchor_days(dates: pd.DatetimeIndex) -> list[int]:
    """Billing day(s) of month; 31 stands for 'last day of the month'."""
    return _anchor_of(dates.to_numpy().astype("datetime64[D]"))


def _anchor_of(d: np.ndarray) -> list[int]:
    """:func:`_anchor_days` of dates given as ``datetime64[D]``."""
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64) + 1
    month_end = (d + 1).astype("datetime64[M]") != month  # the next day opens a new month
    if month_end.mean() >= 0.5 or ((dom >= 28).mean() >= 0.8 and month_end.any()):
        return [31]
    vals, counts = np.unique(dom, return_counts=True)
    return [int(vals[np.argmax(counts)])]


def _add_months(d: pd.Timestamp, months: int, day: int) -> pd.Timestamp:
    """Midnight of day ``day`` (clamped to the month's length) ``months`` calendar months after ``d``'s month."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return pd.Timestamp(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_expected(dates: pd.DatetimeIndex, cadence: str) -> pd.Timestamp:
    """Expected date of the charge after the last one in ``dates``."""
    cad = BY_NAME[cadence]
    last = dates[-1]
    if cad.months and len(dates) >= FIXED_DAYS_MIN:
        days = dates.to_numpy().astype("datetime64[D]").astype(np.int64).astype(float)
        if grid_deviations(days, cad).max() > GRID_TOL.get(cad.name, GRID_TOL_MONTHS):  # every N days
            return last + pd.Timedelta(days=round(float(np.median(np.diff(days)))))
    if cad.months:
        day = _anchor_days(dates)[0]
        nxt = _add_months(last, cad.months, day)
        if (nxt - last).days < cad.lo:  # last charge came late (weekend): the anchor is next period
            nxt = _add_months(last, 2 * cad.months, day)
        return nxt
    if cadence == "semi-monthly":
        dom = np.sort(dates.day.to_numpy())
        cut = int(np.argmax(np.diff(dom))) + 1 if len(np.unique(dom)) > 1 else len(dom)
        d1 = int(np.median(dom[:cut]))
        d2 = int(np.median(dom[cut:])) if cut < len(dom) else min(28, d1 + 15)
        for cand in (_add_months(last, m, d) for m in (0, 1, 2) for d in (d1, d2)):
            if (cand - last).days >= cad.lo:
                return cand
        return last + pd.Timedelta(days=round(cad.period))
    return last + pd.Timedelta(days=round(cad.period))



def _month_day(day: int, months: int, dom: int) -> int:
    """:func:`_add_months` on day numbers: day ``dom`` (clamped) ``months`` months after ``day``'s month."""
    d = date.fromordinal(_EPOCH + day)
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(dom, calendar.monthrange(year, month)[1])).toordinal() - _EPOCH


def next_expected_day(days: np.ndarray, cadence: str) -> int:
    """:func:`next_expected` for charges at midnight given as day numbers (``days``: int64, in date order):
    the same steps on integers, without a Timestamp."""
    cad = BY_NAME[cadence]
    last = int(days[-1])
    if cad.months and len(days) >= FIXED_DAYS_MIN:
        fd = days.astype(float)
        if grid_deviations(fd, cad).max() > GRID_TOL.get(cad.name, GRID_TOL_MONTHS):  # every N days
            return last + round(float(np.median(np.diff(fd))))
    if cad.months:
        anchor = _anchor_of(days.astype("datetime64[D]"))[0]
        nxt = _month_day(last, cad.months, anchor)
        if nxt - last < cad.lo:  # last charge came late (weekend): the anchor is next period
            nxt = _month_day(last, 2 * cad.months, anchor)
        return nxt
    if cadence == "semi-monthly":
        d = days.astype("datetime64[D]")
        dom = np.sort((d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1)
        cut = int(np.argmax(np.diff(dom))) + 1 if len(np.unique(dom)) > 1 else len(dom)
        d1 = int(np.median(dom[:cut]))
        d2 = int(np.median(dom[cut:])) if cut < len(dom) else min(28, d1 + 15)
        for cand in (_month_day(last, m, x) for m in (0, 1, 2) for x in (d1, d2)):
            if cand - last >= cad.lo:
                return cand
        return last + round(cad.period)
    return last + round(cad.period)
