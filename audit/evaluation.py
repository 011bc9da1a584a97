"""``audit eval``: precision and recall of recurring detection and scam signals on a labelled set.

The labelled set (``tests/data/recurring_eval/``, made by ``scripts/make_recurring_eval.py``) holds
synthetic statements (*cases*). Each row has the transaction-table columns plus ``case``, ``bucket``
(the hard case the statement tests), ``stream_id`` (true subscription stream, empty for none) and
``scam`` (1 for a scam charge).

Scoring. Each case is audited on its own. The true streams of a case are its rows grouped by
``stream_id``; a predicted stream is the set of its transaction ids. Predicted and true streams are
paired one-to-one, greedily by highest Jaccard overlap (|P ∩ T| / |P ∪ T|), keeping pairs with
overlap >= 0.5. A paired prediction is a true positive; an unpaired prediction a false positive; an
unpaired true stream a false negative. Precision = TP / (TP + FP), recall = TP / (TP + FN), per bucket
(all streams of the cases built for that bucket) and overall. *Exact* is the share of true streams
recovered with exactly their charges (overlap 1.0): a stream split at a price change, or missing its
trial charge, still pairs (overlap >= 0.5) but is not exact. The *one-off noise* bucket has no true
streams: only its false positives count.

The baseline is the simple rule set many budgeting tools use: the same payee text exactly, each charge
within +-2 days of one period after the previous one (weekly, biweekly, monthly by calendar day,
quarterly, semi-annual, annual), amount within +-7.5 % of the run's first charge (the fixed amount a
budgeting schedule is set up with), at least 3 charges.

Scam signals are scored per charge: a charge is *flagged* when a pattern finding (any kind except
``refund_link``) or a stream marked suspicious contains it; precision and recall are against the
``scam`` label. Merchant lists are not used here (the scam merchants are fictional).
"""

from __future__ import annotations

import argparse
import calendar
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from audit import schema

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "recurring_eval"
# Written by someone who never saw the detector, frozen before any tuning (see its README.md).
INDEPENDENT_DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "independent_eval"
LABELS = ("case", "bucket", "stream_id", "scam")
MIN_JACCARD = 0.5

Detector = Callable[[pd.DataFrame], list[set[str]]]


def load_labelled(data_dir: str | Path = DEFAULT_DATA) -> pd.DataFrame:
    """All CSVs of the labelled set as one transaction table with the label columns."""
    files = sorted(Path(data_dir).glob("*.csv"))
    if not files:
        raise FileNotFoundError(f"{data_dir}: no labelled CSV files found")
    text_cols = {"stream_id": "str", "case": "str", "original_currency": "str", "client": "str", "card": "str"}
    df = pd.concat([pd.read_csv(f, dtype=text_cols) for f in files], ignore_index=True)
    missing = [c for c in (*schema.COLUMNS, *LABELS) if c not in df.columns]
    if missing:
        raise ValueError(f"{data_dir}: labelled set lacks columns {missing}")
    df["stream_id"] = df["stream_id"].fillna("")
    df["scam"] = df["scam"].fillna(0).astype(int)
    return schema.conform(df)


# --------------------------------------------------------------------------- baseline rules


def _next_calendar(d: date, months: int) -> date:
    m0 = d.month - 1 + months
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


_BASELINE_STEPS: list[Callable[[date], date]] = [
    lambda d: d + timedelta(days=7),
    lambda d: d + timedelta(days=14),
    lambda d: _next_calendar(d, 1),
    lambda d: _next_calendar(d, 3),
    lambda d: _next_calendar(d, 6),
    lambda d: _next_calendar(d, 12),
]


def baseline_streams(tx: pd.DataFrame) -> list[set[str]]:
    """Streams by the simple rules: exact payee, +-2 days, +-7.5 % amount, 3 hits."""
    ch = tx[(tx["kind"] == "charge") & (tx["amount"] > 0)].sort_values("date")
    out: list[set[str]] = []
    for _, g in ch.groupby("description", sort=False):
        if len(g) < 3:
            continue
        dates = [d.date() for d in g["date"]]
        amts = g["amount"].to_numpy()
        ids = g["id"].tolist()
        free = set(range(len(g)))
        while True:
            best: list[int] = []
            for step in _BASELINE_STEPS:
                for s in sorted(free)[:3]:
                    chain = [s]
                    while True:
                        want = step(dates[chain[-1]])
                        nxt = [j for j in sorted(free) if j > chain[-1] and abs((dates[j] - want).days) <= 2
                               and abs(amts[j] - amts[chain[0]]) <= 0.075 * amts[chain[0]]]
                        if not nxt:
                            break
                        chain.append(nxt[0])
                    if len(chain) > len(best):
                        best = chain
            if len(best) < 3:
                break
            out.append({ids[i] for i in best})
            free -= set(best)
    return out


# --------------------------------------------------------------------------- our detector


def detector_streams(tx: pd.DataFrame) -> list[set[str]]:
    """Streams found by :func:`audit.detection.recurring.find_subscriptions`."""
    from audit.detection.recurring import find_subscriptions

    return [set(s.transaction_ids) for s in find_subscriptions(tx)]


# --------------------------------------------------------------------------- scoring


def match_streams(pred: list[set[str]], true: list[set[str]]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (pred index, true index, Jaccard) with overlap >= 0.5, best first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, t in enumerate(true):
            inter = len(p & t)
            if inter:
                jac = inter / len(p | t)
                if jac >= MIN_JACCARD:
                    pairs.append((jac, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_t: set[int] = set()
    out = []
    for jac, i, j in pairs:
        if i not in used_p and j not in used_t:
            used_p.add(i)
            used_t.add(j)
            out.append((i, j, jac))
    return out


def _pr(tp: int, fp: int, fn: int, exact: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"tp": tp, "fp": fp, "fn": fn}
    if exact is not None:
        out["exact"] = exact / (tp + fn) if tp + fn else None
    return {
        **out,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
    }


def _signal_flags(case_tx: pd.DataFrame) -> tuple[set[str], list[Any], list[Any]]:
    from audit.detection.recurring import find_subscriptions
    from audit.detection.signals import find_signals

    subs = find_subscriptions(case_tx)
    findings = find_signals(case_tx, subs, [])
    flagged = {i for f in findings if f.kind != "refund_link" for i in f.transaction_ids}
    flagged |= {i for s in subs if s.suspicious for i in s.transaction_ids}
    return flagged, subs, findings


def evaluate(
    data_dir: str | Path = DEFAULT_DATA,
    *,
    detector: Detector | None = None,
    baseline: Detector | None = baseline_streams,
    signals: bool = True,
    data: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Score ``detector`` (default: ours) and ``baseline`` per bucket; scam signals per charge.

    Returns ``{"buckets": {bucket: {"streams": n, "detector": pr, "baseline": pr}}, "overall": {...},
    "signals": {"charges": pr, "streams": pr, "kinds": {kind: count}}}`` where ``pr`` holds tp, fp, fn,
    precision and recall (None when undefined).
    """
    df = data if data is not None else load_labelled(data_dir)
    if detector is None:
        detector = detector_streams
    systems: dict[str, Detector] = {"detector": detector}
    if baseline is not None:
        systems["baseline"] = baseline
    if not all(c in df.columns for c in ("descriptor_norm", "merchant_key", "facilitator")):
        from audit.descriptors import add_descriptor_columns

        df = add_descriptor_columns(df)
    counts: dict[str, dict[str, list[int]]] = {}
    n_true: dict[str, int] = {}
    sig = {"tp": 0, "fp": 0, "fn": 0}
    sig_streams = {"tp": 0, "fp": 0, "fn": 0}
    kinds: dict[str, int] = {}
    for _case, g in df.groupby("case", sort=True):
        bucket = str(g["bucket"].iloc[0])
        true_groups = g[g["stream_id"] != ""].groupby("stream_id")
        true = [set(t["id"]) for _, t in true_groups]
        true_scam = [bool(t["scam"].max()) for _, t in true_groups]
        n_true[bucket] = n_true.get(bucket, 0) + len(true)
        case_tx = g.drop(columns=list(LABELS))
        for name, fn in systems.items():
            pred = fn(case_tx)
            m = match_streams(pred, true)
            c = counts.setdefault(bucket, {}).setdefault(name, [0, 0, 0, 0])
            c[0] += len(m)
            c[1] += len(pred) - len(m)
            c[2] += len(true) - len(m)
            c[3] += sum(1 for _, _, jac in m if jac == 1.0)
        if signals:
            flagged, subs, findings = _signal_flags(case_tx)
            charges = g[g["kind"] == "charge"]
            is_scam = charges["scam"].to_numpy() == 1
            hit = charges["id"].isin(flagged).to_numpy()
            sig["tp"] += int((is_scam & hit).sum())
            sig["fp"] += int((~is_scam & hit).sum())
            sig["fn"] += int((is_scam & ~hit).sum())
            for f in findings:
                kinds[f.kind] = kinds.get(f.kind, 0) + 1
            pred_sets = [set(s.transaction_ids) for s in subs]
            paired = {j: i for i, j, _ in match_streams(pred_sets, true)}
            for j, scam in enumerate(true_scam):
                flagged_stream = j in paired and subs[paired[j]].suspicious
                if scam and flagged_stream:
                    sig_streams["tp"] += 1
                elif scam:
                    sig_streams["fn"] += 1
                elif flagged_stream:
                    sig_streams["fp"] += 1
            sig_streams["fp"] += sum(1 for i, s in enumerate(subs) if s.suspicious and i not in paired.values())
    buckets = {
        b: {"streams": n_true.get(b, 0), **{name: _pr(*counts[b][name]) for name in systems}} for b in counts
    }
    overall = {
        name: _pr(*(int(np.sum([counts[b][name][k] for b in counts])) for k in range(4))) for name in systems
    }
    out: dict[str, Any] = {"buckets": buckets, "overall": {"streams": sum(n_true.values()), **overall}}
    if signals:
        out["signals"] = {"charges": _pr(**sig), "streams": _pr(**sig_streams), "kinds": kinds}
    return out


# --------------------------------------------------------------------------- printing


def _fmt(v: float | None) -> str:
    return "   -" if v is None else f"{v:4.2f}"


def format_report(result: dict[str, Any]) -> str:
    """The evaluation as a plain-text table."""
    names = [k for k in ("detector", "baseline") if k in result["overall"]]
    head = f"{'bucket':<26} {'streams':>7}"
    for n in names:
        head += f" | {n + ' P':>11} {'R':>4} {'exact':>5} {'FP':>3}"
    lines = [head, "-" * len(head)]
    rows = [*result["buckets"].items(), ("ALL", result["overall"])]
    for b, r in rows:
        line = f"{b:<26} {r['streams']:>7}"
        for n in names:
            pr = r[n]
            line += f" | {_fmt(pr['precision']):>11} {_fmt(pr['recall']):>4} {_fmt(pr['exact']):>5} {pr['fp']:>3}"
        lines.append(line)
    if "signals" in result:
        s = result["signals"]
        c, st = s["charges"], s["streams"]
        lines += [
            "",
            f"scam signals, per charge:  precision {_fmt(c['precision'])}  recall {_fmt(c['recall'])}"
            f"  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})",
            f"scam signals, per stream:  precision {_fmt(st['precision'])}  recall {_fmt(st['recall'])}"
            f"  (tp {st['tp']}, fp {st['fp']}, fn {st['fn']})",
            "findings by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(s["kinds"].items())),
        ]
    return "\n".join(lines) + "\n"


def cmd_eval(args: argparse.Namespace) -> int:
    """Run the evaluation and print the tables: the recurring detector against the baseline on the own set,
    then the whole pipeline per bucket on the own set and on the independent frozen set."""
    import sys

    from audit.detection.scoring import format_scores, pipeline_runner, score

    try:
        own = load_labelled(args.data)
        result = evaluate(data=own, baseline=None if args.no_baseline else baseline_streams)
        sys.stdout.write(format_report(result))
        sys.stdout.flush()
        runner = pipeline_runner()
        sets = [("own labelled set", own)]
        if not args.no_independent and Path(args.independent).is_dir():
            sets.append(("independent frozen set", load_labelled(args.independent)))
        for title, df in sets:
            text = format_scores(score(df, runner), f"\nwhole pipeline (merchant lists, recurring, signals): {title}")
            sys.stdout.write(text)
            sys.stdout.flush()
    except (FileNotFoundError, ValueError, ImportError) as exc:
        print(f"audit: error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(SCORES_LEGEND)
    return 0


SCORES_LEGEND = """
scam rows P/R: charge and refund rows flagged by any finding, against the scam label.
streams P/R: labelled subscription streams found (Jaccard >= 0.5); R2+ leaves out streams that show one charge.
legit flagged: labelled legitimate streams with at least one flagged charge.
"""


def register(subparsers: Any) -> None:
    """Add ``audit eval [--data DIR]``."""
    p = subparsers.add_parser("eval", help="precision/recall of recurring detection on the labelled set")
    p.add_argument("--data", default=str(DEFAULT_DATA), metavar="DIR", help="folder of labelled CSV files")
    p.add_argument("--no-baseline", action="store_true", help="skip the simple-rules baseline")
    p.add_argument("--independent", default=str(INDEPENDENT_DATA), metavar="DIR",
                   help="independent labelled set scored after the own one (skipped when the folder is missing)")
    p.add_argument("--no-independent", action="store_true", help="score the own set only")
    p.set_defaults(func=cmd_eval)
    from audit.readers import real_eval

    real_eval.add_option(p, cmd_eval)  # audit eval --real
    from audit.merchants.quality import add_eval_option  # audit eval --merchants

    add_eval_option(p)
    from audit.detection.file_scoring import add_option  # audit eval --jp-blind

    add_option(p)
