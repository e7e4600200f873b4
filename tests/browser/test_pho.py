"""The PHO's pages in a real headless chromium (issue 15, items 4 and 5), on the demo build:

- axe-core (the npm package, installed by scripts/install-axe.sh, injected with Playwright; no
  rule disabled, no element excluded) finds no serious or critical violation on any page the
  PHO can open, nor on any page of the beheerder (who sees every page and the note editor);
  the counts per page go to tests/artifacts/axe/axe.json;
- Overzicht at tablet (820 px) and phone (390 px) width: no horizontal overflow (the page and
  Streamlit's own scroll container: scrollWidth <= clientWidth) and no KPI value cut off, with
  screenshots in tests/artifacts/screenshots/;
- the "Bestuursrapportage (PDF)" button gives the same bytes as ``python -m report`` on the
  same warehouse.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from dashboard import access
from dashboard.app import PAGINAS
from tests.browser.test_browser import CHROMIUM_ARGS, _chromium, _rustig, _server, alle_paginas

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTEN = REPO / "tests" / "artifacts"
ERNSTIG = ("serious", "critical")


@pytest.fixture(scope="module")
def pho_url(demo_data_dir):
    """The dashboard in demo mode on the session's demo build (peildatum 30-06-2026)."""
    yield from _server({**os.environ, "VTH_DATA_DIR": str(demo_data_dir), "VTH_DEMO": "1"})


def _axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now (all rules, whole document)."""
    assert AXE.is_file(), "axe-core is missing: make axe (scripts/install-axe.sh)"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,"
        " doel: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


def _rol(page, rol: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Rol (demo)").click()
    page.get_by_role("option", name=access.ROLLEN[rol], exact=True).click()
    _rustig(page)


def _overzicht(page) -> None:
    """The first page is there (a loaded 2-core machine renders slowly)."""
    expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible(timeout=60_000)


def _open(page, titel: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=titel, exact=True).click()
    expect(page.get_by_role("heading", name=titel, level=1)).to_be_visible(timeout=60_000)
    _rustig(page)
    page.wait_for_timeout(1000)  # charts and tables finish drawing


def test_axe_finds_no_serious_or_critical_violation(pho_url) -> None:
    gevonden: dict[str, list[dict]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        for rol in access.ROLLEN:  # every page of every role (issue 15)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(pho_url)
            _overzicht(page)
            _rustig(page)
            if rol != "pho":  # the demo's first role
                _rol(page, rol)
            alle_paginas(page)  # with many pages Streamlit folds the sidebar list
            for _, sleutel, _, titel, _ in PAGINAS:
                if not access.mag_pagina(sleutel, rol):
                    continue
                _open(page, titel)
                if sleutel == "overzicht" and rol == "beheerder":
                    page.get_by_text("schrijven of verwijderen").click()  # the note editor
                    page.wait_for_timeout(500)
                gevonden[f"{rol}/{sleutel}"] = _axe(page)
            page.close()
        browser.close()
    (ARTEFACTEN / "axe").mkdir(parents=True, exist_ok=True)
    (ARTEFACTEN / "axe" / "axe.json").write_text(
        json.dumps(gevonden, ensure_ascii=False, indent=1), encoding="utf-8")
    ernstig = {waar: [v for v in lijst if v["impact"] in ERNSTIG]
               for waar, lijst in gevonden.items()}
    assert len(gevonden) == sum(
        access.mag_pagina(sleutel, rol) for rol in access.ROLLEN for _, sleutel, *_ in PAGINAS
    )
    assert {"pho/overzicht", "deelnemer/eigen", "kerngroep/achterstanden",
            "evaluator/query", "beheerder/logboek"} <= set(gevonden)
    assert not any(ernstig.values()), {w: v for w, v in ernstig.items() if v}


_OVERLOOP = """() => {
  const te_breed = el => el && el.scrollWidth > el.clientWidth + 1;
  const main = document.querySelector('[data-testid="stMain"]');
  const afgekapt = [...document.querySelectorAll('[data-testid="stMetricValue"] *')]
    .filter(el => el.children.length === 0 && el.scrollWidth > el.clientWidth + 1)
    .map(el => el.textContent);
  return {pagina: te_breed(document.documentElement), main: te_breed(main),
          breedte: document.documentElement.scrollWidth, afgekapt: afgekapt,
          sidebar: document.querySelector('[data-testid="stSidebar"]')
                   ?.getAttribute('data-collapsed')};
}"""


@pytest.mark.parametrize("breedte", [820, 390])
def test_overzicht_fits_a_tablet_and_a_phone(pho_url, breedte: int) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": breedte, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(pho_url)
        _overzicht(page)
        _rustig(page)
        # the page collapses the sidebar once it is drawn (dashboard/toegankelijkheid.py)
        page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                               "?.getAttribute('data-collapsed') === 'true'", timeout=20_000)
        page.wait_for_timeout(1500)
        meting = page.evaluate(_OVERLOOP)
        # Streamlit scrolls inside its main element: a viewport as tall as the page shows all
        hoogte = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')"
                               ".scrollHeight")
        page.set_viewport_size({"width": breedte, "height": min(hoogte + 50, 12_000)})
        page.wait_for_timeout(1500)
        meting_lang = page.evaluate(_OVERLOOP)
        (ARTEFACTEN / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTEN / "screenshots" / f"PHO_overzicht_{breedte}px.png"),
                        full_page=True)
        browser.close()
    assert meting["sidebar"] == "true", meting  # collapsed: the page gets the whole width
    for m in (meting, meting_lang):
        assert not m["pagina"] and not m["main"], m
        assert m["breedte"] <= breedte
        assert m["afgekapt"] == [], m


def test_board_report_button_gives_the_same_bytes_as_the_command(
    pho_url, demo_data_dir, tmp_path: Path
) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(60_000)
        page.goto(pho_url)
        _overzicht(page)
        _rustig(page)
        knop = page.get_by_role("button", name="Bestuursrapportage (PDF)")
        with page.expect_download(timeout=120_000) as info:
            knop.click()
        naam = info.value.suggested_filename
        info.value.save_as(tmp_path / naam)
        browser.close()
    jaar, code = re.fullmatch(r"bestuursrapportage_(\d{4})_([A-Z]+)\.pdf", naam).groups()
    uit = tmp_path / "cli.pdf"
    subprocess.run(
        [sys.executable, "-m", "report", "--jaar", jaar, "--deelnemer", code, "--out", str(uit)],
        env={**os.environ, "VTH_DATA_DIR": str(demo_data_dir)}, cwd=REPO, check=True,
        capture_output=True,
    )
    assert (tmp_path / naam).read_bytes() == uit.read_bytes()
    regels = (demo_data_dir / "logboek" / "logboek.jsonl").read_text(encoding="utf-8")
    laatste = [json.loads(r) for r in regels.splitlines() if '"bestuursrapportage"' in r][-1]
    assert laatste["actie"] == "export" and laatste["rol"] == "pho"
    assert laatste["details"] == {"tabel": "bestuursrapportage", "formaat": "pdf",
                                  "jaar": int(jaar), "deelnemer": code}
