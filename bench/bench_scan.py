"""End-to-end ``audit scan`` against bare pandas on the same generated statement CSV.

For each size (default 200,000 and 1,000,000 rows) it writes ``bench/data/scan_<rows>.csv`` (see
``bench/scale_data.py``) and runs, each in a fresh subprocess, alternating, ``--repeat`` times:

* **bare**: ``python -c`` that imports pandas, ``pd.read_csv(path)`` and ``pd.to_datetime`` of the
  date column (``format="%Y/%m/%d"``) - the floor any reader of this file pays;
* **scan**: ``python -m audit scan PATH --json --out FILE`` (read, normalise, match, recurring,
  signals, contracts, JSON written to a file).

Each measurement is the child's CPU seconds (user + system, from ``os.wait4``), wall seconds and
peak RSS (MiB). Printed: the minimum over repeats, the ratio scan/bare of CPU and the scan's peak, each against the
target of issue 22 (CPU at most 5x bare; peak at most 600 MB at 200k rows and 10^9 bytes at 1M rows,
decimal units). Both include interpreter start-up and imports. The ``audit`` package is byte-compiled
first (``compileall``), as an installed package is: pandas' own modules load from their compiled
files, and with ``PYTHONDONTWRITEBYTECODE`` set an editable checkout would otherwise compile the
project's source on every run (about 0.2 s CPU per process on the development machine).

Run: ``.venv/bin/python bench/bench_scan.py [--sizes 200000 1000000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_data import DATA, make_statement_csv

BARE = ("import pandas as pd, sys; df = pd.read_csv(sys.argv[1]); "
        "pd.to_datetime(df['Date'], format='%Y/%m/%d')")


def measure(argv: list[str]) -> dict[str, float]:
    """Run ``argv``; CPU, wall and peak RSS of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(argv)}\n{err}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "peak_mib": usage.ru_maxrss / 1024}


RATIO_TARGET = 5.0
PEAK_TARGET_MB = {200_000: 600, 1_000_000: 1000}  # decimal megabytes (10^6 bytes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    py = sys.executable
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "audit", quiet=1)
    print(f"{'rows':>9}  {'bare cpu s':>10}  {'scan cpu s':>10}  {'ratio':>6}  {'scan wall s':>11}  "
          f"{'bare MB':>8}  {'scan MB':>8}  {'scan B/row':>10}  verdict")
    for rows in args.sizes:
        path = make_statement_csv(DATA / f"scan_{rows}.csv", rows)
        bare, scan = [], []
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "out.json")
            for _ in range(args.repeat):
                bare.append(measure([py, "-c", BARE, str(path)]))
                scan.append(measure([py, "-m", "audit", "scan", str(path), "--json", "--out", out]))
        b = min(bare, key=lambda m: m["cpu"])
        s = min(scan, key=lambda m: m["cpu"])
        per_row = (s["peak_mib"] - b["peak_mib"]) * 2**20 / rows
        ratio = s["cpu"] / b["cpu"]
        peak_mb = s["peak_mib"] * 2**20 / 1e6
        limit = PEAK_TARGET_MB.get(rows)
        verdict = ("ratio ok" if ratio <= RATIO_TARGET else f"ratio over {RATIO_TARGET:g}x") + (
            "" if limit is None else (f", peak ok (<= {limit} MB)" if peak_mb <= limit else f", peak over {limit} MB"))
        print(f"{rows:>9,}  {b['cpu']:>10.2f}  {s['cpu']:>10.2f}  {ratio:>5.1f}x  {s['wall']:>11.2f}  "
              f"{b['peak_mib'] * 2**20 / 1e6:>8.0f}  {peak_mb:>8.0f}  {per_row:>10.0f}  {verdict}", flush=True)
    print(f"targets (issue 22): CPU ratio <= {RATIO_TARGET:g}x bare; scan peak <= 600 MB at 200,000 rows and "
          "<= 1,000 MB (10^9 bytes) at 1,000,000 rows. MB = 10^6 bytes; B/row = (scan peak - bare peak) / rows.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
