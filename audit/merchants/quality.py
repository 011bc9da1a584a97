"""``audit eval --merchants``: false flags on legitimate descriptors and recall on listed merchants' forms.

Two sets, each of legitimate descriptors and of labelled forms of listed merchants:

* ``own`` (``tests/data/merchants/``, sources and licences in its MANIFEST.md): brand names from the
  OpenStreetMap name-suggestion-index, look-alikes of listed names, the negatives of
  ``tests/data/descriptor_labels.csv``; statement forms of the shipped aliases (``listed_*.csv``);
* ``blind`` (``tests/data/merchants/blind/``, frozen by helpers who never read the matcher; see its
  READMEs): 2,413 legitimate descriptors (real companies and constructed hard negatives) and 537
  billing forms of listed merchants. A form labelled ``new:<id>`` belongs to a merchant the list does
  not hold yet: it is scored with the others once an entry with that id exists, before that apart
  (``id_map.csv`` beside the set maps such labels to the entry the curator filed the name under).

By default every descriptor goes through the scan path (:mod:`audit.merchants.scan_eval`: written into
statement files of several layouts, read by the reader, matched by the scan). A legitimate descriptor
counts as a false flag when any layout gives it a known-merchant finding; a form counts as found only
when every layout that carried it named its own entry. ``--raw`` feeds the strings to the matcher
directly (quicker, and what earlier figures measured).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from audit.merchants.matching import MerchantDB, load_merchant_db

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "merchants"
BLIND_DATA = DEFAULT_DATA / "blind"
LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "descriptor_labels.csv"
PER = 2000  # false flags are reported per this many legitimate descriptors
TARGET_FLAGS = 1.0
TARGET_RECALL = 0.98  # own set
TARGET_RECALL_BLIND = 0.97  # blind set (issue 18)
NEW = "new:"


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


# ------------------------------------------------------------------------------------------------ sets


@dataclass(frozen=True)
class Legit:
    descriptor: str
    group: str  # file or source
    real: bool | None = None  # a real company (None: not said)


@dataclass(frozen=True)
class Listed:
    descriptor: str
    expected: str  # entry id, or "new:<id>" for a merchant the list may not hold yet
    group: str  # form / variant


@dataclass
class EvalSet:
    name: str
    legit: list[Legit]
    listed: list[Listed]


def load_sets(data: str | Path = DEFAULT_DATA) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    """(legitimate descriptors by file name, labelled listed variants) of the own set in ``data``."""
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


def own_set(data: str | Path = DEFAULT_DATA) -> EvalSet:
    legit, variants = load_sets(data)
    # legit_nsi.csv holds real brands' names (name-suggestion-index); the other files constructed look-alikes
    return EvalSet("own", [Legit(d, name, True if name == "legit_nsi.csv" else None) for name, ds in legit.items()
                           for d in ds],
                   [Listed(r["descriptor"], r["expected"], r["variant"]) for r in variants])


def blind_set(data: str | Path = BLIND_DATA) -> EvalSet:
    folder = Path(data)
    legit_path, forms_path = folder / "legit_blind.csv", folder / "listed_forms_blind.csv"
    for p in (legit_path, forms_path):
        if not p.is_file():
            raise FileNotFoundError(f"{p}: blind set file missing")
    legit = [Legit(r["descriptor"], r["source"], r["real"] == "1") for r in _rows(legit_path) if r.get("descriptor")]
    # errata beside the frozen file: a "new:" label that the curator filed under an existing entry
    id_map = {r["blind_id"]: r["list_id"] for r in _rows(folder / "id_map.csv")} if (folder / "id_map.csv").is_file() else {}
    listed = [Listed(r["descriptor"], _mapped(r["expected_id"], id_map), r["form"])
              for r in _rows(forms_path) if r.get("descriptor")]
    return EvalSet("blind", legit, listed)


def _mapped(expected: str, id_map: dict[str, str]) -> str:
    """The list id a blind label stands for (errata ``id_map.csv``); an empty mapping stays "not listed"."""
    if expected in id_map:
        return id_map[expected] or expected
    return expected


# ------------------------------------------------------------------------------------------------ raw


def evaluate(db: MerchantDB | None = None, data: str | Path = DEFAULT_DATA) -> QualityResult:
    """The own set's strings fed to the matcher directly (no statement file, no reader)."""
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
        "own set, strings fed to the matcher directly (--raw)",
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


# ------------------------------------------------------------------------------------------------ scan path


@dataclass
class ScanScore:
    """One set scored through the scan path."""

    name: str
    layouts: list[str]
    legit: int = 0
    legit_tested: int = 0  # read back in at least one layout
    real: int = 0
    flagged: list[tuple[str, str, str, bool | None]] = field(default_factory=list)  # desc, entries, layouts, real
    listed: int = 0  # rows whose entry is on the list
    found: int = 0
    missed: list[tuple[str, str, str, str]] = field(default_factory=list)  # descriptor, expected, answers, group
    by_group: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_layout: dict[str, tuple[int, int, int, int, int]] = field(default_factory=dict)
    # layout -> (legit carried, legit flagged, listed carried, listed found, unread)
    not_listed: int = 0
    not_listed_ids: list[str] = field(default_factory=list)
    not_listed_hits: Counter[str] = field(default_factory=Counter)
    target_recall: float = TARGET_RECALL

    @property
    def flags_per_2000(self) -> float:
        return len(self.flagged) * PER / self.legit_tested if self.legit_tested else 0.0

    @property
    def real_flagged(self) -> int:
        return sum(1 for *_x, real in self.flagged if real)

    @property
    def recall(self) -> float:
        return self.found / self.listed if self.listed else 1.0

    @property
    def meets_targets(self) -> bool:
        return self.flags_per_2000 <= TARGET_FLAGS and self.real_flagged == 0 and self.recall >= self.target_recall


def _expected_id(expected: str, ids: set[str]) -> str | None:
    """The entry id a label stands for, or None when the list does not hold that merchant (not yet, or no
    longer: an entry dropped for want of a record)."""
    slug = expected[len(NEW):] if expected.startswith(NEW) else expected
    return slug if slug in ids else None


def score_scan(s: EvalSet, lists: Sequence[str | Path] = (), db: MerchantDB | None = None) -> ScanScore:
    """Score ``s`` through the scan path (every layout of :mod:`audit.merchants.scan_eval`)."""
    from audit.merchants.scan_eval import answers_by_index, run_layouts

    db = db if db is not None else load_merchant_db(extra=list(lists))
    ids = {e.id for e in db.scam}
    legit_runs = run_layouts([r.descriptor for r in s.legit], lists)
    listed_runs = run_layouts([r.descriptor for r in s.listed], lists)
    res = ScanScore(s.name, [r.layout for r in legit_runs],
                    target_recall=TARGET_RECALL_BLIND if s.name == "blind" else TARGET_RECALL)
    res.legit, res.real = len(s.legit), sum(1 for r in s.legit if r.real)
    for row, ans in zip(s.legit, answers_by_index(legit_runs, len(s.legit)), strict=True):
        read = {k: v for k, v in ans.items() if v not in (None, "?")}
        res.legit_tested += bool(read)
        hits = {k: v for k, v in read.items() if v}
        if hits:
            res.flagged.append((row.descriptor, ",".join(sorted(set(hits.values()))), ",".join(hits), row.real))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    missing: set[str] = set()
    for row, ans in zip(s.listed, answers_by_index(listed_runs, len(s.listed)), strict=True):
        want = _expected_id(row.expected, ids)
        carried = {k: v for k, v in ans.items() if v is not None}
        if want is None:
            res.not_listed += 1
            missing.add(row.expected.removeprefix(NEW))
            for v in set(carried.values()) - {"", "?"}:
                res.not_listed_hits[v] += 1
            continue
        ok = bool(carried) and all(v == want for v in carried.values())
        res.listed += 1
        res.found += ok
        counts[row.group]["total"] += 1
        counts[row.group]["found"] += ok
        if not ok:
            got = _answers_text(carried)
            res.missed.append((row.descriptor, row.expected, got, row.group))
    res.not_listed_ids = sorted(missing)
    res.by_group = {k: (c["found"], c["total"]) for k, c in sorted(counts.items())}
    for lr, fr in zip(legit_runs, listed_runs, strict=True):
        legit_carried = len(s.legit) - len(lr.skipped)
        legit_flagged = sum(1 for v in lr.answers.values() if v)
        listed_idx = [i for i, r in enumerate(s.listed) if _expected_id(r.expected, ids) is not None]
        carried = [i for i in listed_idx if i not in set(fr.skipped)]
        found = sum(1 for i in carried if fr.answers.get(i) == _expected_id(s.listed[i].expected, ids))
        res.by_layout[lr.layout] = (legit_carried, legit_flagged, len(carried), found, len(lr.unread) + len(fr.unread))
    return res


def _answers_text(answers: dict[str, str]) -> str:
    """What the layouts answered: one value when they agree, else each layout's ('?' = not read back)."""
    if not answers:
        return "not carried by any layout"
    values = set(answers.values())
    if len(values) == 1:
        v = values.pop()
        return {"": "nothing", "?": "not read back"}.get(v, v)
    return " ".join(f"{k}={v or '-'}" for k, v in answers.items())


def format_scan(res: ScanScore, limit: int = 40) -> str:
    lines = [
        f"{res.name} set, through the scan path (layouts: {', '.join(res.layouts)})",
        f"legitimate descriptors: {res.legit} (real companies {res.real}); read back in at least one layout "
        f"{res.legit_tested}",
        f"false flags (any layout): {len(res.flagged)} = {res.flags_per_2000:.2f} per {PER:,}, of them real "
        f"companies {res.real_flagged} (target <= {TARGET_FLAGS:g}, none real)",
        f"listed forms: {res.listed}  found in every layout {res.found}  recall {res.recall:.3f} "
        f"(target >= {res.target_recall})",
    ]
    if res.not_listed:
        hits = ", ".join(f"{k} {v}" for k, v in res.not_listed_hits.most_common()) or "none"
        lines.append(f"not on the list (scored apart): {res.not_listed} forms of {len(res.not_listed_ids)} merchants "
                     f"({', '.join(res.not_listed_ids)}); findings on them: {hits}")
    lines += ["", f"{'layout':<12} {'legit':>6} {'flagged':>8} {'forms':>6} {'found':>6} {'recall':>7} {'unread':>7}"]
    for k, (lc, lf, fc, ff, unread) in res.by_layout.items():
        lines.append(f"{k:<12} {lc:>6} {lf:>8} {fc:>6} {ff:>6} {ff / fc if fc else 1.0:>7.3f} {unread:>7}")
    lines += ["", f"{'form':<28} found/total"]
    for k, (found, total) in res.by_group.items():
        lines.append(f"{k:<28} {found:>5}/{total:<5} {found / total:.3f}")
    if res.flagged:
        lines += ["", "false flags:"]
        lines += [f"  {d!r} -> {e} ({lay}){' REAL' if real else ''}" for d, e, lay, real in res.flagged[:limit]]
        if len(res.flagged) > limit:
            lines.append(f"  ... {len(res.flagged) - limit} more")
    if res.missed:
        lines += ["", f"missed forms (first {limit} of {len(res.missed)}):"]
        lines += [f"  {d!r} expected {e}, got {g} ({v})" for d, e, g, v in res.missed[:limit]]
    lines += ["", "targets met" if res.meets_targets else "TARGETS NOT MET"]
    return "\n".join(lines) + "\n"


def cmd_eval_merchants(args: argparse.Namespace) -> int:
    from audit.errors import MerchantListError

    lists = getattr(args, "lists", []) or []
    try:
        db = load_merchant_db(extra=lists)
        if getattr(args, "raw", False):
            res = evaluate(db, getattr(args, "merchant_data", None) or DEFAULT_DATA)
            sys.stdout.write(format_result(res))
            return 0 if res.meets_targets else 1
        which = getattr(args, "merchant_set", "all")
        sets = []
        if which in ("own", "all"):
            sets.append(own_set(getattr(args, "merchant_data", None) or DEFAULT_DATA))
        if which in ("blind", "all"):
            sets.append(blind_set())
        ok = True
        for i, s in enumerate(sets):
            res_scan = score_scan(s, lists, db)
            sys.stdout.write(("\n" if i else "") + format_scan(res_scan, getattr(args, "show", 40)))
            ok = ok and res_scan.meets_targets
    except (FileNotFoundError, MerchantListError) as exc:
        print(f"audit: error: {exc}", file=sys.stderr)
        return 1
    return 0 if ok else 1


def add_eval_option(p: argparse.ArgumentParser) -> None:
    """Give ``audit eval`` a ``--merchants`` switch that runs this evaluation instead."""
    p.add_argument("--merchants", action="store_true",
                   help="merchant matching through the scan path: false flags on legitimate descriptors, "
                   "recall on listed merchants' forms (own and blind sets)")
    p.add_argument("--merchant-set", choices=("own", "blind", "all"), default="all",
                   help="which merchant sets to score (default all)")
    p.add_argument("--raw", action="store_true",
                   help="with --merchants: feed the own set's strings to the matcher directly, no statement files")
    p.add_argument("--show", type=int, default=40, metavar="N",
                   help="with --merchants: list at most N false flags and N missed forms per set (default 40)")
    p.add_argument("--merchant-data", metavar="DIR", help=f"folder of the own merchant sets (default {DEFAULT_DATA})")
    other = p.get_default("func")
    p.set_defaults(func=lambda a: cmd_eval_merchants(a) if a.merchants else other(a))
