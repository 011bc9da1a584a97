"""Streams in one merchant group: chains per amount cluster, joined across price changes and trials."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from audit.detection.amounts import _cluster_orders, _may_hold_stream, regular_runs, steady_amounts
from audit.detection.cadence import (
    BY_NAME,
    CADENCES,
    Cadence,
    _max_step,
    diff1,
    grid_deviations,
    regular_grid,
)
from audit.detection.chains import _STATE, EXACT_MIN, _best_chain, _cadence_table, _extract


@dataclass
class _Stream:
    cad: Cadence
    pos: np.ndarray  # positions in the merchant group (sorted by date)


def _group_streams(days: np.ndarray, amt: np.ndarray, unit: np.ndarray, everyday: bool = False) -> list[_Stream]:
    """Streams in one merchant group (arrays sorted by date).

    ``everyday``: the merchant is a supermarket, restaurant, fuel station, pharmacy or ride service, where
    only a fixed-price plan (a membership) is a subscription and no bill is expected.
    """
    streams: list[_Stream] = []
    single = bool((unit == unit[0]).all()) if len(unit) else True
    for u in ([unit[0]] if single and len(unit) else np.unique(unit)):
        upos = np.arange(len(unit)) if single else np.flatnonzero(unit == u)
        if len(upos) < 2:
            continue
        ud, ua = (days, amt) if single else (days[upos], amt[upos])  # the unit's charges
        found: list[_Stream] = []
        used = np.zeros(len(upos), dtype=bool)
        if not everyday and _may_be_bill(ud) and not steady_amounts(ua):
            bill = _bill_stream(ud, ua)
            if bill is not None:
                found.append(bill)
                used[bill.pos] = True
        elif (not everyday and len(upos) == SHORT_BILL and not steady_amounts(ua)
              and _short_bill(ud, ua)):
            found.append(_Stream(BY_NAME["monthly"], np.arange(SHORT_BILL)))
            used[:] = True
        if not everyday and len(upos) == 2 and _annual_renewal(ud, ua):
            found.append(_Stream(BY_NAME["annual"], np.arange(2)))
            used[:] = True
        found = _unit_streams(ud, ua, everyday, used, found, _searched_clusters(ud, ua, used))
        streams.extend(_Stream(s.cad, upos[s.pos]) for s in found)
    return streams


Searched = Iterator[tuple[np.ndarray, list[tuple[Cadence, np.ndarray]], bool]]


def _unit_streams(ud: np.ndarray, ua: np.ndarray, everyday: bool, used: np.ndarray, found: list[_Stream],
                  searched: Searched) -> list[_Stream]:
    """The streams of one unit's charges: ``found`` (a bill) and the chains of its amount clusters (``searched``:
    per cluster, its charges in amount order, its chains, and whether the exact-amount search is due; the chains'
    charges are marked in ``used`` as each cluster comes), joined, filtered and checked."""
    for by_amount, chains, exact_due in searched:
        for cad, p in chains:
            found.append(_Stream(cad, p))
            used[p] = True
        if exact_due:  # many unexplained charges: look per exact amount
            left = np.sort(by_amount)
            left = left[~used[left]]
            by_key = _by_exact_amount(left, by_amount[~used[by_amount]], ua)  # each run in date order
            keys = np.round(ua[by_key], 2)
            cuts = np.flatnonzero(np.diff(keys)) + 1
            edges = np.concatenate([[0], cuts, [len(by_key)]])
            sizes = np.diff(edges)
            runs = np.flatnonzero(sizes >= EXACT_MIN)  # only runs this long may hold a fixed-price stream
            if not len(runs):
                continue
            pick = by_key[(sizes >= EXACT_MIN)[np.repeat(np.arange(len(sizes)), sizes)]]  # those runs, one after another
            regular = regular_runs(ud[pick], np.concatenate([[0], np.cumsum(sizes[runs])]))
            for r in runs[regular].tolist():
                sub = by_key[edges[r]:edges[r + 1]]
                for cad, p in _extract(ud[sub], ua[sub], exact=True):
                    found.append(_Stream(cad, sub[p]))
                    used[sub[p]] = True
    if not found:  # nothing to join, drop or filter
        return []
    found = _join(found, ud, ua, used)
    found = _drop_chance_repeats(found, ua, used)
    found = [s for s in found if _quiet_enough(s, ud, ua, ud[~used])]
    if everyday:
        found = [s for s in found if _fixed_price(ua[s.pos])]
    return found


def _searched_clusters(ud: np.ndarray, ua: np.ndarray, used: np.ndarray) -> Searched:
    """Per amount cluster of two or more charges (in amount order) that may hold a stream: the cluster, the
    chains :func:`~audit.detection.chains._extract` pulls out of its charges not yet ``used`` (positions in the
    unit; marked used before they are yielded), and whether it has charges enough left for the exact-amount
    search."""
    for by_amount in _cluster_orders(ua, min_size=2):  # one charge alone holds no stream
        cl = np.sort(by_amount)
        cl = cl[~used[cl]]
        if not _may_hold_stream(ua[cl]):
            continue
        chains = [(cad, cl[p]) for cad, p in _extract(ud[cl], ua[cl], exact=False)]
        for _, p in chains:
            used[p] = True
        yield by_amount, chains, int((~used[cl]).sum()) >= EXACT_MIN


def _by_exact_amount(left: np.ndarray, by_amount: np.ndarray, amt: np.ndarray) -> np.ndarray:
    """``left`` (positions in date order) sorted by amount rounded to the cent, stably (equal rounded amounts
    in date order), as ``left[np.argsort(np.round(amt[left], 2), kind="stable")]``. ``by_amount``: the same
    positions in amount order, equal amounts in date order; rounding keeps that order, so it is the answer
    unless two different amounts round to one cent out of date order - only then is there a sort."""
    keys = np.round(amt[by_amount], 2)
    same = keys[1:] == keys[:-1]
    if not same.any() or (by_amount[1:][same] > by_amount[:-1][same]).all():
        return by_amount
    return left[np.argsort(np.round(amt[left], 2), kind="stable")]


EARLY_MAX_OTHERS = 2  # unexplained charges at a merchant where a two-charge stream still counts
BUSY = 5  # unexplained charges inside a short long-cadence stream that make the merchant a busy shop
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
    if len(s.pos) == 3 and s.cad.months >= 2 and inside >= BUSY:
        return False  # three charges months apart at a busy shop: one price came back by chance
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




BILL_MIN = 4  # charges a bill needs (three shop visits a month apart happen by chance)
BILL_RATIO = math.log(6.0)  # a gas bill in winter may cost six times the summer one
BILL_STEP = math.log(1.8)  # typical change from one monthly bill to the next (median; more over longer periods)
BILL_SHARE = 0.75  # share of the merchant's charges (in that currency) the bill must explain
BILL_LONG = 6  # a bill explaining every charge of its merchant this many times may jump in amount
BILL_CADENCES = (BY_NAME["monthly"], BY_NAME["bimonthly"], BY_NAME["quarterly"])


def _may_be_bill(days: np.ndarray) -> bool:
    """Cheap necessary test before the bill search: enough charges, not more than a monthly bill and a few
    extras can explain, and most gaps between them a month to a quarter long (a busy shop fails at once)."""
    n = len(days)
    if n < BILL_MIN:
        return False
    span = days[-1] - days[0]
    if n > (span / 25.0 + 1) / BILL_SHARE + 1:
        return False
    gaps = diff1(days)
    return bool(((gaps >= 25) & (gaps <= 102)).mean() >= 0.5)


SHORT_BILL = 3  # a quarter's statements show a monthly bill three times
SHORT_BILL_BAND = math.log(1.15)  # its amounts (a phone bill: calls and data) stay this close together
SHORT_BILL_DAYS = 2  # days from the month's billing day


def _short_bill(days: np.ndarray, amt: np.ndarray) -> bool:
    """Three charges that are everything a merchant billed: a monthly bill seen over one quarter, when they
    come on the same day of the month (two days either way), a month apart, without a gap, and their amounts
    vary a little (within 15 %), as a phone or utility bill does. Three shop visits rarely line up like that."""
    cad = BY_NAME["monthly"]
    gaps = diff1(days)
    if not ((gaps >= cad.lo) & (gaps <= cad.hi)).all():
        return False
    if math.log(float(amt.max()) / float(amt.min())) > SHORT_BILL_BAND:
        return False
    return bool(grid_deviations(days, cad).max() <= SHORT_BILL_DAYS)


def _bill_stream(days: np.ndarray, amt: np.ndarray) -> _Stream | None:
    """A bill whose amount changes every time (electricity, gas, water, phone) among all charges at a merchant.

    A bill comes on about the same day of the month, every one, two or three months, and the merchant
    bills little else: the chain must explain three quarters of its charges, sit on the cadence's grid,
    skip no period (one per eight charges in long runs), stay within a 1:6 band of amounts (heating in
    winter) and change by 60 % at most from one bill to the next (median) - unless it is every charge of the
    merchant, six or more, with no period skipped.
    """
    got = _best_chain(days, np.ones(len(days)), BILL_CADENCES)
    if got is None:
        return None
    cad, pos, _resid, missed = got
    n = len(pos)
    if n < BILL_MIN or n < BILL_SHARE * len(days) or missed > n // 8 or not cad.months:
        return None
    la = np.log(amt[pos])
    # Amounts that jump from bill to bill with no season are still a bill when the merchant bills nothing else
    # and has done so on its day for half a year or more (a usage bill: Con Ed, a metered service).
    whole = n >= BILL_LONG and n == len(days) and not missed
    if la.max() - la.min() > BILL_RATIO or (
            np.median(np.abs(np.diff(la))) > BILL_STEP * math.sqrt(cad.months) and not whole):
        return None
    if not regular_grid(days[pos], cad):
        return None
    return _Stream(cad, pos)


FIXED_MIN = 4  # charges a fixed-price plan at an everyday shop needs


def _fixed_price(a: np.ndarray) -> bool:
    """Amounts of a plan at an everyday shop: four or more, the same to the cent, allowing one price change."""
    return len(a) >= FIXED_MIN and int((np.abs(diff1(np.round(a, 2))) > 0.001).sum()) <= 1


RENEWAL_DAYS = 2  # an annual renewal is billed on its anniversary, give or take processing days
RENEWAL_RATIO = math.log(5.0)  # introductory price to list price (security suites: 24.99 then 84.99)


def _annual_renewal(days: np.ndarray, amt: np.ndarray) -> bool:
    """Exactly two charges at a merchant, a year apart to within a few days: an annual plan renewed, the second
    time often at a higher list price after an introductory one."""
    return bool(abs(days[1] - days[0] - 365.25) <= RENEWAL_DAYS and abs(math.log(amt[1] / amt[0])) <= RENEWAL_RATIO)


NOTHING, SEARCHED = 0, 1  # as audit.detection.group_kernel (a group's status; 2: Python)


@dataclass
class GroupBatch:
    """What :func:`audit.detection.group_kernel.groups` found in every merchant group at once: per group
    ``status`` (nothing / searched / Python), and for the searched ones the streams before they are joined."""

    status: np.ndarray
    found: dict[int, list[tuple[Cadence, np.ndarray]]]

    def streams(self, g: int, ud: np.ndarray, ua: np.ndarray, everyday: bool) -> list[_Stream]:
        """:func:`_group_streams` of searched group ``g`` (its one unit's days and amounts)."""
        used = np.zeros(len(ud), dtype=bool)
        found = []
        for cad, p in self.found.get(g, []):
            found.append(_Stream(cad, p))
            used[p] = True
        return _unit_streams(ud, ua, everyday, used, found, iter(()))


def searched_groups(days: np.ndarray, amt: np.ndarray, unit: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                    everyday: np.ndarray) -> GroupBatch | None:
    """The stream search of every group ``days[starts[g]:ends[g]]`` (each in date order) in one compiled call, or
    None when the kernel is off (see :func:`audit.detection.chains.compiled`)."""
    gk = _STATE["groups"]
    if _STATE["kernel"] is None or gk is None:
        return None
    try:
        amt = np.ascontiguousarray(amt, dtype=np.float64)
        status, s_grp, s_cad, s_end, s_pos = gk.groups(
            np.ascontiguousarray(days, dtype=np.float64), amt, np.log(amt), np.ascontiguousarray(unit, dtype=np.int64),
            starts.astype(np.int64), ends.astype(np.int64), np.ascontiguousarray(everyday, dtype=np.bool_),
            _cadence_table(), _BILL_INDEX, _NAMED_INDEX)
    except Exception:  # the kernel failed to compile here: group by group from now on
        _STATE["groups"] = None
        return None
    found: dict[int, list[tuple[Cadence, np.ndarray]]] = {}
    at = s_end.tolist()
    for h, (g, cad) in enumerate(zip(s_grp.tolist(), s_cad.tolist(), strict=True)):
        found.setdefault(g, []).append((CADENCES[cad], s_pos[at[h]:at[h + 1]]))
    return GroupBatch(status, found)


_BILL_INDEX = np.array([CADENCES.index(c) for c in BILL_CADENCES], dtype=np.int64)
_NAMED_INDEX = np.array([CADENCES.index(BY_NAME["monthly"]), CADENCES.index(BY_NAME["annual"])], dtype=np.int64)
