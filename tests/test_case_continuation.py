"""One case per contract across statement periods: ``cases sync`` of the next months of the same card and
merchant continues the existing case, with its letters and replies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.cli import main


def statement(path: Path, months: range, merchant: str = "ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ", card: str = "") -> Path:
    """A statement of ``months``; with ``card`` each line prints the (masked) card number. The amount's heading
    says yen (Japanese headings alone state no currency, issue 24)."""
    lines = ["利用日,利用店名・商品名,利用金額(円)" + (",カード番号" if card else "")]
    tail = f",{card}" if card else ""
    for m in months:
        lines += [f"2025/{m:02d}/05,{merchant},7980{tail}", f"2025/{m:02d}/12,NETFLIX.COM,1490{tail}",
                  f"2025/{m:02d}/21,ﾛｰｿﾝ ﾈﾘﾏ,{380 + 17 * m}{tail}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["cases", *argv])
    return code, capsys.readouterr().out


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.mark.parametrize("card", ["", "****1234"])
def test_the_next_months_continue_the_case_with_its_letters(tmp_path, capsys, card):
    first = statement(tmp_path / "jan_apr.csv", range(1, 5), card=card)
    code, out = run(capsys, "sync", str(first), "--client", "A")
    assert code == 0 and "1 case(s)" in out
    _, listed = run(capsys, "list", "--client", "A", "--json")
    [case] = json.loads(listed)["cases"]
    run(capsys, "record-letter", case["ref"], "--kind", "cancellation", "--text", "Dear support", "--date", "2025-05-01")
    run(capsys, "record-reply", case["ref"], "--text", "Automatic reply. Your ticket number is 51234.")
    later = statement(tmp_path / "may_aug.csv", range(5, 9), card=card)
    code, out = run(capsys, "sync", str(later), "--client", "A")
    assert code == 0 and "1 case(s)" in out
    _, listed = run(capsys, "list", "--client", "A", "--json")
    cases = json.loads(listed)["cases"]
    assert len(cases) == 1, cases  # no second case asking to send the request again
    [again] = cases
    assert again["ref"] == case["ref"] and again["status"] == "auto_reply"
    assert (again["first_date"], again["last_date"]) == ("2025-01-05", "2025-08-05")
    assert again["paid"] == {"JPY": 8 * 7980.0}
    _, shown = run(capsys, "show", case["ref"])
    detail = json.loads(shown)
    assert detail["ticket"] == "51234" and len(detail["letters"]) == 1


def test_a_re_scan_of_the_same_months_is_the_same_case_and_another_merchant_is_another(tmp_path, capsys):
    first = statement(tmp_path / "jan_apr.csv", range(1, 5))
    run(capsys, "sync", str(first), "--client", "A")
    run(capsys, "sync", str(first), "--client", "A")
    other = statement(tmp_path / "other.csv", range(5, 9), merchant="ｱｯﾌﾟﾙｻﾎﾟｰﾄﾃﾞｽｸ")
    run(capsys, "sync", str(other), "--client", "A")
    _, listed = run(capsys, "list", "--client", "A", "--json")
    cases = json.loads(listed)["cases"]
    assert len(cases) == 2 and {c["paid"]["JPY"] for c in cases} == {4 * 7980.0}


@pytest.mark.parametrize("card", ["", "****1234"])
@pytest.mark.parametrize("order", [("1", "12", "23"), ("23", "1", "12"), ("3", "2", "1", "123")])
def test_loading_overlapping_statements_in_any_order_keeps_one_case_per_contract(tmp_path, capsys, card, order):
    """Walk 21: file 1, then files 1+2, then 2+3 opened three cases for one stream, an earlier case holding a
    subset of a later one's charges. Every load continues the one case; each charge counts once."""
    files = {"1": statement(tmp_path / "jan_apr.csv", range(1, 5), card=card),
             "2": statement(tmp_path / "may_aug.csv", range(5, 9), card=card),
             "3": statement(tmp_path / "sep_dec.csv", range(9, 13), card=card)}
    for load in order:
        code, _ = run(capsys, "sync", *(str(files[k]) for k in load), "--client", "A")
        assert code == 0
    _, listed = run(capsys, "list", "--client", "A", "--json")
    cases = json.loads(listed)["cases"]
    assert len(cases) == 1, [(c["ref"], c["first_date"], c["paid"]) for c in cases]
    [case] = cases
    assert (case["first_date"], case["last_date"]) == ("2025-01-05", "2025-12-05")
    assert case["paid"] == {"JPY": 12 * 7980.0}


def test_a_case_kept_before_charges_were_stored_is_continued_without_counting_twice(tmp_path, capsys):
    first = statement(tmp_path / "jan_apr.csv", range(1, 5))
    run(capsys, "sync", str(first), "--client", "A")
    import sqlite3

    from audit.cases.store import default_path

    db = sqlite3.connect(default_path())
    db.execute("UPDATE cases SET charges = '{}'")  # as an older version left it: money only
    db.commit()
    db.close()
    run(capsys, "sync", str(first), str(statement(tmp_path / "may_aug.csv", range(5, 9))), "--client", "A")
    _, listed = run(capsys, "list", "--client", "A", "--json")
    [case] = json.loads(listed)["cases"]
    assert case["paid"] == {"JPY": 8 * 7980.0}
