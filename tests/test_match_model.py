"""The match model keeps the sign each feature has by construction, and a kana reading that needs letters
skipped or left over is weaker evidence than a clean one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from audit.merchants.align import prepare
from audit.merchants.kana_align import align_kana
from audit.merchants.model import FEATURES, SIGNS, model

ROOT = Path(__file__).resolve().parents[1]


def _fit_script():
    spec = importlib.util.spec_from_file_location("fit_match_model", ROOT / "scripts" / "fit_match_model.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shipped_coefficients_keep_their_signs() -> None:
    coef = model().coef
    for name, sign in SIGNS.items():
        assert sign * coef[name] >= 0, (name, coef[name])
    assert coef["kana_gap"] <= 0


def test_fit_holds_a_wrong_signed_coefficient_at_zero() -> None:
    """Data in which the gap feature goes with positives (as collinear features can make it): the fit
    must not turn it into evidence for a match."""
    fit = _fit_script().fit
    rng = np.random.default_rng(0)
    n = 4000
    X = np.zeros((n, len(FEATURES)))
    top, gap = FEATURES.index("top_bits"), FEATURES.index("kana_gap")
    y = (rng.random(n) < 0.3).astype(float)
    X[:, top] = rng.normal(10, 3, n) + 6 * y
    X[:, gap] = np.clip(rng.normal(0.2, 0.1, n) + 0.3 * y, 0, 1)  # wrongly "for" a match in this data
    _b, coef = fit(X, y, {})
    assert coef[top] > 0
    assert coef[gap] == 0.0
    X[:, gap] = np.clip(rng.normal(0.2, 0.1, n) + 0.3 * (1 - y), 0, 1)  # the right way round: kept, negative
    _b, coef = fit(X, y, {})
    assert coef[gap] < 0


def test_letters_skipped_inside_a_kana_reading_count_as_gap() -> None:
    from audit.merchants.kana import kana_key

    alias = prepare(0, "Zorvexkal")
    clean = kana_key("ゾルベクスカル")
    padded = kana_key("ゾルベインクスカル")  # the same reading with letters inserted inside it
    a, b = align_kana(alias, clean, []), align_kana(alias, padded, [])
    assert a is not None and b is not None
    assert b.kana_gap > a.kana_gap
    assert model().probability(b.features()) < model().probability(a.features())
