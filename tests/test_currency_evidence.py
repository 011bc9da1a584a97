"""Issue 24, point 3: a statement's billing currency only from what the file states (a currency column, a
header remark, a preamble line, unambiguous signs or codes beside the amounts, the issuer - including a
domestic Japanese issuer known by its own Japanese banking headings); a bare "$" and the language of the
descriptions are no statement - the currency stays ``unknown`` with a hint for the user.

Every file here is written in the test; merchants are fictional.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from audit import pipeline
from audit.cards import currency_hints, unstated_files
from audit.readers import read_statement
from audit.readers.currency import HINT_DOLLAR, JAPANESE_ISSUER
from audit.ui_messages import note_text

DOLLARS = ("Date,Description,Amount\n"
           "03/02/2026,GROCER ON MAIN,-$76.00\n"
           "03/09/2026,CITY UTILITIES,-$120.50\n"
           "03/15/2026,PAYCHECK,$1500.00\n")
# Japanese headings, plain numbers, no currency anywhere (a generic layout: no named issuer's spec fits it)
JAPANESE = ("取引日,お店の名前,ご利用額,備考\n"
            "2026/03/02,ＦＩＣＴＩＯＮＡＬ　スーパー,1280,\n"
            "2026/03/09,ＦＩＣＴＩＯＮＡＬ　でんき,8400,\n"
            "2026/03/15,ＦＩＣＴＩＯＮＡＬ　カフェ,650,\n")


def read(text: str, name: str = "s.csv"):
    return read_statement(data=text.encode("utf-8"), name=name)


def test_a_bare_dollar_sign_does_not_say_which_dollar() -> None:
    df, rep = read(DOLLARS)
    assert set(df["currency"]) == {"unknown"}
    assert df["amount"].tolist() == [-76.0, -120.5, 1500.0] or df["amount"].abs().tolist() == [76.0, 120.5, 1500.0]
    assert rep.currency_hint == HINT_DOLLAR
    assert rep.reading["currency"]["code"] == "unknown" and rep.reading["currency"]["hint"] == HINT_DOLLAR


@pytest.mark.parametrize(("sign", "code"), [("US$", "USD"), ("C$", "CAD"), ("CA$", "CAD"), ("A$", "AUD"),
                                             ("NZ$", "NZD"), ("HK$", "HKD")])
def test_a_dollar_sign_that_names_its_country_is_that_currency(sign: str, code: str) -> None:
    df, rep = read(DOLLARS.replace("$", sign))
    assert set(df["currency"]) == {code}
    assert rep.currency_hint == ""


def test_an_iso_code_beside_dollar_signs_names_the_currency() -> None:
    df, _ = read(DOLLARS.replace("Amount", "Amount (USD)"))
    assert set(df["currency"]) == {"USD"}


def test_a_japanese_issuers_own_headings_bill_in_yen() -> None:
    """Japanese banking headings are the issuer's, not the merchants': a domestic Japanese export, in yen (the
    rule of the independent Japanese labels, tests/data/real/blind_jp)."""
    df, rep = read(JAPANESE)
    assert set(df["currency"]) == {"JPY"} and rep.currency_hint == ""
    assert rep.reading["currency"]["why"] == JAPANESE_ISSUER


def test_a_japanese_shop_name_on_a_plain_file_suggests_nothing() -> None:
    """The descriptions' language is never evidence, not even for the hint."""
    df, rep = read("Date,Description,Amount\n2026-03-02,ファミリーマート 新宿店,5.20\n2026-03-03,すき家 渋谷,7.80\n")
    assert set(df["currency"]) == {"unknown"} and rep.currency_hint == ""


def test_yen_sign_in_the_cells_is_yen() -> None:
    df, rep = read(JAPANESE.replace(",1280,", ",1280円,").replace(",8400,", ",8400円,").replace(",650,", ",650円,"))
    assert set(df["currency"]) == {"JPY"} and rep.currency_hint == ""
    assert df["amount"].tolist() == [1280.0, 8400.0, 650.0]


@pytest.mark.parametrize("remark", ["(円)", "(￥)", "（¥）"])
def test_yen_in_a_heading_is_yen(remark: str) -> None:
    df, rep = read(JAPANESE.replace("ご利用額", "ご利用額" + remark))
    assert set(df["currency"]) == {"JPY"} and rep.currency_hint == ""


def test_a_yen_sign_in_a_chinese_heading_is_yuan() -> None:
    df, _ = read("交易日期,交易摘要,交易金额(¥)\n2026-03-02,某某超市,128.50\n2026-03-05,某某餐厅,66.00\n")
    assert set(df["currency"]) == {"CNY"}


def test_a_named_japanese_issuers_layout_bills_in_yen() -> None:
    """A file a named issuer's layout reads (here Rakuten Card's export) is in that issuer's currency."""
    text = ('"利用日","利用店名・商品名","利用者","支払方法","利用金額","支払手数料","支払総額","4月支払金額","5月繰越残高","新規サイン"\n'
            '"2026/03/02","ＦＩＣＴＩＯＮＡＬ　スーパー","本人","1回払い","1280","0","1280","1280","0","*"\n'
            '"2026/03/09","ＦＩＣＴＩＯＮＡＬ　でんき","本人","1回払い","8400","0","8400","8400","0","*"\n')
    df, rep = read(text)
    assert rep.layout != "generic" and set(df["currency"]) == {"JPY"} and rep.currency_hint == ""


def test_a_card_company_named_in_the_file_states_its_currency() -> None:
    """The issuer named above the table (a card company whose exports bill in yen) is evidence; the same file
    without the line is not."""
    named = "カード名称,ビューカード\n\n" + JAPANESE
    df, rep = read(named)
    assert set(df["currency"]) == {"JPY"} and rep.currency_hint == ""
    assert "card company" in rep.reading["currency"]["why"]
    assert note_text(f"billing currency JPY: {rep.reading['currency']['why']}", "ja").startswith("請求通貨 JPY：明細に")
    df, rep = read("カード名称,フィクショナルカード\n\n" + JAPANESE)  # an issuer no layout knows: its headings
    assert set(df["currency"]) == {"JPY"} and rep.reading["currency"]["why"] == JAPANESE_ISSUER


@pytest.mark.parametrize(("text", "code"), [(DOLLARS, "CAD"), (JAPANESE, "JPY"), (JAPANESE, "USD")])
def test_a_currency_column_added_is_the_currency_whatever_else_the_file_suggests(text: str, code: str) -> None:
    """Invariance: the same file with a currency column says that currency, and its rows are otherwise read
    the same."""
    lines = text.strip().split("\n")
    head = "通貨" if "取引日" in lines[0] else "Currency"
    with_col = "\n".join([lines[0] + "," + head] + [ln + "," + code for ln in lines[1:]]) + "\n"
    plain, _ = read(text)
    df, rep = read(with_col)
    assert set(df["currency"]) == {code} and rep.currency_hint == ""
    pd.testing.assert_series_equal(df["amount"], plain["amount"])
    assert df["description"].tolist() == plain["description"].tolist()


def test_the_hint_reaches_the_question_the_cli_and_json(tmp_path, capsys) -> None:
    from audit.cli import main

    result = pipeline.scan_uploads([("jp.csv", JAPANESE.encode()), ("us.csv", DOLLARS.encode())])
    assert unstated_files(result.transactions) == ["us.csv"]
    assert currency_hints(result.reports) == {"us.csv": HINT_DOLLAR}
    assert "ドル" in note_text(HINT_DOLLAR, "ja")
    (tmp_path / "us.csv").write_text(DOLLARS, encoding="utf-8")
    assert main(["scan", str(tmp_path / "us.csv")]) == 0
    out = capsys.readouterr().out
    assert f"currency hint: {HINT_DOLLAR} (give it: --file-currency us.csv=CODE)" in out
    assert main(["scan", str(tmp_path / "us.csv"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["currency_hint"] == HINT_DOLLAR
    assert doc["files"][0]["reading"]["currency"] == {"code": "unknown", "why": "not stated in the file: shown as 'unknown'",
                                                      "hint": HINT_DOLLAR}
    assert {t["currency"] for t in doc["transactions"]} == {"unknown"}  # the hint never enters the data
    # once the user gives the currency, the question (and its hint) is answered
    assert main(["scan", str(tmp_path / "us.csv"), "--json", "--file-currency", "us.csv=CAD"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["currency_hint"] == "" and {t["currency"] for t in doc["transactions"]} == {"CAD"}


def _support_file(amount_cell: str, header_amount: str = "ご利用額") -> bytes:
    """A Japanese-headed statement with a one-off remote-support charge among everyday shopping."""
    rows = [f"取引日,お店の名前,{header_amount}"]
    for m in range(1, 7):
        rows += [f"2026/{m:02d}/03,ＦＩＣＴＩＯＮＡＬ　スーパー,{amount_cell.format(1200 + m)}",
                 f"2026/{m:02d}/20,ＦＩＣＴＩＯＮＡＬ　でんき,{amount_cell.format(7000 + m)}"]
        rows.append(f"2026/{m:02d}/15,ＦＩＣＴＩＯＮＡＬ光 リモートサポート,{amount_cell.format(550)}")  # a provider's option
    rows += [f"2026/04/11,FICTIONAL PC REMOTE SUPPORT 5YEAR PLAN,{amount_cell.format(39800)}",
             f"2026/05/07,ファミリーマート 新宿店,{amount_cell.format(1500)}",  # everyday shopping, not a burst
             f"2026/05/08,ファミリーマート 新宿店,{amount_cell.format(2000)}"]
    return ("\n".join(rows) + "\n").encode()


def test_a_yen_remark_in_the_heading_changes_nothing_on_a_japanese_issuers_file() -> None:
    """Invariance: the same Japanese-headed statement with (円) in its heading and without reads as yen both
    times and gives the same findings, judged by yen thresholds."""
    stated = pipeline.scan_uploads([("a.csv", _support_file("{}", "ご利用額(円)"))])
    plain = pipeline.scan_uploads([("a.csv", _support_file("{}"))])
    assert set(stated.transactions["currency"]) == {"JPY"} == set(plain.transactions["currency"])

    def found(result):
        return sorted((f.kind, f.merchant) for f in result.findings)

    assert found(stated) and found(plain) == found(stated)
    # judged by dollar thresholds, the provider's 550-a-month option and two convenience-store purchases
    # would look like fake support and a gift-card burst
    assert not [f for f in plain.findings if "リモートサポート" in f.merchant or f.kind == "prepaid_burst"]


@pytest.mark.parametrize(("printed", "code", "hint"), [
    (["01/05 GROCER ON MAIN $76.00", "01/09 CITY UTILITIES $120.50"], None, HINT_DOLLAR),
    (["01/05 GROCER ON MAIN US$76.00", "01/09 CITY UTILITIES US$120.50"], "USD", ""),
    (["01/05 GROCER ON MAIN CA$76.00", "01/09 CITY UTILITIES CA$120.50"], "CAD", ""),
    (["01/05 GROCER ON MAIN A$76.00"], "AUD", ""),
    (["01/05 GROCER ON MAIN 76.00", "01/09 CITY UTILITIES 120.50"], None, ""),
])
def test_a_pdf_statement_names_its_dollar_or_states_none(printed: list[str], code: str | None, hint: str) -> None:
    from audit.readers import pdf_layouts
    from audit.readers.pdf.lines import State
    from audit.readers.pdf.records import currency_of
    from audit.readers.pdf.text import Line

    lines = [Line(page=1, no=i, runs=[], text=t) for i, t in enumerate(printed, start=1)]
    got, why = currency_of(lines, State("s.pdf"), pdf_layouts.GENERIC)
    assert got == code
    assert why == hint if code is None else why.startswith("printed beside the amounts")


VPASS_MARKED = ("ご利用明細（テスト）\n"  # a line above the issuer's own first line: the layout no longer reads it
                "山田　太郎様,4980-12**-****-3456,ＶＩＳＡカード\n"
                "2026/5/1,ＦＩＣＴＩＯＮＡＬ　スーパー,3280,１,１,3280,\n"
                "2026/5/3,セブン－イレブン,540,１,１,540,\n"
                "2026/5/9,ＦＩＣＴＩＯＮＡＬ　でんき,7400,１,１,7400,\n")


def test_an_issuers_export_with_a_line_added_is_still_that_issuers() -> None:
    """The marks of a named issuer's export (its first-line pattern, its header names) are evidence when a
    change to the file keeps the layout from reading its columns; with the named layouts switched off
    (``eval --generic-only``) they are not used."""
    from audit.readers import options

    df, rep = read(VPASS_MARKED)
    assert rep.layout == "generic" and set(df["currency"]) == {"JPY"} and rep.currency_hint == ""
    assert "marks of" in rep.reading["currency"]["why"]
    assert "書き出しの形" in note_text(f"billing currency JPY: {rep.reading['currency']['why']}", "ja")
    with options.in_force(options.ReadingOptions(named_layouts=False)):
        df, rep = read(VPASS_MARKED)
    assert set(df["currency"]) == {"JPY"} and rep.reading["currency"]["why"] == JAPANESE_ISSUER  # its headings
