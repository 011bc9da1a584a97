"""How much a word of a merchant name proves: generic vocabulary, alias classes and katakana readings.

A scam operator's name is often made of words any honest business uses ("PC", "TECH", "SUPPORT",
"SOLUTIONS", "CLEANER"...). Such words weigh little: an alias made only of them is *generic* and
matches only in its full form (see ``weak_aliases`` in merchant_lists/README.md); an alias of one word
matches only as that word with nothing but software/support words or corporate suffixes around it
(``RESTORO SUPPORT``, never ``REIMAGE HAIR SALON``); only aliases of several words with at least one
distinctive word are matched fuzzily, glued or cut off.

Katakana: a Japanese issuer may print a foreign name in katakana (``レストロ``). :func:`kana_skeleton`
turns katakana into a consonant skeleton that :func:`latin_skeleton` also gives for the Latin name
(``RESTORO`` -> ``RSTR``), so both can be compared without a dictionary.
"""

from __future__ import annotations

import re
import unicodedata

# Words that say what a business does, not who it is. Kept upper case, compared after NFKC.
GENERIC = frozenset("""
PC PCS MAC IT TECH TECHS TECHNICAL TECHNOLOGY TECHNOLOGIES TECHNO SUPPORT SUPPORTS SOLUTION SOLUTIONS
SECURE SECURITY SECURED CLEANER CLEANERS CLEAN CLEANING SERVICE SERVICES ONLINE COMPUTER COMPUTERS SOFTWARE
SOFTWARES HELP HELPER HELPDESK DESK REPAIR REPAIRS FIX FIXER CARE ASSIST ASSISTANCE NETWORK NETWORKS SYSTEM
SYSTEMS GLOBAL DIGITAL MEDIA WEB NET INTERNET CYBER DATA INFO INFOTECH INFOSYS PRO PLUS PREMIUM EXPERT EXPERTS
SPECIALIST SPECIALISTS ADVANCED SMART SUPER ELITE EXPRESS UNIVERSAL NATIONAL INTERNATIONAL WORLD WORLDWIDE
GROUP PARTNERS PARTNER CONSULTING CONSULTANTS MARKETING INNOVATIVE NEW NEXT GEN FIRST BEST TOP TOTAL
PROTECTION PROTECT PROTECTOR ANTIVIRUS VIRUS SPYWARE MALWARE DEFENDER GUARD SHIELD SAFE SPEED FAST BOOST
BOOSTER HEALTH CALL CALLS CENTER CENTRE LIVE CONNECT ACCESS SOURCE HOME OFFICE STORE SHOP WORKS LAB LABS
HUB ZONE BACKUP BACK UP DRIVE REGISTRY ERROR ERRORS DOCTOR OPTIMIZER UTILITIES UTILITY VIRTUAL CLOUD
SUBSCRIPTION RENEWAL LICENSE LICENCE ANNUAL MONTHLY PLAN ORDER PAYMENT BILLING INBOUND OUTBOUND
USA US UK AMERICA AMERICAN INDIA EU ASIA NORTH SOUTH EAST WEST
""".split())

# Words allowed around a one-word alias (RESTORO SUPPORT, REIMAGE PC REPAIR, PCCARE247 SUBSCRIPTION).
_AROUND_ONE_WORD = frozenset("""
PC TECH TECHNICAL SUPPORT SOFTWARE SECURITY ANTIVIRUS CLEANER REPAIR PRO PLUS PREMIUM ONLINE SERVICE SERVICES
SUBSCRIPTION RENEWAL LICENSE LICENCE ANNUAL MONTHLY PLAN ORDER PAYMENT BILLING PROTECTION SYSTEM SYSTEMS
HELP HELPDESK CARE UTILITIES OPTIMIZER SCAN SCANNER FIX TOOLS TOOL DOWNLOAD APP KEY
""".split())
CORPORATE = frozenset({"LLC", "INC", "LTD", "LIMITED", "PVT", "PRIVATE", "CORP", "CORPORATION", "CO", "GMBH",
                       "LLP", "PLC", "SARL", "BV", "AG", "DBA", "THE", "COMPANY"})
GENERIC_WEIGHT = 0.15
_WEB = frozenset({"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"})
_SPLIT = re.compile(r"[^\w&]+|_")


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
    """A word that does not tell one business from another (short, digits only, or trade vocabulary)."""
    return len(word) <= 2 or word.isdigit() or word in GENERIC or word in CORPORATE


def token_weight(word: str) -> float:
    """Evidence a matching word gives: 1 for a distinctive word, little for a generic one."""
    return GENERIC_WEIGHT if is_generic(word) else 1.0


def distinctive(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name that are not generic."""
    return tuple(w for w in words if not is_generic(w))


def around_one_word_ok(extra: list[str]) -> bool:
    """True when the words around a one-word alias are software/support words or corporate suffixes."""
    return all(w in _AROUND_ONE_WORD or w in CORPORATE or w.isdigit() or _cut_corporate(w) for w in extra)


def _cut_corporate(word: str) -> bool:
    """The start of a corporate suffix cut off by the name field (L, LL, LIMI...)."""
    return any(c.startswith(word) for c in CORPORATE)


# ---------------------------------------------------------------------------------------------- katakana

_KANA_ROWS = {
    "": "アイウエオ", "K": "カキクケコ", "G": "ガギグゲゴ", "S": "サシスセソ", "Z": "ザジズゼゾ",
    "T": "タチツテト", "D": "ダヂヅデド", "N": "ナニヌネノ", "H": "ハヒフヘホ", "B": "バビブベボ",
    "P": "パピプペポ", "M": "マミムメモ", "Y": "ヤ_ユ_ヨ", "R": "ラリルレロ", "W": "ワヰ_ヱヲ",
}
_KANA: dict[str, str] = {}
for _c, _row in _KANA_ROWS.items():
    for _v, _k in zip("AIUEO", _row, strict=True):
        if _k != "_":
            _KANA[_k] = _c + _v
_KANA.update({"ン": "N", "ヴ": "BU", "シ": "SI", "チ": "TI", "ツ": "TU", "フ": "FU", "ジ": "JI", "ヂ": "JI"})
_SMALL = {"ァ": "A", "ィ": "I", "ゥ": "U", "ェ": "E", "ォ": "O", "ャ": "YA", "ュ": "YU", "ョ": "YO"}
_KATAKANA = re.compile(r"[ァ-ヺー・]+")
_LATIN_MAP = str.maketrans({"L": "R", "V": "B", "C": "K", "Q": "K", "J": "G", "F": "H", "Z": "S", "D": "T"})


def has_katakana(text: str) -> bool:
    return bool(_KATAKANA.search(text))


def kana_romaji(text: str) -> str:
    """Rough Hepburn-like reading of the katakana in ``text`` (other characters dropped)."""
    out: list[str] = []
    double = False
    for ch in unicodedata.normalize("NFKC", text):
        if ch == "ッ":
            double = True
            continue
        if ch in _SMALL:
            if out and out[-1] and out[-1][-1] in "AIUEO" and _SMALL[ch][-1] in "AIUEO":
                out[-1] = out[-1][:-1] + _SMALL[ch][-1] if len(_SMALL[ch]) == 1 else out[-1][:-1] + _SMALL[ch]
            else:
                out.append(_SMALL[ch])
            continue
        syl = _KANA.get(ch)
        if syl is None:
            if ch in "ー・":
                continue
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if double and syl[0] not in "AIUEO":
            syl = syl[0] + syl
        double = False
        out.append(syl)
    return "".join(out).strip()


def latin_skeleton(text: str) -> str:
    """Consonants of a Latin name, with the sounds katakana merges folded together (L=R, V=B, C=K...)."""
    t = re.sub(r"(?<=[A-Z])(?:ER|OR|AR|UR)\b", "A", text.upper())  # a final -ER is read as a long vowel
    t = re.sub(r"[^A-Z]", "", t).replace("PH", "F").replace("TH", "S").replace("CK", "K").replace("X", "KS")
    t = re.sub(r"C(?=[EIY])", "S", t).replace("TS", "T")
    t = t.translate(_LATIN_MAP)
    t = re.sub(r"[AEIOUYW]", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def kana_skeleton(text: str) -> str:
    """The same skeleton for the katakana reading of ``text`` ('' when it has no katakana)."""
    romaji = kana_romaji(text).replace(" ", "")
    romaji = romaji.replace("TU", "T").replace("SI", "S").replace("TI", "T")
    return latin_skeleton(romaji)


def kana_skeletons(text: str) -> tuple[str, ...]:
    """Skeletons of the whole katakana text and of its first word (レストロ サポート -> RSTR)."""
    words = [w for w in re.split(r"[\s・]+", text) if has_katakana(w)]
    out = [kana_skeleton(text)] + ([kana_skeleton(words[0])] if len(words) > 1 else [])
    return tuple(dict.fromkeys(s for s in out if s))


def kana_initial(text: str) -> str:
    """First letter of the katakana reading, folded like the skeleton ('' for a vowel)."""
    r = kana_romaji(text)
    return latin_skeleton(r[:1]) if r else ""


MIN_ALIAS_LETTERS = 4


def alias_problem(words: tuple[str, ...], full_words: tuple[str, ...], text: str, weak: bool) -> str | None:
    """Why an alias cannot be used (None when it can). ``words``: its words without corporate suffixes and
    web words; ``full_words``: with corporate suffixes."""
    compact = "".join(words)
    if len(compact) < MIN_ALIAS_LETTERS:
        return f"alias {text!r} is shorter than {MIN_ALIAS_LETTERS} letters: it would match unrelated merchants"
    if weak:
        has_corp = len(full_words) > len(words)
        if not (has_corp or "." in text or len(words) >= 3):
            return (f"weak alias {text!r} is too generic even for an exact match: give the full corporate form "
                    f"(e.g. '{text} LLC') or the web name")
        return None
    if not distinctive(words):
        return (f"alias {text!r} is made of generic words only: move its full corporate form to weak_aliases "
                "(exact match only)")
    return None
