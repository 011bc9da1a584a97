"""Issuer layouts: every sample statement parses to its golden table and agrees with the generator.

Goldens (``tests/golden/csv``) are written only by ``scripts/update_goldens.py``; these tests read them.
A second, independent check compares each parse with the transactions the sample generator wrote
(``scripts/make_sample_csvs.py``), so a golden cannot silently freeze a wrong parse.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from audit.readers import read_statement
from audit.readers.layouts import LAYOUTS
from audit.readers.spec import LayoutSpec

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_statements"
GOLDEN = ROOT / "tests" / "golden" / "csv"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, mod)
    spec.loader.exec_module(mod)
    return sys.modules[name]


GEN = _load("make_sample_csvs")
UPD = _load("update_goldens")
BUILT = GEN.build_all()
BY_PATH = {s.path: s for s in BUILT}
IDS = [s.path for s in BUILT]

def parse(path: str):
    return read_statement(SAMPLES / path)


def test_sample_files_match_generator() -> None:
    stale = [s.path for s in BUILT if not (SAMPLES / s.path).exists() or (SAMPLES / s.path).read_bytes() != s.data]
    assert stale == [], "run scripts/make_sample_csvs.py"


def test_every_layout_has_a_sample_notes_and_a_unique_name() -> None:
    names = [spec.name for spec in LAYOUTS]
    assert len(names) == len(set(names))
    assert {s.layout for s in BUILT} == set(names)
    for spec in LAYOUTS:
        assert len(spec.notes) > 80, spec.name
        assert bool(spec.detect) != bool(spec.detect_first_line), spec.name
        assert spec.positions or spec.columns, spec.name


def test_samples_are_small() -> None:
    assert sum(len(s.data) for s in BUILT) < 300_000


@pytest.mark.parametrize("path", IDS)
def test_golden(path: str) -> None:
    golden = GOLDEN / UPD.golden_name(path)
    df, report = parse(path)
    want = json.loads(golden.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(UPD.golden_record(df, report), ensure_ascii=False))
    assert got["report"] == want["report"]
    assert len(got["transactions"]) == len(want["transactions"])
    for g, w in zip(got["transactions"], want["transactions"], strict=True):
        assert g == w


def _pairs(path: str):
    """(generator transaction, parsed row) pairs, matched in (date, amount, description) order."""
    s = BY_PATH[path]
    df, _ = parse(path)
    want = sorted((t for t in s.txns if t.counted), key=lambda t: (t.date, t.amount, GEN.printed(t.description)))
    got = df.sort_values(["date", "amount", "description"]).reset_index(drop=True)
    assert len(got) == len(want), f"{len(got)} rows parsed, {len(want)} written"
    return s, list(zip(want, (r for _, r in got.iterrows()), strict=True))


@pytest.mark.parametrize("path", IDS)
def test_parse_agrees_with_generator(path: str) -> None:
    s, pairs = _pairs(path)
    for t, r in pairs:
        assert r["date"].date() == t.date
        assert str(r["description"]).startswith(GEN.printed(t.description)), (r["description"], t.description)
        assert r["amount"] == pytest.approx(t.amount, abs=1e-9)
        # sign convention: charges and fees positive, refunds and payments negative, whatever the issuer prints
        assert (r["amount"] > 0) == (t.kind in ("charge", "fee")), t
        if s.carries_fx and t.fx:
            amount, cur, rate = t.fx
            assert (r["original_amount"], r["original_currency"]) == (pytest.approx(amount), cur)
            if s.carries_rate:
                assert r["rate"] == pytest.approx(rate)
            if r["currency"] == "JPY":  # billed yen = printed foreign amount x printed rate, fractions dropped
                assert r["amount"] == GEN.yen(float(r["original_amount"]), float(r["rate"]))


@pytest.mark.parametrize("path", IDS)
def test_kinds_agree_with_generator(path: str) -> None:
    _, pairs = _pairs(path)
    assert [r["kind"] for _, r in pairs] == [t.kind for t, _ in pairs]


def test_each_sample_is_read_with_its_own_layout() -> None:
    got = {s.path: parse(s.path)[1].layout for s in BUILT}
    assert got == {s.path: s.layout for s in BUILT}


def _head_rows(data: bytes) -> tuple[list[list[str]], str]:
    """First records and first non-empty line of a sample, decoded the way its issuer wrote it."""
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    rows = list(csv.reader(io.StringIO(text)))[:60]
    first = next(line for line in text.splitlines() if line.strip())
    return rows, first


def _detects(spec: LayoutSpec, rows: list[list[str]], first: str) -> bool:
    """The detection contract documented in audit/readers/spec.py, applied independently of the engine."""

    def norm(c: str) -> str:
        return unicodedata.normalize("NFKC", c).strip().lower()

    if spec.detect:
        want = {norm(n) for n in spec.detect}
        return any(want <= {norm(c) for c in row} for row in rows)
    assert spec.detect_first_line
    return bool(re.search(spec.detect_first_line, first) or re.search(spec.detect_first_line, unicodedata.normalize("NFKC", first)))


@pytest.mark.parametrize("spec", [s for s in LAYOUTS if s.detect], ids=[s.name for s in LAYOUTS if s.detect])
def test_every_spec_column_is_in_its_samples_header(spec: LayoutSpec) -> None:
    def norm(c: str) -> str:
        return unicodedata.normalize("NFKC", c).strip().lower()

    for s in (s for s in BUILT if s.layout == spec.name):
        rows, _ = _head_rows(s.data)
        header = next(row for row in rows if {norm(n) for n in spec.detect} <= {norm(c) for c in row})
        cells = [unicodedata.normalize("NFKC", c).strip() for c in header]
        for role, names in spec.columns.items():
            found = [
                n for n in names
                if (any(re.search(n[3:], c) for c in cells) if n.startswith("re:") else norm(n) in {c.lower() for c in cells})
            ]
            assert found, (s.path, role, names)
        _, report = parse(s.path)
        assert report.warnings == [], (s.path, report.warnings)


@pytest.mark.parametrize("spec", LAYOUTS, ids=[s.name for s in LAYOUTS])
def test_detect_matches_own_samples_only(spec: LayoutSpec) -> None:
    for s in BUILT:
        rows, first = _head_rows(s.data)
        assert _detects(spec, rows, first) == (s.layout == spec.name), s.path


def test_demo_client_a_has_six_months_of_recurring_fx_charges() -> None:
    paths = [f"demo/client_a/rakuten_2026-{m:02d}.csv" for m in range(5, 11)]
    yen, months = [], []
    for p in paths:
        df, report = parse(p)
        hit = df[df["description"].str.startswith("FS *PCSHIELDPRO")]
        assert len(hit) == 1 and hit["original_amount"].iloc[0] == 29.99 and hit["original_currency"].iloc[0] == "USD"
        yen.append(float(hit["amount"].iloc[0]))
        months.append(report.period_start[:7])
    assert months == [f"2026-{m:02d}" for m in range(5, 11)]
    assert len(set(yen)) == 6  # the yen amount drifts with the exchange rate
    assert yen == [GEN.yen(29.99, GEN.USD[m]) for m in range(5, 11)]


def test_known_ftc_named_merchant_appears_in_a_sample() -> None:
    df, _ = parse("rakuten.csv")
    assert df["description"].str.contains("RESTORO").any()


def test_revolut_reverted_rows_are_excluded_as_reverted_not_declined() -> None:
    text = (SAMPLES / "revolut.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    state = rows[0].index("State")
    want = [(r[state].lower(), n) for n, r in enumerate(rows, 1) if r and r[state] in ("DECLINED", "REVERTED")]
    assert ("reverted", 13) in want and ("declined", 7) in want  # the sample holds one of each
    df, report = parse("revolut.csv")
    assert [(e.reason, e.row) for e in report.excluded] == want
    assert report.problems == []
    reverted = next(e for e in report.excluded if e.reason == "reverted")
    assert reverted.amount == 39.95 and "REVERTED" in reverted.raw
    assert not df["row"].isin([n for _, n in want]).any()


def test_vpass_total_line_is_excluded_as_the_statement_total() -> None:
    lines = (SAMPLES / "vpass.csv").read_bytes().decode("cp932").splitlines()
    m = re.fullmatch(r",,,,,([0-9]+),", lines[-1])
    assert m, lines[-1]
    df, report = parse("vpass.csv")
    assert [(e.reason, e.row, e.amount) for e in report.excluded] == [("total", len(lines), float(m.group(1)))]
    assert report.problems == []
    assert len(lines) not in set(df["row"])
    assert df["amount"].sum() == float(m.group(1))  # the printed total is what the parsed rows add up to
