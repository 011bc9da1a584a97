"""The chain extraction of :func:`audit.detection.chains._extract`, compiled with numba.

One call per amount cluster instead of a dozen numpy calls per chain: the chain search of
:mod:`~audit.detection.chain_kernel`, the cadence nearest the fitted period, the grid test
(:func:`audit.detection.cadence.grid_deviations` on whole day numbers), the amount rules
(:func:`audit.detection.amounts.amounts_ok`, :func:`~audit.detection.amounts._early_ok`) and the extras of
each chain, in the same order with the same arithmetic. Where the Python code could decide otherwise
(a log within a hair of a threshold, where numpy's log and the C library's may differ in the last bit;
days that are not whole numbers; a fixed-day-count rhythm of :func:`~audit.detection.cadence.regular_grid`
whose straight line misses the limit by a hair, where ``np.polyfit`` rounds otherwise; a near tie in the
chain search), the kernel answers "unsure" and the caller runs the Python extraction.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from audit.detection.chain_kernel import (
    FOUND,
    NONE,
    UNSURE,
    _civil,
    _day_number,
    _round_half_even,
    best_chain,
)

MAX_CHAINS = 4  # as audit.detection.chains.MAX_CHAINS
EXACT_MIN = 6  # as audit.detection.chains.EXACT_MIN
SHORT_MIN = 4  # as audit.detection.cadence.SHORT_MIN
FIXED_DAYS_MIN = 5  # as audit.detection.cadence.FIXED_DAYS_MIN
BAND_MIN = 8  # as audit.detection.amounts.BAND_MIN
BAND = math.log(1.25)  # as audit.detection.amounts.BAND
_HAIR = 1e-9  # distance from a threshold inside which a log's last bit could decide
_FIT_HAIR = 1e-5  # days from the straight-line limit inside which the fit's rounding could decide


@njit(cache=True)
def _month_start(y: int, m: int, shift: int) -> int:  # pragma: no cover - compiled
    """Day number of the first day of the month ``shift`` months after month ``m`` of year ``y``."""
    m0 = m - 1 + shift
    return _day_number(y + m0 // 12, m0 % 12 + 1, 1)


@njit(cache=True)
def _grid_max(d: np.ndarray, period: float, months: int, semi: bool) -> float:  # pragma: no cover - compiled
    """``grid_deviations(d, cad).max()`` for whole day numbers ``d`` (two or more, in date order)."""
    n = len(d)
    if not (months > 0 or semi):
        d0 = d[0]
        r = np.empty(n)
        for i in range(n):
            k = _round_half_even((d[i] - d0) / period)
            r[i] = d[i] - d0 - k * period
        s = np.sort(r)
        h = n // 2
        med = s[h] if n % 2 else (s[h - 1] + s[h]) / 2.0
        top = 0.0
        for i in range(n):
            top = max(top, abs(r[i] - med))
        return top
    starts = np.empty((3, n), dtype=np.int64)
    lengths = np.empty((3, n), dtype=np.int64)
    dom = np.empty(n, dtype=np.int64)
    for i in range(n):
        y, m, _ = _civil(int(d[i]))
        f0, f1, f2, f3 = (
            _month_start(y, m, -1),
            _month_start(y, m, 0),
            _month_start(y, m, 1),
            _month_start(y, m, 2),
        )
        starts[0, i], starts[1, i], starts[2, i] = f0, f1, f2
        lengths[0, i], lengths[1, i], lengths[2, i] = f1 - f0, f2 - f1, f3 - f2
        dom[i] = int(d[i]) - f1 + 1
    anchors = np.unique(dom)
    na = len(anchors)
    dev = np.empty((na, n))
    for a in range(na):
        for i in range(n):
            best = np.inf
            for j in range(3):
                t = starts[j, i] + min(anchors[a], lengths[j, i]) - 1
                best = min(best, abs(d[i] - t))
            dev[a, i] = best
    if months > 0:  # whole-number deviations: their sums are exact in any order
        at, least = 0, np.inf
        for a in range(na):
            tot = 0.0
            for i in range(n):
                tot += dev[a, i]
            if tot < least:
                at, least = a, tot
        return dev[at].max()
    if na == 1:
        return dev[0].max()
    ba, bb, least = 0, 0, np.inf
    for a in range(na):
        for b in range(na):
            tot = 0.0
            for i in range(n):
                tot += min(dev[a, i], dev[b, i])
            if a == b:
                tot += 1e9
            if tot < least:
                ba, bb, least = a, b, tot
    top = 0.0
    for i in range(n):
        top = max(top, min(dev[ba, i], dev[bb, i]))
    return top


@njit(cache=True)
def _regular(
    d: np.ndarray,
    c: int,
    periods: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    months: np.ndarray,
    tols: np.ndarray,
    semis: np.ndarray,
) -> int:  # pragma: no cover - compiled
    """:func:`audit.detection.cadence.regular_grid`: 1 yes, 0 no, -1 unsure (the straight-line fit at its limit)."""
    if _grid_max(d, periods[c], months[c], semis[c]) <= tols[c]:
        return 1
    if months[c] == 0 or len(d) < FIXED_DAYS_MIN:
        return 0
    n = len(d)
    for i in range(1, n):
        g = d[i] - d[i - 1]
        if not (g >= los[c] and g <= his[c]):
            return 0
    # the straight line through the dates (np.polyfit's least squares; its rounding differs from this one's
    # far below _FIT_HAIR days, so only a largest distance that close to the limit is left to np.polyfit)
    xm = (n - 1) / 2.0
    ym = 0.0
    for i in range(n):
        ym += d[i]
    ym /= n
    num, den = 0.0, 0.0
    for i in range(n):
        num += (i - xm) * (d[i] - ym)
        den += (i - xm) * (i - xm)
    slope = num / den
    top = 0.0
    for i in range(n):
        top = max(top, abs(d[i] - (ym + slope * (i - xm))))
    if abs(top - 2.0) <= _FIT_HAIR:
        return -1
    return 1 if top <= 2.0 else 0


@njit(cache=True)
def _steady(la: np.ndarray) -> int:  # pragma: no cover - compiled
    """:func:`audit.detection.amounts.steady_amounts` of amounts given by their logs (numpy's, as the Python code
    takes them): 1 yes, 0 no."""
    n = len(la)
    if n < 2:
        return 1
    step = np.empty(n - 1)
    small = 0
    for i in range(n - 1):
        step[i] = abs(la[i + 1] - la[i])
        if step[i] <= 0.04:
            small += 1
    s = np.sort(step)
    h = (n - 1) // 2
    med = s[h] if (n - 1) % 2 else (s[h - 1] + s[h]) / 2.0
    return 1 if med <= 0.025 and small / (n - 1) >= 0.6 else 0


@njit(cache=True)
def _amounts_ok(
    a: np.ndarray,
    la: np.ndarray,
    d: np.ndarray,
    c: int,
    missed: int,
    periods: np.ndarray,
    months: np.ndarray,
    tols: np.ndarray,
    semis: np.ndarray,
) -> int:  # pragma: no cover - compiled
    """:func:`audit.detection.amounts.amounts_ok` (``la``: the amounts' logs): 1 yes, 0 no, -1 unsure (the log of
    the amounts' range at its limit)."""
    n = len(a)
    if _steady(la):
        return 1
    if n < BAND_MIN or missed > 1:
        return 0
    band = math.log(a.max() / a.min())
    if abs(band - BAND) <= _HAIR:
        return -1
    if band > BAND:
        return 0
    return 1 if _grid_max(d, periods[c], months[c], semis[c]) <= 0.5 * tols[c] + 0.5 else 0


@njit(cache=True)
def _early_ok(
    d0: float, d1: float, a0: float, a1: float, period: float, months: int
) -> bool:  # pragma: no cover - compiled
    """As :func:`audit.detection.amounts._early_ok`."""
    if period < 28:
        return False
    tol = max(2.0, 0.04 * period)
    return abs(a1 - a0) < 0.005 and abs((d1 - d0) - period) <= tol + (1.5 if months else 0)


@njit(cache=True)
def _nearest_cadence(
    period: float, c: int, periods: np.ndarray, los: np.ndarray, his: np.ndarray
) -> int:  # pragma: no cover - compiled
    """As :func:`audit.detection.chains._nearest_cadence` over the cadences whose window holds ``period``
    (``c`` when none does); -1 when two are that close that a log's last bit could decide."""
    at, least, second = -1, np.inf, np.inf
    for k in range(len(periods)):
        if los[k] <= period <= his[k]:
            v = abs(math.log(period / periods[k]))
            if v < least:
                at, second, least = k, least, v
            elif v < second:
                second = v
    if at < 0:
        return c
    if second - least <= _HAIR * max(1.0, least):
        return -1
    return at


@njit(cache=True)
def _extract(
    days: np.ndarray,
    amt: np.ndarray,
    la: np.ndarray,
    exact: bool,
    periods: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    months: np.ndarray,
    max_steps: np.ndarray,
    tols: np.ndarray,
    semis: np.ndarray,
):  # pragma: no cover - compiled
    """:func:`audit.detection.chains._extract` after its crowding test: (status, cadence per accepted chain,
    chain offsets, positions of the chains one after another); status :data:`FOUND` or :data:`UNSURE`."""
    n = len(days)
    none_i = np.empty(0, dtype=np.int64)
    for i in range(n):
        if days[i] != math.floor(days[i]):
            return UNSURE, none_i, none_i, none_i
    alive = np.ones(n, dtype=np.bool_)
    left = n
    pos = np.empty(n, dtype=np.int64)  # the chains' positions, one after another
    ends = np.zeros(MAX_CHAINS + 1, dtype=np.int64)
    cads = np.empty(MAX_CHAINS, dtype=np.int64)
    miss = np.empty(MAX_CHAINS, dtype=np.int64)
    nch = 0
    while left >= 2 and nch < MAX_CHAINS:
        rem = np.flatnonzero(alive)
        status, c0, local, missed, period, resid = best_chain(
            days[rem], amt[rem], periods, los, his, months, max_steps
        )
        if status == UNSURE:
            return UNSURE, none_i, none_i, none_i
        if status == NONE:
            break
        c = _nearest_cadence(period, c0, periods, los, his)
        if c < 0:
            return UNSURE, none_i, none_i, none_i
        k = len(local)
        if k >= 3 and resid > 1.5 + 0.08 * periods[c]:
            break
        if k == 3 and missed:
            break
        at = rem[local]
        if k >= 3:
            if missed > max(1, k // 8):
                break
            reg = _regular(days[at], c, periods, los, his, months, tols, semis)
            if reg < 0:
                return UNSURE, none_i, none_i, none_i
            if reg == 0:
                break
            if periods[c] < 28 and k < SHORT_MIN:
                break
            ok = _amounts_ok(amt[at], la[at], days[at], c, missed, periods, months, tols, semis)
            if ok < 0:
                return UNSURE, none_i, none_i, none_i
            if ok == 0:
                break
        pos[ends[nch] : ends[nch] + k] = at
        ends[nch + 1] = ends[nch] + k
        cads[nch], miss[nch] = c, missed
        nch += 1
        alive[at] = False
        left -= k
    keep = np.zeros(nch, dtype=np.bool_)
    for h in range(nch):
        p = pos[ends[h] : ends[h + 1]]
        k = len(p)
        c = cads[h]
        lo_d, hi_d = days[p[0]], days[p[k - 1]]
        extras = 0
        for i in range(n):
            if alive[i] and days[i] >= lo_d and days[i] <= hi_d:
                extras += 1
        if exact and (k < EXACT_MIN or miss[h] > k // 5):
            continue
        if k >= 3:  # its amounts passed amounts_ok when it was pulled out (the same charges)
            if extras > (0 if exact else max(2, k // 2)):
                continue
        elif extras or not _early_ok(days[p[0]], days[p[1]], amt[p[0]], amt[p[1]], periods[c], months[c]):
            continue
        keep[h] = True
    out_c = np.empty(nch, dtype=np.int64)
    out_e = np.zeros(nch + 1, dtype=np.int64)
    out_p = np.empty(ends[nch], dtype=np.int64)
    m = 0
    for h in range(nch):
        if keep[h]:
            k = ends[h + 1] - ends[h]
            out_c[m] = cads[h]
            out_p[out_e[m] : out_e[m] + k] = pos[ends[h] : ends[h + 1]]
            out_e[m + 1] = out_e[m] + k
            m += 1
    return FOUND, out_c[:m].copy(), out_e[: m + 1].copy(), out_p[: out_e[m]].copy()


@njit(cache=True)
def _unpack(tab: np.ndarray):  # pragma: no cover - compiled
    """The cadence arrays of a cadence table (rows: period, lo, hi, months, max step, grid tolerance, semi)."""
    return (
        tab[0].copy(),
        tab[1].copy(),
        tab[2].copy(),
        tab[3].astype(np.int64),
        tab[4].astype(np.int64),
        tab[5].copy(),
        tab[6] != 0.0,
    )


@njit(cache=True)
def extract(
    days: np.ndarray, amt: np.ndarray, la: np.ndarray, exact: bool, tab: np.ndarray
):  # pragma: no cover - compiled
    """:func:`_extract` with the cadences as one table (:func:`audit.detection.chains._cadence_table`): one
    argument instead of seven, which is what a call from Python costs."""
    periods, los, his, months, max_steps, tols, semis = _unpack(tab)
    if not np.isfinite(la).all():  # a zero or missing amount: left to numpy's rules
        return UNSURE, np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return _extract(days, amt, la, exact, periods, los, his, months, max_steps, tols, semis)
