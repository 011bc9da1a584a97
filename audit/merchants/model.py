"""One calibrated match probability from an alignment's features, and the one threshold.

The probability is a logistic function of the features of :class:`audit.merchants.align.Alignment`
(bits of agreeing words, of missing words, extra words...). Its coefficients and the threshold are
fitted on labelled descriptor/alias pairs that are not the blind sets (``scripts/fit_match_model.py``:
the project's own listed variants and legitimate names, and generated forms) and shipped in
``data/match_model.json`` with the counts they were fitted on.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

FEATURES = ("top_bits", "more_bits", "cut_bits", "abbrev_bits", "missing_bits", "extra_words", "extra_product", "spaced",
            "kana_bits_hi", "kana_bits_mid", "kana_missing_bits", "kana_gap")

# The direction each feature may move the log-odds, by construction: agreeing bits are evidence for a
# match, missing words, other words and kana the alias leaves uncovered are evidence against (a reading
# that needs gaps is weaker, never stronger). The fit keeps these signs (``scripts/fit_match_model.py``).
SIGNS = {
    "top_bits": 1, "more_bits": 1, "cut_bits": 1, "abbrev_bits": 1, "missing_bits": -1, "extra_words": -1,
    "kana_bits_hi": 1, "kana_bits_mid": 1, "kana_missing_bits": -1, "kana_gap": -1,
}

# used only until a fitted model is shipped (and by the fitting script as its starting point)
DEFAULT = {
    "intercept": -12.0, "top_bits": 1.0, "more_bits": 0.3, "cut_bits": 0.8, "abbrev_bits": 0.5, "missing_bits": -0.5,
    "extra_words": -6.0, "extra_product": -1.0, "spaced": -2.0, "kana_bits_hi": 0.8, "kana_bits_mid": 0.5,
    "kana_missing_bits": -0.5, "kana_gap": -10.0, "threshold": 0.5,
}


@dataclass(frozen=True)
class Model:
    coef: dict[str, float]
    intercept: float
    threshold: float
    meta: dict

    def logit(self, features: dict[str, float]) -> float:
        return self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def contributions(self, features: dict[str, float]) -> list[tuple[str, float, float]]:
        """(feature, value, contribution to the log-odds) for the non-zero features."""
        return [(k, v, self.coef.get(k, 0.0) * v) for k, v in features.items() if v]


def from_dict(d: dict) -> Model:
    coef = {k: float(d.get(k, DEFAULT[k])) for k in FEATURES}
    return Model(coef, float(d.get("intercept", DEFAULT["intercept"])), float(d.get("threshold", DEFAULT["threshold"])),
                 dict(d.get("meta", {})))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (defaults when the data file is missing)."""
    path = files("audit.merchants") / "data" / "match_model.json"
    try:
        return from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return from_dict(DEFAULT)
