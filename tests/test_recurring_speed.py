"""The recurring stage's shortcuts give what the plain steps give (generated inputs, edge cases included)."""

from __future__ import annotations

from itertools import pairwise

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


def _reference_group_streams(days, amt, unit, everyday=False):
    """``streams._group_streams`` as it was written before its shortcuts (one pass per unit, every run of one
    exact amount through ``regular_runs``), run with the crowded-cluster screen off."""
    from audit.detection import streams as st
    from audit.detection.amounts import _clusters, _may_hold_stream, regular_runs, steady_amounts

    out = []
    for u in np.unique(unit):
        upos = np.flatnonzero(unit == u)
        if len(upos) < 2:
            continue
        found = []
        used = np.zeros(len(upos), dtype=bool)
        if not everyday and st._may_be_bill(days[upos]) and not steady_amounts(amt[upos]):
            bill = st._bill_stream(days[upos], amt[upos])
            if bill is not None:
                found.append(bill)
                used[bill.pos] = True
        elif (not everyday and len(upos) == st.SHORT_BILL and not steady_amounts(amt[upos])
              and st._short_bill(days[upos], amt[upos])):
            found.append(st._Stream(st.BY_NAME["monthly"], np.arange(st.SHORT_BILL)))
            used[:] = True
        if not everyday and len(upos) == 2 and st._annual_renewal(days[upos], amt[upos]):
            found.append(st._Stream(st.BY_NAME["annual"], np.arange(2)))
            used[:] = True
        for cl in _clusters(amt[upos], min_size=2):
            cl = cl[~used[cl]]
            if not _may_hold_stream(amt[upos[cl]]):
                continue
            for cad, p in _unscreened(days[upos[cl]], amt[upos[cl]]):
                found.append(st._Stream(cad, cl[p]))
                used[cl[p]] = True
            left = cl[~used[cl]]
            if len(left) >= chains.EXACT_MIN:
                keys = np.round(amt[upos[left]], 2)
                order = np.argsort(keys, kind="stable")
                cuts = np.flatnonzero(np.diff(keys[order])) + 1
                edges = np.concatenate([[0], cuts, [len(order)]])
                regular = regular_runs(days[upos[left[order]]], edges) & (np.diff(edges) >= chains.EXACT_MIN)
                for r in np.flatnonzero(regular).tolist():
                    sub = left[order[edges[r]:edges[r + 1]]]
                    for cad, p in chains._extract(days[upos[sub]], amt[upos[sub]], exact=True):
                        found.append(st._Stream(cad, sub[p]))
                        used[sub[p]] = True
        if not found:
            continue
        found = st._join(found, days[upos], amt[upos], used)
        found = st._drop_chance_repeats(found, amt[upos], used)
        found = [s for s in found if st._quiet_enough(s, days[upos], amt[upos], days[upos[~used]])]
        if everyday:
            found = [s for s in found if st._fixed_price(amt[upos[s.pos]])]
        out.extend(st._Stream(s.cad, upos[s.pos]) for s in found)
    return out


def _group(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One merchant group: a busy shop's purchases (some at one fixed price), plans of several cadences,
    a bill, in one or two units; sometimes nearly empty."""
    parts_d, parts_a = [], []
    n_shop = int(rng.choice([0, 2, 5, 30, 200, 900]))
    span = int(rng.choice([60, 365, 730]))
    parts_d.append(rng.integers(0, span, n_shop).astype(float))
    parts_a.append(np.round(rng.lognormal(7.0, float(rng.choice([0.05, 0.6])), n_shop)))
    for _ in range(int(rng.integers(0, 3))):
        cad = CADENCES[int(rng.integers(0, len(CADENCES)))]
        k = int(rng.integers(2, 20))
        start = int(rng.integers(0, 60))
        d = start + np.round(np.arange(k) * cad.period) + rng.integers(-1, 2, k)
        price = float(rng.choice([980.0, 1490.0, 4980.0]))
        a = np.full(k, price) * np.where(np.arange(k) >= k // 2, float(rng.choice([1.0, 1.2])), 1.0)
        parts_d.append(d.astype(float))
        parts_a.append(np.round(a, 2))
    if n_shop >= 30 and rng.random() < 0.5:  # a fixed-price membership among the shop's purchases
        k = int(rng.integers(6, 10))
        step = float(rng.choice([7.0, 30.44]))
        parts_d.append(float(rng.integers(0, 30)) + np.round(np.arange(k) * step))
        parts_a.append(np.full(k, 1100.0))
    if rng.random() < 0.2:  # a utility bill: monthly, varying amounts
        k = int(rng.integers(4, 14))
        parts_d.append(10.0 + np.round(np.arange(k) * 30.44))
        parts_a.append(np.round(rng.uniform(3000, 9000, k)))
    days = np.concatenate(parts_d) + 19500.0
    amt = np.concatenate(parts_a)
    unit = (rng.random(len(days)) < (0.3 if rng.random() < 0.3 else 0.0)).astype(np.int64)
    order = np.argsort(days, kind="stable")
    return days[order], amt[order], unit[order]


def test_group_streams_equal_the_reference() -> None:
    from audit.detection.streams import _group_streams

    rng = np.random.default_rng(5)
    found = 0
    with chains.compiled(0):
        for i in range(160):
            days, amt, unit = _group(rng)
            if len(days) < 2:
                continue
            everyday = i % 5 == 0
            got = [(s.cad.name, s.pos.tolist()) for s in _group_streams(days, amt, unit, everyday)]
            want = [(s.cad.name, s.pos.tolist()) for s in _reference_group_streams(days, amt, unit, everyday)]
            assert got == want, i
            found += len(got)
    assert found


def test_by_exact_amount_is_a_stable_sort_by_cent() -> None:
    from audit.detection.streams import _by_exact_amount

    rng = np.random.default_rng(9)
    for _ in range(300):
        n = int(rng.integers(1, 40))
        amt = rng.choice([1.001, 1.004, 0.996, 2.0, 2.004, 3.0, 1000.0, 1000.004], n)
        if rng.random() < 0.5:
            amt = np.round(rng.uniform(1, 3, n), 3)
        left = np.sort(rng.choice(np.arange(n + 5), n, replace=False))
        full = np.zeros(n + 5)
        full[left] = amt
        by_amount = left[np.argsort(full[left], kind="stable")]
        want = left[np.argsort(np.round(full[left], 2), kind="stable")]
        assert _by_exact_amount(left, by_amount, full).tolist() == want.tolist()


def _regular_runs_by_rows(d: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """``regular_runs`` one run at a time, with ``_regular_gaps``."""
    from audit.detection.amounts import _regular_gaps

    return np.array([_regular_gaps(d[a:b]) for a, b in pairwise(edges)], dtype=bool)


def test_regular_runs_equal_run_by_run() -> None:
    from audit.detection.amounts import regular_runs

    rng = np.random.default_rng(4)
    for _ in range(300):
        sizes = rng.integers(1, 12, int(rng.integers(1, 8)))  # runs are never empty
        runs = []
        for s in sizes:
            step = float(rng.choice([7.0, 14.0, 30.0, 91.0, 3.0]))
            runs.append(np.sort(np.round(np.arange(s) * step + rng.integers(-4, 5, s))).astype(float))
        d = np.concatenate(runs) if runs else np.zeros(0)
        edges = np.concatenate([[0], np.cumsum(sizes)])
        assert regular_runs(d, edges).tolist() == _regular_runs_by_rows(d, edges).tolist()


def _search_group(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A stream on one cadence with jitter, skips and extra charges; often equal amounts (exact cost ties)."""
    cad = CADENCES[int(rng.integers(len(CADENCES)))]
    n = int(rng.integers(2, 30))
    start = float(rng.integers(18000, 20500))
    days = start + np.round(np.arange(n) * cad.period + rng.integers(-2, 3, n))
    extra = start + rng.integers(0, int(n * cad.period) + 10, int(rng.integers(0, 3 * n + 1)))
    days = np.sort(np.concatenate([days, extra.astype(float)]))
    price = float(rng.choice([980.0, 1490.0, 9.99, 2189.0]))
    amt = np.where(rng.random(len(days)) < 0.7, price, np.round(price * rng.uniform(0.8, 1.25, len(days)), 2))
    if rng.random() < 0.3:
        amt[:] = price
    return days, amt


def test_python_step_costs_equal_numpy_ones() -> None:
    """The chain search with each step's costs summed in Python gives what numpy's costs give."""
    from audit.detection.streams import BILL_CADENCES

    rng = np.random.default_rng(12)
    for _ in range(800):
        days, amt = _search_group(rng)
        for cadences in (CADENCES, BILL_CADENCES):
            chains._STEP["python"] = False
            try:
                want = chains._python_best_chain(days, amt, cadences)
            finally:
                chains._STEP["python"] = True
            got = chains._python_best_chain(days, amt, cadences)
            if want is None:
                assert got is None
                continue
            assert got[0] is want[0] and got[1].tolist() == want[1].tolist() and got[2:] == want[2:]


def test_nearest_answers_as_argmin_or_not_at_all() -> None:
    rng = np.random.default_rng(13)
    for _ in range(3000):
        n = int(rng.integers(2, 7))
        dl = sorted(float(x) for x in rng.integers(0, 20, n))
        al = [float(x) for x in rng.choice([100.0, 100.5, 101.0, 99.0], n)]
        last = int(rng.integers(0, n))
        target = float(rng.integers(0, 20)) + float(rng.choice([0.0, 0.5]))
        got = chains._nearest(dl, al, 0, n, target, last)
        cost = np.abs(np.array(dl) - target) + 5.0 * np.abs(np.log(np.array(al) / al[last]))
        assert got in (-1, int(cost.argmin()))
        if len(set(al)) == 1:
            assert got == int(cost.argmin())  # equal amounts: ties are exact, never unsure


def test_counted_uniques_equal_sorted_ones() -> None:
    from audit.detection.keys import _unique_codes, _unique_counts

    rng = np.random.default_rng(30)
    for size in (1, 5, 300, 5000):
        for n in (0, 1, 7, 2000):
            codes = rng.integers(0, size, n)
            u, inv = _unique_codes(codes, size)
            wu, winv = np.unique(codes, return_inverse=True)
            assert u.tolist() == wu.tolist() and inv.tolist() == winv.tolist()
            for room in (size, size * 50):  # counted, and sorted when the range is wide
                got = _unique_counts(codes, room)
                want = np.unique(codes, return_counts=True)
                assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist()


def test_by_group_and_day_equals_lexsort() -> None:
    from audit.detection.recurring import _by_group_and_day

    rng = np.random.default_rng(31)
    for n in (0, 1, 2, 50, 3000):
        for codes in (rng.integers(0, 40, n), rng.integers(0, 70_000, n)):  # 16-bit radix sorts, or one key
            for days in (rng.integers(-400, 800, n).astype(float), rng.integers(0, 3, n) + 0.5,
                         np.full(n, 19000.0), rng.integers(-40_000, 40_000, n).astype(float)):
                assert _by_group_and_day(codes, days).tolist() == np.lexsort((days, codes)).tolist()


def test_charge_arrays_equal_charge_frame() -> None:
    """The charge arrays agree with the charge frame value for value: amounts and units (foreign or billed),
    merchant keys and (card holder, stream key) groups, with clients, cards, currencies and gaps mixed."""
    from audit.descriptors import add_descriptor_columns
    from audit.detection.keys import charge_arrays, charge_frame, owner_codes
    from audit.detection.recurring import _client_codes

    rng = np.random.default_rng(32)
    for foreign_share in (0.0, 0.3):
        n = 400
        names = np.array(["NETFLIX.COM", "AMAZON PRIME*Y34YCG", "AMAZON PRIME*Q8ZZ1P", "SPOTIFY P0A1B2C3",
                          "LAWSON 123", "APPLE COM BILL 151", "APPLE COM BILL 152"], dtype=object)
        tx = pd.DataFrame({
            "id": [f"r{i}" for i in range(n)], "source": "s.csv",
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
            "description": names[rng.integers(0, len(names), n)],
            "amount": np.round(rng.choice([980.0, 1490.0, -500.0, 0.0, 12.5], n), 2),
            "currency": rng.choice(["JPY", "USD", None], n),
            "original_amount": np.where(rng.random(n) < foreign_share, rng.choice([9.99, 0.0, np.nan], n), np.nan),
            "original_currency": rng.choice(["USD", "EUR", None], n),
            "card": rng.choice(["1234", "9999", None], n), "client": rng.choice(["a", "b", None], n),
            "kind": rng.choice(["charge", "charge", "refund"], n),
        })
        tx.loc[rng.random(n) < 0.05, "date"] = pd.NaT
        tx = add_descriptor_columns(tx)
        frame = charge_frame(tx)
        clients, _ = _client_codes(tx)
        ch = charge_arrays(tx, clients, owner_codes(tx))
        assert tx.index[ch.pos].tolist() == frame.index.tolist()
        assert np.array_equal(ch.amount_key, frame["amount_key"].to_numpy())
        assert ch.unit_names[ch.unit].tolist() == frame["unit"].tolist()
        assert ch.key_table[ch.key_index].tolist() == frame["merchant_key_out"].tolist()
        joined = (frame["owner"] + "\\x1e" + frame["group_key"]).to_numpy()
        codes, _ = pd.factorize(joined)
        assert ch.group.tolist() == codes.tolist()
        assert ch.group_key_names[ch.group_key[ch.group]].tolist() == frame["group_key"].tolist()


def test_renewing_many_equals_renewing_merchant() -> None:
    """Plans: the bulk renewing test answers as the per-name one on generated names (brand names and forms,
    support words, widths), the test data's statement texts and security vendors' own descriptors."""
    from test_bulk_search import _generated, _statement_names

    from audit.detection.plans import renewing_many, renewing_merchant

    vendors = ["NORTON *NYJFRDGT", "NORTONLIFELOCK", "MCAFEE.COM", "MCAFEE SUPPORT", "TREND MICRO", "ESET NOD32",
               "KASPERSKY LAB", "AVAST SOFTWARE", "BITDEFENDER", "MALWAREBYTES", "WEBROOT", "AVIRA", "SOPHOS",
               "F-SECURE", "ﾉｰﾄﾝ", "マカフィー", "トレンドマイクロ", "ウイルスバスター", "GOOGLE*AVAST MOBILE SECURITY"]
    names = _generated(2500, seed=11) + _statement_names(3000) + vendors
    want = [renewing_merchant(n) for n in names]
    assert renewing_many(names).tolist() == want
    clean = [n for n in names if n.isprintable() and not any(0xD800 <= ord(c) <= 0xDFFF for c in n)]
    assert renewing_many(clean).tolist() == [renewing_merchant(n) for n in clean]  # the Arrow filters in use
    assert renewing_many(vendors).tolist() == [renewing_merchant(n) for n in vendors]
    assert sum(want) >= 5  # renewing names are in the mix
    assert renewing_many([]).tolist() == []


def test_plan_months_many_equals_plan_months() -> None:
    from test_bulk_search import _generated, _statement_names

    from audit.detection.plans import plan_months, plan_months_many

    lengths = ["NORTON 3年", "ｳｲﾙｽﾊﾞｽﾀｰ ５ﾈﾝ", "ジュウネン プラン", "ANTIVIRUS 1YR", "2 YEAR PLAN", "5YRS", "ANNUAL FEE",
               "年会費", "ネンガク", "24ヶ月", "12 MONTHS", "LIFETIME 3 YEARS", "永久ライセンス", "6 MOS", "10年"]
    names = _generated(2500, seed=12) + _statement_names(3000) + lengths
    clean = [n for n in names if n.isprintable() and not any(0xD800 <= ord(c) <= 0xDFFF for c in n)]
    for texts in (names, clean, lengths):
        want = [plan_months(n) or 0 for n in texts]
        assert plan_months_many(texts).tolist() == want
    assert sum(1 for n in lengths if plan_months(n)) >= 10
    assert plan_months_many([]).tolist() == []


def test_group_batch_equals_group_by_group(monkeypatch) -> None:
    pytest.importorskip("numba")
    from audit.detection import streams as st

    rng = np.random.default_rng(21)
    groups = [g for g in (_group(rng) for _ in range(240)) if len(g[0]) >= 2]
    everyday = np.array([i % 5 == 0 for i in range(len(groups))])
    want = [[(s.cad.name, s.pos.tolist()) for s in st._group_streams(d, a, u, bool(e))]
            for (d, a, u), e in zip(groups, everyday, strict=True)]
    sizes = np.array([len(g[0]) for g in groups])
    ends = np.cumsum(sizes)
    monkeypatch.setenv("AUDIT_CHAIN_KERNEL", "1")
    with chains.compiled(0) as on:
        assert on
        batch = st.searched_groups(np.concatenate([g[0] for g in groups]), np.concatenate([g[1] for g in groups]),
                                   np.concatenate([g[2] for g in groups]), ends - sizes, ends, everyday)
        assert batch is not None
        got = []
        for i, (d, a, u) in enumerate(groups):
            if batch.status[i] == st.NOTHING:
                found = []
            elif batch.status[i] == st.SEARCHED:
                found = batch.streams(i, d, a, bool(everyday[i]))
            else:
                found = st._group_streams(d, a, u, bool(everyday[i]))
            got.append([(s.cad.name, s.pos.tolist()) for s in found])
    assert got == want
    assert (batch.status == st.SEARCHED).sum() > 20 and (batch.status == st.NOTHING).sum() > 20
    assert sum(map(len, want)) > 50
