"""build_contracts: grouping, refunds, reasons, ordering (tables built by hand; fictional merchants)."""

from __future__ import annotations

import pandas as pd

from audit import schema
from audit.contracts import Contract, build_contracts
from audit.model import Finding, Subscription


def make_tx(rows: list[tuple], with_keys: bool = True) -> pd.DataFrame:
    """rows: (id, date, description, amount[, merchant_key]) -> schema table."""
    df = pd.DataFrame(
        {
            "id": [r[0] for r in rows],
            "source": "fictional.csv",
            "date": [r[1] for r in rows],
            "description": [r[2] for r in rows],
            "amount": [float(r[3]) for r in rows],
            "currency": "JPY",
            "kind": ["refund" if r[3] < 0 else "charge" for r in rows],
        }
    )
    if with_keys:
        df["merchant_key"] = [r[4] if len(r) > 4 else r[2].upper() for r in rows]
    return schema.conform(df)


def sub(key: str, ids: list[str], *, suspicious: bool = False, score: float = 0.0, reasons=None) -> Subscription:
    return Subscription(
        merchant=key.title(), merchant_key=key, transaction_ids=ids, cadence="monthly", charges=len(ids),
        total_paid=0.0, currency="JPY", first_date="2025-01-05", last_date="2025-03-05", last_amount=0.0,
        average_amount=0.0, status="active", early=False, next_expected_date="2025-04-05",
        next_expected_amount=4980.0, suspicious=suspicious, score=score, reasons=list(reasons or []),
    )


TX = make_tx([
    ("t1", "2025-01-05", "FS *FAKEGUARD PRO", 4980, "FAKEGUARD"),
    ("t2", "2025-02-05", "FS *FAKEGUARD PRO", 4980, "FAKEGUARD"),
    ("t3", "2025-03-05", "FS *FAKEGUARD PRO", 4980, "FAKEGUARD"),
    ("t4", "2025-03-20", "FS *FAKEGUARD PRO", -4980, "FAKEGUARD"),
    ("t5", "2025-01-10", "EXAMPLE PC HELPDESK", 69000, "EXAMPLE PC HELPDESK"),
    ("t6", "2025-01-12", "EXAMPLE PC HELPDESK SETUP", 9800, "EXAMPLE PC HELPDESK"),
    ("t7", "2025-01-15", "NETFILM STREAMING", 1490, "NETFILM"),
    ("t8", "2025-02-15", "NETFILM STREAMING", 1490, "NETFILM"),
    ("t9", "2025-03-15", "NETFILM STREAMING", 1490, "NETFILM"),
    ("t10", "2025-02-01", "CORNER GROCER", 2300, "CORNER GROCER"),
])


def test_stream_with_finding_and_refund() -> None:
    guard = sub("FAKEGUARD", ["t1", "t2", "t3"])
    films = sub("NETFILM", ["t7", "t8", "t9"])
    findings = [
        Finding("known_merchant", "FakeGuard (fictional)", 90.0, ["on the merchant list", "foreign software"],
                ["t1", "t2", "t3"], merchant_key="FAKEGUARD", entry_id="fakeguard",
                details={"sources": ["https://example.org/notice"]}),
        Finding("foreign_software_recurring", "FAKEGUARD", 70.0, ["foreign software", "monthly"], ["t2", "t3"],
                merchant_key="FAKEGUARD"),
        Finding("refund_link", "FAKEGUARD", 0.0, ["refund of a charge"], ["t4", "t3"]),
    ]
    contracts = build_contracts(TX, findings, [guard, films])
    assert [c.id for c in contracts] == ["c1", "c2"]
    c1, c2 = contracts
    assert c1.suspicious and not c2.suspicious
    assert c1.merchant == "FakeGuard (fictional)"
    assert c1.entry_id == "fakeguard" and c1.sources == ["https://example.org/notice"]
    assert [ch["id"] for ch in c1.charges] == ["t1", "t2", "t3"]
    assert c1.refunded == 4980.0
    assert c1.total_paid == 3 * 4980 - 4980
    assert c1.reasons == ["on the merchant list", "foreign software", "monthly"]  # merged, no duplicates
    assert c1.score == 90.0
    assert c1.kinds == ["known_merchant", "foreign_software_recurring"]
    assert c1.cadence == "monthly" and c1.status == "active" and c1.next_expected_date == "2025-04-05"
    assert c1.first_date == "2025-01-05" and c1.last_date == "2025-03-05"
    assert c1.charges[0]["date"] == "2025-01-05" and c1.charges[0]["amount"] == 4980.0
    assert c1.descriptors == ["FS *FAKEGUARD PRO"]
    assert c2.merchant == "Netfilm" and c2.score == 0.0


def test_findings_without_stream_grouped_by_merchant_key() -> None:
    f1 = Finding("large_support_plan", "EXAMPLE PC HELPDESK", 80.0, ["large one-off support plan"], ["t5"],
                 merchant_key="EXAMPLE PC HELPDESK")
    f2 = Finding("contract_cluster", "several", 60.0, ["several new contracts within days"], ["t6", "t10"])
    contracts = build_contracts(TX, [f1, f2], [])
    assert len(contracts) == 2
    helpdesk = contracts[0]
    assert helpdesk.transaction_ids == ["t5", "t6"]
    assert helpdesk.total_paid == 78800.0 and helpdesk.refunded == 0.0
    assert helpdesk.status == "one-off" and helpdesk.cadence is None
    assert helpdesk.reasons == ["large one-off support plan", "several new contracts within days"]
    assert helpdesk.score == 80.0
    assert helpdesk.descriptors == ["EXAMPLE PC HELPDESK", "EXAMPLE PC HELPDESK SETUP"]
    assert contracts[1].transaction_ids == ["t10"] and contracts[1].score == 60.0


def test_unflagged_refund_joins_by_merchant_key_and_sorting() -> None:
    guard = sub("FAKEGUARD", ["t1", "t2", "t3"], suspicious=True, score=55.0, reasons=["looks like a scam"])
    f1 = Finding("large_support_plan", "EXAMPLE PC HELPDESK", 80.0, ["large plan"], ["t5"],
                 merchant_key="EXAMPLE PC HELPDESK")
    contracts = build_contracts(TX, [f1], [guard])
    assert [c.merchant_key for c in contracts] == ["EXAMPLE PC HELPDESK", "FAKEGUARD"]
    guard_c = contracts[1]
    assert guard_c.refunded == 4980.0 and [r["id"] for r in guard_c.refunds] == ["t4"]
    assert guard_c.reasons == ["looks like a scam"]


def test_two_streams_at_one_merchant_stay_two_contracts() -> None:
    tx = make_tx([
        ("a1", "2025-01-03", "FS *FAKEGUARD", 2980, "FAKEGUARD"),
        ("a2", "2025-02-03", "FS *FAKEGUARD", 2980, "FAKEGUARD"),
        ("b1", "2025-01-20", "FS *FAKEGUARD", 7980, "FAKEGUARD"),
        ("b2", "2025-02-20", "FS *FAKEGUARD", 7980, "FAKEGUARD"),
    ])
    s1 = sub("FAKEGUARD", ["a1", "a2"], suspicious=True, score=70)
    s2 = sub("FAKEGUARD", ["b1", "b2"], suspicious=True, score=70)
    contracts = build_contracts(tx, [], [s1, s2])
    assert len(contracts) == 2
    assert contracts[0].total_paid == 15960.0  # tie on score: larger total first
    assert contracts[1].total_paid == 5960.0


def test_legit_sorted_by_merchant_and_subscription_flagged_by_finding() -> None:
    tx = make_tx([
        ("z1", "2025-01-01", "ZETA MUSIC", 980), ("z2", "2025-02-01", "ZETA MUSIC", 980),
        ("a1", "2025-01-02", "ALPHA CLOUD", 130), ("a2", "2025-02-02", "ALPHA CLOUD", 130),
        ("s1", "2025-01-09", "SHADY SUPPORT", 5000), ("s2", "2025-02-09", "SHADY SUPPORT", 5000),
    ])
    subs = [sub("ZETA MUSIC", ["z1", "z2"]), sub("ALPHA CLOUD", ["a1", "a2"]), sub("SHADY SUPPORT", ["s1", "s2"])]
    f = Finding("foreign_software_recurring", "SHADY SUPPORT", 65.0, ["support words"], ["s2"])
    contracts = build_contracts(tx, [f], subs)
    assert [(c.merchant_key, c.suspicious) for c in contracts] == [
        ("SHADY SUPPORT", True), ("ALPHA CLOUD", False), ("ZETA MUSIC", False)]
    assert contracts[0].transaction_ids == ["s1", "s2"] and contracts[0].score == 65.0


def test_without_descriptor_columns_groups_by_description() -> None:
    tx = make_tx([("x1", "2025-01-01", "ODD SOFT", 100), ("x2", "2025-01-03", "ODD SOFT", 200),
                  ("x3", "2025-01-05", "ODD SOFT", -50)], with_keys=False)
    assert "merchant_key" not in tx.columns
    f = Finding("foreign_software_recurring", "ODD SOFT", 50.0, ["r"], ["x1", "x2"])
    (c,) = build_contracts(tx, [f], [])
    assert c.merchant_key == "ODD SOFT" and c.total_paid == 250.0 and c.refunded == 50.0


def test_empty_inputs_and_unknown_ids() -> None:
    assert build_contracts(schema.empty_frame(), [], []) == []
    f = Finding("known_merchant", "Ghost", 99.0, ["r"], ["nope"])
    assert build_contracts(TX, [f], []) == []
    assert isinstance(build_contracts(TX, [], [sub("NETFILM", ["t7"])])[0], Contract)


def test_prepaid_burst_is_one_contract_across_shops() -> None:
    tx = make_tx([
        ("p1", "2025-04-01", "CONVENIENCE STORE A", 30000), ("p2", "2025-04-01", "CONVENIENCE STORE B", 30000),
        ("p3", "2025-04-02", "CONVENIENCE STORE A", 20000), ("q1", "2025-04-05", "CONVENIENCE STORE A", 500),
    ])
    f = Finding("prepaid_burst", "prepaid purchases", 85.0, ["three large prepaid purchases in two days"],
                ["p1", "p2", "p3"])
    (c,) = build_contracts(tx, [f], [])
    assert c.transaction_ids == ["p1", "p2", "p3"] and c.total_paid == 80000.0
    assert c.merchant == "prepaid purchases" and c.kinds == ["prepaid_burst"]
    assert c.descriptors == ["CONVENIENCE STORE A", "CONVENIENCE STORE B"]


def test_contract_that_only_a_cluster_points_at_gets_its_own_merchant_name() -> None:
    cluster = Finding("contract_cluster", "EXAMPLE PC HELPDESK, Corner Grocer", 60.0, ["several new contracts"],
                      ["t5", "t10"], details={"merchants": ["EXAMPLE PC HELPDESK", "Corner Grocer"],
                                              "merchant_keys": ["EXAMPLE PC HELPDESK", "CORNER GROCER"]})
    names = sorted(c.merchant for c in build_contracts(TX, [cluster], []) if c.suspicious)
    assert names == ["Corner Grocer", "EXAMPLE PC HELPDESK"]
