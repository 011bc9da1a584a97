"""Prepaid bursts on the blind konbini set (tests/data/konbini_blind, written by a helper that never read the
detector): every gift-card episode found, no burst on the cards without one, and the company cards' hundreds
of everyday convenience-store purchases a day neither make a burst nor pad a real one.

The first score, before the habitual buyers' rule was changed, is in the set's SCORE_BEFORE.txt (3 false
bursts, 88 ordinary rows swept in); the set has been a tuning set since."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("score_konbini_blind", ROOT / "scripts" / "score_konbini_blind.py")
scorer = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scorer  # dataclasses look their module up
_spec.loader.exec_module(scorer)


@pytest.fixture(scope="module")
def cases():
    return scorer.load()


@pytest.fixture(scope="module")
def scores(cases):
    return {case: scorer.score_case(case, part) for case, part in cases.items()}


def test_every_scam_row_is_flagged(scores):
    assert sum(s.scam_rows for s in scores.values()) == 30
    assert all(s.scam_rows_flagged == s.scam_rows for s in scores.values())


def test_no_burst_on_a_card_without_a_scam(scores):
    clean = [s for s in scores.values() if not s.scam_rows]
    assert len(clean) == 5
    assert all(s.burst_findings == 0 for s in clean)


def test_a_burst_holds_the_episode_and_not_the_day_s_everyday_purchases(scores):
    scam_cards = [s for s in scores.values() if s.scam_rows]
    assert all(s.false_bursts == 0 for s in scam_cards)
    assert sum(s.ordinary_rows_in_bursts for s in scam_cards) <= 2  # a lone same-day purchase may come along


def test_the_company_card_burst_does_not_depend_on_row_order(cases):
    part = cases["kb-06"]
    shuffled = part.sample(frac=1.0, random_state=11).reset_index(drop=True)
    assert scorer.score_case("kb-06", shuffled) == scorer.score_case("kb-06", part)
