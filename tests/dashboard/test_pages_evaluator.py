"""AppTest tests of ODT-uitvoering, Agenda and Indicatoren on the hand-made warehouse.

The base fixture (conftest.py) holds the ODT, agenda and before/after marts; this file adds,
only for its own tests, indicator and catalogue rows the other tests must not see (they count
the indicators of a year) and a tiny marts.vergaderingen for a drill-down. Every expected
string is computed by hand from those rows.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import fastexcel
import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test
from conftest import write_indicatoren, write_warehouse
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from dashboard import access, data

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
PAGINAS = {
    "odt": ("views/odt.py", "ODT-uitvoering"),
    "agenda": ("views/agenda.py", "Agenda"),
    "indicatoren": ("views/indicatoren.py", "Indicatoren"),
}

# (indicator_id, naam, definitie, eenheid, niveau, norm_sleutel, pro_rata, status_regel,
#  grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief, bron_document, bron_clausule,
#  volgorde)
EXTRA_KADER = [
    ("odt_uren_realisatie", "Realisatie ODT-uren", "100 × gerealiseerde / geplande uren.",
     "procent", "P,R", "odt_realisatie", False, "afwijking", "absoluut", 5.0, 10.0, False,
     "001_021759f0aa5ffc55.txt", "Begroting 2024", 4),
    ("odt_handhavingsratio", "Handhavingsratio ODT", "100 × hercontroles / periodiek.",
     "procent", "P,R", None, False, "geen", None, None, None, False,
     "001_021759f0aa5ffc55.txt", "Naleefgedrag", 5),
    ("vervangende_bijdrage", "Vervangende bijdrage", "Som van de vervangende bijdragen.", "euro",
     "P", None, False, "geen", None, None, None, False, "003_2a0ddb46bb1a03c6.txt", "Art. 7.3",
     6),
]
# ODT realisation: Enschede 230/240 h = 95,83 (groen, within 5), Hengelo 40/50 = 80 (rood),
# region 270/290 = 93,10 (oranje, within 10); products 22/24, 5/5, 27/29.
EXTRA_INDICATOREN = [
    ("odt_uren_realisatie", 2025, None, 100 * 270 / 290, 100.0, "oranje"),
    ("odt_uren_realisatie", 2025, "ENS", 100 * 230 / 240, 100.0, "groen"),
    ("odt_uren_realisatie", 2025, "HEN", 80.0, 100.0, "rood"),
    ("odt_uren_realisatie", 2024, None, 100.0, 100.0, "groen"),
    ("odt_uren_realisatie", 2024, "ENS", 100.0, 100.0, "groen"),
    ("odt_producten_realisatie", 2025, None, 100 * 27 / 29, 100.0, "oranje"),
    ("odt_producten_realisatie", 2025, "ENS", 100 * 22 / 24, 100.0, "oranje"),
    ("odt_producten_realisatie", 2025, "HEN", 100.0, 100.0, "groen"),
    ("odt_handhavingsratio", 2025, None, 25.0, None, None),
    ("odt_handhavingsratio", 2025, "ENS", 30.0, None, None),
    ("odt_handhavingsratio", 2025, "HEN", 20.0, None, None),
    ("odt_overtredingen_pct", 2025, None, 12.5, None, None),
    ("odt_overtredingen_pct", 2025, "ENS", 10.0, None, None),
    ("odt_strafrechtelijk", 2025, None, 3.0, None, None),
    ("odt_strafrechtelijk", 2025, "ENS", 2.0, None, None),
    ("odt_klachten", 2025, None, 6.0, None, None),
    ("agenda_op_tijd", 2025, None, 50.0, 100.0, "rood"),
    ("vervangende_bijdrage", 2025, "ENS", 2500.0, None, None),  # per participant only
]
VERGADERINGEN = [
    ("pho|2025-03-13|", "pho", "2025-03-13", None, 2025, 2, 2),
    ("pho|2025-06-12|", "pho", "2025-06-12", None, 2025, 2, 2),
    ("pho|2025-09-11|", "pho", "2025-09-11", None, 2025, 1, 2),
    ("pho|2025-12-11|", "pho", "2025-12-11", None, 2025, 2, 2),
    ("kerngroep|2025-01-20|", "kerngroep", "2025-01-20", None, 2025, 2, 2),
    ("pho|2024-03-14|", "pho", "2024-03-14", None, 2024, 2, 2),
]


@pytest.fixture(scope="module")
def _vorm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared fixture warehouse plus this file's rows, written once for the module."""
    path = write_warehouse(tmp_path_factory.mktemp("evaluator") / "vth.duckdb")
    con = duckdb.connect(str(path))
    try:
        kolommen = (
            "indicator_id, naam, definitie, eenheid, niveau, norm_sleutel, pro_rata, "
            "status_regel, grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief, "
            "bron_document, bron_clausule, volgorde"
        )
        con.executemany(
            f"insert into marts.evaluatiekader ({kolommen}) values ({', '.join(['?'] * 15)})",
            EXTRA_KADER,
        )
        write_indicatoren(con, EXTRA_INDICATOREN)
        # Replace, not add: this file's drill-down counts must not depend on others' rows.
        con.execute(
            "create or replace table marts.vergaderingen (vergadering_id varchar, "
            "gremium varchar, datum date, project varchar, jaar integer, "
            "aantal_aanwezig bigint, aantal_registraties bigint)"
        )
        con.executemany("insert into marts.vergaderingen values (?, ?, ?, ?, ?, ?, ?)",
                        VERGADERINGEN)
        # Drill-downs that must fail (whatever other pages' fixtures hold): a message, no crash.
        con.execute("drop table if exists marts.presentie")
        con.execute("drop table if exists marts.bijdragen_per_deelnemer")
    finally:
        con.close()
    return path


@pytest.fixture
def wh(_vorm: Path, data_dir: Path) -> Path:
    """A fresh copy of that warehouse published in this test's data directory (demo mode)."""
    return Path(shutil.copy(_vorm, data_dir / "vth.duckdb"))


@pytest.fixture
def media() -> Iterator[list[MemoryMediaFileStorage]]:
    """The in-memory file stores AppTest creates per run: where download bytes end up."""
    stores: list[MemoryMediaFileStorage] = []

    class Opslag(MemoryMediaFileStorage):
        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            stores.append(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(app_test, "MemoryMediaFileStorage", Opslag)
        yield stores


def open_page(pagina: str, rol: str = "pho", params: dict[str, str] | None = None) -> AppTest:
    """One run, straight to the page, as ``rol`` (the demo role picker's session key)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params or {"jaar": "2025", "deelnemer": "ENS"})
    at.session_state["rol"] = rol
    at.switch_page(PAGINAS[pagina][0]).run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="rol").value == rol
    return at


def tabel(at: AppTest, *koppen: str) -> pd.DataFrame:
    """The first table whose columns start with ``koppen``."""
    for df in at.dataframe:
        if tuple(df.value.columns[: len(koppen)]) == koppen:
            return df.value
    raise AssertionError(f"geen tabel met kolommen {koppen}")


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.proto.delta or None) for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def figuur(at: AppTest, titel: str) -> dict:
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if spec["layout"]["title"]["text"] == titel:
            return spec
    raise AssertionError(f"geen grafiek {titel!r}")


# --- every page, every role ----------------------------------------------------------------------
@pytest.mark.parametrize("rol", list(access.ROLLEN))
def test_every_page_renders_for_every_role(wh: Path, rol: str) -> None:
    at = open_page("odt", rol)
    for pagina, (bestand, titel) in PAGINAS.items():
        if pagina != "odt":
            at.switch_page(bestand).run()
        assert not at.exception, (pagina, at.exception)
        assert at.title[0].value == titel
        # every table on the page has download buttons (CSV and Excel at least)
        assert len(at.download_button) >= 2 * len(at.dataframe) - len(at.get("expander"))


# --- ODT-uitvoering ---------------------------------------------------------------------------
def test_odt_plan_and_realisation_per_participant(wh: Path) -> None:
    at = open_page("odt")
    deelnemers = tabel(at, "Deelnemer", "Uren gepland").set_index("Deelnemer")
    assert list(deelnemers.index) == ["Twente (regio)", "★ Enschede", "Hengelo"]
    assert deelnemers.loc["★ Enschede"].to_dict() == {
        "Uren gepland": "240,0",
        "Uren gerealiseerd": "230,0",
        "Realisatie uren": "95,8%",  # 230 / 240
        "Status uren": "● groen",
        "Producten gepland": "24",
        "Producten gerealiseerd": "22",
        "Realisatie producten": "91,7%",  # 22 / 24
        "Status producten": "▲ oranje",
    }
    assert deelnemers.loc["Twente (regio)", "Realisatie uren"] == "93,1%"  # 270 / 290
    assert deelnemers.loc["Hengelo", "Status uren"] == "■ rood"
    assert metrics(at)["Realisatie uren, Enschede"] == ("95,8%", "● groen")

    # Per taakveld for Enschede: toezicht 200/200, vergunningverlening 30/40.
    taakveld = tabel(at, "Taakveld", "Uren gepland").set_index("Taakveld")
    assert taakveld["Realisatie uren"].to_dict() == {
        "toezicht": "100,0%",
        "vergunningverlening": "75,0%",
    }
    maanden = figuur(at, "ODT-uren per maand, Enschede, 2025")
    assert maanden["data"][1]["x"] == ["jan", "feb"]
    assert maanden["data"][1]["y"] == [120.0, 110.0]

    naleving = tabel(at, "Deelnemer", "Handhavingsratio").set_index("Deelnemer")
    assert naleving.loc["Twente (regio)"].to_dict() == {
        "Handhavingsratio": "25,0%",
        "Controles met overtreding": "12,5%",
        "Strafrechtelijke zaken": "3",
        "Klachten": "6",
    }
    assert naleving.loc["Hengelo", "Controles met overtreding"] == "–"

    klachten = tabel(at, "Deelnemer", "geluid").set_index("Deelnemer")
    assert klachten.loc["Twente (regio)"].to_dict() == {"geluid": "3", "geur": "3", "Totaal": "6"}
    assert klachten.loc["Hengelo"].to_dict() == {"geluid": "–", "geur": "2", "Totaal": "2"}


def test_odt_scope_and_filters_change_what_is_shown(wh: Path) -> None:
    at = open_page("odt")
    at.radio(key="odt_schaal").set_value("regio").run()
    taakveld = tabel(at, "Taakveld", "Uren gepland").set_index("Taakveld")
    assert taakveld.loc["toezicht", "Realisatie uren"] == "96,0%"  # (200 + 40) / (200 + 50)
    assert "Per taakveld en product: Twente (regio)" in [h.value for h in at.header]

    at.sidebar.selectbox(key="filter_deelnemer").select("HEN").run()
    assert metrics(at)["Realisatie uren, Hengelo"] == ("80,0%", "■ rood")
    deelnemers = tabel(at, "Deelnemer", "Uren gepland")
    assert list(deelnemers["Deelnemer"]) == ["Twente (regio)", "Enschede", "★ Hengelo"]

    at.sidebar.selectbox(key="filter_jaar").select(2024).run()
    deelnemers = tabel(at, "Deelnemer", "Uren gepland").set_index("Deelnemer")
    assert deelnemers.loc["Enschede", "Realisatie uren"] == "100,0%"
    assert "Hengelo" not in deelnemers.index and "★ Hengelo" not in deelnemers.index
    assert "Er is geen ODT-productie" not in " ".join(i.value for i in at.info)


# --- Agenda ----------------------------------------------------------------------------------
def test_agenda_counts_lateness_and_history(wh: Path) -> None:
    at = open_page("agenda")
    kern = metrics(at)
    assert kern["Items"] == ("6", None)
    assert kern["Achterstallig"] == ("2", None)  # BO-B1 and BO-E1: deadline before 22-11-2026
    assert kern["Afgerond"] == ("2", "waarvan te laat: 1")
    assert kern["Op tijd afgerond 2025"] == ("50,0%", "■ rood")

    pijlers = tabel(at, "Pijler", "Items").set_index("Pijler")
    assert len(pijlers) == 7  # a–g, also the empty pillar d
    assert pijlers.loc["d. Bodem en ondergrond", "Items"] == "0"
    assert pijlers.loc["b. Ondermijning"].to_dict()["Achterstallig"] == "1"

    laat = tabel(at, "Id", "Soort")
    assert list(laat["Id"]) == ["BO-E1", "BO-B1", "PR-G1"]  # longest overdue first
    assert list(laat["Signaal"]) == [
        "⚠ achterstallig (236 dagen na deadline)",
        "⚠ achterstallig (53 dagen na deadline)",
        "te laat afgerond (35 dagen)",
    ]

    tijdlijn = figuur(at, "Tijdlijn: van start tot deadline")
    # status as text on the bars (and in the legend), not colour only; peildatum line
    teksten = [t for trace in tijdlijn["data"] for t in trace["text"]]
    assert "vertraagd · achterstallig" in teksten and "afgerond" in teksten
    assert {trace["name"] for trace in tijdlijn["data"]} == {"afgerond", "vertraagd", "lopend"}
    assert tijdlijn["layout"]["annotations"][0]["text"] == "peildatum 22-11-2026"
    assert "1 item(s) zonder start of deadline staan niet op de tijdlijn." in captions(at)

    at.selectbox(key="agenda_item").select("BO-B1").run()
    historie = tabel(at, "Geladen op", "Status")
    assert historie.to_dict("list")["Status"] == ["lopend", "vertraagd"]
    assert list(historie["Geladen op"]) == ["01-06-2026 10:00", "20-11-2026 16:00"]


def test_agenda_filters_change_the_lists(wh: Path) -> None:
    at = open_page("agenda")
    assert "6 van 6 items." in captions(at)
    at.multiselect(key="agenda_pijlers").select("b").run()
    assert "1 van 6 items." in captions(at)
    assert list(tabel(at, "Id", "Soort")["Id"]) == ["BO-B1"]

    at.multiselect(key="agenda_pijlers").unselect("b").run()
    at.toggle(key="agenda_alleen_jaar").set_value(True).run()
    assert "3 van 6 items." in captions(at)  # deadline in 2025: BO-A1, PR-G1, UP-F1
    assert list(tabel(at, "Id", "Soort")["Id"]) == ["PR-G1"]


# --- Indicatoren -----------------------------------------------------------------------------
def test_indicatoren_catalogue_series_and_before_after(wh: Path) -> None:
    at = open_page("indicatoren", "evaluator")
    catalogus = tabel(at, "Indicator", "Id").set_index("Id")
    assert list(catalogus.index) == [
        "pho_presentie", "inzet_uren", "pho_vergaderingen", "odt_uren_realisatie",
        "odt_handhavingsratio", "vervangende_bijdrage",
    ]
    assert catalogus["Statusregel"].to_dict() == {
        "pho_presentie": "groen ≥ 90,0%, oranje ≥ 75,0%, anders rood",
        "inzet_uren": "groen ≥ 100% van de norm, oranje ≥ 75% van de norm, anders rood",
        "pho_vergaderingen": "groen ≥ de norm, oranje ≥ de norm − 1, anders rood",
        "odt_uren_realisatie": (
            "groen binnen ±5 procentpunt van de norm, oranje binnen ±10 procentpunt, anders rood"
        ),
        "odt_handhavingsratio": "geen norm (informatief)",
        "vervangende_bijdrage": "geen norm (informatief)",
    }
    assert catalogus.loc["pho_presentie", "Bron"] == "003 Samenwerkingsovereenkomst, Art. 5.1"

    # Presentie PHO (first in the catalogue) over all years, status symbol next to the value.
    reeks = tabel(at, "Deelnemer", "2024", "2025").set_index("Deelnemer")
    assert reeks.loc["Twente (regio)"].to_dict() == {"2024": "80,0% ▲", "2025": "87,5% ▲"}
    assert reeks.loc["★ Enschede"].to_dict() == {"2024": "75,0% ▲", "2025": "100,0% ●"}
    assert reeks.loc["Hengelo"].to_dict() == {"2024": "–", "2025": "50,0% ■"}
    grafiek = figuur(at, "Presentie PHO per jaar")
    assert [t["name"] for t in grafiek["data"]] == ["Twente (regio)", "Enschede", "Norm"]
    assert grafiek["data"][0]["marker"]["symbol"] == ["triangle-up", "triangle-up"]

    voor_na = tabel(at, "Deelnemer", "Omslagpunt")
    assert voor_na.to_dict("records")[1] == {
        "Deelnemer": "Twente (regio)",
        "Omslagpunt": "Samenwerkingsovereenkomst (003 Art. 3.3), vanaf 01-11-2024",
        "Voor": "80,0%",
        "Jaren voor": "2024 (1 jaar)",
        "Na": "87,5%",
        "Jaren na": "2025 (1 jaar)",
        "Verschil": "+7,5 procentpunt",
    }
    assert voor_na.to_dict("records")[0]["Na"] == "83,8%"  # (80 + 87,5) / 2 = 83,75
    assert voor_na.to_dict("records")[0]["Jaren voor"] == "–"

    # marts.presentie is missing here: a Dutch message, not a crash
    assert "konden niet worden opgevraagd" in at.error[0].value

    at.selectbox(key="ind_indicator").select("inzet_uren").run()
    voor_na = tabel(at, "Deelnemer", "Omslagpunt")
    assert list(voor_na["Verschil"]) == ["+234,5 uur"]


def test_drill_down_from_a_value_to_its_rows(wh: Path) -> None:
    at = open_page("indicatoren", "evaluator")
    at.selectbox(key="ind_indicator").select("odt_uren_realisatie").run()
    assert at.selectbox(key="ind_herkomst_jaar").value == 2025
    assert at.selectbox(key="ind_herkomst_wie").value == "ENS"
    waarde = metrics(at)["Realisatie ODT-uren, Enschede, 2025"]
    assert waarde == ("95,8%", "● groen · 3 rijen in marts.odt_productie")
    rijen = tabel(at, "Jaar", "Maand", "Deelnemer (code)")  # Dutch labels (issue 14)
    assert len(rijen) == 3 and set(rijen["Deelnemer (code)"]) == {"ENS"}
    assert sorted(rijen["Uren gerealiseerd"]) == ["110", "30", "90"]  # 230 in total

    at.selectbox(key="ind_herkomst_wie").select_index(0).run()  # the region
    regio = metrics(at)["Realisatie ODT-uren, Twente (regio), 2025"]
    assert regio == ("93,1%", "▲ oranje · 4 rijen in marts.odt_productie")
    at.selectbox(key="ind_herkomst_jaar").select(2024).run()
    assert len(tabel(at, "Jaar", "Maand", "Deelnemer (code)")) == 1

    # Another indicator keeps the chosen year: PHO meetings 2024, one row, one meeting... of 3
    # in INDICATOREN; this file's marts.vergaderingen holds one 2024 meeting.
    at.selectbox(key="ind_indicator").select("pho_vergaderingen").run()
    assert metrics(at)["Aantal PHO-vergaderingen, Twente (regio), 2024"] == (
        "3", "▲ oranje · 1 rij in marts.vergaderingen"
    )
    at.selectbox(key="ind_herkomst_jaar").select(2025).run()
    assert metrics(at)["Aantal PHO-vergaderingen, Twente (regio), 2025"] == (
        "4", "● groen · 4 rijen in marts.vergaderingen"
    )

    # From the region of a region-only indicator to one without a region value: the choice
    # falls back to the chosen participant (its mart is missing here: a message, no crash).
    at.selectbox(key="ind_indicator").select("vervangende_bijdrage").run()
    assert not at.exception
    assert at.selectbox(key="ind_herkomst_wie").value == "ENS"
    assert "konden niet worden opgevraagd" in at.error[0].value


def test_herkomst_binds_parameters_and_refuses_odd_marts(wh: Path) -> None:
    versie = data.warehouse_version()
    assert data.herkomst(versie, "odt_uren_realisatie", 2025, "ENS").height == 3
    assert data.herkomst_query(versie, "odt_uren_realisatie", 2025, "ENS").row(0)[:2] == (
        "odt_productie", "jaar = 2025 and deelnemer_code = 'ENS'"
    )
    # a participant code is a bound value, never SQL text: no such herkomst row
    with pytest.raises(ValueError, match="geen herkomst"):
        data.herkomst(versie, "odt_uren_realisatie", 2025, "ENS' or '1'='1")
    with pytest.raises(ValueError, match="geen herkomst"):
        data.herkomst(versie, "pho_vergaderingen", 2025, "ENS")  # a region-only indicator
    con = duckdb.connect(str(wh))
    con.execute("update marts.herkomst set bron_mart = 'agenda; select 1' "
                "where indicator_id = 'odt_uren_realisatie'")
    con.close()
    with pytest.raises(ValueError, match="ongeldige herkomst-mart"):
        data.herkomst(data.warehouse_version(), "odt_uren_realisatie", 2025, None)


def test_rapportage_is_one_workbook_with_values_catalogue_and_before_after(
    wh: Path, media: list[MemoryMediaFileStorage]
) -> None:
    at = open_page("indicatoren", "evaluator")
    knop = at.download_button(key="rapportage")
    assert knop.label == "Rapportage 2025 (Excel)"
    bestand = Path(knop.proto.url).name
    inhoud = next(s.get_file(bestand).content for s in media if Path(bestand).stem
                  in s._files_by_id)

    werkmap = fastexcel.read_excel(inhoud)
    assert werkmap.sheet_names == ["Indicatoren 2025", "Catalogus", "Voor en na", "Toelichting"]
    waarden = werkmap.load_sheet("Indicatoren 2025").to_polars()
    assert waarden.columns == [
        "Indicator", "Id", "Jaar", "Deelnemer", "Code", "Eenheid", "Waarde", "Norm",
        "Norm tot peildatum", "Status",
    ]
    regio = waarden.filter(
        waarden["Id"] == "pho_presentie", waarden["Deelnemer"] == "Twente (regio)"
    )
    assert regio.row(0) == (
        "Presentie PHO", "pho_presentie", 2025, "Twente (regio)", None, "procent", 87.5, 90.0,
        90.0, "oranje",
    )
    ratio = waarden.filter(waarden["Id"] == "odt_handhavingsratio", waarden["Code"] == "ENS")
    assert ratio["Waarde"].item() == 30.0 and ratio["Status"].item() == "geen norm"
    # every catalogued value of 2025: 6 in the base fixture, 3 + 3 ODT rows and 1 bijdrage here
    assert waarden.height == 13

    catalogus = werkmap.load_sheet("Catalogus").to_polars()
    assert catalogus.height == 6
    assert catalogus.row(0, named=True)["Bron"] == "003 Samenwerkingsovereenkomst, Art. 5.1"

    voor_na = werkmap.load_sheet("Voor en na").to_polars()
    rij = voor_na.filter(voor_na["Id"] == "pho_presentie", voor_na["Code"] == "ENS",
                         voor_na["Omslagpunt"].str.starts_with("Samenwerkingsovereenkomst"))
    assert rij.select("Gemiddelde voor", "Gemiddelde na", "Verschil (na − voor)").row(0) == (
        75.0, 100.0, 25.0
    )
