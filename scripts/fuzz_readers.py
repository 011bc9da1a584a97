"""Fuzz the statement readers for a while: generated CSV and PDF files, the property of tests/readers_fuzz.py.

Runs rounds of hypothesis examples (fresh random seeds each round) until ``--minutes`` have passed,
alternating CSV and PDF, and prints one summary line per kind: examples, read, refused with one line,
failures. A failing example is shrunk by hypothesis, written to ``bench/data/fuzz_failures/`` and the
run stops with exit status 1.

Run: ``.venv/bin/python scripts/fuzz_readers.py --minutes 10``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import readers_fuzz as fz  # noqa: E402

OUT = ROOT / "bench" / "data" / "fuzz_failures"


def run_round(kind: str, examples: int, tally: Counter) -> None:
    strategy = fz.csv_files() if kind == "csv" else fz.pdf_files()
    last: list[fz.Generated] = []

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(strategy)
    def prop(g: fz.Generated) -> None:
        last[:] = [g]
        tally[(kind, "examples")] += 1
        tally[(kind, fz.check(g))] += 1

    try:
        prop()
    except Exception:
        tally[(kind, "failures")] += 1
        if last:
            OUT.mkdir(parents=True, exist_ok=True)
            path = OUT / f"failure_{int(time.time())}.{kind}"
            path.write_bytes(last[0].data)
            print(f"{kind}: failing example written to {path.relative_to(ROOT)}", file=sys.stderr)
        raise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--round", type=int, default=25, help="examples per round (default 25)")
    args = ap.parse_args(argv)
    tally: Counter = Counter()
    end = time.monotonic() + 60 * args.minutes
    t0 = time.monotonic()
    status = 0
    try:
        while time.monotonic() < end:
            for kind in ("csv", "pdf"):
                run_round(kind, args.round, tally)
    except Exception as exc:  # the property failed: hypothesis printed the shrunk example
        print(f"FAILED: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
        status = 1
    minutes = (time.monotonic() - t0) / 60
    for kind in ("csv", "pdf"):
        print(f"{kind}: {tally[(kind, 'examples')]} examples in {minutes:.1f} min (both kinds): "
              f"{tally[(kind, 'read')]} read, {tally[(kind, 'refused')]} refused with one line, "
              f"{tally[(kind, 'failures')]} failures")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
