"""Amount rules: which runs of amounts a subscription can have, and amount clusters."""

from __future__ import annotations

import math
from itertools import pairwise
from statistics import median

import numpy as np

from audit.detection.cadence import CADENCES, GRID_TOL, GRID_TOL_MONTHS, Cadence, diff1, grid_deviations

CLUSTER_GAP = math.log(1.06)  # amount clusters are cut where neighbours differ by more than 6 %


def steady_amounts(a: np.ndarray) -> bool:
    """Amounts of a subscription: mostly repeated, or drifting in small steps (exchange rate).

    Everyday shopping at one place varies much more from one visit to the next.
    """
    if len(a) < 2:
        return True
    step = np.abs(diff1(np.log(a)))
    return bool(median(step.tolist()) <= 0.025 and (step <= 0.04).mean() >= 0.6)


BAND = math.log(1.25)  # a regular order whose amount varies stays within this ratio (max / min)
BAND_MIN = 8  # charges such an order needs


def amounts_ok(a: np.ndarray, days: np.ndarray, cad: Cadence, missed: int = 0) -> bool:
    """Amounts of a stream: steady (see :func:`steady_amounts`), or - for a long, unbroken run on a
    tight grid, such as a weekly grocery delivery - varying inside a narrow band around one level."""
    if steady_amounts(a):
        return True
    if len(a) < BAND_MIN or missed > 1 or math.log(a.max() / a.min()) > BAND:
        return False
    return bool(grid_deviations(days, cad).max() <= 0.5 * GRID_TOL.get(cad.name, GRID_TOL_MONTHS) + 0.5)


def _may_hold_stream(a: np.ndarray) -> bool:
    """Cheap necessary test: two charges need equal amounts, three need steady ones (in date order)."""
    if len(a) < 2:
        return False
    if len(a) == 2:
        return abs(a[1] - a[0]) < 0.005
    if len(a) == 3:
        return steady_amounts(a) or len(np.unique(np.round(a, 2))) < 3
    return True


def _regular_gaps(d: np.ndarray) -> bool:
    """Most gaps between charges fit one cadence window (a cheap test before chain search)."""
    gaps = diff1(d)
    if not len(gaps):
        return False
    inside = (gaps[:, None] >= _LO[None, :]) & (gaps[:, None] <= _HI[None, :])
    return bool((inside.mean(axis=0) >= 0.6).any())


def regular_runs(d: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """:func:`_regular_gaps` of every run at once: ``d`` holds the runs one after another, run ``r`` being
    ``d[edges[r]:edges[r + 1]]`` (each in date order). One pass over the gaps, whatever the number of runs."""
    starts, ends = edges[:-1], edges[1:]
    out = np.zeros(len(starts), dtype=bool)
    if len(d) < 2:
        return out
    gaps = diff1(d)
    inside = (gaps[None, :] >= _LO[:, None]) & (gaps[None, :] <= _HI[:, None])  # per cadence, per gap
    inside[:, ends[:-1][ends[:-1] >= 1] - 1] = False  # the step from one run to the next is no gap
    counts = np.zeros((len(_LO), len(d)), dtype=np.int64)
    np.cumsum(inside, axis=1, out=counts[:, 1:])
    n = ends - starts - 1  # gaps per run
    has = n >= 1
    per = counts[:, (ends - 1)[has]] - counts[:, starts[has]]
    out[has] = ((per / n[has][None, :]) >= 0.6).any(axis=0)
    return out


_LO = np.array([c.lo for c in CADENCES], dtype=float)
_HI = np.array([c.hi for c in CADENCES], dtype=float)


def _early_ok(d: np.ndarray, a: np.ndarray, cad: Cadence) -> bool:
    """Two charges make an early stream only with equal amounts and an interval near the cadence."""
    if cad.period < 28:  # weekly rhythms need a third charge: two visits a week apart prove little
        return False
    gap = d[1] - d[0]
    tol = max(2.0, 0.04 * cad.period)
    return abs(a[1] - a[0]) < 0.005 and abs(gap - cad.period) <= tol + (1.5 if cad.months else 0)


def _clusters(amt: np.ndarray, min_size: int = 1) -> list[np.ndarray]:
    """Positions of ``amt`` split where sorted neighbours differ by more than 6 % (clusters of at least
    ``min_size`` charges)."""
    return [np.sort(c) for c in _cluster_orders(amt, min_size)]


def _cluster_orders(amt: np.ndarray, min_size: int = 1) -> list[np.ndarray]:
    """The clusters of :func:`_clusters`, each in amount order (equal amounts in position order)."""
    order = np.argsort(amt, kind="stable")
    la = np.log(amt[order])
    cuts = np.flatnonzero(diff1(la) > CLUSTER_GAP) + 1
    edges = [0, *cuts.tolist(), len(order)]
    return [order[i:j] for i, j in pairwise(edges) if j - i >= min_size]


def split_at(a: np.ndarray, cuts: np.ndarray) -> list[np.ndarray]:
    """``np.split(a, cuts)`` without its per-piece overhead (``cuts`` sorted positions)."""
    edges = [0, *cuts.tolist(), len(a)]
    return [a[i:j] for i, j in pairwise(edges)]

