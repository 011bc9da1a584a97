"""Precision and recall of the matcher on a labelled descriptor set (used to choose THRESHOLD).

The CSV has columns ``descriptor``, ``expected`` (entry id, empty for negatives), ``group``
(``positive``, ``hard_negative`` or ``negative``) and ``note``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from audit.merchants.matching import MerchantDB
from audit.merchants.parse import parse


@dataclass
class Scored:
    descriptor: str
    expected: str  # "" for negatives
    group: str
    best_id: str  # best candidate entry id ("" when none)
    score: float  # its score (0 when none)
    blocked: bool  # a kana-only hit on a legit brand descriptor (never counts)


def read_labels(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def score_labels(rows: list[dict[str, str]], db: MerchantDB) -> list[Scored]:
    """Best candidate and score per labelled descriptor, independent of the threshold."""
    out = []
    for r in rows:
        d = parse(r["descriptor"])
        cands = db.candidates(d, limit=1)
        best = cands[0] if cands else None
        blocked = bool(best and best.method == "katakana" and db.brand(d.raw) is not None)
        out.append(Scored(r["descriptor"], r["expected"], r["group"], best.entry.id if best else "",
                          best.score if best else 0.0, blocked))
    return out


def precision_recall(scored: list[Scored], threshold: float) -> dict[str, float]:
    """Counts and precision/recall when hits at or above ``threshold`` count (right entry = TP)."""
    tp = fp = fn = 0
    for s in scored:
        hit = s.score >= threshold and not s.blocked and s.best_id != ""
        if s.expected:
            if hit and s.best_id == s.expected:
                tp += 1
            else:
                fn += 1
                if hit:
                    fp += 1  # matched the wrong entry
        elif hit:
            fp += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"threshold": threshold, "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall}
