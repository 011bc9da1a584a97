"""The recurring stage's shortcuts give what the plain steps give (generated inputs, edge cases included)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from audit.detection import chains
from audit.detection.cadence import CADENCES, next_expected, next_expected_day


def _streams(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    """Day numbers of charge runs: regular ones of every cadence (with jitter, month ends, gaps) and random ones."""
    out = []
    for _ in range(n):
        start = int(rng.integers(19000, 20500))
        kind = rng.integers(0, 4)
        size = int(rng.integers(1, 14))
        if kind == 0:  # a cadence with jitter
            cad = CADENCES[int(rng.integers(0, len(CADENCES)))]
            d = start + np.round(np.arange(size) * cad.period + rng.integers(-3, 4, size)).astype(np.int64)
        elif kind == 1:  # month ends
            months = pd.date_range(pd.Timestamp(start, unit="D"), periods=size, freq="ME")
            d = (months.to_numpy().astype("datetime64[D]") - np.datetime64(0, "D")).astype(np.int64)
        elif kind == 2:  # twice a month
            base = pd.Timestamp(start, unit="D").to_period("M").to_timestamp()
            firsts = pd.date_range(base, periods=size, freq="MS").to_numpy().astype("datetime64[D]")
            days = (firsts - np.datetime64(0, "D")).astype(np.int64)
            d = np.sort(np.concatenate([days + 4, days + 19]))
        else:  # anything
            d = np.sort(start + rng.integers(0, 700, size))
        out.append(np.sort(d).astype(np.int64))
    return out


def test_next_expected_day_equals_next_expected() -> None:
    rng = np.random.default_rng(7)
    for d in _streams(rng, 600):
        dates = pd.DatetimeIndex(d.astype("datetime64[D]").astype("datetime64[ns]"))
        for cad in CADENCES:
            want = next_expected(dates, cad.name)
            got = next_expected_day(d, cad.name)
            assert pd.Timestamp(np.datetime64(got, "D")) == want, (d.tolist(), cad.name)


def test_next_expected_day_one_charge() -> None:
    d = np.array([19800], dtype=np.int64)
    dates = pd.DatetimeIndex(d.astype("datetime64[D]"))
    for cad in CADENCES:
        assert pd.Timestamp(np.datetime64(next_expected_day(d, cad.name), "D")) == next_expected(dates, cad.name)


def _busy(rng: np.random.Generator, n: int, span: int, plant: str | None) -> tuple[np.ndarray, np.ndarray]:
    """A busy shop's cluster: ``n`` charges on random days of ``span`` with amounts in a narrow band, and a
    planted regular run (weekly or monthly, fixed price) when ``plant`` says so."""
    days = rng.integers(0, span, n).astype(float)
    amt = np.round(rng.uniform(1000, 1060, n))
    if plant is not None:
        step = 7.0 if plant == "weekly" else 30.0
        run = np.arange(0, span - step, step)
        days = np.concatenate([days, run])
        amt = np.concatenate([amt, np.full(len(run), 1030.0)])
    order = np.argsort(days, kind="stable")
    return days[order] + 19000.0, amt[order]


@pytest.mark.parametrize("plant", [None, "weekly", "monthly"])
def test_crowded_cluster_keeps_no_chain(plant: str | None) -> None:
    """Whenever the screen calls a cluster crowded, the full search keeps no chain there."""
    rng = np.random.default_rng(11)
    said = 0
    for n, span in [(70, 40), (200, 60), (400, 200), (300, 730), (900, 730), (1500, 730), (3000, 730), (80, 30),
                    (100, 3), (64, 12), (2500, 400)]:
        for _ in range(3):
            days, amt = _busy(rng, n, span, plant)
            if chains._crowded(days):
                said += 1
                with chains.compiled(0):
                    assert chains._extract(days, amt, exact=True) is not None  # exact searches are never screened
                    assert _unscreened(days, amt) == []
    assert said  # the screen does answer on busy clusters


def _unscreened(days: np.ndarray, amt: np.ndarray) -> list:
    original = chains._crowded
    chains._crowded = lambda d: False
    try:
        return chains._extract(days, amt, exact=False)
    finally:
        chains._crowded = original


def test_crowded_edge_cases() -> None:
    assert not chains._crowded(np.array([], dtype=float))
    assert not chains._crowded(np.array([19000.0]))
    assert not chains._crowded(np.full(500, 19000.0))  # one day: no stretch long enough for a chain
    assert not chains._crowded(np.linspace(19000.0, 19500.0, 300))  # not integral days: no answer
    sparse = np.arange(19000.0, 19000.0 + 7 * 100, 7)
    assert not chains._crowded(sparse)  # a weekly run is what a chain is


def test_crowded_spares_interleaved_chains() -> None:
    """Four weekly plans at one shop, a day apart, crowd every stretch, yet all four are kept: the screen must
    count the charges of every extracted chain, not of one."""
    weeks = np.arange(0.0, 730.0, 7.0)
    days = np.concatenate([weeks + k for k in range(4)]) + 19000.0
    amt = np.concatenate([np.full(len(weeks), 1000.0 + 10 * k) for k in range(4)])
    order = np.argsort(days, kind="stable")
    days, amt = days[order], amt[order]
    with chains.compiled(0):
        kept = _unscreened(days, amt)
    assert len(kept) == 4
    assert not chains._crowded(days)


def _crowded_by_pairs(days: np.ndarray) -> bool:
    """The rule :func:`chains._crowded` proves, checked pair by pair: every stretch from a charge to a later one
    (three chain charges apart at least) holds more charges than ``MAX_CHAINS`` chains and a kept chain's
    extras could."""
    n = len(days)
    for i in range(n):
        for j in range(i + 1, n):
            s = days[j] - days[i]
            if s < 2 * chains.STEP_MIN:
                continue
            f = int(s // chains.STEP_MIN) + 1
            held = int(((days >= days[i]) & (days <= days[j])).sum())
            if held <= chains.MAX_CHAINS * f + max(2, f // 2):
                return False
    return True


def test_crowded_only_where_every_stretch_is() -> None:
    rng = np.random.default_rng(3)
    answered = 0
    for n, span in [(64, 10), (120, 60), (150, 100), (200, 150), (200, 120), (100, 40), (90, 30), (140, 80)]:
        for _ in range(6):
            days = np.sort(rng.integers(0, span + 1, n)).astype(float) + 19000.0
            if chains._crowded(days):
                answered += 1
                assert _crowded_by_pairs(days)
    assert answered
