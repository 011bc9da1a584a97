"""The independent hold-out set (``tests/data/recurring_holdout/``): generator, labels and scores.

The figures are computed here from ``audit.evaluation``; nothing is hard-coded. The set was written
without reading the detector, so a low score is a finding about the detector, not about the test.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from audit import evaluation as ev

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "recurring_holdout"
REAL_BRANDS = ("MICROSOFT", "MSBILL", "NORTON", "MCAFEE", "APPLE", "GOOGLE", "NETFLIX", "SPOTIFY", "AMAZON")


@pytest.fixture(scope="module")
def gen() -> types.ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("make_recurring_holdout")
    finally:
        sys.path.pop(0)


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return ev.load_labelled(DATA)


@pytest.fixture(scope="module")
def result(labelled: pd.DataFrame) -> dict[str, Any]:
    return ev.evaluate(data=labelled)


def test_generator_is_deterministic_and_committed_file_is_its_output(gen, tmp_path):
    text = gen.render(gen.build_cases(gen.DEFAULT_SEED))
    assert text == gen.render(gen.build_cases(gen.DEFAULT_SEED))
    assert text != gen.render(gen.build_cases(gen.DEFAULT_SEED + 1))
    assert (DATA / gen.CSV_NAME).read_text(encoding="utf-8") == text
    assert gen.main(["--check"]) == 0
    (tmp_path / gen.CSV_NAME).write_text(text.replace("NETFLIX.COM", "NETFLIX"), encoding="utf-8")
    assert gen.main(["--check", "--out", str(tmp_path)]) == 1


def test_labels_are_consistent(labelled):
    assert labelled["id"].is_unique
    assert labelled["bucket"].nunique() >= 12
    streams = labelled[labelled["stream_id"] != ""]
    assert 150 <= streams["stream_id"].nunique() <= 300
    assert (streams.groupby("stream_id")["case"].nunique() == 1).all()  # a stream never spans cases
    sizes = streams.groupby("stream_id").size()
    # every labelled stream has a 2nd charge, but a plan of a stated length seen once (issue 19: "3YR PLAN")
    assert (sizes[~sizes.index.str.endswith("-plan")] >= 2).all()
    assert (sizes[sizes.index.str.endswith("-plan")] == 1).all()
    assert (streams["kind"] == "charge").all()
    # a stream is all-scam or all-legit
    assert (streams.groupby("stream_id")["scam"].nunique() == 1).all()
    assert (labelled.loc[labelled["bucket"] == "noise-only", "stream_id"] == "").all()
    assert set(labelled["currency"]) == {"JPY", "USD", "GBP"}


def test_scam_merchants_are_fictional_and_legit_brands_are_not_scams(labelled):
    scam = labelled.loc[labelled["scam"] == 1, "description"].str.upper()
    for brand in REAL_BRANDS:
        assert not scam.str.contains(brand, regex=False).any(), brand
    legit = labelled.loc[labelled["bucket"] == "legit-security", "description"].str.upper()
    for brand in ("MCAFEE", "NORTON", "MICROSOFT", "MSBILL"):
        assert legit.str.contains(brand, regex=False).any(), brand


def test_detector_recall_beats_baseline_on_holdout(result):
    det, base = result["overall"]["detector"], result["overall"]["baseline"]
    assert det["recall"] > base["recall"]


def test_detector_precision_beats_baseline_on_holdout(result):
    # was a strict xfail: irregular fixed-price repeats (parking, transit top-ups, drop-ins) became
    # streams and trailing-ID descriptor variants split; fixed by the grid / chance-repeat checks
    det, base = result["overall"]["detector"], result["overall"]["baseline"]
    assert det["precision"] > base["precision"]
    assert det["recall"] >= base["recall"]


def test_scam_signals_find_most_scam_charges_without_flagging_most_legit_ones(result):
    charges = result["signals"]["charges"]
    assert charges["tp"] > 0
    assert charges["precision"] > 0.5
    assert charges["recall"] > 0.5


def test_legit_security_vendors_are_not_flagged(labelled):
    legit = labelled[labelled["bucket"] == "legit-security"]
    out = ev.evaluate(data=legit, baseline=None)
    assert out["signals"]["charges"]["fp"] == 0
    assert out["overall"]["detector"]["recall"] > 0
