"""Scoring the whole pipeline on a labelled set, and the frozen independent set itself."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from audit import evaluation as ev
from audit.detection.scoring import format_scores, score


def tiny_set() -> pd.DataFrame:
    rows = []
    for case, bucket in (("c1", "listed"), ("c2", "legit")):
        for k in range(4):
            stream = f"{case}:s1" if k < 3 else ""
            rows.append({"id": f"{case}:r{k}", "source": f"{case}.csv", "row": k, "date": f"2024-0{k + 1}-05",
                         "description": "X", "amount": 10.0, "currency": "USD", "kind": "charge", "case": case,
                         "bucket": bucket, "stream_id": stream, "scam": int(case == "c1" and k < 3)})
    return ev.schema.conform(pd.DataFrame(rows))


def runner_flagging(ids_of):
    def run(tx: pd.DataFrame):
        ids = list(tx["id"])
        stream = SimpleNamespace(transaction_ids=ids[:3], suspicious=False)
        finding = SimpleNamespace(transaction_ids=ids_of(ids))
        return [stream], [finding]
    return run


def test_perfect_runner_scores_one_and_counts_false_flags():
    counts = score(tiny_set(), runner_flagging(lambda ids: ids[:3] if ids[0].startswith("c1") else []))
    c = counts["ALL"]
    assert (c["tp"], c["fp"], c["fn"]) == (3, 0, 0)
    assert (c["s_tp"], c["s_fp"], c["s_fn"], c["s_exact"]) == (2, 0, 0, 2)
    assert (c["legit"], c["legit_flagged"]) == (1, 0)
    flag_all = score(tiny_set(), runner_flagging(lambda ids: ids))["ALL"]
    assert (flag_all["fp"], flag_all["legit_flagged"]) == (5, 1)  # 1 row of c1, 4 of c2
    text = format_scores(counts, "title")
    assert text.splitlines()[0] == "title" and "listed" in text and "ALL" in text


def test_a_runner_that_finds_nothing_has_zero_recall():
    c = score(tiny_set(), lambda tx: ([], []))["ALL"]
    assert (c["tp"], c["fn"], c["s_tp"], c["s_fn"]) == (0, 3, 0, 2)


@pytest.fixture(scope="module")
def independent() -> pd.DataFrame:
    return ev.load_labelled(ev.INDEPENDENT_DATA)


def test_independent_set_is_there_whole(independent):
    assert independent["case"].nunique() == 130 and independent["id"].is_unique
    assert {"listed", "unlisted", "bursts", "legit-subscriptions", "everyday"} <= set(independent["bucket"])
    assert "client" in independent.columns
    assert int(independent["scam"].sum()) == 372


def test_independent_cases_score_through_the_real_pipeline(independent):
    """Two cases only (the whole set runs in `audit eval`): a listed one is found, an everyday one stays quiet."""
    cases = [independent.loc[independent["bucket"] == b, "case"].iloc[0] for b in ("listed", "everyday")]
    counts = score(independent[independent["case"].isin(cases)])
    assert counts["everyday"]["fp"] == 0 and counts["everyday"]["s_fp"] == 0
    assert counts["listed"]["tp"] > 0
