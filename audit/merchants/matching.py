"""Matching descriptors against the merchant lists, with the reason in words.

Work is done once per distinct normalised descriptor (see :mod:`audit.descriptors`):

1. exact: the descriptor, squeezed to letters and digits, equals an alias (``PC HEALTH BOOST LLC``
   and ``PCHEALTHBOOST`` both equal ``PC HealthBoost``); corporate suffixes and web words are ignored;
2. containment: the alias's words appear in the descriptor (``RESTORO SUPPORT``), or a long alias
   appears inside a glued descriptor; aliases shorter than 5 characters only match as whole words;
3. truncation: a descriptor whose name field is 21-25 characters long (cut at 22 or 25) and is the
   start of an alias; the score grows with the share of the alias kept (80 + 20 x share, at most 92);
4. fuzzy: :func:`rapidfuzz.fuzz.ratio` against the alias and against word windows of the
   descriptor, only for aliases that share enough 4-character pieces with it (blocking), so the
   expensive scorer never sees the vast majority of pairs.

Weak aliases (generic names such as "Online Assist") only count on an exact match. A legit brand
from the context list (Microsoft, Apple, ...) blocks fuzzy-only hits, and a reseller from the context
list (FastSpring, SafeCart, ...) never makes a finding on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from audit.descriptors import merchant_key, normalize_descriptor, split_facilitator
from audit.merchants.lists import Entry, Problem, read_lists, shipped_paths

# Chosen on tests/data/descriptor_labels.csv (see tests/test_merchants_threshold.py): the lowest score
# at which no hard negative matches while every labelled positive still does.
THRESHOLD = 88.0

SCORE_EXACT = 100.0
SCORE_WORDS = 96.0
SCORE_GLUED = 93.0
SCORE_TRUNCATED = 92.0
MIN_ALIAS_CHARS = 5  # shorter aliases only match as whole words
MIN_GLUED_CHARS = 8  # an alias must be this long to be found inside a glued descriptor
TRUNCATED_NAME_CHARS = (21, 25)  # a name field of this length may have been cut at 22 (Mastercard) / 25 (Visa)
MIN_TRUNCATED_CHARS = 6  # a cut-off name must keep this many letters; its score grows with the share kept
GRAM = 4
BLOCK_SHARE = 0.35  # share of the alias's 4-grams a descriptor needs before fuzzy scoring

_CORP = frozenset({"LLC", "INC", "LTD", "LIMITED", "PVT", "PRIVATE", "CORP", "CORPORATION", "CO", "GMBH",
                   "LLP", "PLC", "SARL", "BV", "AG", "DBA", "THE"})
_WEB = frozenset({"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"})
_SPLIT = re.compile(r"[^\w&]+|_")
_STAR_SPACES = re.compile(r"\s*\*\s*")
# Words a fake support operator puts next to a brand; with them a brand descriptor is not "legit".
_IMPERSONATION = re.compile(
    r"TECH(NICAL)? ?SUPPORT|HELP ?DESK|HELP ?LINE|PC ?REPAIR|CUSTOMER ?CARE|SUPPORT ?CENT(ER|RE)|"
    r"SECURITY ?CENT(ER|RE)|技術サポート|サポートセンター|サポート窓口"
)
_SUPPORT_WORDS = re.compile(r"SUPPORT|HELP|REPAIR|\bFIX|TECH|SECUR|PROTECT|\bCARE\b|\bPC\b|SERVICE|サポート|修復")
_METHOD_WORDS = {
    "exact": "is the name",
    "words": "contains the name",
    "glued": "contains the name",
    "truncated": "looks like a cut-off form of",
    "fuzzy": "closely resembles",
}


def fold(text: str) -> str:
    """NFKC, upper case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).upper().split())


def tokens(text: str) -> tuple[str, ...]:
    """Words of ``text`` for matching: NFKC upper case, split on punctuation, corporate suffixes
    (LLC, INC, LTD...) and web words (WWW, COM...) dropped."""
    words = [w for w in _SPLIT.split(fold(text)) if w]
    kept = [w for w in words if w not in _CORP and w not in _WEB]
    return tuple(kept or words)


def _grams(compact: str) -> set[str]:
    if len(compact) <= GRAM:
        return {compact} if compact else set()
    return {compact[i : i + GRAM] for i in range(len(compact) - GRAM + 1)}


_DIGITS = re.compile(r"\d+")
DIGIT_PENALTY = 10.0  # digits are distinctive in names (PCCare247, Click4Support, Netcom3)


def _fuzzy(text: str, alias: str, cutoff: float) -> float:
    """rapidfuzz ratio, lowered when the digits of the two strings differ."""
    s = fuzz.ratio(text, alias, score_cutoff=cutoff)
    if s and _DIGITS.findall(text) != _DIGITS.findall(alias):
        s = max(0.0, s - DIGIT_PENALTY)
    return s


def _contains_words(needle: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    k = len(needle)
    return any(hay[i : i + k] == needle for i in range(len(hay) - k + 1))


@dataclass(frozen=True)
class AliasForm:
    """An alias prepared for matching."""

    entry: int  # index into MerchantDB.scam
    text: str
    words: tuple[str, ...]
    compact: str
    weak: bool


@dataclass(frozen=True)
class DescriptorForm:
    """A descriptor prepared for matching (computed once per distinct descriptor)."""

    raw: str
    normalized: str
    facilitator: str | None
    key: str
    variants: tuple[tuple[tuple[str, ...], str], ...]  # (words, compact) of normalised text and key
    truncated: bool


def describe(descriptor: str) -> DescriptorForm:
    """Prepare one descriptor: normalised text, facilitator, word/compact variants, truncation flag."""
    folded = fold(descriptor) if isinstance(descriptor, str) else ""
    fac, rest = split_facilitator(folded)
    norm = normalize_descriptor(folded)
    key = merchant_key(folded)
    variants: list[tuple[tuple[str, ...], str]] = []
    for text in (norm, key):
        w = tokens(text)
        form = (w, "".join(w))
        if form[1] and form not in variants:
            variants.append(form)
    prefix_len = len(folded) - len(rest)
    return DescriptorForm(descriptor, norm, fac, key, tuple(variants),
                          truncated=TRUNCATED_NAME_CHARS[0] <= prefix_len + len(norm) <= TRUNCATED_NAME_CHARS[1])


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
        """The match in one plain sentence, with who named the merchant and where."""
        e = self.entry
        year = e.source_date[:4]
        who = {"regulator": "named by", "court": "named in", "press": "reported by"}.get(e.named_by, "listed by")
        of = "" if self.alias.upper() == e.name.upper() else f" (a form of {e.name})"
        return (
            f"The descriptor '{self.descriptor}' {_METHOD_WORDS[self.method]} '{self.alias}'{of}, "
            f"a merchant {who} {e.authority} in {year} ({e.source_urls[0]})."
        )

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


class MerchantDB:
    """Scam and context entries with their match indexes."""

    def __init__(self, entries: Sequence[Entry], files: Sequence[str] = (), problems: Sequence[Problem] = (),
                 threshold: float = THRESHOLD):
        self.entries = list(entries)
        self.files = list(files)
        self.problems = list(problems)
        self.threshold = threshold
        self.scam = [e for e in self.entries if e.kind == "scam"]
        self.context = [e for e in self.entries if e.kind == "context"]
        self.by_id = {e.id: e for e in self.entries}
        self.aliases: list[AliasForm] = []
        self._exact: dict[str, list[int]] = {}
        self._first_word: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}  # first letters of each alias, for cut-off descriptors
        self._grams: dict[str, list[int]] = {}
        self._gram_count: list[int] = []
        for i, e in enumerate(self.scam):
            seen: set[str] = set()
            for text, weak in [(a, False) for a in e.aliases] + [(a, True) for a in e.weak_aliases]:
                w = tokens(text)
                compact = "".join(w)
                if not compact or compact in seen:
                    continue
                seen.add(compact)
                idx = len(self.aliases)
                self.aliases.append(AliasForm(i, text, w, compact, weak))
                self._exact.setdefault(compact, []).append(idx)
                grams = _grams(compact)
                self._gram_count.append(len(grams))
                if weak:
                    continue
                self._first_word.setdefault(w[0], []).append(idx)
                self._prefix.setdefault(compact[:MIN_TRUNCATED_CHARS], []).append(idx)
                if len(compact) >= MIN_ALIAS_CHARS:
                    for g in grams:
                        self._grams.setdefault(g, []).append(idx)
        self._context_rules = _context_rules(self.context)

    # ------------------------------------------------------------------ context / allowlist

    def context_hits(self, descriptor: str) -> list[Entry]:
        """Context entries (legit brands, resellers) whose descriptor forms or names the text shows."""
        folded = _STAR_SPACES.sub("*", fold(descriptor)) if isinstance(descriptor, str) else ""
        words = tokens(folded) if folded else ()
        hits = []
        for entry, prefixes, inner, names in self._context_rules:
            if (any(folded.startswith(p) for p in prefixes) or any(s in folded for s in inner)
                    or any(_contains_words(n, words) for n in names)):
                hits.append(entry)
        return hits

    def brand(self, descriptor: str) -> Entry | None:
        """The legit brand this descriptor belongs to, unless support-scam words surround it.

        A brand's own descriptor form (``MSBILL.INFO``, ``MICROSOFT*...``) counts unless impersonation
        words appear; the bare brand name (``DELL``) counts only without any support/repair words."""
        if not isinstance(descriptor, str):
            return None
        text = fold(descriptor)
        if _IMPERSONATION.search(text):
            return None
        folded = _STAR_SPACES.sub("*", text)
        words = tokens(folded)
        for entry, prefixes, inner, names in self._context_rules:
            if entry.role != "brand":
                continue
            if any(folded.startswith(p) for p in prefixes) or any(s in folded for s in inner):
                return entry
            if any(_contains_words(n, words) for n in names) and not _SUPPORT_WORDS.search(text):
                return entry
        return None

    # ------------------------------------------------------------------ scam matching

    def _candidates(self, d: DescriptorForm) -> set[int]:
        cand: set[int] = set()
        counts: Counter[int] = Counter()
        for words, compact in d.variants:
            cand.update(self._exact.get(compact, ()))
            for w in words:
                cand.update(self._first_word.get(w, ()))
            if d.truncated and len(compact) >= MIN_TRUNCATED_CHARS:
                cand.update(self._prefix.get(compact[:MIN_TRUNCATED_CHARS], ()))
            for g in _grams(compact):
                counts.update(self._grams.get(g, ()))
        for idx, n in counts.items():
            if n >= max(2.0, BLOCK_SHARE * self._gram_count[idx]):
                cand.add(idx)
        return cand

    def _score(self, d: DescriptorForm, a: AliasForm) -> tuple[float, str]:
        best, method = 0.0, ""
        for words, compact in d.variants:
            if compact == a.compact:
                return SCORE_EXACT, "exact"
            if a.weak:
                continue
            if _contains_words(a.words, words):
                best, method = max((best, method), (SCORE_WORDS, "words"))
                continue
            if len(a.compact) < MIN_ALIAS_CHARS:
                continue
            if len(a.compact) >= MIN_GLUED_CHARS and a.compact in compact:
                best, method = max((best, method), (SCORE_GLUED, "glued"))
                continue
            s = _fuzzy(compact, a.compact, best)
            if s > best:
                best, method = s, "fuzzy"
            k = len(a.words)
            n = len(words)
            # windows of the descriptor's words, never fewer words than the alias has
            for size in range(k, min(n, k + 1) + 1):
                if size == n:
                    continue  # the whole descriptor was scored above
                for i in range(n - size + 1):
                    s = _fuzzy("".join(words[i : i + size]), a.compact, best)
                    if s > best:
                        best, method = s, "fuzzy"
            if d.truncated and MIN_TRUNCATED_CHARS <= len(compact) < len(a.compact) and a.compact.startswith(compact):
                s = min(SCORE_TRUNCATED, 80.0 + 20.0 * len(compact) / len(a.compact))
                if s > best:
                    best, method = s, "truncated"
        return best, method

    def candidates(self, descriptor: str | DescriptorForm, limit: int = 5) -> list[Match]:
        """Best-scoring entries for a descriptor (below the threshold too), one per entry, best first."""
        d = descriptor if isinstance(descriptor, DescriptorForm) else describe(descriptor)
        best: dict[int, Match] = {}
        for idx in self._candidates(d):
            a = self.aliases[idx]
            score, method = self._score(d, a)
            if not method:
                continue
            prev = best.get(a.entry)
            if prev is None or score > prev.score:
                best[a.entry] = Match(self.scam[a.entry], a.text, round(score, 1), method, d.raw,
                                      d.normalized, d.facilitator)
        out = sorted(best.values(), key=lambda m: (-m.score, m.entry.id))
        return out[:limit]

    def match(self, descriptor: str | DescriptorForm) -> Match | None:
        """The best entry at or above the threshold, or None. A fuzzy-only hit on a descriptor that
        belongs to a legit brand (context list) does not count."""
        d = descriptor if isinstance(descriptor, DescriptorForm) else describe(descriptor)
        if not d.variants:
            return None
        found = self.candidates(d, limit=1)
        if not found or found[0].score < self.threshold:
            return None
        m = found[0]
        context = self.context_hits(d.raw)
        if m.method == "fuzzy" and self.brand(d.raw) is not None:
            return None
        m.resellers = [e for e in context if e.role == "reseller" and e.named_by in ("regulator", "court")]
        return m

    def match_many(self, descriptors: Iterable[str]) -> dict[str, Match]:
        """Matches for many descriptors, computed once per distinct normalised descriptor."""
        out: dict[str, Match] = {}
        by_norm: dict[tuple[str, str | None, bool], Match | None] = {}
        for raw in descriptors:
            if not isinstance(raw, str) or not raw.strip():
                continue
            d = describe(raw)
            k = (d.normalized, d.facilitator, d.truncated)
            if k not in by_norm:
                by_norm[k] = self.match(d)
            m = by_norm[k]
            if m is not None:
                out[raw] = Match(m.entry, m.alias, m.score, m.method, raw, d.normalized, d.facilitator,
                                 list(m.resellers)) if m.descriptor != raw else m
        return out


def _context_rules(context: Sequence[Entry]) -> list[tuple[Entry, tuple[str, ...], tuple[str, ...],
                                                           tuple[tuple[str, ...], ...]]]:
    rules = []
    for e in context:
        prefixes, inner = [], []
        for form in e.descriptors:
            f = _STAR_SPACES.sub("*", fold(form))
            (prefixes if f.endswith("*") else inner).append(f)
        names = tuple(t for t in (tokens(a) for a in e.aliases) if t)
        rules.append((e, tuple(prefixes), tuple(inner), names))
    return rules


def build_db(paths: Sequence[str | Path]) -> MerchantDB:
    """Read list files (later ones replace entries with the same id) into a :class:`MerchantDB`."""
    files = read_lists(paths)
    merged: dict[str, Entry] = {}
    problems: list[Problem] = []
    for f in files:
        problems.extend(f.problems)
        for e in f.entries:
            merged[e.id] = e
    return MerchantDB(list(merged.values()), [str(f.path) for f in files], problems)


def load_merchant_db(extra: Sequence[str | Path] = ()) -> MerchantDB:
    """The shipped lists (``merchant_lists/*.toml``) with the local list files ``extra`` layered on top.

    Raises :class:`audit.errors.MerchantListError` (one line naming the file) for unreadable lists.
    """
    return build_db([*shipped_paths(), *extra])
