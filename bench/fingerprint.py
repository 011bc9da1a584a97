"""Everything the analysis decides, dumped so a speed change can prove it changed nothing.

Runs :func:`audit.pipeline.analyse` on every case of the labelled sets (own, hold-out, independent),
on the bundled sample statements and on one generated 200k-row statement, and writes one JSON line
per case (findings, subscriptions and contracts, every field) to ``--out``; prints a SHA-256 per
set. Compare two runs with ``diff`` (or the printed digests): a pure speed-up must give the same.

With ``--clients`` it also checks, per labelled set, that auditing all cases as clients of one table
in one pass gives exactly what auditing each case alone gives (findings, streams, contracts).

Run: ``.venv/bin/python bench/fingerprint.py --out /tmp/before.jsonl`` (about two minutes).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _doc(result) -> dict:
    from audit.pipeline import json_value

    return {
        "findings": [json_value(dataclasses.asdict(f)) for f in result.findings],
        "subscriptions": [json_value(dataclasses.asdict(s)) for s in result.subscriptions],
        "contracts": [json_value(dataclasses.asdict(c)) for c in result.contracts],
    }


def _one_pass_equal(folder: Path) -> str:
    """All cases of a labelled set as clients of one table: one pass against one case at a time."""
    from audit.descriptors import add_descriptor_columns
    from audit.evaluation import load_labelled
    from audit.pipeline import HitTable, analyse, analyse_client, merchant_db, renumber

    df = load_labelled(folder).drop(columns=["bucket", "stream_id", "scam"])
    df["client"] = df["case"].astype(str) + "|" + df["client"].fillna("").astype(str)
    tx = df.drop(columns=["case"]).reset_index(drop=True)
    together = analyse(tx)
    txd = add_descriptor_columns(tx)
    hits = HitTable.build(txd["description"], merchant_db(()))
    alone: tuple[list, list, list] = ([], [], [])
    for _, part in txd.groupby(txd["client"], sort=True):
        for acc, got in zip(alone, analyse_client(part, hits, {}), strict=True):
            acc += got
    renumber(alone[2])
    same = [_doc_of(a) == _doc_of(b) for a, b in zip(
        (together.findings, together.subscriptions, together.contracts), alone, strict=True)]
    return (f"{'yes' if all(same) else 'NO'} ({tx['client'].nunique()} clients, {len(together.findings)} findings, "
            f"{len(together.subscriptions)} streams, {len(together.contracts)} contracts)")


def _doc_of(items: list) -> str:
    from audit.pipeline import json_value

    return json.dumps([json_value(dataclasses.asdict(i)) for i in items], sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-big", action="store_true", help="skip the generated 200k-row statement")
    ap.add_argument("--clients", action="store_true", help="also compare one pass over all cases as clients")
    args = ap.parse_args(argv)
    from audit import pipeline
    from audit.evaluation import load_labelled

    lines: dict[str, list[str]] = {}
    data = ROOT / "tests" / "data"
    for name in ("recurring_eval", "recurring_holdout", "independent_eval"):
        df = load_labelled(data / name)
        tx = df.drop(columns=["bucket", "stream_id", "scam"])
        for case, part in tx.groupby("case", sort=True):
            res = pipeline.analyse(part.drop(columns=["case"]).reset_index(drop=True))
            lines.setdefault(name, []).append(json.dumps({"case": case, **_doc(res)}, sort_keys=True))
    samples = sorted(p for p in (ROOT / "sample_statements").rglob("*") if p.suffix in (".csv", ".pdf"))
    for p in samples:
        res = pipeline.scan([p])
        lines.setdefault("samples", []).append(json.dumps({"case": str(p.relative_to(ROOT)), **_doc(res)},
                                                          sort_keys=True))
    if not args.no_big:
        from scale_data import DATA, make_statement_csv

        path = make_statement_csv(DATA / "scan_200000.csv", 200_000)
        lines["big"] = [json.dumps({"case": path.name, **_doc(pipeline.scan([path]))}, sort_keys=True)]
    if args.clients:
        for name in ("recurring_eval", "recurring_holdout", "independent_eval"):
            print(f"{name:18} one pass == each client alone: {_one_pass_equal(data / name)}")
    with args.out.open("w", encoding="utf-8") as fh:
        for name, rows in lines.items():
            fh.write("\n".join(rows) + "\n")
            print(f"{name:18} {len(rows):4} cases  sha256 {hashlib.sha256(chr(10).join(rows).encode()).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
