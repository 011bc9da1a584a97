"""Matching descriptors against the merchant lists, with the reason in words.

For each distinct descriptor (cached):

1. :func:`audit.merchants.parse.parse` splits it into its parts (bank wrapper, facilitator, name,
   city / state / country, phone, web address, references, dates and amounts);
2. candidate aliases are looked up by the first four letters of the alias and of each alias word, at
   every word start of the descriptor (and, for kana, by a partial edit-distance ratio);
3. each candidate alias is laid over the descriptor (:mod:`audit.merchants.align`): which alias words
   agree and how many bits each is worth (how rare the word is among legitimate names), which are
   missing, which other words the descriptor holds;
4. :mod:`audit.merchants.model` turns that into one probability; an entry matches when its best alias
   reaches the threshold (both fitted on labelled pairs, see ``scripts/fit_match_model.py``).

Weak aliases (generic names such as "Online Assist LLC") match only in full, with no other name words;
a name of one or two words also needs its corporate suffix or a payment processor its record names
(:func:`audit.merchants.evidence.suffix_needed`, the rule ``validate`` applies too). A legit brand from the context list (Microsoft, Apple, ...) blocks a hit that
only kana similarity supports, and a reseller from the context list (FastSpring, SafeCart, ...) never
makes a finding on its own. Cost per distinct descriptor: linear in its length (read up to
:data:`audit.merchants.parse.MAX_CHARS` characters) times the candidates found, which are bounded by
:data:`MAX_CANDIDATES`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from audit.merchants.align import (
    ABBREV_MAX_U,
    MIN_ABBREV_CHARS,
    AliasPrep,
    Alignment,
    align_latin,
    latin_words,
    prepare,
)
from audit.merchants.evidence import fold, tokens
from audit.merchants.forms import Match, standing_phrase
from audit.merchants.kana import has_kana, kana_key, kana_runs
from audit.merchants.kana_align import align_kana, kana_text
from audit.merchants.lists import Entry, Problem, read_lists, shipped_paths
from audit.merchants.model import Model, model
from audit.merchants.parse import MAX_CHARS, Parts, parse
from audit.merchants.reference import name_freq
from audit.merchants.text import fold_latin

__all__ = ["THRESHOLD", "Match", "MerchantDB", "build_db", "describe", "load_merchant_db", "standing_phrase"]

THRESHOLD = round(100.0 * model().threshold, 1)  # a match's score is 100 x its probability
MAX_CANDIDATES = 40  # aliases aligned per descriptor at most (best blocking overlap first)
KANA_BLOCK = 75.0  # partial ratio (0-100) an alias word's kana key needs inside a kana descriptor to count as near

_STAR_SPACES = re.compile(r"\s*\*\s*")
_WORDS = re.compile(r"[A-Z0-9]+")
# Words a fake support operator puts next to a brand; with them a brand descriptor is not "legit".
_IMPERSONATION = re.compile(
    r"TECH(NICAL)? ?SUPPORT|HELP ?DESK|HELP ?LINE|PC ?REPAIR|CUSTOMER ?CARE|SUPPORT ?CENT(ER|RE)|"
    r"SECURITY ?CENT(ER|RE)|技術サポート|サポートセンター|サポート窓口"
)
_SUPPORT_WORDS = re.compile(r"SUPPORT|HELP|REPAIR|\bFIX|TECH|SECUR|PROTECT|\bCARE\b|\bPC\b|SERVICE|サポート|修復")


def describe(descriptor: str) -> Parts:
    """The parsed descriptor (kept under its old name for callers)."""
    return parse(descriptor)


def _method(al: Alignment) -> str:
    levels = {lvl for _a, _t, lvl, _b in al.agreed}
    if "kana" in levels:
        return "katakana"
    if "cut" in levels or "abbrev" in levels:
        return "truncated"
    if al.spaced or "glued" in levels:
        return "glued"
    if not al.missing and not al.extra:
        return "exact"
    return "words"


class MerchantDB:
    """Scam and context entries with their match indexes."""

    def __init__(self, entries: Sequence[Entry], files: Sequence[str] = (), problems: Sequence[Problem] = (),
                 threshold: float | None = None, match_model: Model | None = None):
        self.entries = list(entries)
        self.files = list(files)
        self.problems = list(problems)
        self.model = match_model or model()
        self.threshold = threshold if threshold is not None else round(100.0 * self.model.threshold, 1)
        self.scam = [e for e in self.entries if e.kind == "scam"]
        self.context = [e for e in self.entries if e.kind == "context"]
        self.by_id = {e.id: e for e in self.entries}
        self.aliases: list[AliasPrep] = []
        self._index: dict[str, list[int]] = {}
        self._kana_keys: tuple[list[tuple[int, int]], list[str]] | None = None
        seen: set[tuple[int, str, bool, bool]] = set()
        for i, e in enumerate(self.scam):
            forms = ([(a, False, False) for a in e.aliases] + [(a, True, False) for a in e.weak_aliases]
                     + [(a, False, True) for a in getattr(e, "kana_aliases", ())])
            for text, weak, kana in forms:
                prep = prepare(i, text, weak, kana)
                if prep is None or (i, "".join(prep.tokens) + "|" + "".join(prep.corp), weak, kana) in seen:
                    continue
                seen.add((i, "".join(prep.tokens) + "|" + "".join(prep.corp), weak, kana))
                idx = len(self.aliases)
                self.aliases.append(prep)
                if kana:
                    continue
                for key in {prep.compact[:4], *(t[:4] for t in prep.tokens if len(t) >= 4)}:
                    self._index.setdefault(key, []).append(idx)
        self._context_rules = _context_rules(self.context)
        self._brand_quick = _quick_test([r for r in self._context_rules if r[0].role == "brand"])
        self._billed_through = [frozenset(e.billed_through) for e in self.scam]
        self._case_names = _case_names(self.scam)
        self._any_billed = any(self._billed_through)
        self._cache: dict[str, Match | None] = {}
        self._corp_bits_memo: dict[tuple[str, ...], float] = {}
        self.prune = True  # skip aliases whose upper bound is below the threshold (off while fitting the model)

    # ------------------------------------------------------------------ context / allowlist

    def context_hits(self, descriptor: str) -> list[Entry]:
        """Context entries (legit brands, resellers) whose descriptor forms or names the text shows."""
        folded = _STAR_SPACES.sub("*", fold(descriptor[:MAX_CHARS])) if isinstance(descriptor, str) else ""
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
        text = fold(descriptor[:MAX_CHARS])
        if _IMPERSONATION.search(text):
            return None
        folded = _STAR_SPACES.sub("*", text)
        words = tokens(folded)
        prefixes_all, inner_all, first_words = self._brand_quick
        if not (folded.startswith(prefixes_all) or any(s in folded for s in inner_all)
                or not first_words.isdisjoint(words)):
            return None  # no brand's form nor the first word of its name: no rule below can hold
        for entry, prefixes, inner, names in self._context_rules:
            if entry.role != "brand":
                continue
            if any(folded.startswith(p) for p in prefixes) or any(s in folded for s in inner):
                return entry
            if any(_contains_words(n, words) for n in names) and not _SUPPORT_WORDS.search(text):
                return entry
        return None

    # ------------------------------------------------------------------ scam matching

    def _latin_candidates(self, words: list[tuple[str, str, bool]]) -> list[int]:
        text = "".join(w for w, _k, _c in words)
        counts: dict[int, int] = {}
        pos = 0
        for w, kind, _c in words:
            if kind in ("name", "web", "ref", "corp", "location"):
                for idx in self._index.get(text[pos:pos + 4], ()):
                    counts[idx] = counts.get(idx, 0) + 1
            pos += len(w)
        ranked = sorted(counts, key=lambda i: (-counts[i], i))
        return ranked[:MAX_CANDIDATES]

    @staticmethod
    def _word_sets(words: Sequence[str]) -> _WordSets:
        """The descriptor's words, and those that may be an alias word shortened (rare, 3 letters or more)."""
        freq = name_freq()
        word_set = frozenset(words)
        return _WordSets(word_set, frozenset(w for w in word_set if len(w) >= MIN_ABBREV_CHARS and freq.of(w) < ABBREV_MAX_U),
                         "".join(words))

    def _bound(self, a: AliasPrep, text: str, words: Sequence[str], cut_word: str, any_cut: bool = False,
               sets: _WordSets | None = None, status: dict[str, int] | None = None) -> float:
        """An upper bound of the probability ``a`` can reach on a descriptor whose words are ``words`` (glued:
        ``text``; ``cut_word``: the word the field width may have cut, or '', ``any_cut``: any word may be
        it; ``sets``: :meth:`_word_sets` of ``words``, computed once per descriptor): words it shows agree,
        a word shortened in the descriptor or cut may agree at those levels, the others are missing.
        ``status``: a dict kept for one descriptor and one ``cut_word``/``any_cut``, where what each alias
        word can be there (:meth:`_word_status`) is remembered, since many aliases share words."""
        c = self.model.coef
        if sets is None:
            sets = self._word_sets(words)
        if status is None:
            status = {}
        may_cut = bool(cut_word) or any_cut
        present, other, after_cut = [], 0.0, False
        for tok, bits in zip(a.tokens, a.bits, strict=True):
            st = status.get(tok)
            if st is None:
                st = status[tok] = _word_status(tok, text, sets, may_cut)
            if st == _SHOWN:
                present.append(bits)
            elif after_cut:
                continue  # words after a cut are not printed
            elif st == _MAY_BE_CUT:
                other += max(0.0, c["cut_bits"], c["abbrev_bits"]) * bits
                after_cut = True
            elif st == _MAY_BE_SHORTENED:
                other += max(0.0, c["abbrev_bits"]) * bits
            elif a.weak:
                return 0.0
            else:
                other += c["missing_bits"] * bits
        present.sort(reverse=True)
        if a.weak:
            corp = 0.0 if a.domain and not any(w in text for w in a.corp) else self._corp_bits(a)
            z = self.model.intercept + c["top_bits"] * (sum(present) + corp) + other
        else:
            top = present[0] if present else 0.0
            z = self.model.intercept + c["top_bits"] * top + max(0.0, c["more_bits"]) * sum(present[1:]) + other
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def _corp_bits(self, a: AliasPrep) -> float:
        bits = self._corp_bits_memo.get(a.corp)
        if bits is None:
            freq = name_freq()
            bits = self._corp_bits_memo[a.corp] = sum(freq.bits(w) for w in a.corp)
        return bits

    def _billers(self, parts: Parts) -> set[str]:
        """Ids of the resellers whose statement form the descriptor shows (SAFECART*, NEXWAY*)."""
        if not self._any_billed or parts.facilitator is None:
            return set()
        return {e.id for e in self.context_hits(parts.raw) if e.role == "reseller"}

    def _kana_candidates(self, key: str) -> list[int]:
        """Aliases whose words' katakana keys come close enough inside the descriptor's kana key ``key`` that,
        if every such word agreed, the alias could reach the threshold (one vectorised edit-distance pass
        over the keys of every alias word)."""
        import numpy as np
        from rapidfuzz import fuzz, process

        if self._kana_keys is None:
            self._kana_keys = self._kana_word_keys()
        owners, keys = self._kana_keys
        if not keys:
            return []
        scores = process.cdist([key], keys, scorer=fuzz.partial_ratio, score_cutoff=KANA_BLOCK, dtype=np.uint8)[0]
        near: dict[int, set[int]] = {}
        for j in np.flatnonzero(scores):
            idx, t = owners[j]
            near.setdefault(idx, set()).add(t)
        c, limit = self.model.coef, self.threshold / 100.0
        out = []
        for idx, toks in near.items():
            a = self.aliases[idx]
            z = self.model.intercept + sum(max(c["kana_bits_hi"], c["kana_bits_mid"]) * b if t in toks
                                           else c["kana_missing_bits"] * b for t, b in enumerate(a.bits))
            if not self.prune or 1.0 / (1.0 + math.exp(-min(z, 700))) >= limit:
                out.append((z, idx))
        return [idx for _z, idx in sorted(out, reverse=True)[:MAX_CANDIDATES]]

    def _kana_word_keys(self) -> tuple[list[tuple[int, int]], list[str]]:
        from audit.merchants.kana import word_keys

        owners, keys = [], []
        for idx, a in enumerate(self.aliases):
            for t, (tok, orig) in enumerate(zip(a.tokens, a.originals, strict=True)):
                for k in ((tok,) if a.kana else word_keys(orig)):
                    if len(k) >= 3:
                        owners.append((idx, t))
                        keys.append(k)
        return owners, keys

    def _alignments(self, parts: Parts) -> list[tuple[float, Alignment]]:
        """(probability, alignment) of the best placement of every candidate alias."""
        return [(p, al) for p, al, _f in self.scored(parts)]

    def scored(self, parts: Parts) -> list[tuple[float, Alignment, dict[str, float]]]:
        """(probability, alignment, features) of the best placement of every candidate alias."""
        out: list[tuple[float, Alignment, dict[str, float]]] = []
        words = latin_words(parts)
        if words:
            text = "".join(w for w, _k, _c in words)
            offsets, at = [], 0
            for w, _k, _c in words:
                offsets.append(at)
                at += len(w)
            texts = [w for w, _k, _c in words]
            cut_word = next((w for w, _k, c in words if c), "")
            sets = self._word_sets(texts)
            status: dict[str, int] = {}
            billers = self._billers(parts)
            for idx in self._latin_candidates(words):
                a = self.aliases[idx]
                if self.prune and self._bound(a, text, texts, cut_word, sets=sets, status=status) < self.threshold / 100.0:
                    continue  # even if every word it shows agreed, the alias could not reach the threshold
                best: tuple[float, Alignment, dict[str, float]] | None = None
                heads = {t[:4] for t in a.tokens}
                for start, (_w, kind, _c) in enumerate(words):
                    if kind not in ("name", "web", "ref", "corp") or not any(text.startswith(h, offsets[start])
                                                                             for h in heads):
                        continue
                    al = align_latin(a, words, start)
                    if al is None:
                        continue
                    under_web = bool(al.extra) and a.domain and _web_name_leads(parts, words, start, a)
                    if under_web:
                        al.extra = [(w, "product") for w, _k in al.extra]  # what is sold under the web name
                    if a.weak:
                        billed_by = next((self.by_id[b].name for b in sorted(billers & self._billed_through[a.entry])),
                                         "")
                        beside = self._case_names[a.entry].get("".join(w for w, _k in al.extra), "")
                        if beside:  # the other words are another name of the same case (its product)
                            al.extra = []
                        al.weak_reason = _weak_ok(al, parts.facilitator is not None, billed_by, beside)
                        if not al.weak_reason:
                            continue
                        if under_web:
                            al.weak_reason += ", the words after it naming what it sells"
                    feats = _weak_features(al) if a.weak else al.features()
                    al.feats = feats
                    p = self.model.probability(feats)
                    if best is None or p > best[0]:
                        best = (p, al, feats)
                if best is not None:
                    out.append(best)
        key, others = kana_text(parts)
        if len(key) >= 3:
            for idx in self._kana_candidates(key):
                a = self.aliases[idx]
                al = align_kana(a, key, others)
                if al is not None and (not a.weak or _weak_kana_ok(al)):
                    feats = al.features()
                    al.feats = feats
                    if a.weak:
                        al.weak_reason = "in full, in katakana"
                    out.append((self.model.probability(feats), al, feats))
        return out

    def candidates(self, descriptor: str | Parts, limit: int = 5) -> list[Match]:
        """Best-scoring entries for a descriptor (below the threshold too), one per entry, best first."""
        parts = descriptor if isinstance(descriptor, Parts) else parse(descriptor)
        best: dict[int, Match] = {}
        for p, al in self._alignments(parts):
            e = al.alias.entry
            if e not in best or 100.0 * p > best[e].score:
                best[e] = Match(self.scam[e], al.alias.text, round(100.0 * p, 1), _method(al), parts.raw,
                                parts.name, parts.facilitator, alignment=al, parts=parts)
        return sorted(best.values(), key=lambda m: (-m.score, m.entry.id))[:limit]

    def may_match(self, descriptor: str) -> bool:
        """Quick test before parsing: could any alias reach the threshold on this descriptor? (False means
        certainly not; most legitimate descriptors stop here.)"""
        folded = fold_latin(descriptor[:MAX_CHARS])
        if has_kana(folded):
            key = "".join(kana_key(run) for run in kana_runs(folded))
            if len(key) >= 3 and self._kana_candidates(key):
                return True
        words = _WORDS.findall(folded)
        text = "".join(words)
        found: set[int] = set()
        at = 0
        for w in words:
            found.update(self._index.get(text[at:at + 4], ()))
            at += len(w)
        if not found:
            return False  # no alias shares a word key: nothing to bound (most descriptors)
        limit = self.threshold / 100.0
        any_cut = len(folded) >= 18  # unparsed: any word might be the one the field width cut
        sets = self._word_sets(words)
        status: dict[str, int] = {}
        return any(self._bound(self.aliases[i], text, words, "", any_cut, sets, status) >= limit for i in found)

    def match(self, descriptor: str | Parts) -> Match | None:
        """The best entry at or above the threshold, or None. A kana-only hit on a descriptor that belongs to
        a legit brand (context list) does not count."""
        if isinstance(descriptor, str) and not self.may_match(descriptor):
            return None
        parts = descriptor if isinstance(descriptor, Parts) else parse(descriptor)
        found = self.candidates(parts, limit=1)
        if not found or found[0].score < self.threshold:
            return None
        m = found[0]
        if m.method == "katakana" and self.brand(parts.raw) is not None:
            return None
        context = self.context_hits(parts.raw)
        m.resellers = [e for e in context if e.role == "reseller" and e.named_by in ("regulator", "court")]
        return m

    def match_many(self, descriptors: Iterable[str]) -> dict[str, Match]:
        """Matches for many descriptors, computed once per distinct descriptor."""
        out: dict[str, Match] = {}
        for raw in descriptors:
            if not isinstance(raw, str) or not raw.strip():
                continue
            if raw not in self._cache:
                if len(self._cache) > 200_000:
                    self._cache.clear()
                self._cache[raw] = self.match(raw)
            m = self._cache[raw]
            if m is not None:
                out[raw] = m
        return out


_SHOWN, _MAY_BE_CUT, _MAY_BE_SHORTENED, _ABSENT = range(4)


class _WordSets:
    """A descriptor's words (``words``) and those that may be an alias word shortened (``short``), each also
    grouped by first letter, so that "does an alias word start with one of them" looks at a few words."""

    __slots__ = ("by_first", "ends", "short", "short_by_first", "words")

    def __init__(self, words: frozenset[str], short: frozenset[str], text: str):
        self.words, self.short = words, short
        self.by_first = _by_first(words)
        self.short_by_first = _by_first(short)
        self.ends = (text[-1:], text[-2:], text[-3:])  # the glued words' last one to three letters


def _by_first(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in words:
        if w:
            out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _word_status(tok: str, text: str, sets: _WordSets, may_cut: bool) -> int:
    """What alias word ``tok`` can be on a descriptor (glued words ``text``, :meth:`MerchantDB._word_sets`
    ``sets``): shown, the word the field width cut (``may_cut``: a descriptor word or the end of ``text``
    starts it, or its first four letters are shown), a word shortened (a rare descriptor word of three
    letters or more starts it), or absent."""
    if tok in text:
        return _SHOWN
    if may_cut:
        n, (e1, e2, e3) = len(tok), sets.ends  # text ends with the alias word's first 1 to 3 letters (fewer than all)
        if (tok[:4] in text or any(tok.startswith(w) for w in sets.by_first.get(tok[0], ()))
                or (n > 1 and tok[0] == e1) or (n > 2 and tok[:2] == e2) or (n > 3 and tok[:3] == e3)):
            return _MAY_BE_CUT
    if any(tok.startswith(w) for w in sets.short_by_first.get(tok[0], ())):
        return _MAY_BE_SHORTENED
    return _ABSENT


def _weak_ok(al: Alignment, facilitator: bool = False, billed_by: str = "", beside: str = "") -> str:
    """Why a weak alias counts here, or '' when it does not. It counts only in full: every word, spaced as
    listed (a facilitator's merchant id glues words), no other name words; and, when
    :func:`audit.merchants.evidence.suffix_needed` says so (a name of one or two words), with its
    corporate suffix in any spelling of the same legal form, or with evidence tied to the entry: billed
    through a payment processor its public record names (``billed_by``), or printed beside another name
    of the same case (``beside``: the other words of the descriptor are an alias of this entry or of a
    related one, such as its product)."""
    if al.missing or any(k == "word" for _w, k in al.extra) or (al.spaced and not (facilitator or al.alias.domain)):
        return ""
    if any(lvl == "abbrev" for _a, _t, lvl, _b in al.agreed):
        return ""
    a = al.alias
    tied = (f"in full, billed through {billed_by}, which its record names" if billed_by
            else f"in full, beside {beside} of the same case" if beside else "")
    if any(lvl == "cut" for _a, _t, lvl, _b in al.agreed):  # cut by the field width: no room for a suffix
        if len(al.agreed) < 2:
            return ""
        return tied if a.needs_suffix else "in full up to the field width"
    if not a.needs_suffix:
        return "a web name in full" if a.domain else f"in full ({len(a.tokens)} words)"
    if al.corp_agrees:
        return "in full with its corporate suffix"
    return tied


def _web_name_leads(parts: Parts, words: list[tuple[str, str, bool]], start: int, a: AliasPrep) -> bool:
    """The descriptor's name begins with the alias's web domain, printed as a web address
    (``SUPPORT.COM PC HEALTH CHECK``): a domain names one business, and the words after it name what that
    business sells, not another business (which would print its own name first: ``GEEK SQUAD SUPPORT.COM``)."""
    first = next((t for t in parts.tokens[parts.name_start:parts.name_end] if t.kind in ("name", "corp", "web", "kana")),
                 None)
    return (first is not None and first.kind == "web" and first.key == a.compact and words[start][0] == a.compact
            and all(k != "name" for _w, k, _c in words[:start]))


def _case_names(scam: Sequence[Entry]) -> list[dict[str, str]]:
    """Per scam entry: the names of its case (its own aliases and those of the entries it lists as related),
    glued and folded as descriptor words are (PCHEALTHBOOST -> 'PC HealthBoost')."""
    from audit.merchants.align import prepare

    by_id = {e.id: e for e in scam}
    out = []
    for e in scam:
        names: dict[str, str] = {}
        for other in [e, *(by_id[r] for r in e.related if r in by_id)]:
            for text in other.aliases + other.weak_aliases:
                prep = prepare(0, text)
                if prep is not None and len(prep.compact) >= 4:
                    names.setdefault(prep.compact, text)
        out.append(names)
    return out


def _weak_kana_ok(al: Alignment) -> bool:
    """A weak alias in katakana counts only in full: every word closely spelt, nothing else but a suffix."""
    return not al.missing and not al.extra and al.kana_gap < 0.1 and min(al.kana_sims, default=0.0) >= 0.9


def _weak_features(al: Alignment) -> dict[str, float]:
    """A weak alias in full is one unit: its words' bits add up, its corporate suffix's too."""
    from audit.merchants.reference import name_freq

    f = al.features()
    corp = sum(name_freq().bits(c) for c in al.alias.corp) if al.corp_agrees else 0.0
    f.update(top_bits=f["top_bits"] + f["more_bits"] + f["cut_bits"] + corp, more_bits=0.0, cut_bits=0.0)
    return f


def _contains_words(needle: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    k = len(needle)
    return any(hay[i : i + k] == needle for i in range(len(hay) - k + 1))


def _quick_test(rules: Sequence[tuple[Entry, tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]]],
                ) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Every prefix and inner form of ``rules`` and the first word of every name: a descriptor that starts with
    none, holds none and has none of those words matches no rule."""
    return (tuple(p for _e, prefixes, _i, _n in rules for p in prefixes),
            tuple(dict.fromkeys(i for _e, _p, inner, _n in rules for i in inner)),
            frozenset(n[0] for *_r, names in rules for n in names))


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
