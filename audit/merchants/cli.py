"""``audit merchants validate | explain | hits``: commands for analysts keeping the lists current.

``candidates`` and ``diff`` are the analyst's workbench (:mod:`audit.merchants.workbench`).

Exit status: 0 ok; 1 when validation finds problems, a statement cannot be read (hits), or a
merchant list cannot be read at all (one line on stderr naming the file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from audit.errors import MerchantListError


def register(subparsers) -> None:  # argparse's _SubParsersAction
    """Add ``merchants`` with its three sub-commands to the ``audit`` parser."""
    p = subparsers.add_parser("merchants", help="check merchant lists and see why a descriptor matches")
    sub = p.add_subparsers(dest="merchants_command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--list", dest="lists", action="append", default=[], metavar="FILE",
                        help="local merchant list layered on the shipped ones; may repeat")
        sp.add_argument("--json", action="store_true", help="print JSON instead of text")

    v = sub.add_parser("validate", help="check schema, sources, duplicates and near-duplicates")
    v.add_argument("files", nargs="*", metavar="FILE", help="list files to check (default: shipped + --list)")
    v.add_argument("--sources", action="store_true",
                   help="also print each entry's first-source kind (primary / record-copy / press) and a count")
    common(v)
    v.set_defaults(func=cmd_validate)

    e = sub.add_parser("explain", help="a descriptor's parts, the word weights and the match probability per entry")
    e.add_argument("descriptors", nargs="+", metavar="DESCRIPTOR")
    common(e)
    e.set_defaults(func=cmd_explain)

    h = sub.add_parser("hits", help="which list entries hit a set of statements")
    h.add_argument("paths", nargs="+", metavar="FILE", help="CSV or PDF statements")
    common(h)
    h.set_defaults(func=cmd_hits)

    c = sub.add_parser("candidates", help="unknown merchants showing scam patterns across clients, as draft entries")
    c.add_argument("paths", nargs="+", metavar="PATH", help="statement files, or folders (one per client)")
    c.add_argument("--out", metavar="FILE", help="write the draft entries (TOML) to FILE")
    common(c)
    c.set_defaults(func=cmd_candidates)

    d = sub.add_parser("diff", help="entries added/removed/changed between two list versions, and their effect")
    d.add_argument("old", metavar="OLD", help="list file (old version)")
    d.add_argument("new", metavar="NEW", help="list file (new version)")
    d.add_argument("--statements", nargs="+", default=[], metavar="FILE", help="statements to compare findings on")
    d.add_argument("--json", action="store_true", help="print JSON instead of text")
    d.set_defaults(func=cmd_diff)


def _fail(exc: Exception) -> int:
    print(f"audit: error: {exc}", file=sys.stderr)
    return 1


def cmd_validate(args: argparse.Namespace) -> int:
    from audit.merchants import shipped_paths, validate
    from audit.merchants.lists import SOURCE_KINDS

    paths = [Path(f) for f in args.files] or [*shipped_paths(), *(Path(x) for x in args.lists)]
    if args.files and args.lists:
        paths += [Path(x) for x in args.lists]
    from audit.merchants.validate import source_rows

    try:
        problems = validate(paths)
        rows = source_rows(paths) if args.sources else []
    except MerchantListError as exc:
        return _fail(exc)
    counts = Counter(r.kind for r in rows)
    if args.json:
        out: dict = {"files": [str(p) for p in paths], "problems": [asdict(p) for p in problems]}
        if args.sources:
            out["sources"] = [asdict(r) for r in rows]
            out["source_counts"] = dict(counts)
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in rows:
            print(f"{r.entry_id:<34} {r.kind:<12} {r.source_date:<10} {r.host}")
        if rows:
            print("first sources: " + ", ".join(f"{k} {counts[k]}" for k in (*SOURCE_KINDS, "unstated")
                                                if counts[k]) + f" ({len(rows)} entries)")
        for p in problems:
            print(f"problem: {p}")
        print(f"{len(paths)} list file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


def cmd_explain(args: argparse.Namespace) -> int:
    from audit.merchants import explain, load_merchant_db, weights

    try:
        db = load_merchant_db(extra=args.lists)
    except MerchantListError as exc:
        return _fail(exc)
    results = [explain(d, db) for d in args.descriptors]
    if args.json:
        out = []
        for r in results:
            out.append({
                "descriptor": r.descriptor, "normalized": r.normalized, "merchant_key": r.merchant_key,
                "facilitator": r.facilitator, "parts": [{"part": k, "text": v} for k, v in r.parts],
                "match": None if r.match is None else {
                    "entry_id": r.match.entry.id, "name": r.match.entry.name, "alias": r.match.alias,
                    "score": r.match.score, "method": r.match.method, "reasons": [r.match.reason(), *r.match.supporting()],
                    "source_urls": list(r.match.entry.source_urls)},
                "candidates": [{"entry_id": c.entry.id, "alias": c.alias, "score": c.score, "method": c.method,
                                "weights": weights(c)} for c in r.candidates],
                "context": [{"entry_id": c.id, "name": c.name, "role": c.role} for c in r.context],
                "threshold": r.threshold,
            })
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for i, r in enumerate(results):
            if i:
                print()
            print("\n".join(r.lines()))
    return 0


def cmd_hits(args: argparse.Namespace) -> int:
    from audit.descriptors import add_descriptor_columns
    from audit.merchants import load_merchant_db, match_transactions
    from audit.pipeline import read_many

    try:
        db = load_merchant_db(extra=args.lists)
    except MerchantListError as exc:
        return _fail(exc)
    tx, reports, errors = read_many((Path(p).name, None, p) for p in args.paths)
    for err in errors:
        print(f"audit: error: {err}", file=sys.stderr)
    for report in reports:
        for problem in report.problems:
            print(f"audit: warning: {problem}", file=sys.stderr)
    tx = add_descriptor_columns(tx)
    findings = match_transactions(tx, db)
    by_entry: dict[str, dict] = {}
    src = dict(zip(tx["id"], tx["source"], strict=True)) if len(tx) else {}
    for f in findings:
        row = by_entry.setdefault(f.entry_id or "", {
            "entry_id": f.entry_id, "name": f.merchant, "score": f.score, "transactions": 0, "files": set(),
            "descriptors": set(), "source_urls": f.details.get("source_urls", []), "reasons": f.reasons[:1]})
        row["score"] = max(row["score"], f.score)
        row["transactions"] += len(f.transaction_ids)
        row["files"].update(src.get(t, "?") for t in f.transaction_ids)
        row["descriptors"].update(f.details.get("descriptors", []))
    rows = sorted(by_entry.values(), key=lambda r: (-r["transactions"], r["entry_id"]))
    for r in rows:
        r["files"], r["descriptors"] = sorted(r["files"]), sorted(r["descriptors"])
    if args.json:
        json.dump({"hits": rows, "transactions": len(tx), "errors": [str(e) for e in errors]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if not rows:
            print(f"no list entry hit {len(tx)} transaction(s) in {len(reports)} file(s)")
        for r in rows:
            print(f"{r['entry_id']}: {r['name']} - {r['transactions']} transaction(s), best score {r['score']:.0f}, "
                  f"in {', '.join(r['files'])}")
            print(f"    as: {'; '.join(r['descriptors'])}")
            print(f"    {r['reasons'][0] if r['reasons'] else ''}")
    return 1 if errors else 0


def cmd_candidates(args: argparse.Namespace) -> int:
    import datetime as dt

    from audit.merchants.workbench import candidates, draft_toml

    try:
        cands, errors = candidates(args.paths, merchant_lists=args.lists)
    except MerchantListError as exc:
        return _fail(exc)
    for err in errors:
        print(f"audit: error: {err}", file=sys.stderr)
    rows = [c.row() for c in cands]
    if args.out:
        Path(args.out).write_text(draft_toml(cands, dt.date.today().isoformat()), encoding="utf-8")
    if args.json:
        json.dump({"candidates": rows, "errors": [str(e) for e in errors]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if not rows:
            print("no unknown merchant shows a scam pattern in these statements")
        for r in rows:
            print(f"{r['name']}: {r['clients']} client(s), {r['charges']} charge(s), {r['paid']} "
                  f"({r['first']} to {r['last']}); signals: {r['signals']}")
            print(f"    as: {r['variants']}")
        if args.out:
            print(f"draft entries written to {args.out}: fill the source fields, then run "
                  f"'audit merchants validate {args.out}'")
    return 1 if errors else 0


def cmd_diff(args: argparse.Namespace) -> int:
    from audit.merchants.workbench import diff
    from audit.pipeline import read_many

    tx = None
    errors = []
    if args.statements:
        from audit.descriptors import add_descriptor_columns

        tx, _reports, errors = read_many((Path(p).name, None, p) for p in args.statements)
        tx = add_descriptor_columns(tx)
        for err in errors:
            print(f"audit: error: {err}", file=sys.stderr)
    try:
        res = diff([args.old], [args.new], tx)
    except MerchantListError as exc:
        return _fail(exc)
    if args.json:
        json.dump({
            "added": [e.id for e in res.added], "removed": [e.id for e in res.removed],
            "changed": {new.id: fields for _old, new, fields in res.changed},
            "findings_added": [list(x) for x in res.findings_added],
            "findings_removed": [list(x) for x in res.findings_removed],
        }, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(res.lines()))
    return 1 if errors else 0
