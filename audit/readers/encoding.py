"""Decide the text encoding of a statement file (Japanese issuers still ship Shift_JIS / CP932)."""

from __future__ import annotations

import codecs
import re

from audit.errors import StatementError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def detect_encoding(data: bytes, hint: str | None = None) -> tuple[str, int]:
    """``(encoding, BOM length)`` for ``data``.

    Order: byte-order mark; strict UTF-8; CP932 (a superset of Shift_JIS) unless it reads as Latin text
    with accents turned into katakana or kanji; the layout's ``hint``;
    Windows-1252 when charset-normalizer sees a Latin-script single-byte text (or nothing), else its guess
    (Cyrillic Windows-1251, Greek, Hebrew, Arabic code pages, GB18030 ...);
    Latin-1 as the last resort (it decodes anything).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    for name in ("utf-8", "cp932", hint):
        if name and _decodes(data, name):
            if name == "cp932" and _latin_in_disguise(data) and _decodes(data, "cp1252"):
                return "cp1252", 0
            return name, 0
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # the detector is only a hint; never let it break reading
        best = None
    guess = best.encoding if best is not None else None
    # Windows-1252 unless the detector names another script (Cyrillic, Greek, ..., a CJK multi-byte one):
    # its Latin guesses (cp1250, DOS and Mac pages, hp_roman8 ...) are less likely than Windows-1252
    latin = guess is None or not (_NON_LATIN.search(guess) or _MULTI_BYTE.search(guess))
    if latin and _decodes(data, "cp1252"):  # card statements in Latin script: Windows-1252 is the usual one
        return "cp1252", 0
    if guess and _decodes(data, guess):
        return guess, 0
    return "latin-1", 0


# Single-byte code pages of other scripts (Cyrillic, Greek, Hebrew, Arabic): the detector's guess is kept.
_NON_LATIN = re.compile(r"1251|1253|1255|1256|8859_5|8859_6|8859_7|8859_8|koi8|kz1048|ptcp154|mac_cyrillic|mac_greek")


_MULTI_BYTE = re.compile(r"gb|big5|euc|shift|sjis|932|949|950|iso2022|utf|hz|johab", re.IGNORECASE)


# One half-width katakana or kanji wedged between Latin letters or digits ("MﾜLLER", "Th鈩tre"), or a
# half-width sign right before a number ("｣1,183" for "£1,183"): what CP932 makes of Windows-1252 accents
# and signs in a Latin-script file. Japanese text does not look like that.
_WEDGED = re.compile(r"[A-Za-z0-9][\uff61-\uff9f\u4e00-\u9fff][A-Za-z0-9]|(?:^|[,;\t\" ])[\uff61-\uff9f][0-9]", re.MULTILINE)
_KANA = re.compile(r"[\u3040-\u30ff]")  # hiragana or full-width katakana: real Japanese text


def _latin_in_disguise(data: bytes) -> bool:
    """CP932 decodes ``data``, but it reads as a Windows-1252 Latin-script text."""
    text = data[:200_000].decode("cp932", errors="replace")
    return bool(_WEDGED.search(text)) and not _KANA.search(text)


def _decodes(data: bytes, name: str) -> bool:
    try:
        codecs.lookup(name)
        data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode(data: bytes, name: str, hint: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``; a BOM is dropped. Raises :class:`StatementError` for undecodable data."""
    encoding, skip = detect_encoding(data, hint)
    try:
        text = data[skip:].decode(encoding.replace("-sig", ""))
    except UnicodeDecodeError as exc:  # only reachable for a wrong BOM
        raise StatementError(name, f"cannot decode the file as {encoding} (byte {exc.start})") from None
    if "\x00" in text[:65536]:
        raise StatementError(name, f"not a text statement (NUL characters after decoding as {encoding})")
    return text, encoding
