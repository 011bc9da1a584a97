"""A merchant-list match worded by the entry's standing (a complaint is not a ruling).

:class:`Match` carries what matched (the alias, the alignment of its words over the parsed descriptor,
the probability as a 0-100 score) and words its reason by the entry's ``standing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.merchants.lists import Entry

_METHOD_WORDS = {
    "exact": "is the name",
    "words": "contains the name",
    "glued": "contains the name",
    "truncated": "looks like a cut-off form of",
    "fuzzy": "closely resembles",
    "katakana": "reads in katakana as",
}


@dataclass
class Match:
    """A scam-list entry matched by a descriptor."""

    entry: Entry
    alias: str
    score: float
    method: str  # exact, words, glued, truncated, fuzzy
    descriptor: str
    normalized: str
    facilitator: str | None = None
    resellers: list[Entry] = field(default_factory=list)
    alignment: Any = None  # audit.merchants.align.Alignment
    parts: Any = None  # audit.merchants.parse.Parts

    def reason(self) -> str:
        """The match in one plain sentence, worded by the entry's standing (a complaint is not a ruling)."""
        e = self.entry
        of = "" if self.alias.upper() == e.name.upper() else f" (a form of {e.name})"
        return (f"The descriptor '{self.descriptor}' {_METHOD_WORDS[self.method]} '{self.alias}'{of}, "
                f"{standing_phrase(e)} ({e.source_urls[0]}).")

    def supporting(self) -> list[str]:
        """Further sentences: category, facilitator, reseller context."""
        out = [f"The list files {self.entry.name} under '{self.entry.category}'."]
        if self.facilitator:
            out.append(
                f"It was billed through {self.facilitator}; payment facilitators also serve legitimate "
                "sellers, so that alone proves nothing."
            )
        for r in self.resellers:
            out.append(
                f"{r.name} appears in {r.authority}'s case as a payment reseller ({r.source_urls[0]}); "
                "this supports, but does not make, the match."
            )
        return out


_STANDING_WORDS = {
    "judgment": "a merchant against which a court ruled in a case brought by {a} ({y})",
    "order": "a merchant ordered by or at the request of {a} to stop the practice ({y})",
    "settled-without-admission": "a merchant that settled a case brought by {a} without admitting the allegations ({y})",
    "alleged-in-complaint": "a merchant named in a complaint by {a} ({y}); these are allegations, not findings",
}


def standing_phrase(e: Entry) -> str:
    """What the entry's first source establishes, in words a letter can use as they are."""
    year = e.source_date[:4]
    words = _STANDING_WORDS.get(e.standing)
    if words:
        return words.format(a=e.authority, y=year)
    who = {"regulator": "named by", "court": "named in", "press": "reported by"}.get(e.named_by, "listed by")
    return f"a merchant {who} {e.authority} in {year}"
