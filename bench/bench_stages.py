"""Where one ``audit scan --json`` of a generated statement spends its CPU and memory, stage by stage.

Runs the stages of :func:`audit.pipeline.scan` one after another in this process on
``bench/data/scan_<rows>.csv`` (see ``bench/scale_data.py``) and prints, per stage, its CPU seconds
and the peak RSS so far: read, descriptor columns, merchant matching (hit table, then the findings),
recurring detection, signals, contracts and the streamed JSON (written to a temporary file). The bare
baseline (``read_csv`` + ``to_datetime`` of the same file in this process, after the stages) is printed
last.

Run: ``.venv/bin/python bench/bench_stages.py [--rows 1000000]``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_data import DATA, make_statement_csv


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    path = make_statement_csv(DATA / f"scan_{args.rows}.csv", args.rows)

    import pandas as pd

    from audit import pipeline
    from audit.contracts import build_contracts
    from audit.descriptors import add_descriptor_columns
    from audit.detection.recurring import find_subscriptions
    from audit.detection.signals import find_signals
    from audit.merchants import match_transactions
    from audit.scale.output import write_json

    last = [time.process_time()]
    print(f"{'stage':<12} {'cpu s':>7} {'peak MiB':>9}")

    def mark(stage: str) -> None:
        now = time.process_time()
        print(f"{stage:<12} {now - last[0]:>7.2f} {_peak_mib():>9.0f}", flush=True)
        last[0] = now

    tx, reports, errors = pipeline.read_many(pipeline.statement_files([path]))
    mark("read")
    tx = add_descriptor_columns(tx)
    mark("descriptors")
    hits = pipeline.HitTable.build(tx["description"], pipeline.merchant_db(()))
    known = match_transactions(tx, hits)
    mark("matching")
    subs = find_subscriptions(tx)
    mark("recurring")
    pattern = find_signals(tx, subs, known)
    mark("signals")
    contracts = build_contracts(tx, known + pattern, subs)
    mark("contracts")
    result = pipeline.ScanResult(transactions=tx, reports=reports, errors=errors, findings=known + pattern,
                                 subscriptions=subs, contracts=contracts)
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "out.json", "w", encoding="utf-8") as fh:
        write_json(result, fh)
    mark("json")
    print(f"{len(tx):,} rows: {len(result.findings):,} findings, {len(subs):,} streams, {len(contracts):,} contracts")
    start = time.process_time()
    df = pd.read_csv(path)
    pd.to_datetime(df["Date"], format="%Y/%m/%d")
    print(f"bare read_csv + to_datetime of the same file: {time.process_time() - start:.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
