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


def test_damaged_pdfs_give_exactly_one_stderr_line_on_the_command_line(tmp_path, capfd):
    """Library warnings (pdfminer's logging) must not add lines to the one-line error."""
    from audit.cli import main

    good = Path(__file__).resolve().parents[1] / "sample_statements" / "harbor_2026-01.pdf"
    data = good.read_bytes()
    broken = {
        "xref.pdf": data.replace(b"xref", b"xref\n0 999999999", 1).replace(b"obj", b"jbo", 3),
        "cut.pdf": data[: len(data) // 3] + b"\n%%EOF\n",
        "noise.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
    }
    for name, blob in broken.items():
        path = tmp_path / name
        path.write_bytes(blob)
        g = fz.Generated(blob, name, 0, False)
        outcome = fz.check(g)
        code = main(["scan", str(path)])
        err = capfd.readouterr().err.strip().splitlines()
        if outcome == "refused":
            assert code == 1 and len(err) == 1 and err[0].startswith(f"audit: error: {name}:"), err
        else:
            assert all(line.startswith("audit: warning:") for line in err), err
