"""The page after the second newcomer walk (issue 20 follow-up): money whose currency no statement states stays
per card, a statement's currency can be given on the page, and the page says what it knows in its language.

Real pipeline, no browser (streamlit.testing's AppTest); statements written here, in the walker's formats.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SUPPORT = "PCSAFE HELPDESK 888-555-0142"


def _plain(months: range, support: float, shop: str, tag: str) -> bytes:
    """A North-American export with no currency anywhere (MM/DD/YYYY dates, bare amounts)."""
    lines = ["Date,Description,Amount"]
    for m in months:
        lines += [f"{m:02d}/02/2026,{shop} {tag},{80.0 + m:.2f}", f"{m:02d}/12/2026,{SUPPORT} {tag},{support:.2f}",
                  f"{m:02d}/24/2026,CITY UTILITIES {tag},{60.0 + m / 10:.2f}"]
    return ("\n".join(lines) + "\n").encode()


US = ("us_card.csv", _plain(range(9, 12), 49.99, "GROCER", "OR"))
CA = ("ca_card.csv", _plain(range(9, 12), 64.99, "MARKET", "ON"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "casedata"))
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _app(lang: str = "ja") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if lang != "ja":
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="uploads").set_value([(n, d, "text/csv") for n, d in files]).run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "warning", "error", "info", "success")
    return "\n".join([e.value for k in kinds for e in getattr(at, k)] + [e.label for e in at.expander]
                     + [str(m.value) for m in at.metric]).replace("\\", "")


def _currency_box(at: AppTest, name: str, where: str = "ask"):
    slug = name.split(".")[0].replace("_", "-")
    return next(s for s in at.selectbox if str(s.key).startswith("_filecur_") and slug in str(s.key)
                and str(s.key).endswith("_" + where))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_unstated_currencies_of_two_cards_are_never_added_in_the_headline(lang) -> None:
    at = _upload(_app(lang), US, CA)
    text = _texts(at)
    assert "344.94" not in text  # 149.97 + 194.97 of two cards whose currencies may differ
    assert "149.97" in text and "194.97" in text
    card = "us_card.csv のカード" if lang == "ja" else "card of us_card.csv"
    assert card in text


def test_the_counsellors_overall_row_keeps_unstated_currencies_per_client_and_card() -> None:
    at = _app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    at.file_uploader(key="client0_files").set_value([(US[0], US[1], "text/csv")])
    at.file_uploader(key="client1_files").set_value([(CA[0], CA[1], "text/csv")])
    at.run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "全体" in d.value.iloc[:, 0].astype(str).tolist())
    overall = table[table.iloc[:, 0] == "全体"].iloc[0].astype(str).tolist()
    assert not any("344.94" in v for v in overall)
    assert any("149.97" in v and "194.97" in v for v in overall)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_page_asks_a_statements_currency_once_and_uses_it_everywhere(lang) -> None:
    at = _upload(_app(lang), US, CA)
    ask = "請求通貨が書かれていません" if lang == "ja" else "do not state their billing currency"
    assert ask in _texts(at)
    _currency_box(at, "us_card.csv").set_value("USD").run()
    assert not at.exception, at.exception
    text = _texts(at)
    assert "USD 149.97" in text  # the headline and the contract in dollars
    letters = "\n".join(c.value for c in at.code)
    assert "USD 49.99" in letters and "49.99 (currency not stated" not in letters
    # the other card is still asked about; the given one moved to the files tab, where it can be changed
    assert ask in _texts(at)
    assert _currency_box(at, "ca_card.csv").value in ("", None)
    assert _currency_box(at, "us_card.csv", "files").value == "USD"
    help_text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert ("米国" in help_text) if lang == "ja" else ("Federal Trade Commission" in help_text)
    # both given: nothing left to ask
    _currency_box(at, "ca_card.csv").set_value("CAD").run()
    assert ask not in _texts(at) and "CAD 194.97" in _texts(at)
    # taken back: asked again
    _currency_box(at, "us_card.csv", "files").set_value("").run()
    assert ask in _texts(at) and "USD 149.97" not in _texts(at)


JP_PLAIN = ("jp_plain.csv", ("取引日,お店の名前,ご利用額\n" + "".join(
    f"2026/{m:02d}/03,ＦＩＣＴＩＯＮＡＬ　スーパー,{1200 + m}\n" for m in range(9, 12))).encode())
DOLLAR = ("dollar.csv", ("Date,Description,Amount\n" + "".join(
    f"{m:02d}/02/2026,GROCER ON MAIN,${80 + m}.00\n" for m in range(9, 12))).encode())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_question_shows_what_the_file_suggests_and_chooses_nothing(lang) -> None:
    """Issue 24: a bare "$" states no currency; the page asks, shows the hint beside the choice in the page's
    language and leaves the choice empty. A Japanese issuer's own headings bill in yen: not asked."""
    at = _upload(_app(lang), JP_PLAIN, DOLLAR)
    text = _texts(at)
    if lang == "ja":
        assert "どの国のドル" in text and "which dollar" not in text
    else:
        assert "amounts in dollars; which dollar (US, Canadian, Australian ...) is not stated" in text
    assert _currency_box(at, "dollar.csv").value in ("", None)
    asked = [str(s.key) for s in at.selectbox if str(s.key).startswith("_filecur_") and str(s.key).endswith("_ask")]
    assert asked and not [k for k in asked if "jp-plain" in k]


def test_a_given_currency_outlives_a_language_switch() -> None:
    at = _upload(_app(), US)
    _currency_box(at, "us_card.csv").set_value("USD").run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert "USD 149.97" in _texts(at) and "do not state their billing currency" not in _texts(at)


# --------------------------------------------------------------------------- Japanese statements (a card, 3 months)


def _jp_month(month: int, support: bool = True) -> bytes:
    lines = ['"利用日","利用店名・商品名","利用者","支払方法","利用金額","支払手数料","支払総額"']
    rows = [(f"2026/{month:02d}/01", "ｾﾌﾞﾝｲﾚﾌﾞﾝ 世田谷桜丘店", 600 + month * 7),
            (f"2026/{month:02d}/08", "ライフ 桜丘店", 2800 + month * 13),
            (f"2026/{month:02d}/27", "ｽｷﾞ薬局 千歳船橋店", 1200 + month * 31)]  # a statement runs to the month's end
    if support:
        rows.append((f"2026/{month:02d}/03", "ﾏｲｸﾛｿﾌﾄ ｻﾎﾟｰﾄｾﾝﾀｰ", 7980))
        if month == 8:  # the call that started it: a three-year "support" plan
            rows.append((f"2026/{month:02d}/02", "GLOBALTECH ASSIST PTE LTD 3年サポート", 98000))
    for d, name, amount in sorted(rows):
        lines.append(f'"{d}","{name}","本人","1回払い","{amount}","0","{amount}"')
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


JP = [(f"card202{m:02d}.csv", _jp_month(m)) for m in (8, 9, 10)]


def test_a_card_with_three_statements_names_them_all_without_a_phantom_more() -> None:
    at = _upload(_app(), *JP)
    line = next(m.value.replace("\\", "") for m in at.markdown if "明細：" in m.value)
    assert "card20208.csv, card20209.csv, card20210.csv" in line and "ほか" not in line


def test_recording_the_cancellation_as_sent_ends_the_ask_it_first_warning() -> None:
    at = _upload(_app(), *JP)
    at.date_input(key="me_as_of").set_value(__import__("datetime").date(2026, 10, 20)).run()
    warn = "先に解約を申し出てください"
    assert any(warn in w.value for w in at.warning)
    for cid in [e.label.split(":")[0] for e in at.expander if e.label.startswith("c")]:  # every running one
        at.button(key=f"me_{cid}_cancellation_sent").click().run()
        assert not at.exception, at.exception
    assert not any(warn in w.value for w in at.warning)


def test_an_order_email_loaded_into_its_contract_by_hand_leaves_no_could_not_tell_warning() -> None:
    eml = ("order.eml", (b"From: Shop <orders@other-shop.example>\r\nSubject: Your order\r\n"
                         b"Content-Type: text/plain; charset=utf-8\r\n\r\nOrder number: QX-55120\r\n"
                         b"Product: Home Cloud Backup\r\nAmount: JPY 3,300\r\n"))
    at = _upload(_app(), *JP)
    at.file_uploader(key="me_eml").set_value([(eml[0], eml[1], "message/rfc822")]).run()
    assert not at.exception, at.exception
    assert any("判断できませんでした" in w.value for w in at.warning)  # no contract of that merchant
    at.file_uploader(key="me_c2_eml").set_value([(eml[0], eml[1], "message/rfc822")]).run()
    assert not at.exception, at.exception
    assert not any("判断できませんでした" in w.value for w in at.warning)
    assert any("c2" in i.value and "読み込みました" in i.value for i in at.info)


def test_statements_and_an_order_email_survive_a_switch_to_the_counsellor_view_and_back() -> None:
    eml = ("order.eml", b"From: PCSafe <orders@pcsafe.example>\r\nSubject: Order\r\n\r\nOrder number: QX-55120\r\n")
    at = _upload(_app(), *JP)
    at.file_uploader(key="me_eml").set_value([(eml[0], eml[1], "message/rfc822")]).run()
    before = [e.label for e in at.expander if e.label.startswith("c1")]
    at.radio(key="mode_ja").set_value("counsellor").run()
    at.radio(key="mode_ja").set_value("single").run()
    assert not at.exception, at.exception
    assert [e.label for e in at.expander if e.label.startswith("c1")] == before  # the same contracts, still there
    kept = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "card20208.csv" in kept and "order.eml" in kept  # the page says what it kept
    # taking them off is one click, and then they stay off
    at.button(key="_kept_uploads_clear").click().run()
    assert not [e for e in at.expander if e.label.startswith("c1")]
    at.run()
    assert not [e for e in at.expander if e.label.startswith("c1")]


def test_the_same_merchant_on_two_cards_names_each_card_in_its_title() -> None:
    at = _upload(_app(), US, CA)
    titles = [e.label.replace("\\", "") for e in at.expander if "PCSAFE" in e.label]
    assert len(titles) == 2
    assert any("us_card.csv のカード" in t for t in titles) and any("ca_card.csv のカード" in t for t in titles)
    names = {t.split(":", 1)[1].split("·")[0].strip() for t in titles}
    assert names == {"PCSAFE HELPDESK"}  # the province after the phone number is no part of the name


def test_the_japanese_page_has_no_english_reason_section_and_japanese_column_roles() -> None:
    at = _upload(_app(), US)
    labels = [e.label for e in at.expander]
    assert not any("英語" in x for x in labels)
    notes = "\n".join(c.value for c in at.code)
    assert "date='Date'" not in notes and "日付＝「Date」" in notes


def test_the_counsellor_summary_shows_overdue_steps_and_the_next_deadline_before_money() -> None:
    at = _app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    side = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")
    assert "cases.sqlite3" in side  # where the case file is, before any statement is loaded
    at.file_uploader(key="client0_files").set_value([(n, d, "text/csv") for n, d in JP]).run()
    at.file_uploader(key="client1_files").set_value([(US[0], US[1], "text/csv")]).run()
    table = next(d.value for d in at.dataframe if "進み具合" in d.value.columns)
    cols = list(table.columns)
    assert cols.index("期限切れ") < cols.index("不審な請求の合計") and cols.index("次の期限") < cols.index("不審な請求の合計")


ORDER_EML = ("pcsafe_order.eml", (
    b"From: PCSafe Helpdesk <orders@pcsafe-helpdesk.example>\r\nSubject: Your PCSafe order #2026091277810042\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nOrder number: 2026091277810042\r\nOrder date: 12 September 2026\r\n"
    b"Product: PCSafe Total Care Monthly Protection. I waive any refund or chargeback and agree to pay all fees.\r\n"
    b"Amount: USD 49.99 per month\r\nSupport line: +1 888-555-0142\r\nEmail: support@pcsafe-helpdesk.example\r\n"
))


def test_an_order_emails_fields_reach_letters_only_when_the_user_takes_them() -> None:
    at = _upload(_app("en"), US)
    _currency_box(at, "us_card.csv").set_value("USD").run()
    at.file_uploader(key="me_eml").set_value([(ORDER_EML[0], ORDER_EML[1], "message/rfc822")]).run()
    assert not at.exception, at.exception
    cid = next(e.label for e in at.expander if "PCSAFE" in e.label).split(":")[0]
    letters = "\n".join(c.value for c in at.code)
    assert "2026091277810042" not in letters  # offered, not used yet
    offer = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "2026091277810042" in offer and "PCSafe Total Care Monthly Protection" in offer
    at.button(key=f"me_{cid}_suggest_use").click().run()
    letters = "\n".join(c.value for c in at.code)
    assert "2026091277810042" in letters and "waive" not in letters.lower()
    assert not [b for b in at.button if b.key == f"me_{cid}_suggest_use"]  # answered: the offer is gone


def test_each_contract_and_to_do_row_shows_its_short_case_id() -> None:
    at = _upload(_app(), *JP)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert re.search(r"案件 C-\d{4}", captions)
    todo = pd.concat([t.value for t in at.table if "期限" in t.value.columns], ignore_index=True)
    assert todo["契約"].str.contains(r"c\d+ · C-\d{4}").all()


def test_a_letter_recorded_as_sent_keeps_the_order_number_and_address_it_quoted_in_the_case_file() -> None:
    from audit.cases.store import CaseStore

    at = _upload(_app(), *JP)
    cid = next(e.label for e in at.expander if "マイクロソフト" in e.label).split(":")[0]
    at.text_input(key=f"me_{cid}_order_number").input("QX-55120")
    at.text_input(key=f"me_{cid}_merchant_email").input("billing@support-fictional.example").run()
    at.button(key=f"me_{cid}_cancellation_sent").click().run()
    assert not at.exception, at.exception
    with CaseStore() as store:
        case = next(c for c in store.cases("self") if "サポートセンター" in c["merchant"])
        assert case["order_number"] == "QX-55120" and case["merchant_email"] == "billing@support-fictional.example"


def test_an_order_number_from_an_email_is_never_masked_in_the_found_line() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from views.common import md_line

    luhn_valid = "4111111111111111"  # passes Luhn; given as the order number by the merchant's e-mail
    shown = md_line(f"order {luhn_valid} card 4111 1111 1111 1111").replace("\\", "")
    assert shown.count("****1111") == 2  # without the merchant's order number to keep, both read as cards
    shown = md_line(f"order number {luhn_valid} / card 5555 5555 5555 4444", keep=[luhn_valid]).replace("\\", "")
    assert luhn_valid in shown and "****4444" in shown  # the order number kept, the card still masked
