"""Process settings of a scan (audit.runtime): the cyclic collector is paused during a scan and restored
after it, also when it raises, nests or runs in several threads; the JSON document is the same whatever
size the write slices have; the BLAS thread default gives way to the user's own setting."""

from __future__ import annotations

import gc
import io
import threading

import pytest

from audit import pipeline
from audit.runtime import cycle_collection_paused, quiet_blas_threads
from audit.scale import output


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_pause_restores_the_collector_after_nesting_and_errors() -> None:
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cycle_collection_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_pause_leaves_a_switched_off_collector_off() -> None:
    gc.disable()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_pause_in_overlapping_threads_restores_once_both_end() -> None:
    inside, release = threading.Barrier(2), threading.Event()

    def work() -> None:
        with cycle_collection_paused():
            inside.wait()
            release.wait()

    first = threading.Thread(target=work)
    first.start()
    with cycle_collection_paused():
        inside.wait()
        release.set()
        first.join()
        assert not gc.isenabled()  # the other scan ended, this one still runs
    assert gc.isenabled()


def test_scan_runs_with_the_collector_paused(monkeypatch, tmp_path) -> None:
    seen: list[bool] = []
    real = pipeline.analyse

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", spy)
    path = tmp_path / "s.csv"
    path.write_text("Date,Description,Amount\n2024/01/05,SHOP A,1000\n2024/02/05,SHOP A,1000\n", encoding="utf-8")
    result = pipeline.scan([path])
    assert seen == [False] and gc.isenabled() and len(result.transactions) == 2
    pipeline.scan_uploads([("u.csv", path.read_bytes())])
    assert seen == [False, False] and gc.isenabled()


def _document(result: pipeline.ScanResult) -> str:
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    output.write_json(result, text)
    text.flush()
    return raw.getvalue().decode("utf-8")


def test_json_is_the_same_for_any_write_slice(monkeypatch, tmp_path) -> None:
    rows = "".join(f"2024/{m:02d}/0{d},SHOP {d} 日本,{1000 + d}\n" for m in range(1, 13) for d in range(1, 8))
    path = tmp_path / "s.csv"
    path.write_text("Date,Description,Amount\n" + rows, encoding="utf-8")
    result = pipeline.scan([path])
    whole = _document(result)
    calls: list[int] = []
    real = output._write_slices
    monkeypatch.setattr(output, "_write_slices", lambda sink, part: calls.append(len(part)) or real(sink, part))
    for size in (1, 7, 4096):
        monkeypatch.setattr(output, "WRITE_BYTES", size)
        assert _document(result) == whole
    assert calls and whole.count('"description"') >= 84  # the records went through the sliced writes


def test_blas_threads_default_to_one_unless_set(monkeypatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    quiet_blas_threads()
    import os

    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    quiet_blas_threads()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_what_a_scan_keeps_leaves_the_young_generations() -> None:
    gc.collect()
    with cycle_collection_paused():
        kept = [[i] for i in range(2000)]  # tracked containers made while the collector is off
    oldest = {id(obj) for obj in gc.get_objects(generation=2)}
    assert id(kept) in oldest and all(id(item) in oldest for item in kept[:50])
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_frozen_set_of_the_process_is_left_as_it_is() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with cycle_collection_paused():
            fresh = [[1], [2]]
        assert gc.get_freeze_count() == before and fresh  # no unfreeze of what the process froze itself
    finally:
        gc.unfreeze()


def test_command_line_entry_returns_the_status_and_freezes_for_exit() -> None:
    import subprocess
    import sys

    code = ("import gc; from audit import cli; cli.main = lambda: 5; status = cli.run(); "
            "print(status, gc.get_freeze_count() > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["5", "True"]
