"""Matching descriptors against the merchant lists, with the reason in words.

Work is done once per distinct normalised descriptor (see :mod:`audit.descriptors`). A match needs
distinctive evidence (:mod:`audit.merchants.evidence`): generic words (PC, TECH, SUPPORT, CLEANER...)
weigh little.

1. exact: the descriptor, squeezed to letters and digits, equals an alias (``PC HEALTHBOOST LLC`` and
   ``PCHEALTHBOOST`` both equal ``PC HealthBoost``); corporate suffixes and web words are ignored, a
   product site ``<name>PLUS.COM`` and a country word glued to the name (``ISOURCE USA``) are tried too;
2. one-word aliases (``Restoro``) match only as that word, with nothing but software/support words,
   corporate suffixes or digits around it: ``RESTORO SUPPORT`` matches, ``REIMAGE HAIR SALON`` does not;
   never fuzzily, glued or cut off;
3. aliases of several words with a distinctive word: the alias's words in the descriptor
   (``RESTORO CYPRUS LIMITED NICOSIA``), a long alias inside a glued descriptor, a cut-off descriptor
   (name field of 21-25 characters that starts the alias; score 80 + 20 x share kept, at most 92), or
   fuzzy (:func:`rapidfuzz.fuzz.ratio`, only when every distinctive word of the alias has a close word
   in the descriptor, and only for aliases that share enough 4-character pieces with it);
4. katakana: a descriptor in katakana whose consonant skeleton equals a distinctive alias's.

Weak aliases (generic names such as "Online Assist LLC") match only their full form, corporate suffix
included. A legit brand from the context list (Microsoft, Apple, ...) blocks fuzzy-only hits, and a
reseller from the context list (FastSpring, SafeCart, ...) never makes a finding on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from audit.merchants.evidence import (
    CORPORATE,
    around_one_word_ok,
    distinctive,
    fold,
    full_tokens,
    latin_skeleton,
    tokens,
)
from audit.merchants.forms import DescriptorForm, Match, describe, standing_phrase
from audit.merchants.lists import Entry, Problem, read_lists, shipped_paths

__all__ = ["THRESHOLD", "AliasForm", "DescriptorForm", "Match", "MerchantDB", "build_db", "describe",
           "load_merchant_db", "standing_phrase"]

# Chosen on tests/data/descriptor_labels.csv (see tests/test_merchants_threshold.py): the lowest score
# at which no hard negative matches while every labelled positive still does.
THRESHOLD = 88.0

SCORE_EXACT = 100.0
SCORE_WORDS = 96.0
SCORE_GLUED = 93.0
SCORE_TRUNCATED = 92.0
SCORE_KATAKANA = 90.0
MIN_ALIAS_CHARS = 5  # shorter aliases only match as whole words
MIN_GLUED_CHARS = 10  # an alias must be this long to be found inside a glued descriptor
MIN_FUZZY_CHARS = 8  # nor fuzzily below this length
MIN_CUT_ONE_WORD = 10  # a cut-off one-word alias must keep this many letters
MIN_SKELETON = 3  # consonants a katakana reading must share with an alias
WORD_CLOSE = 85.0  # a distinctive alias word needs a descriptor word this close for a fuzzy match
MIN_TRUNCATED_CHARS = 6  # a cut-off name must keep this many letters; its score grows with the share kept
GRAM = 4
BLOCK_SHARE = 0.35  # share of the alias's 4-grams a descriptor needs before fuzzy scoring

_STAR_SPACES = re.compile(r"\s*\*\s*")
# Words a fake support operator puts next to a brand; with them a brand descriptor is not "legit".
_IMPERSONATION = re.compile(
    r"TECH(NICAL)? ?SUPPORT|HELP ?DESK|HELP ?LINE|PC ?REPAIR|CUSTOMER ?CARE|SUPPORT ?CENT(ER|RE)|"
    r"SECURITY ?CENT(ER|RE)|技術サポート|サポートセンター|サポート窓口"
)
_SUPPORT_WORDS = re.compile(r"SUPPORT|HELP|REPAIR|\bFIX|TECH|SECUR|PROTECT|\bCARE\b|\bPC\b|SERVICE|サポート|修復")


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
    return _find_words(needle, hay) >= 0


def _find_words(needle: tuple[str, ...], hay: tuple[str, ...]) -> int:
    k = len(needle)
    return next((i for i in range(len(hay) - k + 1) if hay[i : i + k] == needle), -1)


def _name_then_corporate(name: tuple[str, ...], forms: tuple[tuple[str, ...], ...]) -> bool:
    """The descriptor starts with the name followed by a corporate suffix (PAIRSYS INC ALBANY NY): the
    suffix ends the name, so what follows is the city field."""
    k = len(name)
    return any(len(f) > k and f[:k] == name and f[k] in CORPORATE for f in forms)


def _words_close(alias_words: tuple[str, ...], words: tuple[str, ...], compact: str) -> bool:
    """Every distinctive alias word is inside the descriptor or close to one of its words."""
    for w in alias_words:
        if w in compact:
            continue
        if not any(fuzz.ratio(w, x) >= WORD_CLOSE for x in words):
            return False
    return True


@dataclass(frozen=True)
class AliasForm:
    """An alias prepared for matching."""

    entry: int  # index into MerchantDB.scam
    text: str
    words: tuple[str, ...]
    compact: str
    weak: bool
    full: str = ""  # compact form with corporate suffixes kept (weak aliases compare this)
    distinct: tuple[str, ...] = ()  # distinctive words
    skeleton: str = ""  # consonant skeleton for katakana readings
    full_words: tuple[str, ...] = ()

    @property
    def one_word(self) -> bool:
        return len(self.words) == 1

    @property
    def loose(self) -> bool:
        """May match glued, cut off or fuzzily: several words, at least one of them distinctive."""
        return not self.weak and not self.one_word and bool(self.distinct)


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
        self._full: dict[str, list[int]] = {}  # weak aliases by full corporate form
        self._first_word: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}  # first letters of each alias, for cut-off descriptors
        self._grams: dict[str, list[int]] = {}
        self._gram_count: list[int] = []
        self._skeleton: dict[str, list[int]] = {}
        for i, e in enumerate(self.scam):
            seen: set[tuple[str, bool, tuple[str, ...]]] = set()
            for text, weak in [(a, False) for a in e.aliases] + [(a, True) for a in e.weak_aliases]:
                w = tokens(text)
                compact = "".join(w)
                key = (compact if not weak else "".join(full_tokens(text)), weak, w)
                if not compact or key in seen:
                    continue
                seen.add(key)
                idx = len(self.aliases)
                dist = distinctive(w)
                skeleton = latin_skeleton(compact) if dist and not weak else ""
                fw = full_tokens(text)
                form = AliasForm(i, text, w, compact, weak, "".join(fw), dist, skeleton, fw)
                self.aliases.append(form)
                grams = _grams(compact)
                self._gram_count.append(len(grams))
                if weak:
                    self._full.setdefault(form.full, []).append(idx)
                    self._exact.setdefault(compact, []).append(idx)
                    if len(w) >= 3:
                        self._prefix.setdefault(compact[:MIN_TRUNCATED_CHARS], []).append(idx)
                    continue
                self._exact.setdefault(compact, []).append(idx)
                self._first_word.setdefault(w[0], []).append(idx)
                if len(skeleton) >= MIN_SKELETON:
                    self._skeleton.setdefault(skeleton, []).append(idx)
                if form.loose:
                    self._prefix.setdefault(compact[:MIN_TRUNCATED_CHARS], []).append(idx)
                    if len(compact) >= MIN_FUZZY_CHARS:
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
        for full in d.full:
            cand.update(self._full.get(full, ()))
        for sk in d.skeletons:
            cand.update(self._skeleton.get(sk, ()))
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
        if a.weak:
            return self._score_weak(d, a)
        if a.skeleton in d.skeletons and (len(a.skeleton) > MIN_SKELETON or (
                d.kana_initial == a.skeleton[:1] and len(a.compact) <= 2.5 * len(a.skeleton))):
            return SCORE_KATAKANA, "katakana"
        best, method = 0.0, ""
        if a.distinct and _name_then_corporate(a.words, d.full_words):
            best, method = SCORE_WORDS, "words"
        for words, compact in d.variants:
            if compact == a.compact:
                return SCORE_EXACT, "exact"
            at = _find_words(a.words, words)
            if at >= 0:
                extra = list(words[:at]) + list(words[at + len(a.words):])
                if len(a.distinct) >= 2 or around_one_word_ok(extra):
                    best, method = max((best, method), (SCORE_WORDS, "words"))
                continue
            if not a.loose:
                if (a.one_word and a.distinct and d.truncated and len(compact) >= MIN_CUT_ONE_WORD
                        and len(compact) < len(a.compact) and a.compact.startswith(compact)):
                    best, method = max((best, method), (min(SCORE_TRUNCATED, 80.0 + 20.0 * len(compact) / len(a.compact)),
                                                        "truncated"))
                continue  # one-word and generic aliases: only the cases above
            if len(a.compact) >= MIN_GLUED_CHARS and a.compact in compact:
                best, method = max((best, method), (SCORE_GLUED, "glued"))
                continue
            if d.truncated and MIN_TRUNCATED_CHARS <= len(compact) < len(a.compact) and a.compact.startswith(compact):
                if any(compact.startswith("".join(a.words[: i + 1])) for i, w in enumerate(a.words) if w in a.distinct):
                    s = min(SCORE_TRUNCATED, 80.0 + 20.0 * len(compact) / len(a.compact))
                    if s > best:
                        best, method = s, "truncated"
            if len(a.compact) < MIN_FUZZY_CHARS or not _words_close(a.distinct, words, compact):
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
                    if len(a.distinct) < 2 and not around_one_word_ok([*words[:i], *words[i + size:]]):
                        continue  # HEALTH BOOST CAFE is not PC HealthBoost
                    s = _fuzzy("".join(words[i : i + size]), a.compact, best)
                    if s > best:
                        best, method = s, "fuzzy"
        return best, method

    @staticmethod
    def _score_weak(d: DescriptorForm, a: AliasForm) -> tuple[float, str]:
        """A generic name: its full form only (``ONLINE ASSIST LLC``; ``ONLINE ASSIST`` when the alias
        has no corporate suffix); a cut-off form only for names of three words or more."""
        has_corp = a.full != a.compact
        for full in d.full:
            if full == a.full:
                return SCORE_EXACT, "exact"
        if has_corp and any(fw[: len(a.full_words)] == a.full_words for fw in d.full_words):
            return SCORE_WORDS, "words"  # BOOST SOFTWARE INC MA: the corporate suffix ends the name
        for _words, compact in d.variants:
            if not has_corp and compact == a.compact:
                return SCORE_EXACT, "exact"
            if (d.truncated and len(a.words) >= 3 and len(compact) >= 2 * MIN_TRUNCATED_CHARS
                    and len(compact) < len(a.compact) and a.compact.startswith(compact)
                    and compact.startswith("".join(a.words[:2]))):
                return min(SCORE_TRUNCATED, 80.0 + 20.0 * len(compact) / len(a.compact)), "truncated"
        return 0.0, ""

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
