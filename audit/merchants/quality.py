"""``audit eval --merchants``: false flags on legitimate descriptors and recall on listed variants.

Data in ``tests/data/merchants/`` (sources and licences in its MANIFEST.md):

* legitimate descriptors: ``legit_*.csv`` (column ``descriptor``): brand names from the OpenStreetMap
  name-suggestion-index, look-alikes of listed names (CCleaner, salons named Reimage...) and the real
  brands scams imitate; plus the negatives of ``tests/data/descriptor_labels.csv``;
* listed variants: ``listed_*.csv`` (columns ``descriptor``, ``expected``, ``variant``): statement forms
  of the shipped entries (facilitator prefixes, phone numbers, city and country, 22/25-character cuts,
  full width, katakana).

A false flag is a legitimate descriptor that gets any known-merchant match; a variant counts as found
only when it matches its own entry.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from audit.merchants.matching import MerchantDB, load_merchant_db

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "merchants"
LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "descriptor_labels.csv"
PER = 2000  # false flags are reported per this many legitimate descriptors
TARGET_FLAGS = 1.0
TARGET_RECALL = 0.98


@dataclass
class QualityResult:
    legit: int = 0
    false_flags: list[tuple[str, str, str]] = field(default_factory=list)  # descriptor, entry id, method
    variants: int = 0
    found: int = 0
    missed: list[tuple[str, str, str, str]] = field(default_factory=list)  # descriptor, expected, got, variant
    by_variant: dict[str, tuple[int, int]] = field(default_factory=dict)  # variant -> (found, total)
    legit_by_file: dict[str, int] = field(default_factory=dict)

    @property
    def flags_per_2000(self) -> float:
        return len(self.false_flags) * PER / self.legit if self.legit else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.variants if self.variants else 1.0

    @property
    def meets_targets(self) -> bool:
        return self.flags_per_2000 <= TARGET_FLAGS and self.recall >= TARGET_RECALL


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_sets(data: str | Path = DEFAULT_DATA) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    """(legitimate descriptors by file name, labelled listed variants)."""
    folder = Path(data)
    legit_files = sorted(folder.glob("legit_*.csv"))
    variant_files = sorted(folder.glob("listed_*.csv"))
    if not legit_files or not variant_files:
        raise FileNotFoundError(f"{folder}: no legit_*.csv or listed_*.csv files")
    legit = {p.name: [r["descriptor"] for r in _rows(p) if r.get("descriptor")] for p in legit_files}
    if LABELS.is_file() and folder == DEFAULT_DATA:
        legit[LABELS.name] = [r["descriptor"] for r in _rows(LABELS) if r["group"] != "positive"]
    variants = [r for p in variant_files for r in _rows(p) if r.get("descriptor")]
    return legit, variants


def evaluate(db: MerchantDB | None = None, data: str | Path = DEFAULT_DATA) -> QualityResult:
    """Run the matcher over both sets."""
    db = db if db is not None else load_merchant_db()
    legit, variants = load_sets(data)
    res = QualityResult()
    for name, descriptors in legit.items():
        res.legit_by_file[name] = len(descriptors)
        res.legit += len(descriptors)
        for d in descriptors:
            m = db.match(d)
            if m is not None:
                res.false_flags.append((d, m.entry.id, m.method))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in variants:
        m = db.match(r["descriptor"])
        got = m.entry.id if m is not None else ""
        ok = got == r["expected"]
        res.variants += 1
        res.found += ok
        counts[r["variant"]]["total"] += 1
        counts[r["variant"]]["found"] += ok
        if not ok:
            res.missed.append((r["descriptor"], r["expected"], got, r["variant"]))
    res.by_variant = {k: (c["found"], c["total"]) for k, c in sorted(counts.items())}
    return res


def format_result(res: QualityResult, limit: int = 20) -> str:
    lines = [
        f"legitimate descriptors: {res.legit} ("
        + ", ".join(f"{k} {v}" for k, v in res.legit_by_file.items()) + ")",
        f"false flags: {len(res.false_flags)}  = {res.flags_per_2000:.2f} per {PER:,} "
        f"(target <= {TARGET_FLAGS:g})",
        f"listed variants: {res.variants}  found {res.found}  recall {res.recall:.3f} (target >= {TARGET_RECALL})",
        "",
        f"{'variant':<20} found/total",
    ]
    for k, (found, total) in res.by_variant.items():
        lines.append(f"{k:<20} {found:>5}/{total:<5} {found / total:.3f}")
    if res.false_flags:
        lines += ["", "false flags:"] + [f"  {d!r} -> {e} ({m})" for d, e, m in res.false_flags[:limit]]
    if res.missed:
        lines += ["", f"missed variants (first {limit}):"]
        lines += [f"  {d!r} expected {e}, got {g or 'nothing'} ({v})" for d, e, g, v in res.missed[:limit]]
    lines.append("")
    lines.append("targets met" if res.meets_targets else "TARGETS NOT MET")
    return "\n".join(lines) + "\n"


def cmd_eval_merchants(args: argparse.Namespace) -> int:
    from audit.errors import MerchantListError

    try:
        db = load_merchant_db(extra=getattr(args, "lists", []) or [])
        res = evaluate(db, getattr(args, "merchant_data", None) or DEFAULT_DATA)
    except (FileNotFoundError, MerchantListError) as exc:
        print(f"audit: error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(format_result(res))
    return 0 if res.meets_targets else 1


def add_eval_option(p: argparse.ArgumentParser) -> None:
    """Give ``audit eval`` a ``--merchants`` switch that runs this evaluation instead."""
    p.add_argument("--merchants", action="store_true",
                   help="merchant matching: false flags on legitimate descriptors, recall on listed variants")
    p.add_argument("--merchant-data", metavar="DIR", help=f"folder of the merchant sets (default {DEFAULT_DATA})")
    other = p.get_default("func")
    p.set_defaults(func=lambda a: cmd_eval_merchants(a) if a.merchants else other(a))
