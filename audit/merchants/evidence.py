"""How much a word of a merchant name proves, and which aliases a list may hold.

A scam operator's name is often made of words any honest business uses ("PC", "TECH", "SUPPORT",
"SOLUTIONS"...). How common a word is among legitimate merchants' names comes from the word-frequency
table of :mod:`audit.merchants.reference` (not a hand list): a word held by at least one legitimate
name in :data:`GENERIC_SHARE` is *generic*. An alias made only of generic words is refused in
``aliases``; it belongs in ``weak_aliases``, which match only in full (see merchant_lists/README.md).

One rule, used both by ``validate`` (which weak aliases a list may hold) and by the matcher (what a
weak alias needs to match), says when a weak name needs its corporate suffix: :func:`suffix_needed`.
A name of one or two words needs it (or, at match time, a payment processor the entry's record says
billed it); a name of three words or more does not, unless three of its words in a row occur in a
legitimate name of the corpus (:func:`audit.merchants.reference.name_sequences`); a web domain never
does. Matching itself weighs every word by its frequency (:mod:`audit.merchants.align`).
"""

from __future__ import annotations

import re
import unicodedata

CORPORATE = frozenset({"LLC", "INC", "LTD", "LIMITED", "PVT", "PRIVATE", "CORP", "CORPORATION", "CO", "GMBH",
                       "LLP", "PLC", "SARL", "BV", "AG", "DBA", "THE", "COMPANY"})
GENERIC_SHARE = 1e-3  # a word in at least 1 legitimate name in 1,000 is generic
BARE_NAME_WORDS = 3  # a weak name of this many words or more may match without its corporate suffix
_WEB = frozenset({"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"})
_SPLIT = re.compile(r"[^\w&]+|_")
MIN_ALIAS_LETTERS = 4


def fold(text: str) -> str:
    """NFKC, upper case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).upper().split())


def tokens(text: str) -> tuple[str, ...]:
    """Words of ``text`` for matching: NFKC upper case, split on punctuation, corporate suffixes
    (LLC, INC, LTD...) and web words (WWW, COM...) dropped."""
    words = [w for w in _SPLIT.split(fold(text)) if w]
    kept = [w for w in words if w not in CORPORATE and w not in _WEB]
    return tuple(kept or words)


def full_tokens(text: str) -> tuple[str, ...]:
    """Words of ``text`` with corporate suffixes kept (web words dropped): the full corporate form."""
    words = [w for w in _SPLIT.split(fold(text)) if w]
    kept = [w for w in words if w not in _WEB]
    return tuple(kept or words)


def is_generic(word: str) -> bool:
    """A word that does not tell one business from another: two letters or fewer, a corporate suffix, or
    a word that at least one legitimate name in 1,000 holds."""
    from audit.merchants.reference import name_freq

    if word in CORPORATE or (len(word) <= 2 and not word.isdigit()):
        return True
    return name_freq().of(word) >= GENERIC_SHARE


def distinctive(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name that are not generic."""
    return tuple(w for w in words if not is_generic(w))


def suffix_needed(words: tuple[str, ...], domain: bool = False) -> bool:
    """Whether a weak name (``words``: its name words, corporate suffixes and web words left out) matches
    only with its corporate suffix printed. A web domain names one business: never. A name of fewer
    than :data:`BARE_NAME_WORDS` words: always (two common words together are a name many businesses
    can bear, and the legitimate-name corpus cannot tell: it holds none of TECH SUPPORT, HELP DESK or PC
    REPAIR). A longer name: only when three of its words in a row occur in a legitimate name."""
    if domain:
        return False
    if len(words) < BARE_NAME_WORDS:
        return True
    from audit.merchants.reference import name_sequences

    return name_sequences().occurs(words)


def alias_problem(words: tuple[str, ...], full_words: tuple[str, ...], text: str, weak: bool) -> str | None:
    """Why an alias cannot be used (None when it can). ``words``: its words without corporate suffixes and
    web words; ``full_words``: with corporate suffixes."""
    compact = "".join(words)
    if len(compact) < MIN_ALIAS_LETTERS:
        return f"alias {text!r} is shorter than {MIN_ALIAS_LETTERS} letters: it would match unrelated merchants"
    if weak:
        has_corp = len(full_words) > len(words)
        if not has_corp and suffix_needed(words, "." in text):
            if len(words) < BARE_NAME_WORDS:
                return (f"weak alias {text!r} is too generic even for an exact match: give the full corporate "
                        f"form (e.g. '{text} LLC') or the web name")
            return (f"weak alias {text!r}: legitimate names hold these words in a row; give the full corporate "
                    f"form (e.g. '{text} LLC') or the web name")
        return None
    if not distinctive(words):
        return (f"alias {text!r} is made of generic words only: move its full corporate form to weak_aliases "
                "(exact match only)")
    return None
