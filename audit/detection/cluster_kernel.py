"""The amount clusters of one unit's charges and their chains, compiled with numba (the cluster loop of
:func:`audit.detection.streams._group_streams` before its exact-amount search; called from
:mod:`~audit.detection.group_kernel`).

Clusters are cut where numpy's logs of neighbouring amounts (passed in: its log may differ from the C
library's in the last bit) differ by more than 6 %; the crowding proof of :func:`audit.detection.chains._crowded`,
the stream test of :func:`audit.detection.amounts._may_hold_stream` and the chain extraction of
:mod:`~audit.detection.extract_kernel` follow in the same order.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from audit.detection.chain_kernel import FOUND, UNSURE, _round_half_even
from audit.detection.extract_kernel import EXACT_MIN, MAX_CHAINS, _extract, _steady

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
    """The amount clusters of ``days`` / ``amt`` (in date order; ``la``: numpy's logs of ``amt``) and their
    chains: (status, amount order, cluster edges in it, per cluster whether the exact-amount search is due, and
    per accepted chain its cluster, cadence and positions: offsets, then the positions one after another).
    ``used`` (the charges a bill took) is updated with the chains' charges. Status :data:`FOUND` or
    :data:`UNSURE`. The exact search is due where the charges left hold six or more of one amount to the cent
    (else it finds no run long enough, and does nothing)."""
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
