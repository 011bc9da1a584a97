"""Which periods the statements cover, and splitting a stream where they leave a gap."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from audit.detection.amounts import _early_ok
from audit.detection.cadence import Cadence

# Days between two files' rows still taken as covered. Rows rarely reach a statement period's edge, and a cut
# between two consecutive statements falls in a silence of the rows; a statement missing between two files
# leaves at least a whole month (28 days or more) without rows, so a shorter silence hides no statement.
COVER_GAP_CLOSE = 27


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


def coverage_by_client(tx: pd.DataFrame, clients: np.ndarray,
                       printed: Mapping[str, tuple[date, date]] | None = None) -> dict[int, list[tuple[float, float]]]:
    """The periods each group of rows is covered by, in one pass (``clients``: a group number per row of
    ``tx``; a client, or an owner, i.e. a client's card): the files the group's rows come from, each from its
    first to last row date (all its rows, whatever their card), widened to the file's printed period, merged
    with silences under a month closed (:data:`COVER_GAP_CLOSE`). Groups whose rows come from a single file
    (all covered) are left out. Files are told apart per client (two clients' files may share a name)."""
    if "source" not in tx.columns:
        return {}
    ok = (tx["date"].notna() & tx["source"].notna()).to_numpy()
    if not ok.any():
        return {}
    codes, sources = pd.factorize(tx["source"])
    if len(sources) < 2:  # one file: every group is covered throughout
        return {}
    who = (tx["client"].fillna("").astype(str) if "client" in tx.columns else pd.Series("", index=tx.index))
    person, _ = pd.factorize(who)
    dates = tx["date"].to_numpy()
    files = pd.DataFrame({"p": person[ok], "source": codes[ok], "date": dates[ok]})
    span = files.groupby(["p", "source"], sort=True)["date"].agg(["min", "max"])  # each file's rows, all cards
    lo_of = dict(zip(span.index, _day_numbers(span["min"]), strict=True))
    hi_of = dict(zip(span.index, _day_numbers(span["max"]), strict=True))
    if printed:
        for (p, src), _ in span.iterrows():
            got = printed.get(sources[src])
            if got is not None:
                a, b = _day_numbers(got)
                lo_of[p, src], hi_of[p, src] = min(lo_of[p, src], a), max(hi_of[p, src], b)
    pairs = pd.DataFrame({"g": clients[ok], "p": person[ok], "source": codes[ok]}).drop_duplicates()
    out: dict[int, list[tuple[float, float]]] = {}
    for g, part in pairs.groupby("g", sort=True):
        if len(part) < 2:
            continue
        spans = [(lo_of[p, src], hi_of[p, src]) for p, src in zip(part["p"], part["source"], strict=True)]
        out[int(g)] = _merge_periods(spans, COVER_GAP_CLOSE)
    return out


def owner_ends(tx: pd.DataFrame, owners: np.ndarray, n_owners: int,
               printed: Mapping[str, tuple[date, date]] | None = None) -> np.ndarray:
    """The date up to which each owner's (client and card's) statements reach, by owner number (``owners``:
    one per row of ``tx``): the latest end of the files its rows come from (a file's end is its last row's
    date, or its printed statement period's end when later), else its own latest row. Whether a stream is
    still running is judged against this, never against another card's statements that run later."""
    dates = tx["date"].to_numpy(dtype="datetime64[ns]")
    row_end = dates.copy()
    if "source" in tx.columns:
        codes, sources = pd.factorize(tx["source"])
        has = codes >= 0
        if has.any():
            file_end = pd.Series(dates[has]).groupby(codes[has]).max().reindex(range(len(sources)))
            ends = file_end.to_numpy(dtype="datetime64[ns]").copy()
            if printed:
                for i, source in enumerate(sources):
                    got = printed.get(source)
                    if got is not None:
                        stamp = np.datetime64(pd.Timestamp(got[1]), "ns")
                        ends[i] = stamp if np.isnat(ends[i]) else max(ends[i], stamp)
            row_end[has] = ends[codes[has]]
    out = pd.Series(row_end).groupby(owners).max().reindex(range(n_owners))
    return out.to_numpy(dtype="datetime64[ns]")


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


