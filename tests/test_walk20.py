"""Findings of the second newcomer walk of the page (issue 20 follow-up), through the audit functions the page
and the CLI share: money whose currency no statement states stays per card, a contract is judged against its
own card's statements, and a file's currency can be given when the file does not state it.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from audit import pipeline
from audit.cases.money import (
    add_totals,
    by_card,
    contracts_total,
    format_money,
    format_totals,
    is_unstated,
    unstated_bucket,
)
from audit.report_text import render_text

SUPPORT = "PCSAFE HELPDESK 888-555-0142"


def _plain(rows: list[tuple[str, str, float]]) -> bytes:
    """A US-style export with no currency anywhere (MM/DD/YYYY dates, bare amounts)."""
    lines = ["Date,Description,Amount"] + [f"{d},{desc},{amount:.2f}" for d, desc, amount in rows]
    return ("\n".join(lines) + "\n").encode()


def _card(months: range, support: float, shop: str, tag: str) -> bytes:
    rows = []
    for m in months:
        rows += [(f"{m:02d}/02/2026", f"{shop} {tag}", 80.0 + m), (f"{m:02d}/12/2026", f"{SUPPORT} {tag}", support),
                 (f"{m:02d}/24/2026", f"CITY UTILITIES {tag}", 60.0 + m / 10)]
    return _plain(rows)


US = ("us_card.csv", _card(range(9, 12), 49.99, "GROCER", "OR"))
CA = ("ca_card.csv", _card(range(9, 12), 64.99, "MARKET", "ON"))


def _support(result: pipeline.ScanResult) -> list:
    return [c for c in result.contracts if c.suspicious and "PCSAFE" in c.merchant]


# --------------------------------------------------------------------------- 1: unstated currencies per card


def test_unstated_currency_of_two_cards_is_never_one_sum() -> None:
    result = pipeline.scan_uploads([US, CA])
    bad = _support(result)
    assert len(bad) == 2 and {c.currency for c in bad} == {"unknown"}
    total = contracts_total(bad)
    assert sorted(total.values()) == [149.97, 194.97]  # one bucket per card, never 344.94
    shown = format_totals(total, lang="ja")
    assert "344.94" not in shown
    assert "us_card.csv のカード" in shown and "ca_card.csv のカード" in shown
    assert "card of us_card.csv" in format_totals(total, lang="en")
    # the command line's summary line keeps them apart too
    report = render_text(result)
    assert "344.94" not in report and "149.97 (currency not stated, card of us_card.csv)" in report


def test_unstated_buckets_keep_clients_apart_and_stated_currencies_add() -> None:
    a = SimpleNamespace(cards=["file:jan.csv"], client="A", paid_by_currency={"unknown": 10.0})
    b = SimpleNamespace(cards=["file:jan.csv"], client="B", paid_by_currency={"unknown": 5.0})
    same_card = by_card(a, {"unknown": 1.0, "USD": 2.0})
    assert same_card == {unstated_bucket("file:jan.csv"): 1.0, "USD": 2.0}
    # two clients whose files share a name: apart in an overall figure
    overall = add_totals(by_card(c, c.paid_by_currency, clients=True) for c in (a, b))
    assert sorted(overall.values()) == [5.0, 10.0]
    assert "A / jan.csv のカード" in format_totals(overall, lang="ja")
    # stated currencies are added as before, and a bare "unknown" still reads as before
    usd = add_totals([by_card(a, {"USD": 2.0}), by_card(b, {"USD": 3.0})])
    assert usd == {"USD": 5.0}
    assert format_money(1.5, "unknown", "en") == "1.50 (currency not stated)"
    assert is_unstated(unstated_bucket("****1234")) and not is_unstated("USD")
    assert format_money(2.0, unstated_bucket("****1234"), "en") == "2.00 (currency not stated, card ****1234)"


# --------------------------------------------------------------------------- 2: active or ended, per card


def _jp_rows(months: range) -> bytes:
    lines = ["利用日,利用店名・商品名,利用金額"]
    for m in months:
        lines += [f"2026/{m:02d}/03,ﾏｲｸﾛｿﾌﾄ ｻﾎﾟｰﾄｾﾝﾀｰ,7980", f"2026/{m:02d}/08,ライフ 桜丘店,{2800 + m * 13}"]
    lines.append(f"2026/{months[-1]:02d}/27,スギ薬局,{1287}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_card_whose_statements_stop_earlier_keeps_its_contract_running() -> None:
    jp = ("jp_card.csv", _jp_rows(range(8, 11)))  # August to October
    result = pipeline.scan_uploads([jp, US])  # the US card's statements run to late November
    ms = next(c for c in result.contracts if "サポート" in c.merchant)
    assert ms.status == "active" and ms.next_expected_date == "2026-11-03"
    alone = pipeline.scan_uploads([jp])
    assert next(c for c in alone.contracts if "サポート" in c.merchant).status == "active"


def test_a_card_whose_own_statements_run_on_without_the_charge_ends_it() -> None:
    months = range(8, 13)
    lines = ["利用日,利用店名・商品名,利用金額"]
    for m in months:
        if m <= 10:
            lines.append(f"2026/{m:02d}/03,ﾏｲｸﾛｿﾌﾄ ｻﾎﾟｰﾄｾﾝﾀｰ,7980")
        lines.append(f"2026/{m:02d}/08,ライフ 桜丘店,{2800 + m * 13}")
    jp = ("jp_card.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    result = pipeline.scan_uploads([jp, US])
    assert next(c for c in result.contracts if "サポート" in c.merchant).status == "ended"


def test_a_printed_statement_period_counts_as_the_cards_coverage() -> None:
    import datetime as dt

    import pandas as pd

    from audit.detection.coverage import owner_ends

    tx = pd.DataFrame({"date": pd.to_datetime(["2026-10-03", "2026-10-20", "2026-11-24"]),
                       "source": ["a.csv", "a.csv", "b.csv"]})
    owners = pd.Series([0, 0, 1]).to_numpy()
    ends = owner_ends(tx, owners, 2, {"a.csv": (dt.date(2026, 10, 1), dt.date(2026, 10, 31))})
    assert [str(x)[:10] for x in ends] == ["2026-10-31", "2026-11-24"]


# --------------------------------------------------------------------------- 3: the user gives a file's currency


def test_a_files_currency_given_by_the_user_replaces_unknown() -> None:
    result = pipeline.scan_uploads([US, CA], currency={"us_card.csv": "usd"})
    tx = result.transactions
    assert set(tx.loc[tx["source"] == "us_card.csv", "currency"]) == {"USD"}
    assert set(tx.loc[tx["source"] == "ca_card.csv", "currency"]) == {"unknown"}
    us = next(c for c in _support(result) if c.currency == "USD")
    assert us.paid_by_currency == {"USD": 149.97}
    card = next(c for c in result.cards if "us_card.csv" in c.files)
    assert card.currency == "USD" and card.country == "US"
    report = next(r for r in result.reports if r.source == "us_card.csv")
    assert not any("unknown" in w for w in report.warnings)
    assert "billing currency not stated in the file: USD as given" in report.warnings


def test_a_given_currency_never_overrides_what_the_file_states() -> None:
    uk = ("uk.csv", b"Date,Description,Amount\n02/09/2026,TESCO,\xc2\xa342.18\n12/09/2026,SPOTIFY UK,\xc2\xa311.99\n")
    result = pipeline.scan_uploads([uk], currency={"uk.csv": "USD"})
    assert set(result.transactions["currency"]) == {"GBP"}


def test_a_bad_currency_code_is_refused_with_one_line() -> None:
    with pytest.raises(ValueError, match="ISO"):
        pipeline.scan_uploads([US], currency={"us_card.csv": "dollars"})


def test_the_command_line_takes_a_files_currency(tmp_path, capsys) -> None:
    from audit.cli import main

    for name, data in (US, CA):
        (tmp_path / name).write_bytes(data)
    code = main(["scan", str(tmp_path / "us_card.csv"), str(tmp_path / "ca_card.csv"),
                 "--file-currency", "us_card.csv=usd"])
    out = capsys.readouterr().out
    assert code == 0 and "USD 149.97" in out and "194.97 (currency not stated" in out
    code = main(["scan", str(tmp_path / "us_card.csv"), "--file-currency", "us_card.csv=dollars"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "ISO code" in err and "Traceback" not in err


# --------------------------------------------------------------------------- 4, 9: exports carry the case file, in the page's language


def test_exports_carry_the_case_status_and_ticket_in_the_chosen_language() -> None:
    import io

    import pandas as pd

    from audit.cases.export import contracts_frame, export_csv, export_excel, export_html

    result = pipeline.scan_uploads([US])
    c = _support(result)[0]
    case = {"ref": "C-0007", "status": "discount_offered", "ticket": "TK-4471", "next_due": "2026-12-20"}
    clients, cases = [("A. Jones", result)], {("A. Jones", c.id): case}
    ja = contracts_frame(clients, "ja", cases)
    row = ja[ja["contract"] == c.id].iloc[0]
    assert (row["case"], row["ticket"], row["next_due"]) == ("C-0007", "TK-4471", "2026-12-20")
    assert row["case_status"] == "割引の提案あり" and row["suspicious"] == "はい"
    assert set(ja["suspicious"]) <= {"はい", "いいえ"}  # never True / False on a Japanese export
    assert row["currency"] == "通貨の記載なし"  # never the code "unknown"
    assert contracts_frame(clients, "en", cases)[lambda d: d["contract"] == c.id].iloc[0]["case_status"] == \
        "discount offered"
    text = export_csv(clients, "contracts", lang="ja", cases=cases).decode("utf-8-sig")
    assert "受付番号" in text and "TK-4471" in text and "unknown" not in text
    sheet = pd.read_excel(io.BytesIO(export_excel(clients, lang="ja", cases=cases)), sheet_name="契約一覧")
    assert "TK-4471" in sheet["受付番号"].astype(str).tolist()
    page = export_html(clients, lang="ja", cases=cases)
    assert "C-0007" in page and "TK-4471" in page and "割引の提案あり" in page
    assert "monthly" not in page.split("<h4>")[0] and "毎月" in page  # the summary lines in Japanese
    assert "total paid" not in page.split("<h4>")[0]
    english = export_html(clients, lang="en", cases=cases)
    assert "ticket TK-4471" in english and "monthly" in english


def test_reader_notes_name_column_roles_in_japanese() -> None:
    from audit.ui_messages import note_text

    note = "layout not recognised: read as a generic statement; columns chosen by header name: " \
           "date='Date', description='Description', amount='Amount'"
    ja = note_text(note, "ja")
    assert "日付＝「Date」" in ja and "金額＝「Amount」" in ja and "date=" not in ja
    assert note_text(note, "en") == note


@pytest.mark.parametrize("printed, name", [
    ("PCSAFE HELPDESK 888-555-0142 ON", "PCSAFE HELPDESK"),
    ("PCSAFE HELPDESK 888-555-0142 FL", "PCSAFE HELPDESK"),
    ("PCSAFE HELPDESK (888) 555-0142 OR", "PCSAFE HELPDESK"),
    ("PLUG IN", "PLUG IN"),  # a region word without a phone number before it stays part of the name
    ("CALL ME", "CALL ME"),
])
def test_a_region_after_a_phone_number_is_where_not_who(printed, name) -> None:
    from audit.descriptors import normalize_descriptor

    assert normalize_descriptor(printed) == name


# --------------------------------------------------------------------------- 13: a monthly bill seen over one quarter


def _quarter(name: str, amounts: list[float], days: list[int]) -> bytes:
    lines = ["利用日,利用店名・商品名,利用金額"]
    for m, (amount, day) in enumerate(zip(amounts, days, strict=True), start=8):
        lines.append(f"2026/{m:02d}/{day:02d},{name},{amount:.0f}")
        lines.append(f"2026/{m:02d}/{day + 5:02d},ライフ 桜丘店,{2800 + m * 13}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_phone_bill_with_varying_amounts_over_three_months_is_a_subscription() -> None:
    data = _quarter("ＮＴＴドコモ ご利用料金", [6842, 7015, 6790], [10, 10, 10])
    subs = pipeline.scan_uploads([("q.csv", data)]).subscriptions
    bill = [s for s in subs if "ドコモ" in s.merchant]
    assert len(bill) == 1 and bill[0].cadence == "monthly" and bill[0].charges == 3


@pytest.mark.parametrize("amounts, days", [
    ([4800, 7015, 6100], [10, 10, 10]),  # amounts too far apart for a bill
    ([6842, 7015, 6790], [3, 17, 10]),  # no common billing day
])
def test_three_charges_that_do_not_look_like_a_bill_stay_apart(amounts, days) -> None:
    data = _quarter("HOME CENTER KOHNAN", amounts, days)
    subs = pipeline.scan_uploads([("q.csv", data)]).subscriptions
    assert not [s for s in subs if "KOHNAN" in s.merchant]


def test_the_pages_letters_zip_holds_a_folder_per_client_and_contract() -> None:
    import io
    import zipfile

    from audit.cases.batch import clients_zip
    from audit.cases.letters import LetterDetails

    us, ca = pipeline.scan_uploads([US]), pipeline.scan_uploads([CA])
    c = _support(us)[0]
    own = {("A. Jones", c.id): LetterDetails(name="A. Jones", order_number="QX-55120")}
    data = clients_zip([("A. Jones", us), ("K. Tremblay", ca)], [LetterDetails(name="A. Jones"),
                                                                  LetterDetails(name="K. Tremblay")], own)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.startswith("A-Jones/") or n.startswith("A. Jones/") for n in names), names
    assert len({n.split("/")[0] for n in names}) == 2 and all(n.count("/") == 2 for n in names)
    z = zipfile.ZipFile(io.BytesIO(data))
    jones = [z.read(n).decode("utf-8", "replace") for n in names if "Jones" in n.split("/")[0] and n.endswith(".txt")]
    tremblay = [z.read(n).decode("utf-8", "replace") for n in names if "Tremblay" in n and n.endswith(".txt")]
    assert any("QX-55120" in t for t in jones) and not any("QX-55120" in t for t in tremblay)
