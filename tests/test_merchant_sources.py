"""First-source kind of merchant-list entries: the field, its checks and ``validate --sources``.

Fictional merchants in this file (EXAMPLE SHIELD PRO) are test data only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.cli import main
from audit.merchants import shipped_paths, validate
from audit.merchants.lists import SOURCE_KINDS, read_list
from audit.merchants.validate import official_host, source_rows

ENTRY = """
[list]
name = "local-test"
kind = "scam"

[[entry]]
id = "example-shield"
name = "Example Shield Pro (fictional)"
aliases = ["Example Shield Pro"]
category = "fake security software"
countries = ["US"]
source_urls = [{urls}]
source_date = "2025-01-02"
named_by = "regulator"
standing = "alleged-in-complaint"
first_source = "{kind}"
authority = "a fictional test source"
date_added = "2026-11-22"
"""
GOV = '"https://www.example.gov/cases/shield"'
PRESS = '"https://news.example.com/shield"'


def write(tmp_path: Path, kind: str, urls: str) -> Path:
    p = tmp_path / "local.toml"
    p.write_text(ENTRY.format(kind=kind, urls=urls), encoding="utf-8")
    return p


@pytest.mark.parametrize("url", [
    "https://www.ftc.gov/x", "https://www.justice.gov/x", "http://atg.wa.gov/x", "https://crtc.gc.ca/eng/x",
    "https://www.canada.ca/en/x", "https://www.gov.uk/x", "https://www.caa.go.jp/x", "https://WWW.FTC.GOV./x",
    "https://www.nationaltradingstandards.uk/x",
])
def test_government_and_court_hosts_are_official(url: str) -> None:
    assert official_host(url)


@pytest.mark.parametrize("url", [
    "https://www.theregister.com/x", "https://www.go.com/x", "https://govtech.com/x", "https://gov.example.com/x",
    "https://ftc.gov.example.com/x", "https://dokumen.tips/x", "https://cite.case.law/x", "not a url",
])
def test_other_hosts_are_not_official(url: str) -> None:
    assert not official_host(url)


def test_first_source_kind_must_fit_the_first_address(tmp_path: Path) -> None:
    assert validate([write(tmp_path, "primary", GOV)]) == []
    assert validate([write(tmp_path, "press", f"{PRESS}, {PRESS.replace('shield', 'other')}")]) == []
    msgs = " | ".join(str(p) for p in validate([write(tmp_path, "primary", PRESS)]))
    assert "not a government or court site" in msgs
    msgs = " | ".join(str(p) for p in validate([write(tmp_path, "press", GOV)]))
    assert "first_source = 'primary'" in msgs


def test_a_primary_record_may_not_follow_press_but_may_follow_a_copy_of_a_record(tmp_path: Path) -> None:
    msgs = " | ".join(str(p) for p in validate([write(tmp_path, "press", f"{PRESS}, {GOV}")]))
    assert "comes after a press source" in msgs
    assert validate([write(tmp_path, "record-copy", f"{PRESS}, {GOV}")]) == []


def test_unknown_first_source_kind_drops_the_entry(tmp_path: Path) -> None:
    lf = read_list(write(tmp_path, "blog", PRESS))
    assert lf.entries == [] and "first_source must be one of" in str(lf.problems[0])


def test_every_shipped_scam_entry_states_its_first_source_kind() -> None:
    rows = source_rows(shipped_paths())
    assert rows and all(r.kind in SOURCE_KINDS for r in rows), [r.entry_id for r in rows if r.kind not in SOURCE_KINDS]


def test_cli_sources_lists_every_entry_and_counts_kinds(tmp_path: Path, capsys) -> None:
    local = write(tmp_path, "press", PRESS)
    assert main(["merchants", "validate", str(local), "--sources"]) == 0
    out = capsys.readouterr().out
    assert "example-shield" in out and "first sources: press 1 (1 entries)" in out
    assert main(["merchants", "validate", "--sources", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sum(data["source_counts"].values()) == len(data["sources"]) > 0
    assert {r["entry_id"] for r in data["sources"]} >= {"restoro", "vylah-tec"}


def test_no_shipped_scam_alias_is_a_context_entry() -> None:
    """Processors and brands named in cases (context list) are never scam entries under another id."""
    from audit.merchants.evidence import tokens
    from audit.merchants.lists import read_list

    def forms(kind: str) -> dict[str, str]:
        out = {}
        for p in shipped_paths():
            for e in read_list(p).entries:
                if e.kind == kind:
                    out.update({"".join(tokens(a)): e.id for a in e.all_aliases})
        return out

    scam, context = forms("scam"), forms("context")
    assert scam and context
    assert {k: (scam[k], context[k]) for k in scam.keys() & context.keys()} == {}
