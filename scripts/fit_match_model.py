"""Fit the merchant match model and choose its threshold on labelled pairs (never the blind sets).

Labelled descriptors:

* positives: ``tests/data/merchants/listed_*.csv`` (statement forms of the shipped aliases) and the
  positives of ``tests/data/descriptor_labels.csv``; ``tests/data/merchants/pairs.csv`` rows with an
  entry id (generated forms, see its ``make_pairs.py``);
* negatives: ``tests/data/merchants/legit_*.csv``, the negatives of ``descriptor_labels.csv`` and the
  ``pairs.csv`` rows without an entry (held-out legitimate names in statement forms, look-alikes,
  katakana renderings of common words).

Every candidate alias the matcher lays over a labelled descriptor is one pair: label 1 when its entry
is the descriptor's own, else 0. A logistic regression (L2, Newton steps, numpy) over the alignment
features gives the coefficients, each kept to the sign it has by construction (``SIGNS`` in
``audit/merchants/model.py``: a kana reading that needs gaps is weaker evidence, never stronger); since the best placement of an alias depends on them, this is
repeated a few rounds. The threshold is the lowest probability at which the labelled legitimate
descriptors get at most :data:`MAX_FLAGS_PER_2000` flags per 2,000 (a false accusation is worse than a
miss), and recall is reported there. A two-fold split by list entry (fit on the pairs of half the
entries and the legitimate descriptors, measure on the other half) shows what the fit does on entries
it did not see. Writes ``audit/merchants/data/match_model.json``.

Run: ``.venv/bin/python scripts/fit_match_model.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.merchants.matching import load_merchant_db  # noqa: E402
from audit.merchants.model import DEFAULT, FEATURES, SIGNS, from_dict  # noqa: E402
from audit.merchants.parse import parse  # noqa: E402

DATA = ROOT / "tests" / "data" / "merchants"
LABELS = ROOT / "tests" / "data" / "descriptor_labels.csv"
OUT = ROOT / "audit" / "merchants" / "data" / "match_model.json"
MAX_FLAGS_PER_2000 = 0.5
L2 = 1.0
ROUNDS = 3


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def labelled() -> list[tuple[str, str, str]]:
    """(descriptor, expected entry id or '', source file) of every labelled descriptor."""
    out = []
    for p in sorted(DATA.glob("listed_*.csv")):
        out += [(r["descriptor"], r["expected"], p.name) for r in _rows(p)]
    for p in sorted(DATA.glob("legit_*.csv")):
        out += [(r["descriptor"], "", p.name) for r in _rows(p)]
    out += [(r["descriptor"], r["expected"] if r["group"] == "positive" else "", LABELS.name) for r in _rows(LABELS)]
    out += [(r["descriptor"], r["expected"], "pairs.csv") for r in _rows(DATA / "pairs.csv")]
    return [(d, e, s) for d, e, s in out if d]


def pairs(db, rows):
    """Feature matrix, labels, descriptor index and entry ids of every candidate pair."""
    X, y, who, ent = [], [], [], []
    for i, (d, exp, _src) in enumerate(rows):
        best: dict[str, tuple[float, dict]] = {}  # one pair per entry: its best alias under the current model
        for p, al, feats in db.scored(parse(d)):
            eid = db.scam[al.alias.entry].id
            if eid not in best or p > best[eid][0]:
                best[eid] = (p, feats)
        for eid, (_p, feats) in best.items():
            X.append([feats.get(k, 0.0) for k in FEATURES])
            y.append(1.0 if eid == exp else 0.0)
            who.append(i)
            ent.append(eid)
    return np.array(X), np.array(y), np.array(who), ent


def fit(X: np.ndarray, y: np.ndarray, start: dict) -> tuple[float, np.ndarray]:
    """L2-regularised logistic regression on standardised features, each coefficient kept to the sign
    :data:`audit.merchants.model.SIGNS` gives it by construction (a constrained coefficient that the data
    would push the wrong way is held at 0: active set, checked against the gradient at the end)."""
    signs = np.array([SIGNS.get(k, 0) for k in FEATURES])
    fixed = np.zeros(len(FEATURES), dtype=bool)
    for _ in range(2 * len(FEATURES)):
        b, coef = _fit_free(X, y, fixed)
        wrong = (signs * coef < 0) & ~fixed
        if wrong.any():  # hold the worst offender at 0 and fit again
            fixed[np.argmax(np.where(wrong, -signs * coef * X.std(axis=0), -np.inf))] = True
            continue
        grad = _gradient(X, y, b, coef)  # a held coefficient whose loss falls in its allowed direction is let go
        free_again = fixed & (signs * grad < 0)
        if not free_again.any():
            return b, coef
        fixed &= ~free_again
    raise RuntimeError("sign-constrained fit did not settle")


def _gradient(X: np.ndarray, y: np.ndarray, b: float, coef: np.ndarray) -> np.ndarray:
    p = 1 / (1 + np.exp(-np.clip(b + X @ coef, -35, 35)))
    return X.T @ (p - y)


def _fit_free(X: np.ndarray, y: np.ndarray, fixed: np.ndarray) -> tuple[float, np.ndarray]:
    """Newton steps, halved while the penalised loss does not drop (the intercept is penalised lightly);
    the ``fixed`` features' coefficients stay 0."""
    mu, sd = X.mean(axis=0), X.std(axis=0)
    sd[sd == 0] = 1.0
    keep = ~fixed
    A = np.hstack([np.ones((len(X), 1)), ((X - mu) / sd)[:, keep]])
    reg = np.full(A.shape[1], L2)
    reg[0] = 1e-3
    w = np.zeros(A.shape[1])

    def loss(w: np.ndarray) -> float:
        z = A @ w
        return float(np.sum(np.logaddexp(0, z) - y * z) + 0.5 * np.sum(reg * w * w))

    cur = loss(w)
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(A @ w, -35, 35)))
        g = A.T @ (p - y) + reg * w
        H = (A * (p * (1 - p))[:, None]).T @ A + np.diag(reg)
        step = np.linalg.solve(H, g)
        t = 1.0
        while t > 1e-6:
            new = loss(w - t * step)
            if new <= cur:
                break
            t /= 2
        w, done = w - t * step, cur - new < 1e-8
        cur = new
        if done:
            break
    coef = np.zeros(len(FEATURES))
    coef[keep] = w[1:] / sd[keep]
    return float(w[0] - np.sum(coef * mu)), coef


def as_dict(b: float, coef: np.ndarray, threshold: float) -> dict:
    return {"intercept": round(b, 4), **{k: round(float(c), 4) for k, c in zip(FEATURES, coef, strict=True)},
            "threshold": threshold}


def decide(db, rows, model_dict):
    """Per descriptor: (best probability, best entry id) under ``model_dict``."""
    db.model = from_dict(model_dict)
    out = []
    for d, _exp, _src in rows:
        best = (0.0, "")
        for p, al, _f in db.scored(parse(d)):
            if p > best[0]:
                best = (p, db.scam[al.alias.entry].id)
        out.append(best)
    return out


def choose_threshold(rows, decisions) -> tuple[float, dict]:
    legit = [(p, e) for (p, e), (_d, exp, _s) in zip(decisions, rows, strict=True) if not exp]
    pos = [(p, e, exp) for (p, e), (_d, exp, _s) in zip(decisions, rows, strict=True) if exp]
    grid = sorted({round(t, 3) for t in np.linspace(0.05, 0.995, 190)})
    best = None
    for t in grid:
        flags = sum(1 for p, _e in legit if p >= t)
        per = flags * 2000 / max(1, len(legit))
        found = sum(1 for p, e, exp in pos if p >= t and e == exp)
        if per <= MAX_FLAGS_PER_2000:
            best = (t, {"legit": len(legit), "flags": flags, "flags_per_2000": round(per, 3),
                        "positives": len(pos), "found": found, "recall": round(found / max(1, len(pos)), 4)})
            break
    assert best is not None
    return best


def run(rows, db, start: dict) -> dict:
    model_dict = dict(start)
    for _ in range(ROUNDS):
        db.model = from_dict(model_dict)
        X, y, _who, _ent = pairs(db, rows)
        b, coef = fit(X, y, model_dict)
        model_dict = as_dict(b, coef, model_dict.get("threshold", 0.5))
    t, stats = choose_threshold(rows, decide(db, rows, model_dict))
    model_dict["threshold"] = t
    return {"model": model_dict, "stats": stats}


def main() -> int:
    db = load_merchant_db()
    db.prune = False  # every candidate alias is a pair, whatever the model being fitted says of it
    rows = labelled()
    ids = sorted({e.id for e in db.scam})
    folds = {}
    for k in (0, 1):  # two-fold by entry: fit without half the entries' positives, measure on them
        held = {i for i in ids if int(hashlib.sha256(i.encode()).hexdigest(), 16) % 2 == k}
        train = [r for r in rows if r[1] not in held]
        test = [r for r in rows if r[1] in held or (not r[1] and int(hashlib.sha256(r[0].encode()).hexdigest(), 16) % 2 == k)]
        res = run(train, db, DEFAULT)
        _t, stats = choose_threshold(test, decide(db, test, res["model"]))
        t = res["model"]["threshold"]
        legit = [(p, e) for (p, e), r in zip(decide(db, test, res["model"]), test, strict=True) if not r[1]]
        stats["flags_at_train_threshold"] = sum(1 for p, _e in legit if p >= t)
        folds[f"fold{k}"] = {"threshold": t, "held_out_entries": len(held), **stats}
        print(f"fold {k}: {folds[f'fold{k}']}", file=sys.stderr)
    res = run(rows, db, DEFAULT)
    model_dict = res["model"]
    model_dict["meta"] = {
        "fitted": dt.date.today().isoformat(), "command": "python scripts/fit_match_model.py",
        "labelled_descriptors": len(rows), "at_threshold": res["stats"], "two_fold_by_entry": folds,
        "max_flags_per_2000": MAX_FLAGS_PER_2000,
    }
    OUT.write_text(json.dumps(model_dict, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(model_dict, indent=2), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
