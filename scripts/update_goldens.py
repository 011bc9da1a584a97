"""Regenerate ``tests/golden/csv/*.json`` on purpose (tests only read them).

Each golden holds the full parsed table of one sample statement (all schema columns, dates as ISO
strings, missing values as null) and the parse-report essentials. A golden is written only when the
sample file on disk is what ``scripts/make_sample_csvs.py`` generates and the parse agrees with the
generator's own transactions (count, dates, descriptions, amounts, signs and kinds); otherwise the sample is listed and
skipped, so a reader bug is never frozen into a golden. Review ``git diff tests/golden`` afterwards.

Run: ``.venv/bin/python scripts/update_goldens.py [sample ...]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from audit import schema
from audit.model import ParseReport
from audit.readers import read_statement

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_statements"
GOLDEN = ROOT / "tests" / "golden" / "csv"


def load_generator():
    """The sample generator module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_sample_csvs", ROOT / "scripts" / "make_sample_csvs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_sample_csvs", mod)
    spec.loader.exec_module(mod)
    return sys.modules["make_sample_csvs"]


def golden_name(sample_path: str) -> str:
    """``demo/client_a/rakuten_2026-05.csv`` -> ``demo_client_a_rakuten_2026-05.json``."""
    return sample_path.replace("/", "_").removesuffix(".csv") + ".json"


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        return _value(v.item())
    return v


def golden_record(df: pd.DataFrame, report: ParseReport) -> dict[str, Any]:
    """The JSON-ready record a golden file holds for one parsed sample."""
    rows = [{c: _value(r[c]) for c in schema.COLUMNS} for r in df[schema.COLUMNS].to_dict(orient="records")]
    return {
        "report": {
            "source": report.source,
            "kind": report.kind,
            "layout": report.layout,
            "encoding": report.encoding,
            "rows": report.rows,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "excluded": [{"reason": e.reason, "row": e.row, "amount": e.amount} for e in report.excluded],
            "problems": [{"row": p.row, "message": p.message} for p in report.problems],
        },
        "transactions": rows,
    }


def disagreements(df: pd.DataFrame, txns: list[Any], printed) -> list[str]:
    """Where the parsed table differs from the generator's transactions (empty when they agree)."""
    want = [t for t in txns if t.counted]
    if len(df) != len(want):
        return [f"{len(df)} rows parsed, {len(want)} written"]
    out = []
    got = df.sort_values(["date", "amount", "description"]).reset_index(drop=True)
    want = sorted(want, key=lambda t: (t.date, t.amount, printed(t.description)))
    for t, (_, r) in zip(want, got.iterrows(), strict=True):
        if (r["date"].date(), r["amount"], r["kind"]) != (t.date, t.amount, t.kind) or not str(r["description"]).startswith(
            printed(t.description)
        ):
            out.append(f"{t.date} {t.description} {t.amount} {t.kind}: parsed {r['date'].date()} {r['description']} "
                       f"{r['amount']} {r['kind']}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("samples", nargs="*", help="sample paths relative to sample_statements/ (default: all)")
    args = ap.parse_args(argv)
    gen = load_generator()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    skipped = []
    for s in gen.build_all():
        if args.samples and s.path not in args.samples:
            continue
        path = SAMPLES / s.path
        if not path.exists() or path.read_bytes() != s.data:
            skipped.append(f"{s.path}: file differs from the generator (run scripts/make_sample_csvs.py)")
            continue
        df, report = read_statement(path)
        bad = disagreements(df, s.txns, gen.printed)
        if report.layout != s.layout:
            bad.insert(0, f"layout {report.layout!r}, expected {s.layout!r}")
        if bad:
            skipped.append(f"{s.path}: " + "; ".join(bad[:3]))
            continue
        out = GOLDEN / golden_name(s.path)
        out.write_text(json.dumps(golden_record(df, report), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({len(df)} rows)")
    for line in skipped:
        print("skipped " + line, file=sys.stderr)
    return 1 if skipped else 0


if __name__ == "__main__":
    raise SystemExit(main())
