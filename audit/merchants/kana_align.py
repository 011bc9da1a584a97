"""Katakana descriptors laid over aliases: each alias word's romaji keys found, in order, in the kana.

See :mod:`audit.merchants.kana` for the keys and :mod:`audit.merchants.align` for the features. Each
agreeing word is worth the bits of the rarer side (the alias word, or the kana stretch when it is a
common word's katakana rendering such as プラス); what the alias leaves of the descriptor's kana is read
as corporate suffixes, product words or other words (counted as such), and the rest is the gap, with
the letters a close reading had to skip or change inside its span: a reading that holds only with gaps
is weaker evidence (the model's ``kana_gap`` coefficient is kept at or below 0).
"""

from __future__ import annotations

import math
from functools import lru_cache

from audit.merchants.align import PRODUCT_WORDS, AliasPrep, Alignment, product_word
from audit.merchants.parse import Parts
from audit.merchants.reference import name_freq
from audit.merchants.statement_words import CORPORATE

MIN_KANA_SIM = 0.8


def kana_text(parts: Parts) -> tuple[str, list[tuple[str, str]]]:
    """The romaji key of the descriptor's kana name (its kana runs glued) and its other name words."""
    keys, others = [], []
    for t in parts.tokens[parts.name_start:parts.name_end]:
        if t.kind == "kana":
            keys.append(t.key)
        elif t.kind in ("name",):
            others.append((t.text, "product" if product_word(t.text) else "word"))
    return "".join(keys), others


def align_kana(alias: AliasPrep, key: str, others: list[tuple[str, str]]) -> Alignment | None:
    """Find ``alias``'s words, in order, in the descriptor's kana key ``key`` (edit distance)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    from audit.merchants.kana import word_keys

    al = Alignment(alias)
    pos = covered = 0
    spans: list[tuple[int, int]] = []
    for tok, orig, bits in zip(alias.tokens, alias.originals, alias.bits, strict=True):
        variants = (tok,) if alias.kana else word_keys(orig)
        best = None
        for v in variants:
            if not v:
                continue
            rest = key[pos:]
            r = fuzz.partial_ratio_alignment(v, rest, score_cutoff=MIN_KANA_SIM * 100)
            if r is None:
                continue
            for d0 in range(max(0, r.dest_start - 2), min(len(rest), r.dest_start + 3)):
                for d1 in range(max(d0 + 1, d0 + len(v) - 3), min(len(rest), d0 + len(v) + 3) + 1):
                    # substitutions count (stricter than fuzz.ratio), and the span may differ in length
                    sim = Levenshtein.normalized_similarity(v, rest[d0:d1])
                    if sim >= MIN_KANA_SIM and (best is None or sim > best[0]):
                        best = (sim, d0, d1, rest[d0:d1])
        if best is None:
            al.missing.append((tok, bits))
            continue
        sim, d0, d1, span = best
        span_bits = _kana_bits(span)
        al.agreed.append((tok, span, "kana", min(bits, span_bits)))
        al.kana_sims.append(sim)
        covered += (d1 - d0) * sim  # the letters it has to skip or change are not covered
        spans.append((pos + d0, pos + d1))
        pos += d1
    if not al.agreed:
        return None
    al.extra.extend(others)
    for seg in _uncovered(key, spans):  # what the alias leaves: a corporate suffix, product or other words
        for word, kind in _kana_words(seg):
            if kind == "corp":
                covered += len(word)
            else:  # a word it spells is counted as an extra word, not again as a gap
                al.extra.append(("~" + word, kind))
                covered += len(word)
    al.kana_gap = max(0.0, 1.0 - covered / max(1, len(key)))
    return al


def _uncovered(key: str, spans: list[tuple[int, int]]) -> list[str]:
    out, at = [], 0
    for a, b in sorted(spans):
        if a > at:
            out.append(key[at:a])
        at = max(at, b)
    if at < len(key):
        out.append(key[at:])
    return [s for s in out if len(s) >= 3]


def _kana_words(seg: str) -> list[tuple[str, str]]:
    """Known words spelt in a kana stretch, left to right: corporate suffixes and product words (their
    katakana renderings) and common words (the word-frequency table), as (key, kind)."""
    known = _kana_vocabulary()
    freq = name_freq().u
    out, i = [], 0
    while i < len(seg):
        for j in range(len(seg), i + 2, -1):
            piece = seg[i:j]
            kind = known.get(piece) or ("word" if "~" + piece in freq else "")
            if kind:
                out.append((piece, kind))
                i = j
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def _kana_vocabulary() -> dict[str, str]:
    """Romaji keys of corporate suffixes and product words as Japanese writes them."""
    from audit.merchants.kana import word_keys

    out: dict[str, str] = {}
    for kind, words in (("product", PRODUCT_WORDS), ("corp", CORPORATE)):
        for w in sorted(words):
            if len(w) >= 3 or kind == "corp":
                for k in word_keys(w if kind == "corp" else w.title()):
                    if len(k) >= 3:
                        out.setdefault(k, kind)
    return out


MIN_KANA_SPAN = 4  # a kana stretch shorter than this is no evidence (too many names hold it)


@lru_cache(maxsize=50_000)
def _kana_bits(span: str) -> float:
    """Bits of a kana stretch: how rarely a legitimate kana name holds it as a word, or a word close to it
    (a common word's katakana rendering: プラス, イノベーション)."""
    freq = name_freq()
    if len(span) < MIN_KANA_SPAN:
        return 0.0
    u = freq.u.get("~" + span, 0.0)
    if not u:
        from rapidfuzz import fuzz, process

        hit = process.extractOne(span, _kana_keys(), scorer=fuzz.ratio, score_cutoff=88)
        if hit is not None:
            u = freq.u["~" + hit[0]]
    return -math.log2(max(u, freq.floor))


_KANA_KEYS: list[str] = []


def _kana_keys() -> list[str]:
    if not _KANA_KEYS:
        _KANA_KEYS.extend(t[1:] for t in name_freq().u if t.startswith("~"))
    return _KANA_KEYS
