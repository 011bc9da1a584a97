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


CLUSTER_GAP = math.log(1.06)  # as audit.detection.amounts.CLUSTER_GAP
STEP_MIN = 5.0  # as audit.detection.chains.STEP_MIN


@njit(cache=True)
def _allowed(f: int) -> int:  # pragma: no cover - compiled
    """As :func:`audit.detection.chains._extras_allowed`."""
    return MAX_CHAINS * f + max(2, f // 2)


@njit(cache=True)
def _crowded(days: np.ndarray) -> bool:  # pragma: no cover - compiled
    """As :func:`audit.detection.chains._crowded` (the same stretches, counted in loops)."""
    n = len(days)
    if n < 64:
        return False
    span = days[n - 1] - days[0]
    top = int(span // STEP_MIN) + 1
    if top < 3 or n <= _allowed(top) or span > 50_000:
        return False
    for i in range(n):
        if days[i] - days[0] != math.floor(days[i] - days[0]):
            return False
    last = int(span)
    cum = np.zeros(last + 1, dtype=np.int64)  # cum[k]: charges on day offsets <= k
    for i in range(n):
        cum[int(days[i] - days[0])] += 1
    for k in range(1, last + 1):
        cum[k] += cum[k - 1]
    step = int(STEP_MIN)
    for i in range(n):
        if i and days[i] == days[i - 1]:
            continue  # each distinct start day once
        x = int(days[i] - days[0])
        before = cum[x - 1] if x else 0
        for f in range(3, top + 1):
            end = x + step * (f - 1)
            if end > last:
                break  # longer stretches run past the span too
            if cum[end] - before <= _allowed(f):
                return False
    return True


@njit(cache=True)
def _may_hold(a: np.ndarray, la: np.ndarray) -> bool:  # pragma: no cover - compiled
    """:func:`audit.detection.amounts._may_hold_stream` (``la``: the amounts' logs)."""
    n = len(a)
    if n < 2:
        return False
    if n == 2:
        return abs(a[1] - a[0]) < 0.005
    if n > 3:
        return True
    if _steady(la):
        return True
    # np.round(a, 2): times 100, to the nearest even whole number, divided by 100
    r0 = _round_half_even(a[0] * 100.0) / 100.0
    r1 = _round_half_even(a[1] * 100.0) / 100.0
    r2 = _round_half_even(a[2] * 100.0) / 100.0
    return r0 == r1 or r1 == r2 or r0 == r2


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


@njit(cache=True)
def clusters(
    days: np.ndarray, amt: np.ndarray, la: np.ndarray, used: np.ndarray, tab: np.ndarray
):  # pragma: no cover - compiled
    """The amount-cluster loop of :func:`audit.detection.streams._group_streams` without its exact-amount search:
    (status, amount order, cluster edges in it, per cluster whether the exact search is due, and per accepted
    chain its cluster, cadence and positions (offsets, then the positions one after another)). ``used`` (the
    charges a bill took) is updated with the chains' charges. Status :data:`FOUND` or :data:`UNSURE`. ``la``: the
    amounts' logs as numpy computes them (its log may differ from the C library's in the last bit, which could
    move a cluster's cut or a steadiness test).

    The exact search is due where the charges left hold six or more of one amount to the cent (else it finds
    no run long enough, and does nothing)."""
    periods, los, his, months, max_steps, tols, semis = _unpack(tab)
    return _clusters(days, amt, la, used, periods, los, his, months, max_steps, tols, semis)


@njit(cache=True)
def _clusters(
    days: np.ndarray,
    amt: np.ndarray,
    la: np.ndarray,
    used: np.ndarray,
    periods: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    months: np.ndarray,
    max_steps: np.ndarray,
    tols: np.ndarray,
    semis: np.ndarray,
):  # pragma: no cover - compiled
    """:func:`clusters` with the cadences as arrays."""
    n = len(days)
    none_i = np.empty(0, dtype=np.int64)
    none_b = np.empty(0, dtype=np.bool_)
    if not np.isfinite(la).all():  # a zero or missing amount: left to numpy's rules
        return UNSURE, none_i, none_i, none_b, none_i, none_i, none_i, none_i
    order = np.argsort(amt, kind="mergesort")
    cuts = [0]
    for i in range(1, n):
        if la[order[i]] - la[order[i - 1]] > CLUSTER_GAP:
            cuts.append(i)
    cuts.append(n)
    nc = len(cuts) - 1
    edges = np.array(cuts, dtype=np.int64)
    exact_due = np.zeros(nc, dtype=np.bool_)
    ch_cl, ch_cad, ch_end = [0], [0], [0]
    ch_pos = np.empty(n, dtype=np.int64)
    bydate = np.empty(n, dtype=np.int64)  # each cluster's positions in date order, cluster after cluster
    cid = np.empty(n, dtype=np.int64)
    for c in range(nc):
        for j in range(edges[c], edges[c + 1]):
            cid[order[j]] = c
    fill = edges[:-1].copy()
    for p in range(n):
        bydate[fill[cid[p]]] = p
        fill[cid[p]] += 1
    m = 0
    for c in range(nc):
        lo, hi = edges[c], edges[c + 1]
        if hi - lo < 2:
            continue
        cl = bydate[lo:hi].copy()
        k = 0
        for i in range(len(cl)):
            if not used[cl[i]]:
                cl[k] = cl[i]
                k += 1
        cl = cl[:k]
        if not _may_hold(amt[cl], la[cl]):
            continue
        d, a = days[cl], amt[cl]
        if not _crowded(d):
            status, cads, ends, pos = _extract(
                d, a, la[cl], False, periods, los, his, months, max_steps, tols, semis
            )
            if status != FOUND:
                return UNSURE, none_i, none_i, none_b, none_i, none_i, none_i, none_i
            for h in range(len(cads)):
                for j in range(ends[h], ends[h + 1]):
                    ch_pos[m] = cl[pos[j]]
                    used[cl[pos[j]]] = True
                    m += 1
                ch_cl.append(c)
                ch_cad.append(cads[h])
                ch_end.append(m)
        exact_due[c] = _exact_run(amt, order[lo:hi], used)
    nh = len(ch_cl) - 1
    return (
        FOUND,
        order,
        edges,
        exact_due,
        np.array(ch_cl[1 : nh + 1], dtype=np.int64),
        np.array(ch_cad[1 : nh + 1], dtype=np.int64),
        np.array(ch_end, dtype=np.int64),
        ch_pos[:m].copy(),
    )


@njit(cache=True)
def _exact_run(
    amt: np.ndarray, by_amount: np.ndarray, used: np.ndarray
) -> bool:  # pragma: no cover - compiled
    """Whether the charges ``by_amount`` (in amount order) not ``used`` hold :data:`EXACT_MIN` or more of one
    amount rounded to the cent (as ``np.round(a, 2)``: times 100, to the nearest even whole number, divided by
    100). Rounding keeps the amount order, so equal rounded amounts are neighbours."""
    run, last = 0, np.nan
    for i in range(len(by_amount)):
        if used[by_amount[i]]:
            continue
        key = _round_half_even(amt[by_amount[i]] * 100.0) / 100.0
        run = run + 1 if key == last else 1
        last = key
        if run >= EXACT_MIN:
            return True
    return False
