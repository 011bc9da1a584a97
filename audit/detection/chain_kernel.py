"""The chain search of :func:`audit.detection.chains._best_chain`, compiled with numba.

The same arithmetic in the same order: binary searches for the cadence windows, the month target on the
stream's day of the month (clamped to the month's length), the cost of each candidate (day distance plus
five times the absolute log of the amount ratio), the fit of the chain's dates against the grid with
numpy's pairwise summation, and the same comparisons of scores. One difference is allowed for: the logs
come from the C library here and from numpy's own vectorised code there, which may differ in the last
bit; where two candidates' costs are that close (and not exactly equal for the same reason on both
sides), the kernel answers "unsure" and the caller runs the Python search. Compiled once per machine
(``cache=True``; numba keeps the machine code beside this file or in its user cache directory).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

NONE, FOUND, UNSURE = 0, 1, 2
MAX_STARTS = 3  # as audit.detection.chains.MAX_STARTS
_CLOSE = 1e-9  # relative distance of two costs below which the log's last bit could decide


@njit(cache=True)
def _block_sum(a: np.ndarray, i: int, n: int) -> float:  # pragma: no cover - compiled
    """numpy's sum of at most 128 float64 values: plain below 8, else 8 accumulators combined pairwise."""
    if n < 8:
        res = 0.0
        for k in range(n):
            res += a[i + k]
        return res
    r0, r1, r2, r3 = a[i], a[i + 1], a[i + 2], a[i + 3]
    r4, r5, r6, r7 = a[i + 4], a[i + 5], a[i + 6], a[i + 7]
    k = 8
    stop = n - (n % 8)
    while k < stop:
        r0 += a[i + k]
        r1 += a[i + k + 1]
        r2 += a[i + k + 2]
        r3 += a[i + k + 3]
        r4 += a[i + k + 4]
        r5 += a[i + k + 5]
        r6 += a[i + k + 6]
        r7 += a[i + k + 7]
        k += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while k < n:
        res += a[i + k]
        k += 1
    return res


@njit(cache=True)
def _pairwise_sum(a: np.ndarray) -> float:  # pragma: no cover - compiled
    """``a.sum()`` as numpy sums float64: blocks of at most 128 values, halves (cut at a multiple of 8)
    above that, added left + right. Written with an explicit stack: numba cannot cache a recursive function."""
    start = np.empty(64, dtype=np.int64)
    size = np.empty(64, dtype=np.int64)
    state = np.zeros(64, dtype=np.int64)
    left = np.empty(64)
    depth, ret = 0, 0.0
    start[0], size[0] = 0, len(a)
    while depth >= 0:
        i, n = start[depth], size[depth]
        if n <= 128:
            ret = _block_sum(a, i, n)
            depth -= 1
            continue
        half = n // 2
        half -= half % 8
        if state[depth] == 0:  # the left half first
            state[depth] = 1
            depth += 1
            start[depth], size[depth], state[depth] = i, half, 0
        elif state[depth] == 1:  # then the right half
            left[depth] = ret
            state[depth] = 2
            depth += 1
            start[depth], size[depth], state[depth] = i + half, n - half, 0
        else:
            ret = left[depth] + ret
            depth -= 1
    return ret


@njit(cache=True)
def _civil(z: int) -> tuple[int, int, int]:  # pragma: no cover - compiled
    """Year, month, day of day number ``z`` (days since 1970-01-01, proleptic Gregorian)."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


@njit(cache=True)
def _day_number(y: int, m: int, d: int) -> int:  # pragma: no cover - compiled
    y -= 1 if m <= 2 else 0
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@njit(cache=True)
def _month_length(y: int, m: int) -> int:  # pragma: no cover - compiled
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


@njit(cache=True)
def _month_target(day: float, months: int, anchor: int) -> float:  # pragma: no cover - compiled
    """As :func:`audit.detection.cadence._month_target`."""
    y0, mo, _ = _civil(int(day))
    m0 = mo - 1 + months
    y, m = y0 + m0 // 12, m0 % 12 + 1
    return float(_day_number(y, m, min(anchor, _month_length(y, m))))


@njit(cache=True)
def _left(days: np.ndarray, x: float) -> int:  # pragma: no cover - compiled
    lo, hi = 0, len(days)
    while lo < hi:
        mid = (lo + hi) // 2
        if days[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@njit(cache=True)
def _right(days: np.ndarray, x: float, lo: int) -> int:  # pragma: no cover - compiled
    hi = len(days)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < days[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


@njit(cache=True)
def _round_half_even(v: float) -> float:  # pragma: no cover - compiled
    f = math.floor(v)
    r = v - f
    if r > 0.5 or (r == 0.5 and f % 2.0 != 0.0):
        return f + 1.0
    return f


@njit(cache=True)
def _step(days: np.ndarray, amt: np.ndarray, last: int, anchor: int, period: float, lo: float, hi: float,
          months: int, max_step: int, costs: np.ndarray) -> tuple[int, int]:  # pragma: no cover - compiled
    """The charge after ``last`` (-1: none; -2: a near tie of costs makes the choice unsure) and the number of
    periods the step spans, as :func:`audit.detection.chains._chain` takes it."""
    here = days[last]
    for k in range(1, max_step + 1):
        shift = (k - 1) * period
        i0 = _left(days, here + (lo + shift))
        i1 = _right(days, here + (hi + shift), i0)
        if i0 >= i1:
            continue
        if i1 - i0 == 1:
            return i0, k
        target = _month_target(here, k * months, anchor) if months else here + k * period
        best, at = np.inf, -1
        for i in range(i0, i1):
            cost = abs(days[i] - target) + 5.0 * abs(math.log(amt[i] / amt[last]))
            if not math.isfinite(cost):  # a zero or missing amount: left to numpy's rules
                return -2, k
            costs[i - i0] = cost
            if cost < best:
                best, at = cost, i
        for i in range(i0, i1):  # a near tie: equal inputs give equal costs on both sides, else unsure
            if i != at and abs(costs[i - i0] - best) <= _CLOSE * max(1.0, best):
                if not (amt[i] == amt[at] and abs(days[i] - target) == abs(days[at] - target)):
                    return -2, k
        return at, k
    return -1, 0


@njit(cache=True)
def _chain(days: np.ndarray, amt: np.ndarray, start: int, period: float, lo: float, hi: float, months: int,
           max_step: int, keep: np.ndarray, memo: np.ndarray, costs: np.ndarray) -> tuple[int, int, bool]:  # pragma: no cover - compiled
    """As :func:`audit.detection.chains._chain`: the chain's length (positions in ``keep``), its missed
    periods, and whether a near tie of costs made a step unsure. ``memo[i]`` (one per cadence and set of
    charges) holds the step from charge ``i`` as (anchor, next charge, periods), anchor -1 when not yet taken:
    the step depends only on the charge and the billing day of month."""
    keep[0] = start
    size = 1
    missed = 0
    last = start
    anchor = _civil(int(days[start]))[2] if months else 0
    while True:
        if memo[last, 0] == anchor:
            found, k = memo[last, 1], memo[last, 2]
        else:
            found, k = _step(days, amt, last, anchor, period, lo, hi, months, max_step, costs)
            if found == -2:
                return size, missed, True
            memo[last, 0], memo[last, 1], memo[last, 2] = anchor, found, k
        if found < 0:
            return size, missed, False
        missed += k - 1
        keep[size] = found
        size += 1
        last = found


@njit(cache=True)
def _fit(d: np.ndarray, period: float) -> tuple[float, float]:  # pragma: no cover - compiled
    """As :func:`audit.detection.chains._fit` (chains of two or more charges)."""
    n = len(d)
    x = np.empty(n)
    x[0] = 0.0
    for i in range(1, n):
        x[i] = x[i - 1] + max(1.0, _round_half_even((d[i] - d[i - 1]) / period))
    if n == 2:
        return (d[1] - d[0]) / x[1], 0.0
    xm = _pairwise_sum(x) / n
    ym = _pairwise_sum(d) / n
    dx = x - xm
    num = dx * (d - ym)
    den = dx * dx
    slope = _pairwise_sum(num) / _pairwise_sum(den)
    resid = d - (ym + slope * dx)
    sq = resid * resid
    return slope, math.sqrt(_pairwise_sum(sq) / n)


@njit(cache=True)
def best_chain(days: np.ndarray, amt: np.ndarray, periods: np.ndarray, los: np.ndarray, his: np.ndarray,
               months: np.ndarray, max_steps: np.ndarray):  # pragma: no cover - compiled
    """:func:`audit.detection.chains._best_chain` over cadences given as arrays: (status, cadence index,
    positions, missed periods, fitted period, residual); status :data:`NONE`, :data:`FOUND` or :data:`UNSURE`."""
    n = len(days)
    empty = np.empty(0, dtype=np.int64)
    if n < 2:
        return NONE, -1, empty, 0, 0.0, 0.0
    span = days[n - 1] - days[0]
    nc = len(periods)
    cands = np.zeros(nc, dtype=np.bool_)
    any_cand = False
    for c in range(nc):
        if los[c] <= span:
            for i in range(1, n):
                g = days[i] - days[i - 1]
                if g >= los[c] and g <= his[c]:
                    cands[c] = True
                    any_cand = True
                    break
    if not any_cand:  # extras may hide every plain gap: the cadences the span allows
        for c in range(nc):
            cands[c] = los[c] <= span and span <= his[c] * n
    keep = np.empty(n, dtype=np.int64)
    costs = np.empty(n)
    memo = np.empty((n, 3), dtype=np.int64)
    best_keep = np.empty(n, dtype=np.int64)
    best_size, best_cad, best_missed = 0, -1, 0
    best_score, best_period, best_resid = 0.0, 0.0, 0.0
    for c in range(nc):
        if not cands[c]:
            continue
        memo[:, 0] = -1
        for start in range(min(MAX_STARTS, n - 1)):
            size, missed, unsure = _chain(days, amt, start, periods[c], los[c], his[c], months[c], max_steps[c],
                                          keep, memo, costs)
            if unsure:
                return UNSURE, -1, empty, 0, 0.0, 0.0
            if size >= 2:
                bound = size - 0.5 * missed
                if best_cad < 0 or bound > best_score:
                    fp, resid = _fit(days[keep[:size]], periods[c])
                    score = bound - 0.1 * resid / periods[c]
                    if best_cad < 0 or score > best_score:
                        best_score, best_cad, best_size, best_missed = score, c, size, missed
                        best_period, best_resid = fp, resid
                        best_keep[:size] = keep[:size]
            if size == n - start and start == 0:
                break
    if best_cad < 0:
        return NONE, -1, empty, 0, 0.0, 0.0
    return FOUND, best_cad, best_keep[:best_size].copy(), best_missed, best_period, best_resid
