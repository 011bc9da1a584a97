"""Prepaid bursts on cards that buy at convenience stores every day (labelled cases in tests/data/burst_density,
written by scripts/make_burst_density_cases.py): the habit is no burst, a gift-card burst on top of it is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from audit.evaluation import load_labelled
from audit.pipeline import analyse

DATA = Path(__file__).parent / "data" / "burst_density"


@pytest.fixture(scope="module")
def cases() -> dict[str, pd.DataFrame]:
    df = load_labelled(DATA)
    return {str(c): part.reset_index(drop=True) for c, part in df.groupby("case", sort=True)}


def _burst_ids(part: pd.DataFrame) -> set[str]:
    res = analyse(part.drop(columns=["case", "bucket", "stream_id", "scam"]))
    return {i for f in res.findings if f.kind == "prepaid_burst" for i in f.transaction_ids}


def _scam_purchases(part: pd.DataFrame) -> set[str]:
    konbini = part["description"].str.contains("セブン|ローソン|ファミリーマート")
    return set(part.loc[(part["scam"] == 1) & konbini, "id"])


@pytest.mark.parametrize("case", ["bd-01", "bd-04"])
def test_a_daily_konbini_habit_is_no_burst(cases, case):
    assert _burst_ids(cases[case]) == set()


@pytest.mark.parametrize("case", ["bd-02", "bd-03", "bd-05"])
def test_a_gift_card_burst_is_found_on_a_heavy_or_light_card(cases, case):
    part = cases[case]
    flagged = _burst_ids(part)
    scam = _scam_purchases(part)
    assert scam and scam <= flagged
    assert len(flagged - scam) <= len(scam)  # only that day's ordinary purchases come along


def test_the_rule_does_not_depend_on_row_order(cases):
    part = cases["bd-02"]
    shuffled = part.sample(frac=1.0, random_state=7).reset_index(drop=True)
    assert _burst_ids(shuffled) == _burst_ids(part)


def test_a_habit_needs_weeks_of_statements(cases):
    """A month of the same heavy card is too short to call the purchases a habit: the plain rule applies."""
    part = cases["bd-01"]
    month = part[part["date"] < part["date"].min() + pd.Timedelta(days=30)].reset_index(drop=True)
    assert _burst_ids(month)
