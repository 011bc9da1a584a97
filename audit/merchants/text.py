"""Descriptor text folded for matching: Unicode look-alikes, accents, full width and case.

:func:`fold_latin` is NFKC (full width to half width), then every letter of a Latin-like script
(Cyrillic, Greek, Armenian, Cherokee, extended Latin) that Unicode's confusables table (UTS #39, as
shipped by the ``confusable-homoglyphs`` package) lists as a look-alike of one ASCII letter or digit is
replaced by it, accents are dropped from Latin letters, and the text is upper-cased. So ``RЕSTORO``
with a Cyrillic Е and ``RESTΟRO`` with a Greek Ο both read ``RESTORO``. Japanese and other scripts
are kept as NFKC gives them (their look-alikes, such as the katakana ロ and the kanji 口, are not Latin
letters). Spacing is kept: runs of spaces are evidence of the name / city field boundary.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# scripts whose letters are folded to ASCII look-alikes (the first word of a character's Unicode name)
_LATIN_LIKE = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "MODIFIER")
_TOKEN = re.compile(r"[A-Z0-9]+(?:&[A-Z0-9]+)*")


@lru_cache(maxsize=1)
def _confusable_map() -> dict[str, str]:
    """Letter -> the one ASCII letter or digit it looks like, for Latin-like scripts (built once, lazily, and kept
    with the matcher's tables in ``audit/merchants/data/.derived``: :mod:`audit.merchants.derived`)."""
    from importlib.resources import files

    from audit.merchants import derived

    source = files("confusable_homoglyphs") / "confusables.json"
    raw = source.read_bytes()
    key = derived.digest([raw, unicodedata.unidata_version.encode(), *derived.code_of(__name__)])
    folder = Path(str(files("audit.merchants") / "data"))
    return derived.load("confusables", folder, key, lambda: _latin_look_alikes(raw))


def _latin_look_alikes(raw: bytes) -> dict[str, str]:
    data = json.loads(raw.decode("utf-8"))
    out: dict[str, str] = {}
    for ch, looks in data.items():
        if len(ch) != 1 or ch.isascii():
            continue
        try:
            script = unicodedata.name(ch).split(" ", 1)[0]
        except ValueError:
            continue
        if script not in _LATIN_LIKE:
            continue
        ascii_alnum = {g["c"] for g in looks if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()}
        if len({c.upper() for c in ascii_alnum}) == 1:
            proto = sorted(ascii_alnum)[0]
            # UTS #39 writes the vertical stroke as "l"; a capital letter drawn so reads as "I"
            out[ch] = "I" if proto == "l" and ch.isupper() else proto.upper()
    return out


def _fold_char(ch: str, table: dict[str, str]) -> str:
    if ch.isascii():
        return ch
    mapped = table.get(ch)
    if mapped is not None:
        return mapped
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):  # accented Latin letter: drop the accent (É -> E, Ł stays Ł unless listed)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        return base if base.isascii() else table.get(base, base)
    return ch


@lru_cache(maxsize=200_000)
def fold_latin(text: str) -> str:
    """NFKC, Latin look-alikes and accents folded to ASCII, upper case; spacing and other scripts kept."""
    if not isinstance(text, str):
        return ""
    if text.isascii():
        return text.upper()
    table = _confusable_map()  # look-alikes first (NFKC would turn a lunate sigma into a sigma), then again
    t = unicodedata.normalize("NFKC", "".join(table.get(ch, ch) for ch in text))
    if not t.isascii():
        t = unicodedata.normalize("NFKC", "".join(_fold_char(ch, table) for ch in t))
    return t.upper()


def latin_tokens(text: str) -> tuple[str, ...]:
    """ASCII words of ``text`` after :func:`fold_latin` (letters and digits; ``&`` kept inside a word)."""
    return tuple(_TOKEN.findall(fold_latin(text)))
