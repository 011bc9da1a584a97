"""PDF libraries run in a child process: a PDF that takes memory to the cap or spends minutes on a page
costs one line naming the file and the page, and the run goes on (issue 21)."""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

import pytest

from audit.cli import main
from audit.errors import StatementError
from audit.readers import read_statement
from audit.readers.limits import DEFAULT, LimitExceeded, Limits
from audit.readers.pdf import sandbox
from audit.readers.pdf_reader import read_pdf_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_statements"
MiB = 1 << 20

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="no fork on this platform")


def _hostile():
    """bench/hostile.py, where the crafted PDFs are written."""
    spec = importlib.util.spec_from_file_location("hostile", ROOT / "bench" / "hostile.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["hostile"] = mod
    spec.loader.exec_module(mod)
    return mod


HOSTILE = _hostile()


def _error(data: bytes, name: str, limits: Limits) -> StatementError:
    with pytest.raises(StatementError) as err:
        read_statement(data=data, name=name, limits=limits)
    assert "\n" not in str(err.value)
    return err.value


def test_forms_drawing_each_other_cost_one_line_naming_the_page():
    err = _error(HOSTILE.recursive_forms_pdf(), "forms.pdf", Limits(memory=256 * MiB))
    assert isinstance(err, LimitExceeded) and err.page == 1
    assert str(err).startswith("forms.pdf: page 1: ") and "--limit memory=" in str(err)


def test_a_slow_page_is_stopped_while_it_runs():
    """pdfplumber needs far more than a second for a page of a million no-op operators; the watch stops
    it after one (the in-process check, after the page, would say how long the page took instead)."""
    err = _error(HOSTILE.slow_page_pdf(1_000_000), "slow.pdf", Limits(seconds_per_page=1))
    assert isinstance(err, LimitExceeded) and err.page == 1
    assert "pdfplumber stopped after 1.0 s" in str(err) and "--limit seconds_per_page=" in str(err)


def test_the_run_goes_on_with_the_other_files(tmp_path, capsys):
    (tmp_path / "forms.pdf").write_bytes(HOSTILE.recursive_forms_pdf())
    (tmp_path / "ok.csv").write_bytes(HOSTILE.OK_CSV)
    code = main(["scan", str(tmp_path / "forms.pdf"), str(tmp_path / "ok.csv"), "--limit", "memory=256000000"])
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 1 and len(lines) == 1 and "forms.pdf: page 1:" in lines[0]
    assert "CORNER CAFE" in out


@pytest.mark.parametrize("name", ["minato_2026-01.pdf", "harbor_2026-01.pdf", "thistle_2026-01.pdf"])
def test_isolated_reading_equals_the_in_process_one(name):
    data = (SAMPLES / name).read_bytes()
    inside, report = read_pdf_bytes(data, name)
    isolated, isolated_report = read_pdf_bytes(data, name, isolate=True)
    assert inside.equals(isolated) and report.warnings == isolated_report.warnings


def test_a_threaded_process_reads_through_the_helper():
    """With other threads running, the child is forked by the helper process, not by this one."""
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, daemon=True)
    worker.start()
    try:
        data = (SAMPLES / "thistle_2026-01.pdf").read_bytes()
        count, pages = sandbox.extract_isolated(data, "t.pdf", "pdfium", DEFAULT)
        assert sandbox._SERVER.proc is not None and sandbox._SERVER.proc.poll() is None
        assert count == len(pages) and any(pages)
        df, _ = read_statement(data=data, name="t.pdf")
        assert df.equals(read_pdf_bytes(data, "t.pdf")[0])
        err = _error(HOSTILE.recursive_forms_pdf(), "forms.pdf", Limits(memory=256 * MiB))
        assert err.page == 1 and "memory" in str(err)
        assert len(read_statement(data=data, name="t.pdf")[0]) == len(df)  # the helper lives on
    finally:
        stop.set()


def test_limits_must_be_finite():
    for bad in ("seconds_per_page=nan", "seconds_per_page=inf", "memory=nan"):
        with pytest.raises(ValueError):
            DEFAULT.with_overrides([bad])
