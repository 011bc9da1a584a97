"""Merchant lists: loading, validation, layering, allowlist, findings and the analyst commands.

Fictional merchants in this file (EXAMPLE SHIELD PRO, ...) are test data only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from audit import schema
from audit.cli import main
from audit.errors import MerchantListError
from audit.merchants import (
    allowlist_match,
    build_db,
    explain,
    load_merchant_db,
    match_transactions,
    shipped_paths,
    validate,
)
from audit.merchants.lists import read_list

LOCAL = """
[list]
name = "local-test"
kind = "scam"

[[entry]]
id = "example-shield"
name = "Example Shield Pro (fictional)"
aliases = ["Example Shield Pro"]
category = "fake security software"
countries = ["US"]
source_urls = ["https://example.org/fictional-case"]
source_date = "2025-01-02"
named_by = "press"
standing = "alleged-in-complaint"
authority = "a fictional test source"
date_added = "2026-11-22"
"""


@pytest.fixture(scope="module")
def db():
    return load_merchant_db()


def write(tmp_path: Path, text: str, name: str = "local.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_lists_validate_clean_and_every_entry_has_a_source(db) -> None:
    assert validate(shipped_paths()) == []
    assert len(db.scam) >= 40 and len(db.context) >= 10
    for e in db.entries:
        assert e.source_urls and all(u.startswith(("http://", "https://")) for u in e.source_urls)
        assert e.named_by in ("regulator", "court", "press", "company") and e.authority and e.source_date
    roles = {e.id: e.role for e in db.context}
    assert roles["microsoft"] == "brand" and roles["safecart-revenuewire"] == "reseller"


@pytest.mark.parametrize(
    ("descriptor", "entry_id"),
    [
        ("FS *RESTORO 8443", "restoro"),
        ("ＰＡＹＰＡＬ ＊ＲＥＩＭＡＧＥ", "reimage"),
        ("PCHEALTHBOOST.COM 8885550100", "pc-healthboost"),
        ("GLOBAL ACCESS TECHNICA", "global-access-technical-support"),
        ("RESTORO SUPPORT", "restoro"),
    ],
)
def test_explain_finds_the_entry(db, descriptor: str, entry_id: str) -> None:
    ex = explain(descriptor, db)
    assert ex.match is not None and ex.match.entry.id == entry_id
    text = "\n".join(ex.lines())
    assert "the US Federal Trade Commission" in text and "http" in text


@pytest.mark.parametrize("descriptor", ["MICROSOFT*XBOX", "MSBILL.INFO", "APPLE.COM/BILL", "MCAFEE.COM", "NORTONLIFELOCK"])
def test_hard_negatives_do_not_match_but_are_allowlisted(db, descriptor: str) -> None:
    assert explain(descriptor, db).match is None
    assert allowlist_match(descriptor, db) is not None


def test_allowlist_ignores_impersonation_and_resellers(db) -> None:
    assert allowlist_match("MICROSOFT*MICROSOFT 365", db) == "Microsoft"
    assert allowlist_match("MICROSOFT TECH SUPPORT 8885550100", db) is None
    assert allowlist_match("DELL PC HELP", db) is None  # bare brand name next to support words
    assert allowlist_match("FS *PCSHIELD 8842", db) is None  # a reseller is not a legit brand
    assert allowlist_match("FSPRG.COM", db, include_resellers=True) == "FastSpring"
    assert allowlist_match("STARBUCKS", db) is None
    assert allowlist_match("MSBILL.INFO") == "Microsoft"  # default db


def test_short_alias_is_refused_and_never_matches(tmp_path: Path) -> None:
    text = LOCAL.replace('aliases = ["Example Shield Pro"]', 'aliases = ["ZQX", "Example Shield Pro"]')
    db = build_db([write(tmp_path, text)])
    assert db.match("ZQX SOFTWARE") is None and db.match("X") is None
    assert db.match("EXAMPLE SHIELD PRO").entry.id == "example-shield"  # the entry keeps its other aliases
    assert any("'ZQX' is shorter than" in str(p) for p in db.problems)
    one = LOCAL.replace('aliases = ["Example Shield Pro"]', 'aliases = ["Z"]')
    assert any("shorter than" in str(p) for p in validate([write(tmp_path, one, "one.toml")]))


def test_weak_alias_is_exact_only(db) -> None:
    assert db.match("ONLINE ASSIST LLC").entry.id == "online-assist"
    assert db.match("ONLINE ASSIST TOKYO") is None


def test_local_list_is_layered_on_the_shipped_one(tmp_path: Path) -> None:
    p = write(tmp_path, LOCAL)
    db = load_merchant_db(extra=[p])
    assert db.match("PP*EXAMPLE SHIELD PRO 123456").entry.id == "example-shield"
    assert db.match("FS *RESTORO").entry.id == "restoro"  # shipped entries stay
    override = LOCAL.replace('id = "example-shield"', 'id = "restoro"').replace(
        'name = "Example Shield Pro (fictional)"', 'name = "Local override"')
    db2 = load_merchant_db(extra=[write(tmp_path, override, "o.toml")])
    assert db2.by_id["restoro"].name == "Local override"
    assert db2.match("FS *RESTORO") is None  # the override replaced the shipped aliases


def test_unreadable_list_files_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(MerchantListError, match="cannot read"):
        read_list(tmp_path / "missing.toml")
    bad = write(tmp_path, "[list\nname=", "bad.toml")
    with pytest.raises(MerchantListError) as err:
        read_list(bad)
    assert "bad.toml" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(MerchantListError, match="kind"):
        read_list(write(tmp_path, '[list]\nname = "x"\nkind = "other"\n', "kind.toml"))


def test_validate_reports_missing_sources_duplicates_and_near_duplicates(tmp_path: Path) -> None:
    no_source = LOCAL.replace('source_urls = ["https://example.org/fictional-case"]', "source_urls = []")
    problems = validate([write(tmp_path, no_source, "a.toml")])
    assert any("missing source_urls" in str(p) for p in problems)
    bad_fields = LOCAL.replace('named_by = "press"', 'named_by = "blog"').replace('"2025-01-02"', '"Jan 2025"')
    msgs = " | ".join(str(p) for p in validate([write(tmp_path, bad_fields, "b.toml")]))
    assert "named_by" in msgs and "source_date" in msgs
    twin = LOCAL + LOCAL.split("[[entry]]", 1)[1].join(["\n[[entry]]", ""]).replace(
        'id = "example-shield"', 'id = "example-shield-2"').replace('"Example Shield Pro"]', '"Example Shield Pros"]')
    msgs = " | ".join(str(p) for p in validate([write(tmp_path, twin, "c.toml")]))
    assert "near-duplicate" in msgs
    same = LOCAL + LOCAL.split("[[entry]]", 1)[1].join(["\n[[entry]]", ""]).replace(
        'id = "example-shield"', 'id = "example-shield-3"')
    msgs = " | ".join(str(p) for p in validate([write(tmp_path, same, "d.toml")]))
    assert "also an alias of entry 'example-shield'" in msgs


def _tx(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    return schema.conform(pd.DataFrame({
        "id": [f"s.csv:r{i}" for i in range(len(rows))], "source": "s.csv",
        "date": pd.to_datetime([r[0] for r in rows]), "description": [r[1] for r in rows],
        "amount": [r[2] for r in rows], "currency": "JPY", "kind": [r[3] for r in rows],
    }))


def test_match_transactions_fills_findings(db) -> None:
    tx = _tx([
        ("2026-01-05", "FS *RESTORO 8443", 4200.0, "charge"),
        ("2026-02-05", "FS *RESTORO 9911", 4200.0, "charge"),
        ("2026-02-07", "MICROSOFT*XBOX", 1100.0, "charge"),
        ("2026-02-08", "SAFECART*PCCLEANERPRO", 9800.0, "charge"),
        ("2026-02-09", "PAYMENT THANK YOU", -5000.0, "payment"),
        ("2026-02-10", None, 10.0, "charge"),
    ])
    findings = match_transactions(tx, db)
    by_entry = {f.entry_id: f for f in findings}
    assert set(by_entry) == {"restoro", "pc-cleaner"}
    f = by_entry["restoro"]
    assert f.kind == "known_merchant" and f.merchant == "Restoro" and f.score >= db.threshold
    assert f.transaction_ids == ["s.csv:r0", "s.csv:r1"] and f.merchant_key == "RESTORO"
    assert f.matched_alias == "Restoro" and f.details["facilitator"] == "FastSpring"
    assert f.details["category"] == "fake security software" and f.details["source_urls"]
    assert "FS *RESTORO 8443" in f.reasons[0] and "US Federal Trade Commission" in f.reasons[0]
    g = by_entry["pc-cleaner"]
    assert g.details["resellers"] == ["SafeCart (RevenueWire)"]
    assert any("SafeCart" in r and "does not make" in r for r in g.reasons)


def test_reseller_alone_never_makes_a_finding(db) -> None:
    tx = _tx([("2026-01-05", "SAFECART.COM 8885550100", 10.0, "charge"), ("2026-01-06", "FSPRG.COM", 10.0, "charge")])
    assert match_transactions(tx, db) == []
    assert match_transactions(tx.iloc[:0], db) == []


def test_cli_validate_explain_hits(tmp_path: Path, capsys) -> None:
    assert main(["merchants", "validate"]) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    bad = write(tmp_path, LOCAL.replace('category = "fake security software"\n', ""), "bad.toml")
    assert main(["merchants", "validate", str(bad)]) == 1
    assert "missing category" in capsys.readouterr().out
    broken = write(tmp_path, "[list", "broken.toml")
    assert main(["merchants", "explain", "X", "--list", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.toml" in err
    assert main(["merchants", "explain", "FS *RESTORO 8443", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["match"]["entry_id"] == "restoro" and out[0]["facilitator"] == "FastSpring"
    csv = tmp_path / "statement.csv"
    csv.write_text("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n"
                   "01/05/2026,01/06/2026,FS *RESTORO 8443,Shopping,Sale,-42.00,\n"
                   "01/07/2026,01/08/2026,STARBUCKS,Food,Sale,-5.00,\n", encoding="utf-8")
    rc = main(["merchants", "hits", str(csv), "--json"])
    captured = capsys.readouterr()
    hits = json.loads(captured.out)["hits"]
    if rc == 0 and hits:  # needs a CSV reader that knows this layout (another part of the project)
        assert hits[0]["entry_id"] == "restoro" and hits[0]["files"] == ["statement.csv"]
    assert main(["merchants", "hits", str(tmp_path / "nope.csv")]) == 1
    assert "nope.csv" in capsys.readouterr().err
