"""Browser tests: the real app in headless Debian chromium (Playwright).

On demo data: opens every page as beheerder (who may see all), checks the heading and that no
exception box appears, downloads one Excel export and opens it, and keeps screenshots in
tests/artifacts/. With a local account (no demo): a login survives a reload and a new tab
through the signed session cookie, and a logout ends it (issue 12).

Before a click the tests wait until the script run is over (``_rustig``): an element still on
screen from the previous run may be replaced, or its download callable dropped, while it is
clicked.
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
def demo_data(demo_data_dir) -> Path:
    """The session's demo warehouse (tests/conftest.py: demo deliveries, ingest, build at a
    mid-year peildatum), built once and shared with the warehouse tests on demo data."""
    return demo_data_dir


@pytest.fixture(scope="module")
def app_url(demo_data):
    """The dashboard in demo mode on the demo data."""
    yield from _server({**os.environ, "VTH_DATA_DIR": str(demo_data), "VTH_DEMO": "1"})


WACHTWOORD = "correct-paard-batterij"


@pytest.fixture(scope="module")
def productie_url(demo_data, tmp_path_factory):
    """The dashboard with login (no demo) on a copy of the demo warehouse, account eva."""
    data = tmp_path_factory.mktemp("productie") / "data"
    data.mkdir()
    shutil.copy(demo_data / "vth.duckdb", data / "vth.duckdb")
    env = {k: v for k, v in os.environ.items() if k != "VTH_DEMO"} | {"VTH_DATA_DIR": str(data)}
    subprocess.run(
        [sys.executable, "-m", "dashboard.users", "add", "eva", "--rol", "evaluator",
         "--wachtwoord-stdin"],
        input=WACHTWOORD + "\n", text=True, env=env, cwd=REPO, check=True, capture_output=True,
    )
    yield from _server(env)


def _server(env: dict[str, str]):
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


def _chromium() -> str:
    chromium = shutil.which("chromium")
    assert chromium, (
        "Debian chromium is missing: make test installs it (scripts/install-browser.sh)"
    )
    return chromium


def _rustig(page) -> None:
    """Wait until the app's script run is over and no element of an earlier run is left."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-stale=\"true\"]')"
    )


def alle_paginas(page) -> None:
    """Show every page in the sidebar navigation: with many pages Streamlit folds the list
    behind "View N more" (the state is kept in the browser's localStorage)."""
    _rustig(page)
    meer = page.get_by_test_id("stSidebarNavViewButton")
    if meer.count() and "more" in meer.inner_text():
        meer.click()


def test_every_page_in_a_real_browser(app_url, tmp_path):
    chromium = _chromium()
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
        alle_paginas(page)
        for _, _, _, titel, _ in PAGINAS:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=titel).click()
            expect(page.get_by_role("heading", name=titel, level=1)).to_be_visible(timeout=60_000)
            page.wait_for_timeout(1500)  # let charts and tables finish rendering
            assert page.get_by_test_id("stException").count() == 0, titel
            page.screenshot(path=str(SCREENSHOTS / f"{titel}.png"), full_page=True)

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Bijdragen").click()
        expect(page.get_by_role("heading", name="Bijdragen", level=1)).to_be_visible()
        _rustig(page)  # the button of this run, not one of the page before
        knop = page.get_by_test_id("stMain").get_by_role("button", name="Excel", exact=True)
        with page.expect_download() as info:
            knop.first.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        browser.close()
    assert target.suffix == ".xlsx"
    sheet = fastexcel.read_excel(str(target)).load_sheet(0).to_polars()
    assert sheet.height > 0 and sheet.width > 1


def test_local_login_survives_reload_and_new_tab_until_logout(productie_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(productie_url)
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        page.get_by_label("Gebruikersnaam").fill("eva")
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
        _rustig(page)

        cookie = next(c for c in context.cookies() if c["name"] == "vth_sessie")
        assert cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert 11 * 3600 < cookie["expires"] - time.time() <= 12 * 3600

        page.reload()  # a new session on the server: no login form, still eva
        expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
        expect(page.get_by_test_id("stSidebar").get_by_text("Ingelogd als")).to_contain_text(
            "eva")
        tweede = context.new_page()  # a new tab
        tweede.goto(productie_url)
        expect(tweede.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
        _rustig(tweede)

        tweede.get_by_role("button", name="Uitloggen").click()
        expect(tweede.get_by_role("heading", name="Inloggen")).to_be_visible()
        page.reload()  # the logout ended the token for every tab
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        assert page.get_by_role("heading", name="Overzicht", level=1).count() == 0
        browser.close()
