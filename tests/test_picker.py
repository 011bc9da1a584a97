"""The column picker (issue 23 points 1-3): a refused file and a misread file read right through the user's
choice of columns, the choice saved in the user's data folder under the file's header and used for the next
file of that bank on the page and on the command line, saved layouts listed, renamed and deleted, the currency
asked once per file, and one-line errors in the page's language.

Statements written here (fictional): a point card export whose points column the reader takes for the amount,
and a German current-account export with compact dates (DDMMYYYY) that the reader refuses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from audit import picker
from audit.readers import read_statement
from audit.readers.mapping import MappingError
from audit.readers.saved import LayoutStore

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"


def _points(month: int) -> tuple[str, bytes]:
    """A point card's export: day, shop, points earned, yen paid (no currency anywhere)."""
    rows = ["Day|Shop|Points|Paid"]
    for m in (month, month + 1, month + 2):
        rows += [f"2026/{m:02d}/12|PCSAFE HELPDESK|50|4999", f"2026/{m:02d}/15|GROCER {m}|{23 + m}|{2314 + m * 10}"]
    return f"points_2026-{month:02d}.csv", ("\n".join(rows) + "\n").encode("utf-8")


def _konto(month: int) -> tuple[str, bytes]:
    """A German current account: a preamble line, then number, compact date, text, amount with a comma."""
    rows = ["Kontoauszug Girokonto", "Nr;Beleg;Text;Betrag"]
    for k, m in enumerate((month, month + 1, month + 2)):
        rows += [f"{2 * k + 1};12{m:02d}2026;PCSAFE HELPDESK;49,99", f"{2 * k + 2};15{m:02d}2026;REWE MARKT {m};23,{m:02d}"]
    return f"konto_2026-{month:02d}.csv", ("\n".join(rows) + "\n").encode("utf-8")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Saved layouts and cases in a temporary data folder: never the user's, never the repo."""
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "data"))
    st.cache_data.clear()
    yield tmp_path / "data"
    st.cache_data.clear()


# --------------------------------------------------------------------------- audit.picker


def test_the_reader_is_unsure_of_the_points_file_and_refuses_the_konto_file() -> None:
    name, data = _points(9)
    df, report = read_statement(data=data, name=name)
    assert picker.unsure(report) and set(df["amount"]) != {4999.0}  # points read as the amount
    start = picker.start_from(report, picker.file_head(data, name))
    assert start.roles[2] == "amount" and start.confidence[2] is not None and start.confidence[2] < 0.7
    kname, kdata = _konto(9)
    with pytest.raises(Exception, match="no transactions found"):
        read_statement(data=kdata, name=kname)
    assert picker.can_map(kname, kdata) and not picker.can_map("x.pdf", b"%PDF-1.4\n")


def test_a_mapping_built_from_the_pickers_choice_reads_both_files_right() -> None:
    name, data = _points(9)
    head = picker.file_head(data, name)
    m = picker.build_mapping(["date", "description", "ignore", "amount"], head, currency="JPY")
    got = picker.preview(data, name, m)
    assert got.error == "" and got.rows == 6 and set(got.frame["amount"]) >= {4999.0}
    assert set(got.frame["currency"]) == {"JPY"}
    kname, kdata = _konto(9)
    khead = picker.file_head(kdata, kname)
    assert khead.rows[0][0] == "Kontoauszug Girokonto" and khead.rows[1] == ["Nr", "Beleg", "Text", "Betrag"]
    m = picker.build_mapping(["ignore", "date", "description", "amount"], khead, row=1, date_format="DDMMYYYY",
                             decimal=",", currency="EUR")
    assert m.columns == {"date": "Beleg", "description": "Text", "amount": "Betrag"} and m.skip == 1
    got = picker.preview(kdata, kname, m)
    assert got.error == "" and got.rows == 6
    assert got.frame["date"].iloc[0] == "2026-09-12" and got.frame["amount"].iloc[0] == 49.99


def test_the_pickers_errors_are_one_line_each() -> None:
    kname, kdata = _konto(9)
    head = picker.file_head(kdata, kname)
    with pytest.raises(MappingError, match="one column per role"):
        picker.build_mapping(["date", "date", "description", "amount"], head, row=1)
    with pytest.raises(MappingError, match="no amount"):
        picker.build_mapping(["ignore", "date", "description", "ignore"], head, row=1)
    m = picker.build_mapping(["ignore", "date", "description", "amount"], head, row=1, date_format="DD.MM.YYYY")
    got = picker.preview(kdata, kname, m)
    assert got.frame is None and "reads no date" in got.error and "\n" not in got.error
    from audit.ui_picker import mapping_error_text

    ja = mapping_error_text(got.error, "ja")
    assert "日付の形式" in ja and "1 行も読めません" in ja
    assert "見出しにありません" in mapping_error_text("column 'Dy' (date) is not in the header (it has: 'Day')", "ja")
    assert "同じ列 1" in mapping_error_text("date and description both name column 1: one role per column", "ja")


def test_audit_layouts_show_prints_the_rows_and_the_readers_choice(tmp_path, capsys) -> None:
    from audit.cli import main

    name, data = _points(9)
    (tmp_path / name).write_bytes(data)
    assert main(["layouts", "show", str(tmp_path / name)]) == 0
    out = capsys.readouterr().out
    assert "Day | Shop | Points | Paid" in out and "column 3: amount (45%)" in out


def test_a_layout_saved_from_the_picker_reads_the_next_file_on_the_command_line(tmp_path, capsys, _isolated) -> None:
    from audit.cli import main

    kname, kdata = _konto(9)
    head = picker.file_head(kdata, kname)
    m = picker.build_mapping(["ignore", "date", "description", "amount"], head, row=1, date_format="DDMMYYYY",
                             decimal=",", currency="EUR")
    report = picker.preview(kdata, kname, m).report
    LayoutStore().save("Girokonto", m, report.signature, report.issuer)
    assert (_isolated / "layouts.json").exists() and not list(ROOT.glob("layouts.json"))
    nname, ndata = _konto(10)  # next month's file of the same bank
    (tmp_path / nname).write_bytes(ndata)
    assert main(["scan", str(tmp_path / nname)]) == 0
    out = capsys.readouterr().out
    assert "EUR 49.99" in out and "no transactions found" not in out


# --------------------------------------------------------------------------- the page


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


def _key(at: AppTest, name: str, suffix: str) -> str:
    stem = name.split(".")[0].replace("_", "-")
    keys = [str(w.key) for kind in ("selectbox", "checkbox", "text_input", "button", "radio")
            for w in getattr(at, kind) if str(w.key).startswith("me_pick_")]
    return next(k for k in keys if f"me_pick_{stem}-csv_" in k and k.endswith("_" + suffix))


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "warning", "error", "info", "success")
    return "\n".join([e.value for k in kinds for e in getattr(at, k)] + [e.label for e in at.expander]).replace("\\", "")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_refused_and_a_misread_file_through_the_picker_then_the_next_file_without_asking(lang, _isolated) -> None:
    points, konto = _points(9), _konto(9)
    at = _upload(_app(lang), points, konto)
    text = _texts(at)
    unsure = "自信がないまま" if lang == "ja" else "low confidence"
    refused = "読み込めませんでした" if lang == "ja" else "could not be read"
    assert unsure in text and refused in text
    # the misread file: the points column is no amount; the paid column is, in yen
    at.selectbox(key=_key(at, points[0], "role2")).set_value("ignore")
    at.selectbox(key=_key(at, points[0], "role3")).set_value("amount").run()
    at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("_filecur_me_points")
                          and str(s.key).endswith("_picker"))).set_value("JPY").run()
    preview = next(d.value for d in at.dataframe if len(d.value) and 4999.0 in set(d.value.iloc[:, 2]))
    assert len(preview) == 6
    at.button(key=_key(at, points[0], "apply")).click().run()
    assert not at.exception, at.exception
    assert "JPY 14,997" in _texts(at).replace("\\", "")  # three months of 4,999 yen, no longer points
    # the refused file: header row, roles, date format, decimal comma, currency; a wrong format says so first
    at.selectbox(key=_key(at, konto[0], "row")).set_value(1)
    for i, role in enumerate(["ignore", "date", "description", "amount"]):
        at.selectbox(key=_key(at, konto[0], f"role{i}")).set_value(role)
    at.text_input(key=_key(at, konto[0], "datefmt")).input("DD.MM.YYYY")
    at.radio(key=_key(at, konto[0], "decimal")).set_value(",").run()
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert ("1 行も読めません" if lang == "ja" else "reads no date") in errors
    at.text_input(key=_key(at, konto[0], "datefmt")).input("DDMMYYYY").run()
    at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("_filecur_me_konto")
                          and str(s.key).endswith("_picker"))).set_value("EUR").run()
    at.text_input(key=_key(at, konto[0], "savename")).input("Girokonto").run()
    at.button(key=_key(at, konto[0], "save")).click().run()
    assert not at.exception, at.exception
    saved = LayoutStore().list()
    assert [s.name for s in saved] == ["Girokonto"] and saved[0].mapping.currency == "EUR"
    assert (_isolated / "layouts.json").exists()
    text = _texts(at)
    assert "EUR 149.97" in text and refused not in text
    # next month's file of the same bank: read with the saved layout, nothing asked
    again = _upload(_app(lang), _konto(10))
    text = _texts(again)
    assert refused not in text and unsure not in text
    assert "EUR 149.97" in text
    assert not [w for w in again.selectbox if str(w.key).startswith("me_pick_")]


def test_saved_layouts_are_listed_renamed_and_deleted_on_the_page(_isolated) -> None:
    kname, kdata = _konto(9)
    head = picker.file_head(kdata, kname)
    m = picker.build_mapping(["ignore", "date", "description", "amount"], head, row=1, date_format="DDMMYYYY",
                             decimal=",")
    LayoutStore().save("Girokonto", m, picker.preview(kdata, kname, m).report.signature)
    at = _upload(_app(), _konto(10))
    assert any("保存した列の指定（1 件）" in e.label for e in at.expander)
    assert "Girokonto" in _texts(at)
    at.text_input(key="me_layout_new_0").input("Sparkasse Giro").run()
    at.button(key="me_layout_rename_0").click().run()
    assert [s.name for s in LayoutStore().list()] == ["Sparkasse Giro"]
    assert "保存した指定「Sparkasse Giro」" in " ".join(str(d.value.to_string()) for d in at.dataframe)
    at.button(key="me_layout_delete_0").click().run()
    assert LayoutStore().list() == []
    assert any("読み込めませんでした" in i.value for i in at.info)  # without the layout it is refused again


def test_the_currency_is_asked_once_per_file_for_the_picker_and_the_figures() -> None:
    points = _points(9)
    at = _upload(_app(), points)
    asked = [s for s in at.selectbox if str(s.key).startswith("_filecur_me_points")]
    places = {str(s.key).rsplit("_", 1)[1] for s in asked}  # above the figures, in the picker, beside letters
    assert {"ask", "picker"} <= places and all(p.startswith("letter-") for p in places - {"ask", "picker"})
    asked[0].set_value("JPY").run()
    mine = [s for s in at.selectbox if str(s.key).startswith("_filecur_me_points")]
    assert all(s.value == "JPY" for s in mine)  # one answer, shown in each place it is asked
    assert not any("請求通貨が書かれていません" in w.value for w in at.warning)


def test_the_counsellor_gets_the_picker_for_a_clients_refused_file() -> None:
    at = _app()
    at.radio(key="mode_ja").set_value("counsellor").run()
    at.file_uploader(key="client0_files").set_value([(*_konto(9), "text/csv")]).run()
    assert not at.exception, at.exception
    keys = [str(s.key) for s in at.selectbox if str(s.key).startswith("view0_pick_konto")]
    assert any(k.endswith("_role1") for k in keys) and any(k.endswith("_row") for k in keys)


def _giro(month: int) -> tuple[str, bytes]:
    """A bank export the reader reads without doubt: date, a booking text, the counterparty, the amount."""
    rows = ["Date,Booking text,Counterparty,Amount"]
    for m in (month, month + 1, month + 2):
        rows += [f"2026-{m:02d}-10,Card payment,PCSAFE HELPDESK {m},49.99",
                 f"2026-{m:02d}-14,Card payment,CORNER SHOP {m},12.{m:02d}"]
    return f"giro_2026-{month:02d}.csv", ("\n".join(rows) + "\n").encode("utf-8")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_columns_of_a_file_read_without_doubt_can_be_chosen_by_hand_in_the_files_tab(lang) -> None:
    giro = _giro(9)
    at = _upload(_app(lang), giro)
    assert not [k for k in (str(s.key) for s in at.selectbox) if k.startswith("me_pick_")]  # nothing asked
    ask = next(b for b in at.button if str(b.key).startswith("me_pick_giro") and str(b.key).endswith("_ask"))
    assert ask.label == ("列を自分で選ぶ" if lang == "ja" else "Choose the columns myself")
    ask.click().run()
    assert not at.exception, at.exception
    for i, role in enumerate(["date", "ignore", "description", "amount"]):  # the counterparty is the merchant
        at.selectbox(key=_key(at, giro[0], f"role{i}")).set_value(role)
    at.run()
    at.button(key=_key(at, giro[0], "apply")).click().run()
    assert not at.exception, at.exception
    rows = next(d.value for d in at.dataframe if "PCSAFE HELPDESK 9" in d.value.to_string()
                and len(d.value) == 6)  # all transactions, described by the counterparty
    assert "Card payment" not in rows.to_string()
    closing = next(b for b in at.button if str(b.key).startswith("me_pick_giro") and str(b.key).endswith("_close"))
    closing.click().run()
    assert not at.exception, at.exception
    applied = "この指定で読んでいます" if lang == "ja" else "read this way"
    assert any(applied in e.label and "giro" in e.label for e in at.expander)  # kept, its picker at the top
    assert any("PCSAFE HELPDESK 9" in d.value.to_string() for d in at.dataframe)


@pytest.mark.parametrize(("strftime", "shown"), [
    ("%d.%m.%Y", "DD.MM.YYYY"), ("%m/%d/%y", "MM/DD/YY"), ("%Y年%m月%d日", "YYYY年MM月DD日"), ("%d %b %Y", "DD MMM YYYY"),
    ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M"), ("", ""),
])
def test_the_picker_shows_the_readers_date_format_as_a_person_writes_it(strftime: str, shown: str) -> None:
    from audit.readers.mapping import strptime_format

    assert picker.pattern_format(strftime) == shown
    if shown:
        assert strptime_format(shown) == strftime  # reads back as the same format
