"""Start-up of the ``audit`` command against a bare interpreter and ``import pandas``, measured in the same run.

Each command runs ``--repeat`` times in a fresh process (alternating); the minimum and median wall seconds
and CPU seconds (user + system, from the children's resource usage) are printed. Baselines:
``python -c "import sys"`` and ``python -c "import pandas"``. Measured: ``python -m audit --version``,
``python -m audit --help``, ``python -m audit scan --help`` and a whole scan of a small statement
(``sample_statements/aeon.csv``, 15 rows, ``--json --out`` a temporary file): its CPU beyond ``import pandas``
is the fixed cost every scan pays (imports, the merchant lists and reference tables, first-use patterns).

The first run of a checkout writes the derived tables (``.derived`` folders, see
:mod:`audit.merchants.derived`); one untimed warm-up scan runs before the timed ones.

Run: ``.venv/bin/python bench/bench_startup.py [--repeat 10]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_statements" / "aeon.csv"


def run(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    py = sys.executable
    out = Path(tempfile.mkdtemp(prefix="bench_startup_")) / "scan.json"
    scan = [py, "-m", "audit", "scan", str(SAMPLE), "--json", "--out", str(out)]
    cases = {
        "python -c 'import sys' (baseline)": [py, "-c", "import sys"],
        "python -c 'import pandas'": [py, "-c", "import pandas"],
        "audit --version": [py, "-m", "audit", "--version"],
        "audit --help": [py, "-m", "audit", "--help"],
        "audit scan --help": [py, "-m", "audit", "scan", "--help"],
        f"audit scan {SAMPLE.name} --json (15 rows)": scan,
    }
    run(scan)  # warm-up: bytecode and derived tables written once
    out.unlink(missing_ok=True)
    walls: dict[str, list[float]] = {k: [] for k in cases}
    cpus: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.repeat):
        for name, cmd in cases.items():
            wall, cpu = run(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
            out.unlink(missing_ok=True)
    base = min(walls["python -c 'import sys' (baseline)"])
    pandas_cpu = min(cpus["python -c 'import pandas'"])
    print(f"{'command':<42}  {'min s':>6}  {'median s':>8}  {'min - baseline':>14}  {'cpu min s':>9}  {'cpu median s':>12}")
    for name in cases:
        ws, cs = walls[name], cpus[name]
        print(f"{name:<42}  {min(ws):>6.3f}  {statistics.median(ws):>8.3f}  {min(ws) - base:>14.3f}  "
              f"{min(cs):>9.3f}  {statistics.median(cs):>12.3f}")
    scan_cpu = min(cpus[f"audit scan {SAMPLE.name} --json (15 rows)"])
    print(f"small scan CPU beyond import pandas: {scan_cpu - pandas_cpu:.3f} s (min of {args.repeat}; "
          f"{os.cpu_count()} cores)")
    out.parent.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
