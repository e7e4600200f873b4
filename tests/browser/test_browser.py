"""Browser smoke test: the real app on demo data in headless Debian chromium (Playwright).

Opens every page as beheerder (who may see all), checks the heading and that no exception box
appears, downloads one Excel export and opens it, and keeps screenshots in tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import fastexcel
import pytest
from playwright.sync_api import expect, sync_playwright

from dashboard.app import PAGINAS

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(demo_data_dir):
    # the session's demo warehouse (tests/conftest.py): built once, shared with other tests
    env = {**os.environ, "VTH_DATA_DIR": str(demo_data_dir), "VTH_DEMO": "1"}
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    server.terminate()
    server.wait(timeout=20)


def test_every_page_in_a_real_browser(app_url, tmp_path):
    chromium = shutil.which("chromium")
    assert chromium, (
        "Debian chromium is missing: make test installs it (scripts/install-browser.sh)"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(60_000)  # a loaded 2-core CI machine renders slowly
        page.goto(app_url)
        expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible(timeout=60_000)
        # demo mode: become beheerder, who may open every page
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_test_id("stSelectbox").filter(has_text="Rol (demo)").click()
        page.get_by_role("option", name="Beheerder").click()
        for _, _, _, titel, _ in PAGINAS:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=titel).click()
            expect(page.get_by_role("heading", name=titel, level=1)).to_be_visible(timeout=60_000)
            page.wait_for_timeout(1500)  # let charts and tables finish rendering
            assert page.get_by_test_id("stException").count() == 0, titel
            page.screenshot(path=str(SCREENSHOTS / f"{titel}.png"), full_page=True)

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Bijdragen").click()
        expect(page.get_by_role("heading", name="Bijdragen", level=1)).to_be_visible()
        with page.expect_download() as info:
            page.get_by_role("button", name="Excel").first.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        browser.close()
    assert target.suffix == ".xlsx"
    sheet = fastexcel.read_excel(str(target)).load_sheet(0).to_polars()
    assert sheet.height > 0 and sheet.width > 1
