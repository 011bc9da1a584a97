"""Streams in one merchant group: chains per amount cluster, joined across price changes and trials."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from audit.detection.amounts import _clusters, _may_hold_stream, _regular_gaps
from audit.detection.cadence import Cadence, _max_step, regular_grid
from audit.detection.chains import EXACT_MIN, _extract


@dataclass
class _Stream:
    cad: Cadence
    pos: np.ndarray  # positions in the merchant group (sorted by date)


def _group_streams(days: np.ndarray, amt: np.ndarray, unit: np.ndarray) -> list[_Stream]:
    """Streams in one merchant group (arrays sorted by date)."""
    streams: list[_Stream] = []
    for u in np.unique(unit):
        upos = np.flatnonzero(unit == u)
        if len(upos) < 2:
            continue
        found: list[_Stream] = []
        used = np.zeros(len(upos), dtype=bool)
        for cl in _clusters(amt[upos]):
            if not _may_hold_stream(amt[upos[cl]]):
                continue
            got = _extract(days[upos[cl]], amt[upos[cl]], exact=False)
            for cad, p in got:
                found.append(_Stream(cad, cl[p]))
                used[cl[p]] = True
            left = cl[~used[cl]]
            if len(left) >= EXACT_MIN:  # many unexplained charges: look per exact amount
                keys = np.round(amt[upos[left]], 2)
                order = np.argsort(keys, kind="stable")  # stable: each run stays in date order
                cuts = np.flatnonzero(np.diff(keys[order])) + 1
                for run in np.split(order, cuts):
                    sub = left[run]
                    if len(sub) < EXACT_MIN or not _regular_gaps(days[upos[sub]]):
                        continue
                    for cad, p in _extract(days[upos[sub]], amt[upos[sub]], exact=True):
                        found.append(_Stream(cad, sub[p]))
                        used[sub[p]] = True
        found = _join(found, days[upos], amt[upos], used)
        found = _drop_chance_repeats(found, amt[upos], used)
        found = [s for s in found if _quiet_enough(s, days[upos], amt[upos], days[upos[~used]])]
        streams.extend(_Stream(s.cad, upos[s.pos]) for s in found)
    return streams


EARLY_MAX_OTHERS = 2  # unexplained charges at a merchant where a two-charge stream still counts
SAME_AMOUNT = 0.005  # relative difference below which two charges have "the same amount"


def _drop_chance_repeats(found: list[_Stream], amt: np.ndarray, used: np.ndarray) -> list[_Stream]:
    """Drop streams whose amount also recurs irregularly at the merchant (charges outside any stream).

    A subscription's price is rarely paid at the same merchant outside its rhythm, while a fixed-price
    purchase repeated at random (a parking fee, a transit top-up, a drop-in visit) lines up into a
    regular-looking run now and then and leaves its other repeats scattered around it. Two-charge
    streams allow no such repeat, longer ones one per three charges (at least one).
    """
    free = np.flatnonzero(~used)
    if not len(free) or not found:
        return found
    la = np.log(amt)
    kept = []
    for s in found:
        same = (np.abs(la[free][:, None] - la[s.pos][None, :]) <= SAME_AMOUNT).any(axis=1)
        allowed = 0 if len(s.pos) == 2 else max(1, len(s.pos) // 3)
        if int(same.sum()) <= allowed:
            kept.append(s)
        else:
            used[s.pos] = False
    return kept


def _quiet_enough(s: _Stream, days: np.ndarray, amt: np.ndarray, free_days: np.ndarray) -> bool:
    """Unexplained charges at the merchant during the stream: none for an early (two-charge) stream,
    few for a stream whose amounts vary (at a busy shop, similar amounts line up by chance).

    An early stream is also refused at a merchant with several unexplained charges at any time: where
    one buys things now and then (a ticket office, a shop), one price paid twice a month apart is chance.
    """
    inside = int(((free_days > days[s.pos[0]]) & (free_days < days[s.pos[-1]])).sum())
    if len(s.pos) == 2:
        return inside == 0 and len(free_days) <= EARLY_MAX_OTHERS
    a = amt[s.pos]
    if a.max() <= a.min() * 1.005:
        return True
    return inside <= len(s.pos) // 4


PAUSE_MAX = 6  # periods a monthly-or-longer subscription may pause and still resume as the same stream


def _resumed(a: _Stream, b: _Stream, days: np.ndarray, amt: np.ndarray) -> bool:
    """``b`` resumes ``a`` after a pause: same price, same billing day, at most six periods later."""
    gap = days[b.pos[0]] - days[a.pos[-1]]
    if not a.cad.months or not a.cad.lo <= gap <= PAUSE_MAX * a.cad.period + a.cad.hi:
        return False
    if abs(math.log(amt[b.pos[0]] / amt[a.pos[-1]])) > SAME_AMOUNT:
        return False
    return regular_grid(days[np.concatenate([a.pos, b.pos])], a.cad)


def _join(found: list[_Stream], days: np.ndarray, amt: np.ndarray, used: np.ndarray) -> list[_Stream]:
    """Join consecutive streams (price changes) and lone charges next to a stream (trial, last step)."""
    found.sort(key=lambda s: days[s.pos[0]])
    joined: list[_Stream] = []
    for b in found:  # join b to the earlier stream of the same cadence that ended about one period before
        for a in joined:
            gap = days[b.pos[0]] - days[a.pos[-1]]
            if a.cad.name == b.cad.name and (
                a.cad.lo <= gap <= a.cad.hi + (_max_step(a.cad) - 1) * a.cad.period or _resumed(a, b, days, amt)
            ):
                a.pos = np.sort(np.concatenate([a.pos, b.pos]))
                break
        else:
            joined.append(b)
    found = joined
    lone = np.flatnonzero(~used)
    if 0 < len(lone) <= 3:
        for s in found:
            if len(s.pos) < 2:
                continue
            first, last = days[s.pos[0]], days[s.pos[-1]]
            for p in lone:
                if used[p]:
                    continue
                before = first - days[p]
                after = days[p] - last
                cheaper = amt[p] < 0.8 * amt[s.pos[0]]
                if (s.cad.lo <= before <= s.cad.hi) or (cheaper and 3 <= before < s.cad.lo) or (
                    s.cad.lo <= after <= s.cad.hi
                ):
                    s.pos = np.sort(np.append(s.pos, p))
                    used[p] = True
                    first, last = days[s.pos[0]], days[s.pos[-1]]
    return found


