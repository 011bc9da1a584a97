"""Files that are not readable statements: one-line StatementError naming the file, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from audit.errors import StatementError
from audit.readers import csv_reader, read_statement

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_shipped_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_reader, "load_layouts", lambda: [])


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.csv": (b"", "empty"),
    "blank.csv": (b"  \n\n \r\n", "empty"),
    "binary.csv": (bytes(range(256)) * 8, "binary"),
    "image.csv": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
    "names.csv": (b"name,age,city\nalice,30,Paris\nbob,41,Tokyo\n", "no transactions found"),
    "prose.csv": ("これは明細ではありません。\nただのメモです。\n".encode(), "no transactions found"),
    "header_only.csv": (b"Date,Description,Amount\n", "no transactions found"),
    "dates_only.csv": (b"Date,Note\n2026-05-01,hello\n2026-05-02,world\n", "no amount column"),
    "all_bad.csv": (b"Date,Description,Amount\n2026-05-01,A,x1\n2026-05-02,B,y2\n", "could not be read"),
    "truncated.csv": (b'"Date","Description","Amount\n2026-05-01,A,100\n', "no transactions found"),
    "utf16_nobom.csv": ("Date,Description,Amount\n".encode("utf-16-le"), "binary"),
    "noise.csv": (bytes((i * 97 + 13) % 255 + 1 for i in range(400)), "binary"),  # no NUL byte, many controls
    "renamed.pdf": (b"Date,Description,Amount\n2026-05-01,A,100\n", "not a PDF file"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_line_naming_the_file(name: str) -> None:
    data, why = BAD_FILES[name]
    with pytest.raises(StatementError) as err:
        read_statement(data=data, name=name)
    msg = str(err.value)
    assert msg.startswith(name + ":")
    assert why in msg
    assert "\n" not in msg


def test_all_bad_rows_error_names_the_first_row() -> None:
    with pytest.raises(StatementError, match=r"row 2: unreadable amount 'x1'"):
        read_statement(data=BAD_FILES["all_bad.csv"][0], name="all_bad.csv")


def test_huge_file_refused(tmp_path: Path) -> None:
    from audit.readers.limits import Limits

    big = b"Date,Description,Amount\n" + b"2026-05-01,SHOP,100\n" * 100
    with pytest.raises(StatementError, match=r"^big\.csv: exceeds the limit on file size"):
        read_statement(data=big, name="big.csv", limits=Limits(bytes=1000))
    path = tmp_path / "big2.csv"
    path.write_bytes(big)
    with pytest.raises(StatementError, match=r"^big2\.csv: exceeds the limit on file size"):
        read_statement(path, limits=Limits(bytes=1000))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(StatementError, match="file not found"):
        read_statement(tmp_path / "nope.csv")
    with pytest.raises(StatementError, match="directory"):
        read_statement(tmp_path)


def test_unexpected_internal_failure_is_still_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(csv_reader, "_parse", boom)
    with pytest.raises(StatementError, match=r"^x\.csv: cannot read this CSV \(KeyError"):
        read_statement(data=b"Date,Description,Amount\n2026-05-01,A,1\n", name="x.csv")


@pytest.mark.parametrize("name", ["names.csv", "binary.csv", "truncated.csv", "empty.csv"])
def test_cli_scan_bad_file_exits_non_zero_with_one_stderr_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name][0])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "audit", "scan", str(path)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert name in lines[0] and "Traceback" not in proc.stderr


def test_one_bad_cell_never_loses_the_file() -> None:
    """Issue 21: a year-0 date, control characters, a 400-digit amount and a quote left open are row
    warnings (or text taken out with a warning); the other rows are read."""
    zero = b"Date,Description,Amount\n2026-05-01,SHOP A,10.00\n0000-01-01,SHOP B,5.00\n2026-05-03,SHOP C,7.00\n"
    df, rep = read_statement(data=zero, name="zero.csv")
    assert df["description"].tolist() == ["SHOP A", "SHOP C"]
    assert [p.row for p in rep.problems] == [3] and "0000-01-01" in rep.problems[0].message

    bel = b"Date,Description,Amount\n2026-05-01,SHOP A,10.00\n2026-05-02,FICTIONAL " + b"\x07" * 16 + b"HELPDESK,5.00\n"
    df, rep = read_statement(data=bel, name="bel.csv")
    assert df["description"].tolist() == ["SHOP A", "FICTIONAL HELPDESK"]
    assert any("16 control characters removed" in w and "line 3" in w for w in rep.warnings)

    big = b"Date,Description,Amount\n2026-05-01,SHOP A,10.00\n2026-05-02,SHOP B," + b"9" * 400 + b"\n"
    df, rep = read_statement(data=big, name="big.csv")
    assert df["amount"].tolist() == [10.0]
    assert rep.problems[0].row == 3 and "too large" in rep.problems[0].message and len(rep.problems[0].message) < 120

    rows = b"".join(b"2026-05-%02d,SHOP %d,1.00\n" % (i, i) for i in range(3, 12))
    quote = b'Date,Description,Amount\n2026-05-01,SHOP A,10.00\n2026-05-02,"BROKEN QUOTE SHOP,5.00\n' + rows
    df, rep = read_statement(data=quote, name="quote.csv")
    assert len(df) == 11 and df["description"].iloc[1] == '"BROKEN QUOTE SHOP'
    assert any(w.startswith("row 3: a quote opens a field") for w in rep.warnings)
    legit = b'Date,Description,Amount\n2026-05-01,"TWO\nLINES",10.00\n2026-05-02,SHOP,1.00\n'  # a real line break
    df, _ = read_statement(data=legit, name="legit.csv")
    assert df["description"].tolist() == ["TWO LINES", "SHOP"]
