"""The analyst's workbench page (views/analyst.py) under streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def test_sample_statements_give_candidates_and_a_draft(tmp_path: Path) -> None:
    at = AppTest.from_string(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom views.analyst import render\nrender('en')\n",
        default_timeout=180,
    )
    at.run()
    assert not at.exception
    assert not at.dataframe  # nothing before statements are chosen
    at.button(key="analyst_sample").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    names = list(table["normalised name"])
    assert "TECHFIX" in names and "RESTORO" not in names  # listed merchants are not candidates
    row = table[table["normalised name"] == "TECHFIX"].iloc[0]
    assert row["clients"] == 1 and row["charges"] >= 3
    assert at.get("download_button")


def test_japanese_labels() -> None:
    at = AppTest.from_string(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom views.analyst import render\nrender('ja')\n",
        default_timeout=60,
    )
    at.run()
    assert not at.exception
    assert "アナリスト" in at.header[0].value
