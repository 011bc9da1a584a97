"""Scoring audit scan on statement files labelled by (file, physical line)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from audit.detection import file_scoring as fs

HEADER = "case,file,line,date,description,amount,scam,stream_id,bucket,brand_legit,notes\n"


def write_set(root: Path) -> Path:
    """One case, one generic CSV: three monthly charges of a fake support plan, a legit brand, a shop."""
    case = root / "cases" / "c-1"
    case.mkdir(parents=True)
    lines = ["利用日,利用店名,利用金額"]
    rows = [("2025-01-05", "ｻﾝﾌﾟﾙｻﾎﾟｰﾄ", 7980, 1, "c-1:s1", 0), ("2025-01-06", "APPLE COM BILL", 400, 0, "c-1:s2", 1),
            ("2025-01-07", "スーパーA", 1200, 0, "", 0), ("2025-02-05", "ｻﾝﾌﾟﾙｻﾎﾟｰﾄ", 7980, 1, "c-1:s1", 0),
            ("2025-02-06", "APPLE COM BILL", 400, 0, "c-1:s2", 1), ("2025-03-05", "ｻﾝﾌﾟﾙｻﾎﾟｰﾄ", 7980, 1, "c-1:s1", 0),
            ("2025-03-06", "APPLE COM BILL", 400, 0, "c-1:s2", 1)]
    labels = HEADER
    for n, (d, desc, amt, scam, sid, legit) in enumerate(rows, start=2):
        lines.append(f"{d.replace('-', '/')},{desc},{amt}")
        labels += f"c-1,c-1/card.csv,{n},{d},{desc},{amt},{scam},{sid},demo,{legit},\n"
    (case / "card.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "labels.csv").write_text(labels, encoding="utf-8")
    (root / "cases.csv").write_text("case,bucket,layout\nc-1,demo,generic\n", encoding="utf-8")
    return root


def fake_scanner(flag_rows: list[int], stream_rows: list[int], skip_rows: tuple[int, ...] = ()):
    """A scan result for card.csv whose rows 2..8 are read (but ``skip_rows``), flagging ``flag_rows``."""
    def run(folder: Path):
        rows = [r for r in range(2, 9) if r not in skip_rows]
        tx = pd.DataFrame({"id": [f"card.csv:r{r}" for r in rows], "source": "card.csv", "row": rows,
                           "date": pd.to_datetime(["2025-01-05"] * len(rows)), "amount": 7980.0,
                           "description": "x"})
        finding = SimpleNamespace(transaction_ids=[f"card.csv:r{r}" for r in flag_rows])
        sub = SimpleNamespace(transaction_ids=[f"card.csv:r{r}" for r in stream_rows], suspicious=False)
        return SimpleNamespace(transactions=tx, findings=[finding], subscriptions=[sub], contracts=[])
    return run


def test_perfect_and_wrong_scanners(tmp_path):
    root = write_set(tmp_path)
    perfect = fs.totals(fs.score_set(root, fake_scanner([2, 5, 7], [2, 5, 7])))["ALL"]
    assert (perfect["tp"], perfect["fp"], perfect["fn"]) == (3, 0, 0)
    assert (perfect["s_true"], perfect["s_tp"], perfect["s_fn"]) == (2, 1, 1)
    assert (perfect["legit_rows"], perfect["legit_flagged"]) == (3, 0)
    wrong = fs.totals(fs.score_set(root, fake_scanner([3, 6, 4], [3, 6, 8])))["ALL"]
    assert (wrong["tp"], wrong["fp"], wrong["fn"]) == (0, 3, 3)
    assert (wrong["legit_flagged"], wrong["legit_streams_flagged"]) == (2, 1)


def test_reader_misses_are_counted_apart(tmp_path):
    root = write_set(tmp_path)
    c = fs.totals(fs.score_set(root, fake_scanner([2, 5], [2, 5], skip_rows=(7,))))["ALL"]
    assert (c["missed"], c["scam_missed"], c["read"]) == (1, 1, 6)
    assert (c["tp"], c["fn"]) == (2, 0)  # the unread scam row is no detector miss


def test_real_scan_and_report(tmp_path):
    root = write_set(tmp_path)
    scores = fs.score_set(root)
    c = fs.totals(scores)["ALL"]
    assert c["labelled"] == c["read"] == 7 and c["missed"] == 0 and c["misread"] == 0
    text = fs.report(scores, verbose=True)
    assert "per bucket" in text and "demo" in text and "generic" in text
