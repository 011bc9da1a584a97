"""``audit eval --real``: how well the normal reader does on real statement files nobody here wrote.

Every ``tests/data/real/*/manifest.toml`` lists files (``[[file]]`` with ``path``, ``repo``,
``repo_path``, ``commit``, ``licence``, ``what``); beside each file lies ``<file>.expected.csv``
(``date``, ``description``, ``amount``, ``currency``), written by hand from the file itself, with
positive amounts for money out and ``unknown`` where the file names no currency.

Each file is read with :func:`audit.readers.read_statement`, exactly as ``audit scan`` reads it (no
file name or fixture knowledge anywhere). Rows are paired one-to-one: each expected row, in file order,
is compared with row *i* read when the reader gave as many rows as expected (readers keep file
order); otherwise each expected row takes the unpaired row read that agrees with it on most fields
(date, amount, description, currency; ties go to the earlier row). A field is right on a row when:

* date: the same calendar day;
* amount: the same signed value within half a cent (positive = money out);
* description: after NFKC, case folding and collapsing blanks, the expected text equals the text read,
  or is contained in it while the text read is at most 40 characters longer (a reader that joins a
  type column to the counterparty is right; one that joins the whole row is not);
* currency: the same ISO code, or ``unknown`` on both sides.

Per file: read or not (the one-line error when not), rows expected / read, and the share of expected
rows right per field (an unpaired expected row is wrong on every field). A file is *fully right* when
it was read, gave exactly as many rows as expected and every field of every row is right.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "tests" / "data" / "real"
FIELDS = ("date", "amount", "description", "currency")
_LONGER = 40  # how much longer than the expected description a read one may be


@dataclass
class FileResult:
    """The comparison for one real file."""

    path: str
    what: str
    read: bool
    error: str = ""
    expected: int = 0
    got: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mismatches: list[str] = field(default_factory=list)  # first few differences, for the report

    def share(self, name: str) -> float:
        return self.right[name] / self.expected if self.expected else 1.0

    @property
    def fully_right(self) -> bool:
        return self.read and self.got == self.expected and all(self.right[f] == self.expected for f in FIELDS)


def norm_text(text: object) -> str:
    """NFKC, case-folded, blanks collapsed: how descriptions are compared."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text))).strip().casefold()


def description_right(expected: object, got: object) -> bool:
    e, g = norm_text(expected), norm_text(got)
    return e == g or (bool(e) and e in g and len(g) <= len(e) + _LONGER)


def _agree(exp: pd.Series, got: pd.Series) -> dict[str, bool]:
    gd = got["date"]
    return {
        "date": pd.notna(gd) and pd.Timestamp(gd).date() == exp["date"],
        "amount": pd.notna(got["amount"]) and abs(float(got["amount"]) - exp["amount"]) < 0.005,
        "description": description_right(exp["description"], got["description"]),
        "currency": str(got["currency"]).strip().lower() == exp["currency"].lower()
        if pd.notna(got["currency"])
        else exp["currency"] == "unknown",
    }


def load_expected(path: Path) -> pd.DataFrame:
    """The hand-written expected table of one file."""
    exp = pd.read_csv(path, dtype="str", keep_default_na=False)
    missing = [c for c in ("date", "description", "amount", "currency") if c not in exp.columns]
    if missing:
        raise ValueError(f"{path.name}: expected table lacks {', '.join(missing)}")
    return pd.DataFrame(
        {
            "date": [pd.Timestamp(d).date() for d in exp["date"]],
            "description": exp["description"],
            "amount": exp["amount"].astype("float64"),
            "currency": exp["currency"].str.strip(),
        }
    )


def compare(expected: pd.DataFrame, got: pd.DataFrame, result: FileResult) -> None:
    """Pair rows and count, per field, the expected rows read right."""
    result.expected, result.got = len(expected), len(got)
    free = list(range(len(got)))
    rows = [got.iloc[i] for i in range(len(got))]
    in_order = len(got) == len(expected)  # readers keep file order: same count = row i against row i
    for k, (_, exp) in enumerate(expected.iterrows()):
        best, best_score, best_agree = None, -1, None
        for i in [k] if in_order else free:
            agree = _agree(exp, rows[i])
            score = sum(agree.values())
            if score > best_score:
                best, best_score, best_agree = i, score, agree
        if best is None or best_agree is None:
            result.mismatches.append(f"missing row {exp['date']} {exp['description']!s} {exp['amount']:g}")
            continue
        free.remove(best)
        for name, ok in best_agree.items():
            result.right[name] += int(ok)
        if not all(best_agree.values()) and len(result.mismatches) < 3:
            g = rows[best]
            gd = pd.Timestamp(g["date"]).date() if pd.notna(g["date"]) else None
            wrong = ", ".join(n for n, ok in best_agree.items() if not ok)
            result.mismatches.append(
                f"{wrong}: expected {exp['date']} {exp['description']!s} {exp['amount']:g} {exp['currency']}"
                f" / read {gd} {g['description']!s} {g['amount']:g} {g['currency']}"
            )
    for i in free[:2]:
        g = rows[i]
        result.mismatches.append(f"extra row read: {g['date']} {g['description']!s} {g['amount']:g}")


def manifests(root: Path) -> list[Path]:
    return sorted(root.glob("*/manifest.toml"))


def evaluate(root: Path = DEFAULT_ROOT, reader: Callable[[Path], pd.DataFrame] | None = None) -> list[FileResult]:
    """Read and compare every file of every manifest under ``root``."""
    from audit.errors import StatementError
    from audit.readers import read_statement

    def default_reader(p: Path) -> pd.DataFrame:
        return read_statement(p)[0]

    read = reader or default_reader
    found = manifests(root)
    if not found:
        raise FileNotFoundError(f"no */manifest.toml under {root}")
    results: list[FileResult] = []
    for manifest in found:
        entries = tomllib.loads(manifest.read_text(encoding="utf-8")).get("file", [])
        for entry in entries:
            path = manifest.parent / entry["path"]
            rel = f"{manifest.parent.name}/{entry['path']}"
            expected = load_expected(path.with_name(path.name + ".expected.csv"))
            result = FileResult(rel, entry.get("what", ""), read=True, expected=len(expected))
            try:
                got = read(path)
            except StatementError as exc:
                # a file with no transaction lines is read right when the reader says so
                result.read, result.error = not len(expected), str(exc)
                results.append(result)
                continue
            compare(expected, got, result)
            results.append(result)
    return results


def format_results(results: list[FileResult], verbose: bool = False) -> str:
    """One line per file, then the totals."""
    name_w = max(len(r.path) for r in results)
    head = f"{'file':<{name_w}}  read  rows exp/got   date  amount  descr  curr  fully right"
    lines = [head, "-" * len(head)]
    for r in results:
        if not r.read or (r.error and not r.expected):
            lines.append(f"{r.path:<{name_w}}  {'no ' if not r.read else 'yes'}   {r.expected:>4}/{'-':<4}      -       -      -     -  "
                f"{'yes' if r.fully_right else 'no '}  ({r.error})")
            continue
        lines.append(
            f"{r.path:<{name_w}}  yes   {r.expected:>4}/{r.got:<4}  {r.share('date'):5.2f}   {r.share('amount'):5.2f}  "
            f"{r.share('description'):5.2f}  {r.share('currency'):4.2f}  {'yes' if r.fully_right else 'no'}"
        )
        if verbose and not r.fully_right:
            lines.extend(f"{'':<{name_w}}    {m}" for m in r.mismatches)
    lines.append("-" * len(head))
    folders = sorted({r.path.split("/")[0] for r in results})
    if len(folders) > 1:
        for folder in folders:
            part = [r for r in results if r.path.split("/")[0] == folder]
            full_part = sum(r.fully_right for r in part)
            lines.append(f"{folder}: {len(part)} files, fully right {full_part} ({full_part / len(part):.1%})")
    n = len(results)
    total_exp = sum(r.expected for r in results) or 1
    per_field = {f: sum(r.right[f] for r in results) / total_exp for f in FIELDS}
    read_n = sum(r.read for r in results)
    full = sum(r.fully_right for r in results)
    lines.append(
        f"files {n}: read {read_n} ({read_n / n:.0%}), fully right {full} ({full / n:.1%}); rows right per field: "
        + ", ".join(f"{f} {v:.1%}" for f, v in per_field.items())
    )
    return "\n".join(lines) + "\n"


def cmd_real(args: argparse.Namespace) -> int:
    """Run the real-file evaluation and print it (``--generic-only``: named layouts off; ``--mutations``:
    invariance under transformations, :mod:`audit.readers.mutations`)."""
    from audit.readers import options

    root = Path(args.real_data) if getattr(args, "real_data", None) else DEFAULT_ROOT
    opts = options.ReadingOptions(named_layouts=not getattr(args, "generic_only", False))
    try:
        with options.in_force(opts):
            if getattr(args, "mutations", False):
                from audit.readers import mutations

                sys.stdout.write(mutations.format_results(mutations.evaluate(root), verbose=getattr(args, "verbose", False)))
                return 0
            results = evaluate(root)
    except (FileNotFoundError, ValueError, tomllib.TOMLDecodeError, KeyError) as exc:
        print(f"audit: error: {exc}", file=sys.stderr)
        return 1
    if opts.named_layouts is False:
        sys.stdout.write("named layouts switched off: every file read by the generic reader\n")
    sys.stdout.write(format_results(results, verbose=getattr(args, "verbose", False)))
    return 0


def add_option(parser: argparse.ArgumentParser, default: Callable[[argparse.Namespace], int]) -> None:
    """Give ``audit eval`` the ``--real`` switch; without it ``default`` runs as before."""
    parser.add_argument("--real", action="store_true", help="reading accuracy on the real statement files in tests/data/real")
    parser.add_argument("--real-data", metavar="DIR", help="folder holding */manifest.toml (default tests/data/real)")
    parser.add_argument("-v", "--verbose", action="store_true", help="with --real: show the first differences per file")
    parser.add_argument("--generic-only", action="store_true", help="with --real: switch the named issuer layouts off")
    parser.add_argument("--mutations", action="store_true",
                        help="with --real: invariance of what is read under 15 kinds of file transformation")

    def dispatch(args: argparse.Namespace) -> Any:
        return cmd_real(args) if args.real else default(args)

    parser.set_defaults(func=dispatch)
