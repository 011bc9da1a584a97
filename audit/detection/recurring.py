"""Find recurring subscription streams among the charges of one or more statements.

How a stream is found, per merchant (``merchant_key``, which already ignores changing trailing IDs;
:func:`stream_keys` also drops short reference IDs such as ``AMAZON PRIME*Y34YCG``):

1. Only charges count (``kind == "charge"``, amount > 0). Each charge gets an *amount key*: the
   foreign amount when the statement printed one (so exchange-rate drift of a yen bill does not
   matter), else the billed amount.
2. Charges are split by the amount key's currency, then into *amount clusters*: sorted amounts are
   cut wherever two neighbours differ by more than 6 %. Exchange-rate drift without a printed foreign
   amount moves in small steps and stays in one cluster; a price step opens a new cluster.
3. In each cluster, *chains* are pulled out for each cadence: from a start charge, the next charge
   is the one nearest the expected date (same day of month for monthly and longer rhythms) and the
   last amount, inside the cadence's window; one missed period is allowed (two for weekly rhythms),
   charges in between are skipped as extras. The longest chain wins, ties go to the steadier one.
   Chains are pulled out again from what is left, so two equal subscriptions at one merchant give two
   streams. A chain is kept when it has 3+ charges whose dates sit on a regular grid, amounts that
   repeat or drift in small steps (everyday shopping jumps around) and few unexplained charges of the
   same cluster in its time span; or exactly 2 charges (early detection, monthly or longer cadences
   only) with the same amount, an interval close to the cadence and nothing else at that merchant in
   between. A stream whose amounts vary must not share its time span with many other charges at the
   same merchant. A cluster with many unexplained charges (a shop with random amounts) is searched
   again per exact amount, which finds a fixed-price membership (6+ charges) among everyday purchases.
4. Chains at one merchant that follow each other (the later starts about one period after the earlier
   ends) are joined: that is a price change. A lone charge one period before or after a stream (or a
   cheaper one a few days before it: a trial) is joined too.

5. Regularity: a chain of 3+ charges must sit on its cadence's grid (:func:`grid_deviations`: one
   day of the month for monthly and longer rhythms, two for semi-monthly, every 7 / 14 days for
   weekly ones) within weekend / month-end shifts, skip at most one period (one per eight charges in
   long runs), and weekly-type rhythms need 4+ charges. Repeated equal amounts at scattered
   intervals are not a stream. A stream whose price is also paid irregularly at the merchant (more
   than one such charge per three stream charges; any for a two-charge stream) is chance
   (:func:`_drop_chance_repeats`); a two-charge stream is also refused at a merchant with more than two
   other unexplained charges. A regular long run (8+) whose amounts vary inside a narrow band (a
   weekly grocery order) counts. A monthly-or-longer stream that pauses and resumes on the same day
   at the same price (within six periods) is joined.
6. Coverage: when the statements cover separate periods (several files with a gap between them),
   a stream is split where more than half a period between two charges is uncovered
   (:func:`split_uncovered`), so a monthly charge seen in a December and a June statement is not a
   semi-annual stream.

The cadence is the one whose nominal period is nearest the fitted period of the chain.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from audit.model import Subscription


@dataclass(frozen=True)
class Cadence:
    """A billing rhythm: nominal period and the window an interval may fall in (days)."""

    name: str
    period: float
    lo: float
    hi: float
    months: int  # calendar months per period (0 for day-based cadences)


CADENCES: tuple[Cadence, ...] = (
    Cadence("weekly", 7.0, 5, 9, 0),
    Cadence("biweekly", 14.0, 12, 16, 0),
    Cadence("semi-monthly", 365.25 / 24, 11, 20, 0),
    Cadence("monthly", 365.25 / 12, 25, 36, 1),
    Cadence("quarterly", 365.25 / 4, 80, 102, 3),
    Cadence("semi-annual", 365.25 / 2, 165, 200, 6),
    Cadence("annual", 365.25, 340, 390, 12),
)
BY_NAME = {c.name: c for c in CADENCES}

CLUSTER_GAP = math.log(1.06)  # amount clusters are cut where neighbours differ by more than 6 %
MAX_STARTS = 3  # start charges tried per chain
MAX_CHAINS = 4  # chains pulled from one amount cluster before it counts as noise
EXACT_MIN = 6  # charges a fixed-price stream needs to stand out among a busy shop's purchases
DESCRIPTOR_COLUMNS = ("descriptor_norm", "merchant_key", "facilitator")


def grace_days(cadence: str) -> float:
    """Days after the expected next charge before a stream counts as ended."""
    return 3.0 + 0.2 * BY_NAME[cadence].period


def _max_step(cad: Cadence) -> int:
    """Periods one interval may span: two skipped for weekly rhythms, one otherwise."""
    return 3 if cad.period < 28 else 2


def _max_residual(cad: Cadence) -> float:
    return 1.5 + 0.08 * cad.period



# Largest distance (days) of a charge from its stream's grid: billing moves to the next working day
# (a weekend, a holiday Monday, New Year) or to the month's last day, but stays on its grid. A
# weekly delivery slot moves by a day at most.
GRID_TOL = {"weekly": 1.5, "biweekly": 2.0, "semi-monthly": 3.0}
GRID_TOL_MONTHS = 4.0  # monthly and longer: a weekend plus a holiday
FIXED_DAYS_MIN = 5  # charges a fixed-day-count rhythm ("every 28 days") needs
SHORT_MIN = 4  # charges a weekly / biweekly / semi-monthly stream needs (three visits line up by chance)


def grid_deviations(days: np.ndarray, cad: Cadence) -> np.ndarray:
    """Distance (days) of each charge from the best grid of ``cad``.

    Monthly and longer cadences bill on one day of the month (clamped to the month's length, so the
    31st becomes the 30th or the 28th); semi-monthly ones on two days of the month; weekly and
    biweekly ones every 7 / 14 days from a common start. The grid's day(s) and start are the ones that
    fit the charges best.
    """
    d = np.asarray(days, dtype=float)
    if len(d) < 2:
        return np.zeros(len(d))
    if cad.months or cad.name == "semi-monthly":
        month = (d.astype("int64").astype("datetime64[D]").astype("datetime64[M]"))
        starts = np.stack([(month + k).astype("datetime64[D]").astype(np.int64) for k in (-1, 0, 1)])
        lengths = np.stack([((month + k + 1).astype("datetime64[D]") - (month + k).astype("datetime64[D]"))
                            .astype(np.int64) for k in (-1, 0, 1)])
        anchors = np.unique((d - starts[1] + 1).astype(int))
        # dev[a, i]: distance of charge i from anchor day a in the previous, same or next month
        target = starts[None, :, :] + np.minimum(anchors[:, None, None], lengths[None, :, :]) - 1
        dev = np.abs(d[None, None, :] - target).min(axis=1)
        if cad.months:
            return dev[int(np.argmin(dev.sum(axis=1)))]
        if len(anchors) == 1:
            return dev[0]
        pair = np.minimum(dev[:, None, :], dev[None, :, :])  # two days of the month
        tot = pair.sum(axis=2) + np.eye(len(anchors)) * 1e9
        a, b = np.unravel_index(int(np.argmin(tot)), tot.shape)
        return pair[a, b]
    k = np.round((d - d[0]) / cad.period)
    r = d - d[0] - k * cad.period
    return np.abs(r - np.median(r))


def regular_grid(days: np.ndarray, cad: Cadence) -> bool:
    """Charges sit on the cadence's grid: each within the tolerance of weekend / month-end shifts.

    A calendar cadence may also run on a fixed number of days ("every 28 / 30 days"), which slowly
    walks through the month: a long unbroken run (5+ charges, no skipped period) on a straight line
    (period fitted, within 2 days) is accepted too.
    """
    tol = GRID_TOL.get(cad.name, GRID_TOL_MONTHS)
    if grid_deviations(days, cad).max() <= tol:
        return True
    d = np.asarray(days, dtype=float)
    if not cad.months or len(d) < FIXED_DAYS_MIN:
        return False
    gaps = np.diff(d)
    if not ((gaps >= cad.lo) & (gaps <= cad.hi)).all():
        return False
    x = np.arange(len(d), dtype=float)
    slope, icpt = np.polyfit(x, d, 1)
    return bool(np.abs(d - (icpt + slope * x)).max() <= 2.0)


def _max_missed(n: int) -> int:
    """Skipped periods a chain of ``n`` charges may have: one, or one per eight charges in long runs."""
    return max(1, n // 8)


# --------------------------------------------------------------------------- chains


def _windows(days: np.ndarray, cad: Cadence) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per charge and per step count k: index range of charges k periods later (within the window)."""
    out = []
    for k in range(1, _max_step(cad) + 1):  # k > 1: missed periods (skipped delivery, failed payment)
        shift = (k - 1) * cad.period
        out.append((np.searchsorted(days, days + cad.lo + shift, "left"),
                    np.searchsorted(days, days + cad.hi + shift, "right")))
    return out


def _chain(days: np.ndarray, amt: np.ndarray, start: int, cad: Cadence,
           windows: list[tuple[np.ndarray, np.ndarray]]) -> tuple[list[int], int]:
    """Greedy chain from ``start``: the next charge nearest the expected date (and amount) in the window."""
    keep = [start]
    missed = 0
    last = start
    anchor = date.fromordinal(_EPOCH + int(days[start])).day if cad.months else 0
    while True:
        found = -1
        for k, (lo_idx, hi_idx) in enumerate(windows, 1):
            i0, i1 = int(lo_idx[last]), int(hi_idx[last])
            if i0 >= i1:
                continue
            if i1 - i0 == 1:
                found = i0
            else:
                target = _month_target(days[last], k * cad.months, anchor) if cad.months else days[last] + k * cad.period
                cost = np.abs(days[i0:i1] - target) + 5.0 * np.abs(np.log(amt[i0:i1] / amt[last]))
                found = i0 + int(np.argmin(cost))
            missed += k - 1
            break
        if found < 0:
            return keep, missed
        keep.append(found)
        last = found


_EPOCH = date(1970, 1, 1).toordinal()


def _month_target(day: float, months: int, anchor: int) -> float:
    """Day number ``months`` calendar months after ``day``, on the stream's day of month (clamped)."""
    d = date.fromordinal(_EPOCH + int(day))
    m0 = d.month - 1 + months
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return float(date(y, m, min(anchor, calendar.monthrange(y, m)[1])).toordinal() - _EPOCH)


def _fit(days: np.ndarray, cad: Cadence) -> tuple[float, float]:
    """Fitted period (days) and RMS residual of chain dates against a regular grid."""
    if len(days) < 2:
        return cad.period, 0.0
    steps = np.maximum(1, np.round(np.diff(days) / cad.period))
    x = np.concatenate([[0.0], np.cumsum(steps)])
    if len(days) == 2:
        return float(days[1] - days[0]) / x[1], 0.0
    xm, ym = x.mean(), days.mean()
    slope = float(((x - xm) * (days - ym)).sum() / ((x - xm) ** 2).sum())
    resid = days - (ym + slope * (x - xm))
    return float(slope), float(np.sqrt(np.mean(resid**2)))


def _nearest_cadence(period: float, allowed: list[Cadence]) -> Cadence:
    return min(allowed, key=lambda c: abs(math.log(period / c.period)))


def _best_chain(days: np.ndarray, amt: np.ndarray) -> tuple[Cadence, np.ndarray, float, int] | None:
    """Longest regular chain among ``days`` (sorted): cadence, positions, residual, missed periods."""
    n = len(days)
    if n < 2:
        return None
    gaps = np.diff(days)
    span = days[-1] - days[0]
    cands = [c for c in CADENCES if c.lo <= span and ((gaps >= c.lo) & (gaps <= c.hi)).any()]
    if not cands:  # extras may hide every plain gap: fall back to the cadences the span allows
        cands = [c for c in CADENCES if c.lo <= span and span <= c.hi * n]
    best: tuple[float, Cadence, list[int], int] | None = None
    for cad in cands:
        windows = _windows(days, cad)
        for start in range(min(MAX_STARTS, n - 1)):
            keep, missed = _chain(days, amt, start, cad, windows)
            if len(keep) < 2:
                continue
            period, resid = _fit(days[keep], cad)
            score = len(keep) - 0.5 * missed - 0.1 * resid / cad.period
            if best is None or score > best[0]:
                best = (score, cad, keep, missed)
            if len(keep) == n - start and start == 0:
                break
    if best is None:
        return None
    _, cad, keep, missed = best
    idx = np.asarray(keep)
    period, resid = _fit(days[idx], cad)
    allowed = [c for c in CADENCES if c.lo <= period <= c.hi] or [cad]
    return _nearest_cadence(period, allowed), idx, resid, missed


def _extract(days: np.ndarray, amt: np.ndarray, exact: bool) -> list[tuple[Cadence, np.ndarray]]:
    """Pull regular chains out of one amount cluster until none is left; positions are local."""
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
        if len(pos) >= 3:
            if extras > (0 if exact else max(2, len(pos) // 2)) or not amounts_ok(amt[pos], days[pos], cad, missed):
                continue
        else:
            if extras or not _early_ok(days[pos], amt[pos], cad):
                continue
        accepted.append((cad, pos))
    return accepted


def steady_amounts(a: np.ndarray) -> bool:
    """Amounts of a subscription: mostly repeated, or drifting in small steps (exchange rate).

    Everyday shopping at one place varies much more from one visit to the next.
    """
    if len(a) < 2:
        return True
    step = np.abs(np.diff(np.log(a)))
    return bool(np.median(step) <= 0.025 and (step <= 0.04).mean() >= 0.6)


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
    gaps = np.diff(d)
    return any(((gaps >= c.lo) & (gaps <= c.hi)).mean() >= 0.6 for c in CADENCES)


def _early_ok(d: np.ndarray, a: np.ndarray, cad: Cadence) -> bool:
    """Two charges make an early stream only with equal amounts and an interval near the cadence."""
    if cad.period < 28:  # weekly rhythms need a third charge: two visits a week apart prove little
        return False
    gap = d[1] - d[0]
    tol = max(2.0, 0.04 * cad.period)
    return abs(a[1] - a[0]) < 0.005 and abs(gap - cad.period) <= tol + (1.5 if cad.months else 0)


def _clusters(amt: np.ndarray) -> list[np.ndarray]:
    """Positions of ``amt`` split where sorted neighbours differ by more than 6 %."""
    order = np.argsort(amt, kind="stable")
    la = np.log(amt[order])
    cuts = np.flatnonzero(np.diff(la) > CLUSTER_GAP) + 1
    return [np.sort(part) for part in np.split(order, cuts)]


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


# --------------------------------------------------------------------------- describing a stream


def _anchor_days(dates: pd.DatetimeIndex) -> list[int]:
    """Billing day(s) of month; 31 stands for 'last day of the month'."""
    dom = dates.day.to_numpy()
    month_end = (dates + pd.offsets.Day(1)).day.to_numpy() == 1
    if month_end.mean() >= 0.5 or ((dom >= 28).mean() >= 0.8 and month_end.any()):
        return [31]
    vals, counts = np.unique(dom, return_counts=True)
    return [int(vals[np.argmax(counts)])]


def _add_months(d: pd.Timestamp, months: int, day: int) -> pd.Timestamp:
    first = (d.replace(day=1) + pd.DateOffset(months=months)).normalize()
    return first.replace(day=min(day, first.days_in_month))


def next_expected(dates: pd.DatetimeIndex, cadence: str) -> pd.Timestamp:
    """Expected date of the charge after the last one in ``dates``."""
    cad = BY_NAME[cadence]
    last = dates[-1]
    if cad.months and len(dates) >= FIXED_DAYS_MIN:
        days = dates.to_numpy().astype("datetime64[D]").astype(np.int64).astype(float)
        if grid_deviations(days, cad).max() > GRID_TOL.get(cad.name, GRID_TOL_MONTHS):  # every N days
            return last + pd.Timedelta(days=round(float(np.median(np.diff(days)))))
    if cad.months:
        day = _anchor_days(dates)[0]
        nxt = _add_months(last, cad.months, day)
        if (nxt - last).days < cad.lo:  # last charge came late (weekend): the anchor is next period
            nxt = _add_months(last, 2 * cad.months, day)
        return nxt
    if cadence == "semi-monthly":
        dom = np.sort(dates.day.to_numpy())
        cut = int(np.argmax(np.diff(dom))) + 1 if len(np.unique(dom)) > 1 else len(dom)
        d1 = int(np.median(dom[:cut]))
        d2 = int(np.median(dom[cut:])) if cut < len(dom) else min(28, d1 + 15)
        for cand in (_add_months(last, m, d) for m in (0, 1, 2) for d in (d1, d2)):
            if (cand - last).days >= cad.lo:
                return cand
        return last + pd.Timedelta(days=round(cad.period))
    return last + pd.Timedelta(days=round(cad.period))


def price_changes(dates: pd.DatetimeIndex, amounts: np.ndarray, unit: str) -> list[dict]:
    """Lasting amount changes; small drift (exchange rate) is not a change."""
    n = len(amounts)
    if n < 2:
        return []
    drifting = len(np.unique(np.round(amounts, 2))) > 0.6 * n and n >= 4
    thr = 0.08 if drifting else 0.01
    out: list[dict] = []
    level = amounts[0]
    for i in range(1, n):
        a = amounts[i]
        if abs(a - level) / level <= thr:
            continue
        lasting = i == n - 1 or abs(amounts[i + 1] - a) / a <= thr
        if not lasting:
            continue
        out.append({
            "date": dates[i].date().isoformat(),
            "from": round(float(level), 2),
            "to": round(float(a), 2),
            "currency": unit,
            "change_pct": round(float(100.0 * (a - level) / level), 1),
            "kind": "trial_end" if i == 1 and level < 0.5 * a else ("increase" if a > level else "decrease"),
        })
        level = a
    return out


def _display_name(names: np.ndarray, key: str) -> str:
    """The descriptor most charges show, or the merchant key when IDs make every one differ."""
    counts = Counter(n for n in names if isinstance(n, str))
    if counts:
        name, c = counts.most_common(1)[0]
        if c >= 0.5 * len(names):
            return name
    return key


# --------------------------------------------------------------------------- entry point


def _with_descriptor_columns(tx: pd.DataFrame) -> pd.DataFrame:
    if all(c in tx.columns for c in DESCRIPTOR_COLUMNS):
        return tx
    from audit.descriptors import add_descriptor_columns

    return add_descriptor_columns(tx)


def charge_frame(tx: pd.DataFrame) -> pd.DataFrame:
    """Charges only, with ``amount_key`` (foreign amount when printed) and ``unit`` (its currency)."""
    ch = tx.loc[(tx["kind"] == "charge") & (tx["amount"] > 0) & tx["date"].notna()].copy()
    foreign = ch["original_amount"].notna() & (ch["original_amount"] > 0) & ch["original_currency"].notna()
    ch["amount_key"] = ch["original_amount"].where(foreign, ch["amount"]).astype("float64")
    ch["unit"] = ch["original_currency"].where(foreign, ch["currency"]).fillna("?").astype("str")
    key = ch["merchant_key"] if "merchant_key" in ch.columns else ch["description"]
    ch["merchant_key_out"] = key.fillna(ch["description"]).fillna("?").astype("str")
    ch["group_key"] = stream_keys(ch["merchant_key_out"])
    return ch


_MIXED_ID = re.compile(r"^(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,}$")  # 1JCR, Y34YCG, 490N1PS
_CODE = re.compile(r"^(?:[A-Z]{4,}|\d{2,}|[A-Z0-9]{4,})$")  # IHIEBSK, 151: an ID only when it keeps changing
_WEB_WORD = re.compile(r"(?:^| )COM(?= |$)")  # "APPLE COM BILL": a web address printed with spaces


def stream_keys(keys: pd.Series) -> pd.Series:
    """Merchant keys with a trailing reference-like token dropped, so descriptor variants group.

    ``merchant_key`` already drops long reference numbers; card networks also print shorter ones
    (``AMAZON PRIME*Y34YCG``, ``KINDLE SVCS*IHIEBSK``, ``GOOGLE *YouTube 1JCR g.co/helppay#``,
    ``APPLE COM BILL 151``). The last word is dropped when it mixes letters and digits (4+
    characters), or when it is a code (4+ letters, 2+ digits) that changes from charge to charge: at
    least two different ones, nearly one per charge with that start (80 %). A word that repeats
    (``NETFLIX BASIC``, ``SUBSCRIPTION SERVICE 12``) names a product and stays. A standalone ``COM``
    (a web address printed with spaces) is dropped too.
    """
    counts = keys.value_counts()
    out: dict[str, str] = {}
    codes: dict[str, list[tuple[str, int]]] = {}
    for key, n in counts.items():
        k = _WEB_WORD.sub("", str(key)).strip() or str(key)
        out[str(key)] = k
        head, _, tail = k.rpartition(" ")
        if not head or not any(c.isalpha() for c in head):
            continue
        if _MIXED_ID.match(tail):
            out[str(key)] = head
        if _CODE.match(tail):
            codes.setdefault(head, []).append((str(key), int(n)))
    for head, members in codes.items():
        total = sum(n for _, n in members)
        if len(members) >= 2 and len(members) >= 0.8 * total:
            for key, _ in members:
                out[key] = head
    return keys.map(out).astype("str")


COVER_GAP_CLOSE = 7  # days between two files' rows still taken as covered (rows rarely reach a period's edge)


def coverage_of(tx: pd.DataFrame, printed: Mapping[str, tuple[date, date]] | None = None) -> list[tuple[float, float]] | None:
    """Periods (day numbers, inclusive) the statements cover: per ``source`` file its first to last row
    date, widened to the file's printed statement period where ``printed`` has one; merged, with gaps of
    up to a week between files closed. None for one file (all covered)."""
    if "source" not in tx.columns or tx["date"].isna().all():
        return None
    src = tx.loc[tx["date"].notna() & tx["source"].notna()]
    if src["source"].nunique() < 2:
        return None
    g = src.groupby("source", observed=True)["date"].agg(["min", "max"])
    lo, hi = _day_numbers(g["min"]), _day_numbers(g["max"])
    for i, source in enumerate(g.index):
        if printed and source in printed:
            a, b = _day_numbers(printed[source])
            lo[i], hi[i] = min(lo[i], a), max(hi[i], b)
    return _merge_periods(list(zip(lo, hi, strict=True)), COVER_GAP_CLOSE)


def _day_numbers(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(list(values))).to_numpy().astype("datetime64[D]").astype(np.int64).astype(float)


def _merge_periods(periods: list[tuple[float, float]], close: float = 0.0) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(periods):
        if out and a <= out[-1][1] + 1 + close:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def longest_uncovered(d1: float, d2: float, periods: list[tuple[float, float]]) -> float:
    """Longest run of days strictly between ``d1`` and ``d2`` that no statement covers."""
    longest, cur = 0.0, d1
    for a, b in periods:
        if b <= cur:
            continue
        if a >= d2:
            break
        longest = max(longest, a - cur - 1)
        cur = max(cur, b)
    return max(longest, d2 - cur - 1, 0.0)


def split_uncovered(pos: np.ndarray, days: np.ndarray, amt: np.ndarray, cad: Cadence,
                    periods: list[tuple[float, float]]) -> list[np.ndarray]:
    """Split a stream where the statements leave more than half a period uncovered between two charges.

    A December statement and a June one show a monthly charge twice, six months apart: that is not a
    semi-annual rhythm, the months in between were simply not given. Pieces of 3+ charges stay; a piece
    of two only when it still passes as an early stream.
    """
    d = days[pos]
    cut = [i + 1 for i in range(len(pos) - 1) if longest_uncovered(d[i], d[i + 1], periods) > 0.5 * cad.period]
    if not cut:
        return [pos]
    pieces = np.split(pos, cut)
    return [p for p in pieces if len(p) >= 3 or (len(p) == 2 and _early_ok(days[p], amt[p], cad))]


def find_subscriptions(
    tx: pd.DataFrame, *, as_of: date | None = None, coverage: list[tuple[date, date]] | None = None,
    printed_periods: Mapping[str, tuple[date, date]] | None = None,
) -> list[Subscription]:
    """Recurring charge streams in ``tx`` (see the module docstring), sorted by merchant then first date.

    ``as_of`` (default: the latest date in ``tx``) decides whether a stream is still active: it is
    ended when no charge came within the grace period after the expected next date.

    ``coverage``: the periods (start, end dates) the statements cover; by default each ``source``
    file's first to last row date, widened to its printed statement period from ``printed_periods``
    (source -> (start, end)) where there is one. A stream is split where more than half its period
    between two charges lies outside every covered period (see :func:`split_uncovered`); gaps of up to
    a week between covered periods count as covered.
    """
    if tx.empty:
        return []
    tx = _with_descriptor_columns(tx)
    end = pd.Timestamp(as_of) if as_of is not None else tx["date"].max()
    ch = charge_frame(tx)
    if len(ch) < 2:
        return []
    codes, _ = pd.factorize(ch["group_key"])
    unit_codes, unit_names = pd.factorize(ch["unit"])
    days = ch["date"].to_numpy().astype("datetime64[D]").astype(np.int64).astype(float)
    amt = ch["amount_key"].to_numpy()
    order = np.lexsort((days, codes))
    sc = codes[order]
    bounds = np.flatnonzero(np.diff(sc)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(sc)]])
    big = (ends - starts) >= 2
    if coverage is not None:
        periods: list[tuple[float, float]] | None = _merge_periods(
            list(zip(_day_numbers(a for a, _ in coverage), _day_numbers(b for _, b in coverage), strict=True)),
            COVER_GAP_CLOSE)
    else:
        periods = coverage_of(tx, printed_periods)
    rows: list[tuple[np.ndarray, Cadence]] = []
    for s, e in zip(starts[big], ends[big], strict=True):
        g = order[s:e]
        for st in _group_streams(days[g], amt[g], unit_codes[g]):
            pieces = split_uncovered(g[st.pos], days, amt, st.cad, periods) if periods else [g[st.pos]]
            rows.extend((p, st.cad) for p in pieces)
    cols = _Columns.of(ch)
    subs = [_describe(cols, r, cad, end, str(unit_names[unit_codes[r[0]]])) for r, cad in rows]
    subs.sort(key=lambda s: (s.merchant, s.first_date))
    return subs


@dataclass
class _Columns:
    """The charge table's columns as plain arrays (fast to pick a stream's rows from)."""

    ids: np.ndarray
    dates: np.ndarray
    amount: np.ndarray
    amount_key: np.ndarray
    currency: np.ndarray
    names: np.ndarray
    keys: np.ndarray

    @classmethod
    def of(cls, ch: pd.DataFrame) -> _Columns:
        names = ch["descriptor_norm"] if "descriptor_norm" in ch.columns else ch["description"]
        obj = {c: s.astype(object).where(s.notna(), None).to_numpy()
               for c, s in (("ids", ch["id"]), ("currency", ch["currency"]), ("names", names),
                            ("keys", ch["merchant_key_out"]))}
        return cls(dates=ch["date"].to_numpy(), amount=ch["amount"].to_numpy(float),
                   amount_key=ch["amount_key"].to_numpy(float), **obj)


def _describe(c: _Columns, pos: np.ndarray, cad: Cadence, end: pd.Timestamp, unit: str) -> Subscription:
    dates = pd.DatetimeIndex(c.dates[pos])
    amounts = c.amount[pos]
    nxt = next_expected(dates, cad.name)
    active = end <= nxt + pd.Timedelta(days=grace_days(cad.name))
    key = Counter(str(k) for k in c.keys[pos]).most_common(1)[0][0]
    currency = Counter(x for x in c.currency[pos] if isinstance(x, str)).most_common(1)
    return Subscription(
        merchant=_display_name(c.names[pos], key),
        merchant_key=key,
        transaction_ids=[str(i) for i in c.ids[pos]],
        cadence=cad.name,
        charges=len(pos),
        total_paid=round(float(amounts.sum()), 2),
        currency=currency[0][0] if currency else "",
        first_date=dates[0].date().isoformat(),
        last_date=dates[-1].date().isoformat(),
        last_amount=round(float(amounts[-1]), 2),
        average_amount=round(float(amounts.mean()), 2),
        status="active" if active else "ended",
        early=len(pos) == 2,
        next_expected_date=nxt.date().isoformat() if active else None,
        next_expected_amount=round(float(amounts[-1]), 2) if active else None,
        price_changes=price_changes(dates, c.amount_key[pos], unit),
    )
