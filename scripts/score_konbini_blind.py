"""Score the prepaid-burst rule on the blind konbini set (``tests/data/konbini_blind``), as it is.

The set was written by a helper that never read the detector (see its README.md): ten cards, heavy and light
convenience-store buyers (two company cards with hundreds of purchases a day), five with a gift-card episode
bought for a scammer. Per case this prints the ``prepaid_burst`` findings, how many hold a labelled scam
row (a finding with none is a false alarm), the scam rows flagged by any finding and the ordinary rows that
burst findings swept in. The totals line is what ``tests/test_konbini_blind.py`` checks.

Run: ``.venv/bin/python scripts/score_konbini_blind.py [FOLDER]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "konbini_blind"
LABELS = ("case", "scam_burst")


@dataclass
class CaseScore:
    """What the detector made of one labelled card."""

    case: str
    scam_rows: int
    scam_rows_flagged: int
    burst_findings: int
    false_bursts: int
    ordinary_rows_in_bursts: int


def load(folder: Path = DATA) -> dict[str, pd.DataFrame]:
    """The set's cards by case name, in the transaction schema plus the label columns."""
    from audit import schema

    text = {"id": str, "card": str, "client": str, "original_currency": str, "case": str}
    df = pd.read_csv(folder / "transactions.csv", dtype=text)
    labels = df[["id", *LABELS]]
    table = schema.conform(df.drop(columns=list(LABELS))).merge(labels, on="id", validate="one_to_one")
    return {str(c): part.reset_index(drop=True) for c, part in table.groupby("case", sort=True)}


def score_case(case: str, part: pd.DataFrame) -> CaseScore:
    """Run the whole analysis on one card and compare its findings with the labels."""
    from audit.pipeline import analyse

    result = analyse(part.drop(columns=list(LABELS)))
    scam = set(part.loc[part["scam_burst"] == 1, "id"])
    flagged = {i for f in result.findings for i in f.transaction_ids}
    bursts = [f for f in result.findings if f.kind == "prepaid_burst"]
    in_bursts = {i for f in bursts for i in f.transaction_ids}
    return CaseScore(case=case, scam_rows=len(scam), scam_rows_flagged=len(scam & flagged),
                     burst_findings=len(bursts), false_bursts=sum(1 for f in bursts if not scam & set(f.transaction_ids)),
                     ordinary_rows_in_bursts=len(in_bursts - scam))


def score(folder: Path = DATA) -> list[CaseScore]:
    """Every case of the set, scored."""
    return [score_case(case, part) for case, part in load(folder).items()]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    scores = score(Path(args[0]) if args else DATA)
    print(f"{'case':<7} {'scam rows':>9} {'flagged':>7} {'bursts':>6} {'false':>5} {'ordinary rows in bursts':>24}")
    for s in scores:
        print(f"{s.case:<7} {s.scam_rows:>9} {s.scam_rows_flagged:>7} {s.burst_findings:>6} {s.false_bursts:>5} "
              f"{s.ordinary_rows_in_bursts:>24}")
    scam = sum(s.scam_rows for s in scores)
    print(f"total: scam rows flagged {sum(s.scam_rows_flagged for s in scores)}/{scam}; "
          f"false burst findings {sum(s.false_bursts for s in scores)} "
          f"(on cards without a scam: {sum(s.false_bursts for s in scores if not s.scam_rows)}); "
          f"ordinary rows swept into bursts {sum(s.ordinary_rows_in_bursts for s in scores)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
