"""``audit cases ...`` end to end on the demo statements, in a temporary data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.cli import main

DEMO = sorted((Path(__file__).resolve().parents[1] / "sample_statements" / "demo" / "client_a").glob("*"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path))
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["cases", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.skipif(not DEMO, reason="demo statements missing")
def test_workflow_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sync", *map(str, DEMO), "--client", "Demo A")
    assert code == 0 and "case(s) for Demo A" in out
    code, out, _ = run(capsys, "list", "--as-of", "2026-12-01")
    key = out.split()[0]
    assert code == 0 and "to write" in out and "next steps as of 2026-12-01" in out
    code, out, _ = run(capsys, "record-letter", key, "--kind", "cancellation", "--text", "Dear support",
                       "--date", "2026-11-20")
    assert code == 0 and "request sent" in out
    code, out, _ = run(capsys, "record-reply", key, "--text", "Automatic reply. Your ticket number is 88123.")
    assert code == 0 and "ticket 88123" in out
    code, out, _ = run(capsys, "set-status", key, "refused", "--date", "2026-12-01", "--note", "said no")
    assert code == 0 and "refused" in out
    code, out, _ = run(capsys, "record-refund", key, "4980", "jpy")
    assert code == 0 and "refunded JPY 4,980" in out
    code, _, err = run(capsys, "record-refund", key, "-1", "JPY")
    assert code == 1 and "positive amount" in err
    code, out, _ = run(capsys, "show", key)
    case = json.loads(out)
    assert [e["new"] for e in case["events"]] == ["sent", "auto_reply", "refused"] and case["ticket"] == "88123"
    code, out, _ = run(capsys, "export", "Demo A")
    assert json.loads(out)["client"] == "Demo A"
    code, _, err = run(capsys, "forget", "Demo A")
    assert code == 1 and "--yes" in err
    code, out, _ = run(capsys, "forget", "Demo A", "--yes")
    assert code == 0
    code, out, _ = run(capsys, "list")
    assert out.strip() == "no cases"


def test_unknown_case_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nope")
    assert code == 1 and err.count("\n") == 1 and "no case" in err
