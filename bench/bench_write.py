"""System time of writing JSON chunks straight from Arrow buffers: one ``write`` per chunk or 1 MiB slices.

``audit scan --json`` writes the transaction records from the Arrow buffer they are joined in
(:mod:`audit.scale.json_text`), 50,000 rows (about 12 MB) per chunk. On the development machine one
``write`` of such a buffer cost the kernel far more than the same bytes in 1 MiB slices. Each mode runs
in a fresh process, alternating, ``--repeat`` times; each child joins record-like texts with Arrow
(``binary_join_element_wise``, as the scan does) and writes them to a file in a temporary folder. Printed:
the CPU seconds (user + system) spent in ``write`` calls, minimum and median per mode.

Run: ``.venv/bin/python bench/bench_write.py [--rows 1000000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CHILD = r"""
import os, resource, sys, tempfile
import numpy as np, pyarrow as pa, pyarrow.compute as pc
mode, rows, chunk = sys.argv[1], int(sys.argv[2]), 50_000
lit = lambda t: pa.scalar(t, type=pa.large_string())
texts = pa.array([f"SHOP {i % 977} TOKYO" for i in range(chunk)], type=pa.large_string())
nums = pa.array(np.arange(chunk).astype(str), type=pa.large_string())
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
total = 0.0
with tempfile.TemporaryDirectory() as tmp, open(os.path.join(tmp, "out.json"), "wb") as f:
    for start in range(0, rows, chunk):
        joined = pc.binary_join_element_wise(
            lit('{"id":"f.csv:r'), nums, lit('","source":"f.csv","description":"'), texts,
            lit('","amount":1234.0,"currency":"JPY","card":"file:f.csv","client":null},\n'), lit(""))
        view = memoryview(joined.buffers()[2])
        before = cpu()
        if mode == "whole":
            f.write(view)
        else:
            for i in range(0, len(view), 1 << 20):
                f.write(view[i:i + (1 << 20)])
        total += cpu() - before
print(total)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    seconds: dict[str, list[float]] = {"whole": [], "slices": []}
    for _ in range(args.repeat):
        for mode in seconds:
            out = subprocess.run([sys.executable, "-c", CHILD, mode, str(args.rows)], check=True,
                                 capture_output=True, text=True).stdout
            seconds[mode].append(float(out))
    for mode, values in seconds.items():
        print(f"{mode:<7} write CPU s: min {min(values):.3f}  median {statistics.median(values):.3f}  "
              f"({args.rows:,} rows, {args.repeat} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
