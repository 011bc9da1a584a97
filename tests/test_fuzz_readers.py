"""Short property-based runs of the readers (a longer run: ``scripts/fuzz_readers.py --minutes N``)."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
import readers_fuzz as fz

QUICK = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@QUICK
@given(fz.csv_files())
def test_csv_files_read_or_refused_in_one_line(g):
    fz.check(g)


@settings(QUICK, max_examples=20)
@given(fz.pdf_files())
def test_pdf_files_read_or_refused_in_one_line(g):
    fz.check(g)
