"""Lexicon features of distinct descriptors: what each name says (software, support, prepaid, a brand, a phone...).

:func:`features_of` reads one descriptor; :func:`features_many` gives the same tuples for many descriptors at
once, each word list searched over all the names together (:mod:`audit.detection.bulk_search`), and the brand
tests (:mod:`audit.detection.brands`) run only on the names whose text may hold a brand's name or form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from audit.detection import brands, lexicon
from audit.detection.bulk_search import candidates, first_match_many, search_many, texts_array
from audit.detection.gift_retailers import _ANY as _GIFT_SHOPS
from audit.detection.gift_retailers import gift_retailer
from audit.detection.keys import _filled_codes, missing_as_empty

FEATURES = ("fold", "legit", "software", "support", "security", "scareware", "signs", "gift_shop", "plan", "reseller",
            "prepaid", "konbini", "abroad", "retail", "phone", "navi", "romaji", "imitates")
_CACHE: dict[str, tuple] = {}  # descriptor -> its features, kept for the process (clients share descriptors)
_CACHE_MAX = 500_000
_OBJECT = ("fold", "legit", "reseller", "phone", "imitates")


def allowlist() -> Callable[[str], str | None]:
    """The merchant lists' allowlist when helper modules are present, else a no-op. The shipped one carries
    ``gate`` (:func:`_allowlist_gate`): which of many descriptors it may name a brand for."""
    try:
        from audit.merchants import allowlist_match
    except (ImportError, AttributeError):
        return lambda _text: None

    def check(text: str) -> str | None:
        try:
            return allowlist_match(text)
        except Exception:  # a broken list must not stop the audit; the lexicon still applies
            return None

    check.gate = _allowlist_gate  # type: ignore[attr-defined]
    return check


def _allowlist_gate(uniq: Sequence[str]) -> np.ndarray | None:
    """True where the shipped allowlist (``MerchantDB.brand``) may name a brand: its own quick test asks for a
    brand form at the start or inside the folded text, or a brand name's first word among its words; each of
    those is a piece of the folded text, so a text holding none of them (one search over all) gets None.
    None when the table's quick test is not there to read."""
    try:
        from audit.merchants import _default_db
        from audit.merchants.evidence import fold
        from audit.merchants.matching import _STAR_SPACES
        from audit.merchants.parse import MAX_CHARS

        prefixes, inner, first_words = _default_db()._brand_quick
    except Exception:  # another allowlist (a test's, a changed module): every text is asked
        return None
    pieces = sorted({*prefixes, *inner, *first_words}, key=len, reverse=True)
    if not pieces:
        return np.zeros(len(uniq), dtype=bool)
    # the text the test reads, and that text folded again (its words are cut from the twice-folded text)
    texts = [_STAR_SPACES.sub("*", fold(d[:MAX_CHARS])) for d in uniq]
    texts2 = [fold(t) for t in texts]
    rx = re.compile("|".join(map(re.escape, pieces)))
    gate = np.zeros(len(uniq), dtype=bool)
    gate[candidates(rx, texts)] = True
    gate[candidates(rx, texts2)] = True
    return gate


def legit_of(d: str, folded: str, allow: Callable[[str], str | None], *, legit_brand: Any = False) -> str | None:
    """The legitimate brand or service a descriptor belongs to: one of an imitated brand's own billing forms
    (:mod:`audit.detection.brands`), else the allowlist or the lexicon's brands - but a descriptor that names an
    imitated brand without being one of its forms belongs to nobody (a brand's name alone proves nothing).

    ``legit_brand``: :func:`audit.detection.lexicon.legit_brand` of ``folded`` when the caller has it already.
    """
    form = brands.billing_form(d)
    if form is not None:
        return form.brand
    found = allow(d) or (lexicon.legit_brand(folded) if legit_brand is False else legit_brand)
    if found and brands.named_brand(d) is not None:
        return None
    return found


def features_of(d: str, allow: Callable[[str], str | None]) -> tuple:
    """The lexicon features of one descriptor, in the order of :data:`FEATURES`."""
    f = lexicon.fold(d)
    t = lexicon.sign_text(f)
    imp = brands.impersonation(d)
    legit = None if imp is not None else legit_of(d, f, allow)
    return (f, legit, lexicon.software_like(t), lexicon.support_sign(t),
            lexicon.security_sign(t) and not lexicon.home_security_like(t), lexicon.scareware_like(t),
            lexicon.sign_kinds(t), gift_retailer(f), lexicon.plan_like(f), lexicon.reseller_of(f),
            lexicon.prepaid_like(f), lexicon.konbini_like(f), "海外" in f, lexicon.retailer_like(f),
            lexicon.phone_in(f), lexicon.navi_dial(f), lexicon.romaji_only(f), imp.brand.id if imp else None)


def _first_of(patterns: dict[str, Any], texts: list[str], arrow: Any, skip: np.ndarray | None = None) -> list:
    """Per text: the first name (in ``patterns``' order) whose pattern it holds, else None. One search of all
    the patterns together picks the texts that may hold any; those are tried pattern by pattern."""
    out: list[str | None] = [None] * len(texts)
    union = _union(tuple(patterns.values()))
    for i in (candidates(union, texts, arrow) if union is not None else range(len(texts))):
        if skip is not None and skip[i]:
            continue
        out[i] = next((name for name, rx in patterns.items() if rx.search(texts[i])), None)
    return out


@lru_cache(maxsize=8)
def _union(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern matching wherever any of ``patterns`` matches; None when they cannot be joined (flags,
    named groups or back-references of their own)."""
    if any(rx.flags != re.UNICODE or rx.groupindex or re.search(r"\\\d", rx.pattern) for rx in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{rx.pattern})" for rx in patterns))
    except re.error:
        return None


def _brand_gates(uniq: Sequence[str], folded: list[str]) -> np.ndarray:
    """True where a brand test may answer (a name or billing form of an imitated brand may be in the text);
    elsewhere ``impersonation``, ``named_brand`` and ``billing_form`` are None."""
    idx = brands._index(brands._current())
    kana = [f.translate(brands._SMALL) for f in folded]  # brands.kana_fold
    gate = np.zeros(len(uniq), dtype=bool)
    gate[candidates(idx.names, leet := [k.translate(brands._LEET) for k in kana], texts_array(leet))] = True
    if idx.kana is not None or idx.forms is not None:
        # _compact(_star(k)) is _compact(k): _star only drops spaces around a star, _compact drops every space
        compact = [brands._compact(k) for k in kana]
        arrow = texts_array(compact)
        for rx in (idx.kana, idx.forms):
            if rx is not None:
                gate[candidates(rx, compact, arrow)] = True
    return gate


def _romaji(folded: list[str], arrow: Any) -> np.ndarray:
    """:func:`audit.detection.lexicon.romaji_only` per text: ASCII texts counted with Arrow, the rest one by one."""
    import pyarrow.compute as pc

    if arrow is None:
        return np.array([lexicon.romaji_only(f) for f in folded], dtype=bool)
    ascii_ = pc.string_is_ascii(arrow).to_numpy(zero_copy_only=False)
    letters = pc.count_substring_regex(arrow, "[A-Za-z]").to_numpy(zero_copy_only=False)
    out = ascii_ & (letters >= 3)
    for i in np.flatnonzero(~ascii_).tolist():
        out[i] = lexicon.romaji_only(folded[i])
    return out


def features_many(uniq: Sequence[str], allow: Callable[[str], str | None]) -> list[tuple]:
    """:func:`features_of` of every descriptor in ``uniq`` (texts), each word list searched once over all."""
    if not len(uniq):
        return []
    folded = [lexicon.fold(d) for d in uniq]
    fa = texts_array(folded)
    sign = list(folded)
    for i in candidates(lexicon._HELP_HOST, folded, fa).tolist():
        sign[i] = lexicon.sign_text(folded[i])
    sa = texts_array(sign) if sign != folded else fa
    gate = _brand_gates(uniq, folded)
    imp = [brands.impersonation(d) if g else None for d, g in zip(uniq, gate.tolist(), strict=True)]
    has_imp = np.array([m is not None for m in imp], dtype=bool)
    cheat = search_many(lexicon.IMPERSONATION_WORDS, folded, fa)  # lexicon.legit_brand: no brand beside these
    lex_brand = _first_of(lexicon.LEGIT_BRANDS, folded, fa, skip=cheat | has_imp)
    allow_gate = getattr(allow, "gate", None)
    may_allow = allow_gate(uniq) if allow_gate is not None else None
    if may_allow is None:
        may_allow = np.ones(len(uniq), dtype=bool)
    legit: list[str | None] = []
    for i, d in enumerate(uniq):
        if has_imp[i]:
            legit.append(None)
        elif gate[i]:
            legit.append(legit_of(d, folded[i], allow, legit_brand=lex_brand[i]))
        else:  # no billing form and no brand named: legit_of is the allowlist or the lexicon's brand
            legit.append((allow(d) if may_allow[i] else None) or lex_brand[i])
    security = search_many(lexicon.SECURITY_SIGN, sign, sa)
    computer = search_many(lexicon.COMPUTER_SIGN, sign, sa)
    support = search_many(lexicon.SUPPORT_SIGN, sign, sa)
    phones = [p.strip() if p is not None else None for p in first_match_many(lexicon.PHONE, folded, fa)]
    cols = {
        "fold": folded, "legit": legit, "software": search_many(lexicon.SOFTWARE_WORDS, sign, sa), "support": support,
        "security": security & ~search_many(lexicon.HOME_SECURITY, sign, sa),
        "scareware": search_many(lexicon.SCAREWARE_SIGN, sign, sa),
        "signs": security.astype(np.int64) + computer + support,
        "gift_shop": search_many(_GIFT_SHOPS, folded, fa), "plan": search_many(lexicon.PLAN_WORDS, folded, fa),
        "reseller": _first_of(lexicon.RESELLERS, folded, fa),
        "prepaid": search_many(lexicon.PREPAID_WORDS, folded, fa),
        "konbini": search_many(lexicon.KONBINI_WORDS, folded, fa), "abroad": ["海外" in f for f in folded],
        "retail": search_many(lexicon.RETAILER_WORDS, folded, fa), "phone": phones,
        "navi": search_many(lexicon.NAVI_DIAL, folded, fa), "romaji": _romaji(folded, fa),
        "imitates": [m.brand.id if m is not None else None for m in imp],
    }
    as_lists = [c.tolist() if isinstance(c, np.ndarray) else c for c in (cols[k] for k in FEATURES)]
    return list(zip(*as_lists, strict=True))


def _filled(codes: np.ndarray, uniq: Any) -> tuple[np.ndarray, np.ndarray]:
    """:func:`audit.detection.keys._filled_codes` from ``pd.factorize`` of the column (missing -> the text "")."""
    return missing_as_empty(codes.astype(np.int64), np.asarray(uniq, dtype=object))


def descriptor_features(desc: pd.Series, codes: tuple[np.ndarray, Any] | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """Row codes into the distinct descriptors, and lexicon features per distinct descriptor.

    Features depend on the descriptor alone (the lexicon and the shipped allowlist), so they are kept
    for the process: the clients of a large run mostly share their merchants. ``codes``: ``pd.factorize(desc)``
    of a text column when the caller has it.
    """
    if codes is not None and isinstance(desc.dtype, pd.StringDtype):
        codes, uniq = _filled(*codes)
    elif isinstance(desc.dtype, pd.StringDtype):  # no filled copy of the column: missing -> the text ""
        codes, uniq = _filled_codes(desc)
    else:
        codes, uniq = pd.factorize(desc.fillna("").astype("str"))
    cache = _CACHE
    todo = [d for d in uniq if d not in cache]
    if todo:
        if len(cache) + len(todo) > _CACHE_MAX:
            cache.clear()
        cache.update(zip(todo, features_many(todo, allowlist()), strict=True))
    cols = dict(zip(FEATURES, zip(*(cache[d] for d in uniq), strict=True), strict=True)) if len(uniq) else {
        c: () for c in FEATURES}
    feats = pd.DataFrame({
        c: (pd.Series(list(cols[c]), dtype=object) if c in _OBJECT
            else np.array(cols[c], dtype=np.int8) if c == "signs" else np.array(cols[c], dtype=bool))
        for c in FEATURES})
    return codes, feats
