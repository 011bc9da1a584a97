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
    when charset-normalizer sees a Latin-script single-byte text (or nothing), the Latin code page whose
    reading looks most like words of one language (:func:`best_latin`: Windows-1252, Windows-1250,
    ISO-8859-2), else its guess (Cyrillic Windows-1251, Greek, Hebrew, Arabic code pages, GB18030 ...);
    Latin-1 as the last resort (it decodes anything).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    for name in ("utf-8", "cp932", hint):
        if name and _decodes(data, name):
            if name == "cp932" and _latin_in_disguise(data):
                latin = best_latin(data)
                if latin is not None:
                    return latin, 0
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
    if latin:  # Latin script: the Western or the Central European code page, whichever reads as words
        chosen = best_latin(data)
        if chosen is not None:
            return chosen, 0
    if guess and _decodes(data, guess):
        return guess, 0
    return "latin-1", 0


# Single-byte code pages of other scripts (Cyrillic, Greek, Hebrew, Arabic): the detector's guess is kept.
_NON_LATIN = re.compile(r"1251|1253|1255|1256|8859_5|8859_6|8859_7|8859_8|koi8|kz1048|ptcp154|mac_cyrillic|mac_greek")


_MULTI_BYTE = re.compile(r"gb|big5|euc|shift|sjis|932|949|950|iso2022|utf|hz|johab", re.IGNORECASE)


# One half-width katakana or kanji wedged between Latin letters or digits ("MﾜLLER", "Th鈩tre"), a
# half-width sign right before a number ("｣1,183" for "£1,183"), one opening a field before small Latin
# letters ("ﾖvf" for "Övf"), or a user-defined character beside a Latin
# letter ("Mu\ue0ebz" for "Muñoz"): what CP932 makes of Windows-1252/1250 accents and signs in a Latin-script file. Japanese text does not look like that.
_WEDGED = re.compile(r"[A-Za-z0-9][\uff61-\uff9f\u4e00-\u9fff][A-Za-z0-9]|(?:^|[,;\t\" ])[\uff61-\uff9f][0-9]"
                     r"|(?:^|[,;\t\" ])[\uff61-\uff9f][a-z]{2}"  # a capital accent opening a word ("ﾖvf" for "Övf")
                     r"|[A-Za-z][\ue000-\uf8ff]|[\ue000-\uf8ff][A-Za-z]", re.MULTILINE)
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


# Latin-script single-byte code pages, the usual one first (it wins a tie): Western European, then
# Central European (Polish, Czech, Slovak, Hungarian, Slovene, Croatian, Romanian) as Windows and ISO write it.
LATIN_PAGES = ("cp1252", "cp1250", "iso8859_2")
# The accented letters each language writes (lower case). A real text's accented letters come from one
# language (a few loanwords aside); a wrong code page turns them into letters of several, or into signs.
_LANGUAGE_LETTERS = {
    "de": "äöüß", "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíóúñü", "it": "àèéìíîòóùú", "pt": "áâãàçéêíóôõú",
    "nl": "éëïöóáèêüç", "da_no": "æøåéó", "sv": "åäöé", "fi": "äöåšž", "is": "áðéíóúýþæö", "ca": "àçèéíïòóúü",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ", "hr_sl": "čćđšžé",
}


def implausibility(text: str) -> int:
    """How little ``text`` reads as words of one language: signs wedged after a letter (``P³atno``,
    ``kart¹``), C1 control characters, and accented letters outside the one language that holds most
    of them (``Crčme brűlée``). Only the non-ASCII characters are looked at."""
    bad = 0
    letters: dict[str, int] = {}
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        if "\x80" <= ch <= "\x9f":
            bad += 1
        elif ch.isalpha():
            low = ch.lower()
            letters[low] = letters.get(low, 0) + 1
        elif not ch.isspace() and i and text[i - 1].isalpha():
            bad += 1
    if letters:
        fits = max(sum(n for c, n in letters.items() if c in inv) for inv in _LANGUAGE_LETTERS.values())
        bad += sum(letters.values()) - fits
    return bad


def best_latin(data: bytes) -> str | None:
    """Of :data:`LATIN_PAGES`, the code page whose reading of ``data`` is least implausible (the earlier
    on a tie: a text whose accents read alike in all of them is Windows-1252); None when none decodes it."""
    sample = data[:200_000]
    scored = []
    for rank, page in enumerate(LATIN_PAGES):
        if _decodes(data, page):
            scored.append((implausibility(sample.decode(page, errors="replace")), rank, page))
    return min(scored)[2] if scored else None
