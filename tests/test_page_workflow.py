"""The page's workflow points of issue 20 (4, 7, 9, 10, 11) and the page items of issue 21, under AppTest.

The hand-made scan of tests/test_app.py keeps these independent of the detection heuristics, except where the
real pipeline is the point (samples, analyst view).
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_app import fake_scan, set_as_of, upload

from audit import pipeline
from audit.cases.store import CaseStore

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
if str(ROOT) not in sys.path:  # the page's views/ package, as app.py finds it
    sys.path.insert(0, str(ROOT))
# no "/" in it: an uploaded name keeps only what follows the last one
HOSTILE_NAME = "![x](https:evil.example)<img src=https:evil.example>.csv"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "casedata"))
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(pipeline, "scan_uploads", fake_scan)


def _app(lang: str = "ja") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if lang != "ja":
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def _counsellor(at: AppTest) -> AppTest:
    at.radio(key="mode_ja" if at.radio(key="lang").value == "ja" else "mode_en").set_value("counsellor").run()
    assert not at.exception, at.exception
    return at


def _markup(text: str) -> bool:
    """True when ``text`` holds an HTML tag or a Markdown link or image that is not escaped."""
    import re

    return bool(re.search(r"(?<!\\)<[a-zA-Z]|(?<!\\)\]\(|!(?!\\)\[", text))


def _shown(at: AppTest, leave_out: set[str] = frozenset()) -> str:
    kinds = ("markdown", "caption", "warning", "error", "info", "success", "code")
    out = [e.value for k in kinds for e in getattr(at, k) if e.value not in leave_out] + [e.label for e in at.expander]
    out += [str(m.value) for m in at.metric] + [m.label for m in at.metric]
    out += [str(v) for d in at.dataframe for v in [*d.value.columns, *d.value.astype(str).to_numpy().ravel()]]
    return "\n".join(out)


# --------------------------------------------------------------------------- 20.4 forget this client


def test_forget_unloads_the_clients_statements_and_the_next_click_does_not_bring_them_back(fake):
    at = _counsellor(_app())
    at.text_input(key="client0_label").input("A-001")
    at.text_input(key="client1_label").input("B-002")
    at.text_input(key="client0_name").input("Hanako Sato")
    at.run()
    upload(at, "client0_files", ("a_jan.csv", b"x"), ("a_feb.csv", b"y"))
    upload(at, "client1_files", ("b.csv", b"x"))
    with CaseStore() as store:
        assert {"A-001", "B-002"} <= set(store.clients())
    at.checkbox(key="client0_forget_sure").check().run()
    at.button(key="client0_forget").click().run()
    assert not at.exception, at.exception
    said = " ".join(s.value for s in at.success).replace("\\", "")
    assert "A-001" in said and "a_jan.csv" in said and "a_feb.csv" in said and "2" in said
    at.run()  # the next click: nothing of A-001 is left to re-create it from
    at.date_input(key="counsellor_as_of").set_value(date(2025, 3, 21)).run()
    with CaseStore() as store:
        assert "A-001" not in store.clients() and "B-002" in store.clients()
    assert at.text_input(key="client0_label").value != "A-001"
    assert at.text_input(key="client0_name").value == ""
    summary = next(d.value for d in at.dataframe if "相談者" in d.value.columns)
    assert "A-001" not in list(summary["相談者"])
    assert not any(f.value for f in at.get("file_uploader") if f.proto.id.endswith("client0_files_1"))


# --------------------------------------------------------------------------- 20.7 the page's language


def test_reader_notes_unknown_currency_history_and_exports_are_in_japanese(monkeypatch):
    from audit.cases import export

    data = b"Date,Description,Amount\n2026-01-05,FS *PCSHIELDPRO,29.99\n2026-02-05,FS *PCSHIELDPRO,29.99\n" \
           b"2026-03-05,FS *PCSHIELDPRO,29.99\n2026-03-09,GROCER,12.00\n"
    at = _app()
    upload(at, "uploads", ("mine.csv", data))
    english = {m.value for e in at.expander if e.label == "判定の詳しい根拠（英語）" for m in e.markdown}
    shown = _shown(at, english)  # English only where the page says so
    assert "請求通貨がファイルに書かれていません" in shown and "billing currency not stated" not in shown
    assert "登録済みの形式ではないため" in shown and "layout not recognised" not in shown
    english |= {c.value for c in at.code if "Dear " in c.value}  # the English letters to send stay English
    shown = _shown(at, english)
    assert "（通貨の記載なし）" in shown and "currency not stated" not in shown
    # the Japanese letters: a currency placeholder to fill (never sent as "not stated"), with a warning beside them
    assert any("請求合計：［通貨］" in c.value for c in at.code)
    assert not any("通貨の記載なし" in c.value for c in at.code if "請求合計" in c.value)
    assert any("［通貨］" in w.value for w in at.warning)
    # the case history in Japanese
    key = next(b.key for b in at.button if b.key and b.key.endswith("_cancellation_sent"))
    at.button(key=key).click().run()
    history = [m.value for e in at.expander if e.label == "この契約の経過" for m in e.markdown]
    assert history and "送付：解約・返金の申し出" in " ".join(history).replace("\\", "")
    assert "letter: cancellation" not in " ".join(history)
    # CSV and Excel in the chosen language
    result = pipeline.scan_uploads([("mine.csv", data)])
    ja = export.export_csv([("本人", result)], "contracts", lang="ja").decode("utf-8-sig")
    en = export.export_csv([("me", result)], "contracts", lang="en").decode("utf-8-sig")
    assert ja.splitlines()[0].startswith("相談者,契約,事業者") and "疑わしい理由" in ja.splitlines()[0]
    assert "セキュリティ" in ja and "The name points to" not in ja
    assert en.splitlines()[0].startswith("client,contract,merchant") and "The name points to" in en
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.export_excel([("本人", result)], lang="ja")))
    assert wb.sheetnames == ["契約一覧", "全取引", "申し出文"]
    assert next(wb["全取引"].iter_rows(values_only=True))[:4] == ("相談者", "取引ID", "ファイル", "日付")


@pytest.mark.parametrize("lang, button", [("ja", "ファイルを選ぶ"), ("en", "Choose files")])
def test_the_uploaders_own_texts_follow_the_page_language(lang, button):
    at = _app(lang)
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert f'content:"{button}"' in styles and "MB" in styles


# --------------------------------------------------------------------------- 20.9 deadlines


def test_passed_deadlines_stay_and_a_refusal_brings_the_dispute_step(fake):
    at = _app()
    set_as_of(at, "2026-06-01")  # more than a year after the last charges
    upload(at, "uploads", ("jan.csv", b"x"))
    todo = pd.concat([t.value for t in at.table if "期限" in t.value.columns], ignore_index=True)
    late = todo[todo["すること"].str.contains("異議申立ての目安")]
    assert len(late) == 3 and late["期限"].str.startswith("期限切れ").all()
    at.selectbox(key="me_c1_status_to_write").set_value("refused").run()
    todo = pd.concat([t.value for t in at.table if "期限" in t.value.columns], ignore_index=True)
    assert todo["すること"].str.contains("チャージバック").any()


# --------------------------------------------------------------------------- 20.10 analyst


def test_analyst_view_in_japanese_words_yen_without_decimals_and_clean_draft_names():
    from audit.merchants.workbench import clean_descriptors

    at = AppTest.from_string(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom views.analyst import render\n"
                             "render('ja')\n", default_timeout=180)
    at.run()
    at.button(key="analyst_sample").click().run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    paid = " ".join(table["支払額"])
    assert "JPY" in paid and not any(p.endswith(".00") and "JPY" in p for p in table["支払額"])
    signals = " ".join(table["シグナル"])
    assert "ソフト・サポートの定期請求" in signals and "foreign_software_recurring" not in signals
    assert clean_descriptors(["FS *PCSHIELDPRO利用国USA", "FS *PCSHIELDPRO", "PAYPAL *TECHFIXDESK 利用国 USA"]) == [
        "PCSHIELDPRO", "TECHFIXDESK"]


def test_analyst_errors_are_text_never_markup():
    at = AppTest.from_string(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom views.analyst import render\n"
                             "render('en')\n", default_timeout=180)
    at.run()
    at.file_uploader(key="analyst_upload").set_value([(HOSTILE_NAME, b"\x00\x01binary", "text/csv")]).run()
    assert not at.exception, at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "evil.example" in warning.replace("\\", "")
    assert not _markup(warning), warning


# --------------------------------------------------------------------------- issue 21: file names are text


def test_a_file_name_is_never_rendered_as_markdown_or_html(fake, monkeypatch):
    at = _app()
    upload(at, "uploads", (HOSTILE_NAME, b"x"))
    labels = [e.label for e in at.expander] + [c.value for c in at.caption] + [e.value for e in at.error]
    named = [x for x in labels if "evil" in x]
    assert named, "the file name is shown somewhere"
    for x in named:
        assert not _markup(x), x


# --------------------------------------------------------------------------- 20.11 smaller points


def test_sample_picker_names_sets_and_the_sample_never_writes_into_the_users_case_file():
    at = _app()
    picker = at.selectbox(key="sample_choice")
    assert not any("sample_statements" in o for o in picker.options)
    assert any("client_a" in o for o in picker.options)
    at.button(key="sample_load").click().run()
    assert not at.exception, at.exception
    assert any("ファイル・" in c.value and "サンプル" in c.value for c in at.caption)
    assert not any("読み込み中" in x for x in _shown(at).splitlines())
    assert any(s.key and "_status_" in s.key for s in at.selectbox)  # the sample's cases work on the page
    with CaseStore() as store:  # ... in a file of their own, not the user's
        assert store.cases("self") == [] and "self" not in store.clients()


def test_one_descriptor_printed_two_ways_is_shown_once():
    from types import SimpleNamespace

    from views.contracts import descriptors_shown

    c = SimpleNamespace(descriptors=["FS *PCSHIELDPRO利用国USA", "FS *PCSHIELDPRO", "FS *PCSHIELDPRO 利用国 USA"])
    assert descriptors_shown(c) == ["FS *PCSHIELDPRO"]


def test_to_do_rows_of_two_cards_say_which_card(monkeypatch):
    from test_page_cards import UK, US

    at = _app("en")
    upload(at, "uploads", US, UK)
    todo = pd.concat([t.value for t in at.table if "When" in t.value.columns], ignore_index=True)
    assert "Card" in todo.columns and "Contract" in todo.columns
    same = todo.drop(columns=["Card", "Contract"]).duplicated(keep=False)
    assert same.any() and todo[same]["Card"].nunique() > 1  # rows alike but for the card are told apart


def test_counsellor_money_columns_are_wide_enough(fake):
    import json

    at = _counsellor(_app())
    upload(at, "client0_files", ("a.csv", b"x"))
    summary = next(d for d in at.dataframe if "相談者" in d.value.columns)
    config = json.loads(summary.proto.columns)
    wide = [k for k, v in config.items() if v.get("width") == "large"]
    assert any("不審な請求の合計" in k for k in wide) and any("返金額" in k for k in wide)
