"""The page with several cards (issue 20.2, 20.3, 20.8): statements without card numbers kept apart, joined or split
by the user, money per currency, each dispute letter to its own card company, help by the card's country.

Real pipeline, no browser (streamlit.testing's AppTest).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SAMPLES = ROOT / "sample_statements"
MERCHANT = "FS *PCSHIELDPRO"


def _generic(months: range, amount: float, currency: str) -> bytes:
    lines = ["Date,Description,Amount,Currency"]
    for m in months:
        lines += [f"2026-{m:02d}-05,{MERCHANT},{amount:.2f},{currency}", f"2026-{m:02d}-09,GROCER 12,{31.5 + m:.2f},{currency}",
                  f"2026-{m:02d}-20,CITY CAFE,{8.25 + m:.2f},{currency}"]
    return ("\n".join(lines) + "\n").encode()


US = ("us_card.csv", _generic(range(1, 6), 29.99, "USD"))
UK = ("uk_card.csv", _generic(range(1, 6), 23.68, "GBP"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "casedata"))
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _app(lang: str = "ja") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if lang != "ja":
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="uploads").set_value([(n, d, "text/csv") for n, d in files]).run()
    assert not at.exception, at.exception
    return at


def _code(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "warning", "error", "info", "success")
    return "\n".join([e.value for k in kinds for e in getattr(at, k)] + [e.label for e in at.expander]
                     + [str(m.value) for m in at.metric]).replace("\\", "")


def test_a_us_and_a_uk_card_without_numbers_are_two_cards_and_money_stays_per_currency() -> None:
    at = _upload(_app("en"), US, UK)
    titles = [e.label.replace("\\", "") for e in at.expander if "PCSHIELDPRO" in e.label]
    assert len(titles) == 2, titles  # one contract per card
    assert any("USD 149.95" in t for t in titles) and any("GBP 118.40" in t for t in titles)
    assert not any(" + " in t for t in titles)  # no contract adds up two currencies
    text = _texts(at)
    assert "2 card(s)" in text and "card of us_card.csv" in text and "card of uk_card.csv" in text
    assert "53.67" not in text and "268.35" not in text  # never dollars and pounds added up
    assert "foreign currency (USD)" not in text
    assert "GBP 118.40 + USD 149.95" in text  # the headline: one figure per currency
    # the dispute letters: each lists only its own card's charges
    disputes = [c.value for c in at.code if "chargeback" in c.value and "Charges:" in c.value]
    assert disputes and all(("USD" in d) != ("GBP" in d) for d in disputes)


def test_the_user_joins_two_statements_into_one_card_and_splits_them_again() -> None:
    jan = ("jan.csv", _generic(range(1, 3), 29.99, "USD"))
    other = b"Transaction Date,Merchant Name,Amount,Currency\n" + _generic(range(3, 5), 29.99, "USD").split(b"\n", 1)[1]
    later = ("later.csv", other)  # another layout: two cards until the user says otherwise
    at = _upload(_app(), jan, later)
    assert len([e for e in at.expander if "PCSHIELDPRO" in e.label]) == 2
    assert "カード 2 枚" in _texts(at)
    join = next(s for s in at.selectbox if s.label.replace("\\", "") == "later.csv")
    join.set_value("jan.csv").run()
    assert not at.exception, at.exception
    assert "カード 1 枚" in _texts(at)
    (stream,) = [e for e in at.expander if "PCSHIELDPRO" in e.label]
    assert "JPY" not in stream.label and "USD 119.96" in stream.label.replace("\\", "")  # four charges, one card
    split = next(s for s in at.selectbox if s.label.replace("\\", "") == "later.csv")
    split.set_value("\x00own").run()
    assert "カード 2 枚" in _texts(at)


def test_each_dispute_letter_goes_to_its_own_card_company_and_can_be_corrected() -> None:
    files = [(p.name, p.read_bytes()) for p in (SAMPLES / "saison.csv", SAMPLES / "harbor_2026-01.pdf")]
    at = _upload(_app(), *files)
    code = _code(at)
    assert "セゾンカードインターナショナル カスタマーサービス御中" in code  # the yen card, named in its file
    assert "Dear Harbor Bank customer service," in code  # the dollar card, named by its layout
    # the user corrects one card's company: only that card's letters change
    box = next(t for t in at.text_input if t.label == "カード会社（異議申立て文の宛先）" and t.value == "Harbor Bank")
    box.input("Harbor Bank N.A.").run()
    code = _code(at)
    assert "Dear Harbor Bank N.A. customer service," in code
    assert "セゾンカードインターナショナル カスタマーサービス御中" in code
    assert "カード会社名" not in [t.label for t in at.text_input]  # no single field for every card any more


@pytest.mark.parametrize("lang, sample, wanted, unwanted", [
    ("en", "harbor_2026-01.pdf", "Federal Trade Commission", "Consumer Hotline (188)"),
    ("en", "thistle_2026-01.pdf", "Action Fraud", "Consumer Hotline (188)"),
    ("ja", "rakuten.csv", "消費者ホットライン（188）", "Action Fraud"),
])
def test_first_steps_send_people_to_help_in_their_cards_country(lang, sample, wanted, unwanted) -> None:
    at = _upload(_app(lang), (sample, (SAMPLES / sample).read_bytes()))
    steps = next(e for e in at.expander if e.label in ("まずすること", "What to do first"))
    text = "\n".join(m.value for m in steps.markdown).replace("\\", "")
    assert wanted in text and unwanted not in text
    assert "返信の判定" not in text and "Check a reply\" tab" not in text  # no tab of that name exists
    tabs = [t.label for t in at.tabs]
    assert not any("返信の判定" in t or "Reply check" in t for t in tabs)
