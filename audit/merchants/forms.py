"""A descriptor prepared for matching, and a match worded by the entry's standing.

:func:`describe` computes, once per distinct descriptor, the forms the matcher compares: the normalised
text and grouping key (:mod:`audit.descriptors`), the name field alone when a padded city field follows,
the name with its country word (``ISOURCE USA``), a product site without ``PLUS``, the full corporate
form, and the consonant skeleton of a katakana reading. :class:`Match` words its reason by the entry's
``standing`` (a complaint is not a ruling).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from audit.descriptors import COUNTRY_WORDS, merchant_key, normalize_descriptor, split_facilitator
from audit.merchants.evidence import fold, full_tokens, has_katakana, kana_initial, kana_skeletons, tokens
from audit.merchants.lists import Entry

TRUNCATED_NAME_CHARS = (21, 25)  # a name field of this length may have been cut at 22 (Mastercard) / 25 (Visa)

_METHOD_WORDS = {
    "exact": "is the name",
    "words": "contains the name",
    "glued": "contains the name",
    "truncated": "looks like a cut-off form of",
    "fuzzy": "closely resembles",
    "katakana": "reads in katakana as",
}


@dataclass(frozen=True)
class DescriptorForm:
    """A descriptor prepared for matching (computed once per distinct descriptor)."""

    raw: str
    normalized: str
    facilitator: str | None
    key: str
    variants: tuple[tuple[tuple[str, ...], str], ...]  # (words, compact) of normalised text and key
    truncated: bool
    full: tuple[str, ...] = ()  # compact forms with corporate suffixes kept
    full_words: tuple[tuple[str, ...], ...] = ()  # the same as words
    skeletons: tuple[str, ...] = ()  # consonant skeletons of the katakana reading (none without katakana)
    kana_initial: str = ""


def describe(descriptor: str) -> DescriptorForm:
    """Prepare one descriptor: normalised text, facilitator, word/compact variants, truncation flag."""
    folded = fold(descriptor) if isinstance(descriptor, str) else ""
    fac, rest = split_facilitator(folded)
    norm = normalize_descriptor(folded)
    key = merchant_key(folded)
    texts = [norm, key]
    fields = re.split(r"\s{2,}", unicodedata.normalize("NFKC", descriptor).strip()) if isinstance(descriptor, str) else []
    if len(fields) > 1:  # a padded name field followed by the city field: the name field alone
        texts += [normalize_descriptor(fields[0]), split_facilitator(fields[0])[1]]
    rest_words, norm_words = rest.split(), norm.split()
    n = len(norm_words)
    if n and len(rest_words) > n and rest_words[:n] == norm_words and rest_words[n] in COUNTRY_WORDS:
        texts.append(f"{norm} {rest_words[n]}")  # ISOURCE USA: the country word belongs to the name
    variants: list[tuple[tuple[str, ...], str]] = []
    for text in texts:
        w = tokens(text)
        forms = [(w, "".join(w))]
        if w and w[-1].endswith("PLUS") and len(w[-1]) >= 9:  # REIMAGEPLUS.COM: a product site
            forms.append(((*w[:-1], w[-1][:-4]), "".join(w)[:-4]))
        for form in forms:
            if form[1] and form not in variants:
                variants.append(form)
    full_words = tuple(dict.fromkeys(full_tokens(t) for t in (norm, key, rest) if t))
    full = tuple(dict.fromkeys("".join(w) for w in full_words))
    prefix_len = len(folded) - len(rest)
    return DescriptorForm(descriptor, norm, fac, key, tuple(variants),
                          truncated=TRUNCATED_NAME_CHARS[0] <= prefix_len + len(norm) <= TRUNCATED_NAME_CHARS[1],
                          full=full, full_words=full_words, skeletons=kana_skeletons(norm) if has_katakana(norm) else (),
                          kana_initial=kana_initial(norm) if has_katakana(norm) else "")


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
