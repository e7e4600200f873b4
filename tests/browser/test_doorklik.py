"""Issue 14 in a real headless chromium: a click on a bar of Indicatoren shows the records
behind that value, and a shared link opened while logged out lands, after the login, on its
page with its selection.

Same servers as tests/browser/test_browser.py (demo mode on the session's demo build; a login
server on a copy of it with the evaluator account eva).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect, sync_playwright

from tests.browser.test_browser import (  # noqa: F401  (fixtures used by name)
    CHROMIUM_ARGS,
    WACHTWOORD,
    _chromium,
    _rustig,
    app_url,
    demo_data,
    productie_url,
)

T = 60_000  # a loaded 2-core CI machine renders slowly
INDICATOR = "pho_presentie"  # per participant, rows in marts.presentie (detail: evaluator may)


def _staafgrafiek(page):
    return page.get_by_test_id("stPlotlyChart").filter(has_text="klik op een staaf")


def test_a_click_on_a_bar_shows_the_records_behind_it(app_url):  # noqa: F811
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(f"{app_url}/indicatoren?indicator={INDICATOR}")
        expect(page.get_by_role("heading", name="Indicatoren", level=1)).to_be_visible(timeout=T)
        _rustig(page)
        # demo mode: become the evaluator, who may see the rows behind a value
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
            has_text="Rol (demo)").click()
        page.get_by_role("option", name="Evaluator").click()
        _rustig(page)

        grafiek = _staafgrafiek(page)
        grafiek.scroll_into_view_if_needed()
        expect(grafiek.locator(".barlayer .point")).not_to_have_count(0, timeout=T)
        # The third bar (the first two: region and the first participant by name).
        naam = grafiek.locator(".xtick text").nth(2).text_content()
        vak = grafiek.locator(".barlayer .point path").nth(2).bounding_box()
        assert naam and vak
        # Plotly takes clicks on its drag layer, above the bar: click where the bar is.
        page.mouse.click(vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] * 0.75)
        _rustig(page)

        metric = page.get_by_test_id("stMetric").filter(has_text="Presentie PHO")
        expect(metric).to_contain_text(f"Presentie PHO, {naam}, ", timeout=T)
        expect(metric).to_contain_text(re.compile(r"\d+ rij(en)? in marts\.presentie"), timeout=T)
        # the rows themselves: the herkomst table with its Dutch column labels
        tabel = page.get_by_test_id("stDataFrame").last
        expect(tabel).to_be_visible(timeout=T)
        expect(tabel).to_contain_text("Deelnemer (code)", timeout=T)
        assert re.search(r"[?&]herkomst=[A-Z]+", page.url), page.url  # the click is in the URL
        page.screenshot(path="tests/artifacts/screenshots/doorklik.png", full_page=True)
        browser.close()


def test_a_shared_link_opens_its_page_and_selection_after_login(productie_url):  # noqa: F811
    link = (f"{productie_url}/indicatoren?jaar=2025&deelnemer=ENS&indicator={INDICATOR}"
            "&herkomst_jaar=2025&herkomst=ENS")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(link)  # logged out: the login form first
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible(timeout=T)
        page.get_by_label("Gebruikersnaam").fill("eva")
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()

        expect(page.get_by_role("heading", name="Indicatoren", level=1)).to_be_visible(timeout=T)
        _rustig(page)
        metric = page.get_by_test_id("stMetric").filter(has_text="Presentie PHO")
        expect(metric).to_contain_text("Presentie PHO, Enschede, 2025", timeout=T)
        assert "/indicatoren" in page.url
        for param in (f"indicator={INDICATOR}", "herkomst=ENS", "herkomst_jaar=2025",
                      "deelnemer=ENS", "jaar=2025"):
            assert param in page.url, (param, page.url)
        browser.close()
