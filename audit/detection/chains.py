"""Chains: the longest regular run of charges in one amount cluster, pulled out one after another."""

from __future__ import annotations

import math
import os
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import numpy as np

from audit.detection.amounts import _early_ok, amounts_ok
from audit.detection.cadence import (
    _EPOCH,
    CADENCES,
    GRID_TOL,
    GRID_TOL_MONTHS,
    SHORT_MIN,
    Cadence,
    _max_missed,
    _max_residual,
    _max_step,
    _month_target,
    diff1,
    regular_grid,
)

MAX_STARTS = 3  # start charges tried per chain
MAX_CHAINS = 4  # chains pulled from one amount cluster before it counts as noise
EXACT_MIN = 6  # charges a fixed-price stream needs to stand out among a busy shop's purchases


def _windows(days: np.ndarray, cad: Cadence) -> list[tuple[float, float]]:
    """Per step count k: the day offsets (lo, hi) of charges k periods after a charge (``days`` is not read).

    The index range of those charges is found when a chain reaches a charge (two binary searches),
    not for every charge up front: a chain visits a few dozen charges of a group that may hold many
    thousands.
    """
    got = _WINDOWS.get(id(cad))
    if got is None or got[0] is not cad:  # keyed by identity: hashing a frozen dataclass costs its fields
        if len(_WINDOWS) > 64:
            _WINDOWS.clear()
        got = _WINDOWS[id(cad)] = (cad, _cadence_windows(cad))
    return got[1]


_WINDOWS: dict[int, tuple[Cadence, list[tuple[float, float]]]] = {}


def _cadence_windows(cad: Cadence) -> list[tuple[float, float]]:
    out = []
    for k in range(1, _max_step(cad) + 1):  # k > 1: missed periods (skipped delivery, failed payment)
        shift = (k - 1) * cad.period
        out.append((cad.lo + shift, cad.hi + shift))
    return out


_CLOSE = 1e-9  # relative distance of two costs below which the last bit of a log could decide between them
_STEP = {"python": True}  # False: every step's costs by numpy (the tests compare both ways)


def _nearest(dl: list[float], al: list[float], i0: int, i1: int, target: float, last: int) -> int:
    """The charge of ``i0 .. i1 - 1`` of least cost (day distance from ``target`` plus five times the absolute log
    of the amount ratio to charge ``last``), the first one on a tie, as numpy's ``argmin`` of those costs; -1 when
    unsure. Costs are summed with :func:`math.log`, which may differ from numpy's log in the last bit: where
    another candidate's cost is that close to the least (and not equal for equal inputs), the answer is -1
    and the caller asks numpy."""
    ref = al[last]
    best, at = math.inf, -1
    costs = []
    for i in range(i0, i1):
        c = abs(dl[i] - target) + 5.0 * abs(math.log(al[i] / ref))
        costs.append(c)
        if c < best:
            best, at = c, i
    if at < 0 or not math.isfinite(best):
        return -1
    near = _CLOSE * max(1.0, best)
    for i, c in zip(range(i0, i1), costs, strict=True):
        if i != at and abs(c - best) <= near and not (al[i] == al[at] and abs(dl[i] - target) == abs(dl[at] - target)):
            return -1
    return at


def _chain(days: np.ndarray, amt: np.ndarray, start: int, cad: Cadence,
           windows: list[tuple[float, float]], day_list: list[float] | None = None,
           memo: dict | None = None, amt_list: list[float] | None = None) -> tuple[list[int], int]:
    """Greedy chain from ``start``: the next charge nearest the expected date (and amount) in the window.

    ``day_list``, ``amt_list``: ``days`` and ``amt`` as Python lists (binary searches and the few costs of a step
    are cheaper on them than on arrays).
    ``memo`` (one per cadence and set of charges): where earlier chains went from each charge they
    reached. The step from a charge depends only on that charge (and the billing day of month), so a
    chain that reaches one of them follows the earlier chain from there on.
    """
    dl = days.tolist() if day_list is None else day_list
    al = amt.tolist() if amt_list is None else amt_list
    python = _STEP["python"]
    keep = [start]
    missed = 0
    cum = [0]  # missed periods up to each charge of keep
    last = start
    months, period = cad.months, cad.period
    anchor = date.fromordinal(_EPOCH + int(dl[start])).day if months else 0
    absolute, log = np.abs, np.log
    walked = 1  # charges of keep found here (the rest came from the memo)
    while True:
        if memo is not None:
            hit = memo.get((last, anchor))
            if hit is not None:
                chain, j, their = hit
                keep.extend(chain[j + 1:])
                cum.extend(missed + m - their[j] for m in their[j + 1:])
                missed += their[-1] - their[j]
                break
        found = -1
        here = dl[last]
        k = 0
        for lo, hi in windows:
            k += 1
            i0 = bisect_left(dl, here + lo)
            i1 = bisect_right(dl, here + hi, i0)
            if i0 >= i1:
                continue
            if i1 - i0 == 1:
                found = i0
            else:
                target = _month_target(here, k * months, anchor) if months else here + k * period
                found = _nearest(dl, al, i0, i1, target, last) if python else -1
                if found < 0:
                    cost = absolute(days[i0:i1] - target) + 5.0 * absolute(log(amt[i0:i1] / amt[last]))
                    found = i0 + int(cost.argmin())
            missed += k - 1
            break
        if found < 0:
            break
        keep.append(found)
        cum.append(missed)
        walked += 1
        last = found
    if memo is not None:
        for j in range(walked):
            memo[(keep[j], anchor)] = (keep, j, cum)
    return keep, missed


def _fit(days: np.ndarray, cad: Cadence) -> tuple[float, float]:
    """Fitted period (days) and RMS residual of chain dates against a regular grid."""
    if len(days) < 2:
        return cad.period, 0.0
    steps = np.maximum(1, (diff1(days) / cad.period).round())
    x = np.concatenate([[0.0], steps.cumsum()])
    if len(days) == 2:
        return float(days[1] - days[0]) / x[1], 0.0
    n = len(days)
    xm, ym = x.sum() / n, days.sum() / n  # as .mean() computes it, without its overhead
    dx = x - xm
    slope = float((dx * (days - ym)).sum() / (dx**2).sum())
    resid = days - (ym + slope * dx)
    return float(slope), math.sqrt(float((resid**2).sum() / n))


def _bounds(cadences: tuple[Cadence, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The interval windows (lo, hi) of ``cadences`` as arrays (kept per tuple, by identity)."""
    got = _BOUNDS.get(id(cadences))
    if got is None or got[0] is not cadences:
        if len(_BOUNDS) > 64:
            _BOUNDS.clear()
        got = _BOUNDS[id(cadences)] = (cadences, np.array([c.lo for c in cadences], dtype=float),
                                        np.array([c.hi for c in cadences], dtype=float))
    return got[1], got[2]


_BOUNDS: dict[int, tuple[tuple[Cadence, ...], np.ndarray, np.ndarray]] = {}


def _nearest_cadence(period: float, allowed: list[Cadence]) -> Cadence:
    return min(allowed, key=lambda c: abs(math.log(period / c.period)))


def _best_chain(days: np.ndarray, amt: np.ndarray,
                cadences: tuple[Cadence, ...] = CADENCES) -> tuple[Cadence, np.ndarray, float, int] | None:
    """Longest regular chain among ``days`` (sorted): cadence, positions, residual, missed periods.

    With the compiled kernel switched on (:func:`compiled`), the kernel answers unless it is unsure."""
    if _STATE["kernel"] is not None:
        got = _kernel_best_chain(days, amt, cadences)
        if got is not _UNSURE:
            return got
    return _python_best_chain(days, amt, cadences)


def _python_best_chain(days: np.ndarray, amt: np.ndarray,
                       cadences: tuple[Cadence, ...] = CADENCES) -> tuple[Cadence, np.ndarray, float, int] | None:
    n = len(days)
    if n < 2:
        return None
    gaps = diff1(days)
    span = days[-1] - days[0]
    lo, hi = _bounds(cadences)
    seen = ((gaps[:, None] >= lo[None, :]) & (gaps[:, None] <= hi[None, :])).any(axis=0)
    cands = [c for c, s in zip(cadences, seen, strict=True) if c.lo <= span and s]
    if not cands:  # extras may hide every plain gap: fall back to the cadences the span allows
        cands = [c for c in cadences if c.lo <= span and span <= c.hi * n]
    best: tuple[float, Cadence, list[int], int, float, float] | None = None
    day_list, amt_list = days.tolist(), amt.tolist()
    for cad in cands:
        windows = _windows(days, cad)
        memo: dict = {}
        for start in range(min(MAX_STARTS, n - 1)):
            keep, missed = _chain(days, amt, start, cad, windows, day_list, memo, amt_list)
            if len(keep) >= 2:
                bound = len(keep) - 0.5 * missed  # the score without its residual term: never lower
                if best is None or bound > best[0]:
                    period, resid = _fit(days[keep], cad)
                    score = bound - 0.1 * resid / cad.period
                    if best is None or score > best[0]:
                        best = (score, cad, keep, missed, period, resid)
            if len(keep) == n - start and start == 0:
                break
    if best is None:
        return None
    _, cad, keep, missed, period, resid = best  # the fit of the best chain, as computed when it was found
    idx = np.asarray(keep)
    allowed = [c for c in cadences if c.lo <= period <= c.hi] or [cad]
    return _nearest_cadence(period, allowed), idx, resid, missed


_UNSURE = object()
_STATE: dict[str, Any] = {"kernel": None, "loaded": None, "extract": None, "groups": None}
KERNEL_MIN_CHARGES = 500_000  # below about this many charges, loading numba costs more CPU than the kernel saves


def _load_kernel() -> Any:
    """The compiled chain search (:mod:`audit.detection.chain_kernel`), or None where numba is missing or
    cannot keep its compiled code (no writable cache directory): the search then runs in Python."""
    if _STATE["loaded"] is None:
        try:
            from audit.detection import chain_kernel, extract_kernel, group_kernel
        except Exception:  # numba missing, or no cache locator for this install
            _STATE["loaded"] = False
        else:
            _STATE["loaded"], _STATE["extract"], _STATE["groups"] = chain_kernel, extract_kernel, group_kernel
    return _STATE["loaded"] or None


@contextmanager
def compiled(charges: int) -> Iterator[bool]:
    """Run the chain searches inside with the compiled kernel when there are at least
    :data:`KERNEL_MIN_CHARGES` charges (``AUDIT_CHAIN_KERNEL=0`` never, ``=1`` always); yields whether it is on.
    Both searches give the same chains."""
    flag = os.environ.get("AUDIT_CHAIN_KERNEL", "")
    want = flag == "1" or (flag != "0" and charges >= KERNEL_MIN_CHARGES)
    before = _STATE["kernel"]
    _STATE["kernel"] = _load_kernel() if want else None
    try:
        yield _STATE["kernel"] is not None
    finally:
        _STATE["kernel"] = before


def _cadence_arrays(cadences: tuple[Cadence, ...]) -> tuple[np.ndarray, ...]:
    got = _ARRAYS.get(id(cadences))
    if got is None or got[0] is not cadences:
        if len(_ARRAYS) > 64:
            _ARRAYS.clear()
        got = _ARRAYS[id(cadences)] = (cadences, (
            np.array([c.period for c in cadences], dtype=np.float64),
            np.array([c.lo for c in cadences], dtype=np.float64),
            np.array([c.hi for c in cadences], dtype=np.float64),
            np.array([c.months for c in cadences], dtype=np.int64),
            np.array([_max_step(c) for c in cadences], dtype=np.int64),
            np.array([GRID_TOL.get(c.name, GRID_TOL_MONTHS) for c in cadences], dtype=np.float64),
            np.array([c.name == "semi-monthly" for c in cadences], dtype=np.bool_)))
    return got[1]


_ARRAYS: dict[int, tuple[tuple[Cadence, ...], tuple[np.ndarray, ...]]] = {}


def _cadence_table(cadences: tuple[Cadence, ...] = CADENCES) -> np.ndarray:
    """:func:`_cadence_arrays` as one float table, a row per array (kept per tuple, by identity)."""
    got = _TABLES.get(id(cadences))
    if got is None or got[0] is not cadences:
        got = _TABLES[id(cadences)] = (cadences, np.array([a.astype(np.float64) for a in _cadence_arrays(cadences)]))
    return got[1]


_TABLES: dict[int, tuple[tuple[Cadence, ...], np.ndarray]] = {}


def _kernel_best_chain(days: np.ndarray, amt: np.ndarray, cadences: tuple[Cadence, ...]) -> Any:
    kernel = _STATE["kernel"]
    try:
        status, c, keep, missed, period, resid = kernel.best_chain(
            np.ascontiguousarray(days, dtype=np.float64), np.ascontiguousarray(amt, dtype=np.float64),
            *_cadence_arrays(cadences)[:5])
    except Exception:  # the kernel failed to compile here: Python from now on
        _STATE["kernel"], _STATE["loaded"] = None, False
        return _UNSURE
    if status == kernel.UNSURE:
        return _UNSURE
    if status == kernel.NONE:
        return None
    cad = cadences[c]
    allowed = [x for x in cadences if x.lo <= period <= x.hi] or [cad]
    return _nearest_cadence(period, allowed), keep, float(resid), int(missed)


def _extract(days: np.ndarray, amt: np.ndarray, exact: bool) -> list[tuple[Cadence, np.ndarray]]:
    """Pull regular chains out of one amount cluster until none is left; positions are local.

    With the compiled kernel switched on (:func:`compiled`), the extraction kernel answers unless it is unsure."""
    if not exact and _crowded(days):
        return []
    if _STATE["kernel"] is not None and _STATE["extract"] is not None:
        got = _kernel_extract(days, amt, exact)
        if got is not _UNSURE:
            return got
    remaining = np.arange(len(days))
    chains: list[tuple[Cadence, np.ndarray, float]] = []
    while len(remaining) >= 2 and len(chains) < MAX_CHAINS:
        got = _best_chain(days[remaining], amt[remaining])
        if got is None:
            break
        cad, local, resid, missed = got
        n = len(local)
        if n >= 3 and resid > _max_residual(cad):
            break
        if n == 3 and missed:  # three charges with a gap: too thin to call a rhythm
            break
        if n >= 3 and (missed > _max_missed(n) or not regular_grid(days[remaining[local]], cad)):
            break  # intervals scattered around the period: repeated visits, not a billing rhythm
        if n >= 3 and cad.period < 28 and n < SHORT_MIN:
            break
        if n >= 3 and not amounts_ok(amt[remaining[local]], days[remaining[local]], cad, missed):
            break  # the best rhythm here has jumpy amounts: everyday shopping, not a subscription
        chains.append((cad, remaining[local], missed))
        remaining = np.delete(remaining, local)
    accepted: list[tuple[Cadence, np.ndarray]] = []
    left_days = days[remaining]
    for cad, pos, missed in chains:
        lo_d, hi_d = days[pos[0]], days[pos[-1]]
        extras = int(((left_days >= lo_d) & (left_days <= hi_d)).sum())
        if exact and (len(pos) < EXACT_MIN or missed > len(pos) // 5):
            continue  # at a busy shop one price recurs by chance: ask for a long, unbroken run
        if len(pos) >= 3:  # its amounts passed amounts_ok when it was pulled out (the same charges)
            if extras > (0 if exact else max(2, len(pos) // 2)):
                continue
        else:
            if extras or not _early_ok(days[pos], amt[pos], cad):
                continue
        accepted.append((cad, pos))
    return accepted



def _kernel_extract(days: np.ndarray, amt: np.ndarray, exact: bool) -> Any:
    """:func:`_extract` (after its crowding test) by :func:`audit.detection.extract_kernel.extract`, or
    ``_UNSURE``."""
    ext = _STATE["extract"]
    try:
        status, cads, ends, pos = ext.extract(
            np.ascontiguousarray(days, dtype=np.float64), np.ascontiguousarray(amt, dtype=np.float64),
            np.log(np.asarray(amt, dtype=np.float64)), exact, _cadence_table())
    except Exception:  # the kernel failed to compile here: Python from now on
        _STATE["extract"] = None
        return _UNSURE
    if status != ext.FOUND:
        return _UNSURE
    bounds = ends.tolist()
    return [(CADENCES[c], pos[bounds[h]:bounds[h + 1]]) for h, c in enumerate(cads.tolist())]


STEP_MIN = min(c.lo for c in CADENCES)  # days between two charges of one chain, at least (a weekly window's start)


def _extras_allowed(f: np.ndarray) -> np.ndarray:
    """Charges a stretch may hold, at most, when a kept chain spans it, by ``f`` (the most charges one chain
    can have in the stretch): the charges of ``MAX_CHAINS`` chains and the extras a kept chain allows."""
    return MAX_CHAINS * f + np.maximum(2, f // 2)


def _crowded(days: np.ndarray) -> bool:
    """True when :func:`_extract` (not exact) cannot keep any chain among ``days`` (sorted day numbers): every
    stretch from one charge to a later one holds more charges than a kept chain allows.

    Why that is a proof: a chain's charges are at least :data:`STEP_MIN` days apart (each step lands in a
    cadence window), so a chain holds at most ``f = S // STEP_MIN + 1`` charges of a stretch of ``S`` days.
    A kept chain from ``a`` to ``b`` (its first and last charge, ``S = b - a``) counts as *extras* the
    cluster's charges in ``[a, b]`` that no extracted chain took; at most ``MAX_CHAINS`` chains are
    extracted, so the stretch holds at most ``MAX_CHAINS * f`` chain charges besides the extras, and these
    may be ``max(2, n // 2)`` for a kept chain of ``n >= 3`` charges (``n <= f``; ``S >= 2 * STEP_MIN``) and
    none for two charges. A stretch holding more than ``MAX_CHAINS * f + max(2, f // 2)`` charges (with
    ``f >= 3``) has therefore no kept chain on it. Tested: from each charge's day ``x``, the stretch to
    ``x + STEP_MIN * (f - 1)`` for every ``f`` that fits the span (its charges are a lower bound of those up
    to any later charge ``y`` with the same ``f``). Only a crowded cluster (a busy shop's hundreds of charges)
    can pass, so a sparse one returns False at once.
    """
    n = len(days)
    if n < 64:
        return False
    span = float(days[-1] - days[0])
    top = int(span // STEP_MIN) + 1  # f of the whole span
    if top < 3 or n <= int(_extras_allowed(np.array([top]))[0]) or span > 50_000:
        return False  # the whole span could hold a kept chain (or a stretch too short for three charges)
    off = days - days[0]
    if not (off == np.floor(off)).all():
        return False
    off = off.astype(np.int64)
    last = int(span)
    cum = np.cumsum(np.bincount(off, minlength=last + 1))  # cum[k]: charges on day offsets <= k
    xs = np.unique(off)
    before = np.concatenate([[0], cum])[xs]  # charges before each start day
    step = int(STEP_MIN)
    for f in (np.array([3]), np.arange(4, top + 1)):  # the shortest stretches first: they fail most often
        ends = xs[:, None] + step * (f[None, :] - 1)
        held = cum[np.minimum(ends, last)] - before[:, None]
        if not ((held > _extras_allowed(f)[None, :]) | (ends > last)).all():
            return False
    return True
