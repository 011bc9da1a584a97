"""End-to-end checks of ``audit scan``: the whole pipeline on the bundled fictional statements."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from audit import cli
from audit.pipeline import scan, scan_uploads

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_statements"
CLIENT_A = sorted((SAMPLES / "demo" / "client_a").glob("*.csv"))
MINATO_PDF = SAMPLES / "minato_2026-01.pdf"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def client_a_json() -> dict:
    result = scan([*CLIENT_A, MINATO_PDF])
    return json.loads(json.dumps(result.to_json(), ensure_ascii=False))


def test_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "scan", *map(str, CLIENT_A), str(MINATO_PDF), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert {"transactions", "findings", "subscriptions"} <= doc.keys()
    tx_fields = {"id", "source", "date", "description", "amount", "currency", "original_amount", "original_currency"}
    assert doc["transactions"] and all(tx_fields <= t.keys() for t in doc["transactions"])
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["date"]) for t in doc["transactions"])
    assert {t["source"] for t in doc["transactions"]} == {p.name for p in [*CLIENT_A, MINATO_PDF]}
    for f in doc["findings"]:
        assert {"kind", "merchant", "score", "reasons"} <= f.keys()
        assert f["reasons"] and all(isinstance(r, str) and r for r in f["reasons"])
    for s in doc["subscriptions"]:
        assert {"merchant", "transaction_ids", "cadence", "suspicious"} <= s.keys()


def test_ids_link_findings_and_subscriptions_to_transactions(client_a_json: dict) -> None:
    ids = [t["id"] for t in client_a_json["transactions"]]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for item in client_a_json["findings"] + client_a_json["subscriptions"]:
        assert item["transaction_ids"] and set(item["transaction_ids"]) <= known


def test_known_scam_and_unknown_pattern_are_found_legit_subscriptions_are_not(client_a_json: dict) -> None:
    kinds = {(f["kind"], f["merchant"]) for f in client_a_json["findings"]}
    assert ("known_merchant", "Restoro") in kinds  # on the shipped list, with its source
    # a monthly foreign-currency "support" charge that no list names is still found by its pattern
    assert any(k == "foreign_software_recurring" for k, _ in kinds)
    subs = {s["merchant_key"]: s for s in client_a_json["subscriptions"]}
    apple = subs["APPLE BILL"]
    assert apple["cadence"] == "monthly" and apple["suspicious"] is False
    assert any(s["suspicious"] for s in subs.values())


def test_readable_report_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "scan", *map(str, CLIENT_A))
    assert code == 0, err
    assert "Restoro" in out and "rakuten_2026-05.csv" in out
    assert "Traceback" not in out + err


def test_bad_file_is_one_line_and_the_rest_is_still_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<")  # truncated
    code, out, err = run_cli(capsys, "scan", str(bad), str(CLIENT_A[0]), "--json")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("audit: error")]
    assert len(lines) == 1 and "broken.pdf" in lines[0]
    assert "Traceback" not in err
    assert json.loads(out)["transactions"]  # the good file is still there



@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_nothing_readable_gives_only_the_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: list[str]
) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("just some notes\nnothing else\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "scan", str(bad), *flag)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("audit: error: notes.csv:")

def test_same_statement_twice_is_counted_once(tmp_path: Path) -> None:
    copy = tmp_path / CLIENT_A[0].name
    shutil.copy(CLIENT_A[0], copy)
    once = scan([CLIENT_A[0]])
    twice = scan([CLIENT_A[0], copy])
    assert len(twice.transactions) == len(once.transactions)
    assert any("same content" in w for w in twice.reports[1].warnings)


def test_uploads_and_files_give_the_same_result() -> None:
    from_disk = scan(CLIENT_A).to_json()
    uploaded = scan_uploads([(p.name, p.read_bytes()) for p in CLIENT_A]).to_json()
    assert from_disk["transactions"] == uploaded["transactions"]
    assert from_disk["findings"] == uploaded["findings"]


def test_broken_merchant_list_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "local.toml"
    bad.write_text("[[entry]\nid = 1\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "scan", str(CLIENT_A[0]), "--list", str(bad))
    assert code == 1
    assert err.count("\n") == 1 and "local.toml" in err and "Traceback" not in err


def test_internal_error_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("audit.pipeline.analyse", boom)
    monkeypatch.delenv("AUDIT_DEBUG", raising=False)
    code, _, err = run_cli(capsys, "scan", str(CLIENT_A[0]))
    assert code == 3
    assert err.count("\n") == 1 and "simulated bug" in err


def test_statement_coverage_takes_printed_periods_and_row_dates() -> None:
    import datetime as dt

    import pandas as pd

    from audit.detection.recurring import coverage_of

    def day(y: int, m: int, d: int) -> float:
        return float((dt.date(y, m, d) - dt.date(1970, 1, 1)).days)

    tx = pd.DataFrame({
        "source": ["dec.pdf", "dec.pdf", "jun.csv", "jun.csv"],
        "date": pd.to_datetime(["2025-12-20", "2026-01-10", "2026-06-02", "2026-06-28"]),
    })
    printed = {"dec.pdf": (dt.date(2025, 12, 16), dt.date(2026, 1, 15))}
    cover = sorted(coverage_of(tx, printed))
    assert cover == [(day(2025, 12, 16), day(2026, 1, 15)), (day(2026, 6, 2), day(2026, 6, 28))]
    assert coverage_of(tx[tx["source"] == "jun.csv"], printed) is None


def test_monthly_charge_in_a_december_pdf_and_june_csvs_is_not_one_long_stream() -> None:
    result = scan([MINATO_PDF, *CLIENT_A])
    netflix = [s for s in result.subscriptions if "NETFLIX" in s.merchant.upper()]
    assert netflix and all(s.cadence == "monthly" for s in netflix)
    pdf_ids = set(result.transactions.loc[result.transactions["source"] == MINATO_PDF.name, "id"])
    assert not any(pdf_ids & set(s.transaction_ids) and set(s.transaction_ids) - pdf_ids for s in netflix)
