"""The bulk regex search and the bulk descriptor features give exactly the per-name answers."""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from pathlib import Path

import pytest

from audit.detection import brands, lexicon
from audit.detection import descriptor_features as D
from audit.detection.bulk_search import first_match_many, re2_superset, search_many, texts_array
from audit.detection.gift_retailers import _ANY as GIFT_SHOPS

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = {
    **{k: getattr(lexicon, k) for k in ("SOFTWARE_WORDS", "SECURITY_SIGN", "COMPUTER_SIGN", "SUPPORT_SIGN",
                                        "SCAREWARE_SIGN", "HOME_SECURITY", "PLAN_WORDS", "PREPAID_WORDS",
                                        "KONBINI_WORDS", "TICKET_WORDS", "RETAILER_WORDS", "PHONE", "NAVI_DIAL",
                                        "IMPERSONATION_WORDS", "EVERYDAY_WORDS", "_HELP_HOST")},
    **{f"reseller {k}": v for k, v in lexicon.RESELLERS.items()},
    **{f"brand {k}": v for k, v in lexicon.LEGIT_BRANDS.items()},
    "gift shops": GIFT_SHOPS,
}


def _words() -> list[str]:
    """Literal-ish pieces of every word list, as fodder for generated names."""
    out = set()
    for rx in PATTERNS.values():
        for piece in re.split(r"\|", rx.pattern):
            w = re.sub(r"\\[bdsw]|\(\?<?[!=:][^)]*\)|[\\()?:\[\]^$*+{}]", "", piece).strip()
            if w:
                out.add(w)
    for b in brands.brands():
        out.update(b.latin + b.short + b.kana)
        out.update(f.text for f in b.forms)
    return sorted(out)


def _widths(text: str) -> str:
    """The text in full-width Latin (and, for kana, half-width), as card systems print names."""
    full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    return unicodedata.normalize("NFKC", full) if random.random() < 0.3 else full


def _generated(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    random.seed(seed)
    words = _words()
    joins = [" ", "", "*", "-", ".", "・", "/", " * ", "\n", "\t", "\x00", "\u3000"]
    extras = ["0570", "0570-01-234", "0120-123-456", "+1 888 555 0199", "(212) 555-0199", "03-1234-5678",
              "1-800-555-0100", "É", "ÉPC", "٣", "５年", "10YR", "LTD", "JP", "海外", "ｻﾎﾟｰﾄ", "ﾏｲｸﾛｿﾌﾄ", "MICR0SOFT",
              "HELP.UBER.COM", "FRONT DESK", "x", "", "ÜBER", "CAFÉ", "ＰＣ", "ｾｷｭﾘﾃｨ", "\ud800"]
    out = ["", " ", "A", "PC", "\n", "0570", "É", "海外"]
    for _ in range(n):
        parts = [rnd.choice(words if rnd.random() < 0.75 else extras) for _ in range(rnd.randint(1, 4))]
        text = rnd.choice(joins).join(parts)
        if rnd.random() < 0.2:
            text = _widths(text)
        if rnd.random() < 0.2:
            text = text.lower()
        out.append(text)
    return out


def _statement_names(limit: int = 6000) -> list[str]:
    """Text cells of the CSV statements shipped as test data (every seventh file, so the test stays quick)."""
    texts: set[str] = set()
    files = sorted((ROOT / "tests" / "data").rglob("*.csv"))[::7]
    for p in files:
        raw = p.read_bytes()
        for enc in ("utf-8-sig", "cp932"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                text = ""
        for row in csv.reader(text.splitlines()):
            texts.update(c for c in row if re.search(r"[^\W\d_]", c) and len(c) < 120)
    return sorted(texts)[:limit]


@pytest.fixture(scope="module")
def names() -> list[str]:
    return _generated(4000) + _statement_names()


def test_every_word_list_has_an_re2_filter():
    for name, rx in PATTERNS.items():
        assert re2_superset(rx.pattern, rx.flags & ~re.UNICODE) is not None, name


def test_unsupported_constructs_fall_back():
    assert re2_superset(r"(A)\1", 0) is None  # a back-reference
    assert re2_superset(r"\w+", 0) is None
    assert re2_superset("(?i)abc", 0) is None
    rx = re.compile(r"(\w)\1")
    texts = ["AA", "AB", ""]
    assert search_many(rx, texts).tolist() == [True, False, False]


def test_bulk_search_equals_search_per_text(names):
    folded = [lexicon.fold(n) for n in names]
    for texts in (names, folded):
        arrow = texts_array(texts)
        for name, rx in PATTERNS.items():
            got = search_many(rx, texts, arrow)
            want = [rx.search(t) is not None for t in texts]
            assert got.tolist() == want, name
        want_phone = [(m.group(0) if (m := lexicon.PHONE.search(t)) else None) for t in texts]
        assert first_match_many(lexicon.PHONE, texts, arrow) == want_phone


def test_bulk_features_equal_per_name_features(names):
    allow = D.allowlist()
    assert D.features_many(names, allow) == [D.features_of(n, allow) for n in names]


def test_bulk_features_with_an_allowlist_and_edge_cases():
    def allow(text: str) -> str | None:
        return "Glyphforge" if "GLYPH" in text.upper() else None

    names = ["GLYPHFORGE SECURITY", "MICROSOFT*XBOX", "GLYPH MICROSOFT SUPPORT", "ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ", "", "\ud800PC"]
    assert D.features_many(names, allow) == [D.features_of(n, allow) for n in names]
    assert D.features_many([], allow) == []
