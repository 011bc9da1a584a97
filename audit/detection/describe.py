"""A found stream as a :class:`~audit.model.Subscription`: its figures, status, next charge and price changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from audit.detection.cadence import Cadence, grace_days, next_expected, next_expected_day
from audit.model import Subscription


def price_changes(dates: pd.DatetimeIndex, amounts: np.ndarray, unit: str) -> list[dict]:
    """Lasting amount changes; small drift (exchange rate) is not a change."""
    return _price_changes(_LazyIso(dates), amounts, unit)


class _LazyIso:
    """The ISO dates of a DatetimeIndex, made one at a time when asked for."""

    def __init__(self, dates: pd.DatetimeIndex) -> None:
        self.dates = dates

    def __getitem__(self, i: int) -> str:
        return self.dates[i].date().isoformat()


def _price_changes(iso: Sequence[str] | _LazyIso, amounts: np.ndarray, unit: str) -> list[dict]:
    """:func:`price_changes` with the charges' dates given as ISO texts."""
    n = len(amounts)
    if n < 2:
        return []
    drifting = len(np.unique(np.round(amounts, 2))) > 0.6 * n and n >= 4
    thr = 0.08 if drifting else 0.01
    out: list[dict] = []
    amounts = np.asarray(amounts, dtype=float).tolist()  # the same float arithmetic on Python floats, without numpy's per-scalar cost
    level = amounts[0]
    for i in range(1, n):
        a = amounts[i]
        if abs(a - level) / level <= thr:
            continue
        lasting = i == n - 1 or abs(amounts[i + 1] - a) / a <= thr
        if not lasting:
            continue
        out.append({
            "date": iso[i],
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


_FIRST_DAY = (np.datetime64("1000-01-01", "D") - np.datetime64(0, "D")).astype(np.int64)
_LAST_DAY = (np.datetime64("9999-12-31", "D") - np.datetime64(0, "D")).astype(np.int64)


@dataclass
class _Columns:
    """The charge table's columns as plain arrays (fast to pick a stream's rows from).

    ``day`` and ``iso`` (day numbers and ISO dates) are filled when every date is a midnight of the years
    1000 to 9999 (statement dates): a stream is then described from them without a Timestamp per charge."""

    ids: np.ndarray
    dates: np.ndarray
    amount: np.ndarray
    amount_key: np.ndarray
    currency: np.ndarray
    names: np.ndarray
    keys: np.ndarray
    day: np.ndarray | None = None
    iso: np.ndarray | None = None

    @classmethod
    def of(cls, rows: pd.DataFrame, keys: np.ndarray, amount_key: np.ndarray) -> _Columns:
        """The stream charges' columns: ``rows`` of the table, their merchant keys and amount keys."""
        names = rows["descriptor_norm"] if "descriptor_norm" in rows.columns else rows["description"]
        obj = {c: s.astype(object).where(s.notna(), None).to_numpy()
               for c, s in (("ids", rows["id"]), ("currency", rows["currency"]), ("names", names))}
        dates = rows["date"].to_numpy()
        day = iso = None
        whole = dates.astype("datetime64[D]")
        if len(dates) and (whole == dates).all():
            day = (whole - np.datetime64(0, "D")).astype(np.int64)
            if day.min() >= _FIRST_DAY and day.max() <= _LAST_DAY:
                iso = np.datetime_as_string(whole, unit="D").astype(object)
            else:
                day = None
        return cls(dates=dates, amount=rows["amount"].to_numpy(float), amount_key=amount_key, keys=keys,
                   day=day, iso=iso, **obj)


_GRACE: dict[str, np.timedelta64] = {}


def _grace(cadence: str) -> np.timedelta64:
    got = _GRACE.get(cadence)
    if got is None:
        got = _GRACE[cadence] = pd.Timedelta(days=grace_days(cadence)).to_timedelta64()
    return got


def _describe(c: _Columns, pos: np.ndarray, cad: Cadence, end: np.datetime64, unit: str) -> Subscription:
    """The stream of charges ``pos`` (in date order) as a Subscription; ``end``: the date its card's
    statements reach (a stream with no charge in the grace period after its next expected date has ended)."""
    amounts = c.amount[pos]
    key = Counter(str(k) for k in c.keys[pos]).most_common(1)[0][0]
    currency = Counter(x for x in c.currency[pos] if isinstance(x, str)).most_common(1)
    if c.day is not None and c.iso is not None:
        nxt_day = next_expected_day(c.day[pos], cad.name)
        nxt = np.datetime64(nxt_day, "D").astype("datetime64[ns]")
        active = bool(np.datetime64(end, "ns") <= nxt + _grace(cad.name))
        iso = c.iso[pos].tolist()
        first, last, nxt_iso = iso[0], iso[-1], str(np.datetime64(nxt_day, "D"))
        changes = _price_changes(iso, c.amount_key[pos], unit)
    else:
        dates = pd.DatetimeIndex(c.dates[pos])
        stamp = next_expected(dates, cad.name)
        active = bool(pd.Timestamp(end) <= stamp + pd.Timedelta(days=grace_days(cad.name)))
        first, last, nxt_iso = dates[0].date().isoformat(), dates[-1].date().isoformat(), stamp.date().isoformat()
        changes = price_changes(dates, c.amount_key[pos], unit)
    return Subscription(
        merchant=_display_name(c.names[pos], key),
        merchant_key=key,
        transaction_ids=[str(i) for i in c.ids[pos]],
        cadence=cad.name,
        charges=len(pos),
        total_paid=round(float(amounts.sum()), 2),
        currency=currency[0][0] if currency else "",
        first_date=first,
        last_date=last,
        last_amount=round(float(amounts[-1]), 2),
        average_amount=round(float(amounts.mean()), 2),
        status="active" if active else "ended",
        early=len(pos) == 2,
        next_expected_date=nxt_iso if active else None,
        next_expected_amount=round(float(amounts[-1]), 2) if active else None,
        price_changes=changes,
    )
