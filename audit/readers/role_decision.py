"""The outcome of giving a generic file's columns their roles (:mod:`audit.readers.roles`): the roles, the
confidence of each and the evidence behind them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from audit.model import ColumnChoice
from audit.readers.profile import ColumnProfile

MONEY_ROLES = ("amount", "debit", "credit")



@dataclass
class Decision:
    """The roles of a file's columns and why."""

    roles: dict[str, int]
    evidence: dict[int, list[str]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)  # per role
    notes: list[str] = field(default_factory=list)
    twin: int | None = None  # a second amount column read when a row's amount cell is empty

    def choices(self, profiles: Sequence[ColumnProfile]) -> list[ColumnChoice]:
        """One :class:`ColumnChoice` per column (``ignore`` for columns without a role)."""
        by_col = {i: r for r, i in self.roles.items()}
        out = []
        for p in profiles:
            role = by_col.get(p.index, "ignore")
            conf = self.confidence.get(role, 1.0 if role == "ignore" else 0.5)
            out.append(ColumnChoice(p.index + 1, p.header, role, round(conf, 2), list(self.evidence.get(p.index, []))))
        return out

    def overall(self) -> float:
        """The least sure of the choices that matter most: date, amount (or debit/credit), description."""
        keys = ["date", "description"] + [r for r in MONEY_ROLES if r in self.roles]
        vals = [self.confidence.get(k, 0.0) for k in keys]
        return round(min(vals), 2) if vals else 0.0
