"""The compiled chain search gives what the Python one gives (same chains, residuals, missed periods)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numba")

from audit.detection import chain_kernel as kernel
from audit.detection import chains
from audit.detection.cadence import BY_NAME, CADENCES, _month_target
from audit.detection.streams import BILL_CADENCES


def _kernel(days: np.ndarray, amt: np.ndarray, cadences=CADENCES):
    chains._STATE["kernel"] = chains._load_kernel()
    try:
        return chains._kernel_best_chain(days, amt, cadences)
    finally:
        chains._STATE["kernel"] = None


def _same(py, kg) -> bool:
    if py is None or kg is None:
        return py is kg
    return (py[0] is kg[0] and np.array_equal(py[1], kg[1]) and py[1].dtype == kg[1].dtype
            and py[2] == kg[2] and py[3] == kg[3])


def _group(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A stream on one cadence with jitter, skipped periods and extra charges around it."""
    cad = CADENCES[int(rng.integers(len(CADENCES)))]
    n = int(rng.integers(2, 30))
    start = float(rng.integers(18000, 20500))
    days = start + np.round(np.arange(n) * cad.period + rng.integers(-2, 3, n))
    days = days[rng.random(n) > 0.1]
    extra = start + rng.integers(0, int(n * cad.period) + 10, int(rng.integers(0, 3 * n + 1)))
    days = np.sort(np.concatenate([days, extra.astype(float)]))
    price = float(rng.choice([980.0, 1490.0, 9.99, 2189.0]))
    amt = np.where(rng.random(len(days)) < 0.7, price, np.round(price * rng.uniform(0.8, 1.25, len(days)), 2))
    if rng.random() < 0.3:  # equal amounts on both sides of the target: exact ties
        amt[:] = price
    return days, amt


def test_kernel_matches_python_search_on_generated_groups():
    rng = np.random.default_rng(7)
    unsure = 0
    for _ in range(1500):
        days, amt = _group(rng)
        for cadences in (CADENCES, BILL_CADENCES):
            py = chains._python_best_chain(days, amt, cadences)
            kg = _kernel(days, amt, cadences)
            if kg is chains._UNSURE:
                unsure += 1
                continue
            assert _same(py, kg), (days, amt, py, kg)
    assert unsure < 15  # near ties of costs are rare; those are handed back to the Python search


def test_month_target_and_sums_as_python_computes_them():
    for day in range(-800, 24000, 37):
        for months in (1, 2, 3, 6, 12, 24):
            for anchor in (1, 15, 28, 29, 30, 31):
                assert kernel._month_target(float(day), months, anchor) == _month_target(float(day), months, anchor)
    rng = np.random.default_rng(3)
    for n in [*range(0, 140), 255, 256, 1000, 4097]:
        a = rng.normal(0, 1, n) * 10.0 ** rng.integers(-3, 5, n)
        assert kernel._pairwise_sum(a) == a.sum()
    assert kernel._round_half_even(2.5) == 2.0 and kernel._round_half_even(3.5) == 4.0


def test_a_near_tie_is_handed_back_and_the_switch_works(monkeypatch):
    # two candidates a day either side of the target, at 0.8 and 1.25 times the last amount: the two log
    # terms are equal up to the last bit, so which one wins depends on how the log is computed
    monthly = (BY_NAME["monthly"],)
    start = 19000.0
    target = _month_target(start, 1, 8)  # 19000 is the 8th of a month
    days = np.array([start, target - 1, target + 1])
    amt = np.array([1000.0, 800.0, 1250.0])
    assert _kernel(days, amt, monthly) is chains._UNSURE
    monkeypatch.setenv("AUDIT_CHAIN_KERNEL", "1")
    with chains.compiled(0) as on:
        assert on
        assert _same(chains._best_chain(days, amt, monthly), chains._python_best_chain(days, amt, monthly))
    assert chains._STATE["kernel"] is None
    monkeypatch.setenv("AUDIT_CHAIN_KERNEL", "0")
    with chains.compiled(10**9) as on:
        assert not on


def test_no_writable_cache_directory_means_the_python_search(monkeypatch):
    import sys

    from numba.core import caching

    import audit.detection

    monkeypatch.setattr(caching.CacheImpl, "_locator_classes", [])  # numba finds nowhere to keep its code
    monkeypatch.delitem(sys.modules, "audit.detection.chain_kernel")
    monkeypatch.delattr(audit.detection, "chain_kernel")
    monkeypatch.setitem(chains._STATE, "loaded", None)
    monkeypatch.setenv("AUDIT_CHAIN_KERNEL", "1")
    with chains.compiled(10**9) as on:
        assert not on
        days, amt = np.array([19000.0, 19031.0, 19059.0]), np.array([980.0, 980.0, 980.0])
        assert _same(chains._best_chain(days, amt), chains._python_best_chain(days, amt))


def test_extraction_kernel_matches_python_extraction():
    rng = np.random.default_rng(11)
    checked = unsure = found = 0
    for i in range(1500):
        days, amt = _group(rng)
        if rng.random() < 0.3:  # a busier cluster: several streams and a drifting price
            more, more_amt = _group(rng)
            days = np.concatenate([days, more + float(rng.integers(-60, 60))])
            amt = np.concatenate([amt, more_amt * float(rng.choice([1.0, 1.03]))])
            order = np.argsort(days, kind="stable")
            days, amt = days[order], amt[order]
        exact = i % 4 == 0
        chains._STATE["kernel"] = None
        want = chains._extract(days, amt, exact)
        chains._STATE["kernel"] = chains._load_kernel()
        try:
            got = chains._kernel_extract(days, amt, exact)
        finally:
            chains._STATE["kernel"] = None
        if got is chains._UNSURE:
            unsure += 1
            continue
        checked += 1
        assert [(c.name, p.tolist()) for c, p in got] == [(c.name, p.tolist()) for c, p in want], (days, amt, exact)
        found += len(want)
    assert unsure < 15 and found > 100, (unsure, found)
