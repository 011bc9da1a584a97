"""Issue 21: the case store under hostile files and concurrent programs; issue 20.12: short case ids.

The concurrency tests start real processes (``python -m audit cases ...``) against one store file.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_case_store import make_contract

from audit.cases.store import CaseNotFound, CaseStore, CaseStoreError
from audit.cases.store_file import MIGRATIONS
from audit.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = sorted((ROOT / "sample_statements" / "demo" / "client_a").glob("*.csv"))


def cli(capsys: pytest.CaptureFixture[str], store: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["cases", "--store", str(store), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 1 and err.count("\n") == 1 and err.startswith("audit: error: ")
    assert "internal error" not in err and "Traceback" not in err
    for w in words:
        assert w in err


def test_symlinked_store_refused_and_target_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "target.txt"
    target.write_text("someone else's file\n")
    os.chmod(target, 0o644)
    link = tmp_path / "cases.sqlite3"
    link.symlink_to(target)
    with pytest.raises(CaseStoreError, match="symbolic link"):
        CaseStore(link)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644 and target.read_text() == "someone else's file\n"
    one_line_error(*cli(capsys, link, "list")[::2], str(link), "symbolic link")
    dangling = tmp_path / "dangling.sqlite3"
    dangling.symlink_to(tmp_path / "nowhere" / "x.sqlite3")
    one_line_error(*cli(capsys, dangling, "list")[::2], "symbolic link")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("content, why", [(b"plain text, not a database\n" * 50, "damaged or not a case store"),
                                          (b"SQLite format 3\x00" + b"\xff" * 5000, "damaged or not a case store")])
def test_non_database_and_damaged_store_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                                              why: str) -> None:
    f = tmp_path / "cases.sqlite3"
    f.write_bytes(content)
    one_line_error(*cli(capsys, f, "list")[::2], str(f), why)


def test_damaged_real_store_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cases.sqlite3"
    with CaseStore(f) as s:
        s.sync_contracts("A", [make_contract()])
    data = bytearray(f.read_bytes())
    data[100:len(data)] = b"\x13" * (len(data) - 100)  # the header survives, every page is garbage
    f.write_bytes(bytes(data))
    one_line_error(*cli(capsys, f, "list")[::2], str(f))


def test_folder_and_pipe_as_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    one_line_error(*cli(capsys, tmp_path / "dir.sqlite3", "list")[::2], "not a regular file")
    os.mkfifo(tmp_path / "pipe.sqlite3")
    one_line_error(*cli(capsys, tmp_path / "pipe.sqlite3", "list")[::2], "not a regular file")


def test_newer_schema_and_foreign_database_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cases.sqlite3"
    with CaseStore(f):
        pass
    db = sqlite3.connect(f)
    db.execute("INSERT INTO schema_version VALUES (?, 'later')", (len(MIGRATIONS) + 1,))
    db.commit()
    db.close()
    one_line_error(*cli(capsys, f, "list")[::2], "newer card-audit", f"schema {len(MIGRATIONS) + 1}")
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE photos (id INTEGER)")
    db.commit()
    db.close()
    one_line_error(*cli(capsys, other, "list")[::2], "another program")
    assert [r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")] == ["photos"]


def test_version_one_store_migrated_to_case_ids(tmp_path: Path) -> None:
    f = tmp_path / "cases.sqlite3"
    db = sqlite3.connect(f)  # a store as the first version wrote it
    db.executescript("CREATE TABLE schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL);"
                     + MIGRATIONS[0] + "; INSERT INTO schema_version VALUES (1, 'then');"
                     "INSERT INTO clients VALUES (1, 'A', 'then');"
                     "INSERT INTO cases (client_id, key, merchant, updated) VALUES (1, '||PCSHIELD|2026-01-03', 'X', 'then');"
                     "INSERT INTO cases (client_id, key, merchant, updated) VALUES (1, '||TECHFIX|2026-02-01', 'Y', 'then');")
    db.close()
    with CaseStore(f) as s:
        assert s.version == len(MIGRATIONS)
        assert [c["ref"] for c in s.cases()] == ["C-0001", "C-0002"]
        assert s.case("C-0002")["key"] == "||TECHFIX|2026-02-01" and s.case("c1")["merchant"] == "X"
        new = s.sync_contracts("B", [make_contract()])
        assert s.case(new[0])["ref"] == "C-0003"
        assert s.forget_client("B")
        s.sync_contracts("B", [make_contract(key="OTHER")])
        assert {c["ref"] for c in s.cases("B")} == {"C-0004"}  # an id is never given twice


def test_case_ids_in_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cases.sqlite3"
    with CaseStore(f) as s:
        s.sync_contracts("A", [make_contract(), make_contract(key="SECOND", merchant="Second (fictional)")])
    code, out, _ = cli(capsys, f, "list", "--as-of", "2025-03-01")
    assert code == 0 and out.startswith("C-0001 ") and "C-0002" in out and "||" not in out
    for ref in ("C-0001", "c1", "C-1", " c-0001 "):
        code, out, _ = cli(capsys, f, "show", ref)
        assert code == 0 and '"ref": "C-0001"' in out
    assert cli(capsys, f, "set-status", "C-0002", "sent", "--date", "2025-03-01")[1].startswith("C-0002: ")
    assert cli(capsys, f, "record-letter", "c2", "--kind", "follow_up", "--text", "x")[0] == 0
    assert cli(capsys, f, "record-reply", "C-2", "--text", "Automatic reply")[0] == 0
    assert cli(capsys, f, "record-refund", "C-0002", "12", "USD")[1].startswith("C-0002: refunded USD 12.00")
    for bad in ("%", "_", "", "C-0099", "||%"):  # never an SQL pattern, never an empty prefix
        one_line_error(*cli(capsys, f, "show", bad)[::2])
    with CaseStore(f) as s, pytest.raises(CaseNotFound):
        s.case("%")


def test_dates_out_of_range_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cases.sqlite3"
    with CaseStore(f) as s:
        s.sync_contracts("A", [make_contract()])
    with pytest.raises(SystemExit) as exc:
        main(["cases", "--store", str(f), "set-status", "C-0001", "sent", "--date", "9999-12-31"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and "between 1970-01-01 and 2100-12-31" in err


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_non_regular_files_never_read_by_cases(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    else:
        path = tmp_path / "folder.txt"
        path.mkdir()
    store = tmp_path / "cases.sqlite3"
    with CaseStore(store) as s:
        s.sync_contracts("A", [make_contract()])
    runs = [["sync", str(path), "--client", "A"], ["record-reply", "C-0001", "--file", str(path)],
            ["record-letter", "C-0001", "--file", str(path)]]
    for argv in runs:
        proc = subprocess.run([sys.executable, "-m", "audit", "cases", "--store", str(store), *argv],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert proc.returncode == 1, (argv, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr and "internal" not in proc.stderr
        assert path.name in proc.stderr


def _run(store: Path, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "audit", "cases", "--store", str(store), *argv], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_refunds_all_kept_with_real_processes(tmp_path: Path) -> None:
    store = tmp_path / "cases.sqlite3"
    with CaseStore(store) as s:
        s.sync_contracts("A", [make_contract()])
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock while the five start
    procs = [_run(store, "record-refund", "C-0001", str(amount), "JPY") for amount in (100, 200, 300, 400, 500)]
    time.sleep(2.0)
    holder.execute("COMMIT")
    holder.close()
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    with CaseStore(store) as s:
        assert s.case("C-0001")["refunded"] == {"JPY": 1500.0}


@pytest.mark.skipif(not DEMO, reason="demo statements missing")
def test_two_syncs_at_once_with_real_processes(tmp_path: Path) -> None:
    store = tmp_path / "cases.sqlite3"
    barrier = threading.Barrier(2)
    out: list[tuple[str, str, int]] = []

    def sync() -> None:
        barrier.wait()
        p = _run(store, "sync", *map(str, DEMO), "--client", "Demo A")
        out.append((*p.communicate(timeout=300), p.returncode))

    threads = [threading.Thread(target=sync) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(code == 0 for _, _, code in out), out
    assert not any("Error" in err or "internal" in err for _, err, _ in out)
    with CaseStore(store) as s:
        cases = s.cases("Demo A")
        assert len(cases) == len({c["key"] for c in cases}) > 0
        assert len(s.clients()) == 1
        assert int(s.db.execute("SELECT count(*) FROM statements").fetchone()[0]) == len(DEMO)
