"""Generated card data for the scale benchmarks (fictional merchants only; written under ``bench/data/``).

* :func:`make_statement_csv` - one statement CSV (``Date,Description,Amount``, yen with thousands
  separators, ``YYYY/MM/DD``) of about ``rows`` rows over 24 months: everyday shopping at a few
  thousand Zipf-distributed descriptors, monthly subscription streams, a few fictional PC-support
  streams and large one-off support charges, and refunds.
* :func:`make_client_table` - the same mix as a transaction table (schema columns plus ``client``)
  for ``clients`` clients, for the Dask benchmark; written as a Parquet data set by
  :func:`write_parquet_dataset`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
START = np.datetime64("2024-01-01")
DAYS = 730
SHOPS = ["AMAZON.CO.JP", "SEVEN-ELEVEN", "LAWSON", "UNIQLO", "STARBUCKS", "JR EAST", "UBER *EATS", "DON QUIJOTE",
         "FAMILYMART", "YODOBASHI", "BIC CAMERA", "MATSUKIYO", "SUKIYA", "TSUTAYA", "AEON"]


def _mix(n: int, rng: np.random.Generator, prefix: str = "") -> pd.DataFrame:
    """About ``n`` rows: (day offset, descriptor, amount)."""
    n_streams = max(1, int(n * 0.08) // 24)
    s_first = rng.integers(0, 28, n_streams)
    s_day = np.repeat(s_first, 24) + np.tile(np.round(np.arange(24) * 30.44).astype(int), n_streams)
    s_id = np.repeat(np.arange(n_streams), 24)
    scam = s_id % 200 == 7  # a few fictional fake-support streams
    s_desc = np.where(scam, "FS *BENCHGUARD PC SUPPORT " + s_id.astype(str),
                      "SUBSCRIPTION SERVICE " + s_id.astype(str))
    s_amt = np.where(scam, 4980.0, np.array([490.0, 980.0, 1490.0, 2189.0])[s_id % 4])
    n_shop = n - len(s_day)
    ranks = np.minimum(rng.zipf(1.3, n_shop), 3000)
    shop = np.array(SHOPS)[ranks % len(SHOPS)]
    shop_desc = np.char.add(np.char.add(shop.astype(str), " "), (ranks // len(SHOPS)).astype(str))
    shop_amt = np.round(rng.lognormal(7.5, 1.0, n_shop))
    shop_day = rng.integers(0, DAYS, n_shop)
    refund = rng.random(n_shop) < 0.01
    shop_amt = np.where(refund, -shop_amt, shop_amt)
    big = rng.random(n_shop) < 0.0005  # a large one-off "remote PC support" charge now and then
    shop_desc = np.where(big, "REMOTE PC SUPPORT CENTER", shop_desc)
    shop_amt = np.where(big, 69800.0, shop_amt)
    df = pd.DataFrame({
        "day": np.concatenate([s_day, shop_day]),
        "description": np.concatenate([s_desc, shop_desc]),
        "amount": np.concatenate([s_amt, shop_amt]),
    })
    df = df.loc[df["day"] < DAYS]
    return df.sort_values("day", kind="stable").reset_index(drop=True)


def make_statement_csv(path: Path, rows: int, seed: int = 0) -> Path:
    """Write one statement CSV of about ``rows`` rows to ``path`` (kept when it already exists)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    df = _mix(rows, np.random.default_rng(seed))
    dates = pd.Series(START + df["day"].to_numpy().astype("timedelta64[D]")).dt.strftime("%Y/%m/%d")
    amounts = pd.Series([f'"{a:,.0f}"' for a in df["amount"]])
    lines = "Date,Description,Amount\n" + "\n".join(dates + "," + df["description"] + "," + amounts) + "\n"
    path.write_text(lines, encoding="utf-8")
    return path


def make_client_table(rows: int, clients: int, seed: int = 0) -> pd.DataFrame:
    """About ``rows`` rows for ``clients`` clients as a transaction table (schema columns + ``client``)."""
    from audit import schema

    rng = np.random.default_rng(seed)
    per = max(1, rows // clients)
    base = _mix(per, rng)  # every client has the same shape of year, shifted and re-priced
    n = len(base)
    client_idx = np.repeat(np.arange(clients), n)
    day = (np.tile(base["day"].to_numpy(), clients) + rng.integers(0, 5, clients)[client_idx]) % DAYS
    amount = np.tile(base["amount"].to_numpy(), clients) * rng.uniform(0.8, 1.2, clients)[client_idx].round(2)
    df = pd.DataFrame({
        "id": pd.Series(np.char.add("c", client_idx.astype(str))) + "/s.csv:r" + pd.Series(
            np.tile(np.arange(2, n + 2), clients).astype(str)),
        "source": "s.csv",
        "row": np.tile(np.arange(2, n + 2), clients),
        "date": START + day.astype("timedelta64[D]"),
        "description": np.tile(base["description"].to_numpy(), clients),
        "amount": np.round(amount),
        "currency": "JPY",
        "kind": np.where(amount < 0, "refund", "charge"),
        "client": np.char.add("client_", client_idx.astype(str)),
    })
    return schema.conform(df)


def write_parquet_dataset(folder: Path, rows: int, clients: int, files: int = 16, seed: int = 0) -> Path:
    """A Parquet data set (``files`` parts, clients spread over all parts) unless it already exists."""
    if folder.exists() and any(folder.glob("*.parquet")):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    step = max(1, clients // files)
    for i, c0 in enumerate(range(0, clients, step)):
        part = make_client_table(rows * min(step, clients - c0) // clients, min(step, clients - c0), seed + i)
        part["client"] = part["client"].str.replace("client_", f"client_{c0}_", regex=False)
        part["id"] = part["client"] + part["id"].str.slice(part["id"].str.find("/").max())
        part.to_parquet(folder / f"part-{i:04d}.parquet", index=False)
    return folder
