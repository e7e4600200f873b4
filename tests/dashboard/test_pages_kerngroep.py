"""AppTest tests of Overzicht, Bijdragen and Vergaderingen on the hand-made warehouse.

The base fixture (conftest.py) holds contributions, monthly hours, meetings and attendance for
Enschede and Hengelo. This file adds, only for its own tests, a third party (Twenterand), the
fulfilment series 2022-2025 behind "onder de norm sinds", and catalogue and indicator rows the
other tests must not see (they count the organisations and the indicators of a year). Every
expected string below is computed by hand from those rows.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import conftest  # this folder's fixture module (pytest puts the folder on sys.path)
import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_bestuur import tegels

from dashboard import access

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
PAGINAS = {
    "overzicht": ("views/overzicht.py", "Overzicht"),
    "bijdragen": ("views/bijdragen.py", "Bijdragen"),
    "vergaderingen": ("views/vergaderingen.py", "Vergaderingen"),
}

# Bijdrage-vervulling (value, status) per party and year. "Onder de norm" = oranje or rood:
# in 2025 Twenterand since 2022 (4 years), Hengelo since 2024 (2023 was groen), Enschede not;
# in 2024 Twenterand since 2022 (3 years), Hengelo since 2024 (1 year).
REEKS = {
    "ENS": [(2022, 50.0, "rood"), (2023, 60.0, "rood"), (2024, 100.0, "groen"),
            (2025, 100 * 140 / 130, "groen")],
    "HEN": [(2022, 40.0, "rood"), (2023, 110.0, "groen"), (2024, 80.0, "oranje"),
            (2025, 90.0, "oranje")],
    "TWR": [(2022, 0.0, "rood"), (2023, 5.0, "rood"), (2024, 8.0, "rood"),
            (2025, 10.0, "rood")],
}
# Twenterand: 13 Twentebreed hours in 2025 (10,0%), 10,4 in 2024 (8,0%); half its fixed
# contribution paid in 2025.
TWR_BIJDRAGEN = [
    ("TWR", 2025, 1, 13.0, 0.0, 13.0, 0.0, 0.0, 0.0, 130.0, 20.8, 23.4, 94.9, 10000.0, 0.0,
     10000.0, 5000.0, 400.0, 10.0),
    ("TWR", 2024, 1, 10.4, 0.0, 10.4, 0.0, 0.0, 0.0, 130.0, 20.8, 23.4, 94.9, 10000.0, 0.0,
     10000.0, 10000.0, 400.0, 8.0),
]
EXTRA_INDICATOREN = [
    *[("bijdrage_vervulling", jaar, code, waarde, 100.0, status)
      for code, reeks in REEKS.items() for jaar, waarde, status in reeks],
    ("vaste_bijdrage_betaald", 2025, "ENS", 100.0, 100.0, "groen"),
    ("vaste_bijdrage_betaald", 2025, "HEN", 0.0, 100.0, "rood"),
    ("vaste_bijdrage_betaald", 2025, "TWR", 50.0, 100.0, "oranje"),
    ("bijdrage_norm_gehaald", 2025, None, 100 / 3, 100.0, "rood"),
    # ODT realisation as the mart computes it from conftest.ODT_PRODUCTIE: Enschede 230 of 240
    # hours, the region 270 of 290.
    ("odt_uren_realisatie", 2025, None, 100 * 270 / 290, 100.0, "oranje"),
    ("odt_uren_realisatie", 2025, "ENS", 100 * 230 / 240, 100.0, "groen"),
]
KADER_KOLOMMEN = (
    "indicator_id, naam, definitie, eenheid, niveau, norm_sleutel, pro_rata, status_regel, "
    "grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief, bron_document, "
    "bron_clausule"
)
EXTRA_KADER = [
    ("bijdrage_vervulling", "Vervulling bijdrage", "100 × (uren / urennorm + vervangend / "
     "10.000).", "procent", "P", "bijdrage_vervulling", False, "minimum", "absoluut", 100.0,
     75.0, False, "003_2a0ddb46bb1a03c6.txt", "Art. 7.3"),
]


@pytest.fixture
def kerngroep(warehouse: Path) -> Path:
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("insert into marts.organisaties (code, naam, soort, partij) "
                    "values ('TWR', 'Twenterand', 'gemeente', true)")
        conftest.write_bijdragen(con, TWR_BIJDRAGEN)
        conftest.write_indicatoren(con, EXTRA_INDICATOREN)
        con.executemany(
            f"insert into marts.evaluatiekader ({KADER_KOLOMMEN}) "
            f"values ({', '.join(['?'] * 14)})",
            EXTRA_KADER,
        )
        # the published catalogue always has an order (the board report's tiles read it)
        con.execute("update marts.evaluatiekader set volgorde = 13 where volgorde is null")
    finally:
        con.close()
    return warehouse


def start(rol: str = "pho", pagina: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(query)
    at.run()
    if rol != "pho":
        at.sidebar.selectbox(key="rol").select(rol).run()
    if pagina:
        at.switch_page(PAGINAS[pagina][0]).run()
    assert not at.exception, at.exception
    return at


def tabel(at: AppTest, kolom: str) -> pd.DataFrame:
    """The first table on the page with this column."""
    return next(df.value for df in at.dataframe if kolom in df.value.columns)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


# --- Access -------------------------------------------------------------------------------------
def test_pages_render_for_every_role_that_may_open_them(kerngroep: Path) -> None:
    at = start()
    for rol in access.ROLLEN:
        at.sidebar.selectbox(key="rol").select(rol).run()
        for pagina, (bestand, titel) in PAGINAS.items():
            if not access.mag_pagina(pagina, rol):
                with pytest.raises(ValueError, match="Could not find a navigation page"):
                    at.switch_page(bestand)  # not in this role's navigation at all
                continue
            at.switch_page(bestand).run()
            assert not at.exception, (rol, pagina, at.exception)
            assert [t.value for t in at.title] == [titel], (rol, pagina)
            assert not at.error, (rol, pagina)
    # The table these pages follow: the board sees the overview only.
    assert [p for p in PAGINAS if access.mag_pagina(p, "pho")] == ["overzicht"]
    assert all(access.mag_pagina(p, r) for p in PAGINAS
               for r in ("kerngroep", "evaluator", "beheerder"))


def test_pho_is_refused_by_the_page_itself(kerngroep: Path) -> None:
    for pagina in ("bijdragen", "vergaderingen"):
        direct = AppTest.from_file(str(ROOT / "dashboard" / PAGINAS[pagina][0]))
        direct.session_state["rol"] = "pho"
        direct.run()
        assert [e.value for e in direct.error] == [
            "Je rol (PHO (bestuur)) heeft geen toegang tot deze pagina."
        ], pagina
        assert not direct.dataframe and not direct.metric and not direct.title


# --- Bijdragen ----------------------------------------------------------------------------------
def test_bijdragen_ranks_lowest_fulfilment_first_with_achterstand(kerngroep: Path) -> None:
    at = start("kerngroep", "bijdragen")
    assert at.sidebar.selectbox(key="filter_jaar").value == 2025

    rang = tabel(at, "Positie").set_index("Partij")
    assert list(rang.index) == ["Twenterand", "Hengelo", "▶ Enschede"]
    assert list(rang["Positie"]) == [1, 2, 3]
    assert list(rang["Vervulling"]) == ["10,0%", "90,0%", "107,7%"]
    assert list(rang["Status"]) == ["■ rood", "▲ oranje", "● groen"]
    assert list(rang["Onder de norm sinds"]) == ["2022 (4 jaren)", "2024 (2 jaren)", "–"]
    assert rang.loc["▶ Enschede", "Uren / norm"] == "140,0 / 130,0"
    assert rang.loc["▶ Enschede", "Projectgroepen / norm"] == "85,0 / 94,9"
    assert rang.loc["Hengelo", "Vervangende bijdrage"] == "€ 2.000,00"
    assert rang.loc["Hengelo", "Vaste bijdrage betaald"] == "€ 0,00"
    assert rang.loc["Hengelo", "Status vaste bijdrage"] == "■ rood"
    assert rang.loc["Twenterand", "Vaste bijdrage betaald"] == "€ 5.000,00"

    vakken = metrics(at)
    assert vakken["Partijen die de norm halen"] == "33,3%"
    assert vakken["Vervulling"] == "107,7%"
    assert vakken["Uren"] == "140,0 uur"
    assert vakken["Onder de norm sinds"] == "–"

    # Down to the month: Enschede's 2025 hours by gremium.
    maanden = tabel(at, "Maand").set_index("Maand")
    assert maanden.loc["januari"].to_dict() == {
        "Kerngroep": "10,0", "Twentebreed": "–", "Projectgroepen": "40,0", "Overig": "–"
    }
    assert maanden.loc["november", "Overig"] == "5,0"

    # The trend: one row per party, one column per year with contributions.
    verloop = tabel(at, "2024").set_index("Partij")
    assert verloop.loc["Hengelo"].to_dict() == {"2024": "80,0%", "2025": "90,0%"}


def test_bijdragen_follows_jaar_and_deelnemer(kerngroep: Path) -> None:
    at = start("kerngroep", "bijdragen")
    at.sidebar.selectbox(key="filter_jaar").select(2024).run()
    at.sidebar.selectbox(key="filter_deelnemer").select("HEN").run()
    assert not at.exception, at.exception

    rang = tabel(at, "Positie").set_index("Partij")
    assert list(rang.index) == ["Twenterand", "▶ Hengelo", "Enschede"]
    assert list(rang["Vervulling"]) == ["8,0%", "80,0%", "100,0%"]
    assert list(rang["Onder de norm sinds"]) == ["2022 (3 jaren)", "2024 (1 jaar)", "–"]
    assert "Detail: Hengelo, 2024" in [s.value for s in at.subheader]
    assert metrics(at)["Onder de norm sinds"] == "2024"
    assert "Geen uren geregistreerd voor Hengelo in 2024." in [i.value for i in at.info]


# --- Vergaderingen ------------------------------------------------------------------------------
def test_vergaderingen_counts_and_attendance_matrix(kerngroep: Path) -> None:
    at = start("kerngroep", "vergaderingen")

    vakken = metrics(at)
    assert vakken["PHO 2025"] == "4"
    assert vakken["Kerngroep 2025"] == "1"
    assert vakken["Projectgroepen 2025"] == "1"
    assert "norm 4 · ● groen" in captions(at)

    pct = tabel(at, "Twentebreed").set_index("Deelnemer")
    assert pct.loc["Regio (gemiddelde)", "PHO"] == "87,5% ▲ oranje"
    assert pct.loc["▶ Enschede", "PHO"] == "100,0% ● groen"
    assert pct.loc["Hengelo", "PHO"] == "50,0% ■ rood"

    # PHO first: Hengelo was present, excused, absent, represented (by Enschede).
    matrix = tabel(at, "Presentie").set_index("Deelnemer")
    assert list(matrix.columns) == [
        "13-03-2025", "12-06-2025", "11-09-2025", "11-12-2025", "Presentie"
    ]
    assert matrix.loc["▶ Enschede"].to_list() == ["✓", "✓", "✓", "✓", "100,0%"]
    assert matrix.loc["Hengelo"].to_list() == ["✓", "A", "–", "V", "50,0%"]
    assert "Vertegenwoordigd: Hengelo op 11-12-2025 door Enschede." in captions(at)
    assert any(c.startswith("✓ aanwezig · V vertegenwoordigd · A afgemeld · – afwezig · leeg: "
                            "niet geregistreerd") for c in captions(at))

    # Kerngroep: Hengelo was expected but nothing was registered -> a blank cell.
    at.selectbox(key="vergaderingen_gremium").select("kerngroep").run()
    matrix = tabel(at, "14-01-2025").set_index("Deelnemer")
    assert matrix["14-01-2025"].to_dict() == {"▶ Enschede": "✓", "Hengelo": ""}

    # Project groups: a column per date and project, only who registered.
    at.selectbox(key="vergaderingen_gremium").select("projectgroep").run()
    matrix = tabel(at, "05-02-2025 Bodemkwaliteit")
    assert matrix.to_dict("records") == [
        {"Deelnemer": "▶ Enschede", "05-02-2025 Bodemkwaliteit": "✓"}
    ]


def test_vergaderingen_follows_jaar(kerngroep: Path) -> None:
    at = start("kerngroep", "vergaderingen")
    at.sidebar.selectbox(key="filter_jaar").select(2024).run()
    at.sidebar.selectbox(key="filter_deelnemer").select("HEN").run()
    assert not at.exception, at.exception
    assert metrics(at)["PHO 2024"] == "3"
    matrix = tabel(at, "Presentie").set_index("Deelnemer")
    assert list(matrix.columns)[:3] == ["14-03-2024", "13-06-2024", "12-09-2024"]
    assert matrix.loc["Enschede"].to_list()[:3] == ["✓", "✓", "A"]
    assert matrix.loc["▶ Hengelo"].to_list()[:3] == ["✓", "✓", "✓"]


# --- Overzicht ----------------------------------------------------------------------------------
def test_overzicht_compares_parties_agenda_and_odt(kerngroep: Path) -> None:
    at = start()
    assert at.session_state["rol"] == "pho"

    # Traffic-light tiles carry the status as text and symbol.
    tegel = tegels(at)["bijdrage_vervulling"]
    assert tegel[:2] == ["**● groen** · Enschede", "Vervulling bijdrage  \n**107,7%**"]
    assert tegel[2].endswith("norm 100%")

    # Enschede against the other parties, lowest first, default indicator: vervulling.
    assert at.selectbox(key="overzicht_vergelijk").value == "bijdrage_vervulling"
    vergelijking = tabel(at, "Waarde")
    assert vergelijking.to_dict("records") == [
        {"Deelnemer": "Twenterand", "Waarde": "10,0%", "Norm": "100%", "Status": "■ rood"},
        {"Deelnemer": "Hengelo", "Waarde": "90,0%", "Norm": "100%", "Status": "▲ oranje"},
        {"Deelnemer": "▶ Enschede", "Waarde": "107,7%", "Norm": "100%", "Status": "● groen"},
    ]

    # Agenda: items per status and overdue at peildatum 22-11-2026, from conftest.AGENDA.
    per_status = Counter(r[7] for r in conftest.AGENDA)
    achterstallig = sum(r[13] for r in conftest.AGENDA)
    vakken = metrics(at)
    for status in ("gepland", "lopend", "vertraagd", "afgerond", "gestopt"):
        assert vakken[status.capitalize()] == str(per_status[status])
    assert vakken["Achterstallig"] == str(achterstallig)
    open_na_peildatum = sorted(
        (r[6], r[0]) for r in conftest.AGENDA
        if r[6] >= "2026-11-22" and r[7] not in ("afgerond", "gestopt")
    )[:5]
    deadlines = tabel(at, "Deadline")
    assert list(deadlines["Agendapunt"]) == [a for _, a in open_na_peildatum]
    assert deadlines["Deadline"].iloc[0] == "-".join(reversed(open_na_peildatum[0][0].split("-")))

    # ODT: hours planned and realised (sums of conftest.ODT_PRODUCTIE) and the indicators.
    odt = tabel(at, "Uren gepland").set_index("Niveau")
    assert odt.loc["Regio", "Uren gepland"] == "290"
    assert odt.loc["Regio", "Realisatie uren"] == "93,1%"
    assert odt.loc["Regio", "Status uren"] == "▲ oranje"
    assert odt.loc["Enschede", "Uren gerealiseerd"] == "230"
    assert odt.loc["Enschede", "Realisatie uren"] == "95,8%"

    # Another participant: the highlight and the ODT row follow.
    at.sidebar.selectbox(key="filter_deelnemer").select("HEN").run()
    assert not at.exception, at.exception
    assert list(tabel(at, "Waarde")["Deelnemer"]) == ["Twenterand", "▶ Hengelo", "Enschede"]
    odt = tabel(at, "Uren gepland").set_index("Niveau")
    assert odt.loc["Hengelo", "Uren gepland"] == "50"
    assert odt.loc["Hengelo", "Realisatie uren"] == "–"  # no indicator row for Hengelo here
