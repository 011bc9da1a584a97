"""Counsellor export: frames, CSV with BOM, Excel sheets, printable HTML, formula neutralising."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
from openpyxl import load_workbook

from audit import schema
from audit.cases.export import (
    contracts_frame,
    export_csv,
    export_excel,
    export_html,
    letters_frame,
    safe_cell,
    transactions_frame,
)
from audit.cases.letters import LetterDetails
from audit.contracts import Contract, build_contracts
from audit.model import Finding, ParseReport, Subscription
from audit.pipeline import ScanResult

EVIL = "=HYPERLINK(\"http://evil.example\",\"x\")"


def tx(rows: list[tuple]) -> pd.DataFrame:
    return schema.conform(pd.DataFrame({
        "id": [r[0] for r in rows], "source": "client.csv", "date": [r[1] for r in rows],
        "description": [r[2] for r in rows], "amount": [float(r[3]) for r in rows], "currency": "JPY",
        "card": "4980123412341234", "kind": ["refund" if r[3] < 0 else "charge" for r in rows],
    }))


def result_a() -> ScanResult:
    t = tx([
        ("a1", "2025-01-05", EVIL, 4980), ("a2", "2025-02-05", EVIL, 4980), ("a3", "2025-02-20", EVIL, -4980),
        ("a4", "2025-01-10", "@SUM(1)", 69000), ("a5", "2025-01-15", "ストリーミング<b>動画</b>", 990),
        ("a6", "2025-02-15", "ストリーミング<b>動画</b>", 990), ("a7", "2025-02-01", "-2+3 GROCER", 1200),
    ])
    subs = [
        Subscription(merchant=EVIL, merchant_key=EVIL, transaction_ids=["a1", "a2"], cadence="monthly", charges=2,
                     total_paid=9960, currency="JPY", first_date="2025-01-05", last_date="2025-02-05",
                     last_amount=4980, average_amount=4980, status="active", early=True,
                     next_expected_date="2025-03-05", next_expected_amount=4980.0, suspicious=True, score=75,
                     reasons=["+ looks like fake security software"]),
        Subscription(merchant="ストリーミング<b>動画</b>", merchant_key="STREAM", transaction_ids=["a5", "a6"],
                     cadence="monthly", charges=2, total_paid=1980, currency="JPY", first_date="2025-01-15",
                     last_date="2025-02-15", last_amount=990, average_amount=990, status="active", early=True),
    ]
    findings = [Finding("large_support_plan", "@SUM(1)", 80.0, ["large support plan <script>"], ["a4"])]
    r = ScanResult(transactions=t, findings=findings, subscriptions=subs,
                   reports=[ParseReport(source="client.csv", kind="csv", layout="generic", rows=7)])
    r.contracts = build_contracts(t, findings, subs)
    return r


def result_b() -> ScanResult:
    t = tx([("b1", "2025-03-01", "PLAIN SOFT", 3000)])
    findings = [Finding("foreign_software_recurring", "PLAIN SOFT", 50.0, ["foreign software"], ["b1"])]
    r = ScanResult(transactions=t, findings=findings)
    r.contracts = build_contracts(t, findings, [])
    return r


CLIENTS = [("Client A (fictional)", result_a()), ("Client B", result_b())]


def test_safe_cell() -> None:
    for bad in ("=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("OK") == "OK" and safe_cell(-5.0) == -5.0 and safe_cell(3) == 3 and safe_cell("") == ""


def test_contracts_frame() -> None:
    df = contracts_frame(CLIENTS)
    assert list(df["client"]) == ["Client A (fictional)"] * 3 + ["Client B"]
    assert list(df["suspicious"]) == [True, True, False, True]
    first = df.iloc[0]
    assert first["merchant"] == "@SUM(1)" and first["score"] == 80.0 and first["total_paid"] == 69000.0
    second = df.iloc[1]
    assert second["refunded"] == 4980.0 and second["total_paid"] == 4980.0 and second["charges"] == 2
    assert second["next_expected_date"] == "2025-03-05" and second["cadence"] == "monthly"
    assert pd.api.types.is_float_dtype(df["total_paid"]) and pd.api.types.is_integer_dtype(df["charges"])


def test_transactions_frame_masks_cards_and_links_contracts() -> None:
    df = transactions_frame(CLIENTS)
    assert len(df) == 8
    assert set(df["card"]) == {"****1234"}
    assert df.loc[df["id"] == "a4", "contract"].item() == "c1"
    assert df.loc[df["id"] == "a7", "contract"].item() == ""
    assert df.loc[df["id"] == "a3", "suspicious"].item()
    assert df["date"].iloc[0] == "2025-01-05"


def test_csv_bom_and_neutralised() -> None:
    data = export_csv(CLIENTS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    merchants = [r["merchant"] for r in rows]
    assert "'@SUM(1)" in merchants and "'" + EVIL in merchants
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    assert rows[1]["total_paid"] == "4980.0"  # numbers stay plain numbers
    assert rows[1]["reasons"].startswith("'+ looks like")
    tx_rows = list(csv.DictReader(io.StringIO(export_csv(CLIENTS, table="transactions").decode("utf-8-sig"))))
    assert {r["description"] for r in tx_rows if r["id"] == "a7"} == {"'-2+3 GROCER"}
    assert [r["amount"] for r in tx_rows if r["id"] == "a3"] == ["-4980.0"]


def test_excel_sheets_and_neutralised() -> None:
    wb = load_workbook(io.BytesIO(export_excel(CLIENTS)))
    assert wb.sheetnames == ["Contracts", "Transactions", "Letters"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@"))
    contracts = wb["Contracts"]
    header = [c.value for c in contracts[1]]
    total_col = header.index("total_paid")
    assert contracts.cell(row=2, column=header.index("merchant") + 1).value == "'@SUM(1)"
    assert isinstance(contracts.cell(row=3, column=total_col + 1).value, float | int)
    txs = wb["Transactions"]
    amount_col = [c.value for c in txs[1]].index("amount") + 1
    assert any(txs.cell(row=r, column=amount_col).value == -4980 for r in range(2, txs.max_row + 1))
    letters = wb["Letters"]
    assert letters.max_row == 1 + 3 * 3  # three suspicious contracts, three letters each


def test_letters_frame_uses_details_by_name_or_position() -> None:
    by_name = letters_frame(CLIENTS, {"Client B": LetterDetails(name="Taro Example")})
    b_rows = by_name[by_name["client"] == "Client B"]
    assert b_rows["body_en"].str.contains("Taro Example").all()
    assert by_name[by_name["client"] != "Client B"]["body_en"].str.contains(r"\[YOUR NAME\]").all()
    by_pos = letters_frame(CLIENTS, [LetterDetails(name="Hanako Example"), None])
    assert by_pos[by_pos["client"] == "Client A (fictional)"]["body_en"].str.contains("Hanako Example").all()


def test_html_self_contained_and_escaped() -> None:
    page = export_html(CLIENTS, {"Client A (fictional)": LetterDetails(name="Hanako <Example>")})
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<b>動画</b>" not in page
    assert "&lt;script&gt;" in page and "ストリーミング&lt;b&gt;動画&lt;/b&gt;" in page
    assert "Hanako &lt;Example&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.IGNORECASE)
    assert "<link" not in page and "@import" not in page
    assert page.count('<div class="contract">') == 3
    assert page.count('<div class="letter">') == 9
    assert "2025-01-05" in page and "JPY 4,980" in page and "JPY 69,000" in page
    assert "4980123412341234" not in page
    assert "解約" in page and "Dear Customer Support" in page
    assert "188" in page and "#9110" in page


def test_empty_clients() -> None:
    assert contracts_frame([]).empty and transactions_frame([]).empty
    assert export_csv([]).startswith(b"\xef\xbb\xbf")
    assert "<html" in export_html([])
    assert load_workbook(io.BytesIO(export_excel([]))).sheetnames == ["Contracts", "Transactions", "Letters"]


def test_prepaid_burst_gets_advice_not_letters() -> None:
    t = tx([("p1", "2025-04-01", "STORE A", 30000), ("p2", "2025-04-01", "STORE B", 30000)])
    f = Finding("prepaid_burst", "convenience stores", 85.0, ["two large purchases"], ["p1", "p2"])
    r = ScanResult(transactions=t, findings=[f])
    r.contracts = build_contracts(t, [f], [])
    assert letters_frame([("C", r)]).empty
    page = export_html([("C", r)])
    assert page.count('<div class="contract">') == 1 and "Dear Customer Support" not in page
    assert "自分のアカウント" in page


# --------------------------------------------------------------------------- masking, full-width formulas, currencies


def result_mixed() -> ScanResult:
    t = schema.conform(pd.DataFrame({
        "id": ["m1", "m2", "m3"], "source": "mixed.csv", "date": ["2025-01-05", "2025-02-05", "2025-03-05"],
        "description": ["＝CMD PCFIX 4111 1111 1111 1111", "PCFIX", "＋PCFIX https://evil.example/x"],
        "amount": [499.0, 7615.0, 12.5], "currency": ["USD", "JPY", "EUR"], "card": "4980123412341234",
        "kind": "charge",
    }))
    findings = [Finding("large_support_plan", "PCFIX", 80.0, ["support plan 5500 0000 0000 0004"], ["m1", "m2", "m3"])]
    r = ScanResult(transactions=t, findings=findings,
                   reports=[ParseReport(source="mixed.csv", kind="csv", layout="generic", rows=3)])
    charges = [{k: rec[k] for k in ("id", "date", "amount", "currency", "description", "source", "card")}
               for rec in t.assign(date=t["date"].dt.strftime("%Y-%m-%d")).to_dict(orient="records")]
    r.contracts = [Contract(
        id="c1", merchant="PCFIX", merchant_key="PCFIX", descriptors=[c["description"] for c in charges],
        transaction_ids=["m1", "m2", "m3"], charges=charges, total_paid=8126.5, refunded=0.0, currency="JPY",
        first_date="2025-01-05", last_date="2025-03-05", suspicious=True, score=80.0,
        reasons=["support plan 5500 0000 0000 0004"], kinds=["large_support_plan"])]
    return r


MIXED = [("Client M", result_mixed())]


def test_fullwidth_formula_characters_neutralised() -> None:
    for bad in ("＝1+1", "＋1", "－1", "＠SUM(1)"):
        assert safe_cell(bad) == "'" + bad


def test_card_numbers_masked_in_every_export() -> None:
    outputs = [export_csv(MIXED).decode("utf-8-sig"), export_csv(MIXED, "transactions").decode("utf-8-sig"),
               export_html(MIXED)]
    wb = load_workbook(io.BytesIO(export_excel(MIXED)))
    outputs.append(" ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row))
    for text in outputs:
        assert "4111 1111" not in text and "5500 0000" not in text and "4980123412341234" not in text
    assert "****1111" in outputs[1]


def test_mixed_currency_totals_never_added() -> None:
    df = contracts_frame(MIXED)
    row = df.iloc[0]
    assert row["paid_by_currency"] == "EUR 12.50 + JPY 7,615 + USD 499.00"
    assert row["currency"] == "" and pd.isna(row["total_paid"])
    html_text = export_html(MIXED)
    assert "EUR 12.50 + JPY 7,615 + USD 499.00" in html_text
    assert "8,126" not in html_text and "8,114" not in html_text
    assert 'href="https://evil.example' not in html_text  # a URL in a descriptor is text, never a link


def test_contract_details_stay_with_their_contract() -> None:
    own = LetterDetails(order_number="ORD-ONLY-C1", product="Product of c1")
    df = letters_frame(CLIENTS, None, {("Client A (fictional)", "c1"): own})
    c1 = df[(df["client"] == "Client A (fictional)") & (df["contract"] == "c1")]
    others = df[~df.index.isin(c1.index)]
    assert c1.loc[c1["letter"] != "dispute", "body_en"].str.contains("ORD-ONLY-C1").all()
    for col in ("body_en", "body_ja", "subject_en", "subject_ja"):
        assert not others[col].str.contains("ORD-ONLY-C1|Product of c1").any()
    wb = load_workbook(io.BytesIO(export_excel(CLIENTS, None, {("Client A (fictional)", "c1"): own})))
    rows = [[c.value for c in r] for r in wb["Letters"].iter_rows(min_row=2)]
    assert sum("ORD-ONLY-C1" in str(r) for r in rows) == 2
