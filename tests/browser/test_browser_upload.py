"""Browser test of issue 16's upload: a kerngroep account uploads a delivery in headless chromium,
sees the check (what a load would do, nothing loaded yet), downloads the terugmelding for the
supplier, publishes, and the upload box is empty afterwards.

On a copy of the session's fixture build (tests/conftest.py), with a local account (not demo
mode: after the publish the warehouse holds a non-demo delivery). Screenshots in
tests/artifacts/screenshots/ (Upload-controle.png, Upload-gepubliceerd.png).
"""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import fastexcel
import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.test_browser import (
    CHROMIUM_ARGS,
    REPO,
    SCREENSHOTS,
    _chromium,
    _rustig,
    _server,
    alle_paginas,
)
from tests.conftest import fixture, kopie_van

WACHTWOORD = "Twentse-kanaal-proef-2026"


@pytest.fixture(scope="module")
def upload_url(gebouwde_datamap, tmp_path_factory):
    data = kopie_van(gebouwde_datamap, tmp_path_factory.mktemp("upload") / "data")
    env = {k: v for k, v in os.environ.items() if k != "VTH_DEMO"} | {
        "VTH_DATA_DIR": str(data), "VTH_DOCS": "0"}
    subprocess.run(
        [sys.executable, "-m", "dashboard.users", "add", "secretaris", "--rol", "kerngroep",
         "--wachtwoord-stdin"],
        input=WACHTWOORD + "\n", text=True, env=env, cwd=REPO, check=True, capture_output=True,
    )
    for url in _server(env):
        yield url, data


def test_upload_check_terugmelding_publish(upload_url, tmp_path):
    url, data = upload_url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    oud = (data / "vth.duckdb").stat().st_ino
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
        page.set_default_timeout(120_000)  # a publish is a real dbt build on a busy machine
        page.goto(url)
        page.get_by_label("Gebruikersnaam").fill("secretaris")
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible(
            timeout=60_000)
        alle_paginas(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Gegevens").click()
        expect(page.get_by_role("heading", name="Gegevens", level=1)).to_be_visible(
            timeout=60_000)
        _rustig(page)

        # the fixture build loaded inzet_fouten.csv already: a new delivery, one more valid row
        inhoud = fixture("inzet_fouten.csv").read_bytes() + b"09-04-2024;ENS;kerngroep;1\n"
        page.locator("input[type=file]").set_input_files(
            {"name": "inzet_april.csv", "mimeType": "text/csv", "buffer": inhoud})
        expect(page.get_by_text("inzet_april.csv").first).to_be_visible()
        _rustig(page)
        page.get_by_role("button", name="Controleren").click()
        expect(page.get_by_text(
            "inzet_april.csv: soort inzet, 11 rijen gelezen; een lading zou 3 toevoegen, 0 "
            "vervangen en 8 in quarantaine zetten (geladen)")).to_be_visible(timeout=120_000)
        _rustig(page)
        assert (data / "vth.duckdb").stat().st_ino == oud  # the check published nothing
        page.screenshot(path=str(SCREENSHOTS / "Upload-controle.png"), full_page=True)

        with page.expect_download() as info:
            page.get_by_role("button", name="Terugmelding (Excel)").click()
        werkmap = tmp_path / info.value.suggested_filename
        info.value.save_as(werkmap)

        page.get_by_role("button", name="Publiceren").click()
        expect(page.get_by_text("Geladen en gepubliceerd")).to_be_visible(timeout=240_000)
        _rustig(page)
        page.screenshot(path=str(SCREENSHOTS / "Upload-gepubliceerd.png"), full_page=True)
        # the upload box is empty again: no file listed, nothing to check
        assert page.get_by_test_id("stFileUploaderFile").count() == 0
        expect(page.get_by_role("button", name="Controleren")).to_be_disabled()
        browser.close()

    assert werkmap.name == "terugmelding.xlsx"
    blad = fastexcel.read_excel(str(werkmap)).load_sheet("terugmelding").to_polars()
    assert blad.columns == ["Bestand", "Rij in het blad", "Kolom", "Waarde zoals geleverd",
                            "Reden"]
    assert blad.height == 9 and blad.row(0) == (
        "inzet_april.csv", 3.0, "datum", "31-02-2024",
        "geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)")
    assert (data / "vth.duckdb").stat().st_ino != oud
    con = duckdb.connect(str(data / "landing.duckdb"), read_only=True)
    try:
        assert con.sql("select count(*) from audit.ladingen where bron = 'inzet_april.csv'"
                       ).fetchall() == [(1,)]
    finally:
        con.close()
