"""Benchmark the CSV statement reader against bare pandas on the same file.

Generates (into ``bench/data/``, git-ignored) a statement CSV of ``--rows`` rows (default 1,000,000):

* ``generic``: an English header the reader must infer (Date, Description, Amount), yen amounts with
  thousands separators (``"12,345"``) and ``YYYY/MM/DD`` dates;
* ``layout``: when ``audit.readers.layouts`` has a spec with ``detect`` headers, the same rows under that
  spec's header names (otherwise skipped, and the output says so).

Each measurement runs in a fresh subprocess (``--repeat`` times, alternating); the parent prints the
minimum and median wall seconds, rows/s and the child's peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``
read by the child at the end, so it includes the interpreter and pandas). Imports happen before the
timer in both children (``import pandas`` for the baseline, the reader's modules for the reader). The
baseline, measured in
the same run, is ``pd.read_csv(path)`` + ``pd.to_datetime(date column, format=...)``; the ratio is
reader time / baseline time (target <= 3).

Run: ``.venv/bin/python bench/bench_csv.py`` (``--rows 100000`` for a quick try).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
MERCHANTS = [
    "AMAZON.CO.JP", "セブン－イレブン", "ローソン", "NETFLIX.COM", "APPLE.COM/BILL", "ＥＴＣ利用",
    "GOOGLE *YouTube", "楽天市場", "ユニクロ", "STARBUCKS", "JR東日本", "UBER *EATS", "東京電力",
]


def make_csv(path: Path, rows: int, header: list[str], cols: tuple[int, int, int] = (0, 1, 2), seed: int = 0) -> None:
    """Write ``rows`` statement lines under ``header``; ``cols`` = positions of date, description, amount."""
    rng = np.random.default_rng(seed)
    days = np.datetime64("2025-01-01") + rng.integers(0, 365, rows)
    dates = np.datetime_as_string(days, unit="D")
    amounts = rng.integers(100, 300_000, rows)
    names = np.array(MERCHANTS)[rng.integers(0, len(MERCHANTS), rows)]
    width = len(header)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(header) + "\n")
        chunk = 100_000
        for start in range(0, rows, chunk):
            part = slice(start, start + chunk)
            lines = []
            for d, n, a in zip(dates[part], names[part], amounts[part], strict=True):
                cells = [""] * width
                cells[cols[0]], cells[cols[1]], cells[cols[2]] = d.replace("-", "/"), n, f'"{a:,}"'
                lines.append(",".join(cells) + "\n")
            fh.writelines(lines)


def _child(mode: str, path: str, date_col: str) -> None:
    """Run one measurement in this (fresh) process and print JSON."""
    import pandas as pd

    if mode != "baseline":  # module imports are a fixed cost, like the baseline's ``import pandas``
        t_imp = time.perf_counter()
        import audit.readers.csv_reader  # noqa: F401

        print(f"import of the reader modules: {time.perf_counter() - t_imp:.2f} s (not timed)", file=sys.stderr)
    t0 = time.perf_counter()
    if mode == "baseline":
        df = pd.read_csv(path)
        pd.to_datetime(df[date_col], format="%Y/%m/%d")
        rows = len(df)
    else:
        from audit.readers import read_statement

        df, report = read_statement(path)
        rows = len(df)
        if report.problems:
            print(f"warning: {len(report.problems)} problems", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    print(json.dumps({"rows": rows, "seconds": elapsed, "peak_rss_mb": peak}))


def _run(mode: str, path: Path, date_col: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), date_col],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _layout_header() -> tuple[str, list[str], tuple[int, int, int]] | None:
    """A named layout (A2's ``LAYOUTS``) whose header can be written with plain names, if any exists."""
    try:
        from audit.readers.layouts import LAYOUTS
    except Exception:
        return None
    for spec in LAYOUTS:
        cols = spec.columns
        if not spec.detect or not all(r in cols for r in ("date", "description", "amount")):
            continue
        if spec.date_formats and "%Y/%m/%d" not in spec.date_formats:
            continue
        wanted = [cols[r][0] for r in ("date", "description", "amount")]
        if any(n.startswith("re:") for n in wanted):
            continue
        header = list(spec.detect) + [n for n in wanted if n not in spec.detect]
        where = tuple(header.index(n) for n in wanted)
        return spec.name, header, (where[0], where[1], where[2])
    return None


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="fresh-process runs of each, alternating (default 3)")
    args = ap.parse_args()
    cases: list[tuple[str, list[str], tuple[int, int, int]]] = [("generic", ["Date", "Description", "Amount"], (0, 1, 2))]
    named = _layout_header()
    if named:
        cases.append((f"layout:{named[0]}", named[1], named[2]))
    else:
        print("no named layout with date/description/amount header names found: layout case skipped")
    print(f"rows={args.rows:,}  repeats={args.repeat} (each run in a fresh process; min and median shown)")
    print(f"{'case':24} {'what':9} {'min s':>7} {'median s':>9} {'rows/s (min)':>13} {'peak RSS MB':>12}")
    for case, header, cols in cases:
        path = DATA / f"statement_{case.replace(':', '_')}_{args.rows}.csv"
        if not path.exists():
            make_csv(path, args.rows, header, cols)
        runs: dict[str, list[dict]] = {"baseline": [], "reader": []}
        for _ in range(args.repeat):
            for what in ("baseline", "reader"):
                runs[what].append(_run(what, path, header[cols[0]]))
        assert all(r["rows"] == args.rows for r in runs["reader"]), "reader returned a different number of rows"
        stats = {}
        for what, rs in runs.items():
            secs = sorted(r["seconds"] for r in rs)
            stats[what] = (secs[0], secs[len(secs) // 2])
            peak = max(r["peak_rss_mb"] for r in rs)
            print(f"{case:24} {what:9} {secs[0]:7.2f} {secs[len(secs) // 2]:9.2f} {args.rows / secs[0]:13,.0f} {peak:12.0f}")
        best = stats["reader"][0] / stats["baseline"][0]
        median = stats["reader"][1] / stats["baseline"][1]
        print(
            f"{case}: file {path.stat().st_size / 1e6:.0f} MB; reader/baseline = {best:.2f}x (min), "
            f"{median:.2f}x (median); target <= 3x"
        )


if __name__ == "__main__":
    main()
