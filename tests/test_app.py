"""The Streamlit page, driven with streamlit.testing's AppTest (no browser, no server).

Most tests replace :func:`audit.pipeline.scan_uploads` with a small hand-made scan, so they check the
page (layout, letters, details, errors, counsellor view) independently of the detection heuristics;
the ``real pipeline`` tests at the end run the bundled sample statements through the real pipeline.
"""

from __future__ import annotations

import builtins
import importlib.util
import io
import os
import sys
from email.message import EmailMessage
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from audit import pipeline, schema
from audit.contracts import Contract
from audit.errors import StatementError
from audit.model import ParseReport, Reconciliation, RowProblem

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 60

NAME, EMAIL, ORDER = "Taro Yamada", "taro.yamada@example.jp", "ORD-77123"
FULL_CARD = "4111 1111 1111 1234"  # a test card number: must never be shown in full


# --------------------------------------------------------------------------- a hand-made scan


def _charge(tid: str, date: str, amount: float, desc: str, source: str, cur: str = "JPY",
            orig: float | None = None, orig_cur: str | None = None) -> dict:
    return {"id": tid, "date": date, "amount": amount, "currency": cur, "original_amount": orig,
            "original_currency": orig_cur, "description": desc, "source": source, "card": "****1234",
            "kind": "charge" if amount > 0 else "refund"}


def fake_scan(files, merchant_lists=()) -> pipeline.ScanResult:
    """Every file named *broken* fails, *crash* raises an unexpected error; others give the same contracts."""
    reports, errors, rows = [], [], []
    for name, _data in files:
        if "crash" in name:
            raise RuntimeError("reader blew up")
        if "broken" in name:
            errors.append(StatementError(name, "not a CSV or PDF statement (binary data)"))
            continue
        reports.append(ParseReport(source=name, kind="csv", layout="generic", rows=5, period_start="2025-01-01",
                                   period_end="2025-06-30", warnings=["amount column guessed"],
                                   problems=[RowProblem(name, "amount unreadable", raw=f"2025/03/09 {FULL_CARD} ???",
                                                        row=9)],
                                   reconciliation=Reconciliation(printed_total=100.0, parsed_total=90.0, ok=False)))
        rows += [
            _charge(f"{name}:r2", "2025-01-10", 4980.0, "PCFIXPRO*SUPPORT 8445551234", name, "JPY", 32.99, "USD"),
            _charge(f"{name}:r3", "2025-02-10", 4980.0, "PCFIXPRO*SUPPORT 8445551234", name, "JPY", 32.99, "USD"),
            _charge(f"{name}:r4", "2025-03-10", 4980.0, "PCFIXPRO*SUPPORT 8445551234", name, "JPY", 32.99, "USD"),
            _charge(f"{name}:r5", "2025-02-01", 990.0, "=HYPERLINK(\"http://x\")", name),
            _charge(f"{name}:r6", "2025-03-01", 1480.0, "NETFLIX.COM", name),
            _charge(f"{name}:r7", "2025-03-05", 30000.0, "SEVEN-ELEVEN GIFT CARD", name),
        ]
    if not reports:
        return pipeline.ScanResult(transactions=schema.empty_frame(), errors=errors)
    tx = schema.conform(pd.DataFrame([{k: v for k, v in r.items()} for r in rows]))
    scam = [r for r in rows if r["description"].startswith("PCFIXPRO")]
    odd = [r for r in rows if r["description"].startswith("=")]
    legit = [r for r in rows if r["description"] == "NETFLIX.COM"]
    gift = [r for r in rows if r["description"].startswith("SEVEN")]
    contracts = [
        Contract(id="c1", merchant="PC Fix Pro (fictional)", merchant_key="pcfixpro", descriptors=[scam[0]["description"]],
                 transaction_ids=[r["id"] for r in scam], charges=scam, total_paid=sum(r["amount"] for r in scam),
                 refunded=0.0, currency="JPY", first_date="2025-01-10", last_date="2025-03-10", suspicious=True,
                 score=88.0, reasons=["Monthly foreign charge for PC software",
                                      "Named by a regulator in 2025 (https://example.org/fictional.case/notice)."],
                 kinds=["foreign_software_recurring"], cadence="monthly", status="active",
                 next_expected_date="2025-04-10", next_expected_amount=4980.0,
                 sources=["https://example.org/fictional-notice", "javascript:alert(1)"]),
        Contract(id="c2", merchant="=HYPERLINK(\"http://x\")", merchant_key="hyperlink", descriptors=[odd[0]["description"]],
                 transaction_ids=[r["id"] for r in odd], charges=odd, total_paid=990.0, refunded=0.0, currency="JPY",
                 first_date="2025-02-01", last_date="2025-02-01", suspicious=True, score=60.0,
                 reasons=["Large one-off support plan"], kinds=["large_support_plan"]),
        Contract(id="c3", merchant="Gift cards (prepaid)", merchant_key="giftcard", descriptors=[gift[0]["description"]],
                 transaction_ids=[r["id"] for r in gift], charges=gift, total_paid=30000.0, refunded=0.0,
                 currency="JPY", first_date="2025-03-05", last_date="2025-03-05", suspicious=True, score=55.0,
                 reasons=["Gift-card purchase right after the support charges"], kinds=["prepaid_burst"]),
        Contract(id="c4", merchant="Netflix", merchant_key="netflix", descriptors=["NETFLIX.COM"],
                 transaction_ids=[r["id"] for r in legit], charges=legit, total_paid=1480.0, refunded=0.0,
                 currency="JPY", first_date="2025-03-01", last_date="2025-03-01", suspicious=False, score=0.0,
                 reasons=[], cadence="monthly", status="active", next_expected_date="2025-04-01",
                 next_expected_amount=1480.0),
    ]
    from audit.cards import describe_cards

    return pipeline.ScanResult(transactions=tx, reports=reports, errors=errors, contracts=contracts,
                               cards=describe_cards(tx, reports))


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(autouse=True)
def _case_store_in_tmp(tmp_path, monkeypatch):
    """Every page test gets its own empty case store (never the user's data folder)."""
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "casedata"))
    return tmp_path / "casedata"


AS_OF = "2025-03-20"  # the hand-made scan's "today": its next expected charge (2025-04-10) is still ahead


def set_as_of(at: AppTest, value: str = AS_OF, key: str = "me_as_of") -> AppTest:
    from datetime import date

    at.date_input(key=key).set_value(date.fromisoformat(value)).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(pipeline, "scan_uploads", fake_scan)


def new_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def all_code(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def upload(at: AppTest, key: str, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key=key).set_value([(n, d, "text/csv") for n, d in files])
    at.run()
    assert not at.exception, at.exception
    return at


def spy_writes(monkeypatch) -> list[str]:
    """Record every file opened for writing from now on (builtins.open, io.open, os.open)."""
    writes: list[str] = []
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def spy_open(file, mode="r", *args, **kwargs):
        if any(ch in str(mode) for ch in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def spy_io_open(file, mode="r", *args, **kwargs):
        if any(ch in str(mode) for ch in "wax+"):
            writes.append(str(file))
        return real_io_open(file, mode, *args, **kwargs)

    def spy_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND):
            writes.append(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_io_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    return writes


def fill_details(at: AppTest, prefix: str = "me_") -> None:
    """The user's own details (the sidebar): no merchant's field is there (order numbers are per contract)."""
    at.text_input(key=prefix + "name").input(NAME)
    at.text_input(key=prefix + "email").input(EMAIL)


def order_email() -> bytes:
    m = EmailMessage()
    m["From"] = "PC Fix Pro Billing <billing@pcfixpro-fictional.example>"
    m["Reply-To"] = "help@pcfixpro-fictional.example"
    m["To"] = "taro.yamada@example.jp"
    m["Subject"] = "Order confirmation - Order #PFX-482913"
    m["Date"] = "Mon, 03 Feb 2025 10:00:00 +0000"
    m.set_content("Thank you for your purchase.\nOrder number: PFX-482913\nProduct: PC Fix Pro 1-year licence\n"
                  "Total: USD 49.99\nContact: help@pcfixpro-fictional.example\n")
    return m.as_bytes()


# --------------------------------------------------------------------------- page tests (hand-made scan)


def test_default_is_japanese_and_english_switch_works():
    at = new_app()
    assert at.radio(key="lang").value == "ja"
    assert "カード明細の点検" in at.title[0].value
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Card statement audit")
    assert not any("カード明細" in t.value for t in at.title)


def test_upload_shows_contracts_and_letters_with_the_filled_details(fake):
    at = new_app()
    set_as_of(at)
    fill_details(at)
    upload(at, "uploads", ("jan.csv", b"a,b\n1,2\n"))
    titles = [e.label for e in at.expander]
    assert any("PC Fix Pro" in t for t in titles)  # one folded box per contract, titled by its merchant
    at.text_input(key="me_c1_order_number").input(ORDER).run()
    code = all_code(at)
    # cancellation request in English and Japanese, with name and e-mail filled in once, the order number per contract
    assert "Dear Customer Support" in code and "カスタマーサポート御中" in code
    assert NAME in code and EMAIL in code and ORDER in code
    assert "[YOUR NAME]" not in code
    # follow-up and dispute letters for the same contract
    assert "I do not accept any discount" in code
    assert "chargeback" in code
    # the public source of a merchant-list hit is linked (only http/https addresses)
    captions = "\n".join(c.value for c in at.caption)
    assert "(https://example.org/fictional-notice)" in captions and "javascript:" not in captions
    # every date and amount, the total and the next expected charge
    charges = [d.value for d in at.dataframe if "2025-02-10" in d.value.to_string()]
    assert charges, "charges table missing"
    metrics = [(m.label, m.value) for m in at.metric]
    assert ("支払合計", "JPY 14,940") in metrics
    assert any(label == "次回の予想請求" and "2025-04-10" in value for label, value in metrics)
    # downloads: .txt and .eml for each letter of each letter-bearing contract, plus the exports
    labels = [b.label for b in at.download_button]
    assert labels.count(".txt をダウンロード") == 6 and labels.count(".eml（下書き）をダウンロード") == 6
    # the legit subscription is listed apart, in its own tab
    assert any("Netflix" in d.value.to_string() for d in at.dataframe)
    # a gift-card contract gets the prepaid advice instead of letters
    assert any("プリペイド" in w.value or "電子マネー" in w.value for w in at.warning)
    assert any("自分のアカウントにその番号を登録" in m.value for m in at.markdown)
    # parse summary per file: period, rows, warnings, reconciliation
    summary = next(d.value for d in at.dataframe if "取引数" in d.value.columns)
    row = summary.iloc[0]
    assert row["ファイル"] == "jan.csv" and row["取引数"] == 5 and row["警告"] == 1
    assert "2025-01-01" in row["期間"] and "不一致" in row["合計の照合"]


def test_nothing_but_the_case_store_is_written_while_working(fake, monkeypatch, _case_store_in_tmp):
    at = new_app()
    writes = spy_writes(monkeypatch)
    fill_details(at)
    at.file_uploader(key="me_eml").set_value(("order.eml", order_email(), "message/rfc822"))
    upload(at, "uploads", ("jan.csv", b"x"))
    at.text_area(key="me_c1_reply").input("Thank you. Your subscription has been cancelled.").run()
    assert "Dear Customer Support" in all_code(at)
    assert all(w.startswith(str(_case_store_in_tmp)) for w in writes), writes  # only the case file
    store_file = _case_store_in_tmp / "cases.sqlite3"
    assert store_file.exists() and (store_file.stat().st_mode & 0o077) == 0
    assert any(str(store_file) in c.value.replace("\\", "") for c in at.caption)  # its path is shown


def test_local_only_settings_and_upload_limit():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    from streamlit import config as st_config

    known = set(st_config.get_config_options())
    assert not [f"{s}.{k}" for s, opts in config.items() for k in opts if f"{s}.{k}" not in known]
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] == 50 and config["server"]["headless"] is True
    assert config["server"]["address"] in ("localhost", "127.0.0.1")
    at = new_app()
    uploader = at.file_uploader(key="uploads")
    assert uploader.proto.max_upload_size_mb == 50 and uploader.accept_multiple_files
    assert {"csv", "pdf"} <= {t.lstrip(".") for t in uploader.allowed_type}


def test_help_tab_lists_contacts_and_prepaid_advice():
    at = new_app()
    text = "\n".join(m.value for m in at.markdown)
    assert "188" in text and "9110" in text and "ipa.go.jp" in text
    assert "https://www.ipa.go.jp/security/anshin/index.html)" in text  # a working link, not escaped
    at.radio(key="lang").set_value("en").run()
    text = "\n".join(m.value for m in at.markdown)
    assert "Consumer Hotline" in text and "told someone the codes" in text


def test_details_survive_a_language_switch(fake):
    at = new_app()
    fill_details(at)
    at.run()
    at.radio(key="lang").set_value("en").run()
    assert at.text_input(key="me_name").value == NAME
    upload(at, "uploads", ("jan.csv", b"x"))
    assert NAME in all_code(at)
    assert any(m.label == "Total paid" for m in at.metric)


def letters_of(at: AppTest, marker: str) -> str:
    """The letters shown for one contract (``marker``: text only its letters hold, e.g. its descriptor)."""
    return "\n".join(c.value for c in at.code if marker in c.value)


def test_the_sidebar_holds_only_the_users_own_details():
    at = new_app()
    keys = {t.key for t in at.text_input}
    assert {"me_name", "me_name_ja", "me_email", "me_address", "me_phone"} <= keys
    assert not keys & {"me_order_number", "me_merchant_email", "me_product", "me_request_date"}


def test_a_second_merchants_letters_never_carry_the_first_ones_order_number_or_address(fake):
    at = new_app()
    fill_details(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    at.text_input(key="me_c1_order_number").input("MS-7781-2026")
    at.text_input(key="me_c1_merchant_email").input("billing@ms-support-center.example")
    at.text_input(key="me_c1_request_date").input("2025-03-12").run()
    assert not at.exception
    first, second = letters_of(at, "PCFIXPRO"), letters_of(at, "HYPERLINK")
    assert "MS-7781-2026" in first and "billing@ms-support-center.example" in first and "2025-03-12" in first
    assert second and "MS-7781-2026" not in second and "ms-support-center" not in second
    assert "2025-03-12" not in second  # the date the first merchant was contacted is no fact about the second
    assert "contacted the merchant at" not in second and "[DATE OF YOUR REQUEST]" in second


def test_merchant_fields_left_among_the_own_details_are_given_to_one_contract_only_when_asked(fake):
    at = new_app()
    at.session_state["_keep_me_order_number"] = "OLD-4711"  # typed on a page from before the fields moved
    at.session_state["_keep_me_merchant_email"] = "help@old-merchant.example"
    upload(at, "uploads", ("jan.csv", b"x"))
    assert any("OLD-4711" in w.value for w in at.warning)  # asked which contract they belong to
    assert "OLD-4711" not in all_code(at) and "old-merchant" not in all_code(at)  # used nowhere meanwhile
    at.selectbox(key="me_shared_pick").set_value("c2").run()
    at.button(key="me_shared_give").click().run()
    assert not at.exception
    assert at.text_input(key="me_c2_order_number").value == "OLD-4711"
    assert "OLD-4711" in letters_of(at, "HYPERLINK") and "OLD-4711" not in letters_of(at, "PCFIXPRO")
    assert not any("OLD-4711" in w.value for w in at.warning)  # answered once


def test_merchant_fields_left_among_the_own_details_go_to_the_only_contract(monkeypatch):
    import dataclasses

    def one_contract(files, merchant_lists=()):
        result = fake_scan(files)
        return dataclasses.replace(result, contracts=[c for c in result.contracts if c.id != "c2"])

    monkeypatch.setattr(pipeline, "scan_uploads", one_contract)
    at = new_app()
    at.session_state["_keep_me_order_number"] = "OLD-4711"
    upload(at, "uploads", ("jan.csv", b"x"))
    assert any("OLD-4711" in i.value for i in at.info)  # says where it went
    assert at.text_input(key="me_c1_order_number").value == "OLD-4711" and "OLD-4711" in letters_of(at, "PCFIXPRO")


def test_merchant_fields_left_among_the_own_details_can_be_dropped(fake):
    at = new_app()
    at.session_state["_keep_me_order_number"] = "OLD-4711"
    upload(at, "uploads", ("jan.csv", b"x"))
    at.button(key="me_shared_drop").click().run()
    assert not at.exception and "OLD-4711" not in all_code(at)
    assert not any("OLD-4711" in w.value for w in at.warning)


def test_broken_file_gives_one_line_error_naming_it_and_the_rest_still_works(fake):
    at = new_app()
    upload(at, "uploads", ("broken.csv", b"\x00\x01"), ("my_broken_*file*.csv", b"\x00"), ("good.csv", b"x"))
    errors = [e.value for e in at.error]
    assert any(e.startswith("broken.csv: ") for e in errors)
    assert any(e.startswith(r"my\_broken\_\*file\*.csv: ") for e in errors)  # shown literally, not as Markdown
    assert all("\n" not in e for e in errors)
    assert "Dear Customer Support" in all_code(at)


def test_unexpected_reader_crash_is_one_line_naming_the_file(fake):
    at = new_app()
    upload(at, "uploads", ("crash.csv", b"x"), ("good.csv", b"x"))
    errors = [e.value for e in at.error]
    assert any(e.startswith("crash.csv: ") and "RuntimeError" in e and "\n" not in e for e in errors)
    assert "Dear Customer Support" in all_code(at)


def test_reply_box_of_a_contract_keeps_the_ticket_for_the_follow_up(fake):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    at.text_area(key="me_c1_reply").input(
        "This is an automatic reply. We have received your request, ticket #48213. An agent will respond."
    ).run()
    assert not at.exception
    assert any("自動返信" in i.value for i in at.info)
    at.button(key="me_c1_reply_record").click().run()
    assert not at.exception
    assert at.selectbox(key="me_c1_status_auto_reply").value == "auto_reply"  # stored, shown as the status
    at.text_area(key="me_c1_reply").input(
        "We are sorry to see you go! As a special offer we can give you a 50% discount if you keep your licence."
    ).run()
    warnings = [w.value for w in at.warning]
    assert any("引き止め" in w for w in warnings)
    # the follow-up for this contract carries the ticket number from the first reply
    follow = [c.value for c in at.code if "I do not accept any discount" in c.value and "48213" in c.value]
    assert follow and all("PC Fix Pro" not in c or "48213" in c for c in follow)
    other = [c.value for c in at.code if "I do not accept any discount" in c.value and "HYPERLINK" in c.value]
    assert other and not any("48213" in c for c in other)  # never in another contract's letters


def test_order_email_fills_only_the_contract_it_belongs_to(fake):
    at = new_app()
    at.file_uploader(key="me_eml").set_value(("order.eml", order_email(), "message/rfc822"))
    at.run()
    assert not at.exception
    upload(at, "uploads", ("jan.csv", b"x"))
    # offered to c1 only, and used once the user takes it (the merchant wrote it)
    assert at.text_input(key="me_c1_order_number").value == ""
    assert not [b for b in at.button if b.key == "me_c2_suggest_use"]
    at.button(key="me_c1_suggest_use").click().run()
    assert at.text_input(key="me_c1_order_number").value == "PFX-482913"  # PC Fix Pro's mail -> c1
    assert at.text_input(key="me_c1_merchant_email").value == "help@pcfixpro-fictional.example"
    assert at.text_input(key="me_c2_order_number").value == ""
    assert "me_order_number" not in {t.key for t in at.text_input}  # no order number shared by every letter
    c2_letters = [c.value for c in at.code if "HYPERLINK" in c.value]
    assert c2_letters and not any("PFX-482913" in c for c in c2_letters)
    assert "PFX-482913" in all_code(at)
    # the user can still change a pre-filled field afterwards
    at.text_input(key="me_c1_order_number").input("PFX-1").run()
    assert at.text_input(key="me_c1_order_number").value == "PFX-1"


def test_order_email_for_one_contract_fills_only_that_contract(fake):
    at = new_app()
    fill_details(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    at.file_uploader(key="me_c1_eml").set_value(("order.eml", order_email(), "message/rfc822"))
    at.run()
    assert not at.exception
    at.button(key="me_c1_suggest_use").click().run()
    assert at.text_input(key="me_c1_order_number").value == "PFX-482913"
    assert at.text_input(key="me_c2_order_number").value == ""
    assert "PFX-482913" in letters_of(at, "PCFIXPRO") and "PFX-482913" not in letters_of(at, "HYPERLINK")


def test_bad_order_email_is_a_one_line_error():
    at = new_app()
    at.file_uploader(key="me_eml").set_value(("junk.eml", b"just some words", "message/rfc822"))
    at.run()
    assert not at.exception
    assert any(e.value.startswith("junk.eml: ") and "\n" not in e.value for e in at.error)


def test_counsellor_view_two_clients_summary_and_exports(fake):
    at = new_app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    assert not at.exception
    at.text_input(key="client0_label").input("A-001")
    at.text_input(key="client1_label").input("B-002")
    at.text_input(key="client0_name").input("Hanako Sato")
    at.run()
    upload(at, "client0_files", ("a.csv", b"x"))
    upload(at, "client1_files", ("b1.csv", b"x"), ("b2.csv", b"y"))
    summary = next(d.value for d in at.dataframe if "相談者" in d.value.columns)
    assert list(summary["相談者"]) == ["A-001", "B-002", "全体"]
    assert list(summary["ファイル数"]) == [1, 2, 3]
    labels = [b.label for b in at.download_button]
    for label in ("契約一覧 CSV", "全取引 CSV", "Excel", "印刷用 HTML"):
        assert label in labels
    assert "Hanako Sato" in all_code(at)  # detail view of the first client uses that client's details
    at.selectbox(key="client_pick").set_value(1).run()
    assert not at.exception and "Hanako Sato" not in all_code(at)


def test_export_of_the_page_data_never_yields_formulas():
    from audit.cases import export

    clients = [("A", fake_scan([("a.csv", b"x")])), ("=cmd|' /C calc'!A0", fake_scan([("b.csv", b"x")]))]
    text = export.export_csv(clients, "contracts").decode("utf-8-sig")
    cells = [c for line in text.splitlines() for c in line.split(",")]
    assert not any(c.lstrip('"').startswith(("=", "+", "@")) for c in cells)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.export_excel(clients)))
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in row)


# --------------------------------------------------------------------------- helpers in app.py


def _load_app_module():
    spec = importlib.util.spec_from_file_location("audit_app_page", APP)
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit_app_page"] = module
    spec.loader.exec_module(module)
    return module


def test_sample_sets_are_found_at_run_time(tmp_path):
    app = _load_app_module()
    root = tmp_path / "sample_statements"
    (root / "demo" / "second").mkdir(parents=True)
    (root / "a.csv").write_text("x")
    (root / "notes.md").write_text("x")
    (root / "demo" / "m1.csv").write_text("x")
    (root / "demo" / "m2.pdf").write_bytes(b"%PDF-")
    (root / "demo" / "second" / "s1.csv").write_text("x")
    sets = app.sample_sets(root)
    assert {k: [p.name for p in v] for k, v in sets.items()} == {
        "sample_statements": ["a.csv"],
        "sample_statements/demo": ["m1.csv", "m2.pdf"],
        "sample_statements/demo/second": ["s1.csv"],
    }
    assert app.default_sample_set(sets) == "sample_statements/demo"
    assert [name for name, _ in app.demo_clients(sets)] == ["demo", "second"]
    assert app.sample_sets(tmp_path / "missing") == {}


def test_markdown_escaping_keeps_merchant_text_literal():
    app = _load_app_module()
    assert app.md("**FREE** [x](http://a) #1") == r"\*\*FREE\*\* \[x\]\(http\:\/\/a\) \#1"
    assert "](" not in app.md("see https://evil.example/x") and "\\@" in app.md("a@b.example")
    assert app.slug("FS *RESTORO 8443") == "FS-RESTORO-8443"


# --------------------------------------------------------------------------- real pipeline, bundled samples


def _sample_sets():
    return _load_app_module().sample_sets()


def test_sample_one_click_runs_the_real_pipeline():
    sets = _sample_sets()
    if not sets:
        pytest.skip("no sample statements in sample_statements/ yet")
    at = new_app()
    at.button(key="sample_load").click().run()
    assert not at.exception, at.exception
    assert any("サンプル" in c.value for c in at.caption)
    summary = next(d.value for d in at.dataframe if "取引数" in d.value.columns)
    loaded = {p.name for p in sets[at.selectbox(key="sample_choice").value]}
    assert set(summary["ファイル"]) | {e.value.split(":")[0] for e in at.error} == loaded


def test_broken_upload_with_the_real_pipeline_is_one_line():
    at = new_app()
    upload(at, "uploads", ("garbage.pdf", b"%PDF-1.4\nnot really a pdf"), ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00"))
    errors = [e.value for e in at.error]
    assert any(e.startswith("garbage.pdf: ") for e in errors), errors
    assert any(e.startswith("photo.csv: ") for e in errors), errors
    assert all("\n" not in e and "Traceback" not in e for e in errors)


def test_counsellor_demo_clients_run_the_real_pipeline():
    sets = _sample_sets()
    if not sets:
        pytest.skip("no sample statements in sample_statements/ yet")
    at = new_app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    at.button(key="demo_load").click().run()
    assert not at.exception, at.exception
    summary = next(d.value for d in at.dataframe if "相談者" in d.value.columns)
    assert len(summary) >= 2
    assert summary["取引数"].sum() > 0
    assert "印刷用 HTML" in [b.label for b in at.download_button]


# --------------------------------------------------------------------------- what a user reads


def _shown_texts(at: AppTest) -> list[str]:
    """Every plain text element of the page (not the letters)."""
    kinds = ("markdown", "caption", "warning", "error", "info", "success", "subheader", "title")
    out = [e.value for kind in kinds for e in getattr(at, kind)]
    out += [m.label for m in at.metric] + [str(m.value) for m in at.metric] + [t.label for t in at.tabs]
    return out


def _table_cells(at: AppTest) -> list[str]:
    return [str(v) for d in at.dataframe for v in d.value.astype(str).to_numpy().ravel()]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_raw_keys_codes_or_missing_markers_are_shown(fake, lang):
    from audit.ui_text import EN, JA

    at = new_app()
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    upload(at, "uploads", ("jan.csv", b"x"))
    texts = _shown_texts(at)
    keys = set(JA) | set(EN)
    assert not [t for t in texts if t.strip() in keys], "a UI text key is shown instead of its text"
    cells = _table_cells(at)
    assert not {"None", "nan", "NaN", "<NA>", "NaT"} & set(cells)
    assert not any(w in " ".join(texts) for w in ("Traceback", "{'", "<NA>"))
    # statuses, cadences and kinds are words, not codes
    legit = next(d.value for d in at.dataframe if len(d.value) and "Netflix" in d.value.iloc[:, 0].tolist())
    assert set(legit.iloc[0].astype(str)) >= ({"毎月", "継続中"} if lang == "ja" else {"monthly", "active"})
    assert ("利用" if lang == "ja" else "charge") in cells and "charge" not in (cells if lang == "ja" else [])


def test_card_numbers_are_masked_everywhere_on_the_page(fake):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    shown = "\n".join(_shown_texts(at) + _table_cells(at) + [all_code(at)])
    assert FULL_CARD not in shown and FULL_CARD.replace(" ", "") not in shown
    assert "****1234" in all_code(at)  # the unreadable row is listed, masked


def test_japanese_mode_gives_japanese_reasons_and_the_english_page_the_detectors_own(fake):
    at = new_app()
    set_as_of(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    top = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert any("毎月" in m and "海外" in m and "2025-04-10" in m.replace("\\", "") for m in top)  # cadence, foreign, next charge
    everything = [m.value for m in at.markdown]
    assert not any("Monthly foreign charge" in m for m in everything)  # no English sentences on the Japanese page
    assert not any("英語" in e.label for e in at.expander)
    at.radio(key="lang").set_value("en").run()
    top = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert any("Monthly foreign charge" in m for m in top)
    assert not any("毎月" in m for m in top)
    # an address in a reason (free text from the detectors) is shown as text, never as a link
    shown = [m.value for m in at.markdown if "fictional" in m.value]
    assert any("fictional\\.case" in m for m in shown) and not any("](http" in m for m in shown)


def test_first_steps_and_running_contracts_come_first(fake):
    at = new_app()
    set_as_of(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    text = "\n".join(m.value for m in at.markdown)
    assert any(e.label == "まずすること" for e in at.expander) and "188" in text and "③" in text
    assert any("請求が続く契約 1 件" in w.value and "2025-04-10" in w.value for w in at.warning)
    # the order number is unknown: the request uses the sign-up email instead
    assert "I do not know my order number" in all_code(at)


def test_timeline_puts_each_contract_on_its_own_line(fake):
    app = _load_app_module()
    df = app.timeline_frame(fake_scan([("a.csv", b"x")]))
    groups = df.groupby("group")["amount"].count().to_dict()
    assert groups["c1 PC Fix Pro (fictional)"] == 3
    assert df.loc[df["group"] == "c1 PC Fix Pro (fictional)", "suspicious"].all()
    assert not df.loc[df["description"] == "NETFLIX.COM", "suspicious"].any()
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    charts = at.get("vega_lite_chart")
    assert charts, "timeline chart missing"
    import json

    specs = [json.loads(c.proto.spec) for c in charts]
    assert any(s.get("encoding", {}).get("y", {}).get("field") == "group"
               and s["encoding"]["x"]["field"] == "date" for s in specs)


def test_transaction_filters(fake):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"), ("feb.csv", b"y"))
    assert any(c.value == "12 / 12 件を表示" for c in at.caption)
    at.text_input(key="me_f_text").input("pcfixpro").run()
    assert any(c.value == "6 / 12 件を表示" for c in at.caption)
    at.multiselect(key="me_f_files").select("feb.csv").run()
    assert any(c.value == "3 / 12 件を表示" for c in at.caption)
    table = next(d.value for d in at.dataframe if "明細の表記" in d.value.columns and "契約" in d.value.columns)
    assert set(table["ファイル"]) == {"feb.csv"} and set(table["現地通貨額"]) == {"USD 32.99"}
    assert set(table["契約"]) == {"c1: PC Fix Pro (fictional)"}


@pytest.mark.parametrize("reply, category", [
    ("Could you please tell us why you want to cancel? Please provide your order number.", "質問"),
    ("We have cancelled your subscription and a full refund of USD 49.99 has been issued to your card.",
     "解約・返金の確認"),
])
def test_reply_question_and_confirmation(fake, reply, category):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    at.text_area(key="me_c1_reply").input(reply).run()
    boxes = [b.value for b in [*at.warning, *at.success, *at.info]]
    assert any(category in b for b in boxes)
    follow = sum("I do not accept any discount" in c.value for c in at.code)
    assert follow == (3 if category == "質問" else 2)  # a follow-up to send only after a question


def test_no_network_connection_is_attempted(fake, monkeypatch):
    import socket

    from audit.cases import export

    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    at = new_app()
    fill_details(at)
    at.file_uploader(key="me_eml").set_value(("order.eml", order_email(), "message/rfc822"))
    upload(at, "uploads", ("jan.csv", b"x"))
    at.text_area(key="me_c1_reply").input("We can offer you a 50% discount if you stay.").run()
    at.radio(key="lang").set_value("en").run()
    clients = [("A", fake_scan([("a.csv", b"x")]))]
    assert export.export_html(clients) and export.export_excel(clients) and export.export_csv(clients, "contracts")
    assert not at.exception and attempts == []


def test_counsellor_progress_totals_cards_and_forget(fake):
    at = new_app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    at.text_input(key="client0_label").input("A-001")
    at.text_input(key="client1_label").input("B-002")
    at.run()
    upload(at, "client0_files", ("a.csv", b"x"))
    upload(at, "client1_files", ("b1.csv", b"x"))
    summary = next(d.value for d in at.dataframe if "進み具合" in d.value.columns)
    assert list(summary["相談者"]) == ["A-001", "B-002", "全体"]
    assert list(summary["進み具合"]) == ["0/3 件 返金済み", "0/3 件 返金済み", "0/6 件 返金済み"]
    assert summary["カード"].iloc[0] == "****1234"
    assert summary["不審な請求の合計"].iloc[2] == "JPY 91,860"
    # a status change in the detail view is kept and counted
    at.selectbox(key="view0_c1_status_to_write").set_value("refunded").run()
    assert not at.exception
    summary = next(d.value for d in at.dataframe if "進み具合" in d.value.columns)
    assert list(summary["進み具合"]) == ["1/3 件 返金済み", "0/3 件 返金済み", "1/6 件 返金済み"]
    # forget the first client: its cases are gone from the store
    at.checkbox(key="client0_forget_sure").check().run()
    at.button(key="client0_forget").click().run()
    assert not at.exception
    from audit.cases.store import CaseStore

    with CaseStore() as store:
        assert "A-001" not in store.clients() and "B-002" in store.clients()


def test_case_status_survives_a_restart_of_the_page(fake):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    at.selectbox(key="me_c1_status_to_write").set_value("sent").run()
    assert not at.exception
    again = new_app()  # a new session: the page was closed and opened again
    upload(again, "uploads", ("jan.csv", b"x"))
    assert again.selectbox(key="me_c1_status_sent").value == "sent"
    from audit.cases.store import CaseStore

    with CaseStore() as store:
        (case,) = [c for c in store.cases("self") if c["merchant"].startswith("PC Fix Pro")]
        assert [e["new"] for e in store.case(case["key"])["events"]] == ["sent"]


def test_letter_marked_sent_is_stored(fake):
    at = new_app()
    fill_details(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    at.button(key="me_c1_cancellation_sent").click().run()
    assert not at.exception
    from audit.cases.store import CaseStore

    with CaseStore() as store:
        (case,) = [c for c in store.cases("self") if c["merchant"].startswith("PC Fix Pro")]
        full = store.case(case["key"])
    assert full["status"] == "sent" and full["letters"][0]["kind"] == "cancellation"
    assert NAME in full["letters"][0]["text"] and "HYPERLINK" not in full["letters"][0]["text"]


def test_upload_replaces_the_sample_unless_added(fake):
    at = new_app()
    at.button(key="sample_load").click().run()
    upload(at, "uploads", ("mine.csv", b"x"))
    files = next(d.value for d in at.dataframe if "ファイル" in d.value.columns and "取引数" in d.value.columns)
    assert list(files["ファイル"]) == ["mine.csv"]
    at.checkbox(key="upload_add").check().run()
    files = next(d.value for d in at.dataframe if "ファイル" in d.value.columns and "取引数" in d.value.columns)
    assert "mine.csv" in list(files["ファイル"]) and len(files) > 1


def test_excel_upload_refused_in_the_page_language(fake):
    at = new_app()
    upload(at, "uploads", ("statement.xlsx", b"PK\x03\x04"), ("jan.csv", b"x"))
    assert any(e.value.startswith("statement.xlsx: Excel") for e in at.error)
    at.radio(key="lang").set_value("en").run()
    assert any("cannot be read" in e.value and "CSV or PDF" in e.value for e in at.error)


def test_past_expected_charge_reads_as_overdue(fake):
    at = new_app()
    set_as_of(at, "2025-08-01")
    upload(at, "uploads", ("jan.csv", b"x"))
    metrics = [(m.label, m.value, m.proto.delta) for m in at.metric]
    assert any(v == "明細を確認" for label, v, d in metrics if label == "次回の予想請求")
    assert any("超過" in c.value for c in at.caption)  # said in full under it (a metric's badge cut it off)
    # the headline never says "none" while an expected charge is past due: it counts them; four expected
    # charges passed since the statement, so whether it still runs is for the later statements to say (no
    # "still charging" banner; audit.upcoming: stale)
    assert ("次に予想される請求", "1 件", "予想日を過ぎています") in metrics
    assert not any("請求が続く契約" in w.value for w in at.warning)
    todo = pd.concat([t.value for t in at.table if "期限" in t.value.columns], ignore_index=True)
    assert todo["期限"].iloc[0].startswith("期限切れ")  # the dispute guide dates have passed
    assert any("異議申立て" in step for step in todo["すること"])


def test_english_page_shows_english_letters_only_and_us_help(monkeypatch):
    def usd_scan(files, merchant_lists=()):
        r = fake_scan(files)
        for c in r.contracts:
            for ch in c.charges:
                ch["currency"] = "USD"
            c.currency = "USD"
        r.transactions["currency"] = "USD"
        from audit.cards import describe_cards

        r.cards = describe_cards(r.transactions, r.reports)  # a US card: US help
        return r

    monkeypatch.setattr(pipeline, "scan_uploads", usd_scan)
    at = new_app()
    at.radio(key="lang").set_value("en").run()
    upload(at, "uploads", ("jan.csv", b"x"))
    code = all_code(at)
    assert "Dear Customer Support" in code and "カスタマーサポート御中" not in code
    text = "\n".join(m.value for m in at.markdown)
    assert "reportfraud" in text.replace("\\", "") and "Police consultation line" not in text


def test_mixed_currency_totals_are_shown_whole_and_never_added(monkeypatch):
    def mixed_scan(files, merchant_lists=()):
        r = fake_scan(files)
        c1 = r.contracts[0]
        c1.charges[0] = {**c1.charges[0], "amount": 499.0, "currency": "USD"}
        c1.currency, c1.total_paid = "", float("nan")  # as the pipeline gives a several-currency contract
        return r

    monkeypatch.setattr(pipeline, "scan_uploads", mixed_scan)
    at = new_app()
    set_as_of(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "JPY 9,960 + USD 499.00" in text  # the contract, whole
    assert "JPY 40,950 + USD 499.00" in text  # the headline over all suspicious contracts
    assert not any("10,459" in str(m.value) or "…" in str(m.value) for m in at.metric)
    # the next expected charge repeats the latest one, in its own currency (never a bare number)
    assert any(m.label == "次回の予想請求" and m.proto.delta == "JPY 4,980" for m in at.metric)


def test_typed_address_with_extra_header_is_refused_on_the_page(fake):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    at.text_input(key="me_c1_merchant_email").input("support@x.example Bcc: b@evil.example").run()
    assert not at.exception
    assert any("事業者の連絡先メールアドレス" in e.value and ".eml" in e.value for e in at.error)
    code = all_code(at)
    assert "Bcc" not in code.split("Dear")[0]  # never in a header line of a letter


def test_the_headline_rolls_a_monthly_charge_on_and_counts_the_one_past_due(fake):
    """Walk 21, finding 8: one expected charge passed since the statement: the contract still runs; the
    headline shows its next date with the past-due count beside it, and the banner counts it."""
    at = new_app()
    set_as_of(at, "2025-04-20")
    upload(at, "uploads", ("jan.csv", b"x"))
    metrics = [(m.label, m.value, m.proto.delta) for m in at.metric]
    head = next((v, d) for label, v, d in metrics if label == "次に予想される請求")
    assert head[0] == "2025-05-10" and "超過 1 件" in head[1]
    assert any("請求が続く契約 1 件" in w.value and "2025-05-10" in w.value for w in at.warning)


def test_letters_with_an_unknown_currency_warn_and_offer_the_order_emails_currency(monkeypatch):
    import dataclasses

    def unstated(files, merchant_lists=()):
        result = fake_scan(files)
        c1 = result.contracts[0]
        charges = [{**ch, "currency": "unknown", "original_amount": None, "original_currency": None}
                   for ch in c1.charges]
        return dataclasses.replace(result, contracts=[dataclasses.replace(c1, charges=charges, currency="unknown"),
                                                      *result.contracts[1:]])

    monkeypatch.setattr(pipeline, "scan_uploads", unstated)
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    first = letters_of(at, "PCFIXPRO")
    assert "［通貨］ 4,980.00" in first and "[CURRENCY] 4,980.00" in first and "記載なし" not in first
    assert any("［通貨］" in w.value for w in at.warning)  # beside the letters, with the currency to choose
    assert [s for s in at.selectbox if s.key and s.key.endswith("_letter-c1")]
    assert not [b for b in at.button if b.key == "me_c1_currency_eml"]  # no e-mail, nothing offered
    at.file_uploader(key="me_c1_eml").set_value(("order.eml", order_email(), "message/rfc822"))
    at.run()
    offer = at.button(key="me_c1_currency_eml")
    assert "USD" in offer.label
    offer.click().run()
    assert not at.exception
    # importable once the page ran (app.py puts the project on the path)
    from views.cards import _currency_store

    assert at.session_state[_currency_store("me_", "jan.csv")] == "USD"  # the file is read in it from now on


def _chart_colours(at: AppTest) -> list[dict[str, str]]:
    """Each chart's series label -> colour (from its Vega-Lite spec)."""
    import json

    out = []
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        scale = (spec.get("encoding", {}).get("color") or {}).get("scale") or {}
        if scale.get("domain"):
            out.append(dict(zip(scale["domain"], scale["range"], strict=True)))
    return out


def test_a_series_keeps_its_colour_in_every_language(fake):
    at = new_app()
    set_as_of(at)
    upload(at, "uploads", ("jan.csv", b"x"))
    ja = _chart_colours(at)
    at.radio(key="lang").set_value("en").run()
    set_as_of(at)
    en = _chart_colours(at)
    assert ja and en
    assert ja[0]["請求"] == en[0]["charge"]  # charges: one colour whatever the language
    assert ja[0]["次回の予想"] == en[0]["next expected"] != ja[0]["請求"]  # expected: its own, lighter colour


def test_a_file_put_in_twice_is_read_once_and_said_to_be_a_duplicate(fake):
    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"), ("jan.csv", b"x"), ("feb.csv", b"x"))
    assert any("jan.csv" in i.value and "重複" in i.value for i in at.info)
    files = next(d.value for d in at.dataframe if "ファイル" in d.value.columns and "取引数" in d.value.columns)
    assert list(files["ファイル"]) == ["jan.csv", "feb.csv"]



def test_the_default_client_name_follows_the_language_and_keeps_its_cases(fake):
    at = new_app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    upload(at, "client0_files", ("a.csv", b"x"))
    assert at.text_input(key="client0_label").value == "相談者1"
    at.selectbox(key="view0_c1_status_to_write").set_value("refunded").run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.text_input(key="client0_label").value == "Client 1" and at.text_input(key="client1_label").value == "Client 2"
    summary = next(d.value for d in at.dataframe if "Progress" in d.value.columns)
    assert summary["Client"].iloc[0] == "Client 1" and summary["Progress"].iloc[0].startswith("1/3")  # same cases
    at.text_input(key="client0_label").input("A-001").run()
    at.radio(key="lang").set_value("ja").run()
    assert at.text_input(key="client0_label").value == "A-001"  # a typed name is never changed


def test_the_dispute_letter_dates_the_request_the_user_recorded_for_that_merchant_only(fake):
    from datetime import date

    at = new_app()
    upload(at, "uploads", ("jan.csv", b"x"))
    at.button(key="me_c1_cancellation_sent").click().run()
    assert not at.exception
    today = date.today().isoformat()
    assert f"On {today} I contacted the merchant" in letters_of(at, "PCFIXPRO")
    assert "[DATE OF YOUR REQUEST]" in letters_of(at, "HYPERLINK")  # no request recorded for that merchant
