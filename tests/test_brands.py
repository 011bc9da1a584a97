"""Brand impersonation: the brand table, its billing forms, and descriptors that imitate a brand's support."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from audit.detection import brands
from audit.detection.descriptor_features import legit_of
from audit.detection.lexicon import fold
from audit.pipeline import analyse
from audit.schema import conform

IMITATIONS = [
    ("ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ", "Microsoft"), ("マイクロソフトセキュリティセンター", "Microsoft"),
    ("ｳｨﾝﾄﾞｳｽﾞﾃﾞｨﾌｪﾝﾀﾞｰﾎｺﾞ", "Microsoft"), ("ＷＩＮＤＯＷＳ　ｾｷｭﾘﾃｨ", "Microsoft"),
    ("MS SUPPORT CENTER JP", "Microsoft"), ("MICR0SOFT TECH SUPP0RT", "Microsoft"),
    ("ＭＩＣＲＯＳＯＦＴ　リペアセンター", "Microsoft"), ("PAYPAL *MICROSOFTSU", "Microsoft"),
    ("ｱｯﾌﾟﾙｻﾎﾟｰﾄﾃﾞｽｸ", "Apple"), ("APPLE PC HELPDESK JP", "Apple"), ("ｸﾞｰｸﾞﾙｱｶｳﾝﾄﾎｺﾞ", "Google"),
    ("ﾏｶﾌｨｰﾎｺﾞｻｰﾋﾞｽ", "McAfee"), ("NORTON PROTECT PLUS JP", "Norton (Gen Digital)"),
    ("ｱﾏｿﾞﾝｾｷｭﾘﾃｨｾﾝﾀｰ", "Amazon"),
]
OWN_FORMS = ["MICROSOFT*MICROSOFT 365 P MSBILL.INFO WA", "ＭＩＣＲＯＳＯＦＴ＊Ｍｉｃｒｏｓｏｆｔ　３６５", "MICROSOFT*XBOX",
             "MSFT *", "APPLE COM BILL", "APPLE.COM/BILL", "GOOGLE *YOUTUBEPREMI", "GOOGLE *Avast Mobile Security",
             "NORTON *AR", "MCAFEE.COM 866-622-3911 CA", "MCAFEE.COM RENEWAL 3YR", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ"]
NOT_BRANDS = ["APPLE VALLEY PC REPAIR", "NORTON SHORES COMPUTER REPAIR", "AMAZON LAWN CARE", "MS. NAILS SALON",
              "ＮＴＴ東日本　リモートサポート", "ヨドバシカメラ", "ABC WINDOWS REPAIR CO"]


def widths(text: str) -> list[str]:
    """The same descriptor in half-width, full-width and NFKC forms."""
    full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in unicodedata.normalize("NFKC", text))
    return [text, unicodedata.normalize("NFKC", text), full]


@pytest.mark.parametrize(("descriptor", "brand"), IMITATIONS)
def test_imitations_are_found_in_every_width(descriptor, brand):
    for form in widths(descriptor):
        imp = brands.impersonation(form)
        assert imp is not None and imp.brand.name == brand, form
        assert brands.billing_form(form) is None


@pytest.mark.parametrize("descriptor", OWN_FORMS)
def test_a_brands_own_billing_forms_are_no_imitation(descriptor):
    assert brands.billing_form(descriptor) is not None
    assert brands.impersonation(descriptor) is None
    assert legit_of(descriptor, fold(descriptor), lambda _d: None)


@pytest.mark.parametrize("descriptor", NOT_BRANDS)
def test_other_businesses_are_not_imitations(descriptor):
    assert brands.impersonation(descriptor) is None


def test_a_brand_name_alone_is_not_legitimate():
    for d in ("ﾏｲｸﾛｿﾌﾄ", "マイクロソフト", "MICROSOFT STORE", "ｱﾏｿﾞﾝ", "APPLE ONLINE STORE"):
        assert brands.named_brand(d) is not None
        assert legit_of(d, fold(d), lambda _d: "Microsoft") is None, d
    assert legit_of("NETFLIX.COM", fold("NETFLIX.COM"), lambda _d: None) == "Netflix"


def test_every_form_in_the_table_has_its_source():
    table = brands.brands()
    assert {b.id for b in table} >= {"microsoft", "apple", "google", "amazon", "mcafee", "norton"}
    for b in table:
        assert b.forms and b.latin and b.kana
        for f in b.forms:
            assert f.source_url.startswith("http") and f.authority


def statement(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return conform(pd.DataFrame([{"id": f"s.csv:r{n}", "source": "s.csv", "row": n, "date": d, "description": desc,
                                  "amount": amt, "currency": "JPY", "kind": "charge"}
                                 for n, (d, desc, amt) in enumerate(rows, start=2)]))


def test_a_monthly_kana_microsoft_support_charge_is_a_suspicious_contract_citing_the_notice():
    rows = [(f"2025-0{m}-10", "ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ", 7980.0) for m in range(1, 6)]
    rows += [(f"2025-0{m}-20", "NETFLIX.COM", 1490.0) for m in range(1, 6)]
    result = analyse(statement(rows))
    bad = [c for c in result.contracts if c.suspicious]
    assert len(bad) == 1 and "brand_impersonation" in bad[0].kinds and len(bad[0].charges) == 5
    text = " ".join(bad[0].reasons)
    assert "Microsoft does not bill this way" in text and "2021-02-19" in text
    assert any("caa.go.jp" in s or "omura" in s for s in bad[0].sources)
    f = next(f for f in result.findings if f.kind == "brand_impersonation")
    assert "消費者庁" in f.details["reason_ja"] and "マイクロソフト" in f.details["reason_ja"]


def test_a_single_imitating_charge_is_flagged_too():
    result = analyse(statement([("2025-03-02", "ＷＩＮＤＯＷＳ　ｾｷｭﾘﾃｨ", 2980.0)]))
    assert [f.kind for f in result.findings] == ["brand_impersonation"]


def test_a_providers_cheap_remote_support_option_is_not_flagged_but_a_pricier_plan_is():
    cheap = [(f"2025-0{m}-12", "ＮＴＴ東日本　リモートサポート", 550.0) for m in range(1, 7)]
    assert not [c for c in analyse(statement(cheap)).contracts if c.suspicious]
    dear = [(f"2025-0{m}-12", "ｵﾝﾗｲﾝﾋﾟｰｼｰｻﾎﾟｰﾄ", 3980.0) for m in range(1, 7)]
    assert [c for c in analyse(statement(dear)).contracts if c.suspicious]


def test_the_japanese_reasons_name_the_brand_and_cite_the_notice():
    from audit.cases.reasons import contract_reasons

    rows = [(f"2025-0{m}-10", "ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ", 7980.0) for m in range(1, 4)]
    c = next(c for c in analyse(statement(rows)).contracts if c.suspicious)
    ja = " ".join(contract_reasons(c, "ja"))
    assert "マイクロソフト" in ja and "消費者庁" in ja and "2021年2月19日" in ja and "本物の請求" in ja
    assert "2021-02-19" in " ".join(contract_reasons(c, "en"))


@pytest.mark.parametrize("desc", [d for d, _b in IMITATIONS])
def test_the_reason_quotes_the_name_printed_and_cites_a_notice_only_for_its_brand(desc):
    """Walk 21: WINDOWS DEFENDER HELPDESK was said to contain マイクロソフト, and an Apple-support contract cited
    the agency's Microsoft-logo notice ("unrelated to the real Microsoft Japan")."""
    imp = brands.impersonation(desc)
    assert imp is not None
    from audit.detection.impersonation import reason_en, reason_ja

    ja, en = reason_ja(imp), " ".join(reason_en(desc, imp))
    printed = unicodedata.normalize("NFKC", desc).upper().replace("0", "O")
    assert imp.named and unicodedata.normalize("NFKC", imp.named).upper().replace("0", "O") in printed
    assert f"「{imp.named}」" in ja
    microsoft = imp.brand.id == "microsoft"
    assert ("消費者庁" in ja) == microsoft and ("Consumer Affairs Agency" in en) == microsoft
    if not microsoft:
        assert "マイクロソフト" not in ja and "Microsoft" not in en
    shown = fold(imp.named)
    if microsoft and not (shown.startswith(("MICR", "MS")) or "マイクロソフト" in shown):  # Windows: a product name
        assert "製品名" in ja and "product name" in en
    else:
        assert "製品名" not in ja and "product name" not in en
