"""The amount-cluster search of every merchant group in one compiled call (see
:func:`audit.detection.streams.searched_groups`).

A group is searched here when it has one unit and none of the bill rules of
:func:`audit.detection.streams._group_streams` can apply to it (those, like groups of several units, go to
the Python code whole). Groups where no chain is found and no exact-amount search is due end here: they hold
no stream.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from audit.detection.extract_kernel import FOUND, _clusters, _steady, _unpack

NOTHING, SEARCHED, PYTHON = 0, 1, 2
BILL_MIN = 4  # as audit.detection.streams.BILL_MIN
BILL_SHARE = 0.75  # as audit.detection.streams.BILL_SHARE
RENEWAL_DAYS = 2  # as audit.detection.streams.RENEWAL_DAYS
SHORT_BILL = 3  # as audit.detection.streams.SHORT_BILL


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
def _bill_rules_may_apply(d: np.ndarray, la: np.ndarray) -> bool:  # pragma: no cover - compiled
    """Whether :func:`audit.detection.streams._group_streams` may try a bill, a short bill or an annual renewal
    on this unit's charges (a merchant that is not an everyday shop; ``la``: the amounts' logs)."""
    n = len(d)
    if n >= BILL_MIN and _may_be_bill(d) and not _steady(la):
        return True
    if n == SHORT_BILL and not _steady(la):
        return True
    return n == 2 and abs(d[1] - d[0] - 365.25) <= RENEWAL_DAYS


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
):  # pragma: no cover - compiled
    """Per group ``days[starts[g]:ends[g]]`` (in date order; ``la``: numpy's logs of ``amt``): :data:`NOTHING`, :data:`SEARCHED` or :data:`PYTHON`,
    and for the searched ones their chains (group, cluster, cadence, offsets, positions in the group) and the
    clusters due for the exact-amount search (group, cluster, offsets, the cluster's positions in amount order)."""
    periods, los, his, months, max_steps, tols, semis = _unpack(tab)
    ng = len(starts)
    status = np.zeros(ng, dtype=np.int64)
    c_grp, c_cl, c_cad, c_end = [0], [0], [0], [0]
    x_grp, x_cl, x_end = [0], [0], [0]
    c_pos = np.empty(len(days), dtype=np.int64)
    x_pos = np.empty(len(days), dtype=np.int64)
    nc, nx = 0, 0
    for gi in range(ng):
        s, e = starts[gi], ends[gi]
        one_unit = True
        for i in range(s + 1, e):
            if unit[i] != unit[s]:
                one_unit = False
                break
        d, a = days[s:e], amt[s:e]
        if not one_unit or (not everyday[gi] and _bill_rules_may_apply(d, la[s:e])):
            status[gi] = PYTHON
            continue
        used = np.zeros(e - s, dtype=np.bool_)
        st, order, edges, due, ch_cl, ch_cad, ch_end, ch_pos = _clusters(
            d, a, la[s:e], used, periods, los, his, months, max_steps, tols, semis
        )
        if st != FOUND:
            status[gi] = PYTHON
            continue
        if len(ch_cl) == 0 and not due.any():
            continue
        status[gi] = SEARCHED
        for h in range(len(ch_cl)):
            for j in range(ch_end[h], ch_end[h + 1]):
                c_pos[nc] = ch_pos[j]
                nc += 1
            c_grp.append(gi)
            c_cl.append(ch_cl[h])
            c_cad.append(ch_cad[h])
            c_end.append(nc)
        for c in range(len(due)):
            if due[c]:
                for j in range(edges[c], edges[c + 1]):
                    x_pos[nx] = order[j]
                    nx += 1
                x_grp.append(gi)
                x_cl.append(c)
                x_end.append(nx)
    return (
        status,
        np.array(c_grp[1:]),
        np.array(c_cl[1:]),
        np.array(c_cad[1:]),
        np.array(c_end),
        c_pos[:nc].copy(),
        np.array(x_grp[1:]),
        np.array(x_cl[1:]),
        np.array(x_end),
        x_pos[:nx].copy(),
    )
