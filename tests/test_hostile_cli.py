"""Issue 21 (round two) on the command line: --out never overwrites an input, Parquet input checked per
file, descriptors capped, NaN limits refused, formula-like Unicode minus neutralised; issue 20.12: paths as
typed and folders of per-client folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from audit import cli, schema
from audit.readers import read_statement
from audit.scale.output import _neutralise

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_statements" / "demo"
RAKUTEN = ROOT / "sample_statements" / "rakuten.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def only_lines(err: str, n: int = 1) -> list[str]:
    lines = err.splitlines()
    assert len(lines) == n, err
    assert not any("Traceback" in ln or "internal error" in ln for ln in lines)
    return lines


@pytest.mark.parametrize("case", ["same file", "table name in folder", "file where folder needed",
                                  "folder where file needed", "missing parent"])
def test_out_never_overwrites_inputs_and_bad_out_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              case: str) -> None:
    stmt = tmp_path / "stmt.csv"
    shutil.copy(RAKUTEN, stmt)
    tx = tmp_path / "transactions.csv"
    shutil.copy(RAKUTEN, tx)
    before = {p: p.read_bytes() for p in (stmt, tx)}
    argv = {
        "same file": [str(stmt), "--out", str(stmt)],
        "table name in folder": [str(tx), "--format", "csv", "--out", str(tmp_path)],
        "file where folder needed": [str(stmt), "--format", "parquet", "--out", str(stmt)],
        "folder where file needed": [str(stmt), "--json", "--out", str(tmp_path)],
        "missing parent": [str(stmt), "--out", str(tmp_path / "no" / "such" / "r.txt")],
    }[case]
    code, out, err = run(capsys, "scan", *argv)
    (line,) = only_lines(err)
    assert code == 2 and line.startswith("audit: error: --out ") and out == ""
    assert {p: p.read_bytes() for p in (stmt, tx)} == before


def test_out_to_a_fresh_place_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "scan", str(RAKUTEN), "--format", "csv", "--out", str(tmp_path / "res"))
    assert code == 0 and (tmp_path / "res" / "contracts.csv").exists()
    code, _, _ = run(capsys, "scan", str(RAKUTEN), "--json", "--out", str(tmp_path / "r.json"))
    assert code == 0 and (tmp_path / "r.json").stat().st_size > 0


def test_missing_path_named_as_typed_and_unmatched_pattern(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    typed = str(tmp_path / "sub" / "nope.csv")
    code, _, err = run(capsys, "scan", typed, str(RAKUTEN))
    (line,) = only_lines(err)
    assert code == 1 and line == f"audit: error: {typed}: file not found"
    pattern = str(DEMO / "*.csv")  # what the shell leaves when nothing matches
    code, _, err = run(capsys, "scan", pattern)
    (line,) = only_lines(err)
    assert code == 1 and pattern in line and "one folder per client" in line and "client_a" in line


def test_folder_of_client_folders_is_audited_per_client(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, err = run(capsys, "scan", str(DEMO), "--json")
    (note,) = only_lines(err)
    assert code == 0 and note.startswith("audit: note: ") and "client_a, client_b" in note
    doc = json.loads(out)
    assert {t["client"] for t in doc["transactions"]} == {"client_a", "client_b"}
    code, out, err = run(capsys, "scan", str(DEMO), "--client", "one person", "--json")
    assert code == 0 and err == "" and {t["client"] for t in json.loads(out)["transactions"]} == {"one person"}


def test_empty_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "scan", str(tmp_path / "empty"))
    (line,) = only_lines(err)
    assert code == 1 and "holds no statement files" in line


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "NaN"])
def test_limit_nan_or_infinite_refused(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = run(capsys, "scan", str(RAKUTEN), "--limit", f"seconds_per_page={value}")
    (line,) = only_lines(err)
    assert code == 2 and ("positive" in line or "not a number" in line)


def test_descriptions_capped_with_a_warning_whatever_the_length() -> None:
    rows = "date,description,amount\n" + "".join(
        f"2026-01-{d:02d},FS *PCSHIELD {'X' * (20000 * (d % 3))},4980\n" for d in range(1, 13))
    df, report = read_statement(data=rows.encode(), name="long.csv")
    assert len(df) == 12 and df["description"].str.len().max() == schema.MAX_DESCRIPTION
    assert df["description"].str.startswith("FS *PCSHIELD").all()
    (warning,) = [w for w in report.warnings if "longer than" in w]
    assert warning.startswith("8 descriptions longer than 256 characters") and "first at row 2" in warning


def test_csv_export_neutralises_every_minus_and_plus_sign() -> None:
    df = pd.DataFrame({"description": ["\u2212cmd|' /C calc'!A0", "\ufe63 1+1", "\uff0d1", "\ufe62x", "=1+1", "ok"]})
    out = _neutralise(df)["description"].tolist()
    assert all(v.startswith("'") for v in out[:5]) and out[5] == "ok"


# --- Dask Parquet input ------------------------------------------------------------------------------

def _frame(client: str, n: int = 24) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"{client}{i}" for i in range(n)], "client": client,
                         "date": pd.date_range("2025-01-05", periods=n, freq="30D"),
                         "description": "FS *RESTORO 8443", "amount": 4980.0, "currency": "JPY"})


def test_parquet_input_checked_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    data = tmp_path / "data"
    data.mkdir()
    _frame("A").to_parquet(data / "1_good.parquet")
    _frame("B").assign(amount=lambda d: d["amount"].astype(str)).to_parquet(data / "2_text_amount.parquet")
    _frame("C").assign(amount=lambda d: d["amount"].astype("int64"), extra=1).to_parquet(data / "3_other_schema.parquet")
    _frame("D").assign(id="same").to_parquet(data / "4_dup_ids.parquet")
    _frame("E").drop(columns=["id"]).to_parquet(data / "5_no_id.parquet")
    (data / "6_not_parquet.parquet").write_bytes(b"PAR1 but not really")
    _frame("F", n=3000).to_parquet(data / "7_many_rows.parquet")
    _frame("G").drop(columns=["client"]).to_parquet(data / "8_no_client.parquet")
    _frame("H").assign(description="X" * 5000).to_parquet(data / "9_long.parquet")
    code, out, err = run(capsys, "scan", str(data), "--engine", "dask", "--scheduler", "threads",
                         "--limit", "rows=2000", "--out", str(tmp_path / "out"))
    lines = err.splitlines()
    assert not any("Traceback" in ln or "internal error" in ln or "WARNING" in ln for ln in lines), err
    errors = [ln for ln in lines if ln.startswith("audit: error: ")]
    warnings = [ln for ln in lines if ln.startswith("audit: warning: ")]
    assert len(errors) + len(warnings) == len(lines)
    assert [e.split(": ")[2].rsplit("/", 1)[-1] for e in errors] == [
        "2_text_amount.parquet", "6_not_parquet.parquet", "7_many_rows.parquet", "8_no_client.parquet"]
    assert "holds text values" in errors[0] and "3,000 > 2,000" in errors[2] and "no 'client' column" in errors[3]
    assert {w.split(": ")[2].rsplit("/", 1)[-1] for w in warnings} == {
        "4_dup_ids.parquet", "5_no_id.parquet", "9_long.parquet"}
    assert code == 1 and "rows of 5 clients" in out  # A, C, D, E, H: the other files are still read
    contracts = pd.read_parquet(tmp_path / "out" / "contracts")
    assert set(contracts["client"]) == {"A", "C", "D", "E"}  # a missing id column no longer hides a client


def test_dask_without_the_scale_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    code, _, err = run(capsys, "scan", str(RAKUTEN), "--engine", "dask", "--out", str(tmp_path / "o"))
    (line,) = only_lines(err)
    assert code == 2 and "pip install" in line and "scale" in line
