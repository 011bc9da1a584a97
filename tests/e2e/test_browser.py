"""End to end: the real page in headless Chromium, the whole case workflow in Japanese and English.

Sample, upload (replacing the sample), a status change that survives a restart of the app, a reply kept
with its ticket number, the follow-up carrying it, an export; then the same page in English. Screenshots
go to ``tests/e2e/artifacts/`` (git-ignored) so a person can read them: Japanese needs a CJK font beside
chromium (``fonts-noto-cjk``; scripts/run_tests.sh installs both).

Needs Debian's chromium at /usr/bin/chromium (Playwright cannot download browsers here). Without it
the test is skipped, except under CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 60
WAIT_MS = 90_000
UPLOAD = sorted((ROOT / "sample_statements" / "demo" / "client_b").glob("*.csv"))  # one suspicious contract

pytestmark = pytest.mark.e2e


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if _in_ci():
        pytest.fail("CI is set but /usr/bin/chromium is missing: install it with `apt-get install -y chromium`")
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _is_local(url: str, server: str) -> bool:
    """Requests to the page's own server, or browser-internal ones (data:, blob:, about:)."""
    return url.startswith((server, "data:", "blob:", "about:", "chrome"))


@contextmanager
def app_server(data_dir: Path, log_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free local port, its case store in ``data_dir``; stopped on exit."""
    port = _free_port()
    env = {**os.environ, "AUDIT_DATA_DIR": str(data_dir)}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    with log_path.open("ab") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited with {proc.returncode}: "
                                f"{log_path.read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                        if resp.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start within {STARTUP_SECONDS}s")
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False, animations="disabled", timeout=WAIT_MS)
    assert path.stat().st_size > 10_000
    return path


def _pick(page, widget_key: str, option: str) -> None:
    """Choose ``option`` in the Streamlit selectbox whose key is ``widget_key``. A rerun of the page that lands
    just after the click closes the list again (seen on a loaded machine): then the list is opened once more."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    choice = page.get_by_role("option", name=option, exact=True).first
    for _ in range(3):
        page.locator(f".st-key-{widget_key} button[aria-haspopup=listbox]").first.click()
        try:
            choice.wait_for(timeout=WAIT_MS // 3)
        except PlaywrightTimeout:
            continue
        choice.click()
        return
    raise AssertionError(f"the option {option!r} of {widget_key} never showed")


def _open(page, box_key: str, label: str) -> None:
    """Open the expander labelled ``label`` inside the contract box ``box_key`` (opening the box first: only the
    first contract is open when the page is drawn)."""
    box = page.locator(f".st-key-{box_key} details").first
    if box.get_attribute("open") is None:
        page.locator(f".st-key-{box_key} summary").first.click()
    page.locator(f".st-key-{box_key} summary").filter(has_text=label).first.click()


# Where a box ends, in page coordinates (the page scrolls inside Streamlit's main section, not the window).
_BOTTOM_JS = """(sel) => {
  const el = document.querySelector(sel);
  let s = el; while (s && !(s.scrollHeight > s.clientHeight + 5 && /auto|scroll/.test(getComputedStyle(s).overflowY)))
    s = s.parentElement;
  const top = s ? s.scrollTop - s.getBoundingClientRect().top : window.scrollY;
  return el.getBoundingClientRect().bottom + top;
}"""
# Figures and chart sizes: a metric value cut off ("JP…") has a scroll width beyond its box.
_SIZES_JS = """() => ({
  cut: [...document.querySelectorAll('[data-testid=stMetricValue], [data-testid=stMetricValue] *')]
        .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent),
  charts: [...document.querySelectorAll('[class*="st-key-me_c"][class*="_box"] [data-testid=stVegaLiteChart]')]
    .filter(e => e.offsetParent !== null).map(e => {
    const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }),
})"""


def _first_contract_bottom(page) -> float:
    return page.evaluate(_BOTTOM_JS, '[class*="st-key-me_c"][class*="_box"]')


def test_default_sample_fits_two_screens_and_charts_are_readable(tmp_path: Path) -> None:
    """Headline figures and the first contract within two 1280x900 screens; charts of a readable size, and no
    figure cut off in a 900-px-wide window."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(tmp_path / "casedata", tmp_path / "server.log") as server:
                for lang, width in (("ja", 1280), ("en", 1280), ("ja", 900)):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                    page.goto(server)
                    page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                    if lang == "en":
                        page.get_by_text("English", exact=True).first.click()
                        page.get_by_role("heading", name="Card statement audit").first.wait_for(timeout=WAIT_MS)
                    page.locator(".st-key-sample_load button").click()
                    page.locator('[class*="st-key-me_c"][class*="_box"]').first.wait_for(timeout=WAIT_MS)
                    page.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=WAIT_MS)
                    page.wait_for_timeout(1500)
                    bottom = _first_contract_bottom(page)
                    export = page.evaluate(_BOTTOM_JS, ".st-key-me_export_contracts-csv")
                    sizes = page.evaluate(_SIZES_JS)
                    _shot(page, f"07_{lang}_{width}_first_screen.png")
                    if width == 1280:
                        assert bottom <= 2 * 900, f"{lang}: the first contract ends at {bottom:.0f} px"
                        assert export > bottom  # the exports come after the figures and the contracts
                    assert not sizes["cut"], f"{lang} {width}: figures cut off: {sizes['cut']}"
                    assert sizes["charts"] and all(h >= 150 and w >= 300 for w, h in sizes["charts"]), sizes
                    page.close()
        finally:
            browser.close()
    assert outside == [], f"the page contacted other hosts: {outside[:5]}"


def test_case_workflow_in_japanese_and_english(tmp_path: Path) -> None:
    _require_chromium()
    assert UPLOAD, "sample_statements/demo/client_b is missing"
    from playwright.sync_api import expect, sync_playwright

    data_dir, log = tmp_path / "casedata", tmp_path / "server.log"
    outside: list[str] = []  # every request the page makes that leaves this machine
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(data_dir, log) as server:
                page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                # 1. the sample
                page.locator(".st-key-sample_load button").click()
                page.get_by_text("次にすること").first.wait_for(timeout=WAIT_MS)
                _shot(page, "01_ja_sample.png")
                # 2. an upload replaces the sample
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(p) for p in UPLOAD])
                page.get_by_text("アップロードした明細だけを点検しています").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-me_c1_box summary").filter(has_text="SYSCAREPLUS").first.wait_for(timeout=WAIT_MS)
                # 3. the export is at the top, and gives a file
                with page.expect_download(timeout=WAIT_MS) as dl:
                    page.get_by_role("button", name="契約一覧 CSV").first.click()
                assert "SYSCAREPLUS" in Path(dl.value.path()).read_text(encoding="utf-8-sig")
                # 4. letters folded: open them, mark the request as sent
                _open(page, "me_c1_box", "申し出文を開く")
                page.get_by_text("Dear Customer Support").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-me_c1_cancellation_sent button").click()
                page.locator(".st-key-me_c1_status_sent").first.wait_for(timeout=WAIT_MS)
                _shot(page, "02_ja_letters.png")
                # 5. the merchant's auto-reply, kept with its ticket number
                _open(page, "me_c1_box", "この契約への返信を貼り付ける")
                box = page.locator(".st-key-me_c1_reply textarea")
                box.fill("This is an automatic reply. Your ticket number is #48213. An agent will respond.")
                box.press("Control+Enter")
                page.get_by_text("チケット番号：48213").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-me_c1_reply_record button").click()
                page.locator(".st-key-me_c1_status_auto_reply").first.wait_for(timeout=WAIT_MS)
                # 6. the follow-up carries the ticket number
                page.get_by_text("[ticket 48213]").first.wait_for(state="attached", timeout=WAIT_MS)
                _shot(page, "03_ja_reply_follow_up.png")
                page.close()
            # 7. the app is closed and started again: the case is still there
            with app_server(data_dir, log) as server:
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(p) for p in UPLOAD])
                page.locator(".st-key-me_c1_status_auto_reply").first.wait_for(timeout=WAIT_MS)
                _pick(page, "me_c1_status_auto_reply", "割引の提案あり")
                page.locator(".st-key-me_c1_status_discount_offered").first.wait_for(timeout=WAIT_MS)
                _shot(page, "04_ja_after_restart.png")
                # 8. the same page in English
                page.get_by_text("English", exact=True).first.click()
                page.get_by_text("What to do next").first.wait_for(timeout=WAIT_MS)
                expect(page.locator(".st-key-me_c1_status_discount_offered_en input").first).to_have_value(
                    "discount offered", timeout=WAIT_MS)
                _open(page, "me_c1_box", "Open the letters")
                page.get_by_text("Dear Customer Support").first.wait_for(timeout=WAIT_MS)
                assert page.get_by_text("カスタマーサポート御中").count() == 0  # no Japanese-only column
                _shot(page, "05_en_letters.png")
        finally:
            browser.close()
    assert outside == [], f"the page contacted other hosts: {outside[:5]}"


def test_analyst_workbench_in_the_browser(tmp_path: Path) -> None:
    """The analyst's view: sample statements in, candidate table and the TOML draft download out."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(tmp_path / "casedata", tmp_path / "server.log") as server:
                page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                page.get_by_text("分析（加盟店リスト）", exact=True).first.click()
                page.locator(".st-key-analyst_sample button").click()
                page.locator(".st-key-analyst_download button").first.wait_for(timeout=WAIT_MS)
                page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=WAIT_MS)  # the candidate table
                with page.expect_download(timeout=WAIT_MS) as dl:
                    page.locator(".st-key-analyst_download button").click()
                draft = Path(dl.value.path()).read_text(encoding="utf-8")
                _shot(page, "06_ja_analyst.png")
        finally:
            browser.close()
    assert "[[entry]]" in draft and "TECHFIX" in draft.upper()
    assert not outside, outside


def _walk_statements(folder: Path) -> list[Path]:
    """A newcomer's own statements (issue 20's second walk): a US and a Canadian card that print no currency,
    and three months of a Japanese card with a support contract, a three-year plan and a phone bill."""
    def plain(months: range, support: float, shop: str, tag: str) -> str:
        rows = ["Date,Description,Amount"]
        for m in months:
            rows += [f"{m:02d}/02/2026,{shop} {tag},{80.0 + m:.2f}",
                     f"{m:02d}/12/2026,PCSAFE HELPDESK 888-555-0142 {tag},{support:.2f}",
                     f"{m:02d}/24/2026,CITY UTILITIES {tag},{60.0 + m / 10:.2f}"]
        return "\n".join(rows) + "\n"

    files = {"us_card.csv": plain(range(9, 12), 49.99, "GROCER", "OR"),
             "ca_card.csv": plain(range(9, 12), 64.99, "MARKET", "ON")}
    for m, phone in zip((8, 9, 10), (6842, 7015, 6790), strict=True):
        rows = ['"利用日","利用店名・商品名","利用者","支払方法","利用金額","支払手数料","支払総額"']
        lines = [(f"2026/{m:02d}/01", "ｾﾌﾞﾝｲﾚﾌﾞﾝ 世田谷桜丘店", 600 + m), (f"2026/{m:02d}/03", "ﾏｲｸﾛｿﾌﾄ ｻﾎﾟｰﾄｾﾝﾀｰ", 7980),
                 (f"2026/{m:02d}/10", "ＮＴＴドコモ ご利用料金", phone), (f"2026/{m:02d}/27", "ｽｷﾞ薬局", 1200 + m)]
        if m == 8:
            lines.append((f"2026/{m:02d}/02", "GLOBALTECH ASSIST PTE LTD 3年サポート", 98000))
        rows += [f'"{d}","{n}","本人","1回払い","{a}","0","{a}"' for d, n, a in sorted(lines)]
        files[f"jcard2026{m:02d}.csv"] = "\n".join(rows) + "\n"
    out = []
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
        out.append(folder / name)
    return out


def test_a_newcomers_statements_read_in_japanese_and_english(tmp_path: Path) -> None:
    """Issue 20's second walk: the currency asked once per file, money never added across cards, no figure cut
    off at 1280 or 900 px, statements kept across a switch to the counsellor view and back."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    files = _walk_statements(tmp_path)
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(tmp_path / "casedata", tmp_path / "server.log") as server:
                for lang, width in (("ja", 1280), ("en", 1280), ("ja", 900)):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                    page.goto(server)
                    page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                    if lang == "en":
                        page.get_by_text("English", exact=True).first.click()
                        page.get_by_role("heading", name="Card statement audit").first.wait_for(timeout=WAIT_MS)
                    page.locator(".st-key-uploads input[type=file]").set_input_files([str(p) for p in files])
                    ask = page.locator(".st-key-me_currency_ask")
                    ask.wait_for(timeout=WAIT_MS)
                    page.locator('[class*="st-key-me_c"][class*="_box"]').first.wait_for(timeout=WAIT_MS)
                    body = page.locator("body").inner_text()
                    assert "344.94" not in body  # two cards' unstated currencies never added up
                    _shot(page, f"08_{lang}_{width}_asked.png")
                    # the US card's currency, given once
                    ask.locator("[class*='st-key-_filecur_me_us-card-csv'] [role=combobox]").first.click()
                    page.get_by_role("option", name="USD", exact=True).first.click()
                    page.get_by_text("USD 149.97").first.wait_for(timeout=WAIT_MS)
                    page.wait_for_timeout(1500)
                    sizes = page.evaluate(_SIZES_JS)
                    assert not sizes["cut"], f"{lang} {width}: figures cut off: {sizes['cut']}"
                    _shot(page, f"09_{lang}_{width}_usd.png")
                    page.close()
                # statements kept across a switch to the counsellor view and back
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(p) for p in files])
                page.locator('[class*="st-key-me_c"][class*="_box"]').first.wait_for(timeout=WAIT_MS)
                page.get_by_text("相談員（複数の相談者）", exact=True).first.click()
                page.locator(".st-key-demo_load").first.wait_for(timeout=WAIT_MS)
                page.get_by_text("自分の明細を点検", exact=True).first.click()
                page.get_by_text("画面を切り替える前に読み込んだ").first.wait_for(timeout=WAIT_MS)
                page.locator('[class*="st-key-me_c"][class*="_box"]').first.wait_for(timeout=WAIT_MS)
                _shot(page, "10_ja_back_from_counsellor.png")
                page.close()
        finally:
            browser.close()
    assert outside == [], f"the page contacted other hosts: {outside[:5]}"


def _idle(page) -> None:
    """Wait until the page has finished its rerun (Streamlit's running indicator gone)."""
    page.wait_for_timeout(400)
    page.locator("[data-testid=stStatusWidget]").first.wait_for(state="hidden", timeout=WAIT_MS)
    page.wait_for_timeout(200)


def _select(page, selector: str, option: str) -> None:
    """Choose ``option`` in the Streamlit selectbox inside ``selector``, then wait for the rerun."""
    field = page.locator(selector).first.locator("[role=combobox]").first
    choice = page.get_by_role("option", name=option, exact=True).first
    field.click()
    try:
        choice.wait_for(timeout=3000)
    except Exception:  # a field that already had the focus: the arrow key opens its list
        field.press("ArrowDown")
    choice.click()
    _idle(page)


def _picker_files(folder: Path) -> dict[str, Path]:
    """A misread file (a point card whose points column the reader takes for the amount), a refused one (a
    German account with compact dates) and next month's file of that bank (tests/test_picker.py's shapes)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_picker import _konto, _points

    out = {}
    for key, (name, data) in {"points": _points(9), "konto": _konto(9), "next": _konto(10)}.items():
        (folder / name).write_bytes(data)
        out[key] = folder / name
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_column_picker_reads_a_refused_and_a_misread_file_then_the_next_without_asking(
        tmp_path: Path, lang: str) -> None:
    """Issue 23's done-when: through the picker to a correct reading, saved, and the next file of the same bank
    read with no question; screenshots in Japanese and English."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    files = _picker_files(tmp_path)
    words = {"ja": {"ignore": "使わない", "amount": "金額", "date": "日付", "description": "内容（利用先）",
                    "comma": "カンマ（49,99）", "apply": "この指定で読む", "save": "保存して、この形式のファイルを次から自動で読む",
                    "refused": "読み込めませんでした", "unsure": "自信がないまま", "nodate": "1 行も読めません",
                    "row": "2 行目：Nr ; Beleg ; Text ; Betrag", "saved": "保存した指定「Girokonto」"},
             "en": {"ignore": "ignore", "amount": "amount", "date": "date", "description": "description",
                    "comma": "comma (49,99)", "apply": "Read it this way",
                    "save": "Save, and read files of this layout this way from now on",
                    "refused": "could not be read", "unsure": "low confidence", "nodate": "reads no date",
                    "row": "line 2: Nr ; Beleg ; Text ; Betrag", "saved": "saved layout 'Girokonto'"}}[lang]
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(tmp_path / "casedata", tmp_path / "server.log") as server:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                if lang == "en":
                    page.get_by_text("English", exact=True).first.click()
                    page.get_by_role("heading", name="Card statement audit").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(files["points"]),
                                                                                  str(files["konto"])])
                page.get_by_text(words["unsure"]).first.wait_for(timeout=WAIT_MS)
                page.get_by_text(words["refused"]).first.wait_for(timeout=WAIT_MS)
                _shot(page, f"11_{lang}_picker_asked.png")
                # the misread file: points are no amount, the paid column is, in yen
                points, konto = '[class*="st-key-me_pick_points-2026-09-csv_"]', '[class*="st-key-me_pick_konto-2026-09-csv_"]'
                _select(page, f'{points}[class*="_role2"]', words["ignore"])
                _select(page, f'{points}[class*="_role3"]', words["amount"])
                _select(page, '[class*="st-key-_filecur_me_points-2026-09-csv_"][class*="_picker"]', "JPY")
                page.locator(f'{points}[class*="_apply"] button').first.click()
                page.get_by_text("JPY 14,997").first.wait_for(timeout=WAIT_MS)
                # the refused file: its header row, roles, a date format that reads nothing (said so), then the right one
                _idle(page)
                _select(page, f'{konto}[class*="_row"]', words["row"])
                for i, role in enumerate(("ignore", "date", "description", "amount")):
                    _select(page, f'{konto}[class*="_role{i}"]', words[role])
                fmt = page.locator(f'{konto}[class*="_datefmt"] input').first
                fmt.fill("DD.MM.YYYY")
                fmt.press("Enter")
                _idle(page)
                page.locator(f'{konto}[class*="_decimal"]').get_by_text(words["comma"]).first.click()
                _idle(page)
                page.get_by_text(words["nodate"]).first.wait_for(timeout=WAIT_MS)
                _shot(page, f"12_{lang}_picker_error.png")
                fmt.fill("DDMMYYYY")
                fmt.press("Enter")
                _idle(page)
                _select(page, '[class*="st-key-_filecur_me_konto-2026-09-csv_"][class*="_picker"]', "EUR")
                name = page.locator(f'{konto}[class*="_savename"] input').first
                name.fill("Girokonto")
                name.press("Enter")
                _idle(page)
                page.locator(f'{konto}[class*="_save "] button').first.scroll_into_view_if_needed()
                _shot(page, f"13_{lang}_picker_preview.png")
                page.locator(f'{konto}[class*="_save "] button').first.click()
                page.get_by_text("EUR 149.97").first.wait_for(timeout=WAIT_MS)
                _shot(page, f"14_{lang}_picker_read.png")
                page.close()
                # next month's file of the same bank, in a new session: read without asking
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                if lang == "en":
                    page.get_by_text("English", exact=True).first.click()
                    page.get_by_role("heading", name="Card statement audit").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(files["next"])])
                page.get_by_text("EUR 149.97").first.wait_for(timeout=WAIT_MS)
                body = page.locator("body").inner_text()
                assert words["refused"] not in body and words["unsure"] not in body
                assert page.locator('[class*="st-key-me_pick_"][class*="_role"]').count() == 0  # no picker drawn
                _shot(page, f"15_{lang}_next_file.png")
                page.close()
        finally:
            browser.close()
    assert outside == [], f"the page contacted other hosts: {outside[:5]}"
    saved = tmp_path / "casedata" / "layouts.json"
    assert saved.exists() and "Girokonto" in saved.read_text(encoding="utf-8")
    assert not (ROOT / "layouts.json").exists()


def test_japanese_microsoft_support_case_in_the_browser(tmp_path: Path) -> None:
    """The seeds' own scam on a Japanese statement: the kana Microsoft-support charge is a suspicious contract
    whose Japanese reasons cite the Consumer Affairs Agency's notice; the other subscriptions tab lists known
    services and, apart, the ones to check (the tables themselves are checked in tests/test_app_brands.py)."""
    _require_chromium()
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright
    from test_app_brands import jp_statement

    statement = tmp_path / "meisai.csv"
    statement.write_bytes(jp_statement())
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            with app_server(tmp_path / "casedata", tmp_path / "server.log") as server:
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.on("request", lambda r, s=server: outside.append(r.url) if not _is_local(r.url, s) else None)
                page.goto(server)
                page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=WAIT_MS)
                page.locator(".st-key-uploads input[type=file]").set_input_files([str(statement)])
                box = page.locator(".st-key-me_c1_box")
                box.locator("summary").filter(has_text="マイクロソフトサポート").first.wait_for(timeout=WAIT_MS)
                reason = box.get_by_text("消費者庁は2021年2月19日").first
                reason.wait_for(timeout=WAIT_MS)
                assert "マイクロソフト" in box.inner_text() and "本物の請求" in box.inner_text()
                reason.scroll_into_view_if_needed()
                _shot(page, "08_ja_microsoft_support_contract.png")
                page.get_by_role("tab", name="その他の定期支払い").first.click()
                page.get_by_text("確認してほしい定期支払い").first.wait_for(timeout=WAIT_MS)
                page.get_by_text("確認してほしい定期支払い").first.scroll_into_view_if_needed()
                page.wait_for_timeout(1000)
                _shot(page, "09_ja_known_and_to_check.png")
        finally:
            browser.close()
    assert outside == [], f"the page contacted other hosts: {outside[:5]}"
