"""The SQLite case store: permissions, migrations, cases across re-opening, letters, replies, export, forget."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from audit.cases.statuses import STATUSES, next_actions, status_from_reply
from audit.cases.store import CaseStore, contract_key, data_dir
from audit.contracts import Contract


def make_contract(merchant: str = "FakeGuard (fictional)", key: str = "FAKEGUARD", card: str = "****1234",
                  first: str = "2025-01-05", currency: str = "JPY") -> Contract:
    charges = [{"id": f"{key}1", "date": first, "amount": 4980.0, "currency": currency, "card": card,
                "description": f"FS *{key}"},
               {"id": f"{key}2", "date": "2025-02-05", "amount": 4980.0, "currency": currency, "card": card,
                "description": f"FS *{key}"}]
    return Contract(id="c1", merchant=merchant, merchant_key=key, descriptors=[f"FS *{key}"],
                    transaction_ids=[c["id"] for c in charges], charges=charges, total_paid=9960.0, refunded=0.0,
                    currency=currency, first_date=first, last_date="2025-02-05", suspicious=True, score=80.0,
                    reasons=["fictional"])


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "data"))
    return data_dir() / "cases.sqlite3"


def test_file_in_data_dir_owner_only(store_path: Path) -> None:
    with CaseStore() as s:
        assert s.path == store_path
    mode = stat.S_IMODE(os.stat(store_path).st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(store_path.parent).st_mode) & 0o077 == 0


def test_case_survives_reopening_with_history(store_path: Path) -> None:
    c = make_contract()
    with CaseStore() as s:
        (key,) = s.sync_contracts("Hanako", [c], today=date(2025, 3, 1))
        s.record_letter(key, "cancellation", "Dear Customer Support, card 4111 1111 1111 1111", sent_on="2025-03-01")
        s.record_reply(key, "This is an automatic reply. Your ticket number is #48213.", received_on="2025-03-02")
    with CaseStore() as s:  # the app closed and opened again
        case = s.case(key)
        assert case["status"] == "auto_reply" and case["ticket"] == "48213"
        assert case["next_due"] == "2025-03-09"
        assert [e["new"] for e in case["events"]] == ["sent", "auto_reply"]
        assert case["letters"][0]["sent_on"] == "2025-03-01" and "4111 1111" not in case["letters"][0]["text"]
        assert case["replies"][0]["category"] == "auto_reply"
        # a re-scan finds the same case and keeps its status
        assert s.sync_contracts("Hanako", [make_contract()]) == [key]
        assert s.case(key)["status"] == "auto_reply"


def test_every_status_change_is_recorded(store_path: Path) -> None:
    with CaseStore() as s:
        (key,) = s.sync_contracts("A", [make_contract()])
        for st in STATUSES:
            s.set_status(key, st, on="2025-04-01", note=f"to {st}")
        events = s.case(key)["events"]
        assert [e["new"] for e in events] == list(STATUSES)
        s.set_status(key, "refunded")
        assert s.case(key)["next_due"] is None
        with pytest.raises(ValueError):
            s.set_status(key, "won")


def test_two_cards_and_two_clients_are_separate_cases(store_path: Path) -> None:
    a, b = make_contract(card="****1111"), make_contract(card="****2222")
    with CaseStore() as s:
        keys = s.sync_contracts("A", [a, b]) + s.sync_contracts("B", [make_contract(card="****1111")])
        assert len(set(keys)) == 3
        assert s.cards("A") == ["****1111", "****2222"]
        assert {c["client"] for c in s.cases()} == {"A", "B"}


def test_contract_key_stable_and_prefers_contract_key() -> None:
    assert contract_key(make_contract(), "A") == contract_key(make_contract(), "A")
    assert contract_key(make_contract(), "A") != contract_key(make_contract(), "B")
    c = make_contract()
    c.key = "given-key"  # scale-integrity's Contract.key
    assert contract_key(c, "A") == "given-key"


def test_refunds_per_currency_and_statements_by_hash(store_path: Path) -> None:
    with CaseStore() as s:
        (key,) = s.sync_contracts("A", [make_contract()])
        s.record_refund(key, 4980, "jpy")
        case = s.record_refund(key, 10, "USD")
        assert case["refunded"] == {"JPY": 4980.0, "USD": 10.0}
        assert s.add_statement("A", "/tmp/x/s.csv", b"abc") is True
        assert s.add_statement("A", "again.csv", b"abc") is False


def test_export_and_forget_client(store_path: Path) -> None:
    with CaseStore() as s:
        (ka,) = s.sync_contracts("A", [make_contract()])
        s.sync_contracts("B", [make_contract()])
        s.record_letter(ka, "cancellation", "SECRET-LETTER-TEXT", client="A")
        data = s.export_client("A")
        json.dumps(data)
        assert data["cases"][0]["letters"][0]["text"] == "SECRET-LETTER-TEXT"
        assert s.forget_client("A") is True and s.forget_client("A") is False
        assert s.clients() == ["B"] and s.cases("A") == []
        with pytest.raises(KeyError):
            s.export_client("A")
    raw = store_path.read_bytes()
    assert b"SECRET-LETTER-TEXT" not in raw
    db = sqlite3.connect(store_path)
    assert db.execute("SELECT count(*) FROM letters").fetchone()[0] == 0


def test_migrations_recorded_once(store_path: Path) -> None:
    with CaseStore() as s:
        v = s.version
    with CaseStore() as s:
        assert s.version == v >= 1
        assert s.db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == v


def test_status_from_reply() -> None:
    assert status_from_reply("retention_offer", False, False, "sent") == "discount_offered"
    assert status_from_reply("confirmation", True, True, "sent") == "refunded"
    assert status_from_reply("confirmation", True, False, "sent") == "cancelled"
    assert status_from_reply("unknown", False, False, "sent") == "sent"


def test_next_actions_overdue_against_as_of() -> None:
    cases = [{"client": "A", "key": "k1", "merchant": "M", "status": "sent", "next_due": "2025-03-08",
              "last_date": "2025-02-05"},
             {"client": "A", "key": "k2", "merchant": "N", "status": "refunded", "next_due": None,
              "last_date": "2025-02-05"}]
    acts = next_actions(cases, as_of=date(2025, 3, 10))
    follow = [a for a in acts if a.kind == "follow_up"]
    assert len(follow) == 1 and follow[0].overdue and follow[0].key == "k1"
    deadline = [a for a in acts if a.kind == "dispute_deadline"]
    assert len(deadline) == 1 and deadline[0].due == date(2025, 6, 5) and not deadline[0].overdue
    later = next_actions(cases, as_of=date(2025, 6, 20))
    assert all(a.overdue for a in later)


def test_passed_dispute_deadlines_stay_on_the_list_and_a_refusal_asks_for_a_dispute(tmp_path) -> None:
    cases = [{"client": "A", "key": "k1", "merchant": "M", "status": "sent", "next_due": "2025-03-08",
              "last_date": "2025-02-05", "card": "****1234"}]
    long_after = next_actions(cases, as_of=date(2026, 3, 1))  # the rough deadline (2025-06-05) passed long ago
    (deadline,) = [a for a in long_after if a.kind == "dispute_deadline"]
    assert deadline.overdue and deadline.due == date(2025, 6, 5) and "anyway" in deadline.step_en
    assert deadline.card == "****1234"
    with CaseStore(tmp_path / "c.sqlite3") as store:
        store.sync_contracts("A", [make_contract()])
        (case,) = store.cases("A")
        store.set_status(case["key"], "refused", on="2025-03-01", client="A")
        acts = next_actions(store.cases("A"), as_of=date(2025, 3, 5))
    dispute = [a for a in acts if a.kind == "dispute"]
    assert len(dispute) == 1 and dispute[0].overdue and "chargeback" in dispute[0].step_en
    assert "チャージバック" in dispute[0].step_ja
