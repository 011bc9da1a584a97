"""An alias laid over a parsed descriptor: which of its words agree, which are missing, what is extra.

Each alias word that agrees with the descriptor is worth ``-log2 u`` bits, ``u`` being how often a
legitimate merchant's name holds that word (:mod:`audit.merchants.reference`); that is the
term-frequency adjustment of probabilistic record linkage (Fellegi-Sunter; Splink's "tf" levels). So
RESTORO (no legitimate name in the corpus holds it) is worth about 17 bits and SUPPORT about 8.

Agreement is exact on letters and digits (after :func:`audit.merchants.text.fold_latin`), allowing:

* glued or spaced words: ``PCHEALTHBOOST`` and ``CLICK 4 SUPPORT`` agree with ``PC HealthBoost`` and
  ``Click4Support``; but an alias inside a longer word counts only when what is glued on is a place, a
  corporate suffix, digits or a product word (``RESTOROCY``, ``REIMAGEPLUS``), never a word's rest
  (``WEBTECH WORLDWIDE`` is not "Webtech World");
* a cut-off last word when the network cut the name field (``RESTORO PREMIUM LICENS``), or a word
  shortened inside the name (``SOLUT``, ``SUP``; never a common word such as WEB for WEBTECH), worth the
  bits of the prefix (how many legitimate words start that way);
* katakana (:mod:`audit.merchants.kana_align`): alias words rendered in romaji keys found in order in
  the descriptor's kana, by edit distance, each worth the bits of the rarer side (the alias word or the
  kana stretch), counted apart by how close the spelling is (similarity 0.9 or more, 0.8 to 0.9).

What the descriptor holds beyond the alias is counted: other name words (``HAIR SALON``), product or
billing words (``LICENSE 1YR``); places, phone numbers, references and bank words are not counted.
:mod:`audit.merchants.model` turns these features into one probability.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from audit.merchants.evidence import suffix_needed
from audit.merchants.parse import Parts
from audit.merchants.reference import name_freq, places
from audit.merchants.statement_words import CORPORATE, legal_form_spellings

# Words a seller of software or support adds to its own name on a bill (never evidence of another business)
PRODUCT_WORDS = frozenset("""
PC TECH TECHNICAL SUPPORT SOFTWARE SECURITY ANTIVIRUS CLEANER REPAIR PRO PLUS PREMIUM ONLINE SERVICE SERVICES
SUBSCRIPTION SUBSCR RENEWAL RENEW LICENSE LICENCE LIC ANNUAL MONTHLY YEARLY PLAN ORDER PAYMENT BILLING
PROTECTION SYSTEM SYSTEMS HELP HELPDESK CARE UTILITIES OPTIMIZER SCAN SCANNER FIX TOOLS TOOL DOWNLOAD APP KEY
LIFETIME YEAR YEARS YR MONTH MONTHS MO EDITION VERSION UPGRADE ACTIVATION SETUP INSTALL INSTALLATION
UNLIMITED UNLTD SPYWARE MALWARE VIRUS REGISTRY DRIVER DRIVERS BOOSTER SPEED OPTIMIZATION CLEANUP REMOVAL
""".split())
_TERM = re.compile(r"^\d+(?:YR|YRS|Y|YEAR|YEARS|MO|M|MONTH|MONTHS|PC|PCS|DEVICE|DEVICES)?$")
_ORIGINAL_WORDS = re.compile(r"[^\W_]+(?:&[^\W_]+)*")
# a web domain in an alias (Support.com): its name and top-level label make one word, as a domain names one business
_DOMAIN = re.compile(r"\b([A-Za-z0-9][A-Za-z0-9-]*)\.(com|net|org|info|biz|co|io|us|uk|in|jp)\b", re.I)
_DOMAIN_WORDS: dict[str, str] = {}  # a domain word as glued (Supportcom) -> as printed (Support.com), for kana
_WEB = frozenset({"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"})
MIN_CUT_CHARS = 1
MIN_ABBREV_CHARS = 3  # a word shortened inside a name (TECH SUP, SOLUT) keeps at least this many letters
ABBREV_MAX_U = 1e-4  # ... and is no common word itself (WEB is a word, not WEBTECH shortened)


def product_word(word: str) -> bool:
    return word in PRODUCT_WORDS or bool(_TERM.match(word))


@dataclass(frozen=True)
class AliasPrep:
    """An alias ready for alignment (``domain``: one of its words is a web domain, such as SUPPORTCOM)."""

    entry: int
    text: str
    weak: bool
    tokens: tuple[str, ...]  # name words (corporate suffixes and web words left out), upper case
    originals: tuple[str, ...]  # the same words as printed in the list (their case tells acronyms apart)
    corp: tuple[str, ...]  # corporate suffix words of the alias
    bits: tuple[float, ...]
    kana: bool = False  # an explicit kana alias: tokens are romaji keys
    domain: bool = False
    corp_forms: tuple[str, ...] = ()  # its corporate suffixes in every spelling of the same legal form (INC, INCORPORATED)
    needs_suffix: bool = False  # a weak alias that matches only with its suffix (evidence.suffix_needed)

    @property
    def compact(self) -> str:
        return "".join(self.tokens)


def prepare(entry: int, text: str, weak: bool = False, kana: bool = False) -> AliasPrep | None:
    """An alias's words and their bits; None when it has no usable word."""
    freq = name_freq()
    if kana:
        from audit.merchants.kana import kana_key

        keys = [kana_key(w) for w in re.split(r"[\s・]+", unicodedata.normalize("NFKC", text)) if w]
        keys = [k for k in keys if k]
        if not keys:
            return None
        return AliasPrep(entry, text, weak, tuple(keys), tuple(keys), (), tuple(freq.bits("~" + k) for k in keys), True)
    from audit.merchants.text import fold_latin

    original = text
    text = unicodedata.normalize("NFKC", text)
    _DOMAIN_WORDS.update({m.group(1) + m.group(2): m.group(0) for m in _DOMAIN.finditer(text)})
    text = _DOMAIN.sub(lambda m: m.group(1) + m.group(2), text)  # Support.com: one word
    originals = [w for w in _ORIGINAL_WORDS.findall(text) if w.isascii() or fold_latin(w).isascii()]
    words = [(fold_latin(w), w) for w in originals]
    core = [(u, _DOMAIN_WORDS.get(o, o)) for u, o in words if u not in CORPORATE and u not in _WEB]
    corp = tuple(u for u, _o in words if u in CORPORATE)
    if not core:
        return None
    tokens = tuple(u for u, _o in core)
    domain = bool(_DOMAIN.search(unicodedata.normalize("NFKC", original)))
    return AliasPrep(entry, text, weak, tokens, tuple(o for _u, o in core), corp, tuple(freq.bits(t) for t in tokens),
                     domain=domain, corp_forms=legal_form_spellings(corp),
                     needs_suffix=weak and suffix_needed(tokens, domain))


@dataclass
class Alignment:
    """One alias laid over one descriptor."""

    alias: AliasPrep
    agreed: list[tuple[str, str, str, float]] = field(default_factory=list)  # alias word, text, level, bits
    missing: list[tuple[str, float]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # descriptor word, "word" | "product"
    spaced: int = 0  # alias words found spread over several descriptor words
    kana_gap: float = 0.0  # share of the descriptor's kana the alias does not explain (skipped, changed or left over)
    kana_sims: list[float] = field(default_factory=list)  # similarity of each kana agreement (0-1)
    corp_agrees: bool = False
    feats: dict[str, float] | None = None  # the features the probability was computed from (set by the matcher)
    weak_reason: str = ""  # a weak alias: what let it count (its suffix, a processor its record names ...)

    def features(self) -> dict[str, float]:
        latin = [b for _a, _t, lvl, b in self.agreed if lvl in ("exact", "glued")]
        abbrev = sum(b for _a, _t, lvl, b in self.agreed if lvl == "abbrev")
        kana = [b for _a, _t, lvl, b in self.agreed if lvl == "kana"]
        sims = self.kana_sims
        cut = sum(b for _a, _t, lvl, b in self.agreed if lvl == "cut")
        top = max(latin, default=0.0)
        is_kana = bool(kana) or (not latin and not cut and self.kana_gap > 0)
        missing = sum(b for _a, b in self.missing)
        return {
            "top_bits": top, "more_bits": sum(latin) - top, "cut_bits": cut, "abbrev_bits": abbrev,
            "missing_bits": 0.0 if is_kana else missing,
            "extra_words": float(sum(1 for _w, k in self.extra if k == "word")),
            "extra_product": float(sum(1 for _w, k in self.extra if k == "product")),
            "spaced": float(self.spaced),
            "kana_bits_hi": sum(b for b, x in zip(kana, sims, strict=True) if x >= 0.9),
            "kana_bits_mid": sum(b for b, x in zip(kana, sims, strict=True) if x < 0.9),
            "kana_missing_bits": missing if is_kana else 0.0, "kana_gap": self.kana_gap,
        }


_PRODUCT_PREFIXES = frozenset(w[:i] for w in PRODUCT_WORDS for i in range(3, len(w)))
_CORPORATE_PREFIXES = frozenset(w[:i] for w in CORPORATE for i in range(1, len(w)))


def _cut_product(word: str) -> bool:
    """A word cut by the field width that starts a product word (LICENS, SUBSCRIP)."""
    return word in _PRODUCT_PREFIXES


def _glue_ok(rest: str, cut: bool) -> bool:
    """What may be glued after an alias inside one word: corporate suffixes, product words or digits, then
    at most one place (IYOGIINCNS, RESTOROCY, REIMAGEPLUS), the last piece cut off where the field was cut."""
    if not rest or _name_piece(rest) or _place_piece(rest) or (cut and _cut_piece(rest)):
        return True
    return any(_name_piece(rest[:i]) and _glue_ok(rest[i:], cut) for i in range(2, len(rest)))


_TOP_LABELS = frozenset({"COM", "NET", "ORG", "INFO", "BIZ", "CO", "IO", "US", "UK", "IN", "JP"})


def _name_piece(piece: str) -> bool:
    return piece.isdigit() or piece in CORPORATE or product_word(piece) or piece in _TOP_LABELS


def _place_piece(piece: str) -> bool:
    p = places()
    return p.code(piece) or p.is_name((piece,))


def _cut_piece(piece: str) -> bool:
    """The start of a corporate suffix, product word or country name, cut by the field width."""
    if len(piece) == 1:
        return True
    return (piece in _CORPORATE_PREFIXES or piece in _PRODUCT_PREFIXES
            or any(len(n) == 1 and n[0].startswith(piece) for n in _place_prefixes(piece[:2])))


_PREFIX_INDEX: dict[str, list[tuple[str, ...]]] = {}


def _place_prefixes(head: str) -> list[tuple[str, ...]]:
    """Country names whose first word starts with ``head`` (two letters; indexed in one pass over the names)."""
    if not _PREFIX_INDEX:
        _PREFIX_INDEX[""] = []
        for name, kind in places().names.items():
            if kind == "country":
                n = tuple(name.split(" "))
                for i in range(1, min(2, len(n[0])) + 1):
                    _PREFIX_INDEX.setdefault(n[0][:i], []).append(n)
    return _PREFIX_INDEX.get(head, [])


_LATIN_KINDS = ("name", "corp", "location", "web", "ref", "wrapper")


def latin_words(parts: Parts) -> list[tuple[str, str, bool]]:
    """(text, kind, cut) of the words an alias may lie on: the name and what follows it."""
    out = []
    name_idx = [i for i, t in enumerate(parts.tokens[parts.name_start:parts.name_end], parts.name_start)
                if t.kind in ("name", "corp", "web", "ref")]
    last = name_idx[-1] if name_idx else -1
    for i, t in enumerate(parts.tokens):
        if t.kind not in _LATIN_KINDS or not t.text.isascii():
            continue
        if i < parts.name_start:  # before the name only numbers may belong to it (8166200 CANADA INC)
            if t.kind in ("ref", "wrapper") and any(c.isdigit() for c in t.text):
                out.append((t.text, "ref", False))
            continue
        if t.kind == "wrapper" and not t.text.isdigit():
            continue  # digits the tail took for a wrapper may end a name (TECHERS 247)
        text = t.key if t.kind == "web" else re.sub(r"[^A-Z0-9&]", "", t.text)
        if text:
            out.append((text, "name" if i < parts.name_end and t.kind != "location" else t.kind, parts.cut and i == last))
    return out


def align_latin(alias: AliasPrep, words: list[tuple[str, str, bool]], start: int) -> Alignment | None:
    """Lay ``alias`` over ``words`` from word ``start``; None when it does not fit there."""
    freq = name_freq()
    offsets, pos = [], 0
    for w, _k, _c in words:
        offsets.append(pos)
        pos += len(w)
    text = "".join(w for w, _k, _c in words)
    ends = {o + len(w): i for i, (o, (w, _k, _c)) in enumerate(zip(offsets, words, strict=True))}
    starts = {o: i for i, o in enumerate(offsets)}
    al = Alignment(alias)
    pos = offsets[start]
    used_from = start
    cut_done = False
    for n, (tok, bits) in enumerate(zip(alias.tokens, alias.bits, strict=True)):
        if cut_done:
            continue  # words after a cut are not printed: neither agreement nor missing
        if text.startswith(tok, pos) and _ends_well(text, pos + len(tok), ends, offsets, words, alias.tokens[n + 1:]):
            first = _word_at(offsets, pos)
            last = _word_at(offsets, pos + len(tok) - 1)
            if last > first and pos in starts:
                al.spaced += 1
            al.agreed.append((tok, text[pos:pos + len(tok)], "exact" if pos in starts and pos + len(tok) in ends
                              else "glued", bits))
            pos += len(tok)
            continue
        wi = _word_at(offsets, pos) if pos < len(text) else len(words)
        if wi < len(words):
            w, _k, _cut = words[wi]
            ci = next((i for i in range(wi, len(words)) if words[i][2]), -1)  # the word the field width cut
            piece = text[pos:offsets[ci] + len(words[ci][0])] if ci >= 0 else ""
            if piece and len(piece) >= MIN_CUT_CHARS and tok.startswith(piece) and piece != tok:
                al.agreed.append((tok, piece, "cut", -math.log2(freq.prefix_u(piece))))
                al.spaced += ci > wi
                pos += len(piece)
                cut_done = True
                continue
            nxt = offsets[wi] + len(w)
            if (pos in starts and len(w) >= MIN_ABBREV_CHARS and len(w) < len(tok) and tok.startswith(w)
                    and words[wi][1] in ("name", "ref") and freq.of(w) < ABBREV_MAX_U):
                al.agreed.append((tok, w, "abbrev", -math.log2(freq.prefix_u(w))))
                pos = nxt
                continue
            if pos in starts and nxt < len(text) and text.startswith(tok, nxt) and words[wi][1] == "name":
                al.extra.append((w, "product" if product_word(w) else "word"))  # one word inserted in the name
                al.agreed.append((tok, tok, "exact" if nxt + len(tok) in ends else "glued", bits))
                pos = nxt + len(tok)
                continue
        al.missing.append((tok, bits))
    if not any(lvl in ("exact", "glued") for _a, _t, lvl, _b in al.agreed) and not cut_done:
        return None  # shortened words alone are no evidence
    if pos not in ends and pos < len(text):  # the alias ends inside a word: what is glued on must be harmless
        wi = _word_at(offsets, pos)
        w, _k, cut = words[wi]
        rest = text[pos:offsets[wi] + len(w)]
        if not _glue_ok(rest, cut):
            return None
        al.corp_agrees = al.corp_agrees or any(c == rest or (cut and c.startswith(rest)) for c in alias.corp_forms)
        pos = offsets[wi] + len(w)
    end_word = _word_at(offsets, pos - 1) if pos else 0
    for i, (w, kind, cut) in enumerate(words):
        if used_from <= i <= end_word or kind != "name":
            continue
        if w in CORPORATE or (cut and w in _CORPORATE_PREFIXES):
            al.corp_agrees = (al.corp_agrees or w in alias.corp_forms
                              or (cut and any(c.startswith(w) for c in alias.corp_forms)))
            continue
        al.extra.append((w, "product" if product_word(w) or (cut and _cut_product(w)) else "word"))
    for i in range(used_from, end_word + 1):
        if words[i][0] in alias.corp_forms:
            al.corp_agrees = True
    return al


def _ends_well(text: str, end: int, ends: dict[int, int], offsets: list[int], words: list[tuple[str, str, bool]],
               following: tuple[str, ...]) -> bool:
    """An alias word may end inside a descriptor word only if the next alias word goes on there or what is
    glued on is harmless (WORLD in WORLDWIDE is not the word WORLD)."""
    if end in ends or end >= len(text) or (following and text.startswith(following[0], end)):
        return True
    wi = _word_at(offsets, end)
    w, _k, cut = words[wi]
    rest = text[end:offsets[wi] + len(w)]
    if cut and following and following[0].startswith(rest):  # the next alias word, cut by the field width
        return True
    return _glue_ok(rest, cut)


def _word_at(offsets: list[int], pos: int) -> int:
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if offsets[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo
