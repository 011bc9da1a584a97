"""The Dask engine against the single-process path on generated multi-client data.

For each size (rows, clients) it writes a Parquet data set (``bench/data/dask_<rows>_<clients>/``,
see ``bench/scale_data.py``: every client about two years of card use, about 500,000 rows per file,
each file holding whole clients) and measures, in this run:

* **single**: one process reads the data set file by file (``pd.read_parquet``) and runs
  :func:`audit.pipeline.analyse` on each file (all of its clients in one pass) - the way one machine
  gets through a data set larger than its memory;
* **dask**: :func:`audit.scale.dask_engine.run_dask` on a local cluster of ``--workers`` processes
  (read, shuffle by client, match distinct descriptors once, analyse per partition, write Parquet),
  cluster start-up included, one partition per file.

Printed per size: wall seconds of both (and the single path's CPU seconds), the speed-up, rows/s of
the single path (one core) and rows/s per worker of the Dask path. The crossover is the smallest
measured size where Dask is faster; the projection to ``--project`` rows divides by the measured
per-worker throughput of the largest size (linear scaling assumed: clients are independent; the
shuffle is the part that is not).

Run: ``.venv/bin/python bench/bench_dask.py [--sizes 200000:100 2000000:1000 20000000:10000] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_data import DATA, write_parquet_dataset

ROWS_PER_FILE = 500_000  # each file of the data set: whole clients, about this many rows


def single(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the single-process path (file by file)."""
    from audit.pipeline import analyse

    start, cpu = time.perf_counter(), time.process_time()
    for f in sorted(folder.glob("*.parquet")):
        analyse(pd.read_parquet(f))
    return time.perf_counter() - start, time.process_time() - cpu


def dask_run(folder: Path, workers: int) -> float:
    from audit.scale.dask_engine import run_dask

    out = Path(tempfile.mkdtemp(prefix="dask-out-"))
    try:
        start = time.perf_counter()
        run_dask([folder], out, workers=workers, partitions=max(len(list(folder.glob("*.parquet"))), workers))
        return time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["200000:100", "2000000:1000", "20000000:10000"],
                    help="rows:clients pairs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--project", type=int, default=100_000_000)
    args = ap.parse_args(argv)
    print(f"{'rows':>10}  {'clients':>7}  {'single s':>8}  {'single cpu s':>12}  {'dask s':>7}  {'speed-up':>8}  "
          f"{'single rows/s':>13}  {'dask rows/s/worker':>18}", flush=True)
    crossover = None
    per_worker = 0.0
    for spec in args.sizes:
        rows, clients = map(int, spec.split(":"))
        folder = write_parquet_dataset(DATA / f"dask_{rows}_{clients}", rows, clients,
                                       files=max(1, rows // ROWS_PER_FILE))
        n = len(pd.read_parquet(folder, columns=["id"]))
        s, s_cpu = single(folder)
        d = dask_run(folder, args.workers)
        per_worker = n / d / args.workers
        if crossover is None and d < s:
            crossover = n
        print(f"{n:>10,}  {clients:>7,}  {s:>8.1f}  {s_cpu:>12.1f}  {d:>7.1f}  {s / d:>7.2f}x  {n / s:>13,.0f}  "
              f"{per_worker:>18,.0f}", flush=True)
    print(f"crossover: {'none measured' if crossover is None else f'Dask faster from {crossover:,} rows'}")
    for cores in (args.workers, 16, 64):
        minutes = args.project / (per_worker * cores) / 60
        print(f"projection: {args.project:,} rows on {cores} workers ~ {minutes:,.1f} min (from the largest size)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
