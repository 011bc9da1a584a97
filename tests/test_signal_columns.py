"""The bulk paths of the signals agree with the straightforward versions they replace, on generated tables of
several clients, cards and currencies (a statement that names no currency takes its holder's home)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from test_recurring_bills import table

from audit.detection.bursts import _SPAN, _candidates, _group_day_keys
from audit.detection.features import _prepare
from audit.detection.prepaid_after import ANCHOR_KINDS, _anchors
from audit.detection.recurring import find_subscriptions
from audit.detection.thresholds import limits
from audit.model import Finding

SHOPS = ["FAMILYMART", "LAWSON 123", "AMAZON GIFT CARD", "SEVEN-ELEVEN", "WALGREENS #1234", "APPLE GIFT CARD"]


def _rows(seed: int, n: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        cur = [None, "JPY", "USD", "unknown", "GBP"][int(rng.integers(0, 5))]
        base = 1000.0 if cur in (None, "JPY", "unknown") else 10.0
        amount = float(rng.choice([base * rng.integers(1, 8), round(base * rng.uniform(0.5, 6), 2)]))
        out.append({"date": date(2024, 1, 1) + timedelta(days=int(rng.integers(0, 40))),
                    "description": str(rng.choice(SHOPS)), "amount": amount, "currency": cur,
                    "client": str(rng.choice(["A", "B", "C"])), "card": str(rng.choice(["1111", "2222"]))})
    return out


def _plain_keys(cand: pd.DataFrame) -> np.ndarray:
    """The (owner, currency text, day) numbers as first written: the currency texts factorized row by row."""
    cur_text, _ = pd.factorize(cand["currency"])
    owners, _ = pd.factorize(cand["owner_code"].to_numpy() * np.int64(cand["cur_code"].max() + 1) + cur_text)
    day = cand["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return owners.astype(np.int64) * _SPAN + day


@pytest.mark.parametrize(("seed", "n"), [(1, 1), (2, 5), (3, 200), (4, 600)])
def test_burst_candidate_keys_and_steps_agree_with_the_plain_version(seed, n):
    tx = table(_rows(seed, n))
    ctx = _prepare(tx, find_subscriptions(tx), [])
    cand = _candidates(ctx)
    if n > 100:  # a missing currency takes the holder's home: two codes then name one text
        assert cand["cur_code"].nunique() > cand["currency"].nunique()
    assert cand["step"].tolist() == [limits(c).gift_round for c in cand["currency"]]
    rng = np.random.default_rng(seed)
    for part in (cand, cand.iloc[rng.permutation(len(cand))], cand.iloc[: len(cand) // 2],
                 cand.loc[cand["owner_code"].to_numpy() == 0]):
        if part.empty:
            continue
        got = _group_day_keys(part)
        want = _plain_keys(part)
        assert (got // _SPAN).tolist() == (want // _SPAN).tolist()
        assert (got % _SPAN).tolist() == (want % _SPAN).tolist()


def _plain_anchors(ctx, findings):
    """prepaid_after._anchors as first written: one finding at a time."""
    tx = ctx.tx
    out: dict = {}
    for f in findings:
        if f.kind not in ANCHOR_KINDS:
            continue
        ids = [i for i in f.transaction_ids if i in tx.index]
        rows = tx.loc[ids] if ids else tx.iloc[:0]
        rows = rows[rows["amount"] > 0]
        if rows.empty:
            continue
        first = rows.sort_values("date", kind="stable").iloc[0]
        out.setdefault(str(first["owner"]), []).append((first["date"], f.merchant, str(first["id"])))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_support_anchors_agree_with_the_plain_version(seed):
    rng = np.random.default_rng(seed)
    rows = [{"date": None if rng.random() < 0.05 else date(2024, 3, 1) + timedelta(days=int(rng.integers(0, 6))),
             "description": str(rng.choice(["PC SUPPORT DESK", "SECURE TECH HELP 0570-00-1234", "REFUND PC HELP"])),
             "amount": float(rng.choice([-3000.0, 9800.0, 29800.0, 5000.0])), "currency": "JPY",
             "client": str(rng.choice(["A", "B"])), "card": str(rng.choice(["1111", "2222"]))} for _ in range(120)]
    tx = table(rows)
    ctx = _prepare(tx, find_subscriptions(tx), [])
    ids = list(ctx.tx.index)
    findings = [Finding(kind=str(rng.choice([*ANCHOR_KINDS, "refund_link"])), merchant=f"m{k}", score=50.0,
                        reasons=[], transaction_ids=[str(i) for i in rng.choice([*ids, "nowhere:r1"],
                                                                               size=int(rng.integers(0, 6)))])
                for k in range(60)]
    assert _anchors(ctx, findings) == _plain_anchors(ctx, findings)


def _plain_stream_features(slim, subs, known_ids):
    """features._stream_features as first written: the (stream, id) pairs as a frame, rows by label."""
    from audit.detection.features import SOFTWARE_RESELLERS

    present = set(slim.index)
    pairs = [(n, i) for n, s in enumerate(subs) for i in s.transaction_ids if i in present]
    if not pairs:
        return pd.DataFrame()
    m = pd.DataFrame(pairs, columns=["sub", "id"])
    f = slim.loc[m["id"], ["legit", "foreign", "software", "support", "overseas_agent", "reseller", "signs", "security",
                           "scareware"]]
    f = f.reset_index(drop=True).assign(sub=m["sub"].to_numpy(), known=m["id"].isin(known_ids).to_numpy())
    f["soft_agent"] = f["reseller"].isin(list(SOFTWARE_RESELLERS))
    for c in ("foreign", "software", "support", "overseas_agent", "security", "scareware"):
        f[c] = f[c].fillna(False).astype(bool)
    g = f.groupby("sub")
    return pd.DataFrame({
        "legit": g["legit"].count() > 0, "known_share": g["known"].mean(), "foreign": g["foreign"].mean(),
        "software": g["software"].any(), "support": g["support"].any(), "security": g["security"].any(),
        "scareware": g["scareware"].any(), "overseas_agent": g["overseas_agent"].any(),
        "soft_agent": g["soft_agent"].any(), "signs": g["signs"].max()})


@pytest.mark.parametrize("seed", [1, 2])
def test_stream_features_agree_with_the_plain_version(seed):
    from test_recurring import monthly_dates

    from audit.detection.features import _stream_features

    rng = np.random.default_rng(seed)
    names = ["FS *ZORBLEGUARD PC CARE", "NETFLIX.COM", "PADDLE.NET* NEXAFIX TECH SUPPORT", "SECURE TECH HELP"]
    rows = [{"date": d, "description": name, "amount": float(1000 + 10 * k), "currency": str(rng.choice(["JPY", "USD"])),
             "client": str(rng.choice(["A", "B"])), "card": "1111"}
            for k, name in enumerate(names) for d in monthly_dates(date(2024, 1, 5 + k), 8)]
    tx = table(rows)
    subs = find_subscriptions(tx)
    assert subs
    ctx = _prepare(tx, subs, [])
    for known in (set(), set(rng.choice(list(ctx.tx.index), size=7).tolist())):
        pd.testing.assert_frame_equal(_stream_features(ctx.tx, subs, known), _plain_stream_features(ctx.tx, subs, known))
    assert _stream_features(ctx.tx, [], set()).empty


@pytest.mark.parametrize("codes", [[], [0], [0, 0, 1, 0, 2, 1], [1, 0, 1, 2], [0, 2, 1], [-1, 0, 1, 0], [2, 2, 0],
                                   list(np.random.default_rng(5).integers(0, 30, 500))])
def test_first_rows_agree_with_numpy_unique(codes):
    from audit.detection.features import _first_rows

    arr = np.asarray(codes, dtype=np.int64)
    n = len(np.unique(arr))
    want = np.unique(arr, return_index=True)[1]
    assert _first_rows(arr, n).tolist() == want.tolist()
    firsts = pd.factorize(arr)[0].astype(np.int64)  # numbered in order of first appearance: the fast path
    assert _first_rows(firsts, n).tolist() == np.unique(firsts, return_index=True)[1].tolist()


@pytest.mark.parametrize("step", [500.0, 5.0])
def test_gift_rounding_of_the_shop_purchases_only_agrees_with_all(step):
    from audit.detection.bursts import _gift_round

    rng = np.random.default_rng(int(step))
    amount = np.concatenate([rng.integers(1, 40, 300) * step, rng.uniform(1, 200 * step, 300),
                             rng.integers(1, 40, 100) * step + 6.95, [np.nan, 0.0]])
    steps = np.full(len(amount), step)
    whole = _gift_round(amount, steps)
    pick = rng.random(len(amount)) < 0.5
    part = pick.copy()
    part[part] = _gift_round(amount[part], steps[part])
    assert (part == (whole & pick)).all()
    assert whole[:300].all() and not whole[-2]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_everyday_purchases_read_from_the_bursts_agree_with_a_fresh_search(seed):
    from audit.detection.bursts import _kept_habits, _prepaid_bursts, everyday_purchases

    rng = np.random.default_rng(seed)
    rows = []  # a habitual buyer (A/1111, nearly every day for 100 days), and occasional ones
    for day in range(100):
        for _ in range(int(rng.integers(0, 4))):
            rows.append({"date": date(2024, 1, 1) + timedelta(days=day), "description": "LAWSON 123",
                         "amount": float(rng.choice([1000, 2000, 3000, 10000, 30000])), "currency": "JPY",
                         "client": "A", "card": "1111"})
        if rng.random() < 0.1:
            rows.append({"date": date(2024, 1, 1) + timedelta(days=day), "description": str(rng.choice(SHOPS)),
                         "amount": float(rng.choice([5000, 10000, 30.0])), "currency": str(rng.choice(["JPY", "USD"])),
                         "client": str(rng.choice(["A", "B"])), "card": str(rng.choice(["1111", "2222"]))})
    tx = table(rows)
    fresh = _prepare(tx, find_subscriptions(tx), [])
    cand = _candidates(fresh)
    parts = [cand, cand.loc[cand["owner_code"].to_numpy() == 0], cand.iloc[: len(cand) // 2]]
    want = [everyday_purchases(fresh, part) for part in parts]
    assert want[0].any()  # the habit is seen
    ctx = _prepare(tx, find_subscriptions(tx), [])
    _prepaid_bursts(ctx, [])
    assert _kept_habits(ctx, _candidates(ctx)) is not None
    for part, expected in zip(parts, want, strict=True):
        part = _candidates(ctx).loc[part.index]
        assert everyday_purchases(ctx, part).tolist() == expected.tolist()
