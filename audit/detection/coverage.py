"""Which periods the statements cover, and splitting a stream where they leave a gap."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from audit.detection.amounts import _early_ok
from audit.detection.cadence import Cadence

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


def coverage_by_client(tx: pd.DataFrame, clients: np.ndarray,
                       printed: Mapping[str, tuple[date, date]] | None = None) -> dict[int, list[tuple[float, float]]]:
    """:func:`coverage_of` for each client (``clients``: a client number per row of ``tx``), in one pass;
    clients whose rows come from a single file (all covered) are left out."""
    if "source" not in tx.columns:
        return {}
    ok = (tx["date"].notna() & tx["source"].notna()).to_numpy()
    if not ok.any():
        return {}
    codes, sources = pd.factorize(tx["source"])
    if len(sources) < 2:  # one file: every client is covered throughout
        return {}
    df = pd.DataFrame({"c": clients[ok], "source": codes[ok], "date": tx["date"].to_numpy()[ok]})
    g = df.groupby(["c", "source"], sort=True)["date"].agg(["min", "max"])
    level = g.index.get_level_values(0).to_numpy()
    several = pd.Series(level).value_counts()
    out: dict[int, list[tuple[float, float]]] = {}
    for c in sorted(int(x) for x in several[several >= 2].index):
        part = g.loc[c]
        lo, hi = _day_numbers(part["min"]), _day_numbers(part["max"])
        for i, source in enumerate(sources[part.index.to_numpy()]):
            if printed and source in printed:
                a, b = _day_numbers(printed[source])
                lo[i], hi[i] = min(lo[i], a), max(hi[i], b)
        out[c] = _merge_periods(list(zip(lo, hi, strict=True)), COVER_GAP_CLOSE)
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


