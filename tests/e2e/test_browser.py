"""End to end: the real page in headless Chromium, a bundled sample statement uploaded, letters shown.

Needs Debian's chromium at /usr/bin/chromium (Playwright cannot download browsers here). Without it
the test is skipped, except under CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 60
LETTER_TIMEOUT_MS = 90_000

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


def _pick_sample() -> tuple[list[Path], str]:
    """Bundled sample file(s) whose audit yields a contract with letters, and that contract's merchant.

    Single files are tried first, then whole sample folders (a 6-month demo may need all its months).
    """
    from audit.cases.export import is_prepaid_only
    from audit.pipeline import scan

    spec = importlib.util.spec_from_file_location("audit_app_page_e2e", ROOT / "app.py")
    assert spec is not None and spec.loader is not None
    page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page)
    sets = page.sample_sets()
    if not sets:
        pytest.fail("no sample statements found under sample_statements/")
    candidates = [[p] for files in sets.values() for p in files] + list(sets.values())
    for files in candidates:
        result = scan(files)
        letters = [c for c in result.contracts if c.suspicious and not is_prepaid_only(c)]
        if letters:
            return files, letters[0].merchant
    pytest.fail("no bundled sample statement yields a suspicious contract with letters")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    log = log_path.open("wb")
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}: {log_path.read_text(errors='replace')[-2000:]}")
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
        log.close()


def test_upload_sample_statement_shows_letters(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    files, merchant = _pick_sample()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            outside: list[str] = []  # every request the page makes that leaves this machine
            page.on("request", lambda r: outside.append(r.url) if not _is_local(r.url, server) else None)
            page.goto(server)
            page.get_by_role("heading", name="カード明細の点検").first.wait_for(timeout=LETTER_TIMEOUT_MS)
            page.locator(".st-key-uploads input[type=file]").set_input_files([str(p) for p in files])
            english = page.get_by_text("Dear Customer Support").first
            english.wait_for(timeout=LETTER_TIMEOUT_MS)
            assert english.is_visible()
            assert page.get_by_text("カスタマーサポート御中").first.is_visible()
            assert page.get_by_text(merchant).first.is_visible()
            assert page.get_by_role("button", name=".eml（下書き）をダウンロード").count() >= 1
            for p in files:
                page.get_by_text(p.name).first.wait_for(timeout=10_000)
            english.scroll_into_view_if_needed()
            shot = tmp_path / "letters.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            # the English switch relabels the page without losing the upload
            page.get_by_text("English", exact=True).first.click()
            page.get_by_text("Check my own statements").first.wait_for(timeout=LETTER_TIMEOUT_MS)
            page.get_by_text("Dear Customer Support").first.wait_for(timeout=LETTER_TIMEOUT_MS)
            page.screenshot(path=str(tmp_path / "letters_en.png"))
            print(f"screenshots: {shot} and {tmp_path / 'letters_en.png'}")
            assert outside == [], f"the page contacted other hosts: {outside[:5]}"
        finally:
            browser.close()
