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
6. Coverage: when a card's statements cover separate periods (several files with a gap of a month or more
   between their rows), a stream is split where more than half a period between two charges is uncovered
   (:func:`split_uncovered`), so a monthly charge seen in a December and a June statement is not a
   semi-annual stream. Consecutive files (a silence under a month: no statement missing in between) are
   one covered period, so cutting a statement into files changes no stream.

7. Bills (:func:`audit.detection.streams._bill_stream`): before the amount clusters, a merchant whose
   amounts vary is searched for one monthly, bimonthly or quarterly chain on a day-of-month grid that
   explains three quarters of its charges, with amounts inside a 1:6 band that change slowly (electricity,
   gas, water, phone). Two charges a year apart at a merchant with nothing else are an annual renewal,
   even at a new price (an introductory price, then the list price).
8. Everyday shops (supermarkets, restaurants, fuel, pharmacies, rides; :func:`audit.detection.lexicon.everyday_like`)
   hold no bill and only fixed-price plans (four charges or more, the same to the cent).
9. Groups are (client, card, merchant): two people's or two cards' identical subscriptions are two streams
   (:func:`audit.detection.keys.owner_keys`; a missing client or card is one group).

The cadence is the one whose nominal period is nearest the fitted period of the chain. The pieces live in
:mod:`~audit.detection.cadence` (rhythms and grids), :mod:`~audit.detection.amounts`,
:mod:`~audit.detection.chains`, :mod:`~audit.detection.streams`, :mod:`~audit.detection.coverage` and
:mod:`~audit.detection.keys`. From 500,000 charges on, every group is searched in one compiled call up to the
joins (:mod:`~audit.detection.group_kernel`, :func:`audit.detection.chains.compiled`), with the same arithmetic;
a group whose answer could hang on the last bit of a log is searched by the Python code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from audit.detection import lexicon
from audit.detection.amounts import amounts_ok, steady_amounts
from audit.detection.cadence import (
    BY_NAME,
    CADENCES,
    Cadence,
    grace_days,
    grid_deviations,
    next_expected,
    regular_grid,
)
from audit.detection.chains import compiled
from audit.detection.coverage import (
    COVER_GAP_CLOSE,
    _day_numbers,
    _merge_periods,
    coverage_by_client,
    coverage_of,
    longest_uncovered,
    owner_ends,
    split_uncovered,
)
from audit.detection.describe import _Columns, _describe, price_changes
from audit.detection.keys import (
    _with_descriptor_columns,
    charge_arrays,
    charge_frame,
    owner_codes,
    stream_keys,
)
from audit.detection.streams import NOTHING, SEARCHED, _group_streams, searched_groups
from audit.model import Subscription

__all__ = [
    "BY_NAME", "CADENCES", "Cadence", "amounts_ok", "charge_frame", "coverage_of", "find_subscriptions",
    "grace_days", "grid_deviations", "longest_uncovered", "next_expected", "price_changes", "regular_grid",
    "split_uncovered", "steady_amounts", "stream_keys",
]



def find_subscriptions(
    tx: pd.DataFrame, *, as_of: date | None = None, coverage: list[tuple[date, date]] | None = None,
    printed_periods: Mapping[str, tuple[date, date]] | None = None,
) -> list[Subscription]:
    """The streams of :func:`rhythm_streams`, and one-charge streams for the plans seen once whose descriptor
    or amount shows their length (:func:`audit.detection.plans.plan_streams`); sorted by merchant then date."""
    from audit.detection.plans import plan_streams

    if tx.empty:
        return []
    tx = _with_descriptor_columns(tx)
    subs = rhythm_streams(tx, as_of=as_of, coverage=coverage, printed_periods=printed_periods)
    plans = plan_streams(tx, subs, as_of=as_of)
    return sorted(subs + plans, key=lambda s: (s.merchant, s.first_date)) if plans else subs


def rhythm_streams(
    tx: pd.DataFrame, *, as_of: date | None = None, coverage: list[tuple[date, date]] | None = None,
    printed_periods: Mapping[str, tuple[date, date]] | None = None,
) -> list[Subscription]:
    """Recurring charge streams in ``tx`` (see the module docstring), sorted by merchant then first date.

    ``as_of`` (default: the date the statements of the stream's own client and card reach, see
    :func:`audit.detection.coverage.owner_ends`) decides whether a stream is still active: it is ended when
    no charge came within the grace period after the expected next date.

    ``coverage``: the periods (start, end dates) the statements cover; by default, per client, each
    ``source`` file's first to last row date, widened to its printed statement period from
    ``printed_periods`` (source -> (start, end)) where there is one. A stream is split where more than
    half its period between two charges lies outside every covered period of its own card (see
    :func:`split_uncovered`); silences under a month between one card's files count as covered (consecutive
    statements: no statement can be missing in between).

    A table of several clients gives what each client's rows alone would give.
    """
    if tx.empty:
        return []
    tx = _with_descriptor_columns(tx)
    clients, _names = _client_codes(tx)
    owners = owner_codes(tx)
    n_owners = int(owners.max()) + 1 if len(owners) else 0
    if as_of is not None:
        end_of = np.array([pd.Timestamp(as_of)] * n_owners, dtype="datetime64[ns]")
    else:  # each card's own statements: another card's (or client's) later statements never end a stream
        end_of = owner_ends(tx, owners, n_owners, printed_periods)
    ch = charge_arrays(tx, clients, owners)
    if len(ch.pos) < 2:
        return []
    owner_card = owners[ch.pos]
    codes = ch.group
    everyday = np.array([lexicon.everyday_like(lexicon.fold(k)) for k in ch.group_key_names], dtype=bool)[ch.group_key]
    unit_codes, unit_names = ch.unit, ch.unit_names
    days = ch.days
    amt = ch.amount_key
    order = _by_group_and_day(codes, days)
    sc = codes[order]
    bounds = np.flatnonzero(np.diff(sc)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(sc)]])
    big = (ends - starts) >= 2
    if coverage is not None:
        periods: list[tuple[float, float]] | None = _merge_periods(
            list(zip(_day_numbers(a for a, _ in coverage), _day_numbers(b for _, b in coverage), strict=True)),
            COVER_GAP_CLOSE)
        covered = {c: periods for c in range(n_owners)}
    else:  # each card's own statements: another card's files say nothing of this card's charges
        covered = coverage_by_client(tx, owners, printed_periods)
    rows: list[tuple[np.ndarray, Cadence]] = []
    starts, ends = starts[big], ends[big]
    with compiled(len(ch.pos)):
        batch = searched_groups(days[order], amt[order], unit_codes[order], starts, ends, everyday[sc[starts]])
        todo = range(len(starts)) if batch is None else np.flatnonzero(batch.status != NOTHING).tolist()
        for i in todo:
            s, e = starts[i], ends[i]
            g = order[s:e]
            periods = covered.get(int(owner_card[g[0]]))
            if batch is not None and batch.status[i] == SEARCHED:
                found = batch.streams(i, days[g], amt[g], bool(everyday[sc[s]]))
            else:
                found = _group_streams(days[g], amt[g], unit_codes[g], bool(everyday[sc[s]]))
            for st in found:
                pieces = split_uncovered(g[st.pos], days, amt, st.cad, periods) if periods else [g[st.pos]]
                rows.extend((p, st.cad) for p in pieces)
    if not rows:
        return []
    needed = np.unique(np.concatenate([r for r, _ in rows]))  # only the streams' rows become Python values
    local = np.full(len(ch.pos), -1, dtype=np.int64)
    local[needed] = np.arange(len(needed))
    cols = _Columns.of(tx.iloc[ch.pos[needed]], ch.key_table[ch.key_index[needed]], amt[needed])
    owner_of = owners[ch.pos]
    subs = [_describe(cols, local[r], cad, end_of[owner_of[r[0]]], str(unit_names[unit_codes[r[0]]])) for r, cad in rows]
    subs.sort(key=lambda s: (s.merchant, s.first_date))
    return subs


def _client_codes(tx: pd.DataFrame, names: pd.Index | None = None) -> tuple[np.ndarray, pd.Index]:
    """Per row: a number for its client (0 for every row of a table without clients; a missing client is
    one client), and the client names by number (``names``: number by these instead)."""
    col = tx["client"].fillna("").astype(str) if "client" in tx.columns else pd.Series("", index=tx.index)
    if names is None:
        codes, uniq = pd.factorize(col, sort=True, use_na_sentinel=False)
        return codes.astype(np.int64), pd.Index(uniq)
    return names.get_indexer(col).astype(np.int64), names


def _by_group_and_day(codes: np.ndarray, days: np.ndarray) -> np.ndarray:
    """``np.lexsort((days, codes))`` (by group, then day; ties in row order) when the days are whole numbers: two
    stable radix sorts of 16-bit keys (by day, then by group) where days and groups fit in 16 bits, else one stable
    sort of a single integer key where that fits in 62 bits (always, for dates)."""
    if len(days) and np.isfinite(days).all() and (days == np.floor(days)).all():
        lo, hi = float(days.min()), float(days.max())
        width = int(hi - lo) + 1
        if width <= 2**16 and codes.min() >= 0 and int(codes.max()) < 2**16:
            by_day = np.argsort((days - lo).astype(np.uint16), kind="stable")
            return by_day[np.argsort(codes[by_day].astype(np.uint16), kind="stable")]
        if width * (int(codes.max()) + 1) < 2**62 and codes.min() >= 0:
            key = codes.astype(np.int64) * np.int64(width) + (days - lo).astype(np.int64)
            return np.argsort(key, kind="stable")
    return np.lexsort((days, codes))
