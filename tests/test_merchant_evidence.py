"""Matching needs distinctive evidence; list files are checked before parsing; audit eval --merchants.

Fictional merchants here (EXAMPLE SHIELD PRO) are test data only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_merchants import LOCAL, write

from audit.cli import main
from audit.errors import MerchantListError
from audit.merchants import load_merchant_db
from audit.merchants.evidence import alias_problem, is_generic, suffix_needed
from audit.merchants.lists import MAX_DEPTH, MAX_ENTRIES, read_list
from audit.merchants.quality import evaluate


@pytest.fixture(scope="module")
def db():
    return load_merchant_db()


@pytest.mark.parametrize("descriptor", [
    "CCLEANER", "FS *CCLEANER", "PAYPAL *CCLEANER", "2CO.COM*CCLEANER", "DRI*CCLEANER", "PP*CCLEANER",
    "REIMAGE HAIR SALON", "SQ *REIMAGE SALON", "REIMAGE CAR WASH", "RESTORO WINE BAR", "BOOST FITNESS CLUB",
    "ELITE REALTY PARTNERS", "TST* REIMAGE CAFE", "DATADECK", "STRIPE*DATADECK", "PC CLEANER", "ONLINE ASSIST",
    "HEALTH BOOST CAFE", "SPANNING SOURCE FITNESS", "ELITE PARTNERS LLC", "アプレシオ",
])
def test_homonyms_and_generic_phrases_do_not_match(db, descriptor: str) -> None:
    assert db.match(descriptor) is None


@pytest.mark.parametrize(("descriptor", "entry_id", "method"), [
    ("REIMAGEPLUS.COM", "reimage", "glued"),  # product web address
    ("PP*RESTORO", "restoro", "exact"),
    ("ISOURCE USA", "isourceusa", "glued"),  # the country word is part of the name
    ("レストロ", "restoro", "katakana"),
    ("RESTORO SUPPORT", "restoro", "words"),
    ("RESTORO LICENSE 1YR", "restoro", "words"),  # product and billing words around the name
    ("PAIRSYS INC ALBANY NY", "pairsys", "exact"),  # the corporate suffix ends the name
    ("ONLINE ASSIST LLC", "online-assist", "exact"),  # generic name in its full corporate form
    ("RESTORO                 NICOSIA      CY", "restoro", "exact"),  # padded name field + city
    ("RESTORO NICOSIA CY", "restoro", "exact"),  # the same with the spacing lost (a PDF)
    ("NETCOM3 888-555-0117", "netcom3", "exact"),  # digits glued to a name are not a phone number
    ("PAYPAL *RESTOROCY", "restoro", "glued"),  # a country code glued on by the facilitator
    ("RЕSTORO", "restoro", "exact"),  # a Cyrillic Е
    ("CB RESTORO 04/11 24,99 GBP", "restoro", "exact"),  # a French bank's card line
    ("PAYPAL *ADVANCEDCLEANE", None, None),  # a one-word alias cut to 14 of 15 letters: not enough context
])
def test_listed_forms_match(db, descriptor: str, entry_id: str | None, method: str | None) -> None:
    m = db.match(descriptor)
    if entry_id is None:
        assert m is None or m.entry.id == "innovative-marketing"
        return
    assert m is not None and (m.entry.id, m.method) == (entry_id, method)


def test_generic_words_come_from_word_frequencies() -> None:
    from audit.merchants.reference import name_freq

    freq = name_freq()
    assert is_generic("SUPPORT") and is_generic("PC") and is_generic("SERVICES") and not is_generic("RESTORO")
    assert freq.bits("RESTORO") >= freq.bits("REIMAGE") > freq.bits("HELIOS") > freq.bits("SUPPORT") + 3
    assert alias_problem(("ONLINE", "SUPPORT", "SERVICES"), ("ONLINE", "SUPPORT", "SERVICES"), "Online Support Services",
                         weak=False)
    assert alias_problem(("ONLINE", "ASSIST"), ("ONLINE", "ASSIST"), "Online Assist", weak=True)
    assert alias_problem(("ONLINE", "ASSIST"), ("ONLINE", "ASSIST", "LLC"), "Online Assist LLC", weak=True) is None


def test_one_rule_says_when_a_weak_name_needs_its_suffix(tmp_path: Path) -> None:
    from audit.merchants import build_db, validate
    from audit.merchants.reference import name_sequences

    # two words: always; three words: only when legitimate names hold them in a row; a web domain: never
    assert suffix_needed(("ONLINE", "ASSIST")) and not suffix_needed(("SUPPORTCOM",), domain=True)
    assert not suffix_needed(("EXAMPLE", "HELP", "CENTRE"))
    common = ("AUTO", "SERVICE", "CENTER")
    assert name_sequences().occurs(common) and suffix_needed(common) and suffix_needed(("MY", *common))
    # validate and the matcher apply it alike
    assert alias_problem(common, common, "Auto Service Center", weak=True)
    assert alias_problem(common, (*common, "LLC"), "Auto Service Center LLC", weak=True) is None
    text = LOCAL.replace('aliases = ["Example Shield Pro"]',
                         'weak_aliases = ["Auto Service Center LLC", "Example Help Centre", "Wide Widget Inc"]')
    p = write(tmp_path, text)
    assert validate([p]) == []
    db = build_db([p])
    assert db.match("EXAMPLE HELP CENTRE").entry.id == "example-shield"  # three words, none held together
    assert db.match("AUTO SERVICE CENTER") is None  # legitimate names hold these three words
    assert db.match("AUTO SERVICE CENTER LLC").entry.id == "example-shield"
    assert db.match("WIDE WIDGET") is None  # two words without the suffix
    for form in ("WIDE WIDGET INC", "WIDE WIDGET INCORPORATED", "WIDE WIDGET INCORPO"):  # one legal form, however spelt
        assert db.match(form).entry.id == "example-shield", form
    assert db.match("WIDE WIDGET LLC") is None  # another legal form: another company


def test_a_processor_the_record_names_stands_in_for_the_suffix(tmp_path: Path) -> None:
    from audit.merchants import build_db, shipped_paths, validate

    context = next(p for p in shipped_paths() if p.name == "context.toml")
    text = LOCAL.replace('aliases = ["Example Shield Pro"]',
                         'weak_aliases = ["Wide Widget Inc"]\nbilled_through = ["safecart-revenuewire"]')
    p = write(tmp_path, text)
    assert validate([context, p]) == []
    db = build_db([context, p])
    for form in ("SAFECART*WIDE WIDGET", "SAFECART.COM*WIDEWIDGET"):
        assert db.match(form).entry.id == "example-shield", form
    for form in ("NEXWAY*WIDE WIDGET", "PAYPAL *WIDE WIDGET", "WIDE WIDGET", "SAFECART*WIDE WIDGET CAR WASH"):
        assert db.match(form) is None, form
    wrong = write(tmp_path, text.replace("safecart-revenuewire", "microsoft"), "wrong.toml")
    assert any("no reseller" in str(x) for x in validate([context, wrong]))


def test_another_name_of_the_same_case_stands_in_for_the_suffix(tmp_path: Path) -> None:
    from audit.merchants import build_db
    from audit.merchants.parse import parse

    company = LOCAL.replace('aliases = ["Example Shield Pro"]', 'weak_aliases = ["Wide Widget Inc"]\nrelated = ["zq"]')
    product = LOCAL.split("[[entry]]", 1)[1].replace('id = "example-shield"', 'id = "zq"').replace(
        'aliases = ["Example Shield Pro"]', 'aliases = ["Zorquil Cleaner"]\nrelated = ["example-shield"]')
    db = build_db([write(tmp_path, company + "\n[[entry]]" + product)])
    al = next(al for _p, al in db._alignments(parse("WIDE WIDGET ZORQUIL CLEANER")) if al.alias.text == "Wide Widget Inc")
    assert "same case" in al.weak_reason  # the company's name beside its product's
    assert db.match("WIDE WIDGET ZORQUIL CLEANER") is not None
    assert db.match("WIDE WIDGET CAR WASH") is None and db.match("WIDE WIDGET") is None


def test_words_after_a_leading_web_name_are_what_it_sells(tmp_path: Path) -> None:
    """A weak web-domain alias printed as a web address at the head of the name may be followed by a product
    name; the same words before it, or the domain glued, are another business (fictional domain)."""
    from audit.merchants import build_db

    db = build_db([write(tmp_path, LOCAL.replace('aliases = ["Example Shield Pro"]', 'weak_aliases = ["Widewidget.com"]'))])
    for form in ("WIDEWIDGET.COM", "WIDEWIDGET.COM PC HEALTH CHECK", "WWW.WIDEWIDGET.COM HOME TUNE UP 800-555-0199",
                 "PAYPAL *WIDEWIDGET.COM REMOTE FIX", "widewidget.com pc health check"):
        m = db.match(form)
        assert m is not None and m.entry.id == "example-shield", form
    for form in ("GEEK SQUAD WIDEWIDGET.COM", "ACME WIDEWIDGET.COM HELP", "WIDEWIDGETCOM PC HEALTH", "WIDEWIDGET PC HEALTH",
                 "HELP.WIDEWIDGET.COM ACME", "MYWIDEWIDGET.COM HEALTH CHECK", "WIDEWIDGET.CO PC HEALTH"):
        assert db.match(form) is None, form


def test_eval_merchants_meets_its_targets() -> None:
    res = evaluate()
    assert res.legit >= 2000 and res.variants >= 800
    assert res.flags_per_2000 <= 1.0, res.false_flags
    assert res.recall >= 0.98, res.missed[:10]


def test_eval_merchants_command(capsys) -> None:
    assert main(["eval", "--merchants", "--raw"]) == 0
    out = capsys.readouterr().out
    assert "per 2,000" in out and "recall" in out and "targets met" in out


def test_huge_and_deep_lists_give_one_clear_error(tmp_path: Path) -> None:
    entry = LOCAL.split("[[entry]]", 1)[1]
    many = LOCAL + "".join("\n[[entry]]" + entry.replace("example-shield", f"e{i}") for i in range(MAX_ENTRIES + 1))
    with pytest.raises(MerchantListError, match=r"more than .* entries") as err:
        read_list(write(tmp_path, many, "many.toml"))
    assert "\n" not in str(err.value)
    deep = LOCAL + "\nextra = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(MerchantListError, match=f"nested more than {MAX_DEPTH}"):
        read_list(write(tmp_path, deep, "deep.toml"))
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (5 * 1024 * 1024))
    with pytest.raises(MerchantListError, match="larger than"):
        read_list(big)
    quoted = LOCAL + "# [[[[[[[[[[ in a comment\n"
    assert read_list(write(tmp_path, quoted.replace("fictional test source", "a [[[[[[[[[[ source"), "q.toml"))


def test_scan_list_reports_every_dropped_entry(tmp_path: Path, capsys) -> None:
    bad = LOCAL + LOCAL.split("[[entry]]", 1)[1].join(["\n[[entry]]", ""]).replace(
        'id = "example-shield"', 'id = "example-two"').replace('standing = "alleged-in-complaint"\n', "")
    short = bad.replace('aliases = ["Example Shield Pro"]', 'aliases = ["Example Shield Pro", "X"]', 1)
    p = write(tmp_path, short, "local.toml")
    stmt = tmp_path / "s.csv"
    stmt.write_text("date,description,amount\n2026-01-05,EXAMPLE SHIELD PRO,1200\n", encoding="utf-8")
    main(["scan", str(stmt), "--list", str(p)])
    err = capsys.readouterr().err
    assert "local.toml: entry 'example-two': missing standing" in err
    assert "'X' is shorter than" in err


@pytest.mark.parametrize(("entry_id", "words"), [
    ("vylah-tec", "a court ruled"),
    ("click4support", "ordered"),
    ("restoro", "without admitting the allegations"),
    ("troth-solutions", "allegations, not findings"),
])
def test_reasons_word_each_standing(db, entry_id: str, words: str) -> None:
    from audit.merchants import match_transactions
    from audit.merchants.matching import standing_phrase

    e = db.by_id[entry_id]
    assert words in standing_phrase(e)
    alias = (e.aliases or e.weak_aliases)[0]
    tx = pd.DataFrame({"id": ["r0"], "description": [alias.upper()], "amount": [10.0], "kind": ["charge"],
                       "date": pd.to_datetime(["2026-01-05"])})
    (f,) = match_transactions(tx, db)
    assert f.details["standing"] == e.standing and words in f.reasons[0] and " a scam" not in f.reasons[0].lower()
