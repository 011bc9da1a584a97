"""Benchmark recurring detection and scam signals on large synthetic tables.

Sizes: "24 months x 5,000 transactions" is read as 5,000 per month, i.e. 120,000 rows over 24 months;
the second size is 1,000,000 rows over the same 24 months. Each table mixes everyday shopping at a few
thousand merchants (Zipf-distributed, random amounts), subscription streams (monthly, weekly, annual,
some billed in USD with exchange-rate drift), a few fictional security-software streams, konbini
purchases and refunds. Descriptor columns are filled directly (the normaliser is timed elsewhere).

For each size it prints wall time of ``find_subscriptions`` and ``find_signals``, and, measured in
the same run, a bare baseline: one pandas ``groupby`` over ``merchant_key`` (count, sum, first and
last date). Peak memory is measured in a second pass with ``tracemalloc`` (Python and NumPy
allocations; pandas' Arrow-backed strings are not all seen by it), next to the process's peak RSS.

Run: ``.venv/bin/python bench/bench_recurring.py`` (``--sizes 20000`` for a quick try).
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from audit import schema
from audit.detection.recurring import find_subscriptions
from audit.detection.signals import find_signals

START = np.datetime64("2024-01-01")
DAYS = 730


def make_table(n: int, seed: int = 0) -> pd.DataFrame:
    """About ``n`` rows: 90 % shopping, the rest subscription streams, konbini runs and refunds."""
    rng = np.random.default_rng(seed)
    n_sub_rows = int(n * 0.08)
    # subscription streams: mostly monthly, some weekly / annual; 20 % in USD
    n_monthly = n_sub_rows // 30
    kinds = rng.choice(["monthly", "weekly", "annual"], size=n_monthly, p=[0.85, 0.05, 0.10])
    d_parts, m_parts, a_parts, o_parts = [], [], [], []
    for i, k in enumerate(kinds):
        first = int(rng.integers(0, 300))
        if k == "monthly":
            days = first + np.round(np.arange(0, (DAYS - first) / 30.44) * 30.44).astype(int)
        elif k == "weekly":
            days = np.arange(first % 7, DAYS, 7)[: int(rng.integers(10, 40))]
        else:
            days = np.array([first, first + 365])
        usd = rng.random() < 0.2
        base = float(rng.choice([9.99, 14.99, 29.99])) if usd else float(rng.choice([490, 980, 1490, 2189]))
        name = (f"FS *BENCHGUARD PC CARE {i}" if usd and rng.random() < 0.1 else f"SUBSCRIPTION SERVICE {i}")
        d_parts.append(days)
        m_parts.append(np.full(len(days), name, dtype=object))
        if usd:
            rate = 150 + np.cumsum(rng.normal(0, 1.5, len(days)))
            a_parts.append(np.round(base * rate))
            o_parts.append(np.full(len(days), base))
        else:
            a_parts.append(np.full(len(days), base))
            o_parts.append(np.full(len(days), np.nan))
    sub_days = np.concatenate(d_parts)
    sub = pd.DataFrame({"day": sub_days, "description": np.concatenate(m_parts), "amount": np.concatenate(a_parts),
                        "original_amount": np.concatenate(o_parts)})
    # shopping: 3,000 merchants with Zipf-like popularity, lognormal amounts
    n_shop = n - len(sub)
    n_merchants = 3000
    w = 1.0 / np.arange(1, n_merchants + 1) ** 1.1
    shops = np.array([f"SHOP {j}" for j in range(n_merchants)] + ["セブン－イレブン", "ローソン"], dtype=object)
    w = np.concatenate([w, [w[5], w[6]]])
    pick = rng.choice(len(shops), size=n_shop, p=w / w.sum())
    shop = pd.DataFrame({"day": rng.integers(0, DAYS, n_shop), "description": shops[pick],
                         "amount": np.round(np.exp(rng.normal(7.3, 1.0, n_shop))), "original_amount": np.nan})
    df = pd.concat([sub, shop], ignore_index=True)
    df["kind"] = "charge"
    refunds = df.sample(frac=0.002, random_state=seed).copy()
    refunds["day"] = np.minimum(refunds["day"] + 10, DAYS - 1)
    refunds["amount"] = -refunds["amount"]
    refunds["kind"] = "refund"
    df = pd.concat([df, refunds], ignore_index=True)
    df["date"] = START + df["day"].to_numpy().astype("timedelta64[D]")
    df["id"] = [f"bench:r{i}" for i in range(len(df))]
    df["source"] = "bench.csv"
    df["currency"] = "JPY"
    df["original_currency"] = np.where(df["original_amount"].notna(), "USD", None)
    tx = schema.conform(df.drop(columns=["day"]))
    tx["descriptor_norm"] = tx["description"]
    tx["merchant_key"] = tx["description"]
    tx["facilitator"] = pd.Series(pd.NA, index=tx.index, dtype="str")
    return tx


def bare_baseline(tx: pd.DataFrame) -> pd.DataFrame:
    """The floor: one grouped aggregation over the same rows."""
    ch = tx[(tx["kind"] == "charge") & (tx["amount"] > 0)]
    return ch.groupby("merchant_key").agg(n=("amount", "size"), total=("amount", "sum"),
                                          first=("date", "min"), last=("date", "max"))


def timed(fn, *args):
    gc.collect()
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def peak_mib(fn, *args) -> float:
    gc.collect()
    tracemalloc.start()
    fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def run(n: int) -> None:
    tx, t_make = timed(make_table, n)
    months = 24
    print(f"\n{len(tx):,} rows ({len(tx) / months:,.0f} per month over {months} months), built in {t_make:.1f} s")
    base, t_base = timed(bare_baseline, tx)
    subs, t_subs = timed(lambda t: find_subscriptions(t), tx)
    found, t_sig = timed(find_signals, tx, subs, [])
    print(f"  bare baseline groupby      {t_base:7.2f} s   ({len(base):,} merchant keys)")
    print(f"  find_subscriptions         {t_subs:7.2f} s   ({len(subs):,} streams)")
    print(f"  find_signals               {t_sig:7.2f} s   ({len(found):,} findings)")
    m_base = peak_mib(bare_baseline, tx)
    m_subs = peak_mib(lambda t: find_subscriptions(t), tx)
    m_sig = peak_mib(find_signals, tx, subs, [])
    print(f"  peak traced memory: baseline {m_base:,.0f} MiB, find_subscriptions {m_subs:,.0f} MiB, "
          f"find_signals {m_sig:,.0f} MiB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process peak RSS so far: {rss:,.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="120000,1000000", help="comma-separated row counts")
    args = ap.parse_args()
    for n in (int(x) for x in args.sizes.split(",")):
        run(n)


if __name__ == "__main__":
    main()
