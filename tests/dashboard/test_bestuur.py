"""The PHO's first screen (issue 15): the summary, the tiles (own, region, last year, trend), the
board report as PDF from the dashboard, notes on figures and the Logboek's names for them.

On the hand-made warehouse (conftest.py; peildatum 22-11-2026), for Enschede in 2025. Expected
strings by hand from conftest.INDICATOREN and conftest.AGENDA:
- Presentie PHO: ENS 100,0 (groen, norm 90), region 87,5; 2024 ENS 75,0 -> ↑ beter.
- Ingezette uren: ENS 140 (groen, norm 130), region 1.234,5; no ENS value in 2024 -> "–".
- PHO-vergaderingen (region only): 4 (groen, norm 4); 2024: 3 -> ↑ beter.
- Summary: both own norms met ("alle 2 normen"); 1 of 2 indicators as good as the region
  (presentie 100 >= 87,5; hours 140 < 1.234,5); the PHO met 4 times; agenda: 2 items overdue on
  22-11-2026, Enschede leads 'Bibob-beleid harmoniseren'.
Extra rows for the party count: bijdrage_vervulling 2025 ENS 107,69 and HEN 90,0 -> "1 van 2".
"""

from __future__ import annotations

import json
from pathlib import Path

import conftest  # this folder's fixture module
import duckdb
import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"

SAMENVATTING_ENS_2025 = [
    "In 2025 voldeed Enschede aan alle 2 normen voor de eigen cijfers (groen).",
    "Vergeleken met de regio doet Enschede het op 1 van de 2 indicatoren met een norm even goed "
    "of beter. Enschede zette 140,0 uur in (norm 130 uur); een partij zette gemiddeld 140,0 uur "
    "in.",
    "Het PHO vergaderde in 2025 4 keer (norm 4); Enschede was bij 100,0% daarvan aanwezig of "
    "vertegenwoordigd (gemiddelde van de partijen: 87,5%).",
    "Op de peildatum 22-11-2026 zijn 2 agenda-items over de deadline en niet afgerond; Enschede "
    "is trekker van 1 daarvan: ‘Bibob-beleid harmoniseren’.",
]


def start(rol: str = "pho", pagina: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"jaar": "2025", "deelnemer": "ENS", **query})
    at.session_state["rol"] = rol
    if pagina:
        at.switch_page(f"views/{pagina}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _ontsnapt(tekst: str) -> str:
    """Markdown as shown: the escaping backslashes removed."""
    return tekst.replace("\\", "")


def tegels(at: AppTest) -> dict[str, list[str]]:
    """indicator_id -> the texts of its tile, top to bottom."""
    found: dict[str, list[str]] = {}

    def loop(node) -> None:
        if not isinstance(node, Block):
            return
        blok_id = getattr(node.proto, "id", "") or ""
        if "-tegel_" in blok_id:
            found[blok_id.split("-tegel_", 1)[1]] = [
                _ontsnapt(e.value) for e in node.children.values()
                if getattr(e, "type", "") in ("markdown", "caption")
            ]
            return
        for kind in node.children.values():
            loop(kind)

    loop(at.main)
    return found


def samenvatting(at: AppTest) -> list[str]:
    blok = next(m.value for m in at.markdown if m.value.startswith("- In "))
    return [_ontsnapt(r[2:]) for r in blok.split("\n")]


def test_summary_is_the_reports_summary(warehouse: Path) -> None:
    at = start()
    assert "Samenvatting" in [h.value for h in at.subheader]
    assert samenvatting(at) == SAMENVATTING_ENS_2025

    # the same rules as the PDF: the report's own function on the same warehouse
    from report import samenvatting as regels
    from report import stoplicht
    from report.bron import open_bron
    from report.gegevens import laad

    with open_bron() as (con, pub):
        cijfers = laad(con, pub, 2025, "ENS")
    assert regels.samenvatting(cijfers, stoplicht.rijen(cijfers)) == SAMENVATTING_ENS_2025


def test_tiles_show_own_region_and_last_year_with_trend(warehouse: Path) -> None:
    at = start()
    t = tegels(at)
    assert list(t) == ["pho_presentie", "inzet_uren", "pho_vergaderingen"]  # catalogue order
    assert t["pho_presentie"] == [
        "**● groen** · Enschede", "Presentie PHO  \n**100,0%**",
        "regio: 87,5%  \n2024: 75,0% ↑ beter  \nnorm 90%",
    ]
    assert t["inzet_uren"] == [
        "**● groen** · Enschede", "Ingezette uren  \n**140,0 uur**",
        "regio: 1.234,5 uur  \n2024: –  \nnorm 130 uur",
    ]
    assert t["pho_vergaderingen"] == [
        "**● groen** · regio", "Aantal PHO-vergaderingen  \n**4**", "2024: 3 ↑ beter  \nnorm 4",
    ]
    assert "**0** × ■ rood · **0** × ▲ oranje · **3** × ● groen" in [m.value for m in at.markdown]

    # Each tile opens its detail page with the same filters; the PHO may not open
    # Vergaderingen, so its meeting tiles open Indicatoren.
    links = at.get("page_link")
    assert len(links) == 3
    assert {json.dumps(dict(x.proto.query_string and [(k, v) for k, v in (
        p.split("=") for p in x.proto.query_string.split("&"))] or []), sort_keys=True)
        for x in links} == {'{"deelnemer": "ENS", "jaar": "2025"}'}
    assert [x.proto.page.rsplit("/", 1)[-1] for x in links] == ["indicatoren"] * 3

    kern = start("kerngroep")
    assert [x.proto.page.rsplit("/", 1)[-1] for x in kern.get("page_link")] == [
        "vergaderingen", "bijdragen", "vergaderingen"]


@pytest.fixture
def partijen(warehouse: Path) -> Path:
    """The contribution norm per party (conftest.BIJDRAGEN: ENS 140/130, HEN 90,0)."""
    con = duckdb.connect(str(warehouse))
    try:
        conftest.write_indicatoren(con, [
            ("bijdrage_vervulling", 2025, "ENS", 100 * 140 / 130, 100.0, "groen"),
            ("bijdrage_vervulling", 2025, "HEN", 90.0, 100.0, "oranje"),
            ("bijdrage_norm_gehaald", 2025, None, 50.0, 100.0, "rood"),
        ])
        con.execute(
            "insert into marts.evaluatiekader (indicator_id, naam, definitie, eenheid, niveau, "
            "norm_sleutel, pro_rata, status_regel, grens_basis, grens_groen, grens_oranje, "
            "grens_oranje_exclusief, bron_document, bron_clausule, volgorde) values "
            "('bijdrage_vervulling', 'Vervulling bijdrage', 'x', 'procent', 'P', "
            "'bijdrage_vervulling', false, 'minimum', 'absoluut', 100, 75, false, "
            "'003_2a0ddb46bb1a03c6.txt', 'Art. 7.3', 13), "
            "('bijdrage_norm_gehaald', 'Partijen die hun bijdrage leveren', 'x', 'procent', "
            "'R', 'bijdrage_norm_gehaald', false, 'minimum', 'absoluut', 100, 75, false, "
            "'003_2a0ddb46bb1a03c6.txt', 'Art. 7.3', 14)"
        )
    finally:
        con.close()
    return warehouse


def test_party_counts_are_one_of_n_not_a_percentage(partijen: Path) -> None:
    at = start()
    t = tegels(at)
    assert t["bijdrage_norm_gehaald"][:2] == [
        "**■ rood** · regio", "Partijen die hun bijdrage leveren  \n**1 van 2 partijen**"]
    assert t["bijdrage_vervulling"][:2] == [
        "**● groen** · Enschede", "Vervulling bijdrage  \n**107,7%**"]
    # the parties' mean: (107,69 + 90) / 2 = 98,85 -> 98,9
    assert t["bijdrage_vervulling"][2].startswith("gem. partijen: 98,9%")
    assert list(t)[0] == "bijdrage_norm_gehaald"  # rood first
    assert ("1 van de 2 partijen leverden in 2025 hun volledige bijdrage (vervulling ten minste "
            "100%); Enschede wel, met 107,7%.") in samenvatting(at)


def test_a_participant_without_own_figures_shows_the_region_and_says_so(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute("insert into marts.organisaties (code, naam, soort, partij) "
                "values ('TWR', 'Twenterand', 'gemeente', true)")
    con.close()
    at = start(deelnemer="TWR")  # a party without indicator rows
    assert "Twenterand (TWR) heeft geen eigen cijfers over 2025. Getoond wordt de regio." in [
        i.value for i in at.info]
    assert samenvatting(at)[0] == (
        "In 2025 voldeed de regio aan 1 van de 3 normen voor de regionale cijfers (groen); "
        "1 vraagt aandacht (oranje) en 1 haalt de norm niet (rood).")


def test_board_report_button_gives_the_clis_pdf_and_logs_an_export(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    managers: list[MediaFileManager] = []

    class Beheer(MediaFileManager):
        def __init__(self, storage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Beheer)
    at = start()
    knop = at.download_button(key="bestuursrapportage_pdf")
    assert knop.proto.label == "Bestuursrapportage (PDF)" and knop.proto.ignore_rerun
    file_id = knop.proto.deferred_file_id
    manager = next(m for m in managers if file_id in m._deferred_callables)
    assert manager.execute_deferred(file_id)  # builds the file as the browser's request does
    regel = json.loads((warehouse.parent / "logboek" / "logboek.jsonl").read_text(
        encoding="utf-8").splitlines()[-1])
    assert regel["actie"] == "export" and regel["rol"] == "pho"
    assert regel["details"] == {"tabel": "bestuursrapportage", "formaat": "pdf", "jaar": 2025,
                                "deelnemer": "ENS"}

    from dashboard import bestuur
    from report.__main__ import main as cli

    uit = warehouse.parent / "cli.pdf"
    assert cli(["--jaar", "2025", "--deelnemer", "ENS", "--out", str(uit)]) == 0
    assert bestuur.rapport_pdf(2025, "ENS", "kim", "pho") == uit.read_bytes()
    assert uit.read_bytes().startswith(b"%PDF-")


def test_notes_beside_the_figure_written_by_the_kerngroep(warehouse: Path) -> None:
    at = start("kerngroep")
    at.selectbox(key="overzicht_toelichting_indicator").select("inzet_uren")
    at.radio(key="overzicht_toelichting_voor").set_value("ENS")
    at.text_area(key="overzicht_toelichting_tekst").input("Twee projecten *later* gestart")
    at.button(key="FormSubmitter:overzicht_toelichting_nieuw-Toelichting opslaan").click().run()
    assert not at.exception and not at.error, (at.exception, at.error)
    assert [s.value for s in at.success] == ["Toelichting 1 opgeslagen bij Ingezette uren 2025."]
    regel = next(x for x in tegels(at)["inzet_uren"] if x.startswith("Toelichting: "))
    assert regel.startswith("Toelichting: Twee projecten *later* gestart (demo, ")
    assert regel.endswith("; Enschede; nr. 1)")

    # Indicatoren shows it beside the same figure
    at.switch_page("views/indicatoren.py").run()
    at.selectbox(key="ind_indicator").select("inzet_uren").run()
    assert any("Twee projecten \\*later\\* gestart" in i.value for i in at.info)

    # The Logboek: who, which role, with Dutch action names
    lines = [json.loads(x) for x in (warehouse.parent / "logboek" / "logboek.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert [(x["actie"], x["gebruiker"], x["rol"], x["details"]) for x in lines] == [
        ("toelichting_toegevoegd", "demo", "kerngroep",
         {"nummer": 1, "indicator_id": "inzet_uren", "jaar": 2025, "deelnemer": "ENS"}),
    ]

    # Remove it (Overzicht), then the Logboek page names both actions in Dutch
    at.switch_page("views/overzicht.py").run()
    at.button(key="overzicht_toelichting_weg_1").click().run()
    assert [s.value for s in at.success] == ["Toelichting 1 verwijderd."]
    assert not any(x.startswith("Toelichting: ") for x in tegels(at)["inzet_uren"])
    at.sidebar.selectbox(key="rol").select("beheerder").run()
    at.switch_page("views/logboek.py").run()
    assert not at.exception
    tabel = at.dataframe[0].value
    assert list(tabel["Actie"]) == ["Toelichting verwijderd", "Toelichting toegevoegd"]


def test_a_refused_note_says_why_and_the_pho_gets_no_editor(warehouse: Path) -> None:
    at = start("beheerder")
    at.selectbox(key="overzicht_toelichting_indicator").select("pho_vergaderingen")
    at.radio(key="overzicht_toelichting_voor").set_value("ENS")
    at.text_area(key="overzicht_toelichting_tekst").input("Alleen voor Enschede")
    at.button(key="FormSubmitter:overzicht_toelichting_nieuw-Toelichting opslaan").click().run()
    assert [e.value for e in at.error] == [
        "pho_vergaderingen is een regionale indicator: een toelichting per deelnemer kan daar "
        "niet; laat de deelnemer weg."
    ]
    assert not (warehouse.parent / "toelichtingen" / "toelichtingen.jsonl").exists() or \
        "Alleen voor" not in (warehouse.parent / "toelichtingen" / "toelichtingen.jsonl"
                              ).read_text(encoding="utf-8")

    pho = start("pho")
    assert not [e for e in pho.expander if "Toelichtingen" in e.label]
    with pytest.raises(KeyError):
        pho.text_area(key="overzicht_toelichting_tekst")
