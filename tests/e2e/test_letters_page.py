"""End to end, walk 21's page and letter findings in headless Chromium, in Japanese and English: a merchant's
order number and address typed in its contract stay out of another contract's letters; a statement without a
currency gives letters with a currency placeholder and a warning beside them, where the card's currency is
chosen; the sidebar holds only the user's own details; the files tab opens the column picker on a file that
was read. Screenshots go to ``tests/e2e/artifacts/`` (look at them: Japanese must be readable).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    WAIT_MS,
    _idle,
    _is_local,
    _require_chromium,
    _select,
    _shot,
    app_server,
)

pytestmark = pytest.mark.e2e


def _us_statement(folder: Path) -> Path:
    """A card export that prints no currency: a monthly support charge, a one-off plan and a brand-named helpdesk
    (three suspicious contracts of three merchants), and ordinary charges."""
    rows = ["Date,Description,Amount"]
    for m in range(8, 12):
        rows += [f"{m:02d}/02/2026,GROCER OR,{80.0 + m:.2f}", f"{m:02d}/12/2026,PCSAFE HELPDESK 888-555-0142 OR,49.99",
                 f"{m:02d}/24/2026,CITY UTILITIES OR,{60.0 + m / 10:.2f}"]
    rows += ["08/09/2026,SECURESHIELD LIFETIME PROTECTION PLAN,899.00", "10/18/2026,WINDOWS DEFENDER HELPDESK,49.99"]
    path = folder / "us_card.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _letters(page, box: str) -> str:
    """Every letter text drawn in a contract's box (hidden tabs included)."""
    return "\n".join(page.locator(f".st-key-{box} [data-testid=stCode]").all_text_contents())


def _open_in(page, box: str, label: str) -> None:
    summary = page.locator(f".st-key-{box} summary").filter(has_text=label).first
    details = summary.locator("xpath=..")
    if details.get_attribute("open") is None:
        summary.click()
        _idle(page)


def _type(page, key: str, value: str) -> None:
    field = page.locator(f".st-key-{key} input").first
    field.fill(value)
    field.press("Enter")
    _idle(page)


WORDS = {
    "ja": {"fields": "この契約の事業者についての情報", "letters": "申し出文を開く", "files": "読み込み結果",
           "choose": "列を自分で選ぶ", "english": None},
    "en": {"fields": "This merchant's details", "letters": "Open the letters", "files": "Files read",
           "choose": "Choose the columns myself", "english": "English"},
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_merchant_fields_stay_in_their_contract_and_an_unknown_currency_is_asked_beside_the_letters(
        lang: str, tmp_path: Path) -> None:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    words = WORDS[lang]
    statement = _us_statement(tmp_path)
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(tmp_path / "casedata", tmp_path / "server.log") as server:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                if words["english"]:
                    page.get_by_text(words["english"], exact=True).first.click()
                    page.get_by_role("heading", name="Card statement audit").first.wait_for(timeout=WAIT_MS)
                # the sidebar: the user's own details only
                for key in ("me_name", "me_name_ja", "me_email", "me_address", "me_phone"):
                    page.locator(f".st-key-{key} input").first.wait_for(timeout=WAIT_MS)
                assert page.locator(".st-key-me_order_number").count() == 0
                assert page.locator(".st-key-me_merchant_email").count() == 0
                _type(page, "me_name", "Hanako Yamada")
                _type(page, "me_name_ja", "山田 花子")
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(statement)])
                page.locator(".st-key-me_c2_box").first.wait_for(timeout=WAIT_MS)
                _idle(page)
                _shot(page, f"21_{lang}_sidebar_own_details.png")
                # the monthly support contract: its own order number and merchant address
                _open_in(page, "me_c2_box", words["fields"])
                _type(page, "me_c2_order_number", "PS-7781-2026")
                _type(page, "me_c2_merchant_email", "billing@pcsafe.example")
                _open_in(page, "me_c2_box", words["letters"])
                c2 = _letters(page, "me_c2_box")
                assert "PS-7781-2026" in c2 and "billing@pcsafe.example" in c2
                warning = page.locator(".st-key-me_c2_currency_box")
                warning.wait_for(timeout=WAIT_MS)
                assert "［通貨］" in warning.inner_text() or "[CURRENCY]" in warning.inner_text()
                assert "[CURRENCY] 49.99" in c2 and "currency not stated" not in c2 and "通貨の記載なし" not in c2
                warning.scroll_into_view_if_needed()
                _shot(page, f"22_{lang}_letter_currency_warning.png")
                # another merchant's letters: none of it, and no claim it was contacted at that address
                for box in ("me_c1_box", "me_c3_box"):
                    page.locator(f".st-key-{box} summary").first.click()
                    _idle(page)
                    _open_in(page, box, words["letters"])
                    other = _letters(page, box)
                    assert other and "PS-7781-2026" not in other and "pcsafe.example" not in other
                    assert "contacted the merchant at" not in other
                page.locator(".st-key-me_c3_box").scroll_into_view_if_needed()
                _shot(page, f"23_{lang}_other_contract_letters.png")
                # the card's currency chosen beside the letters: every letter is redrawn in it
                _select(page, ".st-key-me_c2_currency_box [class*='_letter-c2']", "USD")
                page.locator(".st-key-me_c2_currency_box").first.wait_for(state="detached", timeout=WAIT_MS)
                _idle(page)
                _open_in(page, "me_c2_box", words["letters"])
                c2 = _letters(page, "me_c2_box")
                assert "USD 49.99" in c2 and "[CURRENCY]" not in c2
                assert page.locator(".st-key-me_c2_currency_box").count() == 0
                page.locator(".st-key-me_c2_box").scroll_into_view_if_needed()
                _shot(page, f"24_{lang}_letters_in_usd.png")
                # the files tab: the column picker on a file that was read
                page.get_by_role("tab", name=words["files"]).first.click()
                _idle(page)
                ask = page.get_by_role("button", name=words["choose"]).first
                ask.wait_for(timeout=WAIT_MS)
                _shot(page, f"25_{lang}_files_tab.png")
                ask.click()
                _idle(page)
                page.locator("[class*='st-key-me_pick_us-card-csv'][class*='asked_box']").first.wait_for(timeout=WAIT_MS)
                page.locator("[class*='st-key-me_pick_us-card-csv'][class*='_role0']").first.wait_for(timeout=WAIT_MS)
                page.locator("[class*='st-key-me_pick_us-card-csv'][class*='asked_box']").first.scroll_into_view_if_needed()
                _shot(page, f"26_{lang}_picker_from_files_tab.png")
                page.close()
        finally:
            browser.close()
    assert outside == [], f"the page contacted other hosts: {outside[:5]}"
