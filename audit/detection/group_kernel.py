"""The stream search of every merchant group in one compiled call (see
:func:`audit.detection.streams.searched_groups`), up to the joins and checks that follow it.

A group of one unit is searched here as :func:`audit.detection.streams._group_streams` searches it: the bill,
short bill and annual renewal rules, the chains of each amount cluster and the exact-amount search, in the
same order. Groups of several units, and groups where a rule's answer could hang on the last bit of a log or
of a fit, go to the Python code whole. Groups where nothing is found end here: they hold no stream.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from audit.detection.chain_kernel import NONE, UNSURE, best_chain
from audit.detection.cluster_kernel import _clusters
from audit.detection.extract_kernel import (
    _HAIR,
    EXACT_MIN,
    FOUND,
    _extract,
    _grid_max,
    _nearest_cadence,
    _regular,
    _round_half_even,
    _steady,
    _unpack,
)

NOTHING, SEARCHED, PYTHON = 0, 1, 2
BILL_MIN = 4  # as audit.detection.streams.BILL_MIN
BILL_SHARE = 0.75  # as audit.detection.streams.BILL_SHARE
RENEWAL_DAYS = 2  # as audit.detection.streams.RENEWAL_DAYS
SHORT_BILL = 3  # as audit.detection.streams.SHORT_BILL
BILL_LONG = 6  # as audit.detection.streams.BILL_LONG
BILL_RATIO = math.log(6.0)  # as audit.detection.streams.BILL_RATIO
BILL_STEP = math.log(1.8)  # as audit.detection.streams.BILL_STEP
SHORT_BILL_BAND = math.log(1.15)  # as audit.detection.streams.SHORT_BILL_BAND
SHORT_BILL_DAYS = 2  # as audit.detection.streams.SHORT_BILL_DAYS
RENEWAL_RATIO = math.log(5.0)  # as audit.detection.streams.RENEWAL_RATIO


@njit(cache=True)
def _may_be_bill(d: np.ndarray) -> bool:  # pragma: no cover - compiled
    """As :func:`audit.detection.streams._may_be_bill`."""
    n = len(d)
    if n < BILL_MIN:
        return False
    span = d[n - 1] - d[0]
    if n > (span / 25.0 + 1) / BILL_SHARE + 1:
        return False
    inside = 0
    for i in range(1, n):
        g = d[i] - d[i - 1]
        if g >= 25 and g <= 102:
            inside += 1
    return inside / (n - 1) >= 0.5


@njit(cache=True)
def _bill(
    d: np.ndarray,
    la: np.ndarray,
    bill: np.ndarray,
    periods: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    months: np.ndarray,
    max_steps: np.ndarray,
    tols: np.ndarray,
    semis: np.ndarray,
):  # pragma: no cover - compiled
    """:func:`audit.detection.streams._bill_stream` (``bill``: the bill cadences' indices): (1 found / 0 none /
    -1 unsure, cadence, positions)."""
    n = len(d)
    none_i = np.empty(0, dtype=np.int64)
    st, c0, pos, missed, period, _resid = best_chain(
        d, np.ones(n), periods[bill], los[bill], his[bill], months[bill], max_steps[bill]
    )
    if st == UNSURE:
        return -1, 0, none_i
    if st == NONE:
        return 0, 0, none_i
    c = _nearest_cadence(period, c0, periods[bill], los[bill], his[bill])
    if c < 0:
        return -1, 0, none_i
    c = bill[c]
    k = len(pos)
    if k < BILL_MIN or k < BILL_SHARE * n or missed > k // 8 or not months[c]:
        return 0, 0, none_i
    lp = la[pos]
    if lp.max() - lp.min() > BILL_RATIO:
        return 0, 0, none_i
    if not (k >= BILL_LONG and k == n and not missed):
        steps = np.sort(np.abs(lp[1:] - lp[:-1]))
        h = (k - 1) // 2
        med = steps[h] if (k - 1) % 2 else (steps[h - 1] + steps[h]) / 2.0
        if med > BILL_STEP * math.sqrt(months[c]):
            return 0, 0, none_i
    reg = _regular(d[pos], c, periods, los, his, months, tols, semis)
    if reg < 0:
        return -1, 0, none_i
    return (1, c, pos) if reg else (0, 0, none_i)


@njit(cache=True)
def _regular_run(d: np.ndarray, los: np.ndarray, his: np.ndarray) -> bool:  # pragma: no cover - compiled
    """:func:`audit.detection.amounts.regular_runs` of one run: most gaps fit one cadence's window."""
    n = len(d) - 1
    for c in range(len(los)):
        inside = 0
        for i in range(n):
            g = d[i + 1] - d[i]
            if g >= los[c] and g <= his[c]:
                inside += 1
        if inside / n >= 0.6:
            return True
    return False


@njit(cache=True)
def _group(
    d: np.ndarray,
    a: np.ndarray,
    la: np.ndarray,
    everyday: bool,
    bill: np.ndarray,
    monthly: int,
    annual: int,
    periods: np.ndarray,
    los: np.ndarray,
    his: np.ndarray,
    months: np.ndarray,
    max_steps: np.ndarray,
    tols: np.ndarray,
    semis: np.ndarray,
):  # pragma: no cover - compiled
    """The streams ``_group_streams`` finds in one unit's charges before joining them: (status, cadence per
    stream, offsets, positions one after another); status :data:`FOUND` or :data:`UNSURE`."""
    n = len(d)
    none_i = np.empty(0, dtype=np.int64)
    for i in range(n):
        if d[i] != math.floor(d[i]) or not math.isfinite(la[i]):
            return UNSURE, none_i, none_i, none_i
    used = np.zeros(n, dtype=np.bool_)
    cads, ends = [0], [0]
    pos = np.empty(n, dtype=np.int64)
    m = 0
    if not everyday:
        if _may_be_bill(d) and not _steady(la):
            st, c, p = _bill(d, la, bill, periods, los, his, months, max_steps, tols, semis)
            if st < 0:
                return UNSURE, none_i, none_i, none_i
            if st:
                for j in p:
                    pos[m] = j
                    used[j] = True
                    m += 1
                cads.append(c)
                ends.append(m)
        elif n == SHORT_BILL and not _steady(la):
            ok = True
            for i in range(1, n):
                g = d[i] - d[i - 1]
                ok = ok and g >= los[monthly] and g <= his[monthly]
            if ok:
                band = math.log(a.max() / a.min())
                if abs(band - SHORT_BILL_BAND) <= _HAIR:
                    return UNSURE, none_i, none_i, none_i
                if (
                    band <= SHORT_BILL_BAND
                    and _grid_max(d, periods[monthly], months[monthly], False) <= SHORT_BILL_DAYS
                ):
                    for j in range(n):
                        pos[m] = j
                        used[j] = True
                        m += 1
                    cads.append(monthly)
                    ends.append(m)
        if n == 2 and abs(d[1] - d[0] - 365.25) <= RENEWAL_DAYS:
            r = abs(math.log(a[1] / a[0]))
            if abs(r - RENEWAL_RATIO) <= _HAIR:
                return UNSURE, none_i, none_i, none_i
            if r <= RENEWAL_RATIO:
                for j in range(n):
                    pos[m] = j
                    used[j] = True
                    m += 1
                cads.append(annual)
                ends.append(m)
    st, order, edges, due, ch_cl, ch_cad, ch_end, ch_pos = _clusters(
        d, a, la, used, periods, los, his, months, max_steps, tols, semis
    )
    if st != FOUND:
        return UNSURE, none_i, none_i, none_i
    h = 0
    for c in range(len(due)):
        while h < len(ch_cl) and ch_cl[h] == c:  # the cluster's chains, as found
            for j in range(ch_end[h], ch_end[h + 1]):
                pos[m] = ch_pos[j]
                m += 1
            cads.append(ch_cad[h])
            ends.append(m)
            h += 1
        if not due[c]:
            continue
        # the exact-amount search: runs of one amount to the cent among the cluster's charges left, in date order
        by_amount = order[edges[c] : edges[c + 1]]
        run = np.empty(len(by_amount), dtype=np.int64)
        i = 0
        while i < len(by_amount):
            k, key = 0, np.nan
            while i < len(by_amount):
                if used[by_amount[i]]:
                    i += 1
                    continue
                x = _round_half_even(a[by_amount[i]] * 100.0) / 100.0
                if k and x != key:
                    break
                key = x
                run[k] = by_amount[i]
                k += 1
                i += 1
            if k < EXACT_MIN:
                continue
            sub = np.sort(run[:k])
            if not _regular_run(d[sub], los, his):
                continue
            st, xc, xe, xp = _extract(
                d[sub], a[sub], la[sub], True, periods, los, his, months, max_steps, tols, semis
            )
            if st != FOUND:
                return UNSURE, none_i, none_i, none_i
            for q in range(len(xc)):
                for j in range(xe[q], xe[q + 1]):
                    pos[m] = sub[xp[j]]
                    used[sub[xp[j]]] = True
                    m += 1
                cads.append(xc[q])
                ends.append(m)
    return FOUND, np.array(cads[1:]), np.array(ends), pos[:m].copy()


@njit(cache=True)
def groups(
    days: np.ndarray,
    amt: np.ndarray,
    la: np.ndarray,
    unit: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    everyday: np.ndarray,
    tab: np.ndarray,
    bill: np.ndarray,
    named: np.ndarray,
):  # pragma: no cover - compiled
    """Per group ``days[starts[g]:ends[g]]`` (in date order; ``la``: numpy's logs of ``amt``; ``bill``: the bill
    cadences' indices; ``named``: the monthly and the annual cadence's): :data:`NOTHING`, :data:`SEARCHED` or
    :data:`PYTHON`, and the streams found in the searched ones before they are joined (group, cadence, offsets,
    positions in the group)."""
    periods, los, his, months, max_steps, tols, semis = _unpack(tab)
    ng = len(starts)
    status = np.zeros(ng, dtype=np.int64)
    s_grp, s_cad, s_end = [0], [0], [0]
    s_pos = np.empty(len(days), dtype=np.int64)
    m = 0
    for gi in range(ng):
        s, e = starts[gi], ends[gi]
        one_unit = True
        for i in range(s + 1, e):
            if unit[i] != unit[s]:
                one_unit = False
                break
        if not one_unit:
            status[gi] = PYTHON
            continue
        st, cads, offs, pos = _group(
            days[s:e],
            amt[s:e],
            la[s:e],
            everyday[gi],
            bill,
            named[0],
            named[1],
            periods,
            los,
            his,
            months,
            max_steps,
            tols,
            semis,
        )
        if st != FOUND:
            status[gi] = PYTHON
            continue
        if len(cads) == 0:
            continue
        status[gi] = SEARCHED
        for h in range(len(cads)):
            for j in range(offs[h], offs[h + 1]):
                s_pos[m] = pos[j]
                m += 1
            s_grp.append(gi)
            s_cad.append(cads[h])
            s_end.append(m)
    return status, np.array(s_grp[1:]), np.array(s_cad[1:]), np.array(s_end), s_pos[:m].copy()
