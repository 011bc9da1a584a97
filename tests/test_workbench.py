"""audit merchants candidates / diff: unknown merchants across clients, draft entries, list diffs."""

from __future__ import annotations

import json
from pathlib import Path

from audit.cli import main
from audit.merchants import validate
from audit.merchants.workbench import candidates, diff, draft_toml, statement_sets

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_statements" / "demo"
SHIPPED = ROOT / "merchant_lists" / "known_scams.toml"


def test_statement_sets_take_a_folder_per_client() -> None:
    sets = dict(statement_sets([DEMO / "client_a", DEMO / "client_b" / "saison_2026-08.csv"]))
    assert set(sets) == {"client_a", "client_b"} and len(sets["client_a"]) == 6


def test_candidates_group_variants_and_skip_listed_merchants() -> None:
    cands, errors = candidates([DEMO / "client_a", DEMO / "client_b"])
    assert errors == []
    by_name = {c.name: c for c in cands}
    assert "RESTORO" not in by_name  # on the shipped list: not a candidate
    techfix = by_name["TECHFIX"]  # TECHFIX SUPPORT and TECHFIXDESK are one merchant
    assert {"KMJ*TECHFIX SUPPORT", "PAYPAL *TECHFIXDESK"} <= techfix.descriptors
    assert techfix.clients == {"client_a"} and techfix.charges >= 3 and set(techfix.paid_by_currency) == {"JPY"}


def test_draft_is_refused_until_the_analyst_adds_a_source(tmp_path: Path) -> None:
    cands, _ = candidates([DEMO / "client_a"])
    draft = tmp_path / "draft.toml"
    draft.write_text(draft_toml(cands, "2026-12-01"), encoding="utf-8")
    msgs = " | ".join(str(p) for p in validate([draft]))
    assert "missing source_urls" in msgs and "missing authority" in msgs
    filled = draft.read_text(encoding="utf-8")
    for old, new in [('countries = []', 'countries = ["US"]'),
                     ('source_urls = []', 'source_urls = ["https://example.org/fictional-case"]'),
                     ('source_date = ""', 'source_date = "2026-01-01"'), ('named_by = ""', 'named_by = "press"'),
                     ('authority = ""', 'authority = "a fictional test source"'),
                     ('standing = ""', 'standing = "alleged-in-complaint"')]:
        filled = filled.replace(old, new)
    draft.write_text(filled, encoding="utf-8")
    assert validate([draft]) == []


def test_diff_shows_changed_entries_and_lost_findings(tmp_path: Path, capsys) -> None:
    new = tmp_path / "new.toml"
    new.write_text(SHIPPED.read_text(encoding="utf-8").replace(
        'aliases = ["Restoro", "Restoro Cyprus Limited"]', 'aliases = ["Examplevale Holdings Limited"]', 1),
        encoding="utf-8")
    from audit.descriptors import add_descriptor_columns
    from audit.pipeline import read_many

    tx, _, _ = read_many((p.name, None, p) for p in sorted((DEMO / "client_a").iterdir()))
    res = diff([SHIPPED], [new], add_descriptor_columns(tx))
    assert [(n.id, f) for _o, n, f in res.changed] == [("restoro", ["aliases"])]
    assert [x[0] for x in res.findings_removed] == ["restoro"] and res.findings_added == []
    assert main(["merchants", "diff", str(SHIPPED), str(new), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changed"] == {"restoro": ["aliases"]}


def test_candidates_command_writes_a_draft(tmp_path: Path, capsys) -> None:
    out = tmp_path / "d.toml"
    assert main(["merchants", "candidates", str(DEMO / "client_a"), str(DEMO / "client_b"), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "TECHFIX" in text and out.read_text(encoding="utf-8").count("[[entry]]") >= 3
