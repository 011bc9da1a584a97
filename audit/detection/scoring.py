"""Score the whole detection pipeline on a labelled set: scam charges, subscription streams, false flags.

Each case (one person's statements) is audited on its own through the same stages as ``audit scan``:
:func:`audit.descriptors.add_descriptor_columns`, the shipped merchant lists
(:func:`audit.merchants.load_merchant_db` / :func:`audit.merchants.match_transactions`),
:func:`audit.detection.recurring.find_subscriptions` and :func:`audit.detection.signals.find_signals`.

Per bucket (and over all cases) it counts

* **detection**: charge and refund rows; a row is *flagged* when any finding holds it (a merchant-list hit,
  a pattern, a refund link) or it belongs to a stream marked suspicious; true when ``scam == 1``;
* **recurring**: predicted streams paired one-to-one with the labelled ones at Jaccard overlap >= 0.5
  (:func:`audit.evaluation.match_streams`); labelled streams with a single visible charge (a long plan
  seen once) are counted apart, since no rhythm can be seen in one charge;
* **false flags on legitimate subscriptions**: labelled streams with ``scam == 0`` of which at least one
  charge is flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

LABELS = ("case", "bucket", "stream_id", "scam")
Runner = Callable[[pd.DataFrame], tuple[list[Any], list[Any]]]


def pipeline_runner() -> Runner:
    """Audit one case through the real stages (merchant lists loaded once)."""
    from audit.descriptors import add_descriptor_columns
    from audit.detection.recurring import find_subscriptions
    from audit.detection.signals import find_signals
    from audit.merchants import load_merchant_db, match_transactions

    db = load_merchant_db()

    def run(case_tx: pd.DataFrame) -> tuple[list[Any], list[Any]]:
        tx = add_descriptor_columns(case_tx)
        known = match_transactions(tx, db)
        subs = find_subscriptions(tx)
        return subs, known + find_signals(tx, subs, known)

    return run


def _blank() -> dict[str, int]:
    keys = ("cases", "tp", "fp", "fn", "s_true", "s_single", "s_tp", "s_fp", "s_fn", "s_exact", "legit", "legit_flagged")
    return dict.fromkeys(keys, 0)


def score(df: pd.DataFrame, runner: Runner | None = None) -> dict[str, dict[str, int]]:
    """Counts per bucket and under ``"ALL"`` (see the module docstring)."""
    from audit.evaluation import match_streams

    run = runner or pipeline_runner()
    out: dict[str, dict[str, int]] = {}
    for _case, g in df.groupby("case", sort=True):
        c = out.setdefault(str(g["bucket"].iloc[0]), _blank())
        subs, findings = run(g.drop(columns=list(LABELS)))
        flagged = {i for f in findings for i in f.transaction_ids}
        flagged |= {i for s in subs if s.suspicious for i in s.transaction_ids}
        rows = g[g["kind"].isin(["charge", "refund"])]
        scam = rows["scam"].to_numpy() == 1
        hit = rows["id"].isin(flagged).to_numpy()
        c["cases"] += 1
        c["tp"] += int((scam & hit).sum())
        c["fp"] += int((~scam & hit).sum())
        c["fn"] += int((scam & ~hit).sum())
        labelled = g[g["stream_id"] != ""].groupby("stream_id")
        true = [set(t["id"]) for _, t in labelled]
        legit = [not bool(t["scam"].max()) for _, t in labelled]
        pred = [set(s.transaction_ids) for s in subs]
        pairs = match_streams(pred, true)
        paired_true = {j for _, j, _ in pairs}
        c["s_true"] += len(true)
        c["s_single"] += sum(1 for j, t in enumerate(true) if len(t) == 1 and j not in paired_true)
        c["s_tp"] += len(pairs)
        c["s_fp"] += len(pred) - len(pairs)
        c["s_fn"] += len(true) - len(pairs)
        c["s_exact"] += sum(1 for _, _, jac in pairs if jac == 1.0)
        c["legit"] += sum(legit)
        c["legit_flagged"] += sum(1 for t, ok in zip(true, legit, strict=True) if ok and not flagged.isdisjoint(t))
    total = _blank()
    for c in out.values():
        for k, v in c.items():
            total[k] += v
    return {**dict(sorted(out.items())), "ALL": total}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:4.2f}" if b else "   -"


def format_scores(counts: dict[str, dict[str, int]], title: str) -> str:
    """One table: per bucket detection P/R, recurring P/R (all streams, and streams with 2+ charges), false flags."""
    head = (f"{'bucket':<26} {'cases':>5} | {'scam rows':>9} {'P':>4} {'R':>4} | {'streams':>7} {'P':>4} {'R':>4} "
            f"{'R2+':>4} {'FP':>3} | {'legit':>5} {'flagged':>7}")
    lines = [title, head, "-" * len(head)]
    for b, c in counts.items():
        scam_rows = c["tp"] + c["fn"]
        r2 = _ratio(c["s_tp"], c["s_true"] - c["s_single"])
        lines.append(
            f"{b:<26} {c['cases']:>5} | {scam_rows:>9} {_ratio(c['tp'], c['tp'] + c['fp'])} "
            f"{_ratio(c['tp'], scam_rows)} | {c['s_true']:>7} {_ratio(c['s_tp'], c['s_tp'] + c['s_fp'])} "
            f"{_ratio(c['s_tp'], c['s_true'])} {r2} {c['s_fp']:>3} | {c['legit']:>5} "
            f"{_pct(c['legit_flagged'], c['legit']):>7}")
    return "\n".join(lines) + "\n"


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "-"
