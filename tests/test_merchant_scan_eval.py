"""``audit eval --merchants`` goes through the scan path: descriptors written into statement files, read back."""

from __future__ import annotations

from audit.merchants.quality import EvalSet, Legit, Listed, format_scan, score_scan
from audit.merchants.scan_eval import LAYOUTS, answers_by_index, pdf_available, run_layouts

DESCRIPTORS = [
    "PAYPAL *RESTORO 4029357733 CY",  # a listed merchant's form
    "NETFLIX.COM",  # legitimate
    "TESCO STORES, 2041",  # a comma inside the descriptor
    "セブン－イレブン　新宿三丁目店",  # Japanese text
    "GLOBAL SMІND",  # a Ukrainian letter no CP932 file can carry
]


def test_every_layout_reads_back_every_descriptor_it_carries() -> None:
    runs = run_layouts(DESCRIPTORS)
    names = [r.layout for r in runs]
    assert names[:3] == ["jp-cp932", "us-csv", "uk-padded"]
    assert ("pdf" in names) == pdf_available()
    for r in runs:
        assert not r.errors and not r.unread, (r.layout, r.errors, r.unread)
        assert set(r.answers) | set(r.skipped) == set(range(len(DESCRIPTORS)))
        assert r.answers[0] == "restoro", r.layout
        assert r.answers[1] == r.answers[2] == r.answers[3] == "", r.layout
    by_name = {r.layout: r for r in runs}
    assert by_name["jp-cp932"].skipped == [4]  # not encodable in CP932: counted, never silently lost
    assert by_name["us-csv"].skipped == []
    assert "TESCO STORES, 2041" in by_name["us-csv"].read_as[2]
    table = answers_by_index(runs, len(DESCRIPTORS))
    assert table[4]["jp-cp932"] is None and table[0]["us-csv"] == "restoro"


def test_score_counts_flags_any_layout_and_found_every_layout() -> None:
    s = EvalSet(
        "t",
        legit=[Legit("NETFLIX.COM", "x", True), Legit("RESTORO", "x", False)],
        listed=[Listed("RESTORO.COM", "restoro", "web"), Listed("SOME UNLISTED CO", "new:some-unlisted-co", "plain"),
                Listed("AMAZON.COM", "reimage", "plain")],
    )
    res = score_scan(s)
    assert res.legit == res.legit_tested == 2
    assert [f[0] for f in res.flagged] == ["RESTORO"] and res.real_flagged == 0
    assert res.listed == 2 and res.found == 1 and res.not_listed == 1
    assert res.not_listed_ids == ["some-unlisted-co"]
    assert res.by_group == {"plain": (0, 1), "web": (1, 1)}
    assert res.layouts == [layout.name for layout in LAYOUTS if layout.name != "pdf" or pdf_available()]
    text = format_scan(res)
    assert "not on the list" in text and "TARGETS NOT MET" in text and "'AMAZON.COM' expected reimage" in text
