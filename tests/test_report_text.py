"""render_text: sections, masking, row limit, alignment with Japanese text."""

from __future__ import annotations

import pandas as pd

from audit import schema
from audit.contracts import build_contracts
from audit.model import ExcludedRow, Finding, ParseReport, Reconciliation, RowProblem, Subscription
from audit.pipeline import ScanResult
from audit.report_text import display_width, pad, render_text, table, truncate


def make_result(n_extra: int = 0) -> ScanResult:
    rows = [
        ("r1", "2025-01-05", "FS *FAKEGUARD PRO", 4980.0, "FAKEGUARD", 33.0, "USD"),
        ("r2", "2025-02-05", "FS *FAKEGUARD PRO", 4980.0, "FAKEGUARD", 33.0, "USD"),
        ("r3", "2025-01-20", "動画ストリーミング", 990.0, "動画", None, None),
        ("r4", "2025-02-20", "動画ストリーミング", 990.0, "動画", None, None),
    ]
    rows += [(f"x{i}", "2025-03-01", f"SHOP {i:03d}", 100.0 + i, f"SHOP {i:03d}", None, None) for i in range(n_extra)]
    tx = schema.conform(pd.DataFrame({
        "id": [r[0] for r in rows], "source": "jan.csv", "date": [r[1] for r in rows],
        "description": [r[2] for r in rows], "amount": [r[3] for r in rows], "currency": "JPY",
        "original_amount": [r[5] for r in rows], "original_currency": [r[6] for r in rows],
        "card": "4111 1111 1111 1234", "kind": "charge", "merchant_key": [r[4] for r in rows],
    }))
    subs = [
        Subscription("Fakeguard", "FAKEGUARD", ["r1", "r2"], "monthly", 2, 9960.0, "JPY", "2025-01-05", "2025-02-05",
                     4980.0, 4980.0, "active", True, "2025-03-05", 4980.0),
        Subscription("動画ストリーミング", "動画", ["r3", "r4"], "monthly", 2, 1980.0, "JPY", "2025-01-20", "2025-02-20",
                     990.0, 990.0, "active", True, "2025-03-20", 990.0),
    ]
    findings = [Finding("foreign_software_recurring", "Fakeguard", 72.0,
                        ["foreign software billed monthly", "reseller prefix FS *"], ["r1", "r2"])]
    report = ParseReport(
        source="jan.csv", kind="csv", layout="rakuten", rows=len(rows), period_start="2025-01-01",
        period_end="2025-03-31", excluded=[ExcludedRow("jan.csv", "total", row=9)],
        problems=[RowProblem("jan.csv", "amount not readable", raw="2025/01/09,CARD 4111111111111234,x", row=7)],
        reconciliation=Reconciliation(printed_total=11940.0, parsed_total=11940.0, ok=True, label="ご請求金額"),
    )
    return ScanResult(transactions=tx, reports=[report], findings=findings, subscriptions=subs,
                      contracts=build_contracts(tx, findings, subs))


def test_width_helpers() -> None:
    assert display_width("abc") == 3 and display_width("動画") == 4 and display_width("ｱｲ") == 2
    assert display_width("e\u0301") == 1
    assert pad("動画", 6) == "動画  " and pad("7", 3, right=True) == "  7"
    assert truncate("動画ストリーミング", 7) == "動画ス…" and display_width(truncate("動画ストリーミング", 7)) <= 7
    assert truncate("short", 10) == "short"


def test_table_aligns_japanese() -> None:
    lines = table(["name", "amount"], [["動画ストリーミング", "990"], ["ABC", "12,345"]], right=[False, True])
    assert len({display_width(line) for line in lines}) == 1  # every line equally wide


def test_sections_and_content() -> None:
    text = render_text(make_result())
    assert text.endswith("\n")
    for heading in ("Files", "Suspicious contracts (1)", "Known services (0)", "Subscriptions to check (1)",
                    "Transactions"):
        assert heading in text
    assert "layout rakuten" in text and "2025-01-01 .. 2025-03-31" in text and "1 excluded" in text
    assert "1 problem(s)" in text and "amount not readable" in text
    assert "reconciliation OK" in text and "ご請求金額" in text
    assert "[c1] Fakeguard" in text and "foreign software billed monthly" in text
    assert "JPY 4,980" in text and "USD 33.00" in text and "total paid JPY 9,960" in text
    assert "next charge expected 2025-03-05 JPY 4,980" in text
    assert "動画ストリーミング" in text.split("Subscriptions to check")[1]  # no known service: never listed as legit
    assert "4111" not in text.replace("****1234", "")  # card numbers masked everywhere
    assert "****1234" in text


def test_reconciliation_mismatch_and_errors() -> None:
    r = make_result()
    r.reports[0].reconciliation = Reconciliation(printed_total=12000.0, parsed_total=11940.0, ok=False)
    from audit.errors import StatementError

    r.errors = [StatementError("broken.pdf", "no text layer", page=2)]
    text = render_text(r)
    assert "reconciliation MISMATCH" in text and "-60.00" in text
    assert "NOT READ: broken.pdf: page 2: no text layer" in text


def test_row_limit() -> None:
    r = make_result(n_extra=60)
    text = render_text(r)
    assert "first 50 of 64" in text
    assert "SHOP 045" in text and "SHOP 046" not in text
    full = render_text(r, all_rows=True)
    assert "SHOP 059" in full and "first 50" not in full


def test_transactions_table_columns_aligned() -> None:
    text = render_text(make_result())
    section = text.split("Transactions\n")[1].splitlines()
    header, rule, *rows = section[1:]
    assert header.split()[:3] == ["date", "description", "amount"] and rule.strip().startswith("-")
    rows = [r for r in rows if r.strip()]
    assert len(rows) == 4
    # the right-aligned amount column ends at the same display column on every row, Japanese or not
    amount_ends = set()
    for row in rows:
        idx = row.index("JPY")
        amount_ends.add(display_width(row[:idx]) + len(row[idx:].split("  ")[0]))
    assert len(amount_ends) == 1, amount_ends


def test_empty_result() -> None:
    text = render_text(ScanResult(transactions=schema.empty_frame()))
    assert "(no files)" in text and "none found" in text and "(none)" in text
