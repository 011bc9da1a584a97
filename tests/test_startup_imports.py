"""What a process imports only when it needs it: pandas not for ``audit --version``, numba not for a small scan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_version_and_help_do_not_import_pandas() -> None:
    mods = _modules_after("from audit.cli import build_parser; build_parser(['--version']); build_parser(['--help'])")
    assert "audit.cli" in mods and "pandas" not in mods
    scan = _modules_after("from audit.cli import build_parser; build_parser(['scan', '--help'])")
    assert "audit.readers.layouts_cli" in scan  # the scan's own options are still there


def test_a_small_scan_does_not_import_numba() -> None:
    mods = _modules_after("from audit.pipeline import scan; r = scan(['sample_statements/aeon.csv']); "
                          "assert len(r.transactions) > 0")
    assert "audit.merchants.matching" in mods and "numba" not in mods
