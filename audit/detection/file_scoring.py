"""Score ``audit scan`` on labelled statement *files* (a set labelled by file and physical line).

A set of this kind (``tests/data/jp_blind/``) holds folders of real-layout statement files, one folder per
case (one person, one card), and a ``labels.csv`` with one row per transaction line:
``case,file,line,date,description,amount,scam,stream_id,bucket,brand_legit,...`` where ``file`` is the path
below ``cases/`` and ``line`` the 1-based physical line where the transaction starts.

Each case folder is audited exactly as ``audit scan <folder>`` audits it (:func:`audit.pipeline.scan`: the
readers, the shipped merchant lists, recurring detection, signals, contracts). A read row is tied to its
label by (file name, physical line): the readers' ``row`` column is that line. Counted per bucket (and per
layout, and over all cases):

* **reader**: labelled rows the readers did not return (a reader miss, never counted as a detector miss),
  rows read that carry no label (counted as non-scam when flagged), rows read with another amount or date;
* **scam rows**: labelled rows that were read; *flagged* when any finding, a suspicious stream or a
  suspicious contract holds them; precision and recall against ``scam``;
* **streams**: labelled streams (their read rows) paired one-to-one with the found streams at Jaccard
  >= 0.5 (:func:`audit.evaluation.match_streams`); R2+ leaves out streams showing one charge;
* **legit brand flagged**: rows with ``brand_legit = 1`` and ``scam = 0`` that are flagged (must be 0);
  **legit streams flagged**: labelled streams without a scam row of which a row is flagged.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

JP_BLIND = Path(__file__).resolve().parents[2] / "tests" / "data" / "jp_blind"
KEYS = ("cases", "labelled", "read", "missed", "extra", "misread", "tp", "fp", "fn", "scam_missed",
        "s_true", "s_unread", "s_single", "s_tp", "s_fp", "s_fn", "legit_rows", "legit_flagged",
        "legit_streams", "legit_streams_flagged")

Scanner = Callable[[Path], Any]  # a case folder -> an audit.pipeline.ScanResult (or anything alike)


@dataclass
class CaseScore:
    """Counts of one case, plus the rows behind the errors (for ``-v``)."""

    case: str
    bucket: str
    layout: str
    counts: dict[str, int]
    false_flags: list[str] = field(default_factory=list)
    missed_scam: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def load_labels(data_dir: str | Path = JP_BLIND) -> pd.DataFrame:
    """``labels.csv`` of a file-labelled set (UTF-8), with ``line`` as int and the flags as 0/1."""
    path = Path(data_dir) / "labels.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no labels.csv")
    df = pd.read_csv(path, dtype={"case": "str", "file": "str", "stream_id": "str", "description": "str"},
                     keep_default_na=False, encoding="utf-8")
    need = {"case", "file", "line", "date", "amount", "scam", "stream_id", "bucket", "brand_legit"}
    missing = sorted(need - set(df.columns))
    if missing:
        raise ValueError(f"{path}: lacks columns {missing}")
    for c in ("line", "scam", "brand_legit"):
        df[c] = pd.to_numeric(df[c]).astype(int)
    df["amount"] = pd.to_numeric(df["amount"]).astype(float)
    return df


def _layouts(data_dir: Path) -> dict[str, str]:
    path = data_dir / "cases.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["case"]: r.get("layout") or r.get("issuer") or "" for r in csv.DictReader(fh)}


def default_scanner(merchant_lists: tuple[str, ...] = ()) -> Scanner:
    """``audit scan <case folder>``: the same call the CLI makes."""
    from audit.pipeline import scan

    def run(folder: Path) -> Any:
        return scan([folder], merchant_lists=merchant_lists)

    return run


def flagged_ids(result: Any) -> set[str]:
    """Ids held by any finding, suspicious stream or suspicious contract of a scan result."""
    out = {i for f in result.findings for i in f.transaction_ids}
    out |= {i for s in result.subscriptions if s.suspicious for i in s.transaction_ids}
    out |= {i for c in getattr(result, "contracts", []) if c.suspicious for i in c.transaction_ids}
    return out


def score_case(labels: pd.DataFrame, folder: Path, scanner: Scanner, layout: str = "") -> CaseScore:
    """Counts for one case: ``labels`` are its rows of ``labels.csv``, ``folder`` its statement files."""
    from audit.evaluation import match_streams

    result = scanner(folder)
    tx = result.transactions
    c = dict.fromkeys(KEYS, 0)
    c["cases"] = 1
    out = CaseScore(str(labels["case"].iloc[0]), str(labels["bucket"].iloc[0]), layout, c)
    read: dict[tuple[str, int], int] = {}
    if len(tx):
        rows = pd.to_numeric(tx["row"], errors="coerce")
        for pos, (src, row) in enumerate(zip(tx["source"].astype(str), rows, strict=True)):
            if pd.notna(row):
                read.setdefault((Path(src).name, int(row)), pos)
    flagged = flagged_ids(result)
    ids = tx["id"].astype(str).tolist() if len(tx) else []
    label_key = [(Path(f).name, int(n)) for f, n in zip(labels["file"], labels["line"], strict=True)]
    labelled_keys = set(label_key)
    key_to_id: dict[tuple[str, int], str] = {}
    c["labelled"] = len(labels)
    for k, (_, r) in zip(label_key, labels.iterrows(), strict=True):
        where = f"{r['file']}:{r['line']} {r['description']} {r['amount']:,.0f}"
        if k not in read:
            c["missed"] += 1
            c["scam_missed"] += int(r["scam"] == 1)
            out.unread.append(where)
            continue
        pos = read[k]
        key_to_id[k] = ids[pos]
        c["read"] += 1
        same_amount = abs(float(tx["amount"].iloc[pos]) - float(r["amount"])) < 0.5
        same_date = str(pd.Timestamp(tx["date"].iloc[pos]).date()) == str(r["date"])
        c["misread"] += int(not (same_amount and same_date))
        hit = ids[pos] in flagged
        scam = r["scam"] == 1
        c["tp"] += int(scam and hit)
        c["fp"] += int(hit and not scam)
        c["fn"] += int(scam and not hit)
        if hit and not scam:
            out.false_flags.append(where)
        if scam and not hit:
            out.missed_scam.append(where)
        if r["brand_legit"] == 1 and not scam:
            c["legit_rows"] += 1
            c["legit_flagged"] += int(hit)
    for k, pos in read.items():  # read rows nobody labelled (a total line taken for a charge ...)
        if k not in labelled_keys:
            c["extra"] += 1
            if ids[pos] in flagged:
                c["fp"] += 1
                out.false_flags.append(f"{k[0]}:{k[1]} (no label) {tx['description'].iloc[pos]}")
    true: list[set[str]] = []
    true_scam: list[bool] = []
    for _sid, g in labels[labels["stream_id"] != ""].groupby("stream_id", sort=True):
        got = {key_to_id[k] for k in ((Path(f).name, int(n)) for f, n in zip(g["file"], g["line"], strict=True))
               if k in key_to_id}
        if not got:
            c["s_unread"] += 1
            continue
        true.append(got)
        true_scam.append(bool(g["scam"].max()))
    pred = [set(s.transaction_ids) for s in result.subscriptions]
    pairs = match_streams(pred, true)
    paired = {j for _, j, _ in pairs}
    c["s_true"] = len(true)
    c["s_single"] = sum(1 for j, t in enumerate(true) if len(t) == 1 and j not in paired)
    c["s_tp"] = len(pairs)
    c["s_fp"] = len(pred) - len(pairs)
    c["s_fn"] = len(true) - len(pairs)
    legit = [t for t, s in zip(true, true_scam, strict=True) if not s]
    c["legit_streams"] = len(legit)
    c["legit_streams_flagged"] = sum(1 for t in legit if not flagged.isdisjoint(t))
    return out


def score_set(data_dir: str | Path = JP_BLIND, scanner: Scanner | None = None) -> list[CaseScore]:
    """Every case of the set, in case order."""
    data_dir = Path(data_dir)
    labels = load_labels(data_dir)
    layouts = _layouts(data_dir)
    run = scanner or default_scanner()
    out = []
    for case, g in labels.groupby("case", sort=True):
        folder = data_dir / "cases" / Path(str(g["file"].iloc[0])).parent
        out.append(score_case(g, folder, run, layouts.get(str(case), "")))
    return out


def totals(scores: list[CaseScore], by: str = "bucket") -> dict[str, dict[str, int]]:
    """Counts summed per bucket (``by="bucket"``) or per layout (``by="layout"``), then under ``"ALL"``."""
    out: dict[str, dict[str, int]] = {}
    for s in scores:
        t = out.setdefault(getattr(s, by) or "-", dict.fromkeys(KEYS, 0))
        for k, v in s.counts.items():
            t[k] += v
    allc = dict.fromkeys(KEYS, 0)
    for t in out.values():
        for k, v in t.items():
            allc[k] += v
    return {**dict(sorted(out.items())), "ALL": allc}


def _x(a: int, b: int) -> str:
    return f"{a / b:.4f}" if b else "-"


def _r(a: int, b: int) -> str:
    return f"{a / b:4.2f}" if b else "   -"


def format_table(counts: dict[str, dict[str, int]], title: str, label: str = "bucket") -> str:
    """One table: reader misses apart, then scam-row P/R, streams P/R, legitimate brand rows flagged."""
    head = (f"{label:<20} {'cases':>5} {'rows':>6} | {'unread':>6} {'extra':>5} {'misread':>7} | "
            f"{'scam':>5} {'P':>4} {'R':>4} {'unread':>6} | {'streams':>7} {'P':>4} {'R':>4} {'R2+':>4} {'FP':>3} | "
            f"{'brand rows':>10} {'flagged':>7} | {'legit streams':>13} {'flagged':>7}")
    lines = [title, head, "-" * len(head)]
    for name, c in counts.items():
        scam = c["tp"] + c["fn"]
        lines.append(
            f"{name:<20} {c['cases']:>5} {c['labelled']:>6} | {c['missed']:>6} {c['extra']:>5} {c['misread']:>7} | "
            f"{scam:>5} {_r(c['tp'], c['tp'] + c['fp'])} {_r(c['tp'], scam)} {c['scam_missed']:>6} | "
            f"{c['s_true']:>7} {_r(c['s_tp'], c['s_tp'] + c['s_fp'])} {_r(c['s_tp'], c['s_true'])} "
            f"{_r(c['s_tp'], c['s_true'] - c['s_single'])} {c['s_fp']:>3} | "
            f"{c['legit_rows']:>10} {c['legit_flagged']:>7} | {c['legit_streams']:>13} {c['legit_streams_flagged']:>7}")
    return "\n".join(lines) + "\n"


LEGEND = """
rows: labelled transaction rows. unread: labelled rows the readers did not return (reader misses, not counted
below); extra: rows read that carry no label (a flagged one counts as a false flag); misread: rows read with
another amount or date than labelled.
scam P/R: read rows flagged by any finding, suspicious stream or suspicious contract, against the scam label
(unread: scam rows the readers missed). streams: labelled streams (their read rows) paired with found ones
at Jaccard >= 0.5; R2+ leaves out streams showing one charge. brand rows flagged: brand_legit=1, scam=0 rows
with a finding (must be 0). legit streams flagged: labelled streams without a scam row with a flagged row.
"""


def report(scores: list[CaseScore], verbose: bool = False) -> str:
    """The per-bucket and per-layout tables (and, verbose, every false flag, missed scam row and unread row)."""
    text = format_table(totals(scores, "bucket"), "Japanese blind set, per bucket")
    a = totals(scores)["ALL"]
    text += (f"exact, all cases: scam rows tp {a['tp']} fp {a['fp']} fn {a['fn']} -> P {_x(a['tp'], a['tp'] + a['fp'])} "
             f"R {_x(a['tp'], a['tp'] + a['fn'])}; streams {a['s_tp']} of {a['s_true']} found, {a['s_fp']} extra -> "
             f"P {_x(a['s_tp'], a['s_tp'] + a['s_fp'])} R {_x(a['s_tp'], a['s_true'])}; legitimate brand rows "
             f"flagged {a['legit_flagged']} of {a['legit_rows']}\n")
    text += "\n" + format_table(totals(scores, "layout"), "per layout", "layout")
    text += LEGEND
    if verbose:
        for s in scores:
            for what, rows in (("false flag", s.false_flags), ("missed scam", s.missed_scam),
                               ("unread", s.unread)):
                for row in rows:
                    text += f"{s.case} [{s.bucket}] {what}: {row}\n"
    return text


def add_option(parser: Any) -> None:
    """Give ``audit eval`` the ``--jp-blind [DIR]`` switch (``-v``: every error row; without it the other modes run)."""
    parser.add_argument("--jp-blind", nargs="?", const=str(JP_BLIND), default=None, metavar="DIR",
                        help="score audit scan on the Japanese blind statement files (default tests/data/jp_blind)")
    other = parser.get_default("func")

    def dispatch(args: Any) -> int:
        if getattr(args, "jp_blind", None) is None:
            return other(args)
        import sys

        try:
            scores = score_set(args.jp_blind)
        except (FileNotFoundError, ValueError) as exc:
            print(f"audit: error: {exc}", file=sys.stderr)
            return 1
        sys.stdout.write(report(scores, verbose=bool(getattr(args, "verbose", False))))
        return 0

    parser.set_defaults(func=dispatch)
