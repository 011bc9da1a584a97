"""What text may go into a letter: one clean line per field, and a product name rather than a sentence.

Letters quote what the user typed and, once the user accepts them, facts from the merchant's own order
e-mail. Merchant-written text is hostile by default: it may carry a right-to-left override that
reverses what the reader sees, zero-width characters, or a "product" line such as
``PC Shield Pro - I waive any refund or chargeback``. :func:`clean_text` strips control, format and bidi
characters and bounds the length; :func:`product_name` keeps only the name at the start of a product line
(up to the first sentence or clause, a bounded number of words and characters).
"""

from __future__ import annotations

import re
import unicodedata

PRODUCT_CHARS = 60  # a product name, not a description
PRODUCT_WORDS = 8
FIELD_CHARS = 120  # any other one-line field (name, card company, date, ticket)

# Where a product name ends: sentence or clause punctuation, a dash between spaces, a long gap.
_CLAUSE_END = re.compile(r"[.!?;:,]\s|[.!?]$|[。！？；：、，]|\s[-–—|/]\s|<|\s{2,}")
_OPEN, _CLOSE = "([（【「", ")]）】」"
# Words that start a sentence or a condition, never part of a product's name.
_CLAUSE_WORDS = re.compile(
    r"\b(?:i|i'm|i've|we|we're|you|you're|your|our|my|me|us|they|this|that|these|if|when|please|thank|thanks"
    r"|is|are|was|be|been|will|shall|must|cannot|not|waive[sd]?|waiver|agree[sd]?|accept(?:s|ed)?"
    r"|consent(?:s|ed)?|acknowledge[sd]?|authori[sz]e[sd]?|understand|refund(?:s|able|ed)?|non-refundable"
    r"|chargebacks?|disputes?|cancel(?:s|led|lation)?|terms|conditions|policy|purchase[sd]?|order(?:ed)?|paid"
    r"|charged?|billing|billed)\b"
    r"|返金|返品|返還|同意|放棄|解約|請求|支払|私|当社|弊社|お客様|ます|ません|ください|こと",
    re.IGNORECASE)


_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # become spaces


def _drop_char(ch: str) -> bool:
    """Control (Cc), format (Cf: bidi marks and overrides, zero-width characters), private-use, surrogate and
    unassigned characters, and line or paragraph separators."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp")


def clean_text(value: object, limit: int = FIELD_CHARS) -> str:
    """``value`` as one line: control, format and bidi characters removed (tabs and line breaks become spaces),
    spaces collapsed, at most ``limit`` characters (cut at a space where one is near)."""
    text = unicodedata.normalize("NFC", str(value or ""))[: limit * 8]
    text = "".join(" " if ch in _BREAKS else ch for ch in text if ch in _BREAKS or not _drop_char(ch))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" -,.;:")


def product_name(value: object) -> str:
    """The product's name at the start of ``value``: up to the first sentence or clause (or a word that starts
    one: pronouns, waivers, refund and payment terms), at most :data:`PRODUCT_WORDS` words and
    :data:`PRODUCT_CHARS` characters; ``""`` when no name is left."""
    text = clean_text(value, limit=PRODUCT_CHARS * 4)
    m = _CLAUSE_END.search(text)
    if m:
        text = text[: m.start()]
    m = _CLAUSE_WORDS.search(text)
    if m:
        text = text[: m.start()]
    text = _balanced(text)
    words = text.split()[:PRODUCT_WORDS]
    text = clean_text(" ".join(words), limit=PRODUCT_CHARS).strip(" -–—,.;:'\"")
    return text if any(ch.isalnum() for ch in text) else ""


def _balanced(text: str) -> str:
    """``text`` cut before a bracket that is left open (a parenthesis the cut above went into)."""
    depth: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth.append(i)
        elif ch in _CLOSE and depth:
            depth.pop()
    return text[: depth[0]] if depth else text


def reference(value: object) -> str:
    """An order, ticket or reference number as given: one line, no control characters, at most 60 characters."""
    return clean_text(value, limit=60)
