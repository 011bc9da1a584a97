"""Start-up of the ``audit`` command against a bare interpreter, measured in the same run.

Each command runs ``--repeat`` times in a fresh process (alternating); the minimum and median wall
seconds are printed. Baseline: ``python -c "import sys"``. Measured: ``python -m audit --version``,
``python -m audit --help`` and ``python -m audit scan --help``.

Run: ``.venv/bin/python bench/bench_startup.py [--repeat 10]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    py = sys.executable
    cases = {
        "python -c 'import sys' (baseline)": [py, "-c", "import sys"],
        "audit --version": [py, "-m", "audit", "--version"],
        "audit --help": [py, "-m", "audit", "--help"],
        "audit scan --help": [py, "-m", "audit", "scan", "--help"],
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.repeat):
        for name, cmd in cases.items():
            times[name].append(wall(cmd))
    base = min(times["python -c 'import sys' (baseline)"])
    print(f"{'command':<36}  {'min s':>6}  {'median s':>8}  {'min - baseline':>14}")
    for name, ts in times.items():
        print(f"{name:<36}  {min(ts):>6.3f}  {statistics.median(ts):>8.3f}  {min(ts) - base:>14.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
